/* Scalar ranking functions: one value and a list (from aex_values() or a JSON array) in,
** one number out.
**
**   aex_rank_eq(x, list [, order])            RANK.EQ: ties share the best rank (1,2,2,4)
**   aex_rank_avg(x, list [, order])           RANK.AVG: ties share the mean (1,2.5,2.5,4)
**   aex_rank_dense(x, list [, order])         DENSE_RANK (1,2,2,3)
**   aex_percent_rank(x, list [, descending])  PERCENT_RANK: (rank - 1) / (n - 1)
**   aex_cume_dist(x, list [, descending])     CUME_DIST: share of values at or before x
**   aex_percentrank_inc(list, x [, significance])  PERCENTRANK.INC, interpolating
**   aex_percentrank_exc(list, x [, significance])  PERCENTRANK.EXC, interpolating
**
** order (the spreadsheet's flag): 0, NULL or omitted = descending (the largest is 1),
** anything else = ascending.  descending (SQL's sense): 0, NULL or omitted = ascending as
** in ORDER BY value, anything else = descending.  significance: NULL or omitted = the
** unrounded value, k >= 1 = truncated to k decimal digits as Excel does.
** An x of NULL gives NULL; NULLs in the list are left out; x not in the list (or, for
** the percent ranks, outside the list's range) is an error. */
#include "aexsql.h"

#ifdef AEXSQL_HAVE_SQLITE
#include <autoexports.h>
#include <math.h>

typedef enum Shape {
    CELL_RANK,        /* fn(out, x, list, n, order): aex_rank_eq, aex_rank_avg */
    CELL_PERCENTRANK, /* fn(out, list, n, x, significance): aex_percentrank_inc/exc */
    SCALED,           /* aex_rank_values_scaled over the list, then x's entry */
} Shape;

typedef struct Spec {
    const char *name;
    Shape shape;
    int32_t (*rank)(double *, double, const double *, int64_t, int32_t);
    int32_t (*percentrank)(double *, const double *, int64_t, double, int32_t);
    int32_t method, scale;
    int sql_order; /* SCALED: 1 = the third argument is SQL's "descending" flag */
} Spec;

static const Spec SPECS[] = {
    {"aex_rank_eq", CELL_RANK, aex_rank_eq, NULL, 0, 0, 0},
    {"aex_rank_avg", CELL_RANK, aex_rank_avg, NULL, 0, 0, 0},
    {"aex_rank_dense", SCALED, NULL, NULL, AEX_RANK_DENSE, AEX_SCALE_RANK, 0},
    {"aex_percent_rank", SCALED, NULL, NULL, AEX_RANK_COMPETITION, AEX_SCALE_PERCENT_RANK, 1},
    {"aex_cume_dist", SCALED, NULL, NULL, AEX_RANK_COMPETITION, AEX_SCALE_CUME_DIST, 1},
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
    if (msg == NULL) { sqlite3_result_error_nomem(ctx); return; }
    sqlite3_result_error(ctx, msg, -1);
    sqlite3_free(msg);
}

/* The scaled rank of x's entry in the list: the list is ranked by the library, and x's
** entry is read back (ties share a rank, so any equal entry gives the answer). */
static int32_t scaled_rank_of(double *out, const Spec *spec, double x, const aexsql_list *list,
                              int32_t order, int *found) {
    *found = 0;
    if (list->n == 0) return AEX_OK;
    double *ranks = sqlite3_malloc64((sqlite3_uint64)list->n * sizeof(double));
    if (ranks == NULL) return AEX_E_OUT_OF_MEMORY;
    int32_t status = aex_rank_values_scaled(ranks, list->v, list->n, spec->method, order,
                                            AEX_MISSING_KEEP, spec->scale);
    for (int64_t i = 0; status == AEX_OK && i < list->n && !*found; i++) {
        if (list->v[i] == x) { *out = ranks[i]; *found = 1; }
    }
    sqlite3_free(ranks);
    return status;
}

static void rank_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    const Spec *spec = sqlite3_user_data(ctx);
    int x_at = spec->shape == CELL_PERCENTRANK ? 1 : 0, list_at = 1 - x_at;
    if (sqlite3_value_type(argv[x_at]) == SQLITE_NULL) { sqlite3_result_null(ctx); return; }
    double x;
    switch (sqlite3_value_numeric_type(argv[x_at])) {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: x = sqlite3_value_double(argv[x_at]); break;
    default: error_text(ctx, spec->name, "x is not a number"); return;
    }
    aexsql_list list;
    if (!aexsql_list_read(ctx, argv[list_at], spec->name, "list", &list)) return;
    double out = NAN;
    int32_t status = AEX_OK;
    switch (spec->shape) {
    case CELL_RANK:
        status = spec->rank(&out, x, list.v, list.n, flag_arg(argc, argv, 2));
        break;
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
        status = spec->percentrank(&out, list.v, list.n, x, significance);
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
        for (int argc = 2; argc <= 3; argc++) {
            int rc = sqlite3_create_function_v2(db, SPECS[i].name, argc, flags, (void *)&SPECS[i], rank_fn,
                                                NULL, NULL, NULL);
            if (rc != SQLITE_OK) return rc;
        }
    }
    return SQLITE_OK;
}
#endif
