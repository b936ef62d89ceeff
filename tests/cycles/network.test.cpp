// Cycle networks: components with several ports (flash tank, mixer, splitter), connections
// between named ports, two compressors in series, and the validation case of a two-stage R134a
// cycle with a flash chamber.
//
// Reference figures (case a, docs/validation.md "two-stage compression with a flash chamber"):
// Cengel & Boles, "Thermodynamics: An Engineering Approach", Example 11-5, recomputed
// independently with CoolProp 8.0.0 (HEOS backend; the same reference equation of state for R134a,
// Tillner-Roth & Baehr 1994) with every state polished to round-off. Definition: condenser at
// 0.8 MPa with saturated liquid out, flash chamber at 0.32 MPa, evaporator at 0.14 MPa with
// saturated vapour out, both compressors isentropic, 1 kg/s through the condenser. Published
// answers: x = 0.2049, q_L = 146.3 kJ/kg, w_in = 32.71 kJ/kg, COP = 4.47. Enthalpies are compared
// as differences (the reference states of two implementations may differ).
#include <cmath>
#include <string>

#include "cycles/cycle_fixtures.hpp"

using namespace fixtures;

namespace {

// Case a (J/kg, per kg through the condenser; kg/s with 1 kg/s through the condenser).
constexpr double x6 = 0.20492249631;
constexpr double q_L = 146281.569455, w_LP = 13312.9220688, w_HP = 19373.2822014, w_in = 32686.2042702;
constexpr double q_H = 178967.773725, cop = 4.47533057817;
constexpr double h1 = 387319.969042, h2 = 404064.150593, h3 = 403239.897734, h4 = 422613.179936;
constexpr double h5 = 243645.406211, h7 = 203335.93129, h9 = 400041.884255;
constexpr double T1 = 254.390429624, T2 = 280.072898159, T3 = 279.159084439, T4 = 311.244322773;
constexpr double T6 = 275.626808793;
constexpr double x8 = 0.132463345057;

bool near(double a, double b, double rel) { return std::fabs(a - b) <= rel * std::fabs(b); }

std::string message_of(const Result<void>& r) { return r ? std::string() : std::string(r.error().message()); }

/// The connection leaving outlet port `port` of component `from`.
const ConnectionResult& leaving(const CycleResults& R, std::uint32_t from, std::uint32_t port = 0) {
    for (const auto& c : R.connections)
        if (c.from == from && c.from_port == port) return c;
    FAIL("no connection leaves component " << from << " port " << port);
    return R.connections.front();
}

struct TwoStage {
    System sys;
    std::uint32_t lp, mixer, hp, cond, hp_valve, flash, lp_valve, evap;
};

/// The network of Cengel & Boles Example 11-5 with the given tank and compressors.
TwoStage two_stage(FlashTank tank, IsentropicCompressor lp, IsentropicCompressor hp, Backend backend = Backend::eos) {
    auto s = System::create("R134a", backend);
    REQUIRE(s.has_value());
    TwoStage t{std::move(*s), 0, 0, 0, 0, 0, 0, 0, 0};
    t.lp = *t.sys.add("lp_compressor", lp);
    t.mixer = *t.sys.add("mixer", Mixer{});
    t.hp = *t.sys.add("hp_compressor", hp);
    t.cond = *t.sys.add("condenser", FixedSaturationCondenser{0.8_MPa, 0.0_dK});
    t.hp_valve = *t.sys.add("hp_valve", IsenthalpicValve{});
    t.flash = *t.sys.add("flash_tank", tank);
    t.lp_valve = *t.sys.add("lp_valve", IsenthalpicValve{});
    t.evap = *t.sys.add("evaporator", FixedSaturationEvaporator{0.14_MPa, 0.0_dK});
    REQUIRE(t.sys.connect("lp_compressor.discharge", "mixer.inlet_a"));
    REQUIRE(t.sys.connect("mixer.outlet", "hp_compressor.suction"));
    REQUIRE(t.sys.connect("hp_compressor.discharge", "condenser.inlet"));
    REQUIRE(t.sys.connect("condenser", "hp_valve"));
    REQUIRE(t.sys.connect("hp_valve", "flash_tank.inlet"));
    REQUIRE(t.sys.connect("flash_tank.liquid_out", "lp_valve.inlet"));
    REQUIRE(t.sys.connect("flash_tank.vapour_out", "mixer.inlet_b"));
    REQUIRE(t.sys.connect("lp_valve.outlet", "evaporator.inlet"));
    REQUIRE(t.sys.connect("evaporator.outlet", "lp_compressor.suction"));
    return t;
}

/// Cengel & Boles Example 11-5 as a network, connected by port names.
TwoStage cengel_11_5(Backend backend = Backend::eos) {
    auto t =
        two_stage(FlashTank{0.32_MPa}, IsentropicCompressor{1.0}, IsentropicCompressor{1.0, 1.0_kg_per_s}, backend);
    auto fin = t.sys.finalize();
    INFO(message_of(fin));
    REQUIRE(fin.has_value());
    return t;
}

} // namespace

TEST_CASE("case a: two-stage R134a with a flash chamber reproduces Cengel & Boles Example 11-5",
          "[cycles][network][validation]") {
    auto t = cengel_11_5();
    CHECK(t.sys.unknown_count() == 27); // 9 connections x (p, h, m)
    const auto& R = t.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const auto& s1 = leaving(R, t.evap).state;
    const auto& s2 = leaving(R, t.lp).state;
    const auto& s3 = leaving(R, t.mixer).state;
    const auto& s4 = leaving(R, t.hp).state;
    const auto& s5 = leaving(R, t.cond).state;
    const auto& s6 = leaving(R, t.hp_valve).state;
    const auto& s7 = leaving(R, t.flash, 0).state;
    const auto& s8 = leaving(R, t.lp_valve).state;
    const auto& s9 = leaving(R, t.flash, 1).state;
    // Pressure levels.
    CHECK(s1.p.si() == Approx(0.14e6).epsilon(1e-12));
    CHECK(s2.p.si() == Approx(0.32e6).epsilon(1e-12));
    CHECK(s3.p.si() == Approx(0.32e6).epsilon(1e-12));
    CHECK(s4.p.si() == Approx(0.8e6).epsilon(1e-12));
    CHECK(s7.p.si() == Approx(0.32e6).epsilon(1e-12));
    CHECK(s9.p.si() == Approx(0.32e6).epsilon(1e-12));
    // States, as enthalpy differences and temperatures.
    CHECK(near(s2.h.si() - s1.h.si(), h2 - h1, 1e-6));
    CHECK(near(s3.h.si() - s1.h.si(), h3 - h1, 1e-6));
    CHECK(near(s4.h.si() - s3.h.si(), h4 - h3, 1e-6));
    CHECK(near(s4.h.si() - s5.h.si(), h4 - h5, 1e-6));
    CHECK(near(s5.h.si() - s7.h.si(), h5 - h7, 1e-6));
    CHECK(near(s9.h.si() - s7.h.si(), h9 - h7, 1e-6));
    CHECK(s6.h.si() == Approx(s5.h.si()).epsilon(1e-12));
    CHECK(s8.h.si() == Approx(s7.h.si()).epsilon(1e-12));
    CHECK(near(s1.T.si(), T1, 1e-6));
    CHECK(near(s2.T.si(), T2, 1e-6));
    CHECK(near(s3.T.si(), T3, 1e-6));
    CHECK(near(s4.T.si(), T4, 1e-6));
    CHECK(near(s6.T.si(), T6, 1e-6));
    CHECK(near(s6.quality, x6, 1e-6));
    CHECK(near(s8.quality, x8, 1e-6));
    CHECK(near(s7.T.si(), T6, 1e-6)); // both outlets saturated at the tank pressure
    CHECK(near(s9.T.si(), T6, 1e-6));
    // Flows: 1 kg/s through the condenser, x6 flashes off, 1 - x6 through the evaporator.
    CHECK(leaving(R, t.cond).m == Approx(1.0).epsilon(1e-12));
    CHECK(near(leaving(R, t.flash, 1).m, x6, 1e-6));
    CHECK(near(leaving(R, t.evap).m, 1.0 - x6, 1e-6));
    CHECK(near(leaving(R, t.mixer).m, 1.0, 1e-9));
    // Figures (W with 1 kg/s through the condenser = J/kg per kg through the condenser).
    CHECK(near(R.cooling_capacity, q_L, 1e-6));
    CHECK(near(R.components[t.lp].power, w_LP, 1e-6));
    CHECK(near(R.components[t.hp].power, w_HP, 1e-6));
    CHECK(near(R.compressor_power, w_in, 1e-6));
    CHECK(near(R.heating_capacity, q_H, 1e-6));
    CHECK(near(R.cop_cooling, cop, 1e-6));
    // The published answers, within 0.5 %.
    CHECK(near(leaving(R, t.flash, 1).m, 0.2049, 5e-3));
    CHECK(near(R.cooling_capacity, 146.3e3, 5e-3));
    CHECK(near(R.compressor_power, 32.71e3, 5e-3));
    CHECK(near(R.cop_cooling, 4.47, 5e-3));
    // Balances: first law around the network, mass at every component, second law everywhere.
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-9);
    for (std::uint32_t i = 0; i < t.sys.component_count(); ++i) {
        INFO(t.sys.component_name(i));
        CHECK(R.components[i].entropy_generation >= -1e-6);
    }
    CHECK(R.entropy_generation > 0.0);
    // Ideal separation of a two-phase inlet and isentropic compressors generate no entropy;
    // the valves and the mixing of flash vapour with the warmer discharge do.
    CHECK(std::fabs(R.components[t.flash].entropy_generation) <= 1e-6);
    CHECK(R.components[t.mixer].entropy_generation > 0.0);
    CHECK(R.components[t.hp_valve].entropy_generation > 0.0);
    // A warm re-solve gives the same answer.
    const double first = R.cop_cooling;
    const auto& W = t.sys.solve();
    REQUIRE(W.converged());
    CHECK(W.cop_cooling == Approx(first).epsilon(1e-12));
    // A HIL step that Newton has to take (the Picard start no longer solves it outright): both
    // compressors at an isentropic efficiency of 0.75. The network stays balanced and admissible.
    REQUIRE(t.sys.set_input(t.lp, Input::isentropic_efficiency, 0.75));
    REQUIRE(t.sys.set_input(t.hp, Input::isentropic_efficiency, 0.75));
    const auto& N = t.sys.solve(SolverMethod::newton);
    INFO(N.report);
    REQUIRE(N.converged());
    // The split is set by the condenser outlet and the tank pressure alone: unchanged. The
    // low stage takes the same suction state to the same pressure, so its work is w_LP / 0.75.
    CHECK(near(leaving(N, t.flash, 1).m, x6, 1e-6));
    CHECK(near(N.components[t.lp].power, w_LP / 0.75, 1e-6));
    CHECK(N.components[t.hp].power > w_HP / 0.75); // its suction is warmer now
    CHECK(std::fabs(N.energy_balance) <= 1e-9);
    CHECK(std::fabs(N.mass_balance) <= 1e-9);
    CHECK(N.cop_cooling < cop);
    for (const auto& rep : N.components) CHECK(rep.entropy_generation >= -1e-6);
}

TEST_CASE("case a on the property tables agrees with the EOS", "[cycles][network][tables]") {
    auto t = cengel_11_5(Backend::tables);
    const auto& R = t.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(near(R.cop_cooling, cop, 1e-4));
    CHECK(near(leaving(R, t.flash, 1).m, x6, 1e-4));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
}

TEST_CASE("a hot-gas bypass: splitter and mixer around one compressor", "[cycles][network]") {
    auto sys = std::move(*System::create("R134a"));
    const auto comp = *sys.add("comp", IsentropicCompressor{0.7, 0.1_kg_per_s});
    const auto tee = *sys.add("tee", Splitter::fixed(0.85));
    const auto cond = *sys.add("cond", FixedSaturationCondenser{40.0_degC, 2.0_dK});
    const auto valve = *sys.add("valve", IsenthalpicValve{});
    const auto evap = *sys.add("evap", FixedSaturationEvaporator{0.0_degC, 5.0_dK});
    const auto bypass = *sys.add("bypass", IsenthalpicValve{});
    const auto mix = *sys.add("mix", Mixer{});
    REQUIRE(sys.connect(comp, tee));
    REQUIRE(sys.connect("tee.outlet_a", "cond"));
    REQUIRE(sys.connect(cond, valve));
    REQUIRE(sys.connect(valve, evap));
    REQUIRE(sys.connect("evap", "mix.inlet_a"));
    REQUIRE(sys.connect("tee.outlet_b", "bypass"));
    REQUIRE(sys.connect("bypass", "mix.inlet_b"));
    REQUIRE(sys.connect("mix", "comp"));
    REQUIRE(sys.finalize());
    const auto& R = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const auto& a = leaving(R, tee, 0);
    const auto& b = leaving(R, tee, 1);
    CHECK(a.m == Approx(0.085).epsilon(1e-9));
    CHECK(b.m == Approx(0.015).epsilon(1e-9));
    CHECK(a.state.h.si() == Approx(b.state.h.si()).epsilon(1e-12));
    // The suction is the flow-weighted mix of the evaporator outlet and the throttled hot gas.
    const auto& e = leaving(R, evap);
    const auto& g = leaving(R, bypass);
    const auto& s = leaving(R, mix);
    CHECK(s.state.h.si() == Approx((e.m * e.state.h.si() + g.m * g.state.h.si()) / (e.m + g.m)).epsilon(1e-10));
    CHECK(s.state.T.si() > e.state.T.si()); // the bypass heats the suction
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-9);
    for (const auto& rep : R.components) CHECK(rep.entropy_generation >= -1e-6);
    // Less cooling than the same compressor without the bypass: 85 % of the flow reaches the
    // evaporator.
    CHECK(R.cooling_capacity == Approx(a.m * (e.state.h.si() - leaving(R, cond).state.h.si())).epsilon(1e-9));
}

TEST_CASE("network errors name the port", "[cycles][network][validation]") {
    auto sys = std::move(*System::create("R134a"));
    const auto comp = *sys.add("comp", IsentropicCompressor{1.0, 1.0_kg_per_s});
    const auto flash = *sys.add("flash_tank", FlashTank{0.32_MPa});
    const auto mix = *sys.add("mixer", Mixer{});
    // A bare index connection is ambiguous at a component with two outlets or inlets.
    CHECK(message_of(sys.connect(flash, comp)) ==
          "component 'flash_tank' (component) has 2 outlets: name the port (liquid_out, vapour_out)");
    CHECK(message_of(sys.connect(comp, mix)) ==
          "component 'mixer' (component) has 2 inlets: name the port (inlet_a, inlet_b)");
    CHECK(message_of(sys.connect("flash_tank", "comp")) ==
          "'flash_tank': component 'flash_tank' (component) has 2 outlets: name the port (liquid_out, vapour_out)");
    CHECK(message_of(sys.connect("flash_tank.gas_out", "comp")) ==
          "'flash_tank.gas_out': component 'flash_tank' (component) has no outlet named 'gas_out' (outlets: "
          "liquid_out, vapour_out)");
    CHECK(message_of(sys.connect("flash_tank.inlet", "comp")) ==
          "'flash_tank.inlet': component 'flash_tank' (component) has an inlet named 'inlet', not an outlet "
          "(outlets: liquid_out, vapour_out)");
    CHECK(message_of(sys.connect("comp.discharge", "tank.inlet")) == "'tank.inlet': no component named 'tank'");
    CHECK(message_of(sys.connect(flash, 2, comp, 0)) ==
          "component 'flash_tank' (component): outlet port 2 does not exist (it has 2)");
    REQUIRE(sys.connect("comp.discharge", "flash_tank.inlet"));
    REQUIRE(sys.connect("flash_tank.liquid_out", "mixer.inlet_a"));
    CHECK(message_of(sys.connect("flash_tank.liquid_out", "mixer.inlet_b")) ==
          "component 'flash_tank' (component): outlet 'liquid_out' is already connected (to component 'mixer' "
          "(component)); a port takes one connection");
    REQUIRE(sys.connect("mixer.outlet", "comp.suction"));
    // finalize names every port left open, as "component.port".
    const auto m = message_of(sys.finalize());
    CHECK(m == "flash_tank.vapour_out is not connected; mixer.inlet_b is not connected -- the loop does not close: "
               "connect 'flash_tank.vapour_out' to 'mixer.inlet_b'");
    CHECK_FALSE(sys.finalized());
}

TEST_CASE("a network whose equations do not match its unknowns is named", "[cycles][network][validation]") {
    // Case a without the evaporator's pressure: the low level is free.
    auto sys = std::move(*System::create("R134a"));
    (void)*sys.add("lp", IsentropicCompressor{1.0});
    (void)*sys.add("mixer", Mixer{});
    (void)*sys.add("hp", IsentropicCompressor{1.0, 1.0_kg_per_s});
    (void)*sys.add("cond", FixedSaturationCondenser{0.8_MPa, 0.0_dK});
    (void)*sys.add("v1", IsenthalpicValve{});
    (void)*sys.add("flash", FlashTank{0.32_MPa});
    (void)*sys.add("v2", IsenthalpicValve{});
    (void)*sys.add("evap", IsenthalpicValve{}); // not an evaporator: no low pressure given
    REQUIRE(sys.connect("lp", "mixer.inlet_a"));
    REQUIRE(sys.connect("mixer", "hp"));
    REQUIRE(sys.connect("hp", "cond"));
    REQUIRE(sys.connect("cond", "v1"));
    REQUIRE(sys.connect("v1", "flash"));
    REQUIRE(sys.connect("flash.liquid_out", "v2"));
    REQUIRE(sys.connect("flash.vapour_out", "mixer.inlet_b"));
    REQUIRE(sys.connect("v2", "evap"));
    REQUIRE(sys.connect("evap", "lp"));
    CHECK(message_of(sys.finalize()) == "25 equations for 27 unknowns: a pressure level or an outlet state is not "
                                        "specified");
}

// ---- the intermediate pressure decided by the network (flash tank modes) ---------------------

namespace {
/// Compressors given by displacement: m = rho_suction V N eta_v. At 50 Hz and eta_v = 0.9, these
/// put the floating tank of case a near its 0.32 MPa (1 kg/s through the high stage).
constexpr double V_lp = 2.5e-3, V_hp = 1.45e-3, N_rev = 50.0, eta_v = 0.9;

/// The first law around the tank and the lever rule at its solved pressure.
void check_tank(const CycleResults& R, const TwoStage& t) {
    const auto& in = leaving(R, t.hp_valve);
    const auto& l = leaving(R, t.flash, 0);
    const auto& v = leaving(R, t.flash, 1);
    CHECK(l.state.p.si() == Approx(in.state.p.si()).epsilon(1e-12));
    CHECK(v.state.p.si() == Approx(in.state.p.si()).epsilon(1e-12));
    CHECK(l.state.T.si() == Approx(v.state.T.si()).epsilon(1e-9)); // both saturated at the tank pressure
    CHECK(std::fabs(l.m + v.m - in.m) <= 1e-9 * in.m);
    CHECK(std::fabs(l.m * l.state.h.si() + v.m * v.state.h.si() - in.m * in.state.h.si()) <=
          1e-9 * in.m * in.state.h.si());
    CHECK(v.m / in.m == Approx(in.state.quality).epsilon(1e-9));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-9);
    for (const auto& rep : R.components) CHECK(rep.entropy_generation >= -1e-6);
}
} // namespace

TEST_CASE("a geometric-mean flash tank sits at sqrt(p_low p_high)", "[cycles][network][flash]") {
    auto t = two_stage(FlashTank::geometric_mean(), IsentropicCompressor{1.0}, IsentropicCompressor{1.0, 1.0_kg_per_s});
    REQUIRE(t.sys.finalize());
    CHECK(t.sys.unknown_count() == 27);
    const auto& R = t.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const double p_int = leaving(R, t.hp_valve).state.p.si();
    CHECK(p_int == Approx(std::sqrt(0.14e6 * 0.8e6)).epsilon(1e-10));
    CHECK(leaving(R, t.lp).state.p.si() == Approx(p_int).epsilon(1e-12));
    check_tank(R, t);
    // The same network with the tank given at that pressure solves to the same cycle.
    auto g = two_stage(FlashTank{Pressure{p_int}}, IsentropicCompressor{1.0}, IsentropicCompressor{1.0, 1.0_kg_per_s});
    REQUIRE(g.sys.finalize());
    const auto& G = g.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(G.converged());
    CHECK(R.cop_cooling == Approx(G.cop_cooling).epsilon(1e-9));
    // A factor scales the level.
    auto f =
        two_stage(FlashTank::geometric_mean(1.1), IsentropicCompressor{1.0}, IsentropicCompressor{1.0, 1.0_kg_per_s});
    REQUIRE(f.sys.finalize());
    const auto& F = f.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(F.converged());
    CHECK(leaving(F, f.hp_valve).state.p.si() == Approx(1.1 * std::sqrt(0.14e6 * 0.8e6)).epsilon(1e-10));
    CHECK(message_of(FlashTank::geometric_mean(0.0).validate()) ==
          "intermediate pressure factor = 0: expected a number in (0, 10)");
}

TEST_CASE("a floating flash tank settles where the high stage swallows the low-stage flow and the flash gas",
          "[cycles][network][flash]") {
    auto t = two_stage(FlashTank::floating(), IsentropicCompressor{1.0, Volume{V_lp}, Frequency{N_rev}, eta_v},
                       IsentropicCompressor{1.0, Volume{V_hp}, Frequency{N_rev}, eta_v});
    auto fin = t.sys.finalize();
    INFO(message_of(fin));
    REQUIRE(fin);
    CHECK(t.sys.unknown_count() == 27); // the level is an unknown; the low stage's flow law closes it
    const auto& R = t.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const auto& suction_hp = leaving(R, t.mixer);
    const auto& suction_lp = leaving(R, t.evap);
    const double p1 = leaving(R, t.hp_valve).state.p.si();
    CHECK(p1 > 0.14e6);
    CHECK(p1 < 0.8e6);
    // Each stage delivers its displacement x suction density x volumetric efficiency.
    CHECK(suction_hp.m == Approx(suction_hp.state.rho.si() * V_hp * N_rev * eta_v).epsilon(1e-9));
    CHECK(suction_lp.m == Approx(suction_lp.state.rho.si() * V_lp * N_rev * eta_v).epsilon(1e-9));
    // ... and the high stage carries the low-stage flow plus the flash gas.
    CHECK(suction_hp.m == Approx(suction_lp.m + leaving(R, t.flash, 1).m).epsilon(1e-9));
    check_tank(R, t);
    // A bigger high stage (its speed up 10 %) draws the tank down.
    REQUIRE(t.sys.set_input(t.hp, Input::compressor_speed, 1.1 * N_rev));
    const auto& B = t.sys.solve();
    INFO(B.report);
    REQUIRE(B.converged());
    const double p2 = leaving(B, t.hp_valve).state.p.si();
    CHECK(p2 < p1);
    CHECK(leaving(B, t.mixer).m ==
          Approx(leaving(B, t.mixer).state.rho.si() * V_hp * 1.1 * N_rev * eta_v).epsilon(1e-9));
    check_tank(B, t);
}

TEST_CASE("a floating flash tank with nothing to close it is named at finalize", "[cycles][network][flash]") {
    // Case a's compressors: the low stage has no flow law, so the level is free.
    auto t = two_stage(FlashTank::floating(), IsentropicCompressor{1.0}, IsentropicCompressor{1.0, 1.0_kg_per_s});
    CHECK(message_of(t.sys.finalize()) ==
          "26 equations for 27 unknowns: the pressure of flash tank 'flash_tank' floats and nothing closes it: give "
          "both compressor stages a flow law (a displacement, a mass flow or a map) or give the tank a pressure");
    CHECK_FALSE(t.sys.finalized());
}

namespace {
// Case d (docs/components.md "InternalHeatExchanger"): R1234yf, evaporating at 0 C dew with
// saturated vapour out, condensing at 45 C bubble with saturated liquid out, isentropic
// efficiency 0.7, 1 kg/s, a suction-line exchanger of vapour-side effectiveness 0.6. Recomputed
// with CoolProp 8.0.0 (HEOS). J/kg = W at 1 kg/s.
constexpr double d_q_evap = 126182.027097, d_w = 37987.7298182, d_q_cond = 164169.756915, d_q_ihx = 25154.5681592;
constexpr double d_cop = 3.32165222035, d_T_discharge = 350.243232172, d_T2 = 300.15, d_T5 = 300.795490474;
constexpr double d_x6 = 0.228162235762;
constexpr double d_sgen_ihx = 6.52704541692, d_sgen_comp = 33.0213988185, d_sgen_valve = 9.12879803931;
// Without the exchanger: the isentropic end point of the compression is two-phase (x = 0.9723).
constexpr double d0_cop = 3.07619199141, d0_T_discharge = 323.506843881, d0_q_evap = 101027.458937;
} // namespace

TEST_CASE("case d: R1234yf with a suction-line heat exchanger (eps 0.6) reproduces the reference",
          "[cycles][network][validation]") {
    auto sys = std::move(*System::create("R1234yf"));
    const auto evap = *sys.add("evaporator", FixedSaturationEvaporator{0.0_degC, 0.0_dK});
    const auto ihx = *sys.add("ihx", InternalHeatExchanger{0.6});
    const auto comp = *sys.add("compressor", IsentropicCompressor{0.7, 1.0_kg_per_s});
    const auto cond = *sys.add("condenser", FixedSaturationCondenser{45.0_degC, 0.0_dK});
    const auto valve = *sys.add("valve", IsenthalpicValve{});
    REQUIRE(sys.connect("evaporator", "ihx.cold_in"));
    REQUIRE(sys.connect("ihx.cold_out", "compressor.suction"));
    REQUIRE(sys.connect("compressor", "condenser"));
    REQUIRE(sys.connect("condenser", "ihx.hot_in"));
    REQUIRE(sys.connect("ihx.hot_out", "valve"));
    REQUIRE(sys.connect("valve", "evaporator"));
    auto fin = sys.finalize();
    INFO(message_of(fin));
    REQUIRE(fin.has_value());
    const auto& R = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(near(leaving(R, ihx, 1).state.T.si(), d_T2, 1e-6));
    CHECK(near(leaving(R, ihx, 0).state.T.si(), d_T5, 1e-6));
    CHECK(near(leaving(R, comp).state.T.si(), d_T_discharge, 1e-6));
    CHECK(near(leaving(R, valve).state.quality, d_x6, 1e-6));
    CHECK(near(R.cooling_capacity, d_q_evap, 1e-6));
    CHECK(near(R.compressor_power, d_w, 1e-6));
    CHECK(near(R.heating_capacity, d_q_cond, 1e-6));
    CHECK(near(R.components[ihx].control_value, d_q_ihx, 1e-6));
    CHECK(near(R.cop_cooling, d_cop, 1e-6));
    CHECK(near(R.components[ihx].entropy_generation, d_sgen_ihx, 1e-5));
    CHECK(near(R.components[comp].entropy_generation, d_sgen_comp, 1e-5));
    CHECK(near(R.components[valve].entropy_generation, d_sgen_valve, 1e-5));
    CHECK(R.components[ihx].heat_rate == 0.0); // internal: no heat crosses the loop's boundary
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-9);
    (void)evap;
    (void)cond;

    // The same loop without the exchanger: a series loop (its compression ends two-phase when
    // isentropic, which the compressor model accepts).
    auto plain = simple_loop("R1234yf", IsentropicCompressor{0.7, 1.0_kg_per_s},
                             FixedSaturationCondenser{45.0_degC, 0.0_dK}, FixedSaturationEvaporator{0.0_degC, 0.0_dK});
    const auto& P = plain.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(P.report);
    REQUIRE(P.converged());
    CHECK(near(P.cop_cooling, d0_cop, 1e-6));
    CHECK(near(P.cooling_capacity, d0_q_evap, 1e-6));
    CHECK(near(leaving(P, plain.comp).state.T.si(), d0_T_discharge, 1e-6));
    CHECK(near(R.cop_cooling / P.cop_cooling - 1.0, 0.079793533572, 1e-5)); // the exchanger's gain
}

TEST_CASE("an internal heat exchanger of effectiveness 1 is refused", "[cycles][network][validation]") {
    auto sys = std::move(*System::create("R1234yf"));
    const auto r = sys.add("ihx", InternalHeatExchanger{1.0});
    REQUIRE_FALSE(r.has_value());
    CHECK(std::string(r.error().message()) == "component 'ihx': effectiveness = 1: expected a number in [0, 1)");
}

namespace {
struct Slhx {
    System sys;
    std::uint32_t evap, ihx, comp, cond, valve;
};

/// Case d's loop with the given suction-line exchanger.
Slhx slhx_loop(InternalHeatExchanger x) {
    auto s = System::create("R1234yf");
    REQUIRE(s.has_value());
    Slhx l{std::move(*s), 0, 0, 0, 0, 0};
    l.evap = *l.sys.add("evaporator", FixedSaturationEvaporator{0.0_degC, 0.0_dK});
    auto ihx = l.sys.add("ihx", x);
    REQUIRE(ihx.has_value());
    l.ihx = *ihx;
    l.comp = *l.sys.add("compressor", IsentropicCompressor{0.7, 1.0_kg_per_s});
    l.cond = *l.sys.add("condenser", FixedSaturationCondenser{45.0_degC, 0.0_dK});
    l.valve = *l.sys.add("valve", IsenthalpicValve{});
    REQUIRE(l.sys.connect("evaporator", "ihx.cold_in"));
    REQUIRE(l.sys.connect("ihx.cold_out", "compressor.suction"));
    REQUIRE(l.sys.connect("compressor", "condenser"));
    REQUIRE(l.sys.connect("condenser", "ihx.hot_in"));
    REQUIRE(l.sys.connect("ihx.hot_out", "valve"));
    REQUIRE(l.sys.connect("valve", "evaporator"));
    auto fin = l.sys.finalize();
    INFO(message_of(fin));
    REQUIRE(fin.has_value());
    return l;
}

EdgeState edge_of(const ConnectionResult& c) { return {c.state.p.si(), c.state.h.si(), c.m}; }
} // namespace

TEST_CASE("case d with the UA form: the UA implied by the effectiveness solve gives the same cycle",
          "[cycles][network][validation]") {
    auto e = slhx_loop(InternalHeatExchanger{0.6});
    const auto& E = e.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(E.report);
    REQUIRE(E.converged());
    const PropertyService& props = e.sys.properties();
    const EdgeState hot_in = edge_of(leaving(E, e.cond)), cold_in = edge_of(leaving(E, e.evap));
    // Both inlets are saturated (x = 0 and x = 1): the (p, h) inlets are taken as they are.
    CHECK(leaving(E, e.cond).state.quality == Approx(0.0).margin(1e-9));
    CHECK(leaving(E, e.evap).state.quality == Approx(1.0).margin(1e-9));
    ThermoError err;
    const double UA = InternalHeatExchanger::required_ua(props, hot_in, cold_in, d_q_ihx, err);
    REQUIRE(std::isfinite(UA));
    // The mean capacity rates over 0 .. 45 C: the vapour's is the smaller (the header's reason
    // for the vapour-side effectiveness), so Q_max is the vapour heated to the liquid inlet.
    InternalHeatExchanger::Exchange x;
    REQUIRE(InternalHeatExchanger::exchange(props, hot_in, cold_in, UA, x, err));
    const double T_hi = leaving(E, e.cond).state.T.si(), T_ci = leaving(E, e.evap).state.T.si();
    const double q_cold_max = props.tp(T_hi, cold_in.p)->h.si() - cold_in.h;
    CHECK(near(x.Q_max, q_cold_max, 1e-12));
    CHECK(near(x.C_min, q_cold_max / (T_hi - T_ci), 1e-12));
    CHECK(x.C_max > x.C_min);
    CHECK(near(x.Q, d_q_ihx, 1e-9));
    std::printf("case d as UA: UA = %.12g W/K, NTU = %.9g, Cr = %.9g, eps(Q/Q_max) = %.9g\n", UA, x.NTU,
                x.C_min / x.C_max, x.eps);

    auto u = slhx_loop(InternalHeatExchanger::ua(ThermalConductance{UA}));
    const auto& U = u.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(U.report);
    REQUIRE(U.converged());
    CHECK(near(U.cop_cooling, d_cop, 1e-6));
    CHECK(near(U.cop_cooling, E.cop_cooling, 1e-9));
    CHECK(near(U.components[u.ihx].control_value, d_q_ihx, 1e-6));
    CHECK(near(leaving(U, u.ihx, 1).state.T.si(), d_T2, 1e-6));
    CHECK(near(leaving(U, u.ihx, 0).state.T.si(), d_T5, 1e-6));
    CHECK(near(U.components[u.ihx].entropy_generation, d_sgen_ihx, 1e-5));
    CHECK(std::fabs(U.energy_balance) <= 1e-9);
    CHECK(std::fabs(U.mass_balance) <= 1e-9);

    // Larger UA, larger duty; the liquid never below the vapour inlet, the vapour never above the
    // liquid inlet, entropy generation >= 0; a huge UA tends to the pinch (Q -> Q_max).
    double last = 0.0;
    for (const double k : {0.1, 3.0, 1e4}) {
        auto n = slhx_loop(InternalHeatExchanger::ua(ThermalConductance{k * UA}));
        const auto& N = n.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
        INFO("UA x " << k << ": " << N.report);
        REQUIRE(N.converged());
        const double q = N.components[n.ihx].control_value;
        CHECK(q > last);
        if (k == 3.0) CHECK(q > d_q_ihx);
        last = q;
        CHECK(leaving(N, n.ihx, 0).state.T.si() > leaving(N, n.evap).state.T.si());
        CHECK(leaving(N, n.ihx, 1).state.T.si() < leaving(N, n.cond).state.T.si());
        CHECK(N.components[n.ihx].entropy_generation >= 0.0);
        CHECK(std::fabs(N.energy_balance) <= 1e-9);
        if (k == 1e4) {
            CHECK(leaving(N, n.ihx, 1).state.T.si() == Approx(leaving(N, n.cond).state.T.si()).margin(1e-3));
            InternalHeatExchanger::Exchange p;
            REQUIRE(InternalHeatExchanger::exchange(props, edge_of(leaving(N, n.cond)), edge_of(leaving(N, n.evap)),
                                                    k * UA, p, err));
            CHECK(near(q, p.Q_max, 1e-6));
        }
    }
}

TEST_CASE("the suction-line exchanger's UA form at its edges", "[cycles][network][validation]") {
    auto sys = std::move(*System::create("R1234yf"));
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(message_of(sys.add("ihx", InternalHeatExchanger::ua(ThermalConductance{0.0})).error()) ==
          "component 'ihx': UA = 0 W/K: expected a positive number");
    CHECK(message_of(sys.add("ihx", InternalHeatExchanger::ua(ThermalConductance{-5.0})).error()) ==
          "component 'ihx': UA = -5 W/K: expected a positive number");
    CHECK(message_of(sys.add("ihx", InternalHeatExchanger::ua(ThermalConductance{nan})).error()) ==
          "component 'ihx': UA = nan W/K: expected a positive number");
    CHECK(message_of(sys.add("ihx", InternalHeatExchanger::ua(ThermalConductance{inf})).error()) ==
          "component 'ihx': UA = inf W/K: expected a positive number");
    CHECK(message_of(sys.set_input(*sys.add("x", InternalHeatExchanger::ua(ThermalConductance{10.0})),
                                   Input::isentropic_efficiency, 0.5)) ==
          "component 'x' (component): input 9 does not apply to a suction-line heat exchanger");

    const PropertyService& props = sys.properties();
    // Two-phase inlets on both sides: liquid at 45 C bubble with x = 0.1, vapour at 0 C with x = 0.9.
    const auto sat_h = props.sat_t(318.15), sat_c = props.sat_t(273.15);
    REQUIRE(sat_h);
    REQUIRE(sat_c);
    const double ph = sat_h->p_bubble.si(), pc = sat_c->p_dew.si();
    const double hh = props.pq(ph, 0.1)->h.si(), hc = props.pq(pc, 0.9)->h.si();
    const EdgeState hot{ph, hh, 0.8}, cold{pc, hc, 0.8};
    const double Th = props.ph(ph, hh)->T.si(), Tc = props.ph(pc, hc)->T.si();
    const double q_hot = 0.8 * (hh - props.tp(Tc, ph)->h.si()), q_cold = 0.8 * (props.tp(Th, pc)->h.si() - hc);
    ThermoError err;
    double last = 0.0;
    for (const double UA : {1e-9, 1.0, 10.0, 100.0, 1e3, 1e300}) {
        InternalHeatExchanger::Exchange x;
        REQUIRE(InternalHeatExchanger::exchange(props, hot, cold, UA, x, err));
        INFO("UA = " << UA);
        CHECK(near(x.Q_max, std::min(q_hot, q_cold), 1e-12));
        CHECK(near(x.C_min, std::min(q_hot, q_cold) / (Th - Tc), 1e-12));
        CHECK(x.Q > last);
        CHECK(x.Q <= x.Q_max);
        last = x.Q;
        if (UA == 1e-9) CHECK(x.Q < 1e-6); // no exchange to speak of
        if (UA == 1e300) CHECK(x.Q == x.Q_max);
    }
    // No temperature difference, or no flow: no exchange.
    InternalHeatExchanger::Exchange x;
    REQUIRE(InternalHeatExchanger::exchange(props, hot, EdgeState{ph, hh, 0.8}, 1e3, x, err));
    CHECK(x.Q == 0.0);
    REQUIRE(InternalHeatExchanger::exchange(props, hot, EdgeState{pc, hc, 0.0}, 1e3, x, err));
    CHECK(x.Q == 0.0);
}
