// The tables of a blend (liquid, glide, vapour) against the mixture EOS on held-out random states
// over the covered range, with the bounds of the pure-fluid tables (docs/fluids.md accuracy map):
// T <= 1e-7, rho, h, s <= 1e-6, c_p <= 1e-4, c_v and w <= 5e-4 relative, quality <= 1e-6
// absolute; the phase the same as the EOS's. Every backend call ((p, h), (p, s), (T, p), (p, q),
// bubble/dew points at p and at T) on R454B's shared tables (blend_tables_for) in ONE test case,
// so that each test process builds them once (about 1 s optimised); R448A's (p, h) in optimised
// builds only.
#include <random>

#include "entropyk/components/properties.hpp"
#include "entropyk/fluids/tabular/blend_backend.hpp"
#include "mixture/blend_reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

namespace {

/// The (p, h) tables `t` of blend `b` against its EOS on `points` held-out random states.
void check_ph_held_out(const std::string& name, const mixture::Blend& b, const tabular::BlendTables& t, int points) {
    mixture::Workspace ws;
    {
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

} // namespace

#ifdef NDEBUG
// A five-component blend (R454B: in the next test case, on its shared tables). Optimised builds
// only: each table build costs about 3 s there, many times that unoptimised.
TEST_CASE("the (p, h) tables of R448A match its EOS on held-out states in every phase", "[mixture][tables]") {
    const mixture::Blend& b = coolprop_traced_blend("R448A");
    const tabular::BlendTables t(b);
    check_ph_held_out("R448A", b, t, 3000);
}
#endif

namespace {

/// Relative difference of a against e; for h, s and u relative to max(|e|, 1e3) (their zero is a
/// reference choice).
double rel(double a, double e) { return std::fabs(a / e - 1.0); }
double rel_hs(double a, double e) { return std::fabs(a - e) / std::max(std::fabs(e), 1e3); }

/// TableErrors errors of table states against the EOS's, with the accuracy map's bounds.
struct TableErrors {
    double T = 0.0, p = 0.0, rho = 0.0, h = 0.0, s = 0.0, cp = 0.0, cv = 0.0, w = 0.0, q = 0.0;
    int single = 0, two = 0;
    void add(const State& a, const State& e) {
        REQUIRE(a.phase == e.phase);
        T = std::max(T, rel(a.T.si(), e.T.si()));
        p = std::max(p, rel(a.p.si(), e.p.si()));
        rho = std::max(rho, rel(a.rho.si(), e.rho.si()));
        h = std::max(h, rel_hs(a.h.si(), e.h.si()));
        h = std::max(h, rel_hs(a.u.si(), e.u.si()));
        s = std::max(s, rel_hs(a.s.si(), e.s.si()));
        q = std::max(q, std::fabs(a.quality - e.quality));
        if (e.phase == Phase::two_phase) {
            ++two;
            CHECK(a.cp.si() == undefined_in_two_phase);
            CHECK(a.w.si() == undefined_in_two_phase);
        } else {
            ++single;
            cp = std::max(cp, rel(a.cp.si(), e.cp.si()));
            cv = std::max(cv, rel(a.cv.si(), e.cv.si()));
            w = std::max(w, rel(a.w.si(), e.w.si()));
        }
    }
    void check(double h_bound = 1e-6) const {
        INFO(single << " single-phase, " << two << " two-phase; worst: T " << T << " p " << p << " rho " << rho << " h "
                    << h << " s " << s << " cp " << cp << " cv " << cv << " w " << w << " q " << q);
        CHECK(T <= 1e-7);
        CHECK(p <= 1e-6);
        CHECK(rho <= 1e-6);
        CHECK(h <= h_bound);
        CHECK(s <= 1e-6);
        CHECK(cp <= 1e-4);
        CHECK(cv <= 5e-4);
        CHECK(w <= 5e-4);
        CHECK(q <= 1e-6);
    }
};

} // namespace

// One test case for every backend call, on the process-wide tables of R454B (blend_tables_for:
// built once, about 1 s), so that the tables are built once per test process.
TEST_CASE("a blend Fluid on its tables: every backend call matches the Fluid's EOS within the table bounds",
          "[mixture][tables]") {
    const Fluid& f = **find_fluid("R454B");
    const BlendTableBackend& t = blend_tables_for(f);
    REQUIRE(&blend_tables_for(f) == &t); // built once
    REQUIRE(t.tables() != nullptr);
    CHECK(&fluid_of(t) == &f);
    const tabular::BlendTableInfo& info = t.tables()->info();
#ifdef NDEBUG
    constexpr int points = 400;
#else
    constexpr int points = 60;
#endif
    std::mt19937_64 rng(97);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double l0 = std::log(info.p_liquid_min), l1 = std::log(info.p_max);
    auto random_p = [&] { return std::exp(l0 + (l1 - l0) * u(rng)); };

    SECTION("(p, h) on held-out random states in every phase") {
#ifdef NDEBUG
        check_ph_held_out("R454B", *f.blend(), *t.tables(), 3000);
#else
        check_ph_held_out("R454B", *f.blend(), *t.tables(), 300);
#endif
    }

    SECTION("(p, h): liquid, three points in the glide, vapour") {
        const double p = 10e5;
        const Result<SaturationState> sat = f.saturation_p(Pressure{p});
        REQUIRE(sat.has_value());
        const double hb = sat->h_liquid.si(), hd = sat->h_vapor.si();
        TableErrors e;
        for (const double h : {hb - 50e3, hb + 0.1 * (hd - hb), 0.5 * (hb + hd), hd - 0.05 * (hd - hb), hd + 60e3}) {
            INFO("h = " << h);
            REQUIRE(t.covers_ph(Pressure{p}, SpecificEnthalpy{h}));
            const Result<State> a = t.flash_ph(Pressure{p}, SpecificEnthalpy{h});
            const Result<State> x = f.flash_ph(Pressure{p}, SpecificEnthalpy{h});
            REQUIRE(a.has_value());
            REQUIRE(x.has_value());
            e.add(*a, *x);
        }
        e.check();
    }

    SECTION("bubble and dew points at p and at T on held-out states") {
        TableErrors ep, eT;
        for (int k = 0; k < points; ++k) {
            const double p = std::exp(std::log(info.p_min) + (l1 - std::log(info.p_min)) * u(rng));
            REQUIRE(t.covers_saturation_p(Pressure{p}));
            const Result<SaturationState> a = t.saturation_p(Pressure{p}), x = f.saturation_p(Pressure{p});
            REQUIRE(a.has_value());
            REQUIRE(x.has_value());
            CHECK(a->p_bubble.si() == p);
            CHECK(a->p_dew.si() == p);
            // T between the bubble point at the lowest table pressure and the dew point at the
            // highest, within the Fluid's range: both points in the table.
            const double T = a->T_bubble.si() + u(rng) * (a->T_dew.si() - a->T_bubble.si()) * 0.999;
            // Each saturated phase compared as a single-phase State (u, c_p, c_v, w unused).
            auto as_states = [](const SaturationState& s) {
                const SpecificHeat one{1.0};
                const State bl{s.T_bubble, s.p_bubble, s.rho_liquid, s.h_liquid, s.s_liquid, {}, one, one, Speed{1.0}};
                const State dv{s.T_dew, s.p_dew, s.rho_vapor, s.h_vapor, s.s_vapor, {}, one, one, Speed{1.0}};
                return std::pair{bl, dv};
            };
            const auto [ab, ad] = as_states(*a);
            const auto [xb, xd] = as_states(*x);
            ep.add(ab, xb);
            ep.add(ad, xd);
            if (!t.covers_saturation_t(Temperature{T})) continue;
            const Result<SaturationState> b = t.saturation_t(Temperature{T}), y = f.saturation_t(Temperature{T});
            REQUIRE(b.has_value());
            REQUIRE(y.has_value());
            CHECK(b->T_bubble.si() == T);
            CHECK(b->T_dew.si() == T);
            const auto [bb, bd] = as_states(*b);
            const auto [yb, yd] = as_states(*y);
            eT.add(bb, yb);
            eT.add(bd, yd);
        }
        ep.check();
        CHECK(eT.single > points); // almost every T is covered
        eT.check();
    }

    SECTION("(p, s), (T, p) and (p, q) on held-out states in every phase") {
        TableErrors es, eq, et;
        int tp_glide = 0;
        for (int k = 0; k < points; ++k) {
            const double p = random_p();
            const Result<State> lo = f.flash_tp(Temperature{std::max(f.T_min().si(), 215.0)}, Pressure{p});
            const Result<State> hi = f.flash_tp(Temperature{430.0}, Pressure{p});
            REQUIRE(lo.has_value());
            REQUIRE(hi.has_value());
            const double h = lo->h.si() + (hi->h.si() - lo->h.si()) * u(rng);
            const Result<State> x = f.flash_ph(Pressure{p}, SpecificEnthalpy{h});
            REQUIRE(x.has_value());
            // (p, s) at the EOS state's entropy: the same state.
            REQUIRE(t.covers_ps(x->p, x->s));
            const Result<State> a = t.flash_ps(x->p, x->s);
            REQUIRE(a.has_value());
            es.add(*a, *x);
            // (T, p) at its temperature: the same state; inside the glide the EOS answers (T
            // fixes such a state only through the glide's small slope).
            const Result<State> b = t.flash_tp(x->T, x->p);
            const Result<State> y = f.flash_tp(x->T, x->p);
            REQUIRE(b.has_value());
            REQUIRE(y.has_value());
            if (y->phase == Phase::two_phase) {
                ++tp_glide;
                CHECK_FALSE(t.covers_tp(x->T, x->p));
                CHECK(b->h.si() == y->h.si());
            } else {
                REQUIRE(t.covers_tp(x->T, x->p));
                et.add(*b, *y);
            }
            // (p, q).
            const double q = u(rng);
            const Result<State> c = t.flash_pq(Pressure{p}, q), z = f.flash_pq(Pressure{p}, q);
            REQUIRE(c.has_value());
            REQUIRE(z.has_value());
            eq.add(*c, *z);
        }
        es.check();
        eq.check();
        et.check();
        CHECK(tp_glide > points / 5);
        CHECK(et.single > points / 3);
        CHECK(es.two > points / 5);
        CHECK(es.single > points / 5);
    }

    SECTION("outside the tables: the Fluid's own states and errors") {
        // Above 0.85 of the envelope's top the Fluid answers: the same State.
        const double p_hi = 0.95 * f.blend()->envelope.p_top();
        CHECK_FALSE(t.covers_ph(Pressure{p_hi}, SpecificEnthalpy{400e3}));
        CHECK_FALSE(t.covers_saturation_p(Pressure{p_hi}));
        const Result<State> a = t.flash_ph(Pressure{p_hi}, SpecificEnthalpy{400e3});
        const Result<State> e = f.flash_ph(Pressure{p_hi}, SpecificEnthalpy{400e3});
        REQUIRE(a.has_value());
        REQUIRE(e.has_value());
        CHECK(a->T.si() == e->T.si());
        CHECK(a->phase == e->phase);
        const Result<SaturationState> sa = t.saturation_p(Pressure{p_hi}), se = f.saturation_p(Pressure{p_hi});
        REQUIRE(sa.has_value());
        REQUIRE(se.has_value());
        CHECK(sa->T_dew.si() == se->T_dew.si());
        // Errors are the Fluid's own.
        const Result<State> bad = t.flash_ph(Pressure{-1.0}, SpecificEnthalpy{400e3});
        const Result<State> bad_e = f.flash_ph(Pressure{-1.0}, SpecificEnthalpy{400e3});
        REQUIRE_FALSE(bad.has_value());
        REQUIRE_FALSE(bad_e.has_value());
        CHECK(bad.error().message() == bad_e.error().message());
        // Below the Fluid's T_min the tables' liquid isotherm would still answer; the Fluid refuses.
        const double T_low = f.T_min().si() - 1.0;
        const Result<State> cold = t.flash_tp(Temperature{T_low}, Pressure{10e5});
        REQUIRE_FALSE(cold.has_value());
        CHECK(cold.error().message() == f.flash_tp(Temperature{T_low}, Pressure{10e5}).error().message());
        const Result<State> q = t.flash_pq(Pressure{10e5}, 1.5);
        REQUIRE_FALSE(q.has_value());
        CHECK(q.error().message() == "R454B: quality = 1.5 is outside [0, 1]");
        // A pure fluid gets no tables here (fluids::Tables serves it).
        const BlendTableBackend pure(**find_fluid("R32"));
        CHECK(pure.tables() == nullptr);
    }

    SECTION("through PropertyService, every call from the shared tables") {
        const PropertyService tab(f, Backend::tables), eos(f, Backend::eos);
        CHECK(check_backend(f, Backend::tables).has_value());
        CHECK(tab.backend() == Backend::tables);
        CHECK(eos.backend() == Backend::eos);
        const double p = 8e5, h = 350e3; // in the glide
        const Result<State> a = tab.ph(p, h), b = t.flash_ph(Pressure{p}, SpecificEnthalpy{h});
        const Result<State> e = eos.ph(p, h);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        REQUIRE(e.has_value());
        CHECK(a->T.si() == b->T.si()); // from the tables
        CHECK(a->phase == Phase::two_phase);
        CHECK(rel(a->T.si(), e->T.si()) <= 1e-7);
        CHECK(a->T.si() != e->T.si()); // and not the EOS's value itself
        const Result<SaturationState> s = tab.sat_p(p), st = t.saturation_p(Pressure{p});
        REQUIRE(s.has_value());
        CHECK(s->T_dew.si() == st->T_dew.si());
        const Result<SaturationState> s2 = tab.sat_t(280.0), st2 = t.saturation_t(Temperature{280.0});
        REQUIRE(s2.has_value());
        CHECK(s2->p_dew.si() == st2->p_dew.si());
        CHECK(tab.tp(300.0, p)->h.si() == t.flash_tp(Temperature{300.0}, Pressure{p})->h.si());
        CHECK(tab.ps(p, 1800.0)->T.si() == t.flash_ps(Pressure{p}, SpecificEntropy{1800.0})->T.si());
        CHECK(tab.pq(p, 0.3)->T.si() == t.flash_pq(Pressure{p}, 0.3)->T.si());
    }
}
