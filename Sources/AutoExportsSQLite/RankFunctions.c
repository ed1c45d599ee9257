/* Scalar ranking functions: one value and a list (from aex_values() or a JSON array) in,
** one number out.
**
**   aex_rank_eq(x, list [, order])            RANK.EQ: ties share the best rank (1,2,2,4)
**   aex_rank_avg(x, list [, order])           RANK.AVG: ties share the mean (1,2.5,2.5,4)
**   aex_rank_dense(x, list [, order])         DENSE_RANK (1,2,2,3)
**   aex_percent_rank(x, list [, descending])  PERCENT_RANK: (rank - 1) / (n - 1)
**   aex_cume_dist(x, list [, descending])     CUME_DIST: share of values at or before x
**   aex_percentrank_inc(list, x [, significance [, convention]])  PERCENTRANK.INC
**   aex_percentrank_exc(list, x [, significance [, convention]])  PERCENTRANK.EXC
**
** order (the spreadsheet's flag): 0, NULL or omitted = descending (the largest is 1),
** anything else = ascending.  descending (SQL's sense): 0, NULL or omitted = ascending as
** in ORDER BY value, anything else = descending.  significance: NULL or omitted = the
** unrounded value, k >= 1 = per convention.  convention: NULL, omitted, 0 or 'excel' =
** Excel's (truncate to k decimal digits), 1 or 'calc' = LibreOffice Calc's (round to k
** significant digits; PERCENTRANK.EXC of one number is 1).
**
** NULLs.  aex_percent_rank and aex_cume_dist count NULLs of the list as SQL's
** PERCENT_RANK() and CUME_DIST() count NULL rows: they are peers of one another, sorted
** as SQLite sorts them (first in ascending order, last in descending order) and part of
** n; an x of NULL gets the NULL rows' value (NULL when the list holds no NULL).  So
** aex_percent_rank(v, aex_values(v) OVER w) equals PERCENT_RANK() OVER (w ORDER BY v) on
** every row, NULL rows included.  The spreadsheet functions (aex_rank_eq, aex_rank_avg,
** aex_rank_dense, aex_percentrank_inc/exc) skip NULLs as Calc and Excel skip empty cells,
** and give NULL for an x of NULL.  x not in the list (or, for PERCENTRANK, outside the
** list's range) is an error. */
#include "aexsql.h"

#ifdef AEXSQL_HAVE_SQLITE
#  include <autoexports.h>
#  include <math.h>

typedef enum Shape {
    CELL_RANK,        /* fn(out, x, list, n, order): aex_rank_eq, aex_rank_avg */
    CELL_PERCENTRANK, /* fn(out, list, n, x, significance, convention): aex_percentrank_* */
    SCALED,           /* aex_rank_values_scaled over the list, then x's entry */
    SQL_DISTRIBUTION, /* PERCENT_RANK / CUME_DIST with SQL's NULLs (scale says which) */
} Shape;

typedef struct Spec {
    const char *name;
    Shape shape;
    int32_t (*rank)(double *, double, const double *, int64_t, int32_t);
    int32_t (*percentrank)(double *, const double *, int64_t, double, int32_t, int32_t);
    int32_t method, scale;
    int sql_order; /* SCALED: 1 = the third argument is SQL's "descending" flag */
} Spec;

static const Spec SPECS[] = {
    {"aex_rank_eq", CELL_RANK, aex_rank_eq, NULL, 0, 0, 0},
    {"aex_rank_avg", CELL_RANK, aex_rank_avg, NULL, 0, 0, 0},
    {"aex_rank_dense", SCALED, NULL, NULL, AEX_RANK_DENSE, AEX_SCALE_RANK, 0},
    {"aex_percent_rank", SQL_DISTRIBUTION, NULL, NULL, AEX_RANK_COMPETITION, AEX_SCALE_PERCENT_RANK, 1},
    {"aex_cume_dist", SQL_DISTRIBUTION, NULL, NULL, AEX_RANK_COMPETITION, AEX_SCALE_CUME_DIST, 1},
    {"aex_percentrank_inc", CELL_PERCENTRANK, NULL, aex_percentrank_inc, 0, 0, 0},
    {"aex_percentrank_exc", CELL_PERCENTRANK, NULL, aex_percentrank_exc, 0, 0, 0},
};

/* An optional flag argument: NULL or omitted is 0, any other number is 0 or 1. */
static int32_t flag_arg(int argc, sqlite3_value **argv, int index) {
    if (argc <= index || sqlite3_value_type(argv[index]) == SQLITE_NULL) return 0;
    return sqlite3_value_double(argv[index]) != 0;
}

static void error_text(sqlite3_context *ctx, const char *fn, const char *what) {
    char *msg = sqlite3_mprintf("%s: %s", fn, what);
    if (msg == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_error(ctx, msg, -1);
    sqlite3_free(msg);
}

/* The scaled rank of x's entry in the list: the list is ranked by the library, and x's
** entry is read back (ties share a rank, so any equal entry gives the answer). */
static int32_t scaled_rank_of(double *out, const Spec *spec, double x, const aexsql_list *list, int32_t order,
                              int *found) {
    *found = 0;
    if (list->n == 0) return AEX_OK;
    double *ranks = sqlite3_malloc64((sqlite3_uint64)list->n * sizeof(double));
    if (ranks == NULL) return AEX_E_OUT_OF_MEMORY;
    int32_t status =
        aex_rank_values_scaled(ranks, list->v, list->n, spec->method, order, AEX_MISSING_KEEP, spec->scale);
    for (int64_t i = 0; status == AEX_OK && i < list->n && !*found; i++) {
        if (list->v[i] == x) {
            *out = ranks[i];
            *found = 1;
        }
    }
    sqlite3_free(ranks);
    return status;
}

/* SQL's PERCENT_RANK() or CUME_DIST() of x (NaN = NULL) among the list, NULLs included as
** SQLite orders them: first ascending, last descending.  The library ranks the numbers
** (competition ranks, the number before x + 1); NULLs and x's peers are counted here.
** *found is 0 when no entry of the list equals x (or x is NULL and the list has none). */
static int32_t sql_distribution_of(double *out, const Spec *spec, double x, const aexsql_list *list, int descending,
                                   int *found) {
    *found = 0;
    int64_t nulls = 0, peers = 0, before = 0;
    for (int64_t i = 0; i < list->n; i++) {
        if (isnan(list->v[i])) nulls++;
        else if (list->v[i] == x) peers++;
    }
    if (isnan(x)) {
        if (nulls == 0) return AEX_OK;
        peers = nulls;
        before = descending ? list->n - nulls : 0;
    } else {
        if (peers == 0) return AEX_OK;
        double rank = NAN;
        int in_list;
        int32_t status =
            scaled_rank_of(&rank, &(Spec){spec->name, SCALED, NULL, NULL, AEX_RANK_COMPETITION, AEX_SCALE_RANK, 1}, x,
                           list, descending ? AEX_ORDER_DESCENDING : AEX_ORDER_ASCENDING, &in_list);
        if (status != AEX_OK) return status;
        before = (int64_t)rank - 1 + (descending ? 0 : nulls);
    }
    *found = 1;
    int64_t n = list->n;
    if (spec->scale == AEX_SCALE_PERCENT_RANK) *out = n == 1 ? 0.0 : (double)before / (double)(n - 1);
    else *out = (double)(before + peers) / (double)n;
    return AEX_OK;
}

/* The convention argument: NULL/omitted/0/'excel' = Excel, 1/'calc' = Calc; -1 = invalid. */
static int32_t convention_arg(int argc, sqlite3_value **argv, int index) {
    if (argc <= index || sqlite3_value_type(argv[index]) == SQLITE_NULL) return AEX_CONVENTION_EXCEL;
    if (sqlite3_value_type(argv[index]) == SQLITE_TEXT) {
        const char *t = (const char *)sqlite3_value_text(argv[index]);
        if (t && sqlite3_stricmp(t, "excel") == 0) return AEX_CONVENTION_EXCEL;
        if (t && sqlite3_stricmp(t, "calc") == 0) return AEX_CONVENTION_CALC;
        return -1;
    }
    switch (sqlite3_value_numeric_type(argv[index])) {
    case SQLITE_INTEGER: {
        sqlite3_int64 c = sqlite3_value_int64(argv[index]);
        return c == AEX_CONVENTION_EXCEL || c == AEX_CONVENTION_CALC ? (int32_t)c : -1;
    }
    default: return -1;
    }
}

static void rank_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    const Spec *spec = sqlite3_user_data(ctx);
    int x_at = spec->shape == CELL_PERCENTRANK ? 1 : 0, list_at = 1 - x_at;
    double x = NAN;
    if (sqlite3_value_type(argv[x_at]) == SQLITE_NULL) {
        if (spec->shape != SQL_DISTRIBUTION) {
            sqlite3_result_null(ctx);
            return;
        }
    } else {
        switch (sqlite3_value_numeric_type(argv[x_at])) {
        case SQLITE_INTEGER:
        case SQLITE_FLOAT: x = sqlite3_value_double(argv[x_at]); break;
        default: error_text(ctx, spec->name, "x is not a number"); return;
        }
    }
    aexsql_list list;
    if (!aexsql_list_read(ctx, argv[list_at], spec->name, "list", &list)) return;
    double out = NAN;
    int32_t status = AEX_OK;
    switch (spec->shape) {
    case CELL_RANK: status = spec->rank(&out, x, list.v, list.n, flag_arg(argc, argv, 2)); break;
    case CELL_PERCENTRANK: {
        int32_t significance = 0;
        if (argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL) {
            sqlite3_int64 s = sqlite3_value_int64(argv[2]);
            if (s < 1 || s > INT32_MAX) {
                aexsql_list_free(&list);
                error_text(ctx, spec->name, "significance must be a whole number of digits, at least 1");
                return;
            }
            significance = (int32_t)s;
        }
        int32_t convention = convention_arg(argc, argv, 3);
        if (convention < 0) {
            aexsql_list_free(&list);
            error_text(ctx, spec->name, "convention must be 'excel' (0) or 'calc' (1)");
            return;
        }
        status = spec->percentrank(&out, list.v, list.n, x, significance, convention);
        break;
    }
    case SQL_DISTRIBUTION: {
        int found;
        status = sql_distribution_of(&out, spec, x, &list, flag_arg(argc, argv, 2), &found);
        if (status == AEX_OK && !found) {
            aexsql_list_free(&list);
            if (isnan(x)) {
                sqlite3_result_null(ctx);
                return;
            } /* NULL x, no NULL in the list */
            char *what = sqlite3_mprintf("x (%!.17g) is not in the list", x);
            error_text(ctx, spec->name, what ? what : "x is not in the list");
            sqlite3_free(what);
            return;
        }
        break;
    }
    case SCALED: {
        /* The spreadsheet's order flag (0 = descending) or SQL's descending flag. */
        int32_t flag = flag_arg(argc, argv, 2);
        int32_t order = spec->sql_order ? (flag ? AEX_ORDER_DESCENDING : AEX_ORDER_ASCENDING)
                                        : (flag ? AEX_ORDER_ASCENDING : AEX_ORDER_DESCENDING);
        int found;
        status = scaled_rank_of(&out, spec, x, &list, order, &found);
        if (status == AEX_OK && !found) {
            aexsql_list_free(&list);
            char *what = sqlite3_mprintf("x (%!.17g) is not in the list", x);
            error_text(ctx, spec->name, what ? what : "x is not in the list");
            sqlite3_free(what);
            return;
        }
        break;
    }
    }
    aexsql_list_free(&list);
    if (status != AEX_OK) aexsql_result_status(ctx, spec->name, status);
    else sqlite3_result_double(ctx, out);
}

int aexsql_register_ranks(sqlite3 *db, int flags) {
    for (size_t i = 0; i < sizeof SPECS / sizeof SPECS[0]; i++) {
        int most = SPECS[i].shape == CELL_PERCENTRANK ? 4 : 3;
        for (int argc = 2; argc <= most; argc++) {
            int rc = sqlite3_create_function_v2(db, SPECS[i].name, argc, flags, (void *)&SPECS[i], rank_fn, NULL, NULL,
                                                NULL);
            if (rc != SQLITE_OK) return rc;
        }
    }
    return SQLITE_OK;
}
#endif
