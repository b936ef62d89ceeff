// IWYU pragma: private, include <entropyk/cycles.hpp>
// The contract between the shared engine (cycles/detail/loop.hpp) and the two front doors that
// own a loop's storage (the runtime System, the typed cycle): NodeSlots, and the LoopView concept
// that every engine function requires of its `loop` argument. Both owners satisfy it through one
// adapter, detail::LoopAccess (cycles/detail/loop_access.hpp).
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <span>
#include <string_view>

#include <Eigen/Core>

#include "entropyk/components/edge.hpp"
#include "entropyk/components/properties.hpp"
#include "entropyk/core/error.hpp"

namespace entropyk::detail {

/// Where one component's data sits in the assembled system.
struct NodeSlots {
    std::uint32_t index = 0;         ///< position in the order the components were added
    int in_edge = -1, out_edge = -1; ///< the connections at inlet port 0 and outlet port 0
    /// Multi-port components (cycles/any_component.hpp, MultiPortModel): the number of inlet and
    /// outlet ports and the connections at ports 1, 2, ... (port 0 is in_edge / out_edge).
    std::uint8_t n_in = 1, n_out = 1;
    std::array<int, max_ports - 1> more_in{-1, -1, -1}, more_out{-1, -1, -1};
    [[nodiscard]] int in_port(int k) const noexcept {
        return k == 0 ? in_edge : more_in[static_cast<std::size_t>(k - 1)];
    }
    [[nodiscard]] int out_port(int k) const noexcept {
        return k == 0 ? out_edge : more_out[static_cast<std::size_t>(k - 1)];
    }
    int& in_port_ref(int k) noexcept { return k == 0 ? in_edge : more_in[static_cast<std::size_t>(k - 1)]; }
    int& out_port_ref(int k) noexcept { return k == 0 ? out_edge : more_out[static_cast<std::size_t>(k - 1)]; }
    int first_residual = 0; ///< row of its first kept equation
    int first_control = 0;  ///< index of its first control unknown
    int dropped = -1;       ///< local index of the mass balance dropped to close the loop
    /// The refrigerant loop the component belongs to (System: each connected set of connections
    /// is one loop with its own fluid; 0 in a system with one loop).
    int loop = 0;
};

/// Stands for the engine's component visitors in LoopView: called with each component (an
/// AnyComponent for System, the concrete model for the typed cycle) and its slots; false stops
/// the walk. Declared only: it is never called, the concept only checks that a walk accepts it.
struct ComponentVisitorArchetype {
    template <class C>
    bool operator()(const C& component, NodeSlots& slots) const;
};

/// What the engine needs from a loop's owner, as a view over its storage (cheap to copy; the
/// engine takes it by reference or by value):
///  - props(): the property service of the loop's refrigerant;
///  - state(): the [p, h, m] of every connection; controls(): the control unknowns;
///  - block(), base_block(): room for one component's residuals (at least the largest
///    n_equations()), the second for the unperturbed point of a finite difference;
///  - property_error(): where a refused property call leaves its error;
///  - n_unknowns(), n_residuals(): the sizes of the assembled system (equal once finalized);
///  - vars(node): the unknowns node's residuals depend on; name(node): its name in messages;
///  - scratch_residuals(), scratch_unknowns(): two vectors of n_unknowns() the engine may
///    overwrite (the initial guess uses them);
///  - for_each_flow(f), for_each_added(f): call f(component, NodeSlots&) for each component in flow
///    order (from the first compressor) or in the order the components were added; stop at the
///    first false and return it, true after a complete walk.
/// None of these may allocate: the engine calls them inside a solve.
template <class L>
concept LoopView = requires(L& loop, const L& view, std::uint32_t node, ComponentVisitorArchetype f) {
    { view.props() } -> std::same_as<const PropertyService&>;
    { loop.state() } -> std::same_as<std::span<EdgeState>>;
    { loop.controls() } -> std::same_as<std::span<double>>;
    { loop.block() } -> std::same_as<std::span<double>>;
    { loop.base_block() } -> std::same_as<std::span<double>>;
    { loop.property_error() } -> std::same_as<ThermoError&>;
    { view.n_unknowns() } -> std::same_as<Eigen::Index>;
    { view.n_residuals() } -> std::same_as<Eigen::Index>;
    { view.vars(node) } -> std::same_as<std::span<const int>>;
    { view.name(node) } -> std::same_as<std::string_view>;
    { loop.scratch_residuals() } -> std::same_as<Eigen::Ref<Eigen::VectorXd>>;
    { loop.scratch_unknowns() } -> std::same_as<Eigen::Ref<Eigen::VectorXd>>;
    { loop.for_each_flow(f) } -> std::same_as<bool>;
    { loop.for_each_added(f) } -> std::same_as<bool>;
};

} // namespace entropyk::detail
