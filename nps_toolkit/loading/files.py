"""Reading export files: encodings, delimiters, vendor header rows, types, dates."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .columns import _NUMBER, _norm
from .report import LoadReport
from .scores import _NA_TOKENS, _arrow_text, _has_x

_MAGIC = {b"\x89PNG": "a PNG image", b"%PDF": "a PDF document", b"\xff\xd8\xff": "a JPEG image",
          b"GIF8": "a GIF image", b"PK\x03\x04": "a zip archive (an .xlsx or .docx?)",
          b"\xd0\xcf\x11\xe0": "an old Office file (.xls / .doc)"}


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when every other byte of an ASCII-heavy text is NUL."""
    head = data[:4000]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes, path: Path) -> None:
    """A clear error for files that are not text exports at all (renamed images, PDFs...)."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ValueError(f"{path} is {what}, not a text export (CSV/TSV); export the survey "
                             "as CSV, Excel (.xlsx) or Parquet")
    if b"\x00" in data[:4000] and _utf16_without_bom(data) is None:
        raise ValueError(f"{path} is a binary file, not a text export (CSV/TSV); export the "
                         "survey as CSV, Excel (.xlsx) or Parquet")


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """(encoding, text): detected unless given; one full decode, reused by the caller."""
    if encoding is None and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) \
            and _utf16_without_bom(data) is None:
        try:
            return "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    enc = encoding or _detect_encoding(data)
    return enc, data.decode(enc)


def _detect_encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    no_bom = _utf16_without_bom(data)
    if no_bom:
        return no_bom
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _detect_delimiter(text: str, suffix: str) -> str:
    if suffix in (".tsv", ".tab"):
        return "\t"
    sample = "\n".join(text[:65536].splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = text[:65536].splitlines()[0] if text else ""
        counts = {d: first.count(d) for d in ",;\t|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


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
    rows = head.fillna("").astype(str).values.tolist()
    first = [c.strip() for c in rows[0]]
    normed = {_norm(c) for c in first}
    # Qualtrics: row 2 = question text, row 3 = {"ImportId": ...}
    if len(rows) >= 3 and sum(_is_import_id(v) for v in rows[2]) >= max(1, len(first) // 2):
        return "qualtrics", 3, first, dict(zip(first, rows[1], strict=False))
    # SurveyMonkey: row 2 holds 'Response' / 'Open-Ended Response' / option labels
    second = [c.strip() for c in rows[1]] if len(rows) > 1 else []
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


def _note_renamed(names: list[str], report: LoadReport) -> None:
    """Say which duplicate header names were made unique (``score`` twice -> ``score.1``)."""
    renamed = [n for n in names if re.fullmatch(r".+\.\d+", n) and n.rsplit(".", 1)[0] in names]
    if renamed:
        report.notes.append(
            "the header repeats column name(s) " + ", ".join(
                repr(n.rsplit(".", 1)[0]) for n in dict.fromkeys(renamed))
            + "; the repeats were renamed " + ", ".join(repr(n) for n in renamed)
            + ". Check which one holds what you expect (or name it with score=...).")


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, n in enumerate(names):
        n = n if n else f"column_{i + 1}"
        if n in seen:
            seen[n] += 1
            out.append(f"{n}.{seen[n]}")
        else:
            seen[n] = 0
            out.append(n)
    return out


_COMPRESSED = (".gz", ".bz2", ".xz", ".zip")


def _existing_file(source: str | Path, what: str) -> Path:
    """The path of an export to read, or a clear error (missing file, a folder)."""
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.is_dir():
        raise ValueError(f"{path} is a folder, not a file: pass the {what} inside it")
    return path


def _read_bytes(path: Path) -> bytes:
    """File bytes, decompressed for .gz/.bz2/.xz/.zip (a zip must hold exactly one file)."""
    suffix = path.suffix.lower()
    if suffix in (".gz", ".bz2", ".xz"):
        import bz2
        import gzip
        import lzma

        decompress = {".gz": gzip.decompress, ".bz2": bz2.decompress,
                      ".xz": lzma.decompress}[suffix]
        try:
            return decompress(path.read_bytes())
        except (OSError, EOFError, ValueError, lzma.LZMAError) as exc:
            raise ValueError(f"{path} is not a valid {suffix} file, or it is truncated "
                             f"({exc}); download the export again, or pass the file "
                             "uncompressed") from exc
    if suffix == ".zip":
        import zipfile

        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]
            if len(names) != 1:
                raise ValueError(f"{path} holds {len(names)} files; read_survey reads a zip "
                                 "with exactly one CSV in it: unzip it and pass the file")
            return zf.read(names[0])
    return path.read_bytes()


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
            f"skipped {k} row(s) above the header " + ("as asked (header_row)" if given
                                                       else "(detected)")
            + f": {shown!r}. If the header is elsewhere, pass header_row=<its row number>.")


def _fill_merged(path: Path, sheet: str | int, raw: pd.DataFrame, report: LoadReport
                 ) -> pd.DataFrame:
    """Cells merged in Excel (a region over several rows) hold their value only in the first
    cell; give every cell of the range that value, and say so."""
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except Exception:
        return raw
    ws = book[sheet] if isinstance(sheet, str) else book.worksheets[sheet]
    filled = 0
    out = raw
    for rng in ws.merged_cells.ranges:
        r0, c0, r1, c1 = rng.min_row - 1, rng.min_col - 1, rng.max_row, rng.max_col
        if r0 >= len(out) or c0 >= out.shape[1]:
            continue
        if out is raw:
            out = raw.copy()
        value = out.iat[r0, c0]
        block = out.iloc[r0:r1, c0:c1]
        filled += int(block.isna().sum().sum())
        out.iloc[r0:r1, c0:c1] = value
    if filled:
        report.notes.append(f"filled {filled} cell(s) of {len(ws.merged_cells.ranges)} merged "
                            "range(s) with the merged value (Excel keeps it in the first cell "
                            "only).")
    return out


def _read_file(path: Path, *, sheet: str | int, encoding: str | None, delimiter: str | None,
               report: LoadReport, header_row: int | None = None,
               date: str | bool | None = False) -> tuple[pd.DataFrame, dict[str, str]]:
    """The file's rows as a frame (text columns as read) and the question texts of vendor
    header rows. ``date`` is read_survey's date column (None: the one it will detect; False:
    none): in a large UTF-8 CSV whose first rows show it as ISO 8601 local times, the CSV
    reader parses it (see :func:`_iso_date_column`) and the frame's ``attrs["date_typed"]``
    names it."""
    suffix = path.suffix.lower()
    if suffix in _COMPRESSED:
        suffix = Path(path.stem).suffix.lower() or ".csv"
    if suffix in (".parquet", ".pq"):
        report.file_format, report.header_rows = "parquet", 1
        return pd.read_parquet(path), {}
    if suffix == ".xls":
        try:
            import python_calamine  # noqa: F401  (pandas reads .xls through it)
        except ImportError:
            raise ValueError(f"{path} is an old Excel .xls file, which needs the optional "
                             "python-calamine package (pip install python-calamine); or "
                             "save it as .xlsx or CSV") from None
    if suffix in (".xlsx", ".xlsm", ".xls"):
        report.file_format = "excel"
        try:
            raw = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object,
                                **({"engine": "calamine"} if suffix == ".xls" else {}))
        except (ValueError, OSError, KeyError) as exc:
            if "sheet" in str(exc).lower() or isinstance(exc, KeyError):
                raise ValueError(f"{path} has no sheet {sheet!r} ({exc})") from exc
            raise ValueError(f"{path} could not be read as an Excel file ({exc}); is it an "
                             "export saved as .xlsx?") from exc
        if raw.empty:
            raise ValueError(f"{path} sheet {sheet!r} is empty")
        if suffix != ".xls":
            raw = _fill_merged(path, sheet, raw, report)
        rows = raw.head(10).astype("string").fillna("").to_numpy().tolist()
        k = _title_rows([sum(bool(str(c).strip()) for c in r) for r in rows], header_row)
        _note_title_rows(k, rows, report, header_row is not None)
        raw = raw.iloc[k:].reset_index(drop=True)
        vendor, h, names, texts = _layout(raw.head(5).astype("string"))
        _note_renamed(names, report)
        body = raw.iloc[h:].reset_index(drop=True)
        body.columns = names[: body.shape[1]] + [f"column_{i + 1}"
                                                  for i in range(len(names), body.shape[1])]
        body = body.infer_objects()
        report.vendor, report.header_rows = vendor, h + k
        return body, texts
    if suffix not in (".csv", ".tsv", ".txt", ".tab", ""):
        raise ValueError(f"unsupported file type {suffix!r} for {path}; read_survey reads CSV, "
                         "TSV, Excel (.xlsx) and Parquet files, or a data frame")
    # A plain file is first read only as far as its head (2 MB): layout, encoding and columns
    # are settled there and a CSV reader reads the file itself (pandas' parallel C reader, or
    # pyarrow's with an older pandas), so the whole export is never held as one Python bytes
    # object next to the table (a file's size of peak memory)
    plain = path.suffix.lower() not in _COMPRESSED and encoding is None
    data: bytes | None = _read_head(path) if plain else _read_bytes(path)
    assert data is not None
    whole_file = not plain or len(data) <= _HEAD
    if not data[:4096].strip() and not (data if whole_file else _read_bytes(path)).strip():
        raise ValueError(f"{path} is empty")  # strip copies: only for a blank head
    if encoding is None:
        _refuse_binary(data, path)
    report.file_format = "csv"
    fast = _utf8_head(data) if encoding is None else None
    if fast is not None:
        kept = len(report.notes)
        # UTF-8 by its first 2 MB: the reader reads the bytes and checks every cell is UTF-8,
        # so the whole file is not decoded to one Python string (a quarter of the read time).
        # Excel's "CSV UTF-8" starts with a byte-order mark: in the header row the reader
        # skips.
        enc = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        body, texts = _read_csv_text(path, data if whole_file else path, fast, enc,
                                     delimiter, suffix, report, header_row, whole=False,
                                     date=date if not whole_file else False)
        if body is not None:
            return body, texts
        del report.notes[kept:]  # said again by the full read below
    if not whole_file:
        data = _read_bytes(path)
    try:
        enc, text = _decode(data, encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        enc = encoding or "the detected encoding"
        raise ValueError(f"{path} could not be decoded as {enc} ({exc}); pass the right "
                         "encoding=... (e.g. 'utf-8', 'cp1252', 'utf-16')") from exc
    body, texts = _read_csv_text(path, data, text, enc, delimiter, suffix, report, header_row,
                                 whole=True)
    assert body is not None
    return body, texts


_HEAD = 1 << 21  # bytes of a file's head that settle its layout and encoding


#: Cells missing in every column of a text file: empty (quoted or not) and R's exact ``NA``.
#: Both readers mark them while reading (the frame's ``attrs["blank_is_na"]``), so text
#: columns need no second pass; other NA spellings ("n/a", "null") are settled per column by
#: _infer_types, never in comments, where they are a customer's words.
_BLANK = ("", "NA")


def _read_head(path: Path) -> bytes:
    """The first ``_HEAD`` bytes of a file and one more (telling whether there is more)."""
    with open(path, "rb") as fh:
        return fh.read(_HEAD + 1)


def _utf8_head(data: bytes, size: int = _HEAD, text_size: int = 1 << 18) -> str | None:
    """Whether the first ``size`` bytes are UTF-8, and if so the text of about their first
    ``text_size`` bytes (ending at a line break; a UTF-8 byte-order mark left out), which is
    all that layout, delimiter and header detection read; None when the file is UTF-16 or is
    not UTF-8 there. Arrow's validator checks the bytes (0.7 ms for 2 MB, against 5.5 ms for
    decoding them all to a Python string); the part after the last line break in ``size``,
    never a whole row, is checked by the CSV reader itself."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data) is not None:
        return None
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    view = memoryview(data)[start:size]
    final = len(data) <= size
    end = len(view) if final else data.rfind(b"\n", start, size) + 1 - start
    if end <= 0 or not _valid_utf8(view[:end]):
        return None
    cut = end if end <= text_size else data.rfind(b"\n", start, start + text_size) + 1 - start
    cut = cut if cut > 0 else end  # a first line longer than text_size: all of it
    return str(view[:cut], "utf-8")


def _valid_utf8(buf: memoryview) -> bool:
    """Whether ``buf`` is valid UTF-8, by Arrow's (vectorised) validator over it as one
    string value, without a copy."""
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, len(buf)], dtype=np.int64))
    value = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(buf)])
    try:
        value.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _read_csv_text(path: Path, data: bytes | Path, text: str, enc: str, delimiter: str | None,
                   suffix: str, report: LoadReport, header_row: int | None, *, whole: bool,
                   date: str | bool | None = False
                   ) -> tuple[pd.DataFrame | None, dict[str, str]]:
    """Layout, header and body of a CSV. ``text`` is the decoded file (``whole``) or only its
    head; with only the head, None is returned when the fast readers cannot read the bytes as
    they are (not UTF-8 after all, title rows, ragged rows): the caller then decodes the whole
    file. ``data`` is the file's bytes, or its path for a reader to read (a UTF-8 file past its
    head: :func:`_read_body_pandas` with pandas >= 3.1, else :func:`_read_body_arrow`)."""
    lines = text[:65536].splitlines()[:10]
    sep0 = delimiter or _detect_delimiter("\n".join(lines[-5:]), suffix)
    rows = [next(csv.reader([line], delimiter=sep0), []) for line in lines]
    k = _title_rows([sum(bool(c.strip()) for c in r) for r in rows], header_row)
    _note_title_rows(k, rows, report, header_row is not None)
    if k and not whole:
        return None, {}
    if k:
        text = text.split("\n", k)[-1]
    sep = delimiter or _detect_delimiter(text, suffix)
    report.encoding, report.delimiter = enc, sep
    try:
        vendor, h, names, texts = _layout(_head_frame(text, sep))
        _note_renamed(names, report)
        report.vendor, report.header_rows = vendor, h + k
        arrow_data = data if (k == 0 and enc in ("utf-8", "utf-8-sig")) else None
        if isinstance(arrow_data, Path) and _pandas_reads_text_fast() \
                and not _quoted_line_breaks(text):
            # a large UTF-8 file: pandas' parallel C reader, every cell as text
            body = _read_body_pandas(arrow_data, sep, h, names, enc)
            if body is None:  # not UTF-8 after all, ragged rows: the caller decodes it all
                return None, {}
            return body, texts
        typed = _iso_date_column(text, sep, h, names, date) if isinstance(arrow_data, Path) \
            else None
        body = _read_body_arrow(arrow_data, text, sep, h, names, date_at=typed)
        if body is None and not whole:
            return None, {}
        if body is None:  # pyarrow could not (ragged rows, blank lines...): pandas says why
            body = pd.read_csv(io.StringIO(text), sep=sep, header=None, skiprows=h,
                               names=names, dtype=str, keep_default_na=False,
                               na_values=list(_BLANK), skip_blank_lines=False,
                               index_col=False)
            body.attrs["blank_is_na"] = True
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ValueError(
            f"{path} could not be read as a table with delimiter {sep!r} (encoding {enc}): "
            f"{str(exc).strip()}. Check that it is a CSV/TSV export; if the delimiter or "
            "encoding is wrong, pass delimiter=... or encoding=...; a row with more fields than "
            "the header usually means an unquoted delimiter inside a comment."
        ) from exc
    return body, texts


def _head_frame(text: str, sep: str, rows: int = 5) -> pd.DataFrame:
    """The first ``rows`` rows of a CSV text, every cell as text and no header applied, as
    pandas' reader gives them (``dtype=str``, blank lines kept) and with its error for a row
    longer than the first; read by Python's csv module, which costs 0.03 ms where pandas'
    reader costs 2-7 ms on a file's head in a fresh process."""
    import itertools

    def by_pandas() -> pd.DataFrame:
        return pd.read_csv(io.StringIO(text[:1 << 20]), sep=sep, header=None, dtype=str,
                           nrows=rows, keep_default_na=False, skip_blank_lines=False,
                           engine="python" if len(sep) != 1 else "c")

    if len(sep) != 1:  # a multi-character separator: pandas' own (regex) reader
        return by_pandas()
    try:
        found = list(itertools.islice(csv.reader(io.StringIO(text), delimiter=sep), rows))
    except csv.Error:  # a cell past the csv module's 128 KB limit
        return by_pandas()
    if not found:
        raise pd.errors.EmptyDataError("No columns to parse from file")
    width = len(found[0])
    for i, row in enumerate(found):
        if len(row) > width:
            raise pd.errors.ParserError(
                f"Error tokenizing data. C error: Expected {width} fields in line {i + 1}, "
                f"saw {len(row)}")
    return pd.DataFrame([row + [None] * (width - len(row)) for row in found], dtype=object)


def _read_body_arrow(data: bytes | Path | None, text: str, sep: str, skip: int,
                     names: list[str], date_at: int | None = None) -> pd.DataFrame | None:
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
    ``attrs["date_typed"]`` then names the parsed column."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    if isinstance(data, bytes):
        raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    elif data is None:
        raw = text.encode("utf-8")

    pool = _reader_pool()
    text_types = {f"f{i}": pa.large_string() for i in range(len(names))}

    def read(typed: bool, newlines: bool) -> pa.Table:
        types = dict(text_types)
        if typed:  # header rows skipped by the reader: the parser must not see them
            types[f"f{date_at}"] = pa.timestamp("us")
        return pacsv.read_csv(
            io.BytesIO(raw) if not isinstance(data, Path) else str(data),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True,
                                           block_size=1 << 21,
                                           skip_rows_after_names=skip if typed else 0),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=newlines,
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=types, null_values=list(_BLANK), strings_can_be_null=True,
                quoted_strings_can_be_null=True),
            memory_pool=pool)

    # pyarrow cuts the file into blocks at line breaks; its parser reads a quoted line break
    # inside a block, and when a cut falls inside a quoted value the parser ends short of the
    # cut and pyarrow stops ("out of sync with chunker") rather than splitting the row. Only
    # then is the slower newlines-in-values mode needed.
    typed, newlines = date_at is not None, False
    while True:
        try:
            table = read(typed, newlines)
            break
        except pa.ArrowInvalid as exc:
            if typed and "conversion error to timestamp" in str(exc):
                typed = False  # a date the head did not show: every column as text
            elif not newlines:
                newlines = True  # a cut inside a quoted value, or a real error
            else:
                return None
        except pa.ArrowNotImplementedError:
            return None
    if table.num_columns != len(names) or _ends_in_open_quote(
            table, data if data is not None else raw, sep):
        return None
    frame = (table if typed else table.slice(skip)).to_pandas()
    frame.columns = names
    frame.attrs["blank_is_na"] = True
    if typed:
        frame.attrs["date_typed"] = names[date_at]
    return frame


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
    if date is False or not names:
        return None
    if date is None:
        from .columns import _DATE_NAMES, _first_exact

        date = _first_exact(names, _DATE_NAMES, set())
    if not isinstance(date, str) or names.count(date) != 1:
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
                null_values=list(_BLANK), strings_can_be_null=True,
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


def _numeric_sample(s: pd.Series, size: int = 1000) -> bool:
    """Whether the first ``size`` filled cells are all numbers (the full conversion, which
    must agree on every cell, only runs then: on a text column it would cost seconds)."""
    head = s.head(4 * size).dropna().head(size)  # the first rows usually hold them: no
    if len(head) < size and len(s) > 4 * size:  # pass over a column with blanks (~18 ms on
        head = s.dropna().head(size)             # 500,000 rows of Arrow text)
    return bool(len(head)) and pd.to_numeric(head, errors="coerce").notna().all()


def _few_valued(frame: pd.DataFrame, keep_text: set[str],
                untouched: frozenset[str] = frozenset()) -> list[str]:
    """The text columns _infer_types works on their distinct values (segments, regions)."""
    return [c for c in frame.columns if c not in untouched and c not in keep_text
            and (frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype))
            and frame[c].head(1000).nunique() <= 100]


def _segment_like(frame: pd.DataFrame) -> list[str]:
    """Text columns read from a file that look like segments before the columns' roles are
    known: few distinct values in the first 1,000 rows, short (a comment column that is
    mostly blank has few distinct values too), not all numbers (a score). Their distinct
    values can be started at once; what detection later excludes (an id, a comment) is
    simply not used. Worked out by Arrow on the first rows (pandas took 9 ms for 7 columns)."""
    import pyarrow.compute as pc

    out = []
    for c in frame.columns:
        text = _arrow_text(frame[c])
        if text is None:
            continue
        head = text.slice(0, 1000).drop_null()
        if len(head) == 0 or pc.count_distinct(head).as_py() > 100 \
                or pc.mean(pc.utf8_length(head)).as_py() > 40 \
                or pc.all(pc.match_substring_regex(head, _NUMBER)).as_py():
            continue
        out.append(c)
    return out


def _start_distinct(frame: pd.DataFrame, columns: list[str], pool: Executor
                    ) -> dict[str, Future]:
    """Distinct values of ``columns`` computed in ``pool`` (Arrow's kernels release the GIL,
    so they run beside the caller's own work); passed on to _infer_types."""
    import pyarrow.compute as pc

    out: dict[str, Future] = {}
    for c in columns:  # the thread gets the Arrow array and returns one: no pandas there,
        text = _arrow_text(frame[c])  # so it hardly needs the GIL this thread holds
        if text is None:
            out[c] = Future()
            out[c].set_result(None)
        else:
            out[c] = pool.submit(pc.unique, text)
    return out


def _infer_types(frame: pd.DataFrame, keep_text: set[str],
                 untouched: frozenset[str] = frozenset(),
                 distinct: Mapping[str, Future] | None = None,
                 plain: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Numbers stored as text become numbers (columns not in ``keep_text``); NA tokens -> NA.

    In text columns (comments, ids) only an empty cell or R's exact ``NA`` is missing: a
    customer who typed "n/a" or "na" gave a non-answer that the text analysis counts. Columns
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
                s = _infer_few(s, _distinct_series(distinct[c].result())
                               if c in distinct else None)
            else:
                na = _spelled_na(s)
                s = s.mask(na) if na.any() else s
                if _numeric_sample(s):
                    num = pd.to_numeric(s, errors="coerce")
                    if num.notna().sum() == s.notna().sum() and s.notna().any():
                        s = num
        out[c] = s
    return pd.DataFrame(out, index=frame.index)


def _na_look(s: pd.Series) -> np.ndarray | None:
    """The filled cells of a text column read from a file that could spell a missing value:
    at most 4 bytes long (``n/a``, ``NULL``, ``#N/A``), or starting or ending with a space, a
    control character or a non-ASCII byte (any whitespace pandas' strip removes). Read from
    the Arrow buffers (a few ms on 500,000 cells); None for another kind of column."""
    arrow = _arrow_text(s)
    if arrow is None:
        return None
    import pyarrow as pa

    looks = []
    for chunk in arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]:
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            return None
        n = len(chunk)
        if n == 0:
            continue
        validity, offsets, data = chunk.buffers()
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(offsets, dtype=width)[chunk.offset:chunk.offset + n + 1]
        look = np.diff(offsets) <= 4
        raw = np.frombuffer(data, dtype=np.uint8) if data is not None else None
        if raw is not None and len(raw):
            top = len(raw) - 1  # (an empty last cell points past the data: clipped)
            first = raw[np.minimum(offsets[:-1], top)]
            last = raw[np.clip(offsets[1:] - 1, 0, top)]
            # a byte outside "!".."\x7f" (space, control, non-ASCII) at either end
            look |= (first - np.uint8(0x21)) > 0x5E
            look |= (last - np.uint8(0x21)) > 0x5E
        if chunk.null_count:
            bits = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")
            look &= bits[chunk.offset:chunk.offset + n].astype(bool)
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
    if len(where):
        out[where] = spelled(s.iloc[where])
    return out


def _plain_text_head(s: pd.Series) -> bool:
    """Whether a text column read from a file has, among its first 1,000 filled cells, a
    value that is neither a number nor a spelling of a missing value (``North``, ``Agree``),
    and few cells that could spell one (:func:`_na_look`: at most 1 in 16 of those rows).
    Such a column stays text whatever else it holds (only a column of numbers becomes
    numbers), so only its NA spellings need finding, which :func:`_spelled_na` does in a
    few ms, without the column's distinct values (~10 ms per 500,000 cells)."""
    text = _arrow_text(s)
    if text is None:
        return False
    head = text.slice(0, 4000).drop_null().slice(0, 1000)
    if len(head) == 0:
        return False
    look = _na_look(pd.Series(pd.array(head, dtype=pd.StringDtype("pyarrow", na_value=np.nan))))
    if look is None or 16 * int(look.sum()) > len(head):
        return False
    import pyarrow.compute as pc

    values = pd.Series(pc.unique(head).to_pylist(), dtype="string")
    plain = pd.to_numeric(values, errors="coerce").isna() & \
        ~values.str.strip().str.lower().isin(_NA_TOKENS)
    return bool(plain.any())


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

    try:
        cast = pc.cast(text, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if cast.null_count == len(cast):
        return None
    return pd.Series(cast.to_numpy(zero_copy_only=False), index=s.index, name=s.name,
                     copy=False)


def _arrow_distinct(s: pd.Series) -> pd.Series | None:
    """The distinct filled values of an Arrow-backed text column (None for other columns)."""
    text = _arrow_text(s)
    if text is None:
        return None
    import pyarrow.compute as pc

    return _distinct_series(pc.unique(text))


def _distinct_series(values: Any) -> pd.Series | None:
    """Arrow's distinct values of a text column as a pandas text Series, without the
    missing value (None stays None)."""
    return None if values is None else pd.Series(values.drop_null(), dtype="string")


def _infer_few(s: pd.Series, distinct: pd.Series | None = None) -> pd.Series:
    """_infer_types for a column of few distinct values: NA tokens and numbers are settled on
    the distinct values and spread back through the codes (one hashing pass over the rows).
    The usual segment column (text, no NA spellings) is settled on Arrow's distinct values
    alone (a third of the cost of factorising) and returned as it is."""
    distinct = distinct if distinct is not None else _arrow_distinct(s)
    if distinct is not None:
        spelled_na = distinct.str.strip().str.lower().isin(_NA_TOKENS).any()
        if not spelled_na and pd.to_numeric(distinct, errors="coerce").isna().any():
            return s  # text: missing cells are already missing, nothing to convert
    codes, uniques = pd.factorize(s)  # missing cells get code -1
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


def _repair_c1(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Turn C1 control characters in text cells back into the cp850 letters they were.

    Exports stitched from several systems often hold a few DOS-encoded cells inside a
    Windows/Latin-1 file: read as Latin-1, the DOS "é" (byte 0x82) becomes the control
    character U+0082, which no real text contains. Mapping U+0080-U+009F through cp850
    restores é, è, à, ç, â, ê, î, ô, û, É... The cells and characters repaired are counted.
    """
    repaired_cells = 0
    for col in frame.columns:
        s = frame[col]
        if not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)):
            continue
        text = s.astype("string")
        hit = text.str.contains(_C1, regex=True).fillna(False).to_numpy()
        if hit.any():
            fixed = text[hit].map(lambda t: t.translate(_CP850_REPAIR))  # only the hit cells
            frame.loc[hit, col] = fixed.to_numpy()
            repaired_cells += int(hit.sum())
    if repaired_cells:
        notes.append(f"{repaired_cells} text cell(s) held DOS (cp850) accented letters inside "
                     "a Latin-1 file (e.g. byte 0x82 for 'é'); they were decoded as cp850.")
    return frame
