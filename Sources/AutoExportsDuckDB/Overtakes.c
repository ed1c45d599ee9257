/* aex_overtakes(source [, rule := 'carried' | 'adjacent'] [, bridge_gaps := false]): the
** overtakes in a table of (exporter, period, value) rows, as the SQLite extension's
** aex_overtakes (Sources/AutoExportsSQLite/Overtakes.c) finds them.
**
**   SELECT * FROM aex_overtakes('exports');                                -- a table or view
**   SELECT * FROM aex_overtakes('SELECT exporter, year, units FROM exports');
**
** source       a table or view with the columns exporter, period, value, or a read-only
**              statement (SELECT / WITH / VALUES / FROM) whose first three columns are the
**              exporter, the period and the value.  Periods are DATE, an integer type or
**              VARCHAR (any values that sort: 2023, DATE '2023-01-01', '2023-Q1');
**              consecutive periods are consecutive distinct periods in sorted order (a
**              period with no rows at all is skipped, not a gap: give NULL values to mark
**              one).  A NULL value is missing.  Exporters are read as VARCHAR.
** rule         'carried' (default: ties in between do not change the order) or 'adjacent'
**              (strictly ordered in both periods).
** bridge_gaps  false (default) or true: carry a pair's comparison across missing figures;
**              such rows have bridged = true.
**
** Columns: period, subject, rival, subject_value, rival_value, since, subject_since,
** rival_since, bridged; in period order.  The events are found by aex_overtakes_find. */
#include "aexduck.h"

#include <autoexports.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    COL_PERIOD,
    COL_SUBJECT,
    COL_RIVAL,
    COL_SUBJECT_VALUE,
    COL_RIVAL_VALUE,
    COL_SINCE,
    COL_SUBJECT_SINCE,
    COL_RIVAL_SINCE,
    COL_BRIDGED,
    N_COLS
};

static const char *const NAMES[N_COLS] = {"period", "subject",       "rival",       "subject_value", "rival_value",
                                          "since",  "subject_since", "rival_since", "bridged"};

/* A distinct period: its value as the source gave it (integer, DATE days or text). */
typedef struct Key {
    int64_t i;
    char *s;
} Key;

typedef struct Source {
    duckdb_type period_type; /* BIGINT, DATE or VARCHAR in the output */
    Key *periods;            /* distinct periods in order */
    char **exporters;        /* distinct exporters in order */
    int64_t n_periods, n_exporters;
    double *grid; /* n_periods × n_exporters, NaN = missing */
} Source;

static void source_free(Source *s) {
    for (int64_t i = 0; i < s->n_periods; i++) free(s->periods[i].s);
    for (int64_t i = 0; i < s->n_exporters; i++) free(s->exporters[i]);
    free(s->periods);
    free(s->exporters);
    free(s->grid);
}

static char *copy_string(const duckdb_string_t *v) {
    uint32_t len;
    const char *p = aexduck_string(v, &len);
    char *s = malloc((size_t)len + 1);
    if (s == NULL) return NULL;
    memcpy(s, p, len);
    s[len] = '\0';
    return s;
}

/* An integer period of any integer type. */
static int read_integer(duckdb_type type, const void *data, idx_t row, int64_t *out) {
    switch (type) {
    case DUCKDB_TYPE_TINYINT: *out = ((const int8_t *)data)[row]; return 1;
    case DUCKDB_TYPE_SMALLINT: *out = ((const int16_t *)data)[row]; return 1;
    case DUCKDB_TYPE_INTEGER: *out = ((const int32_t *)data)[row]; return 1;
    case DUCKDB_TYPE_BIGINT: *out = ((const int64_t *)data)[row]; return 1;
    case DUCKDB_TYPE_UTINYINT: *out = ((const uint8_t *)data)[row]; return 1;
    case DUCKDB_TYPE_USMALLINT: *out = ((const uint16_t *)data)[row]; return 1;
    case DUCKDB_TYPE_UINTEGER: *out = ((const uint32_t *)data)[row]; return 1;
    case DUCKDB_TYPE_DATE: *out = ((const int32_t *)data)[row]; return 1;
    default: return 0;
    }
}

/* Reads the source into the periods × exporters grid.  DuckDB numbers the distinct periods
** and exporters in sorted order (DENSE_RANK), so the C code never compares SQL values. */
static char *load_source(Source *s, aexduck_reader *reader, const char *source) {
    char *sql = aexduck_source_sql(
        source,
        ", CAST(DENSE_RANK() OVER (ORDER BY p) - 1 AS BIGINT), CAST(DENSE_RANK() OVER (ORDER BY e) - 1 AS BIGINT)",
        "ORDER BY 4, 5");
    duckdb_result res;
    char *qerr = NULL;
    int ok = aexduck_reader_query(reader, sql, &res, &qerr);
    aexduck_msg_free(sql);
    if (!ok) {
        char *msg = aexduck_format("aex_overtakes: cannot read the source: %s", qerr);
        aexduck_msg_free(qerr);
        return msg;
    }
    char *error = NULL;
    duckdb_type ptype = aexduck.duckdb_column_type(&res, 1);
    int64_t dummy = 0;
    if (ptype == DUCKDB_TYPE_VARCHAR) s->period_type = DUCKDB_TYPE_VARCHAR;
    else if (ptype == DUCKDB_TYPE_DATE) s->period_type = DUCKDB_TYPE_DATE;
    else if (read_integer(ptype, &dummy, 0, &dummy)) s->period_type = DUCKDB_TYPE_BIGINT;
    else {
        aexduck_reader_done(reader, &res);
        return aexduck_format("aex_overtakes: the period column must be DATE, an integer type or VARCHAR "
                              "(DuckDB type id %d)",
                              (int)ptype);
    }
    typedef struct Cell {
        int64_t p, e;
        double v;
    } Cell;
    Cell *cells = NULL;
    int64_t n_cells = 0, cap_cells = 0, cap_p = 0, cap_e = 0;
    duckdb_data_chunk chunk;
    while (error == NULL && (chunk = aexduck.duckdb_fetch_chunk(res)) != NULL) {
        idx_t rows = aexduck.duckdb_data_chunk_get_size(chunk);
        duckdb_vector ev = aexduck.duckdb_data_chunk_get_vector(chunk, 0);
        duckdb_vector pv = aexduck.duckdb_data_chunk_get_vector(chunk, 1);
        duckdb_vector vv = aexduck.duckdb_data_chunk_get_vector(chunk, 2);
        const duckdb_string_t *e_data = aexduck.duckdb_vector_get_data(ev);
        const void *p_data = aexduck.duckdb_vector_get_data(pv);
        const double *v_data = aexduck.duckdb_vector_get_data(vv);
        const int64_t *pi = aexduck.duckdb_vector_get_data(aexduck.duckdb_data_chunk_get_vector(chunk, 3));
        const int64_t *ei = aexduck.duckdb_vector_get_data(aexduck.duckdb_data_chunk_get_vector(chunk, 4));
        const uint64_t *e_ok = aexduck.duckdb_vector_get_validity(ev);
        const uint64_t *p_ok = aexduck.duckdb_vector_get_validity(pv);
        const uint64_t *v_ok = aexduck.duckdb_vector_get_validity(vv);
        for (idx_t r = 0; r < rows && error == NULL; r++) {
            if (!aexduck_valid(e_ok, r) || !aexduck_valid(p_ok, r)) {
                error = aexduck_format("aex_overtakes: a source row has a NULL %s",
                                       aexduck_valid(e_ok, r) ? "period" : "exporter");
                break;
            }
            int64_t p = pi[r], e = ei[r];
            if (p == s->n_periods) { /* rows come by period index: a new one is the next */
                if (s->n_periods == cap_p) {
                    cap_p = cap_p ? cap_p * 2 : 16;
                    Key *k = realloc(s->periods, (size_t)cap_p * sizeof *k);
                    if (k == NULL) {
                        error = aexduck_format("aex_overtakes: out of memory");
                        break;
                    }
                    s->periods = k;
                }
                Key key = {0, NULL};
                if (s->period_type == DUCKDB_TYPE_VARCHAR) {
                    key.s = copy_string((const duckdb_string_t *)p_data + r);
                    if (key.s == NULL) {
                        error = aexduck_format("aex_overtakes: out of memory");
                        break;
                    }
                } else {
                    read_integer(ptype, p_data, r, &key.i);
                }
                s->periods[s->n_periods++] = key;
            }
            while (e >= s->n_exporters) { /* exporter indexes come in any order */
                if (s->n_exporters == cap_e) {
                    cap_e = cap_e ? cap_e * 2 : 16;
                    char **a = realloc(s->exporters, (size_t)cap_e * sizeof *a);
                    if (a == NULL) {
                        error = aexduck_format("aex_overtakes: out of memory");
                        break;
                    }
                    s->exporters = a;
                }
                s->exporters[s->n_exporters++] = NULL;
            }
            if (error) break;
            if (s->exporters[e] == NULL && (s->exporters[e] = copy_string(e_data + r)) == NULL) {
                error = aexduck_format("aex_overtakes: out of memory");
                break;
            }
            double v = aexduck_valid(v_ok, r) ? v_data[r] : NAN;
            if (n_cells > 0 && cells[n_cells - 1].p == p && cells[n_cells - 1].e == e) {
                uint32_t len;
                const char *name = aexduck_string(e_data + r, &len);
                error = aexduck_format("aex_overtakes: exporter '%.*s' is given more than once in period %lld "
                                       "(counted from 1 in sorted order)",
                                       (int)len, name, (long long)p + 1);
                break;
            }
            if (n_cells == cap_cells) {
                cap_cells = cap_cells ? cap_cells * 2 : 64;
                Cell *grown = realloc(cells, (size_t)cap_cells * sizeof *cells);
                if (grown == NULL) {
                    error = aexduck_format("aex_overtakes: out of memory");
                    break;
                }
                cells = grown;
            }
            cells[n_cells++] = (Cell){p, e, v};
        }
        aexduck.duckdb_destroy_data_chunk(&chunk);
    }
    aexduck_reader_done(reader, &res);
    int64_t t = s->n_periods, n = s->n_exporters;
    if (error == NULL && n > 0 && t > INT64_MAX / 8 / n) {
        error = aexduck_format("aex_overtakes: %lld periods x %lld exporters is too large", (long long)t, (long long)n);
    }
    if (error == NULL) {
        s->grid = malloc((size_t)(t * n > 0 ? t * n : 1) * sizeof(double));
        if (s->grid == NULL) error = aexduck_format("aex_overtakes: out of memory");
    }
    if (error == NULL) {
        for (int64_t i = 0; i < t * n; i++) s->grid[i] = NAN;
        for (int64_t i = 0; i < n_cells; i++) s->grid[cells[i].p * n + cells[i].e] = cells[i].v;
    }
    free(cells);
    return error;
}

static int set_period(aexduck_table *out, int64_t row, int col, const Source *s, int64_t index) {
    const Key *k = &s->periods[index];
    if (s->period_type == DUCKDB_TYPE_VARCHAR) return aexduck_table_set_text(out, row, col, k->s, strlen(k->s));
    aexduck_table_set_int(out, row, col, k->i);
    return 1;
}

static void ot_bind(duckdb_bind_info info) {
    aexduck_reader *reader = aexduck.duckdb_bind_get_extra_info(info);
    char *error = NULL;
    Source s = {0};
    int32_t *events = NULL;
    aexduck_table *out = NULL;
    duckdb_value source_v = aexduck.duckdb_bind_get_parameter(info, 0);
    duckdb_value rule_v = aexduck.duckdb_bind_get_named_parameter(info, "rule");
    duckdb_value bridge_v = aexduck.duckdb_bind_get_named_parameter(info, "bridge_gaps");
    char *source = source_v && !aexduck.duckdb_is_null_value(source_v) ? aexduck.duckdb_get_varchar(source_v) : NULL;
    int32_t flags = 0;
    if (source == NULL) {
        error = aexduck_format("aex_overtakes: source is NULL (a table name or a SELECT of exporter, period, value)");
    }
    if (error == NULL && rule_v && !aexduck.duckdb_is_null_value(rule_v)) {
        char *rule = aexduck.duckdb_get_varchar(rule_v);
        if (rule && strcasecmp(rule, "adjacent") == 0) flags |= AEX_OVERTAKES_ADJACENT;
        else if (!rule || strcasecmp(rule, "carried") != 0) {
            error = aexduck_format("aex_overtakes: rule must be 'carried' or 'adjacent', not '%s'", rule ? rule : "");
        }
        aexduck.duckdb_free(rule);
    }
    if (bridge_v && !aexduck.duckdb_is_null_value(bridge_v) && aexduck.duckdb_get_bool(bridge_v)) {
        flags |= AEX_OVERTAKES_BRIDGE_GAPS;
    }
    if (error == NULL) error = load_source(&s, reader, source);
    int64_t count = 0, cells = s.n_periods * s.n_exporters;
    if (error == NULL) {
        int32_t status = aex_overtakes_count(&count, s.grid, cells, s.n_exporters, flags, 1);
        if (status == AEX_OK && count > 0) {
            events = malloc((size_t)count * AEX_OVERTAKE_FIELDS * sizeof(int32_t));
            status = events ? aex_overtakes_find(events, count * AEX_OVERTAKE_FIELDS, &count, s.grid, cells,
                                                 s.n_exporters, flags, 1)
                            : AEX_E_OUT_OF_MEMORY;
        }
        if (status != AEX_OK) error = aexduck_status_message("aex_overtakes", status);
    }
    if (error == NULL) {
        duckdb_type types[N_COLS] = {s.period_type,      DUCKDB_TYPE_VARCHAR, DUCKDB_TYPE_VARCHAR,
                                     DUCKDB_TYPE_DOUBLE, DUCKDB_TYPE_DOUBLE,  s.period_type,
                                     DUCKDB_TYPE_DOUBLE, DUCKDB_TYPE_DOUBLE,  DUCKDB_TYPE_BOOLEAN};
        out = aexduck_table_new(N_COLS, NAMES, types);
        if (out == NULL) error = aexduck_format("aex_overtakes: out of memory");
    }
    int64_t n = s.n_exporters;
    for (int64_t k = 0; error == NULL && k < count; k++) {
        const int32_t *ev = events + k * AEX_OVERTAKE_FIELDS;
        int64_t t = ev[AEX_OVERTAKE_PERIOD], since = ev[AEX_OVERTAKE_SINCE];
        int64_t a = ev[AEX_OVERTAKE_SUBJECT], b = ev[AEX_OVERTAKE_RIVAL];
        int64_t row = aexduck_table_add_row(out);
        int ok = row >= 0 && set_period(out, row, COL_PERIOD, &s, t) && set_period(out, row, COL_SINCE, &s, since) &&
            aexduck_table_set_text(out, row, COL_SUBJECT, s.exporters[a], strlen(s.exporters[a])) &&
            aexduck_table_set_text(out, row, COL_RIVAL, s.exporters[b], strlen(s.exporters[b]));
        if (!ok) {
            error = aexduck_format("aex_overtakes: out of memory");
            break;
        }
        aexduck_table_set_double(out, row, COL_SUBJECT_VALUE, s.grid[t * n + a]);
        aexduck_table_set_double(out, row, COL_RIVAL_VALUE, s.grid[t * n + b]);
        aexduck_table_set_double(out, row, COL_SUBJECT_SINCE, s.grid[since * n + a]);
        aexduck_table_set_double(out, row, COL_RIVAL_SINCE, s.grid[since * n + b]);
        aexduck_table_set_int(out, row, COL_BRIDGED, (ev[AEX_OVERTAKE_FLAGS] & AEX_OVERTAKE_BRIDGED) != 0);
    }
    if (error == NULL) {
        aexduck_table_bind(info, out);
    } else {
        aexduck.duckdb_bind_set_error(info, error);
        aexduck_msg_free(error);
        aexduck_table_free(out);
    }
    free(events);
    source_free(&s);
    aexduck.duckdb_free(source);
    aexduck.duckdb_destroy_value(&source_v);
    aexduck.duckdb_destroy_value(&rule_v);
    aexduck.duckdb_destroy_value(&bridge_v);
}

int aexduck_register_overtakes(duckdb_connection con, aexduck_reader *reader) {
    duckdb_table_function f = aexduck.duckdb_create_table_function();
    duckdb_logical_type varchar = aexduck.duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR);
    duckdb_logical_type boolean = aexduck.duckdb_create_logical_type(DUCKDB_TYPE_BOOLEAN);
    aexduck.duckdb_table_function_set_name(f, "aex_overtakes");
    aexduck.duckdb_table_function_add_parameter(f, varchar);
    aexduck.duckdb_table_function_add_named_parameter(f, "rule", varchar);
    aexduck.duckdb_table_function_add_named_parameter(f, "bridge_gaps", boolean);
    aexduck.duckdb_table_function_set_extra_info(f, reader, NULL);
    aexduck.duckdb_table_function_set_bind(f, ot_bind);
    aexduck.duckdb_table_function_set_init(f, aexduck_table_init);
    aexduck.duckdb_table_function_set_function(f, aexduck_table_emit);
    int ok = aexduck.duckdb_register_table_function(con, f) == DuckDBSuccess;
    aexduck.duckdb_destroy_logical_type(&boolean);
    aexduck.duckdb_destroy_logical_type(&varchar);
    aexduck.duckdb_destroy_table_function(&f);
    return ok;
}
