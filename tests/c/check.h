/* Minimal assertion helpers for the C tests (plain C99). */
#ifndef ENTROPYK_TESTS_C_CHECK_H
#define ENTROPYK_TESTS_C_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <entropyk.h>

static int check_failures = 0;

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);                                   \
            ++check_failures;                                                                                          \
        }                                                                                                              \
    } while (0)

/* A call's code must be `expected`; prints both codes' descriptions otherwise. */
#define CHECK_CODE(call, expected)                                                                                     \
    do {                                                                                                               \
        EntropykErrorCode check_rc_ = (call);                                                                          \
        if (check_rc_ != (expected)) {                                                                                 \
            fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d (%s)\n", __FILE__, __LINE__, #call,               \
                    (int)check_rc_, entropyk_error_string(check_rc_), (int)(expected),                                 \
                    entropyk_error_string(expected));                                                                  \
            ++check_failures;                                                                                          \
        }                                                                                                              \
    } while (0)

#define CHECK_OK(call) CHECK_CODE(call, ENTROPYK_OK)

/* `text` contains `part`. */
#define CHECK_CONTAINS(text, part)                                                                                     \
    do {                                                                                                               \
        if (strstr((text), (part)) == NULL) {                                                                          \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__, (text), (part));            \
            ++check_failures;                                                                                          \
        }                                                                                                              \
    } while (0)

/* |a - b| <= tol * max(|a|, |b|) */
#define CHECK_REL(a, b, tol)                                                                                           \
    do {                                                                                                               \
        double check_a_ = (a), check_b_ = (b);                                                                         \
        double check_s_ = fabs(check_a_) > fabs(check_b_) ? fabs(check_a_) : fabs(check_b_);                           \
        if (!(fabs(check_a_ - check_b_) <= (tol)*check_s_)) {                                                          \
            fprintf(stderr, "%s:%d: %s = %.17g, %s = %.17g differ by more than %g\n", __FILE__, __LINE__, #a,          \
                    check_a_, #b, check_b_, (double)(tol));                                                            \
            ++check_failures;                                                                                          \
        }                                                                                                              \
    } while (0)

static inline int check_report(const char* name) {
    if (check_failures == 0) {
        printf("%s: all checks passed\n", name);
        return 0;
    }
    fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
    return 1;
}

/* The fluid's last-error text (empty on failure to read it). */
static inline const char* last_error_of(const EntropykFluid* fluid) {
    static char text[512];
    size_t len = 0;
    text[0] = '\0';
    if (entropyk_fluid_last_error(fluid, text, sizeof text, &len) != ENTROPYK_OK) text[0] = '\0';
    return text;
}

#endif
