"""Charts of growth_link: what each category does after answering."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..growth import GrowthLink
from ..growth.link import METRICS
from ..i18n import N_, gettext, tr
from ._base import category_label_expr, category_scale, listing, plain

_TITLES = {"repurchase_rate": N_("Bought again"), "orders": N_("Orders per answer"),
           "revenue": N_("Revenue per answer"), "churn_rate": N_("No order (churn)"),
           "revenue_change": N_("Revenue change vs the year before"),
           "referrals": N_("New customers referred")}


def growth(link: GrowthLink, *, metrics: tuple[str, ...] = ("repurchase_rate", "revenue"),
           title: str | None = None) -> alt.HConcatChart:
    """Per category, each metric of :func:`nps_toolkit.growth_link` with its interval.

    Examples
    --------
    >>> import nps_toolkit as nt
    >>> link = nt.growth_link(nt.load_sample(), nt.load_sample("orders"), n_resamples=100)
    >>> chart = nt.charts.growth(link, metrics=("repurchase_rate", "revenue"))
    >>> len(chart.to_dict()["hconcat"])
    2
    >>> nt.charts.data_of(chart)["category"].tolist()
    ['detractor', 'passive', 'promoter']
    """
    if not isinstance(link, GrowthLink):
        raise TypeError("charts.growth takes the result of growth_link()")
    unknown = [m for m in metrics if m not in METRICS]
    if unknown:
        raise ValueError(f"unknown metric(s) {unknown}; growth_link has {list(METRICS)}")
    panels = []
    for m in metrics:
        rows = link.table[link.table["metric"] == m]
        if rows.empty:
            continue
        data = plain(rows, ["category", "metric", "value", "ci_low", "ci_high", "answers"])
        fmt = ".0%" if m.endswith("_rate") else ",.2f"
        base = alt.Chart(data).encode(y=alt.Y("category:N", title=None, sort=[
            "promoter", "passive", "detractor"], axis=alt.Axis(labelExpr=category_label_expr())))
        bars = base.mark_bar(opacity=0.85).encode(
            x=alt.X("value:Q", title=gettext(_TITLES[m]), axis=alt.Axis(format=fmt)),
            color=alt.Color("category:N", scale=category_scale(), legend=None),
            tooltip=[alt.Tooltip("category:N", title=tr("Category")),
                     alt.Tooltip("value:Q", title=gettext(_TITLES[m]), format=fmt),
                     alt.Tooltip("ci_low:Q", title=tr("Interval from"), format=fmt),
                     alt.Tooltip("ci_high:Q", title=tr("to"), format=fmt),
                     alt.Tooltip("answers:Q", title=tr("Answers"), format=",")])
        whiskers = base.mark_rule(color="#333").encode(x="ci_low:Q", x2="ci_high:Q")
        panels.append((bars + whiskers).properties(width=260, height=90))
    described = "; ".join(
        f"{gettext(_TITLES[m])}: " + listing(rows["category"], rows["value"] * (100 if m.endswith(
            "_rate") else 1), fmt="{:.1f}%" if m.endswith("_rate") else "{:,.2f}")
        for m in metrics if not (rows := link.table[link.table["metric"] == m]).empty)
    return alt.hconcat(*panels).properties(
        title=title or tr("What customers did in the {days} days after answering",
                          days=pd.Timedelta(link.horizon).days), description=described + ".")
