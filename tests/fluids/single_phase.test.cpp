// Single-phase reference states (tests/data/fluids/<fluid>_single_phase.csv, CoolProp 8.0.0):
// flash (T, p) -> rho, h, s, cp, cv, w, phase; and (T, rho) -> the same properties.
#include "reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

TEST_CASE("single-phase (T, p) flash matches the reference tables", "[fluids][reference]") {
    for (const std::string& name : fluid_names) {
        const Fluid& f = **find_fluid(name);
        const Table t = read_table(name, "single_phase");
        REQUIRE(t.rows.size() == 40);
        Worst worst(std::string(name) + " (T,p)");
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const double T = t.num(i, "T_K"), p = t.num(i, "p_Pa");
            const double tol = tolerance(f, T);
            const Result<State> r = f.flash_tp(Temperature{T}, Pressure{p});
            INFO(name << " row " << i << " T=" << T << " p=" << p);
            REQUIRE(r.has_value());
            CHECK(worst.add("rho", deviation(r->rho.si(), t.num(i, "rho")), tol, i));
            CHECK(worst.add("h", deviation(r->h.si(), t.num(i, "h"), h_floor), tol, i));
            CHECK(worst.add("s", deviation(r->s.si(), t.num(i, "s"), s_floor), tol, i));
            CHECK(worst.add("cp", deviation(r->cp.si(), t.num(i, "cp")), tol, i));
            CHECK(worst.add("cv", deviation(r->cv.si(), t.num(i, "cv")), tol, i));
            CHECK(worst.add("w", deviation(r->w.si(), t.num(i, "w")), tol, i));
            CHECK(phase_label(r->phase) == t.str(i, "phase"));
            CHECK(r->quality == -1.0);
        }
        worst.print();
    }
}

TEST_CASE("single-phase (T, rho) states match the reference tables", "[fluids][reference]") {
    for (const std::string& name : fluid_names) {
        const Fluid& f = **find_fluid(name);
        const Table t = read_table(name, "single_phase");
        Worst worst(std::string(name) + " (T,rho)");
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const double T = t.num(i, "T_K"), p = t.num(i, "p_Pa"), rho = t.num(i, "rho");
            const double tol = tolerance(f, T);
            const Result<State> r = f.state_trho(Temperature{T}, Density{rho});
            INFO(name << " row " << i << " T=" << T << " rho=" << rho);
            REQUIRE(r.has_value());
            // rho has 12 digits; in a stiff liquid that alone moves p by far more than 1e-6, so p
            // is checked through the density it implies: (p - p_ref) / (rho dp/drho).
            const Result<State> ref = f.flash_tp(Temperature{T}, Pressure{p});
            REQUIRE(ref.has_value());
            const double drho = std::fabs(ref->rho.si() - rho) / rho;
            CHECK(worst.add("p (as rho)", drho, 1e-10, i));
            CHECK(worst.add("h", deviation(r->h.si(), t.num(i, "h"), h_floor), tol, i));
            CHECK(worst.add("s", deviation(r->s.si(), t.num(i, "s"), s_floor), tol, i));
            CHECK(worst.add("cp", deviation(r->cp.si(), t.num(i, "cp")), tol, i));
            CHECK(worst.add("cv", deviation(r->cv.si(), t.num(i, "cv")), tol, i));
            CHECK(worst.add("w", deviation(r->w.si(), t.num(i, "w")), tol, i));
            CHECK(phase_label(r->phase) == t.str(i, "phase"));
        }
        worst.print();
    }
}
