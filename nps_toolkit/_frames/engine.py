"""A table held by an engine (DuckDB, polars lazy, Spark), matched to ids from memory.

Functions that join rows in memory (answers) to a large table where it lives (an order log,
a customer list) send their keys to that engine as a small table of its own kind and join
there. The ids are read as the engine's column types them: integer ids in the engine match
answers written ``1``, ``1.0`` or ``"1"``; text ids match the answers' trimmed text (the
in-memory counterpart, which sees both sides, is :func:`nps_toolkit._frames.ids.matching_ids`).
"""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .convert import column_names
from .ids import _as_text, _plain_integers

#: Columns of the rows sent to the engine (prefixed so that no column of the table clashes).
ROW, KEY, DAY = "__nt_answer", "__nt_key", "__nt_day"


class EngineTable:
    """``frame`` (a narwhals LazyFrame) with its id column ``key``; ``role`` names the
    table in notes ("order log"), ``unmatched`` says what becomes of an id that cannot
    match its type ("they count as customers without orders")."""

    def __init__(self, frame: nw.LazyFrame, *, key: str, role: str, unmatched: str) -> None:
        self.frame, self.native = frame, nw.to_native(frame)
        self.key, self.role, self.unmatched = key, role, unmatched
        self.schema = frame.collect_schema()
        self.columns = column_names(frame)
        self._keep: list[Any] = []  # tables the engine reads from Python, kept alive

    def keys(self, ids: pd.Series) -> tuple[pd.Series, pd.Series, Any, list[str]]:
        """The ids as text (for results and clusters), as join keys of the engine's id type,
        the engine's cast to that type, and notes (ids that cannot match it)."""
        dtype = self.schema[self.key]
        notes: list[str] = []
        if (dtype.is_integer() or dtype.is_float()) and _plain_integers(ids):
            key = ids.astype("Int64")  # integers both sides: no text written
            return key, key, nw.Int64, notes
        text = _as_text(ids)
        if dtype.is_integer() or dtype.is_float():
            whole = text.str.fullmatch(r"-?\d+").fillna(False)
            key = pd.to_numeric(text.where(whole), errors="coerce").astype("Int64")
            odd = int((text.notna() & ~whole).sum())
            if odd:
                notes.append(f"{odd:,} answer(s) have a customer id that is not a whole number "
                             f"(e.g. {text[text.notna() & ~whole].iloc[0]!r}) and cannot match "
                             f"the {self.role}'s numeric {self.key!r}: {self.unmatched}.")
            return text, key, nw.Int64, notes
        return text, text, nw.String, notes

    def send(self, keys: pd.Series, day: np.ndarray | None, cast: Any) -> nw.LazyFrame:
        """The rows (position, key and day, those with a key) as a lazy frame of the
        table's own engine, ready to join to it."""
        import pyarrow as pa

        ok = keys.notna().to_numpy()
        key_type = pa.int64() if cast == nw.Int64 else pa.large_string()
        days = np.zeros(len(keys), np.int64) if day is None else day
        table = pa.table({
            ROW: pa.array(np.flatnonzero(ok), type=pa.int64()),
            KEY: pa.array(keys[ok].to_numpy(dtype=object), type=key_type),
            DAY: pa.array(days[ok], type=pa.int64())})
        self._keep.append(table)
        impl = self.frame.implementation
        if impl is nw.Implementation.DUCKDB:
            # a relation joins only relations of its own connection, which DuckDB does not
            # expose: the rows are read from this frame (a replacement scan) inside it
            nps_toolkit_rows = table  # noqa: F841 - DuckDB's replacement scan reads it
            return nw.from_native(self.native.query("nps_toolkit_table",
                                                    "SELECT * FROM nps_toolkit_rows"))
        session = getattr(self.native, "sparkSession", None)
        eager = nw.from_native(table, eager_only=True)
        if session is not None:
            return eager.lazy(backend=impl, session=session)
        return eager.lazy(backend=impl)
