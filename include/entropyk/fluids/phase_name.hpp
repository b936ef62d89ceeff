// The names of a state's phase as every output shows them (the `entropyk` command's table, JSON
// and CSV, `entropyk props`): one set, defined here. Phase (state.hpp) is the property model's
// classification; a name adds what an engineer reads first, the saturated ends of the dome
// (quality exactly 0 or 1), which Phase files under two_phase.
#pragma once

#include <array>
#include <string_view>

#include "entropyk/fluids/state.hpp"

namespace entropyk::fluids {

/// Distance from 0 or 1 within which a two-phase quality counts as a saturated end. The flashes
/// at a given quality return it exactly; a p-h flash on the dew or bubble line comes within
/// round-off of it.
inline constexpr double saturated_quality_tolerance = 1e-9;

/// Every name phase_name can return, in the order of the phase from liquid to vapour, then the
/// supercritical region.
inline constexpr std::array<std::string_view, 8> phase_names = {
    "subcooled liquid",     ///< Phase::liquid: T < Tc, p < pc, below the bubble line
    "saturated liquid",     ///< Phase::two_phase with quality 0
    "two-phase",            ///< Phase::two_phase with 0 < quality < 1
    "saturated vapour",     ///< Phase::two_phase with quality 1
    "superheated vapour",   ///< Phase::vapor: T < Tc, p < pc, beyond the dew line
    "supercritical",        ///< Phase::supercritical: T >= Tc and p >= pc
    "supercritical gas",    ///< Phase::supercritical_gas: T >= Tc, p < pc (hotter than Tc, e.g. a discharge)
    "supercritical liquid", ///< Phase::supercritical_liquid: T < Tc, p >= pc
};

/// The name of a phase; `quality` distinguishes the saturated ends of a two-phase state.
[[nodiscard]] constexpr std::string_view phase_name(Phase phase, double quality) noexcept {
    switch (phase) {
    case Phase::liquid: return phase_names[0];
    case Phase::two_phase:
        if (quality <= saturated_quality_tolerance) return phase_names[1];
        if (quality >= 1.0 - saturated_quality_tolerance) return phase_names[3];
        return phase_names[2];
    case Phase::vapor: return phase_names[4];
    case Phase::supercritical: return phase_names[5];
    case Phase::supercritical_gas: return phase_names[6];
    case Phase::supercritical_liquid: return phase_names[7];
    }
    return "unknown";
}

[[nodiscard]] constexpr std::string_view phase_name(const State& s) noexcept { return phase_name(s.phase, s.quality); }

} // namespace entropyk::fluids
