"""Excel workbooks' own traps: merged cells (the value sits in the first cell only) and
formulas saved without a value (a workbook written by a script)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd

from ..i18n import tr
from .report import LoadReport


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
        report.notes.append(tr("filled {cells:,} cell(s) of {ranges:,} merged range(s) with the "
                               "merged value (Excel keeps it in the first cell only).",
                               cells=filled, ranges=len(ws.merged_cells.ranges)))
    return out


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
    try:
        with pd.ExcelFile(source) as book:
            return [str(n) for n in book.sheet_names]
    except (OSError, ValueError, zipfile.BadZipFile):
        return []
