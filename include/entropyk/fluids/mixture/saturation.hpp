// Bubble and dew points of a mixture of given composition z at given T or p, with the
// composition of the incipient phase (the first vapour bubble, or the first liquid drop).
//
// Method (Michelsen & Mollerup, "Thermodynamic Models: Fundamentals & Computational Aspects",
// 2nd ed. 2007, ch. 12, saturation points): Newton's method on the N + 1 equations
//   g_i = ln K_i + ln phi_i^V(T, p, y) - ln phi_i^L(T, p, x) = 0,   K_i = y_i / x_i,
//   g_{N+1} = ln sum_i w_i = 0,
// in the unknowns ln K_i and ln p (T given) or ln T (p given), where the bulk phase has the
// composition z (liquid for a bubble point, vapour for a dew point) and the incipient one
// w = z K (bubble) or z / K (dew), normalised for the fugacity evaluation. Start: Wilson's K
// factors (detail/wilson.hpp). Each phase takes its own density root (liquid: densest, vapour:
// least dense, density.hpp), so an iterate cannot slip onto the other phase's root; an iterate
// where a root does not exist is halved back. The Jacobian is analytic (composition and
// temperature/pressure derivatives of ln phi, derivatives.hpp); the residuals themselves are
// exact, so the converged point is exact to rounding.
#pragma once

#include <algorithm>
#include <cmath>

#include "entropyk/fluids/mixture/density.hpp"
#include "entropyk/fluids/mixture/derivatives.hpp"
#include "entropyk/fluids/mixture/detail/linear.hpp"
#include "entropyk/fluids/mixture/detail/wilson.hpp"
#include "entropyk/fluids/mixture/fugacity.hpp"

namespace entropyk::fluids::mixture {

enum class SatKind { bubble, dew };
enum class SatGiven { temperature, pressure };

/// A converged bubble or dew point. Densities molar (mol/m3).
struct SaturationPoint {
    double T = 0.0, p = 0.0;
    double rho_bulk = 0.0, rho_incipient = 0.0;
    Vec incipient{}; ///< composition of the incipient phase (mole fractions)
    Vec lnK{};       ///< ln(y_i / x_i)
    int iterations = 0;
};

namespace detail {

struct SatEval {
    bool ok = false;
    SmallVec g{};
    SmallMat J{}; ///< dg/du, analytic
    double rho_bulk = -1.0, rho_inc = -1.0;
    Vec w{}; ///< normalised incipient composition
};

/// Residuals and their analytic Jacobian in u = (ln K_i, ln of the free variable). The incipient
/// amounts are w~_i = z_i K_i (bubble) or z_i / K_i (dew), so d w~_k / d ln K_k = +-w~_k and, ln phi
/// being homogeneous of degree zero in the amounts, d ln phi_i / d ln K_k = +-[n d ln phi_i / d n_k] w_k
/// (derivatives.hpp); d ln sum w~ / d ln K_k = +-w_k.
inline SatEval saturation_residual(const Model& m, const Vec& z, SatKind kind, SatGiven given, double T, double p,
                                   const Vec& lnK, double rho_bulk_guess, double rho_inc_guess,
                                   Workspace& ws) noexcept {
    SatEval e;
    const std::size_t n = m.n;
    double S = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        e.w[i] = kind == SatKind::bubble ? z[i] * std::exp(lnK[i]) : z[i] * std::exp(-lnK[i]);
        S += e.w[i];
    }
    if (!(S > 0.0) || !std::isfinite(S)) return e;
    for (std::size_t i = 0; i < n; ++i) e.w[i] /= S;
    const Root bulk = kind == SatKind::bubble ? Root::liquid : Root::vapor;
    const Root inc = kind == SatKind::bubble ? Root::vapor : Root::liquid;
    e.rho_bulk = density_tp(m, z, T, p, bulk, ws, rho_bulk_guess);
    if (!(e.rho_bulk > 0.0)) return e;
    e.rho_inc = density_tp(m, e.w, T, p, inc, ws, rho_inc_guess);
    if (!(e.rho_inc > 0.0)) return e;
    const PhaseDerivatives fb = phase_derivatives(m, z, T, e.rho_bulk, ws);
    const PhaseDerivatives fi = phase_derivatives(m, e.w, T, e.rho_inc, ws);
    const PhaseDerivatives& V = kind == SatKind::bubble ? fi : fb;
    const PhaseDerivatives& L = kind == SatKind::bubble ? fb : fi;
    for (std::size_t i = 0; i < n; ++i) e.g[i] = lnK[i] + V.ln_phi[i] - L.ln_phi[i];
    e.g[n] = std::log(S);
    e.ok = true;
    for (std::size_t i = 0; i <= n; ++i)
        if (!std::isfinite(e.g[i])) e.ok = false;
    const double sign = kind == SatKind::bubble ? 1.0 : -1.0;
    for (std::size_t i = 0; i < n; ++i) {
        // Bubble: +Phi^V_ik w_k from ln phi^V(w); dew: -Phi^L_ik (-w_k) from -ln phi^L(w).
        for (std::size_t k = 0; k < n; ++k) e.J[i][k] = (i == k ? 1.0 : 0.0) + fi.dlnphi_dn[i][k] * e.w[k];
        e.J[i][n] =
            given == SatGiven::temperature ? V.dlnphi_dlnp[i] - L.dlnphi_dlnp[i] : V.dlnphi_dlnT[i] - L.dlnphi_dlnT[i];
        e.J[n][i] = sign * e.w[i];
    }
    e.J[n][n] = 0.0;
    return e;
}

} // namespace detail

inline constexpr int max_saturation_iterations = 60;

/// Solves the bubble or dew point of z at the given T or p from the starting values lnK and
/// `other` (p when T is given, T when p is given). Returns false if Newton does not converge or
/// converges onto the trivial solution (both phases the same: at or beyond the critical point).
[[nodiscard]] inline bool solve_saturation(const Model& m, const Vec& z, SatKind kind, SatGiven given, double value,
                                           double other, const Vec& lnK0, SaturationPoint& out,
                                           Workspace& ws) noexcept {
    const std::size_t n = m.n, nu = n + 1;
    detail::SmallVec u{};
    for (std::size_t i = 0; i < n; ++i) u[i] = lnK0[i];
    u[n] = std::log(other);
    auto T_of = [&](const detail::SmallVec& v) { return given == SatGiven::temperature ? value : std::exp(v[n]); };
    auto p_of = [&](const detail::SmallVec& v) { return given == SatGiven::pressure ? value : std::exp(v[n]); };
    auto lnK_of = [&](const detail::SmallVec& v) {
        Vec k{};
        for (std::size_t i = 0; i < n; ++i) k[i] = v[i];
        return k;
    };
    detail::SatEval e = detail::saturation_residual(m, z, kind, given, T_of(u), p_of(u), lnK_of(u), -1.0, -1.0, ws);
    // The Wilson start can miss a root of the incipient phase (e.g. a vapour at a pressure above its
    // spinodal): walk the free variable towards the dilute side until both roots exist.
    for (int k = 0; k < 40 && !e.ok; ++k) {
        u[n] += given == SatGiven::temperature ? -0.05 : 0.01;
        e = detail::saturation_residual(m, z, kind, given, T_of(u), p_of(u), lnK_of(u), -1.0, -1.0, ws);
    }
    if (!e.ok) return false;
    for (int it = 1; it <= max_saturation_iterations; ++it) {
        detail::SmallMat J = e.J;
        detail::SmallVec du{};
        for (std::size_t r = 0; r < nu; ++r) du[r] = -e.g[r];
        if (!detail::solve_dense(J, du, nu)) return false;
        // Damp: ln s by at most 0.2 (T: 0.05), ln K by at most 2 per step.
        double scale = 1.0;
        const double smax = given == SatGiven::temperature ? 0.2 : 0.05;
        if (std::fabs(du[n]) > smax) scale = smax / std::fabs(du[n]);
        for (std::size_t i = 0; i < n; ++i)
            if (std::fabs(du[i]) * scale > 2.0) scale = 2.0 / std::fabs(du[i]);
        double step = 0.0;
        detail::SatEval en;
        detail::SmallVec un{};
        for (int half = 0; half < 30; ++half) {
            for (std::size_t r = 0; r < nu; ++r) un[r] = u[r] + scale * du[r];
            en = detail::saturation_residual(m, z, kind, given, T_of(un), p_of(un), lnK_of(un), e.rho_bulk, e.rho_inc,
                                             ws);
            if (en.ok) break;
            scale *= 0.5;
        }
        if (!en.ok) return false;
        for (std::size_t r = 0; r < nu; ++r) step = std::max(step, std::fabs(scale * du[r]));
        u = un;
        e = en;
        double res = 0.0;
        for (std::size_t r = 0; r < nu; ++r) res = std::max(res, std::fabs(e.g[r]));
        // Converged: the step is at rounding level, or every equation already holds to 1e-13 at
        // this point. The second matters near the critical point, where the Jacobian is nearly
        // singular and rounding noise in the residuals keeps the steps above 1e-11 forever.
        if (scale == 1.0 && (step < 1e-11 || (step < 1e-4 && res < 1e-13))) {
            // Trivial solution (the incipient phase is the bulk phase), or the other curve: near the
            // critical point each composition has a single density root and Newton can slide from the
            // bubble onto the dew curve; the bubble point's bulk liquid must be the denser phase.
            // "Trivial" includes the near-trivial roots both phases on one density branch give
            // close to the critical point (densities within ~1e-4 of each other, which the
            // residual test above would otherwise accept); a real saturation point that close to
            // the critical point is beyond the traced envelope (there, 1e-5 below p_c, the
            // phases still differ by several per cent).
            if (std::fabs(e.rho_inc - e.rho_bulk) <= 1e-3 * e.rho_bulk) return false;
            if ((kind == SatKind::bubble) != (e.rho_bulk > e.rho_inc)) return false;
            out.T = T_of(u);
            out.p = p_of(u);
            out.rho_bulk = e.rho_bulk;
            out.rho_incipient = e.rho_inc;
            out.incipient = e.w;
            out.lnK = lnK_of(u);
            out.iterations = it;
            return true;
        }
    }
    return false;
}

/// Bubble or dew point of z at T (given = temperature) or p. Starts from Wilson's K factors;
/// where that start is too far off (near the critical point, where K -> 1 and Newton from an
/// ideal-solution guess falls onto the trivial solution), it follows the curve instead from a
/// point well below the critical one (T = 0.75 sum z_i Tc_i) to the requested value by natural
/// continuation: each solved point, extrapolated linearly along the curve, starts the next, with
/// the step halved on a failure and grown on a success (Michelsen & Mollerup 2007, ch. 12,
/// phase envelope construction; Allgower & Georg, "Introduction to Numerical Continuation
/// Methods", 1990).
[[nodiscard]] inline bool saturation_point(const Model& m, const Vec& z, SatKind kind, SatGiven given, double value,
                                           SaturationPoint& out, Workspace& ws) noexcept {
    const detail::WilsonK w = detail::wilson(m);
    const bool bubble = kind == SatKind::bubble;
    const bool by_T = given == SatGiven::temperature;
    auto wilson_start = [&](double v, double& other, Vec& lnK) {
        const double T = by_T ? v : detail::wilson_temperature(m, w, z, v, bubble);
        const double p = by_T ? detail::wilson_pressure(m, w, z, v, bubble) : v;
        other = by_T ? p : T;
        lnK = detail::wilson_lnK(m, w, T, p);
    };
    double other;
    Vec lnK;
    wilson_start(value, other, lnK);
    if (solve_saturation(m, z, kind, given, value, other, lnK, out, ws)) return true;

    // Continuation in ln(value) from the anchor.
    double Tc = 0.0;
    for (std::size_t i = 0; i < m.n; ++i) Tc += z[i] * m.fluid[i]->T_critical;
    const double T_anchor = 0.75 * Tc;
    const double s_anchor = std::log(by_T ? T_anchor : detail::wilson_pressure(m, w, z, T_anchor, bubble));
    const double s_target = std::log(value);
    if (!(s_target > s_anchor)) return false; // below the anchor Wilson's start is good: a real failure
    wilson_start(std::exp(s_anchor), other, lnK);
    SaturationPoint prev, cur;
    if (!solve_saturation(m, z, kind, given, std::exp(s_anchor), other, lnK, cur, ws)) return false;
    double s = s_anchor, s_prev = s_anchor;
    double ds = (s_target - s_anchor) / 8.0;
    bool have_prev = false;
    for (int k = 0; k < 200; ++k) {
        const double s_next = std::min(s + ds, s_target);
        // Linear predictor along the curve through the last two points.
        const double r = have_prev ? (s_next - s) / (s - s_prev) : 0.0;
        Vec lk{};
        for (std::size_t i = 0; i < m.n; ++i) lk[i] = cur.lnK[i] + (have_prev ? r * (cur.lnK[i] - prev.lnK[i]) : 0.0);
        const double o_cur = by_T ? std::log(cur.p) : std::log(cur.T);
        const double o_prev = have_prev ? (by_T ? std::log(prev.p) : std::log(prev.T)) : o_cur;
        const double o = std::exp(o_cur + r * (o_cur - o_prev));
        SaturationPoint next;
        if (solve_saturation(m, z, kind, given, std::exp(s_next), o, lk, next, ws)) {
            if (s_next == s_target) {
                out = next;
                return true;
            }
            prev = cur;
            cur = next;
            s_prev = s;
            s = s_next;
            have_prev = true;
            ds *= 1.5;
        } else {
            ds *= 0.5;
            if (ds < 1e-9 * std::fabs(s_target)) return false;
        }
    }
    return false;
}

} // namespace entropyk::fluids::mixture
