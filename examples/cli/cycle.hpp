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
};

struct SolvedCycle {
    std::string source;  ///< file name, or "built-in demo"
    std::string title;   ///< the file's "name", or the file name
    std::string backend; ///< "eos" or "tables"
    std::string method;  ///< solver method used
    const fluids::Fluid* fluid = nullptr;
    std::vector<ComponentInfo> components;
    /// Connection indices (into results.connections) in flow order, starting at the inlet of the
    /// first compressor: the state numbers 1, 2, ... of the table and the diagrams.
    std::vector<std::size_t> order;
    CycleResults results;
    /// The solver's last iterate in SI, [p, h, m] per connection (meaningful when not converged).
    std::vector<double> last_iterate;

    [[nodiscard]] bool converged() const noexcept { return results.converged(); }
    [[nodiscard]] const ConnectionResult& state(std::size_t number) const { return results.connections[order[number]]; }
    /// "evaporator -> compressor"
    [[nodiscard]] std::string connection_label(std::size_t number) const {
        const auto& c = state(number);
        return components[c.from].name + " -> " + components[c.to].name;
    }
};

/// Reads, builds and solves a cycle from JSON text. `source` names the file in error messages.
/// Throws InputError for a bad file (exit 2). A solve that does not converge is returned with
/// its status; the caller decides the exit code.
/// A non-empty `refrigerant` replaces the file's (--refrigerant: any name find_fluid accepts,
/// blends included; an unknown one is an InputError naming the option).
SolvedCycle solve_cycle_json(const std::string& text, const std::string& source, const std::string& refrigerant = {});

/// Reads the file and calls solve_cycle_json; an unreadable file is an InputError.
SolvedCycle solve_cycle_file(const std::string& path, const std::string& refrigerant = {});

/// The built-in demo: examples/cycles/r410a_heat_pump.json, embedded at build time.
SolvedCycle solve_demo_cycle(const std::string& refrigerant = {});

} // namespace entropyk::cli
