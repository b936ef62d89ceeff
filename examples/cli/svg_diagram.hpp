// The cycle on the log p-h and T-s diagrams, as SVG text. The diagram model and its SVG live in
// the library (include/entropyk/diagrams/); this file only hands it the command's solved cycle.
#pragma once

#include <string>

#include "cycle.hpp"
#include "entropyk/diagrams/diagram.hpp"

namespace entropyk::cli {

/// What the library's diagrams need to know about the command's solved cycle (borrows `c`).
diagrams::CycleView diagram_view(const SolvedCycle& c);

/// The SVG of `kind` for a converged cycle. Throws std::runtime_error if a property call needed
/// for the frame (saturation at the axis limits) fails.
std::string render_svg(const SolvedCycle& c, diagrams::DiagramKind kind);
/// Log p-h diagram of a converged cycle.
inline std::string render_ph_svg(const SolvedCycle& c) { return render_svg(c, diagrams::DiagramKind::ph); }
/// T-s diagram of a converged cycle.
inline std::string render_ts_svg(const SolvedCycle& c) { return render_svg(c, diagrams::DiagramKind::ts); }

} // namespace entropyk::cli
