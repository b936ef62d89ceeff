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

/// Most terms of one departure function whose temperature factors the workspace caches (the
/// transcribed pairs have at most 8; a longer function is evaluated without the cache).
inline constexpr std::size_t max_departure_terms = 12;
/// Temperature factors n_k tau^t_k of one departure function.
using DepartureTau = std::array<double, max_departure_terms>;

inline void departure_tau(std::span<const DepartureTerm> terms, double ln_tau, DepartureTau& out) noexcept {
    for (std::size_t k = 0; k < terms.size() && k < max_departure_terms; ++k)
        out[k] = terms[k].n * std::exp(terms[k].t * ln_tau);
}

/// The delta factors every departure function of one evaluation shares: delta^k by
/// multiplication and exp(-delta^l) for the small l of the transcribed functions (all pairs of a
/// mixture see the same reduced density, so these few exp calls are paid once per evaluation,
/// not once per pair).
struct DeltaPowers {
    static constexpr int max_pow = 16;
    static constexpr std::size_t max_l = 4;
    double delta = 0.0;
    std::array<double, max_pow + 1> dp{};
    std::array<double, max_l + 1> el{};
    explicit DeltaPowers(double d) noexcept : delta(d) {
        dp[0] = 1.0;
        for (std::size_t k = 1; k < dp.size(); ++k) dp[k] = dp[k - 1] * d;
        el[0] = 1.0;
        for (std::size_t l = 1; l < el.size(); ++l) el[l] = std::exp(-dp[l]);
    }
};

/// Departure function sum n delta^d tau^t exp(-delta^l), scaled derivatives, from the shared
/// delta factors. `tau_factors`: the cached n tau^t (departure_tau), or nullptr to compute them
/// here from ln_tau. Terms with exponents outside the cached ranges fall back to pow/exp.
[[nodiscard]] inline helmholtz::ResidualDerivatives departure_part(std::span<const DepartureTerm> terms, double ln_tau,
                                                                   const DeltaPowers& dw,
                                                                   const DepartureTau* tau_factors = nullptr) noexcept {
    helmholtz::ResidualDerivatives r;
    const bool cached = tau_factors != nullptr && terms.size() <= max_departure_terms;
    for (std::size_t k = 0; k < terms.size(); ++k) {
        const DepartureTerm& term = terms[k];
        const bool small =
            term.d >= 0 && term.d <= DeltaPowers::max_pow && term.l >= 0 && term.l < static_cast<int>(dw.el.size());
        const double dl =
            term.l == 0 ? 0.0 : (small ? dw.dp[static_cast<std::size_t>(term.l)] : std::pow(dw.delta, term.l));
        const double tf = cached ? (*tau_factors)[k] : term.n * std::exp(term.t * ln_tau);
        const double v = small ? tf * dw.dp[static_cast<std::size_t>(term.d)] * dw.el[static_cast<std::size_t>(term.l)]
                               : tf * std::pow(dw.delta, term.d) * std::exp(-dl);
        const double ldl = static_cast<double>(term.l) * dl;
        const double g1 = static_cast<double>(term.d) - ldl;
        r.a += v;
        r.d += v * g1;
        r.dd += v * (g1 * (g1 - 1.0) - static_cast<double>(term.l) * ldl);
        r.t += v * term.t;
        r.tt += v * term.t * (term.t - 1.0);
        r.dt += v * term.t * g1;
    }
    return r;
}

/// The same at one delta (computing the delta factors here).
[[nodiscard]] inline helmholtz::ResidualDerivatives departure_part(std::span<const DepartureTerm> terms, double ln_tau,
                                                                   double delta,
                                                                   const DepartureTau* tau_factors = nullptr) noexcept {
    return departure_part(terms, ln_tau, DeltaPowers(delta), tau_factors);
}

/// Scratch space of the mixture evaluations: the per-temperature factors of every component,
/// kept for the last two values of tau (= T_r(x)/T) in two slots. The density iterations at fixed
/// (T, x) pay the exp/log of the temperature factors once, and a two-phase solve, which
/// alternates between the liquid and the vapour composition (two values of tau at one T), keeps
/// both phases' factors instead of recomputing them on every switch. Large (about 8 kB per
/// component); reuse one per thread.
struct Workspace {
    struct Slot {
        std::array<helmholtz::TauPart, max_components> tp{};
        std::array<std::array<DepartureTau, max_components>, max_components> dep{}; ///< pairs i < j
        double tau = -1.0;
        const Model* model = nullptr;
    };
    std::array<Slot, 2> slot{};
    std::size_t last = 0; ///< the slot used most recently

    /// The slot holding tau for m, filling the least recently used one if none does.
    [[nodiscard]] const Slot& factors(const Model& m, double tau) noexcept {
        for (std::size_t k = 0; k < slot.size(); ++k) {
            if (slot[k].tau == tau && slot[k].model == &m) {
                last = k;
                return slot[k];
            }
        }
        last = 1 - last;
        Slot& s = slot[last];
        s.tau = tau;
        s.model = &m;
        for (std::size_t i = 0; i < m.n; ++i) helmholtz::prepare_tau(*m.fluid[i], tau, s.tp[i]);
        const double ln_tau = std::log(tau);
        for (std::size_t i = 0; i < m.n; ++i)
            for (std::size_t j = i + 1; j < m.n; ++j) departure_tau(m.departure[i][j], ln_tau, s.dep[i][j]);
        return s;
    }
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
    const Workspace::Slot& slot = ws.factors(m, P.tau);
    const std::array<helmholtz::TauPart, max_components>& tp = slot.tp;
    std::array<helmholtz::ResidualDerivatives, max_components> pure{};
    for (std::size_t i = 0; i < m.n; ++i) {
        pure[i] = helmholtz::residual_part(*m.fluid[i], tp[i], P.delta);
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
    const DeltaPowers dw(P.delta);
    for (std::size_t i = 0; i < m.n; ++i) {
        for (std::size_t j = i + 1; j < m.n; ++j) {
            if (m.F[i][j] == 0.0 || m.departure[i][j].empty()) continue;
            const helmholtz::ResidualDerivatives r = departure_part(m.departure[i][j], ln_tau, dw, &slot.dep[i][j]);
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
