// Residual part alphar(tau, delta) of the reduced Helmholtz energy with all first and second
// derivatives.
//
// Speed: every separable term is a product f(tau) * g(delta). All tau factors (the only place
// with non-integer powers, i.e. exp/log calls) are computed once per temperature into a TauPart;
// the delta factors use integer powers by multiplication and one exp(-delta^l) per distinct l.
// Solvers that iterate on density at fixed temperature (the (T,p) flash, saturation branches)
// reuse the TauPart and pay no pow() per iteration.
//
// Derivatives are returned scaled (delta * a_delta, delta^2 * a_delta_delta, tau * a_tau, ...),
// the form in which the property relations of Span (2000), "Multiparameter Equations of State",
// Table 3.1, use them.
#pragma once

#include <array>
#include <cmath>

#include "entropyk/fluids/helmholtz/terms.hpp"

namespace entropyk::fluids::helmholtz {

/// Scaled residual derivatives: d = delta a_d, dd = delta^2 a_dd, t = tau a_t,
/// tt = tau^2 a_tt, dt = delta tau a_dt.
struct ResidualDerivatives {
    double a = 0.0, d = 0.0, dd = 0.0, t = 0.0, tt = 0.0, dt = 0.0;
};

/// Per-temperature factors of the separable residual terms.
struct TauPart {
    double tau = 0.0, ln_tau = 0.0;
    std::array<double, max_power_terms> power{};          ///< n tau^t (times exp(-tau^m))
    std::array<double, max_power_terms> power_t{};        ///< tau dln/dtau of that factor (t if m == 0)
    std::array<double, max_power_terms> power_tt{};       ///< tau^2 f''/f (t (t-1) if m == 0)
    std::array<double, max_exp_terms> g{};                ///< n tau^t exp(-beta (tau-gamma)^2)
    std::array<double, max_exp_terms> g_t{};              ///< tau dln/dtau of the Gaussian tau factor
    std::array<double, max_exp_terms> g_tt{};             ///< tau^2 f''/f of the Gaussian tau factor
    std::array<double, max_exp_terms> b{}, b_t{}, b_tt{}; ///< same for the GaoB terms
};

/// Fills the per-temperature factors for tau.
inline void prepare_tau(const FluidData& f, double tau, TauPart& tp) noexcept {
    tp.tau = tau;
    tp.ln_tau = std::log(tau);
    const double lt = tp.ln_tau;
    for (std::size_t i = 0; i < f.power.size(); ++i) {
        const PowerTerm& k = f.power[i];
        if (k.m == 0.0) {
            tp.power[i] = k.n * std::exp(k.t * lt);
            tp.power_t[i] = k.t;
            tp.power_tt[i] = k.t * (k.t - 1.0);
        } else {
            // ln F = t ln tau - tau^m: tau (lnF)' = t - m tau^m,
            // tau^2 F''/F = (tau lnF')^2 - t - m (m-1) tau^m.
            const double tm = std::exp(k.m * lt);
            tp.power[i] = k.n * std::exp(k.t * lt - tm);
            const double l1 = k.t - k.m * tm;
            tp.power_t[i] = l1;
            tp.power_tt[i] = l1 * l1 - k.t - k.m * (k.m - 1.0) * tm;
        }
    }
    for (std::size_t i = 0; i < f.gaussian.size(); ++i) {
        const GaussianTerm& k = f.gaussian[i];
        const double dt = tau - k.gamma;
        tp.g[i] = k.n * std::exp(k.t * lt - k.beta * dt * dt);
        // ln F = t ln tau - beta (tau-gamma)^2: tau (lnF)' = t - 2 beta tau (tau-gamma),
        // tau^2 F''/F = (tau lnF')^2 - t - 2 beta tau^2.
        const double l1 = k.t - 2.0 * k.beta * tau * dt;
        tp.g_t[i] = l1;
        tp.g_tt[i] = l1 * l1 - k.t - 2.0 * k.beta * tau * tau;
    }
    for (std::size_t i = 0; i < f.gao_b.size(); ++i) {
        const GaoBTerm& k = f.gao_b[i];
        const double dt = tau - k.gamma;
        const double D = k.beta * dt * dt + k.b;
        const double invD = 1.0 / D;
        tp.b[i] = k.n * std::exp(k.t * lt + invD);
        // ln F = t ln tau + 1/D(tau): (lnF)' = t/tau - 2 beta (tau-gamma)/D^2,
        // (lnF)'' = -t/tau^2 - 2 beta/D^2 + 8 beta^2 (tau-gamma)^2/D^3.
        const double invD2 = invD * invD;
        const double l1 = k.t - 2.0 * k.beta * dt * invD2 * tau;
        const double l2 = -k.t + tau * tau * (-2.0 * k.beta * invD2 + 8.0 * k.beta * k.beta * dt * dt * invD2 * invD);
        tp.b_t[i] = l1;
        tp.b_tt[i] = l1 * l1 + l2;
    }
}

namespace detail {

/// IAPWS-95 / Span-Wagner non-analytic term and its derivatives (Wagner & Pruss 2002, Table 5
/// of the IAPWS-95 release), accumulated unscaled.
inline void add_non_analytic(const NonAnalyticTerm& k, double tau, double delta, double& a, double& a_d, double& a_dd,
                             double& a_t, double& a_tt, double& a_dt) noexcept {
    double dm1 = delta - 1.0;
    // The term is smooth but its pieces are singular at delta == 1; step off it by a negligible
    // amount (the limit is continuous).
    if (std::fabs(dm1) < 1e-10) dm1 = dm1 < 0.0 ? -1e-10 : 1e-10;
    const double d2 = dm1 * dm1;
    const double tm1 = tau - 1.0;
    const double inv2b = 1.0 / (2.0 * k.beta);
    const double d2_pow = std::pow(d2, inv2b); // [(delta-1)^2]^(1/(2 beta))
    const double theta = (1.0 - tau) + k.A * d2_pow;
    const double d2_pow_a = std::pow(d2, k.a); // [(delta-1)^2]^a
    double Delta = theta * theta + k.B * d2_pow_a;
    if (Delta < 1e-300) Delta = 1e-300;
    const double psi = std::exp(-k.C * d2 - k.D * tm1 * tm1);

    const double dD_dd = dm1 * (k.A * theta * (2.0 / k.beta) * d2_pow / d2 + 2.0 * k.B * k.a * d2_pow_a / d2);
    const double d2D_dd2 = dD_dd / dm1 + d2 * (4.0 * k.B * k.a * (k.a - 1.0) * d2_pow_a / (d2 * d2) +
                                               2.0 * k.A * k.A / (k.beta * k.beta) * (d2_pow / d2) * (d2_pow / d2) +
                                               k.A * theta * 4.0 / k.beta * (inv2b - 1.0) * d2_pow / (d2 * d2));
    const double Db = std::pow(Delta, k.b);
    const double Db1 = Db / Delta;  // Delta^(b-1)
    const double Db2 = Db1 / Delta; // Delta^(b-2)
    const double dDb_dd = k.b * Db1 * dD_dd;
    const double d2Db_dd2 = k.b * (Db1 * d2D_dd2 + (k.b - 1.0) * Db2 * dD_dd * dD_dd);
    const double dDb_dt = -2.0 * theta * k.b * Db1;
    const double d2Db_dt2 = 2.0 * k.b * Db1 + 4.0 * theta * theta * k.b * (k.b - 1.0) * Db2;
    const double d2Db_ddt =
        -k.A * k.b * (2.0 / k.beta) * Db1 * dm1 * d2_pow / d2 - 2.0 * theta * k.b * (k.b - 1.0) * Db2 * dD_dd;

    const double psi_d = -2.0 * k.C * dm1 * psi;
    const double psi_dd = (2.0 * k.C * d2 - 1.0) * 2.0 * k.C * psi;
    const double psi_t = -2.0 * k.D * tm1 * psi;
    const double psi_tt = (2.0 * k.D * tm1 * tm1 - 1.0) * 2.0 * k.D * psi;
    const double psi_dt = 4.0 * k.C * k.D * dm1 * tm1 * psi;

    a += k.n * Db * delta * psi;
    a_d += k.n * (Db * (psi + delta * psi_d) + dDb_dd * delta * psi);
    a_dd += k.n * (Db * (2.0 * psi_d + delta * psi_dd) + 2.0 * dDb_dd * (psi + delta * psi_d) + d2Db_dd2 * delta * psi);
    a_t += k.n * delta * (dDb_dt * psi + Db * psi_t);
    a_tt += k.n * delta * (d2Db_dt2 * psi + 2.0 * dDb_dt * psi_t + Db * psi_tt);
    a_dt += k.n * (Db * (psi_t + delta * psi_dt) + delta * dDb_dd * psi_t + dDb_dt * (psi + delta * psi_d) +
                   d2Db_ddt * delta * psi);
}

} // namespace detail

/// alphar and its scaled derivatives at (tp.tau, delta).
[[nodiscard]] inline ResidualDerivatives residual_part(const FluidData& f, const TauPart& tp, double delta) noexcept {
    // delta^k by multiplication, exp(-delta^l) once per l.
    std::array<double, max_delta_exponent + 1> dpow;
    dpow[0] = 1.0;
    for (int k = 1; k <= f.power_max_d; ++k)
        dpow[static_cast<std::size_t>(k)] = dpow[static_cast<std::size_t>(k) - 1] * delta;
    std::array<double, max_l_exponent + 1> dl_pow{}, e_l{};
    e_l[0] = 1.0;
    dl_pow[0] = 0.0; // l == 0: no exponential factor, and l * delta^l == 0
    {
        double dl = 1.0;
        for (int l = 1; l <= f.power_max_l; ++l) {
            dl *= delta;
            dl_pow[static_cast<std::size_t>(l)] = dl;
            e_l[static_cast<std::size_t>(l)] = std::exp(-dl);
        }
    }
    ResidualDerivatives r;
    for (std::size_t i = 0; i < f.power.size(); ++i) {
        const PowerTerm& k = f.power[i];
        const auto l = static_cast<std::size_t>(k.l);
        const double v = tp.power[i] * dpow[static_cast<std::size_t>(k.d)] * e_l[l];
        const double ldl = static_cast<double>(k.l) * dl_pow[l]; // l delta^l
        const double g1 = static_cast<double>(k.d) - ldl;        // delta g'/g
        r.a += v;
        r.d += v * g1;
        r.dd += v * (g1 * (g1 - 1.0) - static_cast<double>(k.l) * ldl);
        r.t += v * tp.power_t[i];
        r.tt += v * tp.power_tt[i];
        r.dt += v * tp.power_t[i] * g1;
    }
    for (std::size_t i = 0; i < f.gaussian.size(); ++i) {
        const GaussianTerm& k = f.gaussian[i];
        const double de = delta - k.epsilon;
        const double v = tp.g[i] * dpow[static_cast<std::size_t>(k.d)] * std::exp(-k.eta * de * de);
        const double g1 = static_cast<double>(k.d) - 2.0 * k.eta * delta * de;
        const double g2 = g1 * g1 - static_cast<double>(k.d) - 2.0 * k.eta * delta * delta;
        r.a += v;
        r.d += v * g1;
        r.dd += v * g2;
        r.t += v * tp.g_t[i];
        r.tt += v * tp.g_tt[i];
        r.dt += v * g1 * tp.g_t[i];
    }
    for (std::size_t i = 0; i < f.gao_b.size(); ++i) {
        const GaoBTerm& k = f.gao_b[i];
        const double de = delta - k.epsilon;
        // delta factor d ln delta + eta (delta-eps)^2 (note the + sign: eta < 0 in the data).
        const double v = tp.b[i] * dpow[static_cast<std::size_t>(k.d)] * std::exp(k.eta * de * de);
        const double g1 = static_cast<double>(k.d) + 2.0 * k.eta * delta * de;
        const double g2 = g1 * g1 - static_cast<double>(k.d) + 2.0 * k.eta * delta * delta;
        r.a += v;
        r.d += v * g1;
        r.dd += v * g2;
        r.t += v * tp.b_t[i];
        r.tt += v * tp.b_tt[i];
        r.dt += v * g1 * tp.b_t[i];
    }
    if (!f.non_analytic.empty()) {
        double a = 0, ad = 0, add = 0, at = 0, att = 0, adt = 0;
        for (const NonAnalyticTerm& k : f.non_analytic)
            detail::add_non_analytic(k, tp.tau, delta, a, ad, add, at, att, adt);
        r.a += a;
        r.d += delta * ad;
        r.dd += delta * delta * add;
        r.t += tp.tau * at;
        r.tt += tp.tau * tp.tau * att;
        r.dt += delta * tp.tau * adt;
    }
    return r;
}

} // namespace entropyk::fluids::helmholtz
