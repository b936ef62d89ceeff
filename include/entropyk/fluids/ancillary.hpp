// Saturation ancillary equations (simple fits of the saturation curve). Pure fluids use them only
// as starting values; for the pseudo-pure R410A the bubble (pL) and dew (pV) pressure ancillaries
// of Lemmon (2003) ARE the saturation pressures (a pseudo-pure EOS cannot give a glide).
#pragma once

#include <cmath>

#include "entropyk/fluids/helmholtz/terms.hpp"

namespace entropyk::fluids::ancillary {

using helmholtz::Ancillary;
using helmholtz::AncillaryKind;

/// Value of the ancillary at T (Pa for pressures, mol/m3 for densities), and d/dT of it.
inline void evaluate(const Ancillary& a, double T, double& value, double& dvalue_dT) noexcept {
    const double theta = 1.0 - T / a.T_r;
    const double th = theta > 0.0 ? theta : 1e-300;
    double sum = 0.0, dsum = 0.0; // d(sum)/d(theta)
    for (std::size_t i = 0; i < a.n.size(); ++i) {
        const double v = a.n[i] * std::pow(th, a.t[i]);
        sum += v;
        dsum += v * a.t[i] / th;
    }
    const double dtheta_dT = -1.0 / a.T_r;
    if (a.kind == AncillaryKind::noexp) {
        value = a.reducing_value * (1.0 + sum);
        dvalue_dT = a.reducing_value * dsum * dtheta_dT;
        return;
    }
    if (a.using_tau_r) {
        const double tr = a.T_r / T;
        const double e = tr * sum;
        value = a.reducing_value * std::exp(e);
        dvalue_dT = value * (-tr / T * sum + tr * dsum * dtheta_dT);
    } else {
        value = a.reducing_value * std::exp(sum);
        dvalue_dT = value * dsum * dtheta_dT;
    }
}

[[nodiscard]] inline double evaluate(const Ancillary& a, double T) noexcept {
    double v, dv;
    evaluate(a, T, v, dv);
    return v;
}

/// Inverse of a pressure ancillary: T with p_anc(T) = p, T in [T_lo, T_hi] (p_anc increasing).
/// Newton on ln p with bisection safeguard, at most 60 steps.
[[nodiscard]] inline double invert_pressure(const Ancillary& a, double p, double T_lo, double T_hi) noexcept {
    const double lnp = std::log(p);
    double lo = T_lo, hi = T_hi;
    // Start from Clausius-Clapeyron between the ends.
    const double pl = evaluate(a, lo), ph = evaluate(a, hi);
    double T = lo;
    if (ph > pl) {
        const double frac = std::log(p / pl) / std::log(ph / pl);
        T = 1.0 / (1.0 / lo + frac * (1.0 / hi - 1.0 / lo));
    }
    if (!(T > lo && T < hi)) T = 0.5 * (lo + hi);
    for (int it = 0; it < 60; ++it) {
        double v, dv;
        evaluate(a, T, v, dv);
        const double f = std::log(v) - lnp;
        if (f < 0.0)
            lo = T;
        else
            hi = T;
        const double df = dv / v;
        double Tn = df > 0.0 ? T - f / df : 0.5 * (lo + hi);
        if (!(Tn > lo && Tn < hi)) Tn = 0.5 * (lo + hi);
        const double dT = std::fabs(Tn - T);
        T = Tn;
        if (dT < 1e-13 * T || hi - lo < 1e-13 * T) break;
    }
    return T;
}

} // namespace entropyk::fluids::ancillary
