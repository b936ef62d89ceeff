// Rule 2: close_loop where the last outlet (the valve's two-phase refrigerant) does not match the
// first inlet (the compressor takes low-pressure vapor).
// EXPECT: rule 2 \(close_loop joins the last outlet to the first inlet.*add an evaporator before close_loop
#include "entropyk/cycles/typed/chain.hpp" // the builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto c = cycle<fluids::R134a>() | IsentropicCompressor{0.8, 0.05_kg_per_s} |
             FixedSaturationCondenser{45.0_degC, 3.0_dK} | IsenthalpicValve{} | close_loop;
    (void)c;
}
