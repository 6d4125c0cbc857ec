"""Survey waves, customer migration between categories, and whom to re-survey next."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._frames import require_columns, to_narwhals, to_pandas
from ..scoring import NPSComparison, classify, compare_paired
from .periods import _local_naive, parse_dates


# --------------------------------------------------------------------------- waves
def assign_waves(data: Any, *, date: str = "date", customer: str = "customer_id",
                 min_gap: str = "45D") -> pd.Series:
    """Survey wave of each response: 1 for a customer's first answer, 2 for the next...

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

    Answers less than ``min_gap`` after the customer's previous answer belong to the same
    wave (a duplicate submission or a reminder answered twice), so with re-surveys every 60-90
    days each contact is one wave. Works on unsorted input.

    Returns
    -------
    pandas.Series
        ``wave`` (nullable integer) aligned with ``data``; missing where the customer id or
        the date is missing. ``.attrs["median_gap_days"]`` is the median time between waves.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
    ...                    "date": ["2025-01-01", "2025-01-02", "2025-03-20", "2025-02-01"]})
    >>> assign_waves(df).tolist()
    [1, 1, 2, 1]
    """
    df = to_pandas(data, [customer, date],
                   rows_for="assign_waves: it numbers each customer's responses")
    dates = parse_dates(df[date], column=date)
    gap = pd.Timedelta(min_gap)
    ok = (df[customer].notna() & dates.notna()).to_numpy()
    sub = pd.DataFrame({"c": df[customer].to_numpy()[ok], "t": _local_naive(dates)[ok]},
                       index=df.index[ok])
    sub = sub.sort_values(["c", "t"], kind="stable")
    # a new wave when the gap to the previous answer of the same customer is >= min_gap;
    # chained near-duplicates stay in the wave of their first answer
    diff = sub.groupby("c", sort=False)["t"].diff()
    new = (diff.isna() | (diff >= gap)).to_numpy()
    wave_id = pd.Series(new.astype(np.int64), index=sub.index).groupby(
        sub["c"].to_numpy()).cumsum()
    out = pd.Series(pd.array([pd.NA] * len(df), dtype="Int64"), index=df.index, name="wave")
    out.loc[wave_id.index] = wave_id.to_numpy()
    gaps = diff[new & diff.notna().to_numpy()]
    out.attrs["median_gap_days"] = (float(gaps.dt.total_seconds().median() / 86400)
                                    if len(gaps) else float("nan"))
    return out


@dataclass(frozen=True)
class Migration:
    """How customers moved between categories from one wave (or period) to the next.

    Attributes
    ----------
    counts, shares : DataFrame
        3x3 transition matrix (rows: from, columns: to) as counts and as row shares.
    change : NPSComparison
        Paired NPS change for these customers (after - before).
    pairs : DataFrame
        One row per customer and consecutive pair: ``customer``, ``from_wave``, ``to_wave``,
        dates, scores, categories, ``movement`` (up, down, same).
    moved_up, moved_down : DataFrame
        The pairs that went up (detractor -> passive/promoter, passive -> promoter) or down.
    summary : str
        Plain-words summary.
    """

    counts: pd.DataFrame
    shares: pd.DataFrame
    change: NPSComparison
    pairs: pd.DataFrame
    moved_up: pd.DataFrame
    moved_down: pd.DataFrame
    summary: str
    notes: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return self.summary

    def _repr_html_(self) -> str:
        return (f"<p>{html.escape(self.summary)}</p>"
                + self.counts.to_html() + self.shares.to_html(float_format=lambda v: f"{v:.1%}"))


def migration(data: Any, *, customer: str = "customer_id", date: str = "date",
              score: str = "score", wave: str | None = None, from_wave: int | None = None,
              min_gap: str = "45D", confidence: float = 0.95) -> Migration:
    """Transition matrix detractor/passive/promoter between consecutive waves, per customer.

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

    For each customer who answered in two consecutive waves (wave k and k+1; all such pairs
    pooled unless ``from_wave`` picks one), the category before and after. Waves come from
    ``wave`` or from :func:`assign_waves`; within a wave a customer's latest answer counts.
    The NPS change of these customers is tested with the paired t-test
    (:func:`nps_toolkit.compare_paired`).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> m = migration(load_sample())
    >>> int(m.counts.loc["passive", "promoter"]) > int(m.counts.loc["promoter", "passive"])
    True
    """
    cols = [customer, date, score, *([wave] if wave else [])]
    df = to_pandas(data, cols,
                   rows_for="migration: it pairs each customer's answers across waves").copy()
    notes: list[str] = []
    df["__wave"] = df[wave] if wave else assign_waves(df, date=date, customer=customer,
                                                      min_gap=min_gap)
    df["__date"] = parse_dates(df[date], column=date)
    df["__cat"] = classify(df[score])
    usable = df["__wave"].notna() & df["__cat"].notna()
    if (~usable).any():
        notes.append(f"{int((~usable).sum())} response(s) without a score, customer, date or "
                     "wave are left out.")
    df = df[usable].sort_values([customer, "__wave", "__date"], kind="stable")
    last = df.drop_duplicates([customer, "__wave"], keep="last")
    nxt = last.groupby(customer, sort=False).shift(-1)
    pairs = pd.DataFrame({
        "customer": last[customer].to_numpy(),
        "from_wave": last["__wave"].to_numpy(), "to_wave": nxt["__wave"].to_numpy(),
        "from_date": last["__date"].to_numpy(), "to_date": nxt["__date"].to_numpy(),
        "from_score": last[score].to_numpy(), "to_score": nxt[score].to_numpy(),
        "from_category": last["__cat"].astype(str).to_numpy(),
        "to_category": nxt["__cat"].astype(str).to_numpy(),
    })
    pairs = pairs[pairs["to_wave"].notna()]
    pairs = pairs[pairs["to_wave"].astype(int) == pairs["from_wave"].astype(int) + 1]
    if from_wave is not None:
        pairs = pairs[pairs["from_wave"].astype(int) == from_wave]
    if pairs.empty:
        raise ValueError("no customer answered in two consecutive waves: there is nothing to "
                         "migrate (check customer= and date=, or the waves)")
    order = {"detractor": 0, "passive": 1, "promoter": 2}
    step = pairs["to_category"].map(order) - pairs["from_category"].map(order)
    pairs["movement"] = np.select([step > 0, step < 0], ["up", "down"], "same")
    pairs = pairs.reset_index(drop=True)
    labels = ["detractor", "passive", "promoter"]
    counts = pd.crosstab(pd.Categorical(pairs["from_category"], labels),
                         pd.Categorical(pairs["to_category"], labels), dropna=False)
    counts.index.name, counts.columns.name = "from", "to"
    shares = counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0)
    change = compare_paired(pairs["from_score"].astype(float), pairs["to_score"].astype(float),
                            confidence=confidence)
    up, down = pairs[pairs["movement"] == "up"], pairs[pairs["movement"] == "down"]
    summary = (
        f"{len(pairs):,} customers answered in consecutive waves. "
        f"{int(counts.loc['passive', 'promoter']):,} passives became promoters "
        f"({shares.loc['passive', 'promoter']:.0%} of passives) and "
        f"{int(counts.loc['promoter', 'passive']):,} promoters slipped to passive; "
        f"{len(up):,} moved up and {len(down):,} down in all. Their NPS changed by "
        f"{change.difference:+.1f} points ({confidence:.0%} CI {change.ci_low:+.1f} to "
        f"{change.ci_high:+.1f}, paired t-test p={change.p_value:.2g})."
    )
    return Migration(counts=counts, shares=shares, change=change, pairs=pairs,
                     moved_up=up.reset_index(drop=True), moved_down=down.reset_index(drop=True),
                     summary=summary, notes=notes)



# --------------------------------------------------------------------------- re-survey plan
def due_for_resurvey(data: Any, *, customer: str = "customer_id", date: str = "date",
                     as_of: str | pd.Timestamp | None = None, every: str = "90D",
                     contacted: pd.DataFrame | None = None, quiet: str = "30D",
                     score: str | None = "score", value: str | None = None) -> pd.DataFrame:
    """Customers whose last answer is older than ``every``, skipping recent contacts.

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

    Parameters
    ----------
    data : responses
    as_of : date, default today
        The planning date. Answers after it are ignored (re-running a past plan gives the same
        list).
    every : str, default "90D"
        The re-survey interval.
    contacted : DataFrame, optional
        A contact log (invitations, calls) with ``customer`` and ``date`` columns: customers
        contacted within ``quiet`` before ``as_of`` are skipped even if due.
    score, value : columns to carry (last score and category; customer value).

    Returns
    -------
    pandas.DataFrame
        ``customer``, ``last_answer``, ``days_since``, ``due_since``, ``days_overdue``,
        ``n_responses`` (and ``last_score``, ``last_category``, ``value``), most overdue
        first. ``.attrs["notes"]`` says how many were skipped and why.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"customer_id": ["a", "b", "a"], "score": [9, 3, 7],
    ...                    "date": ["2025-01-01", "2025-05-01", "2025-02-01"]})
    >>> due_for_resurvey(df, as_of="2025-06-01")["customer_id"].tolist()
    ['a']
    """
    cols = [customer, date, *([score] if score else []), *([value] if value else [])]
    df = to_pandas(data, cols, rows_for="due_for_resurvey: it lists customers").copy()
    ref = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp.now().normalize()
    df["__t"] = _local_naive(parse_dates(df[date], column=date))
    ref = ref.tz_localize(None) if ref.tz is not None else ref
    notes: list[str] = []
    future = df["__t"] > ref
    if future.any():
        notes.append(f"{int(future.sum())} answer(s) after {ref.date()} are ignored.")
    df = df[~future & df["__t"].notna() & df[customer].notna()]
    df = df.sort_values("__t", kind="stable")
    last = df.drop_duplicates(customer, keep="last").set_index(customer)
    n_resp = df.groupby(customer).size()
    interval = pd.Timedelta(every)
    out = pd.DataFrame({customer: last.index, "last_answer": last["__t"].to_numpy()})
    out["days_since"] = (ref - out["last_answer"]).dt.days
    out["due_since"] = out["last_answer"] + interval
    out["days_overdue"] = (ref - out["due_since"]).dt.days
    out["n_responses"] = out[customer].map(n_resp).to_numpy()
    if score:
        out["last_score"] = last[score].to_numpy()
        out["last_category"] = classify(last[score]).astype(str).replace("nan", pd.NA).to_numpy()
    if value:
        out["value"] = last[value].to_numpy()
    due = out[out["days_overdue"] >= 0]
    if contacted is not None:
        require_columns(to_narwhals(contacted), [customer, date])
        ct = _local_naive(parse_dates(contacted[date], column=date))
        recent = contacted.loc[((ct <= ref) & (ct > ref - pd.Timedelta(quiet))).to_numpy(),
                               customer]
        skip = due[customer].isin(set(recent))
        if skip.any():
            notes.append(f"{int(skip.sum())} due customer(s) were contacted in the {quiet} "
                         f"before {ref.date()} and are skipped.")
        due = due[~skip]
    due = due.sort_values(["days_overdue", customer], ascending=[False, True], kind="stable")
    due = due.reset_index(drop=True)
    due.attrs = {"notes": notes, "as_of": ref}
    return due
