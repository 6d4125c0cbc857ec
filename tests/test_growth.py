"""growth_link, value_of_moving and read_orders: hand computations, edge cases, the sample's
planted relation, and an independent regression (statsmodels)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import nps_toolkit as nt


def small():
    responses = pd.DataFrame({
        "customer_id": ["A", "B", "C", "A", None, "D"],
        "date": pd.to_datetime(["2025-01-10", "2025-01-10", "2025-02-01", "2025-03-01",
                                "2025-01-10", "2026-01-01"]),
        "score": [10, 3, 8, 9, 10, 10]})
    orders = pd.DataFrame({
        "customer_id": ["A", "A", "A", "A", "A", "B", "Z"],
        "order_date": pd.to_datetime(["2024-12-01", "2025-01-10", "2025-02-01", "2025-03-05",
                                      "2026-02-01", "2025-06-01", "2026-06-01"]),
        "amount": [50.0, 20.0, 100.0, -30.0, 10.0, 40.0, 5.0]})
    return responses, orders


def test_hand_computed_windows_refunds_same_day_and_open_horizons():
    responses, orders = small()
    link = nt.growth_link(responses, orders, horizon="365D", n_resamples=50)
    a = link.answers.set_index(["customer_id", "answer_day"])
    first = a.loc[("A", pd.Timestamp("2025-01-10"))]
    # after: 2025-02-01 (+100), 2025-03-05 refund (-30); 2026-02-01 is beyond 365 days
    assert first["orders"] == 1 and first["revenue"] == 70 and first["repurchase_rate"] == 1
    assert first["revenue_before"] == 50 and first["revenue_change"] == 20
    second = a.loc[("A", pd.Timestamp("2025-03-01"))]  # the same customer answering again
    assert second["revenue"] == -30 + 10 and second["orders"] == 1
    assert second["revenue_before"] == 50 + 20 + 100  # the answer-day order of Jan 10 included
    b = a.loc[("B", pd.Timestamp("2025-01-10"))]
    assert b["orders"] == 1 and b["revenue"] == 40 and b["revenue_before"] == 0
    c = a.loc[("C", pd.Timestamp("2025-02-01"))]
    assert c["orders"] == 0 and c["churn_rate"] == 1 and c["revenue"] == 0
    assert len(link.answers) == 4
    notes = " ".join(link.notes)
    assert "1 answer(s) without a customer" in notes
    assert "1 answer(s) given less than 365 days before the end" in notes  # D, 2026-01-01
    assert "1 order(s) on the answer day itself" in notes
    t = link.table.set_index(["category", "metric"])
    assert t.loc[("promoter", "revenue"), "value"] == pytest.approx((70 - 20) / 2)
    assert t.loc[("promoter", "revenue"), "customers"] == 1
    assert t.loc[("promoter", "revenue"), "answers"] == 2


def test_time_zones_are_compared_as_instants():
    responses = pd.DataFrame({"customer_id": ["A"], "score": [10],
                              "date": pd.to_datetime(["2025-01-10T23:30:00-05:00"])})
    orders = pd.DataFrame({"customer_id": ["A", "A"], "amount": [10.0, 1.0],
                           "order_date": pd.to_datetime(["2025-01-11T02:00:00+00:00",
                                                         "2026-03-01T00:00:00+00:00"])})
    link = nt.growth_link(responses, orders, n_resamples=20)
    # 23:30 in New York is 04:30 UTC on Jan 11: the order at 02:00 UTC is the same day
    assert link.answers["orders"].item() == 0
    assert "on the answer day itself" in " ".join(link.notes)


def test_no_orders_at_all_and_bad_input():
    responses, orders = small()
    with pytest.raises(ValueError, match="order log column 'amount' not found"):
        nt.growth_link(responses, orders.drop(columns="amount"))
    with pytest.raises(ValueError, match="no answer has a complete"):
        nt.growth_link(responses, orders, horizon="3000D")
    # no answer's customer in the order log: a clear error, not "every answer churned"
    nobody = orders.assign(customer_id="Z")
    with pytest.raises(ValueError, match="no customer id of the answers is in the orders"):
        nt.growth_link(responses, nobody, n_resamples=20)


def test_bootstrap_is_seeded_and_resamples_customers():
    s, o = nt.load_sample(), nt.load_sample("orders")
    one = nt.growth_link(s, o, n_resamples=200, seed=1)
    two = nt.growth_link(s, o, n_resamples=200, seed=1)
    pd.testing.assert_frame_equal(one.table, two.table)
    t = one.table
    assert ((t["ci_low"] <= t["value"]) & (t["value"] <= t["ci_high"])).all()


def test_the_planted_relation_is_found_in_the_sample():
    s, o = nt.load_sample(), nt.load_sample("orders")
    link = nt.growth_link(s, o, n_resamples=1000)
    v = link.table.set_index(["category", "metric"])["value"]
    assert v["promoter", "repurchase_rate"] > v["passive", "repurchase_rate"] > \
        v["detractor", "repurchase_rate"]
    d = link.differences.set_index(["metric", "comparison"])
    assert d.loc[("repurchase_rate", "promoter - detractor"), "p_value"] < 0.001
    assert d.loc[("referrals", "promoter - detractor"), "ci_low"] > 0
    assert "predicts repurchase" in link.summary
    # the effect is stronger for bargain hunters (planted: 2.5x on the log scale)
    bh = nt.growth_link(s[s["persona"] == "Bargain hunter"], o, n_resamples=1000)
    rest = nt.growth_link(s[s["persona"] != "Bargain hunter"], o, n_resamples=1000)
    gap = {name: x.differences.set_index(["metric", "comparison"]).loc[
        ("orders", "promoter - detractor")] for name, x in (("bh", bh), ("rest", rest))}
    assert gap["bh"]["ci_low"] > gap["rest"]["ci_high"]
    # with lifetime value and order value controlled, moving up is worth revenue
    value = nt.value_of_moving(s, link=link, by=["persona"],
                               controls=["customer_lifetime_value", "average_order_value"])
    assert (value["ci_low"] > 0).all()
    assert "not a proven effect" in value.attrs["statement"]


def test_value_of_moving_matches_statsmodels_cluster_robust_ols():
    sm = pytest.importorskip("statsmodels.api")
    s, o = nt.load_sample(), nt.load_sample("orders")
    link = nt.growth_link(s, o, n_resamples=50)
    got = nt.value_of_moving(s, link=link, by=["persona"])
    a = link.answers
    seg = s.drop_duplicates("customer_id", keep="last").set_index("customer_id")["persona"]
    x = pd.DataFrame({"passive": (a["category"] == "passive").astype(float),
                      "promoter": (a["category"] == "promoter").astype(float),
                      "revenue_before": a["revenue_before"]})
    x = pd.concat([x, pd.get_dummies(seg.reindex(a["customer_id"]).to_numpy(), drop_first=True,
                                     dtype=float).set_axis(a.index)], axis=1)
    fit = sm.OLS(a["revenue"], sm.add_constant(x)).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(a["customer_id"])[0]})
    assert got.loc["detractor -> passive", "per_customer"] == pytest.approx(
        fit.params["passive"], rel=1e-9)
    assert got.loc["detractor -> passive", "std_error"] == pytest.approx(
        fit.bse["passive"], rel=1e-6)
    contrast = fit.t_test("promoter - passive = 0")
    assert got.loc["passive -> promoter", "per_customer"] == pytest.approx(
        float(contrast.effect[0]), rel=1e-9)
    assert got.loc["passive -> promoter", "std_error"] == pytest.approx(
        float(contrast.sd[0, 0]), rel=1e-6)


def test_read_orders_in_german_with_refunds_and_bad_rows(tmp_path):
    path = tmp_path / "bestellungen.csv"
    path.write_text("Kunde;Bestelldatum;Betrag\nK1;03.01.2025;19,90\nK1;15.01.2025;-19,90\n"
                    "K2;20.01.2025;1.234,50\n;21.01.2025;5,00\nK3;kein Datum;7,00\n"
                    "K4;22.01.2025;abc\n", encoding="utf-8")
    orders, report = nt.read_orders(path)
    assert report.columns == {"customer_id": "Kunde", "order_date": "Bestelldatum",
                              "amount": "Betrag"}
    assert orders["amount"].tolist() == [19.9, -19.9, 1234.5]
    assert orders["order_date"].dt.day.tolist() == [3, 15, 20]  # day first
    assert report.excluded == {"no customer id": [5], "no readable date": [6],
                               "no readable amount": [7]}
    assert "1 refund(s)" in " ".join(report.notes)
    with pytest.raises(nt.ColumnNotFoundError, match=r"Pass amount='\.\.\.'"):
        nt.read_orders(pd.DataFrame({"customer_id": ["a"], "date": ["2025-01-01"]}))


def test_poisson_table_has_poisson_one_frequencies():
    import math

    from nps_toolkit.growth.link import _POISSON_TABLE

    for k in range(7):
        share = float((_POISSON_TABLE == k).mean())
        assert share == pytest.approx(math.exp(-1) / math.factorial(k), abs=2 / 65536)


def test_read_orders_refuses_a_lazy_source_with_the_reason():
    import duckdb

    _, orders = small()
    with pytest.raises(ValueError, match=r"^read_orders: it checks every order"):
        nt.read_orders(duckdb.connect().from_df(orders))


# ---------------------------------------------------------------- a lazy order log (issue 28)
def _engine(kind, frame):
    """``frame`` held by an engine: a DuckDB relation on its own connection, or polars lazy."""
    if kind == "duckdb":
        import duckdb

        return duckdb.connect().from_df(frame)
    import polars as pl

    return pl.from_pandas(frame).lazy()


def _same_link(expected, got):
    pd.testing.assert_frame_equal(expected.answers, got.answers, check_exact=False,
                                  rtol=1e-12)
    pd.testing.assert_frame_equal(expected.table, got.table, check_exact=False, rtol=1e-9)
    pd.testing.assert_frame_equal(expected.differences, got.differences, check_exact=False,
                                  rtol=1e-9)
    assert expected.notes == got.notes
    assert expected.summary == got.summary


def _edges():
    """Orders exactly on every window edge of one answer (day 0 = 2025-06-01): 365 and 366
    days before, the day itself, the day after, 365 and 366 days after; a refund after."""
    day = pd.Timestamp("2025-06-01")
    offsets = [-366, -365, -1, 0, 0, 1, 200, 365, 366, 700]
    orders = pd.DataFrame({"customer_id": ["A"] * len(offsets) + ["B"],
                           "order_date": [day + pd.Timedelta(days=o) for o in offsets]
                           + [day],
                           "amount": [1.0, 2.0, 4.0, 8.0, -3.0, 16.0, -32.0, 64.0, 128.0,
                                      256.0, 5.0]})
    responses = pd.DataFrame({"customer_id": ["A", "B"], "date": [day, day],
                              "score": [10, 0]})
    return responses, orders


@pytest.mark.parametrize("kind", ["duckdb", "polars"])
def test_lazy_order_log_gives_the_in_memory_numbers(kind):
    """The join runs in the engine and gives the same answers, intervals, notes and summary."""
    s, o = nt.load_sample(), nt.load_sample("orders")
    _same_link(nt.growth_link(s, o, n_resamples=200),
               nt.growth_link(s, _engine(kind, o), n_resamples=200))
    responses, orders = small()
    _same_link(nt.growth_link(responses, orders, n_resamples=50),
               nt.growth_link(responses, _engine(kind, orders), n_resamples=50))
    responses, orders = _edges()
    link = nt.growth_link(responses, _engine(kind, orders), n_resamples=20, as_of="2027-01-01")
    _same_link(nt.growth_link(responses, orders, n_resamples=20, as_of="2027-01-01"), link)
    a = link.answers.set_index("customer_id")
    # after: days 1, 200 (refund, not an order) and 365; before: days -365 and -1; on the
    # day: A's order and refund and B's order, two of them orders
    assert a.loc["A", "orders"] == 2 and a.loc["A", "revenue"] == 16 - 32 + 64
    assert a.loc["A", "revenue_before"] == 2 + 4
    assert "2 order(s) on the answer day itself" in " ".join(link.notes)


@pytest.mark.parametrize("kind", ["duckdb", "polars"])
def test_lazy_order_log_counts_referrals_like_memory(kind):
    responses, orders = small()
    orders = pd.concat([orders, pd.DataFrame({
        "customer_id": ["N1", "N1", "N2", "N3", "N4"],
        "order_date": pd.to_datetime(["2025-02-01", "2025-03-01", "2024-12-01",
                                      "2025-05-01", "2025-01-12"]),
        "amount": [10.0, 10.0, 10.0, 10.0, 10.0],
        "referrer_id": ["A", "B", "A", "A", "B"]})], ignore_index=True)
    expected = nt.growth_link(responses, orders, n_resamples=30)
    got = nt.growth_link(responses, _engine(kind, orders), n_resamples=30)
    _same_link(expected, got)
    r = got.answers.set_index(["customer_id", "answer_day"])["referrals"]
    # N1 first named a referrer on 2025-02-01 (A); N2 before A's answers; N3 after both
    assert r["A", pd.Timestamp("2025-01-10")] == 2 and r["A", pd.Timestamp("2025-03-01")] == 1
    assert r["B", pd.Timestamp("2025-01-10")] == 1


@pytest.mark.parametrize(("answers", "orders"), [
    ([1.0, 2.0, 3.0, 4.0], [1, 2, 3, 4]),      # float ids (blanks) vs integer ids in the engine
    (["1", "2", " 3", "4.0"], [1, 2, 3, 4]),   # text vs integer
    (["-1", "2", "3", "4"], [-1, 2, 3, 4]),    # negative ids are whole numbers too
    ([1, 2, 3, 4], ["1", "2", "3", "4"]),      # integer vs text in the engine
])
def test_lazy_order_log_matches_ids_of_another_type(answers, orders):
    expected = nt.growth_link(*small(), n_resamples=20).answers
    resp, ords = _numbered(answers, orders)
    got = nt.growth_link(resp, _engine("duckdb", ords), n_resamples=20).answers
    assert got["orders"].tolist() == expected["orders"].tolist()
    assert got["revenue"].tolist() == expected["revenue"].tolist()


def test_lazy_order_log_says_what_it_cannot_match_or_read():
    import duckdb

    resp, ords = _numbered(["1", "2", "x", "4"], [1, 2, 3, 4])
    link = nt.growth_link(resp, _engine("duckdb", ords), n_resamples=20)
    assert any("1 answer(s) have a customer id that is not a whole number (e.g. 'x')" in n
               for n in link.notes)
    responses, orders = small()
    with pytest.raises(ValueError, match="no customer id of the answers is in the orders"):
        nt.growth_link(responses, _engine("duckdb", orders.assign(customer_id="Z")))
    with pytest.raises(ValueError, match="order log column 'amount' not found"):
        nt.growth_link(responses, _engine("polars", orders.drop(columns="amount")))
    text_dates = orders.assign(order_date=orders["order_date"].dt.strftime("%Y-%m-%d"))
    with pytest.raises(ValueError, match=r"holds text in the engine.*CAST\(order_date AS DATE"):
        nt.growth_link(responses, _engine("duckdb", text_dates))
    blank = orders.astype({"amount": "float64"})
    blank.loc[2, "amount"] = None
    with pytest.raises(ValueError, match=r"^1 order\(s\) have no readable date or amount"):
        nt.growth_link(responses, _engine("duckdb", blank))
    # aware order times: polars converts them to the answers' zone like pandas does; DuckDB
    # keeps the zone in its connection and is told how to set it
    resp = pd.DataFrame({"customer_id": ["A"], "score": [10],
                         "date": pd.to_datetime(["2025-01-10T23:30:00-05:00"])})
    ords = pd.DataFrame({"customer_id": ["A", "A"], "amount": [10.0, 1.0],
                         "order_date": pd.to_datetime(["2025-01-11T02:00:00+00:00",
                                                       "2026-03-01T00:00:00+00:00"])})
    _same_link(nt.growth_link(resp, ords, n_resamples=20),
               nt.growth_link(resp, _engine("polars", ords), n_resamples=20))
    con = duckdb.connect()
    con.sql("SET TimeZone = 'UTC'")
    with pytest.raises(ValueError, match=r"SET TimeZone = 'Etc/GMT\+5'"):
        nt.growth_link(resp, con.from_df(ords), n_resamples=20)
    con.sql("SET TimeZone = 'Etc/GMT+5'")  # as told: the same days as in memory
    _same_link(nt.growth_link(resp, ords, n_resamples=20),
               nt.growth_link(resp, con.from_df(ords), n_resamples=20))


def test_value_of_moving_takes_a_lazy_order_log():
    s, o = nt.load_sample(), nt.load_sample("orders")
    pd.testing.assert_frame_equal(nt.value_of_moving(s, o),
                                  nt.value_of_moving(s, _engine("duckdb", o)), rtol=1e-9)


def test_lazy_order_log_brings_back_one_row_per_answer_at_most(monkeypatch):
    """Only per-answer sums (and one summary row) leave the engine, never order rows."""
    from nps_toolkit.growth import engine

    sizes = []
    inner = engine.collect

    def spy(frame):
        out = inner(frame)
        sizes.append(len(out))
        return out

    monkeypatch.setattr(engine, "collect", spy)
    s, o = nt.load_sample(), nt.load_sample("orders")
    nt.growth_link(s, _engine("duckdb", o), n_resamples=20)
    assert sizes and max(sizes) <= s["customer_id"].notna().sum() < len(o)


def _numbered(ids_answers, ids_orders):
    """small() with customers A, B, C, D written as other id types on each side."""
    responses, orders = small()
    to_a = dict(zip("ABCD", ids_answers, strict=True))
    to_o = dict(zip("ABCDZ", [*ids_orders, ids_orders[-1] * 0 + 99 if not isinstance(
        ids_orders[-1], str) else "99"], strict=True))
    return (responses.assign(customer_id=responses["customer_id"].map(to_a)),
            orders.assign(customer_id=orders["customer_id"].map(to_o)))


@pytest.mark.parametrize(("answers", "orders"), [
    ([1.0, 2.0, 3.0, 4.0], ["1", "2", "3", "4"]),      # float ids (blanks) vs read_orders text
    ([1, 2, 3, 4], ["00001", "00002", "00003", "00004"]),  # fixed-width CRM ids
    (["1", "2", "3", "4"], [1, 2, 3, 4]),
    ([" 1", "2 ", "3", "4"], ["1.0", "2.0", "3.0", "4.0"]),
])
@pytest.mark.parametrize("duckdb_from", [0, 10**12])  # the in-memory join in DuckDB / numpy
def test_customer_ids_match_as_meant(answers, orders, duckdb_from, monkeypatch):
    """Issue 24: ids of another type on each side matched nothing, silently."""
    from nps_toolkit.growth import engine

    monkeypatch.setattr(engine, "DUCKDB_FROM", duckdb_from)
    expected = nt.growth_link(*small(), n_resamples=20).answers
    resp, ords = _numbered(answers, orders)
    link = nt.growth_link(resp, ords, n_resamples=20)
    got = link.answers
    assert got["orders"].tolist() == expected["orders"].tolist()
    assert got["revenue"].tolist() == expected["revenue"].tolist()
    if isinstance(orders[0], str) and orders[0].startswith("0"):
        assert any("leading zeros" in n for n in link.notes)


def test_leading_zeros_are_kept_when_they_tell_ids_apart():
    resp = pd.DataFrame({"customer_id": ["01", "1"], "score": [10, 2],
                         "date": pd.to_datetime(["2025-01-01", "2025-01-01"])})
    ords = pd.DataFrame({"customer_id": ["1", "1"], "amount": [5.0, 5.0],
                         "order_date": pd.to_datetime(["2025-02-01", "2026-06-01"])})
    link = nt.growth_link(resp, ords, n_resamples=20)
    by_id = link.answers.set_index("customer_id")["orders"]
    assert by_id["1"] == 1 and by_id["01"] == 0
    assert not any("leading zeros" in n for n in link.notes)


def test_referrals_count_with_integer_ids():
    """Referrer ids were cast to text and never matched integer customer ids (issue 24)."""
    resp = pd.DataFrame({"customer_id": [1, 2], "score": [10, 2],
                         "date": pd.to_datetime(["2025-01-01", "2025-01-01"])})
    ords = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5],
                         "order_date": pd.to_datetime(["2025-01-05", "2025-01-05", "2025-02-01",
                                                       "2025-03-01", "2026-06-01"]),
                         "amount": [10.0, 10.0, 10.0, 10.0, 1.0],
                         "referrer_id": [None, None, 1, 1.0, None]})
    link = nt.growth_link(resp, ords, n_resamples=20)
    refs = link.answers.set_index("customer_id")["referrals"]
    assert refs["1"] == 2 and refs["2"] == 0


def test_value_of_moving_uses_the_latest_answer_and_any_id_type():
    s, o = nt.load_sample(), nt.load_sample("orders")
    base = nt.value_of_moving(s, o, by="persona", n_resamples=0)
    shuffled = s.sample(frac=1, random_state=3)
    again = nt.value_of_moving(shuffled, o, by=["persona"], n_resamples=0)
    pd.testing.assert_frame_equal(base, again)
    # the latest answer's persona, not the last row's: move each customer's latest answer
    # to the top and give the other rows another persona
    latest = s.sort_values("date", kind="stable").groupby("customer_id").tail(1).index
    moved = pd.concat([s.loc[latest], s.drop(index=latest).assign(persona="(old)")])
    same = nt.value_of_moving(moved, o, by=["persona"], n_resamples=0)
    pd.testing.assert_frame_equal(base[["per_customer"]], same[["per_customer"]])
    # integer ids on one side, text on the other: no merge error
    codes = {c: i for i, c in enumerate(sorted(s["customer_id"].unique()))}
    s_int = s.assign(customer_id=s["customer_id"].map(codes))
    o_txt = o.assign(customer_id=o["customer_id"].map(codes).astype("Int64").astype(str),
                     referrer_id=o["referrer_id"].map(codes).astype("Int64").astype("string"))
    v = nt.value_of_moving(s_int, o_txt, by=["persona"], n_resamples=0)
    assert v["per_customer"].tolist() == pytest.approx(base["per_customer"].tolist())


@pytest.mark.parametrize(("cells", "expected"), [
    (["1.500", "2.000,00", "3,5"], [1500.0, 2000.0, 3.5]),        # German thousands
    (["−12.00", "5.00"], [-12.0, 5.0]),                          # Unicode minus: a refund
    (["1.5E+03", "2.5e-1"], [1500.0, 0.25]),                      # scientific notation
    (["1,500", "2,000.50"], [1500.0, 2000.5]),
    (["(12.00)", "12.00-", "1 234.50"], [-12.0, -12.0, 1234.5]),
    (["10 €", "€ 1.234,50", "EUR 3"], [10.0, 1234.5, 3.0]),
])
def test_order_amounts_read_per_column(cells, expected):
    log = pd.DataFrame({"customer_id": [f"c{i}" for i in range(len(cells))],
                        "order_date": ["2025-01-01"] * len(cells), "amount": cells})
    orders, _ = nt.read_orders(log)
    assert orders.set_index("customer_id")["amount"].tolist() == pytest.approx(expected)


@pytest.mark.parametrize(("cells", "words"), [
    (["$10", "€10", "10 GBP"], "mixes currencies"),
    (["19.90", "19,90"], "mixes decimal marks"),
])
def test_order_amounts_refused_when_the_column_disagrees(cells, words):
    log = pd.DataFrame({"customer_id": ["a", "b", "c"][:len(cells)],
                        "order_date": ["2025-01-01"] * len(cells), "amount": cells})
    with pytest.raises(ValueError, match=words) as err:
        nt.read_orders(log)
    assert "'amount'" in str(err.value) and "row" in str(err.value)


def test_order_amount_convention_stated_when_no_cell_shows_it():
    log = pd.DataFrame({"customer_id": ["a", "b"], "order_date": ["2025-01-01"] * 2,
                        "amount": ["1.500", "2.250"]})
    orders, report = nt.read_orders(log)
    assert orders["amount"].tolist() == [1.5, 2.25]
    assert any("never show their decimal mark" in n for n in report.notes)
    orders, _ = nt.read_orders(log, decimal=",")
    assert orders["amount"].tolist() == [1500.0, 2250.0]


def test_customers_who_could_move_are_customers_not_answers():
    """Issue 27 §5: the count behind the total was passive *answers* (2,513 from 2,204
    customers in the sample); it is customers whose latest answer is passive (detractor)."""
    sample, orders = nt.load_sample(), nt.load_sample("orders")
    link = nt.growth_link(sample, orders, n_resamples=50, seed=0)
    moving = nt.value_of_moving(sample, link=link)
    answers = link.answers.sort_values(["customer_id", "answer_day"], kind="stable")
    latest = answers.groupby("customer_id")["category"].last().astype(str)
    assert moving.loc["passive -> promoter", "customers_who_could_move"] == (
        latest == "passive").sum() < (answers["category"] == "passive").sum()
    assert moving.loc["detractor -> passive", "customers_who_could_move"] == (
        latest == "detractor").sum()
    row = moving.loc["passive -> promoter"]
    assert row["total"] == pytest.approx(row["per_customer"] * row["customers_who_could_move"])


def test_answer_days_of_zoned_dates_are_the_local_days():
    """Issue 27 §5: an answer at 00:30 in Paris (23:30 UTC the day before) belongs to its own
    local day, as trend() cuts it; zoned and naive dates give the same days."""
    from nps_toolkit.growth.link import _days

    naive = pd.Series(pd.to_datetime(["2025-03-02 00:30", "2025-03-02 23:50"]))
    zoned = naive.dt.tz_localize("Europe/Paris")
    assert _days(zoned, "date").tolist() == _days(naive, "date").tolist()
    assert (pd.Timestamp("1970-01-01") + pd.to_timedelta(_days(zoned, "date"), unit="D")
            ).strftime("%Y-%m-%d").tolist() == ["2025-03-02", "2025-03-02"]


def test_matching_ids_on_many_ids_is_vectorised():
    """Issue 28: matching 10M order ids against the answers' spent 7 s in pandas' isin on
    Arrow strings (a Python walk over the values); the tests now run on the distinct ids in
    Arrow. Same answers as before: leading zeros dropped only when that makes more ids match
    and merges none, examples of both sides when nothing matches."""
    from nps_toolkit._frames.ids import matching_ids

    a, _b, notes = matching_ids(pd.Series(["007", "8", None, "9"]), pd.Series(["7", "8", "9"]))
    assert a.tolist()[:2] == ["7", "8"] and notes and "leading zeros" in notes[0]
    a, _b, notes = matching_ids(pd.Series(["007", "7"]), pd.Series(["7"]))  # would merge two
    assert a.tolist() == ["007", "7"] and not notes
    with pytest.raises(ValueError, match=r"\['x', 'y'\] against \['1'\]"):
        matching_ids(pd.Series(["x", "y", "x"]), pd.Series([1]))
    import numpy as np

    rng = np.random.default_rng(32)
    big = pd.Series(rng.integers(0, 300_000, 2_000_000))
    import time

    start = time.perf_counter()
    left, right, _ = matching_ids(big.iloc[:200_000], big)
    assert time.perf_counter() - start < 3.0  # was ~1.5 s for the isin alone at this size
    start = time.perf_counter()
    matching_ids(big.iloc[:200_000].astype(str), big)  # text against integers
    assert time.perf_counter() - start < 5.0
    assert left.iloc[0] == big.iloc[0] and right.isna().sum() == 0  # integers match as such
    text, _, _ = matching_ids(big.iloc[:10].astype(str), big)
    assert text.iloc[0] == str(big.iloc[0])


def test_bootstrap_weights_from_the_byte_table_are_the_poisson_counts():
    """Issue 28: the bootstrap reads its Poisson(1) weights from a byte table (cache-sized,
    6x faster); every entry equals the float table's, and the table's frequencies match the
    Poisson(1) probabilities to its 1/65536 resolution."""
    import math

    import numpy as np

    from nps_toolkit.growth import link

    assert np.array_equal(link._POISSON_BYTES.astype(np.float32), link._POISSON_TABLE)
    freq = np.bincount(link._POISSON_BYTES, minlength=9) / 65536
    expected = [math.exp(-1) / math.factorial(k) for k in range(9)]
    assert np.allclose(freq[:8], expected[:8], atol=1 / 65536 + 1e-12)


# ---------------------------------------------------------------- in-memory window sums
def test_window_sums_are_exact_and_identical_from_duckdb_and_numpy(monkeypatch):
    """Revenue is summed in whole units (cents) when the amounts have them: exact (0.1 + 0.2
    is 0.3, where running float totals give 0.30000000000000004 or worse on millions of
    orders), and a large log summed by DuckDB gives the numbers numpy gives, to the bit."""
    from nps_toolkit.growth import engine

    responses = pd.DataFrame({"customer_id": ["A", "B"], "score": [10, 3],
                              "date": pd.to_datetime(["2025-01-10", "2025-01-10"])})
    orders = pd.DataFrame({"customer_id": ["A", "A", "B", "B"], "amount": [0.1, 0.2, 7.0, 0.7],
                           "order_date": pd.to_datetime(["2025-02-01", "2025-03-01",
                                                         "2024-12-01", "2026-06-01"])})
    for start in (0, 10**12):  # DuckDB from the first order, and never
        monkeypatch.setattr(engine, "DUCKDB_FROM", start)
        a = nt.growth_link(responses, orders, n_resamples=20).answers.set_index("customer_id")
        assert a.loc["A", "revenue"] == 0.3 and a.loc["B", "revenue_before"] == 7.0
    s, o = nt.load_sample(), nt.load_sample("orders")
    monkeypatch.setattr(engine, "DUCKDB_FROM", 0)
    by_duckdb = nt.growth_link(s, o, n_resamples=100)
    monkeypatch.setattr(engine, "DUCKDB_FROM", 10**12)
    by_numpy = nt.growth_link(s, o, n_resamples=100)
    pd.testing.assert_frame_equal(by_duckdb.answers, by_numpy.answers, check_exact=True)
    pd.testing.assert_frame_equal(by_duckdb.table, by_numpy.table, check_exact=True)
    # amounts without whole units (a third of a unit) stay floats, summed by numpy
    odd = o.assign(amount=o["amount"] / 3)
    monkeypatch.setattr(engine, "DUCKDB_FROM", 0)
    assert engine.exact_units(odd["amount"].to_numpy()) is None
    link = nt.growth_link(s, odd, n_resamples=20)
    pd.testing.assert_series_equal(link.answers["revenue"], by_numpy.answers["revenue"] / 3,
                                   check_exact=False, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize(("amounts", "scale"), [
    ([40.55, -30.0, 0.1], 2), ([1.0, 25.0], 0), ([0.5, 1.25, 2.125, 3.0625], 4),
    ([1 / 3], None), ([4e18, 1.0], None), ([], 0),
    ([1.0] * 20_001 + [1 / 3], None),  # the odd amount is outside the sample that guesses
])
def test_exact_units(amounts, scale):
    import numpy as np

    from nps_toolkit.growth.engine import exact_units

    got = exact_units(np.array(amounts, dtype=float))
    assert (got is None) if scale is None else got[0] == scale
    if got is not None:
        assert np.array_equal(got[1] / 10.0**got[0], np.array(amounts, dtype=float))


def test_units_are_32_bit_when_they_fit_and_their_sums_are_64_bit(monkeypatch):
    """Issue 28: amounts held as 32-bit units when each fits (half an order-length array
    under the join's peak); their sums past 2**31 stay exact, in DuckDB and numpy alike."""
    import numpy as np

    from nps_toolkit.growth import engine

    assert engine.exact_units(np.array([21_000_000.0, 1.25]))[1].dtype == np.int32
    assert engine.exact_units(np.array([22_000_000.0, 1.25]))[1].dtype == np.int64
    responses = pd.DataFrame({"customer_id": ["A"], "score": [10],
                              "date": pd.to_datetime(["2025-01-10"])})
    orders = pd.DataFrame({"customer_id": ["A"] * 4,
                           "amount": [21_000_000.0, 21_000_000.0, 21_000_000.0, 0.01],
                           "order_date": pd.to_datetime(["2025-02-01", "2025-03-01",
                                                         "2025-04-01", "2026-06-01"])})
    for start in (0, 10**12):  # DuckDB, then numpy
        monkeypatch.setattr(engine, "DUCKDB_FROM", start)
        a = nt.growth_link(responses, orders, n_resamples=20).answers
        assert a["revenue"].iloc[0] == 63_000_000.0 and a["orders"].iloc[0] == 3


def test_bootstrap_blocks_give_the_same_replicates_on_any_number_of_threads(monkeypatch):
    """Issue 28: replicate blocks run on several threads, each block drawing from its own
    generator spawned from the seed by block number: one thread and three give the same
    replicates to the bit, and no two blocks repeat each other's draws."""
    import numpy as np

    from nps_toolkit.growth import link

    rng = np.random.default_rng(5)
    n_cl = 100_000  # blocks of 40 replicates: 5 blocks for 200
    counts = rng.integers(0, 3, (n_cl, 3)).astype(float)
    sums = counts * rng.random((n_cl, 3))
    both = np.hstack([counts, sums]).astype(np.float32)
    monkeypatch.setattr(link, "_workers", lambda: 1)
    one = link._replicates(both, 3, 200, 7)
    monkeypatch.setattr(link, "_workers", lambda: 3)
    three = link._replicates(both, 3, 200, 7)
    assert np.array_equal(one, three)
    assert not np.array_equal(link._replicates(both, 3, 200, 8), three)
    blocks = one.reshape(5, 40, -1)
    assert all(not np.allclose(blocks[i], blocks[j]) for i in range(5) for j in range(i))
    # each replicate is a resample: its ratios spread around the full-sample ratio
    full = sums.sum(axis=0) / counts.sum(axis=0)
    assert np.allclose(one.mean(axis=0), full, rtol=0.01)
    assert (one.std(axis=0) > 0).all()


def test_day_numbers_are_whole_days_in_32_bits_when_they_fit():
    """Issue 28: order days are computed a million at a time straight into 32-bit integers
    (no 64-bit temporary of the log): the same days as pandas' own floor to the day, before
    and after 1970 and across block edges; 64-bit when a date is missing (its number means
    nothing)."""
    import numpy as np

    from nps_toolkit.growth import link

    rng = np.random.default_rng(3)
    n = (1 << 20) + 12_345
    ns = rng.integers(-3 * 10**18, 3 * 10**18, n)
    values = pd.Series(ns.astype("datetime64[ns]"))
    days, missing = link._day_numbers(values, "order_date")
    assert days.dtype == np.int32 and not missing.any()
    expected = ((values.dt.floor("D") - pd.Timestamp("1970-01-01")) // pd.Timedelta("1D"))
    assert np.array_equal(days, expected.to_numpy())
    holes = values.copy()
    holes[[0, n - 1]] = pd.NaT
    days, missing = link._day_numbers(holes, "order_date")
    assert days.dtype == np.int64 and missing.sum() == 2
    assert np.array_equal(days[1:-1], expected.to_numpy()[1:-1])
    assert np.isnan(link._days(holes, "order_date")[[0, n - 1]]).all()


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_duckdb_cuts_days_and_units_as_numpy_does(monkeypatch, unit):
    """Issue 28: DuckDB reads the order dates as integers in the column's own unit and the
    amounts as floats (views, no copies) and makes days and units itself: the same answers
    as numpy's path to the bit, in every time unit, for times just before midnight, dates
    before 1970 (floor, not truncation) and aware dates cut in the answers' zone."""
    import numpy as np

    from nps_toolkit.growth import engine

    rng = np.random.default_rng(11)
    n_ans, n_ord = 300, 6_000
    start = np.datetime64("1968-06-01")
    responses = pd.DataFrame({
        "customer_id": rng.integers(0, 100, n_ans),
        "score": rng.integers(0, 11, n_ans),
        "date": start + rng.integers(0, 900, n_ans).astype("timedelta64[D]")})
    # whole days plus a time of day up to 23:59:59.999: the floor decides the day
    stamps = (start + rng.integers(0, 1500, n_ord).astype("timedelta64[D]")).astype(
        "datetime64[ms]") + rng.integers(0, 86_400_000, n_ord).astype("timedelta64[ms]")
    stamps[:50] = stamps[:50].astype("datetime64[D]") + np.timedelta64(86_399_999, "ms")
    orders = pd.DataFrame({"customer_id": rng.integers(0, 100, n_ord),
                           "order_date": pd.Series(stamps).astype(f"datetime64[{unit}]"),
                           "amount": np.round(rng.lognormal(3, 1, n_ord), 2)})
    aware = responses.assign(date=responses["date"].dt.tz_localize("Europe/Paris"))
    aware_orders = orders.assign(order_date=orders["order_date"].dt.tz_localize("UTC"))
    for resp, ords in ((responses, orders), (aware, aware_orders)):
        links = []
        for threshold in (0, 10**12):  # DuckDB, then numpy
            monkeypatch.setattr(engine, "DUCKDB_FROM", threshold)
            links.append(nt.growth_link(resp, ords, n_resamples=50, as_of="1973-01-01"))
        pd.testing.assert_frame_equal(links[0].answers, links[1].answers, check_exact=True)
        assert links[0].answers["orders"].sum() > 1000


def test_horizon_auto_takes_the_longest_most_answers_have_in_full():
    # an order log that ends a few months after the survey (the shape of a public CRM demo,
    # Ramya-Pravallika/Customer-360-Analytics: answers through 2025-11, invoices to 2025-11):
    # no answer has a year after it, and growth_link used to stop there
    days = pd.date_range("2025-01-01", "2025-10-31", freq="D")
    responses = pd.DataFrame({"customer_id": [f"c{i % 90}" for i in range(len(days))],
                              "date": days, "score": [10, 3, 8] * 101 + [9]})
    orders = pd.DataFrame({"customer_id": [f"c{i % 90}" for i in range(600)],
                           "order_date": pd.Timestamp("2024-06-01")
                           + pd.to_timedelta([i % 540 for i in range(600)], unit="D"),
                           "amount": 10.0})
    end = orders["order_date"].max()
    with pytest.raises(ValueError, match=r"from 2025-01-01 to 2025-10-31 and the orders end "
                                         r"on 2025-11-22.*365 days.*horizon='90D'.*'auto'"):
        nt.growth_link(responses, orders, horizon="365D", n_resamples=20)
    link = nt.growth_link(responses, orders, horizon="auto", n_resamples=20)
    # independent: the share of answers with every day of the window in the data
    share = {d: float(((responses["date"] + pd.Timedelta(days=d)) <= end).mean())
             for d in (365, 180, 90, 30)}
    expected = next(d for d in (365, 180, 90, 30) if share[d] >= 0.5)
    assert share[180] < 0.5 <= share[90]  # 146 of 304 answers have 180 days after them
    assert expected == 90 and link.horizon == "90D"
    assert len(link.answers) == round(share[90] * len(responses))
    assert any("horizon 90 days" in n for n in link.notes)
    assert "within 90 days" in link.summary
    # a log running long after the survey keeps the year
    longer = orders.assign(order_date=orders["order_date"] + pd.Timedelta(days=400))
    assert nt.growth_link(responses, longer, horizon="auto", n_resamples=20).horizon == "365D"


@pytest.mark.parametrize(("names", "found"), [
    # a telecom case's order log (PrecedenceBV/data_case_Laurens, order_data.csv)
    (["Order_ID", "Customer_ID", "Order_Amount", "Order_Date", "Order_Status"],
     ("Customer_ID", "Order_Date", "Order_Amount")),
    (["pedido_id", "Cliente_Codigo", "Data do pedido", "Valor do pedido"],
     ("Cliente_Codigo", "Data do pedido", "Valor do pedido")),
    (["account_no", "purchased_on", "net_revenue_eur", "items"],
     ("account_no", "purchased_on", "net_revenue_eur")),
])
def test_read_orders_finds_columns_named_with_other_words(names, found):
    """Order logs name their columns with words around the usual ones ("Order_Amount",
    "Valor do pedido"): found, after the exact names; an id column is never the amount."""
    rng = np.random.default_rng(53)
    n = 20
    customer, date, amount = found
    fill = {customer: [f"C{i % 7}" for i in range(n)],
            date: pd.date_range("2024-01-01", periods=n).strftime("%Y-%m-%d"),
            amount: np.round(rng.gamma(2, 30, n), 2)}
    cells = {name: fill.get(name, [f"O{i}" for i in range(n)]) for name in names}
    orders, report = nt.read_orders(pd.DataFrame(cells))
    assert (report.columns["customer_id"], report.columns["order_date"],
            report.columns["amount"]) == found
    assert len(orders) == n and orders["amount"].notna().all()
