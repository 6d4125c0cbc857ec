"""Column names written as one word: ``REVIEWCOMMENTS``, ``feedbackid``, ``NPSSCORE``.

A database or a SAS export writes names in capitals or lower case without separators, so the
words a role is found by (``review comments``, ``feedback id``) cannot be seen; camelCase
keeps them (``ReviewComments``), capitals lose them. Such a name is split into the words
the role lists hold, when it is made of nothing else."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

#: short words that are words (most two-letter pieces of the lists are not: "de", "es"),
#: with those of vendors' time stamps ("surveyedat", "createdon")
_SHORT = frozenset({"id", "no", "nr", "at", "on"})
#: the words that join role words in a name ("reasonforscore", "yourcomments")
_GLUE = frozenset({"for", "your", "main", "overall", "question", "of"})
#: pieces the lists' patterns hold that are no words on their own
_NOT_WORDS = frozenset({"the", "por", "que", "ation", "stext", "organi", "amig", "recom",
                        "polec", "preporuc", "prijedlo", "sugesto", "electronico",
                        "electronique"})


def vocabulary(patterns: Iterable[str]) -> frozenset[str]:
    """The lower-case Latin words of role names and patterns (escapes such as ``\\b`` left
    out): three letters or more, and ``id``, ``no``, ``nr``, ``at``, ``on``; and the words
    that join them."""
    words: set[str] = set()
    for pattern in patterns:
        text = re.sub(r"\\[A-Za-z]", " ", pattern)
        words.update(w for w in re.findall(r"[a-z]+", text)
                     if (len(w) >= 3 or w in _SHORT) and w not in _NOT_WORDS)
    return frozenset(words | _SHORT | _GLUE)


def split_joined(name: str, words: frozenset[str]) -> str | None:
    """A normalised one-word ``name`` (lower case, 5+ letters, maybe a number after them) as
    the fewest ``words`` it is made of, joined by spaces (``reviewcomments`` -> ``review
    comments``, ``startdate1`` -> ``start date 1``); None when it is not made of two or more
    of them.

    Examples
    --------
    >>> w = frozenset({"review", "comments", "feedback", "id", "date", "survey"})
    >>> split_joined("reviewcomments", w), split_joined("feedbackid", w)
    ('review comments', 'feedback id')
    >>> split_joined("candidate", w) is None, split_joined("survey", w) is None
    (True, True)
    """
    letters = name.rstrip("0123456789")
    if len(letters) < 5 or not name.isascii() or not letters.isalpha():
        return None
    split = _split(letters, words)
    return split if split is None or letters == name else f"{split} {name[len(letters):]}"


@functools.lru_cache(maxsize=4096)
def _split(name: str, words: frozenset[str]) -> str | None:
    n = len(name)
    # best[i]: the fewest pieces covering name[:i], the longer last piece first on ties
    best: list[tuple[int, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(1 if end == n else 0, end):  # two pieces or more
            if best[start] is not None and name[start:end] in words:
                cand = (*best[start], end)
                if best[end] is None or len(cand) < len(best[end]):
                    best[end] = cand
    cuts = best[n]
    if cuts is None:
        return None
    return " ".join(name[a:b] for a, b in zip((0, *cuts), cuts, strict=False))
