// The one table of the component kinds a cycle file may name: the JSON "type", the role the
// engine and the diagrams give it, the keys its object accepts and its reader. The reader
// (io/cycle_file.hpp), its error messages and the tests read this table; adding a kind is one row
// here plus its reader in io/detail/component_readers.hpp (docs/design.md, "Where each change goes").
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entropyk/io/detail/component_readers.hpp"

namespace entropyk::io {

struct ComponentKind {
    std::string_view type; ///< the JSON "type"
    Role role;
    /// The keys its object accepts besides "name", "type" and "loop", separated by single spaces.
    std::string_view keys;
    detail::Built (*read)(const detail::Obj&, const detail::ReadContext&);

    /// The cascade heat exchanger spans two loops (its sides are on the loops they are connected
    /// to), so it names no "loop"; every other kind is on one loop.
    [[nodiscard]] constexpr bool spans_two_loops() const noexcept { return type == "cascade_heat_exchanger"; }

    /// "name", "type", "loop" (a kind on one loop) and the kind's own keys.
    [[nodiscard]] std::vector<std::string> accepted_keys() const {
        std::vector<std::string> out = {"name", "type"};
        if (!spans_two_loops()) out.emplace_back("loop");
        for (std::string_view rest = keys; !rest.empty();) {
            const auto space = rest.find(' ');
            out.emplace_back(rest.substr(0, space));
            rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
        }
        return out;
    }
};

inline constexpr std::array component_kinds = {
    ComponentKind{"isentropic_compressor", Role::compressor,
                  "isentropic_efficiency mass_flow displacement speed volumetric_efficiency",
                  detail::read_isentropic_compressor},
    ComponentKind{"map_compressor", Role::compressor, "speed maps superheat_correction_factor heat_loss_fraction",
                  detail::read_map_compressor},
    ComponentKind{"fixed_saturation_condenser", Role::condenser,
                  "saturation_temperature saturation_pressure saturation_point subcooling",
                  detail::read_fixed_saturation<true>},
    ComponentKind{"fixed_saturation_evaporator", Role::evaporator,
                  "saturation_temperature saturation_pressure saturation_point superheat",
                  detail::read_fixed_saturation<false>},
    ComponentKind{"isenthalpic_valve", Role::expansion_valve, "", detail::read_isenthalpic_valve},
    ComponentKind{"expansion_valve", Role::expansion_valve,
                  "mode superheat flow_coefficient opening min_opening max_opening", detail::read_expansion_valve},
    ComponentKind{"condenser", Role::condenser, "model ua secondary arrangement pressure_drop subcooling",
                  detail::read_secondary_exchanger<true>},
    ComponentKind{"evaporator", Role::evaporator, "model ua secondary arrangement pressure_drop",
                  detail::read_secondary_exchanger<false>},
    ComponentKind{"receiver", Role::receiver, "", detail::read_receiver},
    // Transcritical heat rejection reuses the condenser role (the loop's heat-rejection side).
    ComponentKind{"gas_cooler", Role::condenser, "outlet_temperature approach ua secondary pressure_drop",
                  detail::read_gas_cooler},
    ComponentKind{"high_pressure_valve", Role::expansion_valve, "mode pressure", detail::read_high_pressure_valve},
    // Network components: several ports, connected as "flash_tank.vapour_out", "mixer.inlet_b".
    ComponentKind{"flash_tank", Role::other, "pressure", detail::read_flash_tank},
    ComponentKind{"mixer", Role::other, "", detail::read_mixer},
    ComponentKind{"splitter", Role::other, "fraction_a", detail::read_splitter},
    ComponentKind{"internal_heat_exchanger", Role::other, "effectiveness ua", detail::read_internal_heat_exchanger},
    // Several loops and two-stage networks (docs/cycle-format.md, "Several loops").
    ComponentKind{"cascade_heat_exchanger", Role::other,
                  "evaporating_temperature evaporating_pressure approach subcooling superheat",
                  detail::read_cascade_heat_exchanger},
    ComponentKind{"evaporator_pressure_regulator", Role::expansion_valve, "set_temperature set_pressure",
                  detail::read_evaporator_pressure_regulator},
    ComponentKind{"vapour_injection_compressor", Role::compressor,
                  "isentropic_efficiency mass_flow displacement speed volumetric_efficiency maps "
                  "superheat_correction_factor heat_loss_fraction injection_pressure injection_pressure_factor",
                  detail::read_vapour_injection_compressor},
    ComponentKind{"economizer", Role::other, "effectiveness injection_superheat", detail::read_economizer},
};

/// The kind named `type` (exact spelling), if any.
[[nodiscard]] inline const ComponentKind* find_component_kind(std::string_view type) noexcept {
    for (const ComponentKind& k : component_kinds)
        if (k.type == type) return &k;
    return nullptr;
}

/// The JSON types in table order.
[[nodiscard]] inline std::vector<std::string> component_type_names() {
    std::vector<std::string> out;
    for (const ComponentKind& k : component_kinds) out.emplace_back(k.type);
    return out;
}

} // namespace entropyk::io
