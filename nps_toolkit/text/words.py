"""Words: what separates promoters from detractors, sentiment, and quotes."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from .. import _lexicons as lex
from .. import _stats
from .._api import renamed
from .._order import sort_frame
from ..i18n import tr
from ._common import _ARROW, _BS, _count, _excerpt, _fold, _re2_any, _replace, _strings
from .discover import _dedupe_quotes
from .prepare import _prepared
from .terms import prepared_terms
from .themes import Codeframe, _resolve_codeframe, code_themes


def _as_written(table: pd.DataFrame, prep: pd.DataFrame, lang_all: np.ndarray) -> pd.Series:
    """Each term with its words as the comments of its language most often write them
    ("qualite" -> "qualité", "enttauscht" -> "enttäuscht"; ties by name). Only words with a
    non-ASCII letter can differ, so only those are looked at."""
    from .terms import _LETTERS

    text = prep["text"].astype("string").str.lower()
    forms: dict[tuple[str, str], str] = {}
    for lang in table["language"].unique():
        wanted = {w for t in table.loc[table["language"] == lang, "term"] for w in t.split()}
        rows = text[(lang_all == lang) & text.str.contains(r"[^\x00-\x7f]", regex=True)
                    .fillna(False).to_numpy()]
        words = rows.str.findall(_LETTERS).explode().dropna()
        words = words[words.str.contains(r"[^\x00-\x7f]", regex=True)]
        if words.empty:
            continue
        # each distinct word folded once, in Arrow, as the terms were (:func:`_fold`; a
        # Korean review is all non-ASCII words: 249,000 distinct of 767,000 on 100,000
        # reviews, folded one by one in Python in 2.3 s)
        codes, distinct = pd.factorize(words)
        folded = pd.Series(_fold(pd.Series(distinct, dtype=_ARROW)).to_numpy(
            dtype=object)[codes], index=words.index)
        hit = folded.isin(wanted)
        counts = pd.DataFrame({"fold": folded[hit], "word": words[hit]}).value_counts()
        if counts.empty:
            continue
        best = counts.reset_index(name="n").sort_values(["fold", "n", "word"],
                                                        ascending=[True, False, True],
                                                        kind="stable").drop_duplicates("fold")
        forms.update({(lang, f): w for f, w in zip(best["fold"], best["word"], strict=True)})
    return pd.Series([" ".join(forms.get((lang, w), w) for w in term.split())
                      for lang, term in zip(table["language"], table["term"], strict=True)],
                     index=table.index, dtype=object)


# --------------------------------------------------------------------------- drivers
@renamed(alpha=("confidence", lambda a: 1 - a))
def text_drivers(data: Any, *, comment: str = "comment", score: str = "score",
                 by_language: bool = True, prior: float = 0.01, min_count: int = 5,
                 min_comments: int = 30, top: int = 15, ngrams: int = 2,
                 confidence: float = 0.95) -> pd.DataFrame:
    """Words and phrases that most separate promoter from detractor comments.

    Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
    "Fightin' Words", Political Analysis 16(4), eq. 16-22): with ``y_p``, ``y_d`` the counts of
    a term in promoter and detractor comments, ``n_p``, ``n_d`` their totals, and the prior
    ``a_w = a0 * (y_w / n)`` from the term's share of the whole corpus (``a0 = prior * n``),

    ``delta = log((y_p + a_w) / (n_p + a0 - y_p - a_w))``
    ``        - log((y_d + a_w) / (n_d + a0 - y_d - a_w))``,
    ``var = 1 / (y_p + a_w) + 1 / (y_d + a_w)``, ``z = delta / sqrt(var)``.

    Terms are content words and pairs of adjacent words: negations and intensifiers ("not",
    "very", "很", "너무") count inside pairs ("not again", "very disappointed") but are no
    term on their own.

    Positive z: promoter vocabulary; negative: detractor vocabulary. With ``by_language``,
    each language with at least ``min_comments`` comments on each side is analysed on its own.

    Thousands of terms are tested, so a large ``|z|`` arises by chance: each term's two-sided
    p-value from ``z`` is adjusted over every term tested in its language with the
    Benjamini-Hochberg false discovery rate (Benjamini & Hochberg 1995, JRSS B 57(1)), and
    ``significant`` marks terms with an adjusted p-value of at most ``1 - confidence``. The
    ``top``
    terms per side are listed whether or not they pass, so read ``significant`` before
    quoting a term: a side with no significant term has no distinctive vocabulary here.

    Returns
    -------
    pandas.DataFrame
        ``language``, ``term``, ``side`` (promoter/detractor), ``z``, ``log_odds``,
        ``promoter_count``, ``detractor_count``, ``p_adjusted``, ``significant``; the ``top``
        terms per side and language. ``attrs["notes"]`` names the languages left out for too
        few comments on a side.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> d = text_drivers(load_sample())
    >>> en = d[(d["language"] == "en") & (d["side"] == "detractor")]
    >>> en["term"].head(4).tolist()
    ['not again', 'disappointed', 'very disappointed', 'dropped']
    >>> bool(en["significant"].head(4).all())
    True
    """
    prep = _prepared(data, comment, score)
    use = prep["is_answer"].to_numpy() & prep["category"].isin(["promoter", "detractor"]
                                                               ).to_numpy()
    terms = prepared_terms(prep)
    if ngrams < 2:
        terms = terms.columns(~terms.is_pair)
    lang_all = prep["comment_language"].astype(object).fillna("und").to_numpy()
    groups = ([(str(lang), use & (lang_all == lang)) for lang in sorted(set(lang_all[use]))]
              if by_language else [("all", use)])
    is_p_all = (prep["category"] == "promoter").to_numpy(dtype=bool, na_value=False)
    frames = []
    skipped: list[str] = []
    for lang, rows in groups:
        is_p = is_p_all[rows]
        if is_p.sum() < min_comments or (~is_p).sum() < min_comments:
            skipped.append(tr("{language} ({promoters:,} promoter and {detractors:,} detractor "
                              "comments)", language=lang, promoters=int(is_p.sum()),
                              detractors=int((~is_p).sum())))
            continue
        # column sums over the language's promoter and detractor rows, as products with
        # their indicator vectors: no copy of the rows (issue 28: two copies of most of
        # the counts sat under the analysis' peak)
        counts_t = terms.counts.T
        yp = counts_t @ (rows & is_p_all).astype(float)
        yd = counts_t @ (rows & ~is_p_all).astype(float)
        seen = (yp + yd) > 0  # the terms of this language's comments
        yp, yd, names = yp[seen], yd[seen], terms.names[seen]
        delta, z = _log_odds(yp, yd, prior)  # totals over every term, as in the paper
        keep = (yp + yd) >= min_count
        if not keep.any():
            skipped.append(tr("{language} (no term in {n} comments or more)", language=lang,
                              n=min_count))
            continue
        yp, yd, delta, z = yp[keep], yd[keep], delta[keep], z[keep]
        p_adj = _stats.adjust_pvalues(2 * _stats.norm_sf(np.abs(z)), "bh")
        table = pd.DataFrame({"language": lang, "term": names[keep], "z": z,
                              "log_odds": delta, "promoter_count": yp.astype(int),
                              "detractor_count": yd.astype(int), "p_adjusted": p_adj,
                              "significant": p_adj <= 1 - confidence})
        pos = sort_frame(table[table["z"] > 0], "z", "term").head(top).assign(side="promoter")
        neg = sort_frame(table[table["z"] < 0], "z", "term",
                         ascending=True).head(top).assign(side="detractor")
        frames += [pos, neg]
    cols = ["language", "term", "side", "z", "log_odds", "promoter_count", "detractor_count",
            "p_adjusted", "significant"]
    out = pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)
    if len(out):  # terms are counted accent-folded; shown as the comments write them
        out["term"] = _as_written(out, prep, lang_all)
    # a language left out is said, never dropped silently (issue 25)
    out.attrs["notes"] = ([tr("Languages not analysed, too few comments on one side (at least "
                              "{n} promoter and {n} detractor comments are needed): "
                              "{languages}.", n=min_comments, languages="; ".join(skipped))]
                          if skipped else [])
    return out


def _log_odds(yp: np.ndarray, yd: np.ndarray, prior: float) -> tuple[np.ndarray, np.ndarray]:
    """Monroe et al. (2008) weighted log-odds with an informative Dirichlet prior."""
    y = yp + yd
    n = y.sum()
    a0 = prior * n
    aw = a0 * y / n
    np_, nd = yp.sum(), yd.sum()
    delta = (np.log((yp + aw) / (np_ + a0 - yp - aw))
             - np.log((yd + aw) / (nd + a0 - yd - aw)))
    var = 1 / (yp + aw) + 1 / (yd + aw)
    return delta, delta / np.sqrt(var)


# --------------------------------------------------------------------------- sentiment
#: "negator [up to two words] term": spaces only (a comma ends the negation), and an elided
#: article is allowed ("pas d'attente": no waiting; "no hemos tenido problemas").
_NEG_SEP = r"\s+(?:[\p{L}\p{N}_]+['’]|[\p{L}\p{N}_'’]+\s+){0,2}"


@cache
def _sentiment_patterns(lang: str | None) -> tuple[str, str, str, str]:
    """Positive, negative, negated-positive and negated-negative patterns of one language
    (None: all languages at once, for texts of undetermined language)."""
    langs = [lang] if lang else list(lex.POSITIVE)
    pos_list = [p for lg in langs for p in lex.POSITIVE.get(lg, [])]
    neg_list = [p for lg in langs for p in lex.NEGATIVE.get(lg, [])]
    negators = list(dict.fromkeys(n for lg in langs
                                  for n in lex.NEGATORS_BY_LANGUAGE.get(lg, [])))
    # the junction (_NEG_SEP) is spelled out, so the negator's closing and the term's
    # opening boundaries are dropped
    sep = _NEG_SEP
    if lang in lex.NEGATORS_CJK:  # Chinese, Korean: the negation is a prefix of the word
        pre = lex.NEGATORS_CJK[lang]
        return (_re2_any(pos_list), _re2_any(neg_list),
                pre + "(?:" + _re2_any(pos_list, leading=False) + ")",
                pre + "(?:" + _re2_any(neg_list, leading=False) + ")")
    if not negators:
        never = r"(?:$^)"
        return _re2_any(pos_list), _re2_any(neg_list), never, never
    negator = "(?:" + _re2_any([n.removesuffix(_BS) for n in negators]) + ")" + sep
    return (_re2_any(pos_list), _re2_any(neg_list),
            negator + "(?:" + _re2_any(pos_list, leading=False) + ")",
            negator + "(?:" + _re2_any(neg_list, leading=False) + ")")


@cache
def _diminisher_patterns(lang: str) -> tuple[str, str]:
    """A diminisher before a positive word ("peu aimable"), and the same inside the phrases
    where it means "a little" ("un peu mieux"), whose matches are taken back."""
    word, phrases = lex.DIMINISHERS[lang]
    positive = "(?:" + _re2_any(lex.POSITIVE[lang], leading=False) + ")"
    return ("(?:" + _re2_any([word]) + ")" + _NEG_SEP + positive,
            "(?:" + _re2_any(phrases) + ")" + _NEG_SEP + positive)


def _polarity_counts(s: pd.Series, lang: str | None) -> tuple[np.ndarray, np.ndarray]:
    pos_p, neg_p, neg_pos_p, neg_neg_p = _sentiment_patterns(lang)
    pos, neg = _count(s, pos_p), _count(s, neg_p)
    flipped_pos, flipped_neg = _count(s, neg_pos_p), _count(s, neg_neg_p)
    if lang in lex.DIMINISHERS:  # "peu aimable": praise turned round
        dim_p, little_p = _diminisher_patterns(lang)
        turned = _count(s, dim_p) - _count(s, little_p)
        flipped_pos = flipped_pos + turned
    return pos - flipped_pos + flipped_neg, neg - flipped_neg + flipped_pos


def sentiment(texts: Any, *, languages: Any = None) -> pd.Series:
    """Polarity of each text from -1 (negative) to +1 (positive); NaN with no evidence.

    Lexicon-based, in all seven languages (:mod:`nps_toolkit._lexicons`): counts positive and
    negative stems, with a negator of the text's language up to two words before flipping a
    term ("not good", "pas bon", "no hemos tenido problemas"), then ``(pos - neg) / (pos +
    neg)``. When a contrast word ("but", "however", "mais", "pero", "aber") is followed by
    evidence, the clause after the last one decides ("I loved it, however the fit was way
    off" is negative). With ``languages`` (one code per text, e.g. ``comment_language``) each
    text is read with its own language's words only, so the French "long" does not make "a
    long time ago" negative; texts of undetermined language use all lists. Vectorised regex
    counts. When the survey has enough scored comments, :func:`comment_sentiment` learns a
    far better polarity from the scores; this lexicon is the fallback below that.

    Examples
    --------
    >>> sentiment(["Great service, thank you", "Colis perdu, très déçu", "It arrived",
    ...            "not good"]).round(2).tolist()
    [1.0, -1.0, nan, -1.0]
    >>> sentiment(["no hemos tenido problemas", "muy mal servicio", "a long time ago"],
    ...           languages=["es", "es", "en"]).tolist()
    [1.0, -1.0, nan]
    """
    return folded_polarity(_fold(_strings(texts)), languages)


def folded_polarity(s: pd.Series, languages: Any = None) -> pd.Series:
    """:func:`sentiment` of texts already folded (lower case, accents off): what an analysis
    that has folded its comments once reads them with."""
    n = len(s)
    langs = (pd.Series(np.asarray(languages, dtype=object), dtype="string").fillna("und")
             .to_numpy(dtype=object) if languages is not None else np.full(n, "und", object))
    if len(langs) != n:
        raise ValueError(f"languages has {len(langs)} values for {n} texts")
    tail = _replace(s, _CONTRAST_HEAD, "")
    has_contrast = (tail != s).fillna(False).to_numpy()
    p, q = np.zeros(n), np.zeros(n)
    for lang in pd.unique(langs):  # a handful of languages, not rows
        m = langs == lang
        key = lang if lang in lex.POSITIVE else None
        pos, neg = _polarity_counts(s[m], key)
        if has_contrast[m].any():
            t_pos, t_neg = _polarity_counts(tail[m], key)
            after = has_contrast[m] & (t_pos + t_neg > 0)
            pos, neg = np.where(after, t_pos, pos), np.where(after, t_neg, neg)
        p[m], q[m] = pos, neg
    with np.errstate(invalid="ignore", divide="ignore"):
        pol = np.where(p + q > 0, (p - q) / (p + q), np.nan)
    return pd.Series(pol, index=s.index, name="sentiment")


#: Everything up to and including the last contrast word of a text.
_CONTRAST_HEAD = ("^.*(?:(?:^|[^\\p{L}\\p{N}_])(?:" + "|".join(lex.CONTRASTS)
                  + ")(?:$|[^\\p{L}\\p{N}_])|" + "|".join(lex.CONTRASTS_CJK) + ")")


# --------------------------------------------------------------------------- quotes & trends
def quotes(data: Any, *, themes: pd.DataFrame | None = None, comment: str = "comment",
           score: str = "score", n: int = 3, min_chars: int = 20, max_chars: int = 280,
           codeframe: Codeframe | None = None) -> pd.DataFrame:
    """Representative, de-duplicated comments per theme and category, with their score.

    Within a theme and category, comments are ranked by how typical they are (cosine
    similarity of their TF-IDF vector to the group's centroid) and de-duplicated (same set of
    words); PII is redacted. Comments shorter than ``min_chars`` are used only if nothing else
    is left. A quote longer than ``max_chars`` is cut to a window around the words that put
    it under the theme (cut at word ends, "…" where text was left out), and ``phrase`` shows
    those words, so a reader sees why the comment is there.

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``category``, ``rank``, ``score``, ``quote`` (redacted original text, cut
        as above; escape it when rendering HTML), ``phrase`` (the matched words as written;
        empty for a theme not in the codeframe), ``language``.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> q = quotes(load_sample(), n=2)
    >>> sorted(q["category"].unique())
    ['detractor', 'passive', 'promoter']
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    prep = _prepared(data, comment, score)
    coded = themes if themes is not None else code_themes(prep, codeframe=codeframe,
                                                          comment=comment, score=score)
    frame = _resolve_codeframe(codeframe)
    answered = prep["is_answer"].to_numpy()
    rows = []
    terms = prepared_terms(prep)
    words = terms.counts[:, np.flatnonzero(~terms.is_pair)].tocsr()
    display = prep["display"].astype(str).to_numpy()
    length = prep["text"].str.len().fillna(0).to_numpy()
    for theme in coded.columns:
        for cat in ("promoter", "passive", "detractor"):
            idx = np.flatnonzero(coded[theme].to_numpy() & answered
                                 & (prep["category"] == cat).to_numpy())
            if idx.size == 0:
                continue
            sim = np.zeros(idx.size)
            x = words[idx]
            if idx.size > 1 and x.nnz:
                # TF-IDF of the group's own comments (scikit-learn's smoothed IDF, rows
                # L2-normalised), then cosine similarity to the group's centroid
                x = TfidfTransformer().fit_transform(x)
                centre = np.asarray(x.mean(axis=0)).ravel()
                sim = np.asarray(x @ centre).ravel() / (np.linalg.norm(centre) or 1.0)
            short = length[idx] < min_chars
            order = np.lexsort([-np.asarray(sim).ravel(), short])
            chosen = _dedupe_quotes(display[idx][order], n)
            for rank, text in enumerate(chosen, 1):
                j = idx[order][list(display[idx][order]).index(text)]
                lang = prep["comment_language"].iloc[j]
                quote, phrase = _excerpt(text, _patterns_of(frame, theme, lang), max_chars)
                rows.append({"theme": theme, "category": cat, "rank": rank,
                             "score": prep[score].iloc[j], "quote": quote, "phrase": phrase,
                             "language": lang})
    return pd.DataFrame(rows, columns=["theme", "category", "rank", "score", "quote", "phrase",
                                       "language"])


def _patterns_of(frame: dict[str, dict[str, list[str]]], theme: str, lang: Any) -> list[str]:
    by_lang = frame.get(theme, {})
    if "*" in by_lang:
        return by_lang["*"]
    if isinstance(lang, str) and lang in by_lang:
        return by_lang[lang]
    return [p for ps in by_lang.values() for p in ps]
