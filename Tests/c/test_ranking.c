/* C tests of the Ranking section, the status codes and the error text. */
#include "autoexports.h"
#include "check.h"

static void test_version(void) {
    CHECK(aex_abi_version() == AEX_ABI_VERSION);
    CHECK(aex_version_number() == AEX_VERSION_NUMBER);
    CHECK(strcmp(aex_version_string(), AEX_VERSION_STRING) == 0);
}

static void test_status_strings(void) {
    CHECK(strcmp(aex_status_string(AEX_OK), "AEX_OK") == 0);
    CHECK(strcmp(aex_status_string(AEX_E_NULL_POINTER), "AEX_E_NULL_POINTER") == 0);
    CHECK(strcmp(aex_status_string(AEX_E_TOO_LARGE), "AEX_E_TOO_LARGE") == 0);
    CHECK(strcmp(aex_status_string(12345), "AEX_E_UNKNOWN") == 0);
    CHECK(aex_last_error_message() != NULL);
}

static void test_every_method(void) {
    const double v[4] = {30, 20, 20, 10};
    const double want[5][4] = {{1, 2, 2, 4}, {1, 3, 3, 4}, {1, 2.5, 2.5, 4}, {1, 2, 2, 3}, {1, 2, 3, 4}};
    for (int m = 0; m < 5; m++) {
        double out[4];
        CHECK_STATUS(aex_rank_values(out, v, 4, m, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP), AEX_OK);
        CHECK(check_arrays(out, want[m], 4));
        CHECK(strcmp(aex_last_error_message(), "") == 0);
    }
    double asc[4];
    CHECK_STATUS(aex_rank_values(asc, v, 4, AEX_RANK_COMPETITION, AEX_ORDER_ASCENDING, AEX_MISSING_KEEP), AEX_OK);
    const double want_asc[4] = {4, 2, 2, 1};
    CHECK(check_arrays(asc, want_asc, 4));
}

static void test_missing_policies(void) {
    const double v[4] = {30, NAN, 20, 20};
    double out[4];
    CHECK_STATUS(aex_rank_values(out, v, 4, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP), AEX_OK);
    const double keep[4] = {1, NAN, 2, 2};
    CHECK(check_arrays(out, keep, 4));
    CHECK_STATUS(aex_rank_values(out, v, 4, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_TOP), AEX_OK);
    const double top[4] = {2, 1, 3, 3};
    CHECK(check_arrays(out, top, 4));
    CHECK_STATUS(aex_rank_values(out, v, 4, AEX_RANK_DENSE, AEX_ORDER_DESCENDING, AEX_MISSING_BOTTOM), AEX_OK);
    const double bottom[4] = {1, 3, 2, 2};
    CHECK(check_arrays(out, bottom, 4));
}

static void test_infinities_and_negative_zero(void) {
    const double v[4] = {INFINITY, -0.0, 0.0, -INFINITY};
    double out[4];
    CHECK_STATUS(aex_rank_values(out, v, 4, AEX_RANK_FRACTIONAL, AEX_ORDER_ASCENDING, AEX_MISSING_KEEP), AEX_OK);
    const double want[4] = {4, 2.5, 2.5, 1};
    CHECK(check_arrays(out, want, 4));
}

static void test_in_place(void) {
    double v[4] = {30, 20, 20, 10};
    CHECK_STATUS(aex_rank_values(v, v, 4, AEX_RANK_ORDINAL, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP), AEX_OK);
    const double want[4] = {1, 2, 3, 4};
    CHECK(check_arrays(v, want, 4));
}

static void test_bad_input(void) {
    const double v[4] = {1, 2, 3, 4};
    double out[4] = {-7, -7, -7, -7};
    const double untouched[4] = {-7, -7, -7, -7};
    CHECK_STATUS(aex_rank_values(out, NULL, 4, 0, 0, 0), AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "values") != NULL);
    CHECK_STATUS(aex_rank_values(NULL, v, 4, 0, 0, 0), AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "out_ranks") != NULL);
    CHECK_STATUS(aex_rank_values(out, v, -1, 0, 0, 0), AEX_E_OUT_OF_RANGE);
    CHECK(strstr(aex_last_error_message(), "n is negative") != NULL);
    CHECK_STATUS(aex_rank_values(out, v, 4, 9, 0, 0), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "method") != NULL);
    CHECK_STATUS(aex_rank_values(out, v, 4, 0, -3, 0), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "order") != NULL);
    CHECK_STATUS(aex_rank_values(out, v, 4, 0, 0, 3), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "missing") != NULL);
    CHECK(check_arrays(out, untouched, 4));
    double buf[5] = {5, 4, 3, 2, 1};
    CHECK_STATUS(aex_rank_values(buf + 1, buf, 4, 0, 0, 0), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "overlaps") != NULL);
    /* n == 0 with NULL pointers is fine; and a success clears the error text. */
    CHECK_STATUS(aex_rank_values(NULL, NULL, 0, 0, 0, 0), AEX_OK);
    CHECK(strcmp(aex_last_error_message(), "") == 0);
}

static void test_scaled(void) {
    const double v[4] = {30, 20, 20, 10};
    double out[4];
    CHECK_STATUS(aex_rank_values_scaled(out, v, 4, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP,
                                        AEX_SCALE_PERCENT_RANK),
                 AEX_OK);
    const double pr[4] = {0, 1.0 / 3, 1.0 / 3, 1};
    CHECK(check_arrays(out, pr, 4));
    /* The method is ignored by PERCENT_RANK and CUME_DIST. */
    CHECK_STATUS(aex_rank_values_scaled(out, v, 4, AEX_RANK_ORDINAL, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP,
                                        AEX_SCALE_CUME_DIST),
                 AEX_OK);
    const double cd[4] = {0.25, 0.75, 0.75, 1};
    CHECK(check_arrays(out, cd, 4));
    CHECK_STATUS(
        aex_rank_values_scaled(out, v, 4, AEX_RANK_DENSE, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP, AEX_SCALE_PCT),
        AEX_OK);
    const double dense_pct[4] = {1.0 / 3, 2.0 / 3, 2.0 / 3, 1};
    CHECK(check_arrays(out, dense_pct, 4));
    const double w[3] = {NAN, 5, 7};
    CHECK_STATUS(
        aex_rank_values_scaled(out, w, 3, AEX_RANK_FRACTIONAL, AEX_ORDER_ASCENDING, AEX_MISSING_BOTTOM, AEX_SCALE_PCT),
        AEX_OK);
    const double bottom_pct[3] = {1, 1.0 / 3, 2.0 / 3};
    CHECK(check_arrays(out, bottom_pct, 3));
    double keep[2] = {-7, -7};
    CHECK_STATUS(aex_rank_values_scaled(keep, v, 2, 0, 0, 0, 4), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "scale") != NULL);
    CHECK(keep[0] == -7 && keep[1] == -7);
}

static void test_groups(void) {
    const int64_t g[5] = {2024, 2024, 2024, 2023, 2023};
    const double v[5] = {30, 20, 20, 5, 9};
    double out[6]; /* 5 here, 6 below */
    CHECK_STATUS(
        aex_rank_groups(out, g, v, 5, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP, AEX_SCALE_RANK, 0),
        AEX_OK);
    const double want[5] = {1, 2, 2, 2, 1};
    CHECK(check_arrays(out, want, 5));
    /* Interleaved ids, 32-bit, one thread. */
    const int32_t g32[6] = {1, 2, 1, 2, 1, 2};
    const double w[6] = {3, 3, 1, NAN, 2, 4};
    CHECK_STATUS(
        aex_rank_groups_i32(out, g32, w, 6, AEX_RANK_ORDINAL, AEX_ORDER_ASCENDING, AEX_MISSING_KEEP, AEX_SCALE_RANK, 1),
        AEX_OK);
    const double want32[6] = {3, 1, 1, NAN, 2, 2};
    CHECK(check_arrays(out, want32, 6));
    /* In place. */
    double inplace[5] = {30, 20, 20, 5, 9};
    CHECK_STATUS(aex_rank_groups(inplace, g, inplace, 5, AEX_RANK_DENSE, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP,
                                 AEX_SCALE_RANK, 2),
                 AEX_OK);
    const double want_dense[5] = {1, 2, 2, 2, 1};
    CHECK(check_arrays(inplace, want_dense, 5));
}

static void test_groups_bad_input(void) {
    const int64_t g[4] = {1, 1, 2, 2};
    const double v[4] = {1, 2, 3, 4};
    double out[4] = {-7, -7, -7, -7};
    const double untouched[4] = {-7, -7, -7, -7};
    CHECK_STATUS(aex_rank_groups(out, NULL, v, 4, 0, 0, 0, 0, 0), AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "groups") != NULL);
    CHECK_STATUS(aex_rank_groups(out, g, NULL, 4, 0, 0, 0, 0, 0), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_rank_groups(NULL, g, v, 4, 0, 0, 0, 0, 0), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_rank_groups(out, g, v, -2, 0, 0, 0, 0, 0), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_rank_groups(out, g, v, 4, 0, 0, 0, 0, -1), AEX_E_OUT_OF_RANGE);
    CHECK(strstr(aex_last_error_message(), "threads") != NULL);
    CHECK_STATUS(aex_rank_groups(out, g, v, 4, 5, 0, 0, 0, 0), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_rank_groups(out, g, v, 4, 0, 2, 0, 0, 0), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_rank_groups(out, g, v, 4, 0, 0, 3, 0, 0), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_rank_groups(out, g, v, 4, 0, 0, 0, 9, 0), AEX_E_INVALID_ARGUMENT);
    CHECK(check_arrays(out, untouched, 4));
    /* Output overlapping the group ids is refused. */
    int64_t shared[4] = {1, 1, 2, 2};
    CHECK_STATUS(aex_rank_groups((double *)(void *)shared, shared, v, 4, 0, 0, 0, 0, 0), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "groups") != NULL);
    double buf[5] = {1, 2, 3, 4, 5};
    CHECK_STATUS(aex_rank_groups(buf + 1, g, buf, 4, 0, 0, 0, 0, 0), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_rank_groups(NULL, NULL, NULL, 0, 0, 0, 0, 0, 0), AEX_OK);
    CHECK_STATUS(aex_rank_groups_i32(NULL, NULL, NULL, 0, 0, 0, 0, 0, 0), AEX_OK);
}

static void test_spreadsheet_examples(void) {
    const double data[5] = {7, 3.5, 3.5, 1, 2};
    double r = 0;
    CHECK_STATUS(aex_rank_eq(&r, 7, data, 5, 1), AEX_OK);
    CHECK(r == 5);
    CHECK_STATUS(aex_rank_eq(&r, 2, data, 5, 0), AEX_OK);
    CHECK(r == 4);
    CHECK_STATUS(aex_rank_eq(&r, 3.5, data, 5, 1), AEX_OK);
    CHECK(r == 3);
    CHECK_STATUS(aex_rank_avg(&r, 3.5, data, 5, 0), AEX_OK);
    CHECK(r == 2.5);
    const double temps[7] = {89, 88, 92, 101, 94, 97, 95};
    CHECK_STATUS(aex_rank_avg(&r, 94, temps, 7, 0), AEX_OK);
    CHECK(r == 4);

    const double inc[10] = {13, 12, 11, 8, 4, 3, 2, 1, 1, 1};
    CHECK_STATUS(aex_percentrank_inc(&r, inc, 10, 2, 3, AEX_CONVENTION_EXCEL), AEX_OK);
    CHECK(r == 0.333);
    CHECK_STATUS(aex_percentrank_inc(&r, inc, 10, 4, 3, AEX_CONVENTION_EXCEL), AEX_OK);
    CHECK(r == 0.555);
    CHECK_STATUS(aex_percentrank_inc(&r, inc, 10, 8, 3, AEX_CONVENTION_EXCEL), AEX_OK);
    CHECK(r == 0.666);
    CHECK_STATUS(aex_percentrank_inc(&r, inc, 10, 5, 3, AEX_CONVENTION_EXCEL), AEX_OK);
    CHECK(r == 0.583);
    CHECK_STATUS(aex_percentrank_inc(&r, inc, 10, 4, 0, AEX_CONVENTION_EXCEL), AEX_OK);
    CHECK(r == 5.0 / 9);

    const double exc[9] = {1, 2, 3, 6, 6, 6, 7, 8, 9};
    CHECK_STATUS(aex_percentrank_exc(&r, exc, 9, 7, 0, AEX_CONVENTION_EXCEL), AEX_OK);
    CHECK(r == 0.7);
    CHECK_STATUS(aex_percentrank_exc(&r, exc, 9, 5.43, 3, AEX_CONVENTION_EXCEL), AEX_OK);
    CHECK(r == 0.381);
    CHECK_STATUS(aex_percentrank_exc(&r, exc, 9, 5.43, 1, AEX_CONVENTION_EXCEL), AEX_OK);
    CHECK(r == 0.3);
    /* LibreOffice Calc's convention: significant digits, rounded; EXC of one number is 1. */
    CHECK_STATUS(aex_percentrank_inc(&r, inc, 10, 4, 3, AEX_CONVENTION_CALC), AEX_OK);
    CHECK(r == 0.556);
    CHECK_STATUS(aex_percentrank_exc(&r, exc, 9, 5.43, 1, AEX_CONVENTION_CALC), AEX_OK);
    CHECK(r == 0.4);
    const double one[1] = {42};
    CHECK_STATUS(aex_percentrank_exc(&r, one, 1, 42, 0, AEX_CONVENTION_EXCEL), AEX_OK);
    CHECK(r == 0.5);
    CHECK_STATUS(aex_percentrank_exc(&r, one, 1, 42, 0, AEX_CONVENTION_CALC), AEX_OK);
    CHECK(r == 1);
    CHECK_STATUS(aex_percentrank_inc(&r, one, 1, 42, 2, 2), AEX_E_INVALID_ARGUMENT);
    /* NaN entries are empty cells. */
    const double holes[4] = {NAN, 1, NAN, 3};
    CHECK_STATUS(aex_percentrank_inc(&r, holes, 4, 2, 0, AEX_CONVENTION_EXCEL), AEX_OK);
    CHECK(r == 0.5);
}

static void test_spreadsheet_errors(void) {
    const double data[5] = {7, 3.5, 3.5, 1, 2};
    double r = -7;
    CHECK_STATUS(aex_rank_eq(&r, 5, data, 5, 0), AEX_E_NOT_FOUND);
    CHECK(strstr(aex_last_error_message(), "#N/A") != NULL);
    CHECK_STATUS(aex_rank_avg(&r, 5, NULL, 0, 0), AEX_E_NOT_FOUND);
    CHECK_STATUS(aex_rank_eq(&r, NAN, data, 5, 0), AEX_E_INVALID_ARGUMENT);
    /* Excel's order flag: any nonzero value ranks ascending. */
    CHECK_STATUS(aex_rank_eq(&r, 7, data, 5, -3), AEX_OK);
    CHECK(r == 5);
    r = -7;
    CHECK_STATUS(aex_rank_eq(NULL, 7, data, 5, 0), AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "out_rank") != NULL);
    CHECK_STATUS(aex_rank_eq(&r, 7, NULL, 5, 0), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_rank_avg(&r, 7, data, -1, 0), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_percentrank_inc(&r, data, 5, 0.5, 0, AEX_CONVENTION_EXCEL), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_percentrank_exc(&r, data, 5, 8, 0, AEX_CONVENTION_EXCEL), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_percentrank_inc(&r, NULL, 0, 1, 0, AEX_CONVENTION_EXCEL), AEX_E_INSUFFICIENT_DATA);
    const double nans[2] = {NAN, NAN};
    CHECK_STATUS(aex_percentrank_exc(&r, nans, 2, 1, 0, AEX_CONVENTION_EXCEL), AEX_E_INSUFFICIENT_DATA);
    CHECK_STATUS(aex_percentrank_inc(&r, data, 5, 2, -1, AEX_CONVENTION_EXCEL), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "significance") != NULL);
    CHECK_STATUS(aex_percentrank_inc(&r, data, 5, NAN, 0, AEX_CONVENTION_EXCEL), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_percentrank_inc(NULL, data, 5, 2, 0, AEX_CONVENTION_EXCEL), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_percentrank_exc(&r, NULL, 3, 2, 0, AEX_CONVENTION_EXCEL), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_percentrank_exc(&r, data, -3, 2, 0, AEX_CONVENTION_EXCEL), AEX_E_OUT_OF_RANGE);
    CHECK(r == -7); /* untouched by every failure */
}

int main(void) {
    test_version();
    test_status_strings();
    test_every_method();
    test_missing_policies();
    test_infinities_and_negative_zero();
    test_in_place();
    test_bad_input();
    test_scaled();
    test_groups();
    test_groups_bad_input();
    test_spreadsheet_examples();
    test_spreadsheet_errors();
    return check_finish("c/test_ranking");
}
