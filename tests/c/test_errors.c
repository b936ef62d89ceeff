/* Every error code the C API can return so far, each produced by a real bad call, with its detail
   text checked. (ENTROPYK_INTERNAL_ERROR has no real bad call: tests/c/capi_helpers.test.cpp covers
   its mapping. Non-convergence, timeout, control saturation, invalid state and validation errors
   belong to the system API.) */
#include <stdint.h>

#include "check.h"

static EntropykFluid* r134a(void) {
    EntropykFluid* fluid = NULL;
    CHECK_OK(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_EOS, &fluid));
    return fluid;
}

/* Every code has a fixed description; unknown values get one too, never NULL. */
static void test_error_strings(void) {
    static const char* const expected[] = {"success",
                                           "the solver did not converge",
                                           "the solver ran out of its wall-clock budget",
                                           "converged with a control pinned at a bound",
                                           "fluid property error",
                                           "call not allowed in the object's current state",
                                           "the system is not well posed",
                                           "a required pointer argument is NULL",
                                           "an argument is out of range, NaN or infinite",
                                           "the caller's buffer is too small",
                                           "internal error",
                                           "the handle is not a live object of the expected kind"};
    int code;
    for (code = ENTROPYK_OK; code <= ENTROPYK_INVALID_HANDLE; ++code)
        CHECK_CONTAINS(entropyk_error_string(code), expected[code]);
    CHECK(strcmp(entropyk_error_string(12), "unknown error code") == 0);
    CHECK(strcmp(entropyk_error_string(-1), "unknown error code") == 0);
    CHECK(strcmp(entropyk_error_string(INT32_MAX), "unknown error code") == 0);
}

static void test_fluid_error(void) {
    EntropykFluid* fluid = NULL;
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT, before;
    CHECK_CODE(entropyk_fluid_create("R9999", ENTROPYK_BACKEND_EOS, &fluid), ENTROPYK_FLUID_ERROR);
    CHECK_CODE(entropyk_fluid_create("", ENTROPYK_BACKEND_EOS, &fluid), ENTROPYK_FLUID_ERROR);
    fluid = r134a();
    /* below the triple point */
    st.T = 12345.0;
    before = st;
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, 1e5, 50.0, &st), ENTROPYK_FLUID_ERROR);
    CHECK_CONTAINS(last_error_of(fluid), "entropyk_fluid_state: ");
    CHECK_CONTAINS(last_error_of(fluid), "T");
    CHECK(memcmp(&st, &before, sizeof st) == 0); /* *out untouched on error */
    /* negative pressure, quality outside [0, 1] */
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PH, -1e5, 4e5, &st), ENTROPYK_FLUID_ERROR);
    CHECK_CONTAINS(last_error_of(fluid), "p");
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_TQ, 280.0, 1.5, &st), ENTROPYK_FLUID_ERROR);
    CHECK_CONTAINS(last_error_of(fluid), "entropyk_fluid_state: ");
    /* a successful call keeps the last error */
    CHECK_OK(entropyk_fluid_state(fluid, ENTROPYK_INPUT_TQ, 280.0, 0.5, &st));
    CHECK_CONTAINS(last_error_of(fluid), "entropyk_fluid_state: ");
    entropyk_fluid_free(fluid);
}

static void test_null_pointer(void) {
    EntropykFluid* fluid = r134a();
    EntropykFluid* failed = fluid; /* a failed create resets *out to NULL */
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidInfo info = ENTROPYK_FLUID_INFO_INIT;
    char text[64];
    size_t len = 0;
    CHECK_CODE(entropyk_fluid_create(NULL, ENTROPYK_BACKEND_EOS, &failed), ENTROPYK_NULL_POINTER);
    CHECK(failed == NULL);
    CHECK_CODE(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_EOS, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_state(NULL, ENTROPYK_INPUT_PT, 1e5, 300.0, &st), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, 1e5, 300.0, NULL), ENTROPYK_NULL_POINTER);
    CHECK(strcmp(last_error_of(fluid), "entropyk_fluid_state: 'out' is NULL") == 0);
    CHECK_CODE(entropyk_fluid_info(fluid, NULL), ENTROPYK_NULL_POINTER);
    CHECK(strcmp(last_error_of(fluid), "entropyk_fluid_info: 'out' is NULL") == 0);
    CHECK_CODE(entropyk_fluid_info(NULL, &info), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_names(text, sizeof text, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_names(NULL, 10, &len), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_name(fluid, text, sizeof text, NULL), ENTROPYK_NULL_POINTER);
    CHECK(strcmp(last_error_of(fluid), "entropyk_fluid_name: 'out_len' is NULL") == 0);
    CHECK_CODE(entropyk_fluid_last_error(fluid, text, sizeof text, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_last_error(NULL, text, sizeof text, &len), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_state_init(NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_fluid_info_init(NULL), ENTROPYK_NULL_POINTER);
    entropyk_fluid_free(fluid);
}

static void test_invalid_argument(void) {
    EntropykFluid* fluid = r134a();
    EntropykFluid* other = NULL;
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidInfo info = ENTROPYK_FLUID_INFO_INIT;
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, NAN, 300.0, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(last_error_of(fluid), "entropyk_fluid_state: 'v1 (p [Pa])' is NaN") == 0);
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PH, 1e5, INFINITY, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(last_error_of(fluid), "entropyk_fluid_state: 'v2 (h [J/kg])' is +infinity") == 0);
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_TD, -INFINITY, 3.0, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(last_error_of(fluid), "'v1 (T [K])' is -infinity");
    CHECK_CODE(entropyk_fluid_state(fluid, 42, 1e5, 300.0, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(last_error_of(fluid), "unknown input pair 42");
    st.struct_size = 0;
    CHECK_CODE(entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, 1e5, 300.0, &st), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(last_error_of(fluid), "'out->struct_size' is 0");
    info.struct_size = 4;
    CHECK_CODE(entropyk_fluid_info(fluid, &info), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(last_error_of(fluid), "'out->struct_size' is 4");
    CHECK_CODE(entropyk_fluid_create("R134a", ENTROPYK_BACKEND_TABLES, &other), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CODE(entropyk_fluid_create("R134a", 7, &other), ENTROPYK_INVALID_ARGUMENT);
    CHECK(other == NULL);
    entropyk_fluid_free(fluid);
}

static void test_buffer_too_small(void) {
    EntropykFluid* fluid = r134a();
    char all[256], small[4];
    size_t len = 0, needed = 0;
    CHECK_OK(entropyk_fluid_names(NULL, 0, &needed)); /* size query */
    CHECK_OK(entropyk_fluid_names(all, needed + 1, &len));
    CHECK(len == needed && strlen(all) == needed);
    memset(small, 'x', sizeof small);
    CHECK_CODE(entropyk_fluid_names(small, sizeof small, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(len == needed);                                                           /* the needed length */
    CHECK(small[3] == '\0' && strncmp(small, all, 3) == 0);                         /* a terminated prefix */
    CHECK_CODE(entropyk_fluid_names(all, needed, &len), ENTROPYK_BUFFER_TOO_SMALL); /* no room for the NUL */
    CHECK_OK(entropyk_fluid_name(fluid, all, 6, &len));                             /* "R134a" needs 6 bytes */
    CHECK_CODE(entropyk_fluid_name(fluid, small, sizeof small, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(len == 5);
    CHECK_CONTAINS(last_error_of(fluid), "entropyk_fluid_name: the text needs 6 bytes");
    /* reading the last error with a short buffer reports its full length and does not overwrite it */
    CHECK_CODE(entropyk_fluid_last_error(fluid, small, sizeof small, &len), ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(len == strlen(last_error_of(fluid)));
    CHECK_CONTAINS(last_error_of(fluid), "entropyk_fluid_name: the text needs 6 bytes");
    entropyk_fluid_free(fluid);
}

static void test_invalid_handle(void) {
    /* memory that is not a fluid handle: zeros, and a foreign object */
    uint64_t zeros[16] = {0};
    double foreign[16] = {1.0, 2.0, 3.0};
    EntropykFluidState st = ENTROPYK_FLUID_STATE_INIT;
    char text[64];
    size_t len = 0;
    CHECK_CODE(entropyk_fluid_state((const EntropykFluid*)(void*)zeros, ENTROPYK_INPUT_PT, 1e5, 300.0, &st),
               ENTROPYK_INVALID_HANDLE);
    CHECK_CODE(entropyk_fluid_name((const EntropykFluid*)(void*)foreign, text, sizeof text, &len),
               ENTROPYK_INVALID_HANDLE);
    CHECK_CODE(entropyk_fluid_last_error((const EntropykFluid*)(void*)foreign, text, sizeof text, &len),
               ENTROPYK_INVALID_HANDLE);
    /* a misaligned pointer into a real handle's memory */
    {
        EntropykFluid* fluid = r134a();
        CHECK_CODE(
            entropyk_fluid_state((const EntropykFluid*)(void*)((char*)fluid + 1), ENTROPYK_INPUT_PT, 1e5, 300.0, &st),
            ENTROPYK_INVALID_HANDLE);
        entropyk_fluid_free(fluid);
    }
    entropyk_fluid_free((EntropykFluid*)(void*)zeros); /* ignored: not a live handle */
    CHECK(zeros[0] == 0);
}

int main(void) {
    test_error_strings();
    test_fluid_error();
    test_null_pointer();
    test_invalid_argument();
    test_buffer_too_small();
    test_invalid_handle();
    return check_report("test_errors");
}
