"""Charts over time: the NPS trend with its interval band and category shares, and customer
migration between survey waves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from ..i18n import N_, fmt, gettext, period_label, tr
from ..trends import Migration
from ..trends import trend as _trend
from ._base import (
    _FADE,
    CATEGORIES,
    benchmark_rule,
    category_label_expr,
    category_scale,
    group_keys,
    is_table,
    label_column,
    label_expr,
    listing,
    nps_tooltip,
    plain,
    resolve_benchmark,
)

#: more lines than this in one trend chart become small multiples (one panel per group):
#: past about eight, lines cross, colours get hard to tell apart and the legend is a lookup
SMALL_MULTIPLES = 8

__all__ = ["migration", "trend"]


#: the columns the library itself adds (``trend_by_value``'s "segment"): named in the reader's
#: language; the user's own columns keep their names
_LIBRARY_KEYS = {"segment": N_("segment")}


def _key_labels(keys: list[str]) -> list[str]:
    return [gettext(_LIBRARY_KEYS[k]) if k in _LIBRARY_KEYS else k for k in keys]


#: the categories as the migration chart's axes name them
_CATEGORY_NAMES = {"detractor": N_("detractors"), "passive": N_("passives"),
                   "promoter": N_("promoters")}

def trend(data: Any, *, freq: str = "M", by: str | Sequence[str] | None = None,
          date: str = "date", score: str = "score", shares: bool = True,
          benchmark: Any = None, benchmark_label: str | None = None,
          title: str | None = None) -> alt.VConcatChart | alt.LayerChart:
    """NPS per period with its interval band, significant changes marked, shares beneath.

    Parameters
    ----------
    data : a :func:`nps_toolkit.trend` (or :func:`nps_toolkit.trend_by_value`) table, or raw
        responses (then :func:`nps_toolkit.trend` runs with ``freq``, ``by`` and ``date``)
    shares : bool, default True
        Add a panel of detractor / passive / promoter shares per period beneath (for a
        single line; with groups each line is one group and the panel is left out).
    benchmark : float or BenchmarkComparison, optional

    Returns
    -------
    altair.VConcatChart or altair.LayerChart
        Periods with a significant change from the previous one carry a ring and the change in
        the tooltip; periods under the small-n threshold are drawn faded.

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample, trend
    >>> rows = charts.data_of(charts.trend(trend(load_sample(), freq="Q")))
    >>> rows.loc[rows["significant_change"], "period"].tolist()
    ['2025Q4', '2026Q1']
    """
    table = data if is_table(data) and "period" in data.columns else _trend(
        data, freq=freq, by=by, date=date, score=score)
    keys = [k for k in group_keys(table) if k != "period"]
    if "segment" in table.columns and "segment" not in keys:
        keys = ["segment"]
    t = label_column(table, keys, "line")
    temporal = "period_start" in t.columns
    t["period_label"] = [period_label(p) for p in t["period"]]  # "T1 2026" in French
    t["small"] = t.get("small_n", pd.Series(False, index=t.index)).fillna(False).astype(bool)
    t["significant_change"] = t.get("significant_change", pd.Series(False, index=t.index)) \
        .fillna(False).astype(bool)
    for c in ("change", "change_p_value"):
        if c not in t:
            t[c] = np.nan
    cols = ["line", "period_label", "period", "nps", "ci_low", "ci_high", "n", "small",
            "significant_change", "change", "change_p_value",
            *(["period_start"] if temporal else [])]
    data_plain = plain(t, cols)
    data_plain["period"] = data_plain["period_label"]
    # periods are regular, so an ordinal axis with the trend table's own labels (2025Q4,
    # 2025-03, wave 2) reads better than dates and keeps empty periods visible
    x = alt.X("period:O", title=tr("Period"), sort=list(dict.fromkeys(t["period_label"])),
              axis=alt.Axis(labelAngle=0 if len(set(t["period_label"])) <= 12 else -45))
    colour = (alt.Color("line:N", title=" / ".join(_key_labels(keys))) if keys
              else alt.ColorValue("#0072B2"))
    tips = nps_tooltip([alt.Tooltip("period:N", title=tr("Period"))]
                       + ([alt.Tooltip("line:N", title=" / ".join(_key_labels(keys)))]
                          if keys else [])
                       + [alt.Tooltip("change:Q", title=tr("Change"), format="+.1f"),
                          alt.Tooltip("change_p_value:Q", title=tr("p-value"), format=".3f")])
    n_sig = int(t["significant_change"].sum())
    subtitle = (tr("Band: interval; ring: significant change from the previous period ({n})",
                   n=n_sig) if n_sig else
                tr("Band: interval; ring: significant change from the previous period (none)"))
    described = _describe_trend(t, keys, n_sig)
    if keys and t["line"].nunique() > SMALL_MULTIPLES:
        return _small_multiples(data_plain, x, keys, tips, benchmark, benchmark_label,
                                title=title, subtitle=subtitle, described=described)
    base = alt.Chart(data_plain).encode(x=x)
    band = base.mark_area(opacity=0.18).encode(
        y=alt.Y("ci_low:Q", title=tr("NPS")), y2=alt.Y2("ci_high"),
        color=colour if keys else alt.ColorValue("#0072B2"))
    line = base.mark_line(strokeWidth=2).encode(y=alt.Y("nps:Q"), color=colour)
    dots = base.mark_point(filled=True, size=40).encode(
        y=alt.Y("nps:Q"), color=colour, tooltip=tips,
        opacity=_FADE)
    rings = base.transform_filter("datum.significant_change").mark_point(
        size=220, strokeWidth=2, color="#D55E00").encode(y=alt.Y("nps:Q"), tooltip=tips)
    top = band + line + dots + rings
    bvalue, blabel = resolve_benchmark(benchmark, benchmark_label)
    if bvalue is not None:
        top = top + benchmark_rule(bvalue, blabel, axis="y")
    top = top.properties(title=alt.Title(title or tr("NPS over time"), subtitle=subtitle),
                         width=460, height=180, description=described)
    if not shares or keys:
        return top
    long = []
    for cat in CATEGORIES:
        part = t[["period_label", *(["period_start"] if temporal else []), "n"]].copy()
        part["category"] = cat
        part["order"] = CATEGORIES.index(cat)
        part["share"] = t[f"{cat}_share"].to_numpy(dtype=float)
        long.append(part)
    long_df = pd.concat(long, ignore_index=True)
    long_df = long_df[long_df["n"] > 0]
    long_df["period"] = long_df["period_label"]
    shares_chart = alt.Chart(plain(long_df, ["period", "category", "order", "share", "n",
                                             *(["period_start"] if temporal else [])])
                             ).mark_area().encode(
        x=x,
        y=alt.Y("share:Q", stack="normalize", axis=alt.Axis(format="%"),
                title=tr("Share of responses")),
        color=alt.Color("category:N", scale=category_scale(), title=None,
                        legend=alt.Legend(labelExpr=category_label_expr())),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("period:N", title=tr("Period")),
                 alt.Tooltip("category:N", title=tr("Category")),
                 alt.Tooltip("share:Q", title=tr("Share"), format=".1%"),
                 alt.Tooltip("n:Q", title=tr("Responses"), format=",")],
    ).properties(width=460, height=90, title=tr("Detractors, passives and promoters"))
    return alt.vconcat(top, shares_chart)


def _describe_trend(t: pd.DataFrame, keys: list[str], n_sig: int) -> str:
    """The trend's numbers in words: NPS per period (one line), or each group's first and
    latest NPS (several)."""
    if not keys:
        return tr("NPS per period: {listing}; {n} significant change(s) from one period to "
                  "the next.", listing=listing(t["period_label"], t["nps"], limit=24), n=n_sig)
    parts = []
    for name, rows in sorted(t.groupby("line", sort=False), key=lambda kv: str(kv[0])):
        rows = rows[rows["nps"].notna()]
        if len(rows):
            parts.append(tr("{line} {first:.1f} in {first_period} to {last:.1f} in "
                            "{last_period}", line=name, first=rows["nps"].iloc[0],
                            first_period=rows["period_label"].iloc[0],
                            last=rows["nps"].iloc[-1], last_period=rows["period_label"].iloc[-1]))
    more = len(parts) - 12
    shown = "; ".join(parts[:12]) + ("; " + tr("and {more} more", more=more) if more > 0 else "")
    return tr("NPS over time by {column}: {lines}.", column=" / ".join(_key_labels(keys)),
              lines=shown)


def _small_multiples(data: pd.DataFrame, x: alt.X, keys: list[str], tips: list,
                     benchmark: Any, benchmark_label: str | None, *, title: str | None,
                     subtitle: str, described: str) -> alt.FacetChart:
    """One small panel per group (in name order), on a shared NPS axis, four to a row."""
    blue = "#0072B2"
    base = alt.Chart().encode(x=x.axis(labelAngle=-45, title=None))
    band = base.mark_area(opacity=0.18, color=blue).encode(
        y=alt.Y("ci_low:Q", title=tr("NPS")), y2=alt.Y2("ci_high"))
    line = base.mark_line(strokeWidth=2, color=blue).encode(y=alt.Y("nps:Q"))
    dots = base.mark_point(filled=True, size=25, color=blue).encode(
        y=alt.Y("nps:Q"), tooltip=tips, opacity=_FADE)
    rings = base.transform_filter("datum.significant_change").mark_point(
        size=110, strokeWidth=2, color="#D55E00").encode(y=alt.Y("nps:Q"), tooltip=tips)
    layers = [band, line, dots, rings]
    bvalue, blabel = resolve_benchmark(benchmark, benchmark_label)
    if bvalue is not None:  # a constant: no data of its own, so it repeats in every panel
        layers.append(alt.Chart().mark_rule(strokeDash=[4, 3], color="#333333").encode(
            y=alt.datum(bvalue)))
        subtitle += "; " + tr("dashed: {label}, {value:.0f}", label=blabel, value=bvalue)
    names = sorted(data["line"].astype(str).unique())
    return alt.layer(*layers, data=data).properties(width=170, height=90).facet(
        facet=alt.Facet("line:N", sort=names, title=" / ".join(_key_labels(keys)),
                        header=alt.Header(labelLimit=170)), columns=4,
    ).properties(title=alt.Title(title or tr("NPS over time"), subtitle=subtitle),
                 description=described)


def migration(data: Migration | pd.DataFrame, *, title: str | None = None) -> alt.LayerChart:
    """Transition matrix between consecutive waves: where each category's customers went.

    Parameters
    ----------
    data : :class:`nps_toolkit.Migration`, or its 3x3 ``counts`` table (rows: from,
        columns: to)

    Returns
    -------
    altair.LayerChart
        Cells shaded by the share of the row (the "from" category); each cell prints its
        share and count. Read along a row: of last wave's passives, how many became
        promoters.

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample, migration
    >>> cells = charts.data_of(charts.migration(migration(load_sample())))
    >>> cells.query("`from` == 'passive'")[["to", "count", "share"]].round(3)
             to  count  share
    3  detractor    190  0.161
    4    passive    593  0.503
    5   promoter    396  0.336
    """
    counts = data.counts if isinstance(data, Migration) else data
    if not isinstance(counts, pd.DataFrame):
        raise TypeError("charts.migration takes migration(...) or its counts table")
    counts = counts.reindex(index=list(CATEGORIES), columns=list(CATEGORIES), fill_value=0)
    values = counts.to_numpy(dtype=float)
    totals = values.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(totals > 0, values / totals, np.nan)
    rows = [{"from": f, "to": t, "count": int(values[i, j]), "share": shares[i, j],
             "from_n": totals[i, 0],
             "movement": "same" if i == j else ("up" if j > i else "down")}
            for i, f in enumerate(CATEGORIES) for j, t in enumerate(CATEGORIES)]
    table = pd.DataFrame(rows)
    table["label"] = [f"{fmt(s, '.0%')} ({fmt(int(c), ',')})" if np.isfinite(s) else "-"
                      for s, c in zip(table["share"], table["count"], strict=True)]
    order = list(CATEGORIES)
    base = alt.Chart(plain(table, ["from", "to", "count", "share", "from_n", "movement",
                                   "label"])).encode(
        x=alt.X("to:N", sort=order, title=tr("Next wave"), axis=alt.Axis(
            labelAngle=0, orient="top", labelExpr=label_expr(_CATEGORY_NAMES))),
        y=alt.Y("from:N", sort=order, title=tr("Previous wave"),
                axis=alt.Axis(labelExpr=label_expr(_CATEGORY_NAMES))))
    cells = base.mark_rect().encode(
        color=alt.Color("share:Q", scale=alt.Scale(scheme="blues", domain=[0, 1]),
                        title=tr("Share of row"), legend=alt.Legend(format="%")),
        tooltip=[alt.Tooltip("from:N", title=tr("From")), alt.Tooltip("to:N", title=tr("To")),
                 alt.Tooltip("count:Q", title=tr("Customers"), format=","),
                 alt.Tooltip("share:Q", title=tr("Share of 'from'"), format=".1%"),
                 alt.Tooltip("movement:N", title=tr("Movement"))])
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("label:N"),
        color=alt.condition("datum.share > 0.5", alt.value("white"), alt.value("black")))
    n = int(values.sum())
    # one short line each: a long subtitle would widen the chart past its 300 px of cells
    lines = [tr("{n:,} pairs of answers in consecutive waves", n=n),
             tr("(a customer per pair of waves)")]
    if isinstance(data, Migration):
        ch = data.change
        lines.append(tr("paired NPS change {difference:+.1f} points ({confidence:.0%} CI "
                        "{low:+.1f} to {high:+.1f})", difference=ch.difference,
                        confidence=ch.confidence, low=ch.ci_low, high=ch.ci_high))
    subtitle = f"{lines[0]} {lines[1]}" + "".join(f"; {line}" for line in lines[2:])
    moves = "; ".join(tr("of {category}, {shares}", category=gettext(_CATEGORY_NAMES[f]),
                         shares=", ".join(f"{fmt(s, '.0%')} {gettext(t)}" for t, s in zip(
                             CATEGORIES, shares[i], strict=True) if np.isfinite(s)))
                      for i, f in enumerate(CATEGORIES) if totals[i, 0] > 0)
    return (cells + text).properties(
        title=alt.Title(title or tr("Who moved between categories"), subtitle=lines),
        width=300, height=180, description=tr("{subtitle}. Next wave: {moves}.",
                                              subtitle=_cap(subtitle), moves=moves))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
