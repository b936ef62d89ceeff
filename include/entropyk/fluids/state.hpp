// The thermodynamic state returned by every property call: a value type in SI units.
#pragma once

#include <cstdint>
#include <string_view>

#include "entropyk/core/units.hpp"

namespace entropyk::fluids {

/// Phase labels (the C API's `phase` field uses these integer values).
enum class Phase : std::int32_t {
    liquid = 0,               ///< subcooled / compressed liquid, T < Tc, p < pc
    vapor = 1,                ///< superheated vapour (gas), T < Tc, p < pc
    two_phase = 2,            ///< inside the saturation dome (quality in [0, 1])
    supercritical = 3,        ///< T >= Tc and p >= pc
    supercritical_liquid = 4, ///< T < Tc, p >= pc
    supercritical_gas = 5,    ///< T >= Tc, p < pc
};

constexpr std::string_view to_string(Phase ph) noexcept {
    switch (ph) {
    case Phase::liquid: return "liquid";
    case Phase::vapor: return "vapor";
    case Phase::two_phase: return "two-phase";
    case Phase::supercritical: return "supercritical";
    case Phase::supercritical_liquid: return "supercritical liquid";
    case Phase::supercritical_gas: return "supercritical gas";
    }
    return "unknown";
}

/// Value of cp, cv and w in two-phase states, where they are undefined (documented sentinel,
/// never NaN).
inline constexpr double undefined_in_two_phase = -1.0;

/// A complete state. `quality` is the vapour mass fraction in two-phase states and -1 in single
/// phase (CoolProp's convention). In two-phase states cp, cv and w hold
/// `undefined_in_two_phase`.
struct State {
    Temperature T{};
    Pressure p{};
    Density rho{};
    SpecificEnthalpy h{};
    SpecificEntropy s{};
    SpecificEnthalpy u{}; ///< specific internal energy, J/kg
    SpecificHeat cp{};
    SpecificHeat cv{};
    Speed w{}; ///< speed of sound
    double quality = -1.0;
    Phase phase = Phase::liquid;
};

/// Both saturated phases at one temperature (or pressure). For pure fluids p_bubble == p_dew
/// and T_bubble == T_dew; for the pseudo-pure R410A they differ (temperature glide).
struct SaturationState {
    Temperature T_bubble{}, T_dew{};
    Pressure p_bubble{}, p_dew{};
    Density rho_liquid{}, rho_vapor{};
    SpecificEnthalpy h_liquid{}, h_vapor{};
    SpecificEntropy s_liquid{}, s_vapor{};
};

} // namespace entropyk::fluids
