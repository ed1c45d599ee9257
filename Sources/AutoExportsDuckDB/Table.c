/* The result tables of the extension's table functions: computed once at bind time (the
** library's answer is small: events, milestones, league rows), then handed to DuckDB one
** chunk at a time.  Also the SQL that reads a source table or query. */
#include "aexduck.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

aexduck_table *aexduck_table_new(int n_cols, const char *const *names, const duckdb_type *types) {
    aexduck_table *t = calloc(1, sizeof *t);
    if (t == NULL) return NULL;
    t->cols = calloc((size_t)n_cols, sizeof *t->cols);
    if (t->cols == NULL) {
        free(t);
        return NULL;
    }
    t->n_cols = n_cols;
    for (int c = 0; c < n_cols; c++) {
        t->cols[c].name = names[c];
        t->cols[c].type = types[c];
    }
    return t;
}

void aexduck_table_free(void *table) {
    aexduck_table *t = table;
    if (t == NULL) return;
    for (int c = 0; c < t->n_cols; c++) {
        aexduck_column *col = &t->cols[c];
        if (col->s)
            for (int64_t r = 0; r < t->rows; r++) free(col->s[r]);
        free(col->s);
        free(col->d);
        free(col->i);
        free(col->null);
    }
    free(t->cols);
    free(t);
}

static int grow(void **p, int64_t cap, size_t size) {
    void *q = realloc(*p, (size_t)cap * size);
    if (q == NULL) return 0;
    *p = q;
    return 1;
}

int64_t aexduck_table_add_row(aexduck_table *t) {
    if (t->rows == t->cap) {
        int64_t cap = t->cap ? t->cap * 2 : 64;
        for (int c = 0; c < t->n_cols; c++) {
            aexduck_column *col = &t->cols[c];
            int ok = 1;
            switch (col->type) {
            case DUCKDB_TYPE_DOUBLE: ok = grow((void **)&col->d, cap, sizeof *col->d); break;
            case DUCKDB_TYPE_VARCHAR: ok = grow((void **)&col->s, cap, sizeof *col->s); break;
            default: ok = grow((void **)&col->i, cap, sizeof *col->i) && grow((void **)&col->null, cap, 1); break;
            }
            if (!ok) return -1;
        }
        t->cap = cap;
    }
    int64_t r = t->rows++;
    for (int c = 0; c < t->n_cols; c++) {
        aexduck_column *col = &t->cols[c];
        switch (col->type) {
        case DUCKDB_TYPE_DOUBLE: col->d[r] = NAN; break;
        case DUCKDB_TYPE_VARCHAR: col->s[r] = NULL; break;
        default:
            col->i[r] = 0;
            col->null[r] = 1;
            break;
        }
    }
    return r;
}

void aexduck_table_set_double(aexduck_table *t, int64_t row, int col, double v) { t->cols[col].d[row] = v; }

void aexduck_table_set_int(aexduck_table *t, int64_t row, int col, int64_t v) {
    t->cols[col].i[row] = v;
    t->cols[col].null[row] = 0;
}

int aexduck_table_set_text(aexduck_table *t, int64_t row, int col, const char *text, size_t len) {
    char *s = malloc(len + 1);
    if (s == NULL) return 0;
    memcpy(s, text, len);
    s[len] = '\0';
    free(t->cols[col].s[row]);
    t->cols[col].s[row] = s;
    return 1;
}

void aexduck_table_bind(duckdb_bind_info info, aexduck_table *t) {
    for (int c = 0; c < t->n_cols; c++) {
        duckdb_logical_type type = aexduck.duckdb_create_logical_type(t->cols[c].type);
        aexduck.duckdb_bind_add_result_column(info, t->cols[c].name, type);
        aexduck.duckdb_destroy_logical_type(&type);
    }
    aexduck.duckdb_bind_set_cardinality(info, (idx_t)t->rows, true);
    aexduck.duckdb_bind_set_bind_data(info, t, aexduck_table_free);
}

typedef struct Position {
    int64_t next;
} Position;

void aexduck_table_init(duckdb_init_info info) {
    Position *p = calloc(1, sizeof *p);
    aexduck.duckdb_init_set_init_data(info, p, free);
    aexduck.duckdb_init_set_max_threads(info, 1);
}

void aexduck_table_emit(duckdb_function_info info, duckdb_data_chunk output) {
    const aexduck_table *t = aexduck.duckdb_function_get_bind_data(info);
    Position *p = aexduck.duckdb_function_get_init_data(info);
    if (p == NULL) {
        aexduck.duckdb_function_set_error(info, "autoexports: out of memory");
        return;
    }
    int64_t n = t->rows - p->next;
    int64_t room = (int64_t)aexduck.duckdb_vector_size();
    if (n > room) n = room;
    if (n < 0) n = 0;
    for (int c = 0; c < t->n_cols; c++) {
        const aexduck_column *col = &t->cols[c];
        duckdb_vector vec = aexduck.duckdb_data_chunk_get_vector(output, (idx_t)c);
        aexduck.duckdb_vector_ensure_validity_writable(vec);
        uint64_t *ok = aexduck.duckdb_vector_get_validity(vec);
        void *data = aexduck.duckdb_vector_get_data(vec);
        for (int64_t k = 0; k < n; k++) {
            int64_t r = p->next + k;
            idx_t at = (idx_t)k;
            switch (col->type) {
            case DUCKDB_TYPE_DOUBLE:
                if (isnan(col->d[r])) aexduck_set_null(ok, at);
                else ((double *)data)[at] = col->d[r];
                break;
            case DUCKDB_TYPE_VARCHAR:
                if (col->s[r] == NULL) aexduck_set_null(ok, at);
                else aexduck.duckdb_vector_assign_string_element_len(vec, at, col->s[r], strlen(col->s[r]));
                break;
            default:
                if (col->null[r]) {
                    aexduck_set_null(ok, at);
                    break;
                }
                switch (col->type) {
                case DUCKDB_TYPE_BOOLEAN: ((bool *)data)[at] = col->i[r] != 0; break;
                case DUCKDB_TYPE_DATE: ((int32_t *)data)[at] = (int32_t)col->i[r]; break;
                case DUCKDB_TYPE_INTEGER: ((int32_t *)data)[at] = (int32_t)col->i[r]; break;
                default: ((int64_t *)data)[at] = col->i[r]; break;
                }
                break;
            }
        }
    }
    aexduck.duckdb_data_chunk_set_size(output, (idx_t)n);
    p->next += n;
}

/* ---- reading a source ------------------------------------------------------------------ */

static int is_statement(const char *s) {
    while (isspace((unsigned char)*s) || *s == '(') s++;
    return strncasecmp(s, "select", 6) == 0 || strncasecmp(s, "with", 4) == 0 || strncasecmp(s, "values", 6) == 0 ||
        strncasecmp(s, "from", 4) == 0 || strncasecmp(s, "table", 5) == 0;
}

/* A table name as SQL: each dot-separated part double-quoted ("main"."exports"). */
static char *quoted_name(const char *name) {
    size_t len = strlen(name);
    char *q = malloc(len * 2 + 3 * (len + 1) + 1);
    if (q == NULL) return NULL;
    char *w = q;
    *w++ = '"';
    for (const char *p = name; *p; p++) {
        if (*p == '.') {
            *w++ = '"';
            *w++ = '.';
            *w++ = '"';
        } else if (*p == '"') {
            *w++ = '"';
            *w++ = '"';
        } else *w++ = *p;
    }
    *w++ = '"';
    *w = '\0';
    return q;
}

char *aexduck_source_sql(const char *source, const char *extra_sql, const char *order_sql) {
    char *inner;
    if (is_statement(source)) {
        inner = aexduck_format("%s", source);
    } else {
        char *name = quoted_name(source);
        if (name == NULL) return NULL;
        inner = aexduck_format("SELECT exporter, period, value FROM %s", name);
        free(name);
    }
    char *sql = aexduck_format("WITH s(e, p, v) AS (%s) SELECT CAST(e AS VARCHAR), p, CAST(v AS DOUBLE)%s FROM s %s",
                               inner, extra_sql, order_sql);
    aexduck_msg_free(inner);
    return sql;
}
