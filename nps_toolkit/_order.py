"""A total order for ranked output: by value, then by name.

Rankings shown to a reader (topic labels, word lists, league tables, chart axes) must not
depend on ties, hash seeds, thread counts or library versions. Two terms that always occur
together get the same weight in exact arithmetic, but floating-point sums done in another
order (another BLAS, another thread count) make one of them win by 1e-16: the order then
flips between machines. So values are compared after rounding to a number of significant
digits far above that noise, and ties are broken by the name.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["SIGNIFICANT_DIGITS", "rank", "sort_frame"]

#: digits kept when comparing floats (float64 noise sits near the 16th)
SIGNIFICANT_DIGITS = 9


def _coarse(values: np.ndarray, digits: int = SIGNIFICANT_DIGITS) -> np.ndarray:
    """Values rounded to ``digits`` significant digits (NaN and inf kept)."""
    v = np.asarray(values, dtype=np.float64)
    out = v.copy()
    finite = np.isfinite(v) & (v != 0)
    if finite.any():
        mag = np.floor(np.log10(np.abs(v[finite])))
        scale = 10.0 ** (digits - 1 - mag)
        out[finite] = np.round(v[finite] * scale) / scale
    return out


def rank(values: Sequence[float] | np.ndarray, names: Sequence[str] | np.ndarray, *,
         descending: bool = True, digits: int = SIGNIFICANT_DIGITS) -> np.ndarray:
    """Positions that order ``values`` (rounded to ``digits`` significant digits, see
    module) and then ``names`` ascending.

    >>> rank([0.5, 0.5000000000000001, 0.9], ["b", "a", "c"]).tolist()
    [2, 1, 0]
    """
    v = _coarse(np.asarray(values, dtype=np.float64), digits)
    key = -v if descending else v
    key = np.where(np.isnan(key), np.inf, key)  # missing values last
    # names as their position in sorted order: lexsort needs comparable arrays
    labels = np.asarray([str(n) for n in names], dtype=object)
    name_rank = np.empty(len(labels), dtype=np.int64)
    name_rank[np.argsort(labels.astype(str), kind="stable")] = np.arange(len(labels))
    return np.lexsort((name_rank, key))


def sort_frame(frame: pd.DataFrame, by: str | list[str], name: str | list[str], *,
               ascending: bool | list[bool] = False) -> pd.DataFrame:
    """``frame`` sorted by the numeric column(s) ``by`` (rounded, see module), then by
    ``name`` ascending: a total order, whatever the row order came in.

    >>> t = pd.DataFrame({"term": ["b", "a", "c"], "z": [1.0, 1.0 + 1e-15, 2.0]})
    >>> sort_frame(t, "z", "term")["term"].tolist()
    ['c', 'a', 'b']
    """
    by = [by] if isinstance(by, str) else list(by)
    names = [name] if isinstance(name, str) else list(name)
    asc = [ascending] * len(by) if isinstance(ascending, bool) else list(ascending)
    keys = {f"__k{i}": _coarse(pd.to_numeric(frame[c], errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan)) for i, c in enumerate(by)}
    keys.update({f"__n{i}": frame[c].astype(str).to_numpy() for i, c in enumerate(names)})
    k = pd.DataFrame(keys, index=range(len(frame)))
    order = k.sort_values(list(keys), ascending=asc + [True] * len(names), kind="stable",
                          na_position="last").index.to_numpy()
    return frame.iloc[order]
