/* Concurrency: 8 threads call every function the registry marks thread-safe, all at once,
** and must get exactly the results of single-threaded calls (the header's convention 7).
** Generated from the registry, so ranking, milestones, explanations and data functions
** are covered as they are registered.
**
**   shared inputs  every function that only reads its handles (const handles, or none) is
**                  called by all threads on the SAME handles and input arrays, made once
**                  by the main thread (shared immutable panels, fits, ...);
**   own handles    every thread-safe function, writers included, is called by each
**                  thread on handles the thread makes and frees itself.
**
** Each thread walks the functions in its own rotated order, so different functions run
** at the same time.  A result is the digest of the status, the error text, the return
** value and every output (calls_digest).  Run under ThreadSanitizer with a TSan build of
** the library by Tests/hardening/sanitizers.sh; AEX_THREADS_ROUNDS sets the rounds.
*/
// run.sh: -ITests/hardening Tests/hardening/calls.c -lffi
#define _GNU_SOURCE
#include "calls.h"
#include "check.h"

#include <pthread.h>

#define THREADS 8
#define MAX_FUNCTIONS 512

typedef struct entry {
    const aex_function *f;
    int shared_ok;          /* reads its handles only: may share them */
    calls_call *shared;     /* the main thread's prepared call (shared mode) */
    uint64_t want_shared;   /* the single-threaded digest with the shared inputs */
    uint64_t want_own;      /* the single-threaded digest with fresh inputs */
    int prepared;
} entry;

static entry entries[MAX_FUNCTIONS];
static int n_entries;
static int rounds = 10;

typedef struct outcome {
    int calls;
    int bad[MAX_FUNCTIONS][2]; /* per function: results that differ, calls that could not be made */
} outcome;

static void *worker(void *arg) {
    intptr_t id = (intptr_t)arg;
    outcome *o = calloc(1, sizeof *o);
    calls_call *call = calloc(1, sizeof *call);
    if (!o || !call) return o;
    char why[512];
    for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < n_entries; k++) {
            int which = (k + (int)id * 7 + r) % n_entries;
            entry *e = &entries[which];
            if (!e->prepared) continue;
            /* Shared inputs. */
            if (e->shared_ok) {
                if (calls_prepare_shared(call, e->shared, why, sizeof why) == 0) {
                    calls_invoke(call);
                    o->calls++;
                    if (calls_digest(call) != e->want_shared) o->bad[which][0]++;
                } else {
                    o->bad[which][1]++;
                }
                calls_release(call);
            }
            /* Own handles. */
            if (calls_prepare(call, e->f, why, sizeof why) == 0) {
                calls_invoke(call);
                o->calls++;
                if (calls_digest(call) != e->want_own) o->bad[which][0]++;
            } else {
                o->bad[which][1]++;
            }
            calls_release(call);
        }
    }
    free(call);
    return o;
}

static int reads_only(const aex_function *f) {
    for (int64_t j = 0; j < f->param_count; j++) {
        const aex_param *p = &f->params[j];
        if (p->direction == AEX_DIR_IN && p->type == AEX_TYPE_HANDLE && strncmp(p->c_type, "const", 5) != 0) return 0;
    }
    return 1;
}

int main(void) {
    (void)check_arrays;
    const char *r = getenv("AEX_THREADS_ROUNDS");
    if (r && atoi(r) > 0) rounds = atoi(r);
    calls_init();
    char why[512];
    /* Single-threaded answers first. */
    for (int64_t i = 0; i < aex_registry_count() && n_entries < MAX_FUNCTIONS; i++) {
        const aex_function *f = aex_registry_get(i);
        if (!(f->flags & AEX_FN_THREAD_SAFE)) continue;
        entry *e = &entries[n_entries++];
        e->f = f;
        e->shared_ok = reads_only(f);
        calls_call *own = calloc(1, sizeof *own);
        e->shared = calloc(1, sizeof *e->shared);
        if (!own || !e->shared) return 2;
        if (calls_prepare(own, f, why, sizeof why) != 0) {
            /* The bad-input matrix reports examples that cannot be called. */
            calls_release(own);
            free(own);
            continue;
        }
        calls_invoke(own);
        e->want_own = calls_digest(own);
        calls_release(own);
        free(own);
        if (e->shared_ok) {
            calls_call *probe = calloc(1, sizeof *probe);
            if (!probe || calls_prepare(e->shared, f, why, sizeof why) != 0 ||
                calls_prepare_shared(probe, e->shared, why, sizeof why) != 0)
                return 2;
            calls_invoke(probe);
            e->want_shared = calls_digest(probe);
            calls_release(probe);
            free(probe);
        }
        e->prepared = 1;
    }
    /* Single-threaded repeatability: a second call gives the same answer. */
    int shared_count = 0, prepared = 0;
    for (int k = 0; k < n_entries; k++) {
        entry *e = &entries[k];
        if (!e->prepared) continue;
        calls_call *again = calloc(1, sizeof *again);
        if (!again || calls_prepare(again, e->f, why, sizeof why) != 0) return 2;
        calls_invoke(again);
        if (calls_digest(again) != e->want_own) {
            /* Not deterministic even on one thread (e.g. a new handle's value in an output):
               nothing to compare between threads. */
            fprintf(stderr, "note: %s gives different results on one thread; its results are not compared\n", e->f->symbol);
            e->prepared = 0;
        }
        calls_release(again);
        free(again);
        prepared += e->prepared;
        shared_count += e->prepared && e->shared_ok;
    }
    pthread_t t[THREADS];
    for (intptr_t i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    int calls = 0, bad[MAX_FUNCTIONS][2] = {{0}};
    for (int i = 0; i < THREADS; i++) {
        outcome *o = NULL;
        pthread_join(t[i], (void **)&o);
        CHECK(o != NULL);
        if (!o) continue;
        calls += o->calls;
        for (int k = 0; k < n_entries; k++) { bad[k][0] += o->bad[k][0]; bad[k][1] += o->bad[k][1]; }
        free(o);
    }
    /* One check per function. */
    for (int k = 0; k < n_entries; k++) {
        if (!entries[k].prepared) continue;
        CHECK(bad[k][0] == 0 && bad[k][1] == 0);
        if (bad[k][0] || bad[k][1])
            fprintf(stderr, "FAILED: %s: %d results differ from the single-threaded one, %d calls could not be made\n",
                    entries[k].f->symbol, bad[k][0], bad[k][1]);
    }
    for (int k = 0; k < n_entries; k++)
        if (entries[k].shared) { calls_release(entries[k].shared); free(entries[k].shared); }
    printf("concurrency: %d threads, %d thread-safe functions (%d on shared inputs), %d rounds, %d calls\n",
           THREADS, prepared, shared_count, rounds, calls);
    return check_finish("c/test_concurrency");
}
