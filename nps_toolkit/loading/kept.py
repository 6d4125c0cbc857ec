"""read_survey's third stage: which rows stay, and why each one left went (blank, invalid or
out-of-range scores, a survey tool's previews and tests, repeated responses), listed by the
file's row numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..i18n import tr
from .footer import description_row, is_summary, summary_rows
from .report import DESCRIPTION, REASONS, SUMMARY
from .scores import _CODES_SAID, _missing_codes, _raise_invalid
from .status import REASON as NOT_ANSWERS
from .status import _not_answers

if TYPE_CHECKING:
    from .read import _Table, _Typed


@dataclass
class _Kept:
    """Stage 3, rows kept: which rows stay, and why each one left went."""
    keep: np.ndarray
    all_scored: bool
    excluded: dict[str, list[Any]]


def _label(raw: pd.DataFrame, footer: np.ndarray, score: str) -> str:
    """The first summary label among the ``footer`` rows ("Average")."""
    for _, row in raw.loc[footer, [c for c in raw.columns if c != score]].iterrows():
        for v in row.tolist():
            if isinstance(v, str) and is_summary(v):
                return v
    return ""


def _kept(table: _Table, typed: _Typed, *, on_invalid: str, drop_duplicates: bool) -> _Kept:
    kind, row_numbers = typed.kind, table.row_numbers
    score_col = typed.mapping["score"]
    footer = summary_rows(table.raw, score_col, kind, tuple(  # (a customer's "Average")
        typed.mapping[k] for k in ("comment",) if k in typed.mapping)) \
        if not table.counted else np.zeros(len(kind), dtype=bool)
    if footer.any():  # "Average", "NPS" under the answers: no answers
        kind = np.where(footer, 1, kind)
        table.report.notes.append(tr(
            "{n:,} row(s) at the foot of the table sum up the answers above (rows {rows}, "
            "e.g. {label!r}): they are left out, not read as answers.",
            n=int(footer.sum()), rows=", ".join(map(str, _listed(row_numbers, footer)[:10])),
            label=_label(table.raw, footer, score_col)))
    top = np.zeros(len(kind), dtype=bool)  # a row under the names that describes them
    top[:1] = not table.counted and description_row(table.raw, score_col, kind)
    if top.any():  # "(0-10)", "(yyyy-mm-dd)" under the names: what the columns hold
        kind = np.where(top, 1, kind)
        table.report.notes.append(tr(
            "the row under the column names describes them ({cells}): it is left out, not "
            "read as an answer.", cells=", ".join(
                repr(v) for v in table.raw.iloc[0].dropna().astype(str).head(4))))
    invalid = kind >= 2
    if invalid.any() and on_invalid == "raise":
        _raise_invalid(table.raw[score_col], kind, row_numbers, typed.values)
    excluded: dict[str, list[Any]] = {r: [] for r in REASONS}
    keep = kind == 0
    _one_to_ten(score_col, table.texts.get(score_col, ""), typed.values, keep,
                table.report.notes)
    all_scored = bool(keep.all())  # the usual big export: no pass per reason
    for code, reason in ((1, "blank score"), (2, "not a number"), (3, "not a whole number"),
                         (4, "out of range")):
        excluded[reason] = [] if all_scored else _listed(row_numbers,
                                                         (kind == code) & ~footer & ~top)
    excluded[SUMMARY] = _listed(row_numbers, footer) if footer.any() else []
    excluded[DESCRIPTION] = _listed(row_numbers, top) if top.any() else []
    excluded["repeated header row"] = list(table.headers)
    said = _missing_codes(typed.values[kind == 4]) if not all_scored else ""
    if said:
        table.report.notes.append(tr("among the scores out of range: {codes}, {said}; they are "
                                     "excluded with the rest out of range.",
                                     codes=said, said=tr(_CODES_SAID)))
    marked = _not_answers(table.raw, table.report.vendor)
    if marked is not None:  # a survey tool's previews, tests and spam: no customer's answer
        rows, column = marked
        excluded[NOT_ANSWERS] = _listed(row_numbers, rows & keep)
        keep = keep & ~rows
        table.report.notes.append(tr("{n:,} response(s) that {columns} mark(s) as a survey "
                                     "preview, a test, spam or a screened-out respondent are "
                                     "left out.", n=len(excluded[NOT_ANSWERS]),
                                     columns=column))
    if drop_duplicates and not table.counted:
        dup = _duplicates(typed, keep, table.report.notes, row_numbers)
        excluded["duplicate response"] = _listed(row_numbers, dup)
        keep = keep & ~dup
    return _Kept(keep, all_scored, excluded)


# a question asked on 1 to 10 ("On a scale of 1-10", "de 1 a 10", "von 1 bis 10", "1~10점")
_ONE_TO_TEN = re.compile(r"(?<!\d)1\s*(?:-|–|to|a|al|à|bis|до|~|～|到|부터)\s*10(?!\d)",
                         re.IGNORECASE)


def _one_to_ten(column: str, text: str, values: np.ndarray, keep: np.ndarray,
                notes: list[str]) -> None:
    """Say so when the recommend question was asked on 1-10 (its name or text says so, and
    no answer is 0): the categories are read as usual, but published NPS figures come from
    the 0-10 question, where a 0 is a detractor who here had to answer 1."""
    if not keep.any() or not (_ONE_TO_TEN.search(str(column)) or _ONE_TO_TEN.search(text)):
        return
    if (values[keep] == 0).any():
        return
    notes.append(tr("the recommend question {column!r} was asked on 1-10, not 0-10: the "
                    "categories are read as usual (9-10 promoters, 7-8 passives, 1-6 "
                    "detractors), but benchmarks come from the 0-10 question.",
                    column=column))


#: below this share of the answers, a customer's two answers alike cell for cell are not
#: taken for chance (the chance that two of a customer's answers agree is about the share of
#: answers holding those cells, when answers are drawn independently)
_RARE = 0.01


def _duplicates(typed: _Typed, keep: np.ndarray, notes: list[str],
                row_numbers: Any) -> np.ndarray:
    """Rows repeating an earlier answer: the same response id; without one, the same cells
    throughout when a customer and a date, or a time of day, tell answers apart.

    With a customer alone, or a day alone, the same row comes again by chance when it holds
    little besides the score (a customer answering each wave alike; two people answering 10
    the same day): a repeat is then taken for a row exported twice only when what it holds
    besides the customer or day is shared by fewer than ``_RARE`` of the other customers' or
    days' answers (a comment, several ratings); the common ones are kept and said."""
    mapping, frame = typed.mapping, typed.frame
    none = np.zeros(len(frame), dtype=bool)
    if "response_id" in mapping and mapping["response_id"] in typed.unique:
        return none  # every id differs (seen while detecting)
    if "response_id" in mapping:
        ids = frame[mapping["response_id"]]
        return (ids.duplicated(keep="first") & ids.notna()).to_numpy() & keep
    if "customer_id" not in mapping and "date" not in mapping:
        return none
    cells = _with_scores(frame, typed)
    if ("customer_id" in mapping and "date" in mapping) or (
            "date" in mapping and _has_clock(frame[mapping["date"]])):
        # the same customer the same day, or the same second: a row sent or exported twice
        return cells.duplicated(keep="first").to_numpy() & keep
    # who or when, without the other: a customer, or a day (two people answer 10 on the
    # same day); each kept row's cells hashed, with and without it
    key = mapping.get("customer_id", mapping.get("date"))
    kept_cells = cells[keep]
    rest = pd.util.hash_pandas_object(kept_cells.drop(columns=[key]),
                                      index=False).to_numpy()
    whole = rest * np.uint64(0x9E3779B97F4A7C15) + pd.util.hash_pandas_object(
        kept_cells[key], index=False).to_numpy()  # (wraps around: a hash of both)
    same = _count(whole)
    if not (same > 1).any():
        return none
    # repeats compared cell by cell among the rows whose hash repeats (every true repeat is
    # among them; a hash shared by chance is not taken for one)
    dup = none.copy()
    where = np.flatnonzero(keep)[same > 1]
    dup[where] = kept_cells[same > 1].duplicated(keep="first").to_numpy()
    # how many answers of *other* customers (days) hold the same cells: the key's own
    # repeats would otherwise count as evidence that the cells are common
    others = _count(rest) - same
    common = np.zeros(len(frame), dtype=bool)
    common[keep] = others >= max(1.0, _RARE * int(keep.sum()))
    if (dup & common).any():
        _say_kept_repeats(dup & common, key == mapping.get("customer_id"), notes, row_numbers)
    return dup & ~common


def _say_kept_repeats(kept: np.ndarray, by_customer: bool, notes: list[str],
                      row_numbers: Any) -> None:
    """The note for repeats kept as answers of their own (see :func:`_duplicates`)."""
    values = dict(n=int(kept.sum()), share=_RARE * 100,
                  rows=", ".join(str(r) for r in _listed(row_numbers, kept)[:5]),
                  more=" ..." if kept.sum() > 5 else "")
    notes.append(tr(
        "{n:,} answer(s) repeat an earlier answer of the same customer cell for cell "
        "(row(s) {rows}{more}); they are kept as the customer answering again: with no "
        "response id or date to tell them apart, and cells as common as these (held by "
        "{share:g}% of the other customers' answers or more), a customer giving the same "
        "answer twice is as likely as a row exported twice. If the export repeats rows, "
        "drop them before reading.", **values) if by_customer else tr(
        "{n:,} answer(s) repeat an earlier answer of the same day cell for cell (row(s) "
        "{rows}{more}); they are kept as different people's answers: with no response "
        "id, customer or time of day to tell them apart, and cells as common as these "
        "(held by {share:g}% of the other days' answers or more), two people answering "
        "alike the same day are as likely as a row exported twice. If the export repeats "
        "rows, drop them before reading.", **values))


def _has_clock(dates: pd.Series) -> bool:
    """Whether a date column gives the time of day (a timestamp to the minute or second),
    read off its first 1,000 filled values: parsed dates not all at midnight, or text most
    of which writes a clock (``10:04``)."""
    head = dates.iloc[:5000].dropna().head(1000)
    if pd.api.types.is_datetime64_any_dtype(head.dtype):
        return bool((head != head.dt.normalize()).any())
    clock = head.astype(str).str.contains(r"\d:\d\d", regex=True)
    return bool(len(head)) and clock.mean() > 0.5


def _count(hashed: np.ndarray) -> np.ndarray:
    """How many rows share each row's hash of its cells (one pass, no Python loop)."""
    codes, _ = pd.factorize(hashed)
    return np.bincount(codes)[codes]


def _with_scores(frame: pd.DataFrame, typed: _Typed) -> pd.DataFrame:
    """The typed frame with the parsed scores in place of the score column's cells."""
    out = frame.copy(deep=False)
    out[typed.mapping["score"]] = _score_column(typed, typed.kind == 0,
                                                bool((typed.kind == 0).all()), out.index)
    return out


def _score_column(typed: _Typed, keep: np.ndarray, all_scored: bool,
                  index: pd.Index) -> pd.Series:
    values = typed.values if all_scored else np.where(keep, typed.values, 0)
    return _column(pd.arrays.IntegerArray(values.astype(np.int8, copy=False), ~keep), index)


def _column(values: Any, index: pd.Index) -> pd.Series:
    """``values`` as a Series sharing their memory, to be set as a frame's column without
    the copy pandas makes of a bare array."""
    return pd.Series(values, index=index, copy=False)


def _listed(row_numbers: Any, rows: np.ndarray) -> list[Any]:
    """The file's row numbers (or the frame's labels) of ``rows`` as Python values, in one
    pass (250,000 rows left out: 0.1 s one by one)."""
    if not rows.any():
        return []
    return np.asarray(row_numbers[rows]).tolist()


def _py(x: Any) -> Any:
    return x.item() if hasattr(x, "item") else x
