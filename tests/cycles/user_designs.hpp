// The three user designs of issue 14, built as in examples/cycles/{r290_chiller,r717_cold_store,
// r744_water_cooled}.json (the same numbers; the JSON files are the reference).
#pragma once

#include <optional>

#include "entropyk/components.hpp"
#include "entropyk/cycles.hpp"

namespace user_designs {

using namespace entropyk;
using namespace entropyk::literals;

/// compressor -> condenser -> [receiver] -> valve -> evaporator, finalized.
template <class Comp, class Valve>
std::optional<System> loop(const char* fluid, Backend backend, Comp comp, Condenser cond, Valve valve, Evaporator evap,
                           bool receiver) {
    auto s = System::create(fluid, backend);
    if (!s) return std::nullopt;
    System sys = std::move(*s);
    const auto c = *sys.add("compressor", comp);
    const auto k = *sys.add("condenser", cond);
    std::uint32_t r = k;
    if (receiver) r = *sys.add("receiver", Receiver{});
    const auto v = *sys.add("valve", valve);
    const auto e = *sys.add("evaporator", evap);
    if (!sys.connect(c, k) || (receiver && !sys.connect(k, r)) || !sys.connect(r, v) || !sys.connect(v, e) ||
        !sys.connect(e, c) || !sys.finalize())
        return std::nullopt;
    return sys;
}

/// R290 water chiller: 0.7 isentropic efficiency, 50 cm3 at 50 Hz (volumetric efficiency 0.9);
/// water-cooled plate condenser (moving boundary, counter-flow, UA 3000 W/K, water 30 C at
/// 0.6 kg/s, 3 K subcooling); TXV at 5 K; brine evaporator (moving boundary, counter-flow,
/// UA 2500 W/K, 30 % propylene glycol at 12 C, 0.8 kg/s, cp 3800, 1030 kg/m3).
inline std::optional<System> r290_chiller(Backend backend = Backend::eos) {
    return loop(
        "R290", backend, IsentropicCompressor{0.7, Volume{50e-6}, Frequency{50.0}, 0.9},
        Condenser{HxModel::moving_boundary, ThermalConductance{3000.0},
                  SecondaryFluid::water(from_celsius(30.0), MassFlow{0.6}), FlowArrangement::counter_flow}
            .with_subcooling(TemperatureDifference{3.0}),
        ExpansionValve::fixed_superheat(TemperatureDifference{5.0}),
        Evaporator{HxModel::moving_boundary, ThermalConductance{2500.0},
                   SecondaryFluid::brine(from_celsius(12.0), MassFlow{0.8}, SpecificHeat{3800.0}, Density{1030.0}),
                   FlowArrangement::counter_flow},
        false);
}

/// R717 cold store at -30 C: 0.65 isentropic efficiency, 200 cm3 at 50 Hz (volumetric 0.8);
/// moving-boundary air condenser (UA 4000 W/K, air 25 C at 3 kg/s, no subcooling spec);
/// receiver (saturated liquid out: the charge condition); superheat-controlled valve (C = 2e-6 m2,
/// 6 K); moving-boundary air cooler (UA 2500 W/K, store air -25 C at 3 kg/s).
inline std::optional<System> r717_cold_store(Backend backend = Backend::eos) {
    return loop("R717", backend, IsentropicCompressor{0.65, Volume{200e-6}, Frequency{50.0}, 0.8},
                Condenser{HxModel::moving_boundary, ThermalConductance{4000.0},
                          SecondaryFluid::air(from_celsius(25.0), MassFlow{3.0})},
                ExpansionValve::superheat_control(2e-6, TemperatureDifference{6.0}),
                Evaporator{HxModel::moving_boundary, ThermalConductance{2500.0},
                           SecondaryFluid::air(from_celsius(-25.0), MassFlow{3.0})},
                true);
}

/// R744 (CO2), subcritical, water-cooled: 0.7 isentropic efficiency, 5 cm3 at 50 Hz (volumetric
/// 0.85); plate condenser (moving boundary, counter-flow, UA 1500 W/K, cooling water at
/// `T_water_C` and 0.3 kg/s, 2 K subcooling); TXV at 5 K; brine evaporator (moving boundary,
/// counter-flow, UA 1200 W/K, brine -2 C at 0.5 kg/s, cp 3500, 1050 kg/m3). With 35 C water
/// (above CO2's critical temperature, 31 C) there is no subcritical steady state.
inline std::optional<System> r744_water_cooled(double T_water_C, Backend backend = Backend::eos) {
    return loop(
        "R744", backend, IsentropicCompressor{0.7, Volume{5e-6}, Frequency{50.0}, 0.85},
        Condenser{HxModel::moving_boundary, ThermalConductance{1500.0},
                  SecondaryFluid::water(from_celsius(T_water_C), MassFlow{0.3}), FlowArrangement::counter_flow}
            .with_subcooling(TemperatureDifference{2.0}),
        ExpansionValve::fixed_superheat(TemperatureDifference{5.0}),
        Evaporator{HxModel::moving_boundary, ThermalConductance{1200.0},
                   SecondaryFluid::brine(from_celsius(-2.0), MassFlow{0.5}, SpecificHeat{3500.0}, Density{1050.0}),
                   FlowArrangement::counter_flow},
        false);
}

} // namespace user_designs
