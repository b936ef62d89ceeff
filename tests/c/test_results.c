/* The result contract of the C API (issue 13): every out handle is NULL after any failure; an _into
   solve refuses another system's result; the report of a clean solve; a failed solve's figures
   (written, with the result's own status and a detail saying what they are), never an earlier
   solve's; a result no solve has written yet; the warning getters and the discharge temperature
   limit. Each refusal checks the exact code and that the detail names the cause. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "cycles.h"

static const char* system_error(const EntropykSystem* sys) {
    static char text[1024];
    size_t len = 0;
    text[0] = '\0';
    if (entropyk_system_last_error(sys, text, sizeof text, &len) != ENTROPYK_OK) text[0] = '\0';
    return text;
}

static const char* result_error(const EntropykSolverResult* r) {
    static char text[1024];
    size_t len = 0;
    text[0] = '\0';
    if (entropyk_result_last_error(r, text, sizeof text, &len) != ENTROPYK_OK) text[0] = '\0';
    return text;
}

/* A pointer value that is not NULL, to see that a failed call resets *out. */
#define POISON(type) ((type*)(void*)&poison_target)
static int poison_target;

/* Every function with an out handle sets *out = NULL on every failure path: NULL receivers, handles
   of the wrong kind, bad configs, wrong state. */
static void test_out_handles_null_on_failure(void) {
    EntropykFluid* fluid = NULL;
    EntropykSystem* sys = NULL;
    EntropykSystem* unfinalized = NULL;
    EntropykSolverResult* r = NULL;
    EntropykComponent* c = NULL;
    EntropykNewtonConfig bad_newton = ENTROPYK_NEWTON_CONFIG_INIT;
    EntropykPicardConfig bad_picard = ENTROPYK_PICARD_CONFIG_INIT;
    EntropykFallbackConfig bad_fallback = ENTROPYK_FALLBACK_CONFIG_INIT;
    EntropykHeatExchangerConfig hx = ENTROPYK_HEAT_EXCHANGER_CONFIG_INIT;
    CHECK_OK(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_EOS, &fluid));
    sys = r32_cycle();
    CHECK(sys != NULL);
    if (sys == NULL) return;

    /* entropyk_result_create: NULL system, a fluid passed as a system, an unfinalized system */
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_result_create(NULL, &r), ENTROPYK_NULL_POINTER);
    CHECK(r == NULL);
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_result_create((const EntropykSystem*)(void*)fluid, &r), ENTROPYK_INVALID_HANDLE);
    CHECK(r == NULL);
    CHECK_OK(entropyk_system_create("R32", ENTROPYK_BACKEND_EOS, &unfinalized));
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_result_create(unfinalized, &r), ENTROPYK_INVALID_STATE);
    CHECK(r == NULL);
    CHECK(strcmp(system_error(unfinalized), "entropyk_result_create: call entropyk_system_finalize first") == 0);

    /* the three allocating solves */
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_solve_newton(NULL, NULL, &r), ENTROPYK_NULL_POINTER);
    CHECK(r == NULL);
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_solve_picard(NULL, NULL, &r), ENTROPYK_NULL_POINTER);
    CHECK(r == NULL);
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_solve_fallback(NULL, NULL, &r), ENTROPYK_NULL_POINTER);
    CHECK(r == NULL);
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_solve_newton((EntropykSystem*)(void*)fluid, NULL, &r), ENTROPYK_INVALID_HANDLE);
    CHECK(r == NULL);
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_solve_picard((EntropykSystem*)(void*)fluid, NULL, &r), ENTROPYK_INVALID_HANDLE);
    CHECK(r == NULL);
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_solve_fallback((EntropykSystem*)(void*)fluid, NULL, &r), ENTROPYK_INVALID_HANDLE);
    CHECK(r == NULL);
    bad_newton.max_iterations = 0;
    bad_picard.relaxation = 2.0;
    bad_fallback.time_budget = -1.0;
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_solve_newton(sys, &bad_newton, &r), ENTROPYK_INVALID_ARGUMENT);
    CHECK(r == NULL);
    CHECK_CONTAINS(system_error(sys), "config->max_iterations = 0");
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_solve_picard(sys, &bad_picard, &r), ENTROPYK_INVALID_ARGUMENT);
    CHECK(r == NULL);
    CHECK_CONTAINS(system_error(sys), "config->relaxation = 2");
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_solve_fallback(sys, &bad_fallback, &r), ENTROPYK_INVALID_ARGUMENT);
    CHECK(r == NULL);
    CHECK_CONTAINS(system_error(sys), "config->time_budget = -1");
    r = POISON(EntropykSolverResult);
    CHECK_CODE(entropyk_solve_fallback(unfinalized, NULL, &r), ENTROPYK_INVALID_STATE);
    CHECK(r == NULL);

    /* creators of the other handle kinds */
    {
        EntropykFluid* f = POISON(EntropykFluid);
        CHECK_CODE(entropyk_fluid_create(NULL, ENTROPYK_BACKEND_EOS, &f), ENTROPYK_NULL_POINTER);
        CHECK(f == NULL);
        f = POISON(EntropykFluid);
        CHECK_CODE(entropyk_fluid_create("R9999", ENTROPYK_BACKEND_EOS, &f), ENTROPYK_FLUID_ERROR);
        CHECK(f == NULL);
    }
    {
        EntropykSystem* s = POISON(EntropykSystem);
        CHECK_CODE(entropyk_system_create("R32", 99, &s), ENTROPYK_INVALID_ARGUMENT);
        CHECK(s == NULL);
    }
    hx.UA = -1.0;
    c = POISON(EntropykComponent);
    CHECK_CODE(entropyk_evaporator_create(&hx, &c), ENTROPYK_INVALID_ARGUMENT);
    CHECK(c == NULL);
    c = POISON(EntropykComponent);
    CHECK_CODE(entropyk_condenser_create(NULL, &c), ENTROPYK_NULL_POINTER);
    CHECK(c == NULL);

    entropyk_system_free(unfinalized);
    entropyk_system_free(sys);
    entropyk_fluid_free(fluid);
}

/* An _into solve refuses a result made for another system, and leaves it unchanged. */
static void test_into_refuses_foreign_result(void) {
    EntropykSystem* a = r32_cycle();
    EntropykSystem* b = r32_cycle(); /* same shape: sizes alone cannot tell them apart */
    EntropykSolverResult *ra = NULL, *from_solve = NULL;
    double q_before = 0.0, q_after = 0.0;
    CHECK(a != NULL && b != NULL);
    if (a == NULL || b == NULL) return;
    CHECK_OK(entropyk_result_create(a, &ra));
    CHECK_OK(entropyk_solve_newton_into(a, NULL, ra));
    CHECK_OK(entropyk_result_get_cooling_capacity(ra, &q_before));
    CHECK_CODE(entropyk_solve_newton_into(b, NULL, ra), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(system_error(b), "entropyk_solve_newton_into: 'reused' belongs to another system (make it with "
                                  "entropyk_result_create for this system)") == 0);
    CHECK_CODE(entropyk_solve_picard_into(b, NULL, ra), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_solve_fallback_into(b, NULL, ra), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(system_error(b), "entropyk_solve_fallback_into: 'reused' belongs to another system");
    CHECK_OK(entropyk_result_get_cooling_capacity(ra, &q_after));
    CHECK(q_before == q_after);
    /* a result an allocating solve of the system returned is that system's too */
    CHECK_OK(entropyk_solve_newton(a, NULL, &from_solve));
    CHECK_OK(entropyk_solve_newton_into(a, NULL, from_solve));
    CHECK_CODE(entropyk_solve_newton_into(b, NULL, from_solve), ENTROPYK_INVALID_ARGUMENT);
    entropyk_result_free(from_solve);
    entropyk_result_free(ra);
    /* a freed system's results do not fit a new system even at the same address */
    entropyk_system_free(b);
    b = r32_cycle();
    CHECK_OK(entropyk_solve_newton(a, NULL, &ra));
    CHECK_CODE(entropyk_solve_newton_into(b, NULL, ra), ENTROPYK_INVALID_ARGUMENT);
    entropyk_result_free(ra);
    entropyk_system_free(a);
    entropyk_system_free(b);
}

/* The report of a clean solve is the solver's account (documented in the result module), not empty;
   a result no solve has written has an empty report and refuses the status and the figures. */
static void test_clean_report_and_unwritten_result(void) {
    EntropykSystem* sys = r32_cycle();
    EntropykSolverResult* r = NULL;
    EntropykErrorCode status = -1;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    char report[1536];
    size_t len = 99;
    double q = 12345.0;
    uint32_t n = 0;
    CHECK(sys != NULL);
    if (sys == NULL) return;
    CHECK_OK(entropyk_result_create(sys, &r));
    CHECK_OK(entropyk_result_get_report(r, report, sizeof report, &len));
    CHECK(len == 0 && report[0] == '\0');
    CHECK_CODE(entropyk_result_get_status(r, &status), ENTROPYK_INVALID_STATE);
    CHECK(status == -1);
    CHECK_CONTAINS(result_error(r), "entropyk_result_get_status: no solve has written this result yet");
    CHECK_CODE(entropyk_result_get_cooling_capacity(r, &q), ENTROPYK_INVALID_STATE);
    CHECK(q == 12345.0);
    CHECK_CODE(entropyk_result_get_summary(r, &s), ENTROPYK_INVALID_STATE);
    CHECK_OK(entropyk_result_get_connection_count(r, &n));
    CHECK(n == 4);
    CHECK_OK(entropyk_result_get_warning_count(r, &n));
    CHECK(n == 0);

    CHECK_OK(entropyk_solve_newton_into(sys, NULL, r));
    CHECK_OK(entropyk_result_get_status(r, &status));
    CHECK(status == ENTROPYK_OK);
    CHECK_OK(entropyk_result_get_report(r, report, sizeof report, &len));
    CHECK(len > 0 && len < sizeof report && strlen(report) == len);
    CHECK(strncmp(report, "status: ", 8) == 0);
    CHECK_CONTAINS(report, "Converged");
    CHECK_CONTAINS(report, "iterations: ");
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

/* A failed solve through the same result handle: the figure getters write the failed solve's values
   (never the first solve's), return its own code and say so in the last error. */
static void test_failed_into_result(void) {
    EntropykSystem* sys = heat_pump(60.0);
    EntropykSolverResult* r = NULL;
    EntropykFallbackConfig cold = ENTROPYK_FALLBACK_CONFIG_INIT;
    EntropykNewtonConfig one = ENTROPYK_NEWTON_CONFIG_INIT;
    EntropykCycleSummary ok = ENTROPYK_CYCLE_SUMMARY_INIT, bad = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykComponentResult comp = ENTROPYK_COMPONENT_RESULT_INIT;
    EntropykErrorCode status = ENTROPYK_OK;
    double q_ok = 0.0, q_bad = 0.0, cop_bad = 0.0, w_bad = 0.0, norm = 0.0, sh = 0.0;
    double state[32];
    size_t n = 0;
    char report[1536];
    CHECK(sys != NULL);
    if (sys == NULL) return;
    cold.cold_start = 1;
    cold.time_budget = 60.0; /* slow sanitizer builds on a loaded machine */
    CHECK_OK(entropyk_result_create(sys, &r));
    CHECK_OK(entropyk_solve_fallback_into(sys, &cold, r));
    CHECK_OK(entropyk_result_get_summary(r, &ok));
    CHECK_OK(entropyk_result_get_cooling_capacity(r, &q_ok));
    CHECK(ok.status == ENTROPYK_OK && q_ok > 1000.0);

    /* one Newton iteration from the automatic guess at another speed cannot converge */
    CHECK_OK(entropyk_system_set_input(sys, COMP, ENTROPYK_INPUT_COMPRESSOR_SPEED, 45.0));
    one.max_iterations = 1;
    one.cold_start = 1;
    one.time_budget = 60.0;
    CHECK_CODE(entropyk_solve_newton_into(sys, &one, r), ENTROPYK_NON_CONVERGENCE);
    CHECK_CONTAINS(system_error(sys), "entropyk_solve_newton_into: did not converge after 1 iterations");
    CHECK_OK(entropyk_result_get_status(r, &status));
    CHECK(status == ENTROPYK_NON_CONVERGENCE);

    CHECK_CODE(entropyk_result_get_cooling_capacity(r, &q_bad), ENTROPYK_NON_CONVERGENCE);
    CHECK(isnan(q_bad) || q_bad != q_ok);
    CHECK_CONTAINS(result_error(r), "entropyk_result_get_cooling_capacity: the solve did not converge: the figures "
                                    "are its last iterate (NaN where it has none), not a solution");
    CHECK_CODE(entropyk_result_get_cop_cooling(r, &cop_bad), ENTROPYK_NON_CONVERGENCE);
    CHECK(isnan(cop_bad) || cop_bad != ok.COP_cooling);
    CHECK_CODE(entropyk_result_get_compressor_power(r, &w_bad), ENTROPYK_NON_CONVERGENCE);
    CHECK(isnan(w_bad) || w_bad != ok.compressor_power);
    CHECK_CODE(entropyk_result_get_summary(r, &bad), ENTROPYK_NON_CONVERGENCE);
    CHECK(bad.status == ENTROPYK_NON_CONVERGENCE && bad.iterations == 1);
    CHECK(isnan(bad.cooling_capacity) || bad.cooling_capacity != ok.cooling_capacity);
    CHECK(isnan(bad.heating_capacity) || bad.heating_capacity != ok.heating_capacity);
    CHECK_CODE(entropyk_result_get_superheat(r, &sh), ENTROPYK_NON_CONVERGENCE);
    CHECK_CODE(entropyk_result_get_component(r, COMP, &comp), ENTROPYK_NON_CONVERGENCE);
    CHECK_CODE(entropyk_result_get_state_vector(r, state, 32, &n), ENTROPYK_NON_CONVERGENCE);
    CHECK(n >= 12);
    CHECK_CONTAINS(result_error(r), "entropyk_result_get_state_vector: the solve did not converge");
    /* the solve's statistics are valid for every solve */
    CHECK_OK(entropyk_result_get_residual_norm(r, &norm));
    CHECK(norm > 0.0);
    CHECK_OK(entropyk_result_get_report(r, report, sizeof report, &n));
    CHECK_CONTAINS(report, "iterations: 1 ");

    /* a clean solve into the same handle makes its figures an answer again */
    CHECK_OK(entropyk_solve_fallback_into(sys, &cold, r));
    CHECK_OK(entropyk_result_get_cooling_capacity(r, &q_bad));
    CHECK(q_bad > 1000.0 && q_bad < q_ok); /* 45 Hz pumps less heat than 60 Hz */
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

/* The warning getters and the discharge temperature limit. */
static void test_warnings_api(void) {
    EntropykSystem* sys = r32_cycle();
    EntropykSolverResult* r = NULL;
    EntropykWarningCode code = 0;
    int32_t component = 7;
    uint32_t n = 99, i;
    double limit = 0.0;
    char text[256];
    size_t len = 0;
    CHECK(sys != NULL);
    if (sys == NULL) return;
    CHECK_OK(entropyk_system_get_discharge_temperature_limit(sys, &limit));
    CHECK(limit == 408.15);
    CHECK_CODE(entropyk_system_set_discharge_temperature_limit(sys, NAN), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(system_error(sys), "entropyk_system_set_discharge_temperature_limit: 'kelvin' is NaN") == 0);
    CHECK_CODE(entropyk_system_set_discharge_temperature_limit(sys, -10.0), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(system_error(sys), "entropyk_system_set_discharge_temperature_limit: 'kelvin' = -10 K: expected a "
                                    "temperature > 0 K") == 0);
    CHECK_CODE(entropyk_system_set_discharge_temperature_limit(sys, INFINITY), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_system_set_discharge_temperature_limit(NULL, 300.0), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_get_discharge_temperature_limit(sys, NULL), ENTROPYK_NULL_POINTER);
    CHECK_OK(entropyk_system_get_discharge_temperature_limit(sys, &limit));
    CHECK(limit == 408.15); /* the refused calls changed nothing */
    /* R32 at 45 C condensing discharges well above 300 K: the engine may warn; the getters work either way */
    CHECK_OK(entropyk_system_set_discharge_temperature_limit(sys, 300.0));
    CHECK_OK(entropyk_system_get_discharge_temperature_limit(sys, &limit));
    CHECK(limit == 300.0);
    CHECK_OK(entropyk_solve_newton(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_warning_count(r, &n));
    CHECK(n <= 16);
    for (i = 0; i < n; ++i) {
        CHECK_OK(entropyk_result_get_warning(r, i, &code, text, sizeof text, &len));
        CHECK(code >= ENTROPYK_WARNING_EXTRAPOLATED_STATE && code <= ENTROPYK_WARNING_CONTROL_SATURATED);
        CHECK(len > 0 && strlen(text) == len);
        CHECK_OK(entropyk_result_get_warning_component(r, i, &component));
        CHECK(component >= -1 && component < 4);
    }
    code = 0;
    CHECK_CODE(entropyk_result_get_warning(r, n, &code, text, sizeof text, &len), ENTROPYK_INVALID_ARGUMENT);
    CHECK(code == 0);
    CHECK_CONTAINS(result_error(r), "entropyk_result_get_warning: warning index ");
    CHECK_CONTAINS(result_error(r), " warnings");
    component = 7;
    CHECK_CODE(entropyk_result_get_warning_component(r, 1000, &component), ENTROPYK_INVALID_ARGUMENT);
    CHECK(component == 7);
    CHECK_CONTAINS(result_error(r), "warning index 1000");
    CHECK_CODE(entropyk_result_get_warning(r, 0, NULL, text, sizeof text, &len), ENTROPYK_NULL_POINTER);
    CHECK(strcmp(result_error(r), "entropyk_result_get_warning: 'code' is NULL") == 0);
    CHECK_CODE(entropyk_result_get_warning_count(r, NULL), ENTROPYK_NULL_POINTER);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

/* The solver configs' start values and deterministic budget (appended fields: 0 = automatic / no
   limit), their checks, and that a refused config changes nothing. */
static void test_start_values_and_budget(void) {
    EntropykSystem* sys = heat_pump(60.0);
    EntropykSolverResult* r = NULL;
    EntropykFallbackConfig cold = ENTROPYK_FALLBACK_CONFIG_INIT, guessed, bad;
    EntropykNewtonConfig capped = ENTROPYK_NEWTON_CONFIG_INIT;
    EntropykCycleSummary a = ENTROPYK_CYCLE_SUMMARY_INIT, b = ENTROPYK_CYCLE_SUMMARY_INIT;
    char report[1536];
    size_t n = 0;
    CHECK(sys != NULL);
    if (sys == NULL) return;
    CHECK(cold.max_residual_evaluations == 0 && cold.guess_evaporating_temperature == 0.0 &&
          cold.guess_condensing_temperature == 0.0 && cold.guess_mass_flow == 0.0);
    cold.cold_start = 1;
    cold.time_budget = 60.0; /* slow sanitizer builds on a loaded machine */
    CHECK_OK(entropyk_result_create(sys, &r));
    CHECK_OK(entropyk_solve_fallback_into(sys, &cold, r));
    CHECK_OK(entropyk_result_get_summary(r, &a));

    /* plausible start values: the same answer, and the report says where the solve started */
    guessed = cold;
    guessed.guess_evaporating_temperature = 273.15 + 12.0;
    guessed.guess_condensing_temperature = 273.15 + 48.0;
    guessed.guess_mass_flow = 0.06;
    CHECK_OK(entropyk_solve_fallback_into(sys, &guessed, r));
    CHECK_OK(entropyk_result_get_summary(r, &b));
    CHECK(fabs(b.COP_cooling - a.COP_cooling) <= 1e-7 * a.COP_cooling);
    CHECK(fabs(b.cooling_capacity - a.cooling_capacity) <= 1e-7 * a.cooling_capacity);
    CHECK_OK(entropyk_result_get_report(r, report, sizeof report, &n));
    CHECK_CONTAINS(report, "from the given start values: ");

    /* refused start values: exact messages, and the result keeps the last solve */
    bad = guessed;
    bad.guess_mass_flow = -0.1;
    CHECK_CODE(entropyk_solve_fallback_into(sys, &bad, r), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(system_error(sys), "entropyk_solve_fallback_into: config->guess_mass_flow = -0.1 kg/s: expected a "
                                    "positive number (0 for automatic)") == 0);
    bad = guessed;
    bad.guess_condensing_temperature = NAN;
    CHECK_CODE(entropyk_solve_fallback_into(sys, &bad, r), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(system_error(sys), "config->guess_condensing_temperature = nan K");
    bad = guessed;
    bad.guess_evaporating_temperature = 273.15 + 50.0;
    CHECK_CODE(entropyk_solve_fallback_into(sys, &bad, r), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(system_error(sys), "entropyk_solve_fallback_into: config->guess_evaporating_temperature = 323.15 K "
                                    "is not below config->guess_condensing_temperature = 321.15 K: are the two "
                                    "levels swapped?") == 0);
    bad = cold;
    bad.max_residual_evaluations = -1;
    CHECK_CODE(entropyk_solve_fallback_into(sys, &bad, r), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(system_error(sys), "entropyk_solve_fallback_into: config->max_residual_evaluations = -1: expected "
                                    ">= 0 (0 for no limit)") == 0);
    CHECK_OK(entropyk_result_get_summary(r, &b));
    CHECK(b.status == ENTROPYK_OK && fabs(b.COP_cooling - a.COP_cooling) <= 1e-7 * a.COP_cooling);

    /* the deterministic budget: a cold solve cannot finish in 5 residual evaluations */
    capped.cold_start = 1;
    capped.time_budget = 60.0;
    capped.max_residual_evaluations = 5;
    CHECK_CODE(entropyk_solve_newton_into(sys, &capped, r), ENTROPYK_TIMEOUT);
    {
        uint32_t evaluations = 99;
        CHECK_OK(entropyk_result_get_residual_evaluations(r, &evaluations));
        CHECK(evaluations == 5); /* the cap counts every evaluation, and only up to the cap */
        CHECK_CODE(entropyk_result_get_residual_evaluations(r, NULL), ENTROPYK_NULL_POINTER);
    }
    CHECK_CONTAINS(system_error(sys), "the budget of ");
    CHECK_CONTAINS(system_error(sys), " residual evaluations (max_residual_evaluations) ran out");
    /* an older caller's smaller struct (without the appended fields) reads them as 0 */
    capped.struct_size = (uint32_t)offsetof(EntropykNewtonConfig, max_residual_evaluations);
    CHECK_OK(entropyk_solve_newton_into(sys, &capped, r));
    CHECK_OK(entropyk_result_get_summary(r, &b));
    CHECK(fabs(b.COP_cooling - a.COP_cooling) <= 1e-7 * a.COP_cooling);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

int main(void) {
    test_out_handles_null_on_failure();
    test_into_refuses_foreign_result();
    test_clean_report_and_unwritten_result();
    test_failed_into_result();
    test_warnings_api();
    test_start_values_and_budget();
    return check_report("test_results");
}
