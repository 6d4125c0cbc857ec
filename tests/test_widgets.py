"""Widget state driven from Python: change a control, check the outputs' data change right.

The same widgets are checked drawing in a real browser in tests/test_browser.py."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import nps_toolkit as nt
from nps_toolkit import charts
from nps_toolkit.widgets import CommentBrowser, Dashboard, FilterControls, ScoreGauge


@pytest.fixture()
def board(sample) -> Dashboard:
    return Dashboard(sample, benchmark=29)


def _nps(scores: pd.Series) -> float:
    s = scores.dropna()
    return 100 * ((s >= 9).mean() - (s <= 6).mean())


def test_dashboard_starts_with_everything(board, sample):
    assert board.tables["summary"]["n"].iloc[0] == len(sample)
    assert board.gauge.nps == pytest.approx(_nps(sample["score"]))
    assert board.gauge.benchmark == 29
    assert set(board.charts) == {"distribution", "trend", "segments", "themes"}
    for name, widget in board._charts.items():
        assert widget.spec and "datasets" in widget.spec, name
    assert board.browser.shown == -1 or board.browser.shown >= 0
    assert len(board.filtered_data) == len(sample)


def test_filter_changes_every_output(board, sample):
    board.controls.controls["touchpoint"].value = ("after support",)
    sub = sample[sample["touchpoint"] == "after support"]
    assert board.gauge.n == len(sub)
    assert board.gauge.nps == pytest.approx(_nps(sub["score"]))
    dist = charts.data_of(board.charts["distribution"])
    assert dist["count"].tolist() == sub["score"].value_counts().reindex(
        range(11), fill_value=0).tolist()
    trend = board.tables["trend"]
    assert trend["n"].sum() == len(sub)
    seg = board.tables["segments"]
    assert seg["n"].sum() == len(sub)
    # the widget's spec carries the new numbers (what the page draws)
    spec_rows = next(iter(v for v in board._charts["distribution"].spec["datasets"].values()))
    assert [r["count"] for r in spec_rows] == dist["count"].tolist()
    # the comment list is narrowed to the same rows
    keep = np.frombuffer(board.browser.mask, dtype=np.uint8).astype(bool)
    answered = board.browser.prepared["is_answer"].to_numpy(bool)
    expected = (sample["touchpoint"] == "after support").to_numpy()[answered]
    assert (keep == expected).all()
    assert board.filters["touchpoint"] == ["after support"]
    pd.testing.assert_frame_equal(board.filtered_data, sub)


def test_only_affected_outputs_recompute(board):
    board.controls.controls["period"].value = "Q"
    assert board.last_update["outputs"] == ["trend"]
    assert board.tables["trend"]["period"].iloc[0] == "2025Q1"
    board.controls.controls["period"].value = "wave"
    assert board.tables["trend"]["period"].iloc[0] == "wave 1"
    board.controls.controls["segment"].value = "support_agent"
    assert not board.tables["segments"]["small_n"].any()
    board.controls.controls["min_n"].value = 150
    assert board.last_update["outputs"] == ["segments"]
    agents = board.tables["segments"].set_index("support_agent")
    assert agents.loc["Jordan", "small_n"] and agents.loc["Jordan", "n"] < 150


def test_segment_dimension_and_values(board, sample):
    board.controls.controls["segment"].value = "region"
    assert board.tables["segments"].columns[0] == "region"
    values = board.controls.controls["segment_values"]
    assert "Western Europe" in values.options
    values.value = ("Western Europe",)
    assert board.gauge.n == int((sample["region"] == "Western Europe").sum())


def test_date_range_method_and_benchmark(board, sample):
    import datetime as dt
    board.controls.controls["start"].value = dt.date(2026, 1, 1)
    sub = sample[sample["date"] >= "2026-01-01"]
    assert board.gauge.n == len(sub)
    board.controls.controls["method"].value = "wald"
    direct = nt.score(sub["score"], method="wald")
    assert board.gauge.ci_low == pytest.approx(direct.ci_low)
    opts = dict(board.controls.controls["benchmark"].options)
    assert opts["None"] is None
    board.controls.controls["benchmark"].value = None
    assert board.gauge.benchmark is None


def test_empty_selection_says_so(board, sample):
    import datetime as dt
    board.controls.controls["start"].value = dt.date(2030, 1, 1)
    assert board.gauge.n == 0
    assert "widen" in board.status.value
    assert board.tables["trend"].empty


def test_gauge_click_drills_into_comments(board):
    board.gauge.selected = "detractor"
    assert board.browser.category == "detractor"
    shown = board.browser.visible()
    assert len(shown) > 0 and (shown["category"].astype(str) == "detractor").all()


def test_filter_controls_alone(sample):
    f = FilterControls(sample, filters=["channel"], segments=["persona"])
    seen = []
    f.on_change(seen.append)
    f.controls["channel"].value = ("email",)
    assert seen == ["channel"]
    assert f.mask().sum() == (sample["channel"] == "email").sum()
    assert f.value["channel"] == ["email"]
    with pytest.raises(KeyError, match="nope"):
        FilterControls(sample, filters=["nope"])


def test_dashboard_input_errors(sample):
    with pytest.raises(KeyError, match="nps"):
        Dashboard(sample, score="nps")
    with pytest.raises(KeyError, match="when"):
        Dashboard(sample, date="when")


def test_dashboard_without_comments_or_customers(sample):
    board = Dashboard(sample.drop(columns=["comment", "customer_id"]))
    assert board.browser is None
    periods = [v for _, v in board.controls.controls["period"].options]
    assert "wave" not in periods


def test_dashboard_does_not_mutate_input(sample):
    before = sample.copy()
    board = Dashboard(sample)
    board.controls.controls["channel"].value = ("web",)
    rows = board.filtered_data
    rows.loc[:, "score"] = 0
    pd.testing.assert_frame_equal(sample, before)


def test_score_gauge_state(sample):
    result = nt.score(sample["score"])
    cmp = nt.compare_to_benchmark(sample, benchmark=29)
    gauge = ScoreGauge(result, benchmark=cmp)
    assert gauge.nps == pytest.approx(result.nps)
    assert gauge.ci_high == pytest.approx(result.ci_high)
    assert gauge.shares["promoter"] == pytest.approx(result.promoter_share)
    assert gauge.benchmark == 29 and gauge.benchmark_label == cmp.benchmark_label
    gauge.show(sample.loc[sample["channel"] == "web", "score"])
    assert gauge.n == int((sample["channel"] == "web").sum())
    assert "export default" in gauge._esm and ".nps-gauge" in gauge._css


def test_comment_browser_state(sample):
    browser = CommentBrowser(sample)
    n = int(sample["comment"].notna().sum())
    assert 0 < len(browser.comments["text"]) <= n
    assert len(browser.comments["themes"]) == len(browser.comments["text"])
    browser.search = "LIVRAISON"
    shown = browser.visible()
    assert len(shown) > 0
    assert shown["display"].str.lower().str.contains("livraison").all()
    browser.search = ""
    browser.set_mask((sample["channel"] == "web").to_numpy())
    assert len(browser.mask) == len(browser.comments["text"])
    assert (browser.visible().index.isin(sample.index[sample["channel"] == "web"])).all()
    with pytest.raises(ValueError, match="one value per response"):
        browser.set_mask(np.ones(3, dtype=bool))
    # text is sent as data (set with textContent in the page), never as HTML
    assert "innerHTML" not in browser._esm


def test_comment_browser_handles_100k_comments():
    rng = np.random.default_rng(0)
    n = 100_000
    words = np.array(["slow delivery", "great price", "<b>bold</b>", "配送很快", "배송 빠름"])
    df = pd.DataFrame({"score": rng.integers(0, 11, n),
                       "comment": words[rng.integers(0, len(words), n)]})
    browser = CommentBrowser(df)
    assert len(browser.comments["text"]) == n
    assert "<b>bold</b>" in browser.comments["text"]  # kept as text; the page escapes it


def test_static_views_for_reports(sample, monkeypatch):
    from nps_toolkit.widgets.custom import STATIC_ENV

    hostile = sample.copy()
    hostile.loc[5, "comment"] = "<script>alert(1)</script> slow delivery"
    hostile.loc[5, "score"] = 1
    board = Dashboard(hostile, benchmark=29)
    browser = CommentBrowser(hostile)
    browser.search = "alert"
    assert "application/vnd.jupyter.widget-view+json" in board._repr_mimebundle_()
    monkeypatch.setenv(STATIC_ENV, "1")
    page = board._repr_mimebundle_()["text/html"]
    assert page.count("<svg") == 5  # score card + distribution, trend, segments, themes
    assert "responses match the filters" in page
    listing = browser._repr_mimebundle_()["text/html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing and "<script>" not in listing
    assert "<b>1</b> of" in listing


def test_date_range_on_zoned_answers(sample):
    """Answers with an offset (a Google Forms "GMT+1" timestamp): the pickers' days are the
    answers' own local days (this raised a TypeError comparing zoned and plain times)."""
    zoned = sample.assign(date=sample["date"].dt.tz_localize("Etc/GMT-1"))  # UTC+01:00
    board = nt.Dashboard(zoned)
    day = dt.date(2025, 6, 1)
    board.controls.controls["start"].value = day
    board.controls.controls["end"].value = day
    local = sample["date"].dt.normalize() == pd.Timestamp(day)
    assert board.filtered_data.shape[0] == int(local.sum()) > 0
