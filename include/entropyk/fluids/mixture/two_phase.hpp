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
// given p or T. Each phase keeps its own density root. The Jacobian is analytic (composition,
// temperature and pressure derivatives of ln phi and the partial molar h and s, derivatives.hpp),
// so Newton converges quadratically; the residuals themselves are exact, so the converged split
// is exact to rounding (the fugacities agree to ~1e-13).
#pragma once

#include <algorithm>
#include <cmath>

#include "entropyk/fluids/mixture/density.hpp"
#include "entropyk/fluids/mixture/derivatives.hpp"
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
    SmallMat J{}; ///< dg/du, analytic
    Split s;
    PhaseDerivatives L, V; ///< the phases (for the next iterate's density guesses)
};

/// Phase compositions and densities, residuals and their analytic Jacobian with respect to the
/// unknowns u = (ln K_i, beta, ln T or ln p). `free_p`: p is the free variable (T given).
///
/// Jacobian: with the unnormalised phase amounts x~_i = z_i / (1 + beta (K_i - 1)), y~_i = K_i x~_i
/// (x = x~ / sum x~, y = y~ / sum y~), ln phi depends on x~ through
/// d ln phi_i / d x~_j = [n d ln phi_i / d n_j] / sum x~ (ln phi is homogeneous of degree zero in
/// the amounts), and a molar property Y of a phase through dY / d x~_j = (Y_j - Y) / sum x~ with
/// Y_j its partial molar value; the derivatives of x~, y~ with respect to ln K_i and beta are
/// those of the Rachford-Rice expressions (Michelsen & Mollerup 2007, ch. 10).
inline SplitEval split_residual(const Model& m, const Vec& z, Spec spec, double spec_value, bool free_p, double T,
                                double p, const Vec& lnK, double beta, double rho_L_guess, double rho_V_guess,
                                Workspace& ws, const SplitEval* prev = nullptr) noexcept {
    SplitEval e;
    const std::size_t n = m.n;
    Split& s = e.s;
    double sx = 0.0, sy = 0.0, rr = 0.0;
    Vec K{}, den{}, xt{}, yt{};
    for (std::size_t i = 0; i < n; ++i) {
        K[i] = std::exp(lnK[i]);
        den[i] = 1.0 + beta * (K[i] - 1.0);
        if (!(den[i] > 0.0)) return e;
        xt[i] = z[i] / den[i];
        yt[i] = K[i] * xt[i];
        rr += yt[i] - xt[i];
        sx += xt[i];
        sy += yt[i];
    }
    if (!(sx > 0.0 && sy > 0.0) || !std::isfinite(sx + sy)) return e;
    for (std::size_t i = 0; i < n; ++i) {
        s.x[i] = xt[i] / sx;
        s.y[i] = yt[i] / sy;
    }
    s.T = T;
    s.p = p;
    s.beta = beta;
    if (prev != nullptr) { // first-order guesses from the previous iterate's phases
        rho_L_guess = prev->L.predict_rho(prev->s.x, s.x, n, T, p);
        rho_V_guess = prev->V.predict_rho(prev->s.y, s.y, n, T, p);
    }
    s.rho_L = density_tp(m, s.x, T, p, Root::liquid, ws, rho_L_guess);
    if (!(s.rho_L > 0.0) && prev != nullptr) s.rho_L = density_tp(m, s.x, T, p, Root::liquid, ws, prev->s.rho_L);
    if (!(s.rho_L > 0.0)) return e;
    s.rho_V = density_tp(m, s.y, T, p, Root::vapor, ws, rho_V_guess);
    if (!(s.rho_V > 0.0) && prev != nullptr) s.rho_V = density_tp(m, s.y, T, p, Root::vapor, ws, prev->s.rho_V);
    if (!(s.rho_V > 0.0)) return e;
    e.L = phase_derivatives(m, s.x, T, s.rho_L, ws);
    e.V = phase_derivatives(m, s.y, T, s.rho_V, ws);
    const PhaseDerivatives& L = e.L;
    const PhaseDerivatives& V = e.V;
    for (std::size_t i = 0; i < n; ++i) e.g[i] = lnK[i] + V.ln_phi[i] - L.ln_phi[i];
    e.g[n] = rr;
    s.M_L = molar_mass(m, s.x);
    s.M_V = molar_mass(m, s.y);
    s.q_mass = beta * s.M_V / (beta * s.M_V + (1.0 - beta) * s.M_L);
    s.lnK = lnK;
    s.h_L = L.h;
    s.h_V = V.h;
    s.s_L = L.s;
    s.s_V = V.s;
    const double RT = m.R * T;
    switch (spec) {
    case Spec::temperature: break;
    case Spec::enthalpy: e.g[n + 1] = ((1.0 - beta) * s.h_L + beta * s.h_V - spec_value) / RT; break;
    case Spec::entropy: e.g[n + 1] = ((1.0 - beta) * s.s_L + beta * s.s_V - spec_value) / m.R; break;
    case Spec::mass_quality: e.g[n + 1] = s.q_mass - spec_value; break;
    case Spec::molar_quality: e.g[n + 1] = beta - spec_value; break;
    }
    const std::size_t nu = spec == Spec::temperature ? n + 1 : n + 2;
    e.ok = true;
    for (std::size_t i = 0; i < nu; ++i)
        if (!std::isfinite(e.g[i])) e.ok = false;
    if (!e.ok) return e;

    // d x~ / d ln K (diagonal), d y~ / d ln K, d x~ / d beta, d y~ / d beta.
    Vec xk{}, yk{}, xb{}, yb{};
    for (std::size_t i = 0; i < n; ++i) {
        xk[i] = -xt[i] * beta * K[i] / den[i];
        yk[i] = yt[i] * (1.0 - beta) / den[i];
        xb[i] = -xt[i] * (K[i] - 1.0) / den[i];
        yb[i] = K[i] * xb[i];
    }
    SmallMat& J = e.J;
    for (std::size_t i = 0; i < n; ++i) {
        double jb = 0.0;
        for (std::size_t k = 0; k < n; ++k) {
            J[i][k] = (i == k ? 1.0 : 0.0) + V.dlnphi_dn[i][k] * yk[k] / sy - L.dlnphi_dn[i][k] * xk[k] / sx;
            jb += V.dlnphi_dn[i][k] * yb[k] / sy - L.dlnphi_dn[i][k] * xb[k] / sx;
        }
        J[i][n] = jb;
        if (nu == n + 2)
            J[i][n + 1] = free_p ? V.dlnphi_dlnp[i] - L.dlnphi_dlnp[i] : V.dlnphi_dlnT[i] - L.dlnphi_dlnT[i];
    }
    double rb = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
        J[n][k] = yk[k] - xk[k];
        rb += yb[k] - xb[k];
    }
    J[n][n] = rb;
    if (nu == n + 1) return e;
    J[n][n + 1] = 0.0;
    switch (spec) {
    case Spec::temperature: break;
    case Spec::enthalpy:
    case Spec::entropy: {
        const bool H = spec == Spec::enthalpy;
        const double scale = H ? RT : m.R;
        const double YL = H ? s.h_L : s.s_L, YV = H ? s.h_V : s.s_V;
        double jb = YV - YL;
        for (std::size_t k = 0; k < n; ++k) {
            const double dL = ((H ? L.h_bar[k] : L.s_bar[k]) - YL) / sx;
            const double dV = ((H ? V.h_bar[k] : V.s_bar[k]) - YV) / sy;
            J[n + 1][k] = ((1.0 - beta) * dL * xk[k] + beta * dV * yk[k]) / scale;
            jb += (1.0 - beta) * dL * xb[k] + beta * dV * yb[k];
        }
        J[n + 1][n] = jb / scale;
        if (free_p) {
            const double d =
                H ? (1.0 - beta) * L.dh_dlnp + beta * V.dh_dlnp : (1.0 - beta) * L.ds_dlnp + beta * V.ds_dlnp;
            J[n + 1][n + 1] = d / scale;
        } else {
            // d/d ln T of (h - h_spec) / (R T): T c_p / (R T) minus the residual itself; (s - s_spec) / R: c_p / R.
            const double cp = (1.0 - beta) * L.cp + beta * V.cp;
            J[n + 1][n + 1] = H ? cp / m.R - e.g[n + 1] : cp / m.R;
        }
        break;
    }
    case Spec::mass_quality: {
        // q = Q / (Q + W), Q = beta M_V, W = (1 - beta) M_L.
        const double Q = beta * s.M_V, W = (1.0 - beta) * s.M_L, S2 = (Q + W) * (Q + W);
        double dQb = s.M_V, dWb = -s.M_L;
        for (std::size_t k = 0; k < n; ++k) {
            const double dQ = beta * (m.M[k] - s.M_V) / sy * yk[k];
            const double dW = (1.0 - beta) * (m.M[k] - s.M_L) / sx * xk[k];
            J[n + 1][k] = (W * dQ - Q * dW) / S2;
            dQb += beta * (m.M[k] - s.M_V) / sy * yb[k];
            dWb += (1.0 - beta) * (m.M[k] - s.M_L) / sx * xb[k];
        }
        J[n + 1][n] = (W * dQb - Q * dWb) / S2;
        J[n + 1][n + 1] = 0.0;
        break;
    }
    case Spec::molar_quality:
        for (std::size_t k = 0; k < n; ++k) J[n + 1][k] = 0.0;
        J[n + 1][n] = 1.0;
        J[n + 1][n + 1] = 0.0;
        break;
    }
    return e;
}

} // namespace detail

inline constexpr int max_split_iterations = 60;

/// Solves the split by Newton's method with the analytic Jacobian. With spec == temperature both
/// T and p are fixed (guess.T, guess.p); otherwise `free_p` says whether p (T fixed) or T (p
/// fixed) is the extra unknown.
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
    auto eval = [&](const detail::SmallVec& v, double rho_L, double rho_V, const detail::SplitEval* prev) {
        return detail::split_residual(m, z, spec, spec_value, free_p, T_of(v), p_of(v), lnK_of(v), v[n], rho_L, rho_V,
                                      ws, prev);
    };
    detail::SplitEval e = eval(u, guess.rho_L, guess.rho_V, nullptr);
    if (!e.ok) return false;
    for (int it = 1; it <= max_split_iterations; ++it) {
        detail::SmallMat A = e.J;
        detail::SmallVec du{};
        for (std::size_t r = 0; r < nu; ++r) du[r] = -e.g[r];
        if (!detail::solve_dense(A, du, nu)) return false;
        // Damping: ln T (ln p) by at most 0.05, ln K by at most 1 per step; halved while a phase's
        // density root does not exist.
        double scale = 1.0;
        if (extra && std::fabs(du[n + 1]) > 0.05) scale = 0.05 / std::fabs(du[n + 1]);
        for (std::size_t i = 0; i < n; ++i)
            if (std::fabs(du[i]) * scale > 1.0) scale = 1.0 / std::fabs(du[i]);
        detail::SplitEval en;
        detail::SmallVec un{};
        for (int half = 0; half < 30; ++half) {
            for (std::size_t r = 0; r < nu; ++r) un[r] = u[r] + scale * du[r];
            en = eval(un, e.s.rho_L, e.s.rho_V, &e);
            if (en.ok) break;
            scale *= 0.5;
        }
        if (!en.ok) return false;
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
        // Or every equation holds at this very point well inside what the flash promises (ln f to
        // 1e-12, the Rachford-Rice sum, hence the mass balance, to 1e-14, the specification to
        // 1e-12): after a quadratic step of ~1e-6 this is usually so, which saves the last
        // iteration (a Newton step at rounding level) of the step test.
        double res_other = 0.0;
        for (std::size_t r = 0; r < nu; ++r)
            if (r != n) res_other = std::max(res_other, std::fabs(e.g[r]));
        if ((step < 1e-11 && step_beta < 1e-8 && scale == 1.0) || res < 1e-14 ||
            (res_other < 1e-12 && std::fabs(e.g[n]) < 1e-14)) {
            out = e.s;
            out.iterations = it;
            return true;
        }
    }
    return false;
}

} // namespace entropyk::fluids::mixture
