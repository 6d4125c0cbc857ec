"""Benchmark: ``trend`` after ``pd.read_parquet``, where a DATE column arrives as Python
``datetime.date`` objects (issue 13's table: 11.3 s on 5M rows for the date step; target
< 0.5 s).

Run by hand: ``python benchmarks/bench_dates.py [--rows 5000000] [--repeat 5]``. Writes a
Parquet file with a DATE column, reads it back with pandas (object column of dates), then
times, alternating in one process:

- the toolkit's date step (``nps_toolkit.trends.parse_dates``, what ``trend`` runs first);
- the hand-written conversion a skilled user would write, ``pd.to_datetime(df["date"])``;
- the whole ``nt.trend(df, freq="M", by="group")`` against a hand pandas ``groupby`` of
  month and group counting promoters, passives and detractors.

Prints min-max over the repeats and the ratios.

``--text FORMAT`` (e.g. ``"%d.%m.%Y"``, ``"%d/%m/%Y %H:%M"``, ``"%d-%b-%Y"``) times instead
the loader's date step on a column of text dates written that way, as ``read_survey`` meets
them (it detects the format and the day/month order itself), against
``pd.to_datetime(s, format=FORMAT)``, what a skilled user who knows the format writes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import nps_toolkit as nt
from nps_toolkit.trends import parse_dates


def make(rows: int, folder: Path) -> Path:
    rng = np.random.default_rng(0)
    df = pd.DataFrame({
        "date": (pd.Timestamp("2021-01-01")
                 + pd.to_timedelta(rng.integers(0, 5 * 365, rows), unit="D")).date,
        "score": rng.integers(0, 11, rows).astype("int8"),
        "group": rng.choice([f"g{i:02d}" for i in range(20)], rows),
    })
    path = folder / "dates.parquet"
    df.to_parquet(path, index=False)  # a DATE column
    return path


def by_hand(df: pd.DataFrame) -> pd.DataFrame:
    month = pd.to_datetime(df["date"]).dt.to_period("M")
    cat = np.select([df["score"] >= 9, df["score"] <= 6], [2, 0], 1)
    return pd.crosstab([month, df["group"]], cat)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--text", metavar="FORMAT", help="text dates written this way")
    args = parser.parse_args()
    if args.text:
        return text_dates(args.rows, args.repeat, args.text)
    with tempfile.TemporaryDirectory() as tmp:
        df = pd.read_parquet(make(args.rows, Path(tmp)))
    assert df["date"].dtype == object, df["date"].dtype  # Python date objects, as in the issue
    runs: dict[str, list[float]] = {k: [] for k in ("step", "hand step", "trend", "hand trend")}
    for _ in range(args.repeat):
        runs["step"].append(timed(lambda: parse_dates(df["date"], column="date")))
        runs["hand step"].append(timed(lambda: pd.to_datetime(df["date"])))
        runs["trend"].append(timed(lambda: nt.trend(df, freq="M", by="group")))
        runs["hand trend"].append(timed(lambda: by_hand(df)))
    print(f"{args.rows:,} rows, {args.repeat} runs (min-max):")
    for k, v in runs.items():
        print(f"  {k:11s} {min(v):.2f}-{max(v):.2f} s")
    for a, b in (("step", "hand step"), ("trend", "hand trend")):
        ratios = np.array(runs[a]) / np.array(runs[b])
        print(f"  {a} / {b}: {ratios.min():.2f}-{ratios.max():.2f}x (paired)")


def text_dates(rows: int, repeat: int, fmt: str) -> None:
    """The loader's date step on text dates against pandas told the format."""
    from nps_toolkit.loading.dates import _parse_dates

    rng = np.random.default_rng(0)
    stamps = pd.Timestamp("2021-01-01") + pd.to_timedelta(
        rng.integers(0, 5 * 365 * 86400, rows), unit="s")
    text = pd.Series(stamps.strftime(fmt), dtype="string")
    got = _parse_dates(text, [], "date")
    want = pd.to_datetime(text, format=fmt)
    assert (got == want).all(), "the loader read other dates than pandas told the format"
    runs: dict[str, list[float]] = {"loader": [], "pandas, format given": []}
    for _ in range(repeat):
        runs["loader"].append(timed(lambda: _parse_dates(text, [], "date")))
        runs["pandas, format given"].append(timed(lambda: pd.to_datetime(text, format=fmt)))
    print(f"{rows:,} text dates written {fmt!r} ({text.nunique():,} distinct), {repeat} runs:")
    for k, v in runs.items():
        print(f"  {k:21s} {min(v):.3f}-{max(v):.3f} s")
    ratios = np.array(runs["loader"]) / np.array(runs["pandas, format given"])
    print(f"  loader / pandas: {ratios.min():.2f}-{ratios.max():.2f}x (paired, "
          f"median {np.median(ratios):.2f})")


if __name__ == "__main__":
    main()
