// The units accepted where a person types a number: the {"value": ..., "unit": ...} objects of
// the cycle file (io/cycle_file.hpp) and the `entropyk props` options ("--p 8bar", "--T 25C");
// docs/units.md lists them. The engine itself is SI throughout; these are converted at the door.
#pragma once

#include <array>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace entropyk::io {

/// What a number measures; each kind has its own list of units.
enum class Dimension {
    temperature,
    temperature_difference,
    pressure,
    specific_enthalpy,
    specific_entropy, ///< also specific heat (J/(kg K))
    density,
    mass_flow,
    volume, ///< a compressor's displacement
    frequency,
    conductance, ///< UA
    area,        ///< a valve's flow coefficient
    time,
    dimensionless,
};

/// One unit: SI value = value * factor + offset.
struct Unit {
    std::string_view name;
    double factor = 1.0;
    double offset = 0.0;
};

namespace detail {
inline constexpr double psi = 6894.757293168361; // lbf/in² (0.45359237 kg * 9.80665 / 0.0254²)
inline constexpr double btu_per_lb = 2326.0;     // International Table Btu per lbm, exactly
inline constexpr double lb_per_h = 0.45359237 / 3600.0;
inline constexpr double lb_per_ft3 = 0.45359237 / (0.3048 * 0.3048 * 0.3048);

inline constexpr std::array temperature = {
    Unit{"K"},
    Unit{"C", 1.0, 273.15},
    Unit{"degC", 1.0, 273.15},
    Unit{"°C", 1.0, 273.15},
    Unit{"F", 5.0 / 9.0, 459.67 * 5.0 / 9.0},
    Unit{"degF", 5.0 / 9.0, 459.67 * 5.0 / 9.0},
    Unit{"°F", 5.0 / 9.0, 459.67 * 5.0 / 9.0},
};
// A difference of 1 °C is 1 K; of 1 °F, 5/9 K.
inline constexpr std::array temperature_difference = {Unit{"K"},
                                                      Unit{"C"},
                                                      Unit{"degC"},
                                                      Unit{"°C"},
                                                      Unit{"F", 5.0 / 9.0},
                                                      Unit{"degF", 5.0 / 9.0},
                                                      Unit{"°F", 5.0 / 9.0}};
inline constexpr std::array pressure = {Unit{"Pa"},       Unit{"hPa", 1e2},  Unit{"kPa", 1e3},
                                        Unit{"MPa", 1e6}, Unit{"bar", 1e5},  Unit{"mbar", 1e2},
                                        Unit{"psi", psi}, Unit{"psia", psi}, Unit{"atm", 101325.0}};
inline constexpr std::array specific_enthalpy = {Unit{"J/kg"}, Unit{"kJ/kg", 1e3}, Unit{"Btu/lb", btu_per_lb}};
inline constexpr std::array specific_entropy = {Unit{"J/(kg K)"},
                                                Unit{"J/kg/K"},
                                                Unit{"J/(kg*K)"},
                                                Unit{"kJ/(kg K)", 1e3},
                                                Unit{"kJ/kg/K", 1e3},
                                                Unit{"kJ/(kg*K)", 1e3},
                                                Unit{"Btu/(lb R)", btu_per_lb * 1.8}};
inline constexpr std::array density = {Unit{"kg/m3"}, Unit{"kg/m^3"}, Unit{"kg/m³"}, Unit{"g/cm3", 1e3},
                                       Unit{"lb/ft3", lb_per_ft3}};
inline constexpr std::array mass_flow = {Unit{"kg/s"}, Unit{"kg/h", 1.0 / 3600.0}, Unit{"kg/min", 1.0 / 60.0},
                                         Unit{"g/s", 1e-3}, Unit{"lb/h", lb_per_h}};
inline constexpr std::array volume = {Unit{"m3"},
                                      Unit{"m³"},
                                      Unit{"cm3", 1e-6},
                                      Unit{"cm³", 1e-6},
                                      Unit{"cc", 1e-6},
                                      Unit{"L", 1e-3},
                                      Unit{"in3", 0.0254 * 0.0254 * 0.0254}};
inline constexpr std::array frequency = {Unit{"Hz"}, Unit{"rpm", 1.0 / 60.0}};
inline constexpr std::array conductance = {Unit{"W/K"}, Unit{"kW/K", 1e3}};
inline constexpr std::array area = {Unit{"m2"},        Unit{"m²"},        Unit{"mm2", 1e-6},
                                    Unit{"mm²", 1e-6}, Unit{"cm2", 1e-4}, Unit{"cm²", 1e-4}};
inline constexpr std::array time = {Unit{"s"}, Unit{"ms", 1e-3}, Unit{"min", 60.0}};
} // namespace detail

/// The units of a dimension (empty for a dimensionless number).
constexpr std::span<const Unit> units_of(Dimension d) noexcept {
    switch (d) {
    case Dimension::temperature: return detail::temperature;
    case Dimension::temperature_difference: return detail::temperature_difference;
    case Dimension::pressure: return detail::pressure;
    case Dimension::specific_enthalpy: return detail::specific_enthalpy;
    case Dimension::specific_entropy: return detail::specific_entropy;
    case Dimension::density: return detail::density;
    case Dimension::mass_flow: return detail::mass_flow;
    case Dimension::volume: return detail::volume;
    case Dimension::frequency: return detail::frequency;
    case Dimension::conductance: return detail::conductance;
    case Dimension::area: return detail::area;
    case Dimension::time: return detail::time;
    case Dimension::dimensionless: return {};
    }
    return {};
}

constexpr std::string_view dimension_name(Dimension d) noexcept {
    switch (d) {
    case Dimension::temperature: return "a temperature";
    case Dimension::temperature_difference: return "a temperature difference";
    case Dimension::pressure: return "a pressure";
    case Dimension::specific_enthalpy: return "a specific enthalpy";
    case Dimension::specific_entropy: return "a specific entropy or heat";
    case Dimension::density: return "a density";
    case Dimension::mass_flow: return "a mass flow";
    case Dimension::volume: return "a volume";
    case Dimension::frequency: return "a frequency";
    case Dimension::conductance: return "a thermal conductance";
    case Dimension::area: return "an area";
    case Dimension::time: return "a time";
    case Dimension::dimensionless: return "a pure number";
    }
    return "a quantity";
}

/// The unit named `name` for dimension `d`, exactly as spelled (case matters: mbar is not Mbar).
inline std::optional<Unit> find_unit(Dimension d, std::string_view name) noexcept {
    for (const Unit& u : units_of(d))
        if (u.name == name) return u;
    return std::nullopt;
}

/// "K, C, degC, °C, F, degF, °F"
inline std::string unit_list(Dimension d) {
    std::string out;
    for (const Unit& u : units_of(d)) out += (out.empty() ? "" : ", ") + std::string(u.name);
    return out;
}

/// What an unknown unit message says: 'unknown unit "bars" for a pressure; expected one of Pa, ...'.
inline std::string unknown_unit_message(Dimension d, std::string_view name) {
    if (units_of(d).empty())
        return "\"" + std::string(name) + "\": " + std::string(dimension_name(d)) + " takes no unit";
    return "unknown unit \"" + std::string(name) + "\" for " + std::string(dimension_name(d)) + "; expected one of " +
           unit_list(d);
}

inline double to_si(double value, const Unit& u) noexcept { return value * u.factor + u.offset; }
inline double from_si(double si, const Unit& u) noexcept { return (si - u.offset) / u.factor; }

/// A number with an optional unit after it ("8bar", "8 bar", "25C", "1e5"). A bare number is in
/// `bare`. Returns the value in SI, or an error message (not a number, unknown unit, not finite).
struct ParsedQuantity {
    double si = NAN;
    std::string error; ///< empty on success
};

inline ParsedQuantity parse_quantity(const std::string& text, Dimension d, const Unit& bare) {
    const char* s = text.c_str();
    char* end = nullptr;
    const double v = std::strtod(s, &end);
    if (end == s || !std::isfinite(v))
        return {NAN, "expected a number, optionally followed by a unit, got '" + text + "'"};
    std::string_view unit(end);
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    while (!unit.empty() && unit.back() == ' ') unit.remove_suffix(1);
    if (unit.empty()) return {to_si(v, bare), {}};
    const auto u = find_unit(d, unit);
    if (!u) return {NAN, unknown_unit_message(d, unit) + " (got '" + text + "')"};
    return {to_si(v, *u), {}};
}

} // namespace entropyk::io
