// Random (p, h) sweep of a blend over the refrigeration range, with a consistency check of every
// result: h reproduced, each phase's pressure equal to p, for two-phase states equal fugacities
// of every component in both phases and the mass balance of the split, and the phase consistent
// with the exact bubble and dew points at p (every `phase_check_every`-th state). Shared by the
// unit test (10 000 states per blend) and benchmarks/mixture_sweep_bench.cpp (100 000, timed).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "entropyk/fluids/mixture/blend.hpp"

namespace entropyk::fluids::testing {

struct SweepResult {
    std::size_t states = 0, two_phase = 0, failures = 0, inconsistent = 0;
    std::string first_problem;
    std::vector<std::string> problems;                 ///< the first few, for diagnosis
    std::vector<double> us_two_phase, us_single_phase; ///< per-call times, microseconds
    double max_h_dev = 0.0, max_fugacity_dev = 0.0, max_balance_dev = 0.0, max_p_dev = 0.0;
};

/// Checks one flashed state; returns an empty string if consistent. `entropy`: h is an entropy
/// (a (p, s) flash; relative to max(|s|, 1 J/(kg K)) instead of max(|h|, 1 kJ/kg)).
inline std::string check_state(const mixture::Blend& b, double p, double h, const mixture::FlashState& st,
                               SweepResult& r, mixture::Workspace& ws, bool entropy = false) {
    const mixture::Model& m = b.model;
    const double hdev =
        entropy ? std::fabs(st.s - h) / std::max(std::fabs(h), 1.0) : std::fabs(st.h - h) / std::max(std::fabs(h), 1e3);
    r.max_h_dev = std::max(r.max_h_dev, hdev);
    if (!(hdev <= 1e-9)) return entropy ? "s not reproduced" : "h not reproduced";
    if (!st.two_phase) {
        const double pdev = std::fabs(st.single.p - p) / p;
        r.max_p_dev = std::max(r.max_p_dev, pdev);
        if (!(pdev <= 1e-9)) return "p not reproduced";
        return {};
    }
    const mixture::Split& s = st.split;
    if (!(s.beta > 0.0 && s.beta < 1.0)) return "vapour fraction outside (0, 1)";
    const mixture::Fugacity L = mixture::fugacity(m, s.x, s.T, s.rho_L, ws);
    const mixture::Fugacity V = mixture::fugacity(m, s.y, s.T, s.rho_V, ws);
    const double pdev = std::max(std::fabs(L.p - p), std::fabs(V.p - p)) / p;
    r.max_p_dev = std::max(r.max_p_dev, pdev);
    if (!(pdev <= 1e-9)) return "phase pressure not p";
    if (!(s.rho_L > s.rho_V)) return "liquid not denser than vapour";
    for (std::size_t i = 0; i < m.n; ++i) {
        // f_i = x_i phi_i p: relative difference of the fugacities = difference of their logs.
        const double d = std::fabs(std::log(s.x[i]) + L.ln_phi[i] - std::log(s.y[i]) - V.ln_phi[i]);
        r.max_fugacity_dev = std::max(r.max_fugacity_dev, d);
        if (!(d <= 1e-9)) return "fugacities differ";
        const double bal = std::fabs((1.0 - s.beta) * s.x[i] + s.beta * s.y[i] - b.z[i]);
        r.max_balance_dev = std::max(r.max_balance_dev, bal);
        if (!(bal <= 1e-12)) return "mass balance";
    }
    return {};
}

/// n states, p log-uniform in [p_lo, p_hi], h uniform between the liquid at T_lo and the gas at
/// T_hi on that isobar (subcooled liquid, two-phase, superheated and supercritical states).
/// `entropy`: the same with s and (p, s) flashes.
inline SweepResult run_sweep(const mixture::Blend& b, std::size_t n, std::uint64_t seed, double p_lo, double p_hi,
                             double T_lo, double T_hi, std::size_t phase_check_every, bool entropy = false) {
    SweepResult r;
    mixture::Workspace ws;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    r.us_two_phase.reserve(n);
    r.us_single_phase.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
        const double p = std::exp(std::log(p_lo) + u01(rng) * (std::log(p_hi) - std::log(p_lo)));
        mixture::FlashState lo, hi;
        if (!mixture::flash_pt(b, p, T_lo, lo, ws) || !mixture::flash_pt(b, p, T_hi, hi, ws)) {
            ++r.failures;
            if (r.problems.size() < 20) r.problems.push_back("range ends at p = " + std::to_string(p));
            if (r.first_problem.empty()) r.first_problem = r.problems.back();
            continue;
        }
        const double h = entropy ? lo.s + u01(rng) * (hi.s - lo.s) : lo.h + u01(rng) * (hi.h - lo.h);
        mixture::FlashState st;
        const auto t0 = std::chrono::steady_clock::now();
        const bool ok = entropy ? mixture::flash_ps(b, p, h, st, ws) : mixture::flash_ph(b, p, h, st, ws);
        const auto t1 = std::chrono::steady_clock::now();
        ++r.states;
        if (!ok) {
            ++r.failures;
            if (r.problems.size() < 20)
                r.problems.push_back(std::string(entropy ? "flash_ps failed at p = " : "flash_ph failed at p = ") +
                                     std::to_string(p) + (entropy ? ", s = " : ", h = ") + std::to_string(h));
            if (r.first_problem.empty()) r.first_problem = r.problems.back();
            continue;
        }
        (st.two_phase ? r.us_two_phase : r.us_single_phase)
            .push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        if (st.two_phase) ++r.two_phase;
        std::string problem = check_state(b, p, h, st, r, ws, entropy);
        if (problem.empty() && phase_check_every != 0 && k % phase_check_every == 0 && p < b.envelope.p_top()) {
            // The exact bubble and dew points at p, solved from the envelope's interpolated start
            // (from Wilson's start the solver can reach a spurious liquid-liquid root far below
            // the bubble point at pressures near the top).
            const mixture::Bounds bd =
                mixture::bounds_from(b.model, b.z, p, mixture::envelope_guess(b.model, b.envelope, p), ws);
            if (!bd.ok)
                problem = "no bubble/dew point below the envelope's top";
            else if (st.two_phase != (st.T > bd.bub.T && st.T < bd.dew.T))
                problem = "phase inconsistent with the bubble/dew points";
        }
        if (!problem.empty()) {
            ++r.inconsistent;
            if (r.problems.size() < 20)
                r.problems.push_back(problem + " at p = " + std::to_string(p) + (entropy ? ", s = " : ", h = ") +
                                     std::to_string(h));
            if (r.first_problem.empty()) r.first_problem = r.problems.back();
        }
    }
    return r;
}

inline double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

} // namespace entropyk::fluids::testing
