// Several refrigerant loops in one System, coupled by a cascade heat exchanger: the validation
// case of an R134a cascade (case b), an R744/R717 cascade with two refrigerants, and the messages
// for loops that are not fully specified.
//
// Reference figures (case b, docs/components.md "Several loops"): Cengel & Boles,
// "Thermodynamics: An Engineering Approach", Example 11-4, recomputed independently with
// CoolProp 8.0.0 (HEOS backend; the same reference equation of state for R134a, Tillner-Roth &
// Baehr 1994) with every state polished to round-off. Definition: upper cycle A between 0.8 and
// 0.32 MPa with 0.05 kg/s, lower cycle B between 0.32 and 0.14 MPa, both compressors isentropic,
// saturated liquid out of both condensers and saturated vapour out of both evaporators, both
// streams of the cascade exchanger at 0.32 MPa (no temperature difference at its cold end).
// Published answers: m_B = 0.0390 kg/s, Q_L = 7.18 kW, W_in = 1.61 kW, COP = 4.46 (the book
// interpolates its superheated table for the compressor outlets and rounds m_B before use; the
// oracle figures are exact for the stated cycle).
#include <cmath>
#include <cstdio>
#include <string>

#include "cycles/cycle_fixtures.hpp"

using namespace fixtures;

namespace {

constexpr double m_B = 0.0389572723226, Q_L = 7167.51626172, W_B = 652.307640496, W_A = 950.131493727;
constexpr double W_in = 1602.43913422, Q_cascade = 7819.82390222, Q_H = 8769.95539595, cop = 4.47287894351;
constexpr double h1 = 387319.969042, h2 = 404064.150593, h3 = 203335.93129;
constexpr double h5 = 400041.884255, h6 = 419044.51413, h7 = 243645.406211;
constexpr double T1 = 254.390429624, T2 = 280.072898159, T3 = 275.626808793, T6 = 307.842742438;
constexpr double x4 = 0.132463345057, x8 = 0.20492249631, s_gen_cascade = 0.00453058721163;

bool near(double a, double b, double rel) { return std::fabs(a - b) <= rel * std::fabs(b); }

std::string message_of(const Result<void>& r) { return r ? std::string() : std::string(r.error().message()); }

const ConnectionResult& leaving(const CycleResults& R, std::uint32_t from, std::uint32_t port = 0) {
    for (const auto& c : R.connections)
        if (c.from == from && c.from_port == port) return c;
    FAIL("no connection leaves component " << from);
    return R.connections.front();
}

struct Cascade {
    System sys;
    std::uint32_t comp_a, cond_a, valve_a, casc_evap, comp_b, casc_cond, valve_b, evap_b;
};

/// Two loops and the cascade exchanger `hx`; the upper loop (A) is on the system's refrigerant,
/// the lower (B) on `lower` (nullptr: the same); m_B > 0 gives the lower compressor a mass flow
/// (the UA form), 0 leaves it to the exchanger's energy balance (the approach form).
Cascade cascade_with(const char* upper, const char* lower, double pH, const CascadeHeatExchanger& hx, double pL,
                     double m_A, double m_B, Backend backend = Backend::eos) {
    auto s = System::create(upper, backend);
    REQUIRE(s.has_value());
    Cascade c{std::move(*s), 0, 0, 0, 0, 0, 0, 0, 0};
    c.comp_a = *c.sys.add("comp_a", IsentropicCompressor{1.0, MassFlow{m_A}});
    c.cond_a = *c.sys.add("cond_a", FixedSaturationCondenser{Pressure{pH}, 0.0_dK});
    c.valve_a = *c.sys.add("valve_a", IsenthalpicValve{});
    auto sides = c.sys.add_cascade("cascade_cond", "cascade_evap", hx);
    REQUIRE(sides.has_value());
    c.casc_cond = sides->first;
    c.casc_evap = sides->second;
    c.comp_b = *c.sys.add("comp_b", m_B > 0.0 ? IsentropicCompressor{1.0, MassFlow{m_B}} : IsentropicCompressor{1.0});
    c.valve_b = *c.sys.add("valve_b", IsenthalpicValve{});
    c.evap_b = *c.sys.add("evap_b", FixedSaturationEvaporator{Pressure{pL}, 0.0_dK});
    if (lower) REQUIRE(c.sys.set_refrigerant("comp_b", lower, backend));
    REQUIRE(c.sys.connect("comp_a.discharge", "cond_a"));
    REQUIRE(c.sys.connect("cond_a", "valve_a"));
    REQUIRE(c.sys.connect("valve_a", "cascade_evap"));
    REQUIRE(c.sys.connect("cascade_evap", "comp_a.suction"));
    REQUIRE(c.sys.connect("comp_b.discharge", "cascade_cond"));
    REQUIRE(c.sys.connect("cascade_cond", "valve_b"));
    REQUIRE(c.sys.connect("valve_b", "evap_b"));
    REQUIRE(c.sys.connect("evap_b", "comp_b.suction"));
    auto fin = c.sys.finalize();
    INFO(message_of(fin));
    REQUIRE(fin.has_value());
    return c;
}

Cascade cascade(const char* upper, const char* lower, double pH, double pI_or_T, bool by_temperature, double pL,
                double approach, double m_A, Backend backend = Backend::eos) {
    const auto hx = by_temperature
                        ? CascadeHeatExchanger::at_temperature(Temperature{pI_or_T}, TemperatureDifference{approach})
                        : CascadeHeatExchanger::at_pressure(Pressure{pI_or_T}, TemperatureDifference{approach});
    return cascade_with(upper, lower, pH, hx, pL, m_A, 0.0, backend);
}

/// The zone model's required UA and pinch of a solved cascade's exchanger.
detail::CascadeZones zones_of(const Cascade& c, const CycleResults& R) {
    auto edge = [&](std::uint32_t from) {
        const auto& k = leaving(R, from);
        return EdgeState{k.state.p.si(), k.state.h.si(), k.m};
    };
    auto z = CascadeHeatExchanger::required_ua(c.sys.loop_properties(c.sys.loop_of(c.casc_cond)), edge(c.comp_b),
                                               edge(c.casc_cond), c.sys.loop_properties(c.sys.loop_of(c.casc_evap)),
                                               edge(c.valve_a), edge(c.casc_evap));
    INFO(message_of(z ? Result<void>{} : Result<void>{z.error()}));
    REQUIRE(z.has_value());
    return *z;
}

/// First law per loop: the heat and work each loop takes in sum to zero.
void check_loop_balances(const Cascade& c, const CycleResults& R) {
    const auto& K = R.components;
    const double loop_a = K[c.comp_a].power + K[c.cond_a].heat_rate + K[c.valve_a].heat_rate + K[c.casc_evap].heat_rate;
    const double loop_b = K[c.comp_b].power + K[c.casc_cond].heat_rate + K[c.valve_b].heat_rate + K[c.evap_b].heat_rate;
    CHECK(std::fabs(loop_a) <= 1e-9 * std::fabs(K[c.cond_a].heat_rate));
    CHECK(std::fabs(loop_b) <= 1e-9 * std::fabs(K[c.casc_cond].heat_rate));
    // The exchanger is adiabatic: what the lower loop rejects, the upper loop takes up.
    CHECK(std::fabs(K[c.casc_cond].heat_rate + K[c.casc_evap].heat_rate) <= 1e-9 * K[c.casc_evap].heat_rate);
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-9);
    for (std::uint32_t i = 0; i < c.sys.component_count(); ++i) {
        INFO(c.sys.component_name(i));
        CHECK(K[i].entropy_generation >= -1e-6);
    }
}

} // namespace

TEST_CASE("case b: an R134a cascade reproduces Cengel & Boles Example 11-4", "[cycles][multiloop][validation]") {
    auto c = cascade("R134a", nullptr, 0.8e6, 0.32e6, false, 0.14e6, 0.0, 0.05);
    CHECK(c.sys.loop_count() == 2);
    CHECK(c.sys.loop_of(c.comp_a) == 0);
    CHECK(c.sys.loop_of(c.casc_evap) == 0);
    CHECK(c.sys.loop_of(c.comp_b) == 1);
    CHECK(c.sys.loop_of(c.casc_cond) == 1);
    CHECK(c.sys.unknown_count() == 24); // 8 connections x (p, h, m)
    const auto& R = c.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const auto& s1 = leaving(R, c.evap_b).state;
    const auto& s2 = leaving(R, c.comp_b).state;
    const auto& s3 = leaving(R, c.casc_cond).state;
    const auto& s4 = leaving(R, c.valve_b).state;
    const auto& s5 = leaving(R, c.casc_evap).state;
    const auto& s6 = leaving(R, c.comp_a).state;
    const auto& s7 = leaving(R, c.cond_a).state;
    const auto& s8 = leaving(R, c.valve_a).state;
    CHECK(s2.p.si() == Approx(0.32e6).epsilon(1e-9));
    CHECK(s5.p.si() == Approx(0.32e6).epsilon(1e-12));
    CHECK(near(s2.h.si() - s1.h.si(), h2 - h1, 1e-6));
    CHECK(near(s2.h.si() - s3.h.si(), h2 - h3, 1e-6));
    CHECK(near(s6.h.si() - s5.h.si(), h6 - h5, 1e-6));
    CHECK(near(s5.h.si() - s8.h.si(), h5 - h7, 1e-6));
    CHECK(near(s6.h.si() - s7.h.si(), h6 - h7, 1e-6));
    CHECK(near(s1.T.si(), T1, 1e-6));
    CHECK(near(s2.T.si(), T2, 1e-6));
    CHECK(near(s3.T.si(), T3, 1e-6));
    CHECK(near(s5.T.si(), T3, 1e-6));
    CHECK(near(s6.T.si(), T6, 1e-6));
    CHECK(near(s4.quality, x4, 1e-6));
    CHECK(near(s8.quality, x8, 1e-6));
    CHECK(near(leaving(R, c.comp_b).m, m_B, 1e-6));
    CHECK(leaving(R, c.comp_a).m == Approx(0.05).epsilon(1e-12));
    // Figures: the exchanger's heat is internal (neither capacity nor heat rejected).
    CHECK(near(R.cooling_capacity, Q_L, 1e-6));
    CHECK(near(R.components[c.comp_b].power, W_B, 1e-6));
    CHECK(near(R.components[c.comp_a].power, W_A, 1e-6));
    CHECK(near(R.compressor_power, W_in, 1e-6));
    CHECK(near(R.components[c.casc_evap].heat_rate, Q_cascade, 1e-6));
    CHECK(near(R.heating_capacity, Q_H, 1e-6));
    CHECK(near(R.cop_cooling, cop, 1e-6));
    CHECK(near(R.components[c.casc_cond].entropy_generation, s_gen_cascade, 1e-5));
    // The published answers, to their printed precision (m_B) and within 0.5 % (the book's
    // table interpolation, see the header).
    CHECK(std::fabs(leaving(R, c.comp_b).m - 0.0390) <= 0.00005);
    CHECK(near(R.cooling_capacity, 7180.0, 5e-3));
    CHECK(near(R.compressor_power, 1610.0, 5e-3));
    CHECK(near(R.cop_cooling, 4.46, 5e-3));
    check_loop_balances(c, R);
    // A warm re-solve gives the same answer.
    const auto& W = c.sys.solve();
    REQUIRE(W.converged());
    CHECK(W.cop_cooling == Approx(cop).epsilon(1e-9));
}

TEST_CASE("case b on the property tables agrees with the EOS", "[cycles][multiloop][tables]") {
    auto c = cascade("R134a", nullptr, 0.8e6, 0.32e6, false, 0.14e6, 0.0, 0.05, Backend::tables);
    const auto& R = c.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    CHECK(near(R.cop_cooling, cop, 1e-4));
    CHECK(near(leaving(R, c.comp_b).m, m_B, 1e-4));
}

TEST_CASE("an R744/R717 cascade: two refrigerants, one system", "[cycles][multiloop]") {
    // NH3 upper loop condensing at 35 C (13.5 bar) and evaporating at -10 C in the cascade
    // exchanger; CO2 lower loop condensing 5 K above it and evaporating at -45 C (8.3 bar).
    auto c = cascade("R717", "R744", 13.5e5, 263.15, true, 8.3e5, 5.0, 0.1);
    CHECK(c.sys.loop_count() == 2);
    CHECK(c.sys.loop_refrigerant(0).name() == c.sys.refrigerant().name());
    CHECK(c.sys.loop_refrigerant(1).name() != c.sys.refrigerant().name());
    const auto& R = c.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    // Each connection is on its own loop's refrigerant: the CO2 condensing level is 5 K above the
    // NH3 evaporating level.
    const auto& co2_liquid = leaving(R, c.casc_cond).state;
    const auto& nh3_vapour = leaving(R, c.casc_evap).state;
    CHECK(nh3_vapour.T.si() == Approx(263.15).epsilon(1e-9));
    CHECK(co2_liquid.T.si() == Approx(268.15).epsilon(1e-9));
    CHECK(co2_liquid.p.si() > 25e5); // CO2 at -5 C: 30.5 bar; NH3 there would be 3.5 bar
    CHECK(nh3_vapour.p.si() < 4e5);
    check_loop_balances(c, R);
    CHECK(R.cop_cooling > 1.0);
    CHECK(R.cop_cooling < 3.0); // -45 C to 35 C: Carnot 2.84
    CHECK(R.cooling_capacity == Approx(R.components[c.evap_b].heat_rate).epsilon(1e-12));
}

TEST_CASE("the UA form of the cascade exchanger reproduces the approach form", "[cycles][multiloop][cascade_ua]") {
    // The R744/R717 cascade above, solved with its 5 K approach; the conductance its solved
    // states require by the zone model; then the UA form with that UA and both compressors' flows
    // as solved: the same plant, so the same states to the solver's tolerance.
    auto a = cascade("R717", "R744", 13.5e5, 263.15, true, 8.3e5, 5.0, 0.1);
    const auto& RA = a.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(RA.report);
    REQUIRE(RA.converged());
    const auto za = zones_of(a, RA);
    // Desuperheating against evaporating, then condensing against evaporating: the pinch is the
    // approach, at the cold end and at the condensing side's dew point.
    CHECK(za.zones == 2);
    CHECK(za.pinch == Approx(5.0).epsilon(1e-9));
    CHECK(za.duty == Approx(RA.components[a.casc_evap].heat_rate).epsilon(1e-12));
    const double UA = za.ua, m_B = leaving(RA, a.comp_b).m;
    CHECK(UA > 1000.0); // 20 kW through a few K
    CHECK(UA < 1e5);
    auto u =
        cascade_with("R717", "R744", 13.5e5, CascadeHeatExchanger::with_ua(ThermalConductance{UA}), 8.3e5, 0.1, m_B);
    CHECK(u.sys.unknown_count() == a.sys.unknown_count());
    const auto& RU = u.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(RU.report);
    REQUIRE(RU.converged());
    for (std::uint32_t i = 0; i < a.sys.component_count(); ++i) {
        INFO(a.sys.component_name(i));
        const auto& sa = leaving(RA, i).state;
        const auto& su = leaving(RU, i).state;
        CHECK(near(su.p.si(), sa.p.si(), 1e-6));
        CHECK(near(su.h.si(), sa.h.si(), 1e-6));
        CHECK(near(su.T.si(), sa.T.si(), 1e-6));
        CHECK(near(leaving(RU, i).m, leaving(RA, i).m, 1e-6));
    }
    CHECK(near(RU.cop_cooling, RA.cop_cooling, 1e-6));
    CHECK(near(RU.cooling_capacity, RA.cooling_capacity, 1e-6));
    CHECK(near(RU.components[u.casc_cond].entropy_generation, RA.components[a.casc_cond].entropy_generation, 1e-5));
    check_loop_balances(u, RU);
    const auto zu = zones_of(u, RU);
    CHECK(zu.ua == Approx(UA).epsilon(1e-6));
    CHECK(zu.pinch == Approx(5.0).epsilon(1e-6));

    // Larger UA: a smaller temperature difference in the exchanger and a higher COP; both levels
    // move (the NH3 level up, the CO2 level down). Pinch > 0 and entropy generated > 0 in each.
    double pinch_prev = 1e9, cop_prev = 0.0, p_cold_prev = 0.0, p_hot_prev = 1e99;
    for (double f : {0.25, 1.0, 4.0, 1e4}) {
        auto v = cascade_with("R717", "R744", 13.5e5, CascadeHeatExchanger::with_ua(ThermalConductance{f * UA}), 8.3e5,
                              0.1, m_B);
        const auto& R = v.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
        INFO("UA x " << f << ": " << R.report);
        REQUIRE(R.converged());
        const auto z = zones_of(v, R);
        CHECK(z.ua == Approx(f * UA).epsilon(1e-6));
        CHECK(z.pinch > 0.0);
        CHECK(z.pinch < pinch_prev);
        CHECK(R.cop_cooling > cop_prev);
        const double p_cold = leaving(R, v.casc_evap).state.p.si(), p_hot = leaving(R, v.casc_cond).state.p.si();
        CHECK(p_cold > p_cold_prev);
        CHECK(p_hot < p_hot_prev);
        CHECK(R.components[v.casc_cond].entropy_generation > 0.0);
        check_loop_balances(v, R);
        std::printf("R744/R717 cascade, UA %.6g W/K: NH3 %.4f C, CO2 %.4f C, pinch %.5f K, COP %.6f\n", f * UA,
                    to_celsius(leaving(R, v.casc_evap).state.T), to_celsius(leaving(R, v.casc_cond).state.T), z.pinch,
                    R.cop_cooling);
        pinch_prev = z.pinch, cop_prev = R.cop_cooling, p_cold_prev = p_cold, p_hot_prev = p_hot;
    }
    CHECK(pinch_prev < 1e-2); // 10^4 times the UA: the pinch nearly closed, still positive
}

TEST_CASE("the UA form of the cascade exchanger: parameters and equation count", "[cycles][multiloop][cascade_ua]") {
    auto s = std::move(*System::create("R717"));
    for (double ua : {0.0, -5.0, std::nan(""), HUGE_VAL}) {
        INFO(ua);
        auto r = s.add_cascade("a", "b", CascadeHeatExchanger::with_ua(ThermalConductance{ua}));
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code() == Errc::invalid_argument);
        char want[160];
        std::snprintf(want, sizeof want, "cascade heat exchanger 'a' / 'b': UA = %g W/K: expected a finite number > 0",
                      ua);
        CHECK(message_of(r.error()) == want);
    }
    CHECK(message_of(
              s.add_cascade("a", "b", CascadeHeatExchanger::with_ua(2000.0_W_per_K).start(from_celsius(-10.0), -1.0_dK))
                  .error()) == "cascade heat exchanger 'a' / 'b': start approach = -1 K: expected a number >= 0");
    CHECK(s.component_count() == 0); // a refused exchanger adds nothing
    // The UA form has no given level to change between solves.
    REQUIRE(s.add_cascade("c", "d", CascadeHeatExchanger::with_ua(2000.0_W_per_K)));
    CHECK(message_of(s.set_input(1, Input::saturation_temperature, 260.0)) ==
          "component 'd' (evaporator): input 5 does not apply to a cascade heat exchanger in the UA form "
          "(evaporating side)");
    CHECK(s.set_input(1, Input::superheat, 2.0));
    // The UA form leaves the lower loop's flow to its compressor: without one, the count names it.
    auto c = System::create("R717");
    REQUIRE(c.has_value());
    (void)*c->add("comp_a", IsentropicCompressor{1.0, 0.1_kg_per_s});
    (void)*c->add("cond_a", FixedSaturationCondenser{35.0_degC, 0.0_dK});
    (void)*c->add("valve_a", IsenthalpicValve{});
    REQUIRE(c->add_cascade("hx_cond", "hx_evap", CascadeHeatExchanger::with_ua(3000.0_W_per_K)));
    (void)*c->add("comp_b", IsentropicCompressor{1.0});
    (void)*c->add("valve_b", IsenthalpicValve{});
    (void)*c->add("evap_b", FixedSaturationEvaporator{from_celsius(-45.0), 0.0_dK});
    REQUIRE(c->set_refrigerant("comp_b", "R744"));
    REQUIRE(c->connect("comp_a", "cond_a"));
    REQUIRE(c->connect("cond_a", "valve_a"));
    REQUIRE(c->connect("valve_a", "hx_evap"));
    REQUIRE(c->connect("hx_evap", "comp_a"));
    REQUIRE(c->connect("comp_b", "hx_cond"));
    REQUIRE(c->connect("hx_cond", "valve_b"));
    REQUIRE(c->connect("valve_b", "evap_b"));
    REQUIRE(c->connect("evap_b", "comp_b"));
    CHECK(message_of(c->finalize()) ==
          "loop 2 (R744: 'hx_cond', 'comp_b', 'valve_b', 'evap_b'): 11 equations for 12 unknowns: nothing sets the "
          "mass flow: give the compressor a mass flow, a displacement or a map");
}

TEST_CASE("several loops: what is missing or wrong is named per loop", "[cycles][multiloop][validation]") {
    auto build = [](bool lower_flow, bool second_fluid, bool pair_in_one_loop) {
        auto sys = std::move(*System::create("R134a"));
        (void)*sys.add("comp_a", IsentropicCompressor{1.0, 0.05_kg_per_s});
        (void)*sys.add("cond_a", FixedSaturationCondenser{0.8_MPa, 0.0_dK});
        (void)*sys.add("valve_a", IsenthalpicValve{});
        REQUIRE(sys.add_cascade("hx_cond", "hx_evap", CascadeHeatExchanger::at_pressure(0.32_MPa, 0.0_dK)));
        (void)*sys.add("comp_b", lower_flow ? IsentropicCompressor{1.0, 0.04_kg_per_s} : IsentropicCompressor{1.0});
        (void)*sys.add("valve_b", IsenthalpicValve{});
        (void)*sys.add("evap_b", FixedSaturationEvaporator{0.14_MPa, 0.0_dK});
        if (second_fluid) {
            REQUIRE(sys.set_refrigerant("comp_b", "R744"));
            REQUIRE(sys.set_refrigerant("evap_b.outlet", "R717"));
        }
        REQUIRE(sys.connect("comp_a", "cond_a"));
        REQUIRE(sys.connect("cond_a", "valve_a"));
        REQUIRE(sys.connect("valve_a", pair_in_one_loop ? "hx_cond" : "hx_evap"));
        REQUIRE(sys.connect(pair_in_one_loop ? "hx_cond" : "hx_evap", "comp_a"));
        REQUIRE(sys.connect("comp_b", pair_in_one_loop ? "hx_evap" : "hx_cond"));
        REQUIRE(sys.connect(pair_in_one_loop ? "hx_evap" : "hx_cond", "valve_b"));
        REQUIRE(sys.connect("valve_b", "evap_b"));
        REQUIRE(sys.connect("evap_b", "comp_b"));
        return message_of(sys.finalize());
    };
    CHECK(build(false, false, false).empty());
    CHECK(build(true, false, false) ==
          "loop 2 (R134a: 'hx_cond', 'comp_b', 'valve_b', 'evap_b'): 13 equations for 12 unknowns: the mass flow is "
          "set more than once, by 'hx_cond' (energy balance with the evaporating side), 'comp_b' (fixed mass flow): "
          "keep one");
    CHECK(build(false, true, false) ==
          "the loop of 'evap_b' is given two refrigerants: R744 (at 'comp_b') and R717 (at 'evap_b')");
    // The two sides swapped: each loop is then counted with the other side's equations.
    CHECK(build(false, false, true) ==
          "loop 1 (R134a: 'comp_a', 'cond_a', 'valve_a', 'hx_cond'): 13 equations for 12 unknowns: the mass flow is "
          "set more than once, by 'comp_a' (fixed mass flow), 'hx_cond' (energy balance with the evaporating side): "
          "keep one; loop 2 (R134a): 11 equations for 12 unknowns");
    // Both sides in one loop.
    {
        auto one = std::move(*System::create("R134a"));
        (void)*one.add("comp", IsentropicCompressor{1.0});
        REQUIRE(one.add_cascade("hx_cond", "hx_evap", CascadeHeatExchanger::at_pressure(0.32_MPa, 0.0_dK)));
        (void)*one.add("valve", IsenthalpicValve{});
        REQUIRE(one.connect("comp", "hx_cond"));
        REQUIRE(one.connect("hx_cond", "valve"));
        REQUIRE(one.connect("valve", "hx_evap"));
        REQUIRE(one.connect("hx_evap", "comp"));
        CHECK(message_of(one.finalize()) ==
              "cascade heat exchanger 'hx_cond' / 'hx_evap': both sides are in one loop (the condensing side belongs "
              "to the lower loop, the evaporating side to the upper one)");
    }
    // One side alone.
    auto sys = std::move(*System::create("R134a"));
    (void)*sys.add("comp", IsentropicCompressor{1.0, 0.05_kg_per_s});
    (void)*sys.add("cond", FixedSaturationCondenser{0.8_MPa, 0.0_dK});
    (void)*sys.add("valve", IsenthalpicValve{});
    (void)*sys.add("evap", CascadeHeatExchanger::at_pressure(0.32_MPa, 0.0_dK).evaporating_side());
    REQUIRE(sys.connect("comp", "cond"));
    REQUIRE(sys.connect("cond", "valve"));
    REQUIRE(sys.connect("valve", "evap"));
    REQUIRE(sys.connect("evap", "comp"));
    CHECK(message_of(sys.finalize()) == "component 'evap' (evaporator) is one side of a cascade heat exchanger without "
                                        "its other side: add both with System::add_cascade");
    // Bad parameters.
    auto s2 = std::move(*System::create("R134a"));
    CHECK(message_of(s2.add_cascade("a", "b", CascadeHeatExchanger::at_pressure(0.32_MPa, -1.0_dK)).error()) ==
          "cascade heat exchanger 'a' / 'b': approach = -1 K: expected a number >= 0");
    CHECK(message_of(s2.add_cascade("a", "a", CascadeHeatExchanger::at_pressure(0.32_MPa, 1.0_dK)).error()) ==
          "cascade heat exchanger: its two sides need two names (both are 'a')");
}

namespace {

struct Parallel {
    System sys;
    std::uint32_t comp, cond, tee, valve_cold, evap_cold, valve_warm, evap_warm, epr, mix;
};

/// One compressor, two evaporators in parallel: a freezer at -25 C (it sets the suction) and a
/// chiller whose evaporator an evaporator pressure regulator holds at `T_epr` (its valve keeps
/// 5 K of superheat; its capacity follows from the air it cools).
Parallel parallel_evaporators(double T_epr_C) {
    auto s = System::create("R134a");
    REQUIRE(s.has_value());
    Parallel p{std::move(*s), 0, 0, 0, 0, 0, 0, 0, 0, 0};
    p.comp = *p.sys.add("comp", IsentropicCompressor{0.7, 0.1_kg_per_s});
    p.cond = *p.sys.add("cond", FixedSaturationCondenser{40.0_degC, 3.0_dK});
    p.tee = *p.sys.add("tee", Splitter{});
    p.valve_cold = *p.sys.add("valve_cold", IsenthalpicValve{});
    p.evap_cold = *p.sys.add("evap_cold", FixedSaturationEvaporator{from_celsius(-25.0), 5.0_dK});
    p.valve_warm = *p.sys.add("valve_warm", ExpansionValve::fixed_superheat(5.0_dK));
    p.evap_warm = *p.sys.add(
        "evap_warm", Evaporator{HxModel::epsilon_ntu, 400.0_W_per_K, SecondaryFluid::air(8.0_degC, 1.0_kg_per_s)});
    p.epr = *p.sys.add("epr", EvaporatorPressureRegulator::at_temperature(from_celsius(T_epr_C)));
    p.mix = *p.sys.add("mix", Mixer{});
    REQUIRE(p.sys.connect("comp.discharge", "cond"));
    REQUIRE(p.sys.connect("cond", "tee"));
    REQUIRE(p.sys.connect("tee.outlet_a", "valve_cold"));
    REQUIRE(p.sys.connect("valve_cold", "evap_cold"));
    REQUIRE(p.sys.connect("evap_cold", "mix.inlet_a"));
    REQUIRE(p.sys.connect("tee.outlet_b", "valve_warm"));
    REQUIRE(p.sys.connect("valve_warm", "evap_warm"));
    REQUIRE(p.sys.connect("evap_warm", "epr"));
    REQUIRE(p.sys.connect("epr", "mix.inlet_b"));
    REQUIRE(p.sys.connect("mix", "comp.suction"));
    auto fin = p.sys.finalize();
    INFO(message_of(fin));
    REQUIRE(fin.has_value());
    return p;
}

} // namespace

TEST_CASE("two evaporators in parallel: the regulator holds the warm one above the suction",
          "[cycles][network][regulator]") {
    auto p = parallel_evaporators(-2.0);
    CHECK(p.sys.unknown_count() == 30);
    const auto& R = p.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    REQUIRE(R.converged());
    const PropertyService& props = p.sys.properties();
    const double p_warm = props.sat_t(from_celsius(-2.0).si())->p_dew.si();
    const double p_cold = props.sat_t(from_celsius(-25.0).si())->p_dew.si();
    const auto& warm_out = leaving(R, p.evap_warm);
    const auto& epr_out = leaving(R, p.epr);
    const auto& cold_out = leaving(R, p.evap_cold);
    // The warm evaporator at the set level, the suction at the freezer's.
    CHECK(warm_out.state.p.si() == Approx(p_warm).epsilon(1e-9));
    CHECK(epr_out.state.p.si() == Approx(p_cold).epsilon(1e-9));
    CHECK(leaving(R, p.mix).state.p.si() == Approx(p_cold).epsilon(1e-9));
    CHECK(R.components[p.epr].control_value == Approx(p_warm - p_cold).epsilon(1e-9));
    // Throttling: same enthalpy, lower pressure, colder, entropy generated.
    CHECK(epr_out.state.h.si() == Approx(warm_out.state.h.si()).epsilon(1e-12));
    CHECK(epr_out.state.T.si() < warm_out.state.T.si());
    CHECK(R.components[p.epr].entropy_generation > 0.0);
    // The warm branch keeps its 5 K of superheat; the flows divide and merge.
    CHECK(warm_out.state.T.si() - from_celsius(-2.0).si() == Approx(5.0).epsilon(1e-6));
    const double m_warm = leaving(R, p.tee, 1).m, m_cold = leaving(R, p.tee, 0).m;
    CHECK(m_warm > 0.0);
    CHECK(m_cold > 0.0);
    CHECK(m_warm + m_cold == Approx(0.1).epsilon(1e-9));
    CHECK(cold_out.m == Approx(m_cold).epsilon(1e-9));
    // Capacity is both evaporators'; the warm one's equals what the air gives up.
    CHECK(R.cooling_capacity ==
          Approx(R.components[p.evap_cold].heat_rate + R.components[p.evap_warm].heat_rate).epsilon(1e-12));
    CHECK(R.components[p.evap_warm].secondary_outlet_T < from_celsius(8.0).si());
    CHECK(std::fabs(R.energy_balance) <= 1e-9);
    CHECK(std::fabs(R.mass_balance) <= 1e-9);
    for (std::uint32_t i = 0; i < p.sys.component_count(); ++i) {
        INFO(p.sys.component_name(i));
        CHECK(R.components[i].entropy_generation >= -1e-6);
    }
    // A warmer set-point throttles more and leaves the warm evaporator less capacity (a smaller
    // temperature difference to the air).
    const double q_warm = R.components[p.evap_warm].heat_rate;
    REQUIRE(p.sys.set_input(p.epr, Input::saturation_temperature, from_celsius(2.0).si()));
    const auto& W = p.sys.solve();
    INFO(W.report);
    REQUIRE(W.converged());
    CHECK(W.components[p.evap_warm].heat_rate < q_warm);
    CHECK(W.components[p.epr].control_value > p_warm - p_cold);
}

TEST_CASE("an evaporator pressure regulator set below the suction is refused", "[cycles][network][regulator]") {
    auto p = parallel_evaporators(-30.0);
    const auto& R = p.sys.solve(SolverMethod::fallback, {}, StartMode::cold);
    INFO(R.report);
    CHECK_FALSE(R.converged());
    CHECK(R.status == SolveStatus::non_physical);
    CHECK(std::string(R.report).find("expansion valve 'epr': outlet pressure") != std::string::npos);
    // Bad parameters and inputs.
    auto sys = std::move(*System::create("R134a"));
    CHECK(message_of(sys.add("epr", EvaporatorPressureRegulator::at_pressure(Pressure{-1e5})).error()) ==
          "component 'epr': set pressure = -100000: expected a positive number");
    CHECK(message_of(p.sys.set_input(p.epr, Input::subcooling, 1.0)) ==
          "component 'epr' (expansion valve): input 6 does not apply to a pressure regulator");
}

TEST_CASE("a cascade system copies and moves with its coupling", "[cycles][multiloop]") {
    auto c = cascade("R717", "R744", 13.5e5, 263.15, true, 8.3e5, 5.0, 0.1);
    REQUIRE(c.sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    // The copy binds its condensing side to its own connections and property services.
    System copy = c.sys.clone();
    const double a = c.sys.solve().cop_cooling;
    const auto& B = copy.solve();
    REQUIRE(B.converged());
    CHECK(B.cop_cooling == a);
    CHECK(copy.loop_refrigerant(1).name() == c.sys.loop_refrigerant(1).name());
    // A moved system keeps them too (they live on the heap).
    System moved = std::move(copy);
    const auto& M = moved.solve(SolverMethod::fallback, {}, StartMode::cold);
    REQUIRE(M.converged());
    CHECK(M.cop_cooling == Approx(a).epsilon(1e-9));
    // A refrigerant named for a component the system does not have.
    auto sys = std::move(*System::create("R134a"));
    (void)*sys.add("comp", IsentropicCompressor{1.0, 0.05_kg_per_s});
    (void)*sys.add("cond", FixedSaturationCondenser{0.8_MPa, 0.0_dK});
    (void)*sys.add("valve", IsenthalpicValve{});
    (void)*sys.add("evap", FixedSaturationEvaporator{0.14_MPa, 0.0_dK});
    REQUIRE(sys.connect("comp", "cond"));
    REQUIRE(sys.connect("cond", "valve"));
    REQUIRE(sys.connect("valve", "evap"));
    REQUIRE(sys.connect("evap", "comp"));
    REQUIRE(sys.set_refrigerant("compressor", "R290"));
    CHECK(message_of(sys.finalize()) == "set_refrigerant: no component named 'compressor'");
    CHECK(message_of(sys.set_refrigerant("comp", "R9999")).rfind("unknown fluid \"R9999\"; known fluids: ", 0) == 0);
}
