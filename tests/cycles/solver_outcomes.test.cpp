// The three solvers agree; failures are reported as failures, never as a false convergence.
#include <cstring>

#include "cycles/cycle_fixtures.hpp"

using namespace fixtures;
using Catch::Matchers::WithinRel;

TEST_CASE("Newton, Picard and the fallback reach the same answer", "[cycles][solvers]") {
    for (auto make : {&cengel_11_1, &r32_cycle, &moran_10_1}) {
        auto a = make();
        auto b = make();
        auto c = make();
        const auto& ra = a.sys.solve(SolverMethod::newton);
        SolveSettings picard;
        picard.max_iterations = 200;
        const auto& rb = b.sys.solve(SolverMethod::picard, picard);
        const auto& rc = c.sys.solve(SolverMethod::fallback);
        INFO(ra.report << rb.report << rc.report);
        REQUIRE(ra.status == SolveStatus::converged);
        REQUIRE(rb.status == SolveStatus::converged);
        REQUIRE(rc.status == SolveStatus::converged);
        CHECK_THAT(rb.cop_cooling, WithinRel(ra.cop_cooling, 1e-8));
        CHECK_THAT(rc.cop_cooling, WithinRel(ra.cop_cooling, 1e-8));
        for (std::size_t i = 0; i < ra.connections.size(); ++i) {
            CHECK_THAT(rb.connections[i].state.h.si(), WithinRel(ra.connections[i].state.h.si(), 1e-8));
            CHECK_THAT(rc.connections[i].state.p.si(), WithinRel(ra.connections[i].state.p.si(), 1e-8));
        }
        check_balances(rb);
        check_balances(rc);
    }
}

TEST_CASE("an impossible cycle reports non-convergence with the failing equation", "[cycles][solvers]") {
    // 150 K of subcooling below a 45 C condenser asks for R134a liquid below its triple point
    // (169.85 K): no state satisfies the condenser's outlet equation.
    auto l = simple_loop("R134a", IsentropicCompressor{0.8, 0.05_kg_per_s},
                         FixedSaturationCondenser{45.0_degC, 150.0_dK}, FixedSaturationEvaporator{0.0_degC, 5.0_dK});
    for (auto method : {SolverMethod::newton, SolverMethod::picard, SolverMethod::fallback}) {
        const auto& r = l.sys.solve(method, {}, StartMode::cold);
        INFO(r.report);
        CHECK(r.status == SolveStatus::non_convergence);
        CHECK_FALSE(r.converged());
        CHECK(std::strstr(r.report, "triple") != nullptr);
    }
}

TEST_CASE("a tiny wall-clock budget times out", "[cycles][solvers]") {
    // The off-design heat pump needs several Newton iterations from a cold start.
    auto hp = heat_pump();
    SolveSettings s;
    s.time_budget_s = 1e-6;
    const auto& r = hp.sys.solve(SolverMethod::newton, s, StartMode::cold);
    INFO(r.report);
    CHECK(r.status == SolveStatus::timed_out);
    CHECK_FALSE(r.converged());
}

TEST_CASE("a non-converged solve names the largest residuals", "[cycles][solvers]") {
    auto hp = heat_pump();
    SolveSettings s;
    s.max_iterations = 1; // not enough for the off-design cycle
    const auto& r = hp.sys.solve(SolverMethod::newton, s, StartMode::cold);
    INFO(r.report);
    REQUIRE(r.status == SolveStatus::non_convergence);
    CHECK(std::strstr(r.report, "largest scaled residuals") != nullptr);
    CHECK(std::strstr(r.report, "  r[") != nullptr);
    CHECK(std::strstr(r.report, "' (") != nullptr); // named as 'component' (kind): equation
}
