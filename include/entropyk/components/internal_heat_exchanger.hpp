// Internal (suction-line, liquid-suction) heat exchanger: the warm liquid leaving the condenser
// gives heat to the cold vapour leaving the evaporator, both streams of the same loop. Counter-flow,
// adiabatic to the outside, no pressure drop. The exchange is set by an effectiveness defined on
// the vapour (cold) side,
//   eps = (T_cold,out - T_cold,in) / (T_hot,in - T_cold,in),
// which is the exchanger's thermal effectiveness Q / Q_max when the vapour has the smaller heat
// capacity rate - the usual case for a suction-line exchanger, whose liquid side has the larger
// specific heat for the same flow (Klein, Reindl & Brownell 2000, "Refrigeration system
// performance using liquid-suction heat exchangers", Int. J. Refrig. 23:588-596; Domanski, Didion
// & Doyle 1994, "Evaluation of suction-line/liquid-line heat exchange in the refrigeration cycle",
// Int. J. Refrig. 17:487-493). The liquid side gives up what the vapour takes:
//   m_hot (h_hot,in - h_hot,out) = m_cold (h_cold,out - h_cold,in).
// UA form: a counter-flow exchanger of conductance UA (W/K). Each stream's capacity rate is its
// mean over the largest possible temperature range, T_cold,in .. T_hot,in, taken from enthalpies
// at its own pressure - the usual way to apply epsilon-NTU to real fluids whose cp varies or
// that change phase in the range (the mean cp of the range; Incropera, DeWitt, Bergman & Lavine,
// "Fundamentals of Heat and Mass Transfer", 6th ed., section 11.4):
//   Q_max,hot  = m_hot  (h_hot,in - h(T_cold,in, p_hot)),    C_hot  = Q_max,hot  / (T_hot,in - T_cold,in)
//   Q_max,cold = m_cold (h(T_hot,in, p_cold) - h_cold,in),   C_cold = Q_max,cold / (T_hot,in - T_cold,in)
//   NTU = UA / C_min,  Cr = C_min / C_max,
//   eps = (1 - exp(-NTU (1 - Cr))) / (1 - Cr exp(-NTU (1 - Cr)))   (counter-flow; Incropera Table 11.3)
//   Q = eps Q_max,  Q_max = min(Q_max,hot, Q_max,cold) = C_min (T_hot,in - T_cold,in).
// Q <= Q_max,hot keeps the liquid outlet at or above the vapour inlet temperature, Q <= Q_max,cold
// the vapour outlet at or below the liquid inlet temperature: the exchange is admissible for every
// UA, and tends to the pinch as UA grows. The inlets enter through (p, h), so a two-phase inlet on
// either side (liquid leaving the condenser saturated or wet, vapour leaving the evaporator wet)
// is taken as it is. Should the streams' temperatures cross (an iterate of the solver), the same
// formulas run with the heat flowing the other way.
// Ports: inlets "hot_in" (port 0, liquid from the condenser) and "cold_in" (port 1, vapour from
// the evaporator); outlets "hot_out" (port 0, to the valve) and "cold_out" (port 1, to the
// compressor). Inlet k and outlet k are one stream (paired_streams): each keeps its own pressure.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include "entropyk/components/component.hpp"
#include "entropyk/components/effectiveness.hpp"

namespace entropyk {

class InternalHeatExchanger {
  public:
    /// An exchanger of effectiveness `eps` in [0, 1) on the vapour side.
    explicit InternalHeatExchanger(double eps) : eps_(eps) {}
    /// A counter-flow exchanger of conductance `UA` (epsilon-NTU with mean capacity rates, header).
    static InternalHeatExchanger ua(ThermalConductance UA) {
        InternalHeatExchanger x(0.0);
        x.ua_ = UA.si();
        x.by_ua_ = true;
        return x;
    }

    [[nodiscard]] Role role() const noexcept { return Role::other; }
    [[nodiscard]] int n_inlets() const noexcept { return 2; }
    [[nodiscard]] int n_outlets() const noexcept { return 2; }
    [[nodiscard]] const char* inlet_name(int k) const noexcept { return k == 0 ? "hot_in" : "cold_in"; }
    [[nodiscard]] const char* outlet_name(int k) const noexcept { return k == 0 ? "hot_out" : "cold_out"; }
    /// Inlet k and outlet k are one stream (the network's initial guess keeps their pressures apart).
    [[nodiscard]] bool paired_streams() const noexcept { return true; }
    [[nodiscard]] int n_equations() const noexcept { return 6; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"no pressure drop (liquid side)", EquationKind::pressure};
        case 1: return {"no pressure drop (vapour side)", EquationKind::pressure};
        case 2: return {"mass balance (liquid side)", EquationKind::mass_balance};
        case 3: return {"mass balance (vapour side)", EquationKind::mass_balance};
        case 4: return {"energy balance (adiabatic)", EquationKind::enthalpy};
        default:
            return by_ua_ ? EquationInfo{"UA, counter-flow epsilon-NTU (duty)", EquationKind::enthalpy}
                          : EquationInfo{"effectiveness (vapour outlet temperature)", EquationKind::enthalpy};
        }
    }
    [[nodiscard]] Result<void> validate() const {
        if (by_ua_) {
            if (!detail::finite_positive(ua_))
                return ThermoError::format(Errc::invalid_argument, "UA = %g W/K: expected a positive number", ua_);
            return {};
        }
        if (!(eps_ >= 0.0 && eps_ < 1.0))
            return ThermoError::format(Errc::invalid_argument, "effectiveness = %g: expected a number in [0, 1)", eps_);
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService& props, std::span<const EdgeState* const> in,
                                 std::span<const EdgeState* const> out, std::span<const double>, std::span<double> r,
                                 ThermoError& err) const {
        const EdgeState &hi = *in[0], &ci = *in[1], &ho = *out[0], &co = *out[1];
        double h_target = 0.0;
        if (!vapour_target(props, hi, ci, co.p, h_target, err)) return false;
        r[0] = (ho.p - hi.p) / scale::pressure;
        r[1] = (co.p - ci.p) / scale::pressure;
        r[2] = (ho.m - hi.m) / scale::mass_flow;
        r[3] = (co.m - ci.m) / scale::mass_flow;
        r[4] = (hi.m * (hi.h - ho.h) - ci.m * (co.h - ci.h)) / (scale::mass_flow * scale::enthalpy);
        r[5] = (co.h - h_target) / scale::enthalpy;
        return true;
    }

    /// Picard: each stream keeps its pressure and flow; the vapour outlet from the effectiveness,
    /// the liquid outlet from the energy balance.
    [[nodiscard]] bool sweep(const PropertyService& props, std::span<EdgeState* const> in,
                             std::span<EdgeState* const> out, std::span<double>) const {
        EdgeState &hi = *in[0], &ci = *in[1], &ho = *out[0], &co = *out[1];
        ThermoError err;
        ho.p = hi.p;
        co.p = ci.p;
        ho.m = hi.m;
        co.m = ci.m;
        double h_target = 0.0;
        if (!vapour_target(props, hi, ci, co.p, h_target, err)) return false;
        co.h = h_target;
        if (!(hi.m > 0.0)) return false;
        ho.h = hi.h - ci.m * (co.h - ci.h) / hi.m;
        return true;
    }

    void hints(const PropertyService&, GuessHints&) const {}

    void report(const PropertyService& props, std::span<const EdgeState* const> in,
                std::span<const EdgeState* const> out, std::span<const double>, ComponentReport& rep) const {
        // Internal: no heat crosses the loop's boundary. The duty is the control value.
        rep.control_value = in[1]->m * (out[1]->h - in[1]->h);
        auto a = props.ph(in[0]->p, in[0]->h);
        auto b = props.ph(out[0]->p, out[0]->h);
        auto c = props.ph(in[1]->p, in[1]->h);
        auto d = props.ph(out[1]->p, out[1]->h);
        if (a && b && c && d)
            rep.entropy_generation = in[0]->m * (b->s.si() - a->s.si()) + in[1]->m * (d->s.si() - c->s.si());
    }

    [[nodiscard]] Result<void> set_input(Input which, double) {
        return detail::not_an_input("suction-line heat exchanger", which);
    }

    /// The given effectiveness (0 for the UA form).
    [[nodiscard]] double effectiveness() const noexcept { return eps_; }
    [[nodiscard]] bool by_ua() const noexcept { return by_ua_; }
    /// W/K, the given conductance (0 for the effectiveness form).
    [[nodiscard]] double conductance() const noexcept { return ua_; }

    /// The UA form's exchange between two inlets (header comment). Q > 0 from hot_in to cold_in.
    struct Exchange {
        double Q = 0.0;                  ///< W, the duty
        double Q_max = 0.0;              ///< W, min(Q_max,hot, Q_max,cold) (signed like Q)
        double C_min = 0.0, C_max = 0.0; ///< W/K, mean capacity rates over the range
        double NTU = 0.0, eps = 0.0;     ///< of the counter-flow relation
    };
    [[nodiscard]] static bool exchange(const PropertyService& props, const EdgeState& hot_in, const EdgeState& cold_in,
                                       double UA, Exchange& x, ThermoError& err) {
        x = Exchange{};
        auto th = props.ph(hot_in.p, hot_in.h);
        if (!detail::take(th, err)) return false;
        auto tc = props.ph(cold_in.p, cold_in.h);
        if (!detail::take(tc, err)) return false;
        const double dT = th->T.si() - tc->T.si();
        // No flow on a side, or no temperature difference: nothing to exchange.
        if (!(hot_in.m > 0.0 && cold_in.m > 0.0) || dT == 0.0) return true;
        auto h_hot_end = props.tp(tc->T.si(), hot_in.p); // the liquid cooled to the vapour inlet
        if (!detail::take(h_hot_end, err)) return false;
        auto h_cold_end = props.tp(th->T.si(), cold_in.p); // the vapour heated to the liquid inlet
        if (!detail::take(h_cold_end, err)) return false;
        const double q_hot = hot_in.m * (hot_in.h - h_hot_end->h.si());
        const double q_cold = cold_in.m * (h_cold_end->h.si() - cold_in.h);
        const double C_hot = q_hot / dT, C_cold = q_cold / dT;
        if (!(C_hot > 0.0 && C_cold > 0.0)) return true; // degenerate range (h not increasing with T)
        x.C_min = std::min(C_hot, C_cold);
        x.C_max = std::max(C_hot, C_cold);
        x.Q_max = x.C_min * dT;
        x.NTU = UA / x.C_min;
        // A conductance far beyond the capacity rates is the pinch itself (eps -> 1).
        x.eps = std::isfinite(x.NTU) ? entropyk::effectiveness(x.NTU, x.C_min / x.C_max, FlowArrangement::counter_flow)
                                     : 1.0;
        x.Q = x.eps * x.Q_max;
        return true;
    }
    /// W/K, the conductance for which the UA form moves the duty Q between these inlets (the
    /// counter-flow relation inverted, NTU = ln((1 - eps Cr) / (1 - eps)) / (1 - Cr)); NaN when
    /// Q is not below Q_max. Sizes an exchanger from a duty, and relates the two forms.
    [[nodiscard]] static double required_ua(const PropertyService& props, const EdgeState& hot_in,
                                            const EdgeState& cold_in, double Q, ThermoError& err) {
        Exchange x;
        if (!exchange(props, hot_in, cold_in, 1.0, x, err)) return std::numeric_limits<double>::quiet_NaN();
        const double eps = x.Q_max != 0.0 ? Q / x.Q_max : 0.0;
        if (!(eps >= 0.0 && eps < 1.0)) return std::numeric_limits<double>::quiet_NaN();
        const double Cr = x.C_min / x.C_max;
        const double ntu =
            std::fabs(1.0 - Cr) < 1e-9 ? eps / (1.0 - eps) : std::log((1.0 - eps * Cr) / (1.0 - eps)) / (1.0 - Cr);
        return ntu * x.C_min;
    }

  private:
    /// The vapour outlet's enthalpy the closing equation asks for, in either form: from the UA
    /// form's duty, or from the effectiveness (vapour_outlet).
    [[nodiscard]] bool vapour_target(const PropertyService& props, const EdgeState& hi, const EdgeState& ci,
                                     double p_cold_out, double& h_target, ThermoError& err) const {
        if (!by_ua_) return vapour_outlet(props, hi, ci, p_cold_out, h_target, err);
        Exchange x;
        if (!exchange(props, hi, ci, ua_, x, err)) return false;
        h_target = ci.m > 0.0 ? ci.h + x.Q / ci.m : ci.h;
        return true;
    }
    /// h of the vapour outlet: at T_cold,in + eps (T_hot,in - T_cold,in) and the vapour pressure.
    bool vapour_outlet(const PropertyService& props, const EdgeState& hot_in, const EdgeState& cold_in, double p,
                       double& h, ThermoError& err) const {
        auto th = props.ph(hot_in.p, hot_in.h);
        if (!detail::take(th, err)) return false;
        auto tc = props.ph(cold_in.p, cold_in.h);
        if (!detail::take(tc, err)) return false;
        if (eps_ == 0.0) {
            h = cold_in.h;
            return true;
        }
        const double T = tc->T.si() + eps_ * (th->T.si() - tc->T.si());
        auto st = props.tp(T, p);
        if (!detail::take(st, err)) return false;
        h = st->h.si();
        return true;
    }
    double eps_;
    double ua_ = 0.0;
    bool by_ua_ = false;
};

static_assert(MultiPortModel<InternalHeatExchanger>);

} // namespace entropyk
