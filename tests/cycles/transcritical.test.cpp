// Transcritical CO2 (R744): the gas cooler, the high-pressure valve, the COP-optimal high-side
// pressure, and the states above the critical pressure through the whole single loop.
//
// Reference figures: a simple transcritical cycle defined and computed independently with
// CoolProp 8.0.0 (HEOS backend, the same reference equations of state as ours: Span & Wagner 1996
// for CO2), its states polished to round-off. Definition: evaporating at -5 C (268.15 K) with
// saturated vapour at the compressor inlet; isentropic efficiency 0.7; gas cooler at 100 bar with
// the outlet at 35 C (308.15 K); isenthalpic valve; no pressure drops; 1 kg/s. The COP-optimal
// gas-cooler pressure of the same cycle was found there by a 2-bar scan, golden-section search to
// 0.5 Pa and a 0.01-bar grid. CoolProp's enthalpy reference for CO2 (IIR: h = 200 kJ/kg, s =
// 1 kJ/(kg K) for the saturated liquid at 0 C) may differ from ours, so enthalpies and entropies
// are compared as differences.
#include <cmath>
#include <string>

#include "cycles/cycle_fixtures.hpp"
#include "entropyk/cycles/typed.hpp"
#include "entropyk/fluids/phase_name.hpp"

using namespace fixtures;

namespace {

// Case c, gas cooler at 100 bar (Pa, K, J/kg, J/(kg K)).
constexpr double p_evap = 3045875.33483;
constexpr double T2 = 373.226022561;                          // compressor discharge
constexpr double h2_minus_h1 = 504254.496433 - 433383.689422; // compressor work per kg
constexpr double h1_minus_h4 = 433383.689422 - 289517.821799; // refrigerating effect
constexpr double h2_minus_h3 = 504254.496433 - 289517.821799; // gas-cooler heat
constexpr double s2_minus_s1 = 1930.50548144 - 1872.48397716; // entropy rise in the compressor
constexpr double s3_minus_s1 = 1280.56575885 - 1872.48397716; // gas-cooler outlet vs suction
constexpr double rho2 = 188.466850288, rho3 = 712.810345881, rho1 = 83.3589408274;
constexpr double x4 = 0.413601343046;
constexpr double cop_100bar = 2.02997360539;
// The COP-optimal gas-cooler pressure: 88.81 bar on a 0.01-bar grid (COP there 2.10915478776),
// continuous maximiser 8881332.69678 Pa with COP 2.10915480313.
constexpr double p_opt_grid = 8881000.0, cop_at_p_opt_grid = 2.10915478776;
constexpr double p_opt = 8881332.69678, cop_max = 2.10915480313;
constexpr double T_crit = 304.128200003;

bool near(double a, double b, double rel) { return std::fabs(a - b) <= rel * std::fabs(b); }

struct Co2Loop {
    System sys;
    std::uint32_t comp, gc, valve, evap;
};

Co2Loop co2_loop(Backend backend, HighPressureValve valve,
                 GasCooler gc = GasCooler::outlet_temperature(Temperature{308.15})) {
    Co2Loop l{System(fluids::R744::get(), backend), 0, 0, 0, 0};
    l.comp = *l.sys.add("compressor", IsentropicCompressor{0.7, MassFlow{1.0}});
    l.gc = *l.sys.add("gas cooler", gc);
    l.valve = *l.sys.add("hp valve", valve);
    l.evap = *l.sys.add("evaporator", FixedSaturationEvaporator{Temperature{268.15}, TemperatureDifference{0.0}});
    REQUIRE(l.sys.connect(l.comp, l.gc));
    REQUIRE(l.sys.connect(l.gc, l.valve));
    REQUIRE(l.sys.connect(l.valve, l.evap));
    REQUIRE(l.sys.connect(l.evap, l.comp));
    auto fin = l.sys.finalize();
    INFO((fin ? std::string() : std::string(fin.error().message())));
    REQUIRE(fin.has_value());
    return l;
}

const ConnectionResult& edge(const CycleResults& R, std::uint32_t from) {
    for (const auto& c : R.connections)
        if (c.from == from) return c;
    FAIL("no connection from component " << from);
    return R.connections[0];
}

} // namespace

TEST_CASE("transcritical CO2 at 100 bar reproduces the reference cycle (EOS)", "[cycles][transcritical]") {
    auto l = co2_loop(Backend::eos, HighPressureValve{Pressure{100e5}});
    const auto& R = l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const auto& s1 = edge(R, l.evap).state;  // suction
    const auto& s2 = edge(R, l.comp).state;  // discharge
    const auto& s3 = edge(R, l.gc).state;    // gas-cooler outlet
    const auto& s4 = edge(R, l.valve).state; // evaporator inlet
    CHECK(near(s1.p.si(), p_evap, 1e-6));
    CHECK(s2.p.si() == Approx(100e5).epsilon(1e-12));
    CHECK(s3.p.si() == Approx(100e5).epsilon(1e-12));
    CHECK(near(s2.T.si(), T2, 1e-6));
    CHECK(near(s3.T.si(), 308.15, 1e-9));
    CHECK(near(s2.h.si() - s1.h.si(), h2_minus_h1, 1e-6));
    CHECK(near(s1.h.si() - s4.h.si(), h1_minus_h4, 1e-6));
    CHECK(near(s2.h.si() - s3.h.si(), h2_minus_h3, 1e-6));
    CHECK(near(s2.s.si() - s1.s.si(), s2_minus_s1, 1e-6));
    CHECK(near(s3.s.si() - s1.s.si(), s3_minus_s1, 1e-6));
    CHECK(near(s1.rho.si(), rho1, 1e-6));
    CHECK(near(s2.rho.si(), rho2, 1e-6));
    CHECK(near(s3.rho.si(), rho3, 1e-6));
    CHECK(near(s4.quality, x4, 1e-6));
    // Phases: both high-side states supercritical (p > p_c, T > T_c); the valve outlet two-phase.
    CHECK(s2.phase == fluids::Phase::supercritical);
    CHECK(s3.phase == fluids::Phase::supercritical);
    CHECK(s4.phase == fluids::Phase::two_phase);
    CHECK(fluids::phase_name(s3) == "supercritical");
    CHECK(fluids::R744::get().T_critical().si() == Approx(T_crit).epsilon(1e-9)); // same EOS as the reference
    CHECK(s3.T.si() > T_crit);
    // Flows and figures.
    for (const auto& c : R.connections) CHECK(c.m == Approx(1.0).epsilon(1e-12));
    CHECK(near(R.cooling_capacity, h1_minus_h4, 1e-6));
    CHECK(near(R.heating_capacity, h2_minus_h3, 1e-6));
    CHECK(near(R.compressor_power, h2_minus_h1, 1e-6));
    CHECK(near(R.cop_cooling, cop_100bar, 1e-6));
    CHECK(near(R.cop_heating, cop_100bar + 1.0, 1e-6));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-12);
    // No subcooling exists above p_c: reported as not available, not as a number.
    CHECK(std::isnan(R.subcooling));
    CHECK(R.superheat == Approx(0.0).margin(1e-6));
    // The gas cooler rejects the heat; the valve holds the pressure it was given.
    CHECK(R.components[l.gc].heat_rate < 0.0);
    CHECK(R.components[l.valve].control_value == 100e5);
    CHECK(R.components[l.comp].entropy_generation > 0.0);
    CHECK(R.components[l.valve].entropy_generation > 0.0);
}

TEST_CASE("transcritical CO2 at the rounded optimum, 88.81 bar, reproduces the reference COP",
          "[cycles][transcritical]") {
    auto l = co2_loop(Backend::eos, HighPressureValve{Pressure{p_opt_grid}});
    const auto& R = l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(near(R.cop_cooling, cop_at_p_opt_grid, 1e-6));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    // A warm HIL step to 100 bar gives the 100-bar figures.
    REQUIRE(l.sys.set_input(l.valve, Input::high_side_pressure, 100e5));
    const auto& W = l.sys.solve();
    REQUIRE(W.converged());
    CHECK(near(W.cop_cooling, cop_100bar, 1e-6));
}

TEST_CASE("the COP-optimal high-pressure valve finds 88.81 bar", "[cycles][transcritical]") {
    // The correlation of Liao et al. (2000) gives the start: 88.73 bar at -5 C / 35 C.
    CHECK(HighPressureValve::liao_optimum_pressure(268.15, 308.15) == Approx(88.7325e5).epsilon(1e-12));
    auto l = co2_loop(Backend::eos, HighPressureValve::cop_optimal());
    const auto& R = l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const double p = edge(R, l.gc).state.p.si();
    CHECK(std::fabs(p - p_opt_grid) <= 0.01e5);
    CHECK(std::fabs(p - p_opt) <= 100.0); // the continuous maximiser, to 1 mbar
    CHECK(near(R.cop_cooling, cop_max, 1e-8));
    CHECK(near(R.cop_cooling, cop_at_p_opt_grid, 1e-6));
    CHECK(R.components[l.valve].control_value == Approx(p).epsilon(1e-15));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::string(R.report).find("high-side pressure: COP-optimal at 88.81") != std::string::npos);
    // A second (warm) solve starts from the optimum and stays there.
    const auto& W = l.sys.solve();
    REQUIRE(W.converged());
    CHECK(std::fabs(edge(W, l.gc).state.p.si() - p) <= 20.0);
}

TEST_CASE("transcritical CO2 on the tables matches the EOS within the table accuracy", "[cycles][transcritical]") {
    auto l = co2_loop(Backend::tables, HighPressureValve{Pressure{100e5}});
    const auto& R = l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(near(R.cop_cooling, cop_100bar, 1e-4));
    CHECK(near(edge(R, l.comp).state.T.si(), T2, 1e-4));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(edge(R, l.gc).state.phase == fluids::Phase::supercritical);
}

TEST_CASE("gas cooler with an approach and with UA against water", "[cycles][transcritical]") {
    // Approach 5 K to water entering at 30 C: the outlet at 35 C, the same cycle as at 100 bar.
    const auto water = SecondaryFluid::water(Temperature{303.15}, MassFlow{2.0});
    auto a = co2_loop(Backend::eos, HighPressureValve{Pressure{100e5}},
                      GasCooler::approach(TemperatureDifference{5.0}, water));
    const auto& R = a.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(near(R.cop_cooling, cop_100bar, 1e-6));
    const auto& rep = R.components[a.gc];
    CHECK(rep.secondary_inlet_T == 303.15);
    CHECK(rep.secondary_outlet_T > 303.15);
    CHECK(rep.secondary_outlet_T < T2);
    CHECK(rep.entropy_generation > 0.0);
    // UA: the refrigerant leaves between the water inlet and its own inlet; a larger UA cools it
    // further (approaching the water inlet temperature).
    double previous = 1e9;
    for (double ua : {20e3, 50e3, 200e3}) {
        auto u =
            co2_loop(Backend::eos, HighPressureValve{Pressure{100e5}},
                     GasCooler::ua(ThermalConductance{ua}, SecondaryFluid::water(Temperature{293.15}, MassFlow{5.0})));
        const auto& U = u.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
        INFO("UA " << ua << ": " << U.report);
        REQUIRE(U.converged());
        const double T3 = edge(U, u.gc).state.T.si();
        CHECK(T3 > 293.15);
        CHECK(T3 < previous);
        previous = T3;
        CHECK(std::fabs(U.energy_balance) <= 1e-9);
        CHECK(U.components[u.gc].entropy_generation > 0.0);
        // Energy balance of the exchanger: the water takes what the CO2 gives.
        const auto& g = U.components[u.gc];
        CHECK(g.secondary_outlet_T > 293.15);
    }
}

TEST_CASE("a gas cooler too small to cool the CO2 below the evaporator is refused as non-physical",
          "[cycles][transcritical]") {
    // UA 500 W/K for 1 kg/s of CO2: the gas-cooler outlet stays so warm that the valve delivers
    // superheated vapour, which the fixed-saturation evaporator would have to cool: no refrigeration
    // cycle exists; the root of the equations is refused with the law it breaks.
    auto u =
        co2_loop(Backend::eos, HighPressureValve{Pressure{100e5}},
                 GasCooler::ua(ThermalConductance{500.0}, SecondaryFluid::water(Temperature{293.15}, MassFlow{2.0})));
    const auto& U = u.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    CHECK(U.status == SolveStatus::non_physical);
    CHECK(std::string(U.report).find("non-physical solution: evaporator 'evaporator': the refrigerant rejects") !=
          std::string::npos);
}

TEST_CASE("transcritical edge cases: every OK answer is admissible, everything else a clear error",
          "[cycles][transcritical]") {
    const double pc = fluids::R744::get().p_critical().si();
    auto solve_at = [](double p_high, double T_out) {
        auto l = co2_loop(Backend::eos, HighPressureValve{Pressure{p_high}},
                          GasCooler::outlet_temperature(Temperature{T_out}));
        l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
        return l;
    };
    auto print = [](const Co2Loop& l) {
        const auto& R = l.sys.results();
        std::string s = std::string(to_string(R.status)) + ": ";
        for (const auto& c : R.connections)
            s += std::to_string(c.state.p.si()) + " Pa " + std::to_string(c.state.T.si()) + " K " +
                 std::string(fluids::phase_name(c.state)) + "; ";
        return s + "COP " + std::to_string(R.cop_cooling) + "\n" + R.report;
    };
    SECTION("just above and just below the critical pressure, outlet above T_c") {
        for (double p : {1.001 * pc, 0.999 * pc}) {
            auto l = solve_at(p, 308.15);
            INFO(print(l));
            const auto& R = l.sys.results();
            REQUIRE(R.converged());
            const auto& s3 = edge(R, l.gc).state;
            CHECK(s3.T.si() == Approx(308.15).epsilon(1e-12));
            CHECK(s3.phase == (p > pc ? fluids::Phase::supercritical : fluids::Phase::supercritical_gas));
            CHECK(R.cop_cooling > 0.0);
            CHECK(R.cop_cooling < 1.0); // throttling a 35 C gas at p_c leaves little refrigerating effect
            CHECK(std::fabs(R.energy_balance) <= 1e-9);
        }
    }
    SECTION("below the critical pressure with an outlet below T_c: a subcooled liquid, as from a condenser") {
        auto l = solve_at(0.95 * pc, 293.15);
        INFO(print(l));
        const auto& R = l.sys.results();
        REQUIRE(R.converged());
        CHECK(edge(R, l.gc).state.phase == fluids::Phase::liquid);
        CHECK(fluids::phase_name(edge(R, l.gc).state) == "subcooled liquid");
    }
    SECTION("above the critical pressure with an outlet below T_c: a supercritical liquid") {
        auto l = solve_at(90e5, 298.15);
        INFO(print(l));
        const auto& R = l.sys.results();
        REQUIRE(R.converged());
        CHECK(edge(R, l.gc).state.phase == fluids::Phase::supercritical_liquid);
        CHECK(fluids::phase_name(edge(R, l.gc).state) == "supercritical liquid");
        CHECK(R.cop_cooling > cop_at_p_opt_grid); // a colder outlet: a better cycle
    }
    SECTION("a gas-cooler outlet warmer than the compressor discharge is refused") {
        auto l = solve_at(100e5, 423.15);
        INFO(print(l));
        const auto& R = l.sys.results();
        CHECK(R.status == SolveStatus::non_physical);
        CHECK(std::string(R.report).find("non-physical solution: condenser 'gas cooler': the refrigerant takes up") !=
              std::string::npos);
    }
    SECTION("swapped levels: a high-side pressure below the evaporating pressure is refused") {
        auto l = solve_at(20e5, 308.15);
        INFO(print(l));
        const auto& R = l.sys.results();
        CHECK_FALSE(R.converged());
        CHECK(std::string(R.report).find("non-physical solution: compressor 'compressor': outlet pressure 20 bar is "
                                         "not above the inlet's 30.46 bar") != std::string::npos);
    }
    SECTION("invalid parameters are refused when the component is added") {
        auto sys = System(fluids::R744::get());
        auto a = sys.add("gc", GasCooler::outlet_temperature(Temperature{-1.0}));
        REQUIRE_FALSE(a);
        CHECK(std::string(a.error().message()) ==
              "component 'gc': gas cooler outlet temperature = -1 K: expected a positive absolute temperature");
        auto b = sys.add("v", HighPressureValve{Pressure{-5.0}});
        REQUIRE_FALSE(b);
        CHECK(std::string(b.error().message()) ==
              "component 'v': high-side pressure = -5 Pa: expected a positive number");
        auto c = sys.add(
            "gc2", GasCooler::ua(ThermalConductance{0.0}, SecondaryFluid::water(Temperature{300.0}, MassFlow{1.0})));
        REQUIRE_FALSE(c);
        CHECK(std::string(c.error().message()) == "component 'gc2': UA = 0 W/K: expected a positive number");
    }
    SECTION("inputs of another component are refused and change nothing") {
        auto l = solve_at(100e5, 308.15);
        auto r = l.sys.set_input(l.valve, Input::outlet_temperature, 300.0);
        REQUIRE_FALSE(r);
        CHECK(std::string(r.error().message()) ==
              "component 'hp valve' (expansion valve): input 10 does not apply to a high-pressure valve");
        auto q = l.sys.set_input(l.gc, Input::high_side_pressure, 90e5);
        REQUIRE_FALSE(q);
        CHECK(std::string(q.error().message()) ==
              "component 'gas cooler' (condenser): input 11 does not apply to a gas cooler");
        const auto& R = l.sys.solve();
        REQUIRE(R.converged());
        CHECK(near(R.cop_cooling, cop_100bar, 1e-6));
    }
}

TEST_CASE("the property tables serve the supercritical high side of the CO2 cycle from their grid",
          "[cycles][transcritical][tables]") {
    // The tables have a supercritical grid from p_c to p_max (fluids/tabular/tables.hpp): the
    // 100-bar states are table states (no EOS fallback), within the tables' accuracy of the EOS.
    const auto& f = fluids::R744::get();
    const auto& t = fluids::tables_for(f);
    auto l = co2_loop(Backend::eos, HighPressureValve{Pressure{100e5}});
    const auto& R = l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(R.converged());
    for (std::uint32_t from : {l.comp, l.gc}) {
        const auto& s = edge(R, from).state;
        INFO("state after component " << from << ": T = " << s.T.si() << " K");
        CHECK(t.covers_ph(s.p, s.h));
        auto tab = t.flash_ph(s.p, s.h);
        REQUIRE(tab);
        CHECK(tab->T.si() == Approx(s.T.si()).epsilon(1e-5));
        CHECK(tab->s.si() == Approx(s.s.si()).epsilon(1e-5));
        CHECK(tab->phase == s.phase);
        auto tp = t.flash_tp(s.T, s.p);
        REQUIRE(tp);
        CHECK(tp->h.si() == Approx(s.h.si()).epsilon(1e-5));
        CHECK(t.covers_tp(s.T, s.p));
    }
}

TEST_CASE("the typed C++ builder takes the gas cooler and the high-pressure valve", "[cycles][transcritical][typed]") {
    // compressor -> gas cooler (high-pressure vapour in, dense high-pressure fluid out) -> valve
    // (the charge condition) -> evaporator: the same numbers as the runtime System.
    auto c = cycle<fluids::R744>() | IsentropicCompressor{0.7, MassFlow{1.0}} |
             GasCooler::outlet_temperature(Temperature{308.15}) | HighPressureValve{Pressure{100e5}} |
             FixedSaturationEvaporator{Temperature{268.15}, TemperatureDifference{0.0}} | close_loop;
    const auto& R = c.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(near(R.cop_cooling, cop_100bar, 1e-6));
    auto l = co2_loop(Backend::eos, HighPressureValve{Pressure{100e5}});
    const auto& S = l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(S.converged());
    CHECK(R.cop_cooling == Approx(S.cop_cooling).epsilon(1e-12));
}

TEST_CASE("the COP-optimal search on the tables finds the EOS optimum within 0.01 bar",
          "[cycles][transcritical][tables]") {
    auto l = co2_loop(Backend::tables, HighPressureValve::cop_optimal());
    const auto& R = l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(std::fabs(edge(R, l.gc).state.p.si() - p_opt) <= 0.01e5);
    CHECK(near(R.cop_cooling, cop_max, 1e-4));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
}
