/* A throw-away DuckDB extension that writes the symbol name of every slot of the C API
** table DuckDB hands out for version v1.2.0, one "index name" line each, to the file named
** by AEX_PROBE_OUT (AEX_PROBE_SLOTS slots), then fails its load on purpose.  It checks
** tools/duckdb/api-v1.2.0.txt (the slot order aexduck_api.h is generated from) against
** the DuckDB at hand: Tests/python/test_duckdb.py builds it with cc, appends the footer
** with footer.py and loads it in the duckdb package (whose library exports the C API
** symbols, so dladdr names each slot's function).  Not part of the extension. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

struct access {
    void (*set_error)(void *info, const char *error);
    void *(*get_database)(void *info);
    const void *(*get_api)(void *info, const char *version);
};

__attribute__((visibility("default"))) bool probe_init_c_api(void *info, struct access *access) {
    void *const *api = access->get_api(info, "v1.2.0");
    const char *out = getenv("AEX_PROBE_OUT"), *slots = getenv("AEX_PROBE_SLOTS");
    FILE *f = api && out && slots ? fopen(out, "w") : NULL;
    if (f == NULL) {
        access->set_error(info, "probe: no API table, AEX_PROBE_OUT or AEX_PROBE_SLOTS");
        return false;
    }
    int n = atoi(slots);
    for (int i = 0; i < n; i++) {
        Dl_info d;
        const char *name = "?";
        if (api[i] != NULL && dladdr(api[i], &d) && d.dli_sname && d.dli_saddr == api[i]) name = d.dli_sname;
        fprintf(f, "%d %s\n", i, name);
    }
    fclose(f);
    access->set_error(info, "probe: done");
    return false;
}
