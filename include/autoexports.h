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
**      NULL pointer with a positive length, is an error, never a crash.
**   5. Memory the library returns is released only by the library's own *_free
**      function named in the function's documentation.  *_free(NULL) is a no-op.
**   6. No Swift trap crosses this boundary: arguments are validated first.
**   7. Thread-safety: the library has no global mutable state except the thread-local
**      error text.  Functions without handles may be called from any number of threads
**      at once.  Distinct handles may be used from different threads at once; finished
**      results (handles returned by a computation) are immutable and may be read from
**      several threads at once.
**   8. No initialisation call is needed: everything works right after dlopen().
**   9. Released signatures never change; new behaviour comes under new names.
**
** Sections: Versions · Status codes and errors · Model · Ranking.
*/
#ifndef AUTOEXPORTS_H
#define AUTOEXPORTS_H

#include <stdint.h>

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

/** The library's version as static text, e.g. "0.1.0".  Never NULL; do not free. */
const char *aex_version_string(void);

/** The library's version number, encoded as AEX_VERSION_NUMBER. */
int32_t aex_version_number(void);

/** The library's ABI major, to compare with AEX_ABI_VERSION. */
int32_t aex_abi_version(void);

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
**  a code this library does not define.  Never NULL; do not free. */
const char *aex_status_string(int32_t status);

/** The message of the last failed call on this thread, naming what was wrong and where,
**  or "" when the last call succeeded.  Never NULL.  Owned by the library; valid until the
**  next call into the library on the same thread.  At most 1023 bytes of UTF-8. */
const char *aex_last_error_message(void);

/* ====================================================================================
** Model
**
** Periods are one int32_t each: a year is YYYY (2023), a quarter YYYYQ (20231 =
** 2023-Q1), a month YYYYMM (202303 = 2023-03); years 1..9999.  Periods of different
** granularity are never compared directly.
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

/* ====================================================================================
** Ranking
**
** Tie methods (DESIGN §3; the ranks of 30, 20, 20, 10 in descending order):
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
*/
int32_t aex_rank_values(double *out_ranks, const double *values, int64_t n, int32_t method,
                        int32_t order, int32_t missing);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* AUTOEXPORTS_H */
