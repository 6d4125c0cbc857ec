"""Rating questions answered in words ("Very satisfied" ... "Very dissatisfied"): their order.

A survey's further questions are often asked on a worded scale - satisfaction, agreement,
quality, ease, likelihood - in the language of the survey, with a "don't know" beside it.
Their order is not a matter of taste: each answer is a polarity (satisfied, dissatisfied,
neither), turned round by a negation ("not satisfied", "pas d'accord", "stimme nicht zu"),
strengthened ("very", "tout à fait", "muito") or weakened ("somewhat", "plutôt", "eher",
"pouco"). That reading gives every answer a position; a column whose answers all have one
is read as a scale of that many levels, in that order, and never otherwise. Answers that
start with their own number ("5 - Very satisfied") are read by the number.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import pandas as pd

#: answers that are no position on the scale (missing, said as such)
_DONT_KNOW = re.compile(
    r"^(?:i )?(?:don t know|dont know|do not know|not sure|no opinion|not applicable|n a|na|"
    r"can t say|cannot say|prefer not to say|does not apply|je ne sais pas|ne sais pas|"
    r"sans opinion|non applicable|non concerne|ne se prononce pas|nsp|no se|no lo se|"
    r"no aplica|ns nc|no sabe|no sabe no contesta|weiss nicht|weis nicht|keine angabe|"
    r"nicht zutreffend|kann ich nicht beurteilen|nao sei|nao sei informar|nao se aplica|"
    r"prefiro nao responder|non so|non saprei|ne znam|не знаю|затрудняюсь ответить|"
    r"모르겠음|모름|해당 없음|不知道|不适用|说不清|ne sait pas|sans reponse|prefer not to answer|"
    r"rather not say|no responde|weiss ich nicht|keine ahnung|не могу сказать|нет ответа|"
    r"잘 모르겠음|잘 모름|모르겠어요|不清楚|不确定|"
    # no answer given, as forms and spreadsheets write it
    r"no answer|no response|sin respuesta|no contesta|sem resposta|keine antwort|k a|n v|"
    r"pas de reponse|nessuna risposta|geen antwoord|weet niet|niet van toepassing|"
    r"bez odgovora|без ответа|무응답|응답 없음|없음|无|无回答|未回答|"
    # no rating given, as review exports and score columns write it
    r"no rating|not rated|unrated|no score|not scored|no grade|sans note|pas de note|"
    r"non note|keine bewertung|nicht bewertet|ohne bewertung|sin calificar|sin calificacion|"
    r"sin puntuacion|sin valoracion|sin nota|sem avaliacao|sem nota|bez ocjene|"
    r"nije ocijenjeno|нет оценки|без оценки|не оценено|평점 없음|별점 없음|점수 없음|"
    r"평가 없음|无评分|未评分|暂无评分|没有评分)$")
# evaluative stems, by polarity (folded: lower case, accents off); neutral ones are 0
_POSITIVE = (r"(?:satisf|soddisf|zufrieden|agree|accord|acuerdo|concord|einverstanden|"
             r"good|bon|bonne|"
             r"buen|gut|bom|boa|buon|happy|content|easy|facil|einfach|likely|probable|"
             r"wahrscheinlich|provavel|useful|utile|util|nutzlich|helpful|clear|clair|claro|"
             r"klar|fast|rapide|rapid|schnell|rapido|quick|friendly|aimable|amable|freundlich|"
             r"important|importante|wichtig|stimme\b.*\bzu|zustimm|довол|удовлетвор|"
             r"соглас|хорош|positi|положительн|만족|동의|좋|긍정|"
             # Korean agreement: 그렇다 ("it is so") ... 그렇지 않다 ("it is not so")
             r"그렇|그런)")
_NEGATIVE = (r"(?:dissatisf|insoddisf|insatisf|unzufrieden|disagree|desacuerdo|discord|bad|poor|"
             r"mauvais|mal|malo|mala|schlecht|ruim|pessim|unhappy|difficult|difficile|"
             r"dificil|schwierig|hard|unlikely|improbable|unwahrscheinlich|improvavel|slow|"
             r"lent|lento|langsam|useless|inutil|nutzlos|unclear|unklar|unfriendly|"
             r"unimportant|unwichtig|ablehn|недовол|неудовлетвор|несоглас|плох|불만|"
             r"negati|отрицательн|반대|나쁘|불편|부정)")
_EXTREME = (r"excellent|excelente|exzellent|ausgezeichnet|outstanding|otimo|ottimo|"
            r"perfect|parfait|perfecto|perfekt|terrible|terrible|awful|horrible|pesimo|"
            r"furchtbar|schrecklich|pessimo")
_EXTREME_NEGATIVE = r"terrible|awful|horrible|pesimo|furchtbar|schrecklich|pessimo"
_NEUTRAL = (r"(?:neither|neutral|neutre|neutro|indifferent|indiferente|weder|teils teils|"
            r"ni .* ni|nem .* nem|average|moyen|moyenne|regular|mittel|medio|media|fair|"
            r"acceptable|aceptable|akzeptabel|aceitavel|ok|okay|so so|mixed)")
_NEUTRAL_STEMS = r"(?:нейтральн|средн|보통|중립)"
_STRONG = (r"very|extremely|completely|totally|strongly|highly|absolutely|fully|"
           r"tout a fait|tres|du tout|muy|totalmente|completamente|absolutamente|sehr|voll|"
           r"vollkommen|vollig|ganz|gar|uberhaupt|muito|extremamente|plenamente|molto|"
           r"assolutamente|at all|nada|per niente|очень|полностью|совсем|매우|아주|전혀|"
           r"非常|很|完全")
_WEAK = (r"somewhat|rather|slightly|fairly|quite|a bit|a little|moderately|plutot|assez|"
         r"un peu|algo|bastante|un poco|eher|etwas|ziemlich|um pouco|relativamente|"
         r"abbastanza|скорее|несколько|다소|약간|편이다|편임|比较|有点")
# "little" satisfied is *not very* satisfied: below neutral, above dissatisfied ("peu
# satisfait", "poco satisfecho", "pouco satisfeito"; on a real Brazilian export the
# recommend score averaged 2.9 under "Pouco Satisfeito" and 5.8 under "Regular"), as are
# "not very" and its kin; "a little" (un peu, um pouco) is a weak yes
_DIMINISH = r"peu|poco|pouco|wenig|mal"
_NOT_VERY = (r"not very|not too|not so|not that|pas tres|pas si|pas vraiment|no muy|no tan|"
             r"nicht sehr|nicht so|nicht besonders|nao muito|nao tao|non molto|не очень|"
             r"별로|不太|不怎么")
_NEGATION = (r"not|no|non|ne|pas|nicht|kein|keine|nao|nem|nunca|never|nada|niente|"
             r"не|안|않|不|没")
# Korean negates with a verb after the word, not a word before it: 그렇지 않다, 만족하지 못함
_KO_NEGATION = r"(?:않|아니|못)"


def _fold(text: str) -> str:
    """Lower case, Latin letters without their accents (Cyrillic й and Hangul syllables kept
    whole), punctuation as spaces."""
    s = unicodedata.normalize("NFKD", str(text).lower().replace("ß", "ss"))
    kept = []
    for ch in s:
        if unicodedata.combining(ch) and kept and kept[-1].isascii():
            continue  # é -> e, ç -> c; not й -> и
        kept.append(ch)
    s = unicodedata.normalize("NFC", "".join(kept))
    return re.sub(r"[\W_]+", " ", s).strip()  # "very_easy": a code's words


def _has(pattern: str, text: str) -> bool:
    """Whether a stem of ``pattern`` starts a word of ``text``."""
    return re.search(rf"(?<!\w){pattern}", text) is not None


def _word(pattern: str, text: str) -> bool:
    """Whether a word of ``pattern`` is a whole word of ``text`` ("fair", not "fairly")."""
    return re.search(rf"(?<!\w){pattern}(?!\w)", text) is not None


# Chinese writes a scale without spaces: 非常满意, 比较满意, 一般, 不满意, 非常不满意
_ZH = {"pos": "满意|同意|好", "neg": "不满|不同意|差|糟", "neutral": "一般|中立|还行",
       "strong": "非常|很|完全|十分", "weak": "比较|有点|较"}


def _position_zh(text: str) -> float | None:
    if re.search(_ZH["neutral"], text):
        return 0.0
    if re.search(_ZH["neg"], text):
        sign = -1.0
    elif re.search(_ZH["pos"], text):
        sign = -1.0 if re.search("不|没", text) else 1.0
    else:
        return None
    return sign * (1.5 if re.search(_ZH["strong"], text) else
                   0.5 if re.search(_ZH["weak"], text) else 1.0)


def _position(answer: str) -> float | None:
    """An answer's place on its scale: polarity (1, -1, 0), times 1.5 when strengthened or
    0.5 when weakened, 2 for a superlative; None when the words say no position."""
    text = _fold(answer)
    if not text:
        return None
    if re.search(r"[\u4e00-\u9fff]", text):
        return _position_zh(text)
    if (_word(_NEUTRAL, text) or _has(_NEUTRAL_STEMS, text)) and not _word(
            r"(?:very|tres|muy|sehr|muito)", text):
        return 0.0
    negative = _has(_NEGATIVE, text)
    positive = _has(_POSITIVE, text) and not negative
    if _has(rf"(?:{_EXTREME})", text):
        return -2.0 if _has(rf"(?:{_EXTREME_NEGATIVE})", text) else 2.0
    if not (positive or negative):
        return None
    sign = 1.0 if positive else -1.0
    if _word(rf"(?:{_NOT_VERY})", text) or (_word(rf"(?:{_DIMINISH})", text) and not _word(
            r"(?:un peu|um pouco|un poco|ein wenig)", text)):
        return -0.5 * sign  # "not very satisfied", "pouco satisfeito"
    if _word(rf"(?:{_NEGATION})", text) or _has(_KO_NEGATION, text):
        sign = -sign  # "not satisfied", "pas d'accord", "stimme nicht zu", "não satisfeito"
    if _word(rf"(?:{_STRONG})", text):
        return 1.5 * sign
    if _word(rf"(?:{_WEAK})", text):
        return 0.5 * sign
    return sign


def _one_letter_short(pattern: str, shortest: int = 5) -> str:
    """The stems of ``pattern`` (plain ones of ``shortest`` letters or more) with one letter
    after the first dropped: a scale typed by hand has its typos ("Satifeito" for
    "Satisfeito", "vry_easy" for "very_easy", seen in real exports' answer options)."""
    stems = [a for a in pattern.strip("(?:)").split("|") if len(a) >= shortest and a.isalpha()]
    return "(?:" + "|".join(sorted({a[:i] + a[i + 1:] for a in stems
                                    for i in range(1, len(a))})) + ")"


_POSITIVE_TYPO, _NEGATIVE_TYPO = _one_letter_short(_POSITIVE), _one_letter_short(_NEGATIVE)
_STRONG_TYPO, _WEAK_TYPO = _one_letter_short(_STRONG, 4), _one_letter_short(_WEAK, 4)


def _strength_with_typo(answer: str, place: float) -> float:
    """``place`` of an answer that shares it with another answer, strengthened or weakened
    when a word of it is an intensifier missing a letter ("vry easy" beside "easy")."""
    text = _fold(answer)
    if abs(place) != 1.0 or _word(rf"(?:{_STRONG}|{_WEAK})", text):
        return place
    if _word(_STRONG_TYPO, text):
        return 1.5 * place
    if _word(_WEAK_TYPO, text):
        return 0.5 * place
    return place


def _position_with_typo(answer: str) -> float | None:
    """:func:`_position`, else the same with a stem missing one letter."""
    place = _position(answer)
    if place is not None:
        return place
    text = _fold(answer)
    if _has(_NEGATIVE_TYPO, text):
        stem = -1.0
    elif _has(_POSITIVE_TYPO, text):
        stem = 1.0
    else:
        return None
    if _word(rf"(?:{_NEGATION})", text):
        stem = -stem
    return stem * (1.5 if _word(rf"(?:{_STRONG})", text) else
                   0.5 if _word(rf"(?:{_WEAK})", text) else 1.0)


_NUMBERED = re.compile(r"^\s*(\d{1,2})(?:\s*(?:[-=:.)]|\s)\s*\S.*)?\s*$")
# a rating written in stars ("★★★☆☆", "⭐⭐⭐⭐"; the emoji with its variation selector)
_FILLED_STARS = "★⭐🌟✭✮✯✪✫✬✰"
_STARS = re.compile("^[\\s\ufe0f" + _FILLED_STARS + "☆✩]*[" + _FILLED_STARS + "☆✩][\\s\ufe0f"
                    + _FILLED_STARS + "☆✩]*$")


def _stars(answer: str) -> int | None:
    """The filled stars of a rating written in stars (``"★★★☆☆"`` -> 3, ``"⭐⭐"`` -> 2), or
    None for another answer."""
    return sum(ch in _FILLED_STARS for ch in answer) if _STARS.match(answer) else None


def _worded_scale(values: pd.Series) -> dict[str, float] | None:
    """The order of a column answered on a worded scale: each distinct answer -> its level
    (1 = the lowest; NaN for "don't know" and its kin), or None when the column is not one:
    some answer with no position, fewer than 3 levels, or more than 11 distinct answers.
    Answers that all start with a number ("1 - Poor" ... "5 - Excellent") are read by it,
    answers written in stars ("★★★☆☆", "⭐⭐⭐") by their filled stars.

    Examples
    --------
    >>> levels = _worded_scale(pd.Series(["Satisfeito", "Muito Satisfeito", "Pouco Satisfeito",
    ...                                   "Insatisfeito", "Não sei Informar"]))
    >>> [k for v, k in sorted((v, k) for k, v in levels.items() if v == v)]
    ['Insatisfeito', 'Pouco Satisfeito', 'Satisfeito', 'Muito Satisfeito']
    """
    if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        return None
    distinct = values.dropna().unique()  # (each cell of a 1M-row column read in Python: 1 s)
    if len(distinct) > 200:  # spellings of at most 11 answers, with spaces around some
        return None
    answers = sorted({str(v).strip() for v in distinct if str(v).strip()})
    if not 3 <= len(answers) <= 11:
        return None
    numbered = [_NUMBERED.match(a) for a in answers]
    stars = [_stars(a) for a in answers]
    out: dict[str, float] = {}
    places: dict[str, float] = {}
    for answer, number, star in zip(answers, numbered, stars, strict=True):
        if _DONT_KNOW.match(_fold(answer)):
            out[answer] = float("nan")
            continue
        if all(k is not None or _DONT_KNOW.match(_fold(a))
               for k, a in zip(stars, answers, strict=True)):
            places[answer] = float(star)  # stars: as many as are filled
            continue
        if all(m is not None or _DONT_KNOW.match(_fold(a))
               for m, a in zip(numbered, answers, strict=True)):
            places[answer] = float(number.group(1)) if number else float("nan")
            continue
        place = _position_with_typo(answer)
        if place is None:
            return None
        places[answer] = place
    shared = pd.Series(places).duplicated(keep=False)
    for answer in shared.index[shared.to_numpy()]:  # two answers, one place: a typo?
        places[answer] = _strength_with_typo(answer, places[answer])
    levels = sorted(set(places.values()))
    if len(levels) < 3:
        return None
    rank = {level: float(i + 1) for i, level in enumerate(levels)}
    out.update({a: rank[p] for a, p in places.items()})
    return dict(sorted(out.items()))


# scales of amount and frequency: in order, whatever their polarity ("low" is no judgement)
_AMOUNT_SCALES = (
    ("very low", "low", "medium", "high", "very high"),
    ("very low", "low", "moderate", "high", "very high"),
    ("very low", "low", "average", "high", "very high"),
    ("very small", "small", "medium", "large", "very large"),
    ("never", "rarely", "sometimes", "often", "always"),
    ("never", "seldom", "sometimes", "often", "always"),
    ("muy bajo", "bajo", "medio", "alto", "muy alto"),
    ("tres faible", "faible", "moyen", "eleve", "tres eleve"),
    ("sehr niedrig", "niedrig", "mittel", "hoch", "sehr hoch"),
    ("muito baixo", "baixo", "medio", "alto", "muito alto"),
    ("очень низкий", "низкий", "средний", "высокий", "очень высокий"),
    ("vrlo nisko", "nisko", "srednje", "visoko", "vrlo visoko"),
    ("매우 낮음", "낮음", "보통", "높음", "매우 높음"),
    ("非常低", "低", "中", "高", "非常高"),
    ("很低", "低", "中等", "高", "很高"),
)


def ordinal_order(values: pd.Series) -> dict[str, float] | None:
    """Each distinct text value's place when the values are the levels of a scale - the
    months or the days of the week (:func:`_calendar_order`), worded
    (:func:`_worded_scale`: "Very dissatisfied" ... "Very satisfied") or of amount or
    frequency ("Very Low" ... "Very High", "Never" ... "Always", in the supported languages)
    - so that groups are listed in the scale's order, not the alphabet's; None otherwise
    ("don't know" and its kin last)."""
    answers = {str(v).strip() for v in values.dropna()} - {""}
    calendar = _calendar_order(answers)
    if calendar is not None:
        return calendar
    if not 3 <= len(answers) <= 11:
        return None
    folded = {a: _fold(a) for a in answers}
    for scale in _AMOUNT_SCALES:
        if set(folded.values()) <= set(scale):
            return {a: float(scale.index(f)) for a, f in folded.items()}
    levels = _worded_scale(pd.Series(sorted(answers), dtype=object))
    if levels is None:
        return None
    return {a: (v if v == v else float("inf")) for a, v in levels.items()}


#: languages whose month and weekday names are read as a calendar's order (those the
#: package speaks, and the neighbours its real exports came in)
_CALENDAR_LOCALES = ("en", "fr", "es", "de", "pt", "it", "nl", "ru", "hr", "ko", "zh")


@functools.lru_cache(maxsize=1)
def _calendar_names() -> tuple[dict[str, int], dict[str, int]]:
    """Folded month names (1-12) and weekday names (0 Monday - 6 Sunday), wide and
    abbreviated, as written and standing alone, in ``_CALENDAR_LOCALES`` (from the CLDR data
    Babel ships: no list typed here)."""
    from babel.dates import get_day_names, get_month_names

    months: dict[str, int] = {}
    days: dict[str, int] = {}
    for locale in _CALENDAR_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for i, name in get_month_names(width, context, locale).items():
                    months.setdefault(_fold(name).strip("."), i)
                for i, name in get_day_names(width, context, locale).items():
                    days.setdefault(_fold(name).strip("."), i)
    return months, days


def _calendar_order(answers: set[str]) -> dict[str, float] | None:
    """Each answer's place in the year or the week when 3 or more answers are all month
    names, or all weekday names (``January`` ... ``December``, ``Mon`` ... ``Sun``,
    ``lundi``, ``März``): a segment of months listed April, August, December ... is listed
    in the calendar's order instead. None otherwise."""
    if not 3 <= len(answers) <= 12:
        return None
    folded = {a: _fold(a).strip(".") for a in answers}
    for names in _calendar_names():
        if all(f in names for f in folded.values()):
            return {a: float(names[f]) for a, f in folded.items()}
    return None
