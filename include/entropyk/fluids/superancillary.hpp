// Saturation curve from superancillary Chebyshev expansions (I. H. Bell et al.,
// "Superancillary Equations for the Multiparameter Equations of State in REFPROP 10.0", as
// distributed with CoolProp 8.0.0).
// The expansions reproduce the EOS's own equal-pressure / equal-Gibbs solution to ~1e-12 from
// the triple point right up to the EOS's critical point, where iterative VLE solvers struggle.
// Evaluation: binary search of the interval, then Clenshaw's recurrence (13 terms).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "entropyk/fluids/helmholtz/terms.hpp"

namespace entropyk::fluids::superancillary {

using helmholtz::ChebyshevCoefficients;
using helmholtz::SuperAncillaryData;

/// Index i with knots[i] <= x <= knots[i+1] (clamped to the ends).
[[nodiscard]] inline std::size_t interval_of(std::span<const double> knots, double x) noexcept {
    const auto it = std::upper_bound(knots.begin() + 1, knots.end() - 1, x);
    return static_cast<std::size_t>(it - knots.begin()) - 1;
}

/// sum c_k T_k(x), x in [-1, 1] (Clenshaw).
[[nodiscard]] inline double chebyshev(const ChebyshevCoefficients& c, double x) noexcept {
    double b1 = 0.0, b2 = 0.0;
    const double x2 = 2.0 * x;
    for (std::size_t k = c.size() - 1; k >= 1; --k) {
        const double b0 = x2 * b1 - b2 + c[k];
        b2 = b1;
        b1 = b0;
    }
    return x * b1 - b2 + c[0];
}

/// Value and d/dx of sum c_k T_k(x) (T_k' = k U_{k-1}).
inline void chebyshev_with_derivative(const ChebyshevCoefficients& c, double x, double& f, double& df) noexcept {
    double Tkm1 = 1.0, Tk = x;         // T_0, T_1
    double Ukm2 = 1.0, Ukm1 = 2.0 * x; // U_0, U_1
    f = c[0] + c[1] * x;
    df = c[1]; // 1 * U_0
    for (std::size_t k = 2; k < c.size(); ++k) {
        const double Tn = 2.0 * x * Tk - Tkm1;
        f += c[k] * Tn;
        df += c[k] * static_cast<double>(k) * Ukm1; // U_{k-1}
        Tkm1 = Tk;
        Tk = Tn;
        const double Un = 2.0 * x * Ukm1 - Ukm2;
        Ukm2 = Ukm1;
        Ukm1 = Un;
    }
}

/// Saturation values at T (T within [T_knots.front(), T_knots.back()]): p in Pa, densities
/// in mol/m3 (multiply by the molar mass).
struct Point {
    double p, rho_liquid_molar, rho_vapor_molar;
};

[[nodiscard]] inline double scaled_x(std::span<const double> knots, std::size_t i, double T) noexcept {
    const double a = knots[i], b = knots[i + 1];
    return (2.0 * T - (a + b)) / (b - a);
}

[[nodiscard]] inline double pressure(const SuperAncillaryData& sa, double T) noexcept {
    const std::size_t i = interval_of(sa.T_knots, T);
    return chebyshev(sa.p[i], scaled_x(sa.T_knots, i, T));
}

[[nodiscard]] inline Point evaluate(const SuperAncillaryData& sa, double T) noexcept {
    const std::size_t i = interval_of(sa.T_knots, T);
    const double x = scaled_x(sa.T_knots, i, T);
    return {chebyshev(sa.p[i], x), chebyshev(sa.rho_liquid[i], x), chebyshev(sa.rho_vapor[i], x)};
}

/// Inverse T_sat(p) for p within [p_knots.front(), p_knots.back()]: the p expansion is strictly
/// increasing; the interval is found from the knot pressures, then a safeguarded Newton
/// iteration in the scaled variable (at most 40 steps, bisection when a step leaves the bracket).
[[nodiscard]] inline double temperature(const SuperAncillaryData& sa, double p) noexcept {
    const std::size_t i = interval_of(sa.p_knots, p);
    const double Ta = sa.T_knots[i], Tb = sa.T_knots[i + 1];
    const double pa = sa.p_knots[i], pb = sa.p_knots[i + 1];
    const ChebyshevCoefficients& c = sa.p[i];
    // Start: ln p linear in 1/T between the knots (Clausius-Clapeyron).
    double x;
    if (pa > 0.0 && p > 0.0 && pb > pa) {
        const double frac = std::log(p / pa) / std::log(pb / pa);
        const double invT = 1.0 / Ta + frac * (1.0 / Tb - 1.0 / Ta);
        x = std::clamp((2.0 / invT - (Ta + Tb)) / (Tb - Ta), -1.0, 1.0);
    } else {
        x = 0.0;
    }
    double lo = -1.0, hi = 1.0;
    for (int it = 0; it < 40; ++it) {
        double f, df;
        chebyshev_with_derivative(c, x, f, df);
        f -= p;
        if (f < 0.0)
            lo = x;
        else
            hi = x;
        double xn = (df > 0.0) ? x - f / df : 0.5 * (lo + hi);
        if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
        const double dx = std::fabs(xn - x);
        x = xn;
        if (dx < 1e-15 || hi - lo < 1e-15) break;
    }
    return 0.5 * (Ta + Tb) + 0.5 * (Tb - Ta) * x;
}

} // namespace entropyk::fluids::superancillary
