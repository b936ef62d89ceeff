// The extended temperature range (issue 13, part 2): single-phase gas/supercritical states up to
// Fluid::T_max_extrapolated() = max(T_max, min(1.5 T_max, 600 K)); continuity across the
// published T_max, physical sanity of the extrapolated states, round trips, the limits in the
// messages, and the compressor discharge that motivated it (R32 above its 435 K).
#include <iterator>
#include <string>
#include <vector>

#include "contract.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

namespace {
bool contains(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

/// Pressures at which the extrapolated range is checked: a low-pressure gas, 1 bar, half and twice
/// the critical pressure, ten times it and p_max.
std::vector<double> check_pressures(const Fluid& f) {
    const double pc = f.p_critical().si(), pm = f.p_max().si();
    return {1e3, 1e5, 0.5 * pc, 2.0 * pc, std::min(10.0 * pc, pm), pm};
}

State tp_state(const Fluid& f, double T, double p) {
    const Result<State> r = f.flash_tp(Temperature{T}, Pressure{p});
    INFO(f.name() << " T = " << T << " p = " << p << (r ? "" : ": ") << (r ? "" : r.error().c_str()));
    REQUIRE(r.has_value());
    return *r;
}
} // namespace

TEST_CASE("T_max_extrapolated follows the documented rule", "[fluids][extrapolation]") {
    const struct {
        const char* name;
        double T_max, T_ext;
    } expected[] = {{"R134a", 455.0, 600.0},      {"R32", 435.0, 600.0},     {"R290", 650.0, 650.0},
                    {"R744", 1100.0, 1100.0},     {"R1234yf", 410.0, 600.0}, {"R717", 725.0, 725.0},
                    {"R410A", 500.0, 600.0},      {"Water", 1273.0, 1273.0}, {"R1234ze(E)", 420.0, 600.0},
                    {"R600a", 575.0, 600.0},      {"R22", 550.0, 600.0},     {"R125", 500.0, 600.0},
                    {"R143a", 650.0, 650.0},      {"R152a", 500.0, 600.0},   {"R1270", 575.0, 600.0},
                    {"R1233zd(E)", 450.0, 600.0}, {"R227ea", 475.0, 600.0}};
    CHECK(std::size(expected) == all_fluids().size());
    for (const auto& e : expected) {
        const Fluid& f = **find_fluid(e.name);
        INFO(e.name);
        CHECK(f.T_max().si() == e.T_max);
        CHECK(f.T_max_extrapolated().si() == e.T_ext);
        CHECK(f.T_max_extrapolated().si() == std::max(e.T_max, std::min(1.5 * e.T_max, 600.0)));
    }
}

TEST_CASE("above the extended limit the message names both limits", "[fluids][extrapolation][errors]") {
    for (const Fluid* fp : all_fluids()) {
        const Fluid& f = *fp;
        INFO(f.name());
        const double T_ext = f.T_max_extrapolated().si();
        char published[64], extended[64];
        std::snprintf(published, sizeof published, "T_max = %g K", f.T_max().si());
        std::snprintf(extended, sizeof extended, "up to %g K", T_ext);
        for (const std::string& m :
             {std::string(f.flash_tp(Temperature{T_ext + 0.01}, Pressure{1e5}).error().message()),
              std::string(f.state_trho(Temperature{T_ext + 0.01}, Density{1.0}).error().message())}) {
            CHECK(contains(m, "above the maximum temperature"));
            CHECK(contains(m, published));
            CHECK(contains(m, extended));
        }
        // (p, h) and (p, s) beyond what the EOS reaches at T_max_extrapolated.
        const State top = tp_state(f, T_ext, 1e5);
        const Result<State> h = f.flash_ph(Pressure{1e5}, SpecificEnthalpy{top.h.si() + 1e4});
        REQUIRE_FALSE(h.has_value());
        CHECK(contains(std::string(h.error().message()), "above the range"));
        CHECK(contains(std::string(h.error().message()), published));
        CHECK(contains(std::string(h.error().message()), extended));
        CHECK_FALSE(f.flash_ps(Pressure{1e5}, SpecificEntropy{top.s.si() + 10.0}).has_value());
        // At the limit itself: accepted.
        CHECK(f.flash_ph(Pressure{1e5}, top.h).has_value());
        CHECK(f.flash_ps(Pressure{1e5}, top.s).has_value());
    }
}

TEST_CASE("extrapolated states are continuous across T_max, values and first derivatives", "[fluids][extrapolation]") {
    for (const Fluid* fp : all_fluids()) {
        const Fluid& f = *fp;
        const double Tm = f.T_max().si();
        if (!(f.T_max_extrapolated().si() > Tm)) continue;
        for (const double p : check_pressures(f)) {
            INFO(f.name() << " p = " << p);
            const double d = 0.01;
            const State a2 = tp_state(f, Tm - d, p), m = tp_state(f, Tm, p), b = tp_state(f, Tm + d, p);
            // One-sided difference quotients below and above T_max against the analytic values at
            // T_max: cp = (dh/dT)_p, cp/T = (ds/dT)_p. Their error is O(d) ~ 1e-5 relative here.
            const double cp_below = (m.h.si() - a2.h.si()) / d, cp_above = (b.h.si() - m.h.si()) / d;
            CHECK(rel_dev(cp_below, m.cp.si()) < 1e-4);
            CHECK(rel_dev(cp_above, m.cp.si()) < 1e-4);
            const double sT_below = (m.s.si() - a2.s.si()) / d, sT_above = (b.s.si() - m.s.si()) / d;
            CHECK(rel_dev(sT_below, m.cp.si() / Tm) < 1e-4);
            CHECK(rel_dev(sT_above, m.cp.si() / Tm) < 1e-4);
            const double drho_below = (m.rho.si() - a2.rho.si()) / d, drho_above = (b.rho.si() - m.rho.si()) / d;
            CHECK(rel_dev(drho_above, drho_below) < 1e-3);
            // cp, w continue smoothly (second-order differences of the neighbours).
            CHECK(rel_dev(0.5 * (a2.cp.si() + b.cp.si()), m.cp.si()) < 1e-6);
            CHECK(rel_dev(0.5 * (a2.w.si() + b.w.si()), m.w.si()) < 1e-6);
        }
    }
}

TEST_CASE("extrapolated states are physical: cp, cv, w > 0, h and s rise with T, p with T at fixed rho",
          "[fluids][extrapolation]") {
    for (const Fluid* fp : all_fluids()) {
        const Fluid& f = *fp;
        const double Tm = f.T_max().si(), Te = f.T_max_extrapolated().si();
        if (!(Te > Tm)) continue;
        double cp_min = 1e300, w_min = 1e300;
        for (const double p : check_pressures(f)) {
            INFO(f.name() << " p = " << p);
            State prev = tp_state(f, Tm, p);
            const double rho_fixed = prev.rho.si();
            double p_prev = prev.p.si();
            for (double T = Tm + 2.5; T <= Te + 1e-9; T += 2.5) {
                const State s = tp_state(f, T, p);
                CHECK(state_defect(s).empty());
                CHECK(s.cv.si() > 0.0);
                CHECK(s.cp.si() >= s.cv.si());
                CHECK(s.w.si() > 0.0);
                CHECK(s.h.si() > prev.h.si());
                CHECK(s.s.si() > prev.s.si());
                cp_min = std::min(cp_min, s.cp.si());
                w_min = std::min(w_min, s.w.si());
                // (T, rho) at the density of the T_max state: p rises with T.
                const Result<State> iso = f.state_trho(Temperature{T}, Density{rho_fixed});
                REQUIRE(iso.has_value());
                CHECK(state_defect(*iso).empty());
                CHECK(iso->p.si() > p_prev);
                p_prev = iso->p.si();
                // Round trips through the other single-phase flashes.
                const Result<State> ph = f.flash_ph(s.p, s.h), ps = f.flash_ps(s.p, s.s);
                REQUIRE((ph && ps));
                CHECK(rel_dev(ph->T.si(), T) < 1e-9);
                CHECK(rel_dev(ps->T.si(), T) < 1e-9);
                CHECK(rel_dev(iso->T.si(), T) == 0.0);
                prev = s;
            }
        }
        std::printf("%-8s T_max %g K -> %g K: min cp %.1f J/(kg K), min w %.1f m/s over the checked isobars\n",
                    std::string(f.name()).c_str(), Tm, Te, cp_min, w_min);
    }
}

TEST_CASE("R32 compressor discharge above 435 K (the case behind the extended range)", "[fluids][extrapolation]") {
    const Fluid& f = R32::get();
    // Suction: dew point at 0.8 MPa + 5 K superheat; isentropic efficiency 0.5 to 4.2 MPa.
    const Result<SaturationState> sat = f.saturation_p(Pressure{0.8e6});
    REQUIRE(sat.has_value());
    const State in = tp_state(f, sat->T_dew.si() + 5.0, 0.8e6);
    const Result<State> ideal = f.flash_ps(Pressure{4.2e6}, in.s);
    REQUIRE(ideal.has_value());
    const double h_out = in.h.si() + (ideal->h.si() - in.h.si()) / 0.5;
    const Result<State> out = f.flash_ph(Pressure{4.2e6}, SpecificEnthalpy{h_out});
    REQUIRE(out.has_value());
    CHECK(state_defect(*out).empty());
    CHECK(out->T.si() > 435.0);
    CHECK(out->T.si() < f.T_max_extrapolated().si());
    // The (p, s) flash at that discharge's entropy gives the same state.
    const Result<State> again = f.flash_ps(Pressure{4.2e6}, out->s);
    REQUIRE(again.has_value());
    CHECK(rel_dev(again->T.si(), out->T.si()) < 1e-9);
    CHECK(rel_dev(again->h.si(), h_out) < 1e-9);
    std::printf("R32 discharge: T_in = %.3f K, T_out,s = %.3f K, T_out = %.3f K (eta = 0.5, 0.8 -> 4.2 MPa)\n",
                in.T.si(), ideal->T.si(), out->T.si());
}
