"""Charts of the follow-up comments: theme impact and the words that separate promoters from
detractors."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from .._order import sort_frame
from .._style import CATEGORY_COLOURS
from ..i18n import N_, tr
from ..text import TextAnalysis
from ..text import theme_impact as _theme_impact
from ..text.names import theme_label
from ._base import is_table, label_expr, listing, plain

__all__ = ["text_drivers", "theme_impact"]


def theme_impact(data: Any, *, top: int = 10, title: str | None = None) -> alt.LayerChart:
    """Themes ranked by the NPS points they cost, with the interval of that cost.

    The bar is ``nps_gain_if_fixed`` from :func:`nps_toolkit.theme_impact`: how much the
    overall NPS would rise if the detractors mentioning the theme had been passives.

    Parameters
    ----------
    data : a :func:`nps_toolkit.theme_impact` table, a :class:`nps_toolkit.TextAnalysis`,
        or raw responses with comments (coded with the default codeframe first)
    top : int, default 10

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample
    >>> charts.data_of(charts.theme_impact(load_sample(), top=3))["theme"].tolist()
    ['customer service', 'delivery', 'product quality']
    """
    if isinstance(data, TextAnalysis):
        table = data.impact
    elif is_table(data, ("theme", "nps_gain_if_fixed", "gain_ci_low", "gain_ci_high")):
        table = data
    else:
        table = _theme_impact(data)
    t = table.sort_values("nps_gain_if_fixed", ascending=False, kind="stable").head(top)
    t = t.assign(theme=t["theme"].map(theme_label))  # in the reader's language
    order = t["theme"].astype(str).tolist()
    cols = ["theme", "nps_gain_if_fixed", "gain_ci_low", "gain_ci_high", "mentions",
            "share_of_detractor_comments", "share_of_promoter_comments", "nps_mentioning"]
    base = alt.Chart(plain(t, cols)).encode(y=alt.Y("theme:N", sort=order, title=None))
    tips = [alt.Tooltip("theme:N", title=tr("Theme")),
            alt.Tooltip("nps_gain_if_fixed:Q", title=tr("NPS points if fixed"), format=".1f"),
            alt.Tooltip("gain_ci_low:Q", title=tr("Interval from"), format=".1f"),
            alt.Tooltip("gain_ci_high:Q", title=tr("Interval to"), format=".1f"),
            alt.Tooltip("mentions:Q", title=tr("Comments mentioning"), format=","),
            alt.Tooltip("share_of_detractor_comments:Q", title=tr("Of detractor comments"),
                        format=".0%"),
            alt.Tooltip("nps_mentioning:Q", title=tr("NPS of those mentioning"), format=".1f")]
    bars = base.mark_bar(color=CATEGORY_COLOURS["detractor"], opacity=0.85).encode(
        x=alt.X("nps_gain_if_fixed:Q",
                title=tr("NPS points gained if its detractors were passives")),
        tooltip=tips)
    whisker = base.mark_rule(color="#333333").encode(
        x=alt.X("gain_ci_low:Q"), x2=alt.X2("gain_ci_high"), tooltip=tips)
    text = base.mark_text(align="left", dx=4, fontSize=9, color="#555555").encode(
        x=alt.X("gain_ci_high:Q"), text=alt.Text("mentions:Q", format=","))
    return (bars + whisker + text).properties(
        title=alt.Title(title or tr("What detractors' comments cost"),
                        subtitle=tr("Bar: NPS gain if fixed, with interval; number: mentions")),
        width=360, height=max(60, 24 * len(order)),
        description=tr("NPS points gained if each theme's detractors were passives: "
                       "{listing}.", listing=listing(t["theme"], t["nps_gain_if_fixed"])))


def text_drivers(data: Any, *, language: str | None = None, top: int = 8,
                 title: str | None = None) -> alt.Chart:
    """Words that separate promoters' from detractors' comments, in one language.

    Bars point right (blue) for promoter words and left (vermillion) for detractor words; the
    length is the z-score of the weighted log-odds ratio from :func:`nps_toolkit.text_drivers`.
    Words that do not pass its false-discovery-rate threshold are drawn faded.

    Parameters
    ----------
    data : a :func:`nps_toolkit.text_drivers` table or a :class:`nps_toolkit.TextAnalysis`
    language : str, optional
        Language code; by default the one with the most words in the table.
    top : int, default 8
        Words per side.

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample, text_drivers
    >>> chart = charts.text_drivers(text_drivers(load_sample()), language="en")
    >>> sorted(charts.data_of(chart)["side"].unique())
    ['detractor', 'promoter']
    """
    table = data.drivers if isinstance(data, TextAnalysis) else data
    if not is_table(table, ("language", "term", "side", "z")):
        raise TypeError("charts.text_drivers takes text_drivers(...) or analyze_comments(...)")
    if table.empty:
        raise ValueError("the text_drivers table is empty: too few comments to compare")
    langs = table["language"].astype(str)
    lang = language or langs.value_counts().sort_index().sort_values(
        ascending=False, kind="stable").index[0]
    t = table[langs == lang]
    if t.empty:
        raise ValueError(f"no words for language {lang!r}; the table has "
                         f"{sorted(langs.unique())}")
    t = sort_frame(t.assign(abs_z=t["z"].abs()), "abs_z", "term")
    t = t.groupby("side", sort=False).head(top)
    t = t.assign(signed=t["abs_z"].where(t["side"] == "promoter", -t["abs_z"]))
    order = sort_frame(t, "signed", "term")["term"].astype(str).tolist()
    if "significant" not in t:  # a table from before significance was marked
        t = t.assign(significant=True)
    t = t.assign(significant=t["significant"].astype(bool))
    cols = ["term", "side", "signed", "z", "promoter_count", "detractor_count", "significant"]
    return alt.Chart(plain(t, cols)).mark_bar().encode(
        opacity=alt.Opacity("significant:N", scale=alt.Scale(domain=[True, False],
                                                             range=[1.0, 0.35]),
                            title=tr("Significant (5% FDR)"),
                            legend=alt.Legend(labelExpr=label_expr({"true": N_("yes"),
                                                                    "false": N_("no")}))),
        y=alt.Y("term:N", sort=order, title=None),
        x=alt.X("signed:Q", title=tr("← detractor words · promoter words → (z)")),
        color=alt.Color("side:N", scale=alt.Scale(
            domain=["detractor", "promoter"],
            range=[CATEGORY_COLOURS["detractor"], CATEGORY_COLOURS["promoter"]]), title=None,
            legend=alt.Legend(labelExpr=label_expr({"detractor": N_("detractor"),
                                                    "promoter": N_("promoter")}))),
        tooltip=[alt.Tooltip("term:N", title=tr("Word")), alt.Tooltip("side:N", title=tr("Side")),
                 alt.Tooltip("z:Q", title=tr("z"), format=".2f"),
                 alt.Tooltip("significant:N", title=tr("Significant (5% FDR)")),
                 alt.Tooltip("promoter_count:Q", title=tr("In promoter comments")),
                 alt.Tooltip("detractor_count:Q", title=tr("In detractor comments"))],
    ).properties(title=title or tr("Words of promoters and detractors ({language})",
                                   language=lang), width=320,
                 height=max(60, 16 * len(order)), description=tr(
                     "Words of promoters ({language}, z): {promoters}; of detractors: "
                     "{detractors}.", language=lang,
                     promoters=listing(*_side(t, "promoter"), fmt="{:.1f}"),
                     detractors=listing(*_side(t, "detractor"), fmt="{:.1f}")))


def _side(t: pd.DataFrame, side: str) -> tuple[list[str], list[float]]:
    part = t[t["side"] == side]
    return part["term"].astype(str).tolist(), part["abs_z"].tolist()
