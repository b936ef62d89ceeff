// Issue 14: off-design solves that converge wherever a steady state exists, cold or warm. The
// R410A heat pump at seeded random points over its envelope (tests/cycles/envelope.hpp).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cycles/envelope.hpp"
#include "support/catch.hpp"

using namespace envelope;

namespace {

struct Tally {
    int n = 0, converged = 0, no_reason = 0, no_steady_state = 0;
};

int env_int(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v ? std::atoi(v) : fallback;
}

Tally cold_sweep(Backend backend, int n, std::uint64_t seed, bool verbose) {
    Sampler s(seed);
    Tally t;
    for (int i = 0; i < n; ++i) {
        const Point p = s.next();
        auto hp = build(p, backend);
        REQUIRE(hp.has_value());
        const auto& r = hp->sys.solve(SolverMethod::fallback, {}, StartMode::cold);
        ++t.n;
        if (r.converged()) {
            ++t.converged;
            continue;
        }
        if (std::strlen(r.report) == 0) ++t.no_reason;
        if (std::strncmp(r.report, "no steady state", 15) == 0) ++t.no_steady_state;
        if (verbose) {
            const char* nl = std::strchr(r.report, '\n');
            std::printf("FAIL %4d cond %5.1f evap %5.1f f %4.1f UAc %6.0f UAe %6.0f mc %.2f me %.2f sc %4.1f sh %4.1f: "
                        "%.*s\n",
                        i, p.T_cond_air, p.T_evap_air, p.speed, p.ua_cond, p.ua_evap, p.m_cond_air, p.m_evap_air,
                        p.subcooling, p.superheat, nl ? static_cast<int>(nl - r.report) : 200, r.report);
        }
    }
    return t;
}

} // namespace

TEST_CASE("envelope exploration (set ENVELOPE_N, ENVELOPE_EOS)", "[.explore]") {
    const int n = env_int("ENVELOPE_N", 200);
    const Backend b = env_int("ENVELOPE_EOS", 0) ? Backend::eos : Backend::tables;
    const Tally t = cold_sweep(b, n, static_cast<std::uint64_t>(env_int("ENVELOPE_SEED", 14)), true);
    std::printf("cold: %d / %d converged (%.2f %%)\n", t.converged, t.n, 100.0 * t.converged / t.n);
}

// Measured on this seed (tables): 999 of 1000 converge cold (99.9 %; 992 before the start and the
// no-steady-state test used the EOS's extrapolated range up to T_max_extrapolated, 998 before the
// heat-direction check allowed for R410A's pseudo-pure glide). The other is a high-lift point
// (condenser air 49.8 C, evaporator air -13.4 C) where the map asks for a discharge beyond even
// that range, and it says so. The assertions: the 99.5 % target, and every failure states its
// physical reason ("no steady state ...").
TEST_CASE("cold solves over the off-design envelope, tables", "[cycles][envelope]") {
    const Tally t = cold_sweep(Backend::tables, 1000, 14, false);
    std::printf("envelope, tables, cold: %d / %d converged (%.2f %%), %d failures say 'no steady state'\n", t.converged,
                t.n, 100.0 * t.converged / t.n, t.no_steady_state);
    CHECK(t.converged >= 995);
    CHECK(t.no_reason == 0);
    CHECK(t.no_steady_state == t.n - t.converged);
}

TEST_CASE("cold solves over the off-design envelope, EOS", "[cycles][envelope]") {
    const Tally t = cold_sweep(Backend::eos, 200, 14, false);
    std::printf("envelope, EOS, cold: %d / %d converged (%.2f %%), %d failures say 'no steady state'\n", t.converged,
                t.n, 100.0 * t.converged / t.n, t.no_steady_state);
    CHECK(t.converged >= 199); // 200 of 200 measured
    CHECK(t.no_reason == 0);
}

TEST_CASE("a failed solve never becomes the next warm start", "[cycles][envelope]") {
    Point p;
    auto hp = build(p, Backend::tables);
    REQUIRE(hp.has_value());
    const CycleResults& r0 = hp->sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(r0.converged());
    const double p_dis = r0.connections[0].state.p.si();
    // Evaporator air at the fluid's lowest temperature (R410A: 200 K): no steady state.
    REQUIRE(hp->sys.set_input(hp->evap, Input::secondary_inlet_temperature, from_celsius(-72.5).si()));
    const CycleResults& bad = hp->sys.solve(SolverMethod::fallback);
    INFO(bad.report);
    CHECK_FALSE(bad.converged());
    CHECK(std::strncmp(bad.report, "no steady state", 15) == 0);
    // Back at the converged point: the warm start is still its solution.
    REQUIRE(hp->sys.set_input(hp->evap, Input::secondary_inlet_temperature, from_celsius(p.T_evap_air).si()));
    const CycleResults& back = hp->sys.solve(SolverMethod::newton);
    INFO(back.report);
    REQUIRE(back.converged());
    CHECK(back.iterations <= 1);
    CHECK(back.connections[0].state.p.si() == Approx(p_dis).epsilon(1e-9));
}

TEST_CASE("warm HIL steps over the envelope (random walk), tables", "[cycles][envelope]") {
    Sampler s(2026);
    Point p;
    auto hp = build(p, Backend::tables);
    REQUIRE(hp.has_value());
    REQUIRE(hp->sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    Point last_ok = p;
    int steps = 0, ok = 0, returns = 0, returns_ok = 0;
    for (int i = 0; i < 400; ++i) {
        // Every 10th step jumps anywhere in the envelope; the others move a few percent.
        Point q = s.next();
        if (i % 10 != 0) {
            auto mix = [&](double a, double b) { return a + 0.05 * (b - a); };
            q.T_cond_air = mix(p.T_cond_air, q.T_cond_air);
            q.T_evap_air = mix(p.T_evap_air, q.T_evap_air);
            q.speed = mix(p.speed, q.speed);
            q.m_cond_air = mix(p.m_cond_air, q.m_cond_air);
            q.m_evap_air = mix(p.m_evap_air, q.m_evap_air);
            q.subcooling = mix(p.subcooling, q.subcooling);
            q.superheat = mix(p.superheat, q.superheat);
        }
        REQUIRE(move_to(*hp, q));
        const CycleResults& r = hp->sys.solve(SolverMethod::newton);
        ++steps;
        if (r.converged()) {
            ++ok;
            last_ok = q;
        } else {
            CHECK(std::strlen(r.report) > 0);
            // Returning to the point that converged last must converge.
            REQUIRE(move_to(*hp, last_ok));
            ++returns;
            returns_ok += hp->sys.solve(SolverMethod::newton).converged();
            q = last_ok;
        }
        p = q;
    }
    std::printf("envelope, tables, warm random walk: %d / %d steps converged (%.2f %%), %d / %d returns converged\n",
                ok, steps, 100.0 * ok / steps, returns_ok, returns);
    CHECK(returns_ok == returns);
    CHECK(ok >= steps * 98 / 100);
}

TEST_CASE("a large HIL jump solves warm: 15 -> 60 Hz with condenser air 35 -> 50 C", "[cycles][envelope]") {
    Point p;
    p.speed = 15.0;
    auto hp = build(p, Backend::eos);
    REQUIRE(hp.has_value());
    const CycleResults& r0 = hp->sys.solve(SolverMethod::newton, {}, StartMode::cold);
    INFO(r0.report);
    REQUIRE(r0.converged());
    p.speed = 60.0;
    p.T_cond_air = 50.0;
    REQUIRE(move_to(*hp, p));
    const CycleResults& r = hp->sys.solve(SolverMethod::newton);
    INFO(r.report);
    CHECK(r.converged());
}

TEST_CASE("a cap on residual evaluations bounds a cycle solve, all attempts together", "[cycles][envelope]") {
    // A high-lift point of the envelope (its discharge lies in the EOS's extrapolated range, so it
    // converges in about 7 evaluations without a cap): a cap of 4 must stop the cold strategy,
    // whichever attempt is running, within the cap plus one start evaluation.
    Point p;
    p.T_cond_air = 46.0, p.T_evap_air = -12.3, p.speed = 79.9, p.ua_cond = 3526, p.ua_evap = 1006;
    p.m_cond_air = 0.83, p.m_evap_air = 0.75, p.subcooling = 9.7, p.superheat = 9.6;
    auto hp = build(p, Backend::tables);
    REQUIRE(hp.has_value());
    SolveSettings s;
    s.max_residual_evaluations = 4;
    const CycleResults& r = hp->sys.solve(SolverMethod::fallback, s, StartMode::cold);
    INFO(r.report);
    CHECK(r.status == SolveStatus::timed_out);
    const char* ev = std::strstr(r.report, "residual evaluations: ");
    REQUIRE(ev != nullptr);
    CHECK(std::atoi(ev + 22) <= 4 + 3); // each attempt may evaluate its start once more
}

// Point 729 of the cold sweep: a small, warm evaporator (air 34.5 C at 0.30 kg/s) cools its air to
// within 0.01 K of the refrigerant inlet. The exchanger model lumps the two-phase zone at the mean
// of R410A's bubble and dew temperatures, so the air may leave up to half the glide (~0.05 K)
// below the real two-phase inlet: the admissibility check allows the glide there and accepts this
// solution (it was refused as "heat from cold to hot" before), while for a pure fluid the glide is 0.
TEST_CASE("an evaporator outlet within R410A's glide of the refrigerant inlet is admissible", "[cycles][envelope]") {
    Point p;
    p.T_cond_air = 49.17;
    p.T_evap_air = 34.47;
    p.speed = 71.6;
    p.ua_cond = 1267.0;
    p.ua_evap = 2582.0;
    p.m_cond_air = 2.296;
    p.m_evap_air = 0.302;
    p.subcooling = 1.31;
    p.superheat = 5.06;
    auto hp = build(p, Backend::tables);
    REQUIRE(hp.has_value());
    const CycleResults& r = hp->sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(r.report);
    REQUIRE(r.converged());
    const ComponentReport& evap = r.components[hp->evap];
    const double T_in = r.connections[2].state.T.si(); // valve -> evaporator
    // The air leaves just below the refrigerant inlet temperature, but within the glide.
    auto sat = fluids::tables_for(*fluids::find_fluid("R410A").value()).saturation_p(r.connections[2].state.p);
    REQUIRE(sat.has_value());
    const double glide = sat->T_dew.si() - sat->T_bubble.si();
    CHECK(glide > 0.05);
    CHECK(evap.secondary_outlet_T > T_in - glide);
    CHECK(evap.secondary_outlet_T < 0.5 * (sat->T_dew.si() + sat->T_bubble.si()));
}

// ---------------------------------------------------------------------------------------------
// Issue 15 networks over their envelope (tests/cycles/network_envelope.hpp): every converged
// answer passes an admissibility check independent of the engine's, every other answer is a
// clear error (a status and a cause in the report), never a crash.

#include "cycles/network_envelope.hpp"

namespace {

struct NetworkTally {
    int n = 0, ok = 0, refused = 0, errors = 0, inadmissible = 0, unclear = 0;
    std::vector<std::pair<std::string, int>> causes; // error causes, numbers masked
    void count(const std::string& c) {
        for (auto& [k, v] : causes)
            if (k == c) {
                ++v;
                return;
            }
        causes.emplace_back(c, 1);
    }
};

/// Solves `n` random points of plant `k` cold, tallying the answers; prints every inadmissible
/// OK (and with `verbose` every error cause).
NetworkTally network_sweep(int k, int n, std::uint64_t seed) {
    network_envelope::Sampler s(seed + static_cast<std::uint64_t>(k));
    NetworkTally t;
    for (int i = 0; i < n; ++i) {
        const std::string text = network_envelope::draw(k, s);
        ++t.n;
        auto file = io::read_cycle_json(text, "sweep");
        if (!file) {
            ++t.refused;
            t.count("refused: " + network_envelope::cause(file.error().c_str()));
            continue;
        }
        auto& f = file.value();
        const CycleResults& r = f.system.solve(SolverMethod::fallback, f.settings, StartMode::cold);
        if (r.converged()) {
            ++t.ok;
            const std::string bad = network_envelope::inadmissible(f, r);
            if (!bad.empty()) {
                ++t.inadmissible;
                std::printf("INADMISSIBLE OK, plant %d point %d: %s\n%s\n", k, i, bad.c_str(), text.c_str());
            }
            continue;
        }
        ++t.errors;
        if (std::strlen(r.report) < 20 || r.status == SolveStatus::converged) ++t.unclear;
        t.count(std::string(to_string(r.status)) + ": " + network_envelope::cause(r.report));
        if (env_int("NETWORK_VERBOSE", 0))
            std::printf("ERROR plant %d point %d:\n%s\n%s\n", k, i, text.c_str(), r.report);
    }
    return t;
}

void print(int k, const NetworkTally& t, bool causes) {
    std::printf("network envelope, %s: %d points, %d OK, %d refused by the reader, %d errors, %d inadmissible OK, "
                "%d unclear\n",
                network_envelope::plant_names[k], t.n, t.ok, t.refused, t.errors, t.inadmissible, t.unclear);
    if (causes)
        for (const auto& [c, v] : t.causes) std::printf("  %5d  %s\n", v, c.c_str());
}

} // namespace

TEST_CASE("network envelope exploration (set NETWORK_N, NETWORK_SEED, NETWORK_PLANT)", "[.explore]") {
    const int n = env_int("NETWORK_N", 500), only = env_int("NETWORK_PLANT", -1);
    for (int k = 0; k < network_envelope::plant_count; ++k) {
        if (only >= 0 && k != only) continue;
        const NetworkTally t = network_sweep(k, n, static_cast<std::uint64_t>(env_int("NETWORK_SEED", 15)));
        print(k, t, true);
    }
}

// Measured with the exploration above (NETWORK_N=500, seed 15, EOS; 3000 points): OK / errors
// per plant: flash tank 430 / 70, booster 163 / 337, VI 423 / 77, intercooler 490 / 10, cascade
// 497 / 3, EPR + IHX 75 / 425; no inadmissible OK, every error with a status and a report (the
// ranges reach far beyond the realistic ones, hence the many errors). Before the fixes of this
// change 31 flash-tank outlets were labelled superheated/subcooled and 15 VI answers injected
// below the suction. The fixed-seed share of it: 30 points per plant in the ci build.
TEST_CASE("network plants over their envelope: OK answers are admissible, the others clear errors",
          "[cycles][envelope][network]") {
#ifdef NDEBUG
    const int n = 30;
#else
    const int n = 3;
#endif
    int ok = 0, total = 0;
    for (int k = 0; k < network_envelope::plant_count; ++k) {
        const NetworkTally t = network_sweep(k, n, 15);
        print(k, t, false);
        INFO(network_envelope::plant_names[k]);
        CHECK(t.inadmissible == 0);
        CHECK(t.unclear == 0);
        CHECK(t.refused == 0);
        ok += t.ok, total += t.n;
    }
    CHECK(ok > total / 2);
}

namespace {

io::CycleFile read_ok(const std::string& text) {
    auto f = io::read_cycle_json(text, "test");
    INFO((f ? std::string() : f.error()));
    REQUIRE(f.has_value());
    return std::move(f).value();
}

// The R717 two-stage plant at a point of the sweep where the intercooler's vapour outlet came out
// labelled "superheated vapour" (its enthalpy a few 1e-11 above the dew line).
const char* const r717_intercooler = R"({"refrigerant": "R717", "components": [
 {"name": "hp compressor", "type": "isentropic_compressor", "isentropic_efficiency": 0.88660426521436464, "mass_flow": 0.30459290919587345},
 {"name": "condenser", "type": "fixed_saturation_condenser", "saturation_temperature": 31.292238616879295, "subcooling": 0.012465285904422752},
 {"name": "hp valve", "type": "isenthalpic_valve"},
 {"name": "intercooler inlet", "type": "mixer"},
 {"name": "intercooler", "type": "flash_tank", "pressure": 7.9686993671317534},
 {"name": "lp valve", "type": "isenthalpic_valve"},
 {"name": "evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": -11.383952381703118, "superheat": 0},
 {"name": "lp compressor", "type": "isentropic_compressor", "isentropic_efficiency": 0.36848042664163194}],
 "connections": [{"from": "hp compressor", "to": "condenser"}, {"from": "condenser", "to": "hp valve"},
 {"from": "hp valve", "to": "intercooler inlet.inlet_a"}, {"from": "lp compressor", "to": "intercooler inlet.inlet_b"},
 {"from": "intercooler inlet", "to": "intercooler"}, {"from": "intercooler.vapour_out", "to": "hp compressor"},
 {"from": "intercooler.liquid_out", "to": "lp valve"}, {"from": "lp valve", "to": "evaporator"},
 {"from": "evaporator", "to": "lp compressor"}]})";

} // namespace

TEST_CASE("a flash tank's outlets are labelled saturated liquid and saturated vapour", "[cycles][network]") {
    for (Backend b : {Backend::eos, Backend::tables}) {
        std::string text = r717_intercooler;
        if (b == Backend::tables) text.insert(1, R"("backend": "tables", )");
        auto f = read_ok(text);
        const CycleResults& r = f.system.solve(SolverMethod::fallback, f.settings, StartMode::cold);
        INFO(r.report);
        REQUIRE(r.converged());
        int seen = 0;
        for (const auto& c : r.connections) {
            if (f.components[c.from].type != "flash_tank") continue;
            ++seen;
            CHECK(fluids::phase_name(c.state) == (c.from_port == 0 ? "saturated liquid" : "saturated vapour"));
            CHECK(c.state.quality == (c.from_port == 0 ? 0.0 : 1.0));
        }
        CHECK(seen == 2);
        CHECK(network_envelope::inadmissible(f, r).empty());
    }
    // At the fluid: an enthalpy within 1e-9 of the latent heat outside the dome is the saturated
    // state; one beyond it is single phase.
    const auto& nh3 = *fluids::find_fluid("R717").value();
    for (Backend b : {Backend::eos, Backend::tables}) {
        const auto sat =
            (b == Backend::eos ? nh3.saturation_p(Pressure{8e5}) : fluids::tables_for(nh3).saturation_p(Pressure{8e5}))
                .value();
        const double lat = sat.h_vapor.si() - sat.h_liquid.si();
        const PropertyService service(nh3, b);
        const PropertyService* props = &service;
        auto v = props->ph(8e5, sat.h_vapor.si() + 1e-11 * lat);
        auto l = props->ph(8e5, sat.h_liquid.si() - 1e-11 * lat);
        REQUIRE(v.has_value());
        REQUIRE(l.has_value());
        CHECK(fluids::phase_name(*v) == "saturated vapour");
        CHECK(fluids::phase_name(*l) == "saturated liquid");
        auto v2 = props->ph(8e5, sat.h_vapor.si() + 1e-6 * lat);
        auto l2 = props->ph(8e5, sat.h_liquid.si() - 1e-6 * lat);
        REQUIRE(v2.has_value());
        REQUIRE(l2.has_value());
        CHECK(fluids::phase_name(*v2) == "superheated vapour");
        CHECK(fluids::phase_name(*l2) == "subcooled liquid");
    }
}

namespace {

/// Cengel & Boles 11-5 (condenser 8 bar, evaporator 1.4 bar) with the tank at `p_tank` bar.
std::string r134a_two_stage(double p_tank, double m = 1.0) {
    return network_envelope::format(R"({"refrigerant": "R134a", "components": [
 {"name": "lp", "type": "isentropic_compressor", "isentropic_efficiency": 0.8},
 {"name": "mixer", "type": "mixer"},
 {"name": "hp", "type": "isentropic_compressor", "isentropic_efficiency": 0.8, "mass_flow": %.17g},
 {"name": "cond", "type": "fixed_saturation_condenser", "saturation_pressure": 8.0, "subcooling": 0.0},
 {"name": "hp valve", "type": "isenthalpic_valve"},
 {"name": "tank", "type": "flash_tank", "pressure": %.17g},
 {"name": "lp valve", "type": "isenthalpic_valve"},
 {"name": "evap", "type": "fixed_saturation_evaporator", "saturation_pressure": 1.4, "superheat": 0.0}],
 "connections": [{"from": "lp", "to": "mixer.inlet_a"}, {"from": "mixer", "to": "hp"}, {"from": "hp", "to": "cond"},
 {"from": "cond", "to": "hp valve"}, {"from": "hp valve", "to": "tank"}, {"from": "tank.liquid_out", "to": "lp valve"},
 {"from": "tank.vapour_out", "to": "mixer.inlet_b"}, {"from": "lp valve", "to": "evap"}, {"from": "evap", "to": "lp"}]})",
                                    m, p_tank);
}

/// The R744/R717 cascade of examples/cycles with the cascade evaporating at `T_casc` °C.
std::string cascade_plant(double T_casc) {
    return network_envelope::format(
        R"({"loops": [{"name": "high", "refrigerant": "R717"}, {"name": "low", "refrigerant": "R744"}],
 "components": [
 {"name": "nh3 compressor", "type": "isentropic_compressor", "isentropic_efficiency": 0.75, "mass_flow": 0.1, "loop": "high"},
 {"name": "nh3 condenser", "type": "fixed_saturation_condenser", "saturation_temperature": 35.0, "subcooling": 0.0},
 {"name": "nh3 valve", "type": "isenthalpic_valve"},
 {"name": "cascade", "type": "cascade_heat_exchanger", "evaporating_temperature": %.17g, "approach": 5.0},
 {"name": "co2 compressor", "type": "isentropic_compressor", "isentropic_efficiency": 0.75, "loop": "low"},
 {"name": "co2 valve", "type": "isenthalpic_valve"},
 {"name": "co2 evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": -45.0, "superheat": 5.0}],
 "connections": [{"from": "nh3 compressor", "to": "nh3 condenser"}, {"from": "nh3 condenser", "to": "nh3 valve"},
 {"from": "nh3 valve", "to": "cascade.cold_in"}, {"from": "cascade.cold_out", "to": "nh3 compressor"},
 {"from": "co2 compressor", "to": "cascade.hot_in"}, {"from": "cascade.hot_out", "to": "co2 valve"},
 {"from": "co2 valve", "to": "co2 evaporator"}, {"from": "co2 evaporator", "to": "co2 compressor"}]})",
        T_casc);
}

/// The R32 vapour-injection heat pump (45 C / -15 C) with the injection at `p_inj` bar.
std::string vi_plant(double p_inj) {
    return network_envelope::format(R"({"refrigerant": "R32", "components": [
 {"name": "compressor", "type": "vapour_injection_compressor", "isentropic_efficiency": 0.7, "mass_flow": 0.05,
  "injection_pressure": %.17g},
 {"name": "condenser", "type": "fixed_saturation_condenser", "saturation_temperature": 45.0, "subcooling": 5.0},
 {"name": "tee", "type": "splitter"},
 {"name": "economizer", "type": "economizer", "effectiveness": 0.8, "injection_superheat": 5.0},
 {"name": "main valve", "type": "isenthalpic_valve"},
 {"name": "evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": -15.0, "superheat": 5.0},
 {"name": "injection valve", "type": "isenthalpic_valve"}],
 "connections": [{"from": "compressor", "to": "condenser"}, {"from": "condenser", "to": "tee"},
 {"from": "tee.outlet_a", "to": "economizer.hot_in"}, {"from": "economizer.hot_out", "to": "main valve"},
 {"from": "main valve", "to": "evaporator"}, {"from": "evaporator", "to": "compressor.suction"},
 {"from": "tee.outlet_b", "to": "injection valve"}, {"from": "injection valve", "to": "economizer.cold_in"},
 {"from": "economizer.cold_out", "to": "compressor.injection"}]})",
                                    p_inj);
}

/// The first line of a report.
std::string first_line(const char* report) {
    const char* nl = std::strchr(report, '\n');
    return nl ? std::string(report, nl) : std::string(report);
}

/// Solves `text` cold; returns the status and prints the first line of the report.
std::pair<SolveStatus, std::string> solve_text(const std::string& text) {
    auto f = read_ok(text);
    const CycleResults& r = f.system.solve(SolverMethod::fallback, f.settings, StartMode::cold);
    std::printf("SOLVE %d: %s\n", static_cast<int>(r.status), first_line(r.report).c_str());
    if (r.converged()) CHECK(network_envelope::inadmissible(f, r).empty());
    return {r.status, first_line(r.report)};
}

std::string add_error(System& sys, auto component) {
    const std::size_t before = sys.component_count();
    auto r = sys.add("x", std::move(component));
    CHECK(sys.component_count() == before + (r ? 1 : 0));
    if (r) return "accepted";
    CHECK(r.error().code() == Errc::invalid_argument);
    return std::string(r.error().message());
}

/// Every connection's (p, h, m) of two answers agree to `rel`.
bool same_answer(const CycleResults& a, const CycleResults& b, double rel) {
    if (a.connections.size() != b.connections.size()) return false;
    for (std::size_t e = 0; e < a.connections.size(); ++e) {
        const auto &x = a.connections[e], &y = b.connections[e];
        auto close = [rel](double u, double v) { return std::fabs(u - v) <= rel * std::max(std::fabs(v), 1e-300); };
        if (!close(x.state.p.si(), y.state.p.si()) || !close(x.state.h.si(), y.state.h.si()) || !close(x.m, y.m)) {
            std::printf("connection %zu differs: p %.17g %.17g h %.17g %.17g m %.17g %.17g\n", e, x.state.p.si(),
                        y.state.p.si(), x.state.h.si(), y.state.h.si(), x.m, y.m);
            return false;
        }
    }
    return std::fabs(a.cop_cooling - b.cop_cooling) <= rel * std::fabs(b.cop_cooling);
}

} // namespace

TEST_CASE("swapped levels in networks are clear errors", "[cycles][network][validation]") {
    // The reference points solve.
    CHECK(solve_text(r134a_two_stage(3.2)).first == SolveStatus::converged);
    CHECK(solve_text(cascade_plant(-10.0)).first == SolveStatus::converged);
    CHECK(solve_text(vi_plant(11.0)).first == SolveStatus::converged);
    // Flash tank above the condenser, below the evaporator.
    auto above = solve_text(r134a_two_stage(10.0));
    auto below = solve_text(r134a_two_stage(1.0));
    // Cascade evaporating above the NH3 condenser.
    auto inverted = solve_text(cascade_plant(40.0));
    // Injection below the suction and above the discharge.
    auto low_inj = solve_text(vi_plant(3.0));
    auto high_inj = solve_text(vi_plant(35.0));
    // Every one is an error; where the solver converged on the swapped levels, the report names
    // the component and the law. (The tank above the condenser and the injection above the
    // discharge end as plain non-convergence: their reports do not name the swapped level yet.)
    CHECK(above.first == SolveStatus::non_convergence);
    CHECK(below.first == SolveStatus::non_physical);
    CHECK(below.second ==
          "non-physical solution: compressor 'lp': outlet pressure 1 bar is not above the inlet's 1.4 bar "
          "- are the condensing and evaporating levels (or the source and sink temperatures) swapped? "
          "(and 3 more violations)");
    CHECK(inverted.first == SolveStatus::non_convergence);
    CHECK(inverted.second == "last property error: R744: no saturation state at T = 304.128 K (saturation exists for "
                             "216.592 K <= T < 304.128 K)");
    CHECK(low_inj.first == SolveStatus::non_physical);
    CHECK(low_inj.second == "non-physical solution: compressor 'compressor': injection pressure 3 bar is not between "
                            "the suction's 4.881 bar and the discharge's 27.95 bar");
    CHECK(high_inj.first == SolveStatus::non_convergence);
    // The failures no longer claim that exchanger capacities found no balance (the pre-solve of
    // a single series loop does not apply to a network; it was reported as if it had looked).
    for (const auto* r : {&above, &high_inj}) CHECK(r->second.find("exchanger capacities") == std::string::npos);
}

TEST_CASE("impossible network components are refused and change nothing", "[cycles][network][validation]") {
    auto sys = std::move(*System::create("R134a"));
    const double nan = std::nan(""), inf = INFINITY;
    CHECK(add_error(sys, FlashTank{Pressure{nan}}) == "component 'x': pressure = nan Pa: expected a positive number");
    CHECK(add_error(sys, FlashTank{Pressure{0.0}}) == "component 'x': pressure = 0 Pa: expected a positive number");
    CHECK(add_error(sys, FlashTank{Pressure{-3e5}}) ==
          "component 'x': pressure = -300000 Pa: expected a positive number");
    CHECK(add_error(sys, FlashTank{Pressure{inf}}) == "component 'x': pressure = inf Pa: expected a positive number");
    CHECK(add_error(sys, Economizer{-0.1, 5.0_dK}) ==
          "component 'x': effectiveness = -0.1: expected a number in (0, 1)");
    CHECK(add_error(sys, Economizer{nan, 5.0_dK}) == "component 'x': effectiveness = nan: expected a number in (0, 1)");
    CHECK(add_error(sys, Economizer{1.5, 5.0_dK}) == "component 'x': effectiveness = 1.5: expected a number in (0, 1)");
    CHECK(add_error(sys, Economizer{0.8, TemperatureDifference{nan}}) ==
          "component 'x': superheat = nan K: expected a number >= 0");
    CHECK(add_error(sys, InternalHeatExchanger{-0.1}) ==
          "component 'x': effectiveness = -0.1: expected a number in [0, 1)");
    CHECK(add_error(sys, InternalHeatExchanger{nan}) ==
          "component 'x': effectiveness = nan: expected a number in [0, 1)");
    CHECK(add_error(sys, InternalHeatExchanger{1e300}) ==
          "component 'x': effectiveness = 1e+300: expected a number in [0, 1)");
    CHECK(add_error(sys, VapourInjectionCompressor::geometric_mean(0.7, 0.05_kg_per_s, nan)) ==
          "component 'x': injection pressure factor = nan: expected a number in (0, 10)");
    CHECK(add_error(sys, VapourInjectionCompressor::geometric_mean(0.7, MassFlow{0.0})) ==
          "component 'x': mass flow = 0 kg/s: expected a positive number");
    CHECK(add_error(sys, VapourInjectionCompressor::geometric_mean(0.7, MassFlow{-1.0})) ==
          "component 'x': mass flow = -1 kg/s: expected a positive number");
    CHECK(add_error(sys, VapourInjectionCompressor::at_injection_pressure(0.7, 0.05_kg_per_s, Pressure{nan})) ==
          "component 'x': injection pressure = nan Pa: expected a positive number");
    CHECK(add_error(sys, VapourInjectionCompressor::at_injection_pressure(0.7, 0.05_kg_per_s, Pressure{-1.0})) ==
          "component 'x': injection pressure = -1 Pa: expected a positive number");
    CHECK(add_error(sys, CascadeHeatExchanger::at_temperature(Temperature{nan}, 5.0_dK).evaporating_side()) ==
          "component 'x': evaporating temperature = nan: expected a positive number");
    CHECK(add_error(sys, CascadeHeatExchanger::at_temperature(Temperature{250.0}, TemperatureDifference{-1.0})
                             .condensing_side()) == "component 'x': approach = -1 K: expected a number >= 0");
    CHECK(add_error(sys, CascadeHeatExchanger::at_pressure(Pressure{inf}, 5.0_dK).evaporating_side()) ==
          "component 'x': evaporating pressure = inf: expected a positive number");
    CHECK(add_error(sys, EvaporatorPressureRegulator::at_temperature(Temperature{nan})) ==
          "component 'x': set temperature = nan: expected a positive number");
    CHECK(add_error(sys, EvaporatorPressureRegulator::at_pressure(Pressure{inf})) ==
          "component 'x': set pressure = inf: expected a positive number");
    CHECK(add_error(sys, Splitter::fixed(0.0)) == "component 'x': split fraction = 0: expected a number in (0, 1)");
    CHECK(add_error(sys, Splitter::fixed(1.0)) == "component 'x': split fraction = 1: expected a number in (0, 1)");
    CHECK(add_error(sys, Splitter::fixed(nan)) == "component 'x': split fraction = nan: expected a number in (0, 1)");
    CHECK(add_error(sys, IsentropicCompressor{0.7, MassFlow{0.0}}) ==
          "component 'x': mass flow = 0 kg/s: expected a positive number");
    CHECK(add_error(sys, IsentropicCompressor{0.7, MassFlow{-0.1}}) ==
          "component 'x': mass flow = -0.1 kg/s: expected a positive number");
    CHECK(add_error(sys, IsentropicCompressor{0.7, MassFlow{inf}}) ==
          "component 'x': mass flow = inf kg/s: expected a positive number");
    CHECK(add_error(sys, IsentropicCompressor{1e300, MassFlow{0.1}}) ==
          "component 'x': isentropic efficiency = 1e+300: expected a number in (0, 1]");
    CHECK(sys.component_count() == 0);
    // A tiny efficiency is a number in (0, 1]: accepted (its solve has no steady state).
    CHECK(add_error(sys, IsentropicCompressor{1e-300, MassFlow{0.1}}) == "accepted");
}

TEST_CASE("refused inputs change nothing; a failed network solve leaves the next one exact",
          "[cycles][network][envelope]") {
    // The R744 booster rack of examples/cycles (the first plant of the sweep at a fixed point).
    const std::string text = R"({"refrigerant": "R744", "components": [
 {"name": "mt compressor", "type": "isentropic_compressor", "isentropic_efficiency": 0.7, "mass_flow": 0.15},
 {"name": "gas cooler", "type": "gas_cooler", "outlet_temperature": 35.0},
 {"name": "hp valve", "type": "high_pressure_valve", "mode": "fixed_pressure", "pressure": 90.0},
 {"name": "flash tank", "type": "flash_tank", "pressure": 35.0},
 {"name": "bypass valve", "type": "isenthalpic_valve"},
 {"name": "liquid split", "type": "splitter"},
 {"name": "mt valve", "type": "isenthalpic_valve"},
 {"name": "mt evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": -8.0, "superheat": 5.0},
 {"name": "lt valve", "type": "isenthalpic_valve"},
 {"name": "lt evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": -30.0, "superheat": 5.0},
 {"name": "lt compressor", "type": "isentropic_compressor", "isentropic_efficiency": 0.7, "mass_flow": 0.03},
 {"name": "booster mixer", "type": "mixer"}, {"name": "bypass mixer", "type": "mixer"}],
 "connections": [{"from": "mt compressor", "to": "gas cooler"}, {"from": "gas cooler", "to": "hp valve"},
 {"from": "hp valve", "to": "flash tank"}, {"from": "flash tank.liquid_out", "to": "liquid split"},
 {"from": "flash tank.vapour_out", "to": "bypass valve"}, {"from": "liquid split.outlet_a", "to": "mt valve"},
 {"from": "mt valve", "to": "mt evaporator"}, {"from": "liquid split.outlet_b", "to": "lt valve"},
 {"from": "lt valve", "to": "lt evaporator"}, {"from": "lt evaporator", "to": "lt compressor"},
 {"from": "mt evaporator", "to": "booster mixer.inlet_a"}, {"from": "lt compressor", "to": "booster mixer.inlet_b"},
 {"from": "booster mixer", "to": "bypass mixer.inlet_a"}, {"from": "bypass valve", "to": "bypass mixer.inlet_b"},
 {"from": "bypass mixer", "to": "mt compressor"}]})";
    // Two answers of one point agree to the solver's tolerance; at 1e-12 (scaled residual) they
    // agree to ~1e-13 relative, whichever start each solve had.
    auto fresh = read_ok(text);
    SolveSettings tight = fresh.settings;
    tight.tolerance = 1e-12;
    const CycleResults ref = fresh.system.solve(SolverMethod::fallback, tight, StartMode::cold);
    INFO(ref.report);
    REQUIRE(ref.converged());
    CHECK(network_envelope::inadmissible(fresh, ref).empty());

    auto f = read_ok(text);
    System& sys = f.system;
    REQUIRE(sys.solve(SolverMethod::fallback, tight, StartMode::cold).converged());
    const std::uint32_t mt = 0, gc = 1, hpv = 2, lt = 10, mt_evap = 7;
    // Refused inputs: each names the cause, and the next solve is the reference (warm, in one
    // Newton iteration at most: nothing changed).
    const double nan = std::nan("");
    struct Bad {
        std::uint32_t c;
        Input which;
        double v;
        const char* message;
    };
    const char* const not_finite = "input value is not a finite number";
    for (const Bad b : {
             Bad{mt, Input::mass_flow, nan, not_finite},
             Bad{mt, Input::mass_flow, -0.1, "mass flow = -0.1 kg/s: expected a positive number"},
             Bad{mt, Input::mass_flow, 0.0, "mass flow = 0 kg/s: expected a positive number"},
             Bad{mt, Input::mass_flow, INFINITY, not_finite},
             Bad{mt, Input::isentropic_efficiency, 1.5, "isentropic efficiency = 1.5: expected a number in (0, 1]"},
             Bad{mt, Input::isentropic_efficiency, 0.0, "isentropic efficiency = 0: expected a number in (0, 1]"},
             Bad{gc, Input::outlet_temperature, -5.0,
                 "gas cooler outlet temperature = -5 K: expected a positive absolute temperature"},
             Bad{gc, Input::outlet_temperature, nan, not_finite},
             Bad{hpv, Input::high_side_pressure, -1.0, "high-side pressure = -1 Pa: expected a positive number"},
             Bad{mt_evap, Input::superheat, -1.0, "superheat = -1 K: expected a number >= 0"},
             Bad{mt_evap, Input::saturation_temperature, nan, not_finite},
             Bad{3, Input::mass_flow, 1.0, "input 8 does not apply to a flash tank"},
         }) {
        auto r = sys.set_input(b.c, b.which, b.v);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code() == Errc::invalid_argument);
        const std::string m(r.error().message());
        CHECK(m.substr(m.find("): ") + 3) == b.message);
    }
    {
        const CycleResults& r = sys.solve(SolverMethod::newton, tight);
        INFO(r.report);
        REQUIRE(r.converged());
        CHECK(r.iterations == 0); // nothing changed: the last answer is still the solution
        CHECK(same_answer(r, ref, 1e-12));
    }
    // Accepted inputs without a steady state, then the good point again, warm and cold.
    struct Step {
        std::uint32_t c;
        Input which;
        double bad, good;
    };
    for (const Step st :
         {Step{lt, Input::mass_flow, 0.2, 0.03}, Step{hpv, Input::high_side_pressure, 1e300, 90e5},
          Step{hpv, Input::high_side_pressure, 30e5, 90e5},
          Step{mt_evap, Input::saturation_temperature, from_celsius(20.0).si(), from_celsius(-8.0).si()}}) {
        REQUIRE(sys.set_input(st.c, st.which, st.bad));
        const CycleResults& bad = sys.solve(SolverMethod::fallback, tight);
        std::printf("BAD %u %d: %d %s\n", st.c, static_cast<int>(st.which), static_cast<int>(bad.status),
                    first_line(bad.report).c_str());
        CHECK_FALSE(bad.converged());
        REQUIRE(sys.set_input(st.c, st.which, st.good));
        const CycleResults& warm = sys.solve(SolverMethod::newton, tight);
        INFO(warm.report);
        REQUIRE(warm.converged());
        CHECK(same_answer(warm, ref, 1e-12));
        const CycleResults& cold = sys.solve(SolverMethod::fallback, tight, StartMode::cold);
        REQUIRE(cold.converged());
        CHECK(same_answer(cold, ref, 1e-12));
    }
}
