/* C tests of the Projection section: fits, forecasts, crossovers, JSON, handles, errors. */
#include "autoexports.h"
#include "check.h"

static const double chn_nev[5] = {310000, 679000, 1203000, 1284000, 2615000};                 /* 2021-2025 */
static const double jpn[7] = {4810000, 3740832, 3820000, 3813269, 4422682, 4210000, 4172815}; /* 2019-2025 */

static void test_linear_by_hand(void) {
    /* y = 1, 2, 4: slope 1.5, intercept 5/6, forecast at t = 3: 16/3. */
    const double y[3] = {1, 2, 4};
    aex_trend_fit *f = NULL;
    CHECK_STATUS(aex_trend_fit_values(&f, y, 3, 2020, AEX_TREND_LINEAR, 0), AEX_OK);
    double v = 0;
    CHECK_STATUS(aex_trend_fit_get(&v, f, AEX_TREND_FIELD_SLOPE), AEX_OK);
    CHECK(fabs(v - 1.5) < 1e-12);
    CHECK_STATUS(aex_trend_fit_get(&v, f, AEX_TREND_FIELD_LAST_PERIOD), AEX_OK);
    CHECK(v == 2022);
    CHECK_STATUS(aex_trend_fit_get(&v, f, AEX_TREND_FIELD_SMOOTHING_LEVEL), AEX_OK);
    CHECK(isnan(v));
    double mean[2], lo[2], hi[2];
    CHECK_STATUS(aex_trend_forecast(mean, 2, f, AEX_FORECAST_MEAN, 0.95), AEX_OK);
    CHECK_STATUS(aex_trend_forecast(lo, 2, f, AEX_FORECAST_LOWER, 0.95), AEX_OK);
    CHECK_STATUS(aex_trend_forecast(hi, 2, f, AEX_FORECAST_UPPER, 0.95), AEX_OK);
    CHECK(fabs(mean[0] - 16.0 / 3) < 1e-12 && lo[0] < mean[0] && mean[0] < hi[0]);
    CHECK(fabs((hi[0] - mean[0]) - (mean[0] - lo[0])) < 1e-9);
    int64_t n = -1;
    CHECK_STATUS(aex_trend_fit_fitted(NULL, 0, &n, f), AEX_OK);
    CHECK(n == 3);
    double fitted[3];
    CHECK_STATUS(aex_trend_fit_fitted(fitted, 2, &n, f), AEX_E_BUFFER_TOO_SMALL);
    CHECK(n == 3);
    CHECK_STATUS(aex_trend_fit_fitted(fitted, 3, &n, f), AEX_OK);
    CHECK(fabs(fitted[0] - 5.0 / 6) < 1e-12);
    CHECK(fabs(fitted[2] - (5.0 / 6 + 3)) < 1e-12);
    /* Deterministic: the same call gives the same bits. */
    double again[2];
    CHECK_STATUS(aex_trend_forecast(again, 2, f, AEX_FORECAST_MEAN, 0.95), AEX_OK);
    CHECK(check_arrays(again, mean, 2));
    CHECK_STATUS(aex_trend_fit_free(f), AEX_OK);
}

static void test_holt_given_parameters_by_hand(void) {
    /* alpha = beta = 0.5, l0 = 10, b0 = 1, y = 12, 13, 14.1875: forecasts 11, 12.75, 14.1875;
       final level 14.1875, trend 1.3125. */
    const double y[3] = {12, 13, 14.1875};
    aex_trend_fit *f = NULL;
    CHECK_STATUS(aex_trend_fit_holt(&f, y, 3, 0, 0, 0, 0.5, 0.5, NAN, 10, 1), AEX_OK);
    double v;
    CHECK_STATUS(aex_trend_fit_get(&v, f, AEX_TREND_FIELD_FINAL_TREND), AEX_OK);
    CHECK(fabs(v - 1.3125) < 1e-12);
    CHECK_STATUS(aex_trend_fit_get(&v, f, AEX_TREND_FIELD_SSE), AEX_OK);
    CHECK(fabs(v - 1.0625) < 1e-12);
    CHECK_STATUS(aex_trend_fit_get(&v, f, AEX_TREND_FIELD_DAMPING_TREND), AEX_OK);
    CHECK(v == 1);
    CHECK_STATUS(aex_trend_fit_free(f), AEX_OK);
    /* A damping factor without damped = 1 is refused. */
    CHECK_STATUS(aex_trend_fit_holt(&f, y, 3, 0, 0, 0, 0.5, 0.5, 0.9, 10, 1), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "damping_trend") != NULL);
    CHECK_STATUS(aex_trend_fit_holt(&f, y, 3, 0, 0, 2, 0.5, 0.5, 0.9, 10, 1), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "damped") != NULL);
}

static void test_crossover_and_json(void) {
    aex_trend_fit *nev = NULL, *japan = NULL;
    CHECK_STATUS(aex_trend_fit_values(&nev, chn_nev, 5, 2021, AEX_TREND_LOG_LINEAR, 0), AEX_OK);
    CHECK_STATUS(aex_trend_fit_values(&japan, jpn, 7, 2019, AEX_TREND_LINEAR, 0), AEX_OK);
    aex_crossover *c = NULL;
    CHECK_STATUS(aex_crossover_project(&c, nev, japan, 10, 0.95), AEX_OK);
    double origin, found, period, earliest, latest;
    CHECK_STATUS(aex_crossover_get(&origin, c, AEX_CROSSOVER_FIELD_ORIGIN), AEX_OK);
    CHECK_STATUS(aex_crossover_get(&found, c, AEX_CROSSOVER_FIELD_FOUND), AEX_OK);
    CHECK_STATUS(aex_crossover_get(&period, c, AEX_CROSSOVER_FIELD_PERIOD), AEX_OK);
    CHECK_STATUS(aex_crossover_get(&earliest, c, AEX_CROSSOVER_FIELD_EARLIEST), AEX_OK);
    CHECK_STATUS(aex_crossover_get(&latest, c, AEX_CROSSOVER_FIELD_LATEST), AEX_OK);
    CHECK(origin == 2025 && found == 1 && earliest <= period && (latest == AEX_NO_PERIOD || period <= latest));
    /* The recorded forecasts agree with the definition of period. */
    double s[10], r[10];
    CHECK_STATUS(aex_crossover_forecast(s, 10, c, AEX_CROSSOVER_SUBJECT, AEX_FORECAST_MEAN), AEX_OK);
    CHECK_STATUS(aex_crossover_forecast(r, 10, c, AEX_CROSSOVER_RIVAL, AEX_FORECAST_MEAN), AEX_OK);
    int first = -1;
    for (int j = 0; j < 10; j++)
        if (first < 0 && s[j] > r[j]) first = 2026 + j;
    CHECK(first == (int)period);
    CHECK_STATUS(aex_crossover_forecast(s, 9, c, AEX_CROSSOVER_SUBJECT, AEX_FORECAST_MEAN), AEX_E_OUT_OF_RANGE);
    /* JSON: size query, too small, exact. */
    int64_t len = -1;
    CHECK_STATUS(aex_crossover_json(NULL, 0, &len, c), AEX_OK);
    CHECK(len > 100);
    char small[16];
    CHECK_STATUS(aex_crossover_json(small, sizeof small, &len, c), AEX_E_BUFFER_TOO_SMALL);
    char *text = malloc((size_t)len + 1);
    CHECK_STATUS(aex_crossover_json(text, len + 1, &len, c), AEX_OK);
    CHECK(text && text[0] == '{' && (int64_t)strlen(text) == len && strstr(text, "\"sentence\"") != NULL);
    free(text);
    CHECK_STATUS(aex_trend_fit_json(NULL, 0, &len, nev, 3, 0.9), AEX_OK);
    text = malloc((size_t)len + 1);
    CHECK_STATUS(aex_trend_fit_json(text, len + 1, &len, nev, 3, 0.9), AEX_OK);
    CHECK(strstr(text, "\"model\":\"log-linear\"") != NULL && strstr(text, "\"forecast\"") != NULL);
    free(text);
    CHECK_STATUS(aex_crossover_free(c), AEX_OK);
    CHECK_STATUS(aex_trend_fit_free(nev), AEX_OK);
    CHECK_STATUS(aex_trend_fit_free(japan), AEX_OK);
}

static void test_errors_and_handles(void) {
    aex_trend_fit *f = NULL;
    const double two[2] = {1, 2}, bad[3] = {1, 0, 3}, gap[3] = {1, NAN, 3};
    CHECK_STATUS(aex_trend_fit_values(&f, two, 2, 0, AEX_TREND_LINEAR, 0), AEX_E_INSUFFICIENT_DATA);
    CHECK(strstr(aex_last_error_message(), "too few periods") != NULL && f == NULL);
    CHECK_STATUS(aex_trend_fit_values(&f, bad, 3, 0, AEX_TREND_LOG_LINEAR, 0), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "positive") != NULL);
    CHECK_STATUS(aex_trend_fit_values(&f, gap, 3, 0, AEX_TREND_LINEAR, 0), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_trend_fit_values(&f, two, 2, 0, 7, 0), AEX_E_INVALID_ARGUMENT);
    CHECK(strstr(aex_last_error_message(), "model") != NULL);
    CHECK_STATUS(aex_trend_fit_values(&f, NULL, 3, 0, 0, 0), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_trend_fit_values(NULL, two, 2, 0, 0, 0), AEX_E_NULL_POINTER);
    CHECK_STATUS(aex_trend_fit_values(&f, two, -1, 0, 0, 0), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_trend_fit_values(&f, two, 2, 0, 0, -1), AEX_E_OUT_OF_RANGE);
    /* Handles: NULL, freed, wrong kind. */
    double v;
    CHECK_STATUS(aex_trend_fit_get(&v, NULL, 0), AEX_E_INVALID_HANDLE);
    CHECK_STATUS(aex_trend_fit_free(NULL), AEX_OK);
    CHECK_STATUS(aex_crossover_free(NULL), AEX_OK);
    const double y[3] = {1, 2, 3}, later[3] = {1, 2, 3};
    aex_trend_fit *a = NULL, *b = NULL;
    CHECK_STATUS(aex_trend_fit_values(&a, y, 3, 2000, AEX_TREND_LINEAR, 0), AEX_OK);
    CHECK_STATUS(aex_trend_fit_values(&b, later, 3, 2010, AEX_TREND_LINEAR, 0), AEX_OK);
    aex_crossover *c = NULL;
    CHECK_STATUS(aex_crossover_project(&c, a, b, 5, 0.95), AEX_E_INSUFFICIENT_DATA);
    CHECK(strstr(aex_last_error_message(), "share no period") != NULL);
    CHECK_STATUS(aex_crossover_project(&c, a, a, 0, 0.95), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_crossover_project(&c, a, a, 5, 1.0), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_crossover_get(&v, (const aex_crossover *)a, 0), AEX_E_INVALID_HANDLE);
    CHECK(strstr(aex_last_error_message(), "expected a crossover") != NULL);
    double out[3];
    CHECK_STATUS(aex_trend_forecast(out, 0, a, AEX_FORECAST_MEAN, 0.95), AEX_E_OUT_OF_RANGE);
    CHECK_STATUS(aex_trend_forecast(out, 3, a, 5, 0.95), AEX_E_INVALID_ARGUMENT);
    CHECK_STATUS(aex_trend_fit_free(a), AEX_OK);
    CHECK_STATUS(aex_trend_fit_get(&v, a, 0), AEX_E_INVALID_HANDLE); /* use after free */
    CHECK_STATUS(aex_trend_fit_free(a), AEX_E_INVALID_HANDLE);       /* double free */
    CHECK_STATUS(aex_trend_fit_free(b), AEX_OK);
}

int main(void) {
    test_linear_by_hand();
    test_holt_given_parameters_by_hand();
    test_crossover_and_json();
    test_errors_and_handles();
    return check_finish("c/test_projection");
}
