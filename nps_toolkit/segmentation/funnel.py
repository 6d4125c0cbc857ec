"""Funnel plots: many groups of very different sizes compared with the overall NPS, without
ranking noise (Spiegelhalter 2005)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import _stats
from .._frames import counts_table
from .._order import sort_frame

__all__ = ["funnel", "league_table"]

#: the two control limits of a funnel plot: about 2 and 3 standard errors (Spiegelhalter 2005)
LIMITS = (0.95, 0.998)


def funnel(data: Any, *, by: str | Sequence[str], score: str = "score",
           limits: Sequence[float] = LIMITS, min_n: int = 1) -> pd.DataFrame:
    """Each group's NPS against its number of answers, with control limits around the overall
    NPS: which stores, agents or branches really differ, and which only look extreme because
    they are small.

    For a target ``theta0`` (the NPS of all answers that have a group, as a proportion) and a
    group of ``n`` answers, the limits are ``theta0 +/- z_p sqrt(V0 / n)`` with ``V0 = p0 + d0 -
    (p0 - d0)^2`` the variance of one answer's -1/0/+1 score at the overall shares: the funnel
    plot of Spiegelhalter (2005), "Funnel plots for comparing institutional performance",
    Statistics in Medicine 24, 1185-1202, section 3 (normal approximation to an indicator that
    is a mean of bounded scores). ``z_p`` is two-sided for each of ``limits`` (0.95 and 0.998 by
    default: "about 2 and 3 standard errors"). A group outside the outer limits is one a stable
    process would produce about twice in a thousand groups; one between the limits is a
    "warning". No multiplicity correction is applied: the plot shows every group against the
    same limits, which is the point of a funnel.

    Parameters
    ----------
    data : data frame of responses (any source :func:`nps_toolkit.summarize` takes)
    by : column name(s)
        The groups (store, agent, branch...).
    limits : sequence of two floats, default (0.95, 0.998)
        Inner and outer control limits, as two-sided coverage.
    min_n : int, default 1
        Groups with fewer answers are left out (listed in ``.attrs["notes"]``).

    Returns
    -------
    pandas.DataFrame
        One row per group, in name order: the group columns, ``n``, ``nps``, ``target``
        (the overall NPS), ``inner_low``, ``inner_high``, ``outer_low``, ``outer_high`` (the
        limits at this group's n, in NPS points), ``z`` (the group's distance from the
        target in standard errors) and ``position``: ``"above (outer)"``, ``"above
        (inner)"``, ``"within"``, ``"below (inner)"`` or ``"below (outer)"``.
        ``.attrs["curve"]`` holds the limits on a grid of n for drawing the funnel (records:
        ``n``, ``inner_low``, ``inner_high``, ``outer_low``, ``outer_high``).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> f = funnel(load_sample(), by="support_agent")
    >>> f.loc[f["position"] == "below (outer)", "support_agent"].tolist()
    ['Jordan']
    """
    keys = [by] if isinstance(by, str) else list(by)
    if not keys:
        raise ValueError("by must name at least one group column")
    inner, outer = (float(x) for x in limits)
    if not 0 < inner < outer < 1:
        raise ValueError(f"limits are two coverages with 0 < inner < outer < 1, got {limits!r}")
    table = counts_table(data, score=score, by=keys)
    notes: list[str] = []
    missing = table[keys].isna().any(axis=1)
    if missing.any():
        notes.append(f"{int(table.loc[missing, 'n'].sum()):,} answer(s) without a "
                     f"{' / '.join(keys)} are left out: the target is the NPS of the answers "
                     "with one (agents are compared with agents, not with customers who never "
                     "met one)")
    known = table[~missing]
    P, D = known["promoters"].sum(), known["detractors"].sum()
    total = known["n"].sum()
    if total == 0:
        raise ValueError("no scored answers to build a funnel from")
    p0, d0 = P / total, D / total
    v0 = float(_stats.nps_variance(p0, d0))
    groups = table[~missing & (table["n"] >= max(min_n, 1))].copy()
    small = table[~missing & (table["n"] < max(min_n, 1)) & (table["n"] > 0)]
    if len(small):
        notes.append(f"{len(small)} group(s) under {min_n} answers left out")
    n = groups["n"].to_numpy(float)
    target = 100 * (p0 - d0)
    se = 100 * np.sqrt(v0 / n)
    z_in, z_out = _stats.z_value(inner), _stats.z_value(outer)
    nps = 100 * (groups["promoters"] - groups["detractors"]).to_numpy(float) / n
    out = groups[keys].reset_index(drop=True)
    out["n"] = groups["n"].to_numpy()
    out["nps"] = nps
    out["target"] = target
    out["inner_low"], out["inner_high"] = target - z_in * se, target + z_in * se
    out["outer_low"], out["outer_high"] = target - z_out * se, target + z_out * se
    with np.errstate(invalid="ignore", divide="ignore"):
        out["z"] = (nps - target) / se
    az = np.abs(out["z"].to_numpy())
    side = np.where(out["z"] > 0, "above", "below")
    out["position"] = np.where(az > z_out, np.char.add(side.astype(str), " (outer)"),
                               np.where(az > z_in, np.char.add(side.astype(str), " (inner)"),
                                        "within"))
    out = sort_frame(out, keys[0], keys[1:], ascending=True) if len(keys) > 1 else \
        out.sort_values(keys, kind="stable").reset_index(drop=True)
    # the limits on a grid from half the smallest group to twice the largest: the funnel
    lo_n = max(1.0, (n.min() if len(n) else 1.0) / 2)
    grid = np.unique(np.geomspace(lo_n, max(lo_n * 4, (n.max() if len(n) else 2.0) * 2), 60
                                  ).round())
    gse = 100 * np.sqrt(v0 / grid)
    curve = pd.DataFrame({"n": grid})
    for name, z in (("inner", z_in), ("outer", z_out)):
        curve[f"{name}_low"] = np.clip(target - z * gse, -100, 100)
        curve[f"{name}_high"] = np.clip(target + z * gse, -100, 100)
    # plain records, not a frame: pandas compares attrs when frames are combined
    out.attrs = {"notes": notes, "limits": (inner, outer), "curve": curve.to_dict("records")}
    return out


def league_table(data: Any, *, by: str | Sequence[str], score: str = "score",
                 confidence: float = 0.95, bottom: int = 10, n_draws: int = 4000,
                 seed: int = 0) -> pd.DataFrame:
    """A league table that does not reward being small: each group's NPS shrunk toward the
    NPS of all groups in proportion to its uncertainty, with an interval, a rank interval and
    the probability of being among the ``bottom`` (and top) groups.

    The empirical-Bayes normal model (Efron & Morris 1975, JASA 70, 311-319; Morris 1983,
    JASA 78, 47-55): a group's observed NPS ``y_g`` (a mean of -1/0/+1 answers) is its true
    NPS plus noise of variance ``s_g^2 = V0 / n_g`` (``V0`` the answer variance at the shares
    of all answers with a group, as in :func:`funnel`), and true NPS vary around ``mu`` with
    variance ``tau^2``, estimated by the method of moments (DerSimonian & Laird 1986,
    Controlled Clinical Trials 7, 177-188). The shrunken NPS is ``mu + (1 - B_g)(y_g - mu)``
    with ``B_g = s_g^2 / (s_g^2 + tau^2)``: a group of 10 answers moves most of the way to
    ``mu``, one of 1,000 barely. Its variance ``(1 - B_g) s_g^2 + B_g^2 / sum(1 / (s^2 +
    tau^2))`` includes the uncertainty of ``mu`` (Morris 1983, eq. 4.1). Ranks (1 = highest
    NPS) and their intervals come from ``n_draws`` seeded draws of every group's posterior.

    Parameters
    ----------
    data : data frame of responses
    by : column name(s)
    confidence : float, default 0.95
        Level of the NPS and rank intervals.
    bottom : int, default 10
        ``p_bottom`` is the probability of being among the ``bottom`` lowest groups (and
        ``p_top`` among the highest).
    n_draws, seed : int
        Posterior draws for the ranks (seeded: the same table on every run).

    Returns
    -------
    pandas.DataFrame
        One row per group, best shrunken NPS first (ties by name): the group columns, ``n``,
        ``nps`` (observed), ``shrunk_nps``, ``ci_low``, ``ci_high``, ``shrinkage`` (``B_g``:
        0 = kept as observed, 1 = pulled fully to the mean), ``rank``, ``rank_low``,
        ``rank_high``, ``p_top``, ``p_bottom``. ``.attrs``: ``mu`` and ``tau`` in NPS points.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> t = league_table(load_sample(), by="support_agent", bottom=2)
    >>> t[["support_agent", "n", "rank", "rank_low", "rank_high"]].tail(2)
      support_agent    n  rank  rank_low  rank_high
    6           Mei  106     7         3          7
    7        Jordan  136     8         8          8
    """
    keys = [by] if isinstance(by, str) else list(by)
    if not keys:
        raise ValueError("by must name at least one group column")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    table = counts_table(data, score=score, by=keys)
    table = table[~table[keys].isna().any(axis=1) & (table["n"] > 0)].reset_index(drop=True)
    k = len(table)
    if k < 3:
        raise ValueError(f"a league table needs at least 3 groups of {' / '.join(keys)}, got {k}")
    n = table["n"].to_numpy(float)
    P, D = table["promoters"].to_numpy(float), table["detractors"].to_numpy(float)
    y = (P - D) / n
    p0, d0 = P.sum() / n.sum(), D.sum() / n.sum()
    s2 = float(_stats.nps_variance(p0, d0)) / n
    w = 1 / s2
    ybar = (w * y).sum() / w.sum()
    q = (w * (y - ybar) ** 2).sum()
    tau2 = max(0.0, (q - (k - 1)) / (w.sum() - (w**2).sum() / w.sum()))
    wstar = 1 / (s2 + tau2)
    mu = (wstar * y).sum() / wstar.sum()
    b = s2 / (s2 + tau2)
    shrunk = mu + (1 - b) * (y - mu)
    var = (1 - b) * s2 + b**2 / wstar.sum()
    z = _stats.z_value(confidence)
    sd = np.sqrt(var)
    rng = np.random.default_rng(seed)
    draws = shrunk[None, :] + sd[None, :] * rng.standard_normal((n_draws, k))
    # rank 1 = highest NPS in each draw (ties, of probability zero, by position)
    ranks = (-draws).argsort(axis=1, kind="stable").argsort(axis=1, kind="stable") + 1
    lo_q, hi_q = (1 - confidence) / 2, 1 - (1 - confidence) / 2
    out = table[keys].copy()
    out["n"] = table["n"].to_numpy()
    out["nps"] = 100 * y
    out["shrunk_nps"] = 100 * shrunk
    out["ci_low"] = np.clip(100 * (shrunk - z * sd), -100, 100)
    out["ci_high"] = np.clip(100 * (shrunk + z * sd), -100, 100)
    out["shrinkage"] = b
    out["rank_low"] = np.quantile(ranks, lo_q, axis=0, method="inverted_cdf").astype(int)
    out["rank_high"] = np.quantile(ranks, hi_q, axis=0, method="inverted_cdf").astype(int)
    bottom = min(max(int(bottom), 1), k)
    out["p_top"] = (ranks <= bottom).mean(axis=0)
    out["p_bottom"] = (ranks > k - bottom).mean(axis=0)
    out = sort_frame(out, "shrunk_nps", keys[0], ascending=False).reset_index(drop=True)
    out.insert(out.columns.get_loc("shrinkage") + 1, "rank", np.arange(1, k + 1))
    out.attrs = {"mu": 100 * mu, "tau": 100 * float(np.sqrt(tau2)), "bottom": bottom}
    return out
