#include "svg_diagram.hpp"

#include <stdexcept>
#include <string>

#include "entropyk/diagrams/svg.hpp"

namespace entropyk::cli {

diagrams::CycleView diagram_view(const SolvedCycle& c) {
    diagrams::CycleView v;
    v.fluid = c.fluid;
    v.results = &c.results;
    for (const auto& comp : c.components) v.components.push_back({comp.name, comp.role});
    v.order = c.order;
    v.title = c.title;
    v.source = c.source;
    v.properties = c.backend == "eos" ? "equation of state" : "tables";
    return v;
}

std::string render_svg(const SolvedCycle& c, diagrams::DiagramKind kind) {
    const auto d = diagrams::build_diagram(diagram_view(c), kind);
    if (!d) throw std::runtime_error(d.error().c_str());
    return diagrams::to_svg(*d);
}

} // namespace entropyk::cli
