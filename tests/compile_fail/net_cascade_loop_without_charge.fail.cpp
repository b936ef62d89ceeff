// Net rule 5 per loop: a cascade whose upper loop rejects its heat in an air condenser without
// an outlet subcooling (and no receiver): the lower loop's charge is fixed, the upper loop's not.
// EXPECT: net rule 5 \(one condition fixes each loop's charge\): no component of this loop fixes it
#include "entropyk/cycles/typed/network.hpp" // the network builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto comp_a = node<"comp_a">(IsentropicCompressor{1.0, 0.05_kg_per_s});
    auto cond_a = node<"cond_a">(condenser(MovingBoundary{2.4_kW_per_K}).secondary(Air{35.0_degC, 1.4_kg_per_s}));
    auto valve_a = node<"valve_a">(IsenthalpicValve{});
    auto hx = node<"hx">(CascadeHeatExchanger::at_pressure(0.32_MPa, 0.0_dK));
    auto comp_b = node<"comp_b">(IsentropicCompressor{1.0});
    auto valve_b = node<"valve_b">(IsenthalpicValve{});
    auto evap_b = node<"evap_b">(FixedSaturationEvaporator{0.14_MPa, 0.0_dK});
    auto c = network<fluids::R134a>(comp_a, cond_a, valve_a, hx, comp_b, valve_b, evap_b) |
             connect(comp_a.discharge, cond_a.inlet) | connect(cond_a.outlet, valve_a.inlet) |
             connect(valve_a.outlet, hx.cold_in) | connect(hx.cold_out, comp_a.suction) |
             connect(comp_b.discharge, hx.hot_in) | connect(hx.hot_out, valve_b.inlet) |
             connect(valve_b.outlet, evap_b.inlet) | connect(evap_b.outlet, comp_b.suction) | close_loop;
    (void)c;
}
