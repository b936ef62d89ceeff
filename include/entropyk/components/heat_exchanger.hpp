// Condenser and evaporator with a secondary fluid (air, water, brine) on the other side.
//
// Models (docs/design.md §4, docs/components.md):
// - epsilon-NTU with one UA: the refrigerant is lumped at its saturation temperature (Cr = 0),
//     Q = eps C_sec |T_sat - T_sec,in|,  eps = 1 - exp(-UA / C_sec).
//   Cheap and robust; the superheated and subcooled parts are not resolved.
// - moving boundary: the refrigerant side is split into zones (condenser: superheated, two-phase,
//   subcooled; evaporator: two-phase, superheated), each an epsilon-NTU exchanger with the area
//   fraction f_z of the total UA. The fractions are unknowns of the solve with sum f_z = 1, and
//   each zone's heat from the refrigerant enthalpies equals what its share of area can transfer.
//   A zone that is not needed (no subcooling, a wet evaporator outlet) has zero required heat and
//   its fraction goes to zero continuously. Secondary side: cross-flow coils split the secondary
//   flow over the zones in proportion to area (air passes each zone once, in parallel);
//   counter-flow exchangers pass the secondary stream through the zones in series. (Formulation
//   after Bell, Quoilin et al., "ACHP" documentation, and Jensen & Tummescheit, "Moving boundary
//   models for dynamic simulations of two-phase flows", Modelica 2002.)
// Optional refrigerant pressure drop: fixed, or dp_nominal (m / m_nominal)^2.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "entropyk/components/component.hpp"
#include "entropyk/components/effectiveness.hpp"
#include "entropyk/components/secondary_fluid.hpp"

namespace entropyk {

enum class HxModel : std::uint8_t { epsilon_ntu, moving_boundary };

struct PressureDrop {
    enum class Kind : std::uint8_t { none, fixed, quadratic } kind = Kind::none;
    double dp = 0.0;        ///< Pa: the fixed drop, or the drop at m_nominal
    double m_nominal = 1.0; ///< kg/s (quadratic)

    static PressureDrop fixed(Pressure dp) { return {Kind::fixed, dp.si(), 1.0}; }
    static PressureDrop quadratic(Pressure dp_nominal, MassFlow m_nominal) {
        return {Kind::quadratic, dp_nominal.si(), m_nominal.si()};
    }
    [[nodiscard]] double at(double m) const noexcept {
        switch (kind) {
        case Kind::none: return 0.0;
        case Kind::fixed: return dp;
        case Kind::quadratic: return dp * (m / m_nominal) * std::fabs(m / m_nominal);
        }
        return 0.0;
    }
};

namespace detail {

/// Shared engine; `Condensing` selects condenser (3 zones, refrigerant gives heat) or evaporator
/// (2 zones, refrigerant takes heat).
template <bool Condensing>
class SecondaryExchanger {
  public:
    static constexpr int n_zones = Condensing ? 3 : 2;

    SecondaryExchanger(HxModel model, ThermalConductance UA, SecondaryFluid secondary, FlowArrangement arrangement,
                       PressureDrop dp)
        : model_(model), UA_(UA.si()), sec_(secondary), arr_(arrangement), dp_(dp) {}

    [[nodiscard]] Role role() const noexcept { return Condensing ? Role::condenser : Role::evaporator; }
    [[nodiscard]] int n_controls() const noexcept { return model_ == HxModel::moving_boundary ? n_zones : 0; }
    [[nodiscard]] int n_equations() const noexcept {
        return 3 + (model_ == HxModel::moving_boundary ? n_zones : 0) + (has_subcooling() ? 1 : 0);
    }
    /// Condensers only: specify the outlet subcooling, the loop's charge condition in off-design.
    [[nodiscard]] bool has_subcooling() const noexcept { return Condensing && std::isfinite(subcooling_); }
    void set_subcooling(double K) noexcept { subcooling_ = K; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        static constexpr const char* cond_zones[] = {"superheated zone heat", "two-phase zone heat",
                                                     "subcooled zone heat"};
        static constexpr const char* evap_zones[] = {"two-phase zone heat", "superheated zone heat"};
        if (has_subcooling() && k == n_equations() - 1) return {"outlet subcooling", EquationKind::charge};
        switch (k) {
        case 0: return {"pressure drop", EquationKind::pressure};
        case 1: return {"mass balance", EquationKind::mass_balance};
        case 2:
            return model_ == HxModel::epsilon_ntu ? EquationInfo{"energy balance (epsilon-NTU)", EquationKind::enthalpy}
                                                  : EquationInfo{"zone fractions sum to one", EquationKind::enthalpy};
        default: return {Condensing ? cond_zones[k - 3] : evap_zones[k - 3], EquationKind::enthalpy};
        }
    }

    [[nodiscard]] Result<void> validate() const {
        if (Condensing && !std::isnan(subcooling_) && !detail::finite_nonnegative(subcooling_))
            return ThermoError::format(Errc::invalid_argument, "subcooling = %g K: expected >= 0", subcooling_);
        if (!detail::finite_positive(UA_))
            return ThermoError::format(Errc::invalid_argument, "UA = %g W/K: expected a positive number", UA_);
        if (!(dp_.dp >= 0.0 && std::isfinite(dp_.dp) && dp_.m_nominal > 0.0))
            return ThermoError::format(Errc::invalid_argument,
                                       "pressure drop = %g Pa at %g kg/s: expected dp >= 0 "
                                       "and a positive nominal flow",
                                       dp_.dp, dp_.m_nominal);
        return sec_.validate();
    }

    /// Zone fractions start from a typical split.
    void initial_controls(std::span<double> u) const {
        if (model_ != HxModel::moving_boundary) return;
        if constexpr (Condensing) {
            u[0] = 0.15, u[1] = 0.75, u[2] = 0.10;
        } else {
            u[0] = 0.85, u[1] = 0.15;
        }
    }

    /// Bounds of the zone fractions for every solver step (cycles/detail/loop.hpp clamp): a zone
    /// covers between none and all of the area. Without them a Newton step from a poor start can
    /// send one fraction to -6e4 and another to +6e4 (their sum still 1), where the line search
    /// only crawls.
    void clamp_controls(std::span<double> u) const {
        if (model_ != HxModel::moving_boundary) return;
        for (double& f : u) f = std::clamp(f, 0.0, 1.0);
    }

    [[nodiscard]] bool residuals(const PropertyService& props, const EdgeState& in, const EdgeState& out,
                                 std::span<const double> u, std::span<double> r, ThermoError& err) const {
        r[0] = (out.p - (in.p - dp_.at(in.m))) / scale::pressure;
        r[1] = (out.m - in.m) / scale::mass_flow;
        if (has_subcooling()) {
            auto sat = props.sat_p(out.p);
            if (!detail::take(sat, err)) return false;
            auto st = props.ph(out.p, out.h);
            if (!detail::take(st, err)) return false;
            // Inside the dome the "subcooling" continues linearly in enthalpy (1 % quality ~ -1 K)
            // so the equation stays monotonic while the solver passes through a wet outlet.
            const double hl = sat->h_liquid.si(), hv = sat->h_vapor.si();
            const double sc = st->phase == fluids::Phase::two_phase ? -(out.h - hl) / (hv - hl) * 100.0
                                                                    : sat->T_bubble.si() - st->T.si();
            r[static_cast<std::size_t>(n_equations() - 1)] = (sc - subcooling_) / scale::temperature;
        }
        if (model_ == HxModel::epsilon_ntu) {
            double Q = 0.0; // heat into the refrigerant
            if (!lumped_heat(props, in, Q, err)) return false;
            r[2] = (out.h - (in.h + Q / in.m)) / scale::enthalpy;
            return true;
        }
        std::array<double, n_zones> req{}, avail{};
        if (!zones(props, in, out, u, req, avail, err)) return false;
        double sum = 0.0;
        for (int z = 0; z < n_zones; ++z) sum += u[static_cast<std::size_t>(z)];
        r[2] = sum - 1.0;
        for (int z = 0; z < n_zones; ++z)
            r[static_cast<std::size_t>(3 + z)] =
                (req[static_cast<std::size_t>(z)] - avail[static_cast<std::size_t>(z)]) / scale::power;
        return true;
    }

    [[nodiscard]] bool sweep(const PropertyService& props, EdgeState& in, EdgeState& out, std::span<double>) const {
        ThermoError err;
        double Q = 0.0;
        if (!lumped_heat(props, in, Q, err)) return false;
        out.p = in.p - dp_.at(in.m);
        out.m = in.m;
        out.h = in.h + Q / in.m;
        return true;
    }

    /// The refrigerant saturates a little beyond the secondary inlet: the automatic initial guess.
    void hints(const PropertyService& props, GuessHints& g) const {
        const double T = sec_.inlet_temperature() + (Condensing ? 10.0 : -10.0);
        auto s = props.sat_t(std::clamp(T, props.fluid().T_min().si() + 1.0, props.fluid().T_critical().si() - 2.0));
        (Condensing ? g.T_secondary_high : g.T_secondary_low) = sec_.inlet_temperature();
        if (has_subcooling()) g.subcooling = subcooling_;
        if (!s) return;
        (Condensing ? g.p_high : g.p_low) = Condensing ? s->p_dew.si() : s->p_bubble.si();
    }

    void report(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double> u,
                ComponentReport& rep) const {
        rep.heat_rate = in.m * (out.h - in.h);
        ThermoError err;
        double T_out = 0.0;
        if (sec_.outlet_temperature(-rep.heat_rate, T_out, err)) rep.secondary_outlet_T = T_out;
        rep.secondary_inlet_T = sec_.inlet_temperature();
        auto s1 = props.ph(in.p, in.h);
        auto s2 = props.ph(out.p, out.h);
        if (s1 && s2 && std::isfinite(T_out)) {
            const double T_in = sec_.inlet_temperature();
            const double T_lm = std::fabs(T_out - T_in) > 1e-9 ? (T_out - T_in) / std::log(T_out / T_in) : T_in;
            rep.entropy_generation = in.m * (s2->s.si() - s1->s.si()) - rep.heat_rate / T_lm;
        }
        if (model_ == HxModel::moving_boundary) rep.control_value = u[0];
    }

    [[nodiscard]] Result<void> set_input(Input which, double v) {
        switch (which) {
        case Input::secondary_inlet_temperature: sec_.set_inlet_temperature(v); break;
        case Input::secondary_mass_flow: sec_.set_mass_flow(v); break;
        case Input::subcooling:
            if (!has_subcooling()) return detail::not_an_input("condenser without a subcooling specification", which);
            subcooling_ = v;
            break;
        default: return detail::not_an_input(Condensing ? "condenser" : "evaporator", which);
        }
        return validate();
    }

    [[nodiscard]] const SecondaryFluid& secondary() const noexcept { return sec_; }
    [[nodiscard]] HxModel model() const noexcept { return model_; }
    [[nodiscard]] double ua() const noexcept { return UA_; }

    /// Per-zone effectiveness and required heat at a solution (for reports and tests).
    struct ZoneInfo {
        std::array<double, n_zones> fraction{}, heat{}, effectiveness{};
    };
    [[nodiscard]] bool zone_info(const PropertyService& props, const EdgeState& in, const EdgeState& out,
                                 std::span<const double> u, ZoneInfo& zi) const {
        ThermoError err;
        std::array<double, n_zones> avail{};
        for (int z = 0; z < n_zones; ++z) zi.fraction[static_cast<std::size_t>(z)] = u[static_cast<std::size_t>(z)];
        return zones(props, in, out, u, zi.heat, avail, err, &zi.effectiveness);
    }

  private:
    /// epsilon-NTU with the refrigerant lumped at its saturation temperature (mean of bubble and
    /// dew for a gliding blend).
    bool lumped_heat(const PropertyService& props, const EdgeState& in, double& Q, ThermoError& err) const {
        auto sat = props.sat_p(in.p);
        if (!detail::take(sat, err)) return false;
        double C = 0.0;
        if (!sec_.capacity_rate(C, err)) return false;
        const double T_sat = 0.5 * (sat->T_bubble.si() + sat->T_dew.si());
        const double eps = effectiveness(UA_ / C, 0.0, arr_);
        Q = eps * C * (sec_.inlet_temperature() - T_sat); // > 0 into an evaporating refrigerant
        return true;
    }

    /// The refrigerant's heat-capacity rate across the two-phase zone of a blend, whose temperature
    /// glides from the bubble to the dew point: m (h'' - h') / (T_dew - T_bubble), the mean slope
    /// of h(T) along the isobar. With it the zone is an epsilon-NTU exchanger between two finite
    /// streams (the usual treatment of zeotropic mixtures in moving-boundary models, e.g.
    /// Radermacher & Hwang, "Vapor Compression Heat Pumps with Refrigerant Mixtures", CRC Press
    /// 2005), so the secondary stream never crosses the refrigerant's local temperature. Zero for
    /// the pure and pseudo-pure fluids: their two-phase zone stays isothermal at the mean of the
    /// bubble and dew temperatures (R410A: a 0.1 K glide), as it always was.
    [[nodiscard]] static double glide_C(const PropertyService& props, double m, double hv, double hl, double Tdew,
                                        double Tbub) noexcept {
        if (!props.fluid().is_blend() || !(Tdew - Tbub > 1e-6)) return 0.0;
        return m * (hv - hl) / (Tdew - Tbub);
    }

    /// Single-phase refrigerant heat-capacity rate between two temperatures, falling back to a
    /// finite-difference cp next to the saturation line when the zone is (nearly) empty.
    bool single_phase_C(const PropertyService& props, double m, double dh, double dT, double T_edge, double p,
                        double& C, ThermoError& err) const {
        if (std::fabs(dT) > 0.05) {
            C = m * dh / dT;
            return C > 0.0;
        }
        const double Ta = T_edge + (Condensing ? 0.0 : 0.0), off = 0.5;
        auto s1 = props.tp(Ta + off * (dT >= 0 ? 1.0 : -1.0), p);
        auto s2 = props.tp(Ta + 2 * off * (dT >= 0 ? 1.0 : -1.0), p);
        if (!detail::take(s1, err) || !detail::take(s2, err)) return false;
        C = m * (s2->h.si() - s1->h.si()) / (s2->T.si() - s1->T.si());
        return C > 0.0;
    }

    /// Heat a zone of area fraction f can transfer, odd-extended to f < 0 so the residual stays
    /// continuous while the solver passes through a vanishing zone.
    double zone_available(double f, double C_ref, double C_sec, double dT, double* eps_out = nullptr) const {
        const double af = std::fabs(f);
        if (af < 1e-300) {
            if (eps_out) *eps_out = 0.0;
            return 0.0;
        }
        const double Cs = arr_ == FlowArrangement::cross_flow ? af * C_sec : C_sec;
        const double Cmin = std::min(C_ref, Cs), Cmax = std::max(C_ref, Cs);
        const double eps = effectiveness(af * UA_ / Cmin, Cmin / Cmax, arr_);
        if (eps_out) *eps_out = eps;
        return (f > 0 ? 1.0 : -1.0) * eps * Cmin * dT;
    }

    bool zones(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double> u,
               std::array<double, n_zones>& req, std::array<double, n_zones>& avail, ThermoError& err,
               std::array<double, n_zones>* eps = nullptr) const {
        auto sat = props.sat_p(in.p);
        if (!detail::take(sat, err)) return false;
        auto st_in = props.ph(in.p, in.h);
        if (!detail::take(st_in, err)) return false;
        auto st_out = props.ph(out.p, out.h);
        if (!detail::take(st_out, err)) return false;
        double C_sec = 0.0;
        if (!sec_.capacity_rate(C_sec, err)) return false;
        const double m = in.m, hv = sat->h_vapor.si(), hl = sat->h_liquid.si();
        const double Tdew = sat->T_dew.si(), Tbub = sat->T_bubble.si(), Ts = sec_.inlet_temperature();
        constexpr double inf = 1e300;
        std::array<double, n_zones> e{};
        if constexpr (Condensing) {
            // Zones in refrigerant order: superheated, two-phase, subcooled.
            req[0] = m * std::max(in.h - std::max(hv, out.h), 0.0);
            req[1] = m * std::max(std::min(in.h, hv) - std::max(out.h, hl), 0.0);
            req[2] = m * std::max(std::min(in.h, hl) - out.h, 0.0);
            double C_sh = 0.0, C_sc = 0.0;
            if (!single_phase_C(props, m, in.h - hv, st_in->T.si() - Tdew, Tdew, in.p, C_sh, err)) return false;
            if (!single_phase_C(props, m, hl - out.h, Tbub - st_out->T.si(), Tbub, in.p, C_sc, err)) return false;
            // Counter-flow: the secondary meets the subcooled zone first.
            const bool series = arr_ == FlowArrangement::counter_flow;
            const double Ts_sc = Ts;
            const double Ts_tp = series ? Ts + req[2] / C_sec : Ts;
            const double Ts_sh = series ? Ts_tp + req[1] / C_sec : Ts;
            avail[0] = zone_available(u[0], C_sh, C_sec, st_in->T.si() - Ts_sh, &e[0]);
            if (const double C_tp = glide_C(props, m, hv, hl, Tdew, Tbub); C_tp > 0.0)
                // A blend: the zone's refrigerant cools along its glide, from the dew point (or a
                // two-phase inlet) towards the bubble point.
                avail[1] = zone_available(u[1], C_tp, C_sec, (in.h >= hv ? Tdew : st_in->T.si()) - Ts_tp, &e[1]);
            else
                avail[1] = zone_available(u[1], inf, C_sec, 0.5 * (Tdew + Tbub) - Ts_tp, &e[1]);
            avail[2] = zone_available(u[2], C_sc, C_sec, Tbub - Ts_sc, &e[2]);
        } else {
            // Zones in refrigerant order: two-phase, superheated.
            req[0] = m * std::max(std::min(out.h, hv) - in.h, 0.0);
            req[1] = m * std::max(out.h - std::max(in.h, hv), 0.0);
            double C_sh = 0.0;
            if (!single_phase_C(props, m, out.h - hv, st_out->T.si() - Tdew, Tdew, in.p, C_sh, err)) return false;
            // Counter-flow: the secondary meets the superheated zone first.
            const bool series = arr_ == FlowArrangement::counter_flow;
            const double Ts_sh = Ts;
            const double Ts_tp = series ? Ts - req[1] / C_sec : Ts;
            if (const double C_tp = glide_C(props, m, hv, hl, Tdew, Tbub); C_tp > 0.0) {
                // A blend: the zone's refrigerant warms along its glide, from the (two-phase) inlet
                // temperature towards the dew point.
                avail[0] = zone_available(u[0], C_tp, C_sec, Ts_tp - std::min(st_in->T.si(), Tdew), &e[0]);
            } else {
                const double T_tp = 0.5 * (std::min(st_in->T.si(), Tdew) + Tdew);
                avail[0] = zone_available(u[0], inf, C_sec, Ts_tp - T_tp, &e[0]);
            }
            avail[1] = zone_available(u[1], C_sh, C_sec, Ts_sh - Tdew, &e[1]);
        }
        if (eps) *eps = e;
        return true;
    }

    HxModel model_;
    double UA_;
    SecondaryFluid sec_;
    FlowArrangement arr_;
    PressureDrop dp_;
    double subcooling_ = std::numeric_limits<double>::quiet_NaN();
};

} // namespace detail

/// Condenser cooled by a secondary fluid (air, water, brine).
class Condenser : public detail::SecondaryExchanger<true> {
  public:
    Condenser(HxModel model, ThermalConductance UA, SecondaryFluid secondary,
              FlowArrangement arrangement = FlowArrangement::cross_flow, PressureDrop dp = {})
        : SecondaryExchanger(model, UA, secondary, arrangement, dp) {}
    /// The same condenser with a specified outlet subcooling (the loop's charge condition).
    [[nodiscard]] Condenser with_subcooling(TemperatureDifference sc) const {
        Condenser c = *this;
        c.set_subcooling(sc.si());
        return c;
    }
};

/// Evaporator heated by a secondary fluid (air, water, brine).
class Evaporator : public detail::SecondaryExchanger<false> {
  public:
    Evaporator(HxModel model, ThermalConductance UA, SecondaryFluid secondary,
               FlowArrangement arrangement = FlowArrangement::cross_flow, PressureDrop dp = {})
        : SecondaryExchanger(model, UA, secondary, arrangement, dp) {}
};

static_assert(ComponentModel<Condenser>);
static_assert(ComponentModel<Evaporator>);

} // namespace entropyk
