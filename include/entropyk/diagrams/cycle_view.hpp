// What a diagram needs to know about a solved cycle: the refrigerant (for the dome and the
// isolines), the results, each component's name and role, and the connections in flow order.
// Both the `entropyk` command and the C API build one from what they hold; the view borrows.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "entropyk/components/component.hpp"
#include "entropyk/cycles/results.hpp"
#include "entropyk/fluids/fluid.hpp"

namespace entropyk::diagrams {

struct ComponentLabel {
    std::string name;
    Role role = Role::other;
};

struct CycleView {
    const fluids::Fluid* fluid = nullptr;
    const CycleResults* results = nullptr;
    std::vector<ComponentLabel> components; ///< indexed like results->components
    /// Connection indices (into results->connections) in flow order: the state numbers 1, 2, ...
    std::vector<std::size_t> order;
    std::string title;      ///< shown above the plot
    std::string source;     ///< the file name, "built-in demo", "C API", ...
    std::string properties; ///< "equation of state" or "tables" (the legend's note)

    [[nodiscard]] const ConnectionResult& state(std::size_t number) const {
        return results->connections[order[number]];
    }
};

/// The connections in flow order starting at the inlet of the first compressor (connection 0 when
/// there is none), following outlet -> inlet until the loop closes or breaks off. `components` is
/// indexed like r.components, by anything with a `role` (ComponentLabel, the CLI's component info).
template <class Labels>
[[nodiscard]] std::vector<std::size_t> flow_order(const CycleResults& r, const Labels& components) {
    const auto& cs = r.connections;
    if (cs.empty()) return {};
    std::size_t start = 0;
    for (std::size_t i = 0; i < components.size(); ++i)
        if (components[i].role == Role::compressor) {
            for (std::size_t e = 0; e < cs.size(); ++e)
                if (cs[e].to == i) start = e;
            break;
        }
    std::vector<std::size_t> order{start};
    while (order.size() < cs.size()) {
        const auto next =
            std::find_if(cs.begin(), cs.end(), [&](const auto& c) { return c.from == cs[order.back()].to; });
        if (next == cs.end() || static_cast<std::size_t>(next - cs.begin()) == start) break;
        order.push_back(static_cast<std::size_t>(next - cs.begin()));
    }
    return order;
}

} // namespace entropyk::diagrams
