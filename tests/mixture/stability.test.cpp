// The flashes' phase decisions against an independent criterion: the tangent-plane stability
// test (mixture/stability.hpp). States below the bubble point (liquid) and above the dew point
// (vapour) are stable; states inside the glide are unstable on either density root.
#include <random>

#include "entropyk/fluids/mixture/stability.hpp"
#include "mixture/blend_reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

TEST_CASE("states outside the glide are stable, inside it unstable (tangent-plane distance)", "[mixture]") {
    mixture::Workspace ws;
    for (const std::string& name : blend_names) {
        const mixture::Blend& b = coolprop_traced_blend(name);
        std::mt19937_64 rng(3);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (int k = 0; k < 40; ++k) {
            const double p = std::exp(std::log(3e4) + u(rng) * (std::log(0.9 * b.envelope.p_top()) - std::log(3e4)));
            const mixture::Bounds bd = mixture::bounds(b.model, b.z, mixture::SatGiven::pressure, p, ws);
            REQUIRE(bd.ok);
            const double T_liq = bd.bub.T - 0.2 - 20.0 * u(rng);
            const double T_vap = bd.dew.T + 0.2 + 20.0 * u(rng);
            const double T_in = bd.bub.T + (0.1 + 0.8 * u(rng)) * (bd.dew.T - bd.bub.T);
            INFO(name << " p=" << p << " T_bubble=" << bd.bub.T << " T_dew=" << bd.dew.T);
            CHECK(mixture::stability(b.model, b.z, T_liq, p, mixture::Root::liquid, ws) == mixture::Stability::stable);
            CHECK(mixture::stability(b.model, b.z, T_vap, p, mixture::Root::vapor, ws) == mixture::Stability::stable);
            if (name != "R513A" || bd.dew.T - bd.bub.T > 0.01) { // not at the azeotrope (x ~ y)
                CHECK(mixture::stability(b.model, b.z, T_in, p, mixture::Root::liquid, ws) ==
                      mixture::Stability::unstable);
                CHECK(mixture::stability(b.model, b.z, T_in, p, mixture::Root::vapor, ws) ==
                      mixture::Stability::unstable);
            }
            // And the (p, T) flash agrees.
            mixture::FlashState st;
            REQUIRE(mixture::flash_pt(b, p, T_in, st, ws));
            CHECK(st.two_phase);
            REQUIRE(mixture::flash_pt(b, p, T_liq, st, ws));
            CHECK((!st.two_phase && st.liquid_like));
        }
    }
}
