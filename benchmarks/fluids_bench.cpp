// Per-call time of the fluid property engine, with the input distributions of
// the CoolProp timing runs described in docs/performance.md (R134a; CO2 with the analogous ranges of
// property_inputs.hpp). Every call gets its own random input from a pre-generated pool of 100 000 inputs.
//
//   build/<release>/benchmarks/entropyk_fluids_bench --benchmark_format=json
#include <benchmark/benchmark.h>

#include "entropyk/fluids.hpp"
#include "property_inputs.hpp"

namespace {

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk_bench;

template <class Tag>
void BM_state_trho(benchmark::State& st) {
    const Fluid& f = Tag::get();
    const Pools& P = pools(f);
    run(st, [&](std::size_t i) {
        auto r = f.state_trho(Temperature{P.tp_T[i]}, Density{P.tp_rho[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
template <class Tag>
void BM_flash_tp(benchmark::State& st) {
    const Fluid& f = Tag::get();
    const Pools& P = pools(f);
    run(st, [&](std::size_t i) {
        auto r = f.flash_tp(Temperature{P.tp_T[i]}, Pressure{P.tp_p[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
template <class Tag>
void BM_flash_ph_single_phase(benchmark::State& st) {
    const Fluid& f = Tag::get();
    const Pools& P = pools(f);
    run(st, [&](std::size_t i) {
        auto r = f.flash_ph(Pressure{P.ph1_p[i]}, SpecificEnthalpy{P.ph1_h[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
template <class Tag>
void BM_flash_ph_two_phase(benchmark::State& st) {
    const Fluid& f = Tag::get();
    const Pools& P = pools(f);
    run(st, [&](std::size_t i) {
        auto r = f.flash_ph(Pressure{P.ph2_p[i]}, SpecificEnthalpy{P.ph2_h[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
template <class Tag>
void BM_flash_ps_single_phase(benchmark::State& st) {
    const Fluid& f = Tag::get();
    const Pools& P = pools(f);
    run(st, [&](std::size_t i) {
        auto r = f.flash_ps(Pressure{P.ph1_p[i]}, SpecificEntropy{P.ps1_s[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
template <class Tag>
void BM_p_sat(benchmark::State& st) {
    const Fluid& f = Tag::get();
    const Pools& P = pools(f);
    run(st, [&](std::size_t i) {
        auto r = f.p_sat(Temperature{P.sat_T[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}
template <class Tag>
void BM_saturation_t(benchmark::State& st) {
    const Fluid& f = Tag::get();
    const Pools& P = pools(f);
    run(st, [&](std::size_t i) {
        auto r = f.saturation_t(Temperature{P.sat_T[i]});
        benchmark::DoNotOptimize(r);
        return r.has_value();
    });
}

#define ENTROPYK_FLUID_BENCHMARKS(Tag)                                                                                 \
    BENCHMARK_TEMPLATE(BM_state_trho, Tag);                                                                            \
    BENCHMARK_TEMPLATE(BM_flash_tp, Tag);                                                                              \
    BENCHMARK_TEMPLATE(BM_flash_ph_single_phase, Tag);                                                                 \
    BENCHMARK_TEMPLATE(BM_flash_ph_two_phase, Tag);                                                                    \
    BENCHMARK_TEMPLATE(BM_flash_ps_single_phase, Tag);                                                                 \
    BENCHMARK_TEMPLATE(BM_p_sat, Tag);                                                                                 \
    BENCHMARK_TEMPLATE(BM_saturation_t, Tag);

ENTROPYK_FLUID_BENCHMARKS(R134a)
ENTROPYK_FLUID_BENCHMARKS(R744)

} // namespace

BENCHMARK_MAIN();
