/* C tests of the libffi runtime binding (bindings/c): open by path, ABI check, registry,
** typed calls by name, defaults, errors.  Built WITHOUT include/autoexports.h: the
** library is only ever reached through dlopen (AEX_TEST_LIB names it). */
// run.sh: -Ibindings/c bindings/c/aexffi.c -lffi -Wl,--as-needed
#include "aexffi.h"
#include "check.h"
#include <pthread.h>

static const char *lib_path(void) {
    const char *p = getenv("AEX_TEST_LIB");
    return p ? p : ".build/release/libautoexports.so";
}

static aexffi_library *lib;

static void test_open_reads_the_registry(void) {
    CHECK(aexffi_open(&lib, lib_path()) == AEXFFI_OK);
    if (!lib) {
        fprintf(stderr, "cannot open: %s\n", aexffi_last_error());
        exit(1);
    }
    CHECK(strcmp(aexffi_version(lib), "0.1.0") >= 0);
    CHECK(aexffi_function_count(lib) >= 11);
    CHECK(aexffi_function_at(lib, -1) == NULL && aexffi_function_at(lib, aexffi_function_count(lib)) == NULL);
    const aexffi_function *f = aexffi_find(lib, "rank_values");
    CHECK(f != NULL && f == aexffi_find(lib, "aex_rank_values"));
    CHECK(aexffi_input_count(lib, f) == 4 && aexffi_required_count(lib, f) == 1);
    CHECK(strcmp(aexffi_input_param(lib, f, 0)->name, "values") == 0);
    CHECK(aexffi_input_param(lib, f, 4) == NULL);
    /* Every registered function can be called through this binding. */
    for (int64_t i = 0; i < aexffi_function_count(lib); i++)
        CHECK(aexffi_input_count(lib, aexffi_function_at(lib, i)) >= 0);
}

static void test_typed_call(void) {
    const double v[4] = {30, 20, 20, 10};
    aexffi_value args[4] = {aexffi_doubles(v, 4), aexffi_int(2), aexffi_int(1), aexffi_int(0)};
    aexffi_result *r = NULL;
    CHECK(aexffi_call(lib, "aex_rank_values", args, 4, &r) == AEXFFI_OK);
    CHECK(r && r->status == 0 && strcmp(r->status_name, "AEX_OK") == 0 && strcmp(r->error, "") == 0);
    CHECK(r && r->output_count == 1 && strcmp(r->outputs[0].name, "out_ranks") == 0);
    const double want[4] = {1, 2.5, 2.5, 4};
    CHECK(r && r->outputs[0].value.kind == AEXFFI_DOUBLES && r->outputs[0].value.n == 4 &&
          check_arrays(r->outputs[0].value.doubles, want, 4));
    aexffi_result_free(r);
}

static void test_names_and_defaults(void) {
    const double v[4] = {30, 20, 20, 10};
    /* method by name; order and missing from their defaults (descending, keep). */
    aexffi_value args[2] = {aexffi_doubles(v, 4), aexffi_string("dense")};
    aexffi_result *r = NULL;
    CHECK(aexffi_call(lib, "rank_values", args, 2, &r) == AEXFFI_OK);
    const double want[4] = {1, 2, 2, 3};
    CHECK(r && check_arrays(r->outputs[0].value.doubles, want, 4));
    aexffi_result_free(r);
    aexffi_value with_default[3] = {aexffi_doubles(v, 4), aexffi_default(), aexffi_string("ascending")};
    CHECK(aexffi_call(lib, "rank_values", with_default, 3, &r) == AEXFFI_OK);
    const double asc[4] = {4, 2, 2, 1};
    CHECK(r && check_arrays(r->outputs[0].value.doubles, asc, 4));
    aexffi_result_free(r);
}

static void test_return_values(void) {
    aexffi_result *r = NULL;
    CHECK(aexffi_call(lib, "aex_status_string", (aexffi_value[]){aexffi_int(-2)}, 1, &r) == AEXFFI_OK);
    CHECK(r && r->output_count == 1 && r->outputs[0].value.kind == AEXFFI_STRING &&
          strcmp(r->outputs[0].value.s, "AEX_E_NULL_POINTER") == 0);
    aexffi_result_free(r);
    CHECK(aexffi_call(lib, "aex_abi_version", NULL, 0, &r) == AEXFFI_OK);
    CHECK(r && r->outputs[0].value.kind == AEXFFI_INT && r->outputs[0].value.i == AEXFFI_ABI_MAJOR);
    aexffi_result_free(r);
    CHECK(aexffi_call(lib, "aex_registry_count", NULL, 0, &r) == AEXFFI_OK);
    CHECK(r && r->outputs[0].value.i == aexffi_function_count(lib));
    aexffi_result_free(r);
    /* A NULL pointer result carries the library's reason. */
    CHECK(aexffi_call(lib, "aex_get_api", (aexffi_value[]){aexffi_int(2)}, 1, &r) == AEXFFI_OK);
    CHECK(r && r->outputs[0].value.kind == AEXFFI_HANDLE && r->outputs[0].value.p == NULL);
    CHECK(r && strstr(r->error, "ABI major 2 is not provided") != NULL);
    aexffi_result_free(r);
}

static void test_library_error_status(void) {
    const double v[2] = {1, 2};
    aexffi_result *r = NULL;
    CHECK(aexffi_call(lib, "aex_rank_values", (aexffi_value[]){aexffi_doubles(v, 2), aexffi_int(9)}, 2, &r) ==
          AEXFFI_E_CALL);
    CHECK(r && r->status == -1 && strcmp(r->status_name, "AEX_E_INVALID_ARGUMENT") == 0);
    CHECK(r && strstr(r->error, "method has unknown value 9") != NULL && r->output_count == 0);
    CHECK(strstr(aexffi_last_error(), "AEX_E_INVALID_ARGUMENT") != NULL);
    aexffi_result_free(r);
    /* A negative array length never reaches the library as a buffer size. */
    CHECK(aexffi_call(lib, "aex_rank_values", (aexffi_value[]){aexffi_doubles(v, -1)}, 1, &r) == AEXFFI_E_ARG_TYPE);
    CHECK(r == NULL && strstr(aexffi_last_error(), "negative length") != NULL);
}

static void test_bad_calls_are_clear_errors(void) {
    const double v[2] = {1, 2};
    aexffi_result *r = (aexffi_result *)&r;
    CHECK(aexffi_call(lib, "aex_no_such_function", NULL, 0, &r) == AEXFFI_E_UNKNOWN_FUNCTION);
    CHECK(r == NULL && strstr(aexffi_last_error(), "no function named \"aex_no_such_function\"") != NULL);
    CHECK(aexffi_call(lib, "aex_rank_values", NULL, 0, &r) == AEXFFI_E_ARG_COUNT);
    CHECK(strstr(aexffi_last_error(), "takes 1 to 4 arguments (values, method, order, missing), got 0") != NULL);
    aexffi_value five[5] = {aexffi_doubles(v, 2), aexffi_int(0), aexffi_int(0), aexffi_int(0), aexffi_int(0)};
    CHECK(aexffi_call(lib, "aex_rank_values", five, 5, &r) == AEXFFI_E_ARG_COUNT);
    /* A string where a number is expected. */
    CHECK(aexffi_call(lib, "aex_rank_values", (aexffi_value[]){aexffi_doubles(v, 2), aexffi_string("fast")}, 2, &r) ==
          AEXFFI_E_ARG_TYPE);
    CHECK(strstr(aexffi_last_error(), "argument 2 (method): \"fast\" is not an integer or one of competition") != NULL);
    CHECK(aexffi_call(lib, "aex_status_string", (aexffi_value[]){aexffi_string("x")}, 1, &r) == AEXFFI_E_ARG_TYPE);
    CHECK(strstr(aexffi_last_error(), "argument 1 (status): \"x\" is not an integer") != NULL);
    CHECK(aexffi_call(lib, "aex_status_string", (aexffi_value[]){aexffi_double(1.5)}, 1, &r) == AEXFFI_E_ARG_TYPE);
    CHECK(aexffi_call(lib, "aex_status_string", (aexffi_value[]){aexffi_int(1LL << 40)}, 1, &r) == AEXFFI_E_ARG_TYPE);
    CHECK(strstr(aexffi_last_error(), "does not fit in int32") != NULL);
    /* A number where an array or text is expected. */
    CHECK(aexffi_call(lib, "aex_rank_values", (aexffi_value[]){aexffi_double(3)}, 1, &r) == AEXFFI_E_ARG_TYPE);
    CHECK(strstr(aexffi_last_error(), "argument 1 (values) must be an array of numbers") != NULL);
    CHECK(aexffi_call(lib, "aex_registry_find", (aexffi_value[]){aexffi_int(3)}, 1, &r) == AEXFFI_E_ARG_TYPE);
    CHECK(r == NULL);
    /* NULL where this API needs a pointer. */
    CHECK(aexffi_call(lib, "aex_abi_version", NULL, 0, NULL) == AEXFFI_E_NULL);
    CHECK(aexffi_call(NULL, "aex_abi_version", NULL, 0, &r) == AEXFFI_E_NULL);
    CHECK(aexffi_call(lib, NULL, NULL, 0, &r) == AEXFFI_E_NULL);
    CHECK(aexffi_call(lib, "aex_status_string", NULL, 1, &r) == AEXFFI_E_NULL);
    CHECK(aexffi_find(lib, NULL) == NULL && aexffi_find(NULL, "x") == NULL);
}

static void test_text_calls(void) {
    aexffi_result *r = NULL;
    const char *ok[] = {"30,nan,20,-inf", "fractional", "ascending", "bottom"};
    CHECK(aexffi_call_text(lib, "aex_rank_values", 4, ok, &r) == AEXFFI_OK);
    const double want[4] = {3, 4, 2, 1};
    CHECK(r && check_arrays(r->outputs[0].value.doubles, want, 4));
    aexffi_result_free(r);
    const char *empty[] = {""};
    CHECK(aexffi_call_text(lib, "aex_rank_values", 1, empty, &r) == AEXFFI_OK);
    CHECK(r && r->outputs[0].value.n == 0);
    aexffi_result_free(r);
    const char *bad_item[] = {"1,,2"};
    CHECK(aexffi_call_text(lib, "aex_rank_values", 1, bad_item, &r) == AEXFFI_E_ARG_TYPE);
    CHECK(strstr(aexffi_last_error(), "item 2 \"\" is not a number") != NULL);
    const char *handle[] = {"0x1234"};
    CHECK(aexffi_call_text(lib, "aex_registry_get", 1, handle, &r) == AEXFFI_E_ARG_TYPE);
    const char *unknown[] = {"1"};
    CHECK(aexffi_call_text(lib, "nope", 1, unknown, &r) == AEXFFI_E_UNKNOWN_FUNCTION);
}

static void test_not_autoexports_and_missing_files(void) {
    aexffi_library *other = (aexffi_library *)&other;
    CHECK(aexffi_open(&other, "libm.so.6") == AEXFFI_E_NOT_AUTOEXPORTS);
    CHECK(other == NULL && strstr(aexffi_last_error(), "is not libautoexports") != NULL);
    CHECK(aexffi_open(&other, "/nonexistent/libautoexports.so") == AEXFFI_E_OPEN);
    CHECK(strstr(aexffi_last_error(), "/nonexistent/libautoexports.so") != NULL);
    CHECK(aexffi_open(&other, "Tests/c/check.h") == AEXFFI_E_OPEN);
    CHECK(aexffi_open(&other, NULL) == AEXFFI_E_NULL && aexffi_open(NULL, "x") == AEXFFI_E_NULL);
    aexffi_close(NULL);
}

static void *rank_many(void *arg) {
    (void)arg;
    const double v[4] = {30, 20, 20, 10}, want[4] = {1, 2, 2, 4};
    intptr_t bad = 0;
    for (int i = 0; i < 2000; i++) {
        aexffi_result *r = NULL;
        if (aexffi_call(lib, "aex_rank_values", (aexffi_value[]){aexffi_doubles(v, 4)}, 1, &r) != AEXFFI_OK ||
            !check_arrays(r->outputs[0].value.doubles, want, 4))
            bad++;
        aexffi_result_free(r);
    }
    return (void *)bad;
}

/* One prepared library, called from several threads at once. */
static void test_concurrent_calls(void) {
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, rank_many, NULL);
    for (int i = 0; i < 4; i++) {
        void *bad;
        pthread_join(t[i], &bad);
        CHECK(bad == NULL);
    }
}

int main(void) {
    test_open_reads_the_registry();
    test_typed_call();
    test_names_and_defaults();
    test_return_values();
    test_library_error_status();
    test_bad_calls_are_clear_errors();
    test_text_calls();
    test_not_autoexports_and_missing_files();
    test_concurrent_calls();
    aexffi_close(lib);
    return check_finish("c/test_ffi");
}
