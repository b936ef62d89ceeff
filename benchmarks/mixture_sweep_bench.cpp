// 100 000 random (p, h) flashes per blend on the multi-fluid EOS (issue 18), then as many (p, s)
// flashes: failures, consistency (tests/mixture/sweep.hpp) and the per-call time, median and
// 99th percentile, two-phase and single-phase apart. A plain program (one long run, not a
// microbenchmark):
//
//   build/release/benchmarks/entropyk_mixture_sweep_bench [states per blend = 100000]
#include <cstdio>
#include <cstdlib>

#include "mixture/blend_reference.hpp"
#include "mixture/sweep.hpp"

using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

namespace {
double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    const auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + k, v.end());
    return v[static_cast<std::size_t>(k)];
}
} // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? static_cast<std::size_t>(std::strtoul(argv[1], nullptr, 10)) : 100000;
    const double pc[] = {5.3041e6, 5.2463e6, 4.6393e6, 3.7349e6, 4.6052e6, 4.5165e6, 3.6551e6, 4.9012e6};
    std::size_t bad = 0;
    for (const bool entropy : {false, true}) {
        std::printf("%s flashes\n", entropy ? "(p, s)" : "(p, h)");
        std::printf("%-6s %8s %8s %6s %6s %10s %10s %10s %10s %9s %9s\n", "blend", "states", "2-phase", "fail",
                    "incons", "med 2ph us", "p99 2ph us", "med 1ph us", "p99 1ph us", "max ln f",
                    entropy ? "max s dev" : "max h dev");
        for (std::size_t k = 0; k < blend_names.size(); ++k) {
            const mixture::Blend& b = coolprop_traced_blend(blend_names[k]);
            const SweepResult r = run_sweep(b, n, 77000 + k, 2e4, 0.98 * pc[k], 213.15, 433.15, 100, entropy);
            std::printf("%-6s %8zu %8zu %6zu %6zu %10.1f %10.1f %10.1f %10.1f %9.1e %9.1e\n", blend_names[k].c_str(),
                        r.states, r.two_phase, r.failures, r.inconsistent, percentile(r.us_two_phase, 0.5),
                        percentile(r.us_two_phase, 0.99), percentile(r.us_single_phase, 0.5),
                        percentile(r.us_single_phase, 0.99), r.max_fugacity_dev, r.max_h_dev);
            for (const std::string& s : r.problems) std::printf("    %s\n", s.c_str());
            bad += r.failures + r.inconsistent;
        }
    }
    return bad == 0 ? 0 : 1;
}
