"""A recommend question asked on another scale for part of the file: the first months of an
export answered 1-5 (before the survey moved to 0-10) read as detractors, every one."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import tr

#: answers of one stretch that never pass 5 before the stretch is said: fewer is chance
_MIN_ANSWERS = 30
#: how unlikely that stretch must be under the rest of the file's answers
_CHANCE = 1e-6


def _low_stretches(scores: np.ndarray, dates: np.ndarray) -> list[np.ndarray]:
    """The answers (a mask) of the first and the last stretch of days whose answers never
    pass 5: before the day of the first answer above 5, after the day of the last one
    (no sort: a minimum, a maximum and two comparisons)."""
    high = scores > 5  # (a missing score is no answer above 5, nor a date NaT a day)
    if not high.any():
        return []
    valid = ~np.isnan(scores) & ~np.isnat(dates)
    on = dates[high & valid]
    if not len(on):
        return []
    first = on.min().astype("datetime64[D]")
    after = on.max().astype("datetime64[D]") + np.timedelta64(1, "D")
    return [(dates < first) & valid, (dates >= after) & valid]


def say_scale_shift(frame: pd.DataFrame, notes: list[str]) -> None:
    """Say when the answers of the first (or last) stretch of the survey never pass 5 while
    the rest of the file's often do: that stretch looks asked on a 1-5 scale (a survey
    moved to 0-10, or a 1-5 file stacked with a 0-10 one), every answer of it a detractor
    and its NPS -100, silently. Nothing is changed (which scale it was is the analyst's
    to say); the dates, the count and the chance are said.

    The chance is that of ``n`` answers all at 5 or under when each is so with the rest of
    the file's share: ``(1 - q) ** n`` (independent answers, a binomial with no success),
    said when under one in a million."""
    if "date" not in frame.columns or "score" not in frame.columns:
        return
    dates = frame["date"].to_numpy()
    if dates.dtype.kind != "M":
        return
    scores = frame["score"].to_numpy(dtype=float, na_value=np.nan)
    for stretch in _low_stretches(scores, dates):
        n = int(stretch.sum())
        if n < _MIN_ANSWERS:
            continue
        rest = ~stretch & ~np.isnan(scores) & ~np.isnat(dates)
        share = float((scores[rest] > 5).mean()) if rest.any() else 0.0
        if (1 - share) ** n >= _CHANCE:
            continue
        part = scores[stretch]
        notes.append(tr(
            "the {n:,} answers from {start} to {end} never go above 5 (their highest: "
            "{top:g}), while {share:.0%} of the other answers do: they look asked on a 1-5 "
            "scale (a survey moved to 0-10, or two files stacked), every one of them a "
            "detractor. If so, read them apart with the scale they were asked on "
            "(--scale 1=0,...), or leave them out; as read, the NPS of that time is "
            "{nps:.0f}", n=n, start=str(pd.Timestamp(dates[stretch].min()).date()),
            end=str(pd.Timestamp(dates[stretch].max()).date()), top=float(part.max()),
            share=share, nps=100 * (float((part >= 9).mean()) - float((part <= 6).mean()))))
