// The JSON cycle format (docs/cycle-format.md) as the command uses it: the library's reader
// (include/entropyk/io/cycle_file.hpp) checks the file and builds the System; the command solves
// it cold with the file's settings and keeps what the report and the diagrams need.
#include <string>
#include <utility>

#include "cycle.hpp"
#include "entropyk/diagrams/cycle_view.hpp"
#include "entropyk/io/cycle_file.hpp"

namespace entropyk::cli {

extern const char* const demo_cycle_json; // generated from examples/cycles/r410a_heat_pump.json

namespace {

SolvedCycle solve(io::CycleFileResult read) {
    if (!read) throw InputError(read.error());
    io::CycleFile& file = read.value();
    SolvedCycle out;
    out.source = file.source;
    out.title = file.title;
    out.backend = std::string(io::backend_name(file.backend));
    out.method = std::string(io::method_name(file.method));
    out.fluid = file.fluid;
    for (const auto& c : file.components) out.components.push_back({c.name, c.type, c.role});
    out.results = file.system.solve(file.method, file.settings, StartMode::cold);
    const auto x = file.system.state_vector();
    out.last_iterate.assign(x.begin(), x.end());
    out.order = diagrams::flow_order(out.results, out.components);
    return out;
}

} // namespace

SolvedCycle solve_cycle_json(const std::string& text, const std::string& source) {
    return solve(io::read_cycle_json(text, source));
}

SolvedCycle solve_cycle_file(const std::string& path) { return solve(io::read_cycle_file(path)); }

SolvedCycle solve_demo_cycle() {
    return solve_cycle_json(demo_cycle_json, "built-in demo (examples/cycles/r410a_heat_pump.json)");
}

} // namespace entropyk::cli
