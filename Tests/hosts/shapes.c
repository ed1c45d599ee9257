/* A small stand-in library with a registry of the argument shapes the real library does
** not use yet (integer arrays, arrays that share a length, buffers with their own
** length, text buffers, out-parameters of every scalar type, handles), so that the libffi
** binding and the plugin host are tested on each (Tests/python/test_plugin_host.py).
** It uses the real header's descriptor types, as the real library does. */
#include "autoexports_api.h"
#include <stddef.h>
#include <string.h>

static const char *error = "";

/* out[i] = values[i] + groups[i] */
int32_t aex_shape_groups(double *out, const int64_t *groups, const double *values, int64_t n) {
    if (n < 0) {
        error = "aex_shape_groups: n is negative";
        return AEX_E_OUT_OF_RANGE;
    }
    for (int64_t i = 0; i < n; i++) out[i] = values[i] + (double)groups[i];
    error = "";
    return AEX_OK;
}

/* The sum of n int32 values, and their count, into out-parameters. */
int32_t aex_shape_sum(int64_t *out_sum, int32_t *out_count, double *out_mean, const int32_t *v, int64_t n) {
    int64_t s = 0;
    for (int64_t i = 0; i < n; i++) s += v[i];
    *out_sum = s;
    *out_count = (int32_t)n;
    *out_mean = n ? (double)s / (double)n : 0.0;
    error = "";
    return AEX_OK;
}

/* Writes "shape <k>" into a caller's buffer of `capacity` bytes, with the size query. */
int32_t aex_shape_text(char *out_text, int64_t capacity, int64_t *out_length, int32_t k) {
    char text[32];
    int len = 0;
    for (const char *p = "shape "; *p; p++) text[len++] = *p;
    text[len++] = (char)('0' + (k % 10));
    text[len] = '\0';
    *out_length = len;
    if (capacity < len + 1) {
        error = "aex_shape_text: out_text is too small";
        return AEX_E_BUFFER_TOO_SMALL;
    }
    memcpy(out_text, text, (size_t)len + 1);
    error = "";
    return AEX_OK;
}

/* First `horizon` squares into a buffer with its own length; `handle` may be NULL. */
int32_t aex_shape_squares(double *out_values, int64_t horizon, const void *handle) {
    (void)handle;
    for (int64_t i = 0; i < horizon; i++) out_values[i] = (double)(i * i);
    error = "";
    return AEX_OK;
}

static const aex_param groups_params[] = {
    {sizeof(aex_param), "out", "sums", "double *", NULL, NULL, NULL, 0, 0, 0, AEX_TYPE_BUFFER, AEX_DIR_OUT,
     AEX_TYPE_DOUBLE, 2, 0, 0},
    {sizeof(aex_param), "groups", "group ids", "const int64_t *", NULL, NULL, NULL, 0, 0, 0, AEX_TYPE_INT64_ARRAY,
     AEX_DIR_IN, 0, 2, 0, 0},
    {sizeof(aex_param), "values", "values", "const double *", "n", NULL, NULL, 0, 0, 0, AEX_TYPE_DOUBLE_ARRAY,
     AEX_DIR_IN, 0, -1, 0, 0},
};
static const aex_param sum_params[] = {
    {sizeof(aex_param), "out_sum", "sum", "int64_t *", NULL, NULL, NULL, 0, 0, 0, AEX_TYPE_INT64, AEX_DIR_OUT, 0, -1, 0,
     0},
    {sizeof(aex_param), "out_count", "count", "int32_t *", NULL, NULL, NULL, 0, 0, 0, AEX_TYPE_INT32, AEX_DIR_OUT, 0,
     -1, 0, 0},
    {sizeof(aex_param), "out_mean", "mean", "double *", NULL, NULL, NULL, 0, 0, 0, AEX_TYPE_DOUBLE, AEX_DIR_OUT, 0, -1,
     0, 0},
    {sizeof(aex_param), "v", "values", "const int32_t *", "n", NULL, NULL, 0, 0, 0, AEX_TYPE_INT32_ARRAY, AEX_DIR_IN, 0,
     -1, 0, 0},
};
static const aex_param text_params[] = {
    {sizeof(aex_param), "out_text", "the text", "char *", "capacity", NULL, NULL, 0, 0, 0, AEX_TYPE_BUFFER, AEX_DIR_OUT,
     AEX_TYPE_STRING, -1, 0, 0},
    {sizeof(aex_param), "out_length", "its length", "int64_t *", NULL, NULL, NULL, 0, 0, 0, AEX_TYPE_INT64, AEX_DIR_OUT,
     0, -1, 0, 0},
    {sizeof(aex_param), "k", "a digit", "int32_t", NULL, "7", NULL, 0, 0, 9, AEX_TYPE_INT32, AEX_DIR_IN, 0, -1,
     AEX_PARAM_RANGE, 0},
};
static const aex_param squares_params[] = {
    {sizeof(aex_param), "out_values", "squares", "double *", "horizon", NULL, NULL, 0, 0, 0, AEX_TYPE_BUFFER,
     AEX_DIR_OUT, AEX_TYPE_DOUBLE, -1, 0, 0},
    {sizeof(aex_param), "handle", "ignored", "const void *", NULL, "NULL", NULL, 0, 0, 0, AEX_TYPE_HANDLE, AEX_DIR_IN,
     0, -1, AEX_PARAM_NULLABLE, 0},
};

#define FN(sym, params, ex) \
  { \
    sizeof(aex_function), sym + 4, sym, "Shapes", "a test shape", "int32_t", ex, params, \
        (int64_t)(sizeof params / sizeof params[0]), (void (*)(void))0, AEX_TYPE_STATUS, AEX_FN_DETERMINISTIC \
  }
static aex_function functions[] = {
    FN("aex_shape_groups", groups_params, "1,2,3 10,20,30"),
    FN("aex_shape_sum", sum_params, "1,2,4"),
    FN("aex_shape_text", text_params, "16 3"),
    FN("aex_shape_squares", squares_params, "4"),
};

int64_t aex_registry_count(void) { return (int64_t)(sizeof functions / sizeof functions[0]); }
const aex_function *aex_registry_get(int64_t i) { return i >= 0 && i < aex_registry_count() ? &functions[i] : NULL; }
const aex_function *aex_registry_find(const char *name) {
    for (int64_t i = 0; i < aex_registry_count(); i++)
        if (strcmp(functions[i].symbol, name) == 0 || strcmp(functions[i].name, name) == 0) return &functions[i];
    return NULL;
}
const char *aex_registry_json(void) { return "{}"; }
const char *aex_version_string(void) { return "0.0.0-shapes"; }
int32_t aex_version_number(void) { return 0; }
int32_t aex_abi_version(void) { return 1; }
const char *aex_status_string(int32_t s) {
    return s == 0 ? "AEX_OK" : s == AEX_E_BUFFER_TOO_SMALL ? "AEX_E_BUFFER_TOO_SMALL" : "AEX_E_OTHER";
}
const char *aex_last_error_message(void) { return error; }

static aex_api api;
const aex_api *aex_get_api(int32_t major) {
    if (major != 1) return NULL;
    functions[0].address = (void (*)(void))aex_shape_groups;
    functions[1].address = (void (*)(void))aex_shape_sum;
    functions[2].address = (void (*)(void))aex_shape_text;
    functions[3].address = (void (*)(void))aex_shape_squares;
    api.size = sizeof api;
    api.abi_major = 1;
    api.version_string = aex_version_string;
    api.version_number = aex_version_number;
    api.abi_version = aex_abi_version;
    api.status_string = aex_status_string;
    api.last_error_message = aex_last_error_message;
    api.registry_count = aex_registry_count;
    api.registry_get = aex_registry_get;
    api.registry_find = aex_registry_find;
    api.registry_json = aex_registry_json;
    api.get_api = aex_get_api;
    return &api;
}
