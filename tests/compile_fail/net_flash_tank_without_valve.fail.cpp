// Net rule 3 (a missing expansion between levels): the condenser's liquid piped straight into
// the flash tank; the high-pressure valve is left out.
// EXPECT: net rule 3 \(a flash tank takes two-phase refrigerant at its intermediate level\): put an expansion valve
#include "entropyk/cycles/typed/network.hpp" // the network builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto lp = node<"lp_compressor">(IsentropicCompressor{1.0});
    auto mixer = node<"mixer">(Mixer{});
    auto hp = node<"hp_compressor">(IsentropicCompressor{1.0, 1.0_kg_per_s});
    auto cond = node<"condenser">(FixedSaturationCondenser{0.8_MPa, 0.0_dK});
    auto flash = node<"flash_tank">(FlashTank{0.32_MPa});
    auto lp_valve = node<"lp_valve">(IsenthalpicValve{});
    auto evap = node<"evaporator">(FixedSaturationEvaporator{0.14_MPa, 0.0_dK});
    auto c = network<fluids::R134a>(lp, mixer, hp, cond, flash, lp_valve, evap) | connect(lp.discharge, mixer.inlet_a) |
             connect(mixer.outlet, hp.suction) | connect(hp.discharge, cond.inlet) |
             connect(flash.liquid_out, lp_valve.inlet) | connect(flash.vapour_out, mixer.inlet_b) |
             connect(lp_valve.outlet, evap.inlet) | connect(evap.outlet, lp.suction) |
             connect(cond.outlet, flash.inlet) | close_loop;
    (void)c;
}
