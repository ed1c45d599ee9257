/* aex_destinations(exporter, to_period [, from_period [, source [, metric]]]): a
** table-valued function over aex_explain_destinations (issue 19): one row per partner of
** `exporter` (its markets, largest first, then the rest of world, partner 'ROW').
**
**   SELECT partner, to_value, share FROM aex_destinations('CHN', 2023);          -- the embedded data
**   SELECT partner, change, share FROM aex_destinations('CHN', 2023, 2022, 'trade');
**
** exporter     a code or name the library knows ("CHN", "China").
** to_period    the period (2023, '2023', '2023-Q1', ... or their codes).
** from_period  omitted or NULL: one period (each market's value and share of the total);
**              else the change from it to to_period split by partner (change, share of the
**              total's change, the rest of world; the rows with in_exact_sum = 1 add up to
**              the total's change exactly).
** source       omitted or NULL: the library's embedded reference data; else a table or view
**              with the columns exporter, partner, period, value and optionally source and
**              scope, or a read-only statement of those four (or six) columns in that
**              order.  A NULL or 'WLD' partner is exports to the world (the exporter's
**              total, required); a NULL value is missing; a NULL source or scope is
**              'unspecified'.  With source and scope, growth between figures of different
**              sources or scopes is left out of the exact sum, as with the embedded data.
** metric       'units' (default) or a currency code ('usd').
**
** Columns: partner, name, is_rest_of_world, from_value, to_value, change, share,
** like_for_like, in_exact_sum, from_source, from_scope, to_source, to_scope, note (why a
** partner is left out of the exact sum), total_from, total_to, total_change.  A partner
** whose two figures differ in source or scope has like_for_like = 0 and change NULL.
** The rows are read from the library's JSON with SQLite's json_each (no C-side parsing). */
#include "aexsql.h"

#ifdef AEXSQL_HAVE_SQLITE
#  include <autoexports.h>
#  include <math.h>
#  include <string.h>

enum { ARG_EXPORTER, ARG_TO, ARG_FROM, ARG_SOURCE, ARG_METRIC, N_ARGS };

#  define N_FIELDS 17
static const char *const FIELDS[N_FIELDS] = {"$.partner",
                                             "$.name",
                                             "$.is_rest_of_world",
                                             "$.from",
                                             "$.to",
                                             "$.change",
                                             "$.share",
                                             "$.like_for_like",
                                             "$.in_exact_sum",
                                             "$.from_series.source",
                                             "$.from_series.scope",
                                             "$.to_series.source",
                                             "$.to_series.scope",
                                             "$.note",
                                             NULL,
                                             NULL,
                                             NULL};
/* The last three come from the top level of the JSON. */
static const char *const TOP_FIELDS[3] = {"$.total_from", "$.total_to", "$.total_change"};

static const char *SCHEMA =
    "CREATE TABLE x(partner TEXT, name TEXT, is_rest_of_world INTEGER, from_value REAL, to_value REAL, "
    "change REAL, share REAL, like_for_like INTEGER, in_exact_sum INTEGER, from_source TEXT, from_scope TEXT, "
    "to_source TEXT, to_scope TEXT, note TEXT, total_from REAL, total_to REAL, total_change REAL, "
    "exporter HIDDEN, to_period HIDDEN, from_period HIDDEN, source HIDDEN, metric HIDDEN)";

static const char *NAME = "aex_destinations";

typedef struct VTab {
    sqlite3_vtab base;
    sqlite3 *db;
} VTab;

typedef struct Cursor {
    sqlite3_vtab_cursor base;
    sqlite3_stmt *rows; /* json_each over the explanation's lines */
    int eof;
    sqlite3_int64 rowid;
} Cursor;

static int d_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err) {
    (void)aux;
    (void)argc;
    (void)argv;
    (void)err;
    int rc = sqlite3_declare_vtab(db, SCHEMA);
    if (rc != SQLITE_OK) return rc;
    VTab *v = sqlite3_malloc(sizeof *v);
    if (v == NULL) return SQLITE_NOMEM;
    memset(v, 0, sizeof *v);
    v->db = db;
    *out = &v->base;
    return SQLITE_OK;
}

static int d_disconnect(sqlite3_vtab *vtab) {
    sqlite3_free(vtab);
    return SQLITE_OK;
}

static int d_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info) {
    (void)vtab;
    int at[N_ARGS] = {-1, -1, -1, -1, -1};
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[i];
        if (c->iColumn < N_FIELDS) continue;
        if (!c->usable) return SQLITE_CONSTRAINT;
        if (c->op == SQLITE_INDEX_CONSTRAINT_EQ) at[c->iColumn - N_FIELDS] = i;
    }
    return aexsql_use_arguments(info, at, N_ARGS, 1000, 20);
}

static int d_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out) {
    (void)vtab;
    Cursor *c = sqlite3_malloc(sizeof *c);
    if (c == NULL) return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int d_close(sqlite3_vtab_cursor *cur) {
    sqlite3_finalize(((Cursor *)cur)->rows);
    sqlite3_free(cur);
    return SQLITE_OK;
}

static int fail_status(sqlite3_vtab_cursor *cur, int32_t status) {
    return aexsql_vtab_fail(cur, SQLITE_ERROR,
                            sqlite3_mprintf("%s: %s (%s)", NAME, aex_last_error_message(), aex_status_string(status)));
}

/* A period as the C API's code: an integer code, or text "2023", "2023-Q1", "2023-03"
** (aex_period_parse).  0 for anything else (the library then names the bad period). */
static int is_statement(const char *s) {
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '(') s++;
    return sqlite3_strnicmp(s, "select", 6) == 0 || sqlite3_strnicmp(s, "with", 4) == 0 ||
        sqlite3_strnicmp(s, "values", 6) == 0;
}

/* Text of column `i` or "" (NULL); the pointer lives until the next step. */
static const char *text_or_empty(sqlite3_stmt *st, int i) {
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

/* Whether the source has source and scope columns: a table with columns of those names,
** or a statement of six columns. */
static int has_provenance(sqlite3 *db, const char *source) {
    char *probe = is_statement(source) ? sqlite3_mprintf("SELECT * FROM (%s) LIMIT 0", source)
                                       : sqlite3_mprintf("SELECT source, scope FROM \"%w\" LIMIT 0", source);
    if (probe == NULL) return 0;
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(db, probe, -1, &st, NULL) == SQLITE_OK && st != NULL;
    int six = ok && (is_statement(source) ? sqlite3_column_count(st) == 6 : 1);
    sqlite3_finalize(st);
    sqlite3_free(probe);
    return six;
}

/* Same text, NULL and "" alike. */
static int same_text(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

/* One series per (exporter, partner, source, scope): the source's rows, added with
** aex_panel_add_partner. */
static int load_panel(sqlite3_vtab_cursor *cur, sqlite3 *db, const char *source, const char *metric, aex_panel *panel) {
    int six = has_provenance(db, source);
    char *inner = is_statement(source)
        ? sqlite3_mprintf("%s", source)
        : sqlite3_mprintf(six ? "SELECT exporter, partner, period, value, source, scope FROM \"%w\""
                              : "SELECT exporter, partner, period, value FROM \"%w\"",
                          source);
    if (inner == NULL) return SQLITE_NOMEM;
    char *sql = six ? sqlite3_mprintf("WITH s(e, q, p, v, so, sc) AS (%s) SELECT e, coalesce(q, 'WLD'), p, v, "
                                      "coalesce(so, ''), coalesce(sc, '') FROM s ORDER BY 1, 2, 5, 6",
                                      inner)
                    : sqlite3_mprintf("WITH s(e, q, p, v) AS (%s) SELECT e, coalesce(q, 'WLD'), p, v, '', '' FROM s "
                                      "ORDER BY 1, 2",
                                      inner);
    sqlite3_free(inner);
    if (sql == NULL) return SQLITE_NOMEM;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return aexsql_vtab_fail(cur, SQLITE_ERROR,
                                sqlite3_mprintf("%s: cannot read the source (columns exporter, partner, "
                                                "period, value): %s",
                                                NAME, sqlite3_errmsg(db)));
    }
    if (!sqlite3_stmt_readonly(st)) {
        sqlite3_finalize(st);
        return aexsql_vtab_fail(cur, SQLITE_ERROR, sqlite3_mprintf("%s: the source must only read data", NAME));
    }
    int32_t *periods = NULL;
    double *values = NULL;
    int64_t n = 0, cap = 0;
    char *exporter = NULL, *partner = NULL, *so = NULL, *sc = NULL;
    int step;
    rc = SQLITE_OK;
    for (;;) {
        step = sqlite3_step(st);
        const char *e = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        if (step == SQLITE_ROW && (e == NULL || sqlite3_column_type(st, 2) == SQLITE_NULL)) {
            rc = aexsql_vtab_fail(
                cur, SQLITE_ERROR,
                sqlite3_mprintf("%s: a source row has a NULL %s", NAME, e == NULL ? "exporter" : "period"));
            break;
        }
        const char *q = step == SQLITE_ROW ? text_or_empty(st, 1) : NULL;
        const char *so_now = step == SQLITE_ROW ? text_or_empty(st, 4) : NULL;
        const char *sc_now = step == SQLITE_ROW ? text_or_empty(st, 5) : NULL;
        /* A new (exporter, partner, source, scope) or the end: add the series collected so far. */
        if (exporter != NULL &&
            (step != SQLITE_ROW || strcmp(e, exporter) != 0 || strcmp(q, partner) != 0 || !same_text(so_now, so) ||
             !same_text(sc_now, sc))) {
            int32_t status =
                aex_panel_add_partner(panel, exporter, partner, AEX_SEGMENT_TOTAL, metric, so, sc, periods, values, n);
            if (status != AEX_OK) {
                rc = aexsql_vtab_fail(cur, SQLITE_ERROR,
                                      sqlite3_mprintf("%s: exporter '%s', partner '%s': %s (%s)", NAME, exporter,
                                                      partner, aex_last_error_message(), aex_status_string(status)));
                break;
            }
            sqlite3_free(exporter);
            sqlite3_free(partner);
            sqlite3_free(so);
            sqlite3_free(sc);
            exporter = partner = so = sc = NULL;
            n = 0;
        }
        if (step != SQLITE_ROW) break;
        if (exporter == NULL) {
            exporter = sqlite3_mprintf("%s", e);
            partner = sqlite3_mprintf("%s", q);
            so = sqlite3_mprintf("%s", so_now);
            sc = sqlite3_mprintf("%s", sc_now);
            if (exporter == NULL || partner == NULL || so == NULL || sc == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
        }
        int32_t code = aexsql_period_code(sqlite3_column_value(st, 2));
        if (code == 0) {
            rc = aexsql_vtab_fail(cur, SQLITE_ERROR,
                                  sqlite3_mprintf("%s: '%s' is not a period (2023, '2023-Q1', '2023-03' or "
                                                  "their codes)",
                                                  NAME, sqlite3_column_text(st, 2)));
            break;
        }
        double v;
        int type = sqlite3_column_type(st, 3);
        if (type == SQLITE_TEXT) type = sqlite3_value_numeric_type(sqlite3_column_value(st, 3));
        if (type == SQLITE_NULL) v = NAN;
        else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) v = sqlite3_column_double(st, 3);
        else {
            rc = aexsql_vtab_fail(cur, SQLITE_ERROR,
                                  sqlite3_mprintf("%s: the value of %s to %s in %s is not a number", NAME, e, q,
                                                  sqlite3_column_text(st, 2)));
            break;
        }
        if (n == cap) {
            int64_t grown = cap ? cap * 2 : 16;
            int32_t *p = sqlite3_realloc64(periods, (sqlite3_uint64)grown * sizeof *p);
            if (p == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            periods = p;
            double *w = sqlite3_realloc64(values, (sqlite3_uint64)grown * sizeof *w);
            if (w == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            values = w;
            cap = grown;
        }
        periods[n] = code;
        values[n] = v;
        n++;
    }
    if (rc == SQLITE_OK && step != SQLITE_DONE) {
        rc = aexsql_vtab_fail(cur, SQLITE_ERROR,
                              sqlite3_mprintf("%s: reading the source failed: %s", NAME, sqlite3_errmsg(db)));
    }
    sqlite3_finalize(st);
    sqlite3_free(exporter);
    sqlite3_free(partner);
    sqlite3_free(so);
    sqlite3_free(sc);
    sqlite3_free(periods);
    sqlite3_free(values);
    return rc;
}

static int d_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
    (void)idxStr;
    (void)argc;
    Cursor *c = (Cursor *)cur;
    VTab *vtab = (VTab *)cur->pVtab;
    sqlite3_finalize(c->rows);
    c->rows = NULL;
    c->eof = 1;
    sqlite3_value *args[N_ARGS] = {NULL, NULL, NULL, NULL, NULL};
    for (int k = 0, next = 0; k < N_ARGS; k++) {
        if (idxNum & (1 << k)) args[k] = argv[next++];
    }
    const char *exporter = args[ARG_EXPORTER] ? (const char *)sqlite3_value_text(args[ARG_EXPORTER]) : NULL;
    if (exporter == NULL) {
        return aexsql_vtab_fail(cur, SQLITE_ERROR,
                                sqlite3_mprintf("%s: the exporter (first argument) is required, e.g. "
                                                "aex_destinations('CHN', 2023)",
                                                NAME));
    }
    if (args[ARG_TO] == NULL || sqlite3_value_type(args[ARG_TO]) == SQLITE_NULL) {
        return aexsql_vtab_fail(cur, SQLITE_ERROR,
                                sqlite3_mprintf("%s: to_period (second argument) is required, e.g. "
                                                "aex_destinations('CHN', 2023)",
                                                NAME));
    }
    int32_t to = aexsql_period_code(args[ARG_TO]);
    if (to == 0) {
        return aexsql_vtab_fail(cur, SQLITE_ERROR,
                                sqlite3_mprintf("%s: to_period '%s' is not a period (2023, '2023-Q1', "
                                                "'2023-03' or their codes)",
                                                NAME, sqlite3_value_text(args[ARG_TO])));
    }
    int32_t from = AEX_NO_PERIOD;
    if (args[ARG_FROM] && sqlite3_value_type(args[ARG_FROM]) != SQLITE_NULL) {
        from = aexsql_period_code(args[ARG_FROM]);
        if (from == 0) {
            return aexsql_vtab_fail(cur, SQLITE_ERROR,
                                    sqlite3_mprintf("%s: from_period '%s' is not a period (2022, '2022-Q1', "
                                                    "'2022-03' or their codes)",
                                                    NAME, sqlite3_value_text(args[ARG_FROM])));
        }
    }
    const char *metric = "units";
    if (args[ARG_METRIC] && sqlite3_value_type(args[ARG_METRIC]) != SQLITE_NULL) {
        metric = (const char *)sqlite3_value_text(args[ARG_METRIC]);
    }
    aex_panel *panel = NULL;
    int32_t status = aex_panel_create(&panel);
    if (status != AEX_OK) return fail_status(cur, status);
    int rc = SQLITE_OK;
    const char *source = args[ARG_SOURCE] ? (const char *)sqlite3_value_text(args[ARG_SOURCE]) : NULL;
    if (source == NULL) {
        status = aex_panel_load_reference(panel);
        if (status != AEX_OK) rc = fail_status(cur, status);
    } else {
        rc = load_panel(cur, vtab->db, source, metric, panel);
    }
    char *json = NULL;
    int64_t length = 0;
    if (rc == SQLITE_OK) {
        status = aex_explain_destinations(NULL, 0, &length, panel, exporter, from, to, metric);
        if (status == AEX_OK) {
            json = sqlite3_malloc64((sqlite3_uint64)length + 1);
            status = json ? aex_explain_destinations(json, length + 1, &length, panel, exporter, from, to, metric)
                          : AEX_E_OUT_OF_MEMORY;
        }
        if (status != AEX_OK) rc = status == AEX_E_OUT_OF_MEMORY ? SQLITE_NOMEM : fail_status(cur, status);
    }
    aex_panel_free(panel);
    if (rc != SQLITE_OK) {
        sqlite3_free(json);
        return rc;
    }
    sqlite3_str *q = sqlite3_str_new(vtab->db);
    sqlite3_str_appendall(q, "SELECT ");
    for (int i = 0; i < N_FIELDS - 3; i++) {
        sqlite3_str_appendf(q, "%sjson_extract(value, '%s')", i ? ", " : "", FIELDS[i]);
    }
    for (int i = 0; i < 3; i++) sqlite3_str_appendf(q, ", json_extract(?1, '%s')", TOP_FIELDS[i]);
    sqlite3_str_appendall(q, " FROM json_each(?1, '$.lines')");
    char *sql = sqlite3_str_finish(q);
    if (sql == NULL) {
        sqlite3_free(json);
        return SQLITE_NOMEM;
    }
    rc = sqlite3_prepare_v2(vtab->db, sql, -1, &c->rows, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK) {
        sqlite3_free(json);
        return aexsql_vtab_fail(
            cur, rc, sqlite3_mprintf("%s: this SQLite cannot read JSON: %s", NAME, sqlite3_errmsg(vtab->db)));
    }
    sqlite3_bind_text64(c->rows, 1, json, (sqlite3_uint64)length, sqlite3_free, SQLITE_UTF8);
    c->rowid = 0;
    int step = sqlite3_step(c->rows);
    c->eof = step != SQLITE_ROW;
    return step == SQLITE_ROW || step == SQLITE_DONE ? SQLITE_OK : step;
}

static int d_next(sqlite3_vtab_cursor *cur) {
    Cursor *c = (Cursor *)cur;
    int step = sqlite3_step(c->rows);
    c->eof = step != SQLITE_ROW;
    c->rowid += 1;
    return step == SQLITE_ROW || step == SQLITE_DONE ? SQLITE_OK : step;
}

static int d_eof(sqlite3_vtab_cursor *cur) { return ((Cursor *)cur)->eof; }

static int d_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col) {
    Cursor *c = (Cursor *)cur;
    if (col < N_FIELDS) sqlite3_result_value(ctx, sqlite3_column_value(c->rows, col));
    else sqlite3_result_null(ctx);
    return SQLITE_OK;
}

static int d_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid) {
    *rowid = ((Cursor *)cur)->rowid + 1;
    return SQLITE_OK;
}

static sqlite3_module MODULE = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: used as a table-valued function */
    .xConnect = d_connect,
    .xBestIndex = d_best_index,
    .xDisconnect = d_disconnect,
    .xDestroy = d_disconnect,
    .xOpen = d_open,
    .xClose = d_close,
    .xFilter = d_filter,
    .xNext = d_next,
    .xEof = d_eof,
    .xColumn = d_column,
    .xRowid = d_rowid,
};

int aexsql_register_destinations(sqlite3 *db) { return sqlite3_create_module(db, NAME, &MODULE, NULL); }
#endif
