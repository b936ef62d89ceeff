// The (p, h) tables of a blend (liquid, glide, vapour) against the mixture EOS on held-out random
// states over the covered range, with the bounds of the pure-fluid tables (docs/fluids.md
// accuracy map): T <= 1e-7, rho, s <= 1e-6, c_p <= 1e-4, c_v and w <= 5e-4 relative, quality
// <= 1e-6 absolute; the phase the same as the EOS's.
#include <random>

#include "entropyk/components/properties.hpp"
#include "entropyk/fluids/tabular/blend_backend.hpp"
#include "mixture/blend_reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

TEST_CASE("the (p, h) tables of a blend match its EOS on held-out states in every phase", "[mixture][tables]") {
#ifdef NDEBUG
    const std::vector<std::string> names = {"R454B", "R448A"};
    constexpr int points = 3000;
#else
    const std::vector<std::string> names = {"R454B"};
    constexpr int points = 300;
#endif
    mixture::Workspace ws;
    for (const std::string& name : names) {
        const mixture::Blend& b = coolprop_traced_blend(name);
        const tabular::BlendTables t(b);
        const tabular::BlendLayout lay;
        INFO(name << ": built in " << t.info().build_seconds << " s, " << t.info().nodes << " nodes, " << t.info().bytes
                  << " bytes");
        REQUIRE(t.info().failed_nodes == 0);
        std::mt19937_64 rng(4321);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const double l0 = std::log(t.info().p_liquid_min), l1 = std::log(t.info().p_max);
        double e[7] = {};
        int single = 0, two = 0;
        for (int k = 0; k < points; ++k) {
            const double p = std::exp(l0 + (l1 - l0) * u(rng));
            mixture::FlashState lo, hi;
            REQUIRE(mixture::flash_pt(b, p, lay.T_lo + 0.5, lo, ws));
            REQUIRE(mixture::flash_pt(b, p, lay.T_hi - 0.5, hi, ws));
            const double h = lo.h + (hi.h - lo.h) * u(rng);
            mixture::FlashState x;
            REQUIRE(mixture::flash_ph(b, p, h, x, ws));
            const std::optional<tabular::BlendState> g = t.flash_ph(p, h);
            REQUIRE(g.has_value());
            REQUIRE(g->two_phase == x.two_phase);
            e[0] = std::max(e[0], std::fabs(g->T / x.T - 1.0));
            e[1] = std::max(e[1], std::fabs(g->rho / x.rho - 1.0));
            e[2] = std::max(e[2], std::fabs(g->s - x.s) / std::max(std::fabs(x.s), 1e3));
            if (x.two_phase) {
                ++two;
                e[6] = std::max(e[6], std::fabs(g->q_mass - x.q_mass));
            } else {
                ++single;
                REQUIRE(g->liquid == x.liquid_like);
                e[3] = std::max(e[3], std::fabs(g->cp / x.single.cp - 1.0));
                e[4] = std::max(e[4], std::fabs(g->cv / x.single.cv - 1.0));
                e[5] = std::max(e[5], std::fabs(g->w / x.single.w - 1.0));
            }
        }
        INFO(single << " single-phase, " << two << " two-phase; worst: T " << e[0] << " rho " << e[1] << " s " << e[2]
                    << " cp " << e[3] << " cv " << e[4] << " w " << e[5] << " q " << e[6]);
        CHECK(single > points / 4);
        CHECK(two > points / 4);
        CHECK(e[0] <= 1e-7);
        CHECK(e[1] <= 1e-6);
        CHECK(e[2] <= 1e-6);
        CHECK(e[3] <= 1e-4);
        CHECK(e[4] <= 5e-4);
        CHECK(e[5] <= 5e-4);
        CHECK(e[6] <= 1e-6);
        // Outside the covered range: nullopt (the caller uses the EOS).
        CHECK_FALSE(t.flash_ph(1.01 * t.info().p_max, 300e3).has_value());
        CHECK_FALSE(t.flash_ph(0.99 * t.info().p_min, 300e3).has_value());
        CHECK_FALSE(t.flash_ph(1e6, 1e7).has_value()); // far above T_hi
    }
}

TEST_CASE("a blend Fluid on its tables: same states as the Fluid's EOS within the table bounds", "[mixture][tables]") {
    const Fluid& f = **find_fluid("R454B");
    const BlendTableBackend t(f);
    REQUIRE(t.tables() != nullptr);
    CHECK(&fluid_of(t) == &f);
    const double p = 10e5;
    const Result<SaturationState> sat = f.saturation_p(Pressure{p});
    REQUIRE(sat.has_value());
    const double hb = sat->h_liquid.si(), hd = sat->h_vapor.si();
    // Liquid, three points in the glide, vapour.
    for (const double h : {hb - 50e3, hb + 0.1 * (hd - hb), 0.5 * (hb + hd), hd - 0.05 * (hd - hb), hd + 60e3}) {
        INFO("h = " << h);
        REQUIRE(t.covers_ph(Pressure{p}, SpecificEnthalpy{h}));
        const Result<State> a = t.flash_ph(Pressure{p}, SpecificEnthalpy{h});
        const Result<State> e = f.flash_ph(Pressure{p}, SpecificEnthalpy{h});
        REQUIRE(a.has_value());
        REQUIRE(e.has_value());
        CHECK(a->phase == e->phase);
        CHECK(std::fabs(a->T.si() / e->T.si() - 1.0) <= 1e-7);
        CHECK(std::fabs(a->rho.si() / e->rho.si() - 1.0) <= 1e-6);
        CHECK(std::fabs(a->s.si() - e->s.si()) <= 1e-6 * std::max(std::fabs(e->s.si()), 1e3));
        CHECK(std::fabs(a->u.si() - e->u.si()) <= 1e-6 * std::max(std::fabs(e->u.si()), 1e3));
        CHECK(std::fabs(a->quality - e->quality) <= 1e-6);
        if (e->phase != Phase::two_phase) {
            CHECK(std::fabs(a->cp.si() / e->cp.si() - 1.0) <= 1e-4);
            CHECK(std::fabs(a->cv.si() / e->cv.si() - 1.0) <= 5e-4);
            CHECK(std::fabs(a->w.si() / e->w.si() - 1.0) <= 5e-4);
        } else {
            CHECK(a->cp.si() == e->cp.si());
            CHECK(a->w.si() == e->w.si());
        }
    }
    // Outside the tables (above 0.85 of the envelope's top) the Fluid answers: the same State.
    const double p_hi = 0.95 * f.blend()->envelope.p_top();
    CHECK_FALSE(t.covers_ph(Pressure{p_hi}, SpecificEnthalpy{400e3}));
    const Result<State> a = t.flash_ph(Pressure{p_hi}, SpecificEnthalpy{400e3});
    const Result<State> e = f.flash_ph(Pressure{p_hi}, SpecificEnthalpy{400e3});
    REQUIRE(a.has_value());
    REQUIRE(e.has_value());
    CHECK(a->T.si() == e->T.si());
    CHECK(a->phase == e->phase);
    // Errors are the Fluid's own.
    const Result<State> bad = t.flash_ph(Pressure{-1.0}, SpecificEnthalpy{400e3});
    const Result<State> bad_e = f.flash_ph(Pressure{-1.0}, SpecificEnthalpy{400e3});
    REQUIRE_FALSE(bad.has_value());
    REQUIRE_FALSE(bad_e.has_value());
    CHECK(bad.error().message() == bad_e.error().message());
    // A pure fluid gets no tables here (fluids::Tables serves it).
    const BlendTableBackend pure(**find_fluid("R32"));
    CHECK(pure.tables() == nullptr);
}

TEST_CASE("a blend runs on tables through PropertyService; the doors still refuse it", "[mixture][tables]") {
    const Fluid& f = **find_fluid("R454B");
    // The doors ask check_backend, which still refuses (the C fluid handle has no blend tables).
    CHECK_FALSE(check_backend(f, Backend::tables).has_value());
    CHECK(check_backend(f, Backend::eos).has_value());
    const PropertyService tab(f, Backend::tables), eos(f, Backend::eos);
    CHECK(tab.backend() == Backend::tables);
    CHECK(eos.backend() == Backend::eos);
    const BlendTableBackend& shared = blend_tables_for(f);
    CHECK(&blend_tables_for(f) == &shared); // built once
    const double p = 8e5, h = 350e3;        // in the glide
    const Result<State> a = tab.ph(p, h), b = shared.flash_ph(Pressure{p}, SpecificEnthalpy{h});
    const Result<State> e = eos.ph(p, h);
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    REQUIRE(e.has_value());
    CHECK(a->T.si() == b->T.si()); // from the tables
    CHECK(a->phase == Phase::two_phase);
    CHECK(std::fabs(a->T.si() / e->T.si() - 1.0) <= 1e-7);
    CHECK(a->T.si() != e->T.si()); // and not the EOS's value itself
    // The other calls are the EOS's.
    const Result<SaturationState> s = tab.sat_p(p), se = f.saturation_p(Pressure{p});
    REQUIRE(s.has_value());
    CHECK(s->T_dew.si() == se->T_dew.si());
}
