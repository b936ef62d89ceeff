// The two-phase (glide) table of a blend against the mixture EOS on held-out points: random
// (p, w) in the table's range, w the enthalpy fraction between bubble and dew point, none of them
// on a node. Bounds of the pure-fluid tables (docs/fluids.md accuracy map): T <= 1e-7, rho and s
// <= 1e-6 relative, quality <= 1e-6 absolute.
#include <random>

#include "entropyk/fluids/tabular/glide_table.hpp"
#include "mixture/blend_reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

TEST_CASE("the glide table of a blend matches its EOS on held-out two-phase states", "[mixture][tables]") {
#ifdef NDEBUG
    const std::vector<std::string> names = {"R454B", "R448A"};
    constexpr int points = 1500;
#else
    const std::vector<std::string> names = {"R454B"};
    constexpr int points = 200;
#endif
    mixture::Workspace ws;
    for (const std::string& name : names) {
        const mixture::Blend& b = coolprop_traced_blend(name);
        const tabular::GlideTable t(b);
        INFO(name << ": built in " << t.info().build_seconds << " s, " << t.info().nodes << " nodes");
        REQUIRE(t.info().failed_nodes == 0);
        CHECK(t.info().p_max == Approx(tabular::GlideLayout{}.top_fraction * b.envelope.p_top()).epsilon(1e-12));
        std::mt19937_64 rng(1234);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const double l0 = std::log(t.info().p_min), l1 = std::log(t.info().p_max);
        double eT = 0.0, erho = 0.0, es = 0.0, eq = 0.0, eqm = 0.0;
        for (int k = 0; k < points; ++k) {
            const double p = std::exp(l0 + (l1 - l0) * u(rng)), w = u(rng);
            const double hb = t.saturation(p, tabular::gs_h_bubble), hd = t.saturation(p, tabular::gs_h_dew);
            const double h = hb + w * (hd - hb);
            mixture::FlashState e;
            REQUIRE(mixture::flash_ph(b, p, h, e, ws));
            REQUIRE(e.two_phase);
            const std::optional<tabular::GlideState> g = t.flash_ph(p, h);
            REQUIRE(g.has_value());
            eT = std::max(eT, std::fabs(g->T / e.T - 1.0));
            erho = std::max(erho, std::fabs(g->rho / e.rho - 1.0));
            es = std::max(es, std::fabs(g->s - e.s) / std::max(std::fabs(e.s), 1e3));
            eq = std::max(eq, std::fabs(g->q_mass - e.q_mass));
            eqm = std::max(eqm, std::fabs(g->q_molar - e.q_molar));
        }
        INFO("worst: T " << eT << " rho " << erho << " s " << es << " q " << eq << " q molar " << eqm);
        CHECK(eT <= 1e-7);
        CHECK(erho <= 1e-6);
        CHECK(es <= 1e-6);
        CHECK(eq <= 1e-6);
        CHECK(eqm <= 1e-6);
        // The saturation table reproduces the bubble and dew points between its nodes.
        const double p = std::exp(0.5 * (l0 + l1) + 0.0123);
        const mixture::Bounds bd = mixture::bounds(b.model, b.z, mixture::SatGiven::pressure, p, ws);
        REQUIRE(bd.ok);
        CHECK(std::fabs(t.saturation(p, tabular::gs_T_bubble) / bd.bub.T - 1.0) <= 1e-9);
        CHECK(std::fabs(t.saturation(p, tabular::gs_T_dew) / bd.dew.T - 1.0) <= 1e-9);
        // Outside the glide and outside the pressure range the table does not answer.
        const double hb = t.saturation(p, tabular::gs_h_bubble), hd = t.saturation(p, tabular::gs_h_dew);
        CHECK_FALSE(t.flash_ph(p, hb - 1.0).has_value());
        CHECK_FALSE(t.flash_ph(p, hd + 1.0).has_value());
        CHECK_FALSE(t.flash_ph(1.01 * t.info().p_max, 0.5 * (hb + hd)).has_value());
        CHECK_FALSE(t.flash_ph(0.99 * t.info().p_min, 0.5 * (hb + hd)).has_value());
        CHECK(t.flash_ph(p, hb)->q_mass == 0.0);
    }
}
