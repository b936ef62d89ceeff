// Plane geometry of the diagrams, in SVG pixels (y grows downwards): points, axis-aligned boxes
// and the two intersection tests the label placement needs (box-box, box-segment).
#pragma once

#include <algorithm>
#include <cmath>

#include "entropyk/fluids/state.hpp"

namespace entropyk::diagrams {

/// A point on a diagram, in pixels.
struct Pixel {
    double x = 0.0, y = 0.0;
};

/// A thermodynamic point of a path, SI units (Pa, J/kg, K, J/(kg K)): what the axes map.
struct PathPoint {
    double p = 0.0, h = 0.0, T = 0.0, s = 0.0;
};

[[nodiscard]] inline PathPoint path_point(const fluids::State& s) noexcept {
    return {s.p.si(), s.h.si(), s.T.si(), s.s.si()};
}

/// An axis-aligned rectangle, x0 <= x1 and y0 <= y1.
struct Box {
    double x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0;

    [[nodiscard]] double width() const noexcept { return x1 - x0; }
    [[nodiscard]] double height() const noexcept { return y1 - y0; }
    /// Whether the interiors overlap (boxes that only touch along an edge do not).
    [[nodiscard]] bool intersects(const Box& o) const noexcept {
        return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
    }
    [[nodiscard]] bool contains(const Box& o) const noexcept {
        return o.x0 >= x0 && o.x1 <= x1 && o.y0 >= y0 && o.y1 <= y1;
    }
    [[nodiscard]] bool contains(Pixel p) const noexcept { return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1; }
    [[nodiscard]] Box inflated(double d) const noexcept { return {x0 - d, y0 - d, x1 + d, y1 + d}; }
};

/// Whether the segment a-b crosses or touches the interior of box `b` (Liang-Barsky clipping:
/// Foley, van Dam et al., Computer Graphics, 2nd ed., §3.12.4).
[[nodiscard]] inline bool segment_hits(const Box& b, Pixel a, Pixel c) noexcept {
    double t0 = 0.0, t1 = 1.0;
    const double dx = c.x - a.x, dy = c.y - a.y;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x - b.x0, b.x1 - a.x, a.y - b.y0, b.y1 - a.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0) return false; // parallel to this edge and outside it
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0.0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1) return false;
    }
    return true;
}

} // namespace entropyk::diagrams
