// Flashes of a mixture of fixed overall composition z: (p, T), (p, h), (p, s), (p, q), (T, q).
//
// The phase is decided from the bubble and dew points of z at the given pressure (or
// temperature) (saturation.hpp): at fixed p a state is liquid up to the bubble point, two-phase
// between the bubble and the dew point, vapour beyond; h and s grow monotonically with T along
// the isobar through all three. Two-phase states are then solved as one Newton system
// (two_phase.hpp) from starting values interpolated between the two saturation points;
// single-phase ones by a safeguarded Newton iteration on T along the isobar (dh/dT = c_p,
// ds/dT = c_p/T) on the phase's own density root. Where the blend has no bubble/dew point at p
// (above the cricondenbar) the state is single-phase.
//
// q: the MASS vapour fraction (kg of vapour per kg of mixture), the quality of a refrigeration
// cycle; the molar one (beta, moles of vapour per mole) is reported beside it. Both are -1 for
// single-phase states.
#pragma once

#include <algorithm>
#include <cmath>

#include "entropyk/fluids/mixture/envelope.hpp"
#include "entropyk/fluids/mixture/saturation.hpp"
#include "entropyk/fluids/mixture/two_phase.hpp"

namespace entropyk::fluids::mixture {

/// A flashed state, mass-specific (SI: K, Pa, kg/m3, J/kg, J/(kg K)).
struct FlashState {
    double T = 0.0, p = 0.0, rho = 0.0, h = 0.0, s = 0.0;
    double q_mass = -1.0, q_molar = -1.0;
    bool two_phase = false;
    bool liquid_like = false; ///< single phase on the liquid root (below the bubble point)
    Split split;              ///< phase split (two-phase states only)
    Properties single;        ///< the single-phase properties (cp, cv, w, ...)
};

/// Temperature range of the flashes: from the highest component's lower limit to the highest
/// upper limit (above the lowest upper limit, e.g. R1234yf's 410 K, that component's equation
/// is extrapolated, as in any multi-fluid model; the reference tables go to 433 K).
[[nodiscard]] inline double T_min(const Model& m) noexcept {
    double t = 0.0;
    for (std::size_t i = 0; i < m.n; ++i) t = std::max(t, m.fluid[i]->T_min);
    return t;
}
[[nodiscard]] inline double T_max(const Model& m) noexcept {
    double t = 0.0;
    for (std::size_t i = 0; i < m.n; ++i) t = std::max(t, m.fluid[i]->T_max);
    return t;
}

/// Bubble and dew point of z at p (or at T) with the saturated bulk states.
struct Bounds {
    bool ok = false;
    SaturationPoint bub, dew;
    double h_b = 0.0, h_d = 0.0, s_b = 0.0, s_d = 0.0; ///< molar, of the bulk phases
};

namespace detail {
inline bool finish_bounds(const Model& m, const Vec& z, Bounds& b, Workspace& ws) noexcept {
    const Properties L = properties(m, z, b.bub.T, b.bub.rho_bulk, ws);
    const Properties V = properties(m, z, b.dew.T, b.dew.rho_bulk, ws);
    b.h_b = L.h * L.M;
    b.h_d = V.h * V.M;
    b.s_b = L.s * L.M;
    b.s_d = V.s * V.M;
    b.ok = true;
    return true;
}
} // namespace detail

[[nodiscard]] inline Bounds bounds(const Model& m, const Vec& z, SatGiven given, double value, Workspace& ws) noexcept {
    Bounds b;
    if (!saturation_point(m, z, SatKind::bubble, given, value, b.bub, ws)) return b;
    if (!saturation_point(m, z, SatKind::dew, given, value, b.dew, ws)) return b;
    detail::finish_bounds(m, z, b, ws);
    return b;
}

/// Bound on the error of the envelope's interpolated bubble and dew temperatures, K (measured
/// at the midpoints between the nodes of the eight blends: at most 0.008 K with the node spacing
/// of build_envelope; tests/mixture/flash.test.cpp checks it). A state is classified from the
/// envelope only when it is farther than this from both curves.
inline constexpr double envelope_T_error = 0.05;

/// Envelope values interpolated linearly in ln p (starting values, and the phase far from the
/// saturation curves).
struct EnvelopeGuess {
    double T_b = 0.0, T_d = 0.0, h_b = 0.0, h_d = 0.0, s_b = 0.0, s_d = 0.0;
    double cp_b = 0.0, cp_d = 0.0;     ///< molar, of the saturated liquid and vapour
    double rho_b = 0.0, rho_d = 0.0;   ///< molar densities of the saturated liquid (bubble) and vapour (dew)
    double drho_b = 0.0, drho_d = 0.0; ///< their (d rho_molar / dT)_p
    Vec lnK_b{}, lnK_d{};
};

[[nodiscard]] inline EnvelopeGuess envelope_guess(const Model& m, const Envelope& env, double p) noexcept {
    double w;
    const std::size_t i = envelope_interval(env, std::log(p), w);
    const EnvelopeNode& a = env.node[i];
    const EnvelopeNode& c = env.node[i + 1];
    auto lin = [w](double x, double y) { return x + w * (y - x); };
    EnvelopeGuess g;
    g.T_b = lin(a.bub.T, c.bub.T);
    g.T_d = lin(a.dew.T, c.dew.T);
    g.h_b = lin(a.h_b, c.h_b);
    g.h_d = lin(a.h_d, c.h_d);
    g.s_b = lin(a.s_b, c.s_b);
    g.s_d = lin(a.s_d, c.s_d);
    g.cp_b = lin(a.cp_b, c.cp_b);
    g.cp_d = lin(a.cp_d, c.cp_d);
    g.rho_b = lin(a.bub.rho_bulk, c.bub.rho_bulk);
    g.rho_d = lin(a.dew.rho_bulk, c.dew.rho_bulk);
    g.drho_b = lin(a.drho_b, c.drho_b);
    g.drho_d = lin(a.drho_d, c.drho_d);
    for (std::size_t k = 0; k < m.n; ++k) {
        g.lnK_b[k] = lin(a.bub.lnK[k], c.bub.lnK[k]);
        g.lnK_d[k] = lin(a.dew.lnK[k], c.dew.lnK[k]);
    }
    return g;
}

/// Exact bubble and dew points at p from the envelope's starting values (a few Newton steps).
[[nodiscard]] inline Bounds bounds_from(const Model& m, const Vec& z, double p, const EnvelopeGuess& g,
                                        Workspace& ws) noexcept {
    Bounds b;
    if (!solve_saturation(m, z, SatKind::bubble, SatGiven::pressure, p, g.T_b, g.lnK_b, b.bub, ws) ||
        !solve_saturation(m, z, SatKind::dew, SatGiven::pressure, p, g.T_d, g.lnK_d, b.dew, ws))
        return bounds(m, z, SatGiven::pressure, p, ws);
    detail::finish_bounds(m, z, b, ws);
    return b;
}

namespace detail {

inline void fill_single_from(const Properties& P, bool liquid, FlashState& out) noexcept {
    out.single = P;
    out.T = P.T;
    out.p = out.single.p;
    out.rho = out.single.rho;
    out.h = out.single.h;
    out.s = out.single.s;
    out.q_mass = out.q_molar = -1.0;
    out.two_phase = false;
    out.liquid_like = liquid;
}

inline void fill_single(const Model& m, const Vec& z, double T, double rho_molar, bool liquid, FlashState& out,
                        Workspace& ws) noexcept {
    fill_single_from(properties(m, z, T, rho_molar, ws), liquid, out);
}

inline void fill_split(const Model& m, const Vec& z, const Split& sp, FlashState& out) noexcept {
    const double M = molar_mass(m, z);
    out.split = sp;
    out.T = sp.T;
    out.p = sp.p;
    out.q_molar = sp.beta;
    out.q_mass = sp.q_mass;
    // Molar averages, converted with the blend's molar mass.
    out.rho = M / (sp.beta / sp.rho_V + (1.0 - sp.beta) / sp.rho_L);
    out.h = ((1.0 - sp.beta) * sp.h_L + sp.beta * sp.h_V) / M;
    out.s = ((1.0 - sp.beta) * sp.s_L + sp.beta * sp.s_V) / M;
    out.two_phase = true;
    out.liquid_like = false;
}

/// Single-phase T on the isobar p where h (or s, `entropy`) reaches `target` (mass units), on the
/// given root, within [lo, hi]. Safeguarded Newton.
[[nodiscard]] inline bool solve_T_isobar(const Model& m, const Vec& z, double p, double target, bool entropy, Root root,
                                         double lo, double hi, double T0, FlashState& out, Workspace& ws) noexcept {
    double T = std::clamp(T0, lo, hi);
    double rho = -1.0;
    // The density guess for each new T follows the isobar: rho + (d rho/dT)_p (T_new - T), so the
    // density solve usually converges in one or two steps.
    double rho_guess = -1.0;
    for (int it = 0; it < 100; ++it) {
        rho = density_tp(m, z, T, p, root, ws, rho_guess);
        if (!(rho > 0.0)) rho = density_tp(m, z, T, p, root, ws);
        if (!(rho > 0.0)) return false;
        const Properties P = properties(m, z, T, rho, ws);
        const double f = (entropy ? P.s : P.h) - target;
        const double df = entropy ? P.cp / T : P.cp;
        const double dT = f / df;
        auto predict = [&](double Tn) {
            const double r = rho + P.drho_dT * (Tn - T);
            return std::fabs(r - rho) <= 0.2 * rho ? r : rho;
        };
        if (std::fabs(dT) <= 1e-12 * T) { // converged (f is at rounding level)
            const double Tn = T - dT;
            rho = density_tp(m, z, Tn, p, root, ws, predict(Tn));
            if (!(rho > 0.0)) return false;
            fill_single(m, z, Tn, rho, root == Root::liquid, out, ws);
            return true;
        }
        if (f > 0.0)
            hi = T;
        else
            lo = T;
        double Tn = T - dT;
        if (!(Tn > lo && Tn < hi)) {
            Tn = 0.5 * (lo + hi);
            if (hi - lo <= 1e-13 * hi) return false; // collapsed onto an end of the range: out of range
        }
        rho_guess = predict(Tn);
        T = Tn;
    }
    return false;
}

/// Single-phase state on the isobar p where h (or s, `entropy`) reaches `target` (mass units):
/// Newton's method in (T, rho) on both equations at once, p(T, rho) = p and h(T, rho) = h, with
/// the analytic Jacobian of the Helmholtz energy (Properties::dp_dT, ...). This is the
/// formulation GERG-2008 and Michelsen & Mollerup (2007, ch. 12, "state functions as
/// independent variables") recommend for specifications other than (T, p): every iteration costs
/// one evaluation of the equation of state, where a Newton iteration on T alone pays a nested
/// density solve (several evaluations) per step. From a start near the answer (the saturated
/// phase extrapolated along the isobar, see flash_py) it converges in three or four steps.
///
/// It has no root selection of its own, so the answer is accepted only on the wanted branch:
/// (dp/drho)_T > 0 (mechanically stable) and, below the bubble point (liquid), at least as dense
/// as the saturated liquid at p, above the dew point (vapour) at most as dense as the saturated
/// vapour (`rho_sat`; the isobar's density falls monotonically with T in either phase, and every
/// other root of the equation lies between the two saturated densities). False when it does not
/// converge, leaves [lo, hi] or lands elsewhere: the caller then falls back to solve_T_isobar.
[[nodiscard]] inline bool solve_T_rho(const Model& m, const Vec& z, double p, double target, bool entropy, Root root,
                                      double lo, double hi, double T0, double rho0, double rho_sat, FlashState& out,
                                      Workspace& ws) noexcept {
    double T = T0, rho = rho0;
    if (!(T > lo && T < hi && rho > 0.0)) return false;
    const double y_scale = entropy ? std::max(std::fabs(target), 1.0) : std::max(std::fabs(target), 1e3);
    for (int it = 0; it < 20; ++it) {
        const Properties P = properties(m, z, T, rho, ws);
        if (!(P.dp_drho > 0.0)) return false;
        const double f1 = P.p - p;
        const double f2 = (entropy ? P.s : P.h) - target;
        // Converged: both equations hold at this very point, p to 1e-10 and h (s) to 1e-11
        // relative (Newton converges quadratically, so the step before was about 1e-5).
        if (std::fabs(f2) <= 1e-11 * y_scale && std::fabs(f1) <= 1e-10 * p) {
            const bool on_branch = root == Root::liquid ? rho >= rho_sat : rho <= rho_sat;
            if (!on_branch) return false;
            fill_single_from(P, root == Root::liquid, out);
            return true;
        }
        const double a11 = P.dp_dT, a12 = P.dp_drho;
        const double a21 = entropy ? P.cv / T : P.dh_dT, a22 = entropy ? P.ds_drho : P.dh_drho;
        const double det = a11 * a22 - a12 * a21;
        if (!(std::fabs(det) > 0.0)) return false;
        double dT = (-f1 * a22 + f2 * a12) / det;
        double drho = (-a11 * f2 + a21 * f1) / det;
        // Damping: at most 10 % of T and 30 % of rho per step (far from the answer the
        // linearisation is poor, especially on the steep liquid isotherms).
        const double damp =
            std::min({1.0, 0.1 * T / std::max(std::fabs(dT), 1e-300), 0.3 * rho / std::max(std::fabs(drho), 1e-300)});
        dT *= damp;
        drho *= damp;
        if (damp == 1.0 && std::fabs(dT) <= 1e-9 * T && std::fabs(drho) <= 1e-10 * rho) {
            // The step is at rounding level for every use of the result: its second-order
            // remainder is below 1e-18. Accept P moved by it to first order (T, rho and the
            // properties the equations fix) instead of paying one more evaluation.
            const bool on_branch = root == Root::liquid ? rho >= rho_sat : rho <= rho_sat;
            if (!on_branch) return false;
            Properties Q = P;
            Q.T = T + dT;
            Q.rho_molar = rho + drho;
            Q.rho = Q.rho_molar * Q.M;
            Q.p = P.p + a11 * dT + a12 * drho;
            Q.h = P.h + P.dh_dT * dT + P.dh_drho * drho;
            Q.s = P.s + P.cv / T * dT + P.ds_drho * drho;
            Q.u = P.u + (Q.h - P.h) - (Q.p / Q.rho - P.p / P.rho);
            fill_single_from(Q, root == Root::liquid, out);
            return true;
        }
        T += dT;
        rho += drho;
        if (!(T > lo && T < hi && rho > 0.0)) return false;
    }
    return false;
}

inline SplitGuess interpolate(const Bounds& b, double w, std::size_t n) noexcept {
    SplitGuess g;
    w = std::clamp(w, 0.0, 1.0);
    for (std::size_t i = 0; i < n; ++i) g.lnK[i] = (1.0 - w) * b.bub.lnK[i] + w * b.dew.lnK[i];
    g.beta = w;
    g.T = (1.0 - w) * b.bub.T + w * b.dew.T;
    g.p = std::exp((1.0 - w) * std::log(b.bub.p) + w * std::log(b.dew.p));
    return g;
}

/// (p, h) or (p, s) flash (mass target `y_mass`). With an envelope (`env` non-null and traced)
/// the phase of a state well inside or outside the dome is read from it and the solve starts
/// from its values; near a saturation curve the exact bubble/dew point decides.
[[nodiscard]] inline bool flash_py(const Model& m, const Vec& z, const Envelope* env, double p, double y_mass,
                                   bool entropy, FlashState& out, Workspace& ws) noexcept {
    const double M = molar_mass(m, z);
    const double y_molar = y_mass * M;
    const bool use_env = env != nullptr && env->count >= 2 && p >= env->p_low();
    if (use_env && p > env->p_top()) // above the envelope: single phase (densest root, the physical one)
        return solve_T_isobar(m, z, p, y_mass, entropy, Root::liquid, T_min(m), T_max(m),
                              std::exp(0.5 * (std::log(T_min(m)) + std::log(T_max(m)))), out, ws);
    Bounds b;
    if (use_env) {
        const EnvelopeGuess g = envelope_guess(m, *env, p);
        const double yb = entropy ? g.s_b : g.h_b, yd = entropy ? g.s_d : g.h_d;
        const double w = (y_molar - yb) / (yd - yb);
        const double margin = 0.02;
        if (w > margin && w < 1.0 - margin) {
            SplitGuess sg;
            for (std::size_t i = 0; i < m.n; ++i) sg.lnK[i] = (1.0 - w) * g.lnK_b[i] + w * g.lnK_d[i];
            sg.beta = w;
            sg.T = (1.0 - w) * g.T_b + w * g.T_d;
            sg.p = p;
            Split sp;
            if (solve_split(m, z, entropy ? Spec::entropy : Spec::enthalpy, y_molar, false, sg, sp, ws) &&
                sp.beta > 0.0 && sp.beta < 1.0 && sp.T > g.T_b - envelope_T_error && sp.T < g.T_d + envelope_T_error) {
                fill_split(m, z, sp, out);
                return true;
            }
        } else if (w < -margin) {
            const double hi = g.T_b + 0.5 * (g.T_d - g.T_b) + 0.5;
            // Start: the saturated liquid extrapolated with its c_p (dh = c_p dT, ds = c_p dT / T).
            const double T0 =
                entropy ? g.T_b * std::exp((y_molar - g.s_b) / g.cp_b) : g.T_b + (y_molar - g.h_b) / g.cp_b;
            // Density start: the saturated liquid's, moved along the isobar with its (drho/dT)_p.
            const double rho0 = g.rho_b + g.drho_b * (std::min(T0, g.T_b) - g.T_b);
            if (solve_T_rho(m, z, p, y_mass, entropy, Root::liquid, T_min(m), hi, T0, rho0, g.rho_b, out, ws) &&
                out.T < g.T_b - envelope_T_error)
                return true; // certainly below the bubble point
            if (solve_T_isobar(m, z, p, y_mass, entropy, Root::liquid, T_min(m), hi, T0, out, ws) &&
                out.T < g.T_b - envelope_T_error)
                return true; // certainly below the bubble point; otherwise the exact one decides
        } else if (w > 1.0 + margin) {
            const double lo = g.T_d - 0.5 * (g.T_d - g.T_b) - 0.5;
            const double T0 =
                entropy ? g.T_d * std::exp((y_molar - g.s_d) / g.cp_d) : g.T_d + (y_molar - g.h_d) / g.cp_d;
            // Density start: the saturated vapour's scaled as an ideal gas (rho ~ 1/T along the
            // isobar), which stays on the vapour side of the root as Z grows with T.
            const double rho0 = g.rho_d * g.T_d / std::max(T0, g.T_d);
            if (solve_T_rho(m, z, p, y_mass, entropy, Root::vapor, lo, T_max(m), T0, rho0, g.rho_d, out, ws) &&
                out.T > g.T_d + envelope_T_error)
                return true;
            if (solve_T_isobar(m, z, p, y_mass, entropy, Root::vapor, lo, T_max(m), T0, out, ws) &&
                out.T > g.T_d + envelope_T_error)
                return true;
        }
        b = bounds_from(m, z, p, g, ws);
    } else {
        b = bounds(m, z, SatGiven::pressure, p, ws);
    }
    if (!b.ok) // no saturation at p: single phase (densest root, the physical one)
        return solve_T_isobar(m, z, p, y_mass, entropy, Root::liquid, T_min(m), T_max(m), 0.5 * (T_min(m) + T_max(m)),
                              out, ws);
    const double yb = entropy ? b.s_b : b.h_b, yd = entropy ? b.s_d : b.h_d;
    if (y_molar <= yb)
        return solve_T_isobar(m, z, p, y_mass, entropy, Root::liquid, T_min(m), b.bub.T, b.bub.T, out, ws);
    if (y_molar >= yd)
        return solve_T_isobar(m, z, p, y_mass, entropy, Root::vapor, b.dew.T, T_max(m), b.dew.T, out, ws);
    const double w = (y_molar - yb) / (yd - yb);
    SplitGuess g = interpolate(b, w, m.n);
    g.p = p;
    Split sp;
    if (!solve_split(m, z, entropy ? Spec::entropy : Spec::enthalpy, y_molar, false, g, sp, ws)) {
        // Close to the critical point the phases are alike and the interpolated start can be
        // too far for the full system. Solve the simpler isothermal split at the interpolated T
        // first (T and p fixed, Michelsen & Mollerup 2007, ch. 10) and start from it; up to
        // three temperatures across the glide.
        bool done = false;
        for (const double f : {w, 0.5, 0.25, 0.75}) {
            SplitGuess gt = interpolate(b, f, m.n);
            gt.p = p;
            Split st;
            if (!solve_split(m, z, Spec::temperature, 0.0, false, gt, st, ws)) continue;
            SplitGuess g2;
            g2.lnK = st.lnK;
            g2.beta = st.beta;
            g2.T = st.T;
            g2.p = p;
            g2.rho_L = st.rho_L;
            g2.rho_V = st.rho_V;
            if (solve_split(m, z, entropy ? Spec::entropy : Spec::enthalpy, y_molar, false, g2, sp, ws)) {
                done = true;
                break;
            }
        }
        if (!done) return false;
    }
    fill_split(m, z, sp, out);
    return true;
}

} // namespace detail

/// (p, T) flash; with an envelope (non-null, traced) the phase away from the saturation curves
/// is read from it.
[[nodiscard]] inline bool flash_pt(const Model& m, const Vec& z, const Envelope* env, double p, double T,
                                   FlashState& out, Workspace& ws) noexcept {
    const bool use_env = env != nullptr && env->count >= 2 && p >= env->p_low();
    Bounds b;
    SplitGuess g;
    bool two_phase;
    if (use_env && p > env->p_top()) {
        b.ok = false;
        two_phase = false;
    } else {
        bool decided = false;
        two_phase = false;
        if (use_env) {
            const EnvelopeGuess eg = envelope_guess(m, *env, p);
            const double margin = 0.02 * (eg.T_d - eg.T_b) + envelope_T_error;
            if (T < eg.T_b - margin || T > eg.T_d + margin) {
                decided = true;
                b.ok = true;
                b.bub.T = eg.T_b;
                b.dew.T = eg.T_d;
            } else if (T > eg.T_b + margin && T < eg.T_d - margin) {
                decided = true;
                two_phase = true;
                const double w = (T - eg.T_b) / (eg.T_d - eg.T_b);
                for (std::size_t i = 0; i < m.n; ++i) g.lnK[i] = (1.0 - w) * eg.lnK_b[i] + w * eg.lnK_d[i];
                g.beta = w;
            } else {
                b = bounds_from(m, z, p, eg, ws);
            }
        } else {
            b = bounds(m, z, SatGiven::pressure, p, ws);
        }
        if (!decided && b.ok && T > b.bub.T && T < b.dew.T) {
            two_phase = true;
            g = detail::interpolate(b, (T - b.bub.T) / (b.dew.T - b.bub.T), m.n);
        }
    }
    if (!two_phase) {
        const bool liquid = b.ok ? T <= b.bub.T : true;
        const double rho = density_tp(m, z, T, p, liquid ? Root::liquid : Root::vapor, ws);
        if (!(rho > 0.0)) return false;
        detail::fill_single(m, z, T, rho, liquid, out, ws);
        return true;
    }
    g.T = T;
    g.p = p;
    Split sp;
    if (!solve_split(m, z, Spec::temperature, 0.0, false, g, sp, ws)) return false;
    // The split must carry the enthalpies for the averages.
    const Properties L = properties(m, sp.x, T, sp.rho_L, ws);
    const Properties V = properties(m, sp.y, T, sp.rho_V, ws);
    sp.h_L = L.h * L.M;
    sp.h_V = V.h * V.M;
    sp.s_L = L.s * L.M;
    sp.s_V = V.s * V.M;
    detail::fill_split(m, z, sp, out);
    return true;
}

[[nodiscard]] inline bool flash_pt(const Model& m, const Vec& z, double p, double T, FlashState& out,
                                   Workspace& ws) noexcept {
    return flash_pt(m, z, nullptr, p, T, out, ws);
}

/// (p, h) flash, h in J/kg.
[[nodiscard]] inline bool flash_ph(const Model& m, const Vec& z, double p, double h, FlashState& out,
                                   Workspace& ws) noexcept {
    return detail::flash_py(m, z, nullptr, p, h, false, out, ws);
}

/// (p, s) flash, s in J/(kg K).
[[nodiscard]] inline bool flash_ps(const Model& m, const Vec& z, double p, double s, FlashState& out,
                                   Workspace& ws) noexcept {
    return detail::flash_py(m, z, nullptr, p, s, true, out, ws);
}

/// (p, q) or (T, q) flash, q the mass vapour fraction in [0, 1] (`molar`: q is the molar one).
/// With an envelope (non-null, traced) and p given inside its range, the bubble and dew points
/// start from its interpolated values: at high pressure Wilson's start can reach a spurious
/// liquid-liquid root far below the real bubble point.
[[nodiscard]] inline bool flash_q(const Model& m, const Vec& z, SatGiven given, double value, double q, bool molar,
                                  FlashState& out, Workspace& ws, const Envelope* env = nullptr) noexcept {
    if (!(q >= 0.0 && q <= 1.0)) return false;
    const bool use_env = env != nullptr && env->count >= 2 && given == SatGiven::pressure && value >= env->p_low() &&
                         value <= env->p_top();
    const Bounds b =
        use_env ? bounds_from(m, z, value, envelope_guess(m, *env, value), ws) : bounds(m, z, given, value, ws);
    if (!b.ok) return false;
    SplitGuess g = detail::interpolate(b, q, m.n);
    if (given == SatGiven::pressure)
        g.p = value;
    else
        g.T = value;
    Split sp;
    if (q == 0.0 || q == 1.0) {
        // The saturation points themselves: the incipient phase has no mass.
        const SaturationPoint& sat = q == 0.0 ? b.bub : b.dew;
        const Vec& inc = sat.incipient;
        sp.T = sat.T;
        sp.p = sat.p;
        sp.beta = q;
        sp.q_mass = q;
        sp.x = q == 0.0 ? z : inc;
        sp.y = q == 0.0 ? inc : z;
        sp.lnK = sat.lnK;
        sp.rho_L = q == 0.0 ? sat.rho_bulk : sat.rho_incipient;
        sp.rho_V = q == 0.0 ? sat.rho_incipient : sat.rho_bulk;
    } else if (!solve_split(m, z, molar ? Spec::molar_quality : Spec::mass_quality, q, given == SatGiven::temperature,
                            g, sp, ws)) {
        return false;
    }
    const Properties L = properties(m, sp.x, sp.T, sp.rho_L, ws);
    const Properties V = properties(m, sp.y, sp.T, sp.rho_V, ws);
    sp.h_L = L.h * L.M;
    sp.h_V = V.h * V.M;
    sp.s_L = L.s * L.M;
    sp.s_V = V.s * V.M;
    sp.M_L = L.M;
    sp.M_V = V.M;
    detail::fill_split(m, z, sp, out);
    return true;
}

} // namespace entropyk::fluids::mixture
