// Design-mode cycles against published answers (textbook and published validation answers, quoted in each test).
#include <cstdio>

#include "cycles/cycle_fixtures.hpp"

using namespace fixtures;
using Catch::Matchers::WithinRel;

TEST_CASE("Cengel & Boles Example 11-1: ideal R134a refrigerator", "[cycles][validation]") {
    auto l = cengel_11_1();
    const auto& r = l.sys.solve(SolverMethod::newton);
    INFO(r.report);
    REQUIRE(r.status == SolveStatus::converged);
    // Published: Q_L = 7.18 kW, W_in = 1.81 kW, Q_H = 8.99 kW, COP_R = 3.97 (tables, 3 digits).
    CHECK_THAT(r.cooling_capacity, WithinRel(7.18e3, 0.005));
    CHECK_THAT(r.compressor_power, WithinRel(1.81e3, 0.005));
    CHECK_THAT(r.heating_capacity, WithinRel(8.99e3, 0.005));
    CHECK_THAT(r.cop_cooling, WithinRel(3.97, 0.005));
    // Recomputed with the same EOS: Q_L = 7183.7 W, W = 1810.6 W, COP = 3.96760, T2 = 312.127 K.
    CHECK_THAT(r.cooling_capacity, WithinRel(7183.7, 2e-4));
    CHECK_THAT(r.compressor_power, WithinRel(1810.6, 2e-4));
    CHECK_THAT(r.cop_cooling, WithinRel(3.96760, 2e-5));
    const auto& discharge = r.connections[0].state; // compressor -> condenser
    CHECK_THAT(discharge.T.si(), WithinRel(312.127, 1e-5));
    CHECK(r.superheat == Approx(0.0).margin(1e-6));
    CHECK(r.subcooling == Approx(0.0).margin(1e-6));
    check_balances(r);
}

TEST_CASE("R32 simple cycle: EER 4.348012 and COP 5.348012", "[cycles][validation]") {
    auto l = r32_cycle();
    const auto& r = l.sys.solve(SolverMethod::newton);
    INFO(r.report);
    REQUIRE(r.status == SolveStatus::converged);
    CHECK_THAT(r.cop_cooling, WithinRel(4.348012, 1e-4));
    CHECK_THAT(r.cop_heating, WithinRel(5.348012, 1e-4));
    // Discharge temperature 88.76 C (published), 88.759 C (recomputed).
    CHECK(to_celsius(r.connections[0].state.T) == Approx(88.759).margin(0.01));
    CHECK(r.superheat == Approx(5.0).margin(1e-6));
    CHECK(r.subcooling == Approx(3.0).margin(1e-6));
    check_balances(r);
    std::printf("R32 cycle: EER = %.9f, COP = %.9f, T2 = %.4f C, %d iterations, %.3f ms\n", r.cop_cooling,
                r.cop_heating, to_celsius(r.connections[0].state.T), r.iterations, r.solve_time_s * 1e3);
}

TEST_CASE("Moran & Shapiro Example 10.1: ideal R134a cycle", "[cycles][validation]") {
    auto l = moran_10_1();
    const auto& r = l.sys.solve(SolverMethod::newton);
    INFO(r.report);
    REQUIRE(r.status == SolveStatus::converged);
    // Published: W_c = 1.40 kW, Q_in = 12.92 kW, beta = 9.24 (tables); recomputed 1408.65 W,
    // 13010.4 W, 9.23609.
    CHECK_THAT(r.compressor_power, WithinRel(1408.65, 2e-4));
    CHECK_THAT(r.cooling_capacity, WithinRel(13010.4, 2e-4));
    CHECK_THAT(r.cop_cooling, WithinRel(9.23609, 2e-5));
    CHECK_THAT(r.cop_cooling, WithinRel(9.24, 0.005));
    check_balances(r);
}

TEST_CASE("A warm start from the solution converges at once and gives the same answer", "[cycles]") {
    auto l = r32_cycle();
    const double cop = l.sys.solve(SolverMethod::newton).cop_cooling;
    const auto& r = l.sys.solve(SolverMethod::newton, {}, StartMode::warm);
    REQUIRE(r.status == SolveStatus::converged);
    CHECK(r.iterations <= 1);
    CHECK_THAT(r.cop_cooling, WithinRel(cop, 1e-12));
}

TEST_CASE("Changing an input between solves moves the answer the right way", "[cycles][hil]") {
    auto l = r32_cycle();
    const double cop45 = l.sys.solve().cop_cooling;
    REQUIRE(l.sys.set_input(l.cond, Input::saturation_temperature, from_celsius(50.0).si()));
    const auto& r = l.sys.solve();
    REQUIRE(r.converged());
    CHECK(r.cop_cooling < cop45); // a hotter condenser costs efficiency
    check_balances(r);
    // Refused inputs name the component.
    auto bad = l.sys.set_input(l.valve, Input::compressor_speed, 50.0);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == Errc::invalid_argument);
    CHECK(bad.error().message().find("'valve'") != std::string_view::npos);
}
