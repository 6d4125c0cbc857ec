"""Validation: the comment analysis on a real survey, the figures of
``docs/text-analysis-validation.md``.

Run by hand: ``python benchmarks/validate_text.py [SURVEY.csv]`` (default: the real French
Botanic survey in ``../shared/data``). Prints language accuracy and the undetermined share,
the sentiment AUC (survey model and lexicon), the mismatch flags and how many of them were
judged real when read by hand, the codeframe coverage (with and without the "overall
impression" theme) and the hand-read assignments, the largest discovered topic, and the
time of ``analyze_comments``. Hand-read labels live in ``benchmarks/botanic_hand_read.json``
(read by a developer; the tests use the same file) and, for the Spanish banking comments of
``docs/text-analysis-validation.md``, ``benchmarks/senda_hand_read.json``:

    python benchmarks/validate_text.py senda.tsv --language es --codeframe banking \
        --hand-read benchmarks/senda_hand_read.json

Pass ``--language xx`` for a survey written in one language other than French.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import nps_toolkit as nt

HERE = Path(__file__).resolve().parent
BOTANIC = HERE.parents[1] / "shared" / "data" / "npsgame_botanic_fr.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("survey", nargs="?", default=str(BOTANIC))
    parser.add_argument("--language", default="fr", help="the language the survey is in")
    parser.add_argument("--codeframe", default="retail")
    parser.add_argument("--comment-rows", default=None, metavar="START:STOP",
                        help="keep only these rows among those with a comment, in file order")
    parser.add_argument("--hand-read", default=None,
                        help="JSON of hand-read labels (default: the Botanic file's, for it)")
    args = parser.parse_args()
    df, _ = nt.read_survey(args.survey)
    if args.comment_rows:
        start, stop = (int(x) if x else None for x in args.comment_rows.split(":"))
        written = df["comment"].notna() & (df["comment"].astype("string").str.strip() != "")
        df = df[written.fillna(False)].iloc[start:stop]
    is_botanic = Path(args.survey).name == BOTANIC.name
    hand = args.hand_read or (HERE / "botanic_hand_read.json" if is_botanic else None)
    labels = json.loads(Path(hand).read_text(encoding="utf-8")) if hand else {}

    prep = nt.prepare_comments(df)
    acc = prep.attrs["account"]
    answered = prep[prep["is_answer"]]
    two_words = answered["text"].str.split().str.len() >= 2
    lang = answered.loc[two_words, "comment_language"]
    print(f"comments analysed: {acc['analysed']:,} of {int(df['comment'].notna().sum()):,} "
          "written; not analysed: "
          + ", ".join(f"{k} {v}" for k, v in acc.items()
                      if k not in ("comments", "analysed", "cut_at_max_chars", "pii_redacted",
                                   "language_undetermined") and v))
    print(f"language ({two_words.sum():,} comments of 2+ words): "
          f"{(lang == args.language).mean():.1%} {args.language}, "
          f"{(lang == 'und').mean():.1%} undetermined")

    model = nt.comment_sentiment(prep)
    lexicon = nt.comment_sentiment(prep, method="lexicon")
    print(f"sentiment AUC, promoter vs detractor comments: model {model.attrs['auc']:.3f} "
          f"({model.attrs['method']}, {model.attrs['labelled']:,} labelled), "
          f"lexicon {lexicon.attrs['auc']:.3f} over all labelled comments "
          f"({lexicon.attrs['auc_where_found']:.3f} on the {lexicon.attrs['coverage']:.0%} "
          "where it found a word)")
    for strong in (0.15, 0.2):
        flags = nt.mismatch_flags(prep["score"], model["sentiment"],
                                  p_promoter=model["p_promoter"], strong=strong)
        ids = (prep.loc[flags != "", "response_id"].astype(str).tolist()
               if "response_id" in prep else prep.index[flags != ""].astype(str).tolist())
        read = [labels["mismatch"].get(i) for i in ids] if "mismatch" in labels else []
        real = sum(bool(r) for r in read)
        print(f"mismatch flags at strong={strong}: {len(ids)}"
              + (f", {real} real when read ({sum(r is None for r in read)} not read)"
                 if "mismatch" in labels else ""))

    coded = nt.code_themes(answered, codeframe=args.codeframe)
    specific = coded.drop(columns=["overall impression"], errors="ignore")
    print(f"codeframe {args.codeframe!r}: coverage {coded.any(axis=1).mean():.1%}, "
          f"{specific.any(axis=1).mean():.1%} without 'overall impression' "
          f"(default e-commerce: {nt.code_themes(answered).any(axis=1).mean():.1%})")
    if "holdout_assignments" in labels:
        read = labels["holdout_assignments"]
        sample = _assignment_sample(coded, answered, read["seed"])
        right = {tuple(x) for x in read["right"]}
        wrong = {tuple(x) for x in read["wrong"]}
        n_right, n_wrong = len(sample & right), len(sample & wrong)
        print(f"  hand-read assignments (random {len(sample)}, seed {read['seed']}): "
              f"{n_right} right, {n_wrong} wrong, {len(sample - right - wrong)} not read "
              f"-> precision {n_right / max(n_right + n_wrong, 1):.0%}")
    if is_botanic and args.codeframe == "retail":
        by_id = coded.set_axis(answered["response_id"].astype(str).to_numpy())
        right = sum(bool(by_id.loc[i, t]) for i, t in labels["retail_right"])
        wrong = sum(bool(by_id.loc[i, t]) for i, t in labels["retail_wrong"])
        print(f"  hand-read assignments still coded: {right} of {len(labels['retail_right'])} "
              f"right ones, {wrong} of {len(labels['retail_wrong'])} wrong ones")

    t = time.perf_counter()
    result = nt.analyze_comments(df, n_themes=10)
    secs = time.perf_counter() - t
    shares = result.discovered.topics["share"]
    print(f"discovered topics: largest holds {shares.max():.1%} of comments; "
          f"{(result.discovered.assignment < 0).mean():.1%} unassigned")
    for side in ("detractors", "promoters"):
        found = nt.discover_themes(prep, side=side, n_themes=5)
        print(f"  {side}: " + "; ".join(found.topics["label"]))
    sig = result.drivers
    print(f"drivers: {len(sig)} terms listed, {int(sig['significant'].sum())} significant")
    analysed = int(acc["analysed"])
    print(f"analyze_comments: {secs:.1f} s on {len(df):,} responses ({analysed:,} comments "
          f"analysed: {10_000 * secs / max(analysed, 1):.1f} s per 10,000 comments)")


def _assignment_sample(coded, answered, seed: int, n: int = 40) -> set[tuple[str, str]]:
    """A random ``n`` of the (response id, theme) assignments, as they were read by hand."""
    import numpy as np
    import pandas as pd

    pairs = coded.stack()
    pairs = pairs[pairs].index.tolist()
    pick = np.random.default_rng(seed).choice(len(pairs), size=min(n, len(pairs)),
                                              replace=False)
    ids = (answered["response_id"].astype(str) if "response_id" in answered
           else pd.Series(answered.index.astype(str), index=answered.index))  # row labels
    return {(ids.loc[pairs[k][0]], pairs[k][1]) for k in pick}


if __name__ == "__main__":
    main()
