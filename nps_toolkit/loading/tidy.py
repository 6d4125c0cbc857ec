"""Text cells that differ only in what no one can see: the same group or customer written
with a trailing space, a no-break or zero-width space, or its accents as separate marks; and
cells an export wrote as Excel text formulas (``="00123"``)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import tr
from .scores import _arrow_text, _text_buffers

#: characters that show nothing: zero-width space, word joiner, byte-order mark, soft hyphen,
#: the direction marks and the bidirectional embeddings, overrides and isolates (these also
#: reorder how the text around them is shown). Zero-width (non-)joiners are left: Persian
#: and Indic spelling and emoji sequences need them.
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064"
                        "\u2066-\u2069\ufeff]")
#: the same characters in RE2's syntax (Arrow's kernels)
INVISIBLE_RE2 = (r"[\x{ad}\x{200b}\x{200e}\x{200f}\x{202a}-\x{202e}\x{2060}-\x{2064}"
                 r"\x{2066}-\x{2069}\x{feff}]")
#: a cell Excel reads as text whatever it holds: ="00123" (no quote inside); Python, RE2
_WRAPPED = re.compile(r'="[^"]*"')
_WRAPPED_RE2 = r'^="([^"]*)"$'


def canonical(value: str) -> str:
    """``value`` as it is seen: composed (NFC, the form Windows and most web forms write; macOS
    and some forms write accents, and Korean syllables, as separate marks), without
    characters that show nothing, every run of spaces (no-break, ideographic, tabs, line
    breaks) one space, none at the ends.

    Unicode's canonical equivalence (Unicode Standard Annex #15, "Unicode Normalization
    Forms") says the composed and decomposed forms are the same text; the spaces and
    invisible characters are those of Python's ``str.split`` and of Unicode's
    Default_Ignorable_Code_Point property that have no use inside a value.

    Examples
    --------
    >>> canonical("I\u0302le-de-France\u200b ") == "Île-de-France"
    True
    >>> canonical("New\u00a0 York")
    'New York'
    """
    return " ".join(unicodedata.normalize("NFC", _INVISIBLE.sub("", value)).split())


def canonical_sql(column: str) -> str:
    """:func:`canonical` as a DuckDB expression over the quoted ``column`` (NFC, the same
    invisible characters and spaces in RE2's syntax)."""
    from .ids import _SPACE

    composed = f"nfc_normalize(regexp_replace({column}, '{INVISIBLE_RE2}', '', 'g'))"
    return f"trim(regexp_replace({composed}, '{_SPACE}+', ' ', 'g'))"


def unwrap_sql(column: str) -> str:
    """:func:`unwrapped_excel_text` as a DuckDB expression over the quoted ``column``: a cell
    written ``="00123"`` read as ``00123``, any other as it is."""
    return f"regexp_replace({column}, '{_WRAPPED_RE2}', '\\1')"


def ascii_only(text: Any) -> bool:
    """Whether an Arrow text column is all ASCII, read from its data buffers (no value of it
    can then hold an accent, a special space or an invisible character)."""
    parts = _text_buffers(text)
    return parts is not None and all(
        offsets[-1] == offsets[0] or raw[offsets[0]:offsets[-1]].max() < 0x80
        for _, offsets, raw in parts)


def _suspect_rows(text: Any) -> np.ndarray | None:
    """Rows of an Arrow text column whose bytes hold something :func:`canonical` may change,
    found on the data buffers without reading a value: a space or control character at an
    end, a control character or two spaces inside, and the UTF-8 lead bytes of a combining
    accent, a Hangul jamo, a no-break, zero-width or ideographic space, a direction mark or
    a byte-order mark (a value may turn out unchanged); None when the column is not a plain
    Arrow text column (then every text cell is checked). A column of ASCII without spaces
    is passed over on two reductions of its bytes (0.1 ms on 500,000 cells), one with spaces
    on two gathers (1.3 ms)."""
    parts = _text_buffers(text)
    if parts is None:
        return None
    found, start = [], 0
    for chunk, offsets, raw in parts:
        d, rel = raw[offsets[0]:offsets[-1]], offsets - offsets[0]
        rows = _suspects(d, rel) if len(d) else None
        if rows is not None:
            found.append(rows + start)
        start += len(chunk)
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def _suspects(d: np.ndarray, rel: np.ndarray) -> np.ndarray | None:
    """:func:`_suspect_rows` for one chunk: its data bytes ``d`` and offsets ``rel`` (from 0);
    None when it has none."""
    lo, hi = d.min(), d.max()
    if lo > 0x20 and hi < 0x80:
        return None
    out = []
    if lo <= 0x20:
        space = d <= 0x20  # an empty value reads its neighbour's byte: a row too many at most
        ends = np.take(space, rel[:-1], mode="clip")
        ends |= np.take(space, rel[1:] - 1, mode="clip")
        if ends.any():
            out.append(np.flatnonzero(ends))
        pos = space[:-1] & space[1:]
        if lo < 0x20:
            pos |= d[:-1] < 0x20
    else:
        pos = np.zeros(len(d) - 1, dtype=bool)
    if hi >= 0x80 and len(d) > 2:
        a, b, c = d[:-1], d[1:], d[2:]
        pos |= ((a == 0xC2) & ((b == 0xA0) | (b == 0xAD) | (b == 0x85))) \
            | (a == 0xCC) | (a == 0xCD) | ((a == 0xE1) & (b >= 0x84) & (b <= 0x87))
        a, b = a[:-1], b[:-1]
        spaces = (b == 0x80) & ((c <= 0x8F) | ((c >= 0xA8) & (c <= 0xAF)))
        joiners = (b == 0x81) & (c >= 0x9F) & (c <= 0xAF)
        kana = (b == 0x80) & (c == 0x80) | (b == 0x82) & ((c == 0x99) | (c == 0x9A))
        pos[:-1] |= ((a == 0xE2) & (spaces | joiners)) | ((a == 0xE3) & kana) \
            | ((a == 0xEF) & (b == 0xBB) & (c == 0xBF))
    if pos.any():
        out.append(np.searchsorted(rel, np.flatnonzero(pos), side="right") - 1)
    return np.concatenate(out) if out else None


def _no_groups(s: pd.Series) -> bool:
    """Whether a text column can be no segment: its first 1,000 filled cells hold more than
    200 distinct values (more groups than a segment has: an id, a time stamp), or read as
    sentences (over 40 characters on average: an open question's answers, kept as
    written)."""
    text = _arrow_text(s)
    if text is not None:
        import pyarrow.compute as pc

        head = text.slice(0, 5000).drop_null().slice(0, 1000)
        return len(head) > 0 and (pc.count_distinct(head).as_py() > 200
                                  or pc.mean(pc.utf8_length(head)).as_py() > 40)
    head = s.iloc[:5000].dropna().head(1000)
    if not len(head):
        return False
    return head.nunique() > 200 or head.astype(str).str.len().mean() > 40


def _tidied(s: pd.Series) -> tuple[pd.Series, int, int, int]:
    """``s`` with every text cell :func:`canonical`: (the column, cells changed, distinct
    values before, after). A column with nothing to change is returned as it is."""
    text = _arrow_text(s)
    rows = _suspect_rows(text) if text is not None else None
    if rows is not None and len(rows) == 0:
        return s, 0, 0, 0
    if text is not None and rows is not None:
        values = pd.Series(text.take(rows).to_pylist(), dtype=object)
    else:
        is_text = s.map(type).eq(str).to_numpy()
        rows = np.flatnonzero(is_text)
        values = pd.Series(s.to_numpy(dtype=object)[rows], dtype=object)
    uniq = pd.unique(values)
    fixed = {v: canonical(v) for v in uniq if v is not None}
    if all(k == v for k, v in fixed.items()):
        return s, 0, 0, 0
    new = values.map(lambda v: fixed.get(v, v))
    changed = (new != values).to_numpy() & values.notna().to_numpy()
    out = s.copy()
    out.iloc[rows[changed]] = new[changed].to_numpy()
    before, after = s.nunique(), out.nunique()
    return out, int(changed.sum()), before, after


def tidied_columns(frame: pd.DataFrame, skip: set[str]
                   ) -> list[tuple[str, pd.Series, int, int, int]]:
    """The text columns of ``frame`` that can be segments (all but ``skip`` and
    :func:`_no_groups`) where :func:`canonical` makes values one: (column, the column
    tidied, cells changed, distinct values before, after). A column whose values it
    changes without joining two (every "Agree " with its trailing space) is left."""
    out = []
    for c in frame.columns:
        s = frame[c]
        if c in skip or not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)) \
                or _no_groups(s):
            continue
        fixed, cells, before, after = _tidied(s)
        if after < before:  # a value written one way throughout ("Agree ") is left as it is
            out.append((c, fixed, cells, before, after))
    return out


def tidy_text(frame: pd.DataFrame, skip: set[str], notes: list[str]) -> pd.DataFrame:
    """The text columns of a loaded survey that can be segments (:func:`tidied_columns`)
    with each cell :func:`canonical`, said per column: exports write one group several
    ways no one can see ("Île-de-France" composed and decomposed, "North" with a trailing
    space or a zero-width one), and each way was its own segment, the NPS of one group
    split across rows that read the same. Found on the text's bytes: 30 ms on a 37-column
    export of 500,000 rows (0.43 s read), nothing on columns of ASCII without spaces.
    ``frame`` is not changed."""
    found = tidied_columns(frame, skip)
    if not found:
        return frame
    out = frame.copy(deep=False)
    for c, fixed, cells, before, after in found:
        out[c] = fixed
        notes.append(tr("column {column!r}: {cells:,} cell(s) differed from others only in "
                        "what cannot be seen (spaces at the ends or doubled, no-break or "
                        "zero-width spaces, accents stored as separate marks); they were "
                        "written one way, {before:,} distinct values -> {after:,}",
                        column=c, cells=cells, before=before, after=after))
    return out


def unwrapped_excel_text(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Cells an export wrote as Excel formulas of text, ``="00123"`` (so that Excel keeps an
    id's leading zeros, or a code as text), read as the text inside: the customer
    ``="00123"`` matched no customer list, and a score ``="9"`` was no number. A column is
    unwrapped when a cell of its first 1,000 is so written; said per column. Other formulas
    (``=SUM(A1)``, ``=HYPERLINK(...)``) are left as written."""
    import pyarrow.compute as pc

    out = frame
    for c in frame.columns:
        text = _arrow_text(frame[c])
        if text is None:
            s = frame[c]
            if s.dtype != object or not s.head(1000).map(
                    lambda v: isinstance(v, str) and bool(_WRAPPED.fullmatch(v))).any():
                continue
            wrapped = s.map(lambda v: isinstance(v, str) and bool(_WRAPPED.fullmatch(v)))
            inner = s.where(~wrapped, s[wrapped].astype(str).str.slice(2, -1))
        else:
            head = text.slice(0, 1000)
            if not pc.any(pc.match_substring_regex(head, _WRAPPED_RE2)).as_py():
                continue
            hit = pc.match_substring_regex(text, _WRAPPED_RE2)
            wrapped = pd.Series(hit.to_numpy(zero_copy_only=False), index=frame.index)
            wrapped = wrapped.fillna(False).astype(bool)
            inner = pd.Series(pd.array(pc.if_else(
                hit, pc.utf8_slice_codeunits(text, 2, -1), text), dtype=frame[c].dtype),
                index=frame.index, name=c)
        out = frame.copy(deep=False) if out is frame else out
        out[c] = inner
        notes.append(tr("column {column!r}: {n:,} cell(s) written as Excel text formulas "
                        "(e.g. {example}) are read as the text inside ({inner!r})",
                        column=c, n=int(wrapped.sum()),
                        example=str(frame[c][wrapped.to_numpy()].iloc[0]),
                        inner=str(inner[wrapped.to_numpy()].iloc[0])))
    return out
