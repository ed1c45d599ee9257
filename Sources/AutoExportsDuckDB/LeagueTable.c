/* aex_league_table(period [, metric := 'units'] [, segment := 'total'] [, basis := 'value']
**                  [, top := 0] [, exporters := NULL] [, source := NULL]): the exporters
** ranked in one period, as the library's league tables (aex_league_table_create; the CLI's
** `autoexports rank`) rank them: ties share a rank (RANK.EQ), the previous period's
** figures and ranks alongside.
**
**   SELECT rank, exporter, value, share FROM aex_league_table(2024);        -- reference data
**   SELECT * FROM aex_league_table('2023', source := 'SELECT exporter, year, units FROM exports');
**
** period     2024, '2024', '2024-Q1', '2024-03' (any type DuckDB can cast to VARCHAR).
** metric     'units' (default) or a currency code ('usd').
** segment    total (default), bev, phev, fcev, hev, ice, other, nev, plugin, conventional.
** basis      value (default), share (of the ranked sum), segment_share (the segment's share
**            of the exporter's total), yoy, yoy_pct.
** top        keep the rows ranked `top` or better (ties at the cut kept); 0 = every row.
** exporters  NULL: every exporter with data; else codes or names separated by commas.
** source     NULL: the embedded reference data; else a table or query (as aex_milestones).
**
** Columns: rank, exporter, name, value, score, share, previous_value, previous_rank,
** source, scope, citation (missing numbers are NULL).  The warnings (mixed scopes,
** stand-in series) are not rows: read them with the CLI or the bindings. */
#include "aexduck.h"

#include <autoexports.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    L_RANK,
    L_EXPORTER,
    L_NAME,
    L_VALUE,
    L_SCORE,
    L_SHARE,
    L_PREVIOUS_VALUE,
    L_PREVIOUS_RANK,
    L_SOURCE,
    L_SCOPE,
    L_CITATION,
    L_COLS
};

static const char *const NAMES[L_COLS] = {"rank",           "exporter",      "name",   "value", "score",   "share",
                                          "previous_value", "previous_rank", "source", "scope", "citation"};
static const duckdb_type TYPES[L_COLS] = {DUCKDB_TYPE_DOUBLE,  DUCKDB_TYPE_VARCHAR, DUCKDB_TYPE_VARCHAR,
                                          DUCKDB_TYPE_DOUBLE,  DUCKDB_TYPE_DOUBLE,  DUCKDB_TYPE_DOUBLE,
                                          DUCKDB_TYPE_DOUBLE,  DUCKDB_TYPE_DOUBLE,  DUCKDB_TYPE_VARCHAR,
                                          DUCKDB_TYPE_VARCHAR, DUCKDB_TYPE_VARCHAR};

static const struct {
    const char *name;
    int32_t code;
} SEGMENTS[] = {
    {"total", AEX_SEGMENT_TOTAL},   {"bev", AEX_SEGMENT_BEV},
    {"phev", AEX_SEGMENT_PHEV},     {"fcev", AEX_SEGMENT_FCEV},
    {"hev", AEX_SEGMENT_HEV},       {"ice", AEX_SEGMENT_ICE},
    {"other", AEX_SEGMENT_OTHER},   {"nev", AEX_SEGMENT_NEV},
    {"plugin", AEX_SEGMENT_PLUGIN}, {"conventional", AEX_SEGMENT_CONVENTIONAL},
};
static const struct {
    const char *name;
    int32_t code;
} BASES[] = {
    {"value", AEX_BASIS_VALUE}, {"share", AEX_BASIS_SHARE},     {"segment_share", AEX_BASIS_SEGMENT_SHARE},
    {"yoy", AEX_BASIS_YOY},     {"yoy_pct", AEX_BASIS_YOY_PCT},
};

static char *text_param(duckdb_bind_info info, const char *name) {
    duckdb_value v = aexduck.duckdb_bind_get_named_parameter(info, name);
    char *s = v && !aexduck.duckdb_is_null_value(v) ? aexduck.duckdb_get_varchar(v) : NULL;
    aexduck.duckdb_destroy_value(&v);
    return s;
}

static int put_text(aexduck_table *t, int64_t row, int col, const aex_league_table *table, int64_t i, int32_t field) {
    char buf[512];
    int64_t len = 0;
    int32_t status = aex_league_table_row_text(buf, sizeof buf, &len, table, i, field);
    if (status == AEX_E_BUFFER_TOO_SMALL) {
        char *big = malloc((size_t)len + 1);
        if (big == NULL) return 0;
        status = aex_league_table_row_text(big, len + 1, &len, table, i, field);
        int ok = status != AEX_OK || aexduck_table_set_text(t, row, col, big, (size_t)len);
        free(big);
        return ok;
    }
    return status != AEX_OK || len == 0 || aexduck_table_set_text(t, row, col, buf, (size_t)len);
}

static void lt_bind(duckdb_bind_info info) {
    const char *fn = "aex_league_table";
    aexduck_reader *reader = aexduck.duckdb_bind_get_extra_info(info);
    char *error = NULL;
    duckdb_value period_v = aexduck.duckdb_bind_get_parameter(info, 0);
    char *period_text =
        period_v && !aexduck.duckdb_is_null_value(period_v) ? aexduck.duckdb_get_varchar(period_v) : NULL;
    aexduck.duckdb_destroy_value(&period_v);
    char *metric = text_param(info, "metric"), *segment = text_param(info, "segment");
    char *basis = text_param(info, "basis"), *exporters = text_param(info, "exporters");
    char *source = text_param(info, "source");
    duckdb_value top_v = aexduck.duckdb_bind_get_named_parameter(info, "top");
    int64_t top = top_v && !aexduck.duckdb_is_null_value(top_v) ? aexduck.duckdb_get_int64(top_v) : 0;
    aexduck.duckdb_destroy_value(&top_v);
    int32_t period = 0, seg = AEX_SEGMENT_TOTAL, bas = AEX_BASIS_VALUE;
    if (period_text == NULL) {
        error = aexduck_format("%s: period is required (2024, '2024-Q1', '2024-03')", fn);
    } else if (aex_period_parse(&period, period_text) != AEX_OK) {
        error = aexduck_status_message(fn, AEX_E_PARSE);
    }
    if (error == NULL && segment != NULL) {
        size_t k = 0;
        while (k < sizeof SEGMENTS / sizeof *SEGMENTS && strcasecmp(SEGMENTS[k].name, segment) != 0) k++;
        if (k == sizeof SEGMENTS / sizeof *SEGMENTS) {
            error = aexduck_format("%s: segment must be one of total, bev, phev, fcev, hev, ice, other, nev, plugin, "
                                   "conventional, not '%s'",
                                   fn, segment);
        } else {
            seg = SEGMENTS[k].code;
        }
    }
    if (error == NULL && basis != NULL) {
        size_t k = 0;
        while (k < sizeof BASES / sizeof *BASES && strcasecmp(BASES[k].name, basis) != 0) k++;
        if (k == sizeof BASES / sizeof *BASES) {
            error = aexduck_format("%s: basis must be one of value, share, segment_share, yoy, yoy_pct, not '%s'", fn,
                                   basis);
        } else {
            bas = BASES[k].code;
        }
    }
    const char *m = metric ? metric : "units";
    aex_panel *panel = NULL;
    if (error == NULL) {
        int32_t status = aex_panel_create(&panel);
        if (status != AEX_OK) error = aexduck_status_message(fn, status);
    }
    if (error == NULL) {
        if (source == NULL) {
            int32_t status = aex_panel_load_reference(panel);
            if (status != AEX_OK) error = aexduck_status_message(fn, status);
        } else {
            int32_t granularity = 0;
            error = aexduck_source_panel(reader, fn, source, m, panel, &granularity);
        }
    }
    aex_league_table *table = NULL;
    if (error == NULL) {
        int32_t status =
            aex_league_table_create(&table, panel, period, m, seg, bas, NULL, top, AEX_RANK_COMPETITION, exporters);
        if (status != AEX_OK) error = aexduck_status_message(fn, status);
    }
    aex_panel_free(panel);
    aexduck_table *t = NULL;
    int64_t rows = 0;
    if (error == NULL) {
        aex_league_table_size(&rows, NULL, table);
        t = aexduck_table_new(L_COLS, NAMES, TYPES);
        if (t == NULL) error = aexduck_format("%s: out of memory", fn);
    }
    for (int64_t i = 0; error == NULL && i < rows; i++) {
        double rank = NAN, value = NAN, score = NAN, share = NAN, prev_value = NAN, prev_rank = NAN;
        aex_league_table_row(&rank, &value, &score, &share, &prev_value, &prev_rank, table, i);
        int64_t row = aexduck_table_add_row(t);
        int ok = row >= 0 && put_text(t, row, L_EXPORTER, table, i, AEX_FIELD_EXPORTER) &&
            put_text(t, row, L_NAME, table, i, AEX_FIELD_EXPORTER_NAME) &&
            put_text(t, row, L_SOURCE, table, i, AEX_FIELD_SOURCE) &&
            put_text(t, row, L_SCOPE, table, i, AEX_FIELD_SCOPE) &&
            put_text(t, row, L_CITATION, table, i, AEX_FIELD_CITATION);
        if (!ok) {
            error = aexduck_format("%s: out of memory", fn);
            break;
        }
        aexduck_table_set_double(t, row, L_RANK, rank);
        aexduck_table_set_double(t, row, L_VALUE, value);
        aexduck_table_set_double(t, row, L_SCORE, score);
        aexduck_table_set_double(t, row, L_SHARE, share);
        aexduck_table_set_double(t, row, L_PREVIOUS_VALUE, prev_value);
        aexduck_table_set_double(t, row, L_PREVIOUS_RANK, prev_rank);
    }
    aex_league_table_free(table);
    if (error == NULL) {
        aexduck_table_bind(info, t);
    } else {
        aexduck.duckdb_bind_set_error(info, error);
        aexduck_msg_free(error);
        aexduck_table_free(t);
    }
    aexduck.duckdb_free(period_text);
    aexduck.duckdb_free(metric);
    aexduck.duckdb_free(segment);
    aexduck.duckdb_free(basis);
    aexduck.duckdb_free(exporters);
    aexduck.duckdb_free(source);
}

int aexduck_register_league_table(duckdb_connection con, aexduck_reader *reader) {
    duckdb_table_function f = aexduck.duckdb_create_table_function();
    duckdb_logical_type varchar = aexduck.duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR);
    duckdb_logical_type bigint = aexduck.duckdb_create_logical_type(DUCKDB_TYPE_BIGINT);
    duckdb_logical_type any = aexduck.duckdb_create_logical_type(DUCKDB_TYPE_ANY);
    aexduck.duckdb_table_function_set_name(f, "aex_league_table");
    aexduck.duckdb_table_function_add_parameter(f, any);
    const char *texts[] = {"metric", "segment", "basis", "exporters", "source"};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        aexduck.duckdb_table_function_add_named_parameter(f, texts[k], varchar);
    }
    aexduck.duckdb_table_function_add_named_parameter(f, "top", bigint);
    aexduck.duckdb_table_function_set_extra_info(f, reader, NULL);
    aexduck.duckdb_table_function_set_bind(f, lt_bind);
    aexduck.duckdb_table_function_set_init(f, aexduck_table_init);
    aexduck.duckdb_table_function_set_function(f, aexduck_table_emit);
    int ok = aexduck.duckdb_register_table_function(con, f) == DuckDBSuccess;
    aexduck.duckdb_destroy_logical_type(&any);
    aexduck.duckdb_destroy_logical_type(&bigint);
    aexduck.duckdb_destroy_logical_type(&varchar);
    aexduck.duckdb_destroy_table_function(&f);
    return ok;
}
