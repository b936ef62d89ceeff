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
    [[nodiscard]] const PropertyService& props() const { return s.props_; }
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
        return s.for_each_flow(f);
    }
    template <class F>
    bool for_each_added(F&& f) {
        return s.for_each_added(f);
    }
};

} // namespace entropyk::detail
