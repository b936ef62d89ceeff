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
// Ports: inlets "hot_in" (port 0, liquid from the condenser) and "cold_in" (port 1, vapour from
// the evaporator); outlets "hot_out" (port 0, to the valve) and "cold_out" (port 1, to the
// compressor). Inlet k and outlet k are one stream (paired_streams): each keeps its own pressure.
#pragma once

#include <cmath>

#include "entropyk/components/component.hpp"

namespace entropyk {

class InternalHeatExchanger {
  public:
    /// An exchanger of effectiveness `eps` in [0, 1) on the vapour side.
    explicit InternalHeatExchanger(double eps) : eps_(eps) {}

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
        default: return {"effectiveness (vapour outlet temperature)", EquationKind::enthalpy};
        }
    }
    [[nodiscard]] Result<void> validate() const {
        if (!(eps_ >= 0.0 && eps_ < 1.0))
            return ThermoError::format(Errc::invalid_argument, "effectiveness = %g: expected a number in [0, 1)", eps_);
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService& props, std::span<const EdgeState* const> in,
                                 std::span<const EdgeState* const> out, std::span<const double>, std::span<double> r,
                                 ThermoError& err) const {
        const EdgeState &hi = *in[0], &ci = *in[1], &ho = *out[0], &co = *out[1];
        double h_target = 0.0;
        if (!vapour_outlet(props, hi, ci, co.p, h_target, err)) return false;
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
        if (!vapour_outlet(props, hi, ci, co.p, h_target, err)) return false;
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
        return detail::not_an_input("internal heat exchanger", which);
    }

    [[nodiscard]] double effectiveness() const noexcept { return eps_; }

  private:
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
};

static_assert(MultiPortModel<InternalHeatExchanger>);

} // namespace entropyk
