/* Cycles built through the C API, shared by the C tests (the same cases as tests/cycles). */
#ifndef ENTROPYK_TESTS_C_CYCLES_H
#define ENTROPYK_TESTS_C_CYCLES_H

#include <stddef.h>

#include <entropyk.h>

/* Component indices of every loop below. */
enum { COMP = 0, COND = 1, VALVE = 2, EVAP = 3 };

/* compressor -> condenser -> valve -> evaporator -> compressor, added, connected and finalized.
   Takes ownership of the four components; NULL on any failure. */
static inline EntropykSystem* loop_with(const char* fluid, EntropykBackend backend, EntropykComponent* parts[4]) {
    EntropykSystem* sys = NULL;
    uint32_t index = 0;
    int i, ok = 1;
    if (entropyk_system_create(fluid, backend, &sys) != ENTROPYK_OK) ok = 0;
    for (i = 0; i < 4; ++i) {
        if (ok && parts[i] != NULL && entropyk_system_add_component(sys, parts[i], &index) == ENTROPYK_OK &&
            index == (uint32_t)i)
            parts[i] = NULL; /* the system owns it now */
        else
            ok = 0;
    }
    for (i = 0; i < 4; ++i) entropyk_component_free(parts[i]); /* those not added */
    for (i = 0; ok && i < 4; ++i)
        ok = entropyk_system_add_edge(sys, (uint32_t)i, (uint32_t)((i + 1) % 4)) == ENTROPYK_OK;
    if (ok) ok = entropyk_system_finalize(sys) == ENTROPYK_OK;
    if (!ok) {
        entropyk_system_free(sys);
        return NULL;
    }
    return sys;
}

static inline EntropykSystem* loop_of(const char* fluid, EntropykComponent* parts[4]) {
    return loop_with(fluid, ENTROPYK_BACKEND_EOS, parts);
}

static inline EntropykComponent* isentropic_compressor(double efficiency, double mass_flow) {
    EntropykIsentropicCompressorConfig c = ENTROPYK_ISENTROPIC_COMPRESSOR_CONFIG_INIT;
    EntropykComponent* out = NULL;
    c.flow_law = ENTROPYK_FLOW_LAW_FIXED_MASS_FLOW;
    c.isentropic_efficiency = efficiency;
    c.mass_flow = mass_flow;
    entropyk_isentropic_compressor_create(&c, &out);
    return out;
}

/* A fixed-saturation exchanger given by pressure (T_or_p > 1000) or temperature. */
static inline EntropykComponent* fixed_saturation(int condenser, double T_or_p, double outlet_difference) {
    EntropykFixedSaturationConfig c = ENTROPYK_FIXED_SATURATION_CONFIG_INIT;
    EntropykComponent* out = NULL;
    if (T_or_p > 1000.0) {
        c.given = ENTROPYK_SATURATION_GIVEN_PRESSURE;
        c.saturation_pressure = T_or_p;
    } else {
        c.given = ENTROPYK_SATURATION_GIVEN_TEMPERATURE;
        c.saturation_temperature = T_or_p;
    }
    c.outlet_difference = outlet_difference;
    if (condenser)
        entropyk_fixed_saturation_condenser_create(&c, &out);
    else
        entropyk_fixed_saturation_evaporator_create(&c, &out);
    return out;
}

static inline EntropykComponent* valve(int32_t mode, double superheat, double C, double min_open, double max_open) {
    EntropykExpansionValveConfig c = ENTROPYK_EXPANSION_VALVE_CONFIG_INIT;
    EntropykComponent* out = NULL;
    c.mode = mode;
    c.superheat = superheat;
    c.flow_coefficient = C;
    c.min_opening = min_open;
    c.max_opening = max_open;
    entropyk_expansion_valve_create(&c, &out);
    return out;
}

/* Cengel & Boles Example 11-1: ideal R134a refrigerator between 0.14 and 0.8 MPa, 0.05 kg/s. */
static inline EntropykSystem* cengel_11_1(void) {
    EntropykComponent* parts[4];
    parts[COMP] = isentropic_compressor(1.0, 0.05);
    parts[COND] = fixed_saturation(1, 0.8e6, 0.0);
    parts[VALVE] = valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0);
    parts[EVAP] = fixed_saturation(0, 0.14e6, 0.0);
    return loop_of("R134a", parts);
}

/* R32: evaporating (dew) 5 C with 5 K superheat, efficiency 0.8, condensing (bubble) 45 C, 3 K subcooling. */
static inline EntropykSystem* r32_cycle(void) {
    EntropykComponent* parts[4];
    parts[COMP] = isentropic_compressor(0.8, 0.1);
    parts[COND] = fixed_saturation(1, 318.15, 3.0);
    parts[VALVE] = valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0);
    parts[EVAP] = fixed_saturation(0, 278.15, 5.0);
    return loop_of("R32", parts);
}

/* The ACHP 3-ton R410A compressor map (IP units, rated at 20 F superheat, 60 Hz). */
static inline EntropykComponent* achp_compressor(double speed) {
    static const double m[10] = {217.3163128, 5.094492028, -0.593170311, 4.38E-02, -2.14E-02,
                                 1.04E-02,    7.90E-05,    -5.73E-05,    1.79E-04, -8.08E-05};
    static const double w[10] = {-561.3615705, -15.62601841, 46.92506685, -0.217949552, 0.435062616,
                                 -0.442400826, 2.25E-04,     2.37E-03,    -3.32E-03,    2.50E-03};
    EntropykCompressorConfig c = ENTROPYK_COMPRESSOR_CONFIG_INIT;
    EntropykComponent* out = NULL;
    int i;
    c.units = ENTROPYK_MAP_UNITS_IP;
    for (i = 0; i < 10; ++i) {
        c.mass_flow_coefficients[i] = m[i];
        c.power_coefficients[i] = w[i];
    }
    c.rated_superheat = 20.0 / 1.8;
    c.rated_frequency = 60.0;
    c.speed = speed;
    entropyk_compressor_create(&c, &out);
    return out;
}

static inline EntropykComponent* air_exchanger(int condenser, double UA, double T_air, double m_air,
                                               double subcooling) {
    EntropykHeatExchangerConfig c = ENTROPYK_HEAT_EXCHANGER_CONFIG_INIT;
    EntropykComponent* out = NULL;
    c.model = ENTROPYK_HX_MOVING_BOUNDARY;
    c.secondary = ENTROPYK_SECONDARY_AIR;
    c.UA = UA;
    c.secondary_inlet_temperature = T_air;
    c.secondary_mass_flow = m_air;
    if (condenser) {
        c.subcooling_specified = 1;
        c.subcooling = subcooling;
        entropyk_condenser_create(&c, &out);
    } else {
        entropyk_evaporator_create(&c, &out);
    }
    return out;
}

/* The R410A air-to-air heat pump of tests/cycles: map compressor, moving-boundary coils with air
   (35 C, 1.4 kg/s and 27 C, 0.6 kg/s), 7 K subcooling, and the given valve. */
static inline EntropykSystem* heat_pump_on(EntropykBackend backend, EntropykComponent* the_valve, double speed) {
    EntropykComponent* parts[4];
    parts[COMP] = achp_compressor(speed);
    parts[COND] = air_exchanger(1, 2400.0, 308.15, 1.4, 7.0);
    parts[VALVE] = the_valve;
    parts[EVAP] = air_exchanger(0, 1300.0, 300.15, 0.6, 0.0);
    return loop_with("R410A", backend, parts);
}

static inline EntropykSystem* heat_pump_with(EntropykComponent* the_valve, double speed) {
    return heat_pump_on(ENTROPYK_BACKEND_EOS, the_valve, speed);
}

static inline EntropykSystem* heat_pump(double speed) {
    return heat_pump_with(valve(ENTROPYK_VALVE_FIXED_SUPERHEAT, 5.0, 0.0, 0.05, 1.0), speed);
}

#endif
