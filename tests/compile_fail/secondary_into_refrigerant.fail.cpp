// Rule 5: the condenser's cooling air piped into the refrigerant chain (a secondary-fluid port
// connected to a refrigerant port) instead of into the condenser's secondary port.
// EXPECT: rule 5 \(secondary fluids and refrigerant do not mix\).*secondary port
#include "entropyk/cycles/typed/chain.hpp" // the builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto c = cycle<fluids::R410A>() | IsentropicCompressor{0.7, 0.05_kg_per_s} | Air{35.0_degC, 1.4_kg_per_s};
    (void)c;
}
