"""growth_link on 1M answers and 10M orders, against the join a skilled analyst writes in DuckDB.

Run by hand: ``python benchmarks/bench_growth.py [--answers 1000000] [--orders 10000000]``.
The hand-written side is the per-answer window join in DuckDB SQL (orders of the same
customer within 365 days after the answer day, and before it), grouped back to one row per
answer: what growth_link computes before its statistics. growth_link's time includes the
customer bootstrap (1,000 replicates). Target (issue 14): growth_link under 10 s here.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import nps_toolkit as nt


def make(answers: int, orders: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    customers = answers // 3
    start = np.datetime64("2023-01-01")
    resp = pd.DataFrame({
        "customer_id": rng.integers(0, customers, answers),
        "date": start + rng.integers(0, 730, answers).astype("timedelta64[D]"),
        "score": rng.integers(0, 11, answers).astype(np.int8)})
    ords = pd.DataFrame({
        "customer_id": rng.integers(0, customers, orders),
        "order_date": start + rng.integers(0, 1460, orders).astype("timedelta64[D]"),
        "amount": np.round(rng.lognormal(4, 0.5, orders), 2)})
    return resp, ords


SQL = """
WITH a AS (SELECT row_number() OVER () AS answer, customer_id, CAST(date AS DATE) AS day
           FROM resp),
     o AS (SELECT customer_id, CAST(order_date AS DATE) AS day, amount FROM ords)
SELECT a.answer,
       count(*) FILTER (WHERE o.day > a.day AND o.amount > 0) AS orders_after,
       coalesce(sum(o.amount) FILTER (WHERE o.day > a.day), 0) AS revenue_after,
       coalesce(sum(o.amount) FILTER (WHERE o.day < a.day), 0) AS revenue_before
FROM a LEFT JOIN o ON o.customer_id = a.customer_id
     AND o.day BETWEEN a.day - INTERVAL 365 DAY AND a.day + INTERVAL 365 DAY
GROUP BY a.answer
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    resp, ords = make(args.answers, args.orders)
    print(f"{args.answers:,} answers, {args.orders:,} orders, {args.repeat} paired runs")
    import duckdb

    con = duckdb.connect()
    con.register("resp", resp)
    con.register("ords", ords)
    times: dict[str, list[float]] = {"DuckDB window join (no statistics)": [],
                                     "nt.growth_link (with 1,000 bootstrap replicates)": []}
    for _ in range(args.repeat):
        t = time.perf_counter()
        con.sql(SQL).df()
        times["DuckDB window join (no statistics)"].append(time.perf_counter() - t)
        t = time.perf_counter()
        nt.growth_link(resp, ords, horizon="365D")
        times["nt.growth_link (with 1,000 bootstrap replicates)"].append(
            time.perf_counter() - t)
    for name, ts in times.items():
        print(f"  {name:50s} {min(ts):6.2f}-{max(ts):.2f} s")
    a, b = times.values()
    ratios = [y / x for x, y in zip(a, b, strict=True)]
    print(f"  ratio {min(ratios):.2f}-{max(ratios):.2f}x")


if __name__ == "__main__":
    main()
