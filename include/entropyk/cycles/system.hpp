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
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "entropyk/components/cascade_heat_exchanger.hpp"
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

    /// Adds a component (one inlet and one outlet, or several named ports); returns its index.
    /// Fails after finalize() and for invalid parameters.
    template <NetworkComponent C>
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
        const int ni = component.n_inlets(), no = component.n_outlets();
        if (ni < 1 || no < 1 || ni > max_ports || no > max_ports)
            return ThermoError::format(Errc::invalid_argument,
                                       "component '%.*s': %d inlets and %d outlets (expected 1 to %d of each)",
                                       static_cast<int>(name.size()), name.data(), ni, no, max_ports);
        slots.n_in = static_cast<std::uint8_t>(ni);
        slots.n_out = static_cast<std::uint8_t>(no);
        nodes_.push_back(Node{slots, std::string(name), std::move(component), {}});
        return static_cast<std::uint32_t>(nodes_.size() - 1);
    }

    /// Connects the outlet of component `from` to the inlet of component `to` (one-port
    /// components; a component with several inlets or outlets needs the port named).
    Result<void> connect(std::uint32_t from, std::uint32_t to) {
        if (finalized_) return fail(Errc::invalid_state, "cannot connect after finalize()");
        if (from >= nodes_.size() || to >= nodes_.size())
            return ThermoError::format(Errc::invalid_argument, "connect(%u, %u): the system has %zu components", from,
                                       to, nodes_.size());
        if (nodes_[from].n_out > 1)
            return ThermoError(Errc::invalid_argument, label(from) + " has " + std::to_string(nodes_[from].n_out) +
                                                           " outlets: name the port (" + port_list(from, false) + ")");
        if (nodes_[to].n_in > 1)
            return ThermoError(Errc::invalid_argument, label(to) + " has " + std::to_string(nodes_[to].n_in) +
                                                           " inlets: name the port (" + port_list(to, true) + ")");
        return connect(from, 0, to, 0);
    }

    /// Connects outlet port `from_port` of component `from` to inlet port `to_port` of `to`.
    Result<void> connect(std::uint32_t from, int from_port, std::uint32_t to, int to_port) {
        if (finalized_) return fail(Errc::invalid_state, "cannot connect after finalize()");
        if (from >= nodes_.size() || to >= nodes_.size())
            return ThermoError::format(Errc::invalid_argument, "connect(%u, %u): the system has %zu components", from,
                                       to, nodes_.size());
        if (from_port < 0 || from_port >= nodes_[from].n_out)
            return ThermoError::format(Errc::invalid_argument, "%s: outlet port %d does not exist (it has %d)",
                                       label(from).c_str(), from_port, static_cast<int>(nodes_[from].n_out));
        if (to_port < 0 || to_port >= nodes_[to].n_in)
            return ThermoError::format(Errc::invalid_argument, "%s: inlet port %d does not exist (it has %d)",
                                       label(to).c_str(), to_port, static_cast<int>(nodes_[to].n_in));
        const int used_out = nodes_[from].out_port(from_port), used_in = nodes_[to].in_port(to_port);
        if (used_out >= 0)
            return ThermoError::format(Errc::validation_error,
                                       "%s: %s is already connected (to %s); a port takes one connection",
                                       label(from).c_str(), port_label(from, from_port, false).c_str(),
                                       label(edges_[static_cast<std::size_t>(used_out)].to).c_str());
        if (used_in >= 0)
            return ThermoError::format(Errc::validation_error,
                                       "%s: %s is already connected (from %s); a port takes one connection",
                                       label(to).c_str(), port_label(to, to_port, true).c_str(),
                                       label(edges_[static_cast<std::size_t>(used_in)].from).c_str());
        edges_.push_back(Edge{from, to, from_port, to_port});
        nodes_[from].out_port_ref(from_port) = static_cast<int>(edges_.size() - 1);
        nodes_[to].in_port_ref(to_port) = static_cast<int>(edges_.size() - 1);
        return {};
    }

    /// Connects ports named "component.port": an outlet ("compressor.discharge",
    /// "flash_tank.vapour_out") to an inlet ("mixer.inlet_b"). Every component has the ports its
    /// model names; a one-port component's are "inlet" and "outlet" (a compressor's also
    /// "suction" and "discharge"). A bare component name stands for its only outlet / inlet.
    Result<void> connect(std::string_view from, std::string_view to) {
        auto a = find_port(from, false);
        if (!a) return a.error();
        auto b = find_port(to, true);
        if (!b) return b.error();
        return connect(a->first, a->second, b->first, b->second);
    }

    /// The component index and port number of "component.port" (inlet = true: an inlet port).
    /// A component whose name itself contains a dot is found by its whole name first.
    [[nodiscard]] Result<std::pair<std::uint32_t, int>> find_port(std::string_view spec, bool inlet) const {
        for (std::uint32_t i = 0; i < nodes_.size(); ++i)
            if (nodes_[i].name == spec) return find_port(i, {}, inlet, spec);
        const std::size_t dot = spec.rfind('.');
        if (dot != std::string_view::npos)
            for (std::uint32_t i = 0; i < nodes_.size(); ++i)
                if (nodes_[i].name == spec.substr(0, dot)) return find_port(i, spec.substr(dot + 1), inlet, spec);
        const std::string_view comp = dot == std::string_view::npos ? spec : spec.substr(0, dot);
        return ThermoError(Errc::invalid_argument,
                           "'" + std::string(spec) + "': no component named '" + std::string(comp) + "'");
    }
    /// The port named `port` of component `i` (empty: its only inlet or outlet); `spec` is how
    /// the caller wrote it, for the message.
    [[nodiscard]] Result<std::pair<std::uint32_t, int>> find_port(std::uint32_t i, std::string_view port, bool inlet,
                                                                  std::string_view spec) const {
        const int n = inlet ? nodes_[i].n_in : nodes_[i].n_out;
        if (port.empty()) {
            if (n == 1) return std::pair<std::uint32_t, int>{i, 0};
            return ThermoError(Errc::invalid_argument, "'" + std::string(spec) + "': " + label(i) + " has " +
                                                           std::to_string(n) + (inlet ? " inlets" : " outlets") +
                                                           ": name the port (" + port_list(i, inlet) + ")");
        }
        for (int k = 0; k < n; ++k)
            if (port == (inlet ? nodes_[i].c.inlet_name(k) : nodes_[i].c.outlet_name(k)))
                return std::pair<std::uint32_t, int>{i, k};
        if (n == 1 && nodes_[i].c.role() == Role::compressor && port == (inlet ? "suction" : "discharge"))
            return std::pair<std::uint32_t, int>{i, 0};
        const bool other_side = [&] {
            const int m = inlet ? nodes_[i].n_out : nodes_[i].n_in;
            for (int k = 0; k < m; ++k)
                if (port == (inlet ? nodes_[i].c.outlet_name(k) : nodes_[i].c.inlet_name(k))) return true;
            return port == (inlet ? "discharge" : "suction") && nodes_[i].c.role() == Role::compressor;
        }();
        return ThermoError(Errc::invalid_argument,
                           "'" + std::string(spec) + "': " + label(i) +
                               (other_side ? std::string(inlet ? " has an outlet" : " has an inlet") + " named '" +
                                                 std::string(port) + "', not an " + (inlet ? "inlet" : "outlet")
                                           : std::string(" has no ") + (inlet ? "inlet" : "outlet") + " named '" +
                                                 std::string(port) + "'") +
                               " (" + (inlet ? "inlets: " : "outlets: ") + port_list(i, inlet) + ")");
    }

    /// Several refrigerant loops: each connected set of connections is one loop. A loop uses the
    /// system's refrigerant unless one of its components is given another here (by name, or as
    /// "component.port"); the loops are found and checked at finalize(). The backend is the
    /// loop's own (tables are built here, once per fluid, not in a solve).
    Result<void> set_refrigerant(std::string_view component, const fluids::Fluid& refrigerant,
                                 Backend backend = Backend::eos) {
        if (finalized_) return fail(Errc::invalid_state, "cannot set a refrigerant after finalize()");
        const std::size_t dot = component.rfind('.');
        refrigerant_choices_.push_back(
            {std::string(dot == std::string_view::npos ? component : component.substr(0, dot)),
             std::make_unique<PropertyService>(refrigerant, backend)});
        return {};
    }
    Result<void> set_refrigerant(std::string_view component, std::string_view refrigerant,
                                 Backend backend = Backend::eos) {
        auto f = fluids::find_fluid(refrigerant);
        if (!f) return f.error();
        return set_refrigerant(component, **f, backend);
    }

    /// A cascade heat exchanger between two loops: adds its condensing side (a component of the
    /// lower-temperature loop) and its evaporating side (a component of the upper loop) under
    /// their own names, coupled by the exchanger's equations (components/cascade_heat_exchanger.hpp).
    /// Returns their indices (condensing, evaporating).
    Result<std::pair<std::uint32_t, std::uint32_t>>
    add_cascade(std::string_view condensing_side, std::string_view evaporating_side, const CascadeHeatExchanger& hx) {
        if (finalized_) return fail(Errc::invalid_state, "cannot add a component after finalize()");
        if (auto v = hx.validate(); !v)
            return ThermoError::format(v.error().code(), "cascade heat exchanger '%.*s' / '%.*s': %s",
                                       static_cast<int>(condensing_side.size()), condensing_side.data(),
                                       static_cast<int>(evaporating_side.size()), evaporating_side.data(),
                                       v.error().c_str());
        if (condensing_side == evaporating_side)
            return ThermoError::format(Errc::invalid_argument,
                                       "cascade heat exchanger: its two sides need two names (both are '%.*s')",
                                       static_cast<int>(condensing_side.size()), condensing_side.data());
        auto hot = add(condensing_side, hx.condensing_side());
        if (!hot) return hot.error();
        auto cold = add(evaporating_side, hx.evaporating_side());
        if (!cold) return cold.error();
        couplings_.push_back({*hot, *cold});
        return std::pair<std::uint32_t, std::uint32_t>{*hot, *cold};
    }

    /// Validates the topology and the equation count, lays out unknowns and residuals and
    /// allocates everything the solve needs.
    Result<void> finalize();

    /// The refrigerant loops (after finalize()): their number, the loop of a component and the
    /// refrigerant of a loop. Loop 0 is the loop of the first compressor added.
    [[nodiscard]] int loop_count() const noexcept { return n_loops_; }
    [[nodiscard]] int loop_of(std::uint32_t component) const { return nodes_.at(component).loop; }
    [[nodiscard]] const fluids::Fluid& loop_refrigerant(int loop) const { return loop_properties(loop).fluid(); }
    [[nodiscard]] const PropertyService& loop_properties(int loop) const {
        return loop_props_.empty() ? props_ : *loop_props_.at(static_cast<std::size_t>(loop));
    }

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
        int from_port = 0, to_port = 0;
    };

    std::string label(std::uint32_t i) const {
        return "component '" + nodes_[i].name + "' (" + std::string(to_string(nodes_[i].c.role())) + ")";
    }
    /// "outlet" for a one-port component's outlet, else "outlet 'vapour_out'".
    std::string port_label(std::uint32_t i, int k, bool inlet) const {
        const Node& n = nodes_[i];
        if ((inlet ? n.n_in : n.n_out) == 1 && n.n_in == 1 && n.n_out == 1) return inlet ? "inlet" : "outlet";
        return std::string(inlet ? "inlet '" : "outlet '") + (inlet ? n.c.inlet_name(k) : n.c.outlet_name(k)) + "'";
    }
    /// "liquid_out, vapour_out": the names of a component's outlets (or inlets).
    std::string port_list(std::uint32_t i, bool inlet) const {
        std::string r;
        const int n = inlet ? nodes_[i].n_in : nodes_[i].n_out;
        for (int k = 0; k < n; ++k)
            r += (k ? ", " : "") + std::string(inlet ? nodes_[i].c.inlet_name(k) : nodes_[i].c.outlet_name(k));
        return r;
    }
    [[nodiscard]] bool multi_port(std::uint32_t i) const { return nodes_[i].n_in > 1 || nodes_[i].n_out > 1; }
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
    Result<void> assign_loops();
    Result<void> check_count();
    [[nodiscard]] int edge_loop(std::size_t e) const { return edge_loop_[e]; }

    PropertyService props_;
    std::vector<Node> nodes_;
    std::vector<Edge> edges_;
    std::vector<std::uint32_t> order_; ///< components in flow order, starting at a compressor
    struct RefrigerantChoice {
        std::string component;
        std::unique_ptr<PropertyService> props; ///< stable address: components bind to it
    };
    std::vector<RefrigerantChoice> refrigerant_choices_;
    struct Coupling {
        std::uint32_t hot, cold; ///< the condensing and the evaporating side of a cascade exchanger
    };
    std::vector<Coupling> couplings_;
    /// Whether a cascade exchanger is in the UA form (its evaporating side then reads the condensing side).
    [[nodiscard]] bool cascade_ua_form(const Coupling& c) const {
        const auto* cold = nodes_[c.cold].c.as<CascadeEvaporatingSide>();
        return cold && cold->ua_form();
    }
    int n_loops_ = 1;
    std::vector<int> edge_loop_;                              ///< connection -> loop (set at finalize)
    std::vector<const PropertyService*> loop_props_;          ///< loop -> its property service (empty: props_)
    std::vector<std::unique_ptr<PropertyService>> own_props_; ///< copies of props_ for several loops
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
    auto note = [&](const std::string& m) { missing += (missing.empty() ? "" : "; ") + m; };
    std::vector<std::pair<std::uint32_t, int>> open_out, open_in;
    for (std::uint32_t i = 0; i < nodes_.size(); ++i) {
        const Node& n = nodes_[i];
        // One-port components keep their messages; a port of a multi-port component is named
        // as it is connected: "flash_tank.vapour_out is not connected".
        for (int k = 0; k < n.n_in; ++k)
            if (n.in_port(k) < 0) {
                note(multi_port(i) ? n.name + "." + n.c.inlet_name(k) + " is not connected"
                                   : label(i) + ": inlet is not connected");
                open_in.emplace_back(i, k);
            }
        for (int k = 0; k < n.n_out; ++k)
            if (n.out_port(k) < 0) {
                note(multi_port(i) ? n.name + "." + n.c.outlet_name(k) + " is not connected"
                                   : label(i) + ": outlet is not connected");
                open_out.emplace_back(i, k);
            }
    }
    if (!missing.empty()) {
        // A chain whose two ends are open is a loop that does not close: say which ports to join.
        std::string hint;
        if (open_out.size() == 1 && open_in.size() == 1) {
            const auto [a, ka] = open_out[0];
            const auto [b, kb] = open_in[0];
            if (!multi_port(a) && !multi_port(b))
                hint = " -- the loop does not close: connect the outlet of '" + nodes_[a].name + "' to the inlet of '" +
                       nodes_[b].name + "'";
            else
                hint = " -- the loop does not close: connect '" + nodes_[a].name + "." + nodes_[a].c.outlet_name(ka) +
                       "' to '" + nodes_[b].name + "." + nodes_[b].c.inlet_name(kb) + "'";
        }
        return ThermoError(Errc::validation_error, missing + hint);
    }
    // Every port is connected. Start at the first compressor (or component 0); the components
    // reached from it through the connections, in either direction, must be all of them (one
    // refrigerant loop per system, possibly with branches and merges).
    std::uint32_t start = 0;
    for (std::uint32_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i].c.role() == Role::compressor) {
            start = i;
            break;
        }
    std::vector<bool> seen(nodes_.size(), false);
    std::vector<std::uint32_t> stack{start};
    seen[start] = true;
    while (!stack.empty()) {
        const std::uint32_t i = stack.back();
        stack.pop_back();
        const Node& n = nodes_[i];
        for (int k = 0; k < n.n_in + n.n_out; ++k) {
            const Edge& e = edges_[static_cast<std::size_t>(k < n.n_in ? n.in_port(k) : n.out_port(k - n.n_in))];
            const std::uint32_t j = k < n.n_in ? e.from : e.to;
            if (!seen[j]) seen[j] = true, stack.push_back(j);
        }
        // Loops coupled by a cascade heat exchanger are one system.
        for (const Coupling& c : couplings_) {
            const std::uint32_t j = c.hot == i ? c.cold : (c.cold == i ? c.hot : i);
            if (!seen[j]) seen[j] = true, stack.push_back(j);
        }
    }
    if (std::find(seen.begin(), seen.end(), false) != seen.end()) {
        std::string others;
        for (std::uint32_t i = 0; i < nodes_.size(); ++i)
            if (!seen[i]) others += (others.empty() ? "'" : ", '") + nodes_[i].name + "'";
        return ThermoError(Errc::validation_error, "the connections form more than one loop: " + others +
                                                       " are not on the loop of '" + nodes_[start].name +
                                                       "' (one refrigerant loop per system)");
    }
    // Flow order: depth first along the outlets, outlet port 0 first (for one series loop this
    // is the walk around the loop from the compressor); components reached only against the flow
    // follow, from their own depth-first walks.
    order_.clear();
    std::fill(seen.begin(), seen.end(), false);
    auto walk = [&](std::uint32_t root) {
        stack.assign(1, root);
        while (!stack.empty()) {
            const std::uint32_t i = stack.back();
            stack.pop_back();
            if (seen[i]) continue;
            seen[i] = true;
            order_.push_back(i);
            const Node& n = nodes_[i];
            for (int k = n.n_out - 1; k >= 0; --k) {
                const std::uint32_t j = edges_[static_cast<std::size_t>(n.out_port(k))].to;
                if (!seen[j]) stack.push_back(j);
            }
        }
    };
    walk(start);
    for (std::uint32_t i = 0; i < nodes_.size(); ++i)
        if (!seen[i]) walk(i);
    return {};
}

/// Each connected set of connections is one refrigerant loop (components joined through their
/// ports; a cascade heat exchanger's two sides are separate components, so it joins nothing).
/// Loop 0 holds the first component in flow order (the first compressor), the others follow in
/// flow order. A loop's refrigerant is the system's unless set_refrigerant() names one of its
/// components; two different refrigerants named in one loop are refused.
inline Result<void> System::assign_loops() {
    std::vector<int> loop_of(nodes_.size(), -1);
    int n = 0;
    std::vector<std::uint32_t> stack;
    for (std::uint32_t root : order_) {
        if (loop_of[root] >= 0) continue;
        stack.assign(1, root);
        loop_of[root] = n;
        while (!stack.empty()) {
            const std::uint32_t i = stack.back();
            stack.pop_back();
            const Node& nd = nodes_[i];
            for (int k = 0; k < nd.n_in + nd.n_out; ++k) {
                const Edge& e =
                    edges_[static_cast<std::size_t>(k < nd.n_in ? nd.in_port(k) : nd.out_port(k - nd.n_in))];
                const std::uint32_t j = k < nd.n_in ? e.from : e.to;
                if (loop_of[j] < 0) loop_of[j] = n, stack.push_back(j);
            }
        }
        ++n;
    }
    for (std::uint32_t i = 0; i < nodes_.size(); ++i) nodes_[i].loop = loop_of[i];
    edge_loop_.assign(edges_.size(), 0);
    for (std::size_t e = 0; e < edges_.size(); ++e) edge_loop_[e] = loop_of[edges_[e].from];
    std::vector<const RefrigerantChoice*> chosen(static_cast<std::size_t>(n), nullptr);
    for (const RefrigerantChoice& r : refrigerant_choices_) {
        std::uint32_t i = 0;
        while (i < nodes_.size() && nodes_[i].name != r.component) ++i;
        if (i == nodes_.size())
            return ThermoError(Errc::validation_error, "set_refrigerant: no component named '" + r.component + "'");
        const RefrigerantChoice*& c = chosen[static_cast<std::size_t>(loop_of[i])];
        if (c && c->props->fluid().name() != r.props->fluid().name())
            return ThermoError(Errc::validation_error,
                               "the loop of '" + r.component + "' is given two refrigerants: " +
                                   std::string(c->props->fluid().name()) + " (at '" + c->component + "') and " +
                                   std::string(r.props->fluid().name()) + " (at '" + r.component + "')");
        c = &r;
    }
    // A cascade exchanger's two sides must be in two different loops.
    for (const Coupling& c : couplings_)
        if (loop_of[c.hot] == loop_of[c.cold])
            return ThermoError(Errc::validation_error,
                               "cascade heat exchanger '" + nodes_[c.hot].name + "' / '" + nodes_[c.cold].name +
                                   "': both sides are in one loop (the condensing side belongs to the lower loop, "
                                   "the evaporating side to the upper one)");
    n_loops_ = n;
    // One loop on the system's refrigerant: props_ itself, as before. Otherwise every loop's
    // service lives on the heap (a loop on the system's refrigerant gets its own copy), so that
    // the addresses components bind to survive a move of the System.
    loop_props_.clear();
    own_props_.clear();
    if (n == 1 && !chosen[0]) return {};
    for (int l = 0; l < n; ++l) {
        const RefrigerantChoice* c = chosen[static_cast<std::size_t>(l)];
        if (c) {
            loop_props_.push_back(c->props.get());
        } else {
            own_props_.push_back(std::make_unique<PropertyService>(props_));
            loop_props_.push_back(own_props_.back().get());
        }
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
    if (auto l = assign_loops(); !l) return l;
    // A side of a cascade exchanger added on its own has no partner to exchange heat with.
    for (std::uint32_t i = 0; i < nodes_.size(); ++i) {
        if (!nodes_[i].c.internal_exchange()) continue;
        const bool coupled = std::any_of(couplings_.begin(), couplings_.end(),
                                         [&](const Coupling& c) { return c.hot == i || c.cold == i; });
        if (!coupled)
            return ThermoError(Errc::validation_error,
                               label(i) + " is one side of a cascade heat exchanger without its other side: add "
                                          "both with System::add_cascade");
    }
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
        results_.connections[e].from_port = static_cast<std::uint32_t>(edges_[e].from_port);
        results_.connections[e].to_port = static_cast<std::uint32_t>(edges_[e].to_port);
        results_.connections[e].loop = static_cast<std::uint32_t>(edge_loop_[e]);
    }
    results_.components.assign(nodes_.size(), ComponentReport{});
    // Superheat-controlled valves read the outlet of the first evaporator downstream of them
    // (following outlet port 0 from the valve: around a series loop, the loop's flow order).
    auto evaporator_after = [&](std::uint32_t i) -> int {
        std::uint32_t j = i;
        for (std::size_t step = 0; step < nodes_.size(); ++step) {
            j = edges_[static_cast<std::size_t>(nodes_[j].out_edge)].to;
            if (j == i) break;
            if (nodes_[j].c.role() == Role::evaporator) return static_cast<int>(j);
        }
        return -1;
    };
    for (std::size_t k = 0; k < order_.size(); ++k) {
        Node& n = nodes_[order_[k]];
        if (!n.c.senses_evaporator_outlet()) continue;
        const int d = evaporator_after(order_[k]);
        const bool bound = d >= 0;
        if (bound) n.c.bind_sensor(&state_[static_cast<std::size_t>(nodes_[static_cast<std::size_t>(d)].out_edge)]);
        if (!bound)
            return ThermoError::format(Errc::validation_error,
                                       "%s controls the evaporator outlet superheat, but no "
                                       "evaporator follows it in the loop",
                                       label(order_[k]).c_str());
    }
    // A geometric-mean flash tank reads the high level at the inlet of the valve that feeds it and
    // the low level at the outlet of the first valve after its liquid outlet (following outlet
    // port 0: the valve before the evaporator the tank's liquid feeds).
    std::vector<std::pair<int, int>> levels(nodes_.size(), {-1, -1});
    for (std::uint32_t i = 0; i < nodes_.size(); ++i) {
        Node& n = nodes_[i];
        if (!n.c.senses_levels()) continue;
        const std::uint32_t up = edges_[static_cast<std::size_t>(n.in_edge)].from;
        int low = -1;
        std::uint32_t j = i;
        for (std::size_t step = 0; step < nodes_.size() && low < 0; ++step) {
            j = edges_[static_cast<std::size_t>(nodes_[j].out_edge)].to;
            if (j == i) break;
            if (nodes_[j].c.role() == Role::expansion_valve) low = nodes_[j].out_edge;
        }
        if (nodes_[up].c.role() != Role::expansion_valve || low < 0)
            return ThermoError::format(Errc::validation_error,
                                       "%s holds the geometric mean of the high and low pressures: it needs an "
                                       "expansion valve before its inlet and one after its liquid outlet",
                                       label(i).c_str());
        levels[i] = {nodes_[up].in_edge, low};
        n.c.bind_levels(&state_[static_cast<std::size_t>(nodes_[up].in_edge)], &state_[static_cast<std::size_t>(low)]);
    }
    // The unknowns each component's residuals depend on, for the component-wise Jacobian.
    for (std::size_t k = 0; k < order_.size(); ++k) {
        Node& n = nodes_[order_[k]];
        n.vars.clear();
        auto add_edge = [&](int e) {
            for (int c = 0; c < 3; ++c)
                if (std::find(n.vars.begin(), n.vars.end(), 3 * e + c) == n.vars.end()) n.vars.push_back(3 * e + c);
        };
        for (int q = 0; q < n.n_in; ++q) add_edge(n.in_port(q));
        for (int q = 0; q < n.n_out; ++q) add_edge(n.out_port(q));
        if (n.c.senses_evaporator_outlet())
            if (const int d = evaporator_after(order_[k]); d >= 0)
                add_edge(nodes_[static_cast<std::size_t>(d)].out_edge);
        for (const Coupling& c : couplings_) {
            if (c.hot == order_[k]) add_edge(nodes_[c.cold].in_edge), add_edge(nodes_[c.cold].out_edge);
            if (c.cold == order_[k] && cascade_ua_form(c))
                add_edge(nodes_[c.hot].in_edge), add_edge(nodes_[c.hot].out_edge);
        }
        if (const auto [high, low] = levels[order_[k]]; high >= 0) add_edge(high), add_edge(low);
        for (int c = 0; c < n.c.n_controls(); ++c)
            n.vars.push_back(3 * static_cast<int>(edges_.size()) + n.first_control + c);
    }
    // The condensing side of a cascade exchanger reads its evaporating side in the other loop.
    // In the UA form the evaporating side reads its condensing side too (the UA equation).
    for (const Coupling& c : couplings_) {
        nodes_[c.hot].c.bind_partner(&state_[static_cast<std::size_t>(nodes_[c.cold].in_edge)],
                                     &state_[static_cast<std::size_t>(nodes_[c.cold].out_edge)],
                                     &loop_properties(nodes_[c.cold].loop));
        if (cascade_ua_form(c))
            nodes_[c.cold].c.bind_partner(&state_[static_cast<std::size_t>(nodes_[c.hot].in_edge)],
                                          &state_[static_cast<std::size_t>(nodes_[c.hot].out_edge)],
                                          &loop_properties(nodes_[c.hot].loop));
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
        if (multi_port(e.from) || multi_port(e.to))
            std::snprintf(buffer, capacity, "%s of '%s.%s' -> '%s.%s'", what[i % 3], nodes_[e.from].name.c_str(),
                          nodes_[e.from].c.outlet_name(e.from_port), nodes_[e.to].name.c_str(),
                          nodes_[e.to].c.inlet_name(e.to_port));
        else
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
