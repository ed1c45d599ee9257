/* C tests of the Milestones section: all-pairs overtakes over a periods × entities matrix. */
#include "autoexports.h"
#include "check.h"

/* The definition (docs/design.md §4), pair by pair: the oracle for the generated panels. */
static int64_t brute_force(const double *v, int64_t t, int64_t n, int bridging) {
    int64_t k = 0;
    for (int64_t a = 0; a < n; a++)
        for (int64_t b = 0; b < n; b++) {
            if (a == b) continue;
            int last = 0;
            for (int64_t p = 0; p < t; p++) {
                double x = v[p * n + a], y = v[p * n + b];
                if (isnan(x) || isnan(y)) {
                    if (!bridging) last = 0;
                    continue;
                }
                if (x > y) {
                    if (last == -1) k++;
                    last = 1;
                } else if (x < y) last = -1;
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
    CHECK_STATUS(aex_overtakes_find(ev, AEX_OVERTAKE_FIELDS, &k, v, 6, 2, 0, 0), AEX_OK);
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
    CHECK_STATUS(aex_overtakes_find(ev, AEX_OVERTAKE_FIELDS, &k, v, 6, 2, AEX_OVERTAKES_BRIDGE_GAPS, 0), AEX_OK);
    CHECK(k == 1 && ev[AEX_OVERTAKE_SINCE] == 0 && ev[AEX_OVERTAKE_FLAGS] == AEX_OVERTAKE_BRIDGED);
}

static void test_buffer_too_small(void) {
    const double v[6] = {1, 3, 2, 2, 4, 1};
    int64_t k = -1;
    int32_t ev[4];
    CHECK_STATUS(aex_overtakes_find(ev, 4, &k, v, 6, 2, 0, 0), AEX_E_BUFFER_TOO_SMALL);
    CHECK(k == 1);
    CHECK(strstr(aex_last_error_message(), "capacity >= 5") != NULL);
    CHECK_STATUS(aex_overtakes_find(NULL, 0, &k, v, 6, 2, 0, 2), AEX_E_BUFFER_TOO_SMALL);
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
    CHECK_STATUS(aex_overtakes_find(NULL, 5, &k, v, 6, 2, 0, 0), AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "out_events") != NULL);
    CHECK_STATUS(aex_overtakes_find(ev, -5, &k, v, 6, 2, 0, 0), AEX_E_OUT_OF_RANGE);
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
        CHECK_STATUS(aex_overtakes_find(a, cap, &got1, v, T * N, N, flags, 1), AEX_OK);
        CHECK_STATUS(aex_overtakes_find(b, cap, &got3, v, T * N, N, flags, 3), AEX_OK);
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

/* ---- Milestones of a panel (the handle API) ---------------------------------------- */

static aex_panel *reference_panel(void) {
    aex_panel *p = NULL;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK_STATUS(aex_panel_load_reference(p), AEX_OK);
    return p;
}

/* The index of the first milestone of `kind` with subject/rival (rival "" = any), or -1. */
static int64_t find_event(aex_milestones *m, int32_t kind, const char *subject, const char *rival) {
    int64_t n = 0;
    aex_milestones_count(&n, m);
    for (int64_t i = 0; i < n; i++) {
        int64_t k;
        char s[64], r[64];
        int64_t len;
        aex_milestones_get_int(&k, m, i, AEX_MILESTONE_INT_KIND);
        aex_milestones_get_text(s, sizeof s, &len, m, i, AEX_MILESTONE_TEXT_SUBJECT);
        aex_milestones_get_text(r, sizeof r, &len, m, i, AEX_MILESTONE_TEXT_RIVAL);
        if (k == kind && strcmp(s, subject) == 0 && (rival[0] == 0 || strcmp(r, rival) == 0)) return i;
    }
    return -1;
}

static void test_reference_milestones(void) {
    aex_panel *p = reference_panel();
    aex_milestones *m = NULL;
    CHECK_STATUS(aex_milestones_find(&m, p, NULL), AEX_OK);
    int64_t i = find_event(m, AEX_MILESTONE_OVERTAKE, "CHN", "JPN");
    CHECK(i >= 0);
    int64_t period = 0, since = 0, rank = 0, flags = -1;
    double v = 0, rv = 0, vs = 0, rvs = 0, crossing = 0, level = 0;
    CHECK_STATUS(aex_milestones_get_int(&period, m, i, AEX_MILESTONE_INT_PERIOD), AEX_OK);
    CHECK_STATUS(aex_milestones_get_int(&since, m, i, AEX_MILESTONE_INT_SINCE), AEX_OK);
    CHECK_STATUS(aex_milestones_get_int(&rank, m, i, AEX_MILESTONE_INT_RANK), AEX_OK);
    CHECK_STATUS(aex_milestones_get_int(&flags, m, i, AEX_MILESTONE_INT_FLAGS), AEX_OK);
    CHECK(period == 2023 && since == 2022 && rank == 1 && flags == 0);
    CHECK_STATUS(aex_milestones_get_double(&v, m, i, AEX_MILESTONE_NUM_VALUE), AEX_OK);
    CHECK_STATUS(aex_milestones_get_double(&rv, m, i, AEX_MILESTONE_NUM_RIVAL_VALUE), AEX_OK);
    CHECK_STATUS(aex_milestones_get_double(&vs, m, i, AEX_MILESTONE_NUM_VALUE_SINCE), AEX_OK);
    CHECK_STATUS(aex_milestones_get_double(&rvs, m, i, AEX_MILESTONE_NUM_RIVAL_VALUE_SINCE), AEX_OK);
    CHECK_STATUS(aex_milestones_get_double(&crossing, m, i, AEX_MILESTONE_NUM_CROSSING), AEX_OK);
    CHECK_STATUS(aex_milestones_get_double(&level, m, i, AEX_MILESTONE_NUM_LEVEL), AEX_OK);
    CHECK(v == 4910000 && rv == 4422682 && vs == 3110000 && rvs == 3813269 && isnan(level));
    CHECK(fabs(crossing - (2022.0 + 703269.0 / 1190587.0)) < 1e-9);
    char s[512];
    int64_t len = -1;
    CHECK_STATUS(aex_milestones_get_text(s, sizeof s, &len, m, i, AEX_MILESTONE_TEXT_SENTENCE), AEX_OK);
    CHECK(strcmp(s,
                 "2023: China (4.91M) overtook Japan (4.42M) to become the largest vehicle exporter "
                 "(units; CAAM vs JAMA, all vehicles)") == 0);
    CHECK(len == (int64_t)strlen(s));
    /* Size query, then a buffer one byte short. */
    int64_t need = -1;
    CHECK_STATUS(aex_milestones_get_text(NULL, 0, &need, m, i, AEX_MILESTONE_TEXT_SENTENCE), AEX_OK);
    CHECK(need == len);
    CHECK_STATUS(aex_milestones_get_text(s, need, &len, m, i, AEX_MILESTONE_TEXT_SENTENCE), AEX_E_BUFFER_TOO_SMALL);
    CHECK_STATUS(aex_milestones_get_text(s, sizeof s, &len, m, i, AEX_MILESTONE_TEXT_RIVAL_SOURCE), AEX_OK);
    CHECK(strcmp(s, "JAMA") == 0);
    /* China's first time at #1, and 5 million units in 2024. */
    int64_t f = find_event(m, AEX_MILESTONE_FIRST_TIME_LEADER, "CHN", "JPN"), start = 0;
    CHECK(f >= 0);
    CHECK_STATUS(aex_milestones_get_int(&start, m, f, AEX_MILESTONE_INT_DATA_START), AEX_OK);
    CHECK_STATUS(aex_milestones_get_int(&flags, m, f, AEX_MILESTONE_INT_FLAGS), AEX_OK);
    CHECK(start == 2010 && (flags & AEX_MILESTONE_FLAG_FIRST_TIME)); /* CAAM from 2010 */
    int64_t n = 0, found5m = 0;
    aex_milestones_count(&n, m);
    for (int64_t j = 0; j < n; j++) {
        int64_t k, per;
        double lv, val;
        aex_milestones_get_int(&k, m, j, AEX_MILESTONE_INT_KIND);
        aex_milestones_get_int(&per, m, j, AEX_MILESTONE_INT_PERIOD);
        aex_milestones_get_double(&lv, m, j, AEX_MILESTONE_NUM_LEVEL);
        aex_milestones_get_double(&val, m, j, AEX_MILESTONE_NUM_VALUE);
        if (k == AEX_MILESTONE_THRESHOLD_UP && lv == 5e6) found5m += per == 2024 && val == 5859000;
    }
    CHECK(found5m == 1);
    /* Notes: Japan has no figure for 2012 (JAMA), so South Korea's #1 there is by coverage. */
    int64_t notes = 0, korea2012 = 0;
    CHECK_STATUS(aex_milestones_note_count(&notes, m), AEX_OK);
    CHECK(notes > 0);
    for (int64_t j = 0; j < notes; j++) {
        int64_t k, per;
        char ex[16];
        aex_milestones_note_get_int(&k, m, j, AEX_NOTE_INT_KIND);
        aex_milestones_note_get_int(&per, m, j, AEX_NOTE_INT_PERIOD);
        aex_milestones_note_get_text(ex, sizeof ex, &len, m, j, AEX_NOTE_TEXT_EXPORTER);
        if (k == AEX_NOTE_RANK_BY_COVERAGE && per == 2012 && strcmp(ex, "KOR") == 0) korea2012++;
    }
    CHECK(korea2012 == 1);
    /* JSON: size query, then the text. */
    CHECK_STATUS(aex_milestones_json(NULL, 0, &need, m), AEX_OK);
    char *json = malloc((size_t)need + 1);
    CHECK_STATUS(aex_milestones_json(json, need + 1, &len, m), AEX_OK);
    CHECK(len == need && strstr(json, "\"kind\":\"overtake\"") && strstr(json, "\"notes\":["));
    free(json);
    CHECK_STATUS(aex_milestones_free(m), AEX_OK);
    CHECK_STATUS(aex_milestones_free(m), AEX_E_INVALID_HANDLE); /* double free is an error, not a crash */
    CHECK_STATUS(aex_milestones_free(NULL), AEX_OK);
    CHECK_STATUS(aex_panel_free(p), AEX_OK);
}

static void test_options(void) {
    aex_panel *p = reference_panel();
    aex_milestone_options o;
    CHECK_STATUS(aex_milestone_options_init(&o), AEX_OK);
    CHECK(o.size == (int64_t)sizeof o && o.top_n == 3 && o.streak == 3 && o.margin == 0 && o.kinds == 0);
    CHECK(o.segment == AEX_SEGMENT_TOTAL && o.share_segment == AEX_SEGMENT_NEV && o.metric == NULL);
    CHECK_STATUS(aex_milestone_options_init(NULL), AEX_OK);
    /* Germany is #1 by value in 2024: a record, ranked 1, across the missing years. */
    o.metric = "usd";
    o.kinds = AEX_MILESTONE_KIND_BIT(AEX_MILESTONE_RECORD_HIGH) | AEX_MILESTONE_KIND_BIT(AEX_MILESTONE_LEAD_CHANGE);
    o.bridge_gaps = 1;
    o.exporters = "DEU,Japan,China";
    aex_milestones *m = NULL;
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_OK);
    int64_t n = 0, ok = 0;
    aex_milestones_count(&n, m);
    for (int64_t j = 0; j < n; j++) {
        int64_t k, per, rank, flags;
        char s[16];
        int64_t len;
        aex_milestones_get_int(&k, m, j, AEX_MILESTONE_INT_KIND);
        CHECK(k == AEX_MILESTONE_RECORD_HIGH);
        aex_milestones_get_int(&per, m, j, AEX_MILESTONE_INT_PERIOD);
        aex_milestones_get_int(&rank, m, j, AEX_MILESTONE_INT_RANK);
        aex_milestones_get_int(&flags, m, j, AEX_MILESTONE_INT_FLAGS);
        aex_milestones_get_text(s, sizeof s, &len, m, j, AEX_MILESTONE_TEXT_SUBJECT);
        if (per == 2024 && strcmp(s, "DEU") == 0) ok += rank == 1 && (flags & AEX_MILESTONE_FLAG_BRIDGED);
    }
    CHECK(ok == 1);
    aex_milestones_free(m);
    /* Levels given by the caller. */
    aex_milestone_options_init(&o);
    double levels[1] = {5e6};
    o.levels = levels;
    o.n_levels = 1;
    o.n_share_levels = 0;
    o.share_levels = levels; /* with n 0: no share levels */
    o.kinds = AEX_MILESTONE_KIND_BIT(AEX_MILESTONE_THRESHOLD_UP);
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_OK);
    aex_milestones_count(&n, m);
    CHECK(n == 1);
    aex_milestones_free(m);
    /* Bad options name the field. */
    m = NULL;
    aex_milestone_options_init(&o);
    o.margin = -0.5;
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "options.margin") != NULL && m == NULL);
    aex_milestone_options_init(&o);
    o.size = 64;
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "aex_milestone_options_init") != NULL);
    aex_milestone_options_init(&o);
    o.size = 4096;
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_E_UNSUPPORTED);
    aex_milestone_options_init(&o);
    o.kinds = 1 << 20;
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_E_INVALID_ARGUMENT);
    aex_milestone_options_init(&o);
    o.exporters = "CHN,Atlantis";
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_E_NOT_FOUND);
    CHECK(strstr(aex_last_error_message(), "Atlantis") != NULL);
    aex_milestone_options_init(&o);
    o.metric = "eur";
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_E_NOT_FOUND);
    aex_milestone_options_init(&o);
    o.levels = NULL;
    o.n_levels = 2;
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_E_NULL_POINTER);
    aex_milestone_options_init(&o);
    o.segment = 42;
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "options.segment") != NULL);
    CHECK_STATUS(aex_milestones_find(&m, NULL, NULL), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_milestones_find(NULL, p, NULL), AEX_E_NULL_POINTER);
    /* Accessors: bad index and field. */
    CHECK_STATUS(aex_milestones_find(&m, p, NULL), AEX_OK);
    int64_t x;
    double d;
    CHECK_STATUS(aex_milestones_get_int(&x, m, -1, AEX_MILESTONE_INT_KIND), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_milestones_get_int(&x, m, 1 << 30, AEX_MILESTONE_INT_KIND), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_milestones_get_int(&x, m, 0, 99), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_milestones_get_double(&d, m, 0, -1), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_milestones_get_double(NULL, m, 0, 0), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_milestones_count(&x, (aex_milestones *)p), AEX_E_INVALID_HANDLE); /* a panel is not a list */
    CHECK(strstr(aex_last_error_message(), "panel") != NULL);
    aex_milestones_free(m);
    aex_panel_free(p);
}

int main(void) {
    (void)check_arrays;
    test_example();
    test_gap_and_bridging();
    test_buffer_too_small();
    test_bad_input();
    test_generated_panel_any_threads();
    test_reference_milestones();
    test_options();
    return check_finish("c/test_milestones");
}
