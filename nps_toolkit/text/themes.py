"""Themes: codeframe coding, their NPS impact, and themes discovered in the comments."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import _stats
from ..scoring import intervals_from_counts
from ._common import _ARROW, DEFAULT_CODEFRAME, _analyzer, _contains, _fold, _re2_any
from .prepare import _prepared


# --------------------------------------------------------------------------- themes
def code_themes(data: Any, *, codeframe: Mapping[str, Sequence[str]] | None = None,
                comment: str = "comment", score: str | None = "score") -> pd.DataFrame:
    """Which themes of a codeframe each comment mentions (a comment may have several).

    Parameters
    ----------
    data : responses, or the output of :func:`prepare_comments`
    codeframe : mapping theme -> list of regular expressions, optional
        Default :data:`DEFAULT_CODEFRAME` (e-commerce: delivery, price, product quality,
        customer service, website/app, returns/refunds, stock/availability, loyalty
        programme), in all seven languages. Patterns match lower-cased text with accents
        stripped; write them without accents and with ``\\b`` to anchor word starts.

    Returns
    -------
    pandas.DataFrame
        One boolean column per theme, aligned with the data; non-answers are all False.

    Examples
    --------
    >>> code_themes(["Colis arrivé en retard", "Great prices", "n/a"])[["delivery", "price"]]
       delivery  price
    0      True  False
    1     False   True
    2     False  False
    """
    if not isinstance(data, pd.DataFrame):
        data = pd.DataFrame({comment: pd.Series(list(data), dtype="string")})
        score = None
    prep = _prepared(data, comment, score)
    frame = codeframe if codeframe is not None else DEFAULT_CODEFRAME
    if not frame:
        raise ValueError("the codeframe is empty: give at least one theme with patterns")
    folded = _fold(prep["text"].astype(_ARROW))
    out = {}
    for theme, patterns in frame.items():
        if not patterns:
            raise ValueError(f"theme {theme!r} has no patterns")
        for p in patterns:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"theme {theme!r}: pattern {p!r} is not a valid regular "
                                 f"expression ({exc})") from exc
        out[theme] = _contains(folded, _re2_any(patterns))
    return pd.DataFrame(out, index=prep.index)


def theme_impact(data: Any, *, themes: pd.DataFrame | None = None, score: str = "score",
                 comment: str = "comment", confidence: float = 0.95,
                 codeframe: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """How often each theme comes up, in which category, and what it costs in NPS.

    Columns per theme: ``mentions``, ``share_of_comments`` (of analysed comments), the share
    of promoters', passives' and detractors' comments that mention it, ``nps_mentioning`` and
    ``nps_not_mentioning`` (respondents with a comment) with intervals, and
    ``nps_gain_if_fixed``: the rise in overall NPS if the theme's detractors had been passives,
    ``100 * D_theme / N`` over all ``N`` scored respondents, with a Wilson score interval for
    that proportion (Wilson 1927, JASA 22(158)).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> impact = theme_impact(load_sample())
    >>> impact["theme"].head(2).tolist()
    ['customer service', 'delivery']
    """
    prep = _prepared(data, comment, score)
    coded = themes if themes is not None else code_themes(prep, codeframe=codeframe,
                                                          comment=comment, score=score)
    scored = prep[score].notna().to_numpy()
    answered = prep["is_answer"].to_numpy() & scored
    cat = prep["category"].astype(str).to_numpy()
    n_all = int(scored.sum())
    z = float(_stats.norm_ppf(0.5 + confidence / 2))
    # counts of (theme, category) in one matrix product over the answered comments: each
    # theme's promoters / passives / detractors mentioning it, and the rest by subtraction
    order = ("promoter", "passive", "detractor")
    onehot = np.column_stack([(cat == c) & answered for c in order]).astype(np.int64)
    flags = coded.to_numpy(dtype=bool) & answered[:, None]
    mentioning = flags.T.astype(np.int64) @ onehot          # themes x (P, A, D)
    per_cat = onehot.sum(axis=0)                             # answered (P, A, D)
    rest = per_cat[None, :] - mentioning
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(per_cat > 0, mentioning / per_cat, np.nan)
    rows = []
    for j, theme in enumerate(coded.columns):  # a dozen themes: the per-row work is above
        d_theme = int(mentioning[j, 2])
        p_hat = d_theme / n_all if n_all else np.nan
        lo, hi = _wilson(d_theme, n_all, z)
        mentions = int(mentioning[j].sum())
        rows.append({"theme": theme, "mentions": mentions,
                     "share_of_comments": mentions / max(1, int(per_cat.sum())),
                     "share_of_promoter_comments": shares[j, 0],
                     "share_of_passive_comments": shares[j, 1],
                     "share_of_detractor_comments": shares[j, 2],
                     "_m": tuple(int(v) for v in mentioning[j]),
                     "_r": tuple(int(v) for v in rest[j]), "nps_gain_if_fixed": 100 * p_hat,
                     "gain_ci_low": 100 * lo, "gain_ci_high": 100 * hi})
    table = pd.DataFrame(rows)
    for key, prefix in (("_m", "nps_mentioning"), ("_r", "nps_not_mentioning")):
        c = pd.DataFrame(table[key].tolist(), columns=["promoters", "passives", "detractors"])
        c["n"] = c.sum(axis=1)
        res = intervals_from_counts(c, method="adjusted_wald", confidence=confidence, seed=0,
                                    min_n=30, weighted=False)
        table[prefix] = res["nps"].to_numpy()
        table[f"{prefix}_ci_low"] = res["ci_low"].to_numpy()
        table[f"{prefix}_ci_high"] = res["ci_high"].to_numpy()
        if key == "_m":
            table["n_mentioning"] = c["n"].to_numpy()
    table = table.drop(columns=["_m", "_r"])
    return table.sort_values(["nps_gain_if_fixed", "mentions"], ascending=False,
                             kind="stable").reset_index(drop=True)


def _wilson(k: int, n: int, z: float) -> tuple[float, float]:
    if n == 0:
        return (np.nan, np.nan)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class DiscoveredThemes:
    """Themes found by NMF on TF-IDF, labelled by their top terms and best quotes.

    Attributes
    ----------
    topics : DataFrame
        ``topic``, ``label`` (top terms), ``top_terms``, ``comments`` (assigned), ``share``,
        ``nps`` of those comments' respondents, ``covered_by_codeframe`` (share of its comments
        the codeframe already codes: low means the codeframe misses it), ``quotes``.
    assignment : Series
        Topic of each analysed comment (-1 where the comment has no weight on any topic).
    """

    topics: pd.DataFrame
    assignment: pd.Series

    def _repr_html_(self) -> str:
        show = self.topics.drop(columns=["quotes"])
        return show.to_html(index=False, escape=True, float_format=lambda v: f"{v:.2f}")


def discover_themes(data: Any, *, n_themes: int = 8, seed: int = 0, comment: str = "comment",
                    score: str | None = "score", language: str | None = None,
                    codeframe: Mapping[str, Sequence[str]] | None = None,
                    min_df: int = 3, n_terms: int = 6, n_quotes: int = 3) -> DiscoveredThemes:
    """Find themes the codeframe may miss: NMF on TF-IDF of the analysed comments.

    Non-negative matrix factorisation of the TF-IDF matrix (Lee & Seung 1999; scikit-learn's
    ``NMF`` with ``nndsvda`` initialisation, so the result is the same for a given ``seed``).
    Each topic is labelled by its highest-weighted terms and quoted by the comments that load
    most on it (PII redacted, de-duplicated). ``language`` restricts to one language, which
    gives cleaner topics than a mixed corpus.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> found = discover_themes(load_sample(), language="en", n_themes=6)
    >>> len(found.topics)
    6
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    prep = _prepared(data, comment, score)
    mask = prep["is_answer"].to_numpy().copy()
    if language is not None:
        mask &= (prep["comment_language"] == language).fillna(False).to_numpy()
    docs = _fold(prep.loc[mask, "text"].astype(_ARROW)).fillna("")
    if len(docs) < max(10, n_themes * 3):
        raise ValueError(f"only {len(docs)} analysed comments"
                         + (f" in {language!r}" if language else "")
                         + f"; need at least {max(10, n_themes * 3)} for {n_themes} themes")
    vec = TfidfVectorizer(analyzer=_analyzer(2), min_df=min_df, max_df=0.5, sublinear_tf=True,
                          dtype=np.float32)
    x = vec.fit_transform(docs.to_numpy(dtype=object))
    if x.shape[1] < n_themes:
        raise ValueError(f"the comments have only {x.shape[1]} distinct terms; ask for fewer "
                         "themes or lower min_df")
    model = NMF(n_components=n_themes, init="nndsvda", random_state=seed, max_iter=400)
    w = model.fit_transform(x)
    terms = np.array(vec.get_feature_names_out())
    top = np.argsort(-model.components_, axis=1)[:, :n_terms]
    assign = np.where(w.max(axis=1) > 0, w.argmax(axis=1), -1)
    coded = code_themes(prep.loc[mask], codeframe=codeframe, comment=comment, score=score)
    any_theme = coded.any(axis=1).to_numpy()
    cat = prep.loc[mask, "category"].astype(str).to_numpy() if "category" in prep else None
    display = prep.loc[mask, "display"].astype(str).to_numpy()
    rows = []
    for k in range(n_themes):
        members = assign == k
        label_terms = [str(t) for t in terms[top[k]]]
        order = np.argsort(-w[:, k], kind="stable")
        quotes_k = _dedupe_quotes(display[order[: 10 * n_quotes]], n_quotes)
        nps = np.nan
        if cat is not None and members.any():
            mc = cat[members]
            nps = 100 * ((mc == "promoter").mean() - (mc == "detractor").mean())
        rows.append({"topic": k, "label": " / ".join(label_terms[:3]),
                     "top_terms": ", ".join(label_terms), "comments": int(members.sum()),
                     "share": members.mean(), "nps": nps,
                     "covered_by_codeframe": any_theme[members].mean() if members.any()
                     else np.nan, "quotes": quotes_k})
    topics = pd.DataFrame(rows).sort_values("comments", ascending=False,
                                            kind="stable").reset_index(drop=True)
    return DiscoveredThemes(topics=topics,
                            assignment=pd.Series(assign, index=prep.index[mask], name="topic"))


def _dedupe_quotes(texts: Sequence[str], n: int) -> list[str]:
    seen: set[str] = set()
    out = []
    for t in texts:
        key = " ".join(sorted(set(re.findall(r"\w+", t.lower()))))
        if key in seen or not t.strip():
            continue
        seen.add(key)
        out.append(t)
        if len(out) == n:
            break
    return out
