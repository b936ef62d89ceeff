// IWYU pragma: private, include <entropyk/cycles.hpp>
// The physical admissibility check every converged solution passes before it is reported as
// converged, and the warnings a solution carries. A Newton solve finds a root of the model's
// equations; nothing in those equations forbids a root on which the compressor lowers the pressure
// (condensing and evaporating levels swapped), heat flows from the cold secondary stream into the
// hot refrigerant, or a state lies outside the property model. Such roots are mathematically
// exact and physically meaningless, so the engine refuses them here (SolveStatus::non_physical)
// with a message naming the component and the law it breaks.
//
// The laws checked, in this order (the first violation is reported, the number of others added):
//   1. every connection state is finite, inside the property model, with a positive mass flow;
//   2. per component, by role: a compressor raises the pressure and takes work (shaft and
//      electrical power > 0); an expansion valve does not raise the pressure; a condenser rejects
//      heat and an evaporator takes it up; an exchanger with a secondary stream moves heat only from
//      hot to cold at both of its ends; every component generates entropy (second law,
//      S_gen >= -tol with tol scaled by the flow's entropy and the backend's accuracy);
//   3. the loop's energy and mass balances close.
// The end-point conditions of item 2 hold for every flow arrangement: the refrigerant outlet meets
// the secondary inlet temperature somewhere in counter- and cross-flow, and is the refrigerant's
// coldest (condenser) point in parallel flow, so T_sec,in <= T_ref,out for a condenser and
// T_sec,in >= T_ref,out for an evaporator are necessary; likewise the mixed secondary outlet cannot
// be hotter than the hottest refrigerant (condenser) or colder than the coldest (evaporator).
// (Second-law bounds on exchanger end temperatures: Bejan, "Entropy Generation Minimization",
// CRC Press 1996, ch. 5; Shah & Sekulic, "Fundamentals of Heat Exchanger Design", Wiley 2003, §3.)
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <span>

#include "entropyk/components/component.hpp"
#include "entropyk/core/detail/text_writer.hpp"
#include "entropyk/core/error.hpp"
#include "entropyk/core/warning.hpp"
#include "entropyk/cycles/detail/loop_view.hpp"
#include "entropyk/cycles/results.hpp"

namespace entropyk::detail {

/// Tolerances of the check. The property tables reproduce the EOS to ~1e-5 relative, so entropy
/// and temperature differences computed on them carry that error; on the EOS the solver's residual
/// tolerance dominates.
struct AdmissibilityTolerances {
    double entropy_relative; ///< of m * max(|s_in|, |s_out|, 1 kJ/(kg K))
    double temperature;      ///< K, secondary end-temperature conditions
    double balance = 1e-6;   ///< relative energy and mass balance
    static AdmissibilityTolerances for_backend(Backend b) noexcept {
        return b == Backend::tables ? AdmissibilityTolerances{2e-5, 5e-3} : AdmissibilityTolerances{1e-8, 1e-4};
    }
};

/// Collects the first violation and counts the rest (no allocation).
class Violations {
  public:
    [[gnu::format(printf, 2, 3)]] void add(const char* fmt, ...) noexcept {
        if (count_++ > 0) return;
        std::va_list args;
        va_start(args, fmt);
        std::vsnprintf(first_, sizeof first_, fmt, args);
        va_end(args);
    }
    [[nodiscard]] int count() const noexcept { return count_; }
    [[nodiscard]] ThermoError error() const noexcept {
        if (count_ <= 1) return ThermoError{Errc::non_physical, first_};
        return ThermoError::format(Errc::non_physical, "%s (and %d more violation%s)", first_, count_ - 1,
                                   count_ > 2 ? "s" : "");
    }

  private:
    int count_ = 0;
    char first_[ThermoError::capacity - 40] = {};
};

/// "'name' (role)" of component node `i`, into buf.
template <LoopView L, class C>
const char* component_label(L& loop, const C& c, std::uint32_t i, char* buf, std::size_t cap) {
    const std::string_view n = loop.name(i);
    const std::string_view r = to_string(c.role());
    // Built for every component of every solve: without printf (TextWriter).
    if (cap > 0) buf[0] = '\0';
    TextWriter(buf, cap).str(r).str(" '").str(n).str("'");
    return buf;
}

/// Checks the solution held in the loop's state and in R (filled by postprocess). Returns an
/// Errc::ok error when the solution is admissible, else Errc::non_physical with the cause.
template <LoopView L>
ThermoError check_admissibility(L& loop, const CycleResults& R, const AdmissibilityTolerances& tol) {
    auto state = loop.state();
    Violations v;
    char from[128], to[128];

    // 1. Connection states.
    for (std::size_t e = 0; e < state.size(); ++e) {
        const ConnectionResult& cr = R.connections[e];
        const std::string_view a = loop.name(cr.from), b = loop.name(cr.to);
        from[0] = to[0] = '\0';
        TextWriter(from, sizeof from).str(a);
        TextWriter(to, sizeof to).str(b);
        if (!(std::isfinite(state[e].m) && state[e].m > 0.0)) {
            v.add("connection '%s' -> '%s': mass flow %g kg/s is not positive (a vapour-compression loop has "
                  "one flow direction)",
                  from, to, state[e].m);
            continue;
        }
        // postprocess already flashed every connection: a state it could not evaluate is NaN, and
        // only then is the flash repeated, for its message.
        if (!std::isfinite(cr.state.T.si())) {
            const std::string_view fluid = loop.edge_props(e).fluid().name();
            auto st = loop.edge_props(e).ph(state[e].p, state[e].h);
            if (!st) {
                v.add("connection '%s' -> '%s': p = %.6g Pa, h = %.6g J/kg is outside the property model of %.*s: %s",
                      from, to, state[e].p, state[e].h, static_cast<int>(fluid.size()), fluid.data(),
                      st.error().c_str());
                continue;
            }
        }
        const fluids::State& s = cr.state;
        if (!(std::isfinite(s.T.si()) && std::isfinite(s.s.si()) && std::isfinite(s.rho.si()) && s.T.si() > 0.0 &&
              s.rho.si() > 0.0))
            v.add("connection '%s' -> '%s': the state (T = %g K, rho = %g kg/m3, s = %g J/(kg K)) is not finite", from,
                  to, s.T.si(), s.rho.si(), s.s.si());
    }
    if (v.count() > 0) return v.error(); // the component laws below read these states

    // 2. Component laws.
    char who[160];
    loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
        const ComponentReport& rep = R.components[n.index];
        const auto& in = state[static_cast<std::size_t>(n.in_edge)];
        const auto& out = state[static_cast<std::size_t>(n.out_edge)];
        const fluids::State& s_in = R.connections[static_cast<std::size_t>(n.in_edge)].state;
        const fluids::State& s_out = R.connections[static_cast<std::size_t>(n.out_edge)].state;
        component_label(loop, c, n.index, who, sizeof who);
        const double heat_tol = 1e-7 * in.m * scale::enthalpy;
        switch (c.role()) {
        case Role::compressor:
            if (!(out.p > in.p))
                v.add("%s: outlet pressure %.4g bar is not above the inlet's %.4g bar - are the condensing and "
                      "evaporating levels (or the source and sink temperatures) swapped?",
                      who, out.p / 1e5, in.p / 1e5);
            else if (!(rep.power > 0.0))
                v.add("%s: the refrigerant receives no work (power %.4g W)", who, rep.power);
            else if (!(rep.electrical_power > 0.0))
                v.add("%s: draws no electrical power (%.4g W)", who, rep.electrical_power);
            else if (n.n_in > 1) {
                // A vapour-injection compressor: the injected vapour enters between the two
                // compression steps, so its pressure lies strictly between suction and discharge
                // (an injection below the suction would expand the first step's vapour).
                const double p_inj = state[static_cast<std::size_t>(n.in_port(1))].p;
                if (!(p_inj > in.p && p_inj < out.p))
                    v.add("%s: injection pressure %.4g bar is not between the suction's %.4g bar and the "
                          "discharge's %.4g bar",
                          who, p_inj / 1e5, in.p / 1e5, out.p / 1e5);
            }
            break;
        case Role::expansion_valve:
            if (out.p > in.p * (1.0 + 1e-12))
                v.add("%s: outlet pressure %.4g bar is above the inlet's %.4g bar (a valve only lowers the "
                      "pressure)",
                      who, out.p / 1e5, in.p / 1e5);
            break;
        case Role::condenser:
        case Role::evaporator: {
            const bool cond = c.role() == Role::condenser;
            if (cond && rep.heat_rate > heat_tol)
                v.add("%s: the refrigerant takes up %.4g W instead of rejecting heat (it enters at %.2f K and "
                      "leaves at %.2f K)",
                      who, rep.heat_rate, s_in.T.si(), s_out.T.si());
            else if (!cond && rep.heat_rate < -heat_tol)
                v.add("%s: the refrigerant rejects %.4g W instead of taking heat up (it enters at %.2f K and "
                      "leaves at %.2f K)",
                      who, -rep.heat_rate, s_in.T.si(), s_out.T.si());
            else if (std::isfinite(rep.secondary_inlet_T) && std::isfinite(rep.secondary_outlet_T)) {
                const double Tsi = rep.secondary_inlet_T, Tso = rep.secondary_outlet_T;
                const double Tr_out = s_out.T.si();
                const double Tr_hot = std::max(s_in.T.si(), s_out.T.si());
                const double Tr_cold = std::min(s_in.T.si(), s_out.T.si());
                // The exchanger models lump a two-phase zone at the mean of its bubble and dew
                // temperatures (components/heat_exchanger.hpp), so for a fluid with a glide (the
                // pseudo-pure R410A: ~0.1 K) the model's refrigerant differs from the real one by up
                // to half of it: a secondary outlet within the glide of the refrigerant's end is the
                // model's approximation, not heat flowing uphill. Zero for a pure fluid.
                // A blend's glide is followed by the moving-boundary zones (glide_C), and the lumped
                // model's mean temperature is at most half of it away from either end: half the
                // glide is the tolerance then.
                double glide = 0.0;
                const auto& lp = loop.props_for(n);
                if (auto sat = lp.sat_p(in.p)) glide = std::fabs(sat->T_dew.si() - sat->T_bubble.si());
                if (lp.fluid().is_blend()) glide *= 0.5;
                const double t_tol = tol.temperature + glide;
                if (cond && Tsi > Tr_out + t_tol)
                    v.add("%s: the secondary stream enters at %.2f K, warmer than the refrigerant outlet at %.2f K: "
                          "heat would flow from cold to hot (sink warmer than the condensing refrigerant?)",
                          who, Tsi, Tr_out);
                else if (cond && Tso > Tr_hot + t_tol)
                    v.add("%s: the secondary stream leaves at %.2f K, warmer than the hottest refrigerant (%.2f K): "
                          "heat would flow from cold to hot",
                          who, Tso, Tr_hot);
                else if (!cond && Tsi < Tr_out - t_tol)
                    v.add("%s: the secondary stream enters at %.2f K, colder than the refrigerant outlet at %.2f K: "
                          "heat would flow from cold to hot (source colder than the evaporating refrigerant?)",
                          who, Tsi, Tr_out);
                else if (!cond && Tso < Tr_cold - t_tol)
                    v.add("%s: the secondary stream leaves at %.2f K, colder than the coldest refrigerant (%.2f K): "
                          "heat would flow from cold to hot",
                          who, Tso, Tr_cold);
            }
            break;
        }
        case Role::receiver:
        case Role::other: break;
        }
        const double s_scale = in.m * std::max({std::fabs(s_in.s.si()), std::fabs(s_out.s.si()), 1e3});
        if (!(rep.entropy_generation >= -tol.entropy_relative * s_scale))
            v.add("%s: entropy generation %.4g W/K is negative (second law; tolerance %.2g W/K)", who,
                  rep.entropy_generation, tol.entropy_relative * s_scale);
        return true;
    });

    // 3. Balances.
    if (!(std::fabs(R.mass_balance) <= tol.balance))
        v.add("the mass balance does not close (%.3g relative)", R.mass_balance);
    if (R.heating_capacity > 0.0 && !(std::fabs(R.energy_balance) <= tol.balance))
        v.add("the energy balance does not close (%.3g relative to the heat rejected)", R.energy_balance);
    if (!(std::isfinite(R.cop_cooling) && std::isfinite(R.cop_heating)))
        v.add("the COP is not finite (compressor power %g W)", R.compressor_power);
    return v.count() > 0 ? v.error() : ThermoError{};
}

/// The warnings of an admissible solution: states beyond the EOS's published range, discharge
/// temperatures above the limit, saturated controls, and what each model reports itself.
template <LoopView L>
void collect_warnings(L& loop, CycleResults& R, double discharge_temperature_limit) {
    auto state = loop.state();
    for (std::size_t e = 0; e < state.size(); ++e) {
        const std::string_view fluid = loop.edge_props(e).fluid().name();
        const double T_pub = loop.edge_props(e).fluid().T_max().si();
        const ConnectionResult& cr = R.connections[e];
        if (!(cr.state.T.si() > T_pub)) continue;
        const std::string_view a = loop.name(cr.from), b = loop.name(cr.to);
        R.warnings.add(WarningCode::extrapolated_state, static_cast<std::int32_t>(cr.from),
                       "connection '%.*s' -> '%.*s': T = %.2f K is above the published range of the %.*s equation of "
                       "state (%.2f K): the properties are extrapolated",
                       static_cast<int>(a.size()), a.data(), static_cast<int>(b.size()), b.data(), cr.state.T.si(),
                       static_cast<int>(fluid.size()), fluid.data(), T_pub);
    }
    char who[160];
    loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
        const auto self = static_cast<std::int32_t>(n.index);
        component_label(loop, c, n.index, who, sizeof who);
        const auto u = controls_of(loop, c, n);
        if (c.role() == Role::compressor) {
            const double T2 = R.connections[static_cast<std::size_t>(n.out_edge)].state.T.si();
            if (T2 > discharge_temperature_limit)
                R.warnings.add(WarningCode::discharge_temperature, self,
                               "%s: discharge temperature %.1f C is above the limit of %.1f C (oil breakdown)", who,
                               T2 - 273.15, discharge_temperature_limit - 273.15);
        }
        if (control_saturated(c, std::span<const double>(u.data(), u.size())))
            R.warnings.add(WarningCode::control_saturated, self,
                           "%s: its control is pinned at a bound (value %g): the set-point is not held", who,
                           R.components[n.index].control_value);
        component_warnings(c, loop.props_for(n), state[static_cast<std::size_t>(n.in_edge)],
                           state[static_cast<std::size_t>(n.out_edge)], std::span<const double>(u.data(), u.size()),
                           self, who, R.warnings);
        return true;
    });
}

} // namespace entropyk::detail
