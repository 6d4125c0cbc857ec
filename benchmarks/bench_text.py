"""Benchmark: comment analysis (themes, drivers, sentiment, ...) over 100,000 comments.

Run by hand: ``python benchmarks/bench_text.py [--comments N]``. The comments are the bundled
sample's, resampled with replacement and each given a few random extra words, so the
vocabulary grows as with real data. Prints each step's time and the peak memory (max RSS).
Target (issue 5): themes + drivers + sentiment under 60 s on 2 cores.

``--survey FILE`` reads a real export instead (``read_survey``: its score and comment
columns), e.g. the 100,000 Korean film reviews of ``docs/text-analysis-validation.md``;
``--whole`` times one ``analyze_comments`` call with its default settings (what issue 26's
"100,000 comments < 15 s" is about) instead of the steps one by one. Run each in a fresh
process: the first call pays the imports, as a user's does.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
import pandas as pd

import nps_toolkit as nt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--survey", default=None, help="a real export to read instead")
    parser.add_argument("--whole", action="store_true",
                        help="time one analyze_comments call (default settings)")
    args = parser.parse_args()
    df = _survey(args.survey) if args.survey else _resampled(args.comments)
    print(f"{len(df):,} responses, {int(df['comment'].notna().sum()):,} with a comment")
    if args.whole:
        t0 = time.perf_counter()
        result = nt.analyze_comments(df)
        print(f"analyze_comments: {time.perf_counter() - t0:.2f} s "
              f"(codeframe {result.codeframe}, sentiment {result.sentiment_model['method']})")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (max RSS): {peak:.0f} MB")
        return
    _steps(df)


def _survey(path: str) -> pd.DataFrame:
    df, _ = nt.read_survey(path)
    return df


def _resampled(n: int) -> pd.DataFrame:
    sample = nt.load_sample()
    sample = sample[sample["comment"].notna()]
    rng = np.random.default_rng(0)
    idx = rng.integers(0, len(sample), n)
    df = sample.iloc[idx].reset_index(drop=True)
    vocab = np.array(["".join(rng.choice(list("abcdefghijklmnopqrstuvwxyz"), 6))
                      for _ in range(20_000)])
    extra = pd.Series([" ".join(w) for w in vocab[rng.integers(0, len(vocab), (n, 3))]])
    df["comment"] = df["comment"] + " " + extra
    return df


def _steps(df: pd.DataFrame) -> None:
    steps = {}
    t0 = time.perf_counter()
    prep = nt.prepare_comments(df)
    steps["prepare (clean, non-answers, PII, language)"] = time.perf_counter() - t0
    t = time.perf_counter()
    coded = nt.code_themes(prep)
    steps["codeframe themes"] = time.perf_counter() - t
    t = time.perf_counter()
    nt.theme_impact(prep, themes=coded)
    steps["theme impact"] = time.perf_counter() - t
    t = time.perf_counter()
    nt.text_drivers(prep)
    steps["drivers (log-odds, per language)"] = time.perf_counter() - t
    t = time.perf_counter()
    nt.comment_sentiment(prep)
    steps["sentiment (cross-fitted model, 5 folds) + mismatch"] = time.perf_counter() - t
    core = time.perf_counter() - t0
    t = time.perf_counter()
    nt.discover_themes(prep, n_themes=8)
    steps["theme discovery (TF-IDF + NMF)"] = time.perf_counter() - t
    t = time.perf_counter()
    nt.quotes(prep, themes=coded)
    steps["quotes"] = time.perf_counter() - t
    total = time.perf_counter() - t0
    for name, secs in steps.items():
        print(f"  {name:46s} {secs:7.2f} s")
    print(f"themes + impact + drivers + sentiment: {core:.2f} s (target < 60 s)")
    print(f"everything, with discovery and quotes:  {total:.2f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
