"""Scoring: every interval and test against an independent computation, plus edge cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, stats

import nps_toolkit as nt
from nps_toolkit import _stats

METHODS = list(_stats.METHODS)


def expand(P: int, A: int, D: int) -> np.ndarray:
    """Respondent-level -1/0/+1 scores for counts (the independent representation)."""
    return np.repeat([1.0, 0.0, -1.0], [P, A, D])


def scores_for(P: int, A: int, D: int) -> list[int]:
    return [10] * P + [8] * A + [3] * D


# --------------------------------------------------------------------------- classify
def test_classify_boundaries_and_order():
    cats = nt.classify(pd.Series(range(11)))
    assert cats.tolist() == ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2
    assert cats.cat.ordered and list(cats.cat.categories) == list(nt.CATEGORIES)
    assert cats.min() == "detractor" and cats.max() == "promoter"


def test_classify_keeps_index_and_missing():
    s = pd.Series([9, None, 6], index=["a", "b", "c"], dtype="Int8")
    out = nt.classify(s)
    assert list(out.index) == ["a", "b", "c"]
    assert out.isna().tolist() == [False, True, False]


@pytest.mark.parametrize("bad", [11, -1, 8.5, 10.01])
def test_invalid_values_name_value_and_position(bad):
    s = pd.Series([10, 9, bad, 7], index=[100, 101, 102, 103], name="ltr")
    with pytest.raises(nt.InvalidScoreError) as err:
        nt.score(s)
    assert err.value.positions == [102] and err.value.values == [float(bad)]
    assert "ltr" in str(err.value) and "102" in str(err.value)
    assert isinstance(err.value, ValueError)


def test_text_scores_are_rejected_with_positions():
    with pytest.raises(nt.InvalidScoreError, match="not numbers") as err:
        nt.classify(["10", "ten", 9])
    assert err.value.positions == [1]


def test_input_is_not_mutated():
    s = pd.Series([10.0, np.nan, 3.0])
    before = s.copy()
    nt.score(s, weights=pd.Series([1.0, 2.0, 3.0]))
    nt.classify(s)
    pd.testing.assert_series_equal(s, before)


# --------------------------------------------------------------------------- point estimate
def test_issue_example_40_50_10():
    r = nt.score(scores_for(400, 500, 100))
    assert r.nps == 30.0
    assert (r.promoters, r.passives, r.detractors, r.n) == (400, 500, 100, 1000)
    assert (r.promoter_share, r.passive_share, r.detractor_share) == (0.4, 0.5, 0.1)
    assert nt.from_counts(promoters=400, passives=500, detractors=100) == r


def test_missing_values_are_excluded_and_counted():
    r = nt.score(pd.Series([10, None, 6, np.nan], dtype="Float64"))
    assert (r.n, r.n_missing, r.nps) == (2, 2, 0.0)


@pytest.mark.parametrize("method", METHODS)
def test_nps_is_observed_whatever_the_method(method):
    r = nt.score(scores_for(7, 2, 1), method=method)
    assert r.nps == 60.0
    assert -100 <= r.ci_low <= r.ci_high <= 100


# --------------------------------------------------------------------------- intervals
@pytest.mark.parametrize("counts", [(400, 500, 100), (3, 1, 6), (50, 0, 50), (1, 1, 1)])
def test_wald_matches_sample_sd_of_minus_one_zero_one(counts):
    x = expand(*counts)
    se = 100 * x.std(ddof=0) / math.sqrt(x.size)
    z = stats.norm.ppf(0.975)
    r = nt.from_counts(promoters=counts[0], passives=counts[1], detractors=counts[2],
                       method="wald")
    assert r.se == pytest.approx(se, rel=1e-12)
    assert r.ci_low == pytest.approx(max(-100, 100 * x.mean() - z * se), rel=1e-12)
    assert r.ci_high == pytest.approx(min(100, 100 * x.mean() + z * se), rel=1e-12)


@pytest.mark.parametrize("counts", [(400, 500, 100), (3, 1, 6), (12, 3, 2)])
def test_adjusted_wald_is_weighted_mean_with_pseudo_observations(counts):
    values = np.array([1.0, 0.0, -1.0])
    weights = np.add(counts, [0.75, 1.5, 0.75])  # counts plus Rocks' pseudo-observations
    mean = np.average(values, weights=weights)
    var = np.average((values - mean) ** 2, weights=weights)
    se = 100 * math.sqrt(var / weights.sum())
    r = nt.from_counts(promoters=counts[0], passives=counts[1], detractors=counts[2])
    z = stats.norm.ppf(0.975)
    assert r.se == pytest.approx(se, rel=1e-12)
    assert r.ci_low == pytest.approx(100 * mean - z * se, rel=1e-12)
    assert r.ci_high == pytest.approx(100 * mean + z * se, rel=1e-12)


def _tango_independent(delta: float, P: int, D: int, n: int) -> float:
    """Tango (1998) score statistic written out from the paper, scalar form."""
    # constrained MLE of the detractor share q under p - d = delta solves a quadratic
    a = 2 * n
    b = -(P + D) + (2 * n - P + D) * delta
    c = -D * delta * (1 - delta)
    q = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
    return (P - D - n * delta) / math.sqrt(n * (2 * q + delta * (1 - delta)))


@pytest.mark.parametrize("counts", [(40, 50, 10), (5, 3, 2), (1, 8, 11), (30, 0, 70)])
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_score_interval_matches_root_finding(counts, confidence):
    P, A, D = counts
    n = P + A + D
    z = stats.norm.ppf(0.5 + confidence / 2)
    obs = (P - D) / n
    upper = optimize.brentq(lambda x: _tango_independent(x, P, D, n) + z, obs, 1 - 1e-12)
    lower = optimize.brentq(lambda x: _tango_independent(x, P, D, n) - z, -1 + 1e-12, obs)
    r = nt.from_counts(promoters=P, passives=A, detractors=D, method="score",
                       confidence=confidence)
    assert r.ci_low == pytest.approx(100 * lower, abs=1e-7)
    assert r.ci_high == pytest.approx(100 * upper, abs=1e-7)


def test_bootstrap_matches_brute_force_resampling_of_respondents():
    P, A, D = 90, 70, 40
    x = expand(P, A, D)
    rng = np.random.default_rng(123)
    resampled = 100 * x[rng.integers(0, x.size, size=(20000, x.size))].mean(axis=1)
    lo, hi = np.quantile(resampled, [0.025, 0.975])
    r = nt.from_counts(promoters=P, passives=A, detractors=D, method="bootstrap",
                       n_resamples=20000)
    assert r.ci_low == pytest.approx(lo, abs=0.6)
    assert r.ci_high == pytest.approx(hi, abs=0.6)
    assert r.se == pytest.approx(resampled.std(ddof=1), rel=0.03)


def test_bayes_matches_scipy_dirichlet():
    P, A, D = 30, 15, 5
    draws = stats.dirichlet.rvs([P + 1, A + 1, D + 1], size=200000, random_state=7)
    nps = 100 * (draws[:, 0] - draws[:, 2])
    r = nt.from_counts(promoters=P, passives=A, detractors=D, method="bayes")
    assert r.ci_low == pytest.approx(np.quantile(nps, 0.025), abs=0.5)
    assert r.ci_high == pytest.approx(np.quantile(nps, 0.975), abs=0.5)
    assert r.se == pytest.approx(nps.std(), rel=0.02)


@pytest.mark.parametrize("method", ["bootstrap", "bayes"])
def test_seeded_methods_are_deterministic(method):
    a = nt.from_counts(promoters=5, passives=4, detractors=3, method=method, seed=1)
    b = nt.from_counts(promoters=5, passives=4, detractors=3, method=method, seed=1)
    c = nt.from_counts(promoters=5, passives=4, detractors=3, method=method, seed=2)
    assert a == b and (a.ci_low, a.ci_high) != (c.ci_low, c.ci_high)


@pytest.mark.parametrize(("method", "tolerance"),
                         [("adjusted_wald", 0.02), ("score", 0.02), ("bayes", 0.025)])
def test_coverage_near_nominal_in_small_samples(method, tolerance):
    """Rocks (2016): adjusted Wald and score intervals keep ~95% coverage at n = 40."""
    rng = np.random.default_rng(2024)
    truth = np.array([0.5, 0.3, 0.2])
    counts = rng.multinomial(40, truth, size=3000).astype(float)
    kwargs = {"seed": 1} if method == "bayes" else {}
    if method == "bayes":
        counts = counts[:600]
        _, lo, hi = _stats.bayes(*counts.T, 0.95, draws=4000, **kwargs)
    else:
        _, lo, hi = _stats.interval(*counts.T, method=method, confidence=0.95)
    covered = ((lo <= 30) & (30 <= hi)).mean()
    assert abs(covered - 0.95) < tolerance


@pytest.mark.parametrize("method", METHODS)
def test_edge_cases_are_defined(method):
    empty = nt.score([], method=method)
    assert math.isnan(empty.nps) and "undefined" in " ".join(empty.notes) and empty.n == 0
    one = nt.score([10], method=method)
    assert one.nps == 100 and not math.isnan(one.ci_low) and "small sample" in " ".join(one.notes)
    allp = nt.score([9, 10] * 50, method=method)
    assert allp.nps == 100
    if method == "bayes":  # equal-tailed posterior interval: no mass exactly at 100
        assert 50 < one.ci_high < 100 and 95 < allp.ci_high < 100
    else:
        assert one.ci_high == 100 and allp.ci_high == 100
    if method in ("wald", "bootstrap"):
        assert allp.ci_low == 100 and "zero width" in " ".join(allp.notes)
    else:
        assert allp.ci_low < 100
    alld = nt.score([0] * 20, method=method)
    assert alld.nps == -100 and alld.ci_low == (-100 if method != "bayes" else alld.ci_low)
    assert alld.ci_low < -80


def test_unknown_method_and_bad_confidence():
    with pytest.raises(ValueError, match="unknown method"):
        nt.score([10], method="exact")
    with pytest.raises(ValueError, match="confidence"):
        nt.score([10, 9], confidence=95)


# --------------------------------------------------------------------------- properties
score_lists = st.lists(st.integers(0, 10), min_size=1, max_size=80)


@settings(max_examples=60, deadline=None)
@given(score_lists, st.sampled_from(METHODS))
def test_bounds_hold_and_nps_is_difference_of_shares(values, method):
    r = nt.score(values, method=method, n_resamples=300)
    arr = np.array(values)
    assert r.nps == pytest.approx(100 * ((arr >= 9).mean() - (arr <= 6).mean()))
    assert -100 <= r.ci_low <= r.ci_high <= 100
    assert r.promoters + r.passives + r.detractors == r.n == len(values)


@settings(max_examples=40, deadline=None)
@given(score_lists, st.randoms(use_true_random=False))
def test_permutation_invariance(values, random):
    shuffled = list(values)
    random.shuffle(shuffled)
    for method in ("adjusted_wald", "score", "bayes"):
        assert nt.score(values, method=method) == nt.score(shuffled, method=method)


# --------------------------------------------------------------------------- weights
def test_weighted_estimate_and_kish_effective_n():
    scores = np.array([10, 9, 8, 3, 10, 0])
    w = np.array([1.0, 2.0, 1.0, 3.0, 0.5, 1.5])
    r = nt.score(scores, weights=w)
    x = np.where(scores >= 9, 1.0, np.where(scores <= 6, -1.0, 0.0))
    assert r.nps == pytest.approx(100 * np.average(x, weights=w))
    assert r.n_effective == pytest.approx(w.sum() ** 2 / (w**2).sum())
    assert r.weighted and r.n == 6
    wald = nt.score(scores, weights=w, method="wald")
    # the linearised variance of the ratio (issue 27 §4), not var / Kish's n
    m = np.average(x, weights=w)
    assert wald.se == pytest.approx(100 * math.sqrt(((w * (x - m)) ** 2).sum()) / w.sum())


def test_equal_weights_equal_unweighted_and_scale_free():
    s = scores_for(30, 20, 10)
    plain = nt.score(s)
    w1 = nt.score(s, weights=np.ones(60))
    w7 = nt.score(s, weights=np.full(60, 7.0))
    for r in (w1, w7):
        assert r.nps == pytest.approx(plain.nps)
        assert r.ci_low == pytest.approx(plain.ci_low)
        assert r.ci_high == pytest.approx(plain.ci_high)


def test_bad_weights_are_named():
    with pytest.raises(ValueError, match="negative"):
        nt.score([10, 9], weights=[1, -1])
    with pytest.raises(ValueError, match="aligned"):
        nt.score([10, 9], weights=[1])


# --------------------------------------------------------------------------- compare
def test_compare_wald_matches_unpooled_ztest():
    from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

    a, b = expand(60, 25, 15), expand(45, 30, 25)
    se = math.sqrt(a.var() / a.size + b.var() / b.size)  # ML variances, as in Rocks' nps_test
    z = (a.mean() - b.mean()) / se
    p = 2 * stats.norm.sf(abs(z))
    # statsmodels divides by n - 1; undo that factor to land on the same statistic
    z_sm, _ = CompareMeans(DescrStatsW(a), DescrStatsW(b)).ztest_ind(usevar="unequal")
    assert z_sm * math.sqrt(a.size / (a.size - 1)) == pytest.approx(z, rel=1e-9)
    c = nt.compare(nt.score(scores_for(60, 25, 15)), nt.score(scores_for(45, 30, 25)),
                   method="wald")
    assert c.difference == 25.0
    assert c.statistic == pytest.approx(z) and c.p_value == pytest.approx(p)
    assert c.significant


def test_compare_adjusted_uses_pseudo_counts_and_accepts_raw_scores():
    c = nt.compare(scores_for(6, 2, 2), scores_for(2, 2, 6))
    ra = nt.from_counts(promoters=6, passives=2, detractors=2)
    rb = nt.from_counts(promoters=2, passives=2, detractors=6)
    assert c.se == pytest.approx(math.hypot(ra.se, rb.se))
    centre = (ra.ci_low + ra.ci_high) / 2 - (rb.ci_low + rb.ci_high) / 2
    assert (c.ci_low + c.ci_high) / 2 == pytest.approx(centre)
    assert c.difference == 80.0
    reverse = nt.compare(scores_for(2, 2, 6), scores_for(6, 2, 2))
    assert reverse.p_value == pytest.approx(c.p_value)


def test_compare_paired_matches_scipy_ttest_rel():
    rng = np.random.default_rng(5)
    before = rng.integers(0, 11, 200)
    after = np.clip(before + rng.integers(-1, 3, 200), 0, 10)
    c = nt.compare_paired(before, after)

    def code(v):
        return np.where(v >= 9, 1, np.where(v <= 6, -1, 0))

    t = stats.ttest_rel(code(after), code(before))
    assert c.statistic == pytest.approx(t.statistic)
    assert c.p_value == pytest.approx(t.pvalue)
    ci = t.confidence_interval(0.95)
    assert c.ci_low == pytest.approx(100 * ci.low) and c.ci_high == pytest.approx(100 * ci.high)
    assert c.difference == pytest.approx(c.nps_b - c.nps_a)


def test_compare_paired_excludes_incomplete_pairs_with_account():
    c = nt.compare_paired([7, None, 8], [9, 10, None])
    assert c.n_a == 1 and "2 pair(s)" in " ".join(c.notes) and math.isnan(c.p_value)
    with pytest.raises(ValueError, match="aligned"):
        nt.compare_paired([1, 2], [3])


# --------------------------------------------------------------------------- combine
def test_combine_scores_rules():
    df = pd.DataFrame({"product": [9, 8, None, 10, None], "service": [8, 6, 7, 7, None],
                       "delivery": [10, 7, None, 9, None]})
    mean = nt.combine_scores(df, ["product", "service", "delivery"])
    # means 9, 7, 7, 8.67, NaN -> half up 9, 7, 7, 9, NA
    assert mean.tolist()[:4] == [9, 7, 7, 9] and pd.isna(mean.iloc[4])
    two = nt.combine_scores(df, ["product", "service"], rounding="half_up")
    assert two.tolist()[:2] == [9, 7]  # 8.5 -> 9 (half up), 7.0 -> 7
    assert nt.combine_scores(df, ["product", "service"], rounding="floor").tolist()[0] == 8
    assert nt.combine_scores(df, ["product", "service"], rounding="half_even").tolist()[0] == 8
    assert pd.isna(nt.combine_scores(df, ["product", "service"], min_answered=2).iloc[2])
    assert nt.combine_scores(df, ["product", "service"], how="min").tolist()[:2] == [8, 6]
    with pytest.raises(nt.InvalidScoreError):
        nt.combine_scores(df.assign(service=[8, 6, 7, 12, None]), ["product", "service"])
    with pytest.raises(nt.ColumnNotFoundError):
        nt.combine_scores(df, ["price"])


# --------------------------------------------------------------------------- summarize
@pytest.fixture
def grouped():
    rng = np.random.default_rng(0)
    n = 3000
    return pd.DataFrame({
        "score": rng.integers(0, 11, n).astype(float),
        "channel": rng.choice(["email", "web", "app"], n),
        "tier": rng.choice(["gold", "silver"], n),
        "w": rng.uniform(0.5, 2, n),
    })


def test_summarize_matches_per_group_score(grouped):
    grouped.loc[[3, 10, 20], "score"] = np.nan
    grouped.loc[[5, 6], "channel"] = None
    out = nt.summarize(grouped, by="channel")
    assert out["channel"].tolist()[:3] == ["app", "email", "web"]
    assert pd.isna(out["channel"].iloc[3]) and out["n_rows"].iloc[3] == 2
    for row in out.itertuples():
        mask = grouped["channel"].isna() if pd.isna(row.channel) else (
            grouped["channel"] == row.channel)
        r = nt.score(grouped.loc[mask, "score"])
        assert (row.n, row.n_missing) == (r.n, r.n_missing)
        assert row.nps == pytest.approx(r.nps)
        assert (row.ci_low, row.ci_high) == (pytest.approx(r.ci_low), pytest.approx(r.ci_high))
    assert out["n"].sum() + out["n_missing"].sum() == len(grouped)


def test_summarize_weighted_matches_score(grouped):
    out = nt.summarize(grouped, by=["tier"], weights="w", method="wald")
    for row in out.itertuples():
        sub = grouped[grouped["tier"] == row.tier]
        r = nt.score(sub["score"], weights=sub["w"], method="wald")
        assert row.nps == pytest.approx(r.nps) and row.se == pytest.approx(r.se)
        assert row.n_effective == pytest.approx(r.n_effective)


@pytest.mark.parametrize("method", METHODS)
def test_summarize_same_on_pandas_polars_pyarrow_duckdb(grouped, method):
    import duckdb
    import polars as pl
    import pyarrow as pa

    expected = nt.summarize(grouped, by=["channel", "tier"], method=method)
    frames = {"polars": pl.from_pandas(grouped), "pyarrow": pa.Table.from_pandas(grouped)}
    con = duckdb.connect()
    con.register("grouped_df", grouped)
    frames["duckdb"] = con.sql("select * from grouped_df")
    for name, frame in frames.items():
        got = nt.summarize(frame, by=["channel", "tier"], method=method)
        pd.testing.assert_frame_equal(got.reset_index(drop=True), expected,
                                      check_dtype=False, obj=name)


def test_summarize_flags_small_groups_and_names_bad_values():
    df = pd.DataFrame({"score": [10, 9, 3] + [8] * 40, "g": ["a"] * 3 + ["b"] * 40})
    out = nt.summarize(df, by="g")
    assert out["small_n"].tolist() == [True, False]
    with pytest.raises(nt.InvalidScoreError, match="position 1"):
        nt.summarize(pd.DataFrame({"score": [10, 11]}))
    with pytest.raises(nt.ColumnNotFoundError, match="read_survey"):
        nt.summarize(df, score="nps")
    with pytest.raises(nt.InvalidScoreError, match="read_survey"):
        nt.summarize(pd.DataFrame({"score": ["10 - likely"]}))


def test_summarize_polars_nan_counts_as_missing():
    import polars as pl

    df = pl.DataFrame({"score": [10.0, float("nan"), None, 3.0]})
    out = nt.summarize(df)
    assert (out["n"].item(), out["n_missing"].item(), out["nps"].item()) == (2, 2, 0.0)


# --------------------------------------------------------------------------- sample size
def test_sample_size_margin_formula_and_achieved_margin():
    n = nt.sample_size(margin=5, promoters=0.4, detractors=0.1)
    v = 0.5 - 0.3**2
    assert n == math.ceil(stats.norm.ppf(0.975) ** 2 * v / 0.05**2)
    r = nt.from_counts(promoters=round(0.4 * n), passives=n - round(0.5 * n),
                       detractors=round(0.1 * n), method="wald")
    assert (r.ci_high - r.ci_low) / 2 <= 5.01
    assert nt.sample_size(margin=5) == math.ceil(stats.norm.ppf(0.975) ** 2 / 0.05**2)


def test_sample_size_difference_matches_statsmodels_power():
    from statsmodels.stats.power import NormalIndPower

    v = 0.5 - 0.3**2
    expected = NormalIndPower().solve_power(effect_size=0.10 / math.sqrt(v), alpha=0.05,
                                            power=0.8, ratio=1.0, alternative="two-sided")
    got = nt.sample_size(difference=10, promoters=0.4, detractors=0.1)
    assert got == math.ceil(expected) or abs(got - expected) < 1.5


def test_sample_size_rejects_nonsense():
    with pytest.raises(ValueError, match="exactly one"):
        nt.sample_size()
    with pytest.raises(ValueError, match="both"):
        nt.sample_size(margin=5, promoters=0.5)
    with pytest.raises(ValueError, match="sum"):
        nt.sample_size(margin=5, promoters=0.8, detractors=0.5)


# --------------------------------------------------------------------------- display
def test_repr_and_html():
    r = nt.score(scores_for(40, 50, 10))
    assert "NPS 30.0" in repr(r) and "95% CI" in repr(r)
    html = r._repr_html_()
    assert "<table" in html and "30.0" in html
    assert nt.score([])._repr_html_().count("undefined") == 1
    c = nt.compare(scores_for(6, 2, 2), scores_for(2, 2, 6))
    assert "difference" in repr(c) and "<pre>" in c._repr_html_()
    assert set(r.to_dict()) >= {"nps", "ci_low", "ci_high", "method", "n_effective"}


# --------------------------------------------------------------------------- fast paths
float_scores = st.lists(
    st.one_of(st.integers(0, 10).map(float), st.just(float("nan")),
              st.sampled_from([-1.0, 10.5, 8.5, 11.0, 12.0, 1e9, float("inf"), -0.0])),
    max_size=60)


@settings(max_examples=150, deadline=None)
@given(float_scores)
def test_score_fast_path_agrees_with_a_naive_reference(values):
    arr = np.array(values, dtype=float)
    present = ~np.isnan(arr)
    invalid = present & ((arr < 0) | (arr > 10) | (arr != np.floor(arr)))
    if invalid.any():
        with pytest.raises(nt.InvalidScoreError) as err:
            nt.score(arr)
        assert err.value.count == int(invalid.sum())
        assert err.value.positions == [int(p) for p in np.flatnonzero(invalid)[:5]]
        return
    r = nt.score(arr)
    v = arr[present]
    assert (r.promoters, r.passives, r.detractors, r.n_missing) == (
        int((v >= 9).sum()), int(((v >= 7) & (v <= 8)).sum()), int((v <= 6).sum()),
        int((~present).sum()))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", None, "c"]),
                          st.sampled_from([1, 2, 3]),
                          st.one_of(st.integers(0, 10).map(float), st.just(float("nan")))),
                min_size=1, max_size=50),
       st.booleans())
def test_grouped_counts_agree_with_naive_groupby(rows, categorical):
    df = pd.DataFrame(rows, columns=["g", "h", "score"])
    if categorical:
        df["g"] = df["g"].astype("category")
    out = nt.summarize(df, by=["g", "h"])
    naive = {}
    for (g, h), sub in df.groupby(["g", "h"], dropna=False, observed=True):
        s = sub["score"].dropna()
        naive[(None if pd.isna(g) else g, h)] = (
            int((s >= 9).sum()), int(((s >= 7) & (s <= 8)).sum()), int((s <= 6).sum()),
            int(sub["score"].isna().sum()))
    got = {(None if pd.isna(r.g) else r.g, r.h):
           (r.promoters, r.passives, r.detractors, r.n_missing) for r in out.itertuples()}
    assert got == naive
    keys = [(None if pd.isna(r.g) else r.g, r.h) for r in out.itertuples()]
    assert keys == sorted(keys, key=lambda k: (k[0] is None, k[0] or "", k[1]))


def test_normal_and_t_functions_match_scipy_stats():
    import scipy.stats as st

    from nps_toolkit import _stats

    x = np.array([-6.0, -2.5, -1.0, 0.0, 0.3, 1.96, 4.0, 9.0])
    assert np.allclose(_stats.norm_sf(x), st.norm.sf(x), rtol=1e-12, atol=0)
    q = np.array([1e-12, 0.001, 0.025, 0.5, 0.975, 0.999999])
    assert np.allclose(_stats.norm_ppf(q), st.norm.ppf(q), rtol=1e-12)
    for df in (1, 4, 29, 500):
        assert np.allclose(_stats.t_sf(x, df), st.t.sf(x, df), rtol=1e-10, atol=1e-300)
        assert np.allclose(_stats.t_ppf(q[1:-1], df), st.t.ppf(q[1:-1], df), rtol=1e-10)
    assert _stats.z_value(0.95) == pytest.approx(1.959963984540054, abs=1e-12)


def test_import_does_not_load_scipy_stats_or_the_presentation_stack():
    import subprocess
    import sys

    code = ("import sys, nps_toolkit\n"
            "print([m for m in ('scipy.stats', 'sklearn', 'altair', 'ipywidgets', 'anywidget')"
            " if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_integer_scores_take_the_integer_path_with_the_same_answers():
    rng = np.random.default_rng(2)
    raw = rng.integers(0, 11, 5000)
    as_float = nt.score(raw.astype(float))
    for values in (raw.astype(np.int8), pd.Series(raw.astype(np.int16)),
                   pd.Series(raw, dtype="Int8")):
        got = nt.score(values)
        assert (got.promoters, got.passives, got.detractors) == (
            as_float.promoters, as_float.passives, as_float.detractors)
        assert got.nps == pytest.approx(as_float.nps)
    with_na = pd.Series(raw, dtype="Int8")
    with_na[::7] = pd.NA
    got = nt.score(with_na)
    assert got.n_missing == int(with_na.isna().sum())
    assert got.n == int(with_na.notna().sum())
    with pytest.raises(nt.InvalidScoreError, match="11"):
        nt.score(pd.Series([3, 11, 9], dtype="Int8"))
    with pytest.raises(nt.InvalidScoreError):
        nt.score(np.array([-1, 5], dtype=np.int64))


def test_dense_integer_keys_and_integer_scores_give_the_same_counts():
    rng = np.random.default_rng(8)
    n = 20_000
    df = pd.DataFrame({"score": rng.integers(0, 11, n).astype(np.int8),
                       "store": rng.integers(5, 400, n), "big": rng.integers(0, 10**9, n)})
    df.loc[df.index[:50], "store"] = 7000  # an outlier key: still exact
    nullable = df.assign(score=df["score"].astype("Int8"))
    nullable.loc[nullable.index[::97], "score"] = pd.NA
    for frame in (df, nullable):
        for key in ("store", "big"):
            fast = nt.summarize(frame, by=key)
            slow = nt.summarize(frame.assign(**{key: frame[key].astype(str),
                                                "score": frame["score"].astype("Float64")}),
                                by=key)
            slow[key] = slow[key].astype(np.int64)
            slow = slow.sort_values(key).reset_index(drop=True)
            cols = [key, "n", "n_missing", "promoters", "passives", "detractors"]
            assert (fast[cols].to_numpy() == slow[cols].to_numpy()).all()
    with pytest.raises(nt.InvalidScoreError):
        nt.summarize(df.assign(score=df["score"].astype(np.int16) + 1), by="store")


def test_score_of_a_table_counts_in_its_engine():
    """Issue 13: score() on lazy inputs. A DuckDB relation or polars lazy frame is counted
    where it lives and gives the same result as the column in pandas, weights included."""
    import duckdb
    import polars as pl

    s = nt.load_sample()
    ref = nt.score(s["score"])
    wref = nt.score(s["score"], weights=s["customer_lifetime_value"])
    rel = duckdb.connect().from_df(s[["score", "customer_lifetime_value"]])
    for src in (rel, pl.from_pandas(s[["score", "customer_lifetime_value"]]).lazy(),
                s[["score"]]):
        got = nt.score(src)
        assert (got.nps, got.ci_low, got.n, got.n_missing) == pytest.approx(
            (ref.nps, ref.ci_low, ref.n, ref.n_missing), abs=1e-12)
    got = nt.score(rel, weights="customer_lifetime_value")
    assert (got.nps, got.ci_low) == pytest.approx((wref.nps, wref.ci_low), abs=1e-9)
    with pytest.raises(ValueError, match="select the score column first"):
        nt.score(duckdb.connect().from_df(s[["channel", "region"]]))


def test_dense_integer_keys_count_like_any_other_key():
    """The fused int32 path for one dense integer key (store ids) against the general path
    (the same key as a category), with gaps in the range, missing scores and wide ids."""
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"score": rng.integers(0, 11, 50_000).astype(float),
                       "store": rng.integers(0, 300, 50_000).astype("int32") * 2 + 7})
    df.loc[::11, "score"] = np.nan
    got = nt.summarize(df, by="store")
    ref = nt.summarize(df.assign(store=df["store"].astype("category")), by="store")
    pd.testing.assert_frame_equal(got.drop(columns="store"), ref.drop(columns="store"),
                                  check_dtype=False)
    assert got["store"].tolist() == ref["store"].astype(int).tolist()
    wide = pd.DataFrame({"score": [10, 3, 8, None, 9],
                         "store": np.array([5, 7, 5, 6, 7], dtype=np.int64) + 5_000_000_000})
    out = nt.summarize(wide, by="store")
    assert out["store"].tolist() == [5_000_000_005, 5_000_000_006, 5_000_000_007]
    assert out["n"].tolist() == [2, 0, 2] and out["nps"].iloc[0] == 50.0


def test_summarize_on_a_pyarrow_table_keeps_missing_keys_and_scores(grouped):
    """The pyarrow path counts with Arrow's own group_by: missing group values stay a group,
    missing scores are counted, invalid ones still raise, and weights agree too."""
    import pyarrow as pa

    df = grouped.copy()
    df.loc[[3, 10, 20], "score"] = np.nan
    df.loc[[5, 6, 7], "channel"] = None
    table = pa.Table.from_pandas(df, preserve_index=False)
    for kw in ({}, {"weights": "w"}):
        expected = nt.summarize(df, by=["channel", "tier"], **kw)
        got = nt.summarize(table, by=["channel", "tier"], **kw)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert got["channel"].isna().any() and got["n_missing"].sum() == 3
    bad = pa.table({"score": [10, 11, 3], "g": ["a", "b", "b"]})
    with pytest.raises(nt.InvalidScoreError):
        nt.summarize(bad, by="g")


def test_dense_code_table_in_blocks_and_threads_matches_an_independent_count(monkeypatch):
    """The blocked, threaded counter of dense integer keys (``_frames.dense``) against
    ``np.add.at``: small blocks and a low threading threshold make a small input take many
    blocks on several threads, over parts of different lengths and key types."""
    from nps_toolkit._frames import dense

    monkeypatch.setattr(dense, "BLOCK", 1000)
    monkeypatch.setattr(dense, "THREADED_FROM", 10)
    monkeypatch.setattr(dense, "cpu_workers", lambda: 3)
    rng = np.random.default_rng(21)
    parts = [(rng.integers(-40, 60, m).astype(dt), rng.integers(0, 13, m).astype(np.int8))
             for m, dt in ((12_345, np.int16), (1, np.int16), (4_000, np.int16), (0, np.int16))]
    got = dense.dense_code_table(parts, -40, 100, 13)
    expected = np.zeros((100, 13), dtype=np.int64)
    for keys, codes in parts:
        np.add.at(expected, (keys.astype(np.int64) + 40, codes.astype(np.int64)), 1)
    assert got.dtype == np.int64 and (got == expected).all()
    small = [(np.array([-100, 100, 0, 127, -128], dtype=np.int8),  # wider than int8 holds
              np.array([1, 2, 3, 4, 5], dtype=np.int8))]
    got = dense.dense_code_table(small, -128, 256, 13)
    assert got[28, 1] == got[228, 2] == got[128, 3] == got[255, 4] == got[0, 5] == 1
    assert got.sum() == 5
    wide = [(np.array([2**63 + 5, 2**63 + 1, 2**63 + 5], dtype=np.uint64),
             np.array([10, 0, 11], dtype=np.int8))]
    got = dense.dense_code_table(wide, 2**63 + 1, 5, 13)
    assert got[4, 10] == 1 and got[0, 0] == 1 and got[4, 11] == 1 and got.sum() == 3


def test_summarize_on_a_pyarrow_table_counts_dense_integer_keys_in_place():
    """Issue 13: one integer key in a dense range on a pyarrow Table is counted in the Arrow
    buffers on several threads (past a million rows); counts equal an independent
    ``pd.crosstab`` with missing scores, negative keys, gaps and chunks that do not line up
    between the two columns; scores out of range still raise with their values."""
    import pyarrow as pa

    rng = np.random.default_rng(13)
    n = 1_200_000
    store = rng.integers(-3, 400, n).astype(np.int16)
    store[store == 17] = 18  # a gap in the range
    score = rng.integers(0, 11, n).astype(np.int8)
    missing = rng.random(n) < 0.05
    table = pa.table({
        "score": pa.chunked_array([pa.array(score[:300_000], mask=missing[:300_000]),
                                   pa.array(score[300_000:], mask=missing[300_000:])]),
        "store": pa.chunked_array([store[:700_000], store[700_000:]]),
    })
    got = nt.summarize(table, by="store")
    frame = pd.DataFrame({"store": store, "score": np.where(missing, -1, score)})
    ref = pd.crosstab(frame["store"], frame["score"])
    assert got["store"].tolist() == ref.index.tolist() and 17 not in got["store"].tolist()
    assert got["n_missing"].tolist() == ref[-1].tolist()
    assert got["promoters"].tolist() == ref[[9, 10]].sum(axis=1).tolist()
    assert got["passives"].tolist() == ref[[7, 8]].sum(axis=1).tolist()
    assert got["detractors"].tolist() == ref[list(range(7))].sum(axis=1).tolist()
    pandas = nt.summarize(pd.DataFrame({"store": store, "score": pd.array(
        np.where(missing, None, score), dtype="Int8")}), by="store")
    pd.testing.assert_frame_equal(got, pandas, check_dtype=False)
    tiny = pa.table({"score": pa.array([10, 0, 7], type=pa.int8()),  # int8 keys, range 228
                     "store": pa.array([-100, 127, 100], type=pa.int8())})
    out = nt.summarize(tiny, by="store")
    assert out["store"].tolist() == [-100, 100, 127] and out["n"].tolist() == [1, 1, 1]
    assert out["promoters"].tolist() == [1, 0, 0] and out["detractors"].tolist() == [0, 0, 1]
    empty = pa.table({"score": pa.array([None, None], type=pa.int8()),
                      "store": pa.array([1, 2], type=pa.uint32())})
    out = nt.summarize(empty, by="store")
    assert out["n"].tolist() == [0, 0] and out["n_missing"].tolist() == [1, 1]
    bad = table.set_column(0, "score", pa.array(np.where(np.arange(n) == 5, 12, score)))
    with pytest.raises(nt.InvalidScoreError, match="12"):
        nt.summarize(bad, by="store")


def test_weighted_se_is_the_linearised_variance():
    """Issue 27 §4: the weighted NPS's SE is the Taylor-linearised variance of the ratio
    sum(w y) / sum(w) (Woodruff 1971), computed here row by row; Kish's n stays the reported
    effective n. Frames (summarize) and arrays (score) agree."""
    rng = np.random.default_rng(0)
    s, w = rng.integers(0, 11, 500), rng.uniform(0.5, 3, 500)
    y = np.select([s >= 9, s <= 6], [1.0, -1.0], 0.0)
    m = (w * y).sum() / w.sum()
    v = ((w * (y - m)) ** 2).sum() / w.sum() ** 2
    r = nt.score(s, weights=w, method="wald")
    assert r.se == pytest.approx(100 * np.sqrt(v), rel=1e-12)
    assert r.n_effective == pytest.approx(w.sum() ** 2 / (w * w).sum())
    table = nt.summarize(pd.DataFrame({"score": s, "w": w}), weights="w", method="wald")
    assert table["se"].iloc[0] == pytest.approx(r.se, rel=1e-12)
    # equal weights: exactly the unweighted interval
    ones = nt.score(s, weights=np.ones(500), method="wald")
    assert ones.se == pytest.approx(nt.score(s, method="wald").se, rel=1e-12)


def test_weighted_interval_covers_when_weights_undo_response_propensity():
    """Issue 27 §4: three strata, response propensity varying 3x, weights = 1 / propensity;
    the least likely to answer (the heaviest weights) split between promoters and detractors,
    the most likely mostly passive. An interval on Kish's effective n assumes the weights
    unrelated to the answers and covers the population NPS 92% of the time; the linearised
    variance 95% (4,000 seeded samples of 300)."""
    rng = np.random.default_rng(27)
    pop, propensity = np.array([0.5, 0.3, 0.2]), np.array([0.3, 0.6, 0.9])
    probs = np.array([[0.5, 0.0, 0.5], [0.3, 0.6, 0.1], [0.1, 0.9, 0.0]])  # P, A, D
    responding = pop * propensity / (pop * propensity).sum()
    truth = 100 * (pop * (probs[:, 0] - probs[:, 2])).sum()
    from nps_toolkit import _stats

    covered = kish_covered = 0
    reps, n = 4000, 300
    for _ in range(reps):
        stratum = rng.choice(3, n, p=responding)
        u = rng.random(n)
        scores = np.where(u < probs[stratum, 0], 10,
                          np.where(u < probs[stratum, 0] + probs[stratum, 1], 8, 3))
        w = 1 / propensity[stratum]
        r = nt.score(scores, weights=w)
        covered += r.ci_low <= truth <= r.ci_high
        # Kish: the same adjusted-Wald interval on n_eff = sum(w)^2 / sum(w^2)
        shares = np.array([w[scores >= 9].sum(), w[scores == 8].sum(), w[scores <= 6].sum()])
        _, low, high = _stats.adjusted_wald(*(shares / w.sum() * r.n_effective), 0.95)
        kish_covered += low[0] <= truth <= high[0]
    assert covered / reps >= 0.94, covered / reps
    assert kish_covered / reps < 0.935, kish_covered / reps


def test_arrow_string_keys_count_like_the_general_path(monkeypatch):
    """Issue 28: one Arrow-backed string key (pandas' default string dtype) is encoded in
    parallel slices and counted like a dense integer key. Counts, key values, missing keys
    (their own group, last) and the key dtype equal the general path on the same column as
    Python objects, over a chunked column cut into several slices on several threads."""
    import pyarrow as pa

    from nps_toolkit._frames import counts

    monkeypatch.setattr(counts, "THREADED_FROM", 10)
    monkeypatch.setattr(counts, "cpu_workers", lambda: 3)
    rng = np.random.default_rng(28)
    n = 20_001
    names = np.array([f"store_{i:03d}" for i in range(40)] + [None, "é ü 中"], dtype=object)
    keys = names[rng.integers(0, len(names), n)]
    score = rng.integers(0, 11, n).astype(float)
    score[rng.random(n) < 0.03] = np.nan
    chunked = pa.chunked_array([pa.array(keys[:7000], type=pa.large_string()),
                                pa.array(keys[7000:], type=pa.large_string())])
    arrow_keys = pd.Series(pd.arrays.ArrowStringArray(chunked))
    assert counts._arrow_string_codes(arrow_keys) is not None  # the fast path is taken
    fast = nt.summarize(pd.DataFrame({"score": score, "store": arrow_keys}), by="store")
    general = nt.summarize(pd.DataFrame({"score": score, "store": pd.Series(keys, dtype=object)}),
                           by="store")
    assert fast["store"].iloc[-1] is None or pd.isna(fast["store"].iloc[-1])
    assert fast["store"].iloc[:-1].tolist() == general["store"].iloc[:-1].tolist()
    pd.testing.assert_frame_equal(fast.drop(columns="store"), general.drop(columns="store"))
    ref = pd.crosstab(pd.Series(keys).fillna("<missing>"), np.nan_to_num(score, nan=-1))
    ref = ref.reindex([*fast["store"].iloc[:-1], "<missing>"])  # missing key last
    assert fast["n_missing"].tolist() == ref[-1.0].tolist()
    assert fast["promoters"].tolist() == ref[[9.0, 10.0]].sum(axis=1).tolist()


def test_summarize_on_an_eager_polars_frame_counts_lazily():
    """Issue 28: an eager polars DataFrame is grouped by polars' lazy engine (3-4x faster
    than its eager group_by); the counts equal the pandas path's."""
    import polars as pl

    rng = np.random.default_rng(29)
    n = 5_000
    frame = pd.DataFrame({"score": pd.array(np.where(rng.random(n) < 0.05, None,
                                                     rng.integers(0, 11, n)), dtype="Int8"),
                          "store": rng.integers(1, 30, n)})
    eager = nt.summarize(pl.from_pandas(frame), by="store")
    pd.testing.assert_frame_equal(eager, nt.summarize(frame, by="store"), check_dtype=False)


def test_duckdb_relations_are_counted_with_filtered_counts():
    """Issue 28: with many groups (a trend's periods by segment) a DuckDB relation is counted
    with one GROUP BY of the keys and a ``count(*) FILTER`` per category (not grouped by the
    score as well); ``summarize`` keeps the grouped query (faster with few groups). NULL and NaN
    scores are missing, NULL keys a group of their own, float scores 0.0-10.0 counted by
    value; the numbers equal the pandas path's, and a score that is no whole number 0-10
    raises as it does in pandas."""
    duckdb = pytest.importorskip("duckdb")
    rng = np.random.default_rng(30)
    n = 3_000
    score = rng.integers(0, 11, n).astype(float)
    score[rng.random(n) < 0.05] = np.nan
    store = pd.array(np.where(rng.random(n) < 0.05, None,
                              rng.choice(["a", "b", 'c "q"'], n)), dtype=object)
    frame = pd.DataFrame({"score": score, "store": store})
    con = duckdb.connect()
    # pandas' NaN arrives as NULL: half the missing scores are made NaN in SQL
    con.register("frame", frame.assign(nan=np.isnan(score) & (np.arange(n) % 2 == 0)))
    rel = con.sql("SELECT CASE WHEN nan THEN 'NaN'::DOUBLE ELSE score END AS score, store "
                  "FROM frame")
    assert con.sql("SELECT count(*) FROM rel WHERE isnan(score)").fetchall()[0][0] > 10
    from nps_toolkit._frames import counts

    calls = []
    real = counts._duckdb_counts
    def spy(*args, **kwargs):
        calls.append(args[2])
        return real(*args, **kwargs)
    counts._duckdb_counts = spy
    try:
        got = counts.counts_table(rel, score="score", by=["store"], many_groups=True)
        ref = counts.counts_table(frame, score="score", by=["store"])
        pd.testing.assert_frame_equal(got, ref, check_dtype=False)
        whole = counts.counts_table(rel, score="score", many_groups=True)
        assert whole["n_missing"].item() == int(np.isnan(score).sum())
        assert calls == [["store"], []]  # the filtered query ran, both times
        pd.testing.assert_frame_equal(nt.summarize(rel, by="store"),
                                      nt.summarize(frame, by="store"), check_dtype=False)
        assert len(calls) == 2  # summarize grouped by the score instead
    finally:
        counts._duckdb_counts = real
    con.register("bad", frame.assign(score=np.where(np.arange(n) == 5, 9.5, score)))
    with pytest.raises(nt.InvalidScoreError, match=r"9\.5"):
        counts.counts_table(con.sql("SELECT * FROM bad"), score="score", by=["store"],
                            many_groups=True)


def _runs_in_a_fresh_process(code: str) -> None:
    """``code`` run by a new interpreter (nothing imported yet) prints ``ok``."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_normal_tail_and_quantile_without_scipy_equal_scipy():
    """Issue 28: few values before scipy.special is imported are computed with the standard
    library (a first summarize no longer pays scipy.special's 0.15-0.2 s import); the numbers
    equal scipy's ndtr and ndtri, tails and edges included. Run in a fresh process so that
    scipy.special is not yet loaded."""
    code = (
        "import sys, numpy as np\n"
        "from nps_toolkit import _stats\n"
        "x = np.linspace(-12, 12, 2001)\n"
        "q = np.concatenate([[0.0, 1.0, 1e-300, 1e-12], np.linspace(1e-4, 1 - 1e-4, 999)])\n"
        "sf, ppf, z = _stats.norm_sf(x), _stats.norm_ppf(q), _stats.z_value(0.95)\n"
        "assert 'scipy.special' not in sys.modules\n"
        "from scipy import special\n"
        "assert np.allclose(sf, special.ndtr(-x), rtol=1e-12, atol=0)\n"
        "assert np.array_equal(np.isinf(ppf), np.isinf(special.ndtri(q)))\n"
        "fin = np.isfinite(ppf)\n"
        "assert np.allclose(ppf[fin], special.ndtri(q)[fin], rtol=1e-13, atol=1e-14)\n"
        "assert abs(z - special.ndtri(0.975)) < 1e-14\n"
        "assert np.allclose(_stats.norm_sf(x), sf)  # scipy's path once it is loaded\n"
        "print('ok')\n")
    _runs_in_a_fresh_process(code)


def test_chi_square_tail_without_scipy_equals_scipy():
    """Issue 28: a first ``segments`` call tests independence with the closed forms of the
    chi-square tail (A&S 26.4.4 and 26.4.21) instead of importing scipy.special (0.1-0.2 s);
    the numbers equal scipy's chdtrc over 1-2,000 degrees of freedom, odd and even, from
    the centre to far tails. Run in a fresh process so that scipy.special is not loaded."""
    code = (
        "import sys, numpy as np, pandas as pd\n"
        "import nps_toolkit as nt\n"
        "from nps_toolkit import _stats\n"
        "dofs = [*range(1, 41), 99, 100, 255, 999, 1998]\n"
        "pts = [(d, float(x)) for d in dofs for x in np.concatenate([d * np.array(\n"
        "    [1e-3, 0.1, 0.5, 0.9, 1, 1.1, 2, 3, 5, 10, 30]), [1e-6, 0.5, 700.0, 5000.0]])]\n"
        "got = np.array([_stats.chi2_sf(x, d) for d, x in pts])\n"
        "seg = nt.segments(pd.DataFrame({'score': np.arange(900) % 11,\n"
        "                                'g': np.arange(900) % 7}), by='g')\n"
        "assert 'scipy.special' not in sys.modules\n"
        "from scipy import special\n"
        "ref = np.array([special.chdtrc(d, x) for d, x in pts])\n"
        "big = ref > 1e-290\n"
        "assert np.allclose(got[big], ref[big], rtol=1e-11, atol=0)\n"
        "assert (got[~big] < 1e-280).all()\n"
        "again = nt.segments(pd.DataFrame({'score': np.arange(900) % 11,\n"
        "                                  'g': np.arange(900) % 7}), by='g')\n"
        "pd.testing.assert_frame_equal(seg, again, check_exact=False, rtol=1e-11)\n"
        "print('ok')\n")
    _runs_in_a_fresh_process(code)


def test_categorical_keys_are_counted_by_their_codes():
    """Issue 28: one categorical key is counted by its own codes (a dense range) like a
    dense integer key; counts, the category order, unused categories (left out) and missing
    keys (last) equal the general path on the same values as plain strings."""
    from nps_toolkit._frames import counts

    rng = np.random.default_rng(31)
    n = 4_000
    values = rng.choice(["north", "south", "east", None], n)
    cats = pd.Categorical(values, categories=["west", "south", "north", "east"])  # west unused
    score = rng.integers(0, 11, n)
    assert counts._category_codes(pd.Series(cats)) is not None
    got = nt.summarize(pd.DataFrame({"score": score, "region": cats}), by="region")
    assert got["region"].tolist()[:3] == ["south", "north", "east"]  # category order
    assert pd.isna(got["region"].iloc[-1]) and len(got) == 4
    plain = nt.summarize(pd.DataFrame({"score": score, "region": pd.Series(values, dtype=object)}),
                         by="region")
    cols = ["n", "promoters", "detractors", "n_missing"]
    mine = got.assign(region=got["region"].astype(object).fillna("<none>")).set_index("region")
    theirs = plain.assign(region=plain["region"].astype(object).fillna("<none>")).set_index(
        "region")
    pd.testing.assert_frame_equal(mine[cols], theirs.loc[mine.index, cols], check_dtype=False)
