// Rule 1: a compressor fed by an expansion valve (the evaporator was forgotten), so two-phase
// refrigerant would enter the compressor.
// EXPECT: rule 1 \(a compressor takes low-pressure vapor\).*put an evaporator between
#include "entropyk/cycles/typed/chain.hpp" // the builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto c = cycle<fluids::R134a>() | FixedSaturationCondenser{45.0_degC, 3.0_dK} | IsenthalpicValve{} |
             IsentropicCompressor{0.8, 0.05_kg_per_s} | close_loop;
    (void)c;
}
