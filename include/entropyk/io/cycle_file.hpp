// The JSON cycle file (docs/cycle-format.md, schema docs/cycle-format.schema.json): read it, check
// every value against what the engine expects (naming the file, the JSON path and the
// expectation on error), and build the finalized runtime System with the file's solver settings.
// The `entropyk` command, the C API (entropyk_system_from_json) and the Python package all read
// cycle files through this one reader, so a file means the same through every door.
//
// Errors are values: a refused file gives the complete message ("cycle.json: /components/2/ua:
// expected a positive number in W/K, got -3"), never an exception. Reading allocates (it builds
// the System and, for "tables", the property tables); solving the result then does not.
#pragma once

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "entropyk/cycles/system.hpp"
#include "entropyk/io/component_kinds.hpp"
#include "entropyk/io/detail/json_object.hpp"

namespace entropyk::io {

/// A loop of the file's "loops" section: its name, refrigerant and backend, and its index among
/// the System's loops.
struct CycleLoop {
    std::string name;
    const fluids::Fluid* fluid = nullptr;
    Backend backend = Backend::eos;
    int system_loop = 0;
};

/// A cycle file, read and built: the finalized System and what the file says about it.
struct CycleFile {
    std::string source; ///< the file name given to the reader ("built-in demo", ...)
    std::string title;  ///< the file's "name", or the source
    const fluids::Fluid* fluid = nullptr;
    Backend backend = Backend::eos;
    SolverMethod method = SolverMethod::fallback;
    /// The file's "solver" object over the file format's defaults (a 10 s time budget, the
    /// engine's other defaults).
    SolveSettings settings;
    /// In the file's order = the System's indices; a cascade heat exchanger is two entries, its
    /// condensing side "<name> (condensing)" and its evaporating side "<name> (evaporating)".
    std::vector<CycleComponent> components;
    System system; ///< finalized, not yet solved
    /// The file's "loops", each with the System's index of its loop (System::loop_of); empty for a
    /// file with one "refrigerant" (on every loop). `fluid` and `backend` above are those of the
    /// System's loop 0 (the loop of the first compressor).
    std::vector<CycleLoop> loops;
};

/// A CycleFile or the complete message of why the file was refused.
class [[nodiscard]] CycleFileResult {
  public:
    CycleFileResult(CycleFile file) : data_(std::in_place_index<0>, std::move(file)) {}
    static CycleFileResult failure(std::string message) { return CycleFileResult(std::move(message)); }

    [[nodiscard]] bool has_value() const noexcept { return data_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }
    [[nodiscard]] CycleFile& value() & { return std::get<0>(data_); }
    [[nodiscard]] CycleFile&& value() && { return std::get<0>(std::move(data_)); }
    [[nodiscard]] const std::string& error() const { return std::get<1>(data_); }

  private:
    explicit CycleFileResult(std::string message) : data_(std::in_place_index<1>, std::move(message)) {}
    std::variant<CycleFile, std::string> data_;
};

/// "newton", "picard", "fallback"
[[nodiscard]] constexpr std::string_view method_name(SolverMethod m) noexcept {
    return m == SolverMethod::newton ? "newton" : (m == SolverMethod::picard ? "picard" : "fallback");
}
/// "eos", "tables"
[[nodiscard]] constexpr std::string_view backend_name(Backend b) noexcept {
    return b == Backend::tables ? "tables" : "eos";
}

namespace detail {

inline SolveSettings read_solver(const Obj& s, SolveSettings settings, SolverMethod& method) {
    const auto m = s.choice("method", {"newton", "picard", "fallback"}, "fallback");
    method = m == "newton" ? SolverMethod::newton : (m == "picard" ? SolverMethod::picard : SolverMethod::fallback);
    settings.max_iterations =
        static_cast<int>(s.number_or("max_iterations", settings.max_iterations, "a positive integer (at most 100000)",
                                     [](double x) { return x >= 1.0 && x <= 1e5 && x == std::floor(x); }));
    settings.tolerance =
        s.number_or("tolerance", settings.tolerance, "a positive number (max-norm of the scaled residuals)", positive);
    settings.time_budget_s =
        s.quantity_or("time_budget", settings.time_budget_s, Dimension::time, "s", positive_in("s"), positive);
    settings.picard_relaxation =
        s.number_or("picard_relaxation", settings.picard_relaxation, "a number in (0, 1]", fraction);
    settings.discharge_temperature_limit =
        from_celsius(s.quantity_or("discharge_temperature_limit",
                                   to_celsius(Temperature{settings.discharge_temperature_limit}),
                                   Dimension::temperature, "°C", a_temperature, celsius))
            .si();
    settings.max_residual_evaluations = static_cast<int>(
        s.number_or("max_residual_evaluations", 0.0, "an integer >= 0 (0 for no limit, at most 10000000)",
                    [](double x) { return x >= 0.0 && x <= 1e7 && x == std::floor(x); }));
    // Optional start values of the (cold) solve for hard cases (docs/solver.md §10).
    auto temperature = [&](const char* key) {
        return from_celsius(s.quantity(key, Dimension::temperature, "°C", a_temperature, celsius)).si();
    };
    if (s.has("guess_evaporating_temperature"))
        settings.guess_evaporating_temperature = temperature("guess_evaporating_temperature");
    if (s.has("guess_condensing_temperature"))
        settings.guess_condensing_temperature = temperature("guess_condensing_temperature");
    if (s.has("guess_mass_flow"))
        settings.guess_mass_flow =
            s.quantity("guess_mass_flow", Dimension::mass_flow, "kg/s", positive_in("kg/s"), positive);
    if (settings.guess_evaporating_temperature >= settings.guess_condensing_temperature)
        s.fail_at(s.at("guess_evaporating_temperature"),
                  "guess_evaporating_temperature is not below guess_condensing_temperature: are the two levels "
                  "swapped?");
    return settings;
}

/// A component object whose "type" and "name" are checked: its kind and its keys.
struct Identified {
    const ComponentKind* kind;
    Obj obj;
    std::string name;
    int loop = -1; ///< the index of the loop its "loop" names (-1: none)
};

/// A loop of the file's "loops" (or the file's one refrigerant, unnamed).
struct LoopSpec {
    std::string name;
    const fluids::Fluid* fluid;
    Backend backend;
};

inline Identified identify_component(const std::string& source, const json& j, const std::string& path,
                                     const std::vector<LoopSpec>& loops, bool several) {
    if (!j.is_object())
        throw ReadError(source + ": " + path + ": expected a component (a JSON object), got " + describe(j));
    const std::string expected = "a component type, one of " + join(component_type_names(), "\"");
    const auto it = j.find("type");
    if (it == j.end())
        throw ReadError(source + ": " + path + "/type: expected " + expected + ", got nothing (the key is missing)");
    if (!it->is_string())
        throw ReadError(source + ": " + path + "/type: expected " + expected + ", got " + describe(*it));
    const ComponentKind* kind = find_component_kind(it->get<std::string>());
    if (kind == nullptr)
        throw ReadError(source + ": " + path + "/type: unknown component type \"" + it->get<std::string>() +
                        "\"; expected one of " + join(component_type_names(), "\""));
    // "loop" is a key of a file with loops only: without them, the messages list it not.
    std::vector<std::string> keys = kind->accepted_keys();
    if (!several) {
        keys.erase(std::remove(keys.begin(), keys.end(), "loop"), keys.end());
        if (j.contains("loop") && !kind->spans_two_loops())
            throw ReadError(source + ": " + path +
                            "/loop: applies only with a \"loops\" section (without one, the file's \"refrigerant\" "
                            "is on every loop)");
    }
    Identified out{kind, Obj(source, j, path, std::move(keys), "a component"), {}, -1};
    out.name = out.obj.string("name", "a component name (a non-empty string)");
    if (out.obj.has("loop")) {
        std::vector<std::string> names;
        for (const LoopSpec& l : loops) names.push_back(l.name);
        const std::string loop = out.obj.string("loop", "the name of a loop, one of " + join(names, "\""));
        const auto at = std::find(names.begin(), names.end(), loop);
        if (at == names.end())
            out.obj.fail_at(out.obj.at("loop"),
                            "no loop is named \"" + loop + "\"; expected one of " + join(names, "\""));
        out.loop = static_cast<int>(at - names.begin());
    }
    return out;
}

/// The loop of "refrigerant"/"backend" (a file without "loops") or of each entry of "loops".
inline LoopSpec read_loop(const Obj& o) {
    const auto refrigerant = o.string("refrigerant", "a refrigerant name (e.g. \"R134a\")");
    const auto found = fluids::find_fluid(refrigerant);
    if (!found) o.fail_at(o.at("refrigerant"), std::string(found.error().message()));
    const Backend backend = o.choice("backend", {"eos", "tables"}, "eos") == "tables" ? Backend::tables : Backend::eos;
    if (const Result<void> ok = check_backend(**found, backend); !ok)
        o.fail_at(o.at("backend"), std::string(ok.error().message()));
    return {o.has("name") ? o.raw("name").get<std::string>() : std::string(), *found, backend};
}

/// The component named `spec` ("name" or "name.port"): its index in `ids` and the port ("" for
/// a bare name), or -1.
inline std::pair<int, std::string> component_of(const std::vector<Identified>& ids, const std::string& spec) {
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids[i].name == spec) return {static_cast<int>(i), std::string()};
    const std::size_t dot = spec.rfind('.');
    if (dot != std::string::npos)
        for (std::size_t i = 0; i < ids.size(); ++i)
            if (ids[i].name == spec.substr(0, dot)) return {static_cast<int>(i), spec.substr(dot + 1)};
    return {-1, std::string()};
}

/// Which loop each component is on (a cascade heat exchanger: each of its sides), from the
/// components' "loop" and the connections: the components joined by connections are one loop,
/// which takes the refrigerant of the loop its components name. Refuses a loop named twice
/// within one connected set, a connected set without a loop, one name for two separate sets and
/// a declared loop without components. Returns the loop of each node: the components in file
/// order, then the evaporating sides of the cascade exchangers in file order.
inline std::vector<int> assign_loops(const std::string& source, const std::vector<Identified>& ids, const json& conns,
                                     const std::vector<LoopSpec>& loops) {
    const std::size_t n = ids.size();
    std::vector<std::size_t> cold_side(n, 0); // node of a cascade's evaporating side
    std::vector<std::string> node_name(n);
    for (std::size_t i = 0; i < n; ++i)
        node_name[i] = ids[i].kind->spans_two_loops() ? cascade_side_name(ids[i].name, true) : ids[i].name;
    for (std::size_t i = 0; i < n; ++i)
        if (ids[i].kind->spans_two_loops()) {
            cold_side[i] = node_name.size();
            node_name.push_back(cascade_side_name(ids[i].name, false));
        }
    std::vector<std::size_t> parent(node_name.size());
    for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
    auto root = [&](std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    // Unresolvable connections are skipped here: reading them later gives their message.
    auto node_of = [&](const json& c, const char* key) -> std::ptrdiff_t {
        if (!c.is_object() || !c.contains(key) || !c[key].is_string()) return -1;
        const auto [i, port] = component_of(ids, c[key].get<std::string>());
        if (i < 0) return -1;
        const auto k = static_cast<std::size_t>(i);
        return static_cast<std::ptrdiff_t>(ids[k].kind->spans_two_loops() && port.rfind("cold", 0) == 0 ? cold_side[k]
                                                                                                        : k);
    };
    for (const json& c : conns) {
        const auto a = node_of(c, "from"), b = node_of(c, "to");
        if (a >= 0 && b >= 0) parent[root(static_cast<std::size_t>(a))] = root(static_cast<std::size_t>(b));
    }
    auto at = [](std::size_t i) { return "/components/" + std::to_string(i); };
    std::vector<std::string> names;
    for (const LoopSpec& l : loops) names.push_back(l.name);
    // The loop of each connected set: the first "loop" named in it (file order).
    std::vector<int> set_loop(node_name.size(), -1);
    std::vector<std::size_t> named_at(node_name.size(), 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (ids[i].loop < 0) continue;
        const std::size_t r = root(i);
        if (set_loop[r] < 0) {
            set_loop[r] = ids[i].loop, named_at[r] = i;
        } else if (set_loop[r] != ids[i].loop) {
            const std::size_t k = named_at[r];
            ids[i].obj.fail_at(at(i) + "/loop",
                               "'" + ids[i].name + "' is connected to '" + ids[k].name + "' (" + at(k) +
                                   "), which is on loop \"" + names[static_cast<std::size_t>(set_loop[r])] +
                                   "\": connected components are one loop, with one refrigerant; expected \"" +
                                   names[static_cast<std::size_t>(set_loop[r])] + "\", got \"" +
                                   names[static_cast<std::size_t>(ids[i].loop)] + "\"");
        }
    }
    // One declared loop, and nothing named: every component is on it.
    std::vector<int> loop_of(node_name.size(), -1);
    std::vector<std::ptrdiff_t> first_set_of_loop(loops.size(), -1);
    for (std::size_t i = 0; i < node_name.size(); ++i) {
        const std::size_t r = root(i);
        if (set_loop[r] < 0 && loops.size() == 1) set_loop[r] = 0;
        if (set_loop[r] < 0) {
            std::string members;
            for (std::size_t j = 0; j < node_name.size(); ++j)
                if (root(j) == r) members += (members.empty() ? "'" : ", '") + node_name[j] + "'";
            const std::size_t file_index =
                i < n ? i
                      : static_cast<std::size_t>(std::find(cold_side.begin(), cold_side.end(), i) - cold_side.begin());
            ids[file_index].obj.fail_at(at(file_index),
                                        "the loop of " + members +
                                            " has no refrigerant: give one of its components \"loop\", one of " +
                                            join(names, "\""));
        }
        const auto l = static_cast<std::size_t>(set_loop[r]);
        if (first_set_of_loop[l] < 0) first_set_of_loop[l] = static_cast<std::ptrdiff_t>(r);
        if (static_cast<std::size_t>(first_set_of_loop[l]) != r) {
            // Two separate sets under one name: name the components that said so.
            const std::size_t a = named_at[static_cast<std::size_t>(first_set_of_loop[l])], b = named_at[r];
            ids[b].obj.fail_at(at(b) + "/loop", "loop \"" + names[l] + "\" is also named by '" + ids[a].name + "' (" +
                                                    at(a) + "), which is not connected to '" + ids[b].name +
                                                    "': two separate loops need two names");
        }
        loop_of[i] = set_loop[r];
    }
    for (std::size_t l = 0; l < loops.size(); ++l)
        if (first_set_of_loop[l] < 0)
            throw ReadError(source + ": /loops/" + std::to_string(l) + ": loop \"" + names[l] +
                            "\" has no component: name it in the \"loop\" of one of its components, or remove it");
    return loop_of;
}

inline CycleFile read_cycle(const std::string& text, const std::string& source) {
    const json doc = parse(text, source);
    const Obj top(
        source, doc, "",
        {"$schema", "name", "description", "refrigerant", "backend", "loops", "components", "connections", "solver"},
        "a cycle");
    if (top.has("name")) (void)top.string("name", "a title (a non-empty string)");
    if (top.has("description") && !top.raw("description").is_string()) top.fail("description", "a string");

    const std::string title = top.has("name") ? top.raw("name").get<std::string>() : source;
    // The refrigerants: one for the file, or one per loop of "loops".
    const bool several = top.has("loops");
    std::vector<LoopSpec> loops;
    if (several) {
        for (const char* key : {"refrigerant", "backend"})
            if (top.has(key))
                top.fail_at(top.at(key), "does not apply with a \"loops\" section: give each loop its \"refrigerant\" "
                                         "and \"backend\" there");
        const json& arr = top.array("loops", "an array of loops {\"name\", \"refrigerant\", \"backend\"}", 1);
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string path = "/loops/" + std::to_string(i);
            if (!arr[i].is_object())
                throw ReadError(source + ": " + path + ": expected a loop (a JSON object), got " + describe(arr[i]));
            const Obj l(source, arr[i], path, {"name", "refrigerant", "backend"}, "a loop");
            const std::string name = l.string("name", "a loop name (a non-empty string)");
            for (std::size_t k = 0; k < loops.size(); ++k)
                if (loops[k].name == name)
                    l.fail_at(l.at("name"), "expected a name not used by another loop, got \"" + name +
                                                "\" (also /loops/" + std::to_string(k) + ")");
            loops.push_back(read_loop(l));
        }
    } else {
        loops.push_back(read_loop(top));
    }

    // Solver settings: the file format's defaults are a generous time budget and the engine's others.
    SolveSettings settings;
    settings.time_budget_s = 10.0;
    SolverMethod method = SolverMethod::fallback;
    if (top.has("solver"))
        settings =
            read_solver(top.object("solver",
                                   {"method", "max_iterations", "tolerance", "time_budget", "picard_relaxation",
                                    "discharge_temperature_limit", "max_residual_evaluations",
                                    "guess_evaporating_temperature", "guess_condensing_temperature", "guess_mass_flow"},
                                   "the solver settings"),
                        settings, method);

    // Components: their kinds and names first (the loops need them), then their values, each
    // checked against the refrigerant of its own loop.
    const json& comps = top.array("components", "an array of components (at least 2)", 2);
    std::vector<Identified> ids;
    for (std::size_t i = 0; i < comps.size(); ++i) {
        const std::string path = "/components/" + std::to_string(i);
        ids.push_back(identify_component(source, comps[i], path, loops, several));
        for (std::size_t k = 0; k < i; ++k)
            if (ids[k].name == ids[i].name)
                throw ReadError(source + ": " + path + "/name: expected a name not used by another component, got " +
                                describe(comps[i]["name"]) + " (also /components/" + std::to_string(k) + ")");
    }
    const json& conns = top.array("connections", "an array of connections {\"from\": name, \"to\": name}", 1);
    const std::vector<int> node_loop =
        several ? assign_loops(source, ids, conns, loops) : std::vector<int>(2 * ids.size(), 0);
    // A node's loop: component i, or (cold = true) the evaporating side of cascade i.
    std::vector<std::size_t> cold_node(ids.size(), 0);
    for (std::size_t i = 0, next = ids.size(); i < ids.size(); ++i)
        if (ids[i].kind->spans_two_loops()) cold_node[i] = next++;
    std::vector<Built> built;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const int l = node_loop[ids[i].kind->spans_two_loops() ? cold_node[i] : i];
        const LoopSpec& loop = loops[static_cast<std::size_t>(l)];
        built.push_back(ids[i].kind->read(
            ids[i].obj, ReadContext{ids[i].name, std::string(ids[i].kind->type), ids[i].kind->role, *loop.fluid}));
    }

    // The System on the refrigerant of the first compressor's loop (its loop 0); every other
    // loop gets its own refrigerant on its first component. The tables are built here (once per
    // fluid and process), never during the solve.
    std::size_t base = 0;
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids[i].kind->role == Role::compressor) {
            base = static_cast<std::size_t>(node_loop[i]);
            break;
        }
    System sys(*loops[base].fluid, loops[base].backend);
    std::vector<CycleComponent> components;
    std::vector<std::uint32_t> index(ids.size(), 0);
    std::vector<std::ptrdiff_t> loop_node(loops.size(), -1); // a System component of each loop
    for (std::size_t i = 0; i < built.size(); ++i) {
        auto idx = built[i].add(sys);
        if (!idx) throw ReadError(source + ": /components/" + std::to_string(i) + ": " + idx.error().c_str());
        index[i] = *idx;
        components.push_back(built[i].info);
        if (built[i].two_sides) components.push_back(built[i].second);
        auto note = [&](std::size_t node, std::uint32_t sys_index) {
            const auto l = static_cast<std::size_t>(node_loop[node]);
            if (loop_node[l] >= 0) return;
            loop_node[l] = sys_index;
            if (several && l != base)
                (void)sys.set_refrigerant(sys.component_name(sys_index), *loops[l].fluid, loops[l].backend);
        };
        note(i, *idx);
        if (built[i].two_sides) note(cold_node[i], *idx + 1);
    }

    // Connections: {"from": outlet of, "to": inlet of}, by component name, or by port as
    // "component.port" ("flash_tank.vapour_out" -> "mixer.inlet_b").
    std::vector<std::string> names;
    for (const auto& c : ids) names.push_back(c.name);
    for (std::size_t k = 0; k < conns.size(); ++k) {
        const Obj c(source, conns[k], "/connections/" + std::to_string(k), {"from", "to"},
                    "a connection {\"from\": name, \"to\": name}");
        auto port_of = [&](const char* key) -> std::pair<std::uint32_t, int> {
            const auto n = c.string(key, "the name of a component (or \"component.port\")");
            const auto [i, port] = component_of(ids, n);
            const bool inlet = std::string_view(key) == "to";
            if (i < 0) {
                const std::size_t dot = n.rfind('.');
                c.fail_at(c.at(key), "no component is named \"" + (dot == std::string::npos ? n : n.substr(0, dot)) +
                                         "\"; expected one of: " + join(names, "\""));
            }
            const auto fi = static_cast<std::size_t>(i);
            if (ids[fi].kind->spans_two_loops()) {
                // The file's four ports of a cascade exchanger: hot_* its condensing side, cold_* its
                // evaporating side.
                const std::string label = "'" + n + "': component '" + ids[fi].name + "' (cascade heat exchanger)";
                const std::string list = inlet ? "hot_in, cold_in" : "hot_out, cold_out";
                if (port.empty())
                    c.fail_at(c.at(key),
                              label + " has 2 " + (inlet ? "inlets" : "outlets") + ": name the port (" + list + ")");
                const char* suffix = inlet ? "_in" : "_out";
                if (port == std::string("hot") + suffix) return {index[fi], 0};
                if (port == std::string("cold") + suffix) return {index[fi] + 1, 0};
                const bool other = port == (inlet ? "hot_out" : "hot_in") || port == (inlet ? "cold_out" : "cold_in");
                c.fail_at(c.at(key), label +
                                         (other ? std::string(inlet ? " has an outlet" : " has an inlet") + " named '" +
                                                      port + "', not an " + (inlet ? "inlet" : "outlet")
                                                : std::string(" has no ") + (inlet ? "inlet" : "outlet") + " named '" +
                                                      port + "'") +
                                         " (" + (inlet ? "inlets: " : "outlets: ") + list + ")");
            }
            auto found = sys.find_port(index[fi], port, inlet, n);
            if (!found) c.fail_at(c.at(key), found.error().c_str());
            return *found;
        };
        const auto from = port_of("from"), to = port_of("to");
        if (auto r = sys.connect(from.first, from.second, to.first, to.second); !r)
            c.fail_at(c.path(), r.error().c_str());
    }
    if (auto f = sys.finalize(); !f) {
        const std::string msg = f.error().c_str();
        const bool topology = msg.find("connect") != std::string::npos || msg.find("loop") != std::string::npos;
        throw ReadError(source + ": " + (topology ? "/connections" : "/components") + ": " + msg);
    }
    std::vector<CycleLoop> file_loops;
    if (several)
        for (std::size_t l = 0; l < loops.size(); ++l)
            file_loops.push_back({loops[l].name, loops[l].fluid, loops[l].backend,
                                  sys.loop_of(static_cast<std::uint32_t>(loop_node[l]))});
    return CycleFile{source,
                     title,
                     loops[base].fluid,
                     loops[base].backend,
                     method,
                     settings,
                     std::move(components),
                     std::move(sys),
                     std::move(file_loops)};
}

} // namespace detail

/// Reads and builds a cycle from JSON text. `source` names the file in error messages.
[[nodiscard]] inline CycleFileResult read_cycle_json(const std::string& text, const std::string& source) {
    try {
        return detail::read_cycle(text, source);
    } catch (const detail::ReadError& e) {
        return CycleFileResult::failure(e.what());
    } catch (const std::bad_alloc&) {
        return CycleFileResult::failure(source + ": out of memory while reading the cycle");
    } catch (const std::exception& e) {
        return CycleFileResult::failure(source + ": " + e.what());
    }
}

/// Reads the file at `path` and calls read_cycle_json with the path as the source.
[[nodiscard]] inline CycleFileResult read_cycle_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return CycleFileResult::failure(path + ": cannot open the file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return CycleFileResult::failure(path + ": cannot read the file");
    return read_cycle_json(text.str(), path);
}

} // namespace entropyk::io
