// The JSON cycle format (docs/cycle-format.md): read a file, check every value against what the
// engine expects (naming the file, the JSON path and the expectation on error), build the runtime
// System, solve it.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cycle.hpp"
#include "entropyk/components.hpp"
#include "entropyk/cycles.hpp"
#include "entropyk/diagrams/cycle_view.hpp"
#include "units.hpp"

namespace entropyk::cli {

extern const char* const demo_cycle_json; // generated from examples/cycles/r410a_heat_pump.json

namespace {

using json = nlohmann::json;

constexpr double bar = 1e5;
constexpr double cm3 = 1e-6;

/// How a JSON value reads in an error message: numbers as written, strings quoted.
std::string describe(const json& v) {
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return v.dump();
    case json::value_t::string: {
        auto s = v.get<std::string>();
        if (s.size() > 40) s = s.substr(0, 37) + "...";
        return "the string \"" + s + "\"";
    }
    case json::value_t::array: return "an array of " + std::to_string(v.size()) + " element(s)";
    case json::value_t::object:
        // A value with its unit reads as written: 68 degF.
        if (v.size() == 2 && v.contains("value") && v.contains("unit") && v["value"].is_number() &&
            v["unit"].is_string())
            return v["value"].dump() + " " + v["unit"].get<std::string>();
        return "an object";
    default: return "a value of an unsupported type";
    }
}

std::string join(const std::vector<std::string>& items, const char* quote = "") {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + (quote + items[i] + quote);
    return out;
}

/// One JSON object at a path: typed, range-checked access by key; unknown keys are refused.
class Obj {
  public:
    Obj(const std::string& source, const json& j, std::string path, std::vector<std::string> allowed, const char* what)
        : source_(source), j_(j), path_(std::move(path)), allowed_(std::move(allowed)) {
        if (!j_.is_object()) fail_at(path_, std::string("expected ") + what + " (a JSON object), got " + describe(j_));
        for (const auto& [key, value] : j_.items()) {
            (void)value;
            if (std::find(allowed_.begin(), allowed_.end(), key) == allowed_.end())
                fail_at(path_ + "/" + key, "unknown key; expected one of: " + join(allowed_));
        }
    }

    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] std::string at(const std::string& key) const { return path_ + "/" + key; }
    [[nodiscard]] bool has(const std::string& key) const { return j_.contains(key); }
    [[nodiscard]] const json& raw(const std::string& key) const { return j_.at(key); }

    [[noreturn]] void fail_at(const std::string& path, const std::string& message) const {
        throw InputError(source_ + ": " + (path.empty() ? std::string("/") : path) + ": " + message);
    }
    [[noreturn]] void fail(const std::string& key, const std::string& expected) const {
        if (!has(key)) fail_at(at(key), "expected " + expected + ", got nothing (the key is missing)");
        fail_at(at(key), "expected " + expected + ", got " + describe(raw(key)));
    }

    /// A required number accepted by `ok`; `expected` says what is accepted ("a positive number in W/K").
    double number(const std::string& key, const std::string& expected, const std::function<bool(double)>& ok) const {
        if (!has(key) || !raw(key).is_number()) fail(key, expected);
        const double v = raw(key).get<double>();
        if (!std::isfinite(v) || !ok(v)) fail(key, expected);
        return v;
    }
    double number_or(const std::string& key, double fallback, const std::string& expected,
                     const std::function<bool(double)>& ok) const {
        return has(key) ? number(key, expected, ok) : fallback;
    }
    /// A number with a unit: bare, it is in the key's documented `unit` (of dimension `d`); as
    /// {"value": x, "unit": "..."} it may be in any unit of `d` (units.hpp) and is converted to
    /// `unit`. Returns the value in `unit`, checked by `ok`.
    double quantity(const std::string& key, Dimension d, std::string_view unit, const std::string& expected,
                    const std::function<bool(double)>& ok) const {
        if (!has(key) || !raw(key).is_object()) return number(key, expected, ok);
        const Obj q(source_, raw(key), at(key), {"value", "unit"}, "a value with its unit");
        const double v = q.number("value", "a number", [](double) { return true; });
        const std::string name =
            q.string("unit", "the unit of " + std::string(dimension_name(d)) + ", one of " + unit_list(d));
        const auto u = find_unit(d, name);
        if (!u) q.fail_at(q.at("unit"), unknown_unit_message(d, name));
        const double converted = from_si(to_si(v, *u), find_unit(d, unit).value()); // `unit` is always listed
        if (!std::isfinite(converted) || !ok(converted)) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "%.10g %s (%.10g %s)", v, name.c_str(), converted,
                          std::string(unit).c_str());
            fail_at(at(key), "expected " + expected + ", got " + buf);
        }
        return converted;
    }
    double quantity_or(const std::string& key, double fallback, Dimension d, std::string_view unit,
                       const std::string& expected, const std::function<bool(double)>& ok) const {
        return has(key) ? quantity(key, d, unit, expected, ok) : fallback;
    }
    std::string string(const std::string& key, const std::string& expected) const {
        if (!has(key) || !raw(key).is_string() || raw(key).get<std::string>().empty()) fail(key, expected);
        return raw(key).get<std::string>();
    }
    /// One of a fixed set of strings; `fallback` (when not empty) is used when the key is absent.
    std::string choice(const std::string& key, const std::vector<std::string>& options,
                       const std::string& fallback = {}) const {
        if (!has(key) && !fallback.empty()) return fallback;
        const std::string expected = "one of " + join(options, "\"");
        if (!has(key) || !raw(key).is_string()) fail(key, expected);
        const auto v = raw(key).get<std::string>();
        if (std::find(options.begin(), options.end(), v) == options.end()) fail(key, expected);
        return v;
    }
    Obj object(const std::string& key, std::vector<std::string> allowed, const char* what) const {
        if (!has(key)) fail(key, std::string(what) + " (a JSON object)");
        return Obj(source_, raw(key), at(key), std::move(allowed), what);
    }
    const json& array(const std::string& key, const std::string& expected, std::size_t min_size,
                      std::size_t max_size = 1000000) const {
        if (!has(key) || !raw(key).is_array() || raw(key).size() < min_size || raw(key).size() > max_size)
            fail(key, expected);
        return raw(key);
    }

  private:
    const std::string& source_;
    const json& j_;
    std::string path_;
    std::vector<std::string> allowed_;
};

// Value checks and their wording.
const auto positive = [](double x) { return x > 0.0; };
const auto nonnegative = [](double x) { return x >= 0.0; };
const auto fraction = [](double x) { return x > 0.0 && x <= 1.0; };
const auto unit_interval = [](double x) { return x >= 0.0 && x <= 1.0; };
const auto celsius = [](double x) { return x > -273.15; };
const std::string a_temperature = "a temperature in °C (above -273.15)";

std::string positive_in(const char* unit) { return std::string("a positive number in ") + unit; }
std::string nonnegative_in(const char* unit) { return std::string("a number >= 0 in ") + unit; }

struct Built {
    ComponentInfo info;
    std::function<Result<std::uint32_t>(System&)> add;
};

template <class C>
Built make(const std::string& name, const std::string& type, Role role, C component) {
    return {{name, type, role}, [name, component](System& sys) { return sys.add(name, component); }};
}

const std::vector<std::string> component_types = {"isentropic_compressor",
                                                  "map_compressor",
                                                  "fixed_saturation_condenser",
                                                  "fixed_saturation_evaporator",
                                                  "isenthalpic_valve",
                                                  "expansion_valve",
                                                  "condenser",
                                                  "evaporator",
                                                  "receiver",
                                                  "gas_cooler",
                                                  "high_pressure_valve"};

Built isentropic_compressor(const Obj& o, const std::string& name) {
    const double eta = o.number("isentropic_efficiency", "a number in (0, 1]", fraction);
    const bool fixed = o.has("mass_flow");
    const bool displacement = o.has("displacement") || o.has("speed") || o.has("volumetric_efficiency");
    if (fixed && displacement)
        o.fail_at(o.path(), "give either \"mass_flow\" or \"displacement\", \"speed\" and \"volumetric_efficiency\", "
                            "not both");
    if (fixed) {
        const double m = o.quantity("mass_flow", Dimension::mass_flow, "kg/s", positive_in("kg/s"), positive);
        return make(name, "isentropic_compressor", Role::compressor, IsentropicCompressor{eta, MassFlow{m}});
    }
    if (displacement) {
        const double V =
            o.quantity("displacement", Dimension::volume, "cm3", positive_in("cm3 per revolution"), positive);
        const double N = o.quantity("speed", Dimension::frequency, "Hz", positive_in("Hz"), positive);
        const double ev = o.number("volumetric_efficiency", "a number in (0, 1]", fraction);
        return make(name, "isentropic_compressor", Role::compressor,
                    IsentropicCompressor{eta, Volume{V * cm3}, Frequency{N}, ev});
    }
    return make(name, "isentropic_compressor", Role::compressor, IsentropicCompressor{eta});
}

CompressorMap compressor_map(const Obj& m) {
    const auto units = m.choice("units", {"ip", "si_kg_per_s", "si_kg_per_h"});
    const bool ip = units == "ip";
    const double sh =
        m.quantity("rated_superheat", Dimension::temperature_difference, ip ? "degF" : "K",
                   ip ? "a number >= 0 in °F (temperature difference, IP map)" : nonnegative_in("K"), nonnegative);
    const double f = m.quantity("frequency", Dimension::frequency, "Hz", positive_in("Hz"), positive);
    auto coefficients = [&](const char* key, const char* unit) {
        const std::string expected = std::string("an array of the 10 AHRI 540 coefficients (") + unit + ")";
        const json& a = m.array(key, expected, 10, 10);
        std::array<double, 10> c{};
        for (std::size_t k = 0; k < 10; ++k) {
            if (!a[k].is_number() || !std::isfinite(a[k].get<double>()))
                m.fail_at(m.at(key) + "/" + std::to_string(k), "expected a number, got " + describe(a[k]));
            c[k] = a[k].get<double>();
        }
        return c;
    };
    const auto mass =
        coefficients("mass_flow", ip ? "lbm/h, in °F" : (units == "si_kg_per_s" ? "kg/s, in °C" : "kg/h, in °C"));
    const auto power = coefficients("power", ip ? "W, in °F" : "W, in °C");
    const MapUnits u = ip ? MapUnits::ip : (units == "si_kg_per_s" ? MapUnits::si_kg_per_s : MapUnits::si_kg_per_h);
    return CompressorMap(mass, power, u, TemperatureDifference{ip ? sh / 1.8 : sh}, Frequency{f});
}

template <std::size_t... I>
MapCompressor map_compressor_of(const std::vector<CompressorMap>& maps, Frequency speed, MapCompressorOptions opt,
                                std::index_sequence<I...>) {
    return MapCompressor({maps[I]...}, speed, opt);
}

Built map_compressor(const Obj& o, const std::string& name, const std::string& source) {
    const double speed = o.quantity("speed", Dimension::frequency, "Hz", positive_in("Hz"), positive);
    const json& arr = o.array("maps", "an array of 1 to 8 compressor maps", 1, MapCompressor::max_maps);
    std::vector<CompressorMap> maps;
    for (std::size_t i = 0; i < arr.size(); ++i)
        maps.push_back(
            compressor_map(Obj(source, arr[i], o.at("maps") + "/" + std::to_string(i),
                               {"units", "rated_superheat", "frequency", "mass_flow", "power"}, "a compressor map")));
    for (std::size_t i = 1; i < maps.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (maps[i].frequency() == maps[k].frequency())
                o.fail_at(o.at("maps") + "/" + std::to_string(i) + "/frequency",
                          "expected a frequency different from the other maps', got " + describe(arr[i]["frequency"]));
    MapCompressorOptions opt;
    opt.superheat_correction_factor = o.number_or("superheat_correction_factor", opt.superheat_correction_factor,
                                                  "a number in [0, 1]", unit_interval);
    opt.heat_loss_fraction =
        o.number_or("heat_loss_fraction", 0.0, "a number in [0, 1)", [](double x) { return x >= 0.0 && x < 1.0; });
    using Factory = MapCompressor (*)(const std::vector<CompressorMap>&, Frequency, MapCompressorOptions);
    static constexpr std::array<Factory, MapCompressor::max_maps> factories = {
        [](const auto& m, Frequency f, MapCompressorOptions p) {
            return map_compressor_of(m, f, p, std::make_index_sequence<1>{});
        },
        [](const auto& m, Frequency f, MapCompressorOptions p) {
            return map_compressor_of(m, f, p, std::make_index_sequence<2>{});
        },
        [](const auto& m, Frequency f, MapCompressorOptions p) {
            return map_compressor_of(m, f, p, std::make_index_sequence<3>{});
        },
        [](const auto& m, Frequency f, MapCompressorOptions p) {
            return map_compressor_of(m, f, p, std::make_index_sequence<4>{});
        },
        [](const auto& m, Frequency f, MapCompressorOptions p) {
            return map_compressor_of(m, f, p, std::make_index_sequence<5>{});
        },
        [](const auto& m, Frequency f, MapCompressorOptions p) {
            return map_compressor_of(m, f, p, std::make_index_sequence<6>{});
        },
        [](const auto& m, Frequency f, MapCompressorOptions p) {
            return map_compressor_of(m, f, p, std::make_index_sequence<7>{});
        },
        [](const auto& m, Frequency f, MapCompressorOptions p) {
            return map_compressor_of(m, f, p, std::make_index_sequence<8>{});
        },
    };
    return make(name, "map_compressor", Role::compressor, factories[maps.size() - 1](maps, Frequency{speed}, opt));
}

/// The fixed saturation must exist for the refrigerant (below its critical point, above its
/// lowest temperature): otherwise the file is bad, not the solve.
[[noreturn]] void no_saturation(const Obj& o, const std::string& key, const fluids::Fluid& fluid, const char* what,
                                const ThermoError& e, bool transcritical_hint = false) {
    char limit[96];
    std::snprintf(limit, sizeof limit, "%.2f °C, %.3f bar", to_celsius(fluid.T_critical()),
                  fluid.p_critical().si() / bar);
    o.fail_at(o.at(key),
              std::string("expected a ") + what + " at which " + std::string(fluid.name()) +
                  " saturates (below its critical point, " + limit + "), got " + describe(o.raw(key)) + ": " +
                  e.c_str() +
                  (transcritical_hint ? std::string(" (a transcritical high side: use a \"gas_cooler\" and a "
                                                    "\"high_pressure_valve\")")
                                      : std::string()));
}

template <bool Condensing>
Built fixed_saturation(const Obj& o, const std::string& name, const fluids::Fluid& fluid) {
    const char* type = Condensing ? "fixed_saturation_condenser" : "fixed_saturation_evaporator";
    const char* spec = Condensing ? "subcooling" : "superheat";
    const double dT = o.quantity(spec, Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
    const bool by_T = o.has("saturation_temperature"), by_p = o.has("saturation_pressure");
    if (by_T == by_p)
        o.fail_at(o.path(), "expected exactly one of \"saturation_temperature\" (°C) and \"saturation_pressure\" "
                            "(bar)");
    using Hx = std::conditional_t<Condensing, FixedSaturationCondenser, FixedSaturationEvaporator>;
    const Role role = Condensing ? Role::condenser : Role::evaporator;
    if (by_p) {
        if (o.has("saturation_point"))
            o.fail_at(o.at("saturation_point"), "applies to \"saturation_temperature\" only (a pressure is "
                                                "both a bubble and a dew pressure here)");
        const double p = o.quantity("saturation_pressure", Dimension::pressure, "bar", positive_in("bar"), positive);
        if (auto sat = fluid.saturation_p(Pressure{p * bar}); !sat)
            no_saturation(o, "saturation_pressure", fluid, "pressure in bar", sat.error(),
                          Condensing && p * bar >= fluid.p_critical().si());
        return make(name, type, role, Hx{Pressure{p * bar}, TemperatureDifference{dT}});
    }
    const double T = o.quantity("saturation_temperature", Dimension::temperature, "°C", a_temperature, celsius);
    if (auto sat = fluid.saturation_t(from_celsius(T)); !sat)
        no_saturation(o, "saturation_temperature", fluid, "temperature in °C", sat.error(),
                      Condensing && from_celsius(T).si() >= fluid.T_critical().si());
    const auto point = o.choice("saturation_point", {"bubble", "dew"}, Condensing ? "bubble" : "dew");
    return make(name, type, role,
                Hx{from_celsius(T), TemperatureDifference{dT},
                   point == "bubble" ? SaturationPoint::bubble : SaturationPoint::dew});
}

Built expansion_valve(const Obj& o, const std::string& name) {
    const auto mode = o.choice("mode", {"fixed_superheat", "orifice", "superheat_control"});
    auto forbid = [&](std::initializer_list<const char*> keys) {
        for (const char* k : keys)
            if (o.has(k)) o.fail_at(o.at(k), "does not apply to mode \"" + mode + "\"");
    };
    if (mode == "fixed_superheat") {
        forbid({"flow_coefficient", "opening", "min_opening", "max_opening"});
        const double sh =
            o.quantity("superheat", Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
        return make(name, "expansion_valve", Role::expansion_valve,
                    ExpansionValve::fixed_superheat(TemperatureDifference{sh}));
    }
    const double C = o.quantity("flow_coefficient", Dimension::area, "m2",
                                positive_in("m² (discharge coefficient × full-open area)"), positive);
    if (mode == "orifice") {
        forbid({"superheat", "min_opening", "max_opening"});
        const double a = o.number("opening", "a number in (0, 1]", fraction);
        return make(name, "expansion_valve", Role::expansion_valve, ExpansionValve::orifice(C, a));
    }
    forbid({"opening"});
    const double sh = o.quantity("superheat", Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
    const double a_min =
        o.number_or("min_opening", 0.05, "a number in [0, 1)", [](double x) { return x >= 0.0 && x < 1.0; });
    const double a_max = o.number_or("max_opening", 1.0, "a number in (min_opening, 1]",
                                     [&](double x) { return x > a_min && x <= 1.0; });
    return make(name, "expansion_valve", Role::expansion_valve,
                ExpansionValve::superheat_control(C, TemperatureDifference{sh}, a_min, a_max));
}

SecondaryFluid secondary_fluid(const Obj& s) {
    const auto fluid = s.choice("fluid", {"air", "water", "brine"});
    const double T = s.quantity("inlet_temperature", Dimension::temperature, "°C", a_temperature, celsius);
    const double m = s.quantity("mass_flow", Dimension::mass_flow, "kg/s", positive_in("kg/s"), positive);
    if (fluid != "water" && s.has("pressure")) s.fail_at(s.at("pressure"), "applies to water only");
    if (fluid != "brine")
        for (const char* k : {"cp", "density"})
            if (s.has(k)) s.fail_at(s.at(k), "applies to brine only");
    if (fluid == "air") {
        if (!(T >= 200.0 - 273.15 && T <= 500.0 - 273.15))
            s.fail("inlet_temperature", "an air temperature between -73.15 and 226.85 °C (the range of the cp fit)");
        return SecondaryFluid::air(from_celsius(T), MassFlow{m});
    }
    if (fluid == "water") {
        const double p = s.quantity_or("pressure", 3.0, Dimension::pressure, "bar", positive_in("bar"), positive);
        auto w = SecondaryFluid::water(from_celsius(T), MassFlow{m}, Pressure{p * bar});
        if (!w.validate()) s.fail("inlet_temperature", "a temperature at which water is liquid at the loop pressure");
        return w;
    }
    const double cp = s.quantity("cp", Dimension::specific_entropy, "J/(kg K)", positive_in("J/(kg K)"), positive);
    const double rho = s.quantity("density", Dimension::density, "kg/m3", positive_in("kg/m³"), positive);
    return SecondaryFluid::brine(from_celsius(T), MassFlow{m}, SpecificHeat{cp}, Density{rho});
}

PressureDrop pressure_drop(const Obj& d) {
    const auto kind = d.choice("model", {"none", "fixed", "quadratic"});
    if (kind == "none") {
        for (const char* k : {"dp", "nominal_mass_flow"})
            if (d.has(k)) d.fail_at(d.at(k), "does not apply to model \"none\"");
        return {};
    }
    const double dp = d.quantity("dp", Dimension::pressure, "bar", nonnegative_in("bar"), nonnegative);
    if (kind == "fixed") {
        if (d.has("nominal_mass_flow")) d.fail_at(d.at("nominal_mass_flow"), "applies to model \"quadratic\" only");
        return PressureDrop::fixed(Pressure{dp * bar});
    }
    const double m = d.quantity("nominal_mass_flow", Dimension::mass_flow, "kg/s", positive_in("kg/s"), positive);
    return PressureDrop::quadratic(Pressure{dp * bar}, MassFlow{m});
}

template <bool Condensing>
Built secondary_exchanger(const Obj& o, const std::string& name) {
    const auto model = o.choice("model", {"epsilon_ntu", "moving_boundary"});
    const double ua = o.quantity("ua", Dimension::conductance, "W/K", positive_in("W/K"), positive);
    const SecondaryFluid sec = secondary_fluid(o.object(
        "secondary", {"fluid", "inlet_temperature", "mass_flow", "pressure", "cp", "density"}, "the secondary fluid"));
    const auto arr = o.choice("arrangement", {"cross_flow", "counter_flow"}, "cross_flow");
    const PressureDrop dp =
        o.has("pressure_drop")
            ? pressure_drop(o.object("pressure_drop", {"model", "dp", "nominal_mass_flow"}, "a pressure-drop model"))
            : PressureDrop{};
    const HxModel m = model == "epsilon_ntu" ? HxModel::epsilon_ntu : HxModel::moving_boundary;
    const FlowArrangement a = arr == "cross_flow" ? FlowArrangement::cross_flow : FlowArrangement::counter_flow;
    if constexpr (Condensing) {
        Condenser c{m, ThermalConductance{ua}, sec, a, dp};
        if (o.has("subcooling"))
            c = c.with_subcooling(TemperatureDifference{
                o.quantity("subcooling", Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative)});
        return make(name, "condenser", Role::condenser, c);
    } else {
        return make(name, "evaporator", Role::evaporator, Evaporator{m, ThermalConductance{ua}, sec, a, dp});
    }
}

/// "gas_cooler" (transcritical heat rejection): exactly one outlet specification.
Built gas_cooler(const Obj& o, const std::string& name) {
    const bool by_T = o.has("outlet_temperature"), by_approach = o.has("approach"), by_ua = o.has("ua");
    if (int(by_T) + int(by_approach) + int(by_ua) != 1)
        o.fail_at(o.path(), "expected exactly one of \"outlet_temperature\" (°C), \"approach\" (K) and \"ua\" (W/K)");
    const PressureDrop dp =
        o.has("pressure_drop")
            ? pressure_drop(o.object("pressure_drop", {"model", "dp", "nominal_mass_flow"}, "a pressure-drop model"))
            : PressureDrop{};
    if (by_T) {
        if (o.has("secondary"))
            o.fail_at(o.at("secondary"), "does not apply to a gas cooler with a given \"outlet_temperature\"");
        const double T = o.quantity("outlet_temperature", Dimension::temperature, "°C", a_temperature, celsius);
        return make(name, "gas_cooler", Role::condenser, GasCooler::outlet_temperature(from_celsius(T), dp));
    }
    const SecondaryFluid sec = secondary_fluid(o.object(
        "secondary", {"fluid", "inlet_temperature", "mass_flow", "pressure", "cp", "density"}, "the secondary fluid"));
    if (by_approach) {
        const double a =
            o.quantity("approach", Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
        return make(name, "gas_cooler", Role::condenser, GasCooler::approach(TemperatureDifference{a}, sec, dp));
    }
    const double ua = o.quantity("ua", Dimension::conductance, "W/K", positive_in("W/K"), positive);
    return make(name, "gas_cooler", Role::condenser, GasCooler::ua(ThermalConductance{ua}, sec, dp));
}

/// "high_pressure_valve": the high-side pressure given ("pressure", bar) or "cop_optimal".
Built high_pressure_valve(const Obj& o, const std::string& name) {
    const auto mode = o.choice("mode", {"fixed_pressure", "cop_optimal"});
    if (mode == "cop_optimal") {
        if (o.has("pressure")) o.fail_at(o.at("pressure"), "does not apply to mode \"cop_optimal\"");
        return make(name, "high_pressure_valve", Role::expansion_valve, HighPressureValve::cop_optimal());
    }
    const double p = o.quantity("pressure", Dimension::pressure, "bar", positive_in("bar"), positive);
    return make(name, "high_pressure_valve", Role::expansion_valve, HighPressureValve{Pressure{p * bar}});
}

/// The keys each component type accepts (besides "name" and "type").
std::vector<std::string> keys_of(const std::string& type) {
    std::vector<std::string> k = {"name", "type"};
    auto add = [&](std::initializer_list<const char*> more) { k.insert(k.end(), more.begin(), more.end()); };
    if (type == "isentropic_compressor")
        add({"isentropic_efficiency", "mass_flow", "displacement", "speed", "volumetric_efficiency"});
    else if (type == "map_compressor")
        add({"speed", "maps", "superheat_correction_factor", "heat_loss_fraction"});
    else if (type == "fixed_saturation_condenser")
        add({"saturation_temperature", "saturation_pressure", "saturation_point", "subcooling"});
    else if (type == "fixed_saturation_evaporator")
        add({"saturation_temperature", "saturation_pressure", "saturation_point", "superheat"});
    else if (type == "expansion_valve")
        add({"mode", "superheat", "flow_coefficient", "opening", "min_opening", "max_opening"});
    else if (type == "condenser")
        add({"model", "ua", "secondary", "arrangement", "pressure_drop", "subcooling"});
    else if (type == "evaporator")
        add({"model", "ua", "secondary", "arrangement", "pressure_drop"});
    else if (type == "gas_cooler")
        add({"outlet_temperature", "approach", "ua", "secondary", "pressure_drop"});
    else if (type == "high_pressure_valve")
        add({"mode", "pressure"});
    return k;
}

Built read_component(const std::string& source, const json& j, const std::string& path, const fluids::Fluid& fluid) {
    if (!j.is_object())
        throw InputError(source + ": " + path + ": expected a component (a JSON object), got " + describe(j));
    std::string type;
    {
        const auto it = j.find("type");
        const std::string expected = "a component type, one of " + join(component_types, "\"");
        if (it == j.end())
            throw InputError(source + ": " + path + "/type: expected " + expected +
                             ", got nothing (the key is missing)");
        if (!it->is_string())
            throw InputError(source + ": " + path + "/type: expected " + expected + ", got " + describe(*it));
        if (std::find(component_types.begin(), component_types.end(), it->get<std::string>()) == component_types.end())
            throw InputError(source + ": " + path + "/type: unknown component type \"" + it->get<std::string>() +
                             "\"; expected one of " + join(component_types, "\""));
        type = it->get<std::string>();
    }
    const Obj o(source, j, path, keys_of(type), "a component");
    const std::string name = o.string("name", "a component name (a non-empty string)");
    if (type == "isentropic_compressor") return isentropic_compressor(o, name);
    if (type == "map_compressor") return map_compressor(o, name, source);
    if (type == "fixed_saturation_condenser") return fixed_saturation<true>(o, name, fluid);
    if (type == "fixed_saturation_evaporator") return fixed_saturation<false>(o, name, fluid);
    if (type == "isenthalpic_valve") return make(name, type, Role::expansion_valve, IsenthalpicValve{});
    if (type == "expansion_valve") return expansion_valve(o, name);
    if (type == "condenser") return secondary_exchanger<true>(o, name);
    if (type == "evaporator") return secondary_exchanger<false>(o, name);
    if (type == "gas_cooler") return gas_cooler(o, name);
    if (type == "high_pressure_valve") return high_pressure_valve(o, name);
    return make(name, type, Role::receiver, Receiver{});
}

/// Where a JSON parse stopped, as a JSON pointer: a SAX pass that tracks the path and records it
/// at the parse error (nlohmann's DOM parser reports a number that overflows a double, 1e400, with
/// neither a line nor a path).
class PathAtError : public nlohmann::json_sax<json> {
  public:
    std::string path; ///< of the value being read when the error came
    std::string token;

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override {
        frames_.push_back({false, 0, {}});
        return true;
    }
    bool key(string_t& k) override {
        frames_.back().key = k;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override {
        frames_.push_back({true, 0, {}});
        return true;
    }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string& last_token, const nlohmann::detail::exception&) override {
        path.clear();
        for (const Frame& f : frames_) {
            path += '/';
            if (f.array) {
                path += std::to_string(f.index);
            } else {
                for (char ch : f.key)
                    path += ch == '~' ? std::string("~0") : ch == '/' ? std::string("~1") : std::string(1, ch);
            }
        }
        token = last_token;
        return false;
    }

  private:
    struct Frame {
        bool array;
        std::size_t index;
        std::string key;
    };
    std::vector<Frame> frames_;
    bool value() {
        if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
        return true;
    }
    bool close() {
        frames_.pop_back();
        return value();
    }
};

} // namespace

SolvedCycle solve_cycle_json(const std::string& text, const std::string& source) {
    json doc;
    try {
        doc = json::parse(text, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
        std::string what = e.what();
        const auto at = what.find("parse error");
        throw InputError(source + ": not valid JSON: " + (at == std::string::npos ? what : what.substr(at)));
    } catch (const json::out_of_range& e) {
        // 406: a number that overflows a double (1e400). Find its path with a second, SAX pass.
        PathAtError where;
        json::sax_parse(text, &where, json::input_format_t::json, true, /*ignore_comments=*/true);
        throw InputError(source + ": " + (where.path.empty() ? std::string("/") : where.path) +
                         ": expected a number that fits in a double (at most about 1.8e308 in magnitude), got " +
                         (where.token.empty() ? std::string(e.what()) : where.token));
    }
    const Obj top(source, doc, "",
                  {"$schema", "name", "description", "refrigerant", "backend", "components", "connections", "solver"},
                  "a cycle");
    if (top.has("name")) (void)top.string("name", "a title (a non-empty string)");
    if (top.has("description") && !top.raw("description").is_string()) top.fail("description", "a string");

    SolvedCycle out;
    out.source = source;
    out.title = top.has("name") ? top.raw("name").get<std::string>() : source;
    const auto refrigerant = top.string("refrigerant", "a refrigerant name (e.g. \"R134a\")");
    auto fluid = fluids::find_fluid(refrigerant);
    if (!fluid) top.fail_at(top.at("refrigerant"), std::string(fluid.error().message()));
    out.fluid = *fluid;
    out.backend = top.choice("backend", {"eos", "tables"}, "eos");

    // Solver settings (CLI defaults: a generous time budget, the engine's other defaults).
    SolveSettings settings;
    settings.time_budget_s = 10.0;
    SolverMethod method = SolverMethod::fallback;
    out.method = "fallback";
    if (top.has("solver")) {
        const Obj s = top.object("solver",
                                 {"method", "max_iterations", "tolerance", "time_budget", "picard_relaxation",
                                  "discharge_temperature_limit", "max_residual_evaluations",
                                  "guess_evaporating_temperature", "guess_condensing_temperature", "guess_mass_flow"},
                                 "the solver settings");
        out.method = s.choice("method", {"newton", "picard", "fallback"}, "fallback");
        method = out.method == "newton" ? SolverMethod::newton
                                        : (out.method == "picard" ? SolverMethod::picard : SolverMethod::fallback);
        settings.max_iterations = static_cast<int>(
            s.number_or("max_iterations", settings.max_iterations, "a positive integer (at most 100000)",
                        [](double x) { return x >= 1.0 && x <= 1e5 && x == std::floor(x); }));
        settings.tolerance = s.number_or("tolerance", settings.tolerance,
                                         "a positive number (max-norm of the scaled residuals)", positive);
        settings.time_budget_s =
            s.quantity_or("time_budget", settings.time_budget_s, Dimension::time, "s", positive_in("s"), positive);
        settings.picard_relaxation =
            s.number_or("picard_relaxation", settings.picard_relaxation, "a number in (0, 1]", fraction);
        settings.discharge_temperature_limit =
            from_celsius(s.quantity_or("discharge_temperature_limit",
                                       to_celsius(Temperature{settings.discharge_temperature_limit}),
                                       Dimension::temperature, "°C", a_temperature, celsius))
                .si();
        settings.max_residual_evaluations = static_cast<int>(
            s.number_or("max_residual_evaluations", 0.0, "an integer >= 0 (0 for no limit, at most 10000000)",
                        [](double x) { return x >= 0.0 && x <= 1e7 && x == std::floor(x); }));
        // Optional start values of the (cold) solve for hard cases (docs/solver.md §10).
        if (s.has("guess_evaporating_temperature"))
            settings.guess_evaporating_temperature =
                from_celsius(
                    s.quantity("guess_evaporating_temperature", Dimension::temperature, "°C", a_temperature, celsius))
                    .si();
        if (s.has("guess_condensing_temperature"))
            settings.guess_condensing_temperature =
                from_celsius(
                    s.quantity("guess_condensing_temperature", Dimension::temperature, "°C", a_temperature, celsius))
                    .si();
        if (s.has("guess_mass_flow"))
            settings.guess_mass_flow =
                s.quantity("guess_mass_flow", Dimension::mass_flow, "kg/s", positive_in("kg/s"), positive);
        if (settings.guess_evaporating_temperature >= settings.guess_condensing_temperature)
            s.fail_at(s.at("guess_evaporating_temperature"),
                      "guess_evaporating_temperature is not below guess_condensing_temperature: are the two levels "
                      "swapped?");
    }

    // Components.
    const json& comps = top.array("components", "an array of components (at least 2)", 2);
    std::vector<Built> built;
    for (std::size_t i = 0; i < comps.size(); ++i) {
        const std::string path = "/components/" + std::to_string(i);
        built.push_back(read_component(source, comps[i], path, *out.fluid));
        for (std::size_t k = 0; k < i; ++k)
            if (built[k].info.name == built[i].info.name)
                throw InputError(source + ": " + path + "/name: expected a name not used by another component, got " +
                                 describe(comps[i]["name"]) + " (also /components/" + std::to_string(k) + ")");
    }
    // The tables are built here (once per fluid and process), never during the solve.
    System sys(*out.fluid, out.backend == "tables" ? Backend::tables : Backend::eos);
    for (std::size_t i = 0; i < built.size(); ++i) {
        auto idx = built[i].add(sys);
        if (!idx) throw InputError(source + ": /components/" + std::to_string(i) + ": " + idx.error().c_str());
        out.components.push_back(built[i].info);
    }

    // Connections: {"from": outlet of, "to": inlet of}, by component name.
    const json& conns = top.array("connections", "an array of connections {\"from\": name, \"to\": name}", 1);
    std::vector<std::string> names;
    for (const auto& c : out.components) names.push_back(c.name);
    for (std::size_t k = 0; k < conns.size(); ++k) {
        const Obj c(source, conns[k], "/connections/" + std::to_string(k), {"from", "to"},
                    "a connection {\"from\": name, \"to\": name}");
        auto index_of = [&](const char* key) {
            const auto n = c.string(key, "the name of a component");
            const auto it = std::find(names.begin(), names.end(), n);
            if (it == names.end())
                c.fail_at(c.at(key), "no component is named \"" + n + "\"; expected one of: " + join(names, "\""));
            return static_cast<std::uint32_t>(it - names.begin());
        };
        const auto from = index_of("from"), to = index_of("to");
        if (auto r = sys.connect(from, to); !r) c.fail_at(c.path(), r.error().c_str());
    }
    if (auto f = sys.finalize(); !f) {
        const std::string msg = f.error().c_str();
        const bool topology = msg.find("connect") != std::string::npos || msg.find("loop") != std::string::npos;
        throw InputError(source + ": " + (topology ? "/connections" : "/components") + ": " + msg);
    }

    out.results = sys.solve(method, settings, StartMode::cold);
    const auto x = sys.state_vector();
    out.last_iterate.assign(x.begin(), x.end());
    out.order = diagrams::flow_order(out.results, out.components);
    return out;
}

SolvedCycle solve_cycle_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open the file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError(path + ": cannot read the file");
    return solve_cycle_json(text.str(), path);
}

SolvedCycle solve_demo_cycle() {
    auto c = solve_cycle_json(demo_cycle_json, "built-in demo (examples/cycles/r410a_heat_pump.json)");
    return c;
}

} // namespace entropyk::cli
