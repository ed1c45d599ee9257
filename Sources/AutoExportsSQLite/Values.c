/* aex_values(x): the aggregate and window function that collects a column into a list,
** and the reader of list arguments (that BLOB, or JSON array text) for the scalar
** functions.
**
**   SELECT aex_rank_eq(units, aex_values(units) OVER (PARTITION BY year)) FROM exports;
**
** Why a BLOB and not only JSON: SQLite writes REAL values into JSON with 15 significant
** digits, so two different doubles can come back equal; the BLOB keeps every bit.
** Layout: the 8 bytes "aexvals1", then the values as doubles in the host's byte order
** (the BLOB is a transient value inside one process, not a storage format).  NULL is
** stored as NaN, which the C API reads as missing. */
#include "aexsql.h"

#ifdef AEXSQL_HAVE_SQLITE
#  include <math.h>
#  include <string.h>

static const char MAGIC[8] = {'a', 'e', 'x', 'v', 'a', 'l', 's', '1'};

/* The state of one aggregate: a FIFO of values (a window frame drops its oldest rows). */
typedef struct Acc {
    double *v;
    int64_t head, n, cap;
} Acc;

static int acc_push(Acc *a, double x) {
    if (a->head + a->n == a->cap) {
        if (a->head > 0 && a->head >= a->n) {
            memmove(a->v, a->v + a->head, (size_t)a->n * sizeof(double));
            a->head = 0;
        } else {
            int64_t cap = a->cap ? a->cap * 2 : 16;
            double *v = sqlite3_realloc64(a->v, (sqlite3_uint64)cap * sizeof(double));
            if (v == NULL) return 0;
            a->v = v;
            a->cap = cap;
        }
    }
    a->v[a->head + a->n] = x;
    a->n += 1;
    return 1;
}

/* A SQL value as a double: NULL is NaN (missing); text must be a number. */
static int number_of(sqlite3_value *value, double *out) {
    switch (sqlite3_value_numeric_type(value)) {
    case SQLITE_NULL: *out = NAN; return 1;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: *out = sqlite3_value_double(value); return 1;
    default: return 0;
    }
}

static void values_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    Acc *a = sqlite3_aggregate_context(ctx, (int)sizeof(Acc));
    if (a == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    double x;
    if (!number_of(argv[0], &x)) {
        char *msg = sqlite3_mprintf("aex_values: value '%.40s' is not a number", sqlite3_value_text(argv[0]));
        sqlite3_result_error(ctx, msg ? msg : "aex_values: a value is not a number", -1);
        sqlite3_free(msg);
        return;
    }
    if (!acc_push(a, x)) sqlite3_result_error_nomem(ctx);
}

/* Rows leave a window frame in the order they entered it. */
static void values_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    (void)argv;
    Acc *a = sqlite3_aggregate_context(ctx, (int)sizeof(Acc));
    if (a == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (a->n > 0) {
        a->head += 1;
        a->n -= 1;
    }
}

static void values_result(sqlite3_context *ctx, const Acc *a) {
    int64_t n = a ? a->n : 0;
    sqlite3_uint64 bytes = sizeof MAGIC + (sqlite3_uint64)n * sizeof(double);
    unsigned char *blob = sqlite3_malloc64(bytes);
    if (blob == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    memcpy(blob, MAGIC, sizeof MAGIC);
    if (n > 0) memcpy(blob + sizeof MAGIC, a->v + a->head, (size_t)n * sizeof(double));
    sqlite3_result_blob64(ctx, blob, bytes, sqlite3_free);
}

static void values_value(sqlite3_context *ctx) { values_result(ctx, sqlite3_aggregate_context(ctx, (int)sizeof(Acc))); }

static void values_final(sqlite3_context *ctx) {
    Acc *a = sqlite3_aggregate_context(ctx, 0); /* NULL when no row was stepped */
    values_result(ctx, a);
    if (a) {
        sqlite3_free(a->v);
        a->v = NULL;
    }
}

int aexsql_register_values(sqlite3 *db, int flags) {
    return sqlite3_create_window_function(db, "aex_values", 1, flags, NULL, values_step, values_final, values_value,
                                          values_inverse, NULL);
}

/* ---- reading list arguments -------------------------------------------------------- */

void aexsql_list_free(aexsql_list *list) {
    sqlite3_free(list->v);
    list->v = NULL;
    list->n = 0;
}

static int list_error(sqlite3_context *ctx, const char *fn, const char *arg, const char *what) {
    char *msg = sqlite3_mprintf("%s: %s %s", fn, arg, what);
    if (msg == NULL) {
        sqlite3_result_error_nomem(ctx);
        return 0;
    }
    sqlite3_result_error(ctx, msg, -1);
    sqlite3_free(msg);
    return 0;
}

static int list_from_blob(sqlite3_context *ctx, sqlite3_value *value, const char *fn, const char *arg,
                          aexsql_list *out) {
    const unsigned char *p = sqlite3_value_blob(value);
    int bytes = sqlite3_value_bytes(value);
    if (p == NULL || bytes < (int)sizeof MAGIC || memcmp(p, MAGIC, sizeof MAGIC) != 0 ||
        (bytes - (int)sizeof MAGIC) % (int)sizeof(double) != 0) {
        return list_error(ctx, fn, arg, "is a BLOB that aex_values() did not make");
    }
    int64_t n = (bytes - (int)sizeof MAGIC) / (int)sizeof(double);
    double *v = sqlite3_malloc64((sqlite3_uint64)(n > 0 ? n : 1) * sizeof(double));
    if (v == NULL) {
        sqlite3_result_error_nomem(ctx);
        return 0;
    }
    if (n > 0) memcpy(v, p + sizeof MAGIC, (size_t)n * sizeof(double)); /* the BLOB may be unaligned */
    out->v = v;
    out->n = n;
    return 1;
}

/* JSON goes through SQLite's own json_each on the calling connection, so numbers are
** parsed exactly as SQLite parses them (and independently of the C locale). */
static int list_from_json(sqlite3_context *ctx, sqlite3_value *value, const char *fn, const char *arg,
                          aexsql_list *out) {
    sqlite3 *db = sqlite3_context_db_handle(ctx);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT json_type(?1), type, value FROM json_each(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return list_error(ctx, fn, arg, "cannot be read as JSON: this SQLite has no JSON functions");
    }
    sqlite3_bind_value(st, 1, value);
    int64_t n = 0, cap = 0;
    double *v = NULL;
    int ok = 1;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *top = (const char *)sqlite3_column_text(st, 0);
        const char *type = (const char *)sqlite3_column_text(st, 1);
        if (top == NULL || strcmp(top, "array") != 0) {
            ok = list_error(ctx, fn, arg, "must be a JSON array (of numbers and nulls)");
            break;
        }
        double x;
        if (type != NULL && (strcmp(type, "integer") == 0 || strcmp(type, "real") == 0)) {
            x = sqlite3_column_double(st, 2);
        } else if (type != NULL && strcmp(type, "null") == 0) {
            x = NAN;
        } else {
            char *what = sqlite3_mprintf("has a JSON %s at index %lld where a number or null is needed",
                                         type ? type : "value", (long long)n);
            ok = what ? list_error(ctx, fn, arg, what) : (sqlite3_result_error_nomem(ctx), 0);
            sqlite3_free(what);
            break;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            double *grown = sqlite3_realloc64(v, (sqlite3_uint64)cap * sizeof(double));
            if (grown == NULL) {
                sqlite3_result_error_nomem(ctx);
                ok = 0;
                break;
            }
            v = grown;
        }
        v[n++] = x;
    }
    if (ok && rc != SQLITE_DONE) {
        char *what = sqlite3_mprintf("is not valid JSON (%s)", sqlite3_errmsg(db));
        ok = what ? list_error(ctx, fn, arg, what) : (sqlite3_result_error_nomem(ctx), 0);
        sqlite3_free(what);
    }
    sqlite3_finalize(st);
    if (!ok) {
        sqlite3_free(v);
        return 0;
    }
    if (v == NULL) {
        v = sqlite3_malloc64(sizeof(double));
        if (v == NULL) {
            sqlite3_result_error_nomem(ctx);
            return 0;
        }
    }
    out->v = v;
    out->n = n;
    return 1;
}

int aexsql_list_read(sqlite3_context *ctx, sqlite3_value *value, const char *fn, const char *arg, aexsql_list *out) {
    out->v = NULL;
    out->n = 0;
    switch (sqlite3_value_type(value)) {
    case SQLITE_NULL: sqlite3_result_null(ctx); return 0;
    case SQLITE_BLOB: return list_from_blob(ctx, value, fn, arg, out);
    case SQLITE_TEXT: return list_from_json(ctx, value, fn, arg, out);
    default: return list_error(ctx, fn, arg, "must be a list: aex_values(column) or a JSON array");
    }
}
#endif
