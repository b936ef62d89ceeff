// Blends by name and by user composition (mass fractions).
#include "mixture/blend_reference.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

TEST_CASE("blends load by name and by mass composition", "[mixture]") {
    const auto named = mixture::load_blend("r454b");
    REQUIRE(named.has_value());
    const mixture::Blend& b = **named;
    REQUIRE(b.model.n == 2);
    CHECK(b.model.fluid[0]->name == "R32");
    CHECK(b.z[0] == 0.829247912869081);
    CHECK(std::fabs(b.w[0] - 0.688999986472) <= 1e-11); // the composition file's mass fraction
    CHECK(b.envelope.count > 100);
    REQUIRE(mixture::load_blend("R410A.mix").has_value());

    // The same blend from its nominal mass fractions (ASHRAE 34): mole fractions within 2e-8.
    const auto user = mixture::load_blend("R32[0.689]&R1234yf[0.311]");
    REQUIRE(user.has_value());
    CHECK(std::fabs((*user)->z[0] - b.z[0]) <= 2e-8);
    CHECK(std::fabs((*user)->M - b.M) <= 1e-7 * b.M);

    // R454B is unaffected by the ideal-gas convention (its components have T_c = T_r, rho_c = rho_r),
    // so the library's own blend reproduces the reference flashes directly.
    const Table t = read_blend_table("R454B", "flash");
    mixture::Workspace ws;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        if (t.str(i, "input") != "PH") continue;
        mixture::FlashState st;
        INFO("row " << i);
        REQUIRE(mixture::flash_ph(b, t.num(i, "p_Pa"), t.num(i, "h"), st, ws));
        CHECK(deviation(st.T, t.num(i, "T_K")) <= 1e-6);
        CHECK(deviation(st.rho, t.num(i, "rho")) <= 1e-6);
    }
}

TEST_CASE("invalid blend specifications are refused with a reason", "[mixture]") {
    auto message = [](const char* spec) {
        const auto r = mixture::load_blend(spec);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code() == Errc::fluid_error);
        return std::string(r.error().message());
    };
    CHECK(message("R999B") == "invalid blend \"R999B\": not a known blend nor a composition");
    CHECK(message("R32[0.5]&R1234yf[0.4]") ==
          "invalid blend \"R32[0.5]&R1234yf[0.4]\": the mass fractions do not sum to 1");
    CHECK(message("R32[x]&R125[0.5]") ==
          "invalid blend \"R32[x]&R125[0.5]\": a mass fraction is not a number in (0, 1]");
    CHECK(message("R32[0.5]&R125") ==
          "invalid blend \"R32[0.5]&R125\": write each component as NAME[mass fraction], joined by '&'");
    CHECK(message("R32[1]") == "invalid blend \"R32[1]\": a blend needs at least two components (use the pure fluid)");
    CHECK(message("R32[0.5]&R143a[0.5]") == "no fitted binary parameters for R32/R143a; the mixture is not supported");
    CHECK(message("R32[0.5]&Water[0.5]") == "no fitted binary parameters for R32/Water; the mixture is not supported");
    CHECK(message("R32[0.5]&R410A[0.5]") == "\"R410A\" is not a pure fluid usable in a mixture");
}
