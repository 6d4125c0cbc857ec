"""Words that spell a missing value in one file and name a group in another: ``NA`` is R's
missing value and North America, ``None`` Python's and a plan, an add-on, a previous
provider."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..i18n import tr
from .scores import _arrow_text, _text_buffers

#: missing-value spellings that are also words a group is named with (lower case)
_BOTH = frozenset({"na", "none"})


def _na_rows(text: Any) -> np.ndarray:
    """Rows of an Arrow text column that hold exactly ``NA``, found on its buffers: only its
    two-byte values are looked at (0.2-0.3 ms on 500,000 cells)."""
    parts = _text_buffers(text)
    if parts is None:
        import pyarrow.compute as pc

        return np.flatnonzero(pc.equal(text, "NA").fill_null(False).to_numpy(
            zero_copy_only=False))
    found, start = [], 0
    for chunk, offsets, raw in parts:
        two = ((offsets[1:] - offsets[:-1]) == 2).nonzero()[0]
        if len(two):
            at = offsets[two]
            found.append(two[(raw[at] == 0x4E) & (raw[at + 1] == 0x41)] + start)
        start += len(chunk)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def na_as_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """A text file's cells ``NA`` made missing in every column when a column of numbers holds
    one (R writes a missing value so, in every column), else left as text for the typing
    to settle column by column (:func:`kept_words`: a region column's ``NA`` is North
    America). The readers read every cell as text with only empty cells missing. Only the
    columns of numbers (by their first 1,000 other cells) are looked through first: most
    files have no ``NA`` there and are returned as they are."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from .infer import _PLAIN_NUMBER, _all_numbers

    texts = {c: t for c in frame.columns if (t := _arrow_text(frame[c])) is not None}

    def numbers(c: str) -> bool:
        head = texts[c].slice(0, 5000).drop_null()
        first = head[0].as_py() if len(head) else "x"
        if first != "NA" and not _PLAIN_NUMBER.fullmatch(first):
            return False  # words, dates, addresses: refused on the first cell
        head = head.filter(pc.not_equal(head, "NA")).slice(0, 1000)
        return len(head) > 0 and _all_numbers(head, frame[c].dtype)

    if not any(len(_na_rows(texts[c])) for c in texts if numbers(c)):
        return frame
    out = frame.copy(deep=False)
    for c, text in texts.items():
        at = _na_rows(text)
        if not len(at):
            continue
        mask = np.zeros(len(frame), dtype=bool)
        mask[at] = True
        nulled = pc.if_else(pa.array(mask), pa.scalar(None, text.type), text)
        out[c] = pd.Series(pd.array(nulled, dtype=frame[c].dtype), index=frame.index,
                           name=c, copy=False)
    return out


def _nulls(s: pd.Series) -> int:
    text = _arrow_text(s)
    return text.null_count if text is not None else int(s.isna().sum())


def _is_text(s: pd.Series) -> bool:
    return s.dtype == object or pd.api.types.is_string_dtype(s.dtype)


def _masked(raw: pd.Series, typed: pd.Series) -> tuple[np.ndarray, pd.Series] | None:
    """Cells the typing read as missing that were filled (a mask), and their text lowered
    and stripped; None when there are none."""
    if _nulls(typed) == _nulls(raw):
        return None
    mask = (typed.isna() & raw.notna()).to_numpy(dtype=bool)
    words = raw[mask].astype("string").str.strip().str.lower()
    return mask, words


def _in_scores(score: pd.Series) -> set[str]:
    """The two words among the score column's cells (lowered, stripped): a score column of
    numbers and ``NA`` (R's export) shows how the file writes a missing value."""
    if not _is_text(score):
        return set()
    words = score.dropna().astype("string").str.strip().str.lower()
    return set(words[words.isin(_BOTH)].unique())


def kept_words(raw: pd.DataFrame, typed: pd.DataFrame, notes: list[str],
               score: str | None = None, ids: tuple[str, ...] = (),
               comment: str | None = None) -> pd.DataFrame:
    """``typed`` with the cells of a text column spelled ``NA`` or ``None`` (any case) given
    back, when no column of numbers in the file spells a missing value that way.

    The typing reads ``NA``, ``None``, ``N/A``, ``null``... as missing in every column, as
    pandas does: right for a file written by R (``NA`` in its columns of numbers) or by
    Python, but a region column of ``NA``, ``EMEA``, ``APAC`` lost North America, and a
    plan column its ``None`` plan, without a word (their answers left every segment). The
    file itself tells: a column of numbers holding ``NA`` shows the writer spells missing
    that way (so does the ``score`` column holding it), and then ``NA`` is missing
    everywhere, as before; otherwise the word is a value, said with the count (``N/A``,
    ``null``, ``-`` and the others stay missing). In the ``ids`` columns (customer and
    response ids, kept as text) ``NA`` is no id, wherever it comes from; in the ``comment``
    column a customer's ``NA`` is kept unsaid, as their ``n/a`` is (the text analysis
    counts both as non-answers). ``typed`` is not changed."""
    said: set[str] = set()
    text_masks = []
    for c in typed.columns:
        r, t = raw[c], typed[c]
        if not _is_text(r) or c in ids or c == score:
            continue
        found = _masked(r, t)
        if found is None:
            continue
        if _is_text(t):
            text_masks.append((c, *found))
        else:
            said |= set(found[1].dropna().unique())
    if text_masks and score is not None and said < _BOTH:
        said |= _in_scores(raw[score])
    out = typed
    for c in ids:
        text = _arrow_text(typed[c]) if c in typed.columns else None
        if text is not None and len(at := _na_rows(text)):
            out = out.copy(deep=False) if out is typed else out
            column = out[c].copy()
            column.iloc[at] = None
            out[c] = column
    for c, mask, words in text_masks:
        back = words.isin(_BOTH - said).fillna(False).to_numpy(dtype=bool)
        if not back.any():
            continue
        rows = np.flatnonzero(mask)[back]
        out = out.copy(deep=False) if out is typed else out
        column = out[c].copy()
        column.iloc[rows] = raw[c].iloc[rows].to_numpy()
        out[c] = column
        if c == comment:
            continue
        shown = sorted(set(raw[c].iloc[rows].astype(str)))
        notes.append(tr("column {column!r}: {n:,} cell(s) written {words} are read as a value "
                        "(a group such as North America or a plan named None), not as missing: "
                        "no column of numbers in the file writes a missing value that way. If "
                        "they mean no answer, make them blank in the export",
                        column=c, n=len(rows), words=" / ".join(repr(w) for w in shown[:4])))
    return out
