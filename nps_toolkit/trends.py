"""Trend review: NPS per period or survey wave, which changes are real, and customer migration.

Customers are re-surveyed every 60-90 days; analysts watch the shares of promoters, passives
and detractors over time, per segment and for their largest customers. Everything here returns
tidy tables with intervals and plain-words flags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import _stats
from ._frames import counts_table, require_columns, to_narwhals, to_pandas
from .scoring import NPSComparison, classify, compare_paired, intervals_from_counts

__all__ = ["Migration", "ShiftReport", "assign_waves", "detect_shifts", "due_for_resurvey",
           "migration", "trend", "trend_by_value"]

_CALENDAR = {"D": "D", "W": "W", "M": "M", "ME": "M", "MS": "M", "Q": "Q", "QE": "Q",
             "QS": "Q", "Y": "Y", "YE": "Y", "A": "Y"}
_FIXED = re.compile(r"^(\d+)\s*(D|W|H)$", re.IGNORECASE)
_EPOCH_MONDAY = pd.Timestamp("1970-01-05")  # a Monday: weeks run Monday to Sunday


def parse_dates(values: pd.Series, *, column: str, tz: str | None = None,
                notes: list[str] | None = None) -> pd.Series:
    """Dates as datetime64, or a clear error naming the values that are not dates.

    Strings in mixed formats are parsed (ISO 8601 first, then per value); strings with
    different UTC offsets are converted to UTC (noted). With ``tz``, aware dates are converted
    to it and naive dates are taken to be in it; periods are then cut in that local time.
    Missing dates stay missing (the callers count them).
    """
    notes = notes if notes is not None else []
    if not pd.api.types.is_datetime64_any_dtype(values.dtype) and _holds_date_objects(values):
        # Python date/datetime objects (a Parquet DATE column, a database driver): converted
        # directly, not through their text (that string path took seconds per million rows)
        values = pd.to_datetime(values)
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        parsed = values
    else:
        text = values.astype("string").str.strip()
        text = text.mask(text == "")
        try:
            parsed = pd.to_datetime(text, format="ISO8601")
        except (ValueError, TypeError):
            try:
                parsed = pd.to_datetime(text, format="mixed")
            except (ValueError, TypeError):
                parsed = None
            if parsed is None or parsed.dtype == object:
                parsed = pd.to_datetime(text, format="mixed", utc=True, errors="coerce")
                notes.append(f"dates in {column!r} carry different UTC offsets: converted to "
                             "UTC before cutting periods.")
        bad = parsed.isna() & text.notna()
        if bad.any():
            pos = np.flatnonzero(bad.to_numpy())
            labels = [values.index[p] for p in pos[:5]]
            shown = ", ".join(f"row {lab}: {text.iloc[p]!r}" for lab, p in
                              zip(labels, pos[:5], strict=True))
            raise ValueError(
                f"column {column!r} has {len(pos)} value(s) that are not dates ({shown}). "
                "Fix them, or remove those rows; ISO 8601 ('2025-03-31' or "
                "'2025-03-31T14:05:00+02:00') is always understood."
            )
    if tz is not None:
        if parsed.dt.tz is None:
            parsed = parsed.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
        else:
            parsed = parsed.dt.tz_convert(tz)
    return parsed


def _holds_date_objects(values: pd.Series) -> bool:
    """An object column whose filled cells (checked on a sample, then by type on all) are
    Python ``date`` / ``datetime`` objects."""
    if values.dtype != object:
        return False
    filled = values.dropna()
    if filled.empty:
        return False
    import datetime as _dt

    head = filled.head(1000)
    if not head.map(lambda v: isinstance(v, _dt.date)).all():
        return False
    return bool(filled.map(type).isin([_dt.date, _dt.datetime, pd.Timestamp]).all())


def _local_naive(dates: pd.Series) -> pd.Series:
    """Wall-clock time in the dates' own zone, without the zone (for calendar periods)."""
    return dates.dt.tz_localize(None) if dates.dt.tz is not None else dates


def _period_codes(dates: pd.Series, freq: str, origin: pd.Timestamp | None
                  ) -> tuple[np.ndarray, Any]:
    """Integer period codes (NaN-safe: -1 for missing) and what they mean.

    Calendar frequencies (D, W, M, Q, Y) follow the calendar (weeks start on Monday); fixed
    widths ("90D", "2W", "12H") are counted from ``origin`` (default: the first date's day).
    """
    local = _local_naive(dates)
    missing = local.isna().to_numpy()
    fixed = _FIXED.match(freq.strip())
    if fixed:
        width = pd.Timedelta(int(fixed.group(1)), unit=fixed.group(2).upper())
        if width <= pd.Timedelta(0):
            raise ValueError(f"freq must be a positive width, got {freq!r}")
        start = (origin if origin is not None else local.min().normalize())
        start = pd.Timestamp(start).tz_localize(None) if pd.Timestamp(start).tz else start
        ns = (local - start).to_numpy(dtype="timedelta64[ns]").astype(np.int64)
        codes = np.floor_divide(ns, width.value)
        return np.where(missing, -1, codes), ("fixed", start, width)
    key = _CALENDAR.get(freq.strip().upper())
    if key is None:
        raise ValueError(f"freq {freq!r} is not understood: use 'D', 'W', 'M', 'Q', 'Y' or a "
                         "fixed width such as '90D', '2W'")
    # Integer days since 1970 in one division, then calendar units through a lookup table
    # over the data's own day range (numpy's datetime64 unit casts are several times slower).
    ns = local.to_numpy(dtype="datetime64[ns]").view(np.int64)
    days = np.floor_divide(ns, 86_400 * 10**9)
    if missing.all():
        return np.full(len(days), -1, dtype=np.int64), ("calendar", key)
    lo, hi = days[~missing].min(), days[~missing].max()
    days = np.where(missing, lo, days)
    if key == "D":
        codes = days
    elif key == "W":
        codes = np.floor_divide(days - 4, 7)  # 1970-01-05 was a Monday
    else:
        calendar = np.arange(lo, hi + 1).astype("datetime64[D]")
        unit = "datetime64[Y]" if key == "Y" else "datetime64[M]"
        table = calendar.astype(unit).astype(np.int64)
        if key == "Q":
            table = np.floor_divide(table, 3)
        codes = table[days - lo]
    return np.where(missing, -1, codes), ("calendar", key)


def _period_labels(codes: np.ndarray, meaning: Any) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(period label, start, end) for codes."""
    if meaning[0] == "fixed":
        _, start, width = meaning
        starts = start + pd.to_timedelta(codes * width.value, unit="ns")
        ends = starts + width - pd.Timedelta(1, unit="ns")
        label = pd.Series(starts.strftime("%Y-%m-%d"), dtype="string")
        return label, pd.Series(starts), pd.Series(ends)
    key = meaning[1]
    if key == "M":
        periods = pd.PeriodIndex.from_fields(year=1970 + codes // 12, month=codes % 12 + 1,
                                             freq="M")
    elif key == "Q":
        periods = pd.PeriodIndex.from_fields(year=1970 + codes // 4, quarter=codes % 4 + 1,
                                             freq="Q")
    elif key == "Y":
        periods = pd.PeriodIndex.from_fields(year=1970 + codes, month=np.ones_like(codes),
                                             freq="Y")
    elif key == "D":
        periods = pd.PeriodIndex(pd.Timestamp("1970-01-01") + pd.to_timedelta(codes, unit="D"),
                                 freq="D")
    else:
        periods = pd.PeriodIndex(_EPOCH_MONDAY + pd.to_timedelta(codes * 7, unit="D"),
                                 freq="W-SUN")
    return (pd.Series(periods.astype(str), dtype="string"), pd.Series(periods.start_time),
            pd.Series(periods.end_time))


def _add_changes(out: pd.DataFrame, keys: list[str], confidence: float,
                 weighted: bool) -> pd.DataFrame:
    """Change from the previous period within each group (adjusted Wald difference)."""
    cols = (["w_promoters", "w_passives", "w_detractors"] if weighted
            else ["promoters", "passives", "detractors"])
    eff = out[["promoter_share", "passive_share", "detractor_share"]].to_numpy(float)
    n_eff = out["n_effective"].to_numpy(float) if weighted else out["n"].to_numpy(float)
    counts = np.nan_to_num(eff * n_eff[:, None]) if weighted else out[cols].to_numpy(float)
    prev = (pd.DataFrame(counts).groupby([out[k] for k in keys], dropna=False, sort=False)
            .shift(1).to_numpy() if keys else np.vstack([np.full(3, np.nan), counts[:-1]]))
    prev_nps = (out.groupby(keys, dropna=False, sort=False)["nps"].shift(1) if keys
                else out["nps"].shift(1))
    centre, se = _stats.difference(*counts.T, *prev.T, method="adjusted_wald")
    z = _stats.z_value(confidence)
    ok = (counts.sum(axis=1) > 0) & (np.nan_to_num(prev).sum(axis=1) > 0) & (se > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(ok, 2 * _stats.norm_sf(np.abs(centre / se)), np.nan)
    out["change"] = np.where(ok, out["nps"].to_numpy() - prev_nps.to_numpy(), np.nan)
    out["change_ci_low"] = np.where(ok, centre - z * se, np.nan)
    out["change_ci_high"] = np.where(ok, centre + z * se, np.nan)
    out["change_p_value"] = p
    out["significant_change"] = p < 1 - confidence
    return out


def trend(data: Any, *, date: str | None = "date", freq: str = "M",
          by: str | Sequence[str] | None = None, score: str = "score",
          period: str | None = None, rolling: int | str | None = None,
          weights: str | None = None, tz: str | None = None,
          origin: str | pd.Timestamp | None = None, confidence: float = 0.95,
          method: str = "adjusted_wald", min_n: int = 30) -> pd.DataFrame:
    """NPS per period (and group), with intervals and the change from the previous period.

    Parameters
    ----------
    data : data frame of responses
    date : str, default "date"
        Response dates (datetime, or strings in any common format; time zones handled).
    freq : str, default "M"
        ``"D"``, ``"W"`` (Monday-Sunday), ``"M"``, ``"Q"``, ``"Y"``, or a fixed width such as
        ``"90D"`` counted from ``origin`` (default: the first response's day).
    by : column name(s), optional
        One trend line per group.
    period : str, optional
        Use this column as the period instead of cutting dates: survey waves from
        :func:`assign_waves`, or an ordinal period index such as Botanic's ``t``.
    rolling : int or str, optional
        Also a trailing window: a number of periods (``3`` = this and the two before) or a
        duration (``"90D"``: responses in the 90 days up to each period's end). Adds
        ``rolling_n``, ``rolling_nps``, ``rolling_ci_low`` and ``rolling_ci_high``.
    weights, confidence, method, min_n : as in :func:`nps_toolkit.summarize`.
    tz : str, optional
        Time zone in which to cut periods (e.g. "Europe/Paris"); naive dates are taken to be
        in it.

    Returns
    -------
    pandas.DataFrame
        One row per period (and group), in time order, with no gaps: a period without
        responses has ``n = 0`` and NaN NPS. Columns: the groups, ``period`` (label),
        ``period_start``, ``period_end``, the :func:`nps_toolkit.summarize` columns, then
        ``change`` (from the previous period of the same group), ``change_ci_low``,
        ``change_ci_high``, ``change_p_value`` and ``significant_change``. A change needs
        responses in both periods. ``.attrs["notes"]`` says what was left out.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> q = trend(load_sample(), freq="Q")
    >>> q[["period", "n", "nps", "significant_change"]].iloc[2:5]
      period     n        nps  significant_change
    2 2025Q3   775  25.806452               False
    3 2025Q4  1059  14.730878                True
    4 2026Q1  1235  31.255061                True
    """
    keys = [by] if isinstance(by, str) else list(by or [])
    notes: list[str] = []
    cols = [score, *keys, *([weights] if weights else []),
            *([period] if period else [date] if date else [])]
    if period is None and date is None:
        raise ValueError("give date= (a date column) or period= (a wave or period column)")
    df = to_pandas(data, cols)
    if period is not None:
        p = df[period]
        missing = p.isna()
        if not pd.api.types.is_numeric_dtype(p.dtype):
            raise ValueError(f"period column {period!r} must hold ordered numbers (wave or "
                             f"period index), got {p.dtype}; for dates use date=")
        codes = np.where(missing, -1, p.fillna(-1)).astype(np.int64)
        if (codes[~missing.to_numpy()] != p[~missing].to_numpy()).any():
            raise ValueError(f"period column {period!r} must hold whole numbers")
        meaning: Any = ("ordinal", period)
    else:
        dates = parse_dates(df[date], column=date, tz=tz, notes=notes)
        missing = dates.isna()
        codes, meaning = _period_codes(dates, freq, pd.Timestamp(origin) if origin else None)
    if missing.any():
        notes.append(f"{int(missing.sum())} response(s) without a {period or date} are left "
                     "out.")
    keep = ~missing.to_numpy()
    work = df[[score, *keys, *([weights] if weights else [])]]
    work = (work.assign(__period=codes) if keep.all()
            else work.loc[keep].assign(__period=codes[keep]))
    if work.empty:
        raise ValueError("no responses with a date to build a trend from")
    table = counts_table(work, score=score, by=[*keys, "__period"], weights=weights)
    # complete the grid: every period between the first and the last, for every group
    span = np.arange(work["__period"].min(), work["__period"].max() + 1)
    if keys:
        groups = table[keys].drop_duplicates()
        grid = groups.merge(pd.DataFrame({"__period": span}), how="cross")
    else:
        grid = pd.DataFrame({"__period": span})
    table = grid.merge(table, on=[*keys, "__period"], how="left")
    count_cols = [c for c in table.columns if c not in (*keys, "__period")]
    table[count_cols] = table[count_cols].fillna(0)
    for c in ("n", "n_missing", "n_rows", "promoters", "passives", "detractors"):
        table[c] = table[c].astype(np.int64)
    out = intervals_from_counts(table, method=method, confidence=confidence, seed=0,
                                min_n=min_n, weighted=weights is not None)
    if meaning[0] == "ordinal":
        out.insert(len(keys), "period", out["__period"])
    else:
        label, start, end = _period_labels(out["__period"].to_numpy(), meaning)
        out.insert(len(keys), "period", label.to_numpy())
        out.insert(len(keys) + 1, "period_start", start.to_numpy())
        out.insert(len(keys) + 2, "period_end", end.to_numpy())
    out = _add_changes(out, keys, confidence, weights is not None)
    if rolling is not None:
        out = _add_rolling(out, work, keys, rolling, meaning, dates if period is None else None,
                           missing, score, confidence, method)
    out = out.drop(columns=["__period", "n_rows"])
    out.attrs = {"notes": notes, "freq": None if period else freq}
    return out


def _add_rolling(out, work, keys, rolling, meaning, dates, missing, score, confidence,
                 method) -> pd.DataFrame:
    counts = ["promoters", "passives", "detractors"]
    if isinstance(rolling, (int, np.integer)) and not isinstance(rolling, bool):
        if rolling < 1:
            raise ValueError(f"rolling must be at least 1 period, got {rolling}")
        summed = (out.groupby(keys, dropna=False, sort=False)[counts]
                  .rolling(int(rolling), min_periods=1).sum().reset_index(drop=True)
                  if keys else out[counts].rolling(int(rolling), min_periods=1).sum())
        summed.index = out.index
    else:
        if dates is None or meaning[0] == "ordinal":
            raise ValueError("a duration window (e.g. rolling='90D') needs dates; with "
                             "period= give rolling as a number of periods")
        window = pd.Timedelta(rolling)
        local = _local_naive(dates)[~missing.to_numpy()]
        cat = classify(work[score]).cat.codes.to_numpy()  # 0 det, 1 pas, 2 prom, -1 missing
        t = local.to_numpy(dtype="datetime64[ns]").astype(np.int64)
        if keys:  # a group id per response and per output row (missing keys match)
            group_codes = work.groupby(keys, dropna=False, sort=False,
                                       observed=True).ngroup().to_numpy()
            lookup = work[keys].assign(__gid=group_codes).drop_duplicates(keys)
            out_groups = out[keys].merge(lookup, on=keys, how="left")["__gid"].to_numpy()
        else:
            group_codes = np.zeros(len(work), dtype=int)
            out_groups = np.zeros(len(out), dtype=int)
        ends = pd.to_datetime(out["period_end"]).to_numpy(dtype="datetime64[ns]").astype(
            np.int64)
        summed = pd.DataFrame(0.0, index=out.index, columns=counts)
        for g in np.unique(out_groups):  # one searchsorted per group, vectorised over periods
            rows = group_codes == g
            order = np.argsort(t[rows], kind="stable")
            tg, cg = t[rows][order], cat[rows][order]
            cum = np.column_stack([np.concatenate([[0], np.cumsum(cg == k)]) for k in (2, 1, 0)])
            sel = out_groups == g
            hi = np.searchsorted(tg, ends[sel], side="right")
            lo = np.searchsorted(tg, ends[sel] - window.value, side="right")
            summed.loc[sel, counts] = cum[hi] - cum[lo]
    tmp = summed.rename(columns=dict(zip(counts, counts, strict=True))).astype(np.int64)
    res = intervals_from_counts(tmp, method=method, confidence=confidence, seed=0, min_n=0,
                                weighted=False)
    out["rolling_n"] = tmp.sum(axis=1).to_numpy()
    out["rolling_nps"] = res["nps"].to_numpy()
    out["rolling_ci_low"] = res["ci_low"].to_numpy()
    out["rolling_ci_high"] = res["ci_high"].to_numpy()
    return out


# --------------------------------------------------------------------------- waves
def assign_waves(data: Any, *, date: str = "date", customer: str = "customer_id",
                 min_gap: str = "45D") -> pd.Series:
    """Survey wave of each response: 1 for a customer's first answer, 2 for the next...

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
    df = to_pandas(data, [customer, date])
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
    df = to_pandas(data, cols).copy()
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


# --------------------------------------------------------------------------- largest customers
def trend_by_value(data: Any, *, value: str, top: float = 0.2, customer: str = "customer_id",
                   date: str = "date", freq: str = "Q", score: str = "score",
                   confidence: float = 0.95, min_n: int = 30) -> pd.DataFrame:
    """The trend of the largest customers side by side with everyone else.

    Customers are ranked by ``value`` (their highest value over the data, so a customer stays
    in one group) and the top ``top`` share (0.2 = top 20%) forms the first line.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> t = trend_by_value(load_sample(), value="customer_lifetime_value")
    >>> t["segment"].unique().tolist()
    ['Top 20% by customer_lifetime_value', 'Everyone else']
    """
    if not 0 < top < 1:
        raise ValueError(f"top is a share of customers between 0 and 1, got {top!r}")
    df = to_pandas(data, [customer, value, date, score])
    per_customer = pd.to_numeric(df[value], errors="coerce").groupby(df[customer]).max()
    cutoff = per_customer.quantile(1 - top)
    big = per_customer[per_customer >= cutoff].index
    name = f"Top {top:.0%} by {value}"
    seg = pd.Categorical(np.where(df[customer].isin(big), name, "Everyone else"),
                         categories=[name, "Everyone else"], ordered=True)
    return trend(df.assign(segment=seg), date=date, freq=freq, by="segment", score=score,
                 confidence=confidence, min_n=min_n)


# --------------------------------------------------------------------------- alerts
@dataclass(frozen=True)
class ShiftReport:
    """Periods where NPS fell significantly below its trailing baseline, and why.

    Attributes
    ----------
    periods : DataFrame
        Every period: ``n``, ``nps``, ``baseline_n``, ``baseline_nps``, ``change``,
        ``change_ci_low``, ``change_ci_high``, ``p_value``, ``flagged``, ``explanation``.
    contributions : DataFrame
        For flagged periods, each segment's contribution to the change (points), split into
        ``mix_effect`` and ``performance_effect``; most negative first.
    summary : str
        Plain words for a report.
    """

    periods: pd.DataFrame
    contributions: pd.DataFrame
    summary: str

    def __repr__(self) -> str:
        return self.summary

    def _repr_html_(self) -> str:
        return "<p>" + html.escape(self.summary).replace("\n", "<br>") + "</p>"


def detect_shifts(data: Any, *, date: str = "date", freq: str = "M", baseline: int = 3,
                  segments: Sequence[str] = (), score: str = "score", confidence: float = 0.95,
                  tz: str | None = None, top: int = 3) -> ShiftReport:
    """Flag periods whose NPS is significantly below the trailing baseline, and explain them.

    The baseline of a period pools the responses of the ``baseline`` periods before it. A
    period is flagged when its NPS is below the baseline and the adjusted Wald z-test of the
    difference (as in :func:`nps_toolkit.compare`) has ``p < 1 - confidence``.

    Each flagged drop is decomposed over the categories of each ``segments`` column:
    ``NPS = sum_s w_s NPS_s`` (``w_s`` the segment's share of responses), so
    ``change = sum_s (w1_s NPS1_s - w0_s NPS0_s)``, each term being the segment's contribution,
    split into a mix effect ``(w1_s - w0_s) NPS0_s`` and a performance effect
    ``w1_s (NPS1_s - NPS0_s)`` (a standard shift-share decomposition). Contributions add up to
    the change exactly.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> report = detect_shifts(load_sample(), freq="Q", baseline=2,
    ...                        segments=["region", "touchpoint"])
    >>> report.periods.loc[report.periods["flagged"], "period"].tolist()
    ['2025Q4']
    """
    if baseline < 1:
        raise ValueError(f"baseline must be at least 1 period, got {baseline}")
    cols = [date, score, *segments]
    df = to_pandas(data, cols)
    per = trend(df, date=date, freq=freq, score=score, tz=tz, confidence=confidence)
    counts = per[["promoters", "passives", "detractors"]].to_numpy(float)
    base = (pd.DataFrame(counts).rolling(baseline, min_periods=baseline).sum().shift(1)
            .to_numpy())
    centre, se = _stats.difference(*counts.T, *base.T, method="adjusted_wald")
    z = _stats.z_value(confidence)
    n, bn = counts.sum(axis=1), np.nan_to_num(base).sum(axis=1)
    ok = (n > 0) & (bn > 0) & (se > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        base_nps = 100 * (base[:, 0] - base[:, 2]) / bn
        p = np.where(ok, 2 * _stats.norm_sf(np.abs(centre / se)), np.nan)
    periods = pd.DataFrame({
        "period": per["period"], "period_start": per["period_start"],
        "period_end": per["period_end"], "n": per["n"], "nps": per["nps"],
        "baseline_n": bn.astype(np.int64), "baseline_nps": np.where(bn > 0, base_nps, np.nan),
    })
    periods["change"] = np.where(ok, periods["nps"] - periods["baseline_nps"], np.nan)
    periods["change_ci_low"] = np.where(ok, centre - z * se, np.nan)
    periods["change_ci_high"] = np.where(ok, centre + z * se, np.nan)
    periods["p_value"] = p
    periods["flagged"] = (p < 1 - confidence) & (periods["change"] < 0)
    periods["explanation"] = ""
    dates = parse_dates(df[date], column=date, tz=tz)
    codes, _ = _period_codes(dates, freq, None)
    have = codes >= 0
    # the trend's rows are consecutive period codes from the first one: position = offset
    pos = np.where(have, codes - (codes[have].min() if have.any() else 0), -1)
    rows = []
    lines = []
    for i in np.flatnonzero(periods["flagged"].to_numpy()):
        now = pos == i
        before = (pos >= i - baseline) & (pos < i)
        parts = []
        for col in segments:
            cur = _segment_table(df[now], col, score)
            old = _segment_table(df[before], col, score)
            both = cur.add_suffix("_now").join(old.add_suffix("_before"), how="outer").fillna(
                {"w_now": 0.0, "w_before": 0.0})
            nps0 = both["nps_before"].fillna(both["nps_now"]).fillna(0.0)
            nps1 = both["nps_now"].fillna(both["nps_before"]).fillna(0.0)
            mix = (both["w_now"] - both["w_before"]) * nps0
            perf = both["w_now"] * (nps1 - nps0)
            for seg, m_, pf in zip(both.index, mix, perf, strict=True):
                rows.append({"period": periods["period"].iloc[i], "column": col,
                             "segment": seg, "contribution": m_ + pf, "mix_effect": m_,
                             "performance_effect": pf,
                             "nps_before": both.loc[seg, "nps_before"],
                             "nps_now": both.loc[seg, "nps_now"],
                             "share_before": both.loc[seg, "w_before"],
                             "share_now": both.loc[seg, "w_now"]})
            parts.append(col)
        row = periods.iloc[i]
        text = (f"{row['period']}: NPS {row['nps']:.1f} vs {row['baseline_nps']:.1f} over the "
                f"previous {baseline} period(s), {row['change']:+.1f} points "
                f"(p={row['p_value']:.2g}).")
        if parts:
            mine = pd.DataFrame([r for r in rows if r["period"] == row["period"]])
            worst = mine.sort_values("contribution").head(top)
            named = "; ".join(
                f"{r.column} = {r.segment} accounts for {r.contribution:+.1f} points "
                f"(its NPS {r.nps_before:.0f} -> {r.nps_now:.0f})"
                for r in worst.itertuples() if r.contribution < 0)
            if named:
                text += f" Behind the drop: {named}."
        periods.loc[periods.index[i], "explanation"] = text
        lines.append(text)
    contributions = pd.DataFrame(rows, columns=[
        "period", "column", "segment", "contribution", "mix_effect", "performance_effect",
        "nps_before", "nps_now", "share_before", "share_now"])
    contributions = contributions.sort_values(["period", "contribution"], kind="stable",
                                              ignore_index=True)
    summary = ("\n".join(lines) if lines else
               f"No {freq} period fell significantly below its trailing {baseline}-period "
               "baseline.")
    return ShiftReport(periods=periods, contributions=contributions, summary=summary)


def _segment_table(df: pd.DataFrame, col: str, score: str) -> pd.DataFrame:
    s = df[score].astype(float)
    valid = s.notna()
    g = df.loc[valid, col].astype(object).where(df.loc[valid, col].notna(), "(missing)")
    sv = s[valid]
    grouped = pd.DataFrame({"g": g.to_numpy(), "p": (sv >= 9).to_numpy(),
                            "d": (sv <= 6).to_numpy()}).groupby("g", sort=True)
    n = grouped.size()
    out = pd.DataFrame({"w": n / n.sum(),
                        "nps": 100 * (grouped["p"].sum() - grouped["d"].sum()) / n})
    return out


# --------------------------------------------------------------------------- re-survey plan
def due_for_resurvey(data: Any, *, customer: str = "customer_id", date: str = "date",
                     as_of: str | pd.Timestamp | None = None, every: str = "90D",
                     contacted: pd.DataFrame | None = None, quiet: str = "30D",
                     score: str | None = "score", value: str | None = None) -> pd.DataFrame:
    """Customers whose last answer is older than ``every``, skipping recent contacts.

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
    df = to_pandas(data, cols).copy()
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
