/*
** aexffi.h — call libautoexports at run time through libffi, without its header.
**
** This is the piece a plugin host or a language runtime embeds: it opens the library by
** path with dlopen(), checks its ABI through the one symbol aex_get_api, reads the
** library's registry (the self-description of every function), and calls any function
** by name with typed argument values.  The call interface of each function (ffi_cif) is
** prepared once, when the library is opened.  It does not include autoexports.h: the
** descriptor layout below is the one documented in that header's section "Registry".
**
**     aexffi_library *lib;
**     if (aexffi_open(&lib, "./libautoexports.so") != AEXFFI_OK) {
**         fprintf(stderr, "%s\n", aexffi_last_error()); return 1;
**     }
**     double v[] = {20, 30, 20, 20, 10};
**     aexffi_value args[] = {aexffi_doubles(v + 1, 4), aexffi_string("competition")};
**     aexffi_result *r;
**     if (aexffi_call(lib, "aex_rank_values", args, 2, &r) == AEXFFI_OK)
**         ... r->outputs[0].value.doubles == {1, 2, 2, 4} ...
**     aexffi_result_free(r);
**     aexffi_close(lib);
**
** Inputs and outputs.  A function's parameters split into inputs (given by the caller, in
** order) and outputs (allocated by the binding and returned in the result):
**   int32 / int64 in     AEXFFI_INT; or AEXFFI_STRING naming one of the allowed values
**   double in            AEXFFI_DOUBLE or AEXFFI_INT
**   string in            AEXFFI_STRING
**   double array in      AEXFFI_DOUBLES
**   int32/int64 array in AEXFFI_INTS (int64_t values; checked to fit an int32 array)
**                        An array that shares another array's length must be as long.
**   handle in            AEXFFI_HANDLE
**   buffer out with its own length argument: the caller gives that length as an input
**                        (AEXFFI_INT, in elements), the binding allocates the buffer
**   every other out      not given; returned in the result
**   AEXFFI_DEFAULT       the parameter's default from the registry
** Trailing inputs that have defaults may be left out.
**
** Errors.  Every function returns AEXFFI_OK or a negative AEXFFI_E_* code, and
** aexffi_last_error() (thread-local) says what was wrong, naming the function and the
** argument.  When the library function itself returns an error status, aexffi_call
** returns AEXFFI_E_CALL and still gives the result, whose `status`, `status_name` and
** `error` hold the library's answer.
**
** Thread-safety: an opened library may be used from several threads at once (calls only
** read it); the error text is per thread.  Not async-signal-safe.
*/
#ifndef AEXFFI_H
#define AEXFFI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI major this binding was written for (the argument it gives aex_get_api). */
#define AEXFFI_ABI_MAJOR 1

#define AEXFFI_OK 0
#define AEXFFI_E_OPEN (-1)             /* dlopen failed (no such file, not a shared library) */
#define AEXFFI_E_NOT_AUTOEXPORTS (-2)  /* the library has no aex_get_api: not libautoexports */
#define AEXFFI_E_ABI (-3)              /* the library does not provide AEXFFI_ABI_MAJOR */
#define AEXFFI_E_UNKNOWN_FUNCTION (-4) /* no registered function has that name */
#define AEXFFI_E_ARG_COUNT (-5)        /* too many or too few inputs */
#define AEXFFI_E_ARG_TYPE (-6)         /* an input of the wrong kind (text for a number, ...) */
#define AEXFFI_E_UNSUPPORTED (-7)      /* the function uses a type this binding does not know */
#define AEXFFI_E_NO_MEMORY (-8)
#define AEXFFI_E_CALL (-9)  /* the function returned an error status (see the result) */
#define AEXFFI_E_NULL (-10) /* a required pointer argument of this API is NULL */

/* The library's type codes and flags (autoexports.h, section "Registry"). */
#define AEXFFI_TYPE_VOID 0
#define AEXFFI_TYPE_STATUS 1
#define AEXFFI_TYPE_INT32 2
#define AEXFFI_TYPE_INT64 3
#define AEXFFI_TYPE_DOUBLE 4
#define AEXFFI_TYPE_STRING 5
#define AEXFFI_TYPE_DOUBLE_ARRAY 6
#define AEXFFI_TYPE_BUFFER 7
#define AEXFFI_TYPE_HANDLE 8
#define AEXFFI_TYPE_INT32_ARRAY 9
#define AEXFFI_TYPE_INT64_ARRAY 10
#define AEXFFI_DIR_IN 0
#define AEXFFI_DIR_OUT 1
#define AEXFFI_FN_DETERMINISTIC 1
#define AEXFFI_FN_THREAD_SAFE 2
#define AEXFFI_PARAM_RANGE 1
#define AEXFFI_PARAM_NULLABLE 2

/** The library's descriptors, mirrored from the documented layout (ABI 1).  Read-only;
**  owned by the library; valid until aexffi_close. */
typedef struct aexffi_enum_value {
    int64_t value;
    const char *name;
} aexffi_enum_value;

typedef struct aexffi_param {
    int64_t size;
    const char *name;
    const char *help;
    const char *c_type;
    const char *length_name;
    const char *default_value;
    const aexffi_enum_value *allowed;
    int64_t allowed_count;
    double min;
    double max;
    int32_t type;
    int32_t direction;
    int32_t element_type;
    int32_t length_param;
    int32_t flags;
    int32_t reserved;
} aexffi_param;

typedef struct aexffi_function {
    int64_t size;
    const char *name;
    const char *symbol;
    const char *category;
    const char *help;
    const char *return_c_type;
    const char *example;
    const aexffi_param *params;
    int64_t param_count;
    void (*address)(void);
    int32_t return_type;
    int32_t flags;
} aexffi_function;

/* Kinds of values. */
#define AEXFFI_DEFAULT 0 /* input only: use the parameter's default */
#define AEXFFI_INT 1     /* i */
#define AEXFFI_DOUBLE 2  /* d */
#define AEXFFI_STRING 3  /* s: NUL-terminated UTF-8 */
#define AEXFFI_DOUBLES 4 /* doubles[0..n) */
#define AEXFFI_INTS 5    /* ints[0..n): an int32 or int64 array or buffer */
#define AEXFFI_HANDLE 6  /* p */
#define AEXFFI_NONE 7    /* output only: no value (a void return) */

/** A typed value: an input given to aexffi_call, or an output in a result. */
typedef struct aexffi_value {
    int32_t kind; /* AEXFFI_DEFAULT, _INT, ... */
    int64_t i;
    double d;
    const char *s;
    const double *doubles;
    const int64_t *ints;
    int64_t n; /* length of doubles or ints */
    void *p;
} aexffi_value;

aexffi_value aexffi_int(int64_t i);
aexffi_value aexffi_double(double d);
aexffi_value aexffi_string(const char *s);
aexffi_value aexffi_doubles(const double *values, int64_t n);
aexffi_value aexffi_ints(const int64_t *values, int64_t n);
aexffi_value aexffi_handle(void *p);
aexffi_value aexffi_default(void);

/** One output of a call: the parameter's name (or "return") and its value. */
typedef struct aexffi_output {
    const char *name;
    aexffi_value value;
} aexffi_output;

/** What a call returned.  Owned by the caller; release with aexffi_result_free. */
typedef struct aexffi_result {
    const aexffi_function *function;
    int32_t status;          /* the library's status (AEX_OK = 0) for a status function, else 0 */
    const char *status_name; /* e.g. "AEX_E_INVALID_ARGUMENT"; "AEX_OK" */
    const char *error;       /* the library's error message when status < 0, else "" */
    int64_t output_count;    /* 0 when status < 0 (outputs are written only on success) */
    aexffi_output *outputs;  /* the return value first (unless void or status), then every
                                out-parameter in order */
} aexffi_result;

typedef struct aexffi_library aexffi_library;

/** Opens libautoexports at `path` with dlopen(), checks that it provides ABI major
**  AEXFFI_ABI_MAJOR, reads its registry and prepares a call interface per function.
**  Errors: AEXFFI_E_OPEN, AEXFFI_E_NOT_AUTOEXPORTS, AEXFFI_E_ABI, AEXFFI_E_NO_MEMORY,
**  AEXFFI_E_NULL.  On success *out is an open library, released with aexffi_close. */
int32_t aexffi_open(aexffi_library **out, const char *path);

/** Closes the library (dlclose) and frees the binding's memory.  NULL is a no-op.  Results
**  must be freed before. */
void aexffi_close(aexffi_library *lib);

/** The library's version text, e.g. "0.1.0". */
const char *aexffi_version(const aexffi_library *lib);

/** Number of registered functions, and the descriptor at an index (NULL if out of range). */
int64_t aexffi_function_count(const aexffi_library *lib);
const aexffi_function *aexffi_function_at(const aexffi_library *lib, int64_t index);

/** The descriptor of a function by symbol ("aex_rank_values") or stable name
**  ("rank_values"), or NULL (AEXFFI_E_UNKNOWN_FUNCTION in aexffi_last_error()). */
const aexffi_function *aexffi_find(const aexffi_library *lib, const char *name);

/** Number of inputs a function takes (see "Inputs and outputs"), and how many of them are
**  required (the rest have defaults).  -1 for an unsupported function. */
int32_t aexffi_input_count(const aexffi_library *lib, const aexffi_function *f);
int32_t aexffi_required_count(const aexffi_library *lib, const aexffi_function *f);
/** The parameter behind input `i` (for a buffer's length: the buffer parameter). */
const aexffi_param *aexffi_input_param(const aexffi_library *lib, const aexffi_function *f, int32_t i);

/** Calls the function named `name` with `n_args` inputs.  On AEXFFI_OK or AEXFFI_E_CALL,
**  *out is a result to free with aexffi_result_free; on any other error *out is NULL and
**  the function was not called. */
int32_t aexffi_call(aexffi_library *lib, const char *name, const aexffi_value *args, int32_t n_args,
                    aexffi_result **out);

/** Like aexffi_call, with every input given as text, as a command line gives it:
**  integers ("3", "-2") or one of the allowed names ("fractional"); numbers ("2.5",
**  "nan", "-inf"); arrays as comma-separated numbers ("30,20,20,10", "1,1,2"; "" is empty);
**  text as is; handles only as "NULL"; "default" for a parameter's default.  A text that
**  does not parse is AEXFFI_E_ARG_TYPE naming the argument. */
int32_t aexffi_call_text(aexffi_library *lib, const char *name, int32_t argc, const char *const *argv,
                         aexffi_result **out);

void aexffi_result_free(aexffi_result *r);

/** The message of this thread's last failed aexffi_* call, or "".  Never NULL. */
const char *aexffi_last_error(void);

/** The name of a binding status, e.g. "AEXFFI_E_ARG_TYPE". */
const char *aexffi_status_name(int32_t status);

/** The name of a type code, e.g. "double_array"; "unknown" for a code this binding lacks. */
const char *aexffi_type_name(int32_t type);

#ifdef __cplusplus
}
#endif
#endif /* AEXFFI_H */
