// The off-design envelope of issue 14: the R410A heat pump of examples/cycles/r410a_heat_pump.json
// at random operating points (seeded), shared by the envelope test and the benchmarks.
//   condenser air inlet 15..50 C, evaporator air inlet -15..35 C, compressor speed 30..90 Hz,
//   both UAs x0.5..x2 and both air flows x0.5..x2 (log-uniform), subcooling 1..10 K,
//   superheat 2..12 K.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <random>

#include "entropyk/components.hpp"
#include "entropyk/cycles.hpp"

namespace envelope {

using namespace entropyk;
using namespace entropyk::literals;

struct Point {
    double T_cond_air = 35.0, T_evap_air = 27.0; // C
    double speed = 60.0;                         // Hz
    double ua_cond = 2400.0, ua_evap = 1300.0;   // W/K
    double m_cond_air = 1.4, m_evap_air = 0.6;   // kg/s
    double subcooling = 7.0, superheat = 5.0;    // K
};

/// Draws envelope points; the same seed gives the same points on every platform (the draws use
/// only generate_canonical-free integer arithmetic of std::mt19937_64).
class Sampler {
  public:
    explicit Sampler(std::uint64_t seed) : rng_(seed) {}
    double uniform(double a, double b) {
        const double u = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
        return a + (b - a) * u;
    }
    double log_uniform(double a, double b) { return std::exp(uniform(std::log(a), std::log(b))); }
    Point next() {
        Point p;
        p.T_cond_air = uniform(15.0, 50.0);
        p.T_evap_air = uniform(-15.0, 35.0);
        p.speed = uniform(30.0, 90.0);
        p.ua_cond = 2400.0 * log_uniform(0.5, 2.0);
        p.ua_evap = 1300.0 * log_uniform(0.5, 2.0);
        p.m_cond_air = 1.4 * log_uniform(0.5, 2.0);
        p.m_evap_air = 0.6 * log_uniform(0.5, 2.0);
        p.subcooling = uniform(1.0, 10.0);
        p.superheat = uniform(2.0, 12.0);
        return p;
    }

  private:
    std::mt19937_64 rng_;
};

// ACHP 3-ton R410A map (IP units, rated at 20 F superheat, 60 Hz).
inline CompressorMap achp_map() {
    return CompressorMap({217.3163128, 5.094492028, -0.593170311, 4.38E-02, -2.14E-02, 1.04E-02, 7.90E-05, -5.73E-05,
                          1.79E-04, -8.08E-05},
                         {-561.3615705, -15.62601841, 46.92506685, -0.217949552, 0.435062616, -0.442400826, 2.25E-04,
                          2.37E-03, -3.32E-03, 2.50E-03},
                         MapUnits::ip, TemperatureDifference{20.0 / 1.8}, 60.0_Hz);
}

struct HeatPump {
    System sys;
    std::uint32_t comp = 0, cond = 0, valve = 0, evap = 0;
};

/// The heat pump at point p, finalized (nullopt if building fails, which it should not).
inline std::optional<HeatPump> build(const Point& p, Backend backend) {
    auto s = System::create("R410A", backend);
    if (!s) return std::nullopt;
    HeatPump hp{std::move(*s)};
    hp.comp = *hp.sys.add("compressor", MapCompressor{achp_map(), Frequency{p.speed}});
    hp.cond =
        *hp.sys.add("condenser", Condenser{HxModel::moving_boundary, ThermalConductance{p.ua_cond},
                                           SecondaryFluid::air(from_celsius(p.T_cond_air), MassFlow{p.m_cond_air})}
                                     .with_subcooling(TemperatureDifference{p.subcooling}));
    hp.valve = *hp.sys.add("valve", ExpansionValve::fixed_superheat(TemperatureDifference{p.superheat}));
    hp.evap =
        *hp.sys.add("evaporator", Evaporator{HxModel::moving_boundary, ThermalConductance{p.ua_evap},
                                             SecondaryFluid::air(from_celsius(p.T_evap_air), MassFlow{p.m_evap_air})});
    if (!hp.sys.connect(hp.comp, hp.cond) || !hp.sys.connect(hp.cond, hp.valve) || !hp.sys.connect(hp.valve, hp.evap) ||
        !hp.sys.connect(hp.evap, hp.comp) || !hp.sys.finalize())
        return std::nullopt;
    return hp;
}

/// Moves a built heat pump to point p through set_input (the HIL path; UAs stay as built).
inline bool move_to(HeatPump& hp, const Point& p) {
    return hp.sys.set_input(hp.comp, Input::compressor_speed, p.speed) &&
           hp.sys.set_input(hp.cond, Input::secondary_inlet_temperature, from_celsius(p.T_cond_air).si()) &&
           hp.sys.set_input(hp.cond, Input::secondary_mass_flow, p.m_cond_air) &&
           hp.sys.set_input(hp.cond, Input::subcooling, p.subcooling) &&
           hp.sys.set_input(hp.evap, Input::secondary_inlet_temperature, from_celsius(p.T_evap_air).si()) &&
           hp.sys.set_input(hp.evap, Input::secondary_mass_flow, p.m_evap_air) &&
           hp.sys.set_input(hp.valve, Input::superheat_setpoint, p.superheat);
}

} // namespace envelope
