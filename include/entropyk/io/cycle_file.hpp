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
    std::vector<CycleComponent> components; ///< in the file's order = the System's indices
    System system;                          ///< finalized, not yet solved
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

inline Built read_component(const std::string& source, const json& j, const std::string& path,
                            const fluids::Fluid& fluid) {
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
    const Obj o(source, j, path, kind->accepted_keys(), "a component");
    const std::string name = o.string("name", "a component name (a non-empty string)");
    return kind->read(o, ReadContext{name, std::string(kind->type), kind->role, fluid});
}

inline CycleFile read_cycle(const std::string& text, const std::string& source) {
    const json doc = parse(text, source);
    const Obj top(source, doc, "",
                  {"$schema", "name", "description", "refrigerant", "backend", "components", "connections", "solver"},
                  "a cycle");
    if (top.has("name")) (void)top.string("name", "a title (a non-empty string)");
    if (top.has("description") && !top.raw("description").is_string()) top.fail("description", "a string");

    const std::string title = top.has("name") ? top.raw("name").get<std::string>() : source;
    const auto refrigerant = top.string("refrigerant", "a refrigerant name (e.g. \"R134a\")");
    const auto found = fluids::find_fluid(refrigerant);
    if (!found) top.fail_at(top.at("refrigerant"), std::string(found.error().message()));
    const fluids::Fluid& fluid = **found;
    const Backend backend =
        top.choice("backend", {"eos", "tables"}, "eos") == "tables" ? Backend::tables : Backend::eos;
    if (const Result<void> ok = check_backend(fluid, backend); !ok)
        top.fail_at(top.at("backend"), std::string(ok.error().message()));

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

    // Components.
    const json& comps = top.array("components", "an array of components (at least 2)", 2);
    std::vector<Built> built;
    for (std::size_t i = 0; i < comps.size(); ++i) {
        const std::string path = "/components/" + std::to_string(i);
        built.push_back(read_component(source, comps[i], path, fluid));
        for (std::size_t k = 0; k < i; ++k)
            if (built[k].info.name == built[i].info.name)
                throw ReadError(source + ": " + path + "/name: expected a name not used by another component, got " +
                                describe(comps[i]["name"]) + " (also /components/" + std::to_string(k) + ")");
    }
    // The tables are built here (once per fluid and process), never during the solve.
    System sys(fluid, backend);
    std::vector<CycleComponent> components;
    for (std::size_t i = 0; i < built.size(); ++i) {
        auto idx = built[i].add(sys);
        if (!idx) throw ReadError(source + ": /components/" + std::to_string(i) + ": " + idx.error().c_str());
        components.push_back(built[i].info);
    }

    // Connections: {"from": outlet of, "to": inlet of}, by component name, or by port as
    // "component.port" ("flash_tank.vapour_out" -> "mixer.inlet_b").
    const json& conns = top.array("connections", "an array of connections {\"from\": name, \"to\": name}", 1);
    std::vector<std::string> names;
    for (const auto& c : components) names.push_back(c.name);
    for (std::size_t k = 0; k < conns.size(); ++k) {
        const Obj c(source, conns[k], "/connections/" + std::to_string(k), {"from", "to"},
                    "a connection {\"from\": name, \"to\": name}");
        auto port_of = [&](const char* key) {
            const auto n = c.string(key, "the name of a component (or \"component.port\")");
            auto at = std::find(names.begin(), names.end(), n);
            const std::size_t dot = n.rfind('.');
            if (at == names.end() && dot != std::string::npos)
                at = std::find(names.begin(), names.end(), n.substr(0, dot));
            if (at == names.end())
                c.fail_at(c.at(key), "no component is named \"" + (dot == std::string::npos ? n : n.substr(0, dot)) +
                                         "\"; expected one of: " + join(names, "\""));
            const auto i = static_cast<std::uint32_t>(at - names.begin());
            const std::string port = *at == n ? std::string() : n.substr(dot + 1);
            auto found = sys.find_port(i, port, std::string_view(key) == "to", n);
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
    return CycleFile{source, title, &fluid, backend, method, settings, std::move(components), std::move(sys)};
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
