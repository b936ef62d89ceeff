// No heap allocation during a solve after finalize(): the global operator new is replaced by a
// counting one, and 1,000 warm and 1,000 cold solves must not move the counter.
#include <atomic>
#include <cstdlib>
#include <new>
#include <utility>

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

TEST_CASE("the transcritical CO2 loop (gas cooler, high-pressure valve) solves without allocating",
          "[cycles][realtime][transcritical]") {
    // The validation cycle at 100 bar with the UA gas cooler against water (its discretised
    // profile lives on the stack), and the COP-optimal valve whose search runs warm solves.
    auto make = [](HighPressureValve valve) {
        SimpleLoop l{System(fluids::R744::get()), 0, 0, 0, 0};
        l.comp = *l.sys.add("compressor", IsentropicCompressor{0.7, MassFlow{1.0}});
        l.cond = *l.sys.add("gas cooler", GasCooler::ua(ThermalConductance{50e3},
                                                        SecondaryFluid::water(Temperature{293.15}, MassFlow{5.0})));
        l.valve = *l.sys.add("hp valve", valve);
        l.evap = *l.sys.add("evaporator", FixedSaturationEvaporator{Temperature{268.15}, TemperatureDifference{0.0}});
        REQUIRE(l.sys.connect(l.comp, l.cond));
        REQUIRE(l.sys.connect(l.cond, l.valve));
        REQUIRE(l.sys.connect(l.valve, l.evap));
        REQUIRE(l.sys.connect(l.evap, l.comp));
        REQUIRE(l.sys.finalize());
        return l;
    };
    auto fixed = make(HighPressureValve{Pressure{100e5}});
    auto optimal = make(HighPressureValve::cop_optimal());
    REQUIRE(fixed.sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    REQUIRE(optimal.sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    const long before = g_allocations.load();
    int converged = 0;
    for (int i = 0; i < 50; ++i) {
        (void)fixed.sys.set_input(fixed.valve, Input::high_side_pressure, 100e5 + 0.1e5 * i);
        converged += fixed.sys.solve(SolverMethod::newton, {}, StartMode::warm).converged() ? 1 : 0;
        converged += fixed.sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged() ? 1 : 0;
    }
    for (int i = 0; i < 5; ++i) {
        (void)optimal.sys.set_input(optimal.cond, Input::secondary_inlet_temperature, 293.15 + 0.5 * i);
        converged += optimal.sys.solve(SolverMethod::fallback, {}, StartMode::warm).converged() ? 1 : 0;
    }
    const long allocs = g_allocations.load() - before;
    std::printf("allocations: %ld in 50 warm + 50 cold transcritical solves and 5 COP-optimal searches\n", allocs);
    CHECK(converged == 105);
    CHECK(allocs == 0);
}

TEST_CASE("a network (two-stage with a flash tank and a mixer) solves without allocating",
          "[cycles][realtime][network]") {
    // Case a of the network tests, with compressors of isentropic efficiency 0.75 so that the
    // warm solves take Newton steps on the multi-port components.
    auto sys = std::move(*System::create("R134a"));
    const auto lp = *sys.add("lp", IsentropicCompressor{0.75});
    (void)*sys.add("mixer", Mixer{});
    (void)*sys.add("hp", IsentropicCompressor{0.75, 1.0_kg_per_s});
    (void)*sys.add("cond", FixedSaturationCondenser{0.8_MPa, 0.0_dK});
    (void)*sys.add("v1", IsenthalpicValve{});
    (void)*sys.add("flash", FlashTank{0.32_MPa});
    (void)*sys.add("v2", IsenthalpicValve{});
    (void)*sys.add("evap", FixedSaturationEvaporator{0.14_MPa, 0.0_dK});
    REQUIRE(sys.connect("lp.discharge", "mixer.inlet_a"));
    REQUIRE(sys.connect("mixer", "hp"));
    REQUIRE(sys.connect("hp", "cond"));
    REQUIRE(sys.connect("cond", "v1"));
    REQUIRE(sys.connect("v1", "flash"));
    REQUIRE(sys.connect("flash.liquid_out", "v2"));
    REQUIRE(sys.connect("flash.vapour_out", "mixer.inlet_b"));
    REQUIRE(sys.connect("v2", "evap"));
    REQUIRE(sys.connect("evap", "lp"));
    REQUIRE(sys.finalize());
    REQUIRE(sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    const long before = g_allocations.load();
    int converged = 0;
    for (int i = 0; i < 100; ++i) {
        (void)sys.set_input(lp, Input::isentropic_efficiency, 0.75 + 0.001 * (i % 20));
        converged += sys.solve(SolverMethod::newton, {}, StartMode::warm).converged() ? 1 : 0;
        converged += sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged() ? 1 : 0;
    }
    const long allocs = g_allocations.load() - before;
    std::printf("allocations: %ld in 100 warm + 100 cold network solves\n", allocs);
    CHECK(converged == 200);
    CHECK(allocs == 0);
}

TEST_CASE("two loops of two refrigerants (an R744/R717 cascade) solve without allocating",
          "[cycles][realtime][multiloop]") {
    // The cascade of the multi-loop tests with compressors of isentropic efficiency 0.7: the
    // warm solves take Newton steps through the exchanger that couples the loops.
    auto sys = std::move(*System::create("R717"));
    (void)*sys.add("comp_a", IsentropicCompressor{0.7, 0.1_kg_per_s});
    (void)*sys.add("cond_a", FixedSaturationCondenser{35.0_degC, 0.0_dK});
    (void)*sys.add("valve_a", IsenthalpicValve{});
    REQUIRE(sys.add_cascade("hx_cond", "hx_evap", CascadeHeatExchanger::at_temperature(-10.0_degC, 5.0_dK)));
    const auto comp_b = *sys.add("comp_b", IsentropicCompressor{0.7});
    (void)*sys.add("valve_b", IsenthalpicValve{});
    (void)*sys.add("evap_b", FixedSaturationEvaporator{-45.0_degC, 5.0_dK});
    REQUIRE(sys.set_refrigerant("comp_b", "R744"));
    REQUIRE(sys.connect("comp_a", "cond_a"));
    REQUIRE(sys.connect("cond_a", "valve_a"));
    REQUIRE(sys.connect("valve_a", "hx_evap"));
    REQUIRE(sys.connect("hx_evap", "comp_a"));
    REQUIRE(sys.connect("comp_b", "hx_cond"));
    REQUIRE(sys.connect("hx_cond", "valve_b"));
    REQUIRE(sys.connect("valve_b", "evap_b"));
    REQUIRE(sys.connect("evap_b", "comp_b"));
    REQUIRE(sys.finalize());
    REQUIRE(sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    const long before = g_allocations.load();
    int converged = 0;
    for (int i = 0; i < 100; ++i) {
        (void)sys.set_input(comp_b, Input::isentropic_efficiency, 0.7 + 0.001 * (i % 20));
        converged += sys.solve(SolverMethod::newton, {}, StartMode::warm).converged() ? 1 : 0;
        converged += sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged() ? 1 : 0;
    }
    const long allocs = g_allocations.load() - before;
    std::printf("allocations: %ld in 100 warm + 100 cold cascade solves\n", allocs);
    CHECK(converged == 200);
    CHECK(allocs == 0);
}

TEST_CASE("the cascade exchanger's UA form solves without allocating", "[cycles][realtime][multiloop]") {
    // The plant above with the exchanger sized (UA) and both compressors' flows given (that of
    // examples/cycles/r744_r717_cascade_ua.json): the zone model runs in every residual of the
    // evaporating side.
    auto sys = std::move(*System::create("R717"));
    const auto comp_a = *sys.add("comp_a", IsentropicCompressor{0.75, 0.1_kg_per_s});
    (void)*sys.add("cond_a", FixedSaturationCondenser{35.0_degC, 0.0_dK});
    (void)*sys.add("valve_a", IsenthalpicValve{});
    REQUIRE(sys.add_cascade("hx_cond", "hx_evap", CascadeHeatExchanger::with_ua(25000.0_W_per_K)));
    (void)*sys.add("comp_b", IsentropicCompressor{0.75, 0.33_kg_per_s});
    (void)*sys.add("valve_b", IsenthalpicValve{});
    (void)*sys.add("evap_b", FixedSaturationEvaporator{-45.0_degC, 5.0_dK});
    REQUIRE(sys.set_refrigerant("comp_b", "R744"));
    REQUIRE(sys.connect("comp_a", "cond_a"));
    REQUIRE(sys.connect("cond_a", "valve_a"));
    REQUIRE(sys.connect("valve_a", "hx_evap"));
    REQUIRE(sys.connect("hx_evap", "comp_a"));
    REQUIRE(sys.connect("comp_b", "hx_cond"));
    REQUIRE(sys.connect("hx_cond", "valve_b"));
    REQUIRE(sys.connect("valve_b", "evap_b"));
    REQUIRE(sys.connect("evap_b", "comp_b"));
    REQUIRE(sys.finalize());
    const auto& first = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(first.report);
    REQUIRE(first.converged());
    const long before = g_allocations.load();
    int converged = 0;
    for (int i = 0; i < 20; ++i) {
        (void)sys.set_input(comp_a, Input::isentropic_efficiency, 0.75 + 0.001 * i);
        converged += sys.solve(SolverMethod::newton, {}, StartMode::warm).converged() ? 1 : 0;
        converged += sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged() ? 1 : 0;
    }
    const long allocs = g_allocations.load() - before;
    std::printf("allocations: %ld in 20 warm + 20 cold UA-form cascade solves\n", allocs);
    CHECK(converged == 40);
    CHECK(allocs == 0);
}

#ifdef NDEBUG // the blend's table build (about 1 s optimised) takes many times that unoptimised
TEST_CASE("the R454B heat pump on its blend tables solves without allocating", "[cycles][realtime][tables]") {
    // The demo heat pump on a blend with Backend::tables: every property call is a table lookup
    // (fluids::BlendTableBackend) or, outside the tables, the blend EOS on its thread_local
    // workspace; neither allocates. The tables themselves are built (allocated) at create.
    HeatPump hp{std::move(*System::create("R454B", Backend::tables)), 0, 0, 0, 0};
    hp.comp = *hp.sys.add("compressor", MapCompressor{achp_map(), 60.0_Hz});
    hp.cond = *hp.sys.add(
        "condenser", Condenser{HxModel::moving_boundary, 2400.0_W_per_K, SecondaryFluid::air(35.0_degC, 1.4_kg_per_s)}
                         .with_subcooling(7.0_dK));
    hp.valve = *hp.sys.add("valve", ExpansionValve::fixed_superheat(5.0_dK));
    hp.evap = *hp.sys.add("evaporator", Evaporator{HxModel::moving_boundary, 1300.0_W_per_K,
                                                   SecondaryFluid::air(27.0_degC, 0.6_kg_per_s)});
    REQUIRE(hp.sys.connect(hp.comp, hp.cond));
    REQUIRE(hp.sys.connect(hp.cond, hp.valve));
    REQUIRE(hp.sys.connect(hp.valve, hp.evap));
    REQUIRE(hp.sys.connect(hp.evap, hp.comp));
    REQUIRE(hp.sys.finalize().has_value());
    REQUIRE(hp.sys.properties().backend() == Backend::tables);
    REQUIRE(hp.sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    const long before = g_allocations.load();
    int converged = 0;
    for (int i = 0; i < 100; ++i) {
        (void)hp.sys.set_input(hp.comp, Input::compressor_speed, 55.0 + 0.1 * i);
        converged += hp.sys.solve(SolverMethod::newton, {}, StartMode::warm).converged() ? 1 : 0;
    }
    const long allocs = g_allocations.load() - before;
    std::printf("allocations: %ld in 100 warm R454B solves on tables\n", allocs);
    CHECK(converged == 100);
    CHECK(allocs == 0);
}
#endif

TEST_CASE("the CO2 booster rack (13 components, two compressors, flash tank, bypass) solves without allocating",
          "[cycles][realtime][network]") {
    // examples/cycles/r744_booster_rack.json built in code: the network of the benchmark
    // (benchmarks/network_bench.cpp), warm steps of the MT level and cold solves.
    auto sys = std::move(*System::create("R744"));
    (void)*sys.add("mt compressor", IsentropicCompressor{0.7, 0.15_kg_per_s});
    (void)*sys.add("gas cooler", GasCooler::outlet_temperature(35.0_degC));
    (void)*sys.add("hp valve", HighPressureValve{Pressure{90e5}});
    (void)*sys.add("flash tank", FlashTank{Pressure{35e5}});
    (void)*sys.add("bypass valve", IsenthalpicValve{});
    (void)*sys.add("liquid split", Splitter{});
    (void)*sys.add("mt valve", IsenthalpicValve{});
    const auto mt = *sys.add("mt evaporator", FixedSaturationEvaporator{-8.0_degC, 5.0_dK});
    (void)*sys.add("lt valve", IsenthalpicValve{});
    (void)*sys.add("lt evaporator", FixedSaturationEvaporator{-30.0_degC, 5.0_dK});
    (void)*sys.add("lt compressor", IsentropicCompressor{0.7, 0.03_kg_per_s});
    (void)*sys.add("booster mixer", Mixer{});
    (void)*sys.add("bypass mixer", Mixer{});
    const std::pair<const char*, const char*> connections[] = {{"mt compressor", "gas cooler"},
                                                               {"gas cooler", "hp valve"},
                                                               {"hp valve", "flash tank.inlet"},
                                                               {"flash tank.liquid_out", "liquid split"},
                                                               {"flash tank.vapour_out", "bypass valve"},
                                                               {"liquid split.outlet_a", "mt valve"},
                                                               {"mt valve", "mt evaporator"},
                                                               {"liquid split.outlet_b", "lt valve"},
                                                               {"lt valve", "lt evaporator"},
                                                               {"lt evaporator", "lt compressor"},
                                                               {"mt evaporator", "booster mixer.inlet_a"},
                                                               {"lt compressor", "booster mixer.inlet_b"},
                                                               {"booster mixer", "bypass mixer.inlet_a"},
                                                               {"bypass valve", "bypass mixer.inlet_b"},
                                                               {"bypass mixer", "mt compressor"}};
    for (const auto& c : connections) REQUIRE(sys.connect(c.first, c.second));
    REQUIRE(sys.finalize());
    REQUIRE(sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    const long before = g_allocations.load();
    int converged = 0;
    for (int i = 0; i < 50; ++i) {
        (void)sys.set_input(mt, Input::saturation_temperature, from_celsius(-8.0 + 0.01 * (i % 20)).si());
        converged += sys.solve(SolverMethod::fallback, {}, StartMode::warm).converged() ? 1 : 0;
        converged += sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged() ? 1 : 0;
    }
    const long allocs = g_allocations.load() - before;
    std::printf("allocations: %ld in 50 warm + 50 cold booster-rack solves\n", allocs);
    CHECK(converged == 100);
    CHECK(allocs == 0);
}
