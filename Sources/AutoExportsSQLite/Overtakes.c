/* aex_overtakes(source [, rule [, bridge_gaps]]): a table-valued function (an
** eponymous virtual table) whose rows are the overtakes in a table of
** (exporter, period, value) rows.
**
**   SELECT * FROM aex_overtakes('exports');                  -- a table or view
**   SELECT * FROM aex_overtakes('SELECT exporter, year, units FROM exports WHERE segment = ''total''');
**
** source       a table or view with the columns exporter, period, value, or a read-only
**              statement (SELECT / WITH / VALUES) whose three columns are, in this
**              order, the exporter, the period and the value.  Periods are numbers
**              (also numbers stored as text, as `.import` stores them: '9' < '10'),
**              period texts parsed as the core parses them ('2023-Q1', '2023-3' <
**              '2023-10', 'FY2024'; aex_period_key(p) gives the order key) or dates
**              (YYYY-MM-DD); periods of different kinds, or a text that is none of
**              these, are an error naming the value.  Consecutive periods are
**              consecutive distinct periods in that order (a period with no rows at
**              all is skipped, not a gap: give NULL values to mark one).  A NULL or
**              empty-text value is missing; a number stored as text is a number.
** rule         'carried' (default, docs/design.md §4: ties in between do not change the order)
**              or 'adjacent' (strictly ordered in both periods, what a consecutive-period
**              self-join counts).
** bridge_gaps  0 (default) or 1: carry a pair's comparison across periods in which
**              either is missing; such rows have bridged = 1.
**
** Columns: period, subject, rival (who passed whom, and when), subject_value,
** rival_value (in period), since (the last period before in which the two were
** strictly ordered, the rival ahead), subject_since, rival_since (their values then),
** bridged.  Rows come in period order.  The events are found by aex_overtakes_find. */
#include "aexsql.h"

#ifdef AEXSQL_HAVE_SQLITE
#  include <autoexports.h>
#  include <ctype.h>
#  include <math.h>
#  include <stdlib.h>
#  include <string.h>

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
    COL_SOURCE,
    COL_RULE,
    COL_BRIDGE_GAPS /* hidden: the function's arguments */
};
#  define N_ARGS 3

typedef struct VTab {
    sqlite3_vtab base;
    sqlite3 *db; /* the connection the source is read from */
} VTab;

typedef struct Cursor {
    sqlite3_vtab_cursor base;
    sqlite3_value **periods;   /* distinct periods in order (copies of the source's values) */
    sqlite3_value **exporters; /* distinct exporters in order */
    int64_t n_periods, n_exporters;
    double *grid;    /* n_periods × n_exporters, NaN = missing */
    int32_t *events; /* AEX_OVERTAKE_FIELDS per event */
    int64_t n_events, row;
} Cursor;

static int ot_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err) {
    (void)aux;
    (void)argc;
    (void)argv;
    (void)err;
    int rc = sqlite3_declare_vtab(db,
                                  "CREATE TABLE x(period, subject, rival, subject_value REAL, rival_value REAL, since, "
                                  "subject_since REAL, rival_since REAL, bridged INTEGER, "
                                  "source HIDDEN, rule HIDDEN, bridge_gaps HIDDEN)");
    if (rc != SQLITE_OK) return rc;
    VTab *vtab = sqlite3_malloc(sizeof *vtab);
    if (vtab == NULL) return SQLITE_NOMEM;
    memset(vtab, 0, sizeof *vtab);
    vtab->db = db;
    *out = &vtab->base;
    return SQLITE_OK;
}

static int ot_disconnect(sqlite3_vtab *vtab) {
    sqlite3_free(vtab);
    return SQLITE_OK;
}

/* The arguments are equality constraints on the hidden columns; source is required. */
static int ot_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info) {
    int at[N_ARGS] = {-1, -1, -1};
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[i];
        if (c->iColumn < COL_SOURCE) continue;
        if (!c->usable) return SQLITE_CONSTRAINT; /* try another plan */
        if (c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
        at[c->iColumn - COL_SOURCE] = i;
    }
    if (at[0] < 0) {
        sqlite3_free(vtab->zErrMsg);
        vtab->zErrMsg = sqlite3_mprintf("aex_overtakes: the first argument (source: a table name or a "
                                        "SELECT of exporter, period, value) is required");
        return SQLITE_ERROR;
    }
    return aexsql_use_arguments(info, at, N_ARGS, 1000, 100);
}

static int ot_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out) {
    (void)vtab;
    Cursor *c = sqlite3_malloc(sizeof *c);
    if (c == NULL) return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static void cursor_reset(Cursor *c) {
    for (int64_t i = 0; i < c->n_periods; i++) sqlite3_value_free(c->periods[i]);
    for (int64_t i = 0; i < c->n_exporters; i++) sqlite3_value_free(c->exporters[i]); /* NULL-safe */
    sqlite3_free(c->periods);
    sqlite3_free(c->exporters);
    sqlite3_free(c->grid);
    sqlite3_free(c->events);
    memset((char *)c + sizeof c->base, 0, sizeof *c - sizeof c->base);
}

static int ot_close(sqlite3_vtab_cursor *cur) {
    cursor_reset((Cursor *)cur);
    sqlite3_free(cur);
    return SQLITE_OK;
}

static int fail(sqlite3_vtab_cursor *cur, int rc, char *msg) {
    sqlite3_free(cur->pVtab->zErrMsg);
    cur->pVtab->zErrMsg = msg;
    return msg == NULL ? SQLITE_NOMEM : rc;
}

static int is_statement(const char *s) {
    while (isspace((unsigned char)*s) || *s == '(') s++;
    return sqlite3_strnicmp(s, "select", 6) == 0 || sqlite3_strnicmp(s, "with", 4) == 0 ||
        sqlite3_strnicmp(s, "values", 6) == 0;
}

int aexsql_use_arguments(sqlite3_index_info *info, const int *at, int n_args, double cost, sqlite3_int64 rows) {
    int next = 1, mask = 0;
    for (int k = 0; k < n_args; k++) {
        if (at[k] < 0) continue;
        info->aConstraintUsage[at[k]].argvIndex = next++;
        info->aConstraintUsage[at[k]].omit = 1;
        mask |= 1 << k;
    }
    info->idxNum = mask;
    info->estimatedCost = cost;
    info->estimatedRows = rows;
    return SQLITE_OK;
}

char *aexsql_source_query(const char *source, const char *select_from_s) {
    char *inner = is_statement(source) ? sqlite3_mprintf("%s", source)
                                       : sqlite3_mprintf("SELECT exporter, period, value FROM \"%w\"", source);
    if (inner == NULL) return NULL;
    char *sql = sqlite3_mprintf("WITH s(e, p, v) AS (%s) %s", inner, select_from_s);
    sqlite3_free(inner);
    return sql;
}

/* Appends a copy of `v` to a growing array of values. */
static int push_value(sqlite3_value ***arr, int64_t *n, int64_t *cap, sqlite3_value *v) {
    if (*n == *cap) {
        int64_t grown = *cap ? *cap * 2 : 16;
        sqlite3_value **a = sqlite3_realloc64(*arr, (sqlite3_uint64)grown * sizeof *a);
        if (a == NULL) return SQLITE_NOMEM;
        *arr = a;
        *cap = grown;
    }
    sqlite3_value *copy = sqlite3_value_dup(v);
    if (copy == NULL) return SQLITE_NOMEM;
    (*arr)[(*n)++] = copy;
    return SQLITE_OK;
}

/* The kinds of period that order among themselves: numbers (and year texts), dates
** (YYYY-MM-DD), and each granularity of period text (AEX_GRANULARITY_*). */
#  define KIND_NUMBER (-1)
#  define KIND_DATE (-2)

static const char *kind_name(int kind) {
    switch (kind) {
    case KIND_NUMBER: return "a number or year";
    case KIND_DATE: return "a date";
    case AEX_GRANULARITY_QUARTER: return "a quarter";
    case AEX_GRANULARITY_MONTH: return "a month";
    case AEX_GRANULARITY_HALF: return "a half-year";
    default: return "a year-to-date or fiscal-year period";
    }
}

/* Whether text[0..len) is YYYY-MM-DD (an SQL DATE); its key is YYYYMMDD. */
static int parse_date(const char *t, size_t len, sqlite3_int64 *key) {
    if (len != 10 || t[4] != '-' || t[7] != '-') return 0;
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && !isdigit((unsigned char)t[i])) return 0;
    }
    int y = atoi(t), m = atoi(t + 5), d = atoi(t + 8);
    if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
    *key = (sqlite3_int64)y * 10000 + m * 100 + d;
    return 1;
}

/* The order key of one period value: numbers are numbers (also numbers stored as text,
** as `.import` stores every column), YYYY-MM-DD text is a date, other text is parsed as
** the core parses periods (aex_period_parse: '2023-3' < '2023-10'), so that text never
** sorts as text.  Sets *kind; returns 1 with the key in *ikey (or *dkey when *is_real),
** or 0 with *err (sqlite3_malloc'ed) naming the value. */
static int period_key(sqlite3_value *v, sqlite3_int64 *ikey, double *dkey, int *is_real, int *kind, char **err) {
    *is_real = 0;
    *kind = KIND_NUMBER;
    *err = NULL;
    int type = sqlite3_value_type(v);
    if (type == SQLITE_INTEGER) {
        *ikey = sqlite3_value_int64(v);
        return 1;
    }
    if (type == SQLITE_FLOAT) {
        double d = sqlite3_value_double(v);
        if (d == floor(d) && fabs(d) < 9e15) *ikey = (sqlite3_int64)d;
        else {
            *dkey = d;
            *is_real = 1;
        }
        return 1;
    }
    if (type != SQLITE_TEXT) {
        *err = sqlite3_mprintf("a period is %s: give numbers, period texts (2023, 2023-Q1, 2023-03) "
                               "or dates (YYYY-MM-DD)",
                               type == SQLITE_NULL ? "NULL" : "a BLOB");
        return 0;
    }
    const char *text = (const char *)sqlite3_value_text(v);
    if (text == NULL) return 0; /* out of memory */
    const char *a = text, *b = text + strlen(text);
    while (a < b && isspace((unsigned char)*a)) a++;
    while (b > a && isspace((unsigned char)b[-1])) b--;
    size_t len = (size_t)(b - a);
    char buf[64];
    if (len > 0 && len < sizeof buf) {
        memcpy(buf, a, len);
        buf[len] = 0;
        char *end = NULL;
        int digits = 1;
        for (size_t i = (buf[0] == '-' || buf[0] == '+'); i < len; i++) digits &= isdigit((unsigned char)buf[i]) != 0;
        if (digits && len < 19 && isdigit((unsigned char)buf[len - 1])) {
            *ikey = strtoll(buf, NULL, 10);
            return 1;
        }
        double d = strtod(buf, &end);
        if (end == buf + len && isfinite(d)) {
            if (d == floor(d) && fabs(d) < 9e15) *ikey = (sqlite3_int64)d;
            else {
                *dkey = d;
                *is_real = 1;
            }
            return 1;
        }
        if (parse_date(buf, len, ikey)) {
            *kind = KIND_DATE;
            return 1;
        }
        int32_t code = 0, g = 0;
        if (aex_period_parse(&code, buf) == AEX_OK && aex_period_granularity(&g, code) == AEX_OK) {
            *ikey = code;
            *kind = g == AEX_GRANULARITY_YEAR ? KIND_NUMBER : g;
            return 1;
        }
    }
    *err = sqlite3_mprintf("the period '%.40s' is neither a number, a period (2023, 2023-Q1, 2023-03, "
                           "2023-H1, FY2024) nor a date (YYYY-MM-DD)",
                           text);
    return 0;
}

/* aex_period_key(period): the key aex_overtakes orders periods by (see period_key). */
static void period_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_int64 ikey = 0;
    double dkey = 0;
    int is_real, kind;
    char *err;
    if (!period_key(argv[0], &ikey, &dkey, &is_real, &kind, &err)) {
        if (err == NULL) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        char *msg = sqlite3_mprintf("aex_overtakes: %s", err);
        sqlite3_free(err);
        if (msg == NULL) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        sqlite3_result_error(ctx, msg, -1);
        sqlite3_free(msg);
        return;
    }
    if (is_real) sqlite3_result_double(ctx, dkey);
    else sqlite3_result_int64(ctx, ikey);
}

/* Reads the source into the periods × exporters grid.  SQLite numbers the distinct
** periods (by aex_period_key, so '10' comes after '9' and '2023-10' after '2023-9') and
** exporters in sorted order (DENSE_RANK), so the C code never compares SQL values
** itself.  Periods of different kinds (a number and a quarter) are an error. */
static int load_source(Cursor *c, sqlite3 *db, const char *source) {
    sqlite3_vtab_cursor *cur = &c->base;
    char *sql =
        aexsql_source_query(source,
                            "SELECT e, p, v, DENSE_RANK() OVER (ORDER BY k) - 1, DENSE_RANK() OVER (ORDER BY e) - 1 "
                            "FROM (SELECT e, p, v, aex_period_key(p) AS k FROM s) ORDER BY 4, 5");
    if (sql == NULL) return SQLITE_NOMEM;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return fail(cur, SQLITE_ERROR,
                    sqlite3_mprintf("aex_overtakes: cannot read the source: %s", sqlite3_errmsg(db)));
    }
    if (!sqlite3_stmt_readonly(st)) {
        sqlite3_finalize(st);
        return fail(cur, SQLITE_ERROR, sqlite3_mprintf("aex_overtakes: the source must only read data"));
    }
    typedef struct Cell {
        int64_t p, e;
        double v;
    } Cell;
    Cell *cells = NULL;
    int64_t n_cells = 0, cap_cells = 0, cap_p = 0, cap_e = 0;
    int first_kind = KIND_NUMBER;
    rc = SQLITE_OK;
    int step;
    while (rc == SQLITE_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_value *exporter = sqlite3_column_value(st, 0), *period = sqlite3_column_value(st, 1);
        sqlite3_value *value = sqlite3_column_value(st, 2);
        if (sqlite3_value_type(exporter) == SQLITE_NULL || sqlite3_value_type(period) == SQLITE_NULL) {
            rc = fail(cur, SQLITE_ERROR,
                      sqlite3_mprintf("aex_overtakes: a source row has a NULL %s",
                                      sqlite3_value_type(exporter) == SQLITE_NULL ? "exporter" : "period"));
            break;
        }
        int64_t p = sqlite3_column_int64(st, 3), e = sqlite3_column_int64(st, 4);
        /* Rows come by period index, so each new period index is the next one. */
        if (p == c->n_periods) {
            sqlite3_int64 ik;
            double dk;
            int is_real, kind;
            char *err = NULL;
            if (!period_key(period, &ik, &dk, &is_real, &kind, &err)) {
                rc = err ? fail(cur, SQLITE_ERROR, sqlite3_mprintf("aex_overtakes: %s", err)) : SQLITE_NOMEM;
                sqlite3_free(err);
                break;
            }
            if (p == 0) first_kind = kind;
            else if (kind != first_kind) {
                rc = fail(
                    cur, SQLITE_ERROR,
                    sqlite3_mprintf("aex_overtakes: periods of different kinds cannot be ordered together: '%s' is %s, "
                                    "'%s' is %s",
                                    sqlite3_value_text(c->periods[0]), kind_name(first_kind),
                                    sqlite3_value_text(period), kind_name(kind)));
                break;
            }
            rc = push_value(&c->periods, &c->n_periods, &cap_p, period);
        }
        /* Exporter indexes come in any order: keep each one's key at its index. */
        while (rc == SQLITE_OK && e >= c->n_exporters) {
            if (c->n_exporters == cap_e) {
                int64_t grown = cap_e ? cap_e * 2 : 16;
                sqlite3_value **a = sqlite3_realloc64(c->exporters, (sqlite3_uint64)grown * sizeof *a);
                if (a == NULL) {
                    rc = SQLITE_NOMEM;
                    break;
                }
                c->exporters = a;
                cap_e = grown;
            }
            c->exporters[c->n_exporters++] = NULL;
        }
        if (rc == SQLITE_OK && c->exporters[e] == NULL) {
            c->exporters[e] = sqlite3_value_dup(exporter);
            if (c->exporters[e] == NULL) rc = SQLITE_NOMEM;
        }
        if (rc != SQLITE_OK) break;
        double v;
        int type = sqlite3_value_type(value);
        if (type == SQLITE_TEXT) {
            /* Numbers stored as text (`.import` makes every column TEXT) are numbers; an
            ** empty (or blank) text is a missing value, as NULL is. */
            const unsigned char *t = sqlite3_value_text(value);
            while (t && *t && isspace(*t)) t++;
            type = (t && *t == 0) ? SQLITE_NULL : sqlite3_value_numeric_type(value);
        }
        if (type == SQLITE_NULL) {
            v = NAN;
        } else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
            v = sqlite3_value_double(value);
        } else {
            rc = fail(
                cur, SQLITE_ERROR,
                sqlite3_mprintf("aex_overtakes: the value of %s in %s ('%.40s') is not a number (give a number, "
                                "NULL or '' for a missing value; CAST(value AS REAL) converts text such as '1e6')",
                                sqlite3_value_text(exporter), sqlite3_value_text(period), sqlite3_value_text(value)));
            break;
        }
        if (n_cells > 0 && cells[n_cells - 1].p == p && cells[n_cells - 1].e == e) {
            rc = fail(cur, SQLITE_ERROR,
                      sqlite3_mprintf("aex_overtakes: %s in %s is given more than once", sqlite3_value_text(exporter),
                                      sqlite3_value_text(period)));
            break;
        }
        if (n_cells == cap_cells) {
            cap_cells = cap_cells ? cap_cells * 2 : 64;
            Cell *grown = sqlite3_realloc64(cells, (sqlite3_uint64)cap_cells * sizeof *cells);
            if (grown == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            cells = grown;
        }
        cells[n_cells++] = (Cell){p, e, v};
    }
    if (rc == SQLITE_OK && step != SQLITE_DONE) {
        rc = fail(cur, SQLITE_ERROR,
                  sqlite3_mprintf("aex_overtakes: reading the source failed: %s", sqlite3_errmsg(db)));
    }
    sqlite3_finalize(st);
    int64_t t = c->n_periods, n = c->n_exporters;
    if (rc == SQLITE_OK && n > 0 && t > INT64_MAX / 8 / n) {
        rc = fail(
            cur, SQLITE_TOOBIG,
            sqlite3_mprintf("aex_overtakes: %lld periods × %lld exporters is too large", (long long)t, (long long)n));
    }
    if (rc == SQLITE_OK) {
        c->grid = sqlite3_malloc64((sqlite3_uint64)(t * n > 0 ? t * n : 1) * sizeof(double));
        if (c->grid == NULL) rc = SQLITE_NOMEM;
    }
    if (rc == SQLITE_OK) {
        for (int64_t i = 0; i < t * n; i++) c->grid[i] = NAN;
        for (int64_t i = 0; i < n_cells; i++) c->grid[cells[i].p * n + cells[i].e] = cells[i].v;
    }
    sqlite3_free(cells);
    return rc;
}

static int ot_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
    (void)idxStr;
    (void)argc;
    Cursor *c = (Cursor *)cur;
    cursor_reset(c);
    sqlite3_value *args[N_ARGS] = {NULL, NULL, NULL};
    for (int k = 0, next = 0; k < N_ARGS; k++) {
        if (idxNum & (1 << k)) args[k] = argv[next++];
    }
    const char *source = (const char *)sqlite3_value_text(args[0]);
    if (source == NULL) return fail(cur, SQLITE_ERROR, sqlite3_mprintf("aex_overtakes: source is NULL"));
    int32_t flags = 0;
    if (args[1] && sqlite3_value_type(args[1]) != SQLITE_NULL) {
        const char *rule = (const char *)sqlite3_value_text(args[1]);
        if (rule && sqlite3_stricmp(rule, "adjacent") == 0) flags |= AEX_OVERTAKES_ADJACENT;
        else if (!rule || sqlite3_stricmp(rule, "carried") != 0) {
            return fail(
                cur, SQLITE_ERROR,
                sqlite3_mprintf("aex_overtakes: rule must be 'carried' or 'adjacent', not '%s'", rule ? rule : ""));
        }
    }
    if (args[2] && sqlite3_value_type(args[2]) != SQLITE_NULL && sqlite3_value_double(args[2]) != 0) {
        flags |= AEX_OVERTAKES_BRIDGE_GAPS;
    }
    int rc = load_source(c, ((VTab *)cur->pVtab)->db, source);
    if (rc != SQLITE_OK) return rc;
    int64_t cells = c->n_periods * c->n_exporters, count = 0;
    int32_t status = aex_overtakes_count(&count, c->grid, cells, c->n_exporters, flags, 1);
    if (status == AEX_OK && count > 0) {
        c->events = sqlite3_malloc64((sqlite3_uint64)count * AEX_OVERTAKE_FIELDS * sizeof(int32_t));
        if (c->events == NULL) return SQLITE_NOMEM;
        status = aex_overtakes_find(c->events, count * AEX_OVERTAKE_FIELDS, &count, c->grid, cells, c->n_exporters,
                                    flags, 1);
    }
    if (status != AEX_OK) {
        return fail(cur, SQLITE_ERROR,
                    sqlite3_mprintf("aex_overtakes: %s (%s)", aex_last_error_message(), aex_status_string(status)));
    }
    c->n_events = count;
    c->row = 0;
    return SQLITE_OK;
}

static int ot_next(sqlite3_vtab_cursor *cur) {
    ((Cursor *)cur)->row += 1;
    return SQLITE_OK;
}

static int ot_eof(sqlite3_vtab_cursor *cur) {
    Cursor *c = (Cursor *)cur;
    return c->row >= c->n_events;
}

static int ot_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col) {
    Cursor *c = (Cursor *)cur;
    const int32_t *ev = c->events + c->row * AEX_OVERTAKE_FIELDS;
    int64_t t = ev[AEX_OVERTAKE_PERIOD], since = ev[AEX_OVERTAKE_SINCE];
    int64_t a = ev[AEX_OVERTAKE_SUBJECT], b = ev[AEX_OVERTAKE_RIVAL], n = c->n_exporters;
    switch (col) {
    case COL_PERIOD: sqlite3_result_value(ctx, c->periods[t]); break;
    case COL_SUBJECT: sqlite3_result_value(ctx, c->exporters[a]); break;
    case COL_RIVAL: sqlite3_result_value(ctx, c->exporters[b]); break;
    case COL_SUBJECT_VALUE: sqlite3_result_double(ctx, c->grid[t * n + a]); break;
    case COL_RIVAL_VALUE: sqlite3_result_double(ctx, c->grid[t * n + b]); break;
    case COL_SINCE: sqlite3_result_value(ctx, c->periods[since]); break;
    case COL_SUBJECT_SINCE: sqlite3_result_double(ctx, c->grid[since * n + a]); break;
    case COL_RIVAL_SINCE: sqlite3_result_double(ctx, c->grid[since * n + b]); break;
    case COL_BRIDGED: sqlite3_result_int(ctx, (ev[AEX_OVERTAKE_FLAGS] & AEX_OVERTAKE_BRIDGED) != 0); break;
    default: sqlite3_result_null(ctx); break; /* the hidden argument columns */
    }
    return SQLITE_OK;
}

static int ot_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid) {
    *rowid = ((Cursor *)cur)->row + 1;
    return SQLITE_OK;
}

/* Eponymous only (xCreate NULL): used as a table-valued function, never created. */
static sqlite3_module OVERTAKES = {
    .iVersion = 0,
    .xCreate = NULL,
    .xConnect = ot_connect,
    .xBestIndex = ot_best_index,
    .xDisconnect = ot_disconnect,
    .xDestroy = ot_disconnect,
    .xOpen = ot_open,
    .xClose = ot_close,
    .xFilter = ot_filter,
    .xNext = ot_next,
    .xEof = ot_eof,
    .xColumn = ot_column,
    .xRowid = ot_rowid,
};

int aexsql_register_overtakes(sqlite3 *db) {
    int rc = sqlite3_create_function(db, "aex_period_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, period_key_fn,
                                     NULL, NULL);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_create_module(db, "aex_overtakes", &OVERTAKES, NULL);
}
#endif
