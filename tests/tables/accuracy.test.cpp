// Accuracy of the property tables against the EOS on random states over the whole range of all
// eight fluids. Bounds (docs/fluids.md, "Property tables"): single phase more than 1 K from the
// critical temperature T <= 1e-7, rho and s <= 1e-6 relative (s relative to max(|s|, R));
// quality <= 1e-6 absolute; (T, p) -> rho <= 1e-6 everywhere more than 0.01 K from saturation;
// cp <= 1e-4, cv and w <= 5e-4 relative above 1e-3 p_c (they come from the interpolant's
// derivatives).
// Each test builds its own Tables objects (the shared ones are left to the thread test).
#include "sampling.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

namespace {
constexpr std::size_t n_single = 6000, n_near = 2000, n_two = 2000;
}

TEST_CASE("tables: (p, h) single phase matches the EOS on random states", "[tables][accuracy]") {
    std::printf("%-8s %8s %9s | %-19s | %-19s | %-19s\n", "fluid", "points", "by table", "T max / rms", "rho max / rms",
                "s max / rms");
    for (const Fluid* fp : all_fluids()) {
        const Fluid& f = *fp;
        const Tables t(f);
        std::vector<State> states = random_single_phase(f, n_single, 11);
        const std::vector<State> near = near_saturation(f, n_near, 12);
        states.insert(states.end(), near.begin(), near.end());
        ErrorStat eT, er, es, ecp, ecv, ew;
        std::size_t by_table = 0;
        for (const State& e : states) {
            if (!away_from_critical(f, e.T.si())) continue;
            INFO(f.name() << " p = " << e.p.si() << " h = " << e.h.si() << " T = " << e.T.si());
            const Result<State> r = t.flash_ph(e.p, e.h);
            REQUIRE(r.has_value());
            by_table += t.covers_ph(e.p, e.h) ? 1 : 0;
            const double dT = rel(r->T.si(), e.T.si()), dr = rel(r->rho.si(), e.rho.si());
            const double ds = rel_s(f, r->s.si(), e.s.si());
            eT.add(dT);
            er.add(dr);
            es.add(ds);
            CHECK(dT <= 1e-7);
            CHECK(dr <= 1e-6);
            CHECK(ds <= 1e-6);
            CHECK(r->phase == e.phase);
            if (e.p.si() >= 1e-3 * f.p_critical().si()) {
                ecp.add(rel(r->cp.si(), e.cp.si()));
                ecv.add(rel(r->cv.si(), e.cv.si()));
                ew.add(rel(r->w.si(), e.w.si()));
                CHECK(rel(r->cp.si(), e.cp.si()) <= 1e-4);
                CHECK(rel(r->cv.si(), e.cv.si()) <= 5e-4);
                CHECK(rel(r->w.si(), e.w.si()) <= 5e-4);
            }
        }
        std::printf("%-8s %8zu %9zu | %8.1e / %8.1e | %8.1e / %8.1e | %8.1e / %8.1e | %8.1e %8.1e %8.1e\n",
                    std::string(f.name()).c_str(), eT.n, by_table, eT.max, eT.rms(), er.max, er.rms(), es.max, es.rms(),
                    ecp.max, ecv.max, ew.max);
        // The EOS serves only the critical region (and cells that failed the build check).
        CHECK(static_cast<double>(by_table) >= 0.98 * static_cast<double>(eT.n));
    }
}

TEST_CASE("tables: two-phase (p, h) gives the EOS quality and mixture", "[tables][accuracy]") {
    for (const Fluid* fp : all_fluids()) {
        const Fluid& f = *fp;
        const Tables t(f);
        ErrorStat eq, eT, er;
        for (const State& e : random_two_phase(f, n_two, 21)) {
            if (!away_from_critical(f, e.T.si())) continue;
            INFO(f.name() << " p = " << e.p.si() << " h = " << e.h.si() << " q = " << e.quality);
            const Result<State> r = t.flash_ph(e.p, e.h);
            REQUIRE(r.has_value());
            const double dq = std::fabs(r->quality - e.quality);
            eq.add(dq);
            eT.add(rel(r->T.si(), e.T.si()));
            er.add(rel(r->rho.si(), e.rho.si()));
            CHECK(dq <= 1e-6);
            CHECK(rel(r->T.si(), e.T.si()) <= 1e-7);
            CHECK(rel(r->rho.si(), e.rho.si()) <= 1e-6);
            // The same point from (p, q) and (p, s).
            const Result<State> a = t.flash_pq(e.p, e.quality);
            REQUIRE(a.has_value());
            CHECK(rel(a->h.si(), e.h.si()) <= 1e-8);
            const Result<State> b = t.flash_ps(e.p, e.s);
            REQUIRE(b.has_value());
            CHECK(std::fabs(b->quality - e.quality) <= 1e-6);
        }
        std::printf("%-8s two-phase: %zu points, q max %.1e rms %.1e, T max %.1e, rho max %.1e\n",
                    std::string(f.name()).c_str(), eq.n, eq.max, eq.rms(), eT.max, er.max);
    }
}

TEST_CASE("tables: (p, T) and (p, s) inputs match the EOS, also next to saturation", "[tables][accuracy]") {
    for (const Fluid* fp : all_fluids()) {
        const Fluid& f = *fp;
        const Tables t(f);
        std::vector<State> states = random_single_phase(f, n_single / 2, 31);
        const std::vector<State> near = near_saturation(f, n_near, 32);
        states.insert(states.end(), near.begin(), near.end());
        ErrorStat er_tp, eh_tp, eT_ps, eh_ps;
        for (const State& e : states) {
            INFO(f.name() << " p = " << e.p.si() << " T = " << e.T.si() << " s = " << e.s.si());
            // (T, p): everywhere (every sample is >= 0.01 K from saturation).
            const Result<State> a = t.flash_tp(e.T, e.p);
            REQUIRE(a.has_value());
            er_tp.add(rel(a->rho.si(), e.rho.si()));
            eh_tp.add(std::fabs(a->h.si() - e.h.si()) / std::max(std::fabs(e.h.si()), 1e3));
            CHECK(rel(a->rho.si(), e.rho.si()) <= 1e-6);
            CHECK(a->phase == e.phase);
            if (!away_from_critical(f, e.T.si())) continue;
            const Result<State> b = t.flash_ps(e.p, e.s);
            REQUIRE(b.has_value());
            eT_ps.add(rel(b->T.si(), e.T.si()));
            eh_ps.add(std::fabs(b->h.si() - e.h.si()) / std::max(std::fabs(e.h.si()), 1e3));
            CHECK(rel(b->T.si(), e.T.si()) <= 1e-6);
            CHECK(rel(b->rho.si(), e.rho.si()) <= 1e-6);
        }
        std::printf("%-8s (T,p): rho max %.1e rms %.1e, h max %.1e | (p,s): T max %.1e, h max %.1e\n",
                    std::string(f.name()).c_str(), er_tp.max, er_tp.rms(), eh_tp.max, eT_ps.max, eh_ps.max);
    }
}
