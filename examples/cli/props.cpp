// `entropyk props`: one state of one fluid from two properties. Inputs take a unit ("--p 8bar",
// "--T 25C"); a bare number is SI. The output names every unit: text (SI, then the same value in
// the units engineers read), JSON or CSV (SI, full precision). A property that does not exist in
// the state (cp, cv and w in two-phase, the quality in single phase) is shown as "—" in text,
// null in JSON and an empty field in CSV, never as the property model's sentinel.
#include "props.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cycle.hpp"
#include "entropyk/fluids/fluid.hpp"
#include "entropyk/fluids/phase_name.hpp"
#include "entropyk/io/units.hpp"

namespace entropyk::cli {

std::string props_help() {
    // The unit lists come from io/units.hpp, so the help cannot drift from what is accepted.
    auto units = [](Dimension d) { return unit_list(d); };
    return "usage: entropyk props FLUID --X VALUE --Y VALUE [--format text|json|csv]\n"
           "\n"
           "One state of FLUID from two of these; a bare number is SI, a unit may follow the number.\n"
           "FLUID (case-insensitive): " +
           std::string(fluids::data::known_fluids_text) +
           "\n"
           "  --T VALUE     temperature; bare number in K; units " +
           units(Dimension::temperature) +
           "\n"
           "  --p VALUE     pressure (absolute); bare number in Pa; units " +
           units(Dimension::pressure) +
           "\n"
           "  --h VALUE     specific enthalpy; bare number in J/kg; units " +
           units(Dimension::specific_enthalpy) +
           "\n"
           "  --s VALUE     specific entropy; bare number in J/(kg K); units " +
           units(Dimension::specific_entropy) +
           "\n"
           "  --q VALUE     vapour quality, in [0, 1], no unit\n"
           "  --rho VALUE   density; bare number in kg/m3; units " +
           units(Dimension::density) +
           "\n"
           "Pairs: p-h, p-T, p-s, p-q, T-q, T-rho, h-s. The unit follows the number, with or without a space\n"
           "(--p 8bar, --T 25C, --h \"250 kJ/kg\"); a bare number is always SI (--p 8 is 8 Pa).\n"
           "\n"
           "  --format F    text (default): each property in SI and in engineering units;\n"
           "                json or csv: SI only, full precision (round-trips a double)\n"
           "\n"
           "Phases: subcooled liquid, saturated liquid, two-phase, saturated vapour, superheated vapour,\n"
           "supercritical, supercritical gas (T above Tc, p below pc), supercritical liquid (T below Tc,\n"
           "p above pc). cp, cv and the speed of sound do not exist in a two-phase state, nor the quality in\n"
           "a single-phase one: \"\u2014\" in text, null in JSON, an empty field in CSV.\n"
           "\n"
           "Exit status: 0 the state; 2 a bad command line (unknown fluid, option or unit, a pair that is not\n"
           "supported) or a state the property model refuses (the message says why).\n";
}

namespace {

struct Input {
    const char* option;
    Dimension dimension;
    Unit bare;
    double si = NAN;
};

/// "—" (U+2014) for a value that does not exist in this state.
constexpr const char* absent = "\xE2\x80\x94";

std::string g17(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string fixed(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

} // namespace

int run_props(int argc, char** argv) {
    for (int i = 2; i < argc; ++i)
        if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
            std::fputs(props_help().c_str(), stdout);
            return exit_ok;
        }
    if (argc < 3 || std::string_view(argv[2]).starts_with("--"))
        throw InputError(std::string("props: expected a fluid name first\n") + props_help());
    auto fluid = fluids::find_fluid(argv[2]);
    if (!fluid) throw InputError(fluid.error().c_str());
    Input in[] = {
        {"--T", Dimension::temperature, Unit{"K"}},          {"--p", Dimension::pressure, Unit{"Pa"}},
        {"--h", Dimension::specific_enthalpy, Unit{"J/kg"}}, {"--s", Dimension::specific_entropy, Unit{"J/(kg K)"}},
        {"--q", Dimension::dimensionless, Unit{"-"}},        {"--rho", Dimension::density, Unit{"kg/m3"}}};
    std::string format = "text";
    int given = 0;
    for (int i = 3; i < argc; i += 2) {
        const std::string_view k = argv[i];
        if (i + 1 >= argc) throw InputError(std::string(k) + ": expected a value after it");
        const std::string v = argv[i + 1];
        if (k == "--format") {
            if (v != "text" && v != "json" && v != "csv")
                throw InputError("--format: expected text, json or csv, got '" + v + "'");
            format = v;
            continue;
        }
        Input* slot = nullptr;
        for (auto& x : in)
            if (k == x.option) slot = &x;
        if (!slot) throw InputError("props: unknown option '" + std::string(k) + "' (see entropyk props --help)");
        if (!std::isnan(slot->si)) throw InputError(std::string(k) + ": given twice");
        const ParsedQuantity q = parse_quantity(v, slot->dimension, slot->bare);
        if (!q.error.empty()) throw InputError(std::string(k) + ": " + q.error);
        slot->si = q.si;
        ++given;
    }
    if (given != 2)
        throw InputError("props: expected exactly two of --T --p --h --s --q --rho (see entropyk props --help)");
    const double T = in[0].si, p = in[1].si, h = in[2].si, s = in[3].si, q = in[4].si, rho = in[5].si;
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
    const bool two_phase = x.phase == fluids::Phase::two_phase;
    const std::string phase(fluids::phase_name(x));
    // Which values exist in this state: the quality only in two-phase, cp, cv, w only outside it.
    const double quality = two_phase ? x.quality : NAN;
    const double cp = two_phase ? NAN : x.cp.si(), cv = two_phase ? NAN : x.cv.si(), w = two_phase ? NAN : x.w.si();

    if (format == "json") {
        using json = nlohmann::ordered_json;
        auto num = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
        const json doc = {{"fluid", std::string(f.name())},
                          {"phase", phase},
                          {"T_K", num(x.T.si())},
                          {"p_Pa", num(x.p.si())},
                          {"rho_kg_per_m3", num(x.rho.si())},
                          {"h_J_per_kg", num(x.h.si())},
                          {"s_J_per_kg_K", num(x.s.si())},
                          {"u_J_per_kg", num(x.u.si())},
                          {"cp_J_per_kg_K", num(cp)},
                          {"cv_J_per_kg_K", num(cv)},
                          {"w_m_per_s", num(w)},
                          {"quality", num(quality)}};
        std::fputs((doc.dump(2) + "\n").c_str(), stdout);
        return exit_ok;
    }
    if (format == "csv") {
        auto c = [](double v) { return std::isfinite(v) ? g17(v) : std::string(); };
        std::printf("fluid,phase,T_K,p_Pa,rho_kg_per_m3,h_J_per_kg,s_J_per_kg_K,u_J_per_kg,cp_J_per_kg_K,"
                    "cv_J_per_kg_K,w_m_per_s,quality\n%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n",
                    std::string(f.name()).c_str(), phase.c_str(), c(x.T.si()).c_str(), c(x.p.si()).c_str(),
                    c(x.rho.si()).c_str(), c(x.h.si()).c_str(), c(x.s.si()).c_str(), c(x.u.si()).c_str(), c(cp).c_str(),
                    c(cv).c_str(), c(w).c_str(), c(quality).c_str());
        return exit_ok;
    }
    // Text: "name = SI value unit   (engineering value unit)"; "—" where the value does not exist.
    std::string out = "fluid   " + std::string(f.name()) + "\nphase   " + phase + "\n";
    auto line = [&](const char* name, double si, const char* fmt_si, const char* unit, const std::string& eng) {
        out += std::string(name) + " = ";
        if (!std::isfinite(si)) {
            out += std::string(absent) + "\n";
            return;
        }
        std::string v = fixed(fmt_si, si) + (unit[0] ? std::string(" ") + unit : std::string());
        if (!eng.empty()) v += std::string(v.size() < 22 ? 22 - v.size() : 1, ' ') + "(" + eng + ")";
        out += v + "\n";
    };
    line("T      ", x.T.si(), "%.6f", "K", fixed("%.4f °C", x.T.si() - 273.15));
    line("p      ", x.p.si(), "%.3f", "Pa", fixed("%.6f bar", x.p.si() / 1e5));
    line("rho    ", x.rho.si(), "%.6f", "kg/m3", "");
    line("h      ", x.h.si(), "%.3f", "J/kg", fixed("%.6f kJ/kg", x.h.si() / 1e3));
    line("s      ", x.s.si(), "%.5f", "J/(kg K)", fixed("%.8f kJ/(kg K)", x.s.si() / 1e3));
    line("u      ", x.u.si(), "%.3f", "J/kg", fixed("%.6f kJ/kg", x.u.si() / 1e3));
    line("cp     ", cp, "%.5f", "J/(kg K)", std::isfinite(cp) ? fixed("%.8f kJ/(kg K)", cp / 1e3) : "");
    line("cv     ", cv, "%.5f", "J/(kg K)", std::isfinite(cv) ? fixed("%.8f kJ/(kg K)", cv / 1e3) : "");
    line("w      ", w, "%.4f", "m/s", "");
    line("quality", quality, "%.8f", "", "");
    std::fputs(out.c_str(), stdout);
    return exit_ok;
}

} // namespace entropyk::cli
