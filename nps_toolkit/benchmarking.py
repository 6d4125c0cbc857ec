"""Benchmark comparison: published industry NPS figures, the analyst's own rows, and targets.

The bundled table (``nps_toolkit/data/benchmarks.csv``) holds only figures with a named
publisher and a URL; ``verified`` says whether the figure itself was seen in the stored copy of
that URL (False: carried from a citing article and not yet confirmed at the source). Figures
from different publishers are not comparable as such: methods (consumer panel vs a vendor's
customers), regions and years differ, which every row states.
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from . import _stats
from ._api import renamed
from ._frames import counts_table
from .i18n import fmt, tr
from .scoring import NPSResult, from_counts
from .scoring import score as score_scores  # the parameter "score" names the column

__all__ = ["BenchmarkComparison", "benchmarks", "compare_to_benchmark"]

TABLE_VERSION = "2026.11"
COLUMNS = ["benchmark", "kind", "industry", "industry_group", "region", "year", "year_note",
           "nps", "statistic", "sample_size", "n_companies", "publisher", "source_title", "url",
           "via", "verified", "method_notes"]
_GROUPS = {  # keyword in a free-text industry -> industry group of the bundled table
    "retail": ["retail", "shop", "store", "commerce", "grocer", "supermarket", "fashion",
               "apparel", "garden", "diy", "department"],
    "telecom": ["telecom", "internet", "isp", "tv", "cable", "wireless", "mobile operator",
                "broadband"],
    "financial services": ["bank", "payment", "insurance", "credit", "brokerage", "invest",
                           "fintech", "finance"],
    "automotive": ["auto", "car", "dealer", "vehicle"],
    "media": ["streaming", "media", "music", "video", "entertainment"],
}


def _group_of(industry: str) -> str | None:
    text = industry.lower()
    for group, words in _GROUPS.items():
        if any(re.search(rf"\b{re.escape(w)}", text) for w in words):
            return group
    return None


def _label(row: pd.Series) -> str:
    year = "" if pd.isna(row.get("year")) else f", {int(row['year'])}"
    statistic = row.get("statistic")
    stat = "" if not isinstance(statistic, str) or statistic == "average" else f" {statistic}"
    pub = row.get("publisher")
    pub = "" if pd.isna(pub) or not pub else f" ({pub}{year})"
    return f"{row['industry']}{stat}{pub}"


def _read_extra(extra: str | Path | pd.DataFrame) -> pd.DataFrame:
    if isinstance(extra, (str, Path)):
        rows = pd.read_csv(extra, encoding="utf-8-sig")
    elif isinstance(extra, pd.DataFrame):
        rows = extra.copy()
    else:
        raise TypeError("extra must be a CSV path or a pandas DataFrame of benchmark rows")
    rows.columns = [str(c).strip().lower() for c in rows.columns]
    if "industry" not in rows and "name" in rows:
        rows = rows.rename(columns={"name": "industry"})
    missing = [c for c in ("industry", "nps") if c not in rows]
    if missing:
        raise ValueError(f"benchmark rows need columns 'industry' (or 'name') and 'nps'; "
                         f"missing {missing}. Optional: kind (competitor, target, internal), "
                         "year, region, publisher, url, method_notes")
    nps = pd.to_numeric(rows["nps"], errors="coerce")
    bad = nps.isna() | (nps < -100) | (nps > 100)
    if bad.any():
        where = ", ".join(f"row {i + 2}: {v!r}" for i, v in
                          zip(np.flatnonzero(bad)[:5], rows.loc[bad, "nps"].head(5), strict=False))
        raise ValueError(f"column 'nps' of the extra benchmark rows must hold numbers from -100 "
                         f"to 100; {int(bad.sum())} do not ({where}; row numbers as in the CSV)")
    blank = rows["industry"].isna() | (rows["industry"].astype(str).str.strip() == "")
    if blank.any():
        raise ValueError(f"column 'industry' (or 'name') is blank on CSV row(s) "
                         f"{[int(i) + 2 for i in np.flatnonzero(blank)[:10]]}; every row needs "
                         "a name (e.g. 'Competitor A' or 'Q3 target')")
    rows["nps"] = nps
    rows["kind"] = rows.get("kind", pd.Series("internal", index=rows.index)).fillna("internal")
    rows["verified"] = False
    for c in COLUMNS:
        if c not in rows:
            rows[c] = None
    return rows


def benchmarks(extra: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """The bundled table of published industry NPS figures, plus your own rows.

    Parameters
    ----------
    extra : CSV path or DataFrame, optional
        Your competitors' scores, internal targets or other references: columns ``industry``
        (or ``name``) and ``nps`` at least; ``kind`` (``competitor``, ``target``,
        ``internal``), ``year``, ``region``, ``publisher``, ``url`` and ``method_notes`` if you
        have them. Appended after the published rows.

    Returns
    -------
    pandas.DataFrame
        One row per figure: ``benchmark`` (a readable label), ``kind`` (``published`` for the
        bundled rows), ``industry``, ``industry_group``, ``region``, ``year`` (empty when the
        source gives none, with ``year_note`` saying why), ``nps``, ``statistic`` (average,
        median or top quartile threshold), ``sample_size``, ``n_companies``, ``publisher``,
        ``source_title``, ``url``, ``via``, ``verified`` and ``method_notes``. The table
        version is in ``.attrs["version"]``.

    Examples
    --------
    >>> table = benchmarks()
    >>> table.loc[table["publisher"] == "SurveyMonkey", ["nps", "statistic"]].head(2)
        nps               statistic
    5  32.0                 average
    6  72.0  top quartile threshold
    """
    path = resources.files("nps_toolkit") / "data" / "benchmarks.csv"
    with resources.as_file(path) as p:
        table = pd.read_csv(p, dtype={"year": "Int64", "sample_size": "Int64",
                                      "n_companies": "Int64"})
    table["kind"] = "published"
    if extra is not None:
        table = pd.concat([table, _read_extra(extra)], ignore_index=True)
    table["benchmark"] = table.apply(_label, axis=1)
    table = table[COLUMNS]
    table.attrs["version"] = TABLE_VERSION
    return table


@dataclass(frozen=True)
class BenchmarkComparison:
    """Our NPS against one benchmark or target.

    Attributes
    ----------
    nps, ci_low, ci_high, n, confidence, method :
        Our NPS and its interval.
    benchmark : float
        The reference value; ``benchmark_label`` and ``benchmark_source`` say what it is.
    difference : float
        ``nps - benchmark`` in points.
    interval_excludes : bool
        True when the benchmark lies outside our interval.
    prob_above : float
        Posterior probability that our true NPS is above the benchmark (Dirichlet model,
        uniform prior).
    sentence : str
        A plain-words summary for a report.
    warnings : list of str
        Caveats (different industry, unverified figure, cross-industry average, small n).
    headline : str
        The summary's first sentence: our NPS against the benchmark, and whether the data can
        tell them apart (text in the current language, see :func:`nps_toolkit.set_language`).
    """

    nps: float
    ci_low: float
    ci_high: float
    n: int
    confidence: float
    method: str
    benchmark: float
    benchmark_label: str
    benchmark_source: str
    difference: float
    interval_excludes: bool
    prob_above: float
    sentence: str
    warnings: list[str] = field(default_factory=list)
    headline: str = ""

    def __repr__(self) -> str:
        return self.sentence + "".join("\n" + tr("Warning: {warning}", warning=w)
                                       for w in self.warnings)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(w)}</li>" for w in self.warnings)
        return (f"<p>{html.escape(self.sentence)}</p>"
                + (f"<ul class='nps-warnings'>{items}</ul>" if items else ""))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _pick(benchmark: Any, table: pd.DataFrame) -> tuple[float, str, str, pd.Series | None]:
    if isinstance(benchmark, bool):
        raise TypeError("benchmark must be a number, a label from benchmarks() or a row")
    if isinstance(benchmark, (int, float, np.integer, np.floating)):
        value = float(benchmark)
        if not -100 <= value <= 100:
            raise ValueError(f"a target NPS must be between -100 and 100, got {value}")
        return value, tr("the target of {value:g}", value=value), tr("your target"), None
    if isinstance(benchmark, pd.Series):
        row = benchmark
    elif isinstance(benchmark, str):
        text = benchmark.strip().lower()
        exact = table[table["benchmark"].str.lower() == text]
        hits = exact if len(exact) else table[
            table["benchmark"].str.lower().str.contains(text, regex=False)
            | table["industry"].str.lower().str.contains(text, regex=False)]
        if hits.empty:
            raise ValueError(f"no benchmark matches {benchmark!r}; see benchmarks()['benchmark'] "
                             "for the labels, or pass a number as a target")
        averages = hits[hits["statistic"] == "average"]
        hits = averages if len(averages) else hits
        # most recent verified row first; undated rows last
        order = hits.assign(_v=~hits["verified"].astype(bool),
                            _y=-hits["year"].fillna(-9999).astype(float))
        row = order.sort_values(["_v", "_y"], kind="stable").iloc[0]
    else:
        raise TypeError("benchmark must be a number, a label from benchmarks() or a row")
    source = (f"{row.get('publisher') or 'own row'}"
              + (f", {row['source_title']}" if isinstance(row.get("source_title"), str) else "")
              + (f" <{row['url']}>" if isinstance(row.get("url"), str) else ""))
    return float(row["nps"]), str(row.get("benchmark") or _label(row)), source, row


@renamed(score_column="score")
def compare_to_benchmark(result_or_data: Any, *, benchmark: Any, score: str = "score",
                         industry: str | None = None, confidence: float = 0.95,
                         method: str = "adjusted_wald", table: pd.DataFrame | None = None,
                         seed: int = 0) -> BenchmarkComparison:
    """Compare our NPS with a published benchmark, a competitor or a target.

    Parameters
    ----------
    result_or_data : NPSResult, data frame or scores
        Our survey: a result of :func:`score`, a frame with a ``score`` column, or scores.
    benchmark : float, str or row
        A number is a target ("did we reach 45 this quarter?"). A string picks a row of
        :func:`benchmarks` by label or industry (the most recent verified average when several
        match; the one used is named in the result). A row of that table is used as is.
    industry : str, optional
        Our industry in words ("online fashion retail"): a warning is raised when the
        benchmark belongs to a very different industry group.
    confidence, method : as in :func:`score`.
    table : DataFrame, optional
        A table from ``benchmarks(extra=...)`` holding your own rows.

    Returns
    -------
    BenchmarkComparison
        The difference, whether our interval excludes the benchmark, the posterior probability
        that our true NPS is above it (Dirichlet(P+1, A+1, D+1) posterior; Gelman et al. 2013,
        BDA3 section 3.4; weighted results use effective counts), a sentence and warnings.

    Examples
    --------
    >>> from nps_toolkit import from_counts
    >>> c = compare_to_benchmark(from_counts(promoters=450, passives=350, detractors=200),
    ...                          benchmark=20)
    >>> round(c.difference, 1), c.interval_excludes, round(c.prob_above, 2)
    (5.0, True, 0.98)
    """
    if isinstance(result_or_data, NPSResult):
        res = result_or_data
    elif _is_frame(result_or_data):
        # counted where the data lives (pandas, polars, DuckDB, Spark...)
        t = counts_table(result_or_data, score=score).iloc[0]
        res = from_counts(promoters=int(t["promoters"]), passives=int(t["passives"]),
                          detractors=int(t["detractors"]), n_missing=int(t["n_missing"]),
                          confidence=confidence, method=method)
    else:
        res = score_scores(result_or_data, confidence=confidence, method=method)
    if res.n == 0:
        raise ValueError("no valid responses: there is no NPS to compare with a benchmark")
    tbl = benchmarks() if table is None else table
    value, label, source, row = _pick(benchmark, tbl)
    notes: list[str] = []
    if row is not None:
        if not bool(row.get("verified", False)) and row.get("kind", "published") == "published":
            notes.append(tr("this figure is carried from a citing article and was not "
                            "confirmed at its source; prefer a verified row for decisions."))
        group = row.get("industry_group")
        if isinstance(group, str) and group == "cross-industry":
            notes.append(tr("this is a cross-industry average: NPS levels differ a lot by "
                            "industry, so an industry benchmark is a fairer comparison."))
        if industry is not None:
            ours = _group_of(industry)
            if ours is not None and isinstance(group, str) and group not in (
                    ours, "cross-industry"):
                msg = tr("you compare a {ours} business ({industry!r}) with a {group} benchmark "
                         "({label}): industries differ widely in NPS (e.g. TV/internet "
                         "providers near 0-9, auto dealers near 40), so this gap says little.",
                         ours=ours, industry=industry, group=group, label=label)
                notes.append(msg)
                warnings.warn(msg, UserWarning, stacklevel=2)
        if isinstance(row.get("method_notes"), str) and row.get("kind") == "published":
            notes.append(tr("method: {notes}", notes=row["method_notes"]))
    if res.n < 100:
        notes.append(tr("only {n} responses: the interval is wide (see ci_low, ci_high).",
                        n=res.n))
    eff = res.effective_counts
    prob = float(_stats.posterior_prob_above([eff[0]], [eff[1]], [eff[2]], value,
                                             seed=seed)[0])
    diff = res.nps - value
    excludes = not (res.ci_low <= value <= res.ci_high)
    values = dict(nps=res.nps, confidence=res.confidence, low=res.ci_low, high=res.ci_high,
                  n=res.n, gap=abs(diff), shown=label if row is None else
                  tr("{label} ({value:g})", label=label, value=value), value=value)
    if excludes and diff > 0:
        verdict = (tr("our interval excludes it: we are above this target") if row is None
                   else tr("our interval excludes it: we are above this benchmark"))
    elif excludes:
        verdict = (tr("our interval excludes it: we are below this target") if row is None
                   else tr("our interval excludes it: we are below this benchmark"))
    else:
        verdict = tr("the interval includes it, so the data cannot tell the two apart")
    headline = (tr("Our NPS of {nps:.1f} ({confidence:.0%} CI {low:.1f} to {high:.1f}, "
                   "n={n:,}) is {gap:.1f} points above {shown}; {verdict}.", verdict=verdict,
                   **values) if diff >= 0 else
                tr("Our NPS of {nps:.1f} ({confidence:.0%} CI {low:.1f} to {high:.1f}, "
                   "n={n:,}) is {gap:.1f} points below {shown}; {verdict}.", verdict=verdict,
                   **values))
    sentence = " ".join([
        headline,
        tr("Probability that our true NPS is above {value:g}: {probability}.", value=value,
           probability=_pct(prob)),
        tr("Any NPS above zero means more promoters than detractors.") if res.nps > 0 else
        tr("An NPS at or below zero means detractors are at least as many as promoters.")])
    return BenchmarkComparison(
        nps=res.nps, ci_low=res.ci_low, ci_high=res.ci_high, n=res.n,
        confidence=res.confidence, method=res.method, benchmark=value,
        benchmark_label=label, benchmark_source=source, difference=diff,
        interval_excludes=excludes, prob_above=prob, sentence=sentence, warnings=notes,
        headline=headline,
    )


def _is_frame(data: Any) -> bool:
    """A data frame or relation (any backend), as opposed to a series or a list of scores."""
    try:
        nw.from_native(data, series_only=False, allow_series=False)
    except TypeError:
        return False
    return True


def _pct(p: float) -> str:
    if p > 0.999:
        return tr("over {p:.1%}", p=0.999)
    if p < 0.001:
        return tr("under {p:.1%}", p=0.001)
    return fmt(p, ".0%") if 0.01 <= p <= 0.99 else fmt(p, ".1%")

