"""Value tiers and the value analysis where the data lives (DuckDB, Spark, polars lazy...).

The quantiles, the latest answer per customer, the counts per tier and category, the sums
behind Spearman's correlation and the revenue weights are computed by the engine; the few
numbers that come back go through the same statistics as the pandas path
(:mod:`nps_toolkit.segmentation.value`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .. import _stats
from .._frames import collect


def _numeric(frame: Any, value: str) -> None:
    dtype = frame.collect_schema()[value]
    if not dtype.is_numeric():
        raise ValueError(f"value column {value!r} is {dtype} in the engine, not a number: "
                         "cast it in the query (e.g. CAST(col AS DOUBLE))")


def tier_expression(frame: Any, value: str, tiers: int, bins: Sequence[float] | None,
                    names: list[str]) -> Any:
    """A narwhals expression giving each row its tier label (null where ``value`` is).

    Equal-count tiers cut at the engine's exact quantiles with linear interpolation (DuckDB
    ``quantile_cont``, Spark ``percentile``; pandas' ``qcut`` uses the same quantiles),
    intervals closed on the right as in ``qcut``; ``bins`` are closed on the left as in the
    pandas path."""
    _numeric(frame, value)
    v = nw.col(value).cast(nw.Float64)
    if bins is not None:
        edges = sorted(float(b) for b in bins)
        expr = nw.lit(names[-1])
        for edge, name in zip(reversed(edges), reversed(names[:-1]), strict=True):
            expr = nw.when(v < edge).then(nw.lit(name)).otherwise(expr)
    else:
        qs = [i / tiers for i in range(tiers + 1)]
        got = collect(frame.select(*[v.quantile(q, interpolation="linear").alias(f"q{i}")
                                      for i, q in enumerate(qs)]))
        edges = [got.item(0, f"q{i}") for i in range(len(qs))]
        if edges[0] is None:
            raise ValueError(f"value column {value!r} has no values to make tiers from")
        if len(set(edges)) != len(edges):
            top = collect(frame.filter(~v.is_null()).group_by(value)
                           .agg(nw.len().alias("n")).sort("n", descending=True).head(1))
            raise ValueError(
                f"{tiers} equal-count tiers of {value!r} are not possible: too many customers "
                f"share the same value ({top.item(0, value)!r} appears {int(top.item(0, 'n'))} "
                "times). Use fewer tiers or bins=[...].")
        expr = nw.lit(names[-1])
        for edge, name in zip(reversed(edges[1:-1]), reversed(names[:-1]), strict=True):
            expr = nw.when(v <= edge).then(nw.lit(name)).otherwise(expr)
    return nw.when(v.is_null()).then(nw.lit(None, dtype=nw.String)).otherwise(expr)


def latest_per_customer(frame: Any, customer: str, date: str) -> Any:
    """Each customer's latest answer by ``date`` (a window in the engine; answers at the
    same instant: one of them)."""
    rank = nw.col(date).rank("ordinal", descending=True).over(customer)
    return (frame.filter(~nw.col(customer).is_null())
            .with_columns(rank.alias("__latest")).filter(nw.col("__latest") == 1)
            .drop("__latest"))


def spearman(frame: Any, value: str, score: str) -> tuple[float, float]:
    """Spearman's rho of value and score and its two-sided p-value, as
    ``scipy.stats.spearmanr``: Pearson's correlation of the average ranks (Spearman 1904),
    p from Student's t with n - 2 degrees of freedom. The value ranks are a window in the
    engine; the score ranks follow from the eleven score counts; the engine returns five sums
    per score value."""
    scored = frame.filter(~nw.col(score).is_null() & ~nw.col(value).is_null())
    ranked = scored.with_columns(nw.col(value).cast(nw.Float64).rank("average").alias("__r"))
    sums = collect(ranked.group_by(score).agg(
        nw.len().alias("n"), nw.col("__r").sum().alias("s"),
        (nw.col("__r") * nw.col("__r")).sum().alias("ss"))).to_pandas()
    sums = sums.sort_values(score).reset_index(drop=True)
    counts = sums["n"].to_numpy(dtype=float)
    n = counts.sum()
    if n < 3:
        return float("nan"), float("nan")
    r_s = np.cumsum(counts) - counts + (counts + 1) / 2  # average rank of each score value
    s_v, ss_v = sums["s"].to_numpy(dtype=float), sums["ss"].to_numpy(dtype=float)
    mean_v, mean_s = s_v.sum() / n, (counts * r_s).sum() / n
    cov = (r_s * s_v).sum() / n - mean_v * mean_s
    var_v = ss_v.sum() / n - mean_v ** 2
    var_s = (counts * r_s ** 2).sum() / n - mean_s ** 2
    if var_v <= 0 or var_s <= 0:
        return float("nan"), float("nan")
    rho = float(np.clip(cov / np.sqrt(var_v * var_s), -1.0, 1.0))
    df = n - 2
    with np.errstate(divide="ignore"):
        t = rho * np.sqrt(df / ((1.0 - rho) * (1.0 + rho)))
    return rho, float(2 * _stats.t_sf(abs(t), df)) if np.isfinite(t) else 0.0


def tier_order(table: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Rows of a per-tier table in tier order (lowest first, missing last), as pandas."""
    tier = pd.Categorical(table["value_tier"], categories=names, ordered=True)
    out = table.assign(value_tier=tier)
    return out.sort_values("value_tier", na_position="last", kind="stable").reset_index(drop=True)
