"""Benchmark: issue 13's in-memory rows, each against the hand-written baseline, in fresh
processes (time and peak memory of each).

Run by hand: ``python benchmarks/bench_core.py [--rows 10000000] [--repeat 5]``.

- ``score`` on 10M int8 scores against ``100 * ((s >= 9).mean() - (s <= 6).mean())``;
- ``summarize(df, by="store")`` (1,000 integer stores) against DuckDB SQL ``GROUP BY store``
  with three ``count(*) FILTER`` on the same pandas frame;
- ``summarize(table, by="store")`` on a pyarrow Table against its own
  ``group_by(["store", "score"]).aggregate(count_all)``;
- ``summarize(df, by="store")`` with the 1,000 stores as strings (``store_0001``, pandas'
  default string dtype) against the same DuckDB SQL on that frame (issue 28);
- ``import nps_toolkit`` after ``import pandas`` against ``import pandas`` alone, with
  bytecode caches (as installed).

Each line: min-max seconds over ``repeat`` runs (after a warm-up) of each side, run
interleaved in one process (A B, B A, ...) so that each ratio pairs runs made under the same
load, the ratio's range, median and middle half; and each side's peak memory, from a fresh
process that runs that side alone (VmHWM: data included).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

CHILD = r"""
import json, sys, time
import numpy as np, pandas as pd
path, how, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
df = pd.read_parquet(path)
if how.startswith("nt"):
    import nps_toolkit as nt
if "duckdb" in how:
    import duckdb
    con = duckdb.connect()
    con.register("df", df)
if "str" in how:  # the stores as strings, pandas' default string dtype (Arrow-backed)
    names = np.array([f"store_{i:04d}" for i in range(1000)], dtype=object)
    dfs = pd.DataFrame({"score": df["score"], "store": pd.array(
        names[df["store"].to_numpy()], dtype="str")})
    if "duckdb" in how:
        con.register("dfs", dfs)
if "arrow" in how:
    import pyarrow as pa
    table = pa.Table.from_pandas(df, preserve_index=False)
s = df["score"]
jobs = {
    "nt score": lambda: nt.score(s),
    "hand score": lambda: 100 * ((s >= 9).mean() - (s <= 6).mean()),
    "nt summarize": lambda: nt.summarize(df, by="store"),
    "duckdb summarize": lambda: con.sql(
        "SELECT store, count(*) FILTER (WHERE score >= 9) AS p, "
        "count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS a, "
        "count(*) FILTER (WHERE score <= 6) AS d FROM df GROUP BY store").fetchnumpy(),
    "nt str summarize": lambda: nt.summarize(dfs, by="store"),
    "duckdb str summarize": lambda: con.sql(
        "SELECT store, count(*) FILTER (WHERE score >= 9) AS p, "
        "count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS a, "
        "count(*) FILTER (WHERE score <= 6) AS d FROM dfs GROUP BY store").fetchnumpy(),
    "nt arrow summarize": lambda: nt.summarize(table, by="store"),
    "arrow summarize": lambda: table.group_by(["store", "score"]).aggregate(
        [([], "count_all")]),
}
names = how.split("|")  # one side (its peak memory), or both sides interleaved (paired times)
for name in names:
    jobs[name]()
times = {name: [] for name in names}
for i in range(repeat):
    for name in names if i % 2 == 0 else names[::-1]:
        t0 = time.perf_counter()
        jobs[name]()
        times[name].append(time.perf_counter() - t0)
hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM")][0]
print(json.dumps({"times": times, "peak_mb": int(hwm.split()[1]) / 1024}))
"""

IMPORT = r"""
import sys, time
t0 = time.perf_counter()
import pandas
if sys.argv[1] == "nt":
    import nps_toolkit
print(time.perf_counter() - t0)
"""


def child(path: Path, how: str, repeat: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), how, str(repeat)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def import_time(which: str) -> float:
    # with bytecode caches, as an installed wheel has them (pip compiles at install) and
    # pandas' own have; a shell with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile the
    # toolkit's sources on every import (0.16 s of compile() in a profile) but not pandas'
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", IMPORT, which], capture_output=True,
                         text=True, check=True, env=env)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"score": rng.integers(0, 11, args.rows).astype("int8"),
                       "store": rng.integers(0, 1000, args.rows).astype("int32")})
    print(f"{args.rows:,} rows, {args.repeat} runs per side (after a warm-up), fresh processes")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "core.parquet"
        df.to_parquet(path, index=False)
        for ours, hand in (("nt score", "hand score"), ("nt summarize", "duckdb summarize"),
                           ("nt str summarize", "duckdb str summarize"),
                           ("nt arrow summarize", "arrow summarize")):
            mem_a, mem_b = child(path, ours, 1), child(path, hand, 1)
            pair = child(path, f"{ours}|{hand}", args.repeat)["times"]
            a, b = np.array(pair[ours]), np.array(pair[hand])
            ratio = a / b
            q1, med, q3 = np.quantile(ratio, [0.25, 0.5, 0.75])
            print(f"  {ours:20s} {a.min():.4f}-{a.max():.4f} s ({mem_a['peak_mb']:.0f} MB)  "
                  f"vs {hand}: {b.min():.4f}-{b.max():.4f} s ({mem_b['peak_mb']:.0f} MB)  "
                  f"ratio {ratio.min():.2f}-{ratio.max():.2f}x (median {med:.2f}, middle "
                  f"half {q1:.2f}-{q3:.2f})")
    import_time("nt")  # writes the toolkit's bytecode caches (ignored by git)
    pandas_only, with_nt = [], []
    for _ in range(args.repeat):  # paired, alternating
        pandas_only.append(import_time("pandas"))
        with_nt.append(import_time("nt"))
    extra = np.array(with_nt) - np.array(pandas_only)
    print(f"  import pandas {min(pandas_only):.2f}-{max(pandas_only):.2f} s; pandas + "
          f"nps_toolkit {min(with_nt):.2f}-{max(with_nt):.2f} s; the toolkit adds "
          f"{extra.min():+.2f} to {extra.max():+.2f} s (paired; median {np.median(extra):+.2f})")


if __name__ == "__main__":
    main()
