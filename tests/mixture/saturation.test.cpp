// Bubble and dew points of the eight blends against tests/data/blends/<blend>_bubble_dew.csv.
#include "entropyk/fluids/mixture/saturation.hpp"
#include "mixture/blend_reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

TEST_CASE("bubble and dew points of the blends match the reference tables", "[mixture][reference]") {
    mixture::Workspace ws;
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
            REQUIRE(mixture::saturation_point(m, b.z, mixture::SatKind::bubble, given, value, bub, ws));
            REQUIRE(mixture::saturation_point(m, b.z, mixture::SatKind::dew, given, value, dew, ws));
            if (by_T) {
                CHECK(worst.add("p_bubble", deviation(bub.p, t.num(i, "p_bubble_Pa")), 1e-6, i));
                CHECK(worst.add("p_dew", deviation(dew.p, t.num(i, "p_dew_Pa")), 1e-6, i));
            } else {
                CHECK(worst.add("T_bubble", deviation(bub.T, t.num(i, "T_bubble_K")), 1e-6, i));
                CHECK(worst.add("T_dew", deviation(dew.T, t.num(i, "T_dew_K")), 1e-6, i));
            }
            const mixture::Properties L = mixture::properties(m, b.z, bub.T, bub.rho_bulk, ws);
            const mixture::Properties V = mixture::properties(m, b.z, dew.T, dew.rho_bulk, ws);
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

TEST_CASE("bubble and dew points converge up to the critical point", "[mixture]") {
    // CoolProp's own solvers fail 3-10 K below T_c and above 0.5-0.93 p_c for these blends (the
    // reference tables stop there); ours must not. T from 213.15 K to T_c - 0.5 K, p from 0.2 bar
    // to 0.99 p_c (T_c, p_c: CoolProp's critical points of the blends).
    const double Tc[] = {351.430, 350.320, 359.288, 345.270, 355.941, 355.635, 368.561, 344.494};
    const double pc[] = {5.3041e6, 5.2463e6, 4.6393e6, 3.7349e6, 4.6052e6, 4.5165e6, 3.6551e6, 4.9012e6};
    mixture::Workspace ws;
    for (std::size_t k = 0; k < blend_names.size(); ++k) {
        const BlendModel b = coolprop_blend(blend_names[k]);
        std::vector<double> Ts, ps;
        for (double T = 213.15; T < Tc[k] - 3.0; T += 3.0) Ts.push_back(T);
        for (const double d : {2.0, 1.0, 0.5}) Ts.push_back(Tc[k] - d);
        for (double lp = std::log(2e4); lp < std::log(0.95 * pc[k]); lp += 0.25) ps.push_back(std::exp(lp));
        for (const double f : {0.97, 0.99}) ps.push_back(f * pc[k]);
        for (const double T : Ts) {
            mixture::SaturationPoint bub, dew;
            INFO(blend_names[k] << " T=" << T);
            REQUIRE(mixture::saturation_point(b.model, b.z, mixture::SatKind::bubble, mixture::SatGiven::temperature, T,
                                              bub, ws));
            REQUIRE(mixture::saturation_point(b.model, b.z, mixture::SatKind::dew, mixture::SatGiven::temperature, T,
                                              dew, ws));
            CHECK(bub.p >= dew.p);                   // zeotropes and R513A (azeotrope at ~0.83 MPa only)
            CHECK(bub.rho_bulk > bub.rho_incipient); // the liquid is the denser phase
            CHECK(dew.rho_bulk < dew.rho_incipient);
        }
        for (const double p : ps) {
            mixture::SaturationPoint bub, dew;
            INFO(blend_names[k] << " p=" << p);
            REQUIRE(mixture::saturation_point(b.model, b.z, mixture::SatKind::bubble, mixture::SatGiven::pressure, p,
                                              bub, ws));
            REQUIRE(mixture::saturation_point(b.model, b.z, mixture::SatKind::dew, mixture::SatGiven::pressure, p, dew,
                                              ws));
            CHECK(bub.T <= dew.T + 1e-9 * dew.T);
        }
    }
}
