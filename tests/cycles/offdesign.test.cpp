// Off-design: an R410A air-to-air heat pump that finds its own pressures from a compressor map,
// moving-boundary heat exchangers with air, a superheat-holding valve and a subcooling spec.
#include <cstdio>

#include "cycles/cycle_fixtures.hpp"

using namespace fixtures;
using Catch::Matchers::WithinRel;

namespace {

void check_heat_pump(HeatPump& hp, const CycleResults& r) {
    INFO(r.report);
    REQUIRE(r.converged());
    check_balances(r);
    CHECK(r.superheat == Approx(5.0).margin(1e-6));
    CHECK(r.subcooling == Approx(7.0).margin(1e-6));
    const auto& cond = r.components[hp.cond];
    const auto& evap = r.components[hp.evap];
    // Secondary outlets between the air inlet and the refrigerant temperatures.
    const auto* c = hp.sys.component(hp.cond).as<Condenser>();
    const auto* e = hp.sys.component(hp.evap).as<Evaporator>();
    REQUIRE(c);
    REQUIRE(e);
    const double T_dis = r.connections[0].state.T.si();
    CHECK(cond.secondary_outlet_T > c->secondary().inlet_temperature());
    CHECK(cond.secondary_outlet_T < T_dis);
    const double T_suc_sat = r.connections[2].state.T.si(); // valve outlet, two-phase
    CHECK(evap.secondary_outlet_T < e->secondary().inlet_temperature());
    CHECK(evap.secondary_outlet_T > T_suc_sat);
}

} // namespace

TEST_CASE("R410A air-to-air heat pump: moving boundary, map compressor, TXV, subcooling", "[cycles][offdesign]") {
    auto hp = heat_pump();
    const auto& r = hp.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    check_heat_pump(hp, r);
    std::printf("heat pump: Q_cond = %.1f W, Q_evap = %.1f W, W = %.1f W, COP_h = %.4f, p_dis = %.3f bar, p_suc = "
                "%.3f bar, %d iterations, %.3f ms\n",
                r.heating_capacity, r.cooling_capacity, r.compressor_power, r.cop_heating,
                r.connections[0].state.p.si() / 1e5, r.connections[3].state.p.si() / 1e5, r.iterations,
                r.solve_time_s * 1e3);
    // Zone fractions in [0, 1], summing to one; effectiveness <= 1 in every zone.
    const auto& st = hp.sys.state_vector();
    const auto* c = hp.sys.component(hp.cond).as<Condenser>();
    Condenser::ZoneInfo zi;
    const auto n = hp.sys.connection_count();
    EdgeState in{st[0], st[1], st[2]}, out{st[3], st[4], st[5]};
    REQUIRE(c->zone_info(hp.sys.properties(), in, out, st.subspan(3 * n, 3), zi));
    double sum = 0.0;
    for (int z = 0; z < 3; ++z) {
        CHECK(zi.fraction[z] >= 0.0);
        CHECK(zi.fraction[z] <= 1.0);
        CHECK(zi.effectiveness[z] <= 1.0);
        sum += zi.fraction[z];
    }
    CHECK(sum == Approx(1.0).margin(1e-9));
    CHECK(zi.fraction[2] > 0.0); // 7 K of subcooling needs a subcooled zone
}

TEST_CASE("physical trends of the heat pump", "[cycles][offdesign]") {
    auto base = heat_pump();
    const auto r0 = base.sys.solve(SolverMethod::fallback);
    REQUIRE(r0.converged());

    SECTION("a hotter condenser air lowers COP and raises the discharge pressure") {
        HeatPumpSpec s;
        s.T_cond_air = 40.0;
        auto hp = heat_pump(s);
        const auto& r = hp.sys.solve(SolverMethod::fallback);
        check_heat_pump(hp, r);
        CHECK(r.cop_heating < r0.cop_heating);
        CHECK(r.connections[0].state.p.si() > r0.connections[0].state.p.si());
    }
    SECTION("a faster compressor raises capacity and lowers the evaporating temperature") {
        HeatPumpSpec s;
        s.speed_hz = 75.0;
        auto hp = heat_pump(s);
        const auto& r = hp.sys.solve(SolverMethod::fallback);
        check_heat_pump(hp, r);
        CHECK(r.cooling_capacity > r0.cooling_capacity);
        CHECK(r.connections[2].state.T.si() < r0.connections[2].state.T.si());
    }
    SECTION("larger heat exchangers raise COP") {
        HeatPumpSpec s;
        s.UA_cond *= 1.5;
        s.UA_evap *= 1.5;
        auto hp = heat_pump(s);
        const auto& r = hp.sys.solve(SolverMethod::fallback);
        check_heat_pump(hp, r);
        CHECK(r.cop_heating > r0.cop_heating);
    }
}

TEST_CASE("superheat control: reachable set-point held, unreachable one saturates the opening",
          "[cycles][offdesign][control]") {
    // A valve sized so that 5 K superheat needs roughly half its opening.
    HeatPumpSpec s;
    s.valve = ExpansionValve::superheat_control(2.0e-6, 5.0_dK, 0.05, 1.0);
    auto hp = heat_pump(s);
    const auto& r = hp.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(r.report);
    REQUIRE(r.status == SolveStatus::converged);
    CHECK(r.superheat == Approx(5.0).margin(1e-6));
    const double opening = r.components[hp.valve].control_value;
    CHECK(opening > 0.05);
    CHECK(opening < 1.0);

    // The same valve with a maximum opening far below what 5 K needs: the opening is pinned and the
    // superheat rises above the set-point.
    HeatPumpSpec t;
    t.valve = ExpansionValve::superheat_control(2.0e-6, 5.0_dK, 0.01, 0.5 * opening);
    auto small = heat_pump(t);
    const auto& rs = small.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(rs.report);
    REQUIRE(rs.status == SolveStatus::converged_control_saturation);
    CHECK(rs.components[small.valve].control_value == Approx(0.5 * opening).epsilon(1e-9));
    CHECK(rs.components[small.valve].control_saturated);
    CHECK(rs.superheat > 5.0 + 0.1);
    check_balances(rs);
}

TEST_CASE("200 operating points converge from warm starts, and >= 95 % from cold starts", "[cycles][offdesign]") {
    auto warm = heat_pump();
    REQUIRE(warm.sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    auto cold = heat_pump();
    int warm_ok = 0, cold_ok = 0, n = 0;
    for (double speed : {40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0, 45.0, 55.0, 65.0})
        for (int k = 0; k < 20; ++k) {
            const double T_amb = 20.0 + 1.0 * k; // condenser air 20..39 C
            for (auto* hp : {&warm, &cold}) {
                REQUIRE(hp->sys.set_input(hp->comp, Input::compressor_speed, speed));
                REQUIRE(hp->sys.set_input(hp->cond, Input::secondary_inlet_temperature, from_celsius(T_amb).si()));
            }
            const auto& rw = warm.sys.solve(SolverMethod::fallback, {}, StartMode::warm);
            if (rw.converged()) {
                ++warm_ok;
                CHECK(std::fabs(rw.energy_balance) <= 1e-9);
            }
            cold_ok += cold.sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged() ? 1 : 0;
            ++n;
        }
    std::printf("sweep of %d points: warm starts %d converged, cold starts %d converged (%.1f %%)\n", n, warm_ok,
                cold_ok, 100.0 * cold_ok / n);
    CHECK(warm_ok == n);
    CHECK(cold_ok >= 0.95 * n);
}

TEST_CASE("the heat pump on the property tables agrees with the EOS", "[cycles][offdesign][tables]") {
    auto eos = heat_pump();
    HeatPumpSpec s;
    s.backend = Backend::tables;
    auto tab = heat_pump(s);
    const auto re = eos.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    const auto& rt = tab.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(rt.report);
    REQUIRE(re.converged());
    REQUIRE(rt.converged());
    check_balances(rt);
    // The tables reproduce the EOS to ~1e-7 in T and ~1e-6 in density: cycle figures agree to 1e-5.
    CHECK_THAT(rt.cop_heating, WithinRel(re.cop_heating, 1e-5));
    CHECK_THAT(rt.heating_capacity, WithinRel(re.heating_capacity, 1e-5));
    for (std::size_t i = 0; i < re.connections.size(); ++i)
        CHECK_THAT(rt.connections[i].state.p.si(), WithinRel(re.connections[i].state.p.si(), 1e-5));
}

TEST_CASE("a liquid receiver is the charge condition when no subcooling is given", "[cycles][offdesign]") {
    auto sys = std::move(*System::create("R410A"));
    const auto comp = *sys.add("compressor", MapCompressor{achp_map(), 60.0_Hz});
    const auto cond = *sys.add(
        "condenser", Condenser{HxModel::moving_boundary, 2400.0_W_per_K, SecondaryFluid::air(35.0_degC, 1.4_kg_per_s)});
    const auto rec = *sys.add("receiver", Receiver{});
    const auto valve = *sys.add("valve", ExpansionValve::fixed_superheat(5.0_dK));
    const auto evap = *sys.add("evaporator", Evaporator{HxModel::moving_boundary, 1300.0_W_per_K,
                                                        SecondaryFluid::air(27.0_degC, 0.6_kg_per_s)});
    REQUIRE(sys.connect(comp, cond));
    REQUIRE(sys.connect(cond, rec));
    REQUIRE(sys.connect(rec, valve));
    REQUIRE(sys.connect(valve, evap));
    REQUIRE(sys.connect(evap, comp));
    auto f = sys.finalize();
    INFO((f ? "" : std::string(f.error().message())));
    REQUIRE(f.has_value());
    const auto& r = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(r.report);
    REQUIRE(r.converged());
    check_balances(r);
    CHECK(r.subcooling == Approx(0.0).margin(1e-6)); // saturated liquid leaves the condenser
    CHECK(r.superheat == Approx(5.0).margin(1e-6));
    CHECK(r.components[rec].heat_rate == Approx(0.0).margin(1e-9));
}

TEST_CASE("a receiver together with a subcooling specification fixes the charge twice", "[cycles][validation]") {
    auto sys = std::move(*System::create("R410A"));
    const auto comp = *sys.add("compressor", MapCompressor{achp_map(), 60.0_Hz});
    const auto cond = *sys.add(
        "cond",
        Condenser{HxModel::epsilon_ntu, 2400.0_W_per_K, SecondaryFluid::air(35.0_degC, 1.4_kg_per_s)}.with_subcooling(
            3.0_dK));
    const auto rec = *sys.add("rec", Receiver{});
    const auto valve = *sys.add("valve", ExpansionValve::fixed_superheat(5.0_dK));
    const auto evap = *sys.add(
        "evap", Evaporator{HxModel::epsilon_ntu, 1300.0_W_per_K, SecondaryFluid::air(27.0_degC, 0.6_kg_per_s)});
    REQUIRE(sys.connect(comp, cond));
    REQUIRE(sys.connect(cond, rec));
    REQUIRE(sys.connect(rec, valve));
    REQUIRE(sys.connect(valve, evap));
    REQUIRE(sys.connect(evap, comp));
    const auto f = sys.finalize();
    REQUIRE_FALSE(f);
    const std::string m(f.error().message());
    CHECK(m.find("16 equations for 15 unknowns") != std::string::npos);
    CHECK(
        m.find("the charge is fixed more than once, by 'cond' (outlet subcooling), 'rec' (saturated liquid outlet)") !=
        std::string::npos);
}
