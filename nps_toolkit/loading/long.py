"""Exports with one row per question asked (a "long" layout: respondent, question, answer),
turned into one row per respondent before the columns' roles are found.

Survey tools and data warehouses write answers this way (SurveyMonkey's and Typeform's
"one row per answer", Medallia and Qualtrics tables, an HR survey kept as ``Cod_resposta,
Pergunta, Resposta``). Read as it is, such a file either has no score column, or - worse - a
column named ``answer`` or ``score`` whose cells answer *different* questions, so an NPS
computed on it silently mixes the recommend question with every other 0-10 question.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ColumnNotFoundError
from ..i18n import tr
from .columns import _date_like, _score_like
from .joined import split_joined
from .rolenames import _RECOMMEND_WORDS, _SCORE_NAMES, _norm, _role_words

# a column holding the question asked, and one holding the answer, named as exports name them
# (normalised: lower case, accents stripped, punctuation as spaces)
_QUESTION_NAMES = re.compile(
    r"^(question|questions|question text|question title|question label|survey question|"
    r"item|item text|pergunta|pregunta|domanda|frage|fragetext|вопрос|질문|문항|问题|题目|"
    r"問題|pitanje)$")
# a question given by its number or code ("Question Number", "question_id", "QID")
_QUESTION_NUMBER_NAMES = re.compile(
    r"^(question (number|no|nr|id|code|key)|qid|q id|q no|item (number|no|id|code)|"
    r"numero (da|de la)? ?pergunta|numero de pregunta|frage ?(nr|nummer)|номер вопроса|"
    r"문항 ?번호|题号|问题编号)$")
_ANSWER_NAMES = re.compile(
    r"^(answer|answers|answer value|answer text|response|response value|response text|"
    r"value|score|rating|resposta|respuesta|risposta|antwort|reponse|valeur|valor|wert|nota|"
    r"ответ|응답|답변|回答|答案|odgovor)$")
# the recommend question among the questions asked, as its text is written
_RECOMMEND = re.compile("|".join([r"\bhow likely\b.*\brecommend", *_RECOMMEND_WORDS,
                                  r"\bnps\b", r"net promoter"]))
# a respondent key's name, when several columns could tell whose answer a row is
_KEY_NAMES = re.compile(r"\b(response|respondent|submission|answer sheet|resposta|respuesta|"
                        r"reponse|antwort|id|cod|code|codigo|token|user|customer|email)\b")


def _long_columns(raw: pd.DataFrame) -> tuple[str, str] | None:
    """The question and answer columns of a long layout: a column named like the question
    whose cells are text (at most 200 distinct values, fewer than the rows), beside one
    named like the answer where some question is answered 0-10; None for any other file
    (a support log's "question" and "answer" are text)."""
    names = [str(c) for c in raw.columns]
    question = next((c for c in names if _QUESTION_NAMES.match(_norm(c))), None)
    answer = next((c for c in names if c != question and _ANSWER_NAMES.match(_norm(c))), None)
    if question is None or answer is None:
        return None
    asked = raw[question].dropna().astype("string").str.strip()
    asked = asked[asked != ""]
    distinct = asked.nunique()
    if asked.empty or distinct > 200 or (distinct > 1 and distinct >= len(asked)):
        return None
    if pd.to_numeric(asked.drop_duplicates(), errors="coerce").notna().all():
        return None  # question numbers alone (1, 2, 3): nothing says which is which
    # some question answered 0-10 (a support log's "question, answer" columns hold text)
    codes, _ = pd.factorize(raw[question].astype("string").str.strip())
    order = np.argsort(codes, kind="stable")
    starts = np.searchsorted(codes[order], np.arange(codes.max() + 1))
    if not any(_score_like(raw[answer].iloc[order[a:a + 200]][
            (codes[order[a:a + 200]] == k)]) for k, a in enumerate(starts)):
        return None
    return question, answer


def _wide_from_long(raw: pd.DataFrame, texts: dict[str, str], notes: list[str],
                    rows: Any) -> tuple[pd.DataFrame, dict[str, str], Any]:
    """``raw`` with one row per respondent when it has one row per question asked (see the
    module); ``rows`` (the file's row numbers of the table's positions) follows, each
    respondent taking the row of their first answer. Unchanged for any other file.

    With one question in the file, its text becomes the answer column's question (the
    recommend question is then found by it, as in a vendor's header). With several, each
    question becomes a column named by its text, one row per respondent: the respondent is
    the column that, with the question, names each row once (a response id, preferred by
    its name); the columns that hold one value per respondent (role, tenure, date) are kept,
    a date written per answer (seconds apart) is the respondent's first row's, other
    columns that change between a respondent's rows are dropped; both are said. Two answers to
    the same question by the same respondent are an error naming their rows."""
    found = _long_columns(raw)
    if found is None:
        return raw, texts, rows
    question, answer = found
    asked = raw[question].astype("string").str.strip()
    questions = sorted(asked.dropna().unique().tolist())
    if len(questions) == 1:
        texts = {**texts, answer: questions[0]}
        notes.append(tr("column {question!r} holds the question asked and {answer!r} its "
                        "answers (one question in the file: {text!r}); the answers are read "
                        "as that question's.", question=question, answer=answer,
                        text=questions[0]))
        return raw.drop(columns=[question]), texts, rows
    recommend = [q for q in questions if _RECOMMEND.search(_norm(q))]
    key = _respondent_key(raw, question, answer, asked)
    if key is None:
        raise ColumnNotFoundError(
            f"the file has one row per question ({len(questions)} questions in column "
            f"{question!r}, answers in {answer!r}), and no column tells whose answer each row "
            "is: add a response id (one value per respondent, the same on all their rows), "
            "or keep only the rows of the recommend question"
            + (f" ({recommend[0]!r})" if recommend else "") + ".")
    return _pivot(raw, question, answer, key, asked, questions, texts, notes, rows)


def _respondent_key(raw: pd.DataFrame, question: str, answer: str, asked: pd.Series
                    ) -> str | None:
    """The column naming whose answer each row is: with the question, it names every row
    once, and some respondent answered two questions or more. Named like a response id
    first, then in the file's order."""
    others = [c for c in raw.columns if c not in (question, answer)]
    others.sort(key=lambda c: (not _KEY_NAMES.search(_norm(c)), list(raw.columns).index(c)))
    for c in others:
        key = raw[c]
        if key.isna().any():
            continue
        pairs = pd.DataFrame({"k": key.to_numpy(), "q": asked.to_numpy()})
        if not pairs.duplicated().any() and key.nunique() < len(key):
            return str(c)
    # a key with repeated answers is still the key when it is the only one named like it:
    # the duplicates are then reported, not taken for another layout
    named = [c for c in others if _KEY_NAMES.search(_norm(c)) and raw[c].notna().all()
             and raw[c].nunique() < len(raw)]
    return str(named[0]) if len(named) == 1 else None


def _pivot(raw: pd.DataFrame, question: str, answer: str, key: str, asked: pd.Series,
           questions: list[str], texts: dict[str, str], notes: list[str], rows: Any
           ) -> tuple[pd.DataFrame, dict[str, str], Any]:
    pairs = pd.DataFrame({"k": raw[key].to_numpy(), "q": asked.to_numpy()})
    twice = pairs.duplicated(keep=False).to_numpy() & pairs["q"].notna().to_numpy()
    if twice.any():
        where = np.flatnonzero(twice)[:6]
        raise ValueError(
            f"the file has one row per question (column {question!r}), but respondent "
            f"{raw[key].iloc[where[0]]!r} ({key!r}) answered {asked.iloc[where[0]]!r} more "
            f"than once: rows {', '.join(str(int(r)) for r in rows[where])}. Keep one answer "
            "per respondent and question (e.g. the latest) and read the file again.")
    code, firsts = pd.factorize(raw[key], sort=False)
    first_pos = np.full(len(firsts), len(raw), dtype=np.int64)
    np.minimum.at(first_pos, code, np.arange(len(raw)))
    rest = [c for c in raw.columns if c not in (question, answer, key)]
    kept, dropped, dated = [], [], []
    for c in rest:  # a respondent's attribute holds one value on all their rows
        per = pd.DataFrame({"k": code, "v": raw[c].astype("string").fillna("\x00").to_numpy()})
        if per.drop_duplicates().shape[0] == len(firsts):
            kept.append(c)
        elif _date_like(raw[c]):  # a time per answer (seconds apart): the first answer's
            kept.append(c)
            dated.append(c)
        else:
            dropped.append(c)
    wide = raw.iloc[first_pos][[key, *kept]].reset_index(drop=True)
    answers = np.full((len(firsts), len(questions)), None, dtype=object)
    q_code = pd.Categorical(asked, categories=questions).codes
    filled = q_code >= 0
    answers[code[filled], q_code[filled]] = raw[answer].astype(object).to_numpy()[filled]
    names = []
    for q in questions:  # a question written like an existing column keeps both
        name = q if q not in wide.columns and q not in names else f"{q} ({question})"
        names.append(name)
    for j, name in enumerate(names):
        wide[name] = pd.array(answers[:, j], dtype=raw[answer].dtype) \
            if isinstance(raw[answer].dtype, pd.StringDtype | pd.ArrowDtype) \
            else answers[:, j]
    wide.attrs = dict(raw.attrs)
    notes.append(tr("the file has one row per question ({rows:,} rows, {questions} questions "
                    "in {question!r}, answers in {answer!r}): read as one row per respondent "
                    "({n:,}, told apart by {key!r}), each question a column named by its "
                    "text; row numbers below are each respondent's first row.",
                    rows=len(raw), questions=len(questions), question=question,
                    answer=answer, n=len(firsts), key=key))
    if dated:
        notes.append(tr("dates that change between a respondent's rows ({columns}): each "
                        "respondent's first row gives theirs.",
                        columns=", ".join(repr(c) for c in dated)))
    if dropped:
        notes.append(tr("columns that change between a respondent's rows were left out of the "
                        "one-row-per-respondent table: {columns}.",
                        columns=", ".join(repr(c) for c in dropped)))
    return wide, texts, np.asarray(rows[first_pos])


# a question asked again in a later wave, in its own column: "NPS_SCORE_2015" and
# "NPS_SCORE_2016", "NPS wave 1" and "NPS wave 2", "nps_t1" (normalised names); a bare number
# is no wave ("rating 1" ... "rating 5" are five questions)
_WAVE_NAME = re.compile(r"^(?P<stem>.+?) (?:(?P<year>(?:19|20)\d\d)|(?:wave|welle|vague|ola|"
                        r"onda|round|runde|ronda|period|periode|periodo|year|jahr|annee|ano|"
                        r"t|w|y|волна|차수|波次) ?(?P<n>\d{1,3}))$")


def _waves_from_columns(raw: pd.DataFrame, notes: list[str], rows: Any
                        ) -> tuple[pd.DataFrame, Any]:
    """``raw`` with one row per answer when the recommend question of each survey wave has a
    column of its own (one row per customer: ``NPS_SCORE_2015``, ``NPS_SCORE_2016``): the
    waves' columns are stacked, wave after wave, under the question's name, with a ``wave``
    column (the year or the wave's number) the trend review reads as its period; other
    questions asked in the same waves (``comment_2015``...) are stacked with it, the other
    columns repeated. A customer who did not answer in a wave has no answer there: those
    rows are left out and counted. Unchanged for any other file."""
    found: dict[str, dict[Any, str]] = {}
    kept: dict[str, str] = {}  # each stem's name as the file writes it
    for c in raw.columns:
        wave = _wave_of(str(c))
        if wave is not None:
            stem, key, name = wave
            found.setdefault(stem, {})[key] = str(c)
            kept.setdefault(stem, name)
    score_stems = [s for s, waves in found.items() if len(waves) >= 2
                   and (s.split("|")[0] in _SCORE_NAMES or _RECOMMEND.search(s))
                   and all(_score_like(raw[c]) for c in waves.values())]
    if len(score_stems) != 1:
        return raw, rows
    stem = score_stems[0]
    waves = sorted(found[stem])
    stems = [s for s, w in found.items() if sorted(w) == waves]
    stacked = {s: found[s] for s in stems}
    names = {s: kept[s] for s in stems}
    rest = [c for c in raw.columns if not any(c in w.values() for w in stacked.values())]
    label = "wave" if "wave" not in rest else "survey wave"
    # months and quarters: each answer dated by the period's start, no wave number
    dated = stem.endswith(("|month", "|quarter"))
    day = ("date" if "date" not in rest else "wave date") if dated else None
    parts, at = [], []
    for wave in waves:
        part = raw[rest].copy()
        if day is None:  # the year or the wave's number
            part[label] = wave[-1]
        else:  # "2024-01" -> 2024-01-01, "2024Q3" -> 2024-07-01: trends by month or quarter
            part[day] = pd.Timestamp(year=wave[0], month=wave[1] if stem.endswith(
                "|month") else 3 * wave[1] - 2, day=1).strftime("%Y-%m-%d")
        for s in stems:
            part[names[s]] = raw[stacked[s][wave]].to_numpy()
        answer = part[names[stem]]
        answered = answer.notna().to_numpy()
        if answer.dtype == object or pd.api.types.is_string_dtype(answer.dtype):
            answered = answered & answer.astype("string").str.strip().ne("").fillna(
                False).to_numpy(dtype=bool)
        parts.append(part.loc[answered])
        at.append(np.flatnonzero(answered))
    out = pd.concat(parts, ignore_index=True)
    out.attrs = dict(raw.attrs)
    blank = len(raw) * len(waves) - len(out)
    columns = ", ".join(repr(found[stem][w]) for w in waves)
    if day is None:
        notes.append(tr("the recommend question has a column per survey wave ({columns}): "
                        "read as one row per answer, wave after wave, with the wave in column "
                        "{label!r} ({n:,} answers; {blank:,} customer-waves without an answer "
                        "left out).", columns=columns, label=label, n=len(out), blank=blank))
    else:
        notes.append(tr("the recommend question has a column per month or quarter "
                        "({columns}): read as one row per answer, each dated by the first day "
                        "of its period in column {column!r} ({n:,} answers; {blank:,} "
                        "customer-periods without an answer left out).", columns=columns,
                        column=day, n=len(out), blank=blank))
    return out, np.asarray(rows[np.concatenate(at)])


_QUARTER = re.compile(r"^(?:q(?P<q1>[1-4])|(?P<q2>[1-4])q)$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _wave_of(column: str) -> tuple[str, tuple[Any, ...], str] | None:
    """A column named for one survey wave or period of a question: its stem (normalised,
    with the kind of period after "|"), a key that sorts the waves in time order (ending in
    the label the ``wave`` column gets) and the stem as the file writes it. Waves are a year
    or a numbered wave after the name (``NPS_SCORE_2015``, ``nps wave 2``: ``_WAVE_NAME``),
    or a month, a quarter or a year-month before or after it (``NPS Jan 2024``, ``2024-02
    NPS``, ``NPS Q1 2024``, ``Recommend 2024Q3``, ``2025 NPS``, ``Wave 3 NPS``); None
    otherwise."""
    name = _norm(column)
    # run together in one case: "NPSSCORE2015" -> "nps score 2015" (as role detection)
    name = " ".join(split_joined(w, _role_words()) or w for w in name.split())
    # a year written onto the name: "nps score2015", "npsscore2015"
    name = re.sub(r"(?<=[^\W\d_])(?=(?:19|20)\d\d$)", " ", name)
    words = name.split()
    for k in (2, 1):
        m = _WAVE_NAME.match(name) if k == 1 else None  # the forms read before months
        if m:
            n = int(m["year"] or m["n"])
            return m["stem"], (n, n), _stem_name(column)
        for at_end in (True, False):
            stem, period = (words[:-k], words[-k:]) if at_end else (words[k:], words[:k])
            found = _period(period) if stem else None
            if found is not None:
                kind, key, label = found
                return " ".join(stem) + "|" + kind, (*key, label), _without(column, k, at_end)
    return None


def _period(words: list[str]) -> tuple[str, tuple[int, ...], Any] | None:
    """A period written in one or two words: a month and a year (``jan 2024``, ``2024 01``,
    ``marz 2024``: month names from the calendar data of ``scales``), a quarter and a year
    (``q1 2024``, ``2024 q1``, ``2024q1``), a year (``2025``), a numbered wave (``wave 3``,
    ``w3``); as (kind, sort key, label), or None."""
    if len(words) == 1:
        w = words[0]
        if _YEAR.match(w):
            return "year", (int(w),), int(w)
        m = re.match(r"^((?:19|20)\d\d)q([1-4])$|^q([1-4])((?:19|20)\d\d)$", w)
        if m:
            year, q = (m[1], m[2]) if m[1] else (m[4], m[3])
            return "quarter", (int(year), int(q)), f"{year}Q{q}"
        m = re.match(r"^(?:w|wave)(\d{1,3})$", w)
        return ("wave", (int(m[1]),), int(m[1])) if m else None
    a, b = words
    year, other = (a, b) if _YEAR.match(a) else (b, a) if _YEAR.match(b) else (None, None)
    if year is None:
        m = re.match(r"^(wave|welle|vague|ola|onda|round|runde|ronda)$", a)
        return ("wave", (int(b),), int(b)) if m and b.isdigit() and len(b) <= 3 else None
    quarter = _QUARTER.match(other)
    if quarter:
        q = int(quarter["q1"] or quarter["q2"])
        return "quarter", (int(year), q), f"{year}Q{q}"
    if other.isdigit():
        month = int(other) if len(other) == 2 and 1 <= int(other) <= 12 else None
    else:  # (the calendar's names are loaded only for a word beside a year)
        from .scales import _calendar_names

        month = _calendar_names()[0].get(other)
    return ("month", (int(year), month), f"{year}-{month:02d}") if month else None


def _without(column: str, k: int, at_end: bool) -> str:
    """``column`` without its first or last ``k`` words, as it is written ("NPS Jan 2024"
    -> "NPS", "2024-02 Recommend_Score" -> "Recommend_Score")."""
    spans = [m.span() for m in re.finditer(r"[^\W_]+", column)]
    keep = spans[:-k] if at_end else spans[k:]
    return column[keep[0][0]:keep[-1][1]] if keep else column


def _stem_name(column: str) -> str:
    """A wave column's name without its wave: "NPS_SCORE_2015" -> "NPS_SCORE"."""
    return re.sub(r"[\s_.-]*(?:(?:19|20)\d\d|[A-Za-zÀ-ÿ가-힣\u4e00-\u9fff]* ?\d{1,3})\s*$", "",
                  column) or column


def _numbered_hint(raw: pd.DataFrame) -> str:
    """For the error of a file without a recommend question: when it has one row per
    question with the questions given by number ("Question Number" 1-6, "Answer",
    "Response"), what to do (the numbers say nothing about which question is which); ""
    otherwise."""
    names = [str(c) for c in raw.columns]
    number = next((c for c in names if _QUESTION_NUMBER_NAMES.match(_norm(c))), None)
    answer = next((c for c in names if c != number and _ANSWER_NAMES.match(_norm(c))), None)
    if number is None or answer is None or raw[number].nunique() < 2:
        return ""
    asked = sorted(map(str, raw[number].dropna().unique()))[:12]
    return (f" The file has one row per question, the questions given by number in "
            f"{number!r} ({', '.join(asked)}) and the answers in {answer!r}: put each "
            "question's text in place of its number (e.g. df[" + repr(number) + "] = df["
            + repr(number) + "].map(question_texts), with a column named 'question'), and "
            "read that frame: it is then read one row per respondent, the recommend "
            "question found by its text.")
