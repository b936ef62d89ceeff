/* Lifecycle of every handle kind through the C API: create, use, free; free(NULL); failed creates
   leave *out NULL; versions; struct initialisers. */
#include <stdlib.h>

#include "check.h"
#include "cycles.h"

static void test_versions(void) {
    CHECK(strcmp(entropyk_version(), ENTROPYK_VERSION_STRING) == 0);
    CHECK(entropyk_version_number() == ENTROPYK_VERSION_NUMBER);
}

static void test_every_fluid(void) {
    char names[256];
    size_t len = 0;
    char* name;
    int count = 0;
    CHECK_OK(entropyk_fluid_names(names, sizeof names, &len));
    CHECK(len == strlen(names));
    for (name = strtok(names, ","); name != NULL; name = strtok(NULL, ",")) {
        EntropykFluid* fluid = NULL;
        char canonical[64];
        size_t n = 0;
        EntropykFluidInfo info = ENTROPYK_FLUID_INFO_INIT;
        EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
        CHECK_OK(entropyk_fluid_create(name, ENTROPYK_BACKEND_EOS, &fluid));
        CHECK(fluid != NULL);
        CHECK_OK(entropyk_fluid_name(fluid, canonical, sizeof canonical, &n));
        CHECK(strcmp(canonical, name) == 0);
        CHECK_OK(entropyk_fluid_info(fluid, &info));
        CHECK(info.T_triple > 0 && info.T_triple < info.T_critical && info.p_critical > 1e5);
        /* a saturated state halfway between the triple and the critical point */
        CHECK_OK(entropyk_fluid_state(fluid, ENTROPYK_INPUT_TQ, 0.5 * (info.T_triple + info.T_critical), 0.5, &st));
        CHECK(st.phase == ENTROPYK_PHASE_TWO_PHASE);
        CHECK(st.quality == 0.5);
        CHECK(st.cp == ENTROPYK_UNDEFINED_IN_TWO_PHASE && st.w == ENTROPYK_UNDEFINED_IN_TWO_PHASE);
        entropyk_fluid_free(fluid);
        ++count;
    }
    CHECK(count == 17);
}

static void test_aliases(void) {
    static const char* const aliases[][2] = {
        {"co2", "R744"},        {"CarbonDioxide", "R744"}, {"AMMONIA", "R717"},       {"propane", "R290"},
        {"r718", "Water"},      {"r134A", "R134a"},        {"R1234YF", "R1234yf"},    {"r410a", "R410A"},
        {"isobutane", "R600a"}, {"PROPYLENE", "R1270"},    {"r1234ze", "R1234ze(E)"}, {"R1233ZD(E)", "R1233zd(E)"}};
    size_t i;
    for (i = 0; i < sizeof aliases / sizeof aliases[0]; ++i) {
        EntropykFluid* fluid = NULL;
        char canonical[64];
        size_t n = 0;
        CHECK_OK(entropyk_fluid_create(aliases[i][0], ENTROPYK_BACKEND_EOS, &fluid));
        CHECK_OK(entropyk_fluid_name(fluid, canonical, sizeof canonical, &n));
        if (strcmp(canonical, aliases[i][1]) != 0) {
            fprintf(stderr, "alias %s gave %s, expected %s\n", aliases[i][0], canonical, aliases[i][1]);
            ++check_failures;
        }
        entropyk_fluid_free(fluid);
    }
}

static void test_free_and_failed_create(void) {
    EntropykFluid* fluid = (EntropykFluid*)&fluid; /* any non-NULL value: a failed create must reset it */
    entropyk_fluid_free(NULL);                     /* a no-op */
    CHECK_CODE(entropyk_fluid_create("no such fluid", ENTROPYK_BACKEND_EOS, &fluid), ENTROPYK_FLUID_ERROR);
    CHECK(fluid == NULL);
    fluid = (EntropykFluid*)&fluid;
    CHECK_CODE(entropyk_fluid_create("R134a", 5, &fluid), ENTROPYK_INVALID_ARGUMENT); /* no such backend */
    CHECK(fluid == NULL);
}

static void test_struct_initialisers(void) {
    EntropykFluidState a = ENTROPYK_FLUID_STATE_INIT, b;
    EntropykFluidInfo c = ENTROPYK_FLUID_INFO_INIT, d;
    memset(&b, 0xAB, sizeof b);
    memset(&d, 0xAB, sizeof d);
    CHECK_OK(entropyk_fluid_state_init(&b));
    CHECK_OK(entropyk_fluid_info_init(&d));
    CHECK(a.struct_size == sizeof(EntropykFluidState) && b.struct_size == sizeof(EntropykFluidState));
    CHECK(a.quality == ENTROPYK_QUALITY_SINGLE_PHASE && b.quality == ENTROPYK_QUALITY_SINGLE_PHASE);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    CHECK(c.struct_size == sizeof(EntropykFluidInfo) && memcmp(&c, &d, sizeof c) == 0);
}

static void test_many_handles(void) {
    EntropykFluid* fluids[64];
    int i;
    for (i = 0; i < 64; ++i) CHECK_OK(entropyk_fluid_create(i % 2 ? "R32" : "water", ENTROPYK_BACKEND_EOS, &fluids[i]));
    for (i = 0; i < 64; ++i) CHECK(fluids[i] != NULL && (i == 0 || fluids[i] != fluids[i - 1]));
    for (i = 63; i >= 0; --i) entropyk_fluid_free(fluids[i]);
}

/* Every component kind: created, named, freed without being added; NULL frees are no-ops. */
static void test_components(void) {
    EntropykComponent* c[8];
    EntropykCompressorConfig comp = ENTROPYK_COMPRESSOR_CONFIG_INIT;
    EntropykIsentropicCompressorConfig icomp = ENTROPYK_ISENTROPIC_COMPRESSOR_CONFIG_INIT;
    EntropykHeatExchangerConfig hx = ENTROPYK_HEAT_EXCHANGER_CONFIG_INIT;
    EntropykFixedSaturationConfig fs = ENTROPYK_FIXED_SATURATION_CONFIG_INIT;
    EntropykExpansionValveConfig v = ENTROPYK_EXPANSION_VALVE_CONFIG_INIT;
    int i;
    const uint32_t live_before = entropyk_live_handles();
    comp.mass_flow_coefficients[0] = 0.05;
    comp.power_coefficients[0] = 1000.0;
    comp.units = ENTROPYK_MAP_UNITS_SI_KG_PER_S;
    CHECK_OK(entropyk_compressor_create(&comp, &c[0]));
    CHECK_OK(entropyk_isentropic_compressor_create(&icomp, &c[1]));
    CHECK_OK(entropyk_condenser_create(&hx, &c[2]));
    CHECK_OK(entropyk_evaporator_create(&hx, &c[3]));
    CHECK_OK(entropyk_fixed_saturation_condenser_create(&fs, &c[4]));
    CHECK_OK(entropyk_fixed_saturation_evaporator_create(&fs, &c[5]));
    CHECK_OK(entropyk_expansion_valve_create(&v, &c[6]));
    CHECK_OK(entropyk_receiver_create(&c[7]));
    /* The live-handle counter sees every create and every free (bindings prove "no leak" with it). */
    CHECK(entropyk_live_handles() == live_before + 8);
    for (i = 0; i < 8; ++i) {
        CHECK(c[i] != NULL);
        CHECK_OK(entropyk_component_set_name(c[i], "part"));
        entropyk_component_free(c[i]);
        CHECK(entropyk_live_handles() == live_before + 7 - (uint32_t)i);
    }
    entropyk_component_free(NULL);
    CHECK(entropyk_live_handles() == live_before);
    entropyk_system_free(NULL);
    entropyk_result_free(NULL);
}

/* Ownership: the system owns what it was given; results are snapshots that outlive it. */
static void test_system_ownership(void) {
    EntropykSystem* sys = NULL;
    EntropykComponent* comp = isentropic_compressor(0.8, 0.1);
    EntropykSolverResult *r = NULL, *reused = NULL;
    uint32_t index = 99, count = 0;
    double cop = 0.0;
    CHECK_OK(entropyk_system_create("R32", ENTROPYK_BACKEND_EOS, &sys));
    CHECK_OK(entropyk_system_add_component(sys, comp, &index)); /* comp is the system's now */
    CHECK(index == 0);
    CHECK_OK(entropyk_system_get_component_count(sys, &count));
    CHECK(count == 1);
    entropyk_system_free(sys); /* frees the component too (valgrind / ASan check it) */

    sys = r32_cycle();
    CHECK(sys != NULL);
    CHECK_OK(entropyk_system_get_component_count(sys, &count));
    CHECK(count == 4);
    CHECK_OK(entropyk_result_create(sys, &reused));
    CHECK_OK(entropyk_solve_newton(sys, NULL, &r));
    CHECK_OK(entropyk_solve_newton_into(sys, NULL, reused));
    entropyk_system_free(sys);
    CHECK_OK(entropyk_result_get_cop_cooling(r, &cop)); /* the result outlives its system */
    CHECK_REL(cop, 4.348012, 1e-4);
    CHECK_OK(entropyk_result_get_cop_cooling(reused, &cop));
    CHECK_REL(cop, 4.348012, 1e-4);
    entropyk_result_free(r);
    entropyk_result_free(reused);
}

int main(void) {
    test_versions();
    test_components();
    test_system_ownership();
    test_every_fluid();
    test_aliases();
    test_free_and_failed_create();
    test_struct_initialisers();
    test_many_handles();
    return check_report("test_lifecycle");
}
