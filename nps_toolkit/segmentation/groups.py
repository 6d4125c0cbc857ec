"""Segmentation: where is the NPS good or bad, and is the difference real?

``segments`` compares each group with the rest of the respondents, with intervals, p-values
adjusted for the number of groups, and a verdict in plain words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from .. import _stats
from .._frames import counts_table
from ..i18n import tr
from ..scoring import intervals_from_counts

__all__ = ["segments", "segments_across"]

Adjust = Literal["holm", "bh", "bonferroni", "none"]



def verdict_words(*, keys: str = "", min_n: int = 30) -> dict[str, str]:
    """The verdict of each ``verdict_code`` in the current language (:mod:`nps_toolkit.i18n`)."""
    return {"not_compared": tr("not compared: no {keys} (see rest=)", keys=keys),
            "no_responses": tr("no valid responses"),
            "no_rest": tr("no other respondents to compare with"),
            "too_few": tr("too few responses to judge (n < {min_n})", min_n=min_n),
            "not_different": tr("not significantly different from the rest"),
            "above": tr("significantly above the rest"),
            "below": tr("significantly below the rest")}

def segments(data: Any, *, by: str | Sequence[str], score: str = "score",
             weights: str | None = None, min_n: int = 30, adjust: Adjust = "holm",
             confidence: float = 0.95, method: str = "adjusted_wald",
             rest: Literal["known", "all"] = "known") -> pd.DataFrame:
    """NPS of each group, and whether it differs from the rest of the respondents.

    Each group (a value, or a combination of values, of the ``by`` columns) is compared with
    everyone else as two independent samples: the difference ``NPS_group - NPS_rest`` with its
    interval (adjusted Wald, or Wald if ``method="wald"``; see :func:`nps_toolkit.compare`) and
    a z-test whose variance is taken under "no difference" (pooled; its size holds at Holm's
    small thresholds for groups of 30-100, where a Wald-type test is 1.1-1.5 times too liberal:
    20 groups of 30-100 keep the family-wise rate at 5%). The p-values of the groups with at
    least ``min_n`` respondents form the family that ``adjust`` corrects (Holm 1979 by default,
    controlling the chance of any false alarm; ``bh`` for Benjamini-Hochberg's false discovery
    rate). Smaller groups get their interval and raw p-value but no verdict. Missing group
    values form their own group, shown last. Aggregation runs through narwhals (pandas, polars,
    pyarrow, DuckDB).

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
        shown with its NPS and interval but not compared, and ``.attrs["notes"]`` says so.
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
    # the test takes the variance under "no difference" (pooled, a score-type test): at
    # Holm's small thresholds its size holds for groups of 30-100 where the adjusted-Wald z
    # test's does not (issue 27 §2); the interval of the difference stays adjusted Wald
    zstat, p = _stats.difference_test(*g_eff.T, *r_eff.T)
    zstat, p = np.where(defined, zstat, np.nan), np.where(defined, p, np.nan)
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
    out["not_compared"] = not_compared
    _verdicts(out, alpha, keys, min_n)
    out = out.drop(columns=["n_rows", "not_compared"])
    counts = table.loc[pool, ["detractors", "passives", "promoters"]].to_numpy()
    counts = counts[counts.sum(axis=1) > 0]
    counts = counts[:, counts.sum(axis=0) > 0]
    if counts.shape[0] >= 2 and counts.shape[1] >= 2:
        # scipy.stats' chi2_contingency numbers, without its 0.5 s first import (issue 28)
        stat, dof, chi_p = _stats.chi2_independence(counts)
        out.attrs["chi2"] = {"statistic": stat, "dof": dof, "p_value": chi_p,
                             "groups": int(counts.shape[0])}
    else:
        out.attrs["chi2"] = None
    out.attrs["adjust"] = adjust
    out.attrs["rest"] = rest
    if not_compared.any():
        n_missing_rows = int(table.loc[not_compared, "n"].sum())
        out.attrs["notes"] = [tr(
            "Each group is compared with the rest of the {n:,} responses where {keys} is "
            "known; the {missing:,} responses without it are shown for reference, not "
            "compared (rest='all' compares with everyone).", n=int(table.loc[pool, 'n'].sum()),
            keys=" / ".join(map(str, keys)), missing=n_missing_rows)]
    elif missing_key.any():
        out.attrs["notes"] = [tr("Groups are compared with everyone else, including the "
                                 "responses without a value (rest='all').")]
    else:
        out.attrs["notes"] = []
    return out


def _verdicts(out: pd.DataFrame, alpha: float, keys: Sequence[Any], min_n: int) -> None:
    """``significant``, ``verdict_code`` and ``verdict`` of a segments table from its
    ``p_adjusted`` (in place): a stable code for code written against the API, the words in
    the reader's language. ``not_compared`` is read from the column, or from the code when
    the table has been made already."""
    not_compared = (out["not_compared"].to_numpy() if "not_compared" in out
                    else out["verdict_code"].eq("not_compared").to_numpy())
    out["significant"] = out["p_adjusted"] < alpha
    code = np.where(
        not_compared, "not_compared",
        np.where(out["n"].to_numpy() == 0, "no_responses",
                 np.where(out["rest_n"].to_numpy() == 0, "no_rest",
                          np.where(out["small_n"].to_numpy(), "too_few",
                                   np.where(~out["significant"].to_numpy(), "not_different",
                                            np.where(out["difference"].to_numpy() > 0,
                                                     "above", "below"))))))
    words = verdict_words(keys=" / ".join(map(str, keys)), min_n=min_n)
    out["verdict_code"] = code
    out["verdict"] = pd.Series(code, index=out.index).map(words).to_numpy()


def segments_across(data: Any, *, by: Sequence[str], score: str = "score",
                    weights: str | None = None, min_n: int = 30, adjust: Adjust = "holm",
                    confidence: float = 0.95, method: str = "adjusted_wald",
                    rest: Literal["known", "all"] = "known") -> dict[str, pd.DataFrame]:
    """:func:`segments` by each column of ``by`` on its own, with the p-values of all their
    groups adjusted as one family.

    Comparing groups of many columns (region, channel, tier... a wide export has dozens) one
    column at a time controls the false alarms within each column, not across them: with 50
    columns of 5 groups and no real difference anywhere, about 2 or 3 columns would show a
    group "significantly" different by chance. Here the groups of every column form one
    family for ``adjust`` (Holm 1979 by default: the chance of any false alarm in the whole
    comparison stays at ``1 - confidence``). With one column it is :func:`segments`.

    Parameters
    ----------
    data : data frame or DuckDB relation
    by : list of column names
        Each compared on its own (not combined: see :func:`segments` for combinations).
    score, weights, min_n, adjust, confidence, method, rest
        As in :func:`segments`.

    Returns
    -------
    dict of str to pandas.DataFrame
        Each column's :func:`segments` table, in the order of ``by``, with ``p_adjusted``,
        ``significant`` and the verdicts from the joint adjustment. ``.attrs["family"]``:
        the number of p-values adjusted together; ``.attrs["across"]``: the columns.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> tables = segments_across(load_sample(), by=["touchpoint", "channel"])
    >>> tables["touchpoint"][["touchpoint", "verdict"]]
           touchpoint                          verdict
    0  after purchase  significantly above the rest
    1   after support  significantly below the rest
    2        periodic  significantly above the rest
    >>> tables["touchpoint"].attrs["family"]  # 3 touchpoints and 6 channels
    9
    """
    columns = list(dict.fromkeys([by] if isinstance(by, str) else by))
    if not columns:
        raise ValueError("by must name at least one group column")
    tables = {c: segments(data, by=c, score=score, weights=weights, min_n=min_n,
                          adjust="none", confidence=confidence, method=method, rest=rest)
              for c in columns}
    family = np.concatenate([t["p_adjusted"].to_numpy(dtype=float) for t in tables.values()])
    joint = _stats.adjust_pvalues(family, adjust)
    start = 0
    for column, table in tables.items():
        table["p_adjusted"] = joint[start:start + len(table)]
        start += len(table)
        _verdicts(table, 1 - confidence, [column], min_n)
        table.attrs.update(adjust=adjust, family=int(np.isfinite(family).sum()),
                           across=columns)
    return tables


# --------------------------------------------------------------------------- value tiers
