/* aexffi.c — the libffi runtime binding of libautoexports (see aexffi.h).
**
** Build: cc -c aexffi.c; link the host with -lffi (and -ldl on C libraries older than
** glibc 2.34).  C11. */
#define _GNU_SOURCE
#include "aexffi.h"

#include <dlfcn.h>
#include <errno.h>
#include <ffi.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors -------------------------------------------------------------------------- */

static _Thread_local char error_text[1024];

static int32_t fail(int32_t status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error_text, sizeof error_text, fmt, ap);
    va_end(ap);
    return status;
}

const char *aexffi_last_error(void) { return error_text; }

const char *aexffi_status_name(int32_t status) {
    switch (status) {
    case AEXFFI_OK: return "AEXFFI_OK";
    case AEXFFI_E_OPEN: return "AEXFFI_E_OPEN";
    case AEXFFI_E_NOT_AUTOEXPORTS: return "AEXFFI_E_NOT_AUTOEXPORTS";
    case AEXFFI_E_ABI: return "AEXFFI_E_ABI";
    case AEXFFI_E_UNKNOWN_FUNCTION: return "AEXFFI_E_UNKNOWN_FUNCTION";
    case AEXFFI_E_ARG_COUNT: return "AEXFFI_E_ARG_COUNT";
    case AEXFFI_E_ARG_TYPE: return "AEXFFI_E_ARG_TYPE";
    case AEXFFI_E_UNSUPPORTED: return "AEXFFI_E_UNSUPPORTED";
    case AEXFFI_E_NO_MEMORY: return "AEXFFI_E_NO_MEMORY";
    case AEXFFI_E_CALL: return "AEXFFI_E_CALL";
    case AEXFFI_E_NULL: return "AEXFFI_E_NULL";
    default: return "AEXFFI_E_UNKNOWN";
    }
}

const char *aexffi_type_name(int32_t type) {
    static const char *const names[] = {"void",         "status", "int32",  "int64",       "double",     "string",
                                        "double_array", "buffer", "handle", "int32_array", "int64_array"};
    return type >= 0 && type <= AEXFFI_TYPE_INT64_ARRAY ? names[type] : "unknown";
}

/* ---- values ---------------------------------------------------------------------------- */

aexffi_value aexffi_int(int64_t i) {
    aexffi_value v = {0};
    v.kind = AEXFFI_INT;
    v.i = i;
    return v;
}
aexffi_value aexffi_double(double d) {
    aexffi_value v = {0};
    v.kind = AEXFFI_DOUBLE;
    v.d = d;
    return v;
}
aexffi_value aexffi_string(const char *s) {
    aexffi_value v = {0};
    v.kind = AEXFFI_STRING;
    v.s = s;
    return v;
}
aexffi_value aexffi_handle(void *p) {
    aexffi_value v = {0};
    v.kind = AEXFFI_HANDLE;
    v.p = p;
    return v;
}
aexffi_value aexffi_default(void) {
    aexffi_value v = {0};
    v.kind = AEXFFI_DEFAULT;
    return v;
}
aexffi_value aexffi_ints(const int64_t *values, int64_t n) {
    aexffi_value v = {0};
    v.kind = AEXFFI_INTS;
    v.ints = values;
    v.n = n;
    return v;
}
static int is_array(int32_t type) {
    return type == AEXFFI_TYPE_DOUBLE_ARRAY || type == AEXFFI_TYPE_INT32_ARRAY || type == AEXFFI_TYPE_INT64_ARRAY;
}
aexffi_value aexffi_doubles(const double *values, int64_t n) {
    aexffi_value v = {0};
    v.kind = AEXFFI_DOUBLES;
    v.doubles = values;
    v.n = n;
    return v;
}

/* ---- the library ----------------------------------------------------------------------- */

/* The start of the library's aex_api table, ABI 1 (autoexports.h, section "Registry"). */
typedef struct api_v1 {
    int64_t size;
    int32_t abi_major;
    int32_t reserved;
    const char *(*version_string)(void);
    int32_t (*version_number)(void);
    int32_t (*abi_version)(void);
    const char *(*status_string)(int32_t);
    const char *(*last_error_message)(void);
    int64_t (*registry_count)(void);
    const aexffi_function *(*registry_get)(int64_t);
    const aexffi_function *(*registry_find)(const char *);
    const char *(*registry_json)(void);
} api_v1;

/* What the binding prepared for one function. */
typedef struct prepared {
    const char *unsupported; /* NULL, or why the function cannot be called through libffi */
    ffi_cif cif;
    ffi_type **arg_types;
    int32_t n_c;      /* C arguments */
    int32_t *first_c; /* per parameter: index of its first C argument */
    int32_t n_inputs, n_required;
    int32_t *input_param; /* per input: its parameter */
} prepared;

struct aexffi_library {
    void *handle;
    const api_v1 *api;
    int64_t count;
    const aexffi_function **functions;
    prepared *prep;
};

static void free_prepared(prepared *p) {
    free(p->arg_types);
    free(p->first_c);
    free(p->input_param);
}

void aexffi_close(aexffi_library *lib) {
    if (!lib) return;
    if (lib->prep)
        for (int64_t i = 0; i < lib->count; i++) free_prepared(&lib->prep[i]);
    free(lib->prep);
    free(lib->functions);
    if (lib->handle) dlclose(lib->handle);
    free(lib);
}

/* The C type of a scalar parameter or return code, or NULL for codes this binding lacks. */
static ffi_type *scalar_type(int32_t type) {
    switch (type) {
    case AEXFFI_TYPE_STATUS:
    case AEXFFI_TYPE_INT32: return &ffi_type_sint32;
    case AEXFFI_TYPE_INT64: return &ffi_type_sint64;
    case AEXFFI_TYPE_DOUBLE: return &ffi_type_double;
    case AEXFFI_TYPE_STRING:
    case AEXFFI_TYPE_HANDLE: return &ffi_type_pointer;
    case AEXFFI_TYPE_VOID: return &ffi_type_void;
    default: return NULL;
    }
}

/* Builds the ffi_cif of f.  Returns AEXFFI_OK (p->unsupported may be set) or
** AEXFFI_E_NO_MEMORY. */
static int32_t prepare(const aexffi_function *f, prepared *p) {
    memset(p, 0, sizeof *p);
    int64_t np = f->param_count;
    if (np < 0 || np > 64) {
        p->unsupported = "an impossible parameter count";
        return AEXFFI_OK;
    }
    p->arg_types = calloc((size_t)(2 * np + 1), sizeof(ffi_type *));
    p->first_c = calloc((size_t)np + 1, sizeof(int32_t));
    p->input_param = calloc((size_t)np + 1, sizeof(int32_t));
    if (!p->arg_types || !p->first_c || !p->input_param) return AEXFFI_E_NO_MEMORY;
    for (int64_t j = 0; j < np; j++) {
        const aexffi_param *q = &f->params[j];
        if (q->size < (int64_t)sizeof(aexffi_param)) {
            p->unsupported = "a parameter descriptor older than ABI 1";
            return AEXFFI_OK;
        }
        p->first_c[j] = p->n_c;
        if (q->direction == AEXFFI_DIR_IN) {
            if (is_array(q->type)) {
                p->arg_types[p->n_c++] = &ffi_type_pointer;
                if (q->length_param < 0) {
                    p->arg_types[p->n_c++] = &ffi_type_sint64;
                } else if (q->length_param >= np || q->length_param == j ||
                           !is_array(f->params[q->length_param].type) || f->params[q->length_param].length_param >= 0) {
                    p->unsupported = "an array sized by a parameter that is not an array with its own length";
                    return AEXFFI_OK;
                }
            } else if (q->type >= AEXFFI_TYPE_INT32 && q->type <= AEXFFI_TYPE_STRING) {
                p->arg_types[p->n_c++] = scalar_type(q->type);
            } else if (q->type == AEXFFI_TYPE_HANDLE) {
                p->arg_types[p->n_c++] = &ffi_type_pointer;
            } else {
                p->unsupported = "an input parameter of a type this binding does not know";
                return AEXFFI_OK;
            }
            p->input_param[p->n_inputs++] = (int32_t)j;
        } else if (q->direction == AEXFFI_DIR_OUT) {
            if (q->type == AEXFFI_TYPE_BUFFER) {
                int32_t e = q->element_type;
                if (e != AEXFFI_TYPE_DOUBLE && e != AEXFFI_TYPE_INT32 && e != AEXFFI_TYPE_INT64 &&
                    e != AEXFFI_TYPE_STRING) {
                    p->unsupported = "an output buffer of an element type this binding does not know";
                    return AEXFFI_OK;
                }
                p->arg_types[p->n_c++] = &ffi_type_pointer;
                if (q->length_param < 0) {
                    p->arg_types[p->n_c++] = &ffi_type_sint64;
                    p->input_param[p->n_inputs++] = (int32_t)j; /* its length is an input */
                } else if (q->length_param >= np || !is_array(f->params[q->length_param].type)) {
                    p->unsupported = "an output buffer sized by a parameter that is not an array";
                    return AEXFFI_OK;
                }
            } else if (q->type >= AEXFFI_TYPE_INT32 && q->type <= AEXFFI_TYPE_STRING) {
                p->arg_types[p->n_c++] = &ffi_type_pointer;
            } else if (q->type == AEXFFI_TYPE_HANDLE) {
                p->arg_types[p->n_c++] = &ffi_type_pointer;
            } else {
                p->unsupported = "an output parameter of a type this binding does not know";
                return AEXFFI_OK;
            }
        } else {
            p->unsupported = "a parameter direction this binding does not know";
            return AEXFFI_OK;
        }
    }
    /* Inputs after the last one without a default may be left out. */
    for (int32_t i = 0; i < p->n_inputs; i++) {
        const aexffi_param *q = &f->params[p->input_param[i]];
        if (q->direction == AEXFFI_DIR_OUT || q->default_value == NULL) p->n_required = i + 1;
    }
    ffi_type *ret = scalar_type(f->return_type); /* NULL for arrays, buffers and unknown codes */
    if (!ret) {
        p->unsupported = "a return type this binding does not know";
        return AEXFFI_OK;
    }
    if (!f->address) {
        p->unsupported = "no address in its descriptor";
        return AEXFFI_OK;
    }
    if (ffi_prep_cif(&p->cif, FFI_DEFAULT_ABI, (unsigned)p->n_c, ret, p->arg_types) != FFI_OK)
        p->unsupported = "libffi could not prepare its call interface";
    return AEXFFI_OK;
}

int32_t aexffi_open(aexffi_library **out, const char *path) {
    error_text[0] = '\0';
    if (!out) return fail(AEXFFI_E_NULL, "aexffi_open: out is NULL");
    *out = NULL;
    if (!path) return fail(AEXFFI_E_NULL, "aexffi_open: path is NULL");
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        return fail(AEXFFI_E_OPEN, "cannot open %s: %s", path, why ? why : "dlopen failed");
    }
    typedef const api_v1 *(*get_api_fn)(int32_t);
    get_api_fn get_api = NULL;
    *(void **)&get_api = dlsym(h, "aex_get_api");
    if (!get_api) {
        dlclose(h);
        return fail(AEXFFI_E_NOT_AUTOEXPORTS, "%s is not libautoexports: it has no symbol aex_get_api", path);
    }
    const api_v1 *api = get_api(AEXFFI_ABI_MAJOR);
    if (!api) {
        /* The table is not there: ask the library why, through its plain symbols. */
        const char *(*message)(void) = NULL;
        int32_t (*abi)(void) = NULL;
        *(void **)&message = dlsym(h, "aex_last_error_message");
        *(void **)&abi = dlsym(h, "aex_abi_version");
        char provides[48] = "";
        if (abi) snprintf(provides, sizeof provides, " (it provides ABI major %d)", (int)abi());
        fail(AEXFFI_E_ABI, "%s does not provide ABI major %d, the one this binding was written for%s: %s", path,
             AEXFFI_ABI_MAJOR, provides, message ? message() : "no reason given");
        dlclose(h);
        return AEXFFI_E_ABI;
    }
    if (api->size < (int64_t)sizeof(api_v1) || api->abi_major != AEXFFI_ABI_MAJOR) {
        dlclose(h);
        return fail(AEXFFI_E_ABI,
                    "%s: aex_get_api(%d) returned a table of ABI major %d and %lld bytes (need %d and at least %zu)",
                    path, AEXFFI_ABI_MAJOR, (int)api->abi_major, (long long)api->size, AEXFFI_ABI_MAJOR,
                    sizeof(api_v1));
    }
    aexffi_library *lib = calloc(1, sizeof *lib);
    if (!lib) {
        dlclose(h);
        return fail(AEXFFI_E_NO_MEMORY, "aexffi_open: out of memory");
    }
    lib->handle = h;
    lib->api = api;
    int64_t n = api->registry_count();
    if (n < 0 || n > 100000) {
        aexffi_close(lib);
        return fail(AEXFFI_E_ABI, "%s: impossible registry count %lld", path, (long long)n);
    }
    lib->functions = calloc((size_t)n + 1, sizeof *lib->functions);
    lib->prep = calloc((size_t)n + 1, sizeof *lib->prep);
    if (!lib->functions || !lib->prep) {
        aexffi_close(lib);
        return fail(AEXFFI_E_NO_MEMORY, "aexffi_open: out of memory");
    }
    lib->count = n;
    for (int64_t i = 0; i < n; i++) {
        const aexffi_function *f = api->registry_get(i);
        if (!f || f->size < (int64_t)sizeof(aexffi_function)) {
            aexffi_close(lib);
            return fail(AEXFFI_E_ABI, "%s: registry entry %lld is missing or older than ABI 1", path, (long long)i);
        }
        lib->functions[i] = f;
        if (prepare(f, &lib->prep[i]) != AEXFFI_OK) {
            aexffi_close(lib);
            return fail(AEXFFI_E_NO_MEMORY, "aexffi_open: out of memory");
        }
    }
    *out = lib;
    return AEXFFI_OK;
}

const char *aexffi_version(const aexffi_library *lib) { return lib ? lib->api->version_string() : ""; }

int64_t aexffi_function_count(const aexffi_library *lib) { return lib ? lib->count : 0; }

const aexffi_function *aexffi_function_at(const aexffi_library *lib, int64_t index) {
    return lib && index >= 0 && index < lib->count ? lib->functions[index] : NULL;
}

static int64_t index_of(const aexffi_library *lib, const char *name) {
    for (int64_t i = 0; i < lib->count; i++)
        if (strcmp(lib->functions[i]->symbol, name) == 0 || strcmp(lib->functions[i]->name, name) == 0) return i;
    return -1;
}

static int64_t index_of_function(const aexffi_library *lib, const aexffi_function *f) {
    for (int64_t i = 0; lib && f && i < lib->count; i++)
        if (lib->functions[i] == f) return i;
    return -1;
}

const aexffi_function *aexffi_find(const aexffi_library *lib, const char *name) {
    if (!lib || !name) {
        fail(AEXFFI_E_NULL, "aexffi_find: %s is NULL", lib ? "name" : "lib");
        return NULL;
    }
    int64_t i = index_of(lib, name);
    if (i < 0) {
        fail(AEXFFI_E_UNKNOWN_FUNCTION, "no function named \"%s\" in libautoexports %s", name, aexffi_version(lib));
        return NULL;
    }
    return lib->functions[i];
}

int32_t aexffi_input_count(const aexffi_library *lib, const aexffi_function *f) {
    int64_t i = index_of_function(lib, f);
    return i < 0 || lib->prep[i].unsupported ? -1 : lib->prep[i].n_inputs;
}

int32_t aexffi_required_count(const aexffi_library *lib, const aexffi_function *f) {
    int64_t i = index_of_function(lib, f);
    return i < 0 || lib->prep[i].unsupported ? -1 : lib->prep[i].n_required;
}

const aexffi_param *aexffi_input_param(const aexffi_library *lib, const aexffi_function *f, int32_t k) {
    int64_t i = index_of_function(lib, f);
    if (i < 0 || lib->prep[i].unsupported || k < 0 || k >= lib->prep[i].n_inputs) return NULL;
    return &f->params[lib->prep[i].input_param[k]];
}

/* ---- calls ------------------------------------------------------------------------------ */

void aexffi_result_free(aexffi_result *r) {
    if (!r) return;
    for (int64_t i = 0; i < r->output_count; i++) {
        free((void *)r->outputs[i].value.s);
        free((void *)r->outputs[i].value.doubles);
        free((void *)r->outputs[i].value.ints);
    }
    free(r->outputs);
    free((void *)r->status_name);
    free((void *)r->error);
    free(r);
}

static char *copy_text(const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c) memcpy(c, s, n);
    return c;
}

/* Parses an integer, or one of the parameter's allowed names.  0 on success. */
static int parse_int(const aexffi_param *q, const char *text, int64_t *out) {
    if (!text || !*text) return -1;
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (*end == '\0' && errno == 0) {
        *out = v;
        return 0;
    }
    for (int64_t k = 0; q->allowed && k < q->allowed_count; k++)
        if (strcmp(q->allowed[k].name, text) == 0) {
            *out = q->allowed[k].value;
            return 0;
        }
    return -1;
}

static int parse_double(const char *text, double *out) {
    if (!text || !*text) return -1;
    char *end;
    double v = strtod(text, &end);
    if (*end != '\0') return -1;
    *out = v;
    return 0;
}

/* "the allowed names: a, b, c" for an error message. */
static void allowed_names(const aexffi_param *q, char *buf, size_t cap) {
    buf[0] = '\0';
    if (!q->allowed || q->allowed_count == 0) return;
    size_t used = (size_t)snprintf(buf, cap, " or one of ");
    for (int64_t k = 0; k < q->allowed_count && used < cap; k++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", k ? ", " : "", q->allowed[k].name);
}

/* One C argument slot. */
typedef union slot {
    int32_t i32;
    int64_t i64;
    double d;
    void *p;
} slot;

/* Converts input k (value v) of f for parameter q into its C argument slot(s). */
static int32_t convert_input(const aexffi_function *f, int32_t k, const aexffi_param *q, aexffi_value v, slot *c,
                             int64_t *array_length, void **scratch) {
    char names[512];
    /* A default stands for the parameter's default text. */
    if (v.kind == AEXFFI_DEFAULT) {
        if (!q->default_value || q->direction == AEXFFI_DIR_OUT)
            return fail(AEXFFI_E_ARG_COUNT, "%s: argument %d (%s) has no default; give a value", f->symbol, k + 1,
                        q->name);
        v = aexffi_string(q->default_value);
        if (q->type == AEXFFI_TYPE_HANDLE && strcmp(q->default_value, "NULL") == 0) v = aexffi_handle(NULL);
    }
    if (q->direction == AEXFFI_DIR_OUT) { /* the length of a buffer, in elements */
        if (v.kind == AEXFFI_DOUBLE && v.d == floor(v.d) && fabs(v.d) < 9e15) v = aexffi_int((int64_t)v.d);
        if (v.kind != AEXFFI_INT)
            return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s, the number of elements of %s) must be an integer",
                        f->symbol, k + 1, q->length_name ? q->length_name : "length", q->name);
        c[1].i64 = v.i;
        return AEXFFI_OK;
    }
    switch (q->type) {
    case AEXFFI_TYPE_INT32:
    case AEXFFI_TYPE_INT64: {
        int64_t i;
        if (v.kind == AEXFFI_INT) {
            i = v.i;
        } else if (v.kind == AEXFFI_DOUBLE && v.d == floor(v.d) && fabs(v.d) < 9.3e18) {
            i = (int64_t)v.d;
        } else if (v.kind == AEXFFI_STRING && v.s && parse_int(q, v.s, &i) == 0) {
            /* an allowed name, or a default's text */
        } else {
            allowed_names(q, names, sizeof names);
            if (v.kind == AEXFFI_STRING)
                return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s): \"%s\" is not an integer%s", f->symbol, k + 1,
                            q->name, v.s ? v.s : "(NULL)", names);
            return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s) must be an integer%s, not a %s", f->symbol, k + 1,
                        q->name, names, v.kind == AEXFFI_DOUBLE ? "number with a fraction" : "value of another kind");
        }
        if (q->type == AEXFFI_TYPE_INT32) {
            if (i < INT32_MIN || i > INT32_MAX)
                return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s): %lld does not fit in int32", f->symbol, k + 1,
                            q->name, (long long)i);
            c[0].i32 = (int32_t)i;
        } else {
            c[0].i64 = i;
        }
        return AEXFFI_OK;
    }
    case AEXFFI_TYPE_DOUBLE:
        if (v.kind == AEXFFI_DOUBLE) c[0].d = v.d;
        else if (v.kind == AEXFFI_INT) c[0].d = (double)v.i;
        else if (v.kind == AEXFFI_STRING && v.s && parse_double(v.s, &c[0].d) == 0) { /* a default's text */
        } else if (v.kind == AEXFFI_STRING)
            return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s): text \"%s\" where a number is expected", f->symbol,
                        k + 1, q->name, v.s ? v.s : "(NULL)");
        else return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s) must be a number", f->symbol, k + 1, q->name);
        return AEXFFI_OK;
    case AEXFFI_TYPE_STRING:
        if (v.kind != AEXFFI_STRING)
            return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s) must be text", f->symbol, k + 1, q->name);
        c[0].p = (void *)v.s;
        return AEXFFI_OK;
    case AEXFFI_TYPE_HANDLE:
        if (v.kind == AEXFFI_STRING && v.s && strcmp(v.s, "NULL") == 0) v = aexffi_handle(NULL);
        if (v.kind != AEXFFI_HANDLE)
            return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s) must be a handle (%s)", f->symbol, k + 1, q->name,
                        q->c_type);
        c[0].p = v.p;
        return AEXFFI_OK;
    case AEXFFI_TYPE_DOUBLE_ARRAY:
        if (v.kind == AEXFFI_STRING && v.s) {
            /* A default's text: comma-separated numbers. */
            size_t len = strlen(v.s), n = len ? 1 : 0;
            for (size_t t = 0; t < len; t++) n += v.s[t] == ',';
            double *d = malloc((n ? n : 1) * sizeof(double));
            if (!d) return fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
            *scratch = d;
            char *copy = copy_text(v.s), *save = NULL;
            if (!copy) return fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
            size_t m = 0;
            for (char *tok = n ? strtok_r(copy, ",", &save) : NULL; tok; tok = strtok_r(NULL, ",", &save))
                if (m < n && parse_double(tok, &d[m]) == 0) m++;
            free(copy);
            v = aexffi_doubles(d, (int64_t)m);
        }
        if (v.kind != AEXFFI_DOUBLES)
            return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s) must be an array of numbers", f->symbol, k + 1,
                        q->name);
        if (v.n < 0)
            return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s) has a negative length %lld", f->symbol, k + 1, q->name,
                        (long long)v.n);
        c[0].p = (void *)v.doubles;
        if (q->length_param < 0) c[1].i64 = v.n;
        *array_length = v.n;
        return AEXFFI_OK;
    case AEXFFI_TYPE_INT32_ARRAY:
    case AEXFFI_TYPE_INT64_ARRAY:
        if (v.kind != AEXFFI_INTS)
            return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s) must be an array of integers", f->symbol, k + 1,
                        q->name);
        if (v.n < 0)
            return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s) has a negative length %lld", f->symbol, k + 1, q->name,
                        (long long)v.n);
        if (q->type == AEXFFI_TYPE_INT32_ARRAY && v.n > 0) {
            int32_t *narrow = malloc((size_t)v.n * sizeof(int32_t));
            if (!narrow) return fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
            *scratch = narrow;
            for (int64_t t = 0; t < v.n; t++) {
                if (v.ints[t] < INT32_MIN || v.ints[t] > INT32_MAX)
                    return fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s): item %lld (%lld) does not fit in int32",
                                f->symbol, k + 1, q->name, (long long)t + 1, (long long)v.ints[t]);
                narrow[t] = (int32_t)v.ints[t];
            }
            c[0].p = narrow;
        } else {
            c[0].p = (void *)v.ints;
        }
        if (q->length_param < 0) c[1].i64 = v.n;
        *array_length = v.n;
        return AEXFFI_OK;
    default:
        return fail(AEXFFI_E_UNSUPPORTED, "%s: argument %d (%s) has type code %d, unknown to this binding", f->symbol,
                    k + 1, q->name, (int)q->type);
    }
}

static size_t element_size(int32_t element) {
    switch (element) {
    case AEXFFI_TYPE_DOUBLE: return sizeof(double);
    case AEXFFI_TYPE_INT32: return sizeof(int32_t);
    case AEXFFI_TYPE_INT64: return sizeof(int64_t);
    default: return 1; /* UTF-8 bytes */
    }
}

int32_t aexffi_call(aexffi_library *lib, const char *name, const aexffi_value *args, int32_t n_args,
                    aexffi_result **out) {
    error_text[0] = '\0';
    if (!out) return fail(AEXFFI_E_NULL, "aexffi_call: out is NULL");
    *out = NULL;
    if (!lib || !name) return fail(AEXFFI_E_NULL, "aexffi_call: %s is NULL", lib ? "name" : "lib");
    if (n_args > 0 && !args) return fail(AEXFFI_E_NULL, "aexffi_call: args is NULL");
    int64_t fi = index_of(lib, name);
    if (fi < 0)
        return fail(AEXFFI_E_UNKNOWN_FUNCTION, "no function named \"%s\" in libautoexports %s", name,
                    aexffi_version(lib));
    const aexffi_function *f = lib->functions[fi];
    const prepared *p = &lib->prep[fi];
    if (p->unsupported)
        return fail(AEXFFI_E_UNSUPPORTED, "%s cannot be called through this binding: %s", f->symbol, p->unsupported);
    if (n_args < p->n_required || n_args > p->n_inputs) {
        char list[512] = "";
        size_t used = 0;
        for (int32_t i = 0; i < p->n_inputs && used < sizeof list; i++) {
            const aexffi_param *q = &f->params[p->input_param[i]];
            const char *nm = q->direction == AEXFFI_DIR_OUT ? q->length_name : q->name;
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", nm ? nm : "?");
        }
        if (p->n_required == p->n_inputs)
            return fail(AEXFFI_E_ARG_COUNT, "%s takes %d argument%s (%s), got %d", f->symbol, p->n_inputs,
                        p->n_inputs == 1 ? "" : "s", list, n_args);
        return fail(AEXFFI_E_ARG_COUNT, "%s takes %d to %d arguments (%s), got %d", f->symbol, p->n_required,
                    p->n_inputs, list, n_args);
    }

    int32_t status = AEXFFI_OK;
    int64_t np = f->param_count;
    slot *c = calloc((size_t)p->n_c + 1, sizeof(slot));
    slot *outs = calloc((size_t)np + 1, sizeof(slot));       /* scalar and handle outputs */
    void **buffers = calloc((size_t)np + 1, sizeof(void *)); /* output buffers */
    int64_t *lengths = calloc((size_t)np + 1, sizeof(int64_t));
    void **scratch = calloc((size_t)np + 1, sizeof(void *));
    void **avalues = calloc((size_t)p->n_c + 1, sizeof(void *));
    aexffi_result *r = calloc(1, sizeof *r);
    if (!c || !outs || !buffers || !lengths || !scratch || !avalues || !r) {
        status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
        goto done;
    }
    r->function = f;
    /* Inputs first: output buffers are sized by the arrays given as inputs. */
    for (int32_t k = 0; k < p->n_inputs && status == AEXFFI_OK; k++) {
        int32_t j = p->input_param[k];
        aexffi_value v = k < n_args ? args[k] : aexffi_default();
        status = convert_input(f, k, &f->params[j], v, c + p->first_c[j], &lengths[j], &scratch[j]);
    }
    if (status != AEXFFI_OK) goto done;
    /* Arrays that share a length must be equally long. */
    for (int64_t j = 0; j < np; j++) {
        const aexffi_param *q = &f->params[j];
        if (q->direction == AEXFFI_DIR_IN && is_array(q->type) && q->length_param >= 0 &&
            lengths[j] != lengths[q->length_param]) {
            status = fail(AEXFFI_E_ARG_TYPE, "%s: %s has %lld items but %s has %lld; they must be equally long",
                          f->symbol, q->name, (long long)lengths[j], f->params[q->length_param].name,
                          (long long)lengths[q->length_param]);
            goto done;
        }
    }
    int64_t n_outputs = 0;
    for (int64_t j = 0; j < np; j++) {
        const aexffi_param *q = &f->params[j];
        if (q->direction != AEXFFI_DIR_OUT) continue;
        n_outputs++;
        if (q->type == AEXFFI_TYPE_BUFFER) {
            int64_t n = q->length_param >= 0 ? lengths[q->length_param] : c[p->first_c[j] + 1].i64;
            lengths[j] = n;
            if (n < 0) continue; /* the library reports the negative length */
            size_t bytes = (size_t)n * element_size(q->element_type);
            if (n > INT64_MAX / 16 || !(buffers[j] = calloc(1, bytes ? bytes : 1))) {
                status = fail(AEXFFI_E_NO_MEMORY, "%s: cannot allocate %lld elements for %s", f->symbol, (long long)n,
                              q->name);
                goto done;
            }
            c[p->first_c[j]].p = buffers[j];
        } else {
            c[p->first_c[j]].p = &outs[j];
        }
    }
    for (int32_t a = 0; a < p->n_c; a++) avalues[a] = &c[a];

    union {
        ffi_arg a;
        ffi_sarg sa;
        int64_t i64;
        double d;
        void *p;
    } ret;
    memset(&ret, 0, sizeof ret);
    ffi_call((ffi_cif *)&p->cif, FFI_FN(f->address), &ret, avalues);

    /* The answer: a status, then the return value and every output. */
    if (f->return_type == AEXFFI_TYPE_STATUS) {
        r->status = (int32_t)ret.sa;
        r->status_name = copy_text(lib->api->status_string(r->status));
        r->error = copy_text(r->status == 0 ? "" : lib->api->last_error_message());
        if (!r->status_name || !r->error) {
            status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
            goto done;
        }
        if (r->status != 0) {
            status = fail(AEXFFI_E_CALL, "%s: %s", r->status_name, r->error);
            goto done;
        }
    } else {
        int null_pointer = (f->return_type == AEXFFI_TYPE_HANDLE || f->return_type == AEXFFI_TYPE_STRING) && !ret.p;
        r->status_name = copy_text("AEX_OK");
        /* A NULL pointer result: the library's error text says why. */
        r->error = copy_text(null_pointer ? lib->api->last_error_message() : "");
        if (!r->status_name || !r->error) {
            status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
            goto done;
        }
    }
    int has_return = f->return_type != AEXFFI_TYPE_STATUS && f->return_type != AEXFFI_TYPE_VOID;
    r->outputs = calloc((size_t)(n_outputs + has_return + 1), sizeof(aexffi_output));
    if (!r->outputs) {
        status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
        goto done;
    }
    if (has_return) {
        aexffi_value *v = &r->outputs[0].value;
        r->outputs[0].name = "return";
        r->output_count = 1;
        switch (f->return_type) {
        case AEXFFI_TYPE_INT32:
            v->kind = AEXFFI_INT;
            v->i = (int32_t)ret.sa;
            break;
        case AEXFFI_TYPE_INT64:
            v->kind = AEXFFI_INT;
            v->i = ret.i64;
            break;
        case AEXFFI_TYPE_DOUBLE:
            v->kind = AEXFFI_DOUBLE;
            v->d = ret.d;
            break;
        case AEXFFI_TYPE_STRING:
            v->kind = AEXFFI_STRING;
            if (ret.p && !(v->s = copy_text(ret.p))) {
                status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
                goto done;
            }
            break;
        default:
            v->kind = AEXFFI_HANDLE;
            v->p = ret.p;
            break;
        }
    }
    for (int64_t j = 0; j < np; j++) {
        const aexffi_param *q = &f->params[j];
        if (q->direction != AEXFFI_DIR_OUT) continue;
        aexffi_output *o = &r->outputs[r->output_count++];
        o->name = q->name;
        aexffi_value *v = &o->value;
        switch (q->type) {
        case AEXFFI_TYPE_INT32:
            v->kind = AEXFFI_INT;
            v->i = outs[j].i32;
            break;
        case AEXFFI_TYPE_INT64:
            v->kind = AEXFFI_INT;
            v->i = outs[j].i64;
            break;
        case AEXFFI_TYPE_DOUBLE:
            v->kind = AEXFFI_DOUBLE;
            v->d = outs[j].d;
            break;
        case AEXFFI_TYPE_HANDLE:
            v->kind = AEXFFI_HANDLE;
            v->p = outs[j].p;
            break;
        case AEXFFI_TYPE_STRING:
            v->kind = AEXFFI_STRING;
            if (outs[j].p && !(v->s = copy_text(outs[j].p))) {
                status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
                goto done;
            }
            break;
        case AEXFFI_TYPE_BUFFER: {
            int64_t n = lengths[j] > 0 ? lengths[j] : 0;
            if (q->element_type == AEXFFI_TYPE_DOUBLE) {
                v->kind = AEXFFI_DOUBLES;
                v->doubles = buffers[j];
                buffers[j] = NULL; /* now owned by the result */
                v->n = n;
            } else if (q->element_type == AEXFFI_TYPE_STRING) {
                /* Text up to its NUL, or the whole buffer. */
                const char *b = buffers[j];
                size_t len = b ? strnlen(b, (size_t)n) : 0;
                char *s = malloc(len + 1);
                if (!s) {
                    status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
                    goto done;
                }
                if (len) memcpy(s, b, len);
                s[len] = '\0';
                v->kind = AEXFFI_STRING;
                v->s = s;
            } else {
                int64_t *ints = malloc((size_t)(n ? n : 1) * sizeof(int64_t));
                if (!ints) {
                    status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
                    goto done;
                }
                for (int64_t t = 0; t < n; t++)
                    ints[t] =
                        q->element_type == AEXFFI_TYPE_INT32 ? ((int32_t *)buffers[j])[t] : ((int64_t *)buffers[j])[t];
                v->kind = AEXFFI_INTS;
                v->ints = ints;
                v->n = n;
            }
            break;
        }
        default: break;
        }
    }

done:
    if (buffers)
        for (int64_t j = 0; j < np; j++) free(buffers[j]);
    if (scratch)
        for (int64_t j = 0; j < np; j++) free(scratch[j]);
    free(c);
    free(outs);
    free(buffers);
    free(lengths);
    free(scratch);
    free(avalues);
    if (status == AEXFFI_OK || (status == AEXFFI_E_CALL && r)) {
        *out = r;
    } else {
        aexffi_result_free(r);
    }
    return status;
}

int32_t aexffi_call_text(aexffi_library *lib, const char *name, int32_t argc, const char *const *argv,
                         aexffi_result **out) {
    error_text[0] = '\0';
    if (!out) return fail(AEXFFI_E_NULL, "aexffi_call_text: out is NULL");
    *out = NULL;
    if (!lib || !name) return fail(AEXFFI_E_NULL, "aexffi_call_text: %s is NULL", lib ? "name" : "lib");
    if (argc < 0 || (argc > 0 && !argv)) return fail(AEXFFI_E_NULL, "aexffi_call_text: argv is NULL");
    const aexffi_function *f = aexffi_find(lib, name);
    if (!f) return AEXFFI_E_UNKNOWN_FUNCTION;
    aexffi_value *args = calloc((size_t)argc + 1, sizeof *args);
    void **arrays = calloc((size_t)argc + 1, sizeof *arrays);
    int32_t status = AEXFFI_OK;
    if (!args || !arrays) {
        status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
        goto done;
    }
    for (int32_t k = 0; k < argc && status == AEXFFI_OK; k++) {
        const char *t = argv[k];
        const aexffi_param *q = aexffi_input_param(lib, f, k);
        if (!t) {
            status = fail(AEXFFI_E_NULL, "%s: argument %d is NULL", f->symbol, k + 1);
            break;
        }
        if (!q || q->type == AEXFFI_TYPE_STRING) {
            args[k] = aexffi_string(t);
            continue;
        } /* too many: aexffi_call says so */
        if (strcmp(t, "default") == 0) {
            args[k] = aexffi_default();
            continue;
        }
        if (q->direction == AEXFFI_DIR_OUT || q->type == AEXFFI_TYPE_INT32 || q->type == AEXFFI_TYPE_INT64) {
            int64_t i;
            args[k] = parse_int(q, t, &i) == 0 ? aexffi_int(i) : aexffi_string(t);
        } else if (q->type == AEXFFI_TYPE_DOUBLE) {
            double d;
            args[k] = parse_double(t, &d) == 0 ? aexffi_double(d) : aexffi_string(t);
        } else if (q->type == AEXFFI_TYPE_DOUBLE_ARRAY) {
            size_t len = strlen(t), n = len ? 1 : 0;
            for (size_t s = 0; s < len; s++) n += t[s] == ',';
            double *d = malloc((n ? n : 1) * sizeof(double));
            arrays[k] = d;
            char *copy = copy_text(t);
            if (!d || !copy) {
                free(copy);
                status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
                break;
            }
            /* Split on every comma (strtok would merge empty items). */
            char *item = copy;
            for (size_t m = 0; m < n; m++) {
                char *comma = strchr(item, ',');
                if (comma) *comma = '\0';
                if (parse_double(item, &d[m]) != 0) {
                    status = fail(AEXFFI_E_ARG_TYPE,
                                  "%s: argument %d (%s): item %zu \"%s\" is not a number "
                                  "(give numbers separated by commas, e.g. 30,20,20,10)",
                                  f->symbol, k + 1, q->name, m + 1, item);
                    break;
                }
                item = comma ? comma + 1 : item;
            }
            free(copy);
            args[k] = aexffi_doubles(d, (int64_t)n);
        } else if (q->type == AEXFFI_TYPE_INT32_ARRAY || q->type == AEXFFI_TYPE_INT64_ARRAY) {
            size_t len = strlen(t), n = len ? 1 : 0;
            for (size_t s = 0; s < len; s++) n += t[s] == ',';
            int64_t *d = arrays[k] = malloc((n ? n : 1) * sizeof(int64_t));
            char *copy = copy_text(t);
            if (!d || !copy) {
                free(copy);
                status = fail(AEXFFI_E_NO_MEMORY, "%s: out of memory", f->symbol);
                break;
            }
            char *item = copy;
            for (size_t m = 0; m < n; m++) {
                char *comma = strchr(item, ',');
                if (comma) *comma = '\0';
                char *end;
                errno = 0;
                d[m] = strtoll(item, &end, 10);
                if (!*item || *end || errno) {
                    status = fail(AEXFFI_E_ARG_TYPE,
                                  "%s: argument %d (%s): item %zu \"%s\" is not an integer "
                                  "(give integers separated by commas, e.g. 1,1,2)",
                                  f->symbol, k + 1, q->name, m + 1, item);
                    break;
                }
                item = comma ? comma + 1 : item;
            }
            free(copy);
            args[k] = aexffi_ints(d, (int64_t)n);
        } else if (q->type == AEXFFI_TYPE_HANDLE) {
            if (strcmp(t, "NULL") != 0) {
                status =
                    fail(AEXFFI_E_ARG_TYPE, "%s: argument %d (%s): a handle (%s) cannot be given as text; only NULL",
                         f->symbol, k + 1, q->name, q->c_type);
                break;
            }
            args[k] = aexffi_handle(NULL);
        } else {
            args[k] = aexffi_string(t);
        }
    }
    if (status == AEXFFI_OK) status = aexffi_call(lib, name, args, argc, out);
done:
    if (arrays)
        for (int32_t k = 0; k < argc; k++) free(arrays[k]);
    free(arrays);
    free(args);
    return status;
}
