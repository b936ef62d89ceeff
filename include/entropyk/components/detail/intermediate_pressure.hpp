// The classic design rule for the intermediate pressure of two-stage compression: the geometric
// mean of the suction and discharge pressures, p_i = sqrt(p_low p_high), which gives both stages
// the same pressure ratio and, for ideal-gas compression with perfect intercooling, the least
// total work (Stoecker & Jones, "Refrigeration and Air Conditioning", 2nd ed., McGraw-Hill 1982,
// section 16-5 "choice of intermediate pressure"; ASHRAE Handbook -- Refrigeration, multistage
// systems). Real refrigerant cycles have their optimum near it; a factor r scales it:
//   p_i = r sqrt(p_low p_high).
// Shared by the vapour-injection compressor (injection pressure) and the flash tank (its level).
#pragma once

#include <cmath>

namespace entropyk::detail {

[[nodiscard]] inline double geometric_mean_pressure(double p_low, double p_high, double factor) noexcept {
    return factor * std::sqrt(p_low * p_high);
}

} // namespace entropyk::detail
