/* Memory limits: a request whose working memory is not there must fail with a status
** (AEX_E_OUT_OF_MEMORY, AEX_E_TOO_LARGE, or another documented error), never take the
** host process down, and leave the library usable.  Generated from the registry: every
** function that takes an input array is called in a forked child with its arrays made
** 2^22 elements long (the example's values repeated; outputs sized to match), under an
** address-space limit (RLIMIT_AS) only 24 MiB above what the process already holds, so
** any working copy or scratch proportional to the input cannot be allocated.  Then the
** child lifts the limit and the registry example must still succeed.
**
** Then imports, exports and every function that reads a panel, each in a forked child
** under an address-space limit:
**   - aex_panel_import_buffer of ~24 MB of generated tidy CSV (1 million rows, each its
**     own series) with 32, 96 and 384 MiB to spare: refused at the first block or part way;
**   - aex_panel_import_file of a generated file of ~48 MB (2 million rows), read block by
**     block, with 32 MiB to spare;
**   - on a panel of 200,000 rows (the reference data and generated series, made once
**     before the children fork), with 4 MiB to spare: aex_panel_export in every format and every
**     registered function that reads a panel, with its registry example;
** Each must fail with a documented status (the imports with AEX_E_OUT_OF_MEMORY or
** AEX_E_TOO_LARGE) and leave the panel unchanged, and the library must work once the
** limit is lifted.
**
** What cannot be tested this way: with the system's default memory overcommit, an
** allocation that succeeds may still fail when its pages are first touched, and then the
** kernel's OOM killer ends the process; the library cannot see that coming.
*/
// run.sh: -ITests/hardening Tests/hardening/calls.c -lffi
// hardening: not under valgrind asan tsan (they need an unlimited address space)
#define _GNU_SOURCE
#include "calls.h"
#include "check.h"
#include "forked.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIG ((int64_t)1 << 22)
#define HEADROOM ((rlim_t)24 << 20)

typedef struct outcome {
    int ran;
    int32_t status;
    int32_t after; /* the example's status once the limit is lifted */
    char message[1024];
} outcome;

/* Makes the arrays of `call` BIG elements long by repeating the example's elements. */
static int grow(calls_call *call) {
    const aex_function *f = call->f;
    int grown = 0;
    for (int j = 0; j < (int)f->param_count; j++) {
        const aex_param *p = &f->params[j];
        int array = calls_is_array(p);
        int sized_buffer = p->direction == AEX_DIR_OUT && p->type == AEX_TYPE_BUFFER && p->length_param >= 0;
        if (!array && !sized_buffer) continue;
        int64_t have = call->elements[j];
        if (array && p->length_param < 0 && have == 0) continue;
        if (array && p->length_param >= 0 && call->elements[p->length_param] == 0) continue;
        size_t es = calls_element_size(p);
        calls_block big = calls_block_alloc((size_t)BIG * es);
        if (!big.base) return -1;
        if (array && have > 0)
            for (int64_t e = 0; e < BIG; e++)
                memcpy((char *)big.data + e * (int64_t)es, (char *)call->block[j].data + (e % have) * (int64_t)es, es);
        calls_block_free(&call->block[j]);
        call->block[j] = big;
        call->elements[j] = BIG;
        call->c[call->first_c[j]].p = big.data;
        if (call->has_length[j]) call->c[call->first_c[j] + 1].i64 = BIG;
        grown += array;
    }
    return grown;
}

static void child(const aex_function *f, outcome *o) {
    calls_call *call = calloc(1, sizeof *call);
    if (!call || calls_prepare(call, f, NULL, 0) != 0) return;
    if (grow(call) <= 0) return;
    struct rlimit old;
    getrlimit(RLIMIT_AS, &old);
    struct rlimit lim = {vm_bytes() + HEADROOM, old.rlim_max};
    setrlimit(RLIMIT_AS, &lim);
    calls_invoke(call);
    o->ran = 1;
    o->status = call->status;
    snprintf(o->message, sizeof o->message, "%s", call->message);
    setrlimit(RLIMIT_AS, &old);
    calls_release(call);
    if (calls_prepare(call, f, NULL, 0) == 0) {
        calls_invoke(call);
        o->after = call->status;
    } else {
        o->after = -999;
    }
    calls_release(call);
    free(call);
}

/* ---- imports, exports and panels under a limit ------------------------------------------ */

#define IMPORT_HEADROOM ((rlim_t)32 << 20)
#define PANEL_HEADROOM ((rlim_t)4 << 20)

static void limit_to(rlim_t headroom, struct rlimit *old) {
    getrlimit(RLIMIT_AS, old);
    struct rlimit lim = {vm_bytes() + headroom, old->rlim_max};
    setrlimit(RLIMIT_AS, &lim);
}

/* `rows` rows of tidy CSV, each its own series (exporter codes kept as they are). */
static char *generated_csv(int64_t rows, int64_t first, int64_t *length) {
    size_t cap = (size_t)rows * 40 + 64;
    char *t = malloc(cap);
    if (!t) return NULL;
    size_t n = (size_t)snprintf(t, cap, "exporter,period,metric,value\n");
    for (int64_t i = 0; i < rows; i++)
        n += (size_t)snprintf(t + n, cap - n, "X%09lld,%d,units,%lld\n", (long long)(first + i), 2015 + (int)(i % 10),
                              (long long)(i * 7919 % 1000003));
    *length = (int64_t)n;
    return t;
}

static aex_import_options keep_unknown(void) {
    aex_import_options o = AEX_IMPORT_OPTIONS_INIT;
    o.flags = AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS;
    o.threads = 1;
    return o;
}

/* A small import that must work: the library is usable again. */
static int32_t small_import(aex_panel *p) {
    aex_import_options o = keep_unknown();
    const char *csv = "exporter,period,metric,value\nZZZ,2020,units,1\n";
    return aex_panel_import_buffer(NULL, p, csv, (int64_t)strlen(csv), AEX_FORMAT_TIDY, AEX_POLICY_STRICT, &o);
}

typedef struct limited {
    int ran;
    int32_t status, after;
    int64_t rows_before, rows_after;
    char message[1024];
} limited;

static rlim_t import_headroom = IMPORT_HEADROOM;

static void import_buffer_child(limited *o) {
    int64_t len = 0;
    char *csv = generated_csv(1000000, 0, &len);
    aex_panel *p = NULL;
    if (!csv || aex_panel_create(&p) != AEX_OK) return;
    aex_panel_load_reference(p);
    aex_panel_row_count(&o->rows_before, p);
    aex_import_options opt = keep_unknown();
    struct rlimit old;
    limit_to(import_headroom, &old);
    aex_rejections *r = NULL;
    o->status = aex_panel_import_buffer(&r, p, csv, len, AEX_FORMAT_TIDY, AEX_POLICY_LENIENT, &opt);
    snprintf(o->message, sizeof o->message, "%s", aex_last_error_message());
    o->ran = 1;
    setrlimit(RLIMIT_AS, &old);
    aex_rejections_free(r);
    aex_panel_row_count(&o->rows_after, p);
    free(csv);
    o->after = small_import(p);
    aex_panel_free(p);
}

static void import_file_child(limited *o) {
    char path[] = "/tmp/aex-memory-limits-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return;
    FILE *f = fdopen(fd, "w");
    for (int part = 0; f && part < 2; part++) {
        int64_t len = 0;
        char *csv = generated_csv(1000000, part * 1000000LL, &len);
        if (!csv) break;
        const char *body = part ? strchr(csv, '\n') + 1 : csv; /* one header */
        fwrite(body, 1, (size_t)(len - (body - csv)), f);
        free(csv);
    }
    if (f) fclose(f);
    aex_panel *p = NULL;
    if (aex_panel_create(&p) == AEX_OK) {
        aex_panel_row_count(&o->rows_before, p);
        aex_import_options opt = keep_unknown();
        struct rlimit old;
        limit_to(IMPORT_HEADROOM, &old);
        o->status = aex_panel_import_file(NULL, p, path, AEX_FORMAT_TIDY, AEX_POLICY_STRICT, &opt);
        snprintf(o->message, sizeof o->message, "%s", aex_last_error_message());
        o->ran = 1;
        setrlimit(RLIMIT_AS, &old);
        aex_panel_row_count(&o->rows_after, p);
        o->after = small_import(p);
        aex_panel_free(p);
    }
    unlink(path);
}

/* The big panel of the panel cases: the reference data and 1 million generated rows. */
static aex_panel *big_panel(void) {
    aex_panel *p = NULL;
    int64_t len = 0;
    char *csv = generated_csv(200000, 0, &len);
    aex_import_options opt = keep_unknown();
    if (!csv || aex_panel_create(&p) != AEX_OK || aex_panel_load_reference(p) != AEX_OK ||
        aex_panel_import_buffer(NULL, p, csv, len, AEX_FORMAT_TIDY, AEX_POLICY_STRICT, &opt) != AEX_OK) {
        free(csv);
        return NULL;
    }
    free(csv);
    return p;
}

static aex_panel *the_big_panel;

static void export_child(int32_t format, limited *o) {
    aex_panel *p = the_big_panel;
    if (!p) return;
    aex_panel_row_count(&o->rows_before, p);
    struct rlimit old;
    limit_to(PANEL_HEADROOM, &old);
    int64_t n = -1;
    o->status = aex_panel_export(NULL, 0, &n, p, format, 0);
    snprintf(o->message, sizeof o->message, "%s", aex_last_error_message());
    o->ran = 1;
    setrlimit(RLIMIT_AS, &old);
    aex_panel_row_count(&o->rows_after, p);
    o->after = aex_panel_export(NULL, 0, &n, p, format, 0);
}
static void *big_panel_source(int kind, int reads, void *ctx) {
    (void)reads;
    (void)ctx;
    return strcmp(calls_kind_name(kind), "aex_panel") == 0 ? the_big_panel : NULL;
}

static int reads_a_panel(const aex_function *f) {
    for (int64_t j = 0; j < f->param_count; j++)
        if (f->params[j].direction == AEX_DIR_IN && f->params[j].type == AEX_TYPE_HANDLE &&
            strcmp(f->params[j].c_type, "const aex_panel *") == 0)
            return 1;
    return 0;
}

static void panel_function_child(const aex_function *f, limited *o) {
    if (!the_big_panel) return;
    calls_set_handle_source(big_panel_source, NULL);
    calls_call *call = calloc(1, sizeof *call);
    if (!call || calls_prepare(call, f, NULL, 0) != 0) return;
    aex_panel_row_count(&o->rows_before, the_big_panel);
    struct rlimit old;
    limit_to(PANEL_HEADROOM, &old);
    calls_invoke(call);
    o->ran = 1;
    o->status = call->status;
    snprintf(o->message, sizeof o->message, "%s", call->message);
    setrlimit(RLIMIT_AS, &old);
    calls_release(call);
    aex_panel_row_count(&o->rows_after, the_big_panel);
    /* The same call without the limit: the library still works. */
    if (calls_prepare(call, f, NULL, 0) == 0) {
        calls_invoke(call);
        /* Any documented answer but running out of memory (the example's buffers may be
           too small for the big panel, its exporter may have no data in it). */
        o->after = call->status == AEX_E_OUT_OF_MEMORY || call->status < -14 ? call->status : AEX_OK;
    }
    calls_release(call);
}

static void function_child(const void *f, void *o) { child(f, o); }

typedef enum { L_IMPORT_BUFFER, L_IMPORT_FILE, L_EXPORT, L_FUNCTION } limited_case;

typedef struct limited_run {
    limited_case what;
    int32_t format;
    const aex_function *f;
} limited_run;

static void limited_child(const void *arg, void *out) {
    const limited_run *r = arg;
    limited *o = out;
    o->after = -999;
    if (r->what == L_IMPORT_BUFFER) import_buffer_child(o);
    else if (r->what == L_IMPORT_FILE) import_file_child(o);
    else if (r->what == L_EXPORT) export_child(r->format, o);
    else panel_function_child(r->f, o);
}

static void run_limited(limited_case what, int32_t format, const aex_function *f, const char *label, int imports) {
    limited_run r = {what, format, f};
    limited o;
    int ws = 0;
    int reported = run_forked(limited_child, &r, &o, sizeof o, 120, &ws);
    if (!reported || !o.ran) {
        check_failed++;
        fprintf(stderr, "FAILED: %s under an address-space limit: %s\n", label,
                WIFSIGNALED(ws) ? strsignal(WTERMSIG(ws))
                    : !o.ran    ? "the case could not be set up"
                                : "the child died");
        return;
    }
    int documented = o.status == AEX_OK || (o.status <= -1 && o.status >= -14) || o.status == CALLS_NULL_RETURN;
    int refused = o.status == AEX_E_OUT_OF_MEMORY || o.status == AEX_E_TOO_LARGE;
    int ok = documented && (!imports || refused) && o.after == AEX_OK &&
        (o.status == AEX_OK || o.rows_after == o.rows_before || !imports);
    CHECK(ok);
    if (!ok)
        fprintf(stderr, "FAILED: %s under an address-space limit: status %d (%s), rows %lld -> %lld, then %d\n", label,
                o.status, o.message, (long long)o.rows_before, (long long)o.rows_after, o.after);
    if (getenv("AEX_VERBOSE")) printf("  %-28s %s %s\n", label, aex_status_string(o.status), o.message);
}

static void imports_and_panels(void) {
    /* The buffer with several amounts to spare: refused at the first block, or part way
       when the columns, tables of series or the build no longer fit. */
    const int spare[] = {32, 96, 384};
    for (int k = 0; k < 3; k++) {
        import_headroom = (rlim_t)spare[k] << 20;
        char label[96];
        snprintf(label, sizeof label, "aex_panel_import_buffer (1 million rows, %d MiB)", spare[k]);
        run_limited(L_IMPORT_BUFFER, 0, NULL, label, 1);
    }
    import_headroom = IMPORT_HEADROOM;
    run_limited(L_IMPORT_FILE, 0, NULL, "aex_panel_import_file (2 million rows)", 1);
    the_big_panel = big_panel();
    CHECK(the_big_panel != NULL);
    if (!the_big_panel) return;
    const char *formats[] = {"aex_panel_export (CSV)", "aex_panel_export (JSON)", "aex_panel_export (Markdown)"};
    for (int32_t k = 0; k < 3; k++) run_limited(L_EXPORT, k, NULL, formats[k], 0);
    for (int64_t i = 0; i < aex_registry_count(); i++) {
        const aex_function *f = aex_registry_get(i);
        if (reads_a_panel(f)) run_limited(L_FUNCTION, 0, f, f->symbol, 0);
    }
    aex_panel_free(the_big_panel);
    the_big_panel = NULL;
}

int main(void) {
    (void)check_arrays;
    calls_init();
    calls_use_malloc(0);
    int tested = 0, refused = 0;
    for (int64_t i = 0; i < aex_registry_count(); i++) {
        const aex_function *f = aex_registry_get(i);
        int has_array = 0;
        for (int64_t j = 0; j < f->param_count; j++) has_array |= calls_is_array(&f->params[j]);
        if (!has_array) continue;
        outcome o;
        int ws = 0;
        int reported = run_forked(function_child, f, &o, sizeof o, 60, &ws);
        if (!reported) {
            check_failed++;
            fprintf(stderr, "FAILED: %s with %lld-element arrays and %d MiB to spare: %s\n", f->symbol, (long long)BIG,
                    (int)(HEADROOM >> 20), WIFSIGNALED(ws) ? strsignal(WTERMSIG(ws)) : "the child died");
            continue;
        }
        if (!o.ran) continue;
        tested++;
        int documented = o.status == AEX_OK || (o.status <= -1 && o.status >= -14);
        refused += o.status == AEX_E_OUT_OF_MEMORY || o.status == AEX_E_TOO_LARGE;
        CHECK(documented);
        CHECK(o.after == AEX_OK);
        if (!documented || o.after != AEX_OK)
            fprintf(stderr, "FAILED: %s: status %d (%s), then the example gave %d\n", f->symbol, o.status, o.message,
                    o.after);
        if (getenv("AEX_VERBOSE")) printf("  %-28s %s %s\n", f->symbol, aex_status_string(o.status), o.message);
    }
    imports_and_panels();
    printf("memory limits: %d functions with %lld-element arrays and %d MiB to spare (%d refused with "
           "AEX_E_OUT_OF_MEMORY or AEX_E_TOO_LARGE, the rest fit or failed otherwise)\n",
           tested, (long long)BIG, (int)(HEADROOM >> 20), refused);
    return check_finish("c/test_memory_limits");
}
