// The processes of a cycle drawn through intermediate states between each state and the next:
// compression along its polytropic path, throttling at constant enthalpy, heat exchange along the
// isobar (with the pressure drop spread along it) bent exactly at the dew and bubble points.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "entropyk/diagrams/cycle_view.hpp"
#include "entropyk/diagrams/geometry.hpp"

namespace entropyk::diagrams {

struct Process {
    std::string component;
    Role role = Role::other;
    std::size_t from = 0, to = 0; ///< state numbers, 0-based
    std::vector<PathPoint> pts;
};

namespace detail {

inline double lerp(double a, double b, double t) noexcept { return a + (b - a) * t; }

/// Compression: small pressure steps (uniform in ln p) with the entropy varying linearly from the
/// suction to the discharge entropy, the polytropic path between the two end states.
inline std::vector<PathPoint> compression(const fluids::Fluid& f, const fluids::State& a, const fluids::State& b) {
    std::vector<PathPoint> out{path_point(a)};
    constexpr int n = 40;
    for (int i = 1; i < n; ++i) {
        const double t = static_cast<double>(i) / n;
        const double p = std::exp(lerp(std::log(a.p.si()), std::log(b.p.si()), t));
        if (auto st = f.flash_ps(Pressure{p}, SpecificEntropy{lerp(a.s.si(), b.s.si(), t)}))
            out.push_back(path_point(*st));
    }
    out.push_back(path_point(b));
    return out;
}

/// Throttling: constant enthalpy (up to a rounding of the two end states), steps uniform in ln p.
inline std::vector<PathPoint> throttling(const fluids::Fluid& f, const fluids::State& a, const fluids::State& b) {
    std::vector<PathPoint> out{path_point(a)};
    constexpr int n = 40;
    for (int i = 1; i < n; ++i) {
        const double t = static_cast<double>(i) / n;
        const double p = std::exp(lerp(std::log(a.p.si()), std::log(b.p.si()), t));
        if (auto st = f.flash_ph(Pressure{p}, SpecificEnthalpy{lerp(a.h.si(), b.h.si(), t)}))
            out.push_back(path_point(*st));
    }
    out.push_back(path_point(b));
    return out;
}

/// Heat exchange (and anything else): enthalpy and pressure varying together, with the dew and
/// bubble points inserted so that the isobar bends where it meets the dome.
inline std::vector<PathPoint> heat_exchange(const fluids::Fluid& f, const fluids::State& a, const fluids::State& b) {
    const double h1 = a.h.si(), h2 = b.h.si(), p1 = a.p.si(), p2 = b.p.si();
    std::vector<double> ts;
    constexpr int n = 60;
    for (int i = 1; i < n; ++i) ts.push_back(static_cast<double>(i) / n);
    if (std::fabs(h2 - h1) > 1e-9) {
        for (int end = 0; end < 2; ++end) {
            // h(t) = h_sat(p(t)) by fixed-point iteration (the pressure changes little along t).
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
    std::vector<PathPoint> out{path_point(a)};
    for (double t : ts)
        if (auto st = f.flash_ph(Pressure{lerp(p1, p2, t)}, SpecificEnthalpy{lerp(h1, h2, t)}))
            out.push_back(path_point(*st));
    out.push_back(path_point(b));
    return out;
}

} // namespace detail

/// One process per state: from state k through the component at its outlet to state k + 1.
[[nodiscard]] inline std::vector<Process> process_paths(const CycleView& c) {
    std::vector<Process> out;
    const std::size_t n = c.order.size();
    for (std::size_t k = 0; k < n; ++k) {
        const auto& in = c.state(k);
        const auto& outlet = c.state((k + 1) % n);
        const ComponentLabel comp =
            in.to < c.components.size() ? c.components[in.to] : ComponentLabel{"component", Role::other};
        Process pr{comp.name, comp.role, k, (k + 1) % n, {}};
        switch (comp.role) {
        case Role::compressor: pr.pts = detail::compression(*c.fluid, in.state, outlet.state); break;
        case Role::expansion_valve: pr.pts = detail::throttling(*c.fluid, in.state, outlet.state); break;
        default: pr.pts = detail::heat_exchange(*c.fluid, in.state, outlet.state); break;
        }
        out.push_back(std::move(pr));
    }
    return out;
}

} // namespace entropyk::diagrams
