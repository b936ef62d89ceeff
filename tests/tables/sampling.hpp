// Random states for the table tests: single-phase states over the whole range of a fluid
// (T uniform in [T_min, T_max], p log-uniform from the triple-point pressure to p_max), states
// close to the saturation curve, and two-phase states; reference values from the EOS.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "entropyk/fluids/tabular/tables.hpp"

namespace entropyk::fluids::testing {

/// Max and RMS of a relative error.
struct ErrorStat {
    double max = 0.0, sum2 = 0.0;
    std::size_t n = 0;
    void add(double e) {
        max = std::max(max, e);
        sum2 += e * e;
        ++n;
    }
    [[nodiscard]] double rms() const { return n ? std::sqrt(sum2 / static_cast<double>(n)) : 0.0; }
};

[[nodiscard]] inline double rel(double a, double b) { return std::fabs(a - b) / std::fabs(b); }
/// Entropy error relative to max(|s|, R): s passes through zero at the reference states.
[[nodiscard]] inline double rel_s(const Fluid& f, double a, double b) {
    return std::fabs(a - b) / std::max(std::fabs(b), f.gas_constant());
}

/// More than 1 K from the critical temperature (where the accuracy targets apply).
[[nodiscard]] inline bool away_from_critical(const Fluid& f, double T) {
    return std::fabs(T - f.T_critical().si()) > 1.0;
}

/// Single-phase EOS states with T uniform in [T_min, T_max] and p log-uniform in
/// [p_triple-ish, p_max].
inline std::vector<State> random_single_phase(const Fluid& f, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 g(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double lp0 = std::log(fluids::detail::saturation_p_min(f.data())), lp1 = std::log(f.p_max().si());
    const double T0 = f.T_min().si(), T1 = f.T_max().si();
    std::vector<State> out;
    out.reserve(n);
    for (std::size_t k = 0; out.size() < n && k < 4 * n; ++k) {
        const double p = std::exp(lp0 + (lp1 - lp0) * u(g));
        const double T = T0 + (T1 - T0) * u(g);
        const Result<State> s = f.flash_tp(Temperature{T}, Pressure{p});
        if (s) out.push_back(*s);
    }
    return out;
}

/// Single-phase EOS states at dT = 0.01 ... 3 K (log-uniform) from the saturation curve,
/// liquid and vapour alternately, p log-uniform over the saturation range.
inline std::vector<State> near_saturation(const Fluid& f, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 g(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double lp0 = std::log(fluids::detail::saturation_p_min(f.data()));
    const double lp1 = std::log(fluids::detail::saturation_p_max(f.data()));
    std::vector<State> out;
    out.reserve(n);
    for (std::size_t k = 0; out.size() < n && k < 4 * n; ++k) {
        const double p = std::exp(lp0 + (lp1 - lp0) * u(g));
        const Result<SaturationState> sat = f.saturation_p(Pressure{p});
        if (!sat) continue;
        const double dT = std::exp(std::log(0.01) + (std::log(3.0) - std::log(0.01)) * u(g));
        const bool liquid = k % 2 == 0;
        const double T = liquid ? sat->T_bubble.si() - dT : sat->T_dew.si() + dT;
        const Result<State> s = f.flash_tp(Temperature{T}, Pressure{p});
        if (s) out.push_back(*s);
    }
    return out;
}

/// Two-phase EOS states: p log-uniform over the saturation range, q uniform in [0, 1].
inline std::vector<State> random_two_phase(const Fluid& f, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 g(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double lp0 = std::log(fluids::detail::saturation_p_min(f.data()));
    const double lp1 = std::log(fluids::detail::saturation_p_max(f.data()));
    std::vector<State> out;
    out.reserve(n);
    for (std::size_t k = 0; out.size() < n && k < 4 * n; ++k) {
        const Result<State> s = f.flash_pq(Pressure{std::exp(lp0 + (lp1 - lp0) * u(g))}, u(g));
        if (s) out.push_back(*s);
    }
    return out;
}

} // namespace entropyk::fluids::testing
