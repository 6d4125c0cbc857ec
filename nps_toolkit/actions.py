"""Customer action lists for the CRM: whom to contact, how, and in what order.

Promoters are asked for reviews and referrals, passives what would make them recommend us,
detractors get a personal follow-up as churn risks. Exports are safe to open in a
spreadsheet: cells that would run as formulas are neutralised, and no character is lost.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._api import renamed
from ._frames import column_names_arg, to_pandas
from .i18n import N_, gettext, tr
from .scoring import classify
from .segmentation import value_tiers

__all__ = ["DEFAULT_PLAYBOOK", "action_list", "export_list", "promoter_seed_list"]

DEFAULT_PLAYBOOK: dict[str, dict[str, str]] = {
    "detractor": {
        "action": N_("Personal follow-up within 48 hours; treat as a churn risk; exclude "
                     "from promotional campaigns until resolved"),
        "question": N_("What went wrong, and what could we do to make it right?"),
    },
    "passive": {
        "action": N_("Ask what would make them recommend us; send a targeted offer"),
        "question": N_("What is the one thing we could do to make your experience better?"),
    },
    "promoter": {
        "action": N_("Thank them; ask for a public review or a referral; invite them to the "
                     "community or early-access list"),
        "question": N_("What made your experience great?"),
    },
}
#: Share of a customer's value treated as at risk, by category, for the priority order.
RISK_WEIGHT = {"detractor": 1.0, "passive": 0.5, "promoter": 0.0}


def _latest(df: pd.DataFrame, customer: str, date: str | None,
            notes: list[str]) -> pd.DataFrame:
    """One row per customer: the latest answer, plus n_responses and previous_category."""
    missing_id = df[customer].isna()
    if missing_id.any():
        notes.append(tr("{n:,} response(s) without a {column!r} cannot be contacted and are "
                        "left out.", n=int(missing_id.sum()), column=customer))
        df = df[~missing_id]
    missing_score = df["category"].isna()
    if missing_score.any():
        notes.append(tr("{n:,} response(s) without a score are left out.",
                        n=int(missing_score.sum())))
        df = df[~missing_score]
    if date is not None:
        if df[date].isna().any():
            notes.append(tr("{n:,} response(s) without a date are treated as the oldest of "
                            "their customer.", n=int(df[date].isna().sum())))
        df = df.sort_values(date, kind="stable", na_position="first")
    grouped = df.groupby(customer, sort=False, observed=True)
    out = df.loc[~df.duplicated(subset=[customer], keep="last")].copy()
    counts = grouped.size()
    previous = grouped["category"].nth(-2)
    previous = pd.Series(previous.to_numpy(), index=df.loc[previous.index, customer].to_numpy())
    out["n_responses"] = out[customer].map(counts).astype(np.int64)
    out["previous_category"] = out[customer].map(previous).astype(
        pd.CategoricalDtype(["detractor", "passive", "promoter"], ordered=True))
    return out


def action_list(data: Any, *, customer: str = "customer_id", score: str = "score",
                date: str | None = "date", comment: str | None = "comment",
                value: str | None = None, tiers: int = 4,
                playbook: Mapping[str, Mapping[str, str]] | None = None,
                keep: Sequence[str] = (), redact: bool = True) -> pd.DataFrame:
    """One row per customer with their latest category and the next action, in priority order.

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

    Parameters
    ----------
    data : data frame of responses
    customer, score, date, comment : column names
        ``date`` orders each customer's answers (the latest one counts; without a date, the
        last row). ``date`` or ``comment`` may be None when the data has none.
    value : str, optional
        Customer value (lifetime value, revenue). With it, customers get a value tier and the
        priority puts the most value at risk first.
    tiers : int
        Number of value tiers (see :func:`nps_toolkit.value_tiers`).
    playbook : mapping, optional
        Per category (``detractor``, ``passive``, ``promoter``) an ``action`` and a follow-up
        ``question``; what you give overrides :data:`DEFAULT_PLAYBOOK` key by key.
    keep : column names
        Other columns to carry over from each customer's latest response (e.g. email, region).
    redact : bool, default True
        Replace e-mail addresses, phone and card-like numbers inside the comments with
        placeholders (:func:`nps_toolkit.redact_pii`): a list meant for a CRM should not copy
        a card number a customer typed. Columns in ``keep`` are carried as they are.

    Returns
    -------
    pandas.DataFrame
        ``priority`` (1 = contact first), the customer id, ``category``, ``score``, ``date``,
        ``comment``, ``value`` and ``value_tier`` (with ``value``), ``previous_category``,
        ``n_responses``, ``action``, ``follow_up_question`` and the ``keep`` columns.
        Priority: with a value, detractors and passives by value at risk (value x 1 for
        detractors, x 0.5 for passives), highest first, then promoters by value (the most
        valuable advocates first); without, detractors by score (lowest first), passives, then
        promoters. ``.attrs["notes"]`` lists what was left out and why.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"customer_id": ["a", "b", "c", "a"], "score": [10, 3, 8, 6],
    ...                    "date": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03",
    ...                                            "2025-03-01"]),
    ...                    "clv": [900, 100, 2000, 900]})
    >>> action_list(df, value="clv", comment=None)[["priority", "customer_id", "category"]]
       priority customer_id   category
    0         1           c    passive
    1         2           a  detractor
    2         3           b  detractor
    """
    cols = [customer, score, *([date] if date else []), *([comment] if comment else []),
            *([value] if value else []), *keep]
    df = to_pandas(data, cols, rows_for="action_list: it lists customers")
    # the default words in the reader's language (nps_toolkit.set_language); yours as given
    book = {k: {field: gettext(text) for field, text in v.items()}
            for k, v in DEFAULT_PLAYBOOK.items()}
    for cat, entry in (playbook or {}).items():
        if cat not in book:
            raise ValueError(f"playbook categories are detractor, passive and promoter; got "
                             f"{cat!r}")
        unknown = set(entry) - {"action", "question"}
        if unknown:
            raise ValueError(f"playbook entries take 'action' and 'question'; got {unknown}")
        book[cat].update(entry)
    work = df[list(dict.fromkeys(cols))].copy()
    work["category"] = classify(work[score])
    notes: list[str] = []
    latest = _latest(work, customer, date, notes)
    if value is not None:
        from ._frames.amounts import as_amounts
        from .segmentation.value import _tied_bins

        v = as_amounts(latest[value], value)
        # a plan price most customers share: tiers cut where they can be, said in the notes
        latest["value_tier"] = value_tiers(latest.assign(**{value: v}), value=value,
                                           tiers=tiers, bins=_tied_bins(v, tiers, value, notes))
        cat = latest["category"].astype(str)
        at_risk = v.fillna(0).clip(lower=0) * cat.map(RISK_WEIGHT).astype(float)
        is_promoter = (cat == "promoter").astype(int)
        order = pd.DataFrame({"p": is_promoter, "risk": -at_risk, "v": -v.fillna(-np.inf),
                              "s": latest[score].astype(float)})
        latest = latest.iloc[np.lexsort([order["s"], order["v"], order["risk"], order["p"]])]
    else:
        rank = latest["category"].cat.codes  # detractor 0, passive 1, promoter 2
        latest = latest.iloc[np.lexsort([latest[score].astype(float).to_numpy(),
                                         rank.to_numpy()])]
    if comment and redact:
        from .text import redact_pii

        latest[comment] = redact_pii(latest[comment]).astype("string").to_numpy()
    cat = latest["category"].astype(str)
    latest["action"] = cat.map({k: v["action"] for k, v in book.items()})
    latest["follow_up_question"] = cat.map({k: v["question"] for k, v in book.items()})
    latest.insert(0, "priority", np.arange(1, len(latest) + 1))
    order_cols = ["priority", customer, "category", score, *([date] if date else []),
                  *([comment] if comment else []),
                  *([value, "value_tier"] if value else []), "previous_category",
                  "n_responses", "action", "follow_up_question",
                  *[k for k in keep if k not in (customer, score, date, comment, value)]]
    out = latest[order_cols].reset_index(drop=True)
    out.attrs = {"notes": notes}
    return out


@renamed(attributes="by")
def promoter_seed_list(data: Any, *, customer: str = "customer_id", score: str = "score",
                       date: str | None = "date", by: str | Sequence[str] = (),
                       consistent: bool = True) -> pd.DataFrame:
    """Customers to seed a look-alike audience: promoters in their latest answer.

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

    With ``consistent`` (default), customers who were ever detractors are left out, so the
    seed holds only steady advocates. ``by`` (persona, region, channel, value...) are
    carried from each customer's latest response, for the ad platform's matching.

    Returns
    -------
    pandas.DataFrame
        The customer id, the ``by`` columns, ``n_responses``, ``mean_score``, ``first_promoter``
        (date of the first promoter answer, with ``date``); ``.attrs["notes"]`` says how many
        were left out and why.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"customer_id": ["a", "b", "b", "c"], "score": [10, 2, 9, 9]})
    >>> promoter_seed_list(df, date=None)["customer_id"].tolist()
    ['a', 'c']
    """
    attributes = column_names_arg(by)
    cols = [customer, score, *([date] if date else []), *attributes]
    df = to_pandas(data, cols, rows_for="promoter_seed_list: it lists customers")
    work = df[list(dict.fromkeys(cols))].copy()
    work["category"] = classify(work[score])
    notes: list[str] = []
    latest = _latest(work, customer, date, notes)
    seeds = latest[latest["category"] == "promoter"]
    scored = work.dropna(subset=[customer, score])
    stats = scored.groupby(customer, observed=True)[score].agg(
        mean_score=lambda s: float(s.astype(float).mean()),
        ever_detractor=lambda s: bool((s.astype(float) <= 6).any()))
    seeds = seeds.join(stats, on=customer)
    if consistent:
        dropped = int(seeds["ever_detractor"].sum())
        if dropped:
            notes.append(tr("{n:,} promoter(s) who were detractors before are left out "
                            "(consistent=True).", n=dropped))
        seeds = seeds[~seeds["ever_detractor"]]
    out = seeds[[customer, *[a for a in attributes if a != customer], "n_responses",
                 "mean_score"]].copy()
    if date:
        first = scored[scored[score].astype(float) >= 9].groupby(customer, observed=True)[
            date].min()
        out["first_promoter"] = out[customer].map(first)
    out = out.sort_values(customer, kind="stable").reset_index(drop=True)
    out.attrs = {"notes": notes}
    return out


# --------------------------------------------------------------------------- safe export
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
EXCEL_CELL_LIMIT = 32767  # characters an Excel cell can hold


# a formula start where a reader may begin a cell: the cell's start, or - for CSV, which a
# reader may split on another separator than the writer's (Excel in German, French or Dutch
# splits on ';', other tools on tabs) - right after any separator or line break, behind
# blanks and quotes. Full-width forms too: some locales' spreadsheets read them as formulas.
_CELL_FORMULA = re.compile(r"^([\s\"]*)([=+\-@\uff1d\uff0b\uff0d\uff20])")
_ANY_FORMULA = re.compile(r"(^|[;,\t\r\n|])([ \"]*)([=+\-@\uff1d\uff0b\uff0d\uff20\t\r])")


def _neutralise(series: pd.Series, *, inner: bool = False) -> tuple[pd.Series, int]:
    """Prefix with an apostrophe every formula start in text cells (``inner``: after every
    separator too, see ``_ANY_FORMULA``); numbers stay numbers (an object column may mix
    them: -5 is a number, "-5+cmd" is text). Returns the column and the cells changed."""
    text = series.astype("string")
    is_text = series.map(type).eq(str).to_numpy() if series.dtype == object else \
        np.ones(len(series), dtype=bool)
    starts = text.str.startswith(_FORMULA_START).fillna(False).to_numpy()
    fixed = ("'" + text).where(starts, text)
    if inner:
        fixed = fixed.str.replace(_ANY_FORMULA, r"\1\2'\3", regex=True)
    else:
        fixed = fixed.where(starts, text.str.replace(_CELL_FORMULA, r"\1'\2", regex=True))
    risky = (fixed != text).fillna(False).to_numpy() & is_text
    out = series.astype(object).where(~risky, fixed.astype(object))
    return out, int(risky.sum())


def export_list(table: pd.DataFrame, path: str | Path, *, sheet_name: str = "customers",
                index: bool = False) -> dict[str, int]:
    """Write a list for a CRM or a spreadsheet, safe against formula injection.

    Text cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or,
    behind blanks or quotes, one of the first four or their full-width forms) are prefixed
    with an apostrophe, so spreadsheet software shows them as text instead of running them
    (OWASP, "CSV Injection"). Numbers are written as numbers (a negative value stays a
    number).

    What a CSV guarantees, whichever separator the reader splits on (``,`` in English
    locales, ``;`` in German, French or Dutch Excel, a tab, ``|``): no cell it can produce
    starts with a formula character. Text fields are quoted, and inside a text cell every
    formula start that follows ``;``, ``,``, a tab, ``|`` or a line break (behind blanks or
    quotes) gets the same apostrophe: ``ok;+cmd`` is written ``ok;'+cmd``, so a reader that
    splits the cell there still sees text. Such cells count as neutralised.

    CSV is written as UTF-8 with a byte-order mark, so Excel shows accents,
    Cyrillic, Hangul, Chinese and emoji correctly. Excel files (``.xlsx``) cannot hold control
    characters: those are replaced by U+FFFD and counted.

    Parameters
    ----------
    table : pandas.DataFrame
    path : str or Path
        ``.csv`` or ``.xlsx``.
    sheet_name : str
        Excel sheet name.
    index : bool, default False
        Also write the index (as the first columns, checked like any other column).

    Returns
    -------
    dict
        ``rows`` written, ``neutralised`` cells, and for xlsx only
        ``replaced_control_characters``, ``truncated_cells`` and ``normalised_line_breaks``.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "list.csv"
    >>> export_list(pd.DataFrame({"comment": ["=HYPERLINK(\\"x\\")", "ok"]}), out)
    {'rows': 2, 'neutralised': 1, 'replaced_control_characters': 0, 'truncated_cells': 0,
     'normalised_line_breaks': 0}
    >>> out.read_text(encoding="utf-8-sig").splitlines()[1]
    '"\\'=HYPERLINK(""x"")"'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"export_list writes .csv or .xlsx files, got {path.name!r}")
    # the index is written as ordinary columns, so it goes through the same checks
    safe = table.reset_index() if index else table.copy()
    neutralised = replaced = truncated = line_breaks = 0
    for col in safe.columns:
        s = safe[col]
        if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype) or \
                pd.api.types.is_datetime64_any_dtype(s.dtype):
            continue
        s, n = _neutralise(s, inner=suffix == ".csv")
        neutralised += n
        if suffix == ".xlsx":
            text = s.astype("string")
            bad = text.str.contains(_ILLEGAL_XML, regex=True).fillna(False)
            replaced += int(text[bad].str.count(_ILLEGAL_XML.pattern).sum())
            s = s.where(~bad.to_numpy(), text.str.replace(_ILLEGAL_XML, "\ufffd", regex=True))
            text = s.astype("string")
            has_cr = text.str.contains("\r", regex=False).fillna(False)
            if has_cr.any():  # XML turns a bare \r into \n on reading: say so, do it here
                line_breaks += int(has_cr.sum())
                s = s.where(~has_cr.to_numpy(),
                            text.str.replace("\r\n", "\n", regex=False).str.replace(
                                "\r", "\n", regex=False))
                text = s.astype("string")
            long = (text.str.len() > EXCEL_CELL_LIMIT).fillna(False)
            if long.any():
                truncated += int(long.sum())
                marker = " [truncated: Excel cells hold 32,767 characters; see the CSV]"
                s = s.where(~long.to_numpy(),
                            text.str.slice(0, EXCEL_CELL_LIMIT - len(marker)) + marker)
        safe[col] = s
    safe.columns = [_neutralise(pd.Series([str(c)]), inner=suffix == ".csv")[0].iloc[0]
                    for c in safe.columns]
    for col in safe.columns:  # time zones are not supported by Excel; keep them as text
        if isinstance(safe[col].dtype, pd.DatetimeTZDtype) and suffix == ".xlsx":
            safe[col] = safe[col].astype(str)
    if suffix == ".csv":
        # CRLF (RFC 4180) makes the writer quote any field holding \r or \n; with "\n"
        # alone a bare carriage return in a comment would split the row in every reader.
        safe.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n",
                    quoting=csv.QUOTE_NONNUMERIC)
    else:
        safe.to_excel(path, index=False, sheet_name=sheet_name, engine="openpyxl")
    return {"rows": len(safe), "neutralised": neutralised,
            "replaced_control_characters": replaced, "truncated_cells": truncated,
            "normalised_line_breaks": line_breaks}
