// Thermodynamic properties from the reduced Helmholtz energy (Span 2000, "Multiparameter
// Equations of State", Table 3.1; IAPWS-95 release Table 3):
//   p  = rho R T (1 + delta ar_d)
//   h  = R T (1 + tau (a0_t + ar_t) + delta ar_d)
//   s  = R (tau (a0_t + ar_t) - a0 - ar)
//   u  = R T tau (a0_t + ar_t)
//   cv = -R tau^2 (a0_tt + ar_tt)
//   cp = cv + R (1 + delta ar_d - delta tau ar_dt)^2 / (1 + 2 delta ar_d + delta^2 ar_dd)
//   w^2 = R T [1 + 2 delta ar_d + delta^2 ar_dd - (1 + delta ar_d - delta tau ar_dt)^2 /
//              (tau^2 (a0_tt + ar_tt))]
#pragma once

#include <cmath>

#include "entropyk/fluids/helmholtz/ideal.hpp"
#include "entropyk/fluids/helmholtz/residual.hpp"

namespace entropyk::fluids::helmholtz {

/// All single-phase properties at (T, rho), SI mass units, plus the derivatives the flash
/// solvers need.
struct Properties {
    double T = 0.0, rho = 0.0;
    double p = 0.0, h = 0.0, s = 0.0, u = 0.0, cp = 0.0, cv = 0.0, w = 0.0;
    double dp_drho_T = 0.0; ///< (dp/drho)_T, J/kg
    double dp_dT_rho = 0.0; ///< (dp/dT)_rho, Pa/K
};

/// Pressure and (dp/drho)_T only (the inner loop of density solves): no ideal-gas part needed.
struct PressurePoint {
    double p = 0.0, dp_drho = 0.0;
};

[[nodiscard]] inline PressurePoint pressure_at(const FluidData& f, const TauPart& tp, double T, double rho) noexcept {
    const ResidualDerivatives r = residual_part(f, tp, rho / f.rho_reducing);
    const double RT = f.R * T;
    return {rho * RT * (1.0 + r.d), RT * (1.0 + 2.0 * r.d + r.dd)};
}

[[nodiscard]] inline Properties properties_at(const FluidData& f, const TauPart& tp, double T, double rho) noexcept {
    const double delta = rho / f.rho_reducing;
    const ResidualDerivatives r = residual_part(f, tp, delta);
    const IdealDerivatives i = ideal_part(f.ideal, tp.tau, tp.ln_tau, delta);
    const double R = f.R;
    const double RT = R * T;
    Properties P;
    P.T = T;
    P.rho = rho;
    const double one_d = 1.0 + r.d;
    const double tt = i.t + r.t;
    const double ttt = i.tt + r.tt;
    const double dpd = 1.0 + 2.0 * r.d + r.dd; // (dp/drho)_T / RT
    const double x = one_d - r.dt;             // (dp/dT)_rho / (rho R)
    P.p = rho * RT * one_d;
    P.h = RT * (1.0 + tt + r.d);
    P.s = R * (tt - i.a - r.a);
    P.u = RT * tt;
    P.cv = -R * ttt;
    P.cp = P.cv + R * x * x / dpd;
    const double w2 = RT * (dpd - x * x / ttt);
    P.w = w2 > 0.0 ? std::sqrt(w2) : 0.0;
    P.dp_drho_T = RT * dpd;
    P.dp_dT_rho = rho * R * x;
    return P;
}

/// Convenience: full evaluation at (T, rho) without a cached TauPart.
[[nodiscard]] inline Properties properties_trho(const FluidData& f, double T, double rho) noexcept {
    TauPart tp;
    prepare_tau(f, f.T_reducing / T, tp);
    return properties_at(f, tp, T, rho);
}

} // namespace entropyk::fluids::helmholtz
