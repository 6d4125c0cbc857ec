"""Train the Korean sentiment model shipped in ``nps_toolkit/data/sentiment_ko.npz``.

    git clone https://github.com/e9t/nsmc /tmp/nsmc
    python scripts/train_sentiment_ko.py /tmp/nsmc

The corpus is the Naver sentiment movie corpus (Lucy Park, `e9t/nsmc`, **CC0 1.0**): its
``raw/*.json`` hold 712,404 Naver film reviews, each with its 1-10 rating. Reviews rated 9-10
are promoters, 1-6 detractors (7-8 left out, as NPS does); duplicate texts are kept once. The
1,200 films of ``scripts/nsmc_heldout_films.txt`` (a seeded draw, seed 26, used to measure
the package since the seventeenth session) are left out, so the measurements on them stay
on reviews the model never saw. A logistic regression (L2, C = 1, classes weighed equally)
over :func:`nps_toolkit.text.pretrained.vectorizer`'s hashed character 2-4-grams; the
weights are stored as 8-bit integers with one scale (the AUCs measured with them equal the
float weights' to four decimals), with the feature columns of a probe text that the package
compares on loading. Deterministic: the same corpus gives the same file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from nps_toolkit.text.pretrained import PROBE, features

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("nsmc", type=Path, help="a clone of github.com/e9t/nsmc")
    args = parser.parse_args()
    held = set((ROOT / "scripts" / "nsmc_heldout_films.txt").read_text().split())
    rows = [r for f in sorted((args.nsmc / "raw").glob("*.json")) if f.stem not in held
            for r in json.loads(f.read_text(encoding="utf-8"))]
    d = pd.DataFrame(rows)
    d["rating"] = pd.to_numeric(d["rating"])
    d = d[(d["review"].str.strip() != "") & ((d["rating"] >= 9) | (d["rating"] <= 6))]
    d = d.drop_duplicates("review")
    model = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
    model.fit(features(d["review"].tolist()), (d["rating"] >= 9).to_numpy())
    w = model.coef_[0]
    scale = np.abs(w).max() / 127
    np.savez_compressed(ROOT / "nps_toolkit" / "data" / "sentiment_ko.npz",
                        weights=np.round(w / scale).astype(np.int8),
                        scale=np.float32(scale), intercept=np.float32(model.intercept_[0]),
                        probe=np.sort(features([PROBE]).indices),
                        trained_on=np.int64(len(d)))
    print(f"{len(d):,} reviews ({int((d['rating'] <= 6).sum()):,} detractor), "
          f"{len(set(d['movie_id'])):,} films")


if __name__ == "__main__":
    main()
