"""Follow-up questions asked by category: "If you would, why?" for promoters and "If you
wouldn't, why?" for detractors, each in its own column. Read as they are, the comment
analysis would see one of them and half the comments; they are merged into one comment
column before the columns' roles are found."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..i18n import tr
from .comments import _text_like
from .rolenames import _COMMENT_WORDS, _norm

_COMMENT = re.compile("|".join(_COMMENT_WORDS))


def _filled(s: pd.Series) -> np.ndarray:
    """Cells that hold something (not missing, not only spaces)."""
    text = s.astype("string")
    return (text.notna() & text.str.strip().ne("")).fillna(False).to_numpy(dtype=bool)


def _merged_follow_ups(raw: pd.DataFrame, texts: dict[str, str], notes: list[str]
                       ) -> tuple[pd.DataFrame, dict[str, str]]:
    """``raw`` with one more column, first, merging the follow-up questions that different
    respondents were asked: columns named like a comment whose filled rows do not overlap
    (at most 5% of the smaller one's rows filled in both, or one row, never half: each
    respondent saw one of them).
    The merged column takes the first filled answer, is named by the questions it merges
    (``"If you wouldn't, why? / If you would, why?"``) and is said in the notes; the
    columns themselves stay. Unchanged when there is one follow-up, or they overlap (several
    questions every respondent answered)."""
    found = [str(c) for c in raw.columns
             if _COMMENT.search(_norm(c) + " " + _norm(texts.get(str(c), "")))
             and _text_like(raw[c])]
    if len(found) < 2:  # one follow-up: nothing to merge, its cells not read (40 ms a 1M)
        return raw, texts
    filled = {c: _filled(raw[c]) for c in found}
    found = [c for c in found if filled[c].any()]  # an empty one ("AI标记原因") asks nobody
    if len(found) < 2:
        return raw, texts
    group = [found[0]]
    union = filled[found[0]].copy()
    overlap = 0
    for c in found[1:]:
        both = int((union & filled[c]).sum())
        smaller = min(int(union.sum()), int(filled[c].sum()))
        # at most 5% of the smaller one's rows in both (one row in a small survey: a
        # respondent who wrote "1" in the wrong box), never half of them
        if smaller and both <= max(1.0, 0.05 * smaller) and both < 0.5 * smaller:
            group.append(c)
            union |= filled[c]
            overlap += both
    if len(group) < 2:
        return raw, texts
    merged = raw[group[0]].astype("string")
    for c in group[1:]:
        merged = merged.where(pd.Series(_filled(merged), index=raw.index),
                              raw[c].astype("string"))
    name = " / ".join(group)
    out = raw.copy(deep=False)
    out.insert(0, name, merged.array)
    texts = {**texts, name: " / ".join(texts.get(c, c) for c in group)}
    notes.append(tr("follow-up questions asked to different respondents ({columns}) are read "
                    "as one comment column: {n:,} rows answered one of them, {both:,} more "
                    "than one (the first one's answer kept).",
                    columns=", ".join(repr(c) for c in group), n=int(union.sum()),
                    both=overlap))
    return out, texts
