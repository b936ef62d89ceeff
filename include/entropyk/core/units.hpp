// Strong unit types for the C++ API. Every quantity stores its SI value (Pa, K, J/kg, ...);
// construction from a bare double is explicit, and user-defined literals give the common
// engineering units (bar, degC, kJ/kg, kW). Arithmetic is allowed only where the result keeps
// the same dimension (sum, difference, scaling); anything else goes through .si().
#pragma once

#include <cmath>
#include <compare>
#include <type_traits>

namespace entropyk {
inline namespace units {

struct TemperatureTag;

template <class Tag>
class Quantity {
  public:
    constexpr Quantity() noexcept = default;
    constexpr explicit Quantity(double si) noexcept : v_(si) {}
    /// The value in SI units (the unit named by Tag::si_unit).
    [[nodiscard]] constexpr double si() const noexcept { return v_; }

    // Absolute temperatures do not add, and their difference is a TemperatureDifference
    // (declared below), so the same-type sum and difference exist for every other quantity only.
    constexpr Quantity operator+(Quantity o) const noexcept requires(!std::is_same_v<Tag, TemperatureTag>) {
        return Quantity{v_ + o.v_};
    }
    constexpr Quantity operator-(Quantity o) const noexcept requires(!std::is_same_v<Tag, TemperatureTag>) {
        return Quantity{v_ - o.v_};
    }
    // Negating an absolute temperature is meaningless (-(278.15 K) is not -5 degC), so a
    // Temperature has no unary minus; `-5.0_degC` works because the literal's own type,
    // CelsiusTemperature below, negates the Celsius value.
    constexpr Quantity operator-() const noexcept requires(!std::is_same_v<Tag, TemperatureTag>) {
        return Quantity{-v_};
    }
    constexpr Quantity operator*(double k) const noexcept { return Quantity{v_ * k}; }
    constexpr Quantity operator/(double k) const noexcept { return Quantity{v_ / k}; }
    constexpr double operator/(Quantity o) const noexcept { return v_ / o.v_; }
    friend constexpr Quantity operator*(double k, Quantity q) noexcept { return Quantity{k * q.v_}; }
    constexpr Quantity& operator+=(Quantity o) noexcept requires(!std::is_same_v<Tag, TemperatureTag>) {
        v_ += o.v_;
        return *this;
    }
    constexpr auto operator<=>(const Quantity&) const noexcept = default;

  private:
    double v_ = 0.0;
};

// clang-format off
struct PressureTag             { static constexpr const char* si_unit = "Pa"; };
struct TemperatureTag          { static constexpr const char* si_unit = "K"; };
struct TemperatureDifferenceTag{ static constexpr const char* si_unit = "K"; };
struct SpecificEnthalpyTag     { static constexpr const char* si_unit = "J/kg"; };
struct SpecificEntropyTag      { static constexpr const char* si_unit = "J/(kg K)"; };
struct SpecificHeatTag         { static constexpr const char* si_unit = "J/(kg K)"; };
struct DensityTag              { static constexpr const char* si_unit = "kg/m3"; };
struct SpeedTag                { static constexpr const char* si_unit = "m/s"; };
struct MassFlowTag             { static constexpr const char* si_unit = "kg/s"; };
struct PowerTag                { static constexpr const char* si_unit = "W"; };
struct ThermalConductanceTag   { static constexpr const char* si_unit = "W/K"; };
struct FrequencyTag            { static constexpr const char* si_unit = "Hz"; };
struct VolumeTag               { static constexpr const char* si_unit = "m3"; };
struct DurationTag             { static constexpr const char* si_unit = "s"; };
// clang-format on

using Pressure = Quantity<PressureTag>;
using Temperature = Quantity<TemperatureTag>; ///< absolute temperature
using TemperatureDifference = Quantity<TemperatureDifferenceTag>;
using SpecificEnthalpy = Quantity<SpecificEnthalpyTag>;
using SpecificEntropy = Quantity<SpecificEntropyTag>;
using SpecificHeat = Quantity<SpecificHeatTag>;
using Density = Quantity<DensityTag>;
using Speed = Quantity<SpeedTag>;
using MassFlow = Quantity<MassFlowTag>;
using Power = Quantity<PowerTag>;
using ThermalConductance = Quantity<ThermalConductanceTag>;
using Frequency = Quantity<FrequencyTag>;
using Volume = Quantity<VolumeTag>;
using Duration = Quantity<DurationTag>;

/// Temperature difference of two absolute temperatures.
constexpr TemperatureDifference operator-(Temperature a, Temperature b) noexcept {
    return TemperatureDifference{a.si() - b.si()};
}
constexpr Temperature operator+(Temperature a, TemperatureDifference d) noexcept {
    return Temperature{a.si() + d.si()};
}
constexpr Temperature operator-(Temperature a, TemperatureDifference d) noexcept {
    return Temperature{a.si() - d.si()};
}

inline constexpr double zero_celsius_in_kelvin = 273.15;

/// The absolute temperature of `c` degrees Celsius: from_celsius(-2.0) is 271.15 K. The way to
/// make a Temperature from a Celsius value held in a variable (a literal can say `-2.0_degC`).
constexpr Temperature from_celsius(double c) noexcept { return Temperature{c + zero_celsius_in_kelvin}; }
/// The Celsius value of an absolute temperature: to_celsius(300.0_K) is 26.85.
constexpr double to_celsius(Temperature t) noexcept { return t.si() - zero_celsius_in_kelvin; }

/// What the `_degC` literals give: a Temperature (it is one, and goes wherever one goes) that
/// also keeps the Celsius value it was written with, for one reason. C++ has no negative
/// literals: `-2.0_degC` is `-(2.0_degC)`, the minus applied to the finished literal. Negating
/// the absolute value would give -275.15 K, so Temperature has no unary minus; this type has
/// one, and it negates the Celsius value, as the writer meant: -2.0_degC is 271.15 K, the same
/// value as from_celsius(-2.0). Copied into a Temperature it is an ordinary Temperature again.
/// A Temperature converts back (so `auto t = -10.0_degC; t = t + 1.0_dK;` works), taking the
/// Celsius value of that temperature.
class CelsiusTemperature : public Temperature {
  public:
    constexpr explicit CelsiusTemperature(double celsius) noexcept
        : Temperature{from_celsius(celsius)}, celsius_(celsius) {}
    constexpr CelsiusTemperature(Temperature t) noexcept : Temperature{t}, celsius_(to_celsius(t)) {}
    /// The value as written, in degC.
    [[nodiscard]] constexpr double celsius() const noexcept { return celsius_; }
    /// -(c degC) is (-c) degC.
    constexpr CelsiusTemperature operator-() const noexcept { return CelsiusTemperature{-celsius_}; }

  private:
    double celsius_;
};

namespace literals {
// clang-format off
constexpr Pressure operator""_Pa(long double v) noexcept  { return Pressure{static_cast<double>(v)}; }
constexpr Pressure operator""_kPa(long double v) noexcept { return Pressure{static_cast<double>(v) * 1e3}; }
constexpr Pressure operator""_MPa(long double v) noexcept { return Pressure{static_cast<double>(v) * 1e6}; }
constexpr Pressure operator""_bar(long double v) noexcept { return Pressure{static_cast<double>(v) * 1e5}; }
constexpr Temperature operator""_K(long double v) noexcept { return Temperature{static_cast<double>(v)}; }
constexpr CelsiusTemperature operator""_degC(long double v) noexcept { return CelsiusTemperature{static_cast<double>(v)}; }
constexpr TemperatureDifference operator""_dK(long double v) noexcept { return TemperatureDifference{static_cast<double>(v)}; }
constexpr SpecificEnthalpy operator""_J_per_kg(long double v) noexcept  { return SpecificEnthalpy{static_cast<double>(v)}; }
constexpr SpecificEnthalpy operator""_kJ_per_kg(long double v) noexcept { return SpecificEnthalpy{static_cast<double>(v) * 1e3}; }
constexpr SpecificEntropy operator""_J_per_kgK(long double v) noexcept  { return SpecificEntropy{static_cast<double>(v)}; }
constexpr SpecificEntropy operator""_kJ_per_kgK(long double v) noexcept { return SpecificEntropy{static_cast<double>(v) * 1e3}; }
constexpr Density operator""_kg_per_m3(long double v) noexcept { return Density{static_cast<double>(v)}; }
constexpr MassFlow operator""_kg_per_s(long double v) noexcept { return MassFlow{static_cast<double>(v)}; }
constexpr MassFlow operator""_kg_per_h(long double v) noexcept { return MassFlow{static_cast<double>(v) / 3600.0}; }
constexpr Power operator""_W(long double v) noexcept  { return Power{static_cast<double>(v)}; }
constexpr Power operator""_kW(long double v) noexcept { return Power{static_cast<double>(v) * 1e3}; }
constexpr ThermalConductance operator""_W_per_K(long double v) noexcept  { return ThermalConductance{static_cast<double>(v)}; }
constexpr ThermalConductance operator""_kW_per_K(long double v) noexcept { return ThermalConductance{static_cast<double>(v) * 1e3}; }
constexpr Frequency operator""_Hz(long double v) noexcept { return Frequency{static_cast<double>(v)}; }
constexpr Duration operator""_s(long double v) noexcept  { return Duration{static_cast<double>(v)}; }
constexpr Duration operator""_ms(long double v) noexcept { return Duration{static_cast<double>(v) * 1e-3}; }

// The same units written without a decimal point (`40_degC`, `2_bar`, `3_kW`): a literal operator
// is chosen by the literal's form, so integers need their own (without them the compiler's error
// is long and points at an unrelated GCC option, -fext-numeric-literals).
constexpr Pressure operator""_Pa(unsigned long long v) noexcept  { return Pressure{static_cast<double>(v)}; }
constexpr Pressure operator""_kPa(unsigned long long v) noexcept { return Pressure{static_cast<double>(v) * 1e3}; }
constexpr Pressure operator""_MPa(unsigned long long v) noexcept { return Pressure{static_cast<double>(v) * 1e6}; }
constexpr Pressure operator""_bar(unsigned long long v) noexcept { return Pressure{static_cast<double>(v) * 1e5}; }
constexpr Temperature operator""_K(unsigned long long v) noexcept { return Temperature{static_cast<double>(v)}; }
constexpr CelsiusTemperature operator""_degC(unsigned long long v) noexcept { return CelsiusTemperature{static_cast<double>(v)}; }
constexpr TemperatureDifference operator""_dK(unsigned long long v) noexcept { return TemperatureDifference{static_cast<double>(v)}; }
constexpr SpecificEnthalpy operator""_J_per_kg(unsigned long long v) noexcept  { return SpecificEnthalpy{static_cast<double>(v)}; }
constexpr SpecificEnthalpy operator""_kJ_per_kg(unsigned long long v) noexcept { return SpecificEnthalpy{static_cast<double>(v) * 1e3}; }
constexpr SpecificEntropy operator""_J_per_kgK(unsigned long long v) noexcept  { return SpecificEntropy{static_cast<double>(v)}; }
constexpr SpecificEntropy operator""_kJ_per_kgK(unsigned long long v) noexcept { return SpecificEntropy{static_cast<double>(v) * 1e3}; }
constexpr Density operator""_kg_per_m3(unsigned long long v) noexcept { return Density{static_cast<double>(v)}; }
constexpr MassFlow operator""_kg_per_s(unsigned long long v) noexcept { return MassFlow{static_cast<double>(v)}; }
constexpr MassFlow operator""_kg_per_h(unsigned long long v) noexcept { return MassFlow{static_cast<double>(v) / 3600.0}; }
constexpr Power operator""_W(unsigned long long v) noexcept  { return Power{static_cast<double>(v)}; }
constexpr Power operator""_kW(unsigned long long v) noexcept { return Power{static_cast<double>(v) * 1e3}; }
constexpr ThermalConductance operator""_W_per_K(unsigned long long v) noexcept  { return ThermalConductance{static_cast<double>(v)}; }
constexpr ThermalConductance operator""_kW_per_K(unsigned long long v) noexcept { return ThermalConductance{static_cast<double>(v) * 1e3}; }
constexpr Frequency operator""_Hz(unsigned long long v) noexcept { return Frequency{static_cast<double>(v)}; }
constexpr Duration operator""_s(unsigned long long v) noexcept  { return Duration{static_cast<double>(v)}; }
constexpr Duration operator""_ms(unsigned long long v) noexcept { return Duration{static_cast<double>(v) * 1e-3}; }
// clang-format on
} // namespace literals

} // namespace units
} // namespace entropyk
