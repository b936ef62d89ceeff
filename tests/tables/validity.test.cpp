// Issue 13 for the property tables (fluids::Tables): bad inputs are refused with the EOS's
// messages, the reported corner cases, a seeded sweep of (T, p), (p, h), (p, s), (p, q) over each
// fluid's range and corners with the contract of tests/fluids/contract.hpp, and every OK table
// state against the EOS (1e-5 relative, the tables' promise).
#include <string>

#include "../fluids/contract.hpp"
#include "sampling.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

namespace {
void same_refusal(const Result<State>& t, const Result<State>& e) {
    REQUIRE_FALSE(t.has_value());
    REQUIRE_FALSE(e.has_value());
    CHECK(t.error().code() == Errc::fluid_error);
    CHECK_FALSE(t.error().message().empty());
    CHECK(t.error().message() == e.error().message());
}
} // namespace

TEST_CASE("tables, issue 13a: subnormal, zero, negative, NaN and infinite inputs are refused", "[tables][issue13]") {
    for (const Fluid* fp : all_fluids()) {
        const Fluid& f = *fp;
        const Tables& t = tables_for(f);
        INFO(f.name());
        std::vector<double> bad = bad_positive_inputs();
        bad.push_back(0.5e-6); // a normal number below p_min
        for (const double x : bad) {
            INFO(x);
            same_refusal(t.flash_tp(Temperature{300.0}, Pressure{x}), f.flash_tp(Temperature{300.0}, Pressure{x}));
            same_refusal(t.flash_ph(Pressure{x}, SpecificEnthalpy{4e5}),
                         f.flash_ph(Pressure{x}, SpecificEnthalpy{4e5}));
            same_refusal(t.flash_ps(Pressure{x}, SpecificEntropy{2e3}), f.flash_ps(Pressure{x}, SpecificEntropy{2e3}));
            same_refusal(t.flash_pq(Pressure{x}, 0.5), f.flash_pq(Pressure{x}, 0.5));
            CHECK_FALSE(t.saturation_p(Pressure{x}).has_value());
            if (x <= 0.0 || !std::isfinite(x)) {
                same_refusal(t.flash_tp(Temperature{x}, Pressure{1e5}), f.flash_tp(Temperature{x}, Pressure{1e5}));
                CHECK_FALSE(t.saturation_t(Temperature{x}).has_value());
            }
        }
        for (const double y : {std::nan(""), HUGE_VAL, -HUGE_VAL}) {
            same_refusal(t.flash_ph(Pressure{1e5}, SpecificEnthalpy{y}),
                         f.flash_ph(Pressure{1e5}, SpecificEnthalpy{y}));
            same_refusal(t.flash_ps(Pressure{1e5}, SpecificEntropy{y}), f.flash_ps(Pressure{1e5}, SpecificEntropy{y}));
            same_refusal(t.flash_pq(Pressure{1e5}, y), f.flash_pq(Pressure{1e5}, y));
        }
        // At p_min the answers are finite (the EOS serves them: below the triple point).
        const Result<State> lo = t.flash_tp(Temperature{300.0}, f.p_min());
        REQUIRE(lo.has_value());
        CHECK(state_defect(*lo).empty());
    }
}

TEST_CASE("tables, issue 13b-d: the reported cases", "[tables][issue13]") {
    const Tables& r410a = tables_for(R410A::get());
    for (double s = 0.0; s <= 150.0; s += 10.0) CHECK_FALSE(r410a.flash_ps(Pressure{5.88e6}, SpecificEntropy{s}));
    const Result<State> tp = r410a.flash_tp(Temperature{290.0}, Pressure{5.88e6});
    REQUIRE(tp.has_value());
    CHECK(std::fabs(tp->rho.si() - 1131.0) < 5.0);
    const Tables& r290 = tables_for(R290::get());
    const Result<State> c = r290.flash_tp(Temperature{92.29}, Pressure{1.0746});
    REQUIRE(c.has_value());
    CHECK(c->p.si() == 1.0746);
    CHECK(c->T.si() == 92.29);
    // (T, q) is not a table call; saturation_t at T_min gives the ancillary pressures.
    const Result<SaturationState> sat = r410a.saturation_t(Temperature{200.0});
    REQUIRE(sat.has_value());
    CHECK(sat->T_bubble.si() == 200.0);
    CHECK(sat->T_dew.si() == 200.0);
}

TEST_CASE("tables, issue 13: seeded sweep over the range and corners, against the EOS", "[tables][issue13][sweep]") {
    Tally total;
    for (const Fluid* fp : all_fluids()) {
        const Fluid& f = *fp;
        const Tables& tab = tables_for(f);
        Rng g(0x7ab1e5 + f.name().size() * 131 + static_cast<std::uint64_t>(f.name()[1]));
        const double h_floor = f.gas_constant() * f.T_critical().si(), s_floor = f.gas_constant();
        for (const Pair k : {Pair::TP, Pair::PH, Pair::PS, Pair::PQ}) {
            Tally t;
            const int n = 2000;
            ErrorStat eT, erho, eh, es;
            for (int i = 0; i < n; ++i) {
                double a = 0.0, b = 0.0;
                Result<State> r = ThermoError(Errc::fluid_error, "not called");
                Result<State> e = r;
                switch (k) {
                case Pair::TP:
                    a = draw_T(f, g), b = draw_p(f, g);
                    r = tab.flash_tp(Temperature{a}, Pressure{b});
                    e = f.flash_tp(Temperature{a}, Pressure{b});
                    break;
                case Pair::PH:
                    a = draw_p(f, g), b = draw_y(f, a, false, g);
                    r = tab.flash_ph(Pressure{a}, SpecificEnthalpy{b});
                    e = f.flash_ph(Pressure{a}, SpecificEnthalpy{b});
                    break;
                case Pair::PS:
                    a = draw_p(f, g), b = draw_y(f, a, true, g);
                    r = tab.flash_ps(Pressure{a}, SpecificEntropy{b});
                    e = f.flash_ps(Pressure{a}, SpecificEntropy{b});
                    break;
                default:
                    a = draw_p(f, g), b = draw_q(g);
                    r = tab.flash_pq(Pressure{a}, b);
                    e = f.flash_pq(Pressure{a}, b);
                    break;
                }
                check_result(f, k, a, b, r, t);
                if (r.has_value() != e.has_value()) {
                    t.fail(fmt(pair_name(k), a, b, r ? &*r : nullptr, r ? "EOS refuses it" : "EOS answers it"));
                    continue;
                }
                if (!r) continue;
                // The accuracy promise of the tables (docs/fluids.md) excludes states within 1 K of
                // T_c, as the accuracy tests do. A two-phase density is compared through q
                // (absolute 1e-6): at tiny p, v = (1-q) v' + q v'' makes rho of a state with q = 1e-12
                // move by 1 % per 1e-12 of q. On the saturation curve one side may call a state
                // saturated (q = 0 or 1) and the other single-phase: compared as the same state.
                if (std::fabs(e->T.si() - f.T_critical().si()) < 1.0) continue;
                eT.add(rel_dev(r->T.si(), e->T.si()));
                eh.add(rel_dev(r->h.si(), e->h.si(), h_floor));
                es.add(rel_dev(r->s.si(), e->s.si(), s_floor));
                const bool two = r->phase == Phase::two_phase || e->phase == Phase::two_phase;
                const double qr =
                    r->phase == Phase::two_phase ? r->quality : (r->rho.si() > f.rho_critical().si() ? 0.0 : 1.0);
                const double qe =
                    e->phase == Phase::two_phase ? e->quality : (e->rho.si() > f.rho_critical().si() ? 0.0 : 1.0);
                bool good = rel_dev(r->T.si(), e->T.si()) <= 1e-5 && rel_dev(r->h.si(), e->h.si(), h_floor) <= 1e-5 &&
                            rel_dev(r->s.si(), e->s.si(), s_floor) <= 1e-5;
                if (two) {
                    good = good && std::fabs(qr - qe) <= 1e-6;
                } else {
                    erho.add(rel_dev(r->rho.si(), e->rho.si()));
                    good = good && rel_dev(r->rho.si(), e->rho.si()) <= 1e-5;
                }
                if (!good) t.fail(fmt(pair_name(k), a, b, &*r, "differs from the EOS by more than 1e-5"));
            }
            const std::string title = std::string(f.name()) + " tables " + pair_name(k);
            t.report(title.c_str());
            std::printf("%-40s vs EOS max: T %.1e rho %.1e h %.1e s %.1e\n", "", eT.max, erho.max, eh.max, es.max);
            CHECK(t.failed == 0);
            CHECK(t.ok * 10 > static_cast<std::size_t>(n));
            total.ok += t.ok;
            total.refused += t.refused;
            total.failed += t.failed;
        }
    }
    total.report("all fluids, tables");
}

TEST_CASE("tables: states beyond the tables' T_max are answered, as by the EOS, continuously across T_max",
          "[tables][extrapolation]") {
    for (const Fluid* fp : all_fluids()) {
        const Fluid& f = *fp;
        const Tables& tab = tables_for(f);
        const double Tm = f.T_max().si(), Te = f.T_max_extrapolated().si();
        if (!(Te > Tm)) continue;
        const double pc = f.p_critical().si();
        for (const double p : {1e3, 1e5, 0.5 * pc, 2.0 * pc, std::min(10.0 * pc, f.p_max().si())}) {
            INFO(f.name() << " p = " << p);
            // Beyond T_max the tables hand over to the EOS: identical states.
            for (const double T : {Tm + 1e-3, Tm + 1.0, 0.5 * (Tm + Te), Te}) {
                INFO("T = " << T);
                const Result<State> e = f.flash_tp(Temperature{T}, Pressure{p});
                REQUIRE(e.has_value());
                CHECK_FALSE(tab.covers_tp(Temperature{T}, Pressure{p}));
                CHECK_FALSE(tab.covers_ph(Pressure{p}, e->h));
                for (const Result<State>& r : {tab.flash_tp(Temperature{T}, Pressure{p}),
                                               tab.flash_ph(Pressure{p}, e->h), tab.flash_ps(Pressure{p}, e->s)}) {
                    REQUIRE(r.has_value());
                    CHECK(state_defect(*r).empty());
                    CHECK(rel_dev(r->T.si(), T) < 1e-9);
                    CHECK(rel_dev(r->rho.si(), e->rho.si()) < 1e-9);
                    CHECK(rel_dev(r->h.si(), e->h.si(), f.gas_constant() * f.T_critical().si()) < 1e-9);
                }
            }
            // Across T_max: the step from the last table state (T_max - d) to the first EOS state
            // (T_max + d) equals the EOS's own step to within the tables' accuracy (1e-6), i.e.
            // (above - below) - (above - eos_below) = eos_below - below is that small.
            const double d = 1e-3;
            const Result<State> below = tab.flash_tp(Temperature{Tm - d}, Pressure{p});
            const Result<State> above = tab.flash_tp(Temperature{Tm + d}, Pressure{p});
            const Result<State> e_below = f.flash_tp(Temperature{Tm - d}, Pressure{p});
            REQUIRE((below && above && e_below));
            // (At a few of these isobars the tables hand over to the EOS already at T_max - d:
            // the inversion in T does not reach the edge node. Then the step is the EOS's own.)
            const double jump_rho = (above->rho.si() - below->rho.si()) - (above->rho.si() - e_below->rho.si());
            const double jump_h = (above->h.si() - below->h.si()) - (above->h.si() - e_below->h.si());
            const double jump_s = (above->s.si() - below->s.si()) - (above->s.si() - e_below->s.si());
            CHECK(std::fabs(jump_rho) <= 1e-6 * e_below->rho.si());
            CHECK(std::fabs(jump_h) <=
                  1e-6 * std::max(std::fabs(e_below->h.si()), f.gas_constant() * f.T_critical().si()));
            CHECK(std::fabs(jump_s) <= 1e-6 * std::max(std::fabs(e_below->s.si()), f.gas_constant()));
            // cp from the interpolant just below, from the EOS just above: within the tables' cp
            // accuracy (1e-4).
            CHECK(rel_dev(below->cp.si(), above->cp.si()) < 1e-4);
        }
    }
}
