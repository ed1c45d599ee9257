/* C tests of the League tables section: the handle over the reference panel, its rows,
** text fields, warnings and JSON, and bad input (never a crash). */
#include "autoexports.h"
#include "check.h"

static void test_reference_2024(void) {
    aex_panel *p = NULL;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK_STATUS(aex_panel_load_reference(p), AEX_OK);
    aex_league_table *t = NULL;
    CHECK_STATUS(aex_league_table_create(&t, p, 2024, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, NULL, 0,
                                         AEX_RANK_COMPETITION, NULL),
                 AEX_OK);
    int64_t rows = 0, ranked = 0;
    CHECK_STATUS(aex_league_table_size(&rows, &ranked, t), AEX_OK);
    CHECK(rows == ranked && rows >= 5);
    double rank = 0, value = 0, prev = 0, prev_rank = 0;
    CHECK_STATUS(aex_league_table_row(&rank, &value, NULL, NULL, &prev, &prev_rank, t, 0), AEX_OK);
    CHECK(rank == 1 && value == 5859000 && prev == 4910000 && prev_rank == 1);
    char text[64];
    int64_t len = 0;
    CHECK_STATUS(aex_league_table_row_text(text, sizeof text, &len, t, 0, AEX_FIELD_EXPORTER), AEX_OK);
    CHECK(strcmp(text, "CHN") == 0 && len == 3);
    CHECK_STATUS(aex_league_table_row_text(text, sizeof text, &len, t, 1, AEX_FIELD_EXPORTER), AEX_OK);
    CHECK(strcmp(text, "JPN") == 0);
    CHECK_STATUS(aex_league_table_row_text(text, sizeof text, &len, t, 0, AEX_FIELD_SCOPE), AEX_OK);
    CHECK(strcmp(text, "all_vehicles") == 0);
    /* Size query, then a buffer too small. */
    CHECK_STATUS(aex_league_table_json(NULL, 0, &len, t), AEX_OK);
    CHECK(len > 100);
    CHECK_STATUS(aex_league_table_json(text, sizeof text, &len, t), AEX_E_BUFFER_TOO_SMALL);
    char *json = malloc((size_t)len + 1);
    CHECK_STATUS(aex_league_table_json(json, len + 1, &len, t), AEX_OK);
    CHECK(strncmp(json, "{\"period\":\"2024\"", 16) == 0 && strstr(json, "\"mixed_scopes\"") != NULL);
    free(json);
    int64_t warnings = 0;
    CHECK_STATUS(aex_league_table_warning_count(&warnings, t), AEX_OK);
    CHECK(warnings >= 1);
    char sentence[512];
    CHECK_STATUS(aex_league_table_warning_text(sentence, sizeof sentence, &len, t, 0), AEX_OK);
    CHECK(strstr(sentence, "count different things") != NULL);
    /* Bad input on a live table. */
    CHECK_STATUS(aex_league_table_row(NULL, NULL, NULL, NULL, NULL, NULL, t, rows), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_league_table_row(NULL, NULL, NULL, NULL, NULL, NULL, t, -1), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_league_table_row_text(text, sizeof text, &len, t, 0, 1), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_league_table_row_text(text, -1, &len, t, 0, 0), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_league_table_warning_text(sentence, sizeof sentence, &len, t, warnings), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_league_table_warning_count(NULL, t), AEX_E_NULL_POINTER);
    /* A panel is not a table; a freed table is refused; free(NULL) is fine. */
    CHECK_STATUS(aex_league_table_size(NULL, NULL, (const aex_league_table *)(const void *)p), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_league_table_free(t), AEX_OK);
    CHECK_STATUS(aex_league_table_size(&rows, NULL, t), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_league_table_free(t), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_league_table_free(NULL), AEX_OK);
    CHECK_STATUS(aex_panel_free(p), AEX_OK);
}

static void test_bases_and_bad_requests(void) {
    aex_panel *p = NULL;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK_STATUS(aex_panel_load_reference(p), AEX_OK);
    aex_league_table *t = NULL;
    /* Germany first by usd in 2024. */
    CHECK_STATUS(aex_league_table_create(&t, p, 2024, "usd", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, NULL, 1, 0, NULL),
                 AEX_OK);
    char text[16];
    int64_t len = 0, rows = 0;
    CHECK_STATUS(aex_league_table_row_text(text, sizeof text, &len, t, 0, AEX_FIELD_EXPORTER), AEX_OK);
    CHECK(strcmp(text, "DEU") == 0);
    CHECK_STATUS(aex_league_table_size(&rows, NULL, t), AEX_OK);
    CHECK(rows == 1);
    aex_league_table_free(t);
    /* NEV share of the exporter's own total (CAAM 2024: 1.284M of 5.859M). */
    CHECK_STATUS(
        aex_league_table_create(&t, p, 2024, "units", AEX_SEGMENT_NEV, AEX_BASIS_SEGMENT_SHARE, NULL, 0, 0, "CHN"),
        AEX_OK);
    double score = 0;
    CHECK_STATUS(aex_league_table_row(NULL, NULL, &score, NULL, NULL, NULL, t, 0), AEX_OK);
    CHECK(score == 1284000.0 / 5859000.0);
    aex_league_table_free(t);
    t = NULL;
    CHECK_STATUS(aex_league_table_create(NULL, p, 2024, "units", 0, 0, NULL, 0, 0, NULL), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_league_table_create(&t, NULL, 2024, "units", 0, 0, NULL, 0, 0, NULL), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_league_table_create(&t, p, 1990, "units", 0, 0, NULL, 0, 0, NULL), AEX_E_NOT_FOUND);
    CHECK_STATUS(aex_league_table_create(&t, p, 2024, "units", 42, 0, NULL, 0, 0, NULL), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "segment") != NULL);
    CHECK_STATUS(aex_league_table_create(&t, p, 2024, "units", 0, AEX_BASIS_SHARE_OF, NULL, 0, 0, NULL),
                 AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_league_table_create(&t, p, 2024, "units", 0, 0, NULL, 0, 9, NULL), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_league_table_create(&t, p, 2024, "units", 0, 0, NULL, -5, 0, NULL), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_league_table_create(&t, p, 2024, "units", 0, 0, NULL, 0, 0, "CHN,Narnia"), AEX_E_NOT_FOUND);
    CHECK(strstr(aex_last_error_message(), "Narnia") != NULL);
    CHECK(t == NULL); /* untouched by every failure */
    aex_panel_free(p);
}

int main(void) {
    const double same[1] = {1};
    CHECK(check_arrays(same, same, 1));
    test_reference_2024();
    test_bases_and_bad_requests();
    return check_finish("c/test_league_table");
}
