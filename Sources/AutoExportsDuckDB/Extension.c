/* The DuckDB entry point: `LOAD 'autoexports.duckdb_extension'` (with
** allow_unsigned_extensions) calls autoexports_init_c_api, which registers
**   aex_rank_eq / aex_rank_avg / ...     scalar spreadsheet-shaped ranks over a LIST
**   aex_overtakes(source, ...)           table function: the overtakes in a table or query
**   aex_milestones(...)                  table function: milestones with sentences
**   aex_milestone_notes(...)             table function: the coverage notes
**   aex_league_table(period, ...)        table function: the exporters ranked in a period
** docs/duckdb.md is the SQL reference.  The metadata footer that tools/duckdb/footer.py
** appends tells DuckDB that the extension expects the C API v1.2.0 (ABI type C_STRUCT). */
#include "aexduck.h"

#include <autoexports.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

aexduck_api aexduck;

int aexduck_reserve(aexduck_doubles *d, int64_t n) {
    if (n <= d->cap) return 1;
    int64_t cap = d->cap ? d->cap : 64;
    while (cap < n) cap *= 2;
    double *v = realloc(d->v, (size_t)cap * sizeof(double));
    if (v == NULL) return 0;
    d->v = v;
    d->cap = cap;
    return 1;
}

void aexduck_doubles_free(aexduck_doubles *d) {
    free(d->v);
    d->v = NULL;
    d->n = d->cap = 0;
}

static char OUT_OF_MEMORY[] = "autoexports: out of memory";

char *aexduck_format(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return OUT_OF_MEMORY;
    char *s = malloc((size_t)n + 1);
    if (s == NULL) return OUT_OF_MEMORY;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void aexduck_msg_free(char *msg) {
    if (msg != OUT_OF_MEMORY) free(msg);
}

char *aexduck_status_message(const char *fn, int32_t status) {
    /* The library's message starts with its C function's name ("aex_rank_eq: ..."); the
    ** SQL function's name replaces it (as in the SQLite shim). */
    const char *text = aex_last_error_message();
    const char *colon = strstr(text, ": ");
    if (strncmp(text, "aex_", 4) == 0 && colon != NULL && strcspn(text, " :") == (size_t)(colon - text)) {
        text = colon + 2;
    }
    return aexduck_format("%s: %s (%s)", fn, text, aex_status_string(status));
}

/* ---- the reader connection ------------------------------------------------------------ */

struct aexduck_reader {
    duckdb_connection con;
    pthread_mutex_t lock;
};

aexduck_reader *aexduck_reader_create(duckdb_database db) {
    aexduck_reader *r = calloc(1, sizeof *r);
    if (r == NULL) return NULL;
    if (aexduck.duckdb_connect(db, &r->con) != DuckDBSuccess) {
        free(r);
        return NULL;
    }
    pthread_mutex_init(&r->lock, NULL);
    return r;
}

void aexduck_reader_destroy(void *reader) {
    aexduck_reader *r = reader;
    if (r == NULL) return;
    aexduck.duckdb_disconnect(&r->con);
    pthread_mutex_destroy(&r->lock);
    free(r);
}

/* Set while this thread reads a source: a source that calls an autoexports table function
** would wait for the lock it holds (the connection runs one query at a time). */
static _Thread_local int reading;

int aexduck_reader_query(aexduck_reader *r, const char *sql, duckdb_result *result, char **error) {
    if (r == NULL) {
        *error = aexduck_format("reading a source needs a DuckDB opened in memory (duckdb.connect()), and this "
                                "database was opened from a file: the stable C API gives a table function no "
                                "connection, and a connection of the extension's own would keep the file open "
                                "until the process ends (docs/duckdb.md)");
        return 0;
    }
    if (reading) {
        *error = aexduck_format("a source cannot itself call aex_overtakes, aex_milestones or aex_league_table "
                                "(materialise the inner result in a table first)");
        return 0;
    }
    pthread_mutex_lock(&r->lock);
    reading = 1;
    memset(result, 0, sizeof *result);
    if (aexduck.duckdb_query(r->con, sql, result) != DuckDBSuccess) {
        const char *e = aexduck.duckdb_result_error(result);
        *error = aexduck_format("%s", e ? e : "the query failed");
        aexduck.duckdb_destroy_result(result);
        reading = 0;
        pthread_mutex_unlock(&r->lock);
        return 0;
    }
    return 1;
}

void aexduck_reader_done(aexduck_reader *r, duckdb_result *result) {
    aexduck.duckdb_destroy_result(result);
    reading = 0;
    pthread_mutex_unlock(&r->lock);
}

/* ---- entry point ---------------------------------------------------------------------- */

#define AEXDUCK_API_VERSION "v1.2.0"

/* 1 when no database of the instance is a file (the main database is ":memory:"). */
static int in_memory(duckdb_connection con) {
    duckdb_result res;
    memset(&res, 0, sizeof res);
    int files = 1;
    if (aexduck.duckdb_query(con, "SELECT CAST(count(*) AS BIGINT) FROM duckdb_databases() WHERE path IS NOT NULL",
                             &res) == DuckDBSuccess) {
        duckdb_data_chunk chunk = aexduck.duckdb_fetch_chunk(res);
        if (chunk != NULL) {
            const int64_t *n = aexduck.duckdb_vector_get_data(aexduck.duckdb_data_chunk_get_vector(chunk, 0));
            if (aexduck.duckdb_data_chunk_get_size(chunk) == 1) files = n[0] > 0;
            aexduck.duckdb_destroy_data_chunk(&chunk);
        }
    }
    aexduck.duckdb_destroy_result(&res);
    return !files;
}

__attribute__((visibility("default"))) bool autoexports_init_c_api(duckdb_extension_info info,
                                                                   struct duckdb_extension_access *access) {
    const aexduck_api *api = access->get_api(info, AEXDUCK_API_VERSION);
    if (api == NULL) return false; /* DuckDB has set the error (the API version is too new) */
    /* Only the prefix this extension knows; DuckDB's table may be longer (later versions
    ** append slots, never move them). */
    memcpy(&aexduck, api, sizeof aexduck);
    duckdb_database *db = access->get_database(info);
    duckdb_connection con = NULL;
    if (db == NULL || aexduck.duckdb_connect(*db, &con) != DuckDBSuccess) {
        access->set_error(info, "autoexports: cannot open a connection to the database");
        return false;
    }
    /* The table functions read their sources through a connection of their own: the
    ** stable C API gives a table function no access to the caller's connection.  That
    ** connection keeps the database alive until the process ends (DuckDB cannot close a
    ** database while a connection is open), so it is only made for a database opened in
    ** memory; in a database file, only the embedded data can be read (docs/duckdb.md). */
    aexduck_reader *reader = NULL;
    int ok = 1;
    if (in_memory(con)) {
        reader = aexduck_reader_create(*db);
        ok = reader != NULL;
    }
    if (ok) ok = aexduck_register_ranks(con);
    if (ok) ok = aexduck_register_overtakes(con, reader);
    if (ok) ok = aexduck_register_milestones(con, reader);
    if (ok) ok = aexduck_register_league_table(con, reader);
    aexduck.duckdb_disconnect(&con);
    if (!ok) {
        access->set_error(info, "autoexports: registering the SQL functions failed");
        return false;
    }
    return true;
}
