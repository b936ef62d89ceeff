// The HIL round trip through the C API (entropyk.h, the shared library a PLC runtime or LabVIEW
// loads): set the compressor speed and the condenser air temperature, solve warm into a reused
// result, read COP and heating capacity back. The R410A air-to-air heat pump of tests/c/cycles.h
// (map compressor, moving-boundary coils, fixed-superheat valve). Target: median <= 50 us on the
// tables backend. Besides Google Benchmark's mean, each run reports the median, p99 and max of the
// individual steps (counters p50_us, p99_us, max_us): a control loop cares about the tail.
#include <benchmark/benchmark.h>

#include <entropyk.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <vector>

#include "cycles.h" // tests/c: the cycles built through the C API

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Step k of the input trajectory a bench would drive: a slow sweep of compressor speed
/// (45..75 Hz, period 2000 steps) and outdoor air (30..40 C, period 3300 steps), as in
/// tests/c/test_latency.c; `stride` > 1 moves the inputs faster (bigger changes per step).
void inputs(long k, int stride, double& speed, double& T_air) {
    const double s = static_cast<double>(k) * stride;
    speed = 60.0 + 15.0 * std::sin(2.0 * kPi * s / 2000.0);
    T_air = 308.15 + 5.0 * std::sin(2.0 * kPi * s / 3300.0);
}

double now_us() {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return 1e6 * static_cast<double>(t.tv_sec) + 1e-3 * static_cast<double>(t.tv_nsec);
}

// Arguments: backend (ENTROPYK_BACKEND_EOS = 0, ENTROPYK_BACKEND_TABLES = 1), input stride.
void BM_CapiHilStep(benchmark::State& state) {
    const auto backend = static_cast<EntropykBackend>(state.range(0));
    const int stride = static_cast<int>(state.range(1));
    EntropykSystem* sys = heat_pump_on(backend, valve(ENTROPYK_VALVE_FIXED_SUPERHEAT, 5.0, 0.0, 0.05, 1.0), 60.0);
    EntropykSolverResult* result = nullptr;
    EntropykFallbackConfig cold = ENTROPYK_FALLBACK_CONFIG_INIT;
    cold.cold_start = 1;
    if (sys == nullptr || entropyk_result_create(sys, &result) != ENTROPYK_OK ||
        entropyk_solve_fallback_into(sys, &cold, result) != ENTROPYK_OK) {
        state.SkipWithError("could not build and solve the heat pump");
        entropyk_result_free(result);
        entropyk_system_free(sys);
        return;
    }
    std::vector<double> latency;
    latency.reserve(static_cast<std::size_t>(state.max_iterations));
    long k = 0, failures = 0, iterations = 0;
    for (auto _ : state) {
        double speed = 0.0, T_air = 0.0, cop = 0.0, q = 0.0;
        inputs(++k, stride, speed, T_air);
        const double t0 = now_us();
        entropyk_system_set_input(sys, COMP, ENTROPYK_INPUT_COMPRESSOR_SPEED, speed);
        entropyk_system_set_input(sys, COND, ENTROPYK_INPUT_SECONDARY_INLET_TEMPERATURE, T_air);
        const EntropykErrorCode rc = entropyk_solve_newton_into(sys, nullptr, result);
        entropyk_result_get_cop_heating(result, &cop);
        entropyk_result_get_heating_capacity(result, &q);
        latency.push_back(now_us() - t0);
        std::uint32_t it = 0;
        entropyk_result_get_iterations(result, &it);
        iterations += it;
        if (rc != ENTROPYK_OK || !(cop > 1.0 && q > 0.0)) ++failures;
        benchmark::DoNotOptimize(cop);
    }
    if (failures > 0) state.SkipWithError("a HIL step did not converge");
    if (!latency.empty()) {
        std::sort(latency.begin(), latency.end());
        const auto at = [&](double f) { return latency[static_cast<std::size_t>(f * (latency.size() - 1))]; };
        state.counters["p50_us"] = at(0.5);
        state.counters["p99_us"] = at(0.99);
        state.counters["max_us"] = latency.back();
        state.counters["newton_its"] = static_cast<double>(iterations) / static_cast<double>(latency.size());
    }
    entropyk_result_free(result);
    entropyk_system_free(sys);
}

} // namespace

// Strides 1 (the test_latency trajectory: ~0.05 Hz and ~0.01 K per step) and 20 (~1 Hz per step).
BENCHMARK(BM_CapiHilStep)
    ->Args({ENTROPYK_BACKEND_TABLES, 1})
    ->Args({ENTROPYK_BACKEND_TABLES, 20})
    ->Args({ENTROPYK_BACKEND_EOS, 1})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
