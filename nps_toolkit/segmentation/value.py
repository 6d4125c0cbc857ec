"""Customer value: tiers an analyst can read, and "are our biggest customers our biggest
promoters?" with evidence - on pandas rows or in a lazy source's engine."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .. import _stats
from .._frames import WEIGHT_COLUMNS, collect, counts_table, require_columns, to_narwhals, to_pandas
from ..i18n import N_, tr
from ..scoring import NPSResult, classify
from ..scoring import score as score_fn
from . import _engine
from .groups import segments

__all__ = ["ValueAnalysis", "value_analysis", "value_tiers"]


def _tier_labels(k: int, value: str) -> list[str]:
    width = 100 / k
    labels = []
    for i in range(k):
        lo, hi = i * width, (i + 1) * width
        if i == 0:
            labels.append(tr("Bottom {width:g}% by {value}", width=width, value=value))
        elif i == k - 1:
            labels.append(tr("Top {width:g}% by {value}", width=width, value=value))
        else:
            labels.append(tr("{lo:g}-{hi:g}th percentile by {value}", lo=lo, hi=hi,
                             value=value))
    return labels


def _tier_names(value: str, tiers: int, bins: Sequence[float] | None,
                labels: Sequence[str] | None) -> list[str]:
    """Tier labels (lowest first), checked as the pandas path checks them."""
    if bins is not None:
        edges = sorted(float(b) for b in bins)
        if len(set(edges)) != len(edges):
            raise ValueError(f"bins must be distinct thresholds, got {list(bins)!r}")
        auto = ([f"< {edges[0]:g}"] + [f"{a:g} to < {b:g}" for a, b in pairwise(edges)]
                + [f">= {edges[-1]:g}"])
        names = list(labels) if labels is not None else [f"{a} {value}" for a in auto]
        if len(names) != len(edges) + 1:
            raise ValueError(f"{len(edges) + 1} tiers need {len(edges) + 1} labels, got "
                             f"{len(names)}")
        return names
    if tiers < 2:
        raise ValueError(f"tiers must be at least 2, got {tiers}")
    names = list(labels) if labels is not None else _tier_labels(tiers, value)
    if len(names) != tiers:
        raise ValueError(f"{tiers} tiers need {tiers} labels, got {len(names)}")
    return names


def value_tiers(data: Any, *, value: str, tiers: int = 4, bins: Sequence[float] | None = None,
                labels: Sequence[str] | None = None) -> pd.Series:
    """Customer-value tiers with labels an analyst can read ("Top 25% by CLV").

    Parameters
    ----------
    data : data frame
    value : str
        Lifetime value, average order value, revenue...
    tiers : int, default 4
        Equal-count tiers by quantile of ``value`` (ties stay in one tier, so tiers can be
        uneven when many customers share a value; an error explains when they collapse).
    bins : sequence of numbers, optional
        Explicit thresholds instead, e.g. ``[100, 500]`` -> "< 100", "100 to < 500",
        ">= 500" (left-closed).
    labels : sequence of str, optional
        Your own labels, lowest tier first.

    Returns
    -------
    pandas.Series
        Ordered categorical (lowest tier first) named ``value_tier``, aligned with ``data``;
        missing values stay missing (``segments`` shows them as their own group). For a
        lazy source (DuckDB, Spark, polars lazy...) the source itself, in its engine, with a
        ``value_tier`` text column: the quantiles are computed there (exact, linear
        interpolation as pandas) and no row leaves the engine.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"clv": [10, 20, 30, 40, 50, 60, 70, 80]})
    >>> value_tiers(df, value="clv").tolist()[::3]
    ['Bottom 25% by clv', '25-50th percentile by clv', 'Top 25% by clv']
    """
    frame = to_narwhals(data)
    require_columns(frame, [value], role="value column")
    if not isinstance(nw.to_native(frame), pd.DataFrame):
        names = _tier_names(value, tiers, bins, labels)
        tier = _engine.tier_expression(frame, value, tiers, bins, names)
        return nw.to_native(frame.with_columns(tier.alias("value_tier")))
    native = to_pandas(data)
    from .._frames.amounts import as_amounts

    values = as_amounts(native[value], value)
    if values.notna().sum() == 0:
        raise ValueError(f"value column {value!r} holds no numbers (e.g. "
                         f"{list(native[value].dropna().head(3))!r}); pick another --value")
    bad = values.isna() & native[value].notna()
    if bad.any():
        raise ValueError(f"value column {value!r} has {int(bad.sum())} non-numeric value(s), "
                         f"e.g. {list(native.loc[bad, value].head(3))!r}; clean or remove them")
    names = _tier_names(value, tiers, bins, labels)  # checked as for a lazy source
    if bins is not None:
        full = [-np.inf, *sorted(float(b) for b in bins), np.inf]
        cut = pd.cut(values, full, right=False, labels=names)
    else:
        try:
            cut = pd.qcut(values, tiers, labels=names)
        except ValueError as exc:
            raise ValueError(
                f"{tiers} equal-count tiers of {value!r} are not possible: too many customers "
                f"share the same value ({values.value_counts().index[0]!r} appears "
                f"{int(values.value_counts().iloc[0])} times). Use fewer tiers or bins=[...]."
            ) from exc
    out = pd.Series(pd.Categorical(cut, categories=names, ordered=True),
                    index=native.index, name="value_tier")
    return out


@dataclass(frozen=True)
class ValueAnalysis:
    """Are our biggest customers our biggest promoters?

    Attributes
    ----------
    by_tier : DataFrame
        :func:`segments` by value tier (lowest first).
    chi2 : dict
        Chi-square test of independence of category and tier.
    spearman_rho, spearman_p : float
        Rank correlation of value and score, and its p-value (a monotone trend test).
    revenue_weighted : NPSResult
        NPS with each response weighted by its (non-negative) value.
    unweighted : NPSResult
        The plain NPS of the same responses.
    revenue_share : DataFrame
        Per category: share of respondents and share of total value.
    answer : str
        The direct answer in plain words (in the current language, see
        :func:`nps_toolkit.set_language`).
    headline : str
        Its first sentence: yes or no, and the top tier against everyone else.
    notes : list of str
        What was excluded or clipped, and why.
    per_customer : bool
        Whether each customer counts once, with their latest answer (``customer=`` given):
        the NPS over the tiers is then the customers' NPS, not the headline over answers.
    """

    by_tier: pd.DataFrame
    chi2: dict[str, Any] | None
    spearman_rho: float
    spearman_p: float
    revenue_weighted: NPSResult
    unweighted: NPSResult
    revenue_share: pd.DataFrame
    answer: str
    headline: str = ""
    notes: list[str] = field(default_factory=list)
    per_customer: bool = False

    def __repr__(self) -> str:
        return self.answer + "".join("\n" + tr("Note: {note}", note=n) for n in self.notes)

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        cols = ["value_tier", "n", "nps", "ci_low", "ci_high", "passive_share", "verdict"]
        return (f"<p>{html.escape(self.answer)}</p>"
                + self.by_tier[cols].to_html(index=False, float_format=lambda v: f"{v:.1f}")
                + (f"<ul>{notes}</ul>" if notes else ""))


def value_analysis(data: pd.DataFrame, *, value: str, score: str = "score", tiers: int = 4,
                   bins: Sequence[float] | None = None, customer: str | None = None,
                   date: str | None = None, min_n: int = 30,
                   confidence: float = 0.95) -> ValueAnalysis:
    """Answer "are our biggest customers our biggest promoters?" with evidence.

    On a lazy source (DuckDB, Spark, polars lazy...) everything runs in the engine - the
    latest answer per customer (``date`` is then needed; two answers at the same instant are a
    tie the engine breaks, where pandas keeps the later row), the tier quantiles, the counts per
    tier, the value ranks behind Spearman's rho and the revenue sums - and only counts and
    sums come back, through the same statistics.

    Gives the NPS by value tier (with each tier against the rest), the chi-square test of
    category by tier (Pearson 1900; ``scipy.stats.chi2_contingency``), Spearman's rank
    correlation of value and score, a revenue-weighted NPS (each response weighted by its
    value, so it reads as "the NPS of a euro of revenue") and the share of revenue held by
    promoters, passives and detractors.

    Parameters
    ----------
    data : pandas.DataFrame
    value : str
        Customer value (lifetime value, average order value, ticket revenue).
    score : str
    tiers, bins : as in :func:`value_tiers`.
    customer : str, optional
        Customer id column: with it, each customer counts once, with their latest answer
        (by ``date`` when given, else the last row).
    date : str, optional
    min_n, confidence : as in :func:`segments`.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> va = value_analysis(load_sample(), value="customer_lifetime_value",
    ...                     customer="customer_id", date="date")
    >>> va.answer.split(":")[0]
    'No'
    """
    need = [score, value] + ([customer] if customer else []) + ([date] if date else [])
    frame = to_narwhals(data)
    require_columns(frame, need)
    if isinstance(nw.to_native(frame), pd.DataFrame):
        parts = _value_parts_pandas(nw.to_native(frame), value=value, score=score,
                                    tiers=tiers, bins=bins, customer=customer, date=date,
                                    min_n=min_n, confidence=confidence)
    else:
        parts = _value_parts_engine(frame, value=value, score=score, tiers=tiers, bins=bins,
                                    customer=customer, date=date, min_n=min_n,
                                    confidence=confidence)
    by_tier, rho, rho_p, weighted, plain, share, notes = parts
    top = by_tier.dropna(subset=["value_tier"]).iloc[-1]
    rest = by_tier.dropna(subset=["value_tier"]).iloc[:-1]
    biggest_are_promoters = (top["significant"] and top["difference"] > 0
                             and top["promoter_share"] >= rest["promoter_share"].max())
    main = max(("promoter", top["promoter_share"]), ("passive", top["passive_share"]),
               ("detractor", top["detractor_share"]), key=lambda t: t[1])
    chi = by_tier.attrs["chi2"]
    values = dict(tier=top["value_tier"], nps=top["nps"], confidence=confidence,
                  low=top["ci_low"], high=top["ci_high"], n=int(top["n"]),
                  rest=top["rest_nps"], verdict=top["verdict"], share=main[1])
    of_them = {"promoter": N_("{share:.0%} of them are promoters."),
               "passive": N_("{share:.0%} of them are passives."),
               "detractor": N_("{share:.0%} of them are detractors.")}
    headline = (tr("Yes: {tier} have an NPS of {nps:.1f} ({confidence:.0%} CI {low:.1f} to "
                   "{high:.1f}, n={n:,}) against {rest:.1f} for everyone else ({verdict}).",
                   **values) if biggest_are_promoters else
                tr("No: {tier} have an NPS of {nps:.1f} ({confidence:.0%} CI {low:.1f} to "
                   "{high:.1f}, n={n:,}) against {rest:.1f} for everyone else ({verdict}).",
                   **values))
    sentences = [headline, tr(of_them[main[0]], share=main[1])]
    if chi:
        sentences.append(tr("Category depends on tier (chi-square {p}).",
                            p=_stats.p_text(chi["p_value"])))
    sentences.append(tr("Rank correlation of {value} and score: {rho:+.2f} ({p}).", value=value,
                        rho=rho, p=_stats.p_text(rho_p)))
    sentences.append(tr("Revenue-weighted NPS is {weighted:.1f} against {plain:.1f} "
                        "unweighted; promoters hold {promoters:.0%} of revenue and passives "
                        "{passives:.0%}.", weighted=weighted.nps, plain=plain.nps,
                        promoters=share.loc[0, "revenue_share"],
                        passives=share.loc[1, "revenue_share"]))
    answer = " ".join(sentences)
    return ValueAnalysis(by_tier=by_tier, chi2=chi, spearman_rho=float(rho),
                         spearman_p=float(rho_p), revenue_weighted=weighted, unweighted=plain,
                         revenue_share=share, answer=answer, headline=headline, notes=notes,
                         per_customer=bool(customer))


def _tied_bins(values: pd.Series, tiers: int, value: str, notes: list[str]
               ) -> list[float] | None:
    """Thresholds for value tiers when ``tiers`` equal-count tiers are not possible (many
    customers on one value: a plan's monthly price, 39.90): the distinct quantile cuts,
    said in ``notes``; None when equal-count tiers work. A value shared by many customers is
    a tier of its own (a cut just above it), as is each value when there are that few."""
    filled = values.dropna()
    edges = filled.quantile(np.linspace(0, 1, tiers + 1)).to_numpy()
    if len(np.unique(edges)) == tiers + 1 or filled.nunique() < 2:
        return None  # equal-count tiers (or a single value, which value_tiers refuses)
    distinct = np.sort(filled.unique())
    counts = filled.value_counts()
    most = int(counts.max())  # the most common value; among equals, the smallest
    return _cuts_for_ties(
        edges, tiers, value, notes, few=distinct if len(distinct) <= tiers else None,
        above=lambda t: distinct[np.searchsorted(distinct, t, side="right")],
        top=(float(counts.index[counts.to_numpy() == most].min()), most))


def _engine_tied_bins(frame: Any, value: str, tiers: int, notes: list[str]
                      ) -> list[float] | None:
    """:func:`_tied_bins` computed by a lazy source's engine: its exact quantiles (linear
    interpolation, as pandas), its distinct values only when there are at most ``tiers``,
    and the smallest value above each tied cut; no row leaves the engine."""
    v = nw.col(value).cast(nw.Float64)
    filled = frame.filter(~nw.col(value).is_null())
    got = collect(filled.select(
        *[v.quantile(i / tiers, interpolation="linear").alias(f"q{i}")
          for i in range(tiers + 1)], v.n_unique().alias("distinct")))
    edges = np.array([got.item(0, f"q{i}") for i in range(tiers + 1)], dtype=float)
    distinct = int(got.item(0, "distinct"))
    if len(np.unique(edges)) == tiers + 1 or distinct < 2:
        return None
    few = None
    if distinct <= tiers:
        few = np.sort(collect(filled.select(v.alias("v")).unique()).get_column("v")
                      .to_numpy().astype(float))
    top = collect(filled.group_by(value).agg(nw.len().alias("n"))
                  .sort(["n", value], descending=[True, False]).head(1))

    def above(t: float) -> float:
        return float(collect(filled.filter(v > t).select(v.min().alias("m"))).item(0, "m"))

    return _cuts_for_ties(edges, tiers, value, notes, few=few, above=above,
                          top=(float(top.item(0, value)), int(top.item(0, "n"))))


def _cuts_for_ties(edges: np.ndarray, tiers: int, value: str, notes: list[str], *,
                   few: np.ndarray | None, above: Any, top: tuple[float, int]) -> list[float]:
    """The cuts :func:`_tied_bins` chooses, from the quantile ``edges`` (lowest and highest
    value first and last), the sorted distinct values when there are at most ``tiers``
    (``few``), the smallest value above a given one (``above``) and the most common value
    with its count (``top``); the choice is said in ``notes``."""
    if few is not None:
        cuts = few[1:]  # each value its own tier
    else:  # the quantile cuts, and a cut just above a value many customers share (0 spent)
        tied, count = np.unique(edges, return_counts=True)
        shared = [above(t) for t in tied[count > 1] if t < edges[-1]]
        cuts = np.unique([e for e in [*edges[1:-1], *shared] if e > edges[0]])
    notes.append(tr("{tiers} equal-count tiers of {value} are not possible ({top:g} is the value "
                    "of {n:,} customers): tiers are cut at {cuts} instead.", tiers=tiers,
                    value=value, top=top[0], n=top[1],
                    cuts=", ".join(f"{c:g}" for c in cuts)))
    return [float(c) for c in cuts]


def _value_parts_pandas(data: pd.DataFrame, *, value: str, score: str, tiers: int,
                        bins: Sequence[float] | None, customer: str | None, date: str | None,
                        min_n: int, confidence: float) -> tuple:
    df = data
    notes: list[str] = []
    if customer:
        df = df.sort_values(date, kind="stable") if date else df
        before = len(df)
        df = df.drop_duplicates(subset=[customer], keep="last")
        notes.append(tr("one row per customer (their latest answer): {n:,} customers from "
                        "{before:,} responses.", n=len(df), before=before))
    from .._frames.amounts import as_amounts

    values = as_amounts(df[value], value)
    missing_value = values.isna()
    if missing_value.any():
        notes.append(tr("{n:,} row(s) without a {value} are left out.",
                        n=int(missing_value.sum()), value=value))
        df, values = df[~missing_value], values[~missing_value]
    negative = values < 0
    if negative.any():
        notes.append(tr("{n:,} negative {value} value(s) (refunds?) count as 0 in the revenue "
                        "weighting and revenue shares; tiers use them as they are.",
                        n=int(negative.sum()), value=value))
    if bins is None:
        bins = _tied_bins(values, tiers, value, notes)
    df = df.assign(value_tier=value_tiers(df.assign(**{value: values}), value=value,
                                          tiers=tiers, bins=bins))
    by_tier = segments(df, by="value_tier", score=score, min_n=min_n, confidence=confidence)
    scored = df[score].notna()
    from scipy.stats import spearmanr  # only here: scipy.stats is slow to import

    rho, rho_p = spearmanr(values[scored], df.loc[scored, score].astype(float))
    w = values.clip(lower=0)
    weighted = score_fn(df[score], weights=w, confidence=confidence)
    plain = score_fn(df[score], confidence=confidence)
    cat = classify(df[score])
    share = pd.DataFrame({
        "category": ["promoter", "passive", "detractor"],
        "respondent_share": [float((cat == c).sum()) / max(1, int(cat.notna().sum()))
                             for c in ("promoter", "passive", "detractor")],
        "revenue_share": [float(w[cat == c].sum()) / float(w[cat.notna()].sum())
                          if float(w[cat.notna()].sum()) > 0 else np.nan
                          for c in ("promoter", "passive", "detractor")],
    })
    return by_tier, rho, rho_p, weighted, plain, share, notes


def _value_parts_engine(frame: Any, *, value: str, score: str, tiers: int,
                        bins: Sequence[float] | None, customer: str | None, date: str | None,
                        min_n: int, confidence: float) -> tuple:
    """The same parts, computed by a lazy source's engine (only counts and sums return)."""
    from ..scoring import _result, from_counts

    def rows(f: Any) -> int:
        return int(collect(f.select(nw.len().alias("n"))).item(0, "n"))

    notes: list[str] = []
    if customer:
        if not date:
            raise ValueError("value_analysis on a lazy source counts each customer once with "
                             "their latest answer: give date= (rows have no order in an "
                             "engine)")
        before = rows(frame)
        frame = _engine.latest_per_customer(frame, customer, date)
        notes.append(tr("one row per customer (their latest answer): {n:,} customers from "
                        "{before:,} responses.", n=rows(frame), before=before))
    _engine._numeric(frame, value)
    v = nw.col(value)
    missing = rows(frame.filter(v.is_null()))
    if missing:
        notes.append(tr("{n:,} row(s) without a {value} are left out.", n=missing,
                        value=value))
        frame = frame.filter(~v.is_null())
    negative = rows(frame.filter(v < 0))
    if negative:
        notes.append(tr("{n:,} negative {value} value(s) (refunds?) count as 0 in the revenue "
                        "weighting and revenue shares; tiers use them as they are.",
                        n=negative, value=value))
    if bins is None:
        bins = _engine_tied_bins(frame, value, tiers, notes)
    names = _tier_names(value, tiers, bins, None)
    tier = _engine.tier_expression(frame, value, tiers, bins, names)
    frame = frame.with_columns(tier.alias("value_tier"),
                               nw.when(v < 0).then(0.0).otherwise(v.cast(nw.Float64))
                               .alias("__revenue"))
    table = segments(nw.to_native(frame), by="value_tier", score=score, min_n=min_n,
                     confidence=confidence)
    by_tier = _engine.tier_order(table, names)
    by_tier.attrs = table.attrs
    rho, rho_p = _engine.spearman(frame, value, score)
    c = counts_table(frame, score=score, weights="__revenue").iloc[0]
    P, A, D = int(c["promoters"]), int(c["passives"]), int(c["detractors"])
    weighted = _result(P, A, D, method="adjusted_wald", confidence=confidence, seed=0,
                       n_missing=int(c["n_missing"]),
                       weights=tuple(float(c[k]) for k in WEIGHT_COLUMNS))
    plain = from_counts(promoters=P, passives=A, detractors=D, confidence=confidence,
                        n_missing=int(c["n_missing"]))
    total_w = float(c["w_promoters"] + c["w_passives"] + c["w_detractors"])
    share = pd.DataFrame({
        "category": ["promoter", "passive", "detractor"],
        "respondent_share": [k / max(1, P + A + D) for k in (P, A, D)],
        "revenue_share": [float(c[f"w_{k}"]) / total_w if total_w > 0 else np.nan
                          for k in ("promoters", "passives", "detractors")],
    })
    return by_tier, rho, rho_p, weighted, plain, share, notes
