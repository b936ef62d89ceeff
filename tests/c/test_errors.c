/* Every error code of the C API, each produced by a real bad call, with its detail text checked.
   (ENTROPYK_INTERNAL_ERROR has no real bad call: tests/c/capi_helpers.test.cpp covers its mapping.) */
#include <math.h>
#include <stdint.h>

#include "check.h"
#include "cycles.h"

static EntropykFluid* r134a(void) {
    EntropykFluid* fluid = NULL;
    CHECK_OK(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_EOS, &fluid));
    return fluid;
}

/* Every code has a fixed description; unknown values get one too, never NULL. */
static void test_error_strings(void) {
    static const char* const expected[] = {"success",
                                           "the solver did not converge",
                                           "the solver ran out of its wall-clock budget",
                                           "converged with a control pinned at a bound",
                                           "fluid property error",
                                           "call not allowed in the object's current state",
                                           "the system is not well posed",
                                           "a required pointer argument is NULL",
                                           "an argument is out of range, NaN or infinite",
                                           "the caller's buffer is too small",
                                           "internal error",
                                           "the handle is not a live object of the expected kind",
                                           "the solver converged to a physically inadmissible state"};
    int code;
    CHECK(ENTROPYK_NON_PHYSICAL == 12);
    for (code = ENTROPYK_OK; code <= ENTROPYK_NON_PHYSICAL; ++code)
        CHECK_CONTAINS(entropyk_error_string(code), expected[code]);
    CHECK(strcmp(entropyk_error_string(13), "unknown error code") == 0);
    CHECK(strcmp(entropyk_error_string(-1), "unknown error code") == 0);
    CHECK(strcmp(entropyk_error_string(INT32_MAX), "unknown error code") == 0);
}

static void test_fluid_error(void) {
    EntropykFluid* fluid = NULL;
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT, before;
    CHECK_CODE(entropyk_fluid_create("R9999", ENTROPYK_BACKEND_EOS, &fluid), ENTROPYK_FLUID_ERROR);
    CHECK_CODE(entropyk_fluid_create("", ENTROPYK_BACKEND_EOS, &fluid), ENTROPYK_FLUID_ERROR);
    fluid = r134a();
    /* below the triple point */
    st.T = 12345.0;
    before = st;
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, 1e5, 50.0, &st), ENTROPYK_FLUID_ERROR);
    CHECK_CONTAINS(last_error_of(fluid), "entropyk_fluid_state: ");
    CHECK_CONTAINS(last_error_of(fluid), "T");
    CHECK(memcmp(&st, &before, sizeof st) == 0); /* *out untouched on error */
    /* negative pressure, quality outside [0, 1] */
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PH, -1e5, 4e5, &st), ENTROPYK_FLUID_ERROR);
    CHECK_CONTAINS(last_error_of(fluid), "p");
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_TQ, 280.0, 1.5, &st), ENTROPYK_FLUID_ERROR);
    CHECK_CONTAINS(last_error_of(fluid), "entropyk_fluid_state: ");
    /* a successful call keeps the last error */
    CHECK_OK(entropyk_fluid_state(fluid, ENTROPYK_INPUT_TQ, 280.0, 0.5, &st));
    CHECK_CONTAINS(last_error_of(fluid), "entropyk_fluid_state: ");
    entropyk_fluid_free(fluid);
}

static void test_null_pointer(void) {
    EntropykFluid* fluid = r134a();
    EntropykFluid* failed = fluid; /* a failed create resets *out to NULL */
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidInfo info = ENTROPYK_FLUID_INFO_INIT;
    char text[64];
    size_t len = 0;
    CHECK_CODE(entropyk_fluid_create(NULL, ENTROPYK_BACKEND_EOS, &failed), ENTROPYK_NULL_POINTER);
    CHECK(failed == NULL);
    CHECK_CODE(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_EOS, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_state(NULL, ENTROPYK_INPUT_PT, 1e5, 300.0, &st), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, 1e5, 300.0, NULL), ENTROPYK_NULL_POINTER);
    CHECK(strcmp(last_error_of(fluid), "entropyk_fluid_state: 'out' is NULL") == 0);
    CHECK_CODE(entropyk_fluid_info(fluid, NULL), ENTROPYK_NULL_POINTER);
    CHECK(strcmp(last_error_of(fluid), "entropyk_fluid_info: 'out' is NULL") == 0);
    CHECK_CODE(entropyk_fluid_info(NULL, &info), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_names(text, sizeof text, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_names(NULL, 10, &len), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_name(fluid, text, sizeof text, NULL), ENTROPYK_NULL_POINTER);
    CHECK(strcmp(last_error_of(fluid), "entropyk_fluid_name: 'out_len' is NULL") == 0);
    CHECK_CODE(entropyk_fluid_last_error(fluid, text, sizeof text, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_last_error(NULL, text, sizeof text, &len), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_state_init(NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_info_init(NULL), ENTROPYK_NULL_POINTER);
    entropyk_fluid_free(fluid);
}

static void test_invalid_argument(void) {
    EntropykFluid* fluid = r134a();
    EntropykFluid* other = NULL;
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidInfo info = ENTROPYK_FLUID_INFO_INIT;
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, NAN, 300.0, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(last_error_of(fluid), "entropyk_fluid_state: 'v1 (p [Pa])' is NaN") == 0);
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PH, 1e5, INFINITY, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(last_error_of(fluid), "entropyk_fluid_state: 'v2 (h [J/kg])' is +infinity") == 0);
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_TD, -INFINITY, 3.0, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(last_error_of(fluid), "'v1 (T [K])' is -infinity");
    CHECK_CODE(entropyk_fluid_state(fluid, 42, 1e5, 300.0, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(last_error_of(fluid), "unknown input pair 42");
    st.struct_size = 0;
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, 1e5, 300.0, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(last_error_of(fluid), "'out->struct_size' is 0");
    info.struct_size = 4;
    CHECK_CODE(entropyk_fluid_info(fluid, &info), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(last_error_of(fluid), "'out->struct_size' is 4");
    CHECK_CODE(entropyk_fluid_create("R134a", 2, &other), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_fluid_create("R134a", 7, &other), ENTROPYK_INVALID_ARGUMENT);
    CHECK(other == NULL);
    entropyk_fluid_free(fluid);
}

static void test_buffer_too_small(void) {
    EntropykFluid* fluid = r134a();
    char all[256], small[4];
    size_t len = 0, needed = 0;
    CHECK_OK(entropyk_fluid_names(NULL, 0, &needed)); /* size query */
    CHECK_OK(entropyk_fluid_names(all, needed + 1, &len));
    CHECK(len == needed && strlen(all) == needed);
    memset(small, 'x', sizeof small);
    CHECK_CODE(entropyk_fluid_names(small, sizeof small, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(len == needed);                                                           /* the needed length */
    CHECK(small[3] == '\0' && strncmp(small, all, 3) == 0);                         /* a terminated prefix */
    CHECK_CODE(entropyk_fluid_names(all, needed, &len), ENTROPYK_BUFFER_TOO_SMALL); /* no room for the NUL */
    CHECK_OK(entropyk_fluid_name(fluid, all, 6, &len));                             /* "R134a" needs 6 bytes */
    CHECK_CODE(entropyk_fluid_name(fluid, small, sizeof small, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(len == 5);
    CHECK_CONTAINS(last_error_of(fluid), "entropyk_fluid_name: the text needs 6 bytes");
    /* reading the last error with a short buffer reports its full length and does not overwrite it */
    CHECK_CODE(entropyk_fluid_last_error(fluid, small, sizeof small, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(len == strlen(last_error_of(fluid)));
    CHECK_CONTAINS(last_error_of(fluid), "entropyk_fluid_name: the text needs 6 bytes");
    entropyk_fluid_free(fluid);
}

static void test_invalid_handle(void) {
    /* memory that is not a fluid handle: zeros, and a foreign object */
    uint64_t zeros[16] = {0};
    double foreign[16] = {1.0, 2.0, 3.0};
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
    char text[64];
    size_t len = 0;
    CHECK_CODE(entropyk_fluid_state((const EntropykFluid*)(void*)zeros, ENTROPYK_INPUT_PT, 1e5, 300.0, &st),
               ENTROPYK_INVALID_HANDLE);
    CHECK_CODE(entropyk_fluid_name((const EntropykFluid*)(void*)foreign, text, sizeof text, &len),
               ENTROPYK_INVALID_HANDLE);
    CHECK_CODE(entropyk_fluid_last_error((const EntropykFluid*)(void*)foreign, text, sizeof text, &len),
               ENTROPYK_INVALID_HANDLE);
    /* a misaligned pointer into a real handle's memory */
    {
        EntropykFluid* fluid = r134a();
        CHECK_CODE(
            entropyk_fluid_state((const EntropykFluid*)(void*)((char*)fluid + 1), ENTROPYK_INPUT_PT, 1e5, 300.0, &st),
            ENTROPYK_INVALID_HANDLE);
        entropyk_fluid_free(fluid);
    }
    entropyk_fluid_free((EntropykFluid*)(void*)zeros); /* ignored: not a live handle */
    CHECK(zeros[0] == 0);
}

static const char* system_error(const EntropykSystem* sys) {
    static char text[1024];
    size_t len = 0;
    text[0] = '\0';
    if (entropyk_system_last_error(sys, text, sizeof text, &len) != ENTROPYK_OK) text[0] = '\0';
    return text;
}

/* Calls in the wrong order. */
static void test_invalid_state(void) {
    EntropykSystem* sys = NULL;
    EntropykSolverResult* r = (EntropykSolverResult*)&sys;
    EntropykComponent* extra = isentropic_compressor(0.7, 0.1);
    uint32_t index = 0;
    CHECK_OK(entropyk_system_create("R32", ENTROPYK_BACKEND_EOS, &sys));
    CHECK_CODE(entropyk_solve_newton(sys, NULL, &r), ENTROPYK_INVALID_STATE);
    CHECK(r == NULL);
    CHECK(strcmp(system_error(sys), "entropyk_solve_newton: call entropyk_system_finalize first") == 0);
    CHECK_CODE(entropyk_result_create(sys, &r), ENTROPYK_INVALID_STATE);
    entropyk_system_free(sys);

    sys = r32_cycle();
    CHECK_CODE(entropyk_system_add_component(sys, extra, &index), ENTROPYK_INVALID_STATE);
    CHECK_CONTAINS(system_error(sys), "entropyk_system_add_component: cannot add a component after "
                                      "entropyk_system_finalize");
    entropyk_component_free(extra); /* still the caller's after a refused add */
    CHECK_CODE(entropyk_system_add_edge(sys, 0, 1), ENTROPYK_INVALID_STATE);
    CHECK_CODE(entropyk_system_finalize(sys), ENTROPYK_INVALID_STATE);
    CHECK_CONTAINS(system_error(sys), "entropyk_system_finalize: cannot finalize again");
    entropyk_system_free(sys);
}

/* A system that is not well posed. */
static void test_validation_error(void) {
    EntropykSystem* sys = NULL;
    EntropykComponent* comp = isentropic_compressor(0.8, 0.1);
    EntropykComponent* cond = fixed_saturation(1, 318.15, 3.0);
    EntropykComponent* v = valve(ENTROPYK_VALVE_ISENTHALPIC, 0.0, 0.0, 0.0, 1.0);
    uint32_t i = 0;
    CHECK_OK(entropyk_system_create("R32", ENTROPYK_BACKEND_EOS, &sys));
    CHECK_OK(entropyk_component_set_name(comp, "scroll"));
    CHECK_OK(entropyk_system_add_component(sys, comp, &i));
    CHECK_OK(entropyk_system_add_component(sys, cond, &i));
    CHECK_OK(entropyk_system_add_component(sys, v, &i));
    CHECK_OK(entropyk_system_add_edge(sys, 0, 1));
    CHECK_OK(entropyk_system_add_edge(sys, 1, 2));
    /* an outlet takes one connection */
    CHECK_CODE(entropyk_system_add_edge(sys, 0, 2), ENTROPYK_VALIDATION_ERROR);
    CHECK_CONTAINS(system_error(sys), "'scroll'");
    CHECK_CONTAINS(system_error(sys), "outlet is already connected");
    /* the valve's outlet and the compressor's inlet are unconnected */
    CHECK_CODE(entropyk_system_finalize(sys), ENTROPYK_VALIDATION_ERROR);
    CHECK_CONTAINS(system_error(sys), "entropyk_system_finalize: ");
    CHECK_CONTAINS(system_error(sys), "valve");
    entropyk_system_free(sys);
}

/* Solves that do not reach their goal, with a result to inspect. */
static void test_solve_outcomes(void) {
    EntropykSystem* sys = heat_pump(60.0);
    EntropykSolverResult* r = NULL;
    EntropykNewtonConfig one = ENTROPYK_NEWTON_CONFIG_INIT;
    EntropykFallbackConfig quick = ENTROPYK_FALLBACK_CONFIG_INIT;
    EntropykErrorCode status = ENTROPYK_OK;
    char report[1024];
    size_t len = 0;
    CHECK(sys != NULL);
    if (sys == NULL) return;
    one.max_iterations = 1;
    one.cold_start = 1;
    one.time_budget = 60.0; /* slow sanitizer builds on a loaded machine */
    CHECK_CODE(entropyk_solve_newton(sys, &one, &r), ENTROPYK_NON_CONVERGENCE);
    CHECK(r != NULL);
    CHECK_CONTAINS(system_error(sys), "entropyk_solve_newton: did not converge after 1 iterations");
    CHECK_OK(entropyk_result_get_status(r, &status));
    CHECK(status == ENTROPYK_NON_CONVERGENCE);
    CHECK_OK(entropyk_result_get_report(r, report, sizeof report, &len));
    CHECK(len > 0);
    CHECK_CONTAINS(report, "'");
    entropyk_result_free(r);

    quick.time_budget = 1e-9;
    quick.cold_start = 1;
    CHECK_CODE(entropyk_solve_fallback(sys, &quick, &r), ENTROPYK_TIMEOUT);
    CHECK_CONTAINS(system_error(sys), "entropyk_solve_fallback: timed out");
    CHECK_OK(entropyk_result_get_status(r, &status));
    CHECK(status == ENTROPYK_TIMEOUT);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

/* A superheat-controlled valve whose opening limit is too small: converged, control pinned. */
static void test_control_saturation(void) {
    EntropykSystem* sys = heat_pump_with(valve(ENTROPYK_VALVE_SUPERHEAT_CONTROL, 5.0, 2.0e-6, 0.05, 1.0), 60.0);
    EntropykSolverResult* r = NULL;
    EntropykFallbackConfig cold = ENTROPYK_FALLBACK_CONFIG_INIT;
    EntropykComponentResult v = ENTROPYK_COMPONENT_RESULT_INIT;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    double opening = 0.0;
    cold.cold_start = 1;
    cold.time_budget = 60.0; /* slow sanitizer builds on a loaded machine */
    CHECK(sys != NULL);
    if (sys == NULL) return;
    CHECK_OK(entropyk_solve_fallback(sys, &cold, &r));
    CHECK_OK(entropyk_result_get_component(r, VALVE, &v));
    CHECK(v.has_control && v.control_value > 0.05 && v.control_value < 1.0 && !v.control_saturated);
    opening = v.control_value;
    entropyk_result_free(r);
    entropyk_system_free(sys);

    sys = heat_pump_with(valve(ENTROPYK_VALVE_SUPERHEAT_CONTROL, 5.0, 2.0e-6, 0.01, 0.5 * opening), 60.0);
    CHECK(sys != NULL);
    if (sys == NULL) return;
    CHECK_CODE(entropyk_solve_fallback(sys, &cold, &r), ENTROPYK_CONTROL_SATURATION);
    CHECK_CONTAINS(system_error(sys), "entropyk_solve_fallback: converged with a control saturated");
    CHECK_OK(entropyk_result_get_component(r, VALVE, &v));
    CHECK(v.control_saturated);
    CHECK_REL(v.control_value, 0.5 * opening, 1e-9);
    CHECK_OK(entropyk_result_get_summary(r, &s));
    CHECK(s.status == ENTROPYK_CONTROL_SATURATION && s.superheat > 5.1);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

/* Bad numbers and enum values in the system and component API. */
static void test_system_invalid_argument(void) {
    EntropykSystem* sys = r32_cycle();
    EntropykComponent* c = NULL;
    EntropykHeatExchangerConfig hx = ENTROPYK_HEAT_EXCHANGER_CONFIG_INIT;
    EntropykIsentropicCompressorConfig ic = ENTROPYK_ISENTROPIC_COMPRESSOR_CONFIG_INIT;
    EntropykExpansionValveConfig vc = ENTROPYK_EXPANSION_VALVE_CONFIG_INIT;
    EntropykNewtonConfig nc = ENTROPYK_NEWTON_CONFIG_INIT;
    EntropykSolverResult* r = NULL;
    hx.UA = -5.0; /* negative UA */
    CHECK_CODE(entropyk_evaporator_create(&hx, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
    hx.UA = 1000.0;
    hx.secondary_mass_flow = -1.0; /* negative flow */
    CHECK_CODE(entropyk_condenser_create(&hx, &c), ENTROPYK_INVALID_ARGUMENT);
    hx.secondary_mass_flow = NAN;
    CHECK_CODE(entropyk_condenser_create(&hx, &c), ENTROPYK_INVALID_ARGUMENT);
    hx.secondary_mass_flow = 1.0;
    hx.model = 7;
    CHECK_CODE(entropyk_condenser_create(&hx, &c), ENTROPYK_INVALID_ARGUMENT);
    ic.isentropic_efficiency = 1.5;
    CHECK_CODE(entropyk_isentropic_compressor_create(&ic, &c), ENTROPYK_INVALID_ARGUMENT);
    vc.mode = -1;
    CHECK_CODE(entropyk_expansion_valve_create(&vc, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
    CHECK_CODE(entropyk_system_set_input(sys, COMP, ENTROPYK_INPUT_MASS_FLOW, NAN), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(system_error(sys), "entropyk_system_set_input: 'value' is NaN") == 0);
    CHECK_CODE(entropyk_system_set_input(sys, COMP, 42, 1.0), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_system_set_input(sys, 17, ENTROPYK_INPUT_MASS_FLOW, 1.0), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_system_set_input(sys, VALVE, ENTROPYK_INPUT_COMPRESSOR_SPEED, 50.0), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(system_error(sys), "'valve'");
    nc.tolerance = -1.0;
    CHECK_CODE(entropyk_solve_newton(sys, &nc, &r), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(system_error(sys), "config->tolerance");
    CHECK(r == NULL);
    entropyk_system_free(sys);
    CHECK_CODE(entropyk_system_create("R134a", -1, &sys), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(entropyk_error_string(ENTROPYK_INVALID_ARGUMENT), "argument");
    CHECK_CODE(entropyk_system_create("nope", ENTROPYK_BACKEND_EOS, &sys), ENTROPYK_FLUID_ERROR);
    CHECK(sys == NULL);
}

/* Handles of the wrong kind, and NULL handles. */
static void test_system_handles(void) {
    EntropykFluid* fluid = r134a();
    EntropykSystem* sys = r32_cycle();
    EntropykSolverResult* r = NULL;
    uint32_t index = 0, n = 0;
    CHECK_CODE(entropyk_system_finalize((EntropykSystem*)(void*)fluid), ENTROPYK_INVALID_HANDLE);
    CHECK_CODE(entropyk_system_add_component(sys, (EntropykComponent*)(void*)fluid, &index), ENTROPYK_INVALID_HANDLE);
    CHECK_CONTAINS(system_error(sys), "not a live EntropykComponent handle");
    CHECK_CODE(entropyk_system_add_component(sys, NULL, &index), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_solve_newton_into(sys, NULL, (EntropykSolverResult*)(void*)fluid), ENTROPYK_INVALID_HANDLE);
    CHECK_CODE(entropyk_result_get_connection_count((const EntropykSolverResult*)(void*)sys, &n),
               ENTROPYK_INVALID_HANDLE);
    CHECK_CODE(entropyk_system_get_component_count(sys, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_solve_newton(sys, NULL, NULL), ENTROPYK_NULL_POINTER);
    CHECK_OK(entropyk_solve_newton(sys, NULL, &r));
    CHECK_CODE(entropyk_result_get_connection(r, 99, NULL), ENTROPYK_NULL_POINTER);
    {
        EntropykConnectionResult c = ENTROPYK_CONNECTION_RESULT_INIT;
        char text[256];
        size_t len = 0;
        CHECK_CODE(entropyk_result_get_connection(r, 99, &c), ENTROPYK_INVALID_ARGUMENT);
        CHECK_OK(entropyk_result_last_error(r, text, sizeof text, &len));
        CHECK(strcmp(text, "entropyk_result_get_connection: connection index 99: the system has 4 connections") == 0);
    }
    entropyk_result_free(r);
    entropyk_fluid_free((EntropykFluid*)(void*)sys);     /* ignored: not a fluid */
    entropyk_system_free((EntropykSystem*)(void*)fluid); /* ignored: not a system */
    entropyk_system_free(sys);
    entropyk_fluid_free(fluid);
}

/* A network (the R744 booster rack of examples/cycles) through the cycle-file door: refused inputs
   change nothing, and after a failed solve the good point gives the fresh answer again, warm and
   cold (to 1e-12 with the solver's tolerance at 1e-12). */
static const char booster[] =
    "{\"refrigerant\": \"R744\", \"components\": ["
    "{\"name\": \"mt compressor\", \"type\": \"isentropic_compressor\", \"isentropic_efficiency\": 0.7, "
    "\"mass_flow\": 0.15},"
    "{\"name\": \"gas cooler\", \"type\": \"gas_cooler\", \"outlet_temperature\": 35.0},"
    "{\"name\": \"hp valve\", \"type\": \"high_pressure_valve\", \"mode\": \"fixed_pressure\", \"pressure\": 90.0},"
    "{\"name\": \"flash tank\", \"type\": \"flash_tank\", \"pressure\": 35.0},"
    "{\"name\": \"bypass valve\", \"type\": \"isenthalpic_valve\"},"
    "{\"name\": \"liquid split\", \"type\": \"splitter\"},"
    "{\"name\": \"mt valve\", \"type\": \"isenthalpic_valve\"},"
    "{\"name\": \"mt evaporator\", \"type\": \"fixed_saturation_evaporator\", \"saturation_temperature\": -8.0, "
    "\"superheat\": 5.0},"
    "{\"name\": \"lt valve\", \"type\": \"isenthalpic_valve\"},"
    "{\"name\": \"lt evaporator\", \"type\": \"fixed_saturation_evaporator\", \"saturation_temperature\": -30.0, "
    "\"superheat\": 5.0},"
    "{\"name\": \"lt compressor\", \"type\": \"isentropic_compressor\", \"isentropic_efficiency\": 0.7, "
    "\"mass_flow\": 0.03},"
    "{\"name\": \"booster mixer\", \"type\": \"mixer\"}, {\"name\": \"bypass mixer\", \"type\": \"mixer\"}],"
    "\"connections\": [{\"from\": \"mt compressor\", \"to\": \"gas cooler\"}, {\"from\": \"gas cooler\", \"to\": "
    "\"hp valve\"}, {\"from\": \"hp valve\", \"to\": \"flash tank\"}, {\"from\": \"flash tank.liquid_out\", \"to\": "
    "\"liquid split\"}, {\"from\": \"flash tank.vapour_out\", \"to\": \"bypass valve\"}, {\"from\": "
    "\"liquid split.outlet_a\", \"to\": \"mt valve\"}, {\"from\": \"mt valve\", \"to\": \"mt evaporator\"}, "
    "{\"from\": \"liquid split.outlet_b\", \"to\": \"lt valve\"}, {\"from\": \"lt valve\", \"to\": \"lt evaporator\"}, "
    "{\"from\": \"lt evaporator\", \"to\": \"lt compressor\"}, {\"from\": \"mt evaporator\", \"to\": "
    "\"booster mixer.inlet_a\"}, {\"from\": \"lt compressor\", \"to\": \"booster mixer.inlet_b\"}, {\"from\": "
    "\"booster mixer\", \"to\": \"bypass mixer.inlet_a\"}, {\"from\": \"bypass valve\", \"to\": "
    "\"bypass mixer.inlet_b\"}, {\"from\": \"bypass mixer\", \"to\": \"mt compressor\"}]}";

enum { BOOSTER_EDGES = 15 };

/* The (p, h, m) of every connection of a converged result. */
static int booster_states(EntropykSolverResult* r, double out[BOOSTER_EDGES][3]) {
    uint32_t n = 0, e;
    if (entropyk_result_get_connection_count(r, &n) != ENTROPYK_OK || n != BOOSTER_EDGES) return 0;
    for (e = 0; e < n; ++e) {
        EntropykConnectionResult c = ENTROPYK_CONNECTION_RESULT_INIT;
        if (entropyk_result_get_connection(r, e, &c) != ENTROPYK_OK) return 0;
        out[e][0] = c.p;
        out[e][1] = c.h;
        out[e][2] = c.m;
    }
    return 1;
}

static int booster_same(double a[BOOSTER_EDGES][3], double b[BOOSTER_EDGES][3]) {
    int e, k;
    for (e = 0; e < BOOSTER_EDGES; ++e)
        for (k = 0; k < 3; ++k)
            if (!(fabs(a[e][k] - b[e][k]) <= 1e-12 * fabs(b[e][k]))) return 0;
    return 1;
}

static void test_network_failed_then_good(void) {
    EntropykSystem *fresh = NULL, *sys = NULL;
    EntropykSolverResult* r = NULL;
    EntropykFallbackConfig cold = ENTROPYK_FALLBACK_CONFIG_INIT;
    EntropykNewtonConfig warm = ENTROPYK_NEWTON_CONFIG_INIT;
    EntropykFallbackConfig patient = ENTROPYK_FALLBACK_CONFIG_INIT;
    char msg[512];
    size_t len = 0;
    static double ref[BOOSTER_EDGES][3], now[BOOSTER_EDGES][3];
    cold.cold_start = 1;
    cold.tolerance = 1e-12;
    cold.time_budget = 60.0;
    warm.tolerance = 1e-12;
    warm.time_budget = 60.0;
    patient.time_budget = 60.0; /* a loaded machine, sanitizers: the failure must be the physics */
    CHECK_OK(entropyk_system_from_json(booster, "booster", &fresh, msg, sizeof msg, &len));
    CHECK_OK(entropyk_system_from_json(booster, "booster", &sys, msg, sizeof msg, &len));
    if (fresh == NULL || sys == NULL) return;
    CHECK_OK(entropyk_solve_fallback(fresh, &cold, &r));
    CHECK(booster_states(r, ref));
    entropyk_result_free(r);
    CHECK_OK(entropyk_solve_fallback(sys, &cold, &r));
    entropyk_result_free(r);

    /* Refused: the system is unchanged, the next warm solve is the reference. */
    CHECK_CODE(entropyk_system_set_input(sys, 0, ENTROPYK_INPUT_MASS_FLOW, -0.1), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(system_error(sys), "mass flow = -0.1 kg/s: expected a positive number");
    CHECK_CODE(entropyk_system_set_input(sys, 3, ENTROPYK_INPUT_MASS_FLOW, 1.0), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(system_error(sys), "input 8 does not apply to a flash tank");
    CHECK_CODE(entropyk_system_set_input(sys, 0, ENTROPYK_INPUT_ISENTROPIC_EFFICIENCY, 1.5), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_solve_newton(sys, &warm, &r));
    CHECK(booster_states(r, now) && booster_same(now, ref));
    entropyk_result_free(r);

    /* Accepted but without a steady state: the low-temperature compressor draws more than the
       tank's liquid; then the good point again, warm and cold. */
    CHECK_OK(entropyk_system_set_input(sys, 10, ENTROPYK_INPUT_MASS_FLOW, 0.2));
    CHECK_CODE(entropyk_solve_fallback(sys, &patient, &r), ENTROPYK_NON_CONVERGENCE);
    entropyk_result_free(r);
    CHECK_OK(entropyk_system_set_input(sys, 10, ENTROPYK_INPUT_MASS_FLOW, 0.03));
    CHECK_OK(entropyk_solve_newton(sys, &warm, &r));
    CHECK(booster_states(r, now) && booster_same(now, ref));
    entropyk_result_free(r);
    CHECK_OK(entropyk_system_set_input(sys, 10, ENTROPYK_INPUT_MASS_FLOW, 0.2));
    CHECK_CODE(entropyk_solve_fallback(sys, &patient, &r), ENTROPYK_NON_CONVERGENCE);
    entropyk_result_free(r);
    CHECK_OK(entropyk_system_set_input(sys, 10, ENTROPYK_INPUT_MASS_FLOW, 0.03));
    CHECK_OK(entropyk_solve_fallback(sys, &cold, &r));
    CHECK(booster_states(r, now) && booster_same(now, ref));
    entropyk_result_free(r);
    entropyk_system_free(sys);
    entropyk_system_free(fresh);
}

int main(void) {
    test_error_strings();
    test_invalid_state();
    test_validation_error();
    test_solve_outcomes();
    test_control_saturation();
    test_system_invalid_argument();
    test_system_handles();
    test_fluid_error();
    test_null_pointer();
    test_invalid_argument();
    test_buffer_too_small();
    test_invalid_handle();
    test_network_failed_then_good();
    return check_report("test_errors");
}
