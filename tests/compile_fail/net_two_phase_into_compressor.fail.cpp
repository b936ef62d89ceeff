// Net rule 3 through a branch: a splitter after the expansion valve sends one branch through the
// evaporator and the other straight to a second compressor's suction (two-phase refrigerant).
// EXPECT: net rule 3 \(a compressor takes vapour\): two-phase or liquid refrigerant reaches this compressor's suction
#include "entropyk/cycles/typed/network.hpp" // the network builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto comp = node<"comp">(IsentropicCompressor{0.7, 0.1_kg_per_s});
    auto cond = node<"cond">(FixedSaturationCondenser{40.0_degC, 2.0_dK});
    auto valve = node<"valve">(IsenthalpicValve{});
    auto tee = node<"tee">(Splitter{});
    auto evap = node<"evap">(FixedSaturationEvaporator{0.0_degC, 5.0_dK});
    auto booster = node<"booster">(IsentropicCompressor{0.7});
    auto mix = node<"mix">(Mixer{});
    auto c = network<fluids::R134a>(comp, cond, valve, tee, evap, booster, mix) | connect(comp.discharge, cond.inlet) |
             connect(cond.outlet, valve.inlet) | connect(valve.outlet, tee.inlet) | connect(tee.outlet_a, evap.inlet) |
             connect(evap.outlet, mix.inlet_a) | connect(tee.outlet_b, booster.suction) |
             connect(booster.discharge, mix.inlet_b) | connect(mix.outlet, comp.suction) | close_loop;
    (void)c;
}
