// Rule 3: an off-design loop whose charge nothing fixes: the condenser has no subcooling and
// there is no receiver.
// EXPECT: rule 3 \(one condition fixes the loop's charge\): no component fixes it
#include "entropyk/cycles/typed/chain.hpp" // the builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto c = cycle<fluids::R410A>() | IsentropicCompressor{0.7, 0.05_kg_per_s} |
             condenser(MovingBoundary{2.4_kW_per_K}).secondary(Air{35.0_degC, 1.4_kg_per_s}) |
             expansion_valve(FixedSuperheat{5.0_dK}) |
             evaporator(MovingBoundary{1.3_kW_per_K}).secondary(Air{27.0_degC, 0.6_kg_per_s}) | close_loop;
    (void)c;
}
