// Gas cooler: the high-side heat rejector of a transcritical cycle (CO2 above its critical
// pressure, 73.8 bar). Above p_c nothing condenses: the refrigerant is cooled as one supercritical
// phase from the compressor discharge to a liquid-like dense state, so no saturation state exists
// and none is asked for. Its outlet is fixed by one of three specifications:
//
// - outlet temperature: h_out = h(T_out, p_out) (design mode, as in the textbooks' "gas cooler
//   outlet at 35 C");
// - approach: T_out = T_sec,in + dT_approach, with a secondary stream (water, air, brine) whose
//   outlet temperature follows from the energy balance;
// - UA and a secondary stream in counter-flow, discretised along the refrigerant enthalpy. A
//   supercritical stream's cp peaks near the pseudo-critical temperature, so its T(h) is strongly
//   curved and the smallest temperature difference (the pinch) usually lies inside the exchanger,
//   not at an end: one lumped epsilon-NTU zone with a mean cp misses it and lets the refrigerant
//   reach the water inlet temperature at any pressure. Here T_ref(h) at the outlet pressure is
//   sampled on n_nodes enthalpies between h(T_sec,in) and h_in (linear between them), the
//   secondary temperature follows the energy balance (constant heat capacity rate C_sec at its
//   inlet), and the outlet is the h_out at which the segments' UA_k = Q_k / LMTD_k add up to the
//   given UA. UA_required falls monotonically from infinity at the pinch-limited outlet to 0 at
//   h_in, so the root is bracketed and found by bisection; the outlet can never cross the
//   secondary stream's temperature. (The segment-wise LMTD model of gas coolers: Pitla, Groll &
//   Ramadhyani, Int. J. Refrigeration 25 (2002) 887-895; Sarkar, Bhattacharyya & Gopal, Int. J.
//   Refrigeration 27 (2004) 830-838.)
//
// Equations: pressure drop (none, fixed or quadratic), mass balance, outlet specification. The
// high-side pressure is NOT fixed here: in a transcritical cycle it is a free choice that the
// high-pressure valve (components/high_pressure_valve.hpp) makes. Below p_c the same equations
// hold (the outlet is then subcooled liquid or vapour; a (T, p) outlet exactly on the saturation
// curve is refused by the property model).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "entropyk/components/component.hpp"
#include "entropyk/components/heat_exchanger.hpp"
#include "entropyk/components/secondary_fluid.hpp"

namespace entropyk {

enum class GasCoolerSpec : std::uint8_t {
    outlet_temperature, ///< T_out given
    approach,           ///< T_out = T_sec,in + approach
    ua,                 ///< UA against a secondary stream in counter-flow (discretised)
};

class GasCooler {
  public:
    /// The refrigerant leaves at T_out (K).
    static GasCooler outlet_temperature(Temperature T_out, PressureDrop dp = {}) {
        GasCooler g(GasCoolerSpec::outlet_temperature, dp);
        g.T_out_ = T_out.si();
        return g;
    }
    /// The refrigerant leaves `approach` K above the secondary inlet temperature.
    static GasCooler approach(TemperatureDifference approach, SecondaryFluid secondary, PressureDrop dp = {}) {
        GasCooler g(GasCoolerSpec::approach, dp);
        g.approach_ = approach.si();
        g.sec_ = secondary;
        g.has_secondary_ = true;
        return g;
    }
    /// Conductance UA against a secondary stream in counter-flow (discretised, header comment).
    static GasCooler ua(ThermalConductance UA, SecondaryFluid secondary, PressureDrop dp = {}) {
        GasCooler g(GasCoolerSpec::ua, dp);
        g.UA_ = UA.si();
        g.sec_ = secondary;
        g.has_secondary_ = true;
        return g;
    }
    /// Enthalpy nodes of the refrigerant profile of the UA model.
    static constexpr int n_nodes = 25;

    [[nodiscard]] GasCoolerSpec spec() const noexcept { return spec_; }
    [[nodiscard]] Role role() const noexcept { return Role::condenser; }
    [[nodiscard]] int n_equations() const noexcept { return 3; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"pressure drop", EquationKind::pressure};
        case 1: return {"mass balance", EquationKind::mass_balance};
        default:
            return spec_ == GasCoolerSpec::outlet_temperature
                       ? EquationInfo{"outlet temperature", EquationKind::enthalpy}
                   : spec_ == GasCoolerSpec::approach
                       ? EquationInfo{"outlet approach to the secondary inlet", EquationKind::enthalpy}
                       : EquationInfo{"energy balance (UA, counter-flow)", EquationKind::enthalpy};
        }
    }
    /// The loop may run above the critical pressure (cycles/detail/loop.hpp: clamp, guess).
    [[nodiscard]] bool allows_supercritical_pressure() const noexcept { return true; }

    [[nodiscard]] Result<void> validate() const {
        if (spec_ == GasCoolerSpec::outlet_temperature && !detail::finite_positive(T_out_))
            return ThermoError::format(Errc::invalid_argument,
                                       "gas cooler outlet temperature = %g K: expected a positive absolute temperature",
                                       T_out_);
        if (spec_ == GasCoolerSpec::approach && !detail::finite_nonnegative(approach_))
            return ThermoError::format(Errc::invalid_argument, "approach = %g K: expected a number >= 0", approach_);
        if (spec_ == GasCoolerSpec::ua && !detail::finite_positive(UA_))
            return ThermoError::format(Errc::invalid_argument, "UA = %g W/K: expected a positive number", UA_);
        if (!(dp_.dp >= 0.0 && std::isfinite(dp_.dp) && dp_.m_nominal > 0.0))
            return ThermoError::format(Errc::invalid_argument,
                                       "pressure drop = %g Pa at %g kg/s: expected dp >= 0 and a positive nominal flow",
                                       dp_.dp, dp_.m_nominal);
        if (has_secondary_) return sec_.validate();
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService& props, const EdgeState& in, const EdgeState& out,
                                 std::span<const double>, std::span<double> r, ThermoError& err) const {
        double h_out = 0.0;
        if (!outlet_enthalpy(props, in, out.p, h_out, err)) return false;
        r[0] = (out.p - (in.p - dp_.at(in.m))) / scale::pressure;
        r[1] = (out.m - in.m) / scale::mass_flow;
        r[2] = (out.h - h_out) / scale::enthalpy;
        return true;
    }

    [[nodiscard]] bool sweep(const PropertyService& props, EdgeState& in, EdgeState& out, std::span<double>) const {
        ThermoError err;
        out.p = in.p - dp_.at(in.m);
        out.m = in.m;
        return outlet_enthalpy(props, in, out.p, out.h, err);
    }

    void hints(const PropertyService&, GuessHints& g) const {
        g.supercritical_high_side = true;
        if (g.T_gas_cooler_outlet > 0.0) return;
        g.T_gas_cooler_outlet = spec_ == GasCoolerSpec::outlet_temperature ? T_out_
                                : spec_ == GasCoolerSpec::approach         ? sec_.inlet_temperature() + approach_
                                                                           : sec_.inlet_temperature() + 5.0;
    }

    void report(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double>,
                ComponentReport& rep) const {
        rep.heat_rate = in.m * (out.h - in.h);
        auto s1 = props.ph(in.p, in.h);
        auto s2 = props.ph(out.p, out.h);
        if (!(s1 && s2)) return;
        if (has_secondary_) {
            // The secondary stream takes the heat: entropy generated = refrigerant's change + the
            // secondary stream's (its own model, the mean of cp over the temperature change).
            rep.secondary_inlet_T = sec_.inlet_temperature();
            ThermoError err;
            double T_so = 0.0;
            if (!sec_.outlet_temperature(-rep.heat_rate, T_so, err)) return;
            rep.secondary_outlet_T = T_so;
            const double Tsi = sec_.inlet_temperature();
            // Heat received by the secondary at its log-mean temperature (exact for constant cp).
            const double T_lm = std::fabs(T_so - Tsi) > 1e-9 ? (T_so - Tsi) / std::log(T_so / Tsi) : Tsi;
            rep.entropy_generation = in.m * (s2->s.si() - s1->s.si()) - rep.heat_rate / T_lm;
        } else {
            // A reservoir at the refrigerant outlet temperature (the warmest sink that can cool the
            // stream to T_out): a lower bound on the real exchanger's entropy generation.
            rep.entropy_generation = in.m * (s2->s.si() - s1->s.si()) - rep.heat_rate / s2->T.si();
        }
    }

    [[nodiscard]] Result<void> set_input(Input which, double v) {
        switch (which) {
        case Input::outlet_temperature:
            if (spec_ != GasCoolerSpec::outlet_temperature)
                return detail::not_an_input("gas cooler without a given outlet temperature", which);
            T_out_ = v;
            break;
        case Input::secondary_inlet_temperature:
            if (!has_secondary_) return detail::not_an_input("gas cooler without a secondary stream", which);
            sec_.set_inlet_temperature(v);
            break;
        case Input::secondary_mass_flow:
            if (!has_secondary_) return detail::not_an_input("gas cooler without a secondary stream", which);
            sec_.set_mass_flow(v);
            break;
        default: return detail::not_an_input("gas cooler", which);
        }
        return validate();
    }

  private:
    GasCooler(GasCoolerSpec s, PressureDrop dp)
        : spec_(s), dp_(dp), sec_(SecondaryFluid::water(Temperature{300.0}, MassFlow{1.0})) {}

    bool outlet_enthalpy(const PropertyService& props, const EdgeState& in, double p_out, double& h,
                         ThermoError& err) const {
        if (spec_ != GasCoolerSpec::ua) {
            const double T = spec_ == GasCoolerSpec::outlet_temperature ? T_out_ : sec_.inlet_temperature() + approach_;
            auto st = props.tp(T, p_out);
            if (!detail::take(st, err)) return false;
            h = st->h.si();
            return true;
        }
        // Counter-flow UA, discretised along the refrigerant enthalpy (header comment).
        const double Tsi = sec_.inlet_temperature();
        const double m = in.m;
        auto floor = props.tp(Tsi, p_out);
        if (!detail::take(floor, err)) return false;
        const double h_lo = floor->h.si(), h_hi = in.h;
        double C = 0.0;
        if (!sec_.capacity_rate(C, err)) return false;
        if (!(h_hi > h_lo) || !(m > 0.0)) {
            h = in.h; // the refrigerant is not warmer than the secondary stream: no heat
            return true;
        }
        // The refrigerant's T(h) at p_out on equally spaced enthalpies.
        std::array<double, n_nodes> T{};
        const double dh = (h_hi - h_lo) / (n_nodes - 1);
        T[0] = Tsi;
        for (int k = 1; k < n_nodes; ++k) {
            auto st = props.ph_unmemoized(p_out, k + 1 == n_nodes ? h_hi : h_lo + k * dh);
            if (!detail::take(st, err)) return false;
            T[static_cast<std::size_t>(k)] = st->T.si();
        }
        auto T_ref = [&](double x) {
            const double u = std::clamp((x - h_lo) / dh, 0.0, double(n_nodes - 1));
            const auto k = std::min(static_cast<int>(u), n_nodes - 2);
            const double t = u - k;
            return (1.0 - t) * T[static_cast<std::size_t>(k)] + t * T[static_cast<std::size_t>(k + 1)];
        };
        // The outlet the pinch allows: the secondary stream, heated by what the refrigerant gives
        // between h_out and x, stays below T_ref(x) at every x (checked at the nodes).
        double h_min = h_lo;
        for (int k = 0; k < n_nodes; ++k) h_min = std::max(h_min, h_lo + k * dh - C * (T[std::size_t(k)] - Tsi) / m);
        if (!(h_min < h_hi)) {
            h = in.h;
            return true;
        }
        // UA needed for an outlet h_out: counter-flow segments between the profile's nodes.
        auto ua_needed = [&](double h_out) {
            double ua = 0.0;
            double a = h_out;
            double dTa = T_ref(a) - Tsi;
            const auto first = static_cast<int>(std::floor((h_out - h_lo) / dh)) + 1;
            for (int k = first; k <= n_nodes; ++k) {
                const double b = k < n_nodes ? std::min(h_lo + k * dh, h_hi) : h_hi;
                if (!(b > a)) continue;
                const double dTb = T_ref(b) - (Tsi + m * (b - h_out) / C);
                if (!(dTa > 0.0 && dTb > 0.0)) return std::numeric_limits<double>::infinity();
                const double lmtd = std::fabs(dTa - dTb) > 1e-9 * dTa ? (dTa - dTb) / std::log(dTa / dTb) : dTa;
                ua += m * (b - a) / lmtd;
                a = b, dTa = dTb;
                if (b >= h_hi) break;
            }
            return ua;
        };
        // UA_needed falls from infinity at h_min to 0 at h_hi: bisection to the last bits.
        double lo = h_min, hi = h_hi;
        for (int it = 0; it < 200 && hi - lo > 4e-16 * std::fabs(hi); ++it) {
            const double mid = 0.5 * (lo + hi);
            if (ua_needed(mid) > UA_)
                lo = mid;
            else
                hi = mid;
        }
        h = 0.5 * (lo + hi);
        return true;
    }

    GasCoolerSpec spec_;
    PressureDrop dp_;
    SecondaryFluid sec_;
    bool has_secondary_ = false;
    double T_out_ = 0.0, approach_ = 0.0, UA_ = 0.0;
};

static_assert(ComponentModel<GasCooler>);

} // namespace entropyk
