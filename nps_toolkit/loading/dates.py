"""Date columns: one format per column, day or month first decided from the whole column."""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .._frames.periods import iso_offsets, mixed_dates
from ..i18n import N_, gettext, tr
from .localdates import two_digit_year_first
from .scores import _NA_TOKENS, _arrow_text

_NUMERIC_DATE = re.compile(
    r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})(?:[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    # a 12-hour clock (SurveyMonkey: "05/01/2025 10:04:19 AM"): group 6 is its A or P
    r"(?: ?([AaPp])\.?[Mm]\.?)?)?$")


def _numeric_date_format(text: pd.Series, notes: list[str], column: str,
                         dayfirst: bool | None, weights: np.ndarray | None = None) -> str | None:
    """One format for a column of dates like 05/04/2025 or 01.03.2024 (or None if the column
    is not written that way). Day or month first is decided from the whole column: a first
    field above 12 means day first, a second field above 12 means month first; ``dayfirst``
    overrides; an ambiguous column is read day first with dots and month first with slashes or
    dashes, and the load report says so and how to change it. ``weights``: the rows each
    value stands for, when ``text`` holds a column's distinct values (counts are of rows)."""
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
    if time and parts[4].dropna().str.contains(".", regex=False).mean() >= 0.5:
        time += ".%f"  # fractions of a second
    if time and parts[5].notna().mean() >= 0.5:  # "10:04:19 AM"
        space = " " if uniq[matched].str.contains(r"\d [AaPp]", regex=True).mean() >= 0.5 \
            else ""
        time = time.replace("%H", "%I") + space + "%p"
    if year == "%y" and _year_first(parts, notes, column, uniq[matched], dayfirst):
        return f"%y{sep}%m{sep}%d{time}"  # "24-11-01": 2024, not 24 November 2001
    if dayfirst is None and not (first > 12).any() and not (second > 12).any():
        # the sample cannot tell: try both readings on the whole column, vectorised
        day = f"%d{sep}%m{sep}{year}{time}"
        month = f"%m{sep}%d{sep}{year}{time}"
        w = np.ones(len(filled), dtype=np.int64) if weights is None else \
            weights[filled.index.to_numpy()]
        ok_day = int(w[pd.to_datetime(filled, format=day, errors="coerce").notna()].sum())
        ok_month = int(w[pd.to_datetime(filled, format=month, errors="coerce").notna()].sum())
        if ok_day != ok_month:
            dayfirst = ok_day > ok_month
            notes.append(tr("dates in {column!r} read as {order}: {more:,} of {n:,} dates read "
                            "that way against {fewer:,} the other way.", column=column,
                            order=tr("day/month/year") if dayfirst else tr("month/day/year"),
                            more=max(ok_day, ok_month), n=int(w.sum()),
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


def _year_first(parts: pd.DataFrame, notes: list[str], column: str, written: pd.Series,
                dayfirst: bool | None) -> bool:
    """Whether dates matched as ``a-b-yy`` are ``yy-mm-dd``: by their fields' values
    (:func:`~nps_toolkit.loading.localdates.two_digit_year_first`) or, unless ``dayfirst``
    is given, because no other reading can be true (:func:`_only_year_first_is_possible`)."""
    return (two_digit_year_first(parts, notes, column, written.iloc[0])
            or (dayfirst is None and _only_year_first_is_possible(parts, notes, column,
                                                                  written)))


def _only_year_first_is_possible(parts: pd.DataFrame, notes: list[str], column: str,
                                 written: pd.Series) -> bool:
    """Whether dates matched as ``a.b.yy`` are ``yy.mm.dd`` because every other reading makes
    some of them impossible: Naver's and many Korean exports write "15.02.21" for 21 February
    2015. Read day first, reviews of 2003-2016 became dates of 2001-2031, those of the 27th
    to the 31st in the future, left out as typos. Each reading of the distinct dates (year
    first, day first, month first) is counted for dates that do not exist or cannot be
    answer dates (before :data:`EARLIEST_ANSWER` or after today); year first is taken only
    when it leaves strictly fewer than both others (a span where all three read, such as
    "05.03.24", keeps the day-or-month rules), and said with the count."""
    a, b, c = (parts[k].astype(int).to_numpy() for k in (0, 2, 3))

    def impossible(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> int:
        # %y as strptime reads it: 00-68 are 2000-2068, 69-99 1969-1999
        full = np.where(year < 69, 2000 + year, 1900 + year)
        when = pd.to_datetime(pd.DataFrame({"year": full, "month": month, "day": day}),
                              errors="coerce")
        return int((when.isna() | (when < EARLIEST_ANSWER) | (when > _latest_answer())).sum())

    year_first = impossible(a, b, c)
    others = min(impossible(c, b, a), impossible(c, a, b))  # day first, month first
    if year_first >= others:
        return False
    notes.append(tr("dates in {column!r} read as year-month-day with a two-digit year (e.g. "
                    "{example!r}): read with the day or the month first, {n:,} of their "
                    "{total:,} distinct dates would not exist or would lie in the future.",
                    column=column, example=str(written.iloc[0]), n=others, total=len(a)))
    return True


def _parse_dates(values: pd.Series, notes: list[str], column: str,
                 dayfirst: bool | None = None,
                 consequence: str = N_("they are kept as missing dates, the responses are kept"),
                 rows: Any = None) -> pd.Series:
    """Dates as datetime64, one format per column, or each value by its spelling when the
    column writes dates several ways (:func:`_by_spelling`); unreadable values become missing
    dates, counted and shown in the load report (never re-guessed one by one), named by
    ``rows`` (the file's row numbers of the values; their positions when not given).

    Each distinct value is parsed once (a million rows of day-first dates hold ~2,000
    distinct days: 2.1 s -> 0.1 s); counts in the notes are of rows."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values
    iso = _iso_dates_arrow(values)
    if iso is not None:
        return iso
    from .localdates import local_dates
    from .months import month_dates

    months = month_dates(values)
    if months is not None:  # "202104", "2021-04", "Apr-21": months, not days
        example = values.dropna().iloc[0] if values.notna().any() else ""
        notes.append(tr("dates in {column!r} are months (e.g. {example!r}): each answer is "
                        "dated by the first day of its month, so periods shorter than a month "
                        "cannot be cut from them.", column=column, example=str(example)))
        return months
    codes, uniq = pd.factorize(values.astype("string"), use_na_sentinel=True)
    if len(uniq) == 0:  # no date in any row
        return pd.Series(np.full(len(values), np.datetime64("NaT"), dtype="datetime64[us]"),
                         index=values.index, name=values.name)
    text = local_dates(iso_offsets(pd.Series(uniq, dtype="string").str.strip()))
    text = text.mask(text.str.lower().isin(_NA_TOKENS))  # "", "N/A", "null"...: no date
    weights = np.bincount(codes[codes >= 0], minlength=len(text))
    ambiguous_u = np.zeros(len(text), dtype=bool)
    if _one_spelling(text):
        fmt = _numeric_date_format(text, notes, column, dayfirst, weights=weights)
        if fmt is not None:
            parsed_u = pd.to_datetime(text, format=fmt, errors="coerce")
        else:
            parsed_u = _iso_or_mixed(text, notes, column, dayfirst)
            fmt = "ISO 8601" if parsed_u.attrs.pop("iso", False) else None
    else:
        parsed_u, ambiguous_u = _by_spelling(text, codes, weights, notes, column, dayfirst,
                                             rows)
        fmt = None
    parsed = pd.Series(parsed_u.array.take(codes, allow_fill=True), index=values.index,
                       name=values.name)
    at = np.maximum(codes, 0)
    bad_u = parsed_u.isna().to_numpy() & text.notna().to_numpy() & ~ambiguous_u
    bad = (codes >= 0) & bad_u[at]
    if bad.any():
        where = np.flatnonzero(bad)
        named = [int(i) for i in (rows[where[:5]] if rows is not None else where[:5])]
        values = dict(n=len(where), column=column, format=fmt, rows=named,
                      examples=list(text.iloc[codes[where[:3]]]),
                      consequence=gettext(consequence))
        notes.append(tr("{n:,} value(s) in date column {column!r} could not be read as dates "
                        "in the column's format {format!r} (rows {rows}, e.g. {examples!r}); "
                        "{consequence}.", **values) if fmt else
                     tr("{n:,} value(s) in date column {column!r} could not be read as dates "
                        "(rows {rows}, e.g. {examples!r}); {consequence}.", **values))
    return parsed


# ISO 8601 as exports write it: 2025-03-04, 2025-03, 2025-03-04 10:11, 2025-03-04T10:11Z
_ISO_SHAPE = r"^\d{4}-\d{1,2}(?:-\d{1,2})?(?:[ T]\d.*)?$"
# a month written as a word (English, as pandas' parser reads them), next to a number
_WORDED = r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
# day numbers as spreadsheets and systems store dates, with the range read as answer dates
# (1990-2099): Excel's serial days (1900 date system: day 1 is 1900-01-01, counted from
# 1899-12-30 because Excel keeps Lotus 1-2-3's 29 February 1900), yyyymmdd, Unix seconds
# and milliseconds (Microsoft, "Date systems in Excel"; POSIX.1-2017 §4.16)
_SERIAL_DAYS = (32874, 73051)
_UNIX_SECONDS = (631_152_000, 4_102_444_800)


def _spellings(uniq: pd.Series) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The fields of the values written as numeric dates (``_NUMERIC_DATE``'s groups) and
    which values are written each way: ``numeric`` (05/04/2025), ``iso``, ``serial``
    (Excel day numbers), ``compact`` (yyyymmdd), ``unix`` (seconds), ``unix_ms``,
    ``worded`` (21-Feb-2026, February 22, 2026); a value in none of them is not a date."""
    parts = uniq.str.extract(_NUMERIC_DATE)
    numeric = parts[0].notna().to_numpy()
    digits = uniq.str.fullmatch(r"\d+(?:\.\d+)?").fillna(False).to_numpy() & ~numeric
    number = pd.to_numeric(uniq.where(digits), errors="coerce").to_numpy(dtype=float)
    width = uniq.str.len().fillna(0).to_numpy()
    whole = digits & ~uniq.str.contains(".", regex=False).fillna(False).to_numpy()
    with np.errstate(invalid="ignore"):
        serial = digits & (number >= _SERIAL_DAYS[0]) & (number < _SERIAL_DAYS[1])
        compact = whole & (width == 8) & (number >= 19900101) & (number <= 20991231)
        unix = whole & (width == 10) & (number >= _UNIX_SECONDS[0]) & (number < _UNIX_SECONDS[1])
        unix_ms = whole & (width == 13) & (number >= _UNIX_SECONDS[0] * 1000) & (
            number < _UNIX_SECONDS[1] * 1000)
    rest = ~(numeric | serial | compact | unix | unix_ms)
    iso = rest & uniq.str.match(_ISO_SHAPE).fillna(False).to_numpy()
    worded = rest & ~iso & uniq.str.contains(_WORDED, regex=True).fillna(False).to_numpy() & \
        uniq.str.contains(r"\d", regex=True).fillna(False).to_numpy()
    return parts, {"numeric": numeric, "iso": iso, "serial": serial, "compact": compact,
                   "unix": unix, "unix_ms": unix_ms, "worded": worded}


def _conflict(parts: pd.DataFrame, numeric: np.ndarray) -> bool:
    """Whether numeric dates are written both day first (a first field above 12) and month
    first (a second field above 12) in one column."""
    first = pd.to_numeric(parts[0][numeric]).to_numpy()
    second = pd.to_numeric(parts[2][numeric]).to_numpy()
    return bool((first > 12).any() and (second > 12).any())


def _one_spelling(text: pd.Series) -> bool:
    """Whether a column's dates (a sample of its distinct values) are written one way, for
    one format per column; False when they mix spellings or write numeric dates both day
    and month first, for :func:`_by_spelling`."""
    uniq = pd.Series(text.dropna().head(20000).unique(), dtype="string")
    if uniq.empty:
        return True
    parts, kinds = _spellings(uniq)
    present = [k for k, v in kinds.items() if v.any()]
    if present in (["serial"], ["compact"], ["unix"], ["unix_ms"]):
        return False  # numbers read as dates: said by _by_spelling
    return len(present) <= 1 and not (present == ["numeric"] and
                                      _conflict(parts, kinds["numeric"]))


_SPELLING_NAMES = {"iso": N_("ISO 8601"), "day": N_("day/month/year"),
                   "month": N_("month/day/year"),
                   "serial": N_("Excel day numbers"), "compact": N_("yyyymmdd"),
                   "unix": N_("Unix seconds"), "unix_ms": N_("Unix milliseconds"),
                   "worded": N_("with the month in words")}


def _by_spelling(uniq: pd.Series, codes: np.ndarray, weights: np.ndarray, notes: list[str],
                 column: str, dayfirst: bool | None, rows: Any) -> tuple[pd.Series, np.ndarray]:
    """Dates in a column that writes them several ways (an export assembled from several
    systems, or a spreadsheet typed by hand), each value read by the one rule its spelling
    allows: ISO 8601 as ISO; numeric dates in the column's day/month order when its numeric
    dates show one (a first field above 12 means day first, a second one month first, as
    :func:`_numeric_date_format` decides for a whole column); where some are written day
    first (27/02/2026) and others month first (04/17/2026), or none shows the order, each is
    read the only way it can be and those that could be either (04/01/2026) are never
    guessed: they are kept missing, named in a note, and ``dayfirst`` reads them one way.
    Excel day numbers, yyyymmdd and Unix times in the answer-date range; months in words by
    pandas' parser. A note counts the rows read each way.

    ``uniq`` holds the distinct values (trimmed, NA spellings missing), ``codes`` each row's
    value (-1 missing), ``weights`` each value's rows. Returns the dates of the distinct
    values and which of them were left missing as ambiguous."""
    uniq = uniq.reset_index(drop=True)
    parts, kinds = _spellings(uniq)
    out = np.full(len(uniq), np.datetime64("NaT"), dtype="datetime64[us]")
    how = np.full(len(uniq), "", dtype=object)
    ambiguous_u = np.zeros(len(uniq), dtype=bool)
    numeric = kinds["numeric"]
    if numeric.any():
        got, order, either = _numeric_by_fields(parts[numeric], dayfirst)
        out[numeric], how[numeric] = got, order
        ambiguous_u[np.flatnonzero(numeric)[either]] = True
    _numbers_as_dates(uniq, kinds, out, how)
    _iso_and_words(uniq, kinds, out, how, notes, column, dayfirst)
    how = np.where(~np.isnat(out), how, "")
    ambiguous = (codes >= 0) & ambiguous_u[np.maximum(codes, 0)]
    if ambiguous.any():
        _ambiguous_note(uniq, parts, numeric, codes, ambiguous, notes, column, rows)
    _spelling_note(uniq, out, how, weights, notes, column)
    return pd.Series(out, dtype="datetime64[us]"), ambiguous_u


def _numeric_by_fields(p: pd.DataFrame, dayfirst: bool | None
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Numeric dates (``_NUMERIC_DATE``'s fields) read in one order when ``dayfirst`` says
    or the values show only one (a field above 12), else each by its only reading and the
    ones that could be either left missing. Returns the dates, "day"/"month" (the order each
    was read in, "" for ambiguous ones) and the ambiguous mask."""
    first, second = p[0].astype(int).to_numpy(), p[2].astype(int).to_numpy()
    year = p[3].astype(int).to_numpy()
    year = np.where(p[3].str.len().to_numpy() == 2,
                    np.where(year < 69, 2000 + year, 1900 + year), year)  # as %y
    either = np.zeros(len(p), dtype=bool)
    if dayfirst is not None:
        day_first = np.full(len(p), bool(dayfirst))
    elif (first > 12).any() != (second > 12).any():
        day_first = np.full(len(p), bool((first > 12).any()))
    else:  # both orders written (or neither shown): each value its only reading
        day_first = first > 12
        either = (first <= 12) & (second <= 12) & (first != second)
    day = np.where(day_first, first, second)
    month = np.where(day_first, second, first)
    when = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": day}),
                          errors="coerce")
    clock = p[4].fillna("0:00").where(p[4].fillna("").str.count(":") == 2,
                                      p[4].fillna("0:00") + ":00")
    when = when + pd.to_timedelta(clock.to_numpy(), errors="coerce")
    half = p[5].fillna("").str.upper().to_numpy()  # a 12-hour clock: 12 AM is 0h, 1 PM 13h
    hour = pd.to_numeric(p[4].str.split(":").str[0], errors="coerce").to_numpy(dtype=float)
    shift = np.where((half == "P") & (hour < 12), 12, np.where((half == "A") & (hour == 12),
                                                               -12, 0))
    when = when + pd.to_timedelta(shift, unit="h")
    got = np.where(either, np.datetime64("NaT"), when.to_numpy(dtype="datetime64[us]"))
    return got, np.where(either, "", np.where(day_first, "day", "month")), either


def _numbers_as_dates(uniq: pd.Series, kinds: dict[str, np.ndarray], out: np.ndarray,
                      how: np.ndarray) -> None:
    """Excel day numbers, Unix seconds and milliseconds, yyyymmdd into ``out``."""
    number = pd.to_numeric(uniq, errors="coerce").to_numpy(dtype=float)
    for kind, unit, origin in (("serial", "D", "1899-12-30"), ("unix", "s", "unix"),
                               ("unix_ms", "ms", "unix")):
        if kinds[kind].any():
            out[kinds[kind]] = pd.to_datetime(number[kinds[kind]], unit=unit, origin=origin) \
                .round("s").to_numpy(dtype="datetime64[us]")
            how[kinds[kind]] = kind
    if kinds["compact"].any():
        out[kinds["compact"]] = pd.to_datetime(uniq[kinds["compact"]], format="%Y%m%d",
                                               errors="coerce").to_numpy(dtype="datetime64[us]")
        how[kinds["compact"]] = "compact"


def _iso_and_words(uniq: pd.Series, kinds: dict[str, np.ndarray], out: np.ndarray,
                   how: np.ndarray, notes: list[str], column: str,
                   dayfirst: bool | None) -> None:
    """ISO dates, months in words and year-first dates with other separators (2026/03/15)
    into ``out``; other text is not handed to pandas' per-value parser, which reads "12" as
    a day of the current month."""
    if kinds["iso"].any():
        iso = _iso_or_mixed(uniq[kinds["iso"]], notes, column, None)
        iso.attrs.pop("iso", None)
        out[kinds["iso"]] = _naive(iso)
        how[kinds["iso"]] = "iso"
    taken = np.zeros(len(uniq), dtype=bool)
    for kind in ("numeric", "iso", "serial", "compact", "unix", "unix_ms"):
        taken |= kinds[kind]
    other = kinds["worded"] | (~taken & uniq.str.match(
        r"^\d{4}[./]\d{1,2}[./]\d{1,2}\b").fillna(False).to_numpy())
    if other.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas' "could not infer format"
            try:  # "2024/11/08" year first even in a day-first column
                words = mixed_dates(uniq[other], bool(dayfirst))
            except (ValueError, TypeError):
                words = mixed_dates(uniq[other], bool(dayfirst), utc=True)
        out[other] = _naive(words)
        how[other] = np.where(kinds["worded"][other], "worded", "iso")


def _ambiguous_note(uniq: pd.Series, parts: pd.DataFrame, numeric: np.ndarray,
                    codes: np.ndarray, ambiguous: np.ndarray, notes: list[str], column: str,
                    rows: Any) -> None:
    where = np.flatnonzero(ambiguous)
    named = [int(i) for i in (rows[where[:5]] if rows is not None else where[:5])]
    examples = list(dict.fromkeys(uniq.iloc[codes[where]]))[:3]
    p = parts[numeric]
    shown = uniq[numeric]
    by_day = shown[p[0].astype(int).to_numpy() > 12]
    by_month = shown[p[2].astype(int).to_numpy() > 12]
    if len(by_day) and len(by_month):
        notes.append(tr(
            "dates in {column!r} are written both day first (e.g. {day!r}) and month "
            "first (e.g. {month!r}): each is read the only way it can be; {n:,} that "
            "could be either (rows {rows}, e.g. {examples!r}) are kept as missing dates; "
            "pass dayfirst=True or dayfirst=False to read them one way.", column=column,
            day=by_day.iloc[0], month=by_month.iloc[0], n=len(where), rows=named,
            examples=examples))
    else:
        notes.append(tr(
            "dates in {column!r} are written several ways and no numeric date shows "
            "whether the day or the month comes first: {n:,} that could be either (rows "
            "{rows}, e.g. {examples!r}) are kept as missing dates; pass dayfirst=True or "
            "dayfirst=False to read them one way.", column=column, n=len(where),
            rows=named, examples=examples))


def _spelling_note(uniq: pd.Series, out: np.ndarray, how: np.ndarray, weights: np.ndarray,
                   notes: list[str], column: str) -> None:
    """The rows read each way, when more than one way, or numbers were read as dates."""
    counts = pd.Series(weights).groupby(how).sum()
    counts = counts[(counts.index != "") & (counts > 0)]
    numbers = ("serial", "compact", "unix", "unix_ms")
    if not (len(counts) > 1 or (len(counts) == 1 and counts.index[0] in numbers)):
        return
    order = [k for k in ("iso", "day", "month", "worded", *numbers) if k in counts.index]
    ways = "; ".join(f"{gettext(_SPELLING_NAMES[k])} {int(counts[k]):,}" for k in order)
    special = next((k for k in numbers if k in counts.index), None)
    example = ""
    if special is not None:
        u = np.flatnonzero(how == special)[0]
        example = tr(" (e.g. {value!r} is {date})", value=uniq.iloc[u],
                     date=str(pd.Timestamp(out[u])).removesuffix(" 00:00:00"))
    notes.append(tr("dates in {column!r} are written in {k} ways, each value read as "
                    "it is written: {ways}{example}.", column=column, k=len(counts),
                    ways=ways, example=example) if len(counts) > 1 else
                 tr("dates in {column!r} are written as {way}, read as such{example}.",
                    column=column, way=ways.rsplit(" ", 1)[0], example=example))


def _naive(parsed: pd.Series) -> np.ndarray:
    """Parsed dates as naive datetime64[us] (UTC wall time for dates with a zone)."""
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed.to_numpy(dtype="datetime64[us]")


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
    try:  # numeric dates among them: one order for the whole column, time zones or not
        return mixed_dates(text, dayfirst)  # ("08/11/2024 GMT+2" of a day-first form)
    except (ValueError, TypeError):
        notes.append(tr("date column {column!r} mixes time zones: converted to UTC.",
                        column=column))
        return mixed_dates(text, dayfirst, utc=True)


def _iso_cast(values: pd.Series) -> Any:
    """Arrow's cast of a column to timestamps when every filled value is an ISO 8601 date
    or local time (blank cells missing), as an Arrow array; None when any value is written
    otherwise. See :func:`_iso_dates_arrow`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = _arrow_text(values)
    if text is not None and len(text) > 2000:
        try:  # a refused cast of a million values costs 0.4 s: its head answers first
            pc.cast(_trimmed(text.slice(0, 1000)), pa.timestamp("us"))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None
    if text is not None:
        try:  # a clean column (blank cells already missing) needs no trimmed copy
            return pc.cast(text, pa.timestamp("us"))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    try:
        arr = pa.array(values, type=pa.string(), from_pandas=True)
        return pc.cast(_trimmed(arr), pa.timestamp("us"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError, TypeError):
        return None


def _trimmed(arr: Any) -> Any:
    """An Arrow text array with spaces trimmed and empty values missing."""
    import pyarrow as pa
    import pyarrow.compute as pc

    trimmed = pc.utf8_trim_whitespace(arr)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, trimmed.type), trimmed)


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


#: the first answer date taken as real: a date before it is a typo or a placeholder (Excel's
#: day 0 is 1900-01-00, a blank date saved by some systems 1899-12-30 or 1970-01-01)
EARLIEST_ANSWER = pd.Timestamp("1990-01-01")


def _latest_answer(tz: Any = None) -> pd.Timestamp:
    """The last moment an answer can be dated: a day after now (a day's margin for time
    zones), in ``tz`` when given."""
    return pd.Timestamp.now(tz=tz) + pd.Timedelta(days=1)


def _implausible_dates(dates: pd.Series, notes: list[str], column: str,
                       rows: Any) -> pd.Series:
    """Response dates that cannot be real - before 1990 (a placeholder or typo) or more than a
    day after today (a year typed wrong) - become missing dates, listed by file row: left in,
    one 1900-01-01 would stretch a monthly trend over 125 years."""
    if not pd.api.types.is_datetime64_any_dtype(dates.dtype) or not dates.notna().any():
        return dates
    tz = getattr(dates.dt, "tz", None)
    low = EARLIEST_ANSWER.tz_localize(tz) if tz is not None else EARLIEST_ANSWER
    high = _latest_answer(tz)
    lo_min, hi_max = dates.min(), dates.max()
    if lo_min >= low and hi_max <= high:  # the usual case: two reductions, no mask
        return dates
    bad = ((dates < low) | (dates > high)).to_numpy(dtype=bool, na_value=False)
    where = np.flatnonzero(bad)
    named = [int(r) for r in np.asarray(rows())[where[:5]]]
    shown = [str(d) for d in dates.iloc[where[:3]]]
    notes.append(tr("{n:,} date(s) in {column!r} cannot be answer dates (before {year} or in "
                    "the future: rows {rows}, e.g. {shown}); they are kept as missing dates, "
                    "the responses are kept. Fix them in the export if they are typos.",
                    n=len(where), column=column, year=f"{EARLIEST_ANSWER:%Y}", rows=named,
                    shown=shown))
    return dates.mask(bad)
