/* dlopen_calls — loads a shipped libautoexports with dlopen (path in argv[1]), calls
** nineteen of its functions through dlsym, checks their answers, frees every handle and
** dlcloses the library. Run under
**     valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1
** with no suppression file (Tests/dist/run.sh, Tests/dist/valgrind.sh): a user's program
** sees what this one sees. Compiled with the header only for the prototypes' types; it is
** not linked against the library. Prints "dlopen_calls: N checks passed" and exits 0, or
** names the first failed check and exits 1.
*/
#include "autoexports.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void *lib;
static int checks;

#define FAIL(...) \
  do { \
    fprintf(stderr, "dlopen_calls: line %d: ", __LINE__); \
    fprintf(stderr, __VA_ARGS__); \
    fputc('\n', stderr); \
    return 1; \
  } while (0)
#define CHECK(cond) \
  do { \
    checks++; \
    if (!(cond)) FAIL("%s", #cond); \
  } while (0)
/* A typed pointer `name` to the library's function of that name. */
#define SYM(name) \
  __typeof__(&name) p_##name = (__typeof__(&name))dlsym(lib, #name); \
  if (!p_##name) FAIL("no symbol %s: %s", #name, dlerror())

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: dlopen_calls path/to/libautoexports.so.1\n");
        return 2;
    }
    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) FAIL("dlopen: %s", dlerror());

    SYM(aex_abi_version);
    SYM(aex_version_string);
    SYM(aex_status_string);
    SYM(aex_last_error_message);
    SYM(aex_period_parse);
    SYM(aex_period_format);
    SYM(aex_rank_values);
    SYM(aex_registry_count);
    SYM(aex_panel_create);
    SYM(aex_panel_load_reference);
    SYM(aex_panel_row_count);
    SYM(aex_panel_free);
    SYM(aex_league_table_create);
    SYM(aex_league_table_size);
    SYM(aex_league_table_json);
    SYM(aex_league_table_free);
    SYM(aex_milestone_options_init);
    SYM(aex_milestones_find);
    SYM(aex_milestones_count);
    SYM(aex_milestones_free);

    CHECK(p_aex_abi_version() == AEX_ABI_VERSION);
    CHECK(strcmp(p_aex_version_string(), AEX_VERSION_STRING) == 0);
    CHECK(strcmp(p_aex_status_string(AEX_OK), "AEX_OK") == 0);
    CHECK(p_aex_registry_count() > 50);

    double values[] = {30, 20, 20, 10}, ranks[4];
    CHECK(p_aex_rank_values(ranks, values, 4, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP) == AEX_OK);
    CHECK(ranks[0] == 1 && ranks[1] == 2 && ranks[2] == 2 && ranks[3] == 4);
    /* A failing call: its message lives in thread-local storage the library owns. */
    CHECK(p_aex_rank_values(ranks, values, 4, 99, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP) == AEX_E_INVALID_ARGUMENT);
    CHECK(strlen(p_aex_last_error_message()) > 0);

    int32_t period = 0;
    CHECK(p_aex_period_parse(&period, "2024") == AEX_OK);
    char text[32];
    int64_t length = 0;
    CHECK(p_aex_period_format(text, sizeof text, &length, period) == AEX_OK);
    CHECK(strcmp(text, "2024") == 0 && length == 4);

    aex_panel *panel = NULL;
    CHECK(p_aex_panel_create(&panel) == AEX_OK && panel != NULL);
    CHECK(p_aex_panel_load_reference(panel) == AEX_OK);
    int64_t rows = 0;
    CHECK(p_aex_panel_row_count(&rows, panel) == AEX_OK && rows > 100);

    aex_league_table *table = NULL;
    CHECK(p_aex_league_table_create(&table, panel, period, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, NULL, 0,
                                    AEX_RANK_COMPETITION, NULL) == AEX_OK);
    int64_t table_rows = 0, ranked = 0;
    CHECK(p_aex_league_table_size(&table_rows, &ranked, table) == AEX_OK && ranked >= 5);
    /* The size query, then the text (the two-call protocol for caller buffers). */
    CHECK(p_aex_league_table_json(NULL, 0, &length, table) == AEX_OK && length > 0);
    CHECK(p_aex_league_table_json(text, 8, &length, table) == AEX_E_BUFFER_TOO_SMALL);
    char json[1 << 16];
    CHECK(length < (int64_t)sizeof json);
    CHECK(p_aex_league_table_json(json, sizeof json, &length, table) == AEX_OK);
    CHECK(strstr(json, "\"CHN\"") != NULL);
    CHECK(p_aex_league_table_free(table) == AEX_OK);

    aex_milestone_options options;
    CHECK(p_aex_milestone_options_init(&options) == AEX_OK);
    aex_milestones *list = NULL;
    CHECK(p_aex_milestones_find(&list, panel, &options) == AEX_OK);
    int64_t count = 0;
    CHECK(p_aex_milestones_count(&count, list) == AEX_OK && count > 0);
    CHECK(p_aex_milestones_free(list) == AEX_OK);
    CHECK(p_aex_panel_free(panel) == AEX_OK);

    if (dlclose(lib) != 0) FAIL("dlclose: %s", dlerror());
    printf("dlopen_calls: %d checks passed\n", checks);
    return 0;
}
