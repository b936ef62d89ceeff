// (p, h) and (p, s) flashes against tests/data/fluids/<fluid>_flash.csv (CoolProp 8.0.0): 24
// rows from (p, h) and 24 from (p, s) per fluid, 10 + 10 of them two-phase.
#include "reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

TEST_CASE("(p, h) and (p, s) flashes match the reference tables", "[fluids][reference][flash]") {
    for (const std::string& name : fluid_names) {
        const Fluid& f = **find_fluid(name);
        const Table t = read_table(name, "flash");
        REQUIRE(t.rows.size() == 48);
        Worst worst(std::string(name) + " flash ph/ps");
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const std::string& input = t.str(i, "input");
            const double p = t.num(i, "p_Pa"), h = t.num(i, "h"), s = t.num(i, "s"), T = t.num(i, "T_K");
            const double q = t.num(i, "quality");
            const double tol = tolerance(f, T);
            INFO(name << " row " << i << " " << input << " p=" << p << " h=" << h << " s=" << s);
            const Result<State> r = input == "PH" ? f.flash_ph(Pressure{p}, SpecificEnthalpy{h})
                                                  : f.flash_ps(Pressure{p}, SpecificEntropy{s});
            REQUIRE(r.has_value());
            const std::string tag = input == "PH" ? "ph " : "ps ";
            CHECK(worst.add(tag + "T", deviation(r->T.si(), T), tol, i));
            CHECK(worst.add(tag + "rho", deviation(r->rho.si(), t.num(i, "rho")), tol, i));
            CHECK(worst.add(tag + "h", deviation(r->h.si(), h, h_floor), tol, i));
            CHECK(worst.add(tag + "s", deviation(r->s.si(), s, s_floor), tol, i));
            CHECK(worst.add(tag + "q (abs)", std::fabs(r->quality - q), 1e-6, i));
            CHECK(phase_label(r->phase) == t.str(i, "phase"));
        }
        worst.print();
    }
}

TEST_CASE("(h, s) flash reproduces the (p, h) reference states", "[fluids][flash]") {
    for (const std::string& name : fluid_names) {
        const Fluid& f = **find_fluid(name);
        const Table t = read_table(name, "flash");
        Worst worst(std::string(name) + " flash hs");
        for (std::size_t i = 0; i < t.rows.size(); i += 3) {
            const double p = t.num(i, "p_Pa"), h = t.num(i, "h"), s = t.num(i, "s"), T = t.num(i, "T_K");
            INFO(name << " row " << i << " p=" << p << " h=" << h << " s=" << s);
            const Result<State> r = f.flash_hs(SpecificEnthalpy{h}, SpecificEntropy{s});
            REQUIRE(r.has_value());
            const double tol = 1e-5; // s is given to 12 digits; (ds/dp)_h amplifies that in liquids
            CHECK(worst.add("T", deviation(r->T.si(), T), tol, i));
            CHECK(worst.add("p", deviation(r->p.si(), p), 1e-3, i));
        }
        worst.print();
    }
}
