/* Scalar ranking functions shaped like the spreadsheet ones: the rank of x within a
** list (from aex_values() or a JSON array).
**
**   aex_rank_eq(x, list [, order])     RANK.EQ   (competition: 1,2,2,4)
**   aex_rank_avg(x, list [, order])    RANK.AVG  (fractional: 1,2.5,2.5,4)
**   aex_rank_dense(x, list [, order])  dense     (1,2,2,3)
**
** order: 0 or NULL or omitted = descending (the largest is 1), anything else =
** ascending, as in the spreadsheet.  x NULL gives NULL; NULLs in the list are left out;
** x not in the list is an error, as #N/A is in the spreadsheet. */
#include "aexsql.h"

#ifdef AEXSQL_HAVE_SQLITE
#include <autoexports.h>
#include <math.h>

typedef struct RankSpec {
    const char *name;
    int32_t method;
} RankSpec;

static const RankSpec RANKS[] = {
    {"aex_rank_eq", AEX_RANK_COMPETITION},
    {"aex_rank_avg", AEX_RANK_FRACTIONAL},
    {"aex_rank_dense", AEX_RANK_DENSE},
};

/* The spreadsheet's order argument: 0 (or omitted) = descending. */
static int32_t order_arg(int argc, sqlite3_value **argv, int index) {
    if (argc <= index || sqlite3_value_type(argv[index]) == SQLITE_NULL) return AEX_ORDER_DESCENDING;
    return sqlite3_value_double(argv[index]) == 0 ? AEX_ORDER_DESCENDING : AEX_ORDER_ASCENDING;
}

static void rank_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    const RankSpec *spec = sqlite3_user_data(ctx);
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) { sqlite3_result_null(ctx); return; }
    double x = sqlite3_value_double(argv[0]);
    aexsql_list list;
    if (!aexsql_list_read(ctx, argv[1], spec->name, "list", &list)) return;
    double *ranks = sqlite3_malloc64((sqlite3_uint64)(list.n > 0 ? list.n : 1) * sizeof(double));
    if (ranks == NULL) { aexsql_list_free(&list); sqlite3_result_error_nomem(ctx); return; }
    int32_t status = aex_rank_values(ranks, list.v, list.n, spec->method, order_arg(argc, argv, 2),
                                     AEX_MISSING_KEEP);
    if (status != AEX_OK) {
        aexsql_result_status(ctx, spec->name, status);
    } else {
        int64_t at = -1;
        for (int64_t i = 0; i < list.n && at < 0; i++) if (list.v[i] == x) at = i;
        if (at < 0) {
            char *msg = sqlite3_mprintf("%s: x (%!.17g) is not in the list", spec->name, x);
            sqlite3_result_error(ctx, msg ? msg : spec->name, -1);
            sqlite3_free(msg);
        } else {
            sqlite3_result_double(ctx, ranks[at]);
        }
    }
    sqlite3_free(ranks);
    aexsql_list_free(&list);
}

int aexsql_register_ranks(sqlite3 *db, int flags) {
    for (size_t i = 0; i < sizeof RANKS / sizeof RANKS[0]; i++) {
        for (int argc = 2; argc <= 3; argc++) {
            int rc = sqlite3_create_function_v2(db, RANKS[i].name, argc, flags, (void *)&RANKS[i], rank_fn,
                                                NULL, NULL, NULL);
            if (rc != SQLITE_OK) return rc;
        }
    }
    return SQLITE_OK;
}
#endif
