"""The largest customers against everyone else, and periods that drop below their baseline."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .. import _stats
from .._api import renamed
from .._frames import collect, column_names_arg, require_columns, to_narwhals, to_pandas
from .._order import sort_frame
from ..i18n import N_, gettext, tr
from .trend import trend


# --------------------------------------------------------------------------- largest customers
def trend_by_value(data: Any, *, value: str, top: float = 0.25, customer: str = "customer_id",
                   date: str = "date", freq: str = "Q", score: str = "score",
                   confidence: float = 0.95, min_n: int = 30) -> pd.DataFrame:
    """The trend of the largest customers side by side with everyone else.

    On a lazy source (DuckDB, Spark, polars lazy...) the per-customer value, its quantile and
    the trend's counts are computed in the engine; only counts come back.

    Customers are ranked by ``value`` (their highest value over the data, so a customer stays
    in one group) and the top ``top`` share (0.25 = top 25%, the top tier of
    :func:`value_analysis`'s quartiles, so both name the same customers) forms the first
    line.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> t = trend_by_value(load_sample(), value="customer_lifetime_value")
    >>> t["segment"].unique().tolist()
    ['Top 25% by customer_lifetime_value', 'Everyone else']
    """
    if not 0 < top < 1:
        raise ValueError(f"top is a share of customers between 0 and 1, got {top!r}")
    name = tr("Top {top:.0%} by {value}", top=top, value=value)
    rest = tr("Everyone else")
    frame = to_narwhals(data)
    if not isinstance(nw.to_native(frame), pd.DataFrame):
        require_columns(frame, [customer, value, date, score])
        if not frame.collect_schema()[value].is_numeric():
            raise ValueError(f"value column {value!r} is {frame.collect_schema()[value]} in "
                             "the engine: cast it to a number in the query")
        # per-customer maximum and its quantile in the engine (DuckDB quantile_cont, Spark
        # percentile: exact, linear interpolation as pandas); the flag joins back lazily
        per = frame.group_by(customer).agg(nw.col(value).cast(nw.Float64).max().alias("__v"))
        cut = per.select(nw.col("__v").quantile(1 - top, interpolation="linear"))
        cut = collect(cut)
        cutoff = cut.item(0, "__v")
        if cutoff is None:
            raise ValueError(f"value column {value!r} has no values to rank customers by")
        flags = per.select(nw.col(customer), (nw.col("__v") >= float(cutoff)).alias("__big"))
        seg = frame.join(flags, on=customer, how="left").with_columns(
            nw.when(nw.col("__big").fill_null(False)).then(nw.lit(name))
            .otherwise(nw.lit(rest)).alias("segment"))
        out = trend(nw.to_native(seg), date=date, freq=freq, by="segment", score=score,
                    confidence=confidence, min_n=min_n)
        out["segment"] = pd.Categorical(out["segment"], categories=[name, rest],
                                        ordered=True)  # the largest customers first, as below
        return out.sort_values("segment", kind="stable").reset_index(drop=True)
    df = to_pandas(data, [customer, value, date, score])
    from .._frames.amounts import as_amounts

    per_customer = as_amounts(df[value], value).groupby(df[customer]).max()
    cutoff = per_customer.quantile(1 - top)
    big = per_customer[per_customer >= cutoff].index
    seg = pd.Categorical(np.where(df[customer].isin(big), name, rest),
                         categories=[name, rest], ordered=True)
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
        ``change_ci_low``, ``change_ci_high``, ``p_value``, ``p_adjusted`` (over the
        series' periods), ``flagged``, ``explanation``.
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


@renamed(segments="by")
def detect_shifts(data: Any, *, date: str = "date", freq: str = "M", baseline: int = 3,
                  by: str | Sequence[str] = (), score: str = "score",
                  confidence: float = 0.95, tz: str | None = None,
                  top: int = 3, adjust: str = "holm") -> ShiftReport:
    """Flag periods whose NPS is significantly below the trailing baseline, and explain them.

    Works on any source :func:`trend` takes: the periods and segment counts are computed
    where the data lives (DuckDB, Spark, polars, pyarrow), so only counts come back.

    The baseline of a period pools the responses of the ``baseline`` periods before it. A
    period is flagged when its NPS is below the baseline and the adjusted Wald z-test of the
    difference (as in :func:`nps_toolkit.compare`), adjusted over every period of the series
    (``adjust``, Holm 1979 by default), has ``p_adjusted < 1 - confidence``: a stable series
    is flagged at most once in twenty, however many periods it has. With ``adjust="none"``
    each period is tested alone (2.5% a period: 41-52% of stable 24-month series alerted at
    least once; ``benchmarks/README.md``).

    Each flagged drop is decomposed over the categories of each ``by`` column:
    ``NPS = sum_s w_s NPS_s`` (``w_s`` the segment's share of responses), so
    ``change = sum_s (w1_s NPS1_s - w0_s NPS0_s)``, each term being the segment's contribution,
    split into a mix effect ``(w1_s - w0_s) NPS0_s`` and a performance effect
    ``w1_s (NPS1_s - NPS0_s)`` (a standard shift-share decomposition). Contributions add up to
    the change exactly.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> report = detect_shifts(load_sample(), freq="Q", baseline=2,
    ...                        by=["region", "touchpoint"])
    >>> report.periods.loc[report.periods["flagged"], "period"].tolist()
    ['2025Q4']
    """
    segments = column_names_arg(by)
    if baseline < 1:
        raise ValueError(f"baseline must be at least 1 period, got {baseline}")
    if adjust not in ("holm", "bh", "bonferroni", "none"):
        raise ValueError(f"adjust must be 'holm', 'bh', 'bonferroni' or 'none', got {adjust!r}")
    per = trend(data, date=date, freq=freq, score=score, tz=tz, confidence=confidence)
    counts = per[["promoters", "passives", "detractors"]].to_numpy(float)
    base = (pd.DataFrame(counts).rolling(baseline, min_periods=baseline).sum().shift(1)
            .to_numpy())
    centre, se = _stats.difference(*counts.T, *base.T, method="adjusted_wald")
    z = _stats.z_value(confidence)
    n, bn = counts.sum(axis=1), np.nan_to_num(base).sum(axis=1)
    ok = (n > 0) & (bn > 0) & (se > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        base_nps = 100 * (base[:, 0] - base[:, 2]) / bn
        # pooled-variance test (size holds in the tail); the interval is adjusted Wald
        p = np.where(ok, _stats.difference_test(*counts.T, *base.T)[1], np.nan)
    periods = pd.DataFrame({
        "period": per["period"], "period_start": per["period_start"],
        "period_end": per["period_end"], "n": per["n"], "nps": per["nps"],
        "baseline_n": bn.astype(np.int64), "baseline_nps": np.where(bn > 0, base_nps, np.nan),
    })
    periods["change"] = np.where(ok, periods["nps"] - periods["baseline_nps"], np.nan)
    periods["change_ci_low"] = np.where(ok, centre - z * se, np.nan)
    periods["change_ci_high"] = np.where(ok, centre + z * se, np.nan)
    periods["p_value"] = p
    periods["p_adjusted"] = _stats.adjust_pvalues_by(p, None, adjust)
    periods["flagged"] = (periods["p_adjusted"] < 1 - confidence) & (periods["change"] < 0)
    periods["explanation"] = ""
    # counts per period and segment, from trend(by=...): cut where the data lives
    by_segment = {col: trend(data, date=date, freq=freq, score=score, tz=tz, by=col,
                             confidence=confidence) for col in segments}
    labels = per["period"].tolist()
    rows = []
    lines = []
    for i in np.flatnonzero(periods["flagged"].to_numpy()):
        parts = []
        for col in segments:
            cur = _segment_table(by_segment[col], col, labels[i:i + 1])
            old = _segment_table(by_segment[col], col, labels[max(0, i - baseline):i])
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
        text = tr("{period}: NPS {nps:.1f} vs {baseline_nps:.1f} over the previous {baseline} "
                  "period(s), {change:+.1f} points ({p}; adjusted over {m} periods, "
                  "{p_adjusted}).", period=row["period"], nps=row["nps"],
                  baseline_nps=row["baseline_nps"], baseline=baseline, change=row["change"],
                  p=_stats.p_text(row["p_value"]), m=int(np.isfinite(p).sum()),
                  p_adjusted=_stats.p_text(row["p_adjusted"]))
        if parts:
            mine = pd.DataFrame([r for r in rows if r["period"] == row["period"]])
            worst = sort_frame(mine, "contribution", ["column", "segment"],
                               ascending=True).head(top)
            named = "; ".join(
                tr("{column} = {segment} accounts for {contribution:+.1f} points (its NPS "
                   "{before:.0f} -> {now:.0f})", column=r.column, segment=r.segment,
                   contribution=r.contribution, before=r.nps_before, now=r.nps_now)
                for r in worst.itertuples() if r.contribution < 0)
            if named:
                text += " " + tr("Behind the drop: {named}.", named=named)
        periods.loc[periods.index[i], "explanation"] = text
        lines.append(text)
    contributions = pd.DataFrame(rows, columns=[
        "period", "column", "segment", "contribution", "mix_effect", "performance_effect",
        "nps_before", "nps_now", "share_before", "share_now"])
    contributions = contributions.sort_values(["period", "contribution"], kind="stable",
                                              ignore_index=True)
    unit = _UNITS.get(str(freq).upper(), N_("period")) if freq is not None else N_("period")
    summary = ("\n".join(lines) if lines else
               tr("No {unit} fell significantly below its trailing {baseline}-period "
                  "baseline.", unit=gettext(unit), baseline=baseline))
    return ShiftReport(periods=periods, contributions=contributions, summary=summary)


#: a period of each calendar frequency in words ("No month fell...", not "No M period")
_UNITS = {"D": N_("day"), "W": N_("week"), "M": N_("month"), "ME": N_("month"),
          "MS": N_("month"), "Q": N_("quarter"), "QE": N_("quarter"), "QS": N_("quarter"),
          "Y": N_("year"), "YE": N_("year"), "A": N_("year")}


def _segment_table(table: pd.DataFrame, col: str, periods: list[Any]) -> pd.DataFrame:
    """Each segment's share of scored responses (``w``) and NPS over the given periods, from
    a trend table by that segment (missing segment values are the "(missing)" segment)."""
    rows = table[table["period"].isin(periods)]
    seg = rows[col].astype(object).where(rows[col].notna(), "(missing)")
    grouped = rows[["n", "promoters", "detractors"]].groupby(seg.to_numpy(), sort=True).sum()
    grouped = grouped[grouped["n"] > 0]
    n = grouped["n"].astype(float)
    return pd.DataFrame({"w": n / n.sum(),
                         "nps": 100 * (grouped["promoters"] - grouped["detractors"]) / n})
