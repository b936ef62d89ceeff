// The diagram model (diagram.hpp) written as self-contained SVG 1.1 text: no scripts, images or
// fonts from outside, generic font families. Writes into a caller's std::string; no file I/O.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "entropyk/diagrams/diagram.hpp"
#include "entropyk/version.hpp"

namespace entropyk::diagrams {

namespace detail {

inline std::string num(double v, int decimals = 2) { return fixed(v, decimals); }

inline void escape_into(std::string& o, std::string_view s) {
    for (char ch : s) switch (ch) {
        case '&': o += "&amp;"; break;
        case '<': o += "&lt;"; break;
        case '>': o += "&gt;"; break;
        case '"': o += "&quot;"; break;
        default: o += ch;
        }
}

inline std::string esc(std::string_view s) {
    std::string o;
    escape_into(o, s);
    return o;
}

inline const char* role_color(Role r) noexcept {
    switch (r) {
    case Role::compressor: return "#c62828";
    case Role::condenser: return "#ef6c00";
    case Role::expansion_valve: return "#2e7d32";
    case Role::evaporator: return "#1565c0";
    default: return "#6a1b9a";
    }
}

inline const char* role_verb(Role r) noexcept {
    switch (r) {
    case Role::compressor: return "compression";
    case Role::condenser: return "condensation";
    case Role::expansion_valve: return "expansion";
    case Role::evaporator: return "evaporation";
    case Role::receiver: return "receiver";
    default: return "process";
    }
}

inline const char* label_class(LabelKind k) noexcept {
    switch (k) {
    case LabelKind::tick: return "tick";
    case LabelKind::isoline: return "iso-label";
    case LabelKind::critical_point: return "cp-label";
    case LabelKind::state: return "state-label";
    }
    return "tick";
}

inline const char* anchor_name(Anchor a) noexcept {
    return a == Anchor::start ? "start" : a == Anchor::middle ? "middle" : "end";
}

inline std::string path_d(const std::vector<Pixel>& pts) {
    std::string d;
    for (const Pixel& p : pts) d += (d.empty() ? "M" : " L") + num(p.x) + " " + num(p.y);
    return d;
}

struct SvgWriter {
    std::string& s;
    void line(double x1, double y1, double x2, double y2, const char* cls) {
        s += "<line class=\"" + std::string(cls) + "\" x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) +
             "\" y2=\"" + num(y2) + "\"/>\n";
    }
    void text(double x, double y, std::string_view t, const char* cls, const char* anchor = "start",
              const std::string& extra = {}) {
        s += "<text class=\"" + std::string(cls) + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" +
             anchor + "\"" + extra + ">";
        escape_into(s, t);
        s += "</text>\n";
    }
    void rect(const Box& b, const std::string& attrs) {
        s += "<rect x=\"" + num(b.x0) + "\" y=\"" + num(b.y0) + "\" width=\"" + num(b.width()) + "\" height=\"" +
             num(b.height()) + "\"" + attrs + "/>\n";
    }
};

/// The style sheet; the label font sizes are labels.hpp's, which the placement measured.
inline std::string style_sheet() {
    return R"css(
  text { font-family: "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; fill: #212121; }
  .title { font-size: 17px; font-weight: bold; }
  .subtitle { font-size: 12.5px; fill: #555; }
  .axis-label { font-size: 14px; }
  .tick { font-size: )css" +
           num(tick_font_px, 1) + R"css(px; fill: #333; }
  .grid { stroke: #e4e4e4; stroke-width: 1; }
  .grid-minor { stroke: #f1f1f1; stroke-width: 1; }
  .frame { fill: none; stroke: #424242; stroke-width: 1.2; }
  .tickmark { stroke: #424242; stroke-width: 1.2; }
  .isoline { fill: none; stroke: #8fa8c0; stroke-width: 0.9; }
  .iso-label { font-size: )css" +
           num(isoline_font_px, 1) +
           R"css(px; fill: #56718a; paint-order: stroke; stroke: #ffffff; stroke-width: )css" +
           num(isoline_halo_px, 1) + R"css(px; }
  .dome { fill: none; stroke: #111111; stroke-width: 2; stroke-linejoin: round; }
  .critical { fill: #111111; }
  .cp-label { font-size: )css" +
           num(critical_font_px, 1) + R"css(px; fill: #444; }
  .process { fill: none; stroke-width: 2.8; stroke-linejoin: round; stroke-linecap: round; }
  .throttle-ts { stroke-dasharray: 7 4; }
  .state { fill: #ffffff; stroke: #111111; stroke-width: 1.8; }
  .state-label { font-size: )css" +
           num(state_font_px, 1) +
           R"css(px; font-weight: bold; paint-order: stroke; stroke: #ffffff; stroke-width: )css" +
           num(state_halo_px, 1) + R"css(px; }
  .legend-box { fill: #ffffff; stroke: #bdbdbd; stroke-width: 1; }
  .legend-title { font-size: 15px; font-weight: bold; }
  .legend { font-size: 12px; }
  .legend-small { font-size: 11px; fill: #444; }
  .legend-mono { font-size: 10.5px; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; fill: #333; }
)css";
}

inline void legend(SvgWriter& g, const Diagram& d) {
    const double x0 = d.plot.x1 + 16, y0 = d.plot.y0, w = d.width - x0 - 12;
    double y = y0 + 24;
    g.s += "<g id=\"legend\">\n";
    g.rect(Box{x0, y0, x0 + w, d.plot.y1}, " class=\"legend-box\" rx=\"4\"");
    const double tx = x0 + 12;
    g.text(tx, y, d.fluid, "legend-title");
    y += 17;
    if (!d.properties.empty()) g.text(tx, y, "properties: " + d.properties, "legend-small");
    y += 24;
    for (const auto& row : d.figures) {
        g.text(tx, y, row.name, "legend");
        g.text(x0 + w - 12, y, row.value, "legend", "end");
        y += 17;
    }
    y += 8;
    const bool ts = d.kind == DiagramKind::ts;
    for (const auto& p : d.processes) {
        if (y > d.plot.y1 - 40) break; // a large network: the first processes, then the table
        const bool dashed = p.role == Role::expansion_valve && ts;
        g.s += "<line class=\"process" + std::string(dashed ? " throttle-ts" : "") + "\" stroke=\"" +
               role_color(p.role) + "\" x1=\"" + num(tx) + "\" y1=\"" + num(y - 4) + "\" x2=\"" + num(tx + 26) +
               "\" y2=\"" + num(y - 4) + "\"/>\n";
        g.text(tx + 34, y,
               std::to_string(d.first_number + p.from + 1) + "\u2192" + std::to_string(d.first_number + p.to + 1) +
                   " " +
                   (p.supercritical   ? "gas cooling"
                    : !p.what.empty() ? p.what
                                      : role_verb(p.role)) +
                   " (" + p.component + ")",
               "legend-small");
        y += 16;
    }
    y += 10;
    g.s += "<text class=\"legend-mono\" x=\"" + num(tx) + "\" y=\"" + num(y) +
           "\" xml:space=\"preserve\">  #   p [bar]  T [\u00b0C] h [kJ/kg]</text>\n";
    y += 15;
    for (std::size_t k = 0; k < d.table.size() && y < d.plot.y1 - 8; ++k) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "%3d  %8.2f %7.1f %9.1f", static_cast<int>(d.table[k][0]), d.table[k][1],
                      d.table[k][2], d.table[k][3]);
        g.s += "<text class=\"legend-mono\" x=\"" + num(tx) + "\" y=\"" + num(y) + "\" xml:space=\"preserve\">";
        escape_into(g.s, buf);
        g.s += "</text>\n";
        y += 15;
    }
    g.s += "</g>\n";
}

} // namespace detail

/// Appends the SVG document of `d` to `out`.
inline void write_svg(const Diagram& d, std::string& out) {
    using detail::num;
    detail::SvgWriter g{out};
    const Box& P = d.plot;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(d.width, 0) + "\" height=\"" + num(d.height, 0) +
           "\" viewBox=\"0 0 " + num(d.width, 0) + " " + num(d.height, 0) + "\">\n";
    out += "<title>" + detail::esc(d.title + " \u2014 " + d.kind_name) + "</title>\n";
    out += "<desc>Drawn by entropyk " + std::string(version_string) + " from " + detail::esc(d.source) + "</desc>\n";
    out += "<style>" + detail::style_sheet() + "</style>\n";
    out += "<defs><clipPath id=\"plot-clip\">";
    g.rect(P, "");
    out.pop_back(); // the newline, to keep the clip path on one line
    out += "</clipPath></defs>\n";
    g.rect(Box{0, 0, d.width, d.height}, " fill=\"#ffffff\"");
    g.rect(P, " id=\"plot-area\" fill=\"#ffffff\"");
    g.text(P.x0, 26, d.title, "title");
    g.text(P.x0, 45, d.kind_name + " of " + d.fluid + "  \u00b7  " + d.source, "subtitle");

    out += "<g class=\"gridlines\">\n";
    for (double y : d.y_minor) g.line(P.x0, y, P.x1, y, "grid-minor");
    for (double x : d.x_grid) g.line(x, P.y0, x, P.y1, "grid");
    for (double y : d.y_grid) g.line(P.x0, y, P.x1, y, "grid");
    out += "</g>\n";

    out += "<g clip-path=\"url(#plot-clip)\">\n";
    for (const auto& iso : d.isolines) out += "<path class=\"isoline\" d=\"" + detail::path_d(iso) + "\"/>\n";
    out += "</g>\n";

    out += "<path id=\"dome-bubble\" class=\"dome\" d=\"" + detail::path_d(d.bubble) + "\"/>\n";
    out += "<path id=\"dome-dew\" class=\"dome\" d=\"" + detail::path_d(d.dew) + "\"/>\n";
    if (d.critical_shown)
        out +=
            "<circle class=\"critical\" cx=\"" + num(d.critical.x) + "\" cy=\"" + num(d.critical.y) + "\" r=\"3\"/>\n";

    out += "<g id=\"cycle\">\n";
    for (const auto& p : d.processes) {
        const bool dashed = p.role == Role::expansion_valve && d.kind == DiagramKind::ts;
        out += "<path class=\"process" + std::string(dashed ? " throttle-ts" : "") + "\" stroke=\"" +
               detail::role_color(p.role) + "\" data-role=\"" + std::string(to_string(p.role)) +
               "\" data-component=\"" + detail::esc(p.component) + "\" data-from=\"" +
               std::to_string(d.first_number + p.from + 1) + "\" data-to=\"" +
               std::to_string(d.first_number + p.to + 1) + "\" d=\"" + detail::path_d(p.pts) + "\"/>\n";
    }
    out += "</g>\n";
    out += "<g id=\"states\">\n";
    for (const auto& s : d.states)
        out += "<circle class=\"state\" cx=\"" + num(s.at.x) + "\" cy=\"" + num(s.at.y) + "\" r=\"" +
               num(detail::state_marker_r, 1) + "\"/>\n";
    out += "</g>\n";

    // Every placed label (ticks, isolines, critical point, states) in one group, drawn above the
    // lines so that the white halo keeps them readable.
    out += "<g id=\"labels\">\n";
    for (const auto& l : d.labels) g.text(l.x, l.y, l.text, detail::label_class(l.kind), detail::anchor_name(l.anchor));
    out += "</g>\n";

    out += "<rect class=\"frame\" x=\"" + num(P.x0) + "\" y=\"" + num(P.y0) + "\" width=\"" + num(P.width()) +
           "\" height=\"" + num(P.height()) + "\"/>\n";
    for (double x : d.x_grid) g.line(x, P.y1, x, P.y1 + 5, "tickmark");
    for (double y : d.y_grid) g.line(P.x0 - 5, y, P.x0, y, "tickmark");
    g.text(0.5 * (P.x0 + P.x1), P.y1 + 46, d.x_label, "axis-label", "middle");
    const double yl = 0.5 * (P.y0 + P.y1);
    g.text(24, yl, d.y_label, "axis-label", "middle", " transform=\"rotate(-90 24 " + num(yl) + ")\"");

    detail::legend(g, d);
    out += "</svg>\n";
}

/// The SVG document of `d`.
[[nodiscard]] inline std::string to_svg(const Diagram& d) {
    std::string s;
    write_svg(d, s);
    return s;
}

} // namespace entropyk::diagrams
