// Saturation states. Pure fluids: the superancillary expansions give p_sat(T), rho'(T) and
// rho''(T) of the EOS's own phase equilibrium (equal pressure and Gibbs energy) to ~1e-12, right
// up to the critical point; h and s then come from the EOS at (T, rho'), (T, rho''). This is
// what CoolProp 8 does, so the reference tables are reproduced to round-off.
// Pseudo-pure fluids (R410A): bubble and dew pressures come from the pL / pV ancillaries of
// Lemmon (2003); the saturated phases are EOS states at (T, p_bubble) on the liquid branch and
// (T, p_dew) on the vapour branch (a single Helmholtz function cannot represent the glide).
#pragma once

#include "entropyk/fluids/detail/density.hpp"

namespace entropyk::fluids::detail {

/// Both saturated phases. For pure fluids T_liquid == T_vapor and p_liquid == p_vapor.
struct SaturationPair {
    double T_liquid = 0.0, T_vapor = 0.0, p_liquid = 0.0, p_vapor = 0.0;
    helmholtz::Properties L{}, V{};
};

/// Lowest and highest temperature at which saturation is defined.
[[nodiscard]] inline double saturation_T_max(const FluidData& f) noexcept {
    return f.superancillary.present ? f.superancillary.T_crit : f.T_critical;
}
[[nodiscard]] inline double saturation_p_min(const FluidData& f) noexcept {
    // Pseudo-pure: down to the dew pressure at T_min (the bubble temperature is then up to a few
    // tenths of a kelvin below T_min, a harmless extrapolation of the pL ancillary).
    return f.superancillary.present ? f.superancillary.p_knots.front() : ancillary::evaluate(f.anc_p_vapor, f.T_min);
}
[[nodiscard]] inline double saturation_p_max(const FluidData& f) noexcept {
    return f.superancillary.present ? f.superancillary.p_knots.back() : f.p_critical;
}

/// True when saturation exists at p. The lower end has a relative slack of 1e-9 so that a
/// triple-point pressure rounded to 12 digits (as in tables) is still accepted; the solution
/// is then clamped to T_min.
[[nodiscard]] inline bool in_saturation_p_range(const FluidData& f, double p) noexcept {
    return p >= saturation_p_min(f) * (1.0 - 1e-9) && p < saturation_p_max(f);
}

/// The saturated vapour density at T as the root of p(T, rho) = p_sat(T) next to the
/// superancillary value. The Chebyshev expansion of rho''(T) has an error that is small in
/// absolute terms but not relative to the tiny vapour densities near a triple point (propane
/// at 0.01 Pa: 9e-6), while p_sat(T) stays exact relative; the vapour of the expansion then
/// has an entropy 1.7e-3 J/(kg K) below that of the single-phase EOS state at the same (T, p),
/// and an s (or h) in that gap had no state at all (issue 13). A vapour at such pressures is
/// an ideal gas, so Newton from the expansion's density converges in one or two steps; where the
/// expansion is already exact the step is round-off.
[[nodiscard]] inline double polish_vapor_density(const FluidData& f, const TauPart& tp, double T, double p_sat,
                                                 double rho) noexcept {
    double x = rho;
    for (int it = 0; it < 4; ++it) {
        const helmholtz::PressurePoint pp = helmholtz::pressure_at(f, tp, T, x);
        if (!(pp.dp_drho > 0.0)) return rho;
        const double dx = (pp.p - p_sat) / pp.dp_drho;
        x -= dx;
        if (!(x > 0.0) || std::fabs(x / rho - 1.0) > 1e-3) return rho; // not the same root
        if (std::fabs(dx) <= 1e-14 * x) break;
    }
    return x;
}

/// Saturation at T, T_min <= T < saturation_T_max. False if a branch density fails.
[[nodiscard]] inline bool saturation_at_T(const FluidData& f, double T, SaturationPair& out) noexcept {
    TauPart tp;
    helmholtz::prepare_tau(f, f.T_reducing / T, tp);
    out.T_liquid = out.T_vapor = T;
    if (f.superancillary.present) {
        const superancillary::Point s = superancillary::evaluate(f.superancillary, T);
        out.p_liquid = out.p_vapor = s.p;
        out.L = helmholtz::properties_at(f, tp, T, s.rho_liquid_molar * f.molar_mass);
        out.V =
            helmholtz::properties_at(f, tp, T, polish_vapor_density(f, tp, T, s.p, s.rho_vapor_molar * f.molar_mass));
        return true;
    }
    out.p_liquid = ancillary::evaluate(f.anc_p_liquid, T);
    out.p_vapor = ancillary::evaluate(f.anc_p_vapor, T);
    const double rl =
        solve_density_branch(f, tp, T, out.p_liquid, ancillary::evaluate(f.anc_rho_liquid, T) * f.molar_mass, true);
    const double rv =
        solve_density_branch(f, tp, T, out.p_vapor, ancillary::evaluate(f.anc_rho_vapor, T) * f.molar_mass, false);
    if (rl <= 0.0 || rv <= 0.0) return false;
    out.L = helmholtz::properties_at(f, tp, T, rl);
    out.V = helmholtz::properties_at(f, tp, T, rv);
    return true;
}

/// Saturation at p, saturation_p_min <= p < saturation_p_max.
[[nodiscard]] inline bool saturation_at_p(const FluidData& f, double p, SaturationPair& out) noexcept {
    if (f.superancillary.present) {
        const double T = superancillary::temperature(f.superancillary, p);
        if (!saturation_at_T(f, T, out)) return false;
        out.p_liquid = out.p_vapor = p; // the input, exactly
        return true;
    }
    const double Tl = ancillary::invert_pressure(f.anc_p_liquid, p, f.T_min - 2.0, f.T_critical);
    const double Tv = ancillary::invert_pressure(f.anc_p_vapor, p, f.T_min - 2.0, f.T_critical);
    out.T_liquid = Tl;
    out.T_vapor = Tv;
    out.p_liquid = out.p_vapor = p;
    TauPart tl, tv;
    helmholtz::prepare_tau(f, f.T_reducing / Tl, tl);
    helmholtz::prepare_tau(f, f.T_reducing / Tv, tv);
    const double rl =
        solve_density_branch(f, tl, Tl, p, ancillary::evaluate(f.anc_rho_liquid, Tl) * f.molar_mass, true);
    const double rv =
        solve_density_branch(f, tv, Tv, p, ancillary::evaluate(f.anc_rho_vapor, Tv) * f.molar_mass, false);
    if (rl <= 0.0 || rv <= 0.0) return false;
    out.L = helmholtz::properties_at(f, tl, Tl, rl);
    out.V = helmholtz::properties_at(f, tv, Tv, rv);
    return true;
}

} // namespace entropyk::fluids::detail
