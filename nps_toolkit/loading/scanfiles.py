"""The files behind a :func:`~nps_toolkit.loading.scan.scan` source: which files, in which
format, and their text as DuckDB can read it (the encoding read_survey detects; code pages
DuckDB lacks converted to UTF-8 in a streamed temporary copy)."""

from __future__ import annotations

import glob
from pathlib import Path

from .report import LoadReport

#: bytes read at a time when a file is converted to UTF-8 (:func:`_transcoded`)
_CHUNK = 1 << 22


def _files(source: str | Path | list[str | Path]) -> tuple[list[str], str, bool]:
    """The files behind a path, glob, folder or list; their format; hive partitioning."""
    items = source if isinstance(source, list) else [source]
    files: list[str] = []
    hive = False
    for item in items:
        text = str(item)
        p = Path(text)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*") if f.is_file()
                           and _kind(f.name) is not None)
            if not found:
                raise ValueError(f"{p} holds no CSV or Parquet files")
            hive = hive or any("=" in part for f in found
                               for part in Path(f).relative_to(p).parts[:-1])
            files += found
        elif any(ch in text for ch in "*?["):
            found = sorted(glob.glob(text, recursive=True))
            if not found:
                raise FileNotFoundError(f"no files match {text!r}")
            hive = hive or any("=" in part for f in found for part in Path(f).parts[:-1])
            files += found
        elif p.exists():
            files.append(text)
        else:
            raise FileNotFoundError(f"no such file: {p}")
    kinds = {_kind(Path(f).name) for f in files}
    if None in kinds:
        odd = [f for f in files if _kind(Path(f).name) is None][:3]
        raise ValueError(f"scan reads CSV and Parquet files; not {odd}. For Excel and SPSS "
                         "exports use read_survey")
    if len(kinds) > 1:
        raise ValueError("scan reads one format at a time: the files mix CSV and Parquet")
    return files, kinds.pop(), hive


def _kind(name: str) -> str | None:
    low = name.lower()
    if low.endswith((".parquet", ".pq")):
        return "parquet"
    if low.endswith((".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz")):
        return "csv"
    return None


def _head_bytes(path: str, n: int) -> bytes:
    """The first ``n`` bytes of a file's text, a gzip-compressed one's decompressed."""
    import gzip

    with open(path, "rb") as fh:
        data = fh.read(n)
    if data.startswith(b"\x1f\x8b"):
        with gzip.open(path, "rb") as fh:
            data = fh.read(n)
    return data


def _readable(files: list[str], report: LoadReport, encoding: str | None = None
              ) -> tuple[list[str], str, str]:
    """The files as DuckDB can read their text: the files, DuckDB's ``encoding`` option ("" for
    UTF-8), and the encoding Python reads their first rows in.

    The encoding is ``encoding`` if given, else the one read_survey detects on the first
    file's first megabyte: UTF-8 as it is; ``utf-16`` (Excel's "Unicode text") and
    ``latin-1`` read by DuckDB itself, and Windows-1252 (Excel's CSV on Windows in Western
    Europe and the Americas) as Latin-1 when it holds none of the 27 characters of bytes
    0x80-0x9F (the euro sign, curly quotes...), where the two differ. Any other code page
    (cp1252 with those characters or given as ``encoding``, cp1250, cp1251, cp949,
    Shift-JIS, GB18030...), which DuckDB reads only with an extension that cannot be
    installed offline (and is built for one DuckDB release), is converted to UTF-8 into a
    temporary copy (:func:`_transcoded`), streamed: memory stays flat. Each case is said.
    A CSV read as UTF-8 stopped with DuckDB's "not utf-8 encoded"."""
    import codecs

    from .encodings import _detect_encoding

    data = _head_bytes(files[0], 1 << 20)
    cut = data if len(data) < 1 << 20 else data[: data.rfind(b"\n") + 1] or data
    if encoding is None:
        found = _detect_encoding(cut)
    else:
        try:
            found = codecs.lookup(encoding).name
        except LookupError:
            raise ValueError(f"encoding={encoding!r} is not an encoding Python knows (e.g. "
                             "'utf-8', 'cp1252', 'cp949', 'utf-16')") from None
    if found in ("utf-8", "utf-8-sig", "ascii"):
        return files, "", "utf-8-sig"
    report.encoding = found
    how = "given" if encoding is not None else "encoded"
    # DuckDB's Latin-1 refuses bytes 0x80-0x9F (cp1252's euro sign, curly quotes...) where
    # it meets them: read by DuckDB only when detected without any in the first megabyte
    latin = encoding is None and found in ("latin-1", "iso8859-1", "cp1252") and not any(
        0x80 <= b <= 0x9F for b in cut)
    if found.startswith("utf-16") or latin:
        report.notes.append(f"the file is {how} {found}; DuckDB reads it as such" + (
            " (as Latin-1: its first megabyte holds none of the characters where the two "
            "differ)." if found == "cp1252" else "."))
        return files, ("utf-16" if found.startswith("utf-16") else "latin-1"), found
    copies, size = _transcoded(files, found)
    report.notes.append(
        f"the file is {how} {found}, which DuckDB does not read: converted to UTF-8 "
        f"into a temporary copy ({size / 1e6:,.1f} MB in {Path(copies[0]).parents[0]}, "
        "removed when Python exits; set TMPDIR for another disk).")
    return copies, "", "utf-8-sig"


def _transcoded(files: list[str], encoding: str) -> tuple[list[str], int]:
    """The files decoded from ``encoding`` and written as UTF-8 into a temporary folder
    (removed when the interpreter exits), 4 MB at a time with Python's incremental decoder
    (so a character split between two reads is kept whole), gzip-compressed ones
    decompressed; each copy keeps its path below the folder, so hive-partition folders
    (``year=2025/``) still name their columns. Returns the copies and their bytes.
    A byte the encoding cannot have stops, naming the file and its position."""
    import atexit
    import codecs
    import gzip
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="nps-toolkit-scan-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    copies, size = [], 0
    for f in files:
        target = root.joinpath(*Path(f).resolve().parts[1:])
        target = target.with_name(target.name.removesuffix(".gz"))
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(f, "rb") as probe:
            packed = probe.read(2) == b"\x1f\x8b"
        decoder = codecs.getincrementaldecoder(encoding)()
        with (gzip.open(f, "rb") if packed else open(f, "rb")) as src, \
                open(target, "wb") as dst:
            done = 0
            while True:
                chunk = src.read(_CHUNK)
                try:
                    text = decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError as err:
                    raise ValueError(
                        f"{f}: the byte at position {done + err.start:,} cannot be "
                        f"{encoding}, the encoding its first megabyte reads as; convert the "
                        "file to UTF-8 with the encoding it was written in (e.g. iconv -f "
                        "CODEPAGE -t utf-8 in.csv > out.csv), or read it with read_survey"
                        ) from None
                size += dst.write(text.encode("utf-8"))
                done += len(chunk)
                if not chunk:
                    break
        copies.append(str(target))
    return copies, size
