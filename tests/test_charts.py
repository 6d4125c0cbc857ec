"""Chart specs: encodings, data values (checked against independent computations), titles,
palette, offline export, and that charts hold aggregates, never raw rows."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd
import pytest

import nps_toolkit as nt
from nps_toolkit import charts
from nps_toolkit._style import CATEGORY_COLOURS


def _encodings(spec: dict) -> list[dict]:
    """Every encoding block in a (possibly layered / concatenated) spec."""
    out = []

    def walk(node):
        if isinstance(node, dict):
            if "encoding" in node:
                out.append(node["encoding"])
            for key in ("layer", "hconcat", "vconcat", "concat"):
                for child in node.get(key, []):
                    walk(child)

    walk(spec)
    return out


def _colour_scales(spec: dict) -> list[dict]:
    return [e["color"]["scale"] for e in _encodings(spec)
            if "color" in e and isinstance(e["color"], dict) and "scale" in e["color"]
            and "domain" in e["color"]["scale"]]


def test_distribution_counts_match_value_counts(sample):
    chart = charts.distribution(sample)
    rows = charts.data_of(chart)
    expected = sample["score"].value_counts().reindex(range(11), fill_value=0)
    assert rows["score"].tolist() == list(range(11))
    assert rows["count"].tolist() == expected.tolist()
    assert rows["share"].sum() == pytest.approx(1.0)
    cats = dict(zip(rows["score"], rows["category"], strict=True))
    assert cats[6] == "detractor" and cats[7] == "passive" and cats[9] == "promoter"
    spec = chart.to_dict()
    assert spec["encoding"]["x"]["title"] == "Likelihood to recommend (0-10)"
    assert spec["title"] == f"How {len(sample):,} responses scored"  # responses, not customers
    tips = {t["field"] for t in spec["encoding"]["tooltip"]}
    assert {"count", "share", "category"} <= tips


def test_one_palette_everywhere(sample):
    specs = [charts.distribution(sample).to_dict(),
             charts.categories(sample, by="channel").to_dict(),
             charts.trend(sample, freq="Q").to_dict()]
    for spec in specs:
        scales = _colour_scales(spec)
        assert scales, "no category colour scale"
        for scale in scales:
            mapping = dict(zip(scale["domain"], scale["range"], strict=True))
            for cat, colour in mapping.items():
                assert colour == CATEGORY_COLOURS[cat]


def test_palette_is_colour_blind_safe():
    # detractor and promoter must differ in lightness/blue channel, not only red vs green
    def rgb(h):
        return np.array([int(h[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)

    d, p = rgb(CATEGORY_COLOURS["detractor"]), rgb(CATEGORY_COLOURS["promoter"])
    assert abs(d[2] - p[2]) > 100  # blue channel separates them (survives deuteranopia)
    assert "green" not in json.dumps(CATEGORY_COLOURS)


def test_categories_shares_from_summarize(sample):
    table = nt.summarize(sample, by="touchpoint")
    rows = charts.data_of(charts.categories(table))
    support = rows[rows["group"] == "after support"].set_index("category")["share"]
    direct = sample.loc[sample["touchpoint"] == "after support", "score"]
    assert support["detractor"] == pytest.approx((direct <= 6).mean())
    assert support["promoter"] == pytest.approx((direct >= 9).mean())
    # raw data gives the same chart data as the table
    raw_rows = charts.data_of(charts.categories(sample, by="touchpoint"))
    pd.testing.assert_frame_equal(rows, raw_rows)


def test_score_card_interval_and_benchmark(sample):
    result = nt.score(sample["score"])
    chart = charts.score_card(result, benchmark=29, benchmark_label="Retail")
    spec = chart.to_dict()
    assert spec["title"]["text"] == f"NPS {result.nps:.1f}"
    assert "interval" in spec["title"]["subtitle"]
    rows = charts.data_of(chart, has="ci_low")
    assert rows["nps"].iloc[0] == pytest.approx(result.nps)
    assert rows["ci_low"].iloc[0] == pytest.approx(result.ci_low)
    bench = charts.data_of(chart, has="benchmark")
    assert bench["benchmark"].iloc[0] == 29
    with pytest.raises(ValueError, match="between -100 and 100"):
        charts.score_card(result, benchmark=150)


def test_segments_dot_plot(sample):
    table = nt.segments(sample, by="support_agent", min_n=30)
    chart = charts.segments(table, benchmark=29, min_n=120)
    rows = charts.data_of(chart, has="verdict_kind")
    jordan = rows[rows["group"] == "Jordan"].iloc[0]
    direct = sample.loc[sample["support_agent"] == "Jordan", "score"]
    assert jordan["nps"] == pytest.approx(100 * ((direct >= 9).mean() - (direct <= 6).mean()))
    assert jordan["verdict_kind"] == "below"
    # sorted by NPS, faded below min_n, missing group named
    assert rows["nps"].is_monotonic_decreasing
    assert rows.loc[rows["n"] < 120, "small"].all() and not rows.loc[rows["n"] >= 120,
                                                                     "small"].any()
    assert "(missing)" in rows["group"].tolist()
    overall = charts.data_of(chart, has="overall")["overall"].iloc[0]
    assert overall == pytest.approx(nt.score(sample["score"]).nps)
    spec = chart.to_dict()
    assert "faded" in spec["title"]["subtitle"].lower()
    opacity = [e["opacity"] for e in _encodings(spec) if "opacity" in e]
    assert opacity and opacity[0]["field"] == "small"


def test_segments_needs_by_for_raw_data(sample):
    with pytest.raises(ValueError, match="needs by="):
        charts.segments(sample)


def test_trend_marks_significant_changes(sample):
    table = nt.trend(sample, freq="Q")
    chart = charts.trend(table)
    rows = charts.data_of(chart, has="significant_change")
    assert rows["period"].tolist() == table["period"].astype(str).tolist()
    assert rows["significant_change"].tolist() == table["significant_change"].tolist()
    np.testing.assert_allclose(rows["ci_low"], table["ci_low"])
    spec = chart.to_dict()
    assert len(spec["vconcat"]) == 2  # NPS panel and category shares beneath
    rings = [lay for lay in spec["vconcat"][0]["layer"]
             if lay.get("transform") == [{"filter": "datum.significant_change"}]]
    assert rings, "significant changes are not marked"
    shares = charts.data_of(alt.Chart.from_dict(spec["vconcat"][1] | {
        "datasets": spec["datasets"]}), has="category")
    q4 = shares[(shares["period"] == "2025Q4")].set_index("category")["share"]
    assert q4.sum() == pytest.approx(1.0)


def test_trend_by_group_draws_one_line_per_group(sample):
    chart = charts.trend(sample, freq="Q", by="touchpoint")
    rows = charts.data_of(chart, has="line")
    assert sorted(rows["line"].unique()) == ["after purchase", "after support", "periodic"]
    assert "vconcat" not in chart.to_dict()


def test_migration_matrix(sample):
    mig = nt.migration(sample)
    cells = charts.data_of(charts.migration(mig))
    assert len(cells) == 9
    for row in cells.itertuples():
        assert row.count == mig.counts.loc[row._1, row.to]
        assert row.share == pytest.approx(mig.shares.loc[row._1, row.to])


def test_value_tiers_and_benchmark_and_text(sample):
    va = nt.value_analysis(sample, value="customer_lifetime_value")
    spec = charts.value_tiers(va).to_dict()
    assert len(spec["hconcat"]) == 2
    tiers = charts.data_of(charts.value_tiers(va.by_tier))
    assert tiers["group"].tolist() == va.by_tier["value_tier"].astype(str).tolist()  # no sort

    cmp = nt.compare_to_benchmark(sample, benchmark="retail", industry="online retail")
    others = nt.benchmarks().query("industry_group == 'retail'").head(3)
    rows = charts.data_of(charts.benchmark(cmp, others=others))
    assert rows.loc[rows["kind"] == "ours", "nps"].iloc[0] == pytest.approx(cmp.nps)
    assert cmp.benchmark in rows["nps"].tolist()

    impact = nt.theme_impact(sample)
    rows = charts.data_of(charts.theme_impact(impact, top=3))
    assert rows["theme"].tolist() == impact.nlargest(3, "nps_gain_if_fixed")["theme"].tolist()

    drivers = nt.text_drivers(sample)
    rows = charts.data_of(charts.text_drivers(drivers, language="fr", top=5))
    assert (rows.loc[rows["side"] == "promoter", "signed"] > 0).all()
    assert (rows.loc[rows["side"] == "detractor", "signed"] < 0).all()
    assert len(rows) == 10
    with pytest.raises(ValueError, match="no words for language"):
        charts.text_drivers(drivers, language="xx")


def test_driver_chart_intervals():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, 2))
    df = pd.DataFrame({"score": np.clip(np.rint(7 + 1.5 * x[:, 0]), 0, 10),
                       "a": np.clip(np.rint(6 + 2 * x[:, 0]), 0, 10),
                       "b": np.clip(np.rint(6 + 2 * x[:, 1]), 0, 10)})
    table = nt.driver_importance(df, drivers=["a", "b"])
    rows = charts.data_of(charts.drivers(table))
    assert rows["driver"].tolist() == ["a", "b"]
    assert (rows["share_ci_low"] <= rows["share"]).all()
    assert (rows["share"] <= rows["share_ci_high"]).all()


def test_ten_million_responses_give_a_small_spec():
    rng = np.random.default_rng(0)
    n = 10_000_000
    big = pd.DataFrame({"score": rng.integers(0, 11, n, dtype=np.int8),
                        "channel": pd.Categorical.from_codes(rng.integers(0, 4, n),
                                                             ["a", "b", "c", "d"])})
    for chart in (charts.distribution(big), charts.categories(big, by="channel"),
                  charts.segments(big, by="channel"), charts.score_card(big)):
        text = json.dumps(chart.to_dict())  # no MaxRowsError, and small
        assert len(text) < 60_000
    rows = charts.data_of(charts.distribution(big))
    assert rows["count"].sum() == n


def test_other_backends_give_the_same_chart(sample, constructor):
    frame = constructor(sample[["score", "channel"]])
    a = charts.data_of(charts.distribution(frame))
    b = charts.data_of(charts.distribution(sample))
    pd.testing.assert_frame_equal(a, b)


def test_bad_inputs_get_clear_errors(sample):
    with pytest.raises(nt.ColumnNotFoundError, match="nps"):
        charts.distribution(sample, score="nps")
    bad = sample.assign(score=sample["score"].astype("Float64"))
    bad.loc[3, "score"] = 11
    with pytest.raises(nt.InvalidScoreError):
        charts.distribution(bad)
    with pytest.raises(TypeError, match="compare_to_benchmark"):
        charts.benchmark(29)
    with pytest.raises(ValueError, match="one NPS"):
        charts.score_card(nt.summarize(sample, by="channel"))


def test_inputs_not_mutated(sample):
    before = sample.copy()
    table = nt.segments(sample, by="channel")
    table_before = table.copy()
    charts.segments(table)
    charts.categories(table)
    pd.testing.assert_frame_equal(sample, before)
    pd.testing.assert_frame_equal(table, table_before)


def test_setup_and_offline_export(tmp_path, sample):
    assert charts.setup("static") == "nps-svg"
    bundle = charts.distribution(sample)._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "image/svg+xml" in bundle and "cdn" not in json.dumps(bundle).lower()
    assert charts.setup("interactive") == "jupyter"
    charts.setup("static")
    with pytest.raises(ValueError, match="static"):
        charts.setup("cdn")
    chart = charts.segments(sample, by="channel")
    svg = charts.save(chart, tmp_path / "c.svg").read_text()
    assert svg.startswith("<svg") and "NPS by channel" in svg
    png = charts.save(chart, tmp_path / "c.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    html = charts.save(chart, tmp_path / "c.html").read_text()
    assert "cdn.jsdelivr" not in html and "vega-lite" in html.lower()
    assert len(html) > 300_000  # vega inlined, so it opens offline
    with pytest.raises(ValueError, match=r"use \.svg"):
        charts.save(chart, tmp_path / "c.jpg")


def test_group_labels_are_text_not_markup(sample, tmp_path):
    hostile = sample.assign(channel=np.where(sample.index % 2 == 0,
                                             "<img src=x onerror=alert(1)>", "web"))
    chart = charts.segments(hostile, by="channel")
    text = charts.save(chart, tmp_path / "hostile.svg").read_text()
    assert "<img" not in text and "&lt;img" in text


SCRIPT_BREAKOUT = "</script><script>window.__nps_xss=1</script><!--"


def test_saved_html_keeps_values_inside_the_spec(sample, tmp_path):
    """A value that closes the inline <script> must stay data in the saved page (issue 24)."""
    hostile = sample.assign(channel=np.where(sample.index % 2 == 0, SCRIPT_BREAKOUT, "web"))
    page = charts.save(charts.segments(hostile, by="channel"), tmp_path / "h.html").read_text()
    assert "window.__nps_xss" in page  # the value is in the spec...
    assert SCRIPT_BREAKOUT not in page and "<!--" not in page.split("vegaEmbed")[-1]
    # ...and the page's scripts end where they should: the bundle and the embedding call
    assert page.count("</script>") == page.count("<script") == 2


def test_saved_html_draws_the_hostile_label_as_text_in_chromium(sample, tmp_path):
    from test_browser import CHROMIUM, _require_browser

    _require_browser()
    from playwright.sync_api import sync_playwright

    hostile = sample.assign(channel=np.where(sample.index % 2 == 0, SCRIPT_BREAKOUT, "web"))
    out = charts.save(charts.segments(hostile, by="channel"), tmp_path / "h.html")
    requests, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else (requests.append(r.request.url), r.abort()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        page.wait_for_selector("svg text", timeout=20_000)
        labels = page.evaluate("() => Array.from(document.querySelectorAll('svg text'))"
                               ".map(t => t.textContent)")
        xss = page.evaluate("window.__nps_xss")
        browser.close()
    assert xss is None
    assert requests == [] and errors == [], (requests, errors)
    assert any("window.__nps_xss" in label for label in labels), labels


def test_segment_lines_never_take_category_colours(sample):
    """Issue 25: six regions shared three colours, and 'Everyone else' was detractor orange.
    The drawn SVG's line strokes: one colour per region, none a category colour."""
    import re

    import vl_convert as vlc

    from nps_toolkit._style import CATEGORY_COLOURS

    charts.setup("static")
    chart = charts.trend(nt.trend(sample, by="region", freq="Q"))
    svg = vlc.vegalite_to_svg(chart.to_dict())
    lines = re.findall(r'aria-roledescription="line mark"[^>]*stroke="(#[0-9A-Fa-f]{6})"', svg)
    regions = sample["region"].nunique()
    assert len(set(lines)) == regions == len(lines), lines
    assert not {c.upper() for c in lines} & {c.upper() for c in CATEGORY_COLOURS.values()}
    by_value = charts.trend(nt.trend_by_value(sample, value="customer_lifetime_value"))
    svg = vlc.vegalite_to_svg(by_value.to_dict())
    lines = re.findall(r'aria-roledescription="line mark"[^>]*stroke="(#[0-9A-Fa-f]{6})"', svg)
    assert len(set(lines)) == 2 and "#D55E00" not in {c.upper() for c in lines}


def _alt_text(chart) -> str:
    """The accessible name the static renderer gives the chart's SVG."""
    import html
    import re

    charts.setup("static")
    bundle = chart._repr_mimebundle_()
    svg = (bundle[0] if isinstance(bundle, tuple) else bundle)["image/svg+xml"]
    label = re.match(r'<svg role="img" aria-label="([^"]*)"', svg)
    assert label, svg[:200]
    assert f"<title>{label.group(1)}</title>" in svg
    return html.unescape(label.group(1))


def test_alt_text_states_the_charts_numbers(sample):
    """Issue 25 §3: each chart's alt text states its main numbers (computed here by hand)."""
    s = sample["score"]
    nps = 100 * ((s >= 9).mean() - (s <= 6).mean())
    assert f"NPS {nps:.1f}" in _alt_text(charts.score_card(nt.score(s)))
    by_channel = {c: 100 * ((g >= 9).mean() - (g <= 6).mean())
                  for c, g in sample.groupby("channel")["score"]}
    text = _alt_text(charts.segments(sample, by="channel"))
    for channel, value in by_channel.items():
        assert f"{channel} {value:.1f}" in text
    counts = s.value_counts()
    assert f"10 {counts[10]:,}" in _alt_text(charts.distribution(sample))
    quarters = sample.assign(q=sample["date"].dt.to_period("Q").astype(str)).groupby("q")
    text = _alt_text(charts.trend(nt.trend(sample, freq="Q")))
    for q, g in quarters["score"]:
        assert f"{q} {100 * ((g >= 9).mean() - (g <= 6).mean()):.1f}" in text
    # user text in the alt text is escaped in the SVG (the label is an attribute)
    hostile = sample.assign(channel=sample["channel"].replace("email", '"><script>x</script>'))
    bundle = charts.segments(hostile, by="channel")._repr_mimebundle_()
    svg = (bundle[0] if isinstance(bundle, tuple) else bundle)["image/svg+xml"]
    assert "<script>" not in svg


def test_trend_past_eight_groups_is_small_multiples(sample):
    """Issue 25 §3: nine or more lines are one panel per group, in name order; eight or
    fewer stay one chart with one colour per line."""
    many = nt.trend(sample, by="support_agent", freq="Q")
    assert many["support_agent"].nunique(dropna=False) > 8
    spec = charts.trend(many).to_dict()
    assert spec["facet"]["field"] == "line" and spec["columns"] == 4
    names = sorted(charts.data_of(charts.trend(many))["line"].astype(str).unique())
    assert spec["facet"]["sort"] == names
    few = charts.trend(nt.trend(sample, by="channel", freq="Q")).to_dict()
    assert "facet" not in few and "layer" in few
