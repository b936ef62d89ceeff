// Off-design compressor from manufacturer maps (AHRI 540 / EN 12900, see compressor_map.hpp).
//
// Superheat correction (Dabiri & Rice, "A compressor simulation model with corrections for the
// level of suction gas superheat", ASHRAE Transactions 87(2), 1981):
//   m = [1 + F (v_map / v_actual - 1)] m_map,          F = 0.75 (common) or 1 (pure density ratio)
//   W = W_map (m / m_map) (h2s,actual - h1,actual) / (h2s,map - h1,map)
// where "map" is the suction state at the rated superheat and the actual suction pressure.
// Speed: maps at several frequencies are interpolated linearly in frequency; a single map scales
// mass flow and power in proportion to speed (constant volumetric and isentropic behaviour per
// revolution). A shell heat-loss fraction f leaves the refrigerant with W (1 - f):
//   h2 = h1 + W (1 - f) / m.
#pragma once

#include <algorithm>
#include <array>
#include <initializer_list>
#include <span>

#include "entropyk/components/component.hpp"
#include "entropyk/components/compressor_map.hpp"

namespace entropyk {

struct MapCompressorOptions {
    double superheat_correction_factor = 0.75; ///< F of Dabiri & Rice; 1 = pure density ratio
    double heat_loss_fraction = 0.0;           ///< share of the power lost through the shell
    /// A speed more than this fraction beyond the lowest/highest map frequency is flagged
    /// (WarningCode::map_envelope): mass flow and power are then extrapolated from the maps.
    double speed_margin = 0.1;
};

class MapCompressor {
  public:
    static constexpr std::size_t max_maps = 8;
    using Options = MapCompressorOptions;

    /// One map; `speed` is the running frequency (mass flow and power scale with speed / rated).
    MapCompressor(const CompressorMap& map, Frequency speed, Options opt = {}) : MapCompressor({map}, speed, opt) {}
    /// Maps at several frequencies (at most 8), interpolated in frequency.
    MapCompressor(std::initializer_list<CompressorMap> maps, Frequency speed, Options opt = {})
        : MapCompressor(std::span<const CompressorMap>(maps.begin(), maps.size()), speed, opt) {}
    /// The same from a run-time list (validate() refuses more than max_maps).
    MapCompressor(std::span<const CompressorMap> maps, Frequency speed, Options opt = {})
        : requested_maps_(maps.size()), speed_(speed.si()), opt_(opt) {
        for (const auto& m : maps)
            if (n_maps_ < max_maps) maps_[n_maps_++] = m;
        std::sort(maps_.begin(), maps_.begin() + static_cast<std::ptrdiff_t>(n_maps_),
                  [](const CompressorMap& a, const CompressorMap& b) { return a.frequency() < b.frequency(); });
    }

    [[nodiscard]] Role role() const noexcept { return Role::compressor; }
    [[nodiscard]] int n_equations() const noexcept { return 3; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"energy balance (map power)", EquationKind::enthalpy};
        case 1: return {"mass balance", EquationKind::mass_balance};
        default: return {"map mass flow", EquationKind::flow};
        }
    }

    [[nodiscard]] Result<void> validate() const {
        if (n_maps_ == 0) return fail(Errc::invalid_argument, "a map compressor needs at least one map");
        if (requested_maps_ > max_maps)
            return ThermoError::format(Errc::invalid_argument, "%zu maps given: at most %zu frequencies are supported",
                                       requested_maps_, max_maps);
        if (!detail::finite_positive(speed_))
            return ThermoError::format(Errc::invalid_argument, "speed = %g Hz: expected a positive number", speed_);
        for (std::size_t i = 0; i < n_maps_; ++i) {
            if (!detail::finite_positive(maps_[i].frequency()))
                return ThermoError::format(Errc::invalid_argument,
                                           "map %zu: rated frequency = %g Hz: expected a "
                                           "positive number",
                                           i, maps_[i].frequency());
            if (!detail::finite_nonnegative(maps_[i].rated_superheat()))
                return ThermoError::format(Errc::invalid_argument, "map %zu: rated superheat = %g K: expected >= 0", i,
                                           maps_[i].rated_superheat());
            if (i > 0 && maps_[i].frequency() == maps_[i - 1].frequency())
                return ThermoError::format(Errc::invalid_argument, "two maps at the same frequency %g Hz",
                                           maps_[i].frequency());
        }
        if (!(opt_.superheat_correction_factor >= 0.0 && opt_.superheat_correction_factor <= 1.0))
            return ThermoError::format(Errc::invalid_argument, "superheat correction factor = %g: expected [0, 1]",
                                       opt_.superheat_correction_factor);
        for (std::size_t i = 0; i < n_maps_; ++i) {
            if (!maps_[i].has_envelope()) continue;
            const auto& e = maps_[i].envelope();
            if (!(e[0] > 0.0 && e[0] < e[1] && e[2] > 0.0 && e[2] < e[3] && std::isfinite(e[1]) && std::isfinite(e[3])))
                return ThermoError::format(Errc::invalid_argument,
                                           "map %zu: envelope suction %g..%g K, discharge %g..%g K: expected positive "
                                           "finite temperatures with min < max",
                                           i, e[0], e[1], e[2], e[3]);
        }
        if (!(opt_.speed_margin >= 0.0 && opt_.speed_margin < 1.0))
            return ThermoError::format(Errc::invalid_argument, "speed margin = %g: expected [0, 1)", opt_.speed_margin);
        if (!(opt_.heat_loss_fraction >= 0.0 && opt_.heat_loss_fraction < 1.0))
            return ThermoError::format(Errc::invalid_argument, "heat loss fraction = %g: expected [0, 1)",
                                       opt_.heat_loss_fraction);
        return {};
    }

    /// What the map gives at a suction state (p1, h1) and a discharge pressure p2.
    struct Operating {
        double m = 0.0;     ///< kg/s, corrected for superheat and speed
        double power = 0.0; ///< W, electrical/shaft power of the map
        double h2 = 0.0;    ///< J/kg, outlet enthalpy from the energy balance
        double T_suction_dew = 0.0, T_discharge_dew = 0.0;
    };

    [[nodiscard]] bool operating(const PropertyService& props, double p1, double h1, double p2, Operating& op,
                                 ThermoError& err) const {
        auto sat1 = props.sat_p(p1);
        if (!detail::take(sat1, err)) return false;
        auto sat2 = props.sat_p(p2);
        if (!detail::take(sat2, err)) return false;
        op.T_suction_dew = sat1->T_dew.si();
        op.T_discharge_dew = sat2->T_dew.si();
        // Map values at the running speed (interpolated in frequency) and the rated superheat.
        double m_map = 0.0, w_map = 0.0, sh_rated = 0.0;
        map_at_speed(op.T_suction_dew, op.T_discharge_dew, m_map, w_map, sh_rated);
        auto actual = props.ph(p1, h1);
        if (!detail::take(actual, err)) return false;
        auto rated = props.tp(op.T_suction_dew + sh_rated, p1);
        if (!detail::take(rated, err)) return false;
        const double F = opt_.superheat_correction_factor;
        op.m = (1.0 + F * (actual->rho.si() / rated->rho.si() - 1.0)) * m_map;
        auto h2s_act = props.ps(p2, actual->s.si());
        if (!detail::take(h2s_act, err)) return false;
        auto h2s_map = props.ps(p2, rated->s.si());
        if (!detail::take(h2s_map, err)) return false;
        const double dh_act = h2s_act->h.si() - h1;
        const double dh_map = h2s_map->h.si() - rated->h.si();
        op.power = w_map * (op.m / m_map) * (dh_act / dh_map);
        op.h2 = h1 + op.power * (1.0 - opt_.heat_loss_fraction) / op.m;
        return std::isfinite(op.h2) && op.m > 0.0;
    }

    [[nodiscard]] bool residuals(const PropertyService& props, const EdgeState& in, const EdgeState& out,
                                 std::span<const double>, std::span<double> r, ThermoError& err) const {
        Operating op;
        if (!operating(props, in.p, in.h, out.p, op, err)) return false;
        r[0] = (out.h - op.h2) / scale::enthalpy;
        r[1] = (out.m - in.m) / scale::mass_flow;
        r[2] = (in.m - op.m) / scale::mass_flow;
        return true;
    }

    [[nodiscard]] bool sweep(const PropertyService& props, EdgeState& in, EdgeState& out, std::span<double>) const {
        ThermoError err;
        Operating op;
        if (!operating(props, in.p, in.h, out.p, op, err)) return false;
        in.m = out.m = op.m;
        out.h = op.h2;
        return true;
    }

    void hints(const PropertyService&, GuessHints&) const {}

    void report(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double>,
                ComponentReport& rep) const {
        rep.power = in.m * (out.h - in.h);
        ThermoError err;
        Operating op;
        rep.electrical_power = operating(props, in.p, in.h, out.p, op, err) ? op.power : rep.power;
        // Shell losses leave at (at least) the discharge temperature: entropy generation bound.
        auto s1 = props.ph(in.p, in.h);
        auto s2 = props.ph(out.p, out.h);
        if (s1 && s2) {
            const double q_loss = rep.electrical_power - rep.power;
            rep.entropy_generation = in.m * (s2->s.si() - s1->s.si()) + q_loss / s2->T.si();
        }
        rep.control_value = speed_;
    }

    /// Flags a speed beyond the map frequencies (by more than Options::speed_margin) and suction or
    /// discharge dew points outside a map's published envelope: the polynomials are then used where
    /// they were not fitted (AHRI 540 §5) and the figures are extrapolations.
    void warnings(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double>,
                  std::int32_t self, const char* who, Warnings& w) const {
        const double f_lo = maps_[0].frequency(), f_hi = maps_[n_maps_ - 1].frequency();
        if (speed_ < f_lo * (1.0 - opt_.speed_margin) || speed_ > f_hi * (1.0 + opt_.speed_margin)) {
            if (n_maps_ == 1)
                w.add(WarningCode::map_envelope, self,
                      "%s: speed %.4g Hz is more than %.0f %% away from the map's %.4g Hz: mass flow and power are "
                      "scaled beyond the rating",
                      who, speed_, 100.0 * opt_.speed_margin, f_lo);
            else
                w.add(WarningCode::map_envelope, self,
                      "%s: speed %.4g Hz is outside the map frequencies %.4g..%.4g Hz (+-%.0f %%): mass flow and power "
                      "are extrapolated",
                      who, speed_, f_lo, f_hi, 100.0 * opt_.speed_margin);
        }
        auto s1 = props.sat_p(in.p);
        auto s2 = props.sat_p(out.p);
        if (!s1 || !s2) return;
        const double Ts = s1->T_dew.si(), Td = s2->T_dew.si();
        for (std::size_t i = 0; i < n_maps_; ++i) {
            if (!maps_[i].has_envelope()) continue;
            const auto& e = maps_[i].envelope();
            if (Ts < e[0] || Ts > e[1] || Td < e[2] || Td > e[3]) {
                w.add(WarningCode::map_envelope, self,
                      "%s: suction dew point %.1f C / discharge dew point %.1f C is outside the envelope of the "
                      "%.4g Hz map (suction %.1f..%.1f C, discharge %.1f..%.1f C)",
                      who, Ts - 273.15, Td - 273.15, maps_[i].frequency(), e[0] - 273.15, e[1] - 273.15, e[2] - 273.15,
                      e[3] - 273.15);
                return;
            }
        }
    }

    [[nodiscard]] Result<void> set_input(Input which, double v) {
        if (which != Input::compressor_speed) return detail::not_an_input("map compressor", which);
        if (!detail::finite_positive(v))
            return ThermoError::format(Errc::invalid_argument, "speed = %g Hz: expected a positive number", v);
        speed_ = v;
        return {};
    }

    [[nodiscard]] double speed() const noexcept { return speed_; }
    [[nodiscard]] const Options& options() const noexcept { return opt_; }

  private:
    void map_at_speed(double S, double D, double& m, double& w, double& sh) const {
        if (n_maps_ == 1) {
            const double k = speed_ / maps_[0].frequency();
            m = maps_[0].mass_flow(S, D) * k;
            w = maps_[0].power(S, D) * k;
            sh = maps_[0].rated_superheat();
            return;
        }
        std::size_t hi = 1;
        while (hi + 1 < n_maps_ && maps_[hi].frequency() < speed_) ++hi;
        const auto& a = maps_[hi - 1];
        const auto& b = maps_[hi];
        const double t = (speed_ - a.frequency()) / (b.frequency() - a.frequency());
        m = (1 - t) * a.mass_flow(S, D) + t * b.mass_flow(S, D);
        w = (1 - t) * a.power(S, D) + t * b.power(S, D);
        sh = (1 - t) * a.rated_superheat() + t * b.rated_superheat();
    }

    std::array<CompressorMap, max_maps> maps_{};
    std::size_t n_maps_ = 0;
    std::size_t requested_maps_ = 0;
    double speed_;
    Options opt_;
};

static_assert(ComponentModel<MapCompressor>);

} // namespace entropyk
