/* Memory limits: a request whose working memory is not there must fail with a status
** (AEX_E_OUT_OF_MEMORY, AEX_E_TOO_LARGE, or another documented error), never take the
** host process down, and leave the library usable.  Generated from the registry: every
** function that takes an input array is called in a forked child with its arrays made
** 2^22 elements long (the example's values repeated; outputs sized to match), under an
** address-space limit (RLIMIT_AS) only 24 MiB above what the process already holds, so
** any working copy or scratch proportional to the input cannot be allocated.  Then the
** child lifts the limit and the registry example must still succeed.
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

static size_t vm_bytes(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1) pages = 0;
        fclose(f);
    }
    return pages * (size_t)sysconf(_SC_PAGESIZE);
}

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
        int fd[2];
        if (pipe(fd) != 0) return 2;
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        if (pid == 0) {
            close(fd[0]);
            alarm(60);
            outcome o = {0};
            child(f, &o);
            if (write(fd[1], &o, sizeof o) != (ssize_t)sizeof o) _exit(3);
            _exit(0);
        }
        close(fd[1]);
        outcome o = {0};
        ssize_t got = read(fd[0], &o, sizeof o);
        close(fd[0]);
        int ws = 0;
        waitpid(pid, &ws, 0);
        if (WIFSIGNALED(ws) || got != (ssize_t)sizeof o) {
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
            fprintf(stderr, "FAILED: %s: status %d (%s), then the example gave %d\n", f->symbol, o.status, o.message, o.after);
        if (getenv("AEX_VERBOSE"))
            printf("  %-28s %s %s\n", f->symbol, aex_status_string(o.status), o.message);
    }
    printf("memory limits: %d functions with %lld-element arrays and %d MiB to spare (%d refused with "
           "AEX_E_OUT_OF_MEMORY or AEX_E_TOO_LARGE, the rest fit or failed otherwise)\n",
           tested, (long long)BIG, (int)(HEADROOM >> 20), refused);
    return check_finish("c/test_memory_limits");
}
