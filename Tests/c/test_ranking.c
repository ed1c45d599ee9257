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
    const double want[5][4] = {
        {1, 2, 2, 4}, {1, 3, 3, 4}, {1, 2.5, 2.5, 4}, {1, 2, 2, 3}, {1, 2, 3, 4}};
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

int main(void) {
    test_version();
    test_status_strings();
    test_every_method();
    test_missing_policies();
    test_infinities_and_negative_zero();
    test_in_place();
    test_bad_input();
    return check_finish("c/test_ranking");
}
