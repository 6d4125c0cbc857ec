"""Charts of one NPS and of groups: distribution, category shares, score card, segments, value
tiers, benchmarks and driver importance. Each takes the tidy table of the matching function
(or the raw responses, which it aggregates first) and returns a composable Altair chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .._frames import counts_table, to_narwhals
from .._order import sort_frame
from ..benchmarking import BenchmarkComparison
from ..i18n import fmt, gettext, tr
from ..scoring import NPSResult, summarize
from ..segmentation import ValueAnalysis
from ..segmentation import segments as _segments
from ._base import (
    _FADE,
    CATEGORIES,
    benchmark_rule,
    category_label_expr,
    category_scale,
    fmt_n,
    group_keys,
    is_table,
    label_column,
    listing,
    nps_tooltip,
    plain,
    resolve_benchmark,
    verdict_label_expr,
    verdict_scale,
)

__all__ = [
    "benchmark",
    "categories",
    "distribution",
    "drivers",
    "score_card",
    "segments",
    "value_tiers",
]

_NPS_AXIS = alt.Scale(domain=[-100, 100])


def _score_counts(data: Any, score: str) -> pd.DataFrame:
    """Responses per score value 0-10 (all eleven rows, zeros included), in the data's engine."""
    frame = to_narwhals(data)
    if score not in frame.collect_schema().names():
        counts_table(data, score=score)  # raises the standard 'column not found' error
    value_col = "__score_value"
    keyed = frame.with_columns(nw.col(score).alias(value_col))
    table = counts_table(nw.to_native(keyed), score=score, by=[value_col])
    table = table[table["n"] > 0]
    counts = pd.Series(table["n"].to_numpy(),
                       index=table[value_col].to_numpy(dtype=float).astype(int))
    values = np.arange(11)
    return pd.DataFrame({"score": values, "count": counts.reindex(values, fill_value=0).to_numpy()})


def distribution(data: Any, *, score: str = "score", title: str | None = None) -> alt.Chart:
    """Bar chart of answers per score 0-10, coloured detractor / passive / promoter.

    Parameters
    ----------
    data : responses (any frame :func:`nps_toolkit.summarize` accepts), or a table with
        columns ``score`` (0-10) and ``count``
        Raw responses are counted in their own engine first, so the chart holds at most 11
        rows whatever the number of responses.
    score : str, default "score"
    title : str, optional

    Returns
    -------
    altair.Chart

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample
    >>> chart = charts.distribution(load_sample())
    >>> charts.data_of(chart)[["score", "count", "category"]].tail(2)
        score  count  category
    9       9    885  promoter
    10     10   1277  promoter
    """
    if is_table(data, ("score", "count")):
        table = data[["score", "count"]].copy()
    else:
        table = _score_counts(data, score)
    table["category"] = np.where(table["score"] >= 9, "promoter",
                                 np.where(table["score"] >= 7, "passive", "detractor"))
    total = table["count"].sum()
    table["share"] = table["count"] / total if total else 0.0
    n = int(total)
    return alt.Chart(plain(table, ["score", "count", "share", "category"])).mark_bar().encode(
        x=alt.X("score:O", title=tr("Likelihood to recommend (0-10)"), axis=alt.Axis(labelAngle=0),
                scale=alt.Scale(domain=list(range(11)))),
        y=alt.Y("count:Q", title=tr("Responses")),
        color=alt.Color("category:N", scale=category_scale(), title=None,
                        legend=alt.Legend(labelExpr=category_label_expr())),
        tooltip=[alt.Tooltip("score:O", title=tr("Score")),
                 alt.Tooltip("count:Q", title=tr("Responses"), format=","),
                 alt.Tooltip("share:Q", title=tr("Share"), format=".1%"),
                 alt.Tooltip("category:N", title=tr("Category"))],
    ).properties(title=title or tr("How {n} responses scored", n=fmt_n(n)), width=360, height=200,
                 description=tr("Responses per score (n = {n:,}): {listing}.", n=n,
                                listing=listing(table["score"], table["count"], fmt="{:,.0f}",
                                                limit=11)))


def _long_shares(table: pd.DataFrame, label: str) -> pd.DataFrame:
    rows = []
    for cat in CATEGORIES:
        part = pd.DataFrame({
            label: table[label].to_numpy(),
            "category": cat,
            "order": CATEGORIES.index(cat),
            "share": table[f"{cat}_share"].to_numpy(dtype=float),
            "count": table[f"{cat}s"].to_numpy(dtype=float),
            "n": table["n"].to_numpy(dtype=float),
            "nps": table["nps"].to_numpy(dtype=float),
        })
        rows.append(part)
    return pd.concat(rows, ignore_index=True)


def categories(data: Any, *, by: str | Sequence[str] | None = None, score: str = "score",
               title: str | None = None) -> alt.Chart:
    """100% stacked bars of detractors, passives and promoters, overall, by group or period.

    Parameters
    ----------
    data : a table from :func:`nps_toolkit.summarize`, :func:`nps_toolkit.segments` or
        :func:`nps_toolkit.trend`, or raw responses (summarised by ``by`` first)
    by : column name(s), optional
        For raw responses: the groups. For a table, the group columns are found (those before
        ``n``; ``period`` for a trend table).

    Returns
    -------
    altair.Chart
        One bar per group, in the table's order; detractors on the left so the eye compares
        the two ends; each segment labelled with its share when it has room.

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample, summarize
    >>> chart = charts.categories(summarize(load_sample(), by="touchpoint"))
    >>> sorted(charts.data_of(chart)["group"].unique())
    ['after purchase', 'after support', 'periodic']
    """
    table = data if is_table(data) else summarize(data, score=score, by=by)
    keys = ["period"] if "period" in table.columns else group_keys(table)
    labelled = label_column(table, keys)
    labelled = labelled[labelled["n"] > 0]
    order = labelled["group"].tolist()
    long = _long_shares(labelled, "group")
    y_title = "Period" if keys == ["period"] else " / ".join(keys) or None
    base = alt.Chart(plain(long, ["group", "category", "order", "share", "count", "n", "nps"]))
    bars = base.mark_bar().encode(
        y=alt.Y("group:N", sort=order, title=y_title),
        x=alt.X("share:Q", stack="normalize", title=tr("Share of responses"),
                axis=alt.Axis(format="%")),
        color=alt.Color("category:N", scale=category_scale(), title=None,
                        legend=alt.Legend(labelExpr=category_label_expr())),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("group:N", title=y_title or tr("Group")),
                 alt.Tooltip("category:N", title=tr("Category")),
                 alt.Tooltip("share:Q", title=tr("Share"), format=".1%"),
                 alt.Tooltip("count:Q", title=tr("Responses"), format=","),
                 alt.Tooltip("n:Q", title=tr("Group n"), format=","),
                 alt.Tooltip("nps:Q", title=tr("Group NPS"), format=".1f")],
    )
    text = base.transform_filter("datum.share >= 0.07").mark_text(
        color="white", fontSize=10).encode(
        y=alt.Y("group:N", sort=order),
        x=alt.X("share:Q", stack="normalize", bandPosition=0.5),
        order=alt.Order("order:Q"),
        text=alt.Text("share:Q", format=".0%"),
    )
    height = max(60, 22 * len(order))
    shares = "; ".join(
        tr("{group}: promoters {promoters:.0%}, passives {passives:.0%}, detractors "
           "{detractors:.0%}", group=g, promoters=r["promoters"] / r["n"],
           passives=r["passives"] / r["n"], detractors=r["detractors"] / r["n"])
        for g, (_, r) in zip(order[:10], labelled.head(10).iterrows(), strict=False))
    return (bars + text).properties(
        title=title or tr("Detractors, passives and promoters"), width=380, height=height,
        description=tr("Shares of responses: {shares}.", shares=shares))


def _as_result_table(data: Any, score: str) -> pd.DataFrame:
    if isinstance(data, NPSResult):
        return pd.DataFrame([data.to_dict()])
    if isinstance(data, BenchmarkComparison):
        return pd.DataFrame([{"nps": data.nps, "ci_low": data.ci_low, "ci_high": data.ci_high,
                              "n": data.n, "confidence": data.confidence}])
    if is_table(data, ("nps", "ci_low", "ci_high", "n")):
        if len(data) != 1:
            raise ValueError(f"score_card shows one NPS; the table has {len(data)} rows. "
                             "Select one row, or use charts.segments for groups.")
        return data
    return summarize(data, score=score)


def score_card(data: Any, *, benchmark: Any = None, benchmark_label: str | None = None,
               score: str = "score", title: str | None = None) -> alt.LayerChart:
    """The NPS on its -100..100 scale with its interval and, optionally, a benchmark marker.

    Parameters
    ----------
    data : :class:`nps_toolkit.NPSResult`, a :class:`nps_toolkit.BenchmarkComparison`, a
        one-row :func:`nps_toolkit.summarize` table, or raw responses
    benchmark : float or BenchmarkComparison, optional
        Drawn as a dashed marker with its label. A comparison passed as ``data`` brings its
        own benchmark.

    Returns
    -------
    altair.LayerChart
        A thick bar for the interval, a dot for the NPS with its value printed above.

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample, score
    >>> spec = charts.score_card(score(load_sample()["score"]), benchmark=29).to_dict()
    >>> spec["title"]["text"]
    'NPS 27.1'
    """
    if benchmark is None and isinstance(data, BenchmarkComparison):
        benchmark = data
    row = _as_result_table(data, score).iloc[0]
    conf = float(row.get("confidence", 0.95))
    table = pd.DataFrame({"label": ["NPS"], "nps": [float(row["nps"])],
                          "ci_low": [float(row["ci_low"])], "ci_high": [float(row["ci_high"])],
                          "n": [float(row["n"])]})
    tip = nps_tooltip()
    base = alt.Chart(table).encode(y=alt.Y("label:N", title=None, axis=None))
    band = base.mark_bar(height=22, color="#0072B2", opacity=0.3).encode(
        x=alt.X("ci_low:Q", scale=_NPS_AXIS, title=tr("Net Promoter Score (-100 to 100)")),
        x2=alt.X2("ci_high"), tooltip=tip)
    dot = base.mark_point(filled=True, size=70, color="#0072B2", opacity=1).encode(
        x=alt.X("nps:Q"), tooltip=tip)
    value = base.mark_text(dy=18, fontSize=13, fontWeight="bold").encode(
        x=alt.X("nps:Q"), text=alt.Text("nps:Q", format=".1f"))
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#BBBBBB").encode(x=alt.X("x:Q"))
    chart = zero + band + dot + value
    bvalue, blabel = resolve_benchmark(benchmark, benchmark_label)
    if bvalue is not None:
        chart = chart + benchmark_rule(bvalue, blabel)
    nps = float(row["nps"])
    subtitle = tr("{confidence:.0%} interval {low:.1f} to {high:.1f}; n = {n}", confidence=conf,
                  low=row["ci_low"], high=row["ci_high"], n=fmt_n(row["n"]))
    described = (tr("NPS {nps:.1f}, {subtitle}; {label} {value:.1f}.", nps=nps,
                    subtitle=subtitle, label=blabel, value=bvalue) if bvalue is not None
                 else tr("NPS {nps:.1f}, {subtitle}.", nps=nps, subtitle=subtitle))
    return chart.properties(
        title=alt.Title(title or tr("NPS {nps:.1f}", nps=nps), subtitle=subtitle), width=380,
        height=60,
        description=described)


def _dot_plot(table: pd.DataFrame, keys: list[str], *, sort: bool, overall: float | None,
              benchmark: Any, benchmark_label: str | None, min_n: int, title: str,
              y_title: str | None, overall_label: str | None = None) -> alt.LayerChart:
    overall_label = overall_label or tr("all respondents")
    labelled = label_column(table, keys)
    labelled = labelled[labelled["n"] > 0].copy()
    if sort:
        labelled = labelled.sort_values("nps", ascending=False, kind="stable")
    order = labelled["group"].tolist()
    if "verdict_code" in labelled:  # the stable code, whatever language the words are in
        code = labelled["verdict_code"].astype(str)
        labelled["verdict_kind"] = np.where(code.isin(["above", "below"]), code,
                                            "not different")
    elif "verdict" in labelled:  # a table from elsewhere: its (English) words
        verdict = labelled["verdict"].astype(str)
        labelled["verdict_kind"] = np.where(
            verdict.str.contains("above"), "above",
            np.where(verdict.str.contains("below"), "below", "not different"))
    else:
        labelled["verdict_kind"] = "not different"
        labelled["verdict"] = ""
    labelled["small"] = labelled["n"] < min_n
    labelled["n_label"] = [f"n={fmt(int(v), ',')}" + (" " + tr("(small)") if s else "")
                           for v, s in zip(labelled["n"], labelled["small"], strict=True)]
    cols = ["group", "nps", "ci_low", "ci_high", "n", "verdict", "verdict_kind", "small",
            "n_label"]
    base = alt.Chart(plain(labelled, cols)).encode(
        y=alt.Y("group:N", sort=order, title=y_title, axis=alt.Axis(labelLimit=300)),
        opacity=_FADE,
    )
    tip = nps_tooltip([alt.Tooltip("group:N", title=y_title or tr("Group")),
                       alt.Tooltip("verdict:N", title=tr("Against the rest"))])
    whisker = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_low:Q", title=tr("NPS with interval"), scale=alt.Scale(domain=[-100, 100])),
        x2=alt.X2("ci_high"),
        color=alt.Color("verdict_kind:N", scale=verdict_scale(), title=tr("Against the rest"),
                        legend=alt.Legend(labelExpr=verdict_label_expr())),
        tooltip=tip)
    dot = base.mark_point(filled=True, size=70).encode(
        x=alt.X("nps:Q"), color=alt.Color("verdict_kind:N", scale=verdict_scale()), tooltip=tip)
    n_text = base.mark_text(align="left", dx=6, fontSize=9, color="#555555").encode(
        x=alt.X("ci_high:Q"), text=alt.Text("n_label:N"))
    chart = whisker + dot + n_text
    notes = []
    if overall is not None and np.isfinite(overall):
        chart = chart + _overall_rule(overall)
        notes.append(tr("grey line: {label}, {value:.1f}", label=overall_label, value=overall))
    bvalue, blabel = resolve_benchmark(benchmark, benchmark_label)
    if bvalue is not None:
        chart = chart + benchmark_rule(bvalue, blabel, label_text=False)
        notes.append(tr("dashed: {label}, {value:.0f}", label=blabel, value=bvalue))
    if labelled["small"].any():
        notes.append(tr("faded: fewer than {n} responses", n=min_n))
    described = (f"{title}: " + listing(labelled["group"], labelled["nps"]) + ". "
                 + _sentence("; ".join(notes)) + ("." if notes else ""))
    return chart.properties(title=alt.Title(title, subtitle=_sentence("; ".join(notes))),
                            width=380, height=max(60, 24 * len(order)),
                            description=described.strip())


def _holders(share: pd.DataFrame) -> list[str]:
    """Each category's share of respondents and of value, in words."""
    return [tr("{category} {respondents:.0%} of respondents, {value:.0%} of value",
               category=gettext(r.category), respondents=r.respondent_share,
               value=r.revenue_share) for r in share.itertuples()]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _overall_rule(value: float) -> alt.Chart:
    data = pd.DataFrame({"overall": [value], "label": [tr("Overall {value:.1f}", value=value)]})
    return alt.Chart(data).mark_rule(color="#888888").encode(
        x=alt.X("overall:Q"), tooltip=[alt.Tooltip("label:N", title=tr("All respondents"))])


def _overall(table: pd.DataFrame) -> float:
    n = table["n"].sum()
    return float(100 * (table["promoters"].sum() - table["detractors"].sum()) / n) if n else np.nan


def segments(data: Any, *, by: str | Sequence[str] | None = None, score: str = "score",
             benchmark: Any = None, benchmark_label: str | None = None,
             overall: float | None = None, min_n: int = 30, sort: bool = True,
             title: str | None = None) -> alt.LayerChart:
    """Dot plot of NPS by group with interval whiskers, the overall NPS and a benchmark.

    Dots are coloured by the verdict of :func:`nps_toolkit.segments` (significantly above
    the rest, below, or not different); groups under ``min_n`` are faded and labelled
    "(small)"; every group shows its n.

    Parameters
    ----------
    data : a :func:`nps_toolkit.segments` or :func:`nps_toolkit.summarize` table, or raw
        responses (then ``by`` is required and :func:`nps_toolkit.segments` runs first)
    overall : float, optional
        The overall NPS rule; by default computed from the table's counts (right when the
        groups split the respondents, as ``segments`` does).
    sort : bool, default True
        Highest NPS first; False keeps the table's order.

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample
    >>> chart = charts.segments(load_sample(), by="touchpoint", benchmark=29)
    >>> charts.data_of(chart)[["group", "nps", "verdict_kind"]].round(1)
                group   nps verdict_kind
    0        periodic  40.7        above
    1  after purchase  37.8        above
    2   after support -23.0        below
    """
    if is_table(data):
        table = data
    else:
        if by is None:
            raise ValueError("charts.segments on raw responses needs by= (the group column)")
        table = _segments(data, by=by, score=score, min_n=min_n)
    keys = group_keys(table)
    total = _overall(table) if overall is None else overall
    y_title = " / ".join(keys) or None
    return _dot_plot(table, keys, sort=sort, overall=total, benchmark=benchmark,
                     benchmark_label=benchmark_label, min_n=min_n,
                     title=title or (tr("NPS by {group}", group=y_title) if y_title
                                     else tr("NPS by group")), y_title=y_title)


def value_tiers(data: Any, *, benchmark: Any = None, min_n: int = 30,
                title: str | None = None) -> alt.HConcatChart | alt.LayerChart:
    """NPS by customer-value tier (lowest first), and where the revenue sits by category.

    Parameters
    ----------
    data : :class:`nps_toolkit.ValueAnalysis` (both panels) or its ``by_tier`` table (the
        dot plot only)

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample, value_analysis
    >>> va = value_analysis(load_sample(), value="customer_lifetime_value")
    >>> len(charts.value_tiers(va).to_dict()["hconcat"])
    2
    """
    table = data.by_tier if isinstance(data, ValueAnalysis) else data
    if not is_table(table):
        raise TypeError("charts.value_tiers takes value_analysis(...) or its by_tier table")
    keys = group_keys(table)
    per_customer = isinstance(data, ValueAnalysis) and data.per_customer
    dots = _dot_plot(table, keys, sort=False, overall=_overall(table), benchmark=benchmark,
                     benchmark_label=None, min_n=min_n,
                     # the title names the axis: long tier labels need the room
                     title=title or tr("NPS by customer value tier"), y_title=None,
                     # one answer per customer: not the headline NPS over every answer
                     overall_label=(tr("all customers, latest answer each") if per_customer
                                    else tr("all respondents")))
    if not isinstance(data, ValueAnalysis):
        return dots
    share = data.revenue_share.melt(id_vars="category", var_name="measure", value_name="share")
    share["measure"] = share["measure"].map({"respondent_share": tr("Share of respondents"),
                                             "revenue_share": tr("Share of value")})
    bars = alt.Chart(plain(share, ["category", "measure", "share"])).mark_bar().encode(
        y=alt.Y("measure:N", title=None),
        x=alt.X("share:Q", stack="normalize", axis=alt.Axis(format="%"), title=None),
        color=alt.Color("category:N", scale=category_scale(), title=None,
                        legend=alt.Legend(labelExpr=category_label_expr())),
        order=alt.Order("category:N"),
        tooltip=[alt.Tooltip("category:N", title=tr("Category")),
                 alt.Tooltip("measure:N", title=tr("Measure")),
                 alt.Tooltip("share:Q", title=tr("Share"), format=".1%")],
    ).properties(title=tr("Who holds the value"), width=260, height=60, description=tr(
        "Share of respondents and of value by category: {shares}.",
        shares="; ".join(_holders(data.revenue_share))))
    return alt.hconcat(dots, bars).resolve_scale(color="independent")


def benchmark(comparison: BenchmarkComparison, *, others: pd.DataFrame | None = None,
              title: str | None = None) -> alt.LayerChart:
    """Our NPS and interval against the benchmark (and optionally other published figures).

    Parameters
    ----------
    comparison : the result of :func:`nps_toolkit.compare_to_benchmark`
    others : DataFrame, optional
        Rows of :func:`nps_toolkit.benchmarks` to show as well (``industry``, ``publisher``,
        ``year``, ``nps``), e.g. ``benchmarks().query("industry_group == 'retail'")``.

    Examples
    --------
    >>> from nps_toolkit import charts, compare_to_benchmark, load_sample
    >>> cmp = compare_to_benchmark(load_sample(), benchmark=29)
    >>> charts.data_of(charts.benchmark(cmp))["label"].tolist()
    ['Our NPS', 'the target of 29']
    """
    if not isinstance(comparison, BenchmarkComparison):
        raise TypeError("charts.benchmark takes the result of compare_to_benchmark()")
    rows = [{"label": tr("Our NPS"), "nps": comparison.nps, "ci_low": comparison.ci_low,
             "ci_high": comparison.ci_high, "n": comparison.n, "kind": "ours",
             "source": f"n = {comparison.n:,}"},
            {"label": comparison.benchmark_label or tr("Benchmark"), "nps": comparison.benchmark,
             "ci_low": np.nan, "ci_high": np.nan, "n": np.nan, "kind": "benchmark",
             "source": comparison.benchmark_source or ""}]
    if others is not None and len(others):
        for r in others.itertuples(index=False):  # a few published rows, not responses
            d = r._asdict()
            year = d.get("year")
            yr = "" if year is None or pd.isna(year) else f", {int(year)}"
            rows.append({"label": f"{d.get('industry', '')} ({d.get('publisher', '')}{yr})",
                         "nps": float(d["nps"]), "ci_low": np.nan, "ci_high": np.nan,
                         "n": np.nan, "kind": "benchmark", "source": str(d.get("url", ""))})
    table = pd.DataFrame(rows).drop_duplicates(subset=["label", "nps"])
    order = sort_frame(table, "nps", "label")["label"].tolist()
    base = alt.Chart(plain(table, ["label", "nps", "ci_low", "ci_high", "n", "kind", "source"]))
    y = alt.Y("label:N", sort=order, title=None)
    colour = alt.Color("kind:N", scale=alt.Scale(domain=["ours", "benchmark"],
                                                 range=["#0072B2", "#333333"]), legend=None)
    tips = [alt.Tooltip("label:N", title=tr("What")),
            alt.Tooltip("nps:Q", title=tr("NPS"), format=".1f"),
            alt.Tooltip("ci_low:Q", title=tr("Interval from"), format=".1f"),
            alt.Tooltip("ci_high:Q", title=tr("Interval to"), format=".1f"),
            alt.Tooltip("source:N", title=tr("Source"))]
    whisker = base.transform_filter("isValid(datum.ci_low)").mark_rule(strokeWidth=3).encode(
        y=y, x=alt.X("ci_low:Q", title=tr("NPS"), scale=_NPS_AXIS), x2=alt.X2("ci_high"),
        color=colour,
        tooltip=tips)
    dot = base.mark_point(filled=True, size=90).encode(
        y=y, x=alt.X("nps:Q"), color=colour, shape=alt.Shape(
            "kind:N", scale=alt.Scale(domain=["ours", "benchmark"],
                                      range=["circle", "diamond"]), legend=None),
        tooltip=tips)
    text = base.mark_text(align="left", dx=8, fontSize=10).encode(
        y=y, x=alt.X("nps:Q"), text=alt.Text("nps:Q", format=".0f"))
    diff = comparison.difference
    gap = (tr("{gap:.1f} points above", gap=abs(diff)) if diff >= 0 else
           tr("{gap:.1f} points below", gap=abs(diff)))
    subtitle = gap + "; " + (tr("the interval excludes the benchmark")
                             if comparison.interval_excludes else
                             tr("the interval includes it: the data cannot tell them apart"))
    return (whisker + dot + text).properties(
        title=alt.Title(title or tr("Our NPS against the benchmark"), subtitle=subtitle),
        width=380, height=max(60, 26 * len(table)),
        description=tr("Our NPS {nps:.1f} (interval {low:.1f} to {high:.1f}) against "
                       "{others}: {subtitle}.", nps=comparison.nps, low=comparison.ci_low,
                       high=comparison.ci_high, subtitle=subtitle,
                       others=listing(table["label"][1:], table["nps"][1:])))


def drivers(table: pd.DataFrame, *, title: str | None = None) -> alt.LayerChart:
    """Share of explained variance per driver (Shapley/LMG) with bootstrap intervals.

    Parameters
    ----------
    table : the result of :func:`nps_toolkit.driver_importance`

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from nps_toolkit import charts, driver_importance
    >>> rng = np.random.default_rng(1)
    >>> x = rng.normal(size=(400, 2))
    >>> df = pd.DataFrame({"score": np.clip(np.rint(7 + 1.5 * x[:, 0]), 0, 10),
    ...                    "delivery": np.clip(np.rint(6 + 2 * x[:, 0]), 0, 10),
    ...                    "price": np.clip(np.rint(6 + 2 * x[:, 1]), 0, 10)})
    >>> chart = charts.drivers(driver_importance(df, drivers=["delivery", "price"]))
    >>> charts.data_of(chart)["driver"].tolist()
    ['delivery', 'price']
    """
    need = ("driver", "share", "share_ci_low", "share_ci_high")
    if not is_table(table, need):
        raise TypeError(f"charts.drivers takes driver_importance(...): columns {list(need)}")
    t = table.sort_values("share", ascending=False, kind="stable")
    order = t["driver"].astype(str).tolist()
    cols = ["driver", "share", "share_ci_low", "share_ci_high", "r", "nps_low", "nps_high",
            "nps_gap", "high_means"]
    base = alt.Chart(plain(t, cols)).encode(y=alt.Y("driver:N", sort=order, title=None))
    tips = [alt.Tooltip("driver:N", title=tr("Driver")),
            alt.Tooltip("share:Q", title=tr("Share of R²"), format=".1%"),
            alt.Tooltip("share_ci_low:Q", title=tr("Interval from"), format=".1%"),
            alt.Tooltip("share_ci_high:Q", title=tr("Interval to"), format=".1%"),
            alt.Tooltip("nps_low:Q", title=tr("NPS of low raters"), format=".1f"),
            alt.Tooltip("nps_high:Q", title=tr("NPS of high raters"), format=".1f")]
    bars = base.mark_bar(color="#0072B2", opacity=0.8).encode(
        x=alt.X("share:Q", title=tr("Share of explained variance (R²)"),
                axis=alt.Axis(format="%")), tooltip=tips)
    whisker = base.mark_rule(color="#333333").encode(
        x=alt.X("share_ci_low:Q"), x2=alt.X2("share_ci_high"), tooltip=tips)
    r2 = table.attrs.get("r2")
    subtitle = tr("Model R² = {r2:.2f}", r2=r2) if isinstance(r2, (int, float)) else ""
    return (bars + whisker).properties(
        title=alt.Title(title or tr("What drives the recommend score"), subtitle=subtitle),
        width=360, height=max(60, 26 * len(order)),
        description=tr("Share of the explained variance per driver: {listing}.",
                       listing=listing(t["driver"], t["share"], fmt="{:.0%}")))
