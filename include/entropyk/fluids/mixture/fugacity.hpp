// Fugacity coefficients of the mixture components (Kunz & Wagner 2012, Table 7.5):
//   ln phi_i = d(n alphar)/d(n_i) - ln Z,
//   n (d alphar / d n_i)_{T,V,n_j} = delta alphar_delta [1 - n (d rho_r/d n_i) / rho_r]
//        + tau alphar_tau n (d T_r/d n_i) / T_r + alphar_{x_i} - sum_k x_k alphar_{x_k},
//   n (d Y_r / d n_i) = dY_r/dx_i - sum_k x_k dY_r/dx_k (Y = T, rho; x taken independent),
// with Z = 1 + delta alphar_delta and 1/rho_r = v_r, so that
//   n (d rho_r/d n_i) / rho_r = -n (d v_r/d n_i) / v_r.
#pragma once

#include <cmath>

#include "entropyk/fluids/mixture/helmholtz.hpp"

namespace entropyk::fluids::mixture {

struct Fugacity {
    Vec ln_phi{};
    double Z = 0.0, p = 0.0;
};

/// ln phi_i at (T, rho molar, x), and the pressure there.
[[nodiscard]] inline Fugacity fugacity(const Model& m, const Vec& x, double T, double rho_molar,
                                       Workspace& ws) noexcept {
    const ResidualPoint P = residual(m, x, T, rho_molar, ws);
    double sT = 0.0, sv = 0.0, sa = 0.0;
    for (std::size_t k = 0; k < m.n; ++k) {
        sT += x[k] * P.red.dT[k];
        sv += x[k] * P.red.dv[k];
        sa += x[k] * P.ar_x[k];
    }
    Fugacity f;
    f.Z = 1.0 + P.ar.d;
    f.p = rho_molar * m.R * T * f.Z;
    const double lnZ = std::log(f.Z);
    for (std::size_t i = 0; i < m.n; ++i) {
        const double n_dar =
            P.ar.d * (1.0 + (P.red.dv[i] - sv) / P.red.v) + P.ar.t * (P.red.dT[i] - sT) / P.red.T + P.ar_x[i] - sa;
        f.ln_phi[i] = P.ar.a + n_dar - lnZ;
    }
    return f;
}

} // namespace entropyk::fluids::mixture
