// Net rule 5: a receiver after a condenser that already fixes its outlet subcooling: the loop's
// charge is fixed twice.
// EXPECT: net rule 5 \(one condition fixes each loop's charge\): it is fixed more than once
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
    auto receiver = node<"receiver">(Receiver{});
    auto c = network<fluids::R134a>(lp, mixer, hp, cond, receiver, hp_valve, flash, lp_valve, evap) |
             connect(lp.discharge, mixer.inlet_a) | connect(mixer.outlet, hp.suction) |
             connect(hp.discharge, cond.inlet) | connect(hp_valve.outlet, flash.inlet) |
             connect(flash.liquid_out, lp_valve.inlet) | connect(flash.vapour_out, mixer.inlet_b) |
             connect(lp_valve.outlet, evap.inlet) | connect(evap.outlet, lp.suction) |
             connect(cond.outlet, receiver.inlet) | connect(receiver.outlet, hp_valve.inlet) | close_loop;
    (void)c;
}
