// The off-design heat pump, written with the typed builder: an R410A air-to-air heat pump that
// finds its own pressures from a compressor map (ACHP 3-ton AHRI 540 map, 60 Hz), with
// moving-boundary coils on air, an ideal TXV holding 5 K of superheat and 7 K of subcooling.
// The coils' secondary ports are typed: they take Air/Water/Brine streams and must be connected
// before the coils can join the cycle. Then a speed sweep, as a HIL bench would drive it.
#include <cstdio>

#include "entropyk/cycles/typed.hpp"

using namespace entropyk;
using namespace entropyk::literals;

int main() {
    // ACHP 3-ton R410A map (IP units, rated at 20 F superheat, 60 Hz).
    const CompressorMap map({217.3163128, 5.094492028, -0.593170311, 4.38E-02, -2.14E-02, 1.04E-02, 7.90E-05, -5.73E-05,
                             1.79E-04, -8.08E-05},
                            {-561.3615705, -15.62601841, 46.92506685, -0.217949552, 0.435062616, -0.442400826, 2.25E-04,
                             2.37E-03, -3.32E-03, 2.50E-03},
                            MapUnits::ip, TemperatureDifference{20.0 / 1.8}, 60.0_Hz);

    // The coils: a secondary port left unconnected would not compile into the cycle.
    const auto indoor_coil = condenser(MovingBoundary{2.4_kW_per_K})
                                 .secondary(Air{35.0_degC, 1.4_kg_per_s})
                                 .subcooling(7.0_dK); // the loop's charge condition
    const auto outdoor_coil = evaporator(MovingBoundary{1.3_kW_per_K}).secondary(Air{27.0_degC, 0.6_kg_per_s});

    auto heat_pump = cycle<fluids::R410A>() | MapCompressor{map, 60.0_Hz} | indoor_coil |
                     expansion_valve(FixedSuperheat{5.0_dK}) | outdoor_coil | close_loop;
    // 4 connections and 3 + 2 zone fractions: the storage is sized at compile time.
    static_assert(decltype(heat_pump)::unknown_count == 17);
    if (!heat_pump.status()) {
        std::printf("invalid cycle: %s\n", heat_pump.status().error().c_str());
        return 1;
    }

    const CycleResults& r = heat_pump.solve(SolverMethod::fallback, {}, StartMode::cold);
    std::printf("%s", r.report);
    if (!r.converged()) return 1;
    std::printf("condensing at %.2f bar, evaporating at %.2f bar, superheat %.2f K, subcooling %.2f K\n",
                r.connections[0].state.p.si() / 1e5, r.connections[3].state.p.si() / 1e5, r.superheat, r.subcooling);
    std::printf("indoor air leaves at %.2f C, outdoor air at %.2f C\n",
                to_celsius(Temperature{r.components[1].secondary_outlet_T}),
                to_celsius(Temperature{r.components[3].secondary_outlet_T}));

    // Speed sweep: change an input between solves, warm-started from the last solution.
    for (const double hz : {60.0, 45.0, 75.0, 90.0}) {
        if (!heat_pump.set_input<0>(Input::compressor_speed, hz)) return 1;
        const CycleResults& s = heat_pump.solve(SolverMethod::newton);
        if (!s.converged()) {
            std::printf("%.0f Hz: %s", hz, s.report);
            return 1;
        }
        std::printf("%.0f Hz: heating %.1f W, power %.1f W, COP_h %.4f (%d iterations, %.2f ms)\n", hz,
                    s.heating_capacity, s.compressor_power, s.cop_heating, s.iterations, s.solve_time_s * 1e3);
    }
    return 0;
}
