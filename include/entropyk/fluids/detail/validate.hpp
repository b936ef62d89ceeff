// Input checks shared by every property call: each names the input and the valid range.
#pragma once

#include <cmath>

#include "entropyk/core/error.hpp"
#include "entropyk/fluids/helmholtz/terms.hpp"

namespace entropyk::fluids::detail {

using helmholtz::FluidData;

// ---- the accepted input range -------------------------------------------------------------------
//
// Lower bound of p and rho. The equations of state reduce to the ideal gas as p -> 0 (alpha^r is
// O(delta): Z - 1 = B rho + ..., Span 2000), so extrapolating below the triple-point
// pressure is physically sound; what fails at tiny p is arithmetic: s = s0(T) - R ln(rho / rho0)
// grows without bound and, once rho underflows (p ~ 1e-310 Pa gives subnormal densities, and p of
// a few 1e-324 Pa a density of exactly 0), ln(0) makes s infinite. The bound is set far above
// that and far below any engineering use: at 1e-6 Pa the second virial correction B rho is
// below 1e-11 for every fluid down to its T_min (the state is an ideal gas to round-off), the mean
// free path of a molecule is kilometres (no longer a continuum property of any real apparatus),
// ln(delta) stays above -40 so s is still computed to round-off, and it lies below the lowest
// triple-point pressure of the eight fluids (propane, 1.7e-4 Pa), so every saturation state stays
// reachable.
inline constexpr double p_min_accepted = 1e-6; // Pa

/// Upper temperature limit of single-phase (gas/supercritical) states: the published T_max of
/// the EOS extended by the rule max(T_max, min(1.5 T_max, 600 K)). The Helmholtz form is analytic
/// in tau = T_r/T; in the gas the residual part is small and its terms with negative tau
/// exponents (R134a, R32, water: t down to -1) grow at most 1.5-fold within 1.5 T_max. How such
/// empirical equations extrapolate was studied by Span & Wagner, Int. J. Thermophys. 18 (1997)
/// 1415, "On the extrapolation behavior of empirical equations of state"; here the extrapolated
/// states are checked numerically (tests/fluids/extrapolation.test.cpp: continuity across T_max,
/// cp >= cv > 0, w > 0, h, s and p(T, rho) rising with T). 600 K covers compressor discharge
/// states of the refrigerants with published limits of 410-500 K, and 1.5 T_max keeps the
/// extrapolation proportionate for a fluid with a low published limit.
[[nodiscard]] constexpr double T_max_extrapolated(const FluidData& f) noexcept {
    const double ext = 1.5 * f.T_max < 600.0 ? 1.5 * f.T_max : 600.0;
    return ext > f.T_max ? ext : f.T_max;
}

/// Lower bound of the density input of (T, rho): the ideal-gas density at p_min_accepted and the
/// highest accepted temperature, so every (T, p) state with p >= p_min_accepted is above it.
[[nodiscard]] constexpr double rho_min_accepted(const FluidData& f) noexcept {
    return p_min_accepted / (f.R * T_max_extrapolated(f));
}

/// Returns true and fills err if T is not usable for saturation states (the published range; the
/// saturation calls refuse T >= T_c separately).
[[nodiscard]] inline bool bad_temperature(const FluidData& f, double T, ThermoError& err) noexcept {
    if (!std::isfinite(T)) {
        err = ThermoError::format(Errc::fluid_error, "%.*s: T = %g K is not a finite number (valid range %g K to %g K)",
                                  static_cast<int>(f.name.size()), f.name.data(), T, f.T_min, f.T_max);
        return true;
    }
    if (T < f.T_min) {
        err = ThermoError::format(
            Errc::fluid_error,
            "%.*s: T = %g K is below the triple point / minimum temperature %g K (valid range %g K to %g K)",
            static_cast<int>(f.name.size()), f.name.data(), T, f.T_min, f.T_min, f.T_max);
        return true;
    }
    if (T > f.T_max) {
        err = ThermoError::format(Errc::fluid_error,
                                  "%.*s: T = %g K is above the maximum temperature %g K (valid range %g K to %g K)",
                                  static_cast<int>(f.name.size()), f.name.data(), T, f.T_max, f.T_min, f.T_max);
        return true;
    }
    return false;
}

/// The same for single-phase states: up to T_max_extrapolated(f).
[[nodiscard]] inline bool bad_temperature_single_phase(const FluidData& f, double T, ThermoError& err) noexcept {
    const double T_ext = T_max_extrapolated(f);
    if (!std::isfinite(T)) {
        err = ThermoError::format(Errc::fluid_error, "%.*s: T = %g K is not a finite number (valid range %g K to %g K)",
                                  static_cast<int>(f.name.size()), f.name.data(), T, f.T_min, T_ext);
        return true;
    }
    if (T < f.T_min) {
        err = ThermoError::format(
            Errc::fluid_error,
            "%.*s: T = %g K is below the triple point / minimum temperature %g K (valid range %g K to %g K)",
            static_cast<int>(f.name.size()), f.name.data(), T, f.T_min, f.T_min, T_ext);
        return true;
    }
    if (T > T_ext) {
        err = ThermoError::format(Errc::fluid_error,
                                  "%.*s: T = %g K is above the maximum temperature: the EOS is published up to "
                                  "T_max = %g K and extrapolated for gas states up to %g K (valid range %g K to %g K)",
                                  static_cast<int>(f.name.size()), f.name.data(), T, f.T_max, T_ext, f.T_min, T_ext);
        return true;
    }
    return false;
}

[[nodiscard]] inline bool bad_pressure(const FluidData& f, double p, ThermoError& err) noexcept {
    if (!std::isfinite(p)) {
        err = ThermoError::format(Errc::fluid_error,
                                  "%.*s: p = %g Pa is not a finite number (valid range %g Pa to %g Pa)",
                                  static_cast<int>(f.name.size()), f.name.data(), p, p_min_accepted, f.p_max);
        return true;
    }
    if (p <= 0.0) {
        err = ThermoError::format(Errc::fluid_error, "%.*s: p = %g Pa must be positive (valid range %g Pa to %g Pa)",
                                  static_cast<int>(f.name.size()), f.name.data(), p, p_min_accepted, f.p_max);
        return true;
    }
    if (p < p_min_accepted) {
        err = ThermoError::format(
            Errc::fluid_error, "%.*s: p = %g Pa is below the minimum pressure %g Pa (valid range %g Pa to %g Pa)",
            static_cast<int>(f.name.size()), f.name.data(), p, p_min_accepted, p_min_accepted, f.p_max);
        return true;
    }
    if (p > f.p_max) {
        err = ThermoError::format(Errc::fluid_error,
                                  "%.*s: p = %g Pa is above the maximum pressure %g Pa (valid range %g Pa to %g Pa)",
                                  static_cast<int>(f.name.size()), f.name.data(), p, f.p_max, p_min_accepted, f.p_max);
        return true;
    }
    return false;
}

[[nodiscard]] inline bool bad_density(const FluidData& f, double rho, ThermoError& err) noexcept {
    const double lo = rho_min_accepted(f), hi = 1.5 * f.rho_triple_liquid;
    if (!std::isfinite(rho) || rho <= 0.0) {
        err = ThermoError::format(Errc::fluid_error,
                                  "%.*s: rho = %g kg/m3 must be a positive finite number (valid range %g to %g kg/m3)",
                                  static_cast<int>(f.name.size()), f.name.data(), rho, lo, hi);
        return true;
    }
    if (rho < lo) {
        err = ThermoError::format(
            Errc::fluid_error,
            "%.*s: rho = %g kg/m3 is below the minimum density %g kg/m3 (the ideal gas at %g Pa and %g K; valid "
            "range %g to %g kg/m3)",
            static_cast<int>(f.name.size()), f.name.data(), rho, lo, p_min_accepted, T_max_extrapolated(f), lo, hi);
        return true;
    }
    if (rho > hi) {
        err = ThermoError::format(Errc::fluid_error,
                                  "%.*s: rho = %g kg/m3 is above the maximum density %g kg/m3 (valid range %g to %g "
                                  "kg/m3)",
                                  static_cast<int>(f.name.size()), f.name.data(), rho, hi, lo, hi);
        return true;
    }
    return false;
}

[[nodiscard]] inline bool bad_quality(const FluidData& f, double q, ThermoError& err) noexcept {
    if (!std::isfinite(q) || q < 0.0 || q > 1.0) {
        err = ThermoError::format(Errc::fluid_error, "%.*s: quality = %g is outside [0, 1]",
                                  static_cast<int>(f.name.size()), f.name.data(), q);
        return true;
    }
    return false;
}

[[nodiscard]] inline bool bad_finite(const FluidData& f, const char* what, const char* unit, double v,
                                     ThermoError& err) noexcept {
    if (!std::isfinite(v)) {
        err = ThermoError::format(Errc::fluid_error, "%.*s: %s = %g %s is not a finite number",
                                  static_cast<int>(f.name.size()), f.name.data(), what, v, unit);
        return true;
    }
    return false;
}

} // namespace entropyk::fluids::detail
