// Issue 14: three plausible user designs solve cold as designed (examples/cycles/r290_chiller.json,
// r717_cold_store.json, r744_water_cooled.json), and a CO2 condenser cooled above the critical
// temperature says why it has no steady state. Also: user start values (SolveSettings::guess_*).
#include <cstring>

#include "cycles/envelope.hpp"
#include "cycles/user_designs.hpp"
#include "entropyk/cycles/typed.hpp"
#include "support/catch.hpp"

using namespace user_designs;

namespace {

void check_solved(System& sys, double T_evap_max, double T_cond_min) {
    const CycleResults& r = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(r.report);
    REQUIRE(r.converged());
    CHECK(std::fabs(r.energy_balance) <= 1e-8);
    CHECK(r.mass_balance <= 1e-12);
    CHECK(r.entropy_generation >= 0.0);
    CHECK(r.cooling_capacity > 0.0);
    CHECK(r.compressor_power > 0.0);
    // Suction below the evaporator's secondary inlet, discharge saturation above the condenser's.
    const double p_suc = r.connections.back().state.p.si(), p_dis = r.connections[0].state.p.si();
    auto sat_suc = sys.properties().sat_p(p_suc);
    auto sat_dis = sys.properties().sat_p(p_dis);
    REQUIRE(sat_suc);
    REQUIRE(sat_dis);
    CHECK(sat_suc->T_dew.si() < T_evap_max);
    CHECK(sat_dis->T_bubble.si() > T_cond_min);
    // Warm again at the same point: converged at the start.
    const CycleResults& w = sys.solve(SolverMethod::newton);
    CHECK(w.converged());
    CHECK(w.iterations <= 1);
}

} // namespace

TEST_CASE("R290 chiller: water-cooled moving-boundary condenser, brine evaporator", "[cycles][designs]") {
    auto sys = r290_chiller();
    REQUIRE(sys.has_value());
    check_solved(*sys, from_celsius(12.0).si(), from_celsius(30.0).si());
}

TEST_CASE("R717 cold store at -30 C: air cooler, receiver, superheat-controlled valve", "[cycles][designs]") {
    auto sys = r717_cold_store();
    REQUIRE(sys.has_value());
    check_solved(*sys, from_celsius(-25.0).si(), from_celsius(25.0).si());
    CHECK(sys->results().superheat == Approx(6.0).margin(1e-6));
}

TEST_CASE("R744 water-cooled: subcritical with 15 C water; no steady state with 35 C water", "[cycles][designs]") {
    auto cool = r744_water_cooled(15.0);
    REQUIRE(cool.has_value());
    check_solved(*cool, from_celsius(-2.0).si(), from_celsius(15.0).si());
    CHECK(cool->results().connections[0].state.p.si() < cool->refrigerant().p_critical().si());

    auto warm = r744_water_cooled(35.0);
    REQUIRE(warm.has_value());
    const CycleResults& r = warm->solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(r.report);
    CHECK_FALSE(r.converged());
    CHECK(std::strncmp(r.report, "no steady state", 15) == 0);
    CHECK(std::strstr(r.report, "critical temperature") != nullptr);
    CHECK(std::strstr(r.report, "transcritical") != nullptr);
}

TEST_CASE("the same designs on the tables", "[cycles][designs]") {
    auto a = r290_chiller(Backend::tables);
    auto b = r717_cold_store(Backend::tables);
    auto c = r744_water_cooled(15.0, Backend::tables);
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    REQUIRE(c.has_value());
    for (System* s : {&*a, &*b, &*c}) {
        const CycleResults& r = s->solve(SolverMethod::fallback, {}, StartMode::cold);
        INFO(s->refrigerant().name() << ": " << r.report);
        CHECK(r.converged());
    }
}

TEST_CASE("user start values: evaporating and condensing temperatures and mass flow", "[cycles][designs]") {
    envelope::Point p;
    auto hp = envelope::build(p, Backend::tables);
    REQUIRE(hp.has_value());
    const CycleResults& ref = hp->sys.solve(SolverMethod::newton, {}, StartMode::cold);
    REQUIRE(ref.converged());
    const double p_dis = ref.connections[0].state.p.si();

    SECTION("good start values converge from them") {
        SolveSettings s;
        s.guess_evaporating_temperature = from_celsius(15.0).si();
        s.guess_condensing_temperature = from_celsius(45.0).si();
        s.guess_mass_flow = 0.08;
        const CycleResults& r = hp->sys.solve(SolverMethod::newton, s, StartMode::cold);
        INFO(r.report);
        REQUIRE(r.converged());
        CHECK(std::strstr(r.report, "automatic guess") == nullptr); // converged from the user's start
        CHECK(r.connections[0].state.p.si() == Approx(p_dis).epsilon(1e-8));
    }
    SECTION("absurd start values fall back to the automatic strategy") {
        SolveSettings s;
        s.guess_evaporating_temperature = from_celsius(60.0).si();
        s.guess_condensing_temperature = from_celsius(-40.0).si();
        s.guess_mass_flow = 5.0;
        const CycleResults& r = hp->sys.solve(SolverMethod::fallback, s, StartMode::cold);
        INFO(r.report);
        REQUIRE(r.converged());
        CHECK(r.connections[0].state.p.si() == Approx(p_dis).epsilon(1e-8));
    }
}

// The typed cycle shares the engine (cycles/solve.hpp): the same start values and the same rule
// that a failed solve never becomes the warm start.
TEST_CASE("typed cycle: user start values and the kept warm start", "[cycles][designs][typed]") {
    auto c = cycle<fluids::R410A>(Backend::tables) | MapCompressor{envelope::achp_map(), Frequency{60.0}} |
             condenser(MovingBoundary{ThermalConductance{2400.0}})
                 .secondary(Air{from_celsius(35.0), MassFlow{1.4}})
                 .subcooling(TemperatureDifference{7.0}) |
             expansion_valve(FixedSuperheat{TemperatureDifference{5.0}}) |
             evaporator(MovingBoundary{ThermalConductance{1300.0}}).secondary(Air{from_celsius(27.0), MassFlow{0.6}}) |
             close_loop;
    SolveSettings s;
    s.guess_evaporating_temperature = from_celsius(15.0).si();
    s.guess_condensing_temperature = from_celsius(45.0).si();
    const CycleResults& r0 = c.solve(SolverMethod::newton, s, StartMode::cold);
    INFO(r0.report);
    REQUIRE(r0.converged());
    const double p_dis = r0.connections[0].state.p.si();
    // No steady state (evaporator air at R410A's lowest temperature), then back: converged at once.
    REQUIRE(c.set_input<3>(Input::secondary_inlet_temperature, from_celsius(-72.5).si()));
    CHECK_FALSE(c.solve(SolverMethod::newton).converged());
    REQUIRE(c.set_input<3>(Input::secondary_inlet_temperature, from_celsius(27.0).si()));
    const CycleResults& back = c.solve(SolverMethod::newton);
    INFO(back.report);
    REQUIRE(back.converged());
    CHECK(back.iterations <= 1);
    CHECK(back.connections[0].state.p.si() == Approx(p_dis).epsilon(1e-9));
}
