"""Scoring: classification, NPS with an interval, comparisons, grouped summaries, sample sizes.

Conventions used throughout the package:

* A score is a whole number from 0 to 10. Promoters answer 9-10, passives 7-8, detractors 0-6.
* NPS is in points, ``100 * (share of promoters - share of detractors)``, from -100 to 100.
* Shares are fractions from 0 to 1. Missing scores are excluded and counted, never scored.
* ``nps`` is always the observed NPS; ``method`` only decides the interval.
"""

from __future__ import annotations

import html
import math
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from . import _stats
from ._frames import (
    WEIGHT_COLUMNS,
    counts_table,
    fast_category_counts,
    integer_scores,
    require_columns,
    to_narwhals,
)
from .errors import InvalidScoreError, describe_examples

__all__ = [
    "CATEGORIES",
    "NPSComparison",
    "NPSResult",
    "classify",
    "combine_scores",
    "compare",
    "compare_paired",
    "from_counts",
    "sample_size",
    "score",
    "summarize",
]

CATEGORIES: tuple[str, str, str] = ("detractor", "passive", "promoter")
Method = Literal["wald", "adjusted_wald", "score", "bootstrap", "bayes"]
_CATEGORY_DTYPE = pd.CategoricalDtype(list(CATEGORIES), ordered=True)


# --------------------------------------------------------------------------- input handling
def _as_array(values: Any, *, what: str = "scores") -> tuple[np.ndarray, pd.Index | None, str]:
    """Return (float array with NaN for missing, pandas index or None, name).

    Accepts a pandas/polars/pyarrow series, a numpy array or any sequence. Text that is not a
    number raises InvalidScoreError naming the positions.
    """
    index = None
    name = what
    if isinstance(values, pd.Series):
        index, name = values.index, str(values.name) if values.name is not None else what
        series = values
    elif isinstance(values, (np.ndarray, list, tuple, range)):
        series = pd.Series(values, dtype=object if isinstance(values, (list, tuple)) else None)
    else:
        try:
            nws = nw.from_native(values, series_only=True)
        except TypeError as exc:
            raise TypeError(f"{what} must be a series, array or sequence of numbers, got "
                            f"{type(values).__name__}") from exc
        name = nws.name or what
        series = nws.to_pandas()
    if series.dtype == bool or str(series.dtype) == "boolean":
        raise InvalidScoreError(f"{what} {name!r} are booleans, not 0-10 scores", column=name)
    if series.dtype == np.float64:
        arr = series.to_numpy()  # no copy; NaN already marks missing
    elif pd.api.types.is_numeric_dtype(series.dtype):
        arr = series.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        numeric = pd.to_numeric(series, errors="coerce")
        notnum = numeric.isna().to_numpy() & series.notna().to_numpy()
        if notnum.any():
            pos = np.flatnonzero(notnum)
            labels = list(index[pos]) if index is not None else list(pos)
            vals = list(series.iloc[pos[:5]])
            raise InvalidScoreError(
                f"{what} {name!r}: {len(pos)} value(s) are not numbers: "
                f"{describe_examples([f'position {p}' for p in labels], vals, len(pos))}. "
                "read_survey() cleans cells like '10 - Extremely likely'.",
                column=name, positions=labels[:5], values=vals, count=len(pos),
            )
        arr = numeric.to_numpy(dtype=np.float64, na_value=np.nan)
    return arr, index, name


def _integer_counts(values: Any) -> tuple[int, int, int, int] | None:
    """(promoters, passives, detractors, missing) straight from integer scores (see
    :func:`nps_toolkit._frames.integer_scores`): two counts, no float copy. None when the
    values are not 0-10 integers (the general path then names them)."""
    ints = integer_scores(values)
    if ints is None:
        return None
    data, mask = ints
    missing = int(mask.sum()) if mask is not None else 0
    if missing:
        data = data[~mask]
    P = int(np.count_nonzero(data >= 9))
    D = int(np.count_nonzero(data <= 6))
    return P, data.size - P - D, D, missing


def _validate_scores(arr: np.ndarray, index: pd.Index | None, name: str) -> None:
    """Raise InvalidScoreError unless every non-missing value is a whole number 0-10."""
    lo, hi = arr.min(initial=0.0), arr.max(initial=0.0)
    if not (np.isnan(lo) or np.isnan(hi)) and lo >= 0 and hi <= 10 and np.array_equal(
        arr, np.floor(arr)
    ):
        return
    bad = ~np.isnan(arr) & ((arr < 0) | (arr > 10) | (arr != np.floor(arr)))
    if not bad.any():
        return
    pos = np.flatnonzero(bad)
    labels = list(index[pos]) if index is not None else [int(p) for p in pos]
    vals = [float(v) for v in arr[pos[:5]]]
    raise InvalidScoreError(
        f"{name!r}: {len(pos)} value(s) are not whole numbers from 0 to 10: "
        f"{describe_examples([f'position {p}' for p in labels], vals, len(pos))}. Fix or "
        "remove them (read_survey(..., on_invalid='exclude') does so with an account); "
        "averages of several questions go through combine_scores().",
        column=name, positions=labels[:5], values=vals, count=len(pos),
    )


def classify(scores: Any) -> pd.Series:
    """Classify 0-10 scores as detractor (0-6), passive (7-8) or promoter (9-10).

    Parameters
    ----------
    scores : series, array or sequence
        Whole numbers from 0 to 10; missing values stay missing.

    Returns
    -------
    pandas.Series
        Ordered categorical ``detractor < passive < promoter`` named ``category``, with the
        input's index when the input is a pandas Series.

    Raises
    ------
    InvalidScoreError
        If a value is not a whole number from 0 to 10, naming the values and positions.

    Examples
    --------
    >>> classify([10, 7, 3, None]).tolist()
    ['promoter', 'passive', 'detractor', nan]
    """
    arr, index, name = _as_array(scores)
    _validate_scores(arr, index, name)
    codes = np.full(arr.shape, -1, dtype=np.int8)
    codes[arr <= 6] = 0
    codes[(arr >= 7) & (arr <= 8)] = 1
    codes[arr >= 9] = 2
    cat = pd.Categorical.from_codes(codes, dtype=_CATEGORY_DTYPE)
    return pd.Series(cat, index=index, name="category")


# --------------------------------------------------------------------------- results
def _fmt(x: float, digits: int = 1) -> str:
    return "NaN" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


class _NotesMixin:
    """``note``, the old single-string name of a result's ``notes`` (issue 29)."""

    notes: tuple[str, ...]

    @property
    def note(self) -> str:
        """The notes as one string: ``notes`` is the name every result uses."""
        warnings.warn("note is now notes (a tuple of sentences, the name every nps_toolkit "
                      "result uses); note goes in a later release", FutureWarning, stacklevel=2)
        return " ".join(self.notes)


@dataclass(frozen=True)
class NPSResult(_NotesMixin):
    """The Net Promoter Score of one sample, with its interval.

    Attributes
    ----------
    nps : float
        Observed NPS in points (-100..100); NaN only when ``n == 0`` (see ``note``).
    n : int
        Respondents with a valid score (missing scores excluded).
    promoters, passives, detractors : int
        Counts (unweighted, even for weighted results).
    promoter_share, passive_share, detractor_share : float
        Shares from 0 to 1 (weighted when ``weighted``).
    se : float
        Standard error in points under ``method`` (adjusted SE for ``adjusted_wald``,
        resampling/posterior SD for ``bootstrap``/``bayes``, half-width / z for ``score``).
    ci_low, ci_high : float
        Interval bounds in points, always within [-100, 100].
    method : str
        Interval method; ``confidence`` its level.
    n_missing : int
        Missing scores excluded.
    n_effective : float
        Kish's effective sample size for weighted data, equal to ``n`` otherwise.
    weighted : bool
        Whether survey weights were applied.
    note : str
        Plain-words caveats (empty sample, degenerate interval, small n).
    """

    nps: float
    n: int
    promoters: int
    passives: int
    detractors: int
    promoter_share: float
    passive_share: float
    detractor_share: float
    se: float
    ci_low: float
    ci_high: float
    method: str
    confidence: float
    n_missing: int = 0
    n_effective: float = field(default=float("nan"))
    weighted: bool = False
    notes: tuple[str, ...] = ()

    def __repr__(self) -> str:
        level = f"{self.confidence:.0%}"
        text = (
            f"NPS {_fmt(self.nps)} ({level} CI {_fmt(self.ci_low)} to {_fmt(self.ci_high)}, "
            f"{self.method}; n={self.n}"
            + (f", effective n={self.n_effective:.1f}" if self.weighted else "")
            + f": {self.promoter_share:.1%} promoters, {self.passive_share:.1%} passives, "
            f"{self.detractor_share:.1%} detractors"
            + (f"; {self.n_missing} missing excluded" if self.n_missing else "")
            + ")"
        )
        return text + "".join(f"\nNote: {n}" for n in self.notes)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        e = html.escape
        level = f"{self.confidence:.0%}"
        rows = [
            ("NPS", f"<b>{e(_fmt(self.nps))}</b>"),
            (f"{level} interval ({e(self.method)})",
             f"{e(_fmt(self.ci_low))} to {e(_fmt(self.ci_high))}"),
            ("Respondents", f"{self.n:,}" + (f" (effective {self.n_effective:,.1f})"
                                             if self.weighted else "")),
            ("Promoters", f"{self.promoters:,} ({self.promoter_share:.1%})"),
            ("Passives", f"{self.passives:,} ({self.passive_share:.1%})"),
            ("Detractors", f"{self.detractors:,} ({self.detractor_share:.1%})"),
        ]
        if self.n_missing:
            rows.append(("Missing, excluded", f"{self.n_missing:,}"))
        body = "".join(f"<tr><th style='text-align:left'>{k}</th><td>{v}</td></tr>"
                       for k, v in rows)
        note = "".join(f"<p><i>{e(n)}</i></p>" for n in self.notes)
        return f"<table class='nps-result'>{body}</table>{note}"

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (for JSON or a data frame row)."""
        return asdict(self)

    @property
    def effective_counts(self) -> tuple[float, float, float]:
        """Promoter, passive and detractor counts on the effective-sample scale."""
        n = self.n_effective if self.weighted else self.n
        return (self.promoter_share * n, self.passive_share * n, self.detractor_share * n)


def _notes(n: float, P: float, A: float, D: float, method: str, min_n: int = 30) -> str:
    if n == 0:
        return "no valid responses: the NPS and its interval are undefined (NaN)."
    notes = []
    one_category = (P == n) or (A == n) or (D == n)
    if one_category and method in ("wald", "bootstrap"):
        notes.append(f"every answer is in one category, so the {method} interval has zero "
                     "width; use method='adjusted_wald', 'score' or 'bayes' for a real "
                     "interval.")
    if n < min_n:
        notes.append(f"small sample (n={n:g} < {min_n}): the interval is wide and the NPS can "
                     "move a lot with a few answers.")
    return " ".join(notes)


def _result(P, A, D, *, method: str, confidence: float, seed: int, n_missing: int = 0,
            weights: tuple[float, float, float, float, float] | None = None,
            n_resamples: int = _stats.DEFAULT_BOOTSTRAP, prior: float = 1.0) -> NPSResult:
    n = int(P + A + D)
    if weights is None:
        shares = (P / n, A / n, D / n) if n else (math.nan,) * 3
        diff, total = float(P - D), float(n)
        n_eff = float(n)
        eP, eA, eD = float(P), float(A), float(D)
    else:
        wp, wa, wd, wsum, wsq, *w2 = weights
        shares = (wp / wsum, wa / wsum, wd / wsum) if wsum > 0 else (math.nan,) * 3
        diff, total = wp - wd, wsum
        n_eff = (wsum * wsum / wsq) if wsq > 0 else 0.0  # Kish: the reported effective n
        n_int = n_eff
        if w2 and n > 1:  # the interval on the linearised variance (see _stats.linearised_n)
            lin = float(_stats.linearised_n(wp, wa, wd, *w2, n)[0])
            n_int = lin if math.isfinite(lin) and lin > 0 else n_eff
        eP, eA, eD = (s * n_int for s in shares) if wsum > 0 else (0.0, 0.0, 0.0)
    se, lo, hi = _stats.interval([eP], [eA], [eD], method=method, confidence=confidence,
                                 seed=seed, n_resamples=n_resamples, prior=prior)
    nps = 100 * diff / total if n and total > 0 else math.nan
    shares = tuple(float(x) for x in shares)
    note = _notes(n_eff if weights is not None else n, eP, eA, eD, method)
    if weights is not None and n and n_eff == 0:
        note = "all weights are zero: the weighted NPS is undefined (NaN)."
    return NPSResult(
        nps=nps, n=n, promoters=int(P), passives=int(A), detractors=int(D),
        promoter_share=shares[0], passive_share=shares[1], detractor_share=shares[2],
        se=float(se[0]), ci_low=float(lo[0]), ci_high=float(hi[0]), method=method,
        confidence=confidence, n_missing=int(n_missing), n_effective=n_eff,
        weighted=weights is not None, notes=(note,) if note else (),
    )


def _check_method(method: str) -> None:
    if method not in _stats.METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(_stats.METHODS)}")


def score(scores: Any, *, weights: Any = None, confidence: float = 0.95,
          method: Method = "adjusted_wald", seed: int = 0,
          n_resamples: int = _stats.DEFAULT_BOOTSTRAP, prior: float = 1.0) -> NPSResult:
    """Net Promoter Score of a set of 0-10 scores, with a confidence interval.

    Parameters
    ----------
    scores : series, array or sequence, or a table
        Whole numbers from 0 to 10. Missing values (None, NaN, NA) are excluded and counted
        in ``n_missing``. A table (pandas, polars, pyarrow, or a lazy DuckDB relation, Spark
        or polars frame) is scored on its ``score`` column (or its only column), counted in
        its own engine: only three counts come back.
    weights : series, array or sequence, optional
        Survey weights (finite, >= 0), aligned with ``scores``; with a table, the name of its
        weight column. The point estimate uses the
        weighted shares; the interval is computed on the linearised (Taylor) variance of the
        weighted ratio, as survey software does (Woodruff 1971; see
        ``nps_toolkit._stats.linearised_n``), and ``n_effective`` reports Kish's effective
        sample size ``(sum w)^2 / sum w^2`` (Kish 1965, "Survey Sampling", section 11.7).
    confidence : float, default 0.95
        Confidence (or credible) level of the interval.
    method : {"adjusted_wald", "wald", "score", "bootstrap", "bayes"}
        How the interval is computed; see :mod:`nps_toolkit._stats` for each formula and its
        source. ``adjusted_wald`` (Rocks 2016) is the default: near-nominal coverage even in
        small samples.
    seed : int, default 0
        Seed for ``bootstrap`` and ``bayes``, so results re-run identically.
    n_resamples : int
        Bootstrap resamples.
    prior : float
        Dirichlet prior concentration for ``bayes`` (1 = uniform, 0.5 = Jeffreys).

    Returns
    -------
    NPSResult

    Raises
    ------
    InvalidScoreError
        A value is not a whole number 0-10 (the message names the values and positions).

    Examples
    --------
    >>> r = score([10] * 40 + [8] * 50 + [3] * 10)
    >>> r.nps
    30.0
    >>> round(r.ci_low, 1), round(r.ci_high, 1)
    (16.7, 41.6)
    """
    _check_method(method)
    table = _frame_counts(scores, weights)
    if table is not None:  # a data frame or lazy source: counted in its own engine
        c = table.iloc[0]
        wsums = (None if weights is None else
                 tuple(float(c[k]) for k in WEIGHT_COLUMNS))
        return _result(int(c["promoters"]), int(c["passives"]), int(c["detractors"]),
                       method=method, confidence=confidence, seed=seed,
                       n_missing=int(c["n_missing"]), weights=wsums,
                       n_resamples=n_resamples, prior=prior)
    if weights is None:
        counts = _integer_counts(scores)
        if counts is not None:
            P, A, D, missing = counts
            return _result(P, A, D, method=method, confidence=confidence, seed=seed,
                           n_missing=missing, n_resamples=n_resamples, prior=prior)
    arr, index, name = _as_array(scores)
    if weights is None:
        counts = fast_category_counts(arr)
        if counts is None:
            _validate_scores(arr, index, name)  # raises, naming values and positions
            raise AssertionError("unreachable: invalid scores were not reported")
        P, A, D, missing = counts
        return _result(P, A, D, method=method, confidence=confidence, seed=seed,
                       n_missing=missing, n_resamples=n_resamples, prior=prior)
    _validate_scores(arr, index, name)
    w, _, wname = _as_array(weights, what="weights")
    if w.shape != arr.shape:
        raise ValueError(f"weights has {w.size} values but scores has {arr.size}; they must be "
                         "aligned one weight per response")
    present = ~np.isnan(arr)
    badw = present & (~np.isfinite(w) | (w < 0))
    if badw.any():
        pos = np.flatnonzero(badw)
        raise ValueError(
            f"weights {wname!r}: {len(pos)} missing, negative or infinite weight(s) on scored "
            f"responses, at positions {[int(p) for p in pos[:5]]}; every scored response needs "
            "a finite weight >= 0 (0 leaves it out on purpose)."
        )
    prom, det = arr >= 9, arr <= 6
    pas = present & ~prom & ~det
    wz = np.where(present, w, 0.0)
    wsums = (float(wz[prom].sum()), float(wz[pas].sum()), float(wz[det].sum()),
             float(wz.sum()), float((wz * wz).sum()), float((wz[prom] ** 2).sum()),
             float((wz[pas] ** 2).sum()), float((wz[det] ** 2).sum()))
    return _result(int(prom.sum()), int(pas.sum()), int(det.sum()), method=method,
                   confidence=confidence, seed=seed, n_missing=int((~present).sum()),
                   weights=wsums, n_resamples=n_resamples, prior=prior)


def _frame_counts(scores: Any, weights: Any) -> pd.DataFrame | None:
    """Category counts of a frame's score column - pandas, polars, pyarrow, or a lazy DuckDB,
    Spark or polars source, reduced where it lives - or None for a series or sequence."""
    if isinstance(scores, (pd.Series, np.ndarray, list, tuple, range)):
        return None
    try:
        frame = nw.from_native(scores)
    except TypeError:
        return None
    if not isinstance(frame, (nw.DataFrame, nw.LazyFrame)):
        return None
    cols = frame.collect_schema().names()
    others = [c for c in cols if c != weights]
    if "score" in others:
        column = "score"
    elif len(others) == 1:
        column = others[0]
    else:
        raise ValueError(f"score() of a table reads its 'score' column or its only column; "
                         f"this one has {cols}: select the score column first, or use "
                         "summarize(data, score=...)")
    if weights is not None and not isinstance(weights, str):
        raise ValueError("with a table, give weights= as the name of its weight column")
    return counts_table(frame, score=column, weights=weights)


def from_counts(*, promoters: int, passives: int, detractors: int, confidence: float = 0.95,
                method: Method = "adjusted_wald", seed: int = 0, n_missing: int = 0,
                n_resamples: int = _stats.DEFAULT_BOOTSTRAP, prior: float = 1.0) -> NPSResult:
    """The same result as :func:`score`, from category counts (e.g. a published table).

    Examples
    --------
    >>> from_counts(promoters=400, passives=500, detractors=100).nps
    30.0
    """
    _check_method(method)
    for label, v in (("promoters", promoters), ("passives", passives),
                     ("detractors", detractors), ("n_missing", n_missing)):
        if isinstance(v, bool) or not float(v).is_integer() or v < 0:
            raise ValueError(f"{label} must be a whole number >= 0, got {v!r}")
    return _result(int(promoters), int(passives), int(detractors), method=method,
                   confidence=confidence, seed=seed, n_missing=int(n_missing),
                   n_resamples=n_resamples, prior=prior)


# --------------------------------------------------------------------------- comparisons
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


# --------------------------------------------------------------------------- several questions
def combine_scores(data: Any, columns: Sequence[str], *,
                   how: Literal["mean", "median", "min", "max"] = "mean",
                   rounding: Literal["half_up", "floor", "half_even"] = "half_up",
                   min_answered: int = 1, name: str = "score") -> pd.Series:
    """Combine several 0-10 questions per respondent into one 0-10 score, then classify as usual.

    The rule: take the ``how`` (default mean) of the questions the respondent answered, if
    they answered at least ``min_answered`` of them, then round to a whole number with
    ``rounding``: ``half_up`` (default; 8.5 -> 9, the usual school rounding), ``floor``
    (conservative: 8.5 -> 8, only a full 9 is a promoter) or ``half_even`` (banker's rounding,
    8.5 -> 8, 9.5 -> 10). Respondents with too few answers get a missing score, which
    :func:`score` then counts as missing.

    Parameters
    ----------
    data : data frame (pandas, polars, pyarrow)
    columns : the 0-10 question columns to combine.
    how, rounding, min_answered, name : see above.

    Returns
    -------
    pandas.Series
        Nullable integer scores (``Int64``), with the input's index for pandas input.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"product": [9, 8, None], "service": [8, 6, 7]})
    >>> combine_scores(df, ["product", "service"]).tolist()
    [9, 7, 7]
    """
    if how not in ("mean", "median", "min", "max"):
        raise ValueError(f"how must be 'mean', 'median', 'min' or 'max', got {how!r}")
    if rounding not in ("half_up", "floor", "half_even"):
        raise ValueError(f"rounding must be 'half_up', 'floor' or 'half_even', got {rounding!r}")
    columns = list(columns)
    if not columns:
        raise ValueError("columns must name at least one 0-10 question column")
    if not 1 <= min_answered <= len(columns):
        raise ValueError(f"min_answered must be between 1 and {len(columns)}, got {min_answered}")
    frame = to_narwhals(data)
    if isinstance(frame, nw.LazyFrame):
        frame = frame.collect()
    require_columns(frame, columns, role="question column")
    native_index = data.index if isinstance(data, pd.DataFrame) else None
    mats = []
    for c in columns:
        arr, _, _ = _as_array(frame.get_column(c).to_pandas(), what="question")
        _validate_scores(arr, native_index if native_index is not None else None, c)
        mats.append(arr)
    m = np.column_stack(mats)
    answered = (~np.isnan(m)).sum(axis=1)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "All-NaN slice" rows stay NaN
        agg = {"mean": np.nanmean, "median": np.nanmedian, "min": np.nanmin,
               "max": np.nanmax}[how](m, axis=1)
    if rounding == "half_up":
        rounded = np.floor(agg + 0.5)
    elif rounding == "floor":
        rounded = np.floor(agg + 1e-9)
    else:
        rounded = np.round(agg)
    rounded[answered < min_answered] = np.nan
    out = pd.array(rounded, dtype="Float64").astype("Int64")
    return pd.Series(out, index=native_index, name=name)


# --------------------------------------------------------------------------- grouped summary
def intervals_from_counts(table: pd.DataFrame, *, method: str, confidence: float, seed: int,
                          min_n: int, weighted: bool, n_resamples: int = _stats.DEFAULT_BOOTSTRAP,
                          prior: float = 1.0) -> pd.DataFrame:
    """Add shares, NPS, SE, interval and the small-n flag to a counts table (vectorised)."""
    out = table
    P, A, D = (out[c].to_numpy(dtype=float) for c in ("promoters", "passives", "detractors"))
    n = P + A + D
    with np.errstate(invalid="ignore", divide="ignore"):
        if weighted:
            wsum = out["w_sum"].to_numpy(dtype=float)
            shares = [out[c].to_numpy(dtype=float) / wsum
                      for c in ("w_promoters", "w_passives", "w_detractors")]
            n_eff = wsum**2 / out["w_sq"].to_numpy(dtype=float)  # Kish: reported
            n_eff = np.where(wsum > 0, n_eff, 0.0)
            n_int = n_eff
            if "w2_promoters" in out.columns:  # intervals on the linearised variance
                lin = _stats.linearised_n(
                    *(out[c].to_numpy(dtype=float) for c in (
                        "w_promoters", "w_passives", "w_detractors", "w2_promoters",
                        "w2_passives", "w2_detractors")), n)
                n_int = np.where(np.isfinite(lin) & (lin > 0) & (n > 1), lin, n_eff)
            eff = [np.where(wsum > 0, s * n_int, 0.0) for s in shares]
        else:
            shares = [P / n, A / n, D / n]
            n_eff = n
            eff = [P, A, D]
    se, lo, hi = _stats.interval(*eff, method=method, confidence=confidence, seed=seed,
                                 n_resamples=n_resamples, prior=prior)
    new = dict(zip(("promoter_share", "passive_share", "detractor_share"), shares,
                   strict=True))
    with np.errstate(invalid="ignore", divide="ignore"):
        if weighted:
            new["nps"] = 100 * (out["w_promoters"] - out["w_detractors"]).to_numpy(float) / wsum
        else:
            new["nps"] = 100 * (P - D) / n
    new.update(se=se, ci_low=lo, ci_high=hi)
    if weighted:
        new["n_effective"] = n_eff
    new["small_n"] = (n_eff if weighted else n) < min_n
    dropped = set(WEIGHT_COLUMNS) if weighted else set()
    kept = {c: out[c] for c in out.columns if c not in dropped}
    return pd.DataFrame({**kept, **new}, index=out.index)  # one constructor, not 10 inserts


def summarize(data: Any, *, score: str = "score", by: str | Sequence[str] | None = None,
              weights: str | None = None, confidence: float = 0.95,
              method: Method = "adjusted_wald", min_n: int = 30, seed: int = 0,
              n_resamples: int = _stats.DEFAULT_BOOTSTRAP, prior: float = 1.0) -> pd.DataFrame:
    """NPS with its interval, one tidy row per group (or one row without ``by``).

    Aggregation to counts runs in the data's own engine through narwhals, so a pandas,
    polars or pyarrow frame and a DuckDB relation all work, and millions of rows reduce to a
    small counts table before any statistics.

    Parameters
    ----------
    data : data frame or DuckDB relation
    score : str, default "score"
        The 0-10 column (the name :func:`read_survey` gives it).
    by : str or list of str, optional
        Group columns. Missing group values form their own group (shown last).
    weights : str, optional
        Column of survey weights; shares are weighted, intervals use the linearised variance
        (as in :func:`score`) and ``n_effective`` is Kish's effective n.
    confidence, method, seed, n_resamples, prior :
        As in :func:`score`.
    min_n : int, default 30
        Groups with fewer (effective) respondents are flagged ``small_n``: their NPS moves by
        several points with one answer, and normal-approximation intervals lose accuracy.

    Returns
    -------
    pandas.DataFrame
        Columns: the group keys, ``n``, ``n_missing``, ``n_rows``, ``promoters``, ``passives``,
        ``detractors``, their ``*_share`` (0-1), ``nps``, ``se``, ``ci_low``, ``ci_high``,
        ``n_effective`` (weighted only), ``small_n``, plus ``method`` and ``confidence``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"score": [10, 9, 8, 3, 10, 6], "channel": list("aabbbb")})
    >>> summarize(df, by="channel")[["channel", "n", "nps"]]
      channel  n    nps
    0       a  2  100.0
    1       b  4  -25.0
    """
    _check_method(method)
    keys = [by] if isinstance(by, str) else list(by or [])
    table = counts_table(data, score=score, by=keys, weights=weights)
    out = intervals_from_counts(table, method=method, confidence=confidence, seed=seed,
                                min_n=min_n, weighted=weights is not None,
                                n_resamples=n_resamples, prior=prior)
    order = [*keys, "n", "n_missing", "n_rows", "promoters", "passives", "detractors",
             "promoter_share", "passive_share", "detractor_share", "nps", "se", "ci_low",
             "ci_high", *(["n_effective"] if weights is not None else []), "small_n"]
    return pd.DataFrame({**{c: out[c] for c in order}, "method": method,
                         "confidence": confidence}, index=out.index)


# --------------------------------------------------------------------------- planning
def sample_size(*, margin: float | None = None, difference: float | None = None,
                promoters: float | None = None, detractors: float | None = None,
                confidence: float = 0.95, power: float = 0.8) -> int:
    """Responses needed for a margin of error, or per group to detect a difference.

    Exactly one of ``margin`` and ``difference`` (both in NPS points) is given.

    * ``margin``: total responses so that the half-width of the Wald interval is at most
      ``margin``: ``n = z^2 V / m^2`` (Cochran 1977, "Sampling Techniques", 3rd ed., eq. 4.1).
    * ``difference``: responses **per group** for a two-sided test at level
      ``1 - confidence`` to detect a true difference of ``difference`` points with
      probability ``power``: ``n = (z_{1-a/2} + z_{power})^2 (V_a + V_b) / delta^2``
      (Chow, Shao & Wang 2008, "Sample Size Calculations in Clinical Research", 2nd ed.,
      section 3.2), with both groups given the variance of the expected shares.

    ``V = p + d - (p - d)^2`` is the per-respondent variance of the NPS (in proportions).
    Without expected shares the worst case ``V = 1`` (half promoters, half detractors) is used,
    which is safe but large; give ``promoters`` and ``detractors`` (fractions) from a past
    survey for a realistic figure.

    Examples
    --------
    >>> sample_size(margin=5, promoters=0.4, detractors=0.1)
    630
    >>> sample_size(difference=10, promoters=0.4, detractors=0.1)
    644
    """
    if (margin is None) == (difference is None):
        raise ValueError("give exactly one of margin= (points) or difference= (points)")
    if (promoters is None) != (detractors is None):
        raise ValueError("give both promoters= and detractors= expected shares, or neither")
    if promoters is None:
        v = 1.0
    else:
        if not (0 <= promoters <= 1 and 0 <= detractors <= 1 and promoters + detractors <= 1):
            raise ValueError("promoters and detractors are expected shares from 0 to 1 whose "
                             f"sum is at most 1; got {promoters!r} and {detractors!r}")
        v = float(_stats.nps_variance(np.float64(promoters), np.float64(detractors)))
    if v == 0:
        raise ValueError("with those shares every respondent gives the same NPS score; the "
                         "variance is zero and any sample size works")
    z = _stats.z_value(confidence)
    if margin is not None:
        if not 0 < margin <= 200:
            raise ValueError(f"margin is in NPS points and must be in (0, 200], got {margin!r}")
        return math.ceil(z * z * v / (margin / 100) ** 2 - 1e-9)
    if not 0 < abs(difference) <= 200:
        raise ValueError(f"difference is in NPS points, non-zero, got {difference!r}")
    if not 0 < power < 1:
        raise ValueError(f"power must be between 0 and 1, got {power!r}")
    zb = float(_stats.norm_ppf(power))
    return math.ceil((z + zb) ** 2 * 2 * v / (difference / 100) ** 2 - 1e-9)
