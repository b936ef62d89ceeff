// A blend of fixed composition: the mixture model, the overall mole fractions and the traced
// phase envelope of that composition, with the flashes. Building one traces the envelope
// (a few hundred saturation solves, ~0.1 s); the flashes then allocate nothing. Large (the
// envelope, ~100 kB): keep it on the heap and share it (const, thread-safe with one Workspace
// per thread).
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "entropyk/fluids/mixture/envelope.hpp"
#include "entropyk/fluids/mixture/flash.hpp"

namespace entropyk::fluids::mixture {

/// Lowest pressure of the traced envelope, Pa (0.1 bar; below it the flashes solve the bubble
/// and dew points from Wilson's start instead).
inline constexpr double envelope_p_low = 1e4;

struct Blend {
    Model model;
    Vec z{};        ///< mole fractions
    Vec w{};        ///< mass fractions
    double M = 0.0; ///< molar mass, kg/mol
    Envelope envelope;
};

/// Mole fractions from mass fractions.
[[nodiscard]] inline Vec mole_fractions_from_mass(const Model& m, std::span<const double> w) noexcept {
    Vec z{};
    double s = 0.0;
    for (std::size_t i = 0; i < m.n; ++i) s += w[i] / m.M[i];
    for (std::size_t i = 0; i < m.n; ++i) z[i] = w[i] / m.M[i] / s;
    return z;
}

/// Completes a blend whose model and mole fractions are set: mass fractions, molar mass, envelope.
[[nodiscard]] inline bool finish_blend(Blend& b, Workspace& ws) noexcept {
    b.M = molar_mass(b.model, b.z);
    for (std::size_t i = 0; i < b.model.n; ++i) b.w[i] = b.z[i] * b.model.M[i] / b.M;
    if (b.model.n == 1) return true; // a pure fluid: no envelope needed here (use fluids::Fluid)
    return build_envelope(b.model, b.z, envelope_p_low, b.envelope, ws);
}

[[nodiscard]] inline bool flash_ph(const Blend& b, double p, double h, FlashState& out, Workspace& ws) noexcept {
    return detail::flash_py(b.model, b.z, &b.envelope, p, h, false, out, ws);
}
[[nodiscard]] inline bool flash_ps(const Blend& b, double p, double s, FlashState& out, Workspace& ws) noexcept {
    return detail::flash_py(b.model, b.z, &b.envelope, p, s, true, out, ws);
}
[[nodiscard]] inline bool flash_pt(const Blend& b, double p, double T, FlashState& out, Workspace& ws) noexcept {
    return flash_pt(b.model, b.z, &b.envelope, p, T, out, ws);
}
/// (p, q): q the mass vapour fraction (molar = true: the molar one).
[[nodiscard]] inline bool flash_pq(const Blend& b, double p, double q, FlashState& out, Workspace& ws,
                                   bool molar = false) noexcept {
    return flash_q(b.model, b.z, SatGiven::pressure, p, q, molar, out, ws);
}
/// (T, q): q the mass vapour fraction (molar = true: the molar one).
[[nodiscard]] inline bool flash_tq(const Blend& b, double T, double q, FlashState& out, Workspace& ws,
                                   bool molar = false) noexcept {
    return flash_q(b.model, b.z, SatGiven::temperature, T, q, molar, out, ws);
}

} // namespace entropyk::fluids::mixture
