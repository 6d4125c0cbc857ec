"""Score codes per row (0-10, missing, invalid) and category counts of numpy arrays."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

# Category codes per row: 0-10 are the scores themselves, then these two.
MISSING_CODE = 11
INVALID_CODE = 12
N_CODES = 13


def numpy_codes(arr: np.ndarray) -> np.ndarray:
    """Row codes 0-12 (score, 11 missing, 12 invalid) for a float array, in a few passes.

    The fast path (every value a 0-10 whole number or NaN) costs a handful of vectorised
    passes; anything else takes a slower exact path that marks the invalid values.
    """
    nan = np.isnan(arr)
    filled = np.where(nan, float(MISSING_CODE), arr)
    lo, hi = (filled.min(), filled.max()) if filled.size else (0.0, 0.0)
    if lo >= 0 and hi <= MISSING_CODE:
        codes = filled.astype(np.int8)
        if np.array_equal(codes, filled):
            # a genuine 11 would be counted as missing: make sure there is none
            if hi < MISSING_CODE or np.count_nonzero(codes == MISSING_CODE) == np.count_nonzero(
                    nan):
                return codes
    bad = ~nan & ((arr < 0) | (arr > 10) | (arr != np.floor(arr)))
    safe = np.where(nan | bad, 0.0, arr).astype(np.int8)
    return np.where(nan, MISSING_CODE, np.where(bad, INVALID_CODE, safe)).astype(np.int8)


def fast_category_counts(arr: np.ndarray) -> tuple[int, int, int, int] | None:
    """(promoters, passives, detractors, missing) of a float array, or None if any value is
    not a 0-10 whole number (the caller then takes the exact path that names them).

    About 2-3x the cost of the bare ``(s >= 9).mean() - (s <= 6).mean()``: range via
    fmin/fmax (NaN ignored), integrality by truncating to int8 and comparing back, counts on
    the one-byte codes.
    """
    if arr.size == 0:
        return 0, 0, 0, 0
    lo, hi = np.fmin.reduce(arr), np.fmax.reduce(arr)
    n_nan = int(np.count_nonzero(np.isnan(arr)))
    if n_nan == arr.size:
        return 0, 0, 0, n_nan
    if not (lo >= 0 and hi <= 10):
        return None
    with np.errstate(invalid="ignore"):
        codes = arr.astype(np.int8)  # NaN positions hold garbage; ``exact`` masks them
    exact = codes == arr
    if int(np.count_nonzero(exact)) + n_nan != arr.size:
        return None
    P = int(np.count_nonzero((codes >= 9) & exact))
    D = int(np.count_nonzero((codes <= 6) & exact))
    return P, arr.size - n_nan - P - D, D, n_nan


def _pandas_float(series: pd.Series) -> np.ndarray:
    if series.dtype == np.float64:
        return series.to_numpy()
    return series.to_numpy(dtype=np.float64, na_value=np.nan)


def integer_scores(values: Any) -> tuple[np.ndarray, np.ndarray | None] | None:
    """(values, missing mask or None) of integer scores - numpy ints, or pandas' nullable
    Int8/Int16/... - when every present value is a whole number 0-10; None otherwise (not
    integers, or out of range: the general float path then names the bad values). No float
    copy. Values under the mask are undefined."""
    if isinstance(values, pd.Series):
        array = values.array
        if isinstance(array, pd.arrays.IntegerArray):
            data, mask = array._data, array._mask
        elif values.dtype.kind in "iu":
            data, mask = values.to_numpy(), None
        else:
            return None
    elif isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        data, mask = values, None
    else:
        return None
    present = data[~mask] if mask is not None and mask.any() else data
    if present.size and (present.min() < 0 or present.max() > 10):
        return None
    return data, mask


def _score_codes(series: pd.Series) -> np.ndarray:
    """Row codes 0-12 (see :func:`numpy_codes`); integer scores skip the float copy."""
    ints = integer_scores(series)
    if ints is None:
        return numpy_codes(_pandas_float(series))
    data, mask = ints
    codes = data.astype(np.int8)
    if mask is not None and mask.any():
        codes = np.where(mask, np.int8(MISSING_CODE), codes)
    return codes
