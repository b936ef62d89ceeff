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
    /// What a network component does on this path when its role does not say it: "mixing",
    /// "separation" (a flash tank's outlet), "split", "heat exchange" (an internal exchanger);
    /// empty for the components named by their role.
    std::string what = {};
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

/// A straight segment between two states: how a mixing is drawn (the inlets into the mixed
/// state; at one pressure it is the isobar on the p-h diagram) and anything the models do not
/// resolve along a path.
inline std::vector<PathPoint> straight(const fluids::State& a, const fluids::State& b) {
    return {path_point(a), path_point(b)};
}

/// The path through a component with role `role` from state `a` to state `b`.
inline std::vector<PathPoint> path_through(const fluids::Fluid& f, Role role, const fluids::State& a,
                                           const fluids::State& b) {
    if (a.p.si() == b.p.si() && a.h.si() == b.h.si()) return straight(a, b); // a splitter: one state
    switch (role) {
    case Role::compressor: return compression(f, a, b);
    case Role::expansion_valve: return throttling(f, a, b);
    default: return heat_exchange(f, a, b);
    }
}

} // namespace detail

/// The processes of the view, component by component in the order their inlets appear: a
/// component with one inlet and one outlet gives one process (the path of its role); one with as
/// many inlets as outlets pairs them by port (an internal heat exchanger's two streams); one
/// inlet into several outlets (a flash tank, a splitter) gives a process from the inlet state to
/// each outlet (along the isobar; a splitter's outlets share its inlet's state, so its branches
/// start at one point); several inlets into one outlet give a straight line from each inlet into
/// the mixed state (a mixer), except the suction of a compressor with an injection port, which is
/// compressed. For a series loop this is one process per state, from state k to state k + 1.
[[nodiscard]] inline std::vector<Process> process_paths(const CycleView& c) {
    std::vector<Process> out;
    std::vector<bool> done(c.components.size() + 1, false);
    for (std::size_t k = 0; k < c.order.size(); ++k) {
        const std::uint32_t comp = c.state(k).to;
        const std::size_t slot = comp < c.components.size() ? comp : c.components.size();
        if (done[slot]) continue;
        done[slot] = true;
        const ComponentLabel label =
            comp < c.components.size() ? c.components[comp] : ComponentLabel{"component", Role::other, false};
        // The component's inlets and outlets among the states drawn, by port.
        std::vector<std::size_t> ins, outs;
        for (std::size_t j = 0; j < c.order.size(); ++j) {
            if (c.state(j).to == comp) ins.push_back(j);
            if (c.state(j).from == comp) outs.push_back(j);
        }
        std::sort(ins.begin(), ins.end(), [&](auto a, auto b) { return c.state(a).to_port < c.state(b).to_port; });
        std::sort(outs.begin(), outs.end(),
                  [&](auto a, auto b) { return c.state(a).from_port < c.state(b).from_port; });
        auto add = [&](std::size_t a, std::size_t b, bool mixing) {
            Process pr{label.name, label.role, a, b, {}, {}};
            const bool same = c.state(a).state.p.si() == c.state(b).state.p.si() &&
                              c.state(a).state.h.si() == c.state(b).state.h.si();
            if (mixing)
                pr.what = "mixing";
            else if (label.role == Role::other)
                pr.what = ins.size() == 1 && outs.size() > 1 ? (same ? "split" : "separation") : "heat exchange";
            pr.pts = mixing ? detail::straight(c.state(a).state, c.state(b).state)
                            : detail::path_through(*c.fluid, label.role, c.state(a).state, c.state(b).state);
            out.push_back(std::move(pr));
        };
        if (ins.size() == outs.size()) {
            for (std::size_t q = 0; q < ins.size(); ++q) add(ins[q], outs[q], false);
        } else if (ins.size() == 1) {
            for (std::size_t o : outs) add(ins[0], o, false);
        } else {
            for (std::size_t q = 0; q < ins.size(); ++q)
                for (std::size_t o : outs)
                    add(ins[q], o, !(q == 0 && label.role == Role::compressor && outs.size() == 1));
        }
    }
    return out;
}

} // namespace entropyk::diagrams
