"""Rows under the answers that sum them up: a hand-kept sheet's "Average", "Total" or "NPS"
row, as a spreadsheet holds it below the data."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import tr
from .counts import _TOTAL
from .rolenames import _norm

#: a row's label when it sums up the rows above it without being a total (those are
#: counts.py's ``_TOTAL``): an average, the NPS, a count (names normalised: lower case,
#: accents stripped, punctuation as spaces), in the languages of the word lists
_AVERAGE = re.compile(
    r"^(average|avg|mean|median|moyenne|promedio|media|durchschnitt|mittelwert|gemiddelde|"
    r"prosjek|sum|nps|net promoter score|count|responses|number of responses|promoters?|"
    r"passives?|detractors?|promoteurs?|detracteurs?|promotores?|detractores?|std|"
    r"standard deviation|min|max|minimum|maximum|среднее|среднее значение|평균|平均|平均值)"
    r"( score| nps| %)?$")


def is_summary(label: str) -> bool:
    """Whether a cell labels a row that sums up others: a total (``_TOTAL``, as tables of
    counts are read) or an average, the NPS, a count (``_AVERAGE``)."""
    name = _norm(label)
    return bool(_TOTAL.match(name) or _AVERAGE.match(name))


def summary_rows(raw: pd.DataFrame, score: str, kind: np.ndarray,
                 skip: tuple[str, ...] = ()) -> np.ndarray:
    """The rows at the foot of the table that sum up the answers above (a mask): walking up
    from the last row, each row that is blank or labelled as a summary, until a row that is
    neither. A summary row has a label (:func:`is_summary`: one of its text cells, the comment
    column ``skip`` aside: "Average", "Total", "NPS", "Gesamt", "평균") and does not
    read as an answer: its score is no 0-10 answer (an average of 7.85, an NPS of -35, a
    count), or it fills at most half the cells an answer fills (a median of 8, alone on its
    row, would have counted as an answer). Only when at least one such row is found.
    ``kind``: the score codes (0 valid, 1 blank)."""
    out = np.zeros(len(raw), dtype=bool)
    if len(raw) < 3:
        return out
    others = [c for c in raw.columns if c != score and c not in skip]
    typical: float | None = None  # cells an answer fills, worked out when a label is met
    labelled = False
    for i in range(len(raw) - 1, max(len(raw) - 11, -1), -1):
        row = raw.iloc[i]
        texts = [v for v in row[others].tolist() if isinstance(v, str) and v.strip()]
        filled = int(row.notna().sum())
        label = any(is_summary(v) for v in texts)
        if label and kind[i] == 0 and typical is None:
            typical = float(np.median(raw.iloc[:1000].notna().sum(axis=1)))
        if label and (kind[i] != 0 or filled <= (typical or 0) / 2):
            out[i] = labelled = True
        elif kind[i] == 1 and filled == 0:
            out[i] = True  # a blank row between the answers and their summary
        else:
            break
    return out if labelled else np.zeros(len(raw), dtype=bool)


def description_row(raw: pd.DataFrame, score: str, kind: np.ndarray) -> bool:
    """Whether the first row under the names describes the columns instead of answering
    them: a hand-kept sheet's units or help row (``(yyyy-mm-dd)``, ``(0-10)``, ``free
    text``). It holds no 0-10 score, the next rows mostly do, and in two columns or more
    (the score's among them) it holds words where the rows below hold numbers or dates.
    A first answer with a typo for its score ("x") differs in that one column only, and
    stays an invalid answer, said as such."""
    if len(raw) < 10 or kind[0] < 2 or (kind[1:21] == 0).mean() < 0.8:
        return False
    below = raw.iloc[1:21]
    described = 0
    for c in raw.columns:
        top = raw[c].iloc[0]
        if not isinstance(top, str) or not top.strip() \
                or pd.to_numeric(pd.Series([top]), errors="coerce").notna()[0] \
                or pd.to_datetime(pd.Series([top]), errors="coerce", format="mixed").notna()[0]:
            continue  # a number or a date on top: an answer's cell
        cells = below[c].dropna().astype(str)
        if len(cells) < 5:
            continue
        numbers = pd.to_numeric(cells, errors="coerce").notna()
        dates = pd.to_datetime(cells, errors="coerce", format="mixed").notna()
        if (numbers | dates).mean() >= 0.9:
            described += 1
    return described >= 2


#: how Qualtrics' third header row starts (``{"ImportId":"QID1"}``), repeated in the body
_IMPORT_ID = '{"ImportId"'


def _repeated_header_rows(raw: pd.DataFrame, texts: dict[str, str]) -> np.ndarray | None:
    """Where the body repeats the file's header (a mask, or None): exports joined one after
    another (``cat jan.csv feb.csv``, a sheet pasted under a sheet) hold the names row again,
    and a vendor's question-text and ImportId rows with it. Such a row made the score an
    invalid answer and typed every numeric column as text (a value column no longer
    numbers: its report section gone). Its first cell is looked up in the Arrow buffers
    (``is_in``: ~5 ms on 500,000 rows); a candidate is one when most of its filled cells
    (60%, two at least) are its columns' names, question texts or ImportIds."""
    if len(raw.columns) < 2 or raw.empty:
        return None
    from .scores import _arrow_text

    first = raw.columns[0]
    targets = sorted({t for name in (str(first), texts.get(str(first), "")) if name
                      for t in (name, "\ufeff" + name)})
    arrow = _arrow_text(raw[first])
    if arrow is not None:
        import pyarrow as pa
        import pyarrow.compute as pc

        hit = pc.is_in(arrow, value_set=pa.array(targets))
        if texts:
            hit = pc.or_(hit, pc.starts_with(arrow, _IMPORT_ID))
        candidates = np.flatnonzero(hit.fill_null(False).to_numpy(zero_copy_only=False))
    elif raw[first].dtype == object:
        candidates = np.flatnonzero(raw[first].isin(targets).to_numpy(dtype=bool))
    else:
        return None
    out = np.zeros(len(raw), dtype=bool)
    names = [str(c) for c in raw.columns]
    for i in candidates:
        cells = [(str(v).lstrip("\ufeff").strip(), n) for v, n in zip(
            raw.iloc[i].tolist(), names, strict=True) if isinstance(v, str) and v.strip()]
        same = sum(v in (n, texts.get(n, "")) or v.startswith(_IMPORT_ID) for v, n in cells)
        out[i] = len(cells) >= 2 and same >= 0.6 * len(cells)
    return out if out.any() else None


def without_repeated_headers(raw: pd.DataFrame, texts: dict[str, str], notes: list[str],
                             rows: Any) -> tuple[pd.DataFrame, Any, list[Any]]:
    """``raw`` without the rows that repeat its header (:func:`_repeated_header_rows`), said
    by row; the row numbers of the rows left, and those of the rows taken out."""
    found = _repeated_header_rows(raw, texts)
    if found is None:
        return raw, rows, []
    numbers = np.asarray(rows[np.arange(len(raw))])
    taken = numbers[found].tolist()
    notes.append(tr("{n:,} row(s) repeat the file's header (rows {rows}: exports joined one "
                    "after another): they are left out, and the columns read without them.",
                    n=len(taken), rows=", ".join(map(str, taken[:10]))))
    return raw.loc[~found].reset_index(drop=True), numbers[~found], taken
