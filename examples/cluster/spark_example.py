"""Ranks and overtakes of monthly exports by product line on Spark.

    python spark_example.py                        # Spark in local[2] mode
    python spark_example.py spark://HOST:7077      # a cluster (or use spark-submit)

Executors need Java 17 or 21, the driver's Python version (PYSPARK_PYTHON names the
interpreter), numpy, pandas and pyarrow at the driver's versions, a glibc at least as new
as the build machine's, and the autoexports package: install the same wheel there
(`pip wheel ./bindings/python` makes one with the library inside); `ship_library` below
sends the library file with sc.addFile, which tasks then load.
"""

import os
import sys

import numpy as np
import pandas as pd


def monthly_exports(exporters=40, months=36, lines=("ev", "ice"), seed=7) -> pd.DataFrame:
    """A tidy table: one row per month, exporter and product line, with ties and gaps."""
    rng = np.random.default_rng(seed)
    rows = []
    for line in lines:
        level = rng.lognormal(10, 1, exporters)
        for m in range(months):
            v = np.round(level * np.exp(rng.normal(0.01 * m, 0.2, exporters)), -2)
            v[rng.random(exporters) < 0.03] = np.nan  # not reported that month
            rows.append(
                pd.DataFrame(
                    {
                        "period": f"{2021 + m // 12}-{m % 12 + 1:02d}",
                        "exporter": [f"C{i:02d}" for i in range(exporters)],
                        "segment": line,
                        "value": v,
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def main(master: str = "local[2]") -> None:
    # Executors must run this interpreter (the default `python3` may lack the packages).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    import autoexports
    import autoexports.spark as aexs
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName("autoexports example")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        print("library shipped:", aexs.ship_library(spark))
        table = monthly_exports()
        df = spark.createDataFrame(table)  # NaN stays NaN in Spark: missing for us

        ranked = aexs.rank(df, segment="segment", method="min", ascending=False).toPandas()
        events = aexs.overtakes(df, segment="segment").toPandas()

        # The same on one machine: identical answers.
        groups = table.groupby(["period", "segment"]).ngroup().to_numpy()
        one = table.assign(
            rank=autoexports.rank_groups(groups, table["value"].to_numpy(), method="min", ascending=False)
        )
        key = ["period", "segment", "exporter"]
        mine = ranked.sort_values(key)["rank"].astype(float).reset_index(drop=True)
        assert mine.equals(one.sort_values(key)["rank"].reset_index(drop=True))
        single = sum(
            len(autoexports.overtakes(t["period"], t["exporter"], t["value"])) for _, t in table.groupby("segment")
        )
        assert len(events) == single

        leaders = ranked[ranked["rank"] == 1].sort_values(["segment", "period"])
        print("leader in the last month:")
        print(leaders.groupby("segment")["exporter"].last().to_string())
        print(f"{len(ranked)} rows ranked, {len(events)} overtakes; e.g.")
        print(events.sort_values(["segment", "period", "subject"]).head(3).to_string(index=False))
        where = spark.sparkContext.parallelize(range(4), 2).map(lambda _: loaded_library()).collect()
        print("executors loaded:", sorted(set(where)))
    finally:
        spark.stop()


def loaded_library():
    """Runs in an executor's Python worker: the library file it loaded (loads it)."""
    import autoexports
    import autoexports.spark as aexs

    aexs._load_in_task()
    return autoexports.library_path()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "local[2]")
