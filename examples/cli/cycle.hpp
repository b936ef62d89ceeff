// What the `entropyk` command knows about a cycle once it is read and solved: the names and kinds
// of its components, its connections in flow order and the engine's results. Kept free of the
// solver and JSON headers so that the report and diagram translation units stay light.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "entropyk/cycles/results.hpp"
#include "entropyk/fluids/fluid.hpp"
#include "entropyk/io/units.hpp"

namespace entropyk {
class System;
}

namespace entropyk::cli {

// The unit table of the cycle file is the library's (include/entropyk/io/units.hpp); `props`
// accepts the same units.
using namespace entropyk::io;

/// Exit codes of the command (documented in `entropyk --help`).
enum ExitCode : int { exit_ok = 0, exit_io = 1, exit_bad_input = 2, exit_not_converged = 3 };

/// A bad cycle file or command line: the message is complete ("cycle.json: /components/2/ua:
/// expected a positive number in W/K, got -3"); the command prints it and exits with 2.
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A component as the file names it: name, JSON "type", role (io::CycleComponent's fields; a
/// copy so that this header stays free of the reader's JSON headers).
struct ComponentInfo {
    std::string name;
    std::string type; ///< the JSON "type" ("map_compressor", "condenser", ...)
    Role role = Role::other;
    /// Port names (System::component(i).inlet_name(k), outlet_name(k)); empty: one of each.
    std::vector<std::string> inlets = {}, outlets = {};
    /// A side of a cascade heat exchanger: heat to or from another loop (LoopFigures).
    bool internal = false;
    int loop = 0; ///< its refrigerant loop (System::loop_of)

    /// Several inlets or outlets: its connections are written with the port ("flash_tank.vapour_out").
    [[nodiscard]] bool multi_port() const noexcept { return inlets.size() > 1 || outlets.size() > 1; }
    /// "name" for a one-port component, "name.port" for a multi-port one.
    [[nodiscard]] std::string end(std::uint32_t port, bool outlet) const {
        const auto& names = outlet ? outlets : inlets;
        return multi_port() && port < names.size() ? name + "." + names[port] : name;
    }
};

struct SolvedCycle {
    std::string source;                   ///< file name, or "built-in demo"
    std::string title;                    ///< the file's "name", or the file name
    std::string backend;                  ///< "eos" or "tables"
    std::string method;                   ///< solver method used
    const fluids::Fluid* fluid = nullptr; ///< the refrigerant of loop 0 (of the only loop)
    /// The refrigerant of each loop (System::loop_refrigerant); one entry for a single loop.
    std::vector<const fluids::Fluid*> loop_fluids;
    std::vector<ComponentInfo> components;
    /// Connection indices (into results.connections) in flow order, loop by loop, each loop from
    /// the inlet of its first compressor (diagrams::flow_order): the state numbers 1, 2, ... of
    /// the table and the diagrams.
    std::vector<std::size_t> order;
    CycleResults results;
    /// The solver's last iterate in SI, [p, h, m] per connection (meaningful when not converged).
    std::vector<double> last_iterate;

    [[nodiscard]] bool converged() const noexcept { return results.converged(); }
    [[nodiscard]] const ConnectionResult& state(std::size_t number) const { return results.connections[order[number]]; }
    [[nodiscard]] std::size_t loop_count() const noexcept { return loop_fluids.empty() ? 1 : loop_fluids.size(); }
    /// The refrigerant of loop `l` (the cycle's for a single loop).
    [[nodiscard]] const fluids::Fluid& loop_fluid(std::size_t l) const {
        return l < loop_fluids.size() && loop_fluids[l] != nullptr ? *loop_fluids[l] : *fluid;
    }
    /// "evaporator -> compressor"; a multi-port end with its port: "flash_tank.vapour_out -> mixer.inlet_b".
    [[nodiscard]] std::string connection_label(std::size_t number) const {
        const auto& c = state(number);
        return components[c.from].end(c.from_port, true) + " -> " + components[c.to].end(c.to_port, false);
    }
};

/// Reads, builds and solves a cycle from JSON text. `source` names the file in error messages.
/// Throws InputError for a bad file (exit 2). A solve that does not converge is returned with
/// its status; the caller decides the exit code.
/// A non-empty `refrigerant` replaces the file's (--refrigerant: any name find_fluid accepts,
/// blends included; an unknown one is an InputError naming the option).
SolvedCycle solve_cycle_json(const std::string& text, const std::string& source, const std::string& refrigerant = {});
/// The same with every --refrigerant given: one FLUID for a file of one loop; LOOP=FLUID (each
/// loop at most once) for a file with "loops", where a bare FLUID is an InputError naming the
/// loops. None: the file's own refrigerants.
SolvedCycle solve_cycle_json(const std::string& text, const std::string& source,
                             const std::vector<std::string>& refrigerants);

/// Reads the file and calls solve_cycle_json; an unreadable file is an InputError.
SolvedCycle solve_cycle_file(const std::string& path, const std::string& refrigerant = {});
SolvedCycle solve_cycle_file(const std::string& path, const std::vector<std::string>& refrigerants);

/// The outputs' view of a System the caller built and solved (the C++ API's door to the
/// command's table, JSON, CSV and diagrams): names, ports, loops and refrigerants from `system`,
/// the results of its last solve. Each component's type is its role's name.
SolvedCycle describe_solved_system(const System& system, std::string title, std::string source,
                                   std::string backend = "eos", std::string method = "fallback");

/// The built-in demo: examples/cycles/r410a_heat_pump.json, embedded at build time.
SolvedCycle solve_demo_cycle(const std::string& refrigerant = {});
SolvedCycle solve_demo_cycle(const std::vector<std::string>& refrigerants);

} // namespace entropyk::cli
