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

from ..i18n import tr
from .columns import _SCORE_NAMES, _SCORE_WORDS, _first_exact, _first_pattern, _norm, _score_like
from .names import _CATEGORY_WORDS

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
        named = [c for c in raw.columns if pattern.search(_norm(c)) and not _SHARE.search(
            str(c).lower()) and _whole_counts(raw[c])]
        if len(named) != 1:
            return None
        found[category] = named[0]
    return found


def _has_scores(raw: pd.DataFrame) -> bool:
    """Whether a column holds answers 0-10 by the names read_survey looks for first (nine in
    ten of its cells: a column of each group's NPS in points, -12 to 74, is no answers)."""
    cols = [str(c) for c in raw.columns]
    named = _first_exact(cols, _SCORE_NAMES, set())
    if named is not None and _score_like(raw[named], share=0.9):
        return True
    return _first_pattern(cols, {}, _SCORE_WORDS, set(), lambda c: _score_like(raw[c])) \
        is not None


def _answers_from_counts(raw: pd.DataFrame, notes: list[str], rows: Any
                         ) -> tuple[pd.DataFrame, Any]:
    """``raw`` as one row per answer when it is a table of counts per group (see the module);
    unchanged otherwise, and whenever a column holds answers 0-10."""
    counts = _count_columns(raw)
    if counts is None or _has_scores(raw):
        return raw, rows
    text = [c for c in raw.columns if not pd.api.types.is_numeric_dtype(raw[c].dtype)
            and c not in counts.values()]
    total = np.zeros(len(raw), dtype=bool)
    for c in text:
        total |= raw[c].astype("string").map(
            lambda v: bool(_TOTAL.match(_norm(v))) if isinstance(v, str) else False,
            na_action="ignore").fillna(False).to_numpy(dtype=bool)
    row_numbers = np.asarray(rows[np.arange(len(raw))])  # the file's row numbers
    if total.any():
        notes.append(tr("{n:,} total or subtotal row(s) left out, so that no answer is counted "
                        "twice (rows {rows}).", n=int(total.sum()),
                        rows=", ".join(str(r) for r in row_numbers[total][:10])))
    kept = raw.loc[~total]
    # answers per row and category, row after row: promoters, passives, detractors
    repeat = np.stack([pd.to_numeric(kept[counts[k]], errors="coerce").fillna(0)
                       .to_numpy(dtype=np.int64) for k in STAND_IN], axis=1)
    if repeat.sum() > MAX_ANSWERS:  # a typo of a count (1e9) must not fill the memory
        raise ValueError(
            f"the counts of {counts['promoter']!r}, {counts['passive']!r} and "
            f"{counts['detractor']!r} add up to {int(repeat.sum()):,} answers, more than the "
            f"{MAX_ANSWERS:,} a table of counts is read as; check the counts, or compute the "
            "NPS with nt.from_counts(promoters=..., passives=..., detractors=...)")
    take = np.repeat(np.arange(len(kept)), repeat.sum(axis=1))
    score = np.repeat(np.tile(np.array(list(STAND_IN.values())), len(kept)), repeat.ravel())
    out = kept[text].iloc[take].reset_index(drop=True)
    name = "score" if "score" not in out.columns else "score (category)"
    out[name] = score
    dropped = [str(c) for c in raw.columns if c not in text]
    notes.append(tr("a table of counts per group (promoters {p!r}, passives {a!r}, detractors "
                    "{d!r}): read as the {n:,} answers it counts, each standing for its "
                    "category with the score 10, 8 or 0 (the scores themselves are not in the "
                    "file, so only what depends on the categories is meaningful); its "
                    "per-group figures are dropped ({dropped}).", p=counts["promoter"],
                    a=counts["passive"], d=counts["detractor"], n=len(out),
                    dropped=", ".join(repr(c) for c in dropped)))
    return out, row_numbers[~total][take]
