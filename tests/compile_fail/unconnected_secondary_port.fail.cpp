// Port type-state: an evaporator whose secondary (air) port is unconnected cannot join a cycle.
// EXPECT: port rule \(a component joins a cycle with every port connected\): this evaporator's secondary port is
// unconnected
#include "entropyk/cycles/typed/chain.hpp" // the builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto c = cycle<fluids::R410A>() | IsentropicCompressor{0.7, 0.05_kg_per_s} |
             condenser(MovingBoundary{2.4_kW_per_K}).secondary(Air{35.0_degC, 1.4_kg_per_s}).subcooling(5.0_dK) |
             expansion_valve(FixedSuperheat{5.0_dK}) | evaporator(MovingBoundary{1.3_kW_per_K}) | close_loop;
    (void)c;
}
