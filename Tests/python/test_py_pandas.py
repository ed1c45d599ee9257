"""pandas in, pandas out, and the Python calls as users write them (issue 23 items 10-12).

Oracles: pandas itself (Series.rank, groupby().rank), the CLI's own milestone order, the
library's answers for the same data given the way the functions always took it.
"""

from __future__ import annotations

import json
import subprocess

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")
import autoexports as ax  # noqa: E402


def test_rank_of_a_series_is_a_series_with_its_index_and_name():
    s = pd.Series([30.0, 20.0, np.nan, 20.0, 10.0], index=["CHN", "JPN", "ATL", "DEU", "KOR"], name="units")
    for method in ("average", "min", "max", "first", "dense"):
        got = ax.rank(s, method=method, ascending=False)
        want = s.rank(method=method, ascending=False)
        assert isinstance(got, pd.Series)
        pd.testing.assert_series_equal(got, want)
    got = ax.rank_groups(pd.Series(["2023", "2023", "2024"]), s.iloc[:3].fillna(1.0), method="min")
    assert isinstance(got, pd.Series) and got.index.tolist() == ["CHN", "JPN", "ATL"] and got.name == "units"
    assert isinstance(ax.rank(s.to_numpy()), np.ndarray) and isinstance(ax.rank([1, 2]), list)


def test_rank_groups_takes_text_periods_like_overtakes():
    periods = ["2023-3", "2023-03", "2023-10", "2023-10", "2023-3"]
    values = [5.0, 7.0, 1.0, 4.0, 6.0]
    codes = [ax.period_code(p) for p in periods]  # '2023-3' and '2023-03' are one month
    want = pd.DataFrame({"g": codes, "v": values}).groupby("g")["v"].rank(method="min").tolist()
    assert ax.rank_groups(periods, values, method="min") == want
    assert want == [1.0, 3.0, 1.0, 2.0, 2.0]
    dates = pd.Series(pd.to_datetime(["2023-03-01", "2023-03-01", "2023-10-01", "2023-10-01", "2023-03-01"]))
    assert ax.rank_groups(dates, values, method="min") == want


def test_project_series_is_a_dataclass_and_takes_none():
    with ax.Panel.reference() as p:
        given = ax.project_series(p, "CHN", "JPN", subject_segment="nev")
    embedded = ax.project_series(None, "CHN", "JPN", subject_segment="nev")
    assert type(embedded).__name__ == "SeriesProjection"
    assert embedded == given
    assert embedded.crossover == embedded.data["crossover"] == embedded["crossover"]
    assert embedded.sentence.startswith("At current trends") and embedded.subject["segment"] == "nev"
    # 10 years from China's 5 NEV years is a long horizon: damped Holt (docs/design.md §6).
    assert embedded.subject_fit["model"] == "holt" and embedded.subject_fit["damped"]


def test_explain_with_none_uses_the_embedded_data():
    with ax.Panel.reference() as p:
        want = ax.explain_overtake(p, "CHN", "JPN", 2023)
        gap = ax.explain_gap(p, "CHN", "JPN", 2022, 2023)
    got = ax.explain_overtake(None, "CHN", "JPN", "2023")
    assert got == want and got.is_overtake
    assert ax.explain_gap(None, "CHN", "JPN", "2022", 2023) == gap
    with pytest.raises(TypeError, match="Panel or None"):
        ax.explain_overtake("reference", "CHN", "JPN", 2023)


def test_explain_overtake_that_did_not_happen_says_so():
    with pytest.raises(
        ValueError,
        match=r"no such overtake: JPN \(4,422,682\) was not ahead of CHN \(4,910,000\) "
        r"in 2023",
    ) as e:
        ax.explain_overtake(None, "JPN", "CHN", 2023)
    assert isinstance(e.value, ax.AutoExportsError) and e.value.status_name == "AEX_E_NOT_FOUND"
    assert "nev value" not in str(e.value)


def test_bad_arguments_are_value_errors():
    with pytest.raises(ValueError):
        ax.period_code("spring")
    for call in (
        lambda: ax.explain_overtake(None, "CHN", "Atlantis", 2023),
        lambda: ax.project_series(None, "CHN", "JPN", horizon=0),
        lambda: ax.Panel.from_csv_text("exporter,period,metric,value\nCHN,2023,units,lots\n"),
    ):
        with pytest.raises(ValueError) as e:
            call()
        assert isinstance(e.value, ax.AutoExportsError) and isinstance(e.value, ax.InvalidArgumentError)
    assert issubclass(ax.InvalidArgumentError, ax.AutoExportsError)
    assert not issubclass(ax.AutoExportsError, ValueError)  # I/O and memory failures are not ValueErrors


def _cli_milestones(repo) -> list:
    cli = repo / ".build" / "release" / "autoexports"
    if not cli.exists():
        pytest.skip("the CLI is not built (make all)")
    doc = json.loads(
        subprocess.run([str(cli), "milestones", "--format", "json"], capture_output=True, text=True, check=True).stdout
    )
    return doc["milestones"]


def test_milestones_order_as_the_cli_and_frames_keep_the_notes(repo):
    cli = _cli_milestones(repo)
    ms = ax.milestones()
    assert [(m.period, m.kind, m.subject) for m in ms] == [(m["period"], m["kind"], m["subject"]) for m in cli]
    assert ms[0].period >= ms[-1].period
    oldest = ax.milestones(newest_first=False)
    assert list(oldest) == list(reversed(ms)) and oldest.notes == list(reversed(ms.notes))
    frame = ax.milestones(as_frame=True)
    assert frame["period"].tolist() == [m.period for m in ms]
    notes = frame.attrs["notes"]
    assert len(notes) == len(ms.notes) > 0
    assert any(n["kind"] == "rank_by_coverage" and "Japan has none for 2012" in n["sentence"] for n in notes)


def test_from_pandas_any_case_datetime_periods_and_a_default_metric():
    base = pd.DataFrame(
        {
            "exporter": ["CHN", "CHN", "JPN", "JPN"],
            "period": ["2022", "2023", "2022", "2023"],
            "metric": ["units"] * 4,
            "value": [3.11e6, 4.91e6, 3.81e6, 4.42e6],
        }
    )
    with ax.Panel.from_pandas(base) as p:
        want = p.to_pandas()
    variants = [
        base.rename(columns={"exporter": "Exporter", "period": "PERIOD", "value": "Value"}),
        base.drop(columns="metric"),
        base.assign(period=pd.to_datetime(base["period"] + "-01-01")),
        base.assign(period=pd.PeriodIndex(base["period"], freq="Y")),
        base.assign(period=base["period"].astype(int)),
    ]
    for df in variants:
        with ax.Panel.from_pandas(df) as p:
            pd.testing.assert_frame_equal(p.to_pandas(), want)
    monthly = base.assign(period=pd.to_datetime(["2023-01-01", "2023-02-01", "2023-01-01", "2023-02-01"]))
    with ax.Panel.from_pandas(monthly) as p:
        assert p.to_pandas()["period"].tolist() == ["2023-01", "2023-02", "2023-01", "2023-02"]
    quarterly = base.assign(period=pd.PeriodIndex(["2023Q1", "2023Q2"] * 2, freq="Q"))
    with ax.Panel.from_pandas(quarterly, metric="usd") as p:
        assert set(p.to_pandas()["period"]) == {"2023-Q1", "2023-Q2"}
    with ax.Panel.from_pandas(base.drop(columns="metric"), metric="usd") as p:
        assert set(p.to_pandas()["metric"]) == {"usd"}
    with pytest.raises(ValueError, match="not the first of a month"):
        ax.Panel.from_pandas(base.assign(period=pd.to_datetime(["2023-01-15"] * 4)))
    with pytest.raises(ValueError, match="two exporter columns"):
        ax.Panel.from_pandas(base.assign(Exporter=base["exporter"]))
    with pytest.raises(ValueError, match="row 2.*spring"):
        ax.Panel.from_pandas(base.assign(period=["2022", "2023", "spring", "2023"]))
