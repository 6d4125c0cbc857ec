"""Comment polarity from a model shipped with the package: the small-survey reading of
languages whose word lists read little (issue 26 §7).

A survey with fewer than 40 promoter or detractor comments cannot learn its own model
(:func:`~nps_toolkit.text.model.comment_sentiment`), so its comments were read with the word
lists alone; in Korean those tell promoter from detractor comments with an AUC of 0.69-0.71
on real reviews. A logistic regression over character n-grams trained once on a large
public corpus with ratings, and shipped as its weights, reads them far better (measured on
reviews it never saw, `docs/text-analysis-validation.md`, twenty-fifth session).
"""

from __future__ import annotations

import unicodedata
import warnings
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

#: The languages with a shipped model, and the file holding its weights (``nps_toolkit/data``,
#: written by ``scripts/train_sentiment_ko.py``).
MODELS = {"ko": "sentiment_ko.npz"}

#: Characters of a comment the model reads (a pasted document is read by its start, as the
#: rest of the analysis reads a bounded prefix).
MAX_CHARS = 2000


def vectorizer() -> Any:
    """The features every shipped model reads: character 2-4-grams within words, hashed into
    2**17 columns, counts scaled to unit length (scikit-learn's ``HashingVectorizer``, whose
    MurmurHash3 makes the columns the same on every machine; a check stored with the weights
    confirms it on loading). Character n-grams need no tokenizer: Korean words carry their
    particles and endings, and a 2-4-gram sees the stem (`맛있`) under every ending."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer="char_wb", ngram_range=(2, 4), n_features=2 ** 17,
                             alternate_sign=False, norm="l2", dtype=np.float32)


def features(texts: Any) -> Any:
    """The sparse feature rows of ``texts`` (NFC, at most :data:`MAX_CHARS` characters):
    :func:`vectorizer`'s ``transform``, to the bit (tested), made per distinct word.

    A ``char_wb`` n-gram never crosses a word (each word is padded with a space and cut
    alone), so a text's counts are the sum of its words' counts: each distinct word is cut
    and hashed once (scikit-learn's own analyser and hasher), and a text is its words
    (Python's ``str.split`` after lower-casing, as the analyser splits) times their rows,
    then scaled to unit length. 100,000 Korean reviews hold 767,000 words, 249,000
    distinct: the cutting, in Python, was most of the time."""
    import scipy.sparse as sp
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.preprocessing import normalize

    v = vectorizer()
    lower = v.build_preprocessor()
    words = [lower(unicodedata.normalize("NFC", t[:MAX_CHARS])).split() for t in texts]
    sizes = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    codes, distinct = pd.factorize(pd.Series([w for ws in words for w in ws], dtype=object))
    width = v.n_features
    if not len(distinct):
        return sp.csr_matrix((len(words), width), dtype=np.float32)
    cut = v.build_analyzer()
    per_word = FeatureHasher(n_features=width, input_type="string", alternate_sign=False,
                             dtype=np.float32).transform(cut(w) for w in distinct)
    rows = np.repeat(np.arange(len(words)), sizes)
    texts_words = sp.csr_matrix((np.ones(len(codes), dtype=np.float32), (rows, codes)),
                                shape=(len(words), len(distinct)))
    return normalize((texts_words @ per_word).tocsr(), norm="l2", copy=False)


#: The text whose feature columns are stored with each model, to be compared on loading.
PROBE = "배송이 빠르고 맛있어요 but late"


@cache
def _model(lang: str) -> tuple[np.ndarray, float] | None:
    """The weights and intercept of ``lang``'s model; None (with a warning) when this
    machine's hashing no longer gives the columns the model was trained on."""
    path = resources.files("nps_toolkit") / "data" / MODELS[lang]
    with path.open("rb") as fh, np.load(fh) as data:
        weights = data["weights"].astype(np.float32) * np.float32(data["scale"])
        intercept, probe = float(data["intercept"]), data["probe"]
    if not np.array_equal(np.sort(features([PROBE]).indices), probe):
        warnings.warn(f"the shipped {lang} sentiment model is not used: this scikit-learn "
                      "hashes text differently from the one it was trained with; its "
                      "comments are read with the word lists", RuntimeWarning, stacklevel=3)
        return None
    return weights, intercept


def pretrained_p(texts: pd.Series, languages: Any, rows: np.ndarray) -> np.ndarray:
    """P(promoter | text) from the shipped model of each text's language, for ``rows``
    (a boolean mask); NaN for other rows and languages without a model.

    The model is a logistic regression (promoter 9-10 against detractor 0-6 ratings,
    classes weighed equally) over :func:`vectorizer`'s features, applied as
    ``1 / (1 + exp(-(x . w + b)))`` (Hosmer, Lemeshow & Sturdivant 2013, *Applied Logistic
    Regression*, 3rd ed., ch. 1); tested against scikit-learn's ``predict_proba`` of the same
    weights."""
    out = np.full(len(texts), np.nan)
    langs = pd.Series(np.asarray(languages, dtype=object)).fillna("und").to_numpy(object)
    for lang in MODELS:
        where = np.flatnonzero(rows & (langs == lang))
        if not len(where) or (model := _model(lang)) is None:
            continue
        weights, intercept = model
        x = features(texts.iloc[where].fillna("").astype(str).tolist())
        out[where] = 1.0 / (1.0 + np.exp(-(x @ weights + intercept)))
    return out
