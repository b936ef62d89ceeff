// The cycle on the log p-h and T-s diagrams, as SVG text. The diagram model and its SVG live in
// the library (include/entropyk/diagrams/); this file only hands it the command's solved cycle.
// A system of several refrigerant loops gets one diagram of each kind per loop.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cycle.hpp"
#include "entropyk/diagrams/diagram.hpp"

namespace entropyk::cli {

/// What the library's diagrams need to know about the command's solved cycle (borrows `c`).
/// `loop` < 0: every connection (a single loop); otherwise that loop, on its refrigerant, with
/// the state numbers of the table.
diagrams::CycleView diagram_view(const SolvedCycle& c, int loop = -1);

/// The SVG of `kind` for a converged cycle (`loop` as in diagram_view). Throws
/// std::runtime_error if a property call needed for the frame (saturation at the axis limits) fails.
std::string render_svg(const SolvedCycle& c, diagrams::DiagramKind kind, int loop = -1);
/// Log p-h diagram of a converged cycle.
inline std::string render_ph_svg(const SolvedCycle& c) { return render_svg(c, diagrams::DiagramKind::ph); }
/// T-s diagram of a converged cycle.
inline std::string render_ts_svg(const SolvedCycle& c) { return render_svg(c, diagrams::DiagramKind::ts); }

/// The files `--svg PATH` / `--ts PATH` write: PATH itself for a single loop; one file per loop
/// otherwise, the refrigerant's name before the extension ("ph.svg" -> "ph-R744.svg",
/// "ph-R717.svg"), and the loop number too when two loops share a refrigerant
/// ("ph-R134a-loop1.svg", "ph-R134a-loop2.svg"). Characters other than letters, digits and
/// "-_." in a name (a mixture's "R32[0.689]&...") become "_".
std::vector<std::string> diagram_paths(const SolvedCycle& c, const std::string& path);

/// Every file `--svg ph_path --ts ts_path` writes (an empty path: none of that kind), as
/// (path, SVG text) pairs, p-h first, loop by loop: all rendered before any is written, so that a
/// failure leaves no file behind. Throws like render_svg.
std::vector<std::pair<std::string, std::string>> render_diagram_files(const SolvedCycle& c, const std::string& ph_path,
                                                                      const std::string& ts_path);

} // namespace entropyk::cli
