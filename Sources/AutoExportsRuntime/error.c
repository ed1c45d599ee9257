/* The thread-local error text behind aex_last_error_message(): a fixed buffer per thread,
** so setting an error never allocates and a thread's exit leaks nothing. */
#include "aex_runtime.h"
#include <stdlib.h>
#include <string.h>

#define AEXRT_ERROR_CAPACITY 1024
static _Thread_local char aexrt_error_text[AEXRT_ERROR_CAPACITY];

void aexrt_error_set(const char *msg, int64_t len) {
    if (msg == NULL || len <= 0) {
        aexrt_error_text[0] = '\0';
        return;
    }
    size_t n = (size_t)len;
    if (n > AEXRT_ERROR_CAPACITY - 1) {
        n = AEXRT_ERROR_CAPACITY - 1;
        /* Do not cut a UTF-8 sequence in two: back up over continuation bytes. */
        while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80) n--;
    }
    memcpy(aexrt_error_text, msg, n);
    aexrt_error_text[n] = '\0';
}

void aexrt_error_clear(void) { aexrt_error_text[0] = '\0'; }

const char *aexrt_error_get(void) { return aexrt_error_text; }

void *aexrt_malloc(size_t bytes) { return malloc(bytes ? bytes : 1); }

void aexrt_free(void *p) { free(p); }

size_t aexrt_strlen(const char *s) { return strlen(s); }
