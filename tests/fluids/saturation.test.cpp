// Saturation reference states (tests/data/fluids/<fluid>_saturation.csv, CoolProp 8.0.0 with
// superancillaries): saturation_t, saturation_p (inverse), flash_tq and flash_pq.
#include "reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

namespace {
// 1e-4 for states below 1 Pa (the reference pressure there is a fit good to about 1e-5).
double sat_tolerance(const Fluid& f, double T, double p) { return p < 1.0 ? 1e-4 : tolerance(f, T); }
} // namespace

TEST_CASE("saturation_t matches the reference tables", "[fluids][reference][saturation]") {
    for (const std::string& name : fluid_names) {
        const Fluid& f = **find_fluid(name);
        const Table t = read_table(name, "saturation");
        REQUIRE(t.rows.size() == 25);
        Worst worst(std::string(name) + " saturation_t");
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const double T = t.num(i, "T_K");
            const double tol = sat_tolerance(f, T, t.num(i, "p_Pa"));
            const Result<SaturationState> r = f.saturation_t(Temperature{T});
            INFO(name << " row " << i << " T=" << T);
            REQUIRE(r.has_value());
            CHECK(worst.add("p_bubble", deviation(r->p_bubble.si(), t.num(i, "p_Pa")), tol, i));
            CHECK(worst.add("p_dew", deviation(r->p_dew.si(), t.num(i, "p_vap_Pa")), tol, i));
            CHECK(worst.add("rho_liq", deviation(r->rho_liquid.si(), t.num(i, "rho_liq")), tol, i));
            // Below 1 Pa the reference rho'' is CoolProp's Chebyshev expansion, whose error is small
            // in absolute terms but not relative to these densities: at propane's triple point
            // (1.7e-4 Pa) it is 5.7e-4 above the ideal gas at p_sat (the non-ideal correction
            // there is ~1e-9). Entropyk returns the root of p(T, rho) = p_sat next to it
            // (saturation.hpp, issue 13), so there the check is that root, and the reference
            // only to 1e-3.
            if (t.num(i, "p_vap_Pa") < 1.0) {
                CHECK(deviation(r->rho_vapor.si(), t.num(i, "rho_vap")) < 1e-3);
                const helmholtz::Properties P = helmholtz::properties_trho(f.data(), T, r->rho_vapor.si());
                CHECK(worst.add("p(T, rho_vap)", deviation(P.p, r->p_dew.si()), 1e-10, i));
            } else {
                CHECK(worst.add("rho_vap", deviation(r->rho_vapor.si(), t.num(i, "rho_vap")), tol, i));
            }
            CHECK(worst.add("h_liq", deviation(r->h_liquid.si(), t.num(i, "h_liq"), h_floor), tol, i));
            CHECK(worst.add("h_vap", deviation(r->h_vapor.si(), t.num(i, "h_vap"), h_floor), tol, i));
            CHECK(worst.add("s_liq", deviation(r->s_liquid.si(), t.num(i, "s_liq"), s_floor), tol, i));
            CHECK(worst.add("s_vap", deviation(r->s_vapor.si(), t.num(i, "s_vap"), s_floor), tol, i));
            const Result<Pressure> ps = f.p_sat(Temperature{T});
            REQUIRE(ps.has_value());
            CHECK(worst.add("p_sat()", deviation(ps->si(), t.num(i, "p_Pa")), tol, i));
        }
        worst.print();
    }
}

TEST_CASE("saturation_p inverts the saturation curve", "[fluids][reference][saturation]") {
    for (const std::string& name : fluid_names) {
        const Fluid& f = **find_fluid(name);
        const Table t = read_table(name, "saturation");
        Worst worst(std::string(name) + " saturation_p");
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const double T = t.num(i, "T_K"), p = t.num(i, "p_Pa"), pv = t.num(i, "p_vap_Pa");
            const double tol = sat_tolerance(f, T, p);
            INFO(name << " row " << i << " T=" << T << " p=" << p);
            // Bubble side at p_bubble(T) gives T_bubble = T; dew side at p_dew(T) gives T_dew = T.
            const Result<SaturationState> rb = f.saturation_p(Pressure{p});
            REQUIRE(rb.has_value());
            CHECK(worst.add("T_bubble", deviation(rb->T_bubble.si(), T), tol, i));
            CHECK(worst.add("rho_liq", deviation(rb->rho_liquid.si(), t.num(i, "rho_liq")), p < 1.0 ? 1e-4 : 1e-5, i));
            CHECK(worst.add("h_liq", deviation(rb->h_liquid.si(), t.num(i, "h_liq"), h_floor), tol, i));
            CHECK(worst.add("s_liq", deviation(rb->s_liquid.si(), t.num(i, "s_liq"), s_floor), tol, i));
            const Result<SaturationState> rd = f.saturation_p(Pressure{pv});
            REQUIRE(rd.has_value());
            CHECK(worst.add("T_dew", deviation(rd->T_dew.si(), T), tol, i));
            CHECK(worst.add("h_vap", deviation(rd->h_vapor.si(), t.num(i, "h_vap"), h_floor), tol, i));
            CHECK(worst.add("s_vap", deviation(rd->s_vapor.si(), t.num(i, "s_vap"), s_floor), tol, i));
            const Result<Temperature> ts = f.T_sat(Pressure{p});
            REQUIRE(ts.has_value());
            CHECK(worst.add("T_sat()", deviation(ts->si(), T), tol, i));
        }
        worst.print();
    }
}

TEST_CASE("flash_tq and flash_pq at q = 0 and 1 give the saturated states", "[fluids][reference][saturation]") {
    for (const std::string& name : fluid_names) {
        const Fluid& f = **find_fluid(name);
        const Table t = read_table(name, "saturation");
        Worst worst(std::string(name) + " flash_tq/pq");
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const double T = t.num(i, "T_K"), p = t.num(i, "p_Pa"), pv = t.num(i, "p_vap_Pa");
            const double tol = sat_tolerance(f, T, p);
            INFO(name << " row " << i << " T=" << T);
            const Result<State> l = f.flash_tq(Temperature{T}, 0.0);
            const Result<State> v = f.flash_tq(Temperature{T}, 1.0);
            REQUIRE(l.has_value());
            REQUIRE(v.has_value());
            CHECK(worst.add("tq p(q=0)", deviation(l->p.si(), p), tol, i));
            CHECK(worst.add("tq p(q=1)", deviation(v->p.si(), pv), tol, i));
            CHECK(worst.add("tq rho(q=0)", deviation(l->rho.si(), t.num(i, "rho_liq")), tol, i));
            CHECK(worst.add("tq h(q=1)", deviation(v->h.si(), t.num(i, "h_vap"), h_floor), tol, i));
            CHECK(l->phase == Phase::two_phase);
            CHECK(l->quality == 0.0);
            const Result<State> pl = f.flash_pq(Pressure{p}, 0.0);
            const Result<State> pvap = f.flash_pq(Pressure{pv}, 1.0);
            REQUIRE(pl.has_value());
            REQUIRE(pvap.has_value());
            CHECK(worst.add("pq T(q=0)", deviation(pl->T.si(), T), tol, i));
            CHECK(worst.add("pq T(q=1)", deviation(pvap->T.si(), T), tol, i));
            CHECK(worst.add("pq s(q=0)", deviation(pl->s.si(), t.num(i, "s_liq"), s_floor), tol, i));
            CHECK(worst.add("pq s(q=1)", deviation(pvap->s.si(), t.num(i, "s_vap"), s_floor), tol, i));
            // Mid-dome: the lever rule on h, s and specific volume.
            const Result<State> m = f.flash_tq(Temperature{T}, 0.3);
            REQUIRE(m.has_value());
            CHECK(m->quality == 0.3);
            if (!f.pseudo_pure()) {
                const double h = 0.7 * t.num(i, "h_liq") + 0.3 * t.num(i, "h_vap");
                CHECK(worst.add("tq h(q=0.3)", deviation(m->h.si(), h, h_floor), tol, i));
            }
        }
        worst.print();
    }
}
