// Rule 6: solving a chain that was never closed.
// EXPECT: rule 6 \(only a closed cycle can be solved\).*end it with \| close_loop
#include "entropyk/cycles/typed/chain.hpp" // the builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

double build() {
    auto c = cycle<fluids::R134a>() | IsentropicCompressor{0.8, 0.05_kg_per_s} |
             FixedSaturationCondenser{45.0_degC, 3.0_dK} | IsenthalpicValve{} |
             FixedSaturationEvaporator{5.0_degC, 5.0_dK};
    return c.solve().cop_cooling;
}
