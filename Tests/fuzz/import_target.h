/* import_target.h — the body of the importer fuzz targets (fuzz_tidy_csv.c, fuzz_wide_csv.c,
** fuzz_comtrade.c): each defines FUZZ_FORMAT and includes this.
**
** The input is CSV text for aex_panel_import_buffer, imported under both policies into a
** panel that already holds one series (so that "unchanged" and duplicates with the panel
** mean something).  Odd-length inputs are imported with AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS,
** even-length ones without.  Besides crashes, leaks, hangs and sanitizer reports, the
** target aborts on a broken promise of the header:
**   - the status is AEX_OK or one the importers document, with a message exactly when it
**     fails; a failure caused by the data (AEX_E_PARSE, AEX_E_DUPLICATE) returns a
**     rejection list holding that one rejection, any other failure none;
**   - the rejection counts add up (read = loaded + rejected + skipped), every kept
**     rejection has a 1-based line and column, a known reason and a message, and no more
**     are kept than options.max_rejections;
**   - a failed import leaves the panel unchanged (its CSV export byte for byte), a
**     successful one adds exactly `loaded` rows (tidy; wide and Comtrade rows add
**     observations only when some row loaded);
**   - strict and lenient agree: strict succeeds exactly when lenient rejects nothing, and
**     then both load the same panel;
**   - the panel exports as CSV, JSON and Markdown, and the CSV imports back (tidy, strict)
**     to a panel that exports to the same CSV byte for byte.
*/
#ifndef AEX_IMPORT_TARGET_H
#define AEX_IMPORT_TARGET_H
#include "autoexports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEPT 8

static void must(int ok, const char *what) {
    if (!ok) {
        fprintf(stderr, "broken promise: %s (last error: %s)\n", what, aex_last_error_message());
        abort();
    }
}

/* The panel as text in `format`, malloc'ed and NUL-terminated; *len its length. */
static char *export_text(const aex_panel *p, int32_t format, int64_t *len) {
    int64_t n = -1;
    must(aex_panel_export(NULL, 0, &n, p, format, 0) == AEX_OK && n >= 0, "export size query");
    char *t = malloc((size_t)n + 1);
    if (!t) abort();
    int64_t m = -1;
    must(aex_panel_export(t, n + 1, &m, p, format, 0) == AEX_OK && m == n, "export into a buffer of the queried size");
    must(t[n] == '\0', "export ends with a NUL");
    *len = n;
    return t;
}

static int64_t row_count(const aex_panel *p) {
    int64_t rows = -1;
    must(aex_panel_row_count(&rows, p) == AEX_OK && rows >= 0, "row count");
    return rows;
}

/* A panel holding the base series: China's total exports 2022-2023 (as the reference). */
static aex_panel *base_panel(void) {
    aex_panel *p = NULL;
    must(aex_panel_create(&p) == AEX_OK && p != NULL, "panel create");
    const int32_t periods[] = {2022, 2023};
    const double values[] = {3110000, 4910000};
    must(aex_panel_add(p, "CHN", AEX_SEGMENT_TOTAL, "units", "CAAM", "all_vehicles", periods, values, 2) == AEX_OK,
         "base series");
    return p;
}

static int documented(int32_t s) {
    return s == AEX_OK || s == AEX_E_PARSE || s == AEX_E_DUPLICATE || s == AEX_E_TOO_LARGE || s == AEX_E_OUT_OF_MEMORY;
}

typedef struct counts {
    int64_t read, loaded, rejected, skipped, kept;
} counts;

static counts check_rejections(const aex_rejections *r) {
    counts c = {-1, -1, -1, -1, -1};
    must(aex_rejections_summary(&c.read, &c.loaded, &c.rejected, &c.skipped, r) == AEX_OK, "rejection counts");
    must(c.read >= 0 && c.loaded >= 0 && c.rejected >= 0 && c.skipped >= 0 &&
             c.read == c.loaded + c.rejected + c.skipped,
         "read = loaded + rejected + skipped");
    must(aex_rejections_count(&c.kept, r) == AEX_OK && c.kept >= 0 && c.kept <= MAX_KEPT, "kept rejections");
    for (int64_t i = 0; i < c.kept; i++) {
        int64_t line = -1, column = -1, len = -1;
        int32_t reason = -1;
        must(aex_rejections_get(&line, &column, &reason, r, i) == AEX_OK, "rejection get");
        must(line >= 1 && column >= 1, "rejection line and column are 1-based");
        must(reason >= AEX_REJECT_EMPTY_INPUT && reason <= AEX_REJECT_READ_FAILURE, "a known rejection reason");
        must(aex_rejections_message(NULL, 0, &len, r, i) == AEX_OK && len > 0, "rejection message length");
        char *m = malloc((size_t)len + 1);
        if (!m) abort();
        int64_t len2 = -1;
        must(aex_rejections_message(m, len + 1, &len2, r, i) == AEX_OK && len2 == len && m[len] == '\0' &&
                 strlen(m) == (size_t)len,
             "rejection message");
        free(m);
    }
    int64_t len;
    must(aex_rejections_get(NULL, NULL, NULL, r, c.kept) == AEX_E_OUT_OF_RANGE, "rejection index past the end");
    must(aex_rejections_message(NULL, 0, &len, r, -1) == AEX_E_OUT_OF_RANGE, "negative rejection index");
    return c;
}

static char *base_csv;
static int64_t base_csv_len, base_rows;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!base_csv) {
        aex_panel *b = base_panel();
        base_csv = export_text(b, AEX_EXPORT_CSV, &base_csv_len);
        base_rows = row_count(b);
        aex_panel_free(b);
    }
    aex_import_options o = AEX_IMPORT_OPTIONS_INIT;
    o.threads = 1;
    o.max_rejections = MAX_KEPT;
    if (size % 2) o.flags = AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS;
    aex_panel *panels[2] = {NULL, NULL};
    int32_t status[2];
    counts got[2];
    for (int policy = AEX_POLICY_STRICT; policy <= AEX_POLICY_LENIENT; policy++) {
        aex_panel *p = base_panel();
        aex_rejections *r = (aex_rejections *)(uintptr_t)1; /* must be overwritten */
        int32_t s = aex_panel_import_buffer(&r, p, (const char *)data, (int64_t)size, FUZZ_FORMAT, policy, &o);
        must(documented(s), "a documented status");
        must(s == AEX_OK ? aex_last_error_message()[0] == '\0' : aex_last_error_message()[0] != '\0',
             "a message exactly when the import fails");
        int by_data = s == AEX_OK || s == AEX_E_PARSE || s == AEX_E_DUPLICATE;
        must(by_data ? r != NULL : r == NULL, "a rejection list exactly when the input was read");
        memset(&got[policy], 0, sizeof got[policy]);
        if (r) {
            got[policy] = check_rejections(r);
            if (s != AEX_OK) must(got[policy].kept == 1, "a failed import lists the rejection that failed it");
            must(aex_rejections_free(r) == AEX_OK, "rejections free");
        }
        if (s == AEX_OK) {
            /* A tidy row is one observation; a wide row holds one per filled period cell and
               Comtrade rows give up to two (units, usd), subheadings summed. */
            int64_t added = row_count(p) - base_rows;
            if (FUZZ_FORMAT == AEX_FORMAT_TIDY)
                must(added == got[policy].loaded, "a successful import adds `loaded` rows");
            /* A wide row with a bad cell is counted as rejected (one rejection per bad cell)
               while its good cells load (docs/formats.md), so a wide import may add rows from
               rows counted as rejected; Comtrade adds only from loaded rows. */
            else if (FUZZ_FORMAT == AEX_FORMAT_WIDE)
                must(added >= 0 && (got[policy].loaded + got[policy].rejected > 0 || added == 0),
                     "rows are added only from rows read (a wide row's good cells load beside its bad ones)");
            else must(added >= 0 && (got[policy].loaded > 0 || added == 0), "rows are added only from loaded rows");
        } else {
            int64_t n;
            char *now = export_text(p, AEX_EXPORT_CSV, &n);
            must(n == base_csv_len && memcmp(now, base_csv, (size_t)n) == 0 && row_count(p) == base_rows,
                 "a failed import leaves the panel unchanged");
            free(now);
        }
        status[policy] = s;
        panels[policy] = p;
    }
    int32_t strict = status[AEX_POLICY_STRICT], lenient = status[AEX_POLICY_LENIENT];
    if (lenient == AEX_OK) {
        /* Lenient lists a header without data rows as a note (not a rejected row); strict
           refuses it. */
        int no_rows = got[AEX_POLICY_LENIENT].read == 0;
        must((strict == AEX_OK) == (got[AEX_POLICY_LENIENT].rejected == 0 && !no_rows),
             "strict succeeds exactly when lenient rejects nothing");
    } else {
        must(strict != AEX_OK, "strict fails when lenient fails");
    }
    if (lenient == AEX_OK) {
        aex_panel *p = panels[AEX_POLICY_LENIENT];
        int64_t n_csv, n;
        char *csv = export_text(p, AEX_EXPORT_CSV, &n_csv);
        char *json = export_text(p, AEX_EXPORT_JSON, &n);
        int64_t end = n;
        while (end > 0 && (json[end - 1] == '\n' || json[end - 1] == ' ')) end--;
        must(end >= 2 && json[0] == '{' && json[end - 1] == '}', "JSON export is an object");
        free(json);
        free(export_text(p, AEX_EXPORT_MARKDOWN, &n));
        if (strict == AEX_OK) {
            int64_t n_strict;
            char *s = export_text(panels[AEX_POLICY_STRICT], AEX_EXPORT_CSV, &n_strict);
            must(n_strict == n_csv && memcmp(s, csv, (size_t)n_csv) == 0, "strict and lenient load the same panel");
            free(s);
        }
        aex_panel *q = NULL;
        must(aex_panel_create(&q) == AEX_OK, "panel create");
        aex_import_options back = AEX_IMPORT_OPTIONS_INIT;
        back.threads = 1;
        back.flags = AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS;
        must(aex_panel_import_buffer(NULL, q, csv, n_csv, AEX_FORMAT_TIDY, AEX_POLICY_STRICT, &back) == AEX_OK,
             "the exported CSV imports back");
        int64_t n_again;
        char *again = export_text(q, AEX_EXPORT_CSV, &n_again);
        must(n_again == n_csv && memcmp(again, csv, (size_t)n_csv) == 0, "export, import, export gives the same CSV");
        must(row_count(q) == row_count(p), "the imported export has the panel's rows");
        free(again);
        aex_panel_free(q);
        free(csv);
    }
    must(aex_panel_free(panels[0]) == AEX_OK && aex_panel_free(panels[1]) == AEX_OK, "panel free");
    return 0;
}
#endif
