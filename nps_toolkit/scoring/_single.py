"""The NPS of one set of answers: :func:`score` and :func:`from_counts`."""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .. import _stats
from .._frames import (
    WEIGHT_COLUMNS,
    counts_table,
    fast_category_counts,
)
from ._input import Method, _as_array, _integer_counts, _validate_scores
from ._results import NPSResult, _check_method, _result


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
