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
** at the same time.  Then all thread-safe functions but the destructors (writers too)
** run on the same handles at once (their statuses must be documented ones), and for each
** handle kind half the threads free one handle at once while the others read it: exactly
** one free succeeds.  A result is the digest of the status, the error text, the return
** value and every output (calls_digest).  Run under ThreadSanitizer with a TSan build of
** the library by Tests/hardening/run.sh; AEX_THREADS_ROUNDS sets the rounds.
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
    int shared_ok;        /* reads its handles only: may share them */
    calls_call *shared;   /* the main thread's prepared call (shared mode) */
    uint64_t want_shared; /* the single-threaded digest with the shared inputs */
    uint64_t want_own;    /* the single-threaded digest with fresh inputs */
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

/* ---- writers and destructors on shared handles ------------------------------------------ */

static void *shared_handle[CALLS_MAX_KINDS];
static void *doomed; /* the handle being freed in the free race */
static int doomed_kind = -1;

static void *from_shared(int kind, int reads, void *ctx) {
    (void)reads;
    (void)ctx;
    return kind == doomed_kind ? doomed : shared_handle[kind];
}

static int known_status(int32_t st) { return st == AEX_OK || st == CALLS_NULL_RETURN || (st <= -1 && st >= -14); }

/* Phase 3: every thread-safe function but the destructors, writers included, on the same
** handles from all threads (the header: calls on one handle are serialised by its lock).
** Results depend on the order, so only the statuses are checked (and ThreadSanitizer). */
static void *writer(void *arg) {
    intptr_t id = (intptr_t)arg;
    int *bad = calloc(MAX_FUNCTIONS, sizeof *bad);
    calls_call *call = calloc(1, sizeof *call);
    if (!bad || !call) return bad;
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < n_entries; k++) {
            int which = (k + (int)id * 5 + r) % n_entries;
            const aex_function *f = entries[which].f;
            if (!entries[which].prepared || calls_is_free_function(f)) continue;
            if (calls_prepare(call, f, NULL, 0) == 0) {
                calls_invoke(call);
                if (!known_status(call->status)) bad[which]++;
            }
            calls_release(call);
        }
    free(call);
    return bad;
}

/* Phase 4: half the threads free the same handle at once while the others read it: one
** free succeeds, the others and every later read get AEX_E_INVALID_HANDLE, nothing
** crashes (the header: a call running when its handle is freed completes). */
typedef struct race {
    pthread_barrier_t *start;
    const aex_function *reader;
    int32_t free_status, read_bad;
} race;

static void *racer(void *arg) {
    race *r = arg;
    calls_call *call = calloc(1, sizeof *call);
    if (!call) return NULL;
    pthread_barrier_wait(r->start);
    if (!r->reader) {
        r->free_status = calls_free_handle(doomed_kind, doomed);
    } else {
        for (int i = 0; i < 20; i++) {
            if (calls_prepare(call, r->reader, NULL, 0) == 0) {
                calls_invoke(call);
                if (call->status != AEX_OK && call->status != AEX_E_INVALID_HANDLE) r->read_bad++;
            }
            calls_release(call);
        }
    }
    free(call);
    return NULL;
}

static void free_race(int kind) {
    /* Readers: functions whose only handles are const handles of this kind. */
    const aex_function *readers[THREADS / 2];
    int n_readers = 0;
    for (int k = 0; k < n_entries && n_readers < THREADS / 2; k++) {
        const aex_function *f = entries[k].f;
        if (!entries[k].prepared || !entries[k].shared_ok) continue;
        int uses = 0;
        for (int64_t j = 0; j < f->param_count; j++)
            uses |= f->params[j].direction == AEX_DIR_IN && f->params[j].type == AEX_TYPE_HANDLE &&
                calls_kind_of(f->params[j].c_type) == kind;
        if (uses) readers[n_readers++] = f;
    }
    doomed = calls_make_handle(kind, 1, NULL, 0);
    doomed_kind = kind;
    CHECK(doomed != NULL);
    if (!doomed) return;
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, THREADS);
    race rs[THREADS];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        rs[i] = (race){&start, i < THREADS / 2 || !n_readers ? NULL : readers[i % n_readers], 0, 0};
        pthread_create(&t[i], NULL, racer, &rs[i]);
    }
    int frees_ok = 0, frees_refused = 0, reads_bad = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        if (!rs[i].reader) {
            frees_ok += rs[i].free_status == AEX_OK;
            frees_refused += rs[i].free_status == AEX_E_INVALID_HANDLE;
        }
        reads_bad += rs[i].read_bad;
    }
    pthread_barrier_destroy(&start);
    int frees = 0;
    for (int i = 0; i < THREADS; i++) frees += !rs[i].reader;
    CHECK(frees_ok == 1 && frees_refused == frees - 1);
    CHECK(reads_bad == 0);
    if (frees_ok != 1 || frees_refused != frees - 1 || reads_bad)
        fprintf(stderr,
                "FAILED: %s: %d threads freed it at once: %d succeeded, %d were refused; %d reads failed otherwise\n",
                calls_kind_name(kind), frees, frees_ok, frees_refused, reads_bad);
    doomed_kind = -1;
    doomed = NULL;
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
            fprintf(stderr, "note: %s gives different results on one thread; its results are not compared\n",
                    e->f->symbol);
            e->prepared = 0;
        }
        calls_release(again);
        free(again);
        prepared += e->prepared;
        shared_count += e->prepared && e->shared_ok;
    }
    /* Every handle kind is read by several threads at once through the same handle: at
       least one function that reads it runs on shared inputs (league tables, milestones,
       fits, rejection lists; panels through ranking, league tables and explanations). */
    char per_kind[1024] = "";
    for (int kind = 0; kind < calls_kind_count(); kind++) {
        if (!calls_kind_makeable(kind)) continue;
        int readers = 0;
        for (int k = 0; k < n_entries; k++) {
            const aex_function *f = entries[k].f;
            if (!entries[k].prepared || !entries[k].shared_ok) continue;
            int reads = 0;
            for (int64_t j = 0; j < f->param_count; j++)
                reads |= f->params[j].direction == AEX_DIR_IN && f->params[j].type == AEX_TYPE_HANDLE &&
                    calls_kind_of(f->params[j].c_type) == kind;
            if (reads && getenv("AEX_VERBOSE")) printf("  shared %s: %s\n", calls_kind_name(kind), f->symbol);
            readers += reads;
        }
        size_t used = strlen(per_kind);
        snprintf(per_kind + used, sizeof per_kind - used, "%s%s %d", used ? ", " : "", calls_kind_name(kind), readers);
        CHECK(readers > 0);
        if (!readers)
            fprintf(stderr, "FAILED: no function reads a shared %s from several threads\n", calls_kind_name(kind));
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
        for (int k = 0; k < n_entries; k++) {
            bad[k][0] += o->bad[k][0];
            bad[k][1] += o->bad[k][1];
        }
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
        if (entries[k].shared) {
            calls_release(entries[k].shared);
            free(entries[k].shared);
        }

    /* Writers on shared handles. */
    int kinds = 0;
    for (int k = 0; k < calls_kind_count(); k++)
        if (calls_kind_makeable(k)) {
            shared_handle[k] = calls_make_handle(k, 1, NULL, 0);
            kinds++;
        }
    calls_set_handle_source(from_shared, NULL);
    for (intptr_t i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, writer, (void *)i);
    int wbad[MAX_FUNCTIONS] = {0};
    for (int i = 0; i < THREADS; i++) {
        int *b = NULL;
        pthread_join(t[i], (void **)&b);
        CHECK(b != NULL);
        for (int k = 0; b && k < n_entries; k++) wbad[k] += b[k];
        free(b);
    }
    for (int k = 0; k < n_entries; k++) {
        if (!entries[k].prepared || calls_is_free_function(entries[k].f)) continue;
        CHECK(wbad[k] == 0);
        if (wbad[k])
            fprintf(stderr, "FAILED: %s on shared handles: %d undocumented statuses\n", entries[k].f->symbol, wbad[k]);
    }
    /* Frees racing with each other and with readers. */
    for (int k = 0; k < calls_kind_count(); k++)
        if (calls_kind_makeable(k)) free_race(k);
    calls_set_handle_source(NULL, NULL);
    for (int k = 0; k < calls_kind_count(); k++)
        if (shared_handle[k]) CHECK(calls_free_handle(k, shared_handle[k]) == AEX_OK);
    printf("concurrency: %d threads, %d thread-safe functions (%d on shared inputs), %d rounds, %d calls; "
           "writers on shared handles and racing frees of %d handle kinds\n",
           THREADS, prepared, shared_count, rounds, calls, kinds);
    printf("  functions reading each kind of shared handle: %s\n", per_kind);
    return check_finish("c/test_concurrency");
}
