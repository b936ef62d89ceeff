// Ideal-gas part alpha0(tau, delta) of the reduced Helmholtz energy and its tau derivatives.
// alpha0 depends on delta only through ln(delta), so d(alpha0)/d(delta) = 1/delta is folded
// into the property formulas (properties.hpp) and never evaluated here.
#pragma once

#include <cmath>

#include "entropyk/fluids/helmholtz/terms.hpp"

namespace entropyk::fluids::helmholtz {

/// alpha0 and its tau derivatives, scaled: t = tau * d(alpha0)/d(tau),
/// tt = tau^2 * d2(alpha0)/d(tau)2.
struct IdealDerivatives {
    double a = 0.0, t = 0.0, tt = 0.0;
};

/// Evaluates alpha0 at (tau, delta). ln_tau must be std::log(tau) (callers cache it).
[[nodiscard]] inline IdealDerivatives ideal_part(const IdealGasPart& ig, double tau, double ln_tau,
                                                 double delta) noexcept {
    IdealDerivatives r;
    const double a2 = ig.a2 + ig.offset_a2;
    r.a = std::log(delta) + ig.a1 + ig.offset_a1 + a2 * tau + ig.a_log_tau * ln_tau;
    r.t = a2 * tau + ig.a_log_tau;
    r.tt = -ig.a_log_tau;
    for (const IdealPowerTerm& p : ig.power) {
        const double v = p.n * std::exp(p.t * ln_tau);
        r.a += v;
        r.t += p.t * v;
        r.tt += p.t * (p.t - 1.0) * v;
    }
    for (const PlanckEinsteinTerm& pe : ig.planck_einstein) {
        // f = ln(1 - e^-x), x = t tau: tau f' = x / (e^x - 1), tau^2 f'' = -x^2 e^x / (e^x - 1)^2.
        const double x = pe.t * tau;
        const double em = std::exp(-x); // e^-x < 1 for x > 0
        const double one_minus = 1.0 - em;
        r.a += pe.n * std::log(one_minus);
        const double q = x * em / one_minus; // = x / (e^x - 1)
        r.t += pe.n * q;
        r.tt -= pe.n * q * q / em; // x^2 e^-x / (1-e^-x)^2 = q^2 e^x
    }
    return r;
}

} // namespace entropyk::fluids::helmholtz
