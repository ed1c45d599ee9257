/* C tests of the Explain section on the embedded reference data (figures worked by hand
** from shared/data/reference/exports.csv: CAAM for China, JAMA for Japan). */
#include "autoexports.h"
#include "check.h"

static char *json_of_overtake(const aex_panel *p, const char *a, const char *b, int32_t period) {
    int64_t len = 0;
    if (aex_explain_overtake(NULL, 0, &len, p, a, b, period, AEX_SEGMENT_NEV, NULL) != AEX_OK) return NULL;
    char *buf = malloc((size_t)len + 1);
    if (buf && aex_explain_overtake(buf, len + 1, &len, p, a, b, period, AEX_SEGMENT_NEV, "units") != AEX_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

int main(void) {
    aex_panel *p = NULL;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK_STATUS(aex_panel_load_reference(p), AEX_OK);
    char *j = json_of_overtake(p, "CHN", "JPN", 2023);
    CHECK(j != NULL);
    if (j) {
        CHECK(strstr(j, "\"is_overtake\":true") != NULL);
        CHECK(
            strstr(j, "\"without_ev_exports\":{\"subject_value\":3707000,\"margin\":-715682,\"still_ahead\":false}") !=
            NULL);
        CHECK(strstr(j, "\"ev_decisive\":true") != NULL);
        CHECK(strstr(j, "\"ev_growth\":524000") != NULL && strstr(j, "\"subject_change\":1800000") != NULL);
        free(j);
    }
    j = json_of_overtake(p, "CHN", "JPN", 2024);
    CHECK(j != NULL && strstr(j, "\"ev_decisive\":false") != NULL && strstr(j, "\"margin\":365000") != NULL);
    free(j);
    char small[8];
    int64_t len = 0;
    CHECK_STATUS(aex_explain_change(small, sizeof small, &len, p, "CHN", 2022, 2023, AEX_SEGMENT_NEV, NULL),
                 AEX_E_BUFFER_TOO_SMALL);
    CHECK(len > 100);
    CHECK_STATUS(aex_explain_change(NULL, 0, &len, p, "JPN", 2022, 2023, AEX_SEGMENT_NEV, NULL),
                 AEX_E_INSUFFICIENT_DATA);
    CHECK(strstr(aex_last_error_message(), "no split of its total") != NULL);
    CHECK_STATUS(aex_explain_overtake(NULL, 0, &len, p, "CHN", "JPN", 2023, AEX_SEGMENT_TOTAL, NULL),
                 AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "ev_segment") != NULL);
    CHECK_STATUS(aex_explain_gap(NULL, 0, &len, NULL, "CHN", "JPN", 2022, 2023, AEX_SEGMENT_NEV, NULL),
                 AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_explain_projection(NULL, 0, &len, p, "CHN", AEX_SEGMENT_NEV, "JPN", AEX_SEGMENT_TOTAL,
                                        AEX_TREND_LOG_LINEAR, 10, 0.95, NULL),
                 AEX_OK);
    CHECK_STATUS(aex_explain_projection(NULL, 0, &len, p, "CHN", AEX_SEGMENT_NEV, "JPN", AEX_SEGMENT_TOTAL,
                                        AEX_TREND_LOG_LINEAR, 0, 0.95, NULL),
                 AEX_E_OUT_OF_RANGE);
    /* The same call twice gives the same bytes (deterministic). */
    char *a = json_of_overtake(p, "CHN", "JPN", 2023), *b = json_of_overtake(p, "CHN", "JPN", 2023);
    CHECK(a && b && strcmp(a, b) == 0);
    free(a);
    free(b);
    /* A size query keeps its text for the copy that follows (computed once); a call with
    ** other arguments is never answered from it. */
    {
        int64_t la = 0, lb = 0, n = 0;
        CHECK_STATUS(aex_explain_change(NULL, 0, &la, p, "CHN", 2022, 2023, AEX_SEGMENT_NEV, NULL), AEX_OK);
        CHECK_STATUS(aex_explain_change(NULL, 0, &lb, p, "CHN", 2023, 2024, AEX_SEGMENT_NEV, "units"), AEX_OK);
        char *x = malloc((size_t)lb + 1), *y = malloc((size_t)lb + 1), *z = malloc((size_t)la + 1);
        /* The size query of 2022-2023 is pending: a copy of 2023-2024 must be 2023-2024's. */
        CHECK_STATUS(aex_explain_change(NULL, 0, &la, p, "CHN", 2022, 2023, AEX_SEGMENT_NEV, NULL), AEX_OK);
        CHECK_STATUS(aex_explain_change(x, lb + 1, &n, p, "CHN", 2023, 2024, AEX_SEGMENT_NEV, NULL), AEX_OK);
        CHECK(n == lb && strstr(x, "2024") != NULL && strstr(x, "\"total_change\":1800000") == NULL);
        CHECK_STATUS(aex_explain_change(y, lb + 1, &n, p, "CHN", 2023, 2024, AEX_SEGMENT_NEV, NULL), AEX_OK);
        CHECK(strcmp(x, y) == 0);
        /* The pending 2022-2023 text is still that of 2022-2023 (same as computed afresh). */
        CHECK_STATUS(aex_explain_change(z, la + 1, &n, p, "CHN", 2022, 2023, AEX_SEGMENT_NEV, NULL), AEX_OK);
        CHECK(n == la && strstr(z, "\"total_change\":1800000") != NULL);
        /* Too small after a size query: the length needed, and the copy still works. */
        CHECK_STATUS(aex_explain_change(NULL, 0, &la, p, "CHN", 2022, 2023, AEX_SEGMENT_NEV, NULL), AEX_OK);
        CHECK_STATUS(aex_explain_change(small, sizeof small, &n, p, "CHN", 2022, 2023, AEX_SEGMENT_NEV, NULL),
                     AEX_E_BUFFER_TOO_SMALL);
        CHECK(n == la);
        CHECK_STATUS(aex_explain_change(z, la + 1, &n, p, "CHN", 2022, 2023, AEX_SEGMENT_NEV, NULL), AEX_OK);
        CHECK(strstr(z, "\"total_change\":1800000") != NULL);
        free(x);
        free(y);
        free(z);
    }
    const double one[1] = {1};
    CHECK(check_arrays(one, one, 1));
    CHECK_STATUS(aex_panel_free(p), AEX_OK);
    return check_finish("c/test_explain");
}
