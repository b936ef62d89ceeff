// Reduced Helmholtz energy of the mixture at (T, rho, x) (Kunz & Wagner 2012, eqs. 7.3-7.8):
//   alpha   = alpha0 + alphar
//   alpha0  = sum_i x_i (R_i/R) [alpha0_i(T_i/T, rho/rho_i) + ln x_i]   (each component in its
//             own reduced variables, see Model::ideal_T)
//   alphar  = sum_i x_i alphar_i(delta, tau) + sum_{i<j} x_i x_j F_ij alphar_ij(delta, tau),
//   delta = rho / rho_r(x), tau = T_r(x) / T.
// Derivatives are scaled as in the pure engine (helmholtz/residual.hpp): d = delta a_d,
// t = tau a_t, ... For the ideal part tau_i d/dtau_i = -T d/dT for every component, so the
// scaled tau derivatives of the components add up directly.
#pragma once

#include <cmath>

#include "entropyk/fluids/helmholtz/ideal.hpp"
#include "entropyk/fluids/helmholtz/residual.hpp"
#include "entropyk/fluids/mixture/reducing.hpp"

namespace entropyk::fluids::mixture {

/// Departure function sum n delta^d tau^t exp(-delta^l), scaled derivatives.
[[nodiscard]] inline helmholtz::ResidualDerivatives departure_part(std::span<const DepartureTerm> terms, double ln_tau,
                                                                   double delta) noexcept {
    helmholtz::ResidualDerivatives r;
    const double ln_delta = std::log(delta);
    for (const DepartureTerm& k : terms) {
        const double dl = k.l == 0 ? 0.0 : std::pow(delta, k.l);
        const double v = k.n * std::exp(k.t * ln_tau + k.d * ln_delta - dl);
        const double ldl = static_cast<double>(k.l) * dl;
        const double g1 = static_cast<double>(k.d) - ldl;
        r.a += v;
        r.d += v * g1;
        r.dd += v * (g1 * (g1 - 1.0) - static_cast<double>(k.l) * ldl);
        r.t += v * k.t;
        r.tt += v * k.t * (k.t - 1.0);
        r.dt += v * k.t * g1;
    }
    return r;
}

/// Scratch space of the mixture evaluations: the per-temperature factors of every component,
/// kept for the last tau (= T_r(x)/T): the density iterations at fixed (T, x) pay the exp/log
/// of the temperature factors once. Large (about 4 kB per component); reuse one per thread.
struct Workspace {
    std::array<helmholtz::TauPart, max_components> tp{};
    double tau = -1.0;
    const Model* model = nullptr;
};

/// The residual part at one (T, rho, x) with what the fugacities need.
struct ResidualPoint {
    Reducing red;
    double tau = 0.0, delta = 0.0;
    helmholtz::ResidualDerivatives ar; ///< mixture alphar, scaled derivatives
    Vec ar_x{};                        ///< d alphar / d x_i at constant delta, tau (x independent)
};

/// Evaluates alphar.
[[nodiscard]] inline ResidualPoint residual(const Model& m, const Vec& x, double T, double rho,
                                            Workspace& ws) noexcept {
    ResidualPoint P;
    P.red = reducing(m, x);
    P.tau = P.red.T / T;
    P.delta = rho * P.red.v;
    const bool fresh = !(ws.tau == P.tau && ws.model == &m);
    if (fresh) {
        ws.tau = P.tau;
        ws.model = &m;
    }
    std::array<helmholtz::ResidualDerivatives, max_components> pure{};
    for (std::size_t i = 0; i < m.n; ++i) {
        if (fresh) helmholtz::prepare_tau(*m.fluid[i], P.tau, ws.tp[i]);
        pure[i] = helmholtz::residual_part(*m.fluid[i], ws.tp[i], P.delta);
        const helmholtz::ResidualDerivatives& r = pure[i];
        P.ar.a += x[i] * r.a;
        P.ar.d += x[i] * r.d;
        P.ar.dd += x[i] * r.dd;
        P.ar.t += x[i] * r.t;
        P.ar.tt += x[i] * r.tt;
        P.ar.dt += x[i] * r.dt;
        P.ar_x[i] = r.a;
    }
    const double ln_tau = std::log(P.tau);
    for (std::size_t i = 0; i < m.n; ++i) {
        for (std::size_t j = i + 1; j < m.n; ++j) {
            if (m.F[i][j] == 0.0 || m.departure[i][j].empty()) continue;
            const helmholtz::ResidualDerivatives r = departure_part(m.departure[i][j], ln_tau, P.delta);
            const double w = x[i] * x[j] * m.F[i][j];
            P.ar.a += w * r.a;
            P.ar.d += w * r.d;
            P.ar.dd += w * r.dd;
            P.ar.t += w * r.t;
            P.ar.tt += w * r.tt;
            P.ar.dt += w * r.dt;
            P.ar_x[i] += x[j] * m.F[i][j] * r.a;
            P.ar_x[j] += x[i] * m.F[i][j] * r.a;
        }
    }
    return P;
}

/// alpha0 of the mixture and its scaled temperature derivatives at (T, rho molar).
[[nodiscard]] inline helmholtz::IdealDerivatives ideal(const Model& m, const Vec& x, double T, double rho) noexcept {
    helmholtz::IdealDerivatives s;
    for (std::size_t i = 0; i < m.n; ++i) {
        if (x[i] <= 0.0) continue;
        const double tau = m.ideal_T[i] / T;
        const helmholtz::IdealDerivatives d =
            helmholtz::ideal_part(m.fluid[i]->ideal, tau, std::log(tau), rho / m.ideal_rho[i]);
        const double w = x[i] * m.R_ratio[i];
        s.a += w * (d.a + std::log(x[i]));
        s.t += w * d.t;
        s.tt += w * d.tt;
    }
    return s;
}

} // namespace entropyk::fluids::mixture
