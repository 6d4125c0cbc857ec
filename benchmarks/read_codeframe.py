"""Coverage of a codeframe preset on real comments, and a random 40 of its assignments to read
by hand: the figures of ``docs/text-analysis-validation.md`` for the presets built after
issue 26.

Run by hand::

    python benchmarks/read_codeframe.py SURVEY.csv telecom dev        # coverage, dev part
    python benchmarks/read_codeframe.py SURVEY.csv telecom holdout 7  # + 40 to read (seed 7)

The comments that say something are put in a seeded random order (seed 26); the first 65%
("dev") are read while the preset is written, the rest ("holdout") only once it is frozen.
Each line to read shows the row (``read_survey``'s index), the theme and the comment; the
reads are kept in ``benchmarks/<survey>_hand_read.json``.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

import nps_toolkit as nt


def comments(path: str, part: str):
    df, _ = nt.read_survey(path)
    prep = nt.prepare_comments(df)
    prep = prep[prep["is_answer"]]
    prep = prep.iloc[np.random.default_rng(26).permutation(len(prep))]
    cut = int(len(prep) * 0.65)
    return prep.iloc[:cut] if part == "dev" else prep.iloc[cut:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("survey")
    parser.add_argument("codeframe")
    parser.add_argument("part", choices=["dev", "holdout"])
    parser.add_argument("seed", nargs="?", type=int, help="print 40 assignments to read")
    args = parser.parse_args()
    prep = comments(args.survey, args.part)
    coded = nt.code_themes(prep, codeframe=args.codeframe)
    any_theme = coded.any(axis=1)
    specific = coded.drop(columns=["overall impression"]).any(axis=1)
    print(f"{args.part}: {len(prep):,} comments; coverage {any_theme.mean():.1%}, "
          f"without 'overall impression' {specific.mean():.1%}")
    print(coded.mean().sort_values(ascending=False).round(3).to_string())
    if args.seed is None:
        return
    pairs = [(i, t) for t in coded.columns for i in np.flatnonzero(coded[t].to_numpy())]
    pick = np.random.default_rng(args.seed).choice(len(pairs), size=40, replace=False)
    frame = nt.CODEFRAMES[args.codeframe]
    for k, j in enumerate(sorted(pick), 1):
        i, theme = pairs[j]
        text = prep["text"].iloc[i]
        print(f"{k:2d} [{prep.index[i]}] {theme}: {_where(text, frame[theme], prep, i)}")


def _where(text: str, patterns: dict, prep, i: int) -> str:
    """The comment, or for a long one the words around the first pattern that matched it (in
    the folded text the coder reads), so a reader judges the sense the pattern caught."""
    import re

    from nps_toolkit.text._common import _fold

    if len(text) <= 300:
        return text
    folded = _fold(pd.Series([text])).iloc[0]
    lang = prep["comment_language"].iloc[i]
    for pattern in patterns.get(lang, []) or [p for ps in patterns.values() for p in ps]:
        m = re.search(pattern, folded)
        if m:
            return f"...{folded[max(0, m.start() - 120):m.end() + 120]}..."
    return text[:300]


if __name__ == "__main__":
    main()
