"""Interval estimators for the Net Promoter Score, vectorised over groups.

Every function here takes arrays of (possibly non-integer, for weighted data) counts of
promoters, passives and detractors, one element per group, and returns arrays in NPS points
(-100..100). Keeping the statistics on the small counts table is what lets ``summarize`` handle
thousands of groups without a Python loop per group.

Notation: ``P``, ``A``, ``D`` are the counts of promoters, passives ("A" for neutral) and
detractors, ``n = P + A + D``, ``p = P/n`` and ``d = D/n``. The NPS as a proportion is
``p - d``; each respondent contributes +1, 0 or -1, so its variance is
``p + d - (p - d)**2`` and the variance of the sample NPS is that divided by ``n``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from statistics import NormalDist
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray


class _LazySpecial:
    """``scipy.special``, imported on first use: it costs ~0.2 s, which ``import
    nps_toolkit`` should not pay before a statistic is computed (issue 13's import target)."""

    def __getattr__(self, name: str):
        from scipy import special as module

        return getattr(module, name)


special = _LazySpecial()

Arrays = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]

METHODS: Final = ("wald", "adjusted_wald", "score", "bootstrap", "bayes")

#: Pseudo-observations of the adjusted Wald interval (Rocks 2016): 3/4 promoter, 3/2 passive,
#: 3/4 detractor, i.e. three respondents whose NPS is zero.
ADJUSTED_PSEUDO: Final = (0.75, 1.5, 0.75)

DEFAULT_BOOTSTRAP: Final = 4000
DEFAULT_DRAWS: Final = 20000
_CHUNK_CELLS: Final = 2_000_000  # bound on draws x groups held in memory at once


def z_value(confidence: float) -> float:
    """Two-sided standard normal quantile for ``confidence`` (e.g. 1.959964 for 0.95)."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    return float(norm_ppf(0.5 + confidence / 2))


#: Below this many values a normal tail or quantile is computed with the standard library
#: while scipy.special is not yet imported: its first import costs 0.15-0.2 s, most of a first
#: ``summarize`` on a 2M-row DuckDB relation (0.16-0.18 s against 0.05 s warm; issue 28).
_STDLIB_UP_TO: Final = 4096


def _stdlib_ok(arr: np.ndarray) -> bool:
    return arr.size <= _STDLIB_UP_TO and "scipy.special" not in sys.modules


def norm_sf(x: ArrayLike) -> NDArray[np.float64]:
    """Standard normal survival function, ``1 - Phi(x)`` (``scipy.special.ndtr(-x)``: the
    same numbers as ``scipy.stats.norm.sf`` without importing scipy.stats, which takes
    seconds). Few values before scipy.special is loaded: ``erfc(x / sqrt 2) / 2`` from
    :mod:`math`, the formula ``ndtr`` uses in the tails (Cody 1969), equal to it within a
    few units in the last place."""
    arr = np.asarray(x, dtype=float)
    if _stdlib_ok(arr):
        out = np.frompyfunc(lambda v: 0.5 * math.erfc(v / math.sqrt(2.0)), 1, 1)(arr)
        return np.asarray(out, dtype=float)[()] if arr.ndim == 0 else out.astype(float)
    return special.ndtr(-arr)


def norm_ppf(q: ArrayLike) -> NDArray[np.float64]:
    """Standard normal quantile (``scipy.special.ndtri``; equals ``scipy.stats.norm.ppf``).
    Few values before scipy.special is loaded: :class:`statistics.NormalDist`'s ``inv_cdf``
    (Wichura 1988, algorithm AS 241, accurate to about 1e-16), -inf/inf at 0 and 1."""
    arr = np.asarray(q, dtype=float)
    if _stdlib_ok(arr):
        out = np.frompyfunc(_inv_cdf, 1, 1)(arr)
        return np.asarray(out, dtype=float)[()] if arr.ndim == 0 else out.astype(float)
    return special.ndtri(arr)


def _inv_cdf(p: float) -> float:
    if not 0.0 < p < 1.0:
        return -math.inf if p == 0.0 else math.inf if p == 1.0 else math.nan
    return NormalDist().inv_cdf(p)


def t_sf(t: ArrayLike, df: ArrayLike) -> NDArray[np.float64]:
    """Student t survival function (``scipy.special.stdtr(df, -t)``; equals
    ``scipy.stats.t.sf``)."""
    return special.stdtr(df, -np.asarray(t, dtype=float))


def t_ppf(q: ArrayLike, df: ArrayLike) -> NDArray[np.float64]:
    """Student t quantile (``scipy.special.stdtrit``; equals ``scipy.stats.t.ppf``)."""
    return special.stdtrit(df, np.asarray(q, dtype=float))


def wilson(k: int, n: int, z: float) -> tuple[float, float]:
    """Wilson score interval for a proportion k/n (Wilson 1927, "Probable inference, the law
    of succession, and statistical inference", JASA 22(158)); (NaN, NaN) when n is 0."""
    if n == 0:
        return (np.nan, np.nan)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, float(centre - half)), min(1.0, float(centre + half))


def nps_variance(p: ArrayLike, d: ArrayLike) -> NDArray[np.float64]:
    """Per-respondent variance of the NPS score -1/0/+1: ``p + d - (p - d)**2``.

    Source: the variance of a discrete variable taking +1, 0, -1 with probabilities p, 1-p-d,
    d (E[X^2] - E[X]^2); as in Rocks (2016), "Interval Estimation for the 'Net Promoter Score'",
    The American Statistician 70(4), 365-372, eq. (1).
    """
    p, d = np.asarray(p, dtype=float), np.asarray(d, dtype=float)
    return p + d - (p - d) ** 2


def _as_float(*arrays: ArrayLike) -> tuple[NDArray[np.float64], ...]:
    return tuple(np.atleast_1d(np.asarray(a, dtype=float)) for a in arrays)


def wald(P: ArrayLike, A: ArrayLike, D: ArrayLike, confidence: float) -> Arrays:
    """Wald interval: ``NPS +/- z * sqrt(var / n)``.

    Source: Rocks (2016), section 2. With all answers in one category the estimated variance
    is zero and the interval collapses to a point; prefer ``adjusted_wald`` for small n.
    Returns ``(se, low, high)`` in NPS points.
    """
    P, A, D = _as_float(P, A, D)
    n = P + A + D
    with np.errstate(invalid="ignore", divide="ignore"):
        p, d = P / n, D / n
        se = 100 * np.sqrt(nps_variance(p, d) / n)
    centre = 100 * (p - d)
    z = z_value(confidence)
    return se, np.clip(centre - z * se, -100, 100), np.clip(centre + z * se, -100, 100)


def adjusted_wald(P: ArrayLike, A: ArrayLike, D: ArrayLike, confidence: float) -> Arrays:
    """Adjusted Wald interval: add 3/4 promoter, 3/2 passive and 3/4 detractor, then Wald.

    Source: Rocks (2016), The American Statistician 70(4), 365-372, who found it has
    near-nominal coverage down to small samples and recommends it; the same adjustment is the
    one MeasuringU (Sauro) publishes for NPS margins of error. The interval is centred on the
    adjusted estimate; the reported NPS elsewhere stays the observed one. When every answer is
    a promoter (detractor) the shrunk interval would exclude the observed +100 (-100), so that
    bound is set to 100 (-100), as the score method does. Returns ``(se, low, high)``; ``se``
    is the adjusted standard error.
    """
    P, A, D = _as_float(P, A, D)
    ap, aa, ad = ADJUSTED_PSEUDO
    P2, D2 = P + ap, D + ad
    n2 = P + A + D + ap + aa + ad
    p, d = P2 / n2, D2 / n2
    se = 100 * np.sqrt(nps_variance(p, d) / n2)
    centre = 100 * (p - d)
    z = z_value(confidence)
    n = P + A + D
    empty = n == 0
    se = np.where(empty, np.nan, se)
    low = np.where(empty, np.nan, np.where(D == n, -100.0, np.clip(centre - z * se, -100, 100)))
    high = np.where(empty, np.nan, np.where(P == n, 100.0, np.clip(centre + z * se, -100, 100)))
    return se, low, high


def tango_statistic(delta: ArrayLike, P: ArrayLike, D: ArrayLike,
                    n: ArrayLike) -> NDArray[np.float64]:
    """Tango's score statistic for H0: p - d = ``delta`` (proportions, not points).

    Source: Tango (1998), "Equivalence test and confidence interval for the difference in
    proportions for the paired-sample design", Statistics in Medicine 17, 891-908, eq. (3)-(5):
    the constrained maximum-likelihood estimate of the detractor probability ``q`` solves
    ``2n q^2 + (-(D+P) + (2n - P + D) delta) q - D delta (1 - delta) = 0`` and
    ``T = (P - D - n delta) / sqrt(n (2 q + delta (1 - delta)))``. The NPS trinomial has the
    structure of the paired design (promoters and detractors play the discordant pairs), which
    is why Rocks (2016) proposes this interval for the NPS.
    """
    delta, P, D, n = (np.asarray(x, dtype=float) for x in (delta, P, D, n))
    a = 2 * n
    b = -(D + P) + (2 * n - P + D) * delta
    c = -D * delta * (1 - delta)
    q = (np.sqrt(np.maximum(b * b - 4 * a * c, 0.0)) - b) / (2 * a)
    return (P - D - n * delta) / np.sqrt(n * (2 * q + delta * (1 - delta)))


def score_interval(P: ArrayLike, A: ArrayLike, D: ArrayLike, confidence: float,
                   iterations: int = 64) -> Arrays:
    """Tango's score interval by vectorised bisection on :func:`tango_statistic`.

    The interval is ``{delta : |T(delta)| < z}``; T decreases in delta, so each bound is found
    by bisection between the observed NPS and +/-1 (64 halvings: below 1e-18 in width).
    When every answer is a promoter the upper bound is 100 (and -100 for all detractors), as in
    Rocks' R package ``NPS``. ``se`` is the half-width divided by z, for reference only.
    """
    P, A, D = _as_float(P, A, D)
    n = P + A + D
    z = z_value(confidence)
    empty = n == 0
    safe_n = np.where(empty, 1.0, n)
    obs = (P - D) / safe_n
    with np.errstate(invalid="ignore", divide="ignore"):
        lo_u, hi_u = obs.copy(), np.ones_like(obs)
        lo_l, hi_l = -np.ones_like(obs), obs.copy()
        for _ in range(iterations):
            mid = (lo_u + hi_u) / 2
            inside = tango_statistic(mid, P, D, safe_n) > -z
            lo_u, hi_u = np.where(inside, mid, lo_u), np.where(inside, hi_u, mid)
            mid = (lo_l + hi_l) / 2
            inside = tango_statistic(mid, P, D, safe_n) < z
            lo_l, hi_l = np.where(inside, lo_l, mid), np.where(inside, mid, hi_l)
    upper = np.where(P == n, 1.0, hi_u)
    lower = np.where(D == n, -1.0, lo_l)
    low, high = 100 * lower, 100 * upper
    se = (high - low) / (2 * z)
    nan = np.full_like(obs, np.nan)
    return (np.where(empty, nan, se), np.where(empty, nan, low), np.where(empty, nan, high))


def _chunks(k: int, draws: int) -> Iterator[slice]:
    step = max(1, _CHUNK_CELLS // max(draws, 1))
    for start in range(0, k, step):
        yield slice(start, min(k, start + step))


def bootstrap(P: ArrayLike, A: ArrayLike, D: ArrayLike, confidence: float, *,
              n_resamples: int = DEFAULT_BOOTSTRAP, seed: int = 0) -> Arrays:
    """Percentile bootstrap by multinomial resampling of the three category counts.

    Resampling respondents with replacement is the same as drawing the category counts from a
    multinomial(n, observed shares) (Efron & Tibshirani 1993, "An Introduction to the
    Bootstrap", ch. 13, percentile interval), so it is done on counts, vectorised over groups
    and resamples. Non-integer (weighted) counts are resampled at ``round(n)``. A sample with
    every answer in one category has no resampling variability: the interval is that point.
    Returns ``(se, low, high)``; ``se`` is the standard deviation of the resampled NPS.
    """
    P, A, D = _as_float(P, A, D)
    n = P + A + D
    k = len(n)
    rng = np.random.default_rng(seed)
    alpha = 1 - confidence
    se, low, high = (np.full(k, np.nan) for _ in range(3))
    with np.errstate(invalid="ignore", divide="ignore"):
        probs = np.stack([P / n, A / n, D / n], axis=1)
    m = np.rint(n).astype(np.int64)
    ok = m > 0
    probs = np.where(ok[:, None], probs, np.array([0.0, 1.0, 0.0]))
    probs = probs / probs.sum(axis=1, keepdims=True)
    for sl in _chunks(k, n_resamples):
        draws = rng.multinomial(np.maximum(m[sl], 1), probs[sl], size=(n_resamples, len(m[sl])))
        values = 100 * (draws[..., 0] - draws[..., 2]) / np.maximum(m[sl], 1)
        se[sl] = values.std(axis=0, ddof=1)
        low[sl], high[sl] = np.quantile(values, [alpha / 2, 1 - alpha / 2], axis=0)
    se[~ok], low[~ok], high[~ok] = np.nan, np.nan, np.nan
    return se, low, high


def bayes(P: ArrayLike, A: ArrayLike, D: ArrayLike, confidence: float, *, prior: float = 1.0,
          draws: int = DEFAULT_DRAWS, seed: int = 0) -> Arrays:
    """Equal-tailed credible interval from the Dirichlet posterior of the three shares.

    With a Dirichlet(prior, prior, prior) prior and multinomial counts, the posterior of
    (promoter, passive, detractor) shares is Dirichlet(P + prior, A + prior, D + prior)
    (Gelman et al. 2013, "Bayesian Data Analysis", 3rd ed., section 3.4); the NPS posterior
    is that of ``100 (p - d)``, sampled here by normalised gamma draws (seeded). prior = 1 is
    uniform over the simplex; 0.5 is Jeffreys'. With no responses the posterior is the prior
    itself, which is not data: the interval is NaN then. Returns ``(sd, low, high)``.
    """
    if prior <= 0:
        raise ValueError(f"prior must be positive, got {prior!r}")
    P, A, D = _as_float(P, A, D)
    n = P + A + D
    k = len(n)
    rng = np.random.default_rng(seed)
    alpha = 1 - confidence
    conc = np.stack([P, A, D], axis=1) + prior
    se, low, high = (np.full(k, np.nan) for _ in range(3))
    for sl in _chunks(k, draws):
        g = rng.standard_gamma(conc[sl], size=(draws, *conc[sl].shape))
        values = 100 * (g[..., 0] - g[..., 2]) / g.sum(axis=-1)
        se[sl] = values.std(axis=0, ddof=1)
        low[sl], high[sl] = np.quantile(values, [alpha / 2, 1 - alpha / 2], axis=0)
    empty = n == 0
    se[empty], low[empty], high[empty] = np.nan, np.nan, np.nan
    return se, low, high


def posterior_prob_above(P: ArrayLike, A: ArrayLike, D: ArrayLike, threshold: float, *,
                         prior: float = 1.0, draws: int = DEFAULT_DRAWS,
                         seed: int = 0) -> NDArray[np.float64]:
    """Posterior probability that the true NPS exceeds ``threshold`` points (Dirichlet model)."""
    P, A, D = _as_float(P, A, D)
    rng = np.random.default_rng(seed)
    conc = np.stack([P, A, D], axis=1) + prior
    out = np.empty(len(P))
    for sl in _chunks(len(P), draws):
        g = rng.standard_gamma(conc[sl], size=(draws, *conc[sl].shape))
        values = 100 * (g[..., 0] - g[..., 2]) / g.sum(axis=-1)
        out[sl] = (values > threshold).mean(axis=0)
    return out


def interval(P: ArrayLike, A: ArrayLike, D: ArrayLike, *, method: str, confidence: float,
             seed: int = 0, n_resamples: int = DEFAULT_BOOTSTRAP, prior: float = 1.0) -> Arrays:
    """Dispatch to one of :data:`METHODS`; returns ``(se, low, high)`` arrays in points."""
    if method == "wald":
        return wald(P, A, D, confidence)
    if method == "adjusted_wald":
        return adjusted_wald(P, A, D, confidence)
    if method == "score":
        return score_interval(P, A, D, confidence)
    if method == "bootstrap":
        return bootstrap(P, A, D, confidence, n_resamples=n_resamples, seed=seed)
    if method == "bayes":
        return bayes(P, A, D, confidence, prior=prior, seed=seed)
    raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")


def difference(Pa: ArrayLike, Aa: ArrayLike, Da: ArrayLike, Pb: ArrayLike, Ab: ArrayLike,
               Db: ArrayLike, *, method: str) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Centre and SE (points) of ``NPS_a - NPS_b`` for independent samples, vectorised.

    ``wald``: observed difference, ``SE = sqrt(V_a/n_a + V_b/n_b)`` (Rocks 2016, section 2;
    R package NPS, ``nps_test``). ``adjusted_wald``: each side first gets Rocks' pseudo-counts,
    in the manner of Agresti & Caffo (2000), The American Statistician 54(4), 280-288.
    """
    if method not in ("wald", "adjusted_wald"):
        raise ValueError(f"differences use method='wald' or 'adjusted_wald', got {method!r}")
    Pa, Aa, Da, Pb, Ab, Db = _as_float(Pa, Aa, Da, Pb, Ab, Db)
    ap, aa, ad = ADJUSTED_PSEUDO if method == "adjusted_wald" else (0.0, 0.0, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        na, nb = Pa + Aa + Da + ap + aa + ad, Pb + Ab + Db + ap + aa + ad
        pa, da = (Pa + ap) / na, (Da + ad) / na
        pb, db = (Pb + ap) / nb, (Db + ad) / nb
        se = 100 * np.sqrt(nps_variance(pa, da) / na + nps_variance(pb, db) / nb)
        diff = 100 * ((pa - da) - (pb - db))  # an empty side gives NaN, not a warning
    return diff, se


def difference_test(Pa: ArrayLike, Aa: ArrayLike, Da: ArrayLike, Pb: ArrayLike,
                    Ab: ArrayLike, Db: ArrayLike) -> tuple[NDArray[np.float64],
                                                          NDArray[np.float64]]:
    """z statistic and two-sided p-value of ``NPS_a = NPS_b`` for independent samples, with
    the variance under the null hypothesis (both samples from one trinomial, its proportions
    pooled): ``z = (nps_a - nps_b) / sqrt(V_pooled (1/n_a + 1/n_b))``.

    This is the score-test form of the two-sample test, as the pooled two-proportion z test
    (Agresti 2013, Categorical Data Analysis, 3rd ed., section 2.4 and 3.1): the variance is
    not estimated from the small sample, which is what makes Wald-type tests liberal in the
    tail. Simulated (400,000 pairs per cell, NPS 25): at alpha = 0.0025 (5% Holm-shared
    over 20 groups) the real size is 0.93-1.01 x nominal for 40-500 answers against 50-1,900,
    where the adjusted-Wald z test (used for the *interval* of the difference, see
    :func:`difference`) is 1.05-1.49 x (issue 27 §2; ``benchmarks/README.md``).
    Undefined (NaN) where a side is empty or the pooled answers are all one category.
    """
    Pa, Aa, Da, Pb, Ab, Db = _as_float(Pa, Aa, Da, Pb, Ab, Db)
    na, nb = Pa + Aa + Da, Pb + Ab + Db
    n = na + nb
    with np.errstate(invalid="ignore", divide="ignore"):
        p, d = (Pa + Pb) / n, (Da + Db) / n
        se = np.sqrt(nps_variance(p, d) * (1 / na + 1 / nb))
        z = ((Pa - Da) / na - (Pb - Db) / nb) / se
        ok = (na > 0) & (nb > 0) & (se > 0)
        z = np.where(ok, z, np.nan)
        pval = np.where(ok, 2 * norm_sf(np.abs(z)), np.nan)
    return z, pval


def adjust_pvalues(p: ArrayLike, method: str = "holm") -> NDArray[np.float64]:
    """Multiple-comparison adjusted p-values; NaN entries are left out of the family.

    ``holm``: Holm (1979), "A simple sequentially rejective multiple test procedure",
    Scandinavian Journal of Statistics 6, 65-70 (step-down, controls the family-wise error).
    ``bh``: Benjamini & Hochberg (1995), JRSS-B 57, 289-300 (step-up, controls the false
    discovery rate). ``bonferroni``: ``min(1, m p)``. ``none``: unchanged.
    """
    p = np.asarray(p, dtype=float)
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = q.size
    if m == 0:
        return out
    if method == "none":
        adj = q
    elif method == "bonferroni":
        adj = np.minimum(1.0, q * m)
    elif method == "holm":
        order = np.argsort(q, kind="stable")
        stepped = np.maximum.accumulate((m - np.arange(m)) * q[order])
        adj = np.empty(m)
        adj[order] = np.minimum(1.0, stepped)
    elif method in ("bh", "fdr_bh"):
        order = np.argsort(q, kind="stable")
        ranked = q[order] * m / np.arange(1, m + 1)
        stepped = np.minimum.accumulate(ranked[::-1])[::-1]
        adj = np.empty(m)
        adj[order] = np.minimum(1.0, stepped)
    else:
        raise ValueError(f"adjust must be 'holm', 'bh', 'bonferroni' or 'none', got {method!r}")
    out[ok] = adj
    return out


def adjust_pvalues_by(p: ArrayLike, groups: ArrayLike | None,
                      method: str = "holm") -> NDArray[np.float64]:
    """:func:`adjust_pvalues` within each group (each group its own family), vectorised:
    one sort by (group, p), then a cumulative maximum (Holm) or a reversed cumulative minimum
    (Benjamini-Hochberg) within each group. NaN entries are left out of their family.

    >>> adjust_pvalues_by([0.01, 0.04, 0.03, 0.01], ["a", "a", "b", "b"]).round(2).tolist()
    [0.02, 0.04, 0.03, 0.02]
    """
    import pandas as pd

    p = np.asarray(p, dtype=float)
    if groups is None:
        return adjust_pvalues(p, method)
    if method not in ("holm", "bh", "fdr_bh", "bonferroni", "none"):
        raise ValueError(f"adjust must be 'holm', 'bh', 'bonferroni' or 'none', got {method!r}")
    if method == "none":
        return p.copy()
    g = np.asarray(groups)
    if g.dtype.kind not in "iu":
        g = pd.factorize(pd.Series(groups), use_na_sentinel=False)[0]
    keep = np.flatnonzero(~np.isnan(p))
    out = np.full(p.shape, np.nan)
    if not len(keep):
        return out
    order = keep[np.lexsort((p[keep], g[keep]))]  # by family, then p (stable)
    gs, ps = g[order], p[order]
    starts = np.flatnonzero(np.r_[True, gs[1:] != gs[:-1]])
    sizes = np.diff(np.r_[starts, len(gs)])
    family = np.repeat(np.arange(len(starts)), sizes)
    rank = np.arange(len(gs)) - starts[family]  # 0-based position in the family
    m = sizes[family].astype(float)
    if method == "bonferroni":
        adj = np.minimum(1.0, ps * m)
    elif len(starts) * sizes.max() > 8 * len(gs) + 4096:  # families of very unequal sizes
        adj = np.concatenate([adjust_pvalues(ps[a:a + k], method)
                              for a, k in zip(starts, sizes, strict=True)])
    else:
        # each family a row of a padded matrix: the cumulative max / min runs along rows
        holm = method == "holm"
        values = (m - rank) * ps if holm else ps * m / (rank + 1)
        pad = np.full((len(starts), sizes.max()), -np.inf if holm else np.inf)
        if not holm:  # Benjamini-Hochberg steps up: a reversed cumulative minimum
            rank = sizes[family] - 1 - rank
        pad[family, rank] = values
        pad = (np.maximum.accumulate(pad, axis=1) if holm
               else np.minimum.accumulate(pad, axis=1))
        adj = np.minimum(1.0, pad[family, rank])
    out[order] = adj
    return out


#: below this a double-precision p-value is not a number to print: the normal tail's
#: computation has lost all its digits (and 0 would read as certainty)
P_FLOOR = 1e-16


def p_text(p: float, name: str = "p", digits: int = 2) -> str:
    """A p-value as words for a sentence: ``"p = 0.0037"``, ``"p < 1e-16"`` when it
    underflows (never ``"p = 0"``), ``"p not defined"`` when missing.

    >>> p_text(0.003712), p_text(0.0), p_text(3e-300, "adjusted p"), p_text(float("nan"))
    ('p = 0.0037', 'p < 1e-16', 'adjusted p < 1e-16', 'p not defined')
    """
    from .i18n import fmt, tr

    if p is None or not np.isfinite(p):
        return tr("{name} not defined", name=name)
    if p < P_FLOOR:
        return f"{name} < {fmt(P_FLOOR, '.0e')}"
    return f"{name} = {fmt(p, f'.{digits}g')}"


def linearised_n(wp: ArrayLike, wa: ArrayLike, wd: ArrayLike, w2p: ArrayLike,
                 w2a: ArrayLike, w2d: ArrayLike, n: ArrayLike) -> NDArray[np.float64]:
    """The sample size whose simple-random-sampling variance equals the linearised (Taylor)
    variance of the weighted NPS: intervals of weighted NPS are computed on it.

    The weighted NPS is the ratio ``m = sum(w y) / sum(w)`` with ``y`` = +1 / 0 / -1; its
    linearised variance (Woodruff 1971, JASA 66, 411-414; Lohr 2019, Sampling: Design and
    Analysis, 2nd ed., section 9.1; R's ``survey::svymean`` for one stratum and PSU =
    respondent, without its ``n/(n-1)`` factor, so that equal weights give exactly the
    unweighted interval: the factor moves the SE by 0.1% at n = 500) is
    ``v = sum(w_i^2 (y_i - m)^2) / sum(w)^2``, which needs only the squared weights per
    category: ``sum_c W2_c (y_c - m)^2``. With ``V = p + d - (p-d)^2``
    (the weighted score variance) the returned size is ``V / v``. Kish's effective n,
    ``sum(w)^2 / sum(w^2)``, assumes the weights unrelated to the answers; when they are
    related (weights undoing response propensity) its interval is too narrow (93% coverage
    at 95%, issue 27 §4), this one is not. Equal weights give ``n``.
    """
    wp, wa, wd, w2p, w2a, w2d, n = _as_float(wp, wa, wd, w2p, w2a, w2d, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        total = wp + wa + wd
        m = (wp - wd) / total
        s = w2p * (1 - m) ** 2 + w2a * m**2 + w2d * (1 + m) ** 2
        v = s / total**2
        p, d = wp / total, wd / total
        out = nps_variance(p, d) / v
    return out


def chi2_independence(counts: ArrayLike) -> tuple[float, int, float]:
    """Pearson's chi-square test of independence of a contingency table: ``(statistic, dof,
    p_value)``, the numbers of ``scipy.stats.chi2_contingency`` (Yates' continuity
    correction when ``dof == 1``, as it applies by default) without importing scipy.stats
    (0.5 s on a first call): ``p = chdtrc(dof, statistic)`` from scipy.special.

    >>> round(chi2_independence([[10, 20, 30], [20, 20, 20]])[2], 4)
    0.0695
    """
    observed = np.asarray(counts, dtype=float)
    expected = (observed.sum(axis=1, keepdims=True) * observed.sum(axis=0, keepdims=True)
                / observed.sum())
    dof = int((observed.shape[0] - 1) * (observed.shape[1] - 1))
    diff = observed - expected
    if dof == 1:  # Yates: |O - E| less 0.5, never past zero
        diff = np.sign(diff) * np.maximum(np.abs(diff) - 0.5, 0.0)
    stat = float((diff**2 / expected).sum())
    return stat, dof, chi2_sf(stat, dof) if dof > 0 else 1.0


def chi2_sf(x: float, dof: int) -> float:
    """Chi-square survival function ``Q(x | dof)`` for a whole number of degrees of freedom
    (``scipy.special.chdtrc``). Before scipy.special is loaded (its first import costs
    0.1-0.2 s, most of a first ``segments`` call), the closed forms of Abramowitz & Stegun
    (1964), *Handbook of Mathematical Functions*, 26.4.4 (odd ``dof``: twice the normal tail
    of sqrt(x) plus a finite series) and 26.4.21 (even: the Poisson distribution function,
    ``P(Poisson(x / 2) <= dof / 2 - 1)``), summed term by term in logarithms so that neither
    large ``x`` nor thousands of degrees of freedom underflow; equal to ``chdtrc`` within
    1e-11 relative (tested over dof 1-2,000 and the whole range of ``x``).

    >>> round(chi2_sf(3.84, 1), 4), round(chi2_sf(10.0, 4), 6)
    (0.05, 0.040428)
    """
    if "scipy.special" in sys.modules or dof > 20_000:
        return float(special.chdtrc(dof, x))
    if x <= 0:
        return 1.0
    if dof % 2 == 0:  # P(N <= dof/2 - 1), N ~ Poisson(x/2)
        half = x / 2
        logs = [-half + k * math.log(half) - math.lgamma(k + 1) for k in range(dof // 2)]
        return min(1.0, _sum_exp(logs))
    root = math.sqrt(x)
    tail = math.erfc(root / math.sqrt(2.0))  # 2 * (1 - Phi(sqrt x))
    # 2 phi(sqrt x) * sum_{r=1}^{(dof-1)/2} x^(r - 1/2) / (1 * 3 * ... * (2r - 1))
    logs = [-x / 2 - 0.5 * math.log(2 * math.pi) + math.log(2) + (r - 0.5) * math.log(x)
            - (math.lgamma(2 * r + 1) - r * math.log(2) - math.lgamma(r + 1))
            for r in range(1, (dof - 1) // 2 + 1)]
    return min(1.0, tail + _sum_exp(logs))


def _sum_exp(logs: list[float]) -> float:
    """``sum(exp(v) for v in logs)`` without overflow or needless underflow (0 for none)."""
    if not logs:
        return 0.0
    top = max(logs)
    if top < -745.0:  # below the smallest double: the sum is too
        return 0.0
    return math.exp(top) * math.fsum(math.exp(v - top) for v in logs)
