// The random inputs of the property benchmarks (fluids_bench.cpp, tables_bench.cpp): the
// distributions of the CoolProp timing runs described in docs/performance.md for R134a, and the same kinds of states
// over CO2's own range. Pools of 100 000 inputs per kind, drawn once with a fixed seed, so the EOS
// and the tables are timed on identical inputs.
#pragma once

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

#include "entropyk/fluids.hpp"

namespace entropyk_bench {

using namespace entropyk;
using namespace entropyk::fluids;

inline constexpr std::size_t pool_size = 100000;

struct Ranges {
    double T_lo, T_hi;         // (T, p) and (T, rho)
    double p_tp_lo, p_tp_hi;   // (T, p), log-uniform
    double p_ph_lo, p_ph_hi;   // (p, h) single phase, log-uniform
    double p_2ph_lo, p_2ph_hi; // (p, h) two phase, log-uniform
    double Tsat_lo, Tsat_hi;   // saturation
};
// R134a: exactly COOLPROP_TIMINGS.md. CO2: same kinds of states scaled to its saturation range.
inline constexpr Ranges r134a_ranges{250.0, 420.0, 1e5, 40e5, 1e5, 30e5, 1e5, 35e5, 200.0, 370.0};
inline constexpr Ranges co2_ranges{250.0, 420.0, 10e5, 150e5, 10e5, 65e5, 10e5, 70e5, 217.0, 303.0};

struct Pools {
    std::vector<double> tp_T, tp_p, tp_rho;
    std::vector<double> ph1_p, ph1_h, ps1_s;
    std::vector<double> ph2_p, ph2_h;
    std::vector<double> sat_T;
};

inline double log_uniform(std::mt19937_64& g, double lo, double hi) {
    return std::exp(std::uniform_real_distribution<double>(std::log(lo), std::log(hi))(g));
}

inline Pools make_pools(const Fluid& f, const Ranges& r) {
    Pools P;
    std::mt19937_64 g(12345);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    while (P.tp_T.size() < pool_size) {
        const double T = r.T_lo + (r.T_hi - r.T_lo) * u01(g);
        const double p = log_uniform(g, r.p_tp_lo, r.p_tp_hi);
        const Result<State> s = f.flash_tp(Temperature{T}, Pressure{p});
        if (!s) continue;
        P.tp_T.push_back(T);
        P.tp_p.push_back(p);
        P.tp_rho.push_back(s->rho.si());
    }
    while (P.ph1_p.size() < pool_size) {
        const double p = log_uniform(g, r.p_ph_lo, r.p_ph_hi);
        const Result<SaturationState> sat = f.saturation_p(Pressure{p});
        if (!sat) continue;
        const bool liquid = P.ph1_p.size() % 2 == 0;
        const double h =
            liquid ? sat->h_liquid.si() - (5e3 + 55e3 * u01(g)) : sat->h_vapor.si() + (5e3 + 95e3 * u01(g));
        const Result<State> s = f.flash_ph(Pressure{p}, SpecificEnthalpy{h});
        if (!s) continue;
        P.ph1_p.push_back(p);
        P.ph1_h.push_back(h);
        P.ps1_s.push_back(s->s.si());
    }
    while (P.ph2_p.size() < pool_size) {
        const double p = log_uniform(g, r.p_2ph_lo, r.p_2ph_hi);
        const Result<SaturationState> sat = f.saturation_p(Pressure{p});
        if (!sat) continue;
        const double q = 0.05 + 0.9 * u01(g);
        P.ph2_p.push_back(p);
        P.ph2_h.push_back(sat->h_liquid.si() + q * (sat->h_vapor.si() - sat->h_liquid.si()));
    }
    while (P.sat_T.size() < pool_size) P.sat_T.push_back(r.Tsat_lo + (r.Tsat_hi - r.Tsat_lo) * u01(g));
    return P;
}

inline const Pools& pools(const Fluid& f) {
    static const Pools r134a = make_pools(R134a::get(), r134a_ranges);
    static const Pools co2 = make_pools(R744::get(), co2_ranges);
    return &f == &R134a::get() ? r134a : co2;
}

template <class Call>
void run(benchmark::State& state, Call&& call) {
    std::size_t i = 0, failures = 0;
    for (auto _ : state) {
        if (!call(i)) ++failures;
        if (++i == pool_size) i = 0;
    }
    state.counters["failures"] = static_cast<double>(failures);
}

} // namespace entropyk_bench
