// Single-phase properties of a mixture of fixed composition at (T, rho), from the reduced
// Helmholtz energy with the relations of Span (2000), Table 3.1 (as in helmholtz/properties.hpp),
// R the mixture's gas constant. Molar internally; the results are mass-specific (divided by the
// mixture's molar mass sum x_i M_i).
#pragma once

#include <cmath>

#include "entropyk/fluids/mixture/helmholtz.hpp"

namespace entropyk::fluids::mixture {

[[nodiscard]] inline double molar_mass(const Model& m, const Vec& x) noexcept {
    double M = 0.0;
    for (std::size_t i = 0; i < m.n; ++i) M += x[i] * m.M[i];
    return M;
}

/// Properties at (T, rho), SI mass units (rho in kg/m3, h in J/kg, ...), plus the molar
/// derivatives the density solver uses.
struct Properties {
    double T = 0.0, rho = 0.0, rho_molar = 0.0, M = 0.0;
    double p = 0.0, h = 0.0, s = 0.0, u = 0.0, cp = 0.0, cv = 0.0, w = 0.0;
    double Z = 0.0;
    double drho_dT = 0.0; ///< (d rho_molar / dT)_p = -(dp/dT)_rho / (dp/drho)_T, mol/(m3 K)
    /// Partial derivatives in the variables (T, rho_molar), for Newton iterations in them:
    /// (dp/dT)_rho, Pa/K; (dp/drho)_T, Pa m3/mol; (dh/dT)_rho = cv + (dp/dT)_rho / rho,
    /// J/(kg K); (dh/drho)_T and (ds/drho)_T, mass units per mol/m3 ((ds/dT)_rho = cv / T).
    /// From the same scaled derivatives (Span 2000, Table 3.1).
    double dp_dT = 0.0, dp_drho = 0.0, dh_dT = 0.0, dh_drho = 0.0, ds_drho = 0.0;
};

/// Pressure and (dp/drho_molar)_T at (T, rho molar).
struct PressurePoint {
    double p = 0.0, dp_drho = 0.0;
};

[[nodiscard]] inline PressurePoint pressure(const Model& m, const Vec& x, double T, double rho_molar,
                                            Workspace& ws) noexcept {
    const ResidualPoint r = residual(m, x, T, rho_molar, ws);
    const double RT = m.R * T;
    return {rho_molar * RT * (1.0 + r.ar.d), RT * (1.0 + 2.0 * r.ar.d + r.ar.dd)};
}

[[nodiscard]] inline Properties properties(const Model& m, const Vec& x, double T, double rho_molar,
                                           Workspace& ws) noexcept {
    const ResidualPoint rp = residual(m, x, T, rho_molar, ws);
    const helmholtz::ResidualDerivatives& r = rp.ar;
    const helmholtz::IdealDerivatives i = ideal(m, x, T, rho_molar);
    Properties P;
    P.M = molar_mass(m, x);
    const double R = m.R / P.M; // specific
    const double RT = R * T;
    P.T = T;
    P.rho_molar = rho_molar;
    P.rho = rho_molar * P.M;
    const double one_d = 1.0 + r.d;
    const double tt = i.t + r.t;
    const double ttt = i.tt + r.tt;
    const double dpd = 1.0 + 2.0 * r.d + r.dd;
    const double xx = one_d - r.dt;
    P.Z = one_d;
    P.p = P.rho * RT * one_d;
    P.h = RT * (1.0 + tt + r.d);
    P.s = R * (tt - i.a - r.a);
    P.u = RT * tt;
    P.cv = -R * ttt;
    P.cp = P.cv + R * xx * xx / dpd;
    P.drho_dT = -rho_molar * xx / (T * dpd);
    P.dp_dT = rho_molar * m.R * xx;
    P.dp_drho = m.R * T * dpd;
    P.dh_dT = P.cv + R * xx;
    P.dh_drho = RT * (r.d + r.dd + r.dt) / rho_molar;
    P.ds_drho = -R * xx / rho_molar;
    const double w2 = RT * (dpd - xx * xx / ttt);
    P.w = w2 > 0.0 ? std::sqrt(w2) : 0.0;
    return P;
}

} // namespace entropyk::fluids::mixture
