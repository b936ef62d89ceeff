// Net rule 2 through a cascade: the lower loop of an R717/R744 cascade with its valve left on
// the network's refrigerant (R717) while its other nodes name R744.
// EXPECT: net rule 2 \(one refrigerant per loop\)
#include "entropyk/cycles/typed/network.hpp" // the network builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto comp_a = node<"comp_a">(IsentropicCompressor{1.0, 0.1_kg_per_s});
    auto cond_a = node<"cond_a">(FixedSaturationCondenser{35.0_degC, 0.0_dK});
    auto valve_a = node<"valve_a">(IsenthalpicValve{});
    auto hx = node<"hx">(CascadeHeatExchanger::at_temperature(-10.0_degC, 5.0_dK));
    auto comp_b = node<"comp_b", fluids::R744>(IsentropicCompressor{1.0});
    auto valve_b = node<"valve_b">(IsenthalpicValve{});
    auto evap_b = node<"evap_b", fluids::R744>(FixedSaturationEvaporator{-45.0_degC, 0.0_dK});
    auto c = network<fluids::R717>(comp_a, cond_a, valve_a, hx, comp_b, valve_b, evap_b) |
             connect(comp_a.discharge, cond_a.inlet) | connect(cond_a.outlet, valve_a.inlet) |
             connect(valve_a.outlet, hx.cold_in) | connect(hx.cold_out, comp_a.suction) |
             connect(comp_b.discharge, hx.hot_in) | connect(hx.hot_out, valve_b.inlet) |
             connect(valve_b.outlet, evap_b.inlet) | connect(evap_b.outlet, comp_b.suction) | close_loop;
    (void)c;
}
