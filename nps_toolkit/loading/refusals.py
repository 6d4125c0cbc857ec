"""Why a file has no score column to read, said as the error: a column named like the
score holding something else (another scale, NPS values already computed, text), the columns
answered 0-10 that could be it, a file of categories only, questions given by number."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ColumnNotFoundError
from .long import _numbered_hint
from .scores import _parse_scores


def _no_score_column(frame: pd.DataFrame, cols: list[str], named: str | None,
                     texts: dict[str, str]) -> None:
    if len(frame) == 0:
        raise ColumnNotFoundError(
            f"the file has a header but no rows of answers. Columns are {cols[:40]}.")
    if named is not None and _parse_scores(frame[named])[1].min() == 1:
        raise ColumnNotFoundError(
            f"found the score column {named!r}, but it is empty: all {len(frame):,} "
            "rows are blank. Check the export (a filter, or the wrong question), or "
            "name another column with score='<column>'.")
    if named is not None:  # named like the score, but not 0-10: say what it holds
        values, kind = _parse_scores(frame[named])
        numbers = values[np.isin(kind, (0, 3, 4))].astype(float)
        held = (f"numbers from {numbers.min():g} to {numbers.max():g}"
                if len(numbers) and len(numbers) >= (kind == 2).sum() else
                "mostly text, e.g. " + repr(list(dict.fromkeys(
                    frame[named].dropna().astype(str)))[:3]))
        labelled = any(c != named and frame[c].notna().all() and frame[c].is_unique
                       for c in frame.columns)
        if len(numbers) and numbers.max() > 10 and numbers.min() >= -100 \
                and numbers.max() <= 100 and len(frame) <= 120 and labelled:
            # a few rows of values up to 100, each labelled (a month's NPS of 65, 54.6):
            # perhaps NPS already computed, one row per period or group
            raise ColumnNotFoundError(
                f"column {named!r} holds {held} in {len(frame):,} rows. If these are NPS "
                "values already computed (one per period or group), they are not answers: "
                "the analysis needs one row per answer with its 0-10 score (with counts of "
                "promoters, passives and detractors per period, nt.from_counts(...) gives "
                "each NPS its interval). If they are answers on another scale, map it to "
                "0-10 with read_survey(..., scale={...}) (CLI: --scale).")
        raise ColumnNotFoundError(
            f"column {named!r} is named like the score but holds {held}, not the "
            "0-10 recommend question. If it is another scale, map it to 0-10 with "
            "read_survey(..., scale={...}) (CLI: --scale 1=0,2=3,...); otherwise name "
            "the right column with score='<column>'.")
    raise ColumnNotFoundError(
        "could not find the 0-10 recommend score column: no column is named like "
        "'NPS'/'score'/'rating' or asks 'How likely are you to recommend...' with "
        f"mostly 0-10 values. Columns are {cols[:40]}. Pass score='<column>'."
        + _scored_columns(frame, cols, texts) + _hundred_scale(frame, cols, texts)
        + _categories_only(frame, cols)
        + _shares_only(frame, cols)
        + _numbered_hint(frame) + _form_definition(frame, cols))


#: the question types of an XLSForm (ODK, KoboToolbox, SurveyCTO, Ona): a questionnaire's
#: definition, one row per question, not its answers
_XLSFORM_TYPES = re.compile(r"^(select_one|select_multiple|text|integer|decimal|note|"
                            r"begin[ _]group|end[ _]group|begin[ _]repeat|end[ _]repeat|"
                            r"calculate|range|rank|date|datetime|geopoint|start|end|today|"
                            r"deviceid|image|audio|acknowledge|hidden)\b")


def _form_definition(frame: pd.DataFrame, cols: list[str]) -> str:
    """For a questionnaire's definition read as answers (an XLSForm's ``survey`` sheet:
    ``type``, ``name``, ``label``): what it is and what to read instead; "" otherwise."""
    names = {c.lower().split("::")[0] for c in cols}
    if not {"type", "name", "label"} <= names:
        return ""
    types = frame[next(c for c in cols if c.lower() == "type")].dropna().astype(str)
    if types.empty or types.str.strip().str.match(_XLSFORM_TYPES).mean() < 0.5:
        return ""
    return (" This is a questionnaire's definition (an XLSForm: one row per question, with "
            "its type, name and label, as ODK, KoboToolbox and SurveyCTO use), not its "
            "answers: export the submissions from the survey tool and read that file.")


def _answered_0_10(s: pd.Series) -> bool:
    """Numbers 0-10 as written (not "3 meses", "1 year") in nine of ten of the first 500
    filled cells, all whole."""
    # as floats: a text column's numbers come back nullable (pandas 3), whose mean skips the
    # cells that are not numbers ("UN", "ML" read as 0-10 answers)
    head = pd.to_numeric(s.head(500).dropna(), errors="coerce").to_numpy(dtype=float,
                                                                        na_value=np.nan)
    numbers = head[~np.isnan(head)]
    return len(head) > 0 and bool(((head >= 0) & (head <= 10)).mean() >= 0.9
                                  and np.all(numbers % 1 == 0))


#: a file named for the Net Promoter Score ("NPS_data.csv", "nps-responses.xlsx")
_NPS_FILE = re.compile(r"(^|[^a-z])(nps|net ?promoter)([^a-z]|$)")


def _only_score_of_an_nps_file(frame: pd.DataFrame, cols: list[str], taken: set[str],
                               source: str) -> str | None:
    """In a file named for the NPS whose columns name no score, the one column answered
    0-10 with at least three values (not a key, a count or a period), which can only be the
    recommend question ("survey_result" in "NPS_data.csv"); None when there are none or
    several, or the file is not named so."""
    if not source or not _NPS_FILE.search(Path(source).stem.lower()):
        return None
    found = [c for c in cols if c not in taken and _may_be_answers(c)
             and _answered_0_10(frame[c]) and frame[c].nunique() >= 3]
    return found[0] if len(found) == 1 else None


#: the columns a survey tool adds to every answer (LimeSurvey's last page reached and
#: random seed, Qualtrics' progress, KoBoToolbox's index and form version)
_SYSTEM_NAMES = re.compile(r"^(lastpage|last page|seed|startlanguage|progress|finished|"
                           r"index|version|form version|status|attempt|page|step)$")


def _may_be_answers(column: str) -> bool:
    """Whether a column's name allows it to hold answers: not a key, a count or measure, a
    period, or a column a survey tool adds (:data:`_SYSTEM_NAMES`)."""
    from .names import _KEY_NAMES, _MEASURE_NAMES, _PERIOD_NAMES, _words

    words = _words(column)
    return not (_KEY_NAMES.search(words) or _MEASURE_NAMES.search(words)
                or _PERIOD_NAMES.match(words) or _SYSTEM_NAMES.match(words))


def _scored_columns(frame: pd.DataFrame, cols: list[str], texts: dict[str, str]) -> str:
    """For the error of a file without a recommend question: the columns answered 0-10 (with
    the question each asks, when the file says it), which could be it, keys, counts and the
    survey tool's own columns aside ("lastpage", "RoomCount"); "" when none is."""
    from .names import _RATING_NAMES, _words

    scored = [c for c in cols if _may_be_answers(c) and _answered_0_10(frame[c])
              and frame[c].nunique() >= 3][:5]  # (a 0/1 flag is no question's answers)
    # answered 1-5 at most (a star rating, "별점"): no 0-10 question, said as what it is,
    # those named as a rating first ("¿cómo calificaría...?" before "Año de estudio")
    rated = sorted((c for c in scored if pd.to_numeric(frame[c], errors="coerce").max() <= 5),
                   key=lambda c: not _RATING_NAMES.search(_words(c) + " " + _words(
                       texts.get(c, ""))))
    scored = [c for c in scored if c not in rated]
    said = ", ".join(repr(c) + (f" ({texts[c]!r})" if texts.get(c) else "") for c in scored)
    return ((f" Answered 0-10 in {said}: if one of them asks how likely the respondent is to "
             "recommend you, pass it as the score." if scored else "")
            + (" Answered 1-5 at most in " + ", ".join(map(repr, rated)) + ": a rating, not "
               "the 0-10 recommend question; to read one as if it were, map its answers "
               f"with score={rated[0]!r}, scale={{...}} (CLI: --scale 1=0,2=3,...)."
               if rated else ""))


def _hundred_scale(frame: pd.DataFrame, cols: list[str], texts: dict[str, str]) -> str:
    """For a file whose recommend question is answered 0-100: the eleven answers times ten
    (0, 10 ... 100: a tool storing the choice as a percentage), with the mapping back; or a
    slider, which is no 0-10 question; "" otherwise."""
    from .rolenames import _SCORE_WORDS, _norm

    for c in cols:
        asked = _norm(c) + " " + _norm(texts.get(c, ""))
        if not any(re.search(p, asked) for p in _SCORE_WORDS):
            continue
        values, kind = _parse_scores(frame[c])
        numbers = values[np.isin(kind, (0, 4))].astype(float)
        if len(numbers) < 0.9 * max(int((kind != 1).sum()), 1) or not len(numbers) or \
                numbers.min() < 0 or numbers.max() <= 10 or numbers.max() > 100:
            continue
        if (numbers % 10 == 0).all():
            pairs = ", ".join(f"{10 * k}: {k}" for k in range(11))
            return (f" Column {c!r} asks the recommend question and holds the eleven answers "
                    f"times ten (0, 10 ... 100): read it with score={c!r}, scale={{{pairs}}} "
                    f"(CLI: --score {c!r} --scale "
                    + ",".join(f"{10 * k}={k}" for k in range(11)) + ").")
        return (f" Column {c!r} asks the recommend question on 0-100 (a slider, "
                f"{numbers.min():g} to {numbers.max():g}): the NPS is defined on the 0-10 "
                "question; if you decide how its answers map to 0-10, map them before reading "
                "(e.g. df[col] = (df[col] + 5) // 10, halves rounded up) and say so where the "
                "NPS is reported.")
    return ""


def _categories_only(frame: pd.DataFrame, cols: list[str]) -> str:
    """For a file that holds the category (promoter, passive, detractor, in any supported
    language) but no score: the NPS its counts give, and why the analysis still needs the
    scores; "" otherwise."""
    from ..scoring import from_counts
    from .profile import _category_column  # profile builds on this module

    found = _category_column(frame, cols)
    if found is None:
        return ""
    column, said = found
    n = {k: int((said == k).sum()) for k in ("promoter", "passive", "detractor")}
    nps = from_counts(promoters=n["promoter"], passives=n["passive"],
                      detractors=n["detractor"]).nps
    return (f" Column {column!r} holds only the category ({n['promoter']:,} promoters, "
            f"{n['passive']:,} passives, {n['detractor']:,} detractors): their NPS is "
            f"{nps:.1f}, with its interval from nt.from_counts(promoters={n['promoter']}, "
            f"passives={n['passive']}, detractors={n['detractor']}); the rest of the "
            "analysis needs each answer's 0-10 score, so export the score with it.")


def _shares_only(frame: pd.DataFrame, cols: list[str]) -> str:
    """For a table of each group's shares of promoters, passives and detractors without how
    many answered ("Promoters(%)" per village): why it cannot be read, and what would make it
    readable; "" otherwise."""
    from .counts import _is_share
    from .names import _CATEGORY_WORDS, _words

    named = {k: [c for c in cols if _is_share(c) and any(
        w in _words(c).split() for w in words)] for k, words in _CATEGORY_WORDS.items()}
    if not all(named.values()):
        return ""
    shown = ", ".join(repr(v[0]) for v in named.values())
    return (f" The file holds each row's shares of promoters, passives and detractors "
            f"({shown}) but not how many answered: an NPS and its interval need the number "
            "of answers. Export the counts per row (promoters, passives, detractors: such a "
            "table is read as the answers it counts), or with the shares a column of how many "
            "answered (n, base, respondents), or the answers themselves.")
