// Typed (compile-time) vs runtime System solve times for the same cycles: the R32 design cycle
// and the off-design R410A heat pump (EOS and tables backends), cold and warm (a HIL step), plus
// one residual evaluation and one Jacobian, where the typed cycle's direct calls and fixed-size
// storage would show if they mattered next to the property calls.
#include <benchmark/benchmark.h>

#include "entropyk/components.hpp"
#include "entropyk/cycles.hpp"
#include "entropyk/cycles/typed.hpp"

namespace {

using namespace entropyk;
using namespace entropyk::literals;

CompressorMap achp_map() {
    return CompressorMap({217.3163128, 5.094492028, -0.593170311, 4.38E-02, -2.14E-02, 1.04E-02, 7.90E-05, -5.73E-05,
                          1.79E-04, -8.08E-05},
                         {-561.3615705, -15.62601841, 46.92506685, -0.217949552, 0.435062616, -0.442400826, 2.25E-04,
                          2.37E-03, -3.32E-03, 2.50E-03},
                         MapUnits::ip, TemperatureDifference{20.0 / 1.8}, 60.0_Hz);
}

// ---- the runtime System ----------------------------------------------------------------------
template <class Comp, class Cond, class Valve, class Evap>
System make_system(const char* fluid, Backend backend, Comp comp, Cond cond, Valve valve, Evap evap) {
    System sys = std::move(*System::create(fluid, backend));
    const auto c = *sys.add("compressor", comp);
    const auto k = *sys.add("condenser", cond);
    const auto v = *sys.add("valve", valve);
    const auto e = *sys.add("evaporator", evap);
    (void)sys.connect(c, k);
    (void)sys.connect(k, v);
    (void)sys.connect(v, e);
    (void)sys.connect(e, c);
    if (!sys.finalize()) std::abort();
    return sys;
}
System r32_system() {
    return make_system("R32", Backend::eos, IsentropicCompressor{0.8, 0.1_kg_per_s},
                       FixedSaturationCondenser{45.0_degC, 3.0_dK}, IsenthalpicValve{},
                       FixedSaturationEvaporator{5.0_degC, 5.0_dK});
}
System heat_pump_system(Backend backend) {
    return make_system(
        "R410A", backend, MapCompressor{achp_map(), 60.0_Hz},
        Condenser{HxModel::moving_boundary, 2400.0_W_per_K, SecondaryFluid::air(35.0_degC, 1.4_kg_per_s)}
            .with_subcooling(7.0_dK),
        ExpansionValve::fixed_superheat(5.0_dK),
        Evaporator{HxModel::moving_boundary, 1300.0_W_per_K, SecondaryFluid::air(27.0_degC, 0.6_kg_per_s)});
}

// ---- the same cycles, typed ------------------------------------------------------------------------
auto r32_typed() {
    return cycle<fluids::R32>() | IsentropicCompressor{0.8, 0.1_kg_per_s} |
           FixedSaturationCondenser{45.0_degC, 3.0_dK} | IsenthalpicValve{} |
           FixedSaturationEvaporator{5.0_degC, 5.0_dK} | close_loop;
}
auto heat_pump_typed(Backend backend) {
    return cycle<fluids::R410A>(backend) | MapCompressor{achp_map(), 60.0_Hz} |
           condenser(MovingBoundary{2400.0_W_per_K}).secondary(Air{35.0_degC, 1.4_kg_per_s}).subcooling(7.0_dK) |
           expansion_valve(FixedSuperheat{5.0_dK}) |
           evaporator(MovingBoundary{1300.0_W_per_K}).secondary(Air{27.0_degC, 0.6_kg_per_s}) | close_loop;
}

// The two front doors differ only in how a component input is addressed.
void set_condensing(System& s, double T) { (void)s.set_input(1, Input::saturation_temperature, T); }
template <class C>
void set_condensing(C& c, double T) {
    (void)c.template set_input<1>(Input::saturation_temperature, T);
}
void set_speed(System& s, double hz) { (void)s.set_input(0, Input::compressor_speed, hz); }
template <class C>
void set_speed(C& c, double hz) {
    (void)c.template set_input<0>(Input::compressor_speed, hz);
}

void report(benchmark::State& state, const CycleResults& r) {
    state.counters["iterations"] = r.iterations;
    if (!r.converged()) state.SkipWithError("did not converge");
}

template <class Make>
void r32_cold(benchmark::State& state, Make make) {
    auto c = make();
    for (auto _ : state) report(state, c.solve(SolverMethod::newton, {}, StartMode::cold));
}
template <class Make>
void r32_warm(benchmark::State& state, Make make) {
    auto c = make();
    (void)c.solve();
    int i = 0;
    for (auto _ : state) {
        set_condensing(c, from_celsius(45.0 + 0.01 * (++i % 20)).si());
        report(state, c.solve(SolverMethod::newton, {}, StartMode::warm));
    }
}
template <class Make>
void heat_pump_cold(benchmark::State& state, Make make) {
    auto c = make();
    for (auto _ : state) report(state, c.solve(SolverMethod::fallback, {}, StartMode::cold));
}
template <class Make>
void heat_pump_warm(benchmark::State& state, Make make) {
    auto c = make();
    (void)c.solve(SolverMethod::fallback, {}, StartMode::cold);
    SolveSettings s;
    s.tolerance = 1e-9;
    int i = 0;
    for (auto _ : state) {
        set_speed(c, 60.0 + 0.1 * (++i % 20)); // a HIL step: the compressor speed moves by 0.1 Hz
        report(state, c.solve(SolverMethod::newton, s, StartMode::warm));
    }
}
template <class Make>
void heat_pump_residuals(benchmark::State& state, Make make) {
    auto c = make();
    (void)c.solve(SolverMethod::fallback, {}, StartMode::cold);
    Eigen::VectorXd x(c.size()), r(c.size());
    c.initial_guess(x);
    for (auto _ : state) {
        benchmark::DoNotOptimize(c.residuals(x, r));
        benchmark::ClobberMemory();
    }
}
template <class Make>
void heat_pump_jacobian(benchmark::State& state, Make make) {
    auto c = make();
    (void)c.solve(SolverMethod::fallback, {}, StartMode::cold);
    Eigen::VectorXd x(c.size());
    Eigen::MatrixXd J(c.size(), c.size());
    c.initial_guess(x);
    for (auto _ : state) {
        benchmark::DoNotOptimize(c.jacobian(x, J));
        benchmark::ClobberMemory();
    }
}

const auto eos_hp_system = [] { return heat_pump_system(Backend::eos); };
const auto eos_hp_typed = [] { return heat_pump_typed(Backend::eos); };
const auto tab_hp_system = [] { return heat_pump_system(Backend::tables); };
const auto tab_hp_typed = [] { return heat_pump_typed(Backend::tables); };

BENCHMARK_CAPTURE(r32_cold, runtime, r32_system)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(r32_cold, typed, r32_typed)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(r32_warm, runtime, r32_system)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(r32_warm, typed, r32_typed)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(heat_pump_cold, runtime, eos_hp_system)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(heat_pump_cold, typed, eos_hp_typed)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(heat_pump_warm, runtime, eos_hp_system)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(heat_pump_warm, typed, eos_hp_typed)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(heat_pump_warm, runtime_tables, tab_hp_system)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(heat_pump_warm, typed_tables, tab_hp_typed)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(heat_pump_residuals, runtime_tables, tab_hp_system)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(heat_pump_residuals, typed_tables, tab_hp_typed)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(heat_pump_jacobian, runtime_tables, tab_hp_system)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(heat_pump_jacobian, typed_tables, tab_hp_typed)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
