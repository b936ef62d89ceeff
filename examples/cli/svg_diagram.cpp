#include "svg_diagram.hpp"

#include <cctype>
#include <stdexcept>
#include <string>

#include "entropyk/diagrams/svg.hpp"

namespace entropyk::cli {

diagrams::CycleView diagram_view(const SolvedCycle& c, int loop) {
    diagrams::CycleView v;
    const bool one = loop < 0 || c.loop_count() == 1;
    v.fluid = one ? c.fluid : &c.loop_fluid(static_cast<std::size_t>(loop));
    v.results = &c.results;
    for (const auto& comp : c.components) v.components.push_back({comp.name, comp.role, comp.internal});
    v.title = c.title;
    if (one) {
        v.order = c.order;
    } else {
        // The loop's states in the table's order, numbered as there.
        v.loop = loop;
        for (std::size_t k = 0; k < c.order.size(); ++k)
            if (c.state(k).loop == static_cast<std::uint32_t>(loop)) {
                if (v.order.empty()) v.first_number = k;
                v.order.push_back(c.order[k]);
            }
        v.title += " \u2014 loop " + std::to_string(loop + 1) + " (" + std::string(v.fluid->name()) + ")";
    }
    v.source = c.source;
    v.properties = c.backend == "eos" ? "equation of state" : "tables";
    return v;
}

std::string render_svg(const SolvedCycle& c, diagrams::DiagramKind kind, int loop) {
    const auto d = diagrams::build_diagram(diagram_view(c, loop), kind);
    if (!d) throw std::runtime_error(d.error().c_str());
    return diagrams::to_svg(*d);
}

std::vector<std::string> diagram_paths(const SolvedCycle& c, const std::string& path) {
    if (c.loop_count() == 1) return {path};
    // The extension: the last dot after the last directory separator.
    const std::size_t slash = path.find_last_of("/\\");
    const std::size_t dot = path.rfind('.');
    const bool ext = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
    const std::string stem = ext ? path.substr(0, dot) : path, tail = ext ? path.substr(dot) : std::string();
    std::vector<std::string> out;
    for (std::size_t l = 0; l < c.loop_count(); ++l) {
        const std::string name(c.loop_fluid(l).name());
        bool shared = false;
        for (std::size_t m = 0; m < c.loop_count(); ++m) shared = shared || (m != l && c.loop_fluid(m).name() == name);
        std::string suffix = "-" + name + (shared ? "-loop" + std::to_string(l + 1) : std::string());
        for (char& ch : suffix)
            if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_' && ch != '.') ch = '_';
        out.push_back(stem + suffix + tail);
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> render_diagram_files(const SolvedCycle& c, const std::string& ph_path,
                                                                      const std::string& ts_path) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& [path, kind] :
         {std::pair{ph_path, diagrams::DiagramKind::ph}, std::pair{ts_path, diagrams::DiagramKind::ts}}) {
        if (path.empty()) continue;
        const auto paths = diagram_paths(c, path);
        for (std::size_t l = 0; l < paths.size(); ++l)
            files.emplace_back(paths[l], render_svg(c, kind, paths.size() == 1 ? -1 : static_cast<int>(l)));
    }
    return files;
}

} // namespace entropyk::cli
