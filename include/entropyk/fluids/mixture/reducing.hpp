// Reducing functions of the multi-fluid model (Kunz & Wagner 2012, eqs. 7.9-7.10):
//   T_r(x)  = sum_i x_i^2 Tc_i + sum_{i<j} 2 x_i x_j beta_T gamma_T (x_i + x_j)/(beta_T^2 x_i + x_j) sqrt(Tc_i Tc_j)
//   v_r(x)  = sum_i x_i^2 vc_i + sum_{i<j} 2 x_i x_j beta_v gamma_v (x_i + x_j)/(beta_v^2 x_i + x_j)
//             (vc_i^(1/3) + vc_j^(1/3))^3 / 8
// with their derivatives with respect to each mole fraction taken as independent (the form the
// fugacity relations of Kunz & Wagner's Table 7.5 use).
#pragma once

#include "entropyk/fluids/mixture/model.hpp"

namespace entropyk::fluids::mixture {

struct Reducing {
    double T = 0.0, v = 0.0; ///< T_r (K) and v_r = 1/rho_r (m3/mol)
    Vec dT{}, dv{};          ///< dT_r/dx_i, dv_r/dx_i
};

namespace detail {
/// f = x_i x_j (x_i + x_j) / (b x_i + x_j) and its partial derivatives.
inline void pair_factor(double xi, double xj, double b, double& f, double& fi, double& fj) noexcept {
    const double D = b * xi + xj;
    if (D == 0.0) {
        f = fi = fj = 0.0;
        return;
    }
    const double S = xi + xj;
    const double invD = 1.0 / D;
    f = xi * xj * S * invD;
    fi = (xj * S + xi * xj) * invD - f * b * invD;
    fj = (xi * S + xi * xj) * invD - f * invD;
}

/// Second partial derivatives of the same f: f_ii, f_ij, f_jj. With N = x_i x_j (x_i + x_j),
/// f = N / D: f_ab = N_ab / D - (N_a D_b + N_b D_a) / D^2 + 2 N D_a D_b / D^3.
inline void pair_factor_second(double xi, double xj, double b, double& fii, double& fij, double& fjj) noexcept {
    const double D = b * xi + xj;
    if (D == 0.0) {
        fii = fij = fjj = 0.0;
        return;
    }
    const double N = xi * xj * (xi + xj);
    const double Ni = 2.0 * xi * xj + xj * xj, Nj = xi * xi + 2.0 * xi * xj;
    const double invD = 1.0 / D, invD2 = invD * invD, invD3 = invD2 * invD;
    fii = 2.0 * xj * invD - 2.0 * Ni * b * invD2 + 2.0 * N * b * b * invD3;
    fij = 2.0 * (xi + xj) * invD - (Ni + Nj * b) * invD2 + 2.0 * N * b * invD3;
    fjj = 2.0 * xi * invD - 2.0 * Nj * invD2 + 2.0 * N * invD3;
}
} // namespace detail

/// Second derivatives d2T[k][l] = d^2 T_r / dx_k dx_l and likewise d2v (x independent), for the
/// analytic composition derivatives of the fugacity coefficients (derivatives.hpp).
inline void reducing_second(const Model& m, const Vec& x, Mat& d2T, Mat& d2v) noexcept {
    d2T = Mat{};
    d2v = Mat{};
    for (std::size_t i = 0; i < m.n; ++i) {
        d2T[i][i] = 2.0 * m.Tc[i];
        d2v[i][i] = 2.0 * m.vc[i];
    }
    for (std::size_t i = 0; i < m.n; ++i) {
        for (std::size_t j = i + 1; j < m.n; ++j) {
            double fii, fij, fjj;
            detail::pair_factor_second(x[i], x[j], m.bT2[i][j], fii, fij, fjj);
            const double kT = 2.0 * m.KT[i][j];
            d2T[i][i] += kT * fii;
            d2T[j][j] += kT * fjj;
            d2T[i][j] += kT * fij;
            d2T[j][i] += kT * fij;
            detail::pair_factor_second(x[i], x[j], m.bv2[i][j], fii, fij, fjj);
            const double kv = 2.0 * m.Kv[i][j];
            d2v[i][i] += kv * fii;
            d2v[j][j] += kv * fjj;
            d2v[i][j] += kv * fij;
            d2v[j][i] += kv * fij;
        }
    }
}

[[nodiscard]] inline Reducing reducing(const Model& m, const Vec& x) noexcept {
    Reducing r;
    for (std::size_t i = 0; i < m.n; ++i) {
        r.T += x[i] * x[i] * m.Tc[i];
        r.v += x[i] * x[i] * m.vc[i];
        r.dT[i] = 2.0 * x[i] * m.Tc[i];
        r.dv[i] = 2.0 * x[i] * m.vc[i];
    }
    for (std::size_t i = 0; i < m.n; ++i) {
        for (std::size_t j = i + 1; j < m.n; ++j) {
            double f, fi, fj;
            detail::pair_factor(x[i], x[j], m.bT2[i][j], f, fi, fj);
            const double kT = 2.0 * m.KT[i][j];
            r.T += kT * f;
            r.dT[i] += kT * fi;
            r.dT[j] += kT * fj;
            detail::pair_factor(x[i], x[j], m.bv2[i][j], f, fi, fj);
            const double kv = 2.0 * m.Kv[i][j];
            r.v += kv * f;
            r.dv[i] += kv * fi;
            r.dv[j] += kv * fj;
        }
    }
    return r;
}

} // namespace entropyk::fluids::mixture
