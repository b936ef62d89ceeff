// The phase envelope of one fixed composition z, traced once: bubble and dew points on a set of
// pressures from a low pressure up to the highest one where both still exist (within ~1e-5 of
// the critical pressure for the predefined blends). The flashes interpolate it for starting
// values and for the phase of a state far from the saturation curves, and take "above the top"
// as single-phase.
//
// Tracing: natural continuation in ln p, as in Michelsen & Mollerup (2007), ch. 12: each point
// starts from the last two extrapolated linearly (secant predictor), the step is sized by how far
// that prediction missed (so the nodes crowd where the curves bend, towards the critical end) and
// halves after a failure.
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
/// The node at p: bubble and dew point from the starting values of `start` (T, ln K of each
/// curve), or from Wilson's K factors when start is null.
inline bool envelope_node(const Model& m, const Vec& z, double p, const EnvelopeNode* start, EnvelopeNode& out,
                          Workspace& ws) noexcept {
    out.ln_p = std::log(p);
    if (start != nullptr) {
        if (!solve_saturation(m, z, SatKind::bubble, SatGiven::pressure, p, start->bub.T, start->bub.lnK, out.bub, ws))
            return false;
        if (!solve_saturation(m, z, SatKind::dew, SatGiven::pressure, p, start->dew.T, start->dew.lnK, out.dew, ws))
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

/// Starting values at ln p = ln_p: the last node's T and ln K of each curve extrapolated
/// linearly in ln p through the last two nodes (the secant predictor of the continuation;
/// Michelsen & Mollerup 2007, ch. 12, and Allgower & Georg 1990 for the method). Near the top the
/// curves bend sharply and a start that keeps the previous node's values lands on the trivial
/// solution; the extrapolated one stays on the curve.
inline EnvelopeNode envelope_predictor(const Model& m, const EnvelopeNode* before, const EnvelopeNode& last,
                                       double ln_p) noexcept {
    EnvelopeNode g = last;
    if (before == nullptr) return g;
    const double w = (ln_p - last.ln_p) / (last.ln_p - before->ln_p);
    g.bub.T = last.bub.T + w * (last.bub.T - before->bub.T);
    g.dew.T = last.dew.T + w * (last.dew.T - before->dew.T);
    for (std::size_t i = 0; i < m.n; ++i) {
        g.bub.lnK[i] = last.bub.lnK[i] + w * (last.bub.lnK[i] - before->bub.lnK[i]);
        g.dew.lnK[i] = last.dew.lnK[i] + w * (last.dew.lnK[i] - before->dew.lnK[i]);
    }
    return g;
}
} // namespace detail

/// Largest error of the continuation's predicted bubble/dew temperatures a step may have, K.
inline constexpr double envelope_predictor_error = 0.015;

/// Smallest continuation step in ln p: the trace ends when a step this small fails (the top
/// lies then within about this relative pressure of the last node).
inline constexpr double envelope_min_step = 2e-6;

/// Traces the envelope from p_low upwards. False if not even p_low converges.
[[nodiscard]] inline bool build_envelope(const Model& m, const Vec& z, double p_low, Envelope& env,
                                         Workspace& ws) noexcept {
    env.count = 0;
    if (!detail::envelope_node(m, z, p_low, nullptr, env.node[0], ws)) return false;
    env.count = 1;
    double step = 0.05; // in ln p
    while (env.count < envelope_capacity && step > envelope_min_step) {
        const EnvelopeNode& prev = env.node[env.count - 1];
        const EnvelopeNode* before = env.count >= 2 ? &env.node[env.count - 2] : nullptr;
        const double ln_p = prev.ln_p + step;
        const EnvelopeNode start = detail::envelope_predictor(m, before, prev, ln_p);
        EnvelopeNode next;
        if (detail::envelope_node(m, z, std::exp(ln_p), &start, next, ws) &&
            next.bub.T < next.dew.T + 1e-9 * next.dew.T) {
            // Step control by the predictor's error e (in T): the linear interpolation between
            // two nodes errs by about e / 8 at their midpoint (both are second order in the
            // step), so e <= envelope_predictor_error keeps the interpolated curves within the
            // flashes' classification margin. A step that missed by more is retried shorter.
            const double e = before == nullptr
                                 ? 0.0
                                 : std::max(std::fabs(next.bub.T - start.bub.T), std::fabs(next.dew.T - start.dew.T));
            if (e > 2.0 * envelope_predictor_error && step > 4.0 * envelope_min_step) {
                step *= 0.5;
                continue;
            }
            env.node[env.count++] = next;
            const double grow = e > 0.0 ? std::sqrt(envelope_predictor_error / e) : 1.5;
            step = std::min(0.05, step * std::clamp(grow, 0.5, 1.5));
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
