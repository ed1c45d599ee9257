/* calls.h — call any registered function of libautoexports with arguments built from its
** registry descriptor.  Shared by the hardening tests: the bad-input matrix
** (Tests/c/test_bad_inputs.c), the concurrency test (Tests/c/test_concurrency.c) and the
** C-API fuzzer (Tests/fuzz/fuzz_api.c).  Nothing here names a particular function: what is
** called is whatever the registry holds when the test runs.
**
** A call starts from the function's registry example (the sample input arguments the
** plugin host takes, e.g. "30,20,20,10 competition descending keep"), with two changes:
**
**   - a handle input ("NULL" in examples) becomes a live handle of its kind: the kind is
**     the header type of the parameter ("const aex_panel *" -> aex_panel); it is made by
**     the kind's constructor (a function with an `aex_panel **` out-parameter, called with
**     its own example) and, when the function only reads it (a const handle), filled by
**     every populator of the kind (a function whose only parameter is a non-const handle
**     of that kind, e.g. loading the reference data); a function that changes the handle
**     gets it empty;
**     "NULL" stays NULL for kinds that have no constructor;
**   - "NULL" for a nullable text parameter is NULL.
**
** Every array and output buffer is allocated so that its last byte is followed by an
** unmapped page: reading or writing one element past it faults at once.
**
** The tests then change single C arguments (call->c[...]) before calls_invoke. */
#ifndef AEX_CALLS_H
#define AEX_CALLS_H

#include "autoexports.h"
#include <stddef.h>
#include <stdint.h>

#define CALLS_MAX_PARAMS 32
#define CALLS_MAX_C 64
#define CALLS_MAX_HANDLES 64
#define CALLS_MAX_KINDS 32
/* calls_call.status of a function returning a pointer that returned NULL. */
#define CALLS_NULL_RETURN (-1000)

typedef union calls_slot {
    int32_t i32;
    int64_t i64;
    double d;
    void *p;
} calls_slot;

/* A block of memory ending right before an unmapped page. */
typedef struct calls_block {
    void *base;   /* mmap base */
    size_t total; /* mmap length */
    void *data;   /* the usable bytes: data + bytes == the guard page */
    size_t bytes;
} calls_block;

typedef struct calls_handle {
    int kind; /* index into the kind table */
    void *h;
} calls_handle;

/* One prepared call of one function. */
typedef struct calls_call {
    const aex_function *f;
    int32_t n_c;
    int32_t first_c[CALLS_MAX_PARAMS];       /* per parameter: its first C argument */
    int32_t has_length[CALLS_MAX_PARAMS];    /* per parameter: its own int64_t length follows */
    calls_slot c[CALLS_MAX_C];               /* the C arguments */
    calls_slot out[CALLS_MAX_PARAMS];        /* storage behind scalar and handle out-parameters */
    calls_block block[CALLS_MAX_PARAMS];     /* arrays and buffers, per parameter */
    int64_t elements[CALLS_MAX_PARAMS];      /* arrays: element count; buffers: capacity */
    char *text[CALLS_MAX_PARAMS];            /* copies of text inputs */
    calls_handle handles[CALLS_MAX_HANDLES]; /* made for this call; freed by calls_release */
    int n_handles;
    /* After calls_invoke: */
    union {
        int32_t i32;
        int64_t i64;
        double d;
        void *p;
    } ret;
    int32_t status;     /* the status for AEX_TYPE_STATUS, else AEX_OK, or
                                            CALLS_NULL_RETURN */
    char message[1024]; /* aex_last_error_message() right after the call */
} calls_call;

/* Reads the registry and the handle kinds.  Call once, before any other function here. */
void calls_init(void);

/* Number of handle kinds with a constructor, and their names ("aex_panel"). */
int calls_kind_count(void);
const char *calls_kind_name(int kind);
/* The kind of a parameter's C type ("const aex_panel *", "aex_panel **"), or -1. */
int calls_kind_of(const char *c_type);
/* Whether the kind has a constructor and a destructor (a function <kind>_free). */
int calls_kind_makeable(int kind);

/* Builds the example call of f: 0, or -1 with the reason in `why`. */
int calls_prepare(calls_call *call, const aex_function *f, char *why, size_t cap);

/* Like calls_prepare, but the input handles and arrays are those of `share` (a prepared
** call of the same function), not copies: for calls from several threads on the same
** inputs.  `share` must outlive this call. */
int calls_prepare_shared(calls_call *call, const calls_call *share, char *why, size_t cap);

/* Calls it (ffi_call) and records ret, status and message. */
void calls_invoke(calls_call *call);

/* Frees every handle made for or by the call (out-handles of a successful call included)
** and every block.  The call can be prepared again. */
void calls_release(calls_call *call);

/* A new live handle of `kind` (its constructor, then its populators when `populate`), or
** NULL with the reason. */
void *calls_make_handle(int kind, int populate, char *why, size_t cap);
/* From now on, calls_prepare takes the handles its calls read or change from `source`
** (which keeps them; calls_release does not free them) instead of making new ones.  NULL
** restores the default.  Not thread-safe: for the fuzzer's pool of handles. */
void calls_set_handle_source(void *(*source)(int kind, int reads, void *ctx), void *ctx);

/* Frees a handle made by calls_make_handle; returns the destructor's status. */
int32_t calls_free_handle(int kind, void *h);

/* Memory whose last byte precedes an unmapped page (see calls_block). */
calls_block calls_block_alloc(size_t bytes);
/* Blocks from malloc instead (no guard page): faster, for AddressSanitizer builds, whose
** red zones catch the same overflows. */
void calls_use_malloc(int on);
void calls_block_free(calls_block *b);

/* A digest of the call's result (status, message, return value, every output's content
** except new handles), to compare calls made from several threads. */
uint64_t calls_digest(const calls_call *call);

/* Whether parameter j is text that comes with its own byte count: a string followed by an
** int64 named "length" (the CSV bytes of aex_panel_import_buffer).  The count must not
** claim more bytes than the text has (header convention 10: the caller's duty), so tests
** that change such a text fit its count (calls_text_length_slot: the count's C argument). */
int calls_has_text_length(const aex_function *f, int j);
calls_slot *calls_text_length_slot(calls_call *call, int j);

/* Parameter helpers. */
int calls_is_array(const aex_param *p);        /* an input array or an input buffer */
int calls_is_pointer(const aex_param *p);      /* passed as a pointer (anything but in scalars) */
size_t calls_element_size(const aex_param *p); /* arrays and buffers */
/* Whether the function has this parameter as its only one, a non-const handle. */
int calls_is_free_function(const aex_function *f);

#endif
