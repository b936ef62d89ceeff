// The typed network builder (cycles/typed/network.hpp): networks with branches and merges,
// checked at compile time and solved through the runtime System they build. The same network
// built at run time (tests/cycles/network.test.cpp) must give the same numbers to 1e-12, and the
// validation figures of case a (Cengel & Boles, "Thermodynamics: An Engineering Approach", 8th
// ed., Example 11-5, recomputed with CoolProp 8.0.0; docs/validation.md) hold for the typed door.
#include <cmath>
#include <string>

#include "cycles/cycle_fixtures.hpp"
#include "entropyk/cycles/typed.hpp"
#include "entropyk/io/component_kinds.hpp"

// AddressSanitizer replaces operator new itself: under ASan the allocation count is left to the
// non-sanitized presets (as in typed_cycle.test.cpp).
#if defined(__SANITIZE_ADDRESS__)
#define ENTROPYK_TEST_COUNTS_ALLOCATIONS 0
#else
#define ENTROPYK_TEST_COUNTS_ALLOCATIONS 1
#endif
#if ENTROPYK_TEST_COUNTS_ALLOCATIONS
#include "support/counting_new.hpp"
#endif

using namespace fixtures;

namespace {

constexpr double x6 = 0.20492249631, cop = 4.47533057817, q_L = 146281.569455, w_in = 32686.2042702;

bool near(double a, double b, double rel) { return std::fabs(a - b) <= rel * std::fabs(b); }

/// Case a in the typed API: two compressors in series, a flash tank and a mixer.
auto typed_cengel_11_5(Backend backend = Backend::eos) {
    auto lp = node<"lp_compressor">(IsentropicCompressor{1.0});
    auto mixer = node<"mixer">(Mixer{});
    auto hp = node<"hp_compressor">(IsentropicCompressor{1.0, 1.0_kg_per_s});
    auto cond = node<"condenser">(FixedSaturationCondenser{0.8_MPa, 0.0_dK});
    auto hp_valve = node<"hp_valve">(IsenthalpicValve{});
    auto flash = node<"flash_tank">(FlashTank{0.32_MPa});
    auto lp_valve = node<"lp_valve">(IsenthalpicValve{});
    auto evap = node<"evaporator">(FixedSaturationEvaporator{0.14_MPa, 0.0_dK});
    return network<fluids::R134a>(backend, lp, mixer, hp, cond, hp_valve, flash, lp_valve, evap) |
           connect(lp.discharge, mixer.inlet_a) | connect(mixer.outlet, hp.suction) |
           connect(hp.discharge, cond.inlet) | connect(cond.outlet, hp_valve.inlet) |
           connect(hp_valve.outlet, flash.inlet) | connect(flash.liquid_out, lp_valve.inlet) |
           connect(flash.vapour_out, mixer.inlet_b) | connect(lp_valve.outlet, evap.inlet) |
           connect(evap.outlet, lp.suction) | close_loop;
}

/// The same network built at run time, as tests/cycles/network.test.cpp builds it.
System runtime_cengel_11_5() {
    auto s = System::create("R134a");
    REQUIRE(s.has_value());
    System sys = std::move(*s);
    REQUIRE(sys.add("lp_compressor", IsentropicCompressor{1.0}));
    REQUIRE(sys.add("mixer", Mixer{}));
    REQUIRE(sys.add("hp_compressor", IsentropicCompressor{1.0, 1.0_kg_per_s}));
    REQUIRE(sys.add("condenser", FixedSaturationCondenser{0.8_MPa, 0.0_dK}));
    REQUIRE(sys.add("hp_valve", IsenthalpicValve{}));
    REQUIRE(sys.add("flash_tank", FlashTank{0.32_MPa}));
    REQUIRE(sys.add("lp_valve", IsenthalpicValve{}));
    REQUIRE(sys.add("evaporator", FixedSaturationEvaporator{0.14_MPa, 0.0_dK}));
    REQUIRE(sys.connect("lp_compressor.discharge", "mixer.inlet_a"));
    REQUIRE(sys.connect("mixer.outlet", "hp_compressor.suction"));
    REQUIRE(sys.connect("hp_compressor.discharge", "condenser.inlet"));
    REQUIRE(sys.connect("condenser", "hp_valve"));
    REQUIRE(sys.connect("hp_valve", "flash_tank.inlet"));
    REQUIRE(sys.connect("flash_tank.liquid_out", "lp_valve.inlet"));
    REQUIRE(sys.connect("flash_tank.vapour_out", "mixer.inlet_b"));
    REQUIRE(sys.connect("lp_valve.outlet", "evaporator.inlet"));
    REQUIRE(sys.connect("evaporator.outlet", "lp_compressor.suction"));
    REQUIRE(sys.finalize());
    return sys;
}

/// Every connection and component figure of two solved networks agree to `rel`.
void same_numbers(const CycleResults& a, const CycleResults& b, double rel) {
    REQUIRE(a.connections.size() == b.connections.size());
    for (std::size_t i = 0; i < a.connections.size(); ++i) {
        INFO("connection " << i);
        const auto& x = a.connections[i];
        const auto& y = b.connections[i];
        CHECK(x.from == y.from);
        CHECK(x.from_port == y.from_port);
        CHECK(x.to == y.to);
        CHECK(x.to_port == y.to_port);
        CHECK(x.state.p.si() == Approx(y.state.p.si()).epsilon(rel));
        CHECK(x.state.h.si() == Approx(y.state.h.si()).epsilon(rel));
        CHECK(x.m == Approx(y.m).epsilon(rel));
    }
    REQUIRE(a.components.size() == b.components.size());
    for (std::size_t i = 0; i < a.components.size(); ++i) {
        INFO("component " << i);
        CHECK(a.components[i].entropy_generation ==
              Approx(b.components[i].entropy_generation).epsilon(rel).margin(1e-12));
        CHECK(a.components[i].power == Approx(b.components[i].power).epsilon(rel).margin(1e-12));
        CHECK(a.components[i].heat_rate == Approx(b.components[i].heat_rate).epsilon(rel).margin(1e-12));
    }
    CHECK(a.cop_cooling == Approx(b.cop_cooling).epsilon(rel));
    CHECK(a.cooling_capacity == Approx(b.cooling_capacity).epsilon(rel));
    CHECK(a.compressor_power == Approx(b.compressor_power).epsilon(rel));
}

} // namespace

TEST_CASE("typed network: case a (two-stage R134a with a flash chamber) gives the runtime numbers",
          "[typed][network][validation]") {
    auto c = typed_cengel_11_5();
    using C = decltype(c);
    static_assert(C::component_count == 8 && C::connection_count == 9);
    static_assert(C::index<"flash_tank">() == 5 && C::index<"lp_compressor">() == 0);
    INFO((c.status() ? std::string() : std::string(c.status().error().c_str())));
    REQUIRE(c.status());
    const auto& T = c.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(T.report);
    REQUIRE(T.converged());
    auto sys = runtime_cengel_11_5();
    const auto& R = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(R.converged());
    same_numbers(T, R, 1e-12);
    // The validation figures through the typed door.
    CHECK(near(T.cop_cooling, cop, 1e-6));
    CHECK(near(T.cooling_capacity, q_L, 1e-6));
    CHECK(near(T.compressor_power, w_in, 1e-6));
    // Ports name the connections: the flash gas is x6 of the 1 kg/s through the condenser.
    const auto& vapour = c.leaving(node<"flash_tank">(FlashTank{0.32_MPa}).vapour_out);
    CHECK(vapour.from == 5);
    CHECK(vapour.from_port == 1);
    CHECK(vapour.to == 1); // the mixer
    CHECK(vapour.to_port == 1);
    CHECK(near(vapour.m, x6, 1e-6));
    CHECK(std::fabs(T.energy_balance) <= 1e-9);
    CHECK(std::fabs(T.mass_balance) <= 1e-9);
    // A warm re-solve agrees with the runtime's warm re-solve.
    same_numbers(c.solve(), sys.solve(), 1e-12);
}

TEST_CASE("typed network: a hot-gas bypass (splitter and mixer) gives the runtime numbers", "[typed][network]") {
    auto comp = node<"comp">(IsentropicCompressor{0.7, 0.1_kg_per_s});
    auto tee = node<"tee">(Splitter::fixed(0.85));
    auto cond = node<"cond">(FixedSaturationCondenser{40.0_degC, 2.0_dK});
    auto valve = node<"valve">(IsenthalpicValve{});
    auto evap = node<"evap">(FixedSaturationEvaporator{0.0_degC, 5.0_dK});
    auto bypass = node<"bypass">(IsenthalpicValve{});
    auto mix = node<"mix">(Mixer{});
    auto c = network<fluids::R134a>(comp, tee, cond, valve, evap, bypass, mix) | connect(comp.discharge, tee.inlet) |
             connect(tee.outlet_a, cond.inlet) | connect(cond.outlet, valve.inlet) | connect(valve.outlet, evap.inlet) |
             connect(evap.outlet, mix.inlet_a) | connect(tee.outlet_b, bypass.inlet) |
             connect(bypass.outlet, mix.inlet_b) | connect(mix.outlet, comp.suction) | close_loop;
    REQUIRE(c.status());
    const auto& T = c.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(T.report);
    REQUIRE(T.converged());

    auto sys = std::move(*System::create("R134a"));
    REQUIRE(sys.add("comp", IsentropicCompressor{0.7, 0.1_kg_per_s}));
    REQUIRE(sys.add("tee", Splitter::fixed(0.85)));
    REQUIRE(sys.add("cond", FixedSaturationCondenser{40.0_degC, 2.0_dK}));
    REQUIRE(sys.add("valve", IsenthalpicValve{}));
    REQUIRE(sys.add("evap", FixedSaturationEvaporator{0.0_degC, 5.0_dK}));
    REQUIRE(sys.add("bypass", IsenthalpicValve{}));
    REQUIRE(sys.add("mix", Mixer{}));
    REQUIRE(sys.connect("comp", "tee"));
    REQUIRE(sys.connect("tee.outlet_a", "cond"));
    REQUIRE(sys.connect("cond", "valve"));
    REQUIRE(sys.connect("valve", "evap"));
    REQUIRE(sys.connect("evap", "mix.inlet_a"));
    REQUIRE(sys.connect("tee.outlet_b", "bypass"));
    REQUIRE(sys.connect("bypass", "mix.inlet_b"));
    REQUIRE(sys.connect("mix", "comp"));
    REQUIRE(sys.finalize());
    const auto& R = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(R.converged());
    same_numbers(T, R, 1e-12);
    // 85 % of the 0.1 kg/s reaches the condenser (the fixed split), the rest bypasses it.
    CHECK(c.leaving(tee.outlet_a).m == Approx(0.085).epsilon(1e-9));
    CHECK(c.leaving(tee.outlet_b).m == Approx(0.015).epsilon(1e-9));
}

TEST_CASE("typed network: parameters the types cannot see are refused at run time, by name", "[typed][network]") {
    // A split fraction outside (0, 1) is a runtime value: the network builds no System and a solve
    // reports the component's message.
    auto comp = node<"comp">(IsentropicCompressor{0.7, 0.1_kg_per_s});
    auto tee = node<"tee">(Splitter::fixed(1.5));
    auto cond = node<"cond">(FixedSaturationCondenser{40.0_degC, 2.0_dK});
    auto valve = node<"valve">(IsenthalpicValve{});
    auto evap = node<"evap">(FixedSaturationEvaporator{0.0_degC, 5.0_dK});
    auto bypass = node<"bypass">(IsenthalpicValve{});
    auto mix = node<"mix">(Mixer{});
    auto c = network<fluids::R134a>(comp, tee, cond, valve, evap, bypass, mix) | connect(comp.discharge, tee.inlet) |
             connect(tee.outlet_a, cond.inlet) | connect(cond.outlet, valve.inlet) | connect(valve.outlet, evap.inlet) |
             connect(evap.outlet, mix.inlet_a) | connect(tee.outlet_b, bypass.inlet) |
             connect(bypass.outlet, mix.inlet_b) | connect(mix.outlet, comp.suction) | close_loop;
    REQUIRE_FALSE(c.status());
    CHECK(std::string(c.status().error().c_str()) ==
          "component 'tee': split fraction = 1.5: expected a number in (0, 1)");
    const auto& R = c.solve();
    CHECK(R.status == SolveStatus::invalid_input);
    CHECK(std::string(R.report) == "component 'tee': split fraction = 1.5: expected a number in (0, 1)");
}

#if ENTROPYK_TEST_COUNTS_ALLOCATIONS
TEST_CASE("typed network: solves after the first allocate nothing", "[typed][network][realtime]") {
    auto c = typed_cengel_11_5();
    REQUIRE(c.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    const long before = g_allocations.load();
    int converged = 0;
    for (int i = 0; i < 10; ++i) {
        converged += c.solve(SolverMethod::newton, {}, StartMode::warm).converged() ? 1 : 0;
        converged += c.solve(SolverMethod::fallback, {}, StartMode::cold).converged() ? 1 : 0;
    }
    const long allocs = g_allocations.load() - before;
    CHECK(converged == 20);
    CHECK(allocs == 0);
}
#endif

namespace {
using typed::Broken;
/// The verdict of `close_loop` on a network type (computed without closing it).
template <class Net>
constexpr typed::Verdict verdict = typed::detail_net::verdict_of<Net>::value;
} // namespace

TEST_CASE("typed network: the compile-time analysis names the first broken rule", "[typed][network]") {
    // The verdicts the refusals are made from (tests/compile_fail/net_*.fail.cpp shows the
    // messages); here also the rules no compile-fail case reaches.
    auto comp = node<"comp">(IsentropicCompressor{0.7, 0.1_kg_per_s});
    auto cond = node<"cond">(FixedSaturationCondenser{40.0_degC, 2.0_dK});
    auto valve = node<"valve">(IsenthalpicValve{});
    auto evap = node<"evap">(FixedSaturationEvaporator{0.0_degC, 5.0_dK});
    auto tee = node<"tee">(Splitter{});
    auto mix = node<"mix">(Mixer{});
    // A correct simple loop.
    constexpr auto ok = verdict<decltype(network<fluids::R134a>(comp, cond, valve, evap) |
                                         connect(comp.discharge, cond.inlet) | connect(cond.outlet, valve.inlet) |
                                         connect(valve.outlet, evap.inlet) | connect(evap.outlet, comp.suction))>;
    static_assert(ok.rule == Broken::none);
    // A loop of a splitter and a mixer alone: no compressor (rule 5), reported at its first node.
    constexpr auto idle = verdict<decltype(network<fluids::R134a>(tee, mix) | connect(tee.outlet_a, mix.inlet_a) |
                                           connect(tee.outlet_b, mix.inlet_b) | connect(mix.outlet, tee.inlet))>;
    static_assert(idle.rule == Broken::no_compressor && idle.node == 0);
    // Condenser liquid split: one branch through valve and evaporator, the other (liquid) straight
    // into the mixer with the evaporator's vapour (rule 3, the mixer, node 5).
    constexpr auto mixed = verdict<decltype(network<fluids::R134a>(comp, cond, tee, valve, evap, mix) |
                                            connect(comp.discharge, cond.inlet) | connect(cond.outlet, tee.inlet) |
                                            connect(tee.outlet_a, valve.inlet) | connect(valve.outlet, evap.inlet) |
                                            connect(evap.outlet, mix.inlet_a) | connect(tee.outlet_b, mix.inlet_b) |
                                            connect(mix.outlet, comp.suction))>;
    static_assert(mixed.rule == Broken::mixer_phase && mixed.node == 5);
    // A hot-gas branch without its bypass valve: vapour at the high level mixed with the suction
    // gas (rule 4), whereas with the valve the network is accepted.
    auto bypass = node<"bypass">(IsenthalpicValve{});
    constexpr auto hot = verdict<decltype(network<fluids::R134a>(comp, tee, cond, valve, evap, mix) |
                                          connect(comp.discharge, tee.inlet) | connect(tee.outlet_a, cond.inlet) |
                                          connect(cond.outlet, valve.inlet) | connect(valve.outlet, evap.inlet) |
                                          connect(evap.outlet, mix.inlet_a) | connect(tee.outlet_b, mix.inlet_b) |
                                          connect(mix.outlet, comp.suction))>;
    static_assert(hot.rule == Broken::mixer_levels && hot.node == 5);
    constexpr auto hot_ok = verdict<decltype(network<fluids::R134a>(comp, tee, cond, valve, evap, bypass, mix) |
                                             connect(comp.discharge, tee.inlet) | connect(tee.outlet_a, cond.inlet) |
                                             connect(cond.outlet, valve.inlet) | connect(valve.outlet, evap.inlet) |
                                             connect(evap.outlet, mix.inlet_a) | connect(tee.outlet_b, bypass.inlet) |
                                             connect(bypass.outlet, mix.inlet_b) | connect(mix.outlet, comp.suction))>;
    static_assert(hot_ok.rule == Broken::none);
    // A second loop of another refrigerant is a loop of its own: accepted by the rules.
    auto comp2 = node<"comp2", fluids::R744>(IsentropicCompressor{0.7, 0.1_kg_per_s});
    auto cond2 = node<"cond2", fluids::R744>(FixedSaturationCondenser{10.0_degC, 2.0_dK});
    auto valve2 = node<"valve2", fluids::R744>(IsenthalpicValve{});
    auto evap2 = node<"evap2", fluids::R744>(FixedSaturationEvaporator{-30.0_degC, 5.0_dK});
    constexpr auto two_loops =
        verdict<decltype(network<fluids::R134a>(comp, cond, valve, evap, comp2, cond2, valve2, evap2) |
                         connect(comp.discharge, cond.inlet) | connect(cond.outlet, valve.inlet) |
                         connect(valve.outlet, evap.inlet) | connect(evap.outlet, comp.suction) |
                         connect(comp2.discharge, cond2.inlet) | connect(cond2.outlet, valve2.inlet) |
                         connect(valve2.outlet, evap2.inlet) | connect(evap2.outlet, comp2.suction))>;
    static_assert(two_loops.rule == Broken::none);
    // ... but the same second loop with its valve fed from the first loop's condenser is not.
    constexpr auto crossed =
        verdict<decltype(network<fluids::R134a>(comp, cond, valve, evap, comp2, cond2, valve2, evap2) |
                         connect(comp.discharge, cond.inlet) | connect(cond2.outlet, valve.inlet) |
                         connect(valve.outlet, evap.inlet) | connect(evap.outlet, comp.suction) |
                         connect(comp2.discharge, cond2.inlet) | connect(cond.outlet, valve2.inlet) |
                         connect(valve2.outlet, evap2.inlet) | connect(evap2.outlet, comp2.suction))>;
    static_assert(crossed.rule == Broken::two_refrigerants);
    CHECK(ok.rule == Broken::none); // the static_asserts above are the test
}

// ---- several loops and the newer components ---------------------------------------------------

namespace {

/// Case b (Cengel & Boles Example 11-4, the R134a cascade; tests/cycles/multiloop.test.cpp has
/// the reference figures and where they come from) in the typed API: two loops joined by a
/// cascade heat exchanger, its hot side on the lower loop (B), its cold side on the upper (A).
/// `Lower` is the lower loop's refrigerant (R134a: the network's own).
template <class Upper, class Lower>
auto typed_cascade(Pressure p_high, CascadeHeatExchanger hx, Pressure p_low, MassFlow m_A) {
    auto comp_a = node<"comp_a">(IsentropicCompressor{1.0, m_A});
    auto cond_a = node<"cond_a">(FixedSaturationCondenser{p_high, 0.0_dK});
    auto valve_a = node<"valve_a">(IsenthalpicValve{});
    auto hx_node = node<"hx">(hx);
    auto comp_b = node<"comp_b", Lower>(IsentropicCompressor{1.0});
    auto valve_b = node<"valve_b", Lower>(IsenthalpicValve{});
    auto evap_b = node<"evap_b", Lower>(FixedSaturationEvaporator{p_low, 0.0_dK});
    return network<Upper>(comp_a, cond_a, valve_a, hx_node, comp_b, valve_b, evap_b) |
           connect(comp_a.discharge, cond_a.inlet) | connect(cond_a.outlet, valve_a.inlet) |
           connect(valve_a.outlet, hx_node.cold_in) | connect(hx_node.cold_out, comp_a.suction) |
           connect(comp_b.discharge, hx_node.hot_in) | connect(hx_node.hot_out, valve_b.inlet) |
           connect(valve_b.outlet, evap_b.inlet) | connect(evap_b.outlet, comp_b.suction) | close_loop;
}

/// The same two loops built at run time (as tests/cycles/multiloop.test.cpp builds them, the
/// exchanger's sides under the names the typed network gives them).
System runtime_cascade(const char* upper, const char* lower, Pressure p_high, CascadeHeatExchanger hx, Pressure p_low,
                       MassFlow m_A) {
    auto sys = std::move(*System::create(upper));
    REQUIRE(sys.add("comp_a", IsentropicCompressor{1.0, m_A}));
    REQUIRE(sys.add("cond_a", FixedSaturationCondenser{p_high, 0.0_dK}));
    REQUIRE(sys.add("valve_a", IsenthalpicValve{}));
    REQUIRE(sys.add_cascade("hx (condensing)", "hx (evaporating)", hx));
    REQUIRE(sys.add("comp_b", IsentropicCompressor{1.0}));
    REQUIRE(sys.add("valve_b", IsenthalpicValve{}));
    REQUIRE(sys.add("evap_b", FixedSaturationEvaporator{p_low, 0.0_dK}));
    if (lower) REQUIRE(sys.set_refrigerant("comp_b", lower));
    REQUIRE(sys.connect("comp_a.discharge", "cond_a"));
    REQUIRE(sys.connect("cond_a", "valve_a"));
    REQUIRE(sys.connect("valve_a", "hx (evaporating)"));
    REQUIRE(sys.connect("hx (evaporating)", "comp_a.suction"));
    REQUIRE(sys.connect("comp_b.discharge", "hx (condensing)"));
    REQUIRE(sys.connect("hx (condensing)", "valve_b"));
    REQUIRE(sys.connect("valve_b", "evap_b"));
    REQUIRE(sys.connect("evap_b", "comp_b.suction"));
    REQUIRE(sys.finalize());
    return sys;
}

} // namespace

TEST_CASE("typed network: case b (the R134a cascade, two loops) gives the runtime numbers and the figures",
          "[typed][network][multiloop][validation]") {
    const auto hx = CascadeHeatExchanger::at_pressure(0.32_MPa, 0.0_dK);
    auto c = typed_cascade<fluids::R134a, fluids::R134a>(0.8_MPa, hx, 0.14_MPa, 0.05_kg_per_s);
    using C = decltype(c);
    // Seven nodes, eight System components: the exchanger is its condensing and evaporating sides.
    static_assert(C::component_count == 8 && C::connection_count == 8);
    static_assert(C::index<"hx">() == 3 && C::index<"comp_b">() == 5 && C::index<"evap_b">() == 7);
    INFO((c.status() ? std::string() : std::string(c.status().error().c_str())));
    REQUIRE(c.status());
    CHECK(c.system().loop_count() == 2);
    CHECK(c.system().component_name(3) == "hx (condensing)");
    CHECK(c.system().loop_of(3) == 1); // the condensing side on the lower loop
    CHECK(c.system().loop_of(4) == 0); // the evaporating side on the upper loop
    const auto& T = c.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(T.report);
    REQUIRE(T.converged());
    auto sys = runtime_cascade("R134a", nullptr, 0.8_MPa, hx, 0.14_MPa, 0.05_kg_per_s);
    const auto& R = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(R.converged());
    same_numbers(T, R, 1e-12);
    // The validation figures through the typed door (oracle to 1e-6).
    constexpr double m_B = 0.0389572723226, Q_L = 7167.51626172, cop_b = 4.47287894351;
    CHECK(near(c.leaving(node<"comp_b">(IsentropicCompressor{1.0}).discharge).m, m_B, 1e-6));
    CHECK(near(T.cooling_capacity, Q_L, 1e-6));
    CHECK(near(T.cop_cooling, cop_b, 1e-6));
    // The exchanger is adiabatic: what the lower loop rejects the upper loop takes up.
    CHECK(std::fabs(T.components[3].heat_rate + T.components[4].heat_rate) <= 1e-9 * T.components[4].heat_rate);
    CHECK(std::fabs(T.energy_balance) <= 1e-9);
}

TEST_CASE("typed network: an R717/R744 cascade sets each loop's refrigerant", "[typed][network][multiloop]") {
    // NH3 upper loop (35 C condensing, -10 C in the exchanger), CO2 lower loop 5 K above it and
    // evaporating at 8.3 bar (-45 C): the lower loop's nodes name R744.
    const auto hx = CascadeHeatExchanger::at_temperature(from_celsius(-10.0), 5.0_dK);
    auto c = typed_cascade<fluids::R717, fluids::R744>(1.35_MPa, hx, 0.83_MPa, 0.1_kg_per_s);
    INFO((c.status() ? std::string() : std::string(c.status().error().c_str())));
    REQUIRE(c.status());
    CHECK(c.system().loop_refrigerant(0).name() == "R717");
    CHECK(c.system().loop_refrigerant(1).name() == "R744");
    const auto& T = c.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(T.report);
    REQUIRE(T.converged());
    auto sys = runtime_cascade("R717", "R744", 1.35_MPa, hx, 0.83_MPa, 0.1_kg_per_s);
    const auto& R = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(R.converged());
    same_numbers(T, R, 1e-12);
    CHECK(T.connections[4].state.p.si() > 25e5); // the CO2 liquid leaving the condensing side (-5 C)
}

TEST_CASE("typed network: a vapour-injection heat pump with an economizer gives the runtime numbers",
          "[typed][network][vapour-injection]") {
    // The R32 heat pump of tests/cycles/vapour_injection.test.cpp: the economizer subcools the
    // main liquid with the expanded injection stream, which the compressor takes at its injection port.
    auto comp = node<"comp">(VapourInjectionCompressor::geometric_mean(0.7, 0.05_kg_per_s));
    auto cond = node<"cond">(FixedSaturationCondenser{45.0_degC, 5.0_dK});
    auto tee = node<"tee">(Splitter{});
    auto eco = node<"economizer">(Economizer{0.8, 5.0_dK});
    auto main_valve = node<"main_valve">(IsenthalpicValve{});
    auto evap = node<"evap">(FixedSaturationEvaporator{-15.0_degC, 5.0_dK});
    auto inj_valve = node<"injection_valve">(IsenthalpicValve{});
    auto c = network<fluids::R32>(comp, cond, tee, eco, main_valve, evap, inj_valve) |
             connect(comp.discharge, cond.inlet) | connect(cond.outlet, tee.inlet) | connect(tee.outlet_a, eco.hot_in) |
             connect(eco.hot_out, main_valve.inlet) | connect(main_valve.outlet, evap.inlet) |
             connect(evap.outlet, comp.suction) | connect(tee.outlet_b, inj_valve.inlet) |
             connect(inj_valve.outlet, eco.cold_in) | connect(eco.cold_out, comp.injection) | close_loop;
    INFO((c.status() ? std::string() : std::string(c.status().error().c_str())));
    REQUIRE(c.status());
    const auto& T = c.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(T.report);
    REQUIRE(T.converged());

    auto sys = std::move(*System::create("R32"));
    REQUIRE(sys.add("comp", VapourInjectionCompressor::geometric_mean(0.7, 0.05_kg_per_s)));
    REQUIRE(sys.add("cond", FixedSaturationCondenser{45.0_degC, 5.0_dK}));
    REQUIRE(sys.add("tee", Splitter{}));
    REQUIRE(sys.add("economizer", Economizer{0.8, 5.0_dK}));
    REQUIRE(sys.add("main_valve", IsenthalpicValve{}));
    REQUIRE(sys.add("evap", FixedSaturationEvaporator{-15.0_degC, 5.0_dK}));
    REQUIRE(sys.add("injection_valve", IsenthalpicValve{}));
    REQUIRE(sys.connect("comp.discharge", "cond"));
    REQUIRE(sys.connect("cond", "tee"));
    REQUIRE(sys.connect("tee.outlet_a", "economizer.hot_in"));
    REQUIRE(sys.connect("economizer.hot_out", "main_valve"));
    REQUIRE(sys.connect("main_valve", "evap"));
    REQUIRE(sys.connect("evap", "comp.suction"));
    REQUIRE(sys.connect("tee.outlet_b", "injection_valve"));
    REQUIRE(sys.connect("injection_valve", "economizer.cold_in"));
    REQUIRE(sys.connect("economizer.cold_out", "comp.injection"));
    REQUIRE(sys.finalize());
    const auto& R = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(R.converged());
    same_numbers(T, R, 1e-12);
    // The injection level is the geometric mean of suction and discharge (the compressor's rule).
    const double ps = c.leaving(evap.outlet).state.p.si(), pd = c.leaving(comp.discharge).state.p.si();
    CHECK(c.leaving(eco.cold_out).state.p.si() == Approx(std::sqrt(ps * pd)).epsilon(1e-9));
    CHECK(c.leaving(comp.discharge).m == Approx(c.leaving(evap.outlet).m + c.leaving(eco.cold_out).m).epsilon(1e-9));
}

TEST_CASE("typed network: the rules of several loops and of the newer components", "[typed][network][multiloop]") {
    // Verdicts of rules the compile-fail cases do not reach (tests/compile_fail/net_*.fail.cpp
    // show the messages of the others).
    auto comp = node<"comp">(IsentropicCompressor{0.7, 0.1_kg_per_s});
    auto cond = node<"cond">(FixedSaturationCondenser{40.0_degC, 2.0_dK});
    auto valve = node<"valve">(IsenthalpicValve{});
    auto evap = node<"evap">(FixedSaturationEvaporator{0.0_degC, 5.0_dK});
    auto ihx = node<"ihx">(InternalHeatExchanger{0.6});
    // A suction-line exchanger: the liquid on its hot side, the suction gas on its cold side.
    constexpr auto slhx = verdict<decltype(network<fluids::R1234yf>(comp, cond, ihx, valve, evap) |
                                           connect(comp.discharge, cond.inlet) | connect(cond.outlet, ihx.hot_in) |
                                           connect(ihx.hot_out, valve.inlet) | connect(valve.outlet, evap.inlet) |
                                           connect(evap.outlet, ihx.cold_in) | connect(ihx.cold_out, comp.suction))>;
    static_assert(slhx.rule == Broken::none);
    // Its streams swapped over the valve: the evaporator is fed liquid (rule 3 at the evaporator).
    constexpr auto swapped =
        verdict<decltype(network<fluids::R1234yf>(comp, cond, ihx, valve, evap) | connect(comp.discharge, cond.inlet) |
                         connect(cond.outlet, ihx.hot_in) | connect(ihx.hot_out, evap.inlet) |
                         connect(evap.outlet, valve.inlet) | connect(valve.outlet, ihx.cold_in) |
                         connect(ihx.cold_out, comp.suction))>;
    static_assert(swapped.rule == Broken::evaporator_phase && swapped.node == 4);
    // Two evaporators at two levels on one compressor: the warmer one behind an EPR (accepted);
    // the EPR left out, the mixer joins two levels (rule 4).
    auto tee = node<"tee">(Splitter{});
    auto valve2 = node<"valve2">(IsenthalpicValve{});
    auto evap2 = node<"evap2">(FixedSaturationEvaporator{-20.0_degC, 5.0_dK});
    auto epr = node<"epr">(EvaporatorPressureRegulator::at_temperature(from_celsius(0.0)));
    auto mix = node<"mix">(Mixer{});
    constexpr auto two_temps =
        verdict<decltype(network<fluids::R134a>(comp, cond, tee, valve, evap, epr, valve2, evap2, mix) |
                         connect(comp.discharge, cond.inlet) | connect(cond.outlet, tee.inlet) |
                         connect(tee.outlet_a, valve.inlet) | connect(valve.outlet, evap.inlet) |
                         connect(evap.outlet, epr.inlet) | connect(epr.outlet, mix.inlet_a) |
                         connect(tee.outlet_b, valve2.inlet) | connect(valve2.outlet, evap2.inlet) |
                         connect(evap2.outlet, mix.inlet_b) | connect(mix.outlet, comp.suction))>;
    static_assert(two_temps.rule == Broken::none);
    // A loop with the cascade's cold side but no compressor of its own (rule 5 names the loop).
    auto hx = node<"hx">(CascadeHeatExchanger::at_pressure(0.32_MPa, 0.0_dK));
    constexpr auto no_upper_compressor =
        verdict<decltype(network<fluids::R134a>(comp, hx, valve, evap, cond, valve2) |
                         connect(comp.discharge, hx.hot_in) | connect(hx.hot_out, valve.inlet) |
                         connect(valve.outlet, evap.inlet) | connect(evap.outlet, comp.suction) |
                         connect(cond.outlet, valve2.inlet) | connect(valve2.outlet, hx.cold_in) |
                         connect(hx.cold_out, cond.inlet))>;
    static_assert(no_upper_compressor.rule == Broken::no_compressor && no_upper_compressor.node == 1);
    // A transcritical CO2 loop: the gas cooler's dense fluid throttled by the high-pressure valve,
    // which holds the loop's charge (accepted); the same with a subcooled condenser's condition
    // as well fixes the charge twice.
    auto gc = node<"gas_cooler">(GasCooler::outlet_temperature(35.0_degC));
    auto hpv = node<"hp_valve">(HighPressureValve{10.0_MPa});
    constexpr auto transcritical =
        verdict<decltype(network<fluids::R744>(comp, gc, hpv, evap) | connect(comp.discharge, gc.inlet) |
                         connect(gc.outlet, hpv.inlet) | connect(hpv.outlet, evap.inlet) |
                         connect(evap.outlet, comp.suction))>;
    static_assert(transcritical.rule == Broken::none);
    constexpr auto twice = verdict<decltype(network<fluids::R744>(comp, cond, hpv, evap) |
                                            connect(comp.discharge, cond.inlet) | connect(cond.outlet, hpv.inlet) |
                                            connect(hpv.outlet, evap.inlet) | connect(evap.outlet, comp.suction))>;
    static_assert(twice.rule == Broken::charge_twice);
    // Vapour injection from a flash tank's vapour (accepted); an economizer whose cold side takes
    // the liquid without the injection valve (rule 3 at the economizer's cold_in, port 1).
    auto vi = node<"vi">(VapourInjectionCompressor::geometric_mean(0.7, 0.05_kg_per_s));
    auto flash = node<"flash">(FlashTank{0.5_MPa});
    constexpr auto flash_injection =
        verdict<decltype(network<fluids::R32>(vi, cond, valve, flash, valve2, evap) |
                         connect(vi.discharge, cond.inlet) | connect(cond.outlet, valve.inlet) |
                         connect(valve.outlet, flash.inlet) | connect(flash.vapour_out, vi.injection) |
                         connect(flash.liquid_out, valve2.inlet) | connect(valve2.outlet, evap.inlet) |
                         connect(evap.outlet, vi.suction))>;
    static_assert(flash_injection.rule == Broken::none);
    auto eco = node<"eco">(Economizer{0.8, 5.0_dK});
    constexpr auto eco_liquid =
        verdict<decltype(network<fluids::R32>(vi, cond, tee, eco, valve, evap) | connect(vi.discharge, cond.inlet) |
                         connect(cond.outlet, tee.inlet) | connect(tee.outlet_a, eco.hot_in) |
                         connect(eco.hot_out, valve.inlet) | connect(valve.outlet, evap.inlet) |
                         connect(evap.outlet, vi.suction) | connect(tee.outlet_b, eco.cold_in) |
                         connect(eco.cold_out, vi.injection))>;
    static_assert(eco_liquid.rule == Broken::economizer_phase && eco_liquid.node == 3 && eco_liquid.port == 1);
    CHECK(slhx.rule == Broken::none); // the static_asserts above are the test
}

// ---- the typed nodes against the one table of component kinds (io/component_kinds.hpp) --------

namespace {

/// Whether node type `N` has the ports of the table's row `type`: their number and names, in order.
/// The row is found by index, not through find_component_kind's pointer: GCC does not fold a
/// comparison of a global's address with nullptr in a constant expression under
/// -fsanitize=address (the asan preset), so the pointer form is not a constant there.
template <class N>
constexpr bool ports_match_row(std::string_view type) {
    std::size_t row = io::component_kinds.size();
    for (std::size_t i = 0; i < io::component_kinds.size(); ++i)
        if (io::component_kinds[i].type == type) row = i;
    if (row == io::component_kinds.size()) return false;
    const io::ComponentKind& kind = io::component_kinds[row];
    if (kind.ports.count(true) != N::n_in || kind.ports.count(false) != N::n_out) return false;
    bool ok = true;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((ok = ok && std::tuple_element_t<I, typename N::ins>::name == kind.ports.name(true, static_cast<int>(I))),
         ...);
    }
    (std::make_index_sequence<static_cast<std::size_t>(N::n_in)>{});
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((ok = ok && std::tuple_element_t<I, typename N::outs>::name == kind.ports.name(false, static_cast<int>(I))),
         ...);
    }
    (std::make_index_sequence<static_cast<std::size_t>(N::n_out)>{});
    return ok;
}
template <class Model>
using node_of = decltype(node<"x">(std::declval<const Model&>()));

// Every kind the typed network takes as it is (the runtime-configured condenser, evaporator and
// expansion valve join a typed network in their typed forms, cycles/typed/exchangers.hpp).
static_assert(ports_match_row<node_of<IsentropicCompressor>>("isentropic_compressor"));
static_assert(ports_match_row<node_of<MapCompressor>>("map_compressor"));
static_assert(ports_match_row<node_of<FixedSaturationCondenser>>("fixed_saturation_condenser"));
static_assert(ports_match_row<node_of<FixedSaturationEvaporator>>("fixed_saturation_evaporator"));
static_assert(ports_match_row<node_of<IsenthalpicValve>>("isenthalpic_valve"));
static_assert(ports_match_row<node_of<Receiver>>("receiver"));
static_assert(ports_match_row<node_of<GasCooler>>("gas_cooler"));
static_assert(ports_match_row<node_of<HighPressureValve>>("high_pressure_valve"));
static_assert(ports_match_row<node_of<FlashTank>>("flash_tank"));
static_assert(ports_match_row<node_of<Mixer>>("mixer"));
static_assert(ports_match_row<node_of<Splitter>>("splitter"));
static_assert(ports_match_row<node_of<InternalHeatExchanger>>("internal_heat_exchanger"));
static_assert(ports_match_row<node_of<CascadeHeatExchanger>>("cascade_heat_exchanger"));
static_assert(ports_match_row<node_of<EvaporatorPressureRegulator>>("evaporator_pressure_regulator"));
static_assert(ports_match_row<node_of<VapourInjectionCompressor>>("vapour_injection_compressor"));
static_assert(ports_match_row<node_of<Economizer>>("economizer"));
// ... and the check can fail: a flash tank's ports are not a mixer's.
static_assert(!ports_match_row<node_of<FlashTank>>("mixer"));
static_assert(!ports_match_row<node_of<Economizer>>("no_such_kind"));

} // namespace
