"""growth_link: does NPS predict repurchase and revenue here? Answers joined to later orders."""

from __future__ import annotations

import html
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .. import _stats
from .._api import renamed
from .._frames import require_columns, to_narwhals, to_pandas
from .._frames.dense import cpu_workers as _workers
from .._frames.ids import matching_ids
from .._frames.periods import parse_dates
from ..i18n import tr
from ..scoring import classify
from .engine import LazyOrders, duckdb_window_sums, exact_scale, exact_units

METRICS = {
    "repurchase_rate": "bought again within the horizon (share of answers)",
    "orders": "orders per answer within the horizon (refunds not counted as orders)",
    "revenue": "revenue per answer within the horizon (net of refunds)",
    "churn_rate": "no order within the horizon (share of answers)",
    "revenue_change": "revenue within the horizon minus the same customer's revenue in the "
                      "horizon before the answer",
    "referrals": "new customers referred within the horizon, per answer",
}
CATS = ("detractor", "passive", "promoter")


@dataclass(frozen=True)
class GrowthLink:
    """What :func:`growth_link` found.

    Attributes
    ----------
    table : DataFrame
        One row per category and metric: ``category``, ``metric``, ``value``, ``ci_low``,
        ``ci_high``, ``answers``, ``customers``.
    differences : DataFrame
        Promoter minus detractor and promoter minus passive (and passive minus detractor) per
        metric: ``difference``, ``ci_low``, ``ci_high``, ``p_value``.
    answers : DataFrame
        One row per answer used: customer, answer date, category and the metrics.
    summary : str
        Sentences a manager can read.
    notes : list of str
        What was left out and why.
    """

    table: pd.DataFrame
    differences: pd.DataFrame
    answers: pd.DataFrame
    summary: str
    notes: list[str] = field(default_factory=list)
    horizon: str = "365D"

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (f"<p>{html.escape(self.summary)}</p>"
                + self.differences.to_html(index=False, escape=True,
                                           float_format=lambda v: f"{v:.3g}")
                + (f"<ul>{notes}</ul>" if notes else ""))


@renamed(n_boot="n_resamples")
def growth_link(responses: Any, orders: Any, *, horizon: str = "365D",
                customer: str = "customer_id", date: str = "date", score: str = "score",
                order_customer: str = "customer_id", order_date: str = "order_date",
                amount: str = "amount", referrer: str | None = "auto",
                as_of: Any = None, confidence: float = 0.95, n_resamples: int = 1000,
                seed: int = 0) -> GrowthLink:
    """Join each answer to the customer's orders before and after it: do promoters buy more?

    The order log may be a lazy source (a DuckDB relation, e.g. over Parquet; a polars
    LazyFrame; a Spark DataFrame): the join then runs in that engine and only one row per
    answer comes back (see ``nps_toolkit.growth.engine``). Its dates must be dates or
    times there (not text), and customer ids match as the engine's type: integer ids match
    answers written ``1``, ``1.0`` or ``"1"``, text ids the answers' trimmed text. The
    answers themselves are read into memory (one row each).

    For every answer, the customer's orders strictly after the answer day and up to
    ``horizon`` later count as *after*; orders in the same length of time before the answer
    day as *before*; orders on the answer day itself belong to neither (a purchase that may
    have prompted the survey) and are counted in the notes. Dates with time zones are
    compared as instants (UTC), naive dates as given. Per category (detractor, passive,
    promoter): the share who bought again (an order with a positive amount), orders and
    revenue (net of refunds) per answer, churn (no order), the change against the same
    customer's revenue before, and referrals when the order log has a referrer column.

    Answers whose horizon is not over by the end of the order log (or ``as_of``) are excluded
    and counted, as are answers without a customer, date or score. A customer who answered
    several times contributes each answer; intervals come from a bootstrap that resamples
    *customers*, all their answers together (the cluster bootstrap of Davison & Hinkley
    1997, *Bootstrap Methods and their Application*, sec. 3.8), in its Poisson form: each
    customer is drawn a Poisson(1) number of times (Hanley & MacGibbon 2006, "Creating
    non-parametric bootstrap samples using Poisson frequencies", Computer Methods and
    Programs in Biomedicine 83(1)), ``n_resamples`` replicates, seeded (the same replicates
    on any number of cores: blocks of replicates run in parallel, each from its own stream
    spawned from ``seed``): percentile intervals,
    and p-values for the differences from the bootstrap standard error (normal
    approximation, Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 16).

    Parameters
    ----------
    responses, orders : data frames
        Survey answers (customer, date, score) and the order log (see :func:`read_orders`).
    horizon : str
        Length of the window after (and before) each answer, e.g. ``"365D"``, ``"180D"``;
        ``"auto"``: the longest of 365, 180, 90 and 30 days over which at least half the
        answers have all their orders in the data (an order log that ends a few months after
        the survey has no year after most answers), said in the notes and in the result's
        ``horizon``.
    referrer : str, "auto" or None
        Order-log column naming the customer who referred a new customer; ``"auto"`` uses
        ``referrer_id`` when present.
    as_of : date, optional
        End of the order data (default: the last order date).

    Returns
    -------
    GrowthLink

    Examples
    --------
    >>> import nps_toolkit as nt
    >>> link = nt.growth_link(nt.load_sample(), nt.load_sample("orders"), n_resamples=200)
    >>> r = link.table.set_index(["category", "metric"])["value"]
    >>> bool(r["promoter", "repurchase_rate"] > r["detractor", "repurchase_rate"])
    True
    """
    auto = horizon == "auto"
    days = 365 if auto else pd.Timedelta(horizon).days
    if days < 1:
        raise ValueError(f"horizon must be at least one day, got {horizon!r}")
    notes: list[str] = []
    why = "growth_link: it joins every answer to its customer's orders"
    resp = to_pandas(responses, [customer, date, score], rows_for=why)
    frame = to_narwhals(orders)
    fix = "Read it with read_orders(), or pass order_customer=, order_date=, amount="
    if isinstance(frame, nw.LazyFrame):
        # the order log stays where it is; only per-answer sums come back (engine.py)
        lazy: LazyOrders | None = LazyOrders(frame, customer=order_customer, date=order_date,
                                             amount=amount)
        require_columns(lazy.columns, [order_customer, order_date, amount],
                        role="order log column", fix=fix)
        order_columns, ords = lazy.columns, None
    else:
        lazy, ords = None, to_pandas(orders, None, rows_for=why)
        require_columns(ords, [order_customer, order_date, amount], role="order log column",
                        fix=fix)
        order_columns = list(ords.columns)
    if referrer == "auto":
        referrer = "referrer_id" if "referrer_id" in order_columns else None
    # one stated zone for both: the answers' own (else the orders'); see _days
    answers_zone = _zone(resp[date], date)
    zone = answers_zone or (lazy.zone() if lazy is not None
                            else _zone(ords[order_date], order_date))
    if zone is not None:
        notes.append(tr("days are cut in the time zone {zone} (the answers' own); other "
                        "dates with a zone are converted to it, dates without one are taken "
                        "to be in it", zone=zone) if answers_zone else
                     tr("days are cut in the time zone {zone} (the orders' own); other dates "
                        "with a zone are converted to it, dates without one are taken to be "
                        "in it", zone=zone))
    a_day = _days(resp[date], date, zone)
    if lazy is not None:
        last, bad = lazy.end_and_bad(zone)
    else:
        # the order dates as integers in their own unit, a view of the column: DuckDB cuts
        # them into days itself; numpy's path makes 32-bit day numbers when it needs them
        o_stamp, per_day, no_day = _local_stamps(ords[order_date], order_date, zone)
        amt = pd.to_numeric(ords[amount], errors="coerce").to_numpy(dtype=float)
        bad = int(np.count_nonzero(np.isnan(amt) | no_day))
        del no_day
        last = float(int(o_stamp.max()) // per_day) if len(o_stamp) and not bad else np.nan
    if bad:
        raise ValueError(f"{bad:,} order(s) have no readable date or amount; read the log with "
                         "read_orders(), which lists and leaves them out")
    # category codes 0, 1, 2 in CATS order (-1: no score)
    cat = classify(resp[score]).cat.codes.to_numpy()
    # ids as the analyst means them: 1, 1.0 and "1" are one customer (and 00001, when every
    # id is a number); no id in common is an error, not "every answer churned"
    if lazy is not None:
        cust, key, key_type, id_notes = lazy.keys(resp[customer])
    else:
        cust, o_cust, id_notes = matching_ids(resp[customer], ords[order_customer],
                                              column=customer)
    notes.extend(id_notes)
    missing = cust.isna().to_numpy() | np.isnan(a_day) | (cat < 0)
    if missing.any():
        notes.append(tr("{n:,} answer(s) without a customer, date or score are left out.",
                        n=int(missing.sum())))
    end = (_days(pd.Series([pd.Timestamp(as_of)]), "as_of")[0] if as_of is not None
           else last)
    if auto:
        days = _auto_horizon(a_day[~missing], end)
        horizon = f"{days}D"
        notes.append(tr("horizon {days} days: the longest of 365, 180, 90 and 30 days over "
                        "which at least half the answers have all their orders in the data "
                        "(pass horizon= to choose another).", days=days))
    open_horizon = ~missing & (a_day + days > end)
    if open_horizon.any():
        notes.append(tr("{n:,} answer(s) given less than {days} days before the end of the "
                        "order data are left out: their horizon is not over.",
                        n=int(open_horizon.sum()), days=days))
    use = ~missing & ~open_horizon
    if not use.any():
        first, latest = (_day_text(a_day[~missing].min()), _day_text(a_day[~missing].max())) \
            if (~missing).any() else ("-", "-")
        raise ValueError(
            f"no answer has a complete {horizon} horizon in the order data: the answers run "
            f"from {first} to {latest} and the orders end on {_day_text(end)}, and each "
            f"answer needs {days} days of orders after it. Pass a shorter horizon (e.g. "
            "horizon='90D'), or horizon='auto' to take the longest that half the answers "
            "have; or a later as_of= if the order log runs further than its last order.")
    day = a_day[use].astype(np.int64)
    if lazy is not None:
        used = key[use].reset_index(drop=True)
        after_n, after_rev, before_rev, same_n, found = lazy.sums(used, day, days, zone,
                                                                  key_type)
        if not found:
            _no_common_ids(lazy, used, day, key_type, customer)
        a_code = pd.factorize(cust[use])[0]
    else:
        def joint_codes() -> tuple[np.ndarray, np.ndarray, pd.Index]:
            """Answers' and orders' ids as codes of one index (numpy's windows, referrals)."""
            codes, uniques = pd.factorize(pd.concat([cust[use], o_cust], ignore_index=True))
            return codes[: int(use.sum())], codes[int(use.sum()):], uniques

        # revenue summed in whole units (cents...) when the amounts have them: exact, and
        # the same numbers from DuckDB (large logs; it joins the ids as they are and makes
        # the days and units itself, from views of the columns) and numpy
        scale = exact_scale(amt)
        sums = duckdb_window_sums(o_cust, o_stamp, per_day, amt, scale, cust[use], day, days)
        o_day = None
        if sums is not None:
            after_n, after_rev, before_rev, same_n = sums
            # the bootstrap's clusters: codes in order of first answer, as joint_codes gives
            a_code = pd.factorize(cust[use])[0]
        else:
            exact = exact_units(amt, scale)  # the decimals checked once, above
            if exact is not None:
                amt = None  # the units say it all: one order-length array less held
            o_day = _whole_days(o_stamp, per_day)
            a_code, o_code, uniques = joint_codes()
            window = _Windows(o_code, o_day.astype(np.int64), amt, exact)
            after_n, after_rev = window.sum(a_code, day + 1, day + days)
            _, before_rev = window.sum(a_code, day - days, day - 1)
            same_n, _ = window.sum(a_code, day, day)
            del window, o_code
        exact = amt = None
        if referrer is None:  # the order-length arrays are done with: freed before the
            o_day = o_cust = None  # answers' table and the bootstrap (~250 MB on 10M orders)
        elif o_day is None:
            o_day = _whole_days(o_stamp, per_day)
        o_stamp = None
    if same_n.sum():
        notes.append(tr("{n:,} order(s) on the answer day itself are counted neither before "
                        "nor after the answer.", n=int(same_n.sum())))
    answers = pd.DataFrame({
        # as text, whatever the key type matching_ids chose (integers stay integers there)
        "customer_id": cust[use].astype("string").array,
        "answer_day": (day.astype("datetime64[D]")).astype("datetime64[ns]"),
        "category": np.asarray(CATS, dtype=object)[cat[use]],
        "repurchase_rate": (after_n > 0).astype(float),
        "orders": after_n.astype(float), "revenue": after_rev,
        "churn_rate": (after_n == 0).astype(float), "revenue_change": after_rev - before_rev,
        "revenue_before": before_rev})
    metrics = [m for m in METRICS if m != "referrals"]
    if referrer is not None:
        if lazy is not None:
            require_columns(lazy.columns, [referrer], role="order log column",
                            fix="Name the referrer column (referrer=...), or referrer=None")
            answers["referrals"] = lazy.referrals(referrer, used, day, days, zone, key_type)
        else:
            if sums is not None:
                a_code, _, uniques = joint_codes()
            answers["referrals"] = _referrals(ords.assign(**{order_customer: o_cust}),
                                              referrer, order_customer, o_day, uniques,
                                              a_code, day, days, notes)
        metrics.append("referrals")
    table, diffs = _bootstrap(answers, metrics, a_code, confidence, n_resamples, seed,
                              k=cat[use], codes=True)
    summary = _summary(table, diffs, horizon, confidence)
    return GrowthLink(table=table, differences=diffs, answers=answers, summary=summary,
                      notes=notes, horizon=horizon)


def _no_common_ids(lazy: LazyOrders, keys: pd.Series, day: np.ndarray, key_type: Any,
                   column: str) -> None:
    """No answer has an order in reach: an error when no id is in the order log at all (as
    the in-memory path's matching_ids), so that is not reported as "every answer churned"."""
    hit, examples = lazy.any_match(keys, day, key_type)
    if not hit:
        raise ValueError(
            f"no customer id of the answers is in the orders ({column!r}: e.g. "
            f"{keys.dropna().head(3).tolist()} against {examples}). Check that both columns "
            "hold the same ids (same system, same format), or name the right columns "
            "(customer=, order_customer=).")


def _zone(values: pd.Series, column: str) -> Any:
    """The time zone of a date column (None when its dates are naive)."""
    return getattr(parse_dates(values.head(1000), column=column).dt, "tz", None)


_HORIZONS = (365, 180, 90, 30)


def _auto_horizon(a_day: np.ndarray, end: float) -> int:
    """The longest of ``_HORIZONS`` (days) for which at least half of the answers (their
    day numbers) end their window by ``end``; the shortest when none does. Ties cannot
    occur: the horizons are tried longest first."""
    for days in _HORIZONS:
        if len(a_day) and np.mean(a_day + days <= end) >= 0.5:
            return days
    return _HORIZONS[-1]


def _day_text(day: float) -> str:
    """A day number (days since 1970-01-01, as :func:`_days` gives) as an ISO date."""
    if not np.isfinite(day):
        return "-"
    return str((pd.Timestamp("1970-01-01") + pd.Timedelta(days=int(day))).date())


def _days(values: pd.Series, column: str, zone: Any = None) -> np.ndarray:
    """Float day numbers since 1970 (NaN for missing), cut in one stated zone: aware times
    are converted to ``zone`` (default: their own) and cut there, as :func:`nps_toolkit.trend`
    cuts periods (an answer at 00:30 in Paris is that day's, not the day before's in UTC);
    naive times are taken to be in it already."""
    whole, missing = _day_numbers(values, column, zone)
    out = whole.astype(float)
    out[missing] = np.nan
    return out


def _day_numbers(values: pd.Series, column: str, zone: Any = None
                 ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_days` as whole numbers (see :func:`_whole_days`) and the mask of missing
    dates (whose numbers mean nothing)."""
    stamps, per_day, missing = _local_stamps(values, column, zone)
    return _whole_days(stamps, per_day, missing), missing


def _local_stamps(values: pd.Series, column: str, zone: Any = None
                  ) -> tuple[np.ndarray, int, np.ndarray]:
    """The dates as integers in their own unit (a view of the column when its times are
    naive: no copy of 10M order dates), the units per day, and the mask of missing dates.
    Aware times are first turned into the wall clock of ``zone`` (see :func:`_days`)."""
    parsed = parse_dates(values.reset_index(drop=True), column=column)
    if getattr(parsed.dt, "tz", None) is not None:
        local = parsed.dt.tz_convert(zone) if zone is not None else parsed
        parsed = local.dt.tz_localize(None)  # the wall clock of that zone
    stamps = parsed.to_numpy()  # datetime64 in the column's unit (s, ms, us or ns)
    unit = np.datetime_data(stamps.dtype)[0]
    per_day = int(np.timedelta64(1, "D") // np.timedelta64(1, unit))
    return stamps.view(np.int64), per_day, np.isnat(stamps)


def _whole_days(stamps: np.ndarray, per_day: int, missing: np.ndarray | None = None
                ) -> np.ndarray:
    """Days since 1970 (floor) of integer time stamps with ``per_day`` units a day: int32
    when there is no missing date (NaT, the smallest int64, stays 64-bit), computed a
    million at a time into the result (no order-length 64-bit temporary: fresh memory of
    that size showed as 0.3-0.8 s of page faults on 10M orders, issue 28)."""
    wide = (missing is not None and bool(missing.any())) or (
        len(stamps) > 0 and max(-(int(stamps.min()) // per_day),
                                int(stamps.max()) // per_day) >= 2**31 - 1)
    out = np.empty(len(stamps), np.int64 if wide else np.int32)
    for start in range(0, len(stamps), _BLOCK):  # blocks of rows, not rows
        np.floor_divide(stamps[start:start + _BLOCK], per_day, out=out[start:start + _BLOCK],
                        casting="unsafe")
    return out


_BLOCK = 1 << 20


class _Windows:
    """Order counts and revenue of a customer between two days, for many windows at once:
    orders sorted by (customer, day), cumulative sums, and two ``searchsorted`` per window
    (no loop over rows or customers)."""

    def __init__(self, cust: np.ndarray, day: np.ndarray, amount: np.ndarray | None,
                 exact: tuple[int, np.ndarray] | None = None) -> None:
        self.span = int(day.max() - day.min() + 3 * 10**6) if len(day) else 1
        self.base = int(day.min()) - 10**6 if len(day) else 0
        key = cust.astype(np.int64) * self.span + (day - self.base)
        order = np.argsort(key)  # ties (same customer and day) need no order: sums
        self.key = key[order]
        # whole units when the amounts have them (then ``amount`` may be None): a difference
        # of two running totals is then exact (in floats it carries the rounding of totals
        # of millions)
        amt = exact[1][order] if exact is not None else amount[order]
        self.cum_n = np.concatenate([[0], np.cumsum(amt > 0)])
        self.unit = 10.0 ** exact[0] if exact is not None else None
        self.cum_rev = np.concatenate([[0 if exact is not None else 0.0], np.cumsum(amt)])

    def sum(self, cust: np.ndarray, lo: np.ndarray, hi: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
        c = cust.astype(np.int64) * self.span
        lo_key = c + np.clip(lo - self.base, 0, self.span - 1)
        hi_key = c + np.clip(hi - self.base, 0, self.span - 1)
        # needles in increasing order let numpy's binary search start from the last hit
        # (several times faster on millions of windows); results are put back in place
        order = np.argsort(lo_key)
        left, right = np.empty(len(c), np.int64), np.empty(len(c), np.int64)
        left[order] = np.searchsorted(self.key, lo_key[order], "left")
        right[order] = np.searchsorted(self.key, hi_key[order], "right")
        rev = self.cum_rev[right] - self.cum_rev[left]
        return self.cum_n[right] - self.cum_n[left], (rev / self.unit if self.unit is not None
                                                      else rev)


def _referrals(ords: pd.DataFrame, referrer: str, order_customer: str, o_day: np.ndarray,
               uniques: pd.Index, a_code: np.ndarray, day: np.ndarray, days: int,
               notes: list[str]) -> np.ndarray:
    """New customers each answer's customer referred within the horizon (first order of the
    referred customer after the answer day). Referrer ids are read like the customer ids
    (integers, floats and text alike)."""
    refs = ords[[order_customer, referrer]].assign(__day=o_day)
    refs = refs[refs[referrer].notna()]
    first = refs.sort_values("__day", kind="stable").drop_duplicates(order_customer)
    referrers = first[referrer]
    # the customer keys as text (integer ids come back from matching_ids as integers)
    keys = pd.Series(uniques).astype("string")
    if len(referrers):
        referrers, _, ref_notes = matching_ids(referrers, keys, left_name="referrers",
                                               right_name="customer ids", column=referrer)
        notes.extend(ref_notes)
    code = pd.Index(keys).get_indexer(referrers.astype("string"))
    known = code >= 0
    window = _Windows(code[known], first["__day"].to_numpy()[known].astype(np.int64),
                      np.ones(int(known.sum())))
    n, _ = window.sum(a_code, day + 1, day + days)
    return n.astype(float)


def _poisson_table() -> np.ndarray:
    """Poisson(1) counts indexed by a uniform 16-bit integer: entry i is the smallest k with
    P(X <= k) > (i + 0.5) / 65536 (counts above 8, probability 1e-6, are cut at 8)."""
    import math

    cdf = np.cumsum([math.exp(-1) / math.factorial(k) for k in range(9)])
    u = (np.arange(65536) + 0.5) / 65536
    return np.minimum(np.searchsorted(cdf, u, side="right"), 8).astype(np.float32)


_POISSON_TABLE = _poisson_table()
#: The same counts as bytes: a 64 KB table stays in the CPU cache while a 16-bit index reads
#: it (the float32 table is 256 KB): 20M weights in 0.04 s against 0.25 s, the same values.
_POISSON_BYTES = _POISSON_TABLE.astype(np.uint8)


#: Weights per replicate block: 4M run as fast as 20M (the blocks stay in cache) with a fifth
#: of the memory; 2M ran 10-30% slower (more blocks, smaller products).
_BLOCK_WEIGHTS = 4e6


def _replicates(both: np.ndarray, cells: int, n_resamples: int, seed: int) -> np.ndarray:
    """Replicate ratios sums / counts under Poisson(1) customer weights, in blocks of
    replicates (one matrix product each). ``both``: per customer (rows), the counts of the
    ``cells`` cells, then sums of one or more metrics per cell (float32); the result has one
    row per replicate and one column per sum.

    Each block draws from its own generator, spawned from ``seed`` by block number
    (``numpy.random.SeedSequence.spawn``), so blocks run on several threads (numpy's drawing,
    lookup and BLAS release the GIL) and the replicates are the same whatever the number of
    threads or the order the blocks finish in."""
    n_cl = both.shape[0]
    n_cols = both.shape[1] - cells
    reps = np.empty((n_resamples, n_cols))
    # a fixed number of weights per block (never the number of threads: the blocks' seeds
    # must not depend on it); see _BLOCK_WEIGHTS
    block = max(1, min(n_resamples, int(_BLOCK_WEIGHTS // max(n_cl, 1))))
    starts = range(0, n_resamples, block)
    seeds = np.random.SeedSequence(seed).spawn(len(starts))

    local = threading.local()  # each thread's weight buffers, allocated once: fresh 50 MB
    # arrays per block cost more in page faults than the work they hold

    def one(i: int) -> None:
        start = starts[i]
        b = min(block, n_resamples - start)
        if not hasattr(local, "w"):
            local.u8 = np.empty((block, n_cl), np.uint8)
            local.w = np.empty((block, n_cl), np.float32)
        u8, w = local.u8[:b], local.w[:b]
        rng = np.random.default_rng(seeds[i])
        # how often each customer is drawn: Poisson(1) counts, read off a 65,536-entry
        # inverse-CDF table by 16-bit random numbers (8x faster than rng.poisson)
        np.take(_POISSON_BYTES, rng.integers(0, 65536, size=(b, n_cl), dtype=np.uint16),
                out=u8)
        w[...] = u8
        r = w @ both
        with np.errstate(invalid="ignore", divide="ignore"):
            reps[start:start + b] = (r[:, cells:].reshape(b, -1, cells)
                                     / r[:, None, :cells]).reshape(b, n_cols)

    workers = min(_workers(), len(starts))
    if workers <= 1:  # one block, or none (no replicates asked for)
        for i in range(len(starts)):
            one(i)
    else:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(one, range(len(starts))))
    return reps


def _bootstrap(answers: pd.DataFrame, metrics: list[str], cluster: np.ndarray,
               confidence: float, n_resamples: int, seed: int, k: np.ndarray | None = None,
               codes: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Category means and differences with a cluster bootstrap over customers (replicate
    weights = how often each customer is drawn, then one matrix product per block).
    ``k``: the answers' category codes in CATS order, when the caller has them; ``codes``:
    ``cluster`` holds codes 0..n-1 already."""
    k_of = {c: i for i, c in enumerate(CATS)}
    if k is None:
        k = pd.Categorical(answers["category"], categories=CATS).codes
    k = np.asarray(k, dtype=np.int64)
    # codes 0..n-1 already (pandas.factorize's): no second factorize
    cl = np.asarray(cluster if codes else pd.factorize(cluster)[0], dtype=np.int64)
    n_cl = int(cl.max()) + 1 if len(cl) else 0
    # per customer and category: answer counts and metric sums, one bincount each over the
    # flat (customer, category) cell, written side by side into the float32 matrix the
    # replicates multiply (one product per block instead of two, no float64 copy of it);
    # the point estimates add up the float64 sums
    cell = cl * 3 + k
    n_m = len(metrics)
    both = np.empty((n_cl, 3 * (1 + n_m)), np.float32)
    counts = np.bincount(cell, minlength=3 * n_cl).reshape(n_cl, 3)
    both[:, :3] = counts
    totals = np.empty(3 * n_m)
    for j, m in enumerate(metrics):  # a handful of metrics, not rows
        s = np.bincount(cell, weights=answers[m].to_numpy(dtype=float),
                        minlength=3 * n_cl).reshape(n_cl, 3)
        totals[3 * j:3 * j + 3] = s.sum(axis=0)
        both[:, 3 + 3 * j:6 + 3 * j] = s
    point_n = counts.sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        point = totals.reshape(n_m, 3) / point_n
    reps = _replicates(both, 3, n_resamples, seed).reshape(n_resamples, n_m, 3)
    del both
    alpha = (1 - confidence) / 2
    with warnings.catch_warnings():  # a category without answers has no interval: NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        lo = np.nanquantile(reps, alpha, axis=0)
        hi = np.nanquantile(reps, 1 - alpha, axis=0)
    customers = np.array([(counts[:, i] > 0).sum() for i in range(3)])
    rows = [{"category": c, "metric": m, "value": point[j, i], "ci_low": lo[j, i],
             "ci_high": hi[j, i], "answers": int(point_n[i]), "customers": int(customers[i])}
            for j, m in enumerate(metrics) for i, c in enumerate(CATS)]
    table = pd.DataFrame(rows)
    pairs = [("promoter", "detractor"), ("promoter", "passive"), ("passive", "detractor")]
    drows = []
    for j, m in enumerate(metrics):
        for a, b in pairs:
            d = point[j, k_of[a]] - point[j, k_of[b]]
            dr = reps[:, j, k_of[a]] - reps[:, j, k_of[b]]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                se = np.nanstd(dr, ddof=1)
                d_lo, d_hi = np.nanquantile(dr, alpha), np.nanquantile(dr, 1 - alpha)
            p = float(2 * _stats.norm_sf(abs(d) / se)) if se > 0 else np.nan
            drows.append({"metric": m, "comparison": f"{a} - {b}", "difference": d,
                          "ci_low": d_lo, "ci_high": d_hi, "p_value": p})
    return table, pd.DataFrame(drows)


def _summary(table: pd.DataFrame, diffs: pd.DataFrame, horizon: str,
             confidence: float) -> str:
    v = table.set_index(["category", "metric"])["value"]
    d = diffs.set_index(["metric", "comparison"])
    rep = d.loc[("repurchase_rate", "promoter - detractor")]
    rev = d.loc[("revenue", "promoter - detractor")]
    values = dict(days=pd.Timedelta(horizon).days, promoters=v["promoter", "repurchase_rate"],
                  passives=v["passive", "repurchase_rate"],
                  detractors=v["detractor", "repurchase_rate"],
                  difference=100 * rep["difference"], confidence=confidence,
                  low=100 * rep["ci_low"], high=100 * rep["ci_high"],
                  p=_stats.p_text(rep["p_value"]))
    if rep["p_value"] < 0.05 and rep["difference"] > 0:
        first = tr("Here NPS predicts repurchase: within {days} days of answering, {promoters:.0%} "
                   "of promoters bought again against {passives:.0%} of passives and "
                   "{detractors:.0%} of detractors (promoters minus detractors "
                   "{difference:+.1f} points, {confidence:.0%} interval {low:+.1f} to "
                   "{high:+.1f}, {p}).", **values)
    else:
        first = tr("Here NPS does not clearly predict repurchase: within {days} days of "
                   "answering, {promoters:.0%} of promoters bought again against "
                   "{passives:.0%} of passives and {detractors:.0%} of detractors (promoters "
                   "minus detractors {difference:+.1f} points, {confidence:.0%} interval "
                   "{low:+.1f} to {high:+.1f}, {p}).", **values)
    return " ".join([first, tr(
        "Promoters spent {difference:+,.2f} per answer against detractors (interval "
        "{low:+,.2f} to {high:+,.2f}).", difference=rev["difference"], low=rev["ci_low"],
        high=rev["ci_high"]), tr("This is an association in this data, not a proven effect of "
                                 "the score.")])
