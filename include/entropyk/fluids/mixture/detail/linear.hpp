// Small dense linear systems (at most max_components + 2 unknowns) by Gaussian elimination with
// partial pivoting, in place, no allocation.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <utility>

namespace entropyk::fluids::mixture::detail {

inline constexpr std::size_t max_unknowns = 8;
using SmallVec = std::array<double, max_unknowns>;
using SmallMat = std::array<SmallVec, max_unknowns>;

/// Solves A x = b for the leading n x n block; b is overwritten by x. False if A is singular.
[[nodiscard]] inline bool solve_dense(SmallMat& A, SmallVec& b, std::size_t n) noexcept {
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < n; ++r)
            if (std::fabs(A[r][c]) > std::fabs(A[piv][c])) piv = r;
        if (!(std::fabs(A[piv][c]) > 0.0)) return false;
        if (piv != c) {
            std::swap(A[piv], A[c]);
            std::swap(b[piv], b[c]);
        }
        for (std::size_t r = c + 1; r < n; ++r) {
            const double f = A[r][c] / A[c][c];
            if (f == 0.0) continue;
            for (std::size_t k = c; k < n; ++k) A[r][k] -= f * A[c][k];
            b[r] -= f * b[c];
        }
    }
    for (std::size_t c = n; c-- > 0;) {
        double s = b[c];
        for (std::size_t k = c + 1; k < n; ++k) s -= A[c][k] * b[k];
        b[c] = s / A[c][c];
    }
    for (std::size_t c = 0; c < n; ++c)
        if (!std::isfinite(b[c])) return false;
    return true;
}

} // namespace entropyk::fluids::mixture::detail
