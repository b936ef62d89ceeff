/* entropyk_result_write_svg (issue 17): the p-h and T-s diagrams of a converged result through the
   string convention (size query, exact fit, buffer too small with the needed length and a prefix),
   the same text on every call, and the refusals: NULL pointers, an unknown kind, a result no solve
   has written, a failed solve. A refused call leaves *out_len and the buffer as they were. */
#include <stdlib.h>

#include "check.h"
#include "cycles.h"

static const char* result_error(const EntropykSolverResult* r) {
    static char text[1024];
    size_t len = 0;
    text[0] = '\0';
    if (entropyk_result_last_error(r, text, sizeof text, &len) != ENTROPYK_OK) text[0] = '\0';
    return text;
}

/* Counts the occurrences of `part` in `text`. */
static int count(const char* text, const char* part) {
    int n = 0;
    const char* at = text;
    while ((at = strstr(at, part)) != NULL) {
        ++n;
        at += strlen(part);
    }
    return n;
}

static void test_converged_result(void) {
    EntropykSystem* sys = cengel_11_1();
    EntropykSolverResult* r = NULL;
    size_t len = 0, len_again = 0, len_ts = 0, small_len = 0;
    char small[64];
    char* svg = NULL;
    char* again = NULL;
    char* ts = NULL;
    CHECK(sys != NULL);
    if (sys == NULL) return;
    CHECK_OK(entropyk_solve_newton(sys, NULL, &r));
    CHECK(r != NULL);
    if (r == NULL) {
        entropyk_system_free(sys);
        return;
    }

    /* size query, then a buffer of exactly len + 1 bytes */
    CHECK_OK(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, NULL, 0, &len));
    CHECK(len > 10000);
    svg = (char*)malloc(len + 1);
    again = (char*)malloc(len + 1);
    CHECK(svg != NULL && again != NULL);
    if (svg != NULL && again != NULL) {
        CHECK_OK(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, svg, len + 1, &len_again));
        CHECK(len_again == len && strlen(svg) == len);
        CHECK(strncmp(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 44) == 0);
        CHECK(strcmp(svg + len - 7, "</svg>\n") == 0);
        CHECK_CONTAINS(svg, "<title>R134a cycle \xe2\x80\x94 log p-h diagram</title>");
        CHECK_CONTAINS(svg, "id=\"dome-bubble\"");
        CHECK_CONTAINS(svg, "data-role=\"compressor\"");
        CHECK_CONTAINS(svg, "properties: equation of state");
        /* four states, four numbered points, each number in its own label */
        CHECK(count(svg, "<circle class=\"state\"") == 4);
        CHECK(count(svg, "class=\"state-label\"") == 4);
        CHECK_CONTAINS(svg, "text-anchor=\"middle\">1</text>");
        CHECK_CONTAINS(svg, "text-anchor=\"middle\">4</text>");
        /* the same result and kind give the same text */
        CHECK_OK(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, again, len + 1, &len_again));
        CHECK(memcmp(svg, again, len + 1) == 0);
        /* len bytes leave no room for the NUL: too small, the needed length and a prefix */
        len_again = 0;
        CHECK_CODE(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, again, len, &len_again),
                   ENTROPYK_BUFFER_TOO_SMALL);
        CHECK(len_again == len && again[len - 1] == '\0' && strncmp(again, svg, len - 1) == 0);
        /* one loop: entropyk_result_write_svg_loop(0) is the same document */
        memset(again, 0, len + 1);
        len_again = 0;
        CHECK_OK(entropyk_result_write_svg_loop(r, 0, ENTROPYK_DIAGRAM_PH, again, len + 1, &len_again));
        CHECK(len_again == len && memcmp(svg, again, len + 1) == 0);
    }
    CHECK_CODE(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, small, sizeof small, &small_len),
               ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(small_len == len);
    CHECK(small[63] == '\0' && strncmp(small, "<?xml", 5) == 0);
    CHECK_CONTAINS(result_error(r), "entropyk_result_write_svg: the text needs ");
    CHECK_CONTAINS(result_error(r), "capacity is 64");

    {
        uint32_t loops = 0;
        char name[16];
        size_t name_len = 0;
        CHECK_OK(entropyk_result_get_loop_count(r, &loops));
        CHECK(loops == 1);
        CHECK_OK(entropyk_result_get_loop_refrigerant(r, 0, name, sizeof name, &name_len));
        CHECK(strcmp(name, "R134a") == 0 && name_len == 5);
        name_len = 7;
        CHECK_CODE(entropyk_result_write_svg_loop(r, 1, ENTROPYK_DIAGRAM_PH, NULL, 0, &name_len),
                   ENTROPYK_INVALID_ARGUMENT);
        CHECK(name_len == 7);
        CHECK(strcmp(result_error(r), "entropyk_result_write_svg_loop: loop 1: the result has 1 refrigerant loop "
                                      "(0 to 0)") == 0);
    }

    /* the T-s diagram */
    CHECK_OK(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_TS, NULL, 0, &len_ts));
    ts = (char*)malloc(len_ts + 1);
    CHECK(ts != NULL);
    if (ts != NULL) {
        CHECK_OK(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_TS, ts, len_ts + 1, &len_ts));
        CHECK_CONTAINS(ts, "<title>R134a cycle \xe2\x80\x94 T-s diagram</title>");
        CHECK_CONTAINS(ts, "specific entropy s [kJ/(kg K)]");
        CHECK(count(ts, "<circle class=\"state\"") == 4);
    }

    /* refusals: nothing written, *out_len unchanged */
    len = 12345;
    strcpy(small, "untouched");
    CHECK_CODE(entropyk_result_write_svg(NULL, ENTROPYK_DIAGRAM_PH, small, sizeof small, &len), ENTROPYK_NULL_POINTER);
    CHECK(len == 12345 && strcmp(small, "untouched") == 0);
    CHECK_CODE(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, small, sizeof small, NULL), ENTROPYK_NULL_POINTER);
    CHECK(strcmp(small, "untouched") == 0);
    CHECK(strcmp(result_error(r), "entropyk_result_write_svg: 'out_len' is NULL") == 0);
    CHECK_CODE(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, NULL, 10, &len), ENTROPYK_NULL_POINTER);
    CHECK(len == 12345);
    CHECK(strcmp(result_error(r), "entropyk_result_write_svg: 'buffer' is NULL but 'capacity' is 10") == 0);
    CHECK_CODE(entropyk_result_write_svg(r, (EntropykDiagramKind)2, small, sizeof small, &len),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK(len == 12345 && strcmp(small, "untouched") == 0);
    CHECK(strcmp(result_error(r), "entropyk_result_write_svg: 'kind' = 2 is not a valid value") == 0);
    CHECK_CODE(entropyk_result_write_svg(r, (EntropykDiagramKind)-1, small, sizeof small, &len),
               ENTROPYK_INVALID_ARGUMENT);
    CHECK(len == 12345);

    free(svg);
    free(again);
    free(ts);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

/* A result no solve has written, then the same handle after a solve that failed. */
static void test_unwritten_and_failed_result(void) {
    EntropykSystem* sys = heat_pump(60.0);
    EntropykSolverResult* r = NULL;
    EntropykNewtonConfig one = ENTROPYK_NEWTON_CONFIG_INIT;
    char buf[256];
    size_t len = 777;
    CHECK(sys != NULL);
    if (sys == NULL) return;
    CHECK_OK(entropyk_result_create(sys, &r));
    strcpy(buf, "untouched");
    CHECK_CODE(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, buf, sizeof buf, &len), ENTROPYK_INVALID_STATE);
    CHECK(len == 777 && strcmp(buf, "untouched") == 0);
    CHECK_CONTAINS(result_error(r), "entropyk_result_write_svg: no solve has written this result yet");
    CHECK_CODE(entropyk_result_write_svg_loop(r, 0, ENTROPYK_DIAGRAM_PH, buf, sizeof buf, &len),
               ENTROPYK_INVALID_STATE);
    CHECK(len == 777 && strcmp(buf, "untouched") == 0);
    CHECK_CONTAINS(result_error(r), "entropyk_result_write_svg_loop: no solve has written this result yet");

    /* one Newton iteration from the automatic guess cannot converge */
    one.max_iterations = 1;
    one.cold_start = 1;
    one.time_budget = 60.0;
    CHECK_CODE(entropyk_solve_newton_into(sys, &one, r), ENTROPYK_NON_CONVERGENCE);
    CHECK_CODE(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_TS, buf, sizeof buf, &len), ENTROPYK_INVALID_STATE);
    CHECK(len == 777 && strcmp(buf, "untouched") == 0);
    CHECK(strcmp(result_error(r), "entropyk_result_write_svg: the solve did not converge: a diagram shows a "
                                  "solution, and this result holds none") == 0);
    CHECK_CODE(entropyk_result_write_svg(r, ENTROPYK_DIAGRAM_PH, NULL, 0, &len), ENTROPYK_INVALID_STATE);
    CHECK(len == 777);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

int main(void) {
    test_converged_result();
    test_unwritten_and_failed_result();
    return check_report("test_diagram");
}
