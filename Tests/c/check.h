/* A minimal test harness for the C suites: CHECK records a pass or a failure with the
** expression and line; check_finish prints "c: N passed, N failed" and writes the counts. */
#ifndef AEX_CHECK_H
#define AEX_CHECK_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed = 0, check_failed = 0;

#define CHECK(cond) \
  do { \
    if (cond) check_passed++; \
    else { \
      check_failed++; \
      fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
    } \
  } while (0)

#define CHECK_STATUS(expr, want) \
  do { \
    int32_t got_ = (expr); \
    if (got_ == (want)) check_passed++; \
    else { \
      check_failed++; \
      fprintf(stderr, "%s:%d: FAILED: %s = %s (%d), want %s: %s\n", __FILE__, __LINE__, #expr, \
              aex_status_string(got_), got_, #want, aex_last_error_message()); \
    } \
  } while (0)

/* Equal doubles, NaN equal to NaN. */
static int same_double(double a, double b) { return (isnan(a) && isnan(b)) || a == b; }

static int check_arrays(const double *got, const double *want, int n) {
    for (int i = 0; i < n; i++)
        if (!same_double(got[i], want[i])) return 0;
    return 1;
}

static int check_finish(const char *suite) {
    printf("%s: %d passed, %d failed\n", suite, check_passed, check_failed);
    const char *out = getenv("CHECK_COUNTS");
    if (out) {
        FILE *f = fopen(out, "a");
        if (f) {
            fprintf(f, "%d %d\n", check_passed, check_failed);
            fclose(f);
        }
    }
    return check_failed ? 1 : 0;
}
#endif
