"""Comparing two NPS: independent samples (:func:`compare`) and the same customers
twice (:func:`compare_paired`)."""

from __future__ import annotations

import html
import math
from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np

from .. import _stats
from ._input import _as_array, _validate_scores
from ._results import NPSResult, _fmt, _NotesMixin
from ._single import score


@dataclass(frozen=True)
class NPSComparison(_NotesMixin):
    """Difference between two NPS (``b - a`` for paired, ``a - b`` for independent samples).

    Attributes
    ----------
    difference : float
        Observed difference in points.
    se, ci_low, ci_high : float
        Standard error and interval of the difference (points).
    statistic : float
        z (independent samples) or t (paired) statistic.
    p_value : float
        Two-sided p-value of "no difference".
    method, confidence : str, float
        How the interval was made.
    nps_a, nps_b, n_a, n_b : float, float, int, int
        The two NPS and their sample sizes.
    paired : bool
        Whether the samples were the same respondents.
    df : float
        Degrees of freedom of the t statistic (paired), NaN otherwise.
    note : str
        Caveats in plain words.
    """

    difference: float
    se: float
    ci_low: float
    ci_high: float
    statistic: float
    p_value: float
    method: str
    confidence: float
    nps_a: float
    nps_b: float
    n_a: int
    n_b: int
    paired: bool = False
    df: float = float("nan")
    notes: tuple[str, ...] = ()

    @property
    def significant(self) -> bool:
        """True when the p-value is below ``1 - confidence``."""
        return bool(self.p_value < 1 - self.confidence)

    def __repr__(self) -> str:
        kind = "paired" if self.paired else "independent"
        stat = "t" if self.paired else "z"
        text = (f"NPS difference {_fmt(self.difference)} points ({self.confidence:.0%} CI "
                f"{_fmt(self.ci_low)} to {_fmt(self.ci_high)}; {stat}={_fmt(self.statistic, 2)}, "
                f"{_stats.p_text(self.p_value, digits=4)}; {kind}, {self.method}; "
                f"NPS {_fmt(self.nps_a)} (n={self.n_a}) vs {_fmt(self.nps_b)} (n={self.n_b}))")
        return text + "".join(f"\nNote: {n}" for n in self.notes)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(repr(self))}</pre>"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _as_result(x: Any, confidence: float) -> NPSResult:
    """Scores become a result (only their counts are used); a result is taken as it is."""
    if isinstance(x, NPSResult):
        return x
    return score(x, method="wald", confidence=confidence)


def compare(a: Any, b: Any, *, method: Literal["wald", "adjusted_wald"] = "adjusted_wald",
            confidence: float = 0.95) -> NPSComparison:
    """Difference ``a - b`` between the NPS of two independent samples, with a z-test.

    Parameters
    ----------
    a, b : NPSResult or scores
        Two results from :func:`score`/:func:`from_counts` (weighted ones are compared on
        their effective sample sizes) or two sets of 0-10 scores.
    method : {"adjusted_wald", "wald"}
        ``wald``: ``SE = sqrt(V_a/n_a + V_b/n_b)`` with ``V = p + d - (p - d)^2``, the
        unpooled two-sample z-test on the -1/0/+1 scores (Rocks 2016, section 2; R package
        NPS, ``nps_test``). ``adjusted_wald``: each sample first gets Rocks' pseudo-counts
        (3/4 promoter, 3/2 passive, 3/4 detractor), in the manner of Agresti & Caffo (2000),
        "Simple and effective confidence intervals for proportions and differences of
        proportions", The American Statistician 54(4); the interval is centred on the
        adjusted difference and the test uses the adjusted SE.
    confidence : float
        Level of the interval; ``significant`` compares the p-value with ``1 - confidence``.

    Returns
    -------
    NPSComparison

    Examples
    --------
    >>> from nps_toolkit import from_counts
    >>> c = compare(from_counts(promoters=60, passives=25, detractors=15),
    ...             from_counts(promoters=45, passives=30, detractors=25), method="wald")
    >>> c.difference, round(c.p_value, 4)
    (25.0, 0.0229)
    """
    if method not in ("wald", "adjusted_wald"):
        raise ValueError(f"compare supports method='wald' or 'adjusted_wald', got {method!r}")
    ra, rb = _as_result(a, confidence), _as_result(b, confidence)
    z = _stats.z_value(confidence)
    centre, se_arr = _stats.difference(*[[v] for v in ra.effective_counts],
                                       *[[v] for v in rb.effective_counts], method=method)
    est, se = float(centre[0]), float(se_arr[0])
    diff = ra.nps - rb.nps
    note = ""
    if ra.n == 0 or rb.n == 0:
        note = "one sample has no valid responses: the difference is undefined."
    if se > 0:
        zstat = float(est / se)
        p = float(2 * _stats.norm_sf(abs(zstat)))
    else:
        zstat, p = math.nan, math.nan
        note = note or ("both samples have all answers in one category, so the Wald SE is "
                        "zero; use method='adjusted_wald'.")
    return NPSComparison(
        difference=diff, se=se, ci_low=max(-200.0, est - z * se),
        ci_high=min(200.0, est + z * se), statistic=zstat, p_value=p, method=method,
        confidence=confidence, nps_a=ra.nps, nps_b=rb.nps, n_a=ra.n, n_b=rb.n,
        notes=(note,) if note else (),
    )


def compare_paired(before: Any, after: Any, *, confidence: float = 0.95) -> NPSComparison:
    """Change in NPS for the same respondents surveyed twice (``after - before``).

    Each answer is scored +1 (promoter), 0 (passive) or -1 (detractor); the NPS change is
    100 times the mean of the per-person differences, tested with the paired t-test (Student
    1908; as ``scipy.stats.ttest_rel``): ``SE = sd(diff) / sqrt(n)``, ``df = n - 1``. Pairs
    with a missing score on either side are excluded and counted in the note.

    Parameters
    ----------
    before, after : sequences of 0-10 scores, aligned by respondent.
    confidence : float
        Level of the t interval.

    Examples
    --------
    >>> c = compare_paired([7, 8, 7, 6, 9, 10], [9, 9, 8, 7, 9, 10])
    >>> round(c.difference, 1)
    50.0
    """
    x, ix, nx = _as_array(before, what="before")
    y, iy, ny = _as_array(after, what="after")
    if x.shape != y.shape:
        raise ValueError(f"before has {x.size} scores and after has {y.size}; paired scores "
                         "must be aligned one pair per respondent")
    _validate_scores(x, ix, nx)
    _validate_scores(y, iy, ny)
    keep = ~np.isnan(x) & ~np.isnan(y)
    dropped = int((~keep).sum())
    x, y = x[keep], y[keep]
    cx = np.where(x >= 9, 1.0, np.where(x <= 6, -1.0, 0.0))
    cy = np.where(y >= 9, 1.0, np.where(y <= 6, -1.0, 0.0))
    d = 100 * (cy - cx)
    n = d.size
    notes = [f"{dropped} pair(s) with a missing score excluded."] if dropped else []
    diff = float(d.mean()) if n else math.nan
    if n >= 2:
        se = float(d.std(ddof=1) / math.sqrt(n))
        df = n - 1
        if se > 0:
            t = diff / se
            p = float(2 * _stats.t_sf(abs(t), df))
        else:
            t, p = (math.nan, 1.0) if diff == 0 else (math.inf, 0.0)
            notes.append("every respondent changed by the same amount: the SE is zero.")
        q = float(_stats.t_ppf(0.5 + confidence / 2, df))
        lo, hi = diff - q * se, diff + q * se
    else:
        se = t = p = lo = hi = math.nan
        df = math.nan
        notes.append("fewer than two complete pairs: no interval or test is possible.")
    nps_a = float(100 * cx.mean()) if n else math.nan
    nps_b = float(100 * cy.mean()) if n else math.nan
    return NPSComparison(
        difference=diff, se=se, ci_low=max(-200.0, lo) if n >= 2 else lo,
        ci_high=min(200.0, hi) if n >= 2 else hi, statistic=t, p_value=p,
        method="paired_t", confidence=confidence, nps_a=nps_a, nps_b=nps_b, n_a=n, n_b=n,
        paired=True, df=float(df), notes=tuple(notes),
    )
