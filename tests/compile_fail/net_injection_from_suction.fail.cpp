// Net rule 4: a vapour-injection compressor whose injection port is fed from the suction line (a
// splitter after the evaporator) instead of an economizer at an intermediate pressure.
// EXPECT: net rule 4 \(a compressor's injection port takes an intermediate pressure\)
#include "entropyk/cycles/typed/network.hpp" // the network builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto comp = node<"comp">(VapourInjectionCompressor::geometric_mean(0.7, 0.05_kg_per_s));
    auto cond = node<"cond">(FixedSaturationCondenser{45.0_degC, 5.0_dK});
    auto valve = node<"valve">(IsenthalpicValve{});
    auto evap = node<"evap">(FixedSaturationEvaporator{-15.0_degC, 5.0_dK});
    auto tee = node<"tee">(Splitter{});
    auto c = network<fluids::R32>(comp, cond, valve, evap, tee) | connect(comp.discharge, cond.inlet) |
             connect(cond.outlet, valve.inlet) | connect(valve.outlet, evap.inlet) | connect(evap.outlet, tee.inlet) |
             connect(tee.outlet_a, comp.suction) | connect(tee.outlet_b, comp.injection) | close_loop;
    (void)c;
}
