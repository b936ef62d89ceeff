// Starting values for phase equilibrium: Wilson's K-factor correlation (G. M. Wilson, "A
// modified Redlich-Kwong equation of state, application to general physical data calculations",
// AIChE 65th National Meeting, 1968; as used by Michelsen & Mollerup, "Thermodynamic Models:
// Fundamentals & Computational Aspects", 2nd ed., Tie-Line, 2007, ch. 10):
//   ln K_i = ln(pc_i / p) + 5.373 (1 + omega_i) (1 - Tc_i / T),
// i.e. ideal solutions with a pure-fluid vapour pressure curve through the critical point, the
// acentric factor omega_i taken from the component's own exact saturation curve at 0.7 Tc.
#pragma once

#include <cmath>

#include "entropyk/fluids/ancillary.hpp"
#include "entropyk/fluids/mixture/model.hpp"
#include "entropyk/fluids/superancillary.hpp"

namespace entropyk::fluids::mixture::detail {

/// ln K_i = A_i - B_i / T - ln p.
struct WilsonK {
    Vec A{}, B{};
};

[[nodiscard]] inline WilsonK wilson(const Model& m) noexcept {
    WilsonK w;
    for (std::size_t i = 0; i < m.n; ++i) {
        const helmholtz::FluidData& d = *m.fluid[i];
        const double T7 = 0.7 * d.T_critical;
        const double p7 = d.superancillary.present ? superancillary::pressure(d.superancillary, T7)
                                                   : ancillary::evaluate(d.anc_p_liquid, T7);
        const double omega = -std::log10(p7 / d.p_critical) - 1.0;
        const double c = 5.373 * (1.0 + omega);
        w.A[i] = std::log(d.p_critical) + c;
        w.B[i] = c * d.T_critical;
    }
    return w;
}

/// ln K_i at (T, p).
[[nodiscard]] inline Vec wilson_lnK(const Model& m, const WilsonK& w, double T, double p) noexcept {
    Vec lnK{};
    const double lp = std::log(p);
    for (std::size_t i = 0; i < m.n; ++i) lnK[i] = w.A[i] - w.B[i] / T - lp;
    return lnK;
}

/// Bubble (sum z K = 1) or dew (sum z / K = 1) pressure of the Wilson model at T.
[[nodiscard]] inline double wilson_pressure(const Model& m, const WilsonK& w, const Vec& z, double T,
                                            bool bubble) noexcept {
    double s = 0.0;
    for (std::size_t i = 0; i < m.n; ++i) {
        const double psat = std::exp(w.A[i] - w.B[i] / T);
        s += bubble ? z[i] * psat : z[i] / psat;
    }
    return bubble ? s : 1.0 / s;
}

/// Bubble or dew temperature of the Wilson model at p (bisection on ln of the sum, which is
/// monotonic in T).
[[nodiscard]] inline double wilson_temperature(const Model& m, const WilsonK& w, const Vec& z, double p,
                                               bool bubble) noexcept {
    double lo = 50.0, hi = 2000.0;
    for (int it = 0; it < 100 && hi - lo > 1e-9 * hi; ++it) {
        const double T = 0.5 * (lo + hi);
        (wilson_pressure(m, w, z, T, bubble) > p ? hi : lo) = T;
    }
    return 0.5 * (lo + hi);
}

} // namespace entropyk::fluids::mixture::detail
