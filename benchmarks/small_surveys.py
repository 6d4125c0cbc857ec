"""Issue 26 §7: the sentiment of small surveys, measured on seeded draws from a real one.

Run by hand: ``python benchmarks/small_surveys.py SURVEY.csv [--sizes 60 125 190 240 400
1000] [--reps 40]``. From the answers with a comment, ``reps`` seeded draws of each size are
taken (seed = the draw's number); in each, three readings are scored over every labelled
comment (promoter 9-10 against detractor 0-6; no word found counts as neutral):

- ``lexicon``: :func:`nps_toolkit.comment_sentiment` with ``method="lexicon"`` (the word
  lists; what a survey with fewer than 40 promoter or detractor comments got before the
  twenty-fifth session, and still gets in a language without a shipped model);
- ``pretrained``: ``method="pretrained"``, the model shipped for the comments' language
  (Korean; the word lists elsewhere): what such a survey gets now;
- ``model``: the survey's own cross-fitted model (``method="model"``; 40 or more each);
- ``pooled``: the same cross-fitted logistic regression with the lexicon's polarity as one
  more feature - the survey's own labels pooled with the word lists (issue 26 §7 suggests it).

Prints the mean and the lowest AUC over the draws, and the mean number of detractor
comments. Figures in ``docs/text-analysis-validation.md`` (twenty-second and twenty-fifth
sessions).
"""

from __future__ import annotations

import argparse

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

import nps_toolkit as nt
from nps_toolkit.text.model import _auc
from nps_toolkit.text.prepare import _prepared
from nps_toolkit.text.terms import prepared_terms


def pooled(counts, lexicon, y, labelled, folds=5):
    """Out-of-fold log-odds of a TF-IDF logistic regression with the lexicon as a feature
    (the terms found in 2+ training comments, as the survey's model keeps them)."""
    idx = np.flatnonzero(labelled)
    folds = min(folds, int((y[idx] == 1).sum()), int((y[idx] == 0).sum()))
    out = np.full(len(y), np.nan)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(idx, y[idx]):
        train, test = idx[train], idx[test]
        keep = np.flatnonzero(counts[train].getnnz(axis=0) >= 2)
        weigh = TfidfTransformer(sublinear_tf=True).fit(counts[train][:, keep])

        def features(rows, weigh=weigh, keep=keep):
            return sp.hstack([weigh.transform(counts[rows][:, keep]),
                              sp.csr_matrix(lexicon[rows][:, None])]).tocsr()

        model = LogisticRegression(max_iter=2000, class_weight="balanced", solver="newton-cg")
        out[test] = model.fit(features(train), y[train]).decision_function(features(test))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("survey")
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 125, 190, 240, 400, 1000])
    parser.add_argument("--reps", type=int, default=40)
    args = parser.parse_args()
    df, _ = nt.read_survey(args.survey)
    df = df[df["comment"].notna()].reset_index(drop=True)
    prep = _prepared(df, "comment", "score")
    answered = np.flatnonzero(prep["is_answer"].to_numpy(bool))
    lexicon = nt.comment_sentiment(prep, method="lexicon")["sentiment"].fillna(0).to_numpy()
    shipped = nt.comment_sentiment(prep, method="pretrained")["sentiment"].fillna(0).to_numpy()
    counts = prepared_terms(prep, content=False, keep=False).counts.tocsr()
    scores = prep["score"].astype(float).to_numpy()
    for n in args.sizes:
        aucs: dict[str, list[float]] = {"lexicon": [], "pretrained": [], "model": [],
                                        "pooled": []}
        detractors = []
        for rep in range(args.reps):
            rows = np.random.default_rng(rep).choice(answered, n, replace=False)
            s = scores[rows]
            labelled, y = (s >= 9) | (s <= 6), (s >= 9).astype(int)
            if min(int((labelled & (y == 1)).sum()), int((labelled & (y == 0)).sum())) < 5:
                continue
            detractors.append(int((labelled & (y == 0)).sum()))
            model = nt.comment_sentiment(df.iloc[rows], method="model")["sentiment"].to_numpy()
            for name, reading in (("lexicon", lexicon[rows]), ("pretrained", shipped[rows]),
                                  ("model", model),
                                  ("pooled", pooled(counts[rows], lexicon[rows], y, labelled))):
                aucs[name].append(_auc(y[labelled], np.nan_to_num(reading[labelled])))
        print(f"n={n:>5} detractor comments {np.mean(detractors):6.1f}  " + "  ".join(
            f"{k} {np.mean(v):.3f} (lowest {min(v):.3f})" for k, v in aucs.items()))


if __name__ == "__main__":
    main()
