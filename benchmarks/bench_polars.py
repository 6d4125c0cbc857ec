"""summarize on a polars DataFrame against polars' own lazy group_by (issue 28).

Run by hand: ``python benchmarks/bench_polars.py [--rows 10000000] [--repeat 5]``.
Each measurement runs in its own fresh process: it builds the same seeded frame (a 0-10
score with 2% missing and 1,000 stores, as integers or as strings ``store_0001``), warms the
work up once, then times it; the memory figure is the peak resident memory the work adds over
the loaded frame (``VmHWM`` after minus ``VmRSS`` before). The hand-written baseline is what a
skilled polars user writes for the same numbers: one lazy ``group_by`` counting promoters,
passives, detractors and missing answers, and the NPS from them (no interval).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _timing import print_sides, run_child

CHILD = """
import json, sys, time
import numpy as np, polars as pl
rows, how = sys.argv[1].split(":"), sys.argv[2]
n, key = int(rows[0]), rows[1]
rng = np.random.default_rng(0)
score = rng.integers(0, 11, n).astype(np.float64)
score[rng.random(n) < 0.02] = np.nan
store = rng.integers(1, 1001, n)
df = pl.DataFrame({"score": pl.Series(score, nan_to_null=True).cast(pl.Int8),
                   "store": store})
if key == "str":
    names = pl.Series([f"store_{i:04d}" for i in range(1001)])
    df = df.with_columns(names.gather(df["store"]).alias("store"))
if how == "nt":
    import nps_toolkit as nt
    def work():
        return nt.summarize(df, by="store")
else:
    s = pl.col("score")
    def work():
        out = (df.lazy().group_by("store").agg(
            (s >= 9).sum().alias("promoters"), s.is_between(7, 8).sum().alias("passives"),
            (s <= 6).sum().alias("detractors"), s.is_null().sum().alias("n_missing"))
            .sort("store").collect())
        n_ = out["promoters"] + out["passives"] + out["detractors"]
        return out.with_columns((100 * (out["promoters"] - out["detractors"]) / n_)
                                .alias("nps"))
work()
rss = [ln for ln in open("/proc/self/status") if ln.startswith("VmRSS")][0]
before = int(rss.split()[1]) / 1024
t0 = time.perf_counter()
out = work()
seconds = time.perf_counter() - t0
hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM")][0]
print(json.dumps({"seconds": seconds, "extra_mb": int(hwm.split()[1]) / 1024 - before,
                  "data_mb": df.estimated_size() / 2**20, "rows_out": len(out)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory():
        for key in ("int", "str"):
            spec = Path(f"{args.rows}:{key}")
            pairs = [(run_child(CHILD, spec, "hand"), run_child(CHILD, spec, "nt"))
                     for _ in range(args.repeat)]
            print(f"{args.rows:,} rows, 1,000 {key} keys "
                  f"({pairs[0][0]['data_mb']:.0f} MB of data), {args.repeat} paired runs")
            print_sides(pairs, ("polars lazy group_by", "nt.summarize"), memory="extra_mb")
            ratios = sorted(b["seconds"] / a["seconds"] for a, b in pairs)
            print(f"  time ratio {ratios[0]:.2f}-{ratios[-1]:.2f}x "
                  f"(median {ratios[len(ratios) // 2]:.2f}x)")


if __name__ == "__main__":
    main()
