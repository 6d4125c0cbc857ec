"""The bundled sample survey every notebook and example uses.

A synthetic online shop, made by ``scripts/make_sample.py`` (seeded) and shipped as a file so
that it is identical on every machine. Its planted stories are in ``docs/sample-data.md``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

__all__ = ["load_sample", "sample_path"]

_FILE = "sample_survey.csv.gz"


def sample_path() -> Path:
    """Path of the bundled sample file (gzip CSV), e.g. to try ``read_survey`` on it.

    Examples
    --------
    >>> from nps_toolkit import read_survey
    >>> df, report = read_survey(sample_path())
    >>> report.rows_kept
    5036
    """
    return Path(str(resources.files("nps_toolkit") / "data" / _FILE))


def load_sample() -> pd.DataFrame:
    """The sample survey of an online shop: 5,036 responses from 2,245 customers.

    Eighteen months (January 2025 to June 2026) of customers re-surveyed every 60-90 days,
    with comments in English, French, Spanish, German, Russian, Korean and Chinese.

    Returns
    -------
    pandas.DataFrame
        Columns ``response_id``, ``date`` (datetime), ``customer_id``, ``score`` (Int8, 0-10),
        ``comment`` (string, missing when not answered), ``channel`` (email, web, in-app,
        Facebook, Instagram, X), ``touchpoint`` (after purchase, after support, periodic),
        ``persona``, ``region``, ``language``, ``support_agent`` (after-support contacts only),
        ``customer_lifetime_value`` and ``average_order_value``, sorted by date.

    Examples
    --------
    >>> df = load_sample()
    >>> df.shape
    (5036, 13)
    >>> from nps_toolkit import score
    >>> round(score(df["score"]).nps, 1)
    27.1
    """
    df = pd.read_csv(sample_path(), parse_dates=["date"], dtype={
        "response_id": "string", "customer_id": "string", "comment": "string",
        "channel": "string", "touchpoint": "string", "persona": "string", "region": "string",
        "language": "string", "support_agent": "string"}, keep_default_na=False,
        na_values={"comment": [""], "support_agent": [""]})
    df["score"] = df["score"].astype("Int8")
    return df
