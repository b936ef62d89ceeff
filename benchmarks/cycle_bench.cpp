// Cold and warm solve times of the validation cycles and of the off-design heat pump.
// A warm solve starts from the previous solution after a small input change (a HIL step).
#include <benchmark/benchmark.h>

#include "entropyk/components.hpp"
#include "entropyk/cycles.hpp"

namespace {

using namespace entropyk;
using namespace entropyk::literals;

struct Loop {
    System sys;
    std::uint32_t comp, cond, valve, evap;
};

template <class Comp, class Cond, class Valve, class Evap>
Loop make(const char* fluid, Comp comp, Cond cond, Valve valve, Evap evap, Backend backend = Backend::eos) {
    Loop l{std::move(*System::create(fluid, backend)), 0, 0, 0, 0};
    l.comp = *l.sys.add("compressor", comp);
    l.cond = *l.sys.add("condenser", cond);
    l.valve = *l.sys.add("valve", valve);
    l.evap = *l.sys.add("evaporator", evap);
    (void)l.sys.connect(l.comp, l.cond);
    (void)l.sys.connect(l.cond, l.valve);
    (void)l.sys.connect(l.valve, l.evap);
    (void)l.sys.connect(l.evap, l.comp);
    if (!l.sys.finalize()) std::abort();
    return l;
}

Loop r32_design() {
    return make("R32", IsentropicCompressor{0.8, 0.1_kg_per_s}, FixedSaturationCondenser{45.0_degC, 3.0_dK},
                IsenthalpicValve{}, FixedSaturationEvaporator{5.0_degC, 5.0_dK});
}

Loop heat_pump(Backend backend = Backend::eos) {
    const CompressorMap map({217.3163128, 5.094492028, -0.593170311, 4.38E-02, -2.14E-02, 1.04E-02, 7.90E-05, -5.73E-05,
                             1.79E-04, -8.08E-05},
                            {-561.3615705, -15.62601841, 46.92506685, -0.217949552, 0.435062616, -0.442400826, 2.25E-04,
                             2.37E-03, -3.32E-03, 2.50E-03},
                            MapUnits::ip, TemperatureDifference{20.0 / 1.8}, 60.0_Hz);
    return make("R410A", MapCompressor{map, 60.0_Hz},
                Condenser{HxModel::moving_boundary, 2400.0_W_per_K, SecondaryFluid::air(35.0_degC, 1.4_kg_per_s)}
                    .with_subcooling(7.0_dK),
                ExpansionValve::fixed_superheat(5.0_dK),
                Evaporator{HxModel::moving_boundary, 1300.0_W_per_K, SecondaryFluid::air(27.0_degC, 0.6_kg_per_s)},
                backend);
}

void report(benchmark::State& state, const CycleResults& r) {
    state.counters["iterations"] = r.iterations;
    if (!r.converged()) state.SkipWithError("did not converge");
}

void BM_R32DesignCold(benchmark::State& state) {
    auto l = r32_design();
    for (auto _ : state) report(state, l.sys.solve(SolverMethod::newton, {}, StartMode::cold));
}
void BM_R32DesignWarm(benchmark::State& state) {
    auto l = r32_design();
    (void)l.sys.solve();
    int i = 0;
    for (auto _ : state) {
        (void)l.sys.set_input(l.cond, Input::saturation_temperature, from_celsius(45.0 + 0.01 * (++i % 20)).si());
        report(state, l.sys.solve(SolverMethod::newton, {}, StartMode::warm));
    }
}
Backend backend_of(const benchmark::State& state) { return state.range(0) ? Backend::tables : Backend::eos; }

void BM_HeatPumpCold(benchmark::State& state) {
    auto l = heat_pump(backend_of(state));
    for (auto _ : state) report(state, l.sys.solve(SolverMethod::fallback, {}, StartMode::cold));
}
void BM_HeatPumpWarm(benchmark::State& state) {
    auto l = heat_pump(backend_of(state));
    (void)l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    int i = 0;
    SolveSettings s;
    s.tolerance = 1e-9;
    s.reuse_jacobian = state.range(1) != 0;
    for (auto _ : state) {
        // A HIL step: the compressor speed moves by 0.1 Hz.
        (void)l.sys.set_input(l.comp, Input::compressor_speed, 60.0 + 0.1 * (++i % 20));
        report(state, l.sys.solve(SolverMethod::newton, s, StartMode::warm));
    }
}

// Transcritical CO2 (the validation cycle: -5 C saturated suction, eta 0.7, gas cooler at 100 bar
// with a 35 C outlet, 1 kg/s): cold, warm after a 0.01-bar high-side step, and the COP-optimal
// pressure search (every solve searches; the warm search starts at the previous optimum).
Loop co2(Backend backend, HighPressureValve valve) {
    return make("R744", IsentropicCompressor{0.7, MassFlow{1.0}}, GasCooler::outlet_temperature(Temperature{308.15}),
                valve, FixedSaturationEvaporator{Temperature{268.15}, TemperatureDifference{0.0}}, backend);
}
void BM_Co2Cold(benchmark::State& state) {
    auto l = co2(backend_of(state), HighPressureValve{Pressure{100e5}});
    for (auto _ : state) report(state, l.sys.solve(SolverMethod::fallback, {}, StartMode::cold));
}
void BM_Co2Warm(benchmark::State& state) {
    auto l = co2(backend_of(state), HighPressureValve{Pressure{100e5}});
    (void)l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    int i = 0;
    for (auto _ : state) {
        (void)l.sys.set_input(l.valve, Input::high_side_pressure, 100e5 + 1e3 * (++i % 20));
        report(state, l.sys.solve(SolverMethod::newton, {}, StartMode::warm));
    }
}
void BM_Co2OptimalCold(benchmark::State& state) {
    for (auto _ : state) {
        state.PauseTiming();
        auto l = co2(backend_of(state), HighPressureValve::cop_optimal());
        state.ResumeTiming();
        report(state, l.sys.solve(SolverMethod::fallback, {}, StartMode::cold));
    }
}
void BM_Co2OptimalWarm(benchmark::State& state) {
    auto l = co2(backend_of(state), HighPressureValve::cop_optimal());
    (void)l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    for (auto _ : state) report(state, l.sys.solve(SolverMethod::fallback, {}, StartMode::warm));
}
// The UA gas cooler against water (its 25-node counter-flow profile costs 24 (p, h) flashes per
// evaluation), at 100 bar; the warm step moves the water inlet by 0.01 K.
Loop co2_ua(Backend backend) {
    return make("R744", IsentropicCompressor{0.7, MassFlow{1.0}},
                GasCooler::ua(ThermalConductance{50e3}, SecondaryFluid::water(Temperature{293.15}, MassFlow{5.0})),
                HighPressureValve{Pressure{100e5}},
                FixedSaturationEvaporator{Temperature{268.15}, TemperatureDifference{0.0}}, backend);
}
void BM_Co2UaCold(benchmark::State& state) {
    auto l = co2_ua(backend_of(state));
    for (auto _ : state) report(state, l.sys.solve(SolverMethod::fallback, {}, StartMode::cold));
}
void BM_Co2UaWarm(benchmark::State& state) {
    auto l = co2_ua(backend_of(state));
    (void)l.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    int i = 0;
    for (auto _ : state) {
        (void)l.sys.set_input(l.cond, Input::secondary_inlet_temperature, 293.15 + 0.01 * (++i % 20));
        report(state, l.sys.solve(SolverMethod::newton, {}, StartMode::warm));
    }
}
BENCHMARK(BM_Co2UaCold)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Co2UaWarm)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Co2Cold)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Co2Warm)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Co2OptimalCold)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Co2OptimalWarm)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

BENCHMARK(BM_R32DesignCold)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_R32DesignWarm)->Unit(benchmark::kMicrosecond);
// Argument: 0 = EOS, 1 = property tables.
BENCHMARK(BM_HeatPumpCold)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
// Arguments: backend (0 = EOS, 1 = tables), then Jacobian reuse across steps (1 = on, the default).
BENCHMARK(BM_HeatPumpWarm)->Args({0, 1})->Args({1, 1})->Args({0, 0})->Args({1, 0})->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
