"""Comment analysis: languages, non-answers, PII, hostile text, themes, drivers, sentiment."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import nps_toolkit as nt
from nps_toolkit.text import _log_odds, tokenize

BOTANIC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "npsgame_botanic_fr.csv"
needs_botanic = pytest.mark.skipif(not BOTANIC.exists(), reason=f"no real survey at {BOTANIC}")

LANGS = {
    "en": ("The parcel arrived two weeks late and nobody answered my emails", "delivery", -1),
    "fr": ("Colis arrivé avec dix jours de retard, très déçu", "delivery", -1),
    "es": ("El paquete llegó con retraso y la atención al cliente fue pésima", "delivery", -1),
    "de": ("Die Lieferung war super schnell, danke", "delivery", 1),
    "ru": ("Доставка очень быстрая, спасибо", "delivery", 1),
    "ko": ("배송이 정말 빨라요. 추천해요!", "delivery", 1),
    "zh": ("快递丢了，客服一直没有处理，非常失望。", "delivery", -1),
}


@pytest.fixture(scope="module")
def sample():
    return nt.load_sample()


@pytest.fixture(scope="module")
def analysis(sample):
    return nt.analyze_comments(sample)


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_every_language_is_detected_tokenised_coded_and_scored(lang):
    text, theme, polarity = LANGS[lang]
    assert nt.detect_language([text]).item() == lang
    assert nt.code_themes([text])[theme].item()
    toks = tokenize(nt.text._fold(pd.Series([text], dtype="string[pyarrow]")).item())
    assert toks and all(len(t) > 1 for t in toks)
    assert np.sign(nt.sentiment([text]).item()) == polarity


def test_stop_words_removed_in_each_language():
    assert "the" not in tokenize("the parcel and the box")
    assert "le" not in tokenize("le colis est arrive")
    assert "и" not in tokenize("быстро и удобно")
    assert tokenize("快递丢了") == ["快递", "递丢", "丢了"]


def test_language_accuracy_on_sample(sample):
    prep = nt.prepare_comments(sample)
    answered = prep[prep["is_answer"]]
    agree = (answered["comment_language"] == sample.loc[answered.index, "language"]).mean()
    assert agree > 0.99
    assert "language" in prep and prep["language"].equals(sample["language"])  # not overwritten


def test_non_answers_are_recognised_and_counted():
    df = pd.DataFrame({"score": [9, 3, 7, 10, 8, 6, 5, 9],
                       "comment": [None, "", "   ", "😀👍", "n/a", "RAS", " nothing. ",
                                   "Ok delivery"]})
    prep = nt.prepare_comments(df)
    assert prep["non_answer_reason"].tolist() == [
        "no comment", "empty", "whitespace only", "symbols or emoji only", "non-answer phrase",
        "non-answer phrase", "non-answer phrase", ""]
    acc = prep.attrs["account"]
    assert acc["analysed"] == 1 and acc["non-answer phrase"] == 3 and acc["no comment"] == 1
    assert sum(v for k, v in acc.items() if k not in ("comments", "cut_at_max_chars",
                                                         "pii_redacted")) == len(df)


@pytest.mark.parametrize(("text", "expected"), [
    ("write to jane.doe+nps@example.co.uk please", "write to [email] please"),
    ("call +33 6 12 34 56 78 tonight", "call [phone] tonight"),
    ("call (555) 010-4477", "call [phone]"),
    ("my card 4111-1111-1111-1111 was charged", "my card [card] was charged"),
    ("5551234567", "[phone]"),
    ("arrived in 14 days, order 123", "arrived in 14 days, order 123"),
    ("2 items for 25 euros", "2 items for 25 euros"),
])
def test_pii_redaction(text, expected):
    assert nt.redact_pii([text]).item() == expected


def test_pii_redacted_by_default_everywhere_shown(sample):
    prep = nt.prepare_comments(sample)
    shown = pd.concat([prep["display"].dropna(), prep["text"].dropna()])
    assert not shown.str.contains(r"@example\.com|555-01\d\d", regex=True).any()
    assert prep.attrs["account"]["pii_redacted"] > 0
    raw = nt.prepare_comments(sample, redact=False)
    assert raw["text"].str.contains("@example.com", regex=False).any()
    q = nt.quotes(sample, n=5)
    assert not q["quote"].str.contains("@example.com", regex=False).any()


def test_hostile_text():
    long = "Livraison en retard. " * 2000
    df = pd.DataFrame({"score": [2, 9, 4, 10],
                       "comment": ["<script>alert('x')</script> colis perdu", long,
                                   "bad\x00\x07 service\x1b[31m", "=cmd|' /C calc'!A0 great"]})
    prep = nt.prepare_comments(df, max_chars=5000)
    assert "<script>" not in prep.loc[0, "text"] and "colis perdu" in prep.loc[0, "text"]
    assert len(prep.loc[1, "text"]) == 5000 and prep.attrs["account"]["cut_at_max_chars"] == 1
    assert "\x00" not in prep.loc[2, "text"] and "\x07" not in prep.loc[2, "display"]
    result = nt.analyze_comments(df, discover=False)
    html = nt.widgets.render_comments(result.comments)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert result.comments["theme: delivery"].tolist()[:2] == [True, True]


def test_codeframe_is_the_analysts():
    frame = {"checkout": [r"\bcaisse", r"\battente"], "plants": [r"\bplante"]}
    coded = nt.code_themes(["Trop d'attente en caisse", "Belles plantes", "RAS"],
                           codeframe=frame)
    assert coded.to_dict("list") == {"checkout": [True, False, False],
                                     "plants": [False, True, False]}
    with pytest.raises(ValueError, match="not a valid regular expression"):
        nt.code_themes(["x"], codeframe={"bad": ["(unclosed"]})
    with pytest.raises(ValueError, match="no patterns"):
        nt.code_themes(["x"], codeframe={"empty": []})


def test_log_odds_matches_an_independent_loop():
    rng = np.random.default_rng(0)
    yp, yd = rng.integers(0, 50, 40).astype(float), rng.integers(0, 50, 40).astype(float)
    yp[0] = yd[1] = 0
    delta, z = _log_odds(yp, yd, prior=0.05)
    n, a0 = (yp + yd).sum(), 0.05 * (yp + yd).sum()
    for w in range(40):
        aw = a0 * (yp[w] + yd[w]) / n
        lp = math.log((yp[w] + aw) / (yp.sum() + a0 - yp[w] - aw))
        ld = math.log((yd[w] + aw) / (yd.sum() + a0 - yd[w] - aw))
        assert delta[w] == pytest.approx(lp - ld)
        assert z[w] == pytest.approx((lp - ld) / math.sqrt(1 / (yp[w] + aw) + 1 / (yd[w] + aw)))


def test_theme_impact_by_hand_and_wilson_interval(sample, analysis):
    from statsmodels.stats.proportion import proportion_confint

    prep = analysis.comments
    row = analysis.impact.set_index("theme").loc["delivery"]
    m = prep["theme: delivery"] & prep["is_answer"]
    d = int((m & (prep["category"] == "detractor")).sum())
    n = int(sample["score"].notna().sum())
    assert row["nps_gain_if_fixed"] == pytest.approx(100 * d / n)
    lo, hi = proportion_confint(d, n, method="wilson")
    assert (row["gain_ci_low"], row["gain_ci_high"]) == (pytest.approx(100 * lo),
                                                         pytest.approx(100 * hi))
    assert row["nps_mentioning"] == pytest.approx(nt.score(sample.loc[m, "score"]).nps)


def test_planted_delivery_problem_is_found(sample, analysis):
    trends = nt.theme_trends(sample)
    delivery = trends[trends["theme"] == "delivery"].set_index("period")
    assert delivery["mention_share"].idxmax() == "2025Q4"
    assert delivery.loc["2025Q4", "detractor_mentions"] > 2 * delivery.drop(
        index="2025Q4")["detractor_mentions"].mean()
    # concentrated among detractors in the problem quarter
    det_share = delivery["detractor_mentions"] / delivery["mentions"]
    assert det_share.loc["2025Q4"] > 2 * det_share.drop(index="2025Q4").mean()
    assert delivery["nps_mentioning"].idxmin() == "2025Q4"
    row = analysis.impact.set_index("theme").loc["delivery"]
    assert row["share_of_detractor_comments"] > row["share_of_promoter_comments"]


def test_drivers_separate_vocabulary_per_language(analysis):
    d = analysis.drivers
    assert {"en", "es", "fr"} <= set(d["language"])
    en = d[d["language"] == "en"]
    assert (en.loc[en["side"] == "promoter", "z"] > 0).all()
    assert (en.loc[en["side"] == "detractor", "z"] < 0).all()
    assert "recommend" in set(en.loc[en["side"] == "promoter", "term"])


def test_discovery_is_deterministic_and_labelled(sample):
    a = nt.discover_themes(sample, language="en", n_themes=6, seed=3)
    b = nt.discover_themes(sample, language="en", n_themes=6, seed=3)
    pd.testing.assert_frame_equal(a.topics, b.topics)
    assert a.topics["comments"].sum() <= (a.assignment >= 0).sum()
    assert a.topics["quotes"].map(len).min() >= 1
    with pytest.raises(ValueError, match="only"):
        nt.discover_themes(sample.head(5))


def test_sentiment_negation_and_mismatch_flag():
    pol = nt.sentiment(["not good at all", "pas bon", "nicht gut", "great", "ça marche"])
    assert (pol.iloc[:3] < 0).all() and pol.iloc[3] > 0 and math.isnan(pol.iloc[4])
    df = pd.DataFrame({"score": [10, 0, 9, 2],
                       "comment": ["Terrible, the parcel was lost and nobody helped",
                                   "Excellent service, thank you, perfect", "Great", "Late"]})
    result = nt.analyze_comments(df, discover=False)
    assert result.mismatches["mismatch"].tolist() == ["high score, negative comment",
                                                      "low score, positive comment"]


def test_quotes_are_deduplicated_per_theme_and_category(sample):
    q = nt.quotes(sample, n=3)
    assert (q.groupby(["theme", "category"]).size() <= 3).all()
    for _, g in q.groupby(["theme", "category"]):
        keys = g["quote"].str.lower().str.findall(r"\w+").map(lambda w: " ".join(sorted(set(w))))
        assert keys.is_unique


def test_comment_explorer_filters_and_escapes(sample):
    view = nt.comment_explorer(sample)
    controls = view.controls
    total = int(controls["count"].value.split("<b>")[1].split("</b>")[0].replace(",", ""))
    controls["category"].value = "detractor"
    controls["theme"].value = "delivery"
    after = int(controls["count"].value.split("<b>")[1].split("</b>")[0].replace(",", ""))
    assert 0 < after < total
    controls["search"].value = "<script>"
    assert "<b>0</b>" in controls["count"].value
    assert view.filter_state()["theme"] == "delivery"


def test_package_import_does_not_load_ipywidgets():
    import subprocess
    import sys

    code = "import sys, nps_toolkit; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


@needs_botanic
def test_botanic_french_themes_and_drivers_are_recognisable():
    df, _ = nt.read_survey(BOTANIC)
    prep = nt.prepare_comments(df)
    answered = prep[prep["is_answer"]]
    assert (answered["comment_language"] == "fr").mean() > 0.97
    found = nt.discover_themes(prep, n_themes=10, seed=0)
    terms = " | ".join(found.topics["top_terms"])
    for word in ("caisse", "attente", "carte", "fidelite", "personnel", "prix", "plantes"):
        assert word in terms, word
    checkout = found.topics[found.topics["top_terms"].str.contains("attente")].iloc[0]
    assert checkout["covered_by_codeframe"] < 0.5  # what the e-commerce codeframe misses
    drivers = nt.text_drivers(prep)
    fr = drivers[drivers["language"] == "fr"]
    promoter_terms = set(fr.loc[fr["side"] == "promoter", "term"])
    detractor_terms = set(fr.loc[fr["side"] == "detractor", "term"])
    assert {"personnel", "accueil"} <= promoter_terms
    assert {"prix", "eleves"} <= detractor_terms


def test_shared_tokens_change_nothing_but_the_time(sample):
    from nps_toolkit.text import _common
    from nps_toolkit.text._common import shared_tokens

    result = nt.analyze_comments(sample)
    alone = nt.text_drivers(sample)  # tokenised without the per-call memo
    pd.testing.assert_frame_equal(result.drivers.reset_index(drop=True),
                                  alone.reset_index(drop=True))
    pd.testing.assert_frame_equal(result.quotes.reset_index(drop=True),
                                  nt.quotes(sample).reset_index(drop=True))
    with shared_tokens():
        with shared_tokens():
            nt.text_drivers(sample)
            assert _common._TOKEN_MEMO  # filled while the block runs
    assert _common._TOKEN_MEMO is None  # and released after it
