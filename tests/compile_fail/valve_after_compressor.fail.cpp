// Connection rule: an expansion valve right after the compressor (the condenser was forgotten):
// the valve takes high-pressure liquid, the compressor delivers high-pressure vapor.
// EXPECT: connection rule \(an expansion valve or a receiver takes high-pressure liquid\): put a condenser before it
#include "entropyk/cycles/typed/chain.hpp" // the builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto c = cycle<fluids::R32>() | IsentropicCompressor{0.8, 0.1_kg_per_s} | IsenthalpicValve{} |
             FixedSaturationEvaporator{5.0_degC, 5.0_dK} | close_loop;
    (void)c;
}
