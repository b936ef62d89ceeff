// Cold and warm solve times of a cycle network: the CO2 transcritical booster rack of
// examples/cycles/r744_booster_rack.json (13 components, 15 connections, 45 unknowns), read by
// the cycle-file reader, on the EOS and on the property tables. A warm solve starts from the
// previous solution after a small input change (the MT evaporating temperature moved by 0.01 K
// steps, a HIL step). docs/performance.md, "Networks", reports the medians.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "entropyk/io/cycle_file.hpp"

namespace {

using namespace entropyk;

io::CycleFile booster(Backend backend) {
    std::ifstream in(ENTROPYK_SOURCE_DIR "/examples/cycles/r744_booster_rack.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::string t = text.str();
    if (backend == Backend::tables) {
        const auto at = t.find("\"backend\": \"eos\"");
        if (at == std::string::npos) std::abort();
        t.replace(at, 16, "\"backend\": \"tables\"");
    }
    auto r = io::read_cycle_json(t, "r744_booster_rack.json");
    if (!r) std::abort();
    return std::move(r).value();
}

std::uint32_t index_of(const io::CycleFile& f, const char* name) {
    for (std::uint32_t i = 0; i < f.components.size(); ++i)
        if (f.components[i].name == name) return i;
    std::abort();
}

Backend backend_of(const benchmark::State& state) { return state.range(0) ? Backend::tables : Backend::eos; }

void report(benchmark::State& state, const CycleResults& r) {
    state.counters["iterations"] = r.iterations;
    state.counters["evaluations"] = r.residual_evaluations;
    if (!r.converged()) state.SkipWithError("did not converge");
}

void BM_BoosterCold(benchmark::State& state) {
    auto f = booster(backend_of(state));
    for (auto _ : state) report(state, f.system.solve(f.method, f.settings, StartMode::cold));
}

void BM_BoosterWarm(benchmark::State& state) {
    auto f = booster(backend_of(state));
    (void)f.system.solve(f.method, f.settings, StartMode::cold);
    const std::uint32_t mt = index_of(f, "mt evaporator");
    int i = 0;
    for (auto _ : state) {
        (void)f.system.set_input(mt, Input::saturation_temperature, from_celsius(-8.0 + 0.01 * (++i % 20)).si());
        report(state, f.system.solve(f.method, f.settings, StartMode::warm));
    }
}

} // namespace

BENCHMARK(BM_BoosterCold)->Arg(0)->Arg(1)->ArgName("tables")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BoosterWarm)->Arg(0)->Arg(1)->ArgName("tables")->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
