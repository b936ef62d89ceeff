// IWYU pragma: private, include <entropyk/cycles/typed.hpp>
// A closed typed cycle: the component models in a tuple, their number, the connections and the
// unknown count fixed at compile time, and fixed-size storage for everything a solve touches.
// It assembles and solves the same nonlinear system as the runtime System (the shared engine of
// cycles/detail/loop.hpp, the same solvers through solve_loop), so for the same cycle the two
// give the same numbers. Built by `cycle<Fluid>() | ... | close_loop` (cycles/typed/chain.hpp).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <utility>

#include <Eigen/Core>

#include "entropyk/cycles/detail/loop.hpp"
#include "entropyk/cycles/detail/loop_access.hpp"
#include "entropyk/cycles/system.hpp"
#include "entropyk/cycles/typed/stage.hpp"

namespace entropyk {

/// A closed refrigerant loop of the fluid tag `Fluid` (fluids::R134a, ...) through `Stages`
/// (typed::Stage<Model, Spec>), connected in order: the outlet of stage i feeds the inlet of
/// stage i + 1, the last feeds the first. Connection i leaves stage i.
///
/// Unknowns (scaled): [p, h, m] per connection, then the control unknowns in flow order; residual
/// rows in flow order from the first compressor, one mass balance dropped (System's layout).
/// A solve does not allocate; moving or copying the cycle is allowed (the solver workspace is
/// re-created for a copy).
template <class Fluid, class... Stages>
class TypedCycle {
    static constexpr std::size_t K = sizeof...(Stages);
    static_assert(K > 0 && typed::has_compressor<Stages...>, "a typed cycle needs a compressor");

  public:
    using fluid = Fluid;
    static constexpr std::size_t component_count = K;
    static constexpr std::size_t connection_count = K;
    static constexpr int control_count = (0 + ... + Stages::spec::controls);
    static constexpr int unknown_count = 3 * static_cast<int>(K) + control_count;

  private:
    static constexpr int N = unknown_count;
    static constexpr int max_equations = std::max({Stages::spec::max_equations...});
    static constexpr int max_vars = 9 + std::max({Stages::spec::controls...});
    static constexpr std::array<Role, K> roles = {Stages::spec::role...};
    /// Flow order starts at the first compressor, as in System.
    static constexpr std::size_t start = [] {
        for (std::size_t i = 0; i < K; ++i)
            if (roles[i] == Role::compressor) return i;
        return std::size_t{0};
    }();
    using Vector = Eigen::Matrix<double, N, 1>;
    using Solvers = detail::LoopSolvers<TypedCycle>;

  public:
    /// Validates the components, counts equations and lays out the system (System::finalize);
    /// the outcome is status(). All allocation happens here.
    explicit TypedCycle(std::tuple<Stages...> stages, Backend backend = Backend::eos)
        : props_(Fluid::get(), backend), stages_(std::move(stages)) {
        finalize();
    }

    TypedCycle(const TypedCycle& o) : TypedCycle(o, 0) {}
    TypedCycle(TypedCycle&&) noexcept = default;
    TypedCycle& operator=(const TypedCycle& o) {
        if (this != &o) *this = TypedCycle(o);
        return *this;
    }
    TypedCycle& operator=(TypedCycle&&) noexcept = default;
    ~TypedCycle() = default;

    /// Whether the cycle can be solved: component parameters valid and as many equations as
    /// unknowns. A solve of an invalid cycle returns status invalid_input with this message.
    [[nodiscard]] const Result<void>& status() const noexcept { return status_; }

    /// Solves the cycle (warm start from the last converged solution, cold start otherwise).
    /// No allocation happens here.
    const CycleResults& solve(SolverMethod method = SolverMethod::fallback, const SolveSettings& settings = {},
                              StartMode start_mode = StartMode::warm) {
        if (!status_) {
            results_.status = SolveStatus::invalid_input;
            std::snprintf(results_.report, sizeof results_.report, "%s", status_.error().c_str());
            return results_;
        }
        bind_sensors();
        detail::solve_loop(*this, Access{*this}, *solvers_, x_, method, settings, start_mode, have_solution_, results_,
                           si_);
        return results_;
    }

    [[nodiscard]] const CycleResults& results() const noexcept { return results_; }
    /// The solution vector in SI: [p, h, m] per connection, then the control unknowns.
    [[nodiscard]] std::span<const double, N> state_vector() const noexcept { return si_; }

    [[nodiscard]] const fluids::Fluid& refrigerant() const noexcept { return props_.fluid(); }
    [[nodiscard]] const PropertyService& properties() const noexcept { return props_; }
    [[nodiscard]] std::string_view component_name(std::size_t i) const { return names_.at(i); }
    /// The model of component I (in the order it was piped in).
    template <std::size_t I>
    [[nodiscard]] const auto& component() const noexcept {
        return std::get<I>(stages_).engine;
    }

    /// Changes an input of component I between solves (the HIL step).
    template <std::size_t I>
    Result<void> set_input(Input which, double value) {
        static_assert(I < K, "set_input<I>: I is the position of the component in the cycle");
        if (!std::isfinite(value))
            return ThermoError::format(Errc::invalid_argument, "%s: input value is not a finite number",
                                       label(I).c_str());
        auto r = detail::set_input_atomically(std::get<I>(stages_).engine, which, value);
        if (!r) return ThermoError::format(r.error().code(), "%s: %s", label(I).c_str(), r.error().c_str());
        return {};
    }

    // ---- the nonlinear system seen by the solvers (scaled unknowns and residuals) --------------
    [[nodiscard]] Eigen::Index size() const noexcept { return N; }
    bool residuals(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> r) {
        bind_sensors();
        Access a{*this};
        return detail::residuals(a, x, r);
    }
    bool jacobian(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::MatrixXd> J) {
        bind_sensors();
        Access a{*this};
        return detail::jacobian(a, x, J);
    }
    void clamp(Eigen::Ref<Eigen::VectorXd> x) {
        Access a{*this};
        detail::clamp(a, x);
    }
    bool picard_sweep(Eigen::Ref<Eigen::VectorXd> x) {
        bind_sensors();
        Access a{*this};
        return detail::picard_sweep(a, x);
    }
    bool controls_saturated(Eigen::Ref<const Eigen::VectorXd> x) {
        Access a{*this};
        return detail::controls_saturated(a, x);
    }
    void initial_guess(Eigen::Ref<Eigen::VectorXd> x) {
        bind_sensors();
        Access a{*this};
        detail::initial_guess(a, x);
    }
    void residual_name(Eigen::Index i, char* buffer, std::size_t capacity) const {
        std::snprintf(buffer, capacity, "residual %ld", static_cast<long>(i));
        for_each_flow_const([&](const auto& c, const detail::NodeSlots& n) {
            int row = n.first_residual;
            for (int k = 0; k < c.n_equations(); ++k) {
                if (k == n.dropped) continue;
                if (row++ == i) {
                    std::snprintf(buffer, capacity, "'%s' (%s): %s", names_[n.index].c_str(),
                                  std::string(to_string(c.role())).c_str(), c.equation(k).name);
                    return false;
                }
            }
            return true;
        });
    }
    void variable_name(Eigen::Index i, char* buffer, std::size_t capacity) const {
        if (i < 3 * static_cast<Eigen::Index>(K)) {
            static constexpr const char* what[] = {"p", "h", "m"};
            const auto e = static_cast<std::size_t>(i / 3);
            std::snprintf(buffer, capacity, "%s of '%s' -> '%s'", what[i % 3], names_[e].c_str(),
                          names_[(e + 1) % K].c_str());
        } else {
            std::snprintf(buffer, capacity, "control %ld", static_cast<long>(i - 3 * static_cast<Eigen::Index>(K)));
        }
    }

  private:
    // ---- what the shared engine sees (cycles/detail/loop_access.hpp) ----------------------------
    template <class>
    friend struct detail::LoopAccess;
    using Access = detail::LoopAccess<TypedCycle>;
    [[nodiscard]] static constexpr Eigen::Index residual_count() noexcept { return N; }
    [[nodiscard]] std::span<const int> node_vars(std::uint32_t i) const {
        return std::span<const int>(vars_[i]).first(static_cast<std::size_t>(n_vars_[i]));
    }
    [[nodiscard]] std::string_view node_name(std::uint32_t i) const { return names_[i]; }
    template <class F>
    bool for_each_flow(F& f) {
        return [&]<std::size_t... J>(std::index_sequence<J...>) { return (visit<(start + J) % K>(f) && ...); }
        (std::make_index_sequence<K>{});
    }
    template <class F>
    bool for_each_added(F& f) {
        return [&]<std::size_t... I>(std::index_sequence<I...>) { return (visit<I>(f) && ...); }
        (std::make_index_sequence<K>{});
    }

    template <std::size_t I, class F>
    bool visit(F& f) {
        return f(std::get<I>(stages_).engine, slots_[I]);
    }
    template <class F>
    bool for_each_flow_const(F&& f) const {
        return [&]<std::size_t... J>(std::index_sequence<J...>) {
            return (f(std::get<(start + J) % K>(stages_).engine, slots_[(start + J) % K]) && ...);
        }
        (std::make_index_sequence<K>{});
    }

    /// Copy: everything but the solver workspace, which is made anew.
    TypedCycle(const TypedCycle& o, int)
        : props_(o.props_), stages_(o.stages_), names_(o.names_), slots_(o.slots_), vars_(o.vars_), n_vars_(o.n_vars_),
          sensor_edge_(o.sensor_edge_), state_(o.state_), controls_(o.controls_), block_(o.block_),
          base_block_(o.base_block_), x_(o.x_), scratch_r_(o.scratch_r_), scratch_x_(o.scratch_x_), si_(o.si_),
          property_error_(o.property_error_), results_(o.results_), status_(o.status_),
          have_solution_(o.have_solution_), solvers_(std::make_unique<Solvers>(N)) {}

    [[nodiscard]] std::string label(std::size_t i) const {
        return "component '" + names_[i] + "' (" + std::string(to_string(roles[i])) + ")";
    }

    /// Superheat-controlled valves read the outlet of the first evaporator downstream of them.
    /// The pointer goes into this object's storage, so it is set again before every evaluation
    /// (a moved or copied cycle binds to its own storage).
    void bind_sensors() {
        [&]<std::size_t... I>(std::index_sequence<I...>) { (bind_sensor_of<I>(), ...); }
        (std::make_index_sequence<K>{});
    }
    template <std::size_t I>
    void bind_sensor_of() {
        auto& c = std::get<I>(stages_).engine;
        if constexpr (requires { c.bind_sensor(static_cast<const EdgeState*>(nullptr)); })
            if (sensor_edge_[I] >= 0) c.bind_sensor(&state_[static_cast<std::size_t>(sensor_edge_[I])]);
    }

    void finalize() {
        static_assert(detail::LoopView<Access>, "a typed cycle presents its storage to the engine as a LoopView");
        // Names: the role, numbered when a role appears more than once ("condenser 2").
        for (std::size_t i = 0; i < K; ++i) {
            const auto nth = std::count(roles.begin(), roles.begin() + static_cast<std::ptrdiff_t>(i), roles[i]);
            const auto all = std::count(roles.begin(), roles.end(), roles[i]);
            names_[i] = std::string(to_string(roles[i])) + (all > 1 ? " " + std::to_string(nth + 1) : "");
            slots_[i].index = static_cast<std::uint32_t>(i);
            slots_[i].in_edge = static_cast<int>((i + K - 1) % K);
            slots_[i].out_edge = static_cast<int>(i);
        }
        results_.connections.assign(K, ConnectionResult{});
        for (std::size_t e = 0; e < K; ++e) {
            results_.connections[e].from = static_cast<std::uint32_t>(e);
            results_.connections[e].to = static_cast<std::uint32_t>((e + 1) % K);
        }
        results_.components.assign(K, ComponentReport{});
        solvers_ = std::make_unique<Solvers>(N);
        status_ = assemble();
    }

    Result<void> assemble() {
        Access a{*this};
        Result<void> bad;
        a.for_each_added([&](const auto& c, const detail::NodeSlots& n) {
            if (auto v = c.validate(); !v) {
                bad = ThermoError::format(v.error().code(), "%s: %s", label(n.index).c_str(), v.error().c_str());
                return false;
            }
            return true;
        });
        if (!bad) return bad;
        // What the types promised must hold for the models as configured.
        [&]<std::size_t... I>(std::index_sequence<I...>) { (check_spec<I>(bad), ...); }
        (std::make_index_sequence<K>{});
        if (!bad) return bad;
        auto n = detail::count_equations(a, K);
        if (!n) return n.error();
        // Layout: residual rows in flow order; control unknowns after the 3 per connection.
        int row = 0, control = 0;
        a.for_each_flow([&](const auto& c, detail::NodeSlots& s) {
            s.first_residual = row;
            s.first_control = control;
            control += c.n_controls();
            row += c.n_equations() - (s.dropped >= 0 ? 1 : 0);
            return true;
        });
        // Sensors and the unknowns each component's residuals depend on.
        for (std::size_t j = 0; j < K; ++j) {
            const std::size_t i = (start + j) % K;
            sensor_edge_[i] = -1;
            for (std::size_t d = 1; d < K; ++d) {
                const std::size_t down = (i + d) % K;
                if (roles[down] == Role::evaporator) {
                    sensor_edge_[i] = slots_[down].out_edge;
                    break;
                }
            }
        }
        a.for_each_flow([&](const auto& c, const detail::NodeSlots& s) {
            auto& v = vars_[s.index];
            int& nv = n_vars_[s.index];
            nv = 0;
            auto add_edge = [&](int e) {
                for (int q = 0; q < 3; ++q)
                    if (std::find(v.begin(), v.begin() + nv, 3 * e + q) == v.begin() + nv) v[nv++] = 3 * e + q;
            };
            add_edge(s.in_edge);
            add_edge(s.out_edge);
            if (detail::senses_evaporator_outlet(c)) {
                if (sensor_edge_[s.index] < 0) {
                    bad = ThermoError::format(Errc::validation_error,
                                              "%s controls the evaporator outlet superheat, but no evaporator "
                                              "follows it in the loop",
                                              label(s.index).c_str());
                    return false;
                }
                add_edge(sensor_edge_[s.index]);
            }
            for (int q = 0; q < c.n_controls(); ++q) v[nv++] = 3 * static_cast<int>(K) + s.first_control + q;
            return true;
        });
        if (!bad) return bad;
        bind_sensors();
        return {};
    }

    template <std::size_t I>
    void check_spec(Result<void>& bad) const {
        using S = std::tuple_element_t<I, std::tuple<Stages...>>;
        const auto& c = std::get<I>(stages_).engine;
        if (bad && (c.n_controls() != S::spec::controls || c.n_equations() > S::spec::max_equations ||
                    c.role() != S::spec::role))
            bad = ThermoError::format(Errc::validation_error,
                                      "%s: the model as configured (%d controls, %d equations) does not match its "
                                      "typed description (%d controls, at most %d equations)",
                                      label(I).c_str(), c.n_controls(), c.n_equations(), S::spec::controls,
                                      S::spec::max_equations);
    }

    PropertyService props_;
    std::tuple<Stages...> stages_;
    std::array<std::string, K> names_{};
    std::array<detail::NodeSlots, K> slots_{};
    std::array<std::array<int, max_vars>, K> vars_{};
    std::array<int, K> n_vars_{};
    std::array<int, K> sensor_edge_{};
    // Storage of a solve, fixed-size.
    std::array<EdgeState, K> state_{};
    std::array<double, control_count> controls_{};
    std::array<double, max_equations> block_{};      ///< one component's residuals
    std::array<double, max_equations> base_block_{}; ///< the same at the unperturbed point
    Vector x_ = Vector::Zero();                      ///< scaled unknowns (warm start)
    Vector scratch_r_ = Vector::Zero();
    Vector scratch_x_ = Vector::Zero();
    std::array<double, N> si_{}; ///< state vector in SI
    ThermoError property_error_{};
    CycleResults results_;
    Result<void> status_;
    bool have_solution_ = false;
    std::unique_ptr<Solvers> solvers_;
};

} // namespace entropyk
