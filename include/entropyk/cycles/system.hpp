// The runtime front door: a refrigerant loop built at run time. Add components, connect an
// outlet to an inlet, finalize() (which validates the topology, counts equations against
// unknowns and allocates every buffer the solve needs), then solve() as often as needed —
// warm-started from the last solution, without allocating.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "entropyk/components/component.hpp"
#include "entropyk/core/detail/text_writer.hpp"
#include "entropyk/cycles/any_component.hpp"
#include "entropyk/cycles/detail/loop.hpp"
#include "entropyk/cycles/detail/loop_access.hpp"
#include "entropyk/cycles/results.hpp"
#include "entropyk/fluids/fluid.hpp"

namespace entropyk {

namespace detail {
struct SolverWorkspace; // defined in cycles/solve.hpp, the only bridge to solvers/
struct SolverWorkspaceDeleter {
    void operator()(SolverWorkspace* w) const noexcept;
};
} // namespace detail

enum class SolverMethod : std::int32_t { newton = 0, picard = 1, fallback = 2 };
enum class StartMode : std::int32_t { warm = 0, cold = 1 };

/// Settings of one solve (mirrors solvers::Options; kept here so that users of System need not
/// include the solver layer).
struct SolveSettings {
    int max_iterations = 60;    ///< a cold solve's attempts share it (docs/solver.md §10)
    double tolerance = 1e-10;   ///< max-norm of the scaled residuals
    double time_budget_s = 1.0; ///< wall-clock budget, monotonic clock
    /// Deterministic budget: at most this many residual evaluations per solve, all attempts
    /// together (warm, then the cold strategy); 0 = no limit. Independent of the wall clock, so a
    /// HIL step's worst case is bounded by the model, not by the machine's load
    /// (solvers::Options::max_residual_evaluations). Running out is reported as timed_out.
    int max_residual_evaluations = 0;
    double picard_relaxation = 0.7;
    /// Warm Newton solves first try chord steps with the LU factors of the previous solve's last
    /// Jacobian (solvers::Options::reuse_jacobian): a HIL step whose inputs moved a little then
    /// costs a few residual evaluations instead of a finite-difference Jacobian per iteration.
    /// Every cold attempt begins with a fresh Jacobian (and then takes chord steps only when they
    /// shrink the residuals tenfold). The converged answer is the same either way.
    bool reuse_jacobian = true;
    /// K. A compressor discharge hotter than this adds WarningCode::discharge_temperature to the
    /// result (the solve still succeeds). 135 C is a common limit for polyolester oils.
    double discharge_temperature_limit = 408.15;
    /// Optional start values of a cold start (NaN = automatic): the evaporating and condensing
    /// saturation temperatures in K and the refrigerant mass flow in kg/s. When given, the first
    /// cold attempt starts from states built at these levels (what the automatic guess builds from
    /// its hints); the automatic guess and the pre-solve follow if it fails. A warm start ignores them.
    double guess_evaporating_temperature = std::numeric_limits<double>::quiet_NaN();
    double guess_condensing_temperature = std::numeric_limits<double>::quiet_NaN();
    double guess_mass_flow = std::numeric_limits<double>::quiet_NaN();
};

class System {
  public:
    /// A system for a refrigerant; `backend` picks the EOS (reference accuracy) or the in-memory
    /// tables (speed; built once per fluid and process, on first use — here, not in a solve).
    explicit System(const fluids::Fluid& refrigerant, Backend backend = Backend::eos) : props_(refrigerant, backend) {}
    System(System&&) noexcept = default;
    System& operator=(System&&) noexcept = default;
    ~System() = default;

    /// An independent copy of this system: the same components (with their current inputs) and
    /// connections, finalized like this one, with the same last solution, the same solver state
    /// (Jacobian factors, secant updates) and the same results, so that the copy's next solve gives
    /// bit for bit what this system's next solve would give. Allocates (the copy's buffers); used
    /// to give each thread of a sweep its own system. Defined in cycles/solve.hpp.
    [[nodiscard]] System clone() const;

    /// A system for a refrigerant given by name (case-insensitive, aliases accepted).
    static Result<System> create(std::string_view refrigerant, Backend backend = Backend::eos) {
        auto f = fluids::find_fluid(refrigerant);
        if (!f) return f.error();
        return System(**f, backend);
    }

    [[nodiscard]] const fluids::Fluid& refrigerant() const noexcept { return props_.fluid(); }
    [[nodiscard]] const PropertyService& properties() const noexcept { return props_; }

    /// Adds a component; returns its index. Fails after finalize() and for invalid parameters.
    template <ComponentModel C>
    Result<std::uint32_t> add(std::string_view name, C component) {
        if (finalized_) return fail(Errc::invalid_state, "cannot add a component after finalize()");
        if (auto v = component.validate(); !v) {
            return ThermoError::format(v.error().code(), "component '%.*s': %s", static_cast<int>(name.size()),
                                       name.data(), v.error().c_str());
        }
        return add_erased(name, AnyComponent(std::move(component)));
    }
    Result<std::uint32_t> add_erased(std::string_view name, AnyComponent component) {
        if (finalized_) return fail(Errc::invalid_state, "cannot add a component after finalize()");
        detail::NodeSlots slots;
        slots.index = static_cast<std::uint32_t>(nodes_.size());
        nodes_.push_back(Node{slots, std::string(name), std::move(component), {}});
        return static_cast<std::uint32_t>(nodes_.size() - 1);
    }

    /// Connects the outlet of component `from` to the inlet of component `to`.
    Result<void> connect(std::uint32_t from, std::uint32_t to) {
        if (finalized_) return fail(Errc::invalid_state, "cannot connect after finalize()");
        if (from >= nodes_.size() || to >= nodes_.size())
            return ThermoError::format(Errc::invalid_argument, "connect(%u, %u): the system has %zu components", from,
                                       to, nodes_.size());
        if (nodes_[from].out_edge >= 0)
            return ThermoError::format(Errc::validation_error,
                                       "%s: outlet is already connected (to %s); a port takes one connection",
                                       label(from).c_str(), label(edges_[nodes_[from].out_edge].to).c_str());
        if (nodes_[to].in_edge >= 0)
            return ThermoError::format(Errc::validation_error,
                                       "%s: inlet is already connected (from %s); a port takes one connection",
                                       label(to).c_str(), label(edges_[nodes_[to].in_edge].from).c_str());
        edges_.push_back(Edge{from, to});
        nodes_[from].out_edge = static_cast<int>(edges_.size() - 1);
        nodes_[to].in_edge = static_cast<int>(edges_.size() - 1);
        return {};
    }

    /// Validates the topology and the equation count, lays out unknowns and residuals and
    /// allocates everything the solve needs.
    Result<void> finalize();

    [[nodiscard]] bool finalized() const noexcept { return finalized_; }
    [[nodiscard]] std::size_t component_count() const noexcept { return nodes_.size(); }
    [[nodiscard]] std::size_t connection_count() const noexcept { return edges_.size(); }
    [[nodiscard]] Eigen::Index unknown_count() const noexcept { return n_unknowns_; }
    [[nodiscard]] std::string_view component_name(std::uint32_t i) const { return nodes_.at(i).name; }
    [[nodiscard]] const AnyComponent& component(std::uint32_t i) const { return nodes_.at(i).c; }

    /// Changes a component input between solves (the HIL step); no re-finalize needed.
    Result<void> set_input(std::uint32_t component, Input which, double value) {
        if (component >= nodes_.size())
            return ThermoError::format(Errc::invalid_argument, "component index %u: the system has %zu components",
                                       component, nodes_.size());
        if (!std::isfinite(value))
            return ThermoError::format(Errc::invalid_argument, "%s: input value is not a finite number",
                                       label(component).c_str());
        auto r = nodes_[component].c.set_input(which, value);
        if (!r) return ThermoError::format(r.error().code(), "%s: %s", label(component).c_str(), r.error().c_str());
        return {};
    }

    /// Solves the cycle. Warm start uses the last converged solution (a cold start is used when
    /// there is none). No allocation happens here.
    const CycleResults& solve(SolverMethod method = SolverMethod::fallback, const SolveSettings& settings = {},
                              StartMode start = StartMode::warm);

    [[nodiscard]] const CycleResults& results() const noexcept { return results_; }
    /// The solution vector in SI: [p, h, m] per connection, then the control unknowns.
    [[nodiscard]] std::span<const double> state_vector() const noexcept { return {si_.data(), si_.size()}; }

    // ---- the nonlinear system seen by the solvers (scaled unknowns and residuals) ------------
    [[nodiscard]] Eigen::Index size() const noexcept { return n_unknowns_; }
    bool residuals(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> r);
    void clamp(Eigen::Ref<Eigen::VectorXd> x);
    bool picard_sweep(Eigen::Ref<Eigen::VectorXd> x);
    /// Jacobian by forward differences, component by component: each component's residuals
    /// depend only on its inlet and outlet connections (and a sensed connection, and its own
    /// controls), so perturbing those few unknowns and re-evaluating that one component gives its
    /// rows exactly as a full finite-difference Jacobian would, at a fraction of the property calls.
    bool jacobian(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::MatrixXd> J);
    void residual_name(Eigen::Index i, char* buffer, std::size_t capacity) const;
    void variable_name(Eigen::Index i, char* buffer, std::size_t capacity) const;
    bool controls_saturated(Eigen::Ref<const Eigen::VectorXd> x) {
        Access a{*this};
        return detail::controls_saturated(a, x);
    }
    /// The last property error raised during a residual evaluation.
    [[nodiscard]] const ThermoError& last_property_error() const noexcept { return property_error_; }

    /// The automatic initial guess (scaled unknowns) from the components' boundary conditions.
    void initial_guess(Eigen::Ref<Eigen::VectorXd> x);

  private:
    /// solve() of a loop whose high-pressure valve holds the COP-optimal pressure (cycles/solve.hpp).
    const CycleResults& solve_cop_optimal(std::uint32_t valve, SolverMethod method, const SolveSettings& settings,
                                          StartMode start);

    struct Node : detail::NodeSlots {
        std::string name;
        AnyComponent c;
        std::vector<int> vars; ///< unknowns its residuals depend on (set at finalize)
    };
    struct Edge {
        std::uint32_t from, to;
    };

    std::string label(std::uint32_t i) const {
        return "component '" + nodes_[i].name + "' (" + std::string(to_string(nodes_[i].c.role())) + ")";
    }
    // ---- what the shared engine sees (cycles/detail/loop_access.hpp) ----------------------------
    template <class>
    friend struct detail::LoopAccess;
    using Access = detail::LoopAccess<System>;
    [[nodiscard]] Eigen::Index residual_count() const noexcept { return n_residuals_; }
    [[nodiscard]] std::span<const int> node_vars(std::uint32_t i) const { return nodes_[i].vars; }
    [[nodiscard]] std::string_view node_name(std::uint32_t i) const { return nodes_[i].name; }
    template <class F>
    bool for_each_flow(F& f) {
        for (std::uint32_t i : order_)
            if (!f(nodes_[i].c, static_cast<detail::NodeSlots&>(nodes_[i]))) return false;
        return true;
    }
    template <class F>
    bool for_each_added(F& f) {
        for (auto& n : nodes_)
            if (!f(n.c, static_cast<detail::NodeSlots&>(n))) return false;
        return true;
    }

    Result<void> check_topology();
    Result<void> check_count();

    PropertyService props_;
    std::vector<Node> nodes_;
    std::vector<Edge> edges_;
    std::vector<std::uint32_t> order_; ///< components in flow order, starting at a compressor
    bool finalized_ = false;
    bool have_solution_ = false;
    Eigen::Index n_unknowns_ = 0;
    Eigen::Index n_residuals_ = 0;

    // Buffers sized at finalize().
    std::vector<EdgeState> state_;
    std::vector<double> controls_;
    std::vector<double> block_;      ///< one component's residuals
    std::vector<double> base_block_; ///< one component's residuals at the unperturbed point
    Eigen::VectorXd x_;              ///< scaled unknowns (warm start)
    Eigen::VectorXd scratch_r_;      ///< scratch residual vector
    Eigen::VectorXd scratch_x_;      ///< scratch unknowns for the initial guess
    std::vector<double> si_;         ///< state vector in SI for the C API
    std::vector<int> row_node_;      ///< residual row -> node
    std::vector<int> row_local_;     ///< residual row -> local equation index
    ThermoError property_error_{};
    CycleResults results_;
    std::unique_ptr<detail::SolverWorkspace, detail::SolverWorkspaceDeleter> workspace_;
};

static_assert(detail::LoopView<detail::LoopAccess<System>>, "System presents its storage to the engine as a LoopView");

// ---------------------------------------------------------------------------------------------

inline Result<void> System::check_topology() {
    if (nodes_.empty()) return fail(Errc::validation_error, "the system has no components");
    std::string missing;
    for (std::uint32_t i = 0; i < nodes_.size(); ++i) {
        if (nodes_[i].in_edge < 0) missing += (missing.empty() ? "" : "; ") + label(i) + ": inlet is not connected";
        if (nodes_[i].out_edge < 0) missing += (missing.empty() ? "" : "; ") + label(i) + ": outlet is not connected";
    }
    if (!missing.empty()) {
        // A chain whose two ends are open is a loop that does not close: say which ports to join.
        std::string hint;
        std::vector<std::uint32_t> open_out, open_in;
        for (std::uint32_t i = 0; i < nodes_.size(); ++i) {
            if (nodes_[i].out_edge < 0) open_out.push_back(i);
            if (nodes_[i].in_edge < 0) open_in.push_back(i);
        }
        if (open_out.size() == 1 && open_in.size() == 1)
            hint = " -- the loop does not close: connect the outlet of '" + nodes_[open_out[0]].name +
                   "' to the inlet of '" + nodes_[open_in[0]].name + "'";
        return ThermoError(Errc::validation_error, missing + hint);
    }
    // Every component has one inlet and one outlet connected: the graph is a union of loops.
    // Walk from the first compressor (or component 0) and check that the walk visits everything.
    std::uint32_t start = 0;
    for (std::uint32_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i].c.role() == Role::compressor) {
            start = i;
            break;
        }
    order_.clear();
    std::vector<bool> seen(nodes_.size(), false);
    for (std::uint32_t i = start; !seen[i]; i = edges_[static_cast<std::size_t>(nodes_[i].out_edge)].to) {
        seen[i] = true;
        order_.push_back(i);
    }
    if (order_.size() != nodes_.size()) {
        std::string others;
        for (std::uint32_t i = 0; i < nodes_.size(); ++i)
            if (!seen[i]) others += (others.empty() ? "'" : ", '") + nodes_[i].name + "'";
        return ThermoError(Errc::validation_error, "the connections form more than one loop: " + others +
                                                       " are not on the loop of '" + nodes_[start].name +
                                                       "' (one refrigerant loop per system)");
    }
    return {};
}

inline Result<void> System::check_count() {
    Access a{*this};
    auto n = detail::count_equations(a, edges_.size());
    if (!n) return n.error();
    n_unknowns_ = n_residuals_ = *n;
    return {};
}

inline Result<void> System::finalize() {
    if (finalized_) return fail(Errc::invalid_state, "finalize() was already called");
    for (std::uint32_t i = 0; i < nodes_.size(); ++i)
        if (auto v = nodes_[i].c.validate(); !v)
            return ThermoError::format(v.error().code(), "%s: %s", label(i).c_str(), v.error().c_str());
    if (auto t = check_topology(); !t) return t;
    if (auto c = check_count(); !c) return c;

    // Layout: residual rows in flow order; control unknowns after the 3 per connection.
    int row = 0, control = 0, max_block = 0;
    row_node_.assign(static_cast<std::size_t>(n_residuals_), 0);
    row_local_.assign(static_cast<std::size_t>(n_residuals_), 0);
    for (std::uint32_t i : order_) {
        Node& n = nodes_[i];
        n.first_residual = row;
        n.first_control = control;
        control += n.c.n_controls();
        max_block = std::max(max_block, n.c.n_equations());
        for (int k = 0; k < n.c.n_equations(); ++k) {
            if (k == n.dropped) continue;
            row_node_[static_cast<std::size_t>(row)] = static_cast<int>(i);
            row_local_[static_cast<std::size_t>(row)] = k;
            ++row;
        }
    }
    state_.assign(edges_.size(), EdgeState{});
    controls_.assign(static_cast<std::size_t>(control), 0.0);
    block_.assign(static_cast<std::size_t>(max_block), 0.0);
    x_ = Eigen::VectorXd::Zero(n_unknowns_);
    scratch_r_ = Eigen::VectorXd::Zero(n_unknowns_);
    scratch_x_ = Eigen::VectorXd::Zero(n_unknowns_);
    si_.assign(static_cast<std::size_t>(n_unknowns_), 0.0);
    results_.connections.assign(edges_.size(), ConnectionResult{});
    for (std::size_t e = 0; e < edges_.size(); ++e) {
        results_.connections[e].from = edges_[e].from;
        results_.connections[e].to = edges_[e].to;
    }
    results_.components.assign(nodes_.size(), ComponentReport{});
    // Superheat-controlled valves read the outlet of the first evaporator downstream of them.
    for (std::size_t k = 0; k < order_.size(); ++k) {
        Node& n = nodes_[order_[k]];
        if (!n.c.senses_evaporator_outlet()) continue;
        bool bound = false;
        for (std::size_t j = 1; j < order_.size() && !bound; ++j) {
            const Node& d = nodes_[order_[(k + j) % order_.size()]];
            if (d.c.role() == Role::evaporator) {
                n.c.bind_sensor(&state_[static_cast<std::size_t>(d.out_edge)]);
                bound = true;
            }
        }
        if (!bound)
            return ThermoError::format(Errc::validation_error,
                                       "%s controls the evaporator outlet superheat, but no "
                                       "evaporator follows it in the loop",
                                       label(order_[k]).c_str());
    }
    // The unknowns each component's residuals depend on, for the component-wise Jacobian.
    for (std::size_t k = 0; k < order_.size(); ++k) {
        Node& n = nodes_[order_[k]];
        n.vars.clear();
        auto add_edge = [&](int e) {
            for (int c = 0; c < 3; ++c)
                if (std::find(n.vars.begin(), n.vars.end(), 3 * e + c) == n.vars.end()) n.vars.push_back(3 * e + c);
        };
        add_edge(n.in_edge);
        add_edge(n.out_edge);
        if (n.c.senses_evaporator_outlet())
            for (std::size_t j = 1; j < order_.size(); ++j) {
                const Node& d = nodes_[order_[(k + j) % order_.size()]];
                if (d.c.role() == Role::evaporator) {
                    add_edge(d.out_edge);
                    break;
                }
            }
        for (int c = 0; c < n.c.n_controls(); ++c)
            n.vars.push_back(3 * static_cast<int>(edges_.size()) + n.first_control + c);
    }
    base_block_.assign(block_.size(), 0.0);
    finalized_ = true;
    return {};
}

inline bool System::residuals(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> r) {
    Access a{*this};
    return detail::residuals(a, x, r);
}

inline bool System::jacobian(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::MatrixXd> J) {
    Access a{*this};
    return detail::jacobian(a, x, J);
}

inline void System::clamp(Eigen::Ref<Eigen::VectorXd> x) {
    Access a{*this};
    detail::clamp(a, x);
}

inline bool System::picard_sweep(Eigen::Ref<Eigen::VectorXd> x) {
    Access a{*this};
    return detail::picard_sweep(a, x);
}

inline void System::residual_name(Eigen::Index i, char* buffer, std::size_t capacity) const {
    if (i < 0 || i >= n_residuals_) {
        std::snprintf(buffer, capacity, "residual %ld", static_cast<long>(i));
        return;
    }
    const Node& n = nodes_[static_cast<std::size_t>(row_node_[static_cast<std::size_t>(i)])];
    // Named on every solve (the report's largest residuals): written without printf.
    if (capacity > 0) buffer[0] = '\0';
    detail::TextWriter(buffer, capacity)
        .str("'")
        .str(n.name)
        .str("' (")
        .str(to_string(n.c.role()))
        .str("): ")
        .str(n.c.equation(row_local_[static_cast<std::size_t>(i)]).name);
}

inline void System::variable_name(Eigen::Index i, char* buffer, std::size_t capacity) const {
    const auto ne = static_cast<Eigen::Index>(edges_.size());
    if (i < 3 * ne) {
        const Edge& e = edges_[static_cast<std::size_t>(i / 3)];
        static constexpr const char* what[] = {"p", "h", "m"};
        std::snprintf(buffer, capacity, "%s of '%s' -> '%s'", what[i % 3], nodes_[e.from].name.c_str(),
                      nodes_[e.to].name.c_str());
    } else {
        std::snprintf(buffer, capacity, "control %ld", static_cast<long>(i - 3 * ne));
    }
}

inline void System::initial_guess(Eigen::Ref<Eigen::VectorXd> x) {
    Access a{*this};
    detail::initial_guess(a, x);
}

} // namespace entropyk

#include "entropyk/cycles/solve.hpp"
