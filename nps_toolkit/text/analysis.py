"""Theme trends, and the one-call analysis with its comment filter."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .._api import renamed
from .._frames import collect, require_columns, to_narwhals
from ._common import _ARROW, DEFAULT_CODEFRAME, _fold
from .discover import DiscoveredThemes, discover_themes
from .model import comment_sentiment
from .prepare import _prepared, prepare_comments
from .terms import shared_terms
from .themes import Codeframe, choose_codeframe, code_themes, theme_impact
from .words import quotes, text_drivers


def theme_trends(data: Any, *, date: str = "date", freq: str = "Q",
                 themes: pd.DataFrame | Sequence[str] | None = None, comment: str = "comment",
                 score: str = "score",
                 codeframe: Codeframe | None = "auto") -> pd.DataFrame:
    """Mentions and NPS by theme per period, to spot an emerging problem.

    Returns one row per period and theme: ``comments`` (analysed that period), ``mentions``,
    ``mention_share``, ``detractor_mentions``, ``nps_mentioning`` and the period's overall
    ``nps``. Periods are cut as in :func:`nps_toolkit.trend`.

    The comments are coded as :func:`analyze_comments` codes them: ``codeframe="auto"`` (the
    default) keeps the preset that codes the most (:func:`choose_codeframe`, the same choice
    for the same comments); a preset's name or your own mapping chooses. Given
    :attr:`TextAnalysis.comments`, the themes it already coded are followed as they are.

    On a lazy source (DuckDB, Spark, polars lazy...) holding comments already coded - for
    instance :attr:`TextAnalysis.comments` written to a warehouse - pass ``themes`` as the
    list of its boolean theme columns: the periods and the counts per period, theme and
    category are computed in the engine (a comment counts as analysed where the source's
    ``is_answer`` column is true, or, without one, where the comment is not blank).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> t = theme_trends(load_sample())
    >>> t.loc[t["theme"] == "delivery"].set_index("period")["mention_share"].idxmax()
    '2025Q4'
    """
    from .._frames.periods import parse_dates, period_codes, period_labels

    frame = to_narwhals(data)
    if not isinstance(nw.to_native(frame), pd.DataFrame):
        return _engine_theme_trends(frame, date=date, freq=freq, themes=themes,
                                    comment=comment, score=score)
    if themes is not None and not isinstance(themes, pd.DataFrame):
        raise ValueError("themes= is a frame of coded themes (code_themes(...)) for rows in "
                         "memory; a list of theme column names is for a lazy source")
    prep = _prepared(data, comment, score)
    require_columns(to_narwhals(prep), [date])
    already = [c for c in prep.columns if str(c).startswith("theme: ")]
    if themes is not None:
        coded = themes
    elif already and isinstance(codeframe, str) and codeframe == "auto":
        # TextAnalysis.comments: the themes analyze_comments coded (its chosen preset)
        coded = prep[already].rename(columns=lambda c: c.removeprefix("theme: "))
    else:
        if isinstance(codeframe, str) and codeframe == "auto":
            codeframe, _ = choose_codeframe(prep, comment=comment, score=score)
        coded = code_themes(prep, codeframe=codeframe, comment=comment, score=score)
    dates = parse_dates(prep[date], column=date)
    codes, meaning = period_codes(dates, freq, None)
    have = codes >= 0
    lo = codes[have].min()
    span = np.arange(lo, codes[have].max() + 1)
    labels = period_labels(span, meaning)[0].to_numpy()
    pos = np.where(have, codes - lo, -1)
    answered = prep["is_answer"].to_numpy() & have
    cat = prep["category"].astype(str).to_numpy()
    scored = prep[score].notna().to_numpy() & have
    k = len(span)

    def per_period(mask: np.ndarray) -> np.ndarray:
        return np.bincount(pos[mask], minlength=k)

    comments = per_period(answered)
    n_all = per_period(scored)
    nps_all = 100 * (per_period(scored & (cat == "promoter"))
                     - per_period(scored & (cat == "detractor"))) / np.maximum(n_all, 1)
    per_theme = []
    for theme in coded.columns:
        m = coded[theme].to_numpy() & answered
        per_theme.append((theme, per_period(m), per_period(m & (cat == "promoter")),
                          per_period(m & (cat == "detractor"))))
    return _theme_table(labels, comments, n_all, nps_all, per_theme)


def _theme_table(labels: np.ndarray, comments: np.ndarray, n_all: np.ndarray,
                 nps_all: np.ndarray, per_theme: list[tuple[str, Any, Any, Any]]
                 ) -> pd.DataFrame:
    """theme_trends' table from counts per period: comments, scored responses and their
    NPS, and per theme its mentions, promoter and detractor mentions."""
    frames = []
    for theme, mentions, prom, det in per_theme:
        with np.errstate(invalid="ignore", divide="ignore"):
            frames.append(pd.DataFrame({
                "period": labels, "theme": theme, "comments": comments, "mentions": mentions,
                "mention_share": np.where(comments > 0, mentions / comments, np.nan),
                "detractor_mentions": det,
                "nps_mentioning": np.where(mentions > 0, 100 * (prom - det) / mentions, np.nan),
                "nps": np.where(n_all > 0, nps_all, np.nan)}))
    return pd.concat(frames, ignore_index=True)


def _engine_theme_trends(frame: Any, *, date: str, freq: str, themes: Any, comment: str,
                         score: str) -> pd.DataFrame:
    """:func:`theme_trends` where coded comments live: ``GROUP BY period`` with one sum per
    theme and category runs in the engine; the rates are computed on the small result."""
    from .._frames.periods import FIXED, days_since_epoch, engine_period_code, period_labels

    if themes is None or isinstance(themes, (str, pd.DataFrame)):
        raise ValueError("theme_trends on a lazy source reads comments already coded: pass "
                         "themes=[...] naming its boolean theme columns (the comment text "
                         "itself is analysed on rows in memory only)")
    themes = list(themes)
    schema = frame.collect_schema()
    require_columns(frame, [date, score, *themes])
    not_bool = [t for t in themes if schema[t] != nw.Boolean]
    if not_bool:
        raise ValueError(f"theme column(s) {not_bool} are not boolean in the engine")
    if not isinstance(schema[date], (nw.Date, nw.Datetime)):
        raise ValueError(f"the date column {date!r} is {schema[date]} in the engine, not a "
                         "date or timestamp: cast it in the query (e.g. CAST(col AS DATE))")
    if "is_answer" in schema:
        answered = nw.col("is_answer").fill_null(False)
    else:
        require_columns(frame, [comment])
        answered = ~nw.col(comment).is_null() & (nw.col(comment).str.strip_chars() != "")
    origin = None
    if FIXED.match(freq.strip()):
        first = frame.select(days_since_epoch(date).min().alias("d"))
        first = collect(first)
        origin = first.item(0, "d")
    period, meaning = engine_period_code(date, freq, None if origin is None else int(origin))
    s = nw.col(score)
    have = ~nw.col(date).is_null()
    ans = answered & have
    prom, det = s >= 9, s <= 6

    def count(cond: Any, name: str) -> Any:
        return nw.when(cond).then(1).otherwise(0).sum().alias(name)

    aggs = [count(ans, "comments"), count(~s.is_null(), "n_all"),
            count(~s.is_null() & prom, "p_all"), count(~s.is_null() & det, "d_all")]
    for i, t in enumerate(themes):
        m = ans & nw.col(t).fill_null(False)
        aggs += [count(m, f"m{i}"), count(m & prom, f"p{i}"), count(m & det, f"d{i}")]
    table = (frame.filter(have).with_columns(period.alias("__period"))
             .group_by("__period").agg(*aggs))
    table = (collect(table)).to_pandas()
    if table.empty:
        raise ValueError("no responses with a date to build theme trends from")
    table = table.set_index(table["__period"].astype(np.int64)).drop(columns="__period")
    table = table.astype(np.int64).sort_index()  # DuckDB sums arrive as decimals
    span = np.arange(table.index.min(), table.index.max() + 1)
    table = table.reindex(span, fill_value=0)
    labels = period_labels(span, meaning)[0].to_numpy()
    comments = table["comments"].to_numpy()
    n_all = table["n_all"].to_numpy()
    nps_all = 100 * (table["p_all"].to_numpy() - table["d_all"].to_numpy()) / np.maximum(n_all,
                                                                                          1)
    per_theme = [(t.removeprefix("theme: "), table[f"m{i}"].to_numpy(),
                  table[f"p{i}"].to_numpy(), table[f"d{i}"].to_numpy())
                 for i, t in enumerate(themes)]
    return _theme_table(labels, comments, n_all, nps_all, per_theme)


# --------------------------------------------------------------------------- one call
@dataclass(frozen=True)
class TextAnalysis:
    """Everything :func:`analyze_comments` found.

    Attributes
    ----------
    comments : DataFrame
        The prepared comments (:func:`prepare_comments`) with one boolean column per theme,
        ``sentiment``, ``p_promoter`` and ``mismatch`` (:func:`comment_sentiment`).
    account : dict
        How many comments were analysed, and why the others were not.
    impact : DataFrame
        :func:`theme_impact`.
    drivers : DataFrame
        :func:`text_drivers`.
    discovered : DiscoveredThemes or None
        :func:`discover_themes` (None when there are too few comments).
    quotes : DataFrame
        :func:`quotes`.
    mismatches : DataFrame
        Responses whose score and comment disagree (possible reversed scale or data entry),
        from :func:`mismatch_flags`.
    codeframe : str
        The preset the comments were coded with (``"custom"`` for your own mapping).
    codeframe_coverage : dict
        With ``codeframe="auto"``: each preset's share of the comments it codes (the chosen
        one is the highest); empty otherwise.
    sentiment_model : dict
        How ``sentiment`` was computed (:func:`comment_sentiment`): ``method`` ("model",
        cross-fitted on the survey's own scores, or "lexicon"), its out-of-fold ``auc`` for
        promoter against detractor comments, and the ``labelled`` comments it learnt from.
    """

    comments: pd.DataFrame
    account: dict[str, int]
    impact: pd.DataFrame
    drivers: pd.DataFrame
    discovered: DiscoveredThemes | None
    quotes: pd.DataFrame
    mismatches: pd.DataFrame
    themes: list[str] = field(default_factory=list)
    sentiment_model: dict[str, Any] = field(default_factory=dict)
    codeframe: str = "custom"
    codeframe_coverage: dict[str, float] = field(default_factory=dict)

    def _repr_html_(self) -> str:
        acc = ", ".join(f"{html.escape(k)}: {v:,}" for k, v in self.account.items())
        cols = ["theme", "mentions", "share_of_detractor_comments", "nps_mentioning",
                "nps_gain_if_fixed"]
        return (f"<p>{acc}</p>"
                + self.impact[cols].to_html(index=False, float_format=lambda v: f"{v:.2f}"))


def analyze_comments(data: Any, *, comment: str = "comment", score: str = "score",
                     codeframe: Codeframe | None = "auto",
                     language: str | None = None, n_themes: int = 8, seed: int = 0,
                     redact: bool = True, discover: bool = True) -> TextAnalysis:
    """Prepare the comments and run themes, impact, drivers, sentiment, quotes in one call.

    ``codeframe="auto"`` (the default) tries every preset on a seeded sample of the comments
    and keeps the one that codes the most (:func:`choose_codeframe`); the result says which
    (``codeframe``) and every preset's coverage (``codeframe_coverage``). Pass a preset's name
    or your own mapping to choose (see :func:`code_themes`).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> result = analyze_comments(load_sample())
    >>> result.account["analysed"] > 2000, result.codeframe
    (True, 'ecommerce')
    """
    prep = prepare_comments(data, comment=comment, score=score, redact=redact,
                            language=language)
    coverage: dict[str, float] = {}
    if isinstance(codeframe, str) and codeframe == "auto":
        codeframe, coverage = choose_codeframe(prep, comment=comment, score=score, seed=seed)
    used = codeframe if isinstance(codeframe, str) else (
        DEFAULT_CODEFRAME if codeframe is None else "custom")
    # every step below reads the same folded comments and word counts: made once here
    with shared_terms():
        coded = code_themes(prep, codeframe=codeframe, comment=comment, score=score)
        sent = comment_sentiment(prep, comment=comment, score=score, seed=seed)
        out = pd.concat([prep, coded.add_prefix("theme: "), sent], axis=1)
        out.attrs = prep.attrs
        impact = theme_impact(prep, themes=coded, score=score, comment=comment)
        drivers = text_drivers(prep, comment=comment, score=score)
        found = None
        if discover:
            try:
                found = discover_themes(prep, n_themes=n_themes, seed=seed, comment=comment,
                                        score=score, codeframe=codeframe)
            except ValueError:
                found = None
        q = quotes(prep, themes=coded, comment=comment, score=score)
    flagged = out.loc[out["mismatch"] != "",
                      [score, "display", "sentiment", "p_promoter", "mismatch"]]
    return TextAnalysis(comments=out, account=dict(prep.attrs["account"]), impact=impact,
                        drivers=drivers, discovered=found, quotes=q, mismatches=flagged,
                        themes=list(coded.columns), sentiment_model=dict(sent.attrs),
                        codeframe=used, codeframe_coverage=coverage)



@renamed(score_column="score")
def filter_comments(comments: pd.DataFrame, *, search: str = "", category: str | None = None,
                    theme: str | None = None, language: str | None = None,
                    score: str = "score") -> pd.DataFrame:
    """Analysed comments matching a search and filters (what the comment explorer shows).

    ``comments`` is :attr:`TextAnalysis.comments`. ``search`` is plain text, matched
    case-insensitively and accent-insensitively (it is not a regular expression).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> c = analyze_comments(load_sample(), discover=False).comments
    >>> len(filter_comments(c, search="livraison", category="detractor")) > 0
    True
    """
    keep = comments["is_answer"].to_numpy().copy()
    if search.strip():
        needle = _fold(pd.Series([search], dtype=_ARROW)).iloc[0]
        hay = _fold(comments["text"].astype(_ARROW))
        keep &= hay.str.contains(needle, regex=False).fillna(False).to_numpy()
    if category:
        keep &= (comments["category"].astype(str) == category).to_numpy()
    if theme:
        col = f"theme: {theme}"
        if col not in comments:
            raise ValueError(f"unknown theme {theme!r}")
        keep &= comments[col].to_numpy(bool)
    if language:
        keep &= (comments["comment_language"] == language).fillna(False).to_numpy()
    cols = [c for c in (score, "category", "comment_language", "display", "sentiment")
            if c in comments]
    return comments.loc[keep, cols]
