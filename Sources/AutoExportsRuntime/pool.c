/* The worker threads of one library call: see aexrt_pool in aex_runtime.h.
**
** A run publishes its job (function, context, task count, stride) and then bumps the
** generation with release order; a worker that sees a new generation (acquire) reads the
** job, runs its share and decrements `remaining`; the caller runs its own share and waits
** until `remaining` is 0. Both sides spin for a short while before sleeping on a condition
** variable, and each sleeper re-checks its condition under the mutex that the other side
** takes before signalling, so no wake-up is lost. */
#include "aex_runtime.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

/* How long a side spins before it sleeps: longer than the gap between the runs of an
** import's blocks (0.1–0.3 ms), far shorter than any phase that runs on one thread. */
#define AEXRT_SPIN_NS 300000L

struct aexrt_pool {
    int workers;
    pthread_t *threads;
    pthread_mutex_t mu;
    pthread_cond_t wake;
    pthread_cond_t done;
    atomic_ulong generation;
    atomic_int remaining;
    atomic_int stop;
    atomic_int busy;
    /* The job; written by the caller before the generation is bumped. */
    aexrt_task_fn fn;
    void *context;
    int64_t tasks;
    int64_t stride;
};

struct aexrt_worker {
    aexrt_pool *pool;
    int index;
};

static inline void aexrt_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static long aexrt_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Spins until `*flag` differs from `value` (returns its value) or AEXRT_SPIN_NS has passed. */
static unsigned long aexrt_spin_ulong(atomic_ulong *flag, unsigned long value, atomic_int *stop) {
    const long until = aexrt_now_ns() + AEXRT_SPIN_NS;
    unsigned long g = atomic_load_explicit(flag, memory_order_acquire);
    while (g == value && !atomic_load_explicit(stop, memory_order_acquire)) {
        for (int i = 0; i < 32; i++) aexrt_pause();
        g = atomic_load_explicit(flag, memory_order_acquire);
        if (aexrt_now_ns() > until) break;
    }
    return g;
}

static void *aexrt_worker_main(void *arg) {
    struct aexrt_worker *w = arg;
    aexrt_pool *p = w->pool;
    const int64_t me = w->index;
    unsigned long seen = 0;
    for (;;) {
        unsigned long g = aexrt_spin_ulong(&p->generation, seen, &p->stop);
        if (g == seen) {
            pthread_mutex_lock(&p->mu);
            while ((g = atomic_load_explicit(&p->generation, memory_order_acquire)) == seen &&
                   !atomic_load_explicit(&p->stop, memory_order_acquire))
                pthread_cond_wait(&p->wake, &p->mu);
            pthread_mutex_unlock(&p->mu);
        }
        if (g == seen) break; /* stopped */
        seen = g;
        aexrt_task_fn fn = p->fn;
        void *context = p->context;
        const int64_t tasks = p->tasks, stride = p->stride;
        for (int64_t t = me; t < tasks; t += stride) fn(context, t);
        if (atomic_fetch_sub_explicit(&p->remaining, 1, memory_order_acq_rel) == 1) {
            pthread_mutex_lock(&p->mu);
            pthread_cond_signal(&p->done);
            pthread_mutex_unlock(&p->mu);
        }
    }
    free(w);
    return NULL;
}

aexrt_pool *aexrt_pool_create(int workers) {
    if (workers < 1) return NULL;
    aexrt_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->threads = calloc((size_t)workers, sizeof(pthread_t));
    if (!p->threads) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->wake, NULL);
    pthread_cond_init(&p->done, NULL);
    atomic_init(&p->generation, 0);
    atomic_init(&p->remaining, 0);
    atomic_init(&p->stop, 0);
    atomic_init(&p->busy, 0);
    for (int i = 0; i < workers; i++) {
        struct aexrt_worker *w = malloc(sizeof *w);
        if (!w) break;
        w->pool = p;
        w->index = i + 1;
        if (pthread_create(&p->threads[i], NULL, aexrt_worker_main, w) != 0) {
            free(w);
            break;
        }
        p->workers = i + 1;
    }
    if (p->workers == 0) {
        aexrt_pool_destroy(p);
        return NULL;
    }
    return p;
}

int aexrt_pool_run(aexrt_pool *p, int64_t tasks, aexrt_task_fn fn, void *context) {
    int expected = 0;
    if (!atomic_compare_exchange_strong_explicit(&p->busy, &expected, 1, memory_order_acquire, memory_order_relaxed))
        return -1;
    int64_t threads = p->workers + 1;
    if (tasks < threads) threads = tasks > 0 ? tasks : 1;
    p->fn = fn;
    p->context = context;
    p->tasks = tasks;
    p->stride = threads;
    /* Every worker takes part (those with no task just report back). */
    atomic_store_explicit(&p->remaining, p->workers, memory_order_relaxed);
    atomic_fetch_add_explicit(&p->generation, 1, memory_order_release);
    pthread_mutex_lock(&p->mu);
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->mu);
    for (int64_t t = 0; t < tasks; t += threads) fn(context, t);
    const long until = aexrt_now_ns() + AEXRT_SPIN_NS;
    while (atomic_load_explicit(&p->remaining, memory_order_acquire) != 0 && aexrt_now_ns() < until)
        for (int i = 0; i < 32; i++) aexrt_pause();
    if (atomic_load_explicit(&p->remaining, memory_order_acquire) != 0) {
        pthread_mutex_lock(&p->mu);
        while (atomic_load_explicit(&p->remaining, memory_order_acquire) != 0) pthread_cond_wait(&p->done, &p->mu);
        pthread_mutex_unlock(&p->mu);
    }
    atomic_store_explicit(&p->busy, 0, memory_order_release);
    return 0;
}

void aexrt_pool_destroy(aexrt_pool *p) {
    if (!p) return;
    atomic_store_explicit(&p->stop, 1, memory_order_release);
    pthread_mutex_lock(&p->mu);
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->workers; i++) pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->done);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->mu);
    free(p->threads);
    free(p);
}
