// (p, h) property tables of the eight blends (tabular::BlendTables): build time, size, and the
// per-call time of a table lookup (median of batches) over random states of the covered range
// (p log-uniform from the liquid's lowest pressure to the top of the tables, h uniform between the
// -60 C and 160 C isotherms; and "warm": 64 of them repeated, in cache), against the mixture EOS
// (p, h) flash of the same states. A plain program:
//
//   build/release/benchmarks/entropyk_blend_tables_bench [states per blend = 20000]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "entropyk/fluids/tabular/blend_tables.hpp"

using namespace entropyk::fluids;

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? static_cast<std::size_t>(std::strtoul(argv[1], nullptr, 10)) : 20000;
    const char* names[] = {"R454B", "R452B", "R407C", "R404A", "R448A", "R449A", "R513A", "R410A.mix"};
    std::printf("%-9s %8s %8s %8s %10s %10s %10s %10s\n", "blend", "build s", "nodes", "MB", "served", "table ns",
                "warm ns", "EOS us");
    int bad = 0;
    for (const char* name : names) {
        const auto b = mixture::load_blend(name);
        if (!b) return 1;
        const tabular::BlendTables t(**b);
        const tabular::BlendLayout lay;
        mixture::Workspace ws;
        std::mt19937_64 rng(99);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const double l0 = std::log(t.info().p_liquid_min), l1 = std::log(t.info().p_max);
        std::vector<double> ps, hs;
        for (std::size_t k = 0; k < n; ++k) {
            const double p = std::exp(l0 + (l1 - l0) * u(rng));
            mixture::FlashState lo, hi;
            if (!mixture::flash_pt(**b, p, lay.T_lo + 0.5, lo, ws) ||
                !mixture::flash_pt(**b, p, lay.T_hi - 0.5, hi, ws))
                continue;
            ps.push_back(p);
            hs.push_back(lo.h + (hi.h - lo.h) * u(rng));
        }
        std::size_t served = 0;
        for (std::size_t k = 0; k < ps.size(); ++k) served += t.flash_ph(ps[k], hs[k]).has_value() ? 1 : 0;
        // Table: batches of 1000 lookups, median per call.
        std::vector<double> per_call;
        double sink = 0.0;
        for (std::size_t k0 = 0; k0 + 1000 <= ps.size(); k0 += 1000) {
            const auto t0 = std::chrono::steady_clock::now();
            for (std::size_t k = k0; k < k0 + 1000; ++k) {
                const auto s = t.flash_ph(ps[k], hs[k]);
                sink += s ? s->T : 0.0;
            }
            per_call.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() /
                               1000.0);
        }
        std::nth_element(per_call.begin(), per_call.begin() + static_cast<std::ptrdiff_t>(per_call.size() / 2),
                         per_call.end());
        // Warm: the same 64 states over and over (in cache, as a cycle's few states are).
        std::vector<double> warm;
        for (int rep = 0; rep < 200; ++rep) {
            const auto t0 = std::chrono::steady_clock::now();
            for (int r = 0; r < 16; ++r)
                for (std::size_t k = 0; k < 64 && k < ps.size(); ++k) {
                    const auto s = t.flash_ph(ps[k], hs[k]);
                    sink += s ? s->T : 0.0;
                }
            warm.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() /
                           1024.0);
        }
        std::nth_element(warm.begin(), warm.begin() + static_cast<std::ptrdiff_t>(warm.size() / 2), warm.end());
        // EOS over the first 2000 states.
        const std::size_t ne = std::min<std::size_t>(2000, ps.size());
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t k = 0; k < ne; ++k) {
            mixture::FlashState s;
            if (!mixture::flash_ph(**b, ps[k], hs[k], s, ws)) ++bad;
            sink += s.T;
        }
        const double eos_us =
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / double(ne);
        std::printf("%-9s %8.2f %8zu %8.1f %9.4f%% %10.1f %10.1f %10.1f%s\n", name, t.info().build_seconds,
                    t.info().nodes, double(t.info().bytes) / 1e6, 100.0 * double(served) / double(ps.size()),
                    per_call[per_call.size() / 2], warm[warm.size() / 2], eos_us, sink == 0.0 ? " " : "");
        if (t.info().failed_nodes != 0) ++bad;
    }
    return bad == 0 ? 0 : 1;
}
