// Typed form rule: the runtime ExpansionValve picks its mode (and so its unknowns) at run time;
// a typed cycle takes expansion_valve(FixedSuperheat{...}) and the like.
// EXPECT: typed form rule: ExpansionValve chooses its mode at run time; in a typed cycle write
// expansion_valve\(FixedSuperheat
#include "entropyk/cycles/typed/chain.hpp" // the builder and its rules, without the solvers

using namespace entropyk;
using namespace entropyk::literals;

void build() {
    auto c = cycle<fluids::R32>() | IsentropicCompressor{0.8, 0.1_kg_per_s} |
             FixedSaturationCondenser{45.0_degC, 3.0_dK} | ExpansionValve::fixed_superheat(5.0_dK) |
             FixedSaturationEvaporator{5.0_degC, 5.0_dK} | close_loop;
    (void)c;
}
