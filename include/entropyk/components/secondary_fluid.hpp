// The fluid on the other side of a condenser or an evaporator: air, water or a brine, given by
// its inlet temperature and mass flow.
//
// - Air: dry air as an ideal gas with cp(T) = (a + b T + c T^2 + d T^3) / M, the cubic fit of
//   Cengel & Boles, "Thermodynamics: An Engineering Approach", Table A-2c (a = 28.11,
//   b = 0.1967e-2, c = 0.4802e-5, d = -1.966e-9 kJ/(kmol K), 273-1800 K, max error 0.72 %),
//   M = 28.97 kg/kmol. Enthalpy changes integrate the cubic exactly.
// - Water: our IAPWS-95 equation of state at a loop pressure (3 bar by default), liquid.
// - Brine: constant cp and density (glycol mixtures from the supplier's data sheet).
#pragma once

#include <cmath>

#include "entropyk/core/result.hpp"
#include "entropyk/core/units.hpp"
#include "entropyk/fluids/fluid.hpp"

namespace entropyk {

class SecondaryFluid {
  public:
    enum class Kind : std::uint8_t { air, water, brine };

    static SecondaryFluid air(Temperature inlet, MassFlow flow) { return {Kind::air, inlet.si(), flow.si(), 0, 0}; }
    static SecondaryFluid water(Temperature inlet, MassFlow flow, Pressure loop_pressure = Pressure{3e5}) {
        SecondaryFluid s{Kind::water, inlet.si(), flow.si(), 0, 0};
        s.p_ = loop_pressure.si();
        return s;
    }
    static SecondaryFluid brine(Temperature inlet, MassFlow flow, SpecificHeat cp, Density rho) {
        return {Kind::brine, inlet.si(), flow.si(), cp.si(), rho.si()};
    }

    [[nodiscard]] Kind kind() const noexcept { return kind_; }
    [[nodiscard]] double inlet_temperature() const noexcept { return T_in_; }
    [[nodiscard]] double mass_flow() const noexcept { return m_; }
    void set_inlet_temperature(double T) noexcept { T_in_ = T; }
    void set_mass_flow(double m) noexcept { m_ = m; }

    [[nodiscard]] Result<void> validate() const {
        if (!(T_in_ > 0.0 && std::isfinite(T_in_)))
            return ThermoError::format(Errc::invalid_argument,
                                       "secondary inlet temperature = %g K: expected a "
                                       "positive absolute temperature",
                                       T_in_);
        if (!(m_ > 0.0 && std::isfinite(m_)))
            return ThermoError::format(Errc::invalid_argument,
                                       "secondary mass flow = %g kg/s: expected a positive "
                                       "number",
                                       m_);
        if (kind_ == Kind::brine && !(cp_ > 0.0 && std::isfinite(cp_) && rho_ > 0.0 && std::isfinite(rho_)))
            return ThermoError::format(Errc::invalid_argument,
                                       "brine cp = %g J/(kg K), density = %g kg/m3: expected "
                                       "positive numbers",
                                       cp_, rho_);
        if (kind_ == Kind::air && !(T_in_ >= 200.0 && T_in_ <= 500.0))
            return ThermoError::format(Errc::invalid_argument,
                                       "air inlet temperature = %g K: the cp fit is used "
                                       "between 200 and 500 K here",
                                       T_in_);
        if (kind_ == Kind::water) {
            auto st = water_state(T_in_);
            if (!st) return st.error();
            if (st->phase != fluids::Phase::liquid)
                return ThermoError::format(Errc::invalid_argument, "water at %g K and %g Pa is not liquid", T_in_, p_);
        }
        return {};
    }

    /// Heat capacity rate at the inlet temperature, W/K.
    [[nodiscard]] bool capacity_rate(double& C, ThermoError& err) const {
        double cp = 0.0;
        if (!specific_heat(T_in_, cp, err)) return false;
        C = m_ * cp;
        return true;
    }

    /// Outlet temperature after the stream has received `Q` watts (Q < 0: it gave heat).
    [[nodiscard]] bool outlet_temperature(double Q, double& T_out, ThermoError& err) const {
        double cp = 0.0;
        if (!specific_heat(T_in_, cp, err)) return false;
        // Newton on h(T_out) - h(T_in) = Q / m, started from the constant-cp answer.
        T_out = T_in_ + Q / (m_ * cp);
        if (kind_ == Kind::brine) return true;
        for (int it = 0; it < 8; ++it) {
            double dh = 0.0, cp_out = 0.0;
            if (!enthalpy_change(T_in_, T_out, dh, err) || !specific_heat(T_out, cp_out, err)) return false;
            const double step = (dh - Q / m_) / cp_out;
            T_out -= step;
            if (std::fabs(step) < 1e-10) break;
        }
        return true;
    }

  private:
    SecondaryFluid(Kind k, double T, double m, double cp, double rho) : kind_(k), T_in_(T), m_(m), cp_(cp), rho_(rho) {}

    static constexpr double M_air = 28.97; // kg/kmol
    static constexpr double a = 28.11, b = 0.1967e-2, c = 0.4802e-5, d = -1.966e-9;

    Result<fluids::State> water_state(double T) const {
        static const fluids::Fluid& w = fluids::Water::get();
        return w.flash_tp(Temperature{T}, Pressure{p_});
    }
    bool specific_heat(double T, double& cp, ThermoError& err) const {
        switch (kind_) {
        case Kind::air: cp = (a + T * (b + T * (c + T * d))) / M_air * 1e3; return true;
        case Kind::brine: cp = cp_; return true;
        case Kind::water: {
            auto st = water_state(T);
            if (!st) {
                err = st.error();
                return false;
            }
            cp = st->cp.si();
            return true;
        }
        }
        return false;
    }
    bool enthalpy_change(double T1, double T2, double& dh, ThermoError& err) const {
        switch (kind_) {
        case Kind::air: {
            auto H = [](double T) { return T * (a + T * (b / 2 + T * (c / 3 + T * d / 4))); };
            dh = (H(T2) - H(T1)) / M_air * 1e3;
            return true;
        }
        case Kind::brine: dh = cp_ * (T2 - T1); return true;
        case Kind::water: {
            auto s1 = water_state(T1);
            auto s2 = water_state(T2);
            if (!s1 || !s2) {
                err = s1 ? s2.error() : s1.error();
                return false;
            }
            dh = s2->h.si() - s1->h.si();
            return true;
        }
        }
        return false;
    }

    Kind kind_;
    double T_in_, m_;
    double cp_ = 0.0, rho_ = 0.0;
    double p_ = 3e5;
};

} // namespace entropyk
