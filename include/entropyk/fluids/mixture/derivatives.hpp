// One phase of a mixture at (T, rho, x) with the derivatives Newton needs for phase equilibrium,
// all analytic: ln phi_i and its composition, temperature and pressure derivatives at constant
// (T, p), and the molar h, s, cp with the partial molar enthalpies and entropies.
//
// Helmholtz side (Kunz & Wagner, J. Chem. Eng. Data 57, 3032 (2012), Sect. 7.3 and Table 7.5,
// whose n-derivatives are these written per mole): with the mole fractions taken as independent
// and A(rho, T, x) = alphar(delta = rho v_r(x), tau = T_r(x)/T, x), the residual chemical
// potential is
//   mu_i = dF/dn_i = A + rho A_rho + A_i - sum_k x_k A_k                  (F = n alphar, n = 1)
// and its derivatives at constant (T, V)
//   F_ij = n d mu_i/d n_j = rho d mu_i/d rho + d mu_i/d x_j - sum_k x_k d mu_i/d x_k,
//   F_iT = d mu_i/d T,
// where the partial derivatives of A follow from those of alphar (at constant delta, tau: the
// pure-fluid and departure derivatives, model.hpp) and of the reducing functions (reducing.hpp)
// by the chain rule. alphar is linear in the pure parts and bilinear in the departure parts, so
// its second x-derivatives at constant (delta, tau) are just F_kl alphar_kl.
//
// From (T, V, n) to (T, p, n) (Michelsen & Mollerup, "Thermodynamic Models: Fundamentals &
// Computational Aspects", 2nd ed. 2007, ch. 2, Table 2 and eqs. for ln phi):
//   n d ln phi_i / d n_j = n F_ij + 1 + n P_i P_j / (R T P_V)
//   d ln phi_i / d T     = F_iT + 1/T + P_i P_T / (R T P_V)
//   d ln phi_i / d p     = v_i / (R T) - 1/p,       v_i = -P_i / P_V (partial molar volume)
// with P_i = (dp/dn_i)_{T,V}, P_V = (dp/dV)_{T,n}, P_T = (dp/dT)_{V,n}; and
//   partial molar enthalpy  h_i = h_i^ig(T) - R T^2 d ln phi_i / d T
//   partial molar entropy   s_i = (h_i - mu_i^total) / T,
// mu_i^total / (R T) = (R_i/R) (alpha0_i + ln x_i + 1) + mu_i (the model's ideal part is linear in x
// with the x ln x mixing term, helmholtz.hpp). Checked against finite differences of the
// fugacity coefficients and of h and s along density solves in tests/mixture/model.test.cpp; s_i
// and (ds/dp)_T agree to ~1e-6 only, since each ideal part keeps its component's gas constant
// (R_i / R - 1 up to 1.1e-6) so the model satisfies Gibbs-Duhem only to that level.
#pragma once

#include <cmath>

#include "entropyk/fluids/mixture/helmholtz.hpp"

namespace entropyk::fluids::mixture {

/// A phase with the analytic derivatives (molar quantities; n = 1 mol).
struct PhaseDerivatives {
    double T = 0.0, rho = 0.0, p = 0.0, Z = 0.0;
    Vec ln_phi{};
    Mat dlnphi_dn{};                     ///< n (d ln phi_i / d n_j)_{T,p}
    Vec dlnphi_dlnT{};                   ///< T (d ln phi_i / d T)_{p,n}
    Vec dlnphi_dlnp{};                   ///< p (d ln phi_i / d p)_{T,n}
    double h = 0.0, s = 0.0, cp = 0.0;   ///< molar: J/mol, J/(mol K)
    double dh_dlnp = 0.0, ds_dlnp = 0.0; ///< p (dh/dp)_T, p (ds/dp)_T
    Vec h_bar{}, s_bar{};                ///< partial molar enthalpy and entropy at (T, p)
    Vec v_bar{};                         ///< partial molar volumes, m3/mol
    double dv_dT = 0.0, dv_dp = 0.0;     ///< (dv/dT)_p, (dv/dp)_T of the molar volume

    /// Molar density predicted at a nearby (T, p, x') to first order: v' = v + sum v_i (x'_i - x_i)
    /// + (dv/dT) dT + (dv/dp) dp (Gibbs-Duhem removes the change of the v_i), or `rho` itself if
    /// that moves v by more than 20 % (then the prediction is no better than the old value).
    [[nodiscard]] double predict_rho(const Vec& x_old, const Vec& x_new, std::size_t n, double T_new,
                                     double p_new) const noexcept {
        const double v = 1.0 / rho;
        double dv = dv_dT * (T_new - T) + dv_dp * (p_new - p);
        for (std::size_t i = 0; i < n; ++i) dv += v_bar[i] * (x_new[i] - x_old[i]);
        return std::fabs(dv) <= 0.2 * v ? 1.0 / (v + dv) : rho;
    }
};

[[nodiscard]] inline PhaseDerivatives phase_derivatives(const Model& m, const Vec& x, double T, double rho,
                                                        Workspace& ws) noexcept {
    const std::size_t n = m.n;
    PhaseDerivatives out;
    // Reducing functions with second derivatives.
    const Reducing red = reducing(m, x);
    Mat d2T{}, d2v{};
    reducing_second(m, x, d2T, d2v);
    const double tau = red.T / T, delta = rho * red.v;
    const Workspace::Slot& slot = ws.factors(m, tau);
    const double ln_tau = std::log(tau);
    // alphar and its derivatives at constant (delta, tau), scaled (D = delta a_delta, ...).
    helmholtz::ResidualDerivatives ar;
    Vec ax{}, adx{}, atx{}; // a_{x_k}, delta a_{delta x_k}, tau a_{tau x_k}
    Mat axx{};              // a_{x_k x_l}
    for (std::size_t i = 0; i < n; ++i) {
        const helmholtz::ResidualDerivatives r = helmholtz::residual_part(*m.fluid[i], slot.tp[i], delta);
        ar.a += x[i] * r.a;
        ar.d += x[i] * r.d;
        ar.dd += x[i] * r.dd;
        ar.t += x[i] * r.t;
        ar.tt += x[i] * r.tt;
        ar.dt += x[i] * r.dt;
        ax[i] = r.a;
        adx[i] = r.d;
        atx[i] = r.t;
    }
    const DeltaPowers dw(delta);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            if (m.F[i][j] == 0.0 || m.departure[i][j].empty()) continue;
            const helmholtz::ResidualDerivatives r = departure_part(m.departure[i][j], ln_tau, dw, &slot.dep[i][j]);
            const double F = m.F[i][j], w = x[i] * x[j] * F;
            ar.a += w * r.a;
            ar.d += w * r.d;
            ar.dd += w * r.dd;
            ar.t += w * r.t;
            ar.tt += w * r.tt;
            ar.dt += w * r.dt;
            ax[i] += x[j] * F * r.a;
            ax[j] += x[i] * F * r.a;
            adx[i] += x[j] * F * r.d;
            adx[j] += x[i] * F * r.d;
            atx[i] += x[j] * F * r.t;
            atx[j] += x[i] * F * r.t;
            axx[i][j] = axx[j][i] = F * r.a;
        }
    }
    const double D = ar.d, DD = ar.dd, Tt = ar.t, TT = ar.tt, DT = ar.dt;
    // Relative derivatives of delta and tau with respect to x at constant (rho, T).
    Vec ev{}, et{};
    for (std::size_t k = 0; k < n; ++k) {
        ev[k] = red.dv[k] / red.v;
        et[k] = red.dT[k] / red.T;
    }
    // A_k, rho A_{k rho}, T A_{k T}, A_{kl}.
    Vec Ak{}, rAkr{}, TAkT{};
    Mat Akl{};
    for (std::size_t k = 0; k < n; ++k) {
        Ak[k] = D * ev[k] + Tt * et[k] + ax[k];
        rAkr[k] = (DD + D) * ev[k] + DT * et[k] + adx[k];
        TAkT[k] = -DT * ev[k] - (TT + Tt) * et[k] - atx[k];
    }
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t l = 0; l < n; ++l)
            Akl[k][l] = DD * ev[k] * ev[l] + DT * (et[l] * ev[k] + ev[l] * et[k]) + TT * et[k] * et[l] +
                        D * d2v[k][l] / red.v + Tt * d2T[k][l] / red.T + adx[l] * ev[k] + adx[k] * ev[l] +
                        atx[l] * et[k] + atx[k] * et[l] + axx[k][l];
    double sA = 0.0, srAr = 0.0, sTAT = 0.0;
    Vec sAkl{}; // sum_k x_k A_{kl}
    for (std::size_t k = 0; k < n; ++k) {
        sA += x[k] * Ak[k];
        srAr += x[k] * rAkr[k];
        sTAT += x[k] * TAkT[k];
        for (std::size_t l = 0; l < n; ++l) sAkl[l] += x[k] * Akl[k][l];
    }
    // mu_i and its derivatives.
    Vec mu{}, rmu_r{}, Tmu_T{};
    Mat mu_x{};
    for (std::size_t i = 0; i < n; ++i) {
        mu[i] = ar.a + D + Ak[i] - sA;
        rmu_r[i] = 2.0 * D + DD + rAkr[i] - srAr;
        Tmu_T[i] = -Tt - DT + TAkT[i] - sTAT;
        for (std::size_t j = 0; j < n; ++j) mu_x[i][j] = rAkr[j] + Akl[i][j] - sAkl[j];
    }
    // Pressure and its derivatives (n = 1, V = 1/rho).
    const double RT = m.R * T;
    const double Z = 1.0 + D;
    const double dpdrho = RT * (1.0 + 2.0 * D + DD);
    out.T = T;
    out.rho = rho;
    out.Z = Z;
    out.p = rho * RT * Z;
    const double PV = -rho * rho * dpdrho;
    const double PT = rho * m.R * (1.0 + D - DT);
    Vec Pi{};
    for (std::size_t i = 0; i < n; ++i) Pi[i] = rho * (dpdrho + RT * (rAkr[i] - srAr));
    const double lnZ = std::log(Z);
    for (std::size_t i = 0; i < n; ++i) {
        double smx = 0.0;
        for (std::size_t k = 0; k < n; ++k) smx += x[k] * mu_x[i][k];
        out.ln_phi[i] = mu[i] - lnZ;
        for (std::size_t j = 0; j < n; ++j)
            out.dlnphi_dn[i][j] = rmu_r[i] + mu_x[i][j] - smx + 1.0 + Pi[i] * Pi[j] / (RT * PV);
        out.dlnphi_dlnT[i] = Tmu_T[i] + 1.0 + T * Pi[i] * PT / (RT * PV);
        out.dlnphi_dlnp[i] = -out.p * Pi[i] / (PV * RT) - 1.0;
        out.v_bar[i] = -Pi[i] / PV;
    }
    out.dv_dT = -PT / PV;
    out.dv_dp = 1.0 / PV;
    // Ideal part per component (each in its own reduced variables, helmholtz.hpp).
    double i_a = 0.0, i_t = 0.0, i_tt = 0.0;
    Vec hig{}, mu_ig{};
    for (std::size_t i = 0; i < n; ++i) {
        const double ti = m.ideal_T[i] / T;
        const helmholtz::IdealDerivatives d =
            helmholtz::ideal_part(m.fluid[i]->ideal, ti, std::log(ti), rho / m.ideal_rho[i]);
        hig[i] = RT * (1.0 + m.R_ratio[i] * d.t);
        if (x[i] > 0.0) {
            const double w = x[i] * m.R_ratio[i];
            i_a += w * (d.a + std::log(x[i]));
            i_t += w * d.t;
            i_tt += w * d.tt;
            mu_ig[i] = m.R_ratio[i] * (d.a + std::log(x[i]) + 1.0);
        }
    }
    out.h = RT * (1.0 + i_t + Tt + D);
    out.s = m.R * (i_t + Tt - i_a - ar.a);
    const double cv = -m.R * (i_tt + TT);
    const double xx = 1.0 + D - DT;
    out.cp = cv + m.R * xx * xx / (1.0 + 2.0 * D + DD);
    // (dh/dp)_T = v - T (dv/dT)_p, (ds/dp)_T = -(dv/dT)_p, (dv/dT)_p = -P_T / P_V.
    out.dh_dlnp = out.p * (1.0 / rho + T * PT / PV);
    out.ds_dlnp = out.p * PT / PV;
    for (std::size_t i = 0; i < n; ++i) {
        out.h_bar[i] = hig[i] - RT * out.dlnphi_dlnT[i];
        out.s_bar[i] = (out.h_bar[i] - RT * (mu_ig[i] + mu[i])) / T;
    }
    return out;
}

} // namespace entropyk::fluids::mixture
