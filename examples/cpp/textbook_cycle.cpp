// The textbook cycle, written with the typed builder: Cengel & Boles, "Thermodynamics: An
// Engineering Approach", Example 11-1 — an ideal R134a refrigerator between 0.14 and 0.8 MPa with
// 0.05 kg/s, saturated vapour into the compressor and saturated liquid out of the condenser.
// Published: Q_L = 7.18 kW, W_in = 1.81 kW, COP_R = 3.97.
//
// Try a mistake: drop the evaporator, or pipe the compressor right after the valve, and the
// compiler names the rule (docs/cpp-api.md).
#include <cstdio>

#include "entropyk/cycles/typed.hpp"

using namespace entropyk;
using namespace entropyk::literals;

int main() {
    auto refrigerator = cycle<fluids::R134a>()                        // one refrigerant, as a type
                        | IsentropicCompressor{1.0, 0.05_kg_per_s}    // takes low-pressure vapor
                        | FixedSaturationCondenser{0.8_MPa, 0.0_dK}   // saturated liquid out: fixes the charge
                        | IsenthalpicValve{}                          // high-pressure liquid in, two-phase out
                        | FixedSaturationEvaporator{0.14_MPa, 0.0_dK} // saturated vapor out
                        | close_loop;                                 // the last outlet feeds the first inlet
    static_assert(decltype(refrigerator)::unknown_count == 12);       // [p, h, m] on 4 connections

    const CycleResults& r = refrigerator.solve(SolverMethod::newton);
    std::printf("%s", r.report);
    if (!r.converged()) return 1;
    static const char* names[] = {"compressor -> condenser", "condenser -> valve", "valve -> evaporator",
                                  "evaporator -> compressor"};
    for (std::size_t e = 0; e < r.connections.size(); ++e) {
        const auto& s = r.connections[e].state;
        std::printf("  %-26s p = %7.2f kPa  T = %7.2f C  h = %7.2f kJ/kg\n", names[e], s.p.si() / 1e3, to_celsius(s.T),
                    s.h.si() / 1e3);
    }
    std::printf("cooling capacity %.1f W, compressor power %.1f W, heat rejected %.1f W\n", r.cooling_capacity,
                r.compressor_power, r.heating_capacity);
    std::printf("COP (cooling) %.5f\n", r.cop_cooling);
    return 0;
}
