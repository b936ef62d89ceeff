// Mixer (mixing chamber, tee): two refrigerant streams join adiabatically at one pressure,
//   m_out = m_a + m_b,   m_out h_out = m_a h_a + m_b h_b,   p_a = p_b = p_out,
// the steady-flow mass and energy balances of an adiabatic mixing chamber with no work and no
// pressure drop (Cengel & Boles, "Thermodynamics: An Engineering Approach", 8th ed., section 5-4,
// "Mixing chambers"; the flash-gas merge of section 11-7). The entropy generated is
// m_out s_out - m_a s_a - m_b s_b >= 0 (the second law for irreversible mixing).
// Ports: inlets "inlet_a" (port 0) and "inlet_b" (port 1); outlet "outlet".
#pragma once

#include <cmath>

#include "entropyk/components/component.hpp"

namespace entropyk {

class Mixer {
  public:
    [[nodiscard]] Role role() const noexcept { return Role::other; }
    [[nodiscard]] int n_inlets() const noexcept { return 2; }
    [[nodiscard]] int n_outlets() const noexcept { return 1; }
    [[nodiscard]] const char* inlet_name(int k) const noexcept { return k == 0 ? "inlet_a" : "inlet_b"; }
    [[nodiscard]] const char* outlet_name(int) const noexcept { return "outlet"; }
    [[nodiscard]] int n_equations() const noexcept { return 4; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"inlet a at the outlet pressure", EquationKind::pressure};
        case 1: return {"inlet b at the outlet pressure", EquationKind::pressure};
        case 2: return {"mass balance", EquationKind::mass_balance};
        default: return {"energy balance (adiabatic mixing)", EquationKind::enthalpy};
        }
    }
    [[nodiscard]] Result<void> validate() const { return {}; }

    [[nodiscard]] bool residuals(const PropertyService&, std::span<const EdgeState* const> in,
                                 std::span<const EdgeState* const> out, std::span<const double>, std::span<double> r,
                                 ThermoError&) const {
        const EdgeState &a = *in[0], &b = *in[1], &o = *out[0];
        r[0] = (a.p - o.p) / scale::pressure;
        r[1] = (b.p - o.p) / scale::pressure;
        r[2] = (o.m - a.m - b.m) / scale::mass_flow;
        r[3] = (o.m * o.h - a.m * a.h - b.m * b.h) / (scale::mass_flow * scale::enthalpy);
        return true;
    }

    /// Picard: the outlet at the lower inlet pressure, the inlets' flows and their mixed enthalpy.
    [[nodiscard]] bool sweep(const PropertyService&, std::span<EdgeState* const> in, std::span<EdgeState* const> out,
                             std::span<double>) const {
        EdgeState &a = *in[0], &b = *in[1], &o = *out[0];
        o.m = a.m + b.m;
        if (!(o.m > 0.0)) return false;
        o.h = (a.m * a.h + b.m * b.h) / o.m;
        o.p = std::fmin(a.p, b.p);
        a.p = b.p = o.p;
        return true;
    }

    void hints(const PropertyService&, GuessHints&) const {}

    void report(const PropertyService& props, std::span<const EdgeState* const> in,
                std::span<const EdgeState* const> out, std::span<const double>, ComponentReport& rep) const {
        auto sa = props.ph(in[0]->p, in[0]->h);
        auto sb = props.ph(in[1]->p, in[1]->h);
        auto so = props.ph(out[0]->p, out[0]->h);
        if (sa && sb && so)
            rep.entropy_generation = out[0]->m * so->s.si() - in[0]->m * sa->s.si() - in[1]->m * sb->s.si();
    }

    [[nodiscard]] Result<void> set_input(Input which, double) { return detail::not_an_input("mixer", which); }
};

static_assert(MultiPortModel<Mixer>);

} // namespace entropyk
