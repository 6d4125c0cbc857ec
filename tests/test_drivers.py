"""Driver importance: Shapley R^2 against brute force, bootstrap, and the real survey."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import nps_toolkit as nt

BOTANIC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "npsgame_botanic_fr.csv"


def r2(y, x):
    if x.shape[1] == 0:
        return 0.0
    design = np.column_stack([np.ones(len(y)), x])
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ beta
    return 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))


@pytest.fixture(scope="module")
def synthetic():
    rng = np.random.default_rng(11)
    n = 800
    base = rng.normal(size=n)
    x = np.column_stack([base + rng.normal(scale=0.5, size=n), rng.normal(size=n),
                         0.6 * base + rng.normal(size=n), rng.normal(size=n)])
    y = np.clip(np.rint(6 + 1.2 * x[:, 0] + 0.6 * x[:, 1] + 0.3 * x[:, 2]
                        + rng.normal(size=n)), 0, 10)
    return pd.DataFrame({"score": y, "delivery": x[:, 0], "price": x[:, 1],
                         "service": x[:, 2], "noise": x[:, 3]})


def test_shapley_matches_average_over_all_orderings(synthetic):
    names = ["delivery", "price", "service", "noise"]
    y = synthetic["score"].to_numpy()
    x = synthetic[names].to_numpy()
    brute = np.zeros(4)
    orders = list(itertools.permutations(range(4)))
    for order in orders:
        taken: list[int] = []
        for j in order:
            brute[j] += r2(y, x[:, [*taken, j]]) - r2(y, x[:, taken])
            taken.append(j)
    brute /= len(orders)
    out = nt.driver_importance(synthetic, drivers=names, n_resamples=0).set_index("driver")
    for j, name in enumerate(names):
        assert out.loc[name, "r2_contribution"] == pytest.approx(brute[j], abs=1e-10)
    assert out.attrs["r2"] == pytest.approx(r2(y, x), abs=1e-10)
    assert out["share"].sum() == pytest.approx(1.0)
    assert out.index[0] == "delivery" and out.index[-1] == "noise"


def test_bootstrap_intervals_cover_point_and_are_seeded(synthetic):
    a = nt.driver_importance(synthetic, drivers=["delivery", "price"], n_resamples=100, seed=4)
    b = nt.driver_importance(synthetic, drivers=["delivery", "price"], n_resamples=100, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert ((a["share_ci_low"] <= a["share"]) & (a["share"] <= a["share_ci_high"])).all()
    assert (a["share_ci_high"] - a["share_ci_low"] > 0).all()


def test_low_vs_high_nps_and_missing_rows(synthetic):
    df = synthetic.copy()
    df.loc[:9, "price"] = np.nan
    out = nt.driver_importance(df, drivers=["delivery", "price"], n_resamples=0).set_index("driver")
    assert out.attrs["n_excluded"] == 10 and out.attrs["n_used"] == len(df) - 10
    used = df.dropna()
    high = used["delivery"] > used["delivery"].median()
    assert out.loc["delivery", "nps_high"] == pytest.approx(
        nt.score(used.loc[high, "score"]).nps)
    assert out.loc["delivery", "nps_gap"] > 0 and out.loc["delivery", "gap_p_value"] < 0.001


def test_bad_input(synthetic):
    with pytest.raises(ValueError, match="at least one"):
        nt.driver_importance(synthetic, drivers=[])
    with pytest.raises(ValueError, match="do not vary"):
        nt.driver_importance(synthetic.assign(c=1.0), drivers=["delivery", "c"])
    with pytest.raises(ValueError, match="non-numeric"):
        nt.driver_importance(synthetic.assign(t="x"), drivers=["delivery", "t"])
    wide = synthetic.assign(**{f"d{i}": synthetic["noise"] + i for i in range(13)})
    with pytest.raises(ValueError, match="at most 12 drivers for the Shapley"):
        nt.driver_importance(wide, drivers=[f"d{i}" for i in range(13)],
                             decomposition="shapley")
    with pytest.raises(ValueError, match="decomposition must be"):
        nt.driver_importance(synthetic, drivers=["delivery"], decomposition="lmg")


@pytest.mark.skipif(not BOTANIC.exists(), reason=f"real survey not available at {BOTANIC}")
def test_botanic_drivers_satisfaction_and_intention():
    df, _ = nt.read_survey(BOTANIC)
    out = nt.driver_importance(df, drivers=["satisfaction", "intention"], n_resamples=50)
    assert out.attrs["r2"] > 0.5
    assert set(out["driver"]) == {"satisfaction", "intention"}
    assert (out["nps_gap"] > 40).all() and out["high_means"].str.match(r">=? \d").all()
    assert math.isclose(out["share"].sum(), 1.0)


def _johnson_by_svd(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Johnson's relative weights worked out on the data, not the correlation matrix: the
    standardised drivers' SVD ``X = P D Q'`` gives their orthonormal counterparts
    ``Z = P Q'``; the target is regressed on Z, each driver on Z (its loadings), and each
    driver gets sum over Z of loading^2 x beta^2 (Johnson 2000, steps 1-4)."""
    zx = (x - x.mean(axis=0)) / x.std(axis=0)
    zy = (y - y.mean()) / y.std()
    p, _, qt = np.linalg.svd(zx, full_matrices=False)
    z = p @ qt * np.sqrt(len(y))                   # unit-variance orthogonal counterparts
    beta = np.linalg.lstsq(z, zy, rcond=None)[0]   # target on Z
    loads = np.linalg.lstsq(z, zx, rcond=None)[0]  # each driver on Z: (Z, driver)
    return (loads ** 2 * (beta ** 2)[:, None]).sum(axis=0)


def test_relative_weights_match_johnsons_steps_on_the_data(synthetic):
    """Issue 28 (a 240-column export had 59 further 0-10 questions: the report stopped at
    'at most 12 drivers'): past 12 drivers the shares are Johnson's relative weights; the
    batched eigen-decomposition of the correlation matrix gives what Johnson's steps on the
    data give, the weights add up to R^2, and with two drivers they are LMG's exactly."""
    names = ["delivery", "price", "service", "noise"]
    y, x = synthetic["score"].to_numpy(), synthetic[names].to_numpy()
    out = nt.driver_importance(synthetic, drivers=names, n_resamples=0,
                               decomposition="relative_weights").set_index("driver")
    assert out.attrs["decomposition"] == "relative_weights"
    np.testing.assert_allclose(out.loc[names, "r2_contribution"], _johnson_by_svd(y, x),
                               atol=1e-10)
    assert out["r2_contribution"].sum() == pytest.approx(r2(y, x), abs=1e-10)
    lmg = nt.driver_importance(synthetic, drivers=names, n_resamples=0).set_index("driver")
    assert lmg.attrs["decomposition"] == "shapley"
    gap = (out["r2_contribution"] - lmg.loc[out.index, "r2_contribution"]).abs().max()
    assert gap < 0.05 * out.attrs["r2"] and list(out.index) == list(lmg.index)
    two = ["delivery", "service"]  # correlated: the case where methods could differ
    a = nt.driver_importance(synthetic, drivers=two, n_resamples=0,
                             decomposition="relative_weights").set_index("driver")
    b = nt.driver_importance(synthetic, drivers=two, n_resamples=0).set_index("driver")
    np.testing.assert_allclose(a.loc[two, "r2_contribution"], b.loc[two, "r2_contribution"],
                               atol=1e-10)


def test_many_drivers_are_decomposed_with_intervals():
    """Sixty 0-10 questions, as a hotel survey's export holds: 'auto' takes relative
    weights, the shares add up to 1, the true drivers come first, intervals are seeded and
    cover the point."""
    rng = np.random.default_rng(59)
    n, k = 3000, 60
    common = rng.normal(size=n)
    x = np.clip(np.rint(6 + 1.5 * (0.6 * common[:, None] + rng.normal(size=(n, k)))), 0, 10)
    y = np.clip(np.rint(1 + 0.5 * x[:, 0] + 0.3 * x[:, 1] + rng.normal(size=n)), 0, 10)
    df = pd.DataFrame(x, columns=[f"q{i:02d}" for i in range(k)]).assign(score=y)
    names = [f"q{i:02d}" for i in range(k)]
    out = nt.driver_importance(df, drivers=names, n_resamples=40, seed=3)
    again = nt.driver_importance(df, drivers=names, n_resamples=40, seed=3)
    pd.testing.assert_frame_equal(out, again)
    assert out.attrs["decomposition"] == "relative_weights" and len(out) == k
    assert out["share"].sum() == pytest.approx(1.0)
    assert out["driver"].tolist()[:2] == ["q00", "q01"]
    assert ((out["share_ci_low"] <= out["share"] + 1e-12)
            & (out["share"] <= out["share_ci_high"] + 1e-12)).all()


def test_min_complete_leaves_out_the_drivers_few_answer_together():
    """A hotel survey asks about dining and the spa only those who used them: with every
    driver, 6% of the answers are complete and the regression is refused with the drivers
    answered least named; with min_complete=0.5 they are left out one at a time (the one
    whose removal completes the most answers first) and the rest decomposed."""
    rng = np.random.default_rng(7)
    n = 2000
    x = np.clip(np.rint(rng.normal(7, 2, size=(n, 5))), 0, 10)
    y = np.clip(np.rint(0.6 * x[:, 0] + 0.3 * x[:, 1] + rng.normal(1.5, 1, size=n)), 0, 10)
    df = pd.DataFrame(x, columns=["room", "staff", "checkin", "dining", "spa"]).assign(score=y)
    df.loc[rng.random(n) < 0.8, "dining"] = np.nan
    df.loc[rng.random(n) < 0.7, "spa"] = np.nan
    names = ["room", "staff", "checkin", "dining", "spa"]
    strict = nt.driver_importance(df, drivers=names, n_resamples=0)
    assert strict.attrs["left_out"] == [] and strict.attrs["n_used"] < 0.1 * n
    out = nt.driver_importance(df, drivers=names, n_resamples=0, min_complete=0.5)
    assert out.attrs["left_out"] == ["dining", "spa"]
    assert sorted(out["driver"]) == ["checkin", "room", "staff"]
    assert out.attrs["n_used"] == n and out["driver"].iloc[0] == "room"
    # greedy, and no further than needed: with the last one back, too few are complete
    kept = df[["room", "staff", "checkin", "spa"]].notna().all(axis=1).mean()
    assert kept < 0.5
    sparse = df.assign(dining=np.where(rng.random(n) < 0.999, np.nan, df["dining"]))
    with pytest.raises(ValueError, match=r"answered least: 'dining' \(\d answers\)"):
        nt.driver_importance(sparse, drivers=names, n_resamples=0)
    with pytest.raises(ValueError, match="min_complete must be a share"):
        nt.driver_importance(df, drivers=names, min_complete=50)
    tie = df.assign(a=np.where(np.arange(n) % 2 == 0, np.nan, 1.0) + x[:, 2],
                    b=np.where(np.arange(n) % 2 == 1, np.nan, 1.0) + x[:, 3])
    got = nt.driver_importance(tie, drivers=["room", "b", "a"], n_resamples=0, min_complete=0.9)
    assert got.attrs["left_out"] == ["a", "b"]  # a tie on every count: by name


def test_drivers_answered_in_words_are_read_as_their_scale():
    """A further question asked on a worded scale (a real Brazilian export asks five, in
    Portuguese) is a driver like a 0-10 one: the shares are those of the same answers
    mapped to 1-5 by hand, "don't know" missing, and the mapping is in attrs."""
    rng = np.random.default_rng(9)
    n = 400
    words = ["Insatisfeito", "Pouco Satisfeito", "Regular", "Satisfeito", "Muito Satisfeito"]
    level = rng.integers(0, 5, n)
    speed = rng.normal(size=n)
    score = np.clip(np.rint(2 + 1.6 * level + speed + rng.normal(size=n)), 0, 10)
    support = np.array(words, dtype=object)[level]
    support[:15] = "Não sei Informar"
    df = pd.DataFrame({"score": score, "Suporte?": support, "speed": speed})
    got = nt.driver_importance(df, drivers=["Suporte?", "speed"], n_resamples=50)
    by_hand = df.assign(**{"Suporte?": df["Suporte?"].map(
        {w: i + 1.0 for i, w in enumerate(words)})})
    want = nt.driver_importance(by_hand, drivers=["Suporte?", "speed"], n_resamples=50)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))
    assert got.attrs["scales"]["Suporte?"]["Muito Satisfeito"] == 5.0
    assert got.attrs["n_excluded"] == 15
    # words that are no scale are refused, saying how to map them
    with pytest.raises(ValueError, match=r"worded scale it can order.*'region'.*map"):
        nt.driver_importance(df.assign(region=rng.choice(["N", "S", "E"], n)),
                             drivers=["region", "speed"])
