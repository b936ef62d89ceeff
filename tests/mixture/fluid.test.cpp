// Blends as fluids::Fluid objects: lookup by name and composition, the registry's identity
// guarantees, the flashes equal the direct mixture calls, the limits and the error texts.
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "entropyk/fluids/fluid.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;

namespace {
std::string error_of(const auto& r) {
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code() == Errc::fluid_error);
    return std::string(r.error().message());
}
} // namespace

TEST_CASE("find_fluid makes every predefined blend and returns the same object again", "[mixture][fluid]") {
    for (std::string_view n : predefined_blend_names) {
        INFO(n);
        const Result<const Fluid*> f = find_fluid(n);
        REQUIRE(f.has_value());
        CHECK((*f)->name() == n);
        CHECK((*f)->is_blend());
        CHECK_FALSE((*f)->pseudo_pure());
        CHECK((*f)->aliases().empty());
        REQUIRE((*f)->blend() != nullptr);
        CHECK((*f)->molar_mass() == (*f)->blend()->M);
        CHECK(*find_fluid(n) == *f);
        // Limits: the critical point lies inside the range; saturation just below it exists.
        CHECK((*f)->T_min().si() < (*f)->T_critical().si());
        CHECK((*f)->T_critical().si() < (*f)->T_max().si());
        CHECK((*f)->p_critical().si() < (*f)->p_max().si());
        const Result<SaturationState> s = (*f)->saturation_p(Pressure{0.9 * (*f)->p_critical().si()});
        REQUIRE(s.has_value());
        CHECK(s->T_dew.si() >= s->T_bubble.si());
    }
    // Case and the .mix suffix; plain R410A stays the pseudo-pure fluid.
    CHECK(*find_fluid("r454b") == *find_fluid("R454B"));
    CHECK(*find_fluid("R454B.mix") == *find_fluid("R454B"));
    CHECK(*find_fluid("r410a.MIX") == *find_fluid("R410A.mix"));
    CHECK_FALSE((*find_fluid("R410A"))->is_blend());
    CHECK((*find_fluid("R410A"))->pseudo_pure());
    for (const Fluid* f : all_fluids()) CHECK_FALSE(f->is_blend());
}

TEST_CASE("a composition by mass is a fluid, found again in canonical form", "[mixture][fluid]") {
    const Result<const Fluid*> f = find_fluid("R32[0.689]&R1234yf[0.311]");
    REQUIRE(f.has_value());
    CHECK((*f)->name() == "R32[0.689]&R1234yf[0.311]");
    CHECK(*find_fluid("r32[0.6890]&R1234YF[3.11e-1]") == *f);
    const mixture::Blend& b = *(*f)->blend();
    const mixture::Blend& r454b = *(*find_fluid("R454B"))->blend();
    CHECK(std::fabs(b.z[0] - r454b.z[0]) <= 2e-8);
    CHECK(std::fabs(b.w[0] - 0.689) <= 1e-15);
}

TEST_CASE("blend flashes through Fluid equal the direct mixture calls", "[mixture][fluid]") {
    const Fluid& f = **find_fluid("R454B");
    const mixture::Blend& b = *f.blend();
    mixture::Workspace ws;
    mixture::FlashState m;
    const double p = 8e5;

    // Two-phase (p, h): T between bubble and dew, quality the mass vapour fraction.
    const SaturationState sat = *f.saturation_p(Pressure{p});
    const double h = 0.5 * (sat.h_liquid.si() + sat.h_vapor.si());
    REQUIRE(mixture::flash_ph(b, p, h, m, ws));
    const State s = *f.flash_ph(Pressure{p}, SpecificEnthalpy{h});
    CHECK(s.phase == Phase::two_phase);
    CHECK(s.T.si() == m.T);
    CHECK(s.rho.si() == m.rho);
    CHECK(s.s.si() == m.s);
    CHECK(s.quality == m.q_mass);
    CHECK(s.cp.si() == undefined_in_two_phase);
    CHECK(s.u.si() == m.h - m.p / m.rho);
    CHECK(s.T.si() > sat.T_bubble.si());
    CHECK(s.T.si() < sat.T_dew.si());

    // Superheated vapour (p, T) and back through (p, s).
    REQUIRE(mixture::flash_pt(b, p, 300.0, m, ws));
    const State v = *f.flash_tp(Temperature{300.0}, Pressure{p});
    CHECK(v.phase == Phase::vapor);
    CHECK(v.h.si() == m.h);
    CHECK(v.cp.si() == m.single.cp);
    CHECK(v.w.si() == m.single.w);
    REQUIRE(mixture::flash_ps(b, p, v.s.si(), m, ws));
    CHECK(f.flash_ps(Pressure{p}, v.s)->T.si() == m.T);
    CHECK(std::fabs(m.T - 300.0) <= 1e-9);

    // Subcooled liquid.
    const State l = *f.flash_tp(Temperature{250.0}, Pressure{p});
    CHECK(l.phase == Phase::liquid);

    // (p, q) and (T, q) on the saturation curves: the bubble and dew points.
    REQUIRE(mixture::flash_pq(b, p, 0.3, m, ws));
    CHECK(f.flash_pq(Pressure{p}, 0.3)->T.si() == m.T);
    // (the saturation calls start from the envelope, the (p, q) flash from Wilson's K: the same
    // converged point to rounding)
    CHECK(std::fabs(f.flash_pq(Pressure{p}, 0.0)->T.si() - sat.T_bubble.si()) <= 1e-10 * sat.T_bubble.si());
    CHECK(std::fabs(f.flash_pq(Pressure{p}, 1.0)->T.si() - sat.T_dew.si()) <= 1e-10 * sat.T_dew.si());
    REQUIRE(mixture::flash_tq(b, 270.0, 0.5, m, ws));
    CHECK(f.flash_tq(Temperature{270.0}, 0.5)->p.si() == m.p);

    // Saturation at T: bubble pressure above dew pressure; p_sat/T_sat give the bubble point.
    const SaturationState st = *f.saturation_t(Temperature{270.0});
    CHECK(st.p_bubble.si() > st.p_dew.si());
    CHECK(f.p_sat(Temperature{270.0})->si() == st.p_bubble.si());
    CHECK(f.T_sat(Pressure{p})->si() == sat.T_bubble.si());
    // R454B's glide at 8 bar is about 1.2 K.
    CHECK(sat.T_dew.si() - sat.T_bubble.si() > 0.8);
    CHECK(sat.T_dew.si() - sat.T_bubble.si() < 2.0);

    // (T, rho) of a stable single-phase state reproduces it; inside the dome it is refused.
    const State back = *f.state_trho(v.T, v.rho);
    CHECK(std::fabs(back.h.si() - v.h.si()) <= 1e-9 * std::fabs(v.h.si()) + 1e-6);
    CHECK(error_of(f.state_trho(s.T, s.rho)).find("is not a stable single-phase state of the blend") !=
          std::string::npos);
}

TEST_CASE("blend errors are values with exact messages", "[mixture][fluid][errors]") {
    const Fluid& f = **find_fluid("R454B");
    const double pc = f.p_critical().si(), Tc = f.T_critical().si();
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "R454B: no saturation state at p = %g Pa (bubble and dew points exist for p < %g Pa, the top of the "
                  "blend's phase envelope)",
                  pc, pc);
    CHECK(error_of(f.saturation_p(f.p_critical())) == buf);
    std::snprintf(buf, sizeof buf,
                  "R454B: no saturation state at T = %g K (bubble and dew points exist for %g K <= T < %g K)", Tc,
                  f.T_min().si(), Tc);
    CHECK(error_of(f.saturation_t(f.T_critical())) == buf);
    CHECK(error_of(f.flash_pq(Pressure{8e5}, 1.5)) == "R454B: quality = 1.5 is outside [0, 1]");
    CHECK(error_of(f.flash_ph(Pressure{8e5}, SpecificEnthalpy{NAN})) == "R454B: h = nan J/kg is not a finite number");
    CHECK(error_of(f.flash_hs(SpecificEnthalpy{4e5}, SpecificEntropy{1.7e3})) ==
          "R454B: the (h, s) flash is not available for blends");
    std::snprintf(buf, sizeof buf, "R454B: T = 1000 K is outside the blend's range %g K to %g K", f.T_min().si(),
                  f.T_max().si());
    CHECK(error_of(f.flash_tp(Temperature{1000.0}, Pressure{1e5})) == buf);
    std::snprintf(buf, sizeof buf, "R454B: p = -1 Pa is outside the blend's range 1e-06 Pa to %g Pa", f.p_max().si());
    CHECK(error_of(f.flash_ph(Pressure{-1.0}, SpecificEnthalpy{4e5})) == buf);

    CHECK(error_of(find_fluid("R32[0.5]&R1234yf[0.4]")) ==
          "invalid blend \"R32[0.5]&R1234yf[0.4]\": the mass fractions do not sum to 1");
    CHECK(error_of(find_fluid("R32[0.5]&R143a[0.5]")) ==
          "no fitted binary parameters for R32/R143a; the mixture is not supported");
    CHECK(error_of(find_fluid("R32[0.5]&R410A[0.5]")) == "\"R410A\" is not a pure fluid usable in a mixture");
    CHECK(error_of(find_fluid("R32[0.5]&R12[0.5]")) == "\"R12\" is not a pure fluid usable in a mixture");
    CHECK(error_of(find_fluid("R9999")) ==
          "unknown fluid \"R9999\"; known fluids: " + std::string(data::known_fluids_text) +
              "; blends: R454B, R452B, R407C, R404A, R448A, R449A, R513A, R410A.mix, A[w]&B[w]");
}

TEST_CASE("threads making the same blend at once get one object", "[mixture][fluid][threads]") {
    // No other test of this binary loads R452B, so (in test order) these threads race to create it;
    // whoever wins, every thread must get the same object and the same flash.
    constexpr int n = 4;
    std::vector<const Fluid*> got(n, nullptr);
    std::vector<double> T(n, 0.0);
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i)
        threads.emplace_back([i, &got, &T] {
            const Result<const Fluid*> f = find_fluid(i % 2 == 0 ? "R452B" : "r452b.mix");
            if (!f) return;
            got[static_cast<std::size_t>(i)] = *f;
            const Result<State> s = (*f)->flash_pq(Pressure{1e6}, 0.5);
            if (s) T[static_cast<std::size_t>(i)] = s->T.si();
        });
    for (auto& t : threads) t.join();
    for (int i = 0; i < n; ++i) {
        CHECK(got[static_cast<std::size_t>(i)] != nullptr);
        CHECK(got[static_cast<std::size_t>(i)] == got[0]);
        CHECK(T[static_cast<std::size_t>(i)] == T[0]);
    }
    CHECK(T[0] > 250.0);
}

TEST_CASE("at most 64 user compositions load, the 65th is refused with its message", "[mixture][fluid][errors]") {
    // The registry keeps every loaded composition for the life of the process, so it caps their
    // number (detail::max_user_blends). Count from what this process already loaded (other test
    // cases of the binary, when it runs as a whole), fill up to the cap with distinct R32/R1234yf
    // compositions (the cheapest to trace: two components), then one more. Each load traces an
    // envelope (~12 ms optimised, ~60 ms unoptimised: about 1 s / 4 s in all).
    REQUIRE(detail::max_user_blends == 64);
    const std::size_t before = detail::blend_registry().user_count;
    REQUIRE(before < detail::max_user_blends);
    char spec[64];
    std::vector<const Fluid*> loaded;
    for (std::size_t k = 0; before + k < detail::max_user_blends; ++k) {
        std::snprintf(spec, sizeof spec, "R32[%.3f]&R1234yf[%.3f]", 0.4 + 0.003 * static_cast<double>(k),
                      0.6 - 0.003 * static_cast<double>(k));
        const Result<const Fluid*> f = find_fluid(spec);
        INFO(spec);
        REQUIRE(f.has_value());
        loaded.push_back(*f);
    }
    CHECK(detail::blend_registry().user_count == detail::max_user_blends);
    CHECK(error_of(find_fluid("R32[0.3]&R1234yf[0.7]")) ==
          "blend \"R32[0.3]&R1234yf[0.7]\" refused: this process already loaded 64 blend compositions, the most it "
          "keeps (each stays loaded; use fewer distinct compositions)");
    CHECK(detail::blend_registry().user_count == detail::max_user_blends); // the refusal changed nothing
    // Compositions already loaded are still found (the same objects), in any spelling, and the
    // predefined blends are not counted.
    CHECK(*find_fluid("r32[0.4]&R1234YF[0.6]") == loaded.front());
    CHECK(*find_fluid(spec) == loaded.back());
    CHECK(find_fluid("R513A").has_value());
}
