// Small numeric helpers shared by every layer.
#pragma once

#include <algorithm>
#include <cmath>

namespace entropyk {

[[nodiscard]] inline bool is_finite(double x) noexcept { return std::isfinite(x); }

/// |a - b| / max(|a|, |b|, tiny): the relative deviation used by tests and convergence checks.
[[nodiscard]] inline double relative_difference(double a, double b) noexcept {
    const double scale = std::max({std::fabs(a), std::fabs(b), 1e-300});
    return std::fabs(a - b) / scale;
}

} // namespace entropyk
