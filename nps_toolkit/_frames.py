"""Backend-agnostic aggregation of scores to counts, through narwhals.

Anything narwhals understands (pandas, polars, pyarrow, a DuckDB relation, ...) is reduced to
one small pandas table of counts per group; the statistics then run on that table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import narwhals as nw
import numpy as np
import pandas as pd

from .errors import ColumnNotFoundError, InvalidScoreError, describe_examples

COUNT_COLUMNS = ("n", "n_missing", "promoters", "passives", "detractors")
WEIGHT_COLUMNS = ("w_promoters", "w_passives", "w_detractors", "w_sum", "w_sq")


def to_narwhals(data: Any) -> nw.DataFrame | nw.LazyFrame:
    """Wrap a native data frame (or relation) for narwhals, with a clear error otherwise."""
    try:
        return nw.from_native(data)
    except TypeError as exc:
        raise TypeError(
            "expected a data frame (pandas, polars, pyarrow) or a DuckDB relation, got "
            f"{type(data).__name__}"
        ) from exc


def column_names(frame: nw.DataFrame | nw.LazyFrame) -> list[str]:
    return list(frame.collect_schema().names())


def require_columns(frame, columns: Sequence[str], *, role: str = "column") -> None:
    names = column_names(frame)
    missing = [c for c in columns if c not in names]
    if missing:
        raise ColumnNotFoundError(
            f"{role} {', '.join(repr(c) for c in missing)} not found; the data has columns "
            f"{names[:30]}{' ...' if len(names) > 30 else ''}. Pass the right name "
            f"(e.g. score='...'), or load the file with read_survey() to detect it."
        )


def _missing_expr(name: str, dtype) -> nw.Expr:
    col = nw.col(name)
    if dtype.is_float():
        return col.is_null() | col.is_nan().fill_null(value=True)
    return col.is_null()


def _collect(frame) -> nw.DataFrame:
    return frame.collect() if isinstance(frame, nw.LazyFrame) else frame


def validate_score_column(frame, name: str, *, positions: bool = True) -> None:
    """Raise InvalidScoreError if column ``name`` holds anything but 0-10 whole numbers.

    Missing values are allowed (they are counted, not scored). For an eager frame the error
    names the positions (0-based row numbers) of the first offending values.
    """
    dtype = frame.collect_schema()[name]
    if not dtype.is_numeric():
        if dtype == nw.Boolean:
            raise InvalidScoreError(
                f"column {name!r} is boolean, not a 0-10 score", column=name
            )
        sample = _collect(frame.select(nw.col(name)).head(5)).get_column(name).to_list()
        raise InvalidScoreError(
            f"column {name!r} holds {dtype} values (e.g. {sample[:3]!r}), not 0-10 numbers. "
            "Clean it with read_survey(), which understands cells like '10 - Extremely likely', "
            "or convert it yourself.",
            column=name, values=sample,
        )
    col = nw.col(name)
    missing = _missing_expr(name, dtype)
    bad = ~missing & ((col < 0) | (col > 10) | (col != col.round(0)))
    if positions and isinstance(frame, nw.DataFrame):
        indexed = frame.select(col).with_row_index("__row")
        offending = indexed.filter(bad)
        count = len(offending)
        if count:
            head = offending.head(5)
            pos = head.get_column("__row").to_list()
            vals = head.get_column(name).to_list()
            _raise_invalid(name, pos, vals, count)
        return
    counted = _collect(frame.select(bad.sum().alias("bad"))).item(0, "bad")
    if counted:
        head = _collect(frame.filter(bad).select(col).head(5)).get_column(name).to_list()
        _raise_invalid(name, [], head, int(counted))


def _raise_invalid(name: str, pos: list, vals: list, count: int) -> None:
    where = describe_examples([f"position {p}" for p in pos], vals, count) if pos else (
        ", ".join(repr(v) for v in vals) + (f" (and {count - len(vals)} more)"
                                            if count > len(vals) else ""))
    raise InvalidScoreError(
        f"column {name!r} has {count} value(s) that are not whole numbers from 0 to 10: {where}. "
        "Fix or remove them; read_survey(..., on_invalid='exclude') excludes them with an "
        "account, and combine_scores() turns averages of several questions into 0-10 scores.",
        column=name, positions=pos, values=vals, count=count,
    )


def counts_table(data: Any, *, score: str, by: Sequence[str] = (), weights: str | None = None,
                 validate: bool = True) -> pd.DataFrame:
    """One pandas row per group with n, n_missing and the category counts (and weighted sums).

    Group keys keep missing values as their own group; rows are sorted by the keys (missing
    last) so the output order is stable whatever the backend.
    """
    frame = to_narwhals(data)
    by = list(by)
    require_columns(frame, [score], role="score column")
    require_columns(frame, by, role="group column")
    if weights is not None:
        require_columns(frame, [weights], role="weights column")
    if validate:
        validate_score_column(frame, score)
    schema = frame.collect_schema()
    col = nw.col(score)
    missing = _missing_expr(score, schema[score])
    present = ~missing
    indicators = {
        "__prom": (present & (col >= 9)).cast(nw.Int64),
        "__pas": (present & (col >= 7) & (col <= 8)).cast(nw.Int64),
        "__det": (present & (col <= 6)).cast(nw.Int64),
        "__miss": missing.cast(nw.Int64),
    }
    aggs = [nw.col(k).sum() for k in indicators] + [nw.len().alias("__len")]
    if weights is not None:
        _check_weights(frame, weights, missing)
        w = nw.col(weights).cast(nw.Float64)
        wp = (w * present.cast(nw.Float64)).fill_null(0.0)
        indicators.update({
            "__wp": w * indicators["__prom"], "__wa": w * indicators["__pas"],
            "__wd": w * indicators["__det"], "__ws": wp, "__wq": wp * wp,
        })
        aggs += [nw.col(k).sum() for k in ("__wp", "__wa", "__wd", "__ws", "__wq")]
    frame = frame.select(*[nw.col(b) for b in by], **indicators)
    if by:
        out = frame.group_by(*by, drop_null_keys=False).agg(*aggs)
    else:
        out = frame.select(*aggs)
    table = _collect(out).to_pandas()
    rename = {"__prom": "promoters", "__pas": "passives", "__det": "detractors",
              "__miss": "n_missing", "__len": "n_rows", "__wp": "w_promoters",
              "__wa": "w_passives", "__wd": "w_detractors", "__ws": "w_sum", "__wq": "w_sq"}
    table = table.rename(columns=rename)
    for c in ("promoters", "passives", "detractors", "n_missing", "n_rows"):
        table[c] = table[c].fillna(0).astype(np.int64)
    table["n"] = table["promoters"] + table["passives"] + table["detractors"]
    if by:
        table = table.sort_values(by, na_position="last", kind="stable").reset_index(drop=True)
    return table


def _check_weights(frame, weights: str, missing: nw.Expr) -> None:
    dtype = frame.collect_schema()[weights]
    if not dtype.is_numeric():
        raise ValueError(f"weights column {weights!r} holds {dtype} values; weights must be "
                         "non-negative numbers")
    w = nw.col(weights)
    wmiss = _missing_expr(weights, dtype)
    bad = (~missing) & (wmiss | (w < 0))
    if dtype.is_float():
        bad = bad | ((~missing) & (w.abs() == float("inf")).fill_null(value=False))
    counted = _collect(frame.select(bad.sum().alias("bad"))).item(0, "bad")
    if counted:
        raise ValueError(
            f"weights column {weights!r} has {counted} missing, negative or infinite weight(s) "
            "on rows with a score; every scored row needs a finite weight >= 0 "
            "(use 0 to leave a response out on purpose)."
        )
