"""Any supported data frame or relation to narwhals or pandas, and column checks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import narwhals.stable.v2 as nw
import pandas as pd

from ..errors import ColumnNotFoundError, InvalidScoreError


def to_narwhals(data: Any) -> nw.DataFrame | nw.LazyFrame:
    """Wrap a native data frame (or relation) for narwhals, with a clear error otherwise."""
    try:
        return nw.from_native(data)
    except TypeError as exc:
        raise TypeError(
            "expected a data frame (pandas, polars, pyarrow) or a DuckDB relation, got "
            f"{type(data).__name__}"
        ) from exc


def column_names_arg(value: str | Sequence[str] | None) -> list[str]:
    """A ``by=``-like argument as a list of column names: one name is one column (a string is
    never split into its letters), None is none."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def column_names(frame: nw.DataFrame | nw.LazyFrame) -> list[str]:
    return list(frame.collect_schema().names())


#: What to do about a column that is not there, unless the caller knows better.
_FIX = "Pass the right name (e.g. score='...'), or load the file with read_survey() to detect it."


def require_columns(frame: Any, columns: Sequence[str], *, role: str = "column",
                    fix: str = _FIX) -> None:
    """The one check that named columns exist, for every public function (one error style,
    as pingouin's ``_check_dataframe``): :class:`ColumnNotFoundError` naming the role, the
    missing columns, the columns there are and the fix. ``frame`` is a data frame or
    relation of any supported kind, or its column names."""
    if isinstance(frame, (list, tuple, pd.Index)):
        names = [str(c) for c in frame]
    elif isinstance(frame, (nw.DataFrame, nw.LazyFrame)):
        names = column_names(frame)
    elif isinstance(frame, pd.DataFrame):
        names = [str(c) for c in frame.columns]
    else:
        names = column_names(to_narwhals(frame))
    missing = [c for c in columns if c not in names]
    if missing:
        raise ColumnNotFoundError(
            f"{role} {', '.join(repr(c) for c in missing)} not found; the data has columns "
            f"{names[:30]}{' ...' if len(names) > 30 else ''}. {fix.rstrip('.')}."
        )


def collect(frame: Any) -> Any:
    """A lazy frame computed (any other frame as it is); a score the engine refuses (scan's
    ``error()`` for a cell that is not a 0-10 whole number) comes back as
    :class:`InvalidScoreError`, as in pandas."""
    if not isinstance(frame, nw.LazyFrame):
        return frame
    return run_engine(frame.collect)


def run_engine(compute: Any) -> Any:
    """``compute()``, with a score the engine refuses (see :func:`collect`) raised as
    :class:`InvalidScoreError`."""
    try:
        return compute()
    except Exception as exc:
        if "is not a whole number 0-10" in str(exc):
            message = str(exc).split("Error: ", 1)[-1]
            raise InvalidScoreError(message, column="score") from exc
        if re.search(r"not (?:utf-8|latin-1) encoded", str(exc)):
            raise _misread_text(str(exc)) from exc
        if "CSV Error on Line" in str(exc) and "Could not convert string" in str(exc):
            raise _unconverted(str(exc)) from exc
        raise


def _found(pattern: str, message: str) -> str:
    """The first group of ``pattern`` in a DuckDB error message, or "?"."""
    found = re.search(pattern, message, re.MULTILINE)
    return found.group(1) if found else "?"


def _where(message: str) -> tuple[str, str]:
    """The file and line (thousands separated) a DuckDB CSV error names, "?" where none."""
    line = _found(r"CSV Error on Line: (\d+)", message)
    return _found(r"^\s*file = (.+)$", message), f"{int(line):,}" if line.isdigit() else line


def _unconverted(message: str) -> ValueError:
    """DuckDB's "Could not convert string" on a CSV file scan read: a cell past the rows
    DuckDB typed its column on (its sniffer reads the first 20,480) that is not of that type
    (``N/A`` in a column of numbers; the header again, where exports were joined one after
    another). Which file, line, column and cell, and the ways on."""
    file, where = _where(message)
    column = _found(r'converting column "(.*?)"\.', message)
    cell = _found(r'convert string "(.*?)" to', message)
    kind = _found(r"to '(\w+)'", message)
    joined = (" The line repeats the header: the file is exports joined one after another; "
              "scan the parts as a list or glob (each with its header), or take the repeated "
              "header lines out." if cell == column else "")
    return ValueError(
        f"{file}, line {where}: column {column!r} holds {cell!r}, but DuckDB typed the column "
        f"{kind} on the file's first rows, so the count stops at that cell.{joined} "
        "read_survey reads such cells by its own rules (a file that fits in memory); "
        "otherwise correct the cell.")


def _misread_text(message: str) -> ValueError:
    """DuckDB's "not utf-8 encoded" ("not latin-1 encoded") on a file scan read so by its
    first megabyte: which file and line, and the option that reads it (scan's
    ``encoding=``)."""
    file, where = _where(message)
    return ValueError(
        f"{'a CSV file' if file == '?' else file}"
        f"{'' if where == '?' else f', line {where}'} holds bytes that are not "
        f"{'UTF-8' if 'utf-8' in message else 'Latin-1'}, the encoding its first megabyte "
        "reads in: give the file's encoding to scan, e.g. "
        "scan(path, encoding='cp1252') (Excel's CSV on Windows in Western Europe and the "
        "Americas), or convert the file to UTF-8 first (iconv -f CODEPAGE -t utf-8).")


def to_pandas(data: Any, columns: Sequence[str] | None = None, *,
              rows_for: str | None = None) -> pd.DataFrame:
    """A pandas frame of ``data`` (any narwhals-supported frame or relation).

    With ``columns`` they are checked to exist (clear error otherwise) and only they are
    converted; a pandas input is returned as is (not copied) when ``columns`` is None.
    ``rows_for`` names a function that needs the individual rows (and why): a lazy source
    (a DuckDB relation, a Spark or polars lazy frame, which may hold billions of rows) is then
    refused with a clear error instead of being pulled into memory.
    """
    frame = to_narwhals(data)
    if rows_for is not None and isinstance(frame, nw.LazyFrame):
        kind = type(nw.to_native(frame)).__name__
        raise ValueError(
            f"{rows_for}, so it works on rows in memory and does not pull a lazy {kind} "
            "source into pandas (it may hold billions of rows). Aggregating functions "
            "(summarize, segments, trend) run in the engine; for this one, select or sample "
            "the rows you need and collect them first (e.g. relation.limit(n).df(), "
            "lazy.collect(), spark_df.limit(n).toPandas())."
        )
    if columns is not None:
        columns = list(dict.fromkeys(columns))
        require_columns(frame, columns)
    if isinstance(data, pd.DataFrame):
        return data if columns is None else data[columns]
    lazy = frame.lazy()
    if columns is not None:
        lazy = lazy.select(columns)
    return lazy.collect().to_pandas()
