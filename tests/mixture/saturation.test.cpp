// Bubble and dew points of the eight blends against tests/data/blends/<blend>_bubble_dew.csv.
#include "entropyk/fluids/mixture/saturation.hpp"
#include "mixture/blend_reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

TEST_CASE("bubble and dew points of the blends match the reference tables", "[mixture][reference]") {
    helmholtz::TauPart tp;
    for (const std::string& name : blend_names) {
        const BlendModel b = coolprop_blend(name);
        const mixture::Model& m = b.model;
        const Table t = read_blend_table(name, "bubble_dew");
        REQUIRE(t.rows.size() >= 45);
        Worst worst(name + " bubble/dew");
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const bool by_T = t.str(i, "input") == "T";
            const mixture::SatGiven given = by_T ? mixture::SatGiven::temperature : mixture::SatGiven::pressure;
            const double value = by_T ? t.num(i, "T_bubble_K") : t.num(i, "p_bubble_Pa");
            mixture::SaturationPoint bub, dew;
            INFO(name << " row " << i << (by_T ? " T=" : " p=") << value);
            REQUIRE(mixture::saturation_point(m, b.z, mixture::SatKind::bubble, given, value, bub, tp));
            REQUIRE(mixture::saturation_point(m, b.z, mixture::SatKind::dew, given, value, dew, tp));
            if (by_T) {
                CHECK(worst.add("p_bubble", deviation(bub.p, t.num(i, "p_bubble_Pa")), 1e-6, i));
                CHECK(worst.add("p_dew", deviation(dew.p, t.num(i, "p_dew_Pa")), 1e-6, i));
            } else {
                CHECK(worst.add("T_bubble", deviation(bub.T, t.num(i, "T_bubble_K")), 1e-6, i));
                CHECK(worst.add("T_dew", deviation(dew.T, t.num(i, "T_dew_K")), 1e-6, i));
            }
            const mixture::Properties L = mixture::properties(m, b.z, bub.T, bub.rho_bulk, tp);
            const mixture::Properties V = mixture::properties(m, b.z, dew.T, dew.rho_bulk, tp);
            CHECK(worst.add("rho_liq", deviation(L.rho, t.num(i, "rho_liq_bubble")), 1e-6, i));
            CHECK(worst.add("rho_vap", deviation(V.rho, t.num(i, "rho_vap_dew")), 1e-6, i));
            CHECK(worst.add("h_liq", deviation(L.h, t.num(i, "h_liq_bubble"), h_floor), 1e-6, i));
            CHECK(worst.add("h_vap", deviation(V.h, t.num(i, "h_vap_dew"), h_floor), 1e-6, i));
            CHECK(worst.add("s_liq", deviation(L.s, t.num(i, "s_liq_bubble"), s_floor), 1e-6, i));
            CHECK(worst.add("s_vap", deviation(V.s, t.num(i, "s_vap_dew"), s_floor), 1e-6, i));
            // CoolProp converges the incipient compositions loosely (its error is in the table).
            const mixture::Vec y = parse_vector(t.str(i, "y_incipient_bubble"));
            const mixture::Vec x = parse_vector(t.str(i, "x_incipient_dew"));
            const double ty = std::max(1e-6, 10.0 * t.num(i, "y_incipient_err"));
            const double tx = std::max(1e-6, 10.0 * t.num(i, "x_incipient_err"));
            for (std::size_t k = 0; k < m.n; ++k) {
                CHECK(worst.add("y_bubble", deviation(bub.incipient[k], y[k]), ty, i));
                CHECK(worst.add("x_dew", deviation(dew.incipient[k], x[k]), tx, i));
            }
        }
        worst.print();
    }
}
