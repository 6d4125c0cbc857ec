"""read_survey: a messy export in, a clean frame and its load report out."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .._api import renamed
from ..i18n import tr
from .bands import _answers_from_bands
from .columns import _detect, _likely_date
from .counts import _answers_from_categories, _answers_from_counts
from .dates import _implausible_dates, _iso_cast, _parse_dates
from .excel import _read_sheets, _sheet_names
from .expanded import _expanded_choices
from .files import _existing_file, _read_file
from .followups import _merged_follow_ups
from .headers import without_repeated_headers
from .ids import _clean_ids
from .infer import (
    _few_valued,
    _infer_types,
    _no_distinct,
    _numeric_sample,
    _plain_text_head,
    _repair_c1,
    _segment_like,
    _start_distinct,
)
from .kept import _column, _Kept, _kept, _score_column
from .layout import _is_import_id, _without_row_index
from .long import _waves_from_columns, _wide_from_long
from .nawords import kept_words
from .report import LoadReport
from .scaleshift import say_scale_shift
from .scores import (
    _parse_scores,
    apply_scale,
    check_scale,
)
from .tidy import tidy_text, unwrapped_excel_text


@renamed(customer_id="customer")
def read_survey(
    source: str | Path | Any,
    *,
    score: str | None = None,
    comment: str | Literal[False] | None = None,
    date: str | Literal[False] | None = None,
    customer: str | Literal[False] | None = None,
    response_id: str | Literal[False] | None = None,
    on_invalid: Literal["raise", "exclude"] = "raise",
    drop_duplicates: bool = True,
    sheet: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    scale: Mapping[Any, int] | None = None,
    dayfirst: bool | None = None,
    header_row: int | None = None,
) -> tuple[pd.DataFrame, LoadReport]:
    """Read a survey export (or a data frame) into a clean frame and an account of what happened.

    Parameters
    ----------
    source : path or data frame
        CSV/TSV (encoding and delimiter detected), Excel (``.xlsx``), Parquet, or a pandas,
        polars or pyarrow data frame. Qualtrics (3 header rows), SurveyMonkey (2 header rows),
        Typeform, Google Forms and Delighted exports are recognised.
    score, comment, date, customer, response_id : str, optional
        The column to use for each role (read into ``score``, ``comment``, ``date``,
        ``customer_id``, ``response_id``). By default each is detected from column names and
        question text ("How likely are you to recommend ...", "NPS", "score", "rating";
        "reason", "comment", "feedback", "explication"; "Recorded Date", "Submitted At",
        "Timestamp"...). ``False`` turns detection of that role off.
    on_invalid : {"raise", "exclude"}
        What to do with scores that are not numbers, not whole, or outside 0-10: raise an
        :class:`InvalidScoreError` naming the column and rows (default), or exclude those rows
        and list them in the report. Blank scores are always excluded and counted.
    drop_duplicates : bool, default True
        Exclude repeated responses: same ``response_id``, or, without one, rows identical in
        every column when the data has a customer id and a date, or a time of day; with a
        customer id or a day alone, only when the cells are rare enough to tell a row
        exported twice from the customer answering the same again, or two people answering
        alike the same day (held by under 1% of the other customers' or days' answers; the
        common repeats are kept and said). Plain identical score rows are kept.
    sheet : str or int, optional
        Excel sheet (default: the first, or when it holds no 0-10 recommend question - a
        cover or summary sheet - the first sheet that does; the sheets after it with the
        same columns, a sheet per month or region, are stacked under it with a ``sheet``
        column; both said in the notes).
    encoding, delimiter : str, optional
        Override detection for text files.
    scale : mapping, optional
        For a score column on another scale: an explicit table from its answers to 0-10,
        e.g. ``{1: 0, 2: 3, 3: 5, 4: 8, 5: 10}``. Without it, a column whose 20 or more answers
        are all 5 or below, or whose name or question says stars or "out of 5", stops with an
        error (read as 0-10, a 1-5 rating would make everyone a detractor). Unmapped answers
        are invalid.
    header_row : int, optional
        The file's row (1 = first) holding the column names, for exports with title rows
        above the header. By default short leading rows above a full row are skipped, and the
        load report says so. Merged Excel cells are filled with their value (noted).
    dayfirst : bool, optional
        How to read dates like 05/04/2025. By default one reading is chosen for the whole
        column (a field above 12 settles it; dots default to day first, slashes to month
        first) and the load report says which; rows that do not match are listed.

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
    def read(sheet: str | int) -> tuple[pd.DataFrame, LoadReport]:
        return _read_survey(source, score=score, comment=comment, date=date,
                            customer_id=customer, response_id=response_id,
                            on_invalid=on_invalid, drop_duplicates=drop_duplicates,
                            sheet=sheet, encoding=encoding, delimiter=delimiter, scale=scale,
                            dayfirst=dayfirst, header_row=header_row, type_dates=True)

    if sheet is not None:
        return read(sheet)
    return _read_sheets(read, _sheet_names(source))


class _Restart(Exception):
    """Detection took another date column than the one the CSV reader parsed: read again
    with every column as text (in practice never: that column is filled and ranks first)."""


def _read_survey(source: str | Path | Any, *, score: str | None,
                 comment: str | Literal[False] | None, date: str | Literal[False] | None,
                 customer_id: str | Literal[False] | None,
                 response_id: str | Literal[False] | None,
                 on_invalid: Literal["raise", "exclude"], drop_duplicates: bool,
                 sheet: str | int, encoding: str | None, delimiter: str | None,
                 scale: Mapping[Any, int] | None, dayfirst: bool | None,
                 header_row: int | None, type_dates: bool) -> tuple[pd.DataFrame, LoadReport]:
    """read_survey's work, one stage after another, each taking the previous one's result:
    bytes -> table (:func:`_table`) -> roles and typed columns (:func:`_typed`) -> rows kept
    (:func:`_kept`) -> the survey frame and its load report (:func:`_finish`).
    ``type_dates=False`` keeps the CSV reader from parsing dates."""
    if on_invalid not in ("raise", "exclude"):
        raise ValueError(f"on_invalid must be 'raise' or 'exclude', got {on_invalid!r}")
    overrides = {"score": score, "comment": comment, "date": date,
                 "customer_id": customer_id, "response_id": response_id}
    for parse_dates in ((True, False) if type_dates else (False,)):
        table = _table(source, sheet=sheet, encoding=encoding, delimiter=delimiter,
                       header_row=header_row, date=date if parse_dates else False,
                       score=score, scale_given=scale is not None)
        try:
            typed = _typed(table, overrides, scale=scale)
        except _Restart:
            continue
        kept = _kept(table, typed, on_invalid=on_invalid, drop_duplicates=drop_duplicates)
        return _finish(table, typed, kept, dayfirst=dayfirst)
    raise AssertionError("unreachable: a read with every column as text never restarts")


@dataclass
class _Table:
    """Stage 1, bytes -> table: the raw cells, the question texts of a vendor's header, where
    each row came from, and the load report begun."""
    raw: pd.DataFrame
    texts: dict[str, str]
    report: LoadReport
    row_numbers: Any
    from_file: bool
    counted: bool = False  # rows expanded from a table of counts: repeats are by design
    stand_in: str | None = None  # the score column made for the categories or the counts
    categories: str | None = None  # the column of categories it was made from
    headers: list[Any] = field(default_factory=list)  # rows repeating the header, taken out


def _table(source: str | Path | Any, *, sheet: str | int, encoding: str | None,
           delimiter: str | None, header_row: int | None,
           date: str | Literal[False] | None, score: str | None = None,
           scale_given: bool = False) -> _Table:
    report = LoadReport(source="<DataFrame>", file_format="dataframe", header_rows=0)
    texts: dict[str, str] = {}
    if isinstance(source, (str, Path)):
        path = _existing_file(source, "export file")
        report.source = str(path)
        raw, texts = _read_file(path, sheet=sheet, encoding=encoding, delimiter=delimiter,
                                report=report, header_row=header_row, date=date)
        table = _Table(raw, texts, report, _FileRows(report.header_rows + 1), True)
    else:
        raw, texts = _frame_cells(source, report)
        table = _Table(raw, texts, report, np.asarray(raw.index), False)
    table.raw = _without_row_index(table.raw, report.notes)
    table.raw = unwrapped_excel_text(table.raw, report.notes)  # ="00123" -> 00123
    # exports joined one after another: their header rows again in the body -> left out
    table.raw, table.row_numbers, table.headers = without_repeated_headers(
        table.raw, table.texts, report.notes, table.row_numbers)
    # one column per answer option (SurveyMonkey's expanded export) -> one column per question
    table.raw = _expanded_choices(table.raw, report.notes)
    # one row per question asked -> one row per respondent (loading/long.py)
    table.raw, table.texts, table.row_numbers = _wide_from_long(
        table.raw, table.texts, report.notes, table.row_numbers)
    # one column per survey wave -> one row per answer, with its wave
    table.raw, table.row_numbers = _waves_from_columns(table.raw, report.notes,
                                                       table.row_numbers)
    # counts per group (promoters, passives, detractors per branch; per score; per level of
    # a worded scale) -> the answers counted; a score column named by the caller is answers
    if score is None or score not in table.raw.columns:
        before = table.raw
        table.raw, table.row_numbers = _answers_from_counts(
            table.raw, report.notes, table.row_numbers, scale_given=scale_given)
        table.counted = table.raw is not before
        if table.counted:  # its score column comes last
            table.stand_in = str(table.raw.columns[-1])
        elif scale_given is False:  # each answer's category, and no score: stand-ins
            table.raw, table.stand_in, table.categories = _answers_from_categories(
                table.raw, report.notes)
    # the recommend question answered in bands ("9-10", "Under 6"): each band's category
    if table.stand_in is None and not scale_given:
        table.raw, table.stand_in, table.categories = _answers_from_bands(
            table.raw, table.texts, report.notes, score)
    # "If you would, why?" / "If you wouldn't, why?" -> one comment column
    table.raw, table.texts = _merged_follow_ups(table.raw, table.texts, report.notes)
    report.rows_read = len(table.raw) + len(table.headers)
    return table


def _frame_cells(source: Any, report: LoadReport) -> tuple[pd.DataFrame, dict[str, str]]:
    """A data frame passed in: copied, columns named as text, a Qualtrics header dropped."""
    if isinstance(source, pd.DataFrame):
        raw = source.copy()
    else:
        try:
            raw = nw.from_native(source, eager_only=True).to_pandas()
        except TypeError as exc:
            raise TypeError("source must be a file path or a data frame, got "
                            f"{type(source).__name__}") from exc
    raw.columns = [str(c) for c in raw.columns]
    dupes = sorted({c for c in raw.columns if list(raw.columns).count(c) > 1})
    if dupes:
        raise ValueError(f"the data frame has duplicate column names {dupes}: rename them "
                         "(e.g. df.columns = [...]) so each column can be told apart")
    texts: dict[str, str] = {}
    if len(raw) >= 2 and sum(_is_import_id(v) for v in raw.iloc[1]) >= max(
            1, raw.shape[1] // 2):
        texts = dict(zip(raw.columns, raw.iloc[0].astype(str), strict=False))
        raw = raw.iloc[2:]
        report.vendor = "qualtrics"
        report.notes.append(tr("dropped the two Qualtrics header rows (question text, "
                               "ImportId) found at the top of the data frame."))
    return raw, texts


@dataclass
class _Typed:
    """Stage 2, roles and typed columns: which column plays which role, the other columns
    typed, the scores parsed (``kind``: 0 valid, 1 blank, 2-4 invalid), the ISO dates."""
    frame: pd.DataFrame
    mapping: dict[str, str]
    unique: set[str]
    values: np.ndarray
    kind: np.ndarray
    iso_dates: pd.Series | None


def _typed(table: _Table, overrides: dict[str, Any], *,
           scale: Mapping[Any, int] | None) -> _Typed:
    raw, notes = table.raw, table.report.notes
    infer = table.from_file or raw.dtypes.eq(object).any()
    if table.stand_in is not None and overrides["score"] in (None, table.categories):
        overrides = {**overrides, "score": table.stand_in}  # made for the categories
    # Arrow's kernels release the GIL: the segment columns' distinct values (and the date
    # cast, when the reader did not parse the dates) run in threads while this one detects
    # the columns and parses the scores (on a million rows a third of the time after the
    # read). Columns that look like segments are started before detection, which would
    # otherwise leave the second core idle.
    with ThreadPoolExecutor(max_workers=4) as pool:
        counts: dict[str, int] = {}  # distinct values in each text column's first rows
        segments = _segment_like(raw, counts) if infer else []
        # a segment column of plain words needs no distinct values (_plain_text_head)
        plain = frozenset(c for c in segments if _plain_text_head(raw[c]))
        early = _start_distinct(raw, [c for c in segments if c not in plain], pool)
        typed = raw.attrs.get("date_typed")
        # the date column detection will most likely take (the override, or the first named
        # like one) is cast now too: detection then runs beside it
        guess = _likely_date([str(c) for c in raw.columns], overrides["date"]) \
            if typed is None else None
        early_iso = _start_iso_dates(raw[guess], pool) if guess is not None else None
        unique: set[str] = set()  # columns _detect has seen to be filled and unique
        mapping = _detect(raw, table.texts, overrides, notes, unique=unique,
                          source=table.report.source)
        if typed is not None and mapping.get("date") != typed:
            for future in early.values():
                future.cancel()
            raise _Restart
        score_col = mapping["score"]
        keep_text = {v for k, v in mapping.items() if k in ("score", "comment", "customer_id",
                                                            "response_id")}
        untouched = frozenset([mapping["date"]]) if "date" in mapping else frozenset()
        # distinct values first: this thread needs them before the dates
        # (a column whose head is all numbers is usually plain integers, cast in one pass
        # without its distinct values: they are computed later only if the cast fails)
        few = {c: early.get(c) or (_no_distinct() if c in plain or _numeric_sample(raw[c])
                                   else _start_distinct(raw, [c], pool)[c])
               for c in _few_valued(raw, keep_text, untouched, counts)} if infer else {}
        iso = None
        if "date" in mapping and typed is None:
            iso = early_iso if guess == mapping["date"] else \
                _start_iso_dates(raw[mapping["date"]], pool)
        if early_iso is not None and iso is not early_iso:
            for future in early_iso[1]:
                future.cancel()
        values, kind = _scores(raw[score_col], scale, notes, table.texts.get(score_col, ""),
                               raw[mapping["comment"]] if "comment" in mapping else None)
        frame = kept_words(raw, _infer_types(raw, keep_text, untouched, few, plain), notes,
                           score_col, tuple(mapping[k] for k in ("customer_id", "response_id")
                                            if k in mapping),
                           mapping.get("comment")) if infer else raw
        if table.report.encoding in ("latin-1", "cp1252"):
            frame = _repair_c1(frame if frame is not raw else frame.copy(), notes)
        iso_dates = _iso_result(iso) if iso is not None else None
    return _Typed(frame, mapping, unique, values, kind, iso_dates)


def _scores(column: pd.Series, scale: Mapping[Any, int] | None, notes: list[str],
            question: str, comments: pd.Series | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The score column parsed: values and a code per row (0 valid, 1 blank, 2-4 invalid);
    ``comments`` tell a refused 1-5 rating's direction."""
    if scale is not None:
        values, kind = apply_scale(column, scale, notes)
        notes.append(tr("score answers mapped to 0-10 with scale={scale!r}.",
                        scale=dict(scale)))
        return values, kind
    values, kind = _parse_scores(column, notes)
    check_scale(values, kind, str(column.name), question, comments)
    return values, kind


def _finish(table: _Table, typed: _Typed, kept: _Kept, *,
            dayfirst: bool | None) -> tuple[pd.DataFrame, LoadReport]:
    """Stage 4: the kept rows under the canonical names, dates parsed, the report closed."""
    mapping, report, notes = typed.mapping, table.report, table.report.notes
    scored = typed.kind == 0
    out = typed.frame.copy(deep=False)  # copy-on-write (pandas >= 3): columns shared
    # columns are set as Series: pandas (>= 3) copies a bare array or extension array set
    # into a frame, a Series is shared (5M rows: two 40 MB date copies, 8 ms and 10k page
    # faults each in a fresh process)
    out[mapping["score"]] = _score_column(typed, scored, kept.all_scored, out.index)
    keep = kept.keep
    out = out.loc[keep] if not keep.all() else out
    out = _renamed(out, mapping, notes)
    out = tidy_text(out, {"score", "comment", "date", "customer_id"}, notes)
    if "date" in mapping:
        out["date"] = _dates(out, typed, keep, table.row_numbers, notes, dayfirst)
    if "comment" in mapping:
        out["comment"] = out["comment"].astype("string")
    if "customer_id" in mapping:
        out["customer_id"] = _clean_ids(out["customer_id"], notes, mapping["customer_id"])
    out = out.reset_index(drop=True) if table.from_file else out
    say_scale_shift(out, notes)
    report.columns = dict(mapping)
    report.rows_kept = len(out)
    report.excluded = {k: v for k, v in kept.excluded.items() if v}
    out.attrs["load_report"] = report
    if table.categories is not None:  # no check of the scores against their own source
        out.attrs["scored_from"] = table.categories
    return out, report


def _renamed(out: pd.DataFrame, mapping: dict[str, str], notes: list[str]) -> pd.DataFrame:
    rename = {v: k for k, v in mapping.items() if v != k}
    clash = [k for k in rename.values() if k in out.columns and k not in mapping.values()]
    if clash:
        out = out.rename(columns={c: f"{c}_original" for c in clash})
        notes.append(tr("renamed existing column(s) {columns} to '<name>_original' to make "
                        "room for the detected columns.",
                        columns=", ".join(repr(c) for c in clash)))
    return out.rename(columns=rename)


def _dates(out: pd.DataFrame, typed: _Typed, keep: np.ndarray, row_numbers: Any,
           notes: list[str], dayfirst: bool | None) -> pd.Series:
    iso_dates, column = typed.iso_dates, typed.mapping["date"]
    if iso_dates is not None and len(out) == len(iso_dates):  # ISO 8601, no row left out
        dates = _column(iso_dates.to_numpy(), out.index)
    elif iso_dates is not None and iso_dates[keep].notna().any():
        # cast cell by cell: a subset is the same
        dates = _column(iso_dates[keep].to_numpy(), out.index)
    else:
        dates = _parse_dates(out["date"], notes, column, dayfirst=dayfirst,
                             rows=_kept_rows(row_numbers, keep))
    return _implausible_dates(dates, notes, column, lambda: _kept_rows(row_numbers, keep))


def _start_iso_dates(dates: pd.Series, pool: ThreadPoolExecutor) -> tuple[pd.Series, list]:
    """The ISO date cast (:func:`_iso_cast`) in ``pool``, in four slices of rows for a large
    column, so that the cores share it instead of one thread finishing it alone after the
    rest is done (5M rows: the cast is 0.2 s, the largest task after the read)."""
    n = len(dates)
    parts = 4 if n >= 400_000 else 1
    bounds = [n * i // parts for i in range(parts + 1)]
    return dates, [pool.submit(_iso_cast, dates.iloc[a:b]) for a, b in itertools.pairwise(bounds)]


def _iso_result(started: tuple[pd.Series, list[Future]]) -> pd.Series | None:
    """The slices' results as one column (one copy into numpy); None if any slice is not all
    ISO dates or no date is filled at all, as :func:`_iso_dates_arrow` on the whole column."""
    import pyarrow as pa

    dates, futures = started
    parts = [f.result() for f in futures]
    if any(p is None for p in parts):
        return None
    chunks = [c for p in parts for c in (p.chunks if isinstance(p, pa.ChunkedArray) else [p])]
    whole = pa.chunked_array(chunks, type=pa.timestamp("us"))
    if whole.null_count == len(whole):
        return None
    return pd.Series(whole.to_numpy(), index=dates.index, name=dates.name, copy=False)


class _FileRows:
    """The file's row numbers (1 = first line) of table positions, for the rows asked about
    only: position ``p`` under ``first - 1`` header rows is row ``p + first`` (a million-row
    array of them cost 3 ms, 14 ms on 5M, for the few rows a report names)."""

    def __init__(self, first: int) -> None:
        self.first = first

    def __getitem__(self, key: Any) -> Any:
        key = np.asarray(key)
        return (np.flatnonzero(key) if key.dtype == bool else key) + self.first


def _kept_rows(row_numbers: Any, keep: np.ndarray) -> np.ndarray:
    """The file's row numbers (or the frame's labels) of the kept rows, as an array: the
    load report names rows as the file numbers them, whatever was excluded before."""
    return np.asarray(row_numbers[np.flatnonzero(keep)])
