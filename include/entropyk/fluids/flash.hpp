// Flash calculations: states from (T,rho), (T,p), (p,h), (p,s), (p,q), (T,q) and (h,s).
//
// (p,h) and (p,s): the saturation states at p decide the region (two-phase if y' <= y <= y'');
// single-phase states are found by a safeguarded Newton iteration on T at fixed p (h and s
// increase with T at constant p: dh/dT = cp, ds/dT = cp/T), bracketed by the saturation
// temperature and the EOS limits, with the density solved at each T (detail/density.hpp).
// Every loop is bounded; inputs outside the EOS range give Errc::fluid_error.
//
// What an OK result promises (issue 13): every field is finite; single-phase states are stable
// (p, rho, cp, cv, w > 0); the inputs are reproduced: single-phase T, p and rho exactly as given,
// two-phase T, p and q to round-off, h and s to 1e-9 relative (floors R T_c for h, R for s; see
// docs/fluids.md, "Input checks"). Gas/supercritical states are accepted up to
// T_max_extrapolated(f) > T_max (validate.hpp).
#pragma once

#include <algorithm>
#include <cmath>

#include "entropyk/core/result.hpp"
#include "entropyk/fluids/detail/validate.hpp"
#include "entropyk/fluids/phase_name.hpp"
#include "entropyk/fluids/saturation.hpp"
#include "entropyk/fluids/state.hpp"

namespace entropyk::fluids::detail {

inline constexpr int max_flash_iterations = 100;

[[nodiscard]] inline Phase classify(const FluidData& f, double T, double p, Branch branch) noexcept {
    if (T >= f.T_critical) return p >= f.p_critical ? Phase::supercritical : Phase::supercritical_gas;
    if (p >= f.p_critical) return Phase::supercritical_liquid;
    if (branch == Branch::supercritical) return Phase::supercritical_gas; // only between T_c and the EOS's T_c
    return branch == Branch::liquid ? Phase::liquid : Phase::vapor;
}

[[nodiscard]] inline State single_phase_state(const helmholtz::Properties& P, Phase phase) noexcept {
    State s;
    s.T = Temperature{P.T};
    s.p = Pressure{P.p};
    s.rho = Density{P.rho};
    s.h = SpecificEnthalpy{P.h};
    s.s = SpecificEntropy{P.s};
    s.u = SpecificEnthalpy{P.u};
    s.cp = SpecificHeat{P.cp};
    s.cv = SpecificHeat{P.cv};
    s.w = Speed{P.w};
    s.quality = -1.0;
    s.phase = phase;
    return s;
}

/// Mixture of the saturated phases with vapour mass fraction q (CoolProp's rules: h, s and
/// specific volume are mass averages; for a pseudo-pure fluid T and p are averaged as well).
[[nodiscard]] inline State two_phase_state(const SaturationPair& sat, double q) noexcept {
    State s;
    const double T = (1.0 - q) * sat.T_liquid + q * sat.T_vapor;
    const double p = (1.0 - q) * sat.p_liquid + q * sat.p_vapor;
    const double v = (1.0 - q) / sat.L.rho + q / sat.V.rho;
    const double h = (1.0 - q) * sat.L.h + q * sat.V.h;
    s.T = Temperature{T};
    s.p = Pressure{p};
    s.rho = Density{1.0 / v};
    s.h = SpecificEnthalpy{h};
    s.s = SpecificEntropy{(1.0 - q) * sat.L.s + q * sat.V.s};
    s.u = SpecificEnthalpy{h - p * v};
    s.cp = SpecificHeat{undefined_in_two_phase};
    s.cv = SpecificHeat{undefined_in_two_phase};
    s.w = Speed{undefined_in_two_phase};
    s.quality = q;
    s.phase = Phase::two_phase;
    return s;
}

[[nodiscard]] inline ThermoError internal_failure(const FluidData& f, const char* what, double a, double b) noexcept {
    return ThermoError::format(Errc::fluid_error, "%.*s: %s did not converge at (%g, %g)",
                               static_cast<int>(f.name.size()), f.name.data(), what, a, b);
}

/// The last gate of every single-phase result: all fields finite and the state mechanically and
/// thermally stable (p, rho, cp, cv, w > 0). A state that fails is an EOS evaluated where it does
/// not describe a fluid (e.g. far outside its fitted range), so it is refused rather than passed on.
[[nodiscard]] inline Result<State> checked_state(const FluidData& f, const State& s, const char* what, double a,
                                                 double b) noexcept {
    const double v[] = {s.T.si(), s.p.si(), s.rho.si(), s.h.si(), s.s.si(), s.u.si(), s.cp.si(), s.cv.si(), s.w.si()};
    bool ok = true;
    for (double x : v) ok = ok && std::isfinite(x);
    ok = ok && s.p.si() > 0.0 && s.rho.si() > 0.0;
    if (s.phase != Phase::two_phase) ok = ok && s.cp.si() > 0.0 && s.cv.si() > 0.0 && s.w.si() > 0.0;
    if (ok) return s;
    return ThermoError::format(Errc::fluid_error,
                               "%.*s: %s at (%g, %g) gives a non-physical state (T = %g K, p = %g Pa, rho = %g kg/m3, "
                               "s = %g J/(kg K), cp = %g J/(kg K), w = %g m/s); the EOS does not describe it",
                               static_cast<int>(f.name.size()), f.name.data(), what, a, b, s.T.si(), s.p.si(),
                               s.rho.si(), s.s.si(), s.cp.si(), s.w.si());
}

/// A single-phase state solved at the given pressure p. The density is a root of p(T, rho) = p to
/// 1e-13 relative in rho; p recomputed from it differs from the input by (dp/drho)_T times that,
/// which for a liquid at low pressure is far more than p itself allows to be shown (R290 at
/// 92.29 K: one ulp of rho moves p by 2.6e-4 Pa of 1.07 Pa). So the residual is checked against
/// that conditioning (a root, not a spurious point) and the input p is reported.
[[nodiscard]] inline Result<State> state_at_p(const FluidData& f, const helmholtz::Properties& P, double p,
                                              Branch branch, const char* what, double a, double b) noexcept {
    if (!(std::fabs(P.p - p) <= 1e-9 * p + 1e-11 * P.rho * std::fabs(P.dp_drho_T)))
        return internal_failure(f, what, a, b);
    State s = single_phase_state(P, classify(f, P.T, p, branch));
    s.p = Pressure{p};
    return checked_state(f, s, what, a, b);
}

// ---- (T, rho) -------------------------------------------------------------------------------------
[[nodiscard]] inline Result<State> state_trho(const FluidData& f, double T, double rho) noexcept {
    ThermoError err;
    if (bad_temperature_single_phase(f, T, err) || bad_density(f, rho, err)) return err;
    if (T < saturation_T_max(f)) {
        if (f.superancillary.present) {
            // Cheap dome test from the Chebyshev densities before any saturation EOS call.
            const superancillary::Point sp = superancillary::evaluate(f.superancillary, T);
            const double rl = sp.rho_liquid_molar * f.molar_mass, rv = sp.rho_vapor_molar * f.molar_mass;
            if (rho >= rl || rho <= rv) {
                TauPart tp;
                helmholtz::prepare_tau(f, f.T_reducing / T, tp);
                const helmholtz::Properties P = helmholtz::properties_at(f, tp, T, rho);
                return checked_state(
                    f, single_phase_state(P, classify(f, T, P.p, rho >= rl ? Branch::liquid : Branch::vapor)),
                    "state (T, rho)", T, rho);
            }
        }
        SaturationPair sat;
        if (!saturation_at_T(f, T, sat)) return internal_failure(f, "saturation", T, rho);
        if (rho < sat.L.rho && rho > sat.V.rho) {
            // Inside the dome: quality from the specific volume.
            const double q = (1.0 / rho - 1.0 / sat.L.rho) / (1.0 / sat.V.rho - 1.0 / sat.L.rho);
            return checked_state(f, two_phase_state(sat, q), "state (T, rho)", T, rho);
        }
        TauPart tp;
        helmholtz::prepare_tau(f, f.T_reducing / T, tp);
        const helmholtz::Properties P = helmholtz::properties_at(f, tp, T, rho);
        return checked_state(
            f, single_phase_state(P, classify(f, T, P.p, rho >= sat.L.rho ? Branch::liquid : Branch::vapor)),
            "state (T, rho)", T, rho);
    }
    TauPart tp;
    helmholtz::prepare_tau(f, f.T_reducing / T, tp);
    const helmholtz::Properties P = helmholtz::properties_at(f, tp, T, rho);
    return checked_state(f, single_phase_state(P, classify(f, T, P.p, Branch::supercritical)), "state (T, rho)", T,
                         rho);
}

// ---- (T, p) ---------------------------------------------------------------------------------------
[[nodiscard]] inline Result<State> flash_tp(const FluidData& f, double T, double p) noexcept {
    ThermoError err;
    if (bad_temperature_single_phase(f, T, err) || bad_pressure(f, p, err)) return err;
    TauPart tp;
    helmholtz::prepare_tau(f, f.T_reducing / T, tp);
    const DensitySolution d = density_tp(f, tp, T, p);
    if (d.rho == -2.0)
        return ThermoError::format(
            Errc::fluid_error,
            "%.*s: (T = %g K, p = %g Pa) lies inside the temperature glide of the pseudo-pure fluid; "
            "(T, p) does not fix the state, use flash_tq or flash_ph",
            static_cast<int>(f.name.size()), f.name.data(), T, p);
    if (d.rho <= 0.0) return internal_failure(f, "density solve (T, p)", T, p);
    const helmholtz::Properties P = helmholtz::properties_at(f, tp, T, d.rho);
    return state_at_p(f, P, p, d.branch, "density solve (T, p)", T, p);
}

// ---- (p, h) and (p, s) ---------------------------------------------------------------------------
enum class Given { enthalpy, entropy };

[[nodiscard]] inline double given_value(const helmholtz::Properties& P, Given g) noexcept {
    return g == Given::enthalpy ? P.h : P.s;
}
[[nodiscard]] inline double given_slope(const helmholtz::Properties& P, Given g) noexcept {
    return g == Given::enthalpy ? P.cp : P.cp / P.T;
}

/// True when the candidate's h (or s) is the given one to 1e-9 relative to max(|y|, scale)
/// (scale R T_c for h, R for s, because both pass through zero at the reference state). A solver
/// may stop on a point that is not the answer (a bracket on T collapsed next to the critical
/// point, where cp is unbounded); nothing is returned before this check.
[[nodiscard]] inline bool y_reproduced(const FluidData& f, const helmholtz::Properties& P, double y, Given g) noexcept {
    const double scale = g == Given::enthalpy ? f.R * f.T_critical : f.R;
    return std::fabs(given_value(P, g) - y) <= 1e-9 * std::max(std::fabs(y), scale);
}

[[nodiscard]] inline Result<State> accept_py(const FluidData& f, const helmholtz::Properties& P, double p, double y,
                                             Given g, Branch branch) noexcept {
    const char* what = g == Given::enthalpy ? "flash (p, h)" : "flash (p, s)";
    if (!y_reproduced(f, P, y, g)) return internal_failure(f, what, p, y);
    return state_at_p(f, P, p, branch, what, p, y);
}

/// Single-phase T at fixed p for which y(T, p) = y, T in [T_lo, T_hi]. lo_known / hi_known say
/// that y(T_lo) <= y resp. y(T_hi) >= y is already known (saturation bounds); otherwise the
/// bound is evaluated when the iteration reaches it, and a y outside [y(T_lo), y(T_hi)] gives a
/// range error.
/// Fast path of the (p, y) flash: Newton's method on (T, rho) for p(T, rho) = p and
/// y(T, rho) = y with the analytic Jacobian (one EOS evaluation per step). It is accepted only
/// if it converges inside (T_lo, T_hi) and the (T, p) density solve at the result lands on the
/// same density (i.e. the root is the stable single-phase state); otherwise the caller falls
/// back to the bracketed iteration on T.
[[nodiscard]] inline bool newton_py(const FluidData& f, double p, double y, Given g, double T_lo, double T_hi, double T,
                                    double rho, helmholtz::Properties& out, Branch& branch) noexcept {
    if (!(T > T_lo && T < T_hi) || !(rho > 0.0)) return false;
    TauPart tp;
    for (int it = 0; it < 12; ++it) {
        helmholtz::prepare_tau(f, f.T_reducing / T, tp);
        const helmholtz::Properties P = helmholtz::properties_at(f, tp, T, rho);
        const double F1 = P.p - p, F2 = given_value(P, g) - y;
        const double pT = P.dp_dT_rho, pr = P.dp_drho_T;
        double yT, yr;
        if (g == Given::enthalpy) {
            yT = P.cv + pT / rho;
            yr = (pr - T * pT / rho) / rho;
        } else {
            yT = P.cv / T;
            yr = -pT / (rho * rho);
        }
        const double det = pT * yr - pr * yT;
        if (!(std::fabs(det) > 0.0)) return false;
        const double dT = -(F1 * yr - pr * F2) / det;
        const double dr = -(pT * F2 - yT * F1) / det;
        if (std::fabs(dT) <= 1e-12 * T && std::fabs(dr) <= 1e-12 * rho) {
            // Converged: confirm that (T, p) gives this density (the stable root).
            const DensitySolution d = density_tp(f, tp, T, p, rho);
            if (!(d.rho > 0.0) || std::fabs(d.rho - rho) > 1e-9 * rho) return false;
            if (!y_reproduced(f, P, y, g)) return false;
            out = P;
            branch = d.branch;
            return true;
        }
        T += dT;
        rho += dr;
        if (!(T > T_lo && T < T_hi) || !(rho > 0.0) || rho > rho_max(f)) return false;
    }
    return false;
}

/// Fallback of the bracketed iteration next to the critical point. There (dp/drho)_T -> 0, so
/// on an isobar through (or a hair below) p_c a whole range of densities, and of h and s, shares
/// one T to 1e-12: T is no longer a usable coordinate (at R134a's p_c the bracket on T collapsed
/// with h 22 J/kg from the input). The density is: T(rho) on the isobar is well conditioned
/// ((dp/dT)_rho > 0 everywhere) and h, s fall monotonically with rho. Bisection on rho between
/// the densities at the ends of the bracket [T_lo, T_hi] (r_lo at T_lo, r_hi at T_hi, y(T_lo) < y
/// < y(T_hi)); at each rho, T from p(T, rho) = p by safeguarded Newton inside the bracket.
[[nodiscard]] inline bool solve_py_by_density(const FluidData& f, double p, double y, Given g, double T_lo, double T_hi,
                                              double r_lo, double r_hi, helmholtz::Properties& out) noexcept {
    if (!(r_lo > r_hi && r_hi > 0.0)) return false;
    double a = r_hi, b = r_lo; // y(a) > y > y(b)
    double T = 0.5 * (T_lo + T_hi);
    bool have = false;
    // Bisection to the last bits of rho (not merely to the 1e-9 acceptance: an (h, s) flash built
    // on this one needs h to round-off to get s right).
    for (int it = 0; it < 200; ++it) {
        const double r = 0.5 * (a + b);
        double tl = T_lo, th = T_hi;
        helmholtz::Properties P;
        bool found = false;
        for (int k = 0; k < 100; ++k) {
            P = helmholtz::properties_trho(f, T, r);
            const double fx = P.p - p;
            if (std::fabs(fx) <= 1e-13 * p) {
                found = true;
                break;
            }
            if (fx < 0.0)
                tl = T;
            else
                th = T;
            double Tn = P.dp_dT_rho > 0.0 ? T - fx / P.dp_dT_rho : -1.0;
            if (!(Tn > tl && Tn < th)) Tn = 0.5 * (tl + th);
            // T bracketed to its last bits: p(T, r) is then as close to p as the equation's own
            // round-off allows. Next to the critical point that can exceed 1e-13 p (R22, 35
            // terms: +-5e-7 Pa at 4.99 MPa), so accept within 1e-11 p there (the state is still
            // checked to 1e-9 p by checked_state).
            if (th - tl <= 4e-16 * th) {
                found = std::fabs(fx) <= 1e-11 * p;
                break;
            }
            T = Tn;
        }
        if (!found) break;
        out = P;
        have = true;
        const double fy = given_value(P, g) - y;
        if (fy == 0.0 || b - a <= 4e-16 * b) break;
        if (fy > 0.0)
            a = r;
        else
            b = r;
    }
    return have && y_reproduced(f, out, y, g) && out.dp_drho_T > 0.0;
}

[[nodiscard]] inline Result<State> solve_single_phase_py(const FluidData& f, double p, double y, Given g, double T_lo,
                                                         double T_hi, bool lo_known, bool hi_known, double T_guess,
                                                         double rho_guess, double rho_at_lo = -1.0,
                                                         double rho_at_hi = -1.0) noexcept {
    if (T_guess > T_lo && T_guess < T_hi) {
        TauPart tp0;
        helmholtz::prepare_tau(f, f.T_reducing / T_guess, tp0);
        const DensitySolution d0 = density_tp(f, tp0, T_guess, p, rho_guess);
        helmholtz::Properties P;
        Branch br;
        if (d0.rho > 0.0 && newton_py(f, p, y, g, T_lo, T_hi, T_guess, d0.rho, P, br))
            return accept_py(f, P, p, y, g, br);
    }
    double lo = T_lo, hi = T_hi;
    double T = T_guess;
    if (!(T > lo && T < hi)) T = 0.5 * (lo + hi);
    double rho = rho_guess;
    const char* yname = g == Given::enthalpy ? "h" : "s";
    const char* yunit = g == Given::enthalpy ? "J/kg" : "J/(kg K)";
    for (int it = 0; it < max_flash_iterations; ++it) {
        TauPart tp;
        helmholtz::prepare_tau(f, f.T_reducing / T, tp);
        const DensitySolution d = density_tp(f, tp, T, p, rho);
        if (d.rho <= 0.0) return internal_failure(f, g == Given::enthalpy ? "flash (p, h)" : "flash (p, s)", p, y);
        rho = d.rho;
        const helmholtz::Properties P = helmholtz::properties_at(f, tp, T, rho);
        const double fx = given_value(P, g) - y;
        const double slope = given_slope(P, g);
        const bool at_lo = (T == lo), at_hi = (T == hi);
        // An input on the boundary itself (h or s of the T_min or T_max isotherm, as a table or a
        // previous flash computed it) is a state, even if its round-off puts it a hair outside.
        if ((at_lo || at_hi) && y_reproduced(f, P, y, g)) return accept_py(f, P, p, y, g, d.branch);
        if (fx < 0.0) {
            if (at_hi)
                return ThermoError::format(
                    Errc::fluid_error,
                    "%.*s: %s = %g %s at p = %g Pa is above the range of the EOS (%s at T = %g K is %g %s; the EOS "
                    "is published up to T_max = %g K and extrapolated for gas states up to %g K)",
                    static_cast<int>(f.name.size()), f.name.data(), yname, y, yunit, p, yname, hi, given_value(P, g),
                    yunit, f.T_max, T_max_extrapolated(f));
            lo = T;
            lo_known = true;
            rho_at_lo = rho;
        } else if (fx > 0.0) {
            if (at_lo)
                return ThermoError::format(
                    Errc::fluid_error,
                    "%.*s: %s = %g %s at p = %g Pa is below the range of the EOS (%s at T_min = %g K is %g %s)",
                    static_cast<int>(f.name.size()), f.name.data(), yname, y, yunit, p, yname, lo, given_value(P, g),
                    yunit);
            hi = T;
            hi_known = true;
            rho_at_hi = rho;
        } else {
            return accept_py(f, P, p, y, g, d.branch);
        }
        double Tn = slope > 0.0 ? T - fx / slope : -1.0;
        if (!(Tn > lo && Tn < hi)) {
            if (Tn <= lo && !lo_known)
                Tn = lo; // test the bound itself
            else if (Tn >= hi && !hi_known)
                Tn = hi;
            else
                Tn = 0.5 * (lo + hi);
        }
        const double dT = std::fabs(Tn - T);
        if (dT <= 1e-12 * T) {
            if (y_reproduced(f, P, y, g)) return accept_py(f, P, p, y, g, d.branch);
            // The density fallback needs the densities at both ends of a bracket; an end never
            // evaluated is found by stepping away from T in growing steps (1e-12 T, doubling)
            // until y changes sign.
            auto probe = [&](bool down, double& T_end, double& rho_end) noexcept {
                for (int k = 0; k < 60; ++k) {
                    double Tp = T * (down ? 1.0 - 1e-12 * std::ldexp(1.0, k) : 1.0 + 1e-12 * std::ldexp(1.0, k));
                    Tp = down ? std::max(Tp, lo) : std::min(Tp, hi);
                    TauPart tq;
                    helmholtz::prepare_tau(f, f.T_reducing / Tp, tq);
                    const DensitySolution dq = density_tp(f, tq, Tp, p, rho);
                    if (!(dq.rho > 0.0)) return false;
                    const double fy = given_value(helmholtz::properties_at(f, tq, Tp, dq.rho), g) - y;
                    if (down ? fy < 0.0 : fy > 0.0) {
                        T_end = Tp;
                        rho_end = dq.rho;
                        return true;
                    }
                    if (Tp == (down ? lo : hi)) return false;
                }
                return false;
            };
            double T_a = lo, T_b = hi;
            bool ends = true;
            if (!(rho_at_lo > 0.0)) ends = fx > 0.0 ? probe(true, T_a, rho_at_lo) : false;
            if (ends && !(rho_at_hi > 0.0)) ends = fx < 0.0 ? probe(false, T_b, rho_at_hi) : false;
            helmholtz::Properties Q;
            if (ends && solve_py_by_density(f, p, y, g, T_a, T_b, rho_at_lo, rho_at_hi, Q))
                return accept_py(f, Q, p, y, g, d.branch);
            break;
        }
        T = Tn;
    }
    return internal_failure(f, g == Given::enthalpy ? "flash (p, h)" : "flash (p, s)", p, y);
}

/// `saturated_band`: the public (p, h) flash's band at the saturated ends (below); off for the
/// flashes that iterate on it (the (h, s) flash must reproduce s exactly).
[[nodiscard]] inline Result<State> flash_py(const FluidData& f, double p, double y, Given g,
                                            bool saturated_band = false) noexcept {
    ThermoError err;
    if (bad_pressure(f, p, err)) return err;
    if (bad_finite(f, g == Given::enthalpy ? "h" : "s", g == Given::enthalpy ? "J/kg" : "J/(kg K)", y, err)) return err;
    if (in_saturation_p_range(f, p)) {
        SaturationPair sat;
        if (!saturation_at_p(f, p, sat)) return internal_failure(f, "saturation at p", p, y);
        const double yl = given_value(sat.L, g), yv = given_value(sat.V, g);
        // At p a hair below p_c the two saturated phases can coincide to the last bit (yl == yv):
        // the state is the critical point itself, reported as saturated liquid.
        // An h within saturated_quality_tolerance (of the latent heat) outside the dome is the
        // saturated phase itself: a cycle solver places a saturated outlet (a flash tank's, a
        // condenser's without subcooling) on the line only to its residual tolerance (1e-9 of
        // 1e5 J/kg), and the state it meant must not be labelled subcooled or superheated by
        // that round-off. The state keeps the given h (the flash reproduces its input); its other
        // properties are the saturated phase's, off by < 1e-9 of the latent heat (T by < 1e-6 K).
        const double band = saturated_band && g == Given::enthalpy ? saturated_quality_tolerance * (yv - yl) : 0.0;
        if (y >= yl - band && y <= yv + band) {
            State st = two_phase_state(sat, yv > yl ? std::clamp((y - yl) / (yv - yl), 0.0, 1.0) : 0.0);
            if (y < yl || y > yv) st.h = SpecificEnthalpy{y};
            return checked_state(f, st, g == Given::enthalpy ? "flash (p, h)" : "flash (p, s)", p, y);
        }
        if (y < yl) {
            const double T0 = sat.T_liquid - (yl - y) / given_slope(sat.L, g);
            return solve_single_phase_py(f, p, y, g, f.T_min, sat.T_liquid, false, true, T0, sat.L.rho, -1.0,
                                         sat.L.rho);
        }
        const double T0 = sat.T_vapor + (y - yv) / given_slope(sat.V, g);
        return solve_single_phase_py(f, p, y, g, sat.T_vapor, T_max_extrapolated(f), true, false, T0, -1.0, sat.V.rho);
    }
    // No two-phase region at this pressure (above the critical or below the triple pressure).
    // Start from the state at the critical temperature (or T_min when the pressure is tiny).
    const double Tstart = p < saturation_p_min(f) ? f.T_min * 1.05 : f.T_critical;
    TauPart tp;
    helmholtz::prepare_tau(f, f.T_reducing / Tstart, tp);
    const DensitySolution d = density_tp(f, tp, Tstart, p);
    double T0 = Tstart, r0 = -1.0;
    if (d.rho > 0.0) {
        const helmholtz::Properties P = helmholtz::properties_at(f, tp, Tstart, d.rho);
        T0 = Tstart - (given_value(P, g) - y) / given_slope(P, g);
        r0 = d.rho;
    }
    return solve_single_phase_py(f, p, y, g, f.T_min, T_max_extrapolated(f), false, false, T0, r0);
}

// ---- (p, q) and (T, q) --------------------------------------------------------------------------
[[nodiscard]] inline ThermoError no_saturation_p(const FluidData& f, double p) noexcept {
    return ThermoError::format(
        Errc::fluid_error, "%.*s: no saturation state at p = %g Pa (saturation exists for %g Pa <= p < %g Pa)",
        static_cast<int>(f.name.size()), f.name.data(), p, saturation_p_min(f), saturation_p_max(f));
}
[[nodiscard]] inline ThermoError no_saturation_T(const FluidData& f, double T) noexcept {
    return ThermoError::format(Errc::fluid_error,
                               "%.*s: no saturation state at T = %g K (saturation exists for %g K <= T < %g K)",
                               static_cast<int>(f.name.size()), f.name.data(), T, f.T_min, saturation_T_max(f));
}

[[nodiscard]] inline Result<State> flash_pq(const FluidData& f, double p, double q) noexcept {
    ThermoError err;
    if (bad_pressure(f, p, err) || bad_quality(f, q, err)) return err;
    if (!in_saturation_p_range(f, p)) return no_saturation_p(f, p);
    SaturationPair sat;
    if (!saturation_at_p(f, p, sat)) return internal_failure(f, "saturation at p", p, q);
    return checked_state(f, two_phase_state(sat, q), "flash (p, q)", p, q);
}

[[nodiscard]] inline Result<State> flash_tq(const FluidData& f, double T, double q) noexcept {
    ThermoError err;
    if (bad_temperature(f, T, err) || bad_quality(f, q, err)) return err;
    if (!(T < saturation_T_max(f))) return no_saturation_T(f, T);
    SaturationPair sat;
    if (f.pseudo_pure && q > 0.0 && q < 1.0) {
        // Pseudo-pure: the mixture temperature is (1-q) T_bubble(p) + q T_dew(p) (the rule of
        // the (p, h) flash); find p in [p_dew(T), p_bubble(T)] by bisection on that rule. The
        // inversions use the bounds of saturation_at_p, which builds the state: at T = T_min the
        // bubble temperature of p < p_bubble(T_min) lies below T_min, and clamping it there (as
        // this loop once did) returned T_min - 0.04 K for an input of T_min (issue 13).
        double lo = ancillary::evaluate(f.anc_p_vapor, T), hi = ancillary::evaluate(f.anc_p_liquid, T);
        for (int it = 0; it < 80 && hi - lo > 1e-13 * hi; ++it) {
            const double pm = 0.5 * (lo + hi);
            const double Tl = ancillary::invert_pressure(f.anc_p_liquid, pm, f.T_min - 2.0, f.T_critical);
            const double Tv = ancillary::invert_pressure(f.anc_p_vapor, pm, f.T_min - 2.0, f.T_critical);
            if ((1.0 - q) * Tl + q * Tv > T)
                hi = pm;
            else
                lo = pm;
        }
        const double pm = 0.5 * (lo + hi);
        if (!(pm >= saturation_p_min(f) * (1.0 - 1e-9)) || !saturation_at_p(f, pm, sat)) return no_saturation_T(f, T);
        const State st = two_phase_state(sat, q);
        // The state must reproduce the given T (the bisection leaves ~1e-13 relative in p).
        if (!(std::fabs(st.T.si() - T) <= 1e-9 * T)) return internal_failure(f, "flash (T, q)", T, q);
        return checked_state(f, st, "flash (T, q)", T, q);
    }
    if (!saturation_at_T(f, T, sat)) return internal_failure(f, "saturation at T", T, q);
    return checked_state(f, two_phase_state(sat, q), "flash (T, q)", T, q);
}

// ---- (h, s) -------------------------------------------------------------------------------------
/// (h, s): outer bisection/secant on ln p of the (p, h) flash's entropy, which decreases
/// monotonically with p at constant h ((ds/dp)_h = -1/(rho T) < 0). Bounded: 100 steps.
[[nodiscard]] inline Result<State> flash_hs(const FluidData& f, double h, double s) noexcept {
    ThermoError err;
    if (bad_finite(f, "h", "J/kg", h, err) || bad_finite(f, "s", "J/(kg K)", s, err)) return err;
    // The (p, h) flash at this h works on an interval of ln p (outside it h is below h(T_min, p)
    // or above h(T_max_extrapolated, p)); the ends of that interval are found by bisection, so a
    // state on the boundary of the EOS range (e.g. on the T_min isotherm) is still reached.
    double lo = std::log(p_min_accepted), hi = std::log(f.p_max);
    auto s_at = [&](double lnp, State& st) -> bool {
        // exp(log(p_max)) may round above p_max: clamp to the accepted range.
        const double p = std::min(std::max(std::exp(lnp), p_min_accepted), f.p_max);
        Result<State> r = flash_py(f, p, h, Given::enthalpy);
        if (!r) return false;
        st = *r;
        return true;
    };
    auto outside = [&]() {
        return ThermoError::format(Errc::fluid_error,
                                   "%.*s: (h = %g J/kg, s = %g J/(kg K)) is outside the range of the EOS",
                                   static_cast<int>(f.name.size()), f.name.data(), h, s);
    };
    const double tol = 1e-9 * std::max(std::fabs(s), f.R);
    State st, st_lo, st_hi;
    bool ok_lo = s_at(lo, st_lo), ok_hi = s_at(hi, st_hi);
    if (!ok_lo || !ok_hi) {
        // A valid pressure to start from: a coarse scan of ln p.
        // A valid end is the start; else the triple-point pressure (for the saturated liquid at
        // T_min the valid interval shrinks to that one pressure), else a scan.
        double mid = ok_lo ? lo : ok_hi ? hi : std::log(saturation_p_min(f));
        bool found = ok_lo || ok_hi;
        if (found) st = ok_lo ? st_lo : st_hi;
        if (!found) found = s_at(mid, st);
        for (int k = 1; k < 256 && !found; ++k) {
            mid = lo + (hi - lo) * k / 256.0;
            found = s_at(mid, st);
        }
        if (!found) return outside();
        if (!ok_lo) { // lowest valid ln p: bisection between an invalid lo and mid
            double a = lo, b = mid;
            st_lo = st;
            for (int k = 0; k < 60 && b - a > 1e-15 * std::fabs(b) + 1e-15; ++k) {
                const double m = 0.5 * (a + b);
                State sm;
                if (s_at(m, sm)) {
                    b = m;
                    st_lo = sm;
                } else {
                    a = m;
                }
            }
            lo = b;
        }
        if (!ok_hi) { // highest valid ln p
            double a = mid, b = hi;
            st_hi = st;
            for (int k = 0; k < 60 && b - a > 1e-15 * std::fabs(a) + 1e-15; ++k) {
                const double m = 0.5 * (a + b);
                State sm;
                if (s_at(m, sm)) {
                    a = m;
                    st_hi = sm;
                } else {
                    b = m;
                }
            }
            hi = a;
        }
    }
    // s falls with p at fixed h: s(lo) >= s >= s(hi), or an end is the state itself.
    if (std::fabs(st_lo.s.si() - s) <= tol) return st_lo;
    if (std::fabs(st_hi.s.si() - s) <= tol) return st_hi;
    if (st_lo.s.si() < s || st_hi.s.si() > s) return outside();
    double slo = st_lo.s.si();
    double shi = st_hi.s.si();
    for (int it = 0; it < 100; ++it) {
        // Regula falsi (Illinois) step in ln p, bisection when it stalls.
        double x = lo + (slo - s) * (hi - lo) / (slo - shi);
        if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
        if (!s_at(x, st)) {
            // The valid interval of the (p, h) flash need not be convex next to the T_min and
            // T_max_extrapolated isotherms: look for a valid point towards either end.
            bool ok = false;
            for (int side = 0; side < 2 && !ok; ++side) {
                double y = x;
                for (int k = 0; k < 40 && !ok; ++k) {
                    y = 0.5 * (y + (side == 0 ? lo : hi));
                    ok = y > lo && y < hi && s_at(y, st);
                }
                if (ok) x = y;
            }
            if (!ok) return internal_failure(f, "flash (h, s)", h, s);
        }
        const double fx = st.s.si() - s;
        if (std::fabs(fx) <= 1e-11 * std::max(1.0, std::fabs(s)) || hi - lo < 1e-14) return st;
        if (fx > 0.0) {
            lo = x;
            slo = st.s.si();
            shi = 0.5 * (shi - s) + s;
        } else {
            hi = x;
            shi = st.s.si();
            slo = 0.5 * (slo - s) + s;
        }
    }
    return internal_failure(f, "flash (h, s)", h, s);
}

} // namespace entropyk::fluids::detail
