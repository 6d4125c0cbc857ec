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

A file of comments without a score (the City of Austin's resident comments, for ``public``)
is read with ``--comment COLUMN``: its rows with a comment are split by a seeded uniform draw
(seed 26, the first 65% "dev"), and ``--seen N`` leaves out of the holdout the 40 comments a
random sample (seed N) of the whole file showed while the preset was drafted::

    python benchmarks/read_codeframe.py austin.csv public holdout 11 --comment Comment --seen 3
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

import nps_toolkit as nt


def comments(path: str, part: str, column: str | None = None, seen: int | None = None):
    if column is not None:  # comments only, no score
        raw = pd.read_csv(path)
        raw = raw[raw[column].notna()].reset_index(drop=True)
        dev = np.random.default_rng(26).random(len(raw)) < 0.65
        keep = dev if part == "dev" else ~dev
        if seen is not None and part == "holdout":
            shown = set(raw[column].astype(str).sample(40, random_state=seen))
            keep &= ~raw[column].astype(str).isin(shown).to_numpy()
        prep = nt.prepare_comments(pd.DataFrame({"comment": raw.loc[keep, column].astype(str)}),
                                   score=None)
        return prep[prep["is_answer"]]
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
    parser.add_argument("--comment", help="a file of comments without a score: their column")
    parser.add_argument("--seen", type=int, help="with --comment: the seed of the 40 comments "
                        "shown while drafting, left out of the holdout")
    args = parser.parse_args()
    prep = comments(args.survey, args.part, args.comment, args.seen)
    coded = nt.code_themes(prep, codeframe=args.codeframe,
                           score=None if args.comment else "score")
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
