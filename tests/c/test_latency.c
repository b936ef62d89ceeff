/* The HIL loop's round trip: 10,000 steps of the R410A heat pump through the C API on the tables
   backend (and 1,000 on the equation of state), each changing the compressor speed and the
   condenser air temperature, then solving warm into a reused result and reading the figures back.
   Prints median, p99 and max latency; asserts convergence only (speed targets are measured, not
   asserted). */
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "cycles.h"

enum { STEPS = 10000 };

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int by_value(const void* a, const void* b) {
    const double x = *(const double*)a, y = *(const double*)b;
    return (x > y) - (x < y);
}

static void run(EntropykBackend backend, const char* label, int steps) {
    static double latency[STEPS];
    EntropykSystem* sys = heat_pump_on(backend, valve(ENTROPYK_VALVE_FIXED_SUPERHEAT, 5.0, 0.0, 0.05, 1.0), 60.0);
    EntropykSolverResult* result = NULL;
    EntropykFallbackConfig cold = ENTROPYK_FALLBACK_CONFIG_INIT;
    int step, failures = 0;
    if (sys == NULL) {
        fprintf(stderr, "could not build the heat pump\n");
        ++check_failures;
        return;
    }
    cold.cold_start = 1;
    CHECK_OK(entropyk_result_create(sys, &result));
    CHECK_OK(entropyk_solve_fallback_into(sys, &cold, result)); /* the first solve sizes the workspace */
    for (step = 0; step < steps; ++step) {
        /* a slow sweep of speed (45..75 Hz) and outdoor air (30..40 C), as a bench would drive it */
        const double speed = 60.0 + 15.0 * sin(2.0 * 3.14159265358979 * step / 2000.0);
        const double T_air = 308.15 + 5.0 * sin(2.0 * 3.14159265358979 * step / 3300.0);
        double cop = 0.0, q = 0.0;
        EntropykErrorCode rc;
        const double t0 = now_s();
        entropyk_system_set_input(sys, COMP, ENTROPYK_INPUT_COMPRESSOR_SPEED, speed);
        entropyk_system_set_input(sys, COND, ENTROPYK_INPUT_SECONDARY_INLET_TEMPERATURE, T_air);
        rc = entropyk_solve_newton_into(sys, NULL, result);
        entropyk_result_get_cop_heating(result, &cop);
        entropyk_result_get_heating_capacity(result, &q);
        latency[step] = now_s() - t0;
        if (rc != ENTROPYK_OK || !(cop > 1.0 && q > 0.0)) ++failures;
    }
    qsort(latency, (size_t)steps, sizeof latency[0], by_value);
    printf("HIL step on %s (set 2 inputs + warm Newton solve + 2 reads), %d steps: median %.1f us, p99 %.1f us, "
           "max %.1f us\n",
           label, steps, latency[steps / 2] * 1e6, latency[steps * 99 / 100] * 1e6, latency[steps - 1] * 1e6);
    if (failures) {
        fprintf(stderr, "%d steps did not converge\n", failures);
        ++check_failures;
    }
    entropyk_result_free(result);
    entropyk_system_free(sys);
}

int main(void) {
    run(ENTROPYK_BACKEND_TABLES, "tables", STEPS);
    run(ENTROPYK_BACKEND_EOS, "the EOS", STEPS / 10);
    return check_report("test_latency");
}
