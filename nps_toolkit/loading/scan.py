"""scan: a lazy DuckDB source over survey files too big for memory, with read_survey's
column detection run on a sample."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._api import renamed
from .._frames.convert import run_engine
from ..i18n import tr
from .columns import _detect
from .counts import score_rows
from .report import LoadReport
from .rolenames import _norm
from .scandates import date_expr
from .scanfiles import _files, _head_bytes, _readable
from .scanscores import _q, score_expr
from .tidy import canonical_sql, tidied_columns, unwrap_sql


@renamed(customer_id="customer")
def scan(source: str | Path | list[str | Path], *, score: str | None = None,
         comment: str | Literal[False] | None = None,
         date: str | Literal[False] | None = None,
         customer: str | Literal[False] | None = None,
         response_id: str | Literal[False] | None = None,
         dayfirst: bool | None = None, sample_rows: int = 10_000,
         on_invalid: Literal["raise", "exclude"] = "raise",
         scale: Mapping[Any, int] | None = None, encoding: str | None = None,
         connection: Any = None) -> tuple[Any, LoadReport]:
    """A lazy DuckDB relation over survey files of any size, columns named as read_survey does.

    Nothing is loaded: DuckDB (embedded, no server) reads the files when a function counts,
    and :func:`summarize`, :func:`segments`, :func:`trend` push their ``GROUP BY`` into it,
    so a 100-million-row Parquet folder is summarised with flat memory
    (``benchmarks/README.md``). The columns are detected as :func:`read_survey` detects them,
    on the first ``sample_rows`` rows, and renamed ``score``, ``comment``, ``date``,
    ``customer_id``, ``response_id`` (other columns kept). A text score column is parsed in
    the engine with the loader's rule (a single 0-10 whole number, "10/10" and vendor labels
    such as "10 - Extremely likely"); text dates are parsed with the one format detected on the
    sample (day or month first as read_survey decides; ISO otherwise).

    Parameters
    ----------
    source : path, glob or list of paths
        CSV or Parquet files (``.csv``, ``.tsv``, ``.csv.gz``, ``.parquet``), a glob such as
        ``"exports/*.parquet"``, or a folder (every CSV or Parquet file below it;
        hive-partitioned folders like ``year=2025/month=3/`` add those columns).
    score, comment, date, customer, response_id : str or False, optional
        As in :func:`read_survey`.
    dayfirst : bool, optional
        How to read text dates like 05/04/2025 (default: decided on the sample).
    sample_rows : int
        Rows read to detect the columns and formats.
    on_invalid : {"raise", "exclude"}
        A text score that is not a 0-10 whole number (``"3-4"``, ``"11"``, ``"9.5"``):
        ``"raise"`` (as :func:`read_survey`) stops with :class:`InvalidScoreError` when the
        sample holds one, and the engine stops with the same words when it meets one past the
        sample while counting; ``"exclude"`` makes such cells missing scores (counted in
        ``n_missing``; the sample's are listed in the report).
    scale : mapping, optional
        As in :func:`read_survey`: for a score column on another scale, an explicit table
        from its answers to 0-10 (``{1: 0, 2: 3, 3: 5, 4: 8, 5: 10}``), applied in the engine;
        without it a sample that reads as a 1-5 rating stops with an error, as read_survey
        does (read as 0-10, every answer would be a detractor).
    encoding : str, optional
        The CSV files' text encoding (``"cp1252"``, ``"cp949"``...); by default detected on
        the first file's first megabyte, as :func:`read_survey` does. UTF-8, UTF-16 and
        Latin-1 are read by DuckDB; another code page is converted to UTF-8 in a temporary
        copy, streamed (said in the report). A file whose bytes past that megabyte are not
        UTF-8 stops when counted, naming the line and this option.
    connection : duckdb.DuckDBPyConnection, optional
        Run in this connection (e.g. one with a memory limit or attached databases); by
        default a new in-memory one.

    Returns
    -------
    (duckdb.DuckDBPyRelation, LoadReport)
        The relation, and a report of the files, the detected columns and what the sample
        showed (``rows_read`` is the sample's size: the files are not counted up front).

    Examples
    --------
    >>> import nps_toolkit as nt
    >>> rel, report = nt.scan(nt.sample_path())
    >>> report.columns["score"], report.file_format
    ('score', 'csv')
    >>> int(nt.summarize(rel)["n"].item()) == int(nt.summarize(nt.load_sample())["n"].item())
    True
    """
    import duckdb

    con = connection if connection is not None else duckdb.connect()
    files, kind, hive = _files(source)
    report = LoadReport(source=", ".join(files[:3]) + (" ..." if len(files) > 3 else ""),
                        file_format=kind, header_rows=1 if kind == "csv" else 0)
    if kind == "parquet":
        rel = con.read_parquet(files, hive_partitioning=hive)
    else:
        rel, texts = _csv_relation(con, files, hive, report, encoding)
    report.notes.append(f"{len(files)} {kind} file(s) read lazily by DuckDB"
                        + (" with hive partition columns" if hive else "") + ".")
    sample = run_engine(rel.limit(sample_rows).df)
    report.rows_read = report.rows_kept = len(sample)
    report.notes.append(f"columns and formats detected on the first {len(sample):,} rows; "
                        "the files are not counted up front (rows read = that sample).")
    if sample.empty:
        raise ValueError(f"{report.source} has no rows")
    overrides = {"score": score, "comment": comment, "date": date,
                 "customer_id": customer, "response_id": response_id}
    _refuse_long(sample)
    if score is None:  # (a score named reads that wave alone)
        _refuse_waves(sample)
    notes: list[str] = []
    mapping = _detect_or_explain(sample, texts if kind == "csv" else {}, overrides, notes,
                      source=str(files[0]) if files else "")
    report.notes.extend(notes)
    first_row = 2 if kind == "csv" else 1  # the file's row of the sample's first
    exprs = _select(rel, sample, mapping, report, dayfirst=dayfirst, on_invalid=on_invalid,
                    first_row=first_row, scale=scale, texts=texts if kind == "csv" else {})
    report.columns = dict(mapping)
    out = rel.select(", ".join(exprs))
    kept = _answers_only(sample, mapping, report)
    _say_duplicates(sample, mapping, report, first_row=first_row, scale=scale)
    return (out.filter(kept) if kept else out), report


def _detect_or_explain(sample: pd.DataFrame, texts: dict[str, str],
                       overrides: dict[str, Any], notes: list[str], source: str
                       ) -> dict[str, str]:
    """The columns' roles (:func:`~nps_toolkit.loading.columns._detect`); where none reads as
    the score, read_survey's own account of the sample: a more precise refusal than "no
    score column" (answers in bands that straddle two categories, a rating on another
    scale...) is raised as it is, and a sample read_survey does read (a layout only it
    reads: counts, one row per question) says so, with the score column it found. A table
    of how many gave each score (:func:`~nps_toolkit.loading.counts.score_rows`) stops:
    counted row by row it would be 11 answers."""
    from ..errors import ColumnNotFoundError
    from .read import read_survey

    counted = score_rows(sample) if overrides["score"] is None else None
    if counted is not None:  # counted row by row: 11 answers whatever the counts
        raise ValueError(
            f"the file is a table of how many gave each score ({counted[0]!r}, counted in "
            f"{counted[1]!r}), not one row per answer: scan would count each row as one "
            f"answer. Read it with read_survey ({len(sample):,} rows), which reads it as the "
            "answers it counts.")
    try:
        return _detect(sample, texts, overrides, notes, source=source)
    except ColumnNotFoundError as missing:
        try:
            _, report = read_survey(sample, score=overrides["score"],
                                    comment=overrides["comment"], date=overrides["date"],
                                    customer=overrides["customer_id"],
                                    response_id=overrides["response_id"])
        except ColumnNotFoundError:
            raise missing from None
        except ValueError as why:  # read_survey's precise words
            raise why from None
        raise ColumnNotFoundError(
            f"{missing} read_survey reads the file's first {len(sample):,} rows (score: "
            f"{report.columns.get('score')!r}, a layout scan does not read): read the file "
            "with read_survey if it fits in memory.") from None


def _say_duplicates(sample: pd.DataFrame, mapping: dict[str, str], report: LoadReport, *,
                    first_row: int, scale: Mapping[Any, int] | None = None) -> None:
    """Say when the sample holds responses read_survey leaves out as repeats of an earlier
    one (a response id twice, an answer exported twice): scan counts every row, and 1 to 19
    such rows per file made its n differ from read_survey's on real exports, unsaid."""
    from .read import read_survey

    roles = {r: c for r, c in mapping.items() if r in ("score", "comment", "date",
                                                       "customer_id", "response_id") and c}
    try:
        _, seen = read_survey(sample, **{("customer" if r == "customer_id" else r): c
                                         for r, c in roles.items()}, scale=scale,
                                      on_invalid="exclude")
    except (ValueError, TypeError, KeyError):
        return
    repeats = seen.excluded.get("duplicate response", [])
    if repeats:
        report.notes.append(
            f"{len(repeats):,} of the sample's rows repeat an earlier response (rows "
            f"{[int(r) + first_row for r in repeats[:5]]}); read_survey leaves such rows out, scan "
            "counts every row: drop the repeats in the engine first to count as it does.")


def _excel_text_columns(head: pd.DataFrame, notes: list[str]) -> set[str]:
    """The columns whose first rows hold cells written as Excel text formulas (``="00123"``),
    found and said as read_survey finds them
    (:func:`~nps_toolkit.loading.tidy.unwrapped_excel_text`); the engine reads the text
    inside."""
    from .tidy import unwrapped_excel_text

    text = head.astype(pd.StringDtype("pyarrow"))
    out = unwrapped_excel_text(text, notes)
    return set() if out is text else {c for c in text.columns if not out[c].equals(text[c])}


def _written_by_r(sample: pd.DataFrame) -> bool:
    """Whether a column of numbers in the sample holds ``NA``: the file writes a missing value
    so in every column (R), decided as read_survey decides it
    (:func:`~nps_toolkit.loading.nawords.na_as_missing`, which then makes them missing);
    otherwise ``NA`` in a text column is a value (North America)."""
    from .nawords import na_as_missing

    text = sample.astype(pd.StringDtype("pyarrow"))
    return na_as_missing(text) is not text


def _select(rel: Any, sample: pd.DataFrame, mapping: dict[str, str], report: LoadReport, *,
            dayfirst: bool | None, on_invalid: str, first_row: int,
            scale: Mapping[Any, int] | None = None,
            texts: Mapping[str, str] | None = None) -> list[str]:
    """The relation's columns as scan returns them: roles renamed, the score and dates
    parsed in the engine, text written one way where the sample shows it is not."""
    types = dict(zip(rel.columns, [str(t).upper() for t in rel.dtypes], strict=True))
    tidy = _tidy_on_sample(sample, mapping, report.notes)
    exprs = []
    for name in rel.columns:
        role = next((r for r, c in mapping.items() if c == name), None)
        if role == "score":
            comments = sample[mapping["comment"]] if mapping.get("comment") in sample else None
            exprs.append(score_expr(name, types[name], sample[name], report, on_invalid,
                                    first_row=first_row, scale=scale,
                                    question=(texts or {}).get(name, ""),
                                    comments=comments))
        elif role == "date":
            exprs.append(date_expr(name, types[name], sample[name], dayfirst, report))
        elif role is not None:
            exprs.append(f"{_q(name)} AS {_q(role)}")
        elif name in mapping:  # named like a role another column plays: kept, renamed
            exprs.append(f"{_q(name)} AS {_q(name + '_original')}")
            report.notes.append(f"renamed column {name!r} to '{name}_original' to make room "
                                "for the detected column.")
        elif types[name] == "VARCHAR" and name in tidy:
            exprs.append(f"{canonical_sql(_q(name))} AS {_q(name)}")
        else:
            exprs.append(_q(name))
    return exprs


def _answers_only(sample: pd.DataFrame, mapping: dict[str, str], report: LoadReport) -> str:
    """A filter leaving out a survey tool's previews, tests, spam and screened-out
    respondents (``loading.status``) in the engine, for the status and distribution-channel
    columns the sample shows to be such; "" when there are none."""
    from .status import _CHANNEL_NAMES, _CHANNELS_NOT_ANSWERS, _NOT_ANSWERS, _by_status

    conditions = []
    for c in sample.columns:
        name = _norm(c)
        if c in mapping.values():  # a column playing a role is no status
            continue
        column = _q(c + "_original") if c in mapping else _q(c)  # as the select names it
        if name == "status" and _by_status(sample[c], qualtrics=False) is not None:
            words = _NOT_ANSWERS
        elif name in _CHANNEL_NAMES:
            words = _CHANNELS_NOT_ANSWERS
        else:
            continue
        listed = ", ".join("'" + w + "'" for w in sorted(words))
        conditions.append(f"({column} IS NULL OR lower(trim(CAST({column} AS VARCHAR))) "
                          f"NOT IN ({listed}))")
        report.notes.append(f"responses that column {c!r} marks as a survey preview, a test, "
                            "spam or a screened-out respondent are left out.")
    return " AND ".join(conditions)


def _tidy_on_sample(sample: pd.DataFrame, mapping: dict[str, str], notes: list[str]
                    ) -> set[str]:
    """The columns whose sample holds values written several ways no one can see
    (:func:`~nps_toolkit.loading.tidy.tidied_columns`, as read_survey finds them): the engine
    writes each of their cells one way (:func:`~nps_toolkit.loading.tidy.canonical_sql`),
    said with the sample's counts."""
    found = tidied_columns(sample, set(mapping.values()))
    for c, _, cells, before, after in found:
        notes.append(tr("column {column!r}: {cells:,} cell(s) of the sample differed from "
                        "others only in what cannot be seen (spaces at the ends or doubled, "
                        "no-break or zero-width spaces, accents stored as separate marks); "
                        "the engine writes every cell of it one way ({before:,} distinct "
                        "values in the sample -> {after:,})", column=c, cells=cells,
                        before=before, after=after))
    return {c for c, *_ in found}




def _csv_relation(con: Any, files: list[str], hive: bool, report: LoadReport,
                  encoding: str | None = None) -> tuple[Any, dict[str, str]]:
    """The CSV files as a relation, read as read_survey reads them: the vendor's header
    rows, the names and cells (``="00123"``, R's ``NA``) as read_survey reads them, the
    file's encoding (:func:`~nps_toolkit.loading.scanfiles._readable`); and the question
    text per column."""
    # DuckDB's sniffer would guess date formats itself (05/04/2025: May or April?): dates
    # stay text here and get read_survey's one-format-per-column rule below
    # a vendor's header of two or three rows (SurveyMonkey's question / option rows,
    # Qualtrics' question text and ImportId): read by read_survey's rule, the extra rows
    # skipped (they were read as answers: an option row's "0" counted as a score)
    files = _not_empty(files, report)
    files, encoding, found = _readable(files, report, encoding)
    listed = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
    vendor, h, names, texts, hint = _csv_layout(files[0], found)
    header = _header_sql(h, names, hint)
    if encoding:
        header += f", encoding = '{encoding}'"

    def read(nulls: str) -> Any:
        return con.sql(f"SELECT * FROM read_csv({listed}, {header}, "
                       f"hive_partitioning = {str(hive).lower()}, auto_type_candidates = "
                       f"['BOOLEAN', 'BIGINT', 'DOUBLE', 'VARCHAR'], nullstr = {nulls})")

    rel = run_engine(lambda: read("['']"))
    head = run_engine(rel.limit(1000).df)
    if _written_by_r(head):  # NA is missing in every column (R)
        rel = read("['', 'NA']")
    own = list(rel.columns)
    shown = names + own[len(names):] if h <= 1 and len(own) >= len(names) else own
    wrapped = _excel_text_columns(head, report.notes)  # ="00123": the text inside
    if shown != own or wrapped:  # names and cells as read_survey reads them
        rel = rel.select(", ".join(
            f"{unwrap_sql(_q(o)) if o in wrapped else _q(o)} AS {_q(n)}"
            for o, n in zip(own, shown, strict=True)))
    report.vendor, report.header_rows = vendor.replace("grouped", "generic"), max(h, 1)
    return _one_column_per_question(rel, report.notes), texts


def _not_empty(files: list[str], report: LoadReport) -> list[str]:
    """The files that hold bytes; empty ones (an export that failed, a placeholder) are left
    out and named, and a source of nothing but empty files stops as read_survey does."""
    full = [f for f in files if Path(f).stat().st_size > 0]
    if not full:
        raise ValueError(f"{files[0]} is empty" if len(files) == 1
                         else f"every file of {report.source} is empty")
    if len(full) < len(files):
        kept = set(full)
        empty = [f for f in files if f not in kept]
        report.notes.append(f"{len(empty)} empty file(s) left out: {', '.join(empty[:5])}"
                            + (" ..." if len(empty) > 5 else "") + ".")
    return full


def _header_sql(h: int, names: list[str], hint: str) -> str:
    """``read_csv``'s header options: DuckDB's own for a one-row header, else the rows to
    skip and the names read_survey reads; with Excel's ``sep=;`` line, the delimiter it
    names and the line skipped."""
    if h <= 1 and not hint:
        return "header = true"
    quoted = ", ".join("'" + n.replace("'", "''") + "'" for n in names)
    return (f"header = false, skip = {h + bool(hint)}, names = [{quoted}]"
            + (", delim = '" + hint.replace("'", "''") + "'" if hint else ""))




def _csv_layout(path: str, encoding: str = "utf-8-sig"
                ) -> tuple[str, int, list[str], dict[str, str], str]:
    """:func:`~nps_toolkit.loading.layout._layout` of a CSV file's first rows in its
    ``encoding`` (:func:`~nps_toolkit.loading.scanfiles._readable`): its vendor, header
    rows, column names and question texts, the delimiter found as read_survey finds it; and
    the delimiter a first line ``sep=;`` names (Excel writes it so a file opens in columns
    in any locale: it stopped scan with a parser error), or ""."""
    import re

    from .files import _detect_delimiter, _head_frame
    from .layout import _layout

    data = _head_bytes(path, 1 << 16)
    text = (data[: data.rfind(b"\n") + 1] or data).decode(encoding, errors="replace")
    hint = re.match(r"[ \t]*sep=(.)[ \t]*\r?\n", text)
    if hint:
        text = text[hint.end():]
    sep = hint.group(1) if hint else _detect_delimiter(text, Path(path).suffix.lower())
    return (*_layout(_head_frame(text, sep)), hint.group(1) if hint else "")


def _one_column_per_question(rel: Any, notes: list[str]) -> Any:
    """The relation with each single-choice question exported one column per option
    (:mod:`~nps_toolkit.loading.expanded`) read as one column, in the engine: the chosen
    option's label is the answer. Which questions are single-choice is decided on the
    first 10,000 rows, as the columns are."""
    from .expanded import _OPTION, _expanded_choices, _option_groups

    groups = _option_groups(list(rel.columns))
    if not groups:
        return rel
    found: list[str] = []
    read = _expanded_choices(rel.limit(10_000).df(), found).columns
    collapsed = {q: names for q, names in groups if q in read and q not in rel.columns}
    if not collapsed:
        return rel
    notes.extend(found)
    first = {names[0]: q for q, names in collapsed.items()}
    dropped = {n for names in collapsed.values() for n in names}
    exprs = []
    for c in rel.columns:
        if c in first:
            q = first[c]
            options = ", ".join(  # the option's label, as read_survey gives it
                f"CASE WHEN NULLIF(trim(CAST({_q(n)} AS VARCHAR)), '') IS NOT NULL THEN "
                + "'" + _OPTION.match(n)["option"].strip().replace("'", "''") + "' END"
                for n in collapsed[q])
            exprs.append(f"COALESCE({options}) AS {_q(q)}")
        elif c not in dropped:
            exprs.append(_q(c))
    return rel.project(", ".join(exprs))


def _refuse_long(sample: pd.DataFrame) -> None:
    """A file with one row per question asked (loading/long.py) cannot be scored row by row:
    its answer column answers several questions. read_survey turns it into one row per
    respondent; here the error says how to keep the recommend question's rows."""
    from .long import _RECOMMEND, _long_columns

    found = _long_columns(sample)
    if found is None:
        return
    question, answer = found
    asked = sorted(sample[question].dropna().astype(str).str.strip().unique())
    if len(asked) < 2:
        return
    recommend = next((q for q in asked if _RECOMMEND.search(_norm(q))), None)
    where = (f"WHERE {_q(question)} = '" + recommend.replace("'", "''") + "'") if recommend \
        else f"WHERE {_q(question)} = '<the recommend question>'"
    raise ValueError(
        f"the files have one row per question ({len(asked)} questions in the first rows' "
        f"column {question!r}, answers in {answer!r}): scored row by row, the recommend "
        "question would be mixed with the others. Keep its rows first (a DuckDB relation: "
        f"SELECT ..., CAST({_q(answer)} AS INTEGER) AS score FROM ... {where}) and pass "
        "that relation to summarize, segments or trend, or read a file that fits in memory "
        "with read_survey, which turns it into one row per respondent.")


def _refuse_waves(sample: pd.DataFrame) -> None:
    """A file with the recommend question of each wave or month in a column of its own
    (``NPS_SCORE_2015``, ``NPS Oct 2024``: loading/long.py) is one row per customer: scan
    read the first wave's column as the score and left the others out, silently (on a real
    file of six months, 245 answers of 947 and an NPS 23 points off). read_survey stacks the
    waves; here the error says how."""
    from .long import _waves_from_columns

    notes: list[str] = []
    stacked, _ = _waves_from_columns(sample, notes, np.arange(len(sample)))
    if stacked is sample:
        return
    waves = ", ".join(repr(c) for c in sample.columns if c not in stacked.columns)
    raise ValueError(
        f"the files hold the questions of each survey wave or period in columns of their own "
        f"({waves}): scored as one column, the other waves would be left out. Read a file "
        "that fits in memory with read_survey, which reads one row per answer with its wave; "
        "unpivot those columns in DuckDB first (UNPIVOT rel ON <the wave columns> INTO NAME "
        "wave VALUE score) and pass that relation to summarize, segments or trend; or name "
        "one wave's column with score= to read that wave alone.")
