"""Benchmark: a monthly trend by 20 groups over 10 million rows spanning 5 years.

Run by hand: ``python benchmarks/bench_trends.py [--rows N]``. Compares
``trend(df, freq="M", by="group")`` (counts, NPS with interval, change from the previous month
with its test, empty months filled) with the equivalent plain pandas groupby that only counts
promoters, detractors and responses per group and month.
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
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    start = np.datetime64("2021-01-01T00:00:00", "s").astype(np.int64)
    seconds = rng.integers(0, 5 * 365 * 86400, args.rows)
    df = pd.DataFrame({
        "date": pd.to_datetime(start + seconds, unit="s"),
        "score": rng.integers(0, 11, args.rows).astype(np.float64),
        "group": pd.Categorical(rng.integers(0, 20, args.rows).astype(str)),
    })
    print(f"{args.rows:,} rows over 5 years, 20 groups, monthly; best of {args.repeat}")
    s = df["score"]

    def plain():
        return (df.assign(p=s >= 9, d=s <= 6, v=s.notna())
                .groupby(["group", df["date"].dt.to_period("M")], observed=True)[["p", "d", "v"]]
                .sum())

    t_trend = best(lambda: nt.trend(df, freq="M", by="group"), args.repeat)
    t_plain = best(plain, args.repeat)
    out = nt.trend(df, freq="M", by="group")
    assert len(out) == 20 * 60 and out["n"].sum() == args.rows
    print(f"trend(freq='M', by='group'): {t_trend:7.3f} s")
    print(f"plain pandas groupby:        {t_plain:7.3f} s")
    print(f"ratio trend / pandas:        {t_trend / t_plain:7.2f}x")


if __name__ == "__main__":
    main()
