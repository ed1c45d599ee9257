"""Long horizons prefer damped trends (issue 18, "one answer to one question"): the rule of
docs/design.md §6, checked through project_series (the core's Explainer.project, as the CLI,
the report and the C API use it), with statsmodels' damped Holt as the oracle.

The rule, with n the periods of the shorter fit:
- an undamped trend (linear, log-linear, Holt) is carried at most max(1, n // 2) periods;
- a longer horizon uses damped Holt trends (φ estimated in [0.8, 0.995] when the series has
  6 periods or more, else φ = 0.98), carried at most 2n periods; the sentence says so;
- a series too short for a damped fit (< 5 periods) keeps its undamped trend, cut to n // 2.
No sentence calls a projection certain.
"""

import math
import warnings

import autoexports
import numpy as np
import pytest
from statsmodels.tsa.holtwinters import ExponentialSmoothing

warnings.simplefilter("ignore")  # statsmodels' convergence and estimation warnings


def rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(1.0, np.abs(b))))


def statsmodels_at_our_parameters(fit: dict, horizon: int):
    """statsmodels' damped Holt with our parameters and initial states (nothing estimated):
    its SSE and forecasts must be ours."""
    y = np.asarray(fit["values"], float)
    res = ExponentialSmoothing(
        y,
        trend="add",
        damped_trend=True,
        initialization_method="known",
        initial_level=fit["initial_level"],
        initial_trend=fit["initial_trend"],
    ).fit(
        smoothing_level=fit["smoothing_level"],
        smoothing_trend=fit["smoothing_trend"],
        damping_trend=fit["damping_trend"],
        optimized=False,
    )
    return res.sse, res.forecast(horizon)


@pytest.fixture(scope="module")
def embedded():
    # China's NEV exports 2021–2025 (5 years, CAAM) against Japan's total 2013–2025 (JAMA).
    return autoexports.project_series(None, "CHN", "JPN", subject_segment="nev", horizon=10)


def test_the_default_horizon_is_long_for_five_years_of_data_so_both_trends_are_damped(embedded):
    s, r, c = embedded.subject_fit, embedded.rival_fit, embedded.crossover
    assert s["count"] == 5 and r["count"] == 13
    # 10 years > 5 // 2: damped Holt for both, over the whole horizon asked (10 <= 2 * 5).
    assert s["model"] == "holt" and s["damped"] and r["model"] == "holt" and r["damped"]
    assert c["horizon"] == 10 and c["requested_horizon"] == 10
    assert c["subject"]["periods"] == list(range(2026, 2036))
    # Five periods cannot estimate φ as well as α, β, l0, b0: it is fixed at 0.98; Japan's
    # thirteen can, within statsmodels' bounds.
    assert s["damping_trend"] == 0.98 and "damping_trend" not in s["estimated"]
    assert "damping_trend" in r["estimated"] and 0.8 <= r["damping_trend"] <= 0.995
    sentence = embedded.sentence
    assert "Damped Holt trends replace the log-linear trends of China's NEV exports and Japan's exports" in sentence
    assert (
        "10 years ahead is further than an undamped trend is carried (2 years: half the 5 years of the shorter fit)"
        in sentence
    )
    assert "damped Holt (φ 0.98, fixed) fitted 2021–2025" in sentence
    assert "damped Holt (φ " in sentence and ", estimated) fitted 2013–2025" in sentence
    assert "certain" not in sentence.lower().replace("uncertain", "")


def test_the_damped_fits_are_statsmodels_damped_holt(embedded):
    """Oracle: statsmodels' ExponentialSmoothing(trend="add", damped_trend=True) on the same
    values. Estimated the same way (φ fixed at 0.98 for China, everything estimated for
    Japan), statsmodels reaches no lower SSE than ours; at our parameters it gives our SSE
    and our point forecasts, which are the ones the crossover compares."""
    for fit, forecast, fix_phi in (
        (embedded.subject_fit, embedded.crossover["subject"], True),
        (embedded.rival_fit, embedded.crossover["rival"], False),
    ):
        y = np.asarray(fit["values"], float)
        model = ExponentialSmoothing(y, trend="add", damped_trend=True, initialization_method="estimated")
        theirs = model.fit(damping_trend=0.98) if fix_phi else model.fit()
        assert fit["sse"] <= theirs.sse * (1 + 1e-9), (fit["sse"], theirs.sse)
        sse, mean = statsmodels_at_our_parameters(fit, 10)
        assert rel([sse], [fit["sse"]]) < 1e-9
        assert rel(forecast["mean"], mean) < 1e-9
    # The crossing the sentence reports is the first year China's forecast is above Japan's.
    s, r = np.asarray(embedded.crossover["subject"]["mean"]), np.asarray(embedded.crossover["rival"]["mean"])
    ahead = [2026 + j for j in range(10) if s[j] > r[j]]
    assert embedded.crossover["period"] == (ahead[0] if ahead else None)


def test_a_damped_trend_levels_off_where_the_undamped_one_explodes(embedded):
    """The damped forecast's yearly increments shrink by φ (the definition); the log-linear
    trend of the same five years would multiply by 1.63 a year."""
    mean = embedded.crossover["subject"]["mean"]
    steps = np.diff(mean)
    assert np.all(steps[1:] <= steps[:-1] * (1 + 1e-12))
    assert abs(steps[-1] / steps[-2] - 0.98) < 1e-9
    loglinear = autoexports.fit_trend(embedded.subject_fit["values"], first_period=2021, model="log-linear")
    assert loglinear.forecast(10).mean[-1] > 10 * mean[-1]


@pytest.mark.parametrize("horizon", [1, 2])
def test_a_horizon_within_half_the_fit_keeps_the_model_asked(horizon):
    p = autoexports.project_series(None, "CHN", "JPN", subject_segment="nev", horizon=horizon)
    assert p.subject_fit["model"] == "log-linear" and p.rival_fit["model"] == "log-linear"
    assert p.crossover["horizon"] == horizon
    assert "Damped" not in p.sentence and "Horizon limited" not in p.sentence


def test_one_period_past_half_the_fit_switches_to_damped():
    p = autoexports.project_series(None, "CHN", "JPN", subject_segment="nev", horizon=3, model="linear")
    assert p.subject_fit["damped"] and p.rival_fit["damped"] and p.crossover["horizon"] == 3
    assert "replace the linear trends of" in p.sentence


def test_twice_the_fit_is_the_outer_limit():
    p = autoexports.project_series(None, "CHN", "JPN", subject_segment="nev", horizon=30)
    assert p.crossover["horizon"] == 10 and p.crossover["requested_horizon"] == 30
    assert "Horizon limited to 10 years, twice the length of the shorter fit (asked: 30)." in p.sentence


def _panel(subject_values, rival_values, first=2016):
    p = autoexports.Panel()
    p.add(
        "KOR", [str(first + i) for i in range(len(subject_values))], subject_values, source="KAMA", scope="all_vehicles"
    )
    p.add(
        "MEX", [str(first + i) for i in range(len(rival_values))], rival_values, source="INEGI", scope="light_vehicles"
    )
    return p


def test_too_few_periods_for_a_damped_fit_keeps_the_undamped_trend_and_cuts_the_horizon():
    with _panel([100.0, 130.0, 170.0, 220.0], [400.0, 410.0, 420.0, 430.0, 440.0, 450.0]) as p:
        got = autoexports.project_series(p, "KOR", "MEX", horizon=10)
    assert got.subject_fit["model"] == "log-linear" and got.subject_fit["count"] == 4
    assert got.crossover["horizon"] == 2  # 4 // 2
    assert (
        "Horizon limited to 2 years, half the length of the shorter fit (asked: 10): too few periods for a "
        "damped trend: South Korea's exports have 4 (it needs 5)."
    ) in got.sentence


def test_a_damped_model_asked_for_is_kept_and_only_cut_at_twice_the_fit():
    with _panel(
        [100.0, 130.0, 170.0, 220.0, 260.0, 300.0, 330.0], [400.0, 410.0, 420.0, 430.0, 440.0, 450.0, 455.0]
    ) as p:
        got = autoexports.project_series(p, "KOR", "MEX", horizon=12, model="holt")
        long = autoexports.project_series(p, "KOR", "MEX", horizon=20, model="holt")
    # Holt asked (undamped) for 12 > 7 // 2: damped instead; 7 periods estimate φ.
    assert got.subject_fit["damped"] and "damping_trend" in got.subject_fit["estimated"]
    assert "Damped Holt trends replace the holt trends" in got.sentence
    assert got.crossover["horizon"] == 12 and long.crossover["horizon"] == 14
    assert not math.isnan(got.crossover["gap_at_origin"])


def test_the_cli_and_the_report_give_the_same_projection(embedded, tmp_path):
    """One answer to one question: `autoexports project CHN:nev JPN` and the report's section
    5 state the damped projection the library computes."""
    import json
    import subprocess
    from pathlib import Path

    cli = Path(__file__).resolve().parents[2] / ".build" / "release" / "autoexports"
    if not cli.exists():
        pytest.skip("the CLI is not built (make cli)")
    out = json.loads(
        subprocess.run(
            [str(cli), "project", "CHN:nev", "JPN", "--format", "json"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert out["crossover"]["period"] == embedded.crossover["period"]
    assert out["sentence"] == embedded.sentence
    report = json.loads(
        subprocess.run([str(cli), "report", "--format", "json"], capture_output=True, text=True, check=True).stdout
    )
    sec = next(s for s in report["sections"] if s["key"] == "projection")
    assert sec["fit"]["sentence"] == embedded.sentence
    assert any(line.startswith("Damped Holt trends replace the log-linear trends") for line in sec["lines"])
    assert any("damped Holt (φ 0.98, fixed) fitted 2021–2025" in line for line in sec["lines"])
    assert not any("log-linear fit" in line or "CAGR" in line for line in sec["lines"])
    assert not any("certain" in line and "never certain" not in line for line in sec["lines"])
