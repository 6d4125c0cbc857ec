"""The date column of a lazy source in DuckDB SQL, read as
:func:`~nps_toolkit.loading.read_survey` reads its sample: months, day numbers, local
spellings, UTC offsets and the one day/month order of a column."""

from __future__ import annotations

import pandas as pd

from .._frames.periods import mixed_dates
from ..i18n import tr
from .dates import _numeric_date_format
from .report import LoadReport
from .scanscores import _q
from .scores import _NA_TOKENS

#: the month spellings loading.months reads, as DuckDB's strptime formats
_MONTH_FORMATS = ("['%Y%m', '%Y-%m', '%Y/%m', '%Y.%m', '%YM%m', '%Ym%m', '%m/%Y', '%m-%Y', "
                  "'%m.%Y', '%b-%y', '%b %y', '%b-%Y', '%b %Y', '%B %Y', '%B-%Y', '%B %y', "
                  "'%B-%y']")


def date_expr(name: str, dtype: str, sample: pd.Series, dayfirst: bool | None,
              report: LoadReport) -> str:
    """The date column in SQL, read as read_survey reads the sample: a date type as it is,
    months as their first day, day numbers (:func:`_day_numbers`), text in the one format
    the sample shows (local spellings and UTC offsets rewritten in the engine), said."""
    col = _q(name)
    if "DATE" in dtype or "TIMESTAMP" in dtype:
        return f"{col} AS date"
    from .months import month_dates

    if month_dates(sample) is not None:  # "202104", "2021-04", "Apr-21": the month's 1st
        report.notes.append(tr("dates in {column!r} are months (e.g. {example!r}): each answer "
                               "is dated by the first day of its month, so periods shorter "
                               "than a month cannot be cut from them.", column=name,
                               example=str(sample.dropna().iloc[0])))
        return f"try_strptime(trim(CAST({col} AS VARCHAR)), {_MONTH_FORMATS}) AS date"
    if any(t in dtype for t in ("INT", "DOUBLE", "FLOAT", "DECIMAL")):
        return _day_numbers(name, sample, report)  # Unix times, Excel days, yyyymmdd
    from .localdates import LOCAL_FORMATS, local_dates, local_dates_sql

    text = sample.astype("string").str.strip()
    text = text.mask(text.str.lower().isin(_NA_TOKENS))
    written = f"trim(CAST({col} AS VARCHAR))"
    text, written, offset = _without_offsets(text, written, name, report)
    written_as = text.dropna().iloc[0] if text.notna().any() else ""
    local = local_dates(text)  # "2023. 11. 19 오후 5:03:54", "19.11.2023 г.", "9:05 p. m."
    changed = bool((local.fillna("") != text.fillna("")).any()) or offset
    source = local_dates_sql(written) if changed else f"trim({col})"
    text = local
    notes: list[str] = []
    fmt = _numeric_date_format(text, notes, name, dayfirst)
    report.notes.extend(notes)
    if fmt is not None:
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        sql = f"try_strptime({source}, '{fmt}')"
    else:
        # (a 12-hour clock after a year-first date is rewritten in the engine alone)
        parsed = (mixed_dates(text, dayfirst) if changed else
                  pd.to_datetime(text, format="ISO8601", errors="coerce", utc=False))
        sql = (f"try_strptime({source}, {LOCAL_FORMATS})" if changed
               else f"TRY_CAST({source} AS TIMESTAMP)")
    bad = int((parsed.isna() & text.notna()).sum())
    report.notes.append(
        f"date column {name!r} is text; it is parsed in the engine as "
        + (f"{fmt!r}" if fmt else f"its spelling (e.g. {str(written_as)!r})"
           if changed and written_as else "ISO 8601") + (
            f" ({bad} of the sample's {int(text.notna().sum()):,} dates do not read that way "
            "and become missing dates)." if bad else "."))
    return f"{sql} AS date"


#: day numbers as read_survey reads them (``dates._spellings``), in DuckDB: the range each
#: is read in, and the timestamp (Unix seconds and milliseconds; Excel's serial days, from
#: 1899-12-30, 25,569 days before 1970-01-01; yyyymmdd)
_DAY_NUMBERS = {
    "unix": ("{c} >= 631152000 AND {c} < 4102444800",
             "make_timestamp(CAST({c} AS BIGINT) * 1000000)"),
    "unix_ms": ("{c} >= 631152000000 AND {c} < 4102444800000",
                "make_timestamp(CAST({c} AS BIGINT) * 1000)"),
    "serial": ("{c} >= 32874 AND {c} < 73051",
               "make_timestamp(CAST(round(({c} - 25569) * 86400000000) AS BIGINT))"),
    "compact": ("{c} >= 19900101 AND {c} <= 20991231",
                "try_strptime(CAST(CAST({c} AS BIGINT) AS VARCHAR), '%Y%m%d')"),
}


def _day_numbers(name: str, sample: pd.Series, report: LoadReport) -> str:
    """A date column the engine typed as numbers, read as read_survey reads its sample: the
    way most of its values are written (Unix seconds or milliseconds, Excel day numbers,
    yyyymmdd), said with an example; values outside that way's range are missing dates.
    A column of other numbers gives missing dates, said (it stopped scan with a type
    error)."""
    from ..i18n import gettext
    from .dates import _SPELLING_NAMES, _spellings

    numbers = pd.to_numeric(sample, errors="coerce").dropna()
    text = pd.Series([f"{v:.0f}" if float(v).is_integer() else f"{v}" for v in
                      numbers.unique()], dtype="string")
    kinds = _spellings(text)[1] if len(text) else {}
    counts = {k: int(kinds[k].sum()) for k in _DAY_NUMBERS if k in kinds}
    way = max(counts, key=lambda k: counts[k], default=None)
    if way is None or counts[way] == 0:
        report.notes.append(f"date column {name!r} holds numbers that are no dates read_survey "
                            "knows (Unix times, Excel day numbers, yyyymmdd): its dates are "
                            "missing; pass date= to read another column.")
        return "CAST(NULL AS TIMESTAMP) AS date"
    first = text[kinds[way]].iloc[0]
    when, value = (part.format(c=_q(name)) for part in _DAY_NUMBERS[way])
    number = float(first)
    shown = str({"unix": lambda: pd.Timestamp(int(number), unit="s"),
                 "unix_ms": lambda: pd.Timestamp(int(number), unit="ms"),
                 "serial": lambda: pd.Timestamp("1899-12-30") + pd.Timedelta(days=number),
                 "compact": lambda: pd.to_datetime(first, format="%Y%m%d")}[way]()
                ).removesuffix(" 00:00:00")
    report.notes.append(tr("dates in {column!r} are written as {way}, read as such{example}.",
                           column=name, way=gettext(_SPELLING_NAMES[way]),
                           example=tr(" (e.g. {value!r} is {date})", value=first,
                                      date=shown)))
    return f"CASE WHEN {when} THEN {value} END AS date"


def _without_offsets(text: pd.Series, written: str, name: str,
                     report: LoadReport) -> tuple[pd.Series, str, bool]:
    """Dates with their UTC offset written after the clock (Google Forms' ``2024/11/13
    1:15:02 AM GMT+1``): the offset taken off the sample and, in the engine, off ``written``
    (a text expression), said; the clock time as written is read (the form's own time zone,
    summer time included). Otherwise all as they were, and False."""
    from .._frames.periods import GMT_OFFSET, HAS_OFFSET

    if not text.str.contains(HAS_OFFSET).fillna(False).any():
        return text, written, False
    found = sorted({m.group(0).strip() for v in text.dropna().unique()
                    if (m := GMT_OFFSET.search(v))})  # the sample's distinct values
    report.notes.append(tr("dates in {column!r} carry a UTC offset ({offsets}): the clock time "
                           "written is read, in the time zone the form kept.", column=name,
                           offsets=", ".join(found[:3])))
    pattern = GMT_OFFSET.pattern.replace("'", "''")
    # and the zone of offset 0 written alone ("12:03:33 AM GMT" in winter beside "GMT+1")
    bare = r"\s+(?:GMT|UTC)\s*$"
    return (text.str.replace(GMT_OFFSET, "", regex=True).str.replace(
                f"(?i){bare}", "", regex=True).str.strip(),
            f"trim(regexp_replace(regexp_replace({written}, '(?i){pattern}', ''), "
            f"'(?i){bare}', ''))", True)
