// The JSON cycle format (docs/cycle-format.md) as the command uses it: the library's reader
// (include/entropyk/io/cycle_file.hpp) checks the file and builds the System; the command solves
// it cold with the file's settings and keeps what the report and the diagrams need.
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

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

/// One --refrigerant value: FLUID, or LOOP=FLUID for a file with "loops".
struct RefrigerantOption {
    std::string text, loop, fluid; ///< as given; the loop (empty when none); the canonical fluid name
};

RefrigerantOption parse_refrigerant_option(const std::string& text) {
    RefrigerantOption o{text, {}, text};
    if (const auto eq = text.find('='); eq != std::string::npos) {
        o.loop = text.substr(0, eq);
        o.fluid = text.substr(eq + 1);
        if (o.loop.empty() || o.fluid.empty())
            throw InputError("--refrigerant " + text + ": expected FLUID or LOOP=FLUID (e.g. low=R744)");
    }
    const auto found = fluids::find_fluid(o.fluid);
    if (!found)
        throw InputError("--refrigerant" + (o.loop.empty() ? std::string() : " " + text) + ": " +
                         std::string(found.error().message()));
    o.fluid = std::string((*found)->name());
    return o;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

/// The cycle text with its refrigerant(s) replaced (--refrigerant) and the title saying so. A file
/// of one loop takes one FLUID (its top-level "refrigerant"); a file with "loops" takes
/// LOOP=FLUID, once per loop at most (that entry's "refrigerant"). Only a well-formed JSON object
/// (and a "loops" array of objects) is edited; anything else goes to the reader unchanged, which
/// then reports the file's own problem.
std::string with_refrigerants(const std::string& text, const std::vector<std::string>& given) {
    std::vector<RefrigerantOption> options;
    for (const std::string& g : given) options.push_back(parse_refrigerant_option(g));
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_object()) return text;
    const std::string title = doc.contains("name") && doc["name"].is_string() ? doc["name"].get<std::string>() : "";
    std::vector<std::string> said;
    const bool several = doc.contains("loops");
    if (!several) {
        for (const RefrigerantOption& o : options)
            if (!o.loop.empty())
                throw InputError("--refrigerant " + o.text +
                                 ": the cycle has one refrigerant loop (no \"loops\" section): give the fluid alone, "
                                 "--refrigerant " +
                                 o.fluid);
        if (options.size() > 1)
            throw InputError("--refrigerant is given " + std::to_string(options.size()) +
                             " times: the cycle has one refrigerant loop");
        doc["refrigerant"] = options.front().fluid;
        said.push_back(options.front().fluid);
    } else {
        nlohmann::json& loops = doc["loops"];
        if (!loops.is_array()) return text;
        std::vector<std::string> names;
        for (const auto& l : loops) {
            if (!l.is_object() || !l.contains("name") || !l["name"].is_string()) return text;
            names.push_back(l["name"].get<std::string>());
        }
        std::vector<bool> replaced(names.size(), false);
        for (const RefrigerantOption& o : options) {
            const std::string counted = std::to_string(names.size()) + " refrigerant loop" +
                                        (names.size() == 1 ? "" : "s") + " (" + joined(names) + ")";
            if (o.loop.empty())
                throw InputError("--refrigerant " + o.text + ": the cycle has " + counted +
                                 ": name the loop, e.g. --refrigerant " + (names.empty() ? "LOOP" : names.front()) +
                                 "=" + o.fluid);
            std::size_t k = 0;
            while (k < names.size() && names[k] != o.loop) ++k;
            if (k == names.size())
                throw InputError("--refrigerant " + o.text + ": no loop named \"" + o.loop + "\"; the cycle has " +
                                 counted);
            if (replaced[k]) throw InputError("--refrigerant: loop \"" + o.loop + "\" is given twice");
            replaced[k] = true;
            loops[k]["refrigerant"] = o.fluid;
            said.push_back(o.fluid + " (" + o.loop + ")");
        }
    }
    doc["name"] = (title.empty() ? std::string("cycle") : title) + " on " + joined(said);
    return doc.dump();
}

} // namespace

SolvedCycle solve_cycle_json(const std::string& text, const std::string& source,
                             const std::vector<std::string>& refrigerants) {
    return solve(io::read_cycle_json(refrigerants.empty() ? text : with_refrigerants(text, refrigerants), source));
}

SolvedCycle solve_cycle_json(const std::string& text, const std::string& source, const std::string& refrigerant) {
    return solve_cycle_json(text, source,
                            refrigerant.empty() ? std::vector<std::string>{} : std::vector<std::string>{refrigerant});
}

SolvedCycle solve_cycle_file(const std::string& path, const std::vector<std::string>& refrigerants) {
    if (refrigerants.empty()) return solve(io::read_cycle_file(path));
    std::ifstream in(path, std::ios::binary);
    if (!in) return solve(io::read_cycle_file(path)); // the reader's own "cannot open" message
    std::ostringstream text;
    text << in.rdbuf();
    return solve_cycle_json(text.str(), path, refrigerants);
}

SolvedCycle solve_cycle_file(const std::string& path, const std::string& refrigerant) {
    return solve_cycle_file(path,
                            refrigerant.empty() ? std::vector<std::string>{} : std::vector<std::string>{refrigerant});
}

SolvedCycle solve_demo_cycle(const std::vector<std::string>& refrigerants) {
    return solve_cycle_json(demo_cycle_json, "built-in demo (examples/cycles/r410a_heat_pump.json)", refrigerants);
}

SolvedCycle solve_demo_cycle(const std::string& refrigerant) {
    return solve_demo_cycle(refrigerant.empty() ? std::vector<std::string>{} : std::vector<std::string>{refrigerant});
}

} // namespace entropyk::cli
