// Flash tank (phase separator, "flash chamber"): an adiabatic vessel at an intermediate pressure
// that receives a two-phase stream and delivers saturated liquid at its bottom and saturated
// vapour at its top. In the steady state the outlet flows follow from the lever rule on the two
// saturated states (the mass and energy balances below):
//   m_l + m_v = m_in,   m_l h'(p) + m_v h''(p) = m_in h_in,   so  m_v / m_in = (h_in - h') / (h'' - h').
// The separation is ideal (no liquid carry-over, no vapour in the liquid line), as in the
// textbook two-stage cycle with a flash chamber (Cengel & Boles, "Thermodynamics: An Engineering
// Approach", 8th ed., section 11-7, Example 11-5) and the multipressure systems of Stoecker &
// Jones, "Refrigeration and Air Conditioning", 2nd ed., McGraw-Hill 1982, ch. 16 (flash-gas
// removal). The pressure is given (the intermediate level); all three ports are at it.
// Ports: inlet "inlet"; outlets "liquid_out" (port 0) and "vapour_out" (port 1).
#pragma once

#include <algorithm>
#include <cmath>

#include "entropyk/components/component.hpp"

namespace entropyk {

class FlashTank {
  public:
    /// A flash tank held at the pressure `p` (the intermediate pressure of a two-stage cycle).
    explicit FlashTank(Pressure p) : p_(p.si()) {}

    [[nodiscard]] Role role() const noexcept { return Role::other; }
    [[nodiscard]] int n_inlets() const noexcept { return 1; }
    [[nodiscard]] int n_outlets() const noexcept { return 2; }
    [[nodiscard]] const char* inlet_name(int) const noexcept { return "inlet"; }
    [[nodiscard]] const char* outlet_name(int k) const noexcept { return k == 0 ? "liquid_out" : "vapour_out"; }
    [[nodiscard]] int n_equations() const noexcept { return 7; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"given pressure", EquationKind::pressure};
        case 1: return {"liquid outlet at the tank pressure", EquationKind::pressure};
        case 2: return {"vapour outlet at the tank pressure", EquationKind::pressure};
        case 3: return {"saturated liquid outlet", EquationKind::enthalpy};
        case 4: return {"saturated vapour outlet", EquationKind::enthalpy};
        case 5: return {"mass balance", EquationKind::mass_balance};
        default: return {"energy balance (adiabatic)", EquationKind::enthalpy};
        }
    }
    [[nodiscard]] Result<void> validate() const {
        if (!detail::finite_positive(p_))
            return ThermoError::format(Errc::invalid_argument, "pressure = %g Pa: expected a positive number", p_);
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService& props, std::span<const EdgeState* const> in,
                                 std::span<const EdgeState* const> out, std::span<const double>, std::span<double> r,
                                 ThermoError& err) const {
        double hl = 0.0, hv = 0.0;
        if (!saturated(props, hl, hv, err)) return false;
        const EdgeState &i = *in[0], &l = *out[0], &v = *out[1];
        r[0] = (i.p - p_) / scale::pressure;
        r[1] = (l.p - i.p) / scale::pressure;
        r[2] = (v.p - i.p) / scale::pressure;
        r[3] = (l.h - hl) / scale::enthalpy;
        r[4] = (v.h - hv) / scale::enthalpy;
        r[5] = (l.m + v.m - i.m) / scale::mass_flow;
        r[6] = (l.m * l.h + v.m * v.h - i.m * i.h) / (scale::mass_flow * scale::enthalpy);
        return true;
    }

    /// Picard: the lever rule on the inlet (its quality clipped to [0, 1]).
    [[nodiscard]] bool sweep(const PropertyService& props, std::span<EdgeState* const> in,
                             std::span<EdgeState* const> out, std::span<double>) const {
        ThermoError err;
        double hl = 0.0, hv = 0.0;
        if (!saturated(props, hl, hv, err)) return false;
        EdgeState &i = *in[0], &l = *out[0], &v = *out[1];
        const double x = std::clamp((i.h - hl) / (hv - hl), 0.0, 1.0);
        i.p = l.p = v.p = p_;
        l.h = hl;
        v.h = hv;
        v.m = x * i.m;
        l.m = i.m - v.m;
        return true;
    }

    void hints(const PropertyService&, GuessHints& g) const { g.p_level = p_; }

    void report(const PropertyService& props, std::span<const EdgeState* const> in,
                std::span<const EdgeState* const> out, std::span<const double>, ComponentReport& rep) const {
        // Adiabatic: no heat, no work; the entropy generated is that of the separated streams
        // minus the inlet's (zero for an ideal separation of a two-phase inlet).
        auto si = props.ph(in[0]->p, in[0]->h);
        auto sl = props.ph(out[0]->p, out[0]->h);
        auto sv = props.ph(out[1]->p, out[1]->h);
        if (si && sl && sv)
            rep.entropy_generation = out[0]->m * sl->s.si() + out[1]->m * sv->s.si() - in[0]->m * si->s.si();
    }

    [[nodiscard]] Result<void> set_input(Input which, double) { return detail::not_an_input("flash tank", which); }

    [[nodiscard]] double pressure() const noexcept { return p_; }

  private:
    bool saturated(const PropertyService& props, double& hl, double& hv, ThermoError& err) const {
        auto l = props.pq(p_, 0.0);
        if (!detail::take(l, err)) return false;
        auto v = props.pq(p_, 1.0);
        if (!detail::take(v, err)) return false;
        hl = l->h.si();
        hv = v->h.si();
        return true;
    }
    double p_;
};

static_assert(MultiPortModel<FlashTank>);

} // namespace entropyk
