// `entropyk`: solve a refrigeration cycle described in a JSON file (docs/cycle-format.md), print
// its states and figures, draw its p-h and T-s diagrams; or query one fluid state.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cycle.hpp"
#include "entropyk/fluids/fluid.hpp"
#include "entropyk/version.hpp"
#include "props.hpp"
#include "report.hpp"
#include "svg_diagram.hpp"

namespace {

using namespace entropyk;
using namespace entropyk::cli;

constexpr const char* usage =
    "usage: entropyk solve CYCLE.json [--refrigerant [LOOP=]NAME] [--svg PH.svg] [--ts TS.svg] [--format "
    "table|json|csv]\n"
    "       entropyk demo [--refrigerant NAME] [--svg PH.svg] [--ts TS.svg] [--format table|json|csv]\n"
    "       entropyk props FLUID --X value[unit] --Y value[unit] [--format text|json|csv]\n"
    "       entropyk --help | --version;  entropyk COMMAND --help\n";

constexpr const char* help =
    "\n"
    "Commands:\n"
    "  solve CYCLE.json   read a cycle (format: docs/cycle-format.md), solve it, print its states,\n"
    "                     capacities, power, COP, evaporating and condensing temperatures,\n"
    "                     superheat, subcooling and the solver status\n"
    "  demo               the same for the built-in R410A heat pump (off-design: AHRI 540 map\n"
    "                     compressor, moving-boundary air coils, TXV); also run without arguments\n"
    "  props FLUID        one state of FLUID from two of --T --p --h --s --q --rho, each a number with\n"
    "                     a unit (--p 8bar, --T 25C); a bare number is SI (K, Pa, J/kg, J/(kg K),\n"
    "                     kg/m3): --p 8 is 8 Pa. Units and pairs: entropyk props --help\n"
    "\n"
    "Options of solve and demo:\n"
    "  --refrigerant NAME run the cycle on NAME instead of the file's refrigerant: a fluid\n"
    "                     (R32, CO2, ...), a blend (R454B, R452B, R407C, R404A, R448A, R449A,\n"
    "                     R513A, R410A.mix) or a composition by mass (R32[0.689]&R1234yf[0.311])\n"
    "  --refrigerant LOOP=NAME\n"
    "                     a file with \"loops\": run loop LOOP (its \"name\") on NAME; repeat\n"
    "                     the option for several loops (--refrigerant low=R744 --refrigerant\n"
    "                     high=R290); a NAME without a loop is refused there\n"
    "  --svg FILE         write the cycle on a log p-h diagram (SVG)\n"
    "  --ts FILE          write the cycle on a T-s diagram (SVG)\n"
    "                     several refrigerant loops: one diagram per loop, named after its\n"
    "                     refrigerant (--svg ph.svg writes ph-R744.svg and ph-R717.svg)\n"
    "  --format F         table (default), json or csv; json and csv are in SI units\n"
    "  --help             this text\n"
    "\n"
    "Files are written whole (a temporary file, then a rename) and only for a converged cycle.\n"
    "Warnings (a state beyond the equation of state's range, a compressor map read outside its\n"
    "envelope, a discharge temperature above the limit, a control at a bound) follow the results:\n"
    "\"warning: ...\" lines in the table, a \"warnings\" array in JSON, \"warning,...\" rows in CSV.\n"
    "\n"
    "Exit status: 0 solved (possibly with warnings); 1 a file could not be written; 2 bad command\n"
    "line or cycle file (the message names the file, the JSON path and what was expected; also a\n"
    "cycle the engine cannot evaluate as given); 3 the solve did not converge, or converged to a\n"
    "solution that is not physical (the solver's report, or the broken law, is printed).\n";

struct SolveOptions {
    std::string file, svg, ts, format = "table";
    std::vector<std::string> refrigerants; ///< every --refrigerant, in order
    bool help = false;
};

SolveOptions parse_solve_options(int argc, char** argv, bool needs_file) {
    SolveOptions o;
    for (int i = 2; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw InputError(std::string(a) + ": expected a value after it");
            return argv[++i];
        };
        if (a == "--help" || a == "-h") {
            o.help = true;
            return o;
        } else if (a == "--svg")
            o.svg = value();
        else if (a == "--ts")
            o.ts = value();
        else if (a == "--refrigerant")
            o.refrigerants.push_back(value());
        else if (a == "--format") {
            o.format = value();
            if (o.format != "table" && o.format != "json" && o.format != "csv")
                throw InputError("--format: expected table, json or csv, got '" + o.format + "'");
        } else if (needs_file && o.file.empty() && !a.starts_with("--"))
            o.file = a;
        else
            throw InputError("unexpected argument '" + std::string(a) + "'\n" + usage);
    }
    if (needs_file && o.file.empty()) throw InputError(std::string("solve: expected a cycle file\n") + usage);
    return o;
}

int run_solve(int argc, char** argv, bool demo) {
    const SolveOptions o = parse_solve_options(argc, argv, !demo);
    if (o.help) {
        std::printf("%s%s", usage, help);
        return exit_ok;
    }
    const SolvedCycle c = demo ? solve_demo_cycle(o.refrigerants) : solve_cycle_file(o.file, o.refrigerants);
    const std::string text =
        o.format == "json" ? format_json(c) : (o.format == "csv" ? format_csv(c) : format_table(c));
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);
    if (c.results.status == SolveStatus::invalid_input) {
        // The engine refused the cycle as given (a state it cannot evaluate): a bad file.
        std::fprintf(stderr, "entropyk: %s: the cycle cannot be solved as given (%s); no diagram written\n%s",
                     c.source.c_str(), first_report_line(c.results).c_str(), c.results.report);
        return exit_bad_input;
    }
    if (c.results.status == SolveStatus::non_physical) {
        // The report's first line is "non-physical solution: <component>: <law>".
        std::string cause = first_report_line(c.results);
        const std::string prefix = "non-physical solution: ";
        if (cause.rfind(prefix, 0) == 0) cause.erase(0, prefix.size());
        std::fprintf(stderr, "entropyk: %s: the solution is not physical: %s; no diagram written\n", c.source.c_str(),
                     cause.c_str());
        return exit_not_converged;
    }
    if (!c.converged()) {
        // The table already carries the solver's report; the other formats get it on stderr.
        std::fprintf(stderr,
                     "entropyk: %s: no solution (status: %s, %d iterations, residual %.2e): %s; no diagram "
                     "written\n%s",
                     c.source.c_str(), std::string(to_string(c.results.status)).c_str(), c.results.iterations,
                     c.results.residual_norm, first_report_line(c.results).c_str(),
                     o.format == "table" ? "" : c.results.report);
        return exit_not_converged;
    }
    try {
        // Render every diagram before writing any: a failure leaves no file behind. Several
        // loops: one file per loop and kind (svg_diagram.hpp, diagram_paths).
        for (const auto& [path, text] : render_diagram_files(c, o.svg, o.ts)) write_file_atomically(path, text);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "entropyk: %s\n", e.what());
        return exit_io;
    }
    return exit_ok;
}

} // namespace

int main(int argc, char** argv) {
    const std::string_view cmd = argc > 1 ? argv[1] : "demo";
    try {
        if (cmd == "demo") return run_solve(argc, argv, true);
        if (cmd == "solve") return run_solve(argc, argv, false);
        if (cmd == "props") return run_props(argc, argv);
        if (cmd == "--version") {
            std::printf("entropyk %s\n", entropyk::version_string);
            return exit_ok;
        }
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            std::printf("entropyk %s: steady-state refrigeration cycles from the command line\n\n%s%s",
                        entropyk::version_string, usage, help);
            return exit_ok;
        }
        std::fprintf(stderr, "entropyk: unknown command '%s'\n%s", argv[1], usage);
        return exit_bad_input;
    } catch (const InputError& e) {
        std::fprintf(stderr, "entropyk: %s\n", e.what());
        return exit_bad_input;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "entropyk: %s\n", e.what());
        return exit_io;
    }
}
