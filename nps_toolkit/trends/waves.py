"""Survey waves, customer migration between categories, and whom to re-survey next."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .. import _stats
from .._frames import collect, require_columns, to_narwhals, to_pandas
from .._frames.periods import local_naive, parse_dates
from ..i18n import tr
from ..scoring import NPSComparison, classify, compare_paired


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
    sub = pd.DataFrame({"c": df[customer].to_numpy()[ok], "t": local_naive(dates)[ok]},
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


def migration(data: Any, *, customer: str = "customer_id", date: str | None = "date",
              score: str = "score", wave: str | None = None, from_wave: int | None = None,
              min_gap: str = "45D", confidence: float = 0.95) -> Migration:
    """Transition matrix detractor/passive/promoter between consecutive waves, per customer.

    For each customer who answered in two consecutive waves (wave k and k+1; all such pairs
    pooled unless ``from_wave`` picks one), the category before and after.

    On a lazy source (DuckDB, Spark, polars lazy...) with a ``wave`` column the pairing and
    the 3x3 count run in the engine and only the nine counts come back; ``pairs``,
    ``moved_up`` and ``moved_down`` are then lazy frames of that engine (query or export
    them there, e.g. for a CRM), and within a wave the answer with the latest date counts
    (answers at the same instant: the higher category). Without ``wave`` the waves come from
    :func:`assign_waves`, which needs the rows, so a lazy source is refused. Waves come from
    ``wave`` or from :func:`assign_waves`; within a wave a customer's latest answer counts.
    The NPS change of these customers is tested with the paired t-test
    (:func:`nps_toolkit.compare_paired`). With ``wave`` and ``date=None`` (an export with a
    column per wave and no dates) a customer answers once per wave; answering twice in a
    wave is an error naming the customers, since without dates nothing says which counts.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> m = migration(load_sample())
    >>> int(m.counts.loc["passive", "promoter"]) > int(m.counts.loc["promoter", "passive"])
    True
    """
    if date is None and wave is None:
        raise ValueError("migration needs dates (date=) to find the waves, or a wave column "
                         "(wave=)")
    cols = [customer, *([date] if date else []), score, *([wave] if wave else [])]
    frame = to_narwhals(data)
    if not isinstance(nw.to_native(frame), pd.DataFrame) and wave is not None:
        if date is None:
            raise ValueError("on a lazy source migration orders a customer's answers in a "
                             "wave by their date: pass date=")
        return _engine_migration(frame, customer=customer, date=date, score=score, wave=wave,
                                 from_wave=from_wave, confidence=confidence)
    df = to_pandas(data, cols,
                   rows_for="migration: it pairs each customer's answers across waves (give "
                   "wave= a wave number column, e.g. computed in SQL, to count the pairs "
                   "in the engine)").copy()
    notes: list[str] = []
    df["__wave"] = df[wave] if wave else assign_waves(df, date=date, customer=customer,
                                                      min_gap=min_gap)
    df["__date"] = parse_dates(df[date], column=date) if date else pd.NaT
    df["__cat"] = classify(df[score])
    usable = df["__wave"].notna() & df["__cat"].notna()
    if (~usable).any():
        notes.append(f"{int((~usable).sum())} response(s) without a score, customer, date or "
                     "wave are left out.")
    df = df[usable].sort_values([customer, "__wave", "__date"], kind="stable")
    if date is None:
        twice = df[df.duplicated([customer, "__wave"], keep=False)][customer].unique()
        if len(twice):
            raise ValueError(f"without dates, a customer answers once per wave; "
                             f"{len(twice):,} customer(s) answered more than once in a wave "
                             f"(e.g. {list(twice[:3])}): pass date= to keep the latest")
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
    labels = _LABELS
    counts = pd.crosstab(pd.Categorical(pairs["from_category"], labels),
                         pd.Categorical(pairs["to_category"], labels), dropna=False)
    counts.index.name, counts.columns.name = "from", "to"
    shares = counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0)
    change = compare_paired(pairs["from_score"].astype(float), pairs["to_score"].astype(float),
                            confidence=confidence)
    up, down = pairs[pairs["movement"] == "up"], pairs[pairs["movement"] == "down"]
    summary = _summary(len(pairs), counts, shares, len(up), len(down), change, confidence,
                       _customers(nw.from_native(pairs)))
    return Migration(counts=counts, shares=shares, change=change, pairs=pairs,
                     moved_up=up.reset_index(drop=True), moved_down=down.reset_index(drop=True),
                     summary=summary, notes=notes)



_LABELS = ["detractor", "passive", "promoter"]


def _customers(pairs: Any) -> dict[str, int]:
    """Customers behind the pairs (a customer who answered in three waves gives two pairs):
    all of them, those with a pair that moved up, down, and both. Counted in the engine that
    holds the pairs."""
    flags = pairs.select("customer", (nw.col("movement") == "up").cast(nw.Int8).alias("up"),
                         (nw.col("movement") == "down").cast(nw.Int8).alias("down"))
    per = flags.group_by("customer").agg(nw.col("up").max(), nw.col("down").max())
    per = per.with_columns((nw.col("up") * nw.col("down")).alias("both"))
    got = per.select(nw.len().alias("customers"), nw.col("up").cast(nw.Int64).sum(),
                     nw.col("down").cast(nw.Int64).sum(), nw.col("both").cast(nw.Int64).sum())
    got = collect(got)
    return {k: int(got[k][0]) for k in ("customers", "up", "down", "both")}


def _summary(n_pairs: int, counts: pd.DataFrame, shares: pd.DataFrame, up: int, down: int,
             change: NPSComparison, confidence: float, customers: dict[str, int]) -> str:
    """The plain-words summary of a migration (rows and columns in _LABELS order): pairs
    where pairs are counted, customers where customers are (issue 25)."""
    return tr(
        "{customers:,} customers answered in two consecutive waves, {pairs:,} pairs of answers "
        "in all. Of the pairs, {passive_up:,} went from passive to promoter ({passive_share:.0%} "
        "of passive answers) and {promoter_down:,} from promoter to passive; {up:,} moved up "
        "and {down:,} down in all: {customers_up:,} customers moved up and {customers_down:,} "
        "down at some point ({both:,} of them both). Their NPS changed by {difference:+.1f} "
        "points ({confidence:.0%} CI {low:+.1f} to {high:+.1f}, paired t-test {p}).",
        customers=customers["customers"], pairs=n_pairs, passive_up=int(counts.iloc[1, 2]),
        passive_share=shares.iloc[1, 2], promoter_down=int(counts.iloc[2, 1]), up=up,
        down=down, customers_up=customers["up"], customers_down=customers["down"],
        both=customers["both"], difference=change.difference, confidence=confidence,
        low=change.ci_low, high=change.ci_high, p=_stats.p_text(change.p_value))


def _engine_migration(frame: Any, *, customer: str, date: str, score: str, wave: str,
                      from_wave: int | None, confidence: float) -> Migration:
    """:func:`migration` where the data lives: the latest answer per customer and wave, the
    self-join of wave k with k + 1 and ``GROUP BY from, to -> count(*)`` run in the engine;
    the paired test is computed from the nine counts (each pair's difference is fixed by its
    two categories), through the same :func:`compare_paired`."""
    from .._frames import validate_score_column
    from .._frames.periods import days_since_epoch

    require_columns(frame, [customer, date, score, wave])
    schema = frame.collect_schema()
    if not schema[wave].is_integer():
        raise ValueError(f"wave column {wave!r} must hold whole numbers, got {schema[wave]}")
    if not isinstance(schema[date], (nw.Date, nw.Datetime)):
        raise ValueError(f"the date column {date!r} is {schema[date]} in the engine, not a "
                         "date or timestamp: cast it in the query (e.g. CAST(col AS DATE))")
    validate_score_column(frame, score)
    s = nw.col(score)
    cat = nw.when(s >= 9).then(2).otherwise(nw.when(s <= 6).then(0).otherwise(1))
    when = days_since_epoch(date) * 86400
    if isinstance(schema[date], nw.Datetime):
        d = nw.col(date)
        when = when + d.dt.hour() * 3600 + d.dt.minute() * 60 + d.dt.second()
    usable = (nw.col(customer).is_null() | nw.col(wave).is_null() | s.is_null()
              | nw.col(date).is_null())
    dropped = frame.select(usable.cast(nw.Int64).sum().alias("n"))
    dropped = collect(dropped)
    n_dropped = int(dropped.item(0, "n") or 0)
    last = (frame.filter(~usable)
            .with_columns((when.cast(nw.Int64) * 4 + cat).alias("__key"))
            .group_by(customer, wave).agg(nw.col("__key").max())
            .with_columns((nw.col("__key") % 4).alias("__cat")))
    before = last.select(nw.col(customer), nw.col(wave).alias("from_wave"),
                         nw.col("__cat").alias("__from"))
    after = last.select(nw.col(customer), (nw.col(wave) - 1).alias("from_wave"),
                        nw.col("__cat").alias("__to"))
    if from_wave is not None:
        before = before.filter(nw.col("from_wave") == from_wave)
    joined = before.join(after, on=[customer, "from_wave"], how="inner")
    counted = joined.group_by("__from", "__to").agg(nw.len().alias("n"))
    counted = collect(counted)
    table = np.zeros((3, 3), dtype=np.int64)
    for f, t, n in zip(*(counted.get_column(c).to_list() for c in ("__from", "__to", "n")),
                       strict=True):
        table[int(f), int(t)] = int(n)
    if table.sum() == 0:
        raise ValueError("no customer answered in two consecutive waves: there is nothing to "
                         "migrate (check customer= and wave=)")
    counts = pd.DataFrame(table, index=pd.CategoricalIndex(_LABELS, categories=_LABELS,
                                                           name="from"),
                          columns=pd.CategoricalIndex(_LABELS, categories=_LABELS, name="to"))
    shares = counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0)
    # one (before, after) score per pair, by category: the paired test reads categories only
    rep = np.array([0.0, 7.0, 10.0])
    fi, ti = np.divmod(np.repeat(np.arange(9), table.ravel()), 3)
    change = compare_paired(rep[fi], rep[ti], confidence=confidence)
    label = lambda c: (nw.when(nw.col(c) == 2).then(nw.lit("promoter"))  # noqa: E731
                       .otherwise(nw.when(nw.col(c) == 0).then(nw.lit("detractor"))
                                  .otherwise(nw.lit("passive"))))
    pairs = joined.with_columns(
        (nw.col("from_wave") + 1).alias("to_wave"), label("__from").alias("from_category"),
        label("__to").alias("to_category"),
        nw.when(nw.col("__to") > nw.col("__from")).then(nw.lit("up")).otherwise(
            nw.when(nw.col("__to") < nw.col("__from")).then(nw.lit("down"))
            .otherwise(nw.lit("same"))).alias("movement"))
    pairs = pairs.select(nw.col(customer).alias("customer"), "from_wave", "to_wave",
                         "from_category", "to_category", "movement")
    up = int(table[0, 1] + table[0, 2] + table[1, 2])
    down = int(table[1, 0] + table[2, 0] + table[2, 1])
    notes = ([f"{n_dropped} response(s) without a score, customer, date or wave are left out."]
             if n_dropped else [])
    notes.append("pairs, moved_up and moved_down are lazy frames of the source's engine.")
    summary = _summary(int(table.sum()), counts, shares, up, down, change, confidence,
                       _customers(pairs))
    return Migration(counts=counts, shares=shares, change=change, pairs=nw.to_native(pairs),
                     moved_up=nw.to_native(pairs.filter(nw.col("movement") == "up")),
                     moved_down=nw.to_native(pairs.filter(nw.col("movement") == "down")),
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
    df["__t"] = local_naive(parse_dates(df[date], column=date))
    ref = ref.tz_localize(None) if ref.tz is not None else ref
    notes: list[str] = []
    future = df["__t"] > ref
    if future.any():
        notes.append(f"{int(future.sum()):,} answer(s) after {ref.date()} are ignored.")
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
        ct = local_naive(parse_dates(contacted[date], column=date))
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
