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
#include "entropyk/cycles/any_component.hpp"
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
    int max_iterations = 60;
    double tolerance = 1e-10;   ///< max-norm of the scaled residuals
    double time_budget_s = 1.0; ///< wall-clock budget, monotonic clock
    double picard_relaxation = 0.7;
};

class System {
  public:
    explicit System(const fluids::Fluid& refrigerant) : props_(refrigerant) {}
    System(System&&) noexcept = default;
    System& operator=(System&&) noexcept = default;
    ~System() = default;

    /// A system for a refrigerant given by name (case-insensitive, aliases accepted).
    static Result<System> create(std::string_view refrigerant) {
        auto f = fluids::find_fluid(refrigerant);
        if (!f) return f.error();
        return System(**f);
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
        nodes_.push_back(Node{std::string(name), std::move(component), -1, -1, 0, 0, -1, {}});
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
    void clamp(Eigen::Ref<Eigen::VectorXd> x) const;
    bool picard_sweep(Eigen::Ref<Eigen::VectorXd> x);
    /// Jacobian by forward differences, component by component: each component's residuals
    /// depend only on its inlet and outlet connections (and a sensed connection, and its own
    /// controls), so perturbing those few unknowns and re-evaluating that one component gives its
    /// rows exactly as a full finite-difference Jacobian would, at a fraction of the property calls.
    bool jacobian(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::MatrixXd> J);
    void residual_name(Eigen::Index i, char* buffer, std::size_t capacity) const;
    void variable_name(Eigen::Index i, char* buffer, std::size_t capacity) const;
    bool controls_saturated(Eigen::Ref<const Eigen::VectorXd> x) {
        unpack(x);
        for (const auto& n : nodes_)
            if (n.c.control_saturated(controls_of(n))) return true;
        return false;
    }
    /// The last property error raised during a residual evaluation.
    [[nodiscard]] const ThermoError& last_property_error() const noexcept { return property_error_; }

    /// The automatic initial guess (scaled unknowns) from the components' boundary conditions.
    void initial_guess(Eigen::Ref<Eigen::VectorXd> x);

  private:
    struct Node {
        std::string name;
        AnyComponent c;
        int in_edge, out_edge;
        int first_residual = 0; ///< row of its first kept equation
        int first_control = 0;  ///< index of its first control unknown
        int dropped = -1;       ///< local index of the mass balance dropped to close the loop
        std::vector<int> vars;  ///< unknowns its residuals depend on (set at finalize)
    };
    struct Edge {
        std::uint32_t from, to;
    };

    std::string label(std::uint32_t i) const {
        return "component '" + nodes_[i].name + "' (" + std::string(to_string(nodes_[i].c.role())) + ")";
    }
    void unpack(Eigen::Ref<const Eigen::VectorXd> x) {
        for (std::size_t e = 0; e < edges_.size(); ++e) {
            state_[e].p = x[3 * e] * scale::pressure;
            state_[e].h = x[3 * e + 1] * scale::enthalpy;
            state_[e].m = x[3 * e + 2] * scale::mass_flow;
        }
        for (Eigen::Index k = 3 * static_cast<Eigen::Index>(edges_.size()); k < n_unknowns_; ++k)
            controls_[static_cast<std::size_t>(k) - 3 * edges_.size()] = x[k];
    }
    void pack(Eigen::Ref<Eigen::VectorXd> x) const {
        for (std::size_t e = 0; e < edges_.size(); ++e) {
            x[3 * e] = state_[e].p / scale::pressure;
            x[3 * e + 1] = state_[e].h / scale::enthalpy;
            x[3 * e + 2] = state_[e].m / scale::mass_flow;
        }
        for (std::size_t k = 0; k < controls_.size(); ++k) x[3 * edges_.size() + k] = controls_[k];
    }
    std::span<double> controls_of(const Node& n) {
        return {controls_.data() + n.first_control, static_cast<std::size_t>(n.c.n_controls())};
    }
    std::span<const double> controls_of(const Node& n) const {
        return {controls_.data() + n.first_control, static_cast<std::size_t>(n.c.n_controls())};
    }
    Result<void> check_topology();
    Result<void> check_count();
    void postprocess();

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
    Eigen::VectorXd x_start_;        ///< scratch residual vector
    Eigen::VectorXd sweep_buffer_;   ///< scratch unknowns for the initial guess
    std::vector<double> si_;         ///< state vector in SI for the C API
    std::vector<int> row_node_;      ///< residual row -> node
    std::vector<int> row_local_;     ///< residual row -> local equation index
    ThermoError property_error_{};
    CycleResults results_;
    std::unique_ptr<detail::SolverWorkspace, detail::SolverWorkspaceDeleter> workspace_;
};

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
    // Around a closed loop the mass balances are linearly dependent (their sum is zero): drop one,
    // preferably at the component whose flow law sets the mass flow.
    int flow_eqs = 0, charge_eqs = 0, n_eq = 0, n_controls = 0;
    std::string flow_names, charge_names;
    for (auto& n : nodes_) {
        n.dropped = -1;
        n_controls += n.c.n_controls();
        for (int k = 0; k < n.c.n_equations(); ++k) {
            const auto info = n.c.equation(k);
            if (info.kind == EquationKind::flow) {
                ++flow_eqs;
                flow_names += (flow_names.empty() ? "'" : ", '") + n.name + "' (" + info.name + ")";
            }
            if (info.kind == EquationKind::charge) {
                ++charge_eqs;
                charge_names += (charge_names.empty() ? "'" : ", '") + n.name + "' (" + info.name + ")";
            }
            ++n_eq;
        }
    }
    Node* drop_at = nullptr;
    for (auto& n : nodes_)
        for (int k = 0; k < n.c.n_equations(); ++k)
            if (n.c.equation(k).kind == EquationKind::flow) drop_at = &n;
    if (!drop_at) drop_at = &nodes_[order_.front()];
    for (int k = 0; k < drop_at->c.n_equations(); ++k)
        if (drop_at->c.equation(k).kind == EquationKind::mass_balance) {
            drop_at->dropped = k;
            --n_eq;
            break;
        }
    const int n_unknowns = 3 * static_cast<int>(edges_.size()) + n_controls;
    if (n_eq == n_unknowns) {
        n_unknowns_ = n_unknowns;
        n_residuals_ = n_eq;
        return {};
    }
    std::string what;
    if (n_eq < n_unknowns) {
        if (flow_eqs == 0)
            what = "nothing sets the mass flow: give the compressor a mass flow, a displacement or a map";
        else if (charge_eqs == 0)
            what = "set a subcooling at the condenser outlet or add a receiver";
        else
            what = "a pressure level or an outlet state is not specified";
    } else {
        if (flow_eqs > 1)
            what = "the mass flow is set more than once, by " + flow_names + ": keep one";
        else if (charge_eqs > 1)
            what = "the charge is fixed more than once, by " + charge_names + ": keep one";
        else
            what = "a pressure level or an outlet state is specified twice (for example a fixed saturation "
                   "temperature together with a controlled valve)";
    }
    return ThermoError::format(Errc::validation_error, "%d equations for %d unknowns: %s", n_eq, n_unknowns,
                               what.c_str());
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
    x_start_ = Eigen::VectorXd::Zero(n_unknowns_);
    sweep_buffer_ = Eigen::VectorXd::Zero(n_unknowns_);
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
    unpack(x);
    for (std::uint32_t i : order_) {
        const Node& n = nodes_[i];
        std::span<double> blk(block_.data(), static_cast<std::size_t>(n.c.n_equations()));
        if (!n.c.residuals(props_, state_[static_cast<std::size_t>(n.in_edge)],
                           state_[static_cast<std::size_t>(n.out_edge)], controls_of(n), blk, property_error_))
            return false;
        int row = n.first_residual;
        for (int k = 0; k < n.c.n_equations(); ++k)
            if (k != n.dropped) r[row++] = blk[static_cast<std::size_t>(k)];
    }
    for (Eigen::Index k = 0; k < r.size(); ++k)
        if (!std::isfinite(r[k])) return false;
    return true;
}

inline bool System::jacobian(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::MatrixXd> J) {
    unpack(x);
    J.setZero();
    const auto ne = static_cast<int>(edges_.size());
    auto var_ref = [&](int k) -> double& {
        if (k < 3 * ne) {
            EdgeState& e = state_[static_cast<std::size_t>(k / 3)];
            return k % 3 == 0 ? e.p : (k % 3 == 1 ? e.h : e.m);
        }
        return controls_[static_cast<std::size_t>(k - 3 * ne)];
    };
    auto var_scale = [&](int k) {
        if (k >= 3 * ne) return 1.0;
        return k % 3 == 0 ? scale::pressure : (k % 3 == 1 ? scale::enthalpy : scale::mass_flow);
    };
    for (std::uint32_t i : order_) {
        Node& n = nodes_[i];
        const auto neq = static_cast<std::size_t>(n.c.n_equations());
        std::span<double> base(base_block_.data(), neq), pert(block_.data(), neq);
        const auto& in = state_[static_cast<std::size_t>(n.in_edge)];
        const auto& out = state_[static_cast<std::size_t>(n.out_edge)];
        if (!n.c.residuals(props_, in, out, controls_of(n), base, property_error_)) return false;
        for (int k : n.vars) {
            double& v = var_ref(k);
            const double saved = v;
            const double step = 1.4901161193847656e-08 * std::max(std::fabs(x[k]), 1.0);
            v = saved + step * var_scale(k);
            const double actual = (v - saved) / var_scale(k);
            const bool ok = n.c.residuals(props_, in, out, controls_of(n), pert, property_error_);
            v = saved;
            if (!ok) return false;
            int row = n.first_residual;
            for (std::size_t q = 0; q < neq; ++q) {
                if (static_cast<int>(q) == n.dropped) continue;
                J(row++, k) = (pert[q] - base[q]) / actual;
            }
        }
    }
    return J.allFinite();
}

inline void System::clamp(Eigen::Ref<Eigen::VectorXd> x) const {
    // Pressures stay positive and below the EOS limit; mass flows stay positive (a reversed flow
    // is not a state of a vapour-compression loop).
    const double p_max = refrigerant().p_max().si() / scale::pressure;
    for (std::size_t e = 0; e < edges_.size(); ++e) {
        x[3 * e] = std::clamp(x[3 * e], 1e-3, p_max);
        x[3 * e + 2] = std::max(x[3 * e + 2], 1e-9);
    }
}

inline bool System::picard_sweep(Eigen::Ref<Eigen::VectorXd> x) {
    unpack(x);
    // Twice around the loop: pressures set downstream (condenser, evaporator) reach the
    // components upstream of them on the second pass.
    for (int pass = 0; pass < 2; ++pass)
        for (std::uint32_t i : order_) {
            Node& n = nodes_[i];
            if (!n.c.sweep(props_, state_[static_cast<std::size_t>(n.in_edge)],
                           state_[static_cast<std::size_t>(n.out_edge)], controls_of(n)))
                return false;
        }
    pack(x);
    return true;
}

inline void System::residual_name(Eigen::Index i, char* buffer, std::size_t capacity) const {
    if (i < 0 || i >= n_residuals_) {
        std::snprintf(buffer, capacity, "residual %ld", static_cast<long>(i));
        return;
    }
    const Node& n = nodes_[static_cast<std::size_t>(row_node_[static_cast<std::size_t>(i)])];
    std::snprintf(buffer, capacity, "'%s' (%s): %s", n.name.c_str(), std::string(to_string(n.c.role())).c_str(),
                  n.c.equation(row_local_[static_cast<std::size_t>(i)]).name);
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
    GuessHints g;
    for (const auto& n : nodes_) n.c.hints(props_, g);
    const auto& f = refrigerant();
    const double Tc = f.T_critical().si();
    // Without hints: condensing at 45 C and evaporating at 0 C, kept inside the fluid's range.
    auto p_at = [&](double T, double fallback) {
        T = std::clamp(T, f.T_min().si() + 1.0, Tc - 5.0);
        auto s = props_.sat_t(T);
        return s ? 0.5 * (s->p_bubble.si() + s->p_dew.si()) : fallback;
    };
    double p_hi = g.p_high > 0 ? g.p_high : p_at(318.15, 0.5 * f.p_critical().si());
    double p_lo = g.p_low > 0 ? g.p_low : p_at(273.15, 0.1 * f.p_critical().si());
    if (p_lo >= p_hi) p_lo = 0.5 * p_hi;
    // Typical states: 5 K of subcooling and of superheat, saturation as a fallback.
    auto h_at = [&](double p, bool liquid, double dT) {
        auto sat = props_.sat_p(p);
        if (!sat) return liquid ? 2e5 : 4e5;
        auto st = props_.tp(liquid ? sat->T_bubble.si() - dT : sat->T_dew.si() + dT, p);
        if (st) return st->h.si();
        return liquid ? sat->h_liquid.si() : sat->h_vapor.si();
    };
    const double h_liq = h_at(p_hi, true, 5.0);
    const double h_suction = h_at(p_lo, false, 5.0);
    const double h_discharge = h_at(p_hi, false, 30.0);
    const double m = g.m > 0 ? g.m : 0.05;
    // Walk the loop from the compressor: high pressure until the expansion valve, low after it.
    bool high = true;
    double h = h_suction;
    for (std::uint32_t i : order_) {
        Node& n = nodes_[i];
        auto& out = state_[static_cast<std::size_t>(n.out_edge)];
        switch (n.c.role()) {
        case Role::compressor:
            high = true;
            h = h_discharge;
            break;
        case Role::condenser:
        case Role::receiver: h = h_liq; break;
        case Role::expansion_valve: high = false; break;
        case Role::evaporator: h = h_suction; break;
        case Role::other: break;
        }
        out.p = high ? p_hi : p_lo;
        out.h = h;
        out.m = m;
    }
    for (auto& n : nodes_) n.c.initial_controls(controls_of(n));
    // Compressors set the flow and the discharge enthalpy from this suction state.
    for (std::uint32_t i : order_) {
        Node& n = nodes_[i];
        if (n.c.role() != Role::compressor) continue;
        EdgeState in = state_[static_cast<std::size_t>(n.in_edge)], out = state_[static_cast<std::size_t>(n.out_edge)];
        if (n.c.sweep(props_, in, out, controls_of(n)) && in.m > 0 && std::isfinite(out.h)) {
            for (auto& e : state_) e.m = in.m;
            state_[static_cast<std::size_t>(n.out_edge)].h = out.h;
        }
    }
    pack(x);
    // Relaxed Picard passes solve boundary-condition (design-mode) cycles outright; for off-design
    // cycles they may lead astray, so keep whichever start has the smaller residual.
    auto norm_at = [&](Eigen::Ref<const Eigen::VectorXd> z) {
        Eigen::VectorXd& r = x_start_;
        if (!residuals(z, r.head(n_residuals_))) return std::numeric_limits<double>::infinity();
        return r.head(n_residuals_).cwiseAbs().maxCoeff();
    };
    Eigen::VectorXd& swept = sweep_buffer_;
    swept = x;
    bool ok = true;
    for (int pass = 0; pass < 3 && ok; ++pass) ok = picard_sweep(swept);
    if (ok && norm_at(swept) < norm_at(x)) x = swept;
}

} // namespace entropyk

#include "entropyk/cycles/solve.hpp"
