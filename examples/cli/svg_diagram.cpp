#include "svg_diagram.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "entropyk/version.hpp"

namespace entropyk::cli {

namespace {

// ---- states along the processes -------------------------------------------------------------

/// A point of a path, SI units.
struct Pt {
    double p, h, T, s;
};
Pt pt(const fluids::State& s) { return {s.p.si(), s.h.si(), s.T.si(), s.s.si()}; }

struct Process {
    std::string component;
    Role role;
    std::size_t from, to; ///< state numbers, 0-based
    std::vector<Pt> pts;
};

double lerp(double a, double b, double t) { return a + (b - a) * t; }

/// Compression: small pressure steps (uniform in ln p) with the entropy varying linearly from
/// the suction to the discharge entropy, the polytropic path between the two end states.
std::vector<Pt> compression(const fluids::Fluid& f, const fluids::State& a, const fluids::State& b) {
    std::vector<Pt> out{pt(a)};
    constexpr int n = 40;
    for (int i = 1; i < n; ++i) {
        const double t = static_cast<double>(i) / n;
        const double p = std::exp(lerp(std::log(a.p.si()), std::log(b.p.si()), t));
        if (auto st = f.flash_ps(Pressure{p}, SpecificEntropy{lerp(a.s.si(), b.s.si(), t)})) out.push_back(pt(*st));
    }
    out.push_back(pt(b));
    return out;
}

/// Throttling: constant enthalpy, pressure steps uniform in ln p.
std::vector<Pt> throttling(const fluids::Fluid& f, const fluids::State& a, const fluids::State& b) {
    std::vector<Pt> out{pt(a)};
    constexpr int n = 40;
    for (int i = 1; i < n; ++i) {
        const double p = std::exp(lerp(std::log(a.p.si()), std::log(b.p.si()), static_cast<double>(i) / n));
        if (auto st = f.flash_ph(Pressure{p}, SpecificEnthalpy{lerp(a.h.si(), b.h.si(), static_cast<double>(i) / n)}))
            out.push_back(pt(*st));
    }
    out.push_back(pt(b));
    return out;
}

/// Heat exchange (and anything else): enthalpy and pressure varying together (the pressure drop
/// spread along the exchanger), with the dew and bubble points inserted exactly so that the
/// isobar bends where it meets the dome.
std::vector<Pt> heat_exchange(const fluids::Fluid& f, const fluids::State& a, const fluids::State& b) {
    const double h1 = a.h.si(), h2 = b.h.si(), p1 = a.p.si(), p2 = b.p.si();
    std::vector<double> ts;
    constexpr int n = 60;
    for (int i = 1; i < n; ++i) ts.push_back(static_cast<double>(i) / n);
    if (std::fabs(h2 - h1) > 1e-9) {
        for (int end = 0; end < 2; ++end) {
            // Solve h(t) = h_sat(p(t)) by fixed-point iteration (the pressure changes little).
            double t = 0.5;
            bool ok = true;
            for (int it = 0; it < 6 && ok; ++it) {
                auto sat = f.saturation_p(Pressure{lerp(p1, p2, t)});
                ok = sat.has_value();
                if (ok) t = ((end == 0 ? sat->h_liquid.si() : sat->h_vapor.si()) - h1) / (h2 - h1);
            }
            if (ok && t > 1e-6 && t < 1.0 - 1e-6) ts.push_back(t);
        }
    }
    std::sort(ts.begin(), ts.end());
    std::vector<Pt> out{pt(a)};
    for (double t : ts)
        if (auto st = f.flash_ph(Pressure{lerp(p1, p2, t)}, SpecificEnthalpy{lerp(h1, h2, t)})) out.push_back(pt(*st));
    out.push_back(pt(b));
    return out;
}

std::vector<Process> processes(const SolvedCycle& c) {
    std::vector<Process> out;
    const std::size_t n = c.order.size();
    for (std::size_t k = 0; k < n; ++k) {
        const auto& in = c.state(k);
        const auto& outlet = c.state((k + 1) % n);
        const auto& comp = c.components[in.to];
        Process pr{comp.name, comp.role, k, (k + 1) % n, {}};
        switch (comp.role) {
        case Role::compressor: pr.pts = compression(*c.fluid, in.state, outlet.state); break;
        case Role::expansion_valve: pr.pts = throttling(*c.fluid, in.state, outlet.state); break;
        default: pr.pts = heat_exchange(*c.fluid, in.state, outlet.state); break;
        }
        out.push_back(std::move(pr));
    }
    return out;
}

/// The saturation dome between T_lo and the critical point: bubble line (liquid) and dew line.
struct Dome {
    std::vector<Pt> bubble, dew;
    Pt critical{};
};

Dome dome(const fluids::Fluid& f, double T_lo) {
    Dome d;
    const double Tc = f.T_critical().si();
    constexpr int n = 120;
    for (int i = 0; i < n; ++i) {
        // Graded towards the critical point, where the dome turns.
        const double u = static_cast<double>(i) / n;
        const double T = Tc - (Tc - T_lo) * (1.0 - u) * (1.0 - u);
        auto sat = f.saturation_t(Temperature{T});
        if (!sat) continue;
        d.bubble.push_back({sat->p_bubble.si(), sat->h_liquid.si(), sat->T_bubble.si(), sat->s_liquid.si()});
        d.dew.push_back({sat->p_dew.si(), sat->h_vapor.si(), sat->T_dew.si(), sat->s_vapor.si()});
    }
    if (d.bubble.empty()) throw std::runtime_error("the saturation dome of " + std::string(f.name()) + " failed");
    auto crit = f.state_trho(f.T_critical(), f.rho_critical());
    if (crit) {
        d.critical = pt(*crit);
    } else {
        const auto& b = d.bubble.back();
        const auto& v = d.dew.back();
        d.critical = {0.5 * (b.p + v.p), 0.5 * (b.h + v.h), 0.5 * (b.T + v.T), 0.5 * (b.s + v.s)};
    }
    d.bubble.push_back(d.critical);
    d.dew.push_back(d.critical);
    return d;
}

// ---- axes -----------------------------------------------------------------------------------------

struct Axis {
    double lo, hi;
    bool log;
    double px_lo, px_hi; ///< pixel positions of lo and hi
    [[nodiscard]] double operator()(double v) const {
        const double t =
            log ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)) : (v - lo) / (hi - lo);
        return px_lo + t * (px_hi - px_lo);
    }
    [[nodiscard]] bool contains(double v) const { return v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12); }
};

/// A "nice" step (1, 2, 2.5 or 5 x 10^k) giving about `target` intervals over `span`.
double nice_step(double span, int target) {
    const double raw = span / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) return m * mag;
    return 10.0 * mag;
}

/// Rounds down (or up) to the series 1, 1.5, 2, 3, 4, 5, 6, 8 x 10^k: the ends of a log axis.
double log_round(double v, bool up) {
    const double mag = std::pow(10.0, std::floor(std::log10(v)));
    static constexpr double series[] = {1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0};
    if (up) {
        for (double m : series)
            if (m * mag >= v * (1 - 1e-12)) return m * mag;
        return 10.0 * mag;
    }
    for (int i = 8; i >= 0; --i)
        if (series[i] * mag <= v * (1 + 1e-12)) return series[i] * mag;
    return mag;
}

std::string num(double v, int decimals = 2) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

/// A tick label: no trailing zeros ("0.5", "2", "250").
std::string tick_label(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", std::fabs(v) < 1e-12 ? 0.0 : v);
    std::string s = buf;
    if (s.rfind('-', 0) == 0) s = "\u2212" + s.substr(1); // typographic minus
    return s;
}

std::string esc(const std::string& s) {
    std::string o;
    for (char ch : s) switch (ch) {
        case '&': o += "&amp;"; break;
        case '<': o += "&lt;"; break;
        case '>': o += "&gt;"; break;
        case '"': o += "&quot;"; break;
        default: o += ch;
        }
    return o;
}

// ---- the drawing ------------------------------------------------------------------------------

constexpr double width = 1000, height = 700;
constexpr double plot_x0 = 84, plot_x1 = 742, plot_y0 = 62, plot_y1 = 632;

const char* role_color(Role r) {
    switch (r) {
    case Role::compressor: return "#c62828";
    case Role::condenser: return "#ef6c00";
    case Role::expansion_valve: return "#2e7d32";
    case Role::evaporator: return "#1565c0";
    default: return "#6a1b9a";
    }
}

const char* role_verb(Role r) {
    switch (r) {
    case Role::compressor: return "compression";
    case Role::condenser: return "condensation";
    case Role::expansion_valve: return "expansion";
    case Role::evaporator: return "evaporation";
    case Role::receiver: return "receiver";
    default: return "process";
    }
}

/// One diagram: x and y are functions of a path point; the axes map them to pixels.
struct Frame {
    Axis x, y;
    std::function<double(const Pt&)> fx, fy;
    [[nodiscard]] double px(const Pt& p) const { return x(fx(p)); }
    [[nodiscard]] double py(const Pt& p) const { return y(fy(p)); }
    [[nodiscard]] bool inside(double X, double Y) const {
        return X >= plot_x0 - 1e-9 && X <= plot_x1 + 1e-9 && Y >= plot_y0 - 1e-9 && Y <= plot_y1 + 1e-9;
    }
};

std::string path_d(const Frame& fr, const std::vector<Pt>& pts) {
    std::string d;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const double X = fr.px(pts[i]), Y = fr.py(pts[i]);
        if (!std::isfinite(X) || !std::isfinite(Y)) continue;
        d += (d.empty() ? "M" : " L") + num(X) + " " + num(Y);
    }
    return d;
}

struct Svg {
    std::string s;
    void line(double x1, double y1, double x2, double y2, const char* cls) {
        s += "<line class=\"" + std::string(cls) + "\" x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) +
             "\" y2=\"" + num(y2) + "\"/>\n";
    }
    void text(double x, double y, const std::string& t, const char* cls, const char* anchor = "start",
              const std::string& extra = {}) {
        s += "<text class=\"" + std::string(cls) + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" +
             anchor + "\"" + extra + ">" + esc(t) + "</text>\n";
    }
};

constexpr const char* style = R"css(
  text { font-family: "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; fill: #212121; }
  .title { font-size: 17px; font-weight: bold; }
  .subtitle { font-size: 12.5px; fill: #555; }
  .axis-label { font-size: 14px; }
  .tick { font-size: 12px; fill: #333; }
  .grid { stroke: #e4e4e4; stroke-width: 1; }
  .grid-minor { stroke: #f1f1f1; stroke-width: 1; }
  .frame { fill: none; stroke: #424242; stroke-width: 1.2; }
  .tickmark { stroke: #424242; stroke-width: 1.2; }
  .isoline { fill: none; stroke: #8fa8c0; stroke-width: 0.9; }
  .iso-label { font-size: 10.5px; fill: #56718a; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
  .dome { fill: none; stroke: #111111; stroke-width: 2; stroke-linejoin: round; }
  .critical { fill: #111111; }
  .cp-label { font-size: 10.5px; fill: #444; }
  .process { fill: none; stroke-width: 2.8; stroke-linejoin: round; stroke-linecap: round; }
  .throttle-ts { stroke-dasharray: 7 4; }
  .state { fill: #ffffff; stroke: #111111; stroke-width: 1.8; }
  .state-label { font-size: 14px; font-weight: bold; paint-order: stroke; stroke: #ffffff; stroke-width: 4px; }
  .legend-box { fill: #ffffff; stroke: #bdbdbd; stroke-width: 1; }
  .legend-title { font-size: 15px; font-weight: bold; }
  .legend { font-size: 12px; }
  .legend-small { font-size: 11px; fill: #444; }
  .legend-mono { font-size: 10.5px; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; fill: #333; }
)css";

/// Everything both diagrams share: frame, grid, isolines, dome, processes, states, legend.
struct Layers {
    std::vector<std::vector<Pt>> isolines;
    std::vector<std::string> iso_labels;
    /// Where each label goes: an index into its isoline (centred above that point), or -1 for
    /// the last point well inside the plot area.
    std::vector<int> label_at;
    std::string x_label, y_label, kind;
};

std::string fmt_kw(double W) { return num(W / 1e3, 2) + " kW"; }

void legend(Svg& g, const SolvedCycle& c, const std::vector<Process>& procs, const char* iso_what) {
    const auto& R = c.results;
    const double x0 = 758, y0 = plot_y0, w = width - x0 - 12;
    double y = y0 + 24;
    g.s += "<g id=\"legend\">\n";
    g.s += "<rect class=\"legend-box\" x=\"" + num(x0) + "\" y=\"" + num(y0) + "\" width=\"" + num(w) + "\" height=\"" +
           num(plot_y1 - y0) + "\" rx=\"4\"/>\n";
    const double tx = x0 + 12;
    g.text(tx, y, std::string(c.fluid->name()), "legend-title");
    y += 17;
    g.text(tx, y, c.backend == "eos" ? "properties: equation of state" : "properties: tables", "legend-small");
    y += 24;
    auto row = [&](const std::string& name, const std::string& value) {
        g.text(tx, y, name, "legend");
        g.text(x0 + w - 12, y, value, "legend", "end");
        y += 17;
    };
    row("COP heating", num(R.cop_heating, 2));
    row("COP cooling (EER)", num(R.cop_cooling, 2));
    row("heating capacity", fmt_kw(R.heating_capacity));
    row("cooling capacity", fmt_kw(R.cooling_capacity));
    row("compressor power", fmt_kw(R.compressor_power));
    // Saturation (dew-point) temperatures at the evaporator outlet and condenser inlet pressures.
    for (const auto& p : procs) {
        const bool evap = p.role == Role::evaporator, cond = p.role == Role::condenser;
        if (!evap && !cond) continue;
        auto sat = c.fluid->saturation_p(c.state(evap ? p.to : p.from).state.p);
        if (sat) row(evap ? "evaporating (dew)" : "condensing (dew)", num(to_celsius(sat->T_dew), 1) + " \u00b0C");
    }
    if (std::isfinite(R.superheat)) row("superheat", num(R.superheat, 1) + " K");
    if (std::isfinite(R.subcooling)) row("subcooling", num(R.subcooling, 1) + " K");
    row("mass flow", num(c.state(0).m * 1e3, 1) + " g/s");
    y += 8;
    for (const auto& p : procs) {
        const bool dashed = p.role == Role::expansion_valve && std::string(iso_what) == "isobars";
        const std::string cls = std::string("process") + (dashed ? " throttle-ts" : "");
        g.s += "<line class=\"" + cls + "\" stroke=\"" + role_color(p.role) + "\" x1=\"" + num(tx) + "\" y1=\"" +
               num(y - 4) + "\" x2=\"" + num(tx + 26) + "\" y2=\"" + num(y - 4) + "\"/>\n";
        g.text(tx + 34, y, std::to_string(p.from + 1) + "\u2192" + std::to_string(p.to + 1) + " " + role_verb(p.role),
               "legend");
        g.text(tx + 34, y + 13, p.component, "legend-small");
        y += 31;
    }
    g.s += "<line class=\"dome\" x1=\"" + num(tx) + "\" y1=\"" + num(y - 4) + "\" x2=\"" + num(tx + 26) + "\" y2=\"" +
           num(y - 4) + "\"/>\n";
    g.text(tx + 34, y, "saturation dome", "legend");
    y += 18;
    g.s += "<line class=\"isoline\" x1=\"" + num(tx) + "\" y1=\"" + num(y - 4) + "\" x2=\"" + num(tx + 26) +
           "\" y2=\"" + num(y - 4) + "\"/>\n";
    g.text(tx + 34, y, iso_what, "legend");
    y += 26;
    g.s += "<text class=\"legend-mono\" x=\"" + num(tx) + "\" y=\"" + num(y) +
           "\" xml:space=\"preserve\">  #   p [bar]  T [\u00b0C] h [kJ/kg]</text>\n";
    y += 15;
    for (std::size_t k = 0; k < c.order.size() && y < plot_y1 - 8; ++k) {
        const auto& st = c.state(k).state;
        char buf[96];
        std::snprintf(buf, sizeof buf, "%3zu  %8.2f %7.1f %9.1f", k + 1, st.p.si() / 1e5, to_celsius(st.T),
                      st.h.si() / 1e3);
        g.s += "<text class=\"legend-mono\" x=\"" + num(tx) + "\" y=\"" + num(y) + "\" xml:space=\"preserve\">" +
               esc(buf) + "</text>\n";
        y += 15;
    }
    g.s += "</g>\n";
}

std::string render(const SolvedCycle& c, const Frame& fr, const Dome& d, const std::vector<Process>& procs,
                   const Layers& L, const std::vector<double>& x_ticks, const std::vector<double>& y_ticks,
                   const std::vector<double>& y_minor) {
    Svg g;
    g.s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    g.s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width, 0) + "\" height=\"" + num(height, 0) +
           "\" viewBox=\"0 0 " + num(width, 0) + " " + num(height, 0) + "\">\n";
    g.s += "<title>" + esc(c.title + " \u2014 " + L.kind) + "</title>\n";
    g.s += "<desc>Drawn by entropyk " + std::string(version_string) + " from " + esc(c.source) + "</desc>\n";
    g.s += "<style>" + std::string(style) + "</style>\n";
    g.s += "<defs><clipPath id=\"plot-clip\"><rect x=\"" + num(plot_x0) + "\" y=\"" + num(plot_y0) + "\" width=\"" +
           num(plot_x1 - plot_x0) + "\" height=\"" + num(plot_y1 - plot_y0) + "\"/></clipPath></defs>\n";
    g.s +=
        "<rect x=\"0\" y=\"0\" width=\"" + num(width, 0) + "\" height=\"" + num(height, 0) + "\" fill=\"#ffffff\"/>\n";
    g.s += "<rect id=\"plot-area\" x=\"" + num(plot_x0) + "\" y=\"" + num(plot_y0) + "\" width=\"" +
           num(plot_x1 - plot_x0) + "\" height=\"" + num(plot_y1 - plot_y0) + "\" fill=\"#ffffff\"/>\n";
    g.text(plot_x0, 26, c.title, "title");
    g.text(plot_x0, 45, L.kind + " of " + std::string(c.fluid->name()) + "  \u00b7  " + c.source, "subtitle");

    // Grid.
    g.s += "<g class=\"gridlines\">\n";
    for (double v : y_minor) g.line(plot_x0, fr.y(v), plot_x1, fr.y(v), "grid-minor");
    for (double v : x_ticks) g.line(fr.x(v), plot_y0, fr.x(v), plot_y1, "grid");
    for (double v : y_ticks) g.line(plot_x0, fr.y(v), plot_x1, fr.y(v), "grid");
    g.s += "</g>\n";

    // Isolines, clipped to the plot area, labelled at their last point well inside it.
    g.s += "<g clip-path=\"url(#plot-clip)\">\n";
    for (std::size_t i = 0; i < L.isolines.size(); ++i)
        g.s += "<path class=\"isoline\" d=\"" + path_d(fr, L.isolines[i]) + "\"/>\n";
    g.s += "</g>\n<g class=\"iso-labels\">\n";
    for (std::size_t i = 0; i < L.isolines.size(); ++i) {
        const auto& pts = L.isolines[i];
        if (L.label_at[i] >= 0) {
            const Pt& q = pts[static_cast<std::size_t>(L.label_at[i])];
            if (fr.inside(fr.px(q), fr.py(q))) {
                // Above the line, or below it when a process of the cycle runs just above.
                const double Y = fr.py(q);
                double clear_above = 1e9, clear_below = 1e9;
                for (std::size_t k = 0; k < c.order.size(); ++k) {
                    const double ys = fr.py(pt(c.state(k).state));
                    clear_above = std::min(clear_above, std::fabs(ys - (Y - 8)));
                    clear_below = std::min(clear_below, std::fabs(ys - (Y + 8)));
                }
                g.text(fr.px(q), clear_above >= 9 || clear_below < clear_above ? Y - 4 : Y + 13, L.iso_labels[i],
                       "iso-label", "middle");
                continue;
            }
        }
        for (std::size_t k = pts.size(); k-- > 0;) {
            const double X = fr.px(pts[k]), Y = fr.py(pts[k]);
            if (X > plot_x0 + 30 && X < plot_x1 - 30 && Y > plot_y0 + 14 && Y < plot_y1 - 8) {
                g.text(X - 3, Y - 4, L.iso_labels[i], "iso-label", "end");
                break;
            }
        }
    }
    g.s += "</g>\n";

    // Dome.
    g.s += "<path id=\"dome-bubble\" class=\"dome\" d=\"" + path_d(fr, d.bubble) + "\"/>\n";
    g.s += "<path id=\"dome-dew\" class=\"dome\" d=\"" + path_d(fr, d.dew) + "\"/>\n";
    const double cx = fr.px(d.critical), cy = fr.py(d.critical);
    if (fr.inside(cx, cy)) {
        g.s += "<circle class=\"critical\" cx=\"" + num(cx) + "\" cy=\"" + num(cy) + "\" r=\"3\"/>\n";
        g.text(cx, cy - 8, "critical point", "cp-label", "middle");
    }

    // Processes.
    g.s += "<g id=\"cycle\">\n";
    for (const auto& p : procs) {
        const bool dashed = p.role == Role::expansion_valve && L.kind == "T-s diagram";
        g.s += "<path class=\"process" + std::string(dashed ? " throttle-ts" : "") + "\" stroke=\"" +
               role_color(p.role) + "\" data-role=\"" + std::string(to_string(p.role)) + "\" data-component=\"" +
               esc(p.component) + "\" d=\"" + path_d(fr, p.pts) + "\"/>\n";
    }
    g.s += "</g>\n";

    // State points, labelled away from the cycle's centre.
    const std::size_t n = c.order.size();
    double mx = 0, my = 0;
    std::vector<std::pair<double, double>> xy;
    for (std::size_t k = 0; k < n; ++k) {
        const Pt p = pt(c.state(k).state);
        xy.emplace_back(fr.px(p), fr.py(p));
        mx += xy.back().first / static_cast<double>(n);
        my += xy.back().second / static_cast<double>(n);
    }
    g.s += "<g id=\"states\">\n";
    for (std::size_t k = 0; k < n; ++k) {
        const auto [X, Y] = xy[k];
        g.s += "<circle class=\"state\" cx=\"" + num(X) + "\" cy=\"" + num(Y) + "\" r=\"4.5\"/>\n";
        double dx = X - mx, dy = Y - my;
        const double len = std::hypot(dx, dy);
        if (len < 1e-6)
            dx = 0, dy = -1;
        else
            dx /= len, dy /= len;
        const double lx = std::clamp(X + 15 * dx, plot_x0 + 8, plot_x1 - 8);
        const double ly = std::clamp(Y + 15 * dy + 5, plot_y0 + 14, plot_y1 - 4);
        g.text(lx, ly, std::to_string(k + 1), "state-label", "middle");
    }
    g.s += "</g>\n";

    // Frame, ticks, axis labels.
    g.s += "<rect class=\"frame\" x=\"" + num(plot_x0) + "\" y=\"" + num(plot_y0) + "\" width=\"" +
           num(plot_x1 - plot_x0) + "\" height=\"" + num(plot_y1 - plot_y0) + "\"/>\n";
    for (double v : x_ticks) {
        g.line(fr.x(v), plot_y1, fr.x(v), plot_y1 + 5, "tickmark");
        g.text(fr.x(v), plot_y1 + 20, tick_label(v), "tick", "middle");
    }
    for (double v : y_ticks) {
        g.line(plot_x0 - 5, fr.y(v), plot_x0, fr.y(v), "tickmark");
        g.text(plot_x0 - 8, fr.y(v) + 4, tick_label(v), "tick", "end");
    }
    g.text(0.5 * (plot_x0 + plot_x1), plot_y1 + 46, L.x_label, "axis-label", "middle");
    const double yl = 0.5 * (plot_y0 + plot_y1);
    g.text(24, yl, L.y_label, "axis-label", "middle", " transform=\"rotate(-90 24 " + num(yl) + ")\"");

    legend(g, c, procs, L.kind == "T-s diagram" ? "isobars" : "isotherms");
    g.s += "</svg>\n";
    return g.s;
}

double cycle_min(const SolvedCycle& c, const std::function<double(const Pt&)>& f) {
    double v = INFINITY;
    for (std::size_t k = 0; k < c.order.size(); ++k) v = std::min(v, f(pt(c.state(k).state)));
    return v;
}
double cycle_max(const SolvedCycle& c, const std::function<double(const Pt&)>& f) {
    double v = -INFINITY;
    for (std::size_t k = 0; k < c.order.size(); ++k) v = std::max(v, f(pt(c.state(k).state)));
    return v;
}

/// The lowest pressure shown: well below the evaporator so that the dome reads as a dome, inside
/// the fluid's saturation range.
double low_pressure(const SolvedCycle& c) {
    const auto& f = *c.fluid;
    double p = log_round(0.35 * cycle_min(c, [](const Pt& q) { return q.p; }), false);
    auto p_floor = f.p_sat(Temperature{f.T_min().si() + 2.0});
    if (p_floor) p = std::max(p, log_round(p_floor->si(), true));
    return p;
}

/// The end of a linear axis at or beyond v: on a tick when that adds little, else on a fifth of
/// the tick step (so that a wide step does not add a large empty band).
double axis_end(double v, double step, double span, bool up) {
    const double on_tick = up ? std::ceil(v / step - 1e-9) * step : std::floor(v / step + 1e-9) * step;
    if (std::fabs(on_tick - v) <= 0.1 * span) return on_tick;
    const double fine = step / 5;
    return up ? std::ceil(v / fine - 1e-9) * fine : std::floor(v / fine + 1e-9) * fine;
}

std::vector<double> linear_ticks(double lo, double hi, int target) {
    const double step = nice_step(hi - lo, target);
    std::vector<double> t;
    for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) t.push_back(v);
    return t;
}

} // namespace

std::string render_ph_svg(const SolvedCycle& c) {
    const auto& f = *c.fluid;
    const auto procs = processes(c);
    const double p_lo = low_pressure(c);
    const double p_hi =
        log_round(1.12 * std::max(f.p_critical().si(), cycle_max(c, [](const Pt& q) { return q.p; })), true);
    auto sat_lo = f.saturation_p(Pressure{p_lo});
    if (!sat_lo) throw std::runtime_error(std::string("p-h diagram: ") + sat_lo.error().c_str());
    const Dome d = dome(f, sat_lo->T_dew.si() + 1e-3);

    // Enthalpy range: the dome and every point of the processes, with a margin.
    double h_min = d.bubble.front().h, h_max = -INFINITY;
    for (const auto& q : d.dew) h_max = std::max(h_max, q.h);
    for (const auto& p : procs)
        for (const auto& q : p.pts) h_min = std::min(h_min, q.h), h_max = std::max(h_max, q.h);
    const double span = h_max - h_min;
    const double step = nice_step(span, 7);
    const double h_lo = axis_end(h_min - 0.02 * span, step, span, false);
    const double h_hi = axis_end(h_max + 0.05 * span, step, span, true);

    Frame fr{Axis{h_lo / 1e3, h_hi / 1e3, false, plot_x0, plot_x1},
             Axis{p_lo / 1e5, p_hi / 1e5, true, plot_y1, plot_y0}, [](const Pt& q) { return q.h / 1e3; },
             [](const Pt& q) { return q.p / 1e5; }};

    // Isotherms: round temperatures between the lowest saturation temperature shown and the
    // temperature of the vapour at the right edge.
    Layers L;
    L.kind = "log p-h diagram";
    L.x_label = "specific enthalpy h [kJ/kg]";
    L.y_label = "pressure p [bar], log scale";
    const double T_lo = d.bubble.front().T;
    double T_hi = cycle_max(c, [](const Pt& q) { return q.T; }) + 20.0;
    if (auto right = f.flash_ph(Pressure{p_lo}, SpecificEnthalpy{h_hi})) T_hi = std::max(T_hi, right->T.si());
    const double Tstep = std::max(10.0, nice_step(T_hi - T_lo, 7));
    for (double Tc = std::ceil((T_lo - 273.15) / Tstep + 1e-9) * Tstep; Tc + 273.15 <= T_hi; Tc += Tstep) {
        const double T = Tc + 273.15;
        std::vector<Pt> iso;
        auto sweep = [&](double pa, double pb, int n) {
            for (int i = 0; i <= n; ++i) {
                const double p = std::exp(lerp(std::log(pa), std::log(pb), static_cast<double>(i) / n));
                if (auto st = f.flash_tp(Temperature{T}, Pressure{p})) iso.push_back(pt(*st));
            }
        };
        auto sat = f.saturation_t(Temperature{T});
        int label_at = -1, q0 = -1, q1 = -1;
        if (sat && T < f.T_critical().si()) {
            if (p_hi > sat->p_bubble.si()) sweep(p_hi, sat->p_bubble.si() * (1 + 1e-6), 30);
            // Labelled on its two-phase segment, a little towards the dew line.
            for (int i = 0; i <= 12; ++i)
                if (auto st = f.flash_tq(Temperature{T}, static_cast<double>(i) / 12)) {
                    if (i == 0) q0 = static_cast<int>(iso.size());
                    if (i == 7) label_at = static_cast<int>(iso.size());
                    if (i == 12) q1 = static_cast<int>(iso.size());
                    iso.push_back(pt(*st));
                }
            if (p_lo < sat->p_dew.si()) sweep(sat->p_dew.si() * (1 - 1e-6), p_lo, 40);
        } else {
            sweep(p_hi, p_lo, 80);
        }
        if (iso.size() < 2) continue;
        // Near the critical point the two-phase segment is too short for a label.
        if (q0 < 0 || q1 < 0 ||
            std::fabs(fr.px(iso[static_cast<std::size_t>(q1)]) - fr.px(iso[static_cast<std::size_t>(q0)])) < 80)
            label_at = -1;
        L.isolines.push_back(std::move(iso));
        L.iso_labels.push_back(tick_label(Tc) + " \u00b0C");
        L.label_at.push_back(label_at);
    }

    // Log-p ticks: 1, 2, 5 x 10^k, or 1, 2, 3, 4, 5, 6, 8 x 10^k over a short range (the other
    // integers as a faint minor grid).
    const bool dense = std::log10(p_hi / p_lo) < 1.7;
    std::vector<double> y_ticks, y_minor;
    for (double dec = std::pow(10.0, std::floor(std::log10(p_lo / 1e5))); dec <= p_hi / 1e5; dec *= 10.0)
        for (int m = 1; m <= 9; ++m) {
            const double v = m * dec;
            if (!fr.y.contains(v)) continue;
            if (m == 1 || m == 2 || m == 5 || (dense && (m == 3 || m == 4 || m == 6 || m == 8)))
                y_ticks.push_back(v);
            else
                y_minor.push_back(v);
        }
    return render(c, fr, d, procs, L, linear_ticks(h_lo / 1e3, h_hi / 1e3, 8), y_ticks, y_minor);
}

std::string render_ts_svg(const SolvedCycle& c) {
    const auto& f = *c.fluid;
    const auto procs = processes(c);
    const double p_lo = low_pressure(c);
    auto sat_lo = f.saturation_p(Pressure{p_lo});
    if (!sat_lo) throw std::runtime_error(std::string("T-s diagram: ") + sat_lo.error().c_str());
    const Dome d = dome(f, sat_lo->T_dew.si() + 1e-3);

    double T_min = d.bubble.front().T, T_max = f.T_critical().si(), s_min = d.bubble.front().s, s_max = -INFINITY;
    for (const auto& q : d.dew) s_max = std::max(s_max, q.s);
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

    Frame fr{Axis{s_lo / 1e3, s_hi / 1e3, false, plot_x0, plot_x1}, Axis{T_lo, T_hi, false, plot_y1, plot_y0},
             [](const Pt& q) { return q.s / 1e3; }, [](const Pt& q) { return q.T - 273.15; }};

    // Isobars at round pressures (1, 2, 5 x 10^k bar) inside the range.
    Layers L;
    L.kind = "T-s diagram";
    L.x_label = "specific entropy s [kJ/(kg K)]";
    L.y_label = "temperature T [\u00b0C]";
    std::vector<double> pressures;
    const double p_top = std::max(f.p_critical().si(), cycle_max(c, [](const Pt& q) { return q.p; })) * 1.5;
    for (double dec = std::pow(10.0, std::floor(std::log10(p_lo))); dec <= p_top; dec *= 10.0)
        for (double m : {1.0, 2.0, 5.0})
            if (m * dec >= p_lo && m * dec <= p_top) pressures.push_back(m * dec);
    // A few isobars only: decades when 1-2-5 gives too many, every other decade beyond that.
    auto keep = [&](auto pred) {
        std::vector<double> k;
        for (double p : pressures)
            if (pred(p)) k.push_back(p);
        pressures = k;
    };
    auto mantissa = [](double p) { return p / std::pow(10.0, std::floor(std::log10(p) + 1e-9)); };
    if (pressures.size() > 8) keep([&](double p) { return std::fabs(mantissa(p) - 1.0) < 1e-6; });
    if (pressures.size() > 8) {
        std::size_t i = 0;
        keep([&](double) { return i++ % 2 == 0; });
    }
    const double Tk_lo = T_lo + 273.15 + 1e-6, Tk_hi = T_hi + 273.15;
    for (double p : pressures) {
        std::vector<Pt> iso;
        auto sweep = [&](double Ta, double Tb, int n) {
            for (int i = 0; i <= n; ++i)
                if (auto st = f.flash_tp(Temperature{lerp(Ta, Tb, static_cast<double>(i) / n)}, Pressure{p}))
                    iso.push_back(pt(*st));
        };
        auto sat = f.saturation_p(Pressure{p});
        if (sat) {
            const double T_from = std::max(Tk_lo, f.T_min().si());
            if (T_from < sat->T_bubble.si()) sweep(T_from, sat->T_bubble.si() - 1e-4, 20);
            for (int i = 0; i <= 12; ++i)
                if (auto st = f.flash_pq(Pressure{p}, static_cast<double>(i) / 12)) iso.push_back(pt(*st));
            if (Tk_hi > sat->T_dew.si()) sweep(sat->T_dew.si() + 1e-4, Tk_hi, 50);
        } else {
            sweep(std::max(Tk_lo, f.T_min().si()), Tk_hi, 80);
        }
        if (iso.size() < 2) continue;
        L.isolines.push_back(std::move(iso));
        L.iso_labels.push_back(tick_label(p / 1e5) + " bar");
        L.label_at.push_back(-1);
    }
    return render(c, fr, d, procs, L, linear_ticks(s_lo / 1e3, s_hi / 1e3, 8), linear_ticks(T_lo, T_hi, 8), {});
}

} // namespace entropyk::cli
