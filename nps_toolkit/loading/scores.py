"""Score cells: what counts as a 0-10 answer, and what is another scale.

A score is a single number, optionally written out of 10 (``10/10``) or followed by a vendor
label (``10 - Extremely likely``, ``0 (Not at all likely)``). Ranges (``3-4``, ``0-6``) and
other scales (``4/5``, ``2 of 5``, ``4 out of 5``) are not scores: they are listed as invalid,
never read as their first number. Cells are parsed once per distinct value, so a million rows
of a dozen distinct answers cost a dozen regular-expression matches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InvalidScoreError, describe_examples
from ..i18n import N_, tr

#: a cell that holds nothing, as exports and spreadsheets write it (a dash: Excel reports'
#: placeholder for an empty cell)
_NA_TOKENS = {"", "na", "n/a", "nan", "null", "none", "#n/a", "-", "--", "–", "—"}

# number, then: nothing; or "/10"; or a separator / space followed by a label with no digits
_SCORE_RE = re.compile(
    r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*"
    r"(?:/\s*10(?:[.,]0+)?|(?:[-–—:=(\[]\s*|\s+)[^\W\d_][^\d]*)?\s*$")
def _arrow_text(s: pd.Series) -> Any:
    """The Arrow array under a pyarrow-backed text column (as both CSV readers give them),
    for Arrow's one-pass kernels; None for any other column."""
    if isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow":
        return s.array.__arrow_array__()
    return None


def _plain_integers(raw: pd.Series) -> tuple[np.ndarray, np.ndarray | None] | None:
    """Scores read as text that are all plain integers (``9``, ``10``, blank cells already
    missing), cast by Arrow in one pass (a third of the cost of factorising a million cells):
    (int8 values, missing mask or None; values under the mask are 0). None for anything else
    (labels, spaces, decimals, NA spellings, numbers past int8), which the general parse
    handles."""
    text = _arrow_text(raw)
    if text is None:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    if _has_x(text):  # Arrow's cast reads "0x9" as hexadecimal 9: not a 0-10 answer
        return None
    try:
        cast = pc.cast(text, pa.int8())  # "300" fails: general path
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if cast.null_count == 0:
        return cast.to_numpy(), None
    missing = cast.is_null().to_numpy(zero_copy_only=False)
    return cast.fill_null(0).to_numpy(), missing


def _text_buffers(text: Any) -> list[tuple[Any, np.ndarray, np.ndarray]] | None:
    """Each chunk of an Arrow text column with its offsets (``len + 1`` of them, the chunk's
    slice) and its data bytes, for a look straight at the buffers; None for a type other
    than string or large_string."""
    import pyarrow as pa

    out = []
    for chunk in text.chunks if isinstance(text, pa.ChunkedArray) else [text]:
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            return None
        if len(chunk) == 0:
            continue
        _, offsets, data = chunk.buffers()
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(offsets, dtype=width)[chunk.offset:chunk.offset + len(chunk) + 1]
        raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
        out.append((chunk, offsets, raw))
    return out


def _has_x(text: Any) -> bool:
    """Whether an Arrow text column holds the letter x anywhere, read straight from its data
    buffers (0.1 ms on a million cells; a substring search takes 8 ms). True for a type
    other than string or large_string (not looked into)."""
    parts = _text_buffers(text)
    if parts is None:
        return True
    return any(((raw[offsets[0]:offsets[-1]] | 0x20) == ord("x")).any()  # x or X
               for _, offsets, raw in parts)


_STAR_WORDS = re.compile(r"\bstars?\b|\bout of 5\b|/\s*5\b|\b1\s*-\s*5\b|\bsterne\b|"
                         r"\betoiles?\b|\bestrellas?\b", re.IGNORECASE)


# scores typed by hand: a number in words ("ten", "dix", "zehn"), a label before the number
# ("score 8", "Note: 7"), out of ten in words ("8 out of 10", "8 sur 10"), or with its unit
# ("5分", "8점", "7 points") - read as the number, and said; other scales in words ("4 out
# of 5") stay invalid
_NUMBER_WORDS = {
    0: "zero|zéro|cero|null|nul|nulla|ноль|영|零",
    1: "one|un|une|uno|una|eins|um|uma|один|일|一",
    2: "two|deux|dos|zwei|dois|duas|due|два|이|二",
    3: "three|trois|tres|três|drei|tre|три|삼|三",
    4: "four|quatre|cuatro|vier|quatro|quattro|четыре|사|四",
    5: "five|cinq|cinco|fünf|fuenf|cinque|пять|오|五",
    6: "six|seis|sechs|sei|шесть|육|六",
    7: "seven|sept|siete|sieben|sete|sette|семь|칠|七",
    8: "eight|huit|ocho|acht|oito|otto|восемь|팔|八",
    9: "nine|neuf|nueve|neun|nove|девять|구|九",
    10: "ten|dix|diez|zehn|dez|dieci|десять|십|十",
}
_WORD_VALUE = {w: float(k) for k, ws in _NUMBER_WORDS.items() for w in ws.split("|")}
_LABELLED = re.compile(r"^(?:score|note|nota|punkte?|bewertung|rating|nps|puntuaci[oó]n|"
                       r"calificaci[oó]n|оценка|점수|평점|별점|评分)\s*"
                       # "(out of 10)" after the label: "별점(10점 만점 중)9"
                       r"(?:[(\[]\s*(?:10\s*점\s*만점(?:\s*중)?|out of 10|sur 10|de 10|von 10|"
                       r"из 10|/\s*10|满分\s*10\s*分?)\s*[)\]])?"
                       # the number, and its unit: "평점9점", "Note : 9 points"
                       r"\s*[:=]?\s*(\d+)\s*(?:/\s*10\s*)?(?:分|점|points?|pts?\.?|punkte?|puntos?|"
                       r"pontos?|punti|балл(?:а|ов)?)?$|"
                       r"^(\d+)\s+(?:out of|of|sur|de|von|su|из|中)\s+(?:10|ten|dix|diez|zehn|"
                       r"dez|dieci)$|"
                       # the number and its unit: "5分", "8점", "7 points", "9 баллов"
                       r"^(\d+)\s*(?:分|점|points?|pts?\.?|punkte?|puntos?|pontos?|punti|"
                       r"bodova|boda|bod|балл(?:а|ов)?)$|"
                       # in brackets, or after its label: "(9)", "Very likely (9)",
                       # "Extremely likely - 10"
                       r"^[(\[]\s*(\d+)\s*[)\]]$|"
                       r"^[^\W\d_][^\d]*?\s*(?:[-–—:=]|\(|\[)\s*(\d+)\s*[)\]]?$",
                       re.IGNORECASE)
# digits of other scripts, as Unicode's decimal digits (after NFKC has made fullwidth ones
# ASCII): Arabic-Indic, Eastern Arabic-Indic (Persian, Urdu), Devanagari, Bengali, Thai
_DIGITS = str.maketrans({chr(base + i): str(i) for base in (0x0660, 0x06F0, 0x0966, 0x09E6,
                                                            0x0E50) for i in range(10)})


def _typed_by_hand(text: pd.Series) -> np.ndarray:
    """Score cells written in words or with a label, as numbers (NaN for the others)."""
    low = text.str.strip().str.lower()
    words = low.map(lambda v: _WORD_VALUE.get(v, np.nan) if isinstance(v, str) else np.nan,
                    na_action="ignore")
    label = low.str.extract(_LABELLED)
    number = pd.to_numeric(label.bfill(axis=1).iloc[:, 0], errors="coerce")
    return words.fillna(number).to_numpy(dtype=np.float64, na_value=np.nan)


def _parse_scores(raw: pd.Series, notes: list[str] | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised parse of score cells. Returns (values, kind codes): values are int8 for
    plain integer cells read from a file, float otherwise (undefined where kind is not 0).

    Kind: 0 ok, 1 blank, 2 not a number, 3 not a whole number, 4 out of range.

    Examples
    --------
    >>> values, kind = _parse_scores(pd.Series(["9", " 10 ", "10/10", "10 - Extremely likely",
    ...                                         "4/5", "3-4", "2 of 5", "", "9.5"]))
    >>> values[:4].tolist(), kind.tolist()
    ([9.0, 10.0, 10.0, 10.0], [0, 0, 0, 0, 2, 2, 2, 1, 3])
    """
    direct = _plain_integers(raw)
    if direct is not None:  # whole numbers by construction: blank or out of range to settle
        values, missing = direct  # int8, no float copy (5M rows: 0.18 -> 0.1 s)
        kind = (missing.astype(np.int8) if missing is not None
                else np.zeros(len(values), dtype=np.int8))
        if len(values) and (values.min() < 0 or values.max() > 10):
            kind[((values < 0) | (values > 10)) & (kind == 0)] = 4
        return values, kind
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        values = raw.to_numpy(dtype=np.float64, na_value=np.nan)
        kind = np.where(np.isnan(values), 1, 0)
    else:
        codes, uniques = pd.factorize(raw.astype("string"), use_na_sentinel=True)
        text = pd.Series(uniques, dtype="string").str.strip()
        if not text.str.isascii().all():  # "９", "٩": digits of other widths and scripts
            text = text.str.normalize("NFKC").map(lambda v: v.translate(_DIGITS),
                                                  na_action="ignore").astype("string")
        blank_u = text.str.lower().isin(_NA_TOKENS).to_numpy(dtype=bool, na_value=True)
        number = text.str.extract(_SCORE_RE, expand=False).str.replace(",", ".", regex=False)
        values_u = pd.to_numeric(number, errors="coerce").to_numpy(dtype=np.float64,
                                                                     na_value=np.nan)
        by_hand = np.isnan(values_u) & ~blank_u
        if by_hand.any():  # "ten", "score 8", "8 out of 10": the number, said
            typed = _typed_by_hand(text[by_hand])
            values_u[np.flatnonzero(by_hand)] = typed
            read = np.flatnonzero(by_hand)[~np.isnan(typed)]
            if len(read) and notes is not None:
                counts = np.bincount(codes[codes >= 0], minlength=len(text))
                examples = ", ".join(f"{text.iloc[i]!r} -> {values_u[i]:g}" for i in read[:3])
                _say_labelled(notes, int(counts[read].sum()), examples)
        declined = _declined(text, values_u, blank_u)
        if declined.any():  # "Don't know", "Prefer not to say": no score given, said
            blank_u = blank_u | declined
            if notes is not None:
                counts = np.bincount(codes[codes >= 0], minlength=len(text))
                _say_no_score(notes, int(counts[declined].sum()), text[declined])
        kind_u = np.where(blank_u, 1, np.where(np.isnan(values_u), 2, 0))
        # one extra slot for missing cells (code -1)
        values = np.append(values_u, np.nan)[codes]
        kind = np.append(kind_u, 1)[codes]
    ok = kind == 0
    whole = values == np.floor(values)
    kind = np.where(ok & ~whole, 3, kind)
    kind = np.where((kind == 0) & ((values < 0) | (values > 10)), 4, kind)
    return values, kind


def _say_labelled(notes: list[str], n: int, examples: str) -> None:
    notes.append(tr("{n:,} score cell(s) written in words or with a label were read as their "
                    "number ({examples}).", n=n, examples=examples))


def _say_no_score(notes: list[str], n: int, values: pd.Series) -> None:
    notes.append(tr("{n:,} answer(s) to the score question said no score ({values}): read as "
                    "blank, not as invalid.", n=n,
                    values=", ".join(repr(v) for v in values.head(3))))


def _declined(text: pd.Series, values: np.ndarray, blank: np.ndarray) -> np.ndarray:
    """Which distinct cells of a score column decline to give a score ("Don't know", "N/A",
    "Prefer not to say", "Ne sait pas", "Weiß nicht", "모르겠음": the survey's own non-answer
    options, ``scales._DONT_KNOW``), among those that are neither a number nor blank."""
    from .scales import _DONT_KNOW, _fold

    left = np.isnan(values) & ~blank
    out = np.zeros(len(text), dtype=bool)
    for i in np.flatnonzero(left):  # distinct values only, and only those left unread
        out[i] = bool(_DONT_KNOW.match(_fold(str(text.iloc[i])).strip(" .!?")))
    return out


#: a rating written with its unit or as stars ("4점", "5 stars", "별표 5개", "4 étoiles")
_RATED = re.compile(r"^(?:별표|별점|평점|rating|note|stars?)?\s*[:=]?\s*(\d+(?:[.,]\d+)?)\s*"
                    r"(?:개|점|stars?|étoiles?|etoiles?|estrellas?|sterne?|звезд\w*|星|颗星|"
                    r"points?|pts?\.?|/\s*5)?$", re.IGNORECASE)


def _rated(text: str) -> str | None:
    """The number of a rating cell written with its unit or as stars ("4점" -> "4",
    "★★★★☆" -> "4"); None for another cell."""
    if text and set(text) <= {"★", "☆", "⭐", " "}:
        return str(text.count("★") + text.count("⭐"))
    found = _RATED.match(text)
    return found.group(1) if found else None


def apply_scale(raw: pd.Series, scale: Mapping[Any, int],
                notes: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Answers of another scale mapped to 0-10 with an explicit table (``scale=``).

    Returns (values, kind) as :func:`_parse_scores` does. Keys match the cell as written
    (``5``, ``"5"``, ``" 5 "`` and ``5.0`` are one key), or its number when a rating is
    written with its unit or as stars (``"4점"``, ``"5 stars"``, ``"★★★★☆"``: said); blank
    cells and the survey's "no rating" answers stay blank (said); a non-blank answer
    missing from the table is invalid ("not a number": listed, never guessed).

    Examples
    --------
    >>> apply_scale(pd.Series([5, 1, None, 7]), {1: 0, 2: 3, 3: 5, 4: 8, 5: 10})
    (array([10.,  0., nan, nan]), array([0, 0, 1, 2]))
    """
    bad = [v for v in scale.values() if not (isinstance(v, (int, np.integer))
                                             and 0 <= int(v) <= 10)]
    if bad:
        raise ValueError(f"scale= must map answers to whole numbers 0-10; got {bad[:5]}")

    def key(v: Any) -> str:
        text = str(v).strip()
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return text.lower()
        return str(int(number)) if number.is_integer() else text

    table = {key(k): float(v) for k, v in scale.items()}
    codes, uniques = pd.factorize(raw.astype("string"), use_na_sentinel=True)
    keys = [key(u) for u in uniques]  # distinct answers only: a handful
    values_u = np.array([table.get(k, np.nan) for k in keys], dtype=np.float64)
    blank_u = np.array([k in _NA_TOKENS for k in keys], dtype=bool)
    counts = np.bincount(codes[codes >= 0], minlength=len(keys))
    text = pd.Series(uniques, dtype="string").str.strip()
    numbers = {i: n for i in np.flatnonzero(np.isnan(values_u) & ~blank_u)
               if (n := _rated(str(text.iloc[i]))) is not None and key(n) in table}
    for i, n in numbers.items():
        values_u[i] = table[key(n)]
    if numbers and notes is not None:
        rated = list(numbers)
        _say_labelled(notes, int(counts[rated].sum()), ", ".join(
            f"{text.iloc[i]!r} -> {numbers[i]}" for i in rated[:3]))
    declined = _declined(text, values_u, blank_u)
    if declined.any():
        blank_u = blank_u | declined
        if notes is not None:
            _say_no_score(notes, int(counts[declined].sum()), text[declined])
    kind_u = np.where(blank_u, 1, np.where(np.isnan(values_u), 2, 0))
    return np.append(values_u, np.nan)[codes], np.append(kind_u, 1)[codes]


def check_scale(values: np.ndarray, kind: np.ndarray, column: str, question: str,
                comments: pd.Series | None = None) -> None:
    """Stop when the score column is another scale: a 1-5 star rating is not a 0-10 answer.

    Raises :class:`InvalidScoreError` when the column's name or question says stars or "out
    of 5"; when 20 or more answers are all 5 or below, or all but a slip (at most 1 in 100
    above 5, and no 0: a 1-5 rating starts at 1; a supplier's ratings held one 6.0 among 54
    answers); when 1 in 10 or more of 20 or more answers are not whole numbers (halves,
    averages: a recommend question is answered in whole numbers, and leaving those rows out
    would keep a biased part of the file); or when the answers run 1-11 (coded by position).
    A 1-5 rating whose ``comments`` read the other way (1 the best answer:
    :func:`~nps_toolkit.loading.direction.scale_direction`) is refused with the reversed
    mapping.
    """
    filled = (kind == 0) | (kind == 3)  # answers, whole or not
    n_valid = int(np.count_nonzero(filled))
    if n_valid == len(values):
        top = float(values.max()) if n_valid else np.nan
    else:
        floor = -np.inf if values.dtype.kind == "f" else np.iinfo(values.dtype).min
        top = float(np.max(values, where=filled, initial=floor)) if n_valid else np.nan
    hint = ("If this is the right column, map its answers to 0-10 explicitly, e.g. "
            "read_survey(..., scale={1: 0, 2: 3, 3: 5, 4: 8, 5: 10}) (CLI: --scale "
            "1=0,2=3,3=5,4=8,5=10), or name the 0-10 column with score=.")
    if _STAR_WORDS.search(f"{column} {question}"):
        raise InvalidScoreError(
            f"score column {column!r} looks like a star or 1-5 rating (its name or question "
            f"says so: {(question or column)[:80]!r}), not the 0-10 recommend question. "
            + hint, column=column)
    if n_valid < 20:
        return
    above = np.flatnonzero(filled & (values > 5)) if top > 5 else np.zeros(0, dtype=int)
    if len(above) and (len(above) > max(1, n_valid // 100)
                       or np.min(values, where=filled, initial=10) < 1):
        above = None  # a 0-10 column (or a 1-5 one with more than a slip above 5)
    if above is not None and np.min(values, where=filled, initial=10) == top:
        raise InvalidScoreError(
            f"score column {column!r} has {n_valid:,} answers, all {top:g}: the same number "
            "in every row is no answer to the recommend question (a Google Forms quiz adds "
            "a points column named 'Score' or 'Puntuación' that holds 0 when nothing is "
            "graded). Name the 0-10 column with score=.", column=column)
    if above is not None:
        said = (f"none above {int(top)}" if not len(above) else
                f"only {len(above)} above 5 ({', '.join(f'{v:g}' for v in values[above[:3]])}"
                ", a slip on a 1-5 scale?)")
        raise InvalidScoreError(
            f"score column {column!r} has {n_valid:,} answers and {said}: it looks like a "
            "1-5 rating, not the 0-10 recommend question, and read as 0-10 every answer "
            "would be a detractor. " + (_reversed_hint(values, filled, comments) or hint),
            column=column)
    _check_halves(values, kind, column, n_valid)
    _check_positions(values, kind, column, n_valid)


def _reversed_hint(values: np.ndarray, filled: np.ndarray,
                   comments: pd.Series | None) -> str | None:
    """The mapping of a 1-5 rating whose comments read the other way (1 the best), or
    None."""
    if comments is None:
        return None
    from .direction import scale_direction

    found = scale_direction(np.where(filled, values, np.nan), comments.reset_index(drop=True))
    if found is None or not found.reversed:
        return None
    return (f"Its comments read the other way: under the answers {found.high[0]:g}-"
            f"{found.high[1]:g} they are less positive than under {found.low[0]:g}-"
            f"{found.low[1]:g} (AUC {found.auc:.2f} on {found.n_high + found.n_low:,} comments "
            "with words the word lists know; a scale read the right way gives 0.7-0.96), so 1 "
            "is likely the best answer. If so, map it the other way: read_survey(..., "
            "scale={1: 10, 2: 8, 3: 5, 4: 3, 5: 0}) (CLI: --scale 1=10,2=8,3=5,4=3,5=0); or "
            "name the 0-10 column with score=.")


def _check_halves(values: np.ndarray, kind: np.ndarray, column: str, n_valid: int) -> None:
    """Refuse a column of which 1 in 10 answers are not whole numbers (see check_scale)."""
    halves = kind == 3
    if 10 * int(np.count_nonzero(halves)) >= n_valid:
        examples = ", ".join(f"{v:g}" for v in pd.unique(values[halves])[:3])
        raise InvalidScoreError(
            f"score column {column!r}: {int(np.count_nonzero(halves)):,} of its {n_valid:,} "
            f"answers are not whole numbers ({examples}): a 0-10 recommend question is "
            "answered in whole numbers, so this looks like an average or a rating with half "
            "points, and leaving those rows out would keep a biased part of the file. If it "
            "averages several 0-10 questions, pass them to combine_scores; otherwise name the "
            "0-10 column with score=.", column=column)


def _check_positions(values: np.ndarray, kind: np.ndarray, column: str, n_valid: int) -> None:
    """Refuse answers coded by their position, 1 to 11 (0 -> 1 ... 10 -> 11, as a
    "numerical values" export writes the eleven choices): whole numbers 1-11 with no 0 and 1
    in 20 or more answers an 11 (coded so, the 11s are the 10s, often the commonest). Read
    as 0-10 every answer would be a point too high and the 10s out of range (left out with
    ``on_invalid="exclude"``)."""
    elevens = (kind == 4) & (values == 11)
    n_eleven = int(np.count_nonzero(elevens))
    if n_eleven == 0 or n_valid + n_eleven < 20 or int(np.count_nonzero(kind == 4)) > n_eleven \
            or 20 * n_eleven < n_valid + n_eleven or np.min(values, where=kind == 0,
                                                            initial=10) < 1:
        return  # (an 11 typed among many answers is one answer out of range)
    raise InvalidScoreError(
        f"score column {column!r} holds whole numbers from 1 to 11 ({n_eleven:,} answers of "
        "11, none of 0): the eleven answers look coded by their position (0 -> 1 ... 10 -> "
        "11), as numerical-value exports write them, and read as 0-10 every answer would be "
        "a point too high. If so, map them: scale={1: 0, 2: 1, ..., 11: 10} (CLI: --scale "
        "1=0,2=1,3=2,4=3,5=4,6=5,7=6,8=7,9=8,10=9,11=10).", column=column)


#: numbers that databases and survey tools write for a missing or refused answer: the
#: extremes of 16- and 32-bit integers, runs of nines, 97/98/99 (refused / don't know / no
#: answer in SPSS habits), -1 and -9
_MISSING_CODES = frozenset([-2147483648, 2147483647, -32768, 32767, -32767, 65535, 255,
                            -99999, 99999, -9999, 9999, -999, 999, -99, 99, 98, 97, 96, -1,
                            -9, -8, -7])
_CODES_SAID = N_("numbers that databases and survey tools write for a missing or refused "
                 "answer (e.g. -2147483648, the smallest 32-bit integer; 99, \"no answer\")")


def _missing_codes(values: np.ndarray) -> str:
    """The missing-value codes (``_MISSING_CODES``) among the out-of-range scores, as text
    ("-2147483648 (117 rows)"), when they are at least half of them; "" otherwise."""
    if not len(values):
        return ""
    found, counts = np.unique(np.asarray(values, dtype=float), return_counts=True)
    coded = np.isin(found, list(_MISSING_CODES))
    if counts[coded].sum() * 2 < len(values):
        return ""
    return ", ".join(f"{int(v)} ({c:,} rows)" for v, c in zip(found[coded], counts[coded],
                                                              strict=True))


def _raise_invalid(column: pd.Series, kind: np.ndarray, row_numbers: Any,
                   values: np.ndarray | None = None) -> None:
    pos = np.flatnonzero(kind >= 2)
    codes = _missing_codes(values[kind == 4]) if values is not None else ""
    codes = (f" Among the scores out of range: {codes}, "
             + tr(_CODES_SAID) + "; leave them out with on_invalid='exclude'."
             ) if codes else ""
    originals = list(column.iloc[pos[:5]])
    labels = [f"row {row_numbers[p]}" for p in pos[:5]]
    kinds = {2: "not a number", 3: "not a whole number", 4: "out of range"}
    summary = ", ".join(f"{(kind == k).sum()} {label}" for k, label in kinds.items()
                        if (kind == k).any())
    raise InvalidScoreError(
        f"score column {column.name!r} has {len(pos)} invalid value(s) ({summary}): "
        f"{describe_examples(labels, originals, len(pos))}. Scores must be whole numbers "
        "0-10. Fix the file, or pass on_invalid='exclude' to leave those rows out with an "
        "account in the load report." + codes,
        column=str(column.name), positions=list(row_numbers[pos[:5]]), values=originals,
        count=len(pos),
    )
