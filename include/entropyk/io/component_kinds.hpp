// The one table of the component kinds a cycle file may name: the JSON "type", the role the
// engine and the diagrams give it, the keys its object accepts, its reader, its ports and the C
// function that creates it. The reader (io/cycle_file.hpp), its error messages, the tests and the
// typed builder's checks read this table; adding a kind is one row here plus its reader in
// io/detail/component_readers.hpp (docs/design.md, "Where each change goes").
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entropyk/io/detail/component_readers.hpp"

namespace entropyk::io {

/// A kind's refrigerant ports, names separated by single spaces in port order, as a connection
/// names them ("flash_tank.vapour_out") and the runtime component reports them (inlet_name(k),
/// outlet_name(k)); a compressor with one inlet is connected as "suction" -> "discharge", the
/// names the System accepts for its one port. A cascade heat exchanger's four ports are its two
/// sides: hot_* its condensing side's inlet and outlet, cold_* its evaporating side's. The typed
/// network builder's nodes carry the same names (tests/typed/typed_network.test.cpp checks them
/// against this table, tests/io/cycle_file.test.cpp against the runtime components and the C
/// header).
struct KindPorts {
    std::string_view inlets;
    std::string_view outlets;
    /// The C API function that creates the kind (generated/include/entropyk.h).
    std::string_view c_constructor;

    /// The number of inlets (inlet = true) or outlets.
    [[nodiscard]] constexpr int count(bool inlet) const noexcept {
        const std::string_view names = inlet ? inlets : outlets;
        int n = names.empty() ? 0 : 1;
        for (char ch : names) n += ch == ' ' ? 1 : 0;
        return n;
    }
    /// The name of inlet (or outlet) k; empty past the last.
    [[nodiscard]] constexpr std::string_view name(bool inlet, int k) const noexcept {
        std::string_view rest = inlet ? inlets : outlets;
        for (; k > 0 && !rest.empty(); --k) {
            const auto space = rest.find(' ');
            rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
        }
        return rest.substr(0, rest.find(' '));
    }
};

struct ComponentKind {
    std::string_view type; ///< the JSON "type"
    Role role;
    /// The keys its object accepts besides "name", "type" and "loop", separated by single spaces.
    std::string_view keys;
    detail::Built (*read)(const detail::Obj&, const detail::ReadContext&);
    /// Its refrigerant ports and the C function that creates it (set by with_ports).
    KindPorts ports{};

    /// The row with its ports: inlets and outlets (names separated by single spaces, in port
    /// order) and the C constructor's name.
    [[nodiscard]] constexpr ComponentKind with_ports(std::string_view inlets, std::string_view outlets,
                                                     std::string_view c_constructor) const noexcept {
        ComponentKind k = *this;
        k.ports = {inlets, outlets, c_constructor};
        return k;
    }

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
                  detail::read_isentropic_compressor}
        .with_ports("suction", "discharge", "entropyk_isentropic_compressor_create"),
    ComponentKind{"map_compressor", Role::compressor, "speed maps superheat_correction_factor heat_loss_fraction",
                  detail::read_map_compressor}
        .with_ports("suction", "discharge", "entropyk_compressor_create"),
    ComponentKind{"fixed_saturation_condenser", Role::condenser,
                  "saturation_temperature saturation_pressure saturation_point subcooling",
                  detail::read_fixed_saturation<true>}
        .with_ports("inlet", "outlet", "entropyk_fixed_saturation_condenser_create"),
    ComponentKind{"fixed_saturation_evaporator", Role::evaporator,
                  "saturation_temperature saturation_pressure saturation_point superheat",
                  detail::read_fixed_saturation<false>}
        .with_ports("inlet", "outlet", "entropyk_fixed_saturation_evaporator_create"),
    ComponentKind{"isenthalpic_valve", Role::expansion_valve, "", detail::read_isenthalpic_valve}.with_ports(
        "inlet", "outlet", "entropyk_expansion_valve_create"),
    ComponentKind{"expansion_valve", Role::expansion_valve,
                  "mode superheat flow_coefficient opening min_opening max_opening", detail::read_expansion_valve}
        .with_ports("inlet", "outlet", "entropyk_expansion_valve_create"),
    ComponentKind{"condenser", Role::condenser, "model ua secondary arrangement pressure_drop subcooling",
                  detail::read_secondary_exchanger<true>}
        .with_ports("inlet", "outlet", "entropyk_condenser_create"),
    ComponentKind{"evaporator", Role::evaporator, "model ua secondary arrangement pressure_drop",
                  detail::read_secondary_exchanger<false>}
        .with_ports("inlet", "outlet", "entropyk_evaporator_create"),
    ComponentKind{"receiver", Role::receiver, "", detail::read_receiver}.with_ports("inlet", "outlet",
                                                                                    "entropyk_receiver_create"),
    // Transcritical heat rejection reuses the condenser role (the loop's heat-rejection side).
    ComponentKind{"gas_cooler", Role::condenser, "outlet_temperature approach ua secondary pressure_drop",
                  detail::read_gas_cooler}
        .with_ports("inlet", "outlet", "entropyk_gas_cooler_create"),
    ComponentKind{"high_pressure_valve", Role::expansion_valve, "mode pressure", detail::read_high_pressure_valve}
        .with_ports("inlet", "outlet", "entropyk_high_pressure_valve_create"),
    // Network components: several ports, connected as "flash_tank.vapour_out", "mixer.inlet_b".
    ComponentKind{"flash_tank", Role::other, "mode pressure factor", detail::read_flash_tank}.with_ports(
        "inlet", "liquid_out vapour_out", "entropyk_flash_tank_create"),
    ComponentKind{"mixer", Role::other, "", detail::read_mixer}.with_ports("inlet_a inlet_b", "outlet",
                                                                           "entropyk_mixer_create"),
    ComponentKind{"splitter", Role::other, "fraction_a", detail::read_splitter}.with_ports("inlet", "outlet_a outlet_b",
                                                                                           "entropyk_splitter_create"),
    ComponentKind{"internal_heat_exchanger", Role::other, "effectiveness ua", detail::read_internal_heat_exchanger}
        .with_ports("hot_in cold_in", "hot_out cold_out", "entropyk_internal_heat_exchanger_create"),
    // Several loops and two-stage networks (docs/cycle-format.md, "Several loops").
    ComponentKind{"cascade_heat_exchanger", Role::other,
                  "evaporating_temperature evaporating_pressure approach subcooling superheat ua "
                  "start_evaporating_temperature start_approach",
                  detail::read_cascade_heat_exchanger}
        .with_ports("hot_in cold_in", "hot_out cold_out", "entropyk_system_add_cascade"),
    ComponentKind{"evaporator_pressure_regulator", Role::expansion_valve, "set_temperature set_pressure",
                  detail::read_evaporator_pressure_regulator}
        .with_ports("inlet", "outlet", "entropyk_pressure_regulator_create"),
    ComponentKind{"vapour_injection_compressor", Role::compressor,
                  "isentropic_efficiency mass_flow displacement speed volumetric_efficiency maps "
                  "superheat_correction_factor heat_loss_fraction injection_pressure injection_pressure_factor",
                  detail::read_vapour_injection_compressor}
        .with_ports("suction injection", "discharge", "entropyk_vapour_injection_compressor_create"),
    ComponentKind{"economizer", Role::other, "effectiveness injection_superheat", detail::read_economizer}.with_ports(
        "hot_in cold_in", "hot_out cold_out", "entropyk_economizer_create"),
};

/// The kind named `type` (exact spelling), if any.
[[nodiscard]] constexpr const ComponentKind* find_component_kind(std::string_view type) noexcept {
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
