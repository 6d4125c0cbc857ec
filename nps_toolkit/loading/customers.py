"""read_customers: the customer list a survey went to, for response rates and weighting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..errors import ColumnNotFoundError
from ..i18n import gettext, tr
from .columns import _Blank, _customer_column, _date_like
from .ids import _clean_ids
from .orders import _order_table
from .profile import _segment_columns
from .report import LoadReport


def read_customers(source: str | Path | Any, *, customer: str | None = None,
                   sheet: str | int = 0, encoding: str | None = None,
                   delimiter: str | None = None) -> tuple[pd.DataFrame, LoadReport]:
    """Read a customer list - one row per customer with attributes such as region or plan -
    into a clean frame and a report, for :func:`response_bias`.

    CSV/TSV (encoding and delimiter detected), Excel, Parquet, or a data frame. The customer
    id column is found as :func:`read_survey` finds it ("customer_id", "Company_ID",
    "account_no", "Kundennummer"...) or given, renamed ``customer_id``, and its ids are
    read as the survey's and the order log's are (spaces typed into them taken out, e-mail
    addresses in lower case), so the three match. Rows without an id are left out and a
    customer listed twice keeps its first row; both are listed in the report. The columns
    of groups the respondents can be compared on (2-50 values, not ids, not free text, as
    the report finds segments) are named in the frame's ``attrs["attributes"]``.

    Parameters
    ----------
    source : path or data frame
        The customer list.
    customer : str, optional
        Its customer id column (default: detected).

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
    report = LoadReport(source="<DataFrame>", file_format="dataframe", header_rows=0)
    raw, first_row = _order_table(source, report, sheet=sheet, encoding=encoding,
                                  delimiter=delimiter)
    cols = [str(c) for c in raw.columns]
    if customer is not None:
        require_columns(cols, [customer], role="customer=",
                        fix="Name the customer id column of the list.")
        found = customer
    else:
        found = _customer_column(raw, cols, set(), _Blank(raw))
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
    keep = ~(no_id | twice)
    out = raw.drop(columns=[found]).assign(customer_id=ids)
    out = out[["customer_id", *[c for c in out.columns if c != "customer_id"]]]
    out = out.loc[keep].reset_index(drop=True)
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
