// What a solved cycle reports: the state on every connection, per-component heat, power and
// entropy generation, and the figures every user expects (capacities, COP, superheat,
// subcooling, balances). Sized at finalize; a solve only overwrites it.
#pragma once

#include <algorithm>
#include <cmath>
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
    /// The refrigerant loop the connection belongs to (System::loop_count(), System::loop_of()):
    /// 0 for a single loop; set at finalize, like the ports.
    std::uint32_t loop = 0;
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

/// The figures of one refrigerant loop of a system with several (CycleResults' totals are the
/// system's). Heat passed between two loops (a cascade heat exchanger) is counted apart from the
/// heat taken up from or rejected to the outside, so that the loops add up to the system:
/// the sum of the loops' cooling_capacity is the system's, and so on. NaN for a loop without
/// a solution.
struct LoopFigures {
    std::uint32_t loop = 0;
    double cooling_capacity = 0.0; ///< W, heat taken up from outside the system (evaporators)
    double heating_capacity = 0.0; ///< W, heat rejected to outside the system (condensers, gas coolers)
    double heat_from_loops = 0.0;  ///< W, heat taken up from another loop (cascade exchanger, evaporating side)
    double heat_to_loops = 0.0;    ///< W, heat given to another loop (cascade exchanger, condensing side)
    double compressor_power = 0.0; ///< W, what the loop's compressors draw
    /// The loop's own coefficients, the stage COPs of a cascade: all the heat the loop takes up
    /// (from outside and from other loops) or gives off, per unit of its own compressor power.
    double cop_cooling = 0.0, cop_heating = 0.0;
    /// max over the loop's components of |sum of inlet flows - sum of outlet flows| / largest
    /// flow of the loop (0 for a solution; every branch and merge of the loop included).
    double mass_balance = 0.0;
};

/// The loop of every component (the loop of the connections at its ports; -1 for a component
/// without a connection in the results).
[[nodiscard]] inline std::vector<int> component_loops(const CycleResults& r) {
    std::vector<int> out(r.components.size(), -1);
    for (const ConnectionResult& c : r.connections) {
        if (c.from < out.size()) out[c.from] = static_cast<int>(c.loop);
        if (c.to < out.size()) out[c.to] = static_cast<int>(c.loop);
    }
    return out;
}

/// The number of loops the results hold (1 + the largest ConnectionResult::loop; 1 when empty).
[[nodiscard]] inline std::uint32_t loop_count(const CycleResults& r) noexcept {
    std::uint32_t n = 0;
    for (const ConnectionResult& c : r.connections) n = c.loop + 1 > n ? c.loop + 1 : n;
    return n == 0 ? 1 : n;
}

/// The figures of loop `loop`. `components` is indexed like r.components by anything with a
/// `role` (Role) and an `internal` flag (true for a side of a cascade heat exchanger, whose heat
/// stays inside the system): the command's component list, diagrams::ComponentLabel. The
/// classification is the one the solver's totals use (cycles/detail/loop.hpp, postprocess):
/// heat into the refrigerant is capacity, heat out of it is heating; compressors count with
/// their electrical power.
template <class Labels>
[[nodiscard]] LoopFigures loop_figures(const CycleResults& r, std::uint32_t loop, const Labels& components) {
    LoopFigures f;
    f.loop = loop;
    const std::vector<int> loops = component_loops(r);
    for (std::size_t i = 0; i < r.components.size() && i < components.size(); ++i) {
        if (loops[i] != static_cast<int>(loop)) continue;
        const ComponentReport& rep = r.components[i];
        const bool internal = components[i].internal;
        if (rep.heat_rate > 0) (internal ? f.heat_from_loops : f.cooling_capacity) += rep.heat_rate;
        if (rep.heat_rate < 0) (internal ? f.heat_to_loops : f.heating_capacity) -= rep.heat_rate;
        f.compressor_power += rep.electrical_power;
        if (std::isnan(rep.heat_rate) || std::isnan(rep.electrical_power))
            f.cooling_capacity = f.heating_capacity = f.compressor_power = not_available;
    }
    const double W = f.compressor_power;
    f.cop_cooling = W > 0 ? (f.cooling_capacity + f.heat_from_loops) / W : not_available;
    f.cop_heating = W > 0 ? (f.heating_capacity + f.heat_to_loops) / W : not_available;
    double m_ref = 0.0;
    for (const ConnectionResult& c : r.connections)
        if (c.loop == loop) m_ref = std::max(m_ref, std::fabs(c.m));
    std::vector<double> net(r.components.size(), 0.0);
    for (const ConnectionResult& c : r.connections) {
        if (c.loop != loop) continue;
        if (c.to < net.size()) net[c.to] += c.m;
        if (c.from < net.size()) net[c.from] -= c.m;
    }
    for (std::size_t i = 0; i < net.size(); ++i)
        if (loops[i] == static_cast<int>(loop))
            f.mass_balance = std::max(f.mass_balance, std::fabs(net[i]) / std::max(m_ref, 1e-300));
    return f;
}

} // namespace entropyk
