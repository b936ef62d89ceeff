#include "support/catch.hpp"

#include <type_traits>

#include "entropyk/core/units.hpp"

using namespace entropyk;
using namespace entropyk::literals;

namespace {
template <class T>
concept Negatable = requires(T t) {
    -t;
};
} // namespace

TEST_CASE("unit literals convert to SI", "[core][units]") {
    CHECK((1.0_bar).si() == 1e5);
    CHECK((0.8_MPa).si() == 8e5);
    CHECK((25.0_degC).si() == Approx(298.15).epsilon(1e-15));
    CHECK((200.0_kJ_per_kg).si() == 2e5);
    CHECK((2.5_kW_per_K).si() == 2500.0);
    CHECK((3600.0_kg_per_h).si() == Approx(1.0).epsilon(1e-15));
    CHECK(to_celsius(300.0_K) == Approx(26.85).epsilon(1e-14));
}

TEST_CASE("temperatures subtract to a difference, not a temperature", "[core][units]") {
    const auto dT = 30.0_degC - 25.0_degC;
    STATIC_REQUIRE(std::is_same_v<decltype(dT), const TemperatureDifference>);
    CHECK(dT.si() == Approx(5.0).epsilon(1e-12));
    CHECK((25.0_degC + dT).si() == Approx(303.15).epsilon(1e-15));
    // A bare double does not silently become a pressure.
    STATIC_REQUIRE(!std::is_convertible_v<double, Pressure>);
    STATIC_REQUIRE(!std::is_convertible_v<Pressure, Temperature>);
    // Negating an absolute temperature does not compile: -(278.15 K) is not -5 degC.
    STATIC_REQUIRE(!Negatable<Temperature>);
    STATIC_REQUIRE(Negatable<TemperatureDifference>);
    CHECK(from_celsius(-5.0).si() == Approx(268.15).epsilon(1e-15));
}

TEST_CASE("a minus sign before a Celsius literal negates the Celsius value", "[core][units]") {
    // -2.0_degC is -(2.0_degC): the minus acts on the literal's CelsiusTemperature, whose negation
    // is (-2) degC = 271.15 K; negating the kelvin value would give -275.15 K.
    const Temperature t = -2.0_degC;
    CHECK(t.si() == from_celsius(-2.0).si()); // the same double, bit for bit
    CHECK(t.si() == Approx(271.15).epsilon(1e-15));
    CHECK(to_celsius(-2.0_degC) == Approx(-2.0).epsilon(1e-12));
    CHECK((-2.0_degC).celsius() == -2.0);
    CHECK((-(-2.0_degC)).si() == (2.0_degC).si());
    CHECK((-0.0_degC).si() == zero_celsius_in_kelvin);
    CHECK((-40.0_degC).si() == Approx(233.15).epsilon(1e-15));
    // Differences and order are those of the temperatures written.
    CHECK((5.0_degC - -5.0_degC).si() == Approx(10.0).epsilon(1e-12));
    CHECK(-10.0_degC < -5.0_degC);
    STATIC_REQUIRE(std::is_same_v<decltype(-2.0_degC - 1.0_degC), TemperatureDifference>);
    // Stored as a Temperature, the value is an ordinary absolute temperature again.
    const Temperature copied = 25.0_degC;
    STATIC_REQUIRE(!Negatable<decltype(copied)>);
    CHECK(copied.si() == Approx(298.15).epsilon(1e-15));
}

TEST_CASE("a variable initialised from a Celsius literal takes any temperature", "[core][units]") {
    // `auto` keeps the literal's type; stepping it by a difference or assigning a Temperature
    // must still work, and its Celsius value follows the temperature it holds.
    auto t = -10.0_degC;
    t = t + 2.5_dK;
    CHECK(t.si() == Approx(265.65).epsilon(1e-15));
    CHECK(t.celsius() == Approx(-7.5).epsilon(1e-12));
    t = 300.0_K;
    CHECK(t.celsius() == Approx(26.85).epsilon(1e-12));
    CHECK((-t).si() == Approx(from_celsius(-26.85).si()).epsilon(1e-15));
    int steps = 0;
    for (auto T = -5.0_degC; T < 5.0_degC; T = T + 2.5_dK) ++steps;
    CHECK(steps == 4);
}

TEST_CASE("unit literals written without a decimal point", "[core][units]") {
    CHECK((40_degC).si() == (40.0_degC).si());
    CHECK((-40_degC).si() == from_celsius(-40.0).si());
    CHECK((3_dK).si() == 3.0);
    CHECK((2_bar).si() == 2e5);
    CHECK((250_kPa).si() == 2.5e5);
    CHECK((1_MPa).si() == 1e6);
    CHECK((300_K).si() == 300.0);
    CHECK((420_kJ_per_kg).si() == 4.2e5);
    CHECK((3_kW).si() == 3e3);
    CHECK((2_kW_per_K).si() == 2e3);
    CHECK((3600_kg_per_h).si() == Approx(1.0).epsilon(1e-15));
    CHECK((50_Hz).si() == 50.0);
    CHECK((20_ms).si() == Approx(0.02).epsilon(1e-15));
    STATIC_REQUIRE(!Negatable<decltype(300_K)>);
}
