/* The SQLite entry point of libautoexports: `.load libautoexports` in the sqlite3 shell
** (or sqlite3_load_extension) calls sqlite3_autoexports_init, which registers
**   aex_values(x)                     aggregate and window function: a list of values
**   aex_rank_eq / aex_rank_avg / ... scalar spreadsheet-shaped ranks over a list
**   aex_overtakes(source)            table-valued function: the overtakes in a table
**   aex_period_key(period)           scalar: the key aex_overtakes orders periods by (numbers,
**                                    numbers stored as text, period texts, YYYY-MM-DD dates)
**   aex_milestones([source])         table-valued function: milestones with sentences
**   aex_milestone_notes([source])    table-valued function: the coverage notes
**   aex_destinations(exporter, to [, from [, source [, metric]]])
**                                    table-valued function: where an exporter's exports went,
**                                    by partner (aex_explain_destinations)
** See bindings/sqlite/README.md for the SQL reference. */
#include "aexsql.h"

#ifdef AEXSQL_HAVE_SQLITE
#  include <autoexports.h>
#  include <string.h>

SQLITE_EXTENSION_INIT1

void aexsql_result_status(sqlite3_context *ctx, const char *fn, int32_t status) {
    if (status == AEX_E_OUT_OF_MEMORY) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    /* The library's message starts with its C function's name ("aex_rank_eq: ..."); the
    ** SQL function's name replaces it. */
    const char *text = aex_last_error_message();
    const char *colon = strstr(text, ": ");
    if (strncmp(text, "aex_", 4) == 0 && colon != NULL && strcspn(text, " :") == (size_t)(colon - text)) {
        text = colon + 2;
    }
    char *msg = sqlite3_mprintf("%s: %s (%s)", fn, text, aex_status_string(status));
    if (msg == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_error(ctx, msg, -1);
    sqlite3_free(msg);
}

__attribute__((visibility("default"))) int sqlite3_autoexports_init(sqlite3 *db, char **pzErrMsg,
                                                                    const sqlite3_api_routines *pApi) {
    SQLITE_EXTENSION_INIT2(pApi);
    /* Window functions (create_window_function) arrived in 3.25.0; the routines table of
    ** an older SQLite does not even have the slot, so check before touching it. */
    if (sqlite3_libversion_number() < 3025000) {
        if (pzErrMsg) {
            *pzErrMsg = sqlite3_mprintf("autoexports needs SQLite 3.25.0 or later (this is %s)", sqlite3_libversion());
        }
        return SQLITE_ERROR;
    }
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_libversion_number() >= 3031000) flags |= SQLITE_INNOCUOUS;
    int rc = aexsql_register_values(db, flags);
    if (rc == SQLITE_OK) rc = aexsql_register_ranks(db, flags);
    if (rc == SQLITE_OK) rc = aexsql_register_overtakes(db);
    if (rc == SQLITE_OK) rc = aexsql_register_milestones(db);
    if (rc == SQLITE_OK) rc = aexsql_register_destinations(db);
    if (rc != SQLITE_OK && pzErrMsg) {
        *pzErrMsg = sqlite3_mprintf("autoexports: registering the SQL functions failed: %s", sqlite3_errmsg(db));
    }
    return rc;
}
#endif

int aexsql_vtab_fail(sqlite3_vtab_cursor *cur, int rc, char *msg) {
    sqlite3_free(cur->pVtab->zErrMsg);
    cur->pVtab->zErrMsg = msg;
    return msg == NULL ? SQLITE_NOMEM : rc;
}

int32_t aexsql_period_code(sqlite3_value *v) {
    if (sqlite3_value_type(v) == SQLITE_INTEGER) {
        sqlite3_int64 x = sqlite3_value_int64(v);
        return x > 0 && x <= INT32_MAX ? (int32_t)x : 0;
    }
    const char *t = (const char *)sqlite3_value_text(v);
    int32_t code = 0;
    return t != NULL && aex_period_parse(&code, t) == AEX_OK ? code : 0;
}
