// Splitter (tee, flow divider): one stream divides into two of the same state,
//   p_a = p_b = p_in,   h_a = h_b = h_in,   m_a + m_b = m_in,
// and, when the split is fixed, m_a = f m_in. A free split leaves the division to the rest of the
// network (two branches with their own flow laws, a valve on each). Adiabatic and without
// pressure drop: the steady-flow balances of a control volume with no heat or work (Cengel &
// Boles, "Thermodynamics: An Engineering Approach", 8th ed., section 5-4). A single-phase or
// two-phase inlet is divided in its mean state: no phase separation happens in a tee (a
// separator is the flash tank, components/flash_tank.hpp).
// Ports: inlet "inlet"; outlets "outlet_a" (port 0) and "outlet_b" (port 1).
#pragma once

#include <cmath>

#include "entropyk/components/component.hpp"

namespace entropyk {

class Splitter {
  public:
    /// A free split: the network decides how the flow divides.
    Splitter() = default;
    /// A fixed split: the fraction `fraction_a` of the inlet flow leaves through outlet_a.
    static Splitter fixed(double fraction_a) {
        Splitter s;
        s.fixed_ = true;
        s.f_ = fraction_a;
        return s;
    }

    [[nodiscard]] Role role() const noexcept { return Role::other; }
    [[nodiscard]] int n_inlets() const noexcept { return 1; }
    [[nodiscard]] int n_outlets() const noexcept { return 2; }
    [[nodiscard]] const char* inlet_name(int) const noexcept { return "inlet"; }
    [[nodiscard]] const char* outlet_name(int k) const noexcept { return k == 0 ? "outlet_a" : "outlet_b"; }
    [[nodiscard]] int n_equations() const noexcept { return fixed_ ? 6 : 5; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"outlet a at the inlet pressure", EquationKind::pressure};
        case 1: return {"outlet b at the inlet pressure", EquationKind::pressure};
        case 2: return {"outlet a at the inlet enthalpy", EquationKind::enthalpy};
        case 3: return {"outlet b at the inlet enthalpy", EquationKind::enthalpy};
        case 4: return {"mass balance", EquationKind::mass_balance};
        default: return {"fixed split fraction", EquationKind::control};
        }
    }
    [[nodiscard]] Result<void> validate() const {
        if (fixed_ && !(f_ > 0.0 && f_ < 1.0))
            return ThermoError::format(Errc::invalid_argument, "split fraction = %g: expected a number in (0, 1)", f_);
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService&, std::span<const EdgeState* const> in,
                                 std::span<const EdgeState* const> out, std::span<const double>, std::span<double> r,
                                 ThermoError&) const {
        const EdgeState &i = *in[0], &a = *out[0], &b = *out[1];
        r[0] = (a.p - i.p) / scale::pressure;
        r[1] = (b.p - i.p) / scale::pressure;
        r[2] = (a.h - i.h) / scale::enthalpy;
        r[3] = (b.h - i.h) / scale::enthalpy;
        r[4] = (a.m + b.m - i.m) / scale::mass_flow;
        if (fixed_) r[5] = (a.m - f_ * i.m) / scale::mass_flow;
        return true;
    }

    /// Picard: both outlets at the inlet state; the fixed fraction, or the current division.
    [[nodiscard]] bool sweep(const PropertyService&, std::span<EdgeState* const> in, std::span<EdgeState* const> out,
                             std::span<double>) const {
        EdgeState &i = *in[0], &a = *out[0], &b = *out[1];
        const double f = fixed_ ? f_ : (a.m > 0.0 && b.m > 0.0 ? a.m / (a.m + b.m) : 0.5);
        a.p = b.p = i.p;
        a.h = b.h = i.h;
        a.m = f * i.m;
        b.m = i.m - a.m;
        return true;
    }

    void hints(const PropertyService&, GuessHints&) const {}

    void report(const PropertyService& props, std::span<const EdgeState* const> in,
                std::span<const EdgeState* const> out, std::span<const double>, ComponentReport& rep) const {
        auto si = props.ph(in[0]->p, in[0]->h);
        auto sa = props.ph(out[0]->p, out[0]->h);
        auto sb = props.ph(out[1]->p, out[1]->h);
        if (si && sa && sb)
            rep.entropy_generation = out[0]->m * sa->s.si() + out[1]->m * sb->s.si() - in[0]->m * si->s.si();
    }

    [[nodiscard]] Result<void> set_input(Input which, double) { return detail::not_an_input("splitter", which); }

    [[nodiscard]] bool fixed_split() const noexcept { return fixed_; }
    [[nodiscard]] double fraction_a() const noexcept { return f_; }

  private:
    bool fixed_ = false;
    double f_ = 0.5;
};

static_assert(MultiPortModel<Splitter>);

} // namespace entropyk
