"""The recommend question answered in bands of scores (a form's choices ``9-10``, ``7-8``,
``0-6``; ``10 - Definitely``, ``8-9 - Very likely``, ``Under 6 - Unlikely``).

Such a column was not found as the score (its cells are no numbers 0-10), and when named
with ``score=`` every band was an invalid score but a lone ``10``: read with
``on_invalid="exclude"`` the NPS came out as +100. A band that lies within one category
(0-6, 7-8 or 9-10) says the answer's category: each answer stands for it with the score 10,
8 or 0 (an exact score, ``10 - Definitely``, stays itself), said in the load report, as for a
file of categories. A band that takes in two categories (``8-9``: a passive and a promoter)
cannot be split: the column is refused, naming the band and how many answers chose it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

import pandas as pd

from ..errors import InvalidScoreError
from ..i18n import tr
from .columns import _first_pattern
from .counts import STAND_IN, _has_scores
from .rolenames import _SCORE_NAMES, _SCORE_WORDS, _first_exact

#: the most distinct answers a column of bands has (a form's choices)
MAX_BANDS = 12

_NUM = r"(\d{1,2})(?![\d.,]\d|\d)"
_UNIT = r"(?:\s*(?:points?|pts?|punt[oa]s?|点|分|점))?"
_TO = (r"\s*(?:-|–|—|‒|−|~|→|\.\.|to|a|à|al|au|bis|até|ate|ao|до|по|까지|에서)\s*")
# "9-10", "9 – 10 (Promoter)", "de 0 a 6", "0 bis 6 Punkte", "от 0 до 6", "0~6점", "0-6分"
_RANGE = re.compile(r"^(?:from|de|du|von|от|entre)?\s*" + _NUM + _UNIT + _TO + _NUM)
# "Under 6", "less than 7", "menos de 7", "moins de 7", "unter 7", "меньше 7", "< 7"
_BELOW = re.compile(r"^(?:under|below|less than|lower than|fewer than|menos de|menor que|"
                    r"inferior a|moins de|en dessous de|inférieur à|unter|weniger als|"
                    r"kleiner als|меньше|ниже|менее|<)\s*" + _NUM)
# "up to 6", "≤ 6", "hasta 6", "jusqu'à 6", "bis zu 6", "не более 6"
_UP_TO = re.compile(r"^(?:up to|at most|≤|<=|hasta|jusqu'à|jusqu’à|bis zu|höchstens|"
                    r"не более|не выше)\s*" + _NUM)
# "6 or less", "6 and under", "6 y menos", "6 ou moins", "6 oder weniger", "6 이하", "6分以下"
_OR_LESS = re.compile("^" + _NUM + _UNIT + r"\s*(?:or less|or lower|or below|or under|"
                      r"and less|and lower|and below|and under|or fewer|y menos|o menos|"
                      r"ou moins|et moins|oder weniger|und weniger|или меньше|и меньше|"
                      r"и ниже|или ниже|이하|以下)")
# "9+", "9 or more", "9 and above", "9 y más", "9 ou plus", "9 oder mehr", "9 이상", "9分以上"
_OR_MORE = re.compile("^" + _NUM + _UNIT + r"\s*(?:\+|or more|or higher|or above|and more|"
                      r"and higher|and above|and up|and over|y más|o más|ou plus|et plus|"
                      r"oder mehr|und mehr|или больше|и больше|и выше|или выше|이상|以上)")
# "at least 9", "≥ 9", "al menos 9", "au moins 9", "mindestens 9", "не менее 9"
_AT_LEAST = re.compile(r"^(?:at least|≥|>=|al menos|como mínimo|au moins|mindestens|"
                       r"не менее|не ниже)\s*" + _NUM)
# "over 8", "above 8", "more than 8", "más de 8", "plus de 8", "über 8", "больше 8", "> 8"
_ABOVE = re.compile(r"^(?:over|above|more than|greater than|higher than|más de|mayor que|"
                    r"plus de|supérieur à|über|mehr als|größer als|больше|выше|более|>)\s*"
                    + _NUM)
# one score, alone or with its label: "10", "10 - Definitely", "10 (Extremely likely)"
_ONE = re.compile("^" + _NUM + _UNIT + r"\s*(?:$|[-–—:(/|=.,]|\s\D)")


def _band(value: str) -> tuple[int, int] | None:
    """The scores (lowest, highest) a choice stands for, or None when it is no band of the
    0-10 scale (``"8-9 - Very likely"`` -> (8, 9), ``"Under 6"`` -> (0, 5), ``"9+"`` ->
    (9, 10), ``"10 - Definitely"`` -> (10, 10)).

    Examples
    --------
    >>> [_band(v) for v in ["9-10", "0 a 6", "Under 6 - Unlikely", "6 or less", "9+", "7"]]
    [(9, 10), (0, 6), (0, 5), (0, 6), (9, 10), (7, 7)]
    """
    text = unicodedata.normalize("NFKC", value).strip().lower()
    found = None
    if m := _RANGE.match(text):
        found = int(m[1]), int(m[2])
    elif m := _BELOW.match(text):
        found = 0, int(m[1]) - 1
    elif (m := _UP_TO.match(text)) or (m := _OR_LESS.match(text)):
        found = 0, int(m[1])
    elif (m := _OR_MORE.match(text)) or (m := _AT_LEAST.match(text)):
        found = int(m[1]), 10
    elif m := _ABOVE.match(text):
        found = int(m[1]) + 1, 10
    elif m := _ONE.match(text):
        found = int(m[1]), int(m[1])
    if found is None or not 0 <= found[0] <= found[1] <= 10:
        return None
    return found


def _category(score: int) -> str:
    return "detractor" if score <= 6 else "passive" if score <= 8 else "promoter"


def _bands(s: pd.Series) -> dict[str, tuple[int, int]] | None:
    """Each distinct answer of a column of bands with its scores, or None when the column is
    not one: at most ``MAX_BANDS`` distinct answers, each a band or a score of 0-10 (or the
    survey's "Don't know", left blank), two of them bands of two scores or more, and no two
    overlapping."""
    from .scales import _DONT_KNOW, _fold

    if pd.api.types.is_numeric_dtype(s.dtype) or s.head(1000).dropna().nunique() > MAX_BANDS:
        return None
    # the distinct answers stripped (not every cell: 38 ms on a million), in the order
    # they first appear, as the cells' own order gives them
    stripped = pd.Series(s.dropna().unique().astype(str), dtype=object).str.strip()
    distinct = stripped[stripped != ""].unique()
    if not 2 <= len(distinct) <= MAX_BANDS:
        return None
    out = {}
    for v in distinct:  # a form's choices: a dozen at most
        band = _band(v)
        if band is None and not _DONT_KNOW.match(_fold(v).strip(" .!?")):
            return None
        if band is not None:
            out[v] = band
    # a form's choices: two bands or more, none overlapping another (a range typed among
    # scores, "3-4" beside 3s and 8s, stays an invalid score, listed)
    spans = sorted(out.values())
    if sum(lo < hi for lo, hi in spans) < 2 or any(
            b[0] <= a[1] for a, b in itertools.pairwise(spans)):
        return None
    return out


def _answers_from_bands(raw: pd.DataFrame, texts: dict[str, str], notes: list[str],
                        score: str | None = None) -> tuple[pd.DataFrame, str | None, str | None]:
    """``raw`` with a score column standing for each answer's band (see the module), its
    name and the band column's; ``raw`` unchanged and None twice when no column named like
    the score (or ``score``, the caller's) holds bands. Raises InvalidScoreError when a band
    takes in two categories."""
    cols = [str(c) for c in raw.columns]
    if score is not None:
        column = score if score in cols and _bands(raw[score]) is not None else None
    else:
        banded = {}

        def accept(c: str) -> bool:
            banded[c] = banded[c] if c in banded else _bands(raw[c]) is not None
            return banded[c]

        column = _first_exact(cols, _SCORE_NAMES, set(), lambda c: not accept(c)) or \
            _first_pattern(cols, texts, _SCORE_WORDS, set(), accept)
        # another column holding answers 0-10 is the score ("10 - Definitely" and "9" among
        # the bands make this one look like answers too)
        if column is not None and _has_scores(raw.drop(columns=[column])):
            column = None
    if column is None:
        return raw, None, None
    bands = _bands(raw[column])
    answers = raw[column].astype("string").str.strip()
    mixed = {v: b for v, b in bands.items() if _category(b[0]) != _category(b[1])}
    if mixed:
        said = "; ".join(
            f"{v!r} ({int((answers == v).sum()):,} answer(s)) takes in scores {lo}-{hi}, "
            f"{_category(lo)}s and {_category(hi)}s"
            for v, (lo, hi) in sorted(mixed.items(), key=lambda kv: (kv[1], kv[0])))
        raise InvalidScoreError(
            f"column {column!r} holds the recommend answer in bands of scores, and some take "
            f"in two categories: {said}. Those answers cannot be told apart, so no NPS can be "
            "computed from this column. Bands that each lie within 0-6, 7-8 or 9-10 are read "
            "as their category; otherwise the survey needs the 0-10 question.")
    stand = {v: lo if lo == hi else STAND_IN[_category(lo)] for v, (lo, hi) in bands.items()}
    name = "score" if "score" not in raw.columns else "score (band)"
    out = raw.assign(**{name: answers.map(stand).astype("Int8")})
    shown = ", ".join(repr(v) for v, b in sorted(bands.items(), key=lambda kv: (kv[1], kv[0]))
                      if b[0] < b[1])
    declined = sorted(set(answers.dropna()) - set(bands) - {""})
    notes.append(tr("column {column!r} holds the recommend answer in bands of scores ({bands}): "
                    "each band lies within one category, and each answer stands for it with "
                    "the score 10, 8 or 0 in {name!r} (a single score stays itself); only what "
                    "depends on the categories is meaningful.", column=column, bands=shown,
                    name=name)
                 + (" " + tr("{n:,} answer(s) {values} give no score and are left blank.",
                             n=int(answers.isin(declined).sum()),
                             values=", ".join(map(repr, declined))) if declined else ""))
    return out, name, column

