// What a diagram needs to know about a solved cycle: the refrigerant (for the dome and the
// isolines), the results, each component's name and role, and the connections in flow order.
// Both the `entropyk` command and the C API build one from what they hold; the view borrows.
// A system of several refrigerant loops is drawn one loop per diagram (CycleView::loop).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "entropyk/components/component.hpp"
#include "entropyk/cycles/results.hpp"
#include "entropyk/fluids/fluid.hpp"

namespace entropyk::diagrams {

struct ComponentLabel {
    std::string name;
    Role role = Role::other;
    /// A side of a cascade heat exchanger: its heat goes to or comes from another loop of the
    /// system (LoopFigures::heat_to_loops / heat_from_loops), not to the outside.
    bool internal = false;
};

struct CycleView {
    const fluids::Fluid* fluid = nullptr; ///< the refrigerant of the loop drawn
    const CycleResults* results = nullptr;
    std::vector<ComponentLabel> components; ///< indexed like results->components
    /// Connection indices (into results->connections) in flow order: the states drawn, numbered
    /// first_number + 1, first_number + 2, ... (the numbers of the command's table).
    std::vector<std::size_t> order;
    /// The loop drawn (ConnectionResult::loop), or -1: the results hold one loop and its figures
    /// are the system's (CycleResults' totals).
    int loop = -1;
    /// The number of the first state drawn minus one: a loop drawn on its own keeps the numbers
    /// the states have in a table of every loop (0: numbered from 1).
    std::size_t first_number = 0;
    std::string title;      ///< shown above the plot
    std::string source;     ///< the file name, "built-in demo", "C API", ...
    std::string properties; ///< "equation of state" or "tables" (the legend's note)

    [[nodiscard]] const ConnectionResult& state(std::size_t number) const {
        return results->connections[order[number]];
    }
};

/// Every connection in flow order, loop by loop (loop 0 first; `loop` >= 0: that loop only).
/// Each loop starts at the suction of its first compressor (its first connection when it has
/// none) and follows the flow depth first, outlet port 0 first: around a series loop that is the
/// walk from the suction back to it; at a branch (a flash tank's vapour outlet, a splitter's
/// second outlet) the main path is followed to its end first, then the branch up to the point
/// where it joins a connection already listed (a mixer). Connections not reached that way (none
/// in a closed loop) follow in index order. `components` is indexed like r.components by
/// anything with a `role` (ComponentLabel, the command's component info).
template <class Labels>
[[nodiscard]] std::vector<std::size_t> flow_order(const CycleResults& r, const Labels& components, int loop = -1) {
    const auto& cs = r.connections;
    std::vector<std::size_t> order;
    if (cs.empty()) return order;
    std::vector<bool> seen(cs.size(), false);
    // The connections leaving a component, by outlet port.
    auto leaving = [&](std::uint32_t comp) {
        std::vector<std::size_t> out;
        for (std::size_t e = 0; e < cs.size(); ++e)
            if (cs[e].from == comp) out.push_back(e);
        std::sort(out.begin(), out.end(),
                  [&](std::size_t a, std::size_t b) { return cs[a].from_port < cs[b].from_port; });
        return out;
    };
    auto walk = [&](std::size_t root) {
        std::vector<std::size_t> stack{root};
        while (!stack.empty()) {
            const std::size_t e = stack.back();
            stack.pop_back();
            if (seen[e]) continue;
            seen[e] = true;
            order.push_back(e);
            const auto next = leaving(cs[e].to);
            for (auto it = next.rbegin(); it != next.rend(); ++it)
                if (!seen[*it]) stack.push_back(*it);
        }
    };
    const std::uint32_t n_loops = loop_count(r);
    for (std::uint32_t l = 0; l < n_loops; ++l) {
        if (loop >= 0 && l != static_cast<std::uint32_t>(loop)) continue;
        std::size_t start = cs.size();
        for (std::size_t i = 0; i < components.size() && start == cs.size(); ++i) {
            if (components[i].role != Role::compressor) continue;
            for (std::size_t e = 0; e < cs.size(); ++e)
                if (cs[e].to == i && cs[e].to_port == 0 && cs[e].loop == l) start = e;
        }
        if (start == cs.size())
            for (std::size_t e = 0; e < cs.size() && start == cs.size(); ++e)
                if (cs[e].loop == l) start = e;
        if (start == cs.size()) continue;
        walk(start);
        for (std::size_t e = 0; e < cs.size(); ++e)
            if (!seen[e] && cs[e].loop == l) walk(e);
    }
    return order;
}

} // namespace entropyk::diagrams
