"""The body of a large CSV read by a fast reader, every cell as text: pandas' parallel C
reader (pandas >= 3.1) or pyarrow's, with the checks that keep either exactly as pandas
reads the decoded text (the slow path they stand in for)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .nawords import na_as_missing

#: Cells missing in every column of a text file: empty (quoted or not). Both readers mark
#: them while reading (the frame's ``attrs["blank_is_na"]``), so text columns need no second
#: pass; R's exact ``NA`` is then made missing in every column of a file where a column of
#: numbers holds it (``nawords.na_as_missing``: elsewhere it may be North America); other NA
#: spellings ("n/a", "null") are settled per column by _infer_types, never in comments,
#: where they are a customer's words.
_BLANK = ("",)
#: the same for the date column's first rows, typed as dates: there ``NA`` is no date
_DATE_BLANK = ("", "NA")


def _read_body_arrow(data: bytes | Path | None, text: str, sep: str, skip: int,
                     names: list[str], date_at: int | None = None, newlines: bool = False
                     ) -> pd.DataFrame | None:
    """The table body read by pyarrow's multi-threaded CSV reader, every cell as text (about
    10x faster than pandas' C reader with ``dtype=str`` on a million rows). ``data`` is the
    file's bytes or its path (pyarrow reads it); without either, ``text`` is encoded.
    Quoted line breaks inside comments are allowed. Returns None when pyarrow cannot read it
    exactly the way the pandas reader would (ragged rows, blank lines in a table of several
    columns: pandas keeps them as rows), and the caller falls back.

    The column at ``date_at`` (see :func:`_iso_date_column`) is parsed while reading as
    timestamps, by the ISO 8601 parser of Arrow's cast that would otherwise run after the
    read; a cell the parser does not take (a time zone, another format further down) makes
    the reader stop, and the file is read again with every column as text. The frame's
    ``attrs["date_typed"]`` then names the parsed column. ``newlines``: the head shows quoted
    line breaks, so the file is read in pieces cut outside quotes from the start (a first
    pass in blocks would likely stop at one)."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    if isinstance(data, bytes):
        raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    elif data is None:
        raw = text.encode("utf-8")

    pool = _reader_pool()
    text_types = {f"f{i}": pa.large_string() for i in range(len(names))}

    def read(typed: bool, newlines: bool, source: Any = None, first: bool = True,
             threads: bool = True) -> pa.Table:
        types = dict(text_types)
        if typed:  # header rows skipped by the reader: the parser must not see them
            types[f"f{date_at}"] = pa.timestamp("us")
        if source is None:
            source = io.BytesIO(raw) if not isinstance(data, Path) else str(data)
        return pacsv.read_csv(
            source,
            read_options=pacsv.ReadOptions(autogenerate_column_names=True,
                                           block_size=1 << 21, use_threads=threads,
                                           skip_rows_after_names=skip if typed and first
                                           else 0),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=newlines,
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=types, null_values=list(_BLANK), strings_can_be_null=True,
                quoted_strings_can_be_null=True),
            memory_pool=pool)

    got = _read_table(read, data if isinstance(data, Path) else raw, date_at is not None,
                      newlines)
    if got is None:
        return None
    table, typed = got
    if table.num_columns != len(names) or _ends_in_open_quote(
            table, data if data is not None else raw, sep):
        return None
    frame = (table if typed else table.slice(skip)).to_pandas()
    frame.columns = names
    frame = na_as_missing(frame)
    frame.attrs["blank_is_na"] = True
    if typed:
        frame.attrs["date_typed"] = names[date_at]
    return frame


def _read_table(read: Any, data: bytes | Path, typed: bool, newlines: bool
                ) -> tuple[Any, bool] | None:
    """``read`` (see :func:`_read_body_arrow`) tried until it reads: (table, whether the
    date column was parsed), or None when pyarrow cannot read the file.

    pyarrow cuts the file into blocks at line breaks; its parser reads a quoted line break
    inside a block, and when a cut falls inside a quoted value the parser ends short of the
    cut and pyarrow stops ("out of sync with chunker") rather than splitting the row. Only
    then (or from the start, with ``newlines``) is the file read in pieces cut outside
    quotes, or failing that in pyarrow's one-thread newlines-in-values mode; a date the head
    did not show makes every column text."""
    import pyarrow as pa

    while True:
        try:
            table = None
            if newlines:  # in pieces cut outside quotes, on all cores; else in one pass
                table = _read_in_pieces(
                    data, lambda piece, first, typed=typed: read(typed, True, piece, first,
                                                                 threads=False))
            if table is None:
                table = read(typed, newlines)
            return table, typed
        except pa.ArrowInvalid as exc:
            if typed and "conversion error to timestamp" in str(exc):
                typed = False  # a date the head did not show: every column as text
            elif not newlines:
                newlines = True  # a cut inside a quoted value, or a real error
            else:
                return None
        except pa.ArrowNotImplementedError:
            return None


#: Files from this size up that hold quoted line breaks are cut at line breaks outside quotes
#: and the pieces read in parallel (see _read_in_pieces); each piece is about this size.
PIECE = 4 << 20


def _cuts(buf: Any, pieces: int) -> list[int]:
    """Offsets cutting ``buf`` (bytes, or a memory map) into about ``pieces`` runs of whole
    lines, each cut just after a line break with an even number of quotes before it: outside
    every quoted value, where a quote doubled inside a value counts two (RFC 4180)."""
    quotes = np.frombuffer(buf, dtype=np.uint8)
    size, cuts, odd, prev = len(quotes), [0], 0, 0
    for i in range(1, pieces):
        pos = max(i * size // pieces, cuts[-1])
        odd ^= int(np.count_nonzero(quotes[prev:pos] == 34)) & 1
        while True:  # to the next line break outside quotes
            nl = buf.find(b"\n", pos)
            if nl < 0:
                return [*cuts, size]
            odd ^= int(np.count_nonzero(quotes[pos:nl] == 34)) & 1
            pos = nl + 1
            if not odd:
                break
        cuts.append(pos)
        prev = pos
    return [*cuts, size]


def _read_in_pieces(data: bytes | Path, read: Any) -> Any:
    """A file with quoted line breaks read by pyarrow in pieces on all cores, or None.

    pyarrow's own reader cuts a file at every line break into blocks, and stops when a cut
    falls inside a quoted value; its newlines-in-values mode instead finds each block's end
    in one thread (1M rows, 2% of comments on two lines: 0.17-0.22 s against 0.10-0.12 s for
    pandas' reader). Here the cuts are made outside quotes (:func:`_cuts`) and each piece is
    read as one block, pieces in parallel (0.15-0.17 s). A quote that is not a CSV quote (a
    stray ``5"`` in an unquoted cell) could put a cut inside a value; both sides of such a
    cut are then rows of the wrong width, which pyarrow refuses, and the caller reads the
    file in one pass instead: the pieces give the one-pass table or nothing."""
    import concurrent.futures
    import mmap

    import pyarrow as pa

    from .._frames.dense import cpu_workers

    workers = cpu_workers()
    size = data.stat().st_size if isinstance(data, Path) else len(data)
    if size < 2 * PIECE or workers < 2:
        return None
    handle = None
    try:
        if isinstance(data, Path):
            handle = open(data, "rb")  # closed below, after the reads
            buf: Any = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        else:
            buf = data
        cuts = _cuts(buf, max(2, len(buf) // PIECE))
        view = memoryview(buf)
        try:
            with concurrent.futures.ThreadPoolExecutor(workers) as pool:
                tables = list(pool.map(
                    lambda i: read(pa.BufferReader(pa.py_buffer(view[cuts[i]:cuts[i + 1]])),
                                   i == 0), range(len(cuts) - 1)))
        except pa.ArrowInvalid as exc:
            if "conversion error to timestamp" in str(exc):
                raise  # the caller reads the dates as text
            return None
        except pa.ArrowNotImplementedError:
            return None
        finally:
            view.release()
        if len({t.num_columns for t in tables}) != 1:
            return None
        return pa.concat_tables(tables)
    finally:
        if handle is not None:
            buf.close()
            handle.close()


def _pandas_reads_text_fast() -> bool:
    """Whether this pandas' C reader builds Arrow text columns without Python strings and
    reads a large file in parallel (pandas >= 3.1: its ``_PendingStringColumn``); older
    pandas makes a Python string of every cell for a text column (7x slower)."""
    from pandas._libs import parsers

    return hasattr(parsers, "_PendingStringColumn")


def _quoted_line_breaks(text: str) -> bool:
    """Whether the file's head (whole lines) has a quoted value holding a line break: a line
    with an odd number of quotes (a quote doubled inside a value counts two). pandas'
    parallel reader cuts the file at line breaks and reads it again in one thread when a cut
    falls inside a value (1M rows with line breaks in 5% of the comments: read_survey took
    1.46x the time it takes with pyarrow's reader, which reads such a file in one pass), so
    such files go to pyarrow."""
    return any(line.count('"') % 2 for line in text.split("\n"))


def _read_body_pandas(path: Path, sep: str, skip: int, names: list[str], enc: str
                      ) -> pd.DataFrame | None:
    """The body of a large UTF-8 CSV read by pandas' C reader with every column as Arrow
    text (``ArrowDtype(large_string)``: no type is inferred, so ``007`` and ``10 - Extremely
    likely`` stay as written), empty cells and ``NA`` missing as in :func:`_read_body_arrow`.
    pandas (>= 3.1) splits a large file among threads and builds the Arrow strings straight
    from its tokens: on this 2-core machine it reads a million-row export in 0.8-0.9x the
    time of pyarrow's own reader (benchmarks/README.md). It checks every cell is UTF-8, and
    reads quoted line breaks itself (a file split inside one is read again in one thread).

    Returns None when the file is not UTF-8 after all or is not a table of ``names``' width
    (ragged rows): the caller then decodes the whole file and says what is wrong."""
    import pyarrow as pa

    try:
        frame = pd.read_csv(path, sep=sep, header=None, skiprows=skip, names=names,
                            dtype=pd.ArrowDtype(pa.large_string()), keep_default_na=False,
                            na_values=list(_BLANK), skip_blank_lines=False, index_col=False,
                            encoding=enc, encoding_errors="strict")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    if list(frame.columns) != names:
        return None
    text = pd.StringDtype("pyarrow", na_value=np.nan)  # what read_csv gives text columns
    body = pd.DataFrame({c: pd.Series(pd.array(frame[c].array.__arrow_array__(), dtype=text),
                                      index=frame.index, copy=False)
                         for c in names}, index=frame.index, copy=False)
    body = na_as_missing(body)
    body.attrs["blank_is_na"] = True
    return body


def _ends_in_open_quote(table: Any, data: bytes | Path, sep: str) -> bool:
    """Whether the file ends inside a quoted value that was never closed. pyarrow's reader
    then takes the rest of the file as that value (when it is the last column, the rows
    after it are silently merged into it); pandas' reader stops with "EOF inside string".
    The last value is then the file's last bytes (quotes doubled back), just after an
    opening quote; a value closed by its quote is followed by it."""
    if table.num_rows == 0 or table.num_columns == 0:
        return False
    last = table.column(table.num_columns - 1)[table.num_rows - 1].as_py()
    raw = ("" if last is None else str(last)).replace('"', '""').encode("utf-8")
    size = len(raw) + len(sep.encode()) + 1  # separator, quote, value
    if isinstance(data, Path):
        with open(data, "rb") as fh:
            fh.seek(max(0, data.stat().st_size - size))
            tail = fh.read()
    else:
        tail = bytes(data[-size:])
    if last is None or last == "":  # an opened quote right at the end: sep + '"'
        return tail.endswith(sep.encode() + b'"') or tail == b'"'
    if not tail.endswith(raw):
        return False
    before = tail[:-len(raw)]  # an opening quote starts the value: after a separator
    return before.endswith(b'"') and (len(before) == 1 or before[:-1].endswith(
        (sep.encode(), b"\n", b"\r")))


def _iso_date_column(text: str, sep: str, skip: int, names: list[str],
                     date: str | bool | None) -> int | None:
    """The position of the column read_survey will take as the date (``date``, or with None
    the first named like one, as its detection ranks them) when the CSV reader parses its
    filled cells in ``text`` (the file's head, whole rows) as ISO 8601 local times; None
    otherwise. The reader then parses it in the whole file, which costs no more than
    reading it as text, and saves the cast after the read (20 ms and a 27 MB column of text
    per million rows). Not for header rows holding a quote: the reader skips them as plain
    lines."""
    from .columns import _likely_date

    date = _likely_date(names, date)
    if date is None or names.count(date) != 1:
        return None
    if '"' in "\n".join(text.split("\n", skip)[:skip]):
        return None
    import pyarrow as pa
    from pyarrow import csv as pacsv

    at = names.index(date)
    cut = text.rfind("\n", 0, 1 << 16) + 1 or len(text)  # ~700 rows of a usual export
    try:
        head = pacsv.read_csv(
            io.BytesIO(text[:cut].encode("utf-8")),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True, use_threads=False,
                                           skip_rows_after_names=skip),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True,
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={f"f{at}": pa.timestamp("us")}, include_columns=[f"f{at}"],
                null_values=list(_DATE_BLANK), strings_can_be_null=True,
                quoted_strings_can_be_null=True))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # not dates, or ragged rows the full read will deal with
    column = head.column(0)
    return at if len(column) > column.null_count else None


def _reader_pool() -> Any:
    """The Arrow memory pool the CSV reader allocates the table in: jemalloc where this
    pyarrow has it, unless the user chose a pool (``ARROW_DEFAULT_MEMORY_POOL``); None
    (Arrow's default) otherwise.

    Arrow's default on Linux, mimalloc, backs a large read with huge pages, and the kernel's
    time to provide them swings with the machine's memory state: on 5M rows, 0.3-1.3 s of
    kernel time in fresh processes, against a steady 0.55-0.6 s with jemalloc (wall 1.1-1.5 s
    against 1.3 s; benchmarks/README.md). Only this read uses it; nothing global changes."""
    import os

    import pyarrow as pa

    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return None
    try:
        return pa.jemalloc_memory_pool()
    except (NotImplementedError, pa.ArrowNotImplementedError):
        return None
