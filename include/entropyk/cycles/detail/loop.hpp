// IWYU pragma: private, include <entropyk/cycles.hpp>
// The engine both front doors run on: the runtime System and the typed cycle assemble the same
// nonlinear system (unknowns [p, h, m] per connection then the controls, residual rows in flow
// order with one mass balance dropped per loop) and evaluate it with these function templates,
// so both give the same numbers for the same cycle.
//
// Every function takes the loop as a detail::LoopView (cycles/detail/loop_view.hpp: the
// owner's storage, its sizes and its two component walks); both owners provide it through the one
// adapter detail::LoopAccess (cycles/detail/loop_access.hpp). The component a walk hands over is
// an AnyComponent (System) or the concrete model (typed cycle).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "entropyk/components/component.hpp"
#include "entropyk/components/detail/intermediate_pressure.hpp"
#include "entropyk/cycles/detail/loop_view.hpp"
#include "entropyk/cycles/results.hpp"

namespace entropyk::detail {

// ---- optional parts of ComponentModel (AnyComponent always has them) ------------------------
template <class C>
void initial_controls(const C& c, std::span<double> u) {
    if constexpr (requires { c.initial_controls(u); })
        c.initial_controls(u);
    else
        for (double& x : u) x = 0.0;
}
template <class C>
[[nodiscard]] bool senses_evaporator_outlet(const C& c) {
    if constexpr (requires { c.senses_evaporator_outlet(); })
        return c.senses_evaporator_outlet();
    else
        return false;
}
template <class C>
void bind_sensor(C& c, const EdgeState* e) {
    if constexpr (requires { c.bind_sensor(e); }) c.bind_sensor(e);
}
/// A component whose pressure level is an unknown of the network (a floating flash tank).
template <class C>
[[nodiscard]] bool floating_pressure(const C& c) {
    if constexpr (requires { c.floating_pressure(); })
        return c.floating_pressure();
    else
        return false;
}
template <class C>
[[nodiscard]] bool control_saturated(const C& c, std::span<const double> u) {
    if constexpr (requires { c.control_saturated(u); })
        return c.control_saturated(u);
    else
        return false;
}

template <class C>
[[nodiscard]] bool paired_streams(const C& c) {
    if constexpr (requires { c.paired_streams(); })
        return c.paired_streams();
    else
        return false;
}

template <class C>
[[nodiscard]] bool allows_supercritical_pressure(const C& c) {
    if constexpr (requires { c.allows_supercritical_pressure(); })
        return c.allows_supercritical_pressure();
    else
        return false;
}
/// True for the sides of an exchanger between two loops of the system (cascade heat exchanger):
/// their heat is internal, not a capacity of the system.
template <class C>
[[nodiscard]] bool internal_exchange(const C& c) {
    if constexpr (requires { c.internal_exchange(); })
        return c.internal_exchange();
    else
        return false;
}
template <class C>
[[nodiscard]] bool cop_optimal_control(const C& c) {
    if constexpr (requires { c.cop_optimal_control(); })
        return c.cop_optimal_control();
    else
        return false;
}

/// True when a component of the loop works above the critical pressure (a gas cooler, a
/// high-pressure valve): the loop is then transcritical-capable and its pressures are boxed by
/// the property model's range instead of just below p_c.
template <LoopView L>
[[nodiscard]] bool supercritical_loop(L& loop) {
    return !loop.for_each_added([&](const auto& c, const NodeSlots&) { return !allows_supercritical_pressure(c); });
}

template <LoopView L, class C>
std::span<double> controls_of(L& loop, const C& c, const NodeSlots& n) {
    return loop.controls().subspan(static_cast<std::size_t>(n.first_control), static_cast<std::size_t>(c.n_controls()));
}

/// Whether a component is seen through its ports (AnyComponent, a MultiPortModel) or through
/// one inlet and one outlet (the concrete one-port models of the typed cycle).
template <class C>
inline constexpr bool has_ports = requires(const C& c) {
    c.n_inlets();
};

/// True when a component of the loop has more than one inlet or outlet: the loop is a network
/// (branches, merges), and the walks that assume one series loop (the initial guess's role walk,
/// the pre-solve, the one-flow mass balance) take their network forms.
template <LoopView L>
[[nodiscard]] bool is_network(L& loop) {
    return !loop.for_each_added([](const auto&, const NodeSlots& n) { return n.n_in == 1 && n.n_out == 1; });
}

/// The states at a component's ports, as the port forms of the model interface take them.
/// Stack arrays of max_ports pointers into the loop's state (no allocation).
struct PortPointers {
    std::array<EdgeState*, max_ports> in{}, out{};
    int n_in = 0, n_out = 0;
    std::span<const EdgeState* const> cin() const {
        return {const_cast<const EdgeState* const*>(in.data()), static_cast<std::size_t>(n_in)};
    }
    std::span<const EdgeState* const> cout() const {
        return {const_cast<const EdgeState* const*>(out.data()), static_cast<std::size_t>(n_out)};
    }
    std::span<EdgeState* const> min() const { return {in.data(), static_cast<std::size_t>(n_in)}; }
    std::span<EdgeState* const> mout() const { return {out.data(), static_cast<std::size_t>(n_out)}; }
};
inline PortPointers ports_of(std::span<EdgeState> state, const NodeSlots& n) {
    PortPointers p;
    p.n_in = n.n_in;
    p.n_out = n.n_out;
    for (int k = 0; k < n.n_in; ++k) p.in[static_cast<std::size_t>(k)] = &state[static_cast<std::size_t>(n.in_port(k))];
    for (int k = 0; k < n.n_out; ++k)
        p.out[static_cast<std::size_t>(k)] = &state[static_cast<std::size_t>(n.out_port(k))];
    return p;
}

/// A component's residuals at the loop's current state, through its ports or its one inlet and outlet.
template <LoopView L, class C>
bool component_residuals(L& loop, const C& c, const NodeSlots& n, std::span<double> r) {
    auto state = loop.state();
    if constexpr (has_ports<C>) {
        const PortPointers p = ports_of(state, n);
        return c.residuals(loop.props_for(n), p.cin(), p.cout(), controls_of(loop, c, n), r, loop.property_error());
    } else {
        return c.residuals(loop.props_for(n), state[static_cast<std::size_t>(n.in_edge)],
                           state[static_cast<std::size_t>(n.out_edge)], controls_of(loop, c, n), r,
                           loop.property_error());
    }
}
/// A component's Picard sweep on the loop's state.
template <LoopView L, class C>
bool component_sweep(L& loop, const C& c, const NodeSlots& n) {
    auto state = loop.state();
    if constexpr (has_ports<C>) {
        const PortPointers p = ports_of(state, n);
        return c.sweep(loop.props_for(n), p.min(), p.mout(), controls_of(loop, c, n));
    } else {
        return c.sweep(loop.props_for(n), state[static_cast<std::size_t>(n.in_edge)],
                       state[static_cast<std::size_t>(n.out_edge)], controls_of(loop, c, n));
    }
}
/// A component's report at the loop's state.
template <LoopView L, class C>
void component_report(L& loop, const C& c, const NodeSlots& n, ComponentReport& rep) {
    auto state = loop.state();
    if constexpr (has_ports<C>) {
        const PortPointers p = ports_of(state, n);
        c.report(loop.props_for(n), p.cin(), p.cout(), controls_of(loop, c, n), rep);
    } else {
        c.report(loop.props_for(n), state[static_cast<std::size_t>(n.in_edge)],
                 state[static_cast<std::size_t>(n.out_edge)], controls_of(loop, c, n), rep);
    }
}

template <LoopView L>
void unpack(L& loop, Eigen::Ref<const Eigen::VectorXd> x) {
    auto state = loop.state();
    auto controls = loop.controls();
    for (std::size_t e = 0; e < state.size(); ++e) {
        state[e].p = x[3 * e] * scale::pressure;
        state[e].h = x[3 * e + 1] * scale::enthalpy;
        state[e].m = x[3 * e + 2] * scale::mass_flow;
    }
    for (Eigen::Index k = 3 * static_cast<Eigen::Index>(state.size()); k < loop.n_unknowns(); ++k)
        controls[static_cast<std::size_t>(k) - 3 * state.size()] = x[k];
}

template <LoopView L>
void pack(L& loop, Eigen::Ref<Eigen::VectorXd> x) {
    auto state = loop.state();
    auto controls = loop.controls();
    for (std::size_t e = 0; e < state.size(); ++e) {
        x[3 * e] = state[e].p / scale::pressure;
        x[3 * e + 1] = state[e].h / scale::enthalpy;
        x[3 * e + 2] = state[e].m / scale::mass_flow;
    }
    for (std::size_t k = 0; k < controls.size(); ++k) x[static_cast<Eigen::Index>(3 * state.size() + k)] = controls[k];
}

/// Scaled residuals at x, rows in flow order. false: a property call refused x.
template <LoopView L>
bool residuals(L& loop, Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> r) {
    unpack(loop, x);
    const bool ok = loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
        std::span<double> blk = loop.block().first(static_cast<std::size_t>(c.n_equations()));
        if (!component_residuals(loop, c, n, blk)) return false;
        int row = n.first_residual;
        for (int k = 0; k < c.n_equations(); ++k)
            if (k != n.dropped) r[row++] = blk[static_cast<std::size_t>(k)];
        return true;
    });
    if (!ok) return false;
    for (Eigen::Index k = 0; k < r.size(); ++k)
        if (!std::isfinite(r[k])) return false;
    return true;
}

/// Forward-difference Jacobian, component by component: each component's residuals depend only
/// on the unknowns listed in vars(node), so perturbing those and re-evaluating that component
/// gives its rows as a full finite-difference Jacobian would.
template <LoopView L>
bool jacobian(L& loop, Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::MatrixXd> J) {
    unpack(loop, x);
    J.setZero();
    auto state = loop.state();
    auto controls = loop.controls();
    const auto ne = static_cast<int>(state.size());
    auto var_ref = [&](int k) -> double& {
        if (k < 3 * ne) {
            EdgeState& e = state[static_cast<std::size_t>(k / 3)];
            return k % 3 == 0 ? e.p : (k % 3 == 1 ? e.h : e.m);
        }
        return controls[static_cast<std::size_t>(k - 3 * ne)];
    };
    auto var_scale = [&](int k) {
        if (k >= 3 * ne) return 1.0;
        return k % 3 == 0 ? scale::pressure : (k % 3 == 1 ? scale::enthalpy : scale::mass_flow);
    };
    const bool ok = loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
        const auto neq = static_cast<std::size_t>(c.n_equations());
        std::span<double> base = loop.base_block().first(neq), pert = loop.block().first(neq);
        if (!component_residuals(loop, c, n, base)) return false;
        for (int k : loop.vars(n.index)) {
            double& v = var_ref(k);
            const double saved = v;
            const double step = 1.4901161193847656e-08 * std::max(std::fabs(x[k]), 1.0);
            v = saved + step * var_scale(k);
            const double actual = (v - saved) / var_scale(k);
            const bool good = component_residuals(loop, c, n, pert);
            v = saved;
            if (!good) return false;
            int row = n.first_residual;
            for (std::size_t q = 0; q < neq; ++q) {
                if (static_cast<int>(q) == n.dropped) continue;
                J(row++, k) = (pert[q] - base[q]) / actual;
            }
        }
        return true;
    });
    return ok && J.allFinite();
}

/// The box every iterate is projected into (the start, every Newton trial point, every Picard
/// pass): pressures between the triple-point pressure and just below the critical pressure (a
/// subcritical loop: every saturation call needs p < p_c; the fluid's p_max is lower for some
/// fluids and then applies) or, for a loop with a transcritical high side (supercritical_loop),
/// the property model's p_max, mass flows positive (a reversed flow is not a state of a vapour-
/// compression loop) and each component's controls inside their limits (zone fractions in [0, 1],
/// valve openings within their bounds). Projection onto a box is the bound handling of projected
/// Newton methods (Kelley 1999, "Iterative Methods for Optimization", SIAM, ch. 5.4; Bertsekas
/// 1982): the line search then measures the projected point, so no step leaves the box.
/// Enthalpies are not boxed here: their domain depends on the pressure, and a point outside it
/// is refused by the residuals, which makes the line search back off (the initial guess is built
/// inside the domain, see initial_guess).
template <LoopView L>
void clamp(L& loop, Eigen::Ref<Eigen::VectorXd> x) {
    const bool supercritical = supercritical_loop(loop);
    auto bounds = [&](const fluids::Fluid& f, double& lo, double& hi) {
        lo = std::max(f.p_triple().si(), 100.0) * (1.0 + 1e-9) / scale::pressure;
        hi = (supercritical ? f.p_max().si() : std::min(f.p_max().si(), 0.999 * f.p_critical().si())) / scale::pressure;
    };
    double p_lo = 0.0, p_hi = 0.0;
    bounds(loop.props().fluid(), p_lo, p_hi);
    const std::size_t n_edges = loop.state().size();
    for (std::size_t e = 0; e < n_edges; ++e) {
        // Several loops: each connection is boxed by its own refrigerant's range.
        if (loop.n_loops() > 1) bounds(loop.edge_props(e).fluid(), p_lo, p_hi);
        x[3 * e] = std::clamp(x[3 * e], p_lo, p_hi);
        x[3 * e + 2] = std::max(x[3 * e + 2], 1e-9);
    }
    double* u0 = x.data() + 3 * n_edges;
    loop.for_each_added([&](const auto& c, const NodeSlots& n) {
        if constexpr (requires(std::span<double> u) { c.clamp_controls(u); })
            c.clamp_controls(std::span<double>(u0 + n.first_control, static_cast<std::size_t>(c.n_controls())));
        return true;
    });
}

/// One sequential-substitution pass, in place. Twice around the loop: pressures set downstream
/// (condenser, evaporator) reach the components upstream of them on the second pass.
template <LoopView L>
bool picard_sweep(L& loop, Eigen::Ref<Eigen::VectorXd> x) {
    unpack(loop, x);
    for (int pass = 0; pass < 2; ++pass) {
        const bool ok =
            loop.for_each_flow([&](const auto& c, const NodeSlots& n) { return component_sweep(loop, c, n); });
        if (!ok) return false;
    }
    pack(loop, x);
    return true;
}

template <LoopView L>
bool controls_saturated(L& loop, Eigen::Ref<const Eigen::VectorXd> x) {
    unpack(loop, x);
    return !loop.for_each_added(
        [&](const auto& c, const NodeSlots& n) { return !control_saturated(c, controls_of(loop, c, n)); });
}

template <LoopView L>
GuessHints collect_hints(L& loop) {
    GuessHints g;
    loop.for_each_added([&](const auto& c, const NodeSlots&) {
        c.hints(loop.props(), g);
        return true;
    });
    return g;
}

/// The initial guess of one series loop: walk it from the compressor, high pressure until the
/// expansion valve, low after it; then the compressors set the flow and the discharge enthalpy.
template <LoopView L>
void series_guess(L& loop, double p_hi, double p_lo, double m, double m_start, double h_liq, double h_suction,
                  double h_discharge) {
    const PropertyService& props = loop.props();
    auto state = loop.state();
    bool high = true;
    double h = h_suction;
    loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
        auto& out = state[static_cast<std::size_t>(n.out_edge)];
        switch (c.role()) {
        case Role::compressor:
            high = true;
            h = h_discharge;
            break;
        case Role::condenser:
        case Role::receiver: h = h_liq; break;
        case Role::expansion_valve: high = false; break;
        case Role::evaporator: h = h_suction; break;
        case Role::other: break;
        }
        out.p = high ? p_hi : p_lo;
        out.h = h;
        out.m = m;
        return true;
    });
    loop.for_each_added([&](const auto& c, const NodeSlots& n) {
        detail::initial_controls(c, controls_of(loop, c, n));
        return true;
    });
    // Compressors set the flow and the discharge enthalpy from this suction state.
    loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
        if (c.role() != Role::compressor) return true;
        EdgeState in = state[static_cast<std::size_t>(n.in_edge)], out = state[static_cast<std::size_t>(n.out_edge)];
        if (c.sweep(props, in, out, controls_of(loop, c, n)) && in.m > 0 && std::isfinite(out.h)) {
            if (!(m_start > 0.0)) // a mass flow the user gave is kept
                for (std::size_t e = 0; e < state.size(); ++e)
                    if (loop.edge_in_focus(e)) state[e].m = in.m;
            state[static_cast<std::size_t>(n.out_edge)].h = out.h;
        }
        return true;
    });
}

/// The initial guess of a network (a loop with branches and merges: flash tank, mixer, splitter).
/// 1. Pressure levels: each exchanger, and each multi-port component that holds a level (a flash
///    tank's intermediate pressure), seeds the connections at its ports; the level then spreads
///    through every component that does not change the pressure (all but compressors and
///    valves); a level nothing seeds is the high one after a compressor, the low one after a valve.
/// 2. Enthalpies by role at those pressures (discharge 30 K superheated, liquid below the
///    condenser, the set superheat after the evaporator).
/// 3. Three passes of the components' own sweeps in flow order: the flash tank splits its flow
///    by the lever rule, the mixer adds its inlets, the compressors apply their flow laws, so
///    the flows start nearly balanced at every branch and merge.
/// Everything is written in place in the loop's state: no allocation.
template <LoopView L, class HAt>
void network_guess(L& loop, double p_hi, double p_lo, double m, const GuessHints& g, HAt& h_at) {
    const PropertyService& props = loop.props();
    auto state = loop.state();
    for (std::size_t e = 0; e < state.size(); ++e)
        if (loop.edge_in_focus(e)) state[e] = EdgeState{0.0, 0.0, m};
    auto fill = [&](const NodeSlots& n, double p) {
        bool changed = false;
        for (int k = 0; k < n.n_in + n.n_out; ++k) {
            auto& e = state[static_cast<std::size_t>(k < n.n_in ? n.in_port(k) : n.out_port(k - n.n_in))];
            if (e.p <= 0.0 && p > 0.0) e.p = p, changed = true;
        }
        return changed;
    };
    // A component whose inlet k and outlet k are one stream (an internal heat exchanger) passes a
    // level along each stream only.
    auto fill_pairs = [&](const NodeSlots& n) {
        bool changed = false;
        for (int k = 0; k < std::min<int>(n.n_in, n.n_out); ++k) {
            auto& a = state[static_cast<std::size_t>(n.in_port(k))];
            auto& b = state[static_cast<std::size_t>(n.out_port(k))];
            if (a.p > 0.0 && b.p <= 0.0) b.p = a.p, changed = true;
            if (b.p > 0.0 && a.p <= 0.0) a.p = b.p, changed = true;
        }
        return changed;
    };
    loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
        GuessHints own;
        c.hints(props, own);
        double p = own.p_level;
        if (own.p_level_geometric_mean > 0.0)
            p = detail::geometric_mean_pressure(p_lo, p_hi, own.p_level_geometric_mean);
        if (c.role() == Role::condenser) p = own.p_high > 0.0 ? own.p_high : p_hi;
        if (c.role() == Role::evaporator) p = own.p_low > 0.0 ? own.p_low : p_lo;
        fill(n, p);
        return true;
    });
    const auto n_edges = static_cast<int>(state.size());
    for (int pass = 0; pass < 2 * n_edges + 2; ++pass) {
        bool changed = false;
        loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
            if (c.role() == Role::compressor || c.role() == Role::expansion_valve) return true;
            if (paired_streams(c)) {
                changed = fill_pairs(n) || changed;
                return true;
            }
            double p = 0.0;
            for (int k = 0; k < n.n_in && p <= 0.0; ++k) p = state[static_cast<std::size_t>(n.in_port(k))].p;
            for (int k = 0; k < n.n_out && p <= 0.0; ++k) p = state[static_cast<std::size_t>(n.out_port(k))].p;
            changed = fill(n, p) || changed;
            return true;
        });
        if (changed) continue;
        // Nothing more spreads: give one open compressor or valve outlet its level by role.
        loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
            auto& out = state[static_cast<std::size_t>(n.out_edge)];
            if (out.p > 0.0) return true;
            if (c.role() == Role::compressor) out.p = p_hi, changed = true;
            if (c.role() == Role::expansion_valve) out.p = p_lo, changed = true;
            return !changed;
        });
        if (!changed) break;
    }
    for (std::size_t e = 0; e < state.size(); ++e)
        if (loop.edge_in_focus(e) && state[e].p <= 0.0) state[e].p = p_lo;
    const double sc = g.subcooling >= 0.0 ? std::max(g.subcooling, 0.5) : 5.0;
    const double sh = g.superheat >= 0.0 ? std::max(g.superheat, 0.5) : 5.0;
    loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
        for (int k = 0; k < n.n_out; ++k) {
            auto& o = state[static_cast<std::size_t>(n.out_port(k))];
            switch (c.role()) {
            case Role::compressor: o.h = h_at(o.p, false, 30.0); break;
            case Role::condenser:
            case Role::receiver: o.h = h_at(o.p, true, sc); break;
            case Role::expansion_valve: o.h = h_at(state[static_cast<std::size_t>(n.in_edge)].p, true, sc); break;
            case Role::evaporator:
            case Role::other: o.h = h_at(o.p, false, sh); break;
            }
        }
        return true;
    });
    loop.for_each_added([&](const auto& c, const NodeSlots& n) {
        detail::initial_controls(c, controls_of(loop, c, n));
        return true;
    });
    for (int pass = 0; pass < 3; ++pass)
        loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
            (void)component_sweep(loop, c, n); // a refused sweep leaves its ports as they are
            return true;
        });
}

/// The automatic initial guess (scaled unknowns) from the components' boundary conditions; the
/// pressure levels are those of the hints unless `levels` (p_high, p_low in Pa) gives them.
/// A level given as 0 keeps the hint's; `m` > 0 replaces the mass flow the guess starts from.
template <LoopView L>
void loop_guess(L& loop, const double* levels, double m_start) {
    const PropertyService& props = loop.props();
    auto state = loop.state();
    GuessHints g = collect_hints(loop);
    if (levels && levels[0] > 0.0) g.p_high = levels[0];
    if (levels && levels[1] > 0.0) g.p_low = levels[1];
    if (m_start > 0.0) g.m = m_start;
    const auto& f = props.fluid();
    const double Tc = f.T_critical().si();
    // Without hints: condensing at 45 C and evaporating at 0 C, kept inside the fluid's range.
    auto p_at = [&](double T, double fallback) {
        T = std::clamp(T, f.T_min().si() + 1.0, Tc - 5.0);
        auto s = props.sat_t(T);
        return s ? 0.5 * (s->p_bubble.si() + s->p_dew.si()) : fallback;
    };
    // A transcritical high side without a given pressure starts at 1.2 p_c (CO2: 88.5 bar, near
    // the COP optimum of the usual gas-cooler outlet temperatures).
    double p_hi = g.p_high > 0                ? g.p_high
                  : g.supercritical_high_side ? std::min(1.2 * f.p_critical().si(), f.p_max().si())
                                              : p_at(318.15, 0.5 * f.p_critical().si());
    double p_lo = g.p_low > 0 ? g.p_low : p_at(273.15, 0.1 * f.p_critical().si());
    if (p_lo >= p_hi) p_lo = 0.5 * p_hi;
    // Typical states: 5 K of subcooling and of superheat, saturation as a fallback.
    auto h_at = [&](double p, bool liquid, double dT) {
        auto sat = props.sat_p(p);
        if (!sat) return liquid ? 2e5 : 4e5;
        auto st = props.tp(liquid ? sat->T_bubble.si() - dT : sat->T_dew.si() + dT, p);
        if (st) return st->h.si();
        return liquid ? sat->h_liquid.si() : sat->h_vapor.si();
    };
    double h_liq = h_at(p_hi, true, g.subcooling >= 0.0 ? std::max(g.subcooling, 0.5) : 5.0);
    const double h_suction = h_at(p_lo, false, g.superheat >= 0.0 ? std::max(g.superheat, 0.5) : 5.0);
    double h_discharge = h_at(p_hi, false, 30.0);
    if (g.supercritical_high_side) {
        // No saturation state on a supercritical high side: the gas-cooler outlet at its (estimated)
        // temperature and a discharge 50 K above the warmer of it and T_c (a CO2 compressor at
        // 90-120 bar discharges at 90-130 C).
        const double T3 = g.T_gas_cooler_outlet > 0.0 ? g.T_gas_cooler_outlet : Tc + 5.0;
        if (auto st = props.tp(T3, p_hi)) h_liq = st->h.si();
        if (auto st = props.tp(std::max(T3, Tc) + 50.0, p_hi)) h_discharge = st->h.si();
    }
    const double m = g.m > 0 ? g.m : 0.05;
    if (is_network(loop)) {
        network_guess(loop, p_hi, p_lo, m, g, h_at);
    } else {
        series_guess(loop, p_hi, p_lo, m, m_start, h_liq, h_suction, h_discharge);
    }
    // Every enthalpy inside the property domain at its pressure, by construction: a map
    // extrapolated far from its envelope can give a discharge enthalpy above h(T_max, p), where
    // no residual can be evaluated (the start would be refused outright). 10 K inside the highest
    // temperature the property model accepts (the EOS extrapolated beyond its published T_max,
    // docs/fluids.md) and 1 K inside T_min leave room for the finite-difference steps.
    for (std::size_t k = 0; k < state.size(); ++k) {
        if (!loop.edge_in_focus(k)) continue;
        auto& e = state[k];
        auto hot = props.tp(f.T_max_extrapolated().si() - 10.0, e.p);
        if (hot && e.h > hot->h.si()) e.h = hot->h.si();
        auto cold = props.tp(f.T_min().si() + 1.0, e.p);
        if (cold && e.h < cold->h.si()) e.h = cold->h.si();
    }
}

/// The automatic initial guess (scaled unknowns): each refrigerant loop's states from its own
/// components' hints (loop_guess with the walks focused on that loop and its fluid), then relaxed
/// Picard passes over the whole system. `levels` and `m_start` (the user's start values) apply
/// to loop 0.
template <LoopView L>
void initial_guess(L& loop, Eigen::Ref<Eigen::VectorXd> x, const double* levels = nullptr, double m_start = 0.0) {
    if (loop.n_loops() > 1) {
        for (int l = 0; l < loop.n_loops(); ++l) {
            loop.focus = l;
            loop_guess(loop, l == 0 ? levels : nullptr, l == 0 ? m_start : 0.0);
        }
        loop.focus = -1;
    } else {
        loop_guess(loop, levels, m_start);
    }
    pack(loop, x);
    // Relaxed Picard passes solve boundary-condition (design-mode) cycles outright; for off-design
    // cycles they may lead astray, so keep whichever start has the smaller residual.
    const Eigen::Index n_res = loop.n_residuals();
    auto norm_at = [&](Eigen::Ref<const Eigen::VectorXd> z) {
        Eigen::Ref<Eigen::VectorXd> r = loop.scratch_residuals();
        if (!residuals(loop, z, r.head(n_res))) return std::numeric_limits<double>::infinity();
        return r.head(n_res).cwiseAbs().maxCoeff();
    };
    Eigen::Ref<Eigen::VectorXd> swept = loop.scratch_unknowns();
    swept = x;
    bool ok = true;
    for (int pass = 0; pass < 3 && ok; ++pass) ok = picard_sweep(loop, swept);
    if (ok && norm_at(swept) < norm_at(x)) x = swept;
}

/// The pre-solve behind the second cold start (issue 14): the saturation temperatures at which a
/// lumped twin of the loop balances, found by two nested 1-D root searches. This is the
/// preconditioner of ACHP (Bell, Quoilin et al., ACHP documentation, "Cycle solver:
/// preconditioner"): each exchanger is one epsilon-NTU zone at its saturation temperature (the
/// components' own sweep()), the suction state has the set superheat and the condenser outlet
/// the set subcooling, and the compressor gives the mass flow and the discharge state. Then
///   f_e(T_e; T_c) = h(evaporator outlet, swept) - h(suction at the set superheat)   (falls with T_e)
///   f_c(T_c)      = heat the condenser can reject at T_c - heat it must reject      (rises with T_c)
/// are solved for T_e inside the evaporator bracket for each trial T_c, and for T_c outside.
/// Both are monotonic on their brackets [T_min, T_secondary) and (T_secondary, T_c), so a
/// bracketing method cannot miss the balance when there is one: the Illinois variant of regula
/// falsi (Dowell & Jarratt 1971, BIT 11:168), superlinear and never leaving the bracket.
/// Unlike Newton on the full system, the search cannot wander into the low-lift corner where the
/// map's extrapolation gives absurd flows. Returns false when the loop is not one compressor,
/// condenser, valve and evaporator with secondary fluids, or when no balance is bracketed
/// (levels then stay untouched). Costs a few hundred property calls; no allocation.
template <LoopView L>
bool presolve_applies(L& loop) {
    if (is_network(loop)) return false;   // the lumped twin is one series loop
    if (loop.n_loops() > 1) return false; // and of one refrigerant
    const GuessHints g = collect_hints(loop);
    if (g.p_high_fixed || g.p_low_fixed || !(g.T_secondary_high > 0.0) || !(g.T_secondary_low > 0.0)) return false;
    // The pre-solve searches saturation temperatures: a transcritical high side has none.
    if (g.supercritical_high_side) return false;
    // The components, by role; exactly one of each.
    int n_comp = 0, n_cond = 0, n_evap = 0;
    loop.for_each_flow([&](const auto& c, const NodeSlots&) {
        n_comp += c.role() == Role::compressor;
        n_cond += c.role() == Role::condenser;
        n_evap += c.role() == Role::evaporator;
        return true;
    });
    return n_comp == 1 && n_cond == 1 && n_evap == 1;
}

template <LoopView L>
bool presolve_levels(L& loop, double levels[2]) {
    if (!presolve_applies(loop)) return false;
    const PropertyService& props = loop.props();
    const GuessHints g = collect_hints(loop);
    const auto& f = props.fluid();
    const double sh = g.superheat >= 0.0 ? std::max(g.superheat, 0.5) : 5.0;
    const double sc = g.subcooling >= 0.0 ? std::max(g.subcooling, 0.5) : 5.0;
    const double T_lo = f.T_min().si() + 2.0, T_hi = f.T_critical().si() - 3.0;
    // Sweeps a role's component from `in` (its controls untouched: sweeps use none).
    auto sweep_role = [&](Role role, EdgeState& in, EdgeState& out) {
        bool ok = false;
        loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
            if (c.role() != role) return true;
            ok = c.sweep(props, in, out, controls_of(loop, c, n));
            return false;
        });
        return ok && std::isfinite(out.h) && std::isfinite(in.m) && in.m > 0.0;
    };
    auto p_sat = [&](double T, bool dew) {
        auto s = props.sat_t(T);
        return s ? (dew ? s->p_dew.si() : s->p_bubble.si()) : -1.0;
    };
    // One evaluation of the lumped loop at (T_e, T_c): false when a property call refuses.
    struct Balance {
        double f_e = 0.0, f_c = 0.0;
    };
    auto balance = [&](double Te, double Tc, Balance& b) {
        const double pe = p_sat(Te, true), pc = p_sat(Tc, false);
        if (!(pe > 0.0 && pc > pe)) return false;
        auto sat_e = props.sat_p(pe);
        auto sat_c = props.sat_p(pc);
        if (!sat_e || !sat_c) return false;
        auto suc = props.tp(sat_e->T_dew.si() + sh, pe);
        auto liq = props.tp(sat_c->T_bubble.si() - sc, pc);
        if (!suc || !liq) return false;
        EdgeState in{pe, suc->h.si(), 0.1}, out{pc, 0.0, 0.1};
        if (!sweep_role(Role::compressor, in, out)) return false;
        const double m = in.m, h2 = out.h, h3 = liq->h.si();
        EdgeState cin{pc, h2, m}, cout{pc, 0.0, m};
        if (!sweep_role(Role::condenser, cin, cout)) return false;
        EdgeState ein{pe, h3, m}, eout{pe, 0.0, m};
        if (!sweep_role(Role::evaporator, ein, eout)) return false;
        b.f_e = (eout.h - suc->h.si()) / scale::enthalpy;
        b.f_c = ((h2 - cout.h) - (h2 - h3)) / scale::enthalpy;
        return std::isfinite(b.f_e) && std::isfinite(b.f_c);
    };
    // Illinois regula falsi on [a, b] for a function that may refuse points; `val` returns false
    // on refusal. A refused trial point is replaced by the bisection point of the side it lies on
    // (refusals happen at the bracket's ends: far below the secondary temperature the map
    // extrapolates to a negative flow). Returns false if no sign change is found.
    auto solve_1d = [](auto&& val, double a, double b, double tol, double& root) {
        double fa = 0.0, fb = 0.0;
        // Shrink the ends inwards until they evaluate.
        int k = 0;
        while (!val(a, fa) && k++ < 8) a = 0.5 * (a + b);
        k = 0;
        while (!val(b, fb) && k++ < 8) b = 0.5 * (a + b);
        if (!(std::isfinite(fa) && std::isfinite(fb)) || fa * fb > 0.0) return false;
        int side = 0;
        double c_prev = a;
        for (int it = 0; it < 30; ++it) {
            double c = (a * fb - b * fa) / (fb - fa);
            if (!(c > std::min(a, b) && c < std::max(a, b))) c = 0.5 * (a + b);
            double fc = 0.0;
            if (!val(c, fc)) {
                c = 0.5 * (a + b);
                if (!val(c, fc)) return false;
            }
            // Converged when the bracket or the last move is below tol (the start needs no more).
            if (std::fabs(b - a) < tol || std::fabs(c - c_prev) < tol || fc == 0.0) {
                root = c;
                return true;
            }
            c_prev = c;
            if (fc * fb < 0.0) {
                a = b, fa = fb;
                b = c, fb = fc;
                side = 0;
            } else {
                b = c, fb = fc;
                if (side == 1) fa *= 0.5; // Illinois: halve the retained end's value
                side = 1;
            }
        }
        root = 0.5 * (a + b);
        return true;
    };
    const double Tse = std::clamp(g.T_secondary_low, T_lo + 1.0, T_hi - 1.0);
    const double Tsc = std::clamp(g.T_secondary_high, T_lo + 1.0, T_hi - 1.0);
    double Te_found = 0.0;
    // Inner: the evaporating temperature that balances the evaporator for a condensing T_c.
    auto inner = [&](double Tc, double& Te, Balance& b) {
        auto fe = [&](double T, double& v) {
            Balance bb;
            if (!balance(T, Tc, bb)) return false;
            v = bb.f_e;
            return true;
        };
        const double top = std::min(Tse - 0.05, Tc - 1.0);
        if (!(top > T_lo)) return false;
        if (!solve_1d(fe, T_lo, top, 0.25, Te)) return false;
        return balance(Te, Tc, b);
    };
    auto fc = [&](double Tc, double& v) {
        double Te = 0.0;
        Balance b;
        if (!inner(Tc, Te, b)) return false;
        v = b.f_c;
        Te_found = Te;
        return true;
    };
    double Tc = 0.0;
    if (!solve_1d(fc, std::max(Tsc + 0.05, T_lo + 2.0), T_hi, 0.25, Tc)) return false;
    Balance b;
    if (!inner(Tc, Te_found, b)) return false;
    const double pc = p_sat(Tc, false), pe = p_sat(Te_found, true);
    if (!(pc > 0.0 && pe > 0.0)) return false;
    levels[0] = pc;
    levels[1] = pe;
    return true;
}

/// Boundary conditions no steady state can meet, known before any solve: a condenser whose
/// secondary fluid enters at or above the critical temperature (nothing condenses; a transcritical
/// cycle has a gas cooler instead, components/gas_cooler.hpp) or an evaporator whose secondary
/// fluid is at the fluid's lowest temperature. Writes the cause (one line) and returns true if there is one.
template <LoopView L>
bool no_steady_state(L& loop, char* out, std::size_t cap) {
    out[0] = '\0';
    const auto& f = loop.props().fluid();
    const GuessHints g = collect_hints(loop);
    const double Tc = f.T_critical().si();
    const std::string_view nm = f.name();
    const int nl = static_cast<int>(nm.size());
    if (g.T_secondary_high > 0.0 && g.T_secondary_high >= Tc) {
        std::snprintf(
            out, cap,
            "no steady state: the condenser's secondary fluid enters at %.1f C, at or above the critical "
            "temperature of %.*s (%.1f C): the refrigerant cannot condense (a subcritical cycle needs a colder "
            "heat sink; for transcritical operation reject the heat in a gas cooler held above the critical "
            "pressure by a high-pressure valve)\n",
            g.T_secondary_high - 273.15, nl, nm.data(), Tc - 273.15);
        return true;
    }
    if (g.T_secondary_low > 0.0 && g.T_secondary_low <= f.T_min().si() + 1.0) {
        std::snprintf(out, cap,
                      "no steady state: the evaporator's secondary fluid enters at %.1f C, colder than any evaporating "
                      "temperature %.*s can have (T_min = %.1f C)\n",
                      g.T_secondary_low - 273.15, nl, nm.data(), f.T_min().si() - 273.15);
        return true;
    }
    return false;
}

/// Why a cold solve found no root, in engineering words, when the reason is one that no start can
/// overcome (issue 14: "no steady state" instead of "max_iterations"). Writes one line into `out`
/// (empty when nothing is recognised). `x` is the failed iterate; `presolve_ok` says whether the
/// pre-solve bracketed a balance of the lumped loop (false = it looked and found none, which for
/// monotonic balances means there is none between the fluid's limits).
template <LoopView L>
void explain_failure(L& loop, Eigen::Ref<const Eigen::VectorXd> x, int presolve_ok, char* out, std::size_t cap) {
    out[0] = '\0';
    const PropertyService& props = loop.props();
    const auto& f = props.fluid();
    if (no_steady_state(loop, out, cap)) return;
    const std::string_view nm = f.name();
    const int nl = static_cast<int>(nm.size());
    // A compressor whose discharge sits at the top of the property range: the steady state the
    // map asks for lies above the property model's range (a map far outside its envelope at a
    // large lift).
    unpack(loop, x);
    auto state = loop.state();
    bool hot = false;
    double T_hot = 0.0;
    loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
        if (c.role() != Role::compressor) return true;
        const EdgeState& e = state[static_cast<std::size_t>(n.out_edge)];
        auto top = props.tp(f.T_max_extrapolated().si() - 15.0, e.p);
        if (top && e.h >= top->h.si()) hot = true, T_hot = f.T_max_extrapolated().si();
        return true;
    });
    if (hot) {
        std::snprintf(out, cap,
                      "no steady state inside the property range: the compressor map asks for a discharge hotter "
                      "than %.0f C (the upper limit of the %.*s property model) -- the lift is too large for the map "
                      "at this speed (map envelope "
                      "left)\n",
                      T_hot - 273.15, nl, nm.data());
        return;
    }
    if (presolve_ok == 0)
        std::snprintf(out, cap,
                      "no steady state: compressor flow and exchanger capacities balance at no pair of evaporating and "
                      "condensing temperatures between the fluid's limits and the secondary inlets (evaporator "
                      "secondary too cold for the compressor, or the map envelope is left)\n");
}

/// Counts equations against unknowns and picks the mass balance to drop (around a closed loop
/// the mass balances are linearly dependent: their sum is zero); drops it preferably at the
/// component whose flow law sets the mass flow. Returns the number of unknowns (= equations).
template <LoopView L>
Result<Eigen::Index> count_loop_equations(L& loop, std::size_t n_edges) {
    int flow_eqs = 0, charge_eqs = 0, n_eq = 0, n_controls = 0;
    std::string flow_names, charge_names;
    auto quoted = [&](std::uint32_t i, const char* eq) { return "'" + std::string(loop.name(i)) + "' (" + eq + ")"; };
    int drop_at = -1;
    loop.for_each_added([&](const auto& c, NodeSlots& n) {
        n.dropped = -1;
        n_controls += c.n_controls();
        for (int k = 0; k < c.n_equations(); ++k) {
            const auto info = c.equation(k);
            if (info.kind == EquationKind::flow) {
                ++flow_eqs;
                flow_names += (flow_names.empty() ? "" : ", ") + quoted(n.index, info.name);
                drop_at = static_cast<int>(n.index);
            }
            if (info.kind == EquationKind::charge) {
                ++charge_eqs;
                charge_names += (charge_names.empty() ? "" : ", ") + quoted(n.index, info.name);
            }
            ++n_eq;
        }
        return true;
    });
    if (drop_at < 0)
        loop.for_each_flow([&](const auto&, const NodeSlots& n) {
            drop_at = static_cast<int>(n.index);
            return false;
        });
    loop.for_each_added([&](const auto& c, NodeSlots& n) {
        if (static_cast<int>(n.index) != drop_at) return true;
        for (int k = 0; k < c.n_equations(); ++k)
            if (c.equation(k).kind == EquationKind::mass_balance) {
                n.dropped = k;
                --n_eq;
                break;
            }
        return false;
    });
    const int n_unknowns = 3 * static_cast<int>(n_edges) + n_controls;
    if (n_eq == n_unknowns) return static_cast<Eigen::Index>(n_unknowns);
    // A floating level (flash tank) is one more unknown the network must close.
    std::string floating;
    loop.for_each_added([&](const auto& c, NodeSlots& n) {
        if (floating_pressure(c)) floating += (floating.empty() ? "'" : ", '") + std::string(loop.name(n.index)) + "'";
        return true;
    });
    std::string what;
    if (n_eq < n_unknowns) {
        if (!floating.empty() && flow_eqs > 0 && charge_eqs > 0)
            what = "the pressure of flash tank " + floating +
                   " floats and nothing closes it: give both compressor stages a flow law (a displacement, a "
                   "mass flow or a map) or give the tank a pressure";
        else if (flow_eqs == 0)
            what = "nothing sets the mass flow: give the compressor a mass flow, a displacement or a map";
        else if (charge_eqs == 0)
            what = "set a subcooling at the condenser outlet or add a receiver";
        else
            what = "a pressure level or an outlet state is not specified";
    } else {
        if (flow_eqs > 1)
            what = "the mass flow is set more than once, by " + flow_names + ": keep one";
        else if (charge_eqs > 1)
            what = "the charge is fixed more than once, by " + charge_names + ": keep one";
        else
            what = "a pressure level or an outlet state is specified twice (for example a fixed saturation "
                   "temperature together with a controlled valve)";
    }
    return ThermoError::format(Errc::validation_error, "%d equations for %d unknowns: %s", n_eq, n_unknowns,
                               what.c_str());
}

/// The count of count_loop_equations for each refrigerant loop of the system: every closed loop
/// drops its own redundant mass balance and needs its own flow law and charge condition, so the
/// count must close loop by loop. A mismatch is named per loop ("loop 2 (R717: 'lt_comp', ...):
/// 7 equations for 8 unknowns: set a subcooling ..."); one loop keeps the message without prefix.
template <LoopView L>
Result<Eigen::Index> count_equations(L& loop, std::size_t n_edges) {
    if (loop.n_loops() == 1) return count_loop_equations(loop, n_edges);
    Eigen::Index total = 0;
    std::string missing;
    for (int l = 0; l < loop.n_loops(); ++l) {
        loop.focus = l;
        std::size_t edges = 0;
        for (std::size_t e = 0; e < n_edges; ++e) edges += loop.edge_in_focus(e) ? 1 : 0;
        auto n = count_loop_equations(loop, edges);
        if (n) {
            total += *n;
            continue;
        }
        std::string names;
        loop.for_each_added([&](const auto&, const NodeSlots& s) {
            names += (names.empty() ? "'" : ", '") + std::string(loop.name(s.index)) + "'";
            return true;
        });
        const std::string_view fluid = loop.props().fluid().name();
        std::string what(n.error().message());
        if (!missing.empty()) {
            // A message holds ThermoError::capacity characters: the first loop in full, the
            // others by their count ("loop 2 (R134a): 11 equations for 12 unknowns").
            what = what.substr(0, what.find(": "));
            missing += "; loop " + std::to_string(l + 1) + " (" + std::string(fluid) + "): " + what;
            continue;
        }
        missing = "loop " + std::to_string(l + 1) + " (" + std::string(fluid) + ": " + names + "): " + what;
    }
    loop.focus = -1;
    if (!missing.empty()) return ThermoError(Errc::validation_error, missing);
    return total;
}

/// The state of a connection whose (p, h) the property model refuses: p and h as they are, every
/// other property NaN.
inline fluids::State unavailable_state(double p, double h) noexcept {
    fluids::State s;
    s.T = Temperature{not_available};
    s.p = Pressure{p};
    s.rho = Density{not_available};
    s.h = SpecificEnthalpy{h};
    s.s = SpecificEntropy{not_available};
    s.u = SpecificEnthalpy{not_available};
    s.cp = SpecificHeat{not_available};
    s.cv = SpecificHeat{not_available};
    s.w = Speed{not_available};
    s.quality = not_available;
    return s;
}

/// The figures of a solve that computed nothing (a point refused before any iteration): NaN
/// everywhere, never an earlier solve's.
inline void no_figures(CycleResults& R) noexcept {
    for (auto& c : R.connections) {
        c.state = unavailable_state(not_available, not_available);
        c.m = not_available;
    }
    for (auto& rep : R.components) {
        rep = ComponentReport{};
        rep.heat_rate = rep.power = rep.electrical_power = rep.entropy_generation = not_available;
    }
    R.cooling_capacity = R.heating_capacity = R.compressor_power = not_available;
    R.cop_cooling = R.cop_heating = R.superheat = R.subcooling = not_available;
    R.energy_balance = R.mass_balance = R.entropy_generation = not_available;
    R.warnings.clear();
}

/// Fills the results from the state in the loop (connections, per-component reports, totals):
/// the solution after a converged solve, the last iterate after a failed one.
template <LoopView L>
void postprocess(L& loop, CycleResults& R) {
    auto state = loop.state();
    double m_ref = 0.0;
    for (std::size_t e = 0; e < state.size(); ++e) {
        auto& c = R.connections[e];
        c.m = state[e].m;
        m_ref = std::max(m_ref, std::fabs(c.m));
        auto st = loop.edge_props(e).ph(state[e].p, state[e].h);
        // A state the property model refuses is reported as NaN (never left at an earlier solve's
        // values or at zero); the admissibility check then refuses the solution.
        c.state = st ? *st : unavailable_state(state[e].p, state[e].h);
    }
    R.mass_balance = 0.0;
    if (is_network(loop)) {
        // Branches carry different flows: the balance is what enters minus what leaves, per component.
        loop.for_each_flow([&](const auto&, const NodeSlots& n) {
            double net = 0.0;
            for (int k = 0; k < n.n_in; ++k) net += state[static_cast<std::size_t>(n.in_port(k))].m;
            for (int k = 0; k < n.n_out; ++k) net -= state[static_cast<std::size_t>(n.out_port(k))].m;
            R.mass_balance = std::max(R.mass_balance, std::fabs(net) / std::max(m_ref, 1e-300));
            return true;
        });
    } else {
        // Each series loop carries one flow (several loops: each its own).
        for (std::size_t e = 0; e < state.size(); ++e) {
            std::size_t first = 0;
            while (first < e && loop.edge_loop(first) != loop.edge_loop(e)) ++first;
            R.mass_balance = std::max(R.mass_balance, std::fabs(state[e].m - state[first].m) / std::max(m_ref, 1e-300));
        }
    }

    R.cooling_capacity = R.heating_capacity = R.compressor_power = R.entropy_generation = 0.0;
    R.superheat = R.subcooling = not_available;
    double net_heat = 0.0, refrigerant_power = 0.0;
    loop.for_each_flow([&](const auto& c, const NodeSlots& n) {
        ComponentReport rep;
        // NaN unless the model computes it (a model whose property calls fail leaves it unset).
        rep.entropy_generation = not_available;
        const auto& out = state[static_cast<std::size_t>(n.out_edge)];
        component_report(loop, c, n, rep);
        R.components[n.index] = rep;
        R.entropy_generation += rep.entropy_generation;
        net_heat += rep.heat_rate;
        // Heat passed between two loops of the system (a cascade heat exchanger) is neither
        // capacity nor heat rejected: its two sides cancel in the first law.
        const bool internal = internal_exchange(c);
        if (rep.heat_rate > 0 && !internal) R.cooling_capacity += rep.heat_rate;
        if (rep.heat_rate < 0 && !internal) R.heating_capacity -= rep.heat_rate;
        // COP counts what the compressor draws (shell losses included); the first law around the
        // loop counts what reaches the refrigerant.
        R.compressor_power += rep.electrical_power;
        refrigerant_power += rep.power;
        const auto& out_state = R.connections[static_cast<std::size_t>(n.out_edge)].state;
        const PropertyService& own = loop.props_for(n);
        if (c.role() == Role::evaporator && !internal && std::isnan(R.superheat)) {
            if (auto sat = own.sat_p(out.p)) R.superheat = out_state.T.si() - sat->T_dew.si();
        }
        if (c.role() == Role::condenser && !internal && std::isnan(R.subcooling)) {
            if (auto sat = own.sat_p(out.p)) R.subcooling = sat->T_bubble.si() - out_state.T.si();
        }
        return true;
    });
    // First law around the loop: heat in + work in = 0 for a steady closed loop.
    R.energy_balance = (net_heat + refrigerant_power) / std::max(R.heating_capacity, 1e-300);
    R.cop_cooling = R.compressor_power > 0 ? R.cooling_capacity / R.compressor_power : 0.0;
    R.cop_heating = R.compressor_power > 0 ? R.heating_capacity / R.compressor_power : 0.0;
}

} // namespace entropyk::detail
