"""The same functions on a PySpark DataFrame (local[2]): only counts reach the driver, and the
results equal pandas' to the last digit.

Needs pyspark and Java. Without them these tests skip locally and FAIL when $CI is set
(.ci/run installs Java from Debian packages; pyspark comes with the test extra)."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pandas as pd
import pytest

import nps_toolkit as nt


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"Spark test cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def spark():
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        _unavailable("pyspark is not installed (pip install '.[spark]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _unavailable("no Java runtime (apt-get install openjdk-17-jre-headless)")
    session = (SparkSession.builder.master("local[2]").appName("nps-toolkit-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def data(spark):
    sample = nt.load_sample()
    df = sample[["date", "score", "channel", "region", "customer_lifetime_value"]].copy()
    df.loc[df.index[:5], "date"] = pd.NaT  # undated responses are counted and left out
    from pyspark.sql.types import (
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
        TimestampType,
    )

    schema = StructType([StructField("date", TimestampType()), StructField("score", LongType()),
                         StructField("channel", StringType()),
                         StructField("region", StringType()),
                         StructField("customer_lifetime_value", DoubleType())])
    rows = [(None if pd.isna(d) else d.to_pydatetime(), None if pd.isna(s) else int(s),
             None if pd.isna(c) else str(c), None if pd.isna(r) else str(r), float(v))
            for d, s, c, r, v in df.itertuples(index=False)]
    return df, spark.createDataFrame(rows, schema)


def _same(ref: pd.DataFrame, got: pd.DataFrame) -> None:
    assert list(ref.columns) == list(got.columns)
    pd.testing.assert_frame_equal(ref.reset_index(drop=True), got.reset_index(drop=True),
                                  check_dtype=False, check_exact=False, rtol=1e-12)


def test_summarize_segments_and_trend_equal_pandas(data):
    pdf, sdf = data
    _same(nt.summarize(pdf, by="channel"), nt.summarize(sdf, by="channel"))
    _same(nt.summarize(pdf, by=["channel", "region"]),
          nt.summarize(sdf, by=["channel", "region"]))
    _same(nt.segments(pdf, by="region"), nt.segments(sdf, by="region"))
    for freq in ("M", "Q", "W", "90D"):
        ref = nt.trend(pdf, freq=freq, by="channel", rolling=3)
        got = nt.trend(sdf, freq=freq, by="channel", rolling=3)
        _same(ref, got)
        assert "5 response(s) without a date are left out." in got.attrs["notes"]
    _same(nt.summarize(pdf), nt.summarize(sdf))
    got, ref = nt.score(sdf.select("score")), nt.score(pdf["score"])
    assert (got.nps, got.ci_low, got.n_missing) == (ref.nps, ref.ci_low, ref.n_missing)
    ref = nt.detect_shifts(pdf, freq="Q", baseline=2, by=["region"])
    got = nt.detect_shifts(sdf, freq="Q", baseline=2, by=["region"])
    _same(ref.periods, got.periods)
    assert ref.summary == got.summary


def test_weights_and_row_level_work_on_spark(data):
    pdf, sdf = data
    ref = nt.summarize(pdf, by="channel", weights="customer_lifetime_value")
    _same(ref, nt.summarize(sdf, by="channel", weights="customer_lifetime_value"))
    with pytest.raises(ValueError, match="duration window"):
        nt.trend(sdf, freq="M", rolling="90D")


def test_only_counts_reach_the_driver(data, monkeypatch):
    """Spark's DataFrame.collect / toPandas / toArrow are watched: what comes back to the
    driver is the grouped counts (periods x groups x score values), never the rows."""
    pdf, sdf = data
    frame_class = type(sdf)  # pyspark's classic DataFrame (a subclass of pyspark.sql's)
    sizes: list[int] = []
    for name in ("collect", "toPandas", "toArrow", "_collect_as_arrow"):
        original = getattr(frame_class, name, None)
        if original is None:
            continue

        def watched(self, *a, _original=original, **k):
            out = _original(self, *a, **k)
            if isinstance(out, list) and out and not hasattr(out[0], "num_rows"):
                sizes.append(len(out))  # rows
            elif isinstance(out, list):
                sizes.append(sum(batch.num_rows for batch in out))  # Arrow batches
            else:
                sizes.append(out.num_rows if hasattr(out, "num_rows") else len(out))
            return out

        monkeypatch.setattr(frame_class, name, watched)
    nt.trend(sdf, freq="M", by="channel")
    month = pdf["date"].dt.to_period("M")
    cells = pdf.groupby([pdf["channel"], month, pdf["score"]], dropna=False).ngroups
    assert sizes and max(sizes) <= cells < len(pdf)  # one row per (group, month, score)
    assert np.isfinite(sizes).all()


def test_migration_and_trend_by_value_run_in_spark(spark):
    """The pairing across waves and the per-customer value quantile (Spark's exact
    ``percentile``) run in Spark and agree with pandas."""
    sample = nt.load_sample()
    local = sample[["customer_id", "date", "score", "customer_lifetime_value"]].assign(
        wave=nt.assign_waves(sample).astype("float").astype("Int64"))
    rows = [(str(c), d.to_pydatetime(), int(s), float(v), None if pd.isna(w) else int(w))
            for c, d, s, v, w in local.itertuples(index=False)]
    sdf = spark.createDataFrame(rows, "customer_id string, date timestamp, score long, "
                                      "customer_lifetime_value double, wave long")
    ref = nt.migration(local, wave="wave")
    got = nt.migration(sdf, wave="wave")
    assert (got.counts.to_numpy() == ref.counts.to_numpy()).all()
    assert got.summary == ref.summary
    assert got.moved_down.count() == len(ref.moved_down)  # a Spark DataFrame, not rows
    _same(nt.trend_by_value(local, value="customer_lifetime_value"),
          nt.trend_by_value(sdf, value="customer_lifetime_value"))
    ref_va = nt.value_analysis(local, value="customer_lifetime_value", customer="customer_id",
                               date="date")
    got_va = nt.value_analysis(sdf, value="customer_lifetime_value", customer="customer_id",
                               date="date")
    assert got_va.answer == ref_va.answer
    _same(ref_va.by_tier, got_va.by_tier)
    assert got_va.spearman_rho == pytest.approx(ref_va.spearman_rho, abs=1e-12)


def test_theme_trends_on_coded_comments_run_in_spark(spark):
    sample = nt.load_sample()
    c = nt.analyze_comments(sample, discover=False).comments
    themes = [k for k in c.columns if k.startswith("theme: ")]
    stored = c[["date", "score", "is_answer", *themes]].copy()
    rows = [(d.to_pydatetime(), None if pd.isna(s) else int(s), bool(a), *map(bool, t))
            for d, s, a, *t in stored.itertuples(index=False)]
    schema = ("date timestamp, score long, is_answer boolean, "
              + ", ".join(f"`{t}` boolean" for t in themes))
    sdf = spark.createDataFrame(rows, schema)
    ref = nt.theme_trends(sample, themes=c[themes].rename(
        columns=lambda k: k.removeprefix("theme: ")))
    _same(ref, nt.theme_trends(sdf, themes=themes))


def test_growth_link_joins_a_spark_order_log_in_spark(spark):
    """Issue 28: the order log stays in Spark; the window join and the referrals run there and
    give the in-memory numbers (dates as timestamps in the session's zone, UTC)."""
    sample, orders = nt.load_sample(), nt.load_sample("orders")
    rows = [(str(c), d.to_pydatetime(), float(a), None if pd.isna(r) else str(r))
            for c, d, a, r in orders[["customer_id", "order_date", "amount", "referrer_id"]]
            .itertuples(index=False)]
    ref = nt.growth_link(sample, orders, n_resamples=200)
    # naive times (TIMESTAMP_NTZ), like the pandas log: the same numbers, notes and summary
    sdf = spark.createDataFrame(rows, "customer_id string, order_date timestamp_ntz, "
                                      "amount double, referrer_id string")
    got = nt.growth_link(sample, sdf, n_resamples=200)
    pd.testing.assert_frame_equal(ref.answers, got.answers, check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(ref.table, got.table, check_exact=False, rtol=1e-9)
    assert got.notes == ref.notes and got.summary == ref.summary
    assert got.answers["referrals"].sum() == ref.answers["referrals"].sum() > 0
    # Spark's TIMESTAMP is an instant in the session's zone (UTC here): said, same days
    aware = nt.growth_link(sample, spark.createDataFrame(
        rows, "customer_id string, order_date timestamp, amount double, referrer_id string"),
        n_resamples=200)
    pd.testing.assert_frame_equal(ref.table, aware.table, check_exact=False, rtol=1e-9)
    assert aware.notes[0].startswith("days are cut in the time zone UTC (the orders' own)")
    assert aware.notes[1:] == ref.notes


def test_response_bias_counts_a_spark_customer_list_in_spark(spark):
    """Issue 28: the customer list stays in Spark; the matching and the counts per level run
    there and give the in-memory table, NPS and summary."""
    sample, customers = nt.load_sample(), nt.load_sample("customers")
    sdf = spark.createDataFrame([tuple(r) for r in customers.itertuples(index=False)],
                                "customer_id string, region string, persona string")
    ref = nt.response_bias(sample, customers, by=["region", "persona"])
    got = nt.response_bias(sample, sdf, by=["region", "persona"])
    pd.testing.assert_frame_equal(ref.table, got.table, check_dtype=False, check_exact=False,
                                  rtol=1e-12)
    assert got.summary == ref.summary and got.notes == ref.notes


def test_value_analysis_cuts_shared_values_in_spark(spark):
    """Tiers of a value most customers share (a plan price; zero spent) are cut in Spark as
    on pandas rows: same tiers, numbers and note."""
    rng = np.random.default_rng(51)
    n = 600
    local = pd.DataFrame({
        "score": rng.integers(0, 11, n).astype("int64"),
        "plan_price": rng.choice([39.9, 59.9, 99.9], n, p=[0.6, 0.3, 0.1]),
        "spend": np.where(rng.random(n) < 0.55, 0.0, rng.gamma(2, 100, n)),
    })
    sdf = spark.createDataFrame([(int(s), float(p), float(v)) for s, p, v in
                                 local.itertuples(index=False)],
                                "score long, plan_price double, spend double")
    for value in ("plan_price", "spend"):
        ref, got = nt.value_analysis(local, value=value), nt.value_analysis(sdf, value=value)
        assert got.notes == ref.notes and "instead" in ref.notes[0]
        cols = ["value_tier", "n", "nps", "ci_low", "ci_high"]
        _same(ref.by_tier[cols].astype({"value_tier": str}),
              got.by_tier[cols].astype({"value_tier": str}))
