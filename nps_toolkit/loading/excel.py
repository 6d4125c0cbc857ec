"""Excel workbooks' own traps: merged cells (the value sits in the first cell only) and
formulas saved without a value (a workbook written by a script)."""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from ..i18n import tr
from .report import LoadReport


@contextmanager
def _quiet_openpyxl() -> Iterator[None]:
    """openpyxl's warnings about what it does not keep of a workbook (conditional formats,
    data validation, a missing default style) say nothing about the cells read: not shown."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
        yield


def _fill_merged(path: Path, sheet: str | int, raw: pd.DataFrame, report: LoadReport
                 ) -> pd.DataFrame:
    """Cells merged in Excel (a region over several rows) hold their value only in the first
    cell; give every cell of the range that value, and say so."""
    try:
        import openpyxl

        with _quiet_openpyxl():
            book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except Exception:
        return raw
    ws = book[sheet] if isinstance(sheet, str) else book.worksheets[sheet]
    _say_hidden(ws, report)
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
        report.notes.append(tr("filled {cells:,} cell(s) of {ranges:,} merged range(s) with the "
                               "merged value (Excel keeps it in the first cell only).",
                               cells=filled, ranges=len(ws.merged_cells.ranges)))
    return out


def _spans(numbers: list[int]) -> str:
    """``[5, 6, 7, 9]`` -> ``"5-7, 9"`` (the first ten spans)."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    shown = ", ".join(f"{a}-{b}" if b > a else f"{a}" for a, b in spans[:10])
    return shown + (" ..." if len(spans) > 10 else "")


def _say_hidden(ws: Any, report: LoadReport) -> None:
    """Rows and columns hidden in the sheet (by hand, or by a filter: an analyst who filtered
    the export to one region sees a fraction of the rows) are read like the others; said,
    with Excel's row numbers and column letters, so the count read is no surprise."""
    from openpyxl.utils import get_column_letter

    last_row, last_col = ws.max_row, ws.max_column
    rows = sorted(r for r, d in ws.row_dimensions.items()
                  if d.hidden and r <= last_row)
    cols = sorted({i for d in ws.column_dimensions.values()
                   if d.hidden and d.min for i in range(d.min, (d.max or d.min) + 1)
                   if i <= last_col})
    filtered = bool(ws.auto_filter.ref)
    if rows:
        report.notes.append(tr(
            "{n:,} row(s) of the sheet are hidden{how} (Excel rows {rows}): they are read like "
            "every other row. If they were hidden to leave them out, delete them (or copy the "
            "visible rows to a new sheet) and read the file again.", n=len(rows),
            how=tr(" by a filter") if filtered else "", rows=_spans(rows)))
    if cols:
        report.notes.append(tr("column(s) {columns} of the sheet are hidden: they are read like "
                               "the others.", columns=", ".join(get_column_letter(i)
                                                                for i in cols[:10])))


# a formula cell whose saved value is empty or absent: ``<f>4+5</f><v/>``, ``<f>..</f></c>``
# or a shared formula ``<f t="shared" si="0"/>`` with no value
_NO_VALUE = re.compile(rb"</f>\s*(?:<v\s*/>|<v>\s*</v>|</c>)|<f\b[^>]*/>\s*(?:<v\s*/>|</c>)")


def _has_unsaved_formulas(path: Path) -> bool:
    """Whether any worksheet of an .xlsx holds a formula without a saved value (a file written
    by a script: only Excel or LibreOffice calculate and store formula results). Streams each
    sheet's XML in 4 MB pieces."""
    try:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with zf.open(name) as xml:
                    tail = b""
                    while chunk := xml.read(4 << 20):
                        if _NO_VALUE.search(tail + chunk):
                            return True
                        tail = chunk[-256:]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    return False


def _unsaved_formulas(path: Path, sheet: str | int, raw: pd.DataFrame, report: LoadReport
                      ) -> pd.DataFrame:
    """Cells that hold a formula never calculated read as blank through the saved values;
    put the formula text there instead (``=4+5`` is then listed as "not a number", never
    counted as a blank answer) and say so."""
    if not _has_unsaved_formulas(path):
        return raw
    import openpyxl

    with _quiet_openpyxl():
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = book[sheet] if isinstance(sheet, str) else book.worksheets[sheet]
        found = [(c.row - 1, c.column - 1, c.value) for row in ws.iter_rows() for c in row
                 if c.data_type == "f" and isinstance(c.value, str)]
    finally:
        book.close()
    found = [(r, c, v) for r, c, v in found
             if r < len(raw) and c < raw.shape[1] and pd.isna(raw.iat[r, c])]
    if not found:
        return raw
    out = raw.copy()
    for r, c, v in found:
        out.iat[r, c] = v
    from openpyxl.utils import get_column_letter

    shown = ", ".join(f"{get_column_letter(c + 1)}{r + 1} {v!r}" for r, c, v in found[:3])
    report.notes.append(
        tr("{n:,} cell(s) hold a formula that was never calculated (the file was saved by a "
           "program, not by Excel, so no value is stored), e.g. {shown}: they are read as the "
           "formula's text, not as blanks. Open the file in Excel or LibreOffice and save it "
           "to store the values.", n=len(found), shown=shown))
    return out


def _sheet_names(source: object) -> list[str]:
    """The sheet names of an Excel or OpenDocument workbook at ``source``, in order; [] for
    anything else (a data frame, a CSV, a workbook that cannot be opened)."""
    if not isinstance(source, (str, Path)) or Path(source).suffix.lower() not in (
            ".xlsx", ".xlsm", ".xls", ".ods"):
        return []
    suffix = Path(source).suffix.lower()
    try:  # (an .xls needs python-calamine, as files.py reads it: without it, no names here
        # and the read says what to install)
        with _quiet_openpyxl(), pd.ExcelFile(
                source, **({"engine": "calamine"} if suffix == ".xls" else {})) as book:
            return [str(n) for n in book.sheet_names]
    except (OSError, ValueError, ImportError, zipfile.BadZipFile):
        return []


def _read_sheets(read: Callable[[str | int], tuple[pd.DataFrame, LoadReport]],
                 names: list[str]) -> tuple[pd.DataFrame, LoadReport]:
    """read_survey without ``sheet=``: the first sheet, or when it holds no recommend question
    (a cover or summary sheet) the first sheet that does; then the other sheets holding the
    same columns (a sheet per month, wave or region) are read too and stacked under it, each
    row with its sheet's name in a ``sheet`` column, their exclusions named ``'Sheet'!row``
    as a spreadsheet names a row - all said. ``read`` reads one sheet; ``names`` are the
    workbook's sheets ([] for another file)."""
    from ..errors import ColumnNotFoundError

    first = None
    for at, name in enumerate(names or [0]):
        try:
            df, report = read(name if names else 0)
        except (ColumnNotFoundError, ValueError):
            if at == 0 and len(names) < 2:
                raise
            continue
        first = name
        break
    if first is None:
        read(0)  # no sheet holds the recommend question: the first sheet's error
    if names and first != names[0]:
        report.notes.insert(0, tr("sheet {sheet!r} read: the first sheet ({first!r}) holds no "
                                  "0-10 recommend question (sheet= to read another).",
                                  sheet=first, first=names[0]))
    stacked = [(first, df, report)]
    for name in names[names.index(first) + 1:] if names else []:
        try:
            other, said = read(name)
        except (ColumnNotFoundError, ValueError):
            continue
        if said.columns == report.columns and list(other.columns) == list(df.columns):
            stacked.append((name, other, said))
    return _stacked(stacked) if len(stacked) > 1 else (df, report)


def _stacked(parts: list[tuple[str, pd.DataFrame, LoadReport]]
             ) -> tuple[pd.DataFrame, LoadReport]:
    """Sheets read alike, one under the other, with a ``sheet`` column and one report."""
    import copy

    label = "sheet" if "sheet" not in parts[0][1].columns else "source sheet"
    out = pd.concat([df.assign(**{label: name}) for name, df, _ in parts], ignore_index=True)
    report = copy.deepcopy(parts[0][2])
    report.rows_read = sum(r.rows_read for _, _, r in parts)
    report.rows_kept = sum(r.rows_kept for _, _, r in parts)
    reasons = dict.fromkeys(reason for _, _, r in parts for reason in r.excluded)
    report.excluded = {reason: [f"'{name}'!{row}" for name, _, r in parts
                                for row in r.excluded.get(reason, [])] for reason in reasons}
    for name, _, r in parts[1:]:
        report.notes.extend(f"[{name}] {note}" for note in r.notes
                            if note not in parts[0][2].notes)
    report.notes.insert(0, tr("sheets {sheets} hold the same columns: read one under the other "
                              "({n:,} rows kept), each row's sheet in column {label!r}.",
                              sheets=", ".join(repr(n) for n, _, _ in parts),
                              n=report.rows_kept, label=label))
    out = _dated_by_sheet(out, [name for name, _, _ in parts], label, report)
    out.attrs = dict(parts[0][1].attrs)
    out.attrs["load_report"] = report
    return out, report


def _dated_by_sheet(out: pd.DataFrame, names: list[str], label: str,
                    report: LoadReport) -> pd.DataFrame:
    """Stacked sheets named for months or quarters (``January 2025``, ``2025-02``, ``Q1
    2025``, ``Mars 2025``) date their rows by the period's first day when the sheets hold no
    date of their own; named for years or waves (``2024``, ``Wave 2``), they number them in
    a ``wave`` column: the trend review's periods (they were a column no finder used). Said;
    unchanged otherwise."""
    from .long import _period
    from .rolenames import _norm

    found = [_period(_norm(n).split()) for n in names]
    if any(f is None for f in found) or len({f[0] for f in found}) != 1:
        return out
    kind = found[0][0]
    by_sheet = dict(zip(names, found, strict=True))
    if kind in ("month", "quarter") and "date" not in out.columns:
        starts = {n: pd.Timestamp(year=f[1][0], month=f[1][1] if kind == "month"
                                  else 3 * f[1][1] - 2, day=1) for n, f in by_sheet.items()}
        out = out.assign(date=out[label].map(starts).astype("datetime64[us]"))
        report.columns["date"] = label
        example = f"{names[0]!r} -> {starts[names[0]]:%Y-%m-%d}"
        report.notes.append(
            tr("the sheets are named for months: each row is dated by the first day of its "
               "sheet's month ({example}), the trend review's periods.", example=example)
            if kind == "month" else
            tr("the sheets are named for quarters: each row is dated by the first day of its "
               "sheet's quarter ({example}), the trend review's periods.", example=example))
    elif kind in ("year", "wave") and "wave" not in out.columns and "date" not in out.columns:
        out = out.assign(wave=out[label].map({n: f[2] for n, f in by_sheet.items()}))
        report.notes.append(tr("the sheets are named for survey waves or years ({sheets}): "
                               "their numbers are in column 'wave', the trend review's "
                               "periods.", sheets=", ".join(repr(n) for n in names[:4])))
    return out

