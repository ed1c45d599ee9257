/* W4 from C: the time of one call of an autoexports function over 200 values.
 *
 *   latency LIBRARY FUNCTION RUNS CALLS VALUES_FILE
 *
 * FUNCTION is aex_rank_values (ranks all values; the answer is the rank of the value
 * at the index given in the file), aex_rank_eq (the spreadsheet RANK.EQ of that value) or
 * aex_percentrank_inc (its PERCENTRANK.INC, unrounded, Excel's convention).
 * VALUES_FILE holds the index on its first line, then one value per line ("nan" = missing).
 * After one warm-up run of CALLS calls, prints "answer R", then RUNS lines "ns T" with the
 * mean nanoseconds per call of each run. The library is opened with dlopen and functions
 * looked up with dlsym, so this compiles whether or not a function has landed yet.
 */
#define _POSIX_C_SOURCE 199309L
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AEX_RANK_COMPETITION 0
#define AEX_ORDER_DESCENDING 1
#define AEX_MISSING_KEEP 0
#define EXCEL_LARGEST_FIRST 0 /* aex_rank_eq takes Excel's order flag: 0 ranks the largest first */
#define MAXN 100000

typedef int32_t (*rank_values_fn)(double *, const double *, int64_t, int32_t, int32_t, int32_t);
/* aex_rank_eq(out_rank, value, range, n, excel_order) */
typedef int32_t (*rank_eq_fn)(double *, double, const double *, int64_t, int32_t);
/* aex_percentrank_inc(out, range, n, x, significance, convention) */
typedef int32_t (*percentrank_fn)(double *, const double *, int64_t, double, int32_t, int32_t);
#define UNROUNDED 0
#define CONVENTION_EXCEL 0

static double values[MAXN], ranks[MAXN];

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s LIBRARY FUNCTION RUNS CALLS VALUES_FILE\n", argv[0]);
        return 2;
    }
    const char *fname = argv[2];
    long runs = atol(argv[3]), calls = atol(argv[4]);
    FILE *f = fopen(argv[5], "r");
    if (!f) {
        perror(argv[5]);
        return 2;
    }
    long index = -1;
    int64_t n = 0;
    char line[128];
    if (fgets(line, sizeof line, f)) index = atol(line);
    while (n < MAXN && fgets(line, sizeof line, f)) values[n++] = strtod(line, NULL);
    fclose(f);
    if (index < 0 || index >= n) {
        fprintf(stderr, "bad index %ld\n", index);
        return 2;
    }

    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "%s\n", dlerror());
        return 2;
    }
    void *sym = dlsym(lib, fname);
    if (!sym) {
        fprintf(stderr, "%s is not exported by %s\n", fname, argv[1]);
        return 3;
    }

    double x = values[index], answer = 0;
    volatile double sink = 0;
    for (long r = -1; r < runs; r++) { /* r = -1 is the warm-up */
        double t0 = now_ns();
        if (strcmp(fname, "aex_rank_values") == 0) {
            rank_values_fn fn = (rank_values_fn)sym;
            for (long i = 0; i < calls; i++) {
                if (fn(ranks, values, n, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP) != 0) return 4;
                sink += ranks[index];
            }
            answer = ranks[index];
        } else if (strcmp(fname, "aex_rank_eq") == 0) {
            rank_eq_fn fn = (rank_eq_fn)sym;
            double out = 0;
            for (long i = 0; i < calls; i++) {
                if (fn(&out, x, values, n, EXCEL_LARGEST_FIRST) != 0) return 4;
                sink += out;
            }
            answer = out;
        } else if (strcmp(fname, "aex_percentrank_inc") == 0) {
            percentrank_fn fn = (percentrank_fn)sym;
            double out = 0;
            for (long i = 0; i < calls; i++) {
                if (fn(&out, values, n, x, UNROUNDED, CONVENTION_EXCEL) != 0) return 4;
                sink += out;
            }
            answer = out;
        } else {
            fprintf(stderr, "unknown function %s\n", fname);
            return 2;
        }
        double t1 = now_ns();
        if (r == -1) printf("answer %.17g\n", answer);
        else printf("ns %.3f\n", (t1 - t0) / (double)calls);
    }
    (void)sink;
    return 0;
}
