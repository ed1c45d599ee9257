/* C tests of the Model section: periods and exporters as text.  Expected codes follow the
** header's encoding (YYYY, YYYYQ, YYYYMM) and ISO 3166-1 / UN M49 tables, not the code. */
#include "autoexports.h"
#include "check.h"

static void test_period_parse(void) {
    const struct {
        const char *text;
        int32_t code;
    } ok[] = {
        {"2023", 2023},      {" 2023 ", 2023},   {"2023-Q1", 20231},  {"2023Q4", 20234}, {"2023-q2", 20232},
        {"2023-03", 202303}, {"2023-3", 202303}, {"2023M12", 202312}, {"0001", 1},       {"9999-12", 999912},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int32_t p = -1;
        CHECK_STATUS(aex_period_parse(&p, ok[i].text), AEX_OK);
        CHECK(p == ok[i].code);
    }
    const char *bad[] = {"",     "23",    "2023-Q5",  "2023-Q0", "2023-13", "2023-00",
                         "20x3", "2023-", "2023-Q12", "0000",    "2023/03"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t p = 77;
        CHECK_STATUS(aex_period_parse(&p, bad[i]), AEX_E_PARSE);
        CHECK(p == 77); /* untouched on failure */
        CHECK(strstr(aex_last_error_message(), "text") != NULL);
    }
    CHECK_STATUS(aex_period_parse(NULL, "2023"), AEX_E_NULL_POINTER);
    int32_t p;
    CHECK_STATUS(aex_period_parse(&p, NULL), AEX_E_NULL_POINTER);
    CHECK(strstr(aex_last_error_message(), "text") != NULL);
}

static void test_period_format(void) {
    char t[16];
    int64_t len = -1;
    CHECK_STATUS(aex_period_format(t, sizeof t, &len, 2023), AEX_OK);
    CHECK(strcmp(t, "2023") == 0 && len == 4);
    CHECK_STATUS(aex_period_format(t, sizeof t, &len, 20231), AEX_OK);
    CHECK(strcmp(t, "2023-Q1") == 0 && len == 7);
    CHECK_STATUS(aex_period_format(t, sizeof t, &len, 202303), AEX_OK);
    CHECK(strcmp(t, "2023-03") == 0);
    CHECK_STATUS(aex_period_format(NULL, 0, &len, 202303), AEX_OK); /* size query */
    CHECK(len == 7);
    CHECK_STATUS(aex_period_format(t, 4, &len, 202303), AEX_E_BUFFER_TOO_SMALL);
    CHECK(len == 7);
    const int32_t bad[] = {0, -2023, 20230, 20235, 202300, 202313, 1000000, INT32_MIN};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_STATUS(aex_period_format(t, sizeof t, &len, bad[i]), AEX_E_INVALID_ARGUMENT);
    /* Round trip over every month, quarter and year of two centuries. */
    int round = 1;
    for (int32_t y = 1950; y <= 2149 && round; y++) {
        int32_t codes[17];
        int k = 0;
        codes[k++] = y;
        for (int q = 1; q <= 4; q++) codes[k++] = y * 10 + q;
        for (int m = 1; m <= 12; m++) codes[k++] = y * 100 + m;
        for (int i = 0; i < k; i++) {
            int32_t back = 0;
            round &= aex_period_format(t, sizeof t, &len, codes[i]) == AEX_OK && aex_period_parse(&back, t) == AEX_OK &&
                back == codes[i];
        }
    }
    CHECK(round);
}

static void test_exporter_resolve(void) {
    const struct {
        const char *name, *code;
    } ok[] = {
        {"CHN", "CHN"}, {"chn", "CHN"},     {"China", "CHN"},       {"156", "CHN"},
        {"392", "JPN"}, {"Japan", "JPN"},   {"Korea, Rep.", "KOR"}, {"T\xc3\xbcrkiye", "TUR"},
        {"276", "DEU"}, {"Germany", "DEU"}, {"484", "MEX"},
    };
    char c[8];
    int64_t len = 0;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        CHECK_STATUS(aex_exporter_resolve(c, sizeof c, &len, ok[i].name), AEX_OK);
        CHECK(strcmp(c, ok[i].code) == 0 && len == 3);
    }
    CHECK_STATUS(aex_exporter_resolve(c, sizeof c, &len, "Atlantis"), AEX_E_NOT_FOUND);
    CHECK(strstr(aex_last_error_message(), "Atlantis") != NULL);
    CHECK_STATUS(aex_exporter_resolve(c, 2, &len, "China"), AEX_E_BUFFER_TOO_SMALL);
    CHECK(len == 3);
    CHECK_STATUS(aex_exporter_resolve(c, sizeof c, &len, NULL), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_exporter_resolve(c, sizeof c, &len, "\xff\xfe"), AEX_E_INVALID_ARGUMENT);
}

int main(void) {
    (void)check_arrays;
    test_period_parse();
    test_period_format();
    test_exporter_resolve();
    return check_finish("c/test_model");
}
