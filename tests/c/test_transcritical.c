/* The transcritical CO2 cycle through the C API: gas cooler, high-pressure valve at a given
   pressure and at the COP-optimal pressure. Reference: the simple CO2 cycle evaporating at -5 C
   (saturated vapour into the compressor), isentropic efficiency 0.7, gas-cooler outlet 35 C, 1 kg/s,
   computed independently with CoolProp 8.0 (reference EOS): COP 2.02997360539 at 100 bar; the
   COP-optimal pressure 88.81 bar (0.01-bar grid), continuous maximum COP 2.10915480313. */
#include "check.h"

enum { COMP = 0, GC = 1, VALVE = 2, EVAP = 3 };

static EntropykSystem* co2_cycle(double p_high) {
    EntropykSystem* sys = NULL;
    EntropykComponent* c = NULL;
    uint32_t idx = 0;
    EntropykIsentropicCompressorConfig comp = ENTROPYK_ISENTROPIC_COMPRESSOR_CONFIG_INIT;
    EntropykGasCoolerConfig gc = ENTROPYK_GAS_COOLER_CONFIG_INIT;
    EntropykFixedSaturationConfig evap = ENTROPYK_FIXED_SATURATION_CONFIG_INIT;
    CHECK_OK(entropyk_system_create("R744", ENTROPYK_BACKEND_EOS, &sys));
    if (sys == NULL) return NULL;
    comp.flow_law = ENTROPYK_FLOW_LAW_FIXED_MASS_FLOW;
    comp.isentropic_efficiency = 0.7;
    comp.mass_flow = 1.0;
    CHECK_OK(entropyk_isentropic_compressor_create(&comp, &c));
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
    gc.spec = ENTROPYK_GAS_COOLER_OUTLET_TEMPERATURE;
    gc.outlet_temperature = 308.15;
    CHECK_OK(entropyk_gas_cooler_create(&gc, &c));
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
    CHECK_OK(entropyk_high_pressure_valve_create(p_high, &c));
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
    evap.saturation_temperature = 268.15;
    evap.outlet_difference = 0.0;
    CHECK_OK(entropyk_fixed_saturation_evaporator_create(&evap, &c));
    CHECK_OK(entropyk_system_add_component(sys, c, &idx));
    CHECK_OK(entropyk_system_add_edge(sys, COMP, GC));
    CHECK_OK(entropyk_system_add_edge(sys, GC, VALVE));
    CHECK_OK(entropyk_system_add_edge(sys, VALVE, EVAP));
    CHECK_OK(entropyk_system_add_edge(sys, EVAP, COMP));
    CHECK_OK(entropyk_system_finalize(sys));
    return sys;
}

static void test_fixed_pressure(void) {
    EntropykSystem* sys = co2_cycle(100e5);
    EntropykSolverResult* r = NULL;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykConnectionResult out = ENTROPYK_CONNECTION_RESULT_INIT;
    if (sys == NULL) return;
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK(s.status == ENTROPYK_OK);
    CHECK_REL(s.COP_cooling, 2.02997360539, 1e-6);
    CHECK(fabs(s.energy_balance) <= 1e-9);
    CHECK(!s.subcooling_available);
    CHECK_OK(entropyk_result_get_connection(r, 1, &out)); /* gas cooler -> valve */
    CHECK(out.from == GC && out.to == VALVE);
    CHECK_REL(out.T, 308.15, 1e-9);
    CHECK_REL(out.p, 100e5, 1e-12);
    CHECK(out.phase == ENTROPYK_PHASE_SUPERCRITICAL);
    entropyk_result_free(r);
    /* The HIL step: a new high-side pressure, warm. */
    CHECK_OK(entropyk_system_set_input(sys, VALVE, ENTROPYK_INPUT_HIGH_SIDE_PRESSURE, 8881000.0));
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK_REL(s.COP_cooling, 2.10915478776, 1e-6);
    entropyk_result_free(r);
    /* Refused: a gas-cooler input on the valve, a negative pressure; nothing changes. */
    CHECK_CODE(entropyk_system_set_input(sys, VALVE, ENTROPYK_INPUT_OUTLET_TEMPERATURE, 300.0),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_system_set_input(sys, VALVE, ENTROPYK_INPUT_HIGH_SIDE_PRESSURE, -1.0),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_set_input(sys, GC, ENTROPYK_INPUT_OUTLET_TEMPERATURE, 308.15));
    entropyk_system_free(sys);
}

static void test_cop_optimal(void) {
    EntropykSystem* sys = co2_cycle(0.0);
    EntropykSolverResult* r = NULL;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykConnectionResult out = ENTROPYK_CONNECTION_RESULT_INIT;
    if (sys == NULL) return;
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK(s.status == ENTROPYK_OK);
    CHECK_REL(s.COP_cooling, 2.10915480313, 1e-8);
    CHECK_OK(entropyk_result_get_connection(r, 1, &out));
    CHECK(fabs(out.p - 8881000.0) <= 1000.0);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

static void test_bad_arguments(void) {
    EntropykComponent* c = NULL;
    EntropykGasCoolerConfig gc = ENTROPYK_GAS_COOLER_CONFIG_INIT;
    CHECK_CODE(entropyk_high_pressure_valve_create(-5.0, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
    CHECK_CODE(entropyk_high_pressure_valve_create(1e7, NULL), ENTROPYK_NULL_POINTER);
    gc.spec = 3;
    CHECK_CODE(entropyk_gas_cooler_create(&gc, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
    gc.spec = ENTROPYK_GAS_COOLER_UA;
    gc.UA = 0.0;
    CHECK_CODE(entropyk_gas_cooler_create(&gc, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
}

int main(void) {
    test_fixed_pressure();
    test_cop_optimal();
    test_bad_arguments();
    return check_report("test_transcritical");
}
