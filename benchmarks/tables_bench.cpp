// Per-call time of the property tables (fluids::Tables) against the EOS (fluids::Fluid), with the
// input distributions of ../shared/reference/COOLPROP_TIMINGS.md (R134a; CO2 with the analogous
// ranges of fluids_bench.cpp). Every call gets its own random input from a pool of 100 000.
// The tables are built before timing; BM_build times a fresh build of each fluid's tables.
//
//   build/<release>/benchmarks/entropyk_tables_bench --benchmark_repetitions=3
//       --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "entropyk/fluids/tabular/tables.hpp"

namespace {

using namespace entropyk;
using namespace entropyk::fluids;

constexpr std::size_t pool_size = 100000;

struct Ranges {
    double T_lo, T_hi;         // (T, p)
    double p_tp_lo, p_tp_hi;   // (T, p), log-uniform
    double p_ph_lo, p_ph_hi;   // (p, h) single phase, log-uniform
    double p_2ph_lo, p_2ph_hi; // (p, h) two phase, log-uniform
    double Tsat_lo, Tsat_hi;   // saturation
};
constexpr Ranges r134a_ranges{250.0, 420.0, 1e5, 40e5, 1e5, 30e5, 1e5, 35e5, 200.0, 370.0};
constexpr Ranges co2_ranges{250.0, 420.0, 10e5, 150e5, 10e5, 65e5, 10e5, 70e5, 217.0, 303.0};

struct Pools {
    std::vector<double> tp_T, tp_p;
    std::vector<double> ph1_p, ph1_h, ps1_s;
    std::vector<double> ph2_p, ph2_h;
    std::vector<double> sat_T;
};

double log_uniform(std::mt19937_64& g, double lo, double hi) {
    return std::exp(std::uniform_real_distribution<double>(std::log(lo), std::log(hi))(g));
}

Pools make_pools(const Fluid& f, const Ranges& r) {
    Pools P;
    std::mt19937_64 g(12345);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    while (P.tp_T.size() < pool_size) {
        const double T = r.T_lo + (r.T_hi - r.T_lo) * u01(g);
        const double p = log_uniform(g, r.p_tp_lo, r.p_tp_hi);
        if (!f.flash_tp(Temperature{T}, Pressure{p})) continue;
        P.tp_T.push_back(T);
        P.tp_p.push_back(p);
    }
    while (P.ph1_p.size() < pool_size) {
        const double p = log_uniform(g, r.p_ph_lo, r.p_ph_hi);
        const Result<SaturationState> sat = f.saturation_p(Pressure{p});
        if (!sat) continue;
        const bool liquid = P.ph1_p.size() % 2 == 0;
        const double h =
            liquid ? sat->h_liquid.si() - (5e3 + 55e3 * u01(g)) : sat->h_vapor.si() + (5e3 + 95e3 * u01(g));
        const Result<State> s = f.flash_ph(Pressure{p}, SpecificEnthalpy{h});
        if (!s) continue;
        P.ph1_p.push_back(p);
        P.ph1_h.push_back(h);
        P.ps1_s.push_back(s->s.si());
    }
    while (P.ph2_p.size() < pool_size) {
        const double p = log_uniform(g, r.p_2ph_lo, r.p_2ph_hi);
        const Result<SaturationState> sat = f.saturation_p(Pressure{p});
        if (!sat) continue;
        const double q = 0.05 + 0.9 * u01(g);
        P.ph2_p.push_back(p);
        P.ph2_h.push_back(sat->h_liquid.si() + q * (sat->h_vapor.si() - sat->h_liquid.si()));
    }
    while (P.sat_T.size() < pool_size) P.sat_T.push_back(r.Tsat_lo + (r.Tsat_hi - r.Tsat_lo) * u01(g));
    return P;
}

const Pools& pools(const Fluid& f) {
    static const Pools r134a = make_pools(R134a::get(), r134a_ranges);
    static const Pools co2 = make_pools(R744::get(), co2_ranges);
    return &f == &R134a::get() ? r134a : co2;
}

/// The backends: the EOS itself, or the fluid's shared tables.
struct Eos {
    static const Fluid& of(const Fluid& f) { return f; }
};
struct Tab {
    static const Tables& of(const Fluid& f) { return tables_for(f); }
};

template <class Call>
void run(benchmark::State& state, Call&& call) {
    std::size_t i = 0, failures = 0;
    for (auto _ : state) {
        if (!call(i)) ++failures;
        if (++i == pool_size) i = 0;
    }
    state.counters["failures"] = static_cast<double>(failures);
}

template <class Backend, class Tag>
void BM_flash_ph_single_phase(benchmark::State& st) {
    const Pools& P = pools(Tag::get());
    const auto& b = Backend::of(Tag::get());
    run(st, [&](std::size_t i) {
        auto r = b.flash_ph(Pressure{P.ph1_p[i]}, SpecificEnthalpy{P.ph1_h[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
template <class Backend, class Tag>
void BM_flash_ph_two_phase(benchmark::State& st) {
    const Pools& P = pools(Tag::get());
    const auto& b = Backend::of(Tag::get());
    run(st, [&](std::size_t i) {
        auto r = b.flash_ph(Pressure{P.ph2_p[i]}, SpecificEnthalpy{P.ph2_h[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
template <class Backend, class Tag>
void BM_flash_ps_single_phase(benchmark::State& st) {
    const Pools& P = pools(Tag::get());
    const auto& b = Backend::of(Tag::get());
    run(st, [&](std::size_t i) {
        auto r = b.flash_ps(Pressure{P.ph1_p[i]}, SpecificEntropy{P.ps1_s[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
template <class Backend, class Tag>
void BM_flash_tp(benchmark::State& st) {
    const Pools& P = pools(Tag::get());
    const auto& b = Backend::of(Tag::get());
    run(st, [&](std::size_t i) {
        auto r = b.flash_tp(Temperature{P.tp_T[i]}, Pressure{P.tp_p[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
template <class Backend, class Tag>
void BM_saturation_t(benchmark::State& st) {
    const Pools& P = pools(Tag::get());
    const auto& b = Backend::of(Tag::get());
    run(st, [&](std::size_t i) {
        auto r = b.saturation_t(Temperature{P.sat_T[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
/// (p, h) with the derivatives of the interpolant (tables only).
template <class Tag>
void BM_flash_ph_with_derivatives(benchmark::State& st) {
    const Pools& P = pools(Tag::get());
    const Tables& t = tables_for(Tag::get());
    run(st, [&](std::size_t i) {
        auto r = t.flash_ph_with_derivatives(Pressure{P.ph1_p[i]}, SpecificEnthalpy{P.ph1_h[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
/// A fresh build of the tables (what tables_for costs on first use).
template <class Tag>
void BM_build(benchmark::State& st) {
    for (auto _ : st) {
        const Tables t(Tag::get());
        benchmark::DoNotOptimize(&t);
        st.counters["MB"] = static_cast<double>(t.info().bytes) / 1e6;
    }
}

#define ENTROPYK_TABLE_BENCHMARKS(Tag)                                                                                 \
    BENCHMARK_TEMPLATE(BM_flash_ph_single_phase, Tab, Tag);                                                            \
    BENCHMARK_TEMPLATE(BM_flash_ph_single_phase, Eos, Tag);                                                            \
    BENCHMARK_TEMPLATE(BM_flash_ph_two_phase, Tab, Tag);                                                               \
    BENCHMARK_TEMPLATE(BM_flash_ph_two_phase, Eos, Tag);                                                               \
    BENCHMARK_TEMPLATE(BM_flash_ps_single_phase, Tab, Tag);                                                            \
    BENCHMARK_TEMPLATE(BM_flash_ps_single_phase, Eos, Tag);                                                            \
    BENCHMARK_TEMPLATE(BM_flash_tp, Tab, Tag);                                                                         \
    BENCHMARK_TEMPLATE(BM_flash_tp, Eos, Tag);                                                                         \
    BENCHMARK_TEMPLATE(BM_saturation_t, Tab, Tag);                                                                     \
    BENCHMARK_TEMPLATE(BM_saturation_t, Eos, Tag);                                                                     \
    BENCHMARK_TEMPLATE(BM_flash_ph_with_derivatives, Tag);                                                             \
    BENCHMARK_TEMPLATE(BM_build, Tag)->Unit(benchmark::kMillisecond)->Iterations(3);

ENTROPYK_TABLE_BENCHMARKS(R134a)
ENTROPYK_TABLE_BENCHMARKS(R744)

} // namespace

BENCHMARK_MAIN();
