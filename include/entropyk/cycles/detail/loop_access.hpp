// IWYU pragma: private, include <entropyk/cycles.hpp>
// The one adapter through which both loop owners (System, TypedCycle) present their storage to
// the shared engine as a LoopView (cycles/detail/loop_view.hpp). The owner befriends it
// (`template <class> friend struct detail::LoopAccess;`) and provides, privately:
//   data members  props_, state_, controls_, block_, base_block_, property_error_,
//                 scratch_r_, scratch_x_ (any contiguous storage: std::vector, std::array, Eigen);
//   functions     size() (the unknown count), residual_count(), node_vars(i), node_name(i),
//                 for_each_flow(f), for_each_added(f) (as LoopView describes them).
// The two owners differ only in those six functions: the storage is the same shape.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include <Eigen/Core>

#include "entropyk/cycles/detail/loop_view.hpp"

namespace entropyk::detail {

template <class Owner>
struct LoopAccess {
    Owner& s;
    /// A System may hold several refrigerant loops (each connected set of connections, with its
    /// own fluid). focus < 0: the walks visit every component and props() is loop 0's; focus = l:
    /// the walks visit the components of loop l only and props() is that loop's (the per-loop
    /// initial guess). The typed cycle has one loop: these reduce to the one property service.
    int focus = -1;
    static constexpr bool several_loops = requires(const Owner& o) { o.loop_properties(0); };
    [[nodiscard]] const PropertyService& props() const {
        if constexpr (several_loops)
            return s.loop_properties(focus < 0 ? 0 : focus);
        else
            return s.props_;
    }
    /// The property service of the loop a component belongs to.
    [[nodiscard]] const PropertyService& props_for(const NodeSlots& n) const {
        if constexpr (several_loops)
            return s.loop_properties(n.loop);
        else
            return (void)n, s.props_;
    }
    /// The property service of the loop a connection belongs to.
    [[nodiscard]] const PropertyService& edge_props(std::size_t e) const {
        if constexpr (several_loops)
            return s.loop_properties(s.edge_loop(e));
        else
            return (void)e, s.props_;
    }
    /// The loop a connection belongs to (0 in a system with one loop).
    [[nodiscard]] int edge_loop(std::size_t e) const {
        if constexpr (several_loops)
            return s.edge_loop(e);
        else
            return (void)e, 0;
    }
    [[nodiscard]] bool edge_in_focus(std::size_t e) const {
        if constexpr (several_loops)
            return focus < 0 || s.edge_loop(e) == focus;
        else
            return (void)e, true;
    }
    [[nodiscard]] int n_loops() const {
        if constexpr (several_loops)
            return s.loop_count();
        else
            return 1;
    }
    std::span<EdgeState> state() { return s.state_; }
    std::span<double> controls() { return s.controls_; }
    std::span<double> block() { return s.block_; }
    std::span<double> base_block() { return s.base_block_; }
    ThermoError& property_error() { return s.property_error_; }
    [[nodiscard]] Eigen::Index n_unknowns() const { return s.size(); }
    [[nodiscard]] Eigen::Index n_residuals() const { return s.residual_count(); }
    [[nodiscard]] std::span<const int> vars(std::uint32_t i) const { return s.node_vars(i); }
    [[nodiscard]] std::string_view name(std::uint32_t i) const { return s.node_name(i); }
    Eigen::Ref<Eigen::VectorXd> scratch_residuals() { return s.scratch_r_; }
    Eigen::Ref<Eigen::VectorXd> scratch_unknowns() { return s.scratch_x_; }
    template <class F>
    bool for_each_flow(F&& f) {
        if (focus < 0) return s.for_each_flow(f);
        auto g = [&](auto& c, auto& n) { return static_cast<int>(n.loop) != focus || f(c, n); };
        return s.for_each_flow(g);
    }
    template <class F>
    bool for_each_added(F&& f) {
        if (focus < 0) return s.for_each_added(f);
        auto g = [&](auto& c, auto& n) { return static_cast<int>(n.loop) != focus || f(c, n); };
        return s.for_each_added(g);
    }
};

} // namespace entropyk::detail
