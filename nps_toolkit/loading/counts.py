"""A table of counts per group (a BI tool's or a vendor's export: per branch, the number of
promoters, passives and detractors) read as the answers it counts.

``Agência, Pesquisados, Qtd Promotores, % Promotor, Qtd Neutros, Qtd Detratores, NPS``: each
row becomes as many answers as it counts, each standing for its category, so that the NPS,
its interval, the segments' significance, the funnel and the shrunk league table come out as
from the answers themselves (they depend on the categories only). The scores themselves are
not in such a file: each answer is given 10, 8 or 0 for its category, and the load report
says so. Total and subtotal rows ("Total", "Gesamt", "합계") are left out, listed by row, so
that no answer is counted twice; the per-group figures (counts, shares, NPS) are dropped.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InvalidScoreError
from ..i18n import N_, tr
from .columns import _first_pattern, _score_like
from .names import _CATEGORY_WORDS
from .rolenames import _SCORE_NAMES, _SCORE_WORDS, _first_exact, _norm
from .scales import _position, ordinal_order
from .scores import _parse_scores

#: the most answers a table of counts is expanded to (one row each)
MAX_ANSWERS = 20_000_000

#: the score each answer of a category is given (the file holds categories only)
STAND_IN = {"promoter": 10, "passive": 8, "detractor": 0}

# a share, not a count: "% Promotor", "promoter_pct", "Anteil Promotoren"
_SHARE = re.compile(r"%|\b(pct|percent|percentage|share|rate|ratio|taxa|porcentagem|"
                    r"porcentaje|pourcentage|proportion|anteil|quote|доля|процент)\b|비율|占比|比例")
# a row that sums others: "Total", "Subtotal", "Gesamt", "Итого", "합계", "总计"
_TOTAL = re.compile(r"^(total|totals|grand total|sub ?total|overall|all|gesamt|gesamtergebnis|"
                    r"summe|total general|total geral|totale|totaal|yhteensa|razem|ukupno|"
                    r"итого|всего|합계|총계|总计|合计|总体)$")


# a column counting how many gave the answer on its row (a frequency table): "count", "n",
# "Responses (count)", "Number of respondents", "Anzahl", "Nb de réponses", "응답 수", "人数"
_HOW_MANY = re.compile(
    r"^(?:#|n|nb|no|nr|count|counts|freq|frequency|frequencies|responses?|respondents|votes|"
    r"qty|quantity|answers|(?:response|responses|answer|respondent) count|total responses|"
    r"(?:# |nb |no |nr |number |count |nombre |numero |anzahl |aantal |liczba |broj )"
    r"(?:of |de |der |van |da |do |del |des )?(?:responses?|respondents|answers|customers|"
    r"clients|reponses|respuestas|respostas|antworten|kunden|odpowiedzi|odgovora|"
    r"encuestados|score|scores|people|persons|personnes|personas|pessoas)|"
    r"nombre|effectif|effectifs|anzahl|haufigkeit|cantidad|frecuencia|quantidade|frequencia|"
    r"aantal|frequentie|liczba|czestosc|broj|ucestalost|pocet|количество|частота|"
    r"число ответов|кол во|응답 수|응답수|빈도|인원|인원수|건수|명|人数|数量|频数|频次|次数|"
    r"回答数|件数|计数)$")


def _is_share(name: Any) -> bool:
    """Whether a column is named as a share (``% Promotor``, ``promotores_pct``)."""
    return bool(_SHARE.search(str(name).lower()) or _SHARE.search(_norm(name)))


def _whole_counts(s: pd.Series) -> bool:
    """Whole numbers 0 or more in 95% of the filled cells, some of them above 1 (a 0/1 flag
    per answer is no count)."""
    v = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    filled = v[~np.isnan(v)]
    return (len(filled) > 0 and len(filled) >= 0.95 * s.notna().sum()
            and bool(np.all(filled >= 0) and np.all(filled % 1 == 0) and filled.max() > 1))


def _count_columns(raw: pd.DataFrame) -> dict[str, str] | None:
    """The column counting each category (one each), or None."""
    found = {}
    for category, words in _CATEGORY_WORDS.items():
        latin = [w for w in words if w.isascii()]
        pattern = re.compile(r"(^|\b)(" + "|".join(map(re.escape, latin)) + r")(\b|$)|"
                             + "|".join(map(re.escape, [w for w in words if not w.isascii()])))
        named = [c for c in raw.columns if pattern.search(_norm(c)) and not _is_share(c)
                 and _whole_counts(raw[c])]
        if len(named) != 1:
            return None
        found[category] = named[0]
    return found


# how many answered in each group: "n", "Base", "Respondents", "Encuestados", "Befragte"
_BASE = re.compile(
    r"^(n|n total|total n|base|sample|sample size|respondents|total respondents|number of "
    r"respondents|responses|total responses|number of responses|answers|surveyed|"
    r"encuestados|no encuestados|respuestas|total respuestas|muestra|pesquisados|respostas|"
    r"amostra|befragte|anzahl befragte|antworten|stichprobe|repondants|reponses|"
    r"nombre de reponses|echantillon|опрошено|респонденты|респондентов|ответов|ispitanici|"
    r"odgovori|응답자|응답자 수|응답 수|응답수|표본|样本|样本量|回答数|受访者|受访人数)$")


def _share_columns(raw: pd.DataFrame) -> tuple[list[str], str] | None:
    """The columns of each group's share of promoters, passives and detractors (one each,
    named so) and of how many answered, by their names (and the counts' cells); None for
    any other table."""
    found = []
    for words in _CATEGORY_WORDS.values():  # promoters, passives, detractors
        pattern = re.compile(r"(^|\b)(" + "|".join(map(re.escape, words)) + r")(\b|$)")
        named = [c for c in raw.columns if pattern.search(_norm(c)) and _is_share(c)]
        if len(named) != 1:
            return None
        found.append(named[0])
    bases = [c for c in raw.columns if _BASE.match(_norm(c)) and _whole_counts(raw[c])]
    return (found, bases[0]) if len(bases) == 1 else None


def _share_counts(raw: pd.DataFrame, rows: Any, found: list[str], base: str
                  ) -> tuple[np.ndarray, np.ndarray] | None:
    """A table giving each group's share of promoters, passives and detractors (``found``,
    in percent or as fractions) and how many answered (``base``): each row's counts,
    rebuilt as share x answered and rounded (passives the rest), and how far the promoters
    and detractors could be from them. The counts must give back every share shown to its
    rounding (half a unit of its last decimal, or half a point when written whole), else an
    error names the rows: rounded shares cannot always be undone. None when no row holds
    shares from 0 to 100."""
    text = raw[found].astype("string").apply(lambda s: s.str.strip().str.rstrip("%")
                                              .str.strip().str.replace(",", ".", regex=False))
    shares = text.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    n = pd.to_numeric(raw[base], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    filled = ~np.isnan(shares).any(axis=1) & ~np.isnan(n)
    if not filled.any() or (shares[filled] < 0).any() or (shares[filled] > 100).any():
        return None
    percent = 100.0 if shares[filled].max() > 1 else 1.0
    # the shares' precision, from their values (a spreadsheet's 46.0 is a whole percent)
    decimals = next((d for d in range(5) if np.allclose(
        shares[filled] * 10.0 ** d, np.rint(shares[filled] * 10.0 ** d), rtol=0, atol=1e-6)),
        4)
    tolerance = 0.5 * 10.0 ** -decimals + 1e-9
    size = np.where(filled, n, 0).astype(np.int64)
    exact = np.where(filled[:, None], shares / percent, 0.0) * size[:, None]
    # the whole counts each shown share allows (one, or two when a group is larger than
    # the share's precision: 0.1 points on 1,400 answers)
    lo = np.ceil(np.where(filled[:, None], (shares - tolerance) / percent, 0.0)
                 * size[:, None] - 1e-9).astype(np.int64)
    hi = np.floor(np.where(filled[:, None], (shares + tolerance) / percent, 0.0)
                  * size[:, None] + 1e-9).astype(np.int64)
    lo = np.maximum(lo, 0)
    near = np.clip(np.rint(exact).astype(np.int64), lo, hi)
    promoters, detractors = near[:, 0], near[:, 2]
    passives = size - promoters - detractors
    # passives the rest: where they fall outside what their share allows, move the other
    # two within theirs (detractors first)
    delta = np.maximum(passives - hi[:, 1], 0) - np.maximum(lo[:, 1] - passives, 0)
    step = np.clip(delta, lo[:, 2] - detractors, hi[:, 2] - detractors)
    detractors = detractors + step
    promoters = promoters + np.clip(delta - step, lo[:, 0] - promoters, hi[:, 0] - promoters)
    counts = np.stack([promoters, size - promoters - detractors, detractors], axis=1)
    wrong = filled & ((lo > hi).any(axis=1) | (counts < lo).any(axis=1)
                      | (counts > hi).any(axis=1))
    if wrong.any():
        at = np.asarray(rows[np.arange(len(raw))])[wrong]
        raise InvalidScoreError(
            f"this is a table of shares per group ({_quoted(found)}) and of how many answered "
            f"({base!r}), but on {len(at):,} row(s) (rows {', '.join(map(str, at[:5]))}"
            f"{' ...' if len(at) > 5 else ''}) no whole counts of "
            "that many answers give the shares shown: the shares were rounded too far, or the "
            "column of answers is another count. Export the counts of promoters, passives and "
            "detractors, or compute the NPS with nt.from_counts(promoters=..., passives=..., "
            "detractors=...).")
    # how far the promoters and detractors could be from the counts taken, per row
    spread = np.where(filled, (hi - lo)[:, [0, 2]].sum(axis=1), 0)
    return np.where(filled[:, None], counts, 0), spread


def _has_scores(raw: pd.DataFrame) -> bool:
    """Whether a column holds answers 0-10 by the names read_survey looks for first (nine in
    ten of its cells: a column of each group's NPS in points, -12 to 74, is no answers)."""
    cols = [str(c) for c in raw.columns]
    named = _first_exact(cols, _SCORE_NAMES, set())
    if named is not None and _score_like(raw[named], share=0.9):
        return True
    return _first_pattern(cols, {}, _SCORE_WORDS, set(), lambda c: _score_like(raw[c])) \
        is not None


def score_rows(raw: pd.DataFrame) -> tuple[str, str] | None:
    """The (score, count) columns of a frequency table: one row per score 0-10 with how many
    gave it (a BI tool's or SurveyMonkey's question summary: ``Answer Choices, Responses
    (%), Responses (count)``; per group, a row per branch and score; a ``Total`` row
    below), or None.

    Read as answers, such a file is 11 answers whatever its counts, silently. It is one when
    a column holds nothing but scores 0-10 (the loader's spellings, ``10 - Extremely
    likely`` included), a column named as a count (``count``, ``n``, ``responses``,
    ``Anzahl``, ``응답 수``...) holds whole numbers, some above 1, and no score repeats
    within a group of the other text columns, each group holding three rows or more (a
    file of answers keyed by a customer id has groups of one)."""
    names = [c for c in raw.columns if not _is_share(c)]
    counted = [c for c in names if _HOW_MANY.match(_norm(c)) and _whole_counts(raw[c])]
    if len(counted) != 1 or len(raw) < 3:
        return None
    if len(raw) > 200 and score_rows(raw.head(200)) is None:  # first rows first
        return None
    summary = _summary_rows(raw)
    scores = []
    for c in names:
        if c == counted[0]:
            continue
        values, kind = _parse_scores(raw[c].astype("string").astype(object))
        if (kind == 0).any() and (values[kind == 0] % 1 == 0).all() \
                and not (kind != 0)[~summary].any():
            scores.append(c)
    if len(scores) != 1:
        return None
    score, count = scores[0], counted[0]
    rows = raw.loc[~summary]
    keys = [c for c in rows.columns if c not in (score, count) and not _figures(rows[c])]
    groups = rows.groupby(keys, dropna=False, sort=False).ngroups if keys else 1
    if rows.duplicated(subset=[*keys, score]).any() or len(rows) < 3 * groups:
        return None
    return str(score), str(count)


def _summary_rows(raw: pd.DataFrame) -> np.ndarray:
    """The rows of a frequency table that sum it up: a text cell (the score's own included)
    labels them as a total, an average or the NPS (``Total``, ``Gesamt``, ``NPS``, ``평균``:
    :func:`~nps_toolkit.loading.footer.is_summary`)."""
    from .footer import is_summary

    out = np.zeros(len(raw), dtype=bool)
    for c in raw.columns:
        if raw[c].dtype == object or pd.api.types.is_string_dtype(raw[c].dtype):
            out |= raw[c].map(lambda v: isinstance(v, str) and is_summary(v),
                              na_action="ignore").fillna(False).to_numpy(dtype=bool)
    return out


def _answers_from_score_rows(raw: pd.DataFrame, found: tuple[str, str], notes: list[str],
                             rows: Any) -> tuple[pd.DataFrame, Any]:
    """A frequency table (:func:`score_rows`) as the answers it counts, each with its score."""
    score, count = found
    summary = _summary_rows(raw)
    row_numbers = np.asarray(rows[np.arange(len(raw))])
    if summary.any():
        _say_totals(notes, row_numbers[summary])
        raw, rows = raw.loc[~summary], row_numbers[~summary]
    values, _ = _parse_scores(raw[score].astype("string").astype(object))
    matrix = np.zeros((len(raw), 11), dtype=np.int64)
    matrix[np.arange(len(raw)), values.astype(np.int64)] = _as_counts(raw[count])
    said = tr("a table of how many gave each score ({score!r}, counted in {count!r})",
              score=score, count=count)
    return _expand(raw, [score, count], list(range(11)), notes, rows, said,
                   tr("each answer with its score"), matrix=matrix)


def _answers_from_counts(raw: pd.DataFrame, notes: list[str], rows: Any,
                         scale_given: bool = False) -> tuple[pd.DataFrame, Any]:
    """``raw`` as one row per answer when it is a table of counts per group (see the module):
    counts per category, per score 0-10 or per level of a worded scale
    (:func:`_level_columns`), or how many gave each score, a row each (:func:`score_rows`);
    unchanged otherwise, and whenever a column holds answers 0-10."""
    found = score_rows(raw) if not scale_given else None
    if found is not None:
        return _answers_from_score_rows(raw, found, notes, rows)
    counts = _count_columns(raw)
    levels = _level_columns(raw) if counts is None else None
    named = _share_columns(raw) if counts is None and levels is None else None
    if (counts is None and levels is None and named is None) or _has_scores(raw):
        return raw, rows
    shares = _share_counts(raw, rows, *named) if named is not None else None
    if named is not None and shares is None:
        return raw, rows
    if shares is not None:
        (columns, base), (matrix, spread) = named, shares
        said = tr("a table of shares per group (promoters {p!r}, passives {a!r}, detractors "
                  "{d!r}) and of how many answered ({base!r}), each row's counts rebuilt as "
                  "share x answered, which gives back every share the file shows to its "
                  "rounding", p=columns[0], a=columns[1], d=columns[2], base=base)
        out = _expand(raw, [*columns, base], list(STAND_IN.values()), notes, rows, said,
                      tr(_STOOD_IN), matrix=matrix)
        if spread.any():  # shares rounded coarser than one answer in the group
            notes.append(tr(
                "on {k:,} row(s) the rounded shares allow other counts (up to {m:,} answer(s) "
                "apart): of those that give back every share, the nearest to share x answered "
                "are taken; the NPS could differ by up to {points:.2f} points.",
                k=int((spread > 0).sum()),
                m=int(spread.max()),
                points=100 * float(spread.sum()) / max(int(matrix.sum()), 1)))
        return out
    if counts is not None:
        said = tr("a table of counts per group (promoters {p!r}, passives {a!r}, detractors "
                  "{d!r})", p=counts["promoter"], a=counts["passive"], d=counts["detractor"])
        return _expand(raw, [counts[k] for k in STAND_IN], list(STAND_IN.values()), notes,
                       rows, said, tr(_STOOD_IN))
    columns, values = levels
    if all(isinstance(v, int) for v in values):
        return _expand(raw, columns, values, notes, rows,
                       tr("a table of counts per score ({columns})", columns=_quoted(columns)),
                       tr("each answer with its score"))
    if scale_given:  # the levels as answers, mapped to 0-10 by scale= as any answer is
        return _expand(raw, columns, [str(c) for c in columns], notes, rows,
                       tr("a table of counts per answer ({columns})", columns=_quoted(columns)),
                       tr("each answer as its level, mapped to 0-10 with scale="))
    return _levels_as_categories(raw, columns, notes, rows)


#: what the notes say when each answer stands for its category
_STOOD_IN = N_("each standing for its category with the score 10, 8 or 0 (the scores "
               "themselves are not in the file, so only what depends on the categories is "
               "meaningful)")


def _quoted(columns: list[str]) -> str:
    return ", ".join(repr(str(c)) for c in columns)


def _expand(raw: pd.DataFrame, columns: list[str], values: list[Any], notes: list[str],
            rows: Any, said: str, how: str, matrix: np.ndarray | None = None
            ) -> tuple[pd.DataFrame, Any]:
    """Each row as the answers it counts: ``columns[i]`` answers of ``values[i]`` (or
    ``matrix[:, i]`` answers, when given), row after row; total rows left out and listed, the
    other numeric columns dropped and named."""
    text = [c for c in raw.columns if c not in columns and not _figures(raw[c])]
    total = np.zeros(len(raw), dtype=bool)
    for c in text:
        total |= raw[c].astype("string").map(
            lambda v: bool(_TOTAL.match(_norm(v))) if isinstance(v, str) else False,
            na_action="ignore").fillna(False).to_numpy(dtype=bool)
    row_numbers = np.asarray(rows[np.arange(len(raw))])  # the file's row numbers
    if total.any():
        _say_totals(notes, row_numbers[total])
    kept = raw.loc[~total]
    repeat = (np.stack([_as_counts(kept[c]) for c in columns], axis=1) if matrix is None
              else matrix[~total])
    if repeat.sum() > MAX_ANSWERS:  # a typo of a count (1e9) must not fill the memory
        raise ValueError(
            f"the counts of {_quoted(columns)} add up to {int(repeat.sum()):,} answers, more "
            f"than the {MAX_ANSWERS:,} a table of counts is read as; check the counts, or "
            "compute the NPS with nt.from_counts(promoters=..., passives=..., detractors=...)")
    take = np.repeat(np.arange(len(kept)), repeat.sum(axis=1))
    score = np.repeat(np.tile(np.array(values, dtype=object if isinstance(values[0], str)
                                       else np.int64), len(kept)), repeat.ravel())
    out = kept[text].iloc[take].reset_index(drop=True)
    name = "score" if "score" not in out.columns else "score (category)"
    out[name] = score
    dropped = [str(c) for c in raw.columns if c not in text]
    notes.append(tr("{said}: read as the {n:,} answers it counts, {how}; its per-group "
                    "figures are dropped ({dropped}).", said=said, n=len(out), how=how,
                    dropped=", ".join(repr(c) for c in dropped)))
    return out, row_numbers[~total][take]


def _say_totals(notes: list[str], rows: np.ndarray) -> None:
    """Say which total or subtotal rows (the file's row numbers) were left out."""
    notes.append(tr("{n:,} total or subtotal row(s) left out, so that no answer is counted "
                    "twice (rows {rows}).", n=len(rows),
                    rows=", ".join(str(r) for r in rows[:10])))


def _figures(s: pd.Series) -> bool:
    """Whether a column of a table of counts holds per-group figures (numbers, as read from
    a spreadsheet or as text from a CSV: ``12.5``, ``44``, ``9,96 %``) rather than what names
    the group; a number named as an id or code (``store_id``, ``Agency code``) names it."""
    if _GROUP_ID.search(_norm(s.name)):
        return False
    if pd.api.types.is_numeric_dtype(s.dtype):
        return True
    text = s.dropna().astype(str).str.strip()
    text = text[text != ""]
    number = pd.to_numeric(text.str.rstrip("%").str.strip().str.replace(",", ".", regex=False),
                           errors="coerce")
    return len(text) > 0 and number.notna().mean() >= 0.95


_GROUP_ID = re.compile(r"(^|\s)(id|code|codigo|nr|no|key|number|numero)($|\s)")


def _as_counts(s: pd.Series) -> np.ndarray:
    return pd.to_numeric(s, errors="coerce").fillna(0).to_numpy(dtype=np.int64)


def _level_columns(raw: pd.DataFrame) -> tuple[list[str], list[Any]] | None:
    """The columns counting the answers of each level of a scale, low to high, with each
    level's score (columns named by the scores 0-10: ``0`` ... ``10``, ``Score 9``, ``10 -
    Extremely likely``; 0 and 10 among at least 9 of them) or its name (columns named by the
    levels of a worded scale: ``Extremely Negative`` ... ``Extremely Positive``, as a smiley
    terminal's export counts its four faces per day); None for any other table."""
    names = [c for c in raw.columns if not _is_share(c)]
    if len(names) < 3:
        return None
    # names first (a file of answers has none of these), cells only for the columns so named
    values, kind = _parse_scores(pd.Series([str(c) for c in names], dtype=object))
    numbered = {int(v): c for v, k, c in zip(values, kind, names, strict=True) if k == 0}
    if (len(numbered) >= 9 and {0, 10} <= set(numbered)
            and len(numbered) == int(np.count_nonzero(kind == 0)) and not (kind == 4).any()
            and all(_whole_counts(raw[c]) for c in numbered.values())):
        return [numbered[v] for v in sorted(numbered)], sorted(numbered)
    worded = [c for c in names if _position(str(c)) is not None]
    order = ordinal_order(pd.Series([str(c) for c in worded], dtype=object)) \
        if len(worded) >= 3 else None
    if order is None or len(set(order.values())) < len(order) or np.inf in order.values() \
            or not all(_whole_counts(raw[c]) for c in worded):
        return None
    ordered = sorted(worded, key=lambda c: order[str(c)])
    return ordered, [str(c) for c in ordered]


def _levels_as_categories(raw: pd.DataFrame, columns: list[str], notes: list[str],
                          rows: Any) -> tuple[pd.DataFrame, Any]:
    """Counts per level of a worded scale read as categories the way the file's own NPS
    column computes them (:func:`_own_split`); without one, an error naming the levels and
    how to map them with ``scale=``."""
    counts = np.stack([_as_counts(raw[c]) for c in columns], axis=1)
    found = _own_split(raw, columns, counts)
    if found is None:
        k = len(columns)
        example = ",".join(f"{c}={round(10 * i / (k - 1))}" for i, c in enumerate(columns))
        raise InvalidScoreError(
            f"this is a table of counts per answer of a {k}-level scale ({_quoted(columns)}, "
            "low to high), not answers 0-10, and no column of the file says which levels are "
            "promoters: map each level to a 0-10 score with scale= (e.g. CLI: --scale "
            f"\"{example}\"; which levels count as promoters is your decision).")
    nps, agree, filled, (a, b) = found
    merged = np.stack([counts[:, b:].sum(axis=1), counts[:, a:b].sum(axis=1),
                       counts[:, :a].sum(axis=1)], axis=1)
    said = tr("a table of counts per answer of a {k}-level scale, read as categories the way "
              "the file's own {nps!r} column computes its NPS (it agrees on {agree:,} of "
              "{filled:,} rows): promoters {p}, passives {a}, detractors {d}",
              k=len(columns), nps=nps, agree=agree, filled=filled,
              p=_quoted(columns[b:]), a=_quoted(columns[a:b]) or "-",
              d=_quoted(columns[:a]))
    return _expand(raw, columns, list(STAND_IN.values()), notes, rows, said, tr(_STOOD_IN),
                   matrix=merged)


def _own_split(raw: pd.DataFrame, columns: list[str], counts: np.ndarray
               ) -> tuple[str, int, int, tuple[int, int]] | None:
    """The one split of the levels (detractors ``[:a]``, passives ``[a:b]``, promoters
    ``[b:]``) under which the file's NPS column (named NPS or Net Promoter Score, in points
    or as a fraction) equals the NPS of each row's counts to its rounding (0.5 points) on 95%
    of at least 3 rows; None when no column or no split, or more than one, does."""
    n = counts.sum(axis=1)
    cumulative = np.concatenate([np.zeros((len(counts), 1), dtype=np.int64),
                                 counts.cumsum(axis=1)], axis=1)
    for c in raw.columns:
        if c in columns or not _OWN_NPS.search(_norm(c)):
            continue
        own = pd.to_numeric(raw[c], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        filled = ~np.isnan(own) & (n > 0)
        if filled.sum() < 3 or np.abs(own[filled]).max() > 100:
            continue
        own = own * 100 if np.abs(own[filled]).max() <= 1 else own
        k = len(columns)
        fits = []
        for a in range(1, k):
            for b in range(a, k):
                nps = 100 * ((n - cumulative[:, b]) - cumulative[:, a]) / np.maximum(n, 1)
                agree = int(np.count_nonzero(np.abs(nps - own)[filled] <= 0.5 + 1e-9))
                if agree >= 0.95 * filled.sum():
                    fits.append((str(c), agree, int(filled.sum()), (a, b)))
        if len(fits) == 1:
            return fits[0]
    return None


_OWN_NPS = re.compile(r"(^|\s)nps($|\s)|net promoter")


def _answers_from_categories(raw: pd.DataFrame, notes: list[str]
                             ) -> tuple[pd.DataFrame, str | None, str | None]:
    """An export holding each answer's category (``Promoter``, ``Passive``, ``Detractor``,
    in the supported languages) but no score: a score column standing for each category
    (10, 8, 0) is added, said, as for a table of counts; blank or other cells stay blank
    (left out as blank scores). Returns the frame, the added column's name and the
    category column's, or the frame unchanged and None twice when a column holds answers
    0-10 or none holds only categories."""
    from .profile import _category_column  # profile builds on the loading modules

    if _has_scores(raw):  # (names and 500 cells: before any column is read through)
        return raw, None, None
    found = _category_column(raw, [str(c) for c in raw.columns])
    if found is None:
        return raw, None, None
    column, category = found
    name = "score" if "score" not in raw.columns else "score (category)"
    out = raw.assign(**{name: category.map(STAND_IN, na_action="ignore").astype("Int8")})
    notes.append(tr("column {column!r} holds each answer's category but no score: each answer "
                    "stands for its category with the score 10, 8 or 0 in {name!r} (the scores "
                    "themselves are not in the file, so only what depends on the categories is "
                    "meaningful).", column=column, name=name))
    return out, name, column
