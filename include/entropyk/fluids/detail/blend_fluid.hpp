// The blend form of a fluids::Fluid: a mixture::Blend of fixed composition with the limits the
// rest of the library reads from a fluid (critical point, temperature and pressure range, molar
// mass), and the property calls of Fluid mapped onto the mixture flashes with the results and
// errors of the pure-fluid calls (State, SaturationState, ThermoError with Errc::fluid_error).
//
// What the single-fluid notions mean for a blend (docs/fluids.md, "Blends as fluids"):
//  * T_critical, p_critical, rho_critical: the top of the traced phase envelope (the highest
//    pressure at which the bubble and the dew point of the composition were both found, where the
//    two curves meet): the mixture's critical point within the envelope's last continuation step;
//    T_critical is the mean of the bubble and dew temperatures there, rho_critical the mean of
//    the two bulk densities. Saturation calls exist below p_critical (and T_critical).
//  * T_min: the highest of the components' lower limits; T_max = T_max_extrapolated: the highest
//    of their upper limits (as mixture::T_min/T_max: above the lowest upper limit that
//    component's equation is extrapolated); p_max: the lowest of the components' p_max.
//  * T_triple, p_triple: not defined for a blend; they report T_min and p_min.
//  * molar_mass: sum z_i M_i; gas_constant: the mixture's R (CODATA) over it.
//  * quality: the MASS vapour fraction of the two-phase states, as for the pure fluids.
#pragma once

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "entropyk/core/result.hpp"
#include "entropyk/core/units.hpp"
#include "entropyk/fluids/detail/validate.hpp"
#include "entropyk/fluids/mixture/blend.hpp"
#include "entropyk/fluids/state.hpp"

namespace entropyk::fluids::detail {

struct BlendFluid {
    std::string name; ///< "R454B", "R410A.mix", or the canonical composition text
    std::shared_ptr<const mixture::Blend> blend;
    double T_critical = 0.0, p_critical = 0.0, rho_critical = 0.0;
    double T_min = 0.0, T_max = 0.0, p_max = 0.0;
    double M = 0.0, R = 0.0;
};

/// The mixture scratch space of this thread (fixed-size arrays: no allocation per call, and no
/// sharing between threads; the Blend itself is read-only).
[[nodiscard]] inline mixture::Workspace& blend_workspace() noexcept {
    thread_local mixture::Workspace ws;
    return ws;
}

/// The limits of a loaded blend (see the top of this file).
[[nodiscard]] inline BlendFluid make_blend_fluid(std::string name, std::shared_ptr<const mixture::Blend> b) {
    BlendFluid f;
    const mixture::Blend& B = *b;
    f.name = std::move(name);
    f.M = B.M;
    f.R = B.model.R / B.M;
    f.T_min = mixture::T_min(B.model);
    f.T_max = mixture::T_max(B.model);
    f.p_max = B.model.fluid[0]->p_max;
    for (std::size_t i = 1; i < B.model.n; ++i) f.p_max = std::min(f.p_max, B.model.fluid[i]->p_max);
    const mixture::EnvelopeNode& top = B.envelope.node[B.envelope.count - 1];
    f.p_critical = std::exp(top.ln_p);
    f.T_critical = 0.5 * (top.bub.T + top.dew.T);
    f.rho_critical = 0.5 * (top.bub.rho_bulk + top.dew.rho_bulk) * B.M;
    f.blend = std::move(b);
    return f;
}

namespace blend {

[[nodiscard]] inline int name_len(const BlendFluid& f) noexcept { return static_cast<int>(f.name.size()); }

[[nodiscard]] inline bool bad_T(const BlendFluid& f, double T, ThermoError& err) noexcept {
    if (std::isfinite(T) && T >= f.T_min && T <= f.T_max) return false;
    err = ThermoError::format(Errc::fluid_error, "%.*s: T = %g K is outside the blend's range %g K to %g K",
                              name_len(f), f.name.data(), T, f.T_min, f.T_max);
    return true;
}
[[nodiscard]] inline bool bad_p(const BlendFluid& f, double p, ThermoError& err) noexcept {
    if (std::isfinite(p) && p >= p_min_accepted && p <= f.p_max) return false;
    err = ThermoError::format(Errc::fluid_error, "%.*s: p = %g Pa is outside the blend's range %g Pa to %g Pa",
                              name_len(f), f.name.data(), p, p_min_accepted, f.p_max);
    return true;
}
[[nodiscard]] inline bool bad_q(const BlendFluid& f, double q, ThermoError& err) noexcept {
    if (q >= 0.0 && q <= 1.0) return false;
    err = ThermoError::format(Errc::fluid_error, "%.*s: quality = %g is outside [0, 1]", name_len(f), f.name.data(), q);
    return true;
}
[[nodiscard]] inline bool bad_value(const BlendFluid& f, const char* what, double v, const char* unit,
                                    ThermoError& err) noexcept {
    if (std::isfinite(v)) return false;
    err = ThermoError::format(Errc::fluid_error, "%.*s: %s = %g %s is not a finite number", name_len(f), f.name.data(),
                              what, v, unit);
    return true;
}
[[nodiscard]] inline ThermoError failed(const BlendFluid& f, const char* what, double a, double b) noexcept {
    return ThermoError::format(Errc::fluid_error, "%.*s: %s found no state at (%g, %g)", name_len(f), f.name.data(),
                               what, a, b);
}

[[nodiscard]] inline ThermoError no_saturation_p(const BlendFluid& f, double p) noexcept {
    return ThermoError::format(Errc::fluid_error,
                               "%.*s: no saturation state at p = %g Pa (bubble and dew points exist for p < %g Pa, "
                               "the top of the blend's phase envelope)",
                               name_len(f), f.name.data(), p, f.p_critical);
}
[[nodiscard]] inline ThermoError no_saturation_T(const BlendFluid& f, double T) noexcept {
    return ThermoError::format(
        Errc::fluid_error, "%.*s: no saturation state at T = %g K (bubble and dew points exist for %g K <= T < %g K)",
        name_len(f), f.name.data(), T, f.T_min, f.T_critical);
}

/// The phase label of a single-phase blend state: against the envelope top (T_critical,
/// p_critical) as for a pure fluid, and below it liquid or vapour by the density root the
/// flash took (below the bubble point: liquid; beyond the dew point: vapour).
[[nodiscard]] inline Phase single_phase(const BlendFluid& f, double T, double p, bool liquid_like) noexcept {
    const bool hp = p >= f.p_critical, ht = T >= f.T_critical;
    if (hp && ht) return Phase::supercritical;
    if (hp) return Phase::supercritical_liquid;
    if (ht) return Phase::supercritical_gas;
    return liquid_like ? Phase::liquid : Phase::vapor;
}

/// The State of a mixture flash result. Two-phase: u = h - p/rho (mixture averages), cp, cv and
/// w undefined (undefined_in_two_phase), quality the mass vapour fraction.
[[nodiscard]] inline State to_state(const BlendFluid& f, const mixture::FlashState& r) noexcept {
    State s;
    s.T = Temperature{r.T};
    s.p = Pressure{r.p};
    s.rho = Density{r.rho};
    s.h = SpecificEnthalpy{r.h};
    s.s = SpecificEntropy{r.s};
    if (r.two_phase) {
        s.u = SpecificEnthalpy{r.h - r.p / r.rho};
        s.cp = s.cv = SpecificHeat{undefined_in_two_phase};
        s.w = Speed{undefined_in_two_phase};
        s.quality = r.q_mass;
        s.phase = Phase::two_phase;
    } else {
        s.u = SpecificEnthalpy{r.single.u};
        s.cp = SpecificHeat{r.single.cp};
        s.cv = SpecificHeat{r.single.cv};
        s.w = Speed{r.single.w};
        s.quality = -1.0;
        s.phase = single_phase(f, r.T, r.p, r.liquid_like);
    }
    return s;
}

/// The last gate, as for the pure fluids: every field finite, p, rho > 0, and in single phase
/// cp, cv, w > 0.
[[nodiscard]] inline Result<State> checked(const BlendFluid& f, const mixture::FlashState& r, const char* what,
                                           double a, double b) noexcept {
    const State s = to_state(f, r);
    const double v[] = {s.T.si(), s.p.si(), s.rho.si(), s.h.si(), s.s.si(), s.u.si(), s.cp.si(), s.cv.si(), s.w.si()};
    bool ok = s.p.si() > 0.0 && s.rho.si() > 0.0;
    for (double x : v) ok = ok && std::isfinite(x);
    if (!r.two_phase) ok = ok && s.cp.si() > 0.0 && s.cv.si() > 0.0 && s.w.si() > 0.0;
    if (!ok) return failed(f, what, a, b);
    return s;
}

[[nodiscard]] inline Result<State> flash_tp(const BlendFluid& f, double T, double p) noexcept {
    ThermoError err;
    if (bad_T(f, T, err) || bad_p(f, p, err)) return err;
    mixture::FlashState r;
    if (!mixture::flash_pt(*f.blend, p, T, r, blend_workspace())) return failed(f, "flash (T, p)", T, p);
    return checked(f, r, "flash (T, p)", T, p);
}

[[nodiscard]] inline Result<State> flash_py(const BlendFluid& f, double p, double y, bool entropy) noexcept {
    ThermoError err;
    if (bad_p(f, p, err) || bad_value(f, entropy ? "s" : "h", y, entropy ? "J/(kg K)" : "J/kg", err)) return err;
    mixture::FlashState r;
    const char* what = entropy ? "flash (p, s)" : "flash (p, h)";
    const bool ok = entropy ? mixture::flash_ps(*f.blend, p, y, r, blend_workspace())
                            : mixture::flash_ph(*f.blend, p, y, r, blend_workspace());
    if (!ok) return failed(f, what, p, y);
    return checked(f, r, what, p, y);
}

[[nodiscard]] inline Result<State> flash_pq(const BlendFluid& f, double p, double q) noexcept {
    ThermoError err;
    if (bad_p(f, p, err) || bad_q(f, q, err)) return err;
    if (!(p < f.p_critical)) return no_saturation_p(f, p);
    mixture::FlashState r;
    if (!mixture::flash_pq(*f.blend, p, q, r, blend_workspace())) return failed(f, "flash (p, q)", p, q);
    return checked(f, r, "flash (p, q)", p, q);
}

[[nodiscard]] inline Result<State> flash_tq(const BlendFluid& f, double T, double q) noexcept {
    ThermoError err;
    if (bad_T(f, T, err) || bad_q(f, q, err)) return err;
    if (!(T < f.T_critical)) return no_saturation_T(f, T);
    mixture::FlashState r;
    if (!mixture::flash_tq(*f.blend, T, q, r, blend_workspace())) return failed(f, "flash (T, q)", T, q);
    return checked(f, r, "flash (T, q)", T, q);
}

/// (T, rho): the single-phase properties at (T, rho), accepted only where that state is the
/// stable one (the (p, T) flash at its pressure returns the same density); a (T, rho) inside the
/// dome (a two-phase state by volume) is refused: the blend flashes have no (T, v) form yet.
[[nodiscard]] inline Result<State> state_trho(const BlendFluid& f, double T, double rho) noexcept {
    ThermoError err;
    if (bad_T(f, T, err)) return err;
    if (!(std::isfinite(rho) && rho > 0.0))
        return ThermoError::format(Errc::fluid_error, "%.*s: rho = %g kg/m3 must be a positive finite number",
                                   name_len(f), f.name.data(), rho);
    const mixture::Blend& B = *f.blend;
    mixture::Workspace& ws = blend_workspace();
    const mixture::Properties P = mixture::properties(B.model, B.z, T, rho / B.M, ws);
    mixture::FlashState r;
    if (!(P.p > 0.0) || !std::isfinite(P.p) || P.p > f.p_max || !mixture::flash_pt(B, P.p, T, r, ws))
        return failed(f, "state (T, rho)", T, rho);
    if (r.two_phase || std::fabs(r.rho / rho - 1.0) > 1e-8)
        return ThermoError::format(Errc::fluid_error,
                                   "%.*s: (T, rho) = (%g K, %g kg/m3) is not a stable single-phase state of the blend "
                                   "(two-phase states of a blend are given by (p, h), (p, s), (p, q) or (T, q))",
                                   name_len(f), f.name.data(), T, rho);
    return checked(f, r, "state (T, rho)", T, rho);
}

/// Bubble and dew point at T (SatGiven::temperature) or at p: the bulk liquid at its bubble point
/// and the bulk vapour at its dew point, both of the blend's own composition. Inside the traced
/// envelope the points start from its interpolated values (a few Newton steps).
[[nodiscard]] inline bool bounds(const BlendFluid& f, mixture::SatGiven given, double value,
                                 mixture::Bounds& b) noexcept {
    const mixture::Blend& B = *f.blend;
    mixture::Workspace& ws = blend_workspace();
    const mixture::Envelope& env = B.envelope;
    if (given == mixture::SatGiven::pressure && env.count >= 2 && value >= env.p_low() && value <= env.p_top())
        b = mixture::bounds_from(B.model, B.z, value, mixture::envelope_guess(B.model, env, value), ws);
    else
        b = mixture::bounds(B.model, B.z, given, value, ws);
    return b.ok;
}

[[nodiscard]] inline SaturationState to_saturation(const BlendFluid& f, const mixture::Bounds& b) noexcept {
    SaturationState s;
    s.T_bubble = Temperature{b.bub.T};
    s.T_dew = Temperature{b.dew.T};
    s.p_bubble = Pressure{b.bub.p};
    s.p_dew = Pressure{b.dew.p};
    s.rho_liquid = Density{b.bub.rho_bulk * f.M};
    s.rho_vapor = Density{b.dew.rho_bulk * f.M};
    s.h_liquid = SpecificEnthalpy{b.h_b / f.M};
    s.h_vapor = SpecificEnthalpy{b.h_d / f.M};
    s.s_liquid = SpecificEntropy{b.s_b / f.M};
    s.s_vapor = SpecificEntropy{b.s_d / f.M};
    return s;
}

[[nodiscard]] inline Result<SaturationState> saturation_t(const BlendFluid& f, double T) noexcept {
    ThermoError err;
    if (bad_T(f, T, err)) return err;
    if (!(T < f.T_critical)) return no_saturation_T(f, T);
    mixture::Bounds b;
    if (!bounds(f, mixture::SatGiven::temperature, T, b)) return failed(f, "saturation at T", T, 0.0);
    return to_saturation(f, b);
}

[[nodiscard]] inline Result<SaturationState> saturation_p(const BlendFluid& f, double p) noexcept {
    ThermoError err;
    if (bad_p(f, p, err)) return err;
    if (!(p < f.p_critical)) return no_saturation_p(f, p);
    mixture::Bounds b;
    if (!bounds(f, mixture::SatGiven::pressure, p, b)) return failed(f, "saturation at p", p, 0.0);
    return to_saturation(f, b);
}

} // namespace blend
} // namespace entropyk::fluids::detail
