// The mixture Helmholtz energy: the pure-fluid limit reproduces the pure engine, and the
// single-phase reference states of the eight blends (tests/data/blends/<blend>_single_phase.csv).
#include "entropyk/fluids/mixture/density.hpp"
#include "entropyk/fluids/mixture/derivatives.hpp"
#include "entropyk/fluids/mixture/fugacity.hpp"
#include "mixture/blend_reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

TEST_CASE("a one-component mixture is the pure fluid", "[mixture]") {
    mixture::Workspace ws;
    for (const char* name : {"R32", "R134a", "R1234yf", "R1234ze(E)", "R125", "R143a"}) {
        const std::string_view names[] = {name};
        const mixture::Model m = *mixture::make_model(names);
        const helmholtz::FluidData& d = *m.fluid[0];
        const mixture::Vec x{1.0};
        for (const double Tr : {0.6, 0.9, 1.3}) {
            for (const double dr : {0.01, 0.5, 2.5}) {
                const double T = Tr * d.T_critical, rho = dr * d.rho_critical;
                const helmholtz::Properties P = helmholtz::properties_trho(d, T, rho);
                const mixture::Properties Q = mixture::properties(m, x, T, rho / d.molar_mass, ws);
                INFO(name << " T=" << T << " rho=" << rho);
                CHECK(deviation(Q.rho, rho) <= 1e-15);
                CHECK(deviation(Q.p, P.p) <= 1e-13);
                CHECK(deviation(Q.h, P.h) <= 1e-13);
                CHECK(deviation(Q.s, P.s) <= 1e-13);
                CHECK(deviation(Q.cp, P.cp) <= 1e-13);
                CHECK(deviation(Q.cv, P.cv) <= 1e-13);
                CHECK(deviation(Q.w, P.w) <= 1e-13);
                // A pure fluid's fugacity coefficient: ln phi = alphar + delta alphar_delta - ln Z.
                const mixture::Fugacity f = mixture::fugacity(m, x, T, rho / d.molar_mass, ws);
                CHECK(deviation(f.p, P.p) <= 1e-13);
            }
        }
    }
}

TEST_CASE("mixtures refuse unknown components and pairs without fitted parameters", "[mixture]") {
    const std::string_view unknown[] = {"R32", "R9999"};
    const Result<mixture::Model> a = mixture::make_model(unknown);
    REQUIRE_FALSE(a.has_value());
    CHECK(a.error().code() == Errc::fluid_error);
    CHECK(std::string(a.error().message()) == "\"R9999\" is not a pure fluid usable in a mixture");
    const std::string_view no_pair[] = {"R32", "R143a"};
    const Result<mixture::Model> b = mixture::make_model(no_pair);
    REQUIRE_FALSE(b.has_value());
    CHECK(std::string(b.error().message()) ==
          "no fitted binary parameters for R32/R143a; the mixture is not supported");
    const std::string_view twice[] = {"R32", "r32"};
    CHECK(std::string(mixture::make_model(twice).error().message()) == "component R32 given twice");
}

TEST_CASE("the fugacity coefficients are the composition derivatives of the residual Helmholtz energy", "[mixture]") {
    // ln phi_i = d(n alphar)/dn_i at (T, V) - ln Z: check against central differences in the
    // mole numbers of n alphar(T, V, n), for the five-component R448A.
    const BlendModel b = coolprop_blend("R448A");
    const mixture::Model& m = b.model;
    mixture::Workspace ws;
    const double T = 280.0;
    // A vapour and a compressed liquid (Z > 0).
    const double rho_v = mixture::density_tp(m, b.z, T, 3e5, mixture::Root::vapor, ws);
    const double rho_l = mixture::density_tp(m, b.z, T, 3e6, mixture::Root::liquid, ws);
    REQUIRE(rho_v > 0.0);
    REQUIRE(rho_l > 1e4);
    for (const double rho : {rho_v, rho_l}) {
        const mixture::Fugacity f = mixture::fugacity(m, b.z, T, rho, ws);
        for (std::size_t i = 0; i < m.n; ++i) {
            const double h = 1e-6;
            auto n_ar = [&](double dn) {
                mixture::Vec n = b.z;
                n[i] += dn;
                double N = 0.0;
                for (std::size_t k = 0; k < m.n; ++k) N += n[k];
                mixture::Vec x{};
                for (std::size_t k = 0; k < m.n; ++k) x[k] = n[k] / N;
                return N * mixture::residual(m, x, T, rho * N, ws).ar.a; // V = 1/rho fixed: rho_N = N rho
            };
            const double d = (n_ar(h) - n_ar(-h)) / (2.0 * h);
            INFO("component " << i << " rho " << rho);
            CHECK(std::fabs(f.ln_phi[i] - (d - std::log(f.Z))) <= 1e-8);
        }
    }
}

TEST_CASE("single-phase states of the blends match the reference tables", "[mixture][reference]") {
    mixture::Workspace ws;
    for (const std::string& name : blend_names) {
        const BlendModel b = coolprop_blend(name);
        const Table t = read_blend_table(name, "single_phase");
        REQUIRE(t.rows.size() >= 39);
        Worst worst(name + " (T,p)");
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const double T = t.num(i, "T_K"), p = t.num(i, "p_Pa");
            const std::string region = t.str(i, "region");
            const bool gas = region == "gas" || region == "supercritical_gas";
            const double rho =
                mixture::density_tp(b.model, b.z, T, p, gas ? mixture::Root::vapor : mixture::Root::liquid, ws);
            INFO(name << " row " << i << " T=" << T << " p=" << p << " " << region);
            REQUIRE(rho > 0.0);
            const mixture::Properties P = mixture::properties(b.model, b.z, T, rho, ws);
            CHECK(worst.add("p", deviation(P.p, p), 1e-9, i));
            CHECK(worst.add("rho", deviation(P.rho, t.num(i, "rho")), 1e-6, i));
            CHECK(worst.add("h", deviation(P.h, t.num(i, "h"), h_floor), 1e-6, i));
            CHECK(worst.add("s", deviation(P.s, t.num(i, "s"), s_floor), 1e-6, i));
            CHECK(worst.add("cp", deviation(P.cp, t.num(i, "cp")), 1e-6, i));
            CHECK(worst.add("cv", deviation(P.cv, t.num(i, "cv")), 1e-6, i));
            CHECK(worst.add("w", deviation(P.w, t.num(i, "w")), 1e-6, i));
        }
        worst.print();
    }
}

TEST_CASE("the analytic derivatives of ln phi, h and s match finite differences along density solves", "[mixture]") {
    // Each derivative against a central difference of the exact functions at constant (T, p):
    // amounts n_j +- 1e-5 (ln phi is homogeneous of degree zero in them, so the difference is
    // n d ln phi_i / d n_j at n = 1 mol), T +- 1e-4 T, p +- 1e-5 p. The tolerances are the
    // differences' own truncation and rounding errors (measured: <= 3e-9 for ln phi by n, 1.5e-7 by
    // ln T, 2e-9 by ln p, 4e-10 R T for the partial molar h, 1e-7 R for c_p), except for the
    // entropy: the partial molar s (1.6e-6 R) and (ds/dp)_T (1.1e-6 relative) follow from
    // Gibbs-Duhem and Maxwell relations that the model itself satisfies only to ~1e-6 (each ideal
    // part keeps its component's gas constant, R_i / R - 1 up to 1.1e-6, while the pressure uses
    // the mixture's R). Newton needs no more.
    mixture::Workspace ws;
    for (const std::string& name : blend_names) {
        const mixture::Blend& b = coolprop_traced_blend(name);
        const mixture::Model& m = b.model;
        mixture::Vec x = b.z; // off the blend's composition, as in a phase of a split
        x[0] *= 1.3;
        double sx = 0.0;
        for (std::size_t i = 0; i < m.n; ++i) sx += x[i];
        for (std::size_t i = 0; i < m.n; ++i) x[i] /= sx;
        for (const mixture::Root root : {mixture::Root::liquid, mixture::Root::vapor}) {
            const bool liq = root == mixture::Root::liquid;
            const double T = liq ? 260.0 : 300.0, p = liq ? 20e5 : 5e5;
            const double rho = mixture::density_tp(m, x, T, p, root, ws);
            REQUIRE(rho > 0.0);
            const mixture::PhaseDerivatives d = mixture::phase_derivatives(m, x, T, rho, ws);
            const mixture::Fugacity f0 = mixture::fugacity(m, x, T, rho, ws);
            const mixture::Properties P0 = mixture::properties(m, x, T, rho, ws);
            INFO(name << (liq ? " liquid" : " vapour"));
            CHECK(deviation(d.p, p) <= 1e-12);
            CHECK(std::fabs(d.h - P0.h * P0.M) <= 1e-12 * m.R * T);
            CHECK(std::fabs(d.s - P0.s * P0.M) <= 1e-12 * m.R * 100.0);
            auto state = [&](const mixture::Vec& amounts, double TT, double pp, mixture::Vec& lnphi, double& H,
                             double& S) {
                double s = 0.0;
                for (std::size_t i = 0; i < m.n; ++i) s += amounts[i];
                mixture::Vec xx{};
                for (std::size_t i = 0; i < m.n; ++i) xx[i] = amounts[i] / s;
                const double r = mixture::density_tp(m, xx, TT, pp, root, ws);
                REQUIRE(r > 0.0);
                lnphi = mixture::fugacity(m, xx, TT, r, ws).ln_phi;
                const mixture::Properties P = mixture::properties(m, xx, TT, r, ws);
                H = s * P.h * P.M;
                S = s * P.s * P.M;
            };
            mixture::Vec lp{}, lm{};
            double Hp, Hm, Sp, Sm;
            for (std::size_t i = 0; i < m.n; ++i) CHECK(std::fabs(d.ln_phi[i] - f0.ln_phi[i]) <= 1e-13);
            const double hn = 1e-5;
            for (std::size_t j = 0; j < m.n; ++j) {
                mixture::Vec np = x, nm = x;
                np[j] += hn;
                nm[j] -= hn;
                state(np, T, p, lp, Hp, Sp);
                state(nm, T, p, lm, Hm, Sm);
                for (std::size_t i = 0; i < m.n; ++i)
                    CHECK(std::fabs((lp[i] - lm[i]) / (2.0 * hn) - d.dlnphi_dn[i][j]) <= 2e-8);
                CHECK(std::fabs((Hp - Hm) / (2.0 * hn) - d.h_bar[j]) <= 5e-9 * m.R * T);
                CHECK(std::fabs((Sp - Sm) / (2.0 * hn) - d.s_bar[j]) <= 3e-6 * m.R);
            }
            const double dT = 1e-4 * T;
            state(x, T + dT, p, lp, Hp, Sp);
            state(x, T - dT, p, lm, Hm, Sm);
            for (std::size_t i = 0; i < m.n; ++i)
                CHECK(std::fabs(T * (lp[i] - lm[i]) / (2.0 * dT) - d.dlnphi_dlnT[i]) <= 1e-6);
            CHECK(std::fabs((Hp - Hm) / (2.0 * dT) - d.cp) <= 1e-6 * m.R);
            const double dp = 1e-5 * p;
            state(x, T, p + dp, lp, Hp, Sp);
            state(x, T, p - dp, lm, Hm, Sm);
            for (std::size_t i = 0; i < m.n; ++i)
                CHECK(std::fabs(p * (lp[i] - lm[i]) / (2.0 * dp) - d.dlnphi_dlnp[i]) <= 2e-8);
            CHECK(std::fabs(p * (Hp - Hm) / (2.0 * dp) - d.dh_dlnp) <= 1e-7 * m.R * T);
            CHECK(std::fabs(p * (Sp - Sm) / (2.0 * dp) - d.ds_dlnp) <= 1.5e-6 * std::max(m.R, std::fabs(d.ds_dlnp)));
        }
    }
}
