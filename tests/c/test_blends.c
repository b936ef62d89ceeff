/* Refrigerant blends through the C API (issue 18): entropyk_fluid_create by blend name and by
   composition, entropyk_fluid_components and entropyk_fluid_blend_info (composition, bubble and
   dew temperatures, glide), the refusal of property tables for a blend, the R454B heat pump of
   examples/cycles solved from its file with exact checks, and several threads creating the same
   blend at once. */
#include <pthread.h>
#include <stdlib.h>

#include "check.h"

#ifndef ENTROPYK_SOURCE_DIR
#error "ENTROPYK_SOURCE_DIR must be defined"
#endif

static void test_blend_fluid(void) {
    EntropykFluid* fluid = NULL;
    EntropykFluid* again = NULL;
    EntropykBlendInfo info = ENTROPYK_BLEND_INFO_INIT;
    EntropykFluidState bub = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidState dew = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidState mid = ENTROPYK_FLUID_STATE_INIT;
    char text[320];
    size_t len = 0;
    CHECK_OK(entropyk_fluid_create("r454b", ENTROPYK_BACKEND_EOS, &fluid));
    CHECK(fluid != NULL);
    if (fluid == NULL) return;
    CHECK_OK(entropyk_fluid_name(fluid, text, sizeof text, &len));
    CHECK(strcmp(text, "R454B") == 0 && len == 5);
    CHECK_OK(entropyk_fluid_components(fluid, text, sizeof text, &len));
    CHECK(strcmp(text, "R32,R1234yf") == 0);
    /* Too small a buffer: the needed length, nothing else. */
    CHECK_CODE(entropyk_fluid_components(fluid, text, 4, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(len == 11);

    CHECK_OK(entropyk_fluid_blend_info(fluid, 1e6, &info));
    CHECK(info.component_count == 2);
    /* The predefined composition (mole fractions of the blend's definition, giving 68.9 % R32 by mass). */
    CHECK(fabs(info.mass_fraction[0] - 0.689) < 1e-7);
    CHECK(fabs(info.mass_fraction[0] + info.mass_fraction[1] - 1.0) < 1e-15);
    CHECK(fabs(info.mole_fraction[0] - 0.829247912869081) < 1e-15);
    CHECK(info.mass_fraction[2] == 0.0 && info.mole_fraction[5] == 0.0);
    CHECK(info.p == 1e6);
    CHECK(info.glide == info.T_dew - info.T_bubble);
    CHECK(info.glide > 0.8 && info.glide < 2.0);
    /* The (p, q) states at q = 0 and 1 are the bubble and dew points; inside, T glides between. */
    CHECK_OK(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PQ, 1e6, 0.0, &bub));
    CHECK_OK(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PQ, 1e6, 1.0, &dew));
    CHECK_OK(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PQ, 1e6, 0.5, &mid));
    CHECK_REL(bub.T, info.T_bubble, 1e-10);
    CHECK_REL(dew.T, info.T_dew, 1e-10);
    CHECK(mid.phase == ENTROPYK_PHASE_TWO_PHASE && mid.T > bub.T && mid.T < dew.T && fabs(mid.quality - 0.5) < 1e-12);
    CHECK(mid.cp == ENTROPYK_UNDEFINED_IN_TWO_PHASE);
    /* No saturation above the critical point: refused, *out unchanged. */
    CHECK_CODE(entropyk_fluid_blend_info(fluid, 6e6, &info), ENTROPYK_FLUID_ERROR);
    CHECK(info.p == 1e6);
    CHECK_OK(entropyk_fluid_last_error(fluid, text, sizeof text, &len));
    CHECK_CONTAINS(text, "entropyk_fluid_blend_info: R454B: no saturation state at p = 6e+06 Pa (bubble and dew points "
                         "exist for p < ");
    CHECK_CODE(entropyk_fluid_blend_info(fluid, NAN, &info), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_fluid_blend_info(fluid, 1e6, NULL), ENTROPYK_NULL_POINTER);

    /* A composition by mass: the same blend within the rounding of its definition. */
    CHECK_OK(entropyk_fluid_create("R32[0.689]&R1234yf[0.311]", ENTROPYK_BACKEND_EOS, &again));
    CHECK(again != NULL);
    if (again != NULL) {
        EntropykBlendInfo b = ENTROPYK_BLEND_INFO_INIT;
        CHECK_OK(entropyk_fluid_name(again, text, sizeof text, &len));
        CHECK(strcmp(text, "R32[0.689]&R1234yf[0.311]") == 0);
        CHECK_OK(entropyk_fluid_blend_info(again, 1e6, &b));
        CHECK(b.mass_fraction[0] == 0.689);
        CHECK(fabs(b.T_bubble - info.T_bubble) < 1e-4);
        entropyk_fluid_free(again);
    }
    entropyk_fluid_free(fluid);

    /* A pure fluid: one component, fraction 1, no glide. */
    CHECK_OK(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_EOS, &fluid));
    if (fluid != NULL) {
        EntropykBlendInfo p = ENTROPYK_BLEND_INFO_INIT;
        CHECK_OK(entropyk_fluid_components(fluid, text, sizeof text, &len));
        CHECK(strcmp(text, "R134a") == 0);
        CHECK_OK(entropyk_fluid_blend_info(fluid, 5e5, &p));
        CHECK(p.component_count == 1 && p.mass_fraction[0] == 1.0 && p.mole_fraction[0] == 1.0);
        CHECK(p.glide == 0.0 && p.T_bubble == p.T_dew);
        entropyk_fluid_free(fluid);
    }
}

static void test_tables_refused(void) {
    EntropykFluid* fluid = (EntropykFluid*)&fluid; /* not NULL: the refusal must reset it */
    EntropykSystem* sys = (EntropykSystem*)&sys;
    char message[512];
    size_t len = 0;
    const char* json = "{\"refrigerant\": \"R454B\", \"backend\": \"tables\", \"components\": [], \"connections\": []}";
    CHECK_CODE(entropyk_fluid_create("R454B", ENTROPYK_BACKEND_TABLES, &fluid), ENTROPYK_FLUID_ERROR);
    CHECK(fluid == NULL);
    CHECK_CODE(entropyk_system_create("R407C", ENTROPYK_BACKEND_TABLES, &sys), ENTROPYK_FLUID_ERROR);
    CHECK(sys == NULL);
    CHECK_CODE(entropyk_system_from_json(json, "blend.json", &sys, message, sizeof message, &len),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK(sys == NULL);
    CHECK_CONTAINS(message, "blend.json: /backend: R454B: property tables are not available for blends yet; use the "
                            "equation-of-state backend (eos)");
}

/* The demo heat pump of examples/cycles on R410A and on R454B, solved from the files. */
static void test_heat_pump(void) {
    static const char* files[2] = {ENTROPYK_SOURCE_DIR "/examples/cycles/r410a_heat_pump.json",
                                   ENTROPYK_SOURCE_DIR "/examples/cycles/r454b_heat_pump.json"};
    double cop[2] = {0.0, 0.0};
    int i;
    for (i = 0; i < 2; ++i) {
        EntropykSystem* sys = NULL;
        EntropykSolverResult* r = NULL;
        double heating = 0.0, cooling = 0.0, power = 0.0, superheat = 0.0, subcooling = 0.0;
        char message[256];
        size_t len = 0;
        CHECK_OK(entropyk_system_from_file(files[i], &sys, message, sizeof message, &len));
        if (sys == NULL) continue;
        CHECK_OK(entropyk_solve_configured(sys, &r));
        CHECK_OK(entropyk_result_get_cop_heating(r, &cop[i]));
        CHECK_OK(entropyk_result_get_heating_capacity(r, &heating));
        CHECK_OK(entropyk_result_get_cooling_capacity(r, &cooling));
        CHECK_OK(entropyk_result_get_compressor_power(r, &power));
        CHECK_OK(entropyk_result_get_superheat(r, &superheat));
        CHECK_OK(entropyk_result_get_subcooling(r, &subcooling));
        /* Energy balance of the loop: condenser = evaporator + compressor (adiabatic valve and
           compressor shell as modelled). */
        CHECK_REL(heating, cooling + power, 1e-6);
        CHECK_REL(cop[i], heating / power, 1e-12);
        /* The specifications, measured from the dew (superheat) and bubble (subcooling) points. */
        CHECK(fabs(superheat - 5.0) < 1e-6);
        CHECK(fabs(subcooling - 7.0) < 1e-6);
        entropyk_result_free(r);
        entropyk_system_free(sys);
    }
    /* R454B in the R410A heat pump: a COP within 15 % of R410A's (it is the drop-in replacement). */
    CHECK(cop[0] > 2.0 && cop[0] < 6.0);
    CHECK(cop[1] > 0.85 * cop[0] && cop[1] < 1.15 * cop[0]);
}

#define THREADS 4

static void* create_worker(void* arg) {
    EntropykFluid* fluid = NULL;
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
    double* T = (double*)arg;
    if (entropyk_fluid_create("R407C", ENTROPYK_BACKEND_EOS, &fluid) != ENTROPYK_OK) return arg;
    if (entropyk_fluid_state(fluid, ENTROPYK_INPUT_PQ, 1e6, 0.5, &st) != ENTROPYK_OK) {
        entropyk_fluid_free(fluid);
        return arg;
    }
    *T = st.T;
    entropyk_fluid_free(fluid);
    return NULL;
}

/* Several threads create the same blend at once (its first creation in this process): every one
   gets it, with the same state. */
static void test_threads(void) {
    pthread_t threads[THREADS];
    double T[THREADS] = {0.0, 0.0, 0.0, 0.0};
    int t;
    for (t = 0; t < THREADS; ++t) CHECK(pthread_create(&threads[t], NULL, create_worker, &T[t]) == 0);
    for (t = 0; t < THREADS; ++t) {
        void* result = NULL;
        CHECK(pthread_join(threads[t], &result) == 0);
        CHECK(result == NULL);
    }
    for (t = 0; t < THREADS; ++t) CHECK(T[t] == T[0]);
    CHECK(T[0] > 270.0 && T[0] < 300.0);
}

int main(void) {
    uint32_t live = entropyk_live_handles();
    test_threads();
    test_blend_fluid();
    test_tables_refused();
    test_heat_pump();
    CHECK(entropyk_live_handles() == live);
    return check_failures == 0 ? 0 : 1;
}
