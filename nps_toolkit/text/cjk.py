"""Words of Chinese and Korean comments, which do not separate words the way the analysis
counts them (issue 26 §4).

- **Chinese** is segmented with jieba (Sun 2012-, MIT; the most used Chinese word segmenter on
  the package index, dictionary-based with an HMM for unknown words, deterministic). Before
  it, every run of Han characters was cut into overlapping character pairs, and topic names
  read "质量 量很 / 量很 很好".
- **Korean** words (eojeol) carry their particles and endings: "배송이", "빨라요",
  "실망했어요". The particle or ending is stripped by a longest-suffix rule over the common
  forms (:data:`KO_SUFFIXES`), leaving the content word ("배송", "빨라", "실망"). A
  morphological analyser does this better, but the maintained one on the package index,
  kiwipiepy, measured here: 3.9 s to start, about 500 MB of memory and a 105 MB model - too
  heavy to start in every report; the rule needs nothing and leaves whole words, not the
  character pairs ("습니 니다", "네요 / 어요") topic names showed before.

Japanese kana runs keep character pairs. Each distinct run is segmented once (cached), so the
cost is per distinct clause, not per comment.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np

__all__ = ["KO_FUNCTION_WORDS", "KO_SUFFIXES", "chinese_words", "cjk_words", "korean_word",
           "korean_words"]

_HAN = re.compile(r"[\u3400-\u9fff]+")
_HANGUL = re.compile(r"[\uac00-\ud7af]+")
_KANA = re.compile(r"[\u3040-\u30ff]")

#: Korean particles and predicate endings, stripped from the end of a word, longest first.
#: A one-syllable suffix is stripped only when two syllables or more remain ("배송이" ->
#: "배송", but "아이" stays), a longer one when one remains ("있어요" -> "있").
KO_SUFFIXES: tuple[str, ...] = tuple(sorted({
    # the verb 하다 / 되다 and their endings: "편리하고", "추천해요", "실망했어요",
    # "감사합니다", "분실됐는데"
    "하고", "해요", "했어요", "했습니다", "합니다", "해서", "하는", "하게", "했는데", "하지만",
    "했다", "한다", "하다", "하네요", "해도", "했고", "되고", "돼요", "됐어요", "됐는데",
    "되었어요", "됐습니다", "됩니다", "된", "됐다",
    # endings
    "습니다", "었어요", "았어요", "였어요", "어요", "아요", "여요", "네요", "예요", "에요",
    "이에요", "세요", "지요", "니다", "는데", "지만", "어서", "아서", "었고", "았고", "어도",
    "아도", "거든요", "더라고요", "잖아요", "군요", "죠", "요", "고", "다", "며", "면", "서",
    "게",  # the adverb ending: "재밌게" -> "재밌", "빠르게" -> "빠르" ("가게" keeps two)
    # particles
    "에서는", "에서도", "으로는", "에게서", "한테서", "에서", "에게", "한테", "으로", "까지",
    "부터", "처럼", "보다", "이랑", "이나", "마저", "조차", "밖에", "이라", "라고", "은", "는",
    "이", "가", "을", "를", "에", "도", "로", "와", "과", "의", "만", "랑", "나",
}, key=lambda s: (-len(s), s)))


_HA = frozenset("하해했합한되돼됐된됩")

#: Korean words left once particles and endings are gone that say nothing on their own
#: ("있어요" -> "있", "해줬어요" -> "줬"): not counted as content words.
KO_FUNCTION_WORDS = frozenset({"있", "했", "해", "하", "줬", "준", "주", "된", "되", "것", "수",
                               "좀", "거", "게", "그", "저", "이", "및", "등", "때",
                               # "같아요" (it seems), "하네요": grammar, read on real reviews
                               "같", "듯", "네", "건", "걸", "데",
                               # "just", "hmm", "so", "saw", "this", "I": read on real film
                               # reviews (NSMC), where they named topics and drivers
                               "그냥", "흠", "그렇", "그렇게", "봤", "본", "봐도", "이건",
                               "이게", "그게", "보는", "내가", "제가", "저는", "나는", "난",
                               # "all", "my", "this": named topics on real place reviews once
                               # the intensifiers came off their pairs
                               "다", "내", "이거"})


#: each ending's place in KO_SUFFIXES (the first that fits is taken), and their lengths
_SUFFIX_RANK = {suffix: i for i, suffix in enumerate(KO_SUFFIXES)}
_SUFFIX_LENGTHS = sorted({len(suffix) for suffix in KO_SUFFIXES})


@lru_cache(maxsize=65536)
def korean_word(word: str) -> str:
    """The content word of a Korean eojeol: its particle or ending stripped.

    >>> [korean_word(w) for w in ["배송이", "빨라요", "실망했어요", "감사합니다", "가성비"]]
    ['배송', '빨라', '실망', '감사', '가성비']
    """
    # the word's own endings, by length (4 set lookups, not 94 endswith), tried in the
    # order of KO_SUFFIXES as before
    for _, suffix in sorted((_SUFFIX_RANK[word[-k:]], word[-k:]) for k in _SUFFIX_LENGTHS
                            if k <= len(word) and word[-k:] in _SUFFIX_RANK):
        rest = word[: -len(suffix)]
        if len(rest) >= _stem_needs(suffix):
            return rest
    return word


def _stem_needs(suffix: str) -> int:
    """Syllables a stem needs before ``suffix``: two before a one-syllable ending or a
    하다/되다 ending - those verbs are a noun and the verb ("추천해요"), a noun of two
    syllables or more ("원하는" is the verb 원하다, not "원") - else one."""
    return 2 if len(suffix) == 1 or suffix[0] in _HA else 1


def korean_words(words: list[str]) -> list[str]:
    """:func:`korean_word` of each word, the endings looked up in arrays: the same stems
    (tested on every ending), 199,000 words of 100,000 film reviews in a fraction of the
    1.5 s the per-word calls took. For each ending length, Arrow cuts every word's last
    characters and finds them in KO_SUFFIXES; the first ending in the list's order that
    leaves a long enough stem is taken, as :func:`korean_word` takes it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not words:
        return []
    arr = pa.array(words, type=pa.string())
    length = pc.utf8_length(arr).to_numpy(zero_copy_only=False).astype(np.int64)
    suffixes = pa.array(KO_SUFFIXES, type=pa.string())
    need = np.array([_stem_needs(x) for x in KO_SUFFIXES])
    best = np.full(len(words), len(KO_SUFFIXES))
    cut = np.zeros(len(words), dtype=np.int64)
    for k in _SUFFIX_LENGTHS:
        rank = pc.index_in(pc.utf8_slice_codeunits(arr, -k), value_set=suffixes)
        rank = rank.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        fits = (rank >= 0) & (length - k >= need[rank]) & (rank < best)
        best = np.where(fits, rank, best)
        cut = np.where(fits, k, cut)
    return [w[:-k] if k else w for w, k in zip(words, cut.tolist(), strict=True)]


_SEGMENTER: list[Any] = []


def _jieba() -> Any:  # a jieba tokenizer of our own: the user's jieba.dt is left as it is
    if not _SEGMENTER:
        import logging
        import os
        from pathlib import Path

        import jieba

        jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" lines in notebooks
        segmenter = jieba.Tokenizer()
        # jieba keeps its parsed dictionary (9 MB) between runs: in the user's cache folder,
        # not the temporary one (a report leaves nothing in the temp folder)
        cache = (Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                 / "nps-toolkit")
        try:
            cache.mkdir(parents=True, exist_ok=True)
            if os.access(cache, os.W_OK):
                segmenter.tmp_dir = str(cache)
        except OSError:  # a read-only home: jieba's default (the temp folder) then
            pass
        _SEGMENTER.append(segmenter)
    return _SEGMENTER[0]


def release_segmenter() -> None:
    """Give back jieba's dictionary (about 70 MB in memory; reloaded from its cache file in
    ~0.5 s when next needed): done after counting the words of a large call, as the language
    model is (issue 28: it sat under the peak of every later step)."""
    _SEGMENTER.clear()


@lru_cache(maxsize=65536)
def chinese_words(run: str) -> tuple[str, ...]:
    """A run of Han characters as words (jieba, precise mode).

    >>> chinese_words("质量很好包装也不错")
    ('质量', '很', '好', '包装', '也', '不错')
    """
    return tuple(w for w in _jieba().lcut(run, HMM=True) if w.strip())


def cjk_words(run: str) -> list[str]:
    """The words of one run of Chinese, Japanese or Korean characters: Chinese segmented,
    Korean particles and endings stripped, Japanese (kana) in overlapping character pairs."""
    if _KANA.search(run) or not (_HAN.fullmatch(run) or _HANGUL.fullmatch(run)):
        return [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
    if _HANGUL.fullmatch(run):
        return [korean_word(run)]
    return list(chinese_words(run))
