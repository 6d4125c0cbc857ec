"""Score cells: "9", "10 - Extremely likely", "10/10" are scores; anything else is invalid."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

_NA_TOKENS = {"", "na", "n/a", "nan", "null", "none", "#n/a"}


_SCORE_RE = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*(?:$|[-–—:/(\[]|\s)")


def _parse_scores(raw: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised parse of score cells. Returns (values as float, kind codes).

    Kind: 0 ok, 1 blank, 2 not a number, 3 not a whole number, 4 out of range.
    """
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        values = raw.to_numpy(dtype=np.float64, na_value=np.nan)
        kind = np.where(np.isnan(values), 1, 0)
    else:
        text = raw.astype("string").str.strip()
        blank = text.isna() | text.str.lower().isin(_NA_TOKENS)
        number = text.str.extract(_SCORE_RE, expand=False).str.replace(",", ".", regex=False)
        values = pd.to_numeric(number, errors="coerce").to_numpy(dtype=np.float64,
                                                                   na_value=np.nan)
        blank_np = blank.to_numpy(dtype=bool, na_value=True)
        kind = np.where(blank_np, 1, np.where(np.isnan(values), 2, 0))
    ok = kind == 0
    whole = values == np.floor(values)
    kind = np.where(ok & ~whole, 3, kind)
    kind = np.where((kind == 0) & ((values < 0) | (values > 10)), 4, kind)
    return values, kind
