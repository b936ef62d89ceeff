// Input checks shared by every property call: each names the input and the valid range.
#pragma once

#include <cmath>

#include "entropyk/core/error.hpp"
#include "entropyk/fluids/helmholtz/terms.hpp"

namespace entropyk::fluids::detail {

using helmholtz::FluidData;

/// Returns true and fills err if T is not usable for single-phase states.
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

[[nodiscard]] inline bool bad_pressure(const FluidData& f, double p, ThermoError& err) noexcept {
    if (!std::isfinite(p)) {
        err = ThermoError::format(Errc::fluid_error,
                                  "%.*s: p = %g Pa is not a finite number (valid range 0 < p <= %g Pa)",
                                  static_cast<int>(f.name.size()), f.name.data(), p, f.p_max);
        return true;
    }
    if (p <= 0.0) {
        err = ThermoError::format(Errc::fluid_error, "%.*s: p = %g Pa must be positive (valid range 0 < p <= %g Pa)",
                                  static_cast<int>(f.name.size()), f.name.data(), p, f.p_max);
        return true;
    }
    if (p > f.p_max) {
        err = ThermoError::format(Errc::fluid_error,
                                  "%.*s: p = %g Pa is above the maximum pressure %g Pa (valid range 0 < p <= %g Pa)",
                                  static_cast<int>(f.name.size()), f.name.data(), p, f.p_max, f.p_max);
        return true;
    }
    return false;
}

[[nodiscard]] inline bool bad_density(const FluidData& f, double rho, ThermoError& err) noexcept {
    if (!std::isfinite(rho) || rho <= 0.0) {
        err = ThermoError::format(Errc::fluid_error, "%.*s: rho = %g kg/m3 must be a positive finite number",
                                  static_cast<int>(f.name.size()), f.name.data(), rho);
        return true;
    }
    if (rho > 1.5 * f.rho_triple_liquid) {
        err = ThermoError::format(Errc::fluid_error, "%.*s: rho = %g kg/m3 is above the maximum density %g kg/m3",
                                  static_cast<int>(f.name.size()), f.name.data(), rho, 1.5 * f.rho_triple_liquid);
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
