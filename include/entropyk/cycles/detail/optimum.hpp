// IWYU pragma: private, include <entropyk/cycles.hpp>
// The COP-optimal high-side pressure of a transcritical loop (components/high_pressure_valve.hpp):
// the root of dCOP/dp_high = 0, found as the maximiser of COP(p_high), each value a converged
// solve of the whole loop at that pressure.
//
// COP(p_high) is smooth and unimodal near its optimum but very flat there (CO2 at -5 C / 35 C:
// COP = COP_max - k (p - p_opt)^2 with k ~ 1.4e-13 Pa^-2, so 0.01 bar moves the COP by 1.4e-8):
// a finite-difference Newton on dCOP/dp would need COP to ~1e-13 to place the root within
// 0.01 bar, while a maximiser that compares COP values needs only sqrt(noise / k): with COP to
// 1e-12 the optimum is placed within ~3 Pa. So: bracket the maximum from the start value
// (downhill walk with growing steps), then Brent's method (golden section safeguarding
// successive parabolic interpolation, i.e. the zero of the derivative of the local parabola;
// Brent, "Algorithms for Minimization without Derivatives", Prentice-Hall 1973, ch. 5).
// A pressure at which the loop has no converged, admissible solution counts as -infinity.
// No allocation: the evaluations are warm solves of an already finalized loop.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace entropyk::detail {

struct OptimumSearch {
    double p = std::numeric_limits<double>::quiet_NaN();   ///< Pa, the maximiser found
    double cop = -std::numeric_limits<double>::infinity(); ///< COP there
    int evaluations = 0;                                   ///< solves spent
    bool found = false;                                    ///< a bracketed maximum was located
};

/// Maximises cop_at(p) on [p_lo, p_hi] from the start p0. `cop_at(p, cop)` returns false when
/// the loop has no solution at p. `x_tol` (Pa) is the absolute tolerance on the maximiser.
template <class F>
OptimumSearch maximise_cop(F&& cop_at, double p0, double p_lo, double p_hi, double x_tol) {
    OptimumSearch out;
    auto f = [&](double p) {
        double c = 0.0;
        ++out.evaluations;
        const bool ok = cop_at(p, c) && std::isfinite(c);
        const double v = ok ? c : -std::numeric_limits<double>::infinity();
        if (v > out.cop) out.cop = v, out.p = p;
        return v;
    };
    p0 = std::clamp(p0, p_lo, p_hi);
    // 1. Bracket: a < b < c with f(b) >= f(a), f(c). Steps of 2 % of p0, growing by the golden ratio.
    constexpr double golden = 1.618033988749895;
    double step = 0.02 * p0;
    double a = p0, fa = f(a);
    double b = std::min(p0 + step, p_hi), fb = f(b);
    if (!std::isfinite(fa) && !std::isfinite(fb)) return out; // nothing converges around the start
    if (fb < fa) { // walk downwards: swap so that b is the better point, a the next one down
        std::swap(a, b);
        std::swap(fa, fb);
        step = -step;
    }
    // Now f(b) >= f(a) and c is searched beyond b, in the direction of the step.
    double c = b, fc = fb;
    for (int k = 0; k < 40; ++k) {
        c = std::clamp(b + step, p_lo, p_hi);
        fc = c == b ? -std::numeric_limits<double>::infinity() : f(c);
        if (fc < fb) break;
        a = b, fa = fb;
        b = c, fb = fc;
        step *= golden;
        if (k == 39) return out; // no maximum inside the range
    }
    if (a > c) std::swap(a, c), std::swap(fa, fc);
    if (!(fb >= fa && fb >= fc)) return out;
    // 2. Brent's method on -f over [a, c] from b (Brent 1973, ch. 5; the variable names follow it).
    constexpr double cgold = 0.3819660112501051;
    double x = b, w = b, v = b, fx = fb, fw = fb, fv = fb;
    double d = 0.0, e = 0.0;
    for (int it = 0; it < 100; ++it) {
        const double xm = 0.5 * (a + c);
        const double tol1 = x_tol, tol2 = 2.0 * tol1;
        if (std::fabs(x - xm) <= tol2 - 0.5 * (c - a)) break;
        bool golden_step = true;
        if (std::fabs(e) > tol1) {
            // Parabola through (v, w, x) on -f: its vertex is where its derivative is zero.
            const double r = (x - w) * (fv - fx);
            double q = (x - v) * (fw - fx);
            double pp = (x - v) * q - (x - w) * r;
            q = 2.0 * (q - r);
            if (q > 0.0) pp = -pp;
            q = std::fabs(q);
            const double e_old = e;
            e = d;
            if (!(std::fabs(pp) >= std::fabs(0.5 * q * e_old) || pp <= q * (a - x) || pp >= q * (c - x))) {
                d = pp / q;
                const double u = x + d;
                if (u - a < tol2 || c - u < tol2) d = xm >= x ? tol1 : -tol1;
                golden_step = false;
            }
        }
        if (golden_step) {
            e = x >= xm ? a - x : c - x;
            d = cgold * e;
        }
        const double u = std::fabs(d) >= tol1 ? x + d : x + (d >= 0.0 ? tol1 : -tol1);
        const double fu = f(u);
        if (fu >= fx) {
            if (u >= x)
                a = x;
            else
                c = x;
            v = w, fv = fw;
            w = x, fw = fx;
            x = u, fx = fu;
        } else {
            if (u < x)
                a = u;
            else
                c = u;
            if (fu >= fw || w == x) {
                v = w, fv = fw;
                w = u, fw = fu;
            } else if (fu >= fv || v == x || v == w) {
                v = u, fv = fu;
            }
        }
    }
    out.found = std::isfinite(out.cop);
    return out;
}

} // namespace entropyk::detail
