"""Trend review: periods, changes, rolling windows, waves, migration, shifts, re-survey plan."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.stats

import nps_toolkit as nt

BOTANIC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "npsgame_botanic_fr.csv"


def frame(dates, scores, **extra):
    return pd.DataFrame({"date": dates, "score": scores, **extra})


# --------------------------------------------------------------------------- periods
def test_month_ends_and_leap_days():
    df = frame(["2024-01-31 23:59:59", "2024-02-01 00:00:00", "2024-02-29 12:00",
                "2024-03-01 00:00"], [10, 0, 9, 8])
    m = nt.trend(df, freq="M")
    assert m["period"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert m["n"].tolist() == [1, 2, 1]
    assert pd.Timestamp("2024-02-29 23:59:59") < m["period_end"].iloc[1] < pd.Timestamp(
        "2024-03-01")
    d = nt.trend(df, freq="D")
    assert "2024-02-29" in d["period"].tolist() and len(d) == 31 + 29 + 1 - 30
    w = nt.trend(frame(["2024-02-25", "2024-02-26", "2024-03-03", "2024-03-04"], [9, 9, 9, 9]),
                 freq="W")
    # weeks run Monday to Sunday: Sun 25 Feb | Mon 26 Feb - Sun 3 Mar | Mon 4 Mar
    assert w["n"].tolist() == [1, 2, 1]
    assert w["period_start"].dt.day_of_week.eq(0).all()


def test_time_zones_and_mixed_formats():
    # 23:30 at -05:00 is 04:30 UTC on 1 April; 01:00 at +02:00 is 23:00 UTC on 31 March
    df = frame(["2025-03-31T23:30:00-05:00", "2025-04-01T01:00:00+02:00"], [10, 0])
    utc = nt.trend(df, freq="M")  # different offsets -> converted to UTC
    assert utc["period"].tolist() == ["2025-03", "2025-04"]
    assert utc["detractors"].tolist() == [1, 0] and utc["promoters"].tolist() == [0, 1]
    assert any("UTC" in n for n in utc.attrs["notes"])
    bogota = nt.trend(df, freq="M", tz="America/Bogota")  # UTC-5: 23:30 and 18:00 on 31 March
    assert bogota["period"].tolist() == ["2025-03"] and bogota["n"].tolist() == [2]
    # New York is on daylight time (UTC-4) by 31 March: 23:30 at -05:00 is 00:30 on 1 April
    ny = nt.trend(df.iloc[:1], freq="M", tz="America/New_York")
    assert ny["period"].tolist() == ["2025-04"]
    mixed = nt.trend(frame(["2025-03-01", "March 2, 2025", "2025/03/03 10:00"], [9, 9, 1]),
                     freq="M")
    assert mixed["n"].tolist() == [3]
    with pytest.raises(ValueError, match=r"not dates \(row 1: 'soon'\)"):
        nt.trend(frame(["2025-03-01", "soon"], [9, 9]))
    naive_paris = nt.trend(frame(["2025-03-31 23:30"], [9]), freq="M", tz="Europe/Paris")
    assert naive_paris["period"].tolist() == ["2025-03"]


def test_empty_and_single_response_periods_are_rows():
    df = frame(["2025-01-15", "2025-04-02"], [10, 3])
    m = nt.trend(df, freq="M")
    assert m["period"].tolist() == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert m["n"].tolist() == [1, 0, 0, 1]
    assert m["nps"].isna().tolist() == [False, True, True, False]
    assert m["small_n"].all() and m["change"].isna().all()  # no change across empty months
    assert not m["significant_change"].any()


def test_unsorted_input_and_missing_dates():
    rng = np.random.default_rng(2)
    dates = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, 400), unit="D")
    df = frame(dates, rng.integers(0, 11, 400))
    shuffled = df.sample(frac=1, random_state=1)
    shuffled.loc[shuffled.index[:3], "date"] = pd.NaT
    a = nt.trend(df.drop(index=shuffled.index[:3]), freq="M")
    b = nt.trend(shuffled, freq="M")
    pd.testing.assert_frame_equal(a, b)
    assert "3 response(s) without a date" in b.attrs["notes"][0]


def test_change_matches_compare_and_groups(sample):
    q = nt.trend(sample, freq="Q", by="region")
    we = q[q["region"] == "Western Europe"].reset_index(drop=True)
    assert we["period"].tolist()[0] == "2025Q1" and len(q) == 6 * 6
    d = sample.assign(q=sample["date"].dt.to_period("Q").astype(str))
    sub = d[d["region"] == "Western Europe"]
    c = nt.compare(nt.score(sub.loc[sub["q"] == "2025Q4", "score"]),
                   nt.score(sub.loc[sub["q"] == "2025Q3", "score"]))
    row = we[we["period"] == "2025Q4"].iloc[0]
    assert row["change"] == pytest.approx(c.difference)
    assert (row["change_ci_low"], row["change_ci_high"]) == pytest.approx((c.ci_low, c.ci_high))
    # the test: -1/0/+1 scores, variance pooled over both quarters (issue 27 §1), by hand
    s = np.select([sub["score"] >= 9, sub["score"] <= 6], [1.0, -1.0], 0.0)
    a, b = s[(sub["q"] == "2025Q4").to_numpy()], s[(sub["q"] == "2025Q3").to_numpy()]
    both = np.concatenate([a, b])
    z = (a.mean() - b.mean()) / np.sqrt(both.var() * (1 / len(a) + 1 / len(b)))
    assert row["change_p_value"] == pytest.approx(2 * scipy.stats.norm.sf(abs(z)))
    assert row["significant_change"]


def test_rolling_windows(sample):
    m = nt.trend(sample, freq="M", rolling=3)
    by_hand = m[["promoters", "passives", "detractors"]].rolling(3, min_periods=1).sum()
    n = by_hand.sum(axis=1)
    assert m["rolling_n"].tolist() == n.astype(int).tolist()
    assert m["rolling_nps"].to_numpy() == pytest.approx(
        (100 * (by_hand["promoters"] - by_hand["detractors"]) / n).to_numpy())
    d = nt.trend(sample, freq="M", rolling="90D")
    end = d["period_end"].iloc[8]
    window = sample[(sample["date"] > end - pd.Timedelta("90D")) & (sample["date"] <= end)]
    assert d["rolling_n"].iloc[8] == len(window)
    assert d["rolling_nps"].iloc[8] == pytest.approx(nt.score(window["score"]).nps)
    g = nt.trend(sample, freq="Q", by="touchpoint", rolling="180D")
    sub = sample[sample["touchpoint"] == "periodic"]
    row = g[g["touchpoint"] == "periodic"].iloc[3]
    win = sub[(sub["date"] > row["period_end"] - pd.Timedelta("180D"))
              & (sub["date"] <= row["period_end"])]
    assert row["rolling_n"] == len(win)


def test_fixed_width_and_ordinal_periods(sample):
    f = nt.trend(sample, freq="90D")
    assert f["period_start"].diff().dropna().eq(pd.Timedelta("90D")).all()
    assert f["n"].sum() == len(sample)
    w = sample.assign(wave=nt.assign_waves(sample))
    by_wave = nt.trend(w, period="wave", date=None)
    assert by_wave["period"].tolist() == list(range(1, 8))
    assert by_wave["n"].iloc[0] == sample["customer_id"].nunique()
    with pytest.raises(ValueError, match="not understood"):
        nt.trend(sample, freq="fortnightly")


@pytest.mark.skipif(not BOTANIC.exists(), reason=f"real survey not available at {BOTANIC}")
def test_botanic_ordinal_period_t():
    df, _ = nt.read_survey(BOTANIC)
    t = nt.trend(df, period="t", date=None)
    assert t["period"].tolist() == list(range(18))
    assert t["n"].sum() == df["t"].notna().sum()
    assert "response(s) without a t" in t.attrs["notes"][0]


# --------------------------------------------------------------------------- waves & migration
def test_waves_same_day_duplicates_and_unsorted():
    df = pd.DataFrame({
        "customer_id": ["a", "a", "b", "a", "a", "c"],
        "date": ["2025-04-10", "2025-01-01", "2025-01-05", "2025-01-01 18:00", "2025-07-01",
                 None],
        "score": [9, 7, 3, 8, 10, 5]})
    waves = nt.assign_waves(df)
    assert waves.tolist()[:5] == [2, 1, 1, 1, 3] and pd.isna(waves.iloc[5])
    m = nt.migration(df)
    # a: wave 1 latest answer (8, passive) -> wave 2 (9, promoter) -> wave 3 (10, promoter)
    assert len(m.pairs) == 2 and m.counts.loc["passive", "promoter"] == 1
    assert m.moved_up["customer"].tolist() == ["a"]
    assert "b" not in set(m.pairs["customer"])  # one answer: no pair
    with pytest.raises(ValueError, match="two consecutive waves"):
        nt.migration(df[df["customer_id"] == "b"])


def test_migration_on_sample_shows_passives_becoming_promoters(sample):
    m = nt.migration(sample)
    assert m.counts.loc["passive", "promoter"] > 1.3 * m.counts.loc["promoter", "passive"]
    assert m.change.difference > 0 and m.change.p_value < 0.001
    assert m.shares.sum(axis=1).to_numpy() == pytest.approx(np.ones(3))
    assert m.counts.to_numpy().sum() == len(m.pairs)
    assert (m.moved_up["to_category"] != "detractor").all()
    first = nt.migration(sample, from_wave=1)
    assert set(first.pairs["from_wave"]) == {1}


def test_trend_by_value(sample):
    t = nt.trend_by_value(sample, value="customer_lifetime_value")
    top = t[t["segment"].str.startswith("Top")]
    rest = t[t["segment"] == "Everyone else"]
    assert (top["nps"].to_numpy() < rest["nps"].to_numpy()).all()
    assert t["n"].sum() == len(sample)


# --------------------------------------------------------------------------- shifts
def test_delivery_quarter_is_flagged_and_explained(sample):
    r = nt.detect_shifts(sample, freq="Q", baseline=2, by=["region", "touchpoint"])
    flagged = r.periods[r.periods["flagged"]]
    assert flagged["period"].tolist() == ["2025Q4"]
    contrib = r.contributions[r.contributions["period"] == "2025Q4"]
    for col in ("region", "touchpoint"):
        total = contrib.loc[contrib["column"] == col, "contribution"].sum()
        assert total == pytest.approx(flagged["change"].iloc[0], abs=1e-9)
    worst = contrib.iloc[0]
    assert (worst["column"], worst["segment"]) == ("region", "Western Europe")
    assert "Western Europe" in r.summary and "after purchase" in r.summary
    monthly = nt.detect_shifts(sample, freq="M", by=["region"])
    assert set(monthly.periods.loc[monthly.periods["flagged"], "period"]) <= {
        "2025-10", "2025-11", "2025-12"}


def test_no_shift_message():
    rng = np.random.default_rng(0)
    df = frame(pd.date_range("2025-01-01", periods=600, freq="12h"), rng.integers(6, 11, 600))
    r = nt.detect_shifts(df, freq="M")
    # the period in words, not pandas' code ("No M period" leaked into the report's prose)
    assert not r.periods["flagged"].any() and r.summary.startswith("No month fell")
    assert nt.detect_shifts(df, freq="W").summary.startswith("No week fell")


# --------------------------------------------------------------------------- re-survey plan
def test_due_for_resurvey_with_contact_log():
    df = pd.DataFrame({"customer_id": ["a", "b", "c", "a", "d"],
                       "date": ["2025-01-01", "2025-05-20", "2025-02-01", "2025-02-10",
                                "2025-07-01"],
                       "score": [9, 3, 7, 8, 10]})
    due = nt.due_for_resurvey(df, as_of="2025-06-01")
    assert due["customer_id"].tolist() == ["c", "a"]  # most overdue first; b recent, d future
    assert due["days_since"].tolist() == [120, 111]
    assert due.loc[due["customer_id"] == "a", "last_score"].item() == 8
    assert "1 answer(s) after 2025-06-01" in due.attrs["notes"][0]
    log = pd.DataFrame({"customer_id": ["c"], "date": ["2025-05-25"]})
    skipped = nt.due_for_resurvey(df, as_of="2025-06-01", contacted=log)
    assert skipped["customer_id"].tolist() == ["a"]
    assert "contacted" in skipped.attrs["notes"][-1]


@pytest.mark.parametrize(("freq", "pandas_freq"), [("D", "D"), ("W", "W-SUN"), ("M", "M"),
                                                   ("Q", "Q"), ("Y", "Y")])
def test_period_cutting_agrees_with_pandas_periods(freq, pandas_freq):
    rng = np.random.default_rng(9)
    seconds = rng.integers(-20 * 365 * 86400, 40 * 365 * 86400, 5000)  # 1950 to 2010
    dates = pd.Series(pd.to_datetime(seconds, unit="s"))
    out = nt.trend(frame(dates, rng.integers(0, 11, 5000)), freq=freq)
    expected = dates.dt.to_period(pandas_freq).astype(str).value_counts()
    got = out.set_index("period")["n"]
    assert got[got > 0].sort_index().to_dict() == expected.sort_index().to_dict()


def test_rolling_by_group_with_missing_keys_and_weighted_trend(sample):
    r = nt.trend(sample, freq="Q", by="support_agent", rolling="180D")
    for key in (None, "Jordan"):
        rows = r[r["support_agent"].isna()] if key is None else r[r["support_agent"] == key]
        sub = sample[sample["support_agent"].isna()] if key is None else sample[
            sample["support_agent"] == key]
        expected = [int(((sub["date"] > e - pd.Timedelta("180D")) & (sub["date"] <= e)).sum())
                    for e in rows["period_end"]]
        assert rows["rolling_n"].tolist() == expected
    w = sample.assign(w=np.where(sample["channel"] == "email", 2.0, 1.0))
    t = nt.trend(w, freq="Q", weights="w").set_index("period")
    q4 = w[w["date"].dt.to_period("Q").astype(str) == "2025Q4"]
    r4 = nt.score(q4["score"], weights=q4["w"])
    assert t.loc["2025Q4", "nps"] == pytest.approx(r4.nps)
    assert t.loc["2025Q4", "n_effective"] == pytest.approx(r4.n_effective)


def test_date_objects_from_parquet_take_the_direct_path(tmp_path):
    import datetime as dt

    df = pd.DataFrame({"score": [9, 3, 10, 7],
                       "date": [dt.date(2025, 1, 5), dt.date(2025, 2, 1), None,
                                dt.date(2025, 2, 20)]})
    df.to_parquet(tmp_path / "d.parquet")
    back = pd.read_parquet(tmp_path / "d.parquet")
    assert back["date"].dtype == object  # DATE arrives as Python date objects
    got = nt.trend(back, freq="M")
    want = nt.trend(back.assign(date=pd.to_datetime(back["date"])), freq="M")
    pd.testing.assert_frame_equal(got, want)
    assert got["n"].tolist() == [1, 2]


# --------------------------------------------------------------------------- in the engine
def test_days_since_epoch_expression_matches_numpy():
    import narwhals.stable.v2 as nw
    import polars as pl

    from nps_toolkit._frames.periods import days_since_epoch

    days = np.arange(-800_000, 800_000, 997)  # 1780 to 4160, leap centuries included
    dates = days.astype("datetime64[D]")
    got = (nw.from_native(pl.DataFrame({"d": dates}))
           .select(days_since_epoch("d").alias("x"))["x"].to_numpy())
    np.testing.assert_array_equal(got, days)


@pytest.mark.parametrize("freq", ["D", "W", "M", "Q", "Y", "90D", "2W"])
def test_trend_is_cut_in_the_engine_with_the_same_result(sample, freq):
    import duckdb
    import polars as pl
    import pyarrow as pa

    df = sample[["date", "score", "channel"]].copy()
    df.loc[df.index[:4], "date"] = pd.NaT
    ref = nt.trend(df, freq=freq, by="channel", rolling=2)
    con = duckdb.connect()
    sources = {"polars": pl.from_pandas(df), "polars lazy": pl.from_pandas(df).lazy(),
               "pyarrow": pa.Table.from_pandas(df, preserve_index=False),
               "duckdb": con.from_df(df),
               "duckdb DATE": con.sql("SELECT CAST(date AS DATE) AS date, score, channel "
                                      "FROM df")}
    for name, src in sources.items():
        if name == "duckdb DATE":
            daily = df.assign(date=df["date"].dt.normalize())
            expected = nt.trend(daily, freq=freq, by="channel", rolling=2)
        else:
            expected = ref
        got = nt.trend(src, freq=freq, by="channel", rolling=2)
        pd.testing.assert_frame_equal(expected.reset_index(drop=True),
                                      got.reset_index(drop=True), check_dtype=False,
                                      obj=name)
        assert "4 response(s) without a date are left out." in got.attrs["notes"]


def test_lazy_sources_that_need_rows_get_a_clear_error(sample):
    import duckdb

    con = duckdb.connect()
    df = sample[["date", "score"]].assign(date=sample["date"].dt.strftime("%d/%m/%Y"))
    with pytest.raises(ValueError, match="not a date or timestamp: cast it"):
        nt.trend(con.from_df(df), freq="M")
    dated = con.from_df(sample[["date", "score"]])
    with pytest.raises(ValueError, match="duration window"):
        nt.trend(dated, freq="M", rolling="90D")
    with pytest.raises(ValueError, match="whole days or weeks"):
        nt.trend(dated, freq="12H")
    ordinal = con.sql("SELECT score, CAST(month(date) AS INTEGER) AS wave FROM dated")
    waves = nt.trend(ordinal, period="wave", date=None)
    local = sample.assign(wave=sample["date"].dt.month)
    pd.testing.assert_frame_equal(nt.trend(local, period="wave", date=None), waves,
                                  check_dtype=False)


def test_detect_shifts_runs_in_the_engine_with_the_same_result(sample):
    import duckdb

    ref = nt.detect_shifts(sample, freq="Q", baseline=2, by=["region", "touchpoint"])
    got = nt.detect_shifts(duckdb.connect().from_df(sample), freq="Q", baseline=2,
                           by=["region", "touchpoint"])
    pd.testing.assert_frame_equal(ref.periods, got.periods, check_dtype=False)
    pd.testing.assert_frame_equal(ref.contributions, got.contributions, check_dtype=False)
    assert ref.summary == got.summary


def test_datetime_objects_and_mixed_object_columns():
    import datetime as dt

    from nps_toolkit.trends import parse_dates

    stamps = pd.Series([dt.datetime(2025, 1, 5, 10, 30), None, dt.datetime(2025, 3, 1, 8)],
                       dtype=object)
    got = parse_dates(stamps, column="date")
    assert got.iloc[0] == pd.Timestamp("2025-01-05 10:30") and pd.isna(got.iloc[1])
    mixed = pd.Series([dt.date(2025, 1, 5), "soon", dt.date(2025, 2, 1)], dtype=object)
    with pytest.raises(ValueError, match="'soon'"):
        parse_dates(mixed, column="date")
    # a datetime among date objects keeps its time (Arrow's conversion read it as a date)
    dates = pd.Series([dt.date(2025, 1, 5)] * 3 + [dt.datetime(2025, 1, 6, 23, 15)],
                      dtype=object)
    assert parse_dates(dates, column="date").iloc[-1] == pd.Timestamp("2025-01-06 23:15")
    # two UTC offsets: converted to UTC with a note, not an error
    plus2 = dt.timezone(dt.timedelta(hours=2))
    zones = pd.Series([dt.datetime(2025, 1, 5, 12, tzinfo=plus2),
                       dt.datetime(2025, 1, 5, 12, tzinfo=dt.UTC)], dtype=object)
    got = parse_dates(zones, column="date")
    assert got.iloc[0] == pd.Timestamp("2025-01-05 10:00", tz="UTC")


def _waved(sample):
    return sample.assign(wave=nt.assign_waves(sample).astype("float").astype("Int64"))


def test_migration_counts_in_the_engine_equal_pandas(sample):
    """With a wave column, the pairing and the 3x3 count run in DuckDB / polars; the counts,
    the paired test and the summary equal the pandas path's, and the customer lists stay
    lazy frames of the engine."""
    import duckdb
    import narwhals.stable.v2 as nw
    import polars as pl

    local = _waved(sample)[["customer_id", "date", "score", "wave"]]
    ref = nt.migration(local, wave="wave")
    for src in (duckdb.connect().from_df(local), pl.from_pandas(local).lazy()):
        got = nt.migration(src, wave="wave")
        np.testing.assert_array_equal(got.counts.to_numpy(), ref.counts.to_numpy())
        assert got.change.difference == pytest.approx(ref.change.difference, abs=1e-12)
        assert got.change.p_value == pytest.approx(ref.change.p_value, rel=1e-9)
        assert got.summary == ref.summary
        ups = nw.from_native(got.moved_up).lazy().select(nw.len()).collect().item()
        assert type(got.pairs) is type(src) and ups == len(ref.moved_up)
        first = nt.migration(src, wave="wave", from_wave=1)
        np.testing.assert_array_equal(first.counts.to_numpy(),
                                      nt.migration(local, wave="wave", from_wave=1)
                                      .counts.to_numpy())
    with pytest.raises(ValueError, match="give wave= a wave number column"):
        nt.migration(duckdb.connect().from_df(local))


def test_trend_by_value_in_the_engine_equals_pandas(sample):
    import duckdb
    import polars as pl

    cols = ["customer_id", "date", "score", "customer_lifetime_value"]
    local = sample[cols].copy()
    local.loc[local.index[:3], "customer_lifetime_value"] = np.nan
    ref = nt.trend_by_value(local, value="customer_lifetime_value", top=0.1)
    for src in (duckdb.connect().from_df(local), pl.from_pandas(local).lazy()):
        got = nt.trend_by_value(src, value="customer_lifetime_value", top=0.1)
        pd.testing.assert_frame_equal(got, ref.reset_index(drop=True), check_dtype=False,
                                      check_exact=False, rtol=1e-12)


def test_local_times_around_clock_changes_are_kept():
    """The repeated hour when clocks go back and the skipped hour when they go forward are
    resolved and noted, not dropped as 'responses without a date' (issue 24)."""
    df = pd.DataFrame({"score": [9, 10, 3, 5, 7],
                       "date": pd.to_datetime(["2025-10-26 02:30", "2025-10-26 02:45",
                                               "2025-03-30 02:30", "2025-10-26 01:00",
                                               "2025-10-27 12:00"])})
    t = nt.trend(df, freq="M", tz="Europe/Paris")
    assert int(t["n"].sum()) == 5
    notes = " ".join(t.attrs["notes"])
    assert "2 time(s)" in notes and "go back" in notes
    assert "1 time(s)" in notes and "skip" in notes
    from nps_toolkit._frames.periods import parse_dates

    local = parse_dates(df["date"], column="date", tz="Europe/Paris")
    assert local.notna().all()
    # 02:30 on 26 October is read as summer time (UTC+2), 00:30 UTC; 02:30 on 30 March
    # does not exist and becomes 03:00 summer time
    assert local.iloc[0].tz_convert("UTC") == pd.Timestamp("2025-10-26 00:30", tz="UTC")
    assert local.iloc[2] == pd.Timestamp("2025-03-30 03:00", tz="Europe/Paris")


def test_migration_counts_customers_and_pairs_apart():
    """Issue 25: '2,791 customers answered in consecutive waves' were 2,791 pairs from 1,552
    customers; 'thank the 737 who moved up' were 686 customers. Checked against the pairs
    table by hand, in pandas and in DuckDB."""
    import duckdb

    sample = nt.load_sample()
    m = nt.migration(sample)
    p = m.pairs
    per = p.assign(up=p["movement"] == "up", down=p["movement"] == "down").groupby(
        "customer")[["up", "down"]].any()
    text = m.summary
    assert f"{p['customer'].nunique():,} customers answered in two consecutive waves" in text
    assert f"{len(p):,} pairs of answers" in text
    assert f"{int(per['up'].sum()):,} customers moved up and {int(per['down'].sum()):,} down" \
        in text
    assert f"({int((per['up'] & per['down']).sum()):,} of them both)" in text
    waved = sample.assign(wave=nt.assign_waves(sample, date="date", customer="customer_id"))
    con = duckdb.connect()
    rel = con.from_df(waved[["customer_id", "date", "score", "wave"]])
    assert nt.migration(rel, wave="wave").summary == nt.migration(waved, wave="wave").summary


def _stable_series(k: int, seed: int) -> pd.DataFrame:
    """``k`` independent 24-month series of a stable NPS of 25, 50-200 answers a month."""
    rng = np.random.default_rng(seed)
    months = pd.date_range("2024-01-01", periods=24, freq="MS") + pd.Timedelta(days=10)
    n = rng.integers(50, 201, (k, 24)).ravel()
    sid = np.repeat(np.repeat(np.arange(k), 24), n)
    month = np.repeat(np.tile(np.arange(24), k), n)
    u = rng.random(len(sid))
    return pd.DataFrame({"series": sid, "date": months[month],
                         "score": np.where(u < 0.45, 10, np.where(u < 0.80, 8, 3))})


def test_trend_flags_hold_their_false_alarm_rate_over_a_series():
    """Issue 27 §1: each month-on-month test alone flags 5% of changes, so about 63% of
    stable 24-month series showed a "significant change". Holm over each line's changes (the
    default) keeps it at 5% (400 series here, SE 1.1 points; 1,000 in benchmarks/README.md)."""
    df = _stable_series(400, seed=11)
    t = nt.trend(df, by="series", freq="M")
    assert len(t) == 400 * 24
    any_flag = t.groupby("series")["significant_change"].any()
    assert any_flag.mean() <= 0.08, any_flag.mean()
    raw = nt.trend(df, by="series", freq="M", adjust="none")
    assert raw.groupby("series")["significant_change"].any().mean() > 0.45
    # the per-change p-value stays visible; the flag uses the adjusted one, line by line
    one = t[t["series"] == 0]
    from statsmodels.stats.multitest import multipletests

    p = one["change_p_value"].dropna()
    want = multipletests(p, method="holm")[1]
    assert np.allclose(one.loc[p.index, "change_p_adjusted"], want)


def test_shift_alerts_hold_their_false_alarm_rate_over_a_series():
    """Issue 27 §1: detect_shifts alerted at least once in 41-52% of stable series; Holm over
    the series' periods keeps it under 5%."""
    df = _stable_series(150, seed=12)
    alerted = [nt.detect_shifts(one, freq="M", baseline=3).periods["flagged"].any()
               for _, one in df.groupby("series")]
    assert np.mean(alerted) <= 0.06, np.mean(alerted)
    raw = [nt.detect_shifts(one, freq="M", baseline=3, adjust="none").periods["flagged"].any()
           for _, one in df[df["series"] < 60].groupby("series")]
    assert np.mean(raw) > 0.25


def test_day_first_text_dates_of_a_data_frame_keep_one_order():
    """A data frame of one's own with day-first text dates ("23/11/2024", "08/11/2024"),
    passed to trend without read_survey: pandas' per-value reading took "08/11/2024" as 11
    August where it could and "23/11/2024" as 23 November where it had to, and a monthly
    trend of two months showed ten. The column is read in one order (day first here, month
    first for "11/23/2024"), year-first dates year-month-day in either."""
    from nps_toolkit._frames.periods import parse_dates

    day_first = ["23/11/2024", "08/11/2024", "03/12/2024", "15/12/2024"]
    df = pd.DataFrame({"score": [9, 3, 10, 5] * 10, "date": day_first * 10})
    out = nt.trend(df, freq="M")
    assert out["period"].astype(str).tolist() == ["2024-11", "2024-12"]
    got = parse_dates(pd.Series([*day_first, "2024/11/08"]), column="date")
    assert got.dt.strftime("%Y-%m-%d").tolist() == [
        "2024-11-23", "2024-11-08", "2024-12-03", "2024-12-15", "2024-11-08"]
    month_first = parse_dates(pd.Series(["11/23/2024", "11/08/2024"]), column="date")
    assert month_first.dt.strftime("%m-%d").tolist() == ["11-23", "11-08"]
    # nothing decides the order ("01/02/2024", "03/04/2024"): read month first, said
    undecided = nt.trend(pd.DataFrame({"score": [9, 3] * 5,
                                       "date": ["01/02/2024", "03/04/2024"] * 5}), freq="M")
    assert undecided["period"].astype(str).tolist() == ["2024-01", "2024-02", "2024-03"]
    assert any("'01/02/2024' could be day or month first" in n
               for n in undecided.attrs["notes"])
    assert not any("day or month first" in n for n in out.attrs["notes"])
