"""Dates and periods: parsing, calendar and fixed-width period codes, their labels."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

# "GMT+1", "UTC-05:30", "GMT+0200" as Google Forms, Outlook and many exports write them;
# dateutil reads "GMT+1" the POSIX way (one hour *behind* GMT), the opposite of what every
# export means, so offsets are rewritten as ISO 8601 ("+01:00") before any parser sees them.
GMT_OFFSET = re.compile(r"\s*\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b",
                         re.IGNORECASE)
#: whether a value carries such an offset (no groups: for ``str.contains``)
HAS_OFFSET = r"(?i)\b(?:GMT|UTC)\s*[+-]"


def iso_offsets(text: pd.Series) -> pd.Series:
    """``GMT+1`` -> `` +01:00`` in every value (see ``GMT_OFFSET``); other text unchanged.

    >>> iso_offsets(pd.Series(["2025/03/04 10:11:12 PM GMT+1", "x UTC-05:30"])).tolist()
    ['2025/03/04 10:11:12 PM +01:00', 'x -05:30']
    """
    if not text.str.contains(HAS_OFFSET, regex=True).fillna(False).any():
        return text
    return text.str.replace(
        GMT_OFFSET, lambda m: f" {m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}",
        regex=True)


_CALENDAR = {"D": "D", "W": "W", "M": "M", "ME": "M", "MS": "M", "Q": "Q", "QE": "Q",
             "QS": "Q", "Y": "Y", "YE": "Y", "A": "Y"}
FIXED = re.compile(r"^(\d+)\s*(D|W|H)$", re.IGNORECASE)
_EPOCH_MONDAY = pd.Timestamp("1970-01-05")  # a Monday: weeks run Monday to Sunday


def numeric_day_first(text: pd.Series) -> bool | None:
    """For dates read one by one (a spelling the column's format does not cover: fractions
    of a second, a zone name), whether those written as numbers (``01/12/2023 ...``) are day
    first, decided once for the column as for one format: a first field above 12 means day
    first, a second above 12 month first, else dots mean day first. None when no value
    starts with such a date. Without it each value would be read month first where it can
    be and day first where it must: 19/11 and 01/12 of one column a month apart. None too
    when nothing decides (every field 12 or less, written with slashes or hyphens): read
    month first, which the caller says.

    >>> numeric_day_first(pd.Series(["19/11/2023 17:03:54.5", "01/12/2023 09:05:00.5"]))
    True
    """
    parts = text.dropna().astype("string").str.extract(r"^\s*(\d{1,2})([./-])(\d{1,2})\2\d{2}")
    parts = parts[parts[0].notna()]
    if parts.empty:
        return None
    first, second = parts[0].astype(int), parts[2].astype(int)
    if (first > 12).any() != (second > 12).any():
        return bool((first > 12).any())
    return True if (parts[1] == ".").mean() >= 0.5 else None  # dots: day first by custom


#: a date written year first ("2024/11/08", "2024-11-08 ..."): always year, month, day
_YEAR_FIRST = r"^\s*\d{4}[./-]\d{1,2}[./-]\d{1,2}"


def mixed_dates(text: pd.Series, dayfirst: bool | None = None, *,
                utc: bool = False) -> pd.Series:
    """pandas' per-value reading (``format="mixed"``, unreadable values missing) in one order
    for the whole column: dates written as numbers day first when ``dayfirst`` (decided for
    the column by :func:`numeric_day_first` when None), year-first ones year-month-day
    whatever the rest (pandas' ``dayfirst`` reads "2024/11/08" as 11 August). Without it a
    column of "23/11/2024" and "08/11/2024" was read a month apart where it could be: 23
    November and 11 August. Raises ``TypeError`` / ``ValueError`` as pandas does when the
    values carry different UTC offsets and ``utc`` is False.

    >>> mixed_dates(pd.Series(["23/11/2024 7:00", "08/11/2024 7:00", "2024/11/08"])).tolist()
    [Timestamp('2024-11-23 07:00:00'), Timestamp('2024-11-08 07:00:00'), \
Timestamp('2024-11-08 00:00:00')]
    """
    if dayfirst is None:
        dayfirst = numeric_day_first(text)
    year_first = text.str.match(_YEAR_FIRST).fillna(False).to_numpy(dtype=bool)
    out = pd.to_datetime(text.where(~year_first), format="mixed", errors="coerce",
                         dayfirst=bool(dayfirst), utc=utc)
    if year_first.any():
        first = pd.to_datetime(text.where(year_first), format="mixed", errors="coerce",
                               utc=utc)
        zoned = {isinstance(d.dtype, pd.DatetimeTZDtype) for d in (first, out)}
        if len(zoned) > 1 and not year_first.all():
            raise TypeError("dates with and without a UTC offset")
        out = first if year_first.all() else out.where(~year_first, first)
    return out


def _say_undecided_order(text: pd.Series, column: str, notes: list[str]) -> None:
    """A note when the column's dates written as numbers could be day or month first
    ("01/02/2024": no field above 12 anywhere): they were read month first."""
    numeric = text.dropna()
    numeric = numeric[numeric.str.match(r"^\s*\d{1,2}[/-]\d{1,2}[/-]\d{2}")]
    if len(numeric) and numeric_day_first(numeric) is None:
        notes.append(f"dates in {column!r} such as {numeric.iloc[0]!r} could be day or month "
                     "first (no field above 12): read month first. If they are day first, "
                     "pass the column as dates, or read the file with read_survey(..., "
                     "dayfirst=True).")


def parse_dates(values: pd.Series, *, column: str, tz: str | None = None,
                notes: list[str] | None = None) -> pd.Series:
    """Dates as datetime64, or a clear error naming the values that are not dates.

    Strings in mixed formats are parsed (ISO 8601 first, then per value); strings with
    different UTC offsets are converted to UTC (noted). With ``tz``, aware dates are converted
    to it and naive dates are taken to be in it; periods are then cut in that local time.
    Missing dates stay missing (the callers count them).
    """
    notes = notes if notes is not None else []
    converted = _from_date_objects(values)
    if converted is not None:
        # Python date/datetime objects (a Parquet DATE column, a database driver): converted
        # by Arrow in C, not through their text (that string path took seconds per million)
        values = converted
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        parsed = values
    else:
        text = iso_offsets(values.astype("string").str.strip())
        text = text.mask(text == "")
        try:
            parsed = pd.to_datetime(text, format="ISO8601")
        except (ValueError, TypeError):
            try:  # one order for the column ("23/11/2024" and "08/11/2024": November)
                parsed = mixed_dates(text)
            except (ValueError, TypeError):
                parsed = None
            if parsed is None or parsed.dtype == object:
                parsed = mixed_dates(text, utc=True)
                notes.append(f"dates in {column!r} carry different UTC offsets: converted to "
                             "UTC before cutting periods.")
            _say_undecided_order(text, column, notes)
        bad = parsed.isna() & text.notna()
        if bad.any():
            pos = np.flatnonzero(bad.to_numpy())
            labels = [values.index[p] for p in pos[:5]]
            shown = ", ".join(f"row {lab}: {text.iloc[p]!r}" for lab, p in
                              zip(labels, pos[:5], strict=True))
            raise ValueError(
                f"column {column!r} has {len(pos)} value(s) that are not dates ({shown}). "
                "Fix them, or remove those rows; ISO 8601 ('2025-03-31' or "
                "'2025-03-31T14:05:00+02:00') is always understood."
            )
    if tz is not None:
        parsed = _localize(parsed, tz, column, notes) if parsed.dt.tz is None \
            else parsed.dt.tz_convert(tz)
    return parsed


def _localize(parsed: pd.Series, tz: str, column: str, notes: list[str]) -> pd.Series:
    """Naive local times placed in ``tz``, none dropped. A time in the hour clocks go back
    happens twice: it is read as the first (summer-time) occurrence, as Python's
    ``fold=0`` does (PEP 495). A time in the hour clocks skip does not exist: it is moved
    forward by the skipped hour's length (pandas' ``shift_forward``, e.g. 02:30 -> 03:00 when
    clocks go from 02:00 to 03:00). How many of each is noted."""
    summer = np.ones(len(parsed), dtype=bool)
    out = parsed.dt.tz_localize(tz, ambiguous=summer, nonexistent="shift_forward")
    twice = parsed.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward").isna() \
        & parsed.notna()
    skipped = parsed.dt.tz_localize(tz, ambiguous=summer, nonexistent="NaT").isna() \
        & parsed.notna()
    if twice.any():
        notes.append(f"{int(twice.sum())} time(s) in {column!r} fall in the hour the clocks "
                     f"go back in {tz} and happen twice (e.g. {parsed[twice].iloc[0]}): read "
                     "as the first, summer-time occurrence.")
    if skipped.any():
        notes.append(f"{int(skipped.sum())} time(s) in {column!r} fall in the hour the clocks "
                     f"skip in {tz} and do not exist (e.g. {parsed[skipped].iloc[0]}): moved "
                     "to the first time after the gap.")
    return out


def _from_date_objects(values: pd.Series) -> pd.Series | None:
    """An object column of Python ``date`` / ``datetime`` objects as datetime64 (None when
    the column is anything else, or mixes in text or several UTC offsets: the text path then
    names the odd values or converts to UTC with a note).

    pandas converts the objects in one compiled pass (5M dates: 0.30 s; Arrow's conversion
    took 0.34-0.46 s and read a ``datetime`` among ``date`` objects as a date, dropping its
    time - pandas keeps it)."""
    if values.dtype != object:
        return None
    import datetime as _dt

    head = values.iloc[:5000].dropna().head(1000)  # a dropna over millions costs 0.3 s
    if head.empty or not head.map(lambda v: isinstance(v, _dt.date)).all():
        return None
    try:
        out = pd.to_datetime(values)
    except (ValueError, TypeError, OverflowError):
        return None
    return out if pd.api.types.is_datetime64_any_dtype(out.dtype) else None


def local_naive(dates: pd.Series) -> pd.Series:
    """Wall-clock time in the dates' own zone, without the zone (for calendar periods)."""
    return dates.dt.tz_localize(None) if dates.dt.tz is not None else dates


def period_codes(dates: pd.Series, freq: str, origin: pd.Timestamp | None
                  ) -> tuple[np.ndarray, Any]:
    """Integer period codes (NaN-safe: -1 for missing) and what they mean.

    Calendar frequencies (D, W, M, Q, Y) follow the calendar (weeks start on Monday); fixed
    widths ("90D", "2W", "12H") are counted from ``origin`` (default: the first date's day).
    """
    local = local_naive(dates)
    missing = local.isna().to_numpy()
    fixed = FIXED.match(freq.strip())
    if fixed:
        width = pd.Timedelta(int(fixed.group(1)), unit=fixed.group(2).upper())
        if width <= pd.Timedelta(0):
            raise ValueError(f"freq must be a positive width, got {freq!r}")
        start = (origin if origin is not None else local.min().normalize())
        start = pd.Timestamp(start).tz_localize(None) if pd.Timestamp(start).tz else start
        ns = (local - start).to_numpy(dtype="timedelta64[ns]").astype(np.int64)
        codes = np.floor_divide(ns, width.value)
        return np.where(missing, -1, codes), ("fixed", start, width)
    key = _CALENDAR.get(freq.strip().upper())
    if key is None:
        raise ValueError(f"freq {freq!r} is not understood: use 'D', 'W', 'M', 'Q', 'Y' or a "
                         "fixed width such as '90D', '2W'")
    # Integer days since 1970 in one division, then calendar units through a lookup table
    # over the data's own day range (numpy's datetime64 unit casts are several times slower).
    ns = local.to_numpy(dtype="datetime64[ns]").view(np.int64)
    days = np.floor_divide(ns, 86_400 * 10**9)
    if missing.all():
        return np.full(len(days), -1, dtype=np.int64), ("calendar", key)
    lo, hi = days[~missing].min(), days[~missing].max()
    days = np.where(missing, lo, days)
    if key == "D":
        codes = days
    elif key == "W":
        codes = np.floor_divide(days - 4, 7)  # 1970-01-05 was a Monday
    else:
        calendar = np.arange(lo, hi + 1).astype("datetime64[D]")
        unit = "datetime64[Y]" if key == "Y" else "datetime64[M]"
        table = calendar.astype(unit).astype(np.int64)
        if key == "Q":
            table = np.floor_divide(table, 3)
        codes = table[days - lo]
    return np.where(missing, -1, codes), ("calendar", key)


def period_labels(codes: np.ndarray, meaning: Any) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(period label, start, end) for codes."""
    if meaning[0] == "fixed":
        _, start, width = meaning
        starts = start + pd.to_timedelta(codes * width.value, unit="ns")
        ends = starts + width - pd.Timedelta(1, unit="ns")
        label = pd.Series(starts.strftime("%Y-%m-%d"), dtype="string")
        return label, pd.Series(starts), pd.Series(ends)
    key = meaning[1]
    if key == "M":
        periods = pd.PeriodIndex.from_fields(year=1970 + codes // 12, month=codes % 12 + 1,
                                             freq="M")
    elif key == "Q":
        periods = pd.PeriodIndex.from_fields(year=1970 + codes // 4, quarter=codes % 4 + 1,
                                             freq="Q")
    elif key == "Y":
        periods = pd.PeriodIndex.from_fields(year=1970 + codes, month=np.ones_like(codes),
                                             freq="Y")
    elif key == "D":
        periods = pd.PeriodIndex(pd.Timestamp("1970-01-01") + pd.to_timedelta(codes, unit="D"),
                                 freq="D")
    else:
        periods = pd.PeriodIndex(_EPOCH_MONDAY + pd.to_timedelta(codes * 7, unit="D"),
                                 freq="W-SUN")
    return (pd.Series(periods.astype(str), dtype="string"), pd.Series(periods.start_time),
            pd.Series(periods.end_time))


# --------------------------------------------------------------------------- in the engine
def days_since_epoch(date: Any) -> Any:
    """Days since 1970-01-01 of a date or timestamp column (a name or a narwhals expression),
    as a narwhals expression built
    from year, month and day only, so every engine (DuckDB, Spark, polars, pyarrow) runs it.
    Howard Hinnant's ``days_from_civil`` (https://howardhinnant.github.io/date_algorithms.html,
    public domain), exact for the proleptic Gregorian calendar; tested against numpy."""
    import narwhals.stable.v2 as nw

    col = nw.col(date) if isinstance(date, str) else date
    m = col.dt.month()
    y = col.dt.year() - nw.when(m <= 2).then(1).otherwise(0)
    era = y // 400
    yoe = y - era * 400
    mp = nw.when(m > 2).then(m - 3).otherwise(m + 9)
    doy = (153 * mp + 2) // 5 + col.dt.day() - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def engine_period_code(date: str, freq: str, origin_days: int | None) -> tuple[Any, Any]:
    """(narwhals expression, meaning) giving the same integer period codes as
    :func:`period_codes`, computed where the data lives."""
    import narwhals.stable.v2 as nw

    col = nw.col(date)
    fixed = FIXED.match(freq.strip())
    if fixed:
        count, unit = int(fixed.group(1)), fixed.group(2).upper()
        if unit == "H" or count <= 0:
            raise ValueError(f"freq={freq!r} on a database or Spark source: use whole days or "
                             "weeks ('90D', '2W') or a calendar period ('M', 'Q')")
        width = count * (7 if unit == "W" else 1)
        start = pd.Timestamp("1970-01-01") + pd.Timedelta(origin_days or 0, unit="D")
        return ((days_since_epoch(date) - (origin_days or 0)) // width,
                ("fixed", start, pd.Timedelta(width, unit="D")))
    key = _CALENDAR.get(freq.strip().upper())
    if key is None:
        raise ValueError(f"freq {freq!r} is not understood: use 'D', 'W', 'M', 'Q', 'Y' or a "
                         "fixed width such as '90D', '2W'")
    if key == "M":
        expr = (col.dt.year() - 1970) * 12 + col.dt.month() - 1
    elif key == "Q":
        expr = (col.dt.year() - 1970) * 4 + (col.dt.month() - 1) // 3
    elif key == "Y":
        expr = col.dt.year() - 1970
    elif key == "D":
        expr = days_since_epoch(date)
    else:
        expr = (days_since_epoch(date) - 4) // 7
    return expr, ("calendar", key)
