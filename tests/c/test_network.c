/* A network through the C API: Cengel & Boles Example 11-5, the two-stage R134a refrigerator with a
   flash chamber, built from a flash tank and a mixer connected by port (index and name).
   Reference (recomputed with CoolProp 8.0, reference EOS; docs/components.md "Networks"): flash
   fraction 0.20492249631, q_L 146281.569455 J/kg, COP 4.47533057817 with 1 kg/s through the
   condenser. */
#include <string.h>

#include "check.h"
#include "cycles.h"

enum { LP = 0, MIX = 1, HP = 2, CND = 3, V1 = 4, TANK = 5, V2 = 6, EVP = 7 };

static void add(EntropykSystem* sys, EntropykComponent* c, const char* name) {
    uint32_t idx = 0;
    CHECK_OK(entropyk_component_set_name(c, name));
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
}

/* Case a's network with the flash tank `tank` (mode and numbers of entropyk_flash_tank_create_mode)
   and, when `displacement` is set, both compressors given by displacement (2.5 and 1.45 l, 50 Hz,
   volumetric efficiency 0.9). */
static EntropykSystem* two_stage_with(int32_t mode, double pressure, double factor, int displacement) {
    EntropykSystem* sys = NULL;
    EntropykComponent* c = NULL;
    EntropykIsentropicCompressorConfig lp = ENTROPYK_ISENTROPIC_COMPRESSOR_CONFIG_INIT;
    CHECK_OK(entropyk_system_create("R134a", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return NULL;
    lp.flow_law = displacement ? ENTROPYK_FLOW_LAW_DISPLACEMENT : ENTROPYK_FLOW_LAW_NONE;
    lp.isentropic_efficiency = 1.0;
    lp.displacement = 2.5e-3;
    lp.speed = 50.0;
    lp.volumetric_efficiency = 0.9;
    CHECK_OK(entropyk_isentropic_compressor_create(&lp, &c));
    add(sys, c, "lp");
    CHECK_OK(entropyk_mixer_create(&c));
    add(sys, c, "mixer");
    if (displacement) {
        lp.displacement = 1.45e-3;
        CHECK_OK(entropyk_isentropic_compressor_create(&lp, &c));
        add(sys, c, "hp");
    } else {
        add(sys, isentropic_compressor(1.0, 1.0), "hp");
    }
    add(sys, fixed_saturation(1, 0.8e6, 0.0), "condenser");
    add(sys, valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0), "v1");
    if (mode < 0) {
        CHECK_OK(entropyk_flash_tank_create(pressure, &c));
    } else {
        CHECK_OK(entropyk_flash_tank_create_mode(mode, pressure, factor, &c));
    }
    add(sys, c, "tank");
    add(sys, valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0), "v2");
    add(sys, fixed_saturation(0, 0.14e6, 0.0), "evaporator");
    /* By index and port number ... */
    CHECK_OK(entropyk_system_add_port_edge(sys, LP, 0, MIX, 0));
    CHECK_OK(entropyk_system_add_edge(sys, MIX, HP));
    CHECK_OK(entropyk_system_add_edge(sys, HP, CND));
    CHECK_OK(entropyk_system_add_edge(sys, CND, V1));
    CHECK_OK(entropyk_system_add_edge(sys, V1, TANK));
    CHECK_OK(entropyk_system_add_port_edge(sys, TANK, 0, V2, 0));
    /* ... and by name. */
    CHECK_OK(entropyk_system_connect_ports(sys, "tank.vapour_out", "mixer.inlet_b"));
    CHECK_OK(entropyk_system_connect_ports(sys, "v2", "evaporator"));
    CHECK_OK(entropyk_system_connect_ports(sys, "evaporator.outlet", "lp.suction"));
    return sys;
}

static EntropykSystem* two_stage(void) {
    EntropykSystem* sys = two_stage_with(-1, 0.32e6, 0.0, 0);
    if (sys != NULL) CHECK_OK(entropyk_system_finalize(sys));
    return sys;
}

/* The tank pressure decided by the network: the geometric mean of the valves around it, or
   floating between two displacement compressors; a floating tank nothing closes is named. */
static void test_flash_tank_modes(void) {
    EntropykSystem* sys = two_stage_with(ENTROPYK_FLASH_TANK_GEOMETRIC_MEAN, 0.0, 0.0, 0);
    EntropykSolverResult* r = NULL;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykConnectionResult vap = ENTROPYK_CONNECTION_RESULT_INIT;
    EntropykComponent* c = NULL;
    char msg[512];
    size_t len = 0;
    if (sys == NULL) return;
    CHECK_OK(entropyk_system_finalize(sys));
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK(s.status == ENTROPYK_OK);
    CHECK(fabs(s.energy_balance) <= 1e-9);
    CHECK_OK(entropyk_result_get_connection(r, 6, &vap));
    CHECK_REL(vap.p, sqrt(0.14e6 * 0.8e6), 1e-10);
    entropyk_result_free(r);
    entropyk_system_free(sys);

    sys = two_stage_with(ENTROPYK_FLASH_TANK_FLOATING, 0.0, 0.0, 1);
    if (sys == NULL) return;
    CHECK_OK(entropyk_system_finalize(sys));
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK(s.status == ENTROPYK_OK);
    CHECK(fabs(s.energy_balance) <= 1e-9 && fabs(s.mass_balance) <= 1e-9);
    CHECK_OK(entropyk_result_get_connection(r, 6, &vap));
    CHECK(vap.p > 0.14e6 && vap.p < 0.8e6);
    entropyk_result_free(r);
    entropyk_system_free(sys);

    sys = two_stage_with(ENTROPYK_FLASH_TANK_FLOATING, 0.0, 0.0, 0);
    if (sys == NULL) return;
    CHECK_CODE(entropyk_system_finalize(sys), ENTROPYK_VALIDATION_ERROR);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_finalize: 26 equations for 27 unknowns: the pressure of flash tank 'tank' "
                      "floats and nothing closes it: give both compressor stages a flow law (a displacement, a mass "
                      "flow or a map) or give the tank a pressure") == 0);
    entropyk_system_free(sys);

    /* A number the mode does not use, a mode that does not exist, a bad factor: refused. */
    CHECK_CODE(entropyk_flash_tank_create_mode(ENTROPYK_FLASH_TANK_FLOATING, 3e5, 0.0, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
    CHECK_CODE(entropyk_flash_tank_create_mode(ENTROPYK_FLASH_TANK_FIXED_PRESSURE, 3e5, 1.0, &c),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_flash_tank_create_mode(3, 0.0, 0.0, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_flash_tank_create_mode(ENTROPYK_FLASH_TANK_GEOMETRIC_MEAN, 0.0, 20.0, &c),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_flash_tank_create_mode(ENTROPYK_FLASH_TANK_FIXED_PRESSURE, -1.0, 0.0, &c),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_flash_tank_create_mode(ENTROPYK_FLASH_TANK_FLOATING, 0.0, 0.0, NULL), ENTROPYK_NULL_POINTER);
    CHECK(c == NULL);
}

static void test_case_a(void) {
    EntropykSystem* sys = two_stage();
    EntropykSolverResult* r = NULL;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykConnectionResult vap = ENTROPYK_CONNECTION_RESULT_INIT;
    if (sys == NULL) return;
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK(s.status == ENTROPYK_OK);
    CHECK_REL(s.COP_cooling, 4.47533057817, 1e-6);
    CHECK_REL(s.cooling_capacity, 146281.569455, 1e-6);
    CHECK(fabs(s.energy_balance) <= 1e-9);
    CHECK_OK(entropyk_result_get_connection(r, 6, &vap)); /* the seventh connection: tank vapour -> mixer */
    CHECK(vap.from == TANK && vap.to == MIX);
    CHECK_REL(vap.m, 0.20492249631, 1e-6);
    CHECK_REL(vap.T, 275.626808793, 1e-6); /* saturated at the tank pressure */
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

static void test_refusals(void) {
    EntropykSystem* sys = NULL;
    EntropykComponent* c = NULL;
    char msg[512];
    size_t len = 0;
    uint32_t idx = 0;
    CHECK_CODE(entropyk_flash_tank_create(-1.0, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
    CHECK_CODE(entropyk_splitter_create(1.5, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_mixer_create(NULL), ENTROPYK_NULL_POINTER);
    CHECK_OK(entropyk_system_create("R134a", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return;
    CHECK_OK(entropyk_flash_tank_create(0.32e6, &c));
    add(sys, c, "tank");
    CHECK_OK(entropyk_splitter_create(0.0, &c));
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
    /* A port that does not exist, a port by a wrong name, a NULL name: refused, nothing changes. */
    CHECK_CODE(entropyk_system_add_port_edge(sys, 0, 2, 1, 0), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_system_add_port_edge(sys, 0, 7, 1, 0), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_system_connect_ports(sys, "tank.gas_out", "splitter"), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_connect_ports: 'tank.gas_out': component 'tank' (component) has no outlet named "
                      "'gas_out' (outlets: "
                      "liquid_out, vapour_out)") == 0);
    CHECK_CODE(entropyk_system_connect_ports(sys, NULL, "splitter"), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_add_edge(sys, 0, 1), ENTROPYK_INVALID_ARGUMENT); /* two outlets: name one */
    CHECK_OK(entropyk_system_connect_ports(sys, "tank.liquid_out", "splitter"));
    CHECK_CODE(entropyk_system_finalize(sys), ENTROPYK_VALIDATION_ERROR);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK(strcmp(msg, "entropyk_system_finalize: tank.inlet is not connected; tank.vapour_out is not connected; "
                      "splitter.outlet_a is not connected; splitter.outlet_b is not connected") == 0);
    entropyk_system_free(sys);
}

int main(void) {
    test_case_a();
    test_refusals();
    test_flash_tank_modes();
    return check_report("test_network");
}
