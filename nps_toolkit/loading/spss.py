"""SPSS and Stata exports (.sav, .zsav, .por, .dta), as survey platforms and research agencies
deliver them: answers stored as codes with value labels, questions as variable labels.

The codes are not always the answers. A 0-10 question exported by its position in the
list is coded 1-11 (Qualtrics' "numeric values" without recoding), and only the value labels
("0", ..., "10 - Extremely likely") say so: read as they are, every score would be one point
too high and a 10 would be out of range. Here each labelled column is read by its labels
where they say what the codes mean, and the load report says which columns were read so.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import tr
from .report import LoadReport
from .scores import _SCORE_RE

#: SPSS numeric formats without decimals (F8.0, N5, COMMA10.0): whole numbers
_WHOLE_FORMAT = re.compile(r"^(?:F|N|COMMA|DOT|E|Z)\d+(?:\.0)?$")
#: Stata's integer storage types, as ReadStat names them
_INTEGERS = frozenset({"int8", "int16", "int32"})


def _read_spss(path: Path, suffix: str, report: LoadReport
               ) -> tuple[pd.DataFrame, dict[str, str]]:
    """An SPSS (or Stata) file's answers with its value labels applied where they say what the codes
    mean (:func:`_by_labels`), and its variable labels as the question texts that column
    detection reads (like the question row of a Qualtrics CSV). User-missing codes (SPSS
    "missing values", e.g. 99 = "Don't know" declared missing) are missing. Read by pyreadstat
    (ReadStat, the library R's haven uses)."""
    import pyreadstat

    package = "Stata" if suffix == ".dta" else "SPSS"
    read = {".por": pyreadstat.read_por, ".dta": pyreadstat.read_dta}.get(suffix,
                                                                          pyreadstat.read_sav)
    try:
        frame, meta = read(str(path))
    except Exception as exc:  # pyreadstat raises its own ReadstatError / PyreadstatError
        raise ValueError(f"{path} could not be read as an {package} {suffix} file ({exc}); is "
                         "it a complete export? Save it again, or export CSV") from exc
    report.file_format, report.header_rows = package.lower(), 0
    texts = {c: str(label) for c, label in meta.column_names_to_labels.items() if label}
    formats = meta.original_variable_types or {}
    stored = meta.readstat_variable_types or {}  # Stata keeps whole numbers as integers
    columns: dict[str, Any] = {}
    for c in frame.columns:
        s = frame[c]
        labels = meta.variable_value_labels.get(c)
        if labels and pd.api.types.is_numeric_dtype(s.dtype):
            s = _by_labels(s, labels, report, package)
        if pd.api.types.is_float_dtype(s.dtype) and (
                _WHOLE_FORMAT.match(formats.get(c, "")) or stored.get(c) in _INTEGERS):
            whole = s.dropna()
            if (whole == np.round(whole)).all() and (whole.abs() < 2**53).all():
                s = s.astype("Int64")  # an id or a count: 123, not 123.0
        if pd.api.types.is_string_dtype(s.dtype):
            s = s.mask(s.eq(""))  # SPSS pads no value as an empty string: a blank cell
        columns[c] = s
    return pd.DataFrame(columns, index=frame.index), texts


def _by_labels(s: pd.Series, labels: dict[Any, str], report: LoadReport,
               package: str = "SPSS") -> pd.Series:
    """A numeric SPSS or Stata column read through its value labels.

    - Labels that state a number as a score cell does ("0", "10 - Extremely likely", see
      ``_SCORE_RE``; not "25-34" or "Under 25"): where they differ from their codes by one
      same offset (codes 1-11 for answers 0-10), every code is shifted by it, and a code
      labelled with words only ("Don't know") becomes its label, which the score check then
      reports. Labels that agree with their codes change nothing.
    - Labels that are words and name every code in the column (regions, plans, agree/
      disagree): the labels, as text.
    - Otherwise (words on the ends of a scale only, "Very dissatisfied" = 1 ... 5): the codes.
    The report says which columns were read by their labels.
    """
    present = pd.unique(s.dropna())
    stated = {}
    for code, label in labels.items():
        m = _SCORE_RE.match(str(label))
        if m and re.fullmatch(r"[+-]?\d+", m.group(1)):
            stated[code] = int(m.group(1))
    column = str(s.name)
    if stated:
        offsets = {number - code for code, number in stated.items()}
        if offsets == {0} or len(offsets) != 1 or not float(next(iter(offsets))).is_integer():
            return s  # the codes are the answers (or no single rule: kept, as coded)
        offset = int(next(iter(offsets)))
        shifted = s + offset
        words = {code: str(label) for code, label in labels.items() if code not in stated}
        hit = s.isin(list(words))
        first = min(stated)
        report.notes.append(tr(
            "{package} column {column!r}: its value labels say code {code:g} is the answer "
            "{number} ({label!r}): the codes were read as the answers they stand for "
            "({shift:+d}).", package=package, column=column, code=first,
            number=stated[first], label=str(labels[first]), shift=offset))
        if not hit.any():
            return shifted
        out = shifted.astype("object").where(~hit, s.map(words))
        return pd.Series(out.map(lambda v: v if isinstance(v, str) or pd.isna(v)
                                 else f"{v:g}"), index=s.index, name=s.name, dtype="string")
    if len(present) and all(code in labels for code in present):
        report.notes.append(tr("{package} column {column!r}: read as its value labels (e.g. "
                               "{code:g} = {label!r}).", package=package, column=column,
                               code=present[0], label=str(labels[present[0]])))
        return pd.Series(s.map(labels), index=s.index, name=s.name, dtype="string")
    return s
