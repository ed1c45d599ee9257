/* Data section: panel handles (create, free, use after free, wrong kind, forged values),
** the embedded reference dataset, adding series from arrays, series listing and values. */
#include "autoexports.h"
#include "check.h"
#include <stdint.h>

#ifndef FIXTURES
#  define FIXTURES "Tests/fixtures"
#endif

/* The whole file, or NULL; *n receives its size. */
static char *read_file(const char *path, int64_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *n = size;
    return buf;
}

static const char *reason_names[] = {"",
                                     "empty_input",
                                     "no_data_rows",
                                     "missing_column",
                                     "duplicate_column",
                                     "unterminated_quote",
                                     "bad_quote",
                                     "column_count",
                                     "invalid_utf8",
                                     "byte_order_mark",
                                     "control_character",
                                     "field_too_long",
                                     "record_too_long",
                                     "bad_number",
                                     "bad_period",
                                     "unknown_exporter",
                                     "bad_segment",
                                     "bad_metric",
                                     "empty_field",
                                     "duplicate",
                                     "bad_field",
                                     "read_failure"};

/* Every case of Tests/fixtures/malformed/manifest.csv: strict fails with the documented
** reason, line and column; lenient loads the other rows (or refuses the input). */
static void malformed_corpus_gives_documented_errors(void) {
    FILE *m = fopen(FIXTURES "/malformed/manifest.csv", "r");
    CHECK(m != NULL);
    if (!m) return;
    char line[512];
    int cases = 0;
    CHECK(fgets(line, sizeof line, m) != NULL); /* header */
    while (fgets(line, sizeof line, m)) {
        char name[128], file[128], reason[64];
        int want_line, want_column, loaded;
        if (sscanf(line, "%127[^,],%127[^,],%63[^,],%d,%d,%d", name, file, reason, &want_line, &want_column, &loaded) !=
            6)
            continue;
        cases++;
        int64_t n = 0;
        char *data;
        if (strcmp(file, "@long_line") == 0) {
            const char *head = "exporter,period,metric,value\nCHN,2023,units,";
            size_t h = strlen(head), digits = (size_t)10 << 20;
            data = malloc(h + digits);
            memcpy(data, head, h);
            memset(data + h, '9', digits);
            n = (int64_t)(h + digits);
        } else {
            char path[512];
            snprintf(path, sizeof path, FIXTURES "/malformed/%s", file);
            data = read_file(path, &n);
        }
        CHECK(data != NULL || n == 0);
        for (int32_t policy = AEX_POLICY_STRICT; policy <= AEX_POLICY_LENIENT; policy++) {
            aex_panel *p = NULL;
            aex_rejections *r = NULL;
            CHECK_STATUS(aex_panel_create(&p), AEX_OK);
            int32_t st = aex_panel_import_buffer(&r, p, data ? data : "", n, AEX_FORMAT_TIDY, policy, NULL);
            int64_t rows = -1, count = 0, l = 0, c = 0, read = 0, ok = 0, bad = 0, skip = 0;
            int32_t why = 0;
            CHECK_STATUS(aex_panel_row_count(&rows, p), AEX_OK);
            CHECK(r != NULL);
            if (policy == AEX_POLICY_STRICT || loaded < 0) {
                if (st == AEX_OK) fprintf(stderr, "%s: accepted\n", name);
                CHECK(st == AEX_E_PARSE || st == AEX_E_DUPLICATE);
                CHECK(rows == 0);
            } else {
                CHECK(st == AEX_OK);
                CHECK(rows == loaded);
            }
            CHECK_STATUS(aex_rejections_summary(&read, &ok, &bad, &skip, r), AEX_OK);
            CHECK(read == ok + bad + skip);
            CHECK_STATUS(aex_rejections_count(&count, r), AEX_OK);
            CHECK(count >= 1);
            CHECK_STATUS(aex_rejections_get(&l, &c, &why, r, 0), AEX_OK);
            if (why < 1 || why > 21 || strcmp(reason_names[why], reason) != 0 || l != want_line || c != want_column)
                fprintf(stderr, "%s: got reason %d line %lld column %lld\n", name, why, (long long)l, (long long)c);
            CHECK(why >= 1 && why <= 21 && strcmp(reason_names[why], reason) == 0);
            CHECK(l == want_line && c == want_column);
            char msg[256];
            int64_t len = 0;
            CHECK_STATUS(aex_rejections_message(msg, sizeof msg, &len, r, 0), AEX_OK);
            CHECK(strncmp(msg, "line ", 5) == 0);
            CHECK_STATUS(aex_rejections_free(r), AEX_OK);
            CHECK_STATUS(aex_rejections_free(r), AEX_E_INVALID_HANDLE);
            CHECK_STATUS(aex_panel_free(p), AEX_OK);
        }
        free(data);
    }
    fclose(m);
    CHECK(cases == 12);
}

/* Import a file, export it, import the export: the same rows and values. */
static void import_file_export_round_trip(void) {
    aex_panel *p = NULL, *q = NULL;
    aex_rejections *r = NULL;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK_STATUS(
        aex_panel_import_file(&r, p, FIXTURES "/comtrade_8703.csv", AEX_FORMAT_COMTRADE, AEX_POLICY_STRICT, NULL),
        AEX_OK);
    int64_t read = 0, ok = 0, bad = 0, skip = 0, rows = 0, rows2 = 0, len = 0;
    CHECK_STATUS(aex_rejections_summary(&read, &ok, &bad, &skip, r), AEX_OK);
    /* 246 rows: 244 to World and 2 to the USA, which load as a partner since issue 19
    ** (they were skipped before); the other 6 skipped rows are skipped as before. */
    CHECK(read == 246 && ok == 240 && bad == 0 && skip == 6);
    CHECK_STATUS(aex_rejections_free(r), AEX_OK);
    CHECK_STATUS(aex_panel_row_count(&rows, p), AEX_OK);
    CHECK(rows > 0);
    CHECK_STATUS(aex_panel_export(NULL, 0, &len, p, AEX_EXPORT_CSV, 0), AEX_OK);
    char *text = malloc((size_t)len + 1);
    CHECK_STATUS(aex_panel_export(text, 10, &len, p, AEX_EXPORT_CSV, 0), AEX_E_BUFFER_TOO_SMALL);
    CHECK_STATUS(aex_panel_export(text, len + 1, &len, p, AEX_EXPORT_CSV, 0), AEX_OK);
    /* The partner column is written because two series count exports to the USA. */
    CHECK(text[len] == 0 && strncmp(text, "exporter,partner,period,segment,metric,value", 44) == 0);
    CHECK_STATUS(aex_panel_create(&q), AEX_OK);
    CHECK_STATUS(aex_panel_import_buffer(NULL, q, text, len, AEX_FORMAT_TIDY, AEX_POLICY_STRICT, NULL), AEX_OK);
    CHECK_STATUS(aex_panel_row_count(&rows2, q), AEX_OK);
    CHECK(rows2 == rows);
    /* importing the same text again duplicates every row: refused, nothing changes */
    CHECK_STATUS(aex_panel_import_buffer(&r, q, text, len, AEX_FORMAT_TIDY, AEX_POLICY_STRICT, NULL), AEX_E_DUPLICATE);
    CHECK(strstr(aex_last_error_message(), "line 2") != NULL);
    CHECK_STATUS(aex_rejections_free(r), AEX_OK);
    CHECK_STATUS(aex_panel_row_count(&rows2, q), AEX_OK);
    CHECK(rows2 == rows);
    free(text);
    /* JSON and Markdown */
    CHECK_STATUS(aex_panel_export(NULL, 0, &len, q, AEX_EXPORT_JSON, 0), AEX_OK);
    CHECK(len > 10);
    CHECK_STATUS(aex_panel_export(NULL, 0, &len, q, AEX_EXPORT_MARKDOWN, 0), AEX_OK);
    CHECK_STATUS(aex_panel_export(NULL, 0, &len, q, 7, 0), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_panel_export(NULL, 0, &len, q, AEX_EXPORT_CSV, 8), AEX_E_INVALID_ARGUMENT);
    /* a file that is not there; a rejection list is not a panel */
    r = (aex_rejections *)&len;
    CHECK_STATUS(aex_panel_import_file(&r, q, "/nonexistent/x.csv", AEX_FORMAT_TIDY, AEX_POLICY_STRICT, NULL),
                 AEX_E_IO);
    CHECK(r == NULL);
    const char *one = "exporter,period,metric,value\nCHN,2030,units,1\n";
    CHECK_STATUS(aex_panel_import_buffer(&r, q, one, (int64_t)strlen(one), AEX_FORMAT_TIDY, AEX_POLICY_LENIENT, NULL),
                 AEX_OK);
    CHECK_STATUS(aex_panel_row_count(&rows, (aex_panel *)r), AEX_E_INVALID_HANDLE);
    CHECK(strstr(aex_last_error_message(), "rejections handle") != NULL);
    CHECK_STATUS(aex_rejections_free((aex_rejections *)q), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_rejections_free(r), AEX_OK);
    CHECK_STATUS(aex_panel_free(p), AEX_OK);
    CHECK_STATUS(aex_panel_free(q), AEX_OK);
}

/* Wide CSV with options; a bad options struct is refused. */
static void wide_import_uses_options(void) {
    aex_panel *p = NULL;
    aex_import_options o = AEX_IMPORT_OPTIONS_INIT;
    CHECK(o.size == (int64_t)sizeof o && o.max_rejections == 1000);
    o.metric = "usd";
    o.source = "ITC";
    o.threads = 1;
    const char *csv = "country,2023,2024\nGermany,\"151,000,000,000\",\nJapan,1,2\n";
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK_STATUS(aex_panel_import_buffer(NULL, p, csv, (int64_t)strlen(csv), AEX_FORMAT_WIDE, AEX_POLICY_STRICT, &o),
                 AEX_OK);
    int64_t idx = -1, count = 0;
    CHECK_STATUS(aex_panel_find_series(&idx, p, "DEU", AEX_SEGMENT_TOTAL, "usd", "ITC", NULL), AEX_OK);
    double v[4];
    int32_t per[4];
    CHECK_STATUS(aex_panel_series_values(per, 4, v, 4, &count, p, idx), AEX_OK);
    CHECK(count == 1 && per[0] == 2023 && v[0] == 151e9);
    o.size = 8;
    CHECK_STATUS(aex_panel_import_buffer(NULL, p, csv, (int64_t)strlen(csv), AEX_FORMAT_WIDE, AEX_POLICY_STRICT, &o),
                 AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_panel_import_buffer(NULL, p, csv, (int64_t)strlen(csv), 9, AEX_POLICY_STRICT, NULL),
                 AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_panel_import_buffer(NULL, p, NULL, 5, AEX_FORMAT_TIDY, AEX_POLICY_STRICT, NULL),
                 AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_panel_import_buffer(NULL, p, csv, -1, AEX_FORMAT_TIDY, AEX_POLICY_STRICT, NULL),
                 AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_panel_free(p), AEX_OK);
}

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

/* The data rows of the embedded reference files (their lines after the header), the
** oracle of the reference panel's row count: every row loads, fiscal years, spans and
** destinations included.  Run from the repository root (Tests/c/run.sh does). */
static int64_t reference_file_rows(void) {
    const char *files[] = {"Sources/AutoExports/Data/Reference/exports.csv",
                           "Sources/AutoExports/Data/Reference/destinations.csv"};
    int64_t rows = 0;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        FILE *f = fopen(files[i], "r");
        if (f == NULL) return -1;
        char line[4096];
        int64_t lines = 0;
        while (fgets(line, sizeof line, f)) {
            if (line[0] != '\n' && line[0] != '\r') lines++;
        }
        fclose(f);
        rows += lines - 1;
    }
    return rows;
}

static void reference_dataset_loads_with_series(void) {
    aex_panel *p = NULL;
    int64_t rows = 0, nseries = 0, idx = -1, count = 0;
    CHECK_STATUS(aex_panel_create(&p), AEX_OK);
    CHECK_STATUS(aex_panel_load_reference(p), AEX_OK);
    CHECK_STATUS(aex_panel_row_count(&rows, p), AEX_OK);
    int64_t want_rows = reference_file_rows();
    CHECK(want_rows > 0 && rows == want_rows); /* every row of the reference files */
    CHECK_STATUS(aex_panel_series_count(&nseries, p), AEX_OK);
    CHECK(nseries > 10);
    /* loading twice would duplicate every row: refused, panel unchanged */
    CHECK_STATUS(aex_panel_load_reference(p), AEX_E_DUPLICATE);
    CHECK_STATUS(aex_panel_row_count(&rows, p), AEX_OK);
    CHECK(rows == want_rows);
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
    CHECK(count == 14); /* 2010, 2012, 2013, 2015..2025: CAAM has no reliable 2011 and 2014 */
    int32_t periods[14];
    double values[14];
    CHECK_STATUS(aex_panel_series_values(periods, 2, values, 2, &count, p, idx), AEX_E_BUFFER_TOO_SMALL);
    CHECK_STATUS(aex_panel_series_values(periods, 14, values, 14, &count, p, idx), AEX_OK);
    CHECK(periods[0] == 2010 && periods[1] == 2012 && periods[11] == 2023 && values[11] == 4910000.0);
    CHECK_STATUS(aex_panel_find_series(&idx, p, "CHN", AEX_SEGMENT_TOTAL, "units", "GACC", NULL), AEX_OK);
    CHECK_STATUS(aex_panel_series_values(periods, 14, values, 14, &count, p, idx), AEX_OK);
    CHECK(count == 3 && periods[1] == 2023 && values[1] == 5220000.0);
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
    malformed_corpus_gives_documented_errors();
    import_file_export_round_trip();
    wide_import_uses_options();
    return check_finish("c data");
}
