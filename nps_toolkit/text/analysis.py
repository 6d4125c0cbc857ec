"""Theme trends, and the one-call analysis with its comment filter."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._frames import require_columns, to_narwhals
from ._common import _ARROW, _fold
from .model import comment_sentiment
from .prepare import _prepared, prepare_comments
from .terms import shared_terms
from .themes import Codeframe, DiscoveredThemes, code_themes, discover_themes, theme_impact
from .words import quotes, text_drivers


def theme_trends(data: Any, *, date: str = "date", freq: str = "Q",
                 themes: pd.DataFrame | None = None, comment: str = "comment",
                 score: str = "score",
                 codeframe: Codeframe | None = None) -> pd.DataFrame:
    """Mentions and NPS by theme per period, to spot an emerging problem.

    Returns one row per period and theme: ``comments`` (analysed that period), ``mentions``,
    ``mention_share``, ``detractor_mentions``, ``nps_mentioning`` and the period's overall
    ``nps``. Periods are cut as in :func:`nps_toolkit.trend`.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> t = theme_trends(load_sample())
    >>> t.loc[t["theme"] == "delivery"].set_index("period")["mention_share"].idxmax()
    '2025Q4'
    """
    from ..trends import _period_codes, _period_labels, parse_dates

    prep = _prepared(data, comment, score)
    require_columns(to_narwhals(prep), [date])
    coded = themes if themes is not None else code_themes(prep, codeframe=codeframe,
                                                          comment=comment, score=score)
    dates = parse_dates(prep[date], column=date)
    codes, meaning = _period_codes(dates, freq, None)
    have = codes >= 0
    lo = codes[have].min()
    span = np.arange(lo, codes[have].max() + 1)
    labels = _period_labels(span, meaning)[0].to_numpy()
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
    frames = []
    for theme in coded.columns:
        m = coded[theme].to_numpy() & answered
        mentions = per_period(m)
        prom, det = per_period(m & (cat == "promoter")), per_period(m & (cat == "detractor"))
        with np.errstate(invalid="ignore", divide="ignore"):
            frames.append(pd.DataFrame({
                "period": labels, "theme": theme, "comments": comments, "mentions": mentions,
                "mention_share": np.where(comments > 0, mentions / comments, np.nan),
                "detractor_mentions": det,
                "nps_mentioning": np.where(mentions > 0, 100 * (prom - det) / mentions, np.nan),
                "nps": np.where(n_all > 0, nps_all, np.nan)}))
    return pd.concat(frames, ignore_index=True)


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

    def _repr_html_(self) -> str:
        acc = ", ".join(f"{html.escape(k)}: {v:,}" for k, v in self.account.items())
        cols = ["theme", "mentions", "share_of_detractor_comments", "nps_mentioning",
                "nps_gain_if_fixed"]
        return (f"<p>{acc}</p>"
                + self.impact[cols].to_html(index=False, float_format=lambda v: f"{v:.2f}"))


def analyze_comments(data: Any, *, comment: str = "comment", score: str = "score",
                     codeframe: Codeframe | None = None,
                     language: str | None = None, n_themes: int = 8, seed: int = 0,
                     redact: bool = True, discover: bool = True) -> TextAnalysis:
    """Prepare the comments and run themes, impact, drivers, sentiment, quotes in one call.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> result = analyze_comments(load_sample())
    >>> result.account["analysed"] > 2000
    True
    """
    prep = prepare_comments(data, comment=comment, score=score, redact=redact,
                            language=language)
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
                        themes=list(coded.columns), sentiment_model=dict(sent.attrs))



def filter_comments(comments: pd.DataFrame, *, search: str = "", category: str | None = None,
                    theme: str | None = None, language: str | None = None,
                    score_column: str = "score") -> pd.DataFrame:
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
    cols = [c for c in (score_column, "category", "comment_language", "display", "sentiment")
            if c in comments]
    return comments.loc[keep, cols]
