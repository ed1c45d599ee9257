/* Private declarations of the SQLite extension inside libautoexports; not public API.
**
** The extension is a thin host adapter: it converts SQL values to the C API's arrays,
** calls aex_* functions and turns their status into SQL errors.  It computes nothing
** itself.  Every SQLite routine is reached through the sqlite3_api pointer handed to the
** entry point (sqlite3ext.h), so the library does not link libsqlite3 and loads
** unchanged in programs that never use SQLite.  The names start with aexsql_, which
** the export list (Sources/AutoExportsABI/autoexports.map) keeps local.
**
** Built only when <sqlite3ext.h> (Debian: libsqlite3-dev) is present at build time;
** otherwise the library simply has no sqlite3_autoexports_init. */
#ifndef AEXSQL_H
#define AEXSQL_H

#if defined(__has_include)
#  if __has_include(<sqlite3ext.h>)
#    define AEXSQL_HAVE_SQLITE 1
#  endif
#endif

#ifdef AEXSQL_HAVE_SQLITE
#  include <sqlite3ext.h>
#  include <stddef.h>
#  include <stdint.h>

SQLITE_EXTENSION_INIT3

/** Doubles read from a SQL argument (NaN = missing); `v` is sqlite3_malloc'ed. */
typedef struct aexsql_list {
    double *v;
    int64_t n;
} aexsql_list;

/** Reads a list argument: the BLOB made by the aex_values() aggregate, or JSON array
**  text (numbers and nulls; json_group_array() makes it).  Returns 1 and fills `out`
**  on success; returns 0 after setting an SQL error that names `fn` and `arg` on
**  failure, or with out->v == NULL and the result set to NULL when the argument is NULL. */
int aexsql_list_read(sqlite3_context *ctx, sqlite3_value *value, const char *fn, const char *arg, aexsql_list *out);
void aexsql_list_free(aexsql_list *list);

/** Sets the SQL error "fn: <the library's message>" for a failed aex_* call. */
void aexsql_result_status(sqlite3_context *ctx, const char *fn, int32_t status);

/** The SQL that reads a table-valued function's source as s(e, p, v) (exporter, period,
**  value) followed by `select_from_s`: `source` is a table or view with the columns
**  exporter, period, value, or a SELECT / WITH / VALUES statement of three columns.
**  sqlite3_malloc'ed; NULL when out of memory. */
char *aexsql_source_query(const char *source, const char *select_from_s);

/** xBestIndex of a table-valued function: passes the equality constraints found on its
**  hidden argument columns (`at[k]`: the constraint's index for argument k, or -1) to
**  xFilter in argument order, records which were given in idxNum (bit k) and sets the
**  cost and row estimates.  Returns SQLITE_OK. */
int aexsql_use_arguments(sqlite3_index_info *info, const int *at, int n_args, double cost, sqlite3_int64 rows);

/* A table function's error: `msg` (from sqlite3_mprintf, owned from here on) becomes the
** table's error message; returns `rc`, or SQLITE_NOMEM when `msg` is NULL. */
int aexsql_vtab_fail(sqlite3_vtab_cursor *cur, int rc, char *msg);

/* A period argument as the library's code: an integer code as it is, text parsed by
** aex_period_parse; 0 (AEX_NO_PERIOD) for NULL, out of range or unparsable. */
int32_t aexsql_period_code(sqlite3_value *v);

/** Registration of each group of functions; SQLITE_OK or an SQLite error code. */
int aexsql_register_values(sqlite3 *db, int flags);
int aexsql_register_ranks(sqlite3 *db, int flags);
int aexsql_register_overtakes(sqlite3 *db);
int aexsql_register_milestones(sqlite3 *db);
int aexsql_register_destinations(sqlite3 *db);

#endif /* AEXSQL_HAVE_SQLITE */
#endif /* AEXSQL_H */
