// IWYU pragma: private, include <entropyk/cycles/typed.hpp>
// A stage is one component of a typed cycle: a component model (the same engine the runtime
// System uses) together with what the type system knows about it — what its inlet takes, what its
// outlet delivers, how many conditions on the loop's charge it sets, and how many control
// unknowns and equations it brings (so that the cycle's storage is sized at compile time).
#pragma once

#include <type_traits>

#include "entropyk/components.hpp"
#include "entropyk/cycles/typed/flow.hpp"

namespace entropyk::typed {

/// Compile-time description of a component in a refrigerant loop.
template <flow::State Inlet, flow::State Outlet, Role R, int ChargeConditions, int Controls, int MaxEquations>
struct Spec {
    using inlet = Inlet;
    using outlet = Outlet;
    static constexpr Role role = R;
    static constexpr int charge_conditions = ChargeConditions; ///< subcooling or receiver: 1
    static constexpr int controls = Controls;                  ///< control unknowns (exact)
    static constexpr int max_equations = MaxEquations;         ///< upper bound of n_equations()
};

using compressor_spec = Spec<flow::low_pressure_vapor, flow::high_pressure_vapor, Role::compressor, 0, 0, 3>;
using fixed_saturation_condenser_spec =
    Spec<flow::high_pressure_vapor, flow::high_pressure_liquid, Role::condenser, 1, 0, 4>;
using fixed_saturation_evaporator_spec =
    Spec<flow::low_pressure_two_phase, flow::low_pressure_vapor, Role::evaporator, 0, 0, 4>;
using isenthalpic_valve_spec =
    Spec<flow::high_pressure_liquid, flow::low_pressure_two_phase, Role::expansion_valve, 0, 0, 2>;
using receiver_spec = Spec<flow::high_pressure_liquid, flow::high_pressure_liquid, Role::receiver, 1, 0, 4>;
/// A gas cooler takes the discharge and delivers a high-pressure dense state: above p_c a
/// supercritical fluid below the pseudo-critical temperature, "liquid-like" (it is throttled into
/// the dome like a condenser's liquid), below p_c a subcooled liquid. The type-state calls that
/// high_pressure_liquid: what the next component (a valve) may take. It sets no charge condition;
/// the high-pressure valve does.
using gas_cooler_spec = Spec<flow::high_pressure_vapor, flow::high_pressure_liquid, Role::condenser, 0, 0, 3>;
/// The high-pressure valve holds the high-side pressure: the transcritical loop's charge condition.
/// A typed cycle solves at the valve's given pressure (the COP-optimal search is System::solve's).
using high_pressure_valve_spec =
    Spec<flow::high_pressure_liquid, flow::low_pressure_two_phase, Role::expansion_valve, 1, 0, 3>;

/// The models that can be piped into a typed cycle as they are, and their description. A model
/// of your own joins by specialising this with `using type = Spec<...>;`.
template <class Model>
struct stage_spec {};
template <>
struct stage_spec<IsentropicCompressor> {
    using type = compressor_spec;
};
template <>
struct stage_spec<MapCompressor> {
    using type = compressor_spec;
};
template <>
struct stage_spec<FixedSaturationCondenser> {
    using type = fixed_saturation_condenser_spec;
};
template <>
struct stage_spec<FixedSaturationEvaporator> {
    using type = fixed_saturation_evaporator_spec;
};
template <>
struct stage_spec<IsenthalpicValve> {
    using type = isenthalpic_valve_spec;
};
template <>
struct stage_spec<Receiver> {
    using type = receiver_spec;
};
template <>
struct stage_spec<GasCooler> {
    using type = gas_cooler_spec;
};
template <>
struct stage_spec<HighPressureValve> {
    using type = high_pressure_valve_spec;
};

template <class T>
concept DescribedModel = ComponentModel<T> && requires {
    typename stage_spec<T>::type;
};

/// A component of a typed cycle: the engine and its compile-time description.
template <ComponentModel Engine, class S>
struct Stage {
    using engine_type = Engine;
    using spec = S;
    Engine engine;
};

template <class T>
inline constexpr bool is_stage = false;
template <class E, class S>
inline constexpr bool is_stage<Stage<E, S>> = true;

template <class... Stages>
inline constexpr int charge_conditions = (0 + ... + Stages::spec::charge_conditions);
template <class... Stages>
inline constexpr bool has_compressor = (false || ... || (Stages::spec::role == Role::compressor));

/// The runtime models whose equation count, controls or charge condition are chosen at run time
/// (by an enum or a setter): a typed cycle takes their typed forms instead.
template <class T>
inline constexpr bool is_runtime_configured =
    std::is_same_v<T, Condenser> || std::is_same_v<T, Evaporator> || std::is_same_v<T, ExpansionValve>;

} // namespace entropyk::typed
