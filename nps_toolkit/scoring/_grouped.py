"""Grouped summaries: counts per group reduced in the data's engine, then intervals
(:func:`summarize`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import _stats
from .._frames import (
    WEIGHT_COLUMNS,
    counts_table,
)
from ._input import Method
from ._results import _check_method


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
