/* The bad-input matrix: every registered function called with every kind of bad argument,
** generated from the registry when the test runs (nothing here names a function).
**
** For each function, the registry example (with live handles, see Tests/hardening/calls.h)
** must succeed.  Then each parameter in turn is made bad while the others keep their
** example values:
**
**   pointers        NULL (arrays and buffers with a positive length); nullable ones may
**                   succeed
**   lengths         0 (may succeed), 0 with NULL (may succeed), -1, INT64_MIN, and lengths
**                   whose byte size overflows (INT64_MAX, INT64_MAX / element size + 1)
**   capacities      of caller buffers: 0, 0 with NULL, 1 (may succeed or be too small),
**                   -1, INT64_MIN, and larger than the buffer (INT64_MAX, +4096 elements),
**                   which must not write past the result (the buffer ends at an unmapped page)
**   numbers         NaN, +-inf, -0.0, +-1e308, the smallest subnormal: an error when the
**                   registry gives a range they are outside of, else anything but a crash
**   enum-like ints  values outside the registry's allowed values or range; free ints:
**                   INT_MIN, INT_MAX, -1, 0
**   array contents  every element NaN, inf, -inf, -0.0, 1e308, a mix; ints INT_MIN, INT_MAX
**   text            NULL, "", invalid UTF-8, 100,000 bytes (a text with its own byte count,
**                   "length", gets the new text's count)
**   handles         NULL, freed, a handle of each other kind, a pointer to ordinary memory,
**                   a forged value with the handle tag
**
** A case that must fail has to return an error status (or NULL from a function returning
** a pointer) with a message that names the argument; a case that may succeed must not
** crash, and if it fails, the same rules apply.  Success always clears the error text.
** Every case runs in a forked child with a time limit, so a crash or a hang is one
** reported failure, not a dead runner.  AEX_MATRIX_INPROCESS=1 runs the cases in this
** process instead (for valgrind); AEX_MATRIX_FILTER=name limits them to one function.
*/
// run.sh: -ITests/hardening Tests/hardening/calls.c -lffi
#define _GNU_SOURCE
#include "calls.h"
#include "check.h"

#include <ctype.h>
#include <stdarg.h>
#include <float.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

enum action {
    A_BASELINE,
    A_NULL,        /* the parameter's pointer NULL (its length unchanged, or 1 if it was 0) */
    A_LENGTH,      /* its own length (or capacity) = i */
    A_LENGTH_NULL, /* pointer NULL and length = i */
    A_INT,         /* an int32/int64 input = i */
    A_DOUBLE,      /* a double input = d */
    A_TEXT,        /* text input: i = 0 "", 1 invalid UTF-8, 2 a long text */
    A_HANDLE_FREED,
    A_HANDLE_KIND,   /* a live handle of kind i */
    A_HANDLE_MEMORY, /* a pointer to ordinary zeroed memory */
    A_HANDLE_FORGED, /* a value with the handle tag byte but never issued */
    A_FILL_DOUBLE,   /* every element of a double array = d (NaN payload i == 1: a mix) */
    A_FILL_INT,      /* every element of an integer array = i */
};

typedef struct variant {
    int param;
    enum action action;
    int64_t i;
    double d;
    int must_fail;
    char names[160]; /* the argument the message must name ('|' between alternatives) */
    char label[96];
} variant;

typedef struct result {
    int prepared;
    int32_t status;
    int untouched; /* output buffers unchanged */
    char message[1024];
    char why[512];
} result;

/* ---- running one case --------------------------------------------------------------- */

static void apply(calls_call *call, const variant *v, void **scratch, int *scratch_kind) {
    const aex_param *p = &call->f->params[v->param];
    calls_slot *c = &call->c[call->first_c[v->param]];
    switch (v->action) {
    case A_BASELINE: break;
    case A_NULL:
        c[0].p = NULL;
        if (call->has_length[v->param] && c[1].i64 == 0) c[1].i64 = 1;
        break;
    case A_LENGTH: c[1].i64 = v->i; break;
    case A_LENGTH_NULL:
        c[0].p = NULL;
        c[1].i64 = v->i;
        break;
    case A_INT:
        if (p->type == AEX_TYPE_INT32) c->i32 = (int32_t)v->i;
        else c->i64 = v->i;
        break;
    case A_DOUBLE: c->d = v->d; break;
    case A_TEXT: {
        static char invalid[] = "\xff\xfe\xc0\x80 not UTF-8 \xed\xa0\x80";
        if (v->i == 0) c->p = (void *)"";
        else if (v->i == 1) c->p = invalid;
        else {
            char *t = malloc(100001);
            if (t) {
                memset(t, 'A', 100000);
                t[100000] = '\0';
            }
            *scratch = t;
            c->p = t;
        }
        /* A text with its own byte count gets the count of the new text. */
        if (calls_has_text_length(call->f, v->param))
            calls_text_length_slot(call, v->param)->i64 = (int64_t)strlen(c->p);
        break;
    }
    case A_HANDLE_FREED: {
        int k = calls_kind_of(p->c_type);
        void *h = calls_make_handle(k, 1, NULL, 0);
        calls_free_handle(k, h);
        c->p = h;
        break;
    }
    case A_HANDLE_KIND: {
        void *h = calls_make_handle((int)v->i, 1, NULL, 0);
        *scratch = h;
        *scratch_kind = (int)v->i;
        c->p = h;
        break;
    }
    case A_HANDLE_MEMORY:
        *scratch = calloc(1, 4096);
        c->p = *scratch;
        break;
    case A_HANDLE_FORGED: c->p = (void *)(uintptr_t)0xAE00000000000001ULL; break;
    case A_FILL_DOUBLE: {
        const double mix[8] = {NAN, INFINITY, -INFINITY, -0.0, 1e308, -1e308, 5e-324, 0};
        double *d = call->block[v->param].data;
        for (int64_t e = 0; e < call->elements[v->param]; e++) d[e] = v->i ? mix[e % 8] : v->d;
        break;
    }
    case A_FILL_INT: {
        size_t es = calls_element_size(p);
        char *d = call->block[v->param].data;
        for (int64_t e = 0; e < call->elements[v->param]; e++) {
            if (es == 4) {
                int32_t x = (int32_t)v->i;
                memcpy(d + e * 4, &x, 4);
            } else {
                int64_t x = v->i;
                memcpy(d + e * 8, &x, 8);
            }
        }
        break;
    }
    }
}

static void run_case(const aex_function *f, const variant *v, result *r) {
    memset(r, 0, sizeof *r);
    calls_call *call = calloc(1, sizeof *call);
    if (!call || calls_prepare(call, f, r->why, sizeof r->why) != 0) {
        if (call) {
            calls_release(call);
            free(call);
        }
        return;
    }
    r->prepared = 1;
    void *scratch = NULL;
    int scratch_kind = -1;
    apply(call, v, &scratch, &scratch_kind);
    /* Mark the output buffers to see whether a failed call wrote them. */
    for (int64_t j = 0; j < f->param_count; j++)
        if (f->params[j].direction == AEX_DIR_OUT && call->block[j].data)
            memset(call->block[j].data, 0xA5, call->block[j].bytes);
    calls_invoke(call);
    r->status = call->status;
    snprintf(r->message, sizeof r->message, "%s", call->message);
    r->untouched = 1;
    for (int64_t j = 0; j < f->param_count; j++)
        if (f->params[j].direction == AEX_DIR_OUT && call->block[j].data)
            for (size_t b = 0; b < call->block[j].bytes; b++)
                if (((unsigned char *)call->block[j].data)[b] != 0xA5) {
                    r->untouched = 0;
                    break;
                }
    if (scratch_kind >= 0) calls_free_handle(scratch_kind, scratch);
    else free(scratch);
    calls_release(call);
    free(call);
}

static int timeout_seconds = 10;

/* Runs the case in a child; 0 when it finished, else the signal that ended it (SIGALRM:
** the time limit) or 1000 + a nonzero exit status. */
static int run_isolated(const aex_function *f, const variant *v, result *r) {
    if (getenv("AEX_MATRIX_INPROCESS")) {
        run_case(f, v, r);
        return 0;
    }
    int fd[2];
    if (pipe(fd) != 0) {
        perror("pipe");
        exit(2);
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        close(fd[0]);
        alarm((unsigned)timeout_seconds);
        result mine;
        run_case(f, v, &mine);
        const char *b = (const char *)&mine;
        size_t left = sizeof mine;
        while (left) {
            ssize_t w = write(fd[1], b, left);
            if (w <= 0) break;
            b += w;
            left -= (size_t)w;
        }
        _exit(0);
    }
    close(fd[1]);
    memset(r, 0, sizeof *r);
    char *b = (char *)r;
    size_t got = 0;
    while (got < sizeof *r) {
        ssize_t n = read(fd[0], b + got, sizeof *r - got);
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(fd[0]);
    int ws = 0;
    waitpid(pid, &ws, 0);
    if (WIFSIGNALED(ws)) return WTERMSIG(ws);
    if (WIFEXITED(ws) && WEXITSTATUS(ws) != 0) return 1000 + WEXITSTATUS(ws);
    if (got != sizeof *r) return 1000;
    return 0;
}

/* ---- judging ---------------------------------------------------------------------------- */

/* Whether `message` names `name`, as an identifier or in words ("abi_major", "ABI major"). */
static int names_one(const char *message, const char *name) {
    char m[1100], n[128];
    size_t i;
    for (i = 0; message[i] && i < sizeof m - 1; i++)
        m[i] = message[i] == '_' ? ' ' : (char)tolower((unsigned char)message[i]);
    m[i] = '\0';
    for (i = 0; name[i] && i < sizeof n - 1; i++) n[i] = name[i] == '_' ? ' ' : (char)tolower((unsigned char)name[i]);
    n[i] = '\0';
    size_t len = strlen(n);
    for (const char *s = strstr(m, n); s; s = strstr(s + 1, n)) {
        int before = s == m || !isalnum((unsigned char)s[-1]);
        int after = !isalnum((unsigned char)s[len]);
        if (before && after) return 1;
    }
    return 0;
}

/* `names` is one name or alternatives separated by '|' ("capacity|out_text"). */
static int names_argument(const char *message, const char *names) {
    char copy[256];
    snprintf(copy, sizeof copy, "%s", names);
    char *save = NULL;
    for (char *n = strtok_r(copy, "|", &save); n; n = strtok_r(NULL, "|", &save))
        if (names_one(message, n)) return 1;
    return 0;
}

/* Statuses that say an argument is wrong: their message must name it. */
static int about_an_argument(int32_t s) {
    return s == AEX_E_INVALID_ARGUMENT || s == AEX_E_NULL_POINTER || s == AEX_E_OUT_OF_RANGE ||
        s == AEX_E_INVALID_HANDLE || s == AEX_E_TOO_LARGE || s == AEX_E_BUFFER_TOO_SMALL || s == CALLS_NULL_RETURN;
}

static int known_status(int32_t s) { return s == AEX_OK || s == CALLS_NULL_RETURN || (s <= -1 && s >= -14); }

static int cases_run, cases_skipped, functions_tested;

/* Per handle kind: the cases that passed it freed, as ordinary memory, forged, or as a
** handle of another kind, and how often a handle of this kind was passed where another
** kind belongs.  Every kind a function takes must have them all (see main). */
static struct { int freed, memory, forged, wrong_kind, as_other; } per_kind[CALLS_MAX_KINDS];

static void count_kind_case(const aex_function *f, const variant *v) {
    if (v->param >= (int)f->param_count || f->params[v->param].type != AEX_TYPE_HANDLE) return;
    int k = calls_kind_of(f->params[v->param].c_type);
    if (k < 0) return;
    switch (v->action) {
    case A_HANDLE_FREED: per_kind[k].freed++; break;
    case A_HANDLE_MEMORY: per_kind[k].memory++; break;
    case A_HANDLE_FORGED: per_kind[k].forged++; break;
    case A_HANDLE_KIND:
        per_kind[k].wrong_kind++;
        per_kind[v->i].as_other++;
        break;
    default: break;
    }
}

static void judge(const aex_function *f, const variant *v, int ended, const result *r) {
    char what[256];
    snprintf(what, sizeof what, "%s, %s", f->symbol, v->label);
    if (ended) {
        check_failed++;
        if (ended == SIGALRM)
            fprintf(stderr, "FAILED: %s: did not finish within %d s (a hang)\n", what, timeout_seconds);
        else if (ended >= 1000)
            fprintf(stderr, "FAILED: %s: the child exited with status %d (a sanitizer or valgrind report?)\n", what,
                    ended - 1000);
        else fprintf(stderr, "FAILED: %s: crashed with signal %d (%s)\n", what, ended, strsignal(ended));
        return;
    }
    if (!r->prepared) {
        if (v->action == A_BASELINE) {
            check_failed++;
            fprintf(stderr, "FAILED: %s: the registry example cannot be called: %s\n", what, r->why);
        } else {
            cases_skipped++;
        }
        return;
    }
    cases_run++;
    const char *problem = NULL;
    char buf[256];
    if (!known_status(r->status)) {
        snprintf(buf, sizeof buf, "returned %d, which is not a status code of the header", r->status);
        problem = buf;
    } else if (r->status == AEX_OK) {
        if (v->must_fail) problem = "succeeded; it must be refused";
        else if (f->return_type == AEX_TYPE_STATUS && r->message[0]) problem = "succeeded but left an error message";
    } else if (v->action == A_BASELINE) {
        problem = "the registry example (with live handles) failed; it must succeed";
    } else if (!r->message[0]) {
        problem = "failed with an empty error message";
    } else if ((v->must_fail || about_an_argument(r->status)) && !names_argument(r->message, v->names)) {
        snprintf(buf, sizeof buf, "failed, but the message does not name \"%s\"", v->names);
        problem = buf;
    } else if (!r->untouched && r->status != AEX_E_BUFFER_TOO_SMALL) {
        problem = "failed but wrote its output buffer (outputs are written only on success)";
    }
    if (problem) {
        check_failed++;
        fprintf(stderr, "FAILED: %s: %s (status %s: \"%s\")\n", what, problem,
                r->status == CALLS_NULL_RETURN ? "NULL" : aex_status_string(r->status), r->message);
    } else {
        check_passed++;
    }
    if (getenv("AEX_VERBOSE"))
        printf("  %-34s %-60s %s\n", f->symbol, v->label,
               r->status == CALLS_NULL_RETURN ? "NULL" : aex_status_string(r->status));
}

/* ---- generating the cases ---------------------------------------------------------------- */

#define MAX_VARIANTS 64
static variant vs[MAX_VARIANTS];
static int n_vs;

static variant *add(int param, enum action a, int must_fail, const char *names, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static variant *add(int param, enum action a, int must_fail, const char *names, const char *fmt, ...) {
    if (n_vs == MAX_VARIANTS) {
        fprintf(stderr, "too many variants\n");
        exit(2);
    }
    variant *v = &vs[n_vs++];
    memset(v, 0, sizeof *v);
    v->param = param;
    v->action = a;
    v->must_fail = must_fail;
    snprintf(v->names, sizeof v->names, "%s", names);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->label, sizeof v->label, fmt, ap);
    va_end(ap);
    return v;
}

static int allowed(const aex_param *p, int64_t x) {
    /* A range beside allowed values makes the values names: the range decides. */
    if (p->flags & AEX_PARAM_RANGE) return (double)x >= p->min && (double)x <= p->max;
    if (p->allowed_count > 0) {
        for (int64_t k = 0; k < p->allowed_count; k++)
            if (p->allowed[k].value == x) return 1;
        return 0;
    }
    if (p->flags & AEX_PARAM_RANGE) return (double)x >= p->min && (double)x <= p->max;
    return 1;
}

static void int_cases(int j, const aex_param *p) {
    int64_t lo = p->type == AEX_TYPE_INT32 ? INT32_MIN : INT64_MIN;
    int64_t hi = p->type == AEX_TYPE_INT32 ? INT32_MAX : INT64_MAX;
    int64_t c[8];
    int n = 0;
    c[n++] = lo;
    c[n++] = hi;
    c[n++] = -1;
    c[n++] = 0;
    if (p->allowed_count > 0 && !(p->flags & AEX_PARAM_RANGE)) {
        int64_t mn = p->allowed[0].value, mx = p->allowed[0].value;
        for (int64_t k = 1; k < p->allowed_count; k++) {
            if (p->allowed[k].value < mn) mn = p->allowed[k].value;
            if (p->allowed[k].value > mx) mx = p->allowed[k].value;
        }
        if (mx < hi) c[n++] = mx + 1;
        if (mn > lo) c[n++] = mn - 1;
    } else if (p->flags & AEX_PARAM_RANGE) {
        if (p->max < (double)hi) c[n++] = (int64_t)p->max + 1;
        if (p->min > (double)lo) c[n++] = (int64_t)p->min - 1;
    }
    for (int k = 0; k < n; k++) {
        int dup = 0;
        for (int m = 0; m < k; m++) dup |= c[m] == c[k];
        if (dup) continue;
        int bad = !allowed(p, c[k]);
        variant *v = add(j, A_INT, bad, p->name, "%s = %lld%s", p->name, (long long)c[k], bad ? " (not allowed)" : "");
        v->i = c[k];
    }
}

static void double_cases(int j, const aex_param *p) {
    const double c[7] = {NAN, INFINITY, -INFINITY, -0.0, 1e308, -1e308, 5e-324};
    for (int k = 0; k < 7; k++) {
        int bad = (p->flags & AEX_PARAM_RANGE) && !(c[k] >= p->min && c[k] <= p->max);
        variant *v = add(j, A_DOUBLE, bad, p->name, "%s = %g%s", p->name, c[k], bad ? " (outside its range)" : "");
        v->d = c[k];
    }
}

static void handle_cases(int j, const aex_param *p) {
    int nullable = (p->flags & AEX_PARAM_NULLABLE) != 0;
    add(j, A_NULL, !nullable, p->name, "%s = NULL", p->name);
    int k = calls_kind_of(p->c_type);
    if (!calls_kind_makeable(k)) return;
    add(j, A_HANDLE_FREED, 1, p->name, "%s = a freed %s", p->name, calls_kind_name(k));
    add(j, A_HANDLE_MEMORY, 1, p->name, "%s = a pointer to ordinary memory", p->name);
    add(j, A_HANDLE_FORGED, 1, p->name, "%s = a forged handle value", p->name);
    for (int other = 0; other < calls_kind_count(); other++)
        if (other != k && calls_kind_makeable(other))
            add(j, A_HANDLE_KIND, 1, p->name, "%s = a live %s", p->name, calls_kind_name(other))->i = other;
}

/* Builds the example once (in a child) to learn the example's lengths. */
static int64_t example_elements(const aex_function *f, int j) {
    calls_call *call = calloc(1, sizeof *call);
    int64_t n = -1;
    if (call && calls_prepare(call, f, NULL, 0) == 0) n = call->elements[j];
    if (call) {
        calls_release(call);
        free(call);
    }
    return n;
}

static void array_cases(int j, const aex_param *p, int64_t example_n) {
    int own = p->length_param < 0;
    char len[160];
    snprintf(len, sizeof len, "%s|%s", own && p->length_name ? p->length_name : "length", p->name);
    if (own || example_n > 0) add(j, A_NULL, 1, p->name, "%s = NULL with a positive length", p->name);
    if (own) {
        add(j, A_LENGTH, 0, len, "%s = 0", p->length_name)->i = 0;
        add(j, A_LENGTH_NULL, 0, len, "%s = NULL, %s = 0", p->name, p->length_name)->i = 0;
        add(j, A_LENGTH, 1, len, "%s = -1", p->length_name)->i = -1;
        add(j, A_LENGTH, 1, len, "%s = INT64_MIN", p->length_name)->i = INT64_MIN;
        add(j, A_LENGTH, 1, len, "%s = INT64_MAX (its bytes overflow)", p->length_name)->i = INT64_MAX;
        int64_t over = INT64_MAX / (int64_t)calls_element_size(p) + 1;
        if (calls_element_size(p) > 1)
            add(j, A_LENGTH, 1, len, "%s = %lld (its bytes overflow)", p->length_name, (long long)over)->i = over;
    }
    if (example_n <= 0) return;
    int32_t t = p->type == AEX_TYPE_BUFFER ? p->element_type : p->type;
    if (t == AEX_TYPE_DOUBLE_ARRAY || t == AEX_TYPE_DOUBLE) {
        const double c[5] = {NAN, INFINITY, -INFINITY, -0.0, 1e308};
        for (int k = 0; k < 5; k++) add(j, A_FILL_DOUBLE, 0, p->name, "every %s = %g", p->name, c[k])->d = c[k];
        add(j, A_FILL_DOUBLE, 0, p->name, "%s = a mix of NaN, inf, -0.0, 1e308, subnormals", p->name)->i = 1;
    } else {
        int64_t lo = calls_element_size(p) == 4 ? INT32_MIN : INT64_MIN,
                hi = calls_element_size(p) == 4 ? INT32_MAX : INT64_MAX;
        add(j, A_FILL_INT, 0, p->name, "every %s = %lld", p->name, (long long)lo)->i = lo;
        add(j, A_FILL_INT, 0, p->name, "every %s = %lld", p->name, (long long)hi)->i = hi;
        add(j, A_FILL_INT, 0, p->name, "every %s = -1", p->name)->i = -1;
    }
}

static void buffer_out_cases(int j, const aex_param *p, int64_t example_n) {
    int own = p->length_param < 0;
    char cap[160];
    snprintf(cap, sizeof cap, "%s|%s", own && p->length_name ? p->length_name : "capacity", p->name);
    if (!own) {
        if (example_n > 0) add(j, A_NULL, 1, p->name, "%s = NULL", p->name);
        return;
    }
    add(j, A_NULL, 1, p->name, "%s = NULL with a positive %s", p->name, p->length_name);
    add(j, A_LENGTH_NULL, 0, cap, "%s = NULL, %s = 0 (a size query)", p->name, p->length_name)->i = 0;
    add(j, A_LENGTH, 0, cap, "%s = 0", p->length_name)->i = 0;
    add(j, A_LENGTH, 0, cap, "%s = 1", p->length_name)->i = 1;
    add(j, A_LENGTH, 1, cap, "%s = -1", p->length_name)->i = -1;
    add(j, A_LENGTH, 1, cap, "%s = INT64_MIN", p->length_name)->i = INT64_MIN;
    add(j, A_LENGTH, 0, cap, "%s = INT64_MAX, larger than the buffer", p->length_name)->i = INT64_MAX;
    add(j, A_LENGTH, 0, cap, "%s = %lld, larger than the buffer", p->length_name, (long long)example_n + 4096)->i =
        example_n + 4096;
}

static void cases_for(const aex_function *f) {
    n_vs = 0;
    add(0, A_BASELINE, 0, "", "the registry example \"%s\"", f->example ? f->example : "");
    for (int j = 0; j < (int)f->param_count; j++) {
        const aex_param *p = &f->params[j];
        int nullable = (p->flags & AEX_PARAM_NULLABLE) != 0;
        if (p->direction == AEX_DIR_OUT) {
            if (p->type == AEX_TYPE_BUFFER) buffer_out_cases(j, p, example_elements(f, j));
            else add(j, A_NULL, !nullable, p->name, "%s = NULL", p->name);
            continue;
        }
        if (calls_is_array(p)) {
            array_cases(j, p, example_elements(f, j));
            continue;
        }
        switch (p->type) {
        case AEX_TYPE_INT32:
        case AEX_TYPE_INT64: int_cases(j, p); break;
        case AEX_TYPE_DOUBLE: double_cases(j, p); break;
        case AEX_TYPE_STRING:
            add(j, A_NULL, !nullable, p->name, "%s = NULL", p->name);
            add(j, A_TEXT, 0, p->name, "%s = \"\"", p->name)->i = 0;
            add(j, A_TEXT, 0, p->name, "%s = invalid UTF-8", p->name)->i = 1;
            add(j, A_TEXT, 0, p->name, "%s = 100,000 bytes", p->name)->i = 2;
            break;
        case AEX_TYPE_HANDLE: handle_cases(j, p); break;
        default: break;
        }
    }
}

int main(void) {
    (void)check_arrays;
    const char *t = getenv("AEX_MATRIX_TIMEOUT");
    if (t && atoi(t) > 0) timeout_seconds = atoi(t);
    const char *only = getenv("AEX_MATRIX_FILTER");
    calls_init();
    int64_t count = aex_registry_count();
    int total = 0;
    for (int64_t i = 0; i < count; i++) {
        const aex_function *f = aex_registry_get(i);
        if (only && strcmp(only, f->symbol) != 0 && strcmp(only, f->name) != 0) continue;
        functions_tested++;
        cases_for(f);
        for (int k = 0; k < n_vs; k++) {
            result r;
            int ended = run_isolated(f, &vs[k], &r);
            judge(f, &vs[k], ended, &r);
            count_kind_case(f, &vs[k]);
            total++;
        }
    }
    printf(
        "bad-input matrix: %d functions, %d handle kinds, %d cases (%d run, %d not run because the example failed)\n",
        functions_tested, calls_kind_count(), total, cases_run, cases_skipped);
    /* Every handle kind (an opaque type with a constructor and a *_free) is refused freed,
       as ordinary memory, forged and as every other kind, and is refused where another
       kind belongs.  Options structs (aex_*_options) are the only pointer types the
       registry marks as handles without being ones: they have no constructor. */
    for (int k = 0; k < calls_kind_count(); k++) {
        const char *name = calls_kind_name(k);
        size_t n = strlen(name);
        int options = n > 8 && strcmp(name + n - 8, "_options") == 0;
        if (!calls_kind_makeable(k)) {
            if (!options && !only) {
                check_failed++;
                fprintf(stderr, "FAILED: handle kind %s has no constructor or no %s_free: no freed or foreign cases\n",
                        name, name);
            }
            continue;
        }
        printf("  %-20s freed %d, ordinary memory %d, forged %d, another kind %d, passed as another kind %d\n", name,
               per_kind[k].freed, per_kind[k].memory, per_kind[k].forged, per_kind[k].wrong_kind, per_kind[k].as_other);
        if (only) continue;
        int complete = per_kind[k].freed > 0 && per_kind[k].memory > 0 && per_kind[k].forged > 0 &&
            per_kind[k].wrong_kind > 0 && per_kind[k].as_other > 0;
        CHECK(complete);
        if (!complete) fprintf(stderr, "FAILED: handle kind %s lacks some freed or foreign-handle cases\n", name);
    }
    return check_finish("c/test_bad_inputs");
}
