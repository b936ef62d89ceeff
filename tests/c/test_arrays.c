/* The array calls of the C API: entropyk_fluid_states against n scalar entropyk_fluid_state calls
   (bit for bit, on the equation of state and the tables, with two-phase and failing elements),
   its refusals (which write nothing), entropyk_system_sweep against a loop of set_input + solve
   (bit for bit, serial against 2 threads), and the floating-point guard: the host's rounding mode,
   flags and enabled traps are the same after every call. */
#if defined(__linux__)
#define _GNU_SOURCE /* feenableexcept: run the calls with traps enabled, as some hosts do */
#endif
#include <fenv.h>
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cycles.h"

#define N 64

/* Inputs: p = 1 MPa with h across the liquid, the dome and the vapour (R134a), then a few bad
   elements: NaN, +inf, an enthalpy far below the fluid's range, a negative pressure. */
static size_t fill_ph(double* p, double* h) {
    size_t i;
    for (i = 0; i < N - 4; ++i) {
        p[i] = 1.0e6 + 5.0e3 * (double)(i % 7);
        h[i] = 2.0e5 + 4.0e3 * (double)i; /* 200 .. 436 kJ/kg: liquid, two-phase, vapour */
    }
    p[N - 4] = 1.0e6, h[N - 4] = NAN;
    p[N - 3] = INFINITY, h[N - 3] = 3.0e5;
    p[N - 2] = 1.0e6, h[N - 2] = -5.0e6;
    p[N - 1] = -1.0, h[N - 1] = 3.0e5;
    return N;
}

static int same_bits(const void* a, const void* b, size_t n) { return memcmp(a, b, n) == 0; }

static void states_equal_scalar_calls(EntropykBackend backend, const char* label) {
    EntropykFluid* f = NULL;
    static double p[N], h[N];
    static EntropykFluidState arr[N], one[N];
    EntropykErrorCode codes[N];
    size_t i, failed = 0, expect_failed = 0;
    int two_phase = 0, first_bad = -1;
    EntropykErrorCode rc, first_code = ENTROPYK_OK;
    char msg[512], first_msg[512];
    size_t len = 0;

    CHECK_OK(entropyk_fluid_create("R134a", backend, &f));
    fill_ph(p, h);
    for (i = 0; i < N; ++i) {
        EntropykErrorCode c;
        one[i] = (EntropykFluidState)ENTROPYK_FLUID_STATE_INIT;
        arr[i] = (EntropykFluidState)ENTROPYK_FLUID_STATE_INIT;
        arr[i].T = one[i].T = -123.0; /* a failing element must leave this untouched */
        c = entropyk_fluid_state(f, ENTROPYK_INPUT_PH, p[i], h[i], &one[i]);
        if (c != ENTROPYK_OK) {
            ++expect_failed;
            if (first_bad < 0) {
                first_bad = (int)i;
                first_code = c;
                CHECK_OK(entropyk_fluid_last_error(f, first_msg, sizeof first_msg, &len));
            }
        }
        if (c == ENTROPYK_OK && one[i].phase == ENTROPYK_PHASE_TWO_PHASE) ++two_phase;
    }
    CHECK(two_phase > 5);      /* the dome is crossed */
    CHECK(expect_failed == 4); /* exactly the four bad elements */
    CHECK(first_bad == N - 4); /* the NaN */
    CHECK(first_code == ENTROPYK_INVALID_ARGUMENT);

    /* Only arr[0].struct_size matters: clear the others to show they are not read. */
    for (i = 1; i < N; ++i) arr[i].struct_size = 0;
    rc = entropyk_fluid_states(f, ENTROPYK_INPUT_PH, N, p, h, arr, codes, &failed);
    CHECK_CODE(rc, ENTROPYK_INVALID_ARGUMENT); /* the first failing element's code */
    CHECK(failed == 4);
    for (i = 0; i < N; ++i) {
        EntropykErrorCode c = entropyk_fluid_state(f, ENTROPYK_INPUT_PH, p[i], h[i], &one[i]);
        if (codes[i] != c) {
            fprintf(stderr, "%s: element %u: code %d, scalar call %d\n", label, (unsigned)i, (int)codes[i], (int)c);
            ++check_failures;
        }
        /* Every byte after struct_size (which a failing element leaves as the caller set it). */
        if (!same_bits((const char*)&arr[i] + 4, (const char*)&one[i] + 4, sizeof arr[i] - 4) ||
            (c == ENTROPYK_OK && arr[i].struct_size != sizeof(EntropykFluidState))) {
            fprintf(stderr, "%s: element %u differs from the scalar call\n", label, (unsigned)i);
            ++check_failures;
        }
    }
    CHECK(codes[N - 4] == ENTROPYK_INVALID_ARGUMENT && codes[N - 3] == ENTROPYK_INVALID_ARGUMENT);
    CHECK(codes[N - 2] == ENTROPYK_FLUID_ERROR && codes[N - 1] == ENTROPYK_FLUID_ERROR);
    CHECK(arr[N - 1].T == -123.0 && arr[N - 1].struct_size == 0); /* untouched */
    CHECK(arr[1].struct_size == sizeof(EntropykFluidState));      /* written elements get it */
    /* The message names the first failing element and carries the scalar call's text. */
    CHECK_OK(entropyk_fluid_states(f, ENTROPYK_INPUT_PH, N - 4, p, h, arr, codes, &failed));
    CHECK(failed == 0);
    rc = entropyk_fluid_states(f, ENTROPYK_INPUT_PH, N, p, h, arr, codes, &failed);
    CHECK_OK(entropyk_fluid_last_error(f, msg, sizeof msg, &len));
    CHECK_CONTAINS(msg, "entropyk_fluid_states: element 60 (v1 = 1000000, v2 = nan)");
    CHECK_CONTAINS(msg, strstr(first_msg, ": ") + 2); /* "'v2 (h [J/kg])' is NaN" */
    CHECK_CONTAINS(msg, "'v2 (h [J/kg])' is NaN");
    entropyk_fluid_free(f);
}

/* Other pairs: (T,q) on the EOS for both backends, (p,T) on the tables. */
static void other_pairs(void) {
    EntropykFluid* f = NULL;
    double T[8], q[8];
    EntropykFluidState arr[8], one = ENTROPYK_FLUID_STATE_INIT;
    EntropykErrorCode codes[8];
    size_t i, failed = 99;
    CHECK_OK(entropyk_fluid_create("R32", ENTROPYK_BACKEND_TABLES, &f));
    for (i = 0; i < 8; ++i) {
        T[i] = 250.0 + 10.0 * (double)i;
        q[i] = 0.125 * (double)i;
    }
    arr[0] = (EntropykFluidState)ENTROPYK_FLUID_STATE_INIT;
    CHECK_OK(entropyk_fluid_states(f, ENTROPYK_INPUT_TQ, 8, T, q, arr, codes, &failed));
    CHECK(failed == 0);
    for (i = 0; i < 8; ++i) {
        CHECK_OK(entropyk_fluid_state(f, ENTROPYK_INPUT_TQ, T[i], q[i], &one));
        CHECK(same_bits(&one, &arr[i], sizeof one));
        CHECK(codes[i] == ENTROPYK_OK);
    }
    for (i = 0; i < 8; ++i) T[i] = 1.0e6; /* p column for (p,T) */
    {
        double Tk[8];
        for (i = 0; i < 8; ++i) Tk[i] = 260.0 + 15.0 * (double)i;
        CHECK_OK(entropyk_fluid_states(f, ENTROPYK_INPUT_PT, 8, T, Tk, arr, codes, &failed));
        for (i = 0; i < 8; ++i) {
            CHECK_OK(entropyk_fluid_state(f, ENTROPYK_INPUT_PT, T[i], Tk[i], &one));
            CHECK(same_bits(&one, &arr[i], sizeof one));
        }
    }
    entropyk_fluid_free(f);
}

/* Refusals: nothing is written (not the states, not the codes, not the count). */
static void refusals(void) {
    EntropykFluid* f = NULL;
    double p[2] = {1.0e6, 1.0e6}, h[2] = {3.0e5, 4.0e5};
    EntropykFluidState arr[2];
    EntropykFluidState before[2];
    EntropykErrorCode codes[2] = {(EntropykErrorCode)77, (EntropykErrorCode)77};
    size_t failed = 99;
    char msg[256];
    size_t len;
    CHECK_OK(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_EOS, &f));
    arr[0] = (EntropykFluidState)ENTROPYK_FLUID_STATE_INIT;
    arr[1] = arr[0];
    arr[0].T = arr[1].T = 42.0;
    memcpy(before, arr, sizeof arr);
    CHECK_CODE(entropyk_fluid_states(NULL, ENTROPYK_INPUT_PH, 2, p, h, arr, codes, &failed), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_states(f, ENTROPYK_INPUT_PH, 2, NULL, h, arr, codes, &failed), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_states(f, ENTROPYK_INPUT_PH, 2, p, NULL, arr, codes, &failed), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_states(f, ENTROPYK_INPUT_PH, 2, p, h, NULL, codes, &failed), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_states(f, ENTROPYK_INPUT_PH, 2, p, h, arr, NULL, &failed), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_states(f, ENTROPYK_INPUT_PH, 2, p, h, arr, codes, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_states(f, ENTROPYK_INPUT_PH, 0, p, h, arr, codes, &failed), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_fluid_last_error(f, msg, sizeof msg, &len));
    CHECK_CONTAINS(msg, "entropyk_fluid_states: count = 0");
    CHECK_CODE(entropyk_fluid_states(f, (EntropykInputPair)6, 2, p, h, arr, codes, &failed), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_fluid_last_error(f, msg, sizeof msg, &len));
    CHECK_CONTAINS(msg, "unknown input pair 6");
    CHECK_CODE(entropyk_fluid_states(f, (EntropykInputPair)-1, 2, p, h, arr, codes, &failed),
               ENTROPYK_INVALID_ARGUMENT);
    arr[0].struct_size = 0;
    CHECK_CODE(entropyk_fluid_states(f, ENTROPYK_INPUT_PH, 2, p, h, arr, codes, &failed), ENTROPYK_INVALID_ARGUMENT);
    arr[0].struct_size = before[0].struct_size;
    CHECK_CODE(entropyk_fluid_states(f, ENTROPYK_INPUT_PH, SIZE_MAX / 8, p, h, arr, codes, &failed),
               ENTROPYK_INVALID_ARGUMENT); /* count * stride overflows */
    CHECK(same_bits(arr, before, sizeof arr));
    CHECK(codes[0] == (EntropykErrorCode)77 && codes[1] == (EntropykErrorCode)77);
    CHECK(failed == 99);
    entropyk_fluid_free(f);
}

/* The host's FP environment is the same after the calls: rounding mode, raised flags, enabled
   traps (with FE_DIVBYZERO | FE_INVALID | FE_OVERFLOW trapping, as a strict host would run). */
static void fp_environment_kept(void) {
    EntropykFluid* f = NULL;
    double p[N], h[N];
    static EntropykFluidState arr[N];
    EntropykFluidState one = ENTROPYK_FLUID_STATE_INIT;
    EntropykErrorCode codes[N];
    size_t failed;
    fenv_t before_env;
    int traps_before = 0;
    CHECK_OK(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_TABLES, &f));
    fill_ph(p, h);
    arr[0] = (EntropykFluidState)ENTROPYK_FLUID_STATE_INIT;
    fegetenv(&before_env);
    CHECK(fesetround(FE_UPWARD) == 0);
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_INEXACT);
#if defined(__linux__) && (defined(__x86_64__) || defined(__i386__))
    traps_before = feenableexcept(FE_DIVBYZERO | FE_INVALID | FE_OVERFLOW);
    (void)traps_before;
#endif
    /* The failing elements (NaN, range errors) run the library's NaN and range paths with the
       host's traps enabled: a trap reaching us would kill the test with SIGFPE. */
    (void)entropyk_fluid_states(f, ENTROPYK_INPUT_PH, N, p, h, arr, codes, &failed);
    (void)entropyk_fluid_state(f, ENTROPYK_INPUT_PH, 1.0e6, NAN, &one);
    (void)entropyk_fluid_state(f, ENTROPYK_INPUT_PH, 1.0e6, 3.0e5, &one);
#if defined(__linux__) && (defined(__x86_64__) || defined(__i386__))
    CHECK(fegetexcept() == (FE_DIVBYZERO | FE_INVALID | FE_OVERFLOW));
    fedisableexcept(FE_ALL_EXCEPT);
#endif
    CHECK(fegetround() == FE_UPWARD);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_INEXACT); /* the caller's flag kept, none of the library's */
    fesetenv(&before_env);
    CHECK(failed == 4);
    entropyk_fluid_free(f);
}

/* ---- entropyk_system_sweep ------------------------------------------------------------------- */

#define POINTS 30
#define BAD_POINT 13

/* The figures of two summaries are the same bits (everything but solve_time, a wall clock). */
static int same_summary(const EntropykCycleSummary* a, const EntropykCycleSummary* b) {
    EntropykCycleSummary x = *a, y = *b;
    x.solve_time = y.solve_time = 0.0;
    return memcmp(&x, &y, sizeof x) == 0;
}

/* A grid of compressor speed x outdoor air temperature, with one refused point (a NaN speed). */
static void sweep_grid(double* values) {
    int i;
    for (i = 0; i < POINTS; ++i) {
        values[2 * i] = 45.0 + 30.0 * (double)(i % 10) / 9.0;
        values[2 * i + 1] = 303.15 + 5.0 * (double)(i / 10);
    }
    values[2 * BAD_POINT] = NAN;
}

static EntropykSystem* solved_heat_pump(void) {
    EntropykSystem* sys =
        heat_pump_on(ENTROPYK_BACKEND_TABLES, valve(ENTROPYK_VALVE_FIXED_SUPERHEAT, 5.0, 0.0, 0.05, 1.0), 60.0);
    EntropykSolverResult* r = NULL;
    if (sys == NULL) return NULL;
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &r));
    entropyk_result_free(r);
    return sys;
}

static const uint32_t sweep_components[2] = {COMP, COND};
static const EntropykInput sweep_inputs[2] = {ENTROPYK_INPUT_COMPRESSOR_SPEED,
                                              ENTROPYK_INPUT_SECONDARY_INLET_TEMPERATURE};

/* The sweep equals a loop of set_input + solve_fallback_into on the system in the same state, and
   leaves the system unchanged (the loop runs on the swept system afterwards). */
static void sweep_equals_loop(void) {
    EntropykSystem* sys = solved_heat_pump();
    static double values[2 * POINTS];
    static EntropykCycleSummary swept[POINTS], looped[POINTS];
    EntropykSolverResult* r = NULL;
    EntropykErrorCode rc;
    char msg[512];
    size_t len;
    int i, solved = 0;
    if (sys == NULL) {
        ++check_failures;
        return;
    }
    sweep_grid(values);
    swept[0] = (EntropykCycleSummary)ENTROPYK_CYCLE_SUMMARY_INIT;
    rc = entropyk_system_sweep(sys, NULL, NULL, POINTS, 2, sweep_components, sweep_inputs, values, swept);
    CHECK_CODE(rc, ENTROPYK_INVALID_ARGUMENT); /* the NaN point */
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK_CONTAINS(msg, "entropyk_system_sweep: point 13: ");
    CHECK_CONTAINS(msg, "1 of 30 points did not give a solution");
    CHECK(swept[BAD_POINT].status == ENTROPYK_INVALID_ARGUMENT && isnan(swept[BAD_POINT].COP_heating));

    CHECK_OK(entropyk_result_create(sys, &r));
    for (i = 0; i < POINTS; ++i) {
        int j, ok = 1;
        looped[i] = (EntropykCycleSummary)ENTROPYK_CYCLE_SUMMARY_INIT;
        for (j = 0; j < 2 && ok; ++j)
            ok = entropyk_system_set_input(sys, sweep_components[j], sweep_inputs[j], values[2 * i + j]) == ENTROPYK_OK;
        if (!ok) continue;
        (void)entropyk_solve_fallback_into(sys, NULL, r);
        (void)entropyk_result_get_summary(r, &looped[i]);
        if (!same_summary(&swept[i], &looped[i])) {
            fprintf(stderr, "sweep point %d differs from the loop: COP %.17g vs %.17g, %u vs %u iterations\n", i,
                    swept[i].COP_heating, looped[i].COP_heating, swept[i].iterations, looped[i].iterations);
            ++check_failures;
        }
        if (swept[i].status == ENTROPYK_OK && swept[i].COP_heating > 1.0) ++solved;
    }
    CHECK(solved == POINTS - 1);
    CHECK(swept[1].struct_size == sizeof(EntropykCycleSummary));
    /* Warm starts along the array: a neighbour costs few iterations. */
    /* Cold starts at every point (config->cold_start) give the same operating points, to the
       solver tolerance. */
    {
        static EntropykCycleSummary cold[POINTS];
        EntropykFallbackConfig cc = ENTROPYK_FALLBACK_CONFIG_INIT;
        unsigned warm_iterations = 0, cold_iterations = 0;
        cc.cold_start = 1;
        cold[0] = (EntropykCycleSummary)ENTROPYK_CYCLE_SUMMARY_INIT;
        CHECK_CODE(entropyk_system_sweep(sys, &cc, NULL, POINTS, 2, sweep_components, sweep_inputs, values, cold),
                   ENTROPYK_INVALID_ARGUMENT);
        for (i = 0; i < POINTS; ++i) {
            if (i == BAD_POINT) continue;
            warm_iterations += swept[i].iterations;
            cold_iterations += cold[i].iterations;
            CHECK_REL(cold[i].COP_heating, swept[i].COP_heating, 1e-7);
        }
        /* (Warm Newton counts its cheap chord steps as iterations, so iteration counts do not
           rank the two; the operating points must agree.) */
        CHECK(warm_iterations > 0 && cold_iterations > 0);
    }
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

/* Chunks of 7 points: 1, 2, 3 threads and one per core give the same bits. */
static void sweep_threads_identical(void) {
    EntropykSystem* sys = solved_heat_pump();
    static double values[2 * POINTS];
    static EntropykCycleSummary one[POINTS], two[POINTS], three[POINTS], per_core[POINTS];
    EntropykSweepConfig sc = ENTROPYK_SWEEP_CONFIG_INIT;
    int i;
    if (sys == NULL) {
        ++check_failures;
        return;
    }
    CHECK(sc.threads == 1 && sc.chunk_points == 0);
    sweep_grid(values);
    one[0] = two[0] = three[0] = per_core[0] = (EntropykCycleSummary)ENTROPYK_CYCLE_SUMMARY_INIT;
    sc.chunk_points = 7;
    CHECK_CODE(entropyk_system_sweep(sys, NULL, &sc, POINTS, 2, sweep_components, sweep_inputs, values, one),
               ENTROPYK_INVALID_ARGUMENT);
    sc.threads = 2;
    CHECK_CODE(entropyk_system_sweep(sys, NULL, &sc, POINTS, 2, sweep_components, sweep_inputs, values, two),
               ENTROPYK_INVALID_ARGUMENT);
    sc.threads = 3;
    CHECK_CODE(entropyk_system_sweep(sys, NULL, &sc, POINTS, 2, sweep_components, sweep_inputs, values, three),
               ENTROPYK_INVALID_ARGUMENT);
    sc.threads = 0; /* one per core */
    CHECK_CODE(entropyk_system_sweep(sys, NULL, &sc, POINTS, 2, sweep_components, sweep_inputs, values, per_core),
               ENTROPYK_INVALID_ARGUMENT);
    for (i = 0; i < POINTS; ++i) {
        if (!same_summary(&one[i], &two[i]) || !same_summary(&one[i], &three[i]) ||
            !same_summary(&one[i], &per_core[i])) {
            fprintf(stderr, "sweep point %d differs between 1, 2, 3 threads and one per core\n", i);
            ++check_failures;
        }
    }
    CHECK(one[7].status == ENTROPYK_OK && one[7].COP_heating > 1.0);
    entropyk_system_free(sys);
}

/* Refusals write nothing. */
static void sweep_refusals(void) {
    EntropykSystem* sys = solved_heat_pump();
    EntropykSystem* open = NULL;
    double values[4] = {50.0, 305.0, 55.0, 306.0};
    EntropykCycleSummary out[2], before[2];
    EntropykSweepConfig sc = ENTROPYK_SWEEP_CONFIG_INIT;
    EntropykFallbackConfig bad = ENTROPYK_FALLBACK_CONFIG_INIT;
    uint32_t far_component[2] = {COMP, 4};
    EntropykInput bad_input[2] = {ENTROPYK_INPUT_COMPRESSOR_SPEED, (EntropykInput)99};
    char msg[512];
    size_t len;
    if (sys == NULL) {
        ++check_failures;
        return;
    }
    out[0] = (EntropykCycleSummary)ENTROPYK_CYCLE_SUMMARY_INIT;
    out[1] = out[0];
    out[0].COP_heating = out[1].COP_heating = 42.0;
    memcpy(before, out, sizeof out);
#define SWEEP(s, cfg, scfg, n, cols, comps, ins, vals, o)                                                              \
    entropyk_system_sweep(s, cfg, scfg, n, cols, comps, ins, vals, o)
    CHECK_CODE(SWEEP(NULL, NULL, NULL, 2, 2, sweep_components, sweep_inputs, values, out), ENTROPYK_NULL_POINTER);
    CHECK_CODE(SWEEP(sys, NULL, NULL, 2, 2, NULL, sweep_inputs, values, out), ENTROPYK_NULL_POINTER);
    CHECK_CODE(SWEEP(sys, NULL, NULL, 2, 2, sweep_components, NULL, values, out), ENTROPYK_NULL_POINTER);
    CHECK_CODE(SWEEP(sys, NULL, NULL, 2, 2, sweep_components, sweep_inputs, NULL, out), ENTROPYK_NULL_POINTER);
    CHECK_CODE(SWEEP(sys, NULL, NULL, 2, 2, sweep_components, sweep_inputs, values, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(SWEEP(sys, NULL, NULL, 0, 2, sweep_components, sweep_inputs, values, out), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(SWEEP(sys, NULL, NULL, 2, 0, sweep_components, sweep_inputs, values, out), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(SWEEP(sys, NULL, NULL, 2, 2, far_component, sweep_inputs, values, out), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK_CONTAINS(msg, "components[1] = 4: the system has 4 components");
    CHECK_CODE(SWEEP(sys, NULL, NULL, 2, 2, sweep_components, bad_input, values, out), ENTROPYK_INVALID_ARGUMENT);
    CHECK_OK(entropyk_system_last_error(sys, msg, sizeof msg, &len));
    CHECK_CONTAINS(msg, "inputs[1] = 99 is not an EntropykInput value");
    sc.threads = 1000;
    CHECK_CODE(SWEEP(sys, NULL, &sc, 2, 2, sweep_components, sweep_inputs, values, out), ENTROPYK_INVALID_ARGUMENT);
    sc.struct_size = 0;
    CHECK_CODE(SWEEP(sys, NULL, &sc, 2, 2, sweep_components, sweep_inputs, values, out), ENTROPYK_INVALID_ARGUMENT);
    bad.tolerance = -1.0;
    CHECK_CODE(SWEEP(sys, &bad, NULL, 2, 2, sweep_components, sweep_inputs, values, out), ENTROPYK_INVALID_ARGUMENT);
    CHECK(same_bits(out, before, sizeof out));
    out[0].struct_size = 0;
    CHECK_CODE(SWEEP(sys, NULL, NULL, 2, 2, sweep_components, sweep_inputs, values, out), ENTROPYK_INVALID_ARGUMENT);
    out[0].struct_size = before[0].struct_size;
    CHECK(same_bits(out, before, sizeof out));
    /* A system that is not finalized. */
    CHECK_OK(entropyk_system_create("R410A", ENTROPYK_BACKEND_EOS, &open));
    CHECK_CODE(SWEEP(open, NULL, NULL, 2, 2, sweep_components, sweep_inputs, values, out), ENTROPYK_INVALID_STATE);
    CHECK(same_bits(out, before, sizeof out));
    /* A good call, 2 threads on 2 chunks of 1 point. */
    sc = (EntropykSweepConfig)ENTROPYK_SWEEP_CONFIG_INIT;
    sc.threads = 2;
    sc.chunk_points = 1;
    CHECK_OK(SWEEP(sys, NULL, &sc, 2, 2, sweep_components, sweep_inputs, values, out));
    CHECK(out[0].status == ENTROPYK_OK && out[1].status == ENTROPYK_OK && out[1].COP_heating > 1.0);
#undef SWEEP
    entropyk_system_free(open);
    entropyk_system_free(sys);
}

int main(void) {
    states_equal_scalar_calls(ENTROPYK_BACKEND_EOS, "eos");
    states_equal_scalar_calls(ENTROPYK_BACKEND_TABLES, "tables");
    other_pairs();
    refusals();
    fp_environment_kept();
    sweep_equals_loop();
    sweep_threads_identical();
    sweep_refusals();
    return check_report("test_arrays");
}
