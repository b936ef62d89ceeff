// Density root of a mixture at (T, p, x) on a chosen branch. The multi-fluid equation has, for
// compressed liquids, spurious roots inside the dome whose Gibbs energy can be lower than the
// liquid's (CoolProp picks them); the physical liquid is the densest root with (dp/drho)_T > 0
// and the vapour the least dense one. So the liquid iteration starts from above (the components'
// triple-point liquid density, where p is far above any input) and the vapour one from the ideal
// gas (below the root, since Z < 1): on those branches p(rho) is convex (liquid) or concave
// (vapour), so Newton approaches the wanted root monotonically from that side. A bracket kept
// from the signs of p - p_target catches any overshoot (bisection), and the result must have
// (dp/drho)_T > 0.
#pragma once

#include <cmath>

#include "entropyk/fluids/mixture/properties.hpp"

namespace entropyk::fluids::mixture {

enum class Root { liquid, vapor };

inline constexpr int max_density_iterations = 100;

/// Molar density of the densest mixture liquid the components allow (ideal mixing of their
/// triple-point liquid volumes).
[[nodiscard]] inline double rho_liquid_limit(const Model& m, const Vec& x) noexcept {
    double v = 0.0;
    for (std::size_t i = 0; i < m.n; ++i) v += x[i] * m.M[i] / m.fluid[i]->rho_triple_liquid;
    return 1.0 / v;
}

/// Molar density at (T, p) on `root`, or a negative value if that root does not exist or the
/// iteration fails. A positive `guess` on the right branch (a previous iterate) saves steps.
[[nodiscard]] inline double density_tp(const Model& m, const Vec& x, double T, double p, Root root, Workspace& ws,
                                       double guess = -1.0) noexcept {
    const bool liq = root == Root::liquid;
    double lo = 0.0, hi = 1.2 * rho_liquid_limit(m, x);
    double xk = guess > 0.0 ? guess : (liq ? rho_liquid_limit(m, x) : p / (m.R * T));
    for (int it = 0; it < max_density_iterations; ++it) {
        const PressurePoint pp = pressure(m, x, T, xk, ws);
        const double f = pp.p - p;
        if (pp.dp_drho > 0.0 && std::fabs(f) <= 1e-13 * pp.dp_drho * xk) return xk - f / pp.dp_drho; // converged
        if (f > 0.0) {
            if (liq && pp.dp_drho <= 0.0)
                lo = xk; // past the liquid spinodal on the low-density side: the liquid root is above
            else
                hi = xk;
        } else {
            if (!liq && pp.dp_drho <= 0.0)
                hi = xk; // past the vapour spinodal: the vapour root is below
            else
                lo = xk;
        }
        double xn = pp.dp_drho > 0.0 ? xk - f / pp.dp_drho : -1.0;
        if (!(xn > lo && xn < hi)) {
            xn = 0.5 * (lo + hi);
            if (hi - lo <= 1e-15 * hi) // collapsed onto a spinodal unless p is met
                return (pp.dp_drho > 0.0 && std::fabs(f) <= 1e-9 * p) ? xn : -1.0;
        }
        xk = xn;
    }
    return -1.0;
}

} // namespace entropyk::fluids::mixture
