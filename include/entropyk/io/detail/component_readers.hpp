// The readers of the cycle file's component objects, one per component kind: each checks the
// keys of its kind (the table in io/component_kinds.hpp says which), converts engineering units
// to SI and builds the component model. A refusal throws detail::ReadError with the JSON path.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "entropyk/components.hpp"
#include "entropyk/cycles/system.hpp"
#include "entropyk/io/detail/json_object.hpp"

namespace entropyk::io {

/// A component as the cycle file names it.
struct CycleComponent {
    std::string name;
    std::string type; ///< the JSON "type" ("map_compressor", "condenser", ...)
    Role role = Role::other;
};

namespace detail {

inline constexpr double bar = 1e5;
inline constexpr double cm3 = 1e-6;

/// A component read from the file and the call that adds its model to a System.
struct Built {
    CycleComponent info;
    std::function<Result<std::uint32_t>(System&)> add;
    /// A cascade heat exchanger spans two loops: it is two System components, its condensing
    /// side (the returned index, `info`) and its evaporating side (the next index, `second`).
    bool two_sides = false;
    CycleComponent second;
};

/// What a reader needs besides its object: the component's name and the loop's refrigerant
/// (for a cascade heat exchanger: the refrigerant of its evaporating side's loop).
struct ReadContext {
    std::string name;
    std::string type;
    Role role;
    const fluids::Fluid& fluid;
};

/// The System names of a cascade heat exchanger's two sides.
inline std::string cascade_side_name(const std::string& name, bool condensing) {
    return name + (condensing ? " (condensing)" : " (evaporating)");
}

template <class C>
Built make(const ReadContext& c, C component) {
    return {{c.name, c.type, c.role},
            [name = c.name, component](System& sys) { return sys.add(name, component); },
            false,
            {}};
}

inline Built read_isentropic_compressor(const Obj& o, const ReadContext& c) {
    const double eta = o.number("isentropic_efficiency", "a number in (0, 1]", fraction);
    const bool fixed = o.has("mass_flow");
    const bool displacement = o.has("displacement") || o.has("speed") || o.has("volumetric_efficiency");
    if (fixed && displacement)
        o.fail_at(o.path(), "give either \"mass_flow\" or \"displacement\", \"speed\" and \"volumetric_efficiency\", "
                            "not both");
    if (fixed) {
        const double m = o.quantity("mass_flow", Dimension::mass_flow, "kg/s", positive_in("kg/s"), positive);
        return make(c, IsentropicCompressor{eta, MassFlow{m}});
    }
    if (displacement) {
        const double V =
            o.quantity("displacement", Dimension::volume, "cm3", positive_in("cm3 per revolution"), positive);
        const double N = o.quantity("speed", Dimension::frequency, "Hz", positive_in("Hz"), positive);
        const double ev = o.number("volumetric_efficiency", "a number in (0, 1]", fraction);
        return make(c, IsentropicCompressor{eta, Volume{V * cm3}, Frequency{N}, ev});
    }
    return make(c, IsentropicCompressor{eta});
}

inline CompressorMap read_compressor_map(const Obj& m) {
    const auto units = m.choice("units", {"ip", "si_kg_per_s", "si_kg_per_h"});
    const bool ip = units == "ip";
    const double sh =
        m.quantity("rated_superheat", Dimension::temperature_difference, ip ? "degF" : "K",
                   ip ? "a number >= 0 in °F (temperature difference, IP map)" : nonnegative_in("K"), nonnegative);
    const double f = m.quantity("frequency", Dimension::frequency, "Hz", positive_in("Hz"), positive);
    auto coefficients = [&](const char* key, const char* unit) {
        const std::string expected = std::string("an array of the 10 AHRI 540 coefficients (") + unit + ")";
        const json& a = m.array(key, expected, 10, 10);
        std::array<double, 10> k{};
        for (std::size_t i = 0; i < 10; ++i) {
            if (!a[i].is_number() || !std::isfinite(a[i].get<double>()))
                m.fail_at(m.at(key) + "/" + std::to_string(i), "expected a number, got " + describe(a[i]));
            k[i] = a[i].get<double>();
        }
        return k;
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

/// MapCompressor takes its maps as a fixed-size list: one factory per count.
template <std::size_t... N>
constexpr auto map_compressor_factories(std::index_sequence<N...>) {
    using Factory = MapCompressor (*)(const std::vector<CompressorMap>&, Frequency, MapCompressorOptions);
    return std::array<Factory, sizeof...(N)>{
        [](const std::vector<CompressorMap>& m, Frequency f, MapCompressorOptions p) {
            return map_compressor_of(m, f, p, std::make_index_sequence<N + 1>{});
        }...};
}

/// The maps, speed and options of a map compressor ("map_compressor", and the map form of
/// "vapour_injection_compressor").
inline MapCompressor read_map_compressor_model(const Obj& o) {
    const double speed = o.quantity("speed", Dimension::frequency, "Hz", positive_in("Hz"), positive);
    const json& arr = o.array("maps", "an array of 1 to 8 compressor maps", 1, MapCompressor::max_maps);
    std::vector<CompressorMap> maps;
    for (std::size_t i = 0; i < arr.size(); ++i)
        maps.push_back(read_compressor_map(Obj(o.source(), arr[i], o.at("maps") + "/" + std::to_string(i),
                                               {"units", "rated_superheat", "frequency", "mass_flow", "power"},
                                               "a compressor map")));
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
    static constexpr auto factories = map_compressor_factories(std::make_index_sequence<MapCompressor::max_maps>{});
    return factories[maps.size() - 1](maps, Frequency{speed}, opt);
}

inline Built read_map_compressor(const Obj& o, const ReadContext& c) { return make(c, read_map_compressor_model(o)); }

/// The fixed saturation must exist for the refrigerant (below its critical point, above its
/// lowest temperature): otherwise the file is bad, not the solve.
/// A condenser above the critical point gets a hint to the transcritical components.
[[noreturn]] inline void no_saturation(const Obj& o, const std::string& key, const fluids::Fluid& fluid,
                                       const char* what, const ThermoError& e, bool transcritical_hint = false) {
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
Built read_fixed_saturation(const Obj& o, const ReadContext& c) {
    const char* spec = Condensing ? "subcooling" : "superheat";
    const double dT = o.quantity(spec, Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
    const bool by_T = o.has("saturation_temperature"), by_p = o.has("saturation_pressure");
    if (by_T == by_p)
        o.fail_at(o.path(), "expected exactly one of \"saturation_temperature\" (°C) and \"saturation_pressure\" "
                            "(bar)");
    using Hx = std::conditional_t<Condensing, FixedSaturationCondenser, FixedSaturationEvaporator>;
    if (by_p) {
        if (o.has("saturation_point"))
            o.fail_at(o.at("saturation_point"), "applies to \"saturation_temperature\" only (a pressure is "
                                                "both a bubble and a dew pressure here)");
        const double p = o.quantity("saturation_pressure", Dimension::pressure, "bar", positive_in("bar"), positive);
        if (auto sat = c.fluid.saturation_p(Pressure{p * bar}); !sat)
            no_saturation(o, "saturation_pressure", c.fluid, "pressure in bar", sat.error(),
                          Condensing && p * bar >= c.fluid.p_critical().si());
        return make(c, Hx{Pressure{p * bar}, TemperatureDifference{dT}});
    }
    const double T = o.quantity("saturation_temperature", Dimension::temperature, "°C", a_temperature, celsius);
    if (auto sat = c.fluid.saturation_t(from_celsius(T)); !sat)
        no_saturation(o, "saturation_temperature", c.fluid, "temperature in °C", sat.error(),
                      Condensing && from_celsius(T).si() >= c.fluid.T_critical().si());
    const auto point = o.choice("saturation_point", {"bubble", "dew", "mid"}, Condensing ? "bubble" : "dew");
    return make(c, Hx{from_celsius(T), TemperatureDifference{dT},
                      point == "bubble" ? SaturationPoint::bubble
                      : point == "dew"  ? SaturationPoint::dew
                                        : SaturationPoint::mid});
}

inline Built read_isenthalpic_valve(const Obj&, const ReadContext& c) { return make(c, IsenthalpicValve{}); }

inline Built read_expansion_valve(const Obj& o, const ReadContext& c) {
    const auto mode = o.choice("mode", {"fixed_superheat", "orifice", "superheat_control"});
    auto forbid = [&](std::initializer_list<const char*> keys) {
        for (const char* k : keys)
            if (o.has(k)) o.fail_at(o.at(k), "does not apply to mode \"" + mode + "\"");
    };
    if (mode == "fixed_superheat") {
        forbid({"flow_coefficient", "opening", "min_opening", "max_opening"});
        const double sh =
            o.quantity("superheat", Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
        return make(c, ExpansionValve::fixed_superheat(TemperatureDifference{sh}));
    }
    const double C = o.quantity("flow_coefficient", Dimension::area, "m2",
                                positive_in("m² (discharge coefficient × full-open area)"), positive);
    if (mode == "orifice") {
        forbid({"superheat", "min_opening", "max_opening"});
        const double a = o.number("opening", "a number in (0, 1]", fraction);
        return make(c, ExpansionValve::orifice(C, a));
    }
    forbid({"opening"});
    const double sh = o.quantity("superheat", Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
    const double a_min =
        o.number_or("min_opening", 0.05, "a number in [0, 1)", [](double x) { return x >= 0.0 && x < 1.0; });
    const double a_max = o.number_or("max_opening", 1.0, "a number in (min_opening, 1]",
                                     [&](double x) { return x > a_min && x <= 1.0; });
    return make(c, ExpansionValve::superheat_control(C, TemperatureDifference{sh}, a_min, a_max));
}

inline SecondaryFluid read_secondary_fluid(const Obj& s) {
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

inline PressureDrop read_pressure_drop(const Obj& d) {
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
Built read_secondary_exchanger(const Obj& o, const ReadContext& c) {
    const auto model = o.choice("model", {"epsilon_ntu", "moving_boundary"});
    const double ua = o.quantity("ua", Dimension::conductance, "W/K", positive_in("W/K"), positive);
    const SecondaryFluid sec = read_secondary_fluid(o.object(
        "secondary", {"fluid", "inlet_temperature", "mass_flow", "pressure", "cp", "density"}, "the secondary fluid"));
    const auto arr = o.choice("arrangement", {"cross_flow", "counter_flow"}, "cross_flow");
    const PressureDrop dp = o.has("pressure_drop")
                                ? read_pressure_drop(o.object("pressure_drop", {"model", "dp", "nominal_mass_flow"},
                                                              "a pressure-drop model"))
                                : PressureDrop{};
    const HxModel m = model == "epsilon_ntu" ? HxModel::epsilon_ntu : HxModel::moving_boundary;
    const FlowArrangement a = arr == "cross_flow" ? FlowArrangement::cross_flow : FlowArrangement::counter_flow;
    if constexpr (Condensing) {
        Condenser cond{m, ThermalConductance{ua}, sec, a, dp};
        if (o.has("subcooling"))
            cond = cond.with_subcooling(TemperatureDifference{
                o.quantity("subcooling", Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative)});
        return make(c, cond);
    } else {
        return make(c, Evaporator{m, ThermalConductance{ua}, sec, a, dp});
    }
}

inline Built read_receiver(const Obj&, const ReadContext& c) { return make(c, Receiver{}); }

/// "gas_cooler" (transcritical heat rejection): exactly one outlet specification.
inline Built read_gas_cooler(const Obj& o, const ReadContext& c) {
    const bool by_T = o.has("outlet_temperature"), by_approach = o.has("approach"), by_ua = o.has("ua");
    if (int(by_T) + int(by_approach) + int(by_ua) != 1)
        o.fail_at(o.path(), "expected exactly one of \"outlet_temperature\" (°C), \"approach\" (K) and \"ua\" (W/K)");
    const PressureDrop dp = o.has("pressure_drop")
                                ? read_pressure_drop(o.object("pressure_drop", {"model", "dp", "nominal_mass_flow"},
                                                              "a pressure-drop model"))
                                : PressureDrop{};
    if (by_T) {
        if (o.has("secondary"))
            o.fail_at(o.at("secondary"), "does not apply to a gas cooler with a given \"outlet_temperature\"");
        const double T = o.quantity("outlet_temperature", Dimension::temperature, "°C", a_temperature, celsius);
        return make(c, GasCooler::outlet_temperature(from_celsius(T), dp));
    }
    const SecondaryFluid sec = read_secondary_fluid(o.object(
        "secondary", {"fluid", "inlet_temperature", "mass_flow", "pressure", "cp", "density"}, "the secondary fluid"));
    if (by_approach) {
        const double a =
            o.quantity("approach", Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
        return make(c, GasCooler::approach(TemperatureDifference{a}, sec, dp));
    }
    const double ua = o.quantity("ua", Dimension::conductance, "W/K", positive_in("W/K"), positive);
    return make(c, GasCooler::ua(ThermalConductance{ua}, sec, dp));
}

/// "high_pressure_valve": the high-side pressure given ("pressure", bar) or "cop_optimal".
inline Built read_high_pressure_valve(const Obj& o, const ReadContext& c) {
    const auto mode = o.choice("mode", {"fixed_pressure", "cop_optimal"});
    if (mode == "cop_optimal") {
        if (o.has("pressure")) o.fail_at(o.at("pressure"), "does not apply to mode \"cop_optimal\"");
        return make(c, HighPressureValve::cop_optimal());
    }
    const double p = o.quantity("pressure", Dimension::pressure, "bar", positive_in("bar"), positive);
    return make(c, HighPressureValve{Pressure{p * bar}});
}

/// "flash_tank": a phase separator, outlets liquid_out and vapour_out. "mode" "fixed_pressure"
/// (the default) with a "pressure" (bar); "floating" (the network decides the level); or
/// "geometric_mean" with an optional "factor" r (p = r sqrt(p_low p_high), default 1).
inline Built read_flash_tank(const Obj& o, const ReadContext& c) {
    const auto mode = o.choice("mode", {"fixed_pressure", "floating", "geometric_mean"}, "fixed_pressure");
    if (mode != "fixed_pressure" && o.has("pressure"))
        o.fail_at(o.at("pressure"), "does not apply to mode \"" + mode + "\"");
    if (mode != "geometric_mean" && o.has("factor"))
        o.fail_at(o.at("factor"), "applies to mode \"geometric_mean\" only");
    if (mode == "floating") return make(c, FlashTank::floating());
    if (mode == "geometric_mean")
        return make(c, FlashTank::geometric_mean(o.number_or("factor", 1.0, "a number in (0, 10)",
                                                             [](double x) { return x > 0.0 && x < 10.0; })));
    const double p = o.quantity("pressure", Dimension::pressure, "bar", positive_in("bar"), positive);
    return make(c, FlashTank{Pressure{p * bar}});
}

/// "mixer": two inlets (inlet_a, inlet_b) mixing adiabatically into one outlet.
inline Built read_mixer(const Obj&, const ReadContext& c) { return make(c, Mixer{}); }

/// "splitter": one inlet into outlet_a and outlet_b; "fraction_a" fixes the share of outlet_a,
/// without it the network decides the split.
inline Built read_splitter(const Obj& o, const ReadContext& c) {
    if (!o.has("fraction_a")) return make(c, Splitter{});
    const double f = o.number("fraction_a", "a number in (0, 1)", [](double x) { return x > 0.0 && x < 1.0; });
    return make(c, Splitter::fixed(f));
}

/// "internal_heat_exchanger": suction-line exchanger of a vapour-side effectiveness in [0, 1);
/// ports hot_in, hot_out (liquid side), cold_in, cold_out (vapour side).
/// Or, with "ua" (W/K) instead, a counter-flow exchanger of that conductance.
inline Built read_internal_heat_exchanger(const Obj& o, const ReadContext& c) {
    if (o.has("ua") && o.has("effectiveness")) o.fail_at(o.path(), "give either \"effectiveness\" or \"ua\", not both");
    if (o.has("ua")) {
        const double ua = o.quantity("ua", Dimension::conductance, "W/K", positive_in("W/K"), positive);
        return make(c, InternalHeatExchanger::ua(ThermalConductance{ua}));
    }
    const double eps = o.number("effectiveness", "a number in [0, 1)", [](double x) { return x >= 0.0 && x < 1.0; });
    return make(c, InternalHeatExchanger{eps});
}

/// "cascade_heat_exchanger": the condenser of one loop is the evaporator of another. In the
/// file it is one component with four ports, hot_in and hot_out (the condensing side, lower
/// loop) and cold_in and cold_out (the evaporating side, upper loop); in the System it is two
/// components, "<name> (condensing)" and "<name> (evaporating)", coupled by System::add_cascade.
/// With "ua" (W/K) it is in the UA form: both levels float, "start_evaporating_temperature" (°C)
/// and "start_approach" (K) seed the initial guess only.
inline CascadeHeatExchanger read_cascade_ua(const Obj& o, const ReadContext& c) {
    for (const char* k : {"evaporating_temperature", "evaporating_pressure", "approach"})
        if (o.has(k))
            o.fail_at(o.at(k), "does not apply to a cascade heat exchanger with a given \"ua\" (both levels float; "
                               "\"start_evaporating_temperature\" and \"start_approach\" seed the initial guess)");
    const double ua = o.quantity("ua", Dimension::conductance, "W/K", positive_in("W/K"), positive);
    auto hx = CascadeHeatExchanger::with_ua(ThermalConductance{ua});
    double T0 = 0.0; // 0: the model's default start (0 °C)
    if (o.has("start_evaporating_temperature")) {
        const double T =
            o.quantity("start_evaporating_temperature", Dimension::temperature, "°C", a_temperature, celsius);
        if (auto sat = c.fluid.saturation_t(from_celsius(T)); !sat)
            no_saturation(o, "start_evaporating_temperature", c.fluid, "temperature in °C", sat.error());
        T0 = from_celsius(T).si();
    }
    const double dT0 =
        o.quantity_or("start_approach", 5.0, Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
    hx.start(Temperature{T0}, TemperatureDifference{dT0});
    return hx;
}

inline Built read_cascade_heat_exchanger(const Obj& o, const ReadContext& c) {
    const bool by_T = o.has("evaporating_temperature"), by_p = o.has("evaporating_pressure");
    const bool by_ua = o.has("ua");
    if (!by_ua)
        for (const char* k : {"start_evaporating_temperature", "start_approach"})
            if (o.has(k)) o.fail_at(o.at(k), "applies only to the UA form (with \"ua\")");
    if (!by_ua && by_T == by_p)
        o.fail_at(o.path(), "expected exactly one of \"evaporating_temperature\" (°C) and \"evaporating_pressure\" "
                            "(bar), or \"ua\" (W/K)");
    CascadeHeatExchanger hx = [&] {
        if (by_ua) return read_cascade_ua(o, c);
        const double approach =
            o.quantity("approach", Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
        if (by_p) {
            const double p =
                o.quantity("evaporating_pressure", Dimension::pressure, "bar", positive_in("bar"), positive);
            if (auto sat = c.fluid.saturation_p(Pressure{p * bar}); !sat)
                no_saturation(o, "evaporating_pressure", c.fluid, "pressure in bar", sat.error());
            return CascadeHeatExchanger::at_pressure(Pressure{p * bar}, TemperatureDifference{approach});
        }
        const double T = o.quantity("evaporating_temperature", Dimension::temperature, "°C", a_temperature, celsius);
        if (auto sat = c.fluid.saturation_t(from_celsius(T)); !sat)
            no_saturation(o, "evaporating_temperature", c.fluid, "temperature in °C", sat.error());
        return CascadeHeatExchanger::at_temperature(from_celsius(T), TemperatureDifference{approach});
    }();
    hx.subcooling(TemperatureDifference{
        o.quantity_or("subcooling", 0.0, Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative)});
    hx.superheat(TemperatureDifference{
        o.quantity_or("superheat", 0.0, Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative)});
    const std::string hot = cascade_side_name(c.name, true), cold = cascade_side_name(c.name, false);
    Built b{{hot, c.type, Role::condenser},
            [hot, cold, hx](System& sys) -> Result<std::uint32_t> {
                auto sides = sys.add_cascade(hot, cold, hx);
                if (!sides) return sides.error();
                return sides->first;
            },
            true,
            {cold, c.type, Role::evaporator}};
    return b;
}

/// "evaporator_pressure_regulator": holds its inlet (the evaporator before it) at a set
/// saturation temperature (°C, dew point) or pressure (bar).
inline Built read_evaporator_pressure_regulator(const Obj& o, const ReadContext& c) {
    const bool by_T = o.has("set_temperature"), by_p = o.has("set_pressure");
    if (by_T == by_p)
        o.fail_at(o.path(), "expected exactly one of \"set_temperature\" (°C) and \"set_pressure\" (bar)");
    if (by_p) {
        const double p = o.quantity("set_pressure", Dimension::pressure, "bar", positive_in("bar"), positive);
        return make(c, EvaporatorPressureRegulator::at_pressure(Pressure{p * bar}));
    }
    const double T = o.quantity("set_temperature", Dimension::temperature, "°C", a_temperature, celsius);
    if (auto sat = c.fluid.saturation_t(from_celsius(T)); !sat)
        no_saturation(o, "set_temperature", c.fluid, "temperature in °C", sat.error());
    return make(c, EvaporatorPressureRegulator::at_temperature(from_celsius(T)));
}

/// "vapour_injection_compressor": two-step isentropic compression with an injection port; the
/// suction flow fixed ("mass_flow") or from a displacement ("displacement", "speed",
/// "volumetric_efficiency"), or - with "maps" - the suction flow and power from a manufacturer's
/// maps (the keys of "map_compressor"); the injection pressure given or a factor times the
/// geometric mean of suction and discharge pressures (default 1).
inline Built read_vapour_injection_compressor(const Obj& o, const ReadContext& c) {
    if (o.has("injection_pressure") && o.has("injection_pressure_factor"))
        o.fail_at(o.path(), "give either \"injection_pressure\" or \"injection_pressure_factor\", not both");
    const bool given = o.has("injection_pressure");
    const double p =
        given ? o.quantity("injection_pressure", Dimension::pressure, "bar", positive_in("bar"), positive) * bar : 0.0;
    const double r = given ? 1.0 : o.number_or("injection_pressure_factor", 1.0, "a number in (0, 10)", [](double x) {
        return x > 0.0 && x < 10.0;
    });
    if (o.has("maps")) {
        for (const char* k : {"isentropic_efficiency", "mass_flow", "displacement", "volumetric_efficiency"})
            if (o.has(k))
                o.fail_at(o.at(k), std::string("\"") + k +
                                       "\" does not apply to the map form (\"maps\"): the map gives flow and power");
        const MapCompressor m = read_map_compressor_model(o);
        return make(c, given ? VapourInjectionCompressor::from_map_at_injection_pressure(m, Pressure{p})
                             : VapourInjectionCompressor::from_map(m, r));
    }
    const double eta = o.number("isentropic_efficiency", "a number in (0, 1]", fraction);
    const bool displacement = o.has("displacement") || o.has("speed") || o.has("volumetric_efficiency");
    if (o.has("mass_flow") && displacement)
        o.fail_at(o.path(), "give either \"mass_flow\" or \"displacement\", \"speed\" and \"volumetric_efficiency\", "
                            "not both");
    if (displacement) {
        const double V =
            o.quantity("displacement", Dimension::volume, "cm3", positive_in("cm3 per revolution"), positive);
        const double N = o.quantity("speed", Dimension::frequency, "Hz", positive_in("Hz"), positive);
        const double ev = o.number("volumetric_efficiency", "a number in (0, 1]", fraction);
        const VapourInjectionCompressor::Displacement d{Volume{V * cm3}, Frequency{N}, ev};
        return make(c, given ? VapourInjectionCompressor::at_injection_pressure(eta, d, Pressure{p})
                             : VapourInjectionCompressor::geometric_mean(eta, d, r));
    }
    const double m = o.quantity("mass_flow", Dimension::mass_flow, "kg/s", positive_in("kg/s"), positive);
    return make(c, given ? VapourInjectionCompressor::at_injection_pressure(eta, MassFlow{m}, Pressure{p})
                         : VapourInjectionCompressor::geometric_mean(eta, MassFlow{m}, r));
}

/// "economizer": subcools the main liquid (hot_in -> hot_out) with the expanded injection
/// stream (cold_in -> cold_out); an effectiveness in (0, 1) and the injection superheat.
inline Built read_economizer(const Obj& o, const ReadContext& c) {
    const double eps = o.number("effectiveness", "a number in (0, 1)", [](double x) { return x > 0.0 && x < 1.0; });
    const double sh =
        o.quantity("injection_superheat", Dimension::temperature_difference, "K", nonnegative_in("K"), nonnegative);
    return make(c, Economizer{eps, TemperatureDifference{sh}});
}

} // namespace detail
} // namespace entropyk::io
