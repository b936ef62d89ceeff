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
    int n = 0, converged = 0, no_reason = 0;
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
