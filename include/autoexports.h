/*
** autoexports.h — the C interface of libautoexports.
**
** autoexports ranks national vehicle exporters, finds milestones (overtakes, first time
** at #1, records, thresholds, streaks), explains them by powertrain and projects the next
** crossover.  This header is the whole C API and its documentation: what is not declared
** here is not API, whatever else the shared library happens to contain.
**
** Conventions, in force for every function below:
**
**   1. Names: functions aex_<object>_<verb>, types aex_*, constants AEX_*.
**   2. Fallible functions return an int32_t status: AEX_OK (0) or a negative AEX_E_* code.
**      Outputs are written through out-parameters, which come first in the argument list;
**      on failure outputs are left untouched unless the function says otherwise.
**   3. After a failure, aex_last_error_message() says what was wrong and where (argument,
**      field, row, column).  The text is thread-local: one thread's error never
**      overwrites another's.  Every entry point clears it on entry.
**   4. Counts and lengths are int64_t next to their pointer.  A negative length, or a
**      NULL pointer with a positive length, is an error, never a crash; so is a length
**      whose size in bytes cannot exist (more than INT64_MAX bytes: AEX_E_TOO_LARGE).
**   5. Memory the library returns is released only by the library's own *_free
**      function named in the function's documentation.  *_free(NULL) is a no-op.
**   6. No Swift trap crosses this boundary: arguments are validated first.
**   7. Thread-safety: the library has no global mutable state except the thread-local
**      error text and the handle table (behind a lock).  Every function may be called
**      from any number of threads at once (the registry marks them AEX_FN_THREAD_SAFE):
**      functions without handles; distinct handles from different threads; one handle
**      from several threads: finished results (handles returned by a computation) are
**      immutable, and calls that change a panel are serialised by its lock.  A handle
**      freed while another thread uses it: the running call completes, later calls get
**      AEX_E_INVALID_HANDLE; of several threads freeing one handle, one succeeds.  (How
**      this is tested: docs/c-api.md.)
**   8. No initialisation call is needed: everything works right after dlopen().
**   9. Released signatures never change; new behaviour comes under new names.  Within
**      ABI major 1 the header and the routine table are append-only (docs/c-api.md: the
**      compatibility policy, and what a new major means).
**  10. What cannot be detected, and stays the caller's duty: a non-NULL pointer to fewer
**      elements than its length or capacity says (a short buffer, freed memory, a wild
**      pointer) is read or written up to the stated length, and text must end with a NUL.
**      Output buffers are written only as far as the result goes (never padded or
**      cleared up to the capacity), and only on success unless the function says
**      otherwise.  Handles are checked on every call (see the section of each handle
**      type for the rare cases a check cannot catch: a forged value equal to a live
**      handle, a slot reused 2^24 times, a handle of another copy of the library); a
**      call made after the library was unloaded (dlclose; the release build is linked
**      -z nodelete, so it stays mapped) or from a signal handler is undefined.  (The
**      bad-input tests of every entry point: docs/c-api.md.)
**  11. Resource limits.  Work whose memory grows with its input first checks that the
**      memory can be allocated (one malloc of the estimated size, freed at once), and
**      scratch memory comes from malloc: a request that does not fit fails with
**      AEX_E_OUT_OF_MEMORY, changes nothing and leaves the library usable.  Imports check
**      before each block of input (8 MiB: 4 bytes per byte for parsing and, when its new
**      series could outgrow the tables of series, room for one new series per 16 bytes:
**      about 220 MB for a full block) and before the panel's columns and final build
**      grow, so an input larger than memory allows fails at its first block or part way
**      with AEX_E_OUT_OF_MEMORY and the panel as it was; inputs under 1 MiB are not
**      probed.  Exports check 3 times the text's estimated size; league tables their
**      estimated peak from the exporters and the span of periods they lay out (about
**      2.5 KB an exporter and 40 bytes a period x exporter cell, 144 a cell of a table of
**      markets) and, for a derived segment, 320 bytes a row and 1,280 a series;
**      explanations the segments they complete (the same 320 and 1,280 bytes); milestones
**      128 bytes per row and series of the panel and the selection they lay out (192
**      bytes a cell, 288 for markets, 1 KB an exporter), but not the milestones they
**      find, whose number follows the data (up to n(n-1)/2 overtakes a period among n
**      exporters).  (The memory-limit tests: docs/c-api.md.)  Sizes beyond a documented
**      limit are AEX_E_TOO_LARGE: a length of more than INT64_MAX bytes; 2^31 - 1
**      entities, series, periods or rows of a panel; 16,777,215 live handles; 1000
**      forecast periods; 1 MiB per CSV field and 64 MiB per record (rejections); each
**      function names its own.
**      What the library cannot catch: the checks are estimates, made before the work, so
**      memory another thread takes meanwhile can still be missing; when the system
**      overcommits memory (Linux's default), an allocation that succeeded can still fail
**      when its pages are first touched, and the kernel's OOM killer then ends the
**      process.  A host that must survive that runs with an address-space limit
**      (setrlimit RLIMIT_AS, ulimit -v) or vm.overcommit_memory=2, under which a failed
**      allocation is AEX_E_OUT_OF_MEMORY.  Stack depth does not grow with any input.
**
** Sections: Versions · Status codes and errors · Model · Vocabulary · Ranking · Data · League tables · Milestones ·
** Projection · Explain · Registry (always last: the self-description of every function above and
** the versioned entry point aex_get_api).
*/
#ifndef AUTOEXPORTS_H
#define AUTOEXPORTS_H

#include <stdint.h>

/* Every function below is declared `AEX_API <type> AEX_CALL aex_name(...)`.
**   AEX_API   the symbol's visibility: nothing on Linux and other ELF systems (the export
**             list autoexports.map decides); on Windows __declspec(dllexport) while
**             building the library (AEX_BUILDING_LIBRARY defined) and __declspec(dllimport)
**             for its users (nothing with AEX_STATIC); elsewhere with GCC or Clang
**             (macOS) __attribute__((visibility("default"))).
**   AEX_CALL  the calling convention: nothing (the platform's C convention) except on
**             32-bit Windows, where it is __cdecl, whatever the compiler's default.
** A host may define either before including this header to override it. */
#ifndef AEX_API
#  if defined(_WIN32) || defined(__CYGWIN__)
#    if defined(AEX_BUILDING_LIBRARY)
#      define AEX_API __declspec(dllexport)
#    elif defined(AEX_STATIC)
#      define AEX_API
#    else
#      define AEX_API __declspec(dllimport)
#    endif
#  elif defined(__linux__) || defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__)
#    define AEX_API
#  elif defined(__GNUC__) || defined(__clang__)
#    define AEX_API __attribute__((visibility("default")))
#  else
#    define AEX_API
#  endif
#endif
#ifndef AEX_CALL
#  if defined(_WIN32) && !defined(_WIN64)
#    define AEX_CALL __cdecl
#  else
#    define AEX_CALL
#  endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ====================================================================================
** Versions
**
** The version exists three ways so a caller can check that the header it compiled
** against and the library it loaded agree:
**   AEX_VERSION_* macros      the header's version;
**   aex_version_string/number the library's version;
**   AEX_ABI_VERSION / aex_abi_version()  the ABI major: it changes only when a released
**                             signature or a pinned constant would change (never, by rule 9).
** ==================================================================================== */

#define AEX_VERSION_MAJOR 0
#define AEX_VERSION_MINOR 1
#define AEX_VERSION_PATCH 0
/** MAJOR*1000000 + MINOR*1000 + PATCH, e.g. 1002003 for 1.2.3. */
#define AEX_VERSION_NUMBER (AEX_VERSION_MAJOR * 1000000 + AEX_VERSION_MINOR * 1000 + AEX_VERSION_PATCH)
#define AEX_VERSION_STRING "0.1.0"
#define AEX_ABI_VERSION 1

/** The library's version as static text, e.g. "0.1.0".  Never NULL; do not free.
**
**  @help The library's version as static text, e.g. "0.1.0".
*/
AEX_API const char * AEX_CALL aex_version_string(void);

/** The library's version number, encoded as AEX_VERSION_NUMBER.
**
**  @help The library's version as MAJOR*1000000 + MINOR*1000 + PATCH.
**  @returns int32
*/
AEX_API int32_t AEX_CALL aex_version_number(void);

/** The library's ABI major, to compare with AEX_ABI_VERSION.
**
**  @help The library's ABI major, to compare with AEX_ABI_VERSION.
**  @returns int32
*/
AEX_API int32_t AEX_CALL aex_abi_version(void);

/* ====================================================================================
** Status codes and errors
**
** The values are pinned forever; new codes get new values.
** ==================================================================================== */

#define AEX_OK 0
#define AEX_E_INVALID_ARGUMENT (-1)  /* an argument's value is not allowed (unknown enum, NaN where a number is needed, overlapping buffers) */
#define AEX_E_NULL_POINTER (-2)      /* a required pointer is NULL */
#define AEX_E_OUT_OF_RANGE (-3)      /* a number or index is outside its allowed range (negative length, value outside the data) */
#define AEX_E_PARSE (-4)             /* input text could not be parsed (CSV, period, number) */
#define AEX_E_IO (-5)                /* a file could not be opened, read or written */
#define AEX_E_NOT_FOUND (-6)         /* a named thing (exporter, series, function) does not exist */
#define AEX_E_BUFFER_TOO_SMALL (-7)  /* a caller-allocated buffer is too small; the required size is reported */
#define AEX_E_OUT_OF_MEMORY (-8)     /* memory could not be allocated */
#define AEX_E_INVALID_HANDLE (-9)    /* a handle is NULL, freed, or of the wrong kind */
#define AEX_E_INTERNAL (-10)         /* a bug in autoexports: please report it with the message */
#define AEX_E_UNSUPPORTED (-11)      /* a version or feature this library does not provide */
#define AEX_E_INSUFFICIENT_DATA (-12)/* the data cannot support the request (too few periods to fit, no overlap) */
#define AEX_E_DUPLICATE (-13)        /* a repeated key (the same series and period twice) */
#define AEX_E_TOO_LARGE (-14)        /* a result or input exceeds a documented limit */

/** Static English name of a status code, e.g. "AEX_E_NULL_POINTER"; "AEX_E_UNKNOWN" for
**  a code this library does not define.  Never NULL; do not free.
**
**  @help The static name of a status code, e.g. "AEX_E_NULL_POINTER".
**  @example -2
**  @param status a status code: AEX_OK or a negative AEX_E_*
*/
AEX_API const char * AEX_CALL aex_status_string(int32_t status);

/** The message of the last failed call on this thread, naming what was wrong and where,
**  or "" when the last call succeeded.  Never NULL.  Owned by the library; valid until the
**  next call into the library on the same thread.  At most 1023 bytes of UTF-8.
**
**  @help The message of this thread's last failed call, or "".
**  @flags thread_safe
*/
AEX_API const char * AEX_CALL aex_last_error_message(void);

/* ====================================================================================
** Model
**
** Periods are one int32_t each: a year is YYYY (2023), a quarter YYYYQ (20231 =
** 2023-Q1), a month YYYYMM (202303 = 2023-03); and, seven digits each, a half 1YYYY0H
** (1202301 = 2023-H1), a year-to-date span (January through a month, cumulative) 2YYYYMM
** with its last month (2202305 = "2023-01/2023-05", January-May 2023) and a fiscal year
** 3YYYYMM with the year that names it and its start month (3202404 = "FY2024", April
** 2024 - March 2025; 3202407 = "FY2024@07" from July).  Years 1..9999.  Periods of
** different granularity are never compared: a January-May span only with January-May
** spans, a fiscal year only with fiscal years of the same start month, never with a
** calendar year (docs/periods.md).  Halves, spans and fiscal years without a published
** figure are summed from complete months (or quarters), cited "derived: sum of ...".
**
** Segments (powertrains): exclusive AEX_SEGMENT_BEV, _PHEV, _FCEV, _HEV, _ICE, _OTHER
** (not classified by powertrain) partition the total; groups AEX_SEGMENT_NEV =
** bev+phev+fcev (China's new-energy vehicles), AEX_SEGMENT_PLUGIN = bev+phev (IEA "EV"),
** AEX_SEGMENT_CONVENTIONAL = hev+ice+other (= total - nev), AEX_SEGMENT_TOTAL.
**
** Exporters are ISO 3166-1 alpha-3 codes as UTF-8 text ("CHN"); aggregates have their
** own codes ("EU27", "WLD").  Metrics are "units" or a currency code ("usd").
** ==================================================================================== */

#define AEX_GRANULARITY_YEAR 0
#define AEX_GRANULARITY_QUARTER 1
#define AEX_GRANULARITY_MONTH 2
#define AEX_GRANULARITY_HALF 3
/* January through month m (1..12) of each year: 101..112. */
#define AEX_GRANULARITY_YEAR_TO_DATE(m) (100 + (m))
/* Fiscal years starting in month m (1..12): 201..212; AEX_FISCAL_YEAR_START_DEFAULT is
** the start of a fiscal year written without one ("FY2024"): April (JAMA, SIAM). */
#define AEX_GRANULARITY_FISCAL_YEAR(m) (200 + (m))
#define AEX_FISCAL_YEAR_START_DEFAULT 4
/* The granularity of a period code: aex_period_granularity (section Vocabulary), the one
** decoding of the encoding above; codes whose granularities differ are never compared. */

#define AEX_SEGMENT_TOTAL 0
#define AEX_SEGMENT_BEV 1
#define AEX_SEGMENT_PHEV 2
#define AEX_SEGMENT_FCEV 3
#define AEX_SEGMENT_HEV 4
#define AEX_SEGMENT_ICE 5
#define AEX_SEGMENT_OTHER 6
#define AEX_SEGMENT_NEV 7
#define AEX_SEGMENT_PLUGIN 8
#define AEX_SEGMENT_CONVENTIONAL 9

/** The period code of a text: "2023" -> 2023, "2023-Q1" (or "2023Q1") -> 20231,
**  "2023-03" (or "2023-3", "2023M03") -> 202303, "2023-H1" (or "2023H1") -> 1202301,
**  "2023-01/2023-05" -> 2202305, "FY2024" (from April) -> 3202404, "FY2024@07" (from
**  July) -> 3202407, "FY2023-24" -> 3202304; surrounding spaces are ignored.
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_INVALID_ARGUMENT (text not UTF-8) or
**  AEX_E_PARSE naming the text.  Thread-safe.
**
**  Example:  int32_t p;  aex_period_parse(&p, "2023-Q1");   // p == 20231
**
**  @help The period code of a text: 2023, 2023-Q1 (20231), 2023-03 (202303).
**  @example 2023-Q1
**  @param out_period receives the code (YYYY, YYYYQ or YYYYMM)
**  @param text the period as text
*/
AEX_API int32_t AEX_CALL aex_period_parse(int32_t *out_period, const char *text);

/** The text of a period code: "2023", "2023-Q1", "2023-03", "2023-H1",
**  "2023-01/2023-05", "FY2024" (April start) or "FY2024@07", written with a NUL into
**  out_text (capacity bytes; NULL with capacity 0 asks for the length).  Returns AEX_OK,
**  AEX_E_BUFFER_TOO_SMALL (*out_length set) or AEX_E_INVALID_ARGUMENT for a code that is
**  not a period.  Thread-safe.
**
**  Example:  char t[16];  int64_t n;  aex_period_format(t, sizeof t, &n, 202303);   // "2023-03"
**
**  @help The text of a period code: 2023, 2023-Q1, 2023-03.
**  @example 16 202303
**  @param out_text receives the text and a NUL
**  @param out_length the text's length in bytes, without the NUL
**  @param period the period code (YYYY, YYYYQ or YYYYMM)
*/
AEX_API int32_t AEX_CALL aex_period_format(char *out_text, int64_t capacity, int64_t *out_length, int32_t period);

/** The code of an exporter named by a code ("chn"), an English name or alias ("China",
**  "Korea, Rep.", "Türkiye"; any case) or a UN M49 number ("156"): "CHN" with a NUL into
**  out_code.  Returns AEX_OK, AEX_E_BUFFER_TOO_SMALL, AEX_E_NULL_POINTER or
**  AEX_E_NOT_FOUND naming the text.  Thread-safe.
**
**  Example:  char c[8];  int64_t n;  aex_exporter_resolve(c, sizeof c, &n, "Korea, Rep.");   // "KOR"
**
**  @help The code of an exporter given by code, English name or UN M49 number.
**  @example 8 156
**  @param out_code receives the code and a NUL
**  @param out_length the code's length in bytes, without the NUL
**  @param name a code (CHN), a name (China) or an M49 number (156)
*/
AEX_API int32_t AEX_CALL aex_exporter_resolve(char *out_code, int64_t capacity, int64_t *out_length, const char *name);

/* ====================================================================================
** Vocabulary
**
** The library's names for its constants and the parsing of what people type, so that no
** host keeps a copy: the command-line tool, Python, the SQLite functions and the Calc
** add-in all ask here.  A vocabulary (AEX_VOCAB_*) is a closed set of values 0..count-1
** (except AEX_VOCAB_GRANULARITY, whose values are the AEX_GRANULARITY_* codes: 0..3,
** 101..112, 201..212; aex_vocabulary_name also takes a position 0..count-1, so every
** vocabulary enumerates the same way), each with one canonical name: the suffix of its
** constant in lower case
** (AEX_SEGMENT_PLUGIN is "plugin", AEX_MILESTONE_NUM_RIVAL_VALUE_SINCE is
** "rival_value_since", which is also its key in the milestones' JSON).  Parsing accepts
** the canonical name and the aliases the library knows (case-insensitive: "EV" and
** "plug-in" for plugin; "avg", "average", "RANK.AVG" for fractional; "min", "rank.eq",
** "standard" for competition), so that every host accepts the same spellings.
**
** Vocabularies are append-only: new values (a new period granularity, a new milestone
** kind) get new numbers at the end, and a host that enumerates with aex_vocabulary_count
** learns them without being rebuilt.  Every function here is thread-safe and allocates
** nothing that outlives the call.
** ==================================================================================== */

/** "No period": the value of every period field that has none (AEX_MILESTONE_INT_SINCE
**  of a milestone without an earlier period, AEX_CROSSOVER_FIELD_PERIOD of a crossover
**  not within the horizon), through the int64_t and the double getters alike.  0 is never
**  a period code (years are 1..9999).  JSON results write null instead. */
#define AEX_NO_PERIOD 0

#define AEX_VOCAB_SEGMENT 0                /* AEX_SEGMENT_*: "total", "bev", ..., "conventional" */
#define AEX_VOCAB_RANK_METHOD 1            /* AEX_RANK_*: "competition", ..., "ordinal" */
#define AEX_VOCAB_RANK_ORDER 2             /* AEX_ORDER_*: "ascending", "descending" */
#define AEX_VOCAB_MISSING_POLICY 3         /* AEX_MISSING_*: "keep", "top", "bottom" */
#define AEX_VOCAB_RANK_SCALE 4             /* AEX_SCALE_*: "rank", "pct", "percent_rank", "cume_dist" */
#define AEX_VOCAB_GRANULARITY 5            /* AEX_GRANULARITY_*: "year", "quarter", "month", ... */
#define AEX_VOCAB_MILESTONE_KIND 6         /* AEX_MILESTONE_* kinds: "overtake", ..., "leader_streak" */
#define AEX_VOCAB_NOTE_KIND 7              /* AEX_NOTE_* kinds: "series_starts", ... */
#define AEX_VOCAB_MILESTONE_INT_FIELD 8    /* AEX_MILESTONE_INT_*: "kind", "period", "since", ... */
#define AEX_VOCAB_MILESTONE_NUMBER_FIELD 9 /* AEX_MILESTONE_NUM_*: "value", ..., "rival_value_since", ... */
#define AEX_VOCAB_MILESTONE_TEXT_FIELD 10  /* AEX_MILESTONE_TEXT_*: "sentence", "subject", ... */

/** The number of values of a vocabulary: its values are 0 .. *out_count - 1.
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_INVALID_ARGUMENT (unknown vocabulary).
**
**  Example:  int64_t n;  aex_vocabulary_count(&n, AEX_VOCAB_SEGMENT);   // n == 10
**
**  @help The number of values of a vocabulary (AEX_VOCAB_*); they are 0..count-1.
**  @example segment
**  @param out_count receives the number of values
**  @param vocabulary which vocabulary (AEX_VOCAB_*)
**  @values vocabulary AEX_VOCAB_*
*/
AEX_API int32_t AEX_CALL aex_vocabulary_count(int64_t *out_count, int32_t vocabulary);

/** The canonical name of `value` in a vocabulary, with a NUL, into a caller buffer (the
**  text convention of section "Data": NULL with capacity 0 asks for the length).
**  Returns AEX_OK, AEX_E_BUFFER_TOO_SMALL (*out_length set), AEX_E_NULL_POINTER,
**  AEX_E_INVALID_ARGUMENT (unknown vocabulary), AEX_E_OUT_OF_RANGE (value not in it).
**
**  Example:  char s[32];  int64_t n;
**            aex_vocabulary_name(s, sizeof s, &n, AEX_VOCAB_RANK_METHOD, AEX_RANK_FRACTIONAL);  // "fractional"
**
**  @help The canonical name of a value in a vocabulary, e.g. 8 in segment: "plugin".
**  @example 32 segment 8
**  @param out_name receives the name and a NUL
**  @param out_length the name's length in bytes, without the NUL
**  @param vocabulary which vocabulary (AEX_VOCAB_*)
**  @values vocabulary AEX_VOCAB_*
**  @param value the value (for granularities their code), or its position 0 .. count - 1
*/
AEX_API int32_t AEX_CALL aex_vocabulary_name(char *out_name, int64_t capacity, int64_t *out_length,
                                             int32_t vocabulary, int32_t value);

/** The value of a name or alias in a vocabulary (case-insensitive, surrounding spaces
**  ignored).  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_INVALID_ARGUMENT (unknown
**  vocabulary, text not UTF-8), AEX_E_NOT_FOUND (the message lists the canonical names).
**
**  Example:  int32_t m;  aex_vocabulary_parse(&m, AEX_VOCAB_RANK_METHOD, "RANK.AVG");  // AEX_RANK_FRACTIONAL
**
**  @help The value of a name or alias in a vocabulary, e.g. "avg" in rank_method: 2.
**  @example rank_method avg
**  @param out_value receives the value
**  @param vocabulary which vocabulary (AEX_VOCAB_*)
**  @values vocabulary AEX_VOCAB_*
**  @param name the name or alias
*/
AEX_API int32_t AEX_CALL aex_vocabulary_parse(int32_t *out_value, int32_t vocabulary, const char *name);

/** The granularity (AEX_GRANULARITY_*) of a period code, as the core's period type
**  decodes it (section "Model"), so that a host never infers it from the number of
**  digits.  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_INVALID_ARGUMENT (not a period
**  code).
**
**  Example:  int32_t g;  aex_period_granularity(&g, 20231);   // AEX_GRANULARITY_QUARTER
**
**  @help The granularity (AEX_GRANULARITY_*) of a period code.
**  @example 20231
**  @param out_granularity receives the granularity (AEX_GRANULARITY_*)
**  @param period the period code
*/
AEX_API int32_t AEX_CALL aex_period_granularity(int32_t *out_granularity, int32_t period);

/** Parse a comma-separated list of exporters (codes, English names or UN M49 numbers:
**  "chn, Japan,276") into their codes, "CHN,JPN,DEU", with a NUL, into a caller buffer.
**  The one treatment of such lists, used by every argument that takes one
**  (aex_league_table_create's exporters, aex_milestone_options.exporters) and by the
**  hosts: spaces around an item are ignored; the same exporter twice is kept once, in
**  first-seen order; an empty or blank list and an empty item ("CHN,,JPN", a trailing
**  comma) are AEX_E_INVALID_ARGUMENT, because "every exporter" is said by passing NULL
**  where a list is optional.  Returns AEX_OK, AEX_E_BUFFER_TOO_SMALL, AEX_E_NULL_POINTER,
**  AEX_E_INVALID_ARGUMENT, AEX_E_NOT_FOUND (an unknown exporter, named).
**
**  Example:  char c[64];  int64_t n;  aex_exporter_list_parse(c, sizeof c, &n, "chn, Japan");  // "CHN,JPN"
**
**  @help Parse a comma-separated list of exporters into their codes: "chn, Japan" -> "CHN,JPN".
**  @example 64 chn,Japan,276
**  @param out_codes receives the codes, comma-separated, and a NUL
**  @param out_length the text's length in bytes, without the NUL
**  @param list the list: codes, English names or UN M49 numbers, comma-separated
*/
AEX_API int32_t AEX_CALL aex_exporter_list_parse(char *out_codes, int64_t capacity, int64_t *out_length,
                                                 const char *list);

/* ====================================================================================
** Ranking
**
** Tie methods (docs/design.md §3; the ranks of 30, 20, 20, 10 in descending order):
**
**   method                 ranks        Excel/Calc  SQL            pandas   polars
**   AEX_RANK_COMPETITION   1,2,2,4      RANK.EQ     RANK()         min      min
**   AEX_RANK_COMPETITION_MAX 1,3,3,4    —           —              max      max
**   AEX_RANK_FRACTIONAL    1,2.5,2.5,4  RANK.AVG    —              average  average
**   AEX_RANK_DENSE         1,2,2,3      —           DENSE_RANK()   dense    dense
**   AEX_RANK_ORDINAL       1,2,3,4      —           ROW_NUMBER()   first    ordinal
**
** Ordinal ties break by input position (earlier first), never by sort accident.
** Missing values are NaN.  AEX_MISSING_KEEP gives them rank NaN and leaves them out of
** the count; AEX_MISSING_TOP / AEX_MISSING_BOTTOM rank them as one tied block before /
** after every number.  ±inf are ordinary values; -0.0 equals 0.0.
**
** Percent ranks (AEX_SCALE_*; n = the values ranked: under AEX_MISSING_KEEP the missing
** ones are left out, under TOP/BOTTOM they count, and form one distinct value):
**
**   scale                   result                                  anchor
**   AEX_SCALE_RANK          the rank of the method                  RANK.*, RANK(), pandas
**   AEX_SCALE_PCT           rank / n; AEX_RANK_DENSE: rank / number  pandas pct=True
**                           of distinct values
**   AEX_SCALE_PERCENT_RANK  (competition rank - 1) / (n - 1); 0 when  SQL PERCENT_RANK()
**                           n == 1; the method is ignored
**   AEX_SCALE_CUME_DIST     competition_max rank / n; the method is  SQL CUME_DIST()
**                           ignored
**
** The functions come in three shapes:
**   arrays     aex_rank_values, aex_rank_values_scaled: n values -> n ranks;
**   groups     aex_rank_groups, aex_rank_groups_i32: (group id, value) rows -> the rank
**              of each row within its group, in parallel across groups;
**   cells      aex_rank_eq, aex_rank_avg, aex_percentrank_inc, aex_percentrank_exc: one
**              value and a range -> one number, with Excel's semantics and errors, for
**              spreadsheet add-ins and plugin hosts.
** ==================================================================================== */

#define AEX_RANK_COMPETITION 0
#define AEX_RANK_COMPETITION_MAX 1
#define AEX_RANK_FRACTIONAL 2
#define AEX_RANK_DENSE 3
#define AEX_RANK_ORDINAL 4

#define AEX_ORDER_ASCENDING 0  /* smallest value gets rank 1 (pandas' default) */
#define AEX_ORDER_DESCENDING 1 /* largest value gets rank 1 (league tables) */

#define AEX_MISSING_KEEP 0
#define AEX_MISSING_TOP 1
#define AEX_MISSING_BOTTOM 2

#define AEX_SCALE_RANK 0         /* the rank itself */
#define AEX_SCALE_PCT 1          /* pandas pct=True */
#define AEX_SCALE_PERCENT_RANK 2 /* SQL PERCENT_RANK() */
#define AEX_SCALE_CUME_DIST 3    /* SQL CUME_DIST() */

/** Rank n values with a tie method, an order and a missing-value policy.
**
**  out_ranks  caller-allocated array of n doubles receiving the ranks (NaN for a missing
**             value under AEX_MISSING_KEEP).  It may be the very same array as `values`
**             (ranking in place); any other overlap with `values` is AEX_E_INVALID_ARGUMENT.
**  values     the n values; NaN is missing.
**  n          number of values, >= 0.  n == 0 succeeds and writes nothing; the pointers
**             may then be NULL.
**  method     AEX_RANK_*;  order  AEX_ORDER_*;  missing  AEX_MISSING_*.
**
**  Returns AEX_OK, AEX_E_NULL_POINTER (a pointer is NULL and n > 0), AEX_E_OUT_OF_RANGE
**  (n < 0), AEX_E_INVALID_ARGUMENT (unknown method/order/missing, bad overlap).  On
**  failure out_ranks is untouched.  Allocates O(n) temporary memory; O(n log n) time.
**  Thread-safe.
**
**  Example: values {30, 20, 20, 10}, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING,
**  AEX_MISSING_KEEP  ->  out_ranks {1, 2, 2, 4}.
**
**  @help Rank n values with a tie method, an order and a missing-value policy.
**  @example 30,20,20,10 competition descending keep
**  @param out_ranks the rank of each value (NaN for a missing value under AEX_MISSING_KEEP)
**  @size out_ranks values
**  @param values the values to rank; NaN is missing
**  @param method how ties share ranks (AEX_RANK_*)
**  @values method AEX_RANK_*
**  @default method 0
**  @param order which end gets rank 1 (AEX_ORDER_*)
**  @values order AEX_ORDER_*
**  @default order 1
**  @param missing where missing values go (AEX_MISSING_*)
**  @values missing AEX_MISSING_*
**  @default missing 0
*/
AEX_API int32_t AEX_CALL aex_rank_values(double *out_ranks, const double *values, int64_t n, int32_t method,
                                         int32_t order, int32_t missing);

/** Rank n values like aex_rank_values, writing the rank or a percent rank (AEX_SCALE_*).
**
**  out        caller-allocated array of n doubles; may be the very array `values` (in
**             place); any other overlap is AEX_E_INVALID_ARGUMENT.
**  values     the n values; NaN is missing.
**  n          >= 0; n == 0 succeeds and writes nothing (pointers may then be NULL).
**  method     AEX_RANK_* (checked, but ignored by PERCENT_RANK and CUME_DIST).
**  order      AEX_ORDER_*;  missing  AEX_MISSING_*;  scale  AEX_SCALE_*.
**
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_OUT_OF_RANGE (n < 0), AEX_E_INVALID_ARGUMENT
**  (an unknown constant, a bad overlap), AEX_E_OUT_OF_MEMORY.  On failure `out` is
**  untouched.  Allocates 16 bytes per value of temporary memory.  Thread-safe.
**
**  Example: values {30, 20, 20, 10}, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING,
**  AEX_MISSING_KEEP, AEX_SCALE_PERCENT_RANK  ->  out {0, 1/3, 1/3, 1};
**  AEX_RANK_DENSE with AEX_SCALE_PCT  ->  out {1/3, 2/3, 2/3, 1}.
**
**  @help Rank n values and write the rank or a percent rank (pct, percent_rank, cume_dist).
**  @example 30,20,20,10 competition descending keep percent_rank
**  @param out the rank or percent rank of each value (NaN for a missing value under
**      AEX_MISSING_KEEP)
**  @size out values
**  @param values the values to rank; NaN is missing
**  @param method how ties share ranks (AEX_RANK_*); ignored by percent_rank and cume_dist
**  @values method AEX_RANK_*
**  @default method 0
**  @param order which end gets rank 1 (AEX_ORDER_*)
**  @values order AEX_ORDER_*
**  @default order 1
**  @param missing where missing values go (AEX_MISSING_*)
**  @values missing AEX_MISSING_*
**  @default missing 0
**  @param scale what to write (AEX_SCALE_*): the rank, pandas pct, SQL PERCENT_RANK or
**      CUME_DIST
**  @values scale AEX_SCALE_*
**  @default scale 0
*/
AEX_API int32_t AEX_CALL aex_rank_values_scaled(double *out, const double *values, int64_t n, int32_t method,
                                                int32_t order, int32_t missing, int32_t scale);

/** Rank n rows within groups: row i has group id groups[i] and value values[i], and gets
**  its rank (or percent rank) among the rows of its group, as if each group were ranked
**  alone by aex_rank_values_scaled.  The shape of a DataFrame's (group, value) column
**  pair, e.g. `df.groupby("period")["value"].rank(...)`.
**
**  out        caller-allocated array of n doubles; may be the very array `values` (in
**             place); must not overlap `groups`; any other overlap with `values` is
**             AEX_E_INVALID_ARGUMENT.
**  groups     n group ids, any int64 values in any order.  Within a group, ordinal ties
**             break by input position.
**  values     n values; NaN is missing.
**  n          >= 0; n == 0 succeeds (pointers may then be NULL).
**  method, order, missing, scale   as for aex_rank_values_scaled.
**  threads    0 = use every online CPU, 1 = only the calling thread, k > 1 = at most k
**             threads (capped at 64); < 0 is AEX_E_OUT_OF_RANGE.  Threads are started
**             for the call and joined before it returns; inputs under 32768 rows per
**             thread run on fewer threads.
**
**  Speed and memory: ids in non-decreasing order (each group one contiguous run) are
**  ranked where they lie, with 16 bytes of scratch per row of the largest group per
**  thread.  Any other order is first bucketed by a counting sort on the ids: 12 bytes
**  per row plus 8 bytes per id in min..max (ids spread wider than n are renumbered
**  first, 12 more bytes per row while that runs).
**
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_OUT_OF_RANGE (n < 0, threads < 0),
**  AEX_E_INVALID_ARGUMENT (an unknown constant, a bad overlap), AEX_E_OUT_OF_MEMORY.
**  On failure `out` is untouched.  Thread-safe.
**
**  Example: groups {2024, 2024, 2024, 2023, 2023}, values {30, 20, 20, 5, 9},
**  AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP, AEX_SCALE_RANK, 0
**  ->  out {1, 2, 2, 2, 1}.
**
**  @help Rank rows within groups given by int64 ids (a DataFrame's group and value columns).
**  @example 2024,2024,2024,2023,2023 30,20,20,5,9 competition descending
**  @param out the rank of each row within its group
**  @size out values
**  @param groups the group id of each row, in any order
**  @size groups values
**  @param values the values to rank; NaN is missing
**  @param method how ties share ranks (AEX_RANK_*)
**  @values method AEX_RANK_*
**  @default method 2
**  @param order which end gets rank 1 (AEX_ORDER_*)
**  @values order AEX_ORDER_*
**  @default order 0
**  @param missing where missing values go (AEX_MISSING_*)
**  @values missing AEX_MISSING_*
**  @default missing 0
**  @param scale what to write (AEX_SCALE_*)
**  @values scale AEX_SCALE_*
**  @default scale 0
**  @param threads 0 = every CPU, 1 = the calling thread, k = at most k threads (capped at 64)
**  @range threads 0..2147483647
**  @default threads 0
*/
AEX_API int32_t AEX_CALL aex_rank_groups(double *out, const int64_t *groups, const double *values, int64_t n,
                                         int32_t method, int32_t order, int32_t missing, int32_t scale,
                                         int32_t threads);

/** aex_rank_groups with int32 group ids (a panel's period index, a numpy int32 column).
**  Everything else is the same.
**
**  @help Rank rows within groups given by int32 ids (a panel's period index).
**  @example 1,2,1,2,1,2 3,3,1,nan,2,4 ordinal ascending
**  @param out the rank of each row within its group
**  @size out values
**  @param groups the group id of each row, in any order
**  @size groups values
**  @param values the values to rank; NaN is missing
**  @param method how ties share ranks (AEX_RANK_*)
**  @values method AEX_RANK_*
**  @default method 2
**  @param order which end gets rank 1 (AEX_ORDER_*)
**  @values order AEX_ORDER_*
**  @default order 0
**  @param missing where missing values go (AEX_MISSING_*)
**  @values missing AEX_MISSING_*
**  @default missing 0
**  @param scale what to write (AEX_SCALE_*)
**  @values scale AEX_SCALE_*
**  @default scale 0
**  @param threads 0 = every CPU, 1 = the calling thread, k = at most k threads (capped at 64)
**  @range threads 0..2147483647
**  @default threads 0
*/
AEX_API int32_t AEX_CALL aex_rank_groups_i32(double *out, const int32_t *groups, const double *values, int64_t n,
                                             int32_t method, int32_t order, int32_t missing, int32_t scale,
                                             int32_t threads);

/* ---- Spreadsheet functions --------------------------------------------------------
** One value and a range in, one number out, with Excel's semantics: the shape of
** RANK.EQ(number, ref, order), RANK.AVG, PERCENTRANK.INC(array, x, significance) and
** PERCENTRANK.EXC, for add-ins and plugin hosts that receive a cell and a range.
**
** NaN entries of `range` are empty cells: skipped, as spreadsheets skip non-numeric
** cells.  The `excel_order` of aex_rank_eq and aex_rank_avg is Excel's flag, passed
** through unchanged, and NOT an AEX_ORDER_* constant (which means the opposite: there 0 is
** ascending): 0 (Excel's default) ranks the largest first, any other value the smallest
** first.
** The status codes stand for Excel's error values:
**   AEX_E_NOT_FOUND          #N/A    RANK.*: value is not in range
**   AEX_E_OUT_OF_RANGE       #N/A    PERCENTRANK.*: x is below the minimum or above the
**                                    maximum of range
**   AEX_E_INSUFFICIENT_DATA  #NUM!   PERCENTRANK.*: range holds no numbers
**   AEX_E_INVALID_ARGUMENT   #NUM!   significance < 0; also a NaN value or x
** Each is O(n), allocates nothing, and is thread-safe.  On failure *out is untouched.
** ---------------------------------------------------------------------------------- */

/** RANK.EQ: *out_rank = 1 + the number of values in range ranked strictly ahead of
**  `value` (larger when excel_order is 0, smaller otherwise); ties share the best rank.
**
**  out_rank   receives the rank (a whole number, as a double).
**  value      the number to rank; must occur in range (compared with ==; -0.0 == 0.0).
**  range, n   the numbers; n >= 0 (n == 0 gives AEX_E_NOT_FOUND; range may be NULL).
**  excel_order  Excel's flag: 0 = the largest is 1 (Excel's default), nonzero = the
**             smallest is 1.
**
**  Returns AEX_OK, AEX_E_NOT_FOUND, AEX_E_NULL_POINTER, AEX_E_OUT_OF_RANGE (n < 0),
**  AEX_E_INVALID_ARGUMENT (NaN value).
**
**  Example (Excel's documentation): range {7, 3.5, 3.5, 1, 2}:  value 2, excel_order 0 -> 4;
**  value 7, excel_order 1 -> 5;  value 3.5, excel_order 1 -> 3.
**
**  @help Excel RANK.EQ: the rank of a value in a range; ties share the best rank.
**  @example 20 30,20,20,10 0
**  @param out_rank the rank
**  @param value the number to rank; must be in range
**  @param range the numbers; NaN entries are empty cells
**  @param excel_order Excel's order: 0 = largest first (default), nonzero = smallest first
**  @values excel_order 0=descending 1=ascending
**  @range excel_order -2147483648..2147483647
**  @default excel_order 0
*/
AEX_API int32_t AEX_CALL aex_rank_eq(double *out_rank, double value, const double *range, int64_t n,
                                     int32_t excel_order);

/** RANK.AVG: like aex_rank_eq, but tied values share the mean of their ranks.
**
**  Example (Excel's documentation): range {89, 88, 92, 101, 94, 97, 95}, value 94,
**  excel_order 0 -> 4;  range {7, 3.5, 3.5, 1, 2}, value 3.5, excel_order 0 -> 2.5.
**
**  @help Excel RANK.AVG: the rank of a value in a range; ties share their mean rank.
**  @example 94 89,88,92,101,94,97,95 0
**  @param out_rank the rank
**  @param value the number to rank; must be in range
**  @param range the numbers; NaN entries are empty cells
**  @param excel_order Excel's order: 0 = largest first (default), nonzero = smallest first
**  @values excel_order 0=descending 1=ascending
**  @range excel_order -2147483648..2147483647
**  @default excel_order 0
*/
AEX_API int32_t AEX_CALL aex_rank_avg(double *out_rank, double value, const double *range, int64_t n,
                                      int32_t excel_order);

/* Whose PERCENTRANK a result follows (the `convention` argument of aex_percentrank_inc/
** exc).  The two differ only in the significance rule and in a one-number range:
**   AEX_CONVENTION_EXCEL  significance k truncates DOWN to k decimal digits;
**                         PERCENTRANK.EXC of one number is (0 + 1) / (1 + 1) = 0.5.
**   AEX_CONVENTION_CALC   significance k rounds half away from zero to k SIGNIFICANT
**                         digits (LibreOffice Calc); PERCENTRANK.EXC of one number is 1.
** PERCENTRANK.INC of one number is 1 in both.  Any other value is AEX_E_INVALID_ARGUMENT. */
#define AEX_CONVENTION_EXCEL 0 /* Microsoft Excel (the default) */
#define AEX_CONVENTION_CALC 1  /* LibreOffice Calc */

/** PERCENTRANK.INC: the rank of x in range as a fraction in [0, 1].
**
**  For x found in range: (numbers below x) / (count - 1); 1 when range holds one number.
**  For x between two numbers a < x < b of range: linear interpolation between their
**  sorted positions, (below - 1 + (x - a) / (b - a)) / (count - 1) (LibreOffice's rule,
**  which agrees with every example Excel publishes).
**
**  out           receives the percent rank.
**  range, n      the numbers (n >= 0; NaN entries skipped).
**  x             the value to rank; NaN is AEX_E_INVALID_ARGUMENT.
**  significance  0 = not given: the value unrounded (both spreadsheets' own default would
**                be 3); k >= 1 = per convention: AEX_CONVENTION_EXCEL truncates DOWN to
**                k decimal digits (k > 16 leaves the value unchanged),
**                AEX_CONVENTION_CALC rounds to k significant digits; < 0 is
**                AEX_E_INVALID_ARGUMENT.
**  convention    AEX_CONVENTION_EXCEL (0) or AEX_CONVENTION_CALC (1).
**
**  Returns AEX_OK, AEX_E_OUT_OF_RANGE (x outside [min, max] of range),
**  AEX_E_INSUFFICIENT_DATA (no numbers), AEX_E_INVALID_ARGUMENT, AEX_E_NULL_POINTER,
**  AEX_E_OUT_OF_RANGE (n < 0).
**
**  Example (Excel's documentation): range {13, 12, 11, 8, 4, 3, 2, 1, 1, 1}, significance
**  3, AEX_CONVENTION_EXCEL:  x 2 -> 0.333;  x 4 -> 0.555;  x 8 -> 0.666;  x 5 -> 0.583.
**  Unrounded, x 4 -> 0.5555555555555556; AEX_CONVENTION_CALC, significance 3 -> 0.556.
**
**  @help Excel PERCENTRANK.INC: the rank of x in a range as a fraction in [0, 1].
**  @example 13,12,11,8,4,3,2,1,1,1 5 3 0
**  @param out the percent rank
**  @param range the numbers; NaN entries are empty cells
**  @param x the value to rank, between the smallest and the largest number
**  @param significance digits to keep (decimal digits for Excel, significant digits for Calc); 0 = not given (unrounded)
**  @param convention whose PERCENTRANK: 0 = Excel (truncate to decimals), 1 = LibreOffice Calc (round to significant digits)
**  @range significance 0..2147483647
**  @default significance 0
**  @values convention 0=excel 1=calc
**  @default convention 0
*/
AEX_API int32_t AEX_CALL aex_percentrank_inc(double *out, const double *range, int64_t n, double x,
                                             int32_t significance, int32_t convention);

/** PERCENTRANK.EXC: the rank of x in range as a fraction in (0, 1).
**
**  For x found in range: (numbers below x + 1) / (count + 1) (AEX_CONVENTION_CALC: 1
**  when range holds one number).  For x between a < x < b:
**  (below + (x - a) / (b - a)) / (count + 1).  Arguments, errors, significance and
**  convention as for aex_percentrank_inc.
**
**  Example (Excel's documentation): range {1, 2, 3, 6, 6, 6, 7, 8, 9}:  x 7 -> 0.7;
**  x 5.43, significance 3 -> 0.381;  x 5.43, significance 1 -> 0.3.
**
**  @help Excel PERCENTRANK.EXC: the rank of x in a range as a fraction in (0, 1).
**  @example 1,2,3,6,6,6,7,8,9 5.43 3 0
**  @param out the percent rank
**  @param range the numbers; NaN entries are empty cells
**  @param x the value to rank, between the smallest and the largest number
**  @param significance digits to keep (decimal digits for Excel, significant digits for Calc); 0 = not given (unrounded)
**  @param convention whose PERCENTRANK: 0 = Excel (truncate to decimals), 1 = LibreOffice Calc (round to significant digits)
**  @range significance 0..2147483647
**  @default significance 0
**  @values convention 0=excel 1=calc
**  @default convention 0
*/
AEX_API int32_t AEX_CALL aex_percentrank_exc(double *out, const double *range, int64_t n, double x,
                                             int32_t significance, int32_t convention);

/* ====================================================================================
** Data
**
** A panel (aex_panel) holds many series of export figures: the values of one (exporter,
** partner, segment, metric, source, scope) per period, each with an optional citation.
** The partner is the destination the figures count exports to: "WLD", the world (what
** aex_panel_add adds and every exporter ranking reads), or one market
** (aex_panel_add_partner; docs/destinations.md).  It is the input of rankings,
** milestones and explanations.  Lifecycle:
**
**   1. aex_panel_create() makes an empty panel;
**   2. rows are added with aex_panel_load_reference() (the embedded, cited dataset),
**      aex_panel_add() (one series from arrays) or the importers below;
**   3. it is read with aex_panel_series_*() and written with aex_panel_export();
**   4. aex_panel_free() releases it.
**
** Adding the same (series, period) twice is AEX_E_DUPLICATE and leaves the panel as it
** was: every adding function is all or nothing.  A panel handle may be used from several
** threads: calls on one panel are serialised by a lock inside it.
**
** Handles.  aex_panel, aex_rejections and the result handles of other sections are
** opaque values, not pointers: never dereference them.  Every call checks its handle
** against the library's handle table and returns AEX_E_INVALID_HANDLE, naming the
** argument, for NULL, for a handle that was freed (use after free, double free), for a
** value that never was a handle, and for a handle of another kind (a rejection list where
** a panel is expected).  What cannot be detected: a forged value that reproduces a live
** handle exactly; a stale handle whose table slot has since been reused 2^24 times; a
** handle of another copy of the library loaded in the same process, with probability
** 1/256.  A call that is running when another thread frees its handle completes; later
** calls fail.
**
** Text results (series fields, exports) go to caller buffers: the function writes the
** UTF-8 text and a NUL into `out_text` (`capacity` bytes) and the length without the NUL
** into *out_length.  out_text = NULL with capacity 0 asks for the length (AEX_OK); a
** shorter buffer is AEX_E_BUFFER_TOO_SMALL with *out_length set to the length needed.
** Array results work the same with element counts (*out_count).
** ==================================================================================== */

/** An opaque panel handle.  Made by aex_panel_create, released by aex_panel_free. */
typedef struct aex_panel aex_panel;

/* Text fields of a series (aex_panel_series_text) and of a league-table row
** (aex_league_table_row_text): one scheme for both. */
#define AEX_FIELD_EXPORTER 0      /* the exporter's code: "CHN", "EU27" */
#define AEX_FIELD_METRIC 1        /* "units" or a currency code ("usd") */
#define AEX_FIELD_SOURCE 2        /* the statistics body: "CAAM"; "unspecified" when unknown */
#define AEX_FIELD_SCOPE 3         /* what is counted: "all_vehicles"; "unspecified" when unknown */
#define AEX_FIELD_EXPORTER_NAME 4 /* the exporter's English name: "China" */
#define AEX_FIELD_CITATION 5      /* league-table rows only: where the figure was published ("" when unknown) */
#define AEX_FIELD_PARTNER 6       /* series only: the destination, "WLD" (exports to the world) or a market ("RUS") */

/** Make an empty panel.
**
**  out_panel  receives the new handle; free it with aex_panel_free.
**
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_TOO_LARGE (too many live handles).
**  Thread-safe.
**
**  Example:  aex_panel *p = NULL;  aex_panel_create(&p);  ...  aex_panel_free(p);
**
**  @help Make an empty panel.
**  @flags thread_safe
**  @param out_panel the new panel; free it with aex_panel_free
*/
AEX_API int32_t AEX_CALL aex_panel_create(aex_panel **out_panel);

/** Release a panel.  aex_panel_free(NULL) is a no-op (AEX_OK); a freed or foreign handle
**  is AEX_E_INVALID_HANDLE (never a crash).  Rejection lists made by imports into the
**  panel stay valid.
**
**  @help Release a panel (NULL is a no-op).
**  @example NULL
**  @flags thread_safe
**  @param panel the panel to release
**  @nullable panel
*/
AEX_API int32_t AEX_CALL aex_panel_free(aex_panel *panel);

/** Add every row of the embedded reference dataset (published figures of national vehicle
**  exports: annual, fiscal-year and year-to-date totals, and exports by destination market
**  as series with a partner other than WLD; each with its source, scope and citation;
**  compiled into the library, no file is read) to `panel`.
**
**  Returns AEX_OK, AEX_E_INVALID_HANDLE, AEX_E_DUPLICATE (the panel already holds one of
**  those rows; the panel is unchanged).
**
**  Example:  aex_panel_create(&p);  aex_panel_load_reference(p);
**            int64_t rows, series;  aex_panel_row_count(&rows, p);  aex_panel_series_count(&series, p);
**            (the dataset's size is computed, never restated here: it grows with new
**            citations; Sources/AutoExports/Data/Reference/README.md lists what it holds)
**
**  @help Add every row of the embedded, cited reference dataset to a panel.
**  @example NULL
**  @flags thread_safe
**  @param panel the panel to add to
*/
AEX_API int32_t AEX_CALL aex_panel_load_reference(aex_panel *panel);

/** Add n observations of one series from arrays (the caller's memory is read during
**  the call only; numpy arrays pass without conversion).
**
**  exporter   code or common name ("CHN", "China", "156"), resolved as importers do;
**             an unknown exporter is AEX_E_NOT_FOUND.
**  segment    AEX_SEGMENT_*.
**  metric     "units" or a three-letter currency code ("usd").
**  source, scope  free text; NULL or "" means "unspecified".
**  periods    n period codes (YYYY, YYYYQ, YYYYMM; see Model).
**  values     n values; NaN is a missing value (a row that says "no figure").
**  n          >= 0; 0 adds nothing (the pointers may then be NULL).
**
**  Returns AEX_OK, AEX_E_INVALID_HANDLE, AEX_E_NULL_POINTER, AEX_E_OUT_OF_RANGE (n < 0,
**  a bad period code, named by its index), AEX_E_INVALID_ARGUMENT (unknown segment or
**  metric), AEX_E_NOT_FOUND (unknown exporter),
**  AEX_E_DUPLICATE (a period twice, or already in the panel).  All or nothing: on
**  failure the panel is unchanged.
**
**  Example:  int32_t y[] = {2022, 2023};  double v[] = {3110000, 4910000};
**            aex_panel_add(p, "CHN", AEX_SEGMENT_TOTAL, "units", "CAAM", "all_vehicles", y, v, 2);
**
**  @help Add n observations of one series from arrays (all or nothing).
**  @example NULL CHN total units CAAM all_vehicles 2022,2023 3110000,4910000
**  @flags thread_safe
**  @param panel the panel to add to
**  @param exporter code or common name (CHN, China, 156)
**  @param segment the powertrain segment (AEX_SEGMENT_*)
**  @values segment AEX_SEGMENT_*
**  @default segment 0
**  @param metric units, or a three-letter currency code (usd)
**  @default metric units
**  @param source the statistics body; NULL or empty = unspecified
**  @nullable source
**  @param scope what is counted; NULL or empty = unspecified
**  @nullable scope
**  @param periods period codes YYYY, YYYYQ or YYYYMM
**  @size periods values
**  @param values the values; NaN is missing
*/
AEX_API int32_t AEX_CALL aex_panel_add(aex_panel *panel, const char *exporter, int32_t segment, const char *metric,
                                       const char *source, const char *scope, const int32_t *periods,
                                       const double *values, int64_t n);

/** Number of rows (observations, missing ones included) in the panel.
**
**  @help Number of rows (observations) in a panel.
**  @example NULL
**  @flags thread_safe
**  @param out_rows the number of rows
**  @param panel the panel
*/
AEX_API int32_t AEX_CALL aex_panel_row_count(int64_t *out_rows, const aex_panel *panel);

/** Number of series in the panel.  Series are numbered 0..count-1 in a stable order
**  (exporter, partner with WLD first, segment, metric, source, scope), valid until the
**  panel changes.
**
**  @help Number of series in a panel.
**  @example NULL
**  @flags thread_safe
**  @param out_count the number of series
**  @param panel the panel
*/
AEX_API int32_t AEX_CALL aex_panel_series_count(int64_t *out_count, const aex_panel *panel);

/** Facts of series `series` (0..count-1): its segment (AEX_SEGMENT_*), number of rows,
**  first and last period codes.  Any out-pointer may be NULL if not wanted.
**  Returns AEX_OK, AEX_E_INVALID_HANDLE, AEX_E_OUT_OF_RANGE (bad index).
**
**  @help Segment, row count, first and last period of one series.
**  @example NULL 0
**  @flags thread_safe
**  @param out_segment the segment (AEX_SEGMENT_*)
**  @nullable out_segment
**  @param out_rows the number of rows
**  @nullable out_rows
**  @param out_first_period the first period code
**  @nullable out_first_period
**  @param out_last_period the last period code
**  @nullable out_last_period
**  @param panel the panel
**  @param series the series index, 0 <= series < aex_panel_series_count
*/
AEX_API int32_t AEX_CALL aex_panel_series_info(int32_t *out_segment, int64_t *out_rows, int32_t *out_first_period,
                                               int32_t *out_last_period, const aex_panel *panel, int64_t series);

/** One text field (AEX_FIELD_*) of series `series`, into a caller buffer (see the
**  section's text convention).  AEX_FIELD_PARTNER is the destination the series counts
**  exports to: "WLD" for national totals, else a market's code (aex_panel_add_partner).
**
**  Example:  char buf[64];  int64_t len;
**            aex_panel_series_text(buf, sizeof buf, &len, p, 0, AEX_FIELD_SOURCE);
**
**  @help One text field (AEX_FIELD_*) of one series, into a caller buffer.
**  @example 64 NULL 0 source
**  @flags thread_safe
**  @param out_text receives the text and a NUL
**  @param out_length the text's length in bytes, without the NUL
**  @param panel the panel
**  @param series the series index
**  @param field which field (AEX_FIELD_*)
**  @values field 0=exporter 1=metric 2=source 3=scope 4=exporter_name 6=partner
**  @default field 0
*/
AEX_API int32_t AEX_CALL aex_panel_series_text(char *out_text, int64_t capacity, int64_t *out_length,
                                               const aex_panel *panel, int64_t series, int32_t field);

/** The index of a series.  source and scope may be NULL: then the documented default
**  choice picks one (China: CAAM all vehicles; Japan: JAMA; Germany: VDA passenger cars;
**  Korea: KAMA; Mexico: INEGI light vehicles; ...; scope preference all_vehicles,
**  light_vehicles, passenger_vehicles, passenger_cars, ...).
**  Returns AEX_OK, AEX_E_NOT_FOUND (no such series; the message says what exists),
**  AEX_E_INVALID_HANDLE, AEX_E_NULL_POINTER, AEX_E_INVALID_ARGUMENT.
**
**  @help The index of a series; NULL source and scope use the default choice.
**  @example NULL CHN 0 units NULL NULL
**  @flags thread_safe
**  @param out_series the series index
**  @param panel the panel
**  @param exporter code or common name
**  @param segment the segment (AEX_SEGMENT_*)
**  @values segment AEX_SEGMENT_*
**  @default segment 0
**  @param metric units or a currency code
**  @default metric units
**  @param source the statistics body, or NULL for the default choice
**  @nullable source
**  @param scope what is counted, or NULL for the default choice
**  @nullable scope
*/
AEX_API int32_t AEX_CALL aex_panel_find_series(int64_t *out_series, const aex_panel *panel, const char *exporter,
                                               int32_t segment, const char *metric, const char *source,
                                               const char *scope);

/** The observations of one series, in period order: period codes into `out_periods`
**  (periods_capacity elements) and values (NaN = missing) into `out_values` (capacity
**  elements); *out_count receives the number of observations.  Both arrays NULL with
**  both capacities 0 asks for the count (AEX_OK); a capacity below the count is
**  AEX_E_BUFFER_TOO_SMALL with *out_count set.
**
**  Example:  int64_t n;  aex_panel_series_values(NULL, 0, NULL, 0, &n, p, s);
**            then allocate n of each and call again.
**
**  @help The period codes and values of one series, into caller arrays.
**  @example 8 8 NULL 0
**  @flags thread_safe
**  @param out_periods receives the period codes
**  @param out_values receives the values (NaN = missing)
**  @param out_count the number of observations
**  @param panel the panel
**  @param series the series index
*/
AEX_API int32_t AEX_CALL aex_panel_series_values(int32_t *out_periods, int64_t periods_capacity, double *out_values,
                                                 int64_t capacity, int64_t *out_count, const aex_panel *panel,
                                                 int64_t series);

/** Every row of the panel as three columns, in the panel's order (period, then series):
**  the series index (as in aex_panel_series_*), the period code and the value (NaN =
**  missing).  Each buffer has its own capacity; all NULL with capacities 0 asks for the
**  row count (AEX_OK); a capacity below it is AEX_E_BUFFER_TOO_SMALL with *out_count set.
**
**  Example:  int64_t n;  aex_panel_columns(NULL, 0, NULL, 0, NULL, 0, &n, p);
**
**  @help Every row of a panel as columns: series index, period code, value.
**  @example 1024 1024 1024 NULL
**  @flags thread_safe
**  @param out_series receives each row's series index
**  @param out_periods receives each row's period code
**  @param out_values receives each row's value (NaN = missing)
**  @param out_count the number of rows
**  @param panel the panel
*/
AEX_API int32_t AEX_CALL aex_panel_columns(int32_t *out_series, int64_t series_capacity, int32_t *out_periods,
                                           int64_t periods_capacity, double *out_values, int64_t capacity,
                                           int64_t *out_count, const aex_panel *panel);

/** Add n observations of one series of exports from `exporter` to one destination market
**  `partner` (issue 19, docs/destinations.md): aex_panel_add with a partner.  "WLD" (or
**  NULL, or "World") is exports to the whole world, exactly what aex_panel_add adds; a
**  region ("EU27") is allowed as a partner but never summed with its members.  Read the
**  partner back with aex_panel_series_text(..., AEX_FIELD_PARTNER); find the series with
**  aex_panel_find_series_partner.
**
**  Returns what aex_panel_add returns; AEX_E_NOT_FOUND names the argument (exporter or
**  partner) that is unknown; AEX_E_INVALID_ARGUMENT when partner equals exporter.  All or
**  nothing.  Thread-safe.
**
**  Example:  int32_t y[] = {2022, 2023};  double v[] = {154000, 909000};
**            aex_panel_add_partner(p, "CHN", "RUS", AEX_SEGMENT_TOTAL, "units", "GACC",
**                                  "passenger_cars", y, v, 2);
**
**  @help Add n observations of exports from one exporter to one partner (all or nothing).
**  @example NULL CHN RUS total units CAAM all_vehicles 2022,2023 154000,909000
**  @flags thread_safe
**  @param panel the panel to add to
**  @param exporter code or common name (CHN, China, 156)
**  @param partner the destination (RUS, Russia); NULL or WLD = the world
**  @nullable partner
**  @param segment the powertrain segment (AEX_SEGMENT_*)
**  @values segment AEX_SEGMENT_*
**  @default segment 0
**  @param metric units, or a three-letter currency code (usd)
**  @default metric units
**  @param source the statistics body; NULL or empty = unspecified
**  @nullable source
**  @param scope what is counted; NULL or empty = unspecified
**  @nullable scope
**  @param periods period codes YYYY, YYYYQ or YYYYMM
**  @size periods values
**  @param values the values; NaN is missing
*/
AEX_API int32_t AEX_CALL aex_panel_add_partner(aex_panel *panel, const char *exporter, const char *partner,
                                               int32_t segment, const char *metric, const char *source,
                                               const char *scope, const int32_t *periods, const double *values,
                                               int64_t n);

/** The index of the series of exports from `exporter` to `partner` (NULL or "WLD": the
**  world, as aex_panel_find_series).  source and scope may be NULL: then the default
**  series choice picks one among that partner's series.
**  Returns AEX_OK, AEX_E_NOT_FOUND (unknown exporter or partner, or no such series; the
**  message says what exists), AEX_E_INVALID_HANDLE, AEX_E_NULL_POINTER,
**  AEX_E_INVALID_ARGUMENT.  Thread-safe.
**
**  @help The index of an exporter's series to one partner; NULL source and scope use the default choice.
**  @example NULL CHN RUS 0 units NULL NULL
**  @flags thread_safe
**  @param out_series the series index
**  @param panel the panel
**  @param exporter code or common name
**  @param partner the destination (RUS); NULL or WLD = the world
**  @nullable partner
**  @param segment the segment (AEX_SEGMENT_*)
**  @values segment AEX_SEGMENT_*
**  @default segment 0
**  @param metric units or a currency code
**  @default metric units
**  @param source the statistics body, or NULL for the default choice
**  @nullable source
**  @param scope what is counted, or NULL for the default choice
**  @nullable scope
*/
AEX_API int32_t AEX_CALL aex_panel_find_series_partner(int64_t *out_series, const aex_panel *panel,
                                                       const char *exporter, const char *partner, int32_t segment,
                                                       const char *metric, const char *source, const char *scope);

/* Import formats (aex_panel_import_*). */
#define AEX_FORMAT_TIDY 0      /* one observation per row: exporter, period, [segment], metric, value, [source], [scope], [citation] */
#define AEX_FORMAT_WIDE 1      /* one row per exporter, one column per period; metric, segment, source, scope from the options */
#define AEX_FORMAT_COMTRADE 2  /* UN Comtrade data API CSV: HS 8703 exports to the world, by powertrain */

/* Import policies. */
#define AEX_POLICY_STRICT 0    /* the first bad row fails the import; nothing is loaded */
#define AEX_POLICY_LENIENT 1   /* valid rows load; bad rows come back as rejections */

/* Rejection reasons (aex_rejections_get).  AEX_REJECT_EMPTY_INPUT, _MISSING_COLUMN,
** _DUPLICATE_COLUMN, _RECORD_TOO_LONG, _READ_FAILURE and any problem in the header line
** refuse the whole input under either policy; AEX_REJECT_NO_DATA_ROWS does under the
** strict policy (the lenient one loads nothing and lists it, a note that is not a row). */
#define AEX_REJECT_EMPTY_INPUT 1        /* no bytes, or only a byte-order mark and blank lines */
#define AEX_REJECT_NO_DATA_ROWS 2       /* a header and no data rows */
#define AEX_REJECT_MISSING_COLUMN 3     /* a required column is absent (tidy: exporter, period, metric, value) */
#define AEX_REJECT_DUPLICATE_COLUMN 4   /* the header names a column twice */
#define AEX_REJECT_UNTERMINATED_QUOTE 5 /* a quoted field is never closed (it runs to the end of the input) */
#define AEX_REJECT_BAD_QUOTE 6          /* a quote inside an unquoted field, or text after a closing quote */
#define AEX_REJECT_COLUMN_COUNT 7       /* more or fewer fields than the header */
#define AEX_REJECT_INVALID_UTF8 8       /* bytes that are not UTF-8 */
#define AEX_REJECT_BYTE_ORDER_MARK 9    /* a byte-order mark anywhere but at the very start */
#define AEX_REJECT_CONTROL_CHARACTER 10 /* NUL or another control character (tab, CR, LF are allowed) */
#define AEX_REJECT_FIELD_TOO_LONG 11    /* a field above 1 MiB */
#define AEX_REJECT_RECORD_TOO_LONG 12   /* no line end within 64 MiB */
#define AEX_REJECT_BAD_NUMBER 13        /* the value is not a number */
#define AEX_REJECT_BAD_PERIOD 14        /* the period is not 2023, 2023-Q1 or 2023-03 */
#define AEX_REJECT_UNKNOWN_EXPORTER 15  /* not a known code, English name or UN M49 number */
#define AEX_REJECT_BAD_SEGMENT 16       /* not total, bev, phev, fcev, hev, ice, other, nev, plugin, conventional */
#define AEX_REJECT_BAD_METRIC 17        /* not units or a three-letter currency code */
#define AEX_REJECT_EMPTY_FIELD 18       /* exporter, period or metric is empty */
#define AEX_REJECT_DUPLICATE 19         /* the same (series, period) again, in the input or already in the panel */
#define AEX_REJECT_BAD_FIELD 20         /* a field the format needs is malformed (Comtrade partnerCode) */
#define AEX_REJECT_READ_FAILURE 21      /* the file could not be read */

/* Import flags (aex_import_options.flags). */
#define AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS 1 /* keep an exporter that is not a known code, name or M49 number as a code of its own (uppercased) instead of rejecting the row */

/* Export formats (aex_panel_export). */
#define AEX_EXPORT_CSV 0       /* tidy CSV; imports back to the same panel, values bit for bit */
#define AEX_EXPORT_JSON 1      /* {"series":[{"exporter":…,"observations":[{"period":…,"value":…}]}]} */
#define AEX_EXPORT_MARKDOWN 2  /* a Markdown table, one row per observation */

/* Export flags. */
#define AEX_EXPORT_NO_FORMULA_ESCAPE 1 /* CSV: do not prefix cells beginning with = + - @ tab CR with an apostrophe */

/** An opaque list of rejected rows with the counts of an import.  Made by the importers,
**  released by aex_rejections_free.  Immutable: may be read from several threads. */
typedef struct aex_rejections aex_rejections;

/** Options of the importers.  Initialise with AEX_IMPORT_OPTIONS_INIT or
**  aex_import_options_init (both set `size` and every default; every options struct has
**  this pair), then set fields.  The strings are read during the import call only.
**  Hosts that call through the registry may pass NULL for the defaults.
**
**      aex_import_options o = AEX_IMPORT_OPTIONS_INIT;
**      o.metric = "usd";  o.source = "ITC";
*/
typedef struct aex_import_options {
    int64_t size;           /* sizeof(aex_import_options); set by AEX_IMPORT_OPTIONS_INIT */
    int32_t segment;        /* wide: AEX_SEGMENT_* of every cell (default AEX_SEGMENT_TOTAL) */
    int32_t threads;        /* 0: one per online CPU (default); 1: the calling thread only; k: at most k */
    const char *metric;     /* wide: "units" (default, NULL) or a currency code such as "usd" */
    const char *source;     /* wide: default "unspecified"; Comtrade: default "Comtrade" (NULL) */
    const char *scope;      /* wide: default "unspecified"; Comtrade: default "hs8703_passenger_cars" (NULL) */
    int64_t max_rejections; /* rejections kept in the list (default 1000); the counts are always exact */
    int32_t flags;          /* AEX_IMPORT_* bits (default 0) */
    int32_t reserved;       /* 0 */
    /* Added later: a caller built against an older header passes a `size` that ends at
    ** offsetof(aex_import_options, delimiter) and gets the defaults of these.  CSV as
    ** spreadsheets save it; NULL = detect / default: */
    const char *delimiter;  /* ",", ";", "\t" or "|"; NULL: from the header line (a comma, else ";" or tab) */
    const char *decimal;    /* "." or ","; NULL: "." with comma-delimited fields, else told from the numbers
                               (the import fails with AEX_REJECT_BAD_NUMBER when they cannot tell) */
    const char *thousands;  /* one character (UTF-8) such as ".", ",", "'", " ", "\xC2\xA0"; "" none; NULL: any
                               of those (and U+202F) between groups of three digits, except the decimal one */
    const char *encoding;   /* "utf-8" (NULL), "cp1252" (Windows-1252) or "latin-1" */
    const char *na_values;  /* missing-value spellings separated by "\n"; NULL: NA, N/A, n/a, #N/A, -, .., …;
                               "" none (a blank cell is always missing) */
} aex_import_options;

/** The defaults: segment total, every CPU, default metric, source and scope, 1000 kept
**  rejections. */
#define AEX_IMPORT_OPTIONS_INIT {(int64_t)sizeof(aex_import_options), AEX_SEGMENT_TOTAL, 0, NULL, NULL, NULL, 1000, 0, 0, NULL, NULL, NULL, NULL, NULL}

/** Fill `options` with the defaults of AEX_IMPORT_OPTIONS_INIT (and its size).  NULL is
**  accepted and does nothing (AEX_OK), so that generic hosts may call it without a
**  struct.  Thread-safe.
**
**  Example:  aex_import_options o;  aex_import_options_init(&o);  o.metric = "usd";
**
**  @help Fill an import options struct with the defaults of AEX_IMPORT_OPTIONS_INIT.
**  @example NULL
**  @param options the struct to fill, or NULL (nothing to do)
**  @nullable options
*/
AEX_API int32_t AEX_CALL aex_import_options_init(aex_import_options *options);

/** Import a CSV file into `panel`: its rows are added to the panel's (all or nothing
**  under AEX_POLICY_STRICT).
**
**  out_rejections  receives a new rejection list, to free with aex_rejections_free, or
**             may be NULL when not wanted.  It is set whenever the input was read — on
**             success, and on a failure caused by the data (then it holds that
**             rejection) — and set to NULL otherwise.
**  panel      the panel to add to.
**  path       the file's path (UTF-8).  Read block by block: memory stays near the size
**             of the panel whatever the file's size.
**  format     AEX_FORMAT_*;  policy  AEX_POLICY_*.
**  options    NULL for the defaults, else initialised with AEX_IMPORT_OPTIONS_INIT.
**
**  Input: UTF-8 with or without a byte-order mark (or the options' encoding), LF or CRLF,
**  RFC 4180 quoting, a comma between fields (or ";" / tab, told from the header line); a
**  blank value or a missing-value spelling (options->na_values) is missing; numbers as
**  spreadsheets write them ("4,910,000"; with ";" also "4.910.000" and "0,25") are
**  accepted.  A file in another form (";", decimal comma, another encoding) is read
**  whole into memory and rewritten before the import.
**
**  Returns AEX_OK (lenient: also when rows were rejected, and for a header without data
**  rows, which the list then reports as AEX_REJECT_NO_DATA_ROWS), AEX_E_PARSE (strict: a
**  bad row or no data rows; either policy: a bad header, an empty file), AEX_E_DUPLICATE
**  (strict: a repeated series and period), AEX_E_IO (the file cannot be opened or read),
**  AEX_E_OUT_OF_MEMORY (the panel would not fit in memory: convention 11; no rejection
**  list), AEX_E_INVALID_HANDLE, AEX_E_NULL_POINTER, AEX_E_INVALID_ARGUMENT.  The message names
**  the line, column and reason: "line 3, column 4 (value): \"abc\" is not a number".
**  On failure the panel is unchanged.  Thread-safe (calls on one panel are serialised).
**
**  Example:  aex_rejections *r = NULL;
**            if (aex_panel_import_file(&r, p, "exports.csv", AEX_FORMAT_TIDY, AEX_POLICY_LENIENT, NULL) == AEX_OK)
**                { int64_t n; aex_rejections_count(&n, r); ... }
**            aex_rejections_free(r);
**
**  @help Import a CSV file (tidy, wide or UN Comtrade) into a panel.
**  @example NULL Tests/fixtures/malformed/non_numeric_value.csv tidy lenient NULL
**  @flags thread_safe
**  @param out_rejections the rejected rows and counts; free with aex_rejections_free
**  @nullable out_rejections
**  @param panel the panel to add to
**  @param path the file's path
**  @param format the layout (AEX_FORMAT_*)
**  @values format AEX_FORMAT_*
**  @default format 0
**  @param policy strict or lenient (AEX_POLICY_*)
**  @values policy AEX_POLICY_*
**  @default policy 0
**  @param options NULL for the defaults
**  @nullable options
*/
AEX_API int32_t AEX_CALL aex_panel_import_file(aex_rejections **out_rejections, aex_panel *panel, const char *path,
                                               int32_t format, int32_t policy, const aex_import_options *options);

/** Import CSV text from memory: `length` bytes at `data` (not NUL-terminated; may hold
**  any bytes — malformed input is reported, never a crash).  Otherwise as
**  aex_panel_import_file (AEX_E_IO does not occur).
**
**  @help Import CSV text from memory into a panel.
**  @example NULL exporter,period,metric,value 28 tidy lenient NULL
**  @flags thread_safe
**  @param out_rejections the rejected rows and counts; free with aex_rejections_free
**  @nullable out_rejections
**  @param panel the panel to add to
**  @param data the CSV bytes (not NUL-terminated)
**  @param length the number of bytes of data
**  @param format the layout (AEX_FORMAT_*)
**  @values format AEX_FORMAT_*
**  @default format 0
**  @param policy strict or lenient (AEX_POLICY_*)
**  @values policy AEX_POLICY_*
**  @default policy 0
**  @param options NULL for the defaults
**  @nullable options
*/
AEX_API int32_t AEX_CALL aex_panel_import_buffer(aex_rejections **out_rejections, aex_panel *panel, const char *data,
                                                 int64_t length, int32_t format, int32_t policy,
                                                 const aex_import_options *options);

/** Release a rejection list.  NULL is a no-op; a freed or foreign handle is
**  AEX_E_INVALID_HANDLE.
**
**  @help Release a rejection list (NULL is a no-op).
**  @example NULL
**  @flags thread_safe
**  @param rejections the list to release
**  @nullable rejections
*/
AEX_API int32_t AEX_CALL aex_rejections_free(aex_rejections *rejections);

/** The counts of the import: data rows read, loaded, rejected and skipped (UN Comtrade
**  rows of imports, other partners or other commodities).  read = loaded + rejected +
**  skipped, always.  Any out-pointer may be NULL.
**
**  @help Rows read, loaded, rejected and skipped by an import.
**  @example NULL
**  @flags thread_safe
**  @param out_read data rows read
**  @nullable out_read
**  @param out_loaded rows loaded
**  @nullable out_loaded
**  @param out_rejected rows rejected
**  @nullable out_rejected
**  @param out_skipped rows skipped by design
**  @nullable out_skipped
**  @param rejections the list
*/
AEX_API int32_t AEX_CALL aex_rejections_summary(int64_t *out_read, int64_t *out_loaded, int64_t *out_rejected,
                                               int64_t *out_skipped, const aex_rejections *rejections);

/** Number of rejections kept in the list (at most the options' max_rejections).
**
**  @help Number of rejections kept in a list.
**  @example NULL
**  @flags thread_safe
**  @param out_count the number of rejections
**  @param rejections the list
*/
AEX_API int32_t AEX_CALL aex_rejections_count(int64_t *out_count, const aex_rejections *rejections);

/** Where and why row `index` (0..count-1) was rejected: the 1-based line and column
**  (field number) and the reason (AEX_REJECT_*).  Any out-pointer may be NULL.
**
**  @help Line, column and reason (AEX_REJECT_*) of one rejection.
**  @example NULL 0
**  @flags thread_safe
**  @param out_line the 1-based line
**  @nullable out_line
**  @param out_column the 1-based column (field number)
**  @nullable out_column
**  @param out_reason the reason (AEX_REJECT_*)
**  @nullable out_reason
**  @param rejections the list
**  @param index 0 <= index < aex_rejections_count
*/
AEX_API int32_t AEX_CALL aex_rejections_get(int64_t *out_line, int64_t *out_column, int32_t *out_reason,
                                            const aex_rejections *rejections, int64_t index);

/** The message of rejection `index`, e.g. "line 3, column 4 (value): \"abc\" is not a
**  number", into a caller buffer (see the section's text convention).
**
**  @help The message of one rejection, into a caller buffer.
**  @example 128 NULL 0
**  @flags thread_safe
**  @param out_text receives the message and a NUL
**  @param out_length the message's length in bytes, without the NUL
**  @param rejections the list
**  @param index 0 <= index < aex_rejections_count
*/
AEX_API int32_t AEX_CALL aex_rejections_message(char *out_text, int64_t capacity, int64_t *out_length,
                                                const aex_rejections *rejections, int64_t index);

/** Write the panel as text (AEX_EXPORT_*) into a caller buffer (see the section's text
**  convention: NULL with capacity 0 asks for the length).
**
**  CSV is tidy: exporter, period, segment, metric, value, source, scope, citation; values
**  in their shortest round-trip form, so importing it gives the same panel bit for bit.
**  Cells that begin with = + - @ tab or CR get a leading apostrophe against formula
**  injection in spreadsheets, unless flags has AEX_EXPORT_NO_FORMULA_ESCAPE; the tidy
**  importer removes that apostrophe again.
**
**  The text is formatted once for a size query and the copy that follows (until the
**  panel changes).  Returns AEX_OK, AEX_E_BUFFER_TOO_SMALL (*out_length = the length
**  needed), AEX_E_INVALID_HANDLE, AEX_E_INVALID_ARGUMENT (unknown format or flags),
**  AEX_E_NULL_POINTER, AEX_E_OUT_OF_MEMORY (the text would not fit in memory).
**
**  Example:  int64_t n;  aex_panel_export(NULL, 0, &n, p, AEX_EXPORT_CSV, 0);
**            char *buf = malloc(n + 1);  aex_panel_export(buf, n + 1, &n, p, AEX_EXPORT_CSV, 0);
**
**  @help Write a panel as tidy CSV, JSON or a Markdown table into a caller buffer.
**  @example 1048576 NULL csv 0
**  @flags thread_safe
**  @param out_text receives the text and a NUL
**  @param out_length the text's length in bytes, without the NUL
**  @param panel the panel
**  @param format the layout (AEX_EXPORT_*)
**  @values format 0=csv 1=json 2=markdown
**  @default format 0
**  @param flags AEX_EXPORT_NO_FORMULA_ESCAPE or 0
**  @default flags 0
*/
AEX_API int32_t AEX_CALL aex_panel_export(char *out_text, int64_t capacity, int64_t *out_length, const aex_panel *panel,
                                          int32_t format, int32_t flags);

/* ====================================================================================
** League tables
**
** A league table (aex_league_table) ranks the exporters of a panel (section "Data") in one
** period by a basis, largest first:
**
**   basis                    score of exporter e in period t
**   AEX_BASIS_VALUE          the metric's value v(t) for the segment (units, usd, ...)
**   AEX_BASIS_SHARE          v(t) / the sum of v(t) over the ranked exporters
**   AEX_BASIS_SHARE_OF       v(t) / the value of a reference aggregate ("WLD")
**   AEX_BASIS_SEGMENT_SHARE  v(t) / the total of the same series family (NEV share)
**   AEX_BASIS_YOY            v(t) - v(t-1), within one series
**   AEX_BASIS_YOY_PCT        v(t) / v(t-1) - 1, a fraction
**
** Each exporter is represented by one series, chosen as the data section documents
** (scope, then source preference); aggregates (WLD, EU27) are not ranked unless named in
** `exporters`.  When the chosen series has no figure in the period, another series of the
** exporter stands in and a warning says so.  Each row carries the rank (ties by `method`,
** listed by exporter code), the exporter, its value, score, share (of the ranked sum, or
** of the reference for SHARE_OF), the previous period's value and rank, and the series'
** source, scope and citation.  Warnings name what the reader must know: series of
** different scopes ranked together (Germany's passenger cars against China's all
** vehicles), stand-in series, exporters left out for lack of data, a missing reference.
**
** Lifecycle: aex_league_table_create computes the table from the panel's current rows;
** the table is then immutable (it does not follow later changes of the panel), may be read
** from several threads at once, and is released with aex_league_table_free.  Handles are
** checked as in section "Data" (AEX_E_INVALID_HANDLE, never a crash).  Text results use
** the caller-buffer convention of section "Data" (size query with NULL and capacity 0).
** ==================================================================================== */

/** An opaque league table handle.  Made by aex_league_table_create, released by
**  aex_league_table_free. */
typedef struct aex_league_table aex_league_table;

#define AEX_BASIS_VALUE 0
#define AEX_BASIS_SHARE 1
#define AEX_BASIS_SHARE_OF 2
#define AEX_BASIS_SEGMENT_SHARE 3
#define AEX_BASIS_YOY 4
#define AEX_BASIS_YOY_PCT 5

/* The text fields of a league-table row (aex_league_table_row_text): AEX_FIELD_EXPORTER,
** AEX_FIELD_SOURCE, AEX_FIELD_SCOPE, AEX_FIELD_EXPORTER_NAME and AEX_FIELD_CITATION of
** section "Data". */

/** Rank the exporters of `panel` in `period`.
**
**  out_table  receives the new table; free it with aex_league_table_free.
**  panel      the panel (read, not changed).  Derived segments (conventional = total -
**             nev, ...) are filled in first, as the command-line tool does.
**  period     the period code (YYYY, YYYYQ, YYYYMM; section "Model"); its granularity picks
**             the series.
**  metric     "units" or a currency code ("usd").
**  segment    AEX_SEGMENT_*.
**  basis      AEX_BASIS_*.
**  reference  the aggregate of AEX_BASIS_SHARE_OF ("WLD"); must be NULL otherwise.
**  top        keep the rows ranked `top` or better (ties at the cut are all kept);
**             0 = every row; < 0 is AEX_E_OUT_OF_RANGE.
**  method     AEX_RANK_* (league tables usually use AEX_RANK_COMPETITION: RANK.EQ).
**  exporters  NULL for every exporter with data, or a comma-separated list of codes or
**             names ("CHN,JPN,Germany"); an unknown name is AEX_E_NOT_FOUND.
**
**  Returns AEX_OK; AEX_E_NULL_POINTER (out_table, metric); AEX_E_INVALID_HANDLE (panel);
**  AEX_E_PARSE (period code, metric); AEX_E_INVALID_ARGUMENT (unknown segment, basis,
**  method; a reference without SHARE_OF or SHARE_OF without one; a segment share of the
**  total); AEX_E_NOT_FOUND (no series for the metric and segment, no data in the period,
**  an unknown exporter); AEX_E_OUT_OF_RANGE (top < 0).  Thread-safe.
**
**  Example: on the reference panel, period 2024, "units", AEX_SEGMENT_TOTAL,
**  AEX_BASIS_VALUE, NULL, 0, AEX_RANK_COMPETITION, NULL  ->  rows CHN (5.859M, CAAM,
**  all_vehicles), JPN, MEX, DEU (Destatis standing in for VDA), KOR, ESP, GBR; warnings:
**  mixed scopes, the stand-in series, THA not ranked.  (Checked by
**  Tests/python/test_contract.py, as are the other examples with reference data.)
**
**  @help Rank the exporters of a panel in one period by a basis (value, share, YoY, ...).
**  @example NULL 2024 units 0 0 NULL 0 0 NULL
**  @flags thread_safe
**  @param out_table the new table; free it with aex_league_table_free
**  @param panel the panel to rank
**  @param period the period code (YYYY, YYYYQ, YYYYMM)
**  @param metric units, or a currency code (usd)
**  @default metric units
**  @param segment the powertrain segment (AEX_SEGMENT_*)
**  @values segment AEX_SEGMENT_*
**  @default segment 0
**  @param basis what to rank by (AEX_BASIS_*)
**  @values basis AEX_BASIS_*
**  @default basis 0
**  @param reference the aggregate of share_of (WLD); NULL otherwise
**  @default reference NULL
**  @nullable reference
**  @param top keep ranks up to top (ties kept); 0 = every row
**  @range top 0..9223372036854775808
**  @default top 0
**  @param method how ties share ranks (AEX_RANK_*)
**  @values method AEX_RANK_*
**  @default method 0
**  @param exporters comma-separated codes or names; NULL = every exporter
**  @default exporters NULL
**  @nullable exporters
*/
AEX_API int32_t AEX_CALL aex_league_table_create(aex_league_table **out_table, const aex_panel *panel, int32_t period,
                                                 const char *metric, int32_t segment, int32_t basis,
                                                 const char *reference, int64_t top, int32_t method,
                                                 const char *exporters);

/** Rank the destination markets of one exporter in `period` ("China's top markets in
**  2023"): a league table whose rows are `exporter`'s partners (the series added with
**  aex_panel_add_partner or imported with a partner column; one series per partner by the
**  default series choice; regions left out, never summed with their members), read with
**  the same functions as aex_league_table_create's (AEX_FIELD_EXPORTER of a row is the
**  market's code).  The warnings say where the markets' figures count different things
**  (China's customs passenger cars to Russia against CAAM's all vehicles elsewhere).
**
**  basis      AEX_BASIS_* as in aex_league_table_create: AEX_BASIS_SHARE is the share of
**             the ranked markets' sum, AEX_BASIS_SHARE_OF the share of the exporter's own
**             total (its WLD series; no reference argument is needed).  A warning
**             (partial coverage) says how many markets the data cover and how much of the
**             total they account for.
**  The other arguments are those of aex_league_table_create.
**
**  Returns AEX_OK; AEX_E_NULL_POINTER; AEX_E_INVALID_HANDLE; AEX_E_PARSE (period, metric);
**  AEX_E_INVALID_ARGUMENT (segment, basis, method); AEX_E_NOT_FOUND (unknown exporter, no
**  market of that exporter with data in the period, no total for SHARE_OF);
**  AEX_E_OUT_OF_RANGE (top < 0).
**  Thread-safe.
**
**  Example:  aex_league_table_markets(&t, p, "CHN", 2023, "units", AEX_SEGMENT_TOTAL,
**            AEX_BASIS_VALUE, 5, AEX_RANK_COMPETITION)  ->  China's five largest markets.
**
**  @help Rank an exporter's destination markets in one period (a league table of partners).
**  @example NULL CHN 2023 units 0 0 0 0
**  @flags thread_safe
**  @param out_table the new table; free it with aex_league_table_free
**  @param panel the panel to rank
**  @param exporter whose markets, code or name (CHN)
**  @param period the period code (YYYY, YYYYQ, YYYYMM)
**  @param metric units, or a currency code (usd)
**  @default metric units
**  @param segment the powertrain segment (AEX_SEGMENT_*)
**  @values segment AEX_SEGMENT_*
**  @default segment 0
**  @param basis what to rank by (AEX_BASIS_*; SHARE_OF = of the exporter's total)
**  @values basis AEX_BASIS_*
**  @default basis 0
**  @param top keep ranks up to top (ties kept); 0 = every row
**  @range top 0..9223372036854775808
**  @default top 0
**  @param method how ties share ranks (AEX_RANK_*)
**  @values method AEX_RANK_*
**  @default method 0
*/
AEX_API int32_t AEX_CALL aex_league_table_markets(aex_league_table **out_table, const aex_panel *panel,
                                                  const char *exporter, int32_t period, const char *metric,
                                                  int32_t segment, int32_t basis, int64_t top, int32_t method);

/** Release a league table.  NULL is a no-op (AEX_OK); a freed or foreign handle is
**  AEX_E_INVALID_HANDLE.
**
**  @help Release a league table (NULL is a no-op).
**  @example NULL
**  @flags thread_safe
**  @param table the table to release
**  @nullable table
*/
AEX_API int32_t AEX_CALL aex_league_table_free(aex_league_table *table);

/** The number of rows (after the top-N cut) and of exporters ranked (before it).
**  Either output may be NULL.  Returns AEX_OK or AEX_E_INVALID_HANDLE.
**
**  @help The number of rows (after the top-N cut) and of exporters ranked.
**  @example NULL
**  @flags thread_safe
**  @param out_rows rows in the table
**  @nullable out_rows
**  @param out_ranked exporters ranked before the cut
**  @nullable out_ranked
**  @param table the table
*/
AEX_API int32_t AEX_CALL aex_league_table_size(int64_t *out_rows, int64_t *out_ranked, const aex_league_table *table);

/** The numbers of row `row` (0 <= row < rows, in rank order).  Any output may be NULL.
**  Missing previous figures (the exporter was not ranked, or the series has no figure in
**  the previous period) are NaN.
**
**  out_rank            the rank (1 = first; ties share a rank under COMPETITION).
**  out_value           the metric's value in the period.
**  out_score           what the table ranks by (equals out_value for AEX_BASIS_VALUE).
**  out_share           value / the ranked sum (SHARE_OF: / the reference's value).
**  out_previous_value  the same series' value in the previous period.
**  out_previous_rank   the exporter's rank in the previous period by the same basis;
**                      previous rank - rank is the move (positive = up).
**
**  Returns AEX_OK, AEX_E_INVALID_HANDLE, AEX_E_OUT_OF_RANGE (row).  Thread-safe.
**
**  @help Rank, value, score, share, previous value and previous rank of one row.
**  @example NULL 0
**  @flags thread_safe
**  @param out_rank the rank
**  @nullable out_rank
**  @param out_value the metric's value
**  @nullable out_value
**  @param out_score what the table ranks by
**  @nullable out_score
**  @param out_share value / the ranked sum (or the reference)
**  @nullable out_share
**  @param out_previous_value the previous period's value (NaN if none)
**  @nullable out_previous_value
**  @param out_previous_rank the previous period's rank (NaN if none)
**  @nullable out_previous_rank
**  @param table the table
**  @param row the row, 0 <= row < rows
*/
AEX_API int32_t AEX_CALL aex_league_table_row(double *out_rank, double *out_value, double *out_score, double *out_share,
                                              double *out_previous_value, double *out_previous_rank,
                                              const aex_league_table *table, int64_t row);

/** One text field of row `row` into a caller buffer (see section "Data" for the
**  out_text / capacity / out_length convention): AEX_FIELD_EXPORTER ("CHN"),
**  AEX_FIELD_EXPORTER_NAME ("China"), AEX_FIELD_SOURCE ("CAAM"), AEX_FIELD_SCOPE
**  ("all_vehicles") or AEX_FIELD_CITATION.  Returns AEX_OK, AEX_E_BUFFER_TOO_SMALL,
**  AEX_E_NULL_POINTER, AEX_E_INVALID_HANDLE, AEX_E_OUT_OF_RANGE (row, capacity),
**  AEX_E_INVALID_ARGUMENT (field).
**
**  @help One text field (exporter, name, source, scope, citation) of one row.
**  @example 64 NULL 0 exporter
**  @flags thread_safe
**  @param out_text receives the text and a NUL
**  @param out_length the text's length in bytes, without the NUL
**  @param table the table
**  @param row the row
**  @param field which field (AEX_FIELD_*)
**  @values field 0=exporter 2=source 3=scope 4=exporter_name 5=citation
**  @default field 0
*/
AEX_API int32_t AEX_CALL aex_league_table_row_text(char *out_text, int64_t capacity, int64_t *out_length,
                                                   const aex_league_table *table, int64_t row, int32_t field);

/** The number of warnings.  Returns AEX_OK or AEX_E_INVALID_HANDLE.
**
**  @help The number of warnings of a league table.
**  @example NULL
**  @flags thread_safe
**  @param out_count the number of warnings
**  @param table the table
*/
AEX_API int32_t AEX_CALL aex_league_table_warning_count(int64_t *out_count, const aex_league_table *table);

/** Warning `index` as one English sentence, into a caller buffer (convention of section
**  "Data").  Example: "the ranked series count different things: all vehicles (CHN, JPN,
**  KOR); passenger cars (DEU) — a comparison across scopes is not like for like".
**
**  @help One warning of a league table as a sentence.
**  @example 256 NULL 0
**  @flags thread_safe
**  @param out_text receives the text and a NUL
**  @param out_length the text's length in bytes, without the NUL
**  @param table the table
**  @param index the warning, 0 <= index < count
*/
AEX_API int32_t AEX_CALL aex_league_table_warning_text(char *out_text, int64_t capacity, int64_t *out_length,
                                                       const aex_league_table *table, int64_t index);

/** The whole table as compact JSON into a caller buffer (convention of section "Data"):
**  {"period","previous_period","metric","segment","basis","method","ranked","total",
**   "rows":[{"rank","exporter","name","value","score","share","previous_value","change",
**   "change_percent","previous_rank","rank_change","source","scope","citation"}],
**   "warnings":[{"kind","message","exporters"}]}; missing numbers are null.
**
**  @help The whole league table as JSON.
**  @example 4096 NULL
**  @flags thread_safe
**  @param out_text receives the JSON and a NUL
**  @param out_length the JSON's length in bytes, without the NUL
**  @param table the table
*/
AEX_API int32_t AEX_CALL aex_league_table_json(char *out_text, int64_t capacity, int64_t *out_length,
                                               const aex_league_table *table);

/* ====================================================================================
** Milestones
**
** Overtakes (docs/design.md §4).  Entity A overtakes B in period t when, in the last period
** before t in which the two were strictly ordered, A was behind, and in t A is strictly
** ahead: ties in between do not change the order.  A missing value (NaN) breaks every
** comparison of that entity: after a gap its order against another entity is known
** again only once the two have been strictly ordered, so a series that starts, ends or
** skips a period never makes an overtake on its own.  Flags change the rule:
**
**   AEX_OVERTAKES_BRIDGE_GAPS  carry a pair's comparison across periods in which either
**                              is missing; such events have AEX_OVERTAKE_BRIDGED set.
**   AEX_OVERTAKES_ADJACENT     both strictly ordered in t-1 and in t, in opposite
**                              orders (a tie in either period is no overtake): what a
**                              plain consecutive-period self-join counts.  Cannot be
**                              combined with AEX_OVERTAKES_BRIDGE_GAPS.
**
** Input: a periods × entities matrix of n doubles, row-major: values[t * n_entities + e]
** is entity e in period t; consecutive rows are consecutive periods; NaN is missing; -0.0
** equals 0.0; ±inf are ordinary values.  n must be a multiple of n_entities.
**
** The events between two periods are the inversions between the two orderings; they are
** found without comparing all pairs, in O(n_entities + k) per period for k events (or
** O(n_entities log n_entities) when counting a period whose order changes a lot), with
** chunks of periods on `threads` threads (0: one per online CPU).  Results do not depend
** on the number of threads.  Temporary memory: O(n_entities) per thread (plus
** O(n_entities log n_entities) when ties need their history).
** ==================================================================================== */

#define AEX_OVERTAKES_BRIDGE_GAPS 1
#define AEX_OVERTAKES_ADJACENT 2

/* Fields of one event record written by aex_overtakes_find, in this order. */
#define AEX_OVERTAKE_FIELDS 5
#define AEX_OVERTAKE_PERIOD 0   /* t: the row in which the subject is ahead */
#define AEX_OVERTAKE_SUBJECT 1  /* the entity (column) that moved ahead */
#define AEX_OVERTAKE_RIVAL 2    /* the entity it passed */
#define AEX_OVERTAKE_SINCE 3    /* the last row before t in which the two were strictly
                                   ordered (rival ahead); t-1 under AEX_OVERTAKES_ADJACENT */
#define AEX_OVERTAKE_FLAGS 4    /* AEX_OVERTAKE_BRIDGED or 0 */

#define AEX_OVERTAKE_BRIDGED 1  /* a period between SINCE and PERIOD lacked either value */

/** Count the overtakes between consecutive periods of a matrix.
**
**  out_count   receives the number of (period, subject, rival) overtakes.
**  values, n   the matrix, n = periods × n_entities doubles (see the section comment);
**              n == 0 succeeds with a count of 0 (values may then be NULL).
**  n_entities  columns per period, >= 0 (> 0 when n > 0), at most 2^31 - 1, as are
**              the periods.
**  flags       0 or AEX_OVERTAKES_* bits.
**  threads     0 for one per online CPU, else at most this many threads (capped at 64).
**
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_OUT_OF_RANGE (n, n_entities or threads
**  negative), AEX_E_INVALID_ARGUMENT (n not a multiple of n_entities, unknown or
**  conflicting flags), AEX_E_TOO_LARGE.  Thread-safe.
**
**  Example: values {1, 3,  2, 2,  4, 1} (3 periods × 2 entities), flags 0 -> 1 (the tie
**  in period 1 keeps B ahead, so A passes B in period 2); with AEX_OVERTAKES_ADJACENT -> 0.
**
**  @help Count the overtakes between consecutive periods of a periods × entities matrix.
**  @example 1,3,2,2,4,1 2 0 1
**  @param out_count the number of (period, subject, rival) overtakes
**  @param values the matrix, row-major: values[t * n_entities + e]; NaN is missing
**  @param n_entities columns (entities) per period
**  @range n_entities 0..2147483647
**  @param flags 0 or AEX_OVERTAKES_BRIDGE_GAPS (1) | AEX_OVERTAKES_ADJACENT (2)
**  @range flags 0..3
**  @default flags 0
**  @param threads threads to use; 0: one per online CPU
**  @range threads 0..2147483647
**  @default threads 0
*/
AEX_API int32_t AEX_CALL aex_overtakes_count(int64_t *out_count, const double *values, int64_t n,
                                             int64_t n_entities, int32_t flags, int32_t threads);

/** Find every overtake between consecutive periods of a matrix, written as records of
**  AEX_OVERTAKE_FIELDS int32_t each (period, subject, rival, since, flags), in period
**  order; within a period in a fixed order that does not depend on `threads`.
**
**  out_events  caller-allocated, `capacity` int32_t elements; needs
**              AEX_OVERTAKE_FIELDS × count.  May be NULL when capacity is 0.
**  capacity    number of int32_t elements of out_events, >= 0.
**  out_count   receives the number of events, also when the buffer is too small.
**  values, n, n_entities, flags, threads   as for aex_overtakes_count.
**
**  Returns what aex_overtakes_count returns, and AEX_E_BUFFER_TOO_SMALL when
**  capacity < AEX_OVERTAKE_FIELDS × count: *out_count then holds the count and the
**  contents of out_events are unspecified; call again with a larger buffer (or size it
**  with aex_overtakes_count first).  Thread-safe.
**
**  Example: values {1, 3,  2, 2,  4, 1}, n_entities 2, flags 0, capacity 5 ->
**  out_count 1, out_events {2, 0, 1, 0, 0}: in period 2 entity 0 passed entity 1, which
**  was last strictly ahead in period 0.
**
**      int64_t k;
**      aex_overtakes_count(&k, values, n, n_entities, 0, 0);
**      int32_t *ev = malloc((size_t)(k * AEX_OVERTAKE_FIELDS) * sizeof *ev);
**      aex_overtakes_find(ev, k * AEX_OVERTAKE_FIELDS, &k, values, n, n_entities, 0, 0);
**
**  @help Find every overtake as records of 5 int32 (period, subject, rival, since, flags).
**  @example 5 1,3,2,2,4,1 2 0 1
**  @param out_events AEX_OVERTAKE_FIELDS int32 per event: period, subject, rival, since,
**      flags
**  @param out_count the number of events (also when the buffer is too small)
**  @param values the matrix, row-major: values[t * n_entities + e]; NaN is missing
**  @param n_entities columns (entities) per period
**  @range n_entities 0..2147483647
**  @param flags 0 or AEX_OVERTAKES_BRIDGE_GAPS (1) | AEX_OVERTAKES_ADJACENT (2)
**  @range flags 0..3
**  @default flags 0
**  @param threads threads to use; 0: one per online CPU
**  @range threads 0..2147483647
**  @default threads 0
*/
AEX_API int32_t AEX_CALL aex_overtakes_find(int32_t *out_events, int64_t capacity, int64_t *out_count,
                                            const double *values, int64_t n, int64_t n_entities, int32_t flags,
                                            int32_t threads);

/* ------------------------------------------------------------------------------------
** Milestones of a panel
**
** aex_milestones_find looks at one metric and segment of a panel, one series per
** exporter (the panel's documented default choice, or options.source / options.scope),
** over consecutive periods, and finds (docs/design.md §4):
**
**   AEX_MILESTONE_OVERTAKE            the subject passed the rival (the rule above); with
**                                     the values at t and at the last strictly ordered
**                                     period, and the crossing point interpolated linearly
**                                     between them ("around 2022.6")
**   AEX_MILESTONE_NEW_LEADER          the sole #1 in t was not #1 in the period before
**   AEX_MILESTONE_FIRST_TIME_LEADER   … and never #1 in any earlier period of the data;
**                                     the sentence says from when the subject's data run
**   AEX_MILESTONE_LEAD_CHANGE         the lead passed from the rival (the last sole #1,
**                                     carried through ties at the top) to the subject
**   AEX_MILESTONE_RECORD_HIGH         above every earlier value of the series
**   AEX_MILESTONE_THRESHOLD_UP/_DOWN  a level crossed between consecutive figures:
**                                     absolute (1M, 2M, 5M, 10M units by default) or a
**                                     share of the total (NEV share 10%, 25%, 50%)
**   AEX_MILESTONE_TOP_ENTRY/_EXIT     into / out of the top N
**   AEX_MILESTONE_GROWTH_STREAK       k consecutive periods of growth
**   AEX_MILESTONE_LEADER_STREAK       k consecutive periods at #1
**
** Coverage is not an event: a change that comes only from a series starting, ending or
** skipping a period is a coverage note (AEX_NOTE_*), never a milestone; a gap breaks a
** comparison unless options.bridge_gaps is 1 (such events have
** AEX_MILESTONE_FLAG_BRIDGED).  Events between series of different scope (all vehicles
** vs passenger cars) have AEX_MILESTONE_FLAG_SCOPE_WARNING and say so.  Every milestone
** renders as one sentence, e.g. "2023: China (4.91M) overtook Japan (4.42M) to become
** the largest vehicle exporter (units; CAAM vs JAMA, all vehicles)".
**
** The result is an immutable handle (aex_milestones), milestones in period order, read
** with typed accessors by index and field, or all at once as JSON; text follows the
** caller-buffer convention of the Data section.
** ------------------------------------------------------------------------------------ */

#define AEX_MILESTONE_OVERTAKE 0
#define AEX_MILESTONE_NEW_LEADER 1
#define AEX_MILESTONE_FIRST_TIME_LEADER 2
#define AEX_MILESTONE_LEAD_CHANGE 3
#define AEX_MILESTONE_RECORD_HIGH 4
#define AEX_MILESTONE_THRESHOLD_UP 5
#define AEX_MILESTONE_THRESHOLD_DOWN 6
#define AEX_MILESTONE_TOP_ENTRY 7
#define AEX_MILESTONE_TOP_EXIT 8
#define AEX_MILESTONE_GROWTH_STREAK 9
#define AEX_MILESTONE_LEADER_STREAK 10
/** The bit of a kind in aex_milestone_options.kinds. */
#define AEX_MILESTONE_KIND_BIT(kind) (1 << (kind))

/* Integer fields (aex_milestones_get_int). */
#define AEX_MILESTONE_INT_KIND 0        /* AEX_MILESTONE_* */
#define AEX_MILESTONE_INT_PERIOD 1      /* period code (see Model) */
#define AEX_MILESTONE_INT_SINCE 2       /* the earlier period it is measured against; AEX_NO_PERIOD: none */
#define AEX_MILESTONE_INT_RANK 3        /* the subject's rank in the period (largest = 1) */
#define AEX_MILESTONE_INT_STREAK 4      /* streaks: k; top N: N; else 0 */
#define AEX_MILESTONE_INT_RUN_LENGTH 5  /* streaks: the whole run's length in the data */
#define AEX_MILESTONE_INT_FLAGS 6       /* AEX_MILESTONE_FLAG_* bits */
#define AEX_MILESTONE_INT_DATA_START 7  /* first period of the subject's series */
#define AEX_MILESTONE_INT_SEGMENT 8     /* AEX_SEGMENT_* */

#define AEX_MILESTONE_FLAG_BRIDGED 1        /* compared across a missing figure */
#define AEX_MILESTONE_FLAG_FIRST_TIME 2     /* first time #1 within the data */
#define AEX_MILESTONE_FLAG_SCOPE_WARNING 4  /* subject and rival series count different things */
#define AEX_MILESTONE_FLAG_SHARE 8          /* a threshold on a share of the total */

/* Number fields (aex_milestones_get_double); NaN where a kind has no such number. */
#define AEX_MILESTONE_NUM_VALUE 0             /* the subject's value (a share: 0..1) */
#define AEX_MILESTONE_NUM_RIVAL_VALUE 1
#define AEX_MILESTONE_NUM_VALUE_SINCE 2       /* the subject's value in SINCE */
#define AEX_MILESTONE_NUM_RIVAL_VALUE_SINCE 3
#define AEX_MILESTONE_NUM_CROSSING 4          /* overtakes: decimal year of the crossing */
#define AEX_MILESTONE_NUM_LEVEL 5             /* thresholds: the level */

/* Text fields (aex_milestones_get_text); "" where there is none. */
#define AEX_MILESTONE_TEXT_SENTENCE 0
#define AEX_MILESTONE_TEXT_SUBJECT 1          /* exporter code, "CHN" */
#define AEX_MILESTONE_TEXT_RIVAL 2
#define AEX_MILESTONE_TEXT_PERIOD 3           /* "2023", "2023-Q1", "2024-01/2024-05" */
#define AEX_MILESTONE_TEXT_KIND 4             /* "overtake", "first_time_leader", ... */
#define AEX_MILESTONE_TEXT_SUBJECT_SOURCE 5
#define AEX_MILESTONE_TEXT_SUBJECT_SCOPE 6
#define AEX_MILESTONE_TEXT_RIVAL_SOURCE 7
#define AEX_MILESTONE_TEXT_RIVAL_SCOPE 8
#define AEX_MILESTONE_TEXT_METRIC 9
#define AEX_MILESTONE_TEXT_SUBJECT_NAME 10    /* "China" */
#define AEX_MILESTONE_TEXT_RIVAL_NAME 11

/* Coverage notes: kinds and fields. */
#define AEX_NOTE_SERIES_STARTS 0
#define AEX_NOTE_SERIES_ENDS 1
#define AEX_NOTE_GAP 2
#define AEX_NOTE_HIDDEN_BY_GAP 3          /* an order change across a gap (not bridged) */
#define AEX_NOTE_RANK_BY_COVERAGE 4       /* #1 or top N only because figures are missing */
#define AEX_NOTE_PENDING_CONFIRMATION 5   /* too recent for options.confirmation */
#define AEX_NOTE_INT_KIND 0
#define AEX_NOTE_INT_PERIOD 1
#define AEX_NOTE_TEXT_SENTENCE 0
#define AEX_NOTE_TEXT_EXPORTER 1
#define AEX_NOTE_TEXT_OTHER 2
#define AEX_NOTE_TEXT_PERIOD 3
#define AEX_NOTE_TEXT_KIND 4

/** What aex_milestones_find looks for.  Always start from AEX_MILESTONE_OPTIONS_INIT or
**  aex_milestone_options_init (the same defaults); then set fields.  Layout (LP64 offsets): size 0, metric 8, segment 16, granularity
**  20, ytd_month 24, kinds 28, margin 32, confirmation 40, top_n 44, pair_top_n 48,
**  streak 52, bridge_gaps 56, include_aggregates 60, exporters 64, source 72, scope 80,
**  levels 88, n_levels 96, share_levels 104, n_share_levels 112, share_segment 120,
**  reserved 124; sizeof 128.  Fields are only appended; `size` tells the library which
**  fields the caller knows.  The strings and arrays are read during the call only. */
typedef struct aex_milestone_options {
    int64_t size;                 /* sizeof(aex_milestone_options), set by _init */
    const char *metric;           /* NULL or "units" (default); or a currency code, "usd" */
    int32_t segment;              /* AEX_SEGMENT_TOTAL */
    int32_t granularity;          /* AEX_GRANULARITY_YEAR; consecutive periods of it */
    int32_t ytd_month;            /* 0; 1..12: year-to-date sums of monthly data, January to
                                     this month, compared year on year */
    int32_t kinds;                /* 0: every kind; else AEX_MILESTONE_KIND_BIT(...) bits
                                     (NEW_LEADER includes first-time leaders) */
    double margin;                /* 0; >= 0: within this relative margin two exporters count
                                     as tied (ties carry the earlier order) */
    int32_t confirmation;         /* 0; an event must still hold in the next k periods */
    int32_t top_n;                /* 3: N of top-N entries and exits */
    int32_t pair_top_n;           /* 0: every pair; N: only overtakes ending in the top N */
    int32_t streak;               /* 3: k of streaks (>= 2) */
    int32_t bridge_gaps;          /* 0; 1: compare across missing figures (flagged) */
    int32_t include_aggregates;   /* 0; 1: aggregates (WLD, EU27) take part */
    const char *exporters;        /* NULL: every exporter; "CHN,JPN,Korea": only these */
    const char *source;           /* NULL: default series choice; "GACC": only this source */
    const char *scope;            /* NULL: default; "all_vehicles": only this scope */
    const double *levels;         /* NULL: 1e6, 2e6, 5e6, 1e7 (units) or 1e10, 5e10, 1e11,
                                     2e11 (currency); else n_levels absolute levels */
    int64_t n_levels;
    const double *share_levels;   /* NULL: 0.10, 0.25, 0.50; else n_share_levels shares */
    int64_t n_share_levels;
    int32_t share_segment;        /* AEX_SEGMENT_NEV: whose share of the total */
    int32_t reserved;             /* 0 */
} aex_milestone_options;

/** The defaults of aex_milestone_options_init as an initialiser:
**      aex_milestone_options o = AEX_MILESTONE_OPTIONS_INIT;  o.margin = 0.05; */
#define AEX_MILESTONE_OPTIONS_INIT {(int64_t)sizeof(aex_milestone_options), NULL, AEX_SEGMENT_TOTAL, \
    AEX_GRANULARITY_YEAR, 0, 0, 0.0, 0, 3, 0, 3, 0, 0, NULL, NULL, NULL, NULL, 0, NULL, 0, AEX_SEGMENT_NEV, 0}

/** A list of milestones and coverage notes.  Made by aex_milestones_find, released by
**  aex_milestones_free.  Immutable: readable from several threads at once. */
typedef struct aex_milestones aex_milestones;

/** Fill `options` with the defaults (and its size).  NULL is accepted and does nothing
**  (AEX_OK), so that generic hosts may call it without a struct.  Thread-safe.
**
**  Example:  aex_milestone_options o;  aex_milestone_options_init(&o);
**            o.kinds = AEX_MILESTONE_KIND_BIT(AEX_MILESTONE_OVERTAKE);  o.margin = 0.05;
**
**  @help Fill a milestone options struct with the defaults (NULL does nothing).
**  @example NULL
**  @param options the struct to fill
**  @nullable options
*/
AEX_API int32_t AEX_CALL aex_milestone_options_init(aex_milestone_options *options);

/** Find the milestones of a panel.
**
**  out_list  receives the new list; free it with aex_milestones_free.
**  panel     the data (aex_panel_load_reference gives the embedded reference data).
**  options   NULL for the defaults, else a struct from aex_milestone_options_init.
**
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_INVALID_HANDLE, AEX_E_INVALID_ARGUMENT (a
**  field out of range or not from _init, named: "options.margin is -1 ..."),
**  AEX_E_OUT_OF_RANGE, AEX_E_UNSUPPORTED (options from a newer header), AEX_E_NOT_FOUND
**  (no series of that metric and segment, an unknown exporter), AEX_E_TOO_LARGE (too
**  many live handles).  Thread-safe.
**
**  Example:
**      aex_panel *p;  aex_panel_create(&p);  aex_panel_load_reference(p);
**      aex_milestones *m;  aex_milestones_find(&m, p, NULL);
**      int64_t n;  aex_milestones_count(&n, m);
**      char s[512];  int64_t len;
**      for (int64_t i = 0; i < n; i++) {
**          aex_milestones_get_text(s, sizeof s, &len, m, i, AEX_MILESTONE_TEXT_SENTENCE);
**          puts(s);   e.g. "2023: China (4.91M) overtook Japan (4.42M) to become ..."
**      }
**      aex_milestones_free(m);  aex_panel_free(p);
**
**  @help Find the milestones (overtakes, leaders, records, thresholds, top-N moves, streaks)
**      of a panel.
**  @example NULL NULL
**  @param out_list the new list; free it with aex_milestones_free
**  @param panel the data
**  @param options NULL for the defaults
**  @nullable options
*/
AEX_API int32_t AEX_CALL aex_milestones_find(aex_milestones **out_list, const aex_panel *panel,
                                             const aex_milestone_options *options);

/** Find the milestones of one exporter's destination markets ("Russia became the largest
**  market for China's vehicle exports in 2023, among the markets with figures"): the
**  markets (partners of `markets_of`, as aex_league_table_markets ranks them) take the
**  place of exporters; coverage rules as in aex_milestones_find (a market without a
**  figure is a gap, never an event), and the sentences say the ranking is among the
**  markets the data cover.  `options` as in aex_milestones_find (options.exporters, when
**  set, names markets).  A function of its own rather than a field of
**  aex_milestone_options: growing that struct would make aex_milestone_options_init write
**  past the end of the struct of a program built against the 1.0 header.
**
**  Returns what aex_milestones_find returns; AEX_E_NOT_FOUND also for an unknown
**  markets_of or an exporter without figures by destination.  Thread-safe.
**
**  Example:  aex_milestones *m;  aex_milestones_find_markets(&m, p, "CHN", NULL);
**
**  @help Find the milestones of an exporter's destination markets (new largest market, overtakes, ...).
**  @example NULL CHN NULL
**  @param out_list the new list; free it with aex_milestones_free
**  @param panel the data
**  @param markets_of whose markets, code or name (CHN)
**  @param options NULL for the defaults
**  @nullable options
*/
AEX_API int32_t AEX_CALL aex_milestones_find_markets(aex_milestones **out_list, const aex_panel *panel,
                                                     const char *markets_of, const aex_milestone_options *options);

/** Release a list.  NULL is a no-op (AEX_OK); a freed or foreign handle is
**  AEX_E_INVALID_HANDLE.
**
**  @help Release a milestone list (NULL is a no-op).
**  @example NULL
**  @flags thread_safe
**  @param list the list to release
**  @nullable list
*/
AEX_API int32_t AEX_CALL aex_milestones_free(aex_milestones *list);

/** Number of milestones in the list.
**
**  @help Number of milestones in a list.
**  @example NULL
**  @param out_count the number of milestones
**  @param list the list
*/
AEX_API int32_t AEX_CALL aex_milestones_count(int64_t *out_count, const aex_milestones *list);

/** One integer field (AEX_MILESTONE_INT_*) of milestone `index` (0..count-1).
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_INVALID_HANDLE, AEX_E_OUT_OF_RANGE (index),
**  AEX_E_INVALID_ARGUMENT (field).  Thread-safe.
**
**  @help One integer field of a milestone (kind, period, rank, flags, ...).
**  @example NULL 0 period
**  @param out_value the value
**  @param list the list
**  @param index the milestone, 0..count-1
**  @param field AEX_MILESTONE_INT_*
**  @values field AEX_MILESTONE_INT_*
*/
AEX_API int32_t AEX_CALL aex_milestones_get_int(int64_t *out_value, const aex_milestones *list, int64_t index,
                                                int32_t field);

/** One number field (AEX_MILESTONE_NUM_*) of milestone `index`; NaN where the kind has
**  none.  Errors as aex_milestones_get_int.
**
**  @help One number of a milestone (values, crossing point, level); NaN if none.
**  @example NULL 0 value
**  @param out_value the value
**  @param list the list
**  @param index the milestone, 0..count-1
**  @param field AEX_MILESTONE_NUM_*
**  @values field AEX_MILESTONE_NUM_*
*/
AEX_API int32_t AEX_CALL aex_milestones_get_double(double *out_value, const aex_milestones *list, int64_t index,
                                                   int32_t field);

/** One text field (AEX_MILESTONE_TEXT_*) of milestone `index` into a caller buffer (the
**  Data section's text convention).  Errors as aex_milestones_get_int, and
**  AEX_E_BUFFER_TOO_SMALL with *out_length set.
**
**  @help One text field of a milestone: the sentence, exporters, sources, scopes.
**  @example 512 NULL 0 sentence
**  @param out_text the text and a NUL
**  @param out_length the text's length in bytes, without the NUL
**  @param list the list
**  @param index the milestone, 0..count-1
**  @param field AEX_MILESTONE_TEXT_*
**  @values field AEX_MILESTONE_TEXT_*
*/
AEX_API int32_t AEX_CALL aex_milestones_get_text(char *out_text, int64_t capacity, int64_t *out_length,
                                                 const aex_milestones *list, int64_t index, int32_t field);

/** The whole list as one JSON object into a caller buffer: {"metric", "segment",
**  "granularity", "first_period", "last_period", "mixed_scopes", "milestones": [{"kind",
**  "period", "subject", "rival", "value", "rival_value", "since", "value_since",
**  "rival_value_since", "crossing", "level", "rank", ..., "sentence"}], "notes": [{"kind",
**  "period", "exporter", "other", "sentence"}]}; NaN numbers are null.  out_json = NULL
**  with capacity 0 asks for the length.
**
**  @help The whole milestone list (milestones and coverage notes) as JSON.
**  @example 100000 NULL
**  @param out_json the JSON text and a NUL
**  @param out_length the text's length in bytes, without the NUL
**  @param list the list
*/
AEX_API int32_t AEX_CALL aex_milestones_json(char *out_json, int64_t capacity, int64_t *out_length,
                                             const aex_milestones *list);

/** Number of coverage notes in the list.
**
**  @help Number of coverage notes in a milestone list.
**  @example NULL
**  @param out_count the number of notes
**  @param list the list
*/
AEX_API int32_t AEX_CALL aex_milestones_note_count(int64_t *out_count, const aex_milestones *list);

/** One integer field (AEX_NOTE_INT_*) of coverage note `index`.
**
**  @help One integer field of a coverage note (kind, period).
**  @example NULL 0 period
**  @param out_value the value
**  @param list the list
**  @param index the note, 0..note_count-1
**  @param field AEX_NOTE_INT_*
**  @values field AEX_NOTE_INT_*
*/
AEX_API int32_t AEX_CALL aex_milestones_note_get_int(int64_t *out_value, const aex_milestones *list, int64_t index,
                                                     int32_t field);

/** One text field (AEX_NOTE_TEXT_*) of coverage note `index` into a caller buffer.
**
**  @help One text field of a coverage note (its sentence, exporters, period).
**  @example 512 NULL 0 sentence
**  @param out_text the text and a NUL
**  @param out_length the text's length in bytes, without the NUL
**  @param list the list
**  @param index the note, 0..note_count-1
**  @param field AEX_NOTE_TEXT_*
**  @values field AEX_NOTE_TEXT_*
*/
AEX_API int32_t AEX_CALL aex_milestones_note_get_text(char *out_text, int64_t capacity, int64_t *out_length,
                                                      const aex_milestones *list, int64_t index, int32_t field);

/* ====================================================================================
** Projection
**
** Trend models fitted to a plain series of consecutive periods, forecasts with
** prediction intervals, and the projected crossover of two series (docs/design.md §6).
**
**   AEX_TREND_LINEAR      ordinary least squares on a line, y = a + b t;
**   AEX_TREND_LOG_LINEAR  least squares on ln y: constant growth; CAGR = e^b - 1;
**   AEX_TREND_HOLT        Holt's linear trend exponential smoothing, optionally damped,
**                         with statsmodels' ExponentialSmoothing(trend="add") recursion,
**                         parameter names and bounds: smoothing_level (alpha) in
**                         [sqrt(eps), 1 - sqrt(eps)], smoothing_trend (beta) in [0, alpha],
**                         damping_trend (phi) in [0.8, 0.995] when estimated; l0 and b0
**                         (the states before the first value) by exact least squares.
**                         Estimation minimizes the sum of squared one-step errors: a grid,
**                         then a box-constrained Nelder-Mead (deterministic, no seed).
**
** Periods of a plain series are numbered by the caller: `first_period` is the number of
** values[0] (e.g. the year 2019) and the next values are first_period + 1, + 2, ...
**
** Prediction intervals at `level` (0 < level < 1, e.g. 0.95): linear, t(n-2) intervals
** of a new observation (statsmodels OLS obs_ci); log-linear, the same on ln y,
** exponentiated (the point forecast is exp of the log forecast, the median); Holt, the
** analytic ETS(A,A,N)/ETS(A,Ad,N) variance sigma^2 (1 + sum_{j<h} (alpha + alpha beta
** phi_j)^2) with sigma^2 = SSE/n (statsmodels ETSModel), no simulation.
**
** Projected crossover of a subject over a rival: the origin is the later of the two
** last fitted periods; the forecasts are compared at origin+1 .. origin+horizon.
** period = the first where subject > rival; earliest = the first where the subject's
** upper bound > the rival's lower bound; latest = the first where the subject's lower
** bound > the rival's upper bound; crossing_point = the linear interpolation of the gap's
** sign change (e.g. 2027.4).  Absent periods ("not within the horizon") read as
** AEX_NO_PERIOD (0) through aex_crossover_get, null in JSON.
**
** Results are handles (aex_trend_fit, aex_crossover): immutable once made, readable from
** several threads at once, released with their _free function.  Handles are checked
** (NULL, freed, wrong kind: AEX_E_INVALID_HANDLE).  Text results (JSON) follow the
** caller-buffer convention: `out_json` of `capacity` bytes receives the UTF-8 text and
** a NUL, *out_length the length without the NUL; out_json = NULL with capacity 0 asks
** for the length (AEX_OK); a short buffer is AEX_E_BUFFER_TOO_SMALL with *out_length set.
**
** Errors: AEX_E_INSUFFICIENT_DATA (too few periods to fit: linear and log-linear need 3,
** Holt one more than its estimated parameters and at least 3; two series with no period
** in common), AEX_E_INVALID_ARGUMENT (NaN or infinite value, a value <= 0 for
** log-linear, a given Holt parameter out of range, an unknown model), AEX_E_OUT_OF_RANGE
** (horizon outside 1..AEX_TREND_MAX_HORIZON, level outside (0, 1), window < 0).
** ==================================================================================== */

#define AEX_TREND_LINEAR 0
#define AEX_TREND_LOG_LINEAR 1
#define AEX_TREND_HOLT 2

/** The largest forecast horizon accepted. */
#define AEX_TREND_MAX_HORIZON 1000

/* Scalar facts of a fit (aex_trend_fit_get); NaN where the model has no such parameter. */
#define AEX_TREND_FIELD_MODEL 0           /* AEX_TREND_* */
#define AEX_TREND_FIELD_DAMPED 1          /* 1 for a damped Holt trend, else 0 */
#define AEX_TREND_FIELD_COUNT 2           /* number of fitted periods */
#define AEX_TREND_FIELD_FIRST_PERIOD 3
#define AEX_TREND_FIELD_LAST_PERIOD 4
#define AEX_TREND_FIELD_SSE 5             /* sum of squared residuals (log scale for log-linear) */
#define AEX_TREND_FIELD_SIGMA2 6          /* residual variance used by the intervals */
#define AEX_TREND_FIELD_INTERCEPT 7       /* linear, log-linear: value (ln value) at the first period */
#define AEX_TREND_FIELD_SLOPE 8           /* linear, log-linear: change (of ln y) per period */
#define AEX_TREND_FIELD_CAGR 9            /* log-linear: e^slope - 1 */
#define AEX_TREND_FIELD_SMOOTHING_LEVEL 10 /* Holt alpha */
#define AEX_TREND_FIELD_SMOOTHING_TREND 11 /* Holt beta */
#define AEX_TREND_FIELD_DAMPING_TREND 12  /* Holt phi (1 when not damped) */
#define AEX_TREND_FIELD_INITIAL_LEVEL 13  /* Holt l0 */
#define AEX_TREND_FIELD_INITIAL_TREND 14  /* Holt b0 */
#define AEX_TREND_FIELD_FINAL_LEVEL 15    /* Holt level after the last value */
#define AEX_TREND_FIELD_FINAL_TREND 16    /* Holt trend after the last value */

/* Parts of a forecast. */
#define AEX_FORECAST_MEAN 0
#define AEX_FORECAST_LOWER 1
#define AEX_FORECAST_UPPER 2

/* Scalar facts of a projected crossover (aex_crossover_get); absent periods are
** AEX_NO_PERIOD (0), as in every getter. */
#define AEX_CROSSOVER_FIELD_FOUND 0       /* 1 when the subject exceeds the rival within the horizon */
#define AEX_CROSSOVER_FIELD_PERIOD 1
#define AEX_CROSSOVER_FIELD_EARLIEST 2
#define AEX_CROSSOVER_FIELD_LATEST 3
#define AEX_CROSSOVER_FIELD_CROSSING_POINT 4
#define AEX_CROSSOVER_FIELD_ORIGIN 5
#define AEX_CROSSOVER_FIELD_HORIZON 6
#define AEX_CROSSOVER_FIELD_LEVEL 7
#define AEX_CROSSOVER_FIELD_SUBJECT_AHEAD_AT_ORIGIN 8
#define AEX_CROSSOVER_FIELD_GAP_AT_ORIGIN 9

/* The two sides of a crossover. */
#define AEX_CROSSOVER_SUBJECT 0
#define AEX_CROSSOVER_RIVAL 1

/** A fitted trend model.  Made by aex_trend_fit_values / aex_trend_fit_holt, released by
**  aex_trend_fit_free.  Immutable. */
typedef struct aex_trend_fit aex_trend_fit;

/** A projected crossover of two fits.  Made by aex_crossover_project, released by
**  aex_crossover_free.  Immutable. */
typedef struct aex_crossover aex_crossover;

/** Fit a trend model (every parameter estimated) to the last `window` values of a series.
**
**  out_fit       receives the new handle; free it with aex_trend_fit_free.
**  values, n     the series, oldest first, one finite value per consecutive period.
**  first_period  the number of values[0], e.g. 2019.
**  model         AEX_TREND_* (AEX_TREND_HOLT: undamped; see aex_trend_fit_holt).
**  window        fit at most the last `window` values; 0 fits them all.
**
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_INVALID_ARGUMENT, AEX_E_INSUFFICIENT_DATA,
**  AEX_E_OUT_OF_RANGE, AEX_E_TOO_LARGE (too many live handles).  Thread-safe.
**
**  Example:  double v[] = {995000, 2015000, 3110000, 4910000, 5859000, 7098000};
**            aex_trend_fit *f;  aex_trend_fit_values(&f, v, 6, 2020, AEX_TREND_LOG_LINEAR, 0);
**            double cagr;  aex_trend_fit_get(&cagr, f, AEX_TREND_FIELD_CAGR);   0.47 (47% a year)
**            aex_trend_fit_free(f);
**
**  @help Fit a trend model (every parameter estimated) to the last values of a series.
**  @example 995000,2015000,3110000,4910000,5859000,7098000 2020 log-linear 0
**  @param out_fit the new fit; free it with aex_trend_fit_free
**  @param values the series, oldest first, one value per consecutive period
**  @param first_period the number of values[0], e.g. 2019
**  @param model the trend model (AEX_TREND_*)
**  @values model 0=linear 1=log-linear 2=holt
**  @default model 1
**  @param window fit at most the last window values; 0 fits them all
**  @default window 0
*/
AEX_API int32_t AEX_CALL aex_trend_fit_values(aex_trend_fit **out_fit, const double *values, int64_t n,
                                              int32_t first_period, int32_t model, int64_t window);

/** Fit Holt's linear trend with some parameters given: each of smoothing_level,
**  smoothing_trend, damping_trend, initial_level, initial_trend is estimated when NaN and
**  used as given otherwise (given: 0 < alpha <= 1, 0 <= beta <= alpha, 0 < phi <= 1 and
**  only with damped = 1).  damped: 0 or 1.  Other arguments and errors as
**  aex_trend_fit_values.
**
**  Example (statsmodels: Holt(y, damped_trend=True, initialization_method="known",
**  initial_level=l0, initial_trend=b0).fit(smoothing_level=.8, smoothing_trend=.2,
**  damping_trend=.9, optimized=False)):
**      aex_trend_fit_holt(&f, y, n, 2019, 0, 1, 0.8, 0.2, 0.9, l0, b0);
**
**  @help Fit Holt's linear trend (optionally damped) with some parameters given (NaN =
**      estimate).
**  @example 10,12,13,15,18,19,22 2019 0 1 nan nan nan nan nan
**  @param out_fit the new fit; free it with aex_trend_fit_free
**  @param values the series, oldest first, one value per consecutive period
**  @param first_period the number of values[0], e.g. 2019
**  @param window fit at most the last window values; 0 fits them all
**  @default window 0
**  @param damped 1 for a damped trend, 0 for Holt's linear trend
**  @range damped 0..1
**  @default damped 0
**  @param smoothing_level alpha, or NaN to estimate it
**  @default smoothing_level nan
**  @param smoothing_trend beta, or NaN to estimate it
**  @default smoothing_trend nan
**  @param damping_trend phi (damped only), or NaN to estimate it
**  @default damping_trend nan
**  @param initial_level l0, or NaN to estimate it
**  @default initial_level nan
**  @param initial_trend b0, or NaN to estimate it
**  @default initial_trend nan
*/
AEX_API int32_t AEX_CALL aex_trend_fit_holt(aex_trend_fit **out_fit, const double *values, int64_t n,
                                            int32_t first_period, int64_t window, int32_t damped,
                                            double smoothing_level, double smoothing_trend, double damping_trend,
                                            double initial_level, double initial_trend);

/** Release a fit.  NULL is a no-op (AEX_OK); a freed or foreign handle is
**  AEX_E_INVALID_HANDLE.
**
**  @help Release a fit (NULL is a no-op).
**  @example NULL
**  @flags thread_safe
**  @param fit the fit to release
**  @nullable fit
*/
AEX_API int32_t AEX_CALL aex_trend_fit_free(aex_trend_fit *fit);

/** One scalar fact (AEX_TREND_FIELD_*) of a fit into *out_value (NaN where the model has
**  no such parameter).  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_INVALID_HANDLE,
**  AEX_E_INVALID_ARGUMENT (unknown field).  Thread-safe.
**
**  @help One scalar fact of a fit (NaN where the model has no such parameter).
**  @example NULL cagr
**  @param out_value the value
**  @param fit the fit
**  @param field which fact (AEX_TREND_FIELD_*)
**  @values field AEX_TREND_FIELD_*
*/
AEX_API int32_t AEX_CALL aex_trend_fit_get(double *out_value, const aex_trend_fit *fit, int32_t field);

/** The model's in-sample values (the fitted line, exp of it for log-linear, Holt's
**  one-step forecasts), one per fitted period, into a caller array of `capacity`
**  elements; *out_count receives the number of fitted periods.  out_values = NULL with
**  capacity 0 asks for the count; a short array is AEX_E_BUFFER_TOO_SMALL.
**
**  @help The model's in-sample values, one per fitted period.
**  @example 8 NULL
**  @param out_values the in-sample values
**  @param out_count the number of fitted periods
**  @param fit the fit
*/
AEX_API int32_t AEX_CALL aex_trend_fit_fitted(double *out_values, int64_t capacity, int64_t *out_count,
                                              const aex_trend_fit *fit);

/** One part (AEX_FORECAST_MEAN, _LOWER, _UPPER) of the forecast for the `horizon`
**  periods after the last fitted one, at interval `level`, into out_values (horizon
**  doubles, caller-allocated).
**
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_INVALID_HANDLE, AEX_E_INVALID_ARGUMENT
**  (unknown part), AEX_E_OUT_OF_RANGE (horizon outside 1..AEX_TREND_MAX_HORIZON, level
**  outside (0, 1)).  Thread-safe.
**
**  Example:  double mean[10], lo[10];
**            aex_trend_forecast(mean, 10, f, AEX_FORECAST_MEAN, 0.95);
**            aex_trend_forecast(lo, 10, f, AEX_FORECAST_LOWER, 0.95);
**
**  @help One part (mean, lower, upper) of a fit's forecast for the next horizon periods.
**  @example 10 NULL mean 0.95
**  @param out_values one value per forecast period
**  @param fit the fit
**  @param part which part (AEX_FORECAST_*)
**  @values part AEX_FORECAST_*
**  @default part 0
**  @param level the prediction-interval level
**  @range level 0..1
**  @default level 0.95
*/
AEX_API int32_t AEX_CALL aex_trend_forecast(double *out_values, int64_t horizon, const aex_trend_fit *fit,
                                            int32_t part, double level);

/** The fit as JSON (model, every field, estimated parameter names, values, fitted; with
**  the forecast when horizon > 0), into a caller buffer (the section's text convention).
**  horizon 0 leaves the forecast out (level is then ignored).
**
**  @help The fit as JSON, with its forecast when horizon > 0.
**  @example 4096 NULL 10 0.95
**  @param out_json the JSON text and a NUL
**  @param out_length the text's length in bytes without the NUL
**  @param fit the fit
**  @param horizon forecast periods to include; 0 for none
**  @range horizon 0..1000
**  @default horizon 0
**  @param level the prediction-interval level
**  @range level 0..1
**  @default level 0.95
*/
AEX_API int32_t AEX_CALL aex_trend_fit_json(char *out_json, int64_t capacity, int64_t *out_length,
                                            const aex_trend_fit *fit, int64_t horizon, double level);

/** Project when `subject`'s forecast first exceeds `rival`'s within `horizon` periods
**  after the later of their last fitted periods, with intervals at `level`.
**
**  out_crossover  receives the new handle; free it with aex_crossover_free.
**  Returns AEX_OK, AEX_E_NULL_POINTER, AEX_E_INVALID_HANDLE, AEX_E_INSUFFICIENT_DATA (the
**  two fits share no period), AEX_E_OUT_OF_RANGE (horizon, level).  Thread-safe.
**
**  Example:  aex_crossover_project(&c, china_nev_fit, japan_fit, 10, 0.95);
**            double p;  aex_crossover_get(&p, c, AEX_CROSSOVER_FIELD_PERIOD);   AEX_NO_PERIOD: none
**
**  @help When a subject's forecast first exceeds a rival's, with the interval of crossing
**      periods.
**  @example NULL NULL 10 0.95
**  @param out_crossover the new crossover; free it with aex_crossover_free
**  @param subject the series that would overtake
**  @param rival the series to overtake
**  @param horizon periods after the origin to examine
**  @range horizon 1..1000
**  @default horizon 10
**  @param level the prediction-interval level
**  @range level 0..1
**  @default level 0.95
*/
AEX_API int32_t AEX_CALL aex_crossover_project(aex_crossover **out_crossover, const aex_trend_fit *subject,
                                               const aex_trend_fit *rival, int64_t horizon, double level);

/** Release a crossover.  NULL is a no-op (AEX_OK).
**
**  @help Release a crossover (NULL is a no-op).
**  @example NULL
**  @flags thread_safe
**  @param crossover the crossover to release
**  @nullable crossover
*/
AEX_API int32_t AEX_CALL aex_crossover_free(aex_crossover *crossover);

/** One scalar fact (AEX_CROSSOVER_FIELD_*) of a crossover (AEX_NO_PERIOD for an absent
**  period).
**
**  @help One scalar fact of a crossover (AEX_NO_PERIOD, 0, for an absent period).
**  @example NULL period
**  @param out_value the value
**  @param crossover the crossover
**  @param field which fact (AEX_CROSSOVER_FIELD_*)
**  @values field AEX_CROSSOVER_FIELD_*
*/
AEX_API int32_t AEX_CALL aex_crossover_get(double *out_value, const aex_crossover *crossover, int32_t field);

/** One part (AEX_FORECAST_*) of one side's (AEX_CROSSOVER_SUBJECT / _RIVAL) forecast for
**  origin+1 .. origin+horizon into out_values; `horizon` must equal the crossover's.
**
**  @help One part of one side's forecast over the crossover's horizon.
**  @example 10 NULL subject mean
**  @param out_values one value per compared period
**  @param crossover the crossover
**  @param side AEX_CROSSOVER_SUBJECT or AEX_CROSSOVER_RIVAL
**  @values side 0=subject 1=rival
**  @param part which part (AEX_FORECAST_*)
**  @values part AEX_FORECAST_*
**  @default part 0
*/
AEX_API int32_t AEX_CALL aex_crossover_forecast(double *out_values, int64_t horizon, const aex_crossover *crossover,
                                                int32_t side, int32_t part);

/** The crossover as JSON (every field, a sentence, both forecasts) into a caller buffer.
**
**  @help The crossover as JSON: every field, a sentence and both forecasts.
**  @example 4096 NULL
**  @param out_json the JSON text and a NUL
**  @param out_length the text's length in bytes without the NUL
**  @param crossover the crossover
*/
AEX_API int32_t AEX_CALL aex_crossover_json(char *out_json, int64_t capacity, int64_t *out_length,
                                            const aex_crossover *crossover);

/* ====================================================================================
** Explain
**
** Changes, gaps and overtakes explained by powertrain, and projections of panel series
** (docs/design.md §5, §6).  An exporter's figures come from its chosen total series (the default
** series choice of the Data section: China CAAM all vehicles, Japan JAMA) and the
** segments of the same source and scope, with derived complements (conventional =
** total - nev).  `ev_segment` is AEX_SEGMENT_NEV or AEX_SEGMENT_PLUGIN; `metric` is
** "units" (NULL means units) or a currency code; periods are period codes (Model).
**
** Results are JSON in caller buffers (the text convention of the Data section): every
** number, the flags and one quotable sentence.  Keys: see the examples below and
** docs in Sources/AutoExports/Attribution.
**
**   change    Δtotal = Σ Δsegment (parts, shares, unexplained = 0 when the parts add up);
**   gap       Δ(A − B) = Σ_seg (ΔA_seg − ΔB_seg); a rival without a split enters unsplit;
**   overtake  A(t) vs B(t), and the counterfactuals "without EV exports" A(t) − A_ev(t)
**             and "without EV growth" A(t) − (A_ev(t) − A_ev(t−1)); ev_decisive /
**             ev_growth_decisive when A leads but would not under the counterfactual.
**
** Errors: AEX_E_INVALID_HANDLE, AEX_E_NULL_POINTER, AEX_E_NOT_FOUND (unknown exporter,
** no series), AEX_E_INSUFFICIENT_DATA (a value or the segment split is missing; too few
** periods to fit; no overlap), AEX_E_INVALID_ARGUMENT (ev_segment, bad period code,
** same exporter twice, unknown model), AEX_E_OUT_OF_RANGE (horizon, level),
** AEX_E_BUFFER_TOO_SMALL.  Thread-safe (the panel is read under its lock).
** ==================================================================================== */

/** The change of `exporter`'s total from `from_period` to `to_period` split by segment, as
**  JSON.
**  Example (reference data):  aex_explain_change(buf, cap, &len, p, "CHN", 2022, 2023,
**  AEX_SEGMENT_NEV, NULL)  ->  {"kind":"change",...,"total_change":1800000,"parts":[{"segment":
**  "nev","change":524000,...},{"segment":"conventional","change":1276000,...}],...}
**
**  @help The change of an exporter's total between two periods split by segment, as JSON.
**  @example 4096 NULL CHN 2022 2023 nev
**  @param out_json the JSON text and a NUL
**  @param out_length the text's length in bytes without the NUL
**  @param panel the panel
**  @param exporter the exporter (code or name), e.g. CHN
**  @param from_period the first period code, e.g. 2022
**  @param to_period the second period code, e.g. 2023
**  @param ev_segment the EV group (AEX_SEGMENT_NEV or AEX_SEGMENT_PLUGIN)
**  @values ev_segment 7=nev 8=plugin
**  @default ev_segment 7
**  @param metric units (NULL) or a currency code
**  @default metric units
**  @nullable metric
*/
AEX_API int32_t AEX_CALL aex_explain_change(char *out_json, int64_t capacity, int64_t *out_length, const aex_panel *panel,
                                            const char *exporter, int32_t from_period, int32_t to_period,
                                            int32_t ev_segment, const char *metric);

/** The change of the gap subject − rival from `from_period` to `to_period` split by
**  segment, with the EV group's contribution, as JSON.
**
**  @help The change of the gap between two exporters split by segment, as JSON.
**  @example 4096 NULL CHN JPN 2022 2023 nev
**  @param out_json the JSON text and a NUL
**  @param out_length the text's length in bytes without the NUL
**  @param panel the panel
**  @param subject the exporter that gains, e.g. CHN
**  @param rival the other exporter, e.g. JPN
**  @param from_period the first period code
**  @param to_period the second period code
**  @param ev_segment the EV group (AEX_SEGMENT_NEV or AEX_SEGMENT_PLUGIN)
**  @values ev_segment 7=nev 8=plugin
**  @default ev_segment 7
**  @param metric units (NULL) or a currency code
**  @default metric units
**  @nullable metric
*/
AEX_API int32_t AEX_CALL aex_explain_gap(char *out_json, int64_t capacity, int64_t *out_length, const aex_panel *panel,
                                         const char *subject, const char *rival, int32_t from_period, int32_t to_period,
                                         int32_t ev_segment, const char *metric);

/** The subject's overtake of (or lead over) the rival in `period` explained by its EV
**  exports: both counterfactuals, EV-decisive flags, margins and a sentence, as JSON.
**  Example (reference data): subject "CHN", rival "JPN", period 2023 -> "ev_decisive":true,
**  "without_ev_exports":{"subject_value":3707000,"margin":-715682,"still_ahead":false}.
**
**  @help An overtake or lead explained by EV exports (both counterfactuals), as JSON.
**  @example 4096 NULL CHN JPN 2023 nev
**  @param out_json the JSON text and a NUL
**  @param out_length the text's length in bytes without the NUL
**  @param panel the panel
**  @param subject the exporter ahead, e.g. CHN
**  @param rival the exporter behind, e.g. JPN
**  @param period the period code of the overtake, e.g. 2023
**  @param ev_segment the EV group (AEX_SEGMENT_NEV or AEX_SEGMENT_PLUGIN)
**  @values ev_segment 7=nev 8=plugin
**  @default ev_segment 7
**  @param metric units (NULL) or a currency code
**  @default metric units
**  @nullable metric
*/
AEX_API int32_t AEX_CALL aex_explain_overtake(char *out_json, int64_t capacity, int64_t *out_length,
                                              const aex_panel *panel, const char *subject, const char *rival,
                                              int32_t period, int32_t ev_segment, const char *metric);

/** Fit `model` (AEX_TREND_*; AEX_TREND_HOLT undamped, all parameters estimated) to the last
**  run of consecutive years of two panel series, which may be of different segments
**  (China's nev against Japan's total), and project their crossover, as JSON (both fits,
**  the crossover with period labels, a sentence).
**
**  @help Project when one panel series would pass another (across segments), as JSON.
**  @example 8192 NULL CHN nev JPN total log-linear 10 0.95
**  @param out_json the JSON text and a NUL
**  @param out_length the text's length in bytes without the NUL
**  @param panel the panel
**  @param subject the exporter whose series would overtake, e.g. CHN
**  @param subject_segment its segment (AEX_SEGMENT_*)
**  @values subject_segment AEX_SEGMENT_*
**  @param rival the exporter to overtake, e.g. JPN
**  @param rival_segment its segment (AEX_SEGMENT_*)
**  @values rival_segment AEX_SEGMENT_*
**  @param model the trend model (AEX_TREND_*)
**  @values model 0=linear 1=log-linear 2=holt
**  @default model 1
**  @param horizon periods ahead to examine
**  @range horizon 1..1000
**  @default horizon 10
**  @param level the prediction-interval level
**  @range level 0..1
**  @default level 0.95
**  @param metric units (NULL) or a currency code
**  @default metric units
**  @nullable metric
*/
AEX_API int32_t AEX_CALL aex_explain_projection(char *out_json, int64_t capacity, int64_t *out_length,
                                                const aex_panel *panel, const char *subject, int32_t subject_segment,
                                                const char *rival, int32_t rival_segment, int32_t model,
                                                int64_t horizon, double level, const char *metric);

/** Where `exporter`'s exports went (issue 19, docs/destinations.md), as JSON.
**
**  One period (from_period = AEX_NO_PERIOD): each market's value in `to_period` and its
**  share of the exporter's total (its WLD series).  Two periods: the change of the total
**  from `from_period` to `to_period` split by partner, each line with its change and share
**  of the total change, and a "rest of world" line (partner "ROW") so that the lines
**  counted in the exact sum add up to the total change exactly.  Growth is computed only
**  between like figures: a partner whose two figures differ in source or scope (China to
**  Russia: 2022 a customs count of passenger cars, 2023 CAAM's all vehicles) gets a note,
**  "like_for_like":false, "in_exact_sum":false and "change":null, and the JSON's
**  "warnings" say so.  Each figure carries its series (exporter, partner, source, scope).
**  Keys: "kind":"destinations", "exporter", "metric", "from", "to", "total" (series),
**  "total_from", "total_to", "total_change", "lines" [{"partner", "partner_name",
**  "is_rest_of_world", "from", "to", "change", "share", "from_series", "to_series",
**  "like_for_like", "in_exact_sum", "note", "by_segment"}], "warnings", "sentence";
**  missing numbers are null.
**
**  Returns AEX_OK, AEX_E_INVALID_HANDLE, AEX_E_NULL_POINTER (out_length, exporter),
**  AEX_E_NOT_FOUND (unknown exporter; no total or no market of it), AEX_E_INSUFFICIENT_DATA
**  (the total has no figure in a period), AEX_E_INVALID_ARGUMENT (a bad period code, from
**  not before to, metric), AEX_E_BUFFER_TOO_SMALL (with *out_length set).  Thread-safe.
**
**  Example (reference data):  aex_explain_destinations(buf, cap, &len, p, "CHN",
**  AEX_NO_PERIOD, 2023, NULL)  ->  {"kind":"destinations",...,"lines":[{"partner":"RUS",...}]}
**
**  @help Where an exporter's exports went: by partner in one period, or its change split by partner, as JSON.
**  @example 65536 NULL CHN 2022 2023 units
**  @param out_json the JSON text and a NUL
**  @param out_length the text's length in bytes without the NUL
**  @param panel the panel
**  @param exporter the exporter (code or name), e.g. CHN
**  @param from_period the first period code, or AEX_NO_PERIOD (0) for one period
**  @default from_period 0
**  @param to_period the (second) period code, e.g. 2023
**  @param metric units (NULL) or a currency code
**  @default metric units
**  @nullable metric
*/
AEX_API int32_t AEX_CALL aex_explain_destinations(char *out_json, int64_t capacity, int64_t *out_length,
                                                  const aex_panel *panel, const char *exporter, int32_t from_period,
                                                  int32_t to_period, const char *metric);

/** A counterfactual on an overtake by market: "without its growth in `partner` from the
**  previous period (period - 1) to `period`, `subject` would have exported ... in `period`
**  against `rival`'s ...: overtake or not", as JSON.  When the partner's two figures are
**  not like for like (different source or scope), "partner_growth", "subject_without" and
**  "overtakes_without" are null and "caveat" says why.
**  Keys: "kind":"market_counterfactual", "subject", "rival" (series), "partner", "period",
**  "previous", "subject_value", "rival_value", "partner_growth", "subject_without",
**  "overtakes_without", "caveat", "sentence".
**
**  Returns AEX_OK, AEX_E_INVALID_HANDLE, AEX_E_NULL_POINTER, AEX_E_NOT_FOUND (unknown
**  exporter or partner, no series), AEX_E_INSUFFICIENT_DATA (a figure is missing),
**  AEX_E_INVALID_ARGUMENT (bad period code, the same exporter twice, metric),
**  AEX_E_BUFFER_TOO_SMALL.  Thread-safe.
**
**  Example (reference data): subject "CHN", rival "JPN", partner "RUS", period 2023 ->
**  {"kind":"market_counterfactual",...,"caveat":"... not like for like ..."}
**
**  @help Would the subject still have overtaken the rival without its growth in one market? As JSON.
**  @example 8192 NULL CHN JPN RUS 2023 units
**  @param out_json the JSON text and a NUL
**  @param out_length the text's length in bytes without the NUL
**  @param panel the panel
**  @param subject the exporter ahead, e.g. CHN
**  @param rival the exporter behind, e.g. JPN
**  @param partner the market whose growth is taken away, e.g. RUS
**  @param period the period code of the overtake, e.g. 2023
**  @param metric units (NULL) or a currency code
**  @default metric units
**  @nullable metric
*/
AEX_API int32_t AEX_CALL aex_explain_market_overtake(char *out_json, int64_t capacity, int64_t *out_length,
                                                     const aex_panel *panel, const char *subject, const char *rival,
                                                     const char *partner, int32_t period, const char *metric);

/* ====================================================================================
** Registry
**
** The library describes itself, so that a host that has never seen this header (a
** plugin host, a spreadsheet, a language runtime using libffi) can discover and call
** every function:
**
**   aex_get_api(AEX_ABI_VERSION)   the one symbol a host looks up with dlsym(): a table
**                                  that begins with its size and ABI major, then one
**                                  typed function pointer per function of this header;
**   aex_registry_count/get/find    one immutable descriptor per function: stable name,
**                                  symbol, category (the header section), one-line help,
**                                  return type, parameters (name, type code, direction,
**                                  allowed values or range, default), flags, the
**                                  function's address and an example;
**   aex_registry_json              the same as one static JSON text.
**
** Writing a host (examples/plugin-host and bindings/c do exactly this):
**
**   1. Discover.  handle = dlopen(path, RTLD_NOW); get = dlsym(handle, "aex_get_api").
**      No symbol: the file is not libautoexports.  api = get(1): NULL means this library
**      does not provide ABI major 1 (api->last_error_message is then unavailable; look
**      up "aex_last_error_message" with dlsym for the reason).  Read a field of any
**      struct below only when offsetof(field) + sizeof(field) <= its size field: newer
**      libraries append fields, never reorder or remove them.
**   2. Describe.  for i in 0 ..< api->registry_count(): f = api->registry_get(i);
**      or f = api->registry_find("aex_rank_values") (by symbol or by name).
**   3. Call.  Build the C argument list from f->params (see "From parameters to C
**      arguments" below), e.g. with libffi: ffi_prep_cif once per function, then
**      ffi_call(&cif, f->address, &ret, values) for every call.
**   4. Handle errors.  A function whose return type is AEX_TYPE_STATUS returns AEX_OK or
**      a negative AEX_E_* code; then api->status_string(code) names it and
**      api->last_error_message() says what was wrong and where.  Outputs are written only
**      on success.
**
** From parameters to C arguments: each parameter is one C argument, except an array
** (AEX_TYPE_DOUBLE_ARRAY, _INT32_ARRAY, _INT64_ARRAY) or a BUFFER whose length_param is
** -1: those are two, `const double *name, int64_t length_name` (a buffer: `T *name,
** int64_t length_name`, the caller allocating length_name elements).  An array or buffer
** whose length_param is >= 0 is one C argument and has as many elements as the array
** parameter at that index (e.g. `const int64_t *groups` beside `const double *values,
** int64_t n`).  An AEX_DIR_OUT parameter is a pointer to where the result goes:
** `int32_t *`, `int64_t *`, `double *`, `const char **` (text owned by the library),
** `aex_x **` (a new handle) — and a BUFFER is a caller-allocated array of element_type.
** The C type of the first C argument is spelled in `c_type` exactly as in this header.
**
** Adding a function (contributors): declare it in its section above with a doc comment that
** ends in tags, implement it in Sources/AutoExportsABI, run `python3 tools/generate.py`
** (`make generate`), test it.  The tags say what C cannot:
**   @help TEXT            one line for the registry        @example ARGS   sample arguments
**   @param NAME TEXT      each parameter's one-line help   @returns int32|int64 (not a status)
**   @values NAME AEX_X_*  allowed values (or 0=a 1=b)      @range NAME MIN..MAX
**   @default NAME VALUE   @nullable NAME                   @size NAME ARRAY (shares a length)
**   @flags thread_safe|none (default: deterministic and thread-safe)
** The generator writes, from the declarations and tags, the registry entries
** (Sources/AutoExportsABI/Registry+Generated.swift), struct aex_api (autoexports_api.h,
** appending the new member), the table of Sources/AutoExportsRuntime/api.c and the Python
** prototypes (bindings/python/src/autoexports/_prototypes.py); Tests/python/test_generated.py
** fails when a committed file differs from what it makes of this header.
** ==================================================================================== */

/* Type codes: a closed set (AEX_TYPE_VOID and AEX_TYPE_STATUS only as return types). */
#define AEX_TYPE_VOID 0         /* no value */
#define AEX_TYPE_STATUS 1       /* int32_t status: AEX_OK or a negative AEX_E_* code */
#define AEX_TYPE_INT32 2        /* int32_t */
#define AEX_TYPE_INT64 3        /* int64_t */
#define AEX_TYPE_DOUBLE 4       /* double */
#define AEX_TYPE_STRING 5       /* const char *: NUL-terminated UTF-8 */
#define AEX_TYPE_DOUBLE_ARRAY 6 /* const double * plus its int64_t length: two C arguments */
#define AEX_TYPE_BUFFER 7       /* a caller-allocated output array of element_type */
#define AEX_TYPE_HANDLE 8       /* an opaque pointer (a handle or a library-owned object) */
#define AEX_TYPE_INT32_ARRAY 9  /* const int32_t * (plus its int64_t length unless it shares one) */
#define AEX_TYPE_INT64_ARRAY 10 /* const int64_t * (plus its int64_t length unless it shares one) */

/* Directions. */
#define AEX_DIR_IN 0
#define AEX_DIR_OUT 1

/* Function flags (aex_function.flags). */
#define AEX_FN_DETERMINISTIC 1  /* the same arguments always give the same results */
#define AEX_FN_THREAD_SAFE 2    /* may be called from several threads at once */

/* Parameter flags (aex_param.flags). */
#define AEX_PARAM_RANGE 1       /* min and max hold the allowed closed range */
#define AEX_PARAM_NULLABLE 2    /* a pointer that may be NULL */

/** One allowed value of an enumerated int32 parameter, e.g. {0, "competition"}. */
typedef struct aex_enum_value {
    int64_t value;
    const char *name;
} aex_enum_value;

/** The description of one parameter.  Static and immutable: never written or freed.
**  Layout (x86-64 and every LP64 platform: offsets in bytes) is part of the ABI:
**  size 0, name 8, help 16, c_type 24, length_name 32, default_value 40, allowed 48,
**  allowed_count 56, min 64, max 72, type 80, direction 84, element_type 88,
**  length_param 92, flags 96, reserved 100; sizeof 104 in ABI 1.  Fields are only appended. */
typedef struct aex_param {
    int64_t size;                 /* sizeof(aex_param) in the library that made it */
    const char *name;             /* the name in this header, e.g. "values" */
    const char *help;             /* one line */
    const char *c_type;           /* the C type of the (first) C argument, e.g. "const double *" */
    const char *length_name;      /* the int64_t length argument that follows (an array or a
                                     BUFFER whose length_param is -1), e.g. "n"; else NULL */
    const char *default_value;    /* the default as text in the parameter's type, e.g. "0"; NULL: none */
    const aex_enum_value *allowed;/* the allowed values, or NULL when any value (in range) is allowed;
                                     with AEX_PARAM_RANGE as well: names of some values, and any
                                     value in the range is allowed (e.g. Excel's order flag) */
    int64_t allowed_count;        /* number of entries in allowed */
    double min;                   /* allowed range, when flags has AEX_PARAM_RANGE */
    double max;
    int32_t type;                 /* AEX_TYPE_* */
    int32_t direction;            /* AEX_DIR_* */
    int32_t element_type;         /* BUFFER: AEX_TYPE_DOUBLE, _INT32, _INT64, or _STRING (UTF-8 bytes); else 0 */
    int32_t length_param;         /* an array or BUFFER: index of the array parameter whose length it
                                     has; -1: its own length argument follows; other types: -1 */
    int32_t flags;                /* AEX_PARAM_* */
    int32_t reserved;             /* 0 */
} aex_param;

/** The description of one function.  Static and immutable: never written or freed; valid
**  while the library is loaded.  Layout (LP64 offsets): size 0, name 8, symbol 16,
**  category 24, help 32, return_c_type 40, example 48, params 56, param_count 64,
**  address 72, return_type 80, flags 84; sizeof 88 in ABI 1.  Fields are only appended. */
typedef struct aex_function {
    int64_t size;                 /* sizeof(aex_function) in the library that made it */
    const char *name;             /* stable name: the symbol without "aex_", e.g. "rank_values" */
    const char *symbol;           /* the exported symbol, e.g. "aex_rank_values" */
    const char *category;         /* the header section, e.g. "Ranking" */
    const char *help;             /* one line */
    const char *return_c_type;    /* e.g. "int32_t", "const char *" */
    const char *example;          /* sample arguments, one per input parameter, as the plugin host
                                     takes them, e.g. "30,20,20,10 competition descending keep" */
    const aex_param *params;      /* param_count parameters in C order (out-parameters first) */
    int64_t param_count;
    void (*address)(void);        /* the function itself; cast it to its real type before calling */
    int32_t return_type;          /* AEX_TYPE_* */
    int32_t flags;                /* AEX_FN_* */
} aex_function;

/** Number of registered functions: every function declared in this header.  Thread-safe.
**
**  @help Number of registered functions (every function of the header).
**  @returns int64
*/
AEX_API int64_t AEX_CALL aex_registry_count(void);

/** The descriptor at `index` (0 <= index < aex_registry_count()), in header order, or NULL
**  with AEX_E_OUT_OF_RANGE in aex_last_error_message() for any other index.  Static; do
**  not free.  Thread-safe.
**
**  Example: aex_registry_get(0)->symbol is "aex_version_string".
**
**  @help The descriptor of the function at an index, or NULL.
**  @example 0
**  @param index 0 <= index < aex_registry_count()
*/
AEX_API const aex_function * AEX_CALL aex_registry_get(int64_t index);

/** The descriptor of the function with this symbol ("aex_rank_values") or stable name
**  ("rank_values"), or NULL (name NULL or unknown; the error text says which).  Static;
**  do not free.  Thread-safe.
**
**  Example: aex_registry_find("rank_values")->param_count is 6.
**
**  @help The descriptor of the function with a symbol or stable name, or NULL.
**  @example aex_rank_values
**  @param name a symbol ("aex_rank_values") or stable name ("rank_values")
*/
AEX_API const aex_function * AEX_CALL aex_registry_find(const char *name);

/** Every descriptor as one JSON document, static text (do not free), thread-safe:
**  {"abi_version": 1, "version": "0.1.0", "functions": [{"name": "rank_values",
**   "symbol": "aex_rank_values", "category": "Ranking", "help": "...", "returns":
**   {"type": "status", "c_type": "int32_t"}, "flags": ["deterministic", "thread_safe"],
**   "example": "...", "params": [{"name": "out_ranks", "type": "buffer", "direction":
**   "out", "c_type": "double *", "element_type": "double", "length_param": 1, ...}, ...]}]}
**  Type names are the AEX_TYPE_* suffixes in lower case.
**
**  @help Every descriptor as one static JSON text.
*/
AEX_API const char * AEX_CALL aex_registry_json(void);

/** The routine table returned by aex_get_api(1): one typed function pointer per function of
**  this header, after its size and ABI major.  Its members are declared in
**  autoexports_api.h (generated from this header by tools/generate.py), kept apart as SQLite
**  keeps sqlite3ext.h apart from sqlite3.h: a host that calls through the table includes
**  that file; one that links the library directly needs only this one.  The table is
**  append-only (docs/c-api.md). */
typedef struct aex_api aex_api;

/** The function table of ABI major `abi_major`, static (do not free), or NULL with
**  AEX_E_UNSUPPORTED in aex_last_error_message() when this library does not provide that
**  major (this library provides exactly AEX_ABI_VERSION).  The one symbol a host needs
**  (the table's members are declared in autoexports_api.h):
**
**      #include "autoexports_api.h"
**      const aex_api *(*get)(int32_t) = (const aex_api *(*)(int32_t))dlsym(h, "aex_get_api");
**      const aex_api *api = get ? get(1) : NULL;
**      if (api) printf("%s\n", api->version_string());
**
**  Thread-safe.
**
**  @help The function table of an ABI major, or NULL when it is not provided.
**  @example 1
**  @param abi_major the ABI major the caller was written for (AEX_ABI_VERSION)
*/
AEX_API const aex_api * AEX_CALL aex_get_api(int32_t abi_major);

/* New sections go above the Registry section. */

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* AUTOEXPORTS_H */
