// What the table builder asks of the equation of state: a (p, h) -> (T, rho) Newton solve warm
// started from a neighbouring node, and the exact first derivatives of T, ln(rho) and s with
// respect to (ln p, h), from the EOS's (T, rho) derivatives by the usual identities:
//   (dh/dp)_T = 1/rho - T (dp/dT)_rho / (rho^2 (dp/drho)_T),  (drho/dT)_p = -(dp/dT)_rho / (dp/drho)_T
//   (dT/dh)_p = 1/cp,  (dT/dp)_h = -(dh/dp)_T / cp,  (ds/dh)_p = 1/T,  (ds/dp)_h = -1/(rho T).
// Only the builder uses this header; the lookups never touch the EOS except in fallback cells.
#pragma once

#include <cmath>

#include "entropyk/fluids/fluid.hpp"

namespace entropyk::fluids::tabular::detail {

using helmholtz::FluidData;
using helmholtz::Properties;

/// The tabulated quantities and their derivatives at one state: f, df/dlnp at constant h, df/dh
/// at constant p, for f = T, ln(rho), s.
struct NodeDerivatives {
    double T, T_x, T_h;
    double lr, lr_x, lr_h;
    double s, s_x, s_h;
};

[[nodiscard]] inline double dh_dp_T(const Properties& P) noexcept {
    return 1.0 / P.rho - P.T * P.dp_dT_rho / (P.rho * P.rho * P.dp_drho_T);
}
[[nodiscard]] inline double drho_dT_p(const Properties& P) noexcept { return -P.dp_dT_rho / P.dp_drho_T; }

[[nodiscard]] inline NodeDerivatives node_derivatives(const Properties& P) noexcept {
    NodeDerivatives n;
    const double p = P.p;
    const double Tp_h = -dh_dp_T(P) / P.cp; // (dT/dp)_h
    n.T = P.T;
    n.T_h = 1.0 / P.cp;
    n.T_x = p * Tp_h;
    n.lr = std::log(P.rho);
    const double rT = drho_dT_p(P);
    n.lr_h = rT / (P.cp * P.rho);
    n.lr_x = p * (rT * Tp_h + 1.0 / P.dp_drho_T) / P.rho;
    n.s = P.s;
    n.s_h = 1.0 / P.T;
    n.s_x = -p / (P.rho * P.T);
    return n;
}

/// Derivatives along a saturation branch with respect to p, given dT_sat/dp on that branch and
/// the (single-phase) state on it: dT, dh, ds, d ln(rho).
struct SaturationSlopes {
    double T, h, s, lr;
};
[[nodiscard]] inline SaturationSlopes saturation_slopes(const Properties& P, double dT_dp) noexcept {
    const double rT = drho_dT_p(P);
    const double dv_dT_p = -rT / (P.rho * P.rho);
    return {dT_dp, P.cp * dT_dp + dh_dp_T(P), P.cp / P.T * dT_dp - dv_dT_p, (rT * dT_dp + 1.0 / P.dp_drho_T) / P.rho};
}

/// One Newton step on (T, rho) for p(T, rho) = p and h(T, rho) = h: the EOS state at (T, rho)
/// and the step (dT, drho) to the root. False if the Jacobian is singular or the state unstable.
struct NewtonStep {
    Properties P;
    double dT = 0.0, drho = 0.0;
};
[[nodiscard]] inline bool newton_step(const FluidData& f, double p, double h, double T, double rho,
                                      NewtonStep& out) noexcept {
    helmholtz::TauPart tp;
    helmholtz::prepare_tau(f, f.T_reducing / T, tp);
    out.P = helmholtz::properties_at(f, tp, T, rho);
    const Properties& P = out.P;
    if (!(P.dp_drho_T > 0.0) || !std::isfinite(P.h)) return false;
    const double F1 = P.p - p, F2 = P.h - h;
    const double pT = P.dp_dT_rho, pr = P.dp_drho_T;
    const double hT = P.cv + pT / rho;
    const double hr = (pr - T * pT / rho) / rho;
    const double det = pT * hr - pr * hT;
    if (!(std::fabs(det) > 0.0)) return false;
    out.dT = -(F1 * hr - pr * F2) / det;
    out.drho = -(pT * F2 - hT * F1) / det;
    return std::isfinite(out.dT) && std::isfinite(out.drho);
}

/// Entropy at (T + dT, rho + drho) to first order: (ds/dT)_rho = cv/T, (ds/drho)_T =
/// -(dp/dT)_rho / rho^2.
[[nodiscard]] inline double s_after(const NewtonStep& st) noexcept {
    const Properties& P = st.P;
    return P.s + P.cv / P.T * st.dT - P.dp_dT_rho / (P.rho * P.rho) * st.drho;
}

/// Newton's method on (T, rho) for (p, h) from a nearby guess, with step limits and no
/// phase-stability test (so that nodes may lie on the metastable continuation of a phase).
/// Stops when the step is below tol (relative) and takes that last step; Newton converges
/// quadratically, so the result is exact to round-off, and out holds the EOS properties at
/// the previous iterate with T, rho, p, h, s moved to the root (the other fields are off by
/// ~tol relative).
[[nodiscard]] inline bool newton_ph(const FluidData& f, double p, double h, double& T, double& rho, Properties& out,
                                    double tol = 1e-9) noexcept {
    if (!(T > 0.0) || !(rho > 0.0)) return false;
    NewtonStep st;
    for (int it = 0; it < 40; ++it) {
        if (!newton_step(f, p, h, T, rho, st)) return false;
        double dT = st.dT, dr = st.drho;
        if (std::fabs(dT) <= tol * T && std::fabs(dr) <= tol * rho) {
            out = st.P;
            out.s = s_after(st);
            T += dT;
            rho += dr;
            out.T = T;
            out.rho = rho;
            out.p = p;
            out.h = h;
            return true;
        }
        // Step limits: at most 10 % in T and 30 % in rho per step.
        const double sT = std::fabs(dT) > 0.1 * T ? 0.1 * T / std::fabs(dT) : 1.0;
        const double sr = std::fabs(dr) > 0.3 * rho ? 0.3 * rho / std::fabs(dr) : 1.0;
        const double sc = sT < sr ? sT : sr;
        T += dT * sc;
        rho += dr * sc;
        if (!(T > 0.2 * f.T_min) || !(rho > 0.0) || rho > 1.5 * f.rho_triple_liquid) return false;
    }
    return false;
}

/// The state at (p, h) for a table node: Newton from the guess, else the EOS flash (accepted only
/// if it is single-phase on the expected side: liquid-like if want_dense, vapour-like otherwise,
/// either if the side does not matter). Returns false when neither works.
enum class Side { dense, light, any };
[[nodiscard]] inline bool node_state(const Fluid& fl, double p, double h, Side side, double& T, double& rho,
                                     Properties& out, double tol = 1e-9) noexcept {
    const FluidData& f = fl.data();
    double T0 = T, r0 = rho;
    if (newton_ph(f, p, h, T0, r0, out, tol)) {
        const bool ok = side == Side::any || (side == Side::dense ? r0 >= f.rho_critical : r0 <= f.rho_critical);
        if (ok) {
            T = T0;
            rho = r0;
            return true;
        }
    }
    const Result<State> r = fl.flash_ph(Pressure{p}, SpecificEnthalpy{h});
    if (!r || r->phase == Phase::two_phase) return false;
    const double rr = r->rho.si();
    if (side == Side::dense && rr < f.rho_critical) return false;
    if (side == Side::light && rr > f.rho_critical) return false;
    T = r->T.si();
    rho = rr;
    out = helmholtz::properties_trho(f, T, rho);
    return true;
}

/// Single-phase density at (T, p) on the stable branch; negative on failure.
[[nodiscard]] inline double density_at(const FluidData& f, double T, double p, double guess = -1.0) noexcept {
    helmholtz::TauPart tp;
    helmholtz::prepare_tau(f, f.T_reducing / T, tp);
    return fluids::detail::density_tp(f, tp, T, p, guess).rho;
}

} // namespace entropyk::fluids::tabular::detail
