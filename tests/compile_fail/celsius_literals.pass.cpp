// Celsius literals as users write them: negative (`-2.0_degC` is -(2.0_degC), the minus applied
// to the finished literal) and without a decimal point (`40_degC`, `3_dK`), in the places a
// Temperature goes: a component's parameters, a secondary stream, a difference and a comparison.
#include "entropyk/cycles/typed/chain.hpp"

using namespace entropyk;
using namespace entropyk::literals;

static_assert((-2.0_degC).si() == from_celsius(-2.0).si(), "-2.0_degC is -2 degC, not -(275.15 K)");
static_assert((40_degC).si() == (40.0_degC).si(), "an integer Celsius literal");
static_assert(-10_degC < 0_degC, "negative Celsius literals order as temperatures");

void build() {
    // An open chain (no close_loop): the builder checks each stage, without the solvers.
    auto c = cycle<fluids::R744>() | IsentropicCompressor{0.7, 0.05_kg_per_s} |
             FixedSaturationCondenser{20_degC, 2_dK} | IsenthalpicValve{} |
             evaporator(MovingBoundary{1_kW_per_K}).secondary(Air{-2.0_degC, 1_kg_per_s});
    const Temperature t = -40_degC;
    const TemperatureDifference lift = 40_degC - t;
    (void)c;
    (void)lift;
}
