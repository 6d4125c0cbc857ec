"""Date columns: one format per column, day or month first decided from the whole column."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from .._frames.periods import iso_offsets
from ..i18n import N_, gettext, tr
from .scores import _NA_TOKENS, _arrow_text

_NUMERIC_DATE = re.compile(
    r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?$")


def _numeric_date_format(text: pd.Series, notes: list[str], column: str,
                         dayfirst: bool | None) -> str | None:
    """One format for a column of dates like 05/04/2025 or 01.03.2024 (or None if the column
    is not written that way). Day or month first is decided from the whole column: a first
    field above 12 means day first, a second field above 12 means month first; ``dayfirst``
    overrides; an ambiguous column is read day first with dots and month first with slashes or
    dashes, and the load report says so and how to change it."""
    filled = text.dropna()
    if filled.empty:
        return None
    # the format is read off a sample of distinct values (a regex over a million unique
    # timestamps costs seconds); day/month evidence then comes from the whole column below
    uniq = pd.Series(filled.head(20000).unique(), dtype="string")
    parts = uniq.str.extract(_NUMERIC_DATE)
    matched = parts[0].notna()
    if matched.mean() < 0.5:  # most values numeric dates: the rest are listed, not guessed
        return None
    parts = parts[matched]
    first, second = parts[0].astype(int), parts[2].astype(int)
    sep = parts[1].mode().iloc[0]
    year = "%Y" if (parts[3].str.len() == 4).mean() >= 0.5 else "%y"
    with_seconds = parts[4].dropna().str.count(":").eq(2)
    time = "" if parts[4].isna().all() else (" %H:%M:%S" if with_seconds.mean() >= 0.5
                                             else " %H:%M")
    if dayfirst is None and not (first > 12).any() and not (second > 12).any():
        # the sample cannot tell: try both readings on the whole column, vectorised
        day = f"%d{sep}%m{sep}{year}{time}"
        month = f"%m{sep}%d{sep}{year}{time}"
        ok_day = pd.to_datetime(filled, format=day, errors="coerce").notna().sum()
        ok_month = pd.to_datetime(filled, format=month, errors="coerce").notna().sum()
        if ok_day != ok_month:
            dayfirst = ok_day > ok_month
            notes.append(tr("dates in {column!r} read as {order}: {more:,} of {n:,} dates read "
                            "that way against {fewer:,} the other way.", column=column,
                            order=tr("day/month/year") if dayfirst else tr("month/day/year"),
                            more=max(ok_day, ok_month), n=len(filled),
                            fewer=min(ok_day, ok_month)))
    if dayfirst is None:
        if (first > 12).any() and not (second > 12).any():
            dayfirst, why = True, tr("a first field above 12 (e.g. {example!r}) means day "
                                     "first",
                                     example=uniq[matched][first.to_numpy() > 12].iloc[0])
        elif (second > 12).any() and not (first > 12).any():
            dayfirst, why = False, tr("a second field above 12 (e.g. {example!r}) means month "
                                      "first",
                                      example=uniq[matched][second.to_numpy() > 12].iloc[0])
        else:
            dayfirst = sep == "."
            why = (tr("no field above 12 settles it: read day first (dots are the European "
                      "style); pass dayfirst=False to read them the other way") if dayfirst
                   else tr("no field above 12 settles it: read month first (the US style); "
                           "pass dayfirst=True to read them the other way"))
        notes.append(tr("dates in {column!r} read as {order}: {why}.", column=column,
                        order=tr("day/month/year") if dayfirst else tr("month/day/year"),
                        why=why))
    order = "%d{s}%m" if dayfirst else "%m{s}%d"
    return order.format(s=sep) + sep + year + time


def _parse_dates(values: pd.Series, notes: list[str], column: str,
                 dayfirst: bool | None = None,
                 consequence: str = N_("they are kept as missing dates, the responses are kept"),
                 rows: Any = None) -> pd.Series:
    """Dates as datetime64, one format per column; unreadable values become missing dates,
    counted and shown in the load report (never re-guessed one by one), named by ``rows``
    (the file's row numbers of the values; their positions when not given)."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values
    iso = _iso_dates_arrow(values)
    if iso is not None:
        return iso
    text = iso_offsets(values.astype("string").str.strip())
    text = text.mask(text.str.lower().isin(_NA_TOKENS))  # "", "N/A", "null"...: no date
    fmt = _numeric_date_format(text, notes, column, dayfirst)
    if fmt is not None:
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
    else:
        parsed = _iso_or_mixed(text, notes, column, dayfirst)
        fmt = "ISO 8601" if parsed.attrs.pop("iso", False) else None
    bad = parsed.isna() & text.notna()
    if bad.any():
        where = np.flatnonzero(bad.to_numpy())
        named = [int(i) for i in (rows[where[:5]] if rows is not None else where[:5])]
        values = dict(n=len(where), column=column, format=fmt, rows=named,
                      examples=list(text.iloc[where[:3]]),
                      consequence=gettext(consequence))
        notes.append(tr("{n:,} value(s) in date column {column!r} could not be read as dates "
                        "in the column's format {format!r} (rows {rows}, e.g. {examples!r}); "
                        "{consequence}.", **values) if fmt else
                     tr("{n:,} value(s) in date column {column!r} could not be read as dates "
                        "(rows {rows}, e.g. {examples!r}); {consequence}.", **values))
    return parsed


def _iso_or_mixed(text: pd.Series, notes: list[str], column: str,
                  dayfirst: bool | None) -> pd.Series:
    """Dates not written as numbers: ISO 8601 when at least half the filled values are
    (the rest are left missing, for the caller to list: a "01.06.2025" among ISO dates is
    not guessed month first one value at a time), pandas' per-value parser otherwise
    (written-out dates, "March 1, 2024"), in UTC if the values carry different time zones.
    An ISO reading is marked in the result's ``attrs["iso"]``."""
    try:
        return pd.to_datetime(text, format="ISO8601", errors="raise")
    except (ValueError, TypeError):
        pass
    try:
        iso = pd.to_datetime(text, format="ISO8601", errors="coerce")
    except (ValueError, TypeError):  # time zones that differ
        iso = None
    if iso is not None and 2 * int(iso.notna().sum()) >= int(text.notna().sum()):
        iso.attrs["iso"] = True
        return iso
    try:
        return pd.to_datetime(text, format="mixed", errors="coerce", dayfirst=bool(dayfirst))
    except (ValueError, TypeError):
        notes.append(tr("date column {column!r} mixes time zones: converted to UTC.",
                        column=column))
        return pd.to_datetime(text, format="mixed", errors="coerce", utc=True)


def _iso_cast(values: pd.Series) -> Any:
    """Arrow's cast of a column to timestamps when every filled value is an ISO 8601 date
    or local time (blank cells missing), as an Arrow array; None when any value is written
    otherwise. See :func:`_iso_dates_arrow`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = _arrow_text(values)
    if text is not None:
        try:  # a clean column (blank cells already missing) needs no trimmed copy
            return pc.cast(text, pa.timestamp("us"))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    try:
        arr = pa.array(values, type=pa.string(), from_pandas=True)
        trimmed = pc.utf8_trim_whitespace(arr)
        trimmed = pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)
        return pc.cast(trimmed, pa.timestamp("us"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError, TypeError):
        return None


def _iso_dates_arrow(values: pd.Series) -> pd.Series | None:
    """A column in which every filled value is an ISO 8601 date or local time
    (``2024-03-01``, ``2024-03-01 10:00:00``, ``2024-03-01T10:00:00.123``) parsed by Arrow's
    cast in one pass (5-10x pandas' ISO8601 parser on a million timestamps; same values, tested).
    None when any value is written otherwise (time zones, day-first dates, typos) or none is
    filled: the column then goes through the general path, which reports the values it cannot
    read."""
    parsed = _iso_cast(values)
    if parsed is None or parsed.null_count == len(parsed):
        return None
    return pd.Series(parsed.to_numpy(zero_copy_only=False), index=values.index,
                     name=values.name, copy=False)

