// Liquid receiver at the condenser outlet. In steady state it is adiabatic (h_out = h_in) and
// saturated liquid leaves it, so the refrigerant entering it must be saturated liquid too: that
// is the loop's charge condition when no subcooling is specified (the receiver stores the charge
// that subcooling would otherwise hold in the condenser).
#pragma once

#include "entropyk/components/component.hpp"

namespace entropyk {

class Receiver {
  public:
    [[nodiscard]] Role role() const noexcept { return Role::receiver; }
    [[nodiscard]] int n_equations() const noexcept { return 4; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"no pressure drop", EquationKind::pressure};
        case 1: return {"mass balance", EquationKind::mass_balance};
        case 2: return {"energy balance (adiabatic)", EquationKind::enthalpy};
        default: return {"saturated liquid outlet", EquationKind::charge};
        }
    }
    [[nodiscard]] Result<void> validate() const { return {}; }
    [[nodiscard]] bool residuals(const PropertyService& props, const EdgeState& in, const EdgeState& out,
                                 std::span<const double>, std::span<double> r, ThermoError& err) const {
        auto liq = props.pq(out.p, 0.0);
        if (!detail::take(liq, err)) return false;
        r[0] = (out.p - in.p) / scale::pressure;
        r[1] = (out.m - in.m) / scale::mass_flow;
        r[2] = (out.h - in.h) / scale::enthalpy;
        r[3] = (out.h - liq->h.si()) / scale::enthalpy;
        return true;
    }
    [[nodiscard]] bool sweep(const PropertyService& props, EdgeState& in, EdgeState& out, std::span<double>) const {
        auto liq = props.pq(in.p, 0.0);
        if (!liq) return false;
        out.p = in.p;
        out.m = in.m;
        out.h = liq->h.si();
        return true;
    }
    void hints(const PropertyService&, GuessHints&) const {}
    void report(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double>,
                ComponentReport& rep) const {
        auto s1 = props.ph(in.p, in.h);
        auto s2 = props.ph(out.p, out.h);
        if (s1 && s2) rep.entropy_generation = in.m * (s2->s.si() - s1->s.si());
    }
    [[nodiscard]] Result<void> set_input(Input which, double) { return detail::not_an_input("receiver", which); }
};

static_assert(ComponentModel<Receiver>);

} // namespace entropyk
