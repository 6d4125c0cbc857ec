"""value_of_moving: what moving a customer up one category is associated with, in revenue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import _stats
from .._api import renamed
from .._frames import column_names_arg
from .._frames.ids import matching_ids
from ..i18n import join, tr
from .link import GrowthLink, _days, growth_link


@renamed(segments="by")
def value_of_moving(responses: Any, orders: Any = None, *, link: GrowthLink | None = None,
                    by: str | Sequence[str] = (), controls: str | Sequence[str] = (),
                    customer: str = "customer_id",
                    confidence: float = 0.95, **link_options: Any) -> pd.DataFrame:
    """Revenue per customer associated with a passive becoming a promoter, or a detractor a
    passive, controlled for prior spend and segments; and what that is worth in total.

    The answers are read into memory; the order log may be a lazy source (a DuckDB
    relation, a polars LazyFrame, a Spark DataFrame), joined where it lives by
    :func:`growth_link`.

    An ordinary least squares regression of each answer's revenue in the horizon after it
    on the category (detractor as reference), the same customer's revenue in the horizon
    before, the segment columns ``by`` (one-hot) and numeric ``controls`` (e.g. lifetime
    value; segment and control values are the customer's latest answer's, by date when the
    answers have one, else the last row). The coefficients give the revenue
    difference between categories among customers with the same prior spend and segments;
    standard errors are clustered by customer (CR1: Liang & Zeger 1986, Biometrika 73(1);
    Cameron & Miller 2015, "A Practitioner's Guide to Cluster-Robust Inference", Journal of
    Human Resources 50(2)), so several answers of one customer are not counted as
    independent; t intervals with G - 1 degrees of freedom (G customers). The total is the
    per-customer value times the number of passives (or detractors) in the data.

    **This is an association, not a proven effect**: customers who become promoters may
    differ in ways the controls do not capture (and buying more may raise the score rather
    than the reverse). Use it to size what is at stake, not as a forecast of an intervention.

    Returns
    -------
    DataFrame
        Rows ``passive -> promoter`` and ``detractor -> passive``: ``per_customer``,
        ``ci_low``, ``ci_high``, ``p_value``, ``customers_who_could_move`` (customers whose
        latest answer is passive, or detractor: each counted once however often they
        answered) and ``total`` (``per_customer`` times them, with ``total_ci_low``,
        ``total_ci_high``); ``.attrs["statement"]`` and ``["controls"]``.

    Examples
    --------
    >>> import nps_toolkit as nt
    >>> v = nt.value_of_moving(nt.load_sample(), nt.load_sample("orders"), n_resamples=100)
    >>> list(v.index)
    ['passive -> promoter', 'detractor -> passive']
    """
    segments, controls = column_names_arg(by), column_names_arg(controls)
    if link is None:
        if orders is None:
            raise ValueError("give the order log (orders=...) or a growth_link result (link=)")
        link = growth_link(responses, orders, customer=customer, **link_options)
    answers = link.answers
    y = answers["revenue"].to_numpy(dtype=float)
    cat = answers["category"].to_numpy(dtype=object)
    cols = {"intercept": np.ones(len(y)), "passive": (cat == "passive").astype(float),
            "promoter": (cat == "promoter").astype(float),
            "revenue_before": answers["revenue_before"].to_numpy(dtype=float)}
    if segments or controls:
        from .._frames import column_names, to_narwhals, to_pandas

        date = link_options.get("date", "date")
        dated = date in column_names(to_narwhals(responses))
        seg = to_pandas(responses, [customer, *([date] if dated else []), *segments,
                                    *controls],
                        rows_for="value_of_moving: it fits a regression on the answers")
        seg = seg[seg[customer].notna()]
        if dated:  # the customer's latest answer by date, whatever the row order
            day = _days(seg[date], date)
            seg = seg.iloc[np.argsort(np.where(np.isnan(day), -np.inf, day), kind="stable")]
        # ids read as growth_link read them (1, 1.0 and "1" are one customer)
        ids, answer_ids, _ = matching_ids(seg[customer], answers["customer_id"],
                                          left_name="responses", right_name="linked answers",
                                          column=customer)
        seg = seg.assign(**{customer: ids.to_numpy()}).drop_duplicates(customer, keep="last")
        joined = pd.DataFrame({"customer_id": answer_ids.to_numpy()}).merge(
            seg.drop(columns=[date] if dated else []).rename(columns={customer: "customer_id"}),
            on="customer_id", how="left")
        for s in segments:
            dummies = pd.get_dummies(joined[s].astype("string").fillna("(missing)"),
                                     prefix=s, drop_first=True, dtype=float)
            for c in dummies.columns:
                cols[c] = dummies[c].to_numpy()
        for c in controls:
            values = pd.to_numeric(joined[c], errors="coerce").to_numpy(dtype=float)
            if np.isnan(values).any():
                raise ValueError(f"control {c!r} is missing or not a number for "
                                 f"{int(np.isnan(values).sum()):,} answer(s)")
            cols[c] = values
    x = np.column_stack(list(cols.values()))
    names = list(cols)
    groups = pd.factorize(answers["customer_id"])[0]
    beta, cov, n_groups = _ols_cluster(x, y, groups)
    # contrasts: promoter - passive, and passive - detractor (the reference)
    contrasts = {"passive -> promoter": (names.index("promoter"), names.index("passive")),
                 "detractor -> passive": (names.index("passive"), None)}
    crit = float(_stats.t_ppf(1 - (1 - confidence) / 2, n_groups - 1))
    # who could move now: customers (not answers) whose latest answer is passive/detractor
    latest = (answers[["customer_id", "answer_day", "category"]]
              .sort_values(["customer_id", "answer_day"], kind="stable")
              .drop_duplicates("customer_id", keep="last")["category"].astype(str))
    counts = {"passive -> promoter": int((latest == "passive").sum()),
              "detractor -> passive": int((latest == "detractor").sum())}
    rows = {}
    for label, (i, j) in contrasts.items():
        c = np.zeros(len(names))
        c[i] = 1.0
        if j is not None:
            c[j] = -1.0
        est = float(c @ beta)
        se = float(np.sqrt(c @ cov @ c))
        p = float(2 * _stats.t_sf(abs(est) / se, n_groups - 1)) if se > 0 else np.nan
        n = counts[label]
        rows[label] = {"per_customer": est, "ci_low": est - crit * se, "ci_high": est + crit * se,
                       "std_error": se, "p_value": p, "customers_who_could_move": n,
                       "total": est * n, "total_ci_low": (est - crit * se) * n,
                       "total_ci_high": (est + crit * se) * n}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "move"
    out.attrs = {
        "statement": (tr("Associations in this data over {days} days after each answer, "
                         "controlled for the customer's revenue in the same length of time "
                         "before the answer and for {controls}; not a proven effect of moving "
                         "customers.", days=pd.Timedelta(link.horizon).days,
                         controls=join([*segments, *controls])) if segments or controls else
                      tr("Associations in this data over {days} days after each answer, "
                         "controlled for the customer's revenue in the same length of time "
                         "before the answer; not a proven effect of moving customers.",
                         days=pd.Timedelta(link.horizon).days)),
        "controls": [n for n in names if n not in ("intercept", "passive", "promoter")],
        "answers": len(y), "customers": n_groups}
    return out


def _ols_cluster(x: np.ndarray, y: np.ndarray, groups: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, int]:
    """OLS coefficients and their CR1 cluster-robust covariance (as statsmodels'
    ``cov_type="cluster"``): (X'X)^-1 (sum_g X_g' u_g u_g' X_g) (X'X)^-1 times
    G/(G-1) * (N-1)/(N-K)."""
    n, k = x.shape
    xtx_inv = np.linalg.pinv(x.T @ x)
    beta = xtx_inv @ (x.T @ y)
    u = y - x @ beta
    g = int(groups.max()) + 1 if len(groups) else 0
    scores = np.zeros((g, k))
    np.add.at(scores, groups, x * u[:, None])  # sum of X_i u_i per customer
    meat = scores.T @ scores
    factor = g / (g - 1) * (n - 1) / (n - k) if g > 1 and n > k else np.nan
    return beta, factor * xtx_inv @ meat @ xtx_inv, g
