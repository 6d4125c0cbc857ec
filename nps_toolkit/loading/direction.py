"""Whether a scale runs the other way: the comments of the best answers read worse than those
of the worst.

A survey tool or a hand-kept sheet may code its answers with 1 (or 0) as the best ("1 = very
likely"); read as a recommend score, every promoter is then a detractor and the NPS comes out
upside down, silently. The answers' own comments tell: read by the word lists
(:func:`nps_toolkit.sentiment`), the comments under the high answers are more positive than
those under the low ones on every real survey measured (AUC 0.71-0.96 over the labelled
comments, ``docs/text-analysis-validation.md``). Far below one half, the scale runs the other
way.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import erfc, sqrt

import numpy as np
import pandas as pd

#: comments read (the first ones with an answer): enough for the test, bounded in time
MAX_COMMENTS = 2000

#: comments with a word of the lists needed at each end of the scale
MIN_EACH = 10


@dataclass(frozen=True)
class Direction:
    """The comments' reading of the scale's ends: ``auc`` is the probability that a comment
    under a high answer reads more positive than one under a low answer (ties count half),
    over ``n_high`` and ``n_low`` comments where the word lists found a word; ``p`` the
    one-sided p-value of a scale running the other way."""

    auc: float
    p: float
    n_high: int
    n_low: int
    low: tuple[float, float]
    high: tuple[float, float]

    @property
    def reversed(self) -> bool:
        """The comments say the scale runs the other way: AUC 0.3 or less at p < 0.001."""
        return self.auc <= 0.3 and self.p < 0.001


def scale_direction(scores: np.ndarray | pd.Series, comments: pd.Series) -> Direction | None:
    """The comments' reading of the scale (:class:`Direction`), or None with fewer than
    ``MIN_EACH`` comments carrying a word of the lists at either end.

    The ends are the lowest and the highest 40% of the answers' range as answered (0-6 and
    9-10 are near enough 0-4 and 6-10 for the test; 1-2 and 4-5 of a 1-5 rating). The AUC is
    the Mann-Whitney statistic over the two groups' polarities, its p-value from the normal
    approximation with the tie-corrected variance (Mann & Whitney 1947, Ann. Math. Statist.
    18(1); Lehmann 1975, *Nonparametrics*, sec. 1.4).

    Examples
    --------
    >>> good = ["great service", "excellent, thank you", "very happy"] * 5
    >>> bad = ["terrible delay", "awful, never again", "very disappointed"] * 5
    >>> d = scale_direction(np.array([1] * 15 + [5] * 15), pd.Series(good + bad))
    >>> round(d.auc, 2), d.reversed
    (0.0, True)
    """
    from ..text import sentiment

    values = np.asarray(scores, dtype=float)
    text = pd.Series(comments).astype("string")
    written = np.flatnonzero(np.isfinite(values) & text.notna().to_numpy()
                             & (text.str.strip() != "").fillna(False).to_numpy())
    if len(written) < 2 * MIN_EACH:
        return None
    written = written[:MAX_COMMENTS]
    v = values[written]
    bottom, top = float(v.min()), float(v.max())
    if top <= bottom:
        return None
    low, high = v <= bottom + 0.4 * (top - bottom), v >= bottom + 0.6 * (top - bottom)
    polarity = sentiment(text.iloc[written].fillna("")).to_numpy(dtype=float)
    found = np.isfinite(polarity)
    lo, hi = polarity[low & found], polarity[high & found]
    if min(len(lo), len(hi)) < MIN_EACH:
        return None
    ranks = pd.Series(np.concatenate([hi, lo])).rank(method="average").to_numpy()
    n1, n2 = len(hi), len(lo)
    u = ranks[:n1].sum() - n1 * (n1 + 1) / 2
    _, ties = np.unique(ranks, return_counts=True)
    n = n1 + n2
    var = n1 * n2 / 12 * ((n + 1) - float((ties ** 3 - ties).sum()) / (n * (n - 1)))
    z = (u - n1 * n2 / 2) / sqrt(var) if var > 0 else 0.0
    return Direction(auc=float(u / (n1 * n2)), p=float(erfc(-z / sqrt(2)) / 2),  # Phi(z)
                     n_high=n1, n_low=n2,
                     low=(bottom, float(v[low].max())), high=(float(v[high].min()), top))
