// Grid layout of the property tables: where the nodes go. Piecewise-uniform axes, denser where
// the properties change fastest (towards the critical pressure, and near the saturation curve
// on the vapour side).
#pragma once

#include <cmath>
#include <cstddef>

#include "entropyk/fluids/tabular/hermite.hpp"

namespace entropyk::fluids::tabular {

/// One axis: segment ends (in the axis coordinate, increasing; ends outside [lo, hi] are
/// clipped, empty segments dropped) and the target cell width of each segment.
struct AxisSpec {
    double breaks[Axis::max_segments - 1];
    double widths[Axis::max_segments];
};

[[nodiscard]] inline Axis make_axis(double lo, double hi, const AxisSpec& spec) noexcept {
    double br[Axis::max_segments + 1];
    std::size_t cells[Axis::max_segments];
    std::size_t n = 0;
    double start = lo;
    for (std::size_t k = 0; k < Axis::max_segments; ++k) {
        double end = k + 1 < Axis::max_segments ? spec.breaks[k] : hi;
        if (end > hi) end = hi;
        if (!(end > start + 1e-12 * (1.0 + std::fabs(start)))) continue; // empty segment
        br[n] = start;
        const double c = std::ceil((end - start) / spec.widths[k] - 1e-9);
        cells[n] = static_cast<std::size_t>(c < 2.0 ? 2.0 : c);
        ++n;
        br[n] = end;
        start = end;
    }
    return Axis(br, cells, n);
}

/// Cell widths of the grids. x = ln p; the subcritical breaks are at the given fractions of the
/// critical pressure, the supercritical ones at multiples of it.
struct TableLayout {
    // Liquid and vapour x axis: ln p up to 0.02, 0.3, 0.8 p_c and beyond.
    double sub_break[3] = {0.02, 0.3, 0.8};
    double sub_width[4] = {0.25, 0.05, 0.02, 0.01};
    // Liquid y (uniform).
    double liquid_width = 1.0 / 48.0;
    // Vapour y: finer next to the saturation curve.
    double vapor_break[3] = {0.05, 0.25, 2.0};
    double vapor_width[4] = {0.005, 0.01, 0.02, 0.02};
    // Supercritical x: ln p up to 1.5, 4 p_c and beyond.
    double super_break[3] = {1.5, 4.0, 1e300};
    double super_width[4] = {0.01, 0.03, 0.1, 0.1};
    // Supercritical y (uniform).
    double super_y_width = 1.0 / 128.0;
};

} // namespace entropyk::fluids::tabular
