/* Several loops and the network components through the C API.

   Case (b): Cengel & Boles Example 11-4, the R134a cascade (upper loop 0.8 / 0.32 MPa with
   0.05 kg/s, lower loop 0.32 / 0.14 MPa, isentropic compressors, saturated liquid and vapour at
   every exchanger outlet, both sides of the cascade exchanger at 0.32 MPa). Reference figures
   recomputed with CoolProp 8.0 (reference EOS; the same figures as tests/cycles/multiloop.test.cpp
   and docs/components.md): lower-loop flow 0.0389572723 kg/s, Q_L 7167.516 W, COP 4.47287894.

   The vapour-injection R32 heat pump of tests/cycles/vapour_injection.test.cpp (-15 / 45 C, 5 K
   superheat and subcooling, eta 0.7, 0.05 kg/s suction): its compressor's two-step model and its
   economizer are recomputed here from the solved states with the C fluid API, and its heating COP
   must beat the single-stage cycle at the same conditions.

   Case (d), the R1234yf cycle with a suction-line exchanger: COP 3.32165222.

   Two example plants built by hand with the C constructors (the CO2 booster rack and the two-stage
   NH3 plant of examples/cycles) must solve to the cycle file's figures (1e-9), with every
   component's mass and energy balance closed; the R744/R717 cascade example is drawn loop by loop
   (entropyk_result_write_svg_loop), each loop on its own refrigerant. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cycles.h"

static uint32_t add(EntropykSystem* sys, EntropykComponent* c, const char* name) {
    uint32_t idx = 0xFFFFFFFFu;
    CHECK(c != NULL);
    CHECK_OK(entropyk_component_set_name(c, name));
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
    return idx;
}

static EntropykComponent* design_compressor(double mass_flow) {
    EntropykIsentropicCompressorConfig c = ENTROPYK_ISENTROPIC_COMPRESSOR_CONFIG_INIT;
    EntropykComponent* out = NULL;
    c.flow_law = mass_flow > 0.0 ? ENTROPYK_FLOW_LAW_FIXED_MASS_FLOW : ENTROPYK_FLOW_LAW_NONE;
    c.isentropic_efficiency = 1.0;
    c.mass_flow = mass_flow;
    CHECK_OK(entropyk_isentropic_compressor_create(&c, &out));
    return out;
}

enum { COMP_A = 0, COND_A = 1, VALVE_A = 2, CASC_COND = 3, CASC_EVAP = 4, COMP_B = 5, VALVE_B = 6, EVAP_B = 7 };

/* The cascade of case (b) on a system created for `system_fluid`, not finalized; the lower loop's
   refrigerant set at comp_b when `lower` is not NULL (the upper's at comp_a when `upper` is not). */
static EntropykSystem* cascade_on(const char* system_fluid, const char* upper, const char* lower) {
    EntropykSystem* sys = NULL;
    EntropykCascadeConfig hx = ENTROPYK_CASCADE_CONFIG_INIT;
    uint32_t hot = 0, cold = 0;
    CHECK_OK(entropyk_system_create(system_fluid, ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return NULL;
    CHECK(add(sys, design_compressor(0.05), "comp_a") == COMP_A);
    CHECK(add(sys, fixed_saturation(1, 0.8e6, 0.0), "cond_a") == COND_A);
    CHECK(add(sys, valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0), "valve_a") == VALVE_A);
    hx.given = ENTROPYK_SATURATION_GIVEN_PRESSURE;
    hx.evaporating_pressure = 0.32e6;
    hx.approach = 0.0;
    CHECK_OK(entropyk_system_add_cascade(sys, "cascade_cond", "cascade_evap", &hx, &hot, &cold));
    CHECK(hot == CASC_COND && cold == CASC_EVAP);
    CHECK(add(sys, design_compressor(0.0), "comp_b") == COMP_B);
    CHECK(add(sys, valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0), "valve_b") == VALVE_B);
    CHECK(add(sys, fixed_saturation(0, 0.14e6, 0.0), "evap_b") == EVAP_B);
    if (lower != NULL) CHECK_OK(entropyk_system_set_refrigerant(sys, "comp_b.discharge", lower, ENTROPYK_BACKEND_EOS));
    if (upper != NULL) CHECK_OK(entropyk_system_set_refrigerant(sys, "comp_a", upper, ENTROPYK_BACKEND_EOS));
    CHECK_OK(entropyk_system_connect_ports(sys, "comp_a.discharge", "cond_a"));
    CHECK_OK(entropyk_system_connect_ports(sys, "cond_a", "valve_a"));
    CHECK_OK(entropyk_system_connect_ports(sys, "valve_a", "cascade_evap"));
    CHECK_OK(entropyk_system_connect_ports(sys, "cascade_evap", "comp_a.suction"));
    CHECK_OK(entropyk_system_connect_ports(sys, "comp_b.discharge", "cascade_cond"));
    CHECK_OK(entropyk_system_connect_ports(sys, "cascade_cond", "valve_b"));
    CHECK_OK(entropyk_system_connect_ports(sys, "valve_b", "evap_b"));
    CHECK_OK(entropyk_system_connect_ports(sys, "evap_b", "comp_b.suction"));
    return sys;
}

static EntropykSystem* cascade(const char* lower) { return cascade_on("R134a", NULL, lower); }

/* The connection leaving outlet `port` of component `from` (its index), or -1. */
static int leaving(const EntropykSystem* sys, uint32_t from, uint32_t port) {
    uint32_t n = 0, i;
    CHECK_OK(entropyk_system_get_connection_count(sys, &n));
    for (i = 0; i < n; ++i) {
        EntropykConnectionInfo info = ENTROPYK_CONNECTION_INFO_INIT;
        CHECK_OK(entropyk_system_get_connection(sys, i, &info));
        if (info.from == from && info.from_port == port) return (int)i;
    }
    return -1;
}

static EntropykConnectionResult state_leaving(const EntropykSystem* sys, const EntropykSolverResult* r, uint32_t from,
                                              uint32_t port) {
    EntropykConnectionResult c = ENTROPYK_CONNECTION_RESULT_INIT;
    const int i = leaving(sys, from, port);
    CHECK(i >= 0);
    if (i >= 0) CHECK_OK(entropyk_result_get_connection(r, (uint32_t)i, &c));
    return c;
}

static void test_cascade_case_b(void) {
    EntropykSystem* sys = cascade("R134a");
    EntropykSolverResult* r = NULL;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykConnectionInfo info = ENTROPYK_CONNECTION_INFO_INIT;
    EntropykConnectionResult lower, upper;
    uint32_t n = 0, loop = 9;
    char name[64];
    size_t len = 0;
    if (sys == NULL) return;
    /* The topology is known only once finalized. */
    CHECK_CODE(entropyk_system_get_loop_count(sys, &n), ENTROPYK_INVALID_STATE);
    CHECK_OK(entropyk_system_finalize(sys));
    CHECK_OK(entropyk_system_get_loop_count(sys, &n));
    CHECK(n == 2);
    CHECK_OK(entropyk_system_get_loop_of(sys, COMP_A, &loop));
    CHECK(loop == 0);
    CHECK_OK(entropyk_system_get_loop_of(sys, CASC_EVAP, &loop));
    CHECK(loop == 0);
    CHECK_OK(entropyk_system_get_loop_of(sys, CASC_COND, &loop));
    CHECK(loop == 1);
    CHECK_OK(entropyk_system_get_loop_of(sys, EVAP_B, &loop));
    CHECK(loop == 1);
    CHECK_OK(entropyk_system_get_loop_refrigerant(sys, 1, name, sizeof name, &len));
    CHECK(strcmp(name, "R134a") == 0 && len == 5);
    CHECK_OK(entropyk_system_get_connection_count(sys, &n));
    CHECK(n == 8);
    /* Connection 4 is the fifth connected: comp_b.discharge -> cascade_cond.inlet, lower loop. */
    CHECK_OK(entropyk_system_get_connection(sys, 4, &info));
    CHECK(info.from == COMP_B && info.from_port == 0 && info.to == CASC_COND && info.to_port == 0 && info.loop == 1);
    CHECK_OK(entropyk_system_get_connection(sys, 0, &info));
    CHECK(info.from == COMP_A && info.to == COND_A && info.loop == 0);
    CHECK_OK(entropyk_system_get_component_name(sys, CASC_EVAP, name, sizeof name, &len));
    CHECK(strcmp(name, "cascade_evap") == 0);

    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK(s.status == ENTROPYK_OK);
    CHECK_REL(s.cooling_capacity, 7167.51626172, 1e-6);
    CHECK_REL(s.compressor_power, 1602.43913422, 1e-6);
    CHECK_REL(s.COP_cooling, 4.47287894351, 1e-6);
    CHECK(fabs(s.energy_balance) <= 1e-9);
    CHECK(fabs(s.mass_balance) <= 1e-9);
    lower = state_leaving(sys, r, COMP_B, 0);
    upper = state_leaving(sys, r, COMP_A, 0);
    CHECK_REL(lower.m, 0.0389572723226, 1e-6);
    CHECK_REL(upper.m, 0.05, 1e-12);
    CHECK_REL(lower.p, 0.32e6, 1e-9); /* no approach: the lower loop condenses at the upper's level */
    CHECK_REL(upper.T, 307.842742438, 1e-6);
    /* The published answers (Cengel & Boles print 0.0390 kg/s, 7.18 kW, COP 4.46) within 0.5 %. */
    CHECK(fabs(lower.m - 0.0390) <= 0.00005);
    CHECK(fabs(s.cooling_capacity / 7180.0 - 1.0) <= 5e-3);
    CHECK(fabs(s.COP_cooling / 4.46 - 1.0) <= 5e-3);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

/* Both loops given R134a on a system created for R32: the diagrams (entropyk_result_write_svg
   too, which draws loop 0) are on the loops' refrigerant, not the system's, with case (b)'s COP. */
static void test_loop_refrigerant_not_the_systems(void) {
    EntropykSystem* sys = cascade_on("R32", "R134a", "R134a");
    EntropykSolverResult* r = NULL;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    char name[16];
    size_t len = 0;
    if (sys == NULL) return;
    CHECK_OK(entropyk_system_finalize(sys));
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK_REL(s.COP_cooling, 4.47287894351, 1e-6);
    CHECK_OK(entropyk_result_get_loop_refrigerant(r, 0, name, sizeof name, &len));
    CHECK(strcmp(name, "R134a") == 0);
    {
        size_t n = 0;
        char* svg = NULL;
        CHECK_OK(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, NULL, 0, &n));
        svg = (char*)malloc(n + 1);
        if (svg != NULL) {
            CHECK_OK(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, svg, n + 1, &n));
            CHECK(strstr(svg, "<title>R134a cycle \xe2\x80\x94 log p-h diagram</title>") != NULL);
            CHECK(strstr(svg, "R32") == NULL);
            free(svg);
        }
    }
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

/* Two refrigerants: the lower loop on R32 (not solved; the loops and their fluids are reported). */
static void test_two_refrigerants(void) {
    EntropykSystem* sys = cascade("r32");
    char name[128];
    size_t len = 0;
    if (sys == NULL) return;
    CHECK_OK(entropyk_system_finalize(sys));
    CHECK_OK(entropyk_system_get_loop_refrigerant(sys, 0, name, sizeof name, &len));
    CHECK(strcmp(name, "R134a") == 0);
    CHECK_OK(entropyk_system_get_loop_refrigerant(sys, 1, name, sizeof name, &len));
    CHECK(strcmp(name, "R32") == 0);
    CHECK_CODE(entropyk_system_get_loop_refrigerant(sys, 1, name, 3, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(len == 3);
    CHECK_CODE(entropyk_system_get_loop_refrigerant(sys, 2, name, sizeof name, &len), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, name, sizeof name, &len));
    CHECK(strcmp(name, "entropyk_system_get_loop_refrigerant: loop 2: the system has 2 loops") == 0);
    /* A result records each loop's refrigerant when it is made, before any solve. */
    {
        EntropykSolverResult* r = NULL;
        uint32_t n = 0;
        CHECK_OK(entropyk_result_create(sys, &r));
        CHECK_OK(entropyk_result_get_loop_count(r, &n));
        CHECK(n == 2);
        CHECK_OK(entropyk_result_get_loop_refrigerant(r, 0, name, sizeof name, &len));
        CHECK(strcmp(name, "R134a") == 0 && len == 5);
        CHECK_OK(entropyk_result_get_loop_refrigerant(r, 1, name, sizeof name, &len));
        CHECK(strcmp(name, "R32") == 0 && len == 3);
        /* ... but a diagram needs a solve. */
        len = 99;
        strcpy(name, "untouched");
        CHECK_CODE(entropyk_result_write_svg_loop(r, 1, ENTROPYK_DIAGRAM_PH, name, sizeof name, &len),
                   ENTROPYK_INVALID_STATE);
        CHECK(len == 99 && strcmp(name, "untouched") == 0);
        entropyk_result_free(r);
    }
    entropyk_system_free(sys);
}

static void test_cascade_refusals(void) {
    EntropykSystem* sys = NULL;
    EntropykCascadeConfig hx = ENTROPYK_CASCADE_CONFIG_INIT;
    uint32_t hot = 7, cold = 7, n = 0;
    char msg[512];
    size_t len = 0;
    CHECK_OK(entropyk_system_create("R134a", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return;
    CHECK_CODE(entropyk_system_add_cascade(NULL, "a", "b", &hx, &hot, &cold), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_add_cascade(sys, NULL, "b", &hx, &hot, &cold), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_add_cascade(sys, "a", "b", NULL, &hot, &cold), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_add_cascade(sys, "a", "b", &hx, &hot, NULL), ENTROPYK_NULL_POINTER);
    hx.approach = NAN;
    CHECK_CODE(entropyk_system_add_cascade(sys, "a", "b", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_add_cascade: 'config->approach' is NaN") == 0);
    hx.approach = -1.0;
    CHECK_CODE(entropyk_system_add_cascade(sys, "a", "b", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_add_cascade: cascade heat exchanger 'a' / 'b': approach = -1 K: expected a "
                      "number >= 0") == 0);
    hx.approach = 5.0;
    hx.given = ENTROPYK_SATURATION_GIVEN_PRESSURE; /* evaporating_pressure left at 0 */
    CHECK_CODE(entropyk_system_add_cascade(sys, "a", "b", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_add_cascade: 'config->evaporating_pressure' = 0 Pa: expected a positive "
                      "number") == 0);
    hx.given = 7;
    CHECK_CODE(entropyk_system_add_cascade(sys, "a", "b", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    hx.given = ENTROPYK_SATURATION_GIVEN_TEMPERATURE;
    CHECK_CODE(entropyk_system_add_cascade(sys, "a", "a", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_add_cascade: cascade heat exchanger: its two sides need two names (both are "
                      "'a')") == 0);
    CHECK_CODE(entropyk_system_add_cascade(sys, "", "b", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    /* Nothing of the refused calls was added, and the outputs were not written. */
    CHECK_OK(entropyk_system_get_component_count(sys, &n));
    CHECK(n == 0 && hot == 7 && cold == 7);
    /* At temperature: accepted. */
    CHECK_OK(entropyk_system_add_cascade(sys, "a", "b", &hx, &hot, &cold));
    CHECK(hot == 0 && cold == 1);
    CHECK_OK(entropyk_system_get_component_count(sys, &n));
    CHECK(n == 2);
    entropyk_system_free(sys);
}

static void test_set_refrigerant_refusals(void) {
    EntropykSystem* sys = cascade(NULL);
    char msg[512];
    size_t len = 0;
    if (sys == NULL) return;
    CHECK_CODE(entropyk_system_set_refrigerant(NULL, "comp_b", "R32", ENTROPYK_BACKEND_EOS), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_set_refrigerant(sys, NULL, "R32", ENTROPYK_BACKEND_EOS), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_set_refrigerant(sys, "comp_b", NULL, ENTROPYK_BACKEND_EOS), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_set_refrigerant(sys, "compressor", "R32", ENTROPYK_BACKEND_EOS),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_set_refrigerant: 'compressor': no component named 'compressor'") == 0);
    CHECK_CODE(entropyk_system_set_refrigerant(sys, "comp_b", "R9999", ENTROPYK_BACKEND_EOS), ENTROPYK_FLUID_ERROR);
    CHECK_CODE(entropyk_system_set_refrigerant(sys, "comp_b", "R32", 42), ENTROPYK_INVALID_ARGUMENT);
    /* Two refrigerants in one loop: refused at finalize, which names both. */
    CHECK_OK(entropyk_system_set_refrigerant(sys, "comp_b", "R32", ENTROPYK_BACKEND_EOS));
    CHECK_OK(entropyk_system_set_refrigerant(sys, "evap_b", "R290", ENTROPYK_BACKEND_EOS));
    CHECK_CODE(entropyk_system_finalize(sys), ENTROPYK_VALIDATION_ERROR);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_finalize: the loop of 'evap_b' is given two refrigerants: R32 (at 'comp_b') "
                      "and R290 (at 'evap_b')") == 0);
    entropyk_system_free(sys);
}

/* The R744/R717 cascade of tests/cycles/multiloop.test.cpp (NH3 upper loop condensing at 13.5 bar
   with 0.1 kg/s, CO2 lower loop evaporating at 8.3 bar, isentropic compressors, saturated
   outlets), with the exchanger in the approach form (-10 C, 5 K; lower flow from its energy
   balance) when ua <= 0, else in the UA form with the lower compressor at m_B. */
static EntropykSystem* r717_r744(double ua, double m_B) {
    EntropykSystem* sys = NULL;
    uint32_t hot = 0, cold = 0;
    CHECK_OK(entropyk_system_create("R717", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return NULL;
    add(sys, design_compressor(0.1), "comp_a");
    add(sys, fixed_saturation(1, 13.5e5, 0.0), "cond_a");
    add(sys, valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0), "valve_a");
    if (ua > 0.0) {
        EntropykCascadeUaConfig hx = ENTROPYK_CASCADE_UA_CONFIG_INIT;
        hx.ua = ua;
        hx.start_evaporating_temperature = 258.15; /* a start 5 K off the solution */
        CHECK_OK(entropyk_system_add_cascade_ua(sys, "cascade_cond", "cascade_evap", &hx, &hot, &cold));
    } else {
        EntropykCascadeConfig hx = ENTROPYK_CASCADE_CONFIG_INIT;
        hx.evaporating_temperature = 263.15;
        hx.approach = 5.0;
        CHECK_OK(entropyk_system_add_cascade(sys, "cascade_cond", "cascade_evap", &hx, &hot, &cold));
    }
    CHECK(hot == CASC_COND && cold == CASC_EVAP);
    add(sys, design_compressor(m_B), "comp_b");
    add(sys, valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0), "valve_b");
    add(sys, fixed_saturation(0, 8.3e5, 0.0), "evap_b");
    CHECK_OK(entropyk_system_set_refrigerant(sys, "comp_b", "R744", ENTROPYK_BACKEND_EOS));
    CHECK_OK(entropyk_system_connect_ports(sys, "comp_a.discharge", "cond_a"));
    CHECK_OK(entropyk_system_connect_ports(sys, "cond_a", "valve_a"));
    CHECK_OK(entropyk_system_connect_ports(sys, "valve_a", "cascade_evap"));
    CHECK_OK(entropyk_system_connect_ports(sys, "cascade_evap", "comp_a.suction"));
    CHECK_OK(entropyk_system_connect_ports(sys, "comp_b.discharge", "cascade_cond"));
    CHECK_OK(entropyk_system_connect_ports(sys, "cascade_cond", "valve_b"));
    CHECK_OK(entropyk_system_connect_ports(sys, "valve_b", "evap_b"));
    CHECK_OK(entropyk_system_connect_ports(sys, "evap_b", "comp_b.suction"));
    CHECK_OK(entropyk_system_finalize(sys));
    return sys;
}

/* The UA form reproduces the approach form: 18566.0056668777 W/K is the conductance the zone
   model gives for the approach form's solved states (tests/cycles/multiloop.test.cpp computes it
   with CascadeHeatExchanger::required_ua); the UA form with it and the approach form's lower
   flow solves to the same plant. */
static void test_cascade_ua(void) {
    const double UA = 18566.005666877652;
    EntropykSystem *a = r717_r744(0.0, 0.0), *u = NULL, *sys = NULL;
    EntropykSolverResult *ra = NULL, *ru = NULL;
    EntropykCycleSummary sa = ENTROPYK_CYCLE_SUMMARY_INIT, su = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykConnectionResult ca, cu;
    EntropykCascadeUaConfig hx = ENTROPYK_CASCADE_UA_CONFIG_INIT;
    uint32_t i, hot = 7, cold = 7, n = 0;
    char msg[512];
    size_t len = 0;
    if (a == NULL) return;
    CHECK_OK(entropyk_solve_fallback(a, NULL, &ra));
    CHECK_OK(entropyk_result_get_summary(ra, &sa));
    CHECK(sa.status == ENTROPYK_OK);
    CHECK_REL(sa.COP_cooling, 2.04515555392, 1e-9);
    ca = state_leaving(a, ra, COMP_B, 0);
    CHECK_REL(ca.m, 0.35684236959229909, 1e-9);
    u = r717_r744(UA, ca.m);
    if (u != NULL) {
        CHECK_OK(entropyk_solve_fallback(u, NULL, &ru));
        CHECK_OK(entropyk_result_get_summary(ru, &su));
        CHECK(su.status == ENTROPYK_OK);
        CHECK_REL(su.COP_cooling, sa.COP_cooling, 1e-6);
        CHECK_REL(su.cooling_capacity, sa.cooling_capacity, 1e-6);
        CHECK_REL(su.compressor_power, sa.compressor_power, 1e-6);
        CHECK(fabs(su.energy_balance) <= 1e-9);
        CHECK(fabs(su.mass_balance) <= 1e-9);
        for (i = 0; i < 8; ++i) {
            ca = state_leaving(a, ra, i, 0);
            cu = state_leaving(u, ru, i, 0);
            CHECK_REL(cu.p, ca.p, 1e-6);
            CHECK_REL(cu.h, ca.h, 1e-6);
            CHECK_REL(cu.m, ca.m, 1e-6);
        }
        /* The levels: NH3 dew point -10 C, CO2 bubble point 5 K above it. */
        CHECK_REL(state_leaving(u, ru, CASC_EVAP, 0).T, 263.15, 1e-6);
        CHECK_REL(state_leaving(u, ru, CASC_COND, 0).T, 268.15, 1e-6);
        entropyk_result_free(ru);
        entropyk_system_free(u);
    }
    entropyk_result_free(ra);
    entropyk_system_free(a);

    /* Refusals: nothing is added, the outputs are not written. */
    CHECK_OK(entropyk_system_create("R717", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return;
    CHECK_CODE(entropyk_system_add_cascade_ua(sys, "a", "b", NULL, &hot, &cold), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_add_cascade_ua(sys, "a", "b", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_add_cascade_ua: cascade heat exchanger 'a' / 'b': UA = 0 W/K: expected a "
                      "finite number > 0") == 0);
    hx.ua = INFINITY;
    CHECK_CODE(entropyk_system_add_cascade_ua(sys, "a", "b", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_add_cascade_ua: 'config->ua' is +infinity") == 0);
    hx.ua = NAN;
    CHECK_CODE(entropyk_system_add_cascade_ua(sys, "a", "b", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_add_cascade_ua: 'config->ua' is NaN") == 0);
    hx.ua = 2000.0;
    hx.start_evaporating_temperature = -1.0;
    CHECK_CODE(entropyk_system_add_cascade_ua(sys, "a", "b", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_add_cascade_ua: 'config->start_evaporating_temperature' = -1 K: expected a "
                      "positive number or 0") == 0);
    hx.start_evaporating_temperature = 0.0;
    hx.superheat = -2.0;
    CHECK_CODE(entropyk_system_add_cascade_ua(sys, "a", "b", &hx, &hot, &cold), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_add_cascade_ua: cascade heat exchanger 'a' / 'b': superheat = -2 K: expected "
                      "a number >= 0") == 0);
    CHECK_OK(entropyk_system_get_component_count(sys, &n));
    CHECK(n == 0 && hot == 7 && cold == 7);
    hx.superheat = 0.0;
    CHECK_OK(entropyk_system_add_cascade_ua(sys, "a", "b", &hx, &hot, &cold));
    CHECK(hot == 0 && cold == 1);
    entropyk_system_free(sys);
}

/* The vapour-injection R32 heat pump (components in the order of the C++ test). */
enum { VI_COMP = 0, VI_COND = 1, VI_TEE = 2, VI_ECO = 3, VI_MAIN = 4, VI_EVAP = 5, VI_INJ = 6 };

static void test_vapour_injection(void) {
    const double eta = 0.7, m_suction = 0.05;
    EntropykSystem* sys = NULL;
    EntropykComponent* c = NULL;
    EntropykComponent* single[4];
    EntropykSystem* ref = NULL;
    EntropykVapourInjectionCompressorConfig vi = ENTROPYK_VAPOUR_INJECTION_COMPRESSOR_CONFIG_INIT;
    EntropykSolverResult *r = NULL, *rs = NULL;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT, ss = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykConnectionResult suction, injection, discharge, liquid_in, liquid_out, expanded;
    EntropykComponentResult comp = ENTROPYK_COMPONENT_RESULT_INIT;
    EntropykFluid* r32 = NULL;
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
    uint32_t nin = 0, nout = 0;
    double ps, pd, pi, hm, hx, hd;
    char name[32];
    size_t len = 0;
    CHECK_OK(entropyk_system_create("R32", ENTROPYK_BACKEND_EOS, &sys));
    CHECK_OK(entropyk_fluid_create("R32", ENTROPYK_BACKEND_EOS, &r32));
    if (sys == NULL || r32 == NULL) return;
    vi.isentropic_efficiency = eta;
    vi.suction_mass_flow = m_suction;
    CHECK_OK(entropyk_vapour_injection_compressor_create(&vi, &c));
    add(sys, c, "comp");
    add(sys, fixed_saturation(1, 318.15, 5.0), "cond");
    CHECK_OK(entropyk_splitter_create(0.0, &c));
    add(sys, c, "tee");
    CHECK_OK(entropyk_economizer_create(0.8, 5.0, &c));
    add(sys, c, "economizer");
    add(sys, valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0), "main_valve");
    add(sys, fixed_saturation(0, 258.15, 5.0), "evap");
    add(sys, valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0), "injection_valve");
    /* Ports by name, and one by number (the economizer's cold_out is its outlet port 1, the
       compressor's injection its inlet port 1). */
    CHECK_OK(entropyk_system_get_port_count(sys, VI_COMP, &nin, &nout));
    CHECK(nin == 2 && nout == 1);
    CHECK_OK(entropyk_system_get_port_name(sys, VI_COMP, 1, 1, name, sizeof name, &len));
    CHECK(strcmp(name, "injection") == 0);
    CHECK_OK(entropyk_system_get_port_name(sys, VI_ECO, 0, 1, name, sizeof name, &len));
    CHECK(strcmp(name, "cold_out") == 0);
    CHECK_OK(entropyk_system_connect_ports(sys, "comp.discharge", "cond"));
    CHECK_OK(entropyk_system_connect_ports(sys, "cond", "tee"));
    CHECK_OK(entropyk_system_connect_ports(sys, "tee.outlet_a", "economizer.hot_in"));
    CHECK_OK(entropyk_system_connect_ports(sys, "economizer.hot_out", "main_valve"));
    CHECK_OK(entropyk_system_connect_ports(sys, "main_valve", "evap"));
    CHECK_OK(entropyk_system_connect_ports(sys, "evap", "comp.suction"));
    CHECK_OK(entropyk_system_connect_ports(sys, "tee.outlet_b", "injection_valve"));
    CHECK_OK(entropyk_system_connect_ports(sys, "injection_valve", "economizer.cold_in"));
    CHECK_OK(entropyk_system_add_port_edge(sys, VI_ECO, 1, VI_COMP, 1));
    CHECK_OK(entropyk_system_finalize(sys));
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK(s.status == ENTROPYK_OK);
    CHECK(fabs(s.energy_balance) <= 1e-9);
    CHECK(fabs(s.mass_balance) <= 1e-9);
    suction = state_leaving(sys, r, VI_EVAP, 0);
    injection = state_leaving(sys, r, VI_ECO, 1);
    discharge = state_leaving(sys, r, VI_COMP, 0);
    liquid_in = state_leaving(sys, r, VI_TEE, 0);
    liquid_out = state_leaving(sys, r, VI_ECO, 0);
    expanded = state_leaving(sys, r, VI_INJ, 0);
    /* The injection level is the geometric mean; the two-step model recomputed from the inlets. */
    ps = suction.p;
    pd = discharge.p;
    pi = injection.p;
    CHECK_REL(pi, sqrt(ps * pd), 1e-9);
    CHECK_OK(entropyk_fluid_state(r32, ENTROPYK_INPUT_PS, pi, suction.s, &st));
    hm = suction.h + (st.h - suction.h) / eta;
    hx = (suction.m * hm + injection.m * injection.h) / (suction.m + injection.m);
    CHECK_OK(entropyk_fluid_state(r32, ENTROPYK_INPUT_PH, pi, hx, &st));
    CHECK_OK(entropyk_fluid_state(r32, ENTROPYK_INPUT_PS, pd, st.s, &st));
    hd = hx + (st.h - hx) / eta;
    CHECK_REL(discharge.h, hd, 1e-9);
    CHECK_REL(suction.m, m_suction, 1e-12);
    CHECK_REL(discharge.m, suction.m + injection.m, 1e-9);
    CHECK_OK(entropyk_result_get_component(r, VI_COMP, &comp));
    CHECK_REL(comp.power, discharge.m * discharge.h - suction.m * suction.h - injection.m * injection.h, 1e-9);
    /* The economizer: effectiveness 0.8 on the liquid, one duty for both streams. */
    CHECK_REL(liquid_out.T, liquid_in.T - 0.8 * (liquid_in.T - expanded.T), 1e-9);
    CHECK_REL(liquid_in.m * (liquid_in.h - liquid_out.h), injection.m * (injection.h - expanded.h), 1e-9);
    CHECK(expanded.quality > 0.0 && expanded.quality < 1.0);
    CHECK(injection.m / suction.m > 0.05 && injection.m / suction.m < 0.5);

    /* The single-stage cycle at the same conditions: injection heats more and better. */
    single[0] = isentropic_compressor(eta, m_suction);
    single[1] = fixed_saturation(1, 318.15, 5.0);
    single[2] = valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0);
    single[3] = fixed_saturation(0, 258.15, 5.0);
    ref = loop_of("R32", single);
    CHECK(ref != NULL);
    if (ref != NULL) {
        CHECK_OK(entropyk_solve_fallback(ref, NULL, &rs));
        CHECK_OK(entropyk_result_get_summary(rs, &ss));
        CHECK(s.heating_capacity > 1.1 * ss.heating_capacity);
        CHECK(s.COP_heating / ss.COP_heating - 1.0 > 0.01);
        CHECK(s.COP_heating / ss.COP_heating - 1.0 < 0.25);
        CHECK(s.COP_cooling > ss.COP_cooling);
        entropyk_result_free(rs);
        entropyk_system_free(ref);
    }
    entropyk_result_free(r);
    entropyk_system_free(sys);
    entropyk_fluid_free(r32);
}

/* Case (d): R1234yf with a suction-line exchanger of vapour-side effectiveness 0.6 (0 C dew / 45 C
   bubble, saturated outlets, eta 0.7, 1 kg/s); CoolProp 8.0 figures of tests/cycles/network.test.cpp. */
static void test_suction_line_case_d(void) {
    EntropykSystem* sys = NULL;
    EntropykComponent* c = NULL;
    EntropykSolverResult* r = NULL;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykConnectionResult vapour, liquid;
    uint32_t ihx = 0;
    CHECK_OK(entropyk_system_create("R1234yf", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return;
    add(sys, fixed_saturation(0, 273.15, 0.0), "evaporator");
    CHECK_OK(entropyk_internal_heat_exchanger_create(0.6, &c));
    ihx = add(sys, c, "ihx");
    add(sys, isentropic_compressor(0.7, 1.0), "compressor");
    add(sys, fixed_saturation(1, 318.15, 0.0), "condenser");
    add(sys, valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0), "valve");
    CHECK_OK(entropyk_system_connect_ports(sys, "evaporator", "ihx.cold_in"));
    CHECK_OK(entropyk_system_connect_ports(sys, "ihx.cold_out", "compressor.suction"));
    CHECK_OK(entropyk_system_connect_ports(sys, "compressor", "condenser"));
    CHECK_OK(entropyk_system_connect_ports(sys, "condenser", "ihx.hot_in"));
    CHECK_OK(entropyk_system_connect_ports(sys, "ihx.hot_out", "valve"));
    CHECK_OK(entropyk_system_connect_ports(sys, "valve", "evaporator"));
    CHECK_OK(entropyk_system_finalize(sys));
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK(s.status == ENTROPYK_OK);
    CHECK_REL(s.COP_cooling, 3.32165222035, 1e-6);
    CHECK_REL(s.cooling_capacity, 126182.027097, 1e-6);
    CHECK_REL(s.compressor_power, 37987.7298182, 1e-6);
    vapour = state_leaving(sys, r, ihx, 1);
    liquid = state_leaving(sys, r, ihx, 0);
    CHECK_REL(vapour.T, 300.15, 1e-6);
    CHECK_REL(liquid.T, 300.795490474, 1e-6);
    CHECK(fabs(s.energy_balance) <= 1e-9);
    entropyk_result_free(r);
    entropyk_system_free(sys);

    /* The UA form with the conductance that the effectiveness solve implies (tests/cycles/
       network.test.cpp computes it with InternalHeatExchanger::required_ua): the same cycle. */
    sys = NULL;
    r = NULL;
    CHECK_OK(entropyk_system_create("R1234yf", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return;
    add(sys, fixed_saturation(0, 273.15, 0.0), "evaporator");
    CHECK_OK(entropyk_internal_heat_exchanger_create_ua(1129.42606, &c));
    ihx = add(sys, c, "ihx");
    add(sys, isentropic_compressor(0.7, 1.0), "compressor");
    add(sys, fixed_saturation(1, 318.15, 0.0), "condenser");
    add(sys, valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0), "valve");
    CHECK_OK(entropyk_system_connect_ports(sys, "evaporator", "ihx.cold_in"));
    CHECK_OK(entropyk_system_connect_ports(sys, "ihx.cold_out", "compressor.suction"));
    CHECK_OK(entropyk_system_connect_ports(sys, "compressor", "condenser"));
    CHECK_OK(entropyk_system_connect_ports(sys, "condenser", "ihx.hot_in"));
    CHECK_OK(entropyk_system_connect_ports(sys, "ihx.hot_out", "valve"));
    CHECK_OK(entropyk_system_connect_ports(sys, "valve", "evaporator"));
    CHECK_OK(entropyk_system_finalize(sys));
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK(s.status == ENTROPYK_OK);
    CHECK_REL(s.COP_cooling, 3.32165222035, 1e-6);
    CHECK_REL(state_leaving(sys, r, ihx, 1).T, 300.15, 1e-6);
    CHECK(fabs(s.energy_balance) <= 1e-9);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

static void test_component_refusals(void) {
    EntropykComponent* c = (EntropykComponent*)&c; /* any non-NULL value: a refused create writes NULL */
    EntropykVapourInjectionCompressorConfig vi = ENTROPYK_VAPOUR_INJECTION_COMPRESSOR_CONFIG_INIT;
    EntropykCompressorConfig map = ENTROPYK_COMPRESSOR_CONFIG_INIT;
    EntropykSystem* sys = NULL;
    uint32_t idx = 0, nin = 0, nout = 0;
    char msg[256];
    size_t len = 0;
    /* Internal heat exchanger: effectiveness in [0, 1). */
    CHECK_CODE(entropyk_internal_heat_exchanger_create(1.0, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
    CHECK_CODE(entropyk_internal_heat_exchanger_create(NAN, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_internal_heat_exchanger_create(0.5, NULL), ENTROPYK_NULL_POINTER);
    /* ... or a conductance UA > 0, finite. */
    CHECK_CODE(entropyk_internal_heat_exchanger_create_ua(0.0, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_internal_heat_exchanger_create_ua(-10.0, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_internal_heat_exchanger_create_ua(INFINITY, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_internal_heat_exchanger_create_ua(NAN, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_internal_heat_exchanger_create_ua(100.0, NULL), ENTROPYK_NULL_POINTER);
    CHECK(c == NULL);
    /* Pressure regulator: both forms, a positive set value, a known form. */
    CHECK_CODE(entropyk_pressure_regulator_create(ENTROPYK_SATURATION_GIVEN_PRESSURE, 0.0, &c),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_pressure_regulator_create(ENTROPYK_SATURATION_GIVEN_TEMPERATURE, -3.0, &c),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_pressure_regulator_create(ENTROPYK_SATURATION_GIVEN_TEMPERATURE, INFINITY, &c),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_pressure_regulator_create(2, 3.0e5, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
    /* Vapour-injection compressor. */
    CHECK_CODE(entropyk_vapour_injection_compressor_create(NULL, &c), ENTROPYK_NULL_POINTER);
    vi.isentropic_efficiency = 1.5;
    CHECK_CODE(entropyk_vapour_injection_compressor_create(&vi, &c), ENTROPYK_INVALID_ARGUMENT);
    vi.isentropic_efficiency = 0.7;
    vi.injection_pressure_factor = 0.0;
    CHECK_CODE(entropyk_vapour_injection_compressor_create(&vi, &c), ENTROPYK_INVALID_ARGUMENT);
    vi.injection_pressure_factor = 1.0;
    vi.injection = ENTROPYK_INJECTION_GIVEN_PRESSURE; /* injection_pressure left at 0 */
    CHECK_CODE(entropyk_vapour_injection_compressor_create(&vi, &c), ENTROPYK_INVALID_ARGUMENT);
    vi.suction_mass_flow = NAN;
    CHECK_CODE(entropyk_vapour_injection_compressor_create(&vi, &c), ENTROPYK_INVALID_ARGUMENT);
    vi.suction_mass_flow = 0.05;
    vi.struct_size = 0;
    CHECK_CODE(entropyk_vapour_injection_compressor_create(&vi, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
    vi.struct_size = sizeof vi;
    vi.injection = ENTROPYK_INJECTION_GEOMETRIC_MEAN;
    /* ... with a displacement: positive volume and speed, volumetric efficiency in (0, 1]. */
    CHECK_CODE(entropyk_vapour_injection_compressor_create_displacement(&vi, 0.0, 50.0, 0.9, &c),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_vapour_injection_compressor_create_displacement(&vi, 2e-5, 50.0, 1.5, &c),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_vapour_injection_compressor_create_displacement(&vi, 2e-5, NAN, 0.9, &c),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_vapour_injection_compressor_create_displacement(NULL, 2e-5, 50.0, 0.9, &c),
               ENTROPYK_NULL_POINTER);
    /* ... from a map: the map's own checks (a running speed > 0). */
    map.speed = 0.0;
    CHECK_CODE(entropyk_vapour_injection_compressor_create_map(&vi, &map, &c), ENTROPYK_INVALID_ARGUMENT);
    map.speed = 50.0;
    CHECK_CODE(entropyk_vapour_injection_compressor_create_map(&vi, NULL, &c), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_vapour_injection_compressor_create_map(NULL, &map, &c), ENTROPYK_NULL_POINTER);
    CHECK(c == NULL);
    /* Economizer: effectiveness in (0, 1), superheat >= 0. */
    CHECK_CODE(entropyk_economizer_create(1.0, 5.0, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_economizer_create(0.8, -1.0, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_economizer_create(0.8, NAN, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);

    /* Accepted forms, with their ports. */
    CHECK_OK(entropyk_system_create("R134a", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return;
    CHECK_OK(entropyk_internal_heat_exchanger_create(0.0, &c));
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
    CHECK_OK(entropyk_system_get_port_count(sys, idx, &nin, &nout));
    CHECK(nin == 2 && nout == 2);
    CHECK_OK(entropyk_system_get_port_name(sys, idx, 1, 0, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "hot_in") == 0);
    CHECK_OK(entropyk_system_get_component_name(sys, idx, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "ihx") == 0);
    CHECK_OK(entropyk_pressure_regulator_create(ENTROPYK_SATURATION_GIVEN_TEMPERATURE, 268.15, &c));
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
    CHECK_OK(entropyk_pressure_regulator_create(ENTROPYK_SATURATION_GIVEN_PRESSURE, 2.5e5, &c));
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
    vi.struct_size = sizeof vi;
    vi.injection_pressure = 1.2e6;
    CHECK_OK(entropyk_vapour_injection_compressor_create(&vi, &c)); /* at a given injection pressure */
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
    CHECK(idx == 3);
    CHECK_OK(entropyk_vapour_injection_compressor_create_displacement(&vi, 2e-5, 50.0, 0.9, &c));
    entropyk_component_free(c);
    CHECK_OK(entropyk_vapour_injection_compressor_create_map(&vi, &map, &c));
    entropyk_component_free(c);
    /* Port and component queries: refused out of range, with the reason. */
    CHECK_CODE(entropyk_system_get_port_name(sys, 3, 0, 1, msg, sizeof msg, &len), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_get_port_name: component 'compressor': outlet port 1 does not exist (it has "
                      "1)") == 0);
    CHECK_CODE(entropyk_system_get_port_name(sys, 3, 2, 0, msg, sizeof msg, &len), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_system_get_port_count(sys, 4, &nin, &nout), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_system_get_port_count(sys, 0, NULL, &nout), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_get_component_name(sys, 4, msg, sizeof msg, &len), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_get_component_name: component index 4: the system has 4 components") == 0);
    CHECK_CODE(entropyk_system_get_connection_count(sys, &idx), ENTROPYK_INVALID_STATE);
    entropyk_system_free(sys);
}

/* ---- the example plants built by hand, against their cycle files ----------------------------- */

static double celsius(double c) { return c + 273.15; } /* as the cycle-file reader converts */

static EntropykSystem* example_file(const char* name) {
    char path[1024], msg[512];
    size_t len = 0;
    EntropykSystem* sys = NULL;
    snprintf(path, sizeof path, "%s/examples/cycles/%s", ENTROPYK_SOURCE_DIR, name);
    msg[0] = '\0';
    CHECK_OK(entropyk_system_from_file(path, &sys, msg, sizeof msg, &len));
    if (sys == NULL) fprintf(stderr, "%s: %s\n", path, msg);
    return sys;
}

static EntropykComponent* compressor(double efficiency, double mass_flow) {
    EntropykIsentropicCompressorConfig c = ENTROPYK_ISENTROPIC_COMPRESSOR_CONFIG_INIT;
    EntropykComponent* out = NULL;
    c.flow_law = mass_flow > 0.0 ? ENTROPYK_FLOW_LAW_FIXED_MASS_FLOW : ENTROPYK_FLOW_LAW_NONE;
    c.isentropic_efficiency = efficiency;
    c.mass_flow = mass_flow;
    CHECK_OK(entropyk_isentropic_compressor_create(&c, &out));
    return out;
}

static EntropykComponent* throttle(void) { return valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0); }

static EntropykComponent* two_port(EntropykErrorCode (*create)(double, EntropykComponent**), double value) {
    EntropykComponent* out = NULL;
    CHECK_OK(create(value, &out));
    return out;
}

static EntropykComponent* mixer(void) {
    EntropykComponent* out = NULL;
    CHECK_OK(entropyk_mixer_create(&out));
    return out;
}

static void connect_all(EntropykSystem* sys, const char* const links[][2], size_t n) {
    size_t i;
    for (i = 0; i < n; ++i) CHECK_OK(entropyk_system_connect_ports(sys, links[i][0], links[i][1]));
    CHECK_OK(entropyk_system_finalize(sys));
}

/* examples/cycles/r744_booster_rack.json, component by component and connection by connection. */
static EntropykSystem* booster_by_hand(void) {
    static const char* const links[][2] = {{"mt compressor.discharge", "gas cooler"},
                                           {"gas cooler", "hp valve"},
                                           {"hp valve", "flash tank.inlet"},
                                           {"flash tank.liquid_out", "liquid split.inlet"},
                                           {"flash tank.vapour_out", "bypass valve"},
                                           {"liquid split.outlet_a", "mt valve"},
                                           {"mt valve", "mt evaporator"},
                                           {"liquid split.outlet_b", "lt valve"},
                                           {"lt valve", "lt evaporator"},
                                           {"lt evaporator", "lt compressor.suction"},
                                           {"mt evaporator", "booster mixer.inlet_a"},
                                           {"lt compressor.discharge", "booster mixer.inlet_b"},
                                           {"booster mixer.outlet", "bypass mixer.inlet_a"},
                                           {"bypass valve", "bypass mixer.inlet_b"},
                                           {"bypass mixer.outlet", "mt compressor.suction"}};
    EntropykSystem* sys = NULL;
    EntropykGasCoolerConfig gc = ENTROPYK_GAS_COOLER_CONFIG_INIT;
    EntropykComponent* c = NULL;
    CHECK_OK(entropyk_system_create("R744", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return NULL;
    add(sys, compressor(0.7, 0.15), "mt compressor");
    gc.spec = ENTROPYK_GAS_COOLER_OUTLET_TEMPERATURE;
    gc.outlet_temperature = celsius(35.0);
    CHECK_OK(entropyk_gas_cooler_create(&gc, &c));
    add(sys, c, "gas cooler");
    add(sys, two_port(entropyk_high_pressure_valve_create, 90e5), "hp valve");
    add(sys, two_port(entropyk_flash_tank_create, 35e5), "flash tank");
    add(sys, throttle(), "bypass valve");
    add(sys, two_port(entropyk_splitter_create, 0.0), "liquid split"); /* the network decides the split */
    add(sys, throttle(), "mt valve");
    add(sys, fixed_saturation(0, celsius(-8.0), 5.0), "mt evaporator");
    add(sys, throttle(), "lt valve");
    add(sys, fixed_saturation(0, celsius(-30.0), 5.0), "lt evaporator");
    add(sys, compressor(0.7, 0.03), "lt compressor");
    add(sys, mixer(), "booster mixer");
    add(sys, mixer(), "bypass mixer");
    connect_all(sys, links, sizeof links / sizeof links[0]);
    return sys;
}

/* examples/cycles/r717_two_stage_intercooler.json. */
static EntropykSystem* two_stage_nh3_by_hand(void) {
    static const char* const links[][2] = {{"hp compressor.discharge", "condenser"},
                                           {"condenser", "hp valve"},
                                           {"hp valve", "intercooler inlet.inlet_a"},
                                           {"lp compressor.discharge", "intercooler inlet.inlet_b"},
                                           {"intercooler inlet.outlet", "intercooler.inlet"},
                                           {"intercooler.vapour_out", "hp compressor.suction"},
                                           {"intercooler.liquid_out", "lp valve"},
                                           {"lp valve", "evaporator"},
                                           {"evaporator", "lp compressor.suction"}};
    EntropykSystem* sys = NULL;
    CHECK_OK(entropyk_system_create("R717", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return NULL;
    add(sys, compressor(0.75, 0.1), "hp compressor");
    add(sys, fixed_saturation(1, celsius(35.0), 0.0), "condenser");
    add(sys, throttle(), "hp valve");
    add(sys, mixer(), "intercooler inlet");
    add(sys, two_port(entropyk_flash_tank_create, 3.5e5), "intercooler");
    add(sys, throttle(), "lp valve");
    add(sys, fixed_saturation(0, celsius(-35.0), 0.0), "evaporator");
    add(sys, compressor(0.75, 0.0), "lp compressor"); /* its flow is what the intercooler leaves */
    connect_all(sys, links, sizeof links / sizeof links[0]);
    return sys;
}

/* Every component's mass and energy balance from the connection states of a solved network:
   sum(m_in) = sum(m_out) and sum(m h)_out - sum(m h)_in = heat + power into the refrigerant. */
static void check_component_balances(const EntropykSystem* sys, const EntropykSolverResult* r, double power_scale) {
    uint32_t n_comp = 0, n_conn = 0, k, i;
    CHECK_OK(entropyk_system_get_component_count(sys, &n_comp));
    CHECK_OK(entropyk_result_get_connection_count(r, &n_conn));
    for (k = 0; k < n_comp; ++k) {
        EntropykComponentResult cr = ENTROPYK_COMPONENT_RESULT_INIT;
        double m_in = 0.0, m_out = 0.0, H_in = 0.0, H_out = 0.0;
        CHECK_OK(entropyk_result_get_component(r, k, &cr));
        for (i = 0; i < n_conn; ++i) {
            EntropykConnectionResult c = ENTROPYK_CONNECTION_RESULT_INIT;
            CHECK_OK(entropyk_result_get_connection(r, i, &c));
            if (c.to == k) {
                m_in += c.m;
                H_in += c.m * c.h;
            }
            if (c.from == k) {
                m_out += c.m;
                H_out += c.m * c.h;
            }
        }
        CHECK(m_in > 0.0);
        CHECK(fabs(m_in - m_out) <= 1e-9 * m_in);
        if (!(fabs(H_out - H_in - (cr.heat_rate + cr.power)) <= 1e-9 * power_scale))
            fprintf(stderr, "component %u: energy out - in = %.17g W, heat + power = %.17g W\n", (unsigned)k,
                    H_out - H_in, cr.heat_rate + cr.power);
        CHECK(fabs(H_out - H_in - (cr.heat_rate + cr.power)) <= 1e-9 * power_scale);
    }
}

/* Solves the plant built by hand (fallback, automatic guess) and the cycle file's system (its own
   configured solve): the same figures and states to 1e-9; both balanced. Returns the hand-built
   result (the caller frees it) and its summary. */
static EntropykSolverResult* same_as_file(EntropykSystem* by_hand, const char* file, EntropykCycleSummary* s) {
    EntropykSystem* from_file = example_file(file);
    EntropykSolverResult *r = NULL, *rf = NULL;
    EntropykCycleSummary f = ENTROPYK_CYCLE_SUMMARY_INIT;
    uint32_t n = 0, nf = 0, i;
    if (by_hand == NULL || from_file == NULL) {
        entropyk_system_free(from_file);
        return NULL;
    }
    CHECK_OK(entropyk_solve_fallback(by_hand, NULL, &r));
    CHECK_OK(entropyk_solve_configured(from_file, &rf));
    CHECK_OK(entropyk_result_get_summary(r, s));
    CHECK_OK(entropyk_result_get_summary(rf, &f));
    CHECK(s->status == ENTROPYK_OK && f.status == ENTROPYK_OK);
    CHECK_REL(s->COP_cooling, f.COP_cooling, 1e-9);
    CHECK_REL(s->COP_heating, f.COP_heating, 1e-9);
    CHECK_REL(s->cooling_capacity, f.cooling_capacity, 1e-9);
    CHECK_REL(s->heating_capacity, f.heating_capacity, 1e-9);
    CHECK_REL(s->compressor_power, f.compressor_power, 1e-9);
    CHECK(fabs(s->energy_balance) <= 1e-9 && fabs(f.energy_balance) <= 1e-9);
    CHECK(fabs(s->mass_balance) <= 1e-9 && fabs(f.mass_balance) <= 1e-9);
    /* The system's own balance: what the evaporators take up and the compressors put in leaves
       through the heat rejection. */
    CHECK(fabs(s->cooling_capacity + s->compressor_power - s->heating_capacity) <= 1e-9 * s->heating_capacity);
    /* The same connections in the same order, in the same states. */
    CHECK_OK(entropyk_result_get_connection_count(r, &n));
    CHECK_OK(entropyk_result_get_connection_count(rf, &nf));
    CHECK(n == nf);
    for (i = 0; i < n && i < nf; ++i) {
        EntropykConnectionResult a = ENTROPYK_CONNECTION_RESULT_INIT, b = ENTROPYK_CONNECTION_RESULT_INIT;
        CHECK_OK(entropyk_result_get_connection(r, i, &a));
        CHECK_OK(entropyk_result_get_connection(rf, i, &b));
        CHECK(a.from == b.from && a.to == b.to);
        CHECK_REL(a.p, b.p, 1e-9);
        CHECK_REL(a.h, b.h, 1e-9);
        CHECK_REL(a.m, b.m, 1e-9);
    }
    check_component_balances(by_hand, r, s->heating_capacity);
    check_component_balances(from_file, rf, f.heating_capacity);
    entropyk_result_free(rf);
    entropyk_system_free(from_file);
    return r;
}

static void test_booster_rack_by_hand(void) {
    EntropykSystem* sys = booster_by_hand();
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykSolverResult* r = same_as_file(sys, "r744_booster_rack.json", &s);
    EntropykConnectionResult lt = ENTROPYK_CONNECTION_RESULT_INIT, vap = ENTROPYK_CONNECTION_RESULT_INIT,
                             liq = ENTROPYK_CONNECTION_RESULT_INIT, in = ENTROPYK_CONNECTION_RESULT_INIT;
    if (r != NULL) {
        /* The network's own answers: the LT branch carries what the booster draws; the tank splits
           its inlet into saturated vapour and liquid at 35 bar by the lever rule. */
        CHECK_OK(entropyk_result_get_connection(r, 7, &lt)); /* liquid split.outlet_b -> lt valve */
        CHECK_REL(lt.m, 0.03, 1e-9);
        CHECK_OK(entropyk_result_get_connection(r, 2, &in));  /* hp valve -> flash tank */
        CHECK_OK(entropyk_result_get_connection(r, 3, &liq)); /* flash tank.liquid_out */
        CHECK_OK(entropyk_result_get_connection(r, 4, &vap)); /* flash tank.vapour_out */
        CHECK_REL(in.p, 35e5, 1e-12);
        CHECK_REL(in.m, 0.15, 1e-9);
        CHECK_REL(vap.m / in.m, (in.h - liq.h) / (vap.h - liq.h), 1e-9);
        CHECK(s.COP_cooling > 1.0 && s.COP_cooling < 4.0);
    }
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

static void test_two_stage_nh3_by_hand(void) {
    EntropykSystem* sys = two_stage_nh3_by_hand();
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykSolverResult* r = same_as_file(sys, "r717_two_stage_intercooler.json", &s);
    EntropykConnectionResult hp = ENTROPYK_CONNECTION_RESULT_INIT, lp = ENTROPYK_CONNECTION_RESULT_INIT;
    if (r != NULL) {
        CHECK_OK(entropyk_result_get_connection(r, 5, &hp)); /* intercooler vapour -> hp suction */
        CHECK_OK(entropyk_result_get_connection(r, 8, &lp)); /* evaporator -> lp suction */
        CHECK_REL(hp.m, 0.1, 1e-9);
        CHECK_REL(hp.p, 3.5e5, 1e-12);
        /* The intercooler takes the flash gas and the low-stage superheat: less flow below it. */
        CHECK(lp.m > 0.5 * hp.m && lp.m < hp.m);
    }
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

/* Counts the occurrences of `part` in `text`. */
static int count(const char* text, const char* part) {
    int n = 0;
    const char* at = text;
    while ((at = strstr(at, part)) != NULL) {
        ++n;
        at += strlen(part);
    }
    return n;
}

/* The diagram of one loop through the size query and a buffer of the size it gave (NULL on failure). */
static char* loop_svg(const EntropykSolverResult* r, uint32_t loop, EntropykDiagramKind kind) {
    size_t len = 0, again = 0;
    char* svg = NULL;
    CHECK_OK(entropyk_result_write_svg_loop(r, loop, kind, NULL, 0, &len));
    if (len == 0) return NULL;
    svg = (char*)malloc(len + 1);
    if (svg == NULL) return NULL;
    CHECK_OK(entropyk_result_write_svg_loop(r, loop, kind, svg, len + 1, &again));
    CHECK(again == len && strlen(svg) == len);
    return svg;
}

static const char* result_error(const EntropykSolverResult* r) {
    static char text[1024];
    size_t len = 0;
    text[0] = '\0';
    if (entropyk_result_last_error(r, text, sizeof text, &len) != ENTROPYK_OK) text[0] = '\0';
    return text;
}

/* The R744/R717 cascade example drawn loop by loop: loop 1 (NH3, states 1-4) and loop 2 (CO2,
   states 5-8), each on its own refrigerant's dome, one process path per connection. */
static void test_cascade_diagrams_by_loop(void) {
    EntropykSystem* sys = example_file("r744_r717_cascade.json");
    EntropykSolverResult* r = NULL;
    static const char* const fluids[2] = {"R717", "R744"};
    char text[128];
    size_t len = 0;
    uint32_t n = 0, loop;
    if (sys == NULL) return;
    CHECK_OK(entropyk_solve_configured(sys, &r));
    CHECK_OK(entropyk_result_get_loop_count(r, &n));
    CHECK(n == 2);
    for (loop = 0; loop < 2; ++loop) {
        char* ph = loop_svg(r, loop, ENTROPYK_DIAGRAM_PH);
        char* ts = loop_svg(r, loop, ENTROPYK_DIAGRAM_TS);
        char title[128];
        CHECK_OK(entropyk_result_get_loop_refrigerant(r, loop, text, sizeof text, &len));
        CHECK(strcmp(text, fluids[loop]) == 0 && len == 4);
        CHECK(ph != NULL && ts != NULL);
        if (ph != NULL && ts != NULL) {
            snprintf(title, sizeof title, "<title>%s cycle, loop %u \xe2\x80\x94 log p-h diagram</title>", fluids[loop],
                     (unsigned)loop + 1);
            CHECK_CONTAINS(ph, title);
            snprintf(title, sizeof title, "<title>%s cycle, loop %u \xe2\x80\x94 T-s diagram</title>", fluids[loop],
                     (unsigned)loop + 1);
            CHECK_CONTAINS(ts, title);
            CHECK_CONTAINS(ph, "id=\"dome-bubble\"");
            /* four connections per loop: four states and four processes, none of the other loop */
            CHECK(count(ph, "<path class=\"process") == 4);
            CHECK(count(ts, "<path class=\"process") == 4);
            CHECK(count(ph, "<circle class=\"state\"") == 4);
            CHECK(count(ph, "data-component=\"nh3 compressor\"") == (loop == 0 ? 1 : 0));
            CHECK(count(ph, "data-component=\"co2 compressor\"") == (loop == 1 ? 1 : 0));
            /* the states keep the numbers of a table of both loops */
            CHECK(strstr(ph, loop == 0 ? "data-from=\"1\"" : "data-from=\"5\"") != NULL);
            CHECK(strstr(ph, loop == 0 ? "data-from=\"5\"" : "data-from=\"1\"") == NULL);
        }
        free(ph);
        free(ts);
    }
    /* The two loops' diagrams differ in their fluid's dome, not only in their title. */
    {
        char* a = loop_svg(r, 0, ENTROPYK_DIAGRAM_PH);
        char* b = loop_svg(r, 1, ENTROPYK_DIAGRAM_PH);
        const char* da = a != NULL ? strstr(a, "id=\"dome-bubble\"") : NULL;
        const char* db = b != NULL ? strstr(b, "id=\"dome-bubble\"") : NULL;
        CHECK(da != NULL && db != NULL);
        if (da != NULL && db != NULL) CHECK(strncmp(da, db, 200) != 0);
        free(a);
        free(b);
    }
    /* Refusals: nothing written, *out_len unchanged, exact codes and messages. */
    len = 4321;
    strcpy(text, "untouched");
    CHECK_CODE(entropyk_result_write_svg_loop(r, 2, ENTROPYK_DIAGRAM_PH, text, sizeof text, &len),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK(len == 4321 && strcmp(text, "untouched") == 0);
    CHECK(strcmp(result_error(r),
                 "entropyk_result_write_svg_loop: loop 2: the result has 2 refrigerant loops (0 to 1)") == 0);
    CHECK_CODE(entropyk_result_write_svg_loop(r, 0xFFFFFFFFu, ENTROPYK_DIAGRAM_TS, NULL, 0, &len),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK(len == 4321);
    CHECK_CODE(entropyk_result_write_svg_loop(r, 1, (EntropykDiagramKind)2, text, sizeof text, &len),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK(len == 4321 && strcmp(text, "untouched") == 0);
    CHECK(strcmp(result_error(r), "entropyk_result_write_svg_loop: 'kind' = 2 is not a valid value") == 0);
    CHECK_CODE(entropyk_result_write_svg_loop(NULL, 0, ENTROPYK_DIAGRAM_PH, text, sizeof text, &len),
               ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_result_write_svg_loop(r, 0, ENTROPYK_DIAGRAM_PH, text, sizeof text, NULL),
               ENTROPYK_NULL_POINTER);
    CHECK(strcmp(result_error(r), "entropyk_result_write_svg_loop: 'out_len' is NULL") == 0);
    CHECK_CODE(entropyk_result_write_svg_loop(r, 0, ENTROPYK_DIAGRAM_PH, NULL, 8, &len), ENTROPYK_NULL_POINTER);
    CHECK(len == 4321);
    CHECK(strcmp(result_error(r), "entropyk_result_write_svg_loop: 'buffer' is NULL but 'capacity' is 8") == 0);
    CHECK_CODE(entropyk_result_write_svg_loop(r, 0, ENTROPYK_DIAGRAM_PH, text, sizeof text, &len),
               ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(len > sizeof text && strncmp(text, "<?xml", 5) == 0);
    /* the loop refrigerant getter */
    len = 4321;
    strcpy(text, "untouched");
    CHECK_CODE(entropyk_result_get_loop_refrigerant(r, 2, text, sizeof text, &len), ENTROPYK_INVALID_ARGUMENT);
    CHECK(len == 4321 && strcmp(text, "untouched") == 0);
    CHECK(strcmp(result_error(r), "entropyk_result_get_loop_refrigerant: loop 2: the result has 2 refrigerant loops "
                                  "(0 to 1)") == 0);
    CHECK_CODE(entropyk_result_get_loop_refrigerant(r, 1, NULL, 4, &len), ENTROPYK_NULL_POINTER);
    CHECK(len == 4321);
    CHECK_OK(entropyk_result_get_loop_refrigerant(r, 1, NULL, 0, &len)); /* size query */
    CHECK(len == 4);
    CHECK_CODE(entropyk_result_get_loop_refrigerant(r, 1, text, 3, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(len == 4 && strcmp(text, "R7") == 0);
    CHECK_CODE(entropyk_result_get_loop_refrigerant(r, 0, text, sizeof text, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_result_get_loop_count(r, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_result_get_loop_count(NULL, &n), ENTROPYK_NULL_POINTER);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

int main(void) {
    test_cascade_case_b();
    test_two_refrigerants();
    test_loop_refrigerant_not_the_systems();
    test_cascade_refusals();
    test_cascade_ua();
    test_set_refrigerant_refusals();
    test_vapour_injection();
    test_suction_line_case_d();
    test_component_refusals();
    test_booster_rack_by_hand();
    test_two_stage_nh3_by_hand();
    test_cascade_diagrams_by_loop();
    return check_report("test_multiloop");
}
