// Sanity case: the harness sees a valid typed cycle compile (-Wall -Wextra -Wpedantic -Werror),
// built from the same pieces the refusals misuse.
#include "entropyk/cycles/typed.hpp"

using namespace entropyk;
using namespace entropyk::literals;

double build() {
    auto c = cycle<fluids::R410A>() | IsentropicCompressor{0.7, 0.05_kg_per_s} |
             condenser(MovingBoundary{2.4_kW_per_K}).secondary(Air{35.0_degC, 1.4_kg_per_s}).subcooling(5.0_dK) |
             expansion_valve(FixedSuperheat{5.0_dK}) |
             evaporator(MovingBoundary{1.3_kW_per_K}).secondary(Air{27.0_degC, 0.6_kg_per_s}) | close_loop;
    auto high_side =
        cycle<fluids::R134a>() | IsentropicCompressor{0.8, 0.05_kg_per_s} | FixedSaturationCondenser{45.0_degC, 3.0_dK};
    auto low_side = cycle<fluids::R134a>() | IsenthalpicValve{} | FixedSaturationEvaporator{5.0_degC, 5.0_dK};
    auto textbook = high_side | low_side | close_loop;
    return c.solve().cop_heating + textbook.solve().cop_cooling;
}
