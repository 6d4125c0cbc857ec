"""Types of the columns read as text: numbers stored as text, NA spellings, segments
settled on their distinct values or a look at their bytes, DOS letters in Latin-1 files."""

from __future__ import annotations

import re
from collections.abc import Mapping
from concurrent.futures import Executor, Future
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import tr
from .columns import _NUMBER
from .scores import _NA_TOKENS, _arrow_text, _has_x, _text_buffers


def _numeric_sample(s: pd.Series, size: int = 1000) -> bool:
    """Whether the first ``size`` filled cells are all numbers (the full conversion, which
    must agree on every cell, only runs then: on a text column it would cost seconds).
    The first filled cell is tried alone first: a column of words fails on it (one value
    through the same parser instead of 1,000: ~1 ms saved per text column). For a column
    read from a file, cells Arrow's pattern shows to be plain numbers (:func:`_not_plain`)
    are not parsed again: only the others go through pandas' parser (a 240-column export
    spent 0.1 s here)."""
    text = _arrow_text(s)
    if text is not None:
        filled = text.slice(0, 4 * size).drop_null()
        if len(filled) and np.isnan(pd.to_numeric(np.array([filled[0].as_py()], dtype=object),
                                                  errors="coerce")[0]):
            return False
        head = filled.slice(0, size)
        if len(head) < size and len(s) > 4 * size:
            head = text.drop_null().slice(0, size)
        return bool(len(head)) and _all_numbers(head, s.dtype)
    head = s.head(4 * size).dropna().head(size)  # the first rows usually hold them: no
    if len(head) < size and len(s) > 4 * size:  # pass over a column with blanks (~18 ms on
        head = s.dropna().head(size)             # 500,000 rows of Arrow text)
    return bool(len(head)) and pd.to_numeric(head, errors="coerce").notna().all()


def _not_plain(values: Any) -> Any:
    """The Arrow text ``values`` that are not plain numbers by :data:`_NUMBER`, matched by
    Arrow's regular expressions, whose ``\\d`` and ``\\s`` are ASCII: every value they
    match is a number to ``pandas.to_numeric`` (tested); the others may or may not be."""
    import pyarrow.compute as pc

    return values.filter(pc.invert(pc.match_substring_regex(values, _NUMBER)))


#: :data:`_NUMBER` with ASCII classes spelled out, for Python's ``re``, which would otherwise
#: take Unicode spaces and digits (``"\\xa05"``, ``"\\u0663"``) that pandas does not read
_PLAIN_NUMBER = re.compile(r"[ \t\n\f\r]*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                           r"[ \t\n\f\r]*")
#: a digit, or the "inf" of pandas' infinities: a value with neither is no number to pandas
_MAYBE_NUMBER = re.compile(r"[0-9]|inf", re.IGNORECASE)


def _all_numbers(values: Any, dtype: Any) -> bool:
    """``pd.to_numeric(values).notna().all()`` for Arrow text without nulls, parsing only
    the values that are not plain numbers (:func:`_not_plain`), as a column of ``dtype``.
    Up to 64 values (a segment's distinct values) are looked at in Python, by the same
    ASCII pattern (there Arrow's kernels cost more in calls than in work)."""
    if len(values) <= 64:
        odd = [v for v in values.to_pylist() if not _PLAIN_NUMBER.fullmatch(v)]
        if not odd:
            return True
        if not all(_MAYBE_NUMBER.search(v) for v in odd):
            return False  # a value with no digit that is no "inf": pandas reads no number
        return bool(pd.to_numeric(pd.Series(odd, dtype=dtype), errors="coerce").notna().all())
    import pyarrow.compute as pc

    odd = _not_plain(values)
    if len(odd) == 0:
        return True
    if not pc.all(pc.match_substring_regex(odd, "[0-9]|inf", ignore_case=True)).as_py():
        return False  # a value with no digit that is no "inf": pandas reads no number in it
    return bool(pd.to_numeric(pd.Series(pd.array(odd, dtype=dtype)), errors="coerce")
                .notna().all())


def _few_valued(frame: pd.DataFrame, keep_text: set[str],
                untouched: frozenset[str] = frozenset(),
                counts: Mapping[str, int] | None = None) -> list[str]:
    """The text columns _infer_types works on their distinct values (segments, regions):
    at most 100 in the first 1,000 rows (``counts``: as :func:`_segment_like` counted)."""
    import pyarrow.compute as pc

    def few(c: str, s: pd.Series) -> bool:
        if counts is not None and c in counts:
            return counts[c] <= 100
        text = _arrow_text(s)  # as read from a file: Arrow counts, without pandas' overhead
        if text is not None:
            return pc.count_distinct(text.slice(0, 1000)).as_py() <= 100
        return s.head(1000).nunique() <= 100

    return [c for c in frame.columns if c not in untouched and c not in keep_text
            and (frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype))
            and few(c, frame[c])]


def _segment_like(frame: pd.DataFrame, counts: dict[str, int] | None = None) -> list[str]:
    """Text columns read from a file that look like segments before the columns' roles are
    known: few distinct values in the first 1,000 rows, short (a comment column that is
    mostly blank has few distinct values too), not all numbers (a score). Their distinct
    values can be started at once; what detection later excludes (an id, a comment) is
    simply not used. Worked out by Arrow on the first rows (pandas took 9 ms for 7 columns).
    ``counts`` gets each text column's distinct values in its first 1,000 rows, for
    :func:`_few_valued`."""
    import pyarrow.compute as pc

    out = []
    for c in frame.columns:
        text = _arrow_text(frame[c])
        if text is None:
            continue
        head = text.slice(0, 1000).drop_null()
        n = pc.count_distinct(head).as_py() if len(head) else 0
        if counts is not None:
            counts[c] = n
        if len(head) == 0 or n > 100 \
                or pc.mean(pc.utf8_length(head)).as_py() > 40 \
                or pc.all(pc.match_substring_regex(head, _NUMBER)).as_py():
            continue
        out.append(c)
    return out


def _no_distinct() -> Future:
    """A future holding no distinct values (_infer_types then computes them if needed)."""
    future: Future = Future()
    future.set_result(None)
    return future


def _start_distinct(frame: pd.DataFrame, columns: list[str], pool: Executor
                    ) -> dict[str, Future]:
    """Distinct values of ``columns`` computed in ``pool`` (Arrow's kernels release the GIL,
    so they run beside the caller's own work); passed on to _infer_types."""
    import pyarrow.compute as pc

    out: dict[str, Future] = {}
    for c in columns:  # the thread gets the Arrow array and returns one: no pandas there,
        text = _arrow_text(frame[c])  # so it hardly needs the GIL this thread holds
        if text is None:
            out[c] = _no_distinct()
        else:
            out[c] = pool.submit(pc.unique, text)
    return out


def _infer_types(frame: pd.DataFrame, keep_text: set[str],
                 untouched: frozenset[str] = frozenset(),
                 distinct: Mapping[str, Future] | None = None,
                 plain: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Numbers stored as text become numbers (columns not in ``keep_text``); NA tokens -> NA.

    In text columns (comments, ids) only an empty cell is missing, and R's exact ``NA`` in a
    file that writes a missing value so (``nawords``): a customer who typed "n/a" or "NA"
    gave a non-answer that the text analysis counts. Columns
    in ``untouched`` (the date column, whose parser reads NA tokens itself) are left as read.
    A column of plain integers is cast by Arrow (:func:`_integer_column`); another column
    with few distinct values (segments, regions) is worked on its distinct values, taken from
    ``distinct`` when they were started in a thread pool (:func:`_start_distinct`; a future
    holding None: computed here, for a column whose head is all numbers and may not need
    them). A column in ``plain`` (:func:`_plain_text_head`) is text whatever it holds: only
    its NA spellings are found, without distinct values, unless many of its cells could be
    one (then as any few-valued column).
    """
    distinct = distinct or {}
    few = set(distinct) or set(_few_valued(frame, keep_text, untouched))
    out = {}
    for c in frame.columns:
        s = frame[c]
        if c not in untouched and (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)):
            if c in keep_text:
                if not frame.attrs.get("blank_is_na"):  # a data frame or a spreadsheet
                    na = (s.isna() | s.eq("") | s.eq("NA")).to_numpy(dtype=bool)
                    s = s.mask(na) if na.any() else s
            elif (num := _integer_column(s) if _numeric_sample(s) else None) is not None:
                s = num  # plain integers (no NA spelling among them): cast in one pass
            elif c in plain and 16 * int((look := _na_look(s)).sum()) <= len(s):
                na = _spelled_na(s, look)  # text by its head: only NA spellings to find
                s = s.mask(na) if na.any() else s
            elif c in few:
                s = _infer_few(s, distinct[c].result() if c in distinct else None)
            elif (num := _decimal_column(s)) is not None:
                s = num  # short decimals (no NA spelling among them): cast in one pass
            else:
                na = _spelled_na(s)
                s = s.mask(na) if na.any() else s
                if _numeric_sample(s):
                    num = pd.to_numeric(s, errors="coerce")
                    if num.notna().sum() == s.notna().sum() and s.notna().any():
                        s = num
            if _past_float(s):  # ids as long as 3074457347877331038, with a blank among them
                na = _spelled_na(frame[c])
                s = frame[c].mask(na) if na.any() else frame[c]
        out[c] = s
    # the typed columns as they are, not consolidated into 2-D blocks: that copy took
    # 8-160 ms on a 37-column export of 500,000 rows (fresh memory); pandas' copy-on-write
    # still copies a column before anything writes into it
    return pd.DataFrame(out, index=frame.index, copy=False)


def _past_float(s: pd.Series) -> bool:
    """Whether a column read as floats holds a number past 2**53, where a double no longer
    holds every whole number: such numbers are ids (a Snowflake or a platform's user id, 19
    digits), and as floats two ids become one (3074457347877331038 and ...039 are the same
    double). Whole numbers come as floats when a cell is blank; the column then stays text."""
    if s.dtype != np.float64:
        return False
    with np.errstate(invalid="ignore"):
        return bool((np.abs(s.to_numpy()) > 2.0 ** 53).any())


def _na_look(s: pd.Series) -> np.ndarray | None:
    """The filled cells of a text column read from a file that could spell a missing value:
    at most 4 bytes long (``n/a``, ``NULL``, ``#N/A``), or starting or ending with a space, a
    control character or a non-ASCII byte (any whitespace pandas' strip removes). Read from
    the Arrow buffers (a few ms on 500,000 cells); None for another kind of column."""
    arrow = _arrow_text(s)
    return _arrow_na_look(arrow) if arrow is not None else None


def _arrow_na_look(arrow: Any) -> np.ndarray | None:
    """:func:`_na_look` of Arrow text (an array or a chunked array)."""
    parts = _text_buffers(arrow)
    if parts is None:
        return None
    looks = []
    for chunk, offsets, raw in parts:
        look = np.diff(offsets) <= 4
        if len(raw):
            top = len(raw) - 1  # (an empty last cell points past the data: clipped)
            first = raw[np.minimum(offsets[:-1], top)]
            last = raw[np.clip(offsets[1:] - 1, 0, top)]
            # a byte outside "!".."\x7f" (space, control, non-ASCII) at either end
            look |= (first - np.uint8(0x21)) > 0x5E
            look |= (last - np.uint8(0x21)) > 0x5E
        if chunk.null_count:
            bits = np.unpackbits(np.frombuffer(chunk.buffers()[0], dtype=np.uint8),
                                 bitorder="little")
            look &= bits[chunk.offset:chunk.offset + len(chunk)].astype(bool)
        looks.append(look)
    return np.concatenate(looks) if looks else np.zeros(0, dtype=bool)


def _spelled_na(s: pd.Series, look: np.ndarray | None = None) -> np.ndarray:
    """Where a filled cell of a text column spells a missing value (``n/a``, `` NULL ``, see
    ``_NA_TOKENS``; surrounding spaces and case ignored), as a boolean array (cells already
    missing need no mask).

    For a column read from a file only the cells that could be such a spelling
    (:func:`_na_look`, or ``look``) are tested: dates, addresses and sentences have none, so
    a 500,000-row column takes ~3 ms instead of ~40 ms; the cells looked at get the same
    test as every cell of another column."""
    def spelled(part: pd.Series) -> np.ndarray:
        text = part.astype("string")
        return (text.str.strip().str.lower().isin(_NA_TOKENS) & text.notna()).to_numpy(
            dtype=bool)

    look = _na_look(s) if look is None else look
    if look is None:
        return spelled(s)
    out = np.zeros(len(s), dtype=bool)
    where = np.flatnonzero(look)
    if len(where):  # Arrow text (look is only made for it): Arrow's kernels on those cells
        out[where] = _na_tokens(_arrow_text(s).take(where))
    return out


def _plain_text_head(s: pd.Series) -> bool:
    """Whether a text column read from a file has, among its first 1,000 filled cells, a
    value that is neither a number nor a spelling of a missing value (``North``, ``Agree``),
    and few cells that could spell one (:func:`_na_look`: at most 1 in 16 of those rows).
    Such a column stays text whatever else it holds (only a column of numbers becomes
    numbers), so only its NA spellings need finding, which :func:`_spelled_na` does in a
    few ms, without the column's distinct values (~10 ms per 500,000 cells). Worked out by
    Arrow on the head's distinct values; pandas' parser sees only those that are neither
    plain numbers nor NA spellings."""
    text = _arrow_text(s)
    if text is None:
        return False
    head = text.slice(0, 4000).drop_null().slice(0, 1000)
    if len(head) == 0:
        return False
    look = _arrow_na_look(head)
    if look is None or 16 * int(look.sum()) > len(head):
        return False
    import pyarrow.compute as pc

    odd = _not_plain(pc.unique(head))
    words = odd.filter(pc.invert(_is_na_token(odd)))
    return bool(len(words)) and bool(
        pd.to_numeric(pd.Series(pd.array(words, dtype=s.dtype)), errors="coerce").isna().any())


def _na_tokens(values: Any) -> np.ndarray:
    """:func:`_is_na_token` as a boolean array, a missing value never a spelling."""
    return _is_na_token(values).fill_null(False).to_numpy(zero_copy_only=False)


def _is_na_token(values: Any) -> Any:
    """Which Arrow text ``values`` spell a missing value (``_NA_TOKENS``, surrounding spaces
    and case ignored) by the kernels pandas' ``str.strip().str.lower()`` runs on Arrow
    text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.is_in(pc.utf8_lower(pc.utf8_trim_whitespace(values)),
                    value_set=pa.array(sorted(_NA_TOKENS), values.type))


def _integer_column(s: pd.Series) -> pd.Series | None:
    """``pd.to_numeric(s)`` for a text column read from a file whose filled cells are all
    plain integers (``12``, ``-3``, ``007``), by Arrow's cast in one pass: 10 ms on 500,000
    cells against 0.5 s for pandas' parser of Arrow text. Same values and dtype (int64, or
    float64 with NaN where cells are blank; tested against pandas). None when Arrow's cast
    refuses a cell (``+5``, `` 5``, ``1e3``, ``1.0``, ``n/a``, past int64: pandas' parser then
    decides), when a cell holds an x (Arrow's cast reads ``0x1F`` as 31, pandas as no
    number), or when no cell is filled."""
    text = _arrow_text(s)
    if text is None or _has_x(text):
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    head = text.slice(0, 4000).drop_null().slice(0, 1000)
    if len(head) and pc.any(pc.match_substring_regex(head, "[^0-9a-fA-F+-]")).as_py():
        return None  # "5.5", " 5": the cast would refuse them, and a refusal costs 0.5 ms
    return _cast_column(s, text, pa.int64())


#: the bytes of a short decimal written plainly: digits, point and signs
_DECIMAL_BYTES = np.zeros(256, dtype=bool)
_DECIMAL_BYTES[[*range(0x30, 0x3A), 0x2E, 0x2B, 0x2D]] = True


def _decimal_column(s: pd.Series) -> pd.Series | None:
    """``pd.to_numeric(s)`` for a text column read from a file whose filled cells are all
    short plain decimals (``12.5``, ``-0.75``, ``.5``, ``+3``: digits, a point and a sign,
    at most 15 characters), with a point in some cell or a blank one (pandas' answer is
    then float64): by Arrow's cast in one pass (50,000 rows x 60 such columns: 0.6 s in
    pandas' parser). With at most 15 digits the number and the power of ten are exact
    doubles, so both parsers round once and agree bit for bit (tested on random
    decimals). None for anything else (``1e3``, `` 5``, ``inf``, 16 characters or more, a
    cell the cast refuses such as ``1.2.3``): pandas' parser then decides."""
    text = _arrow_text(s)
    parts = _text_buffers(text) if text is not None else None
    if not parts:
        return None
    first = parts[0][2][parts[0][1][0]:parts[0][1][0] + 64]
    if not _DECIMAL_BYTES[first].all():
        return None  # words, ids, dates: seen on the first bytes
    point = False
    for _, offsets, raw in parts:
        data = raw[offsets[0]:offsets[-1]]
        if int(np.diff(offsets).max()) > 15 or not _DECIMAL_BYTES[data].all():
            return None
        point = point or bool((data == 0x2E).any())
    if not point and not text.null_count:
        return None  # whole numbers without a blank: pandas gives int64
    import pyarrow as pa

    return _cast_column(s, text, pa.float64())


def _cast_column(s: pd.Series, text: Any, to: Any) -> pd.Series | None:
    """``s``'s Arrow ``text`` cast to the numeric type ``to`` as a numpy-backed column
    (blanks NaN), or None when the cast refuses a cell or no cell is filled."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        cast = pc.cast(text, to)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if cast.null_count == len(cast):
        return None
    return pd.Series(cast.to_numpy(zero_copy_only=False), index=s.index, name=s.name,
                     copy=False)


def _infer_few(s: pd.Series, distinct: Any = None) -> pd.Series:
    """_infer_types for a column of few distinct values: NA tokens and numbers are settled on
    the distinct values and spread back through the codes (one hashing pass over the rows).
    The usual segment column (text, no NA spellings) is settled on Arrow's distinct values
    alone (``distinct``, as :func:`_start_distinct` gives them, or computed here; a third
    of the cost of factorising) and returned as it is: NA spellings found by Arrow's
    kernels (the ones pandas' ``str.strip().str.lower()`` runs on Arrow text), numbers as
    :func:`_all_numbers` finds them (0.5 ms -> 0.1 ms a column)."""
    text = _arrow_text(s)
    if text is not None:
        import pyarrow.compute as pc

        values = (distinct if distinct is not None else pc.unique(text)).drop_null()
        spelled_na = pc.any(_is_na_token(values)).as_py()
        if not spelled_na and len(values) and not _all_numbers(values, s.dtype):
            return s  # text: missing cells are already missing, nothing to convert
        if not spelled_na and (num := _decimal_column(s)) is not None:
            return num  # short decimals, blanks among them: cast in one pass
    codes, uniques = pd.factorize(s)  # missing cells get code -1
    if text is not None:
        import pyarrow as pa

        na = _na_tokens(pa.array(uniques))
    else:
        na = pd.Series(uniques, dtype="string").str.strip().str.lower().isin(_NA_TOKENS)
        na = na.to_numpy(dtype=bool)
    row_na = (codes < 0) | na[np.maximum(codes, 0)] if len(na) else codes < 0
    if len(na) > na.sum():
        num = pd.to_numeric(pd.Series(np.asarray(uniques, dtype=object)[~na]), errors="coerce")
        if num.notna().all():
            table = np.empty(len(na), dtype=num.dtype if not row_na.any() else float)
            table[~na] = num.to_numpy()
            table[na] = np.nan if table.dtype.kind == "f" else 0
            values = table[np.maximum(codes, 0)]
            if row_na.any():
                values[row_na] = np.nan
            return pd.Series(values, index=s.index, name=s.name)
    return s.mask(row_na) if row_na.any() else s


_C1 = "[\u0080-\u009f]"
#: C1 control characters read from a Latin-1 file are DOS (cp850) letters in disguise.
_CP850_REPAIR = str.maketrans({chr(b): bytes([b]).decode("cp850") for b in range(0x80, 0xA0)})


#: byte 0x80 (read as U+0080) next to a number, a space allowed between: cp1252's euro sign
_EURO_BESIDE_NUMBER = r"(?<=\d)(\s?)\u0080|\u0080(?=\s?\d)"


def _repair_c1(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Turn C1 control characters in text cells back into the cp850 letters they were.

    Exports stitched from several systems often hold a few DOS-encoded cells inside a
    Windows/Latin-1 file: read as Latin-1, the DOS "é" (byte 0x82) becomes the control
    character U+0082, which no real text contains. Mapping U+0080-U+009F through cp850
    restores é, è, à, ç, â, ê, î, ô, û, É... The cells and characters repaired are counted.
    Byte 0x80 beside a number ("15\x80", "\x80 15", "15,50 \x80") is the euro sign of
    cp1252, not cp850's "Ç" (issue 25); so it is read, and counted apart.
    """
    repaired_cells = euros = 0
    for col in frame.columns:
        s = frame[col]
        if not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)):
            continue
        text = s.astype("string")
        hit = text.str.contains(_C1, regex=True).fillna(False).to_numpy()
        if hit.any():
            cells = text[hit]
            euro = cells.str.replace(_EURO_BESIDE_NUMBER, r"\1€", regex=True)
            euros += int((euro != cells).sum())
            fixed = euro.map(lambda t: t.translate(_CP850_REPAIR))  # only the hit cells
            frame.loc[hit, col] = fixed.to_numpy()
            repaired_cells += int(hit.sum())
    if repaired_cells:
        notes.append(tr("{cells:,} text cell(s) held DOS (cp850) accented letters inside a "
                        "Latin-1 file (e.g. byte 0x82 for 'é'); they were decoded as cp850, "
                        "except byte 0x80 beside a number in {euros:,} cell(s), read as the "
                        "euro sign (cp1252).", cells=repaired_cells, euros=euros) if euros else
                     tr("{cells:,} text cell(s) held DOS (cp850) accented letters inside a "
                        "Latin-1 file (e.g. byte 0x82 for 'é'); they were decoded as cp850.",
                        cells=repaired_cells))
    return frame
