"""growth_link on 1M answers and 10M orders, against the join a skilled analyst writes in DuckDB.

Run by hand: ``python benchmarks/bench_growth.py [--answers 1000000] [--orders 10000000]``.
The hand-written side is the per-answer window join in DuckDB SQL (orders of the same
customer within 365 days after the answer day, and before it), grouped back to one row per
answer: what growth_link computes before its statistics. growth_link's time includes the
customer bootstrap (1,000 replicates). Target (issue 14): growth_link under 10 s here.

``--lazy`` (issue 28): the orders are written to a Parquet file and given to growth_link as a
DuckDB relation over it (``duckdb.read_parquet``), so the join runs in DuckDB and only one row
per answer comes back; the hand side is the same SQL over the same file. Peak memory is read
for each side in its own fresh process (``--side``). Target: <= 1.5x the hand SQL without the
bootstrap, at flat memory as the order log grows.
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


def lazy_run(side: str, answers: int, orders: int, path: str, boot: int) -> float:
    """One timed run of one side over the Parquet order log, in this process."""
    import duckdb

    resp, _ = make(answers, 0)
    con = duckdb.connect()
    t = time.perf_counter()
    if side == "sql":
        con.register("resp", resp)
        con.sql(f"CREATE VIEW ords AS SELECT * FROM read_parquet('{path}')")
        con.sql(SQL).df()
    else:
        nt.growth_link(resp, con.read_parquet(path), horizon="365D", n_resamples=boot)
    return time.perf_counter() - t - sum(_BOOT)


#: Time spent drawing bootstrap replicates in this process (subtracted for "without the
#: bootstrap": measured inside the same call, not estimated).
_BOOT: list[float] = []


def _time_replicates() -> None:
    from nps_toolkit.growth import link

    inner = link._replicates

    def timed(*args, **kwargs):
        t = time.perf_counter()
        out = inner(*args, **kwargs)
        _BOOT.append(time.perf_counter() - t)
        return out

    link._replicates = timed


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: reset by exec, unlike ru_maxrss, which a
    child started by subprocess inherits from its parent on Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def lazy_main(args: argparse.Namespace) -> None:
    import os
    import subprocess
    import sys
    import tempfile

    path = os.path.join(tempfile.gettempdir(), f"nt_orders_{args.orders}.parquet")
    if not os.path.exists(path):
        _, ords = make(args.answers, args.orders)
        ords.to_parquet(path, row_group_size=1_000_000)
        del ords
    print(f"{args.answers:,} answers, {args.orders:,} orders in {path}, {args.repeat} paired "
          "runs, each side in a fresh process")
    sides = {"sql": "DuckDB SQL window join over the Parquet file (no statistics)",
             "nt0": "nt.growth_link(resp, duckdb.read_parquet(...)) without the bootstrap",
             "nt": "nt.growth_link(resp, duckdb.read_parquet(...)), 1,000 replicates"}
    times: dict[str, list[float]] = {k: [] for k in sides}
    peaks: dict[str, list[float]] = {k: [] for k in sides}
    boot: list[float] = []
    for _ in range(args.repeat):
        for side in sides:
            out = subprocess.run(
                [sys.executable, __file__, "--side", side, "--answers", str(args.answers),
                 "--orders", str(args.orders), "--path", path],
                capture_output=True, text=True, check=True).stdout.split()
            times[side].append(float(out[0]))
            peaks[side].append(float(out[1]))
            if side == "nt0":
                boot.append(float(out[2]))
    for side, name in sides.items():
        print(f"  {name:70s} {min(times[side]):6.2f}-{max(times[side]):.2f} s, peak "
              f"{min(peaks[side]):.0f}-{max(peaks[side]):.0f} MB")
    print(f"  the 1,000 bootstrap replicates alone (inside the runs above) "
          f"{min(boot):.2f}-{max(boot):.2f} s")
    for side in ("nt0", "nt"):
        r = [y / x for x, y in zip(times["sql"], times[side], strict=True)]
        print(f"  ratio {side}/sql {min(r):.2f}-{max(r):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lazy", action="store_true", help="orders in Parquet, DuckDB relation")
    parser.add_argument("--side", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        if args.side == "nt0":
            _time_replicates()
        took = lazy_run(args.side, args.answers, args.orders, args.path, 1000)
        print(took, _peak_mb(), sum(_BOOT))
        return
    if args.lazy:
        lazy_main(args)
        return
    resp, ords = make(args.answers, args.orders)
    print(f"{args.answers:,} answers, {args.orders:,} orders, {args.repeat} paired runs")
    import duckdb

    con = duckdb.connect()
    con.register("resp", resp)
    con.register("ords", ords)
    times: dict[str, list[float]] = {"DuckDB window join (no statistics)": [],
                                     "nt.growth_link (with 1,000 bootstrap replicates)": [],
                                     "  the same without its bootstrap replicates": [],
                                     "  its bootstrap replicates alone": []}
    _time_replicates()
    for _ in range(args.repeat):
        t = time.perf_counter()
        con.sql(SQL).df()
        times["DuckDB window join (no statistics)"].append(time.perf_counter() - t)
        _BOOT.clear()
        t = time.perf_counter()
        nt.growth_link(resp, ords, horizon="365D")
        took = time.perf_counter() - t
        times["nt.growth_link (with 1,000 bootstrap replicates)"].append(took)
        times["  the same without its bootstrap replicates"].append(took - sum(_BOOT))
        times["  its bootstrap replicates alone"].append(sum(_BOOT))
    for name, ts in times.items():
        print(f"  {name:50s} {min(ts):6.2f}-{max(ts):.2f} s")
    sql, full, bare, _ = times.values()
    for name, side in (("with", full), ("without", bare)):
        ratios = [y / x for x, y in zip(sql, side, strict=True)]
        print(f"  ratio {name} the bootstrap {min(ratios):.2f}-{max(ratios):.2f}x")


if __name__ == "__main__":
    main()
