// The diagram model: everything a log p-h or T-s diagram of a solved cycle shows, laid out in
// pixels of a 1000 x 700 canvas (frame, grid, isolines, dome, processes, numbered states, placed
// labels, legend text), with no drawing code. svg.hpp writes it as SVG; a caller can draw it any
// other way. Building it calls the refrigerant's EOS (dome, isolines, process paths) and
// allocates; it never touches a solve.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <string>
#include <tuple>
#include <vector>

#include "entropyk/core/error.hpp"
#include "entropyk/core/result.hpp"
#include "entropyk/diagrams/axes.hpp"
#include "entropyk/diagrams/cycle_view.hpp"
#include "entropyk/diagrams/dome.hpp"
#include "entropyk/diagrams/geometry.hpp"
#include "entropyk/diagrams/isolines.hpp"
#include "entropyk/diagrams/labels.hpp"
#include "entropyk/diagrams/processes.hpp"

namespace entropyk::diagrams {

/// Which diagram (the values of the C API's EntropykDiagramKind).
enum class DiagramKind : std::int32_t { ph = 0, ts = 1 };

struct ProcessPath {
    std::string component;
    Role role = Role::other;
    std::size_t from = 0, to = 0; ///< state numbers, 0-based
    std::vector<Pixel> pts;
    /// Heat rejected above the critical pressure (a gas cooler): drawn as "gas cooling".
    bool supercritical = false;
    std::string what = {}; ///< Process::what ("mixing", "separation", ...), empty: the role's verb
};

struct StateMark {
    std::size_t number = 0; ///< 0-based
    Pixel at;
};

struct LegendRow {
    std::string name, value;
};

struct Diagram {
    DiagramKind kind = DiagramKind::ph;
    std::string kind_name; ///< "log p-h diagram", "T-s diagram"
    std::string title, source, fluid, properties;
    double width = 1000.0, height = 700.0;
    Box plot{84.0, 62.0, 742.0, 632.0};
    std::string x_label, y_label;
    std::vector<double> x_grid, y_grid, y_minor; ///< pixel positions of the tick lines
    std::vector<std::vector<Pixel>> isolines;
    std::vector<Pixel> bubble, dew;
    bool critical_shown = false;
    Pixel critical;
    std::vector<ProcessPath> processes;
    std::vector<StateMark> states;
    /// The number shown for state k is first_number + k + 1 (CycleView::first_number: a loop of
    /// a system of several keeps the numbers of the command's table).
    std::size_t first_number = 0;
    /// Tick, isoline, critical-point and state labels: no two boxes intersect, and the state
    /// labels together name every state (coincident states share one label, "4,5").
    std::vector<Label> labels;
    std::vector<LegendRow> figures;
    /// The states' table: number (1-based), p [bar], T [°C], h [kJ/kg].
    std::vector<std::array<double, 4>> table;
};

namespace detail {

inline std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

/// The lowest pressure shown: well below the evaporator so that the dome reads as a dome, inside
/// the fluid's saturation range.
inline double low_pressure(const fluids::Fluid& f, double p_min_cycle) {
    double p = log_round(0.35 * p_min_cycle, false);
    if (auto p_floor = f.p_sat(Temperature{f.T_min().si() + 2.0})) p = std::max(p, log_round(p_floor->si(), true));
    return p;
}

/// Groups states whose markers (nearly) coincide: single-link clusters at `distance` pixels.
inline std::vector<std::vector<std::size_t>> coincident_groups(const std::vector<StateMark>& s, double distance) {
    std::vector<std::size_t> group(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) group[i] = i;
    auto root = [&](std::size_t i) {
        while (group[i] != i) i = group[i];
        return i;
    };
    for (std::size_t i = 0; i < s.size(); ++i)
        for (std::size_t j = i + 1; j < s.size(); ++j)
            if (std::hypot(s[i].at.x - s[j].at.x, s[i].at.y - s[j].at.y) < distance) group[root(j)] = root(i);
    std::vector<std::vector<std::size_t>> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (root(i) != i) continue;
        out.emplace_back();
        for (std::size_t j = 0; j < s.size(); ++j)
            if (root(j) == i) out.back().push_back(s[j].number);
    }
    return out;
}

inline constexpr double state_marker_r = 4.5;

/// The state labels: one per group of coincident states, numbers joined by commas, placed around
/// the group's marker starting from the direction away from the cycle's centre.
/// Returns the text of a label that found no free place (empty when all are placed).
inline std::string place_state_labels(Diagram& d, LabelPlacer& placer) {
    if (d.states.empty()) return {};
    Pixel centre{0.0, 0.0};
    for (const auto& s : d.states) {
        centre.x += s.at.x / static_cast<double>(d.states.size());
        centre.y += s.at.y / static_cast<double>(d.states.size());
    }
    const Box region = d.plot.inflated(-1.0);
    for (const auto& group : coincident_groups(d.states, 2.0 * state_marker_r)) {
        std::string text;
        Pixel at{0.0, 0.0};
        for (std::size_t n : group) {
            text += (text.empty() ? "" : ",") + std::to_string(d.first_number + n + 1);
            at.x += d.states[n].at.x / static_cast<double>(group.size());
            at.y += d.states[n].at.y / static_cast<double>(group.size());
        }
        const double away = std::hypot(at.x - centre.x, at.y - centre.y) < 1e-6
                                ? -0.5 * std::numbers::pi
                                : std::atan2(at.y - centre.y, at.x - centre.x);
        const Label proto =
            make_label(LabelKind::state, text, at.x, at.y, Anchor::middle, state_font_px, true, state_halo_px);
        const double w = proto.box.width(), h = proto.box.height();
        std::vector<Label> candidates;
        for (double r : {state_marker_r + 3.0, state_marker_r + 9.0, state_marker_r + 18.0, state_marker_r + 32.0})
            for (int k = 0; k < 16; ++k) {
                // 0, +1, -1, +2, -2, ... steps of 22.5 degrees from the preferred direction.
                const int step = (k + 1) / 2 * (k % 2 == 1 ? 1 : -1);
                const double a = away + step * std::numbers::pi / 8.0;
                const double ca = std::cos(a), sa = std::sin(a);
                const double cx = at.x + ca * (r + 0.5 * w * std::fabs(ca));
                const double cy = at.y + sa * (r + 0.5 * h * std::fabs(sa));
                candidates.push_back(make_label(LabelKind::state, text, cx, baseline_for_centre(cy, state_font_px),
                                                Anchor::middle, state_font_px, true, state_halo_px));
            }
        Label named = proto;
        named.states = group;
        for (auto& c : candidates) c.states = group;
        // The scan of the whole plot area cannot fail for a few labels of this size (the area holds
        // hundreds of them); should it ever, the diagram is refused rather than drawn without a number.
        if (!placer.place_somewhere(named, candidates, at, region)) return text;
    }
    return {};
}

/// An isoline's label next to one of its points: from the preferred point (or the last point well
/// inside the plot) outwards along the line, above the line first, then below.
inline void place_isoline_label(const Diagram& d, const std::vector<Pixel>& line, const std::string& text,
                                int preferred, LabelPlacer& placer) {
    const Box region = d.plot.inflated(-2.0);
    if (line.empty()) return;
    const bool centred = preferred >= 0;
    std::size_t start = 0;
    if (centred) {
        start = static_cast<std::size_t>(preferred);
    } else {
        start = line.size() - 1;
        for (std::size_t k = line.size(); k-- > 0;)
            if (d.plot.inflated(-20.0).contains(line[k])) {
                start = k;
                break;
            }
    }
    std::vector<Label> candidates;
    auto add = [&](std::size_t k) {
        const Pixel q = line[k];
        if (!std::isfinite(q.x) || !std::isfinite(q.y)) return;
        if (centred) {
            candidates.push_back(make_label(LabelKind::isoline, text, q.x, q.y - 4.0, Anchor::middle, isoline_font_px,
                                            false, isoline_halo_px));
            candidates.push_back(make_label(LabelKind::isoline, text, q.x, q.y + 13.0, Anchor::middle, isoline_font_px,
                                            false, isoline_halo_px));
        } else {
            candidates.push_back(make_label(LabelKind::isoline, text, q.x - 3.0, q.y - 4.0, Anchor::end,
                                            isoline_font_px, false, isoline_halo_px));
            candidates.push_back(make_label(LabelKind::isoline, text, q.x + 3.0, q.y + 13.0, Anchor::start,
                                            isoline_font_px, false, isoline_halo_px));
        }
    };
    add(start);
    for (std::size_t off = 1; off < line.size(); ++off) {
        // Backwards first (into the plot for an end label), then forwards.
        if (start >= off) add(start - off);
        if (start + off < line.size()) add(start + off);
    }
    (void)placer.place_first(candidates, region, true);
}

} // namespace detail

/// Builds the diagram of kind `kind` for a solved cycle. Fails (ThermoError, nothing built) when
/// the view is incomplete or a property call needed for the frame fails.
[[nodiscard]] inline Result<Diagram> build_diagram(const CycleView& c, DiagramKind kind) {
    if (c.fluid == nullptr || c.results == nullptr || c.order.size() < 2)
        return ThermoError::format(Errc::invalid_state, "a diagram needs a refrigerant and a cycle of at least two "
                                                        "states in flow order");
    for (std::size_t i : c.order)
        if (i >= c.results->connections.size())
            return ThermoError::format(Errc::invalid_state, "state index %zu: the cycle has %zu connections", i,
                                       c.results->connections.size());
    const fluids::Fluid& f = *c.fluid;
    Diagram d;
    d.kind = kind;
    d.kind_name = kind == DiagramKind::ph ? "log p-h diagram" : "T-s diagram";
    d.title = c.title;
    d.source = c.source;
    d.fluid = std::string(f.name());
    d.properties = c.properties;
    d.first_number = c.first_number;
    const Box& P = d.plot;

    const std::vector<Process> procs = process_paths(c);
    double p_min = INFINITY, p_max = -INFINITY, T_max_cycle = -INFINITY;
    for (std::size_t k = 0; k < c.order.size(); ++k) {
        const auto& st = c.state(k).state;
        p_min = std::min(p_min, st.p.si());
        p_max = std::max(p_max, st.p.si());
        T_max_cycle = std::max(T_max_cycle, st.T.si());
    }
    if (!(p_min > 0.0) || !std::isfinite(p_max))
        return ThermoError::format(Errc::invalid_state, "the cycle's pressures are not finite and positive");
    const double p_lo = detail::low_pressure(f, p_min);
    auto sat_lo = f.saturation_p(Pressure{p_lo});
    if (!sat_lo) return ThermoError::format(Errc::fluid_error, "%s: %s", d.kind_name.c_str(), sat_lo.error().c_str());
    Result<Dome> dome_r = sample_dome(f, sat_lo->T_dew.si() + 1e-3);
    if (!dome_r) return dome_r.error();
    const Dome& dome = *dome_r;

    Axis ax, ay;
    std::vector<double> x_ticks, y_ticks, y_minor;
    std::vector<Isoline> isos;
    double (*fx)(const PathPoint&) = nullptr;
    double (*fy)(const PathPoint&) = nullptr;
    if (kind == DiagramKind::ph) {
        fx = [](const PathPoint& q) { return q.h / 1e3; };
        fy = [](const PathPoint& q) { return q.p / 1e5; };
        const double p_hi = log_round(1.12 * std::max(f.p_critical().si(), p_max), true);
        // Enthalpy range: the dome and every point of the processes, with a margin.
        double h_min = dome.bubble.front().h, h_max = -INFINITY;
        for (const auto& q : dome.dew) h_max = std::max(h_max, q.h);
        for (const auto& p : procs)
            for (const auto& q : p.pts) h_min = std::min(h_min, q.h), h_max = std::max(h_max, q.h);
        const double span = h_max - h_min;
        const double step = nice_step(span, 7);
        const double h_lo = axis_end(h_min - 0.02 * span, step, span, false);
        const double h_hi = axis_end(h_max + 0.05 * span, step, span, true);
        ax = Axis{h_lo / 1e3, h_hi / 1e3, false, P.x0, P.x1};
        ay = Axis{p_lo / 1e5, p_hi / 1e5, true, P.y1, P.y0};
        // Isotherms from the lowest saturation temperature shown to the vapour at the right edge.
        double T_hi = T_max_cycle + 20.0;
        if (auto right = f.flash_ph(Pressure{p_lo}, SpecificEnthalpy{h_hi})) T_hi = std::max(T_hi, right->T.si());
        isos = isotherms(f, dome.bubble.front().T, T_hi, p_lo, p_hi);
        x_ticks = linear_ticks(h_lo / 1e3, h_hi / 1e3, 8);
        log_ticks(ay, y_ticks, y_minor);
        d.x_label = "specific enthalpy h [kJ/kg]";
        d.y_label = "pressure p [bar], log scale";
    } else {
        fx = [](const PathPoint& q) { return q.s / 1e3; };
        fy = [](const PathPoint& q) { return q.T - 273.15; };
        double T_min = dome.bubble.front().T, T_max = f.T_critical().si(), s_min = dome.bubble.front().s,
               s_max = -INFINITY;
        for (const auto& q : dome.dew) s_max = std::max(s_max, q.s);
        for (const auto& p : procs)
            for (const auto& q : p.pts)
                T_min = std::min(T_min, q.T), T_max = std::max(T_max, q.T), s_min = std::min(s_min, q.s),
                s_max = std::max(s_max, q.s);
        const double Tspan = T_max - T_min, sspan = s_max - s_min;
        const double Tstep = nice_step(Tspan, 7), sstep = nice_step(sspan / 1e3, 7) * 1e3;
        const double T_lo = axis_end(T_min - 273.15 - 0.03 * Tspan, Tstep, Tspan, false);
        const double T_hi = axis_end(T_max - 273.15 + 0.08 * Tspan, Tstep, Tspan, true);
        const double s_lo = axis_end(s_min - 0.03 * sspan, sstep, sspan, false);
        const double s_hi = axis_end(s_max + 0.08 * sspan, sstep, sspan, true);
        ax = Axis{s_lo / 1e3, s_hi / 1e3, false, P.x0, P.x1};
        ay = Axis{T_lo, T_hi, false, P.y1, P.y0};
        isos = isobars(f, p_lo, std::max(f.p_critical().si(), p_max) * 1.5, T_lo + 273.15 + 1e-6, T_hi + 273.15);
        x_ticks = linear_ticks(s_lo / 1e3, s_hi / 1e3, 8);
        y_ticks = linear_ticks(T_lo, T_hi, 8);
        d.x_label = "specific entropy s [kJ/(kg K)]";
        d.y_label = "temperature T [\u00b0C]";
    }
    auto px = [&](const PathPoint& q) { return Pixel{ax(fx(q)), ay(fy(q))}; };
    auto pixels = [&](const std::vector<PathPoint>& pts) {
        std::vector<Pixel> out;
        for (const auto& q : pts)
            if (const Pixel p = px(q); std::isfinite(p.x) && std::isfinite(p.y)) out.push_back(p);
        return out;
    };

    for (double v : x_ticks) d.x_grid.push_back(ax(v));
    for (double v : y_ticks) d.y_grid.push_back(ay(v));
    for (double v : y_minor) d.y_minor.push_back(ay(v));
    d.bubble = pixels(dome.bubble);
    d.dew = pixels(dome.dew);
    d.critical = px(dome.critical);
    d.critical_shown = P.contains(d.critical);
    const double pc = f.p_critical().si();
    for (const auto& p : procs)
        d.processes.push_back({p.component, p.role, p.from, p.to, pixels(p.pts),
                               p.role == Role::condenser && c.state(p.from).state.p.si() >= pc, p.what});
    for (std::size_t k = 0; k < c.order.size(); ++k) d.states.push_back({k, px(path_point(c.state(k).state))});
    for (const auto& iso : isos) d.isolines.push_back(pixels(iso.pts));

    // ---- labels, in priority order (labels.hpp) ----
    LabelPlacer placer;
    for (const auto& s : d.states) {
        const double r = detail::state_marker_r + 1.0;
        placer.add_marker(Box{s.at.x - r, s.at.y - r, s.at.x + r, s.at.y + r});
    }
    if (d.critical_shown)
        placer.add_marker(Box{d.critical.x - 4, d.critical.y - 4, d.critical.x + 4, d.critical.y + 4});
    for (const auto& p : d.processes) placer.add_path(p.pts);
    const Box canvas{0.0, 0.0, d.width, d.height};
    for (std::size_t i = 0; i < x_ticks.size(); ++i)
        (void)placer.place_first({make_label(LabelKind::tick, tick_label(x_ticks[i]), d.x_grid[i], P.y1 + 20.0,
                                             Anchor::middle, tick_font_px, false, 0.0)},
                                 canvas, false);
    for (std::size_t i = 0; i < y_ticks.size(); ++i)
        (void)placer.place_first({make_label(LabelKind::tick, tick_label(y_ticks[i]), P.x0 - 8.0, d.y_grid[i] + 4.0,
                                             Anchor::end, tick_font_px, false, 0.0)},
                                 canvas, false);
    if (const std::string lost = detail::place_state_labels(d, placer); !lost.empty())
        return ThermoError::format(Errc::internal_error, "%s: no free place for the label of state %s",
                                   d.kind_name.c_str(), lost.c_str());
    if (d.critical_shown) {
        const Pixel q = d.critical;
        const std::string t = "critical point";
        std::vector<Label> cands;
        for (auto [dx, dy, a] : {std::tuple{0.0, -8.0, Anchor::middle}, std::tuple{-6.0, -8.0, Anchor::end},
                                 std::tuple{6.0, -8.0, Anchor::start}, std::tuple{8.0, 4.0, Anchor::start},
                                 std::tuple{-8.0, 4.0, Anchor::end}, std::tuple{0.0, 16.0, Anchor::middle}})
            cands.push_back(
                make_label(LabelKind::critical_point, t, q.x + dx, q.y + dy, a, critical_font_px, false, 0.0));
        (void)placer.place_first(cands, P.inflated(-2.0), true);
    }
    for (std::size_t i = 0; i < isos.size(); ++i) {
        int preferred = isos[i].preferred;
        // Near the critical point the two-phase segment is too short to hold a label.
        if (preferred >= 0 && (isos[i].two_phase_begin < 0 || isos[i].two_phase_end < 0 ||
                               std::fabs(px(isos[i].pts[static_cast<std::size_t>(isos[i].two_phase_end)]).x -
                                         px(isos[i].pts[static_cast<std::size_t>(isos[i].two_phase_begin)]).x) < 80.0))
            preferred = -1;
        // Indices into the pixel line (pixels() drops non-finite points; the sweeps give none).
        if (d.isolines[i].size() != isos[i].pts.size()) preferred = -1;
        detail::place_isoline_label(d, d.isolines[i], isos[i].label, preferred, placer);
    }
    d.labels = placer.take();

    // ---- legend ----
    const CycleResults& R = *c.results;
    auto kw = [](double W) { return detail::fixed(W / 1e3, 2) + " kW"; };
    if (c.loop < 0) {
        d.figures.push_back({"COP heating", detail::fixed(R.cop_heating, 2)});
        d.figures.push_back({"COP cooling (EER)", detail::fixed(R.cop_cooling, 2)});
        d.figures.push_back({"heating capacity", kw(R.heating_capacity)});
        d.figures.push_back({"cooling capacity", kw(R.cooling_capacity)});
        d.figures.push_back({"compressor power", kw(R.compressor_power)});
    } else {
        // One loop of several: its own figures (the stage COPs of a cascade), the heat it passes
        // to or takes from the other loops apart from what it exchanges with the outside.
        const LoopFigures L = loop_figures(R, static_cast<std::uint32_t>(c.loop), c.components);
        d.figures.push_back({"loop COP heating", detail::fixed(L.cop_heating, 2)});
        d.figures.push_back({"loop COP cooling", detail::fixed(L.cop_cooling, 2)});
        if (L.heating_capacity > 0) d.figures.push_back({"heating capacity", kw(L.heating_capacity)});
        if (L.cooling_capacity > 0) d.figures.push_back({"cooling capacity", kw(L.cooling_capacity)});
        if (L.heat_to_loops > 0) d.figures.push_back({"heat to other loops", kw(L.heat_to_loops)});
        if (L.heat_from_loops > 0) d.figures.push_back({"heat from other loops", kw(L.heat_from_loops)});
        d.figures.push_back({"compressor power", kw(L.compressor_power)});
        d.figures.push_back({"system COP cooling", detail::fixed(R.cop_cooling, 2)});
    }
    // Saturation (dew-point) temperatures at the evaporator outlet and condenser inlet pressures.
    double superheat = c.loop < 0 ? R.superheat : not_available;
    double subcooling = c.loop < 0 ? R.subcooling : not_available;
    for (const auto& p : procs) {
        const bool evap = p.role == Role::evaporator, cond = p.role == Role::condenser;
        if (!evap && !cond) continue;
        if (cond && c.state(p.from).state.p.si() >= pc) {
            // A transcritical high side has no condensing temperature: its pressure and the
            // gas-cooler outlet temperature instead.
            d.figures.push_back(
                {"high side (supercritical)", detail::fixed(c.state(p.from).state.p.si() / 1e5, 1) + " bar"});
            d.figures.push_back(
                {"gas-cooler outlet", detail::fixed(to_celsius(c.state(p.to).state.T), 1) + " \u00b0C"});
            continue;
        }
        if (auto sat = f.saturation_p(c.state(evap ? p.to : p.from).state.p))
            d.figures.push_back({evap ? "evaporating (dew)" : "condensing (dew)",
                                 detail::fixed(to_celsius(sat->T_dew), 1) + " \u00b0C"});
        // A loop drawn on its own: superheat and subcooling at its first evaporator and condenser.
        if (c.loop >= 0)
            if (auto sat = f.saturation_p(c.state(p.to).state.p)) {
                if (evap && std::isnan(superheat)) superheat = c.state(p.to).state.T.si() - sat->T_dew.si();
                if (cond && std::isnan(subcooling)) subcooling = sat->T_bubble.si() - c.state(p.to).state.T.si();
            }
    }
    if (std::isfinite(superheat)) d.figures.push_back({"superheat", detail::fixed(superheat, 1) + " K"});
    if (std::isfinite(subcooling)) d.figures.push_back({"subcooling", detail::fixed(subcooling, 1) + " K"});
    // A network's branches carry different flows: the flow of state 1 (the first suction) is named.
    bool one_flow = true;
    for (std::size_t k = 0; k < c.order.size(); ++k)
        one_flow = one_flow && std::fabs(c.state(k).m - c.state(0).m) <= 1e-9 * std::fabs(c.state(0).m);
    d.figures.push_back({one_flow ? "mass flow" : "mass flow, state " + std::to_string(c.first_number + 1),
                         detail::fixed(c.state(0).m * 1e3, 1) + " g/s"});
    for (std::size_t k = 0; k < c.order.size(); ++k) {
        const auto& st = c.state(k).state;
        d.table.push_back(
            {static_cast<double>(c.first_number + k + 1), st.p.si() / 1e5, to_celsius(st.T), st.h.si() / 1e3});
    }
    return d;
}

} // namespace entropyk::diagrams
