// Expansion valves: adiabatic throttling without work, so the enthalpy is conserved
// (isenthalpic). What sets the flow or the downstream state is the valve's mode:
//
// - IsenthalpicValve: design mode; the evaporator sets the downstream pressure.
// - ExpansionValve::fixed_superheat: an ideal TXV/EXV holding the evaporator-outlet superheat.
// - ExpansionValve::orifice: a fixed opening a with the orifice equation
//     m = C a sqrt(rho_in (p_in - p_out))
//   (incompressible-orifice form used for short-tube and electronic valves, e.g. Aaron & Domanski,
//   ASHRAE Trans. 96(1), 1990; C lumps discharge coefficient and full-open area, m^2).
// - ExpansionValve::superheat_control: the opening is an unknown, driven to the superheat
//   set-point within [a_min, a_max]. The complementarity condition
//     0 = a - clamp(a + e, a_min, a_max),  e = (SH - SH_set) / 10 K
//   holds the set-point inside the bounds and pins the opening at a bound with the superheat free
//   otherwise; the solve then reports ConvergedControlSaturation.
//
// Valves that look at the evaporator outlet are bound to it by the system at finalize().
#pragma once

#include <algorithm>
#include <cmath>

#include "entropyk/components/component.hpp"

namespace entropyk {

class IsenthalpicValve {
  public:
    [[nodiscard]] Role role() const noexcept { return Role::expansion_valve; }
    [[nodiscard]] int n_equations() const noexcept { return 2; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        return k == 0 ? EquationInfo{"isenthalpic expansion", EquationKind::enthalpy}
                      : EquationInfo{"mass balance", EquationKind::mass_balance};
    }
    [[nodiscard]] Result<void> validate() const { return {}; }

    [[nodiscard]] bool residuals(const PropertyService&, const EdgeState& in, const EdgeState& out,
                                 std::span<const double>, std::span<double> r, ThermoError&) const {
        r[0] = (out.h - in.h) / scale::enthalpy;
        r[1] = (out.m - in.m) / scale::mass_flow;
        return true;
    }
    [[nodiscard]] bool sweep(const PropertyService&, EdgeState& in, EdgeState& out, std::span<double>) const {
        out.h = in.h;
        out.m = in.m;
        return true;
    }
    void hints(const PropertyService&, GuessHints&) const {}
    void report(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double>,
                ComponentReport& rep) const {
        auto s1 = props.ph(in.p, in.h);
        auto s2 = props.ph(out.p, out.h);
        if (s1 && s2) rep.entropy_generation = in.m * (s2->s.si() - s1->s.si());
    }
    [[nodiscard]] Result<void> set_input(Input which, double) {
        return detail::not_an_input("isenthalpic valve", which);
    }
};

class ExpansionValve {
  public:
    enum class Mode : std::uint8_t { fixed_superheat, orifice, superheat_control };

    static ExpansionValve fixed_superheat(TemperatureDifference superheat) {
        ExpansionValve v(Mode::fixed_superheat);
        v.sh_set_ = superheat.si();
        return v;
    }
    /// `flow_coefficient` C in m^2 (discharge coefficient x full-open area), opening in [0, 1].
    static ExpansionValve orifice(double flow_coefficient, double opening) {
        ExpansionValve v(Mode::orifice);
        v.C_ = flow_coefficient;
        v.opening_ = opening;
        return v;
    }
    static ExpansionValve superheat_control(double flow_coefficient, TemperatureDifference superheat,
                                            double min_opening = 0.05, double max_opening = 1.0) {
        ExpansionValve v(Mode::superheat_control);
        v.C_ = flow_coefficient;
        v.sh_set_ = superheat.si();
        v.a_min_ = min_opening;
        v.a_max_ = max_opening;
        v.opening_ = 0.5 * (min_opening + max_opening);
        return v;
    }

    [[nodiscard]] Mode mode() const noexcept { return mode_; }
    [[nodiscard]] Role role() const noexcept { return Role::expansion_valve; }
    [[nodiscard]] int n_equations() const noexcept { return mode_ == Mode::superheat_control ? 4 : 3; }
    [[nodiscard]] int n_controls() const noexcept { return mode_ == Mode::superheat_control ? 1 : 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"isenthalpic expansion", EquationKind::enthalpy};
        case 1: return {"mass balance", EquationKind::mass_balance};
        case 2:
            return mode_ == Mode::fixed_superheat ? EquationInfo{"evaporator outlet superheat", EquationKind::control}
                                                  : EquationInfo{"orifice flow", EquationKind::pressure};
        default: return {"superheat control (opening within bounds)", EquationKind::control};
        }
    }
    [[nodiscard]] bool senses_evaporator_outlet() const noexcept { return mode_ != Mode::orifice; }
    void bind_sensor(const EdgeState* e) noexcept { sensor_ = e; }

    [[nodiscard]] Result<void> validate() const {
        if (mode_ != Mode::orifice && !detail::finite_nonnegative(sh_set_))
            return ThermoError::format(Errc::invalid_argument, "superheat set-point = %g K: expected >= 0", sh_set_);
        if (mode_ != Mode::fixed_superheat && !detail::finite_positive(C_))
            return ThermoError::format(Errc::invalid_argument, "flow coefficient = %g m2: expected a positive number",
                                       C_);
        if (mode_ == Mode::orifice && !(opening_ > 0.0 && opening_ <= 1.0))
            return ThermoError::format(Errc::invalid_argument, "opening = %g: expected a number in (0, 1]", opening_);
        if (mode_ == Mode::superheat_control && !(a_min_ >= 0.0 && a_min_ < a_max_ && a_max_ <= 1.0))
            return ThermoError::format(Errc::invalid_argument, "opening bounds [%g, %g]: expected 0 <= min < max <= 1",
                                       a_min_, a_max_);
        return {};
    }

    void initial_controls(std::span<double> u) const {
        if (mode_ == Mode::superheat_control) u[0] = std::clamp(opening_, a_min_, a_max_);
    }
    /// The opening stays within its limits in every solver step.
    void clamp_controls(std::span<double> u) const {
        if (mode_ == Mode::superheat_control) u[0] = std::clamp(u[0], a_min_, a_max_);
    }

    [[nodiscard]] bool residuals(const PropertyService& props, const EdgeState& in, const EdgeState& out,
                                 std::span<const double> u, std::span<double> r, ThermoError& err) const {
        r[0] = (out.h - in.h) / scale::enthalpy;
        r[1] = (out.m - in.m) / scale::mass_flow;
        if (mode_ == Mode::fixed_superheat) {
            double sh = 0.0;
            if (!superheat(props, sh, err)) return false;
            r[2] = (sh - sh_set_) / scale::temperature;
            return true;
        }
        const double a = mode_ == Mode::orifice ? opening_ : u[0];
        double m_orifice = 0.0;
        if (!orifice_flow(props, in, out, a, m_orifice, err)) return false;
        r[2] = (in.m - m_orifice) / scale::mass_flow;
        if (mode_ == Mode::superheat_control) {
            double sh = 0.0;
            if (!superheat(props, sh, err)) return false;
            const double e = (sh - sh_set_) / 10.0;
            r[3] = a - std::clamp(a + e, a_min_, a_max_);
        }
        return true;
    }

    [[nodiscard]] bool sweep(const PropertyService&, EdgeState& in, EdgeState& out, std::span<double>) const {
        out.h = in.h;
        out.m = in.m;
        return true;
    }
    /// The superheat the evaporator outlet will have (fixed or controlled), for the initial guess.
    void hints(const PropertyService&, GuessHints& g) const {
        if (mode_ != Mode::orifice) g.superheat = sh_set_;
    }

    void report(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double> u,
                ComponentReport& rep) const {
        auto s1 = props.ph(in.p, in.h);
        auto s2 = props.ph(out.p, out.h);
        if (s1 && s2) rep.entropy_generation = in.m * (s2->s.si() - s1->s.si());
        if (mode_ == Mode::superheat_control) {
            rep.control_value = u[0];
            rep.control_saturated = control_saturated(u);
        } else if (mode_ == Mode::orifice) {
            rep.control_value = opening_;
        }
    }

    [[nodiscard]] bool control_saturated(std::span<const double> u) const noexcept {
        if (mode_ != Mode::superheat_control) return false;
        const double tol = 1e-9;
        return u[0] <= a_min_ + tol || u[0] >= a_max_ - tol;
    }

    [[nodiscard]] Result<void> set_input(Input which, double v) {
        if (which == Input::valve_opening && mode_ == Mode::orifice) {
            opening_ = v;
            return validate();
        }
        if (which == Input::superheat_setpoint && mode_ != Mode::orifice) {
            sh_set_ = v;
            return validate();
        }
        return detail::not_an_input("expansion valve in this mode", which);
    }

  private:
    explicit ExpansionValve(Mode m) : mode_(m) {}

    bool superheat(const PropertyService& props, double& sh, ThermoError& err) const {
        if (!sensor_) {
            err = ThermoError(Errc::invalid_state, "the valve is not bound to an evaporator outlet");
            return false;
        }
        auto st = props.ph(sensor_->p, sensor_->h);
        if (!detail::take(st, err)) return false;
        auto sat = props.sat_p(sensor_->p);
        if (!detail::take(sat, err)) return false;
        // Below the dew point the "superheat" is negative in proportion to the missing enthalpy,
        // so the residual stays monotonic (and smooth) through a wet evaporator outlet.
        if (st->phase == fluids::Phase::two_phase) {
            const double hv = sat->h_vapor.si(), hl = sat->h_liquid.si();
            sh = (sensor_->h - hv) / (hv - hl) * 100.0; // 1 % quality deficit ~ -1 K
        } else {
            sh = st->T.si() - sat->T_dew.si();
        }
        return true;
    }
    bool orifice_flow(const PropertyService& props, const EdgeState& in, const EdgeState& out, double a, double& m,
                      ThermoError& err) const {
        auto st = props.ph(in.p, in.h);
        if (!detail::take(st, err)) return false;
        const double dp = in.p - out.p;
        m = C_ * a * std::copysign(std::sqrt(st->rho.si() * std::fabs(dp)), dp);
        return true;
    }

    Mode mode_;
    double sh_set_ = 0.0;
    double C_ = 0.0;
    double opening_ = 1.0;
    double a_min_ = 0.0, a_max_ = 1.0;
    const EdgeState* sensor_ = nullptr;
};

static_assert(ComponentModel<IsenthalpicValve>);
static_assert(ComponentModel<ExpansionValve>);

} // namespace entropyk
