// The two-phase split of a mixture of overall composition z: liquid x, vapour y, molar vapour
// fraction beta, at a given (p, T) or with T (or p) free and one more specification (h, s, or a
// vapour fraction).
//
// Equations (Michelsen & Mollerup 2007, ch. 10-11; Rachford & Rice, J. Petrol. Technol. 4(10), 19
// (1952)), with K_i = y_i / x_i:
//   x_i = z_i / (1 + beta (K_i - 1)),  y_i = K_i x_i                        (mass balance)
//   g_i = ln K_i + ln phi_i^V(T, p, y) - ln phi_i^L(T, p, x) = 0            (equal fugacities)
//   g_{N+1} = sum_i (y_i - x_i) = 0                                          (Rachford-Rice)
//   g_{N+2} = the specification: (1-beta) h_L + beta h_V - h = 0 (molar), likewise s, or the
//             mass or molar vapour fraction,
// solved together by Newton's method in (ln K_i, beta, ln T or ln p) from starting values
// interpolated between the bubble point (beta = 0) and the dew point (beta = 1) of z at the
// given p or T. Each phase keeps its own density root. The Jacobian is formed by forward
// differences of the analytic residuals, which are exact, so the converged split is exact to
// rounding (the fugacities agree to ~1e-13).
#pragma once

#include <algorithm>
#include <cmath>

#include "entropyk/fluids/mixture/density.hpp"
#include "entropyk/fluids/mixture/detail/linear.hpp"
#include "entropyk/fluids/mixture/fugacity.hpp"
#include "entropyk/fluids/mixture/properties.hpp"

namespace entropyk::fluids::mixture {

/// What closes the two-phase system besides the phase equilibrium.
enum class Spec {
    temperature,  ///< (p, T) given: no extra unknown
    enthalpy,     ///< p and the mixture's h (J/mol) given; T free
    entropy,      ///< p and s (J/(mol K)) given; T free
    mass_quality, ///< p (or T) and the mass vapour fraction given
    molar_quality ///< p (or T) and the molar vapour fraction given
};

/// A converged two-phase split. Densities molar (mol/m3), h and s molar.
struct Split {
    double T = 0.0, p = 0.0;
    double beta = 0.0;   ///< molar vapour fraction
    double q_mass = 0.0; ///< mass vapour fraction
    Vec x{}, y{}, lnK{};
    double rho_L = 0.0, rho_V = 0.0;
    double h_L = 0.0, h_V = 0.0, s_L = 0.0, s_V = 0.0; ///< molar
    double M_L = 0.0, M_V = 0.0;                       ///< molar masses of the phases, kg/mol
    int iterations = 0;
};

/// The unknowns' starting values.
struct SplitGuess {
    Vec lnK{};
    double beta = 0.5, T = 0.0, p = 0.0;
    double rho_L = -1.0, rho_V = -1.0;
};

namespace detail {

struct SplitEval {
    bool ok = false;
    SmallVec g{};
    Split s;
};

/// Phase compositions and densities, residuals. `free_p`: p is the free variable (T given).
inline SplitEval split_residual(const Model& m, const Vec& z, Spec spec, double spec_value, double T, double p,
                                const Vec& lnK, double beta, double rho_L_guess, double rho_V_guess,
                                Workspace& ws) noexcept {
    SplitEval e;
    const std::size_t n = m.n;
    Split& s = e.s;
    double sx = 0.0, sy = 0.0, rr = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double K = std::exp(lnK[i]);
        const double den = 1.0 + beta * (K - 1.0);
        if (!(den > 0.0)) return e;
        s.x[i] = z[i] / den;
        s.y[i] = K * s.x[i];
        rr += s.y[i] - s.x[i];
        sx += s.x[i];
        sy += s.y[i];
    }
    if (!(sx > 0.0 && sy > 0.0) || !std::isfinite(sx + sy)) return e;
    for (std::size_t i = 0; i < n; ++i) {
        s.x[i] /= sx;
        s.y[i] /= sy;
    }
    s.T = T;
    s.p = p;
    s.beta = beta;
    s.rho_L = density_tp(m, s.x, T, p, Root::liquid, ws, rho_L_guess);
    if (!(s.rho_L > 0.0)) return e;
    s.rho_V = density_tp(m, s.y, T, p, Root::vapor, ws, rho_V_guess);
    if (!(s.rho_V > 0.0)) return e;
    const Fugacity fL = fugacity(m, s.x, T, s.rho_L, ws);
    const Fugacity fV = fugacity(m, s.y, T, s.rho_V, ws);
    for (std::size_t i = 0; i < n; ++i) e.g[i] = lnK[i] + fV.ln_phi[i] - fL.ln_phi[i];
    e.g[n] = rr;
    s.M_L = molar_mass(m, s.x);
    s.M_V = molar_mass(m, s.y);
    s.q_mass = beta * s.M_V / (beta * s.M_V + (1.0 - beta) * s.M_L);
    s.lnK = lnK;
    if (spec == Spec::enthalpy || spec == Spec::entropy) {
        const Properties L = properties(m, s.x, T, s.rho_L, ws);
        const Properties V = properties(m, s.y, T, s.rho_V, ws);
        s.h_L = L.h * L.M;
        s.h_V = V.h * V.M;
        s.s_L = L.s * L.M;
        s.s_V = V.s * V.M;
    }
    switch (spec) {
    case Spec::temperature: break;
    case Spec::enthalpy: e.g[n + 1] = ((1.0 - beta) * s.h_L + beta * s.h_V - spec_value) / (m.R * T); break;
    case Spec::entropy: e.g[n + 1] = ((1.0 - beta) * s.s_L + beta * s.s_V - spec_value) / m.R; break;
    case Spec::mass_quality: e.g[n + 1] = s.q_mass - spec_value; break;
    case Spec::molar_quality: e.g[n + 1] = beta - spec_value; break;
    }
    e.ok = true;
    const std::size_t nu = spec == Spec::temperature ? n + 1 : n + 2;
    for (std::size_t i = 0; i < nu; ++i)
        if (!std::isfinite(e.g[i])) e.ok = false;
    return e;
}

} // namespace detail

inline constexpr int max_split_iterations = 60;

/// Solves the split. With spec == temperature both T and p are fixed (guess.T, guess.p);
/// otherwise `free_p` says whether p (T fixed) or T (p fixed) is the extra unknown.
[[nodiscard]] inline bool solve_split(const Model& m, const Vec& z, Spec spec, double spec_value, bool free_p,
                                      const SplitGuess& guess, Split& out, Workspace& ws) noexcept {
    const std::size_t n = m.n;
    const bool extra = spec != Spec::temperature;
    const std::size_t nu = extra ? n + 2 : n + 1;
    detail::SmallVec u{};
    for (std::size_t i = 0; i < n; ++i) u[i] = guess.lnK[i];
    u[n] = guess.beta;
    if (extra) u[n + 1] = std::log(free_p ? guess.p : guess.T);
    auto T_of = [&](const detail::SmallVec& v) { return extra && !free_p ? std::exp(v[n + 1]) : guess.T; };
    auto p_of = [&](const detail::SmallVec& v) { return extra && free_p ? std::exp(v[n + 1]) : guess.p; };
    auto lnK_of = [&](const detail::SmallVec& v) {
        Vec k{};
        for (std::size_t i = 0; i < n; ++i) k[i] = v[i];
        return k;
    };
    detail::SplitEval e =
        detail::split_residual(m, z, spec, spec_value, T_of(u), p_of(u), lnK_of(u), u[n], guess.rho_L, guess.rho_V, ws);
    if (!e.ok) return false;
    // Quasi-Newton (Broyden 1965, "good" update; Dennis & Schnabel, "Numerical Methods for
    // Unconstrained Optimization and Nonlinear Equations", 1983, ch. 8): the Jacobian is formed by
    // forward differences at the start, then updated by rank-one corrections from each step;
    // formed afresh whenever a step fails to halve the residual.
    detail::SmallMat J{};
    bool fresh_jacobian = true;
    auto residual_norm = [nu](const detail::SmallVec& g) {
        double r = 0.0;
        for (std::size_t i = 0; i < nu; ++i) r = std::max(r, std::fabs(g[i]));
        return r;
    };
    for (int it = 1; it <= max_split_iterations; ++it) {
        if (fresh_jacobian) {
            for (std::size_t c = 0; c < nu; ++c) {
                detail::SmallVec up = u;
                const double h = c == n ? 1e-7 : 1e-7 * std::max(1.0, std::fabs(u[c]));
                up[c] += h;
                const detail::SplitEval ep = detail::split_residual(m, z, spec, spec_value, T_of(up), p_of(up),
                                                                    lnK_of(up), up[n], e.s.rho_L, e.s.rho_V, ws);
                if (!ep.ok) return false;
                for (std::size_t r = 0; r < nu; ++r) J[r][c] = (ep.g[r] - e.g[r]) / h;
            }
            fresh_jacobian = false;
        }
        detail::SmallMat A = J;
        detail::SmallVec du{};
        for (std::size_t r = 0; r < nu; ++r) du[r] = -e.g[r];
        if (!detail::solve_dense(A, du, nu)) return false;
        double scale = 1.0;
        if (extra && std::fabs(du[n + 1]) > 0.05) scale = 0.05 / std::fabs(du[n + 1]);
        for (std::size_t i = 0; i < n; ++i)
            if (std::fabs(du[i]) * scale > 1.0) scale = 1.0 / std::fabs(du[i]);
        detail::SplitEval en;
        detail::SmallVec un{};
        for (int half = 0; half < 30; ++half) {
            for (std::size_t r = 0; r < nu; ++r) un[r] = u[r] + scale * du[r];
            en = detail::split_residual(m, z, spec, spec_value, T_of(un), p_of(un), lnK_of(un), un[n], e.s.rho_L,
                                        e.s.rho_V, ws);
            if (en.ok) break;
            scale *= 0.5;
        }
        if (!en.ok) return false;
        {
            // Broyden update J += (dg - J ds) ds^T / (ds^T ds), ds = scale du.
            double ss = 0.0;
            detail::SmallVec ds{}, q{};
            for (std::size_t r = 0; r < nu; ++r) {
                ds[r] = un[r] - u[r];
                ss += ds[r] * ds[r];
            }
            for (std::size_t r = 0; r < nu; ++r) {
                double Jds = 0.0;
                for (std::size_t c = 0; c < nu; ++c) Jds += J[r][c] * ds[c];
                q[r] = en.g[r] - e.g[r] - Jds;
            }
            if (ss > 0.0)
                for (std::size_t r = 0; r < nu; ++r)
                    for (std::size_t c = 0; c < nu; ++c) J[r][c] += q[r] * ds[c] / ss;
            if (scale < 1.0 || (residual_norm(en.g) > 0.5 * residual_norm(e.g) && residual_norm(en.g) > 1e-10))
                fresh_jacobian = true;
        }
        // beta is ill-conditioned where the phases are alike (small glide, azeotrope): its Newton
        // steps stay at the noise level of the residuals times 1/(K - 1). Converged when ln K and
        // ln T (or ln p) have stopped moving and beta moves by < 1e-8, or the residuals are at
        // rounding level.
        double step = 0.0;
        for (std::size_t r = 0; r < nu; ++r)
            if (r != n) step = std::max(step, std::fabs(scale * du[r]));
        const double step_beta = std::fabs(scale * du[n]);
        u = un;
        e = en;
        double res = 0.0;
        for (std::size_t r = 0; r < nu; ++r) res = std::max(res, std::fabs(e.g[r]));
        if ((step < 1e-11 && step_beta < 1e-8 && scale == 1.0) || res < 1e-14) {
            out = e.s;
            out.iterations = it;
            return true;
        }
    }
    return false;
}

} // namespace entropyk::fluids::mixture
