"""Destination markets in Python (issue 19): explain_destinations, explain_market_overtake,
market_league_table and the partner column of Panel.from_pandas / to_pandas / read_csv.

pandas is the oracle: the tidy rows the panel is built from are grouped by partner, and
the per-partner changes, shares, the rest of world and the exact sum must be what the
library reports."""

from __future__ import annotations

import math

import autoexports as ae
import pandas as pd
import pytest

# China's exports (to the world and to four markets) and Japan's total, two years; one
# source and scope, so that every market is like for like with the total.
ROWS = [
    # exporter, partner, period, value
    ("CHN", "WLD", 2022, 3_110_000),
    ("CHN", "WLD", 2023, 4_910_000),
    ("CHN", "RUS", 2022, 160_000),
    ("CHN", "RUS", 2023, 909_000),
    ("CHN", "MEX", 2022, 240_000),
    ("CHN", "MEX", 2023, 415_000),
    ("CHN", "BEL", 2022, 210_000),
    ("CHN", "BEL", 2023, 260_000),
    ("CHN", "AUS", 2022, 190_000),
    ("CHN", "AUS", 2023, 180_000),
    ("JPN", "WLD", 2022, 3_800_000),
    ("JPN", "WLD", 2023, 4_420_000),
]


def tidy() -> pd.DataFrame:
    df = pd.DataFrame(ROWS, columns=["exporter", "partner", "period", "value"])
    return df.assign(source="CAAM", scope="all_vehicles", period=df["period"].astype(str))


@pytest.fixture()
def panel():
    p = ae.Panel.from_pandas(tidy())
    yield p
    p.close()


def oracle_changes(df: pd.DataFrame, exporter: str = "CHN") -> pd.Series:
    """Per-partner change 2022 -> 2023 of the tidy rows, by pandas."""
    wide = df[df.exporter == exporter].pivot_table(index="partner", columns="period", values="value", aggfunc="sum")
    return (wide["2023"] - wide["2022"]).astype(float)


def test_split_by_partner_matches_pandas_groupby(panel):
    got = ae.explain_destinations(panel, "CHN", 2022, 2023)
    want = oracle_changes(tidy())
    markets = got[~got.is_rest_of_world].set_index("partner")["change"]
    assert sorted(markets.index) == sorted(p for p in want.index if p != "WLD")
    for partner, change in markets.items():
        assert change == want[partner], partner
    # Rest of world: the total's change minus the markets', by pandas.
    row = got[got.is_rest_of_world]
    assert list(row.partner) == ["ROW"]
    assert row.change.iloc[0] == want["WLD"] - want.drop("WLD").sum()
    # The exact sum: the rows in it add up to the total's change exactly.
    assert got[got.in_exact_sum].change.sum() == got.attrs["total_change"] == want["WLD"]


def test_shares_of_the_change_and_order(panel):
    got = ae.explain_destinations(panel, "CHN", "2022", "2023")
    want = oracle_changes(tidy())
    for _, r in got.iterrows():
        assert r.share == pytest.approx(r.change / want["WLD"], rel=1e-15)
    markets = got[~got.is_rest_of_world]
    assert list(markets.change) == sorted(markets.change, reverse=True)  # largest change first
    assert got.partner.iloc[-1] == "ROW"  # rest of world last
    assert got.partner.iloc[0] == "RUS"


def test_one_period_values_and_shares_of_the_total(panel):
    got = ae.explain_destinations(panel, "CHN", to_period=2023)
    df = tidy()
    y23 = df[(df.exporter == "CHN") & (df.period == "2023")].set_index("partner")["value"].astype(float)
    for _, r in got[~got.is_rest_of_world].iterrows():
        assert r.to == y23[r.partner]
        assert r.share == pytest.approx(y23[r.partner] / y23["WLD"], rel=1e-15)
        assert math.isnan(r["from"])
    assert got[got.is_rest_of_world].to.iloc[0] == y23["WLD"] - y23.drop("WLD").sum()
    assert got.attrs["from"] is None and got.attrs["to"] == "2023"


def test_dataframe_columns_attrs_and_json(panel):
    got = ae.explain_destinations(panel, "CHN", 2022, 2023)
    assert list(got.columns) == ae.DESTINATION_COLUMNS
    assert set(got.to_source.dropna()) == {"CAAM"} and set(got.to_scope.dropna()) == {"all_vehicles"}
    assert got.attrs["exporter"] == "CHN" and got.attrs["sentence"]
    d = ae.destinations_json(panel, "CHN", 2022, 2023)
    assert d["kind"] == "destinations" and [x["partner"] for x in d["lines"]] == list(got.partner)


def test_not_like_for_like_is_left_out_of_the_exact_sum():
    df = tidy()
    df.loc[(df.partner == "RUS") & (df.period == "2022"), ["source", "scope"]] = ["GACC", "passenger_cars"]
    with ae.Panel.from_pandas(df) as p:
        got = ae.explain_destinations(p, "CHN", 2022, 2023).set_index("partner")
        assert not got.loc["RUS", "like_for_like"] and not got.loc["RUS", "in_exact_sum"]
        assert math.isnan(got.loc["RUS", "change"])
        assert "not like for like" in got.loc["RUS", "note"]
        assert got.loc["RUS", "from_source"] == "GACC" and got.loc["RUS", "to_source"] == "CAAM"
        assert any("Russia" in w for w in got.attrs["warnings"])


def test_market_overtake_counterfactual_by_pandas(panel):
    o = ae.explain_market_overtake(panel, "CHN", "JPN", "RUS", 2023)
    df = tidy().set_index(["exporter", "partner", "period"])["value"].astype(float)
    growth = df["CHN", "RUS", "2023"] - df["CHN", "RUS", "2022"]
    assert o.partner_growth == growth
    assert o.subject_without == df["CHN", "WLD", "2023"] - growth
    assert o.overtakes_without == (o.subject_without > df["JPN", "WLD", "2023"])
    assert o.rival_value == df["JPN", "WLD", "2023"] and o.ahead
    assert o.data["kind"] == "market_counterfactual"


def test_market_league_table_ranks_like_pandas(panel):
    with pytest.warns(ae.LeagueTableWarning, match="cover 4 of China's markets"):
        t = ae.market_league_table(panel, "CHN", 2023)
    df = tidy()
    y = df[(df.exporter == "CHN") & (df.partner != "WLD") & (df.period == "2023")].copy()
    y["rank"] = y["value"].rank(method="min", ascending=False)
    y = y.sort_values(["rank", "partner"])
    assert list(t.exporter) == list(y.partner)
    assert list(t["rank"]) == list(y["rank"])
    assert list(t.value) == list(y.value.astype(float))
    assert t.attrs["markets_of"] == "CHN"
    same = ae.league_table(panel, 2023, markets_of="CHN", warn=False)
    assert list(same.exporter) == list(t.exporter) and list(same.value) == list(t.value)
    # Shares of the exporter's own total (its WLD row), by pandas.
    s = ae.market_league_table(panel, "CHN", 2023, by="share-of", warn=False).set_index("exporter")["share"]
    total = float(df[(df.exporter == "CHN") & (df.partner == "WLD") & (df.period == "2023")].value.iloc[0])
    for _, r in y.iterrows():
        assert s[r.partner] == r.value / total


def test_milestones_of_markets_find_the_new_largest_market(panel):
    """RUS (160k) was behind MEX (240k) and BEL (210k) in 2022 and first in 2023 (909k)."""
    ms = ae.milestones(panel, markets_of="CHN", kinds="overtake", newest_first=False)
    df = tidy()
    y = df[(df.exporter == "CHN") & (df.partner != "WLD")].pivot_table(
        index="partner", columns="period", values="value"
    )
    # pandas: every ordered pair (a, b) with a behind b in 2022 and ahead in 2023.
    want = sorted(
        (a, b)
        for a in y.index
        for b in y.index
        if a != b and y.loc[a, "2022"] < y.loc[b, "2022"] and y.loc[a, "2023"] > y.loc[b, "2023"]
    )
    assert sorted((m.subject, m.rival) for m in ms) == want
    assert all(m.period == "2023" for m in ms)
    leaders = ae.milestones(panel, markets_of="CHN", kinds="new_leader")
    assert [m.subject for m in leaders] == ["RUS"] and "China" in leaders[0].sentence


def test_panel_round_trips_the_partner_column(panel, tmp_path):
    out = panel.to_pandas()
    assert list(out.columns[:2]) == ["exporter", "partner"]
    key = ["exporter", "partner", "period"]
    got = out[key + ["value"]].sort_values(key).reset_index(drop=True)
    want = tidy()[key + ["value"]].astype({"value": float}).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)
    # CSV out and in (read_csv): the same rows.
    path = tmp_path / "with_partners.csv"
    panel.to_csv(path)
    with ae.read_csv(path) as back:
        b = back.to_pandas()[key + ["value"]].sort_values(key).reset_index(drop=True)
        pd.testing.assert_frame_equal(b, got)
    # Panel.add with a partner and series_partner.
    i = panel.find("CHN")
    assert panel.series_partner(i) == "WLD"


def test_partner_absent_means_world_and_no_partner_column():
    df = tidy()
    world = df[df.partner == "WLD"].drop(columns="partner")
    with ae.Panel.from_pandas(world) as p:
        assert "partner" not in p.to_pandas().columns  # unchanged output for panels without markets
    with ae.Panel.from_pandas(df.assign(partner=df.partner.where(df.partner != "WLD", None))) as p:
        assert sorted(set(p.to_pandas().partner)) == ["AUS", "BEL", "MEX", "RUS", "WLD"]


def test_bad_inputs_name_what_is_wrong(panel):
    df = tidy()
    df.loc[df.partner == "BEL", "partner"] = "Atlantis"
    with pytest.raises(ae.AutoExportsError, match="partner"):
        ae.Panel.from_pandas(df)
    with pytest.raises(ae.AutoExportsError, match="exporter"):
        ae.explain_destinations(panel, "Atlantis", 2022, 2023)
    with pytest.raises(ae.AutoExportsError, match="partner"):
        ae.explain_market_overtake(panel, "CHN", "JPN", "Atlantis", 2023)
    with pytest.raises(ValueError, match="to_period"):
        ae.explain_destinations(panel, "CHN", 2022)
    with pytest.raises(TypeError, match="exporter"):
        ae.explain_destinations(panel, 156, 2022, 2023)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="by must be"):
        ae.market_league_table(panel, "CHN", 2023, by="share-of:EU27")
    with pytest.raises(ae.AutoExportsError, match="JPN"):
        ae.market_league_table(panel, "JPN", 2023)  # no markets of Japan in this panel


def test_partner_by_powertrain_matches_pandas_on_a_comtrade_file(repo):
    """examples/data/comtrade-partners.csv has HS subheadings for each partner: the split
    by partner × powertrain is each (partner, segment) series' change, by pandas over the
    panel's own tidy rows."""
    with ae.Panel.read_csv(repo / "examples" / "data" / "comtrade-partners.csv", format="comtrade") as p:
        got = ae.destinations_by_segment(p, "CHN", 2022, 2023)
        rows = p.to_pandas()
        totals = ae.explain_destinations(p, "CHN", 2022, 2023).set_index("partner")["change"]
    assert list(got.columns) == ae.BY_SEGMENT_COLUMNS and len(got) > 0
    units = rows[(rows.metric == "units") & (rows.partner != "WLD")]
    wide = units.pivot_table(index=["partner", "segment"], columns="period", values="value", aggfunc="sum")
    want = (wide["2023"] - wide["2022"]).astype(float)
    measured = got[~got.derived]
    assert len(measured) > 0
    for r in measured.itertuples():
        assert r.change == want[(r.partner, r.segment)], (r.partner, r.segment)
        assert r.share == pytest.approx(r.change / totals[r.partner], rel=1e-15)
    assert set(got.partner) <= set(totals.index) - {"ROW"}
