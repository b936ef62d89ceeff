// The HIL step through the C API allocates nothing: set_input + entropyk_solve_*_into + getters,
// 1,000 steps, with the global operator new replaced by a counting one (own test binary for that
// reason). The library is the shared entropyk::c, whose operator new calls resolve here.
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>

#include <entropyk.h>

#include "support/catch.hpp"

#include "support/counting_new.hpp"

extern "C" {
#include "c/cycles.h"
}

TEST_CASE("capi/solve_into: 1,000 HIL steps through the C API allocate nothing", "[capi][realtime]") {
    for (EntropykBackend backend : {ENTROPYK_BACKEND_EOS, ENTROPYK_BACKEND_TABLES}) {
        EntropykSystem* sys = heat_pump_on(backend, valve(ENTROPYK_VALVE_FIXED_SUPERHEAT, 5.0, 0.0, 0.05, 1.0), 60.0);
        REQUIRE(sys != nullptr);
        EntropykSolverResult* result = nullptr;
        REQUIRE(entropyk_result_create(sys, &result) == ENTROPYK_OK);
        EntropykFallbackConfig cold = ENTROPYK_FALLBACK_CONFIG_INIT;
        cold.cold_start = 1;
        cold.time_budget = 60.0;
        REQUIRE(entropyk_solve_fallback_into(sys, &cold, result) == ENTROPYK_OK); // sizes the workspace

        EntropykNewtonConfig warm = ENTROPYK_NEWTON_CONFIG_INIT;
        warm.time_budget = 60.0;
        EntropykCycleSummary summary = ENTROPYK_CYCLE_SUMMARY_INIT;
        double state[64];
        std::size_t n = 0;
        int ok = 0;
        const long before = g_allocations.load();
        for (int step = 0; step < 1000; ++step) {
            (void)entropyk_system_set_input(sys, COMP, ENTROPYK_INPUT_COMPRESSOR_SPEED,
                                            60.0 + 10.0 * std::sin(0.01 * step));
            ok += entropyk_solve_newton_into(sys, &warm, result) == ENTROPYK_OK;
            (void)entropyk_result_get_summary(result, &summary);
            (void)entropyk_result_get_state_vector(result, state, 64, &n);
        }
        const long allocations = g_allocations.load() - before;
        // The counter sees the library's allocations: the allocating solve makes a result handle.
        EntropykSolverResult* fresh = nullptr;
        const long before_fresh = g_allocations.load();
        REQUIRE(entropyk_solve_newton(sys, &warm, &fresh) == ENTROPYK_OK);
        CHECK(g_allocations.load() > before_fresh);
        entropyk_result_free(fresh);
        INFO("backend " << backend);
        CHECK(ok == 1000);
        CHECK(allocations == 0);
        entropyk_result_free(result);
        entropyk_system_free(sys);
    }
}

TEST_CASE("capi/blend: flashes of a blend allocate nothing after its creation", "[capi][realtime]") {
    EntropykFluid* fluid = nullptr;
    REQUIRE(entropyk_fluid_create("R454B", ENTROPYK_BACKEND_EOS, &fluid) == ENTROPYK_OK); // traces the envelope
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
    EntropykBlendInfo info = ENTROPYK_BLEND_INFO_INIT;
    // The first call of this thread creates its mixture workspace (thread_local: no heap either).
    REQUIRE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PQ, 1e6, 0.5, &st) == ENTROPYK_OK);
    int ok = 0;
    const long before = g_allocations.load();
    for (int i = 0; i < 50; ++i) {
        const double p = 5e5 + 2e4 * i;
        ok += entropyk_fluid_state(fluid, ENTROPYK_INPUT_PQ, p, 0.3, &st) == ENTROPYK_OK;
        ok += entropyk_fluid_state(fluid, ENTROPYK_INPUT_PH, p, st.h + 1e4, &st) == ENTROPYK_OK;
        ok += entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, p, 320.0, &st) == ENTROPYK_OK;
        ok += entropyk_fluid_blend_info(fluid, p, &info) == ENTROPYK_OK;
    }
    CHECK(ok == 200);
    CHECK(g_allocations.load() - before == 0);
    entropyk_fluid_free(fluid);
}
