// The tables as a PropertyBackend: same signatures and errors as the EOS, build size and time,
// saturation calls, and the derivatives of the interpolant.
#include "sampling.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

static_assert(PropertyBackend<Fluid>);
static_assert(PropertyBackend<Tables>);

TEST_CASE("tables: build time and memory of every fluid", "[tables][build]") {
    std::printf("%-8s %10s %8s %9s %10s %10s %9s %9s\n", "fluid", "build [s]", "CPU [s]", "MB", "sat nodes",
                "grid nodes", "EOS cells", "of cells");
    for (const Fluid* fp : all_fluids()) {
        const Tables t(*fp);
        const TableInfo& i = t.info();
        std::printf("%-8s %10.3f %8.3f %9.2f %10zu %10zu %9zu %9zu\n", std::string(fp->name()).c_str(), i.build_seconds,
                    i.build_cpu_seconds, static_cast<double>(i.bytes) / 1e6, i.saturation_nodes, i.grid_nodes,
                    i.eos_cells, i.grid_cells);
        CHECK(i.bytes <= 16u * 1024u * 1024u);
        CHECK(i.failed_nodes == 0);
        CHECK(&t.fluid() == fp);
    }
}

TEST_CASE("tables: bad input gives the EOS's errors", "[tables][errors]") {
    const Fluid& f = R134a::get();
    const Tables& t = tables_for(f);
    const double nan = std::nan("");
    auto same = [](const auto& a, const auto& b) {
        REQUIRE(!a.has_value());
        REQUIRE(!b.has_value());
        CHECK(a.error().code() == Errc::fluid_error);
        CHECK(a.error().message() == b.error().message());
    };
    same(t.flash_ph(Pressure{nan}, SpecificEnthalpy{4e5}), f.flash_ph(Pressure{nan}, SpecificEnthalpy{4e5}));
    same(t.flash_ph(Pressure{-1.0}, SpecificEnthalpy{4e5}), f.flash_ph(Pressure{-1.0}, SpecificEnthalpy{4e5}));
    same(t.flash_ph(Pressure{1e9}, SpecificEnthalpy{4e5}), f.flash_ph(Pressure{1e9}, SpecificEnthalpy{4e5}));
    same(t.flash_ph(Pressure{1e5}, SpecificEnthalpy{nan}), f.flash_ph(Pressure{1e5}, SpecificEnthalpy{nan}));
    same(t.flash_ph(Pressure{1e5}, SpecificEnthalpy{-1e7}), f.flash_ph(Pressure{1e5}, SpecificEnthalpy{-1e7}));
    same(t.flash_ph(Pressure{1e5}, SpecificEnthalpy{1e8}), f.flash_ph(Pressure{1e5}, SpecificEnthalpy{1e8}));
    same(t.flash_ps(Pressure{1e5}, SpecificEntropy{nan}), f.flash_ps(Pressure{1e5}, SpecificEntropy{nan}));
    same(t.flash_tp(Temperature{100.0}, Pressure{1e5}), f.flash_tp(Temperature{100.0}, Pressure{1e5}));
    same(t.flash_tp(Temperature{300.0}, Pressure{0.0}), f.flash_tp(Temperature{300.0}, Pressure{0.0}));
    same(t.flash_pq(Pressure{1e5}, 1.5), f.flash_pq(Pressure{1e5}, 1.5));
    same(t.flash_pq(Pressure{5e6}, 0.5), f.flash_pq(Pressure{5e6}, 0.5));
    same(t.saturation_p(Pressure{5e6}), f.saturation_p(Pressure{5e6}));
    same(t.saturation_t(Temperature{400.0}), f.saturation_t(Temperature{400.0}));
    same(t.saturation_t(Temperature{nan}), f.saturation_t(Temperature{nan}));
    // R410A inside its glide: (T, p) does not fix the state.
    const Fluid& r410a = R410A::get();
    const Result<SaturationState> sat = r410a.saturation_p(Pressure{10e5});
    REQUIRE(sat.has_value());
    const Temperature mid{0.5 * (sat->T_bubble.si() + sat->T_dew.si())};
    same(tables_for(r410a).flash_tp(mid, Pressure{10e5}), r410a.flash_tp(mid, Pressure{10e5}));
}

TEST_CASE("tables: saturation calls match the EOS", "[tables][saturation]") {
    for (const Fluid* fp : all_fluids()) {
        const Fluid& f = *fp;
        const Tables t(f);
        ErrorStat e;
        std::mt19937_64 g(51);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (int k = 0; k < 400; ++k) {
            const double T = f.T_min().si() + (f.T_critical().si() - 1.0 - f.T_min().si()) * u(g);
            const Result<SaturationState> a = t.saturation_t(Temperature{T});
            const Result<SaturationState> b = f.saturation_t(Temperature{T});
            REQUIRE(a.has_value());
            REQUIRE(b.has_value());
            for (double d : {rel(a->p_bubble.si(), b->p_bubble.si()), rel(a->p_dew.si(), b->p_dew.si()),
                             rel(a->rho_liquid.si(), b->rho_liquid.si()), rel(a->rho_vapor.si(), b->rho_vapor.si()),
                             rel_s(f, a->s_liquid.si(), b->s_liquid.si()), rel_s(f, a->s_vapor.si(), b->s_vapor.si()),
                             rel(a->h_vapor.si(), b->h_vapor.si())}) {
                e.add(d);
                CHECK(d <= 1e-8);
            }
            CHECK(std::fabs(a->h_liquid.si() - b->h_liquid.si()) <= 1e-8 * std::fabs(b->h_vapor.si()));
            const Result<SaturationState> c = t.saturation_p(b->p_bubble);
            const Result<SaturationState> d = f.saturation_p(b->p_bubble);
            REQUIRE(c.has_value());
            REQUIRE(d.has_value());
            CHECK(rel(c->T_bubble.si(), d->T_bubble.si()) <= 1e-9);
            CHECK(rel(c->T_dew.si(), d->T_dew.si()) <= 1e-9);
        }
        std::printf("%-8s saturation_t: max relative deviation %.1e\n", std::string(f.name()).c_str(), e.max);
    }
}

TEST_CASE("tables: derivatives of the interpolant", "[tables][derivatives]") {
    for (const char* name : {"R134a", "R744", "Water"}) {
        const Fluid& f = **find_fluid(name);
        const Tables& t = tables_for(f);
        double worst = 0.0;
        for (const State& e : random_single_phase(f, 300, 61)) {
            const Result<StateWithDerivatives> r = t.flash_ph_with_derivatives(e.p, e.h);
            REQUIRE(r.has_value());
            if (!r->from_table) continue;
            const double p = e.p.si(), h = e.h.si();
            const double dp = 1e-4 * p, dh = 1e-4 * std::max(std::fabs(r->state.cp.si()), 100.0);
            // Central differences of the tables themselves (same cell: the interpolant is C1).
            const Result<State> a = t.flash_ph(Pressure{p - dp}, e.h), b = t.flash_ph(Pressure{p + dp}, e.h);
            const Result<State> c = t.flash_ph(e.p, SpecificEnthalpy{h - dh}),
                                d = t.flash_ph(e.p, SpecificEnthalpy{h + dh});
            if (!a || !b || !c || !d || !t.covers_ph(Pressure{p - dp}, e.h) || !t.covers_ph(Pressure{p + dp}, e.h) ||
                !t.covers_ph(e.p, SpecificEnthalpy{h - dh}) || !t.covers_ph(e.p, SpecificEnthalpy{h + dh}))
                continue;
            INFO(name << " p = " << p << " h = " << h);
            const PhDerivatives& D = r->d;
            auto close = [](double fd, double an, double scale) { return std::fabs(fd - an) <= 1e-4 * scale; };
            CHECK(close((d->T.si() - c->T.si()) / (2 * dh), D.dT_dh, std::fabs(D.dT_dh)));
            CHECK(close((b->T.si() - a->T.si()) / (2 * dp), D.dT_dp, std::fabs(D.dT_dp) + 1e-3 * e.T.si() / p));
            CHECK(close((d->rho.si() - c->rho.si()) / (2 * dh), D.drho_dh, std::fabs(D.drho_dh)));
            CHECK(
                close((b->rho.si() - a->rho.si()) / (2 * dp), D.drho_dp, std::fabs(D.drho_dp) + 1e-3 * e.rho.si() / p));
            CHECK(close((d->s.si() - c->s.si()) / (2 * dh), D.ds_dh, std::fabs(D.ds_dh)));
            // And the thermodynamic identities: (ds/dh)_p = 1/T, (ds/dp)_h = -1/(rho T).
            CHECK(std::fabs(D.ds_dh * e.T.si() - 1.0) <= 1e-5);
            const double id = std::fabs(-D.ds_dp * e.rho.si() * e.T.si() - 1.0);
            worst = std::max(worst, id);
            CHECK(id <= 1e-4);
        }
        std::printf("%-8s (ds/dp)_h of the interpolant vs -1/(rho T): max relative deviation %.1e\n", name, worst);
    }
}
