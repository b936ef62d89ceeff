/* Every allocation has its free: many handles created and released, every success and error path
   exercised repeatedly. Run under AddressSanitizer (asan preset) and valgrind (c.test_memory.valgrind):
   zero leaks, zero errors. */
#include "check.h"
#include "cycles.h"

enum { ROUNDS = 200 };

static void one_round(int round) {
    static const char* const names[] = {"R134a", "R32", "R290", "CO2", "R1234yf", "ammonia", "R410A", "water"};
    EntropykFluid* fluid = NULL;
    EntropykFluid* failed = NULL;
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidInfo info = ENTROPYK_FLUID_INFO_INIT;
    char text[512], tiny[2];
    size_t len = 0;
    CHECK_OK(entropyk_fluid_create(names[round % 8], ENTROPYK_BACKEND_EOS, &fluid));
    CHECK_OK(entropyk_fluid_info(fluid, &info));
    /* successes */
    CHECK_OK(entropyk_fluid_state(fluid, ENTROPYK_INPUT_TQ, 0.6 * info.T_critical + 0.4 * info.T_triple, 0.3, &st));
    CHECK_OK(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PH, st.p, st.h, &st));
    CHECK_OK(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, 0.5 * info.p_critical, 1.1 * info.T_critical, &st));
    CHECK_OK(entropyk_fluid_state(fluid, ENTROPYK_INPUT_TD, st.T, st.rho, &st));
    CHECK_OK(entropyk_fluid_names(text, sizeof text, &len));
    CHECK_OK(entropyk_fluid_name(fluid, text, sizeof text, &len));
    /* failures: messages built, exceptions thrown and caught inside the library */
    CHECK_CODE(entropyk_fluid_create("unknown", ENTROPYK_BACKEND_EOS, &failed), ENTROPYK_FLUID_ERROR);
    CHECK_CODE(entropyk_fluid_create("R32", 9, &failed), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_fluid_create(NULL, ENTROPYK_BACKEND_EOS, &failed), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, NAN, 1.0, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, 1e5, 1.0, &st), ENTROPYK_FLUID_ERROR);
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, 1e5, 300.0, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_names(tiny, sizeof tiny, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK_CODE(entropyk_fluid_last_error(fluid, tiny, sizeof tiny, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK_OK(entropyk_fluid_last_error(fluid, text, sizeof text, &len));
    CHECK(failed == NULL);
    entropyk_fluid_free(fluid);
    entropyk_fluid_free(NULL);
}

/* Systems: built, solved (every outcome), refused calls, freed; components never added freed. */
static void system_round(int round) {
    EntropykSystem* sys = round % 2 ? r32_cycle() : cengel_11_1();
    EntropykSolverResult *r = NULL, *reused = NULL;
    EntropykComponent* spare = isentropic_compressor(0.7, 0.1);
    EntropykNewtonConfig one = ENTROPYK_NEWTON_CONFIG_INIT;
    char text[1024];
    double state[64];
    size_t len = 0;
    uint32_t index = 0;
    CHECK(sys != NULL);
    if (sys == NULL) return;
    CHECK_OK(entropyk_solve_newton(sys, NULL, &r));
    CHECK_OK(entropyk_result_get_state_vector(r, state, 64, &len));
    CHECK_OK(entropyk_result_get_report(r, text, sizeof text, &len));
    entropyk_result_free(r);
    CHECK_OK(entropyk_result_create(sys, &reused));
    CHECK_OK(entropyk_solve_fallback_into(sys, NULL, reused));
    one.max_iterations = 1;
    one.cold_start = 1;
    one.tolerance = 1e-14;
    (void)entropyk_solve_newton(sys, &one, &r); /* converged or not, a result to free */
    entropyk_result_free(r);
    CHECK_CODE(entropyk_system_add_component(sys, spare, &index), ENTROPYK_INVALID_STATE);
    CHECK_CODE(entropyk_result_get_state_vector(reused, state, 1, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK_OK(entropyk_system_last_error(sys, text, sizeof text, &len));
    entropyk_component_free(spare);
    entropyk_result_free(reused);
    entropyk_system_free(sys);
}

int main(void) {
    EntropykFluid* held[32];
    int i;
    for (i = 0; i < ROUNDS; ++i) one_round(i);
    for (i = 0; i < 6; ++i) system_round(i);
    {
        EntropykSystem* hp = heat_pump(55.0); /* the off-design models' allocations */
        CHECK(hp != NULL);
        entropyk_system_free(hp);
    }
    for (i = 0; i < 32; ++i) CHECK_OK(entropyk_fluid_create("R290", ENTROPYK_BACKEND_EOS, &held[i]));
    for (i = 0; i < 32; i += 2) entropyk_fluid_free(held[i]);
    for (i = 1; i < 32; i += 2) entropyk_fluid_free(held[i]);
    return check_report("test_memory");
}
