// The cycle on the diagrams every refrigeration engineer reads, as self-contained SVG (no fonts,
// scripts or images from outside): the log p-h diagram and the T-s diagram, each with the
// saturation dome from the equation of state, a few isotherms (p-h) or isobars (T-s), the
// processes drawn through intermediate states (isobars follow the dome, the compression follows
// its polytropic path), numbered state points and a legend with the fluid and the COP.
#pragma once

#include <string>

#include "cycle.hpp"

namespace entropyk::cli {

/// Log p-h diagram of a converged cycle. Throws std::runtime_error if a property call needed for
/// the frame (saturation at the axis limits) fails.
std::string render_ph_svg(const SolvedCycle& c);
/// T-s diagram of a converged cycle.
std::string render_ts_svg(const SolvedCycle& c);

} // namespace entropyk::cli
