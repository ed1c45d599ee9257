"""Projection against statsmodels (Holt, OLS, log-linear), scipy and brute-force oracles.

Agreement measured and asserted here:
- Holt with every parameter given: fitted values, SSE, final states and forecasts equal
  statsmodels' ExponentialSmoothing(initialization_method="known") to 1e-10 (relative).
- Holt with α, β, φ given and l0, b0 estimated: statsmodels searches l0, b0 numerically
  (L-BFGS-B); we solve them exactly, so our SSE is never above theirs (1e-9 slack).
- Holt fully estimated (statsmodels' defaults: initialization_method="estimated",
  L-BFGS-B after a brute grid): on every series our SSE <= theirs * (1 + 1e-9); on
  well-posed series (40 periods simulated from a Holt process) α, β, φ agree to 1e-3
  and the 3-step forecast to 1e-5 (relative).
- Holt intervals: equal to statsmodels ETSModel's analytic intervals (1e-9) at the same
  parameters and states.
- Linear and log-linear: coefficients, SSE and observation intervals equal statsmodels
  OLS (get_prediction(...).summary_frame()["obs_ci_*"]) to 1e-9.
"""

import math
import warnings

import autoexports
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from autoexports import AutoExportsError
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing

warnings.simplefilter("ignore")  # statsmodels' convergence and estimation warnings

CHN_TOTAL = [995000, 2015000, 3110000, 4910000, 5859000, 7098000]  # 2020-2025, CAAM
CHN_NEV = [310000, 679000, 1203000, 1284000, 2615000]  # 2021-2025, CAAM
JPN_TOTAL = [4810000, 3740832, 3820000, 3813269, 4422682, 4210000, 4172815]  # 2019-2025, JAMA


def simulate_holt(seed, n, alpha=0.6, beta=0.3, phi=1.0, sigma=1.0):
    rng = np.random.default_rng(seed)
    level, trend, y = 100.0, 2.0, []
    for _ in range(n):
        e = rng.normal(0, sigma)
        y.append(level + phi * trend + e)
        level, trend = level + phi * trend + alpha * e, phi * trend + alpha * beta * e
    return np.array(y)


def rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(1.0, np.abs(b))))


SERIES = [np.array(CHN_TOTAL, float), np.array(JPN_TOTAL, float)] + [
    simulate_holt(seed, n, phi=phi) for seed in range(4) for n in (8, 20) for phi in (1.0, 0.9)
]


@pytest.mark.parametrize("y", SERIES)
@pytest.mark.parametrize("damped", [False, True])
def test_holt_with_given_parameters_equals_statsmodels(y, damped):
    alpha, beta, phi, l0, b0 = 0.7, 0.2, (0.9 if damped else None), float(y[0]), float(y[1] - y[0])
    ours = autoexports.fit_trend(
        y,
        model="holt",
        damped=damped,
        smoothing_level=alpha,
        smoothing_trend=beta,
        damping_trend=phi,
        initial_level=l0,
        initial_trend=b0,
    )
    res = ExponentialSmoothing(
        y, trend="add", damped_trend=damped, initialization_method="known", initial_level=l0, initial_trend=b0
    ).fit(smoothing_level=alpha, smoothing_trend=beta, damping_trend=phi, optimized=False)
    assert rel(ours.fitted, res.fittedvalues) < 1e-10
    assert rel([ours.sse], [res.sse]) < 1e-10
    assert rel([ours.final_level, ours.final_trend], [res.level[-1], res.trend[-1]]) < 1e-10
    assert rel(ours.forecast(12).mean, res.forecast(12)) < 1e-10
    assert ours.estimated == []


@pytest.mark.parametrize("y", SERIES)
@pytest.mark.parametrize("damped", [False, True])
def test_holt_intervals_equal_statsmodels_ets_analytic_intervals(y, damped):
    fit = autoexports.fit_trend(y, model="holt", damped=damped)
    params = [fit.smoothing_level, fit.smoothing_level * fit.smoothing_trend]  # ETS β = α·β*
    if damped:
        params.append(fit.damping_trend)
    params += [fit.initial_level, fit.initial_trend]
    ets = ETSModel(pd.Series(y), error="add", trend="add", damped_trend=damped).smooth(params)
    assert rel(ets.fittedvalues, fit.fitted) < 1e-9
    n = len(y)
    for level in (0.8, 0.95):
        frame = ets.get_prediction(start=n, end=n + 9).summary_frame(alpha=1 - level)
        fc = fit.forecast(10, level)
        assert rel(fc.mean, frame["mean"]) < 1e-9
        assert rel(fc.lower, frame["pi_lower"]) < 1e-9
        assert rel(fc.upper, frame["pi_upper"]) < 1e-9


@pytest.mark.parametrize("y", SERIES)
@pytest.mark.parametrize("damped", [False, True])
def test_holt_initial_states_by_exact_least_squares_never_worse_than_statsmodels(y, damped):
    kw = dict(smoothing_level=0.5, smoothing_trend=0.25, damping_trend=0.95 if damped else None)
    ours = autoexports.fit_trend(y, model="holt", damped=damped, **kw)
    res = ExponentialSmoothing(y, trend="add", damped_trend=damped, initialization_method="estimated").fit(**kw)
    assert ours.sse <= res.sse * (1 + 1e-9)
    assert ours.estimated == ["initial_level", "initial_trend"]
    # The objective is a convex quadratic in (l0, b0): statsmodels gets close to the same point.
    assert rel([ours.initial_level], [res.params["initial_level"]]) < 1e-3 * max(1, abs(y).max())


ESTIMATION_CASES = [(y, d) for y in SERIES for d in (False, True)] + [
    (simulate_holt(seed, n, phi=0.9 if d else 1.0), d) for seed in range(10, 25) for n in (6, 12) for d in (False, True)
]


@pytest.mark.parametrize("y,damped", ESTIMATION_CASES)
def test_holt_estimation_reaches_statsmodels_minimum_or_lower(y, damped):
    ours = autoexports.fit_trend(y, model="holt", damped=damped)
    res = ExponentialSmoothing(y, trend="add", damped_trend=damped, initialization_method="estimated").fit()
    assert ours.sse <= res.sse * (1 + 1e-9), (ours.sse, res.sse)
    # Same objective, same bounds: statsmodels' SSE at our parameters is our SSE.
    check = ExponentialSmoothing(
        y,
        trend="add",
        damped_trend=damped,
        initialization_method="known",
        initial_level=ours.initial_level,
        initial_trend=ours.initial_trend,
    ).fit(
        smoothing_level=ours.smoothing_level,
        smoothing_trend=ours.smoothing_trend,
        damping_trend=ours.damping_trend if damped else None,
        optimized=False,
    )
    assert rel([check.sse], [ours.sse]) < 1e-9
    eps = np.sqrt(np.finfo(float).eps)
    assert eps <= ours.smoothing_level <= 1 - eps and 0 <= ours.smoothing_trend <= ours.smoothing_level
    if damped:
        assert 0.8 <= ours.damping_trend <= 0.995


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("damped", [False, True])
def test_holt_estimated_parameters_agree_with_statsmodels_on_well_posed_series(seed, damped):
    y = simulate_holt(seed, 40, phi=0.9 if damped else 1.0)
    ours = autoexports.fit_trend(y, model="holt", damped=damped)
    res = ExponentialSmoothing(y, trend="add", damped_trend=damped, initialization_method="estimated").fit()
    p = res.params
    assert abs(ours.smoothing_level - p["smoothing_level"]) < 1e-3
    assert abs(ours.smoothing_trend - p["smoothing_trend"]) < 1e-3
    if damped:
        assert abs(ours.damping_trend - p["damping_trend"]) < 1e-3
    assert rel(ours.forecast(3).mean, res.forecast(3)) < 1e-5


@pytest.mark.parametrize("y", [CHN_TOTAL, JPN_TOTAL, CHN_NEV, [1.0, 2.0, 4.0], list(simulate_holt(3, 25))])
@pytest.mark.parametrize("level", [0.8, 0.95, 0.99])
def test_linear_equals_statsmodels_ols(y, level):
    y = np.asarray(y, float)
    n = len(y)
    fit = autoexports.fit_trend(y, first_period=2000, model="linear")
    X = sm.add_constant(np.arange(n, dtype=float))
    ols = sm.OLS(y, X).fit()
    assert rel([fit.intercept, fit.slope], ols.params) < 1e-9
    assert rel([fit.sse], [ols.ssr]) < 1e-9 and rel([fit.sigma2], [ols.scale]) < 1e-9
    frame = ols.get_prediction(sm.add_constant(np.arange(n, n + 7, dtype=float))).summary_frame(alpha=1 - level)
    fc = fit.forecast(7, level)
    assert fc.periods == list(range(2000 + n, 2000 + n + 7))
    assert rel(fc.mean, frame["mean"]) < 1e-9
    assert rel(fc.lower, frame["obs_ci_lower"]) < 1e-9 and rel(fc.upper, frame["obs_ci_upper"]) < 1e-9


@pytest.mark.parametrize("y", [CHN_TOTAL, JPN_TOTAL, CHN_NEV, [3.0, 5.0, 4.0, 9.0]])
def test_log_linear_equals_statsmodels_ols_on_logs_and_reports_cagr(y):
    y = np.asarray(y, float)
    n = len(y)
    fit = autoexports.fit_trend(y, model="log-linear")
    ols = sm.OLS(np.log(y), sm.add_constant(np.arange(n, dtype=float))).fit()
    assert rel([fit.intercept, fit.slope], ols.params) < 1e-12
    assert abs(fit.cagr - math.expm1(ols.params[1])) < 1e-12
    frame = ols.get_prediction(sm.add_constant(np.arange(n, n + 5, dtype=float))).summary_frame(alpha=0.05)
    fc = fit.forecast(5)
    assert rel(fc.mean, np.exp(frame["mean"])) < 1e-10
    assert rel(fc.lower, np.exp(frame["obs_ci_lower"])) < 1e-10
    assert rel(fc.upper, np.exp(frame["obs_ci_upper"])) < 1e-10


def test_exact_geometric_growth_gives_its_cagr():
    fit = autoexports.fit_trend([100 * 1.3**k for k in range(6)], model="log-linear")
    assert abs(fit.cagr - 0.3) < 1e-12


def brute_force_crossover(s, r, origin):
    """The definitions of docs/design.md §6 applied to the two aligned forecasts, by a plain loop."""
    period = earliest = latest = None
    for j, p in enumerate(range(origin + 1, origin + 1 + len(s.mean))):
        if period is None and s.mean[j] > r.mean[j]:
            period = p
        if earliest is None and s.upper[j] > r.lower[j]:
            earliest = p
        if latest is None and s.lower[j] > r.upper[j]:
            latest = p
    return period, earliest, latest


@pytest.mark.parametrize(
    "models", [("log-linear", "linear"), ("linear", "linear"), ("holt", "linear"), ("log-linear", "holt")]
)
def test_projected_crossover_matches_brute_force_on_the_forecasts(models):
    nev = autoexports.fit_trend(CHN_NEV, first_period=2021, model=models[0])
    jpn = autoexports.fit_trend(JPN_TOTAL, first_period=2019, model=models[1])
    c = autoexports.project_crossover(nev, jpn, horizon=15)
    assert c.origin == 2025 and c.subject.periods == list(range(2026, 2041))
    assert rel(c.subject.mean, nev.forecast(15).mean) < 1e-12
    assert rel(c.rival.upper, jpn.forecast(15).upper) < 1e-12
    assert (c.period, c.earliest, c.latest) == brute_force_crossover(c.subject, c.rival, c.origin)
    assert c.found == (c.period is not None)
    assert not c.subject_ahead_at_origin and c.gap_at_origin == CHN_NEV[-1] - JPN_TOTAL[-1]
    if c.period is not None:
        assert c.period - 1 <= c.crossing_point <= c.period
        assert c.earliest <= c.period and (c.latest is None or c.period <= c.latest)


def test_series_ending_in_different_years_are_compared_on_common_future_years():
    s = autoexports.fit_trend([0, 10, 20], first_period=2020)
    r = autoexports.fit_trend([45, 47, 49, 51], first_period=2020)
    c = autoexports.project_crossover(s, r, horizon=5)
    assert c.origin == 2023 and c.subject.periods[0] == 2024
    assert rel(c.subject.mean, [40, 50, 60, 70, 80]) < 1e-12
    # Gaps: 2024 40-53, 2025 50-55 = -5, 2026 60-57 = +3: first ahead 2026, crossing 2025 + 5/8.
    assert c.period == 2026 and abs(c.crossing_point - 2025.625) < 1e-12


def test_no_crossover_within_the_horizon_says_so():
    s = autoexports.fit_trend([1, 2, 3], first_period=2020)
    r = autoexports.fit_trend([100, 101, 102], first_period=2020)
    c = autoexports.project_crossover(s, r, horizon=10)
    assert not c.found and c.period is None and c.crossing_point is None
    assert "would not exceed the rival within 10 periods (to 2032)" in c.sentence


@pytest.mark.parametrize(
    "call,status,words",
    [
        (lambda: autoexports.fit_trend([1, 2], model="linear"), "AEX_E_INSUFFICIENT_DATA", "needs at least 3, got 2"),
        (lambda: autoexports.fit_trend([1, 2, 3, 4], model="holt"), "AEX_E_INSUFFICIENT_DATA", "needs at least 5"),
        (lambda: autoexports.fit_trend([1, 0, 3], model="log-linear"), "AEX_E_INVALID_ARGUMENT", "positive values"),
        (lambda: autoexports.fit_trend([1, -2, 3], model="log-linear"), "AEX_E_INVALID_ARGUMENT", "values[1] is -2"),
        (lambda: autoexports.fit_trend([1, math.nan, 3]), "AEX_E_INVALID_ARGUMENT", "not a finite number"),
        (lambda: autoexports.fit_trend([1, 2, 3]).forecast(0), "AEX_E_OUT_OF_RANGE", "horizon 0"),
        (lambda: autoexports.fit_trend([1, 2, 3]).forecast(1001), "AEX_E_OUT_OF_RANGE", "horizon 1001"),
        (lambda: autoexports.fit_trend([1, 2, 3]).forecast(5, level=1.5), "AEX_E_OUT_OF_RANGE", "level"),
        (
            lambda: autoexports.project_crossover(
                autoexports.fit_trend([1, 2, 3], first_period=2000), autoexports.fit_trend([1, 2, 3], first_period=2010)
            ),
            "AEX_E_INSUFFICIENT_DATA",
            "share no period (subject 2000–2002, rival 2010–2012)",
        ),
        (
            lambda: autoexports.fit_trend([1, 2, 3, 4, 5], model="holt", smoothing_level=0.2, smoothing_trend=0.5),
            "AEX_E_INVALID_ARGUMENT",
            "smoothing_trend",
        ),
    ],
)
def test_bad_input_is_a_clear_error(call, status, words):
    with pytest.raises(AutoExportsError) as e:
        call()
    assert e.value.status_name == status
    assert words in e.value.message


def test_unknown_model_name_is_a_value_error():
    with pytest.raises(ValueError, match="model"):
        autoexports.fit_trend([1, 2, 3], model="quadratic")


def test_window_fits_the_last_periods_only():
    fit = autoexports.fit_trend([100, -50, 1, 2, 3], first_period=2000, window=3)
    assert (fit.first_period, fit.last_period, fit.values) == (2002, 2004, [1.0, 2.0, 3.0])


def test_closed_fit_cannot_forecast_and_forecast_frame():
    fit = autoexports.fit_trend([1, 2, 4], first_period=2020)
    frame = fit.forecast(2).to_frame()
    assert list(frame.index) == [2023, 2024] and list(frame.columns) == ["mean", "lower", "upper"]
    with fit:
        pass
    with pytest.raises(ValueError, match="closed"):
        fit.forecast(2)


def test_c_accessors_agree_with_the_dataclass():
    import ctypes

    lib = autoexports.lib()
    fit = autoexports.fit_trend(CHN_TOTAL, first_period=2020, model="log-linear")
    h = fit._handle.get()
    v = ctypes.c_double()
    lib.aex_trend_fit_get(ctypes.addressof(v), h, 9)  # AEX_TREND_FIELD_CAGR
    assert v.value == fit.cagr
    n = ctypes.c_int64()
    lib.aex_trend_fit_fitted(None, 0, ctypes.addressof(n), h)
    assert n.value == 6
    buf = (ctypes.c_double * 6)()
    lib.aex_trend_fit_fitted(ctypes.addressof(buf), 6, ctypes.addressof(n), h)
    assert list(buf) == fit.fitted
    with pytest.raises(AutoExportsError) as e:
        lib.aex_trend_fit_fitted(ctypes.addressof(buf), 5, ctypes.addressof(n), h)
    assert e.value.status_name == "AEX_E_BUFFER_TOO_SMALL" and n.value == 6
    with pytest.raises(AutoExportsError) as e:
        lib.aex_trend_fit_get(ctypes.addressof(v), h, 99)
    assert e.value.status_name == "AEX_E_INVALID_ARGUMENT" and "field" in e.value.message
    with pytest.raises(AutoExportsError) as e:
        lib.aex_crossover_get(ctypes.addressof(v), h, 0)  # a fit where a crossover is expected
    assert e.value.status_name == "AEX_E_INVALID_HANDLE"
