/* Private support for the Swift ABI layer; not part of the public API.  The symbols are
** hidden by the library's export list (Sources/AutoExportsABI/autoexports.map). */
#ifndef AEX_RUNTIME_H
#define AEX_RUNTIME_H
#include <stdint.h>
#include <stddef.h>

/** Copies up to 1023 bytes of `msg` (cut at a UTF-8 boundary) into this thread's error text. */
void aexrt_error_set(const char *msg, int64_t len);
/** Makes this thread's error text "". */
void aexrt_error_clear(void);
/** This thread's error text; never NULL. */
const char *aexrt_error_get(void);
/** malloc that reports failure instead of trapping (Swift's allocator traps). */
void *aexrt_malloc(size_t bytes);
void aexrt_free(void *p);

/** The address of the exported function `name` ("aex_rank_values"), or NULL when api.c
**  does not list it.  Cast to the function's real type before calling. */
void (*aexrt_symbol_address(const char *name))(void);
/** Number of functions api.c lists. */
int64_t aexrt_symbol_count(void);
/** The table of aex_get_api(1) (defined in api.c as `const aex_api`; declared here without
**  the header's types so this header stays independent of it). */
const void *aexrt_api_v1_address(void);
/** Storage for a pthread mutex, so that Swift can hold one without importing Glibc. */
typedef struct aexrt_mutex {
    _Alignas(16) unsigned char storage[64];
} aexrt_mutex;
void aexrt_mutex_init(aexrt_mutex *m);
void aexrt_mutex_lock(aexrt_mutex *m);
void aexrt_mutex_unlock(aexrt_mutex *m);
void aexrt_mutex_destroy(aexrt_mutex *m);

/** A task of a pool run: `task` is its index (0 ..< tasks). */
typedef void (*aexrt_task_fn)(void *context, int64_t task);
/** The worker threads of one library call (Sources/AutoExportsRuntime/pool.c): started once,
**  they run the tasks of every `aexrt_pool_run` of that call, spin briefly between runs (a
**  sleeping virtual CPU can take milliseconds to wake) and sleep after that; destroyed (the
**  threads joined) when the call ends. */
typedef struct aexrt_pool aexrt_pool;
/** A pool of `workers` threads beside the caller's, or NULL (no memory, or no thread could
**  be started: the caller runs the tasks itself). */
aexrt_pool *aexrt_pool_create(int workers);
/** Runs tasks 0 ..< tasks: thread t (the caller is 0) runs t, t + threads, t + 2·threads, …
**  with threads = min(tasks, workers + 1). Returns 0, or -1 without running anything when
**  the pool is already running tasks (a nested run: the caller must run them another way). */
int aexrt_pool_run(aexrt_pool *pool, int64_t tasks, aexrt_task_fn fn, void *context);
/** Stops and joins the threads, frees the pool. */
void aexrt_pool_destroy(aexrt_pool *pool);

/** strlen, for Swift callers that must not import Glibc. */
size_t aexrt_strlen(const char *s);
#endif
