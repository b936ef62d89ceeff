// Random (p, h) sweep of every blend (tests/mixture/sweep.hpp): no failure, every state
// consistent. The 100 000-state version with timings is benchmarks/mixture_sweep_bench.cpp.
#include "mixture/sweep.hpp"
#include "mixture/blend_reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

// 10 000 states per blend in optimised builds (ci, asan); 1 000 in unoptimised Debug builds
// (the clang workflow), where the same sweep would take minutes.
#ifdef NDEBUG
inline constexpr std::size_t sweep_states = 10000;
#else
inline constexpr std::size_t sweep_states = 1000;
#endif

TEST_CASE("random (p, h) flashes of the blends never fail and are consistent", "[mixture][sweep]") {
    // Refrigeration range: 0.2 bar to 0.98 p_c (through the top of the dome), h from the liquid
    // at -60 C to the gas at 160 C on each isobar.
    const double pc[] = {5.3041e6, 5.2463e6, 4.6393e6, 3.7349e6, 4.6052e6, 4.5165e6, 3.6551e6, 4.9012e6};
    for (std::size_t k = 0; k < blend_names.size(); ++k) {
        const mixture::Blend& b = coolprop_traced_blend(blend_names[k]);
        const SweepResult r = run_sweep(b, sweep_states, 1000 + k, 2e4, 0.98 * pc[k], 213.15, 433.15, 50);
        INFO(blend_names[k] << ": " << r.first_problem);
        std::printf("%-6s %zu states (%zu two-phase): %zu failed, %zu inconsistent; max dev h %.1e, p %.1e, "
                    "ln f %.1e, balance %.1e; median %.0f us two-phase, %.0f us single-phase\n",
                    blend_names[k].c_str(), r.states, r.two_phase, r.failures, r.inconsistent, r.max_h_dev, r.max_p_dev,
                    r.max_fugacity_dev, r.max_balance_dev, median(r.us_two_phase), median(r.us_single_phase));
        CHECK(r.states == sweep_states);
        CHECK(r.failures == 0);
        CHECK(r.inconsistent == 0);
        CHECK(r.two_phase > sweep_states / 5); // the sweep does cross the dome
    }
}

TEST_CASE("random (p, s) flashes of the blends never fail and are consistent", "[mixture][sweep]") {
    // The same range by entropy, fewer states (the (p, s) flash shares the (p, h) code paths; this
    // checks the entropy equations and their Jacobian).
    const std::size_t states = sweep_states / 5;
    const double pc[] = {5.3041e6, 5.2463e6, 4.6393e6, 3.7349e6, 4.6052e6, 4.5165e6, 3.6551e6, 4.9012e6};
    for (std::size_t k = 0; k < blend_names.size(); ++k) {
        const mixture::Blend& b = coolprop_traced_blend(blend_names[k]);
        const SweepResult r = run_sweep(b, states, 3000 + k, 2e4, 0.98 * pc[k], 213.15, 433.15, 50, true);
        INFO(blend_names[k] << ": " << r.first_problem);
        CHECK(r.states == states);
        CHECK(r.failures == 0);
        CHECK(r.inconsistent == 0);
        CHECK(r.two_phase > states / 5);
    }
}

TEST_CASE("random (p, h) and (p, s) flashes just below the top of the envelope never fail and are consistent",
          "[mixture][sweep][envelope]") {
    // From 0.95 to 0.999 of the envelope's top pressure (which lies within ~1e-5 of the critical
    // point, tests/mixture/flash.test.cpp): glides of a few tenths of a kelvin, phases alike. Every
    // state's phase is checked against the exact bubble and dew points.
    const std::size_t states = sweep_states / 20;
    for (std::size_t k = 0; k < blend_names.size(); ++k) {
        const mixture::Blend& b = coolprop_traced_blend(blend_names[k]);
        for (const bool entropy : {false, true}) {
            const SweepResult r = run_sweep(b, states, 900 + k, 0.95 * b.envelope.p_top(), 0.999 * b.envelope.p_top(),
                                            213.15, 433.15, 1, entropy);
            INFO(blend_names[k] << (entropy ? " (p, s)" : " (p, h)") << ": " << r.first_problem);
            CHECK(r.states == states);
            CHECK(r.failures == 0);
            CHECK(r.inconsistent == 0);
            CHECK(r.two_phase > 0);
        }
    }
}
