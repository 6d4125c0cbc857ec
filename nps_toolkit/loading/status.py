"""Responses that are no customer's answer: a survey tool's previews, tests and spam.

Qualtrics writes each response's kind in ``Status`` (``IP Address`` for an answer;
``Survey Preview``, ``Survey Test``, ``Spam``, ``Preview Spam``, ``Imported Spam``, or the
codes 1, 2, 8, 9, 12, 17 in a numeric export) and how it came in ``DistributionChannel``
(``preview``, ``test``); Alchemer (SurveyGizmo) marks screened-out respondents
``Disqualified`` in ``Status``. Such rows are left out of every figure and listed by row in
the load report (the analyst's own test answers move the NPS of a small survey).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .rolenames import _norm

#: the reason such rows are listed under in ``LoadReport.excluded``
REASON = "survey preview, test, spam or screened out"

# Status as Qualtrics and Alchemer write it (normalised): the kinds that are no answer, and
# those that are (a status column must hold only these to be read as one)
_NOT_ANSWERS = {"survey preview", "survey test", "spam", "preview spam", "imported spam",
                "offline spam", "offline preview", "disqualified"}
_ANSWERS = {"ip address", "imported", "offline", "complete", "completed", "partial"}
# Qualtrics' numeric codes (a "numeric values" export): 0 answer, 4 imported, 16 offline
_NOT_ANSWER_CODES = {1, 2, 8, 9, 12, 17}
_ANSWER_CODES = {0, 4, 16}
_CHANNELS_NOT_ANSWERS = {"preview", "test"}
#: the distribution-channel column's names (normalised)
_CHANNEL_NAMES = ("distributionchannel", "distribution channel")


def _not_answers(raw: pd.DataFrame, vendor: str | None) -> tuple[np.ndarray, str] | None:
    """Which rows a status or distribution-channel column marks as a preview, a test, spam
    or a screened-out respondent, and those columns' names; None when no column does."""
    marked, named = np.zeros(len(raw), dtype=bool), []
    for c in raw.columns:
        name = _norm(c)
        if name == "status":
            rows = _by_status(raw[c], qualtrics=vendor == "qualtrics")
        elif name in _CHANNEL_NAMES:
            rows = raw[c].isin([v for v in pd.unique(raw[c].dropna()) if str(
                v).strip().lower() in _CHANNELS_NOT_ANSWERS]).to_numpy(dtype=bool)
        else:
            continue
        if rows is not None and rows.any():
            marked |= rows
            named.append(repr(str(c)))
    return (marked, ", ".join(named)) if named else None


def _by_status(s: pd.Series, *, qualtrics: bool) -> np.ndarray | None:
    """The rows a survey tool's status column marks as no answer; None when the column holds
    anything but the statuses (a column of the customer's own status is no such column).
    Worked on the column's distinct values (a status column holds a handful)."""
    values = pd.unique(s.dropna())
    if len(values) == 0 or len(values) > 20:
        return None
    codes = pd.to_numeric(pd.Series(values), errors="coerce")
    if qualtrics and codes.notna().all():
        if not set(codes.astype(int)) <= _NOT_ANSWER_CODES | _ANSWER_CODES:
            return None
        marked = [v for v, c in zip(values, codes, strict=True) if int(c) in _NOT_ANSWER_CODES]
    else:
        words = {v: _norm(v) for v in values}
        if not set(words.values()) <= _NOT_ANSWERS | _ANSWERS:
            return None
        marked = [v for v, w in words.items() if w in _NOT_ANSWERS]
    return s.isin(marked).to_numpy(dtype=bool) if marked else np.zeros(len(s), dtype=bool)
