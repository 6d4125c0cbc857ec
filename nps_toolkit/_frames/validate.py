"""Checks that a score column holds 0-10 whole numbers and weights are usable."""

from __future__ import annotations

import narwhals.stable.v2 as nw

from ..errors import InvalidScoreError, describe_examples
from .convert import collect


def _missing_expr(name: str, dtype) -> nw.Expr:
    col = nw.col(name)
    if dtype.is_float():
        return col.is_null() | col.is_nan().fill_null(value=True)
    return col.is_null()


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
        sample = collect(frame.select(nw.col(name)).head(5)).get_column(name).to_list()
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
    counted = collect(frame.select(bad.cast(nw.Int64).sum().alias("bad"))).item(0, "bad")
    if counted:
        head = collect(frame.filter(bad).select(col).head(5)).get_column(name).to_list()
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
    counted = collect(frame.select(bad.cast(nw.Int64).sum().alias("bad"))).item(0, "bad")
    if counted:
        raise ValueError(
            f"weights column {weights!r} has {counted} missing, negative or infinite weight(s) "
            "on rows with a score; every scored row needs a finite weight >= 0 "
            "(use 0 to leave a response out on purpose)."
        )
