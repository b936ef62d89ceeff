// The phase names every output shows (fluids/phase_name.hpp): one name per region, the saturated
// ends of the dome by name, and the names of real states on each side of the dome and above it.
#include <algorithm>
#include <string>

#include "entropyk/fluids.hpp"
#include "entropyk/fluids/phase_name.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;

TEST_CASE("phase names: one per region, the saturated ends by name", "[fluids][phase_name]") {
    static_assert(phase_name(Phase::liquid, -1.0) == "subcooled liquid");
    static_assert(phase_name(Phase::vapor, -1.0) == "superheated vapour");
    static_assert(phase_name(Phase::two_phase, 0.0) == "saturated liquid");
    static_assert(phase_name(Phase::two_phase, 0.5) == "two-phase");
    static_assert(phase_name(Phase::two_phase, 1.0) == "saturated vapour");
    static_assert(phase_name(Phase::supercritical, -1.0) == "supercritical");
    static_assert(phase_name(Phase::supercritical_gas, -1.0) == "supercritical gas");
    static_assert(phase_name(Phase::supercritical_liquid, -1.0) == "supercritical liquid");
    // Within round-off of an end is that end; a quality of 1e-6 is inside the dome.
    CHECK(phase_name(Phase::two_phase, 1.0 - 1e-12) == "saturated vapour");
    CHECK(phase_name(Phase::two_phase, 1e-12) == "saturated liquid");
    CHECK(phase_name(Phase::two_phase, 1e-6) == "two-phase");
    CHECK(phase_name(Phase::two_phase, 1.0 - 1e-6) == "two-phase");
    // Every name is listed once.
    for (std::size_t i = 0; i < phase_names.size(); ++i)
        CHECK(std::count(phase_names.begin(), phase_names.end(), phase_names[i]) == 1);
}

TEST_CASE("phase names of real R134a states", "[fluids][phase_name]") {
    const Fluid& f = **find_fluid("R134a");
    // 0.8 MPa: saturation at 31.3 C; 4.0593 MPa and 101.06 C are the critical point.
    CHECK(phase_name(*f.flash_tp(from_celsius(20.0), Pressure{8e5})) == "subcooled liquid");
    CHECK(phase_name(*f.flash_tp(from_celsius(50.0), Pressure{8e5})) == "superheated vapour");
    CHECK(phase_name(*f.flash_pq(Pressure{8e5}, 0.0)) == "saturated liquid");
    CHECK(phase_name(*f.flash_pq(Pressure{8e5}, 1.0)) == "saturated vapour");
    CHECK(phase_name(*f.flash_pq(Pressure{8e5}, 0.4)) == "two-phase");
    // A p-h flash onto the dew line lands on the saturated end, not on "two-phase".
    const State dew = *f.flash_pq(Pressure{8e5}, 1.0);
    CHECK(phase_name(*f.flash_ph(Pressure{8e5}, dew.h)) == "saturated vapour");
    CHECK(phase_name(*f.flash_tp(from_celsius(120.0), Pressure{30e5})) == "supercritical gas");
    CHECK(phase_name(*f.flash_tp(from_celsius(120.0), Pressure{50e5})) == "supercritical");
    CHECK(phase_name(*f.flash_tp(from_celsius(60.0), Pressure{50e5})) == "supercritical liquid");
}
