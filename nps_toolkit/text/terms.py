"""Comments to a sparse word and word-pair count matrix, built once per analysis.

The drivers, theme discovery, quotes and the sentiment model all count the same words in the
same comments. Tokenising in Python per comment (scikit-learn's ``CountVectorizer`` with a
callable analyser, four times per analysis) took 14 of 30 s on 100,000 comments; here Arrow
splits every comment in C, Python only looks at each *distinct* token once (stop words,
Chinese and Korean character pairs), and numpy builds the matrix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .. import _lexicons as lex
from ._common import _ARROW, RELEASE_FROM, _fold, give_back_memory
from .cjk import KO_FUNCTION_WORDS, cjk_words, korean_words, release_segmenter

#: Splits a folded comment into runs of letters, digits and underscores (``\w`` in Python,
#: scikit-learn's default token characters).
_SPLIT = r"[^\p{L}\p{N}_]+"
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_LETTERS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+|[^\W\d_]+", re.UNICODE)
#: Loose Hangul letters: "ㅠㅠ", "ㅋㅋ", "ㅎㅎ" are emoticons and laughter, not words
_JAMO_ONLY = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff]+")
_LANG_INDEX = {lang: i for i, lang in enumerate(lex.LANGUAGES)}
_OTHER = len(lex.LANGUAGES)  # undetermined or unsupported language: every list applies


@dataclass(frozen=True)
class Terms:
    """Counts of words and word pairs per comment.

    ``counts`` is a CSR matrix (one row per comment, in the order given; rows of comments
    without text are empty), ``names`` the term of each column (a pair is two words joined
    by a space) sorted as strings, ``is_pair`` which columns are pairs.
    """

    counts: Any
    names: np.ndarray
    is_pair: np.ndarray

    def columns(self, keep: np.ndarray) -> Terms:
        return Terms(self.counts[:, keep], self.names[keep], self.is_pair[keep])


# --------------------------------------------------------------------------- stop words
#: The PII placeholders ``[email]``, ``[phone]``, ``[card]`` are not words of the comment.
_PLACEHOLDERS = frozenset({"email", "phone", "card"})


@lru_cache(maxsize=16)
def _listed(lang: str) -> frozenset[str]:
    """``stopwordsiso``'s list for ``lang``, with accent-folded forms for Latin languages."""
    try:
        import stopwordsiso

        words = set(stopwordsiso.stopwords(lang))
    except (ImportError, KeyError):  # pragma: no cover - dependency declared
        words = set()
    if lang in ("en", "fr", "es", "de"):
        words |= {_fold_word(w) for w in words}
    return frozenset(words)


@lru_cache(maxsize=16)
def _kept(lang: str) -> frozenset[str]:
    """Listed words that carry an NPS comment's meaning: negations, intensifiers and
    evaluative words (:data:`nps_toolkit._lexicons.KEEP_WORDS`, and every listed word the
    language's sentiment lexicon matches)."""
    patterns = [re.compile(p) for p in (*lex.POSITIVE.get(lang, ()), *lex.NEGATIVE.get(lang, ()),
                                        *lex.NEGATORS_BY_LANGUAGE.get(lang, ()))]
    listed = _listed(lang)
    return frozenset({_fold_word(w) for w in lex.KEEP_WORDS.get(lang, ())}
                     | {w for w in listed if any(p.match(w) for p in patterns)})


@lru_cache(maxsize=16)
def _stopwords(lang: str) -> frozenset[str]:
    """``stopwordsiso``'s list for ``lang`` minus :func:`_kept`. The full lists hold words
    that carry the signal: English "not", "good", "great", "better", "problem", "free";
    Spanish "bien", "buen", "mal", "nunca", "muy"."""
    extra = KO_FUNCTION_WORDS if lang == "ko" else frozenset()
    return frozenset((_listed(lang) - _kept(lang)) | _PLACEHOLDERS | extra)


def _fold_word(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word.lower())
                   if not unicodedata.combining(c)) or word


@lru_cache(maxsize=1)
def _listed_any() -> frozenset[str]:
    """Every language's full list (nothing kept), and the PII placeholders."""
    return frozenset(set().union(*(_listed(lang) for lang in lex.LANGUAGES)) | _PLACEHOLDERS
                     | KO_FUNCTION_WORDS)


@lru_cache(maxsize=1)
def _stopwords_any() -> frozenset[str]:
    """Comments of undetermined language: a word stops if some language lists it and no
    language keeps it."""
    listed = set().union(*(_listed(lang) for lang in lex.LANGUAGES))
    kept = set().union(*(_kept(lang) for lang in lex.LANGUAGES))
    return frozenset((listed - kept) | _PLACEHOLDERS)


def _stop_table(names: np.ndarray) -> np.ndarray:
    """Boolean (languages + 1, terms): is the term a stop word for a comment in that language."""
    table = np.zeros((_OTHER + 1, len(names)), dtype=bool)
    s = pd.Series(names, dtype=object)
    for lang, i in _LANG_INDEX.items():
        table[i] = s.isin(_stopwords(lang)).to_numpy()
    table[_OTHER] = s.isin(_stopwords_any()).to_numpy()
    return table


def stop_words(language: str | None = None) -> frozenset[str]:
    """The stop words removed from comments in ``language`` (None: undetermined language).

    Examples
    --------
    >>> "not" in stop_words("en"), "the" in stop_words("en"), "muy" in stop_words("es")
    (False, True, False)
    """
    return _stopwords(language) if language in _LANG_INDEX else _stopwords_any()


# --------------------------------------------------------------------------- tokens
def _pieces(token: str, content: bool) -> list[str]:
    """What one raw token (a run of letters, digits, underscores) counts as.

    ``content``: letter runs of two or more characters (digits split words); Chinese runs
    segmented into words and Korean words without their particles and endings
    (:func:`nps_toolkit.text.cjk.cjk_words`), Japanese runs as overlapping character pairs.
    Otherwise (the sentiment model's terms): the token itself when it has two or more
    characters, as scikit-learn's default pattern ``\\w\\w+``, and character pairs for CJK
    runs (the model learns from pairs as well as words; its AUC was measured on them)."""
    if not content and not _CJK_RUN.search(token):
        return [token] if len(token) > 1 else []
    out: list[str] = []
    for run in (_LETTERS.findall(token) if content else _split_cjk(token)):
        if _CJK_RUN.match(run):
            out.extend(cjk_words(run) if content else
                       [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
        elif len(run) > 1 and not (content and _JAMO_ONLY.fullmatch(run)):
            out.append(run)
    return out


#: A token that is one run of Hangul syllables (a Korean word with its endings)
_HANGUL_WORD = re.compile(r"[\uac00-\ud7af]+")
#: beyond every code point: the second half of a "pair" that is one character
_ALONE = 0x1FFFFF


def _token_pieces(raw: list[str], content: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What each distinct raw token counts as (:func:`_pieces`), for all tokens at once:
    ``ptr`` (token ``i``'s pieces are ``ids[ptr[i]:ptr[i + 1]]``), ``ids`` and the pieces'
    strings (their numbering is arbitrary: :func:`term_counts` sorts its columns by name).

    The tokens most comments are made of take short cuts, each what :func:`_pieces` gives
    (tested on any text): an ASCII word is itself, and so is any token without CJK
    characters for the model; a Korean word (one Hangul run) is its stem for content
    (:func:`~nps_toolkit.text.cjk.korean_words`); a CJK run is its character pairs for the
    model, made as pairs of code points in numpy. The rest go through :func:`_pieces`. The per-token
    calls were 4.6 of 9.8 s of counting 100,000 Korean reviews twice."""
    n = len(raw)
    size = np.fromiter(map(len, raw), dtype=np.int64, count=n)
    ascii_ = np.fromiter((t.isascii() for t in raw), dtype=bool, count=n)
    wide = np.flatnonzero(~ascii_)
    # a word in one script run: Hangul (content) or any CJK script (the model's pairs)
    run = np.zeros(n, dtype=bool)
    run[wide] = [(_HANGUL_WORD if content else _CJK_RUN).fullmatch(raw[i]) is not None
                 for i in wide]
    if content:  # an ASCII word of letters only: itself, when it has two letters or more
        simple = ascii_ & np.fromiter((t.isalpha() for t in raw), dtype=bool, count=n)
    else:  # a token without CJK characters: itself (scikit-learn's \w\w+)
        simple = ascii_.copy()
        simple[wide] = [_CJK_RUN.search(raw[i]) is None for i in wide]
    singles = np.flatnonzero(simple & (size > 1))
    single_words = [raw[i] for i in singles]
    if content:  # one stem per Korean word
        single_words += korean_words([raw[i] for i in np.flatnonzero(run)])
        singles = np.concatenate([singles, np.flatnonzero(run)])
        paired = np.zeros(0, dtype=np.int64)
    else:
        paired = np.flatnonzero(run)
    rest = np.flatnonzero(~simple & ~run)
    rest_pieces = [_pieces(raw[i], content) for i in rest]
    count = np.zeros(n, dtype=np.int64)
    count[singles] = 1
    count[paired] = np.maximum(size[paired] - 1, 1)
    count[rest] = np.fromiter(map(len, rest_pieces), dtype=np.int64, count=len(rest))
    ptr = np.concatenate([[0], np.cumsum(count)])
    # each kind's distinct pieces, then one numbering over all kinds
    pair_codes, pair_words = _char_pairs([raw[i] for i in paired], size[paired])
    flat = [p for ps in rest_pieces for p in ps]
    single_codes, single_uniq = pd.factorize(pd.Series(single_words, dtype=object))
    rest_codes, rest_uniq = pd.factorize(pd.Series(flat, dtype=object))
    number, words = pd.factorize(pd.Series(
        [*single_uniq, *pair_words, *rest_uniq], dtype=object))
    ids = np.empty(int(ptr[-1]), dtype=np.int64)
    ids[ptr[singles]] = number[:len(single_uniq)][single_codes]
    within = _within(count[paired])
    ids[np.repeat(ptr[paired], count[paired]) + within] = (
        number[len(single_uniq):len(single_uniq) + len(pair_words)][pair_codes])
    within = _within(count[rest])
    ids[np.repeat(ptr[rest], count[rest]) + within] = (
        number[len(single_uniq) + len(pair_words):][rest_codes])
    return ptr, ids, np.asarray(words, dtype=object)


def _within(count: np.ndarray) -> np.ndarray:
    """0, 1, ..., count[i] - 1 for each i, one after another."""
    return np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)


def _char_pairs(tokens: list[str], size: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Overlapping character pairs of each token (the token itself when it is one
    character), in order, as (their numbers, the distinct pairs): pairs of code points
    numbered in numpy, strings made for the distinct pairs only."""
    if not tokens:
        return np.zeros(0, dtype=np.int64), []
    points = np.frombuffer("".join(tokens).encode("utf-32-le"), dtype="<u4").astype(np.int64)
    start = np.concatenate([[0], np.cumsum(size)[:-1]])
    count = np.maximum(size - 1, 1)
    first = np.repeat(start, count) + _within(count)
    second = np.where(np.repeat(size, count) > 1, points[np.minimum(first + 1, len(points) - 1)],
                      _ALONE)
    uniq, codes = np.unique((points[first] << 21) | second, return_inverse=True)
    words = [chr(k >> 21) + (chr(k & _ALONE) if k & _ALONE != _ALONE else "")
             for k in uniq.tolist()]
    return codes.ravel(), words


def _split_cjk(token: str) -> list[str]:
    parts, last = [], 0
    for m in _CJK_RUN.finditer(token):
        parts += [token[last:m.start()], m.group()]
        last = m.end()
    return [p for p in [*parts, token[last:]] if p]


def term_counts(folded: pd.Series, languages: Any = None, *, content: bool = True,
                pairs: bool = True) -> Terms:
    """Word (and word-pair) counts of folded comments, vectorised.

    ``content=True`` removes each comment's own language's stop words (:func:`stop_words`,
    from ``languages``; undetermined comments use every list) before pairs are formed, as
    for drivers, themes and quotes; ``content=False`` keeps every word (the sentiment
    model, where "not" and "very" matter). Pairs are adjacent kept words of one comment.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import scipy.sparse as sp

    n_docs = len(folded)
    codes, doc, raw = _raw_tokens(folded)
    ptr, ids, words = _token_pieces(raw, content)
    del raw
    if n_docs >= RELEASE_FROM:
        release_segmenter()
    # token-length arrays freed as soon as used, the kept ones as 32-bit integers: on 100,000
    # comments the 64-bit ones and their copies were most of the analysis' peak (issue 28)
    small = np.int32 if max(len(ids), n_docs) < 2**31 else np.int64
    exp_ids = ids.astype(small)
    lens = np.diff(ptr)[codes]
    starts = np.repeat(ptr[codes], lens)
    del codes
    starts += _within(lens)
    term = exp_ids[starts]
    del starts
    doc = np.repeat(doc.astype(small), lens)
    del lens
    if content and len(words):
        lang = _language_codes(languages, n_docs).astype(np.int8)  # 8 languages: a byte
        keep = ~_stop_table(words)[lang[doc], term]
        del lang
        term, doc = term[keep], doc[keep]
        del keep
        # the words left in some comment, renumbered in order (np.unique's result, without
        # sorting every token)
        used = np.flatnonzero(np.bincount(term, minlength=len(words)))
        remap = np.zeros(len(words), dtype=small)
        remap[used] = np.arange(len(used), dtype=small)
        term = remap[term]
        del remap
        words = words[used]
    n_words = len(words)
    names, cols = words, term
    if pairs and len(term) > 1:
        # a pair of one word twice ("不错 不错", "재구매 재구매") says nothing the word does not
        same = (doc[1:] == doc[:-1]) & (term[1:] != term[:-1])
        key = term[:-1][same].astype(np.int64) * n_words + term[1:][same]
        uniq, inv = np.unique(key, return_inverse=True)
        del key
        left = pa.array(list(words[uniq // n_words]), type=pa.string())
        right = pa.array(list(words[uniq % n_words]), type=pa.string())
        del uniq
        pair_names = pc.binary_join_element_wise(left, right, " ").to_numpy(zero_copy_only=False)
        del left, right
        names = np.concatenate([words, pair_names.astype(object)])
        del pair_names
        cols = np.concatenate([term, (n_words + inv).astype(small)])
        del inv
        doc = np.concatenate([doc, doc[:-1][same]])
        del same
    is_pair = np.arange(len(names)) >= n_words
    if content and n_words:
        # negations and intensifiers count inside pairs only (lex.MODIFIERS)
        alone = np.concatenate([np.isin(words, list(lex.MODIFIERS)),
                                np.zeros(len(names) - n_words, dtype=bool)])
        if alone.any():
            drop = alone[cols]
            kept_names = np.flatnonzero(~alone)
            remap = np.full(len(names), -1, dtype=np.int64)
            remap[kept_names] = np.arange(len(kept_names))
            names, is_pair = names[kept_names], is_pair[kept_names]
            cols, doc = remap[cols[~drop]], doc[~drop]
    # columns sorted as strings (as scikit-learn orders its vocabulary): ties in rankings and
    # the column order of models then do not depend on the order comments came in
    order = pc.sort_indices(pa.array(names, type=pa.string())).to_numpy()
    rank = np.empty(len(order), dtype=small)
    rank[order] = np.arange(len(order))
    cols = rank[cols]
    counts = sp.csr_matrix((np.ones(len(cols), dtype=np.float64), (doc, cols)),
                           shape=(n_docs, len(names)))
    del cols, doc
    counts.sum_duplicates()
    if n_docs >= RELEASE_FROM:  # the token arrays and strings of a large call, returned
        give_back_memory()
    return Terms(counts, names[order], is_pair[order])


#: comments split into tokens at a time: Arrow's strings of every token of 100,000 comments
#: were 84 MB under the analysis' peak (issue 28); 20,000 at a time keep a fifth of that
_TOKEN_CHUNK = 20_000


def _raw_tokens(folded: pd.Series) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Every non-empty token of the folded comments as (its distinct token's number, its
    comment's row), and the distinct tokens in order of first appearance - what one
    dictionary encoding of all tokens gives, made ``_TOKEN_CHUNK`` comments at a time."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(folded.astype(_ARROW)).fill_null("")
    seen: dict[str, int] = {}
    codes, docs = [], []
    for start in range(0, max(len(arr), 1), _TOKEN_CHUNK):
        lists = pc.split_pattern_regex(arr.slice(start, _TOKEN_CHUNK), _SPLIT)
        flat = pc.list_flatten(lists)
        doc = pc.list_parent_indices(lists).to_numpy()
        nonempty = pc.not_equal(flat, "")
        enc = pc.dictionary_encode(pc.filter(flat, nonempty))
        if isinstance(enc, pa.ChunkedArray):
            enc = enc.combine_chunks()
        # this chunk's tokens numbered as over all comments: first appearance, in order
        number = np.fromiter((seen.setdefault(t, len(seen))
                              for t in enc.dictionary.to_pylist()), dtype=np.int64)
        small = np.int32 if len(seen) < 2**31 and start + len(doc) < 2**31 else np.int64
        codes.append(number.astype(small)[enc.indices.to_numpy()])
        docs.append((doc[nonempty.to_numpy(zero_copy_only=False)] + start).astype(small))
        del lists, flat, nonempty, enc
    return (np.concatenate(codes) if codes else np.zeros(0, np.int64),
            np.concatenate(docs) if docs else np.zeros(0, np.int64), list(seen))


def _language_codes(languages: Any, n: int) -> np.ndarray:
    if languages is None:
        return np.full(n, _OTHER)
    lang = pd.Series(np.asarray(languages, dtype=object))
    return lang.map(_LANG_INDEX).fillna(_OTHER).to_numpy(dtype=np.int64)


def tokenize(text: str, language: str | None = None) -> list[str]:
    """Tokens of one folded text, as the analysis counts them: words for alphabetic scripts,
    Chinese segmented into words, Korean words without their particles and endings,
    one-letter Latin tokens and the language's stop words removed (negations and evaluative
    words are kept: :func:`stop_words`).

    Examples
    --------
    >>> tokenize("the parcel did not arrive")
    ['parcel', 'not', 'arrive']
    >>> tokenize("快递丢了", "zh")
    ['快递', '丢']
    >>> tokenize("배송이 너무 늦어요", "ko")
    ['배송', '너무', '늦']
    """
    stop = stop_words(language)
    return [p for tok in re.split(r"[^\w]+", text) if tok
            for p in _pieces(tok, True) if p not in stop]


# --------------------------------------------------------------------------- one analysis
# Within one analyze_comments call the same comments are folded and counted for the drivers,
# theme discovery, quotes and the sentiment model: a per-call memo (never module-wide, so the
# memory is returned when the call ends) keeps them, keyed by the prepared frame.
_MEMO: dict[tuple[str, int, Any], tuple[Any, Any]] | None = None


@contextmanager
def shared_terms() -> Iterator[None]:
    """Fold and count each prepared frame's comments once for the ``with`` block."""
    global _MEMO
    outer = _MEMO
    _MEMO = {} if outer is None else outer
    try:
        yield
    finally:
        _MEMO = outer


def _memo(kind: str, prep: pd.DataFrame, flag: Any, make: Any) -> Any:
    if _MEMO is None:
        return make()
    key = (kind, id(prep), flag)
    hit = _MEMO.get(key)
    if hit is not None and hit[0] is prep:
        return hit[1]
    value = make()
    _MEMO[key] = (prep, value)  # the frame is held, so its id is not reused meanwhile
    return value


def folded_text(prep: pd.DataFrame) -> pd.Series:
    """The prepared comments folded (lower case, accents off), once per analysis."""
    return _memo("fold", prep, True, lambda: _fold(prep["text"].astype(_ARROW)))


def prepared_terms(prep: pd.DataFrame, *, content: bool = True, keep: bool = True) -> Terms:
    """:func:`term_counts` of a prepared frame's analysed comments, once per analysis
    (``keep=False``: counted for one use, not kept for the rest of the analysis)."""
    def make() -> Terms:
        text = folded_text(prep).where(prep["is_answer"].to_numpy(bool))
        return term_counts(text, prep["comment_language"].to_numpy(dtype=object, na_value=None)
                           if content else None, content=content)
    return _memo("terms", prep, content, make) if keep else make()
