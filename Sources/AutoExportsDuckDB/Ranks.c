/* Scalar ranking functions over a LIST, the same names and semantics as the SQLite
** extension (Sources/AutoExportsSQLite/RankFunctions.c):
**
**   aex_rank_eq(x, list [, order])            RANK.EQ: ties share the best rank (1,2,2,4)
**   aex_rank_avg(x, list [, order])           RANK.AVG: ties share the mean (1,2.5,2.5,4)
**   aex_rank_dense(x, list [, order])         DENSE_RANK (1,2,2,3)
**   aex_percent_rank(x, list [, descending])  PERCENT_RANK: (rank - 1) / (n - 1)
**   aex_cume_dist(x, list [, descending])     CUME_DIST: share of values at or before x
**   aex_percentrank_inc(list, x [, significance])  PERCENTRANK.INC, interpolating
**   aex_percentrank_exc(list, x [, significance])  PERCENTRANK.EXC, interpolating
**
**   SELECT aex_rank_eq(units, list(units) OVER (PARTITION BY year)) FROM exports;
**
** x DOUBLE, list DOUBLE[] (DuckDB casts INTEGER[] and the like), the flag BIGINT (any
** integer or BOOLEAN).
** order (the spreadsheet's flag): 0, NULL or omitted = descending (the largest is 1),
** anything else = ascending.  descending (SQL's sense): 0, NULL or omitted = ascending.
** significance: NULL or omitted = unrounded, k >= 1 = truncated to k decimal digits.
** An x or list of NULL gives NULL; NULLs in the list are left out; x not in the list (or,
** for the percent ranks, outside the list's range) is an error.
**
** Vectorised over DuckDB's data chunks: one call per chunk; the list of each row is read
** from the LIST vector's child without copying values one by one.  A window such as
** list(units) OVER (PARTITION BY year) gives every row of a partition the same list, so
** the last list's ranks are kept and reused while the next row's list is equal to it
** (memcmp of the values): ranking a partition of n rows costs one sort, not n. */
#include "aexduck.h"

#include <autoexports.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum Shape {
    CELL_RANK,        /* aex_rank_eq / aex_rank_avg: fn(out, x, list, n, order) */
    CELL_PERCENTRANK, /* aex_percentrank_inc/exc: fn(out, list, n, x, significance, convention) */
    SCALED,           /* aex_rank_values_scaled over the list, then x's entry */
} Shape;

typedef struct Spec {
    const char *name;
    Shape shape;
    int32_t (*rank)(double *, double, const double *, int64_t, int32_t);
    int32_t (*percentrank)(double *, const double *, int64_t, double, int32_t, int32_t);
    int32_t method, scale; /* of the cached ranking (CELL_RANK: the matching method) */
    int sql_order;         /* 1: the third argument is SQL's "descending" flag */
} Spec;

static const Spec SPECS[] = {
    {"aex_rank_eq", CELL_RANK, aex_rank_eq, NULL, AEX_RANK_COMPETITION, AEX_SCALE_RANK, 0},
    {"aex_rank_avg", CELL_RANK, aex_rank_avg, NULL, AEX_RANK_FRACTIONAL, AEX_SCALE_RANK, 0},
    {"aex_rank_dense", SCALED, NULL, NULL, AEX_RANK_DENSE, AEX_SCALE_RANK, 0},
    {"aex_percent_rank", SCALED, NULL, NULL, AEX_RANK_COMPETITION, AEX_SCALE_PERCENT_RANK, 1},
    {"aex_cume_dist", SCALED, NULL, NULL, AEX_RANK_COMPETITION, AEX_SCALE_CUME_DIST, 1},
    {"aex_percentrank_inc", CELL_PERCENTRANK, NULL, aex_percentrank_inc, 0, 0, 0},
    {"aex_percentrank_exc", CELL_PERCENTRANK, NULL, aex_percentrank_exc, 0, 0, 0},
};

/* A ranked list: the values, and (value, rank) pairs of the non-missing ones by value. */
typedef struct Pair {
    double value, rank;
} Pair;
typedef struct Cache {
    aexduck_doubles list; /* the values of the last list ranked */
    Pair *pairs;
    int64_t n_pairs, cap_pairs;
    int32_t order;
    int valid;
} Cache;

static int pair_cmp(const void *a, const void *b) {
    double x = ((const Pair *)a)->value, y = ((const Pair *)b)->value;
    return x < y ? -1 : x > y;
}

/* Ranks `list` with the spec's method (the library), keeping (value, rank) sorted. */
static int32_t cache_fill(Cache *c, const Spec *spec, const double *v, int64_t n, int32_t order) {
    c->valid = 0;
    if (!aexduck_reserve(&c->list, n > 0 ? n : 1)) return AEX_E_OUT_OF_MEMORY;
    if (n > 0) memcpy(c->list.v, v, (size_t)n * sizeof(double));
    c->list.n = n;
    if (n > c->cap_pairs) {
        Pair *p = realloc(c->pairs, (size_t)n * sizeof(Pair));
        if (p == NULL) return AEX_E_OUT_OF_MEMORY;
        c->pairs = p;
        c->cap_pairs = n;
    }
    double *ranks = malloc((size_t)(n > 0 ? n : 1) * sizeof(double));
    if (ranks == NULL) return AEX_E_OUT_OF_MEMORY;
    int32_t status =
        n == 0 ? AEX_OK : aex_rank_values_scaled(ranks, v, n, spec->method, order, AEX_MISSING_KEEP, spec->scale);
    if (status == AEX_OK) {
        c->n_pairs = 0;
        for (int64_t i = 0; i < n; i++) {
            if (!isnan(v[i])) c->pairs[c->n_pairs++] = (Pair){v[i], ranks[i]};
        }
        qsort(c->pairs, (size_t)c->n_pairs, sizeof(Pair), pair_cmp);
        c->order = order;
        c->valid = 1;
    }
    free(ranks);
    return status;
}

static int cache_matches(const Cache *c, const double *v, int64_t n, int32_t order) {
    return c->valid && c->order == order && c->list.n == n &&
        (n == 0 || memcmp(c->list.v, v, (size_t)n * sizeof(double)) == 0);
}

/* x's rank in the cached list; 0 when x is not in it. */
static int cache_lookup(const Cache *c, double x, double *out) {
    int64_t lo = 0, hi = c->n_pairs;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (c->pairs[mid].value < x) lo = mid + 1;
        else hi = mid;
    }
    if (lo < c->n_pairs && c->pairs[lo].value == x) {
        *out = c->pairs[lo].rank;
        return 1;
    }
    return 0;
}

/* bool_flag: the third argument is BOOLEAN, else BIGINT. */
static void rank_chunk(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output, int bool_flag) {
    const Spec *spec = aexduck.duckdb_scalar_function_get_extra_info(info);
    idx_t rows = aexduck.duckdb_data_chunk_get_size(input);
    idx_t n_args = aexduck.duckdb_data_chunk_get_column_count(input);
    int x_at = spec->shape == CELL_PERCENTRANK ? 1 : 0, list_at = 1 - x_at;
    duckdb_vector xv = aexduck.duckdb_data_chunk_get_vector(input, (idx_t)x_at);
    duckdb_vector lv = aexduck.duckdb_data_chunk_get_vector(input, (idx_t)list_at);
    duckdb_vector fv = n_args > 2 ? aexduck.duckdb_data_chunk_get_vector(input, 2) : NULL;
    const double *x = aexduck.duckdb_vector_get_data(xv);
    const uint64_t *x_ok = aexduck.duckdb_vector_get_validity(xv);
    const duckdb_list_entry *entries = aexduck.duckdb_vector_get_data(lv);
    const uint64_t *l_ok = aexduck.duckdb_vector_get_validity(lv);
    duckdb_vector child = aexduck.duckdb_list_vector_get_child(lv);
    const double *elems = aexduck.duckdb_vector_get_data(child);
    const uint64_t *e_ok = aexduck.duckdb_vector_get_validity(child);
    const int64_t *flag = fv && !bool_flag ? aexduck.duckdb_vector_get_data(fv) : NULL;
    const bool *bflag = fv && bool_flag ? aexduck.duckdb_vector_get_data(fv) : NULL;
    const uint64_t *f_ok = fv ? aexduck.duckdb_vector_get_validity(fv) : NULL;
    double *out = aexduck.duckdb_vector_get_data(output);
    aexduck.duckdb_vector_ensure_validity_writable(output);
    uint64_t *out_ok = aexduck.duckdb_vector_get_validity(output);

    aexduck_doubles list = {0};
    Cache cache = {0};
    char *error = NULL;
    for (idx_t r = 0; r < rows && error == NULL; r++) {
        if (!aexduck_valid(x_ok, r) || !aexduck_valid(l_ok, r)) {
            aexduck_set_null(out_ok, r);
            continue;
        }
        int32_t f = flag && aexduck_valid(f_ok, r) ? flag[r] != 0 : bflag && aexduck_valid(f_ok, r) ? bflag[r] : 0;
        /* The row's list, NULL elements as NaN (missing, left out by the library). */
        const duckdb_list_entry e = entries[r];
        const double *v = elems + e.offset;
        int64_t n = (int64_t)e.length;
        int has_null = 0;
        for (int64_t i = 0; i < n && !has_null; i++) has_null = !aexduck_valid(e_ok, e.offset + (idx_t)i);
        if (has_null) {
            if (!aexduck_reserve(&list, n)) {
                error = aexduck_format("%s: out of memory", spec->name);
                break;
            }
            for (int64_t i = 0; i < n; i++) list.v[i] = aexduck_valid(e_ok, e.offset + (idx_t)i) ? v[i] : NAN;
            v = list.v;
        }
        double result = NAN;
        int32_t status = AEX_OK;
        if (spec->shape == CELL_PERCENTRANK) {
            int32_t significance = 0;
            if (flag && aexduck_valid(f_ok, r)) {
                if (flag[r] < 1 || flag[r] > INT32_MAX) {
                    error = aexduck_format("%s: significance must be a whole number of digits, at least 1", spec->name);
                    break;
                }
                significance = (int32_t)flag[r];
            }
            status = spec->percentrank(&result, v, n, x[r], significance, AEX_CONVENTION_EXCEL);
        } else {
            int32_t order = spec->sql_order ? (f ? AEX_ORDER_DESCENDING : AEX_ORDER_ASCENDING)
                                            : (f ? AEX_ORDER_ASCENDING : AEX_ORDER_DESCENDING);
            if (!cache_matches(&cache, v, n, order)) status = cache_fill(&cache, spec, v, n, order);
            if (status == AEX_OK && !cache_lookup(&cache, x[r], &result)) {
                if (spec->shape == CELL_RANK) {
                    /* Not in the list: the library's own call gives its error. */
                    status = spec->rank(&result, x[r], v, n, f);
                } else {
                    error = aexduck_format("%s: x (%.17g) is not in the list", spec->name, x[r]);
                    break;
                }
            }
        }
        if (status != AEX_OK) {
            error = aexduck_status_message(spec->name, status);
            break;
        }
        out[r] = result;
    }
    aexduck_doubles_free(&list);
    aexduck_doubles_free(&cache.list);
    free(cache.pairs);
    if (error != NULL) {
        aexduck.duckdb_scalar_function_set_error(info, error);
        aexduck_msg_free(error);
    }
}

static void rank_fn(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
    rank_chunk(info, input, output, 0);
}

static void rank_fn_bool(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
    rank_chunk(info, input, output, 1);
}

int aexduck_register_ranks(duckdb_connection con) {
    duckdb_logical_type dbl = aexduck.duckdb_create_logical_type(DUCKDB_TYPE_DOUBLE);
    duckdb_logical_type list = aexduck.duckdb_create_list_type(dbl);
    duckdb_logical_type integer = aexduck.duckdb_create_logical_type(DUCKDB_TYPE_BIGINT);
    duckdb_logical_type boolean = aexduck.duckdb_create_logical_type(DUCKDB_TYPE_BOOLEAN);
    int ok = 1;
    for (size_t i = 0; ok && i < sizeof SPECS / sizeof SPECS[0]; i++) {
        const Spec *spec = &SPECS[i];
        duckdb_scalar_function_set set = aexduck.duckdb_create_scalar_function_set(spec->name);
        /* (x, list), (x, list, BIGINT flag), (x, list, BOOLEAN flag); significance has
        ** no BOOLEAN form. */
        for (int form = 0; ok && form < 3; form++) {
            if (form == 2 && spec->shape == CELL_PERCENTRANK) break;
            duckdb_scalar_function f = aexduck.duckdb_create_scalar_function();
            aexduck.duckdb_scalar_function_set_name(f, spec->name);
            if (spec->shape == CELL_PERCENTRANK) {
                aexduck.duckdb_scalar_function_add_parameter(f, list);
                aexduck.duckdb_scalar_function_add_parameter(f, dbl);
            } else {
                aexduck.duckdb_scalar_function_add_parameter(f, dbl);
                aexduck.duckdb_scalar_function_add_parameter(f, list);
            }
            if (form > 0) aexduck.duckdb_scalar_function_add_parameter(f, form == 1 ? integer : boolean);
            aexduck.duckdb_scalar_function_set_return_type(f, dbl);
            aexduck.duckdb_scalar_function_set_extra_info(f, (void *)spec, NULL);
            aexduck.duckdb_scalar_function_set_function(f, form == 2 ? rank_fn_bool : rank_fn);
            /* NULL arguments reach the function (a NULL flag means 0, not a NULL result). */
            aexduck.duckdb_scalar_function_set_special_handling(f);
            ok = aexduck.duckdb_add_scalar_function_to_set(set, f) == DuckDBSuccess;
            aexduck.duckdb_destroy_scalar_function(&f);
        }
        if (ok) ok = aexduck.duckdb_register_scalar_function_set(con, set) == DuckDBSuccess;
        aexduck.duckdb_destroy_scalar_function_set(&set);
    }
    aexduck.duckdb_destroy_logical_type(&boolean);
    aexduck.duckdb_destroy_logical_type(&integer);
    aexduck.duckdb_destroy_logical_type(&list);
    aexduck.duckdb_destroy_logical_type(&dbl);
    return ok;
}
