"""NPS per period (and group), with intervals and the change from the previous period."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import _stats
from .._frames import collect, counts_table, require_columns, to_narwhals, to_pandas
from .._frames.periods import FIXED, local_naive, parse_dates, period_codes, period_labels
from ..scoring import classify, intervals_from_counts


def _add_changes(out: pd.DataFrame, line: np.ndarray, confidence: float,
                 weighted: bool, adjust: str) -> pd.DataFrame:
    """Change from the previous period within each line (adjusted Wald difference), its
    p-value, and the p-value adjusted over the changes of the same line (``adjust``).
    ``line`` numbers the rows' groups; each group's rows are consecutive, in period order
    (the completed grid of :func:`_finish`)."""
    cols = (["w_promoters", "w_passives", "w_detractors"] if weighted
            else ["promoters", "passives", "detractors"])
    eff = out[["promoter_share", "passive_share", "detractor_share"]].to_numpy(float)
    n_eff = out["n_effective"].to_numpy(float) if weighted else out["n"].to_numpy(float)
    counts = np.nan_to_num(eff * n_eff[:, None]) if weighted else out[cols].to_numpy(float)
    first = np.r_[True, line[1:] != line[:-1]]  # a line's first period has no previous
    prev = np.vstack([np.full(3, np.nan), counts[:-1]])
    prev[first] = np.nan
    nps = out["nps"].to_numpy(float)
    prev_nps = np.where(first, np.nan, np.r_[np.nan, nps[:-1]])
    centre, se = _stats.difference(*counts.T, *prev.T, method="adjusted_wald")
    z = _stats.z_value(confidence)
    ok = (counts.sum(axis=1) > 0) & (np.nan_to_num(prev).sum(axis=1) > 0) & (se > 0)
    # the test uses the variance under "no change" (pooled): its size holds in the tail,
    # where Holm's thresholds sit; the interval keeps the adjusted Wald (see _stats)
    _, p = _stats.difference_test(*counts.T, *prev.T)
    p = np.where(ok, p, np.nan)
    out["change"] = np.where(ok, nps - prev_nps, np.nan)
    out["change_ci_low"] = np.where(ok, centre - z * se, np.nan)
    out["change_ci_high"] = np.where(ok, centre + z * se, np.nan)
    out["change_p_value"] = p
    out["change_p_adjusted"] = _stats.adjust_pvalues_by(p, line, adjust)
    out["significant_change"] = out["change_p_adjusted"].to_numpy() < 1 - confidence
    return out


def trend(data: Any, *, date: str | None = "date", freq: str = "M",
          by: str | Sequence[str] | None = None, score: str = "score",
          period: str | None = None, rolling: int | str | None = None,
          weights: str | None = None, tz: str | None = None,
          origin: str | pd.Timestamp | None = None, confidence: float = 0.95,
          method: str = "adjusted_wald", min_n: int = 30,
          adjust: str = "holm") -> pd.DataFrame:
    """NPS per period (and group), with intervals and the change from the previous period.

    Parameters
    ----------
    data : data frame of responses
        pandas, polars (eager or lazy), pyarrow, a DuckDB relation or a Spark DataFrame. For
        every source but pandas the periods are cut in the data's own engine (year, month and
        day expressions) and only ``GROUP BY groups, period, score`` counts come back; a lazy
        source whose dates are text, or a duration ``rolling`` window, gets a clear error.
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
    adjust : {"holm", "bh", "bonferroni", "none"}, default "holm"
        What ``significant_change`` controls. The family is the period-to-period changes of
        one line (each group its own line): with ``"holm"`` (Holm 1979, Scandinavian Journal
        of Statistics 6, 65-70) the chance that a stable line shows *any* flagged change is at
        most ``1 - confidence``, however many periods are shown. Testing each change alone
        (``"none"``) flags 5% of changes of a stable NPS, so 61-65% of stable 24-month series
        show at least one "significant change" (simulated: ``benchmarks/README.md``, which
        also gives the power to see a sustained 10-point drop). ``"bh"`` controls the false
        discovery rate (Benjamini & Hochberg 1995) instead.

    Returns
    -------
    pandas.DataFrame
        One row per period (and group), in time order, with no gaps: a period without
        responses has ``n = 0`` and NaN NPS. Columns: the groups, ``period`` (label),
        ``period_start``, ``period_end``, the :func:`nps_toolkit.summarize` columns, then
        ``change`` (from the previous period of the same group), ``change_ci_low``,
        ``change_ci_high``, ``change_p_value`` (that change tested alone),
        ``change_p_adjusted`` (over the line's changes, see ``adjust``) and
        ``significant_change`` (``change_p_adjusted < 1 - confidence``). A change needs
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
    if adjust not in ("holm", "bh", "bonferroni", "none"):
        raise ValueError(f"adjust must be 'holm', 'bh', 'bonferroni' or 'none', got {adjust!r}")
    notes: list[str] = []
    cols = [score, *keys, *([weights] if weights else []),
            *([period] if period else [date] if date else [])]
    if period is None and date is None:
        raise ValueError("give date= (a date column) or period= (a wave or period column)")
    engine = _engine_source(data, cols, date, period, tz, rolling)
    if engine is not None:
        table, meaning = _engine_table(engine, score, keys, weights, date, period, freq,
                                       origin, tz, notes)
        return _finish(table, keys, meaning, notes, freq if period is None else None,
                       weights, confidence, method, min_n, rolling, None, None, None, score,
                       adjust)
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
        codes, meaning = period_codes(dates, freq, pd.Timestamp(origin) if origin else None)
    if missing.any():
        notes.append(f"{int(missing.sum())} response(s) without a {period or date} are left "
                     "out.")
    keep = ~missing.to_numpy()
    work = df[[score, *keys, *([weights] if weights else [])]]
    work = (work.assign(__period=codes) if keep.all()
            else work.loc[keep].assign(__period=codes[keep]))
    if work.empty:
        raise ValueError("no responses with a date to build a trend from")
    # periods by segment are many groups: counted with a filter per category (issue 28)
    table = counts_table(work, score=score, by=[*keys, "__period"], weights=weights,
                         many_groups=True)
    return _finish(table, keys, meaning, notes, freq if period is None else None, weights,
                   confidence, method, min_n, rolling, work,
                   dates if period is None else None, missing, score, adjust)


def _finish(table: pd.DataFrame, keys: list[str], meaning: Any, notes: list[str],
            freq: str | None, weights: str | None, confidence: float, method: str,
            min_n: int, rolling: int | str | None, work: pd.DataFrame | None,
            dates: pd.Series | None, missing: pd.Series | None, score: str,
            adjust: str = "holm") -> pd.DataFrame:
    """From counts per group and period code to the trend table (the part shared by pandas
    and the engines: every statistic is computed here, on counts)."""
    table, line = _grid(table, keys)
    out = intervals_from_counts(table, method=method, confidence=confidence, seed=0,
                                min_n=min_n, weighted=weights is not None)
    if meaning[0] == "ordinal":
        out.insert(len(keys), "period", out["__period"])
    else:
        label, start, end = period_labels(out["__period"].to_numpy(), meaning)
        out.insert(len(keys), "period", label.to_numpy())
        out.insert(len(keys) + 1, "period_start", start.to_numpy())
        out.insert(len(keys) + 2, "period_end", end.to_numpy())
    out = _add_changes(out, line, confidence, weights is not None, adjust)
    if rolling is not None:
        out = _add_rolling(out, work, keys, rolling, meaning, dates, missing, score,
                           confidence, method)
    out = out.drop(columns=["__period", "n_rows"])
    out.attrs = {"notes": notes, "freq": freq}
    return out


def _grid(table: pd.DataFrame, keys: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """Every period between the first and the last for every group (groups in order of
    first appearance), periods without responses counted 0; and each row's group number.
    Rows are placed by position (group x period) rather than merged: the table has one row
    per group and period."""
    period = table["__period"].to_numpy(np.int64)
    start = int(period.min())
    width = int(period.max()) - start + 1
    n_groups, group, cols = 1, np.zeros(len(table), np.int64), {}
    if keys:
        codes = [pd.factorize(table[k], use_na_sentinel=False)[0] for k in keys]
        combined = (codes[0] if len(keys) == 1 else
                    np.unique(np.column_stack(codes), axis=0, return_inverse=True)[1].ravel())
        firsts = np.unique(combined, return_index=True)[1]
        n_groups = len(firsts)
        rank = np.empty(n_groups, np.int64)  # numbered in order of first appearance
        rank[np.argsort(firsts, kind="stable")] = np.arange(n_groups)
        group = rank[combined]
        rows = np.sort(firsts)[np.repeat(np.arange(n_groups), width)]
        cols = {k: table[k].take(rows).reset_index(drop=True) for k in keys}
    cols["__period"] = np.tile(np.arange(start, start + width), n_groups)
    pos = group * width + (period - start)
    ints = {"n", "n_missing", "n_rows", "promoters", "passives", "detractors"}
    for c in table.columns:
        if c not in (*keys, "__period"):
            full = np.zeros(n_groups * width, np.int64 if c in ints else float)
            full[pos] = table[c].to_numpy(full.dtype)
            cols[c] = full
    return pd.DataFrame(cols), np.repeat(np.arange(n_groups), width)


def _engine_source(data: Any, cols: list[str], date: str | None, period: str | None,
                   tz: str | None, rolling: int | str | None) -> Any:
    """The narwhals frame when the periods can be cut where the data lives (DuckDB, Spark,
    polars, pyarrow, ...: every source but pandas), else None for the pandas path. A lazy
    source that cannot be done in its engine gets a clear error rather than being pulled
    into memory row by row."""
    import narwhals.stable.v2 as nw

    frame = to_narwhals(data)
    if isinstance(nw.to_native(frame), pd.DataFrame):
        return None
    require_columns(frame, cols)
    lazy = isinstance(frame, nw.LazyFrame)
    why = None
    if period is None and date is not None:
        dtype = frame.collect_schema()[date]
        if not isinstance(dtype, (nw.Date, nw.Datetime)):
            why = (f"the date column {date!r} is {dtype} in the engine, not a date or "
                   "timestamp: cast it in the query (e.g. CAST(col AS DATE))")
        elif tz is not None and not (isinstance(dtype, nw.Datetime) and dtype.time_zone):
            why = (f"tz= says what zone naive dates are in; the engine's column {date!r} has "
                   "none: make it a TIMESTAMP WITH TIME ZONE, or cut periods in its own zone "
                   "(tz=None)")
    if why is None and rolling is not None and not (
            isinstance(rolling, (int, np.integer)) and not isinstance(rolling, bool)):
        why = ("a duration window (rolling='90D') needs every response's date: give rolling "
               "as a number of periods")
    if why is None:
        return frame
    if lazy:
        raise ValueError(f"trend cannot cut periods in this {type(nw.to_native(frame)).__name__}"
                         f" source: {why}; or collect the rows into pandas first.")
    return None  # an eager polars / pyarrow frame: the pandas path reads it


def _engine_table(frame: Any, score: str, keys: list[str], weights: str | None,
                  date: str | None, period: str | None, freq: str,
                  origin: str | pd.Timestamp | None, tz: str | None, notes: list[str]
                  ) -> tuple[pd.DataFrame, Any]:
    """Counts per group, period and category computed by the data's engine: only
    ``GROUP BY keys, period, score -> count(*)`` runs there, and the small result comes
    back (a few thousand rows whatever the size of the data)."""
    import narwhals.stable.v2 as nw

    from .._frames.periods import days_since_epoch, engine_period_code

    if period is not None:
        dtype = frame.collect_schema()[period]
        if not dtype.is_integer():
            raise ValueError(f"period column {period!r} must hold whole numbers (wave or "
                             f"period index), got {dtype}; for dates use date=")
        expr, meaning = nw.col(period), ("ordinal", period)
    else:
        zone = getattr(frame.collect_schema()[date], "time_zone", None)
        if zone:
            if tz is not None and tz != zone:
                try:  # periods are cut in the analyst's zone, by the engine
                    frame = frame.with_columns(nw.col(date).dt.convert_time_zone(tz))
                except NotImplementedError as exc:
                    raise ValueError(f"this engine cannot convert {date!r} to {tz!r} "
                                     f"({exc}); convert it in the query") from exc
            notes.append(f"periods cut in the {tz or zone} time zone.")
        origin_days = None
        if FIXED.match(freq.strip()):
            if origin is not None:
                origin_days = int((pd.Timestamp(origin).normalize()
                                   - pd.Timestamp("1970-01-01")).days)
            else:
                first = frame.select(days_since_epoch(date).min().alias("d"))
                first = collect(first)
                origin_days = first.item(0, "d")
                origin_days = None if origin_days is None else int(origin_days)
        expr, meaning = engine_period_code(date, freq, origin_days)
    work = frame.with_columns(expr.alias("__period"))
    # periods by segment are many groups: counted with a filter per category (issue 28)
    table = counts_table(work, score=score, by=[*keys, "__period"], weights=weights,
                         many_groups=True)
    undated = table["__period"].isna().to_numpy()
    if undated.any():
        notes.append(f"{int(table.loc[undated, 'n_rows'].sum())} response(s) without a "
                     f"{period or date} are left out.")
        table = table.loc[~undated]
    if table.empty:
        raise ValueError("no responses with a date to build a trend from")
    table = table.assign(__period=table["__period"].astype(np.int64))
    return table.reset_index(drop=True), meaning


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
        local = local_naive(dates)[~missing.to_numpy()]
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
