// The background lines of the diagrams at round values: isotherms on the log p-h diagram (steep in
// the liquid, flat through the dome, falling in the vapour) and isobars on the T-s diagram.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "entropyk/diagrams/axes.hpp"
#include "entropyk/diagrams/geometry.hpp"
#include "entropyk/fluids/fluid.hpp"

namespace entropyk::diagrams {

struct Isoline {
    std::vector<PathPoint> pts;
    std::string label; ///< "20 °C", "5 bar"
    /// Where a label reads best (an index into pts), or -1: the label placement starts there.
    int preferred = -1;
    /// The two-phase segment [two_phase_begin, two_phase_end] of an isotherm, or -1.
    int two_phase_begin = -1, two_phase_end = -1;
};

/// Isotherms at round Celsius values from T_lo to T_hi (K), each from p_hi down to p_lo (Pa):
/// compressed liquid, the two-phase segment (preferred label a little towards the dew line),
/// then vapour. Above the critical temperature one supercritical sweep.
[[nodiscard]] inline std::vector<Isoline> isotherms(const fluids::Fluid& f, double T_lo, double T_hi, double p_lo,
                                                    double p_hi) {
    std::vector<Isoline> out;
    const double step = std::max(10.0, nice_step(T_hi - T_lo, 7));
    for (double tc = std::ceil((T_lo - 273.15) / step + 1e-9) * step; tc + 273.15 <= T_hi; tc += step) {
        const double T = tc + 273.15;
        Isoline iso;
        auto sweep = [&](double pa, double pb, int n) {
            for (int i = 0; i <= n; ++i) {
                const double t = static_cast<double>(i) / n;
                const double p = std::exp(std::log(pa) + (std::log(pb) - std::log(pa)) * t);
                if (auto st = f.flash_tp(Temperature{T}, Pressure{p})) iso.pts.push_back(path_point(*st));
            }
        };
        auto sat = f.saturation_t(Temperature{T});
        if (sat && T < f.T_critical().si()) {
            if (p_hi > sat->p_bubble.si()) sweep(p_hi, sat->p_bubble.si() * (1 + 1e-6), 30);
            for (int i = 0; i <= 12; ++i)
                if (auto st = f.flash_tq(Temperature{T}, static_cast<double>(i) / 12)) {
                    const int at = static_cast<int>(iso.pts.size());
                    if (i == 0) iso.two_phase_begin = at;
                    if (i == 7) iso.preferred = at;
                    if (i == 12) iso.two_phase_end = at;
                    iso.pts.push_back(path_point(*st));
                }
            if (p_lo < sat->p_dew.si()) sweep(sat->p_dew.si() * (1 - 1e-6), p_lo, 40);
        } else {
            sweep(p_hi, p_lo, 80);
        }
        if (iso.pts.size() < 2) continue;
        iso.label = tick_label(tc) + " \u00b0C";
        out.push_back(std::move(iso));
    }
    return out;
}

/// Isobars at round pressures (1, 2, 5 x 10^k Pa; decades only, then every other decade, when
/// that gives more than eight) between p_lo and p_top, each from T_lo to T_hi (K).
[[nodiscard]] inline std::vector<Isoline> isobars(const fluids::Fluid& f, double p_lo, double p_top, double T_lo,
                                                  double T_hi) {
    std::vector<double> pressures;
    for (double dec = std::pow(10.0, std::floor(std::log10(p_lo))); dec <= p_top; dec *= 10.0)
        for (double m : {1.0, 2.0, 5.0})
            if (m * dec >= p_lo && m * dec <= p_top) pressures.push_back(m * dec);
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
    std::vector<Isoline> out;
    for (double p : pressures) {
        Isoline iso;
        auto sweep = [&](double Ta, double Tb, int n) {
            for (int i = 0; i <= n; ++i)
                if (auto st = f.flash_tp(Temperature{Ta + (Tb - Ta) * static_cast<double>(i) / n}, Pressure{p}))
                    iso.pts.push_back(path_point(*st));
        };
        const double T_from = std::max(T_lo, f.T_min().si());
        if (auto sat = f.saturation_p(Pressure{p})) {
            if (T_from < sat->T_bubble.si()) sweep(T_from, sat->T_bubble.si() - 1e-4, 20);
            for (int i = 0; i <= 12; ++i)
                if (auto st = f.flash_pq(Pressure{p}, static_cast<double>(i) / 12)) iso.pts.push_back(path_point(*st));
            if (T_hi > sat->T_dew.si()) sweep(sat->T_dew.si() + 1e-4, T_hi, 50);
        } else {
            sweep(T_from, T_hi, 80);
        }
        if (iso.pts.size() < 2) continue;
        iso.label = tick_label(p / 1e5) + " bar";
        out.push_back(std::move(iso));
    }
    return out;
}

} // namespace entropyk::diagrams
