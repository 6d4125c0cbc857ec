"""read_customers: the customer list a survey went to, for response rates and weighting."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._frames import require_columns
from .._frames.ids import matching_ids
from ..errors import ColumnNotFoundError
from ..i18n import gettext, tr
from .columns import _Blank, _customer_column, _date_like
from .finders import _segment_columns
from .ids import _clean_ids
from .names import _words
from .orders import _order_table
from .report import LoadReport
from .tidy import tidy_text

#: names of a plain identifier (normalised): in a customer list, the customer's id
_PLAIN_ID_NAMES = {"id", "key", "nr", "no", "number", "nummer", "numero", "num", "номер",
                   "번호", "编号", "序号"}


def read_customers(source: str | Path | Any, *, customer: str | None = None,
                   answers: pd.DataFrame | None = None, sheet: str | int = 0,
                   encoding: str | None = None,
                   delimiter: str | None = None) -> tuple[pd.DataFrame, LoadReport]:
    """Read a customer list - one row per customer with attributes such as region or plan -
    into a clean frame and a report, for :func:`response_bias`.

    CSV/TSV (encoding and delimiter detected), Excel, Parquet, or a data frame. The customer
    id column is found as :func:`read_survey` finds it ("customer_id", "Company_ID",
    "account_no", "Kundennummer"...) or given, renamed ``customer_id``, and its ids are
    read as the survey's and the order log's are (spaces typed into them taken out, e-mail
    addresses in lower case), so the three match. Rows without an id are left out and a
    customer listed twice keeps its first row; both are listed in the report. The columns
    of groups the respondents can be compared on (2-50 values, or up to 200 of 20 rows on
    average; not ids, not free text, as the report finds segments) are named in the frame's
    ``attrs["attributes"]``.

    Parameters
    ----------
    source : path, data frame, or a list of them
        The customer list; several (a list per year, per region) are read one by one and
        stacked, each row with its list's name in ``customer list``, a customer in two lists
        kept from the first.
    customer : str, optional
        Its customer id column (default: detected).
    answers : DataFrame, optional
        The survey's answers (:func:`read_survey`'s frame): when no column of the list is
        named like a customer id, the list's column holding their customer ids is taken
        (an id column named ``GuestlD``, typed with a lower-case L), said.

    Returns
    -------
    (DataFrame, LoadReport)

    Examples
    --------
    >>> import pandas as pd
    >>> import nps_toolkit as nt
    >>> crm = pd.DataFrame({"Account No": ["A1", "A2", "A2", "A3", None],
    ...                     "Region": ["EMEA", "AMER", "AMER", "EMEA", "APAC"]})
    >>> customers, report = nt.read_customers(crm)
    >>> customers["customer_id"].tolist(), customers.attrs["attributes"]
    (['A1', 'A2', 'A3'], ['Region'])
    >>> sorted(report.excluded)
    ['duplicate customer', 'no customer id']
    """
    if isinstance(source, (list, tuple)):
        return _several_lists(list(source), customer=customer, answers=answers, sheet=sheet,
                              encoding=encoding, delimiter=delimiter)
    report = LoadReport(source="<DataFrame>", file_format="dataframe", header_rows=0)
    raw, first_row = _order_table(source, report, sheet=sheet, encoding=encoding,
                                  delimiter=delimiter)
    cols = [str(c) for c in raw.columns]
    if customer is not None:
        require_columns(cols, [customer], role="customer=",
                        fix="Name the customer id column of the list.")
        found = customer
    else:
        found = _list_id_column(raw, cols, answers, report.notes)
    if found is None:
        raise ColumnNotFoundError(
            f"could not find the customer id column of the customer list; columns are "
            f"{cols[:30]}. Pass customer='...' (e.g. read_customers(path, customer='Client')).")
    notes = report.notes
    ids = _clean_ids(raw[found], notes, found)
    no_id = ids.isna().to_numpy()
    twice = ids.duplicated(keep="first").to_numpy() & ~no_id
    for reason, bad in (("no customer id", no_id), ("duplicate customer", twice)):
        if bad.any():
            rows = (np.flatnonzero(bad) + first_row).tolist()
            report.excluded[reason] = rows
            notes.append(tr("{n:,} row(s) of the customer list left out: {reason} (rows "
                            "{rows}, e.g. {examples!r}).", n=int(bad.sum()), reason=gettext(reason),
                            rows=rows[:5], examples=raw.loc[bad, found].head(3).tolist()))
    if twice.any():
        _say_conflicts(raw.drop(columns=[found]), ids, ~no_id, notes)
    keep = ~(no_id | twice)
    out = raw.drop(columns=[found]).assign(customer_id=ids)
    out = out[["customer_id", *[c for c in out.columns if c != "customer_id"]]]
    out = tidy_text(out.loc[keep].reset_index(drop=True), {"customer_id"}, notes)
    # groups, not dates (a sign-up date of few distinct days looks like groups)
    attributes = _segment_columns(out, [c for c in out.columns if c != "customer_id"
                                        and not _date_like(out[c])])
    out.attrs["attributes"] = attributes
    if attributes:
        notes.append(tr("columns to compare respondents with customers on: {columns}.",
                        columns=", ".join(repr(c) for c in attributes)))
    report.columns = {"customer_id": found}
    report.rows_kept = len(out)
    return out, report


def _say_conflicts(rest: pd.DataFrame, ids: pd.Series, has_id: np.ndarray,
                   notes: list[str]) -> None:
    """Say which columns disagree among a customer's rows in a list that names a customer
    more than once (a user on a free and a paid plan): the first row is kept, and the analyst
    should know that its values are one of several."""
    rows = ids.duplicated(keep=False).to_numpy() & has_id
    if not len(rest.columns):
        return
    group = rest[rows].groupby(ids[rows].to_numpy(), sort=True, dropna=False)
    differ = group.nunique(dropna=False) > 1
    columns = [str(c) for c in rest.columns if differ[c].any()]
    if not columns:
        return
    first = differ.index[differ.any(axis=1).to_numpy()][0]
    values = {c: sorted(map(str, rest.loc[rows & ids.eq(first).fillna(False).to_numpy(), c]
                            .dropna().unique())) for c in columns[:2]}
    notes.append(tr(
        "{k:,} customer(s) listed more than once have different {columns} in their rows "
        "(e.g. {example!r}: {values}); each is read with its first row's values.",
        k=int(differ.any(axis=1).sum()), columns=", ".join(map(repr, columns)),
        example=first, values="; ".join(f"{c} {' / '.join(v)}" for c, v in values.items())))


def _several_lists(sources: list[Any], **kw: Any) -> tuple[pd.DataFrame, LoadReport]:
    """:func:`read_customers` of several lists (see its ``source``): stacked when they share
    columns (a list per year), joined side by side by customer id when each holds columns
    of its own (plans in one file, roles in another)."""
    if not sources:
        raise ValueError("no customer list given: pass a path, a data frame or a list of them")
    read = [read_customers(one, **kw) for one in sources]
    if len(read) == 1:
        return read[0]
    names = [Path(str(r.source)).name if r.source != "<DataFrame>" else f"list {k + 1}"
             for k, (_, r) in enumerate(read)]
    own = [[c for c in f.columns if c != "customer_id"] for f, _ in read]
    if all(own) and sum(map(len, own)) == len({c for cols in own for c in cols}):
        out = read[0][0]
        for frame, _ in read[1:]:
            out = out.merge(frame, on="customer_id", how="outer", sort=False)
        in_all = np.ones(len(out), dtype=bool)
        for frame, _ in read:
            in_all &= out["customer_id"].isin(frame["customer_id"]).to_numpy()
        said = tr("{k} customer lists joined side by side by customer id ({lists}): each "
                  "holds columns of its own; {n:,} customers, {m:,} of them in every list.",
                  k=len(read), lists=", ".join(map(repr, names)), n=len(out),
                  m=int(in_all.sum()))
        return _combined(out, read, names, said)
    label = "customer list" if all("customer list" not in f.columns for f, _ in read) \
        else "source customer list"
    out = pd.concat([f.assign(**{label: name}) for (f, _), name in zip(read, names,
                                                                       strict=True)],
                    ignore_index=True)
    twice = out["customer_id"].duplicated(keep="first").to_numpy()
    out = out.loc[~twice].reset_index(drop=True)
    said = tr("{k} customer lists stacked ({lists}), each row's list in column {label!r}: "
              "{n:,} customers{twice}.", k=len(read), lists=", ".join(map(repr, names)),
              label=label, n=len(out),
              twice=tr("; {m:,} listed in two lists kept from the first",
                       m=int(twice.sum())) if twice.any() else "")
    return _combined(out, read, names, said)


def _combined(out: pd.DataFrame, read: list[tuple[pd.DataFrame, LoadReport]],
              names: list[str], said: str) -> tuple[pd.DataFrame, LoadReport]:
    """Several lists' frame, stacked or side by side, with one report: each list's notes
    and left-out rows under its name, then ``said`` (how they were combined)."""
    report = LoadReport(source=", ".join(str(r.source) for _, r in read),
                        file_format=read[0][1].file_format, header_rows=read[0][1].header_rows)
    report.rows_read = sum(r.rows_read for _, r in read)
    report.rows_kept = len(out)
    report.columns = read[0][1].columns
    for name, (_, r) in zip(names, read, strict=True):
        report.notes.extend(f"[{name}] {note}" for note in r.notes)
        for reason, rows in r.excluded.items():
            report.excluded.setdefault(reason, []).extend(f"{name}:{row}" for row in rows)
    report.notes.append(said)
    out.attrs["attributes"] = _segment_columns(out, [c for c in out.columns
                                                     if c != "customer_id"
                                                     and not _date_like(out[c])])
    return out, report


def _list_id_column(raw: pd.DataFrame, cols: list[str], answers: pd.DataFrame | None,
                    notes: list[str]) -> str | None:
    """A customer list's id column: named like a customer id; else its own plain ``ID``.
    Given the ``answers``, that column must hold at least half of their distinct customer
    ids; when it does not (a list keyed by ``id`` whose ``email`` column was named like the
    key), or when no column is named so, the column holding the most of them is taken, said:
    unique values (a list names each customer once) holding half of the answers' ids, or,
    for a list of part of the customers (one per year), half of its own rows and more than
    the named column. None when none is."""
    named = _customer_column(raw, cols, set(), _Blank(raw))
    plain = [c for c in cols if _words(c) in _PLAIN_ID_NAMES]
    first = named if named is not None else plain[0] if len(plain) == 1 else None
    wanted = (pd.Series(answers["customer_id"].dropna().unique())
              if answers is not None and "customer_id" in answers.columns else None)
    held = (_matched(wanted, raw[first].dropna()) or 0) if first is not None and \
        wanted is not None else 0
    if first is not None and (wanted is None or 2 * held >= len(wanted)):
        if named is None:  # a list of customers: its own plain "ID" is the customer's
            notes.append(tr("column {column!r} taken as the customer id: a customer list's "
                            "own id (pass customer= to choose another).", column=first))
        return first
    if wanted is None:
        return None
    best: tuple[int, str] | None = None
    for c in cols:
        s = raw[c].dropna()
        if len(s) == 0 or s.nunique() < 0.95 * len(s):
            continue
        matched = _matched(wanted, s)
        # half the answers' customers, or (a list of part of them: one per year or region)
        # half the list's own rows, and more than the column named like the key holds
        if matched is not None and (2 * matched >= len(wanted) or (
                2 * matched >= len(s) and matched > held)) and (
                best is None or (-matched, c) < (-best[0], best[1])):
            best = (matched, c)
    if best is None:
        return first
    notes.append(tr("column {column!r} taken as the customer id: it holds {matched:,} of "
                    "the answers' {n:,} customer ids (pass customer= to choose another).",
                    column=best[1], matched=best[0], n=len(wanted))
                 + (" " + tr("{named!r}, named like the id, holds fewer than half of them.",
                             named=first) if first is not None else ""))
    return best[1]


def join_customers(responses: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """The answers with their customers' columns from a customer list (plan, region, monthly
    value, sign-up date...), joined by customer id, so the answers can be compared on what
    the CRM knows and the survey did not ask.

    Every column of the list but the id is added (one named like a column of the answers
    gets `` (customer list)`` after its name); an answer whose customer is not in the list
    gets blanks there. Ids match as :func:`growth_link` matches them (``1``, ``1.0`` and
    ``"1"`` are one customer); a list sharing no id with the answers is an error with
    examples of both. Neither frame is changed. What was joined - columns, answers and
    customers matched, answers left without a listed customer - is said in the load report's
    notes (``attrs["load_report"]``, copied) and in ``attrs["joined"]``.

    Parameters
    ----------
    responses : DataFrame
        Answers from :func:`read_survey`, with their ``customer_id``.
    customers : DataFrame
        A customer list from :func:`read_customers` (one row per ``customer_id``); another
        frame is read by it first (its id column found the same way).

    Returns
    -------
    DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> import nps_toolkit as nt
    >>> answers, _ = nt.read_survey(pd.DataFrame({"customer": ["A1", "A2", "A9"],
    ...                                           "score": [9, 3, 10]}))
    >>> crm = pd.DataFrame({"Account ID": ["A1", "A2", "A3"], "Plan": ["Pro", "Free", "Pro"]})
    >>> joined = nt.join_customers(answers, crm)
    >>> joined[["customer_id", "score", "Plan"]].to_dict("list")
    {'customer_id': ['A1', 'A2', 'A9'], 'score': [9, 3, 10], 'Plan': ['Pro', 'Free', nan]}
    >>> joined.attrs["joined"]["answers_matched"], joined.attrs["joined"]["answers_unmatched"]
    (2, 1)
    """
    require_columns(responses.columns, ["customer_id"], role="responses",
                    fix="Read the survey with its customer ids: read_survey(path, "
                        "customer='<column>').")
    if "customer_id" not in customers.columns or customers.attrs.get("attributes") is None:
        customers, _ = read_customers(customers)
    ids = customers["customer_id"]
    twice = ids[ids.duplicated(keep=False) & ids.notna()]
    if len(twice):
        raise ValueError(f"the customer list has customer ids more than once "
                         f"({sorted(map(str, twice.unique()))[:5]}): keep one row per "
                         "customer (read_customers keeps the first).")
    # ids as the growth link matches them: 1, 1.0 and "1" one customer (00001 too when every
    # id is a number); no id in common is an error naming both sides' examples
    ours, theirs, id_notes = matching_ids(responses["customer_id"], ids,
                                          right_name="customer list")
    at = pd.Index(theirs.to_numpy(dtype=object, na_value=None)).get_indexer(
        ours.to_numpy(dtype=object, na_value=None))
    found = at >= 0
    out = responses.copy()
    added = {}
    for c in customers.columns:
        if c == "customer_id":
            continue
        name = str(c) if c not in out.columns else f"{c} (customer list)"
        column = customers[c].iloc[np.where(found, at, 0)].reset_index(drop=True)
        column.index = out.index
        out[name] = column.where(found) if len(customers) else np.nan
        added[str(c)] = name
    dated = _dated_by_list(out, responses, added, found)
    joined = {"columns": list(added.values()),
              "answers_matched": int(found.sum()),
              "answers_unmatched": int((~found & responses["customer_id"].notna()).sum()),
              "customers_matched": int(pd.unique(at[found]).size),
              "customers_listed": len(customers)}
    out.attrs = dict(responses.attrs)
    out.attrs["joined"] = joined
    report = responses.attrs.get("load_report")
    if report is not None:
        import copy

        report = copy.deepcopy(report)
        report.notes.extend(id_notes)
        report.notes.append(tr(
            "joined {n} column(s) of the customer list by customer id ({columns}): "
            "{matched:,} answers from {customers:,} of its {listed:,} customers; "
            "{unmatched:,} answers' customers are not in the list (blank there).",
            n=len(added), columns=", ".join(repr(c) for c in added.values()),
            matched=joined["answers_matched"], customers=joined["customers_matched"],
            listed=joined["customers_listed"], unmatched=joined["answers_unmatched"]))
        if dated is not None:
            report.notes.extend(dated[2])  # how the dates were read (day or month first...)
            report.notes.append(tr(
                "the export has no answer date: each answer is dated by the customer list's "
                "{column!r} ({k:,} of {n:,} answers), each customer having answered once.",
                column=dated[0], k=dated[1], n=len(out)))
            report.columns["date"] = dated[0]
        out.attrs["load_report"] = report
    return out


def _dated_by_list(out: pd.DataFrame, responses: pd.DataFrame, added: dict[str, str],
                   found: np.ndarray) -> tuple[str, int, list[str]] | None:
    """When the answers have no date and each customer answered once, the customer list's
    column named for the survey's answer (``survey_date``, ``response date``, ``completed``:
    a CRM keeping when its member answered) dates them, in ``out["date"]`` (in place, on the
    joined copy); its name, the answers dated and the notes on reading the dates, or None.
    With repeat answers one date a
    customer would date them all alike: not taken."""
    from .dates import _parse_dates
    from .rolenames import _ANSWER_DATE_NAMES, _ANSWER_DATE_WORDS, _norm

    ids = responses["customer_id"].dropna()
    if "date" in responses.columns or not found.any() or ids.duplicated().any():
        return None
    for column, name in added.items():
        words = _norm(column)
        if words not in _ANSWER_DATE_NAMES and not any(re.search(p, words)
                                                      for p in _ANSWER_DATE_WORDS):
            continue
        values, notes = out[name], []
        parsed = values if pd.api.types.is_datetime64_any_dtype(values.dtype) else \
            _parse_dates(values.astype("string"), notes, name)
        if parsed.notna().sum() < 0.5 * found.sum():
            continue
        out["date"] = parsed
        return name, int(parsed.notna().sum()), notes
    return None


def _column_of_listed_ids(responses: pd.DataFrame, customers: pd.DataFrame, own: str
                          ) -> tuple[str, int, int] | None:
    """The column of ``responses`` whose values are the customer list's ids, for an export
    whose customer column was not found by its name (``ID`` beside ``ROUTERID``): the one
    with the most answers whose value is a listed id, when that is at least half of its
    filled cells; ties go to the column named as the list's own id column (``own``), then
    by name.
    Returns (column, answers matched, answers with a value), or None."""
    ids = customers["customer_id"]
    found: list[tuple[str, int, int]] = []
    for c in responses.columns:
        s = responses[c]
        if c in ("score", "comment", "date", "response_id"):
            continue
        filled = int(s.notna().sum())
        if filled == 0 or s.nunique() < 2:
            continue
        matched = _matched(s, ids)
        if matched is not None and matched >= 0.5 * filled:
            found.append((str(c), matched, filled))
    # most answers matched; then the list's own id column's name; then by name
    return min(found, key=lambda f: (-f[1], f[0] != own, f[0]), default=None)


def _matched(values: pd.Series, listed: pd.Series) -> int | None:
    """How many of ``values`` are among the ``listed`` ids, read as customer ids match
    (:func:`matching_ids`: numbers as numbers, spaces typed into them out); None for a
    column that cannot hold ids (dates, decimals) or shares none."""
    import warnings

    def id_like(s: pd.Series) -> bool:  # whole numbers kept as floats (a blank among
        # integer ids makes the column float: 1.0, 2.0) are ids as their integers are
        if pd.api.types.is_float_dtype(s.dtype):
            v = s.dropna().to_numpy(dtype=float)
            return bool(len(v)) and bool(np.all(np.isfinite(v) & (np.mod(v, 1) == 0)))
        return (pd.api.types.is_integer_dtype(s.dtype) or pd.api.types.is_string_dtype(s.dtype)
                or s.dtype == object)

    if not (id_like(values) and id_like(listed)):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ours, theirs, _ = matching_ids(values, listed, right_name="customer list")
    except (ValueError, TypeError):
        return None
    return int(ours.isin(theirs.dropna()).sum())
