"""Shared pieces of the comment analysis: regular expressions on Arrow strings and folding."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .._codeframes import CODEFRAMES

#: The default codeframe (online retail), per theme and language.
DEFAULT_CODEFRAME = CODEFRAMES["ecommerce"]
_ARROW = "string[pyarrow]"
MAX_CHARS = 5000

# PII: e-mail addresses, card-like numbers (13-19 digits), phone numbers (7+ digits).
_EMAIL = r"[\p{L}\p{N}_.+-]+@[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+"
_CARD = r"\b(?:\d[ -]?){12,18}\d\b"
_PHONE = r"(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\b(?:\d[ .-]?){6,14}\d\b"
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_TAG = r"</?[A-Za-z][^<>]{0,200}>"


def _strings(values: Any) -> pd.Series:
    s = values if isinstance(values, pd.Series) else pd.Series(values)
    return s.astype(_ARROW)


# RE2 (Arrow's regex engine) reads \b as an ASCII word boundary, so pandas hands such
# patterns to Python's slower re. Boundaries are spelled out with Unicode classes instead,
# and alternatives that share a boundary share one group: a boundary per alternative makes
# RE2's automaton explode (measured: 4.4 s against 0.005 s for one theme on 25k comments).
_NOT_WORD = r"[^\p{L}\p{N}_]"
_B_START = rf"(?:^|{_NOT_WORD})"
_B_END = rf"(?:$|{_NOT_WORD})"
_BS = "\\b"


def _phrase(core: str) -> str:
    """Spaces in a phrase match any run of spaces (counting doubles them); inner \b too."""
    core = core.replace(_BS, _B_END)
    return core.replace(" ?", r"\s*").replace(" ", r"\s+")


def _re2_any(patterns: Sequence[str], *, leading: bool = True) -> str:
    """One RE2 pattern matching any of ``patterns`` (Python syntax, \b at either end).

    Alternatives are grouped by boundary: opening only, both, closing only, none. With
    ``leading=False`` opening boundaries are dropped (the caller puts a separator there).
    """
    groups: dict[tuple[bool, bool], list[str]] = {}
    for p in patterns:
        opens, closes = p.startswith(_BS), p.endswith(_BS) and not p.endswith("\\" + _BS)
        core = p[2 if opens else 0: len(p) - 2 if closes else len(p)]
        groups.setdefault((opens and leading, closes), []).append(_phrase(core))
    parts = []
    for (opens, closes), cores in groups.items():
        body = "(?:" + "|".join(f"(?:{c})" for c in cores) + ")"
        parts.append((_B_START if opens else "") + body + (_B_END if closes else ""))
    return "|".join(parts)


def _contains(s: pd.Series, pattern: str) -> np.ndarray:
    """Vectorised search for an RE2 pattern (see :func:`_re2_any`) -> bool array."""
    import pyarrow as pa
    import pyarrow.compute as pc

    hits = pc.match_substring_regex(pa.array(s.astype(_ARROW)), pattern)
    return np.asarray(hits.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def _count(s: pd.Series, pattern: str) -> np.ndarray:
    """Vectorised count of an RE2 pattern's non-overlapping matches -> float array."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # a spelled-out boundary consumes the separator after a match; doubled spaces give the
    # next word its own, so adjacent words ("de la") are both counted
    spaced = pc.replace_substring(pa.array(s.astype(_ARROW)), " ", "  ")
    hits = pc.count_substring_regex(spaced, pattern)
    return np.asarray(hits.fill_null(0).to_numpy(zero_copy_only=False), dtype=float)


#: Any whitespace, Unicode included (RE2's own \s is ASCII only and misses \v).
_SPACE = r"[\s\x0b\p{Z}]"


def _replace(s: pd.Series, pattern: str, repl: str) -> pd.Series:
    """``s.str.replace(pattern, repl, regex=True)`` run by Arrow's RE2 whatever the data.

    pandas >= 3 hands a pattern with ``\\s``, ``\\d``, ``\\w`` or ``\\b`` to Python's ``re``
    (one call per row, 5-10x slower) as soon as the data holds a non-ASCII letter; the
    patterns here are written for RE2 (Unicode classes spelled out), so Arrow runs them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = pc.replace_substring_regex(pa.array(s.astype(_ARROW)), pattern, repl)
    return pd.Series(pd.array(out, dtype=_ARROW), index=s.index, name=s.name)


#: Whitespace other than the plain space: a single one of these becomes a space, and so does
#: any run of two or more whitespace characters; a lone space is left as it is (the same
#: result as replacing every run, without a replacement per word: 0.36 -> 0.1 s on 100k).
_OTHER_SPACE = (r"[\t\n\f\r\x0b\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}"
                r"\x{205f}\x{3000}]")


def _one_array(s: pd.Series) -> Any:
    """The Arrow strings of a text column as one array (masks and ``replace_with_mask`` take
    one array, not the chunks a long column may have)."""
    import pyarrow as pa

    arr = pa.array(s.astype(_ARROW))
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _non_ascii(arr: Any) -> Any:
    """Boolean Arrow mask of the strings holding a non-ASCII character (missing: False)."""
    import pyarrow.compute as pc

    return pc.invert(pc.fill_null(pc.string_is_ascii(arr), True))


def _wide_matches(s: pd.Series, pattern: str, *, count: bool = False) -> np.ndarray:
    r"""Whether (or, with ``count``, how often) an RE2 ``pattern`` that only matches non-ASCII
    characters (a script such as ``\p{Hangul}``, accented letters) occurs in each text.
    ASCII-only texts cannot match and are not searched (``string_is_ascii`` is one quick
    pass): on the 100k-comment benchmark, 57% of the texts. Missing texts: False / 0."""
    import pyarrow.compute as pc

    arr = _one_array(s)
    wide = _non_ascii(arr)
    out = np.zeros(len(arr), dtype=float if count else bool)
    if pc.any(wide).as_py():
        part = pc.filter(arr, wide)
        hits = (pc.count_substring_regex(part, pattern) if count
                else pc.match_substring_regex(part, pattern))
        out[wide.to_numpy(zero_copy_only=False)] = hits.to_numpy(zero_copy_only=False)
    return out


def _fold(s: pd.Series) -> pd.Series:
    """Lower-case, accents stripped (Latin), whitespace collapsed: the text patterns match."""
    import pyarrow.compute as pc

    arr = _one_array(s)
    # NFKD then NFC: accents come off Latin letters, while Hangul syllables (which NFKD splits
    # into jamo) are put back together so Korean patterns still match. ASCII text is the same
    # in both forms and has no marks: only the other texts (43% of the benchmark's) go through
    wide = _non_ascii(arr)
    if pc.any(wide).as_py():
        part = pc.utf8_normalize(pc.filter(arr, wide), "NFKD")
        part = pc.utf8_normalize(pc.replace_substring_regex(part, r"\p{Mn}", ""), "NFC")
        arr = pc.replace_with_mask(arr, wide, part.cast(arr.type))
    arr = pc.replace_substring_regex(pc.utf8_lower(arr), f"{_SPACE}{{2,}}|{_OTHER_SPACE}", " ")
    arr = pc.replace_substring_regex(arr, f"^{_SPACE}+|{_SPACE}+$", "")
    return pd.Series(pd.array(arr, dtype=_ARROW), index=s.index, name=s.name)


#: characters of one comment a quote is looked for in (the analysis itself reads at most
#: ``prepare_comments(max_chars=)``); the comment stays whole in the data
EXCERPT_SCAN = 20_000


def _excerpt(text: str, patterns: list[str], max_chars: int) -> tuple[str, str]:
    """``text`` cut to about ``max_chars`` around the first match of ``patterns`` (matched
    on the folded text, as the codeframe is), and the matched words as written. One quote at
    a time: only the few quotes shown pass here. A huge comment is read in its first
    :data:`EXCERPT_SCAN` characters (a 10 MB comment took 28 s here, folded letter by letter);
    its quote then ends with "…"."""
    import unicodedata

    whole = len(text)
    text = text[:EXCERPT_SCAN]
    folded, where = [], []
    for i, ch in enumerate(text):  # fold char by char, remembering where each came from
        f = "".join(c for c in unicodedata.normalize("NFKD", ch)
                    if not unicodedata.combining(c)).lower()
        folded.append(f)
        where += [i] * len(f)
    low = "".join(folded)
    hit = None
    for p in patterns:
        m = re.search(p, low)
        if m and m.end() > m.start() and (hit is None or m.start() < hit[0]):
            hit = (where[m.start()], where[m.end() - 1] + 1)
    if hit:  # whole words: the patterns are word stems ("deliver" in "delivery")
        a, b = hit
        while a > 0 and text[a - 1].isalnum() and ord(text[a - 1]) < 0x3000:
            a -= 1
        while b < len(text) and text[b].isalnum() and ord(text[b]) < 0x3000:
            b += 1
        hit = (a, b)
    phrase = text[hit[0]:hit[1]].strip() if hit else ""
    if whole <= max_chars:
        return text, phrase
    centre = hit[0] if hit else 0
    start = max(0, min(centre - max_chars // 3, len(text) - max_chars))
    end = start + max_chars
    if start > 0:  # begin and end at word boundaries
        space = text.find(" ", start, centre if hit else end)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", max(start, hit[1] if hit else start), end)
        end = space if space > 0 else end
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < whole
                                                                    else ""), phrase


#: From this many comments in one call, the models loaded for it (py3langid's language model,
#: jieba's dictionary) are given back afterwards rather than kept for the next call (issue 28).
RELEASE_FROM = 20_000


def give_back_memory() -> None:
    """Return the memory a large step has freed to the operating system.

    Objects kept alive only by reference cycles are collected first: when Python's own
    collector ran decided whether the analysis of 100,000 comments peaked at 442 or 508 MB
    (issue 28; with the collection here 443-467 MB in 5 of 5 runs). Then Arrow's memory pool,
    which keeps freed pages for reuse, and glibc's ``malloc``, which keeps freed heap, give
    theirs back: neither reuses the other's, so after counting the words both held memory
    the next steps added to (540 -> 504 MB before the collection was added). About 0.03 s
    on 100,000 comments; on a system without glibc only Arrow's pool is released. The same
    ``malloc_trim`` dask calls to trim its workers' memory."""
    import gc

    import pyarrow as pa

    gc.collect()  # frames and models kept alive only by reference cycles go first
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Any:
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # musl or no glibc: nothing to trim
        return None
