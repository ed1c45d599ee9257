"""Explain through the C ABI and Python on the embedded reference data; oracles are the
figures of shared/data/reference/exports.csv worked by hand, and pandas on random panels."""

import autoexports
import numpy as np
import pandas as pd
import pytest
from autoexports import AutoExportsError, Panel


@pytest.fixture(scope="module")
def ref():
    return Panel.reference()


def test_2023_overtake_is_ev_decisive_without_ev_exports(ref):
    o = autoexports.explain_overtake(ref, "CHN", "JPN", 2023)
    assert o.is_overtake and o.margin == 4910000 - 4422682
    assert o.data["without_ev_exports"]["subject_value"] == 3707000  # China's non-NEV exports
    assert o.without_ev_exports_margin == 3707000 - 4422682 and o.ev_decisive
    assert o.ev_growth == 524000 and abs(o.ev_share_of_growth - 524000 / 1800000) < 1e-12  # about 29%
    assert "overtook Japan" in o.sentence


def test_2024_lead_survives_without_nevs(ref):
    o = autoexports.explain_overtake(ref, "CHN", "JPN", 2024)
    assert not o.is_overtake and not o.ev_decisive
    assert o.without_ev_exports_margin == 5859000 - 1284000 - 4210000 > 0


def test_change_and_gap_add_up(ref):
    c = autoexports.explain_change(ref, "CHN", 2022, 2023)
    assert c.total_change == 1800000 and sum(p["change"] for p in c.parts) == c.total_change
    assert c.ev_change == 524000 and c.unexplained == 0
    g = autoexports.explain_gap(ref, "CHN", "JPN", 2022, 2023)
    assert not g.rival_split and g.gap_change == 1800000 - (4422682 - 3813269) and g.ev_contribution == 524000


def test_projection_across_segments_matches_fit_trend(ref):
    d = autoexports.project_series(ref, "CHN", "JPN", subject_segment="nev", horizon=10)
    nev = autoexports.fit_trend([310000, 679000, 1203000, 1284000, 2615000], first_period=2021, model="log-linear")
    # JAMA's consecutive years after the 2012 gap (exports.csv): 2013–2025.
    jpn = autoexports.fit_trend(
        [
            4676000,
            4465635,
            4578078,
            4634097,
            4705848,
            4817650,
            4810000,
            3740832,
            3820000,
            3813269,
            4422682,
            4210000,
            4172815,
        ],
        first_period=2013,
        model="log-linear",
    )
    # Within half the shorter fit (5 years: 2) the log-linear trends are used as asked.
    short = autoexports.project_series(ref, "CHN", "JPN", subject_segment="nev", horizon=2)
    c = autoexports.project_crossover(nev, jpn, horizon=2)
    assert short["crossover"]["horizon"] == 2 and short["crossover"]["requested_horizon"] == 2
    assert short["crossover"]["period"] == c.period and short["crossover"]["subject"]["mean"] == c.subject.mean
    assert abs(short["subject_fit"]["cagr"] - nev.cagr) < 1e-15
    # The horizon asked (10) is longer: damped Holt trends (docs/design.md §6), φ = 0.98 for
    # the five NEV years, estimated for Japan's thirteen, over the whole 10 years (≤ 2 × 5).
    nev_d = autoexports.fit_trend(nev.values, first_period=2021, model="holt", damped=True, damping_trend=0.98)
    jpn_d = autoexports.fit_trend(jpn.values, first_period=2013, model="holt", damped=True)
    c = autoexports.project_crossover(nev_d, jpn_d, horizon=10)
    assert d["crossover"]["horizon"] == 10 and d["crossover"]["requested_horizon"] == 10
    assert d["crossover"]["period"] == c.period and d["crossover"]["subject"]["mean"] == c.subject.mean
    assert d["crossover"]["rival"]["mean"] == c.rival.mean


def test_random_panels_decompose_exactly_like_pandas():
    rng = np.random.default_rng(7)
    for _ in range(10):
        years = np.arange(2010, 2020, dtype=np.int32)
        frames = {}
        for e in ("CHN", "JPN"):
            total = rng.integers(1_000_000, 9_000_000, len(years)).astype(float)
            nev = np.floor(total * rng.uniform(0, 0.6, len(years)))
            frames[e] = pd.DataFrame({"total": total, "nev": nev}, index=years)
        lib = autoexports.lib()
        q = Panel()
        for e, df in frames.items():
            for seg, code in (("total", 0), ("nev", 7)):
                vals = np.ascontiguousarray(df[seg].to_numpy())
                lib.aex_panel_add(
                    q._h(),
                    e.encode(),
                    code,
                    b"units",
                    b"S",
                    b"all_vehicles",
                    years.ctypes.data,
                    vals.ctypes.data,
                    len(years),
                )
        t0, t1 = sorted(rng.choice(years, 2, replace=False))
        c = autoexports.explain_change(q, "CHN", int(t0), int(t1))
        df = frames["CHN"]
        want_nev = df.loc[t1, "nev"] - df.loc[t0, "nev"]
        want_conv = (df.loc[t1, "total"] - df.loc[t1, "nev"]) - (df.loc[t0, "total"] - df.loc[t0, "nev"])
        assert [x["change"] for x in c.parts] == [want_nev, want_conv]
        assert c.parts[0]["change"] + c.parts[1]["change"] == c.total_change and c.unexplained == 0
        g = autoexports.explain_gap(q, "CHN", "JPN", int(t0), int(t1))
        assert g.rival_split and sum(x["contribution"] for x in g.parts) == g.gap_change


@pytest.mark.parametrize(
    "call,status,words",
    [
        (
            lambda r: autoexports.explain_change(r, "JPN", 2022, 2023),
            "AEX_E_INSUFFICIENT_DATA",
            "no split of its total",
        ),
        (
            lambda r: autoexports.explain_overtake(r, "CHN", "JPN", 2021),
            "AEX_E_NOT_FOUND",
            "no such overtake: CHN (2,015,000) was not ahead of JPN (3,820,000) in 2021",
        ),
        (
            lambda r: autoexports.explain_overtake(r, "CHN", "JPN", 2012),
            "AEX_E_INSUFFICIENT_DATA",
            "JPN has no total value for 2012",
        ),
        (lambda r: autoexports.explain_overtake(r, "CHN", "CHN", 2023), "AEX_E_INVALID_ARGUMENT", "both CHN"),
        (lambda r: autoexports.explain_overtake(r, "CHN", "Atlantis", 2023), "AEX_E_NOT_FOUND", "rival"),
        (lambda r: autoexports.explain_change(r, "CHN", 2022, 0), "AEX_E_INVALID_ARGUMENT", "to_period"),
        (lambda r: autoexports.project_series(r, "CHN", "JPN", "nev", horizon=0), "AEX_E_OUT_OF_RANGE", "horizon"),
    ],
)
def test_bad_input_is_a_clear_error(ref, call, status, words):
    with pytest.raises(AutoExportsError) as e:
        call(ref)
    assert e.value.status_name == status and words in e.value.message
