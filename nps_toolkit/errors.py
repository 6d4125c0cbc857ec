"""Exceptions raised by nps-toolkit. All are ``ValueError`` subclasses, so ``except ValueError``
keeps working for callers who do not care about the detail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class InvalidScoreError(ValueError):
    """Scores that are not whole numbers from 0 to 10.

    Attributes
    ----------
    column : str or None
        The column the values came from, when known.
    positions : list
        Positions (row labels or row numbers) of the first offending values.
    values : list
        The offending values, in the same order.
    count : int
        How many values are invalid in total.
    """

    def __init__(self, message: str, *, column: str | None = None,
                 positions: Sequence[Any] = (), values: Sequence[Any] = (), count: int = 0):
        super().__init__(message)
        self.column = column
        self.positions = list(positions)
        self.values = list(values)
        self.count = count


class ColumnNotFoundError(ValueError, KeyError):
    """A named column is not in the data (or none could be detected)."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


def describe_examples(positions: Sequence[Any], values: Sequence[Any], count: int,
                      limit: int = 5) -> str:
    """'row 3: 11, row 7: 'ten' (and 4 more)' for error messages."""
    parts = [f"{p}: {v!r}" for p, v in list(zip(positions, values, strict=False))[:limit]]
    more = count - min(count, limit)
    return ", ".join(parts) + (f" (and {more} more)" if more > 0 else "")
