// The phase envelope of one fixed composition z, traced once: bubble and dew points on a set of
// pressures from a low pressure up to the highest one where both still exist (just below the
// critical point / cricondenbar). The flashes interpolate it for starting values and for the
// phase of a state far from the saturation curves, and take "above the top" as single-phase.
//
// Tracing: natural continuation in ln p (each converged point starts the next; the step grows
// after a success and halves after a failure, so the nodes crowd towards the critical end where
// the curves turn), as in Michelsen & Mollerup (2007), ch. 12.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

#include "entropyk/fluids/mixture/saturation.hpp"

namespace entropyk::fluids::mixture {

inline constexpr std::size_t envelope_capacity = 256;

struct EnvelopeNode {
    double ln_p = 0.0;
    SaturationPoint bub, dew;
    double h_b = 0.0, h_d = 0.0, s_b = 0.0, s_d = 0.0; ///< molar, bulk phases
    double cp_b = 0.0, cp_d = 0.0;                     ///< molar isobaric heat capacities, bulk phases
    double drho_b = 0.0, drho_d = 0.0;                 ///< (d rho_molar / dT)_p of the bulk phases
};

struct Envelope {
    std::size_t count = 0;
    std::array<EnvelopeNode, envelope_capacity> node{};
    [[nodiscard]] double p_low() const noexcept { return std::exp(node[0].ln_p); }
    [[nodiscard]] double p_top() const noexcept { return std::exp(node[count - 1].ln_p); }
};

namespace detail {
inline bool envelope_node(const Model& m, const Vec& z, double p, const EnvelopeNode* prev, EnvelopeNode& out,
                          Workspace& ws) noexcept {
    out.ln_p = std::log(p);
    if (prev != nullptr) {
        if (!solve_saturation(m, z, SatKind::bubble, SatGiven::pressure, p, prev->bub.T, prev->bub.lnK, out.bub, ws))
            return false;
        if (!solve_saturation(m, z, SatKind::dew, SatGiven::pressure, p, prev->dew.T, prev->dew.lnK, out.dew, ws))
            return false;
    } else {
        if (!saturation_point(m, z, SatKind::bubble, SatGiven::pressure, p, out.bub, ws)) return false;
        if (!saturation_point(m, z, SatKind::dew, SatGiven::pressure, p, out.dew, ws)) return false;
    }
    const Properties L = properties(m, z, out.bub.T, out.bub.rho_bulk, ws);
    const Properties V = properties(m, z, out.dew.T, out.dew.rho_bulk, ws);
    out.h_b = L.h * L.M;
    out.h_d = V.h * V.M;
    out.s_b = L.s * L.M;
    out.s_d = V.s * V.M;
    out.cp_b = L.cp * L.M;
    out.cp_d = V.cp * V.M;
    out.drho_b = L.drho_dT;
    out.drho_d = V.drho_dT;
    return true;
}
} // namespace detail

/// Traces the envelope from p_low upwards. False if not even p_low converges.
[[nodiscard]] inline bool build_envelope(const Model& m, const Vec& z, double p_low, Envelope& env,
                                         Workspace& ws) noexcept {
    env.count = 0;
    if (!detail::envelope_node(m, z, p_low, nullptr, env.node[0], ws)) return false;
    env.count = 1;
    double step = 0.05; // in ln p
    while (env.count < envelope_capacity && step > 2e-4) {
        const EnvelopeNode& prev = env.node[env.count - 1];
        EnvelopeNode next;
        if (detail::envelope_node(m, z, std::exp(prev.ln_p + step), &prev, next, ws) &&
            next.bub.T < next.dew.T + 1e-9 * next.dew.T) {
            env.node[env.count++] = next;
            step = std::min(0.05, step * 1.5);
        } else {
            step *= 0.5;
        }
    }
    return true;
}

/// Index i with node[i].ln_p <= ln_p < node[i+1].ln_p (clamped), and the weight of node[i+1].
inline std::size_t envelope_interval(const Envelope& env, double ln_p, double& w) noexcept {
    std::size_t lo = 0, hi = env.count - 1;
    while (hi - lo > 1) {
        const std::size_t mid = (lo + hi) / 2;
        (env.node[mid].ln_p <= ln_p ? lo : hi) = mid;
    }
    w = (ln_p - env.node[lo].ln_p) / (env.node[hi].ln_p - env.node[lo].ln_p);
    return lo;
}

} // namespace entropyk::fluids::mixture
