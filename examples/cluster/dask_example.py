"""Ranks and overtakes of monthly exports by product line on a Dask cluster.

    python dask_example.py                  # a local cluster of 2 worker processes
    python dask_example.py tcp://HOST:8786  # an existing scheduler

Every worker needs Python, numpy, pandas and dask at the driver's versions, a glibc at
least as new as the build machine's, and the autoexports package: install the same wheel
there (`pip wheel ./bindings/python` makes one with the library inside), or let
`ship_library` below upload the library file (the package must still be importable).
"""

import logging
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


def main(address=None) -> None:
    import autoexports
    import autoexports.dask as aexd
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    # The shuffle logs one line per shuffle at WARNING; quiet for an example.
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)
    if address:
        client, cluster = Client(address), None
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        print("library shipped:", aexd.ship_library(client))
        table = monthly_exports()
        df = dd.from_pandas(table, npartitions=4).persist()

        ranked = aexd.rank(df, segment="segment", method="min", ascending=False).compute()
        events = aexd.overtakes(df, segment="segment").compute()

        # The same on one machine: identical answers.
        groups = table.groupby(["period", "segment"]).ngroup().to_numpy()
        one = table.assign(
            rank=autoexports.rank_groups(groups, table["value"].to_numpy(), method="min", ascending=False)
        )
        key = ["period", "segment", "exporter"]
        mine = ranked.sort_values(key)["rank"].reset_index(drop=True)
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
        print("workers loaded:", sorted(set(client.run(loaded_library).values())))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def loaded_library():
    """Runs in each worker: the library file that worker process has loaded."""
    from autoexports import _ffi

    return _ffi._lib._name if _ffi._lib is not None else None


if __name__ == "__main__":  # Dask starts worker processes: the guard is required
    main(sys.argv[1] if len(sys.argv) > 1 else None)
