// Rule 4: a high side built for R134a joined to a low side built for R32.
// EXPECT: rule 4 \(one refrigerant per loop\)
#include "entropyk/cycles/typed/chain.hpp" // the builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto high_side =
        cycle<fluids::R134a>() | IsentropicCompressor{0.8, 0.05_kg_per_s} | FixedSaturationCondenser{45.0_degC, 3.0_dK};
    auto low_side = cycle<fluids::R32>() | IsenthalpicValve{} | FixedSaturationEvaporator{5.0_degC, 5.0_dK};
    auto c = high_side | low_side | close_loop;
    (void)c;
}
