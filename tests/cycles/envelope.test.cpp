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
