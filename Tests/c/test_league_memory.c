/* League tables under an address-space limit that a probe proportional to the panel's rows
** would pass but the table's real peak does not fit: the table must fail with
** AEX_E_OUT_OF_MEMORY and a message (the child exits normally), never trap in Swift's
** allocator (the child killed by a signal).  The peak of a league table follows the
** exporters on its axis (about 1.7 KB each: cells, scores, rows, JSON) and the cells of
** the dense period × exporter selection (24 bytes each), not the rows: so
**   - "wide span": 1000 exporters with two monthly rows each, January 1000 and December
**     1999 (2000 rows; a selection of 12 million cells, about 290 MB at its peak), with
**     64 MiB to spare;
**   - "many exporters": 100,000 exporters with one yearly row each (about 174 MB at its
**     peak), with 32 MiB to spare;
**   - "derived segment": 40,000 exporters with total, nev and bev rows, ranked by
**     conventional (derived as total - nev)
**     (the panel with its segments completed, then the table: about 110 MB), with 16 MiB;
** each of which the library before the check of the real peak passed its probe for and
** then ended the process (Swift's "failed to allocate", SIGABRT).  Then the same tables
** with room (1 GiB for the wide span, 512 MiB for many exporters, 256 MiB for the derived
** segment: the estimates are at most about twice the measured peaks) must succeed, so
** that the check does not refuse what fits, and after each case the library must work
** once the limit is lifted.  Each case runs in a forked child.  The limit is the address
** space the process holds plus the spare, and what the heap holds but has freed counts
** as room: the panels are large enough that the old probe's work did not fit in it (each
** tight case aborted on every run before the change).
** The same for the other entry points whose peak the rows do not tell:
**   - aex_league_table_markets, 300 markets of CHN with two monthly rows each, January
**     1000 and December 1999 (3.6 million cells, about 330 MB), with 64 MiB to spare;
**   - aex_explain_change on the 40,000-exporter panel (it completes the derived segments
**     of the whole panel: about 114 MB), with 16 and 32 MiB (and 64 MiB, where the old
**     library fitted it into freed heap: there either answer is right, never a signal);
**   - aex_explain_destinations on the same panel (it completes the segments too), 32 MiB;
**   - aex_milestones_find on the wide span and aex_milestones_find_markets on the 300
**     markets, monthly (the dense selection: about 120 and 180 bytes a cell), 64 MiB;
** and with room: the markets table with 1 GiB, the explanations with 256 MiB, and the
** milestones of a 100-exporter and a 100-market span with 512 and 768 MiB, which must
** find as many milestones as the same call without a limit.  (The milestones found are
** not checked: their number follows the data, not the selection's shape.)
** (What was measured: LeagueTableMemory in Sources/AutoExportsABI/LeagueTable.swift,
** CompletingSegmentsMemory in Panel.swift, MilestoneMemory in Milestones.swift.)
*/
// hardening: not under valgrind asan tsan (they need an unlimited address space)
#define _GNU_SOURCE
#include "autoexports.h"
#include "check.h"
#include "forked.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* Imports `n` bytes of tidy CSV (exporter codes kept as they are, one thread) into a new
   panel and frees `csv`; NULL (with the reason on stderr) when the import fails. */
static aex_panel *imported(char *csv, size_t n, const char *who) {
    aex_panel *panel = NULL;
    aex_import_options o = AEX_IMPORT_OPTIONS_INIT;
    o.flags = AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS;
    o.threads = 1;
    if (aex_panel_create(&panel) != AEX_OK ||
        aex_panel_import_buffer(NULL, panel, csv, (int64_t)n, AEX_FORMAT_TIDY, AEX_POLICY_STRICT, &o) != AEX_OK) {
        fprintf(stderr, "%s: %s\n", who, aex_last_error_message());
        aex_panel_free(panel);
        panel = NULL;
    }
    free(csv);
    return panel;
}

/* Tidy CSV: `exporters` exporters; `periods` years from 1000 (or months from 1000-01);
   with `sparse`, only each exporter's first and last period; with `segments`, a total, nev
   and bev row for each (completing the segments derives conventional = total - nev).
   Exporter 0 is CHN (the explanations take a known exporter), the others X0000001.. */
static aex_panel *make_panel(int exporters, int periods, int monthly, int sparse, int segments) {
    static const char *segs[] = {"total", "nev", "bev"};
    int per_exporter = sparse ? 2 : periods, ns = segments ? 3 : 1;
    size_t cap = (size_t)exporters * (size_t)per_exporter * (size_t)ns * 48 + 64;
    char *csv = malloc(cap);
    if (!csv) return NULL;
    size_t n = (size_t)snprintf(csv, cap, "exporter,period,segment,metric,value\n");
    for (int e = 0; e < exporters; e++)
        for (int p = 0; p < periods; p++) {
            if (sparse && p != 0 && p != periods - 1) continue;
            char period[16];
            if (monthly) snprintf(period, sizeof period, "%04d-%02d", 1000 + p / 12, 1 + p % 12);
            else snprintf(period, sizeof period, "%d", 1000 + p);
            char name[16];
            if (e == 0) snprintf(name, sizeof name, "CHN");
            else snprintf(name, sizeof name, "X%07d", e);
            for (int s = 0; s < ns; s++)
                n += (size_t)snprintf(csv + n, cap - n, "%s,%s,%s,units,%d\n", name, period, segs[s],
                                      (s == 0 ? 200000 : 1) + (e * 7919 + p * 31 + s) % 50021);
        }
    return imported(csv, n, "make_panel");
}

/* Tidy CSV of one exporter's markets: exporter CHN to `markets` partners M0000000..,
   each with two monthly rows, January 1000 and the last of `months` months. */
static aex_panel *make_markets_panel(int markets, int months) {
    size_t cap = (size_t)markets * 2 * 64 + 64;
    char *csv = malloc(cap);
    if (!csv) return NULL;
    size_t n = (size_t)snprintf(csv, cap, "exporter,partner,period,segment,metric,value\n");
    for (int m = 0; m < markets; m++)
        for (int k = 0; k < 2; k++) {
            int p = k == 0 ? 0 : months - 1;
            n += (size_t)snprintf(csv + n, cap - n, "CHN,M%07d,%04d-%02d,total,units,%d\n", m, 1000 + p / 12,
                                  1 + p % 12, 1 + (m * 7919 + p * 31) % 100003);
        }
    return imported(csv, n, "make_markets_panel");
}

typedef struct outcome {
    int ran;
    int32_t status;
    int64_t rows;
    int32_t after; /* a small table once the limit is lifted */
    char message[512];
} outcome;

/* What a case calls: a league table of exporters, one of an exporter's markets
   (aex_league_table_markets of CHN) or an explanation (aex_explain_change of
   CHN from `period` to `period`, EV group NEV, its size query and the copy). */
enum op { LEAGUE_TABLE, LEAGUE_TABLE_MARKETS, EXPLAIN_CHANGE, EXPLAIN_DESTINATIONS, MILESTONES, MILESTONES_MARKETS };

typedef struct league_case {
    const char *label;
    enum op op;
    aex_panel *panel;
    int32_t period, segment;
    rlim_t spare; /* bytes of address space above what the process holds */
} league_case;

/* A small league table on a panel of its own: the library still works. */
static int32_t small_table(void) {
    aex_panel *p = NULL;
    int32_t s = aex_panel_create(&p);
    if (s == AEX_OK) s = aex_panel_load_reference(p);
    aex_league_table *t = NULL;
    if (s == AEX_OK)
        s = aex_league_table_create(&t, p, 2024, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, NULL, 0, 0, NULL);
    aex_league_table_free(t);
    aex_panel_free(p);
    return s;
}

static void child(const league_case *c, outcome *o) {
    struct rlimit old;
    getrlimit(RLIMIT_AS, &old);
    struct rlimit lim = {vm_bytes() + c->spare, old.rlim_max};
    if (c->spare != RLIM_INFINITY) setrlimit(RLIMIT_AS, &lim); /* RLIM_INFINITY: no limit */
    aex_league_table *t = NULL;
    switch (c->op) {
    case LEAGUE_TABLE:
        o->status =
            aex_league_table_create(&t, c->panel, c->period, "units", c->segment, AEX_BASIS_VALUE, NULL, 0, 0, NULL);
        break;
    case LEAGUE_TABLE_MARKETS:
        o->status = aex_league_table_markets(&t, c->panel, "CHN", c->period, "units", c->segment, AEX_BASIS_VALUE, 0,
                                             AEX_RANK_COMPETITION);
        break;
    case EXPLAIN_CHANGE: {
        /* rows: 1 when the copied JSON is the change of CHN's total, split by segment. */
        int64_t len = 0;
        o->status = aex_explain_change(NULL, 0, &len, c->panel, "CHN", c->period, c->period, AEX_SEGMENT_NEV, NULL);
        if (o->status == AEX_OK) {
            char *json = malloc((size_t)len + 1);
            o->status = json
                ? aex_explain_change(json, len + 1, &len, c->panel, "CHN", c->period, c->period, AEX_SEGMENT_NEV, NULL)
                : AEX_E_OUT_OF_MEMORY;
            o->rows = o->status == AEX_OK && strstr(json, "\"kind\":\"change\"") != NULL &&
                strstr(json, "\"segment\":\"nev\"") != NULL;
            free(json);
        }
        break;
    }
    case EXPLAIN_DESTINATIONS: {
        /* rows: 1 when the text is CHN's destinations in `period` (its size query). */
        int64_t len = 0;
        o->status = aex_explain_destinations(NULL, 0, &len, c->panel, "CHN", AEX_NO_PERIOD, c->period, NULL);
        o->rows = o->status == AEX_OK && len > 0;
        break;
    }
    case MILESTONES:
    case MILESTONES_MARKETS: {
        /* rows: the number of milestones, monthly when period is a month. */
        aex_milestone_options mo = AEX_MILESTONE_OPTIONS_INIT;
        mo.granularity = c->period > 9999 ? AEX_GRANULARITY_MONTH : AEX_GRANULARITY_YEAR;
        mo.segment = c->segment;
        aex_milestones *ms = NULL;
        o->status = c->op == MILESTONES ? aex_milestones_find(&ms, c->panel, &mo)
                                        : aex_milestones_find_markets(&ms, c->panel, "CHN", &mo);
        /* The message before the next call replaces it. */
        snprintf(o->message, sizeof o->message, "%s", o->status == AEX_OK ? "" : aex_last_error_message());
        if (ms) aex_milestones_count(&o->rows, ms);
        aex_milestones_free(ms);
        break;
    }
    }
    if (c->op != MILESTONES && c->op != MILESTONES_MARKETS)
        snprintf(o->message, sizeof o->message, "%s", o->status == AEX_OK ? "" : aex_last_error_message());
    if (t) aex_league_table_size(&o->rows, NULL, t);
    aex_league_table_free(t);
    o->ran = 1;
    setrlimit(RLIMIT_AS, &old);
    o->after = small_table();
}

static void league_child(const void *c, void *o) { child(c, o); }

/* Runs `c` in a child; `want` is the status the call must return (EITHER: AEX_OK with
   `want_rows`, or AEX_E_OUT_OF_MEMORY with a message). */
#define EITHER INT32_MIN
static void run(const league_case *c, int32_t want, int64_t want_rows) {
    if (!c->panel) {
        CHECK(c->panel != NULL);
        return;
    }
    outcome o;
    int ws = 0;
    int exited = run_forked(league_child, c, &o, sizeof o, 120, &ws) && o.ran;
    CHECK(exited);
    if (!exited) {
        fprintf(stderr, "FAILED: %s with %d MiB to spare: the child %s\n", c->label, (int)(c->spare >> 20),
                WIFSIGNALED(ws) ? strsignal(WTERMSIG(ws)) : "did not report");
        return;
    }
    if (want == EITHER) want = o.status == AEX_OK ? AEX_OK : AEX_E_OUT_OF_MEMORY;
    int ok = o.status == want && o.after == AEX_OK &&
        (want == AEX_OK ? o.rows == want_rows : strstr(o.message, "bytes") != NULL);
    CHECK(ok);
    if (!ok || getenv("AEX_VERBOSE"))
        fprintf(ok ? stdout : stderr, "%s%s with %d MiB to spare: %s (%s), %lld rows, then %s\n",
                ok ? "  " : "FAILED: ", c->label, (int)(c->spare >> 20), aex_status_string(o.status), o.message,
                (long long)o.rows, aex_status_string(o.after));
}

int main(void) {
    (void)check_arrays;
    const rlim_t MiB = (rlim_t)1 << 20;
    aex_panel *wide = make_panel(1000, 12000, 1, 1, 0);
    aex_panel *many = make_panel(100000, 1, 0, 0, 0);
    aex_panel *segmented = make_panel(40000, 1, 0, 0, 1);
    aex_panel *markets = make_markets_panel(300, 12000);

    league_case wide_tight = {"league table, wide span (1000 exporters x 12000 months, 2000 rows)",
                              LEAGUE_TABLE,
                              wide,
                              199912,
                              AEX_SEGMENT_TOTAL,
                              64 * MiB};
    league_case many_tight = {
        "league table, many exporters (100000 x 1 year)", LEAGUE_TABLE, many, 1000, AEX_SEGMENT_TOTAL, 32 * MiB};
    league_case seg_tight = {"league table, derived segment (40000 exporters, conventional)",
                             LEAGUE_TABLE,
                             segmented,
                             1000,
                             AEX_SEGMENT_CONVENTIONAL,
                             16 * MiB};
    league_case markets_tight = {"markets league table (300 markets x 12000 months, 600 rows)",
                                 LEAGUE_TABLE_MARKETS,
                                 markets,
                                 199912,
                                 AEX_SEGMENT_TOTAL,
                                 64 * MiB};
    run(&wide_tight, AEX_E_OUT_OF_MEMORY, 0);
    run(&many_tight, AEX_E_OUT_OF_MEMORY, 0);
    run(&seg_tight, AEX_E_OUT_OF_MEMORY, 0);
    run(&markets_tight, AEX_E_OUT_OF_MEMORY, 0);
    /* An explanation completes the derived segments of the whole panel (about 114 MB for
       these 120,000 one-row series), whatever exporter it explains: with 16 and 32 MiB to
       spare the library before the check aborted on every run; with 64 MiB the work can
       fit into heap the parent freed (it did, before the check), so there either outcome
       is right as long as the child returns: AEX_OK with the explanation or
       AEX_E_OUT_OF_MEMORY with a message. */
    league_case explain_tight = {
        "explain change (40000 exporters x 3 segments)", EXPLAIN_CHANGE, segmented, 1000, AEX_SEGMENT_TOTAL, 16 * MiB};
    run(&explain_tight, AEX_E_OUT_OF_MEMORY, 0);
    explain_tight.spare = 32 * MiB;
    run(&explain_tight, AEX_E_OUT_OF_MEMORY, 0);
    explain_tight.spare = 64 * MiB;
    run(&explain_tight, EITHER, 1);
    league_case dest_tight = {"explain destinations (40000 exporters x 3 segments)",
                              EXPLAIN_DESTINATIONS,
                              segmented,
                              1000,
                              AEX_SEGMENT_TOTAL,
                              32 * MiB};
    run(&dest_tight, AEX_E_OUT_OF_MEMORY, 0);

    /* Milestones lay out the same dense period x exporter selection (about 120 bytes a
       cell, 180 for markets): 12 million and 3.6 million cells here. */
    league_case ms_tight = {
        "milestones, wide span (1000 exporters x 12000 months)", MILESTONES, wide, 199912, AEX_SEGMENT_TOTAL, 64 * MiB};
    league_case msm_tight = {"milestones of markets (300 markets x 12000 months)",
                             MILESTONES_MARKETS,
                             markets,
                             199912,
                             AEX_SEGMENT_TOTAL,
                             64 * MiB};
    run(&ms_tight, AEX_E_OUT_OF_MEMORY, 0);
    run(&msm_tight, AEX_E_OUT_OF_MEMORY, 0);

    /* With room: the check must not refuse what fits (the estimates are at most about
       twice the measured peaks: 290 MB, 174 MB, 110 MB, 331 MB and 114 MB). */
    league_case wide_room = wide_tight, many_room = many_tight, seg_room = seg_tight, markets_room = markets_tight,
                explain_room = explain_tight;
    wide_room.spare = 1024 * MiB;
    many_room.spare = 512 * MiB;
    seg_room.spare = 256 * MiB;
    markets_room.spare = 1024 * MiB;
    explain_room.spare = 256 * MiB;
    run(&wide_room, AEX_OK, 1000);
    run(&many_room, AEX_OK, 100000);
    run(&seg_room, AEX_OK, 40000);
    run(&markets_room, AEX_OK, 300);
    run(&explain_room, AEX_OK, 1);
    league_case dest_room = dest_tight;
    dest_room.spare = 256 * MiB;
    run(&dest_room, AEX_OK, 1);

    /* Milestones with room, on a tenth and a third of those spans (1.2 million cells
       each, about 150 and 220 MB at the peak): as many milestones as without a limit. */
    aex_panel *wide_small = make_panel(100, 12000, 1, 1, 0);
    aex_panel *markets_small = make_markets_panel(100, 12000);
    league_case ms_room = {"milestones, wide span (100 exporters x 12000 months)",
                           MILESTONES,
                           wide_small,
                           199912,
                           AEX_SEGMENT_TOTAL,
                           512 * MiB};
    league_case msm_room = {"milestones of markets (100 markets x 12000 months)",
                            MILESTONES_MARKETS,
                            markets_small,
                            199912,
                            AEX_SEGMENT_TOTAL,
                            768 * MiB};
    outcome unlimited = {0}, unlimited_markets = {0};
    child(&(league_case){"", MILESTONES, wide_small, 199912, AEX_SEGMENT_TOTAL, RLIM_INFINITY}, &unlimited);
    child(&(league_case){"", MILESTONES_MARKETS, markets_small, 199912, AEX_SEGMENT_TOTAL, RLIM_INFINITY},
          &unlimited_markets);
    CHECK(unlimited.status == AEX_OK && unlimited.rows > 0);
    CHECK(unlimited_markets.status == AEX_OK && unlimited_markets.rows > 0);
    run(&ms_room, AEX_OK, unlimited.rows);
    run(&msm_room, AEX_OK, unlimited_markets.rows);
    aex_panel_free(wide_small);
    aex_panel_free(markets_small);

    aex_panel_free(wide);
    aex_panel_free(many);
    aex_panel_free(segmented);
    aex_panel_free(markets);
    return check_finish("c/test_league_memory");
}
