"""Answers dated by their month only: a ``year_month`` of ``202104``, ``2021-04``, ``04/2021``,
``Apr-21``, ``April 2021`` or ``2021M04`` (warehouse and BI exports often keep no day).

Each answer is dated by the first day of its month, and the load report says so: the trend
and the waves then cut periods of a month or longer from it as from full dates.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .names import _words

#: a column named for a month (normalised words): "year_month", "Mes", "Monat", "월"...
_MONTH_NAMES = re.compile(
    r"^(month|year month|yearmonth|month year|ym|yyyymm|period|reporting month|survey month|"
    r"response month|mes|ano mes|mes ano|mois|annee mois|mois annee|monat|jahr monat|"
    r"monat jahr|mese|anno mese|mês|месяц|год месяц|월|연월|년월|月|月份|年月)$")

_YEAR = (1990, 2100)
# the spellings, each with the groups (year, month) or (month, year)
_FORMS = [
    (re.compile(r"^(\d{4})(\d{2})$"), "ym"),                       # 202104
    (re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$"), "ym"),          # 2021-04, 2021/4
    (re.compile(r"^(\d{4})\s*m\s*(\d{1,2})$", re.I), "ym"),        # 2021M04
    (re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$"), "my"),          # 04/2021
]
_MONTH_WORDS = {m.lower(): i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_FULL_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_NAMED = re.compile(r"^([a-z]{3,9})\.?[\s'-]*(\d{2}|\d{4})$", re.I)  # Apr-21, April 2021


def _month_of(text: str) -> tuple[int, int] | None:
    """(year, month) of one value written as a month, or None."""
    t = text.strip()
    for pattern, order in _FORMS:
        m = pattern.match(t)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            year, month = (a, b) if order == "ym" else (b, a)
            break
    else:
        m = _NAMED.match(t)
        if not m or m.group(1)[:3].lower() not in _MONTH_WORDS:
            return None
        word = m.group(1).lower()
        if not any(full.startswith(word) for full in _FULL_MONTHS):  # "Apr", "April", "Sept"
            return None
        month = _MONTH_WORDS[word[:3]]
        year = int(m.group(2)) + (2000 if len(m.group(2)) == 2 else 0)
    if not (_YEAR[0] <= year <= _YEAR[1] and 1 <= month <= 12):
        return None
    return year, month


def month_dates(values: pd.Series) -> pd.Series | None:
    """The first day of each value's month, when every filled value is written as a month
    (one of the spellings above, years 1990-2100); None otherwise. Each distinct value is
    read once."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype) or pd.api.types.is_bool_dtype(
            values.dtype) or pd.api.types.is_float_dtype(values.dtype):
        return None
    head = values.head(1000).dropna()
    if head.empty:  # a column that starts blank
        head = values.dropna()
    if head.empty or any(_month_of(str(v)) is None for v in head.head(20)):
        return None  # the usual date column: told by its first values, before any pass
    codes, uniq = pd.factorize(values.astype("string").str.strip(), use_na_sentinel=True)
    found = []
    for u in uniq:
        found.append(_month_of(str(u)))
        if found[-1] is None:
            return None
    firsts = np.array([np.datetime64(f"{y:04d}-{m:02d}-01", "us") for y, m in found])
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[us]")
    out[codes >= 0] = firsts[codes[codes >= 0]]
    return pd.Series(out, index=values.index, name=values.name)


def _month_column(frame: pd.DataFrame, cols: list[str], taken: set[str]) -> str | None:
    """The column named for a month whose values are all months, for a file with no date."""
    for c in cols:
        if c not in taken and _MONTH_NAMES.match(_words(c)) and frame[c].notna().any() \
                and month_dates(frame[c].head(2000)) is not None \
                and month_dates(frame[c]) is not None:
            return c
    return None
