// capi helpers of the component module (codegen/api/component.api.yaml): the EntropykComponent
// handle and one create helper per component model. A component handle carries the model
// (type-erased) and its name until entropyk_system_add_component moves both into a system.
#pragma once

#include <cmath>
#include <cstring>
#include <memory>
#include <string>

#include <entropyk.h>

#include "entropyk/capi/buffers.hpp"
#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/handle.hpp"
#include "entropyk/capi/invoke.hpp"
#include "entropyk/components.hpp"
#include "entropyk/cycles/any_component.hpp"

namespace entropyk::capi {

/// What a component handle owns: the model and its name.
struct ComponentData {
    std::string name;
    AnyComponent model;
};

} // namespace entropyk::capi

/// The object behind an EntropykComponent*.
struct EntropykComponent {
    static constexpr entropyk::capi::HandleKind kind = entropyk::capi::HandleKind::component;
    static constexpr const char* c_name = "EntropykComponent";

    entropyk::capi::HandleHeader header;
    mutable entropyk::capi::ErrorSlot last_error;
    entropyk::capi::Owned<entropyk::capi::ComponentData> data;
};

namespace entropyk::capi {

static_assert(Handle<EntropykComponent> && handle_layout_ok<EntropykComponent>());

// The C enums are the C++ ones, value for value.
static_assert(ENTROPYK_MAP_UNITS_IP == static_cast<int>(MapUnits::ip));
static_assert(ENTROPYK_MAP_UNITS_SI_KG_PER_S == static_cast<int>(MapUnits::si_kg_per_s));
static_assert(ENTROPYK_MAP_UNITS_SI_KG_PER_H == static_cast<int>(MapUnits::si_kg_per_h));
static_assert(ENTROPYK_HX_EPSILON_NTU == static_cast<int>(HxModel::epsilon_ntu));
static_assert(ENTROPYK_HX_MOVING_BOUNDARY == static_cast<int>(HxModel::moving_boundary));
static_assert(ENTROPYK_ARRANGEMENT_COUNTER_FLOW == static_cast<int>(FlowArrangement::counter_flow));
static_assert(ENTROPYK_ARRANGEMENT_CROSS_FLOW == static_cast<int>(FlowArrangement::cross_flow));

/// An int32 enum value given by a C caller, checked against [0, last].
inline void require_enum(std::int32_t value, std::int32_t last, const char* name) {
    if (value < 0 || value > last) raise(Errc::invalid_argument, "'%s' = %d is not a valid value", name, value);
}

/// Every double of a config struct (fields after struct_size) must be finite.
template <class S>
void require_finite_fields(const S& s, std::initializer_list<std::pair<const char*, double>> fields) {
    for (const auto& [name, v] : fields) require_finite(v, name);
    (void)s;
}

/// Wraps a validated model into a new handle named `name`.
template <NetworkComponent C>
Result<void> make_component(C model, const char* name, EntropykComponent** out) {
    if (auto v = model.validate(); !v) return v;
    auto data = std::make_unique<ComponentData>(ComponentData{name, AnyComponent(std::move(model))});
    *out = make_handle<EntropykComponent>(std::move(data));
    return {};
}

/// entropyk_compressor_create
/// The map compressor of a compressor config (checked field by field; raises on a bad one).
inline MapCompressor map_compressor_of(const EntropykCompressorConfig* config) {
    require_struct_size(config, "config");
    const EntropykCompressorConfig c =
        read_versioned(config, EntropykCompressorConfig ENTROPYK_COMPRESSOR_CONFIG_INIT, "config");
    require_enum(c.units, ENTROPYK_MAP_UNITS_SI_KG_PER_H, "config->units");
    std::array<double, 10> m{}, w{};
    for (int i = 0; i < 10; ++i) {
        require_finite(c.mass_flow_coefficients[i], "config->mass_flow_coefficients[i]");
        require_finite(c.power_coefficients[i], "config->power_coefficients[i]");
        m[static_cast<std::size_t>(i)] = c.mass_flow_coefficients[i];
        w[static_cast<std::size_t>(i)] = c.power_coefficients[i];
    }
    require_finite_fields(c, {{"config->rated_superheat", c.rated_superheat},
                              {"config->rated_frequency", c.rated_frequency},
                              {"config->speed", c.speed},
                              {"config->superheat_correction_factor", c.superheat_correction_factor},
                              {"config->heat_loss_fraction", c.heat_loss_fraction}});
    const CompressorMap map(m, w, static_cast<MapUnits>(c.units), TemperatureDifference{c.rated_superheat},
                            Frequency{c.rated_frequency});
    MapCompressorOptions opt;
    opt.superheat_correction_factor = c.superheat_correction_factor;
    opt.heat_loss_fraction = c.heat_loss_fraction;
    return MapCompressor(map, Frequency{c.speed}, opt);
}

/// entropyk_compressor_create
inline Result<void> compressor_create(const EntropykCompressorConfig* config, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    return make_component(map_compressor_of(config), "compressor", out);
}

/// entropyk_isentropic_compressor_create
inline Result<void> isentropic_compressor_create(const EntropykIsentropicCompressorConfig* config,
                                                 EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_struct_size(config, "config");
    const auto c =
        read_versioned(config, EntropykIsentropicCompressorConfig ENTROPYK_ISENTROPIC_COMPRESSOR_CONFIG_INIT, "config");
    require_enum(c.flow_law, ENTROPYK_FLOW_LAW_DISPLACEMENT, "config->flow_law");
    require_finite_fields(c, {{"config->isentropic_efficiency", c.isentropic_efficiency},
                              {"config->mass_flow", c.mass_flow},
                              {"config->displacement", c.displacement},
                              {"config->speed", c.speed},
                              {"config->volumetric_efficiency", c.volumetric_efficiency}});
    switch (c.flow_law) {
    case ENTROPYK_FLOW_LAW_FIXED_MASS_FLOW:
        return make_component(IsentropicCompressor(c.isentropic_efficiency, MassFlow{c.mass_flow}), "compressor", out);
    case ENTROPYK_FLOW_LAW_DISPLACEMENT:
        return make_component(IsentropicCompressor(c.isentropic_efficiency, Volume{c.displacement}, Frequency{c.speed},
                                                   c.volumetric_efficiency),
                              "compressor", out);
    default: return make_component(IsentropicCompressor(c.isentropic_efficiency), "compressor", out);
    }
}

/// The secondary fluid of a heat-exchanger config.
inline SecondaryFluid secondary_of(const EntropykHeatExchangerConfig& c) {
    switch (c.secondary) {
    case ENTROPYK_SECONDARY_WATER:
        return SecondaryFluid::water(Temperature{c.secondary_inlet_temperature}, MassFlow{c.secondary_mass_flow},
                                     Pressure{c.water_pressure});
    case ENTROPYK_SECONDARY_BRINE:
        return SecondaryFluid::brine(Temperature{c.secondary_inlet_temperature}, MassFlow{c.secondary_mass_flow},
                                     SpecificHeat{c.brine_cp}, Density{c.brine_density});
    default: return SecondaryFluid::air(Temperature{c.secondary_inlet_temperature}, MassFlow{c.secondary_mass_flow});
    }
}

/// A heat-exchanger config read, checked and turned into the C++ arguments.
struct HeatExchangerArgs {
    EntropykHeatExchangerConfig c;
    HxModel model;
    FlowArrangement arrangement;
    PressureDrop dp;
};

inline HeatExchangerArgs heat_exchanger_args(const EntropykHeatExchangerConfig* config) {
    require_struct_size(config, "config");
    HeatExchangerArgs a{
        read_versioned(config, EntropykHeatExchangerConfig ENTROPYK_HEAT_EXCHANGER_CONFIG_INIT, "config"), {}, {}, {}};
    const auto& c = a.c;
    require_enum(c.model, ENTROPYK_HX_MOVING_BOUNDARY, "config->model");
    require_enum(c.secondary, ENTROPYK_SECONDARY_BRINE, "config->secondary");
    require_enum(c.arrangement, ENTROPYK_ARRANGEMENT_CROSS_FLOW, "config->arrangement");
    require_enum(c.pressure_drop_kind, ENTROPYK_PRESSURE_DROP_QUADRATIC, "config->pressure_drop_kind");
    require_finite_fields(c, {{"config->UA", c.UA},
                              {"config->secondary_inlet_temperature", c.secondary_inlet_temperature},
                              {"config->secondary_mass_flow", c.secondary_mass_flow},
                              {"config->brine_cp", c.brine_cp},
                              {"config->brine_density", c.brine_density},
                              {"config->water_pressure", c.water_pressure},
                              {"config->subcooling", c.subcooling},
                              {"config->pressure_drop", c.pressure_drop},
                              {"config->pressure_drop_mass_flow", c.pressure_drop_mass_flow}});
    a.model = static_cast<HxModel>(c.model);
    a.arrangement = static_cast<FlowArrangement>(c.arrangement);
    if (c.pressure_drop_kind == ENTROPYK_PRESSURE_DROP_FIXED) a.dp = PressureDrop::fixed(Pressure{c.pressure_drop});
    if (c.pressure_drop_kind == ENTROPYK_PRESSURE_DROP_QUADRATIC)
        a.dp = PressureDrop::quadratic(Pressure{c.pressure_drop}, MassFlow{c.pressure_drop_mass_flow});
    return a;
}

/// entropyk_condenser_create
inline Result<void> condenser_create(const EntropykHeatExchangerConfig* config, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    const HeatExchangerArgs a = heat_exchanger_args(config);
    Condenser cond(a.model, ThermalConductance{a.c.UA}, secondary_of(a.c), a.arrangement, a.dp);
    if (a.c.subcooling_specified != 0) cond = cond.with_subcooling(TemperatureDifference{a.c.subcooling});
    return make_component(cond, "condenser", out);
}

/// entropyk_evaporator_create
inline Result<void> evaporator_create(const EntropykHeatExchangerConfig* config, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    const HeatExchangerArgs a = heat_exchanger_args(config);
    return make_component(Evaporator(a.model, ThermalConductance{a.c.UA}, secondary_of(a.c), a.arrangement, a.dp),
                          "evaporator", out);
}

/// entropyk_fixed_saturation_condenser_create / _evaporator_create
template <class Exchanger>
Result<void> fixed_saturation_create(const EntropykFixedSaturationConfig* config, const char* name,
                                     SaturationPoint default_point, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_struct_size(config, "config");
    const auto c =
        read_versioned(config, EntropykFixedSaturationConfig ENTROPYK_FIXED_SATURATION_CONFIG_INIT, "config");
    require_enum(c.given, ENTROPYK_SATURATION_GIVEN_PRESSURE, "config->given");
    require_enum(c.point, ENTROPYK_SATURATION_POINT_MID, "config->point");
    require_finite_fields(c, {{"config->saturation_temperature", c.saturation_temperature},
                              {"config->saturation_pressure", c.saturation_pressure},
                              {"config->outlet_difference", c.outlet_difference}});
    const TemperatureDifference dT{c.outlet_difference};
    if (c.given == ENTROPYK_SATURATION_GIVEN_PRESSURE)
        return make_component(Exchanger(Pressure{c.saturation_pressure}, dT), name, out);
    const SaturationPoint point = c.point == ENTROPYK_SATURATION_POINT_DEFAULT  ? default_point
                                  : c.point == ENTROPYK_SATURATION_POINT_BUBBLE ? SaturationPoint::bubble
                                  : c.point == ENTROPYK_SATURATION_POINT_DEW    ? SaturationPoint::dew
                                                                                : SaturationPoint::mid;
    return make_component(Exchanger(Temperature{c.saturation_temperature}, dT, point), name, out);
}

inline Result<void> fixed_saturation_condenser_create(const EntropykFixedSaturationConfig* config,
                                                      EntropykComponent** out) {
    return fixed_saturation_create<FixedSaturationCondenser>(config, "condenser", SaturationPoint::bubble, out);
}

inline Result<void> fixed_saturation_evaporator_create(const EntropykFixedSaturationConfig* config,
                                                       EntropykComponent** out) {
    return fixed_saturation_create<FixedSaturationEvaporator>(config, "evaporator", SaturationPoint::dew, out);
}

/// entropyk_expansion_valve_create
inline Result<void> expansion_valve_create(const EntropykExpansionValveConfig* config, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_struct_size(config, "config");
    const auto c = read_versioned(config, EntropykExpansionValveConfig ENTROPYK_EXPANSION_VALVE_CONFIG_INIT, "config");
    require_enum(c.mode, ENTROPYK_VALVE_SUPERHEAT_CONTROL, "config->mode");
    require_finite_fields(c, {{"config->superheat", c.superheat},
                              {"config->flow_coefficient", c.flow_coefficient},
                              {"config->opening", c.opening},
                              {"config->min_opening", c.min_opening},
                              {"config->max_opening", c.max_opening}});
    switch (c.mode) {
    case ENTROPYK_VALVE_FIXED_SUPERHEAT:
        return make_component(ExpansionValve::fixed_superheat(TemperatureDifference{c.superheat}), "valve", out);
    case ENTROPYK_VALVE_ORIFICE:
        return make_component(ExpansionValve::orifice(c.flow_coefficient, c.opening), "valve", out);
    case ENTROPYK_VALVE_SUPERHEAT_CONTROL:
        return make_component(ExpansionValve::superheat_control(c.flow_coefficient, TemperatureDifference{c.superheat},
                                                                c.min_opening, c.max_opening),
                              "valve", out);
    default: return make_component(IsenthalpicValve{}, "valve", out);
    }
}

/// entropyk_receiver_create
inline Result<void> receiver_create(EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    return make_component(Receiver{}, "receiver", out);
}

static_assert(ENTROPYK_GAS_COOLER_OUTLET_TEMPERATURE == static_cast<int>(GasCoolerSpec::outlet_temperature));
static_assert(ENTROPYK_GAS_COOLER_APPROACH == static_cast<int>(GasCoolerSpec::approach));
static_assert(ENTROPYK_GAS_COOLER_UA == static_cast<int>(GasCoolerSpec::ua));

/// entropyk_gas_cooler_create
inline Result<void> gas_cooler_create(const EntropykGasCoolerConfig* config, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_struct_size(config, "config");
    const auto c = read_versioned(config, EntropykGasCoolerConfig ENTROPYK_GAS_COOLER_CONFIG_INIT, "config");
    require_enum(c.spec, ENTROPYK_GAS_COOLER_UA, "config->spec");
    require_enum(c.secondary, ENTROPYK_SECONDARY_BRINE, "config->secondary");
    require_enum(c.pressure_drop_kind, ENTROPYK_PRESSURE_DROP_QUADRATIC, "config->pressure_drop_kind");
    require_finite_fields(c, {{"config->outlet_temperature", c.outlet_temperature},
                              {"config->approach", c.approach},
                              {"config->UA", c.UA},
                              {"config->secondary_inlet_temperature", c.secondary_inlet_temperature},
                              {"config->secondary_mass_flow", c.secondary_mass_flow},
                              {"config->brine_cp", c.brine_cp},
                              {"config->brine_density", c.brine_density},
                              {"config->water_pressure", c.water_pressure},
                              {"config->pressure_drop", c.pressure_drop},
                              {"config->pressure_drop_mass_flow", c.pressure_drop_mass_flow}});
    PressureDrop dp;
    if (c.pressure_drop_kind == ENTROPYK_PRESSURE_DROP_FIXED) dp = PressureDrop::fixed(Pressure{c.pressure_drop});
    if (c.pressure_drop_kind == ENTROPYK_PRESSURE_DROP_QUADRATIC)
        dp = PressureDrop::quadratic(Pressure{c.pressure_drop}, MassFlow{c.pressure_drop_mass_flow});
    if (c.spec == ENTROPYK_GAS_COOLER_OUTLET_TEMPERATURE)
        return make_component(GasCooler::outlet_temperature(Temperature{c.outlet_temperature}, dp), "gas cooler", out);
    const Temperature Tin{c.secondary_inlet_temperature};
    const MassFlow m{c.secondary_mass_flow};
    const SecondaryFluid sec = c.secondary == ENTROPYK_SECONDARY_WATER
                                   ? SecondaryFluid::water(Tin, m, Pressure{c.water_pressure})
                               : c.secondary == ENTROPYK_SECONDARY_BRINE
                                   ? SecondaryFluid::brine(Tin, m, SpecificHeat{c.brine_cp}, Density{c.brine_density})
                                   : SecondaryFluid::air(Tin, m);
    if (c.spec == ENTROPYK_GAS_COOLER_APPROACH)
        return make_component(GasCooler::approach(TemperatureDifference{c.approach}, sec, dp), "gas cooler", out);
    return make_component(GasCooler::ua(ThermalConductance{c.UA}, sec, dp), "gas cooler", out);
}

/// entropyk_high_pressure_valve_create: pressure 0 = COP-optimal.
inline Result<void> high_pressure_valve_create(double pressure, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_finite(pressure, "pressure");
    if (pressure == 0.0) return make_component(HighPressureValve::cop_optimal(), "hp valve", out);
    return make_component(HighPressureValve{Pressure{pressure}}, "hp valve", out);
}

/// entropyk_flash_tank_create
inline Result<void> flash_tank_create(double pressure, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_finite(pressure, "pressure");
    return make_component(FlashTank{Pressure{pressure}}, "flash tank", out);
}

static_assert(ENTROPYK_FLASH_TANK_FIXED_PRESSURE == static_cast<int>(FlashTank::Mode::given));
static_assert(ENTROPYK_FLASH_TANK_FLOATING == static_cast<int>(FlashTank::Mode::floating));
static_assert(ENTROPYK_FLASH_TANK_GEOMETRIC_MEAN == static_cast<int>(FlashTank::Mode::geometric_mean));

/// entropyk_flash_tank_create_mode: the pressure (fixed mode) or the factor (geometric mean, 0 = 1);
/// a number the mode does not use must be 0.
inline Result<void> flash_tank_create_mode(std::int32_t mode, double pressure, double factor, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_enum(mode, ENTROPYK_FLASH_TANK_GEOMETRIC_MEAN, "mode");
    require_finite(pressure, "pressure");
    require_finite(factor, "factor");
    if (mode != ENTROPYK_FLASH_TANK_FIXED_PRESSURE && pressure != 0.0)
        raise(Errc::invalid_argument, "'pressure' = %g: only a fixed-pressure flash tank takes one (give 0)", pressure);
    if (mode != ENTROPYK_FLASH_TANK_GEOMETRIC_MEAN && factor != 0.0)
        raise(Errc::invalid_argument, "'factor' = %g: only a geometric-mean flash tank takes one (give 0)", factor);
    if (mode == ENTROPYK_FLASH_TANK_FIXED_PRESSURE)
        return make_component(FlashTank{Pressure{pressure}}, "flash tank", out);
    if (mode == ENTROPYK_FLASH_TANK_FLOATING) return make_component(FlashTank::floating(), "flash tank", out);
    return make_component(FlashTank::geometric_mean(factor == 0.0 ? 1.0 : factor), "flash tank", out);
}

/// entropyk_mixer_create
inline Result<void> mixer_create(EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    return make_component(Mixer{}, "mixer", out);
}

/// entropyk_splitter_create: fraction 0 = a free split.
inline Result<void> splitter_create(double fraction, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_finite(fraction, "fraction");
    if (fraction == 0.0) return make_component(Splitter{}, "splitter", out);
    return make_component(Splitter::fixed(fraction), "splitter", out);
}

/// entropyk_internal_heat_exchanger_create
inline Result<void> internal_heat_exchanger_create(double effectiveness, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_finite(effectiveness, "effectiveness");
    return make_component(InternalHeatExchanger{effectiveness}, "ihx", out);
}

/// entropyk_internal_heat_exchanger_create_ua
inline Result<void> internal_heat_exchanger_create_ua(double ua, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_finite(ua, "ua");
    return make_component(InternalHeatExchanger::ua(ThermalConductance{ua}), "ihx", out);
}

/// entropyk_pressure_regulator_create
inline Result<void> pressure_regulator_create(EntropykSaturationGiven given, double value, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_enum(given, ENTROPYK_SATURATION_GIVEN_PRESSURE, "given");
    require_finite(value, "value");
    // EvaporatorPressureRegulator stores an unset form as 0: a 0 set value would read as the other form.
    if (!(value > 0.0))
        raise(Errc::invalid_argument, "'value' = %g %s: expected a positive number", value,
              given == ENTROPYK_SATURATION_GIVEN_PRESSURE ? "Pa" : "K");
    if (given == ENTROPYK_SATURATION_GIVEN_PRESSURE)
        return make_component(EvaporatorPressureRegulator::at_pressure(Pressure{value}), "epr", out);
    return make_component(EvaporatorPressureRegulator::at_temperature(Temperature{value}), "epr", out);
}

static_assert(ENTROPYK_INJECTION_GEOMETRIC_MEAN == 0 && ENTROPYK_INJECTION_GIVEN_PRESSURE == 1);

/// The injection settings of a vapour-injection compressor config, checked (raises on a bad one);
/// `make(given_pressure, factor)` builds the compressor with them (given_pressure 0 = geometric mean).
template <class Make>
inline Result<void> vapour_injection_with(const EntropykVapourInjectionCompressorConfig* config, Make&& make,
                                          EntropykComponent** out) {
    require_struct_size(config, "config");
    const auto c = read_versioned(
        config, EntropykVapourInjectionCompressorConfig ENTROPYK_VAPOUR_INJECTION_COMPRESSOR_CONFIG_INIT, "config");
    require_enum(c.injection, ENTROPYK_INJECTION_GIVEN_PRESSURE, "config->injection");
    require_finite_fields(c, {{"config->isentropic_efficiency", c.isentropic_efficiency},
                              {"config->suction_mass_flow", c.suction_mass_flow},
                              {"config->injection_pressure_factor", c.injection_pressure_factor},
                              {"config->injection_pressure", c.injection_pressure}});
    if (c.injection == ENTROPYK_INJECTION_GIVEN_PRESSURE) {
        // 0 is the model's "not given": refuse it here rather than silently take the geometric mean.
        if (!(c.injection_pressure > 0.0))
            raise(Errc::invalid_argument, "'config->injection_pressure' = %g Pa: expected a positive number",
                  c.injection_pressure);
        return make_component(make(c, c.injection_pressure, 1.0), "compressor", out);
    }
    return make_component(make(c, 0.0, c.injection_pressure_factor), "compressor", out);
}

/// entropyk_vapour_injection_compressor_create
inline Result<void> vapour_injection_compressor_create(const EntropykVapourInjectionCompressorConfig* config,
                                                       EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    return vapour_injection_with(
        config,
        [](const EntropykVapourInjectionCompressorConfig& c, double p, double r) {
            return p > 0.0 ? VapourInjectionCompressor::at_injection_pressure(
                                 c.isentropic_efficiency, MassFlow{c.suction_mass_flow}, Pressure{p})
                           : VapourInjectionCompressor::geometric_mean(c.isentropic_efficiency,
                                                                       MassFlow{c.suction_mass_flow}, r);
        },
        out);
}

/// entropyk_vapour_injection_compressor_create_displacement
inline Result<void>
vapour_injection_compressor_create_displacement(const EntropykVapourInjectionCompressorConfig* config,
                                                double displacement, double speed, double volumetric_efficiency,
                                                EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_finite(displacement, "displacement");
    require_finite(speed, "speed");
    require_finite(volumetric_efficiency, "volumetric_efficiency");
    const VapourInjectionCompressor::Displacement d{Volume{displacement}, Frequency{speed}, volumetric_efficiency};
    return vapour_injection_with(
        config,
        [&d](const EntropykVapourInjectionCompressorConfig& c, double p, double r) {
            return p > 0.0 ? VapourInjectionCompressor::at_injection_pressure(c.isentropic_efficiency, d, Pressure{p})
                           : VapourInjectionCompressor::geometric_mean(c.isentropic_efficiency, d, r);
        },
        out);
}

/// entropyk_vapour_injection_compressor_create_map
inline Result<void> vapour_injection_compressor_create_map(const EntropykVapourInjectionCompressorConfig* config,
                                                           const EntropykCompressorConfig* map,
                                                           EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_not_null(map, "map");
    const MapCompressor m = map_compressor_of(map);
    return vapour_injection_with(
        config,
        [&m](const EntropykVapourInjectionCompressorConfig&, double p, double r) {
            return p > 0.0 ? VapourInjectionCompressor::from_map_at_injection_pressure(m, Pressure{p})
                           : VapourInjectionCompressor::from_map(m, r);
        },
        out);
}

/// entropyk_economizer_create
inline Result<void> economizer_create(double effectiveness, double injection_superheat, EntropykComponent** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_finite(effectiveness, "effectiveness");
    require_finite(injection_superheat, "injection_superheat");
    return make_component(Economizer{effectiveness, TemperatureDifference{injection_superheat}}, "economizer", out);
}

/// entropyk_component_set_name
inline Result<void> component_set_name(EntropykComponent& self, const char* name) {
    require_not_null(name, "name");
    const std::size_t n = std::strlen(name);
    if (n == 0 || n > 63) raise(Errc::invalid_argument, "the name must have 1 to 63 bytes, not %zu", n);
    self.data->name.assign(name, n);
    return {};
}

} // namespace entropyk::capi
