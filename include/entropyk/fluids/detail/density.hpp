// Density from (T, p): the inner solve of every flash. Safeguarded Newton iteration on
// p(T, rho) - p at fixed T (the TauPart is computed once), with a bracket that is known to hold
// exactly one root (the stable branch), bisection whenever a Newton step leaves it, and a hard
// iteration limit.
#pragma once

#include <algorithm>
#include <cmath>

#include "entropyk/fluids/ancillary.hpp"
#include "entropyk/fluids/helmholtz/properties.hpp"
#include "entropyk/fluids/superancillary.hpp"

namespace entropyk::fluids::detail {

using helmholtz::FluidData;
using helmholtz::TauPart;

inline constexpr int max_density_iterations = 100;

[[nodiscard]] inline double rho_max(const FluidData& f) noexcept { return 1.5 * f.rho_triple_liquid; }

/// Root of p(T, rho) = p in [lo, hi] (p increasing there, p(lo) <= p <= p(hi) assumed; the ends
/// themselves are never evaluated unless the iteration walks onto them). Returns a negative
/// value if it does not converge.
[[nodiscard]] inline double solve_density_bracketed(const FluidData& f, const TauPart& tp, double T, double p,
                                                    double guess, double lo, double hi) noexcept {
    double x = guess;
    if (!(x > lo && x < hi)) x = (lo > 0.0) ? std::sqrt(lo * hi) : 0.5 * (lo + hi);
    for (int it = 0; it < max_density_iterations; ++it) {
        const helmholtz::PressurePoint pp = helmholtz::pressure_at(f, tp, T, x);
        const double fx = pp.p - p;
        if (fx == 0.0) return x;
        // Below p with (dp/drho)_T <= 0 above the triple-point liquid density (the densest stable
        // saturated state, so no van der Waals loop of the dome reaches it): past the pressure
        // maximum that some equations have at extreme densities (R152a above its T_max: p peaks
        // near 1.3 GPa at 1530 kg/m3 and falls below 10 MPa again before rho_max), so the stable
        // root lies below x, not above.
        if (fx < 0.0 && !(pp.dp_drho <= 0.0 && x > f.rho_triple_liquid))
            lo = x;
        else
            hi = x;
        double xn = (pp.dp_drho > 0.0) ? x - fx / pp.dp_drho : -1.0;
        if (!(xn > lo && xn < hi)) {
            xn = 0.5 * (lo + hi);
            if (hi - lo <= 4e-16 * hi) return xn; // converged onto a bracket end
        }
        const double dx = std::fabs(xn - x);
        x = xn;
        if (dx <= 1e-13 * x) return x;
    }
    return -1.0;
}

/// Pseudo-pure fluids (no superancillary): density on the liquid or vapour branch at (T, p) by
/// Newton from an ancillary guess, stepping away from the unstable region whenever
/// (dp/drho)_T <= 0 or the iterate crosses the critical density. Negative on failure.
[[nodiscard]] inline double solve_density_branch(const FluidData& f, const TauPart& tp, double T, double p,
                                                 double guess, bool liquid) noexcept {
    double x = guess;
    const double rc = f.rho_critical;
    for (int it = 0; it < max_density_iterations; ++it) {
        const helmholtz::PressurePoint pp = helmholtz::pressure_at(f, tp, T, x);
        const double fx = pp.p - p;
        double xn;
        if (pp.dp_drho <= 0.0) {
            xn = liquid ? x * 1.02 : x * 0.95; // unstable region: move towards the branch
        } else {
            xn = x - fx / pp.dp_drho;
            if (liquid && xn < 0.5 * (x + rc)) xn = 0.5 * (x + std::max(rc, xn));
            if (!liquid && xn > 0.5 * (x + rc)) xn = 0.5 * (x + std::min(rc, xn));
            if (xn <= 0.0) xn = 0.5 * x;
            if (xn > rho_max(f)) xn = 0.5 * (x + rho_max(f));
        }
        const double dx = std::fabs(xn - x);
        x = xn;
        if (dx <= 1e-13 * x && pp.dp_drho > 0.0) return x;
    }
    // Newton stalls next to the critical point, where (dp/drho)_T is ~0 around the root. Bracket
    // the outermost root instead (the liquid's is the largest density with p(rho) = p, the
    // vapour's the smallest) by stepping in from the end of the branch, then bisect.
    const double step = liquid ? 0.99 : 1.01;
    double far = liquid ? rho_max(f) : std::min(0.01 * p / (f.R * T), 0.01 * rc);
    if ((helmholtz::pressure_at(f, tp, T, far).p - p) * (liquid ? 1.0 : -1.0) <= 0.0) return -1.0;
    double near = far;
    for (int it = 0; it < 1000; ++it) {
        near = far * step;
        if ((helmholtz::pressure_at(f, tp, T, near).p - p) * (liquid ? 1.0 : -1.0) <= 0.0) break;
        far = near;
        if (liquid ? near < 0.5 * rc : near > 1.5 * rc) return -1.0;
    }
    // p(far) is beyond p, p(near) is not; bisect.
    for (int it = 0; it < 200 && std::fabs(far - near) > 1e-14 * far; ++it) {
        const double mid = 0.5 * (far + near);
        if ((helmholtz::pressure_at(f, tp, T, mid).p - p) * (liquid ? 1.0 : -1.0) > 0.0)
            far = mid;
        else
            near = mid;
    }
    return 0.5 * (far + near);
}

/// Where (T, p) lies relative to the saturation curve.
enum class Branch { liquid, vapor, supercritical };

struct DensitySolution {
    double rho = -1.0;
    Branch branch = Branch::supercritical;
    double p_sat = 0.0; ///< saturation pressure at T (bubble for liquid) when T is subcritical
};

/// Single-phase density at (T, p) for T in range and p > 0. rho < 0 on failure. A positive
/// guess (e.g. the previous iterate of an outer flash loop) speeds things up. When p is exactly
/// the saturation pressure the liquid root is returned.
[[nodiscard]] inline DensitySolution density_tp(const FluidData& f, const TauPart& tp, double T, double p,
                                                double guess = -1.0) noexcept {
    DensitySolution out;
    const auto& sa = f.superancillary;
    if (sa.present) {
        if (T < sa.T_crit) {
            const superancillary::Point s = superancillary::evaluate(sa, T);
            const double rl = s.rho_liquid_molar * f.molar_mass, rv = s.rho_vapor_molar * f.molar_mass;
            out.p_sat = s.p;
            // The brackets reach a little past the expansion's saturated densities, into the
            // metastable phase (where p(rho) still rises): those densities carry the expansion's
            // error (up to ~1e-5 relative for vapours below 1 Pa, saturation.hpp; 1.2e-4 for
            // propylene at its triple point, 7.5e-4 Pa), and a root that
            // falls just outside a bracket would otherwise end on the bracket's edge, off the
            // given p (p = p_sat exactly, e.g. R1234yf at its triple point, issue 13).
            const double rl_lo = rl - std::min(1e-6 * rl, 1e-3 * (rl - f.rho_critical));
            const double rv_hi = rv + std::min(1e-3 * rv, 1e-3 * (f.rho_critical - rv));
            if (p >= s.p) {
                out.branch = Branch::liquid;
                out.rho = solve_density_bracketed(f, tp, T, p, guess > rl ? guess : rl, rl_lo, rho_max(f));
            } else {
                out.branch = Branch::vapor;
                const double ig = p / (f.R * T);
                out.rho = solve_density_bracketed(
                    f, tp, T, p, (guess > 0.0 && guess < rv) ? guess : std::min(ig, 0.999 * rv), 0.0, rv_hi);
            }
            return out;
        }
    } else if (T < f.T_critical) {
        const double pl = ancillary::evaluate(f.anc_p_liquid, T);
        const double pv = ancillary::evaluate(f.anc_p_vapor, T);
        out.p_sat = pl;
        // Newton on one branch can converge on a spurious root: below T_c a multiparameter EOS
        // has extra van der Waals-like loops inside the dome (Span 2000), and R410A at
        // 289.5 K has p(rho) = 5.88 MPa with (dp/drho)_T > 0 at 531 kg/m3 (cv = 35 kJ/(kg K)) as
        // well as at the real 1131 kg/m3 (issue 13). The stable liquid at p >= p_bubble is denser
        // than the saturated liquid, the stable vapour at p <= p_dew lighter than the saturated
        // vapour; the ancillary densities (a few 0.1 % from the EOS's) are far closer to those
        // than any loop root, so a root on the wrong side of half-way between the ancillary
        // density and rho_c is refused and the solve is restarted from the ancillary density.
        // Within 1 % of T_c the dome is too narrow for loops and the ancillaries too far from the
        // EOS's saturated densities (R410A: the EOS liquid at p_L(T) is below rho_c from
        // T_c - 0.08 K), so no bound is applied there.
        const double rl_anc = ancillary::evaluate(f.anc_rho_liquid, T) * f.molar_mass;
        const double rv_anc = ancillary::evaluate(f.anc_rho_vapor, T) * f.molar_mass;
        const bool bounded = T <= 0.99 * f.T_critical;
        if (p >= pl) {
            out.branch = Branch::liquid;
            const double floor = bounded ? 0.5 * (rl_anc + f.rho_critical) : 0.0;
            out.rho = solve_density_branch(f, tp, T, p, guess > 0.0 ? guess : rl_anc, true);
            if (!(out.rho >= floor) && guess > 0.0) out.rho = solve_density_branch(f, tp, T, p, rl_anc, true);
            if (!(out.rho >= floor)) out.rho = -1.0;
            return out;
        }
        if (p <= pv) {
            out.branch = Branch::vapor;
            const double ceiling = bounded ? 0.5 * (rv_anc + f.rho_critical) : rho_max(f);
            const double g0 = rv_anc * (p / pv);
            out.rho = solve_density_branch(f, tp, T, p, guess > 0.0 ? guess : g0, false);
            if (!(out.rho > 0.0 && out.rho <= ceiling) && guess > 0.0)
                out.rho = solve_density_branch(f, tp, T, p, g0, false);
            if (!(out.rho > 0.0 && out.rho <= ceiling)) out.rho = -1.0;
            return out;
        }
        out.rho = -2.0; // inside the glide of a pseudo-pure fluid: (T, p) does not fix the state
        return out;
    }
    out.branch = Branch::supercritical;
    double g = guess;
    if (!(g > 0.0)) {
        g = p / (f.R * T);
        if (g > f.rho_critical) g = std::min(2.0 * f.rho_critical, 0.9 * rho_max(f));
    }
    out.rho = solve_density_bracketed(f, tp, T, p, g, 0.0, rho_max(f));
    return out;
}

} // namespace entropyk::fluids::detail
