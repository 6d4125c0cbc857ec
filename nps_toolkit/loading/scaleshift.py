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


def _low_stretches(high: np.ndarray, valid: np.ndarray, dates: np.ndarray
                   ) -> list[np.ndarray]:
    """The answers (a mask) of the first and the last stretch of days whose answers never
    pass 5: before the day of the first answer above 5 (``high``), after the day of the
    last one; ``valid``: answers with a score and a date (no sort: a minimum, a maximum and
    two comparisons)."""
    on = high & valid
    if not on.any():
        return []
    day = np.timedelta64(1, "D")
    out = []
    stamps = dates.view("i8")  # (the bounds of the answers above 5, as whole numbers)
    if valid.all():  # the usual file: an answer above 5 on the first (last) day ends it
        start = dates.min().astype("datetime64[D]").astype(dates.dtype)
        end = (dates.max().astype("datetime64[D]") + day).astype(dates.dtype)
        leading = not (on & (dates < start + day)).any()
        trailing = not (on & (dates >= end - day)).any()
    else:
        leading = trailing = True
    if leading:
        first = np.where(on, stamps, np.iinfo(np.int64).max).min().astype(dates.dtype)
        out.append((dates < first.astype("datetime64[D]").astype(dates.dtype)) & valid)
    if trailing:
        last = np.where(on, stamps, np.iinfo(np.int64).min).max().astype(dates.dtype)
        after = (last.astype("datetime64[D]") + day).astype(dates.dtype)
        out.append((dates >= after) & valid)
    return out


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
    date = frame["date"]
    if isinstance(date.dtype, pd.DatetimeTZDtype):  # (offsets read: the UTC clock)
        date = date.dt.tz_convert(None)
    dates = date.to_numpy()
    if dates.dtype.kind != "M":
        return
    missing = frame["score"].isna().to_numpy()
    values = frame["score"].to_numpy(dtype=float, na_value=0.0)
    high = values > 5
    valid = ~missing & ~np.isnat(dates)
    for stretch in _low_stretches(high, valid, dates):
        n = int(stretch.sum())
        if n < _MIN_ANSWERS:
            continue
        rest = valid & ~stretch
        share = float(high[rest].mean()) if rest.any() else 0.0
        if (1 - share) ** n >= _CHANCE:
            continue
        part = values[stretch]
        notes.append(tr(
            "the {n:,} answers from {start} to {end} never go above 5 (their highest: "
            "{top:g}), while {share:.0%} of the other answers do: they look asked on a 1-5 "
            "scale (a survey moved to 0-10, or two files stacked), every one of them a "
            "detractor. If so, read them apart with the scale they were asked on "
            "(--scale 1=0,...), or leave them out; as read, the NPS of that time is "
            "{nps:.0f}", n=n, start=str(pd.Timestamp(dates[stretch].min()).date()),
            end=str(pd.Timestamp(dates[stretch].max()).date()), top=float(part.max()),
            share=share, nps=100 * (float((part >= 9).mean()) - float((part <= 6).mean()))))
