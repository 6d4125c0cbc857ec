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
    with pytest.raises(ValueError, match="at most 12"):
        nt.driver_importance(synthetic, drivers=[f"d{i}" for i in range(13)])


@pytest.mark.skipif(not BOTANIC.exists(), reason=f"real survey not available at {BOTANIC}")
def test_botanic_drivers_satisfaction_and_intention():
    df, _ = nt.read_survey(BOTANIC)
    out = nt.driver_importance(df, drivers=["satisfaction", "intention"], n_resamples=50)
    assert out.attrs["r2"] > 0.5
    assert set(out["driver"]) == {"satisfaction", "intention"}
    assert (out["nps_gap"] > 40).all() and out["high_means"].str.match(r">=? \d").all()
    assert math.isclose(out["share"].sum(), 1.0)
