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
    and hashed once (:func:`_word_columns`), and a text is its words (Python's ``str.split``
    after lower-casing, as the analyser splits) times their rows, then scaled to unit
    length. 100,000 Korean reviews hold 767,000 words, 249,000 distinct."""
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    v = vectorizer()
    lower = v.build_preprocessor()
    words = [lower(unicodedata.normalize("NFC", t[:MAX_CHARS])).split() for t in texts]
    sizes = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    codes, distinct = pd.factorize(pd.Series([w for ws in words for w in ws], dtype=object))
    if not len(distinct):
        return sp.csr_matrix((len(words), v.n_features), dtype=np.float32)
    per_word = _word_columns(list(distinct), v)
    rows = np.repeat(np.arange(len(words)), sizes)
    texts_words = sp.csr_matrix((np.ones(len(codes), dtype=np.float32), (rows, codes)),
                                shape=(len(words), len(distinct)))
    return normalize((texts_words @ per_word).tocsr(), norm="l2", copy=False)


#: distinct words cut and hashed at a time (their n-grams' bytes are 16 per n-gram)
_WORD_CHUNK = 50_000


def _word_columns(words: list[str], v: Any) -> Any:
    """Each word's n-gram counts in ``v``'s hashed columns: ``FeatureHasher`` over
    ``v.build_analyzer()`` of each word, to the bit (tested), cut and hashed in arrays.

    scikit-learn's ``char_wb`` analyser pads a word with a space and takes, for each n of
    its range, the n-grams at every position (a padded word shorter than n once, and then no
    longer n); ``FeatureHasher`` puts a string in column ``|MurmurHash3_x86_32(UTF-8 bytes,
    seed 0)| mod n_features`` (:func:`_murmur3`). Here the n-grams are byte ranges of the
    words' UTF-8 and are hashed together: the analyser in Python was 2 of 3 seconds of the
    shipped model on 100,000 Korean reviews."""
    import scipy.sparse as sp

    parts = [_hashed(words[i:i + _WORD_CHUNK], v.ngram_range, v.n_features)
             for i in range(0, len(words), _WORD_CHUNK)]
    out = sp.vstack(parts, format="csr")
    out.sum_duplicates()
    return out


def _hashed(words: list[str], ngram_range: tuple[int, int], width: int) -> Any:
    """:func:`_word_columns` for one chunk of words."""
    import scipy.sparse as sp

    from .terms import _within

    padded = "".join(f" {w} " for w in words)
    points = np.frombuffer(padded.encode("utf-32-le"), dtype="<u4")
    utf8 = np.frombuffer(padded.encode("utf-8"), dtype=np.uint8)
    # where each character's UTF-8 bytes start (and, last, where the text ends)
    size = 1 + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000)
    at = np.concatenate([[0], np.cumsum(size)])
    length = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2
    start = np.concatenate([[0], np.cumsum(length)[:-1]])
    low, high = ngram_range
    rows, cols = [], []
    for n in range(low, high + 1):
        # a word reaches n when every shorter n left it longer than n - 1 characters
        word = np.flatnonzero(length > n - 1) if n > low else np.arange(len(words))
        count = np.maximum(length[word] - n, 0) + 1
        word = np.repeat(word, count)
        first = start[word] + _within(count)
        last = first + np.minimum(n, length[word])
        nbytes = at[last] - at[first]
        key = np.empty((len(word), 4 * high), dtype=np.uint8)
        begin = at[first]
        for j in range(4 * high):  # the key's bytes, zero past its end
            key[:, j] = np.where(nbytes > j, utf8[np.minimum(begin + j, len(utf8) - 1)], 0)
        # |h| in 64 bits: scikit-learn's own value for -2**31 too, "abs(-2**31) % n_features"
        cols.append(np.abs(_murmur3(key, nbytes).astype(np.int64)) % width)
        rows.append(word)
    rows_, cols_ = np.concatenate(rows), np.concatenate(cols)
    out = sp.csr_matrix((np.ones(len(rows_), dtype=np.float32), (rows_, cols_)),
                        shape=(len(words), width))
    out.sum_duplicates()
    return out


def _murmur3(keys: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """MurmurHash3 x86 32-bit, seed 0 (A. Appleby, SMHasher, ``MurmurHash3.cpp``; the hash
    scikit-learn's ``murmurhash3_32`` computes) of each row of ``keys``, zero-padded bytes of
    which the first ``lengths`` are the key; as signed 32-bit integers. Tested against
    scikit-learn's on random keys of every length."""
    c1, c2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)

    def rotl(x: np.ndarray, r: int) -> np.ndarray:
        return (x << np.uint32(r)) | (x >> np.uint32(32 - r))

    blocks = np.ascontiguousarray(keys).view("<u4")
    h = np.zeros(len(keys), dtype=np.uint32)
    for b in range(blocks.shape[1]):
        k = rotl(blocks[:, b] * c1, 15) * c2
        # a whole block goes through the round; the last 1-3 bytes are mixed in without it,
        # and a block past the key (zero bytes: k == 0) leaves h as it is
        h = np.where(lengths >= 4 * (b + 1),
                     rotl(h ^ k, 13) * np.uint32(5) + np.uint32(0xE6546B64), h ^ k)
    h ^= lengths.astype(np.uint32)
    for shift, mult in ((16, 0x85EBCA6B), (13, 0xC2B2AE35)):
        h ^= h >> np.uint32(shift)
        h *= np.uint32(mult)
    h ^= h >> np.uint32(16)
    return h.view(np.int32)


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
