// The outputs of `entropyk solve`: the states table with the cycle's figures (text), the same in
// SI as JSON or CSV, and the atomic file write used for every file the command produces.
#pragma once

#include <string>

#include "cycle.hpp"

namespace entropyk::cli {

/// The human-readable report: states (p [bar], T [°C], h [kJ/kg], s [kJ/(kg K)], quality, phase
/// (fluids::phase_name), m [kg/s]), components, capacities, power, COP, evaporating and condensing
/// temperatures, superheat, subcooling, solver status, warnings.
std::string format_table(const SolvedCycle& c);
/// The same content in SI units as a JSON document (see docs/cycle-format.md, "Output").
std::string format_json(const SolvedCycle& c);
/// The states as CSV in SI units, then a blank line and "quantity,value,unit" rows, then (when the
/// solve warned) a blank line and "warning,component,message" rows.
std::string format_csv(const SolvedCycle& c);

/// The first line of the solver's report (the cause: for a non-physical solution the component
/// and the law it breaks).
std::string first_report_line(const CycleResults& r);

/// Writes `content` to `path` through a temporary file in the same directory and a rename, so
/// that `path` is either left as it was or holds the complete new content. Throws
/// std::runtime_error naming the path on failure.
void write_file_atomically(const std::string& path, const std::string& content);

} // namespace entropyk::cli
