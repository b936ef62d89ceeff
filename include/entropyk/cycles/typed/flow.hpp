// IWYU pragma: private, include <entropyk/cycles/typed.hpp>
// What a refrigerant port carries, and whether a port is connected, as types. The typed cycle
// builder (cycles/typed.hpp) checks at compile time that each outlet feeds an inlet that takes
// what it delivers, and that no component with an open port reaches a solvable cycle.
#pragma once

#include <string_view>
#include <type_traits>

namespace entropyk {

/// The four refrigerant states of a vapour-compression loop, in flow order.
namespace flow {
/// Suction gas: what an evaporator delivers and a compressor takes.
struct low_pressure_vapor {
    static constexpr std::string_view name = "low-pressure vapor";
};
/// Discharge gas: what a compressor delivers and a condenser takes.
struct high_pressure_vapor {
    static constexpr std::string_view name = "high-pressure vapor";
};
/// What a condenser (or a receiver) delivers and an expansion valve (or a receiver) takes.
struct high_pressure_liquid {
    static constexpr std::string_view name = "high-pressure liquid";
};
/// What an expansion valve delivers and an evaporator takes.
struct low_pressure_two_phase {
    static constexpr std::string_view name = "low-pressure two-phase";
};

template <class T>
concept State = std::is_same_v<T, low_pressure_vapor> || std::is_same_v<T, high_pressure_vapor> ||
    std::is_same_v<T, high_pressure_liquid> || std::is_same_v<T, low_pressure_two_phase>;
} // namespace flow

/// Type-state of a port: a component whose ports are not all connected cannot join a cycle.
namespace port {
struct unconnected {};
struct connected {};
} // namespace port

} // namespace entropyk
