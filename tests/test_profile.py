"""profile_export: what an export holds beyond its score, on the sample, the real Botanic
survey and generated exports of other shapes (issue 25 §1)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import nps_toolkit as nt

BOTANIC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "npsgame_botanic_fr.csv"


def test_sample_profile():
    p = nt.profile_export(nt.load_sample())
    c = p.config
    assert c["customer"] == "customer_id" and c["date"] == "date"
    assert {"channel", "touchpoint", "persona", "region", "support_agent"} <= set(c["segments"])
    assert "customer_id" not in c["segments"] and "comment" not in c["segments"]
    assert c["value"] == "customer_lifetime_value"
    assert c["codeframe"] == "ecommerce" and "ecommerce 9" in p.reasons["codeframe"]
    assert c["benchmark"] is None and c["industry"] is None
    assert p.missing == {}


@pytest.mark.skipif(not BOTANIC.exists(), reason=f"real survey not available at {BOTANIC}")
def test_botanic_profile():
    """The French garden-centre survey: t is the wave, CaTicket the value, satisfaction and
    intention further 0-10 questions, retail the codeframe; no segments, no customer id."""
    df, _ = nt.read_survey(BOTANIC)
    p = nt.profile_export(df)
    c = p.config
    assert c["period"] == "t" and "18 periods" in p.reasons["period"]
    assert c["value"] == "CaTicket"
    assert c["drivers"] == ["satisfaction", "intention"]
    assert c["codeframe"] == "retail"
    assert c["segments"] == [] and "segments" in p.missing
    assert c["date"] is None and "NbPassageKS" not in c["segments"]


def test_telecom_shaped_export_with_a_category_column():
    rng = np.random.default_rng(0)
    n = 300
    score = rng.integers(0, 11, n)
    cat = np.where(score >= 9, "Promoter", np.where(score >= 7, "Passive", "Detractor"))
    cat = cat.astype(object)
    cat[[3, 10]] = ["Promoter", "Detractor"] if score[3] < 9 and score[10] > 6 else cat[[3, 10]]
    wrong = int((pd.Series(cat) != pd.Series(np.where(score >= 9, "Promoter", np.where(
        score >= 7, "Passive", "Detractor")))).sum())
    df = pd.DataFrame({
        "CUSTOMER_ID": [f"C{i % 250}" for i in range(n)],
        "CUSTOMER_RESPONSE_DATE": pd.date_range("2018-04-01", periods=n, freq="6h")
        .strftime("%d/%m/%Y %H:%M"),
        "JOURNEY_STAGE": rng.choice(["Join", "Onboard", "Use", "Leave"], n),
        "NPS_CATEGORY": cat, "NPS_SCORE": score,
        "VERBATIM": np.where(np.arange(n) % 5 == 0,  # some written once, as people do
                             [f"engineer {i} minutes late" for i in range(n)],
                             rng.choice(["slow broadband", "engineer late", "great speed"], n))})
    data, _ = nt.read_survey(df)
    p = nt.profile_export(data, codeframes=False)
    assert p.config["date"] == "date" and p.config["customer"] == "customer_id"
    assert p.config["segments"] == ["JOURNEY_STAGE"]
    check = p.category_check
    assert check["column"] == "NPS_CATEGORY" and check["disagree"] == wrong
    assert check["checked"] == n
    assert any("NPS_CATEGORY" in line for line in p.lines())


def test_german_export_with_a_wave_and_an_amount(tmp_path):
    rng = np.random.default_rng(2)
    n = 200
    rows = ["Kunde;Welle;Filiale;Bewertung;Kommentar;Umsatz"] + [
        f"K{i % 150:03d};{1 + i // 50};{rng.choice(['Nord', 'Süd', 'West'])};"
        f"{rng.integers(0, 11)};gut;{rng.integers(10, 500)},{rng.integers(0, 99):02d}"
        for i in range(n)]
    path = tmp_path / "kunden.csv"
    path.write_bytes("\n".join(rows).encode("cp1252"))
    data, _ = nt.read_survey(path)
    p = nt.profile_export(data, codeframes=False)
    assert p.config["period"] == "Welle" and p.config["value"] == "Umsatz"
    assert p.config["segments"] == ["Filiale"] and p.config["customer"] == "customer_id"


def test_google_forms_like_sheet():
    rng = np.random.default_rng(3)
    n = 120
    df = pd.DataFrame({
        "Timestamp": pd.date_range("2025-01-01", periods=n, freq="D").strftime(
            "%Y/%m/%d %I:%M:%S %p GMT+1"),
        "Email address": [f"user{i}@example.com" for i in range(n)],
        "How likely are you to recommend us to a friend or colleague?": rng.integers(0, 11, n),
        "How satisfied are you with our support? (0-10)": rng.integers(0, 11, n),
        "Which plan are you on?": rng.choice(["Free", "Pro", "Team"], n),
        "What is the main reason for your score?": rng.choice(["fast", "slow", "pricey"], n)})
    data, _ = nt.read_survey(df)
    p = nt.profile_export(data, codeframes=False)
    assert p.config["date"] == "date" and p.config["customer"] == "customer_id"
    assert p.config["segments"] == ["Which plan are you on?"]
    assert p.config["drivers"] == ["How satisfied are you with our support? (0-10)"]


def test_the_codeframe_is_chosen_whenever_there_are_comments():
    """Found while splitting profile_export (issue 29 §3): the codeframe was chosen only when
    the export had a customer-value column (an ``elif`` left on the value check), so an
    export without one kept "ecommerce", and one with a value column but no comments failed
    with KeyError 'comment'."""
    sample = nt.load_sample()
    no_comment = nt.profile_export(sample.drop(columns=["comment"]))
    assert no_comment.config["codeframe"] == "ecommerce" and "codeframe" not in \
        no_comment.reasons
    telecom = pd.DataFrame({
        "score": [2, 9, 4, 10, 6, 8, 3, 9] * 10,
        "comment": ["The engineer never turned up for the installation", "Fast broadband",
                    "Broadband keeps dropping out every evening", "Easy to set up the router",
                    "Still waiting for my line to be activated", "Good mobile signal",
                    "Bill went up after the contract ended", "Helpful when I moved home"] * 10})
    profile = nt.profile_export(telecom)
    assert profile.config["value"] is None
    assert profile.config["codeframe"] == "telecom", profile.reasons.get("codeframe")


def _periods_with(dates: pd.Series, freq: str, least: int = 30) -> int:
    """Independently: pandas' periods of ``freq`` holding ``least`` answers or more."""
    counts = dates.dt.to_period(freq).value_counts()
    return int((counts >= least).sum())


@pytest.mark.parametrize("days, n, expected", [
    (180, 350, "M"),     # six months (the shape of a real B2B export): months, not 2 quarters
    (28, 3000, "W"),     # a month of field-service answers: weeks
    (730, 5000, "Q"),    # two years: quarters
    (700, 40, "Q"),      # too few answers for any: the coarsest
])
def test_trend_periods_follow_the_dates(days, n, expected):
    rng = np.random.default_rng(days)
    dates = pd.Timestamp("2023-01-02") + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    df = pd.DataFrame({"score": rng.integers(0, 11, n), "date": dates})
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["freq"] == expected
    full = {f: _periods_with(df["date"], f) for f in ("Q", "M", "W")}
    first = next((f for f in ("Q", "M", "W") if full[f] >= 4), None)
    assert expected == (first or max("QMW", key=lambda f: (full[f], -"QMW".index(f))))
    assert f"{full[expected]:,} of the" in profile.reasons["freq"]


def test_a_b2b_export_with_averaged_ratings_and_a_portuguese_category():
    """The shape of a real Brazilian B2B export (Gbrlmoraes/VoiceToInsight, nps_data.csv):
    one row per company, ratings averaged over two contacts (8.5 beside 8), an overall mean
    (7.33) and a status column computed from that mean ("Promotor", "Neutro", "Detrator"),
    which disagrees with the recommend score: checked, not taken for a segment."""
    rng = np.random.default_rng(12)
    n = 120
    score = rng.integers(0, 11, n)
    ratings = {f"nps_{k}": np.clip(score + rng.choice([-1.5, -1, 0, 0.5, 1], n), 0, 10)
               for k in ("atendimento", "suporte", "custo")}
    mean = np.mean([*ratings.values(), score], axis=0)
    status = np.where(mean >= 9, "Promotor", np.where(mean >= 7, "Neutro", "Detrator"))
    df = pd.DataFrame({"score": score, **ratings, "nps_geral": np.round(mean, 3),
                       "status": status,
                       # 20 days: few enough values to pass for groups
                       "recebido": pd.date_range("2024-01-01", periods=20, freq="D")
                       .repeat(6).strftime("%Y-%m-%d")})
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["drivers"] == list(ratings)  # not the mean of them
    check = profile.category_check
    truth = nt.classify(df["score"]).map({"promoter": "Promotor", "passive": "Neutro",
                                          "detractor": "Detrator"})
    assert check["column"] == "status"
    assert check["disagree"] == int((truth.astype(str) != df["status"]).sum()) > 0
    assert "status" not in profile.config["segments"]
    assert "recebido" not in profile.config["segments"]  # a second date is no group


def test_segment_groups_written_several_ways_are_named_not_merged():
    # a hand-kept export (davi-almeida-77/Excel-cleaning-pipeline): "E-mail" beside "email",
    # "Tel." beside "phone" (the same channel in other words: not guessed)
    df = pd.DataFrame({"score": list(range(11)) * 4,
                       "channel": ["E-mail", "email", "Tel.", "phone"] * 11})
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["segments"] == ["channel"]
    assert profile.spellings == {"channel": [["E-mail", "email"]]}
    line = next(x for x in profile.lines() if x.startswith("segment 'channel'"))
    assert "'E-mail' / 'email'" in line and "Tel." not in line
    assert nt.profile_export(df.replace("E-mail", "mail"), codeframes=False).spellings == {}


def test_flags_coded_groups_and_keys_of_real_exports():
    """Shapes of three public exports: a 0/1 flag (julioverdugo/NPS, ``is_admin``), a brand
    written as a code in Korean (hongjai-rhee/public, ``브랜드코드``), and a product line's id
    with values 1-9 (crazywoolf/sh-2026, ``product_line_id``): the first two are groups, the
    third a group and never a rating."""
    rng = np.random.default_rng(40)
    n = 600
    df = pd.DataFrame({"score": rng.integers(0, 11, n), "is_admin": rng.integers(0, 2, n),
                       "브랜드코드": rng.integers(1, 6, n),
                       "product_line_id": rng.integers(1, 10, n),
                       "store code": rng.integers(1, 8, n),
                       # a sales person's number (jayroy1/Nashville_Analytics_Summit): a
                       # team member to compare, not an amount of sales
                       "Sales_Person": rng.integers(11, 26, n),
                       # a measure named with a group word is still a measure
                       "employee_count": rng.choice([12, 50, 200, 500], n),
                       "visits": rng.integers(0, 40, n),          # a count: no group
                       "satisfaction": rng.integers(0, 11, n)})   # a rating
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["drivers"] == ["satisfaction"]
    assert profile.config["segments"] == ["is_admin", "브랜드코드", "product_line_id",
                                          "store code", "Sales_Person"]
    assert profile.config["value"] is None
    # a flag with one value almost everywhere, or a 0/1/2 count, is no group
    df["is_admin"] = (np.arange(n) < 3).astype(int)
    df["visits"] = rng.integers(0, 3, n)
    segments = nt.profile_export(df, codeframes=False).config["segments"]
    assert "is_admin" not in segments and "visits" not in segments


def test_many_groups_with_enough_answers_are_a_segment():
    """The shape of a public airline benchmark (Preppin' Data, via zzzbitz/prepbench case 122:
    98 airlines, 6-168 answers each): a column of 98 groups was no segment (the limit was
    50); many groups are one now when they average 20 answers (the report ranks them in a
    funnel and a shrunk league table), and not when each holds a few (names, cities of one
    customer each)."""
    rng = np.random.default_rng(51)
    airlines = [f"Airline {i:03d}" for i in range(98)]
    n = 5700
    df = pd.DataFrame({"score": rng.integers(0, 11, n), "Airline": rng.choice(airlines, n),
                       "City": rng.choice([f"City {i}" for i in range(180)], n)})
    segments = nt.profile_export(df, codeframes=False).config["segments"]
    assert "Airline" in segments and "City" in segments
    few = df.head(1500)  # 180 cities of ~8 answers: no segment; 98 airlines of ~15: none
    assert nt.profile_export(few, codeframes=False).config["segments"] == []


def test_short_rating_scales_named_as_ratings_are_drivers():
    """A public synthetic SaaS export (viclynndls/SaaS-Customer-Churn-Analytics-Experiment-
    Evaluation, ``survey_responses.csv``) asks a satisfaction question on 0-6 (``csat_score``)
    and ease of use in coded words (``very_easy`` ... ``very_difficult``, one option typed
    ``vry_easy``). The first was left out (drivers needed answers reaching 7), the second
    was a segment, and a column of such codes read with ``vry_easy`` as plain "easy". Now a
    rating named as one (csat, satisfaction, effort, ease, quality, Zufriedenheit, 만족...) on
    a shorter scale is a driver, coded words are words, and an intensifier missing a letter
    is read when it would leave two answers on one level; counts stay out."""
    rng = np.random.default_rng(41)
    n = 500
    ease = rng.choice(["very_easy", "vry_easy", "easy", "neutral", "hard", "very_difficult",
                       "dont_know"], n)
    df = pd.DataFrame({"score": rng.integers(0, 11, n), "csat_score": rng.integers(0, 7, n),
                       "Zufriedenheit Service": rng.integers(1, 6, n),
                       "support_tickets": rng.integers(0, 6, n),       # a count
                       "visit_count_satisfaction": rng.integers(0, 6, n),  # a count still
                       "ease_of_use": ease})
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["drivers"] == ["csat_score", "Zufriedenheit Service", "ease_of_use"]
    assert "support_tickets" not in profile.config["drivers"]
    said = profile.reasons["drivers"]
    assert "'csat_score' (0-6), 'Zufriedenheit Service' (1-5)" in said
    assert "('very_difficult' < 'hard' < 'neutral' < 'easy' < 'very_easy' = 'vry_easy';" in said
    from nps_toolkit.loading.scales import _worded_scale

    levels = _worded_scale(pd.Series(ease))
    assert levels["vry_easy"] == levels["very_easy"] == 5 and levels["easy"] == 4
    # a real second option on the same level is not moved: "Satisfied" and "Content"
    same = _worded_scale(pd.Series(["Very satisfied", "Satisfied", "Content", "Neutral",
                                    "Dissatisfied"]))
    assert same["Satisfied"] == same["Content"] == 3


def test_value_for_money_is_a_rating_not_customer_value():
    """A public consumer survey (dholeneha31284-cloud/consumer-insights-analytics) rates
    ``Value_for_Money`` 1-5 beside product and service quality: it was taken for the
    customer value (value tiers of a 1-5 answer). It is a driver, in the languages' own
    words for it, and no whole number 0-10 is ever customer value."""
    rng = np.random.default_rng(42)
    n = 400
    df = pd.DataFrame({"score": rng.integers(0, 11, n),
                       "Value_for_Money": rng.integers(1, 6, n),
                       "Preis-Leistung": rng.integers(1, 6, n),
                       "Value": rng.integers(1, 6, n)})
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["drivers"] == ["Value_for_Money", "Preis-Leistung"]
    assert profile.config["value"] is None
    df["Value"] = np.round(rng.gamma(2, 40, n), 2)  # an amount named value still is one
    assert nt.profile_export(df, codeframes=False).config["value"] == "Value"


def test_names_run_together_in_one_case_are_read_as_words():
    """The consumer survey above written by a database (``PRODUCTQUALITY``,
    ``SERVICEQUALITY``, ``VALUEFORMONEY``, ``PRODUCTLINEID``): its ratings were no drivers
    and a product line's id was a driver; as words they are what their names say."""
    rng = np.random.default_rng(43)
    n = 400
    df = pd.DataFrame({"SCORE": rng.integers(0, 11, n),
                       "PRODUCTQUALITY": rng.integers(1, 6, n),
                       "SERVICEQUALITY": rng.integers(1, 6, n),
                       "VALUEFORMONEY": rng.integers(1, 6, n),
                       "PRODUCTLINEID": rng.integers(1, 11, n)})
    out, _ = nt.read_survey(df)
    profile = nt.profile_export(out, codeframes=False)
    assert profile.config["drivers"] == ["PRODUCTQUALITY", "SERVICEQUALITY", "VALUEFORMONEY"]
    assert profile.config["segments"] == ["PRODUCTLINEID"] and profile.config["value"] is None


def test_answers_mostly_written_once_are_no_segment():
    """14 answers of a webinar survey with 12 different texts in a column were a segment of
    12 groups: a column whose values are mostly written once has no groups to compare; a
    choice among a few options in the same file is one."""
    took = ["7 questions", "7 questions", "the list of questions", "smooth delivery",
            "question examples", "useful tips", "the 7 questions and 3 ways", "listen",
            "The 7 questions", "summary slide", "A clear explanation", "actions", "demos",
            "insights"]
    df = pd.DataFrame({"score": [3, 8, 10, 10, 9, 9, 8, 9, 8, 10, 9, 8, 9, 8],
                       "Takeaway": took,
                       "Level": ["Advanced", "Proficient"] * 7})
    assert nt.profile_export(df, codeframes=False).config["segments"] == ["Level"]


def test_ratings_written_in_stars_are_drivers_in_their_order():
    """Star glyphs ("★★★☆☆", "⭐⭐⭐") were segments listed in the alphabet's order: they are
    a rating, read by the stars filled, so a driver."""
    rng = np.random.default_rng(73)
    n = 400
    score = rng.integers(0, 11, n)
    level = np.clip(score // 2 + rng.integers(-1, 2, n), 1, 5)
    df, _ = nt.read_survey(pd.DataFrame({
        "nps": score, "Quality": ["★" * k + "☆" * (5 - k) for k in level],
        "Service": ["⭐" * k for k in level], "Store": rng.choice(["A", "B"], n)}))
    profile = nt.profile_export(df, codeframes=False)
    assert (profile.config["drivers"], profile.config["segments"]) == (
        ["Quality", "Service"], ["Store"])
    assert "'★☆☆☆☆' < '★★☆☆☆' < '★★★☆☆' < '★★★★☆' < '★★★★★'" in profile.reasons["drivers"]


def test_satisfaction_shortened_in_names_are_drivers_and_unused_columns_are_said():
    """The same member survey names its 1-5 questions ``survey_q1_satclaims`` ...
    ``survey_q5_osat``: none was a driver, and neither they nor the list's other columns
    were named anywhere in the report. "sat" shortened is a satisfaction rating (not a
    Saturday); every column given no role is listed in the report's box."""
    rng = np.random.default_rng(75)
    n = 300
    raw = pd.DataFrame({"id": np.arange(n), "survey_q1_satclaims": rng.integers(1, 6, n),
                        "survey_q5_osat": rng.integers(1, 6, n),
                        "saturday_visits": rng.integers(1, 6, n),
                        "first_name": [f"N{i}" for i in range(n)],
                        "plan": rng.choice(["Gold", "Silver"], n),
                        "survey_q6_nps": rng.integers(0, 11, n)})
    df, _ = nt.read_survey(raw)
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["drivers"] == ["survey_q1_satclaims", "survey_q5_osat"]
    assert profile.config["segments"] == ["plan"]
    assert profile.unused == ["saturday_visits", "first_name"]
    assert ("not used: 'saturday_visits', 'first_name' (to use one, name it with --segments, "
            "--drivers or --value)") in profile.lines()
    wide = nt.profile_export(nt.read_survey(raw.assign(
        **{f"extra_{i}": [f"x{j}" for j in range(n)] for i in range(9)}))[0], codeframes=False)
    assert wide.lines()[-1].startswith("not used: 'saturday_visits', 'first_name', 'extra_0'")
    assert "'extra_5' and 3 more (to use one" in wide.lines()[-1]


@pytest.mark.parametrize("name", ["weight", "Weight", "wt_final", "WGT", "design_weight",
                                  "Final Weight", "poids", "Ponderador", "Gewichtung", "peso",
                                  "вес", "가중치", "权重"])
def test_a_column_of_survey_weights_is_found_by_its_name(name):
    rng = np.random.default_rng(78)
    n = 200
    df, _ = nt.read_survey(pd.DataFrame({"nps": rng.integers(0, 11, n),
                                         "region": rng.choice(["N", "S"], n),
                                         name: rng.uniform(0.2, 3.0, n).round(3)}))
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["weights"] == name
    w = df[name].to_numpy(dtype=float)
    assert f"with the information of {w.sum() ** 2 / (w ** 2).sum():,.0f} unweighted " \
           f"answers out of {n}" in profile.reasons["weights"]
    assert profile.config["value"] is None and profile.config["drivers"] == []


@pytest.mark.parametrize("name, values", [
    ("weight_kg", [1.5, 2.0]),        # a parcel's weight, not a survey weight
    ("weight", [-1.0, 2.0]),          # negative: no weight
    ("weight", [0.0, 0.0]),           # all zero
    ("weight", ["heavy", "light"])])  # words
def test_columns_that_are_no_survey_weights_are_not_taken(name, values):
    rng = np.random.default_rng(79)
    n = 100
    df, _ = nt.read_survey(pd.DataFrame({"nps": rng.integers(0, 11, n),
                                         name: rng.choice(values, n)}))
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["weights"] is None
    if name == "weight" and values[0] != "heavy":  # named as weights: said, not passed over
        assert "the report is NOT weighted" in profile.reasons["weights"]


def test_survey_weights_missing_for_some_answers_are_said_not_dropped():
    """A weight column with a blank or a negative weight for a few answers was passed over
    without a word, listed as a column "not used": the report was unweighted and did not
    say so. Now the box says the report is not weighted, and which answers lack a weight."""
    rng = np.random.default_rng(80)
    n = 150
    w = rng.uniform(0.5, 2.0, n)
    w[[4, 9]] = np.nan
    w[20] = -1.0
    df, _ = nt.read_survey(pd.DataFrame({"nps": rng.integers(0, 11, n), "Weight": w,
                                         "region": rng.choice(["N", "S"], n)}))
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["weights"] is None and "Weight" not in profile.unused
    why = profile.reasons["weights"]
    assert "3 answer(s)" in why and "#5, #10, #21" in why and "NOT weighted" in why


def test_a_0_10_scale_read_the_other_way_is_flagged_in_the_box():
    """Scores whose comments read the other way (0 the best: a reversed export, or a 1-5
    rating mapped the wrong way round with --scale) gave an NPS upside down, silently; the
    report's box now says to check the scale. The sample read the right way says nothing."""
    sample = nt.load_sample()
    df, _ = nt.read_survey(sample.assign(score=10 - sample["score"]))
    profile = nt.profile_export(df, codeframes=False)
    line = next(x for x in profile.lines() if x.startswith("check the scale"))
    assert "the comments read the other way of the scores, less positive under 6-9 than " \
           "under 0-3 (AUC 0.14" in line
    assert nt.profile_export(nt.read_survey(sample)[0], codeframes=False).reversed_scale is None
    assert not any(x.startswith("check the scale") for x in nt.profile_export(
        nt.read_survey(sample)[0], codeframes=False).lines())


def test_text_columns_are_told_from_numbers_by_their_head(monkeypatch):
    """profile_export took 5 s on a 1M-row export of seven columns and 23 s on a 37-column
    one of 500,000 rows: every text column (a channel, a region, a worded scale) was parsed
    cell by cell as integers, ratings and amounts, and a worded scale's answers gathered
    one cell at a time. A column whose first 2,000 cells are mostly words is no column of
    numbers, and a scale's answers are its distinct values: no full-length parse is left."""
    from nps_toolkit.loading import finders

    rng = np.random.default_rng(81)
    n = 30_000
    df, _ = nt.read_survey(pd.DataFrame({
        "nps": rng.integers(0, 11, n), "channel": rng.choice(["web", "app", "store"], n),
        "Q3": rng.choice(["Disagree", "Neutral", "Agree", "Strongly agree"], n),
        "IPAddress": [f"10.{a}.{b}.{c}" for a, b, c in rng.integers(0, 255, (n, 3))],
        # amounts kept as text with a decimal comma: parsed in full, and found
        "Umsatz": [f"{a},{b:02d}" for a, b in zip(rng.integers(10, 500, n),
                                                  rng.integers(0, 99, n), strict=True)]}))
    parsed = []
    real = pd.to_numeric

    def counting(values, *args, **kwargs):
        parsed.append(len(values) if hasattr(values, "__len__") else 1)
        return real(values, *args, **kwargs)

    monkeypatch.setattr(finders.pd, "to_numeric", counting)
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["segments"] == ["channel"] and profile.config["drivers"] == ["Q3"]
    assert profile.config["value"] == "Umsatz"
    assert sum(k > 2000 for k in parsed) == 1  # the amounts alone, read once in full
