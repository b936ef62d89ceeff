// Data layout of a multiparameter Helmholtz-energy equation of state, as the generated tables in
// fluids/data/<fluid>.hpp fill it. Everything is constexpr and immutable (safe to share between
// threads). Units: SI, mass based (kg), except where a member says molar.
//
// alpha(tau, delta) = alpha0 + alphar, tau = T_reducing / T, delta = rho / rho_reducing.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace entropyk::fluids::helmholtz {

// ---- ideal-gas part ----------------------------------------------------------------------------
/// n * tau^t (CoolProp's IdealGasHelmholtzPower; Tillner-Roth & Baehr's cp0 form for R134a).
struct IdealPowerTerm {
    double n, t;
};
/// n * ln(1 - exp(-t * tau)) (Planck-Einstein; t = theta_k / T_reducing).
struct PlanckEinsteinTerm {
    double n, t;
};
/// alpha0 = ln(delta) + a1 + a2*tau + (offset_a1 + offset_a2*tau) + a_log_tau*ln(tau)
///          + sum power + sum Planck-Einstein.
/// The offset pair is the reference-state shift (IIR for CO2); it is kept apart from the lead
/// constants so that the tables show the published numbers unchanged.
struct IdealGasPart {
    double a1 = 0.0, a2 = 0.0;
    double offset_a1 = 0.0, offset_a2 = 0.0;
    double a_log_tau = 0.0;
    std::span<const IdealPowerTerm> power{};
    std::span<const PlanckEinsteinTerm> planck_einstein{};
};

// ---- residual part -----------------------------------------------------------------------------
/// n * delta^d * tau^t * exp(-delta^l) * exp(-tau^m)   (exp(-delta^l) absent when l == 0,
/// exp(-tau^m) absent when m == 0). m != 0 only in Lemmon & Jacobsen's (2005) R125 equation
/// (CoolProp's ResidualHelmholtzLemmon2005).
struct PowerTerm {
    double n, t;
    int d, l;
    double m;
};
/// n * delta^d * tau^t * exp(-eta (delta - epsilon)^2 - beta (tau - gamma)^2).
struct GaussianTerm {
    double n, t;
    int d;
    double eta, epsilon, beta, gamma;
};
/// Gao et al. (ammonia) associating-type term:
/// n * delta^d * tau^t * exp(eta (delta - epsilon)^2 + 1 / (beta (tau - gamma)^2 + b)).
struct GaoBTerm {
    double n, t;
    int d;
    double eta, epsilon, beta, gamma, b;
};
/// Non-analytic critical term of Span & Wagner (CO2) and IAPWS-95 (water):
/// n * Delta^b * delta * psi, Delta = theta^2 + B [(delta-1)^2]^a,
/// theta = (1 - tau) + A [(delta-1)^2]^(1/(2 beta)), psi = exp(-C (delta-1)^2 - D (tau-1)^2).
struct NonAnalyticTerm {
    double n, a, b, beta, A, B, C, D;
};

// ---- saturation ancillaries ------------------------------------------------------------------
enum class AncillaryKind {
    p_exp, ///< p = p_r * exp((T_r/T)^[using_tau_r] * sum n_i theta^t_i), theta = 1 - T/T_r
    exp,   ///< rho = rho_r * exp((T_r/T)^[using_tau_r] * sum n_i theta^t_i)
    noexp, ///< rho = rho_r * (1 + sum n_i theta^t_i)
};
/// CoolProp-style ancillary; reducing_value is molar for densities (mol/m3), Pa for pressures.
struct Ancillary {
    AncillaryKind kind = AncillaryKind::noexp;
    double T_r = 0.0, reducing_value = 0.0;
    bool using_tau_r = false;
    std::span<const double> n{}, t{};
    double T_min = 0.0, T_max = 0.0;
};

// ---- superancillaries ----------------------------------------------------------------------------
/// 13 Chebyshev coefficients of one interval (degree 12).
using ChebyshevCoefficients = std::array<double, 13>;
/// Chebyshev expansions of the exact saturation curve (Bell et al.): p(T) in Pa, rho'(T),
/// rho''(T) in mol/m3, on intervals [T_knots[i], T_knots[i+1]] shared by the three functions.
/// p_knots holds p at each knot (strictly increasing) for the inverse T_sat(p).
struct SuperAncillaryData {
    bool present = false;
    double T_crit = 0.0;   ///< critical temperature of the EOS itself (end of the expansions), K
    double rho_crit = 0.0; ///< its critical density, kg/m3
    std::span<const double> T_knots{}, p_knots{};
    std::span<const ChebyshevCoefficients> p{}, rho_liquid{}, rho_vapor{};
};

/// Everything that defines one fluid.
struct FluidData {
    std::string_view name;
    std::span<const std::string_view> aliases;
    bool pseudo_pure = false;
    double molar_mass = 0.0;         ///< kg/mol
    double gas_constant_molar = 0.0; ///< J/(mol K), as used by the EOS
    double R = 0.0;                  ///< specific gas constant, J/(kg K)
    double T_reducing = 0.0;         ///< K
    double rho_reducing = 0.0;       ///< kg/m3
    double T_critical = 0.0, p_critical = 0.0, rho_critical = 0.0;
    double T_triple = 0.0, p_triple = 0.0, rho_triple_liquid = 0.0;
    double T_min = 0.0, T_max = 0.0, p_max = 0.0;
    IdealGasPart ideal{};
    std::span<const PowerTerm> power{};
    std::span<const GaussianTerm> gaussian{};
    std::span<const GaoBTerm> gao_b{};
    std::span<const NonAnalyticTerm> non_analytic{};
    int power_max_d = 1;                     ///< largest integer delta exponent of any term
    int power_max_l = 0;                     ///< largest l of the exp(-delta^l) factors
    Ancillary anc_p_liquid{}, anc_p_vapor{}; ///< the same pS ancillary for pure fluids
    Ancillary anc_rho_liquid{}, anc_rho_vapor{};
    SuperAncillaryData superancillary{};
};

/// Fixed capacities of the per-call scratch buffers (checked by static_assert per fluid).
inline constexpr std::size_t max_power_terms = 64;
inline constexpr std::size_t max_exp_terms = 16;
inline constexpr int max_delta_exponent = 16;
inline constexpr int max_l_exponent = 8;

} // namespace entropyk::fluids::helmholtz
