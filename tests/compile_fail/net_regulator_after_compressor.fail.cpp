// Net rule 4: an evaporator pressure regulator put in the discharge line (between the compressor
// and the condenser) instead of the evaporator's suction line.
// EXPECT: net rule 4 \(an evaporator pressure regulator holds an evaporator's pressure\)
#include "entropyk/cycles/typed/network.hpp" // the network builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto comp = node<"comp">(IsentropicCompressor{0.7, 0.1_kg_per_s});
    auto epr = node<"epr">(EvaporatorPressureRegulator::at_temperature(0.0_degC));
    auto cond = node<"cond">(FixedSaturationCondenser{40.0_degC, 2.0_dK});
    auto valve = node<"valve">(IsenthalpicValve{});
    auto evap = node<"evap">(FixedSaturationEvaporator{0.0_degC, 5.0_dK});
    auto c = network<fluids::R134a>(comp, epr, cond, valve, evap) | connect(comp.discharge, epr.inlet) |
             connect(epr.outlet, cond.inlet) | connect(cond.outlet, valve.inlet) | connect(valve.outlet, evap.inlet) |
             connect(evap.outlet, comp.suction) | close_loop;
    (void)c;
}
