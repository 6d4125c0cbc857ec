"""Benchmark: segments() over 1,000 groups on 10 million rows.

Run by hand: ``python benchmarks/bench_segments.py [--rows N] [--groups G]``. Compares
``segments(df, by="store")`` (NPS, interval, difference from the rest, adjusted p-values and
verdict per group) with a plain pandas groupby of the indicators and with a DuckDB GROUP BY on
the same frame (which only count: the statistics on top are the extra work).
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from _timing import best

import nps_toolkit as nt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    df = pd.DataFrame({
        "score": rng.integers(0, 11, args.rows).astype(np.float64),
        "store": rng.integers(0, args.groups, args.rows),
    })
    df["store_name"] = pd.Categorical("store-" + df["store"].astype(str))
    print(f"{args.rows:,} rows, {args.groups:,} groups; best of {args.repeat}")
    s = df["score"]

    def plain(key):
        return (df.assign(p=s >= 9, d=s <= 6, v=s.notna())
                .groupby(key, observed=True)[["p", "d", "v"]].sum())

    import duckdb

    con = duckdb.connect()
    con.register("df", df)
    query = ("select store, sum((score >= 9)::int), sum((score <= 6)::int), count(score) "
             "from df group by store")
    t_duck = best(lambda: con.sql(query).df(), args.repeat)
    for key in ("store", "store_name"):
        t_seg = best(lambda key=key: nt.segments(df, by=key), args.repeat)
        t_pd = best(lambda key=key: plain(key), args.repeat)
        kind = "integer" if key == "store" else "categorical"
        print(f"\nkey: {kind}")
        print(f"  segments():             {t_seg:7.3f} s")
        print(f"  plain pandas groupby:   {t_pd:7.3f} s  -> ratio {t_seg / t_pd:5.2f}x")
        print(f"  DuckDB GROUP BY:        {t_duck:7.3f} s  -> ratio {t_seg / t_duck:5.2f}x")
    rel = con.sql("select * from df")
    t_rel = best(lambda: nt.segments(rel, by="store"), args.repeat)
    print(f"\nsegments(DuckDB relation): {t_rel:.3f} s ({t_rel / t_duck:.2f}x the bare query)")


if __name__ == "__main__":
    main()
