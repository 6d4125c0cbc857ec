"""Segmentation: where is the NPS good or bad, and is the difference real?

``segments`` compares each group with the rest of the respondents, with intervals, p-values
adjusted for the number of groups, and a verdict in plain words. ``value_tiers`` and
``value_analysis`` answer "are our biggest customers our biggest promoters?".
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import _stats
from ._frames import counts_table, require_columns, to_narwhals, to_pandas
from .scoring import NPSResult, classify, intervals_from_counts
from .scoring import score as score_fn

__all__ = ["ValueAnalysis", "segments", "value_analysis", "value_tiers"]

Adjust = Literal["holm", "bh", "bonferroni", "none"]


def segments(data: Any, *, by: str | Sequence[str], score: str = "score",
             weights: str | None = None, min_n: int = 30, adjust: Adjust = "holm",
             confidence: float = 0.95, method: str = "adjusted_wald",
             rest: Literal["known", "all"] = "known") -> pd.DataFrame:
    """NPS of each group, and whether it differs from the rest of the respondents.

    Each group (a value, or a combination of values, of the ``by`` columns) is compared with
    everyone else as two independent samples: the difference ``NPS_group - NPS_rest`` with its
    interval and z-test (adjusted Wald, or Wald if ``method="wald"``; see
    :func:`nps_toolkit.compare`). The p-values of the groups with at least ``min_n``
    respondents form the family that ``adjust`` corrects (Holm 1979 by default, controlling the
    chance of any false alarm; ``bh`` for Benjamini-Hochberg's false discovery rate). Smaller
    groups get their interval and raw p-value but no verdict. Missing group values form their
    own group, shown last. Aggregation runs through narwhals (pandas, polars, pyarrow, DuckDB).

    Parameters
    ----------
    data : data frame or DuckDB relation
    by : column name or list of names
        Persona, channel, touchpoint, region, agent, value tier...
    score, weights : column names
        As in :func:`nps_toolkit.summarize`; weighted groups are compared on effective counts.
    min_n : int, default 30
        Groups below it are flagged ``small_n`` and left out of the adjustment family.
    adjust : {"holm", "bh", "bonferroni", "none"}
    confidence : float
        Level of the intervals; a difference is significant when ``p_adjusted < 1 - confidence``.
    method : str
        Interval method for each group's NPS (any of :func:`nps_toolkit.score`'s); the
        difference uses ``adjusted_wald`` unless this is ``wald``.
    rest : {"known", "all"}
        What each group is compared with when some rows have no value for ``by``.
        ``"known"`` (default): the other rows where the value is known; the missing group is
        shown with its NPS and interval but not compared, and ``.attrs["note"]`` says so.
        (Support agents exist only for support contacts: comparing an agent with everyone
        else would measure the touchpoint, not the agent.) ``"all"``: everyone else,
        missing group included and compared too.

    Returns
    -------
    pandas.DataFrame
        The :func:`nps_toolkit.summarize` columns plus ``rest_n``, ``rest_nps``,
        ``difference``, ``diff_ci_low``, ``diff_ci_high``, ``z``, ``p_value``, ``p_adjusted``,
        ``significant`` and ``verdict``. ``.attrs["chi2"]`` holds the chi-square test of
        independence of category (detractor/passive/promoter) and group (unweighted counts).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> table = segments(load_sample(), by="touchpoint")
    >>> table[["touchpoint", "nps", "verdict"]]
           touchpoint        nps                          verdict
    0  after purchase  37.794971  significantly above the rest
    1   after support -22.964509  significantly below the rest
    2        periodic  40.656397  significantly above the rest
    """
    keys = [by] if isinstance(by, str) else list(by)
    if not keys:
        raise ValueError("by must name at least one group column")
    if rest not in ("known", "all"):
        raise ValueError(f"rest must be 'known' or 'all', got {rest!r}")
    table = counts_table(data, score=score, by=keys, weights=weights)
    weighted = weights is not None
    out = intervals_from_counts(table, method=method, confidence=confidence, seed=0,
                                min_n=min_n, weighted=weighted)
    missing_key = table[keys].isna().any(axis=1).to_numpy()
    # the pool the groups are compared with: rows with a known value (default), or all rows
    pool = ~missing_key if rest == "known" and missing_key.any() else np.ones(len(table), bool)
    not_compared = ~pool
    if weighted:
        totals = table.loc[pool, ["w_promoters", "w_passives", "w_detractors", "w_sum",
                                  "w_sq"]].sum()
        g = table[["w_promoters", "w_passives", "w_detractors"]].to_numpy(float)
        gs, gq = table["w_sum"].to_numpy(float), table["w_sq"].to_numpy(float)
        rs, rq = totals["w_sum"] - gs, totals["w_sq"] - gq
        r = totals[["w_promoters", "w_passives", "w_detractors"]].to_numpy(float) - g
        with np.errstate(invalid="ignore", divide="ignore"):
            g_eff = g / gs[:, None] * (gs**2 / gq)[:, None]
            r_eff = r / rs[:, None] * (rs**2 / rq)[:, None]
            rest_nps = 100 * (r[:, 0] - r[:, 2]) / rs
        rest_n = table.loc[pool, "n"].sum() - table["n"].to_numpy()
    else:
        g_eff = table[["promoters", "passives", "detractors"]].to_numpy(float)
        r_eff = g_eff[pool].sum(axis=0) - g_eff
        rest_n = r_eff.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            rest_nps = 100 * (r_eff[:, 0] - r_eff[:, 2]) / rest_n
    diff_method = "wald" if method == "wald" else "adjusted_wald"
    centre, se = _stats.difference(*g_eff.T, *r_eff.T, method=diff_method)
    z = _stats.z_value(confidence)
    defined = (table["n"].to_numpy() > 0) & (rest_n > 0) & (se > 0) & ~not_compared
    rest_n = np.where(not_compared, 0, rest_n)
    rest_nps = np.where(not_compared, np.nan, rest_nps)
    with np.errstate(invalid="ignore", divide="ignore"):
        zstat = np.where(defined, centre / se, np.nan)
    p = np.where(defined, 2 * _stats.norm_sf(np.abs(zstat)), np.nan)
    in_family = defined & ~out["small_n"].to_numpy()
    p_adj = _stats.adjust_pvalues(np.where(in_family, p, np.nan), adjust)
    alpha = 1 - confidence
    out["rest_n"] = rest_n.astype(np.int64)
    out["rest_nps"] = rest_nps
    out["difference"] = out["nps"].to_numpy() - rest_nps
    out["diff_ci_low"] = np.where(defined, centre - z * se, np.nan)
    out["diff_ci_high"] = np.where(defined, centre + z * se, np.nan)
    out["z"] = zstat
    out["p_value"] = p
    out["p_adjusted"] = p_adj
    out["significant"] = p_adj < alpha
    verdict = np.where(
        not_compared, f"not compared: no {' / '.join(keys)} (see rest=)",
        np.where(
        out["n"].to_numpy() == 0, "no valid responses",
        np.where(rest_n == 0, "no other respondents to compare with",
                 np.where(out["small_n"].to_numpy(),
                          f"too few responses to judge (n < {min_n})",
                          np.where(~out["significant"].to_numpy(),
                                   "not significantly different from the rest",
                                   np.where(out["difference"].to_numpy() > 0,
                                            "significantly above the rest",
                                            "significantly below the rest"))))))
    out["verdict"] = verdict
    out = out.drop(columns=["n_rows"])
    counts = table.loc[pool, ["detractors", "passives", "promoters"]].to_numpy()
    counts = counts[counts.sum(axis=1) > 0]
    counts = counts[:, counts.sum(axis=0) > 0]
    if counts.shape[0] >= 2 and counts.shape[1] >= 2:
        from scipy.stats import chi2_contingency  # only here: scipy.stats is slow to import

        chi = chi2_contingency(counts)
        out.attrs["chi2"] = {"statistic": float(chi.statistic), "dof": int(chi.dof),
                             "p_value": float(chi.pvalue), "groups": int(counts.shape[0])}
    else:
        out.attrs["chi2"] = None
    out.attrs["adjust"] = adjust
    out.attrs["rest"] = rest
    if not_compared.any():
        n_missing_rows = int(table.loc[not_compared, "n"].sum())
        out.attrs["note"] = (
            f"Each group is compared with the rest of the {int(table.loc[pool, 'n'].sum()):,} "
            f"responses where {' / '.join(keys)} is known; the {n_missing_rows:,} responses "
            "without it are shown for reference, not compared (rest='all' compares with "
            "everyone).")
    elif missing_key.any():
        out.attrs["note"] = ("Groups are compared with everyone else, including the "
                             "responses without a value (rest='all').")
    else:
        out.attrs["note"] = ""
    return out


# --------------------------------------------------------------------------- value tiers
def _tier_labels(k: int, value: str) -> list[str]:
    width = 100 / k
    labels = []
    for i in range(k):
        lo, hi = i * width, (i + 1) * width
        if i == 0:
            labels.append(f"Bottom {width:g}% by {value}")
        elif i == k - 1:
            labels.append(f"Top {width:g}% by {value}")
        else:
            labels.append(f"{lo:g}-{hi:g}th percentile by {value}")
    return labels


def value_tiers(data: Any, *, value: str, tiers: int = 4, bins: Sequence[float] | None = None,
                labels: Sequence[str] | None = None) -> pd.Series:
    """Customer-value tiers with labels an analyst can read ("Top 25% by CLV").

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

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
        missing values stay missing (``segments`` shows them as their own group).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"clv": [10, 20, 30, 40, 50, 60, 70, 80]})
    >>> value_tiers(df, value="clv").tolist()[::3]
    ['Bottom 25% by clv', '25-50th percentile by clv', 'Top 25% by clv']
    """
    require_columns(to_narwhals(data), [value], role="value column")
    native = to_pandas(data, rows_for="value_tiers: it ranks customers by value")
    values = pd.to_numeric(native[value], errors="coerce")
    bad = values.isna() & native[value].notna()
    if bad.any():
        raise ValueError(f"value column {value!r} has {int(bad.sum())} non-numeric value(s), "
                         f"e.g. {list(native.loc[bad, value].head(3))!r}; clean or remove them")
    if bins is not None:
        edges = sorted(float(b) for b in bins)
        if len(set(edges)) != len(edges):
            raise ValueError(f"bins must be distinct thresholds, got {list(bins)!r}")
        full = [-np.inf, *edges, np.inf]
        auto = ([f"< {edges[0]:g}"]
                + [f"{a:g} to < {b:g}" for a, b in pairwise(edges)]
                + [f">= {edges[-1]:g}"])
        names = list(labels) if labels is not None else [f"{a} {value}" for a in auto]
        if len(names) != len(full) - 1:
            raise ValueError(f"{len(full) - 1} tiers need {len(full) - 1} labels, got "
                             f"{len(names)}")
        cut = pd.cut(values, full, right=False, labels=names)
    else:
        if tiers < 2:
            raise ValueError(f"tiers must be at least 2, got {tiers}")
        names = list(labels) if labels is not None else _tier_labels(tiers, value)
        if len(names) != tiers:
            raise ValueError(f"{tiers} tiers need {tiers} labels, got {len(names)}")
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
        The direct answer in plain words.
    notes : list of str
        What was excluded or clipped, and why.
    """

    by_tier: pd.DataFrame
    chi2: dict[str, Any] | None
    spearman_rho: float
    spearman_p: float
    revenue_weighted: NPSResult
    unweighted: NPSResult
    revenue_share: pd.DataFrame
    answer: str
    notes: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return self.answer + "".join(f"\nNote: {n}" for n in self.notes)

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

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

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
    >>> va.answer.split(".")[0]
    'No'
    """
    need = [score, value] + ([customer] if customer else []) + ([date] if date else [])
    df = to_pandas(data, need, rows_for="value_analysis: it ranks customers by value")
    notes: list[str] = []
    if customer:
        df = df.sort_values(date, kind="stable") if date else df
        before = len(df)
        df = df.drop_duplicates(subset=[customer], keep="last")
        notes.append(f"one row per customer (their latest answer): {len(df):,} customers from "
                     f"{before:,} responses.")
    values = pd.to_numeric(df[value], errors="coerce")
    missing_value = values.isna()
    if missing_value.any():
        notes.append(f"{int(missing_value.sum())} row(s) without a {value} are left out.")
        df, values = df[~missing_value], values[~missing_value]
    negative = values < 0
    if negative.any():
        notes.append(f"{int(negative.sum())} negative {value} value(s) (refunds?) count as 0 "
                     "in the revenue weighting and revenue shares; tiers use them as they are.")
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
    top = by_tier.dropna(subset=["value_tier"]).iloc[-1]
    rest = by_tier.dropna(subset=["value_tier"]).iloc[:-1]
    biggest_are_promoters = (top["significant"] and top["difference"] > 0
                             and top["promoter_share"] >= rest["promoter_share"].max())
    lead = "Yes" if biggest_are_promoters else "No"
    main = max(("promoter", top["promoter_share"]), ("passive", top["passive_share"]),
               ("detractor", top["detractor_share"]), key=lambda t: t[1])
    chi = by_tier.attrs["chi2"]
    answer = (
        f"{lead}. {top['value_tier']} have an NPS of {top['nps']:.1f} "
        f"({confidence:.0%} CI {top['ci_low']:.1f} to {top['ci_high']:.1f}, n={int(top['n']):,}) "
        f"against {top['rest_nps']:.1f} for everyone else ({top['verdict']}); "
        f"{main[1]:.0%} of them are {main[0]}s. "
        + (f"Category depends on tier (chi-square p={chi['p_value']:.2g}). " if chi else "")
        + f"Rank correlation of {value} and score: {rho:+.2f} (p={rho_p:.2g}). "
        f"Revenue-weighted NPS is {weighted.nps:.1f} against {plain.nps:.1f} unweighted; "
        f"promoters hold {share.loc[0, 'revenue_share']:.0%} of revenue and passives "
        f"{share.loc[1, 'revenue_share']:.0%}."
    )
    return ValueAnalysis(by_tier=by_tier, chi2=chi, spearman_rho=float(rho),
                         spearman_p=float(rho_p), revenue_weighted=weighted, unweighted=plain,
                         revenue_share=share, answer=answer, notes=notes)
