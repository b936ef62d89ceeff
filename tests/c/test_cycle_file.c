/* entropyk_system_from_json / _from_file and entropyk_solve_configured (issue 16): a cycle file
   read through the C API gives the system the command builds, with the same figures as the same
   cycle built with C calls; a refused file gives ENTROPYK_INVALID_ARGUMENT, *out == NULL and the
   reader's complete message through the string convention; bad pointers are refused first. */
#include <stdlib.h>

#include "check.h"
#include "cycles.h"

#ifndef ENTROPYK_SOURCE_DIR
#error "ENTROPYK_SOURCE_DIR must be defined"
#endif

static const char* textbook = ENTROPYK_SOURCE_DIR "/examples/cycles/r134a_textbook.json";

static double cop_of(EntropykSolverResult* r) {
    double cop = 0.0;
    if (entropyk_result_get_cop_cooling(r, &cop) != ENTROPYK_OK) return -1.0;
    return cop;
}

static void test_file_equals_c_calls(void) {
    EntropykSystem* file = NULL;
    EntropykSystem* calls = cengel_11_1();
    EntropykSolverResult* a = NULL;
    EntropykSolverResult* b = NULL;
    EntropykSolverResult* again = NULL;
    EntropykComponentResult comp = ENTROPYK_COMPONENT_RESULT_INIT;
    char message[256];
    size_t len = 99;
    uint32_t n = 0;
    message[0] = 'x';
    CHECK_OK(entropyk_system_from_file(textbook, &file, message, sizeof message, &len));
    CHECK(file != NULL);
    CHECK(len == 0 && message[0] == '\0');
    if (file == NULL || calls == NULL) {
        entropyk_system_free(file);
        entropyk_system_free(calls);
        return;
    }
    CHECK_OK(entropyk_system_get_component_count(file, &n));
    CHECK(n == 4);
    CHECK_OK(entropyk_solve_configured(file, &a));
    CHECK_OK(entropyk_solve_newton(calls, NULL, &b));
    /* Cengel & Boles Example 11-1: COP_R = 3.97; the two doors agree to rounding. */
    CHECK(fabs(cop_of(a) - 3.97) < 0.01);
    CHECK_REL(cop_of(a), cop_of(b), 1e-12);
    /* The file's component names reach the result. */
    CHECK_OK(entropyk_result_get_component(a, 3, &comp));
    CHECK(comp.heat_rate > 7000.0 && comp.heat_rate < 7400.0); /* the evaporator: Q_L = 7.18 kW */
    /* A second, warm, allocation-free solve into a result made for the system: same answer. */
    CHECK_OK(entropyk_result_create(file, &again));
    CHECK_OK(entropyk_solve_configured_into(file, again));
    CHECK_REL(cop_of(again), cop_of(a), 1e-9);
    /* A result of another system is refused. */
    CHECK_CODE(entropyk_solve_configured_into(calls, again), ENTROPYK_INVALID_ARGUMENT);
    entropyk_result_free(a);
    entropyk_result_free(b);
    entropyk_result_free(again);
    entropyk_system_free(file);
    entropyk_system_free(calls);
}

static const char* too_few = "{\"refrigerant\": \"R134a\", \"components\": []}";
static const char* too_few_message =
    "t.json: /components: expected an array of components (at least 2), got an array of 0 element(s)";

static void test_refused_text(void) {
    EntropykSystem* sys = (EntropykSystem*)&sys; /* must be set to NULL */
    char message[512];
    char small[8];
    size_t len = 0, small_len = 0;
    CHECK_CODE(entropyk_system_from_json(too_few, "t.json", &sys, message, sizeof message, &len),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK(sys == NULL);
    CHECK(strcmp(message, too_few_message) == 0);
    CHECK(len == strlen(too_few_message));
    /* size query, and a prefix in a small buffer */
    len = 0;
    CHECK_CODE(entropyk_system_from_json(too_few, "t.json", &sys, NULL, 0, &len), ENTROPYK_INVALID_ARGUMENT);
    CHECK(len == strlen(too_few_message));
    CHECK_CODE(entropyk_system_from_json(too_few, "t.json", &sys, small, sizeof small, &small_len),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK(small_len == strlen(too_few_message) && strcmp(small, "t.json:") == 0);
    /* NULL or empty source: "cycle" */
    CHECK_CODE(entropyk_system_from_json("{", NULL, &sys, message, sizeof message, &len), ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(message, "cycle: not valid JSON: parse error at line 1, column 2");
    CHECK_CODE(entropyk_system_from_json("{\"refrigerant\": \"R9999\"}", "", &sys, message, sizeof message, &len),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK_CONTAINS(message, "cycle: /refrigerant: unknown fluid \"R9999\"");
    CHECK_CODE(entropyk_system_from_file("no-such-dir/cycle.json", &sys, message, sizeof message, &len),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK(strcmp(message, "no-such-dir/cycle.json: cannot open the file") == 0);
    CHECK(sys == NULL);
}

static void test_bad_pointers(void) {
    EntropykSystem* sys = NULL;
    char message[64];
    size_t len = 7;
    message[0] = 'x';
    CHECK_CODE(entropyk_system_from_json(NULL, "t", &sys, message, sizeof message, &len), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_from_json(too_few, "t", NULL, message, sizeof message, &len), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_from_json(too_few, "t", &sys, NULL, 5, &len), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_from_json(too_few, "t", &sys, message, sizeof message, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_system_from_file(NULL, &sys, message, sizeof message, &len), ENTROPYK_NULL_POINTER);
    /* refused before anything was read: the buffer and length are untouched */
    CHECK(message[0] == 'x' && len == 7);
    CHECK_CODE(entropyk_solve_configured(NULL, NULL), ENTROPYK_NULL_POINTER);
    CHECK_CODE(entropyk_solve_configured_into(NULL, NULL), ENTROPYK_NULL_POINTER);
}

/* A system built with calls solves with the fallback defaults; an unfinalized one is refused. */
static void test_configured_defaults(void) {
    EntropykSystem* sys = r32_cycle();
    EntropykSystem* open = NULL;
    EntropykSolverResult* a = NULL;
    EntropykSolverResult* b = NULL;
    if (sys == NULL) {
        CHECK(sys != NULL);
        return;
    }
    CHECK_OK(entropyk_solve_configured(sys, &a));
    CHECK_OK(entropyk_solve_fallback(sys, NULL, &b));
    CHECK_REL(cop_of(a), cop_of(b), 1e-9);
    CHECK_OK(entropyk_system_create("R32", ENTROPYK_BACKEND_EOS, &open));
    entropyk_result_free(a);
    entropyk_result_free(b);
    b = NULL;
    CHECK_CODE(entropyk_solve_configured(open, &b), ENTROPYK_INVALID_STATE);
    CHECK(b == NULL);
    entropyk_system_free(sys);
    entropyk_system_free(open);
}

int main(void) {
    test_file_equals_c_calls();
    test_refused_text();
    test_bad_pointers();
    test_configured_defaults();
    return check_report("test_cycle_file");
}
