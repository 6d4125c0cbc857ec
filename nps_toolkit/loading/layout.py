"""The header of an export: its vendor layout (Qualtrics' three header rows,
SurveyMonkey's two), title rows above it, placeholder names (Column1...) and repeated
names."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import tr
from .report import LoadReport
from .rolenames import _norm


def _is_import_id(value: Any) -> bool:
    s = str(value).strip()
    if not s.startswith("{"):
        return False
    try:
        return "ImportId" in json.loads(s)
    except (ValueError, TypeError):
        return False


def _layout(head: pd.DataFrame) -> tuple[str, int, list[str], dict[str, str]]:
    """Vendor, number of header rows, column names, question text per column.

    ``head`` holds the first rows of the file with no header applied (all text).
    """
    # cell by cell: pandas' astype(str) costs ~0.1 ms a column (30 ms on 240 columns)
    rows = [[v if isinstance(v, str) else str(v) for v in row]
            for row in head.to_numpy(dtype=object, na_value="").tolist()]
    first = [_name(c) for c in rows[0]]
    normed = {_norm(c) for c in first}
    # Qualtrics: row 2 = question text, row 3 = {"ImportId": ...}
    if len(rows) >= 3 and sum(_is_import_id(v) for v in rows[2]) >= max(1, len(first) // 2):
        names = _dedupe(first)
        return "qualtrics", 3, names, dict(zip(names, rows[1], strict=False))
    # SurveyMonkey: row 2 holds 'Response' / 'Open-Ended Response' / option labels
    second = [_name(c) for c in rows[1]] if len(rows) > 1 else []
    if (second and {"respondent id", "collector id"} <= normed | {_norm(c) for c in second}) or (
        second and any(_norm(v) in ("response", "open ended response") for v in second)
        and "respondent id" in normed
    ):
        names, current = [], ""
        for top, sub in zip(first, second, strict=False):
            current = top or current
            if not top and sub and _norm(sub) not in ("response", "open ended response"):
                names.append(f"{current} - {sub}")
            elif top and sub and _norm(sub) not in ("response", "open ended response"):
                names.append(f"{top} - {sub}")
            else:
                names.append(top or current)
        return "surveymonkey", 2, _dedupe(names), {}
    if _placeholder_names(first) and len(second) and _header_like(second):
        # Excel's tables and Power Query name columns Column1, Column2...: the names are
        # in the next row
        return "generic", 2, _dedupe([s or f for s, f in zip(second, first, strict=False)]), {}
    if _group_header(first, second, rows[2] if len(rows) > 2 else None):
        # a row of group labels over the names ("Ratings (0-10)" merged over three columns):
        # the names are in the next row, each named by it alone
        return "grouped", 2, _dedupe(second), {}
    vendor = "generic"
    if "submitted at" in normed and ("#" in normed or "network id" in normed):
        vendor = "typeform"
    elif first and _norm(first[0]) == "timestamp":
        vendor = "google_forms"
    elif "score" in normed and ("comment" in normed) and (
        {"survey type", "response timestamp", "delighted source", "person id"} & normed
    ):
        vendor = "delighted"
    return vendor, 1, _dedupe(first), {}


_PLACEHOLDER = re.compile(r"(?i)^(?:column|col|field|unnamed|spalte|colonne|columna|coluna|"
                          r"столбец|열|列)[\s_:.-]*\d+$")


def _placeholder_names(names: list[str]) -> bool:
    """Whether a header row holds only placeholder names (``Column1``, ``Unnamed: 3``)."""
    filled = [n for n in names if n]
    return len(filled) >= 2 and all(_PLACEHOLDER.match(n) for n in filled)


def _group_header(first: list[str], second: list[str], third: list[str] | None) -> bool:
    """Whether the first row labels groups of columns and the second names them: the first
    text only, with fewer distinct labels than the second has names (a label merged or
    repeated over its columns, or left blank after them), the second reading as names, the
    third as data (not names)."""
    if not second or third is None or not _header_like(second) or _header_like(third):
        return False
    labels = [c for c in first if c]
    if not labels or any(re.fullmatch(r"[\d.,:/ -]+", c) for c in labels):
        return False
    repeated = any(a == b for a, b in itertools.pairwise(first) if a)
    blank_after = any(a and not b for a, b in itertools.pairwise(first))
    names = [c for c in second if c]
    return (repeated or blank_after) and len(set(labels)) < len(names)


def _header_like(row: list[str]) -> bool:
    """Whether a row reads as column names: mostly filled, distinct, not numbers."""
    filled = [c.strip() for c in row if c and c.strip()]
    return (len(filled) >= 0.8 * len(row) and len(set(filled)) == len(filled)
            and not any(re.fullmatch(r"[\d.,:/ -]+", c) for c in filled))


def _note_placeholder_header(vendor: str, h: int, report: LoadReport) -> None:
    if vendor == "grouped":
        report.notes.append(tr("the first row labels groups of columns (merged or repeated "
                               "over them): the column names were read from the row below "
                               "it."))
    if vendor == "generic" and h == 2:
        report.notes.append(tr("the first row holds placeholder names (Column1, Column2..., as "
                               "Excel tables and Power Query write them): the column names "
                               "were read from the row below it."))


def _name(cell: str) -> str:
    """A header cell as its name: spaces at the ends and characters that show nothing (a
    zero-width space, a byte-order mark left inside the row, direction marks) taken out,
    accents composed: ``df["Région"]`` finds the column whatever the export wrote."""
    from .tidy import _INVISIBLE

    return unicodedata.normalize("NFC", _INVISIBLE.sub("", cell)).strip()


def _note_renamed(names: list[str], report: LoadReport) -> None:
    """Say which duplicate header names were made unique (``score`` twice -> ``score.1``):
    the repeats :func:`_dedupe` renamed, never a name the file holds (``comment.1``)."""
    repeats = getattr(names, "repeats", {})
    if repeats:
        report.notes.append(
            tr("the header repeats column name(s) {names}; the repeats were renamed {renamed}. "
               "Check which one holds what you expect (or name it with score=...).",
               names=", ".join(repr(n) for n in dict.fromkeys(repeats.values())),
               renamed=", ".join(repr(n) for n in repeats)))


class _Names(list):
    """Column names with the repeats renamed: ``repeats`` maps each new name to the name the
    header gave it twice."""

    repeats: dict[str, str]


def _dedupe(names: list[str]) -> _Names:
    """Column names made unique: a blank one is ``column_<position>``, a repeated one gets
    ``.1``, ``.2``... (as pandas numbers them), skipping any name the file already holds, so a
    header ``comment, comment, comment.1`` gives ``comment, comment.2, comment.1``."""
    given = [n if n else f"column_{i + 1}" for i, n in enumerate(names)]
    taken = set(given)
    out = _Names()
    out.repeats = {}
    seen: set[str] = set()
    for n in given:
        name, k = n, 0
        while name in seen or (k and name in taken):  # a name the file holds keeps it
            k += 1
            name = f"{n}.{k}"
        if k:
            out.repeats[name] = n
        seen.add(name)
        out.append(name)
    return out


def _title_rows(counts: list[int], header_row: int | None) -> int:
    """How many rows sit above the header: ``header_row - 1`` when given, else the leading
    rows with at most a third of the table's width filled (a report title, a date line) when
    a fuller row follows within the first ten."""
    if header_row is not None:
        if header_row < 1:
            raise ValueError(f"header_row counts from 1 (the file's first row); got {header_row}")
        return header_row - 1
    width = max(counts[:10], default=0)
    if width < 3:
        return 0
    for i, filled in enumerate(counts[:10]):
        if filled >= 0.6 * width:
            return i if all(c <= max(1, width // 3) for c in counts[:i]) else 0
    return 0


def _note_title_rows(k: int, rows: list[list[str]], report: LoadReport,
                     given: bool) -> None:
    if k:
        shown = [" ".join(c for c in r if c)[:60] for r in rows[:k]]
        report.notes.append(
            tr("skipped {k} row(s) above the header as asked (header_row): {shown!r}. If the "
               "header is elsewhere, pass header_row=<its row number>.", k=k, shown=shown)
            if given else
            tr("skipped {k} row(s) above the header (detected): {shown!r}. If the header is "
               "elsewhere, pass header_row=<its row number>.", k=k, shown=shown))


#: the name a reader gives a column without one
_UNNAMED = re.compile(r"^(column_\d+|Unnamed: \d+(_level_\d+)?)$")


def _all_blank(s: pd.Series) -> bool:
    """No cell holds anything but blanks."""
    if s.isna().all():
        return True
    return bool(s.dtype == object or pd.api.types.is_string_dtype(s.dtype)) and bool(
        s.astype("string").str.strip().fillna("").eq("").all())


def _without_row_index(raw: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """An unnamed first column numbering the rows (R's write.csv, pandas' to_csv) is an
    index, not data; columns with neither a name nor a value (a sheet's blank margin, a
    trailing delimiter) are nothing: both are dropped, said."""
    empty = [c for c in raw.columns if _UNNAMED.match(str(c)) and _all_blank(raw[c])]
    if empty and len(empty) < raw.shape[1]:
        notes.append(tr("dropped {n} empty column(s) without a name ({columns}).",
                        n=len(empty), columns=", ".join(repr(str(c)) for c in empty)))
        raw = raw.drop(columns=empty)
    first = str(raw.columns[0]) if raw.shape[1] else ""
    if raw.shape[1] > 1 and (first in ("", "column_1") or first.startswith("Unnamed")):
        nums = pd.to_numeric(raw.iloc[:, 0], errors="coerce")
        if nums.notna().all() and (np.diff(nums.to_numpy()) == 1).all():
            notes.append(tr("dropped the unnamed first column: it only numbers the rows (an R "
                            "or pandas row index)."))
            return raw.drop(columns=raw.columns[0])
    return raw
