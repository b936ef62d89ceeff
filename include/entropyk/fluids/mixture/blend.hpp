// A blend of fixed composition: the mixture model, the overall mole fractions and the traced
// phase envelope of that composition, with the flashes. Building one traces the envelope
// (a few hundred saturation solves, ~0.1 s); the flashes then allocate nothing. Large (the
// envelope, ~100 kB): keep it on the heap and share it (const, thread-safe with one Workspace
// per thread).
#pragma once

#include <array>
#include <cmath>
#include <cstdlib>
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
    return flash_q(b.model, b.z, SatGiven::pressure, p, q, molar, out, ws, &b.envelope);
}
/// (T, q): q the mass vapour fraction (molar = true: the molar one).
[[nodiscard]] inline bool flash_tq(const Blend& b, double T, double q, FlashState& out, Workspace& ws,
                                   bool molar = false) noexcept {
    return flash_q(b.model, b.z, SatGiven::temperature, T, q, molar, out, ws);
}

} // namespace entropyk::fluids::mixture

namespace entropyk::fluids::mixture {

namespace detail {
/// Parses a mass fraction in [0, 1] from the text between brackets.
inline bool parse_fraction(std::string_view s, double& out) noexcept {
    // Digits, one '.', optional exponent: the plain forms a composition is written in.
    if (s.empty() || s.size() > 40) return false;
    char buf[48];
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) return false;
        buf[i] = c;
    }
    buf[s.size()] = '\0';
    char* end = nullptr;
    out = std::strtod(buf, &end);
    return end == buf + s.size() && std::isfinite(out);
}
} // namespace detail

/// A blend from a name or a composition:
///  * a predefined blend: "R454B", "R452B", "R407C", "R404A", "R448A", "R449A", "R513A", "R410A.mix"
///    (the suffix ".mix" is accepted; plain "R410A" is the pseudo-pure fluid elsewhere in the
///    library, see docs/fluids.md);
///  * a composition by MASS fraction: "R32[0.689]&R1234yf[0.311]" (components of the pure-fluid
///    list whose pairs have fitted parameters; fractions > 0 summing to 1 within 1e-6).
/// Traces the envelope (about 0.1 s).
[[nodiscard]] inline Result<std::shared_ptr<const Blend>> load_blend(std::string_view spec) noexcept {
    auto bad = [&](const char* why) {
        return ThermoError::format(Errc::fluid_error, "invalid blend \"%.*s\": %s",
                                   static_cast<int>(spec.size() > 80 ? 80 : spec.size()), spec.data(), why);
    };
    std::array<std::string_view, max_components> names{};
    std::array<double, max_components> frac{};
    std::size_t n = 0;
    bool by_mass = false;
    std::string_view key = spec;
    if (key.size() > 4 && fluids::detail::iequals(key.substr(key.size() - 4), ".mix")) key.remove_suffix(4);
    if (const PredefinedBlend* pb = find_blend(key); pb != nullptr) {
        n = pb->components.size();
        for (std::size_t i = 0; i < n; ++i) {
            names[i] = pb->components[i];
            frac[i] = pb->mole_fractions[i];
        }
    } else {
        if (spec.find('[') == std::string_view::npos) return bad("not a known blend nor a composition");
        by_mass = true;
        std::string_view rest = spec;
        while (!rest.empty()) {
            const std::size_t amp = rest.find('&');
            const std::string_view item = rest.substr(0, amp);
            rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
            const std::size_t lb = item.find('[');
            if (lb == std::string_view::npos || lb == 0 || item.back() != ']')
                return bad("write each component as NAME[mass fraction], joined by '&'");
            if (n == max_components) return bad("too many components");
            names[n] = item.substr(0, lb);
            if (!detail::parse_fraction(item.substr(lb + 1, item.size() - lb - 2), frac[n]) || !(frac[n] > 0.0) ||
                frac[n] > 1.0)
                return bad("a mass fraction is not a number in (0, 1]");
            ++n;
            if (amp != std::string_view::npos && rest.empty()) return bad("trailing '&'");
        }
        if (n < 2) return bad("a blend needs at least two components (use the pure fluid)");
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) sum += frac[i];
        if (std::fabs(sum - 1.0) > 1e-6) return bad("the mass fractions do not sum to 1");
        for (std::size_t i = 0; i < n; ++i) frac[i] /= sum;
    }
    Result<Model> m = make_model(std::span<const std::string_view>(names.data(), n));
    if (!m.has_value()) return m.error();
    auto b = std::make_shared<Blend>();
    b->model = *m;
    b->z = by_mass ? mole_fractions_from_mass(b->model, std::span<const double>(frac.data(), n)) : Vec{};
    if (!by_mass)
        for (std::size_t i = 0; i < n; ++i) b->z[i] = frac[i];
    Workspace ws;
    if (!finish_blend(*b, ws)) return bad("its phase envelope could not be traced");
    return std::shared_ptr<const Blend>(std::move(b));
}

} // namespace entropyk::fluids::mixture
