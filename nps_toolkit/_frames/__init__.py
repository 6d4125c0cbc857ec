"""Backend-agnostic reading of data frames: conversion, score checks and counts.

- ``convert``: any supported frame or relation to narwhals or pandas; column checks.
- ``validate``: a score column holds 0-10 whole numbers; weights are usable.
- ``codes``: per-row score codes and category counts of numpy arrays.
- ``counts``: counts per group and category, reduced in the engine that holds the data
  (``dense``: integer keys in a dense range counted by value).
"""

from .codes import (
    INVALID_CODE,
    MISSING_CODE,
    N_CODES,
    fast_category_counts,
    integer_scores,
    numpy_codes,
)
from .convert import (
    collect,
    column_names,
    column_names_arg,
    require_columns,
    to_narwhals,
    to_pandas,
)
from .counts import COUNT_COLUMNS, WEIGHT_COLUMNS, counts_table
from .validate import validate_score_column

__all__ = [
    "COUNT_COLUMNS",
    "INVALID_CODE",
    "MISSING_CODE",
    "N_CODES",
    "WEIGHT_COLUMNS",
    "collect",
    "column_names",
    "column_names_arg",
    "counts_table",
    "fast_category_counts",
    "integer_scores",
    "numpy_codes",
    "require_columns",
    "to_narwhals",
    "to_pandas",
    "validate_score_column",
]
