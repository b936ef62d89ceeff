// finalize() refuses ill-posed systems with messages that name the component, port or missing
// specification.
#include <string>

#include "cycles/cycle_fixtures.hpp"

using namespace fixtures;

namespace {
std::string message_of(const Result<void>& r) {
    REQUIRE_FALSE(r.has_value());
    return std::string(r.error().message());
}
bool contains(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

struct Parts {
    System sys = std::move(*System::create("R134a"));
    std::uint32_t comp = *sys.add("comp", IsentropicCompressor{0.75, 0.05_kg_per_s});
    std::uint32_t cond = *sys.add("cond", FixedSaturationCondenser{40.0_degC, 2.0_dK});
    std::uint32_t valve = *sys.add("valve", IsenthalpicValve{});
    std::uint32_t evap = *sys.add("evap", FixedSaturationEvaporator{from_celsius(-5.0), 5.0_dK});
};
} // namespace

TEST_CASE("an unconnected port is named, and an open chain is a loop that does not close", "[cycles][validation]") {
    Parts p;
    REQUIRE(p.sys.connect(p.comp, p.cond));
    REQUIRE(p.sys.connect(p.cond, p.valve));
    REQUIRE(p.sys.connect(p.valve, p.evap));
    const auto r = p.sys.finalize();
    CHECK(r.error().code() == Errc::validation_error);
    const auto m = message_of(r);
    CHECK(contains(m, "component 'evap' (evaporator): outlet is not connected"));
    CHECK(contains(m, "component 'comp' (compressor): inlet is not connected"));
    CHECK(contains(m, "the loop does not close: connect the outlet of 'evap' to the inlet of 'comp'"));
}

TEST_CASE("a port connected twice is refused, naming both ends", "[cycles][validation]") {
    Parts p;
    REQUIRE(p.sys.connect(p.comp, p.cond));
    const auto r = p.sys.connect(p.comp, p.valve);
    CHECK(r.error().code() == Errc::validation_error);
    const auto m = message_of(r);
    CHECK(contains(m, "component 'comp' (compressor): outlet is already connected (to component 'cond'"));
    const auto r2 = p.sys.connect(p.evap, p.cond);
    CHECK(contains(message_of(r2), "component 'cond' (condenser): inlet is already connected"));
}

TEST_CASE("two separate loops are refused", "[cycles][validation]") {
    Parts p;
    REQUIRE(p.sys.connect(p.comp, p.cond));
    REQUIRE(p.sys.connect(p.cond, p.comp));
    REQUIRE(p.sys.connect(p.valve, p.evap));
    REQUIRE(p.sys.connect(p.evap, p.valve));
    const auto m = message_of(p.sys.finalize());
    CHECK(contains(m, "more than one loop: 'valve', 'evap' are not on the loop of 'comp'"));
}

TEST_CASE("a missing flow specification is named", "[cycles][validation]") {
    auto sys = std::move(*System::create("R134a"));
    auto comp = *sys.add("comp", IsentropicCompressor{0.75}); // no flow law
    auto cond = *sys.add("cond", FixedSaturationCondenser{40.0_degC, 2.0_dK});
    auto valve = *sys.add("valve", IsenthalpicValve{});
    auto evap = *sys.add("evap", FixedSaturationEvaporator{from_celsius(-5.0), 5.0_dK});
    REQUIRE(sys.connect(comp, cond));
    REQUIRE(sys.connect(cond, valve));
    REQUIRE(sys.connect(valve, evap));
    REQUIRE(sys.connect(evap, comp));
    const auto m = message_of(sys.finalize());
    CHECK(contains(m, "11 equations for 12 unknowns"));
    CHECK(contains(m, "nothing sets the mass flow"));
}

TEST_CASE("a surplus specification is named", "[cycles][validation]") {
    auto sys = std::move(*System::create("R134a"));
    auto comp = *sys.add("comp", IsentropicCompressor{0.75, 0.05_kg_per_s});
    auto cond = *sys.add("cond", FixedSaturationCondenser{40.0_degC, 2.0_dK});
    auto cond2 = *sys.add("cond2", FixedSaturationCondenser{35.0_degC, 2.0_dK});
    auto valve = *sys.add("valve", IsenthalpicValve{});
    auto evap = *sys.add("evap", FixedSaturationEvaporator{from_celsius(-5.0), 5.0_dK});
    REQUIRE(sys.connect(comp, cond));
    REQUIRE(sys.connect(cond, cond2));
    REQUIRE(sys.connect(cond2, valve));
    REQUIRE(sys.connect(valve, evap));
    REQUIRE(sys.connect(evap, comp));
    const auto m = message_of(sys.finalize());
    CHECK(contains(m, "16 equations for 15 unknowns"));
    CHECK(
        contains(m, "the charge is fixed more than once, by 'cond' (outlet subcooling), 'cond2' (outlet subcooling)"));
}

TEST_CASE("bad parameters and calls in the wrong order are refused", "[cycles][validation]") {
    auto sys = std::move(*System::create("R134a"));
    auto bad = sys.add("comp", IsentropicCompressor{1.5, 0.05_kg_per_s});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == Errc::invalid_argument);
    CHECK(contains(std::string(bad.error().message()), "component 'comp': isentropic efficiency = 1.5"));
    auto neg = sys.add("evap", FixedSaturationEvaporator{from_celsius(-5.0), -1.0_dK});
    REQUIRE_FALSE(neg);
    CHECK(contains(std::string(neg.error().message()), "superheat = -1 K"));
    CHECK(sys.connect(0, 7).error().code() == Errc::invalid_argument);
    CHECK(message_of(sys.finalize()) == "the system has no components");

    auto unknown = System::create("R9999");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code() == Errc::fluid_error);

    auto l = cengel_11_1();
    CHECK(l.sys.finalize().error().code() == Errc::invalid_state);
    auto late = l.sys.add("late", IsenthalpicValve{});
    CHECK(late.error().code() == Errc::invalid_state);
    CHECK(l.sys.connect(0, 1).error().code() == Errc::invalid_state);
}
