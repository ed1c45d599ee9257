/* pthread mutexes for the ABI layer's locks (Sources/AutoExportsABI/Locked.swift). */
#include "aex_runtime.h"
#include <pthread.h>

_Static_assert(sizeof(pthread_mutex_t) <= sizeof(aexrt_mutex), "aexrt_mutex too small for pthread_mutex_t");
_Static_assert(_Alignof(pthread_mutex_t) <= _Alignof(aexrt_mutex), "aexrt_mutex alignment");

void aexrt_mutex_init(aexrt_mutex *m) { pthread_mutex_init((pthread_mutex_t *)(void *)m->storage, NULL); }
void aexrt_mutex_lock(aexrt_mutex *m) { pthread_mutex_lock((pthread_mutex_t *)(void *)m->storage); }
void aexrt_mutex_unlock(aexrt_mutex *m) { pthread_mutex_unlock((pthread_mutex_t *)(void *)m->storage); }
void aexrt_mutex_destroy(aexrt_mutex *m) { pthread_mutex_destroy((pthread_mutex_t *)(void *)m->storage); }
