/* aex_overtakes(source): placeholder until the milestone API lands. */
#include "aexsql.h"

#ifdef AEXSQL_HAVE_SQLITE
int aexsql_register_overtakes(sqlite3 *db) {
    (void)db;
    return SQLITE_OK;
}
#endif
