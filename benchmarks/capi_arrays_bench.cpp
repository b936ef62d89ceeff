// The cost of the C boundary on property calls (issue 16): the same (p,h) flashes on the R134a
// tables through the C++ API (Tables::flash_ph), one entropyk_fluid_state call each, and
// entropyk_fluid_states over the whole pool of 100,000 inputs in one call. The C calls go through
// libentropyk.so as a host would load it; the C++ calls use the header-only library in this
// program (the same code, its own copy of the tables). Inputs: the single-phase and two-phase
// (p,h) pools of property_inputs.hpp. Each benchmark reports the CPU time per state (per_state).
#include <benchmark/benchmark.h>

#include <entropyk.h>

#include <cfenv>
#include <cstdint>
#include <vector>

#include "entropyk/capi/fp_guard.hpp"
#include "entropyk/fluids/tabular/tables.hpp"
#include "property_inputs.hpp"

namespace {

using namespace entropyk_bench;

const std::vector<double>& pool_p(bool two_phase) {
    const Pools& P = pools(R134a::get());
    return two_phase ? P.ph2_p : P.ph1_p;
}
const std::vector<double>& pool_h(bool two_phase) {
    const Pools& P = pools(R134a::get());
    return two_phase ? P.ph2_h : P.ph1_h;
}

EntropykFluid* c_fluid(EntropykBackend backend) {
    EntropykFluid* f = nullptr;
    entropyk_fluid_create("R134a", backend, &f);
    return f;
}

void per_state(benchmark::State& state, double states_per_iteration) {
    // Seconds of CPU per state (printed with an SI prefix: 95.2n = 95.2 ns).
    state.counters["per_state"] = benchmark::Counter(
        states_per_iteration, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Argument: 0 = single phase, 1 = two phase.
void BM_cpp_flash_ph_tables(benchmark::State& state) {
    const bool two = state.range(0) != 0;
    const auto& p = pool_p(two);
    const auto& h = pool_h(two);
    const entropyk::fluids::Tables& t = entropyk::fluids::tables_for(R134a::get());
    std::size_t i = 0, failures = 0;
    for (auto _ : state) {
        const auto s = t.flash_ph(Pressure{p[i]}, SpecificEnthalpy{h[i]});
        if (!s) ++failures;
        benchmark::DoNotOptimize(s);
        if (++i == pool_size) i = 0;
    }
    state.counters["failures"] = static_cast<double>(failures);
    per_state(state, 1.0);
}

void BM_c_fluid_state_tables(benchmark::State& state) {
    const bool two = state.range(0) != 0;
    const auto& p = pool_p(two);
    const auto& h = pool_h(two);
    EntropykFluid* f = c_fluid(ENTROPYK_BACKEND_TABLES);
    EntropykFluidState out = ENTROPYK_FLUID_STATE_INIT;
    std::size_t i = 0, failures = 0;
    for (auto _ : state) {
        if (entropyk_fluid_state(f, ENTROPYK_INPUT_PH, p[i], h[i], &out) != ENTROPYK_OK) ++failures;
        benchmark::DoNotOptimize(out);
        if (++i == pool_size) i = 0;
    }
    entropyk_fluid_free(f);
    state.counters["failures"] = static_cast<double>(failures);
    per_state(state, 1.0);
}

// Arguments: phase (0/1), n (states per call).
void BM_c_fluid_states_tables(benchmark::State& state) {
    const bool two = state.range(0) != 0;
    const auto n = static_cast<std::size_t>(state.range(1));
    const auto& p = pool_p(two);
    const auto& h = pool_h(two);
    EntropykFluid* f = c_fluid(ENTROPYK_BACKEND_TABLES);
    std::vector<EntropykFluidState> out(n);
    std::vector<EntropykErrorCode> codes(n);
    out[0] = EntropykFluidState ENTROPYK_FLUID_STATE_INIT;
    std::size_t failed = 0, failures = 0, at = 0;
    for (auto _ : state) {
        if (at + n > pool_size) at = 0;
        if (entropyk_fluid_states(f, ENTROPYK_INPUT_PH, n, p.data() + at, h.data() + at, out.data(), codes.data(),
                                  &failed) != ENTROPYK_OK)
            failures += failed;
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
        at += n;
    }
    entropyk_fluid_free(f);
    state.counters["failures"] = static_cast<double>(failures);
    per_state(state, static_cast<double>(n));
}

void BM_cpp_flash_ph_eos(benchmark::State& state) {
    const auto& p = pool_p(false);
    const auto& h = pool_h(false);
    std::size_t i = 0;
    for (auto _ : state) {
        const auto s = R134a::get().flash_ph(Pressure{p[i]}, SpecificEnthalpy{h[i]});
        benchmark::DoNotOptimize(s);
        if (++i == pool_size) i = 0;
    }
    per_state(state, 1.0);
}

void BM_c_fluid_state_eos(benchmark::State& state) {
    const auto& p = pool_p(false);
    const auto& h = pool_h(false);
    EntropykFluid* f = c_fluid(ENTROPYK_BACKEND_EOS);
    EntropykFluidState out = ENTROPYK_FLUID_STATE_INIT;
    std::size_t i = 0;
    for (auto _ : state) {
        entropyk_fluid_state(f, ENTROPYK_INPUT_PH, p[i], h[i], &out);
        benchmark::DoNotOptimize(out);
        if (++i == pool_size) i = 0;
    }
    entropyk_fluid_free(f);
    per_state(state, 1.0);
}

// The FP guard alone: the library's (MXCSR on x86-64) and the portable feholdexcept + fesetenv.
void BM_fp_guard(benchmark::State& state) {
    for (auto _ : state) {
        entropyk::capi::FpGuard guard;
        benchmark::ClobberMemory();
    }
}

void BM_fp_guard_fenv(benchmark::State& state) {
    for (auto _ : state) {
        std::fenv_t env;
        std::feholdexcept(&env);
        benchmark::ClobberMemory();
        std::fesetenv(&env);
    }
}

} // namespace

BENCHMARK(BM_fp_guard);
BENCHMARK(BM_fp_guard_fenv);
BENCHMARK(BM_cpp_flash_ph_tables)->Arg(0)->Arg(1);
BENCHMARK(BM_c_fluid_state_tables)->Arg(0)->Arg(1);
BENCHMARK(BM_c_fluid_states_tables)
    ->Args({0, 100000})
    ->Args({1, 100000})
    ->Args({0, 1000})
    ->Args({0, 10})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_cpp_flash_ph_eos);
BENCHMARK(BM_c_fluid_state_eos);

BENCHMARK_MAIN();
