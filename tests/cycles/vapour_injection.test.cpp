// A vapour-injection heat pump (R32): a compressor with an injection port fed by an economizer
// that subcools the main liquid, against the single-stage cycle at the same conditions.
#include <cmath>
#include <string>

#include "cycles/cycle_fixtures.hpp"

using namespace fixtures;

namespace {

std::string message_of(const Result<void>& r) { return r ? std::string() : std::string(r.error().message()); }

const ConnectionResult& leaving(const CycleResults& R, std::uint32_t from, std::uint32_t port = 0) {
    for (const auto& c : R.connections)
        if (c.from == from && c.from_port == port) return c;
    FAIL("no connection leaves component " << from << " port " << port);
    return R.connections.front();
}

constexpr double T_evap_C = -15.0, T_cond_C = 45.0, eta = 0.7, m_suction = 0.05;

struct Injection {
    System sys;
    std::uint32_t comp, cond, tee, eco, main_valve, evap, inj_valve;
};

Injection vapour_injection_heat_pump(
    const VapourInjectionCompressor& compressor = VapourInjectionCompressor::geometric_mean(eta, MassFlow{m_suction})) {
    auto s = System::create("R32");
    REQUIRE(s.has_value());
    Injection v{std::move(*s), 0, 0, 0, 0, 0, 0, 0};
    auto comp = v.sys.add("comp", compressor);
    INFO((comp ? std::string() : std::string(comp.error().message())));
    REQUIRE(comp.has_value());
    v.comp = *comp;
    v.cond = *v.sys.add("cond", FixedSaturationCondenser{from_celsius(T_cond_C), 5.0_dK});
    v.tee = *v.sys.add("tee", Splitter{});
    v.eco = *v.sys.add("economizer", Economizer{0.8, 5.0_dK});
    v.main_valve = *v.sys.add("main_valve", IsenthalpicValve{});
    v.evap = *v.sys.add("evap", FixedSaturationEvaporator{from_celsius(T_evap_C), 5.0_dK});
    v.inj_valve = *v.sys.add("injection_valve", IsenthalpicValve{});
    REQUIRE(v.sys.connect("comp.discharge", "cond"));
    REQUIRE(v.sys.connect("cond", "tee"));
    REQUIRE(v.sys.connect("tee.outlet_a", "economizer.hot_in"));
    REQUIRE(v.sys.connect("economizer.hot_out", "main_valve"));
    REQUIRE(v.sys.connect("main_valve", "evap"));
    REQUIRE(v.sys.connect("evap", "comp.suction"));
    REQUIRE(v.sys.connect("tee.outlet_b", "injection_valve"));
    REQUIRE(v.sys.connect("injection_valve", "economizer.cold_in"));
    REQUIRE(v.sys.connect("economizer.cold_out", "comp.injection"));
    auto fin = v.sys.finalize();
    INFO(message_of(fin));
    REQUIRE(fin.has_value());
    return v;
}

} // namespace

TEST_CASE("a vapour-injection R32 heat pump: two-step compression, economizer, COP gain",
          "[cycles][network][vapour-injection]") {
    auto v = vapour_injection_heat_pump();
    CHECK(v.sys.unknown_count() == 27);
    const auto& R = v.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const PropertyService& props = v.sys.properties();
    const auto& suction = leaving(R, v.evap);
    const auto& injection = leaving(R, v.eco, 1);
    const auto& discharge = leaving(R, v.comp);
    const auto& liquid_in = leaving(R, v.tee, 0);
    const auto& liquid_out = leaving(R, v.eco, 0);
    const auto& expanded = leaving(R, v.inj_valve);
    // The injection level is the geometric mean of the suction and discharge pressures.
    const double ps = suction.state.p.si(), pd = discharge.state.p.si(), pi = injection.state.p.si();
    CHECK(pi == Approx(std::sqrt(ps * pd)).epsilon(1e-9));
    // The discharge is the two-step model recomputed here from the solved inlets.
    const double s_s = suction.state.s.si();
    const double hm = suction.state.h.si() + (props.ps(pi, s_s)->h.si() - suction.state.h.si()) / eta;
    const double hx = (suction.m * hm + injection.m * injection.state.h.si()) / (suction.m + injection.m);
    const double hd = hx + (props.ps(pd, props.ph(pi, hx)->s.si())->h.si() - hx) / eta;
    CHECK(discharge.state.h.si() == Approx(hd).epsilon(1e-9));
    CHECK(suction.m == Approx(m_suction).epsilon(1e-12));
    CHECK(discharge.m == Approx(suction.m + injection.m).epsilon(1e-9));
    CHECK(R.components[v.comp].power == Approx(discharge.m * discharge.state.h.si() - suction.m * suction.state.h.si() -
                                               injection.m * injection.state.h.si())
                                            .epsilon(1e-12));
    // The economizer: its effectiveness on the liquid, 5 K of injection superheat, one duty.
    const double T_hi = liquid_in.state.T.si(), T_ci = expanded.state.T.si();
    CHECK(liquid_out.state.T.si() == Approx(T_hi - 0.8 * (T_hi - T_ci)).epsilon(1e-9));
    CHECK(injection.state.T.si() - props.sat_p(pi)->T_dew.si() == Approx(5.0).epsilon(1e-6));
    CHECK(liquid_in.m * (liquid_in.state.h.si() - liquid_out.state.h.si()) ==
          Approx(injection.m * (injection.state.h.si() - expanded.state.h.si())).epsilon(1e-9));
    CHECK(expanded.state.quality > 0.0);
    CHECK(expanded.state.quality < 1.0);
    const double ratio = injection.m / suction.m;
    CHECK(ratio > 0.05);
    CHECK(ratio < 0.5);
    CHECK(R.components[v.comp].control_value == Approx(ratio).epsilon(1e-12));
    // Balances and admissibility.
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-9);
    for (std::uint32_t i = 0; i < v.sys.component_count(); ++i) {
        INFO(v.sys.component_name(i));
        CHECK(R.components[i].entropy_generation >= -1e-6);
    }
    CHECK(R.components[v.comp].entropy_generation > 0.0); // eta < 1 and the mixing
    CHECK(R.components[v.eco].entropy_generation > 0.0);

    // The single-stage cycle at the same conditions (same suction flow and efficiency).
    auto single = simple_loop("R32", IsentropicCompressor{eta, MassFlow{m_suction}},
                              FixedSaturationCondenser{from_celsius(T_cond_C), 5.0_dK},
                              FixedSaturationEvaporator{from_celsius(T_evap_C), 5.0_dK});
    const auto& S = single.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(S.report);
    REQUIRE(S.converged());
    // Injection: more heating from the same suction flow (the injected flow is condensed too),
    // the same cooling per kg of suction gas plus the economizer's subcooling, a cooler discharge
    // and a better COP (Wang et al. 2009 measure +10 to +30 % heating capacity and a few % of
    // COP at cold-climate lifts).
    CHECK(R.heating_capacity > 1.1 * S.heating_capacity);
    CHECK(R.cooling_capacity > S.cooling_capacity);
    CHECK(discharge.state.T.si() < leaving(S, single.comp).state.T.si());
    const double gain = R.cop_heating / S.cop_heating - 1.0;
    std::printf("vapour injection R32 -15/45 C: COP_h %.6f vs %.6f single stage (%+.2f %%), injection ratio %.4f, "
                "Q_h %.1f vs %.1f W\n",
                R.cop_heating, S.cop_heating, 100.0 * gain, ratio, R.heating_capacity, S.heating_capacity);
    CHECK(gain > 0.01);
    CHECK(gain < 0.25);
    CHECK(R.cop_cooling > S.cop_cooling);
}

TEST_CASE("vapour-injection parts refuse bad use with exact messages", "[cycles][network][vapour-injection]") {
    auto sys = std::move(*System::create("R32"));
    CHECK(message_of(sys.add("c", VapourInjectionCompressor::geometric_mean(1.5, 0.05_kg_per_s)).error()) ==
          "component 'c': isentropic efficiency = 1.5: expected a number in (0, 1]");
    CHECK(message_of(sys.add("c", VapourInjectionCompressor::geometric_mean(0.7, 0.05_kg_per_s, 0.0)).error()) ==
          "component 'c': injection pressure factor = 0: expected a number in (0, 10)");
    CHECK(message_of(sys.add("e", Economizer{1.0, 5.0_dK}).error()) ==
          "component 'e': effectiveness = 1: expected a number in (0, 1)");
    CHECK(message_of(sys.add("e", Economizer{0.8, -1.0_dK}).error()) ==
          "component 'e': superheat = -1 K: expected a number >= 0");
    const auto comp = *sys.add("comp", VapourInjectionCompressor::geometric_mean(0.7, 0.05_kg_per_s));
    const auto valve = *sys.add("valve", IsenthalpicValve{});
    CHECK(message_of(sys.connect(valve, comp)) ==
          "component 'comp' (compressor) has 2 inlets: name the port (suction, injection)");
    CHECK(message_of(sys.set_input(comp, Input::compressor_speed, 50.0)) ==
          "component 'comp' (compressor): input 0 does not apply to a vapour-injection compressor");
}

TEST_CASE("a vapour-injection compressor with a displacement: the mass-flow solve's displacement gives the same cycle",
          "[cycles][network][vapour-injection]") {
    auto f = vapour_injection_heat_pump();
    const auto& F = f.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(F.report);
    REQUIRE(F.converged());
    // The displacement that delivers the fixed suction flow at the solved suction density.
    const double rho_s = leaving(F, f.evap).state.rho.si(), N = 50.0, eta_vol = 0.9;
    const double V = m_suction / (rho_s * N * eta_vol);
    const VapourInjectionCompressor::Displacement disp{Volume{V}, Frequency{N}, eta_vol};
    auto d = vapour_injection_heat_pump(VapourInjectionCompressor::geometric_mean(eta, disp));
    const auto& D = d.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(D.report);
    REQUIRE(D.converged());
    CHECK(leaving(D, d.evap).m == Approx(m_suction).epsilon(1e-9));
    CHECK(leaving(D, d.eco, 1).m == Approx(leaving(F, f.eco, 1).m).epsilon(1e-9));
    CHECK(leaving(D, d.comp).state.h.si() == Approx(leaving(F, f.comp).state.h.si()).epsilon(1e-9));
    CHECK(D.cop_heating == Approx(F.cop_heating).epsilon(1e-9));
    CHECK(D.heating_capacity == Approx(F.heating_capacity).epsilon(1e-9));
    CHECK(D.components[d.comp].entropy_generation > 0.0);
    CHECK(std::fabs(D.energy_balance) <= 1e-9);
    // Off design: 20 % more speed, 20 % more suction volume; the suction density is the same
    // (the evaporator fixes the suction state), so 20 % more suction flow.
    REQUIRE(d.sys.set_input(d.comp, Input::compressor_speed, 1.2 * N));
    const auto& D2 = d.sys.solve(SolverMethod::fallback, {}, StartMode::warm);
    INFO(D2.report);
    REQUIRE(D2.converged());
    CHECK(leaving(D2, d.evap).m == Approx(1.2 * m_suction).epsilon(1e-9));
    CHECK(D2.components[d.comp].control_value == Approx(F.components[f.comp].control_value).epsilon(1e-6));
    CHECK(std::fabs(D2.energy_balance) <= 1e-9);
    CHECK(message_of(d.sys.set_input(d.comp, Input::mass_flow, 0.1)) ==
          "component 'comp' (compressor): input 8 does not apply to a vapour-injection compressor without a fixed "
          "flow");
    auto sys = std::move(*System::create("R32"));
    CHECK(message_of(sys.add("c", VapourInjectionCompressor::geometric_mean(
                                      eta, VapourInjectionCompressor::Displacement{Volume{1e-5}, Frequency{50.0}, 1.5}))
                         .error()) == "component 'c': displacement = 1e-05 m3, speed = 50 Hz, volumetric efficiency "
                                      "= 1.5: expected positive numbers and an efficiency in (0, 1]");
}

TEST_CASE("a vapour-injection compressor from a datasheet map: suction flow and power are the map's",
          "[cycles][network][vapour-injection]") {
    // An EN 12900 map (degC, kg/s, W) rated at 5 K suction superheat and 50 Hz - the heat pump's
    // evaporator superheat, so the superheat correction is 1 and the map values are read as they
    // are. At S = -15 C, D = 45 C by hand:
    //   m = 0.08 + 0.0016 (-15) - 0.0002 (45) = 0.047 kg/s
    //   W = 3000 - 40 (-15) + 50 (45) + 0.2 (45)^2 = 3000 + 600 + 2250 + 405 = 6255 W
    const std::array<double, 10> mass{0.08, 0.0016, -0.0002, 0, 0, 0, 0, 0, 0, 0};
    const std::array<double, 10> power{3000.0, -40.0, 50.0, 0, 0, 0.2, 0, 0, 0, 0};
    const CompressorMap map(mass, power, MapUnits::si_kg_per_s, 5.0_dK, Frequency{50.0});
    auto v = vapour_injection_heat_pump(VapourInjectionCompressor::from_map(MapCompressor{map, Frequency{50.0}}));
    const auto& R = v.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const auto& suction = leaving(R, v.evap);
    const auto& injection = leaving(R, v.eco, 1);
    const auto& discharge = leaving(R, v.comp);
    CHECK(suction.m == Approx(0.047).epsilon(1e-9));
    CHECK(R.components[v.comp].electrical_power == Approx(6255.0).epsilon(1e-9));
    CHECK(R.components[v.comp].power == Approx(6255.0).epsilon(1e-9)); // no shell loss
    // The energy balance of the whole compressor, both inlets.
    CHECK(discharge.m * discharge.state.h.si() ==
          Approx(suction.m * suction.state.h.si() + injection.m * injection.state.h.si() + 6255.0).epsilon(1e-9));
    CHECK(discharge.state.p.si() > injection.state.p.si());
    CHECK(injection.m > 0.0);
    CHECK(R.components[v.comp].entropy_generation > 0.0);
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-9);
    for (std::uint32_t i = 0; i < v.sys.component_count(); ++i) {
        INFO(v.sys.component_name(i));
        CHECK(R.components[i].entropy_generation >= -1e-6);
    }
    std::printf("vapour injection R32 from a map: m_s %.6f kg/s, m_i %.6f kg/s, W %.1f W, COP_h %.6f\n", suction.m,
                injection.m, R.components[v.comp].electrical_power, R.cop_heating);
    // 60 Hz: the single map scales flow and power with speed.
    REQUIRE(v.sys.set_input(v.comp, Input::compressor_speed, 60.0));
    const auto& R2 = v.sys.solve(SolverMethod::fallback, {}, StartMode::warm);
    INFO(R2.report);
    REQUIRE(R2.converged());
    CHECK(leaving(R2, v.evap).m == Approx(0.047 * 1.2).epsilon(1e-9));
    CHECK(R2.components[v.comp].electrical_power == Approx(6255.0 * 1.2).epsilon(1e-9));
    CHECK(message_of(v.sys.set_input(v.comp, Input::isentropic_efficiency, 0.7)) ==
          "component 'comp' (compressor): input 9 does not apply to a map vapour-injection compressor");
}
