// Every PropertyBackend call of a blend on its tables (fluids::BlendTableBackend): (p, h), (p, s),
// (T, p), (p, q), bubble/dew points at p and at T, for the eight blends. Per call: the share of
// random states served by the tables, the worst relative difference to the blend Fluid's EOS
// over those states (T, rho, h, s; c_p, c_v, w in single phase; the mass quality absolute;
// p for the saturation at T) and the median time per call on 64 states repeated (in cache, as a
// cycle's few states are). States: p log-uniform from the liquid's lowest table pressure to the
// tables' top, h uniform between the -58 C and 158 C isotherms; the (p, s), (T, p) inputs are
// those of the EOS (p, h) state, (p, q) a uniform q, the saturation at T a uniform T between the
// bubble and the dew point at p. The (T, p) states inside the glide go to the EOS (not served);
// the times are taken over served states only. A plain program:
//
//   build/release/benchmarks/entropyk_blend_backend_bench [states per blend = 2000] [blend ...]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "entropyk/fluids/tabular/blend_backend.hpp"

using namespace entropyk;
using namespace entropyk::fluids;

namespace {

struct Errors {
    std::size_t n = 0, served = 0;
    double T = 0, rho = 0, h = 0, s = 0, cp = 0, cv = 0, w = 0, q = 0, p = 0;
    void add(const State& a, const State& e) {
        auto rel = [](double x, double y) { return std::fabs(x / y - 1.0); };
        auto rel_hs = [](double x, double y) { return std::fabs(x - y) / std::max(std::fabs(y), 1e3); };
        T = std::max(T, rel(a.T.si(), e.T.si()));
        rho = std::max(rho, rel(a.rho.si(), e.rho.si()));
        h = std::max(h, rel_hs(a.h.si(), e.h.si()));
        s = std::max(s, rel_hs(a.s.si(), e.s.si()));
        q = std::max(q, std::fabs(a.quality - e.quality));
        if (e.phase != Phase::two_phase) {
            cp = std::max(cp, rel(a.cp.si(), e.cp.si()));
            cv = std::max(cv, rel(a.cv.si(), e.cv.si()));
            w = std::max(w, rel(a.w.si(), e.w.si()));
        }
    }
    void add(const SaturationState& a, const SaturationState& e) {
        auto rel = [](double x, double y) { return std::fabs(x / y - 1.0); };
        auto rel_hs = [](double x, double y) { return std::fabs(x - y) / std::max(std::fabs(y), 1e3); };
        T = std::max({T, rel(a.T_bubble.si(), e.T_bubble.si()), rel(a.T_dew.si(), e.T_dew.si())});
        p = std::max({p, rel(a.p_bubble.si(), e.p_bubble.si()), rel(a.p_dew.si(), e.p_dew.si())});
        rho = std::max({rho, rel(a.rho_liquid.si(), e.rho_liquid.si()), rel(a.rho_vapor.si(), e.rho_vapor.si())});
        h = std::max({h, rel_hs(a.h_liquid.si(), e.h_liquid.si()), rel_hs(a.h_vapor.si(), e.h_vapor.si())});
        s = std::max({s, rel_hs(a.s_liquid.si(), e.s_liquid.si()), rel_hs(a.s_vapor.si(), e.s_vapor.si())});
    }
};

template <class F>
double warm_ns(F&& f) {
    std::vector<double> t;
    double sink = 0.0;
    for (int rep = 0; rep < 100; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        for (int r = 0; r < 16; ++r)
            for (std::size_t k = 0; k < 64; ++k) sink += f(k);
        t.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() / 1024.0);
    }
    std::nth_element(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(t.size() / 2), t.end());
    return t[t.size() / 2] + (sink == 0.12345 ? 1e-300 : 0.0);
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? static_cast<std::size_t>(std::strtoul(argv[1], nullptr, 10)) : 2000;
    std::vector<std::string> names = {"R454B", "R452B", "R407C", "R404A", "R448A", "R449A", "R513A", "R410A.mix"};
    if (argc > 2) names.assign(argv + 2, argv + argc);
    std::printf("%-9s %-6s %7s %8s %8s %8s %8s %8s %8s %8s %8s %8s %7s\n", "blend", "call", "served", "T", "p", "rho",
                "h", "s", "cp", "cv", "w", "q", "ns");
    for (const std::string& name : names) {
        const Result<const Fluid*> fr = find_fluid(name);
        if (!fr) return 1;
        const Fluid& f = **fr;
        const BlendTableBackend& t = blend_tables_for(f);
        const tabular::BlendTableInfo& info = t.tables()->info();
        std::mt19937_64 rng(2024);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const double l0 = std::log(info.p_liquid_min), l1 = std::log(info.p_max);
        std::vector<State> x;
        std::vector<double> qs, Ts;
        while (x.size() < n) {
            const double p = std::exp(l0 + (l1 - l0) * u(rng));
            const Result<State> lo = f.flash_tp(Temperature{std::max(f.T_min().si(), 215.15)}, Pressure{p});
            const Result<State> hi = f.flash_tp(Temperature{431.15}, Pressure{p});
            if (!lo || !hi) continue;
            const Result<State> s =
                f.flash_ph(Pressure{p}, SpecificEnthalpy{lo->h.si() + (hi->h.si() - lo->h.si()) * u(rng)});
            const Result<SaturationState> sat = t.saturation_p(Pressure{p});
            if (!s || !sat) continue;
            x.push_back(*s);
            qs.push_back(u(rng));
            Ts.push_back(sat->T_bubble.si() + (sat->T_dew.si() - sat->T_bubble.si()) * u(rng));
        }
        Errors e[6];
        const char* calls[6] = {"(p,h)", "(p,s)", "(T,p)", "(p,q)", "sat p", "sat T"};
        for (std::size_t k = 0; k < n; ++k) {
            const State& s = x[k];
            for (int c = 0; c < 6; ++c) ++e[c].n;
            if (t.covers_ph(s.p, s.h)) {
                ++e[0].served;
                e[0].add(*t.flash_ph(s.p, s.h), s);
            }
            if (t.covers_ps(s.p, s.s)) {
                ++e[1].served;
                e[1].add(*t.flash_ps(s.p, s.s), s);
            }
            if (t.covers_tp(s.T, s.p)) {
                const Result<State> y = f.flash_tp(s.T, s.p);
                if (y) {
                    ++e[2].served;
                    e[2].add(*t.flash_tp(s.T, s.p), *y);
                }
            }
            const Result<State> pq = t.flash_pq(s.p, qs[k]), pqe = f.flash_pq(s.p, qs[k]);
            if (pq && pqe) {
                ++e[3].served;
                e[3].add(*pq, *pqe);
            }
            if (t.covers_saturation_p(s.p)) {
                ++e[4].served;
                e[4].add(*t.saturation_p(s.p), *f.saturation_p(s.p));
            }
            if (t.covers_saturation_t(Temperature{Ts[k]})) {
                const Result<SaturationState> y = f.saturation_t(Temperature{Ts[k]});
                if (y) {
                    ++e[5].served;
                    e[5].add(*t.saturation_t(Temperature{Ts[k]}), *y);
                }
            }
        }
        // Timed on states the tables serve (some saturation temperatures lie outside).
        std::vector<double> Ts_in;
        for (double T : Ts)
            if (t.covers_saturation_t(Temperature{T})) Ts_in.push_back(T);
        std::vector<std::size_t> tp_in; // (T, p) inside the glide goes to the EOS
        for (std::size_t k = 0; k < n; ++k)
            if (t.covers_tp(x[k].T, x[k].p)) tp_in.push_back(k);
        const double ns[6] = {
            warm_ns([&](std::size_t k) { return t.flash_ph(x[k].p, x[k].h)->T.si(); }),
            warm_ns([&](std::size_t k) { return t.flash_ps(x[k].p, x[k].s)->T.si(); }),
            warm_ns([&](std::size_t k) {
                const State& y = x[tp_in[k % tp_in.size()]];
                return t.flash_tp(y.T, y.p)->h.si();
            }),
            warm_ns([&](std::size_t k) { return t.flash_pq(x[k].p, qs[k])->T.si(); }),
            warm_ns([&](std::size_t k) { return t.saturation_p(x[k].p)->T_dew.si(); }),
            warm_ns([&](std::size_t k) { return t.saturation_t(Temperature{Ts_in[k % Ts_in.size()]})->p_dew.si(); }),
        };
        for (int c = 0; c < 6; ++c)
            std::printf("%-9s %-6s %6.1f%% %8.1e %8.1e %8.1e %8.1e %8.1e %8.1e %8.1e %8.1e %8.1e %7.0f\n",
                        c == 0 ? name.c_str() : "", calls[c], 100.0 * double(e[c].served) / double(e[c].n), e[c].T,
                        e[c].p, e[c].rho, e[c].h, e[c].s, e[c].cp, e[c].cv, e[c].w, e[c].q, ns[c]);
        std::printf("%-9s build %.2f s, %zu nodes, %.1f MB\n", "", info.build_seconds, info.nodes,
                    double(info.bytes) / 1e6);
    }
    return 0;
}
