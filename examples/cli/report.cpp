#include "report.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "entropyk/fluids/phase_name.hpp"
#include "entropyk/version.hpp"

namespace entropyk::cli {

namespace {

/// One numbered state: from the results when converged, else from the solver's last iterate.
struct Row {
    std::string label;
    double p = NAN, h = NAN, m = NAN;
    std::optional<fluids::State> state;
};

std::vector<Row> rows_of(const SolvedCycle& c) {
    std::vector<Row> rows;
    for (std::size_t k = 0; k < c.order.size(); ++k) {
        Row r;
        r.label = c.connection_label(k);
        const std::size_t e = c.order[k];
        if (c.converged()) {
            const auto& cr = c.results.connections[e];
            r.p = cr.state.p.si(), r.h = cr.state.h.si(), r.m = cr.m;
            r.state = cr.state;
        } else if (3 * e + 2 < c.last_iterate.size()) {
            r.p = c.last_iterate[3 * e], r.h = c.last_iterate[3 * e + 1], r.m = c.last_iterate[3 * e + 2];
            const auto& fluid = c.loop_fluid(c.results.connections[e].loop);
            if (auto st = fluid.flash_ph(Pressure{r.p}, SpecificEnthalpy{r.h})) r.state = *st;
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

std::string fmt(const char* f, double v) {
    if (!std::isfinite(v)) return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

/// Pads to `width` terminal columns, counting UTF-8 code points (°, ṁ take one column).
std::string pad(const std::string& s, std::size_t width, bool right = false) {
    std::size_t cols = 0;
    for (unsigned char ch : s)
        if ((ch & 0xC0) != 0x80) ++cols;
    if (cols >= width) return s;
    const std::string fill(width - cols, ' ');
    return right ? fill + s : s + fill;
}

/// The quality inside the dome (saturated ends included); "-" in single phase.
std::string quality_of(const fluids::State& s) {
    return s.phase == fluids::Phase::two_phase ? fmt("%.4f", s.quality) : std::string("-");
}

std::string phase_of(const fluids::State& s) { return std::string(fluids::phase_name(s)); }

std::string role_name(Role r) { return std::string(to_string(r)); }

/// What a component's control value means: a compressor's speed, a valve's opening.
std::string control_of(const ComponentInfo& k, const ComponentReport& rep) {
    if (!std::isfinite(rep.control_value)) return "";
    if (k.role == Role::compressor) return fmt("speed %.1f Hz", rep.control_value);
    if (k.type == "high_pressure_valve") return fmt("high side %.4f bar", rep.control_value / 1e5);
    if (k.role == Role::expansion_valve)
        return fmt("opening %.4f", rep.control_value) + (rep.control_saturated ? " (at its bound)" : "");
    return "";
}

/// The saturation temperatures an engineer reads first, in K: evaporating (dew point at the first
/// evaporator's outlet pressure, the reference of the superheat), condensing (dew point at the
/// first condenser's inlet pressure, where AHRI 540 and EN 12900 read it) and the bubble point at
/// the condenser outlet (the reference of the subcooling). NaN without that exchanger or solution.
/// For a blend also the glides (dew minus bubble temperature) at the evaporator outlet and the
/// condenser inlet pressure (NaN for the pure and pseudo-pure fluids, which print no glide lines).
struct SaturationTemperatures {
    double evaporating = NAN, condensing = NAN, condensing_bubble = NAN;
    double evaporator_glide = NAN, condenser_glide = NAN;
};

SaturationTemperatures saturation_temperatures(const SolvedCycle& c) {
    SaturationTemperatures t;
    if (!c.converged()) return t;
    // The first evaporator and condenser that exchange heat with the outside (not a side of a
    // cascade exchanger: with several loops, the system's cold and hot ends).
    auto first = [&](Role role) {
        for (std::size_t i = 0; i < c.components.size(); ++i)
            if (c.components[i].role == role && !c.components[i].internal) return static_cast<std::uint32_t>(i);
        return static_cast<std::uint32_t>(c.components.size());
    };
    auto sat = [&](const ConnectionResult& cr) -> std::optional<fluids::SaturationState> {
        auto s = c.loop_fluid(cr.loop).saturation_p(cr.state.p);
        return s ? std::optional(*s) : std::nullopt;
    };
    const auto evaporator = first(Role::evaporator), condenser = first(Role::condenser);
    for (const auto& cr : c.results.connections) {
        const bool blend = c.loop_fluid(cr.loop).is_blend();
        if (cr.from == evaporator)
            if (auto s = sat(cr)) {
                t.evaporating = s->T_dew.si();
                if (blend) t.evaporator_glide = s->T_dew.si() - s->T_bubble.si();
            }
        if (cr.to == condenser)
            if (auto s = sat(cr)) {
                t.condensing = s->T_dew.si();
                if (blend) t.condenser_glide = s->T_dew.si() - s->T_bubble.si();
            }
        if (cr.from == condenser)
            if (auto s = sat(cr)) t.condensing_bubble = s->T_bubble.si();
    }
    return t;
}

/// Whether any loop runs on a blend (the glide lines and keys).
bool any_blend(const SolvedCycle& c) {
    for (std::size_t l = 0; l < c.loop_count(); ++l)
        if (c.loop_fluid(l).is_blend()) return true;
    return false;
}

/// "R744 (loop 1), R717 (loop 2)"; the name alone for a single loop.
std::string refrigerant_list(const SolvedCycle& c) {
    if (c.loop_count() == 1) return std::string(c.fluid->name());
    std::string out;
    for (std::size_t l = 0; l < c.loop_count(); ++l)
        out += (l ? ", " : "") + std::string(c.loop_fluid(l).name()) + " (loop " + std::to_string(l + 1) + ")";
    return out;
}

/// The state numbers (1-based) of loop `l`.
std::vector<std::size_t> loop_states(const SolvedCycle& c, std::size_t l) {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < c.order.size(); ++k)
        if (c.state(k).loop == l) out.push_back(k + 1);
    return out;
}

/// The port names of a connection's two ends.
std::string from_port_name(const SolvedCycle& c, const ConnectionResult& cr) {
    const auto& k = c.components[cr.from];
    return cr.from_port < k.outlets.size() ? k.outlets[cr.from_port] : std::string("outlet");
}
std::string to_port_name(const SolvedCycle& c, const ConnectionResult& cr) {
    const auto& k = c.components[cr.to];
    return cr.to_port < k.inlets.size() ? k.inlets[cr.to_port] : std::string("inlet");
}

/// The JSON/CSV name of a warning code.
const char* code_name(WarningCode c) {
    switch (c) {
    case WarningCode::extrapolated_state: return "extrapolated_state";
    case WarningCode::map_envelope: return "map_envelope";
    case WarningCode::discharge_temperature: return "discharge_temperature";
    case WarningCode::control_saturated: return "control_saturated";
    }
    return "warning";
}

/// The component a warning is about, or "" for none.
std::string component_of(const SolvedCycle& c, const Warning& w) {
    if (w.component < 0 || static_cast<std::size_t>(w.component) >= c.components.size()) return "";
    return c.components[static_cast<std::size_t>(w.component)].name;
}

std::string message_of(const Warning& w) { return std::string(w.message, ::strnlen(w.message, sizeof w.message)); }

/// A CSV field: quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

} // namespace

std::string first_report_line(const CycleResults& r) {
    const std::string text(r.report, ::strnlen(r.report, sizeof r.report));
    return text.substr(0, text.find('\n'));
}

std::string format_table(const SolvedCycle& c) {
    const auto& R = c.results;
    std::string out;
    out += c.title + "\n";
    out += (c.loop_count() == 1 ? "refrigerant " : "refrigerants ") + refrigerant_list(c) + " (" +
           (c.backend == "eos" ? "equation of state" : "property tables") + "), " +
           std::to_string(c.components.size()) + " components, solver " + c.method + "\n\n";
    if (R.status == SolveStatus::non_physical)
        out += "NOT PHYSICAL (the solver converged to a state that breaks a physical law; these states are not a "
               "solution)\n";
    else if (!c.converged())
        out += "LAST ITERATE (the solve did not converge; these states are not a solution)\n";
    const auto rows = rows_of(c);
    std::size_t wl = 10;
    for (const auto& r : rows) wl = std::max(wl, r.label.size());
    out += pad("#", 3, true) + "  " + pad("connection", wl) + pad("p [bar]", 10, true) + pad("T [°C]", 10, true) +
           pad("h [kJ/kg]", 11, true) + pad("s [kJ/(kg K)]", 15, true) + pad("x [-]", 8, true) + "  " +
           pad("phase", 20) + pad("ṁ [kg/s]", 10, true) + "\n";
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& r = rows[k];
        const bool st = r.state.has_value();
        // Several loops: each loop's states under a line naming it and its refrigerant.
        if (c.loop_count() > 1 && (k == 0 || c.state(k).loop != c.state(k - 1).loop))
            out += "     loop " + std::to_string(c.state(k).loop + 1) + ": " +
                   std::string(c.loop_fluid(c.state(k).loop).name()) + "\n";
        out += pad(std::to_string(k + 1), 3, true) + "  " + pad(r.label, wl) + pad(fmt("%.4f", r.p / 1e5), 10, true) +
               pad(st ? fmt("%.3f", to_celsius(r.state->T)) : "-", 10, true) + pad(fmt("%.3f", r.h / 1e3), 11, true) +
               pad(st ? fmt("%.5f", r.state->s.si() / 1e3) : "-", 15, true) +
               pad(st ? quality_of(*r.state) : "-", 8, true) + "  " + pad(st ? phase_of(*r.state) : "-", 20) +
               pad(fmt("%.5f", r.m), 10, true) + "\n";
    }
    if (c.converged()) {
        std::size_t wn = 9;
        for (const auto& k : c.components) wn = std::max(wn, k.name.size());
        out += "\n" + pad("component", wn) + "  " + pad("model", 28) + pad("Q [W]", 11, true) + pad("W [W]", 11, true) +
               pad("secondary out [°C]", 20, true) + pad("S_gen [W/K]", 13, true) + "  control\n";
        for (std::size_t n = 0, shown = c.loop_count(); n < c.components.size() * c.loop_count(); ++n) {
            // Loop by loop (one pass for a single loop), each under a line naming the loop.
            const std::size_t i = n % c.components.size(), l = n / c.components.size();
            const auto& k = c.components[i];
            if (c.loop_count() > 1 && static_cast<std::size_t>(k.loop) != l) continue;
            if (c.loop_count() > 1 && shown != l) {
                out += "loop " + std::to_string(l + 1) + " (" + std::string(c.loop_fluid(l).name()) + "):\n";
                shown = l;
            }
            const auto& rep = R.components[i];
            const bool hx = k.role == Role::condenser || k.role == Role::evaporator;
            out += pad(k.name, wn) + "  " + pad(k.type, 28) + pad(hx ? fmt("%.1f", rep.heat_rate) : "-", 11, true) +
                   pad(k.role == Role::compressor ? fmt("%.1f", rep.power) : "-", 11, true) +
                   pad(std::isfinite(rep.secondary_outlet_T) ? fmt("%.2f", rep.secondary_outlet_T - 273.15) : "-", 20,
                       true) +
                   pad(fmt("%.4f", rep.entropy_generation), 13, true) +
                   (control_of(k, rep).empty() ? "" : "  " + control_of(k, rep)) + "\n";
        }
        auto line = [&](const char* name, const std::string& value, const char* unit) {
            out += pad(name, 24) + pad(value, 12, true) + (unit[0] ? std::string(" ") + unit : std::string()) + "\n";
        };
        out += "\n";
        line("heating capacity", fmt("%.1f", R.heating_capacity), "W");
        line("cooling capacity", fmt("%.1f", R.cooling_capacity), "W");
        line("compressor power", fmt("%.1f", R.compressor_power), "W");
        line("COP heating", fmt("%.4f", R.cop_heating), "");
        line("COP cooling (EER)", fmt("%.4f", R.cop_cooling), "");
        const auto sat = saturation_temperatures(c);
        line("evaporating temperature", fmt("%.3f", sat.evaporating - 273.15), "°C (dew point, evaporator outlet)");
        if (std::isfinite(sat.evaporator_glide))
            line("evaporator glide", fmt("%.3f", sat.evaporator_glide), "K (dew minus bubble point)");
        // A transcritical high side has no condensing temperature: the gas-cooler outlet and the
        // high-side pressure take the place of the condensing lines.
        std::size_t gas_cooler = c.components.size();
        for (std::size_t i = 0; i < c.components.size(); ++i)
            if (c.components[i].type == "gas_cooler" && gas_cooler == c.components.size()) gas_cooler = i;
        if (gas_cooler < c.components.size()) {
            for (const auto& cr : R.connections)
                if (cr.from == gas_cooler) {
                    line("gas cooler outlet", fmt("%.3f", to_celsius(cr.state.T)),
                         ("°C (" + phase_of(cr.state) + ")").c_str());
                    line("high-side pressure", fmt("%.4f", cr.state.p.si() / 1e5),
                         cr.state.p.si() >= c.loop_fluid(cr.loop).p_critical().si()
                             ? "bar (above the critical pressure)"
                             : "bar (below the critical pressure)");
                }
        } else {
            line("condensing temperature", fmt("%.3f", sat.condensing - 273.15), "°C (dew point, condenser inlet)");
            line("condenser bubble point", fmt("%.3f", sat.condensing_bubble - 273.15),
                 "°C (bubble point, condenser outlet)");
            if (std::isfinite(sat.condenser_glide))
                line("condenser glide", fmt("%.3f", sat.condenser_glide), "K (dew minus bubble point)");
        }
        line("superheat", fmt("%.3f", R.superheat), "K (evaporator outlet)");
        if (gas_cooler == c.components.size()) line("subcooling", fmt("%.3f", R.subcooling), "K (condenser outlet)");
        line("energy balance", fmt("%.2e", R.energy_balance), "(relative)");
        line("entropy generation", fmt("%.4f", R.entropy_generation), "W/K");
        if (c.loop_count() > 1) {
            // Per loop: heat with the outside, heat passed between loops, power, the loop's own COPs
            // (docs/cycle-format.md, "Output"); the lines above are the system's.
            out += "\n" + pad("loop", 8) + pad("refrigerant", 12) + pad("cooling [W]", 12, true) +
                   pad("heating [W]", 12, true) + pad("from loops [W]", 15, true) + pad("to loops [W]", 13, true) +
                   pad("power [W]", 11, true) + pad("COP cooling", 12, true) + pad("COP heating", 12, true) +
                   pad("mass balance", 13, true) + "\n";
            for (std::size_t l = 0; l < c.loop_count(); ++l) {
                const LoopFigures L = loop_figures(R, static_cast<std::uint32_t>(l), c.components);
                out += pad("loop " + std::to_string(l + 1), 8) + pad(std::string(c.loop_fluid(l).name()), 12) +
                       pad(fmt("%.1f", L.cooling_capacity), 12, true) + pad(fmt("%.1f", L.heating_capacity), 12, true) +
                       pad(fmt("%.1f", L.heat_from_loops), 15, true) + pad(fmt("%.1f", L.heat_to_loops), 13, true) +
                       pad(fmt("%.1f", L.compressor_power), 11, true) + pad(fmt("%.4f", L.cop_cooling), 12, true) +
                       pad(fmt("%.4f", L.cop_heating), 12, true) + pad(fmt("%.1e", L.mass_balance), 13, true) + "\n";
            }
        }
        out += "\n";
    } else {
        out += "\n";
    }
    out += "status: " + std::string(to_string(R.status)) + ", " + std::to_string(R.iterations) +
           " iterations, residual " + fmt("%.2e", R.residual_norm) + ", solve time " +
           fmt("%.3f", R.solve_time_s * 1e3) + " ms\n";
    for (const Warning& w : R.warnings) {
        const std::string who = component_of(c, w);
        out += "warning: " + message_of(w) + " (" + std::string(to_string(w.code)) + (who.empty() ? "" : ", " + who) +
               ")\n";
    }
    if (R.warnings.dropped() > 0)
        out += "warning: " + std::to_string(R.warnings.dropped()) + " more warning(s) not kept\n";
    if (!c.converged() && R.report[0]) out += "\nsolver report:\n" + std::string(R.report);
    return out;
}

std::string format_json(const SolvedCycle& c) {
    using json = nlohmann::ordered_json;
    const auto& R = c.results;
    auto num = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
    json doc;
    doc["entropyk"] = version_string;
    doc["source"] = c.source;
    doc["name"] = c.title;
    doc["refrigerant"] = std::string(c.fluid->name()); // loop 1's; every loop's under "loops"
    doc["backend"] = c.backend;
    doc["solver"] = {{"method", c.method},
                     {"status", std::string(to_string(R.status))},
                     {"converged", c.converged()},
                     {"iterations", R.iterations},
                     {"residual_norm", num(R.residual_norm)},
                     {"solve_time_s", num(R.solve_time_s)}};
    if (!c.converged()) doc["solver"]["report"] = std::string(R.report);
    json warnings = json::array();
    for (const Warning& w : R.warnings) {
        const std::string who = component_of(c, w);
        warnings.push_back({{"code", code_name(w.code)},
                            {"component", who.empty() ? json(nullptr) : json(who)},
                            {"message", message_of(w)}});
    }
    doc["warnings"] = std::move(warnings);
    json states = json::array();
    const auto rows = rows_of(c);
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& r = rows[k];
        const auto& cr = c.results.connections[c.order[k]];
        json s = {
            {"number", k + 1},
            {"from", c.components[cr.from].name},
            {"to", c.components[cr.to].name},
            {"from_port", from_port_name(c, cr)},
            {"to_port", to_port_name(c, cr)},
            {"connection", c.connection_label(k)},
            {"loop", cr.loop + 1},
            {"p_Pa", num(r.p)},
            {"T_K", r.state ? num(r.state->T.si()) : json(nullptr)},
            {"h_J_per_kg", num(r.h)},
            {"s_J_per_kg_K", r.state ? num(r.state->s.si()) : json(nullptr)},
            {"rho_kg_per_m3", r.state ? num(r.state->rho.si()) : json(nullptr)},
            {"quality", r.state && r.state->phase == fluids::Phase::two_phase ? json(r.state->quality) : json(nullptr)},
            {"phase", r.state ? json(phase_of(*r.state)) : json(nullptr)},
            {"m_kg_per_s", num(r.m)}};
        states.push_back(std::move(s));
    }
    doc["states"] = std::move(states);
    // Every loop with its refrigerant and states; its figures once solved (the system's under "results").
    json loops = json::array();
    for (std::size_t l = 0; l < c.loop_count(); ++l) {
        json lp = {
            {"loop", l + 1}, {"refrigerant", std::string(c.loop_fluid(l).name())}, {"states", loop_states(c, l)}};
        if (c.converged()) {
            const LoopFigures L = loop_figures(R, static_cast<std::uint32_t>(l), c.components);
            lp["cooling_capacity_W"] = num(L.cooling_capacity);
            lp["heating_capacity_W"] = num(L.heating_capacity);
            lp["heat_from_loops_W"] = num(L.heat_from_loops);
            lp["heat_to_loops_W"] = num(L.heat_to_loops);
            lp["compressor_power_W"] = num(L.compressor_power);
            lp["cop_cooling"] = num(L.cop_cooling);
            lp["cop_heating"] = num(L.cop_heating);
            lp["mass_balance"] = num(L.mass_balance);
        }
        loops.push_back(std::move(lp));
    }
    doc["loops"] = std::move(loops);
    if (c.converged()) {
        json comps = json::array();
        for (std::size_t i = 0; i < c.components.size(); ++i) {
            const auto& rep = R.components[i];
            comps.push_back({{"name", c.components[i].name},
                             {"type", c.components[i].type},
                             {"role", role_name(c.components[i].role)},
                             {"loop", c.components[i].loop + 1},
                             {"heat_rate_W", num(rep.heat_rate)},
                             {"power_W", num(rep.power)},
                             {"electrical_power_W", num(rep.electrical_power)},
                             {"entropy_generation_W_per_K", num(rep.entropy_generation)},
                             {"secondary_outlet_T_K", num(rep.secondary_outlet_T)},
                             {"control_value", num(rep.control_value)},
                             {"control_saturated", rep.control_saturated}});
        }
        doc["components"] = std::move(comps);
        const auto sat = saturation_temperatures(c);
        doc["results"] = {{"cooling_capacity_W", num(R.cooling_capacity)},
                          {"heating_capacity_W", num(R.heating_capacity)},
                          {"compressor_power_W", num(R.compressor_power)},
                          {"cop_cooling", num(R.cop_cooling)},
                          {"cop_heating", num(R.cop_heating)},
                          {"evaporating_temperature_K", num(sat.evaporating)},
                          {"condensing_temperature_K", num(sat.condensing)},
                          {"condensing_bubble_temperature_K", num(sat.condensing_bubble)},
                          {"superheat_K", num(R.superheat)},
                          {"subcooling_K", num(R.subcooling)},
                          {"energy_balance", num(R.energy_balance)},
                          {"mass_balance", num(R.mass_balance)},
                          {"entropy_generation_W_per_K", num(R.entropy_generation)}};
        if (any_blend(c)) {
            doc["results"]["evaporator_glide_K"] = num(sat.evaporator_glide);
            doc["results"]["condenser_glide_K"] = num(sat.condenser_glide);
        }
    }
    return doc.dump(2) + "\n";
}

std::string format_csv(const SolvedCycle& c) {
    auto g = [](double v) { return fmt("%.10g", v) == "-" ? std::string() : fmt("%.10g", v); };
    std::string out =
        "number,from,to,p_Pa,T_K,h_J_per_kg,s_J_per_kg_K,quality,phase,m_kg_per_s,from_port,to_port,loop\n";
    const auto rows = rows_of(c);
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& r = rows[k];
        const auto& cr = c.results.connections[c.order[k]];
        const bool st = r.state.has_value();
        out += std::to_string(k + 1) + "," + c.components[cr.from].name + "," + c.components[cr.to].name + "," +
               g(r.p) + "," + (st ? g(r.state->T.si()) : "") + "," + g(r.h) + "," + (st ? g(r.state->s.si()) : "") +
               "," + (st && r.state->phase == fluids::Phase::two_phase ? g(r.state->quality) : "") + "," +
               (st ? phase_of(*r.state) : "") + "," + g(r.m) + "," + csv_field(from_port_name(c, cr)) + "," +
               csv_field(to_port_name(c, cr)) + "," + std::to_string(cr.loop + 1) + "\n";
    }
    const auto& R = c.results;
    out += "\nquantity,value,unit\n";
    auto q = [&](const char* name, double v, const char* unit) {
        out += std::string(name) + "," + g(v) + "," + unit + "\n";
    };
    if (c.converged()) {
        q("cooling_capacity", R.cooling_capacity, "W");
        q("heating_capacity", R.heating_capacity, "W");
        q("compressor_power", R.compressor_power, "W");
        q("cop_cooling", R.cop_cooling, "");
        q("cop_heating", R.cop_heating, "");
        const auto sat = saturation_temperatures(c);
        q("evaporating_temperature", sat.evaporating, "K");
        q("condensing_temperature", sat.condensing, "K");
        q("condensing_bubble_temperature", sat.condensing_bubble, "K");
        if (any_blend(c)) {
            q("evaporator_glide", sat.evaporator_glide, "K");
            q("condenser_glide", sat.condenser_glide, "K");
        }
        q("superheat", R.superheat, "K");
        q("subcooling", R.subcooling, "K");
        q("energy_balance", R.energy_balance, "");
        q("entropy_generation", R.entropy_generation, "W/K");
        if (c.loop_count() > 1)
            for (std::size_t l = 0; l < c.loop_count(); ++l) {
                const LoopFigures L = loop_figures(R, static_cast<std::uint32_t>(l), c.components);
                const std::string p = "loop" + std::to_string(l + 1) + ".";
                q((p + "cooling_capacity").c_str(), L.cooling_capacity, "W");
                q((p + "heating_capacity").c_str(), L.heating_capacity, "W");
                q((p + "heat_from_loops").c_str(), L.heat_from_loops, "W");
                q((p + "heat_to_loops").c_str(), L.heat_to_loops, "W");
                q((p + "compressor_power").c_str(), L.compressor_power, "W");
                q((p + "cop_cooling").c_str(), L.cop_cooling, "");
                q((p + "cop_heating").c_str(), L.cop_heating, "");
            }
    }
    out += "status," + std::string(to_string(R.status)) + ",\n";
    q("iterations", R.iterations, "");
    q("residual_norm", R.residual_norm, "");
    q("solve_time", R.solve_time_s, "s");
    if (!R.warnings.empty()) {
        out += "\nwarning,component,message\n";
        for (const Warning& w : R.warnings)
            out += std::string(code_name(w.code)) + "," + csv_field(component_of(c, w)) + "," +
                   csv_field(message_of(w)) + "\n";
    }
    return out;
}

void write_file_atomically(const std::string& path, const std::string& content) {
    namespace fs = std::filesystem;
    std::random_device rd;
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".tmp%08x", static_cast<unsigned>(rd()));
    const std::string tmp = path + suffix;
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw std::runtime_error(path + ": cannot create " + tmp);
        f.write(content.data(), static_cast<std::streamsize>(content.size()));
        f.close();
        if (!f) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw std::runtime_error(path + ": cannot write " + tmp);
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw std::runtime_error(path + ": cannot replace the file: " + ec.message());
    }
}

} // namespace entropyk::cli
