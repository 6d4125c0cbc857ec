"""The bundled sample: shape, determinism and the planted stories of docs/sample-data.md."""

from __future__ import annotations

import hashlib

import pandas as pd

import nps_toolkit as nt


def test_shape_columns_and_types(sample):
    assert sample.shape == (5036, 14)
    assert sample["customer_id"].nunique() == 2245
    assert sample["response_id"].is_unique
    assert sample["date"].is_monotonic_increasing
    assert sample["date"].min() >= pd.Timestamp("2025-01-01")
    assert sample["date"].max() <= pd.Timestamp("2026-07-01")
    assert sample["score"].between(0, 10).all() and str(sample["score"].dtype) == "Int8"
    assert set(sample["channel"]) == {"email", "web", "in-app", "Facebook", "Instagram", "X"}
    assert set(sample["touchpoint"]) == {"after purchase", "after support", "periodic"}
    assert set(sample["language"]) == {"en", "fr", "es", "de", "ru", "ko", "zh"}
    assert sample.loc[sample["touchpoint"] != "after support", "support_agent"].isna().all()


def test_many_depots_with_no_real_difference(sample):
    """Story 5 (issue 27): 40 depots of 16-1,050 answers, one per customer, unrelated to
    the score: nearly all inside the funnel, while raw NPS ranks the small ones at the ends."""
    per = sample.groupby("delivery_depot")
    assert sample["delivery_depot"].nunique() == 40
    assert (per["customer_id"].nunique().sum() == sample["customer_id"].nunique())
    sizes = per.size()
    assert sizes.min() < 20 and sizes.max() > 1000
    f = nt.funnel(sample, by="delivery_depot")
    assert (f["position"] == "within").sum() >= 34
    raw = f.sort_values("nps")
    ends = pd.concat([raw.head(5), raw.tail(5)])
    assert ends["n"].median() < f["n"].median()


def test_comments_are_varied_and_multilingual(sample):
    comments = sample["comment"].dropna()
    assert 0.4 < len(comments) / len(sample) < 0.6
    assert comments.nunique() > 1500
    assert comments.value_counts().iloc[0] < 40  # no handful of repeated strings
    for lang, marker in {"fr": "livraison", "de": "Lieferung", "es": "envío", "ru": "Доставка",
                         "ko": "배송", "zh": "快递"}.items():
        assert comments[sample["language"] == lang].str.contains(marker).any(), lang


def test_resurvey_gaps_are_60_to_90_days_between_invitations(sample):
    gaps = sample.sort_values("date").groupby("customer_id")["date"].diff().dropna()
    assert gaps.min() >= pd.Timedelta(days=59)  # invitations 60-90 days (+-10 h) apart


# The notebooks' stored outputs depend on these exact bytes: change them only on purpose
# (scripts/make_sample.py), then update this digest and re-execute the notebooks.
SAMPLE_SHA256 = "ae51bf8da615b08a2e052fb0b5836ae9ef56a4f5a189cbd340ee0ab709eee7c9"


def test_file_is_the_committed_one():
    digest = hashlib.sha256(nt.sample_path().read_bytes()).hexdigest()
    assert digest == SAMPLE_SHA256
    _, report = nt.read_survey(nt.sample_path())
    assert report.rows_kept == 5036 and not report.excluded
    assert set(report.columns) == {"score", "comment", "date", "customer_id", "response_id"}


def test_story_delivery_quarter_in_western_europe(sample):
    df = sample.assign(quarter=sample["date"].dt.to_period("Q").astype(str))
    we = nt.summarize(df[df["region"] == "Western Europe"], by="quarter").set_index("quarter")
    assert we.loc["2025Q4", "ci_high"] < we.drop(index="2025Q4")["ci_low"].min()
    overall = nt.summarize(df, by="quarter").set_index("quarter")
    assert overall["nps"].idxmin() == "2025Q4"
    for neighbour in ("2025Q3", "2026Q1"):  # significantly below both neighbours
        assert overall.loc["2025Q4", "ci_high"] < overall.loc[neighbour, "ci_low"]
    hit = df[(df["quarter"] == "2025Q4") & (df["region"] == "Western Europe")
             & (df["score"] <= 6)]["comment"].dropna()
    delivery = hit.str.contains("deliver|livraison|Lieferung|Paket|colis|entrega|pedido|"
                                "paquete|Bestellung|commande", case=False)
    assert delivery.mean() > 0.6


def test_story_support_is_detractor_heavy_and_one_agent_worst(sample):
    tp = nt.summarize(sample, by="touchpoint").set_index("touchpoint")
    assert tp.loc["after support", "ci_high"] < tp.drop(index="after support")["ci_low"].min()
    agents = nt.summarize(sample.dropna(subset=["support_agent"]), by="support_agent")
    worst = agents.sort_values("nps").iloc[0]
    assert worst["support_agent"] == "Jordan" and worst["nps"] < -60


def test_story_high_value_customers_are_mostly_passives(sample):
    top = sample["customer_lifetime_value"] >= sample["customer_lifetime_value"].quantile(0.8)
    r = nt.score(sample.loc[top, "score"])
    rest = nt.score(sample.loc[~top, "score"])
    assert r.passive_share > 0.65 and r.nps < rest.nps - 20


def test_story_passives_become_promoters(sample):
    df = sample.sort_values(["customer_id", "date"])
    cat = nt.classify(df["score"]).astype(str)
    prev = cat.groupby(df["customer_id"]).shift()
    up = ((prev == "passive") & (cat == "promoter")).sum()
    down = ((prev == "promoter") & (cat == "passive")).sum()
    assert up > 1.3 * down
    half = nt.summarize(df.assign(h=df["date"] >= "2026-01-01"), by="h")["nps"].tolist()
    assert half[1] > half[0] + 5
