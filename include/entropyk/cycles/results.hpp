// What a solved cycle reports: the state on every connection, per-component heat, power and
// entropy generation, and the figures every user expects (capacities, COP, superheat,
// subcooling, balances). Sized at finalize; a solve only overwrites it.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "entropyk/components/component.hpp"
#include "entropyk/core/warning.hpp"
#include "entropyk/fluids/state.hpp"

namespace entropyk {

enum class SolveStatus : std::int32_t {
    converged = 0,
    converged_control_saturation = 1,
    timed_out = 2,
    non_convergence = 3,
    invalid_input = 4,
    /// The solver converged, but the solution breaks a physical law (a compressor that lowers the
    /// pressure, negative entropy generation, heat flowing from cold to hot, a state outside the
    /// property model): never reported as converged. See CycleResults::report for the cause.
    non_physical = 5,
};

constexpr std::string_view to_string(SolveStatus s) noexcept {
    switch (s) {
    case SolveStatus::converged: return "converged";
    case SolveStatus::converged_control_saturation: return "converged with a control saturated";
    case SolveStatus::timed_out: return "timed out";
    case SolveStatus::non_convergence: return "did not converge";
    case SolveStatus::invalid_input: return "invalid input";
    case SolveStatus::non_physical: return "converged to a physically inadmissible state";
    }
    return "unknown";
}

struct ConnectionResult {
    std::uint32_t from = 0, to = 0;           ///< component indices (outlet of `from` -> inlet of `to`)
    std::uint32_t from_port = 0, to_port = 0; ///< outlet port of `from`, inlet port of `to` (0 for one-port components)
    fluids::State state{};
    double m = 0.0; ///< kg/s
};

inline constexpr double not_available = std::numeric_limits<double>::quiet_NaN();

struct CycleResults {
    std::vector<ConnectionResult> connections;
    std::vector<ComponentReport> components;

    double cooling_capacity = 0.0;     ///< W, heat taken up by the evaporator(s)
    double heating_capacity = 0.0;     ///< W, heat rejected by the condenser(s)
    double compressor_power = 0.0;     ///< W, what the compressor(s) draw (shell losses included)
    double cop_cooling = 0.0;          ///< cooling capacity / compressor power
    double cop_heating = 0.0;          ///< heating capacity / compressor power
    double superheat = not_available;  ///< K, at the (first) evaporator outlet
    double subcooling = not_available; ///< K, at the (first) condenser outlet
    double energy_balance = 0.0;       ///< (Q_cond - Q_evap - W) / Q_cond, relative
    double mass_balance = 0.0;         ///< max |m_i - m_j| / m over the connections, relative
    double entropy_generation = 0.0;   ///< W/K, sum over components (>= 0)

    SolveStatus status = SolveStatus::non_convergence;
    int iterations = 0;
    /// Residual evaluations of the whole solve, every attempt together: the unit of
    /// SolveSettings::max_residual_evaluations (what a HIL bench sizes its deterministic budget on).
    int residual_evaluations = 0;
    double residual_norm = 0.0; ///< max-norm of the scaled residuals
    double solve_time_s = 0.0;
    /// What the solver did: the status line with the cause first (for a non-physical solution the
    /// component and the violated law; for a failure the last property error), then the counters
    /// and the largest residuals, named "component 'x' (kind): equation".
    char report[1536] = {};
    /// What the solve noticed without failing (see core/warning.hpp); cleared by every solve.
    Warnings warnings;

    [[nodiscard]] bool converged() const noexcept {
        return status == SolveStatus::converged || status == SolveStatus::converged_control_saturation;
    }
};

} // namespace entropyk
