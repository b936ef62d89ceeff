#include "support/catch.hpp"

#include <string>

#include "entropyk/core/result.hpp"

using namespace entropyk;

namespace {
Result<double> checked_sqrt(double x) {
    if (x < 0) return ThermoError::format(Errc::invalid_argument, "x = %g is negative", x);
    return x * 0.5;
}
} // namespace

TEST_CASE("Result carries a value or an error with its message", "[core][result]") {
    auto ok = checked_sqrt(4.0);
    REQUIRE(ok.has_value());
    CHECK(*ok == 2.0);
    auto bad = checked_sqrt(-1.0);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code() == Errc::invalid_argument);
    CHECK(bad.error().message() == "x = -1 is negative");
}

TEST_CASE("ThermoError truncates long messages visibly, without allocating", "[core][result]") {
    const std::string longmsg(1000, 'x');
    ThermoError e(Errc::validation_error, longmsg);
    CHECK(e.message().size() == ThermoError::capacity - 1);
    CHECK(e.message().substr(e.message().size() - 3) == "...");
    CHECK(static_cast<int>(Errc::invalid_handle) == 11);
    CHECK(describe(Errc::ok) == "success");
}
