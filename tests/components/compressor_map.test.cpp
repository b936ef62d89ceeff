// AHRI 540 maps: evaluation at the published check points (the published check points quoted in docs/components.md)
// and the IP -> SI conversion.
#include <array>

#include "entropyk/components/compressor_map.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::literals;
using Catch::Matchers::WithinRel;

namespace {
// 3-ton R410A example map of the ACHP documentation (IP units, rated at 20 F superheat).
constexpr std::array<double, 10> achp_mass = {217.3163128, 5.094492028, -0.593170311, 4.38E-02, -2.14E-02,
                                              1.04E-02,    7.90E-05,    -5.73E-05,    1.79E-04, -8.08E-05};
constexpr std::array<double, 10> achp_power = {-561.3615705, -15.62601841, 46.92506685, -0.217949552, 0.435062616,
                                               -0.442400826, 2.25E-04,     2.37E-03,    -3.32E-03,    2.50E-03};
// Bristol H89B283ABC, 60 Hz (HPSim test data).
constexpr std::array<double, 10> bristol_mass = {226.492462, 4.121732, 0.209093, 0.02422,   0.056577,
                                                 -0.020233,  5.4E-05,  0.000318, -0.000433, 8.5E-05};
constexpr std::array<double, 10> bristol_power = {2146.201904, -5.666396, -27.102711, -0.349607, 0.220594,
                                                  0.369014,    -0.001709, 0.002143,   0.000739,  -0.001464};

double K(double F) { return kelvin_from_fahrenheit(F); }
double lbm_h(double kg_s) { return kg_s / lbm_per_h_in_kg_per_s; }
} // namespace

TEST_CASE("degF conversion uses 459.67", "[components][compressor]") {
    CHECK(kelvin_from_fahrenheit(32.0) == Approx(273.15).epsilon(1e-15));
    CHECK(kelvin_from_fahrenheit(212.0) == Approx(373.15).epsilon(1e-15));
    CHECK(fahrenheit_from_kelvin(K(45.0)) == Approx(45.0).epsilon(1e-14));
}

TEST_CASE("the ACHP 3-ton R410A map gives its published check values", "[components][compressor]") {
    const CompressorMap map(achp_mass, achp_power, MapUnits::ip, TemperatureDifference{20.0 / 1.8}, 60.0_Hz);
    struct Point {
        double S, D, m_lbm_h, W;
    };
    for (auto p : {Point{45, 130, 459.4, 3075}, Point{45, 100, 479.0, 2027}, Point{20, 120, 273.8, 2823}}) {
        CHECK_THAT(lbm_h(map.mass_flow(K(p.S), K(p.D))), WithinRel(p.m_lbm_h, 1e-3));
        CHECK_THAT(map.power(K(p.S), K(p.D)), WithinRel(p.W, 1e-3));
    }
}

TEST_CASE("the Bristol H89B283ABC map gives its published check values", "[components][compressor]") {
    const CompressorMap map(bristol_mass, bristol_power, MapUnits::ip, TemperatureDifference{20.0 / 1.8}, 60.0_Hz);
    struct Point {
        double S, D, m_lbm_h, W;
    };
    for (auto p : {Point{45, 130, 423.3, 2941}, Point{45, 100, 493.7, 2303}, Point{20, 120, 226.0, 2256}}) {
        CHECK_THAT(lbm_h(map.mass_flow(K(p.S), K(p.D))), WithinRel(p.m_lbm_h, 1e-3));
        CHECK_THAT(map.power(K(p.S), K(p.D)), WithinRel(p.W, 1e-3));
    }
}

TEST_CASE("a map entered in SI after our own conversion gives the same kg/s and W", "[components][compressor]") {
    const CompressorMap ip(achp_mass, achp_power, MapUnits::ip, TemperatureDifference{20.0 / 1.8}, 60.0_Hz);
    // Convert by hand the way a user with an EN 12900 sheet would have it: degC in, kg/h out.
    const auto m_si = ip.mass_polynomial_si().scaled(3600.0);
    const auto w_si = ip.power_polynomial_si();
    const CompressorMap si(m_si.c, w_si.c, MapUnits::si_kg_per_h, TemperatureDifference{20.0 / 1.8}, 60.0_Hz);
    for (double S : {0.0, 20.0, 45.0, 55.0})
        for (double D : {80.0, 100.0, 130.0, 150.0}) {
            CHECK_THAT(si.mass_flow(K(S), K(D)), WithinRel(ip.mass_flow(K(S), K(D)), 1e-12));
            CHECK_THAT(si.power(K(S), K(D)), WithinRel(ip.power(K(S), K(D)), 1e-12));
        }
    // And the SI polynomial evaluated directly in degC equals the IP one in degF.
    const double S_C = (45.0 - 32.0) / 1.8, D_C = (130.0 - 32.0) / 1.8;
    CHECK_THAT(ip.mass_polynomial_si()(S_C, D_C),
               WithinRel(Ahri540Polynomial{achp_mass}(45.0, 130.0) * lbm_per_h_in_kg_per_s, 1e-12));
}
