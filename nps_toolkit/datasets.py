"""The bundled sample survey every notebook and example uses.

A synthetic online shop, made by ``scripts/make_sample.py`` (seeded) and shipped as a file so
that it is identical on every machine. Its planted stories are in ``docs/sample-data.md``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

__all__ = ["load_sample", "sample_path"]

_FILES = {"responses": "sample_survey.csv.gz", "orders": "sample_orders.csv.gz",
          "customers": "sample_customers.csv.gz"}


def sample_path(which: str = "responses") -> Path:
    """Path of a bundled sample file (gzip CSV), e.g. to try ``read_survey`` on it.

    ``which="orders"`` is the sample's order log (for ``read_orders``), ``"customers"`` its
    customer list.

    Examples
    --------
    >>> from nps_toolkit import read_survey
    >>> df, report = read_survey(sample_path())
    >>> report.rows_kept
    5036
    """
    if which not in _FILES:
        raise ValueError(f"which must be one of {sorted(_FILES)}, got {which!r}")
    return Path(str(resources.files("nps_toolkit") / "data" / _FILES[which]))


def load_sample(which: str = "responses") -> pd.DataFrame:
    """The sample survey of an online shop: 5,036 responses from 2,245 customers.

    ``load_sample("orders")`` is the same shop's order log, January 2024 to 15 November 2026:
    ``order_id``, ``customer_id``, ``order_date``, ``amount`` (refunds negative) and
    ``referrer_id`` (on a referred new customer's first order). It was generated with a
    planted, documented relation between the answers and later orders (promoters buy again
    more, and the effect is stronger for bargain hunters; ``docs/sample-data.md``).
    ``load_sample("customers")`` is the shop's customer list (``customer_id``, ``region``,
    ``persona``): the 2,245 respondents and 1,600 invited customers who never answered, with
    planted non-response (Asia-Pacific and Latin America answered about half as often).

    Eighteen months (January 2025 to June 2026) of customers re-surveyed every 60-90 days,
    with comments in English, French, Spanish, German, Russian, Korean and Chinese.

    Returns
    -------
    pandas.DataFrame
        Columns ``response_id``, ``date`` (datetime), ``customer_id``, ``score`` (Int8, 0-10),
        ``comment`` (string, missing when not answered), ``channel`` (email, web, in-app,
        Facebook, Instagram, X), ``touchpoint`` (after purchase, after support, periodic),
        ``persona``, ``region``, ``language``, ``support_agent`` (after-support contacts only),
        ``customer_lifetime_value``, ``average_order_value`` and ``delivery_depot`` (40 depots
        of very different sizes, unrelated to the scores: a funnel plot's case), sorted by date.

    Examples
    --------
    >>> df = load_sample()
    >>> df.shape
    (5036, 14)
    >>> from nps_toolkit import score
    >>> round(score(df["score"]).nps, 1)
    27.1
    """
    if which == "customers":
        return pd.read_csv(sample_path("customers"), dtype="string")
    if which == "orders":
        return pd.read_csv(sample_path("orders"), parse_dates=["order_date"], dtype={
            "order_id": "string", "customer_id": "string", "referrer_id": "string"})
    df = pd.read_csv(sample_path(which), parse_dates=["date"], dtype={
        "response_id": "string", "customer_id": "string", "comment": "string",
        "channel": "string", "touchpoint": "string", "persona": "string", "region": "string",
        "language": "string", "support_agent": "string"}, keep_default_na=False,
        na_values={"comment": [""], "support_agent": [""]})
    df["score"] = df["score"].astype("Int8")
    return df
