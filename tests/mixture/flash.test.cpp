// (p, h) and (p, s) flashes of the eight blends against tests/data/blends/<blend>_flash.csv, and
// the (p, T), (p, q), (T, q) flashes for consistency.
#include "entropyk/fluids/mixture/flash.hpp"
#include "mixture/blend_reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

TEST_CASE("(p, h) and (p, s) flashes of the blends match the reference tables", "[mixture][reference]") {
    mixture::Workspace ws;
    for (const std::string& name : blend_names) {
        const mixture::Blend& b = coolprop_traced_blend(name);
        const mixture::Model& m = b.model;
        REQUIRE(b.envelope.count > 20);
        const Table t = read_blend_table(name, "flash");
        REQUIRE(t.rows.size() >= 50);
        Worst worst(name + " flash");
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const bool ph = t.str(i, "input") == "PH";
            const double p = t.num(i, "p_Pa");
            mixture::FlashState st;
            INFO(name << " row " << i << " " << t.str(i, "input") << " p=" << p << " h=" << t.num(i, "h")
                      << " s=" << t.num(i, "s") << " T=" << t.num(i, "T_K"));
            REQUIRE(
                (ph ? mixture::flash_ph(b, p, t.num(i, "h"), st, ws) : mixture::flash_ps(b, p, t.num(i, "s"), st, ws)));
            const bool two = t.str(i, "phase") == "twophase";
            CHECK(st.two_phase == two);
            CHECK(worst.add("T", deviation(st.T, t.num(i, "T_K")), 1e-6, i));
            CHECK(worst.add("rho", deviation(st.rho, t.num(i, "rho")), 1e-6, i));
            if (ph)
                CHECK(worst.add("s", deviation(st.s, t.num(i, "s"), s_floor), 1e-6, i));
            else
                CHECK(worst.add("h", deviation(st.h, t.num(i, "h"), h_floor), 1e-6, i));
            CHECK(worst.add("q_molar", std::fabs(st.q_molar - t.num(i, "quality_molar")), 1e-6, i));
            CHECK(worst.add("q_mass", std::fabs(st.q_mass - t.num(i, "quality_mass")), 1e-6, i));
            if (two) {
                const mixture::Vec x = parse_vector(t.str(i, "x_liq"));
                const mixture::Vec y = parse_vector(t.str(i, "y_vap"));
                const double tol = std::max(1e-6, 10.0 * t.num(i, "xy_err"));
                for (std::size_t k = 0; k < m.n; ++k) {
                    CHECK(worst.add("x", deviation(st.split.x[k], x[k]), tol, i));
                    CHECK(worst.add("y", deviation(st.split.y[k], y[k]), tol, i));
                }
            }
        }
        worst.print();
    }
}
