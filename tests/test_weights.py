"""rake and response_bias: against post-stratification's closed form, an independent numerical
minimisation, Kish's effective sample size, and hand-made customer lists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import nps_toolkit as nt


def test_one_variable_is_post_stratification():
    # with one variable raking is post-stratification: weight = population share / sample share
    df = pd.DataFrame({"region": ["N"] * 60 + ["S"] * 30 + ["E"] * 10})
    pop = {"N": 0.4, "S": 0.4, "E": 0.2}
    w = nt.rake(df, {"region": pop}, trim=None)
    expected = df["region"].map({"N": 0.4 / 0.6, "S": 0.4 / 0.3, "E": 0.2 / 0.1})
    np.testing.assert_allclose(w.to_numpy(), expected.to_numpy(), rtol=1e-12)
    assert w.attrs["converged"] and w.attrs["iterations"] <= 2
    ess = w.sum() ** 2 / (w ** 2).sum()
    assert w.attrs["effective_n"] == pytest.approx(ess)
    assert w.attrs["design_effect"] == pytest.approx(len(df) / ess)


def test_two_variables_match_the_minimum_discrimination_solution():
    # raking = the weights closest to the base weights in Kullback-Leibler divergence that
    # meet every margin (Ireland & Kullback 1968); solved here independently with scipy
    from scipy.optimize import minimize

    rng = np.random.default_rng(5)
    df = pd.DataFrame({"sex": rng.choice(["f", "m"], 80, p=[0.65, 0.35]),
                       "age": rng.choice(["young", "mid", "old"], 80, p=[0.5, 0.3, 0.2])})
    pop = {"sex": {"f": 0.5, "m": 0.5}, "age": {"young": 0.3, "mid": 0.4, "old": 0.3}}
    w = nt.rake(df, pop, trim=None, tol=1e-12).to_numpy()
    n = len(df)
    cons = []
    for col, shares in pop.items():
        for level, share in list(shares.items())[:-1]:
            m = (df[col] == level).to_numpy(dtype=float)
            cons.append({"type": "eq", "fun": lambda v, m=m, s=share: m @ v - s * n})
    cons.append({"type": "eq", "fun": lambda v: v.sum() - n})
    res = minimize(lambda v: np.sum(v * np.log(v)), np.ones(n), constraints=cons,
                   bounds=[(1e-9, None)] * n, method="SLSQP",
                   options={"ftol": 1e-14, "maxiter": 1000})
    assert res.success
    np.testing.assert_allclose(w, res.x, rtol=1e-4, atol=1e-5)


def test_trimming_caps_weights_and_says_how_far_the_margins_are():
    df = pd.DataFrame({"g": ["a"] * 98 + ["b"] * 2})
    w = nt.rake(df, {"g": {"a": 0.5, "b": 0.5}}, trim=(0.5, 3.0))
    assert w.max() <= 3.0 * w.mean() + 1e-9 and w.min() >= 0.5 * w.mean() - 1e-9
    assert not w.attrs["converged"] and w.attrs["max_margin_error"] > 0.1
    assert w.attrs["trimmed"] > 0


def test_rake_errors_name_the_problem():
    df = pd.DataFrame({"g": ["a", "b", None]})
    with pytest.raises(ValueError, match="missing in 1 response"):
        nt.rake(df, {"g": {"a": 1, "b": 1}})
    with pytest.raises(ValueError, match=r"level\(s\) \['c'\]"):
        nt.rake(pd.DataFrame({"g": ["a", "c"]}), {"g": {"a": 1, "b": 1}})
    with pytest.raises(ValueError, match="no respondent has 'g' = \\['b'\\]"):
        nt.rake(pd.DataFrame({"g": ["a", "a"]}), {"g": {"a": 1, "b": 1}})


def test_response_bias_flags_the_quiet_group_and_reweights_the_nps():
    cust = pd.DataFrame({"customer_id": [f"C{i}" for i in range(1000)],
                         "region": ["N"] * 600 + ["S"] * 400,
                         "channel": (["web", "app"] * 500)})
    rng = np.random.default_rng(2)
    answered = np.r_[rng.choice(600, 300, replace=False), 600 + rng.choice(400, 40,
                                                                          replace=False)]
    resp = pd.DataFrame({"customer_id": [f"C{i}" for i in answered],
                         "score": np.r_[np.full(300, 10), np.full(40, 2)]})
    rb = nt.response_bias(resp, cust, by=["region"])
    t = rb.table.set_index("level")
    assert t.loc["N", "response_rate"] == 0.5 and t.loc["S", "response_rate"] == 0.1
    assert t.loc["S", "under_represented"] and not t.loc["N", "under_represented"]
    lo, hi = t.loc["S", ["rate_ci_low", "rate_ci_high"]]
    assert lo < 0.1 < hi
    # one variable: the weighted NPS is the post-stratified one, by hand
    assert rb.nps_unweighted == pytest.approx(100 * (300 - 40) / 340)
    assert rb.nps_weighted == pytest.approx(100 * (0.6 * 1.0 - 0.4 * 1.0))
    assert "Under-represented: region = S" in rb.summary
    rb2 = nt.response_bias(resp.assign(customer_id=resp["customer_id"].str.replace("C9", "X9")),
                           cust, by=["region", "channel"])
    assert any("not in the customer list" in n for n in rb2.notes)
    assert set(rb2.table["variable"]) == {"region", "channel"}


def test_response_bias_takes_one_column_name_and_ids_of_any_type():
    """by="region" is one column, not six letters; integer ids against float or text ids of
    the customer list match; no id in common is an error, not "no responses" (issue 24)."""
    cust = pd.DataFrame({"customer_id": np.arange(1000), "region": ["N"] * 600 + ["S"] * 400})
    resp = pd.DataFrame({"customer_id": np.r_[np.arange(0, 600, 2), np.arange(600, 640)],
                         "score": np.r_[np.full(300, 10), np.full(40, 2)]})
    base = nt.response_bias(resp, cust, by=["region"])
    one = nt.response_bias(resp, cust, by="region")
    pd.testing.assert_frame_equal(one.table, base.table)
    for ids in (cust["customer_id"].astype(float), cust["customer_id"].astype(str),
                cust["customer_id"].map("{:05d}".format)):
        got = nt.response_bias(resp, cust.assign(customer_id=ids), by="region")
        pd.testing.assert_frame_equal(got.table, base.table)
        assert got.nps_weighted == pytest.approx(base.nps_weighted)
    with pytest.raises(ValueError, match="no customer id of the responses"):
        nt.response_bias(resp.assign(customer_id=resp["customer_id"] + 5000), cust, by="region")


def test_planted_non_response_in_the_sample_is_found():
    rb = nt.response_bias(nt.load_sample(), nt.load_sample("customers"),
                          by=["region", "persona"])
    flagged = set(rb.table.loc[rb.table["under_represented"], "level"])
    assert flagged == {"Asia-Pacific", "Latin America"}
    assert rb.weights.attrs["converged"]
    assert abs(rb.nps_weighted - rb.nps_unweighted) < 5


def test_ardilly_tille_table_is_raked_to_its_margins_keeping_odds_ratios():
    # the published example of Ardilly & Tille (2006, Sampling Methods: Exercises and
    # Solutions; the example of R's TeachingSampling::IPFP): a 3x3 sample table raked to
    # known row totals 430, 360, 210 and column totals 150, 300, 550. Raking meets both margins
    # and keeps every odds ratio of the sample table (Deming & Stephan 1940).
    table = np.array([[80, 170, 150], [90, 80, 210], [10, 80, 130]])
    rows = [(f"a{i + 1}", f"b{j + 1}") for i in range(3) for j in range(3)
            for _ in range(table[i, j])]
    df = pd.DataFrame(rows, columns=["a", "b"])
    w = nt.rake(df, {"a": {"a1": 430, "a2": 360, "a3": 210},
                     "b": {"b1": 150, "b2": 300, "b3": 550}}, trim=None, tol=1e-12)
    fitted = (df.assign(w=w.to_numpy() * 1000 / w.sum())
              .pivot_table(index="a", columns="b", values="w", aggfunc="sum").to_numpy())
    np.testing.assert_allclose(fitted.sum(axis=1), [430, 360, 210], rtol=1e-9)
    np.testing.assert_allclose(fitted.sum(axis=0), [150, 300, 550], rtol=1e-9)
    def odds(t):
        return np.array([t[i, j] * t[i + 1, j + 1] / (t[i, j + 1] * t[i + 1, j])
                         for i in range(2) for j in range(2)])
    np.testing.assert_allclose(odds(fitted), odds(table.astype(float)), rtol=1e-9)


# ------------------------------------------------------------ a lazy customer list (issue 28)
def _same_bias(expected, got):
    pd.testing.assert_frame_equal(expected.table, got.table, check_dtype=False,
                                  check_exact=False, rtol=1e-12)
    assert got.nps_unweighted == pytest.approx(expected.nps_unweighted, abs=1e-12)
    assert got.nps_weighted == pytest.approx(expected.nps_weighted, abs=1e-9)
    assert got.summary == expected.summary


@pytest.mark.parametrize("kind", ["duckdb", "polars"])
def test_response_bias_counts_a_lazy_customer_list_where_it_lives(kind):
    """The customer list as a DuckDB relation or polars LazyFrame: the matching and the
    counts per level run in the engine and give the in-memory table, NPS and summary, with
    missing levels, respondents not in the list, integer ids against text, and repeated
    ids (said; the smallest value kept)."""
    import duckdb
    import polars as pl

    def lazy(frame):
        return (duckdb.connect().from_df(frame) if kind == "duckdb"
                else pl.from_pandas(frame).lazy())

    sample, customers = nt.load_sample(), nt.load_sample("customers")
    customers = customers.assign(region=customers["region"].mask(
        customers.index % 97 == 0))  # "(missing)" levels
    expected = nt.response_bias(sample, customers, by=["region", "persona"])
    got = nt.response_bias(sample, lazy(customers), by=["region", "persona"])
    _same_bias(expected, got)
    assert got.notes == expected.notes
    pd.testing.assert_series_equal(got.weights.reset_index(drop=True),
                                   expected.weights.reset_index(drop=True), rtol=1e-9,
                                   check_names=False)
    # integer ids in the engine, text answers; an answer whose customer is not listed
    cust = pd.DataFrame({"customer_id": np.arange(1000), "region": ["N"] * 600 + ["S"] * 400})
    resp = pd.DataFrame({"customer_id": [str(i) for i in np.r_[np.arange(0, 600, 2),
                                                               np.arange(600, 640)]]
                         + ["5000"], "score": np.r_[np.full(300, 10), np.full(41, 2)]})
    expected = nt.response_bias(resp, cust, by="region")
    got = nt.response_bias(resp, lazy(cust), by="region")
    _same_bias(expected, got)
    assert any("1 respondent(s) are not in the customer list" in n for n in got.notes)
    # an id that cannot be an integer of the list is a respondent not in it, as in memory
    odd = pd.concat([resp, pd.DataFrame({"customer_id": ["x7"], "score": [9]})],
                    ignore_index=True)
    expected = nt.response_bias(odd, cust, by="region")
    got = nt.response_bias(odd, lazy(cust), by="region")
    _same_bias(expected, got)
    assert any("2 respondent(s) are not in the customer list" in n for n in got.notes)
    assert any("cannot match the customer list's numeric 'customer_id'" in n
               for n in got.notes)
    # a repeated id: counted once, and the note says which row's values are used
    twice = pd.concat([cust, cust.iloc[[5]].assign(region="S")], ignore_index=True)
    got = nt.response_bias(resp, lazy(twice), by="region")
    _same_bias(expected, got)
    assert any("1 repeated customer id(s)" in n and "smallest value" in n for n in got.notes)
    with pytest.raises(ValueError, match="no customer id of the responses"):
        nt.response_bias(resp.assign(customer_id="X"), lazy(cust), by="region")
