/* C tests of the Vocabulary section and of the conventions of the 1.0 header: names of
** constants, aliases, period granularity, exporter lists, the _INIT / _init pair of every
** options struct, AEX_NO_PERIOD.  Expected names are the constants' suffixes in the header. */
#include "autoexports.h"
#include "check.h"

static const char *name_of(int32_t vocabulary, int32_t value) {
    static char buf[64];
    int64_t n = -1;
    if (aex_vocabulary_name(buf, sizeof buf, &n, vocabulary, value) != AEX_OK) return "(error)";
    return buf;
}

static void test_names(void) {
    int64_t n = -1;
    CHECK_STATUS(aex_vocabulary_count(&n, AEX_VOCAB_SEGMENT), AEX_OK);
    CHECK(n == 10);
    CHECK(strcmp(name_of(AEX_VOCAB_SEGMENT, AEX_SEGMENT_PLUGIN), "plugin") == 0);
    CHECK(strcmp(name_of(AEX_VOCAB_SEGMENT, AEX_SEGMENT_CONVENTIONAL), "conventional") == 0);
    CHECK(strcmp(name_of(AEX_VOCAB_RANK_METHOD, AEX_RANK_COMPETITION_MAX), "competition_max") == 0);
    CHECK(strcmp(name_of(AEX_VOCAB_RANK_ORDER, AEX_ORDER_DESCENDING), "descending") == 0);
    CHECK(strcmp(name_of(AEX_VOCAB_MISSING_POLICY, AEX_MISSING_BOTTOM), "bottom") == 0);
    CHECK(strcmp(name_of(AEX_VOCAB_RANK_SCALE, AEX_SCALE_CUME_DIST), "cume_dist") == 0);
    CHECK(strcmp(name_of(AEX_VOCAB_GRANULARITY, AEX_GRANULARITY_QUARTER), "quarter") == 0);
    CHECK(strcmp(name_of(AEX_VOCAB_MILESTONE_KIND, AEX_MILESTONE_FIRST_TIME_LEADER), "first_time_leader") == 0);
    CHECK(strcmp(name_of(AEX_VOCAB_NOTE_KIND, AEX_NOTE_HIDDEN_BY_GAP), "hidden_by_gap") == 0);
    CHECK(strcmp(name_of(AEX_VOCAB_MILESTONE_INT_FIELD, AEX_MILESTONE_INT_DATA_START), "data_start") == 0);
    CHECK(strcmp(name_of(AEX_VOCAB_MILESTONE_NUMBER_FIELD, AEX_MILESTONE_NUM_RIVAL_VALUE_SINCE), "rival_value_since") ==
          0);
    CHECK(strcmp(name_of(AEX_VOCAB_MILESTONE_TEXT_FIELD, AEX_MILESTONE_TEXT_RIVAL_NAME), "rival_name") == 0);
    /* Size query, short buffer, errors. */
    int64_t len = -1;
    CHECK_STATUS(aex_vocabulary_name(NULL, 0, &len, AEX_VOCAB_RANK_METHOD, AEX_RANK_FRACTIONAL), AEX_OK);
    CHECK(len == 10);
    char small[4];
    CHECK_STATUS(aex_vocabulary_name(small, sizeof small, &len, AEX_VOCAB_RANK_METHOD, 2), AEX_E_BUFFER_TOO_SMALL);
    CHECK_STATUS(aex_vocabulary_name(small, sizeof small, &len, AEX_VOCAB_SEGMENT, 10), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_vocabulary_name(small, sizeof small, &len, AEX_VOCAB_SEGMENT, -1), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_vocabulary_count(&n, 99), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "vocabulary") != NULL);
    CHECK_STATUS(aex_vocabulary_count(NULL, AEX_VOCAB_SEGMENT), AEX_E_NULL_POINTER);
}

static void test_parse(void) {
    const struct {
        int32_t vocabulary;
        const char *name;
        int32_t value;
    } ok[] = {
        {AEX_VOCAB_RANK_METHOD, "avg", AEX_RANK_FRACTIONAL},
        {AEX_VOCAB_RANK_METHOD, "RANK.AVG", AEX_RANK_FRACTIONAL},
        {AEX_VOCAB_RANK_METHOD, "average", AEX_RANK_FRACTIONAL},
        {AEX_VOCAB_RANK_METHOD, "rank.eq", AEX_RANK_COMPETITION},
        {AEX_VOCAB_RANK_METHOD, "standard", AEX_RANK_COMPETITION},
        {AEX_VOCAB_RANK_METHOD, " Dense ", AEX_RANK_DENSE},
        {AEX_VOCAB_SEGMENT, "EV", AEX_SEGMENT_PLUGIN},
        {AEX_VOCAB_SEGMENT, "plug-in", AEX_SEGMENT_PLUGIN},
        {AEX_VOCAB_SEGMENT, "nev", AEX_SEGMENT_NEV},
        {AEX_VOCAB_MILESTONE_KIND, "record", AEX_MILESTONE_RECORD_HIGH},
        {AEX_VOCAB_MILESTONE_KIND, "first-time-leader", AEX_MILESTONE_FIRST_TIME_LEADER},
        {AEX_VOCAB_GRANULARITY, "monthly", AEX_GRANULARITY_MONTH},
        {AEX_VOCAB_RANK_ORDER, "desc", AEX_ORDER_DESCENDING},
        {AEX_VOCAB_MILESTONE_NUMBER_FIELD, "rival_value_since", AEX_MILESTONE_NUM_RIVAL_VALUE_SINCE},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int32_t v = -1;
        CHECK_STATUS(aex_vocabulary_parse(&v, ok[i].vocabulary, ok[i].name), AEX_OK);
        CHECK(v == ok[i].value);
    }
    int32_t v = 77;
    CHECK_STATUS(aex_vocabulary_parse(&v, AEX_VOCAB_SEGMENT, "atlantis"), AEX_E_NOT_FOUND);
    CHECK(v == 77 && strstr(aex_last_error_message(), "conventional") != NULL);
    CHECK_STATUS(aex_vocabulary_parse(&v, AEX_VOCAB_SEGMENT, NULL), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_vocabulary_parse(NULL, AEX_VOCAB_SEGMENT, "bev"), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_vocabulary_parse(&v, -1, "bev"), AEX_E_INVALID_ARGUMENT);
}

static void test_granularity(void) {
    int32_t g = -1;
    CHECK_STATUS(aex_period_granularity(&g, 2023), AEX_OK);
    CHECK(g == AEX_GRANULARITY_YEAR);
    CHECK_STATUS(aex_period_granularity(&g, 20231), AEX_OK);
    CHECK(g == AEX_GRANULARITY_QUARTER);
    CHECK_STATUS(aex_period_granularity(&g, 202303), AEX_OK);
    CHECK(g == AEX_GRANULARITY_MONTH);
    g = 77;
    CHECK_STATUS(aex_period_granularity(&g, AEX_NO_PERIOD), AEX_E_INVALID_ARGUMENT);
    CHECK(g == 77);
    CHECK_STATUS(aex_period_granularity(&g, 202313), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_period_granularity(NULL, 2023), AEX_E_NULL_POINTER);
}

static void test_exporter_list(void) {
    char c[64];
    int64_t n = -1;
    CHECK_STATUS(aex_exporter_list_parse(c, sizeof c, &n, " chn, Japan,276,CHN"), AEX_OK);
    CHECK(strcmp(c, "CHN,JPN,DEU") == 0 && n == 11);
    const char *empty[] = {"", "  ", ",", "CHN,,JPN", "CHN,"};
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
        CHECK_STATUS(aex_exporter_list_parse(c, sizeof c, &n, empty[i]), AEX_E_INVALID_ARGUMENT);
        CHECK(strstr(aex_last_error_message(), "empty") != NULL);
    }
    CHECK_STATUS(aex_exporter_list_parse(c, sizeof c, &n, "CHN,Atlantis"), AEX_E_NOT_FOUND);
    CHECK(strstr(aex_last_error_message(), "Atlantis") != NULL);
    CHECK_STATUS(aex_exporter_list_parse(c, sizeof c, &n, NULL), AEX_E_NULL_POINTER);
    /* The same treatment where a list is an argument: an empty list is an error, not "none". */
    aex_panel *p = NULL;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK_STATUS(aex_panel_load_reference(p), AEX_OK);
    aex_league_table *t = NULL;
    CHECK_STATUS(aex_league_table_create(&t, p, 2024, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, NULL, 0,
                                         AEX_RANK_COMPETITION, ""),
                 AEX_E_INVALID_ARGUMENT);
    aex_milestone_options o = AEX_MILESTONE_OPTIONS_INIT;
    o.exporters = "";
    aex_milestones *m = NULL;
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "options.exporters") != NULL);
    o.exporters = "chn, Japan";
    CHECK_STATUS(aex_milestones_find(&m, p, &o), AEX_OK);
    CHECK_STATUS(aex_milestones_free(m), AEX_OK);
    CHECK_STATUS(aex_panel_free(p), AEX_OK);
}

static void test_options_pairs(void) {
    aex_milestone_options a = AEX_MILESTONE_OPTIONS_INIT, b;
    memset(&b, 0xAB, sizeof b);
    CHECK_STATUS(aex_milestone_options_init(&b), AEX_OK);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    aex_import_options c = AEX_IMPORT_OPTIONS_INIT, d;
    memset(&d, 0xAB, sizeof d);
    CHECK_STATUS(aex_import_options_init(&d), AEX_OK);
    CHECK(c.size == d.size && c.segment == d.segment && c.threads == d.threads && c.metric == d.metric &&
          c.source == d.source && c.scope == d.scope && c.max_rejections == d.max_rejections && c.flags == d.flags &&
          c.reserved == d.reserved);
    CHECK_STATUS(aex_import_options_init(NULL), AEX_OK);
}

static void test_no_period(void) {
    /* A crossover that does not happen within the horizon: its periods read AEX_NO_PERIOD. */
    double down[] = {10, 9, 8, 7}, up[] = {20, 21, 22, 23};
    aex_trend_fit *a = NULL, *b = NULL;
    CHECK_STATUS(aex_trend_fit_values(&a, down, 4, 2020, AEX_TREND_LINEAR, 0), AEX_OK);
    CHECK_STATUS(aex_trend_fit_values(&b, up, 4, 2020, AEX_TREND_LINEAR, 0), AEX_OK);
    aex_crossover *c = NULL;
    CHECK_STATUS(aex_crossover_project(&c, a, b, 5, 0.95), AEX_OK);
    double found = -1, period = -1, earliest = -1, latest = -1, point = -1;
    CHECK_STATUS(aex_crossover_get(&found, c, AEX_CROSSOVER_FIELD_FOUND), AEX_OK);
    CHECK_STATUS(aex_crossover_get(&period, c, AEX_CROSSOVER_FIELD_PERIOD), AEX_OK);
    CHECK_STATUS(aex_crossover_get(&earliest, c, AEX_CROSSOVER_FIELD_EARLIEST), AEX_OK);
    CHECK_STATUS(aex_crossover_get(&latest, c, AEX_CROSSOVER_FIELD_LATEST), AEX_OK);
    CHECK_STATUS(aex_crossover_get(&point, c, AEX_CROSSOVER_FIELD_CROSSING_POINT), AEX_OK);
    CHECK(found == 0 && period == AEX_NO_PERIOD && earliest == AEX_NO_PERIOD && latest == AEX_NO_PERIOD &&
          point == AEX_NO_PERIOD);
    aex_crossover_free(c);
    aex_trend_fit_free(a);
    aex_trend_fit_free(b);
}

int main(void) {
    (void)check_arrays;
    test_names();
    test_parse();
    test_granularity();
    test_exporter_list();
    test_options_pairs();
    test_no_period();
    return check_finish("vocabulary");
}
