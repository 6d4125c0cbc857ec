"""Rows under the answers that sum them up: a hand-kept sheet's "Average", "Total" or "NPS"
row, as a spreadsheet holds it below the data."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

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

