/* Lifecycle of every handle kind through the C API: create, use, free; free(NULL); failed creates
   leave *out NULL; versions; struct initialisers. */
#include <stdlib.h>

#include "check.h"

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
    CHECK(count == 8);
}

static void test_aliases(void) {
    static const char* const aliases[][2] = {{"co2", "R744"},        {"CarbonDioxide", "R744"}, {"AMMONIA", "R717"},
                                             {"propane", "R290"},    {"r718", "Water"},         {"r134A", "R134a"},
                                             {"R1234YF", "R1234yf"}, {"r410a", "R410A"}};
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
    CHECK_CODE(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_TABLES, &fluid), ENTROPYK_INVALID_ARGUMENT);
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

int main(void) {
    test_versions();
    test_every_fluid();
    test_aliases();
    test_free_and_failed_create();
    test_struct_initialisers();
    test_many_handles();
    return check_report("test_lifecycle");
}
