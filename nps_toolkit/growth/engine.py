"""growth_link's join of answers to a *lazy* order log, run where the orders live.

The order log is the largest table a user has (100M+ rows is common) and often sits in a
database, a Parquet folder or a Spark cluster. :func:`growth_link` then sends the answers
(one row each: a key and a day) to that engine, joins them to the same customer's orders
within the horizon before and after the answer day, and brings back one row per answer with
an order in reach (orders and revenue after, revenue before, orders on the answer day): the
per-answer sums the in-memory path computes, so the statistics that follow (the customer
bootstrap) are shared. One narwhals query serves DuckDB relations, polars LazyFrames and
Spark DataFrames; nothing of the order log but those sums (and one summary row) leaves the
engine.
"""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .._frames import collect
from .._frames.engine import DAY as _DAY
from .._frames.engine import KEY as _KEY
from .._frames.engine import ROW as _ANSWER
from .._frames.engine import EngineTable
from .._frames.periods import days_since_epoch

#: Columns of the order log as the join reads them (prefixed so no order-log column clashes).
_OKEY, _ODAY, _AMT, _REF, _FIRST = ("__nt_okey", "__nt_oday", "__nt_amount", "__nt_ref",
                                    "__nt_first")


def _zone_name(zone: Any) -> str | None:
    """A time zone as engines name it: the IANA key, or a fixed offset (pandas reads
    ``-05:00`` as one) as ``Etc/GMT+5`` (whole hours; IANA inverts the sign) or ``-05:30``."""
    if zone is None:
        return None
    key = getattr(zone, "key", None) or getattr(zone, "zone", None)
    if key:
        return str(key)
    offset = zone.utcoffset(None) if hasattr(zone, "utcoffset") else None
    if offset is None:
        return str(zone)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    if minutes % 60 == 0:
        return f"Etc/GMT{-minutes // 60:+d}"
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _spread(table: Any, position: str, n: int, names: list[str]) -> list[np.ndarray]:
    """Per-row results of an engine (an Arrow table with a ``position`` column) as full
    arrays of ``n`` rows, zero where the engine returned no row (no order in reach)."""
    at = np.asarray(table.column(position).to_numpy(), dtype=np.int64)
    out = []
    for name in names:  # a few columns, not rows
        full = np.zeros(n)
        full[at] = np.asarray(table.column(name).to_numpy(), dtype=float)
        out.append(full)
    return out


class LazyOrders(EngineTable):
    """An order log held by an engine (a narwhals LazyFrame), queried for per-answer sums."""

    def __init__(self, frame: nw.LazyFrame, *, customer: str, date: str, amount: str) -> None:
        super().__init__(frame, key=customer, role="order log",
                         unmatched="they count as customers without orders")
        self.customer, self.date, self.amount = customer, date, amount

    # ------------------------------------------------------------------ dates and checks
    def zone(self) -> Any:
        """The order dates' time zone, from the engine's schema (None for dates and naive
        times); text dates are refused with the fix (the engine, not Python, reads them)."""
        dtype = self.schema[self.date]
        if dtype == nw.String:
            raise ValueError(
                f"order log column {self.date!r} holds text in the engine, and growth_link "
                "reads dates there, not text. Cast it where the data lives (DuckDB: "
                f"CAST({self.date} AS DATE); polars: pl.col({self.date!r}).str.to_date(); "
                f"Spark: F.to_date({self.date!r})), or read the log with read_orders().")
        if not (dtype == nw.Date or dtype == nw.Datetime):
            raise ValueError(f"order log column {self.date!r} is {dtype}, not a date or a "
                             "time: cast it to a date where the data lives")
        return getattr(dtype, "time_zone", None)

    def _day(self, zone: Any) -> Any:
        """Day numbers since 1970 of the order dates; aware times are cut in ``zone`` (as
        the in-memory path cuts them), naive times and dates taken as they are."""
        own = getattr(self.schema[self.date], "time_zone", None)
        col = nw.col(self.date)
        zone = _zone_name(zone)
        if own is None or zone is None or str(own) == zone:
            return days_since_epoch(col)
        expr = days_since_epoch(col.dt.convert_time_zone(zone))
        try:  # DuckDB keeps the zone in the connection: it refuses, say what to do
            self.frame.select(expr.alias("d")).head(0)
        except Exception as exc:  # re-raised with the fix
            raise ValueError(
                f"the answers' days are cut in the time zone {zone}, and the engine holding "
                f"the order log cannot convert {self.date!r} ({own}) to it ({exc}). Set the "
                f"engine's time zone (DuckDB: SET TimeZone = '{zone}'), or give the order "
                "dates as dates.") from exc
        return expr

    def end_and_bad(self, zone: Any) -> tuple[float, int]:
        """The last order day and how many orders have no date or amount, in one scan."""
        out = collect(self.frame.select(
            self._day(zone).max().alias("end"),
            (nw.col(self.date).is_null() | nw.col(self.amount).is_null())
            .cast(nw.Int64).sum().alias("bad"))).to_pandas()
        end, bad = out["end"].iloc[0], out["bad"].iloc[0]
        return (float(end) if pd.notna(end) else np.nan), int(bad if pd.notna(bad) else 0)

    # ------------------------------------------------------------------ the join
    def _orders(self, zone: Any, cast: Any) -> nw.LazyFrame:
        return self.frame.select(nw.col(self.customer).cast(cast).alias(_OKEY),
                                 self._day(zone).alias(_ODAY),
                                 nw.col(self.amount).cast(nw.Float64).alias(_AMT))

    def sums(self, keys: pd.Series, day: np.ndarray, days: int, zone: Any, cast: Any
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, bool]:
        """Per answer: orders (positive amounts) and revenue in the ``days`` after the answer
        day, revenue in the ``days`` before, orders on the day itself; and whether any
        answer's customer has an order in reach."""
        ans = self.send(keys, day, cast)
        od, ad, amt = nw.col(_ODAY), nw.col(_DAY), nw.col(_AMT)
        joined = ans.join(self._orders(zone, cast), left_on=_KEY, right_on=_OKEY,
                          how="inner").filter((od >= ad - days) & (od <= ad + days))
        table = collect(joined.group_by(_ANSWER).agg(
            nw.when((od > ad) & (amt > 0)).then(1.0).otherwise(0.0).sum().alias("after_n"),
            nw.when(od > ad).then(amt).otherwise(0.0).sum().alias("after_rev"),
            nw.when(od < ad).then(amt).otherwise(0.0).sum().alias("before_rev"),
            nw.when((od == ad) & (amt > 0)).then(1.0).otherwise(0.0).sum().alias("same_n"),
        ))
        out = _spread(table.to_arrow(), _ANSWER, len(keys),
                      ["after_n", "after_rev", "before_rev", "same_n"])
        return (*out, bool(len(table)))

    def any_match(self, keys: pd.Series, day: np.ndarray, cast: Any) -> tuple[bool, list]:
        """Whether any answer's id is in the order log at all (and a few order ids)."""
        ans = self.send(keys, day, cast)
        ids = self.frame.select(nw.col(self.customer).cast(cast).alias(_OKEY))
        hit = collect(ans.join(ids.unique(), left_on=_KEY, right_on=_OKEY, how="semi")
                      .select(nw.len().alias("n"))).to_pandas()["n"].iloc[0]
        examples = collect(ids.head(3)).to_pandas()[_OKEY].tolist()
        return bool(hit), examples

    def referrals(self, referrer: str, keys: pd.Series, day: np.ndarray, days: int,
                  zone: Any, cast: Any) -> np.ndarray:
        """New customers each answer's customer referred within the horizon: a referred
        customer counts on the day of their first order that names a referrer (the smallest
        referrer id when one day's orders name several)."""
        od = nw.col(_ODAY)
        refs = self.frame.filter(~nw.col(referrer).is_null()).select(
            nw.col(self.customer).cast(cast).alias(_OKEY),
            nw.col(referrer).cast(cast).alias(_REF), self._day(zone).alias(_ODAY))
        first = refs.group_by(_OKEY).agg(od.min().alias(_FIRST))
        firsts = (refs.join(first, on=_OKEY, how="inner").filter(od == nw.col(_FIRST))
                  .group_by(_OKEY, _FIRST).agg(nw.col(_REF).min()))
        ans = self.send(keys, day, cast)
        f, ad = nw.col(_FIRST), nw.col(_DAY)
        table = collect(ans.join(firsts, left_on=_KEY, right_on=_REF, how="inner")
                        .filter((f > ad) & (f <= ad + days))
                        .group_by(_ANSWER).agg(nw.len().alias("n")))
        return _spread(table.to_arrow(), _ANSWER, len(keys), ["n"])[0]


# ------------------------------------------------------------------ orders in memory
#: From this many orders up, in-memory window sums run in DuckDB when it is installed: its
#: parallel hash join of 1M answers to 10M orders takes 1.6-1.8 s where sorting the orders
#: in numpy takes 5-7 s on a 2-core machine (benchmarks/README.md); below it numpy is faster
#: than starting a query.
DUCKDB_FROM = 200_000


def exact_scale(amount: np.ndarray) -> int | None:
    """The fewest decimals (0-4) that write every amount as a whole number of units, when
    the sums of those units fit 64 bits; None otherwise. Guessed on a sample and checked on
    every amount, a million at a time (nothing order-length allocated)."""
    if not len(amount):
        return 0
    # the largest magnitude without an order-length temporary
    big = max(float(amount.max()), -float(amount.min()))
    sample = amount[:: max(1, len(amount) // 10_000)]
    for k in range(5):
        if big * 10.0**k * len(amount) >= 2.0**62:
            return None
        if np.abs(sample * 10.0**k - np.round(sample * 10.0**k)).max() > 1e-6:
            continue
        # blocks of rows, not rows, through two buffers allocated once
        scaled = np.empty(min(len(amount), _BLOCK))
        off = np.empty_like(scaled)
        for start in range(0, len(amount), _BLOCK):
            m = len(amount[start:start + _BLOCK])
            np.multiply(amount[start:start + m], 10.0**k, out=scaled[:m])
            np.round(scaled[:m], out=off[:m])
            np.subtract(scaled[:m], off[:m], out=off[:m])
            if np.abs(off[:m], out=off[:m]).max() > 1e-6:
                break
        else:
            return k
    return None


def exact_units(amount: np.ndarray, scale: int | None = -1
                ) -> tuple[int, np.ndarray] | None:
    """The amounts in whole units (:func:`exact_scale`'s decimals, or ``scale`` when the
    caller has them already), int32 when each fits, else int64 (the sums are made in 64 bits
    all the same), or None when they have none."""
    k = exact_scale(amount) if scale == -1 else scale
    if k is None:
        return None
    big = max(float(amount.max()), -float(amount.min())) if len(amount) else 0.0
    # 32-bit when every amount fits: half an order-length array under the join's peak
    units = np.empty(len(amount), np.int32 if big * 10.0**k < 2.0**31 - 1 else np.int64)
    for start in range(0, len(amount), _BLOCK):
        units[start:start + _BLOCK] = np.round(amount[start:start + _BLOCK] * 10.0**k)
    return k, units


_BLOCK = 1 << 20


def _arrow_keys(keys: pd.Series) -> Any:
    """Ids as an Arrow array: integers without a missing one as their own buffer (no copy
    of 10M ids), others through pandas' Arrow conversion."""
    import pyarrow as pa

    if pd.api.types.is_integer_dtype(keys.dtype) and not keys.hasnans:
        return pa.array(keys.to_numpy(dtype=np.int64, copy=False))
    return pa.array(keys.array, from_pandas=True)


def duckdb_window_sums(o_key: pd.Series, o_stamp: np.ndarray, per_day: int,
                       amount: np.ndarray, scale: int | None, a_key: pd.Series,
                       day: np.ndarray, days: int
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The in-memory path's per-answer sums (orders and revenue after, revenue before,
    orders on the day) by a DuckDB window join over the arrays (ids as matching_ids wrote
    them, integers or text, missing ones matching nothing), or None when DuckDB is not
    installed, the log is small, or the amounts have no exact units (``scale``, from
    :func:`exact_scale`): the sums run on whole units, exact and the same on every run, where
    a parallel sum of floats could differ in its last bit between runs.

    DuckDB reads the order columns as they are (integer time stamps with ``per_day`` units a
    day, float amounts; no copies) and makes the days (floor division) and units
    (``round(amount * 10**scale)``, the same double product and the same integer as numpy's:
    every product is within 1e-6 of it) itself, so numpy's path gives identical numbers."""
    if len(o_key) < DUCKDB_FROM or scale is None:
        return None
    try:
        import duckdb
    except ImportError:
        return None
    import pyarrow as pa

    orders = pa.table({"c": _arrow_keys(o_key), "t": o_stamp, "a": amount})
    answers = pa.table({"i": np.arange(len(a_key), dtype=np.int64),
                        "c": _arrow_keys(a_key), "d": day})
    per_day, factor = int(per_day), float(10**scale)
    con = duckdb.connect()
    try:
        con.register("nt_orders", orders)
        con.register("nt_answers", answers)
        table = con.sql(f"""
            SELECT a.i,
                   CAST(count(*) FILTER (WHERE o.d > a.d AND o.u > 0) AS DOUBLE) AS after_n,
                   CAST(coalesce(sum(o.u) FILTER (WHERE o.d > a.d), 0) AS DOUBLE) AS after_u,
                   CAST(coalesce(sum(o.u) FILTER (WHERE o.d < a.d), 0) AS DOUBLE) AS before_u,
                   CAST(count(*) FILTER (WHERE o.d = a.d AND o.u > 0) AS DOUBLE) AS same_n
            FROM (SELECT i, c, CAST(d AS BIGINT) AS d FROM nt_answers) a
            JOIN (SELECT c,
                         -- floor division (DuckDB's // truncates towards zero)
                         (t - ((t % {per_day}) + {per_day}) % {per_day}) // {per_day} AS d,
                         CAST(round(a * CAST({factor!r} AS DOUBLE)) AS BIGINT) AS u
                  FROM nt_orders) o
              ON o.c = a.c AND o.d BETWEEN a.d - {int(days)} AND a.d + {int(days)}
            GROUP BY a.i""").to_arrow_table()
    finally:
        con.close()
    after_n, after_u, before_u, same_n = _spread(table, "i", len(a_key),
                                                 ["after_n", "after_u", "before_u", "same_n"])
    return after_n, after_u / 10.0**scale, before_u / 10.0**scale, same_n
