"""A question exported one column per answer option (SurveyMonkey's "expanded" format:
``How likely ... - 0``, ``... - 1``, ..., ``... - 10``, each row's choice written in its
option's column) read back as one column of the chosen options.

Read as they were, the recommend question's first option column (``- 0``) was taken for the
score: the answers who chose 0 were its only scores, every other answer blank, and the NPS
came out as -100. A run of neighbouring columns named ``QUESTION - OPTION`` of which each
row fills at most one, with the option's own label (or a check mark) in the cell, is one
single-choice question; a row filling two or more (a multiple-choice question) leaves the
columns as they are.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd

from ..i18n import tr

# "Question - option" as the two header rows of such an export are joined (loading/layout.py)
_OPTION = re.compile(r"^(?P<question>.+?) - (?P<option>[^-]+?)$")

# a cell marking its column's option as chosen when it does not repeat the option's label
_MARK = frozenset(["1", "x", "X", "✓", "✔", "yes", "Yes", "YES", "true", "True", "TRUE"])


def _option_groups(columns: list[str]) -> list[tuple[str, list[str]]]:
    """Runs of two or more neighbouring columns ``QUESTION - OPTION`` of one question."""
    parsed = [(_OPTION.match(c), c) for c in columns]
    groups = []
    for question, run in itertools.groupby(parsed, key=lambda p: p[0]["question"] if p[0]
                                           else None):
        names = [c for _, c in run]
        if question is not None and len(names) >= 2:
            groups.append((question, names))
    return groups


def _expanded_choices(raw: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """``raw`` with each single-choice question exported one column per option read as one
    column named for the question (placed where its options were), said; unchanged when
    there is none."""
    out = raw
    for question, names in _option_groups([str(c) for c in raw.columns]):
        if question in raw.columns:
            continue  # a column of that name already: left as exported
        options = [_OPTION.match(c)["option"].strip() for c in names]
        cells = raw[names].astype("string")
        filled = (cells.notna() & (cells.apply(lambda s: s.str.strip()) != "")).fillna(False)
        chosen = filled.to_numpy(dtype=bool)
        if not chosen.any() or (chosen.sum(axis=1) > 1).any():
            continue  # nothing chosen, or a multiple-choice question
        written = np.char.strip(cells.to_numpy(dtype=object, na_value="")[chosen].astype(str))
        labels = np.broadcast_to(np.array(options, dtype=str), chosen.shape)[chosen]
        same = (written == labels) | np.isin(written, sorted(_MARK))
        if same.mean() < 0.9:
            continue  # cells of their own (amounts per month...): no options chosen
        answer = pd.Series(pd.NA, index=raw.index, dtype="string")
        rows = np.flatnonzero(chosen.any(axis=1))
        answer.iloc[rows] = np.array(options, dtype=object)[chosen[rows].argmax(axis=1)]
        at = list(out.columns).index(names[0])
        out = out.drop(columns=names)
        out.insert(at, question, answer)
        notes.append(tr("{question!r} was exported one column per answer option ({first!r} "
                        "... {last!r}, SurveyMonkey's expanded format): read as one column of "
                        "each row's choice ({n:,} answered).", question=question,
                        first=names[0], last=names[-1], n=len(rows)))
    return out
