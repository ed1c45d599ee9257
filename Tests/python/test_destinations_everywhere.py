"""One answer everywhere (issue 19): "where did China's exports go?" asked of the CLI
(`autoexports explain CHN --by partner --format json`), of Python
(`autoexports.explain_destinations`), of C (a small program compiled here that calls
`aex_explain_destinations` on a panel it loads itself, with no Python in between) and of
SQL (`aex_destinations(...)` in the sqlite3 shell) must give the same numbers: the
partners in the same order, each figure, change and share, the flags, and the totals.

Two datasets: the embedded reference data, and a UN Comtrade download with partner rows
(examples/data/comtrade-partners.csv: World and five partners, HS 8703 and subheadings,
two years). SQL reads the Comtrade rows as a table (exporter, partner, period, value) of
the panel's total series, so only the numbers and flags are compared there (its figures
have no source or scope: in this file every series has the same one, which the test
checks). The CLI's numbers are JSON, so the comparisons are exact."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional

import autoexports as ae
import pytest

pytestmark = pytest.mark.sqlite  # the SQL side needs the sqlite3 shell; the whole file takes ~3 s

REPO = Path(__file__).resolve().parents[2]
COMTRADE = REPO / "examples" / "data" / "comtrade-partners.csv"
SQLITE = shutil.which("sqlite3", path="/usr/bin") or shutil.which("sqlite3")
CC = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")

# (dataset, from, to, metric): one period (from None) and a change, on both datasets.
CASES = [
    ("embedded", None, "2023", "units"),
    ("embedded", "2022", "2023", "units"),
    ("comtrade", None, "2023", "units"),
    ("comtrade", "2022", "2023", "units"),
    ("comtrade", "2022", "2023", "usd"),
]

NUMBERS = ("from", "to", "change", "share")
FLAGS = ("is_rest_of_world", "like_for_like", "in_exact_sum")

C_PROGRAM = r"""
#include "autoexports.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* usage: dest FILE|- EXPORTER FROM|0 TO METRIC  ("-": the embedded reference data) */
int main(int argc, char **argv) {
    if (argc != 6) return 2;
    aex_panel *p = NULL;
    if (aex_panel_create(&p) != AEX_OK) return 3;
    int32_t s;
    if (strcmp(argv[1], "-") == 0) s = aex_panel_load_reference(p);
    else {
        aex_rejections *r = NULL;
        s = aex_panel_import_file(&r, p, argv[1], AEX_FORMAT_COMTRADE, AEX_POLICY_STRICT, NULL);
        aex_rejections_free(r);
    }
    if (s != AEX_OK) { fprintf(stderr, "%s\n", aex_last_error_message()); return 4; }
    int32_t from = 0, to = 0;
    if (strcmp(argv[3], "0") != 0 && aex_period_parse(&from, argv[3]) != AEX_OK) return 5;
    if (aex_period_parse(&to, argv[4]) != AEX_OK) return 5;
    int64_t len = 0;
    s = aex_explain_destinations(NULL, 0, &len, p, argv[2], from, to, argv[5]);
    if (s != AEX_OK) { fprintf(stderr, "%s\n", aex_last_error_message()); return 6; }
    char *buf = malloc((size_t)len + 1);
    if (!buf || aex_explain_destinations(buf, len + 1, &len, p, argv[2], from, to, argv[5]) != AEX_OK) return 7;
    fwrite(buf, 1, (size_t)len, stdout);
    free(buf);
    aex_panel_free(p);
    return 0;
}
"""


@pytest.fixture(scope="module")
def cli(repo: Path) -> Path:
    path = repo / ".build" / "release" / "autoexports"
    if not path.is_file():
        pytest.skip("the CLI is not built: run `make`")
    return path


@pytest.fixture(scope="module")
def c_program(tmp_path_factory: pytest.TempPathFactory, repo: Path, libpath: Path) -> Path:
    if CC is None:
        pytest.skip("no C compiler")
    d = tmp_path_factory.mktemp("cdest")
    src, exe = d / "dest.c", d / "dest"
    src.write_text(C_PROGRAM)
    r = subprocess.run(
        [
            CC,
            "-std=c11",
            "-Wall",
            "-Werror",
            f"-I{repo / 'include'}",
            str(src),
            "-o",
            str(exe),
            f"-L{libpath.parent}",
            f"-Wl,-rpath,{libpath.parent}",
            "-lautoexports",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    return exe


def from_cli(cli: Path, dataset: str, frm: Optional[str], to: str, metric: str) -> Dict[str, Any]:
    args = [str(cli), "explain", "CHN", "--by", "partner", "--format", "json", "--metric", metric]
    args += ["--period", to] if frm is None else ["--from", frm, "--to", to]
    if dataset == "comtrade":
        args += ["--input", str(COMTRADE), "--input-format", "comtrade"]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def panel_of(dataset: str) -> ae.Panel:
    return ae.Panel.reference() if dataset == "embedded" else ae.Panel.read_csv(COMTRADE, format="comtrade")


def from_python(dataset: str, frm: Optional[str], to: str, metric: str) -> Dict[str, Any]:
    with panel_of(dataset) as p:
        df = ae.explain_destinations(p, "CHN", frm, to, metric=metric)
        d = ae.destinations_json(p, "CHN", frm, to, metric=metric)
    # The DataFrame and the dict agree row by row (the DataFrame is what users read).
    assert list(df.partner) == [x["partner"] for x in d["lines"]]
    for (_, row), line in zip(df.iterrows(), d["lines"]):
        for k in NUMBERS:
            assert same(row[k], line[k]), (k, row[k], line[k])
        for k in FLAGS:
            assert bool(row[k]) == line[k]
    assert same(df.attrs["total_change"], d["total_change"]) and df.attrs["sentence"] == d["sentence"]
    return d


def from_c(exe: Path, dataset: str, frm: Optional[str], to: str, metric: str) -> Dict[str, Any]:
    src = "-" if dataset == "embedded" else str(COMTRADE)
    r = subprocess.run([str(exe), src, "CHN", frm or "0", to, metric], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def sql_rows(dataset: str, frm: Optional[str], to: str, metric: str, libpath: Path) -> List[Dict[str, Any]]:
    if SQLITE is None:
        pytest.skip("sqlite3 not found: apt-get install sqlite3 (Tests/setup.sh does)")
    script = f".bail on\n.load {libpath.with_suffix('')}\n.mode json\n"
    fr = "NULL" if frm is None else f"'{frm}'"
    if dataset == "embedded":
        script += f"SELECT * FROM aex_destinations('CHN', '{to}', {fr}, NULL, '{metric}');\n"
    else:
        with panel_of(dataset) as p:
            df = p.to_pandas()
        df = df[(df.segment == "total") & (df.metric == metric)]
        # One source and one scope per figure in this file: SQL's figures (no source or
        # scope) are then like for like exactly when the library's are.
        assert df.groupby("partner")[["source", "scope"]].nunique().max().max() == 1
        assert df[["source", "scope"]].drop_duplicates().shape[0] == 1
        values = ",\n".join(f"('{r.exporter}', '{r.partner}', '{r.period}', {r.value!r})" for r in df.itertuples())
        script += "CREATE TABLE trade(exporter TEXT, partner TEXT, period TEXT, value REAL);\n"
        script += f"INSERT INTO trade VALUES {values};\n"
        script += f"SELECT * FROM aex_destinations('CHN', '{to}', {fr}, 'trade', '{metric}');\n"
    r = subprocess.run([SQLITE, "-batch", ":memory:"], input=script, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout) if r.stdout.strip() else []


def same(a: Any, b: Any) -> bool:
    """Equal numbers, None and NaN alike (a missing number)."""
    na = a is None or (isinstance(a, float) and math.isnan(a))
    nb = b is None or (isinstance(b, float) and math.isnan(b))
    return (na and nb) or (not na and not nb and float(a) == float(b))


def comparable(d: Dict[str, Any]) -> Dict[str, Any]:
    """The numbers, flags, partners and provenance of a destinations JSON (not the prose)."""
    return {
        "totals": [d["total_from"], d["total_to"], d["total_change"]],
        "total": d["total"],
        "lines": [
            [x["partner"]] + [x[k] for k in NUMBERS + FLAGS] + [x["from_series"], x["to_series"]] for x in d["lines"]
        ],
        "warnings": d["warnings"],
    }


@pytest.mark.parametrize("dataset,frm,to,metric", CASES, ids=[f"{c[0]}-{c[1] or 'one'}-{c[2]}-{c[3]}" for c in CASES])
def test_cli_python_c_and_sql_agree(
    dataset: str, frm: Optional[str], to: str, metric: str, cli: Path, c_program: Path, libpath: Path
) -> None:
    c_json = from_c(c_program, dataset, frm, to, metric)
    cli_json = from_cli(cli, dataset, frm, to, metric)
    py_json = from_python(dataset, frm, to, metric)
    assert c_json["kind"] == "destinations" and c_json["lines"], "an empty answer proves nothing"
    # CLI, Python and C: the same core JSON, compared field by field (the sentence too).
    assert comparable(cli_json) == comparable(c_json)
    assert comparable(py_json) == comparable(c_json)
    assert cli_json["sentence"] == py_json["sentence"] == c_json["sentence"]
    # SQL: the same partners in the same order, the same numbers and flags.
    rows = sql_rows(dataset, frm, to, metric, libpath)
    assert [r["partner"] for r in rows] == [x["partner"] for x in c_json["lines"]]
    for r, x in zip(rows, c_json["lines"]):
        for sql_key, key in (("from_value", "from"), ("to_value", "to"), ("change", "change"), ("share", "share")):
            assert same(r[sql_key], x[key]), (x["partner"], key, r[sql_key], x[key])
        for k in FLAGS:
            assert bool(r[k]) == x[k], (x["partner"], k)
        assert same(r["total_change"], c_json["total_change"]) and same(r["total_to"], c_json["total_to"])


def test_the_exact_sum_holds_in_every_answer(cli: Path, c_program: Path) -> None:
    """On the Comtrade file every partner is like for like: the lines in the exact sum add
    up to the total's change, and each share is its change over the total's change."""
    d = from_c(c_program, "comtrade", "2022", "2023", "units")
    exact = [x for x in d["lines"] if x["in_exact_sum"]]
    assert len(exact) == len(d["lines"]) >= 6  # five partners and the rest of world
    assert sum(x["change"] for x in exact) == pytest.approx(d["total_change"], abs=1e-6)
    for x in exact:
        assert x["share"] == x["change"] / d["total_change"]
    assert comparable(from_cli(cli, "comtrade", "2022", "2023", "units")) == comparable(d)


def test_embedded_russia_first_with_a_warning(cli: Path) -> None:
    """The issue's acceptance: China's 2023 destinations list Russia first, with sources,
    and a warning where scopes differ."""
    one = from_cli(cli, "embedded", None, "2023", "units")
    assert one["lines"][0]["partner"] == "RUS" and one["lines"][0]["to_series"]["source"]
    two = from_cli(cli, "embedded", "2022", "2023", "units")
    rus = next(x for x in two["lines"] if x["partner"] == "RUS")
    assert not rus["like_for_like"] and "not like for like" in rus["note"]
    assert any("Russia" in w for w in two["warnings"])
