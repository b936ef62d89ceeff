// Nothing wrong is ever reported OK: a root of the cycle equations that breaks a physical law is
// reported as SolveStatus::non_physical with the component and the law; every converged result is
// admissible; a failed solve never shows an earlier solve's figures; a refused input changes
// nothing; warnings flag what is admissible but noteworthy.
#include <cmath>
#include <cstring>
#include <random>
#include <string>

#include "cycles/cycle_fixtures.hpp"

using namespace fixtures;

namespace {

bool contains(const char* text, const char* what) { return std::strstr(text, what) != nullptr; }

/// Independent of the engine's own check: every law an OK result must obey.
void check_admissible(System& sys, const CycleResults& r) {
    INFO(r.report);
    for (const auto& c : r.connections) {
        CHECK(std::isfinite(c.state.T.si()));
        CHECK(c.state.T.si() > 0.0);
        CHECK(c.state.p.si() > 0.0);
        CHECK(std::isfinite(c.state.s.si()));
        CHECK(c.m > 0.0);
    }
    for (std::uint32_t i = 0; i < r.components.size(); ++i) {
        const auto& rep = r.components[i];
        const auto role = sys.component(i).role();
        const double s_scale = 1e-5 * std::max(1.0, r.connections[0].m * 2e3);
        CHECK(rep.entropy_generation >= -s_scale);
        if (role == Role::compressor) {
            CHECK(rep.power > 0.0);
            CHECK(rep.electrical_power > 0.0);
        }
        if (role == Role::condenser) CHECK(rep.heat_rate <= 1e-6);
        if (role == Role::evaporator) CHECK(rep.heat_rate >= -1e-6);
    }
    // Pressure rises across the compressor (connection into it vs out of it).
    for (const auto& c : r.connections)
        if (sys.component(c.to).role() == Role::compressor)
            for (const auto& d : r.connections)
                if (d.from == c.to) CHECK(d.state.p.si() > c.state.p.si());
    CHECK(std::fabs(r.energy_balance) <= 1e-6);
    CHECK(r.mass_balance <= 1e-6);
    CHECK(r.compressor_power > 0.0);
    CHECK(r.cop_cooling > 0.0);
    CHECK(r.cop_heating > 1.0);
}

} // namespace

TEST_CASE("Swapped condensing and evaporating temperatures are reported non-physical", "[cycles][admissibility]") {
    // Evaporating (dew) 45 C, condensing (bubble) 5 C: the equations have a root on which the
    // compressor lowers the pressure and takes negative work.
    auto l = simple_loop("R32", IsentropicCompressor{0.8, 0.1_kg_per_s}, FixedSaturationCondenser{5.0_degC, 3.0_dK},
                         FixedSaturationEvaporator{45.0_degC, 5.0_dK});
    for (auto method : {SolverMethod::newton, SolverMethod::fallback}) {
        const auto& r = l.sys.solve(method, {}, StartMode::cold);
        INFO(r.report);
        CHECK(r.status == SolveStatus::non_physical);
        CHECK_FALSE(r.converged());
        CHECK(contains(r.report, "non-physical solution: compressor 'compressor': outlet pressure"));
        CHECK(contains(r.report, "swapped"));
        // The report starts with the cause.
        CHECK(std::strncmp(r.report, "non-physical solution:", 22) == 0);
        CHECK(r.warnings.empty());
    }
}

TEST_CASE("Swapped condenser and evaporator pressures are reported non-physical", "[cycles][admissibility]") {
    auto l = simple_loop("R134a", IsentropicCompressor{0.75, 0.05_kg_per_s}, FixedSaturationCondenser{0.14_MPa, 0.0_dK},
                         FixedSaturationEvaporator{0.8_MPa, 0.0_dK});
    const auto& r = l.sys.solve(SolverMethod::newton);
    INFO(r.report);
    CHECK(r.status == SolveStatus::non_physical);
    CHECK(contains(r.report, "compressor 'compressor': outlet pressure 1.4 bar is not above the inlet's 8 bar"));
    // A later warm solve does not start from the inadmissible root: with the levels put right it
    // converges to the admissible cycle.
    REQUIRE(l.sys.set_input(l.cond, Input::saturation_temperature, from_celsius(45.0).si()));
    REQUIRE(l.sys.set_input(l.evap, Input::saturation_temperature, from_celsius(0.0).si()));
    const auto& ok = l.sys.solve(SolverMethod::newton);
    INFO(ok.report);
    CHECK(ok.status == SolveStatus::converged);
    check_admissible(l.sys, ok);
}

TEST_CASE("Swapped secondary temperatures never give an inadmissible OK", "[cycles][admissibility]") {
    // Condenser air at 5 C, evaporator air at 40 C: either a physical steady state (the refrigerant
    // still condenses above the evaporating level) or a clear refusal — never a wrong OK.
    for (double T_cond_air : {5.0, 15.0, 27.0}) {
        HeatPumpSpec spec;
        spec.T_cond_air = T_cond_air;
        spec.T_evap_air = 40.0;
        auto hp = heat_pump(spec);
        const auto& r = hp.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
        INFO("condenser air " << T_cond_air << " C: " << r.report);
        if (r.converged())
            check_admissible(hp.sys, r);
        else
            CHECK(std::strlen(r.report) > 0);
    }
}

TEST_CASE("Admissibility check accepts the validation cycles unchanged", "[cycles][admissibility]") {
    for (auto make : {cengel_11_1, r32_cycle, moran_10_1}) {
        auto l = make();
        const auto& r = l.sys.solve(SolverMethod::newton);
        INFO(r.report);
        REQUIRE(r.status == SolveStatus::converged);
        check_admissible(l.sys, r);
        CHECK(r.warnings.empty());
    }
    for (auto backend : {Backend::eos, Backend::tables}) {
        HeatPumpSpec spec;
        spec.backend = backend;
        auto hp = heat_pump(spec);
        const auto& r = hp.sys.solve();
        INFO(r.report);
        REQUIRE(r.converged());
        check_admissible(hp.sys, r);
    }
}

TEST_CASE("R32 design envelope: every OK result is admissible, every failure says why", "[cycles][admissibility]") {
    // T_evap -40..15 C (dew), T_cond 20..65 C (bubble), superheat 0..15 K, subcooling 0..15 K,
    // isentropic efficiency 0.5..1, 0.1 kg/s; 2,000 seeded points.
    std::mt19937_64 rng(20261129);
    std::uniform_real_distribution<double> U(0.0, 1.0);
    int ok = 0, failed = 0, hot = 0, extrapolated = 0;
    auto l = simple_loop("R32", IsentropicCompressor{0.8, 0.1_kg_per_s}, FixedSaturationCondenser{45.0_degC, 3.0_dK},
                         FixedSaturationEvaporator{5.0_degC, 5.0_dK});
    const double T_pub = (*fluids::find_fluid("R32"))->T_max().si();
    for (int k = 0; k < 2000; ++k) {
        const double Te = -40.0 + 55.0 * U(rng), Tc = 20.0 + 45.0 * U(rng);
        const double sh = 15.0 * U(rng), sc = 15.0 * U(rng), eta = 0.5 + 0.5 * U(rng);
        REQUIRE(l.sys.set_input(l.evap, Input::saturation_temperature, Te + 273.15));
        REQUIRE(l.sys.set_input(l.cond, Input::saturation_temperature, Tc + 273.15));
        REQUIRE(l.sys.set_input(l.evap, Input::superheat, sh));
        REQUIRE(l.sys.set_input(l.cond, Input::subcooling, sc));
        REQUIRE(l.sys.set_input(l.comp, Input::isentropic_efficiency, eta));
        const auto& r = l.sys.solve(SolverMethod::fallback, {}, (k % 2) ? StartMode::warm : StartMode::cold);
        INFO("point " << k << ": Te " << Te << " Tc " << Tc << " sh " << sh << " sc " << sc << " eta " << eta << "\n"
                      << r.report);
        if (r.converged()) {
            ++ok;
            check_admissible(l.sys, r);
            const double T2 = r.connections[0].state.T.si();
            if (T2 > 408.15) {
                ++hot;
                CHECK(r.warnings.has(WarningCode::discharge_temperature, static_cast<std::int32_t>(l.comp)));
            }
            if (T2 > T_pub) {
                ++extrapolated;
                CHECK(r.warnings.has(WarningCode::extrapolated_state));
            }
        } else {
            ++failed;
            CHECK(std::strlen(r.report) > 0);
            // Every point of this envelope is a physical cycle (evaporating below condensing): a
            // refusal may only come from the property range (a discharge state beyond the model's
            // temperature range), never from a violated law.
            if (r.status == SolveStatus::non_physical) CHECK(contains(r.report, "outside the property model"));
        }
    }
    WARN("R32 envelope: " << ok << " OK (" << hot << " above 135 C, " << extrapolated << " extrapolated), " << failed
                          << " refused");
    CHECK(ok + failed == 2000);
    CHECK(ok >= 1600);
}

TEST_CASE("A failed solve never shows an earlier solve's figures", "[cycles][admissibility]") {
    auto l = r32_cycle();
    // Condensing at 50 C: the automatic guess of the failed solve below (45 C by default) must not
    // coincide with this solution by construction.
    REQUIRE(l.sys.set_input(l.cond, Input::saturation_temperature, from_celsius(50.0).si()));
    const auto& r = l.sys.solve(SolverMethod::newton);
    REQUIRE(r.status == SolveStatus::converged);
    const double cop = r.cop_cooling, Q = r.cooling_capacity, T2 = r.connections[0].state.T.si();
    // Saturation above the critical temperature: no state; the iteration cannot even start.
    REQUIRE(l.sys.set_input(l.cond, Input::saturation_temperature, 400.0));
    SolveSettings one;
    one.max_iterations = 1;
    const auto& bad = l.sys.solve(SolverMethod::newton, one, StartMode::cold);
    INFO(bad.report);
    REQUIRE_FALSE(bad.converged());
    CHECK(bad.warnings.empty());
    // The figures are the last iterate's (or NaN), never the converged solve's.
    CHECK_FALSE(bad.cop_cooling == cop);
    CHECK_FALSE(bad.cooling_capacity == Q);
    CHECK_FALSE(bad.connections[0].state.T.si() == T2);
}

TEST_CASE("A state the property model refuses is NaN, never zero or stale", "[cycles][admissibility]") {
    auto l = r32_cycle();
    REQUIRE(l.sys.solve(SolverMethod::newton).converged());
    // Drive the iterate outside the model: a one-iteration Newton from a cold start with the
    // condenser far above the critical point fails; every connection holds what the last iterate
    // gives, a state the model refuses is NaN.
    REQUIRE(l.sys.set_input(l.cond, Input::saturation_temperature, 420.0));
    const auto& bad = l.sys.solve(SolverMethod::newton, {}, StartMode::cold);
    INFO(bad.report);
    REQUIRE_FALSE(bad.converged());
    for (const auto& c : bad.connections)
        if (!std::isfinite(c.state.T.si())) {
            CHECK(std::isnan(c.state.s.si()));
            CHECK(std::isnan(c.state.rho.si()));
        } else {
            CHECK(c.state.T.si() > 0.0);
        }
}

namespace {

/// Solves cold and returns the figures that must be bit-identical across a refused set_input.
struct Snapshot {
    double cop, Q, W, T2, p2, m;
    bool operator==(const Snapshot&) const = default;
};
Snapshot snap(System& sys) {
    const auto& r = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(r.report);
    REQUIRE(r.converged());
    return {r.cop_cooling,
            r.cooling_capacity,
            r.compressor_power,
            r.connections[0].state.T.si(),
            r.connections[0].state.p.si(),
            r.connections[0].m};
}

void refused_changes_nothing(System& sys, std::uint32_t comp, Input which, std::initializer_list<double> bad) {
    const Snapshot before = snap(sys);
    for (double v : bad) {
        auto res = sys.set_input(comp, which, v);
        INFO("input " << static_cast<int>(which) << " = " << v);
        REQUIRE_FALSE(res.has_value());
        CHECK(res.error().code() == Errc::invalid_argument);
        CHECK(res.error().message().size() > 10);
        CHECK(snap(sys) == before);
    }
}

} // namespace

TEST_CASE("A refused set_input changes nothing, for every input of every component kind", "[cycles][inputs]") {
    constexpr double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    SECTION("isentropic compressor (fixed flow) and fixed-saturation exchangers") {
        auto l = r32_cycle();
        refused_changes_nothing(l.sys, l.comp, Input::isentropic_efficiency, {2.0, 0.0, -0.5, 1.0000001, nan, inf});
        refused_changes_nothing(l.sys, l.comp, Input::mass_flow, {0.0, -0.1, inf, 1e-320 * -1.0});
        refused_changes_nothing(l.sys, l.comp, Input::compressor_speed, {50.0});
        refused_changes_nothing(l.sys, l.cond, Input::subcooling, {-3.0, -1e-9, inf});
        refused_changes_nothing(l.sys, l.cond, Input::saturation_temperature, {-5.0, 0.0, nan});
        refused_changes_nothing(l.sys, l.cond, Input::superheat, {5.0});
        refused_changes_nothing(l.sys, l.evap, Input::superheat, {-1.0, inf});
        refused_changes_nothing(l.sys, l.evap, Input::saturation_temperature, {-273.0, 0.0});
        refused_changes_nothing(l.sys, l.evap, Input::subcooling, {3.0});
        refused_changes_nothing(l.sys, l.valve, Input::valve_opening, {0.5});
    }
    SECTION("isentropic compressor with a displacement") {
        auto l = simple_loop("R32", IsentropicCompressor{0.7, Volume{30e-6}, 50.0_Hz, 0.9},
                             FixedSaturationCondenser{45.0_degC, 3.0_dK}, FixedSaturationEvaporator{5.0_degC, 5.0_dK});
        refused_changes_nothing(l.sys, l.comp, Input::compressor_speed, {0.0, -50.0, inf});
        refused_changes_nothing(l.sys, l.comp, Input::isentropic_efficiency, {1.5});
        refused_changes_nothing(l.sys, l.comp, Input::mass_flow, {0.1});
    }
    SECTION("map compressor, secondary-fluid exchangers, fixed-superheat valve") {
        auto hp = heat_pump();
        refused_changes_nothing(hp.sys, hp.comp, Input::compressor_speed, {0.0, -60.0, inf});
        refused_changes_nothing(hp.sys, hp.comp, Input::isentropic_efficiency, {0.7});
        refused_changes_nothing(hp.sys, hp.cond, Input::secondary_inlet_temperature, {-5.0, 0.0, inf});
        refused_changes_nothing(hp.sys, hp.cond, Input::secondary_mass_flow, {0.0, -1.0});
        refused_changes_nothing(hp.sys, hp.cond, Input::subcooling, {-3.0});
        refused_changes_nothing(hp.sys, hp.evap, Input::secondary_inlet_temperature, {-1.0});
        refused_changes_nothing(hp.sys, hp.evap, Input::secondary_mass_flow, {0.0});
        refused_changes_nothing(hp.sys, hp.evap, Input::subcooling, {3.0});
        refused_changes_nothing(hp.sys, hp.valve, Input::superheat_setpoint, {-2.0, inf});
        refused_changes_nothing(hp.sys, hp.valve, Input::valve_opening, {0.5});
    }
    SECTION("orifice valve") {
        HeatPumpSpec spec;
        spec.valve = ExpansionValve::orifice(2.0e-6, 0.5);
        auto hp = heat_pump(spec);
        const auto& r = hp.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
        if (r.converged()) {
            refused_changes_nothing(hp.sys, hp.valve, Input::valve_opening, {-0.1, 1.5, inf});
            refused_changes_nothing(hp.sys, hp.valve, Input::superheat_setpoint, {5.0});
        }
    }
}

TEST_CASE("Warnings: discharge temperature limit and map speed envelope", "[cycles][warnings]") {
    SECTION("discharge above a lowered limit") {
        auto l = r32_cycle();
        SolveSettings s;
        s.discharge_temperature_limit = from_celsius(80.0).si(); // the R32 cycle discharges at 88.76 C
        const auto& r = l.sys.solve(SolverMethod::newton, s);
        REQUIRE(r.status == SolveStatus::converged);
        REQUIRE(r.warnings.size() == 1);
        CHECK(r.warnings[0].code == WarningCode::discharge_temperature);
        CHECK(r.warnings[0].component == static_cast<std::int32_t>(l.comp));
        CHECK(contains(r.warnings[0].message, "compressor 'compressor': discharge temperature 88.8 C is above the "
                                              "limit of 80.0 C"));
        // The default limit (135 C) is not reached: a warm solve clears the warning.
        const auto& again = l.sys.solve(SolverMethod::newton);
        CHECK(again.warnings.empty());
    }
    SECTION("map compressor run far from its single 60 Hz map") {
        HeatPumpSpec spec;
        spec.speed_hz = 40.0;
        auto hp = heat_pump(spec);
        const auto& r = hp.sys.solve();
        INFO(r.report);
        REQUIRE(r.converged());
        REQUIRE(r.warnings.has(WarningCode::map_envelope, static_cast<std::int32_t>(hp.comp)));
        CHECK(contains(r.warnings[0].message, "compressor 'compressor': speed 40 Hz is more than 10 % away from the "
                                              "map's 60 Hz"));
        REQUIRE(hp.sys.set_input(hp.comp, Input::compressor_speed, 60.0));
        CHECK_FALSE(hp.sys.solve().warnings.has(WarningCode::map_envelope));
    }
    SECTION("map envelope of the suction and discharge dew points") {
        auto hp = System::create("R410A");
        REQUIRE(hp);
        // The ACHP map with a deliberately narrow envelope: suction dew 0..5 C.
        const auto map =
            achp_map().with_envelope(from_celsius(0.0), from_celsius(5.0), from_celsius(30.0), from_celsius(60.0));
        const auto comp = *hp->add("compressor", MapCompressor{map, 60.0_Hz});
        const auto cond = *hp->add("condenser", Condenser{HxModel::moving_boundary, ThermalConductance{2400.0},
                                                          SecondaryFluid::air(from_celsius(35.0), 1.4_kg_per_s)}
                                                    .with_subcooling(7.0_dK));
        const auto valve = *hp->add("valve", ExpansionValve::fixed_superheat(5.0_dK));
        const auto evap = *hp->add("evaporator", Evaporator{HxModel::moving_boundary, ThermalConductance{1300.0},
                                                            SecondaryFluid::air(from_celsius(27.0), 0.6_kg_per_s)});
        REQUIRE(hp->connect(comp, cond));
        REQUIRE(hp->connect(cond, valve));
        REQUIRE(hp->connect(valve, evap));
        REQUIRE(hp->connect(evap, comp));
        REQUIRE(hp->finalize());
        const auto& r = hp->solve();
        INFO(r.report);
        REQUIRE(r.converged());
        // The demo's suction dew point is about 12 C: outside 0..5 C.
        REQUIRE(r.warnings.has(WarningCode::map_envelope));
        CHECK(contains(r.warnings[0].message, "is outside the envelope of the 60 Hz map (suction 0.0..5.0 C"));
        // A bad envelope is refused when the component is added.
        auto bad = map.with_envelope(from_celsius(10.0), from_celsius(5.0), from_celsius(30.0), from_celsius(60.0));
        auto sys2 = System::create("R410A");
        auto added = sys2->add("compressor", MapCompressor{bad, 60.0_Hz});
        REQUIRE_FALSE(added);
        CHECK(added.error().code() == Errc::invalid_argument);
        CHECK(contains(added.error().c_str(), "envelope"));
    }
}
