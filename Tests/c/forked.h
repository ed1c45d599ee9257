/* Runs one test case in a forked child, so that a crash, an abort or a hang (ended by an
** alarm) ends only the child: the suites that put the library under memory limits use it.
** `body(arg, out)` runs in the child and fills `size` bytes at `out`, which the child sends
** back through a pipe (`out` is zeroed before the fork). Returns 1 when the child exited with status 0 and sent them all (they
** are then in *out), else 0; *wait_status receives the child's status (WIFSIGNALED and
** WTERMSIG tell how it died). */
#ifndef AEX_FORKED_H
#define AEX_FORKED_H
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* The process's virtual size (what RLIMIT_AS counts), from /proc/self/statm. */
static size_t vm_bytes(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1) pages = 0;
        fclose(f);
    }
    return pages * (size_t)sysconf(_SC_PAGESIZE);
}

typedef void (*forked_body)(const void *arg, void *out);

static int run_forked(forked_body body, const void *arg, void *out, size_t size, unsigned seconds, int *wait_status) {
    *wait_status = 0;
    memset(out, 0, size); /* the child starts from zeros */
    int fd[2];
    if (pipe(fd) != 0) return 0;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return 0;
    }
    if (pid == 0) {
        close(fd[0]);
        alarm(seconds);
        body(arg, out);
        const char *b = out;
        size_t left = size;
        while (left) {
            ssize_t w = write(fd[1], b, left);
            if (w <= 0) _exit(3);
            b += w;
            left -= (size_t)w;
        }
        _exit(0);
    }
    close(fd[1]);
    char *b = out;
    size_t got = 0;
    while (got < size) {
        ssize_t r = read(fd[0], b + got, size - got);
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd[0]);
    waitpid(pid, wait_status, 0);
    return WIFEXITED(*wait_status) && WEXITSTATUS(*wait_status) == 0 && got == size;
}
#endif
