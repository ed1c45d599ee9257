/* aex_milestones(...) and aex_milestone_notes(...): table functions over the library's
** milestone finder (aex_milestones_find), one row per milestone (with its sentence) or per
** coverage note, as the SQLite extension's functions of the same names.
**
**   SELECT sentence FROM aex_milestones() WHERE kind = 'overtake';       -- the reference data
**   SELECT period, kind, sentence FROM aex_milestones(source := 'SELECT exporter, year, units FROM exports');
**
** The arguments are named (DuckDB's C API registers one signature per table function, so
** the optional source cannot be positional as in SQLite).
** source       omitted or NULL: the library's embedded
**              reference data; else a table or view with the columns exporter, period,
**              value, or a read-only statement of those three columns (as for
**              aex_overtakes).  Exporters are codes or names the library knows ("CHN",
**              "Japan").  Periods are the C API's codes as integers (2023, 20231 for
**              2023-Q1, 202303 for 2023-03), text ("2023", "2023-Q1", "2023-03") or DATE
**              (the first day of a year, quarter or month: the coarsest granularity that
**              fits every date is taken), all of one granularity.  A NULL value is missing.
** kinds        NULL: every kind; else names separated by commas: overtake, new_leader
**              (includes first_time_leader), lead_change, record_high, threshold_up,
**              threshold_down, top_entry, top_exit, growth_streak, leader_streak.
** metric       'units' (default) or a currency code ('usd').
** bridge_gaps  false (default) or true: compare across missing figures (flagged bridged). */
#include "aexduck.h"

#include <autoexports.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct Shape {
    const char *name;
    int notes; /* 0: the milestones; 1: the coverage notes */
} Shape;

static const Shape MILESTONES = {"aex_milestones", 0};
static const Shape NOTES = {"aex_milestone_notes", 1};

enum {
    M_KIND,
    M_PERIOD,
    M_SUBJECT,
    M_RIVAL,
    M_VALUE,
    M_RIVAL_VALUE,
    M_SINCE,
    M_VALUE_SINCE,
    M_RIVAL_VALUE_SINCE,
    M_CROSSING,
    M_LEVEL,
    M_RANK,
    M_STREAK,
    M_FIRST_TIME,
    M_BRIDGED,
    M_SCOPE_WARNING,
    M_DATA_START,
    M_SUBJECT_NAME,
    M_RIVAL_NAME,
    M_SUBJECT_SOURCE,
    M_SUBJECT_SCOPE,
    M_RIVAL_SOURCE,
    M_RIVAL_SCOPE,
    M_METRIC,
    M_SENTENCE,
    M_COLS
};

static const char *const M_NAMES[M_COLS] = {
    "kind",       "period",         "subject",           "rival",         "value",       "rival_value",
    "since",      "value_since",    "rival_value_since", "crossing",      "level",       "rank",
    "streak",     "first_time",     "bridged",           "scope_warning", "data_start",  "subject_name",
    "rival_name", "subject_source", "subject_scope",     "rival_source",  "rival_scope", "metric",
    "sentence"};

#define V DUCKDB_TYPE_VARCHAR
#define D DUCKDB_TYPE_DOUBLE
#define I DUCKDB_TYPE_BIGINT
#define B DUCKDB_TYPE_BOOLEAN
static const duckdb_type M_TYPES[M_COLS] = {V, V, V, V, D, D, V, D, D, D, D, I, I, B, B, B, V, V, V, V, V, V, V, V, V};
static const char *const N_NAMES[] = {"kind", "period", "exporter", "other", "sentence"};
static const duckdb_type N_TYPES[] = {V, V, V, V, V};
#undef V
#undef D
#undef I
#undef B

/* Milestone text fields and the columns they fill. */
static const struct {
    int field, col;
} M_TEXTS[] = {
    {AEX_MILESTONE_TEXT_KIND, M_KIND},
    {AEX_MILESTONE_TEXT_PERIOD, M_PERIOD},
    {AEX_MILESTONE_TEXT_SUBJECT, M_SUBJECT},
    {AEX_MILESTONE_TEXT_RIVAL, M_RIVAL},
    {AEX_MILESTONE_TEXT_SUBJECT_NAME, M_SUBJECT_NAME},
    {AEX_MILESTONE_TEXT_RIVAL_NAME, M_RIVAL_NAME},
    {AEX_MILESTONE_TEXT_SUBJECT_SOURCE, M_SUBJECT_SOURCE},
    {AEX_MILESTONE_TEXT_SUBJECT_SCOPE, M_SUBJECT_SCOPE},
    {AEX_MILESTONE_TEXT_RIVAL_SOURCE, M_RIVAL_SOURCE},
    {AEX_MILESTONE_TEXT_RIVAL_SCOPE, M_RIVAL_SCOPE},
    {AEX_MILESTONE_TEXT_METRIC, M_METRIC},
    {AEX_MILESTONE_TEXT_SENTENCE, M_SENTENCE},
};
static const struct {
    int field, col;
} M_NUMBERS[] = {
    {AEX_MILESTONE_NUM_VALUE, M_VALUE},
    {AEX_MILESTONE_NUM_RIVAL_VALUE, M_RIVAL_VALUE},
    {AEX_MILESTONE_NUM_VALUE_SINCE, M_VALUE_SINCE},
    {AEX_MILESTONE_NUM_RIVAL_VALUE_SINCE, M_RIVAL_VALUE_SINCE},
    {AEX_MILESTONE_NUM_CROSSING, M_CROSSING},
    {AEX_MILESTONE_NUM_LEVEL, M_LEVEL},
};
static const struct {
    int field, col;
} N_TEXTS[] = {
    {AEX_NOTE_TEXT_KIND, 0},  {AEX_NOTE_TEXT_PERIOD, 1},   {AEX_NOTE_TEXT_EXPORTER, 2},
    {AEX_NOTE_TEXT_OTHER, 3}, {AEX_NOTE_TEXT_SENTENCE, 4},
};

static const struct {
    const char *name;
    int kind;
} KINDS[] = {
    {"overtake", AEX_MILESTONE_OVERTAKE},
    {"new_leader", AEX_MILESTONE_NEW_LEADER},
    {"first_time_leader", AEX_MILESTONE_FIRST_TIME_LEADER},
    {"lead_change", AEX_MILESTONE_LEAD_CHANGE},
    {"record_high", AEX_MILESTONE_RECORD_HIGH},
    {"threshold_up", AEX_MILESTONE_THRESHOLD_UP},
    {"threshold_down", AEX_MILESTONE_THRESHOLD_DOWN},
    {"top_entry", AEX_MILESTONE_TOP_ENTRY},
    {"top_exit", AEX_MILESTONE_TOP_EXIT},
    {"growth_streak", AEX_MILESTONE_GROWTH_STREAK},
    {"leader_streak", AEX_MILESTONE_LEADER_STREAK},
};

/* "overtake, new_leader" -> the kinds bit mask; -1 (with *bad set) for an unknown name. */
static int32_t kinds_mask(const char *text, const char **bad, size_t *bad_len) {
    int32_t mask = 0;
    const char *p = text;
    while (*p) {
        while (*p == ',' || isspace((unsigned char)*p)) p++;
        const char *start = p;
        while (*p && *p != ',' && !isspace((unsigned char)*p)) p++;
        size_t len = (size_t)(p - start);
        if (len == 0) continue;
        int found = 0;
        for (size_t k = 0; k < sizeof KINDS / sizeof *KINDS; k++) {
            if (strlen(KINDS[k].name) == len && strncasecmp(start, KINDS[k].name, len) == 0) {
                mask |= AEX_MILESTONE_KIND_BIT(KINDS[k].kind);
                found = 1;
            }
        }
        if (!found) {
            *bad = start;
            *bad_len = len;
            return -1;
        }
    }
    return mask;
}

/* Days since 1970-01-01 -> civil year, month, day (proleptic Gregorian). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

typedef struct Row {
    char *exporter;
    int64_t period;
    double value;
} Row;

static char *text_of(const duckdb_string_t *v) {
    uint32_t len;
    const char *p = aexduck_string(v, &len);
    char *s = malloc((size_t)len + 1);
    if (s) {
        memcpy(s, p, len);
        s[len] = '\0';
    }
    return s;
}

/* Reads the source (sorted by exporter, period) into rows with period codes. */
static char *read_rows(aexduck_reader *reader, const char *fn, const char *source, Row **out_rows, int64_t *out_n,
                       int32_t *granularity) {
    char *sql = aexduck_source_sql(source, "", "ORDER BY 1, 2");
    duckdb_result res;
    char *qerr = NULL;
    int ok = aexduck_reader_query(reader, sql, &res, &qerr);
    aexduck_msg_free(sql);
    if (!ok) {
        char *msg = aexduck_format("%s: cannot read the source: %s", fn, qerr);
        aexduck_msg_free(qerr);
        return msg;
    }
    duckdb_type ptype = aexduck.duckdb_column_type(&res, 1);
    Row *rows = NULL;
    int64_t n = 0, cap = 0;
    char *error = NULL;
    int all_jan = 1, all_quarter = 1, digits = 0;
    duckdb_data_chunk chunk;
    while (error == NULL && (chunk = aexduck.duckdb_fetch_chunk(res)) != NULL) {
        idx_t count = aexduck.duckdb_data_chunk_get_size(chunk);
        duckdb_vector ev = aexduck.duckdb_data_chunk_get_vector(chunk, 0);
        duckdb_vector pv = aexduck.duckdb_data_chunk_get_vector(chunk, 1);
        duckdb_vector vv = aexduck.duckdb_data_chunk_get_vector(chunk, 2);
        const duckdb_string_t *e = aexduck.duckdb_vector_get_data(ev);
        const void *p = aexduck.duckdb_vector_get_data(pv);
        const double *v = aexduck.duckdb_vector_get_data(vv);
        const uint64_t *e_ok = aexduck.duckdb_vector_get_validity(ev);
        const uint64_t *p_ok = aexduck.duckdb_vector_get_validity(pv);
        const uint64_t *v_ok = aexduck.duckdb_vector_get_validity(vv);
        for (idx_t r = 0; r < count && error == NULL; r++) {
            if (!aexduck_valid(e_ok, r) || !aexduck_valid(p_ok, r)) {
                error = aexduck_format("%s: a source row has a NULL %s", fn,
                                       aexduck_valid(e_ok, r) ? "period" : "exporter");
                break;
            }
            int64_t code = 0;
            switch (ptype) {
            case DUCKDB_TYPE_TINYINT: code = ((const int8_t *)p)[r]; break;
            case DUCKDB_TYPE_SMALLINT: code = ((const int16_t *)p)[r]; break;
            case DUCKDB_TYPE_INTEGER: code = ((const int32_t *)p)[r]; break;
            case DUCKDB_TYPE_BIGINT: code = ((const int64_t *)p)[r]; break;
            case DUCKDB_TYPE_USMALLINT: code = ((const uint16_t *)p)[r]; break;
            case DUCKDB_TYPE_UINTEGER: code = ((const uint32_t *)p)[r]; break;
            case DUCKDB_TYPE_DATE: {
                int64_t y;
                int m, d;
                civil_from_days(((const int32_t *)p)[r], &y, &m, &d);
                if (d != 1) {
                    error = aexduck_format("%s: DATE periods must be the first day of a year, quarter or month, "
                                           "not %04lld-%02d-%02d",
                                           fn, (long long)y, m, d);
                    break;
                }
                if (m != 1) all_jan = 0;
                if ((m - 1) % 3 != 0) all_quarter = 0;
                code = y * 100 + m; /* YYYYMM for now; coarsened below */
                break;
            }
            case DUCKDB_TYPE_VARCHAR: {
                char *t = text_of((const duckdb_string_t *)p + r);
                int32_t c = 0;
                int32_t status = t ? aex_period_parse(&c, t) : AEX_E_OUT_OF_MEMORY;
                if (status != AEX_OK) {
                    error = aexduck_format("%s: '%s' is not a period (2023, '2023-Q1', '2023-03', the codes 20231, "
                                           "202303, or a DATE)",
                                           fn, t ? t : "");
                }
                free(t);
                code = c;
                break;
            }
            default:
                error = aexduck_format("%s: the period column must be an integer code, VARCHAR or DATE "
                                       "(DuckDB type id %d)",
                                       fn, (int)ptype);
                break;
            }
            if (error) break;
            if (ptype != DUCKDB_TYPE_DATE) {
                if (code <= 0 || code > INT32_MAX) {
                    error = aexduck_format("%s: %lld is not a period code (2023, 20231 for 2023-Q1, 202303)", fn,
                                           (long long)code);
                    break;
                }
                int d = code >= 100000 ? 6 : code >= 10000 ? 5 : 4;
                if (digits != 0 && d != digits) {
                    error = aexduck_format("%s: the periods mix years, quarters and months", fn);
                    break;
                }
                digits = d;
            }
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                Row *grown = realloc(rows, (size_t)cap * sizeof *rows);
                if (grown == NULL) {
                    error = aexduck_format("%s: out of memory", fn);
                    break;
                }
                rows = grown;
            }
            rows[n].exporter = text_of(e + r);
            if (rows[n].exporter == NULL) {
                error = aexduck_format("%s: out of memory", fn);
                break;
            }
            rows[n].period = code;
            rows[n].value = aexduck_valid(v_ok, r) ? v[r] : NAN;
            n++;
        }
        aexduck.duckdb_destroy_data_chunk(&chunk);
    }
    aexduck_reader_done(reader, &res);
    if (ptype == DUCKDB_TYPE_DATE) {
        for (int64_t i = 0; i < n; i++) {
            int64_t y = rows[i].period / 100, m = rows[i].period % 100;
            rows[i].period = all_jan ? y : all_quarter ? y * 10 + (m - 1) / 3 + 1 : rows[i].period;
        }
        digits = all_jan ? 4 : all_quarter ? 5 : 6;
    }
    *granularity = digits == 6 ? AEX_GRANULARITY_MONTH : digits == 5 ? AEX_GRANULARITY_QUARTER : AEX_GRANULARITY_YEAR;
    *out_rows = rows;
    *out_n = n;
    return error;
}

/* One series per exporter (the rows come sorted by exporter), added with aex_panel_add. */
static char *load_panel(aex_panel *panel, const char *fn, const Row *rows, int64_t n, const char *metric) {
    int32_t *periods = malloc((size_t)(n > 0 ? n : 1) * sizeof *periods);
    double *values = malloc((size_t)(n > 0 ? n : 1) * sizeof *values);
    char *error = NULL;
    if (periods == NULL || values == NULL) error = aexduck_format("%s: out of memory", fn);
    for (int64_t start = 0; error == NULL && start < n;) {
        int64_t end = start;
        while (end < n && strcmp(rows[end].exporter, rows[start].exporter) == 0) {
            periods[end - start] = (int32_t)rows[end].period;
            values[end - start] = rows[end].value;
            end++;
        }
        int32_t status = aex_panel_add(panel, rows[start].exporter, AEX_SEGMENT_TOTAL, metric, NULL, NULL, periods,
                                       values, end - start);
        if (status != AEX_OK) {
            char *why = aexduck_status_message(fn, status);
            error = aexduck_format("%s (exporter '%s')", why, rows[start].exporter);
            aexduck_msg_free(why);
        }
        start = end;
    }
    free(periods);
    free(values);
    return error;
}

char *aexduck_source_panel(aexduck_reader *reader, const char *fn, const char *source, const char *metric,
                           aex_panel *panel, int32_t *granularity) {
    Row *rows = NULL;
    int64_t n = 0;
    char *error = read_rows(reader, fn, source, &rows, &n, granularity);
    if (error == NULL) error = load_panel(panel, fn, rows, n, metric);
    for (int64_t i = 0; i < n; i++) free(rows[i].exporter);
    free(rows);
    return error;
}

/* A text field into the table (the library's caller-buffer convention). */
static int put_text(aexduck_table *t, int64_t row, int col,
                    int32_t (*get)(char *, int64_t, int64_t *, const aex_milestones *, int64_t, int32_t),
                    const aex_milestones *list, int64_t i, int32_t field) {
    char buf[512];
    int64_t len = 0;
    int32_t status = get(buf, sizeof buf, &len, list, i, field);
    if (status == AEX_E_BUFFER_TOO_SMALL) {
        char *big = malloc((size_t)len + 1);
        if (big == NULL) return 0;
        status = get(big, len + 1, &len, list, i, field);
        int ok = status == AEX_OK ? aexduck_table_set_text(t, row, col, big, (size_t)len) : 1;
        free(big);
        return ok;
    }
    if (status != AEX_OK || len == 0) return 1; /* "" where there is none: NULL */
    return aexduck_table_set_text(t, row, col, buf, (size_t)len);
}

static int put_period(aexduck_table *t, int64_t row, int col, int64_t code) {
    char buf[32];
    int64_t len = 0;
    if (code <= 0 || aex_period_format(buf, sizeof buf, &len, (int32_t)code) != AEX_OK) return 1;
    return aexduck_table_set_text(t, row, col, buf, (size_t)len);
}

static char *fill(aexduck_table *t, const Shape *shape, const aex_milestones *list) {
    int64_t count = 0;
    if (shape->notes) aex_milestones_note_count(&count, list);
    else aex_milestones_count(&count, list);
    for (int64_t i = 0; i < count; i++) {
        int64_t row = aexduck_table_add_row(t);
        int ok = row >= 0;
        if (shape->notes) {
            for (size_t k = 0; ok && k < sizeof N_TEXTS / sizeof *N_TEXTS; k++) {
                ok = put_text(t, row, N_TEXTS[k].col, aex_milestones_note_get_text, list, i, N_TEXTS[k].field);
            }
        } else {
            for (size_t k = 0; ok && k < sizeof M_TEXTS / sizeof *M_TEXTS; k++) {
                ok = put_text(t, row, M_TEXTS[k].col, aex_milestones_get_text, list, i, M_TEXTS[k].field);
            }
            for (size_t k = 0; ok && k < sizeof M_NUMBERS / sizeof *M_NUMBERS; k++) {
                double x = NAN;
                aex_milestones_get_double(&x, list, i, M_NUMBERS[k].field);
                aexduck_table_set_double(t, row, M_NUMBERS[k].col, x);
            }
            int64_t since = 0, rank = 0, streak = 0, flags = 0, start = 0;
            aex_milestones_get_int(&since, list, i, AEX_MILESTONE_INT_SINCE);
            aex_milestones_get_int(&rank, list, i, AEX_MILESTONE_INT_RANK);
            aex_milestones_get_int(&streak, list, i, AEX_MILESTONE_INT_STREAK);
            aex_milestones_get_int(&flags, list, i, AEX_MILESTONE_INT_FLAGS);
            aex_milestones_get_int(&start, list, i, AEX_MILESTONE_INT_DATA_START);
            if (ok) ok = put_period(t, row, M_SINCE, since) && put_period(t, row, M_DATA_START, start);
            if (rank > 0) aexduck_table_set_int(t, row, M_RANK, rank);
            if (streak > 0) aexduck_table_set_int(t, row, M_STREAK, streak);
            aexduck_table_set_int(t, row, M_FIRST_TIME, (flags & AEX_MILESTONE_FLAG_FIRST_TIME) != 0);
            aexduck_table_set_int(t, row, M_BRIDGED, (flags & AEX_MILESTONE_FLAG_BRIDGED) != 0);
            aexduck_table_set_int(t, row, M_SCOPE_WARNING, (flags & AEX_MILESTONE_FLAG_SCOPE_WARNING) != 0);
        }
        if (!ok) return aexduck_format("%s: out of memory", shape->name);
    }
    return NULL;
}

typedef struct Extra {
    const Shape *shape;
    aexduck_reader *reader;
} Extra;

static char *get_text_param(duckdb_bind_info info, const char *name, int positional) {
    duckdb_value v = positional >= 0 ? aexduck.duckdb_bind_get_parameter(info, (idx_t)positional)
                                     : aexduck.duckdb_bind_get_named_parameter(info, name);
    char *s = v && !aexduck.duckdb_is_null_value(v) ? aexduck.duckdb_get_varchar(v) : NULL;
    aexduck.duckdb_destroy_value(&v);
    return s;
}

static void ms_bind(duckdb_bind_info info) {
    const Extra *extra = aexduck.duckdb_bind_get_extra_info(info);
    const char *fn = extra->shape->name;
    char *error = NULL;
    char *source = get_text_param(info, "source", -1);
    char *kinds = get_text_param(info, "kinds", -1);
    char *metric = get_text_param(info, "metric", -1);
    duckdb_value bridge = aexduck.duckdb_bind_get_named_parameter(info, "bridge_gaps");
    aex_milestone_options o;
    aex_milestone_options_init(&o);
    o.metric = metric ? metric : "units";
    if (bridge && !aexduck.duckdb_is_null_value(bridge)) o.bridge_gaps = aexduck.duckdb_get_bool(bridge) ? 1 : 0;
    aexduck.duckdb_destroy_value(&bridge);
    if (kinds != NULL) {
        const char *bad = NULL;
        size_t bad_len = 0;
        int32_t mask = kinds_mask(kinds, &bad, &bad_len);
        if (mask < 0) {
            error = aexduck_format("%s: unknown milestone kind '%.*s' (one of overtake, new_leader, first_time_leader, "
                                   "lead_change, record_high, threshold_up, threshold_down, top_entry, top_exit, "
                                   "growth_streak, leader_streak)",
                                   fn, (int)bad_len, bad);
        }
        o.kinds = mask;
    }
    aex_panel *panel = NULL;
    if (error == NULL) {
        int32_t status = aex_panel_create(&panel);
        if (status != AEX_OK) error = aexduck_status_message(fn, status);
    }
    if (error == NULL && source == NULL) {
        int32_t status = aex_panel_load_reference(panel);
        if (status != AEX_OK) error = aexduck_status_message(fn, status);
    } else if (error == NULL) {
        error = aexduck_source_panel(extra->reader, fn, source, o.metric, panel, &o.granularity);
    }
    aex_milestones *list = NULL;
    if (error == NULL) {
        int32_t status = aex_milestones_find(&list, panel, &o);
        if (status != AEX_OK) error = aexduck_status_message(fn, status);
    }
    aex_panel_free(panel);
    aexduck_table *t = NULL;
    if (error == NULL) {
        t = extra->shape->notes ? aexduck_table_new(5, N_NAMES, N_TYPES) : aexduck_table_new(M_COLS, M_NAMES, M_TYPES);
        error = t ? fill(t, extra->shape, list) : aexduck_format("%s: out of memory", fn);
    }
    aex_milestones_free(list);
    if (error == NULL) {
        aexduck_table_bind(info, t);
    } else {
        aexduck.duckdb_bind_set_error(info, error);
        aexduck_msg_free(error);
        aexduck_table_free(t);
    }
    aexduck.duckdb_free(source);
    aexduck.duckdb_free(kinds);
    aexduck.duckdb_free(metric);
}

static int register_one(duckdb_connection con, const Extra *extra) {
    duckdb_table_function f = aexduck.duckdb_create_table_function();
    duckdb_logical_type varchar = aexduck.duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR);
    duckdb_logical_type boolean = aexduck.duckdb_create_logical_type(DUCKDB_TYPE_BOOLEAN);
    aexduck.duckdb_table_function_set_name(f, extra->shape->name);
    aexduck.duckdb_table_function_add_named_parameter(f, "source", varchar);
    aexduck.duckdb_table_function_add_named_parameter(f, "kinds", varchar);
    aexduck.duckdb_table_function_add_named_parameter(f, "metric", varchar);
    aexduck.duckdb_table_function_add_named_parameter(f, "bridge_gaps", boolean);
    aexduck.duckdb_table_function_set_extra_info(f, (void *)extra, NULL);
    aexduck.duckdb_table_function_set_bind(f, ms_bind);
    aexduck.duckdb_table_function_set_init(f, aexduck_table_init);
    aexduck.duckdb_table_function_set_function(f, aexduck_table_emit);
    int ok = aexduck.duckdb_register_table_function(con, f) == DuckDBSuccess;
    aexduck.duckdb_destroy_logical_type(&boolean);
    aexduck.duckdb_destroy_logical_type(&varchar);
    aexduck.duckdb_destroy_table_function(&f);
    return ok;
}

int aexduck_register_milestones(duckdb_connection con, aexduck_reader *reader) {
    /* Kept for the process: the functions refer to them as long as the database exists. */
    Extra *extras = calloc(2, sizeof *extras);
    if (extras == NULL) return 0;
    extras[0] = (Extra){&MILESTONES, reader};
    extras[1] = (Extra){&NOTES, reader};
    int ok = 1;
    for (int k = 0; ok && k < 2; k++) {
        /* One signature: DuckDB's C API keeps the first table function of a name (an
        ** overload with a positional source is not added), so the source is named. */
        ok = register_one(con, &extras[k]);
    }
    return ok;
}
