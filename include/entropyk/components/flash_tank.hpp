// Flash tank (phase separator, "flash chamber"): an adiabatic vessel at an intermediate pressure
// that receives a two-phase stream and delivers saturated liquid at its bottom and saturated
// vapour at its top. In the steady state the outlet flows follow from the lever rule on the two
// saturated states (the mass and energy balances below):
//   m_l + m_v = m_in,   m_l h'(p) + m_v h''(p) = m_in h_in,   so  m_v / m_in = (h_in - h') / (h'' - h').
// The separation is ideal (no liquid carry-over, no vapour in the liquid line), as in the
// textbook two-stage cycle with a flash chamber (Cengel & Boles, "Thermodynamics: An Engineering
// Approach", 8th ed., section 11-7, Example 11-5) and the multipressure systems of Stoecker &
// Jones, "Refrigeration and Air Conditioning", 2nd ed., McGraw-Hill 1982, ch. 16 (flash-gas
// removal). All three ports are at the tank pressure, which is set in one of three ways:
//  - given: the intermediate level is a set point (the equation p_in = p_tank);
//  - floating: the pressure is an unknown of the network, closed by the components around the
//    tank. In a plant with both stages given by their displacement (m = rho_suction V N eta_v)
//    the level settles where the high stage swallows the low-stage flow plus the flash gas:
//    m_HP = m_LP + m_v, with m_v from the lever rule at the tank pressure. A floating tank has one
//    equation fewer; a network with nothing to close it is refused at finalize(), naming the tank;
//  - geometric mean: p_tank = r sqrt(p_low p_high) (components/detail/intermediate_pressure.hpp;
//    Stoecker & Jones 1982 section 16-5), where p_high is the inlet pressure of the valve that
//    feeds the tank and p_low the outlet pressure of the first valve downstream of the liquid
//    outlet (the evaporating level it feeds); the System binds both at finalize().
// Ports: inlet "inlet"; outlets "liquid_out" (port 0) and "vapour_out" (port 1).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "entropyk/components/component.hpp"
#include "entropyk/components/detail/intermediate_pressure.hpp"

namespace entropyk {

class FlashTank {
  public:
    enum class Mode : std::uint8_t { given, floating, geometric_mean };

    /// A flash tank held at the pressure `p` (the intermediate pressure of a two-stage cycle).
    explicit FlashTank(Pressure p) : p_(p.si()) {}
    /// A flash tank whose pressure is an unknown closed by the network (see the header).
    static FlashTank floating() {
        FlashTank t(Pressure{std::numeric_limits<double>::quiet_NaN()});
        t.mode_ = Mode::floating;
        return t;
    }
    /// A flash tank at `factor` times the geometric mean of the loop's high and low pressures.
    static FlashTank geometric_mean(double factor = 1.0) {
        FlashTank t(Pressure{std::numeric_limits<double>::quiet_NaN()});
        t.mode_ = Mode::geometric_mean;
        t.r_ = factor;
        return t;
    }

    [[nodiscard]] Role role() const noexcept { return Role::other; }
    [[nodiscard]] int n_inlets() const noexcept { return 1; }
    [[nodiscard]] int n_outlets() const noexcept { return 2; }
    [[nodiscard]] const char* inlet_name(int) const noexcept { return "inlet"; }
    [[nodiscard]] const char* outlet_name(int k) const noexcept { return k == 0 ? "liquid_out" : "vapour_out"; }
    [[nodiscard]] int n_equations() const noexcept { return mode_ == Mode::floating ? 6 : 7; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        if (mode_ == Mode::floating) ++k; // no equation for the level itself
        switch (k) {
        case 0:
            return {mode_ == Mode::given ? "given pressure" : "intermediate pressure (geometric mean)",
                    EquationKind::pressure};
        case 1: return {"liquid outlet at the tank pressure", EquationKind::pressure};
        case 2: return {"vapour outlet at the tank pressure", EquationKind::pressure};
        case 3: return {"saturated liquid outlet", EquationKind::enthalpy};
        case 4: return {"saturated vapour outlet", EquationKind::enthalpy};
        case 5: return {"mass balance", EquationKind::mass_balance};
        default: return {"energy balance (adiabatic)", EquationKind::enthalpy};
        }
    }
    [[nodiscard]] Result<void> validate() const {
        if (mode_ == Mode::given && !detail::finite_positive(p_))
            return ThermoError::format(Errc::invalid_argument, "pressure = %g Pa: expected a positive number", p_);
        if (mode_ == Mode::geometric_mean && !(r_ > 0.0 && r_ < 10.0))
            return ThermoError::format(Errc::invalid_argument,
                                       "intermediate pressure factor = %g: expected a number in (0, 10)", r_);
        return {};
    }

    [[nodiscard]] Mode mode() const noexcept { return mode_; }
    /// True when the tank pressure is an unknown of the network (finalize() names the tank when
    /// nothing closes it).
    [[nodiscard]] bool floating_pressure() const noexcept { return mode_ == Mode::floating; }
    /// Geometric-mean mode: the System binds the high and low pressure levels the tank reads.
    [[nodiscard]] bool senses_levels() const noexcept { return mode_ == Mode::geometric_mean; }
    void bind_levels(const EdgeState* high, const EdgeState* low) noexcept { high_ = high, low_ = low; }

    [[nodiscard]] bool residuals(const PropertyService& props, std::span<const EdgeState* const> in,
                                 std::span<const EdgeState* const> out, std::span<const double>, std::span<double> r,
                                 ThermoError& err) const {
        const EdgeState &i = *in[0], &l = *out[0], &v = *out[1];
        double p = 0.0;
        if (!level(i.p, p, err)) return false;
        double hl = 0.0, hv = 0.0;
        if (!saturated(props, p, hl, hv, err)) return false;
        const int o = mode_ == Mode::floating ? -1 : 0; // a floating tank has no level equation
        if (o == 0) r[0] = (i.p - p) / scale::pressure;
        r[o + 1] = (l.p - i.p) / scale::pressure;
        r[o + 2] = (v.p - i.p) / scale::pressure;
        r[o + 3] = (l.h - hl) / scale::enthalpy;
        r[o + 4] = (v.h - hv) / scale::enthalpy;
        r[o + 5] = (l.m + v.m - i.m) / scale::mass_flow;
        r[o + 6] = (l.m * l.h + v.m * v.h - i.m * i.h) / (scale::mass_flow * scale::enthalpy);
        return true;
    }

    /// Picard: the lever rule on the inlet (its quality clipped to [0, 1]).
    [[nodiscard]] bool sweep(const PropertyService& props, std::span<EdgeState* const> in,
                             std::span<EdgeState* const> out, std::span<double>) const {
        ThermoError err;
        EdgeState &i = *in[0], &l = *out[0], &v = *out[1];
        double p = 0.0;
        if (!level(i.p, p, err)) return false;
        double hl = 0.0, hv = 0.0;
        if (!saturated(props, p, hl, hv, err)) return false;
        const double x = std::clamp((i.h - hl) / (hv - hl), 0.0, 1.0);
        i.p = l.p = v.p = p;
        l.h = hl;
        v.h = hv;
        v.m = x * i.m;
        l.m = i.m - v.m;
        return true;
    }

    /// A given level seeds the guess; the other modes start at the geometric mean of the loop's
    /// guessed high and low levels (GuessHints::p_level_geometric_mean).
    void hints(const PropertyService&, GuessHints& g) const {
        if (mode_ == Mode::given)
            g.p_level = p_;
        else
            g.p_level_geometric_mean = mode_ == Mode::geometric_mean ? r_ : 1.0;
    }

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

    /// The given pressure (Pa; NaN in the floating and geometric-mean modes).
    [[nodiscard]] double pressure() const noexcept { return p_; }
    /// The factor r of the geometric-mean mode (1 in the others).
    [[nodiscard]] double factor() const noexcept { return r_; }

  private:
    /// The tank pressure the equations hold: the set point, the bound levels' geometric mean, or
    /// (floating) the inlet's own pressure, an unknown of the network.
    bool level(double p_inlet, double& p, ThermoError& err) const {
        switch (mode_) {
        case Mode::given: p = p_; return true;
        case Mode::floating: p = p_inlet; return true;
        case Mode::geometric_mean:
            if (!high_ || !low_) {
                err = ThermoError{Errc::invalid_state,
                                  "flash tank: the geometric-mean mode has no high and low pressure levels bound "
                                  "(it needs a valve before its inlet and one after its liquid outlet)"};
                return false;
            }
            p = detail::geometric_mean_pressure(low_->p, high_->p, r_);
            return true;
        }
        return false;
    }
    bool saturated(const PropertyService& props, double p, double& hl, double& hv, ThermoError& err) const {
        auto l = props.pq(p, 0.0);
        if (!detail::take(l, err)) return false;
        auto v = props.pq(p, 1.0);
        if (!detail::take(v, err)) return false;
        hl = l->h.si();
        hv = v->h.si();
        return true;
    }
    double p_;
    double r_ = 1.0;
    Mode mode_ = Mode::given;
    const EdgeState* high_ = nullptr; ///< inlet of the valve feeding the tank (geometric mean)
    const EdgeState* low_ = nullptr;  ///< outlet of the first valve after the liquid outlet
};

static_assert(MultiPortModel<FlashTank>);

} // namespace entropyk
