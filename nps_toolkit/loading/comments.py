"""The free-text comment column: named like one, or a question answered in free text; never
a column of codes."""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import tr
from .columns import _NUMBER, _date_like, _first_pattern, _is_blank
from .rolenames import _COMMENT_WORDS, _norm
from .scores import _arrow_text


def _text_like(series: pd.Series) -> bool:
    """Whether most of the first 500 filled cells are not numbers (a comment, not a score)."""
    if pd.api.types.is_numeric_dtype(series.dtype):
        return False
    text = _arrow_text(series)
    if text is not None:  # as read from a file: Arrow, without pandas' per-call overhead
        import pyarrow.compute as pc

        sample = text.slice(0, 2000).drop_null().slice(0, 500)
        if len(sample) < 500 and len(series) > 2000:
            sample = text.drop_null().slice(0, 500)
        if len(sample) == 0:
            return True
        numbers = pc.sum(pc.match_substring_regex(sample, _NUMBER)).as_py()
        return len(sample) - numbers >= 0.5 * len(sample)
    sample = series.head(2000).dropna().head(500)  # the first 500 filled cells: the head
    if len(sample) < 500 and len(series) > 2000:    # usually holds them (no pass over all rows)
        sample = series.dropna().head(500)
    sample = sample.astype(str)
    if sample.empty:
        return True
    return (pd.to_numeric(sample, errors="coerce").isna()).mean() >= 0.5


def _coded(series: pd.Series) -> tuple[int, int] | None:
    """The number of distinct values and of cells looked at when a text column holds codes,
    not free text: at least
    200 of its first 2,000 filled cells, at most 50 distinct values among them, each used 20
    times on average, at most one used once, nine in ten of at most three words ("price",
    "Customer service", "churn_intent": a reason coded by someone, a segment to compare, not
    comments to read); None otherwise. Real comments repeat too ("ok", "good", "n/a"), but
    some are written once; a demo file's few canned comments are sentences."""
    head = series.head(4000).dropna().head(2000)
    n = len(head)
    if n < 200:
        return None
    counts = head.astype("string").str.strip().value_counts()
    if len(counts) > min(50, n / 20) or int((counts == 1).sum()) > 1:
        return None  # many values, or some written once: what people type
    words = pd.Series(counts.index, dtype="string").str.split().str.len()
    if (words <= 3).mean() < 0.9:
        return None  # sentences ("The app keeps crashing"): a demo file's canned comments
    return len(counts), n


def _comment_column(frame: pd.DataFrame, cols: list[str], texts: dict[str, str],
                    taken: set[str], notes: list[str]) -> str | None:
    """The free-text comment: named like one (or asking why), mostly not numbers, and not a
    column of codes (:func:`_coded`; said, and left for the segments)."""
    coded: dict[str, tuple[int, int]] = {}

    def accept(c: str) -> bool:
        if _NUMBERED_QUESTION.match(str(c).strip().lower()) and not any(
                re.search(p, _norm(texts.get(c, ""))) for p in _COMMENT_WORDS):
            return False  # Qualtrics' "Q8_6_TEXT" (an "other, please specify"): named for
            # its text entry, not asking why; weighed below with the other questions
        if not _text_like(frame[c]) or _is_blank(frame[c]):
            return False  # numbers, or nothing written in any row ("AI标记原因", a flag's
            # reason left empty): the next column named like a comment
        n = _coded(frame[c])
        if n is not None:
            coded[c] = n
        return n is None

    cand = _first_pattern(cols, texts, _COMMENT_WORDS, taken, accept)
    if cand is None:  # no column named like a comment: a question answered in free text,
        # the one answered at most length when there are several ("How did you hear about
        # us?" is answered "a friend"; "What could we do better?" in sentences)
        asked = [c for c in cols if c not in taken and _asked_in_free_text(frame[c], c)]
        cand = max(asked, key=lambda c: (_median_words(frame[c]), -asked.index(c)),
                   default=None)
        if cand is None:  # nor asked: a column written in sentences under any name
            cand = _written_in_sentences(frame, cols, taken, notes)
        else:
            others = [c for c in asked if c != cand]
            notes.append(tr("column {column!r} read as the comments: it asks a question "
                            "answered in free text, and no column is named like a comment "
                            "(comment=False, or --comment '' in the report, leaves it out).",
                            column=cand)
                         + (" " + tr("Also answered in free text, at less length: {columns} "
                                     "(comment=COL reads one of them instead).",
                                     columns=", ".join(map(repr, others))) if others else ""))
    for c, n in coded.items():
        notes.append(tr("column {column!r} is named like a comment but holds codes, not free "
                        "text ({n} distinct values in its first {rows:,} filled cells): it is "
                        "compared as a group, not read as comments; pass comment={column!r} "
                        "(--comment COL) to read it as comments.", column=c, n=n[0],
                        rows=n[1]))
    return cand


# a column named as a question: a question mark, or the words a question starts with
_QUESTION = re.compile(
    r"\?|？|^(what|why|how|which|anything|is there anything|tell us|please tell|please "
    r"describe|describe|que|qu est ce|pourquoi|comment|quel|quelle|quels|quelles|warum|was|"
    r"wie|welche|por que|porque|por qué|qué|cual|cuál|como|cómo|perche|cosa|почему|что|как|"
    r"какие|zašto|što|kako|무엇|왜|어떤|什么|为什么|哪些)\b")

# a question named by its number alone, as survey tools export it without the question's
# text (Qualtrics' "Q13", "Q19.1", "Q8_6_TEXT"; "Question 5", "Frage 3", "Pregunta 2")
_NUMBERED_QUESTION = re.compile(r"^(q|qid|question|frage|pregunta|pergunta|вопрос|문항|问题)"
                                r"[ _.-]?\d+([ _.-]\d+)*([ _](text|texte|texto))?$")

# questions about the respondent (who they are, where they work), answered in words
_ABOUT_THEM = re.compile(r"\b(name|names|e ?mail|phone|address|company|organi[sz]ation|city|"
                         r"country|title|role|department|position|job|nom|nombre|name|firma|"
                         r"empresa|entreprise|ciudad|ville|stadt|адрес|имя|компания)\b")


def _asked_in_free_text(series: pd.Series, name: str) -> bool:
    """A question (by its name, or its number alone: ``Q13``) answered in free text: words,
    not numbers or dates, most answers written once (a choice among a few options is a
    group), of two words or more in half of them ("the list of questions", "smooth
    delivery")."""
    asked = str(name).strip().lower()
    if not (_QUESTION.search(asked) or _NUMBERED_QUESTION.match(asked)) or _ABOUT_THEM.search(
            asked) or not _text_like(series):
        return False  # "What is your name?" is no comment either
    return _free_text(series, once=0.5, words=2)


def _free_text(series: pd.Series, *, once: float, words: int, han: int | None = None) -> bool:
    """Whether a text column holds what people write: at least ``once`` of its first 2,000
    filled cells written once (a choice among a few options is a group), ``words`` words or
    more (or ``han`` characters of Chinese or Japanese) in half of them, not codes or dates."""
    filled = _first_filled(series)
    filled = filled[filled != ""]
    if len(filled) < 5 or filled.nunique() < once * len(filled):
        return False  # (a choice among options, the most common: no further look)
    long = filled.str.split().str.len() >= words
    if han is not None:
        long |= filled.str.count(r"[\u3040-\u30ff\u3400-\u9fff]") >= han
    return bool(long.mean() >= 0.5 and _coded(series) is None and not _date_like(series))


def _written_in_sentences(frame: pd.DataFrame, cols: list[str], taken: set[str],
                          notes: list[str]) -> str | None:
    """With no column named like a comment nor asking a question: the column written in
    sentences (four words or more, or ten characters of Chinese or Japanese, in half the
    filled cells; four in five written once; not codes, dates, or who the respondent is),
    the longest when there are several, said. Review exports name the text a customer wrote
    "body" or "description"; before, the comments were left out without a word."""
    found = [c for c in cols if c not in taken and not _ABOUT_THEM.search(_norm(c))
             and _text_like(frame[c]) and _free_text(frame[c], once=0.8, words=4, han=10)]
    if not found:
        return None
    cand = max(found, key=lambda c: (_median_words(frame[c]), -found.index(c)))
    notes.append(tr("column {column!r} read as the comments: it is written in sentences, and "
                    "no column is named like a comment (comment=False, or --comment '' in "
                    "the report, leaves it out).", column=cand))
    return cand


def _median_words(series: pd.Series) -> float:
    """The median number of words of the first 2,000 filled answers."""
    filled = _first_filled(series)
    return float(filled.str.split().str.len().median()) if len(filled) else 0.0


def _first_filled(series: pd.Series, n: int = 2000) -> pd.Series:
    """The first ``n`` filled cells, stripped, from the head when it holds them (a pass
    over every row of every question column cost 0.2 s on a 500,000-row export)."""
    head = series.head(2 * n).dropna()
    if len(head) < n and len(series) > 2 * n:
        head = series.dropna()
    return head.head(n).astype("string").str.strip()
