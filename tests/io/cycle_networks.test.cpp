// Cycle networks in the JSON cycle format (docs/cycle-format.md, "Several loops" and the network
// kinds): the "loops" section with a refrigerant and a backend per loop and the exact messages
// for its mistakes, the cascade heat exchanger spanning two loops, the evaporator pressure
// regulator, the vapour-injection compressor and the economizer as kinds of the table, and the
// four network examples under examples/cycles/, each solved from the automatic guess with its
// balances and a COP checked against the bounds physics sets (Carnot, the single-stage cycle).
#include "support/catch.hpp"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "entropyk/io/cycle_file.hpp"

using namespace entropyk;
using nlohmann::json;

namespace {

json example(const std::string& name) {
    std::ifstream in(std::string(ENTROPYK_SOURCE_DIR "/examples/cycles/") + name, std::ios::binary);
    REQUIRE(in.good());
    return json::parse(in);
}

/// The error of reading `doc` (which must be refused).
std::string refusal(const json& doc) {
    auto r = io::read_cycle_json(doc.dump(), "t.json");
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

/// The System index of the component named `name`.
std::uint32_t index_of(const io::CycleFile& f, const std::string& name) {
    for (std::uint32_t i = 0; i < f.components.size(); ++i)
        if (f.components[i].name == name) return i;
    FAIL("no component named " << name);
    return 0;
}

const ConnectionResult& leaving(const CycleResults& R, std::uint32_t from, std::uint32_t port = 0) {
    for (const auto& c : R.connections)
        if (c.from == from && c.from_port == port) return c;
    FAIL("no connection leaves component " << from << " port " << port);
    return R.connections.front();
}

/// Reads and cold-solves an example (the automatic guess, the file's settings) and checks what
/// every solved network must satisfy: converged, first law and mass balances to 1e-9, no
/// component destroying entropy.
struct Solved {
    io::CycleFile file;
    CycleResults R;
};
Solved solve_example(const std::string& name) {
    auto read = io::read_cycle_json(example(name).dump(), name);
    INFO((read ? std::string() : read.error()));
    REQUIRE(read.has_value());
    io::CycleFile f = std::move(read).value();
    const CycleResults R = f.system.solve(f.method, f.settings, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-9);
    for (std::uint32_t i = 0; i < f.system.component_count(); ++i) {
        INFO(f.components[i].name);
        CHECK(R.components[i].entropy_generation >= -1e-6);
    }
    return {std::move(f), R};
}

double carnot_cooling(double T_cold_C, double T_hot_C) { return (T_cold_C + 273.15) / (T_hot_C - T_cold_C); }

} // namespace

TEST_CASE("a file with loops: a refrigerant and a backend per loop, the cascade exchanger spans two",
          "[io][network][loops]") {
    auto read = io::read_cycle_json(example("r744_r717_cascade.json").dump(), "cascade.json");
    INFO((read ? std::string() : read.error()));
    REQUIRE(read.has_value());
    io::CycleFile& f = read.value();
    // Seven file components; the cascade exchanger is two System components.
    REQUIRE(f.components.size() == 8);
    REQUIRE(f.system.component_count() == 8);
    CHECK(f.components[3].name == "cascade (condensing)");
    CHECK(f.components[3].type == "cascade_heat_exchanger");
    CHECK(f.components[3].role == Role::condenser);
    CHECK(f.components[4].name == "cascade (evaporating)");
    CHECK(f.components[4].role == Role::evaporator);
    for (std::uint32_t i = 0; i < f.system.component_count(); ++i)
        CHECK(f.system.component_name(i) == f.components[i].name);
    // The System's loop 0 is the first compressor's: NH3.
    CHECK(f.fluid->name() == fluids::find_fluid("R717").value()->name());
    CHECK(f.system.loop_count() == 2);
    REQUIRE(f.loops.size() == 2);
    CHECK(f.loops[0].name == "high");
    CHECK(f.loops[0].system_loop == 0);
    CHECK(f.loops[1].name == "low");
    CHECK(f.loops[1].system_loop == 1);
    CHECK(f.loops[1].fluid->name() == fluids::find_fluid("R744").value()->name());
    CHECK(f.system.loop_refrigerant(f.system.loop_of(index_of(f, "co2 evaporator"))).name() ==
          f.loops[1].fluid->name());
    CHECK(f.system.loop_refrigerant(f.system.loop_of(index_of(f, "cascade (evaporating)"))).name() == f.fluid->name());
    CHECK(f.system.loop_refrigerant(f.system.loop_of(index_of(f, "cascade (condensing)"))).name() ==
          f.loops[1].fluid->name());
    // A file without loops has none.
    auto single = io::read_cycle_json(example("r134a_textbook.json").dump(), "t.json");
    REQUIRE(single.has_value());
    CHECK(single.value().loops.empty());
}

TEST_CASE("mistakes in the loops are named with the component, the loop and the JSON path", "[io][network][loops]") {
    const json base = example("r744_r717_cascade.json");
    // Two refrigerants in one loop: the CO2 valve names the NH3 loop.
    json two = base;
    two["components"][5]["loop"] = "high";
    CHECK(refusal(two) == "t.json: /components/5/loop: 'co2 valve' is connected to 'co2 compressor' (/components/4), "
                          "which is on loop \"low\": connected components are one loop, with one refrigerant; "
                          "expected \"low\", got \"high\"");
    // A loop without a refrigerant: nothing on the CO2 side names its loop.
    json none = base;
    none["components"][4].erase("loop");
    CHECK(refusal(none) == "t.json: /components/3: the loop of 'cascade (condensing)', 'co2 compressor', 'co2 valve', "
                           "'co2 evaporator' has no refrigerant: give one of its components \"loop\", one of "
                           "\"high\", \"low\"");
    // Unknown names.
    json unknown = base;
    unknown["components"][4]["loop"] = "lo";
    CHECK(refusal(unknown) == "t.json: /components/4/loop: no loop is named \"lo\"; expected one of \"high\", \"low\"");
    json fluid = base;
    fluid["loops"][1]["refrigerant"] = "R7444";
    CHECK(refusal(fluid).rfind("t.json: /loops/1/refrigerant: ", 0) == 0);
    json port = base;
    port["connections"][5]["from"] = "cascade.hot";
    CHECK(refusal(port) == "t.json: /connections/5/from: 'cascade.hot': component 'cascade' (cascade heat exchanger) "
                           "has no outlet named 'hot' (outlets: hot_out, cold_out)");
    port["connections"][5]["from"] = "cascade.hot_in";
    CHECK(refusal(port) == "t.json: /connections/5/from: 'cascade.hot_in': component 'cascade' (cascade heat "
                           "exchanger) has an inlet named 'hot_in', not an outlet (outlets: hot_out, cold_out)");
    json bare = base;
    bare["connections"][4]["to"] = "cascade";
    CHECK(refusal(bare) == "t.json: /connections/4/to: 'cascade': component 'cascade' (cascade heat exchanger) has 2 "
                           "inlets: name the port (hot_in, cold_in)");
    // One name for two separate loops; a declared loop nobody is on; a name twice.
    json same = base;
    same["components"][4]["loop"] = "high";
    CHECK(refusal(same) == "t.json: /components/4/loop: loop \"high\" is also named by 'nh3 compressor' "
                           "(/components/0), which is not connected to 'co2 compressor': two separate loops need two "
                           "names");
    json unused = base;
    unused["loops"].push_back({{"name", "mid"}, {"refrigerant", "R290"}});
    CHECK(refusal(unused) == "t.json: /loops/2: loop \"mid\" has no component: name it in the \"loop\" of one of its "
                             "components, or remove it");
    json twice = base;
    twice["loops"][1]["name"] = "high";
    CHECK(refusal(twice) == "t.json: /loops/1/name: expected a name not used by another loop, got \"high\" (also "
                            "/loops/0)");
    json missing = base;
    missing["loops"][1].erase("refrigerant");
    CHECK(refusal(missing) == "t.json: /loops/1/refrigerant: expected a refrigerant name (e.g. \"R134a\"), got "
                              "nothing (the key is missing)");
    // The top-level refrigerant does not mix with loops; "loop" needs loops.
    json top = base;
    top["refrigerant"] = "R717";
    CHECK(refusal(top) == "t.json: /refrigerant: does not apply with a \"loops\" section: give each loop its "
                          "\"refrigerant\" and \"backend\" there");
    json textbook = example("r134a_textbook.json");
    textbook["components"][0]["loop"] = "a";
    CHECK(refusal(textbook) == "t.json: /components/0/loop: applies only with a \"loops\" section (without one, the "
                               "file's \"refrigerant\" is on every loop)");
    // The cascade exchanger names no loop (its sides are where they are connected).
    json cascade_loop = base;
    cascade_loop["components"][3]["loop"] = "low";
    CHECK(refusal(cascade_loop)
              .rfind("t.json: /components/3/loop: unknown key; expected one of: name, type, "
                     "evaporating_temperature",
                     0) == 0);
    json both = base;
    both["components"][3]["evaporating_pressure"] = 2.9;
    CHECK(refusal(both) == "t.json: /components/3: expected exactly one of \"evaporating_temperature\" (°C) and "
                           "\"evaporating_pressure\" (bar), or \"ua\" (W/K)");
    // The level is checked against the evaporating side's refrigerant (NH3 freezes at -77.65 C).
    json level = base;
    level["components"][3]["evaporating_temperature"] = -100.0;
    CHECK(refusal(level).rfind("t.json: /components/3/evaporating_temperature: expected a temperature in °C at which "
                               "R717 saturates",
                               0) == 0);
    // Both sides in one loop (one refrigerant file): the System says so.
    json one = base;
    one.erase("loops");
    one["refrigerant"] = "R134a";
    for (auto& c : one["components"]) c.erase("loop");
    one["connections"][4]["to"] = "cascade.cold_in"; // co2 compressor -> cold side
    one["connections"][2]["to"] = "cascade.hot_in";
    CHECK(refusal(one) == "t.json: /connections: cascade heat exchanger 'cascade (condensing)' / 'cascade "
                          "(evaporating)': both sides are in one loop (the condensing side belongs to the lower "
                          "loop, the evaporating side to the upper one)");
}

TEST_CASE("the network kinds read their parameters and refuse bad ones with exact messages", "[io][network]") {
    json vi = example("r32_vapour_injection_heat_pump.json");
    json v = vi;
    v["components"][0]["injection_pressure"] = 10.0;
    v["components"][0]["injection_pressure_factor"] = 1.1;
    CHECK(refusal(v) == "t.json: /components/0: give either \"injection_pressure\" or \"injection_pressure_factor\", "
                        "not both");
    v["components"][0].erase("injection_pressure");
    v["components"][0]["injection_pressure_factor"] = 10;
    CHECK(refusal(v) == "t.json: /components/0/injection_pressure_factor: expected a number in (0, 10), got 10");
    v["components"][0].erase("injection_pressure_factor");
    v["components"][0].erase("mass_flow");
    CHECK(refusal(v) == "t.json: /components/0/mass_flow: expected a positive number in kg/s, got nothing (the key is "
                        "missing)");
    json e = vi;
    e["components"][3]["effectiveness"] = 1;
    CHECK(refusal(e) == "t.json: /components/3/effectiveness: expected a number in (0, 1), got 1");
    e["components"][3]["effectiveness"] = 0.8;
    e["components"][3].erase("injection_superheat");
    CHECK(refusal(e) == "t.json: /components/3/injection_superheat: expected a number >= 0 in K, got nothing (the key "
                        "is missing)");
    // A given injection pressure is held.
    json fixed = vi;
    fixed["components"][0]["injection_pressure"] = 12.0;
    auto r = io::read_cycle_json(fixed.dump(), "vi.json");
    REQUIRE(r.has_value());
    const auto& R = r.value().system.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(leaving(R, 3, 1).state.p.si() == Approx(12e5).epsilon(1e-12)); // economizer.cold_out
}

TEST_CASE("a flash tank in a file: given, floating or at the geometric mean", "[io][network][flash]") {
    const json two_stage = example("r134a_two_stage_flash_tank.json");
    json t = two_stage;
    t["components"][5]["mode"] = "floating";
    CHECK(refusal(t) == "t.json: /components/5/pressure: does not apply to mode \"floating\"");
    t["components"][5].erase("pressure");
    // Case a's compressors leave the floating level free: refused, naming the tank.
    CHECK(refusal(t) ==
          "t.json: /components: 26 equations for 27 unknowns: the pressure of flash tank 'flash_tank' floats and "
          "nothing closes it: give both compressor stages a flow law (a displacement, a mass flow or a "
          "map) or give the tank a pressure");
    t["components"][5]["factor"] = 1.1;
    CHECK(refusal(t) == "t.json: /components/5/factor: applies to mode \"geometric_mean\" only");
    t["components"][5]["mode"] = "geometric_mean";
    t["components"][5]["factor"] = 0;
    CHECK(refusal(t) == "t.json: /components/5/factor: expected a number in (0, 10), got 0");
    t["components"][5].erase("factor");
    auto r = io::read_cycle_json(t.dump(), "gm.json");
    INFO((r ? std::string() : r.error()));
    REQUIRE(r.has_value());
    const auto& R = r.value().system.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(leaving(R, 5, 1).state.p.si() == Approx(std::sqrt(1.4e5 * 8e5)).epsilon(1e-10));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
}

TEST_CASE("an evaporator pressure regulator in a file holds the warm evaporator of two in parallel",
          "[io][network][regulator]") {
    // The parallel-evaporator system of tests/cycles/multiloop.test.cpp: the cold evaporator sets
    // the suction, the regulator holds the warm one (an air cooler fed by a superheat valve) at -2 C.
    json doc = {
        {"refrigerant", "R134a"},
        {"components",
         {{{"name", "comp"}, {"type", "isentropic_compressor"}, {"isentropic_efficiency", 0.7}, {"mass_flow", 0.1}},
          {{"name", "cond"},
           {"type", "fixed_saturation_condenser"},
           {"saturation_temperature", 40.0},
           {"subcooling", 3.0}},
          {{"name", "tee"}, {"type", "splitter"}},
          {{"name", "valve_cold"}, {"type", "isenthalpic_valve"}},
          {{"name", "evap_cold"},
           {"type", "fixed_saturation_evaporator"},
           {"saturation_temperature", -25.0},
           {"superheat", 5.0}},
          {{"name", "valve_warm"}, {"type", "expansion_valve"}, {"mode", "fixed_superheat"}, {"superheat", 5.0}},
          {{"name", "evap_warm"},
           {"type", "evaporator"},
           {"model", "epsilon_ntu"},
           {"ua", 400.0},
           {"secondary", {{"fluid", "air"}, {"inlet_temperature", 8.0}, {"mass_flow", 1.0}}}},
          {{"name", "epr"}, {"type", "evaporator_pressure_regulator"}, {"set_temperature", -2.0}},
          {{"name", "mix"}, {"type", "mixer"}}}},
        {"connections",
         {{{"from", "comp.discharge"}, {"to", "cond"}},
          {{"from", "cond"}, {"to", "tee"}},
          {{"from", "tee.outlet_a"}, {"to", "valve_cold"}},
          {{"from", "valve_cold"}, {"to", "evap_cold"}},
          {{"from", "evap_cold"}, {"to", "mix.inlet_a"}},
          {{"from", "tee.outlet_b"}, {"to", "valve_warm"}},
          {{"from", "valve_warm"}, {"to", "evap_warm"}},
          {{"from", "evap_warm"}, {"to", "epr"}},
          {{"from", "epr"}, {"to", "mix.inlet_b"}},
          {{"from", "mix"}, {"to", "comp.suction"}}}}};
    json both = doc;
    both["components"][7]["set_pressure"] = 2.7;
    CHECK(refusal(both) == "t.json: /components/7: expected exactly one of \"set_temperature\" (°C) and "
                           "\"set_pressure\" (bar)");
    json bad = doc;
    bad["components"][7]["set_temperature"] = 150.0;
    CHECK(refusal(bad).rfind("t.json: /components/7/set_temperature: expected a temperature in °C at which R134a "
                             "saturates",
                             0) == 0);
    auto r = io::read_cycle_json(doc.dump(), "epr.json");
    INFO((r ? std::string() : r.error()));
    REQUIRE(r.has_value());
    CHECK(r.value().components[7].role == Role::expansion_valve);
    auto& sys = r.value().system;
    const auto& R = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const double p_warm = sys.properties().sat_t(from_celsius(-2.0).si())->p_dew.si();
    const double p_cold = sys.properties().sat_t(from_celsius(-25.0).si())->p_dew.si();
    CHECK(leaving(R, 6).state.p.si() == Approx(p_warm).epsilon(1e-9));
    CHECK(leaving(R, 7).state.p.si() == Approx(p_cold).epsilon(1e-9));
    CHECK(leaving(R, 7).state.h.si() == Approx(leaving(R, 6).state.h.si()).epsilon(1e-12));
    CHECK(leaving(R, 6).state.T.si() - from_celsius(-2.0).si() == Approx(5.0).epsilon(1e-6)); // the valve's superheat
    CHECK(R.components[7].entropy_generation > 0.0);
    CHECK(R.cooling_capacity == Approx(R.components[4].heat_rate + R.components[6].heat_rate).epsilon(1e-12));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
}

TEST_CASE("example: the R744 booster rack solves from the automatic guess", "[io][network][examples]") {
    const auto s = solve_example("r744_booster_rack.json");
    const auto& f = s.file;
    const auto& R = s.R;
    const auto tank = index_of(f, "flash tank"), lt_evap = index_of(f, "lt evaporator"),
               mt_evap = index_of(f, "mt evaporator"), lt_comp = index_of(f, "lt compressor"),
               mt_comp = index_of(f, "mt compressor"), split = index_of(f, "liquid split");
    // The flash tank splits the 0.15 kg/s at 35 bar; the booster draws 0.03 kg/s of its liquid,
    // the MT cases the rest; the bypass vapour rejoins the MT suction.
    const auto& vapour = leaving(R, tank, 1);
    const auto& liquid = leaving(R, tank, 0);
    CHECK(vapour.state.p.si() == Approx(35e5).epsilon(1e-12));
    CHECK(liquid.state.T.si() == Approx(vapour.state.T.si()).epsilon(1e-9)); // both saturated
    CHECK(liquid.state.h.si() < vapour.state.h.si());
    CHECK(vapour.m + liquid.m == Approx(0.15).epsilon(1e-9));
    CHECK(leaving(R, split, 1).m == Approx(0.03).epsilon(1e-9));
    CHECK(leaving(R, split, 0).m == Approx(liquid.m - 0.03).epsilon(1e-9));
    CHECK(leaving(R, mt_comp).state.p.si() == Approx(90e5).epsilon(1e-9));
    CHECK(leaving(R, lt_comp).state.p.si() == Approx(leaving(R, mt_evap).state.p.si()).epsilon(1e-9));
    // Both evaporators count in the capacity; the COP lies below the Carnot COP between the MT
    // level and the 35 C gas-cooler outlet and above 1 (a warm-day booster rack: 1.5 to 2.5).
    CHECK(R.cooling_capacity ==
          Approx(R.components[lt_evap].heat_rate + R.components[mt_evap].heat_rate).epsilon(1e-12));
    CHECK(R.compressor_power == Approx(R.components[lt_comp].power + R.components[mt_comp].power).epsilon(1e-12));
    CHECK(R.cop_cooling > 1.0);
    CHECK(R.cop_cooling < carnot_cooling(-8.0, 35.0));
    std::printf("R744 booster rack: Q_LT %.1f W, Q_MT %.1f W, W %.1f W, COP %.4f, bypass %.5f kg/s\n",
                R.components[lt_evap].heat_rate, R.components[mt_evap].heat_rate, R.compressor_power, R.cop_cooling,
                vapour.m);
}

TEST_CASE("example: the R744 booster rack at its COP-optimal high-side pressure", "[io][network][examples]") {
    // The valve searches dCOP/dp_high = 0 on the system COP (both evaporators over both
    // compressors) from the automatic guess; the optimum beats the rack held 0.5 bar either side.
    const auto s = solve_example("r744_booster_rack_optimal.json");
    const auto& R = s.R;
    const auto hp = index_of(s.file, "hp valve");
    const double p_opt = R.connections[1].state.p.si(); // gas cooler -> hp valve
    CHECK(R.components[hp].control_value == Approx(p_opt).epsilon(1e-12));
    CHECK(p_opt > 85e5);
    CHECK(p_opt < 95e5);
    for (const double dp : {-0.5e5, 0.5e5}) {
        json fixed = example("r744_booster_rack.json");
        fixed["components"][2]["pressure"] = (p_opt + dp) / 1e5;
        auto r = io::read_cycle_json(fixed.dump(), "fixed.json");
        REQUIRE(r.has_value());
        const auto& F = r.value().system.solve(SolverMethod::fallback, {}, StartMode::cold);
        INFO(F.report);
        REQUIRE(F.converged());
        CHECK(std::fabs(F.energy_balance) <= 1e-9);
        CHECK(R.cop_cooling >= F.cop_cooling);
    }
    std::printf("R744 booster rack, COP-optimal: p_high %.4f bar, COP %.6f\n", p_opt / 1e5, R.cop_cooling);
}

TEST_CASE("example: the R32 vapour-injection heat pump solves from the automatic guess", "[io][network][examples]") {
    const auto s = solve_example("r32_vapour_injection_heat_pump.json");
    const auto& R = s.R;
    const auto comp = index_of(s.file, "compressor"), eco = index_of(s.file, "economizer");
    const auto& injection = leaving(R, eco, 1);
    const double ratio = injection.m / 0.05;
    CHECK(ratio > 0.05);
    CHECK(ratio < 0.5);
    CHECK(leaving(R, comp).m == Approx(0.05 + injection.m).epsilon(1e-9));
    // A heat pump between -15 and 45 C: COP_h between 1 and Carnot's 5.3.
    CHECK(R.cop_heating > 2.0);
    CHECK(R.cop_heating < (45.0 + 273.15) / 60.0);
    CHECK(R.cop_heating == Approx(R.heating_capacity / R.compressor_power).epsilon(1e-12));
    std::printf("R32 vapour injection: Q_h %.1f W, W %.1f W, COP_h %.4f, injection ratio %.4f\n", R.heating_capacity,
                R.compressor_power, R.cop_heating, ratio);
}

TEST_CASE("example: the R717 two-stage plant with an open intercooler solves from the automatic guess",
          "[io][network][examples]") {
    const auto s = solve_example("r717_two_stage_intercooler.json");
    const auto& R = s.R;
    const auto hp = index_of(s.file, "hp compressor"), lp = index_of(s.file, "lp compressor"),
               ic = index_of(s.file, "intercooler");
    // The high stage draws saturated vapour at the intercooler pressure; the low stage's flow is
    // what the intercooler's balance leaves, less than the high stage's (the flashed and the
    // desuperheating vapour go up too).
    const auto& hp_suction = leaving(R, ic, 1);
    CHECK(hp_suction.state.T.si() == Approx(leaving(R, ic, 0).state.T.si()).epsilon(1e-9));
    CHECK(hp_suction.state.p.si() == Approx(3.5e5).epsilon(1e-12));
    CHECK(hp_suction.m == Approx(0.1).epsilon(1e-9));
    const double m_lp = leaving(R, lp).m;
    CHECK(m_lp > 0.5 * 0.1);
    CHECK(m_lp < 0.1);
    // Intercooling: the high-stage discharge is far cooler than single-stage compression
    // from -35 C to 35 C would leave it (about 200 C for NH3).
    CHECK(leaving(R, hp).state.T.si() < from_celsius(130.0).si());
    CHECK(R.cop_cooling > 1.5);
    CHECK(R.cop_cooling < carnot_cooling(-35.0, 35.0));
    std::printf("R717 two-stage: Q_L %.1f W, W %.1f W, COP %.4f, m_LP %.5f kg/s, HP discharge %.2f C\n",
                R.cooling_capacity, R.compressor_power, R.cop_cooling, m_lp, to_celsius(leaving(R, hp).state.T));
}

TEST_CASE("example: the R744/R717 cascade solves from the automatic guess", "[io][network][examples][loops]") {
    const auto s = solve_example("r744_r717_cascade.json");
    const auto& R = s.R;
    const auto& f = s.file;
    const auto hot = index_of(f, "cascade (condensing)"), cold = index_of(f, "cascade (evaporating)");
    // The CO2 condenses 5 K above the NH3 evaporating at -10 C; the exchanger is adiabatic.
    CHECK(leaving(R, cold).state.T.si() == Approx(263.15).epsilon(1e-9));
    CHECK(leaving(R, hot).state.T.si() == Approx(268.15).epsilon(1e-9));
    CHECK(std::fabs(R.components[hot].heat_rate + R.components[cold].heat_rate) <= 1e-9 * R.components[cold].heat_rate);
    CHECK(R.cooling_capacity == Approx(R.components[index_of(f, "co2 evaporator")].heat_rate).epsilon(1e-12));
    CHECK(R.cop_cooling > 1.0);
    CHECK(R.cop_cooling < carnot_cooling(-45.0, 35.0));
    std::printf("R744/R717 cascade: Q_L %.1f W, W %.1f W, COP %.4f, m_CO2 %.5f kg/s\n", R.cooling_capacity,
                R.compressor_power, R.cop_cooling, leaving(R, index_of(f, "co2 compressor")).m);
}

TEST_CASE("the cascade exchanger's UA form in a file reproduces the approach form",
          "[io][network][loops][cascade_ua]") {
    // The example solved with its 5 K approach; the conductance its states require by the zone
    // model; the same file with "ua" in place of the level and the approach, and the CO2
    // compressor at the solved flow: the same plant.
    const auto a = solve_example("r744_r717_cascade.json");
    const auto& f = a.file;
    const auto hot = index_of(f, "cascade (condensing)"), cold = index_of(f, "cascade (evaporating)");
    const auto co2 = index_of(f, "co2 compressor"), nh3_valve = index_of(f, "nh3 valve");
    auto edge = [&](std::uint32_t from) {
        const auto& k = leaving(a.R, from);
        return EdgeState{k.state.p.si(), k.state.h.si(), k.m};
    };
    const auto z = CascadeHeatExchanger::required_ua(f.system.loop_properties(f.system.loop_of(hot)), edge(co2),
                                                     edge(hot), f.system.loop_properties(f.system.loop_of(cold)),
                                                     edge(nh3_valve), edge(cold));
    REQUIRE(z.has_value());
    CHECK(z->pinch == Approx(5.0).epsilon(1e-9));
    json doc = example("r744_r717_cascade.json");
    json& hx = doc["components"][3];
    REQUIRE(hx["type"] == "cascade_heat_exchanger");
    hx.erase("evaporating_temperature");
    hx.erase("approach");
    hx["ua"] = z->ua;
    doc["components"][4]["mass_flow"] = leaving(a.R, co2).m;
    auto read = io::read_cycle_json(doc.dump(), "ua.json");
    INFO((read ? std::string() : read.error()));
    REQUIRE(read.has_value());
    io::CycleFile& g = read.value();
    const CycleResults& R = g.system.solve(g.method, g.settings, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    for (std::uint32_t i = 0; i < g.system.component_count(); ++i) {
        INFO(g.components[i].name);
        CHECK(leaving(R, i).state.p.si() == Approx(leaving(a.R, i).state.p.si()).epsilon(1e-6));
        CHECK(leaving(R, i).state.h.si() == Approx(leaving(a.R, i).state.h.si()).epsilon(1e-6));
        CHECK(leaving(R, i).m == Approx(leaving(a.R, i).m).epsilon(1e-6));
        CHECK(R.components[i].entropy_generation >= -1e-6);
    }
    CHECK(R.cop_cooling == Approx(a.R.cop_cooling).epsilon(1e-6));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-9);
    // The keys of the two forms do not mix.
    json both = doc;
    both["components"][3]["approach"] = 5.0;
    CHECK(refusal(both) == "t.json: /components/3/approach: does not apply to a cascade heat exchanger with a given "
                           "\"ua\" (both levels float; \"start_evaporating_temperature\" and \"start_approach\" seed "
                           "the initial guess)");
    json start = example("r744_r717_cascade.json");
    start["components"][3]["start_approach"] = 3.0;
    CHECK(refusal(start) == "t.json: /components/3/start_approach: applies only to the UA form (with \"ua\")");
    json zero = doc;
    zero["components"][3]["ua"] = 0.0;
    CHECK(refusal(zero).rfind("t.json: /components/3/ua: expected ", 0) == 0);
    json hot_start = doc;
    hot_start["components"][3]["start_evaporating_temperature"] = 200.0; // above NH3's critical point
    CHECK(refusal(hot_start).rfind("t.json: /components/3/start_evaporating_temperature: ", 0) == 0);
}

TEST_CASE("example: the R744/R717 cascade sized by UA solves from the automatic guess",
          "[io][network][examples][loops][cascade_ua]") {
    const auto s = solve_example("r744_r717_cascade_ua.json");
    const auto& R = s.R;
    const auto& f = s.file;
    const auto hot = index_of(f, "cascade (condensing)"), cold = index_of(f, "cascade (evaporating)");
    auto edge = [&](std::uint32_t from) {
        const auto& k = leaving(R, from);
        return EdgeState{k.state.p.si(), k.state.h.si(), k.m};
    };
    const auto z = CascadeHeatExchanger::required_ua(
        f.system.loop_properties(f.system.loop_of(hot)), edge(index_of(f, "co2 compressor")), edge(hot),
        f.system.loop_properties(f.system.loop_of(cold)), edge(index_of(f, "nh3 valve")), edge(cold));
    REQUIRE(z.has_value());
    CHECK(z->ua == Approx(f.components[hot].type == "cascade_heat_exchanger" ? 25000.0 : 0.0).epsilon(1e-6));
    CHECK(z->pinch > 0.0);
    CHECK(std::fabs(R.components[hot].heat_rate + R.components[cold].heat_rate) <= 1e-9 * R.components[cold].heat_rate);
    CHECK(R.cop_cooling > 1.0);
    CHECK(R.cop_cooling < carnot_cooling(-45.0, 35.0));
    std::printf("R744/R717 cascade, UA 25 kW/K: NH3 at %.3f C, CO2 at %.3f C, pinch %.3f K, Q_L %.1f W, COP %.4f\n",
                to_celsius(leaving(R, cold).state.T), to_celsius(leaving(R, hot).state.T), z->pinch, R.cooling_capacity,
                R.cop_cooling);
}

TEST_CASE("the vapour-injection compressor's displacement and map forms and the suction-line exchanger's UA form "
          "in a file",
          "[io][network]") {
    // The map form: the map of tests/cycles/vapour_injection.test.cpp (hand values 0.047 kg/s and
    // 6255 W at -15 / 45 C dew points), read with the map_compressor keys.
    json vi = example("r32_vapour_injection_heat_pump.json");
    json m = vi;
    m["components"][0] = json::parse(R"({"name": "compressor", "type": "vapour_injection_compressor", "speed": 50,
        "maps": [{"units": "si_kg_per_s", "rated_superheat": 5, "frequency": 50,
                  "mass_flow": [0.08, 0.0016, -0.0002, 0, 0, 0, 0, 0, 0, 0],
                  "power": [3000, -40, 50, 0, 0, 0.2, 0, 0, 0, 0]}]})");
    auto r = io::read_cycle_json(m.dump(), "vi.json");
    INFO((r ? std::string() : r.error()));
    REQUIRE(r.has_value());
    const auto& R = r.value().system.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(leaving(R, 5).m == Approx(0.047).epsilon(1e-9)); // evaporator -> suction
    CHECK(R.components[0].electrical_power == Approx(6255.0).epsilon(1e-9));
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    m["components"][0]["isentropic_efficiency"] = 0.7;
    CHECK(refusal(m) == "t.json: /components/0/isentropic_efficiency: \"isentropic_efficiency\" does not apply to the "
                        "map form (\"maps\"): the map gives flow and power");
    // The displacement form: the suction flow is the solved suction density x V N eta_vol.
    json d = vi;
    d["components"][0] = json::parse(R"({"name": "compressor", "type": "vapour_injection_compressor",
        "isentropic_efficiency": 0.7, "displacement": 20, "speed": 50, "volumetric_efficiency": 0.9})");
    auto rd = io::read_cycle_json(d.dump(), "vi.json");
    INFO((rd ? std::string() : rd.error()));
    REQUIRE(rd.has_value());
    const auto& D = rd.value().system.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(D.report);
    REQUIRE(D.converged());
    const auto& suction = leaving(D, 5);
    CHECK(suction.m == Approx(suction.state.rho.si() * 20e-6 * 50.0 * 0.9).epsilon(1e-9));
    d["components"][0]["mass_flow"] = 0.05;
    CHECK(refusal(d) == "t.json: /components/0: give either \"mass_flow\" or \"displacement\", \"speed\" and "
                        "\"volumetric_efficiency\", not both");

    // Case d's suction-line exchanger by UA (the conductance its effectiveness solve implies).
    const json slhx = json::parse(R"({"refrigerant": "R1234yf", "backend": "eos",
      "components": [
        {"name": "evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": 0, "superheat": 0},
        {"name": "ihx", "type": "internal_heat_exchanger", "ua": 1129.42605965},
        {"name": "compressor", "type": "isentropic_compressor", "isentropic_efficiency": 0.7, "mass_flow": 1},
        {"name": "condenser", "type": "fixed_saturation_condenser", "saturation_temperature": 45, "subcooling": 0},
        {"name": "valve", "type": "isenthalpic_valve"}],
      "connections": [
        {"from": "evaporator", "to": "ihx.cold_in"}, {"from": "ihx.cold_out", "to": "compressor"},
        {"from": "compressor", "to": "condenser"}, {"from": "condenser", "to": "ihx.hot_in"},
        {"from": "ihx.hot_out", "to": "valve"}, {"from": "valve", "to": "evaporator"}]})");
    auto rs = io::read_cycle_json(slhx.dump(), "slhx.json");
    INFO((rs ? std::string() : rs.error()));
    REQUIRE(rs.has_value());
    const auto& S = rs.value().system.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(S.report);
    REQUIRE(S.converged());
    CHECK(S.cop_cooling == Approx(3.32165222035).epsilon(1e-6));
    json bad = slhx;
    bad["components"][1]["effectiveness"] = 0.6;
    CHECK(refusal(bad) == "t.json: /components/1: give either \"effectiveness\" or \"ua\", not both");
    bad["components"][1].erase("effectiveness");
    bad["components"][1]["ua"] = 0;
    CHECK(refusal(bad) == "t.json: /components/1/ua: expected a positive number in W/K, got 0");
}
