"""read_orders: an order log (customer, date, amount) read with read_survey's care."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._frames import require_columns, to_pandas
from .._frames.amounts import parse_amounts
from ..errors import ColumnNotFoundError
from ..i18n import N_, gettext, tr
from .dates import _parse_dates
from .files import _existing_file, _read_file
from .ids import _clean_ids
from .infer import _infer_types
from .nawords import kept_words
from .report import LoadReport
from .rolenames import _CUSTOMER_NAMES, _CUSTOMER_PATTERN, _ID_WORDS, _first_exact, _norm
from .tidy import unwrapped_excel_text

_ORDER_DATE_NAMES = ["order date", "orderdate", "order_date", "purchase date", "date",
                     "transaction date", "invoice date", "created at", "timestamp",
                     "date commande", "date de commande", "fecha", "fecha de compra",
                     "bestelldatum", "datum", "дата заказа", "дата", "주문일", "주문 날짜",
                     "下单日期", "日期", "订单日期"]
_AMOUNT_NAMES = ["amount", "revenue", "total", "order total", "order value", "value", "sales",
                 "net amount", "price", "montant", "chiffre d affaires", "ca", "ca ticket",
                 "cati cket", "importe", "monto", "total pedido", "betrag", "umsatz",
                 "сумма", "выручка", "금액", "매출", "金额", "订单金额", "销售额"]
# an amount named with other words around it ("Order_Amount", "net_revenue_eur",
# "Valor do pedido"): a money word anywhere in the name, tried after the exact names
_AMOUNT_WORDS = re.compile(r"\b(amount|amt|revenue|sales|spend|spent|price|value|montant|"
                           r"betrag|umsatz|importe|monto|valor|сумма|выручка)\b|금액|매출|"
                           r"金额|销售额")
# an order date named with other words ("Order_Date_UTC", "purchased_on")
_ORDER_DATE_WORDS = re.compile(r"\b(date|datum|fecha|data|purchased|ordered|дата)\b|일자|"
                               r"날짜|日期")
_ID_WORD = re.compile(rf"\b({_ID_WORDS})\b")  # the id words customer columns use
_REFERRER_NAMES = ["referrer id", "referred by", "referrer", "referral", "referral id",
                   "parrain", "parrainage", "referido por", "empfohlen von"]


def read_orders(source: str | Path | Any, *, customer: str | None = None,
                date: str | None = None, amount: str | None = None,
                referrer: str | None = None, sheet: str | int = 0,
                encoding: str | None = None, delimiter: str | None = None,
                dayfirst: bool | None = None,
                decimal: str | None = None) -> tuple[pd.DataFrame, LoadReport]:
    """Read an order log - customer id, order date, amount - into a clean frame and a report.

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

    CSV/TSV (encoding and delimiter detected), Excel, Parquet, or a data frame. The columns
    are found by their usual names in seven languages ("customer_id", "order date",
    "amount", "montant", "Betrag"...) or given. Amounts may be written with a decimal comma
    or a currency sign; the decimal mark is decided for the whole column (``2.000,00`` in it
    makes ``1.500`` fifteen hundred; ``decimal=`` when no cell shows it), a column mixing
    currencies or decimal marks is refused with the rows to fix, and a leading or trailing
    minus (also U+2212), parentheses and ``1.5E+03`` are read. Negative amounts are refunds:
    kept (revenue is net of them) and counted in the report. Rows without a customer, a
    readable date or a readable amount are excluded and listed, never dropped silently.
    Dates get one format per column as in :func:`read_survey`.

    Returns
    -------
    (pandas.DataFrame, LoadReport)
        Columns ``customer_id`` (text), ``order_date`` (datetime), ``amount`` (float) and
        ``referrer_id`` when a referral column is found, sorted by customer and date.

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"Customer ID": ["C1", "C1", "C2"], "Order date": ["2025-01-03",
    ...                     "2025-02-01", "2025-01-20"], "Amount": ["19,90", "-5", "€42"]})
    >>> orders, report = read_orders(log)
    >>> orders["amount"].tolist()
    [19.9, -5.0, 42.0]
    >>> report.notes[-1]
    '1 refund(s) (negative amounts, total -5.00) are kept: revenue is net of refunds.'
    """
    report = LoadReport(source="<DataFrame>", file_format="dataframe", header_rows=0)
    raw, first_row = _order_table(source, report, sheet=sheet, encoding=encoding,
                                  delimiter=delimiter)
    found, ref_col = _order_columns([str(c) for c in raw.columns], customer=customer,
                                    date=date, amount=amount, referrer=referrer)
    notes = report.notes
    ids = raw[found["customer_id"]]
    ids = _clean_ids(ids.astype("string"), notes, found["customer_id"])
    dates = _parse_dates(raw[found["order_date"]], notes, found["order_date"], dayfirst,
                         consequence=N_("those orders are left out (listed below)"),
                         rows=np.arange(len(raw)) + first_row)
    amounts = _in_units(parse_amounts(raw[found["amount"]], notes, found["amount"],
                                      decimal=decimal, rows=np.arange(len(raw)) + first_row),
                        found["amount"], notes)
    reasons = {"no customer id": ids.isna().to_numpy(),
               "no readable date": dates.isna().to_numpy(),
               "no readable amount": amounts.isna().to_numpy()}
    keep = _orders_kept(raw, found, reasons, report, first_row)
    out = pd.DataFrame({"customer_id": ids, "order_date": dates, "amount": amounts})
    if ref_col is not None:
        out["referrer_id"] = raw[ref_col].astype("string").str.strip().replace("", pd.NA)
        notes.append(tr("referrals read from column {column!r}.", column=ref_col))
    out = out.loc[keep]
    refunds = out["amount"] < 0
    if refunds.any():
        notes.append(tr("{n:,} refund(s) (negative amounts, total {total:.2f}) are kept: "
                        "revenue is net of refunds.", n=int(refunds.sum()),
                        total=out.loc[refunds, "amount"].sum()))
    out = out.sort_values(["customer_id", "order_date"], kind="stable").reset_index(drop=True)
    report.columns = {k: v for k, v in found.items()} | (
        {"referrer_id": ref_col} if ref_col else {})
    report.rows_kept = len(out)
    return out, report


#: an amount in a currency's hundredth (Stripe's and many APIs' ``amount_cents``,
#: ``total_in_cents``, ``price_pence``, ``valor_centavos``, ``amount_minor``)
_MINOR_UNITS = re.compile(r"\b(in )?(cents?|pence|paise|centavos?|centimos?|centimes?|"
                          r"kopecks?|kopeks?|копеек|копейки|minor( units?)?)\b")


def _in_units(amounts: pd.Series, column: str, notes: list[str]) -> pd.Series:
    """Amounts in a column named for the currency's hundredth (cents, pence, centavos...)
    divided by 100, said: summed as they were, a customer's revenue was 100 times too large
    in every figure of money (growth, the value of moving a detractor)."""
    if not _MINOR_UNITS.search(_norm(column)):
        return amounts
    notes.append(tr("amounts in {column!r} are in hundredths of the currency (cents, pence...), "
                    "as its name says: divided by 100 (e.g. {raw:g} -> {units:.2f}).",
                    column=column, raw=float(amounts.dropna().iloc[0]) if amounts.notna().any()
                    else 0.0, units=float(amounts.dropna().iloc[0]) / 100
                    if amounts.notna().any() else 0.0))
    return amounts / 100


_ARG = {"customer_id": "customer", "order_date": "date", "amount": "amount"}


def _order_table(source: Any, report: LoadReport, *, sheet: str | int, encoding: str | None,
                 delimiter: str | None) -> tuple[pd.DataFrame, int]:
    """The order log's cells (a file read like an export, or a frame copied) and the file
    row number of its first order (0 for a frame)."""
    if isinstance(source, (str, Path)):
        path = _existing_file(source, "order log")
        report.source = str(path)
        raw, _ = _read_file(path, sheet=sheet, encoding=encoding, delimiter=delimiter,
                            report=report)
        raw = unwrapped_excel_text(raw, report.notes)  # ="00123": the id, not a formula
        raw = kept_words(raw, _infer_types(raw, set()), report.notes)  # a plan named None
        first_row = report.header_rows + 1
    else:
        raw = to_pandas(source, rows_for="read_orders: it checks every order").copy()
        raw.columns = [str(c) for c in raw.columns]
        first_row = 0
    report.rows_read = len(raw)
    return raw, first_row


def _order_columns(cols: list[str], *, customer: str | None, date: str | None,
                   amount: str | None, referrer: str | None
                   ) -> tuple[dict[str, str], str | None]:
    """The customer, date and amount columns (named, else recognised), and the referrer's."""
    found = {
        "customer_id": customer or _first_exact(cols, _CUSTOMER_NAMES, set())
        or next((c for c in cols if _CUSTOMER_PATTERN.match(_norm(c))), None),
        "order_date": date or _first_exact(cols, _ORDER_DATE_NAMES, set())
        or next((c for c in cols if _ORDER_DATE_WORDS.search(_norm(c))), None),
        "amount": amount or _first_exact(cols, _AMOUNT_NAMES, set())
        or next((c for c in cols if _AMOUNT_WORDS.search(_norm(c))
                 and not _ID_WORD.search(_norm(c))), None),
    }
    for role, col in found.items():
        if col is None:
            raise ColumnNotFoundError(
                f"could not find the {role.replace('_', ' ')} column of the order log; columns "
                f"are {cols[:30]}. Pass {_ARG[role]}='...' (e.g. read_orders(path, "
                "customer='Client', date='Date', amount='Total')).")
        require_columns(cols, [str(col)], role=f"{_ARG[role]}=",
                        fix="Name a column of the order log.")
    if referrer is not None:
        require_columns(cols, [str(referrer)], role="referrer=",
                        fix="Name a column of the order log.")
    ref_col = referrer or _first_exact(cols, _REFERRER_NAMES, set(found.values()))
    return found, ref_col  # type: ignore[return-value]


def _orders_kept(raw: pd.DataFrame, found: dict[str, str], reasons: dict[str, np.ndarray],
                 report: LoadReport, first_row: int) -> np.ndarray:
    """Rows kept; each reason's rows (counted once, first reason first) listed in the report
    with examples of the cells."""
    keep = np.ones(len(raw), dtype=bool)
    for reason, bad in reasons.items():
        bad = bad & keep
        if bad.any():
            rows = (np.flatnonzero(bad) + first_row).tolist()
            report.excluded[reason] = rows
            examples = raw.loc[bad, found["amount" if "amount" in reason else
                                          "order_date" if "date" in reason
                                          else "customer_id"]].head(3).tolist()
            report.notes.append(tr("{n:,} order(s) with {reason} are left out (rows {rows}, e.g. "
                                   "{examples!r}).", n=int(bad.sum()), reason=gettext(reason),
                                   rows=rows[:5], examples=examples))
        keep &= ~bad
    return keep
