"""Reading scores: one array of 0-10 values from a Series, list or frame column,
validated, and classified."""

from __future__ import annotations

from typing import Any, Literal

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .._frames import (
    integer_scores,
)
from ..errors import InvalidScoreError, describe_examples

CATEGORIES: tuple[str, str, str] = ("detractor", "passive", "promoter")
Method = Literal["wald", "adjusted_wald", "score", "bootstrap", "bayes"]
_CATEGORY_DTYPE = pd.CategoricalDtype(list(CATEGORIES), ordered=True)



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
