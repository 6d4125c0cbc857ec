"""Benchmark: score() and summarize(by=...) on 10 million rows.

Run by hand (not in the tests): ``python benchmarks/bench_scoring.py [--rows N]``.

Compares
* ``score`` with the raw vectorised pandas expression ``100 * ((s >= 9).mean() - (s <= 6).mean())``
  (target: within 3x; score also validates every value and computes an interval);
* ``summarize(by=...)`` with a plain pandas groupby of the promoter/detractor indicators and
  with a DuckDB GROUP BY on the same frame (target: no slower than the plain pandas groupby).

Each timing is the best of ``--repeat`` runs after one warm-up.
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
    parser.add_argument("--groups", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    n = args.rows
    scores = rng.integers(0, 11, n).astype(np.float64)
    scores[rng.random(n) < 0.01] = np.nan
    df = pd.DataFrame({
        "score": scores,
        "segment": pd.Categorical(rng.integers(0, args.groups, n).astype(str)),
    })
    s = df["score"]
    print(f"{n:,} rows, {args.groups} groups; best of {args.repeat}")

    def raw_pandas():
        return 100 * ((s >= 9).mean() - (s <= 6).mean())

    t_raw = best(raw_pandas, args.repeat)
    t_score = best(lambda: nt.score(s), args.repeat)
    assert abs(nt.score(s).nps - 100 * ((s >= 9).sum() - (s <= 6).sum()) / s.notna().sum()) < 1e-9
    print(f"score():                 {t_score:8.3f} s")
    print(f"raw pandas expression:   {t_raw:8.3f} s")
    print(f"ratio score / raw:       {t_score / t_raw:8.2f}x  (target <= 3x)")

    def plain_groupby():
        return (df.assign(p=s >= 9, d=s <= 6, v=s.notna())
                .groupby("segment", observed=True)[["p", "d", "v"]].sum())

    t_pd = best(plain_groupby, args.repeat)
    t_sum = best(lambda: nt.summarize(df, by="segment"), args.repeat)
    print(f"\nsummarize(by=segment):  {t_sum:8.3f} s")
    print(f"plain pandas groupby:    {t_pd:8.3f} s")
    print(f"ratio summarize / pandas:{t_sum / t_pd:8.2f}x  (target <= 1x)")
    try:
        import duckdb
    except ImportError:
        print("duckdb not installed: DuckDB comparison skipped")
        return
    con = duckdb.connect()
    con.register("df", df)
    query = ("select segment, sum((score >= 9)::int) p, sum((score <= 6)::int) d, "
             "count(score) v from df group by segment")
    t_duck = best(lambda: con.sql(query).df(), args.repeat)
    rel = con.sql("select * from df")
    t_sum_duck = best(lambda: nt.summarize(rel, by="segment"), args.repeat)
    print(f"DuckDB GROUP BY:         {t_duck:8.3f} s")
    print(f"ratio summarize / DuckDB:{t_sum / t_duck:8.2f}x")
    print(f"summarize(DuckDB relation): {t_sum_duck:.3f} s "
          f"({t_sum_duck / t_duck:.2f}x the bare DuckDB query)")


if __name__ == "__main__":
    main()
