/* fuzz_api — libFuzzer target: random sequences of C API calls with random arguments.
**
** Each input is read as up to 16 calls.  A call is: one byte choosing a registered function
** (whatever the registry holds), then, per parameter, a selector byte and the bytes of a
** value:
**   integers   the registry example's value, an allowed value, a bound, or 8 random bytes
**   doubles    the example's value, or any 64-bit pattern (NaN payloads, subnormals, inf)
**   text       the example's text, NULL, or up to 64 random bytes (NUL-terminated)
**   arrays     the example's array, or 0..63 random elements with their true length, a
**              negative length, or NULL with a positive length
**   buffers    a capacity of 0..127 elements (allocated), NULL with 0, or negative
**   handles    a live handle of the kind from a pool, one of another kind, a freed one,
**              NULL, or 8 random bytes; options structs (no constructor) NULL or the
**              example's
**   outputs    occasionally NULL
** Arrays never claim more elements than they have (that is the caller's duty, header
** convention 10), nor does a text's own byte count ("length" after a text parameter).
** Constructors add their new handles to the pool (at most 8 per kind),
** destructors remove them (the value is kept as a freed handle); the pool is freed at the
** end of each input.  Besides crashes, leaks and sanitizer reports, the target aborts on
** a broken contract: a status that is not in the header, a failure without a message, a
** success that leaves an error message.
**
** Build and run: Tests/fuzz/run.sh (see Tests/fuzz/README.md).
*/
#define _GNU_SOURCE
#include "calls.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const uint8_t *p;
    size_t n;
} reader;

static uint8_t u8(reader *r) {
    if (!r->n) return 0;
    r->n--;
    return *r->p++;
}

static uint64_t u64(reader *r) {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v = v << 8 | u8(r);
    return v;
}

/* ---- the handle pool -------------------------------------------------------------------- */

#define POOL 8
#define FREED 16
static void *pool[CALLS_MAX_KINDS][POOL];
static void *freed[FREED];
static int n_freed;
static reader *current;

static void *pooled(int kind, int reads, void *ctx) {
    (void)ctx;
    (void)reads;
    uint8_t s = u8(current);
    if (s % 4 == 0 || !pool[kind][s / 4 % POOL]) {
        /* A new one (empty or filled) into a free slot, or a slot's handle. */
        for (int i = 0; i < POOL; i++)
            if (!pool[kind][i]) {
                pool[kind][i] = calls_make_handle(kind, s & 1, NULL, 0);
                return pool[kind][i];
            }
    }
    return pool[kind][s / 4 % POOL];
}

static void forget(void *h) {
    for (int k = 0; k < calls_kind_count(); k++)
        for (int i = 0; i < POOL; i++)
            if (pool[k][i] == h) pool[k][i] = NULL;
    freed[n_freed++ % FREED] = h;
}

static void adopt(int kind, void *h) {
    for (int i = 0; i < POOL; i++)
        if (!pool[kind][i]) {
            pool[kind][i] = h;
            return;
        }
    calls_free_handle(kind, h);
}

static void drain(void) {
    for (int k = 0; k < calls_kind_count(); k++)
        for (int i = 0; i < POOL; i++)
            if (pool[k][i]) {
                calls_free_handle(k, pool[k][i]);
                pool[k][i] = NULL;
            }
    n_freed = 0;
}

/* ---- arguments ---------------------------------------------------------------------------- */

static void fill_random(reader *r, calls_block *b) {
    uint8_t *d = b->data;
    for (size_t i = 0; i < b->bytes; i++) d[i] = u8(r);
}

/* Pleasant doubles, so that arrays often hold real-looking data, ties and specials. */
static double nice_double(reader *r) {
    static const double table[16] = {0,  -0.0, 1,   2,        2,         3,     10,     1e6,
                                     -1, 0.5,  NAN, INFINITY, -INFINITY, 1e308, 5e-324, 2023};
    uint8_t s = u8(r);
    return s < 128 ? table[s % 16] : (double)(int8_t)u8(r) * 1000;
}

static void fuzz_array(reader *r, calls_call *call, int j, int64_t n, uint8_t how) {
    const aex_param *p = &call->f->params[j];
    size_t es = calls_element_size(p);
    calls_block_free(&call->block[j]);
    call->block[j] = calls_block_alloc((size_t)n * es);
    if (!call->block[j].base) abort();
    if (how & 1) {
        fill_random(r, &call->block[j]);
    } else {
        for (int64_t e = 0; e < n; e++) {
            char *d = (char *)call->block[j].data + e * (int64_t)es;
            if (es == 8 && p->type != AEX_TYPE_INT64_ARRAY &&
                !(p->type == AEX_TYPE_BUFFER && p->element_type == AEX_TYPE_INT64)) {
                double x = nice_double(r);
                memcpy(d, &x, 8);
            } else if (es == 8) {
                int64_t x = (int8_t)u8(r);
                memcpy(d, &x, 8);
            } else if (es == 4) {
                /* Period-like codes half the time. */
                int32_t x = u8(r) < 128 ? 2000 + (int32_t)(u8(r) % 30) : (int32_t)(int8_t)u8(r);
                memcpy(d, &x, 4);
            } else {
                *d = (char)u8(r);
            }
        }
    }
    call->elements[j] = n;
    call->c[call->first_c[j]].p = call->block[j].data;
    if (call->has_length[j]) call->c[call->first_c[j] + 1].i64 = n;
}

static char *texts[CALLS_MAX_PARAMS];

static void mutate(reader *r, calls_call *call) {
    const aex_function *f = call->f;
    /* Own-length arrays and their dependents first, so lengths stay consistent. */
    for (int j = 0; j < (int)f->param_count; j++) {
        const aex_param *p = &f->params[j];
        calls_slot *c = &call->c[call->first_c[j]];
        uint8_t s = u8(r);
        if (s < 96) continue; /* keep the example's value */
        if (p->direction == AEX_DIR_OUT) {
            if (p->type == AEX_TYPE_BUFFER && call->has_length[j]) {
                uint8_t how = u8(r);
                if (how < 16) {
                    c[0].p = NULL;
                    c[1].i64 = 0;
                } else if (how < 24) {
                    c[1].i64 = -(int64_t)(how - 15);
                } else {
                    int64_t cap = how % 128;
                    calls_block_free(&call->block[j]);
                    call->block[j] = calls_block_alloc((size_t)cap * calls_element_size(p));
                    call->elements[j] = cap;
                    c[0].p = call->block[j].data;
                    c[1].i64 = cap;
                }
            } else if (s > 240 && !(p->type == AEX_TYPE_BUFFER && call->elements[j] == 0)) {
                c[0].p = NULL;
            }
            continue;
        }
        if (calls_is_array(p)) {
            if (p->length_param >= 0) continue; /* follows its length array below */
            uint8_t how = u8(r);
            if (how < 16) {
                c[0].p = NULL;
                if (call->has_length[j]) c[1].i64 = 1 + how;
            } else if (how < 24 && call->has_length[j]) c[1].i64 = how == 16 ? INT64_MIN : -(int64_t)(how - 16);
            else {
                int64_t n = u8(r) % 64;
                fuzz_array(r, call, j, n, how);
                /* Arrays and buffers sized by this one. */
                for (int k = 0; k < (int)f->param_count; k++) {
                    const aex_param *q = &f->params[k];
                    if (q->length_param != j) continue;
                    if (q->direction == AEX_DIR_IN) fuzz_array(r, call, k, n, u8(r));
                    else {
                        calls_block_free(&call->block[k]);
                        call->block[k] = calls_block_alloc((size_t)n * calls_element_size(q));
                        call->elements[k] = n;
                        call->c[call->first_c[k]].p = call->block[k].data;
                    }
                }
            }
            continue;
        }
        switch (p->type) {
        case AEX_TYPE_INT32:
        case AEX_TYPE_INT64: {
            int64_t v;
            uint8_t how = u8(r);
            if (how < 64 && p->allowed_count > 0) v = p->allowed[how % p->allowed_count].value;
            else if (how < 96 && (p->flags & AEX_PARAM_RANGE)) {
                /* A bound, or just beside it (bounds may be +-2^63: convert with care). */
                double b = how & 1 ? p->max : p->min;
                int64_t e = b >= 0x1p63 ? INT64_MAX : b <= -0x1p63 ? INT64_MIN : (int64_t)b;
                v = (int64_t)((uint64_t)e + (uint64_t)(int64_t)((int8_t)u8(r) % 3));
            } else if (how < 160) v = (int8_t)u8(r);
            else if (how < 176) v = 2000 + u8(r) % 30; /* a year */
            else v = (int64_t)u64(r);
            if (p->type == AEX_TYPE_INT32) c->i32 = (int32_t)v;
            else c->i64 = v;
            break;
        }
        case AEX_TYPE_DOUBLE: {
            uint8_t how = u8(r);
            if (how < 128) c->d = nice_double(r);
            else {
                uint64_t bits = u64(r);
                memcpy(&c->d, &bits, 8);
            }
            break;
        }
        case AEX_TYPE_STRING: {
            uint8_t how = u8(r);
            if (how < 32) {
                c->p = NULL;
                break;
            }
            size_t n = u8(r) % 65;
            char *t = malloc(n + 1);
            if (!t) abort();
            for (size_t i = 0; i < n; i++) t[i] = (char)u8(r);
            t[n] = '\0';
            free(texts[j]);
            texts[j] = t;
            c->p = t;
            break;
        }
        case AEX_TYPE_HANDLE: {
            uint8_t how = u8(r);
            int k = calls_kind_of(p->c_type);
            /* Options structs (a kind without constructor and *_free) are real pointers, not
               handles: a wild one is the caller's fault (convention 10).  NULL or the
               example's. */
            if (!calls_kind_makeable(k)) {
                if (how < 128) c->p = NULL;
                break;
            }
            if (how < 48) c->p = NULL;
            else if (how < 96 && n_freed) c->p = freed[u8(r) % (n_freed < FREED ? n_freed : FREED)];
            else if (how < 144 && calls_kind_count() > 1) {
                int other = u8(r) % calls_kind_count();
                if (calls_kind_makeable(other)) c->p = pooled(other, 1, NULL);
            } else if (how < 160) c->p = (void *)(uintptr_t)u64(r);
            else if (calls_kind_makeable(k)) c->p = pooled(k, 1, NULL);
            break;
        }
        default: break;
        }
    }
}

/* A text's own byte count ("length" after a text parameter) must not claim more bytes than
** the text has (header convention 10, the caller's duty): clamped to them.  NULL with a
** count stays, to be refused. */
static void clamp_text_lengths(calls_call *call) {
    for (int j = 0; j < (int)call->f->param_count; j++) {
        if (!calls_has_text_length(call->f, j)) continue;
        const char *t = call->c[call->first_c[j]].p;
        calls_slot *n = calls_text_length_slot(call, j);
        if (t && n->i64 > (int64_t)strlen(t)) n->i64 = (int64_t)strlen(t);
    }
}

static int known_status(int32_t s) { return s == AEX_OK || s == CALLS_NULL_RETURN || (s <= -1 && s >= -14); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static int64_t count;
    static calls_call *call;
    if (!call) {
        calls_init();
        calls_use_malloc(1);
        count = aex_registry_count();
        call = calloc(1, sizeof *call);
        if (!call) abort();
    }
    reader r = {data, size};
    current = &r;
    calls_set_handle_source(pooled, NULL);
    for (int n = 0; n < 16 && r.n; n++) {
        const aex_function *f = aex_registry_get(u8(&r) % count);
        if (calls_prepare(call, f, NULL, 0) != 0) {
            calls_release(call);
            continue;
        }
        mutate(&r, call);
        clamp_text_lengths(call);
        /* Handles given to a destructor: if it succeeds they are gone. */
        void *given = calls_is_free_function(f) ? call->c[0].p : NULL;
        calls_invoke(call);
        if (!known_status(call->status)) {
            fprintf(stderr, "%s returned %d, not a status of the header\n", f->symbol, call->status);
            abort();
        }
        if (call->status != AEX_OK && call->status != CALLS_NULL_RETURN && !call->message[0]) {
            fprintf(stderr, "%s failed with %d and no message\n", f->symbol, call->status);
            abort();
        }
        if (call->status == AEX_OK && f->return_type == AEX_TYPE_STATUS && call->message[0]) {
            fprintf(stderr, "%s succeeded but left the message \"%s\"\n", f->symbol, call->message);
            abort();
        }
        if (call->status == AEX_OK) {
            if (given) forget(given);
            /* New handles join the pool. */
            for (int64_t j = 0; j < f->param_count; j++) {
                const aex_param *p = &f->params[j];
                if (p->direction == AEX_DIR_OUT && p->type == AEX_TYPE_HANDLE && call->out[j].p &&
                    call->c[call->first_c[j]].p == &call->out[j] && calls_kind_makeable(calls_kind_of(p->c_type))) {
                    adopt(calls_kind_of(p->c_type), call->out[j].p);
                    call->out[j].p = NULL;
                }
            }
        }
        calls_release(call);
        for (int j = 0; j < CALLS_MAX_PARAMS; j++) {
            free(texts[j]);
            texts[j] = NULL;
        }
    }
    drain();
    calls_set_handle_source(NULL, NULL);
    return 0;
}
