"""Customer action lists, seed lists and safe exports."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import nps_toolkit as nt

BOTANIC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "npsgame_botanic_fr.csv"
HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0", "-2+3",
           "@SUM(A1:A9)", "\t=1+1", "\r=1", "<script>alert(1)</script>",
           "ligne 1\nligne 2, \"quoted\"", "Ünïcödé ✓ 日本語 Русский 한국어 😀",
           "bell\x07char", "x" * 40_000]


def test_one_row_per_customer_latest_answer(sample):
    out = nt.action_list(sample, value="customer_lifetime_value")
    assert out["customer_id"].is_unique and len(out) == sample["customer_id"].nunique()
    latest = sample.sort_values("date", kind="stable").drop_duplicates("customer_id",
                                                                        keep="last")
    merged = out.merge(latest[["customer_id", "score", "date"]], on="customer_id",
                       suffixes=("", "_expected"))
    assert (merged["score"] == merged["score_expected"]).all()
    assert (merged["date"] == merged["date_expected"]).all()
    counts = sample.groupby("customer_id").size()
    assert out.set_index("customer_id")["n_responses"].sort_index().equals(counts.sort_index())
    assert out["priority"].tolist() == list(range(1, len(out) + 1))


def test_priority_puts_value_at_risk_first(sample):
    out = nt.action_list(sample, value="customer_lifetime_value")
    weight = out["category"].astype(str).map({"detractor": 1.0, "passive": 0.5,
                                              "promoter": 0.0})
    at_risk = out["customer_lifetime_value"] * weight
    non_promoters = out[out["category"] != "promoter"]
    assert non_promoters["priority"].max() < out.loc[out["category"] == "promoter",
                                                     "priority"].min()
    assert at_risk[out["category"] != "promoter"].is_monotonic_decreasing
    top = out.iloc[0]
    assert top["category"] in ("detractor", "passive") and top["value_tier"].startswith("Top")
    assert out.loc[out["category"] == "detractor", "action"].str.contains("churn risk").all()
    assert out.loc[out["category"] == "promoter", "follow_up_question"].eq(
        "What made your experience great?").all()


def test_without_value_and_custom_playbook():
    df = pd.DataFrame({"customer_id": ["a", "b", "c", "d"], "score": [9, 2, 7, 5],
                       "date": pd.date_range("2025-01-01", periods=4)})
    out = nt.action_list(df, comment=None,
                         playbook={"promoter": {"action": "Send the referral code"}})
    assert out["customer_id"].tolist() == ["b", "d", "c", "a"]
    assert out.iloc[-1]["action"] == "Send the referral code"
    assert out.iloc[-1]["follow_up_question"] == "What made your experience great?"
    with pytest.raises(ValueError, match="playbook categories"):
        nt.action_list(df, comment=None, playbook={"fan": {"action": "x"}})


def test_missing_ids_and_scores_are_accounted():
    df = pd.DataFrame({"customer_id": ["a", None, "b", "c"], "score": [9, 3, None, 4],
                       "date": pd.date_range("2025-01-01", periods=4)})
    out = nt.action_list(df, comment=None)
    assert out["customer_id"].tolist() == ["c", "a"]
    notes = " ".join(out.attrs["notes"])
    assert "1 response(s) without a 'customer_id'" in notes and "without a score" in notes


def test_comments_in_the_list_are_redacted_by_default():
    df = pd.DataFrame({"customer_id": ["a", "b"], "score": [2, 9],
                       "date": pd.date_range("2025-01-01", periods=2),
                       "comment": ["charged twice on 4111 1111 1111 1111, mail x@example.com",
                                   "great"]})
    out = nt.action_list(df).set_index("customer_id")
    assert out.loc["a", "comment"] == "charged twice on [card], mail [email]"
    raw = nt.action_list(df, redact=False).set_index("customer_id")
    assert "4111" in raw.loc["a", "comment"]


def test_movement_is_reported(sample):
    out = nt.action_list(sample).set_index("customer_id")
    moved = out[(out["previous_category"] == "passive") & (out["category"] == "promoter")]
    assert len(moved) > 50


def test_promoter_seed_list(sample):
    seeds = nt.promoter_seed_list(sample, by=["persona", "region"])
    latest = sample.sort_values("date", kind="stable").drop_duplicates("customer_id",
                                                                        keep="last")
    promoters = set(latest.loc[latest["score"] >= 9, "customer_id"])
    ever_detractor = set(sample.loc[sample["score"] <= 6, "customer_id"])
    assert set(seeds["customer_id"]) == promoters - ever_detractor
    assert "were detractors before" in seeds.attrs["notes"][0]
    assert {"persona", "region", "n_responses", "mean_score", "first_promoter"} <= set(seeds)
    loose = nt.promoter_seed_list(sample, consistent=False)
    assert set(loose["customer_id"]) == promoters


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_is_injection_safe_and_lossless(tmp_path, suffix):
    table = pd.DataFrame({"customer_id": [f"c{i}" for i in range(len(HOSTILE))],
                          "comment": HOSTILE, "value": np.linspace(-5, 5, len(HOSTILE))})
    path = tmp_path / f"list{suffix}"
    report = nt.export_list(table, path)
    assert report["rows"] == len(HOSTILE) and report["neutralised"] == 6
    if suffix == ".csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    else:
        back = pd.read_excel(path, keep_default_na=False)
        assert report["replaced_control_characters"] == 1
        assert report["normalised_line_breaks"] == 1
    comments = back["comment"].tolist()
    for original, got in zip(HOSTILE, comments, strict=True):
        if original.startswith(("=", "+", "-", "@", "\t", "\r")):
            expected = "'" + original
            if suffix == ".csv" and original[0] in "\t\r":  # a separator, then a formula
                expected = "'" + original[0] + "'" + original[1:]
            assert got == (expected if suffix == ".csv" else expected.replace("\r", "\n"))
        elif len(original) > 32767 and suffix == ".xlsx":
            assert got.startswith(original[:30000]) and got.endswith("see the CSV]")
            assert report["truncated_cells"] == 1
        elif "\x07" in original:
            assert got == (original if suffix == ".csv" else original.replace("\x07", "\ufffd"))
        else:
            assert got == original
    assert back["value"].tolist() == pytest.approx(table["value"].tolist())
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        cells = [c.value for c in load_workbook(path).active["B"][1:]]
        assert not any(isinstance(v, str) and v.startswith("=") for v in cells)


def test_export_rejects_other_formats(tmp_path):
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        nt.export_list(pd.DataFrame({"a": [1]}), tmp_path / "x.json")


@pytest.mark.skipif(not BOTANIC.exists(), reason=f"real survey not available at {BOTANIC}")
def test_action_list_on_botanic_with_ticket_value_and_hostile_comment(tmp_path):
    df, _ = nt.read_survey(BOTANIC)
    df.loc[df.index[0], "comment"] = "=1+1 <b>hi</b>"
    out = nt.action_list(df, customer="response_id", date=None, value="CaTicket",
                         keep=["NbPassageKS"])
    assert len(out) == df["response_id"].nunique()
    assert out["value_tier"].notna().all()
    report = nt.export_list(out, tmp_path / "botanic.csv")
    back = pd.read_csv(tmp_path / "botanic.csv", encoding="utf-8-sig", dtype=str)
    assert report["neutralised"] >= 1
    assert back.loc[back["response_id"] == str(df["response_id"].iloc[0]), "comment"].item() \
        == "'=1+1 <b>hi</b>"
    assert back["comment"].dropna().str.contains("é").any()


def test_export_index_and_mixed_object_columns_are_safe(tmp_path):
    import openpyxl

    table = pd.DataFrame({"amount": pd.Series([-5, "=1+1", 3.5, "-2+3+cmd|' /C calc'!A0"],
                                              dtype=object)})
    table.index = pd.Index(["=cmd|' /C calc'!A0", "ok", "@SUM(1)", "x"], name="=evil")
    out = tmp_path / "list.xlsx"
    counts = nt.export_list(table, out, index=True)
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("'=evil", "amount")
    assert rows[1] == ("'=cmd|' /C calc'!A0", -5)  # the index neutralised, -5 a number
    assert rows[2] == ("ok", "'=1+1")
    assert rows[3] == ("'@SUM(1)", 3.5)
    assert rows[4][1] == "'-2+3+cmd|' /C calc'!A0"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # no formula cell
    assert counts["neutralised"] == 4  # cells; the header name is neutralised too
    csv = tmp_path / "list.csv"
    nt.export_list(table, csv, index=True)
    text = csv.read_text(encoding="utf-8-sig")
    assert "'=cmd" in text and "\r\n-5," not in text


def test_comment_explorer_with_a_score_column_named_with_a_space():
    from nps_toolkit.widgets import render_comments

    rows = pd.DataFrame({"NPS score": [3], "category": ["detractor"],
                         "comment_language": ["en"], "display": ["Slow"]})
    html_out = render_comments(rows, score_column="NPS score")
    assert ">3 detractor<" in html_out


FORMULA_CHARS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@pytest.mark.parametrize("reader_sep", [",", ";", "\t", "|"])
def test_csv_cells_are_safe_whichever_separator_the_reader_splits_on(tmp_path, reader_sep):
    """Excel in a German, French or Dutch locale splits a CSV on ';' (issue 24): no cell any
    such reader can cut from the file may start with a formula character."""
    import csv as csvmod
    import io

    cells = ["ok;+cmd|' /C calc'!A0;", "fine, =1+1", "a\t@SUM(A1)", 'x;"=2+2"', "a|-3+cmd",
             "line\n=HYPERLINK(1)", "x; -1", "prix ; \uff1d1+1", "plain; text, here"]
    table = pd.DataFrame({"customer_id": [f"c{i}" for i in range(len(cells))],
                          "comment": cells, "value": np.arange(len(cells)) - 3.5})
    calls = nt.action_list(pd.DataFrame({
        "customer_id": ["a", "b"], "score": [2, 10], "comment": ["x;=1", "y"],
        "date": pd.to_datetime(["2025-01-01", "2025-01-02"])}))
    for name, frame in (("list", table), ("calls", calls)):
        path = tmp_path / f"{name}.csv"
        nt.export_list(frame, path)
        text = path.read_text(encoding="utf-8-sig")
        # a reader honouring quotes, and a naive one splitting every line
        fields = [f for row in csvmod.reader(io.StringIO(text), delimiter=reader_sep)
                  for f in row]
        fields += [f for line in text.splitlines() for f in line.split(reader_sep)]
        for field in fields:
            start = field.lstrip(' "')
            assert not start.startswith(FORMULA_CHARS) or _is_number(start), (field, text)
    back = pd.read_csv(tmp_path / "list.csv", encoding="utf-8-sig")
    # what was changed is an apostrophe before the formula character, nothing else
    assert back["comment"].str.replace("'", "").tolist() == [c.replace("'", "") for c in cells]
    assert back["value"].tolist() == table["value"].tolist()


def _is_number(text: str) -> bool:
    try:
        float(text.rstrip('"'))
    except ValueError:
        return False
    return True


def test_one_column_name_is_one_column(sample):
    """by="persona" is the column, not seven letters (issue 24: every by-like argument takes
    a string or a list)."""
    one = nt.promoter_seed_list(sample, by="persona")
    pd.testing.assert_frame_equal(one, nt.promoter_seed_list(sample, by=["persona"]))
    shifts = nt.detect_shifts(sample, freq="Q", by="region")
    listed = nt.detect_shifts(sample, freq="Q", by=["region"])
    assert shifts.summary == listed.summary and "region" in shifts.summary
    pd.testing.assert_frame_equal(shifts.contributions, listed.contributions)


def test_action_list_with_a_value_most_customers_share():
    """Value tiers of a plan price (39.90 for most customers) cannot have equal counts: the
    call list stopped the report. The tiers are cut where they can be, and said."""
    rng = np.random.default_rng(50)
    n = 400
    df = pd.DataFrame({"customer_id": [f"C{i}" for i in range(n)],
                       "score": rng.integers(0, 11, n),
                       "plan_price": rng.choice([39.9, 59.9, 99.9], n, p=[0.6, 0.3, 0.1])})
    out = nt.action_list(df, value="plan_price", date=None, comment=None)
    assert set(out["value_tier"].astype(str)) == {"< 59.9 plan_price",
                                                  "59.9 to < 99.9 plan_price",
                                                  ">= 99.9 plan_price"}
    assert any("tiers are cut at 59.9, 99.9" in n for n in out.attrs.get("notes", []))
