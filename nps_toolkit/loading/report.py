"""The account of what read_survey read, kept and excluded."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..i18n import N_, gettext, tr

CANONICAL = ("score", "comment", "date", "customer_id", "response_id")
REASONS = ("blank score", "not a number", "not a whole number", "out of range",
           "duplicate response", "survey preview, test, spam or screened out",
           "summary row", "description row", "repeated header row")
SUMMARY = "summary row"  # a row under the answers that sums them up ("Average", "NPS")
DESCRIPTION = "description row"  # a row under the names that describes them ("(0-10)")
#: the exclusion reasons (keys of ``LoadReport.excluded``, kept in English) in words
_REASON_WORDS = (N_("blank score"), N_("not a number"), N_("not a whole number"),
                 N_("out of range"), N_("duplicate response"), N_("no customer id"),
                 N_("no readable date"), N_("no readable amount"), N_("duplicate customer"),
                 N_("survey preview, test, spam or screened out"), N_("summary row"),
                 N_("description row"), N_("repeated header row"))


@dataclass
class LoadReport:
    """What ``read_survey`` read, recognised, kept and excluded.

    Attributes
    ----------
    source : str
        File path or ``"<DataFrame>"``.
    file_format : str
        ``csv``, ``excel``, ``spss``, ``stata``, ``parquet`` or ``dataframe``.
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
        how = [self.file_format]
        if self.vendor != "generic":
            how.append(tr("{vendor} export", vendor=self.vendor))
        if self.encoding:
            how.append(tr("encoding {encoding}", encoding=self.encoding))
        if self.delimiter:
            how.append(tr("delimiter {delimiter!r}", delimiter=self.delimiter))
        lines = [tr("Loaded {source} ({how})", source=self.source, how=", ".join(how)),
                 tr("Rows read: {read:,}; kept: {kept:,}; excluded: {excluded:,}",
                    read=self.rows_read, kept=self.rows_kept, excluded=self.rows_excluded)]
        for reason, rows in self.excluded.items():
            if rows:
                shown = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
                lines.append("  - " + tr("{reason}: {n:,} (rows {rows})", reason=gettext(reason),
                                         n=len(rows), rows=shown))
        if self.columns:
            lines.append(tr("Columns: {columns}", columns=", ".join(
                f"{k} <- {v!r}" for k, v in self.columns.items())))
        lines += [tr("Note: {note}", note=n) for n in self.notes]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return "<pre class='nps-load-report'>" + html.escape(str(self)) + "</pre>"


# --------------------------------------------------------------------------- detection
