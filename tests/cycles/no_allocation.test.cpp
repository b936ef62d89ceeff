// No heap allocation during a solve after finalize(): the global operator new is replaced by a
// counting one, and 1,000 warm and 1,000 cold solves must not move the counter.
#include <atomic>
#include <cstdlib>
#include <new>

#include "cycles/cycle_fixtures.hpp"

#include "support/counting_new.hpp"

using namespace fixtures;

TEST_CASE("1,000 warm and 1,000 cold solves allocate nothing", "[cycles][realtime]") {
    auto l = r32_cycle();
    REQUIRE(l.sys.solve().converged()); // first solve: workspaces are created here, once
    const double T0 = from_celsius(45.0).si();

    const long before_warm = g_allocations.load();
    int converged = 0;
    for (int i = 0; i < 1000; ++i) {
        // A HIL step: the condensing temperature moves a little every step.
        (void)l.sys.set_input(l.cond, Input::saturation_temperature, T0 + 0.002 * (i % 50));
        converged += l.sys.solve(SolverMethod::newton, {}, StartMode::warm).converged() ? 1 : 0;
    }
    const long warm_allocs = g_allocations.load() - before_warm;

    const long before_cold = g_allocations.load();
    for (int i = 0; i < 1000; ++i)
        converged += l.sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged() ? 1 : 0;
    const long cold_allocs = g_allocations.load() - before_cold;

    std::printf("allocations: %ld in 1000 warm solves, %ld in 1000 cold solves\n", warm_allocs, cold_allocs);
    CHECK(converged == 2000);
    CHECK(warm_allocs == 0);
    CHECK(cold_allocs == 0);
}

TEST_CASE("the off-design heat pump solves without allocating either", "[cycles][realtime]") {
    auto hp = heat_pump();
    REQUIRE(hp.sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    const long before = g_allocations.load();
    int converged = 0;
    for (int i = 0; i < 200; ++i) {
        (void)hp.sys.set_input(hp.comp, Input::compressor_speed, 55.0 + 0.05 * i);
        converged += hp.sys.solve(SolverMethod::newton, {}, StartMode::warm).converged() ? 1 : 0;
        converged += hp.sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged() ? 1 : 0;
    }
    const long allocs = g_allocations.load() - before;
    std::printf("allocations: %ld in 200 warm + 200 cold off-design solves\n", allocs);
    CHECK(converged == 400);
    CHECK(allocs == 0);
}
