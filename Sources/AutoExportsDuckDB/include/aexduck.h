/* Private declarations of the DuckDB extension (autoexports.duckdb_extension); not public
** API.
**
** The extension is a thin host adapter, like the SQLite shim (Sources/AutoExportsSQLite):
** it converts DuckDB vectors to the C API's arrays, calls aex_* functions and turns their
** status into DuckDB errors.  It computes nothing itself.  DuckDB is reached only through
** the function table DuckDB hands to the entry point (DuckDB's stable C extension API,
** v1.2.0; aexduck_api.h declares the part used), so the extension links no DuckDB library
** and loads into any DuckDB from 1.2.0 on. */
#ifndef AEXDUCK_H
#define AEXDUCK_H

#include "aexduck_api.h"

/** The table DuckDB passed to the entry point (copied; valid for the process). */
extern aexduck_api aexduck;

/** Doubles read from one LIST row (NaN = a NULL element, which the C API reads as missing). */
typedef struct aexduck_doubles {
    double *v;
    int64_t n, cap;
} aexduck_doubles;

/** Grows `d` to hold n values; 0 when out of memory. */
int aexduck_reserve(aexduck_doubles *d, int64_t n);
void aexduck_doubles_free(aexduck_doubles *d);

/** "fn: <the library's message> (<status>)" for a failed aex_* call, in a malloc'ed
**  buffer (never NULL: a static text when out of memory; free with aexduck_msg_free). */
char *aexduck_status_message(const char *fn, int32_t status);
/** printf into a malloc'ed buffer (a static text when out of memory). */
char *aexduck_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void aexduck_msg_free(char *msg);

/** Row `row` of a vector's validity mask (NULL mask = every row valid). */
static inline int aexduck_valid(const uint64_t *validity, idx_t row) {
    return validity == NULL || (validity[row / 64] >> (row % 64)) & 1;
}
static inline void aexduck_set_null(uint64_t *validity, idx_t row) {
    validity[row / 64] &= ~((uint64_t)1 << (row % 64));
}

/** The bytes of a VARCHAR element. */
static inline const char *aexduck_string(const duckdb_string_t *s, uint32_t *length) {
    *length = s->value.inlined.length;
    return s->value.inlined.length <= 12 ? s->value.inlined.inlined : s->value.pointer.ptr;
}

/** The shared connection the table functions read their sources with (one per database
**  that loaded the extension), serialised by its own lock. */
typedef struct aexduck_reader aexduck_reader;
aexduck_reader *aexduck_reader_create(duckdb_database db);
void aexduck_reader_destroy(void *reader);
/** Runs `sql` on the reader's connection; 1 on success, else 0 with *error set to a
**  malloc'ed message.  The caller destroys the result.  Holds the lock until
**  aexduck_reader_done. */
int aexduck_reader_query(aexduck_reader *reader, const char *sql, duckdb_result *result, char **error);
void aexduck_reader_done(aexduck_reader *reader, duckdb_result *result);

/** A result table materialised at bind time and returned chunk by chunk: what every
**  table function of the extension returns (Table.c).  Columns are DOUBLE (NaN = NULL),
**  BIGINT, DATE (days in the int64 cells), BOOLEAN or VARCHAR. */
typedef struct aexduck_column {
    const char *name;
    duckdb_type type;
    double *d;     /* DOUBLE */
    int64_t *i;    /* BIGINT, DATE, BOOLEAN */
    char **s;      /* VARCHAR (malloc'ed; NULL = SQL NULL) */
    uint8_t *null; /* BIGINT, DATE, BOOLEAN: 1 = SQL NULL */
} aexduck_column;

typedef struct aexduck_table {
    aexduck_column *cols;
    int n_cols;
    int64_t rows, cap;
} aexduck_table;

/** A table with these columns and no rows; NULL when out of memory. */
aexduck_table *aexduck_table_new(int n_cols, const char *const *names, const duckdb_type *types);
void aexduck_table_free(void *table);
/** Appends a row of NULLs; returns its index, or -1 when out of memory. */
int64_t aexduck_table_add_row(aexduck_table *t);
void aexduck_table_set_double(aexduck_table *t, int64_t row, int col, double v);
void aexduck_table_set_int(aexduck_table *t, int64_t row, int col, int64_t v);
/** Copies `len` bytes of text; 0 when out of memory. */
int aexduck_table_set_text(aexduck_table *t, int64_t row, int col, const char *text, size_t len);
/** Declares the table's columns as the function's result and hands it to DuckDB (which
**  frees it); the table function's init and function callbacks are aexduck_table_init and
**  aexduck_table_emit. */
void aexduck_table_bind(duckdb_bind_info info, aexduck_table *t);
void aexduck_table_init(duckdb_init_info info);
void aexduck_table_emit(duckdb_function_info info, duckdb_data_chunk output);

/** Reads a table function's source into rows of (exporter VARCHAR, period, value DOUBLE)
**  plus `extra_sql` columns: `source` is a table or view name (columns exporter, period,
**  value) or a SELECT / WITH / VALUES / FROM statement whose first three columns are the
**  exporter, the period and the value.  The SQL is
**      WITH s(e, p, v) AS (<source>) SELECT e::VARCHAR, p, v::DOUBLE<extra_sql> FROM s <order_sql>
**  Returns the malloc'ed SQL; NULL when out of memory. */
char *aexduck_source_sql(const char *source, const char *extra_sql, const char *order_sql);

/** Reads a source (as aexduck_source_sql) of exporter codes or names, period codes, text
**  or DATEs of one granularity, and values into `panel`: one series per exporter, segment
**  total, `metric`.  Returns NULL, or a malloc'ed error naming `fn` (aexduck_msg_free). */
struct aex_panel;
char *aexduck_source_panel(aexduck_reader *reader, const char *fn, const char *source, const char *metric,
                           struct aex_panel *panel, int32_t *granularity);

/** Registration of each group of functions; 1 on success. */
int aexduck_register_ranks(duckdb_connection con);
int aexduck_register_overtakes(duckdb_connection con, aexduck_reader *reader);
int aexduck_register_milestones(duckdb_connection con, aexduck_reader *reader);
int aexduck_register_league_table(duckdb_connection con, aexduck_reader *reader);

#endif /* AEXDUCK_H */
