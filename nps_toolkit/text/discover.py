"""Themes discovered in the comments themselves (NMF on TF-IDF), and a codeframe drafted
from them."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import _lexicons as lex
from .._order import rank, sort_frame
from ..i18n import tr
from ._common import _excerpt
from .prepare import LANGUAGES, _prepared
from .terms import _listed_any, prepared_terms
from .themes import Codeframe, code_themes


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
    notes : list of str
        What to bear in mind when reading the topics (they did not settle: the comments may
        share no clear topics).
    """

    topics: pd.DataFrame
    assignment: pd.Series
    notes: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        show = self.topics.drop(columns=["quotes"])
        return show.to_html(index=False, escape=True, float_format=lambda v: f"{v:.2f}")


#: Comments above which discover_themes learns its themes on a seeded random sample.
FIT_LIMIT = 20_000


def discover_themes(data: Any, *, n_themes: int = 8, seed: int = 0, comment: str = "comment",
                    score: str | None = "score", language: str | None = None,
                    codeframe: Codeframe | None = None,
                    min_df: int = 3, n_terms: int = 6, n_quotes: int = 3,
                    side: str | None = None, max_share: float = 0.25,
                    max_quote_chars: int = 280) -> DiscoveredThemes:
    """Find themes the codeframe may miss: NMF on TF-IDF of the analysed comments.

    Non-negative matrix factorisation of the TF-IDF matrix (Lee & Seung 1999; scikit-learn's
    ``NMF`` with ``nndsvda`` initialisation, so the result is the same for a given ``seed``).
    Each topic is named by its top phrases (word pairs first, then words) and quoted by the
    comments that load most on it (PII redacted, de-duplicated). ``language`` restricts to
    one language, which gives cleaner topics than a mixed corpus. ``side="detractors"``
    looks for pain points among detractors' comments only, ``side="promoters"`` for what
    promoters love: mixed together, complaints drown in a catch-all topic. Above 20,000
    comments the themes are learnt on a seeded random 20,000 of them and every comment is then
    scored against those themes.

    Each comment goes to the theme it loads on most, unless that theme already holds
    ``max_share`` of the comments (25% by default): then the comments that load on it least
    distinctly (smallest margin over their second theme) go to their second theme, so no
    catch-all theme swallows the survey. Comments with no weight on any other theme stay,
    so a share can exceed the cap only by those. Quotes longer than ``max_quote_chars`` are
    cut at a word end with "…".

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> found = discover_themes(load_sample(), language="en", n_themes=6)
    >>> len(found.topics)
    6
    """
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfTransformer

    prep = _prepared(data, comment, score)
    mask = prep["is_answer"].to_numpy().copy()
    if language is not None:
        mask &= (prep["comment_language"] == language).fillna(False).to_numpy()
    if side is not None:
        sides = {"detractors": "detractor", "promoters": "promoter", "passives": "passive"}
        if side not in sides:
            raise ValueError(f"side must be one of {sorted(sides)} or None, got {side!r}")
        if "category" not in prep:
            raise ValueError("side= needs scores: pass score=... (the score column)")
        mask &= (prep["category"] == sides[side]).fillna(False).to_numpy()
    n_docs = int(mask.sum())
    if n_docs < max(10, n_themes * 3):
        raise ValueError(f"only {n_docs} analysed comments"
                         + (f" in {language!r}" if language else "")
                         + f"; need at least {max(10, n_themes * 3)} for {n_themes} themes")
    all_terms = prepared_terms(prep)
    rows_used = np.flatnonzero(mask)
    # the analysis' own counts when every row is used: no copy (issue 28)
    counts = (all_terms.counts if len(rows_used) == all_terms.counts.shape[0]
              else all_terms.counts[rows_used])
    # above FIT_LIMIT comments the themes are learnt on a seeded random FIT_LIMIT of them and
    # every comment is then scored against them (NMF's transform): the same themes, found in
    # a fifth of the time on 100,000 comments
    fit_rows = (np.sort(np.random.default_rng(seed).choice(n_docs, FIT_LIMIT, replace=False))
                if n_docs > FIT_LIMIT else np.arange(n_docs))
    # TfidfVectorizer(min_df=min_df, max_df=0.5, sublinear_tf=True) fitted on the fit rows:
    # terms in at least min_df and at most half of them, log-scaled counts, smoothed IDF
    df = np.bincount(counts[fit_rows].indices, minlength=counts.shape[1])
    keep = np.flatnonzero((df >= min_df) & (df <= 0.5 * len(fit_rows)))
    keep = keep[~_function_terms(all_terms.names[keep])]
    if len(keep) < n_themes:
        raise ValueError(f"the comments have only {len(keep)} distinct terms; ask for "
                         "fewer themes or lower min_df")
    notes = []
    # no more topics than different comments: NMF asked for eight topics in two different
    # comments (a survey answered "fine service" and one pasted text) returns six empty ones
    distinct = int(prep.loc[mask, "text"].nunique()) if "text" in prep else n_docs
    if distinct < n_themes:
        notes.append(tr("Only {k} different comments: {k} topics are looked for, not {n}.",
                        k=distinct, n=n_themes))
        n_themes = max(distinct, 1)
    counts = counts[:, keep]  # a new matrix: its counts made 32-bit in place
    counts.data = counts.data.astype(np.float32)
    weigh = TfidfTransformer(sublinear_tf=True).fit(counts[fit_rows])
    x = weigh.transform(counts)
    model = NMF(n_components=n_themes, init="nndsvda", random_state=seed, max_iter=400)
    with warnings.catch_warnings(record=True) as caught:  # said in notes, not printed
        warnings.simplefilter("always", ConvergenceWarning)
        w = (model.fit_transform(x) if n_docs <= FIT_LIMIT
             else model.fit(x[fit_rows]).transform(x))
    if any(issubclass(c.category, ConvergenceWarning) for c in caught):
        notes.append(tr("The topics did not settle in {n} iterations: these comments may share "
                        "no clear topics (words used at random, or each comment about something "
                        "else). Read the topics as rough groupings.", n=model.max_iter))
    for c in caught:  # any other warning goes on as it came
        if not issubclass(c.category, ConvergenceWarning):
            warnings.warn_explicit(c.message, c.category, c.filename, c.lineno)
    terms = all_terms.names[keep]
    # by weight (6 significant digits: NMF's iterations carry the noise of the BLAS and thread
    # count further than one sum does), then by the term: two terms that always occur
    # together weigh the same, and float noise must not decide which comes first (issue 24)
    top = np.stack([rank(row, terms, digits=6)[:n_terms] for row in model.components_])
    assign = _capped_assignment(w, max_share)
    coded = code_themes(prep, codeframe=codeframe, comment=comment, score=score)
    any_theme = coded.any(axis=1).to_numpy()[mask]
    cat = prep.loc[mask, "category"].astype(str).to_numpy() if "category" in prep else None
    display = prep.loc[mask, "display"]  # as text only for the few quoted rows
    rows = []
    for k in range(n_themes):
        members = assign == k
        label_terms = [str(t) for t in terms[top[k]]]
        order = np.argsort(-w[:, k], kind="stable")
        quotes_k = [_excerpt(q, [], max_quote_chars)[0]
                    for q in _dedupe_quotes(display.iloc[order[: 10 * n_quotes]].astype(str)
                                            .to_numpy(), n_quotes)]
        nps = np.nan
        if cat is not None and members.any():
            mc = cat[members]
            nps = 100 * ((mc == "promoter").mean() - (mc == "detractor").mean())
        rows.append({"topic": k, "label": " / ".join(_topic_name(label_terms)),
                     "top_terms": ", ".join(label_terms), "comments": int(members.sum()),
                     "share": members.mean(), "nps": nps,
                     "covered_by_codeframe": any_theme[members].mean() if members.any()
                     else np.nan, "quotes": quotes_k})
    topics = pd.DataFrame(rows)
    empty = topics["comments"] == 0
    if empty.any():  # every comment went to another topic: a topic of no comment says nothing
        notes.append(tr("{k} topic(s) drew no comment of their own and are left out.",
                        k=int(empty.sum())))
        topics = topics[~empty]
    topics = sort_frame(topics, "comments", "label").reset_index(drop=True)
    return DiscoveredThemes(topics=topics, notes=notes,
                            assignment=pd.Series(assign, index=prep.index[mask], name="topic"))


def _topic_name(terms: list[str]) -> list[str]:
    """Up to three names of a topic from its top terms: word pairs first, then single words
    not inside a named pair; an intensifier comes off its pair ("너무 맛있", "정말 맛있" and
    "진짜 맛있" name one topic as "맛있"; "very helpful" as "helpful"), negations and the
    rest stay ("not good", "more staff").

    >>> _topic_name(["맛있", "너무 맛있", "파이", "정말 맛있", "진짜 맛있"])
    ['맛있', '파이']
    >>> _topic_name(["attente caisse", "very long", "not good", "trop long"])
    ['attente caisse', 'not good', 'long']
    """
    cores = list(dict.fromkeys(
        " ".join(w for w in t.split() if w not in lex.INTENSIFIERS) or t for t in terms))
    phrases = [t for t in cores if " " in t]
    return (phrases + [t for t in cores if " " not in t
                       and not any(t in ph.split() for ph in phrases)])[:3]


def _capped_assignment(w: np.ndarray, max_share: float) -> np.ndarray:
    """Strongest theme per comment (-1 without weight), with theme sizes capped at
    ``max_share`` of the comments: an over-full theme hands the comments with the smallest
    margin over their best other theme to that theme while it has room (a capacitated
    assignment, greedy by margin; stable sorts, so the result is deterministic)."""
    n, k = w.shape
    assign = np.where(w.max(axis=1) > 0, w.argmax(axis=1), -1)
    if k < 2 or not 0 < max_share < 1:
        return assign
    cap = max(1, int(np.floor(max_share * n)))
    order = np.argsort(-w, axis=1, kind="stable")
    for _ in range(k):  # each round fills at least one theme or stops
        sizes = np.bincount(assign[assign >= 0], minlength=k)
        over = np.flatnonzero(sizes > cap)
        moved = 0
        for t in over:
            room = cap - np.bincount(assign[assign >= 0], minlength=k)
            rows = np.flatnonzero(assign == t)
            alt = np.where(order[rows, 0] == t, order[rows, 1], order[rows, 0])
            ok = (w[rows, alt] > 0) & (room[alt] > 0)
            rows, alt = rows[ok], alt[ok]
            by_margin = np.argsort(w[rows, t] - w[rows, alt], kind="stable")
            rows, alt = rows[by_margin], alt[by_margin]
            # within each receiving theme, only as many as it has room for
            rank = pd.Series(alt).groupby(alt).cumcount().to_numpy()
            take = np.flatnonzero(rank < room[alt])[: sizes[t] - cap]
            assign[rows[take]] = alt[take]
            moved += take.size
        if not moved:
            break
    return assign


def _function_terms(names: np.ndarray) -> np.ndarray:
    """Columns made of words some language lists as stop words (kept for the drivers and the
    sentiment model because "not", "very", "good" carry polarity there): a theme is named by
    what comments are about, so discovery leaves them out, as it always did."""
    listed = _listed_any()
    words = pd.Series(names, dtype=object).str.split(" ")
    return words.map(lambda ws: any(w in listed for w in ws)).to_numpy(dtype=bool)


def suggest_codeframe(data: Any, *, n_themes: int = 5, seed: int = 0,
                      comment: str = "comment", score: str = "score",
                      language: str | None = None, n_terms: int = 6,
                      min_df: int = 3) -> dict[str, dict[str, list[str]]]:
    """A starting codeframe drafted from the comments: pain points and delights, editable.

    Runs :func:`discover_themes` on detractors' comments (``"pain: ..."`` themes) and on
    promoters' comments (``"delight: ..."`` themes) separately, and turns each topic's top
    terms into patterns in the topic's main language: a word ``w`` becomes ``\\bw``, a word
    pair ``a b`` matches ``a`` followed by ``b`` within 30 characters of one sentence. Rename,
    merge and edit the themes, then pass the dict to :func:`code_themes` or
    :func:`analyze_comments` as ``codeframe=``.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> frame = suggest_codeframe(load_sample(), n_themes=3, language="en")
    >>> sorted({name.split(":")[0] for name in frame})
    ['delight', 'pain']
    >>> code_themes(load_sample().head(200), codeframe=frame).shape[1] == len(frame)
    True
    """
    prep = _prepared(data, comment, score)
    out: dict[str, dict[str, list[str]]] = {}
    for side, name in (("detractors", "pain"), ("promoters", "delight")):
        found = discover_themes(prep, n_themes=n_themes, seed=seed, comment=comment,
                                score=score, language=language, n_terms=n_terms,
                                min_df=min_df, side=side)
        langs = prep.loc[found.assignment.index, "comment_language"].astype("string")
        for row in found.topics.itertuples():
            members = (found.assignment == row.topic).to_numpy()
            main = langs[members].mode()
            lang = str(main.iloc[0]) if len(main) and str(main.iloc[0]) in LANGUAGES else "*"
            patterns = [_term_pattern(t) for t in str(row.top_terms).split(", ") if t]
            key = f"{name}: {row.label}"
            while key in out:
                key += "'"
            out[key] = {lang: patterns}
    return out


def _term_pattern(term: str) -> str:
    words = [re.escape(w) for w in term.split()]
    if len(words) == 1:
        return r"\b" + words[0]
    return r"\b" + words[0] + r"[^.!?]{1,30}" + words[1]


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
