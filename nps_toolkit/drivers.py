"""Driver analysis: which other ratings (satisfaction, ease, delivery, price...) matter most
for the recommend score."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from . import _stats
from ._api import renamed
from ._frames import column_names_arg, to_pandas
from ._order import sort_frame
from .loading.scales import _worded_scale
from .scoring import from_counts

__all__ = ["driver_importance"]

MAX_DRIVERS = 12


def _subset_r2(corr: np.ndarray, k: int) -> dict[frozenset[int], np.ndarray]:
    """R^2 of the regression of the target on every subset of drivers, for a batch.

    ``corr`` has shape (B, k+1, k+1) with the target first. For standardised variables,
    ``R^2(S) = r_S' R_SS^-1 r_S`` (the normal equations in correlation form), solved for all
    B correlation matrices of one subset at once.
    """
    out: dict[frozenset[int], np.ndarray] = {frozenset(): np.zeros(corr.shape[0])}
    for size in range(1, k + 1):
        for subset in combinations(range(k), size):
            idx = np.array(subset) + 1
            rss = corr[:, idx[:, None], idx[None, :]]
            rys = corr[:, 0, idx]
            try:
                beta = np.linalg.solve(rss, rys[..., None])[..., 0]
            except np.linalg.LinAlgError:
                beta = np.einsum("bij,bj->bi", np.linalg.pinv(rss), rys)
            out[frozenset(subset)] = np.einsum("bi,bi->b", rys, beta)
    return out


def _shapley(r2: dict[frozenset[int], np.ndarray], k: int) -> np.ndarray:
    """Shapley value of each driver in the R^2 game (LMG); shape (B, k)."""
    batch = next(iter(r2.values())).shape[0]
    out = np.zeros((batch, k))
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for size in range(k):
            weight = math.factorial(size) * math.factorial(k - size - 1) / math.factorial(k)
            for subset in combinations(others, size):
                s = frozenset(subset)
                out[:, j] += weight * (r2[s | {j}] - r2[s])
    return out


def _answered_together(numeric: pd.DataFrame, score: str, drivers: list[str],
                       share: float) -> tuple[list[str], list[str]]:
    """(kept, left out): drivers left out one at a time until at least ``share`` of the
    rows with a score have every kept driver (see ``min_complete`` in
    :func:`driver_importance`). Removing driver j completes the rows where j is the only
    blank, so each step is one pass over the blanks."""
    if not 0 < share <= 1:
        raise ValueError(f"min_complete must be a share in (0, 1]; got {share!r}")
    blank = numeric.loc[numeric[score].notna(), drivers].isna().to_numpy()
    keep, left = list(drivers), []
    cols = np.arange(len(drivers))
    while len(keep) > 1 and len(blank):
        sub = blank[:, cols]
        count = sub.sum(axis=1)
        if (count == 0).mean() >= share:
            break
        gain = sub[count == 1].sum(axis=0)
        most = sub.sum(axis=0)
        j = min(range(len(keep)), key=lambda i: (-gain[i], -most[i], keep[i]))
        left.append(keep.pop(j))
        cols = np.delete(cols, j)
    return keep, left


def _relative_weights(corr: np.ndarray) -> np.ndarray:
    """Johnson's relative weights of each driver for a batch of correlation matrices
    (B, k+1, k+1), target first; shape (B, k).

    The drivers are replaced by their closest orthonormal counterparts Z (the symmetric
    square root ``L = R_xx^(1/2)`` links them: ``X = Z L``), the target is regressed on Z
    (``beta = L^-1 r_xy``), and each driver gets the part of every Z's explained variance it
    carries: ``e_j = sum_m L_jm^2 beta_m^2``. The weights add up to R^2, equal LMG's for two
    drivers and come close to it for more, at O(k^3) instead of 2^k (Johnson 2000, "A
    heuristic method for estimating the relative weight of predictor variables in multiple
    regression", Multivariate Behavioral Research 35(1), 1-19; Tonidandel & LeBreton 2011,
    Journal of Business and Psychology 26(1), 1-9)."""
    rxx, rxy = corr[:, 1:, 1:], corr[:, 1:, 0]
    lam, vec = np.linalg.eigh(rxx)
    half = np.einsum("bij,bj,bkj->bik", vec, np.sqrt(np.clip(lam, 0, None)), vec)
    beta = np.einsum("bij,bj->bi", np.linalg.pinv(half, hermitian=True), rxy)
    return np.einsum("bjm,bm->bj", half ** 2, beta ** 2)


def _weighted_corr(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Correlation matrices of ``x`` (n, p) under each row of weights ``w`` (B, n)."""
    total = w.sum(axis=1, keepdims=True)
    mean = (w @ x) / total
    second = np.einsum("bn,ni,nj->bij", w, x, x, optimize=True) / total[:, :, None]
    cov = second - mean[:, :, None] * mean[:, None, :]
    sd = np.sqrt(np.clip(np.einsum("bii->bi", cov), 0, None))
    with np.errstate(invalid="ignore", divide="ignore"):
        return cov / (sd[:, :, None] * sd[:, None, :])


@renamed(target="score", n_boot="n_resamples")
def driver_importance(data: Any, *, drivers: str | Sequence[str], score: str = "score",
                      n_resamples: int = 200, confidence: float = 0.95, seed: int = 0,
                      method: str = "adjusted_wald", decomposition: str = "auto",
                      min_complete: float | None = None) -> pd.DataFrame:
    """Relative importance of each driver rating for the recommend score, with intervals.

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

    The share of the explained variance (R^2 of a linear regression of ``score`` on all
    ``drivers``) that belongs to each driver, by the Shapley decomposition of R^2, also known
    as LMG: each driver's R^2 gain averaged over all orders of entry (Lindeman, Merenda & Gold
    1980; Grömping 2006, "Relative importance for linear regression in R: the package
    relaimpo", Journal of Statistical Software 17(1)). Unlike regression coefficients it is not
    distorted by correlated drivers, and the shares add up to the model R^2. It visits all
    2^k subsets of drivers, so past 12 drivers (a wide export asks dozens of 0-10 questions)
    the shares are Johnson's relative weights instead (Johnson 2000, Multivariate Behavioral
    Research 35(1)): the same R^2 shared out through orthogonal counterparts of the drivers,
    equal to LMG for two drivers and within a few points of R^2 of it for more (tested),
    for any number of drivers. Intervals are
    percentile bootstrap intervals over respondents (seeded; resampling weights, so the whole
    bootstrap is a few batched matrix operations).

    Beside it, the NPS of respondents low vs high on each driver: "high" is above the driver's
    median (or at or above it, whichever split is closer to half/half, since ratings pile up
    on a few values; ``high_means`` says which), "low" the rest, with the difference and its
    p-value (adjusted Wald, as in :func:`nps_toolkit.compare`).

    Parameters
    ----------
    data : data frame
    drivers : list of str
        Rating columns: numbers (any scale), or answers on a worded scale ("Very satisfied"
        ... "Very dissatisfied", "Tout à fait d'accord" ... "Pas du tout d'accord", in the
        supported languages and Portuguese), read in their order as levels 1, 2, ... with
        "don't know" and its kin missing; a column of words that are no scale is refused.
    score : str, default "score"
    n_resamples : int, default 200
        Bootstrap resamples (0 for none).
    confidence, seed, method : interval level, seed, and the NPS interval method.
    decomposition : {"auto", "shapley", "relative_weights"}, default "auto"
        "shapley" (LMG, exact; at most 12 drivers), "relative_weights" (Johnson's), or
        "auto": Shapley up to 12 drivers, relative weights past that.
    min_complete : float, optional
        The regression needs answers with the score and *every* driver; when questions are
        skipped independently (a hotel survey's dining and spa ratings), few answers have
        them all. With a share (e.g. 0.5), drivers are left out one at a time until at least
        that share of the answers with a score have every remaining driver: each time the
        one whose removal completes the most answers (then the one answered least, then by
        name). ``.attrs["left_out"]`` names them. Without it, every driver is kept.

    Returns
    -------
    pandas.DataFrame
        One row per driver, most important first: ``driver``, ``r`` (correlation with the
        score), ``r2_contribution``, ``share`` (of the model R^2), ``share_ci_low``,
        ``share_ci_high``, ``rank``, ``nps_low``, ``n_low``, ``nps_high``, ``n_high``,
        ``nps_gap``, ``gap_p_value``, ``high_means``. ``.attrs`` holds ``scales`` (each
        driver answered in words, with the level each answer was read as), ``r2`` (the model
        R^2), ``n_used`` and ``n_excluded`` (rows with a missing value in the score or any
        driver, left out), ``decomposition`` ("shapley" or "relative_weights") and
        ``left_out`` (drivers ``min_complete`` left out, in the order they were).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> x = rng.normal(size=(500, 2))
    >>> y = np.clip(np.rint(7 + 1.5 * x[:, 0] + 0.5 * x[:, 1] + rng.normal(size=500)), 0, 10)
    >>> df = pd.DataFrame({"score": y, "delivery": x[:, 0], "price": x[:, 1]})
    >>> driver_importance(df, drivers=["delivery", "price"], n_resamples=0)["driver"].tolist()
    ['delivery', 'price']
    """
    drivers = column_names_arg(drivers)
    if not drivers:
        raise ValueError("drivers must name at least one rating column")
    if decomposition not in ("auto", "shapley", "relative_weights"):
        raise ValueError(f"decomposition must be 'auto', 'shapley' or 'relative_weights'; "
                         f"got {decomposition!r}")
    if score in drivers or len(set(drivers)) != len(drivers):
        raise ValueError("drivers must be distinct and must not include the target")
    native = to_pandas(data, [score, *drivers],
                       rows_for="driver_importance: it fits regressions on the rows")
    numeric = native.apply(pd.to_numeric, errors="coerce")
    text = (numeric.isna() & native.notna()).sum()
    scales: dict[str, dict[str, float]] = {}
    for column in [c for c in drivers if text[c] > 0]:
        # a question answered in words ("Very satisfied" ... "Very dissatisfied"): its
        # answers in their order, "don't know" missing (loading.scales)
        levels = _worded_scale(native[column])
        if levels is not None:
            numeric[column] = native[column].map(
                lambda v, lv=levels: lv.get(str(v).strip(), np.nan) if pd.notna(v) else np.nan)
            scales[column] = levels
            text[column] = 0
    if text.any():
        bad = text[text > 0]
        raise ValueError("driver analysis needs numbers, or answers on a worded scale it can "
                         "order (\"Very satisfied\" ... \"Very dissatisfied\"); non-numeric "
                         "values in " + ", ".join(f"{c!r} ({n})" for c, n in bad.items())
                         + ". Map them to numbers first (df[col].map({...})).")
    left_out: list[str] = []
    if min_complete is not None:
        drivers, left_out = _answered_together(numeric, score, drivers, min_complete)
    if decomposition == "auto":
        decomposition = "shapley" if len(drivers) <= MAX_DRIVERS else "relative_weights"
    if decomposition == "shapley" and len(drivers) > MAX_DRIVERS:
        raise ValueError(f"at most {MAX_DRIVERS} drivers for the Shapley decomposition (it "
                         f"visits all 2^k subsets); got {len(drivers)}. Use "
                         "decomposition='relative_weights' (or 'auto') for more.")

    def shares_of(corr: np.ndarray) -> np.ndarray:
        if decomposition == "shapley":
            return _shapley(_subset_r2(corr, k), k)
        return _relative_weights(corr)

    numeric = numeric[[score, *drivers]]
    complete = numeric.notna().all(axis=1)
    used = numeric[complete].to_numpy(dtype=float)
    n, k = used.shape[0], len(drivers)
    if n < k + 3:
        least = numeric[drivers].notna().sum().sort_values(kind="stable").head(3)
        raise ValueError(
            f"only {n} rows have the score and every driver; need at least {k + 3}. The "
            "drivers answered least: " + ", ".join(f"{c!r} ({v:,} answers)"
                                                   for c, v in least.items())
            + ". Leave some out, or pass min_complete=0.5 to leave out as few as it takes.")
    constant = [c for c, v in zip([score, *drivers], used.std(axis=0), strict=True) if v == 0]
    if constant:
        raise ValueError(f"column(s) {constant} do not vary among the {n} complete rows; a "
                         "constant rating cannot explain anything")
    corr = np.corrcoef(used, rowvar=False)[None]
    point = shares_of(corr)[0]
    r2 = float(point.sum())
    lo = hi = np.full(k, np.nan)
    if n_resamples > 0:
        rng = np.random.default_rng(seed)
        shares = []
        for start in range(0, n_resamples, 50):
            b = min(50, n_resamples - start)
            w = rng.multinomial(n, np.full(n, 1 / n), size=b).astype(float)
            boot = shares_of(_weighted_corr(used, w))
            shares.append(boot / boot.sum(axis=1, keepdims=True))
        shares_all = np.concatenate(shares)
        alpha = 1 - confidence
        lo, hi = np.nanquantile(shares_all, [alpha / 2, 1 - alpha / 2], axis=0)
    rows = []
    y = used[:, 0]
    for j, name in enumerate(drivers):
        x = used[:, j + 1]
        med = float(np.median(x))
        above, at_or_above = x > med, x >= med
        # ratings pile up on a few values: take the split closer to half/half
        if abs(above.mean() - 0.5) <= abs(at_or_above.mean() - 0.5):
            high, split = above, f"> {med:g}"
        else:
            high, split = at_or_above, f">= {med:g}"
        cat_counts = []
        for mask in (~high, high):
            s = y[mask]
            cat_counts.append((int((s >= 9).sum()), int(((s >= 7) & (s < 9)).sum()),
                               int((s < 7).sum())))
        low_r = from_counts(promoters=cat_counts[0][0], passives=cat_counts[0][1],
                            detractors=cat_counts[0][2], method=method)
        high_r = from_counts(promoters=cat_counts[1][0], passives=cat_counts[1][1],
                             detractors=cat_counts[1][2], method=method)
        gap_p = np.nan
        if low_r.n and high_r.n:
            centre, se = _stats.difference(*[[v] for v in high_r.effective_counts],
                                           *[[v] for v in low_r.effective_counts],
                                           method="adjusted_wald")
            gap_p = float(2 * _stats.norm_sf(abs(centre[0] / se[0]))) if se[0] > 0 else np.nan
        rows.append({
            "driver": name, "r": float(corr[0, 0, j + 1]), "r2_contribution": float(point[j]),
            "share": float(point[j] / r2) if r2 > 0 else np.nan,
            "share_ci_low": float(lo[j]), "share_ci_high": float(hi[j]),
            "nps_low": low_r.nps, "n_low": low_r.n, "nps_high": high_r.nps, "n_high": high_r.n,
            "nps_gap": high_r.nps - low_r.nps, "gap_p_value": gap_p, "high_means": split,
        })
    # by contribution (rounded past BLAS noise), then by name: a total order
    out = sort_frame(pd.DataFrame(rows), "r2_contribution", "driver")
    out.insert(out.columns.get_loc("share_ci_high") + 1, "rank", np.arange(1, k + 1))
    out = out.reset_index(drop=True)
    out.attrs.update({"r2": r2, "n_used": int(n), "n_excluded": int((~complete).sum()),
                      "target": score, "decomposition": decomposition,
                      "left_out": left_out, "scales": scales})
    return out
