// The unknowns carried by one connection (edge) between an outlet port and an inlet port, and
// the characteristic values that scale them: every residual is divided by one of these so that
// the Newton system is O(1) (docs/design.md §4).
#pragma once

namespace entropyk {

/// The most refrigerant inlets (and, separately, outlets) one component may have: a flash tank
/// has one inlet and two outlets, a mixer two inlets. Fixed so that a component's port states fit
/// in a small array on the stack during a solve (no allocation).
inline constexpr int max_ports = 4;

/// Pressure, specific enthalpy and mass flow on one connection, SI (Pa, J/kg, kg/s).
struct EdgeState {
    double p = 0.0;
    double h = 0.0;
    double m = 0.0;
};

namespace scale {
inline constexpr double pressure = 1e5;    ///< Pa
inline constexpr double enthalpy = 1e5;    ///< J/kg
inline constexpr double mass_flow = 0.1;   ///< kg/s
inline constexpr double power = 1e3;       ///< W
inline constexpr double temperature = 1.0; ///< K
} // namespace scale

} // namespace entropyk
