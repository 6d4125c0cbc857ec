"""The funnel plot of :func:`nps_toolkit.funnel`: many groups against their size."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from ..i18n import N_, tr
from ..segmentation.funnel import funnel as _funnel
from ._base import label_expr, listing, plain

__all__ = ["funnel"]

_POSITION_COLOURS = {"below (outer)": "#D55E00", "below (inner)": "#E69F00",
                     "within": "#999999", "above (inner)": "#56B4E9",
                     "above (outer)": "#0072B2"}


#: the funnel's positions (``funnel()["position"]``, kept in English) as its legend shows them
_POSITION_LABELS = {"above (outer)": N_("above (outer)"), "above (inner)": N_("above (inner)"),
                    "within": N_("within"), "below (inner)": N_("below (inner)"),
                    "below (outer)": N_("below (outer)")}

def funnel(data: Any, *, by: str | None = None, title: str | None = None) -> alt.LayerChart:
    """Each group's NPS (dot) against its number of answers (log scale), inside the control
    limits around the target NPS: a funnel that narrows as groups grow. Groups outside the
    outer limits are named.

    Parameters
    ----------
    data : a :func:`nps_toolkit.funnel` table, or raw responses (then ``by`` is required)

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample
    >>> chart = charts.funnel(load_sample(), by="support_agent")
    >>> charts.data_of(chart, has="position")["position"].value_counts().to_dict()
    {'within': 5, 'above (inner)': 2, 'below (outer)': 1}
    """
    if isinstance(data, pd.DataFrame) and {"position", "outer_low"} <= set(data.columns):
        table = data
    else:
        if by is None:
            raise ValueError("charts.funnel on raw responses needs by= (the group column)")
        table = _funnel(data, by=by)
    keys = [c for c in table.columns if c not in (
        "n", "nps", "target", "inner_low", "inner_high", "outer_low", "outer_high", "z",
        "position")]
    label = table[keys].astype(str).agg(" / ".join, axis=1)
    points = plain(table.assign(group=label), ["group", "n", "nps", "z", "position"])
    records = table.attrs.get("curve")
    if records is None:
        raise ValueError("charts.funnel needs the table funnel() returns (its limits curve)")
    curve = pd.DataFrame(records)
    long = pd.concat([curve[["n", c]].rename(columns={c: "nps"}).assign(limit=c)
                      for c in ("inner_low", "inner_high", "outer_low", "outer_high")])
    inner, outer = table.attrs.get("limits", (0.95, 0.998))
    x = alt.X("n:Q", scale=alt.Scale(type="log"), title=tr("Answers in the group (log scale)"))
    lines = alt.Chart(plain(long, ["n", "nps", "limit"])).mark_line(color="#555555").encode(
        x=x, y=alt.Y("nps:Q", title=tr("NPS")), detail="limit:N",
        strokeDash=alt.condition("indexof(datum.limit, 'inner') >= 0", alt.value([4, 3]),
                                 alt.value([1, 0])))
    target = float(table["target"].iloc[0]) if len(table) else 0.0
    rule = alt.Chart(pd.DataFrame({"nps": [target]})).mark_rule(color="#888888").encode(
        y="nps:Q")
    order = list(_POSITION_COLOURS)
    dots = alt.Chart(points).mark_point(filled=True, size=45, opacity=0.85).encode(
        x=x, y=alt.Y("nps:Q"),
        color=alt.Color("position:N", scale=alt.Scale(domain=order,
                                                      range=list(_POSITION_COLOURS.values())),
                        title=tr("Against the limits"),
                        legend=alt.Legend(labelExpr=label_expr(_POSITION_LABELS))),
        tooltip=[alt.Tooltip("group:N", title=" / ".join(keys) or tr("Group")),
                 alt.Tooltip("n:Q", title=tr("Answers"), format=","),
                 alt.Tooltip("nps:Q", title=tr("NPS"), format=".1f"),
                 alt.Tooltip("z:Q", title=tr("Standard errors from the target"), format="+.1f"),
                 alt.Tooltip("position:N", title=tr("Position"))])
    outside = points[points["position"].str.endswith("(outer)")]
    names = alt.Chart(outside).mark_text(align="left", dx=6, fontSize=10).encode(
        x=x, y=alt.Y("nps:Q"), text="group:N")
    nothing = tr("none")
    described = tr("Funnel plot: NPS of {n} groups against their size, target {target:.1f}; "
                   "outside the {outer:.1%} limits: {outside}; between the {inner:.0%} and "
                   "{outer:.1%} limits: {between} group(s).", n=len(points), target=target,
                   outer=outer, inner=inner,
                   outside=(listing(outside["group"], outside["nps"]) if len(outside)
                            else nothing),
                   between=int(points["position"].str.endswith("(inner)").sum()))
    return (lines + rule + dots + names).properties(
        title=alt.Title(title or (tr("NPS by {group} against group size",
                                     group=" / ".join(keys)) if keys else
                                  tr("NPS by group against group size")),
                        subtitle=tr("Solid: {outer:.1%} limits, dashed: {inner:.0%}, grey "
                                    "line: target {target:.1f}; outside the funnel is more "
                                    "than chance", outer=outer, inner=inner, target=target)),
        width=460, height=220, description=described)
