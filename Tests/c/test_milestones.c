/* C tests of the Milestones section: all-pairs overtakes over a periods × entities matrix. */
#include "autoexports.h"
#include "check.h"

/* The definition (DESIGN §4), pair by pair: the oracle for the generated panels. */
static int64_t brute_force(const double *v, int64_t t, int64_t n, int bridging) {
    int64_t k = 0;
    for (int64_t a = 0; a < n; a++)
        for (int64_t b = 0; b < n; b++) {
            if (a == b) continue;
            int last = 0;
            for (int64_t p = 0; p < t; p++) {
                double x = v[p * n + a], y = v[p * n + b];
                if (isnan(x) || isnan(y)) { if (!bridging) last = 0; continue; }
                if (x > y) { if (last == -1) k++; last = 1; }
                else if (x < y) last = -1;
            }
        }
    return k;
}

static void test_example(void) {
    const double v[6] = {1, 3, 2, 2, 4, 1}; /* 3 periods × entities A, B */
    int64_t k = -1;
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, 2, 0, 0), AEX_OK);
    CHECK(k == 1);
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, 2, AEX_OVERTAKES_ADJACENT, 1), AEX_OK);
    CHECK(k == 0);
    int32_t ev[AEX_OVERTAKE_FIELDS] = {-1, -1, -1, -1, -1};
    CHECK_STATUS(aex_overtakes_find(&k, ev, AEX_OVERTAKE_FIELDS, v, 6, 2, 0, 0), AEX_OK);
    CHECK(k == 1);
    CHECK(ev[AEX_OVERTAKE_PERIOD] == 2 && ev[AEX_OVERTAKE_SUBJECT] == 0 && ev[AEX_OVERTAKE_RIVAL] == 1);
    CHECK(ev[AEX_OVERTAKE_SINCE] == 0 && ev[AEX_OVERTAKE_FLAGS] == 0);
}

static void test_gap_and_bridging(void) {
    const double v[6] = {1, 3, NAN, 3, 4, 1};
    int64_t k = -1;
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, 2, 0, 0), AEX_OK);
    CHECK(k == 0); /* the gap breaks the comparison */
    int32_t ev[AEX_OVERTAKE_FIELDS];
    CHECK_STATUS(aex_overtakes_find(&k, ev, AEX_OVERTAKE_FIELDS, v, 6, 2, AEX_OVERTAKES_BRIDGE_GAPS, 0), AEX_OK);
    CHECK(k == 1 && ev[AEX_OVERTAKE_SINCE] == 0 && ev[AEX_OVERTAKE_FLAGS] == AEX_OVERTAKE_BRIDGED);
}

static void test_buffer_too_small(void) {
    const double v[6] = {1, 3, 2, 2, 4, 1};
    int64_t k = -1;
    int32_t ev[4];
    CHECK_STATUS(aex_overtakes_find(&k, ev, 4, v, 6, 2, 0, 0), AEX_E_BUFFER_TOO_SMALL);
    CHECK(k == 1);
    CHECK(strstr(aex_last_error_message(), "capacity >= 5") != NULL);
    CHECK_STATUS(aex_overtakes_find(&k, NULL, 0, v, 6, 2, 0, 2), AEX_E_BUFFER_TOO_SMALL);
    CHECK(k == 1);
}

static void test_bad_input(void) {
    const double v[6] = {1, 3, 2, 2, 4, 1};
    int64_t k = -7;
    int32_t ev[5];
    CHECK_STATUS(aex_overtakes_count(NULL, v, 6, 2, 0, 0), AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "out_count") != NULL);
    CHECK_STATUS(aex_overtakes_count(&k, NULL, 6, 2, 0, 0), AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "values") != NULL);
    CHECK_STATUS(aex_overtakes_count(&k, v, -6, 2, 0, 0), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, -2, 0, 0), AEX_E_OUT_OF_RANGE);
    CHECK(strstr(aex_last_error_message(), "n_entities") != NULL);
    CHECK_STATUS(aex_overtakes_count(&k, v, 5, 2, 0, 0), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "multiple") != NULL);
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, 0, 0, 0), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, 2, 8, 0), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "flags") != NULL);
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, 2, AEX_OVERTAKES_BRIDGE_GAPS | AEX_OVERTAKES_ADJACENT, 0),
                 AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, 2, 0, -1), AEX_E_OUT_OF_RANGE);
    CHECK(strstr(aex_last_error_message(), "threads") != NULL);
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, 3000000000LL, 0, 0), AEX_E_TOO_LARGE);
    CHECK_STATUS(aex_overtakes_find(&k, NULL, 5, v, 6, 2, 0, 0), AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "out_events") != NULL);
    CHECK_STATUS(aex_overtakes_find(&k, ev, -5, v, 6, 2, 0, 0), AEX_E_OUT_OF_RANGE);
    CHECK(k == -7); /* outputs untouched on failure */
    /* Empty input is fine, and so is one entity or one period. */
    CHECK_STATUS(aex_overtakes_count(&k, NULL, 0, 0, 0, 0), AEX_OK);
    CHECK(k == 0);
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, 1, 0, 0), AEX_OK);
    CHECK(k == 0);
    CHECK_STATUS(aex_overtakes_count(&k, v, 6, 6, 0, 0), AEX_OK);
    CHECK(k == 0);
}

/* A panel with ties and gaps from a small LCG: the same counts for any thread count, and
** equal to the pair-by-pair definition. */
static void test_generated_panel_any_threads(void) {
    enum { T = 60, N = 40 };
    static double v[T * N];
    uint64_t s = 12345;
    for (int i = 0; i < T * N; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        unsigned r = (unsigned)(s >> 33);
        v[i] = r % 17 == 0 ? NAN : (double)(r % 9);
    }
    for (int bridging = 0; bridging < 2; bridging++) {
        int32_t flags = bridging ? AEX_OVERTAKES_BRIDGE_GAPS : 0;
        int64_t want = brute_force(v, T, N, bridging), k1 = -1, k2 = -1, k0 = -1, k7 = -1;
        CHECK_STATUS(aex_overtakes_count(&k1, v, T * N, N, flags, 1), AEX_OK);
        CHECK_STATUS(aex_overtakes_count(&k2, v, T * N, N, flags, 2), AEX_OK);
        CHECK_STATUS(aex_overtakes_count(&k0, v, T * N, N, flags, 0), AEX_OK);
        CHECK_STATUS(aex_overtakes_count(&k7, v, T * N, N, flags, 7), AEX_OK);
        CHECK(want > 100 && k1 == want && k2 == want && k0 == want && k7 == want);
        int64_t cap = want * AEX_OVERTAKE_FIELDS, got1 = 0, got3 = 0;
        int32_t *a = malloc((size_t)cap * sizeof *a), *b = malloc((size_t)cap * sizeof *b);
        CHECK_STATUS(aex_overtakes_find(&got1, a, cap, v, T * N, N, flags, 1), AEX_OK);
        CHECK_STATUS(aex_overtakes_find(&got3, b, cap, v, T * N, N, flags, 3), AEX_OK);
        CHECK(got1 == want && got3 == want);
        CHECK(memcmp(a, b, (size_t)cap * sizeof *a) == 0); /* same order for any thread count */
        int ordered = 1;
        for (int64_t i = 1; i < want; i++)
            if (a[i * AEX_OVERTAKE_FIELDS] < a[(i - 1) * AEX_OVERTAKE_FIELDS]) ordered = 0;
        CHECK(ordered);
        free(a);
        free(b);
    }
}

int main(void) {
    (void)check_arrays;
    test_example();
    test_gap_and_bridging();
    test_buffer_too_small();
    test_bad_input();
    test_generated_panel_any_threads();
    return check_finish("c/test_milestones");
}
