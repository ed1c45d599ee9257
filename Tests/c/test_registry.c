/* C tests of the Registry section: descriptors, their documented layout, lookups, the
** aex_get_api table, and the errors of each (docs/design.md §7 rule 13). */
#define _GNU_SOURCE
#include "autoexports_api.h"
#include "check.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

/* The layout written in the header is part of the ABI. */
_Static_assert(offsetof(aex_param, size) == 0 && offsetof(aex_param, name) == 8, "aex_param layout");
_Static_assert(offsetof(aex_param, help) == 16 && offsetof(aex_param, c_type) == 24, "aex_param layout");
_Static_assert(offsetof(aex_param, length_name) == 32 && offsetof(aex_param, default_value) == 40, "aex_param layout");
_Static_assert(offsetof(aex_param, allowed) == 48 && offsetof(aex_param, allowed_count) == 56, "aex_param layout");
_Static_assert(offsetof(aex_param, min) == 64 && offsetof(aex_param, max) == 72, "aex_param layout");
_Static_assert(offsetof(aex_param, type) == 80 && offsetof(aex_param, direction) == 84, "aex_param layout");
_Static_assert(offsetof(aex_param, element_type) == 88 && offsetof(aex_param, length_param) == 92, "aex_param layout");
_Static_assert(offsetof(aex_param, flags) == 96 && sizeof(aex_param) == 104, "aex_param layout");
_Static_assert(offsetof(aex_function, name) == 8 && offsetof(aex_function, symbol) == 16, "aex_function layout");
_Static_assert(offsetof(aex_function, category) == 24 && offsetof(aex_function, help) == 32, "aex_function layout");
_Static_assert(offsetof(aex_function, return_c_type) == 40 && offsetof(aex_function, example) == 48,
               "aex_function layout");
_Static_assert(offsetof(aex_function, params) == 56 && offsetof(aex_function, param_count) == 64,
               "aex_function layout");
_Static_assert(offsetof(aex_function, address) == 72 && offsetof(aex_function, return_type) == 80,
               "aex_function layout");
_Static_assert(offsetof(aex_function, flags) == 84 && sizeof(aex_function) == 88, "aex_function layout");
_Static_assert(offsetof(aex_api, abi_major) == 8 && offsetof(aex_api, version_string) == 16, "aex_api layout");

static void *first_use(void *arg) {
    (void)arg;
    return (void *)aex_registry_find("aex_rank_values");
}

/* Run first, before anything else touched the registry: four threads build it at once. */
static void test_concurrent_first_use_gives_one_registry(void) {
    pthread_t t[4];
    void *got[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, first_use, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], &got[i]);
    CHECK(got[0] != NULL);
    for (int i = 1; i < 4; i++) CHECK(got[i] == got[0]);
}

static void test_every_descriptor_is_complete(void) {
    int64_t n = aex_registry_count();
    CHECK(n >= 11);
    for (int64_t i = 0; i < n; i++) {
        const aex_function *f = aex_registry_get(i);
        CHECK(f != NULL);
        if (!f) continue;
        CHECK(f->size == (int64_t)sizeof(aex_function));
        CHECK(strncmp(f->symbol, "aex_", 4) == 0 && strcmp(f->name, f->symbol + 4) == 0);
        CHECK(f->category[0] != '\0' && f->help[0] != '\0' && f->example != NULL);
        CHECK(f->return_type >= AEX_TYPE_VOID && f->return_type <= AEX_TYPE_HANDLE);
        CHECK(f->return_type != AEX_TYPE_DOUBLE_ARRAY && f->return_type != AEX_TYPE_BUFFER);
        /* The address is the exported function itself. */
        void *sym = dlsym(RTLD_DEFAULT, f->symbol);
        CHECK(f->address != NULL && sym != NULL && (void *)f->address == sym);
        CHECK(aex_registry_find(f->symbol) == f);
        CHECK(aex_registry_find(f->name) == f);
        for (int64_t j = 0; j < f->param_count; j++) {
            const aex_param *p = &f->params[j];
            CHECK(p->size == (int64_t)sizeof(aex_param));
            CHECK(p->name[0] != '\0' && p->help[0] != '\0' && p->c_type[0] != '\0');
            CHECK(p->type >= AEX_TYPE_INT32 && p->type <= AEX_TYPE_INT64_ARRAY);
            CHECK(p->direction == AEX_DIR_IN || p->direction == AEX_DIR_OUT);
            CHECK((p->allowed == NULL) == (p->allowed_count == 0));
            int array =
                p->type == AEX_TYPE_DOUBLE_ARRAY || p->type == AEX_TYPE_INT32_ARRAY || p->type == AEX_TYPE_INT64_ARRAY;
            if (array) CHECK(p->direction == AEX_DIR_IN);
            if (p->type == AEX_TYPE_BUFFER) CHECK(p->direction == AEX_DIR_OUT);
            if (array || p->type == AEX_TYPE_BUFFER) {
                /* Sized by an array parameter (one C argument), or by its own length (two). */
                if (p->length_param >= 0) {
                    CHECK(p->length_param < f->param_count && p->length_param != j && p->length_name == NULL);
                    const aex_param *q = &f->params[p->length_param];
                    CHECK((q->type == AEX_TYPE_DOUBLE_ARRAY || q->type == AEX_TYPE_INT32_ARRAY ||
                           q->type == AEX_TYPE_INT64_ARRAY) &&
                          q->length_param == -1);
                } else {
                    CHECK(p->length_name != NULL);
                }
            } else {
                CHECK(p->length_param == -1 && p->length_name == NULL);
            }
        }
    }
}

static void test_rank_values_descriptor(void) {
    const aex_function *f = aex_registry_find("rank_values");
    CHECK(f != NULL);
    if (!f) return;
    CHECK(strcmp(f->category, "Ranking") == 0);
    CHECK(f->return_type == AEX_TYPE_STATUS && strcmp(f->return_c_type, "int32_t") == 0);
    CHECK(f->flags == (AEX_FN_DETERMINISTIC | AEX_FN_THREAD_SAFE));
    CHECK(f->param_count == 5);
    CHECK(strcmp(f->params[0].name, "out_ranks") == 0 && f->params[0].type == AEX_TYPE_BUFFER);
    CHECK(f->params[0].element_type == AEX_TYPE_DOUBLE && f->params[0].length_param == 1);
    CHECK(strcmp(f->params[1].name, "values") == 0 && f->params[1].type == AEX_TYPE_DOUBLE_ARRAY);
    CHECK(strcmp(f->params[1].length_name, "n") == 0);
    const aex_param *method = &f->params[2];
    CHECK(method->type == AEX_TYPE_INT32 && method->allowed_count == 5);
    CHECK(method->allowed[AEX_RANK_FRACTIONAL].value == AEX_RANK_FRACTIONAL);
    CHECK(strcmp(method->allowed[AEX_RANK_FRACTIONAL].name, "fractional") == 0);
    CHECK(strcmp(method->default_value, "0") == 0);
    CHECK(strcmp(f->params[3].allowed[AEX_ORDER_DESCENDING].name, "descending") == 0);
    CHECK(strcmp(f->params[4].allowed[AEX_MISSING_BOTTOM].name, "bottom") == 0);
    CHECK((void *)f->address == (void *)aex_rank_values);
    /* Calling through the descriptor's address. */
    int32_t (*rank)(double *, const double *, int64_t, int32_t, int32_t, int32_t) =
        (int32_t(*)(double *, const double *, int64_t, int32_t, int32_t, int32_t))f->address;
    const double v[4] = {30, 20, 20, 10}, want[4] = {1, 2, 2, 4};
    double out[4];
    CHECK_STATUS(rank(out, v, 4, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP), AEX_OK);
    CHECK(check_arrays(out, want, 4));
}

static void test_lookup_errors(void) {
    CHECK(aex_registry_get(-1) == NULL);
    CHECK(strstr(aex_last_error_message(), "index -1") != NULL);
    CHECK(aex_registry_get(aex_registry_count()) == NULL);
    CHECK(strstr(aex_last_error_message(), "outside") != NULL);
    CHECK(aex_registry_find(NULL) == NULL);
    CHECK(strstr(aex_last_error_message(), "name is NULL") != NULL);
    CHECK(aex_registry_find("aex_no_such_function") == NULL);
    CHECK(strstr(aex_last_error_message(), "aex_no_such_function") != NULL);
    CHECK(aex_registry_find("") == NULL);
    /* A success clears the error text. */
    CHECK(aex_registry_get(0) != NULL);
    CHECK(strcmp(aex_last_error_message(), "") == 0);
    CHECK(strcmp(aex_registry_get(0)->symbol, "aex_version_string") == 0);
}

static void test_json_is_static_and_names_every_function(void) {
    const char *json = aex_registry_json();
    CHECK(json != NULL && json == aex_registry_json());
    CHECK(strncmp(json, "{\"abi_version\": 1,", 18) == 0);
    for (int64_t i = 0; i < aex_registry_count(); i++) {
        char quoted[128];
        snprintf(quoted, sizeof quoted, "\"symbol\": \"%s\"", aex_registry_get(i)->symbol);
        CHECK(strstr(json, quoted) != NULL);
    }
}

static void test_get_api_table(void) {
    const aex_api *api = aex_get_api(AEX_ABI_VERSION);
    CHECK(api != NULL);
    if (!api) return;
    CHECK(api == aex_get_api(1));
    CHECK(api->size == (int64_t)sizeof(aex_api));
    CHECK(api->abi_major == 1 && api->reserved == 0);
    CHECK(api->version_string == aex_version_string && api->abi_version == aex_abi_version);
    CHECK(api->status_string == aex_status_string && api->last_error_message == aex_last_error_message);
    CHECK(api->registry_count == aex_registry_count && api->registry_get == aex_registry_get);
    CHECK(api->registry_find == aex_registry_find && api->registry_json == aex_registry_json);
    CHECK(api->get_api == aex_get_api && api->rank_values == aex_rank_values);
    /* Every member is set: the table holds size + 2 int32 + one pointer per function. */
    CHECK(api->size == 16 + (int64_t)sizeof(void *) * aex_registry_count());
    const char *const *slots = (const char *const *)((const char *)api + 16);
    for (int64_t i = 0; i < aex_registry_count(); i++) CHECK(slots[i] != NULL);
    CHECK(strcmp(api->version_string(), AEX_VERSION_STRING) == 0);
}

static void test_get_api_rejects_other_majors(void) {
    const int32_t majors[] = {0, 2, -1, 1000, INT32_MIN};
    for (size_t i = 0; i < sizeof majors / sizeof majors[0]; i++) {
        CHECK(aex_get_api(majors[i]) == NULL);
        CHECK(strstr(aex_last_error_message(), "is not provided") != NULL);
    }
    CHECK(strstr((aex_get_api(2), aex_last_error_message()), "ABI major 2") != NULL);
}

int main(void) {
    test_concurrent_first_use_gives_one_registry();
    test_every_descriptor_is_complete();
    test_rank_values_descriptor();
    test_lookup_errors();
    test_json_is_static_and_names_every_function();
    test_get_api_table();
    test_get_api_rejects_other_majors();
    return check_finish("c/test_registry");
}
