// High-pressure (back-pressure) valve of a transcritical cycle: isenthalpic throttling from the
// gas-cooler outlet to the evaporator, holding the high-side pressure. Above the critical point
// the gas-cooler pressure is independent of the outlet temperature, so it must be chosen; the
// valve holds it either at a given value or at the COP-optimal value.
//
// COP-optimal control: with the evaporating state and the gas-cooler outlet temperature fixed,
// COP(p_high) has one maximum (raising p_high lowers the throttling loss (h_3 falls) but raises
// the compressor work; Kauf, Int. J. Therm. Sci. 38 (1999) 325-330; Liao, Zhao & Jakobsen,
// Int. J. Refrigeration 23 (2000) 19-25). The System solves dCOP/dp_high = 0 around the loop
// (cycles/detail/optimum.hpp): the valve itself only holds the pressure it is given, and reports
// the correlation of Liao et al. as the start value,
//   p_opt [bar] = (2.778 - 0.0157 t_e) t_gc + (0.381 t_e - 9.34),
//   t_e evaporating temperature, t_gc gas-cooler outlet temperature, both in deg C
// (fitted for CO2 with t_gc 30-60 C, t_e -10-20 C; outside that range it is only a start).
#pragma once

#include <cmath>
#include <limits>

#include "entropyk/components/component.hpp"

namespace entropyk {

class HighPressureValve {
  public:
    /// Holds the high-side pressure at p_high.
    explicit HighPressureValve(Pressure p_high) : p_(p_high.si()) {}
    /// Holds the high-side pressure at the COP-optimal value (found by System::solve).
    static HighPressureValve cop_optimal() {
        HighPressureValve v(Pressure{std::numeric_limits<double>::quiet_NaN()});
        v.optimal_ = true;
        return v;
    }

    [[nodiscard]] Role role() const noexcept { return Role::expansion_valve; }
    [[nodiscard]] int n_equations() const noexcept { return 3; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"isenthalpic expansion", EquationKind::enthalpy};
        case 1: return {"mass balance", EquationKind::mass_balance};
        default:
            // In a transcritical loop the high-side pressure takes the place of the subcooling:
            // it is what the charge (and this valve) settles.
            return {"high-side pressure", EquationKind::charge};
        }
    }
    [[nodiscard]] bool allows_supercritical_pressure() const noexcept { return true; }
    /// True when System::solve must find the COP-optimal high-side pressure.
    [[nodiscard]] bool cop_optimal_control() const noexcept { return optimal_; }
    /// The pressure held now (Pa; NaN for a COP-optimal valve before its first solve).
    [[nodiscard]] double high_side_pressure() const noexcept { return p_; }

    [[nodiscard]] Result<void> validate() const {
        if (!optimal_ && !detail::finite_positive(p_))
            return ThermoError::format(Errc::invalid_argument, "high-side pressure = %g Pa: expected a positive number",
                                       p_);
        if (optimal_ && !std::isnan(p_) && !detail::finite_positive(p_))
            return ThermoError::format(Errc::invalid_argument, "high-side pressure = %g Pa: expected a positive number",
                                       p_);
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService&, const EdgeState& in, const EdgeState& out,
                                 std::span<const double>, std::span<double> r, ThermoError& err) const {
        if (std::isnan(p_)) {
            err = ThermoError{Errc::invalid_state, "high-pressure valve: no high-side pressure set yet"};
            return false;
        }
        r[0] = (out.h - in.h) / scale::enthalpy;
        r[1] = (out.m - in.m) / scale::mass_flow;
        r[2] = (in.p - p_) / scale::pressure;
        return true;
    }
    [[nodiscard]] bool sweep(const PropertyService&, EdgeState& in, EdgeState& out, std::span<double>) const {
        if (!std::isnan(p_)) in.p = p_;
        out.h = in.h;
        out.m = in.m;
        return true;
    }
    void hints(const PropertyService&, GuessHints& g) const {
        g.supercritical_high_side = true;
        if (std::isfinite(p_)) {
            g.p_high = p_;
            g.p_high_fixed = true;
        }
    }
    void report(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double>,
                ComponentReport& rep) const {
        auto s1 = props.ph(in.p, in.h);
        auto s2 = props.ph(out.p, out.h);
        if (s1 && s2) rep.entropy_generation = in.m * (s2->s.si() - s1->s.si());
        rep.control_value = p_;
    }
    /// Input::high_side_pressure sets the pressure held (for a COP-optimal valve: the start of the
    /// next search and, between solves, the pressure the System moves it to).
    [[nodiscard]] Result<void> set_input(Input which, double v) {
        if (which != Input::high_side_pressure) return detail::not_an_input("high-pressure valve", which);
        p_ = v;
        if (!detail::finite_positive(p_))
            return ThermoError::format(Errc::invalid_argument, "high-side pressure = %g Pa: expected a positive number",
                                       p_);
        return {};
    }

    /// Liao, Zhao & Jakobsen (2000) optimum high-side pressure of a CO2 cycle, Pa, from the
    /// evaporating and gas-cooler outlet temperatures in K (header comment).
    [[nodiscard]] static double liao_optimum_pressure(double T_evap, double T_gc_out) noexcept {
        const double te = T_evap - 273.15, tc = T_gc_out - 273.15;
        return ((2.778 - 0.0157 * te) * tc + (0.381 * te - 9.34)) * 1e5;
    }

  private:
    double p_;
    bool optimal_ = false;
};

static_assert(ComponentModel<HighPressureValve>);

} // namespace entropyk
