/* aex_milestones([source [, kinds [, metric [, bridge_gaps]]]]) and
** aex_milestone_notes(...): table-valued functions over the library's milestone finder
** (aex_milestones_find), one row per milestone (with its sentence) or per coverage note.
**
**   SELECT sentence FROM aex_milestones() WHERE kind = 'overtake';      -- the reference data
**   SELECT period, kind, sentence FROM aex_milestones('SELECT exporter, year, units FROM exports');
**
** source       omitted or NULL: the library's embedded reference data; else a table or
**              view with the columns exporter, period, value, or a read-only statement of
**              those three columns (as for aex_overtakes).  Exporters are codes or names
**              the library knows ("CHN", "Japan"); periods are the C API's codes (2023,
**              20231 for 2023-Q1, 202303 for 2023-03) or text "2023", "2023-Q1",
**              "2023-03", all of one granularity; a NULL value is missing.
** kinds        NULL: every kind; else names separated by commas: overtake, new_leader
**              (includes first_time_leader), lead_change, record_high, threshold_up,
**              threshold_down, top_entry, top_exit, growth_streak, leader_streak.
** metric       'units' (default) or a currency code ('usd').
** bridge_gaps  0 (default) or 1: compare across missing figures (flagged bridged).
**
** The rows are read from the list's JSON (aex_milestones_json) with SQLite's own json_each,
** so every field the library reports is a column without C-side parsing. */
#include "aexsql.h"

#ifdef AEXSQL_HAVE_SQLITE
#  include <autoexports.h>
#  include <ctype.h>
#  include <math.h>
#  include <string.h>

enum { ARG_SOURCE, ARG_KINDS, ARG_METRIC, ARG_BRIDGE_GAPS, N_ARGS };

/* The two tables: their visible columns are JSON fields of "milestones" or "notes". */
typedef struct Shape {
    const char *name;
    const char *array;         /* "$.milestones" or "$.notes" */
    const char *const *fields; /* the visible columns, each a JSON key */
    int n_fields;
    const char *schema;
} Shape;

static const char *const MILESTONE_FIELDS[] = {
    "kind",       "period",         "subject",           "rival",         "value",       "rival_value",
    "since",      "value_since",    "rival_value_since", "crossing",      "level",       "rank",
    "streak",     "first_time",     "bridged",           "scope_warning", "data_start",  "subject_name",
    "rival_name", "subject_source", "subject_scope",     "rival_source",  "rival_scope", "metric",
    "sentence"};

static const char *const NOTE_FIELDS[] = {"kind", "period", "exporter", "other", "sentence"};

static const Shape MILESTONES = {
    "aex_milestones", "$.milestones", MILESTONE_FIELDS, (int)(sizeof MILESTONE_FIELDS / sizeof *MILESTONE_FIELDS),
    "CREATE TABLE x(kind TEXT, period TEXT, subject TEXT, rival TEXT, value REAL, rival_value REAL, "
    "since TEXT, value_since REAL, rival_value_since REAL, crossing REAL, level REAL, rank INTEGER, "
    "streak INTEGER, first_time INTEGER, bridged INTEGER, scope_warning INTEGER, data_start TEXT, "
    "subject_name TEXT, rival_name TEXT, subject_source TEXT, subject_scope TEXT, rival_source TEXT, "
    "rival_scope TEXT, metric TEXT, sentence TEXT, "
    "source HIDDEN, kinds HIDDEN, metric_arg HIDDEN, bridge_gaps HIDDEN)"};

static const Shape NOTES = {"aex_milestone_notes", "$.notes", NOTE_FIELDS,
                            (int)(sizeof NOTE_FIELDS / sizeof *NOTE_FIELDS),
                            "CREATE TABLE x(kind TEXT, period TEXT, exporter TEXT, other TEXT, sentence TEXT, "
                            "source HIDDEN, kinds HIDDEN, metric_arg HIDDEN, bridge_gaps HIDDEN)"};

typedef struct VTab {
    sqlite3_vtab base;
    sqlite3 *db;
    const Shape *shape;
} VTab;

typedef struct Cursor {
    sqlite3_vtab_cursor base;
    sqlite3_stmt *rows; /* json_each over the list's JSON */
    int eof;
    sqlite3_int64 rowid;
} Cursor;

static int ms_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err) {
    (void)argc;
    (void)argv;
    (void)err;
    const Shape *shape = aux;
    int rc = sqlite3_declare_vtab(db, shape->schema);
    if (rc != SQLITE_OK) return rc;
    VTab *v = sqlite3_malloc(sizeof *v);
    if (v == NULL) return SQLITE_NOMEM;
    memset(v, 0, sizeof *v);
    v->db = db;
    v->shape = shape;
    *out = &v->base;
    return SQLITE_OK;
}

static int ms_disconnect(sqlite3_vtab *vtab) {
    sqlite3_free(vtab);
    return SQLITE_OK;
}

static int ms_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info) {
    int first_hidden = ((VTab *)vtab)->shape->n_fields;
    int at[N_ARGS] = {-1, -1, -1, -1};
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[i];
        if (c->iColumn < first_hidden) continue;
        if (!c->usable) return SQLITE_CONSTRAINT;
        if (c->op == SQLITE_INDEX_CONSTRAINT_EQ) at[c->iColumn - first_hidden] = i;
    }
    return aexsql_use_arguments(info, at, N_ARGS, 10000, 50);
}

static int ms_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out) {
    (void)vtab;
    Cursor *c = sqlite3_malloc(sizeof *c);
    if (c == NULL) return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int ms_close(sqlite3_vtab_cursor *cur) {
    sqlite3_finalize(((Cursor *)cur)->rows);
    sqlite3_free(cur);
    return SQLITE_OK;
}

static int fail_status(sqlite3_vtab_cursor *cur, const char *fn, int32_t status) {
    return aexsql_vtab_fail(cur, SQLITE_ERROR,
                            sqlite3_mprintf("%s: %s (%s)", fn, aex_last_error_message(), aex_status_string(status)));
}

/* A period as the C API's code: an integer code, or text "2023", "2023-Q1", "2023-03"
** (aex_period_parse).  Returns 0 for anything else (the library then names the bad period). */
/* One series per exporter: the rows grouped by exporter, added with aex_panel_add. */
static int load_panel(sqlite3_vtab_cursor *cur, sqlite3 *db, const char *source, const char *metric, aex_panel *panel,
                      int32_t *granularity) {
    char *sql = aexsql_source_query(source, "SELECT e, p, v FROM s ORDER BY e, p");
    if (sql == NULL) return SQLITE_NOMEM;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return aexsql_vtab_fail(cur, SQLITE_ERROR,
                                sqlite3_mprintf("aex_milestones: cannot read the source: %s", sqlite3_errmsg(db)));
    }
    if (!sqlite3_stmt_readonly(st)) {
        sqlite3_finalize(st);
        return aexsql_vtab_fail(cur, SQLITE_ERROR, sqlite3_mprintf("aex_milestones: the source must only read data"));
    }
    int32_t *periods = NULL;
    double *values = NULL;
    int64_t n = 0, cap = 0;
    char *exporter = NULL;
    int32_t first_granularity = -1;
    int step;
    rc = SQLITE_OK;
    for (;;) {
        step = sqlite3_step(st);
        const char *e = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        if (step == SQLITE_ROW && (e == NULL || sqlite3_column_type(st, 1) == SQLITE_NULL)) {
            rc = aexsql_vtab_fail(
                cur, SQLITE_ERROR,
                sqlite3_mprintf("aex_milestones: a source row has a NULL %s", e == NULL ? "exporter" : "period"));
            break;
        }
        /* A new exporter (or the end): add the one collected so far. */
        if (exporter != NULL && (step != SQLITE_ROW || strcmp(e, exporter) != 0)) {
            int32_t status = aex_panel_add(panel, exporter, AEX_SEGMENT_TOTAL, metric, NULL, NULL, periods, values, n);
            if (status != AEX_OK) {
                rc = aexsql_vtab_fail(cur, SQLITE_ERROR,
                                      sqlite3_mprintf("aex_milestones: exporter '%s': %s (%s)", exporter,
                                                      aex_last_error_message(), aex_status_string(status)));
                break;
            }
            sqlite3_free(exporter);
            exporter = NULL;
            n = 0;
        }
        if (step != SQLITE_ROW) break;
        if (exporter == NULL && (exporter = sqlite3_mprintf("%s", e)) == NULL) {
            rc = SQLITE_NOMEM;
            break;
        }
        int32_t code = aexsql_period_code(sqlite3_column_value(st, 1));
        if (code == 0) {
            rc = aexsql_vtab_fail(cur, SQLITE_ERROR,
                                  sqlite3_mprintf("aex_milestones: '%s' is not a period (2023, '2023-Q1', "
                                                  "'2023-03', '2023-H1', '2023-01/2023-05', 'FY2024' or their codes)",
                                                  sqlite3_column_text(st, 1)));
            break;
        }
        int32_t g = 0;
        if (aex_period_granularity(&g, code) != AEX_OK) {
            rc = aexsql_vtab_fail(cur, SQLITE_ERROR, sqlite3_mprintf("aex_milestones: %s", aex_last_error_message()));
            break;
        }
        if (first_granularity >= 0 && g != first_granularity) {
            rc = aexsql_vtab_fail(
                cur, SQLITE_ERROR,
                sqlite3_mprintf("aex_milestones: the periods mix kinds (years, halves, quarters, months, "
                                "year-to-date spans, fiscal years)"));
            break;
        }
        first_granularity = g;
        double v;
        int type = sqlite3_column_type(st, 2);
        if (type == SQLITE_TEXT) type = sqlite3_value_numeric_type(sqlite3_column_value(st, 2));
        if (type == SQLITE_NULL) v = NAN;
        else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) v = sqlite3_column_double(st, 2);
        else {
            rc = aexsql_vtab_fail(cur, SQLITE_ERROR,
                                  sqlite3_mprintf("aex_milestones: the value of %s in %s is not a number", e,
                                                  sqlite3_column_text(st, 1)));
            break;
        }
        if (n == cap) {
            int64_t grown = cap ? cap * 2 : 32;
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
                              sqlite3_mprintf("aex_milestones: reading the source failed: %s", sqlite3_errmsg(db)));
    }
    sqlite3_finalize(st);
    sqlite3_free(exporter);
    sqlite3_free(periods);
    sqlite3_free(values);
    /* The granularity as the library decodes the codes (aex_period_granularity), never
    ** inferred here from the number of digits. */
    *granularity = first_granularity >= 0 ? first_granularity : AEX_GRANULARITY_YEAR;
    return rc;
}

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
        /* The library's names and aliases of milestone kinds (aex_vocabulary_parse). */
        char name[64];
        int32_t kind = -1;
        if (len < sizeof name) {
            memcpy(name, start, len);
            name[len] = 0;
            if (aex_vocabulary_parse(&kind, AEX_VOCAB_MILESTONE_KIND, name) != AEX_OK) kind = -1;
        }
        if (kind < 0) {
            *bad = start;
            *bad_len = len;
            return -1;
        }
        mask |= AEX_MILESTONE_KIND_BIT(kind);
    }
    return mask;
}

static int ms_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
    (void)idxStr;
    (void)argc;
    Cursor *c = (Cursor *)cur;
    VTab *vtab = (VTab *)cur->pVtab;
    sqlite3_finalize(c->rows);
    c->rows = NULL;
    c->eof = 1;
    sqlite3_value *args[N_ARGS] = {NULL, NULL, NULL, NULL};
    for (int k = 0, next = 0; k < N_ARGS; k++) {
        if (idxNum & (1 << k)) args[k] = argv[next++];
    }
    aex_milestone_options o;
    aex_milestone_options_init(&o);
    const char *metric = "units";
    if (args[ARG_METRIC] && sqlite3_value_type(args[ARG_METRIC]) != SQLITE_NULL) {
        metric = (const char *)sqlite3_value_text(args[ARG_METRIC]);
    }
    o.metric = metric;
    if (args[ARG_KINDS] && sqlite3_value_type(args[ARG_KINDS]) != SQLITE_NULL) {
        const char *bad = NULL;
        size_t bad_len = 0;
        int32_t mask = kinds_mask((const char *)sqlite3_value_text(args[ARG_KINDS]), &bad, &bad_len);
        if (mask < 0) {
            char names[512] = "";
            int64_t count = 0, len = 0;
            aex_vocabulary_count(&count, AEX_VOCAB_MILESTONE_KIND);
            for (int32_t k = 0; k < count; k++) {
                size_t used = strlen(names);
                if (k > 0 && used + 2 < sizeof names) {
                    strcat(names, ", ");
                    used += 2;
                }
                aex_vocabulary_name(names + used, (int64_t)(sizeof names - used), &len, AEX_VOCAB_MILESTONE_KIND, k);
            }
            return aexsql_vtab_fail(cur, SQLITE_ERROR,
                                    sqlite3_mprintf("%s: unknown milestone kind '%.*s' (one of %s)", vtab->shape->name,
                                                    (int)bad_len, bad, names));
        }
        o.kinds = mask;
    }
    if (args[ARG_BRIDGE_GAPS] && sqlite3_value_type(args[ARG_BRIDGE_GAPS]) != SQLITE_NULL) {
        o.bridge_gaps = sqlite3_value_double(args[ARG_BRIDGE_GAPS]) != 0;
    }
    aex_panel *panel = NULL;
    int32_t status = aex_panel_create(&panel);
    if (status != AEX_OK) return fail_status(cur, vtab->shape->name, status);
    int rc = SQLITE_OK;
    const char *source = args[ARG_SOURCE] ? (const char *)sqlite3_value_text(args[ARG_SOURCE]) : NULL;
    if (source == NULL) {
        status = aex_panel_load_reference(panel);
        if (status != AEX_OK) rc = fail_status(cur, vtab->shape->name, status);
    } else {
        rc = load_panel(cur, vtab->db, source, metric, panel, &o.granularity);
    }
    aex_milestones *list = NULL;
    if (rc == SQLITE_OK) {
        status = aex_milestones_find(&list, panel, &o);
        if (status != AEX_OK) rc = fail_status(cur, vtab->shape->name, status);
    }
    aex_panel_free(panel);
    char *json = NULL;
    int64_t length = 0;
    if (rc == SQLITE_OK) {
        status = aex_milestones_json(NULL, 0, &length, list);
        if (status == AEX_OK || status == AEX_E_BUFFER_TOO_SMALL) {
            json = sqlite3_malloc64((sqlite3_uint64)length + 1);
            status = json ? aex_milestones_json(json, length + 1, &length, list) : AEX_E_OUT_OF_MEMORY;
        }
        if (status != AEX_OK)
            rc = status == AEX_E_OUT_OF_MEMORY ? SQLITE_NOMEM : fail_status(cur, vtab->shape->name, status);
    }
    aex_milestones_free(list);
    if (rc != SQLITE_OK) {
        sqlite3_free(json);
        return rc;
    }
    /* SELECT json_extract(value, '$.kind'), ... FROM json_each(?1, '$.milestones') */
    sqlite3_str *q = sqlite3_str_new(vtab->db);
    sqlite3_str_appendall(q, "SELECT ");
    for (int i = 0; i < vtab->shape->n_fields; i++) {
        sqlite3_str_appendf(q, "%sjson_extract(value, '$.%s')", i ? ", " : "", vtab->shape->fields[i]);
    }
    sqlite3_str_appendf(q, " FROM json_each(?1, '%s')", vtab->shape->array);
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
            cur, rc,
            sqlite3_mprintf("%s: this SQLite cannot read JSON: %s", vtab->shape->name, sqlite3_errmsg(vtab->db)));
    }
    sqlite3_bind_text64(c->rows, 1, json, (sqlite3_uint64)length, sqlite3_free, SQLITE_UTF8);
    c->rowid = 0;
    int step = sqlite3_step(c->rows);
    c->eof = step != SQLITE_ROW;
    return step == SQLITE_ROW || step == SQLITE_DONE ? SQLITE_OK : step;
}

static int ms_next(sqlite3_vtab_cursor *cur) {
    Cursor *c = (Cursor *)cur;
    int step = sqlite3_step(c->rows);
    c->eof = step != SQLITE_ROW;
    c->rowid += 1;
    return step == SQLITE_ROW || step == SQLITE_DONE ? SQLITE_OK : step;
}

static int ms_eof(sqlite3_vtab_cursor *cur) { return ((Cursor *)cur)->eof; }

static int ms_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col) {
    Cursor *c = (Cursor *)cur;
    if (col < ((VTab *)cur->pVtab)->shape->n_fields) sqlite3_result_value(ctx, sqlite3_column_value(c->rows, col));
    else sqlite3_result_null(ctx);
    return SQLITE_OK;
}

static int ms_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid) {
    *rowid = ((Cursor *)cur)->rowid + 1;
    return SQLITE_OK;
}

static sqlite3_module MODULE = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: used as a table-valued function */
    .xConnect = ms_connect,
    .xBestIndex = ms_best_index,
    .xDisconnect = ms_disconnect,
    .xDestroy = ms_disconnect,
    .xOpen = ms_open,
    .xClose = ms_close,
    .xFilter = ms_filter,
    .xNext = ms_next,
    .xEof = ms_eof,
    .xColumn = ms_column,
    .xRowid = ms_rowid,
};

int aexsql_register_milestones(sqlite3 *db) {
    int rc = sqlite3_create_module(db, MILESTONES.name, &MODULE, (void *)&MILESTONES);
    if (rc == SQLITE_OK) rc = sqlite3_create_module(db, NOTES.name, &MODULE, (void *)&NOTES);
    return rc;
}
#endif
