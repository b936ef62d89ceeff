// Net rule 1: the flash-chamber loop with the evaporator connected but not given to network<Fluid>(...).
// EXPECT: net rule 1 \(every link joins two nodes of this network\)
#include "entropyk/cycles/typed/network.hpp" // the network builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto lp = node<"lp_compressor">(IsentropicCompressor{1.0});
    auto mixer = node<"mixer">(Mixer{});
    auto hp = node<"hp_compressor">(IsentropicCompressor{1.0, 1.0_kg_per_s});
    auto cond = node<"condenser">(FixedSaturationCondenser{0.8_MPa, 0.0_dK});
    auto hp_valve = node<"hp_valve">(IsenthalpicValve{});
    auto flash = node<"flash_tank">(FlashTank{0.32_MPa});
    auto lp_valve = node<"lp_valve">(IsenthalpicValve{});
    auto evap = node<"evaporator">(FixedSaturationEvaporator{0.14_MPa, 0.0_dK});
    auto c = network<fluids::R134a>(lp, mixer, hp, cond, hp_valve, flash, lp_valve) |
             connect(lp.discharge, mixer.inlet_a) | connect(mixer.outlet, hp.suction) |
             connect(hp.discharge, cond.inlet) | connect(cond.outlet, hp_valve.inlet) |
             connect(hp_valve.outlet, flash.inlet) | connect(flash.liquid_out, lp_valve.inlet) |
             connect(lp_valve.outlet, evap.inlet) | connect(evap.outlet, lp.suction) | close_loop;
    (void)c;
}
