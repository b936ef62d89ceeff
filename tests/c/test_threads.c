/* 16 threads at once. Fluids: each thread uses its own handles for every built-in fluid (the list
   entropyk_fluid_names gives, so a new fluid is covered without editing this test) and one handle
   shared by every thread (allowed: fluid handles are immutable apart from their last-error text),
   including failing calls on the shared handle. Systems: each thread drives its own system through
   1,000 HIL steps (changing input, warm solve into a reused result). Every result must equal, bit
   for bit, the single-thread result. Clean under ThreadSanitizer (tsan preset). */
#include <pthread.h>
#include <stdlib.h>

#include "check.h"
#include "cycles.h"

enum { THREADS = 16, MAX_FLUIDS = 64, POINTS = 24, CALLS = 4 };

static char name_list[2048];
static const char* names[MAX_FLUIDS];
static int FLUIDS = 0;
static EntropykFluidState reference[MAX_FLUIDS][POINTS][CALLS];

/* Splits entropyk_fluid_names' comma-separated list into names[]; returns the count. */
static int read_fluid_names(void) {
    size_t len = 0;
    int n = 0;
    char* at = name_list;
    if (entropyk_fluid_names(name_list, sizeof name_list, &len) != ENTROPYK_OK) return 0;
    while (*at != '\0' && n < MAX_FLUIDS) {
        names[n++] = at;
        while (*at != '\0' && *at != ',') ++at;
        if (*at == ',') *at++ = '\0';
    }
    return n;
}
static EntropykFluid* shared; /* R134a, used by every thread */

/* The states of fluid f at point k: a saturated state, the same by (p, h), a supercritical-gas
   state by (p, T), and the same by (T, rho). Returns the number of failed calls. */
static int compute(const EntropykFluid* fluid, int k, EntropykFluidState out[CALLS]) {
    EntropykFluidInfo info = ENTROPYK_FLUID_INFO_INIT;
    int failed = 0, i;
    for (i = 0; i < CALLS; ++i) entropyk_fluid_state_init(&out[i]);
    failed += entropyk_fluid_info(fluid, &info) != ENTROPYK_OK;
    failed += entropyk_fluid_state(fluid, ENTROPYK_INPUT_TQ,
                                   info.T_triple + (0.1 + 0.8 * k / POINTS) * (info.T_critical - info.T_triple),
                                   (double)k / (POINTS - 1), &out[0]) != ENTROPYK_OK;
    failed += entropyk_fluid_state(fluid, ENTROPYK_INPUT_PH, out[0].p, out[0].h, &out[1]) != ENTROPYK_OK;
    failed += entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, (0.2 + 0.02 * k) * info.p_critical,
                                   info.T_critical + (0.05 + 0.5 * k / POINTS) * (info.T_max - info.T_critical),
                                   &out[2]) != ENTROPYK_OK;
    failed += entropyk_fluid_state(fluid, ENTROPYK_INPUT_TD, out[2].T, out[2].rho, &out[3]) != ENTROPYK_OK;
    return failed;
}

static void* worker(void* arg) {
    const int id = (int)(size_t)arg;
    int mismatches = 0, f, k;
    for (f = 0; f < FLUIDS; ++f) {
        const int fluid_index = (f + id) % FLUIDS; /* threads start on different fluids */
        EntropykFluid* own = NULL;
        if (entropyk_fluid_create(names[fluid_index], ENTROPYK_BACKEND_EOS, &own) != ENTROPYK_OK) return (void*)1;
        for (k = 0; k < POINTS; ++k) {
            EntropykFluidState got[CALLS];
            EntropykFluidState bad = ENTROPYK_FLUID_STATE_INIT;
            char text[256];
            size_t len = 0;
            mismatches += compute(own, k, got);
            mismatches += memcmp(got, reference[fluid_index][k], sizeof got) != 0;
            mismatches += compute(shared, k, got);
            mismatches += memcmp(got, reference[0][k], sizeof got) != 0;
            /* failing calls on the shared handle race on its last-error text, safely */
            mismatches +=
                entropyk_fluid_state(shared, ENTROPYK_INPUT_PT, NAN, 300.0, &bad) != ENTROPYK_INVALID_ARGUMENT;
            mismatches += entropyk_fluid_last_error(shared, text, sizeof text, &len) != ENTROPYK_OK;
            mismatches += strncmp(text, "entropyk_fluid_state: ", 22) != 0;
        }
        entropyk_fluid_free(own);
    }
    return (void*)(size_t)mismatches;
}

enum { STEPS = 1000 };

/* The R32 design cycle driven through STEPS HIL steps: the condensing temperature moves between
   40 and 50 C and each step is a warm Newton solve into one reused result. Writes each step's
   cooling COP; returns the number of failed calls. */
static int hil_run(double cop[STEPS]) {
    EntropykSystem* sys = r32_cycle();
    EntropykSolverResult* result = NULL;
    EntropykNewtonConfig config = ENTROPYK_NEWTON_CONFIG_INIT;
    int failed = 0, step;
    /* 17 threads share two cores here: a generous wall-clock budget keeps a descheduled thread
       from timing out (this test is about thread safety, not speed) */
    config.time_budget = 600.0;
    if (sys == NULL) return STEPS;
    failed += entropyk_result_create(sys, &result) != ENTROPYK_OK;
    for (step = 0; step < STEPS && failed == 0; ++step) {
        const double T_cond = 318.15 + 5.0 * sin(0.05 * step);
        failed += entropyk_system_set_input(sys, COND, ENTROPYK_INPUT_SATURATION_TEMPERATURE, T_cond) != ENTROPYK_OK;
        failed += entropyk_solve_newton_into(sys, &config, result) != ENTROPYK_OK;
        failed += entropyk_result_get_cop_cooling(result, &cop[step]) != ENTROPYK_OK;
    }
    entropyk_result_free(result);
    entropyk_system_free(sys);
    return failed;
}

static double hil_reference[STEPS];

static void* hil_worker(void* arg) {
    double* cop = (double*)arg;
    int failed = hil_run(cop);
    return (void*)(size_t)(failed + (memcmp(cop, hil_reference, sizeof hil_reference) != 0));
}

static void test_systems(void) {
    static double cops[THREADS][STEPS];
    pthread_t threads[THREADS];
    int t;
    CHECK(hil_run(hil_reference) == 0);
    for (t = 0; t < THREADS; ++t) CHECK(pthread_create(&threads[t], NULL, hil_worker, cops[t]) == 0);
    for (t = 0; t < THREADS; ++t) {
        void* result = NULL;
        CHECK(pthread_join(threads[t], &result) == 0);
        if (result != NULL) {
            fprintf(stderr, "system thread %d: failed calls or results different from the single-thread run\n", t);
            ++check_failures;
        }
    }
}

int main(void) {
    pthread_t threads[THREADS];
    int f, k, t;
    FLUIDS = read_fluid_names();
    CHECK(FLUIDS >= 17);                   /* the 17 pure fluids of issue 18 */
    CHECK(strcmp(names[0], "R134a") == 0); /* reference[0] is the shared handle's fluid */
    CHECK_OK(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_EOS, &shared));
    for (f = 0; f < FLUIDS; ++f) {
        EntropykFluid* fluid = NULL;
        CHECK_OK(entropyk_fluid_create(names[f], ENTROPYK_BACKEND_EOS, &fluid));
        for (k = 0; k < POINTS; ++k) {
            if (compute(fluid, k, reference[f][k]) != 0) {
                fprintf(stderr, "%s point %d: a reference state failed: %s\n", names[f], k, last_error_of(fluid));
                ++check_failures;
            }
        }
        entropyk_fluid_free(fluid);
    }
    for (t = 0; t < THREADS; ++t) CHECK(pthread_create(&threads[t], NULL, worker, (void*)(size_t)t) == 0);
    for (t = 0; t < THREADS; ++t) {
        void* result = NULL;
        CHECK(pthread_join(threads[t], &result) == 0);
        if (result != NULL) {
            fprintf(stderr, "thread %d: %d results differ from the single-thread run\n", t, (int)(size_t)result);
            ++check_failures;
        }
    }
    entropyk_fluid_free(shared);
    test_systems();
    return check_report("test_threads");
}
