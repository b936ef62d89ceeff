// Phase stability of a mixture state by the tangent-plane distance (M. L. Michelsen, "The
// isothermal flash problem. Part I. Stability", Fluid Phase Equilib. 9, 1-19 (1982); Michelsen &
// Mollerup 2007, ch. 9). The feed z at (T, p) on a given density root is stable if no trial
// composition w has a negative tangent-plane distance
//   tpd(w) = sum_i w_i [ln w_i + ln phi_i(w) - ln z_i - ln phi_i(z)].
// Stationary points are found by successive substitution on W_i (unnormalised),
//   ln W_i = ln z_i + ln phi_i(z) - ln phi_i(W / sum W),
// from Wilson's K factors on both sides (a vapour-like trial z K on the vapour root, a liquid-like
// one z / K on the liquid root); at a stationary point tm = 1 - sum W, so sum W > 1 means
// unstable. Used to verify the flashes' phase decisions (tests), not inside them.
#pragma once

#include <cmath>

#include "entropyk/fluids/mixture/density.hpp"
#include "entropyk/fluids/mixture/detail/wilson.hpp"
#include "entropyk/fluids/mixture/fugacity.hpp"

namespace entropyk::fluids::mixture {

enum class Stability { stable, unstable, undecided };

/// Stability of z at (T, p) on the density root `feed_root`.
[[nodiscard]] inline Stability stability(const Model& m, const Vec& z, double T, double p, Root feed_root,
                                         Workspace& ws, int max_iterations = 500) noexcept {
    const double rho_z = density_tp(m, z, T, p, feed_root, ws);
    if (!(rho_z > 0.0)) return Stability::undecided;
    const Fugacity fz = fugacity(m, z, T, rho_z, ws);
    Vec d{};
    for (std::size_t i = 0; i < m.n; ++i) d[i] = std::log(z[i]) + fz.ln_phi[i];
    const detail::WilsonK wk = detail::wilson(m);
    const Vec lnK = detail::wilson_lnK(m, wk, T, p);
    bool undecided = false;
    for (const Root trial_root : {Root::vapor, Root::liquid}) {
        Vec lnW{};
        for (std::size_t i = 0; i < m.n; ++i) lnW[i] = std::log(z[i]) + (trial_root == Root::vapor ? lnK[i] : -lnK[i]);
        bool converged = false;
        double sumW = 0.0;
        for (int it = 0; it < max_iterations; ++it) {
            Vec w{};
            sumW = 0.0;
            for (std::size_t i = 0; i < m.n; ++i) sumW += std::exp(lnW[i]);
            for (std::size_t i = 0; i < m.n; ++i) w[i] = std::exp(lnW[i]) / sumW;
            double rho = density_tp(m, w, T, p, trial_root, ws);
            if (!(rho > 0.0)) rho = density_tp(m, w, T, p, trial_root == Root::vapor ? Root::liquid : Root::vapor, ws);
            if (!(rho > 0.0)) break;
            const Fugacity fw = fugacity(m, w, T, rho, ws);
            double change = 0.0, trivial = 0.0;
            for (std::size_t i = 0; i < m.n; ++i) {
                const double next = d[i] - fw.ln_phi[i];
                change = std::max(change, std::fabs(next - lnW[i]));
                lnW[i] = next;
                trivial = std::max(trivial, std::fabs(std::log(w[i] / z[i])));
            }
            if (trivial < 1e-4) {
                // Heading for the trivial solution w = z (tm = 0): nothing on this side. (sum W
                // approaches 1 there from either side; it is no evidence of instability.)
                converged = true;
                sumW = 1.0;
                break;
            }
            if (sumW > 1.0 + 1e-6 && change < 1e-6) return Stability::unstable; // clearly below the plane
            if (change < 1e-10) {
                converged = true;
                break;
            }
        }
        if (!converged)
            undecided = true;
        else if (sumW > 1.0 + 1e-8)
            return Stability::unstable;
    }
    return undecided ? Stability::undecided : Stability::stable;
}

} // namespace entropyk::fluids::mixture
