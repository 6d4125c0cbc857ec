"""Representative results: raking weights to the customer base, and who did not answer."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from . import _stats
from ._api import renamed
from ._frames import collect, require_columns, to_narwhals, to_pandas
from ._frames.engine import KEY, EngineTable
from ._frames.ids import matching_ids
from .i18n import join, tr

__all__ = ["ResponseBias", "rake", "response_bias"]


def rake(responses: Any, population: Mapping[str, Mapping[Any, float]], *,
         base_weights: str | None = None, trim: tuple[float, float] | None = (0.2, 5.0),
         max_iter: int = 200, tol: float = 1e-8) -> pd.Series:
    """Survey weights that make the respondents match known shares of the customer base.

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

    Iterative proportional fitting (raking; Deming & Stephan 1940, "On a least squares
    adjustment of a sampled frequency table when the expected marginal totals are known",
    Annals of Mathematical Statistics 11(4)): each variable's weighted shares are scaled to
    its population shares in turn, until every margin is within ``tol``. The result is the
    weighting closest to the base weights in the Kullback-Leibler sense that meets every
    margin (Ireland & Kullback 1968), which ``tests/test_weights.py`` checks against a direct
    numerical minimisation. With ``trim=(lo, hi)`` weights are kept between ``lo`` and ``hi``
    times the mean weight, re-raking after each cap (Izrael, Battaglia & Frankel 2009,
    "Extreme survey weight adjustment as a component of sample balancing", SAS Global Forum
    paper 247); if the caps and the margins cannot both hold, the margins are met as closely
    as the caps allow and ``.attrs`` says how far off they are.

    Parameters
    ----------
    responses : data frame
        One row per response, with a column per raking variable.
    population : mapping column -> {level: share or count}
        Known distribution of each variable in the customer base (shares are normalised, so
        counts work too). Every level in the data must be listed, and every listed level must
        have respondents.
    base_weights : str, optional
        Column of design weights to start from (default: all 1).
    trim : (float, float) or None
        Bounds on weight / mean weight.

    Returns
    -------
    pandas.Series
        Weights aligned with ``responses``, mean 1. ``.attrs``: ``converged``,
        ``iterations``, ``max_margin_error`` (largest absolute share difference left),
        ``effective_n`` (Kish 1965: (sum w)^2 / sum w^2), ``design_effect`` (n / effective_n),
        ``trimmed`` (weights at a cap).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["N", "N", "N", "S"], "score": [9, 10, 3, 6]})
    >>> w = rake(df, {"region": {"N": 0.5, "S": 0.5}}, trim=None)
    >>> w.round(3).tolist(), round(w.attrs["effective_n"], 2)
    ([0.667, 0.667, 0.667, 2.0], 3.0)
    """
    if not population:
        raise ValueError("population is empty: give at least one variable with its shares")
    df = to_pandas(responses, [*population, *([base_weights] if base_weights else [])],
                   rows_for="rake: it gives every response a weight")
    n = len(df)
    if n == 0:
        raise ValueError("no responses to weight")
    codes, targets = [], []
    for col, shares in population.items():
        levels = list(shares)
        values = np.array([float(shares[v]) for v in levels])
        if (values < 0).any() or values.sum() <= 0 or not np.isfinite(values).all():
            raise ValueError(f"population shares for {col!r} must be non-negative numbers "
                             "with a positive total")
        s = df[col]
        if s.isna().any():
            rows = np.flatnonzero(s.isna().to_numpy())[:5].tolist()
            raise ValueError(f"column {col!r} is missing in {int(s.isna().sum())} response(s) "
                             f"(rows {rows}); fill it (e.g. 'unknown', with its population "
                             "share) or leave those responses out before raking")
        code = pd.Index(levels).get_indexer(s)
        if (code < 0).any():
            odd = sorted(map(str, s[code < 0].unique()))[:5]
            raise ValueError(f"{col!r} has level(s) {odd} that the population does not list; "
                             f"it lists {list(map(str, levels))}")
        empty = [lv for i, lv in enumerate(levels) if values[i] > 0 and not (code == i).any()]
        if empty:
            raise ValueError(f"no respondent has {col!r} = {empty}: raking cannot give them "
                             "weight; merge those levels with a neighbour")
        codes.append(code)
        targets.append(values / values.sum())
    w0 = (df[base_weights].to_numpy(dtype=float) if base_weights else np.ones(n))
    if (w0 < 0).any() or not np.isfinite(w0).all():
        raise ValueError(f"base weights {base_weights!r} must be finite and >= 0")
    w = w0 * n / w0.sum()
    converged, iterations, err = False, 0, np.inf
    lo, hi = (trim if trim is not None else (0.0, np.inf))
    for iterations in range(1, max_iter + 1):  # noqa: B007  (iterations, not rows)
        for code, target in zip(codes, targets, strict=True):
            current = np.bincount(code, weights=w, minlength=len(target)) / w.sum()
            with np.errstate(invalid="ignore", divide="ignore"):
                factor = np.where(current > 0, target / current, 1.0)
            w = w * factor[code]
        if trim is not None:
            w = _cap(w, lo, hi)
        err = max(float(np.abs(np.bincount(code, weights=w, minlength=len(t)) / w.sum()
                               - t).max()) for code, t in zip(codes, targets, strict=True))
        if err < tol:
            converged = True
            break
    w = w * n / w.sum()
    out = pd.Series(w, index=df.index, name="weight")
    ess = w.sum() ** 2 / (w ** 2).sum()
    out.attrs = {"converged": converged, "iterations": iterations, "max_margin_error": err,
                 "effective_n": float(ess), "design_effect": float(n / ess),
                 "trimmed": int(((w <= lo * w.mean() * (1 + 1e-9))
                                 | (w >= hi * w.mean() * (1 - 1e-9))).sum())
                 if trim is not None else 0}
    return out


def _cap(w: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Weights kept within [lo, hi] x their mean: capping moves the mean, so the caps are
    re-applied until they hold (a few passes)."""
    for _ in range(100):
        mean = w.mean()
        capped = np.clip(w, lo * mean, hi * mean)
        if np.allclose(capped, w, rtol=1e-12, atol=0):
            break
        w = capped
    return capped


@dataclass(frozen=True)
class ResponseBias:
    """What :func:`response_bias` found.

    Attributes
    ----------
    table : DataFrame
        Per variable and level: ``customers``, ``respondents``, ``response_rate`` with its
        Wilson interval, ``share_of_customers``, ``share_of_respondents``,
        ``representation`` (share of respondents / share of customers), ``p_value`` (response
        rate of the level against the rest) and ``under_represented``.
    nps_unweighted, nps_weighted : float
        NPS of the respondents as they are, and weighted to the customer base.
    weights : Series
        The raking weights (aligned with the responses used).
    summary : str
    notes : list of str
    """

    table: pd.DataFrame
    nps_unweighted: float
    nps_weighted: float
    nps_weighted_ci: tuple[float, float]
    weights: pd.Series
    summary: str
    notes: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        return (f"<p>{html.escape(self.summary)}</p>"
                + self.table.to_html(index=False, escape=True,
                                     float_format=lambda v: f"{v:.3g}"))


@renamed(alpha=("confidence", lambda a: 1 - a))
def response_bias(responses: Any, customers: Any, by: str | Sequence[str], *,
                  customer: str = "customer_id", score: str = "score",
                  confidence: float = 0.95,
                  trim: tuple[float, float] | None = (0.2, 5.0)) -> ResponseBias:
    """Who answered, against the whole customer list: response rates, under-represented
    groups, and the NPS before and after weighting to the customer base.

    The responses are read into memory; the customer list may be a lazy source (a DuckDB
    relation, a polars LazyFrame, a Spark DataFrame): the matching and the counts per level
    then run in that engine, and only the counts and the respondents' own rows come back
    (ids match as in :func:`growth_link` on a lazy order log).

    Each customer in ``customers`` (one row per customer, with the ``by`` columns) either
    answered (appears in ``responses``) or not. Per level of each ``by`` variable: the
    response rate with a Wilson interval (Wilson 1927, JASA 22(158)), the level's share of
    respondents against its share of customers, and a two-proportion z test of its response
    rate against the other customers' (pooled standard error; Agresti 2013, *Categorical Data
    Analysis*, 3rd ed., sec. 2.1). A level is flagged *under-represented* when its share of
    respondents is below 80% of its share of customers and the test's Holm-adjusted p-value is
    below ``1 - confidence``. The responses are then raked (:func:`rake`) to the customer
    base's shares of every ``by`` variable, and the NPS is given both ways; the weighted
    interval uses Kish's effective sample size.

    Examples
    --------
    >>> import pandas as pd
    >>> cust = pd.DataFrame({"customer_id": [f"C{i}" for i in range(400)],
    ...                      "region": ["N"] * 200 + ["S"] * 200})
    >>> resp = pd.DataFrame({"customer_id": [f"C{i}" for i in range(0, 200, 2)]
    ...                      + [f"C{i}" for i in range(200, 400, 10)],
    ...                      "score": [10] * 100 + [2] * 20})
    >>> rb = response_bias(resp, cust, by=["region"])
    >>> rb.table[["level", "response_rate", "under_represented"]].values.tolist()
    [['N', 0.5, False], ['S', 0.1, True]]
    >>> round(rb.nps_unweighted, 1), round(rb.nps_weighted, 1) + 0.0
    (66.7, 0.0)
    """
    by = [by] if isinstance(by, str) else list(by)  # "region" is one column, not six
    if not by:
        raise ValueError("give by=[...]: the customer attributes to compare (e.g. region)")
    why = "response_bias: it matches every customer with the respondents"
    resp = to_pandas(responses, [customer, score], rows_for=why)
    frame = to_narwhals(customers)
    if isinstance(frame, nw.LazyFrame):  # the customer list stays where it lives
        base = _engine_customers(frame, resp[customer], customer, by)
    else:
        base = _memory_customers(to_pandas(customers, [customer, *by], rows_for=why),
                                 resp[customer], customer, by)
    notes: list[str] = list(base.notes)
    n_cust, n_answered = base.customers, base.answered
    z = _stats.z_value(confidence)
    rows = []
    for col in by:
        counts = base.levels[col]
        for level, n_c, n_r in zip(counts["level"], counts["customers"],
                                   counts["respondents"], strict=True):
            n_c, n_r = int(n_c), int(n_r)
            rest_c, rest_r = n_cust - n_c, n_answered - n_r
            rate = n_r / n_c
            lo_, hi_ = _stats.wilson(n_r, n_c, z)
            pooled = (n_r + rest_r) / (n_c + rest_c)
            se = np.sqrt(pooled * (1 - pooled) * (1 / n_c + 1 / max(rest_c, 1)))
            diff = rate - (rest_r / rest_c if rest_c else np.nan)
            p = float(2 * _stats.norm_sf(abs(diff) / se)) if se > 0 and rest_c else np.nan
            rows.append({"variable": col, "level": level, "customers": n_c,
                         "respondents": n_r, "response_rate": rate, "rate_ci_low": lo_,
                         "rate_ci_high": hi_, "share_of_customers": n_c / n_cust,
                         "share_of_respondents": n_r / max(n_answered, 1),
                         "p_value": p})
    table = pd.DataFrame(rows)
    table["representation"] = table["share_of_respondents"] / table["share_of_customers"]
    adj = _stats.adjust_pvalues(table["p_value"].fillna(1.0).to_numpy(), "holm")
    table["p_value_adjusted"] = adj
    table["under_represented"] = (table["representation"] < 0.8) & (adj < 1 - confidence)
    # weight the responses to the customer base
    joined = resp.assign(**{customer: base.response_ids}).merge(
        base.respondents.rename(columns={_KEY: customer}), on=customer, how="inner")
    for col in by:
        joined[col] = joined[col].astype("string").fillna("(missing)")
    population: dict[str, dict[Any, float]] = {}
    for col in by:
        counts = table.loc[table["variable"] == col].set_index("level")["customers"]
        present = set(joined[col].unique())
        unreached = [lv for lv in counts.index if lv not in present]
        if unreached:
            notes.append(tr("no respondent has {column} = {levels}: those customers cannot "
                            "be represented by weighting.", column=col,
                            levels=join(unreached)))
        population[col] = {lv: (0.0 if lv in unreached else float(n))
                           for lv, n in counts.items()}
    w = rake(joined, population, trim=trim)
    from .scoring import score as nps_score

    plain = nps_score(joined[score])
    weighted = nps_score(joined[score], weights=w.to_numpy(), confidence=confidence)
    flagged = table[table["under_represented"]]
    groups = "; ".join(tr("{variable} = {level} ({rate:.1%} answered, {respondents:.0%} of "
                          "respondents against {customers:.0%} of customers)",
                          variable=r.variable, level=r.level, rate=r.response_rate,
                          respondents=r.share_of_respondents, customers=r.share_of_customers)
                       for r in flagged.itertuples())
    summary = " ".join([
        tr("{answered:,} of {customers:,} customers answered ({share:.1%}).",
           answered=n_answered, customers=n_cust, share=n_answered / n_cust),
        tr("Under-represented: {groups}.", groups=groups) if len(flagged) else
        tr("No group is clearly under-represented."),
        tr("NPS {plain:.1f} as answered, {weighted:.1f} weighted to the customer base "
           "({confidence:.0%} interval {low:.1f} to {high:.1f}; effective sample "
           "{effective:,.0f}).", plain=plain.nps, weighted=weighted.nps, confidence=confidence,
           low=weighted.ci_low, high=weighted.ci_high, effective=w.attrs["effective_n"])])
    return ResponseBias(table=table, nps_unweighted=plain.nps, nps_weighted=weighted.nps,
                        nps_weighted_ci=(weighted.ci_low, weighted.ci_high), weights=w,
                        summary=summary, notes=notes)


#: The respondents' key column in :class:`_CustomerBase` (renamed to ``customer`` on use):
#: the name the engine's rows use too.
_KEY = KEY


@dataclass
class _CustomerBase:
    """The customer list as response_bias needs it: how many customers (one row per id) and
    how many answered, per ``by`` column the customers and respondents of each level (as
    text, missing as "(missing)", sorted), the respondents' ``by`` values by key, the
    responses' keys and notes."""

    customers: int
    answered: int
    levels: dict[str, pd.DataFrame]
    respondents: pd.DataFrame
    response_ids: pd.Series
    notes: list[str]


def _level_table(levels: pd.Series, answered: np.ndarray | pd.Series,
                 customers: np.ndarray | pd.Series | None = None) -> pd.DataFrame:
    """Customers and respondents per level (text, "(missing)"), levels sorted as text."""
    text = levels.astype("string").fillna("(missing)")
    ones = np.ones(len(text)) if customers is None else np.asarray(customers, dtype=float)
    out = pd.DataFrame({"level": text.to_numpy(dtype=object), "customers": ones,
                        "respondents": np.asarray(answered, dtype=float)})
    return out.groupby("level", sort=True).sum().reset_index()


def _memory_customers(cust: pd.DataFrame, response_ids: pd.Series, customer: str,
                      by: list[str]) -> _CustomerBase:
    notes: list[str] = []
    dup = cust[customer].duplicated()
    if dup.any():
        notes.append(tr("{n:,} repeated customer id(s) in the customer list: the first row of "
                        "each is used.", n=int(dup.sum())))
        cust = cust.loc[~dup.to_numpy()]
    # ids as meant (1, 1.0, "1"; 00001 when all are numbers): none in common is an error
    resp_ids, cid, id_notes = matching_ids(response_ids, cust[customer],
                                           left_name="responses",
                                           right_name="customer list", column=customer)
    notes.extend(id_notes)
    answered_ids = pd.Index(resp_ids.dropna().unique())
    answered = cid.isin(answered_ids).to_numpy()
    unknown = len(answered_ids.difference(pd.Index(cid)))
    if unknown:
        notes.append(tr("{n:,} respondent(s) are not in the customer list; they are left out "
                        "of the response rates and of the weighting.", n=unknown))
    levels = {col: _level_table(cust[col], answered) for col in by}
    respondents = cust.assign(**{customer: cid})[[customer, *by]].rename(
        columns={customer: _KEY})
    return _CustomerBase(len(cust), int(answered.sum()), levels, respondents, resp_ids, notes)


def _engine_customers(frame: Any, response_ids: pd.Series, customer: str,
                      by: list[str]) -> _CustomerBase:
    """_memory_customers where the customer list lives: the responses' keys are sent to the
    engine, which counts customers and respondents per level and returns the respondents'
    rows; a repeated id keeps the smallest value of each column (an engine has no row
    order to take the first row by)."""
    require_columns(frame, [customer, *by])
    table = EngineTable(frame, key=customer, role="customer list",
                        unmatched="they are counted as not in the customer list")
    text, keys, cast, notes = table.keys(response_ids)
    distinct = pd.Series(keys.dropna().unique(), dtype=keys.dtype)
    k, a, hit = nw.col(_KEY), "__nt_answered", "__nt_hit"
    rows = frame.select(nw.col(customer).cast(cast).alias(_KEY), *[nw.col(c) for c in by])
    sizes = collect(rows.select(nw.len().alias("rows"), k.n_unique().alias("ids"))
                    ).to_pandas()
    repeated = int(sizes["rows"].iloc[0]) - int(sizes["ids"].iloc[0])
    if repeated:
        notes.append(tr("{n:,} repeated customer id(s) in the customer list: the smallest "
                        "value of each column is used.", n=repeated))
        rows = rows.group_by(_KEY).agg(*[nw.col(c).min() for c in by])
    sent = table.send(distinct, None, cast).select(nw.col(_KEY).alias(hit),
                                                   nw.lit(1).alias(a))
    flagged = rows.join(sent, left_on=_KEY, right_on=hit, how="left")
    answered = (~nw.col(a).is_null()).cast(nw.Int64)
    levels = {}
    for col in by:  # a few columns: one grouped count each
        counts = collect(flagged.group_by(col).agg(
            nw.len().alias("customers"), answered.sum().alias("respondents"))).to_pandas()
        levels[col] = _level_table(counts[col], counts["respondents"], counts["customers"])
    n_cust = int(levels[by[0]]["customers"].sum())
    n_answered = int(levels[by[0]]["respondents"].sum())
    if n_answered == 0:
        examples = collect(rows.select(k).head(3)).to_pandas()[_KEY].tolist()
        raise ValueError(
            f"no customer id of the responses is in the customer list ({customer!r}: e.g. "
            f"{distinct.head(3).tolist()} against {examples}). Check that both columns hold "
            "the same ids (same system, same format), or name the right column (customer=).")
    # every respondent's id, those that cannot match the list's type included (as in memory)
    unknown = int(text.dropna().nunique()) - n_answered
    if unknown:
        notes.append(tr("{n:,} respondent(s) are not in the customer list; they are left out "
                        "of the response rates and of the weighting.", n=unknown))
    respondents = collect(flagged.filter(~nw.col(a).is_null()).select(_KEY, *by)).to_pandas()
    respondents[_KEY] = respondents[_KEY].astype(keys.dtype)
    return _CustomerBase(n_cust, n_answered, levels, respondents, keys, notes)
