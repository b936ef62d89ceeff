// Heat-exchanger effectiveness relations, epsilon(NTU, Cr) (Incropera, DeWitt, Bergman & Lavine,
// "Fundamentals of Heat and Mass Transfer", 6th ed., Table 11.3).
#pragma once

#include <cmath>
#include <cstdint>

namespace entropyk {

enum class FlowArrangement : std::uint8_t {
    counter_flow, ///< typical of brazed-plate water exchangers
    cross_flow,   ///< both fluids unmixed: typical of finned-tube air coils
};

/// epsilon for NTU >= 0 and 0 <= Cr <= 1. Cr = 0 (a phase-changing stream) gives 1 - exp(-NTU)
/// for every arrangement.
[[nodiscard]] inline double effectiveness(double NTU, double Cr, FlowArrangement arrangement) noexcept {
    if (NTU <= 0.0) return 0.0;
    if (Cr < 1e-9) return -std::expm1(-NTU);
    switch (arrangement) {
    case FlowArrangement::counter_flow: {
        if (std::fabs(1.0 - Cr) < 1e-9) return NTU / (1.0 + NTU);
        const double e = std::exp(-NTU * (1.0 - Cr));
        return (1.0 - e) / (1.0 - Cr * e);
    }
    case FlowArrangement::cross_flow:
        // Single pass, both fluids unmixed (Incropera eq. 11.32, an approximation exact as Cr -> 0).
        return 1.0 - std::exp(std::pow(NTU, 0.22) / Cr * (std::exp(-Cr * std::pow(NTU, 0.78)) - 1.0));
    }
    return 0.0;
}

} // namespace entropyk
