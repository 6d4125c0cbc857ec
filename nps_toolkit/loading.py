"""Loading real survey exports: ``read_survey``.

Real exports are messy: Windows encodings, semicolons, extra header rows (Qualtrics,
SurveyMonkey), score cells such as "10 - Extremely likely", R-style ``NA``, duplicate
submissions. ``read_survey`` turns them into one clean pandas frame with canonical column names
(``score``, ``comment``, ``date``, ``customer_id``, ``response_id``) and a :class:`LoadReport`
that accounts for every row it did not keep.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import narwhals as nw
import numpy as np
import pandas as pd

from .errors import ColumnNotFoundError, InvalidScoreError, describe_examples

__all__ = ["LoadReport", "read_survey"]

CANONICAL = ("score", "comment", "date", "customer_id", "response_id")
REASONS = ("blank score", "not a number", "not a whole number", "out of range",
           "duplicate response")
_NA_TOKENS = {"", "na", "n/a", "nan", "null", "none", "#n/a"}


@dataclass
class LoadReport:
    """What ``read_survey`` read, recognised, kept and excluded.

    Attributes
    ----------
    source : str
        File path or ``"<DataFrame>"``.
    file_format : str
        ``csv``, ``excel``, ``parquet`` or ``dataframe``.
    vendor : str
        Recognised export layout (``qualtrics``, ``surveymonkey``, ``typeform``,
        ``google_forms``, ``delighted``) or ``generic``.
    encoding, delimiter : str or None
        What was detected for text files.
    header_rows : int
        Rows before the first response (1 for a plain CSV, 3 for Qualtrics).
    columns : dict
        Canonical name -> the original column it came from.
    rows_read, rows_kept : int
        Responses in the source, and in the returned frame.
    excluded : dict
        Reason -> row numbers. For files, row numbers are as a spreadsheet shows them
        (header rows included, first row is 1); for data frames, index labels.
    notes : list of str
        Everything else worth knowing (dropped row-number column, unparsed dates, ...).
    """

    source: str
    file_format: str
    vendor: str = "generic"
    encoding: str | None = None
    delimiter: str | None = None
    header_rows: int = 1
    columns: dict[str, str] = field(default_factory=dict)
    rows_read: int = 0
    rows_kept: int = 0
    excluded: dict[str, list[Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def rows_excluded(self) -> int:
        return sum(len(v) for v in self.excluded.values())

    def to_frame(self) -> pd.DataFrame:
        """One row per exclusion reason: reason, count and the (first 50) row numbers."""
        return pd.DataFrame(
            [{"reason": r, "rows": len(v), "row_numbers": ", ".join(map(str, v[:50]))
              + (" ..." if len(v) > 50 else "")} for r, v in self.excluded.items() if v],
            columns=["reason", "rows", "row_numbers"],
        )

    def __str__(self) -> str:
        lines = [f"Loaded {self.source} ({self.file_format}"
                 + (f", {self.vendor} export" if self.vendor != "generic" else "")
                 + (f", encoding {self.encoding}" if self.encoding else "")
                 + (f", delimiter {self.delimiter!r}" if self.delimiter else "") + ")",
                 f"Rows read: {self.rows_read:,}; kept: {self.rows_kept:,}; "
                 f"excluded: {self.rows_excluded:,}"]
        for reason, rows in self.excluded.items():
            if rows:
                shown = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
                lines.append(f"  - {reason}: {len(rows):,} (rows {shown})")
        if self.columns:
            lines.append("Columns: " + ", ".join(f"{k} <- {v!r}" for k, v in self.columns.items()))
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return "<pre class='nps-load-report'>" + html.escape(str(self)) + "</pre>"


# --------------------------------------------------------------------------- detection
def _norm(text: Any) -> str:
    """Lower-case, accents stripped, punctuation to single spaces."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9#]+", " ", s.lower()).strip()


_SCORE_NAMES = ["nps", "score", "nps score", "net promoter score", "ltr", "nps rating",
                "likelihood to recommend", "likely to recommend", "recommend", "rating",
                "recommendation", "recommendation score", "note", "note nps"]
_SCORE_WORDS = [r"\bhow likely\b.*\brecommend", r"\brecommend", r"\bnps\b", r"net promoter",
                r"\brecommand", r"\brecomendar", r"\bempfehlen", r"\bscore\b", r"\brating\b"]
_COMMENT_WORDS = [r"most important reason", r"\breason", r"\bwhy\b", r"\bcomments?\b",
                  r"\bfeedback\b", r"\bexplanation\b", r"\bexplication\b", r"\bcommentaires?\b",
                  r"\bverbatim\b", r"open ended", r"\bremarks?\b", r"\bsuggestions?\b",
                  r"\bwhat could we\b", r"\bmotivo\b", r"\bbegrundung\b", r"\btext\b",
                  r"\bfollow ?up\b"]
_DATE_NAMES = ["recorded date", "recordeddate", "end date", "enddate", "submitted at",
               "submit date utc", "response timestamp", "responded at", "response date",
               "survey date", "completed", "completion date", "timestamp", "created at",
               "date", "datetime", "start date", "startdate", "time"]
_CUSTOMER_NAMES = ["customer id", "customerid", "customer", "client id", "clientid",
                   "account id", "accountid", "user id", "userid", "contact id", "person id",
                   "member id", "external reference", "externalreference", "externaldatareference",
                   "customer email", "email", "email address", "recipient email",
                   "recipientemail", "respondent email"]
_RESPONSE_NAMES = ["response id", "responseid", "respondent id", "respondentid",
                   "submission id", "response", "#", "id", "token"]


def _first_exact(columns: list[str], names: list[str], taken: set[str]) -> str | None:
    normed = {c: _norm(c) for c in columns if c not in taken}
    for name in names:
        for c, n in normed.items():
            if n == name:
                return c
    return None


def _first_pattern(columns: list[str], texts: dict[str, str], patterns: list[str],
                   taken: set[str], accept: Callable[[str], bool]) -> str | None:
    for pat in patterns:
        for c in columns:
            if c in taken:
                continue
            hay = _norm(c) + " " + _norm(texts.get(c, ""))
            if re.search(pat, hay) and accept(c):
                return c
    return None


_SCORE_RE = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*(?:$|[-–—:/(\[]|\s)")


def _parse_scores(raw: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised parse of score cells. Returns (values as float, kind codes).

    Kind: 0 ok, 1 blank, 2 not a number, 3 not a whole number, 4 out of range.
    """
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        values = raw.to_numpy(dtype=np.float64, na_value=np.nan)
        kind = np.where(np.isnan(values), 1, 0)
    else:
        text = raw.astype("string").str.strip()
        blank = text.isna() | text.str.lower().isin(_NA_TOKENS)
        number = text.str.extract(_SCORE_RE, expand=False).str.replace(",", ".", regex=False)
        values = pd.to_numeric(number, errors="coerce").to_numpy(dtype=np.float64,
                                                                   na_value=np.nan)
        blank_np = blank.to_numpy(dtype=bool, na_value=True)
        kind = np.where(blank_np, 1, np.where(np.isnan(values), 2, 0))
    ok = kind == 0
    whole = values == np.floor(values)
    kind = np.where(ok & ~whole, 3, kind)
    kind = np.where((kind == 0) & ((values < 0) | (values > 10)), 4, kind)
    return values, kind


def _score_like(series: pd.Series, share: float = 0.5) -> bool:
    """At least ``share`` of the non-blank cells (of the first 500) parse as numbers 0-10.

    A column *named* like a score needs less evidence (``share=0.2``): if it is messy, the
    invalid-score error that follows says so, which beats silently picking another column.
    """
    sample = series.head(500)
    _, kind = _parse_scores(sample)
    nonblank = kind != 1
    return nonblank.sum() > 0 and (kind[nonblank] == 0).mean() >= share


def _text_like(series: pd.Series) -> bool:
    if pd.api.types.is_numeric_dtype(series.dtype):
        return False
    sample = series.dropna().astype(str).head(500)
    if sample.empty:
        return True
    return (pd.to_numeric(sample, errors="coerce").isna()).mean() >= 0.5


def _detect(frame: pd.DataFrame, texts: dict[str, str], overrides: dict[str, str | None],
            notes: list[str]) -> dict[str, str]:
    """Map canonical names to columns of ``frame``. Overrides win; None disables a role."""
    cols = [str(c) for c in frame.columns]
    found: dict[str, str] = {}
    taken: set[str] = set()
    for role, value in overrides.items():
        if value is not None and value is not False:
            if value not in frame.columns:
                raise ColumnNotFoundError(
                    f"{role}={value!r} is not a column of the file; columns are {cols[:40]}")
            found[role] = value
            taken.add(value)

    def want(role: str) -> bool:
        return role not in found and overrides.get(role, "auto") is not False

    if want("score"):
        cand = _first_exact(cols, _SCORE_NAMES, taken)
        if cand is not None and not _score_like(frame[cand], share=0.2):
            cand = None
        if cand is None:
            cand = _first_pattern(cols, texts, _SCORE_WORDS, taken,
                                  lambda c: _score_like(frame[c]))
        if cand is None:
            raise ColumnNotFoundError(
                "could not find the 0-10 recommend score column: no column is named like "
                "'NPS'/'score'/'rating' or asks 'How likely are you to recommend...' with "
                f"mostly 0-10 values. Columns are {cols[:40]}. Pass score='<column>'."
            )
        found["score"] = cand
        taken.add(cand)
    if want("comment"):
        cand = _first_pattern(cols, texts, _COMMENT_WORDS, taken, lambda c: _text_like(frame[c]))
        if cand:
            found["comment"] = cand
            taken.add(cand)
    if want("date"):
        cand = _first_exact(cols, _DATE_NAMES, taken)
        if cand:
            found["date"] = cand
            taken.add(cand)
    if want("customer_id"):
        empty = {c for c in cols if frame[c].isna().all()
                 or frame[c].astype("string").str.strip().eq("").all()}
        cand = _first_exact(cols, _CUSTOMER_NAMES, taken | empty)
        if cand:
            found["customer_id"] = cand
            taken.add(cand)
    if want("response_id"):
        for name in _RESPONSE_NAMES:
            cand = _first_exact(cols, [name], taken)
            if cand and frame[cand].notna().all() and frame[cand].is_unique:
                found["response_id"] = cand
                taken.add(cand)
                break
            if cand and name not in ("#", "id", "response", "token"):
                found["response_id"] = cand  # named as an id: duplicates are real duplicates
                taken.add(cand)
                break
    return found


# --------------------------------------------------------------------------- reading files
def _detect_encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
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
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
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


def _read_bytes(path: Path) -> bytes:
    """File bytes, decompressed for .gz/.bz2/.xz/.zip (a zip must hold exactly one file)."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        import gzip

        return gzip.decompress(path.read_bytes())
    if suffix == ".bz2":
        import bz2

        return bz2.decompress(path.read_bytes())
    if suffix == ".xz":
        import lzma

        return lzma.decompress(path.read_bytes())
    if suffix == ".zip":
        import zipfile

        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]
            if len(names) != 1:
                raise ValueError(f"{path} holds {len(names)} files; read_survey reads a zip "
                                 "with exactly one CSV in it: unzip it and pass the file")
            return zf.read(names[0])
    return path.read_bytes()


def _read_file(path: Path, *, sheet: str | int, encoding: str | None, delimiter: str | None,
               report: LoadReport) -> tuple[pd.DataFrame, dict[str, str]]:
    suffix = path.suffix.lower()
    if suffix in _COMPRESSED:
        suffix = Path(path.stem).suffix.lower() or ".csv"
    if suffix in (".parquet", ".pq"):
        report.file_format, report.header_rows = "parquet", 1
        return pd.read_parquet(path), {}
    if suffix in (".xlsx", ".xlsm", ".xls"):
        report.file_format = "excel"
        raw = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object)
        if raw.empty:
            raise ValueError(f"{path} sheet {sheet!r} is empty")
        vendor, h, names, texts = _layout(raw.head(5).astype("string"))
        body = raw.iloc[h:].reset_index(drop=True)
        body.columns = names[: body.shape[1]] + [f"column_{i + 1}"
                                                  for i in range(len(names), body.shape[1])]
        body = body.infer_objects()
        report.vendor, report.header_rows = vendor, h
        return body, texts
    if suffix not in (".csv", ".tsv", ".txt", ".tab", ""):
        raise ValueError(f"unsupported file type {suffix!r} for {path}; read_survey reads CSV, "
                         "TSV, Excel (.xlsx) and Parquet files, or a data frame")
    data = _read_bytes(path)
    if not data.strip():
        raise ValueError(f"{path} is empty")
    report.file_format = "csv"
    enc = encoding or _detect_encoding(data)
    text = data.decode(enc)
    sep = delimiter or _detect_delimiter(text, suffix)
    report.encoding, report.delimiter = enc, sep
    try:
        head = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, nrows=5,
                           keep_default_na=False, skip_blank_lines=False)
        vendor, h, names, texts = _layout(head)
        report.vendor, report.header_rows = vendor, h
        body = pd.read_csv(io.StringIO(text), sep=sep, header=None, skiprows=h, names=names,
                           dtype=str, keep_default_na=False, skip_blank_lines=False,
                           index_col=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ValueError(
            f"{path} could not be read as a table with delimiter {sep!r} (encoding {enc}): "
            f"{str(exc).strip()}. Check that it is a CSV/TSV export; if the delimiter or "
            "encoding is wrong, pass delimiter=... or encoding=...; a row with more fields than "
            "the header usually means an unquoted delimiter inside a comment."
        ) from exc
    return body, texts


def _infer_types(frame: pd.DataFrame, keep_text: set[str]) -> pd.DataFrame:
    """Numbers stored as text become numbers (columns not in ``keep_text``); NA tokens -> NA.

    In text columns (comments, ids) only an empty cell or R's exact ``NA`` is missing: a
    customer who typed "n/a" or "na" gave a non-answer that the text analysis counts.
    """
    out = {}
    for c in frame.columns:
        s = frame[c]
        if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            stripped = s.astype("string")
            if c in keep_text:
                na = stripped.isna() | stripped.isin(["", "NA"])
            else:
                na = stripped.str.strip().str.lower().isin(_NA_TOKENS) | stripped.isna()
            s = s.mask(na.to_numpy(dtype=bool))
            if c not in keep_text:
                num = pd.to_numeric(s, errors="coerce")
                if num.notna().sum() == s.notna().sum() and s.notna().any():
                    s = num
        out[c] = s
    return pd.DataFrame(out, index=frame.index)


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


def _parse_dates(values: pd.Series, notes: list[str], column: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values
    text = values.astype("string").str.strip()
    try:
        parsed = pd.to_datetime(text, format="ISO8601", errors="raise")
    except (ValueError, TypeError):
        try:
            parsed = pd.to_datetime(text, format="mixed", errors="coerce")
        except (ValueError, TypeError):
            parsed = pd.to_datetime(text, format="mixed", errors="coerce", utc=True)
            notes.append(f"date column {column!r} mixes time zones: converted to UTC.")
    bad = parsed.isna() & text.notna() & (text != "")
    if bad.any():
        notes.append(f"{int(bad.sum())} value(s) in date column {column!r} could not be read "
                     f"as dates (e.g. {list(text[bad].head(3))!r}); they are kept as missing "
                     "dates, the responses are kept.")
    return parsed


# --------------------------------------------------------------------------- main entry
def read_survey(
    source: str | Path | Any,
    *,
    score: str | None = None,
    comment: str | Literal[False] | None = None,
    date: str | Literal[False] | None = None,
    customer_id: str | Literal[False] | None = None,
    response_id: str | Literal[False] | None = None,
    on_invalid: Literal["raise", "exclude"] = "raise",
    drop_duplicates: bool = True,
    sheet: str | int = 0,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> tuple[pd.DataFrame, LoadReport]:
    """Read a survey export (or a data frame) into a clean frame and an account of what happened.

    Parameters
    ----------
    source : path or data frame
        CSV/TSV (encoding and delimiter detected), Excel (``.xlsx``), Parquet, or a pandas,
        polars or pyarrow data frame. Qualtrics (3 header rows), SurveyMonkey (2 header rows),
        Typeform, Google Forms and Delighted exports are recognised.
    score, comment, date, customer_id, response_id : str, optional
        The column to use for each role. By default each is detected from column names and
        question text ("How likely are you to recommend ...", "NPS", "score", "rating";
        "reason", "comment", "feedback", "explication"; "Recorded Date", "Submitted At",
        "Timestamp"...). ``False`` turns detection of that role off.
    on_invalid : {"raise", "exclude"}
        What to do with scores that are not numbers, not whole, or outside 0-10: raise an
        :class:`InvalidScoreError` naming the column and rows (default), or exclude those rows
        and list them in the report. Blank scores are always excluded and counted.
    drop_duplicates : bool, default True
        Exclude repeated responses: same ``response_id``, or, without one, rows identical in
        every column when the data has a customer id or a date (plain identical score rows are
        legitimate and kept).
    sheet : str or int
        Excel sheet.
    encoding, delimiter : str, optional
        Override detection for text files.

    Returns
    -------
    (pandas.DataFrame, LoadReport)
        The frame has ``score`` as a small nullable integer, ``comment`` as text, ``date`` as
        datetime and the id columns, under those names, and every other column as it was.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"How likely are you to recommend us?": ["10 - Extremely likely",
    ...                     " 8 ", "", "0 (Not at all likely)"], "Why?": ["Fast", "", "", "Slow"]})
    >>> df, report = read_survey(raw)
    >>> df["score"].tolist()
    [10, 8, 0]
    >>> report.excluded["blank score"]
    [2]
    """
    if on_invalid not in ("raise", "exclude"):
        raise ValueError(f"on_invalid must be 'raise' or 'exclude', got {on_invalid!r}")
    report = LoadReport(source="<DataFrame>", file_format="dataframe", header_rows=0)
    texts: dict[str, str] = {}
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(f"no such file: {path}")
        report.source = str(path)
        raw, texts = _read_file(path, sheet=sheet, encoding=encoding, delimiter=delimiter,
                                report=report)
        row_numbers = np.arange(len(raw)) + report.header_rows + 1
        from_file = True
    else:
        if isinstance(source, pd.DataFrame):
            raw = source.copy()
        else:
            try:
                raw = nw.from_native(source, eager_only=True).to_pandas()
            except TypeError as exc:
                raise TypeError("source must be a file path or a data frame, got "
                                f"{type(source).__name__}") from exc
        raw.columns = [str(c) for c in raw.columns]
        if len(raw) >= 2 and sum(_is_import_id(v) for v in raw.iloc[1]) >= max(
                1, raw.shape[1] // 2):
            texts = dict(zip(raw.columns, raw.iloc[0].astype(str), strict=False))
            raw = raw.iloc[2:]
            report.vendor = "qualtrics"
            report.notes.append("dropped the two Qualtrics header rows (question text, "
                                "ImportId) found at the top of the data frame.")
        row_numbers = np.asarray(raw.index)
        from_file = False

    report.rows_read = len(raw)
    notes = report.notes
    # An unnamed first column numbering the rows (R's write.csv, pandas' to_csv) is an index.
    first = str(raw.columns[0]) if raw.shape[1] else ""
    if raw.shape[1] > 1 and (first in ("", "column_1") or first.startswith("Unnamed")):
        nums = pd.to_numeric(raw.iloc[:, 0], errors="coerce")
        if nums.notna().all() and (np.diff(nums.to_numpy()) == 1).all():
            raw = raw.drop(columns=raw.columns[0])
            notes.append("dropped the unnamed first column: it only numbers the rows "
                         "(an R or pandas row index).")

    overrides = {"score": score, "comment": comment, "date": date,
                 "customer_id": customer_id, "response_id": response_id}
    mapping = _detect(raw, texts, overrides, notes)
    score_col = mapping["score"]
    keep_text = {v for k, v in mapping.items() if k in ("score", "comment", "customer_id",
                                                        "response_id")}
    frame = _infer_types(raw, keep_text) if from_file or raw.dtypes.eq(object).any() else raw
    if report.encoding in ("latin-1", "cp1252"):
        frame = _repair_c1(frame if frame is not raw else frame.copy(), notes)
    values, kind = _parse_scores(raw[score_col])

    excluded: dict[str, list[Any]] = {r: [] for r in REASONS}
    invalid = kind >= 2
    if invalid.any() and on_invalid == "raise":
        pos = np.flatnonzero(invalid)
        originals = list(raw[score_col].iloc[pos[:5]])
        labels = [f"row {row_numbers[p]}" for p in pos[:5]]
        kinds = {2: "not a number", 3: "not a whole number", 4: "out of range"}
        summary = ", ".join(f"{(kind == k).sum()} {label}" for k, label in kinds.items()
                            if (kind == k).any())
        raise InvalidScoreError(
            f"score column {score_col!r} has {len(pos)} invalid value(s) ({summary}): "
            f"{describe_examples(labels, originals, len(pos))}. Scores must be whole numbers "
            "0-10. Fix the file, or pass on_invalid='exclude' to leave those rows out with an "
            "account in the load report.",
            column=score_col, positions=list(row_numbers[pos[:5]]), values=originals,
            count=len(pos),
        )
    for code, reason in ((1, "blank score"), (2, "not a number"), (3, "not a whole number"),
                         (4, "out of range")):
        excluded[reason] = [_py(x) for x in row_numbers[kind == code]]
    keep = kind == 0

    out = frame.copy()
    out[score_col] = pd.array(np.where(keep, values, np.nan), dtype="Float64").astype("Int8")
    if drop_duplicates:
        dup = np.zeros(len(out), dtype=bool)
        if "response_id" in mapping:
            ids = out[mapping["response_id"]]
            dup = (ids.duplicated(keep="first") & ids.notna()).to_numpy() & keep
        elif "customer_id" in mapping or "date" in mapping:
            dup = out.duplicated(keep="first").to_numpy() & keep
        excluded["duplicate response"] = [_py(x) for x in row_numbers[dup]]
        keep &= ~dup
    out = out.loc[keep]

    rename = {v: k for k, v in mapping.items() if v != k}
    clash = [k for k in rename.values() if k in out.columns and k not in mapping.values()]
    if clash:
        out = out.rename(columns={c: f"{c}_original" for c in clash})
        notes.append("renamed existing column(s) " + ", ".join(repr(c) for c in clash)
                     + " to '<name>_original' to make room for the detected columns.")
    out = out.rename(columns=rename)
    if "date" in mapping:
        out["date"] = _parse_dates(out["date"], notes, mapping["date"])
    if "comment" in mapping:
        out["comment"] = out["comment"].astype("string")
    out = out.reset_index(drop=True) if from_file else out
    report.columns = dict(mapping)
    report.rows_kept = len(out)
    report.excluded = {k: v for k, v in excluded.items() if v}
    out.attrs["load_report"] = report
    return out, report


def _py(x: Any) -> Any:
    return x.item() if hasattr(x, "item") else x
