"""Several 0-10 questions combined into one score per respondent (:func:`combine_scores`)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any, Literal

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .._frames import (
    require_columns,
    to_narwhals,
)
from ._input import _as_array, _validate_scores


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
