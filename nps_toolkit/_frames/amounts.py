"""Money amounts as written in order logs: one decimal convention per column, one currency.

A cell alone cannot say whether ``1.500`` is one and a half or fifteen hundred; the column
can (``2.000,00`` elsewhere in it settles a decimal comma). So the convention is decided from
every cell of the column, cells that contradict it are an error naming them, and a column
that never shows it is read with a decimal point and the report says so. Signs: a leading or
trailing minus (ASCII, Unicode U+2212 or the other dashes spreadsheets write), or
parentheses (accounting). Scientific notation (``1.5E+03``) is read as a number. Currency
signs and ISO codes are recognised; a column mixing currencies is refused, because adding
dollars to euros is never what the analyst means.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["MixedCurrencyError", "as_amounts", "parse_amounts"]

# symbols and codes written in exports, and the currency each means
_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY/CNY", "￥": "JPY/CNY",
            "₹": "INR", "₽": "RUB", "₩": "KRW", "₺": "TRY", "₪": "ILS", "₫": "VND",
            "R$": "BRL", "C$": "CAD", "A$": "AUD", "CA$": "CAD", "AU$": "AUD", "HK$": "HKD",
            "zł": "PLN", "Kč": "CZK", "kn": "HRK", "RMB": "CNY", "руб": "RUB", "руб.": "RUB",
            "р.": "RUB", "元": "CNY", "円": "JPY", "원": "KRW"}
_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "INR", "RUB", "KRW", "CHF", "CAD", "AUD", "NZD",
          "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "HRK", "RON", "BGN", "TRY", "BRL", "MXN",
          "ARS", "CLP", "COP", "PEN", "ZAR", "SGD", "HKD", "TWD", "THB", "MYR", "IDR", "PHP",
          "VND", "ILS", "AED", "SAR", "EGP", "NGN", "KES", "UAH", "KZT")
_MINUS = "\u2212\u2012\u2013\u2014\ufe63\uff0d"
_CURRENCY = "|".join(sorted(map(re.escape, [*_SYMBOLS, *_CODES]), key=len, reverse=True))
_GROUP_SPACES = r"[\s\u00a0\u202f\u2009'’]"


class MixedCurrencyError(ValueError):
    """An amount column holds more than one currency, or cells that contradict each other's
    decimal mark."""


def _fail(column: str, message: str) -> MixedCurrencyError:
    return MixedCurrencyError(f"amount column {column!r}: {message}")


def parse_amounts(values: pd.Series, notes: list[str], column: str, *,
                  rows: np.ndarray | None = None, decimal: str | None = None) -> pd.Series:
    """Amount cells as floats (missing where a cell is not an amount, for the caller to list).

    Parameters
    ----------
    values : Series
        The column as read.
    notes : list of str
        The load report's notes: what was decided is appended.
    column : str
        The column's name, for messages.
    rows : array, optional
        Row numbers to name in messages (file rows); positions + 1 by default.
    decimal : {".", ","}, optional
        The decimal mark, when the column does not show it.

    Raises
    ------
    MixedCurrencyError
        Several currencies in the column, or cells that contradict each other's decimal
        mark (``19.90`` and ``19,90``); the message names rows and the fix.

    Examples
    --------
    >>> notes = []
    >>> parse_amounts(pd.Series(["1.500", "2.000,00", "−12,50", "1.5E+03", "€7"]), notes,
    ...               "Betrag").tolist()
    [1500.0, 2000.0, -12.5, 1500.0, 7.0]
    """
    where = (np.arange(len(values)) + 1) if rows is None else np.asarray(rows)
    if pd.api.types.is_bool_dtype(values.dtype):
        raise _fail(column, "holds true/false values, not amounts")
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.astype(float)
    text = values.astype("string").str.strip()
    text = text.mask(text.fillna("").eq(""))
    # currency: recognised signs and codes, one per column
    cur = text.str.extract(rf"({_CURRENCY})", expand=False)
    named = cur.map(lambda c: _SYMBOLS.get(c, c), na_action="ignore")
    kinds = sorted(named.dropna().unique())
    if len(kinds) > 1:
        first = {k: int(np.flatnonzero(named.eq(k).fillna(False).to_numpy())[0]) for k in kinds}
        examples = "; ".join(f"{k}: row {where[i]} {text.iloc[i]!r}"
                             for k, i in list(first.items())[:4])
        raise _fail(column, f"mixes currencies ({', '.join(kinds)}; {examples}). Convert the "
                    "amounts to one currency before reading the log: a total across "
                    "currencies means nothing.")
    body = text.str.replace(rf"({_CURRENCY})", "", regex=True)
    body = body.str.replace(f"[{_MINUS}]", "-", regex=True)
    body = body.str.replace(_GROUP_SPACES, "", regex=True)
    negative = body.str.fullmatch(r"\(.*\)").fillna(False) \
        | body.str.fullmatch(r"-.*|.*-").fillna(False)
    body = body.str.strip("()+-")
    scientific = body.str.fullmatch(r"\d+(?:\.\d+)?[eE][+-]?\d+").fillna(False)
    plain = body.str.fullmatch(r"\d*[.,]?\d+|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|"
                               r"\d+[.,]").fillna(False) & ~scientific
    # evidence for each decimal mark, cell by cell
    last_comma = body.str.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d*|\d+,\d{1,2}|\d+,\d{4,}|0,\d+")
    last_dot = body.str.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d*|\d+\.\d{1,2}|\d+\.\d{4,}|0\.\d+")
    groups_dot = body.str.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}")  # 1.000.000: dots group
    groups_comma = body.str.fullmatch(r"\d{1,3}(?:,\d{3}){2,}")
    comma_says = (last_comma.fillna(False) | groups_dot.fillna(False)) & plain
    dot_says = (last_dot.fillna(False) | groups_comma.fillna(False)) & plain
    if decimal not in (None, ".", ","):
        raise ValueError(f"decimal must be '.' or ',', got {decimal!r}")
    if decimal is None:
        if comma_says.any() and dot_says.any():
            c = np.flatnonzero(comma_says.to_numpy())[:2]
            d = np.flatnonzero(dot_says.to_numpy())[:2]
            raise _fail(column, "mixes decimal marks: "
                        + ", ".join(f"row {where[i]} {text.iloc[i]!r}" for i in c)
                        + " use a decimal comma, "
                        + ", ".join(f"row {where[i]} {text.iloc[i]!r}" for i in d)
                        + " a decimal point. Write them one way, or pass decimal=',' or "
                        "decimal='.' to read every cell that way.")
        decimal = "," if comma_says.any() else "."
        ambiguous = body.str.fullmatch(r"\d{1,3}(?:[.,]\d{3})").fillna(False) & ~(
            comma_says | dot_says)
        if decimal == "," and comma_says.any():
            notes.append(f"amounts in {column!r} read with a decimal comma (e.g. "
                         f"{text[comma_says].iloc[0]!r}): '.' groups thousands.")
        elif not dot_says.any() and ambiguous.any():
            i = np.flatnonzero(ambiguous.to_numpy())[0]
            notes.append(f"amounts in {column!r} never show their decimal mark: "
                         f"{int(ambiguous.sum()):,} like {text.iloc[i]!r} (row {where[i]}) "
                         "were read with a decimal point; pass decimal=',' if '.' groups "
                         "thousands in this file.")
    group = "." if decimal == "," else ","
    number = body.str.replace(group, "", regex=False).str.replace(decimal, ".", regex=False)
    number = number.where(plain, body.where(scientific))
    out = pd.to_numeric(number, errors="coerce").astype(float)
    out = out.where(~negative.to_numpy(), -out.abs())
    if len(kinds) == 1:
        notes.append(f"amounts in {column!r} are in {kinds[0]} ({int(named.notna().sum()):,} "
                     "cells name the currency, the others none).")
    return out


def as_amounts(values: pd.Series, column: str, notes: list[str] | None = None) -> pd.Series:
    """A value column as floats: numbers as they are; text (``"1.234,50"``, ``"€7"``, read
    from an export as written) parsed by :func:`parse_amounts`, missing where a cell is not an
    amount. Shared by every function that takes a ``value=`` column, so a decimal-comma
    export gives the same tiers as the same numbers typed with points.

    >>> as_amounts(pd.Series(["430,92", "1.200,00", None]), "Umsatz").tolist()
    [430.92, 1200.0, nan]
    """
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(
            values.dtype):
        return values.astype(float)
    return parse_amounts(values.astype(object), notes if notes is not None else [], column)
