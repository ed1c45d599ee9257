/* Data section: panel handles (create, free, use after free, wrong kind, forged values),
** the embedded reference dataset, adding series from arrays, series listing and values. */
#include "autoexports.h"
#include "check.h"
#include <stdint.h>

static void handles_detect_null_freed_and_forged(void) {
    aex_panel *p = NULL;
    int64_t n = -1;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK(p != NULL);
    CHECK_STATUS(aex_panel_row_count(&n, p), AEX_OK);
    CHECK(n == 0);
    CHECK_STATUS(aex_panel_free(p), AEX_OK);
    /* use after free and double free are errors, never crashes */
    CHECK_STATUS(aex_panel_row_count(&n, p), AEX_E_INVALID_HANDLE);
    CHECK(strstr(aex_last_error_message(), "panel") != NULL);
    CHECK_STATUS(aex_panel_free(p), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_panel_free(NULL), AEX_OK);
    CHECK_STATUS(aex_panel_row_count(&n, NULL), AEX_E_INVALID_HANDLE);
    /* a real pointer, or any other value, is not a handle */
    double d = 0;
    CHECK_STATUS(aex_panel_row_count(&n, (aex_panel *)&d), AEX_E_INVALID_HANDLE);
    CHECK(strstr(aex_last_error_message(), "not a handle") != NULL);
    CHECK_STATUS(aex_panel_load_reference((aex_panel *)(uintptr_t)0xAE00000000000001ull), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_panel_create(NULL), AEX_E_NULL_POINTER);
    /* a new panel does not revive the old handle, even if it reuses the slot */
    aex_panel *q = NULL;
    CHECK_STATUS(aex_panel_create(&q), AEX_OK);
    CHECK(q != p);
    CHECK_STATUS(aex_panel_row_count(&n, p), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_panel_free(q), AEX_OK);
}

static void reference_dataset_loads_with_series(void) {
    aex_panel *p = NULL;
    int64_t rows = 0, nseries = 0, idx = -1, count = 0;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK_STATUS(aex_panel_load_reference(p), AEX_OK);
    CHECK_STATUS(aex_panel_row_count(&rows, p), AEX_OK);
    CHECK(rows == 130);
    CHECK_STATUS(aex_panel_series_count(&nseries, p), AEX_OK);
    CHECK(nseries > 10);
    /* loading twice would duplicate every row: refused, panel unchanged */
    CHECK_STATUS(aex_panel_load_reference(p), AEX_E_DUPLICATE);
    CHECK_STATUS(aex_panel_row_count(&rows, p), AEX_OK);
    CHECK(rows == 130);
    /* the default choice for China is CAAM all vehicles */
    CHECK_STATUS(aex_panel_find_series(&idx, p, "China", AEX_SEGMENT_TOTAL, "units", NULL, NULL), AEX_OK);
    char buf[64];
    int64_t len = 0;
    CHECK_STATUS(aex_panel_series_text(buf, sizeof buf, &len, p, idx, AEX_FIELD_SOURCE), AEX_OK);
    CHECK(strcmp(buf, "CAAM") == 0 && len == 4);
    CHECK_STATUS(aex_panel_series_text(NULL, 0, &len, p, idx, AEX_FIELD_SCOPE), AEX_OK);
    CHECK(len == (int64_t)strlen("all_vehicles"));
    CHECK_STATUS(aex_panel_series_text(buf, 4, &len, p, idx, AEX_FIELD_SCOPE), AEX_E_BUFFER_TOO_SMALL);
    CHECK(len == 12);
    CHECK_STATUS(aex_panel_series_values(NULL, 0, NULL, 0, &count, p, idx), AEX_OK);
    CHECK(count == 6); /* 2020..2025 */
    int32_t periods[6];
    double values[6];
    CHECK_STATUS(aex_panel_series_values(periods, 2, values, 2, &count, p, idx), AEX_E_BUFFER_TOO_SMALL);
    CHECK_STATUS(aex_panel_series_values(periods, 6, values, 6, &count, p, idx), AEX_OK);
    CHECK(periods[0] == 2020 && periods[3] == 2023 && values[3] == 4910000.0);
    CHECK_STATUS(aex_panel_find_series(&idx, p, "CHN", AEX_SEGMENT_TOTAL, "units", "GACC", NULL), AEX_OK);
    CHECK_STATUS(aex_panel_series_values(periods, 6, values, 6, &count, p, idx), AEX_OK);
    CHECK(count == 2 && values[1] == 5220000.0);
    CHECK_STATUS(aex_panel_find_series(&idx, p, "Atlantis", AEX_SEGMENT_TOTAL, "units", NULL, NULL), AEX_E_NOT_FOUND);
    CHECK_STATUS(aex_panel_find_series(&idx, p, "FRA", AEX_SEGMENT_BEV, "units", NULL, NULL), AEX_E_NOT_FOUND);
    CHECK_STATUS(aex_panel_series_info(NULL, NULL, NULL, NULL, p, nseries), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_panel_series_text(buf, sizeof buf, &len, p, 0, 99), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_panel_free(p), AEX_OK);
}

static void add_from_arrays_is_all_or_nothing(void) {
    aex_panel *p = NULL;
    int64_t rows = 0, idx = 0, count = 0;
    int32_t y[] = {2022, 2023, 2023};
    double v[] = {3110000, 4910000, 1};
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK_STATUS(aex_panel_add(p, "CHN", AEX_SEGMENT_TOTAL, "units", "CAAM", "all_vehicles", y, v, 3), AEX_E_DUPLICATE);
    CHECK_STATUS(aex_panel_row_count(&rows, p), AEX_OK);
    CHECK(rows == 0);
    CHECK_STATUS(aex_panel_add(p, "CHN", AEX_SEGMENT_TOTAL, "units", "CAAM", "all_vehicles", y, v, 2), AEX_OK);
    CHECK_STATUS(aex_panel_add(p, "CHN", AEX_SEGMENT_TOTAL, "units", "CAAM", "all_vehicles", y, v, 1), AEX_E_DUPLICATE);
    CHECK_STATUS(aex_panel_add(p, "JPN", AEX_SEGMENT_NEV, "units", NULL, "", y, v, 1), AEX_OK);
    CHECK_STATUS(aex_panel_row_count(&rows, p), AEX_OK);
    CHECK(rows == 3);
    CHECK_STATUS(aex_panel_find_series(&idx, p, "JPN", AEX_SEGMENT_NEV, "units", "unspecified", NULL), AEX_OK);
    CHECK_STATUS(aex_panel_series_values(NULL, 0, NULL, 0, &count, p, idx), AEX_OK);
    CHECK(count == 1);
    int32_t bad[] = {20235};
    CHECK_STATUS(aex_panel_add(p, "DEU", AEX_SEGMENT_TOTAL, "units", NULL, NULL, bad, v, 1), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_panel_add(p, "DEU", 42, "units", NULL, NULL, y, v, 1), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_panel_add(p, "DEU", AEX_SEGMENT_TOTAL, "vehicles!", NULL, NULL, y, v, 1), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_panel_add(p, "Atlantis", AEX_SEGMENT_TOTAL, "units", NULL, NULL, y, v, 1), AEX_E_NOT_FOUND);
    CHECK_STATUS(aex_panel_add(p, "DEU", AEX_SEGMENT_TOTAL, "units", NULL, NULL, NULL, v, 1), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_panel_add(p, "DEU", AEX_SEGMENT_TOTAL, "units", NULL, NULL, y, v, -1), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_panel_add(p, "DEU", AEX_SEGMENT_TOTAL, "units", NULL, NULL, NULL, NULL, 0), AEX_OK);
    CHECK_STATUS(aex_panel_free(p), AEX_OK);
}

int main(void) {
    (void)check_arrays;
    handles_detect_null_freed_and_forged();
    reference_dataset_loads_with_series();
    add_from_arrays_is_all_or_nothing();
    return check_finish("c data");
}
