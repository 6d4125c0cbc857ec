"""Comment sentiment learnt from the survey itself, cross-fitted, and the score-text mismatch."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._common import _strings
from .prepare import _prepared
from .pretrained import MODELS, pretrained_p
from .terms import folded_text, prepared_terms
from .words import folded_polarity

#: Fewest promoter and detractor comments (each) for the survey's own model; below it the
#: lexicon is used.
MIN_PER_CLASS = 40

def comment_sentiment(data: Any, *, comment: str = "comment", score: str = "score",
                      folds: int = 5, seed: int = 0, method: str = "auto",
                      min_per_class: int = MIN_PER_CLASS) -> pd.DataFrame:
    """How positive each comment reads, learnt from the scores the same survey gave.

    Every NPS comment comes with its own label, the score. With ``method="model"`` (the
    default ``"auto"`` chooses it when there are at least ``min_per_class`` promoter and
    detractor comments each) a TF-IDF bag of words and word pairs feeds an L2 logistic
    regression of promoter (9-10) against detractor (0-6), fitted by Newton-CG
    (:data:`SOLVER`), **cross-fitted**: the answered
    comments are split into ``folds`` stratified folds and each comment is scored by the
    model fitted on the other folds, so no comment is scored by a model that saw it (passive
    comments, never trained on, get the mean of the fold models). This is the cross-fitting
    of Chernozhukov et al. (2018, "Double/debiased machine learning", Econometrics Journal
    21(1), C1-C68), used here for honest out-of-sample scores; TF-IDF + logistic regression is
    the standard strong baseline for short-text polarity (Wang & Manning 2012, "Baselines and
    bigrams", ACL). Comments in a language with a model shipped with the package (Korean:
    :mod:`nps_toolkit.text.pretrained`, trained on 509,498 rated Naver film reviews, CC0)
    are read by it below the threshold (or with ``method="pretrained"``): on real Korean
    reviews it never saw, AUC 0.85 against the word lists' 0.69 on restaurant and place
    reviews, 0.92 against 0.71 on held-out film reviews. From the threshold on, its reading
    is kept for those comments when it tells their promoters from detractors better than
    the survey's own model does. The other comments, or every comment with
    ``method="lexicon"``, get :func:`sentiment` (the word lists) below the threshold.

    Parameters
    ----------
    data : data frame
        Comments and scores (prepared by :func:`prepare_comments` or raw).
    folds, seed : int
        Cross-fitting folds and the seed of their random split (results are deterministic).
    method : {"auto", "model", "pretrained", "lexicon"}
    min_per_class : int
        Promoter and detractor comments needed (each) for ``"auto"`` to fit the model.

    Returns
    -------
    DataFrame
        Aligned with ``data``: ``sentiment`` (-1 to 1; NaN for non-answers and for lexicon
        texts without evidence), ``p_promoter`` (the model's out-of-fold probability that the
        comment was written by a promoter rather than a detractor, or the shipped model's;
        NaN with the lexicon), ``mismatch`` (see :func:`mismatch_flags`). ``.attrs``:
        ``method`` ("model", "pretrained" when some comments were read by a shipped model,
        "lexicon"), ``pretrained`` (how many), ``auc`` (the out-of-fold AUC of promoter
        against detractor comments; computed for the lexicon too), ``labelled`` (promoter
        and detractor comments).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> out = comment_sentiment(load_sample())
    >>> out.attrs["method"], out.attrs["auc"] > 0.9
    ('model', True)
    """
    if method not in ("auto", "model", "pretrained", "lexicon"):
        raise ValueError("method must be 'auto', 'model', 'pretrained' or 'lexicon', got "
                         f"{method!r}")
    if folds < 2:
        raise ValueError(f"folds must be 2 or more, got {folds}")
    prep = _prepared(data, comment, score)
    answered = prep["is_answer"].to_numpy(dtype=bool)
    scores = prep[score].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    labelled = answered & ((scores >= 9) | (scores <= 6))
    y = (scores >= 9).astype(int)
    n_pos, n_neg = int((labelled & (y == 1)).sum()), int((labelled & (y == 0)).sum())
    use_model = method == "model" or (method == "auto" and min(n_pos, n_neg) >= min_per_class)
    if method == "model" and min(n_pos, n_neg) < folds:
        raise ValueError(f"the model needs at least {folds} promoter and {folds} detractor "
                         f"comments; there are {n_pos} and {n_neg}. Use method='lexicon'.")
    # the comments folded once per analysis (not a second time here, with its 100 MB of
    # intermediate strings on 100,000 comments: issue 28)
    lexicon = np.where(answered, folded_polarity(folded_text(prep).fillna(""),
                                                 prep.get("comment_language")).to_numpy(),
                       np.nan)
    # the model shipped for a comment's language (Korean), unless the word lists or the
    # survey's model are asked for
    can = answered & (method in ("auto", "pretrained")) & np.isin(
        prep["comment_language"].to_numpy(dtype=object, na_value="und"), list(MODELS))

    def shipped_reading(rows: np.ndarray) -> np.ndarray:
        return pretrained_p(prep["text"], prep["comment_language"], rows)

    if use_model:
        # every word (the model's terms) is counted for the model alone: not kept for the
        # rest of an analysis, 66 MB on 100,000 comments (issue 28)
        counts = prepared_terms(prep, content=False, keep=False).counts
        p = _cross_fitted(counts, y, labelled, answered & np.isfinite(scores), folds, seed)
        p, shipped = _better_reading(p, shipped_reading, y, labelled, can, seed)
        polarity = np.where(answered, 2 * p - 1, np.nan)
    else:  # the shipped model where there is one, the word lists elsewhere
        p = shipped_reading(can)
        shipped = int(np.isfinite(p).sum())
        polarity = np.where(np.isfinite(p), 2 * p - 1, lexicon)
    out = pd.DataFrame({"sentiment": polarity, "p_promoter": p}, index=prep.index)
    read = use_model or shipped
    out["mismatch"] = mismatch_flags(prep[score], out["sentiment"],
                                     p_promoter=out["p_promoter"] if read else None,
                                     lexicon=lexicon if read else None)
    evidence = labelled & np.isfinite(polarity)
    # over every labelled comment (no evidence counts as neutral): the lexicon's AUC over only
    # the comments where it found a word flattered it (0.85 there, 0.73-0.77 over all)
    scored = np.where(np.isfinite(polarity), polarity, 0.0)
    out.attrs = {"method": "pretrained" if shipped else "model" if use_model else "lexicon",
                 "pretrained": shipped,
                 "auc": _auc(y[labelled], scored[labelled]),
                 "auc_where_found": _auc(y[evidence], polarity[evidence]),
                 "coverage": float(evidence.sum() / max(int(labelled.sum()), 1)),
                 "labelled": n_pos + n_neg, "folds": folds if use_model else 0}
    return out

def _better_reading(p: np.ndarray, read: Any, y: np.ndarray, labelled: np.ndarray,
                    can: np.ndarray, seed: int) -> tuple[np.ndarray, int]:
    """The survey's cross-fitted ``p``, or the shipped model's reading (``read(rows)``) for
    the comments it can read (``can``) when it tells their promoters from detractors better
    (AUC over the labelled ones, at most 5,000 drawn with ``seed``: 0.3 s, where reading
    100,000 Korean comments takes 3 s); also how many comments it read. Both readings are
    out of sample (the shipped model never saw the survey, ``p`` is cross-fitted), so the
    better AUC is an honest choice between two. On real Korean place reviews the shipped
    model is ahead up to ~70 detractor comments (0.85 against 0.80) and level at ~170; the
    survey's model wins on product reviews from ~40."""
    look = np.flatnonzero(can & labelled)
    if len(look) > 5000:
        look = np.sort(np.random.default_rng(seed).choice(look, 5000, replace=False))
    if not len(look):
        return p, 0
    rows = np.zeros(len(p), dtype=bool)
    rows[look] = True
    shipped = read(rows)[look]
    if not _auc(y[look], shipped) > _auc(y[look], p[look]):
        return p, 0
    shipped = read(can)
    return np.where(can, shipped, p), int(can.sum())


#: The fitting method of the survey's model. Newton-CG (Nocedal & Wright 2006, *Numerical
#: Optimization*, 2nd ed., ch. 7) reaches the same optimum as L-BFGS within 4-6 Newton steps;
#: L-BFGS at scikit-learn's default tolerance stopped 0.1 away in probability on 140,000
#: terms. Measured on five real sets (French, English telecom and software, Chinese food
#: delivery, 100,000 Korean film reviews): AUC equal to 0.0001-0.0002, the same mismatch flags
#: but 2 of 282, and the cross-fitting 7.0 -> 3.1 s on the Korean reviews (0.8-1.7 s a fold
#: -> 0.4-0.6 s).
SOLVER = "newton-cg"


def _cross_fitted(counts: Any, y: np.ndarray, labelled: np.ndarray, scored: np.ndarray,
                  folds: int, seed: int) -> np.ndarray:
    """Out-of-fold P(promoter | text) for labelled comments; fold-model mean for the others.

    ``counts`` holds every comment's word and word-pair counts (:func:`term_counts` with
    every word kept: scikit-learn's default tokens, lower case, accents stripped); each fold
    keeps the terms found in 2+ of its training comments and weighs them with its training
    comments' IDF - the same matrix ``TfidfVectorizer(ngram_range=(1, 2), min_df=2,
    sublinear_tf=True)`` fitted on the training comments alone would give (tested), without
    tokenising everything ``folds`` times."""
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    n = counts.shape[0]
    scoring = np.flatnonzero(scored | labelled)
    counts = counts[scoring]
    row = np.full(n, -1)
    row[scoring] = np.arange(len(scoring))
    idx = np.flatnonzero(labelled)
    rest = np.flatnonzero(scored & ~labelled)
    p = np.full(n, np.nan)
    rest_p = np.zeros(len(rest))
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in split.split(idx, y[idx]):
        train, test = idx[train], idx[test]
        x_train = counts[row[train]]
        keep = np.flatnonzero(x_train.getnnz(axis=0) >= 2)  # entries are positive counts
        x_train = x_train[:, keep]  # one column slice, weighed in place of the counts
        weigh = TfidfTransformer(sublinear_tf=True).fit(x_train)
        x_train = weigh.transform(x_train)
        model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced",
                                   solver=SOLVER)
        model.fit(x_train, y[train])
        del x_train
        p[test] = model.predict_proba(weigh.transform(counts[row[test]][:, keep]))[:, 1]
        if len(rest):
            x_rest = weigh.transform(counts[row[rest]][:, keep])
            rest_p += model.predict_proba(x_rest)[:, 1] / folds
    p[rest] = rest_p
    return p


def _auc(y: np.ndarray, s: np.ndarray) -> float:
    """Area under the ROC curve as the Mann-Whitney probability P(s_pos > s_neg) + ties / 2
    (Hanley & McNeil 1982, Radiology 143(1)), from mid-ranks; NaN without both classes."""
    pos, neg = int((y == 1).sum()), int((y == 0).sum())
    if pos == 0 or neg == 0:
        return float("nan")
    ranks = pd.Series(s).rank(method="average").to_numpy()
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))

def mismatch_flags(scores: Any, polarity: Any, *, p_promoter: Any = None,
                   strong: float = 0.15, lexicon: Any = None) -> pd.Series:
    """Responses whose comment contradicts the score: a possible reversed scale or a slip.

    With the survey's own model (``p_promoter`` from :func:`comment_sentiment`) a flag needs
    strong out-of-fold evidence: a promoter (9-10) whose comment the model gives at most
    ``strong`` (15%) chance of coming from a promoter ("high score, negative comment"), or a
    0-4 whose comment it gives at least ``1 - strong``; given the ``lexicon`` polarity too
    (:func:`sentiment`, as :func:`comment_sentiment` passes it), the lexicon must read the
    comment the same way - two independent readings agree ("nunca falla", "no es complicado"
    under a 10 were flagged by the model alone; so were short factual comments such as "Not
    received bill yet"). The same holds for the model shipped for a comment's language
    (``p_promoter`` of a small Korean survey). Where there is no such reading (``p_promoter``
    NaN, or not given), a 9-10 with polarity <= -0.5 or a 0-4 with polarity >= 0.5.

    Hand-read (``benchmarks/*_hand_read.json``, ``docs/text-analysis-validation.md``): on the
    3,696 real Botanic comments (French garden retail) the default flags 3, ``strong=0.2``
    10, every one real (promoters writing "prix trop élevés", "trop cher !!!!!"); on 2,309
    UK telecom comments 1 and 2, all real. Requiring the lexicon's agreement halved the flags
    (Botanic had 6 and 20 flags with 6 and 17 real; telecom 4 and 7 with 2 and 4 real): fewer
    flags, and none to dismiss.

    Examples
    --------
    >>> mismatch_flags([10, 2, 8], [-0.9, 0.9, -0.9]).tolist()
    ['high score, negative comment', 'low score, positive comment', '']
    """
    s = pd.Series(scores).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    pol = np.asarray(polarity, dtype=float)
    high, low = (s >= 9) & (pol <= -0.5), (s <= 4) & (pol >= 0.5)
    if p_promoter is not None:  # a model's reading where it has one, the polarity's elsewhere
        p = np.asarray(p_promoter, dtype=float)
        read = np.isfinite(p)
        by_model_high, by_model_low = (s >= 9) & (p <= strong), (s <= 4) & (p >= 1 - strong)
        if lexicon is not None:  # two independent readings agree (NaN: no lexicon word)
            lex_pol = np.asarray(lexicon, dtype=float)
            by_model_high &= lex_pol < 0
            by_model_low &= lex_pol > 0
        high, low = np.where(read, by_model_high, high), np.where(read, by_model_low, low)
    index = scores.index if isinstance(scores, pd.Series) else None
    return pd.Series(np.select([high, low], ["high score, negative comment",
                                             "low score, positive comment"], ""),
                     index=index, name="mismatch")

__all__ = ["comment_sentiment", "mismatch_flags"]

_ = _strings  # re-exported helpers stay importable from here
