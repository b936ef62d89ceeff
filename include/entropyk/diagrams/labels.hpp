// Text labels of a diagram and their placement without overlap.
//
// A label's box is estimated from its font size and its number of characters (no font metrics
// are available to a header-only library, and the SVG names generic families): each character is
// taken as 0.64 em wide (0.70 em bold), about the advance of a digit in DejaVu Sans and Verdana
// and wider than most of their letters, so the estimate errs on the large side; the box reaches
// 0.78 em above the baseline and 0.24 em below it, plus the white halo drawn around the text.
//
// Placement is greedy first-fit in priority order, the baseline method of point-feature label
// placement (Christensen, Marks & Shieber, "An empirical study of algorithms for point-feature
// label placement", ACM Trans. Graphics 14(3), 1995): every label comes with a list of candidate
// positions in order of preference; the first candidate whose box lies inside its region, covers
// no marker and intersects no label placed before it is taken. Labels that must not be lost (the
// state numbers) come first and fall back to a scan of the whole plot area; the others (isoline
// and critical-point labels, tick labels) are dropped when no candidate is free. Whatever the
// input, no two placed boxes intersect: that is checked before each placement, not hoped for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entropyk/diagrams/geometry.hpp"

namespace entropyk::diagrams {

enum class Anchor : std::uint8_t { start, middle, end };
enum class LabelKind : std::uint8_t { tick, isoline, critical_point, state };

/// Font sizes in pixels (the SVG's style sheet uses the same numbers).
inline constexpr double tick_font_px = 12.0;
inline constexpr double isoline_font_px = 10.5;
inline constexpr double critical_font_px = 10.5;
inline constexpr double state_font_px = 14.0;
/// Width of the white halo (SVG stroke) behind isoline and state labels.
inline constexpr double isoline_halo_px = 3.0;
inline constexpr double state_halo_px = 4.0;

struct Label {
    LabelKind kind = LabelKind::tick;
    std::string text;
    double x = 0.0, y = 0.0; ///< the anchor point on the baseline
    Anchor anchor = Anchor::start;
    double font_px = 12.0;
    bool bold = false;
    Box box{}; ///< the estimated extent, halo included
    /// For a state label: the state numbers (0-based) it names.
    std::vector<std::size_t> states;
};

/// Characters (UTF-8 code points) in `text`.
[[nodiscard]] inline std::size_t code_points(std::string_view text) noexcept {
    std::size_t n = 0;
    for (char ch : text)
        if ((static_cast<unsigned char>(ch) & 0xC0U) != 0x80U) ++n;
    return n;
}

/// The estimated box of `text` drawn at (x, y) (see the file comment).
[[nodiscard]] inline Box text_box(std::string_view text, double x, double y, Anchor anchor, double font_px, bool bold,
                                  double halo_px) noexcept {
    const double w = static_cast<double>(code_points(text)) * font_px * (bold ? 0.70 : 0.64);
    const double x0 = anchor == Anchor::start ? x : anchor == Anchor::middle ? x - 0.5 * w : x - w;
    const double pad = 0.5 * halo_px + 0.5;
    return Box{x0 - pad, y - 0.78 * font_px - pad, x0 + w + pad, y + 0.24 * font_px + pad};
}

/// A label of kind `kind` with its box computed.
[[nodiscard]] inline Label make_label(LabelKind kind, std::string text, double x, double y, Anchor anchor,
                                      double font_px, bool bold, double halo_px) {
    Label l{kind, std::move(text), x, y, anchor, font_px, bold, {}, {}};
    l.box = text_box(l.text, x, y, anchor, font_px, bold, halo_px);
    return l;
}

/// The baseline y that centres a text of `font_px` vertically on `cy` (see the box above).
[[nodiscard]] constexpr double baseline_for_centre(double cy, double font_px) noexcept {
    return cy + 0.5 * (0.78 - 0.24) * font_px;
}

/// The greedy placer (see the file comment).
class LabelPlacer {
  public:
    /// A marker (state point, critical point) that no label may cover.
    void add_marker(const Box& b) { markers_.push_back(b); }
    /// A line (a process of the cycle) that labels avoid when asked to.
    void add_path(std::vector<Pixel> path) { paths_.push_back(std::move(path)); }

    /// Whether `b` lies inside `region`, covers no marker, intersects no placed label and, with
    /// `avoid_paths`, crosses no path.
    [[nodiscard]] bool fits(const Box& b, const Box& region, bool avoid_paths) const {
        if (!region.contains(b)) return false;
        for (const Box& m : markers_)
            if (m.intersects(b)) return false;
        for (const Label& l : placed_)
            if (l.box.intersects(b)) return false;
        if (avoid_paths)
            for (const auto& path : paths_)
                for (std::size_t i = 1; i < path.size(); ++i)
                    if (segment_hits(b, path[i - 1], path[i])) return false;
        return true;
    }

    /// Places the first candidate that fits; false (nothing placed) when none does.
    bool place_first(const std::vector<Label>& candidates, const Box& region, bool avoid_paths) {
        for (const Label& c : candidates)
            if (fits(c.box, region, avoid_paths)) {
                placed_.push_back(c);
                return true;
            }
        return false;
    }

    /// Places `label` as close to `near` as a free position allows: the candidates first (with
    /// and then without avoiding the paths), then a scan of `region` in 2-pixel steps for the free
    /// position nearest to `near`. False only when no position of `region` is free.
    bool place_somewhere(const Label& label, const std::vector<Label>& candidates, Pixel near, const Box& region) {
        if (place_first(candidates, region, true) || place_first(candidates, region, false)) return true;
        const double w = label.box.width(), h = label.box.height();
        const double dx = label.x - label.box.x0, dy = label.y - label.box.y0; // anchor inside the box
        double best = -1.0;
        Box best_box{};
        for (double y0 = region.y0; y0 + h <= region.y1; y0 += 2.0)
            for (double x0 = region.x0; x0 + w <= region.x1; x0 += 2.0) {
                const Box b{x0, y0, x0 + w, y0 + h};
                const double d = (x0 + 0.5 * w - near.x) * (x0 + 0.5 * w - near.x) +
                                 (y0 + 0.5 * h - near.y) * (y0 + 0.5 * h - near.y);
                if ((best < 0.0 || d < best) && fits(b, region, false)) best = d, best_box = b;
            }
        if (best < 0.0) return false;
        Label l = label;
        l.box = best_box;
        l.x = best_box.x0 + dx;
        l.y = best_box.y0 + dy;
        placed_.push_back(std::move(l));
        return true;
    }

    [[nodiscard]] const std::vector<Label>& labels() const noexcept { return placed_; }
    [[nodiscard]] std::vector<Label> take() noexcept { return std::move(placed_); }

  private:
    std::vector<Box> markers_;
    std::vector<std::vector<Pixel>> paths_;
    std::vector<Label> placed_;
};

/// Whether any two boxes of `labels` intersect (what the placer guarantees never happens).
[[nodiscard]] inline bool any_overlap(const std::vector<Label>& labels) noexcept {
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t j = i + 1; j < labels.size(); ++j)
            if (labels[i].box.intersects(labels[j].box)) return true;
    return false;
}

} // namespace entropyk::diagrams
