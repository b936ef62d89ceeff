/* Refrigerant blends through the C API (issue 18): entropyk_fluid_create by blend name and by
   composition, entropyk_fluid_components and entropyk_fluid_blend_info (composition, bubble and
   dew temperatures, glide), a blend on property tables, the R454B heat pump of examples/cycles
   solved from its file (on the equation of state and on the tables) with exact checks, and several threads creating the
   same blend at once. */
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

/* A blend on property tables (built once in this process and shared by the fluid handle and the
   systems): states within the tables' accuracy map of the equation of state's. */
static void test_tables(void) {
    EntropykFluid* tab = NULL;
    EntropykFluid* eos = NULL;
    EntropykSystem* sys = NULL;
    EntropykFluidState a = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidState e = ENTROPYK_FLUID_STATE_INIT;
    EntropykBlendInfo info = ENTROPYK_BLEND_INFO_INIT;
    CHECK_OK(entropyk_fluid_create("R454B", ENTROPYK_BACKEND_TABLES, &tab));
    CHECK_OK(entropyk_fluid_create("R454B", ENTROPYK_BACKEND_EOS, &eos));
    if (tab == NULL || eos == NULL) return;
    /* (p, q) in the glide, then the (p, h) and (p, s) of that state, and a superheated (p, T). */
    CHECK_OK(entropyk_fluid_state(tab, ENTROPYK_INPUT_PQ, 1e6, 0.4, &a));
    CHECK_OK(entropyk_fluid_state(eos, ENTROPYK_INPUT_PQ, 1e6, 0.4, &e));
    CHECK(a.phase == ENTROPYK_PHASE_TWO_PHASE && e.phase == ENTROPYK_PHASE_TWO_PHASE);
    CHECK_REL(a.T, e.T, 1e-7);
    CHECK_REL(a.h, e.h, 1e-6);
    CHECK(a.T != e.T); /* from the tables, not the equation of state */
    CHECK_OK(entropyk_fluid_state(tab, ENTROPYK_INPUT_PH, 1e6, e.h, &a));
    CHECK_REL(a.T, e.T, 1e-7);
    CHECK(fabs(a.quality - 0.4) < 1e-6);
    CHECK_OK(entropyk_fluid_state(tab, ENTROPYK_INPUT_PS, 1e6, e.s, &a));
    CHECK_REL(a.h, e.h, 1e-6);
    CHECK_OK(entropyk_fluid_state(tab, ENTROPYK_INPUT_PT, 1e6, 320.0, &a));
    CHECK_OK(entropyk_fluid_state(eos, ENTROPYK_INPUT_PT, 1e6, 320.0, &e));
    CHECK(a.phase == ENTROPYK_PHASE_VAPOR);
    CHECK_REL(a.h, e.h, 1e-6);
    CHECK_REL(a.rho, e.rho, 1e-6);
    CHECK_REL(a.cp, e.cp, 1e-4);
    /* Outside the tables (above 0.85 of the envelope's top) the equation of state answers. */
    CHECK_OK(entropyk_fluid_blend_info(tab, 1e6, &info));
    CHECK(info.glide > 0.8 && info.glide < 2.0);
    CHECK_CODE(entropyk_fluid_state(tab, ENTROPYK_INPUT_PQ, 1e6, 1.5, &a), ENTROPYK_FLUID_ERROR);
    CHECK_OK(entropyk_system_create("R454B", ENTROPYK_BACKEND_TABLES, &sys));
    CHECK(sys != NULL);
    entropyk_system_free(sys);
    entropyk_fluid_free(tab);
    entropyk_fluid_free(eos);
}

/* The text of a cycle file with its "backend": "eos" replaced by "tables" (malloc'ed). */
static char* with_tables(const char* path) {
    FILE* f = fopen(path, "rb");
    char* text = NULL;
    char* out = NULL;
    const char* key = "\"backend\": \"eos\"";
    char* at = NULL;
    long n = 0;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) == 0) n = ftell(f);
    rewind(f);
    text = (char*)calloc((size_t)n + 1, 1);
    if (text != NULL && fread(text, 1, (size_t)n, f) == (size_t)n) at = strstr(text, key);
    fclose(f);
    if (at != NULL) {
        out = (char*)calloc((size_t)n + 16, 1);
        if (out != NULL) {
            memcpy(out, text, (size_t)(at - text));
            strcat(out, "\"backend\": \"tables\"");
            strcat(out, at + strlen(key));
        }
    }
    free(text);
    return out;
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
    /* The R454B file on the tables: the same operating point within the tables' accuracy. */
    {
        char* json = with_tables(files[1]);
        EntropykSystem* sys = NULL;
        EntropykSolverResult* r = NULL;
        double cop_tables = 0.0, superheat = 0.0;
        char message[256];
        size_t len = 0;
        CHECK(json != NULL);
        if (json == NULL) return;
        CHECK_OK(entropyk_system_from_json(json, "r454b_tables.json", &sys, message, sizeof message, &len));
        free(json);
        if (sys == NULL) return;
        CHECK_OK(entropyk_solve_configured(sys, &r));
        CHECK_OK(entropyk_result_get_cop_heating(r, &cop_tables));
        CHECK_OK(entropyk_result_get_superheat(r, &superheat));
        CHECK_REL(cop_tables, cop[1], 1e-5);
        CHECK(cop_tables != cop[1]);
        CHECK(fabs(superheat - 5.0) < 1e-6);
        entropyk_result_free(r);
        entropyk_system_free(sys);
    }
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
    test_tables();
    test_heat_pump();
    CHECK(entropyk_live_handles() == live);
    return check_failures == 0 ? 0 : 1;
}
