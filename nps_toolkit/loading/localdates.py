"""Dates and clocks as forms write them in the user's language, rewritten into the spellings
the date reader knows: Google Forms' and Excel's Korean timestamps (``2023. 11. 19 오후
5:03:54``: 오전 before noon, 오후 after), Chinese and Japanese ones (``2023/11/19 下午5:03:54``,
``2023年11月19日 17:03``, 午前/午後), Korean written dates (``2023년 11월 19일``), the Russian
year mark (``19.11.2023 г.``), the Spanish clock's ``a. m.`` / ``p. m.``, and months named
in other languages (``9 avril 2025``, ``12. März 2025``, ``9 de abril de 2025``,
``9 апреля 2025``).

Each rewrite runs on the column's distinct values, vectorised, and only when a head of them
shows the spelling (a plain column is returned as it is, after one look at 200 values).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import tr

#: a look at the head: any of the spellings rewritten below
_SEEN = (r"[오전후上下午前後]|년|年|\d\s*г\.?(?:\s|$)|\b[ap]\.\s?m\.|\d,\s*\d|\d[hH]\d|"
         r"\d\s+(?:à|a las|a la|um|at|в|kl\.?|u)\s+\d")

# a day-first or month-first date (or a day, a month in words, a year) and its clock joined
# by a comma, a word ("à", "um", "at", "a las", "в", "kl.") or written with an h ("17h03"):
# "19.11.2023, 17:03", "19/11/2023 à 17h03", "9 mai 2025 à 17h03" -> "19.11.2023 17:03"
_JOINED = (r"^(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2} [A-Z][a-z]{2} \d{4})\s*,?\s*"
           r"(?:(?:à|a las|a la|um|at|в|kl\.?|u)"
           r"\s+)?(\d{1,2})\s*[:hH]\s*(\d{2})")

# year first, then month and day, each followed by a dot, a slash, a dash or its East Asian
# mark (년 월 일 / 年 月 日), then an optional clock with its half of the day before or after it
_YEAR_FIRST = (r"^\s*(\d{4})\s*(?:[./-]|년|年)\s*(\d{1,2})\s*(?:[./-]|월|月)\s*(\d{1,2})\s*"
               r"(?:\.|일|日)?\s*,?\s*(?:(오전|오후|上午|下午|午前|午後|AM|PM|am|pm)?\s*"
               r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(오전|오후|上午|下午|午前|午後)?)?\s*$")
_AFTERNOON = ("오후", "下午", "午後", "PM", "pm")


def local_dates(text: pd.Series) -> pd.Series:
    """``text`` (distinct date values) with the local spellings rewritten: year-first East
    Asian dates and clocks as ``YYYY-MM-DD HH:MM:SS`` (ISO 8601, on a 24-hour clock), the
    Russian ``г.`` dropped, ``a. m.`` / ``p. m.`` as ``AM`` / ``PM``; other values unchanged.

    Examples
    --------
    >>> local_dates(pd.Series(["2023. 11. 19 오후 5:03:54", "2023/11/19 上午12:05:00",
    ...                        "2023년 11월 19일", "19.11.2023 г. 17:03",
    ...                        "01/12/2023 9:05:00 p. m.", "2024-03-01"])).tolist()
    ['2023-11-19 17:03:54', '2023-11-19 00:05:00', '2023-11-19', '19.11.2023 17:03', \
'01/12/2023 9:05:00 PM', '2024-03-01']
    """
    text = _english_months(text.astype("string"))
    head = text.dropna().head(200)
    if head.empty or not head.str.contains(_SEEN, regex=True).fillna(False).any():
        return text
    out = text.str.replace(r"(\d)\s*г\.?(?=\s|$)", r"\1", regex=True)
    out = out.str.replace(_JOINED, r"\1 \2:\3", regex=True)
    out = out.str.replace(r"\b([aApP])\.\s?[mM]\.?", lambda m: m.group(1).upper() + "M",
                          regex=True)
    parts = out.str.extract(_YEAR_FIRST)
    found = parts[0].notna().to_numpy()
    if not found.any():
        return out
    p = parts[found]
    date = (p[0] + "-" + p[1].str.zfill(2) + "-" + p[2].str.zfill(2)).to_numpy(dtype=object)
    clock = p[4].notna().to_numpy()
    if clock.any():
        hour = pd.to_numeric(p[4], errors="coerce").fillna(0).to_numpy(dtype=np.int64)
        half = p[3].fillna(p[7]).fillna("").to_numpy(dtype=object)
        after = np.isin(half, _AFTERNOON)
        before = (half != "") & ~after
        hour = np.where(after & (hour < 12), hour + 12, np.where(before & (hour == 12), 0, hour))
        time = (" " + pd.Series(hour).astype(str).str.zfill(2) + ":"
                + p[5].fillna("00").to_numpy(dtype=object) + ":"
                + p[6].fillna("00").to_numpy(dtype=object)).to_numpy(dtype=object)
        date = np.where(clock, date + time, date)
    out = out.copy()
    out[found] = date
    return out


#: a word (letters of any script, a dot after an abbreviation), between two digits or
#: the ends of a date: a month's name in "9 avril 2025", "12. März 2025", "abr. 9, 2025"
_WORD = r"[^\W\d_]+\.?"


#: English month names as the date readers know them
_ENGLISH = frozenset({"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept",
                      "oct", "nov", "dec", "january", "february", "march", "april", "june",
                      "july", "august", "september", "october", "november", "december"})


@functools.lru_cache(maxsize=1)
def _month_names() -> dict[str, str]:
    """Month names, lower case, as written and folded (wide and abbreviated, as written in a
    date and standing alone, from the CLDR data Babel ships: ``avril``, ``märz`` and
    ``marz``, ``апреля``, ``travnja``, ``nov``), each with the English abbreviation the date
    readers know (``Apr``)."""
    from babel.dates import get_month_names

    from .scales import _CALENDAR_LOCALES, _fold

    abbr = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    out: dict[str, str] = {}
    for locale in _CALENDAR_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for i, name in get_month_names(width, context, locale).items():
                    for form in (name.lower().strip("."), _fold(name).strip(" .")):
                        if form.isalpha() and not any(
                                "\u1100" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"
                                for ch in form):
                            out.setdefault(form, abbr[i - 1])
    return out


def _english_months(text: pd.Series) -> pd.Series:
    """``text`` with its month names written as English abbreviations when a head of 200
    values holds one in another language beside a number (``9 avril 2025`` -> ``9 Apr
    2025``, ``20 de nov. de 2023`` -> ``20 Nov 2023``), the Spanish and Portuguese ``de``
    around them and the German day's dot dropped (``12. März 2025`` -> ``12 Mar 2025``);
    only in values holding a year."""
    from .scales import _fold

    months = _month_names()

    def name(word: str) -> str | None:
        return months.get(word.lower().strip("."), months.get(_fold(word).strip(" .")))

    def english(match: Any) -> str:
        return name(match.group(0)) or match.group(0)

    head = text.dropna().head(200)
    # a date is short and holds its year: comments and other text are passed over at once
    head = head[head.str.len() <= 40]
    head = head[head.str.contains(r"\d{4}").fillna(False)]
    words = pd.unique(head.str.findall(_WORD).explode().dropna().to_numpy(dtype=object))
    if not any(name(w) is not None and _fold(w).strip(" .") not in _ENGLISH for w in words):
        return text
    out = text.str.replace(_WORD, english, regex=True)
    out = out.str.replace(r"(?i)(?<=\d)\s+de\s+(?=[A-Z][a-z]{2}\b)|(?<=\b[A-Z][a-z]{2})\s+"
                          r"de\s+(?=\d)", " ", regex=True)
    out = out.str.replace(r"^(\d{1,2})\.\s+(?=[^\W\d_])", r"\1 ", regex=True)
    out = out.str.replace(r"(?<=\d{4})\.$", "", regex=True)  # Croatian "1. travnja 2025."
    # only in a date with its year: "hace 2 días", "2 days ago" ("ago" is August in
    # Spanish) stay as written
    return out.where(text.str.contains(r"(?<!\d)\d{4}(?!\d)").fillna(False), text)


#: the spellings :func:`local_dates_sql` leaves, as DuckDB's strptime formats
LOCAL_FORMATS = ("['%Y-%m-%d %I:%M:%S %p', '%Y-%m-%d %I:%M %p', '%Y-%m-%d %H:%M:%S', "
                 "'%Y-%m-%d %H:%M', '%Y-%m-%d', '%d %b %Y %H:%M:%S', '%d %b %Y %H:%M', "
                 "'%d %b %Y', '%d %B %Y %H:%M:%S', '%d %B %Y %H:%M', '%d %B %Y']")

_DATE_SQL = (r"^(\d{4})\s*(?:[./-]|년|年)\s*(\d{1,2})\s*(?:[./-]|월|月)\s*(\d{1,2})\s*"
             r"(?:\.|일|日)?\s*,?\s*")
_CLOCK_SQL = r"(\d{1,2}:\d{2}(?::\d{2})?)"


def local_dates_sql(expr: str) -> str:
    """:func:`local_dates` as a DuckDB expression over the text ``expr``: the same rewrites,
    except that a year-first clock keeps its half of the day as ``AM`` / ``PM`` (read with
    :data:`LOCAL_FORMATS`), since a regular expression cannot add 12 to an hour."""
    out = _english_months_sql(expr)  # first, as local_dates does
    out = f"regexp_replace({out}, '(\\d)\\s*г\\.?(\\s|$)', '\\1\\2', 'g')"
    out = f"regexp_replace({out}, '{_JOINED}', '\\1 \\2:\\3')"
    out = f"regexp_replace({out}, '\\b[aA]\\.\\s?[mM]\\.?', 'AM', 'g')"
    out = f"regexp_replace({out}, '\\b[pP]\\.\\s?[mM]\\.?', 'PM', 'g')"
    for marks, half in (("오전|上午|午前|AM|am", "AM"), ("오후|下午|午後|PM|pm", "PM")):
        out = (f"regexp_replace({out}, '{_DATE_SQL}(?:{marks})\\s*{_CLOCK_SQL}\\s*$', "
               f"'\\1-\\2-\\3 \\4 {half}')")
        out = (f"regexp_replace({out}, '{_DATE_SQL}{_CLOCK_SQL}\\s*(?:{marks})\\s*$', "
               f"'\\1-\\2-\\3 \\4 {half}')")
    out = f"regexp_replace({out}, '{_DATE_SQL}{_CLOCK_SQL}?\\s*$', '\\1-\\2-\\3 \\4')"
    return f"trim({out})"


def _english_months_sql(expr: str) -> str:
    """:func:`_english_months` in DuckDB: each month's names in other languages (lower case,
    as written and folded) as its English abbreviation, in a value holding a year; ``de``
    around it and the German day's dot dropped."""
    by_month: dict[str, list[str]] = {}
    for name, abbr in sorted(_month_names().items(), key=lambda kv: (-len(kv[0]), kv[0])):
        by_month.setdefault(abbr, []).append(name)
    out = f"lower({expr})"
    for abbr, names in by_month.items():
        out = (f"regexp_replace({out}, '(^|[^\\pL])(?:{'|'.join(names)})\\.?([^\\pL]|$)', "
               f"'\\1{abbr}\\2', 'g')")
    out = f"regexp_replace({out}, '(\\d)\\s+de\\s+([A-Z][a-z]{{2}})\\s+de\\s+', '\\1 \\2 ', 'g')"
    out = f"regexp_replace({out}, '(\\d{{4}})\\.$', '\\1')"
    has_year = f"regexp_matches({expr}, '(^|[^0-9])[0-9]{{4}}([^0-9]|$)')"
    changed = f"regexp_matches({out}, '[A-Z][a-z]{{2}}')"
    out = f"CASE WHEN {has_year} AND {changed} THEN {out} ELSE {expr} END"
    # the German day's dot before any month in words ("9. April 2025")
    return f"regexp_replace({out}, '^(\\d{{1,2}})\\.\\s+(\\pL)', '\\1 \\2')"


def two_digit_year_first(parts: pd.DataFrame, notes: list[str], column: str,
                         example: str) -> bool:
    """Whether dates matched as ``a-b-yy`` are in fact ``yy-mm-dd`` (``24-11-01``, a short
    ISO order some systems export): the first field holds few values, each a recent year
    (13 up to this one), and the last many (the days), every last field a day of the month;
    said. Read day first, ``24-11-01`` was 24 November 2001. A survey sent on the 15th of
    each month (``15-02-23``, ``15-03-24``) keeps its day first (its last field holds a few
    years), and so does a span of a few days, which cannot tell. ``parts``: the fields of
    the column's distinct dates (the first, the separator, the second, the last)."""
    first, second, last = (parts[k].astype(int) for k in (0, 2, 3))
    this_year = pd.Timestamp.now().year % 100
    found = bool(first.nunique() <= 3 and last.nunique() >= 10
                 and (parts[3].str.len() == 2).all() and first.between(13, this_year).all()
                 and (second <= 12).all() and last.between(1, 31).all())
    if found:
        notes.append(tr("dates in {column!r} read as year-month-day with a two-digit year (e.g. "
                        "{example!r}: their first field takes few values, their last many).",
                        column=column, example=example))
    return found
