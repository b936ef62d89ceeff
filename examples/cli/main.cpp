// `entropyk`: solve a refrigeration cycle described in a JSON file (docs/cycle-format.md), print
// its states and figures, draw its p-h and T-s diagrams; or query one fluid state.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "cycle.hpp"
#include "entropyk/fluids/fluid.hpp"
#include "entropyk/version.hpp"
#include "report.hpp"
#include "svg_diagram.hpp"

namespace {

using namespace entropyk;
using namespace entropyk::cli;

constexpr const char* usage =
    "usage: entropyk solve CYCLE.json [--svg PH.svg] [--ts TS.svg] [--format table|json|csv]\n"
    "       entropyk demo [--svg PH.svg] [--ts TS.svg] [--format table|json|csv]\n"
    "       entropyk props FLUID --X value --Y value\n"
    "       entropyk --help | --version\n";

constexpr const char* help =
    "\n"
    "Commands:\n"
    "  solve CYCLE.json   read a cycle (format: docs/cycle-format.md), solve it, print its states,\n"
    "                     capacities, power, COP, superheat, subcooling and the solver status\n"
    "  demo               the same for the built-in R410A heat pump (off-design: AHRI 540 map\n"
    "                     compressor, moving-boundary air coils, TXV); also run without arguments\n"
    "  props FLUID        one state of FLUID from two of --T [K] --p [Pa] --h [J/kg] --s [J/(kg K)]\n"
    "                     --q [-] --rho [kg/m3]; pairs: p-h, p-T, p-s, p-q, T-q, T-rho, h-s\n"
    "\n"
    "Options of solve and demo:\n"
    "  --svg FILE         write the cycle on a log p-h diagram (SVG)\n"
    "  --ts FILE          write the cycle on a T-s diagram (SVG)\n"
    "  --format F         table (default), json or csv; json and csv are in SI units\n"
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

bool parse_number(const char* s, double& out) {
    char* end = nullptr;
    out = std::strtod(s, &end);
    return end != s && *end == '\0' && std::isfinite(out);
}

struct SolveOptions {
    std::string file, svg, ts, format = "table";
};

SolveOptions parse_solve_options(int argc, char** argv, bool needs_file) {
    SolveOptions o;
    for (int i = 2; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw InputError(std::string(a) + ": expected a value after it");
            return argv[++i];
        };
        if (a == "--svg")
            o.svg = value();
        else if (a == "--ts")
            o.ts = value();
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
    const SolvedCycle c = demo ? solve_demo_cycle() : solve_cycle_file(o.file);
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
        // Render both before writing either: a failure leaves no file behind.
        const std::string ph = o.svg.empty() ? std::string() : render_ph_svg(c);
        const std::string ts = o.ts.empty() ? std::string() : render_ts_svg(c);
        if (!o.svg.empty()) write_file_atomically(o.svg, ph);
        if (!o.ts.empty()) write_file_atomically(o.ts, ts);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "entropyk: %s\n", e.what());
        return exit_io;
    }
    return exit_ok;
}

int run_props(int argc, char** argv) {
    if (argc < 3) throw InputError(std::string("props: expected a fluid name\n") + usage);
    auto fluid = fluids::find_fluid(argv[2]);
    if (!fluid) throw InputError(fluid.error().c_str());
    double T = NAN, p = NAN, h = NAN, s = NAN, q = NAN, rho = NAN;
    int given = 0;
    for (int i = 3; i < argc; i += 2) {
        const std::string_view k = argv[i];
        if (i + 1 >= argc) throw InputError(std::string(k) + ": expected a value after it");
        double v = 0;
        if (!parse_number(argv[i + 1], v))
            throw InputError(std::string(k) + ": expected a number, got '" + argv[i + 1] + "'");
        double* slot = k == "--T"     ? &T
                       : k == "--p"   ? &p
                       : k == "--h"   ? &h
                       : k == "--s"   ? &s
                       : k == "--q"   ? &q
                       : k == "--rho" ? &rho
                                      : nullptr;
        if (!slot) throw InputError("unknown option '" + std::string(k) + "'\n" + usage);
        *slot = v;
        ++given;
    }
    if (given != 2) throw InputError("props: expected exactly two of --T --p --h --s --q --rho");
    const auto& f = **fluid;
    auto have = [](double x) { return !std::isnan(x); };
    Result<fluids::State> st = ThermoError(Errc::invalid_argument, "");
    if (have(p) && have(h))
        st = f.flash_ph(Pressure{p}, SpecificEnthalpy{h});
    else if (have(p) && have(T))
        st = f.flash_tp(Temperature{T}, Pressure{p});
    else if (have(p) && have(s))
        st = f.flash_ps(Pressure{p}, SpecificEntropy{s});
    else if (have(p) && have(q))
        st = f.flash_pq(Pressure{p}, q);
    else if (have(T) && have(q))
        st = f.flash_tq(Temperature{T}, q);
    else if (have(T) && have(rho))
        st = f.state_trho(Temperature{T}, Density{rho});
    else if (have(h) && have(s))
        st = f.flash_hs(SpecificEnthalpy{h}, SpecificEntropy{s});
    else
        throw InputError("props: this pair is not supported; use p-h, p-T, p-s, p-q, T-q, T-rho or h-s");
    if (!st) throw InputError(st.error().c_str());
    const auto& x = *st;
    std::printf("fluid   %s\nphase   %s\nT     = %.6f K\np     = %.6f Pa\nrho   = %.6f kg/m3\n"
                "h     = %.6f kJ/kg\ns     = %.6f kJ/(kg K)\nu     = %.6f kJ/kg\ncp    = %.6f kJ/(kg K)\n"
                "cv    = %.6f kJ/(kg K)\nw     = %.6f m/s\nquality = %.6f\n",
                std::string(f.name()).c_str(), std::string(to_string(x.phase)).c_str(), x.T.si(), x.p.si(), x.rho.si(),
                x.h.si() / 1e3, x.s.si() / 1e3, x.u.si() / 1e3, x.cp.si() / 1e3, x.cv.si() / 1e3, x.w.si(), x.quality);
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
