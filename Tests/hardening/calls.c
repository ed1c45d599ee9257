/* calls.c — see calls.h. */
#define _GNU_SOURCE
#include "calls.h"

#include <errno.h>
#include <ffi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---- handle kinds -------------------------------------------------------------------- */

typedef struct kind {
    char name[64];
    const aex_function *ctor;
    int ctor_out; /* the constructor's out-parameter that receives the handle */
    const aex_function *dtor;
    const aex_function *populators[16];
    int n_populators;
} kind;

static kind kinds[CALLS_MAX_KINDS];
static int n_kinds;

/* "const aex_panel *" -> "aex_panel". */
static void kind_name(const char *c_type, char *out, size_t cap) {
    const char *s = c_type;
    if (strncmp(s, "const ", 6) == 0) s += 6;
    size_t n = 0;
    while (s[n] && s[n] != ' ' && s[n] != '*' && n + 1 < cap) {
        out[n] = s[n];
        n++;
    }
    out[n] = '\0';
}

int calls_kind_of(const char *c_type) {
    char name[64];
    kind_name(c_type, name, sizeof name);
    for (int k = 0; k < n_kinds; k++)
        if (strcmp(kinds[k].name, name) == 0) return k;
    return -1;
}

int calls_kind_count(void) { return n_kinds; }
const char *calls_kind_name(int k) { return k >= 0 && k < n_kinds ? kinds[k].name : "?"; }
int calls_kind_makeable(int k) { return k >= 0 && k < n_kinds && kinds[k].ctor && kinds[k].dtor; }

int calls_is_free_function(const aex_function *f) {
    return f->param_count == 1 && f->params[0].type == AEX_TYPE_HANDLE && f->params[0].direction == AEX_DIR_IN &&
        strlen(f->symbol) > 5 && strcmp(f->symbol + strlen(f->symbol) - 5, "_free") == 0;
}

static int add_kind(const char *c_type) {
    int k = calls_kind_of(c_type);
    if (k >= 0 || n_kinds == CALLS_MAX_KINDS) return k;
    kind_name(c_type, kinds[n_kinds].name, sizeof kinds[n_kinds].name);
    return n_kinds++;
}

void calls_init(void) {
    if (n_kinds) return;
    int64_t count = aex_registry_count();
    /* Every handle type that appears as a parameter is a kind. */
    for (int64_t i = 0; i < count; i++) {
        const aex_function *f = aex_registry_get(i);
        for (int64_t j = 0; j < f->param_count; j++)
            if (f->params[j].type == AEX_TYPE_HANDLE) add_kind(f->params[j].c_type);
    }
    for (int64_t i = 0; i < count; i++) {
        const aex_function *f = aex_registry_get(i);
        for (int64_t j = 0; j < f->param_count; j++) {
            const aex_param *p = &f->params[j];
            if (p->type != AEX_TYPE_HANDLE) continue;
            int k = calls_kind_of(p->c_type);
            if (k < 0) continue;
            kind *K = &kinds[k];
            if (p->direction == AEX_DIR_OUT && strstr(p->c_type, "**")) {
                /* A constructor: prefer the one with the fewest parameters. */
                if (!K->ctor || f->param_count < K->ctor->param_count) {
                    K->ctor = f;
                    K->ctor_out = (int)j;
                }
            } else if (p->direction == AEX_DIR_IN && calls_is_free_function(f)) {
                char want[80];
                snprintf(want, sizeof want, "%s_free", K->name);
                if (strcmp(f->symbol, want) == 0) K->dtor = f;
            } else if (p->direction == AEX_DIR_IN && f->param_count == 1 && strncmp(p->c_type, "const", 5) != 0 &&
                       f->return_type == AEX_TYPE_STATUS && K->n_populators < 16) {
                K->populators[K->n_populators++] = f;
            }
        }
    }
}

/* ---- memory ---------------------------------------------------------------------------- */

static int use_malloc;

void calls_use_malloc(int on) { use_malloc = on; }

calls_block calls_block_alloc(size_t bytes) {
    calls_block b = {0};
    if (use_malloc) {
        b.base = malloc(bytes ? bytes : 1);
        b.data = b.base;
        b.bytes = b.base ? bytes : 0;
        return b;
    }
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t data_pages = (bytes + page - 1) / page;
    b.total = (data_pages + 1) * page;
    void *base = mmap(NULL, b.total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
        b.total = 0;
        return b;
    }
    char *guard = (char *)base + data_pages * page;
    mprotect(guard, page, PROT_NONE);
    b.base = base;
    b.data = guard - bytes;
    b.bytes = bytes;
    return b;
}

void calls_block_free(calls_block *b) {
    if (b->base && !b->total) free(b->base);
    else if (b->base) munmap(b->base, b->total);
    memset(b, 0, sizeof *b);
}

/* ---- parameters ------------------------------------------------------------------------ */

int calls_has_text_length(const aex_function *f, int j) {
    if (j < 0 || j + 1 >= (int)f->param_count) return 0;
    const aex_param *p = &f->params[j], *q = &f->params[j + 1];
    return p->type == AEX_TYPE_STRING && p->direction == AEX_DIR_IN && q->type == AEX_TYPE_INT64 &&
        q->direction == AEX_DIR_IN && strcmp(q->name, "length") == 0;
}

calls_slot *calls_text_length_slot(calls_call *call, int j) { return &call->c[call->first_c[j + 1]]; }

int calls_is_array(const aex_param *p) {
    return p->direction == AEX_DIR_IN &&
        (p->type == AEX_TYPE_DOUBLE_ARRAY || p->type == AEX_TYPE_INT32_ARRAY || p->type == AEX_TYPE_INT64_ARRAY ||
         p->type == AEX_TYPE_BUFFER);
}

int calls_is_pointer(const aex_param *p) {
    return p->direction == AEX_DIR_OUT || calls_is_array(p) || p->type == AEX_TYPE_STRING || p->type == AEX_TYPE_HANDLE;
}

size_t calls_element_size(const aex_param *p) {
    int32_t t = p->type == AEX_TYPE_BUFFER ? p->element_type
        : p->type == AEX_TYPE_DOUBLE_ARRAY ? AEX_TYPE_DOUBLE
        : p->type == AEX_TYPE_INT32_ARRAY  ? AEX_TYPE_INT32
        : p->type == AEX_TYPE_INT64_ARRAY  ? AEX_TYPE_INT64
                                           : 0;
    switch (t) {
    case AEX_TYPE_DOUBLE: return sizeof(double);
    case AEX_TYPE_INT32: return sizeof(int32_t);
    case AEX_TYPE_INT64: return sizeof(int64_t);
    default: return 1;
    }
}

static int32_t element_type(const aex_param *p) {
    return p->type == AEX_TYPE_BUFFER      ? p->element_type
        : p->type == AEX_TYPE_DOUBLE_ARRAY ? AEX_TYPE_DOUBLE
        : p->type == AEX_TYPE_INT32_ARRAY  ? AEX_TYPE_INT32
                                           : AEX_TYPE_INT64;
}

static int has_own_length(const aex_param *p) {
    return (calls_is_array(p) || p->type == AEX_TYPE_BUFFER) && p->length_param < 0;
}

static int say(char *why, size_t cap, const char *fmt, ...) {
    if (why && cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, cap, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int parse_int(const aex_param *p, const char *t, int64_t *out) {
    if (!t || !*t) return -1;
    char *end;
    errno = 0;
    long long v = strtoll(t, &end, 10);
    if (*end == '\0' && errno == 0) {
        *out = v;
        return 0;
    }
    for (int64_t k = 0; p->allowed && k < p->allowed_count; k++)
        if (strcmp(p->allowed[k].name, t) == 0) {
            *out = p->allowed[k].value;
            return 0;
        }
    return -1;
}

/* ---- handles ----------------------------------------------------------------------------- */

static void *(*handle_source)(int kind, int reads, void *ctx);
static void *handle_source_ctx;

void calls_set_handle_source(void *(*source)(int kind, int reads, void *ctx), void *ctx) {
    handle_source = source;
    handle_source_ctx = ctx;
}

static int prepare_at(calls_call *call, const aex_function *f, const calls_call *share, int depth, char *why,
                      size_t cap);

static void *make_handle(int k, int populate, int depth, char *why, size_t cap) {
    if (!calls_kind_makeable(k)) {
        say(why, cap, "no constructor and destructor for %s", calls_kind_name(k));
        return NULL;
    }
    if (depth > 4) {
        say(why, cap, "handles nested too deeply");
        return NULL;
    }
    kind *K = &kinds[k];
    calls_call *c = calloc(1, sizeof *c);
    if (!c) {
        say(why, cap, "out of memory");
        return NULL;
    }
    void *h = NULL;
    if (prepare_at(c, K->ctor, NULL, depth + 1, why, cap) == 0) {
        calls_invoke(c);
        if (c->status == AEX_OK) {
            h = c->out[K->ctor_out].p;
            c->out[K->ctor_out].p = NULL; /* ours now, not the call's */
        } else {
            say(why, cap, "%s failed: %s", K->ctor->symbol, c->message);
        }
    }
    calls_release(c);
    free(c);
    if (!h) return NULL;
    for (int i = 0; populate && i < K->n_populators; i++) {
        int32_t (*pop)(void *) = (int32_t(*)(void *))K->populators[i]->address;
        pop(h);
    }
    return h;
}

void *calls_make_handle(int k, int populate, char *why, size_t cap) { return make_handle(k, populate, 0, why, cap); }

int32_t calls_free_handle(int k, void *h) {
    if (!calls_kind_makeable(k)) return AEX_E_INVALID_HANDLE;
    int32_t (*dtor)(void *) = (int32_t(*)(void *))kinds[k].dtor->address;
    return dtor(h);
}

/* ---- preparing a call ----------------------------------------------------------------------- */

static int fill_array(calls_call *call, int j, const aex_param *p, const char *text, char *why, size_t cap) {
    size_t len = strlen(text), n = len ? 1 : 0;
    for (size_t s = 0; s < len; s++) n += text[s] == ',';
    size_t es = calls_element_size(p);
    call->block[j] = calls_block_alloc(n * es);
    if (!call->block[j].base) return say(why, cap, "out of memory");
    char *copy = strdup(text);
    if (!copy) return say(why, cap, "out of memory");
    char *item = copy;
    int32_t et = element_type(p);
    for (size_t m = 0; m < n; m++) {
        char *comma = strchr(item, ',');
        if (comma) *comma = '\0';
        char *end;
        errno = 0;
        if (et == AEX_TYPE_DOUBLE) {
            double d = strtod(item, &end);
            memcpy((char *)call->block[j].data + m * es, &d, es);
        } else {
            long long v = strtoll(item, &end, 10);
            if (et == AEX_TYPE_INT32) {
                int32_t x = (int32_t)v;
                memcpy((char *)call->block[j].data + m * es, &x, es);
            } else if (et == AEX_TYPE_INT64) {
                int64_t x = v;
                memcpy((char *)call->block[j].data + m * es, &x, es);
            } else ((char *)call->block[j].data)[m] = (char)v;
        }
        if (!*item || *end) {
            say(why, cap, "%s: item %zu \"%s\" is not a number", p->name, m + 1, item);
            free(copy);
            return -1;
        }
        item = comma ? comma + 1 : item;
    }
    free(copy);
    call->elements[j] = (int64_t)n;
    call->c[call->first_c[j]].p = call->block[j].data;
    if (call->has_length[j]) call->c[call->first_c[j] + 1].i64 = (int64_t)n;
    return 0;
}

static int prepare_at(calls_call *call, const aex_function *f, const calls_call *share, int depth, char *why,
                      size_t cap) {
    memset(call, 0, sizeof *call);
    call->f = f;
    if (f->param_count > CALLS_MAX_PARAMS) return say(why, cap, "%s has too many parameters", f->symbol);
    for (int64_t j = 0; j < f->param_count; j++) {
        call->first_c[j] = call->n_c;
        call->has_length[j] = has_own_length(&f->params[j]);
        call->n_c += 1 + call->has_length[j];
    }
    /* The example's tokens, one per input. */
    char tokens[4096];
    snprintf(tokens, sizeof tokens, "%s", f->example ? f->example : "");
    char *save = NULL, *tok = strtok_r(tokens, " \t", &save);
    for (int64_t j = 0; j < f->param_count; j++) {
        const aex_param *p = &f->params[j];
        int input = p->direction == AEX_DIR_IN || (p->type == AEX_TYPE_BUFFER && call->has_length[j]);
        calls_slot *c = &call->c[call->first_c[j]];
        if (!input) {
            if (p->type != AEX_TYPE_BUFFER) c->p = &call->out[j];
            continue;
        }
        const char *t = tok;
        if (tok) tok = strtok_r(NULL, " \t", &save);
        if (!t || strcmp(t, "default") == 0) {
            t = p->default_value;
            if (!t && p->type == AEX_TYPE_HANDLE) t = "NULL";
            if (!t) return say(why, cap, "%s: the example gives no value for %s", f->symbol, p->name);
        }
        if (share && p->direction == AEX_DIR_IN && (p->type == AEX_TYPE_HANDLE || calls_is_array(p))) {
            /* The other call's handle or array itself. */
            c[0] = share->c[share->first_c[j]];
            if (call->has_length[j]) c[1] = share->c[share->first_c[j] + 1];
            call->elements[j] = share->elements[j];
            continue;
        }
        if (p->direction == AEX_DIR_OUT) { /* a buffer and its capacity */
            int64_t n;
            if (parse_int(p, t, &n) != 0 || n < 0 || n > (1 << 24))
                return say(why, cap, "%s: bad capacity \"%s\" for %s", f->symbol, t, p->name);
            call->block[j] = calls_block_alloc((size_t)n * calls_element_size(p));
            if (!call->block[j].base) return say(why, cap, "out of memory");
            call->elements[j] = n;
            c[0].p = call->block[j].data;
            c[1].i64 = n;
            continue;
        }
        switch (p->type) {
        case AEX_TYPE_INT32:
        case AEX_TYPE_INT64: {
            int64_t v;
            if (parse_int(p, t, &v) != 0)
                return say(why, cap, "%s: \"%s\" is not an integer for %s", f->symbol, t, p->name);
            if (p->type == AEX_TYPE_INT32) c->i32 = (int32_t)v;
            else c->i64 = v;
            break;
        }
        case AEX_TYPE_DOUBLE: {
            char *end;
            c->d = strtod(t, &end);
            if (*end) return say(why, cap, "%s: \"%s\" is not a number for %s", f->symbol, t, p->name);
            break;
        }
        case AEX_TYPE_STRING:
            if (strcmp(t, "NULL") == 0 && (p->flags & AEX_PARAM_NULLABLE)) {
                c->p = NULL;
                break;
            }
            if (!(call->text[j] = strdup(t))) return say(why, cap, "out of memory");
            c->p = call->text[j];
            break;
        case AEX_TYPE_HANDLE: {
            int k = calls_kind_of(p->c_type);
            if (handle_source && depth == 0 && calls_kind_makeable(k)) {
                c->p = handle_source(k, strncmp(p->c_type, "const", 5) == 0, handle_source_ctx);
            } else if (calls_kind_makeable(k)) {
                if (call->n_handles == CALLS_MAX_HANDLES) return say(why, cap, "too many handles");
                /* A function that reads the handle gets a filled one; one that changes it
                   (adds to it, frees it) an empty one, so that the example can succeed. */
                int reads = strncmp(p->c_type, "const", 5) == 0;
                void *h = make_handle(k, reads, depth, why, cap);
                if (!h) return -1;
                call->handles[call->n_handles++] = (calls_handle){k, h};
                c->p = h;
            } else if (strcmp(t, "NULL") == 0) {
                c->p = NULL;
            } else {
                return say(why, cap, "%s: cannot make a handle %s", f->symbol, p->c_type);
            }
            break;
        }
        default:
            if (calls_is_array(p)) {
                if (fill_array(call, (int)j, p, t, why, cap) != 0) return -1;
            } else {
                return say(why, cap, "%s: parameter %s has type %d, unknown to this test", f->symbol, p->name, p->type);
            }
        }
    }
    if (tok) return say(why, cap, "%s: the example has more values than the function has inputs", f->symbol);
    /* Buffers sized by an array. */
    for (int64_t j = 0; j < f->param_count; j++) {
        const aex_param *p = &f->params[j];
        if (p->direction != AEX_DIR_OUT || p->type != AEX_TYPE_BUFFER || call->has_length[j]) continue;
        if (p->length_param < 0 || p->length_param >= f->param_count)
            return say(why, cap, "%s: %s has no length", f->symbol, p->name);
        int64_t n = call->elements[p->length_param];
        call->block[j] = calls_block_alloc((size_t)n * calls_element_size(p));
        if (!call->block[j].base) return say(why, cap, "out of memory");
        call->elements[j] = n;
        call->c[call->first_c[j]].p = call->block[j].data;
    }
    /* Input arrays that share another array's length must be as long. */
    for (int64_t j = 0; j < f->param_count; j++) {
        const aex_param *p = &f->params[j];
        if (calls_is_array(p) && p->length_param >= 0 && call->elements[j] != call->elements[p->length_param])
            return say(why, cap, "%s: the example's %s is not as long as %s", f->symbol, p->name,
                       f->params[p->length_param].name);
    }
    return 0;
}

int calls_prepare(calls_call *call, const aex_function *f, char *why, size_t cap) {
    if (why && cap) why[0] = '\0';
    return prepare_at(call, f, NULL, 0, why, cap);
}

int calls_prepare_shared(calls_call *call, const calls_call *share, char *why, size_t cap) {
    if (why && cap) why[0] = '\0';
    return prepare_at(call, share->f, share, 0, why, cap);
}

/* ---- calling ------------------------------------------------------------------------------- */

static ffi_type *scalar_type(int32_t t) {
    switch (t) {
    case AEX_TYPE_STATUS:
    case AEX_TYPE_INT32: return &ffi_type_sint32;
    case AEX_TYPE_INT64: return &ffi_type_sint64;
    case AEX_TYPE_DOUBLE: return &ffi_type_double;
    case AEX_TYPE_VOID: return &ffi_type_void;
    default: return &ffi_type_pointer;
    }
}

void calls_invoke(calls_call *call) {
    const aex_function *f = call->f;
    ffi_type *types[CALLS_MAX_C];
    void *values[CALLS_MAX_C];
    for (int64_t j = 0; j < f->param_count; j++) {
        const aex_param *p = &f->params[j];
        int a = call->first_c[j];
        types[a] = calls_is_pointer(p) ? &ffi_type_pointer : scalar_type(p->type);
        if (call->has_length[j]) types[a + 1] = &ffi_type_sint64;
    }
    for (int a = 0; a < call->n_c; a++) values[a] = &call->c[a];
    ffi_cif cif;
    memset(&call->ret, 0, sizeof call->ret);
    union {
        ffi_arg a;
        ffi_sarg sa;
        int64_t i64;
        double d;
        void *p;
    } r;
    memset(&r, 0, sizeof r);
    if (ffi_prep_cif(&cif, FFI_DEFAULT_ABI, (unsigned)call->n_c, scalar_type(f->return_type), types) != FFI_OK) {
        call->status = AEX_E_INTERNAL;
        snprintf(call->message, sizeof call->message, "libffi could not prepare %s", f->symbol);
        return;
    }
    ffi_call(&cif, FFI_FN(f->address), &r, values);
    const char *m = aex_last_error_message();
    snprintf(call->message, sizeof call->message, "%s", m ? m : "(NULL message)");
    call->status = AEX_OK;
    switch (f->return_type) {
    case AEX_TYPE_STATUS:
        call->ret.i32 = (int32_t)r.sa;
        call->status = call->ret.i32;
        break;
    case AEX_TYPE_INT32: call->ret.i32 = (int32_t)r.sa; break;
    case AEX_TYPE_INT64: call->ret.i64 = r.i64; break;
    case AEX_TYPE_DOUBLE: call->ret.d = r.d; break;
    case AEX_TYPE_VOID: break;
    default:
        call->ret.p = r.p;
        if (!r.p) call->status = CALLS_NULL_RETURN; /* the message says why */
    }
    /* A destructor that succeeded consumed its handle. */
    if (call->status == AEX_OK && calls_is_free_function(f))
        for (int i = 0; i < call->n_handles; i++)
            if (call->handles[i].h == call->c[0].p) call->handles[i].h = NULL;
}

void calls_release(calls_call *call) {
    const aex_function *f = call->f;
    if (f && call->status == AEX_OK) {
        /* New handles the call returned. */
        for (int64_t j = 0; j < f->param_count; j++) {
            const aex_param *p = &f->params[j];
            if (p->direction != AEX_DIR_OUT || p->type != AEX_TYPE_HANDLE || !call->out[j].p) continue;
            if (call->c[call->first_c[j]].p != &call->out[j]) continue; /* the test replaced the pointer */
            int k = calls_kind_of(p->c_type);
            if (calls_kind_makeable(k)) calls_free_handle(k, call->out[j].p);
            call->out[j].p = NULL;
        }
    }
    for (int i = 0; i < call->n_handles; i++)
        if (call->handles[i].h) calls_free_handle(call->handles[i].kind, call->handles[i].h);
    call->n_handles = 0;
    for (int j = 0; j < CALLS_MAX_PARAMS; j++) {
        calls_block_free(&call->block[j]);
        free(call->text[j]);
        call->text[j] = NULL;
    }
}

/* ---- digests ---------------------------------------------------------------------------------- */

static uint64_t fnv(uint64_t h, const void *data, size_t n) {
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}

uint64_t calls_digest(const calls_call *call) {
    const aex_function *f = call->f;
    uint64_t h = 14695981039346656037ULL;
    h = fnv(h, &call->status, sizeof call->status);
    h = fnv(h, call->message, strlen(call->message));
    switch (f->return_type) {
    case AEX_TYPE_INT32:
    case AEX_TYPE_STATUS: h = fnv(h, &call->ret.i32, 4); break;
    case AEX_TYPE_INT64: h = fnv(h, &call->ret.i64, 8); break;
    case AEX_TYPE_DOUBLE: h = fnv(h, &call->ret.d, 8); break;
    case AEX_TYPE_STRING:
        if (call->ret.p) h = fnv(h, call->ret.p, strlen(call->ret.p));
        break;
    case AEX_TYPE_HANDLE: h = fnv(h, &call->ret.p, sizeof call->ret.p); break; /* static objects */
    default: break;
    }
    for (int64_t j = 0; j < f->param_count; j++) {
        const aex_param *p = &f->params[j];
        if (p->direction != AEX_DIR_OUT) continue;
        switch (p->type) {
        case AEX_TYPE_BUFFER:
            if (call->block[j].data) h = fnv(h, call->block[j].data, call->block[j].bytes);
            break;
        case AEX_TYPE_INT32: h = fnv(h, &call->out[j].i32, 4); break;
        case AEX_TYPE_INT64: h = fnv(h, &call->out[j].i64, 8); break;
        case AEX_TYPE_DOUBLE: h = fnv(h, &call->out[j].d, 8); break;
        case AEX_TYPE_STRING:
            if (call->out[j].p) h = fnv(h, call->out[j].p, strlen(call->out[j].p));
            break;
        default: break; /* a new handle differs from call to call */
        }
    }
    return h;
}
