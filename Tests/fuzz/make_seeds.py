"""Writes the committed seed corpora of the importer fuzz targets (Tests/fuzz/corpus/
tidy_csv, wide_csv, comtrade) from the malformed fixtures, the head of the reference CSV,
the head of the Comtrade fixture and a few hand-written inputs for the features each
importer documents (quoting, CRLF, byte-order mark, "4,910,000", quarters and months,
formula apostrophes, citations, skipped Comtrade rows).  Every seed is at most 4 KiB, the
fuzzers' default input size.

Run from the repository root once the fixtures change; the output is committed.
    python3 Tests/fuzz/make_seeds.py
"""

import csv
import io
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests/fuzz/corpus"
MALFORMED = ROOT / "Tests/fixtures/malformed"
LIMIT = 4096


def head(path, lines, limit=LIMIT):
    """The first `lines` lines of a file, cut to whole lines within `limit` bytes."""
    out = b""
    with open(path, "rb") as f:
        for i, line in enumerate(f):
            if i >= lines or len(out) + len(line) > limit:
                break
            out += line
    return out


def write(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    assert len(data) <= LIMIT, (target, name, len(data))
    (d / name).write_bytes(data)


def tidy():
    for f in sorted(MALFORMED.iterdir()):
        if f.name in ("README.md", "manifest.csv"):
            continue
        write("tidy_csv", "malformed-" + f.stem, f.read_bytes()[:LIMIT])
    write("tidy_csv", "reference-head", head(ROOT / "Sources/AutoExports/Data/Reference/exports.csv", 30))
    write("tidy_csv", "minimal", "exporter,period,metric,value\nCHN,2023,units,4910000\nJPN,2023,units,4422682\n")
    # Found by fuzz_tidy_csv: a DEL (0x7F) in a row whose series the fast path already
    # knew was loaded, and the panel's own export then failed to import back.
    write(
        "tidy_csv",
        "regression-del-after-known-series",
        "exporter,period,metric,value,citation\r\nDEU,2018,units,1,https://a.example/x\r\n"
        "DEU,2019,units,2,https://a.exa\x7fple/x\r\n",
    )
    write(
        "tidy_csv",
        "features",
        "\ufeffexporter,period,segment,metric,value,source,scope,citation\r\n"
        'China,2023-Q1,bev,units,"1,234,567",CAAM,all_vehicles,"a ""quoted"", cited, text"\r\n'
        "156,2023-02,phev,usd,1.5e9,Comtrade,hs8703_passenger_cars,\r\n"
        "Japan,2024,total,units,,JAMA,all_vehicles,'=not a formula\r\n"
        'DEU,2022,nev,eur,-0.0,VDA,passenger_cars,"multi\nline"\r\n'
        "KOR,2021,conventional,units,2.5E+6,'@KAMA,'-scope,x\r\n",
    )
    write("tidy_csv", "keep-unknown-odd", "exporter,period,metric,value\nXYZ,2023,units,1\nEU27,2023,usd,2\n")
    write(
        "tidy_csv",
        "duplicate-with-panel",
        "exporter,period,segment,metric,value,source,scope\nCHN,2023,total,units,4910000,CAAM,all_vehicles\n",
    )


def wide():
    write(
        "wide_csv",
        "doc-example",
        'country,2022,2023,2024\nChina,"3,110,000","4,910,000","5,859,000"\nJapan,3813000,4422682,4215000\n',
    )
    write(
        "wide_csv",
        "features",
        "\ufeffname,code,2023-Q1,2023-Q2,notes,2023-Q3\r\n"
        'Germany,DEU,800000,,"a, note",810000\r\n'
        "Korea,KOR,'=1,700000,,\r\n"
        "Mexico,484,1e5,2E5,x,-3\r\n",
    )
    write("wide_csv", "months", "exporter,2023-01,2023-02,2023-03\nCHN,1,2,3\nWLD,,,\nEU27,4,5,6\n")
    write("wide_csv", "duplicate-period", "exporter,2023,2023\nCHN,1,2\n")
    write("wide_csv", "no-exporter-column", "2022,2023\n1,2\n")
    write("wide_csv", "bad-cells", 'exporter,2022,2023\nCHN,abc,1\nNOPE,1,2\nCHN,3,4\nJPN,"5\n')
    write("wide_csv", "header-only", "exporter,2022,2023\n")
    write("wide_csv", "duplicate-with-panel", "exporter,2022,2023\nCHN,3110000,4910000\n")


def comtrade():
    fixture = ROOT / "Tests/fixtures/comtrade_8703.csv"
    with open(fixture, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = {n: i for i, n in enumerate(header)}

    def pick(pred, n):
        return [r for r in body if pred(r)][:n]

    def text(hdr, rs):
        s = io.StringIO()
        w = csv.writer(s, lineterminator="\n")
        w.writerow(hdr)
        w.writerows(rs)
        return s.getvalue()

    chosen = (
        pick(lambda r: r[col["freqCode"]] == "A", 6)
        + pick(lambda r: r[col["flowCode"]] != "X", 1)
        + pick(lambda r: r[col["partnerCode"]] != "0", 1)
        + pick(lambda r: r[col["motCode"]] != "0", 1)
        + pick(lambda r: not r[col["cmdCode"]].startswith("8703"), 1)
    )
    write("comtrade", "fixture-full-columns", text(header, chosen))
    keep = [
        "freqCode",
        "refYear",
        "refMonth",
        "period",
        "reporterCode",
        "reporterISO",
        "flowCode",
        "partnerCode",
        "partner2Code",
        "customsCode",
        "motCode",
        "cmdCode",
        "qtyUnitAbbr",
        "qty",
        "primaryValue",
    ]
    slim = [[r[col[k]] for k in keep] for r in body]
    write("comtrade", "fixture-slim-annual", text(keep, [r for r in slim if r[0] == "A"][:20]))
    write("comtrade", "fixture-slim-monthly", text(keep, [r for r in slim if r[0] == "M"][:24]))
    write(
        "comtrade",
        "minimal",
        "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,qtyUnitAbbr,qty,primaryValue\n"
        "A,2023,156,X,0,8703,u,100,2000\nA,2023,156,X,0,870380,u,60,1500\nA,2023,156,X,0,870340,u,40,500\n"
        "A,2023,392,M,0,8703,u,1,1\nA,2023,392,X,842,8703,u,1,1\nA,2023,392,X,0,8704,u,1,1\n",
    )
    write(
        "comtrade",
        "discrepancy-and-duplicate",
        "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,qtyUnitAbbr,qty,primaryValue\n"
        "M,202301,156,X,0,8703,u,100,2000\nM,202301,156,X,0,870380,kg,60,1500\n"
        "M,202301,156,X,0,870380,u,60,1500\nM,202301,156,X,abc,8703,u,1,1\nM,202313,156,X,0,8703,u,1,1\n",
    )
    write("comtrade", "header-only", ",".join(keep) + "\n")
    for name in ("empty", "binary_garbage", "unterminated_quote", "invalid_utf8"):
        f = next(MALFORMED.glob(name + ".*"))
        write("comtrade", "malformed-" + name, f.read_bytes()[:LIMIT])


if __name__ == "__main__":
    for t in ("tidy_csv", "wide_csv", "comtrade"):
        shutil.rmtree(OUT / t, ignore_errors=True)
    tidy()
    wide()
    comtrade()
    for t in ("tidy_csv", "wide_csv", "comtrade"):
        files = list((OUT / t).iterdir())
        print(f"{t}: {len(files)} seeds, {sum(f.stat().st_size for f in files)} bytes")
