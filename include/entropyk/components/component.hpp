// What every component model provides to the cycle engine. Most components have one refrigerant
// inlet and one refrigerant outlet (ComponentModel; the edges hold p, h, m); a few have several
// named ports (MultiPortModel: flash tank, mixer, splitter). Each contributes a few scaled
// residual equations and reports heat, power and entropy generation once the cycle is solved.
// The concept is checked at compile time by both front doors: the typed cycle calls the models
// directly, the runtime System through a type-erased wrapper (cycles/any_component.hpp).
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include "entropyk/components/edge.hpp"
#include "entropyk/components/properties.hpp"
#include "entropyk/core/error.hpp"
#include "entropyk/core/result.hpp"
#include "entropyk/core/warning.hpp"

namespace entropyk {

/// What an equation fixes; used to drop the one redundant mass balance of a closed loop and to
/// name what is missing or surplus when equations and unknowns do not match.
enum class EquationKind : std::uint8_t {
    mass_balance, ///< m_out = m_in (one per component; one is redundant around a closed loop)
    pressure,     ///< fixes or relates pressures
    enthalpy,     ///< fixes or relates enthalpies (energy balance)
    flow,         ///< sets the mass flow (compressor flow law)
    charge,       ///< the condition that fixes the loop's charge (subcooling, receiver)
    control,      ///< a controller's set-point equation (valve superheat control, ...)
};

struct EquationInfo {
    const char* name;
    EquationKind kind;
};

/// What a component is in a refrigeration loop: used for the initial guess, the results (which
/// heat is the cooling capacity) and the typed builder's rules.
enum class Role : std::uint8_t { compressor, condenser, evaporator, expansion_valve, receiver, other };

constexpr std::string_view to_string(Role r) noexcept {
    switch (r) {
    case Role::compressor: return "compressor";
    case Role::condenser: return "condenser";
    case Role::evaporator: return "evaporator";
    case Role::expansion_valve: return "expansion valve";
    case Role::receiver: return "receiver";
    case Role::other: return "component";
    }
    return "component";
}

/// Pressure levels and flow a component knows before the solve (from its boundary conditions):
/// the automatic initial guess is built from these.
struct GuessHints {
    double p_high = 0.0; ///< Pa, 0 = unknown
    double p_low = 0.0;  ///< Pa, 0 = unknown
    double m = 0.0;      ///< kg/s, 0 = unknown
    /// Set by components that fix a pressure level outright (fixed saturation): the pre-solve of
    /// the initial guess keeps such a level instead of searching for it.
    bool p_high_fixed = false, p_low_fixed = false;
    /// K, secondary inlet temperatures of the condenser and the evaporator (0 = none): the
    /// pre-solve searches the saturation temperatures between these and the fluid's limits.
    double T_secondary_high = 0.0, T_secondary_low = 0.0;
    /// K, the outlet subcooling (condenser spec) and evaporator superheat (valve set-point) the
    /// solution will have; negative = unknown.
    double subcooling = -1.0, superheat = -1.0;
    /// Set by the components of a transcritical high side (gas cooler, high-pressure valve): the
    /// high side may lie above the critical pressure, so the guess builds supercritical states
    /// there and no pre-solve on saturation temperatures applies.
    bool supercritical_high_side = false;
    /// K, the gas-cooler outlet temperature the solution will have (or its best estimate); 0 = none.
    double T_gas_cooler_outlet = 0.0;
    /// Pa, a pressure a component holds on all of its ports (a flash tank's intermediate level);
    /// 0 = none. Read per component by the initial guess of a network.
    double p_level = 0.0;
    /// A factor r > 0 from a component whose level the network decides (a floating or
    /// geometric-mean flash tank): the guess seeds its ports at r sqrt(p_high p_low) of the
    /// guessed levels; 0 = none.
    double p_level_geometric_mean = 0.0;
};

/// Per-component results after a solve. Signs: heat_rate and power are positive INTO the
/// refrigerant (an evaporator's heat_rate is its capacity, a condenser's is negative).
struct ComponentReport {
    double heat_rate = 0.0;          ///< W
    double power = 0.0;              ///< W (shaft power into the refrigerant, compressor)
    double electrical_power = 0.0;   ///< W (what the compressor draws; = power without a loss model)
    double entropy_generation = 0.0; ///< W/K, >= 0 for a physical solution
    double secondary_outlet_T = std::numeric_limits<double>::quiet_NaN(); ///< K, heat exchangers with a secondary fluid
    double secondary_inlet_T = std::numeric_limits<double>::quiet_NaN();  ///< K, heat exchangers with a secondary fluid
    double control_value = std::numeric_limits<double>::quiet_NaN();      ///< valve opening, compressor speed, ...
    bool control_saturated = false;
};

/// Inputs a HIL bench changes between solves (the C API's EntropykInput mirrors these values).
enum class Input : std::int32_t {
    compressor_speed = 0,            ///< Hz
    valve_opening = 1,               ///< 0..1
    superheat_setpoint = 2,          ///< K
    secondary_inlet_temperature = 3, ///< K
    secondary_mass_flow = 4,         ///< kg/s
    saturation_temperature = 5,      ///< K (fixed-saturation heat exchangers)
    subcooling = 6,                  ///< K
    superheat = 7,                   ///< K
    mass_flow = 8,                   ///< kg/s (fixed-flow compressor)
    isentropic_efficiency = 9,       ///< - (efficiency compressors)
    outlet_temperature = 10,         ///< K (gas cooler with a given outlet temperature)
    high_side_pressure = 11,         ///< Pa (high-pressure valve)
};

/// The model interface. `controls` are the component's own extra unknowns (scaled to O(1) by the
/// component), empty for most models.
template <class C>
concept ComponentModel = requires(const C& c, C& mc, const PropertyService& props, const EdgeState& in,
                                  const EdgeState& out, EdgeState& min, EdgeState& mout, std::span<double> r,
                                  std::span<const double> u, std::span<double> mu, ThermoError& err,
                                  ComponentReport& rep, GuessHints& hints, int k) {
    { c.role() } -> std::same_as<Role>;
    { c.n_equations() } -> std::convertible_to<int>;
    { c.n_controls() } -> std::convertible_to<int>;
    { c.equation(k) } -> std::same_as<EquationInfo>;
    { c.validate() } -> std::same_as<Result<void>>;
    { c.residuals(props, in, out, u, r, err) } -> std::same_as<bool>;
    { c.sweep(props, min, mout, mu) } -> std::same_as<bool>;
    { c.hints(props, hints) } -> std::same_as<void>;
    { c.report(props, in, out, u, rep) } -> std::same_as<void>;
    { mc.set_input(Input::compressor_speed, 1.0) } -> std::same_as<Result<void>>;
};

/// A component with several refrigerant ports (a flash tank: one inlet, a liquid and a vapour
/// outlet; a mixer: two inlets). The same duties as ComponentModel, but its residuals, Picard
/// sweep and report see the states at all of its ports: `in[k]` is the connection at inlet port
/// k, `out[k]` at outlet port k (at most max_ports of each). Ports are named (inlet_name,
/// outlet_name) so that connections and messages can say "flash_tank.vapour_out".
template <class C>
concept MultiPortModel = requires(const C& c, C& mc, const PropertyService& props, std::span<const EdgeState* const> in,
                                  std::span<const EdgeState* const> out, std::span<EdgeState* const> min,
                                  std::span<EdgeState* const> mout, std::span<double> r, std::span<const double> u,
                                  std::span<double> mu, ThermoError& err, ComponentReport& rep, GuessHints& hints,
                                  int k) {
    { c.role() } -> std::same_as<Role>;
    { c.n_equations() } -> std::convertible_to<int>;
    { c.n_controls() } -> std::convertible_to<int>;
    { c.n_inlets() } -> std::convertible_to<int>;
    { c.n_outlets() } -> std::convertible_to<int>;
    { c.inlet_name(k) } -> std::same_as<const char*>;
    { c.outlet_name(k) } -> std::same_as<const char*>;
    { c.equation(k) } -> std::same_as<EquationInfo>;
    { c.validate() } -> std::same_as<Result<void>>;
    { c.residuals(props, in, out, u, r, err) } -> std::same_as<bool>;
    { c.sweep(props, min, mout, mu) } -> std::same_as<bool>;
    { c.hints(props, hints) } -> std::same_as<void>;
    { c.report(props, in, out, u, rep) } -> std::same_as<void>;
    { mc.set_input(Input::compressor_speed, 1.0) } -> std::same_as<Result<void>>;
};

/// What the runtime System accepts: a one-inlet, one-outlet model or a multi-port one.
template <class C>
concept NetworkComponent = ComponentModel<C> || MultiPortModel<C>;

namespace detail {
/// Forwards a failed property call into the residual evaluation's error slot.
template <class T>
inline bool take(const Result<T>& r, ThermoError& err) {
    if (r) return true;
    err = r.error();
    return false;
}
inline Result<void> not_an_input(std::string_view component, Input which) {
    return ThermoError::format(Errc::invalid_argument, "input %d does not apply to a %.*s", static_cast<int>(which),
                               static_cast<int>(component.size()), component.data());
}
inline bool finite_positive(double x) { return x > 0.0 && x < std::numeric_limits<double>::infinity(); }

/// A refused input changes nothing: the model's set_input runs on a copy (which validates the
/// whole model with the new value), and the copy replaces the model only when it was accepted.
/// Component models are small value types without heap members, so the copy does not allocate.
template <class C>
[[nodiscard]] Result<void> set_input_atomically(C& c, Input which, double v) {
    C next = c;
    Result<void> r = next.set_input(which, v);
    if (!r) return r;
    c = next;
    return r;
}

/// The optional warnings hook of a model: `void warnings(props, in, out, u, self, who, Warnings&)
/// const` adds what the model notices at a solved state (a map read outside its envelope, ...);
/// `self` is its index, `who` its label ("compressor 'comp'") for the message.
template <class C>
void component_warnings(const C& c, const PropertyService& p, const EdgeState& in, const EdgeState& out,
                        std::span<const double> u, std::int32_t self, const char* who, Warnings& w) {
    if constexpr (requires { c.warnings(p, in, out, u, self, who, w); }) c.warnings(p, in, out, u, self, who, w);
}
inline bool finite_nonnegative(double x) { return x >= 0.0 && x < std::numeric_limits<double>::infinity(); }
} // namespace detail

} // namespace entropyk
