// Axes of the diagrams: the mapping from a value to a pixel (linear or log10), "nice" tick steps,
// the rounded ends of an axis and the tick labels.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace entropyk::diagrams {

/// A value axis mapped onto the pixel interval [px_lo, px_hi] (px_hi < px_lo for a y axis).
struct Axis {
    double lo = 0.0, hi = 1.0;
    bool log = false;
    double px_lo = 0.0, px_hi = 1.0;

    [[nodiscard]] double operator()(double v) const noexcept {
        const double t =
            log ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)) : (v - lo) / (hi - lo);
        return px_lo + t * (px_hi - px_lo);
    }
    [[nodiscard]] bool contains(double v) const noexcept { return v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12); }
};

/// A "nice" step (1, 2, 2.5 or 5 x 10^k) giving about `target` intervals over `span` (the
/// usual tick rule of plotting programs: Heckbert, "Nice numbers for graph labels", Graphics
/// Gems, 1990).
[[nodiscard]] inline double nice_step(double span, int target) noexcept {
    const double raw = span / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) return m * mag;
    return 10.0 * mag;
}

/// Rounds down (or up) to the series 1, 1.5, 2, 3, 4, 5, 6, 8 x 10^k: the ends of a log axis.
[[nodiscard]] inline double log_round(double v, bool up) noexcept {
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

/// The end of a linear axis at or beyond v: on a tick when that adds little, else on a fifth of
/// the tick step (so that a wide step does not add a large empty band).
[[nodiscard]] inline double axis_end(double v, double step, double span, bool up) noexcept {
    const double on_tick = up ? std::ceil(v / step - 1e-9) * step : std::floor(v / step + 1e-9) * step;
    if (std::fabs(on_tick - v) <= 0.1 * span) return on_tick;
    const double fine = step / 5;
    return up ? std::ceil(v / fine - 1e-9) * fine : std::floor(v / fine + 1e-9) * fine;
}

/// Ticks at multiples of a nice step inside [lo, hi].
[[nodiscard]] inline std::vector<double> linear_ticks(double lo, double hi, int target) {
    const double step = nice_step(hi - lo, target);
    std::vector<double> t;
    for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) t.push_back(v);
    return t;
}

/// Ticks of a log axis: 1, 2, 5 x 10^k, or 1, 2, 3, 4, 5, 6, 8 x 10^k over less than 1.7 decades;
/// the other integer multiples go into `minor` (a faint grid).
inline void log_ticks(const Axis& a, std::vector<double>& major, std::vector<double>& minor) {
    const bool dense = std::log10(a.hi / a.lo) < 1.7;
    for (double dec = std::pow(10.0, std::floor(std::log10(a.lo))); dec <= a.hi; dec *= 10.0)
        for (int m = 1; m <= 9; ++m) {
            const double v = m * dec;
            if (!a.contains(v)) continue;
            if (m == 1 || m == 2 || m == 5 || (dense && (m == 3 || m == 4 || m == 6 || m == 8)))
                major.push_back(v);
            else
                minor.push_back(v);
        }
}

/// A tick label without trailing zeros ("0.5", "2", "250"), with a typographic minus.
[[nodiscard]] inline std::string tick_label(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", std::fabs(v) < 1e-12 ? 0.0 : v);
    std::string s = buf;
    if (s.rfind('-', 0) == 0) s = "\u2212" + s.substr(1);
    return s;
}

} // namespace entropyk::diagrams
