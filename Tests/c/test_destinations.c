/* C tests of destination markets (issue 19): series with a partner built and read from C
** (aex_panel_add_partner, AEX_FIELD_PARTNER, aex_panel_find_series_partner), the
** explanation by partner (aex_explain_destinations, aex_explain_market_overtake) and the
** league table of an exporter's markets (aex_league_table_markets), with bad inputs.
**
** The panel is small and built here, so every expected number is the arithmetic of the
** arrays below (the oracle), never a copy of the library's output:
**   CHN to the world (CAAM all vehicles)   2022: 1000   2023: 1600
**   CHN to RUS (CAAM all vehicles)         2022:  100   2023:  500   change +400
**   CHN to MEX (CAAM all vehicles)         2022:  200   2023:  250   change  +50
**   JPN to the world (JAMA all vehicles)   2022: 1400   2023: 1300
** Rest of world: 2022 1000-100-200 = 700, 2023 1600-500-250 = 850, change +150;
** +400 +50 +150 = +600, the total's change. */
#include "autoexports.h"
#include "check.h"

static const int32_t YEARS[] = {2022, 2023};

static char *text_of(int32_t (*call)(char *, int64_t, int64_t *, void *), void *arg) {
    int64_t len = 0;
    if (call(NULL, 0, &len, arg) != AEX_OK) return NULL;
    char *buf = malloc((size_t)len + 1);
    if (buf && call(buf, len + 1, &len, arg) != AEX_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

typedef struct dest_args {
    const aex_panel *p;
    const char *exporter;
    int32_t from, to;
} dest_args;

static int32_t dest_call(char *out, int64_t cap, int64_t *len, void *a) {
    dest_args *d = a;
    return aex_explain_destinations(out, cap, len, d->p, d->exporter, d->from, d->to, NULL);
}

typedef struct overtake_args {
    const aex_panel *p;
    const char *subject, *rival, *partner;
    int32_t period;
} overtake_args;

static int32_t overtake_call(char *out, int64_t cap, int64_t *len, void *a) {
    overtake_args *o = a;
    return aex_explain_market_overtake(out, cap, len, o->p, o->subject, o->rival, o->partner, o->period, "units");
}

/* The number after `"key":` in the object that starts at `from` (NaN when absent or null). */
static double number_after(const char *from, const char *key) {
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *at = from ? strstr(from, pat) : NULL;
    if (at == NULL) return NAN;
    at += strlen(pat);
    if (strncmp(at, "null", 4) == 0) return NAN;
    return strtod(at, NULL);
}

/* The start of the line of `partner` in a destinations JSON. */
static const char *line_of(const char *json, const char *partner) {
    char pat[64];
    snprintf(pat, sizeof pat, "\"partner\":\"%s\"", partner);
    const char *lines = json ? strstr(json, "\"lines\":") : NULL;
    return lines ? strstr(lines, pat) : NULL;
}

static void build(aex_panel *p) {
    double chn[] = {1000, 1600}, rus[] = {100, 500}, mex[] = {200, 250}, jpn[] = {1400, 1300};
    CHECK_STATUS(aex_panel_add(p, "CHN", AEX_SEGMENT_TOTAL, "units", "CAAM", "all_vehicles", YEARS, chn, 2), AEX_OK);
    CHECK_STATUS(
        aex_panel_add_partner(p, "CHN", "RUS", AEX_SEGMENT_TOTAL, "units", "CAAM", "all_vehicles", YEARS, rus, 2),
        AEX_OK);
    CHECK_STATUS(
        aex_panel_add_partner(p, "China", "Mexico", AEX_SEGMENT_TOTAL, "units", "CAAM", "all_vehicles", YEARS, mex, 2),
        AEX_OK);
    /* NULL partner is the world: the same series aex_panel_add makes. */
    CHECK_STATUS(
        aex_panel_add_partner(p, "JPN", NULL, AEX_SEGMENT_TOTAL, "units", "JAMA", "all_vehicles", YEARS, jpn, 2),
        AEX_OK);
}

static void test_partner_rows(void) {
    aex_panel *p = NULL;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    build(p);
    int64_t n = 0;
    CHECK_STATUS(aex_panel_series_count(&n, p), AEX_OK);
    CHECK(n == 4);
    /* Each series reads back its partner; the exporter stays the exporter. */
    int seen_rus = 0, seen_mex = 0, seen_wld = 0;
    for (int64_t i = 0; i < n; i++) {
        char partner[16], exporter[16];
        int64_t len = 0;
        CHECK_STATUS(aex_panel_series_text(partner, sizeof partner, &len, p, i, AEX_FIELD_PARTNER), AEX_OK);
        CHECK(len == (int64_t)strlen(partner));
        CHECK_STATUS(aex_panel_series_text(exporter, sizeof exporter, &len, p, i, AEX_FIELD_EXPORTER), AEX_OK);
        if (strcmp(partner, "RUS") == 0) seen_rus += strcmp(exporter, "CHN") == 0;
        else if (strcmp(partner, "MEX") == 0) seen_mex += strcmp(exporter, "CHN") == 0;
        else if (strcmp(partner, "WLD") == 0) seen_wld++;
    }
    CHECK(seen_rus == 1 && seen_mex == 1 && seen_wld == 2);

    /* find_series_partner finds the partner's series; find_series (the world) does not
    ** mistake a market for the total. */
    int64_t s = -1, w = -1;
    CHECK_STATUS(aex_panel_find_series_partner(&s, p, "CHN", "RUS", AEX_SEGMENT_TOTAL, "units", NULL, NULL), AEX_OK);
    CHECK_STATUS(aex_panel_find_series(&w, p, "CHN", AEX_SEGMENT_TOTAL, "units", NULL, NULL), AEX_OK);
    CHECK(s >= 0 && w >= 0 && s != w);
    {
        int32_t periods[2];
        double values[2];
        int64_t count = 0;
        CHECK_STATUS(aex_panel_series_values(periods, 2, values, 2, &count, p, s), AEX_OK);
        CHECK(count == 2 && periods[0] == 2022 && values[0] == 100 && values[1] == 500);
        CHECK_STATUS(aex_panel_series_values(periods, 2, values, 2, &count, p, w), AEX_OK);
        CHECK(count == 2 && values[0] == 1000 && values[1] == 1600);
    }
    int64_t again = -1;
    CHECK_STATUS(aex_panel_find_series_partner(&again, p, "CHN", "WLD", AEX_SEGMENT_TOTAL, "units", NULL, NULL),
                 AEX_OK);
    CHECK(again == w);
    CHECK_STATUS(aex_panel_find_series_partner(&again, p, "CHN", NULL, AEX_SEGMENT_TOTAL, "units", NULL, NULL), AEX_OK);
    CHECK(again == w);
    /* A market without a series: not found, and the message names what exists. */
    CHECK_STATUS(aex_panel_find_series_partner(&again, p, "CHN", "BEL", AEX_SEGMENT_TOTAL, "units", NULL, NULL),
                 AEX_E_NOT_FOUND);
    CHECK(strstr(aex_last_error_message(), "BEL") != NULL);

    /* Bad inputs: an unknown partner is named; the exporter as its own partner; NULLs;
    ** a duplicate; all or nothing (the panel keeps its rows). */
    int64_t rows_before = 0, rows_after = 0;
    CHECK_STATUS(aex_panel_row_count(&rows_before, p), AEX_OK);
    double v[] = {1, 2};
    CHECK_STATUS(aex_panel_add_partner(p, "CHN", "Atlantis", AEX_SEGMENT_TOTAL, "units", NULL, NULL, YEARS, v, 2),
                 AEX_E_NOT_FOUND);
    CHECK(strstr(aex_last_error_message(), "partner") != NULL && strstr(aex_last_error_message(), "Atlantis") != NULL);
    CHECK_STATUS(aex_panel_find_series_partner(&again, p, "CHN", "Atlantis", AEX_SEGMENT_TOTAL, "units", NULL, NULL),
                 AEX_E_NOT_FOUND);
    CHECK(strstr(aex_last_error_message(), "partner") != NULL);
    CHECK_STATUS(aex_panel_add_partner(p, "CHN", "CHN", AEX_SEGMENT_TOTAL, "units", NULL, NULL, YEARS, v, 2),
                 AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "partner") != NULL);
    CHECK_STATUS(aex_panel_add_partner(p, NULL, "RUS", AEX_SEGMENT_TOTAL, "units", NULL, NULL, YEARS, v, 2),
                 AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "exporter") != NULL);
    CHECK_STATUS(aex_panel_add_partner(p, "CHN", "RUS", AEX_SEGMENT_TOTAL, "units", NULL, NULL, NULL, v, 2),
                 AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "periods") != NULL);
    CHECK_STATUS(aex_panel_add_partner(NULL, "CHN", "RUS", AEX_SEGMENT_TOTAL, "units", NULL, NULL, YEARS, v, 2),
                 AEX_E_INVALID_HANDLE);
    double dup[] = {100, 500};
    CHECK_STATUS(
        aex_panel_add_partner(p, "CHN", "RUS", AEX_SEGMENT_TOTAL, "units", "CAAM", "all_vehicles", YEARS, dup, 2),
        AEX_E_DUPLICATE);
    CHECK_STATUS(aex_panel_row_count(&rows_after, p), AEX_OK);
    CHECK(rows_after == rows_before);

    /* The partner field into tiny buffers: the size is reported, nothing written past. */
    char tiny[2] = {'x', 'y'};
    int64_t len = 0;
    CHECK_STATUS(aex_panel_series_text(tiny, sizeof tiny, &len, p, s, AEX_FIELD_PARTNER), AEX_E_BUFFER_TOO_SMALL);
    CHECK(len == 3);
    CHECK_STATUS(aex_panel_series_text(NULL, 0, &len, p, s, AEX_FIELD_PARTNER), AEX_OK);
    CHECK(len == 3);
    /* Field 5 (AEX_FIELD_CITATION) belongs to league-table rows only. */
    CHECK_STATUS(aex_panel_series_text(tiny, sizeof tiny, &len, p, s, AEX_FIELD_CITATION), AEX_E_INVALID_ARGUMENT);

    /* The tidy export writes the partner column; a round trip keeps the partners. */
    {
        int64_t elen = 0;
        CHECK_STATUS(aex_panel_export(NULL, 0, &elen, p, AEX_EXPORT_CSV, 0), AEX_OK);
        char *csv = malloc((size_t)elen + 1);
        CHECK(csv != NULL);
        if (csv) {
            CHECK_STATUS(aex_panel_export(csv, elen + 1, &elen, p, AEX_EXPORT_CSV, 0), AEX_OK);
            CHECK(strstr(csv, "partner") != NULL && strstr(csv, "RUS") != NULL && strstr(csv, "MEX") != NULL);
            aex_panel *q = NULL;
            aex_rejections *r = NULL;
            CHECK_STATUS(aex_panel_create(&q), AEX_OK);
            CHECK_STATUS(aex_panel_import_buffer(&r, q, csv, elen, AEX_FORMAT_TIDY, AEX_POLICY_STRICT, NULL), AEX_OK);
            int64_t qs = -1;
            CHECK_STATUS(aex_panel_find_series_partner(&qs, q, "CHN", "MEX", AEX_SEGMENT_TOTAL, "units", NULL, NULL),
                         AEX_OK);
            aex_rejections_free(r);
            aex_panel_free(q);
            free(csv);
        }
    }
    aex_panel_free(p);
}

static void test_explain(void) {
    aex_panel *p = NULL;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    build(p);
    dest_args two = {p, "CHN", 2022, 2023};
    char *j = text_of(dest_call, &two);
    CHECK(j != NULL && strstr(j, "\"kind\":\"destinations\"") != NULL);
    CHECK(number_after(j, "total_change") == 600);
    /* Each market's change, and the rest of world as the complement; exact sum. */
    double rus = number_after(line_of(j, "RUS"), "change"), mex = number_after(line_of(j, "MEX"), "change");
    double row = number_after(line_of(j, "ROW"), "change");
    double got[] = {rus, mex, row}, want[] = {400, 50, 150};
    CHECK(check_arrays(got, want, 3));
    CHECK(rus + mex + row == number_after(j, "total_change"));
    CHECK(number_after(line_of(j, "RUS"), "share") == 400.0 / 600.0);
    /* Largest change first: RUS's line comes before MEX's, ROW last. */
    CHECK(line_of(j, "RUS") && line_of(j, "MEX") && line_of(j, "RUS") < line_of(j, "MEX"));
    CHECK(line_of(j, "MEX") < line_of(j, "ROW"));
    free(j);

    /* One period (AEX_NO_PERIOD): values and shares of the total. */
    dest_args one = {p, "China", AEX_NO_PERIOD, 2023};
    j = text_of(dest_call, &one);
    CHECK(j != NULL && strstr(j, "\"from\":null") != NULL);
    CHECK(number_after(line_of(j, "RUS"), "to") == 500 && number_after(line_of(j, "RUS"), "share") == 500.0 / 1600.0);
    CHECK(number_after(line_of(j, "ROW"), "to") == 850);
    free(j);

    /* Not like for like: a market whose 2023 figure counts something else. */
    double bel22[] = {50}, bel23[] = {80};
    int32_t y22[] = {2022}, y23[] = {2023};
    CHECK_STATUS(
        aex_panel_add_partner(p, "CHN", "BEL", AEX_SEGMENT_TOTAL, "units", "GACC", "passenger_cars", y22, bel22, 1),
        AEX_OK);
    CHECK_STATUS(
        aex_panel_add_partner(p, "CHN", "BEL", AEX_SEGMENT_TOTAL, "units", "CAAM", "all_vehicles", y23, bel23, 1),
        AEX_OK);
    j = text_of(dest_call, &two);
    const char *bel = line_of(j, "BEL");
    CHECK(bel != NULL && strstr(bel, "\"like_for_like\":false") != NULL &&
          strstr(bel, "\"in_exact_sum\":false") != NULL);
    CHECK(isnan(number_after(bel, "change")));
    CHECK(strstr(j, "\"warnings\":[\"") != NULL);
    free(j);

    /* The counterfactual: without its +400 in Russia, China (1600) would have 1200 against
    ** Japan's 1300. */
    overtake_args o = {p, "CHN", "JPN", "RUS", 2023};
    j = text_of(overtake_call, &o);
    CHECK(j != NULL && strstr(j, "\"kind\":\"market_counterfactual\"") != NULL);
    CHECK(number_after(j, "subject_value") == 1600 && number_after(j, "rival_value") == 1300);
    CHECK(number_after(j, "partner_growth") == 400 && number_after(j, "subject_without") == 1200);
    CHECK(j && strstr(j, "\"overtakes_without\":false") != NULL);
    free(j);
    overtake_args ob = {p, "CHN", "JPN", "BEL", 2023};
    j = text_of(overtake_call, &ob);
    CHECK(j != NULL && isnan(number_after(j, "subject_without")) && strstr(j, "\"caveat\":null") == NULL);
    free(j);

    /* Bad inputs: unknown exporter or partner named; NULLs; tiny buffers; bad periods. */
    int64_t len = 0;
    char tiny[4] = "abc";
    CHECK_STATUS(aex_explain_destinations(NULL, 0, &len, p, "Atlantis", 2022, 2023, NULL), AEX_E_NOT_FOUND);
    CHECK(strstr(aex_last_error_message(), "exporter") != NULL);
    CHECK_STATUS(aex_explain_destinations(NULL, 0, &len, p, NULL, 2022, 2023, NULL), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_explain_destinations(NULL, 0, NULL, p, "CHN", 2022, 2023, NULL), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_explain_destinations(NULL, 0, &len, NULL, "CHN", 2022, 2023, NULL), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_explain_destinations(NULL, 0, &len, p, "CHN", 2022, 20239, NULL), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "to_period") != NULL);
    CHECK_STATUS(aex_explain_destinations(NULL, 0, &len, p, "CHN", 2022, 2023, "bananas"), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "metric") != NULL);
    CHECK_STATUS(aex_explain_destinations(tiny, sizeof tiny, &len, p, "CHN", 2022, 2023, NULL), AEX_E_BUFFER_TOO_SMALL);
    CHECK(len > (int64_t)sizeof tiny);
    CHECK_STATUS(aex_explain_destinations(NULL, 0, &len, p, "KOR", 2022, 2023, NULL), AEX_E_NOT_FOUND);
    CHECK_STATUS(aex_explain_market_overtake(NULL, 0, &len, p, "CHN", "JPN", "Atlantis", 2023, NULL), AEX_E_NOT_FOUND);
    CHECK(strstr(aex_last_error_message(), "partner") != NULL);
    CHECK_STATUS(aex_explain_market_overtake(NULL, 0, &len, p, "CHN", "CHN", "RUS", 2023, NULL),
                 AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_explain_market_overtake(NULL, 0, &len, p, "CHN", "JPN", NULL, 2023, NULL), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_explain_market_overtake(tiny, sizeof tiny, &len, p, "CHN", "JPN", "RUS", 2023, NULL),
                 AEX_E_BUFFER_TOO_SMALL);
    aex_panel_free(p);
}

static void test_league_table_markets(void) {
    aex_panel *p = NULL;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    build(p);
    aex_league_table *t = NULL;
    CHECK_STATUS(aex_league_table_markets(&t, p, "CHN", 2023, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, 0,
                                          AEX_RANK_COMPETITION),
                 AEX_OK);
    int64_t rows = 0;
    CHECK_STATUS(aex_league_table_size(&rows, NULL, t), AEX_OK);
    CHECK(rows == 2);
    char code[8];
    int64_t len = 0;
    double rank = 0, value = 0, prev = 0;
    CHECK_STATUS(aex_league_table_row_text(code, sizeof code, &len, t, 0, AEX_FIELD_EXPORTER), AEX_OK);
    CHECK_STATUS(aex_league_table_row(&rank, &value, NULL, NULL, &prev, NULL, t, 0), AEX_OK);
    CHECK(strcmp(code, "RUS") == 0 && rank == 1 && value == 500 && prev == 100);
    CHECK_STATUS(aex_league_table_row_text(code, sizeof code, &len, t, 1, AEX_FIELD_EXPORTER), AEX_OK);
    CHECK(strcmp(code, "MEX") == 0);
    aex_league_table_free(t);
    t = NULL;
    CHECK_STATUS(aex_league_table_markets(&t, p, "JPN", 2023, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, 0,
                                          AEX_RANK_COMPETITION),
                 AEX_E_NOT_FOUND);
    CHECK(t == NULL && strstr(aex_last_error_message(), "JPN") != NULL);
    /* SHARE_OF: each market's share of the exporter's own total (500 / 1600, 250 / 1600). */
    CHECK_STATUS(aex_league_table_markets(&t, p, "CHN", 2023, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_SHARE_OF, 0,
                                          AEX_RANK_COMPETITION),
                 AEX_OK);
    double share0 = 0, share1 = 0;
    CHECK_STATUS(aex_league_table_row(NULL, NULL, NULL, &share0, NULL, NULL, t, 0), AEX_OK);
    CHECK_STATUS(aex_league_table_row(NULL, NULL, NULL, &share1, NULL, NULL, t, 1), AEX_OK);
    CHECK(share0 == 500.0 / 1600.0 && share1 == 250.0 / 1600.0);
    aex_league_table_free(t);
    t = NULL;
    CHECK_STATUS(aex_league_table_markets(&t, p, "CHN", 2023, "units", AEX_SEGMENT_TOTAL, 99, 0, AEX_RANK_COMPETITION),
                 AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "basis") != NULL);
    CHECK_STATUS(aex_league_table_markets(&t, p, NULL, 2023, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, 0,
                                          AEX_RANK_COMPETITION),
                 AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_league_table_markets(NULL, p, "CHN", 2023, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, 0,
                                          AEX_RANK_COMPETITION),
                 AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_league_table_markets(&t, p, "CHN", 2023, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, -1,
                                          AEX_RANK_COMPETITION),
                 AEX_E_OUT_OF_RANGE);
    aex_panel_free(p);
}

/* Milestones of markets: on this panel MEX (200) led RUS (100) in 2022 and RUS (500)
** passed MEX (250) in 2023, so there is an overtake RUS over MEX in 2023 and a new
** largest market. */
static void test_milestones_of_markets(void) {
    aex_panel *p = NULL;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    build(p);
    aex_milestone_options o;
    aex_milestone_options_init(&o);
    o.kinds = AEX_MILESTONE_KIND_BIT(AEX_MILESTONE_OVERTAKE);
    aex_milestones *m = NULL;
    CHECK_STATUS(aex_milestones_find_markets(&m, p, "CHN", &o), AEX_OK);
    int64_t n = 0;
    CHECK_STATUS(aex_milestones_count(&n, m), AEX_OK);
    CHECK(n == 1);
    char subject[8] = "", rival[8] = "", sentence[512] = "";
    int64_t len = 0, period = 0;
    CHECK_STATUS(aex_milestones_get_text(subject, sizeof subject, &len, m, 0, AEX_MILESTONE_TEXT_SUBJECT), AEX_OK);
    CHECK_STATUS(aex_milestones_get_text(rival, sizeof rival, &len, m, 0, AEX_MILESTONE_TEXT_RIVAL), AEX_OK);
    CHECK_STATUS(aex_milestones_get_int(&period, m, 0, AEX_MILESTONE_INT_PERIOD), AEX_OK);
    CHECK(strcmp(subject, "RUS") == 0 && strcmp(rival, "MEX") == 0 && period == 2023);
    CHECK_STATUS(aex_milestones_get_text(sentence, sizeof sentence, &len, m, 0, AEX_MILESTONE_TEXT_SENTENCE), AEX_OK);
    CHECK(strstr(sentence, "Russia") != NULL && strstr(sentence, "China") != NULL);
    aex_milestones_free(m);
    m = NULL;
    /* The exporters' milestones of the same panel never see the markets. */
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_OK);
    CHECK_STATUS(aex_milestones_count(&n, m), AEX_OK);
    for (int64_t i = 0; i < n; i++) {
        CHECK_STATUS(aex_milestones_get_text(subject, sizeof subject, &len, m, i, AEX_MILESTONE_TEXT_SUBJECT), AEX_OK);
        CHECK(strcmp(subject, "RUS") != 0 && strcmp(subject, "MEX") != 0);
    }
    aex_milestones_free(m);
    m = NULL;
    CHECK_STATUS(aex_milestones_find_markets(&m, p, "Atlantis", NULL), AEX_E_NOT_FOUND);
    CHECK(m == NULL && strstr(aex_last_error_message(), "markets_of") != NULL);
    CHECK_STATUS(aex_milestones_find_markets(&m, p, "JPN", NULL), AEX_E_NOT_FOUND);
    CHECK_STATUS(aex_milestones_find_markets(&m, p, NULL, NULL), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_milestones_find_markets(NULL, p, "CHN", NULL), AEX_E_NULL_POINTER);
    o.margin = -1;
    CHECK_STATUS(aex_milestones_find_markets(&m, p, "CHN", &o), AEX_E_INVALID_ARGUMENT);
    aex_panel_free(p);
}

int main(void) {
    test_partner_rows();
    test_explain();
    test_league_table_markets();
    test_milestones_of_markets();
    return check_finish("c destinations");
}
