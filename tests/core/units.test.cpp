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
    // `-5.0_degC` would be -(278.15 K): negating an absolute temperature does not compile.
    STATIC_REQUIRE(!Negatable<Temperature>);
    STATIC_REQUIRE(Negatable<TemperatureDifference>);
    CHECK(from_celsius(-5.0).si() == Approx(268.15).epsilon(1e-15));
}
