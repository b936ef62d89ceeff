// Boundary-condition heat exchangers for design-mode and textbook cycles: the saturation
// temperature (or pressure) is given, and the outlet state is fixed by a subcooling (condenser)
// or a superheat (evaporator). The heat rate follows from the energy balance. No pressure drop.
//
// For the pseudo-pure R410A and the blends the saturation temperature names a bubble or a dew
// point (SaturationPoint): condensing temperatures are usually quoted at the bubble point (outlet
// side, as in the R32 validation case), evaporating temperatures at the dew point. The mid-point
// (the pressure where the mean of the bubble and dew temperatures is the given one) is the other
// convention in use for blends with a large glide such as R407C; compressor ratings usually
// quote dew points.
#pragma once

#include <cmath>

#include "entropyk/components/component.hpp"

namespace entropyk {

enum class SaturationPoint : std::uint8_t {
    bubble,
    dew,
    mid, ///< the mean of the bubble and dew temperatures at the pressure (blends with a glide)
};

namespace detail {

/// Shared engine of the fixed-saturation condenser and evaporator. `Condensing` selects the
/// outlet specification: subcooling below the bubble point, or superheat above the dew point.
template <bool Condensing>
class FixedSaturationExchanger {
  public:
    FixedSaturationExchanger(Temperature T_sat, TemperatureDifference outlet_spec, SaturationPoint point)
        : T_sat_(T_sat.si()), dT_(outlet_spec.si()), point_(point) {}
    FixedSaturationExchanger(Pressure p_sat, TemperatureDifference outlet_spec)
        : p_given_(p_sat.si()), dT_(outlet_spec.si()) {}

    [[nodiscard]] Role role() const noexcept { return Condensing ? Role::condenser : Role::evaporator; }
    [[nodiscard]] int n_equations() const noexcept { return 4; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"given saturation pressure", EquationKind::pressure};
        case 1: return {"no pressure drop", EquationKind::pressure};
        case 2: return {"mass balance", EquationKind::mass_balance};
        default:
            return Condensing ? EquationInfo{"outlet subcooling", EquationKind::charge}
                              : EquationInfo{"outlet superheat", EquationKind::enthalpy};
        }
    }

    [[nodiscard]] Result<void> validate() const {
        if (p_given_ == 0.0 && !detail::finite_positive(T_sat_))
            return ThermoError::format(Errc::invalid_argument,
                                       "saturation temperature = %g K: expected a positive "
                                       "absolute temperature",
                                       T_sat_);
        if (p_given_ != 0.0 && !detail::finite_positive(p_given_))
            return ThermoError::format(Errc::invalid_argument,
                                       "saturation pressure = %g Pa: expected a positive number", p_given_);
        if (!detail::finite_nonnegative(dT_))
            return ThermoError::format(Errc::invalid_argument, "%s = %g K: expected a number >= 0",
                                       Condensing ? "subcooling" : "superheat", dT_);
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService& props, const EdgeState& in, const EdgeState& out,
                                 std::span<const double>, std::span<double> r, ThermoError& err) const {
        double p_sat = 0.0, h_out = 0.0;
        if (!saturation_pressure(props, p_sat, err)) return false;
        if (!outlet_enthalpy(props, out.p, h_out, err)) return false;
        r[0] = (in.p - p_sat) / scale::pressure;
        r[1] = (out.p - in.p) / scale::pressure;
        r[2] = (out.m - in.m) / scale::mass_flow;
        r[3] = (out.h - h_out) / scale::enthalpy;
        return true;
    }

    [[nodiscard]] bool sweep(const PropertyService& props, EdgeState& in, EdgeState& out, std::span<double>) const {
        ThermoError err;
        double p_sat = 0.0;
        if (!saturation_pressure(props, p_sat, err)) return false;
        in.p = out.p = p_sat;
        out.m = in.m;
        return outlet_enthalpy(props, out.p, out.h, err);
    }

    void hints(const PropertyService& props, GuessHints& g) const {
        ThermoError err;
        double p = 0.0;
        if (!saturation_pressure(props, p, err)) return;
        (Condensing ? g.p_high : g.p_low) = p;
        (Condensing ? g.p_high_fixed : g.p_low_fixed) = true;
    }

    void report(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double>,
                ComponentReport& rep) const {
        rep.heat_rate = in.m * (out.h - in.h);
        auto s1 = props.ph(in.p, in.h);
        auto s2 = props.ph(out.p, out.h);
        if (!(s1 && s2)) return;
        // The heat goes to (condenser) or comes from (evaporator) a reservoir at the refrigerant
        // outlet temperature: the warmest possible sink below the condensing refrigerant and the
        // coldest possible source above the evaporating one. The entropy generated is therefore a
        // lower bound on the real exchanger's, and must not be negative.
        const double T_res = s2->T.si();
        rep.entropy_generation = in.m * (s2->s.si() - s1->s.si()) - rep.heat_rate / T_res;
    }

    [[nodiscard]] Result<void> set_input(Input which, double v) {
        switch (which) {
        case Input::saturation_temperature:
            T_sat_ = v;
            p_given_ = 0.0;
            break;
        case Input::subcooling:
            if (!Condensing) return detail::not_an_input("evaporator", which);
            dT_ = v;
            break;
        case Input::superheat:
            if (Condensing) return detail::not_an_input("condenser", which);
            dT_ = v;
            break;
        default:
            return detail::not_an_input(Condensing ? "fixed-saturation condenser" : "fixed-saturation evaporator",
                                        which);
        }
        return validate();
    }

  private:
    bool saturation_pressure(const PropertyService& props, double& p, ThermoError& err) const {
        if (p_given_ != 0.0) {
            p = p_given_;
            return true;
        }
        auto sat = props.sat_t(T_sat_);
        if (!detail::take(sat, err)) return false;
        if (point_ != SaturationPoint::mid || !(sat->p_bubble.si() > sat->p_dew.si())) {
            p = point_ == SaturationPoint::bubble ? sat->p_bubble.si() : sat->p_dew.si();
            return true;
        }
        return mid_pressure(props, sat->p_dew.si(), sat->p_bubble.si(), p, err);
    }
    /// The pressure where (T_bubble(p) + T_dew(p)) / 2 = T_sat: between the dew pressure at T_sat
    /// (where the mean is half a glide below T_sat) and the bubble pressure (half a glide above).
    /// Newton in ln p with the slope of the mean across that bracket, kept inside it; the mean
    /// temperature rises with p, so the root is unique. A few saturation calls per evaluation.
    bool mid_pressure(const PropertyService& props, double p_dew, double p_bubble, double& p, ThermoError& err) const {
        double lo = std::log(p_dew), hi = std::log(p_bubble);
        double x = 0.5 * (lo + hi), slope = 0.0;
        for (int it = 0; it < 30; ++it) {
            auto sat = props.sat_p(std::exp(x));
            if (!detail::take(sat, err)) return false;
            const double Tb = sat->T_bubble.si(), Td = sat->T_dew.si();
            const double f = 0.5 * (Tb + Td) - T_sat_;
            if (std::fabs(f) <= 1e-10 * T_sat_) {
                p = std::exp(x);
                return true;
            }
            (f > 0.0 ? hi : lo) = x;
            // d(T_mean)/d(ln p) ~ glide / (ln p_bubble - ln p_dew) at T_sat (the lines are parallel
            // to first order); set once, from the first evaluation.
            if (slope == 0.0) slope = (Td - Tb) / (std::log(p_bubble) - std::log(p_dew));
            double xn = x - f / slope;
            if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
            x = xn;
        }
        err = ThermoError::format(Errc::fluid_error, "%.*s: no mid-point saturation pressure found for T = %g K",
                                  static_cast<int>(props.fluid().name().size()), props.fluid().name().data(), T_sat_);
        return false;
    }
    bool outlet_enthalpy(const PropertyService& props, double p, double& h, ThermoError& err) const {
        if (dT_ == 0.0) {
            auto st = props.pq(p, Condensing ? 0.0 : 1.0);
            if (!detail::take(st, err)) return false;
            h = st->h.si();
            return true;
        }
        auto sat = props.sat_p(p);
        if (!detail::take(sat, err)) return false;
        const double T = Condensing ? sat->T_bubble.si() - dT_ : sat->T_dew.si() + dT_;
        auto st = props.tp(T, p);
        if (!detail::take(st, err)) return false;
        h = st->h.si();
        return true;
    }

    double T_sat_ = 0.0;
    double p_given_ = 0.0;
    double dT_ = 0.0;
    SaturationPoint point_ = Condensing ? SaturationPoint::bubble : SaturationPoint::dew;
};

} // namespace detail

/// Condenser with a given condensing temperature (bubble point by default) or pressure, and a
/// given outlet subcooling (0 = saturated liquid). Its subcooling is the loop's charge condition.
class FixedSaturationCondenser : public detail::FixedSaturationExchanger<true> {
  public:
    FixedSaturationCondenser(Temperature T_cond, TemperatureDifference subcooling,
                             SaturationPoint point = SaturationPoint::bubble)
        : FixedSaturationExchanger(T_cond, subcooling, point) {}
    FixedSaturationCondenser(Pressure p_cond, TemperatureDifference subcooling)
        : FixedSaturationExchanger(p_cond, subcooling) {}
};

/// Evaporator with a given evaporating temperature (dew point by default) or pressure, and a
/// given outlet superheat (0 = saturated vapour).
class FixedSaturationEvaporator : public detail::FixedSaturationExchanger<false> {
  public:
    FixedSaturationEvaporator(Temperature T_evap, TemperatureDifference superheat,
                              SaturationPoint point = SaturationPoint::dew)
        : FixedSaturationExchanger(T_evap, superheat, point) {}
    FixedSaturationEvaporator(Pressure p_evap, TemperatureDifference superheat)
        : FixedSaturationExchanger(p_evap, superheat) {}
};

static_assert(ComponentModel<FixedSaturationCondenser>);
static_assert(ComponentModel<FixedSaturationEvaporator>);

} // namespace entropyk
