// The typed cycle (cycles/typed.hpp) against the runtime System on the same cycles: the same
// components, the same engine and the same solvers must give the same numbers (to 1e-12
// relative; in practice bit for bit). Also the compile-time facts the builder derives, the
// run-time checks it still makes, and that its solves do not allocate.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <type_traits>

#include "cycles/cycle_fixtures.hpp"
#include "entropyk/cycles/typed.hpp"

// AddressSanitizer replaces operator new itself and refuses a second replacement pairing malloc
// with free: under ASan the allocation count is left to the non-sanitized presets.
#if defined(__SANITIZE_ADDRESS__)
#define ENTROPYK_TEST_COUNTS_ALLOCATIONS 0
#else
#define ENTROPYK_TEST_COUNTS_ALLOCATIONS 1
#endif

#if ENTROPYK_TEST_COUNTS_ALLOCATIONS
#include "support/counting_new.hpp"
#endif // ENTROPYK_TEST_COUNTS_ALLOCATIONS

using namespace fixtures;

namespace {

/// The bar: typed and runtime agree to 1e-12 relative (the two run the same code, so the
/// observed difference is 0).
constexpr double kSameNumbers = 1e-12;

double rel_diff(double a, double b) {
    if (a == b) return 0.0;
    return std::fabs(a - b) / std::max(std::fabs(a), std::fabs(b));
}

// The typed versions of the fixtures' cycles, component for component in the same order.
auto typed_r32() {
    return cycle<fluids::R32>() | IsentropicCompressor{0.8, 0.1_kg_per_s} |
           FixedSaturationCondenser{45.0_degC, 3.0_dK} | IsenthalpicValve{} |
           FixedSaturationEvaporator{5.0_degC, 5.0_dK} | close_loop;
}
auto typed_cengel() {
    return cycle<fluids::R134a>() | IsentropicCompressor{1.0, 0.05_kg_per_s} |
           FixedSaturationCondenser{0.8_MPa, 0.0_dK} | IsenthalpicValve{} |
           FixedSaturationEvaporator{0.14_MPa, 0.0_dK} | close_loop;
}
auto typed_heat_pump(Backend backend = Backend::eos) {
    const HeatPumpSpec s;
    return cycle<fluids::R410A>(backend) | MapCompressor{achp_map(), Frequency{s.speed_hz}} |
           condenser(MovingBoundary{ThermalConductance{s.UA_cond}})
               .secondary(Air{from_celsius(s.T_cond_air), 1.4_kg_per_s})
               .subcooling(7.0_dK) |
           expansion_valve(FixedSuperheat{5.0_dK}) |
           evaporator(MovingBoundary{ThermalConductance{s.UA_evap}})
               .secondary(Air{from_celsius(s.T_evap_air), 0.6_kg_per_s}) |
           close_loop;
}

/// Every number of two results, and the two state vectors, to kSameNumbers; returns the largest
/// relative difference seen.
double check_same(const CycleResults& a, const CycleResults& b, std::span<const double> xa,
                  std::span<const double> xb) {
    double worst = 0.0;
    auto same = [&](double u, double v, const char* what) {
        INFO(what << ": " << u << " vs " << v);
        if (std::isnan(u) && std::isnan(v)) return;
        const double d = rel_diff(u, v);
        worst = std::max(worst, d);
        CHECK(d <= kSameNumbers);
    };
    REQUIRE(a.status == b.status);
    CHECK(a.iterations == b.iterations);
    same(a.residual_norm, b.residual_norm, "residual norm");
    same(a.cooling_capacity, b.cooling_capacity, "cooling capacity");
    same(a.heating_capacity, b.heating_capacity, "heating capacity");
    same(a.compressor_power, b.compressor_power, "compressor power");
    same(a.cop_cooling, b.cop_cooling, "COP cooling");
    same(a.cop_heating, b.cop_heating, "COP heating");
    same(a.superheat, b.superheat, "superheat");
    same(a.subcooling, b.subcooling, "subcooling");
    same(a.entropy_generation, b.entropy_generation, "entropy generation");
    REQUIRE(a.connections.size() == b.connections.size());
    for (std::size_t e = 0; e < a.connections.size(); ++e) {
        CHECK(a.connections[e].from == b.connections[e].from);
        CHECK(a.connections[e].to == b.connections[e].to);
        same(a.connections[e].state.p.si(), b.connections[e].state.p.si(), "p");
        same(a.connections[e].state.h.si(), b.connections[e].state.h.si(), "h");
        same(a.connections[e].state.T.si(), b.connections[e].state.T.si(), "T");
        same(a.connections[e].m, b.connections[e].m, "m");
    }
    REQUIRE(a.components.size() == b.components.size());
    for (std::size_t i = 0; i < a.components.size(); ++i) {
        same(a.components[i].heat_rate, b.components[i].heat_rate, "component heat rate");
        same(a.components[i].power, b.components[i].power, "component power");
        same(a.components[i].entropy_generation, b.components[i].entropy_generation, "component entropy");
        same(a.components[i].secondary_outlet_T, b.components[i].secondary_outlet_T, "secondary outlet T");
    }
    REQUIRE(xa.size() == xb.size());
    for (std::size_t k = 0; k < xa.size(); ++k) same(xa[k], xb[k], "state vector");
    return worst;
}

} // namespace

// ---- compile-time facts -----------------------------------------------------------------------
using R32Cycle = decltype(typed_r32());
using HeatPumpCycle = decltype(typed_heat_pump());
static_assert(R32Cycle::component_count == 4);
static_assert(R32Cycle::unknown_count == 12);     // [p, h, m] on 4 connections
static_assert(HeatPumpCycle::control_count == 5); // zone fractions: 3 in the condenser, 2 in the evaporator
static_assert(HeatPumpCycle::unknown_count == 17);
static_assert(std::is_same_v<R32Cycle::fluid, fluids::R32>);
// What a component takes and delivers.
static_assert(std::is_same_v<typed::stage_spec<IsentropicCompressor>::type::inlet, flow::low_pressure_vapor>);
static_assert(std::is_same_v<typed::stage_spec<IsentropicCompressor>::type::outlet, flow::high_pressure_vapor>);
static_assert(std::is_same_v<typed::stage_spec<IsenthalpicValve>::type::outlet, flow::low_pressure_two_phase>);
// Port type-state: an exchanger joins a cycle only once its secondary port is connected.
using OpenCondenser = decltype(condenser(MovingBoundary{}));
using ConnectedCondenser = decltype(condenser(MovingBoundary{}).secondary(Air{}));
static_assert(std::is_same_v<OpenCondenser::secondary_port, port::unconnected>);
static_assert(std::is_same_v<ConnectedCondenser::secondary_port, port::connected>);
static_assert(!typed::StageLike<OpenCondenser>);
static_assert(typed::StageLike<ConnectedCondenser>);
static_assert(ConnectedCondenser::spec::charge_conditions == 0);
static_assert(decltype(condenser(EpsilonNtu{}).subcooling(1.0_dK))::spec::charge_conditions == 1);
static_assert(decltype(condenser(EpsilonNtu{}).subcooling(1.0_dK))::spec::controls == 0);
// Streams are not refrigerant components; runtime-configured models need their typed forms.
static_assert(!typed::StageLike<Air> && !typed::StageLike<Water> && !typed::StageLike<SecondaryFluid>);
static_assert(typed::is_runtime_configured<ExpansionValve> && typed::is_runtime_configured<Condenser>);
// The rules as predicates (what the refusals test).
static_assert(
    !typed::the_inlet_takes_what_the_previous_outlet_delivers<flow::low_pressure_two_phase, flow::low_pressure_vapor>);
static_assert(!typed::the_loop_charge_is_fixed_exactly_once<0> && typed::the_loop_charge_is_fixed_exactly_once<1>);
static_assert(!typed::one_refrigerant_per_loop<fluids::R134a, fluids::R32>);
static_assert(!typed::secondary_streams_stay_out_of_the_refrigerant_loop<Water>);
// An open chain is not a TypedCycle; only close_loop makes one.
static_assert(!std::is_same_v<decltype(cycle<fluids::R32>() | IsentropicCompressor{0.8}), R32Cycle>);

// ---- same numbers as the runtime System -----------------------------------------------------------

TEST_CASE("typed: the R32 design cycle gives the System's numbers", "[typed][equality]") {
    for (const SolverMethod method : {SolverMethod::newton, SolverMethod::picard, SolverMethod::fallback}) {
        auto l = r32_cycle();
        auto c = typed_r32();
        REQUIRE(c.status());
        for (const StartMode start : {StartMode::cold, StartMode::warm}) {
            const auto& rs = l.sys.solve(method, {}, start);
            const auto& rt = c.solve(method, {}, start);
            INFO(rt.report);
            REQUIRE(rt.converged());
            CHECK_THAT(rt.cop_cooling, Catch::Matchers::WithinRel(4.348012, 1e-4));
            const double worst = check_same(rs, rt, l.sys.state_vector(), c.state_vector());
            std::printf("R32 design cycle, method %d, start %d: largest relative difference %.3g\n",
                        static_cast<int>(method), static_cast<int>(start), worst);
        }
    }
}

TEST_CASE("typed: the Cengel 11-1 textbook cycle gives the System's numbers", "[typed][equality]") {
    auto l = cengel_11_1();
    auto c = typed_cengel();
    const auto& rs = l.sys.solve(SolverMethod::newton);
    const auto& rt = c.solve(SolverMethod::newton);
    REQUIRE(rt.converged());
    CHECK_THAT(rt.cop_cooling, Catch::Matchers::WithinRel(3.96760, 2e-5));
    check_same(rs, rt, l.sys.state_vector(), c.state_vector());
}

TEST_CASE("typed: the off-design heat pump gives the System's numbers", "[typed][equality]") {
    auto hp = heat_pump();
    auto c = typed_heat_pump();
    REQUIRE(c.status());
    const auto& rs = hp.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    const auto& rt = c.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(rt.report);
    REQUIRE(rt.converged());
    CHECK(rt.superheat == Approx(5.0).margin(1e-6));
    CHECK(rt.subcooling == Approx(7.0).margin(1e-6));
    check_balances(rt);
    double worst = check_same(rs, rt, hp.sys.state_vector(), c.state_vector());
    std::printf("heat pump: COP_h %.6f (typed) %.6f (System), largest relative difference %.3g\n", rt.cop_heating,
                rs.cop_heating, worst);

    // HIL steps: the same input changes, warm-started, on both.
    for (const double speed : {50.0, 55.0, 65.0, 75.0}) {
        REQUIRE(hp.sys.set_input(hp.comp, Input::compressor_speed, speed));
        REQUIRE(c.set_input<0>(Input::compressor_speed, speed));
        const auto& ws = hp.sys.solve(SolverMethod::newton);
        const auto& wt = c.solve(SolverMethod::newton);
        REQUIRE(wt.converged());
        worst = check_same(ws, wt, hp.sys.state_vector(), c.state_vector());
        std::printf("heat pump at %.0f Hz: COP_h %.6f, largest relative difference %.3g\n", speed, wt.cop_heating,
                    worst);
    }
}

TEST_CASE("typed: the heat pump on the property tables gives the System's numbers", "[typed][equality][tables]") {
    HeatPumpSpec s;
    s.backend = Backend::tables;
    auto hp = heat_pump(s);
    auto c = typed_heat_pump(Backend::tables);
    REQUIRE(c.properties().backend() == Backend::tables);
    const auto& rs = hp.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    const auto& rt = c.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(rt.report);
    REQUIRE(rt.converged());
    const double worst = check_same(rs, rt, hp.sys.state_vector(), c.state_vector());
    std::printf("heat pump on tables: COP_h %.6f, largest relative difference %.3g\n", rt.cop_heating, worst);
}

TEST_CASE("typed: moved and copied cycles solve on their own storage", "[typed]") {
    auto original = typed_heat_pump();
    const double cop = original.solve(SolverMethod::fallback, {}, StartMode::cold).cop_heating;
    auto copy = original; // the valve's sensor must follow the copy's storage
    auto moved = std::move(original);
    const auto& rc = copy.solve(SolverMethod::fallback, {}, StartMode::cold);
    const auto& rm = moved.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(rc.converged());
    REQUIRE(rm.converged());
    CHECK(rc.cop_heating == cop);
    CHECK(rm.cop_heating == cop);
    CHECK(rc.superheat == Approx(5.0).margin(1e-6));
}

// ---- what only the run time can check ---------------------------------------------------------------

TEST_CASE("typed: invalid parameters and missing flow laws are reported, not solved", "[typed]") {
    SECTION("a parameter out of range") {
        auto c = cycle<fluids::R134a>() | IsentropicCompressor{1.5, 0.05_kg_per_s} |
                 FixedSaturationCondenser{0.8_MPa, 0.0_dK} | IsenthalpicValve{} |
                 FixedSaturationEvaporator{0.14_MPa, 0.0_dK} | close_loop;
        REQUIRE_FALSE(c.status());
        CHECK(c.status().error().message() ==
              "component 'compressor' (compressor): isentropic efficiency = 1.5: expected a number in (0, 1]");
        const auto& r = c.solve();
        CHECK(r.status == SolveStatus::invalid_input);
        CHECK(std::string(r.report).find("isentropic efficiency") != std::string::npos);
    }
    SECTION("nothing sets the mass flow (the System's message)") {
        auto c = cycle<fluids::R134a>() | IsentropicCompressor{0.8} | FixedSaturationCondenser{0.8_MPa, 0.0_dK} |
                 IsenthalpicValve{} | FixedSaturationEvaporator{0.14_MPa, 0.0_dK} | close_loop;
        REQUIRE_FALSE(c.status());
        CHECK(c.status().error().message() ==
              "11 equations for 12 unknowns: nothing sets the mass flow: give the compressor a mass flow, a "
              "displacement or a map");
    }
    SECTION("a bad input between solves") {
        auto c = typed_r32();
        CHECK_FALSE(c.set_input<1>(Input::superheat, 3.0));
        CHECK_FALSE(c.set_input<0>(Input::mass_flow, std::nan("")));
    }
}

TEST_CASE("typed: a chain may start anywhere and be built from pieces", "[typed]") {
    // Starting at the condenser changes the connection numbering but not the cycle.
    auto high_side = cycle<fluids::R32>() | FixedSaturationCondenser{45.0_degC, 3.0_dK} | IsenthalpicValve{};
    auto c = high_side | (cycle<fluids::R32>() | FixedSaturationEvaporator{5.0_degC, 5.0_dK}) |
             IsentropicCompressor{0.8, 0.1_kg_per_s} | close_loop;
    const auto& r = c.solve(SolverMethod::newton);
    REQUIRE(r.converged());
    CHECK_THAT(r.cop_cooling, Catch::Matchers::WithinRel(4.348012, 1e-4));
    CHECK(c.component_name(3) == "compressor");
}

TEST_CASE("typed: a receiver as the charge condition gives the System's numbers", "[typed][equality]") {
    // Condenser without subcooling, then a receiver: saturated liquid leaves the receiver.
    auto c = cycle<fluids::R32>() | IsentropicCompressor{0.8, 0.05_kg_per_s} |
             condenser(EpsilonNtu{2.0_kW_per_K}).secondary(Water{30.0_degC, 0.5_kg_per_s}) | Receiver{} |
             expansion_valve(FixedSuperheat{5.0_dK}) |
             evaporator(EpsilonNtu{2.0_kW_per_K}).secondary(Water{12.0_degC, 0.5_kg_per_s}) | close_loop;
    static_assert(decltype(c)::unknown_count == 15);
    auto sys = std::move(*System::create("R32"));
    const auto comp = *sys.add("compressor", IsentropicCompressor{0.8, 0.05_kg_per_s});
    const auto cond = *sys.add(
        "condenser", Condenser{HxModel::epsilon_ntu, 2.0_kW_per_K, SecondaryFluid::water(30.0_degC, 0.5_kg_per_s)});
    const auto recv = *sys.add("receiver", Receiver{});
    const auto valve = *sys.add("expansion valve", ExpansionValve::fixed_superheat(5.0_dK));
    const auto evap = *sys.add(
        "evaporator", Evaporator{HxModel::epsilon_ntu, 2.0_kW_per_K, SecondaryFluid::water(12.0_degC, 0.5_kg_per_s)});
    REQUIRE(sys.connect(comp, cond));
    REQUIRE(sys.connect(cond, recv));
    REQUIRE(sys.connect(recv, valve));
    REQUIRE(sys.connect(valve, evap));
    REQUIRE(sys.connect(evap, comp));
    const auto fin = sys.finalize();
    INFO((fin ? std::string() : std::string(fin.error().message())));
    REQUIRE(fin.has_value());
    INFO((c.status() ? std::string() : std::string(c.status().error().message())));
    REQUIRE(c.status());
    const auto& rs = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    const auto& rt = c.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(rt.report);
    REQUIRE(rt.converged());
    check_balances(rt);
    const double worst = check_same(rs, rt, sys.state_vector(), c.state_vector());
    std::printf("receiver cycle: COP %.6f, largest relative difference %.3g\n", rt.cop_cooling, worst);
}

#if ENTROPYK_TEST_COUNTS_ALLOCATIONS
TEST_CASE("typed: solves after the first allocate nothing", "[typed][realtime]") {
    auto c = typed_heat_pump();
    REQUIRE(c.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    const long before = g_allocations.load();
    int converged = 0;
    for (int i = 0; i < 100; ++i) {
        (void)c.set_input<0>(Input::compressor_speed, 55.0 + 0.05 * i);
        converged += c.solve(SolverMethod::newton, {}, StartMode::warm).converged() ? 1 : 0;
        converged += c.solve(SolverMethod::fallback, {}, StartMode::cold).converged() ? 1 : 0;
    }
    const long allocs = g_allocations.load() - before;
    std::printf("typed heat pump: %ld allocations in 100 warm + 100 cold solves\n", allocs);
    CHECK(converged == 200);
    CHECK(allocs == 0);
}
#endif

TEST_CASE("typed: a refused input changes nothing, and an impossible cycle is non-physical", "[typed][admissibility]") {
    SECTION("refused inputs leave the cycle bit-identical") {
        auto c = typed_heat_pump();
        const auto& first = c.solve(SolverMethod::fallback, {}, StartMode::cold);
        REQUIRE(first.converged());
        const double cop = first.cop_heating, T2 = first.connections[0].state.T.si();
        auto speed = c.set_input<0>(Input::compressor_speed, -60.0);
        REQUIRE_FALSE(speed);
        CHECK(speed.error().code() == Errc::invalid_argument);
        auto air = c.set_input<1>(Input::secondary_inlet_temperature, -5.0);
        REQUIRE_FALSE(air);
        CHECK(air.error().code() == Errc::invalid_argument);
        auto sc = c.set_input<1>(Input::subcooling, -3.0);
        REQUIRE_FALSE(sc);
        CHECK(std::string(sc.error().message()).find("subcooling = -3 K") != std::string::npos);
        const auto& again = c.solve(SolverMethod::fallback, {}, StartMode::cold);
        REQUIRE(again.converged());
        CHECK(again.cop_heating == cop);
        CHECK(again.connections[0].state.T.si() == T2);
    }
    SECTION("swapped levels") {
        auto c = cycle<fluids::R32>() | IsentropicCompressor{0.8, 0.1_kg_per_s} |
                 FixedSaturationCondenser{5.0_degC, 3.0_dK} | IsenthalpicValve{} |
                 FixedSaturationEvaporator{45.0_degC, 5.0_dK} | close_loop;
        const auto& r = c.solve(SolverMethod::newton);
        INFO(r.report);
        CHECK(r.status == SolveStatus::non_physical);
        CHECK(std::string(r.report).find("outlet pressure") != std::string::npos);
    }
}
