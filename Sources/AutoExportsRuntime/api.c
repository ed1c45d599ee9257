/* The table behind aex_get_api() and the address of every function for the registry.
**
** AEX_API lists every function of include/autoexports.h (the name without "aex_"), in
** the order of the members of struct aex_api.  Adding a function: append one X(name)
** line here and one member at the end of struct aex_api; the C compiler checks the
** member's type against the function, and the tests check that every declared function
** is listed. */
#include "aex_runtime.h"
#include "autoexports.h"
#include <string.h>

#define AEX_API(X)        \
    X(version_string)     \
    X(version_number)     \
    X(abi_version)        \
    X(status_string)      \
    X(last_error_message) \
    X(registry_count)     \
    X(registry_get)       \
    X(registry_find)      \
    X(registry_json)      \
    X(get_api)            \
    X(rank_values)        \
    X(panel_create)       \
    X(panel_free)         \
    X(panel_load_reference) \
    X(panel_add)          \
    X(panel_row_count)    \
    X(panel_series_count) \
    X(panel_series_info)  \
    X(panel_series_text)  \
    X(panel_find_series)  \
    X(panel_series_values) \
    X(rank_values_scaled) \
    X(rank_groups)        \
    X(rank_groups_i32)    \
    X(rank_eq)            \
    X(rank_avg)           \
    X(percentrank_inc)    \
    X(percentrank_exc) \
    X(overtakes_count)    \
    X(overtakes_find)  \
    X(trend_fit_values)   \
    X(trend_fit_holt)     \
    X(trend_fit_free)     \
    X(trend_fit_get)      \
    X(trend_fit_fitted)   \
    X(trend_forecast)     \
    X(trend_fit_json)     \
    X(crossover_project)  \
    X(crossover_free)     \
    X(crossover_get)      \
    X(crossover_forecast) \
    X(crossover_json) \
    X(milestone_options_init) \
    X(milestones_find) \
    X(milestones_free) \
    X(milestones_count) \
    X(milestones_get_int) \
    X(milestones_get_double) \
    X(milestones_get_text) \
    X(milestones_json) \
    X(milestones_note_count) \
    X(milestones_note_get_int) \
    X(milestones_note_get_text) \
    X(explain_change)     \
    X(explain_gap)        \
    X(explain_overtake)   \
    X(explain_projection) \
    X(panel_import_file)  \
    X(panel_import_buffer) \
    X(rejections_free)    \
    X(rejections_counts)  \
    X(rejections_count)   \
    X(rejections_get)     \
    X(rejections_message) \
    X(panel_export)       \
    X(panel_columns) \
    X(league_table_create) \
    X(league_table_free)  \
    X(league_table_size)  \
    X(league_table_row)   \
    X(league_table_row_text) \
    X(league_table_warning_count) \
    X(league_table_warning_text) \
    X(league_table_json) \
    X(period_parse)       \
    X(period_format)      \
    X(exporter_resolve)

#define AEX_API_SLOT(name) .name = aex_##name,
static const aex_api aexrt_api_v1 = {
    .size = (int64_t)sizeof(aex_api),
    .abi_major = 1,
    .reserved = 0,
    AEX_API(AEX_API_SLOT)
};

typedef struct aexrt_symbol {
    const char *name;
    void (*address)(void);
} aexrt_symbol;

#define AEX_API_SYMBOL(name) {"aex_" #name, (void (*)(void))aex_##name},
static const aexrt_symbol aexrt_symbols[] = {AEX_API(AEX_API_SYMBOL)};

void (*aexrt_symbol_address(const char *name))(void) {
    if (name == NULL) return NULL;
    for (size_t i = 0; i < sizeof aexrt_symbols / sizeof aexrt_symbols[0]; i++)
        if (strcmp(aexrt_symbols[i].name, name) == 0) return aexrt_symbols[i].address;
    return NULL;
}

int64_t aexrt_symbol_count(void) { return (int64_t)(sizeof aexrt_symbols / sizeof aexrt_symbols[0]); }

const void *aexrt_api_v1_address(void) { return &aexrt_api_v1; }
