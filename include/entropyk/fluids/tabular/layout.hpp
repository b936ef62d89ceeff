// Grid layout of the property tables: where the nodes go. Piecewise-uniform axes, denser where
// the properties change fastest (towards the critical pressure, and near the saturation curve
// on the vapour side).
#pragma once

#include <cmath>
#include <cstddef>
#include <string_view>

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
/// critical pressure, the supercritical ones at multiples of it. eta widths are in units of the
/// region's enthalpy scale (liquid: h'(p) - h(T_min, p) at most; vapour: h(T_max, p) - h''(p) at
/// most; supercritical: h(T_max, p) - h(T_min, p)).
struct TableLayout {
    // Liquid and vapour x axis: ln p up to 0.001, 0.02, 0.5 p_c and beyond.
    double sub_break[3] = {0.001, 0.02, 0.5};
    double sub_width[4] = {0.1, 0.05, 0.04, 0.015};
    // Liquid eta (uniform).
    double liquid_width = 1.0 / 96.0;
    // Vapour eta: fine within vapor_fine_margin of the closest approach of the saturation curve,
    // medium within vapor_medium_margin, coarse beyond (the hot, nearly ideal gas).
    double vapor_fine_width = 0.0035, vapor_medium_width = 0.01, vapor_coarse_width = 0.02;
    double vapor_fine_margin = 0.08, vapor_medium_margin = 0.3;
    // Supercritical x: ln p up to 1.5, 4 p_c and beyond.
    double super_break[3] = {1.5, 4.0, 1e300};
    double super_width[4] = {0.01, 0.03, 0.05, 0.05};
    // Supercritical eta: uniform, and finer by this factor over the pseudo-critical ridge.
    double super_y_width = 1.0 / 192.0;
    double super_ridge_refinement = 3.0;
};

/// The layout used for a fluid: the defaults, with finer eta next to the saturation curve for
/// the low-temperature saturated vapour of water (whose EOS varies steeply there, IAPWS-95's
/// second virial coefficient below ~300 K) and of CO2 near its triple point (their enthalpy
/// scale, up to T_max = 1273 K / 1100 K, makes the default eta cells coarse in kJ/kg), and finer
/// liquid eta for R152a (with the default, the cold liquid within ~10 K of T_min failed the
/// build check: 540 EOS cells and 2.3 % of random states served by the EOS; with 1/192: 60).
[[nodiscard]] inline TableLayout layout_for(std::string_view fluid_name) noexcept {
    TableLayout L;
    if (fluid_name == "Water") {
        L.vapor_fine_width = 0.0017;
    } else if (fluid_name == "R152a") {
        L.liquid_width = 1.0 / 192.0;
    } else if (fluid_name == "R744") {
        L.vapor_fine_width = 0.002;
        L.vapor_medium_width = 0.006;
    }
    return L;
}

} // namespace entropyk::fluids::tabular
