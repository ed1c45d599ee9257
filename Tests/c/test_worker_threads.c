/* The library's worker threads (ThreadedFor on aexrt_pool, Sources/AutoExportsRuntime/pool.c):
** a call's workers start at its first parallel step, run every later step of the call and
** are joined when it returns.  Checked here through the public API:
**   1. imports of a 3.6 MB CSV (two blocks and more: both threads work, many steps per call)
**      and grouped ranks give the same results with 2 threads as with 1, fifty times over;
**   2. four host threads importing and ranking at once each get their own workers and the
**      same results;
**   3. no thread outlives a call: after each call the process has its own threads only
**      (counted after a first call, so that a sanitizer runtime's helper thread is among them).
*/
#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "autoexports.h"
#include "check.h"

/* The threads of this process (entries of /proc/self/task). */
static int thread_count(void) {
    DIR *d = opendir("/proc/self/task");
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

/* The thread count once joined threads have left /proc: the kernel lists an exiting thread for
** a moment after pthread_join returns (the joiner is woken when the thread clears its id, before
** the kernel releases it). Polls for up to a second until the count is `want`; a thread that
** was never joined stays and keeps the count above it. */
static int settled_thread_count(int want) {
    int n = thread_count();
    for (int i = 0; i < 100 && n != want; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
        n = thread_count();
    }
    return n;
}

enum { ROWS = 150000, GROUPS = 300, RANKED = 600000 };
static char *csv;
static int64_t csv_length;

static void make_csv(void) {
    size_t cap = (size_t)ROWS * 32 + 64;
    csv = malloc(cap);
    int64_t at = sprintf(csv, "exporter,period,metric,value\n");
    for (int i = 0; i < ROWS; i++)
        at += sprintf(csv + at, "E%04d,%d,units,%d\n", i % 500, 1000 + i / 500, (i * 7919) % 1000003);
    csv_length = at;
}

/* Imports the CSV with `threads`; returns a checksum of every row's series, period and value
** in panel order (NaN on failure), and the row count in *rows. */
static double import_checksum(int32_t threads, int64_t *rows) {
    aex_panel *p = NULL;
    aex_rejections *r = NULL;
    double sum = NAN;
    *rows = -1;
    if (aex_panel_create(&p) != AEX_OK) return sum;
    aex_import_options o = AEX_IMPORT_OPTIONS_INIT;
    o.threads = threads;
    o.flags = AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS;
    if (aex_panel_import_buffer(&r, p, csv, csv_length, AEX_FORMAT_TIDY, AEX_POLICY_STRICT, &o) == AEX_OK &&
        aex_panel_row_count(rows, p) == AEX_OK) {
        double *v = malloc((size_t)*rows * sizeof(double));
        int32_t *s = malloc((size_t)*rows * sizeof(int32_t)), *per = malloc((size_t)*rows * sizeof(int32_t));
        int64_t n = 0;
        if (v && s && per && aex_panel_columns(s, *rows, per, *rows, v, *rows, &n, p) == AEX_OK && n == *rows) {
            sum = 0;
            for (int64_t i = 0; i < n; i++) sum += (v[i] + s[i] * 3.0 + per[i] * 5.0) * (double)(i + 1);
        }
        free(v);
        free(s);
        free(per);
    }
    aex_rejections_free(r);
    aex_panel_free(p);
    return sum;
}

static int64_t groups[RANKED];
static double values[RANKED];

static int ranks_equal(int32_t threads, const double *want) {
    double *got = malloc(sizeof(double) * RANKED);
    int same = got &&
        aex_rank_groups(got, groups, values, RANKED, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP,
                        AEX_SCALE_RANK, threads) == AEX_OK &&
        check_arrays(got, want, RANKED);
    free(got);
    return same;
}

static double want_sum;
static int64_t want_rows;
static double *want_ranks;

static void *host_thread(void *arg) {
    int *ok = arg;
    *ok = 1;
    for (int k = 0; k < 10; k++) {
        int64_t rows;
        double s = import_checksum(2, &rows);
        if (rows != want_rows || s != want_sum || !ranks_equal(2, want_ranks)) *ok = 0;
    }
    return NULL;
}

int main(void) {
    make_csv();
    for (int i = 0; i < RANKED; i++) {
        groups[i] = i / (RANKED / GROUPS);
        values[i] = (double)((i * 2654435761u) % 10007);
    }
    /* The process's own threads, counted after a first two-thread call: a sanitizer's
    ** runtime may start a helper thread of its own at the first pthread_create. A pool left
    ** running by each call would still show as one more thread per call below. */
    int64_t first_rows;
    (void)import_checksum(2, &first_rows);
    struct timespec pause = {0, 50 * 1000 * 1000}; /* the first call's workers leave /proc */
    nanosleep(&pause, NULL);
    const int own = thread_count();
    CHECK(own >= 1);

    want_sum = import_checksum(1, &want_rows);
    CHECK(want_rows == ROWS);
    CHECK(!isnan(want_sum));
    want_ranks = malloc(sizeof(double) * RANKED);
    CHECK_STATUS(aex_rank_groups(want_ranks, groups, values, RANKED, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING,
                                 AEX_MISSING_KEEP, AEX_SCALE_RANK, 1),
                 AEX_OK);

    /* 1 and 3: fifty imports and ranks with two threads, the thread count checked after each. */
    int same_import = 1, same_rank = 1, no_leftover = 1;
    for (int k = 0; k < 50; k++) {
        int64_t rows;
        double s = import_checksum(2, &rows);
        if (rows != want_rows || s != want_sum) same_import = 0;
        if (settled_thread_count(own) != own) no_leftover = 0;
        if (!ranks_equal(2, want_ranks)) same_rank = 0;
        if (settled_thread_count(own) != own) no_leftover = 0;
    }
    CHECK(same_import);
    CHECK(same_rank);
    CHECK(no_leftover);

    /* 2: four host threads at once. */
    pthread_t t[4];
    int ok[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++) CHECK(pthread_create(&t[i], NULL, host_thread, &ok[i]) == 0);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++) CHECK(ok[i]);
    CHECK(settled_thread_count(own) == own);

    free(want_ranks);
    free(csv);
    return check_finish("worker threads");
}
