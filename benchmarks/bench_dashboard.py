"""Dashboard responsiveness: seconds per control change, on the sample and on 1 million rows.

Run by hand: ``python benchmarks/bench_dashboard.py [--rows 1000000] [--repeat 5]``.

For each control change it reports the dashboard's own update time (``last_update``: the
filtered statistics, the charts rebuilt and their specs sent) and, in the same run, the time
of the counting a skilled pandas user would write by hand for the same outputs (a boolean
mask, then score value counts, month x category counts, segment x category counts and theme x
category counts), so the ratio says what the statistics, intervals and charts cost on top.
Targets (issue 8): under 0.3 s per change on the sample, under 2 s on 1 million rows.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import nps_toolkit as nt
from nps_toolkit.widgets import Dashboard


def big_sample(rows: int, seed: int = 0) -> pd.DataFrame:
    """The bundled sample resampled with replacement to ``rows`` rows (seeded)."""
    df = nt.load_sample()
    out = df.sample(rows, replace=True, random_state=seed).reset_index(drop=True)
    out["response_id"] = pd.array([f"R{i:08d}" for i in range(rows)], dtype="string")
    return out


def by_hand(df: pd.DataFrame, themes: pd.DataFrame, channels: tuple[str, ...]) -> None:
    """What a pandas user writes for the same numbers (counts only, no intervals)."""
    m = df["channel"].isin(channels).to_numpy() if channels else np.ones(len(df), bool)
    sub = df.loc[m]
    cat = pd.cut(sub["score"].astype("float64"), [-1, 6, 8, 10],
                 labels=["detractor", "passive", "promoter"])
    sub["score"].value_counts()
    sub.groupby([sub["date"].dt.to_period("M"), cat], observed=True).size()
    sub.groupby([sub["persona"], cat], observed=True).size()
    themes.loc[m].groupby(cat.to_numpy(), observed=True).sum()


def run(df: pd.DataFrame, label: str, repeat: int) -> None:
    t0 = time.perf_counter()
    board = Dashboard(df, benchmark=29)
    init = time.perf_counter() - t0
    themes = board._themes
    changes = [("channel", ("web",)), ("channel", ("email", "web")), ("channel", ()),
               ("period", "Q"), ("period", "M"), ("min_n", 50), ("segment", "region"),
               ("method", "wald")]
    print(f"\n{label}: {len(df):,} rows; dashboard built in {init:.1f} s (once)")
    print(f"{'control change':28s} {'dashboard s (min-max)':>24s} {'by hand s':>10s} "
          f"{'ratio':>12s}")
    for name, value in changes:
        times, hand = [], []
        widget = board.controls.controls[name]
        for _ in range(repeat):
            other = widget.options[0] if name not in ("channel", "min_n") else (
                ("web",) if value == () else () if name == "channel" else 30)
            if name == "period":
                other = "Q" if value == "M" else "M"
            if name == "segment":
                other = "persona"
            if name == "method":
                other = "adjusted_wald"
            widget.value = other
            widget.value = value
            times.append(board.last_update["seconds"])
            channels = board.controls.controls["channel"].value
            t0 = time.perf_counter()
            by_hand(df, themes, channels)
            hand.append(time.perf_counter() - t0)
        ratios = np.array(times) / np.array(hand)
        print(f"{name + ' = ' + str(value):28s} {min(times):10.3f} - {max(times):.3f} s "
              f"{np.median(hand):9.3f}  {ratios.min():4.1f}-{ratios.max():4.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    run(nt.load_sample(), "bundled sample", args.repeat)
    run(big_sample(args.rows), "resampled", max(2, args.repeat // 2))


if __name__ == "__main__":
    main()
