"""read_survey against pandas.read_csv (default engine) on a large export: time and peak memory.

Run by hand: ``python benchmarks/bench_loading.py [--rows 1000000] [--repeat 3] [--wide]
[--columns 240]``.
Each reader runs in its own fresh process (so peak memory is its own), alternating the two
for paired runs; the file has a response id, a date, a customer id, the score, a comment
(half blank) and two segment columns. Target (issue 11): within 1.5x of pandas.read_csv in
time and peak memory.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from _timing import print_sides, run_child

import nps_toolkit as nt

CHILD = """
import json, sys, time
import pandas as pd
path, how = sys.argv[1], sys.argv[2]
if how == "read_survey":
    import nps_toolkit as nt
t0 = time.perf_counter()
if how == "read_survey":
    nt.read_survey(path)
else:
    pd.read_csv(path)
seconds = time.perf_counter() - t0
# VmHWM belongs to this program's memory map (ru_maxrss would carry over the parent's peak
# across fork + exec, and the parent holds the generated frame)
hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM")][0]
peak_mb = int(hwm.split()[1]) / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))
"""


def make_file(rows: int, folder: Path, multiline: float = 0.0) -> Path:
    """A 7-column export; ``multiline``: the share of comments holding a quoted line break
    (issue 28 measures 2%)."""
    rng = np.random.default_rng(0)
    comments = nt.load_sample()["comment"].sample(rows, replace=True, random_state=1)
    if multiline:
        broken = rng.random(rows) < multiline
        comments = comments.where(~broken, comments.fillna("") + "\nPS: see my earlier reply")
    df = pd.DataFrame({
        "response_id": pd.array([f"R{i:08d}" for i in range(rows)], dtype="string"),
        "date": (pd.Timestamp("2025-01-01")
                 + pd.to_timedelta(rng.integers(0, 540 * 86400, rows), unit="s")),
        "customer_id": pd.array([f"C{i:07d}" for i in rng.integers(0, rows // 3, rows)],
                                dtype="string"),
        "score": rng.integers(0, 11, rows),
        "comment": comments.to_numpy(),
        "channel": rng.choice(["web", "email", "app"], rows),
        "region": rng.choice(["North", "South", "East", "West"], rows),
    })
    path = folder / f"survey_{rows}{'_multiline' if multiline else ''}.csv"
    df.to_csv(path, index=False)
    return path


def make_wide_file(rows: int, folder: Path) -> Path:
    """A wide export as survey platforms write it (37 columns, Qualtrics-like): dates,
    status flags, an IP address, progress and duration, a response id, the score and its
    comment, 17 Likert answers with blanks, 6 ratings 1-5 and a region."""
    rng = np.random.default_rng(0)
    start = (pd.Timestamp("2025-01-01")
             + pd.to_timedelta(rng.integers(0, 300 * 86400, rows), unit="s"))
    df = pd.DataFrame({
        "StartDate": start.strftime("%Y-%m-%d %H:%M:%S"),
        "EndDate": (start + pd.Timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S"),
        # every row an answer: "Survey Preview" rows (half of them before the twenty-first
        # session) are left out since, and excluding rows costs a copy of the kept ones
        "Status": rng.choice(["IP Address", "IP Address"], rows),
        "IPAddress": [f"10.{a}.{b}.{c}" for a, b, c in rng.integers(0, 255, (rows, 3))],
        "Progress": rng.choice([100, 50, 75], rows),
        "Duration (in seconds)": rng.integers(20, 2000, rows),
        "Finished": rng.choice(["True", "False"], rows),
        "RecordedDate": (start + pd.Timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S"),
        "ResponseId": [f"R_{i:015d}" for i in range(rows)],
        "DistributionChannel": rng.choice(["anonymous", "email"], rows),
        "UserLanguage": rng.choice(["EN", "FR", "DE"], rows),
        "NPS": rng.integers(0, 11, rows),
        "Comment": rng.choice(["Great service", "Too slow", "",
                               "Price too high for what you get", "ok"], rows),
        **{f"Q{k}": rng.choice(["Strongly agree", "Agree", "Neutral", "Disagree", ""], rows)
           for k in range(3, 20)},
        **{f"Q{k}": rng.integers(1, 6, rows) for k in range(20, 26)},
        "region": rng.choice(["North", "South", "East", "West"], rows),
    })
    path = folder / f"wide_{rows}.csv"
    df.to_csv(path, index=False)
    return path


def make_hotel_file(rows: int, columns: int, folder: Path) -> Path:
    """A very wide export as a hotel chain's guest survey is published (hundreds of
    columns: ratings 1-10 with a third blank, flags and member tiers, revenues, country
    codes), ``columns`` in all: where read_survey's work per column, not per row, counts."""
    rng = np.random.default_rng(0)
    quarter = max(1, (columns - 3) // 4)
    cols: dict[str, object] = {
        "RespondentID": [f"R_{i:010d}" for i in range(rows)],
        "StartDate": pd.Timestamp("2025-01-01")
        + pd.to_timedelta(rng.integers(0, 9_000_000, rows), unit="s"),
        "Likelihood_Recommend_H": rng.integers(0, 11, rows),
    }
    for k in range(quarter):
        cols[f"Sat_{k}_H"] = np.where(rng.random(rows) < 0.3, np.nan,
                                      rng.integers(1, 11, rows))
        cols[f"Attr_{k}_C"] = rng.choice(["Y", "N", "", "Gold", "Platinum"], rows)
        cols[f"Rev_{k}_R"] = np.round(rng.gamma(2, 100, rows), 2)
    for k in range(columns - 3 - 3 * quarter):
        cols[f"Code_{k}_PL"] = rng.choice(["US", "CA", "MX", "GB", "DE", "FR", "JP"], rows)
    path = folder / f"hotel_{rows}x{columns}.csv"
    pd.DataFrame(cols).to_csv(path, index=False)
    return path


def run(path: Path, how: str) -> dict[str, float]:
    return run_child(CHILD, path, how)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--wide", action="store_true",
                        help="a 37-column survey-platform export instead of 7 columns")
    parser.add_argument("--columns", type=int, default=0,
                        help="a hotel-survey export this many columns wide (e.g. 240)")
    parser.add_argument("--multiline", type=float, default=0.0,
                        help="share of comments with a quoted line break (e.g. 0.02)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = (make_hotel_file(args.rows, args.columns, Path(tmp)) if args.columns
                else make_wide_file(args.rows, Path(tmp)) if args.wide
                else make_file(args.rows, Path(tmp), args.multiline))
        size = path.stat().st_size / 1e6
        pairs = []
        for _ in range(args.repeat):
            pairs.append((run(path, "read_csv"), run(path, "read_survey")))
    t_ratio = [b["seconds"] / a["seconds"] for a, b in pairs]
    m_ratio = [b["peak_mb"] / a["peak_mb"] for a, b in pairs]
    shape = (f" x {args.columns} columns" if args.columns else " (wide)" if args.wide
             else f" ({args.multiline:.0%} multi-line)" if args.multiline else "")
    print(f"{args.rows:,} rows{shape}, {size:.0f} MB CSV, "
          f"{args.repeat} paired runs")
    print_sides(pairs, ("pandas.read_csv", "read_survey"), memory="peak_mb", width=16,
                digits=2)
    print(f"  time ratio {min(t_ratio):.1f}-{max(t_ratio):.1f}x (median "
          f"{float(np.median(t_ratio)):.2f}), "
          f"peak memory ratio {min(m_ratio):.1f}-{max(m_ratio):.1f}x")


if __name__ == "__main__":
    main()
