// Cycles shared by the cycle tests: the published textbook and validation cycles (docs/solver.md, docs/components.md).
#pragma once

#include "entropyk/components.hpp"
#include "entropyk/cycles.hpp"
#include "support/catch.hpp"

namespace fixtures {

using namespace entropyk;
using namespace entropyk::literals;

struct SimpleLoop {
    System sys;
    std::uint32_t comp, cond, valve, evap;
};

/// compressor -> condenser -> valve -> evaporator -> compressor, connected and finalized.
template <class Comp, class Cond, class Evap>
inline SimpleLoop simple_loop(const char* fluid, Comp comp, Cond cond, Evap evap) {
    auto sys = System::create(fluid);
    REQUIRE(sys.has_value());
    SimpleLoop l{std::move(*sys), 0, 0, 0, 0};
    l.comp = *l.sys.add("compressor", comp);
    l.cond = *l.sys.add("condenser", cond);
    l.valve = *l.sys.add("valve", IsenthalpicValve{});
    l.evap = *l.sys.add("evaporator", evap);
    REQUIRE(l.sys.connect(l.comp, l.cond));
    REQUIRE(l.sys.connect(l.cond, l.valve));
    REQUIRE(l.sys.connect(l.valve, l.evap));
    REQUIRE(l.sys.connect(l.evap, l.comp));
    auto fin = l.sys.finalize();
    INFO((fin ? std::string() : std::string(fin.error().message())));
    REQUIRE(fin.has_value());
    return l;
}

/// Cengel & Boles, Thermodynamics, Example 11-1: ideal R134a refrigerator between 0.14 and
/// 0.8 MPa, 0.05 kg/s, saturated vapour into the compressor, saturated liquid out of the condenser.
inline SimpleLoop cengel_11_1() {
    return simple_loop("R134a", IsentropicCompressor{1.0, 0.05_kg_per_s}, FixedSaturationCondenser{0.8_MPa, 0.0_dK},
                       FixedSaturationEvaporator{0.14_MPa, 0.0_dK});
}

/// R32 simple cycle: evaporating (dew) 5 C, superheat 5 K, isentropic efficiency 0.8,
/// condensing (bubble) 45 C, subcooling 3 K.
inline SimpleLoop r32_cycle() {
    return simple_loop("R32", IsentropicCompressor{0.8, 0.1_kg_per_s}, FixedSaturationCondenser{45.0_degC, 3.0_dK},
                       FixedSaturationEvaporator{5.0_degC, 5.0_dK});
}

/// Moran & Shapiro, Fundamentals of Engineering Thermodynamics, Example 10.1: ideal R134a cycle,
/// saturated vapour at 0 C into the compressor, saturated liquid at 26 C out of the condenser,
/// 0.08 kg/s.
inline SimpleLoop moran_10_1() {
    return simple_loop("R134a", IsentropicCompressor{1.0, 0.08_kg_per_s}, FixedSaturationCondenser{26.0_degC, 0.0_dK},
                       FixedSaturationEvaporator{0.0_degC, 0.0_dK});
}

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
    std::uint32_t comp, cond, valve, evap;
};

struct HeatPumpSpec {
    double speed_hz = 60.0;
    double T_cond_air = 35.0; // C
    double T_evap_air = 27.0; // C
    double UA_cond = 2400.0, UA_evap = 1300.0;
    HxModel model = HxModel::moving_boundary;
    ExpansionValve valve = ExpansionValve::fixed_superheat(5.0_dK);
    Backend backend = Backend::eos;
};

inline HeatPump heat_pump(const HeatPumpSpec& s = {}) {
    HeatPump hp{std::move(*System::create("R410A", s.backend)), 0, 0, 0, 0};
    hp.comp = *hp.sys.add("compressor", MapCompressor{achp_map(), Frequency{s.speed_hz}});
    hp.cond = *hp.sys.add("condenser", Condenser{s.model, ThermalConductance{s.UA_cond},
                                                 SecondaryFluid::air(from_celsius(s.T_cond_air), 1.4_kg_per_s)}
                                           .with_subcooling(7.0_dK));
    hp.valve = *hp.sys.add("valve", s.valve);
    hp.evap = *hp.sys.add("evaporator", Evaporator{s.model, ThermalConductance{s.UA_evap},
                                                   SecondaryFluid::air(from_celsius(s.T_evap_air), 0.6_kg_per_s)});
    REQUIRE(hp.sys.connect(hp.comp, hp.cond));
    REQUIRE(hp.sys.connect(hp.cond, hp.valve));
    REQUIRE(hp.sys.connect(hp.valve, hp.evap));
    REQUIRE(hp.sys.connect(hp.evap, hp.comp));
    auto f = hp.sys.finalize();
    INFO((f ? "" : std::string(f.error().message())));
    REQUIRE(f.has_value());
    return hp;
}

/// Checks that every converged cycle obeys the first and second laws and conserves mass.
inline void check_balances(const CycleResults& r) {
    CHECK(std::fabs(r.energy_balance) <= 1e-9);
    CHECK(r.mass_balance <= 1e-12);
    CHECK(r.entropy_generation >= -1e-9);
    for (const auto& c : r.components) CHECK(c.entropy_generation >= -1e-9 * std::max(1.0, r.entropy_generation));
}

} // namespace fixtures
