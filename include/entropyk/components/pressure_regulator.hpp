// Evaporator pressure regulator (EPR, "back-pressure regulator"): a modulating valve in the
// suction line of an evaporator that holds its INLET pressure (the evaporator's) at a set value,
// above the suction pressure the compressor draws. With parallel evaporators at two temperatures
// on one compressor (a display case and a cold room, a water chiller beside a freezer), the
// warmer evaporator gets an EPR so that its evaporating temperature (and its frost, its product
// temperature) is held while the colder one sets the suction pressure (Stoecker & Jones,
// "Refrigeration and Air Conditioning", 2nd ed., McGraw-Hill 1982, section 16-9 "Evaporator-
// pressure regulators" in ch. 16 "Multipressure systems"; ASHRAE Handbook—Refrigeration 2022,
// ch. 11 "Refrigerant-control devices", "Evaporator-pressure-regulating valves").
// In the steady state it throttles adiabatically, without work:
//   p_in = p_set,   h_out = h_in,   m_out = m_in,
// and its outlet pressure is whatever the suction side imposes (the mixer with the colder
// evaporator's stream). A regulator that would have to raise the pressure (set value below the
// suction) is not a valve any more: the admissibility check refuses such a solution ("outlet
// pressure ... is above the inlet's"). The set value is given as a pressure or as the saturation
// (dew) temperature the evaporator is to hold.
#pragma once

#include <cmath>

#include "entropyk/components/component.hpp"

namespace entropyk {

class EvaporatorPressureRegulator {
  public:
    /// Holds the inlet (the evaporator) at the pressure `p_set`.
    static EvaporatorPressureRegulator at_pressure(Pressure p_set) {
        EvaporatorPressureRegulator r;
        r.p_ = p_set.si();
        return r;
    }
    /// Holds the inlet at the dew pressure of `T_set` (the evaporating temperature to keep).
    static EvaporatorPressureRegulator at_temperature(Temperature T_set) {
        EvaporatorPressureRegulator r;
        r.T_ = T_set.si();
        return r;
    }

    [[nodiscard]] Role role() const noexcept { return Role::expansion_valve; }
    [[nodiscard]] int n_equations() const noexcept { return 3; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"inlet held at the set pressure", EquationKind::pressure};
        case 1: return {"isenthalpic throttling", EquationKind::enthalpy};
        default: return {"mass balance", EquationKind::mass_balance};
        }
    }
    [[nodiscard]] Result<void> validate() const {
        if (p_ != 0.0 ? !detail::finite_positive(p_) : !detail::finite_positive(T_))
            return ThermoError::format(Errc::invalid_argument, "set %s = %g: expected a positive number",
                                       p_ != 0.0 ? "pressure" : "temperature", p_ != 0.0 ? p_ : T_);
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService& props, const EdgeState& in, const EdgeState& out,
                                 std::span<const double>, std::span<double> r, ThermoError& err) const {
        double p = 0.0;
        if (!set_pressure(props, p, err)) return false;
        r[0] = (in.p - p) / scale::pressure;
        r[1] = (out.h - in.h) / scale::enthalpy;
        r[2] = (out.m - in.m) / scale::mass_flow;
        return true;
    }
    /// Picard: the inlet at the set pressure; the outlet keeps the suction pressure it has.
    [[nodiscard]] bool sweep(const PropertyService& props, EdgeState& in, EdgeState& out, std::span<double>) const {
        ThermoError err;
        double p = 0.0;
        if (!set_pressure(props, p, err)) return false;
        in.p = p;
        if (!(out.p > 0.0) || out.p > p) out.p = p;
        out.h = in.h;
        out.m = in.m;
        return true;
    }
    /// No hint: the set pressure is the level of the evaporator before it, not of the suction
    /// after it (GuessHints::p_level would seed both ports); the Picard sweep lifts the inlet.
    void hints(const PropertyService&, GuessHints&) const {}
    void report(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double>,
                ComponentReport& rep) const {
        auto s1 = props.ph(in.p, in.h);
        auto s2 = props.ph(out.p, out.h);
        if (s1 && s2) rep.entropy_generation = in.m * (s2->s.si() - s1->s.si());
        rep.control_value = in.p - out.p; // the pressure the regulator takes down, Pa
    }
    [[nodiscard]] Result<void> set_input(Input which, double v) {
        switch (which) {
        case Input::saturation_temperature:
            T_ = v;
            p_ = 0.0;
            break;
        default: return detail::not_an_input("pressure regulator", which);
        }
        return validate();
    }

    /// The set pressure (the given one, or the dew pressure at the set temperature).
    bool set_pressure(const PropertyService& props, double& p, ThermoError& err) const {
        if (p_ != 0.0) {
            p = p_;
            return true;
        }
        auto sat = props.sat_t(T_);
        if (!detail::take(sat, err)) return false;
        p = sat->p_dew.si();
        return true;
    }

  private:
    double p_ = 0.0, T_ = 0.0;
};

static_assert(ComponentModel<EvaporatorPressureRegulator>);

} // namespace entropyk
