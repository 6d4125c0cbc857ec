"""summarize and trend on a DuckDB relation over a large Parquet file, against hand SQL.

Run by hand: ``python benchmarks/bench_engines.py [--rows 100000000] [--repeat 3]``.
DuckDB writes the Parquet file itself (a score 0-10 with 2% missing, a date over two years, a
store id among 1,000 and a segment among 8), so generating 100M rows needs no Python memory.
Each measurement runs in its own fresh process (peak memory = its ``VmHWM``), alternating
the toolkit and the hand-written query for paired runs. Targets (issue 13): ``summarize``
<= 1.2x hand SQL with flat memory; ``trend(freq="M", by=segment)`` <= 1.5x hand SQL with
``date_trunc``, under 1 GB.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _timing import run_child

CHILD = """
import json, sys, time
import duckdb
import pandas  # both sides return a pandas frame; its import is not timed
path, how = sys.argv[1], sys.argv[2]
if how.startswith("nt"):
    import nps_toolkit as nt
con = duckdb.connect()
rel = con.read_parquet(path)
COUNTS = ("count(*) FILTER (WHERE score >= 9) AS promoters, "
          "count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS passives, "
          "count(*) FILTER (WHERE score <= 6) AS detractors, "
          "count(*) FILTER (WHERE score IS NULL) AS n_missing")
t0 = time.perf_counter()
if how == "sql summarize":
    out = con.sql(f"SELECT store, {COUNTS} FROM rel GROUP BY store ORDER BY store").df()
    out["nps"] = 100 * (out.promoters - out.detractors) / (out.promoters + out.passives
                                                           + out.detractors)
elif how == "nt summarize":
    out = nt.summarize(rel, by="store")
elif how == "sql trend":
    out = con.sql(f"SELECT segment, date_trunc('month', date) AS month, {COUNTS} FROM rel "
                  "GROUP BY ALL ORDER BY segment, month").df()
    out["nps"] = 100 * (out.promoters - out.detractors) / (out.promoters + out.passives
                                                           + out.detractors)
else:
    out = nt.trend(rel, freq="M", by="segment")
seconds = time.perf_counter() - t0
hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM")][0]
print(json.dumps({"seconds": seconds, "peak_mb": int(hwm.split()[1]) / 1024,
                  "rows_out": len(out)}))
"""


def make_file(rows: int, folder: Path, segments: int = 8) -> Path:
    import duckdb

    path = folder / f"survey_{rows}_{segments}.parquet"
    duckdb.sql(f"""
        COPY (SELECT
            CASE WHEN hash(i) % 50 = 0 THEN NULL ELSE CAST(hash(i * 7) % 11 AS TINYINT) END
                AS score,
            DATE '2024-01-01' + CAST(hash(i * 13) % 730 AS INTEGER) AS date,
            CAST(hash(i * 17) % 1000 AS INTEGER) AS store,
            'segment ' || CAST(hash(i * 19) % {segments} AS VARCHAR) AS segment
          FROM range({rows}) t(i))
        TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)""")
    return path


def run(path: Path, how: str) -> dict[str, float]:
    return run_child(CHILD, path, how)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--segments", type=int, default=8,
                        help="segments for the trend (issue 28 measures 1,000)")
    parser.add_argument("--folder", type=Path, default=None,
                        help="where to write the Parquet file (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        path = make_file(args.rows, Path(tmp), args.segments)
        size = path.stat().st_size / 1e6
        print(f"{args.rows:,} rows, {args.segments:,} segments, {size:.0f} MB Parquet, "
              f"{args.repeat} paired runs")
        for work in ("summarize", "trend"):
            pairs = [(run(path, f"sql {work}"), run(path, f"nt {work}"))
                     for _ in range(args.repeat)]
            for label, i in ((f"hand SQL {work}", 0), (f"nt.{work}", 1)):
                secs = [p[i]["seconds"] for p in pairs]
                mem = [p[i]["peak_mb"] for p in pairs]
                print(f"  {label:22s} {min(secs):7.2f}-{max(secs):.2f} s   peak "
                      f"{min(mem):6.0f}-{max(mem):.0f} MB   rows out {pairs[0][i]['rows_out']}")
            ratios = [b["seconds"] / a["seconds"] for a, b in pairs]
            mratio = [b["peak_mb"] / a["peak_mb"] for a, b in pairs]
            print(f"  {work}: time ratio {min(ratios):.2f}-{max(ratios):.2f}x, peak memory "
                  f"ratio {min(mratio):.2f}-{max(mratio):.2f}x")


if __name__ == "__main__":
    main()
