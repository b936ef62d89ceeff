// The JSON cycle format (docs/cycle-format.md) as the command uses it: the library's reader
// (include/entropyk/io/cycle_file.hpp) checks the file and builds the System; the command solves
// it cold with the file's settings and keeps what the report and the diagrams need.
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "cycle.hpp"
#include "entropyk/diagrams/cycle_view.hpp"
#include "entropyk/io/cycle_file.hpp"

namespace entropyk::cli {

extern const char* const demo_cycle_json; // generated from examples/cycles/r410a_heat_pump.json

namespace {

SolvedCycle solve(io::CycleFileResult read) {
    if (!read) throw InputError(read.error());
    io::CycleFile& file = read.value();
    file.system.solve(file.method, file.settings, StartMode::cold);
    SolvedCycle out =
        describe_solved_system(file.system, file.title, file.source, std::string(io::backend_name(file.backend)),
                               std::string(io::method_name(file.method)));
    // The file's own type names ("map_compressor", "gas_cooler", ...), matched by name.
    for (auto& k : out.components)
        for (const auto& c : file.components)
            if (c.name == k.name) k.type = c.type;
    return out;
}

} // namespace

SolvedCycle describe_solved_system(const System& system, std::string title, std::string source, std::string backend,
                                   std::string method) {
    SolvedCycle out;
    out.source = std::move(source);
    out.title = std::move(title);
    out.backend = std::move(backend);
    out.method = std::move(method);
    out.fluid = &system.refrigerant();
    const bool finalized = system.finalized();
    for (int l = 0; finalized && l < system.loop_count(); ++l) out.loop_fluids.push_back(&system.loop_refrigerant(l));
    if (out.loop_fluids.empty()) out.loop_fluids.push_back(out.fluid);
    out.fluid = out.loop_fluids.front();
    for (std::uint32_t i = 0; i < system.component_count(); ++i) {
        const AnyComponent& c = system.component(i);
        ComponentInfo k{std::string(system.component_name(i)), std::string(to_string(c.role())), c.role()};
        for (int q = 0; q < c.n_inlets(); ++q) k.inlets.emplace_back(c.inlet_name(q));
        for (int q = 0; q < c.n_outlets(); ++q) k.outlets.emplace_back(c.outlet_name(q));
        k.internal = c.internal_exchange();
        k.loop = finalized ? system.loop_of(i) : 0;
        out.components.push_back(std::move(k));
    }
    out.results = system.results();
    const auto x = system.state_vector();
    out.last_iterate.assign(x.begin(), x.end());
    out.order = diagrams::flow_order(out.results, out.components);
    return out;
}

namespace {

/// The cycle text with its refrigerant replaced (--refrigerant) and the title saying so. Only a
/// well-formed JSON object is edited; anything else goes to the reader unchanged, which then
/// reports the file's own problem.
std::string with_refrigerant(const std::string& text, const std::string& refrigerant) {
    const auto found = fluids::find_fluid(refrigerant);
    if (!found) throw InputError("--refrigerant: " + std::string(found.error().message()));
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_object()) return text;
    const std::string name = std::string((*found)->name());
    const std::string title = doc.contains("name") && doc["name"].is_string() ? doc["name"].get<std::string>() : "";
    doc["refrigerant"] = name;
    doc["name"] = (title.empty() ? std::string("cycle") : title) + " on " + name;
    return doc.dump();
}

} // namespace

SolvedCycle solve_cycle_json(const std::string& text, const std::string& source, const std::string& refrigerant) {
    return solve(io::read_cycle_json(refrigerant.empty() ? text : with_refrigerant(text, refrigerant), source));
}

SolvedCycle solve_cycle_file(const std::string& path, const std::string& refrigerant) {
    if (refrigerant.empty()) return solve(io::read_cycle_file(path));
    std::ifstream in(path, std::ios::binary);
    if (!in) return solve(io::read_cycle_file(path)); // the reader's own "cannot open" message
    std::ostringstream text;
    text << in.rdbuf();
    return solve_cycle_json(text.str(), path, refrigerant);
}

SolvedCycle solve_demo_cycle(const std::string& refrigerant) {
    return solve_cycle_json(demo_cycle_json, "built-in demo (examples/cycles/r410a_heat_pump.json)", refrigerant);
}

} // namespace entropyk::cli
