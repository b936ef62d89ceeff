// Economizer: a plate heat exchanger that subcools the main liquid line (hot stream) with a part
// of the liquid expanded to the injection pressure (cold stream), which leaves as superheated
// vapour for the injection port of a vapour-injection compressor
// (components/vapour_injection_compressor.hpp). The cycle of Wang, Hwang & Radermacher, Int. J.
// Refrig. 32 (2009) 1442-1451 ("vapour injection with an internal heat exchanger") and of Ma &
// Chai, "Characteristics of an improved heat-pump cycle for cold regions", Applied Energy 77
// (2004) 235-247. Adiabatic, counter-flow, without pressure drop:
//   p_hot,out = p_hot,in,   p_cold,out = p_cold,in,   m_out = m_in on each stream,
//   m_hot (h_hot,in - h_hot,out) = m_cold (h_cold,out - h_cold,in)         (energy balance),
//   T_hot,out = T_hot,in - eps (T_hot,in - T_cold,in)                         (effectiveness),
//   T_cold,out = T_dew(p_cold) + superheat                                    (injection superheat).
// The effectiveness is that of the hot (liquid) stream, the one with the smaller capacity rate
// when the cold stream evaporates (Incropera & DeWitt, "Fundamentals of Heat and Mass Transfer",
// ch. 11: epsilon = q / q_max with q_max = C_min (T_h,in - T_c,in)). The superheat is what the
// injection valve's thermostatic bulb holds: with both, the exchanger fixes its duty and the
// injected flow.
// Ports: inlets "hot_in" (port 0, the main liquid) and "cold_in" (port 1, the expanded injection
// stream); outlets "hot_out" (port 0) and "cold_out" (port 1).
#pragma once

#include <cmath>

#include "entropyk/components/component.hpp"
#include "entropyk/components/detail/saturation_offset.hpp"

namespace entropyk {

class Economizer {
  public:
    /// Effectiveness `eps` (on the liquid stream) and the superheat of the injection stream.
    Economizer(double eps, TemperatureDifference injection_superheat) : eps_(eps), sh_(injection_superheat.si()) {}

    [[nodiscard]] Role role() const noexcept { return Role::other; }
    [[nodiscard]] int n_inlets() const noexcept { return 2; }
    [[nodiscard]] int n_outlets() const noexcept { return 2; }
    [[nodiscard]] const char* inlet_name(int k) const noexcept { return k == 0 ? "hot_in" : "cold_in"; }
    [[nodiscard]] const char* outlet_name(int k) const noexcept { return k == 0 ? "hot_out" : "cold_out"; }
    [[nodiscard]] int n_equations() const noexcept { return 7; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"no pressure drop (liquid)", EquationKind::pressure};
        case 1: return {"no pressure drop (injection)", EquationKind::pressure};
        case 2: return {"mass balance (liquid)", EquationKind::mass_balance};
        case 3: return {"mass balance (injection)", EquationKind::mass_balance};
        case 4: return {"energy balance", EquationKind::enthalpy};
        case 5: return {"effectiveness (liquid outlet temperature)", EquationKind::enthalpy};
        default: return {"injection superheat", EquationKind::enthalpy};
        }
    }
    [[nodiscard]] Result<void> validate() const {
        if (!(eps_ > 0.0 && eps_ < 1.0))
            return ThermoError::format(Errc::invalid_argument, "effectiveness = %g: expected a number in (0, 1)", eps_);
        if (!detail::finite_nonnegative(sh_))
            return ThermoError::format(Errc::invalid_argument, "superheat = %g K: expected a number >= 0", sh_);
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService& props, std::span<const EdgeState* const> in,
                                 std::span<const EdgeState* const> out, std::span<const double>, std::span<double> r,
                                 ThermoError& err) const {
        const EdgeState &hi = *in[0], &ci = *in[1], &ho = *out[0], &co = *out[1];
        double T_target = 0.0, h_co = 0.0;
        if (!liquid_outlet_temperature(props, hi, ci, T_target, err)) return false;
        if (!injection_outlet(props, co.p, h_co, err)) return false;
        auto st_ho = props.ph(ho.p, ho.h);
        if (!detail::take(st_ho, err)) return false;
        r[0] = (ho.p - hi.p) / scale::pressure;
        r[1] = (co.p - ci.p) / scale::pressure;
        r[2] = (ho.m - hi.m) / scale::mass_flow;
        r[3] = (co.m - ci.m) / scale::mass_flow;
        r[4] = (hi.m * (hi.h - ho.h) - ci.m * (co.h - ci.h)) / (scale::mass_flow * scale::enthalpy);
        r[5] = (st_ho->T.si() - T_target) / scale::temperature;
        r[6] = (co.h - h_co) / scale::enthalpy;
        return true;
    }
    /// Picard: both outlets from the specifications, and the injected flow that balances them.
    [[nodiscard]] bool sweep(const PropertyService& props, std::span<EdgeState* const> in,
                             std::span<EdgeState* const> out, std::span<double>) const {
        EdgeState &hi = *in[0], &ci = *in[1], &ho = *out[0], &co = *out[1];
        ThermoError err;
        double T_target = 0.0;
        // The injection level is set downstream (the compressor's injection port): carried up
        // to the valve's outlet, as a fixed-saturation exchanger carries its level to its inlet.
        ho.p = hi.p;
        if (co.p > 0.0) ci.p = co.p;
        if (!liquid_outlet_temperature(props, hi, ci, T_target, err)) return false;
        auto st = props.tp(T_target, ho.p);
        if (!detail::take(st, err)) return false;
        ho.h = st->h.si();
        if (!injection_outlet(props, co.p, co.h, err)) return false;
        ho.m = hi.m;
        const double dh = co.h - ci.h;
        if (dh > 0.0) ci.m = hi.m * (hi.h - ho.h) / dh;
        co.m = ci.m;
        return true;
    }
    void hints(const PropertyService&, GuessHints&) const {}
    void report(const PropertyService& props, std::span<const EdgeState* const> in,
                std::span<const EdgeState* const> out, std::span<const double>, ComponentReport& rep) const {
        // Adiabatic: the entropy generated is the two streams' entropy change.
        auto s1 = props.ph(in[0]->p, in[0]->h);
        auto s2 = props.ph(out[0]->p, out[0]->h);
        auto s3 = props.ph(in[1]->p, in[1]->h);
        auto s4 = props.ph(out[1]->p, out[1]->h);
        if (s1 && s2 && s3 && s4)
            rep.entropy_generation = in[0]->m * (s2->s.si() - s1->s.si()) + in[1]->m * (s4->s.si() - s3->s.si());
        rep.control_value = in[0]->m * (in[0]->h - out[0]->h); // the duty, W
    }
    [[nodiscard]] Result<void> set_input(Input which, double v) {
        switch (which) {
        case Input::superheat: sh_ = v; break;
        default: return detail::not_an_input("economizer", which);
        }
        return validate();
    }

  private:
    bool liquid_outlet_temperature(const PropertyService& props, const EdgeState& hi, const EdgeState& ci, double& T,
                                   ThermoError& err) const {
        auto a = props.ph(hi.p, hi.h);
        if (!detail::take(a, err)) return false;
        auto b = props.ph(ci.p, ci.h);
        if (!detail::take(b, err)) return false;
        T = a->T.si() - eps_ * (a->T.si() - b->T.si());
        return true;
    }
    bool injection_outlet(const PropertyService& props, double p, double& h, ThermoError& err) const {
        return detail::enthalpy_above_dew(props, p, sh_, h, err);
    }
    double eps_, sh_;
};

static_assert(MultiPortModel<Economizer>);

} // namespace entropyk
