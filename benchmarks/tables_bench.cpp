// Per-call time of the property tables (fluids::Tables) against the EOS (fluids::Fluid), with the
// input distributions of the CoolProp timing runs described in docs/performance.md (R134a; CO2 with the analogous
// ranges of property_inputs.hpp). Every call gets its own random input from a pool of 100 000.
// The tables are built before timing; BM_build times a fresh build of each fluid's tables.
//
//   build/<release>/benchmarks/entropyk_tables_bench --benchmark_repetitions=3
//       --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include "entropyk/fluids/tabular/tables.hpp"
#include "property_inputs.hpp"

namespace {

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk_bench;

/// The backends: the EOS itself, or the fluid's shared tables.
struct Eos {
    static const Fluid& of(const Fluid& f) { return f; }
};
struct Tab {
    static const Tables& of(const Fluid& f) { return tables_for(f); }
};

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
