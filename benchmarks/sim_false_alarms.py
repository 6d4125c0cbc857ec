"""False alarms and power of the trend flags and shift alerts (issue 27 §1), by simulation.

Stable series: 24 months of an NPS of 25 (45% promoters, 35% passives, 20% detractors),
each month's number of answers drawn between 50 and 500. A series "alarms" when any of its
months is flagged (`trend`: `significant_change`; `detect_shifts`: `flagged`, baseline 3).
Power: the same series with a sustained 10-point drop from month 13 on (40% / 35% / 25%),
n fixed at 100 or 500 a month; detected when `trend` flags month 13 or `detect_shifts`
flags one of months 13-15.

    python benchmarks/sim_false_alarms.py [--series 1000]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

import nps_toolkit as nt

STABLE = (0.45, 0.35, 0.20)
DROPPED = (0.40, 0.35, 0.25)


def series(n_series: int, sizes, *, drop_at: int | None, seed: int) -> pd.DataFrame:
    """Answers of ``n_series`` independent series of 24 months, in one frame."""
    rng = np.random.default_rng(seed)
    months = pd.date_range("2024-01-01", periods=24, freq="MS")
    n = sizes(rng, (n_series, 24))
    sid = np.repeat(np.arange(n_series), 24)
    month = np.tile(np.arange(24), n_series)
    per = n.ravel()
    sid, month = np.repeat(sid, per), np.repeat(month, per)
    probs = np.where((drop_at is not None) & (month[:, None] >= (drop_at or 0)),
                     np.array(DROPPED), np.array(STABLE))
    u = rng.random(len(sid))
    score = np.where(u < probs[:, 0], 10, np.where(u < probs[:, 0] + probs[:, 1], 8, 3))
    return pd.DataFrame({"series": sid, "date": months[month] + pd.Timedelta(days=10),
                         "score": score})


def trend_rates(df: pd.DataFrame, adjust: str, drop_at: int | None) -> float:
    t = nt.trend(df, by="series", freq="M", adjust=adjust)
    if drop_at is None:
        return float(t.groupby("series")["significant_change"].any().mean())
    at = t.groupby("series").nth(drop_at)
    return float(at["significant_change"].mean())


def shift_rates(df: pd.DataFrame, adjust: str, drop_at: int | None) -> float:
    hits = []
    for _, one in df.groupby("series"):
        flagged = nt.detect_shifts(one, freq="M", baseline=3, adjust=adjust).periods["flagged"]
        hits.append(flagged.iloc[drop_at:drop_at + 3].any() if drop_at is not None
                    else flagged.any())
    return float(np.mean(hits))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--series", type=int, default=1000)
    k = parser.parse_args().series
    varied = lambda rng, shape: rng.integers(50, 501, shape)  # noqa: E731
    rows = []
    stable = series(k, varied, drop_at=None, seed=1)
    fixed = {n: series(k, lambda rng, shape, n=n: np.full(shape, n), drop_at=12, seed=2)
             for n in (100, 500)}
    for adjust in ("none", "holm"):
        rows.append({"adjust": adjust,
                     "trend: stable series with any flag": trend_rates(stable, adjust, None),
                     "trend: drop seen, n=100": trend_rates(fixed[100], adjust, 12),
                     "trend: drop seen, n=500": trend_rates(fixed[500], adjust, 12),
                     "shifts: stable series alerted": shift_rates(stable, adjust, None),
                     "shifts: drop seen, n=100": shift_rates(fixed[100], adjust, 12),
                     "shifts: drop seen, n=500": shift_rates(fixed[500], adjust, 12)})
    table = pd.DataFrame(rows).set_index("adjust").T
    print(f"{k} series of 24 months per cell")
    print((100 * table).round(1).to_string())


if __name__ == "__main__":
    main()
