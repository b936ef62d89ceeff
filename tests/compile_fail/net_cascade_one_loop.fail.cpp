// Net rule 2: both sides of a cascade heat exchanger piped into one loop (its condensing side
// after the compressor, its evaporating side after the valve of the same loop).
// EXPECT: net rule 2 \(a cascade heat exchanger joins two loops\)
#include "entropyk/cycles/typed/network.hpp" // the network builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto comp = node<"comp">(IsentropicCompressor{1.0, 0.05_kg_per_s});
    auto hx = node<"hx">(CascadeHeatExchanger::at_pressure(0.32_MPa, 0.0_dK));
    auto valve = node<"valve">(IsenthalpicValve{});
    auto c = network<fluids::R134a>(comp, hx, valve) | connect(comp.discharge, hx.hot_in) |
             connect(hx.hot_out, valve.inlet) | connect(valve.outlet, hx.cold_in) | connect(hx.cold_out, comp.suction) |
             close_loop;
    (void)c;
}
