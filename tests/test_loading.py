"""read_survey on real and vendor-shaped exports."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import nps_toolkit as nt

BOTANIC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "npsgame_botanic_fr.csv"
needs_botanic = pytest.mark.skipif(not BOTANIC.exists(),
                                   reason=f"real survey not available at {BOTANIC}")


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --------------------------------------------------------------------------- the real file
@needs_botanic
def test_botanic_loads_with_no_options_and_published_counts():
    df, report = nt.read_survey(BOTANIC)
    assert report.rows_read == 13954
    assert report.encoding == "latin-1" and report.delimiter == ","
    assert report.columns == {"score": "nps", "comment": "explication", "response_id": "id"}
    expected = {10: 5978, 9: 2487, 8: 2892, 7: 1061, 6: 491, 5: 401, 4: 101, 3: 65, 2: 53,
                1: 83}
    assert df["score"].value_counts().to_dict() == expected
    assert len(report.excluded["blank score"]) == 342 and report.rows_kept == 13612
    assert report.rows_kept + report.rows_excluded == report.rows_read
    # the first blank score is on data row 36, i.e. spreadsheet row 37 under the header
    raw = pd.read_csv(BOTANIC, encoding="latin-1")
    assert raw["nps"].isna().to_numpy().nonzero()[0][0] + 2 == report.excluded["blank score"][0]
    assert df["comment"].notna().sum() == raw.loc[raw["nps"].notna(), "explication"].notna().sum()
    assert "délai d'attente" in df["comment"].iloc[1]
    assert {"satisfaction", "intention", "NbPassageKS", "CaTicket", "t"} <= set(df.columns)
    assert df["CaTicket"].min() < 0  # refunds kept as they are
    assert any("numbers the rows" in n for n in report.notes)
    assert nt.score(df["score"]).n == 13612


# --------------------------------------------------------------------------- encodings etc.
@pytest.mark.parametrize(("encoding", "expected"), [("utf-8", "utf-8"),
                                                    ("utf-8-sig", "utf-8-sig"),
                                                    ("cp1252", "cp1252")])
def test_encodings_detected(tmp_path, encoding, expected):
    text = "Score;Commentaire\n10;Très bien – livraison rapide €\n3;Déçu\n"
    path = write(tmp_path, "e.csv", text, encoding)
    df, report = nt.read_survey(path)
    assert report.encoding == expected and report.delimiter == ";"
    assert df["comment"].tolist() == ["Très bien – livraison rapide €", "Déçu"]
    assert df.columns[0] == "score"


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_delimiters_detected(tmp_path, sep):
    text = sep.join(["id", "nps", "reason"]) + "\n" + "\n".join(
        sep.join([str(i), str(i % 11), f"reason {i}"]) for i in range(20))
    df, report = nt.read_survey(write(tmp_path, "d.txt", text))
    assert report.delimiter == sep and len(df) == 20


def test_score_cell_formats(tmp_path):
    cells = ["10 - Extremely likely", "0 (Not at all likely)", "9.0", " 8 ", "7,0", "10/10",
             "", "NA", "5"]
    df, report = nt.read_survey(pd.DataFrame({"NPS": cells}))
    assert df["score"].tolist() == [10, 0, 9, 8, 7, 10, 5]
    assert report.excluded["blank score"] == [6, 7]
    assert str(df["score"].dtype) == "Int8"


def test_invalid_scores_raise_naming_column_rows_and_fix(tmp_path):
    text = "respondent,score\n1,10\n2,eleven\n3,11\n4,8.5\n5,-1\n6,9\n"
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(nt.InvalidScoreError) as err:
        nt.read_survey(path)
    msg = str(err.value)
    assert "'score'" in msg and "row 3" in msg and "'eleven'" in msg and "on_invalid" in msg
    assert err.value.count == 4 and err.value.positions == [3, 4, 5, 6]
    df, report = nt.read_survey(path, on_invalid="exclude")
    assert df["score"].tolist() == [10, 9]
    assert report.excluded == {"not a number": [3], "out of range": [4, 6],
                               "not a whole number": [5]}
    assert "out of range: 2" in str(report)


def test_duplicates_by_response_id_are_excluded_and_listed(tmp_path):
    text = ("Response ID,Score,Comment\nR1,10,great\nR2,3,bad\nR1,10,great\nR3,8,ok\n")
    df, report = nt.read_survey(write(tmp_path, "dup.csv", text))
    assert df["response_id"].tolist() == ["R1", "R2", "R3"]
    assert report.excluded["duplicate response"] == [4]
    kept, _ = nt.read_survey(write(tmp_path, "dup.csv", text), drop_duplicates=False)
    assert len(kept) == 4


def test_a_customer_answering_the_same_again_is_not_a_repeated_row():
    # a public product-metrics export (user_id, nps_score; no date, no response id): users
    # answer several times, and 48 of 1,000 rows repeated an earlier (user, score) pair by
    # chance; they were dropped as duplicates and the NPS moved. Seeded rows of that shape:
    rng = np.random.default_rng(7)
    users = [f"user_{i}" for i in rng.integers(0, 1000, 1000)]
    scores = rng.integers(0, 11, 1000)
    frame = pd.DataFrame({"user_id": users, "nps_score": scores})
    chance = int(frame.duplicated().sum())
    assert chance > 20
    df, report = nt.read_survey(frame)
    assert len(df) == 1000 and not report.excluded.get("duplicate response")
    assert df["score"].tolist() == scores.tolist()
    note = next(n for n in report.notes if "answering again" in n)
    assert f"{chance:,} answer(s)" in note and "drop them before reading" in note
    # the same answers with a comment: a row repeated whole (its comment too) is a row
    # exported twice, named by row; the chance repeats without a comment stay
    comments = pd.Series([f"comment number {i}" for i in range(1000)]).where(
        pd.Series(rng.random(1000) < 0.5))
    commented = frame.assign(comment=comments)
    twice = commented[commented["comment"].notna()].head(3)
    doubled = pd.concat([commented, twice], ignore_index=True)
    df, report = nt.read_survey(doubled)
    assert report.excluded["duplicate response"] == [1000, 1001, 1002]  # frame labels
    assert len(df) == 1000
    # with a date, the same customer, day and cells is a repeated row
    dated = pd.DataFrame({"customer": ["a", "b", "a"], "score": [9, 9, 9],
                          "date": ["2025-01-02"] * 3})
    df, report = nt.read_survey(dated)
    assert len(df) == 2 and report.excluded["duplicate response"] == [2]


def test_identical_rows_without_ids_are_legitimate():
    df, report = nt.read_survey(pd.DataFrame({"score": [10, 10, 10]}))
    assert len(df) == 3 and not report.excluded


def test_input_frame_is_not_mutated():
    raw = pd.DataFrame({"How likely are you to recommend us?": ["10", "x"], "other": [1, 2]})
    before = raw.copy()
    nt.read_survey(raw, on_invalid="exclude")
    pd.testing.assert_frame_equal(raw, before)


def test_overrides_and_missing_columns():
    raw = pd.DataFrame({"rating": [9, 3], "nps_q": [1, 2], "notes": ["a", "b"]})
    df, report = nt.read_survey(raw, score="nps_q", comment="notes")
    assert report.columns["score"] == "nps_q" and df["score"].tolist() == [1, 2]
    assert "rating" in df.columns  # the other candidate is kept as it was
    with pytest.raises(nt.ColumnNotFoundError, match="score='<column>'"):
        nt.read_survey(pd.DataFrame({"a": ["x", "y"], "b": ["z", "w"]}))
    with pytest.raises(nt.ColumnNotFoundError, match="'nope'"):
        nt.read_survey(raw, score="nope")
    with pytest.raises(FileNotFoundError):
        nt.read_survey("/definitely/not/here.csv")


def test_dates_are_parsed_and_bad_dates_reported():
    raw = pd.DataFrame({"score": [10, 9, 8], "date": ["2025-01-31", "2025-02-28", "soon"]})
    df, report = nt.read_survey(raw)
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert df["date"].isna().tolist() == [False, False, True]
    assert any("could not be read as dates" in n for n in report.notes)


# --------------------------------------------------------------------------- vendor layouts
QUALTRICS = (
    'StartDate,EndDate,Status,RecordedDate,ResponseId,RecipientEmail,ExternalReference,Q1,'
    'Q1_NPS_GROUP,Q2\n'
    '"Start Date","End Date","Response Type","Recorded Date","Response ID","Recipient Email",'
    '"External Data Reference","How likely is it that you would recommend our company to a '
    'friend or colleague?","How likely is it that you would recommend our company to a friend '
    'or colleague? - Group","What is the most important reason for your score?"\n'
    '"{""ImportId"":""startDate"",""timeZone"":""America/Denver""}","{""ImportId"":""endDate"",'
    '""timeZone"":""America/Denver""}","{""ImportId"":""status""}","{""ImportId"":'
    '""recordedDate"",""timeZone"":""America/Denver""}","{""ImportId"":""_recordId""}",'
    '"{""ImportId"":""recipientEmail""}","{""ImportId"":""externalDataReference""}",'
    '"{""ImportId"":""QID1""}","{""ImportId"":""QID1_NPS_GROUP""}","{""ImportId"":""QID2_TEXT""}"\n'
    '2025-03-01 10:00:00,2025-03-01 10:02:00,IP Address,2025-03-01 10:02:01,R_1a,a@example.com,'
    'CUST-1,10,3,"Fast, friendly"\n'
    '2025-03-02 11:00:00,2025-03-02 11:03:00,IP Address,2025-03-02 11:03:05,R_2b,b@example.com,'
    'CUST-2,6,1,Late delivery\n'
    '2025-03-03 12:00:00,2025-03-03 12:01:00,IP Address,2025-03-03 12:01:30,R_3c,c@example.com,'
    'CUST-3,,,\n'
)


def test_qualtrics_export(tmp_path):
    df, report = nt.read_survey(write(tmp_path, "qualtrics.csv", QUALTRICS))
    assert report.vendor == "qualtrics" and report.header_rows == 3
    assert report.columns == {"score": "Q1", "comment": "Q2", "date": "RecordedDate",
                              "customer_id": "ExternalReference", "response_id": "ResponseId"}
    assert df["score"].tolist() == [10, 6]
    assert report.excluded == {"blank score": [6]}
    assert df["date"].iloc[0] == pd.Timestamp("2025-03-01 10:02:01")
    assert "Q1_NPS_GROUP" in df.columns and "RecipientEmail" in df.columns
    # the question's group column is its category, not a second recommend question
    assert not any("ask the recommend question" in n for n in report.notes)


def test_qualtrics_header_rows_inside_a_data_frame(tmp_path):
    raw = pd.read_csv(write(tmp_path, "q.csv", QUALTRICS), dtype=str)
    df, report = nt.read_survey(raw)
    assert report.vendor == "qualtrics" and df["score"].tolist() == [10, 6]


def test_exports_joined_one_after_another_read_without_their_repeated_headers(tmp_path):
    """``cat jan.csv feb.csv`` (the second with Excel's byte-order mark) and a Qualtrics
    export joined to the next one: the header rows again in the body made the score an
    invalid answer (the read stopped) and typed every numeric column as text (a value
    column lost, its report section gone). They are left out, listed by row and said; the
    rest reads as the two files read apart."""
    rng = np.random.default_rng(91)

    def month(n: int) -> pd.DataFrame:
        return pd.DataFrame({"date": pd.Timestamp("2025-01-01") + pd.to_timedelta(
            rng.integers(0, 300, n), "D"), "score": rng.integers(0, 11, n),
            "channel": rng.choice(["web", "app"], n),
            "revenue": rng.uniform(10, 500, n).round(2)})

    jan, feb = month(40), month(50)
    path = tmp_path / "joined.csv"
    path.write_text(jan.to_csv(index=False) + "\ufeff" + feb.to_csv(index=False),
                    encoding="utf-8")
    out, report = nt.read_survey(path)
    both = pd.concat([jan, feb], ignore_index=True)
    assert out["score"].tolist() == both["score"].tolist()
    assert out["revenue"].dtype.kind == "f" and out["revenue"].sum() == pytest.approx(
        both["revenue"].sum())
    assert report.excluded == {"repeated header row": [42]} and report.rows_read == 91
    assert any("1 row(s) repeat the file's header (rows 42" in n for n in report.notes)
    # Qualtrics: its three header rows again
    # (two columns sharing a question text, as a matrix question's do, read by position)
    shared = QUALTRICS.replace('"What is the most important reason for your score?"',
                               '"External Data Reference"')
    out, _ = nt.read_survey(write(tmp_path, "q3.csv", shared + shared.replace("R_", "R_x")))
    assert len(out) == 4
    second = QUALTRICS.replace("R_", "R_x").replace("2025-03-0", "2025-04-0")
    out, report = nt.read_survey(write(tmp_path, "q2.csv", QUALTRICS + second))
    assert out["score"].tolist() == [10, 6, 10, 6]
    assert report.excluded["repeated header row"] == [7, 8, 9]
    # the next export writes its columns in another order: two 0-10 questions swapped
    # would have been read as each other (another NPS, silently); a header naming other
    # columns stops
    satisfied = jan.assign(satisfaction=rng.integers(0, 11, 40))
    later = feb.assign(satisfaction=rng.integers(0, 11, 50))
    swapped = later[["date", "satisfaction", "channel", "revenue", "score"]]
    path.write_text(satisfied.to_csv(index=False) + swapped.to_csv(index=False))
    out, report = nt.read_survey(path, score="score")
    both = pd.concat([satisfied, later], ignore_index=True)
    assert out["score"].tolist() == both["score"].tolist()
    assert out["satisfaction"].astype(int).tolist() == both["satisfaction"].tolist()
    assert any("the export joined at row(s) 42 writes the columns in another order" in n
               for n in report.notes)
    path.write_text(jan.to_csv(index=False) + feb.rename(columns={"channel": "region"})
                    .to_csv(index=False))
    with pytest.raises(ValueError, match=r"row 42 repeats a header with other columns than "
                       r"the file's first row \(there: \['region'\]; not there: \['channel'\]\)"):
        nt.read_survey(path)
    # in a data frame (a sheet pasted under a sheet), and a respondent who wrote a
    # column's name is no header
    frame = pd.concat([jan.astype(str), pd.DataFrame([jan.columns], columns=jan.columns),
                       feb.astype(str)], ignore_index=True)
    frame.loc[3, "channel"] = "channel"
    out, report = nt.read_survey(frame)
    assert len(out) == 90 and report.excluded == {"repeated header row": [40]}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.sampled_from(
    ["score", "\ufeffscore", "Score", "score2", "", "s", "é", '{"ImportId":"QID1"}', "x"])),
    max_size=6), max_size=4))
def test_the_header_look_finds_every_cell_a_header_could_be(chunks):
    """The first column is looked at by first byte and length from the Arrow buffers, chunk
    by chunk; every cell equal to a target (or starting with the ImportId prefix) must be
    among the rows found, at its position in the whole column."""
    import pyarrow as pa

    from nps_toolkit.loading.headers import _IMPORT_ID, _first_cells_like

    targets = ["score", "\ufeffscore", _IMPORT_ID]
    column = pa.chunked_array([pa.array(c, type=pa.string()) for c in chunks],
                              type=pa.string())
    cells = column.to_pylist()
    want = {i for i, v in enumerate(cells)
            if v is not None and (v in targets[:2] or v.startswith(_IMPORT_ID))}
    assert want <= set(_first_cells_like(column, targets).tolist())


SURVEYMONKEY = (
    "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,"
    "Last Name,Custom Data 1,How likely is it that you would recommend this company to a friend"
    " or colleague?,What is the primary reason for your score?\n"
    ",,,,,,,,,Response,Open-Ended Response\n"
    "11855465011,4042,05/01/2025 10:22:33 AM,05/01/2025 10:25:01 AM,1.2.3.4,x@example.com,,,"
    "cust-9,10 - Extremely likely,Great range\n"
    "11855465012,4042,05/02/2025 09:00:00 AM,05/02/2025 09:04:10 AM,1.2.3.5,y@example.com,,,"
    "cust-8,0 - Not at all likely,Never arrived\n"
)


def test_surveymonkey_export(tmp_path):
    df, report = nt.read_survey(write(tmp_path, "sm.csv", SURVEYMONKEY))
    assert report.vendor == "surveymonkey" and report.header_rows == 2
    assert df["score"].tolist() == [10, 0]
    assert df["comment"].tolist() == ["Great range", "Never arrived"]
    assert report.columns["response_id"] == "Respondent ID"
    assert report.columns["date"] == "End Date"
    assert df["date"].iloc[1] == pd.Timestamp("2025-05-02 09:04:10")


def test_typeform_google_forms_and_delighted(tmp_path):
    typeform = ("#,How likely are you to recommend us to a friend?,Why?,Start Date (UTC),"
                "Submit Date (UTC),Network ID\n"
                "abc1,9,Love it,2025-01-05 10:00:00,2025-01-05 10:01:00,n1\n"
                "abc2,4,Too slow,2025-01-06 10:00:00,2025-01-06 10:01:00,n2\n")
    df, report = nt.read_survey(write(tmp_path, "tf.csv", typeform))
    assert report.columns["date"] == "Submit Date (UTC)" and df["score"].tolist() == [9, 4]
    assert report.columns["comment"] == "Why?" and report.columns["response_id"] == "#"

    forms = ("Timestamp,Email Address,How likely are you to recommend us to a friend or "
             "colleague?,Why did you give that score?\n"
             "5/1/2025 10:22:33,a@example.com,8,Good\n5/2/2025 11:00:00,b@example.com,10,Best\n")
    df, report = nt.read_survey(write(tmp_path, "gf.csv", forms))
    assert report.vendor == "google_forms" and report.columns["customer_id"] == "Email Address"
    assert df["score"].tolist() == [8, 10] and df["date"].iloc[0].month == 5

    delighted = ("Response ID,Email,Name,Score,Comment,Survey Type,Response Timestamp\n"
                 "1,a@example.com,A,10,Super,nps,2025-02-01T10:00:00Z\n"
                 "2,b@example.com,B,7,Fine,nps,2025-02-02T10:00:00Z\n")
    df, report = nt.read_survey(write(tmp_path, "dl.csv", delighted))
    assert report.vendor == "delighted" and df["score"].tolist() == [10, 7]
    assert str(df["date"].dt.tz) == "UTC"


# --------------------------------------------------------------------------- other formats
def test_excel_parquet_polars_and_gzip(tmp_path):
    frame = pd.DataFrame({"Customer ID": ["a", "b", "c"], "NPS": [10, 5, np.nan],
                          "Feedback": ["Top", "Meh", None]})
    frame.to_excel(tmp_path / "x.xlsx", index=False)
    frame.to_parquet(tmp_path / "x.parquet")
    frame.to_csv(tmp_path / "x.csv.gz", index=False)
    import polars as pl

    for src in (tmp_path / "x.xlsx", tmp_path / "x.parquet", tmp_path / "x.csv.gz",
                pl.from_pandas(frame)):
        df, report = nt.read_survey(src)
        assert df["score"].tolist() == [10, 5], src
        assert df["customer_id"].tolist() == ["a", "b"]
        assert df["comment"].tolist() == ["Top", "Meh"]
        assert len(report.excluded["blank score"]) == 1


def test_excel_surveymonkey_layout(tmp_path):
    rows = [["Respondent ID", "How likely are you to recommend us?", "Why?"],
            [None, "Response", "Open-Ended Response"], [1, 9, "Nice"], [2, 2, "Bad"]]
    pd.DataFrame(rows).to_excel(tmp_path / "sm.xlsx", index=False, header=False)
    df, report = nt.read_survey(tmp_path / "sm.xlsx")
    assert report.vendor == "surveymonkey" and df["score"].tolist() == [9, 2]


def test_unsupported_and_empty_files(tmp_path):
    with pytest.raises(ValueError, match="unsupported file type"):
        nt.read_survey(write(tmp_path, "x.xml", "<responses/>"))
    with pytest.raises(ValueError, match="holds no list of responses"):
        nt.read_survey(write(tmp_path, "x.json", "{}"))
    with pytest.raises(ValueError, match="empty"):
        nt.read_survey(write(tmp_path, "x.csv", ""))


def test_report_renders_and_escapes():
    raw = pd.DataFrame({"score": ["<b>x</b>", "10"]})
    _, report = nt.read_survey(raw, on_invalid="exclude")
    assert "&lt;b&gt;" not in report._repr_html_() or "<b>" not in report._repr_html_()
    assert report.to_frame().loc[0, "reason"] == "not a number"
    assert "Rows read: 2; kept: 1; excluded: 1" in str(report)


def test_dos_letters_inside_a_latin1_file_are_repaired(tmp_path):
    # "ÉTÉ réparé" written by a DOS program (cp850) inside a Latin-1 export; cp850's "É"
    # (0x90) is not a cp1252 character, so the file can only be read as Latin-1
    data = "score;commentaire\n9;Très bien\n3;".encode("latin-1") + "ÉTÉ réparé".encode(
        "cp850") + b"\n"
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    df, report = nt.read_survey(path)
    assert report.encoding == "latin-1"
    assert df["comment"].tolist() == ["Très bien", "ÉTÉ réparé"]
    assert any("cp850" in n for n in report.notes)


@needs_botanic
def test_botanic_dos_accents_repaired():
    df, report = nt.read_survey(BOTANIC)
    assert "échange" in df["comment"].iloc[3] and "\x82" not in df["comment"].iloc[3]
    assert not df["comment"].dropna().str.contains("[\x80-\x9f]", regex=True).any()
    assert any("1,432 text cell(s)" in n for n in report.notes)


def test_malformed_csv_gets_a_clear_error(tmp_path):
    path = write(tmp_path, "ragged.csv", "score,comment\n10,fine\n3,too,many,fields\n")
    with pytest.raises(ValueError, match=r"delimiter ','.*unquoted delimiter"):
        nt.read_survey(path)


# --------------------------------------------------------------------------- issue 11: scores
@pytest.mark.parametrize("cell, expected", [
    ("9", 9), ("9.0", 9), (" 10 ", 10), ("10/10", 10), ("10 - Extremely likely", 10),
    ("0 (Not at all likely)", 0), ("9: very likely", 9), ("10 – Extremely likely", 10),
])
def test_single_0_10_numbers_and_vendor_labels_are_scores(cell, expected):
    df, _ = nt.read_survey(pd.DataFrame({"score": [cell, "8"]}))
    assert df["score"].tolist() == [expected, 8]


@pytest.mark.parametrize("cell", ["4/5", "3-4", "0-6", "2 of 5", "4 out of 5", "7/8"])
def test_ranges_and_other_scales_are_invalid_not_their_first_number(cell):
    with pytest.raises(nt.InvalidScoreError, match="1 invalid value"):
        nt.read_survey(pd.DataFrame({"score": [cell, "8", "9"]}))
    df, report = nt.read_survey(pd.DataFrame({"score": [cell, "8", "9"]}),
                                on_invalid="exclude")
    assert df["score"].tolist() == [8, 9]
    assert report.excluded == {"not a number": [0]}


def test_hexadecimal_cells_are_not_scores(tmp_path):
    # Arrow's integer cast, the fast path for a column of plain integers, reads "0x9" as 9
    # and "0XA" as 10: they must be listed as invalid like any other non-number
    path = write(tmp_path, "hex.csv", "id,score\n1,9\n2,0x9\n3,0XA\n4,10\n")
    with pytest.raises(nt.InvalidScoreError, match="2 invalid value"):
        nt.read_survey(path)
    df, report = nt.read_survey(path, on_invalid="exclude")
    assert df["score"].tolist() == [9, 10]
    assert report.excluded == {"not a number": [3, 4]}  # file rows of "0x9" and "0XA"
    from nps_toolkit.loading.scores import _has_x

    text = pd.Series(["9", "10", None, "0x9"], dtype="str")
    assert _has_x(text.array.__arrow_array__()) and not _has_x(text[:3].array.__arrow_array__())
    assert not _has_x(pd.Series(["x"] * 3 + ["9"], dtype="str")[3:].array.__arrow_array__())


def test_empty_score_column_and_header_only_file_say_so(tmp_path):
    with pytest.raises(nt.ColumnNotFoundError, match="found the score column 'score', but it "
                                                     "is empty: all 3 rows are blank"):
        nt.read_survey(pd.DataFrame({"id": [1, 2, 3], "score": [None, None, None],
                                     "comment": ["a", "b", "c"]}))
    (tmp_path / "header.csv").write_text("id,score,comment\n")
    with pytest.raises(nt.ColumnNotFoundError, match="header but no rows"):
        nt.read_survey(tmp_path / "header.csv")


def test_a_five_star_rating_is_not_taken_as_0_10():
    rng = np.random.default_rng(5)
    stars = pd.DataFrame({"Rating": rng.integers(1, 6, 40), "id": range(40)})
    with pytest.raises(nt.InvalidScoreError, match="none above 5: it looks like a 1-5 rating"):
        nt.read_survey(stars)
    with pytest.raises(nt.InvalidScoreError, match="star or 1-5 rating"):
        nt.read_survey(pd.DataFrame({"Stars (out of 5)": [5, 4, 9], "id": [1, 2, 3]}),
                       score="Stars (out of 5)")
    mapping = {1: 0, 2: 3, 3: 5, 4: 8, 5: 10}
    df, report = nt.read_survey(stars, scale=mapping)
    assert df["score"].tolist() == [mapping[v] for v in stars["Rating"]]
    assert any("scale=" in n for n in report.notes)
    # a small 0-10 survey that happens to have no answer above 5 (n < 20) is still read
    few, _ = nt.read_survey(pd.DataFrame({"score": [3, 5, 1]}))
    assert few["score"].tolist() == [3, 5, 1]
    # unmapped answers are invalid, not guessed
    _, report = nt.read_survey(pd.DataFrame({"score": [1, 5, 7]}), scale={1: 0, 5: 10},
                               on_invalid="exclude")
    assert report.excluded == {"not a number": [2]}


def test_a_rating_with_half_points_and_a_slip_is_not_taken_as_0_10(tmp_path):
    # the shape of a supplier's feedback export: quality_rating 2.0-5.0 in half points, one
    # 6.0 typed among 54 answers ("Beyond excellent!"); read as 0-10 every row kept was a
    # detractor (NPS -100) and the halves were left out
    rng = np.random.default_rng(8)
    ratings = rng.choice([3.0, 3.5, 4.0, 4.5, 5.0], 54)
    ratings[7] = 6.0
    path = tmp_path / "feedback.csv"
    pd.DataFrame({"feedback_id": [f"F{i:03d}" for i in range(54)],
                  "quality_rating": [f"{v:.1f}" for v in ratings],
                  "comments": ["Good"] * 54}).to_csv(path, index=False)
    with pytest.raises(nt.InvalidScoreError, match=r"54 answers and only 1 above 5 \(6"):
        nt.read_survey(path, on_invalid="exclude")
    # whole-number ratings with one slip: the same
    whole = pd.DataFrame({"rating": np.r_[rng.integers(1, 6, 60), 7]})
    with pytest.raises(nt.InvalidScoreError, match="61 answers and only 1 above 5"):
        nt.read_survey(whole)
    # a 0-10 survey with zeros, or with more than a slip above 5, is read
    low = pd.DataFrame({"score": np.r_[rng.integers(0, 6, 60), 7]})
    assert len(nt.read_survey(low)[0]) == 61
    two = pd.DataFrame({"score": np.r_[rng.integers(1, 6, 60), 7, 9]})
    assert len(nt.read_survey(two)[0]) == 62
    # averages of 0-10 questions: refused even with on_invalid="exclude", naming the way out
    averaged = pd.DataFrame({"score": np.r_[rng.integers(0, 11, 40), [7.5, 8.5, 6.5, 9.5] * 2]})
    with pytest.raises(nt.InvalidScoreError, match="8 of its 48 answers are not whole numbers "
                                                   r"\(7.5, 8.5, 6.5\).*combine_scores"):
        nt.read_survey(averaged, on_invalid="exclude")
    # one stray half among many answers is still an invalid row, left out when asked
    stray = pd.DataFrame({"score": np.r_[rng.integers(0, 11, 40), 7.5]})
    df, report = nt.read_survey(stray, on_invalid="exclude")
    assert len(df) == 40 and report.excluded == {"not a whole number": [40]}


def test_cli_scale_option(tmp_path):
    from nps_toolkit.cli import main

    path = tmp_path / "stars.csv"
    pd.DataFrame({"rating": [5] * 15 + [1] * 10}).to_csv(path, index=False)
    assert main(["score", str(path)]) == 2
    assert main(["score", str(path), "--scale", "1=0,2=3,3=5,4=8,5=10"]) == 0


# --------------------------------------------------------------------------- issue 11: errors
def test_files_that_are_not_exports_get_clear_errors(tmp_path):
    import gzip

    with pytest.raises(ValueError, match="is a folder, not a file"):
        nt.read_survey(tmp_path)
    (tmp_path / "plain.csv.gz").write_bytes(b"score\n9\n")
    with pytest.raises(ValueError, match=r"not a valid \.gz file, or it is truncated"):
        nt.read_survey(tmp_path / "plain.csv.gz")
    good = gzip.compress(b"score,comment\n" + b"9,ok\n" * 2000)
    (tmp_path / "cut.csv.gz").write_bytes(good[: len(good) // 2])
    with pytest.raises(ValueError, match="truncated"):
        nt.read_survey(tmp_path / "cut.csv.gz")
    (tmp_path / "image.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(ValueError, match="is a PNG image, not a text export"):
        nt.read_survey(tmp_path / "image.csv")
    (tmp_path / "blob.csv").write_bytes(b"\x00\x01\x02\x03binary\x00" * 50)
    with pytest.raises(ValueError, match="binary file"):
        nt.read_survey(tmp_path / "blob.csv")
    with pytest.raises(ValueError, match="duplicate column names \\['score'\\]"):
        nt.read_survey(pd.DataFrame([[9, 8, "x"]], columns=["score", "score", "comment"]))


def test_utf16_without_bom_is_decoded(tmp_path):
    text = "score,comment\n9,très bien\n3,déçu\n"
    for enc in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{enc}.csv"
        path.write_bytes(text.encode(enc))
        df, report = nt.read_survey(path)
        assert df["score"].tolist() == [9, 3] and report.encoding == enc
        assert df["comment"].tolist() == ["très bien", "déçu"]


def test_duplicate_header_names_are_noted(tmp_path):
    (tmp_path / "dup.csv").write_text("id,score,score\n1,9,3\n2,10,4\n")
    df, report = nt.read_survey(tmp_path / "dup.csv")
    assert any("repeats column name(s) 'score'" in n and "'score.1'" in n
               for n in report.notes)
    assert df["score"].tolist() == [9, 10]


def test_a_repeated_name_beside_its_numbered_form_is_read(tmp_path):
    # "comment, comment, comment.1": the repeat was named "comment.1" as well, two columns
    # of one name made every read stop with an AttributeError; the file's own "comment.1"
    # keeps its name and the note names only the repeat
    (tmp_path / "dup.csv").write_text(
        "score,comment,comment,comment.1,x,x.1,x\n9,a,b,c,1,2,3\n3,d,e,f,4,5,6\n")
    df, report = nt.read_survey(tmp_path / "dup.csv")
    assert df.columns.tolist() == ["score", "comment", "comment.2", "comment.1", "x", "x.1",
                                   "x.2"]
    assert df["comment.1"].tolist() == ["c", "f"] and df["x.2"].tolist() == [3, 6]
    note = next(n for n in report.notes if "repeats column name(s)" in n)
    assert "'comment.2'" in note and "'x.2'" in note and "'comment.1'" not in note


def test_qualtrics_export_with_blank_names_at_the_end(tmp_path):
    # Excel saves a Qualtrics export with empty columns after the last question: two blank
    # names on the first header row (one a space) stopped the read
    lines = QUALTRICS.splitlines()
    text = "\n".join([lines[0] + ",, ", lines[1] + ",,", *(line + ",," for line in lines[2:])])
    df, report = nt.read_survey(write(tmp_path, "qualtrics.csv", text + "\n"))
    assert report.vendor == "qualtrics" and df["score"].tolist() == [10, 6]
    assert any("empty column(s) without a name" in n for n in report.notes)


def test_old_xls_is_read_or_refused_clearly(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(ValueError, match=r"\.xls|Excel"):
        nt.read_survey(path)


# --------------------------------------------------------------------------- issue 11: dates
def _dates(cells, **kw):
    df, report = nt.read_survey(pd.DataFrame({"score": [9] * len(cells), "date": cells}), **kw)
    return df["date"], report


def test_day_first_dates_read_as_one_format_per_column():
    dates, report = _dates(["01.03.2024", "02.03.2024", "03.03.2024", "06.03.2024"])
    assert dates.dt.month.tolist() == [3, 3, 3, 3]  # March, not January..June
    assert dates.dt.day.tolist() == [1, 2, 3, 6]
    assert any("day/month/year" in n and "dayfirst=False" in n for n in report.notes)
    dates, report = _dates(["05/04/2025", "15/03/2025", "20/04/2025"])
    assert dates.tolist() == [pd.Timestamp("2025-04-05"), pd.Timestamp("2025-03-15"),
                              pd.Timestamp("2025-04-20")]
    assert any("day first" in n and "'15/03/2025'" in n for n in report.notes)
    dates, report = _dates(["05/04/2025", "12/25/2025"])
    assert dates.tolist() == [pd.Timestamp("2025-05-04"), pd.Timestamp("2025-12-25")]
    assert any("month first" in n for n in report.notes)
    dates, _ = _dates(["05/04/2025", "06/04/2025"], dayfirst=True)
    assert dates.dt.month.tolist() == [4, 4]
    dates, report = _dates(["05/04/2025 14:30", "06/04/2025 09:05"])
    assert dates.iloc[0] == pd.Timestamp("2025-05-04 14:30")
    assert any("month/day/year" in n and "dayfirst=True" in n for n in report.notes)


def test_rows_not_in_the_column_format_are_listed_not_reguessed():
    # an ISO date among day-first ones is unambiguous: read as written, and the note counts
    # each spelling; a value that is no date is listed
    dates, report = _dates(["15/03/2025", "16/03/2025", "17/03/2025", "18/03/2025",
                            "19/03/2025", "20/03/2025", "21/03/2025", "22/03/2025",
                            "23/03/2025", "24/03/2025", "2025-03-25", "soon"])
    assert dates.iloc[10] == pd.Timestamp("2025-03-25") and pd.isna(dates.iloc[11])
    assert (dates.iloc[:10].dt.day == list(range(15, 25))).all()
    assert any("written in 2 ways" in n and "ISO 8601 1" in n and "day/month/year 10" in n
               for n in report.notes), report.notes
    assert any("could not be read as dates" in n and "[11]" in n and "'soon'" in n
               for n in report.notes), report.notes


# an export assembled by hand (public repository davi-almeida-77/Excel-cleaning-pipeline,
# data/raw/nps_responses.csv): six spellings of a date in one column
HAND_DATES = ["2026-09-26", "21-Feb-2026", "01/06/2026", "27/02/2026", "46242",
              "February 22, 2026", "04/17/2026", "12/08/2026", "46278", "2026-03-18"]


def test_a_column_writing_dates_several_ways_reads_each_as_written():
    dates, report = _dates(HAND_DATES)
    assert dates.tolist()[:2] == [pd.Timestamp("2026-09-26"), pd.Timestamp("2026-02-21")]
    # both orders are written (27/02 day first, 04/17 month first): those that could be
    # either are never guessed, whichever order is more common
    assert pd.isna(dates.iloc[2]) and pd.isna(dates.iloc[7])
    assert dates.iloc[3] == pd.Timestamp("2026-02-27")
    assert dates.iloc[6] == pd.Timestamp("2026-04-17")
    # Excel's serial days (1900 system, day 1 = 1900-01-01, 45658 = 2025-01-01)
    assert dates.iloc[4] == pd.Timestamp("2026-08-08")
    assert dates.iloc[8] == pd.Timestamp("2026-09-13")
    assert dates.iloc[5] == pd.Timestamp("2026-02-22")
    both = next(n for n in report.notes if "both day first" in n)
    assert "'27/02/2026'" in both and "'04/17/2026'" in both and "2 that could be either" in both
    assert "[2, 7]" in both and "dayfirst=" in both
    ways = next(n for n in report.notes if "ways, each value read" in n)
    assert "Excel day numbers 2" in ways and "'46242' is 2026-08-08" in ways
    # nothing listed twice: the ambiguous ones are not also "could not be read"
    assert not any("could not be read" in n for n in report.notes), report.notes
    # dayfirst reads the ambiguous ones one way, and lists those it cannot
    dates, report = _dates(HAND_DATES, dayfirst=True)
    assert dates.iloc[2] == pd.Timestamp("2026-06-01") and pd.isna(dates.iloc[6])
    assert any("could not be read" in n and "'04/17/2026'" in n for n in report.notes)
    # one order shown by one date settles the column, as for a column of numeric dates
    dates, _ = _dates(["01/06/2026", "27/02/2026", "46242", "2026-01-05"])
    assert dates.iloc[0] == pd.Timestamp("2026-06-01")
    # with no date showing the order among other spellings, a lone 01.06.2025 is not guessed
    dates, report = _dates(["2026-01-05", "2026-01-06", "01.06.2025", "05.05.2025"])
    assert pd.isna(dates.iloc[2]) and dates.iloc[3] == pd.Timestamp("2025-05-05")
    assert any("no numeric date shows" in n and "[2]" in n for n in report.notes)


def test_dates_stored_as_day_numbers_are_read_and_said():
    # a column of Excel serial days, yyyymmdd, Unix seconds or milliseconds (as CSV writes
    # them from spreadsheets and systems) in the answer-date range
    for cells, first in ((["45658", "45659.5"], "2025-01-01"),
                         (["20250101", "20250102"], "2025-01-01"),
                         (["1735689600", "1735776000"], "2025-01-01"),
                         (["1735689600000", "1735776000000"], "2025-01-01")):
        dates, report = _dates(cells)
        assert dates.iloc[0] == pd.Timestamp(first), cells
        assert any("read as such" in n and "2025-01-01" in n for n in report.notes), report
    dates, _ = _dates(["45658", "45659.5"])
    assert dates.iloc[1] == pd.Timestamp("2025-01-02 12:00")
    # numbers out of the range (a count, a code) are not dates: listed
    dates, report = _dates(["45658", "123"])
    assert pd.isna(dates.iloc[1])
    assert any("could not be read as dates" in n and "'123'" in n for n in report.notes)


def test_date_column_named_answered_at_is_found_in_any_spelling(tmp_path):
    path = tmp_path / "hand.csv"
    pd.DataFrame({"score": [9] * len(HAND_DATES), "answered_at": HAND_DATES}).to_csv(
        path, index=False)
    df, report = nt.read_survey(path)
    assert report.columns.get("date") == "answered_at"
    assert df["date"].notna().sum() == 8
    # a column of numbers named nothing like a date is not taken for one
    pd.DataFrame({"score": [9] * 6, "visits": ["45658"] * 6}).to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert "date" not in report.columns


def test_qualtrics_takes_the_filled_date_column(tmp_path):
    text = QUALTRICS.replace("2025-03-01 10:02:01", "").replace("2025-03-02 11:03:05", "") \
        .replace("2025-03-03 12:01:30", "")
    df, report = nt.read_survey(write(tmp_path, "q.csv", text))
    assert report.columns["date"] == "EndDate"
    assert any("'RecordedDate' is empty in every row; using 'EndDate'" in n
               for n in report.notes)
    assert df["date"].iloc[0] == pd.Timestamp("2025-03-01 10:02:00")
    # blanks written as spaces (not missing to the reader) are blank too, past the head
    spaces = pd.DataFrame({"RecordedDate": ["  "] * 30_000, "EndDate": ["2025-03-01"] * 30_000,
                           "score": [9] * 30_000})
    spaces.loc[29_999, "RecordedDate"] = " \t "
    path = tmp_path / "spaces.csv"
    spaces.to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert report.columns["date"] == "EndDate" and df["date"].notna().all()
    spaces.loc[29_999, "RecordedDate"] = "2025-03-04"  # filled once, at the end: not blank
    spaces.to_csv(path, index=False)
    _, report = nt.read_survey(path, on_invalid="exclude")
    assert report.columns["date"] == "RecordedDate"


# --------------------------------------------------------------------------- issue 11: sheets
def test_title_rows_above_the_header_are_skipped_and_said(tmp_path):
    text = ("Customer survey Q3 report,,,\nExported 2025-10-01,,,\n"
            "id,score,comment,region\n1,9,good,North\n2,3,bad,South\n3,10,great,North\n")
    df, report = nt.read_survey(write(tmp_path, "titled.csv", text))
    assert df["score"].tolist() == [9, 3, 10]
    assert any("skipped 2 row(s) above the header (detected)" in n for n in report.notes)
    df, report = nt.read_survey(write(tmp_path, "titled2.csv", text), header_row=3)
    assert df["score"].tolist() == [9, 3, 10]
    bad = write(tmp_path, "bad.csv", "id,score\n1,x9\n2,8\n3,9\n")
    with pytest.raises(nt.InvalidScoreError, match="row 2"):  # file rows still right
        nt.read_survey(bad)
    raw = pd.DataFrame([["Survey export", None, None], ["id", "score", "comment"],
                        [1, 9, "ok"], [2, 2, "slow"], [3, 10, "fine"]])
    path = tmp_path / "titled.xlsx"
    raw.to_excel(path, header=False, index=False)
    df, report = nt.read_survey(path)
    assert df["score"].tolist() == [9, 2, 10]
    assert any("skipped 1 row(s)" in n for n in report.notes)


def test_merged_excel_cells_are_filled(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["region", "score", "comment"])
    for row in (["North", 9, "a"], [None, 3, "b"], [None, 10, "c"], ["South", 7, "d"]):
        ws.append(row)
    ws.merge_cells("A2:A4")  # "North" merged over three rows
    path = tmp_path / "merged.xlsx"
    book.save(path)
    df, report = nt.read_survey(path)
    assert df["region"].tolist() == ["North", "North", "North", "South"]
    assert any("filled 2 cell(s) of 1 merged range(s)" in n for n in report.notes)


@pytest.mark.parametrize("filtered", [True, False])
def test_rows_hidden_in_a_sheet_are_read_and_said(tmp_path, filtered):
    """An analyst who filtered an export to one region (or hid rows by hand) and saved it sees
    a fraction of the rows; every row is read, as the data holds them, and the hidden ones
    are said with Excel's row numbers, so the count read is no surprise."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["region", "score", "comment"])
    for i in range(30):
        ws.append(["North" if i % 3 else "South", i % 11, f"comment {i}"])
    for r in [*range(5, 10), 20]:
        ws.row_dimensions[r].hidden = True
    ws.column_dimensions["C"].hidden = True
    if filtered:
        ws.auto_filter.ref = "A1:C31"
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    df, report = nt.read_survey(path)
    assert len(df) == 30 and df["comment"].notna().all()
    said = [n for n in report.notes if "hidden" in n]
    assert said[0].startswith("6 row(s) of the sheet are hidden" + (" by a filter" if filtered
                                                                    else " (Excel"))
    assert "Excel rows 5-9, 20" in said[0] and "column(s) C" in said[1]
    book = openpyxl.Workbook()
    book.active.append(["region", "score"])
    book.active.append(["North", 9])
    book.save(path)
    assert not any("hidden" in n for n in nt.read_survey(path)[1].notes)


@pytest.mark.parametrize("score, comment, date, customer", [
    ("Bewertung", "Kommentar", "Datum", "Kunde"),
    ("Note de recommandation", "Commentaire", "Date", "Client"),
    ("Puntuación", "Comentario", "Fecha", "Cliente"),
    ("Оценка", "Комментарий", "Дата", "Клиент"),
    ("점수", "의견", "날짜", "고객"),
    ("评分", "评论", "日期", "客户"),
])
def test_column_names_in_the_seven_languages(score, comment, date, customer):
    frame = pd.DataFrame({customer: ["k1", "k2", "k3"], date: ["2025-01-02"] * 3,
                          score: [9, 4, 10], comment: ["bien", "schlecht", "好"]})
    _, report = nt.read_survey(frame)
    assert report.columns["score"] == score
    assert report.columns["comment"] == comment
    assert report.columns["date"] == date
    assert report.columns["customer_id"] == customer


def test_fast_reader_keeps_text_exactly(tmp_path):
    text = ('id,score,comment,zip\n007,9,"line one\nline two",01234\n008,10,"say ""hi""",'
            '00000\n009,3,,99999\n')
    df, _ = nt.read_survey(write(tmp_path, "t.csv", text))
    assert df["score"].tolist() == [9, 10, 3]
    assert df["comment"].tolist()[:2] == ["line one\nline two", 'say "hi"']
    assert pd.isna(df["comment"].iloc[2])
    assert df["response_id"].tolist() == ["007", "008", "009"]  # leading zeros kept
    # ragged rows still get the pandas reader's clear message
    with pytest.raises(ValueError, match="could not be read as a table"):
        nt.read_survey(write(tmp_path, "r.csv", "id,score\n1,9\n2,8,extra,fields\n"))


def test_utf8_head_then_cp1252_bytes_falls_back_to_the_right_encoding(tmp_path):
    # the first 2 MB are plain ASCII, a cp1252 "é" comes after: the fast UTF-8 path must give
    # way to detection over the whole file, not fail or garble the cell
    rows = ["id,score,comment"] + [f"{i},9,ok" for i in range(250_000)] + ["999999,3,trop cher é"]
    path = tmp_path / "late.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("cp1252"))
    assert path.stat().st_size > 1 << 21
    df, report = nt.read_survey(path)
    assert report.encoding == "cp1252"
    assert df["comment"].iloc[-1] == "trop cher é"
    assert len(df) == 250_001


def test_utf8_head_checks_the_head_and_decodes_only_what_detection_reads():
    from nps_toolkit.loading.files import _utf8_head

    row = "é,1\n".encode()  # 5 bytes: a 2-byte letter lies across many cut points
    data = b"\xef\xbb\xbfname,n\n" + row * 500_000
    for size in (1 << 21, (1 << 21) + 1, 4099, 4100):  # cuts inside and after the letter
        text = _utf8_head(data, size=size, text_size=1000)
        assert text is not None and text.startswith("name,n\n") and text.endswith("é,1\n")
        assert len(text.encode()) <= 1000
    # an invalid byte anywhere in the checked head: not UTF-8 (the caller detects)
    bad = data[:3000] + b"\xe9" + data[3001:]
    assert _utf8_head(bad, size=4099) is None
    # ... but after the last line break of the head it is left to the CSV reader
    assert _utf8_head(data[:4098] + b"\xe9" + data[4099:], size=4099) is not None
    # a whole small file, no line break at the end; a first line longer than text_size
    assert _utf8_head("a,b\n1,é".encode(), size=100) == "a,b\n1,é"
    assert _utf8_head(b"x" * 5000 + b"\n1\n" * 10, size=100_000, text_size=1000) \
        == "x" * 5000 + "\n1\n" * 10
    assert _utf8_head(b"x" * 5000, size=4096) is None  # no line break in the head


def test_iso_dates_fast_path_matches_the_general_parser(tmp_path):
    from nps_toolkit.loading.dates import _iso_dates_arrow

    values = pd.Series(["2024-03-01", " 2024-03-02 10:00:00", "2024-03-03T10:00:00.250", "",
                        None, "2024-12-31 23:59"], dtype="string")
    fast = _iso_dates_arrow(values)
    text = values.str.strip()
    slow = pd.to_datetime(text.mask(text == ""), format="ISO8601")
    assert fast is not None and fast.dtype == "datetime64[us]"
    pd.testing.assert_series_equal(fast, slow.astype("datetime64[us]"), check_names=False)
    # anything else (time zones, day first, typos) is left to the general path
    for odd in (["2024-03-01T10:00:00Z"], ["01.03.2024"], ["2024-3-1"], ["soon"]):
        assert _iso_dates_arrow(pd.Series(odd)) is None


def test_arrow_number_and_na_checks_agree_with_pandas_on_every_kind_of_cell():
    """Issue 28 (wide exports): the head and distinct-value checks run on Arrow's kernels
    and hand pandas' parser only what Arrow's ASCII pattern cannot vouch for; on 6,000
    seeded cells built from the characters that make the difference (Unicode spaces and
    digits, signs, exponents, inf/nan spellings) they answer as pandas does, cell by cell
    and for whole columns."""
    import pyarrow as pa

    from nps_toolkit.loading.infer import (
        _NA_TOKENS,
        _all_numbers,
        _infer_few,
        _integer_column,
        _is_na_token,
        _plain_text_head,
    )

    text = pd.StringDtype("pyarrow", na_value=np.nan)
    rng = np.random.default_rng(28)
    alphabet = [" ", "\t", "\xa0", "\u3000", "+", "-", ".", "e", "E", "1", "0", "9",
                "\u0663", "\uff11", "x", "n", "a", "/", "i", "f", "N", "_", ",", "#", "I", "F",
                "inf", "INF", "ity", "Y"]
    cells = ["".join(rng.choice(alphabet, rng.integers(1, 5))) for _ in range(6000)]
    cells += ["inf", "-Infinity", "nan", "NaN", " N/A ", "null", "None", "#N/A", "1e400",
              "\xa05", "5\xa0", "\u0663", "1_000", "0x1F", "+.5e1", "007", " +INF ",
              "-iNfInItY", "infinite", "Inf.", "True", "yes", "Agree"]
    arrow = pa.array(cells, pa.large_string())
    numbers = pd.to_numeric(pd.Series(cells, dtype=text), errors="coerce").notna()
    for i, cell in enumerate(cells):
        assert _all_numbers(arrow.slice(i, 1), text) == bool(numbers[i]), repr(cell)
    numbers_only = [str(i) for i in range(1500)] + ["1e3", "-inf", "+.5", "Infinity"]
    for extra in ([], ["\xa05"], ["Agree"], ["\u0663"], ["nan"], ["1_000"], [" +INF "]):
        big = numbers_only + extra  # past 64 values: Arrow's kernels decide
        assert _all_numbers(pa.array(big, pa.large_string()), text) == bool(
            pd.to_numeric(pd.Series(big, dtype=text), errors="coerce").notna().all()), extra
    for k in range(0, len(cells), 1200):
        assert _all_numbers(arrow.slice(k, 1200), text) == bool(numbers[k:k + 1200].all())
    spelled = pd.Series(cells, dtype=text).str.strip().str.lower().isin(_NA_TOKENS)
    assert _is_na_token(arrow).to_pylist() == spelled.tolist()
    columns = [cells[k:k + 40] for k in range(0, len(cells), 40)] + [
        ["1", "2", None, "-3", "007"], ["+5", "6"], [" 5", "6"], ["5", "6 "], ["1e3", "2"],
        ["0x1F", "2"], ["99999999999999999999", "1"], ["-0", "+0"], ["5", "A"], [None, None],
        ["1", "2.0"], ["3", "n/a"]]
    for values in columns:  # columns of 40 cells, and columns of integers: whole columns
        s = pd.Series(values, dtype=text)
        filled = [v for v in values if v is not None]
        assert _all_numbers(pa.array(filled, pa.large_string()), text) == bool(
            pd.to_numeric(s.dropna(), errors="coerce").notna().all())
        expected = _plain_expected(s)
        assert _plain_text_head(s) == expected, values
        got, cast = _integer_column(s), _cast_or_none(s)  # the head's look skips no cast
        assert (got is None) == (cast is None), values    # that would succeed
        if got is not None:
            np.testing.assert_array_equal(got.to_numpy(), cast)
        few = _infer_few(s)
        plain_na = s.str.strip().str.lower().isin(_NA_TOKENS)
        as_numbers = pd.to_numeric(s.mask(plain_na), errors="coerce")
        if as_numbers.notna().sum() == (~plain_na & s.notna()).sum():
            np.testing.assert_array_equal(few.to_numpy(dtype=float), as_numbers.to_numpy())
        else:
            assert few.isna().tolist() == (plain_na | s.isna()).tolist()


def test_short_decimals_are_cast_by_arrow_exactly_as_pandas_parses_them():
    """Issue 28 (wide exports): a column of short decimals (revenues, ratings with blanks) is
    cast by Arrow instead of pandas' parser; on 20,000 seeded decimals of up to 15
    characters (15 significant digits, points anywhere, signs) the doubles are the same bit
    for bit, every cell Arrow would take that pandas would not is refused, and the dtype is
    pandas' (float64; whole numbers without blanks are left to the integer cast)."""
    import pyarrow as pa

    from nps_toolkit.loading.infer import _decimal_column

    text = pd.StringDtype("pyarrow", na_value=np.nan)
    rng = np.random.default_rng(2806)
    digits = rng.integers(0, 10, (20_000, 15)).astype(str)
    width = rng.integers(1, 15, 20_000)
    point = rng.integers(0, 15, 20_000)
    cells = []
    for row, w, p in zip(digits, width, point, strict=True):
        body = "".join(row[:w])
        body = body[:p] + "." + body[p:] if p <= w else body
        cells.append(rng.choice(["", "-", "+"], p=[0.8, 0.15, 0.05]) + body)
    cells = [c for c in cells if len(c) <= 15]
    for k in range(0, len(cells), 500):
        values = cells[k:k + 500]
        s = pd.Series([*values, None], dtype=text)
        got, expected = _decimal_column(s), pd.to_numeric(s, errors="coerce")
        assert got is not None and got.dtype == expected.dtype == np.float64
        np.testing.assert_array_equal(got.to_numpy().view(np.int64)[:-1],
                                      expected.to_numpy().view(np.int64)[:-1])
    alphabet = list("0123456789.+-")  # the bytes the cast is asked about, in any order
    odd = ["".join(rng.choice(alphabet, rng.integers(1, 6))) for _ in range(3000)]
    for cell in [*odd, ".", "-", "+", "1.2.3", "--5", "+-5", "5-", "1..2", "-.5", "5."]:
        s = pd.Series([cell, "1.5"], dtype=text)
        got, expected = _decimal_column(s), pd.to_numeric(s, errors="coerce")
        if got is not None:
            np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())
        else:
            assert expected.isna().any() or cell.strip("0123456789") == "", cell
    for column in (["1", "2", "3"], ["1.5", "1e3"], [" 1.5", "2"], ["inf", "1.5"],
                   ["1.25", "1234567890.12345"], ["0.30000000000000004", "1.5"],
                   [None, None], ["1.5", "n/a"]):
        assert _decimal_column(pd.Series(column, dtype=text)) is None, column
    whole = _decimal_column(pd.Series(["1", None, "3"], dtype=text))
    assert whole is not None and whole.dtype == np.float64  # a blank: pandas' float64
    assert _decimal_column(pd.Series(pa.array(["1.5"]).to_pylist(), dtype=object)) is None


def _cast_or_none(s: pd.Series) -> np.ndarray | None:
    """Arrow's integer cast of a text column as _integer_column would take it, tried on
    every cell (None when it refuses one, a cell holds an x, or none is filled)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from nps_toolkit.loading.scores import _arrow_text, _has_x

    text = _arrow_text(s)
    if _has_x(text):
        return None
    try:
        cast = pc.cast(text, pa.int64())
    except pa.ArrowInvalid:
        return None
    return None if cast.null_count == len(cast) else cast.to_numpy(zero_copy_only=False)


def _plain_expected(s: pd.Series) -> bool:
    """_plain_text_head as pandas would work it out: a head value neither a number nor an
    NA spelling, with at most 1 in 16 cells that could spell one."""
    from nps_toolkit.loading.infer import _NA_TOKENS, _na_look

    head = s.head(4000).dropna().head(1000)
    if len(head) == 0 or 16 * int(_na_look(head).sum()) > len(head):
        return False
    values = pd.Series(head.unique(), dtype="string")
    return bool((pd.to_numeric(values, errors="coerce").isna()
                 & ~values.str.strip().str.lower().isin(_NA_TOKENS)).any())


def test_na_tokens_in_the_date_column_are_blank_not_unreadable(tmp_path):
    text = "id,score,date\n1,9,2024-03-01\n2,8,N/A\n3,7,null\n4,6,2024-03-04\n"
    df, report = nt.read_survey(write(tmp_path, "d.csv", text))
    assert df["date"].isna().tolist() == [False, True, True, False]
    assert not any("could not be read" in n for n in report.notes)


def test_few_valued_columns_get_na_tokens_and_numbers_as_before(tmp_path):
    from nps_toolkit.loading.infer import _infer_few

    region = pd.Series(["North", " n/a ", "South", None, "North", "NA"], dtype="str")
    got = _infer_few(region)
    assert got.isna().tolist() == [False, True, False, True, False, True]
    assert got.dropna().tolist() == ["North", "South", "North"]
    tier = pd.Series(["1", "2", "", "2", "3"], dtype="str")
    np.testing.assert_array_equal(_infer_few(tier).to_numpy(), [1.0, 2.0, np.nan, 2.0, 3.0])
    whole = _infer_few(pd.Series(["1", "2", "2"], dtype="str"))
    assert whole.dtype == np.int64 and whole.tolist() == [1, 2, 2]
    mixed = pd.Series(["1", "two", "n/a"], dtype="str")
    assert _infer_few(mixed).tolist()[:2] == ["1", "two"] and pd.isna(_infer_few(mixed)[2])
    # read through a file: the segment column loses its NA tokens, the numeric one is numeric
    text = "id,score,region,tier\n1,9,North,1\n2,8,n/a,2\n3,7,South,\n"
    df, _ = nt.read_survey(write(tmp_path, "s.csv", text))
    assert df["region"].isna().tolist() == [False, True, False]
    assert df["tier"].tolist()[:2] == [1.0, 2.0] and pd.isna(df["tier"].iloc[2])
    # columns that look like segments before detection have their distinct values started
    # early; one that detection then takes as the comment keeps "n/a" as the customer's words
    text = "id,score,comment,region\n1,9,n/a,North\n2,8,ok,n/a\n3,7,n/a,South\n"
    from nps_toolkit.loading.infer import _segment_like

    path = write(tmp_path, "c.csv", text)
    assert _segment_like(pd.read_csv(path, dtype="str")) == ["comment", "region"]
    df, _ = nt.read_survey(path)
    assert df["comment"].tolist() == ["n/a", "ok", "n/a"]
    assert df["region"].isna().tolist() == [False, True, False]


# --------------------------------------------------------------------------- scan
def test_scan_text_scores_and_day_first_dates_match_read_survey(tmp_path):
    rows = ["Response ID,How likely are you to recommend us?,Why?,Date,Region"]
    labels = {10: "10 - Extremely likely", 0: "0 (Not at all likely)"}
    rng = np.random.default_rng(3)
    for i in range(600):
        s = int(rng.integers(0, 11))
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        rows.append(f"R{i},{labels.get(s, s)},ok,{day:02d}/{month:02d}/2025,"
                    f"{'North' if i % 3 else 'South'}")
    rows.append("R600,,no score,15/03/2025,North")
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows) + "\n")
    rel, report = nt.scan(path)
    df, _ = nt.read_survey(path)
    assert report.columns["score"] == "How likely are you to recommend us?"
    assert any("day/month/year" in n for n in report.notes)
    a, b = nt.summarize(rel, by="Region"), nt.summarize(df, by="Region")
    assert a["n"].tolist() == b["n"].tolist() and a["nps"].tolist() == b["nps"].tolist()
    assert a["n_missing"].sum() == 1  # the blank score, as read_survey's exclusion
    t1, t2 = nt.trend(rel, freq="M"), nt.trend(df, freq="M")
    assert t1["n"].tolist() == t2["n"].tolist() and t1["period"].tolist()[0] == "2025-01"


def test_scan_parquet_folders_globs_and_errors(tmp_path):
    sample = nt.load_sample()[["date", "score", "channel"]]
    for year in (2025, 2026):
        part = tmp_path / "survey" / f"year={year}"
        part.mkdir(parents=True)
        sample[sample["date"].dt.year == year].to_parquet(part / "part-0.parquet")
    rel, report = nt.scan(tmp_path / "survey")
    assert "year" in rel.columns and "hive partition" in " ".join(report.notes)
    got = nt.summarize(rel, by="year").set_index("year")["n"]
    want = sample.groupby(sample["date"].dt.year)["score"].count()
    assert got.to_dict() == want.to_dict()
    rel2, _ = nt.scan(str(tmp_path / "survey" / "*" / "*.parquet"))
    assert nt.summarize(rel2)["n"].item() == sample["score"].notna().sum()
    with pytest.raises(FileNotFoundError, match="no files match"):
        nt.scan(str(tmp_path / "nothing" / "*.parquet"))
    (tmp_path / "x.xlsx").write_bytes(b"PK")
    with pytest.raises(ValueError, match="CSV and Parquet"):
        nt.scan(tmp_path / "x.xlsx")
    (tmp_path / "mixed").mkdir()
    sample.to_csv(tmp_path / "mixed" / "a.csv", index=False)
    sample.to_parquet(tmp_path / "mixed" / "b.parquet")
    with pytest.raises(ValueError, match="mix CSV and Parquet"):
        nt.scan(tmp_path / "mixed")


def test_integer_columns_cast_by_arrow_equal_pandas_to_numeric():
    """Plain integer columns read from a file are converted by Arrow's cast; every case
    where it converts gives pandas' values and dtype, the rest is left to pandas."""
    import pyarrow as pa

    from nps_toolkit.loading.infer import _integer_column

    text = pd.StringDtype("pyarrow", na_value=np.nan)
    cases = {("1", "2", "007", "-3"): True, ("1", None, "3"): True, ("+5", "6"): False,
             (" 5", "6"): False, ("0x1F", "2"): False, ("0X1f", "2"): False, (None, None): False,
             ("9223372036854775808", "1"): False, ("1", "2.5"): False, ("1e3", "2"): False}
    for values, by_arrow in cases.items():
        data = pa.chunked_array([pa.array(values[:1], pa.large_string()),
                                 pa.array(values[1:], pa.large_string())])
        s = pd.Series(pd.array(data, dtype=text), name="n", index=[5, 6][:len(values)]
                      if len(values) == 2 else None)
        got = _integer_column(s)
        assert (got is not None) == by_arrow, values
        if got is not None:
            pd.testing.assert_series_equal(got, pd.to_numeric(s, errors="coerce"))


def test_integer_fast_path_leaves_infer_types_unchanged(monkeypatch):
    """_infer_types with Arrow's integer cast gives the frame it gives without it, for
    few-valued and many-valued columns, blanks, NA spellings, signs, floats and text."""
    import pyarrow as pa

    from nps_toolkit.loading import infer

    rng = np.random.default_rng(5)
    n = 3000
    cols = {"few": rng.integers(1, 6, n).astype(str).astype(object),
            "many": rng.integers(0, 10**6, n).astype(str).astype(object),
            "zeros": np.array([f"{i % 7:02d}" for i in range(n)], dtype=object),
            "spelled": rng.integers(1, 6, n).astype(str).astype(object),
            "signed": rng.integers(1, 6, n).astype(str).astype(object),
            "floats": rng.choice(["1.5", "2", "3.25"], n).astype(object),
            "text": rng.choice(["North", "South", "07"], n).astype(object)}
    cols["few"][::13] = None
    cols["many"][::17] = None
    cols["spelled"][2000] = " N/A "
    cols["signed"][2500] = "+3"
    text = pd.StringDtype("pyarrow", na_value=np.nan)
    frame = pd.DataFrame({c: pd.Series(pd.array(pa.chunked_array(
        [pa.array(v[:1000], pa.large_string()), pa.array(v[1000:], pa.large_string())]),
        dtype=text)) for c, v in cols.items()})
    frame.attrs["blank_is_na"] = True
    fast = infer._infer_types(frame, set())
    monkeypatch.setattr(infer, "_integer_column", lambda s: None)
    slow = infer._infer_types(frame, set())
    pd.testing.assert_frame_equal(fast, slow)
    assert fast["few"].dtype == "float64" and fast["many"].dtype == "float64"
    assert fast["zeros"].dtype == "int64" and fast["spelled"].isna().sum() == 1
    assert fast["signed"].iloc[2500] == 3 and fast["text"].dtype != "float64"


def test_plain_text_segments_skip_distinct_values_with_the_same_result():
    """A few-valued column of words (Likert answers, channels) is text whatever else it
    holds: NA spellings found by the byte look give the frame the distinct-value path gives,
    blanks, a spelling far past the head, and a column dense with short cells alike."""
    import pyarrow as pa

    from nps_toolkit.loading import infer

    rng = np.random.default_rng(7)
    n = 6000
    likert = rng.choice(["Strongly agree", "Agree", "Neutral", "Disagree", None], n)
    likert[5000] = "   N/A"  # past the head; spaces before it only
    likert[5500] = "nan"
    short = rng.choice(["EN", "FR", "n/a", "DE"], n)  # dense: every cell could be a spelling
    numeric_late = np.array(["North"] * n, dtype=object)
    numeric_late[4000:] = "12"
    cols = {"likert": likert.astype(object), "short": short.astype(object),
            "late": numeric_late}
    text = pd.StringDtype("pyarrow", na_value=np.nan)
    frame = pd.DataFrame({c: pd.Series(pd.array(pa.chunked_array(
        [pa.array(v[:2500], pa.large_string()), pa.array(v[2500:], pa.large_string())]),
        dtype=text)) for c, v in cols.items()})
    frame.attrs["blank_is_na"] = True
    plain = frozenset(c for c in frame.columns if infer._plain_text_head(frame[c]))
    assert plain == {"likert", "late"}  # "short": too many cells could spell a missing value
    fast = infer._infer_types(frame, set(), plain=plain)
    slow = infer._infer_types(frame, set())
    pd.testing.assert_frame_equal(fast, slow)
    assert fast["likert"].isna().sum() == (likert == None).sum() + 2  # noqa: E711
    assert fast["late"].iloc[-1] == "12" and fast["short"].isna().sum() > 1000


def test_spelled_na_looks_only_where_it_must_and_agrees_with_every_cell():
    import pyarrow as pa

    from nps_toolkit.loading.infer import _NA_TOKENS, _spelled_na

    rng = np.random.default_rng(6)
    pool = ["n/a", " N/A ", "NULL", "\tnone\n", "\xa0nan\xa0", "\u3000NA\u3000", "\x1cna\x1c",
            "#N/A", "", "na ", "   null   ", "n a", "nana", "2025-01-01 10:00:00", "10.1.2.3",
            "café", "anna", "none of it", "Nan.", "NAN", "x", "\u00a0", "null   ", "none\u3000",
            "   n/a", "\u00a0null"]
    values = [pool[i] if i < len(pool) else None for i in rng.integers(0, len(pool) + 3, 5000)]
    text = pd.StringDtype("pyarrow", na_value=np.nan)
    data = pa.chunked_array([pa.array(values[:1700], pa.large_string()),
                             pa.array(values, pa.large_string()).slice(1700, 3300)])
    s = pd.Series(pd.array(data, dtype=text))
    plain = s.astype("string")
    expected = (plain.str.strip().str.lower().isin(_NA_TOKENS) & plain.notna()).to_numpy(bool)
    assert (_spelled_na(s) == expected).all()
    assert expected.sum() > 1000 and (~expected).sum() > 1000 and plain.isna().sum() > 300
    objects = pd.Series(values, dtype=object)  # a data frame's column: every cell looked at
    assert (_spelled_na(objects) == expected).all()


def test_response_id_uniqueness_shortcut_agrees_with_hashing():
    """Ids in increasing order are distinct without hashing; every other order is hashed."""
    from nps_toolkit.loading.columns import _is_unique

    cases = [["R1", "R2", "R3"], ["R1", "R2", "R2", "R3"], ["R3", "R1", "R2"],
             ["R3", "R1", "R3"], [1, 5, 9], [9, 5, 5], [3, 1, 2], ["a"], [1.5, 2.5, 0.5],
             [1, "a", 2]]
    for values in cases:
        s = pd.Series(values, dtype="string" if isinstance(values[0], str) else None)
        assert _is_unique(s) == pd.Series(values).is_unique, values
    # a text column as a file reader gives it: Arrow data in chunks, compared as it is (a
    # repeat or a step down across a chunk boundary is seen)
    import pyarrow as pa

    text = pd.StringDtype("pyarrow", na_value=np.nan)
    for chunks, expected in [([["a", "b", "c"], ["d", "e"], ["f"]], True),
                             ([["a", "b", "c"], ["c", "e"]], False),
                             ([["a", "c", "b"], ["d", "e"]], True),
                             ([["a", "c", "b"], ["d", "a"]], False)]:
        data = pa.chunked_array([pa.array(c, pa.large_string()) for c in chunks])
        assert _is_unique(pd.Series(pd.array(data, dtype=text))) is expected, chunks
    df = pd.DataFrame({"response_id": ["R1", "R2", "R2", "R3"], "score": [9, 9, 3, 10]})
    kept, report = nt.read_survey(df)
    assert len(kept) == 3 and report.excluded["duplicate response"]


def test_large_file_quoted_line_breaks_across_pyarrow_block_cuts(tmp_path, monkeypatch):
    # past its 2 MB head pyarrow reads the file itself in 4 MB blocks cut at line breaks;
    # comments with line breaks in every other row put many cuts inside quoted values, which
    # must come back whole (never split into extra rows) and in order
    import pyarrow as pa
    from pyarrow import csv as pacsv

    n = 300_000
    multi = '"row {} first line\nsecond, line; ""quoted""\r\nthird"'
    comments = [multi.format(i) if i % 2 else f"plain {i}" for i in range(n)]
    body = "".join(f"R{i:07d},{i % 11},2025-01-{1 + i % 28:02d},{c}\n"
                   for i, c in enumerate(comments))
    path = tmp_path / "multiline.csv"
    path.write_text("response_id,score,date,comment\n" + body, encoding="utf-8")
    assert path.stat().st_size > 3 * (1 << 22)
    with pytest.raises(pa.ArrowInvalid):  # the case is really exercised: a cut in a quote
        pacsv.read_csv(path, read_options=pacsv.ReadOptions(block_size=1 << 22),
                       parse_options=pacsv.ParseOptions(newlines_in_values=False))
    pieces = _pieces_spy(monkeypatch)
    df, report = nt.read_survey(path)
    assert pieces == [True]  # read in pieces cut outside quotes, on two workers
    assert len(df) == n and report.rows_read == n
    assert df["score"].tolist() == [i % 11 for i in range(n)]
    # the dates parsed while reading, the header skipped in the first piece only
    assert df["date"].dt.day.tolist() == [1 + i % 28 for i in range(n)]
    assert df["comment"].iloc[1] == 'row 1 first line\nsecond, line; "quoted"\r\nthird'
    assert df["comment"].iloc[n - 1] == f'row {n - 1} first line\nsecond, line; "quoted"\r\nthird'
    assert df["comment"].iloc[n - 2] == f"plain {n - 2}"
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)["comment"]
    assert df["comment"].tolist() == expected.tolist()


def _pieces_spy(monkeypatch, piece: int | None = None) -> list:
    """Record what _read_in_pieces gave (a table or None), with pieces of ``piece`` bytes and
    two workers."""
    from nps_toolkit._frames import dense
    from nps_toolkit.loading import bodies

    got: list = []
    inner = bodies._read_in_pieces

    def spy(data, read):
        out = inner(data, read)
        got.append(out is not None)
        return out

    monkeypatch.setattr(bodies, "_read_in_pieces", spy)
    monkeypatch.setattr(dense, "cpu_workers", lambda: 2)
    if piece is not None:
        monkeypatch.setattr(bodies, "PIECE", piece)
    return got


def test_cuts_fall_after_line_breaks_outside_quotes():
    import random

    from nps_toolkit.loading.bodies import _cuts

    rng = random.Random(3)
    cells = ["plain", '"two\nlines"', '"a ""quoted"" word"', '"x,\r\ny"', '""', "n"]
    text = "".join(",".join(rng.choice(cells) for _ in range(3)) + "\n" for _ in range(2000))
    buf = text.encode()
    cuts = _cuts(buf, 37)
    assert cuts[0] == 0 and cuts[-1] == len(buf) and cuts == sorted(set(cuts))
    assert len(cuts) > 30
    for c in cuts[1:-1]:
        assert buf[c - 1:c] == b"\n" and buf[:c].count(b'"') % 2 == 0
    # every piece holds whole records: the csv module reads the same rows either way
    whole = list(csv.reader(io.StringIO(text)))
    pieced = [row for a, b in itertools.pairwise(cuts)
              for row in csv.reader(io.StringIO(buf[a:b].decode()))]
    assert pieced == whole


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_quoted_line_breaks_read_in_pieces_equal_one_pass(tmp_path, monkeypatch, where):
    """A file whose quoted values hold line breaks is read in pieces cut outside quotes, in
    parallel; the frame is the one pandas reads, whichever column holds the line breaks, and
    with stray quotes in unquoted cells (a cut could then fall inside a value: both sides are
    rows of the wrong width, refused, and the file is read in one pass)."""
    n = 3000
    multi = ['"line one\nline two, ""quoted""\r\nthree"', "plain"]
    rows = []
    for i in range(n):
        cells = [f"R{i:05d}", str(i % 11), f"c{i}", "North"]
        cells[{"first": 0, "middle": 2, "last": 3}[where]] = multi[i % 2] + (
            "" if where != "first" else f" {i}")
        rows.append(",".join(cells))
    header = "comment,score,extra,region" if where == "first" else (
        "response_id,score,comment,region" if where == "middle" else
        "response_id,score,region,comment")
    path = tmp_path / f"pieces_{where}.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)
    got_pieces = _pieces_spy(monkeypatch, piece=4096)
    df, report = nt.read_survey(path, score="score")
    assert got_pieces and got_pieces[0] is True  # really read in pieces
    assert len(df) == n == report.rows_read
    for column in expected.columns:
        assert df[column].fillna("").astype(str).str.strip().tolist() == \
            expected[column].str.strip().tolist(), column
    # stray quotes (inches) in unquoted cells before every quoted value: the parity of the
    # quotes is wrong at every cut; the pieces are refused and the one-pass read is right
    stray = path.read_text(encoding="utf-8").replace("\nR", '\n5" R')
    path.write_text(stray, encoding="utf-8")
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)
    got_pieces.clear()
    df, _ = nt.read_survey(path, score="score")
    assert len(df) == n
    for column in expected.columns:
        assert df[column].fillna("").astype(str).str.strip().tolist() == \
            expected[column].str.strip().tolist(), column


def test_large_file_blank_line_and_ragged_row_past_the_head(tmp_path):
    # a blank line and a ragged row far past the head: rows keep the file's numbering (a
    # blank line is a row with a blank score, as pandas reads it) and the ragged row gets
    # the pandas reader's clear message
    rows = ["id,score,comment"] + [f"{i},{i % 11},fine" for i in range(300_000)]
    blank = [*rows[:200_000], "", *rows[200_000:]]
    path = tmp_path / "blank.csv"
    path.write_text("\n".join(blank) + "\n", encoding="utf-8")
    assert path.stat().st_size > 1 << 21
    df, report = nt.read_survey(path)
    assert len(df) == 300_000
    assert report.excluded["blank score"] == [200_001]  # the file's line 200,001 (header: 1)
    ragged = [*rows[:250_000], "7,9,too,many,fields", *rows[250_000:]]
    path.write_text("\n".join(ragged) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="could not be read as a table"):
        nt.read_survey(path)


def test_iso_dates_cast_beside_the_scores_stay_aligned_with_the_kept_rows(tmp_path):
    # the ISO cast runs on the whole column while scores are parsed; rows left out (blank,
    # invalid, duplicate) must take their dates with them
    text = ("response_id,score,date\nA,9,2024-03-01\nB,,2024-03-02\nC,x,2024-03-03\n"
            "D,7,2024-03-04 10:30:00\nA,8,2024-03-05\nE,3,\n")
    df, report = nt.read_survey(write(tmp_path, "d.csv", text), on_invalid="exclude")
    assert df["response_id"].tolist() == ["A", "D", "E"]
    assert report.excluded == {"blank score": [3], "not a number": [4],
                               "duplicate response": [6]}
    assert df["date"].tolist()[:2] == [pd.Timestamp("2024-03-01"),
                                       pd.Timestamp("2024-03-04 10:30")]
    assert pd.isna(df["date"].iloc[2]) and df["date"].dtype == "datetime64[us]"
    # every kept date blank, the left-out rows dated: the general path, as before
    text = "id,score,date\n1,,2024-03-01\n2,9,\n"
    df, _ = nt.read_survey(write(tmp_path, "e.csv", text))
    assert df["date"].isna().all() and len(df) == 1


def _big_dated_file(tmp_path: Path, name: str, tail: list[str], *, header: str = "") -> Path:
    """A CSV past the 2 MB head (so pyarrow reads the file itself) with ISO dates in its
    first rows and ``tail`` as the last rows' dates."""
    rng = np.random.default_rng(3)
    n = 40_000
    stamps = (pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 10**7, n), unit="s"))
    dates = [str(t) for t in stamps]
    dates[5::7] = ["2025-02-03"] * len(dates[5::7])  # a date alone, as exports mix
    dates[6::11] = [""] * len(dates[6::11])
    dates[-len(tail):] = tail
    body = pd.DataFrame({"id": [f"R{i:06d}" for i in range(n)], "score": rng.integers(0, 11, n),
                         "date": dates, "comment": ["fine, really quite fine" * 2] * n,
                         "created at": dates})
    path = tmp_path / name
    path.write_text(header + body.to_csv(index=False), encoding="utf-8")
    assert path.stat().st_size > 1 << 21
    return path


@pytest.mark.parametrize("text", [
    "a,b,c\n1,2,3\n", 'a,"b\nstill b",c\r\n1,,3\r\n\n4,"5 ""q""",6\n7\n',
    "x;y\n1;2\n", "only\n", "a\tb\n\t\n",
    "a,b\n" + "x" * 200_000 + ",1\n",
])
def test_head_rows_read_as_pandas_reads_them(text):
    from nps_toolkit.loading.files import _head_frame

    sep = ";" if ";" in text else "\t" if "\t" in text else ","
    expected = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, nrows=5,
                           keep_default_na=False, skip_blank_lines=False)
    got = _head_frame(text, sep)
    assert got.fillna("").astype(str).values.tolist() == \
        expected.fillna("").astype(str).values.tolist()


@pytest.mark.parametrize("rows", [60, 60_000])
def test_a_quote_never_closed_is_an_error_not_merged_rows(tmp_path, rows):
    # pyarrow's reader takes everything after an opening quote that is never closed as one
    # value: in the last column, the rows after it would silently become one comment
    body = "".join(f"R{i},9,fine thanks\n" for i in range(rows))
    path = write(tmp_path, "q.csv", "id,score,comment\n" + body + 'X,3,"broken\nY,4,x\n')
    with pytest.raises(ValueError, match="EOF inside string"):
        nt.read_survey(path)
    for closed in ('X,3,"fine ""q"""\n', 'X,3,"two\nlines\n"\n', 'X,3,"at the end"',
                   'X,3,ab"\n', 'X,3,""\n'):
        df, _ = nt.read_survey(write(tmp_path, "ok.csv", "id,score,comment\n" + body + closed))
        assert len(df) == rows + 1


@pytest.mark.parametrize("pandas_reader", [True, False])
def test_a_quote_never_closed_past_the_head_is_an_error_with_either_reader(
        tmp_path, monkeypatch, pandas_reader):
    from nps_toolkit.loading import files

    monkeypatch.setattr(files, "_pandas_reads_text_fast", lambda: pandas_reader)
    rows = 150_000
    body = "".join(f"R{i},9,fine thanks\n" for i in range(rows))
    path = write(tmp_path, "q.csv", "id,score,comment\n" + body + 'X,3,"broken\nY,4,x\n')
    assert path.stat().st_size > 1 << 21
    with pytest.raises(ValueError, match="EOF inside string"):
        nt.read_survey(path)
    for closed in ('X,3,"two\nlines\n"\n', 'X,3,"at the end"'):
        df, _ = nt.read_survey(write(tmp_path, "ok.csv", "id,score,comment\n" + body + closed))
        assert len(df) == rows + 1 and df["comment"].iloc[-1] in ("two\nlines\n", "at the end")


def test_head_row_longer_than_the_first_is_pandas_error():
    from nps_toolkit.loading.files import _head_frame

    with pytest.raises(pd.errors.ParserError, match="Expected 2 fields in line 3, saw 4"):
        _head_frame("a,b\n1,2\n3,4,5,6\n", ",")


def test_blank_columns_of_every_type():
    from nps_toolkit.loading.columns import _is_blank

    n = 3000
    late = pd.Series([pd.NaT] * (n - 1) + [pd.Timestamp("2024-03-01")])
    assert _is_blank(pd.Series([pd.NaT] * n)) and not _is_blank(late)
    assert _is_blank(pd.Series([np.nan] * n)) and not _is_blank(pd.Series([np.nan] * n + [1.0]))
    assert _is_blank(pd.Series([None] * n, dtype="Int8"))
    assert _is_blank(pd.Series(["", " ", None] * n, dtype="str"))
    assert _is_blank(pd.Series([" ", "\t"] * n, dtype="category"))  # text, whatever its type
    assert not _is_blank(pd.Series([" "] * n + ["x"], dtype=object))


def test_dates_parsed_by_the_csv_reader_equal_the_text_path(tmp_path, monkeypatch):
    # pyarrow's reader, which parses the date column while reading (pandas >= 3.1 reads
    # large files itself, every column as text: see the test below)
    from nps_toolkit.loading import files
    from nps_toolkit.loading.files import _read_file

    monkeypatch.setattr(files, "_pandas_reads_text_fast", lambda: False)
    from nps_toolkit.loading.read import _read_survey
    from nps_toolkit.loading.report import LoadReport

    def both(path: Path, **kw):
        opts = dict(score=None, comment=None, date=None, customer_id=None, response_id=None,
                    on_invalid="raise", drop_duplicates=True, sheet=0, encoding=None,
                    delimiter=None, scale=None, dayfirst=None, header_row=None) | kw
        fast = _read_survey(path, **opts, type_dates=True)
        slow = _read_survey(path, **opts, type_dates=False)
        pd.testing.assert_frame_equal(fast[0], slow[0])
        assert fast[1].notes == slow[1].notes and fast[1].excluded == slow[1].excluded
        return fast

    def typed(path: Path, date=None):
        raw, _ = _read_file(path, sheet=0, encoding=None, delimiter=None, date=date,
                            report=LoadReport(source="", file_format="csv", header_rows=0))
        return raw.attrs.get("date_typed")

    clean = _big_dated_file(tmp_path, "clean.csv", ["2025-12-31T23:59:59.250"])
    assert typed(clean) == "created at"  # the fast path is taken (the name ranks first) ...
    df, _ = both(clean)
    assert df["date"].dtype == "datetime64[us]" and df["date"].isna().sum() > 3000
    assert df["date"].iloc[-1] == pd.Timestamp("2025-12-31 23:59:59.250")
    assert typed(clean, date="date") == "date" and typed(clean, date=False) is None
    both(clean, date="date")
    # ... and given up when a date the head did not show is not a plain ISO local time:
    # the reader stops and the file is read as text, so the general parser says what it did
    for tail in (["2025-06-01T10:00:00Z", "2025-06-01T11:00:00+02:00"], ["N/A", "soon"],
                 ["01.06.2025"]):
        df, report = both(_big_dated_file(tmp_path, "odd.csv", tail))
        assert len(df) == 40_000
    # a dotted date among ISO ones is listed, not read month first on its own (it was)
    assert pd.isna(df["date"].iloc[-1])
    assert any("1 value(s) in date column 'created at' could not be read as dates in the "
               "column's format 'ISO 8601'" in n for n in report.notes)
    # a first column named like a date that detection does not take as the date (here it is
    # named as the comment) is parsed by the reader, then everything is read again as text
    df, _ = both(clean, comment="created at")
    assert df["comment"].iloc[:3].tolist() == pd.read_csv(clean, nrows=3)["created at"].tolist()
    # a Windows-1252 byte past the UTF-8 head: the typed read gives way to full detection
    late = tmp_path / "late.csv"
    data = clean.read_bytes()
    at = data.rfind(b"quite fine") + len(b"quite fine")
    late.write_bytes(data[:at] + " é".encode("cp1252") + data[at:])
    df, report = nt.read_survey(late)
    assert report.encoding == "cp1252" and df["comment"].iloc[-1].endswith("quite fine é")
    assert df["date"].dtype == "datetime64[us]" and df["date"].notna().sum() > 30_000
    # two header rows (SurveyMonkey's layout) are skipped by the reader before it parses
    sm = tmp_path / "sm.csv"
    first, rest = clean.read_text().split("\n", 1)
    sm.write_text(first.replace("id,", "Respondent ID,").replace("created at", "Start Date")
                  + "\n,,,Open-Ended Response,\n" + rest)
    assert typed(sm) == "date"  # ranks before "start date"
    df, report = both(sm)
    assert report.vendor == "surveymonkey" and report.header_rows == 2 and len(df) == 40_000
    # header rows with a quote are not skipped by the reader as plain lines: no fast path
    quoted = _big_dated_file(tmp_path, "q.csv", ["2025-12-31"], header='"title, with comma"\n')
    assert typed(quoted) is None


def _tricky_big_file(tmp_path: Path, *, newlines: bool) -> Path:
    """A CSV past the 2 MB head whose cells a reader could change: leading zeros, score
    labels, NA spellings, quoted blanks, spaces, quotes, commas, non-ASCII text, a blank
    line far down, CRLF line ends; with ``newlines``, quoted line breaks in comments of the
    second half too."""
    n = 60_000
    ids = [f"{i:07d}" for i in range(n)]  # numbers with leading zeros: text, never 7
    scores = [str(i % 11) for i in range(n)]
    scores[7::97] = ["10 - Extremely likely"] * len(scores[7::97])
    scores[11::101] = [" 9 "] * len(scores[11::101])
    scores[13::89] = [""] * len(scores[13::89])
    comments = [f"fine {i}, said \"ok\"" for i in range(n)]
    for at, cell in [(5, "NA"), (6, "n/a"), (8, "   "), (9, "café, 日本語"), (10, "null"),
                     (n - 2, "007"), (n - 1, "=SUM(A1)")]:
        comments[at::1000] = [cell] * len(comments[at::1000])
    if newlines:  # past the head only: pandas' parallel reader meets them unannounced
        comments[n // 2::50] = ["first line\nsecond, line\r\nthird"] * len(comments[n // 2::50])
    region = ["North", "South", " West", "n/a", "", "01"] * (n // 6)
    frame = pd.DataFrame({"response_id": ids, "score": scores, "comment": comments,
                          "region": region,
                          "code": [f"{i % 40:03d}" for i in range(n)]})
    text = frame.to_csv(index=False, lineterminator="\r\n")
    cut = text.index("\r\n", len(text) * 2 // 3) + 2
    text = text[:cut] + "\r\n" + text[cut:]  # a blank line: a row of blanks, as pandas reads
    path = tmp_path / ("nl.csv" if newlines else "plain.csv")
    path.write_bytes(text.encode("utf-8"))
    assert path.stat().st_size > 1 << 21
    return path


@pytest.mark.parametrize("newlines", [False, True])
def test_large_file_read_by_pandas_equals_pyarrow_and_the_text_path(tmp_path, monkeypatch,
                                                                     newlines):
    """pandas' C reader (pandas >= 3.1, every column as Arrow text), pyarrow's reader and
    pandas reading the decoded text give the same table, cell for cell, and read_survey
    the same frame and report from either reader."""
    from nps_toolkit.loading import files
    from nps_toolkit.loading.files import _read_file
    from nps_toolkit.loading.report import LoadReport

    path = _tricky_big_file(tmp_path, newlines=newlines)

    def body(pandas_reader: bool) -> pd.DataFrame:
        monkeypatch.setattr(files, "_pandas_reads_text_fast", lambda: pandas_reader)
        raw, _ = _read_file(path, sheet=0, encoding=None, delimiter=None,
                            report=LoadReport(source="", file_format="csv", header_rows=0))
        return raw

    if not files._pandas_reads_text_fast():
        pytest.skip("this pandas has no fast text reader (pandas < 3.1)")
    by_pandas, by_arrow = body(True), body(False)
    # "NA" stays text: no column of numbers in this file writes a missing value so
    text = pd.read_csv(io.StringIO(path.read_bytes().decode("utf-8")), dtype=str,
                       keep_default_na=False, na_values=[""], skip_blank_lines=False,
                       index_col=False)
    for name in text.columns:
        expected = text[name].tolist()
        assert by_pandas[name].tolist() == expected, name
        assert by_arrow[name].tolist() == expected, name
    assert by_pandas["response_id"].iloc[7] == "0000007" and by_pandas["code"].iloc[1] == "001"
    assert by_pandas["comment"].iloc[9] == "café, 日本語"
    assert by_pandas.dtypes.tolist() == by_arrow.dtypes.tolist()

    def survey(pandas_reader: bool):
        monkeypatch.setattr(files, "_pandas_reads_text_fast", lambda: pandas_reader)
        return nt.read_survey(path, on_invalid="exclude")

    (a, ra), (b, rb) = survey(True), survey(False)
    pd.testing.assert_frame_equal(a, b)
    assert ra.notes == rb.notes and ra.excluded == rb.excluded and str(ra) == str(rb)
    assert ra.columns["response_id"] == "response_id" and a["response_id"].iloc[0] == "0000000"
    assert a["score"].iloc[7] == 10 and a["region"].iloc[5] == "01"


def test_quoted_line_breaks_in_the_head_send_the_file_to_pyarrow():
    from nps_toolkit.loading.bodies import _quoted_line_breaks

    assert _quoted_line_breaks('id,comment\n1,"first\nsecond"\n2,ok\n')
    assert not _quoted_line_breaks('id,comment\r\n1,"a ""quoted"", b"\r\n2,"x,y"\r\n')


@pytest.mark.parametrize("breaks", [False, True])
def test_large_qualtrics_export_header_rows_skipped_by_either_reader(tmp_path, monkeypatch,
                                                                     breaks):
    # three header rows are skipped as rows, not lines, by either reader; with line breaks
    # in question texts and comments the file goes to pyarrow, without to pandas
    from nps_toolkit.loading import files

    br = "\n" if breaks else " "
    head = ('StartDate,EndDate,ResponseId,Q1,Q2\n"Start Date","End Date","Response ID",'
            f'"How likely are you to recommend us?{br}Please answer 0-10","Why?{br}Tell us"\n'
            '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}",'
            '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}",'
            '"{""ImportId"":""QID2_TEXT""}"\n')
    n = 60_000
    rows = "".join(f'2025-01-0{1 + i % 9} 10:00:00,,R_{i:08d},{i % 11},"comment {i}{br}line two"\n'
                   for i in range(n))
    path = tmp_path / "qualtrics.csv"
    path.write_text(head + rows, encoding="utf-8")
    assert path.stat().st_size > 1 << 21
    by_pandas = []
    real = files._read_body_pandas
    monkeypatch.setattr(files, "_read_body_pandas",
                        lambda *a, **k: by_pandas.append(1) or real(*a, **k))
    out = []
    for pandas_reader in (True, False):
        monkeypatch.setattr(files, "_pandas_reads_text_fast", lambda f=pandas_reader: f)
        out.append(nt.read_survey(path))
    assert len(by_pandas) == (0 if breaks else 1)
    (a, ra), (b, rb) = out
    pd.testing.assert_frame_equal(a, b)
    assert ra.notes == rb.notes and ra.vendor == "qualtrics" and ra.header_rows == 3
    assert len(a) == n and a["response_id"].iloc[-1] == f"R_{n - 1:08d}"
    assert a["score"].iloc[12] == 1 and a["comment"].iloc[2] == f"comment 2{br}line two"
    assert ra.columns["date"] == "StartDate"  # EndDate is blank in every row


def test_large_date_column_cast_in_slices_equals_the_whole_column(tmp_path, monkeypatch):
    """A date column of 400,000+ rows is cast in four slices on the thread pool: a slice
    with no date at all is blank dates, a slice with one non-ISO date sends the whole column
    through the general parser, and scores read as int8 keep their blanks and ranges."""
    n = 400_004
    rng = np.random.default_rng(4)
    dates = (pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 10**7, n), unit="s"))
    frame = pd.DataFrame({"response_id": [f"R{i:07d}" for i in range(n)],
                          "score": rng.integers(0, 11, n).astype(str),
                          "date": dates.strftime("%Y-%m-%d %H:%M:%S")})
    frame.loc[: n // 4, "date"] = ""  # the whole first slice blank
    frame.loc[n - 3, "score"] = ""
    frame.loc[n - 2, "score"] = "12"
    path = tmp_path / "dates.csv"
    frame.to_csv(path, index=False)
    from nps_toolkit.loading import read

    general = read._parse_dates

    def not_here(*args, **kwargs):
        raise AssertionError("the general date parser ran")

    monkeypatch.setattr(read, "_parse_dates", not_here)  # the blank slice is no reason to
    df, report = nt.read_survey(path, on_invalid="exclude")
    monkeypatch.setattr(read, "_parse_dates", general)
    kept = frame.drop(index=[n - 3, n - 2])
    expected = pd.to_datetime(kept["date"].replace("", None), format="%Y-%m-%d %H:%M:%S")
    assert df["date"].dtype == "datetime64[us]"
    assert (df["date"].isna().to_numpy() == expected.isna().to_numpy()).all()
    assert (df["date"].dropna().to_numpy() == expected.dropna().to_numpy()).all()
    assert df["score"].tolist() == kept["score"].astype(int).tolist()
    assert report.excluded == {"blank score": [n - 1], "out of range": [n]}
    frame.loc[n - 1, "date"] = "31/12/2024"  # day-first, in the last slice only
    frame.to_csv(path, index=False)
    df, report = nt.read_survey(path, on_invalid="exclude")
    # the column's format is ISO 8601: the one date written otherwise is listed, not guessed
    assert pd.isna(df["date"].iloc[-1])
    # named by its row in the file (the header is row 1), as the exclusions are
    assert any(f"rows [{n + 1}], e.g. ['31/12/2024']" in n_ for n_ in report.notes), report.notes
    assert (df["date"].iloc[:-1].dropna().to_numpy() == expected.dropna().to_numpy()[:-1]).all()


def test_large_utf8_file_with_a_byte_order_mark_takes_the_fast_path(tmp_path, monkeypatch):
    # Excel's "CSV UTF-8" starts with a BOM; past the 2 MB head it is still read by pyarrow
    # from the file, never decoded whole (the slow path is made to fail here to prove it)
    from nps_toolkit.loading import files

    rows = ['"Score; 0-10",Commentaire'] + [f"{i % 11},très bien {i}" for i in range(200_000)]
    path = tmp_path / "bom.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("utf-8-sig"))
    assert path.stat().st_size > 1 << 21

    def no_whole_decode(*args, **kwargs):
        raise AssertionError("the whole file was decoded")

    monkeypatch.setattr(files, "_decode", no_whole_decode)
    df, report = nt.read_survey(path)
    assert report.encoding == "utf-8-sig"
    assert len(df) == 200_000 and df["score"].iloc[12] == 1
    assert df["comment"].iloc[-1] == "très bien 199999"


def test_csv_reader_allocates_in_jemalloc_unless_the_user_chose_a_pool(monkeypatch):
    """The large-file reader's pool (steadier kernel time than mimalloc's huge pages, see
    benchmarks/README.md): jemalloc where pyarrow has it, the user's choice respected."""
    import pyarrow as pa

    from nps_toolkit.loading.bodies import _reader_pool

    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    pool = _reader_pool()
    if "jemalloc" in pa.supported_memory_backends():
        assert pool is not None and pool.backend_name == "jemalloc"
    else:
        assert pool is None
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "system")
    assert _reader_pool() is None


@pytest.mark.parametrize(("cells", "utc"), [
    (["2025/03/04 10:11:12 PM GMT+1", "2025/03/05 9:00:00 AM GMT+1"],
     ["2025-03-04 21:11:12", "2025-03-05 08:00:00"]),
    (["2025/06/30 11:30:00 PM GMT+2", "2025/07/01 12:30:00 AM GMT+2"],
     ["2025-06-30 21:30:00", "2025-06-30 22:30:00"]),
    (["2025-03-04 10:00 UTC-05:30", "2025-03-04 10:00 GMT-5"],
     ["2025-03-04 15:30:00", "2025-03-04 15:00:00"]),
    (["2025/03/04 10:11:12 PM GMT+1", "2025/03/04 10:11:12 PM GMT-3"],
     ["2025-03-04 21:11:12", "2025-03-05 01:11:12"]),
])
def test_gmt_offsets_keep_their_sign(cells, utc):
    """Google Forms writes 'GMT+1' for one hour ahead of UTC; dateutil's POSIX reading took
    it as one hour behind (issue 24)."""
    df, _ = nt.read_survey(pd.DataFrame({"score": [9] * len(cells), "date": cells}))
    got = df["date"].dt.tz_convert("UTC").dt.tz_localize(None)
    assert got.tolist() == pd.to_datetime(utc).tolist()
    from nps_toolkit._frames.periods import parse_dates

    parsed = parse_dates(pd.Series(cells), column="date").dt.tz_convert("UTC")
    assert parsed.dt.tz_localize(None).tolist() == pd.to_datetime(utc).tolist()


def test_one_offset_file_keeps_that_offset():
    df, _ = nt.read_survey(pd.DataFrame({"score": [9, 3], "date": [
        "2025/06/30 11:30:00 PM GMT+2", "2025/07/01 8:00:00 AM GMT+2"]}))
    assert str(df["date"].dt.tz) == "UTC+02:00"
    assert df["date"].dt.month.tolist() == [6, 7]  # the month as the respondent lived it


def test_day_first_stamps_across_a_change_of_summer_time_stay_day_first(tmp_path):
    """A Google Forms export in a day-first locale spanning the end of summer time writes
    "08/11/2024 7:15:02 GMT+2" and "23/11/2024 7:15:02 GMT+1": the two offsets sent the
    column to UTC through a per-value reading that forgot the order, and "08/11/2024" became
    11 August, silently. One order for the column, offsets or not; month-first stays
    month-first. ``scan`` reads the clock time written, without the offset, said."""
    days = [23, 8, 3, 9, 12, 22, 13, 30, 1, 2]
    cells = [f"{d:02d}/{10 if d > 25 else 11}/2024 7:15:02 GMT{'+2' if d > 25 else '+1'}"
             for d in days]
    df = pd.DataFrame({"Marca temporal": cells, "nps": range(10)})
    out, report = nt.read_survey(df)
    got = out["date"].dt.tz_convert("UTC")
    assert got.dt.month.tolist() == [10 if d > 25 else 11 for d in days]
    assert got.dt.day.tolist() == days
    assert any("mixes time zones: converted to UTC" in n for n in report.notes)
    us = df.assign(**{"Marca temporal": [f"11/{d:02d}/2024 7:15:02 GMT{o}" for d, o in
                                         zip(days, ["-5", "-4"] * 5, strict=True)]})
    assert nt.read_survey(us)[0]["date"].dt.tz_convert("UTC").dt.day.tolist() == days
    path = tmp_path / "forms.csv"
    df.to_csv(path, index=False)
    rel, report = nt.scan(path)
    dates = rel.df()["date"]
    assert dates.dt.day.tolist() == days and dates.dt.hour.tolist() == [7] * 10
    assert any("carry a UTC offset (GMT+1, GMT+2)" in n for n in report.notes)
    forms = pd.DataFrame({"Timestamp": ["2024/11/13 1:15:02 AM GMT+1",
                                        "2024/11/14 5:15:02 PM GMT+1"], "nps": [9, 3]})
    forms.to_csv(path, index=False)
    rel, report = nt.scan(path)
    assert rel.df()["date"].tolist() == pd.to_datetime(["2024-11-13 01:15:02",
                                                        "2024-11-14 17:15:02"]).tolist()
    assert not any("do not read that way" in n for n in report.notes)


def test_unreadable_date_is_named_by_its_file_row(tmp_path):
    path = tmp_path / "x.csv"
    pd.DataFrame({"score": ["", "9", "8", "7"],
                  "date": ["2025-01-01", "2025-01-02", "soon", "2025-01-04"]}).to_csv(
        path, index=False)
    _, report = nt.read_survey(path, on_invalid="exclude")
    assert report.excluded == {"blank score": [2]}
    # "soon" is on line 4 of the file (header, blank score, 2025-01-02, soon)
    assert any("rows [4]" in n and "'soon'" in n for n in report.notes), report.notes


@pytest.mark.parametrize("n", [2, 6, 12, 120])
@pytest.mark.parametrize("title", [False, True])
def test_short_semicolon_export_with_decimal_commas_keeps_its_header(tmp_path, n, title):
    """Issue 24: a 6-row German export (';', cp1252, amounts '12,50', comments with commas)
    lost its header to the title-row detector; 120 rows read right."""
    rng = np.random.default_rng(n)
    comments = ["Sehr gut", '"Zu teuer, leider"', "Geht so", "Lieferung kam spät, schade",
                "Gut", ""]
    lines = (["NPS-Export Februar 2025"] if title else []) + \
        ["Kunde;Datum;Bewertung;Kommentar;Umsatz"] + [
        f"K{i:03d};{i % 28 + 1:02d}.02.2025;{i % 11};{comments[i % 6]};"
        f"{rng.choice(['120,50', '9,99', '1.200,00'])}" for i in range(n)]
    path = tmp_path / "kunden.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    df, report = nt.read_survey(path)
    assert report.delimiter == ";" and len(df) == n
    assert report.columns == {"score": "Bewertung", "comment": "Kommentar", "date": "Datum",
                              "customer_id": "Kunde"}
    assert df["score"].tolist() == [i % 11 for i in range(n)]
    assert any("skipped 1 row(s) above the header" in note for note in report.notes) == title


def test_german_export_where_a_sniffer_takes_the_comma(tmp_path):
    # csv.Sniffer on the last five lines picks ',' here (one in every line); the header,
    # a single field under ',', was then skipped as a title row
    lines = ["Kunde;Datum;Bewertung;Kommentar;Umsatz",
             'K000;01.02.2025;7;"Zu teuer, leider";9,99',
             "K001;02.02.2025;3;Geht so;9,99",
             "K002;03.02.2025;5;Geht so;1.200,00",
             "K003;04.02.2025;10;Lieferung kam spät, schade;",
             "K004;05.02.2025;3;Gut;120,50",
             "K005;06.02.2025;8;Sehr gut;9,99"]
    path = tmp_path / "kunden.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    df, report = nt.read_survey(path)
    assert report.delimiter == ";" and report.header_rows == 1
    assert df["score"].tolist() == [7, 3, 5, 10, 3, 8]
    assert df["comment"].iloc[3] == "Lieferung kam spät, schade"


def _workbook_with_formulas(path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["score", "comment"])
    ws.append([9, "a"])
    ws.append(["=4+5", "b"])  # written by a script: no saved value
    ws.append([None, "c"])
    ws.append([10, "d"])
    wb.save(path)


def test_xlsx_formula_without_saved_value_is_not_a_blank(tmp_path):
    """Issue 24: '=4+5' saved by a script (no cached value) was counted as a blank answer."""
    path = tmp_path / "scripted.xlsx"
    _workbook_with_formulas(path)
    with pytest.raises(nt.InvalidScoreError, match=r"row 3: '=4\+5'"):
        nt.read_survey(path)
    df, report = nt.read_survey(path, on_invalid="exclude")
    assert report.excluded == {"blank score": [4], "not a number": [3]}
    assert any("never calculated" in n and "A3 '=4+5'" in n for n in report.notes)
    assert df["score"].tolist() == [9, 10]


def test_xlsx_formula_with_saved_value_reads_the_value(tmp_path):
    """The same workbook as Excel saves it (the value stored beside the formula)."""
    import zipfile

    made = tmp_path / "made.xlsx"
    _workbook_with_formulas(made)
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(saved, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>4+5</f><v />" in data
                data = data.replace(b"<f>4+5</f><v />", b"<f>4+5</f><v>9</v>")
            dst.writestr(item, data)
    df, report = nt.read_survey(saved, on_invalid="exclude")
    assert df["score"].tolist() == [9, 9, 10]
    assert not any("never calculated" in n for n in report.notes)


SCORE_CELLS = ["9", " 10 ", "10/10", "10 - Extremely likely", "10 Extremely likely",
               "9 — Very likely", "0 (Not at all likely)", "7,0", "n/a", "", "N/A", "3",
               "3-4", "0-6", "9.5", "11", "-1", "4/5", "2 of 5", "ten", "10 out of 10",
               "Dix", "score 8", "Note: 6", "4 out of 5", "eleven", "zehn",
               # digits of other widths and scripts, labels before the number, units: read
               # by read_survey, refused by scan's engine past its sample
               "１０", "٩", "۷", "५", "๘", "Extremely likely - 10", "Not at all likely - 0",
               "(9)", "Very likely (9)", "평점9점", "5分", "7 points", "10 ⭐"]


def test_scan_reads_every_score_cell_as_read_survey_does(tmp_path):
    """Issue 24: scan counted '3-4' and '0-6' as 3 and 0 and lost labelled scores; the same
    rule now decides valid, blank and invalid in both, cell by cell."""
    import duckdb

    from nps_toolkit.loading.scanscores import _number_sql
    from nps_toolkit.loading.scores import _parse_scores

    values, kind = _parse_scores(pd.Series(SCORE_CELLS, dtype="string"))
    con = duckdb.connect()
    got = con.execute(f"SELECT {_number_sql('s')} FROM unnest(?) t(s)",
                      [SCORE_CELLS]).fetchall()
    for cell, v, k, (sql,) in zip(SCORE_CELLS, values, kind, got, strict=True):
        if k in (0, 3, 4):  # a number was read (valid, not whole, out of range): same number
            assert sql == pytest.approx(v), cell
        elif k == 2:
            assert sql is None, cell


def test_scan_refuses_another_scale_and_maps_it_with_scale(tmp_path):
    """scan read 1-5 star ratings as 0-10 answers: on 45 real Korean review exports and a
    CSAT file read_survey refuses, scan gave an NPS of -100 (everyone a detractor),
    silently. It refuses them with read_survey's words, and ``scale=`` maps them in the
    engine to the NPS read_survey gives with the same table, numbers or words."""
    rng = np.random.default_rng(47)
    n = 300
    stars = rng.integers(1, 6, n)
    path = tmp_path / "reviews.csv"
    pd.DataFrame({"rating": stars, "review": ["fine"] * n}).to_csv(path, index=False)
    with pytest.raises(nt.InvalidScoreError, match=r"1-5 rating.*scan\(\.\.\., scale="):
        nt.scan(path)
    table = {1: 0, 2: 3, 3: 5, 4: 8, 5: 10}
    relation, report = nt.scan(path, scale=table)
    expected = nt.summarize(nt.read_survey(path, scale=table)[0])
    got = nt.summarize(relation)
    assert int(got["n"].item()) == n and got["nps"].item() == pytest.approx(
        expected["nps"].item())
    assert any("scale=" in note for note in report.notes)
    # an answer the table leaves out stops the count, or is a missing score when asked
    with pytest.raises(nt.InvalidScoreError, match="scale= does not map"):
        nt.scan(path, scale={1: 0, 2: 3, 3: 5, 4: 8})
    relation, _ = nt.scan(path, scale={1: 0, 2: 3, 3: 5, 4: 8}, on_invalid="exclude")
    assert int(nt.summarize(relation)["n"].item()) == int((stars < 5).sum())
    # answers in words
    words = np.array(["Poor", "Fair", "Good", "Very good", "Excellent"])[stars - 1]
    pd.DataFrame({"rating": words}).to_csv(path, index=False)
    named = {"poor": 0, "fair": 3, "good": 5, "very good": 8, "excellent": 10}
    relation, _ = nt.scan(path, score="rating", scale=named)
    assert nt.summarize(relation)["nps"].item() == pytest.approx(expected["nps"].item())


@pytest.mark.parametrize("way", ["unix", "unix_ms", "serial", "compact"])
def test_scan_reads_dates_written_as_numbers_as_read_survey_does(tmp_path, way):
    """A date column of Unix times stopped scan with a DuckDB type error ('trim(BIGINT)'):
    the engine types it as numbers. It is read as read_survey reads its sample (Unix
    seconds or milliseconds, Excel day numbers, yyyymmdd), said with an example."""
    days = pd.date_range("2024-01-05 10:30", periods=40, freq="37h")
    if way == "serial":
        days = days.normalize()
    written = {"unix": (days - pd.Timestamp(0)) // pd.Timedelta("1s"),
               "unix_ms": (days - pd.Timestamp(0)) // pd.Timedelta("1ms"),
               "serial": (days - pd.Timestamp("1899-12-30")).days,
               "compact": days.strftime("%Y%m%d").astype(int)}[way]
    path = tmp_path / "dated.csv"
    pd.DataFrame({"created_at": written, "score": np.arange(40) % 11}).to_csv(path,
                                                                             index=False)
    df, _ = nt.read_survey(path)
    relation, report = nt.scan(path)
    got = pd.to_datetime(relation.df()["date"])
    assert (got.to_numpy() == df["date"].to_numpy()).all()
    assert any("read as such (e.g." in note for note in report.notes)


def test_scan_reads_an_excel_sep_line_and_a_bare_gmt(tmp_path):
    """Two Google Forms and Excel shapes that stopped scan (a parser error, and pandas'
    "Mixed timezones"): a first line "sep=;" naming the delimiter, and a time in the
    winter written "GMT" beside summer's "GMT+1"."""
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\nDate;Customer;NPS\n" + "".join(
        f"2025-01-{d:02d};C{d};{d % 11}\n" for d in range(1, 29)))
    relation, _ = nt.scan(path)
    df, _ = nt.read_survey(path)
    assert nt.summarize(relation)["nps"].item() == pytest.approx(
        nt.summarize(df)["nps"].item())
    assert relation.df()["customer_id"].tolist() == df["customer_id"].tolist()
    stamps = ["2023/03/03 12:03:33 AM GMT", "2023/07/04 3:33:15 PM GMT+1"] * 12
    path = tmp_path / "forms.csv"
    pd.DataFrame({"Timestamp": stamps, "How likely are you to recommend us?": [9, 3] * 12}
                 ).to_csv(path, index=False)
    relation, _ = nt.scan(path)
    got = pd.to_datetime(relation.df()["date"]).head(2).tolist()
    assert got == [pd.Timestamp("2023-03-03 00:03:33"), pd.Timestamp("2023-07-04 15:33:15")]


def test_scan_refuses_a_column_per_wave_unless_one_is_named(tmp_path):
    """scan read the first wave's column of a one-row-per-customer file as the score and
    left the others out, silently: on a real file of four months, 245 answers of 947 and
    an NPS 23 points off read_survey's. It stops and says how to read the waves; a wave
    named with score= is read alone."""
    rng = np.random.default_rng(48)
    n = 200
    s15 = np.where(rng.random(n) < 0.3, np.nan, rng.integers(0, 11, n))
    s16 = np.where(rng.random(n) < 0.3, np.nan, rng.integers(0, 11, n))
    path = tmp_path / "w.csv"
    pd.DataFrame({"ACCT_ID": np.arange(n), "NPS_SCORE_2015": s15,
                  "NPS_SCORE_2016": s16}).to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"columns of their own \('NPS_SCORE_2015', "
                                         r"'NPS_SCORE_2016'\).*read_survey.*UNPIVOT"):
        nt.scan(path)
    relation, _ = nt.scan(path, score="NPS_SCORE_2016")
    assert int(nt.summarize(relation)["n"].item()) == int(np.isfinite(s16).sum())


def test_scan_says_the_repeated_responses_read_survey_leaves_out(tmp_path):
    # 1 to 19 rows per real export repeated a response id: read_survey left them out
    # (said), scan counted them, and their n differed without a word
    path = tmp_path / "r.csv"
    ids = [f"R{i}" for i in range(30)] + ["R3", "R7"]
    pd.DataFrame({"ResponseId": ids, "score": [9, 3, 7] * 10 + [3, 7]}).to_csv(path,
                                                                               index=False)
    assert len(nt.read_survey(path)[1].excluded["duplicate response"]) == 2
    relation, report = nt.scan(path)
    assert int(nt.summarize(relation)["n"].item()) == 32
    assert any("2 of the sample's rows repeat an earlier response (rows [32, 33])" in n
               for n in report.notes)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "latin-1"])
def test_scan_reads_excel_s_unicode_text_and_windows_csv(tmp_path, encoding):
    """Excel's "Unicode text" (UTF-16, tabs) and a Windows CSV stopped scan with DuckDB's
    "not utf-8 encoded": read_survey detected their encoding, scan did not look. It reads
    them as read_survey does."""
    df = pd.DataFrame({"Score": [9, 3, 10, 7, 8] * 6,
                       "Commentaire": ["très bien", "déçu", "génial", "ça va", "pas mal"] * 6})
    path = tmp_path / "export.csv"
    df.to_csv(path, index=False, encoding=encoding, sep="\t" if encoding == "utf-16" else ",")
    relation, report = nt.scan(path)
    assert relation.df()["comment"].tolist() == nt.read_survey(path)[0]["comment"].tolist()
    assert report.encoding == encoding.replace("latin-1", "cp1252")


@pytest.mark.parametrize(("encoding", "sep", "words"), [
    ("cp949", ",", ["배송이 빨라요, 좋아요", "별로예요"]),
    ("cp1252", ";", ["prix 10 € “top”", "déçu… trop cher"]),
    ("cp1251", ";", ["Отличный сервис", "Дорого, медленно"]),
    ("cp1250", ";", ["Odlična usluga, brza dostava", "Źle, zbyt drogo"]),
    ("shift_jis", ",", ["とても良い", "配送が遅い"]),
    ("gb18030", ",", ["质量很好，包装不错", "太贵了"]),
])
def test_scan_converts_code_pages_duckdb_lacks(tmp_path, monkeypatch, encoding, sep, words):
    """Excel's CSV in Seoul (cp949), Paris with a euro sign or curly quotes (cp1252), Moscow,
    Zagreb, Tokyo, Beijing: DuckDB reads them only with an extension not installable offline
    (and built for one release), so scan stopped. It now converts them to UTF-8 in a
    streamed temporary copy (here 5 bytes at a time, so characters split between reads) and
    reads what read_survey reads: the same comments, n and NPS, the conversion said; also
    gzip-compressed and in hive-partitioned folders."""
    import gzip

    from nps_toolkit.loading import scanfiles

    monkeypatch.setattr(scanfiles, "_CHUNK", 5)
    df = pd.DataFrame({"Score": [9, 3, 10, 6, 8] * 8, "Comment": (words * 20)[:40]})
    path = tmp_path / "export.csv"
    df.to_csv(path, index=False, encoding=encoding, sep=sep)
    relation, report = nt.scan(path)
    read = nt.read_survey(path)[0]
    assert relation.df()["comment"].tolist() == read["comment"].tolist() == df["Comment"].tolist()
    assert nt.summarize(relation)[["n", "nps"]].equals(nt.summarize(read)[["n", "nps"]])
    assert report.encoding == encoding
    assert any(f"encoded {encoding}, which DuckDB does not read: converted to UTF-8" in n
               for n in report.notes)
    folder = tmp_path / "waves"
    for year in (2024, 2025):
        (folder / f"year={year}").mkdir(parents=True)
        with gzip.open(folder / f"year={year}" / "part.csv.gz", "wb") as fh:
            fh.write(df.to_csv(index=False, sep=sep).encode(encoding))
    relation, _ = nt.scan(folder)
    counted = relation.aggregate("year, count(*) AS n, count(comment) AS c").df()
    assert sorted(map(tuple, counted.to_numpy().tolist())) == [(2024, 40, 40), (2025, 40, 40)]


def test_scan_names_the_byte_a_code_page_cannot_have(tmp_path):
    """A file whose first megabyte reads as one code page but holds later a byte that
    code page cannot have stops, naming the file and the byte's position."""
    path = tmp_path / "export.csv"
    body = "Score,Comment\n" + "9,좋아요\n" * 150_000  # 1.5 MB
    path.write_bytes(body.encode("cp949") + b"3,\xff\xff\n")
    with pytest.raises(ValueError, match=rf"{path.name}: the byte at position "
                       rf"{len(body.encode('cp949')) + 2:,} cannot be cp949"):
        nt.scan(path)


@pytest.mark.parametrize(("first", "said"), [("web", "UTF-8"), ("wéb", "Latin-1")])
def test_scan_says_which_line_is_not_in_the_encoding_of_the_first_megabyte(tmp_path, first,
                                                                           said):
    """A Windows export whose first megabyte is plain ASCII (or Latin-1 without a euro
    sign) and which holds "café €" further down: DuckDB stopped with its own "not utf-8
    encoded" while counting (or "not latin-1 encoded" at once). The error names the line and
    scan's ``encoding=``, which
    reads the file (converted to UTF-8, said), as read_survey reads all of it."""
    path = tmp_path / "export.csv"
    path.write_bytes(("score,channel\n" + f"9,{first}\n3,shop\n" * 110_000
                      + "3,café €\n").encode("cp1252"))
    line = "line 220,002 " if said == "UTF-8" else ""  # (DuckDB's Latin-1 check names none)
    with pytest.raises(ValueError, match=rf"{line}holds bytes that are not {said}.*"
                       r"encoding='cp1252'"):
        nt.summarize(nt.scan(path)[0], by="channel")
    relation, report = nt.scan(path, encoding="cp1252")
    got = nt.summarize(relation, by="channel")[["channel", "n", "nps"]]
    want = nt.summarize(nt.read_survey(path)[0], by="channel")[["channel", "n", "nps"]]
    assert got.equals(want) and "café €" in got["channel"].tolist()
    assert any("given cp1252, which DuckDB does not read: converted" in n for n in report.notes)
    with pytest.raises(ValueError, match="encoding='klingon' is not an encoding"):
        nt.scan(path, encoding="klingon")


def test_scan_names_the_cell_past_the_typed_rows_that_stops_the_count(tmp_path):
    """DuckDB types a CSV's columns on its first 20,480 rows: an ``N/A`` score further down,
    or the header again where exports were joined, stopped the count with DuckDB's
    "Could not convert string". The error names file, line, column and cell, says when the
    line repeats the header, and the ways on; read_survey reads both files."""
    rng = np.random.default_rng(92)

    def part(n: int) -> pd.DataFrame:
        return pd.DataFrame({"score": rng.integers(0, 11, n), "channel": "web"})

    joined = tmp_path / "joined.csv"
    joined.write_text(part(30_000).to_csv(index=False) + part(100).to_csv(index=False))
    with pytest.raises(ValueError, match=r"joined\.csv, line 30,002: column 'score' holds "
                       r"'score', but DuckDB typed the column BIGINT .*repeats the header"):
        nt.summarize(nt.scan(joined)[0])
    assert len(nt.read_survey(joined)[0]) == 30_100
    blank = part(30_000).astype({"score": object})
    blank.loc[25_000, "score"] = "N/A"
    path = _csv(tmp_path, blank, "blank.csv")
    with pytest.raises(ValueError, match=r"line 25,002: column 'score' holds 'N/A'"):
        nt.summarize(nt.scan(path)[0], by="channel")
    assert nt.read_survey(path)[1].excluded == {"blank score": [25_002]}


def test_scan_leaves_out_empty_files_and_stops_on_nothing_but_empty_ones(tmp_path):
    """An empty CSV (a failed export, a placeholder) stopped scan with pandas'
    "No columns to parse from file"; in a folder it broke the layout read of the first
    file. It is left out and named; a source of nothing else stops as read_survey does."""
    empty = tmp_path / "parts" / "a_empty.csv"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    with pytest.raises(ValueError, match=r"a_empty\.csv is empty"):
        nt.scan(empty)
    with pytest.raises(ValueError, match=r"a_empty\.csv is empty"):
        nt.read_survey(empty)
    _csv(empty.parent, pd.DataFrame({"score": [9, 10, 3] * 10}), "b.csv")
    relation, report = nt.scan(empty.parent)
    assert int(nt.summarize(relation)["n"].item()) == 30
    assert any("1 empty file(s) left out: " in n and "a_empty.csv" in n for n in report.notes)


def test_scan_stops_or_excludes_invalid_scores_like_read_survey(tmp_path):
    valid = SCORE_CELLS[:12]  # nine scores and three blanks
    path = tmp_path / "export.csv"
    pd.DataFrame({"score": valid * 3 + ["3-4"], "comment": "x"}).to_csv(path, index=False)
    with pytest.raises(nt.InvalidScoreError, match=r"row 38: '3-4'"):
        nt.read_survey(path)
    with pytest.raises(nt.InvalidScoreError, match=r"row 38: '3-4'"):
        nt.scan(path)  # in the sample: the same error
    rel, _ = nt.scan(path, sample_rows=10)  # past the sample: stops when counting
    with pytest.raises(nt.InvalidScoreError, match='holds "3-4"'):
        nt.summarize(rel)
    rel, report = nt.scan(path, on_invalid="exclude")
    df, _ = nt.read_survey(path, on_invalid="exclude")
    a, b = nt.summarize(rel), nt.summarize(df)
    assert a["n"].item() == b["n"].item() == 27 and a["nps"].item() == b["nps"].item()
    assert any("rows [38]" in n for n in report.notes)


RECOMMEND_QUESTIONS = {
    "en": "How likely is it that you would recommend Acme to a friend or colleague?",
    "de": "Wie wahrscheinlich ist es, dass Sie Acme einem Freund oder Kollegen "
          "weiterempfehlen?",
    "de-würden": "Wie wahrscheinlich ist es, dass Sie uns Freunden empfehlen würden?",
    "fr": "Quelle est la probabilité que vous recommandiez Acme à un ami ou un collègue ?",
    "fr-cond": "Recommanderiez-vous Acme à vos proches ? (0 à 10)",
    "es": "¿Qué probabilidad hay de que recomiende Acme a un amigo o colega?",
    "es-cond": "¿Con qué probabilidad recomendaría Acme a un amigo?",
    "ru": "Насколько вероятно, что вы порекомендуете Acme другу или коллеге?",
    "ko": "Acme을(를) 친구나 동료에게 추천할 가능성은 얼마나 됩니까?",
    "zh": "您向朋友或同事推荐Acme的可能性有多大？",
    "zh-hant": "您向朋友或同事推薦Acme的可能性有多大？",
    "hr": "Koliko je vjerojatno da biste preporučili Acme prijatelju ili kolegi?",
}


@pytest.mark.parametrize("lang", sorted(RECOMMEND_QUESTIONS))
def test_the_standard_recommend_question_is_found_in_every_language(lang, tmp_path):
    """Issue 24: '...weiterempfehlen?' was not detected; the usual wording of the question in
    each of the seven languages, as a column among other 0-10 and 1-10 numbers."""
    question = RECOMMEND_QUESTIONS[lang]
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"Alter": rng.integers(18, 80, 60),
                          "Zufriedenheit (1-10)": rng.integers(1, 11, 60),
                          question: rng.integers(0, 11, 60)})
    path = tmp_path / "export.csv"
    frame.to_csv(path, index=False, encoding="utf-8")
    df, report = nt.read_survey(path)
    assert report.columns["score"] == question
    assert df["score"].tolist() == frame[question].tolist()


def test_dates_that_cannot_be_answer_dates_are_listed_not_used(tmp_path):
    """A 1900-01-01 placeholder or a year typed 2205 stretched a monthly trend over centuries
    without a word; they become missing dates, named by file row."""
    path = tmp_path / "x.csv"
    pd.DataFrame({"score": [9, 8, 3, 10, 7],
                  "date": ["2025-01-03", "2025-01-04", "1900-01-01", "2025-01-05",
                           "2205-01-06"]}).to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert df["date"].isna().tolist() == [False, False, True, False, True]
    assert len(df) == 5  # the answers are kept
    assert any("cannot be answer dates" in n and "rows [4, 6]" in n for n in report.notes)
    assert len(nt.trend(df, freq="M")) == 1


@pytest.mark.parametrize(("values", "words"), [
    (list(range(0, 101, 5)) * 5, "holds numbers from 0 to 100"),
    (["★★★★★", "★★★", "★"] * 20, "holds mostly text, e.g. ['★★★★★', '★★★', '★']"),
])
def test_a_score_column_on_another_scale_says_what_it_holds(values, words):
    """Named 'NPS' but 0-100 or stars: the error named no column ('no column is named like
    NPS'); it now says what the column holds and how to map it."""
    with pytest.raises(nt.ColumnNotFoundError, match="column 'NPS' is named like the score") \
            as err:
        nt.read_survey(pd.DataFrame({"NPS": values}))
    assert words in str(err.value) and "scale=" in str(err.value)



@pytest.mark.parametrize(("lang", "encoding"), [
    ("ru", "cp1251"), ("ru", "koi8-r"), ("zh", "gbk"), ("ko", "cp949"), ("fr", "cp1252"),
    ("de", "cp1252"), ("es", "cp1252")])
@pytest.mark.parametrize("rows", [5, 40, 150])
def test_legacy_code_pages_of_each_language_are_read(lang, encoding, rows, tmp_path):
    """A CSV saved by Excel in Moscow (cp1251), Beijing (GBK) or Seoul (cp949) was decoded as
    cp1252: every comment mojibake, silently (issue 24, encodings). The sample's comments of
    each language, saved in that language's code page."""
    from nps_toolkit.text import detect_language

    sample = nt.load_sample()
    langs = detect_language(sample["comment"].fillna(""))
    sub = sample.loc[langs == lang, ["score", "comment"]]
    ok = sub["comment"].map(lambda c: _encodable(c, encoding))
    sub = sub[ok].head(rows)
    path = tmp_path / f"{lang}.csv"
    path.write_bytes(sub.to_csv(index=False).encode(encoding))
    df, report = nt.read_survey(path)
    assert df["comment"].tolist() == sub["comment"].tolist()
    assert report.encoding in {encoding, {"gbk": "gb18030"}.get(encoding, encoding)}


def _encodable(text, encoding):
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(("encoding", "sep", "text"), [
    ("cp1250", ";", "Ocjena;Komentar\n9;Odlična usluga, brza dostava\n3;Spora isporuka, loše\n"
                    "10;Sve je bilo super\n"),
    ("cp1250", ";", "score;comment\n9;Świetna obsługa, szybka dostawa\n3;Źle, zbyt drogo\n"),
    ("big5", ",", "評分,評論\n9,服務很好\n3,送貨太慢\n10,非常滿意\n"),
    ("shift_jis", ",", "score,comment\n9,とても良いサービス\n3,配送が遅い\n"),
])
def test_other_code_pages_are_read(encoding, sep, text, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(text.encode(encoding))
    df, report = nt.read_survey(path)
    assert report.encoding == encoding
    assert df["comment"].tolist() == [line.split(sep, 1)[1] for line in text.splitlines()[1:]]


def test_byte_0x80_beside_a_number_is_the_euro_sign_in_a_latin1_file(tmp_path):
    """Issue 25: the DOS repair turned '15€' (cp1252 byte 0x80) into '15Ç'."""
    body = ("score;comment\n9;" + "tr\x8as bien" + "\n3;15\x80 trop cher\n4;prix 15,50 \x80\n"
            "8;\x80 20 de r\x82duction\n2;d\x82\x87u\n7;Z\x81rich\n")
    path = tmp_path / "x.csv"
    # a Latin-1 file with DOS letters (0x81 is not cp1252): 0x82 is é in cp850, 0x80 € in
    # cp1252
    path.write_bytes(body.encode("latin-1"))
    df, report = nt.read_survey(path)
    assert df["comment"].tolist() == ["très bien", "15€ trop cher", "prix 15,50 €",
                                      "€ 20 de réduction", "déçu", "Zürich"]
    assert any("euro sign" in n and "3 cell(s)" in n for n in report.notes)


@pytest.mark.parametrize(("name", "cells", "found"), [
    ("CUSTOMER_RESPONSE_DATE", ["11/04/2018 20:09", "13/04/2018 08:15", "02/05/2018 10:00"] * 3,
     "name and content"),
    ("Date de réponse", ["2025-03-01", "2025-03-02", "2025-03-05"] * 3, None),
    ("Fecha de envío", ["01/03/2025", "15/03/2025", "30/03/2025"] * 3, "name and content"),
    ("Antwortdatum", ["01.03.2025", "15.03.2025", "30.03.2025"] * 3, None),
    ("when", ["2025-03-01 10:00", "2025-03-02 11:30", "2025-03-05 09:15"] * 3, "content"),
])
def test_date_columns_found_by_compound_names_and_by_content(name, cells, found):
    """Issue 25: a UK telecom export's CUSTOMER_RESPONSE_DATE (day first) was not detected, so
    the whole trend review was skipped."""
    df = pd.DataFrame({"NPS_SCORE": [9, 3, 10] * 3, name: cells, "STAGE": ["a", "b", "c"] * 3})
    out, report = nt.read_survey(df)
    assert report.columns["date"] == name
    assert out["date"].notna().all()
    if found:
        assert any(f"found by its {found}" in n for n in report.notes)
    if name == "CUSTOMER_RESPONSE_DATE":
        assert out["date"].iloc[0] == pd.Timestamp("2018-04-11 20:09")  # day first


def test_no_date_column_is_invented():
    df = pd.DataFrame({"score": [9, 3, 10] * 3, "code": ["12-34", "1.2.3", "x"] * 3,
                       "version": ["1.2.2025"] * 8 + ["n/a"]})
    _, report = nt.read_survey(df)
    assert "date" not in report.columns


def test_numeric_text_ids_are_seen_unique_without_hashing():
    """Issue 28: response ids read as text ("9", "10", ...) increase as numbers, not as text;
    they are seen distinct by one comparison of neighbours as integers. Answers unchanged:
    leading zeros, repeats and non-numbers still go through the full check."""
    from nps_toolkit.loading.columns import _is_unique

    def text(values):
        return pd.Series(values, dtype="string[pyarrow]")

    assert _is_unique(text([str(i) for i in range(5, 200_000)]))
    assert not _is_unique(text(["1", "2", "3", "2"]))
    assert _is_unique(text(["007", "7", "8"]))  # distinct as written
    assert not _is_unique(text(["9", "10", "10"]))
    assert _is_unique(text(["9", "10", "x1"]))


def test_numeric_sample_rejects_words_on_the_first_cell_as_the_full_check_does():
    """Issue 28: a column's first filled cell is tried alone before its first 1,000 (a
    column of words fails there, ~1 ms saved per text column of a wide export); the answer
    is the full check's for every kind of head."""
    from nps_toolkit.loading.infer import _numeric_sample

    text = pd.StringDtype("pyarrow", na_value=np.nan)

    def full(values: list) -> bool:
        s = pd.Series(values, dtype=text)
        head = s.head(4000).dropna().head(1000)
        if len(head) < 1000 and len(s) > 4000:  # blanks at the top: the first filled cells
            head = s.dropna().head(1000)
        return bool(len(head)) and bool(pd.to_numeric(head, errors="coerce").notna().all())

    cases = [["Agree"] * 5000, ["5"] * 5000, [" 5", "1e3", "+5", "inf"] * 1000,
             ["5"] * 10 + ["Agree"] * 10, ["nan"] + ["5"] * 100, ["0x1F"] * 10,
             [None] * 4500 + ["7"] * 600, [None] * 4500 + ["Agree"] * 600, [None] * 10,
             ["1_000"] * 3, ["NA"] + ["1"] * 9, ["True"] * 3, ["١٢"] * 3]
    for values in cases:
        s = pd.Series(values, dtype=text)
        assert _numeric_sample(s) == full(values), values[:3]


def spss_export(path: Path, n: int = 400, seed: int = 5) -> pd.DataFrame:
    """A Qualtrics-like SPSS export: the 0-10 question coded 1-11 by its position, labelled
    "0 - Not at all likely" ... "10 - Extremely likely", a "Don't know" coded 12 and not
    declared missing; a region and age bands read by their labels; a 1-5 satisfaction with
    words on its ends only; a customer number; 99 declared missing; blank comments. Returns
    the answers as the respondents gave them (score 0-10, or None for "Don't know")."""
    import pyreadstat

    rng = np.random.default_rng(seed)
    answer = rng.integers(0, 11, n).astype(float)
    code = answer + 1
    code[:3] = 12  # "Don't know"
    region = rng.choice([1.0, 2.0, 3.0, 99.0], n, p=[0.4, 0.3, 0.25, 0.05])
    df = pd.DataFrame({
        "ResponseId": [f"R_{i:06d}" for i in range(n)],
        "StartDate": pd.Timestamp("2025-03-01") + pd.to_timedelta(rng.integers(0, 90, n),
                                                                   unit="D"),
        "CustNo": rng.integers(10_000, 99_999, n).astype(float),
        "Q1": code, "Q2": np.where(np.arange(n) % 5 == 0,  # some written once, as people do
                       [f"room {i} was cold" for i in range(n)],
                       rng.choice(["great staff", "slow check-in", ""], n)),
        "Region": region, "Age": rng.choice([1.0, 2.0, 3.0], n),
        "Q5": rng.integers(1, 6, n).astype(float)})
    labels = {float(i + 1): f"{i} - Not at all likely" if i == 0 else
              f"{i} - Extremely likely" if i == 10 else str(i) for i in range(11)}
    pyreadstat.write_sav(
        df, str(path), compress=path.suffix == ".zsav",
        column_labels={"Q1": "How likely are you to recommend us to a friend or colleague?",
                       "Q2": "What is the most important reason for your score?",
                       "Q5": "How satisfied are you with your room?"},
        variable_value_labels={"Q1": {**labels, 12.0: "Don't know"},
                               "Region": {1.0: "North", 2.0: "South", 3.0: "East",
                                          99.0: "No answer"},
                               "Age": {1.0: "18-24", 2.0: "25-34", 3.0: "35+"},
                               "Q5": {1.0: "Very dissatisfied", 5.0: "Very satisfied"}},
        missing_ranges={"Region": [99.0]},
        variable_format={"CustNo": "F8.0", "Q1": "F2.0", "Region": "F2.0", "Age": "F2.0",
                         "Q5": "F2.0"})
    return pd.DataFrame({"score": np.where(code == 12, np.nan, answer)})


@pytest.mark.parametrize("suffix", [".sav", ".zsav"])
def test_spss_export_is_read_by_its_labels(tmp_path, suffix):
    """An SPSS export's 0-10 question coded 1-11 is read as the answers its value labels
    name (read as codes, every score would be a point too high and the 10s out of range);
    the question is found by its variable label; words-only labels give text, scale anchors
    keep the codes; a code labelled with words only is reported, not scored; SPSS
    user-missing values are missing; case numbers name the rows."""
    truth = spss_export(tmp_path / f"hotel{suffix}")
    df, report = nt.read_survey(tmp_path / f"hotel{suffix}", on_invalid="exclude")
    assert report.file_format == "spss" and report.columns["score"] == "Q1"
    assert report.columns["comment"] == "Q2" and report.columns["date"] == "StartDate"
    expected = truth["score"].dropna()
    assert nt.score(df).nps == pytest.approx(nt.score(expected).nps)
    assert sorted(df["score"].unique()) == list(range(11))
    # "Don't know" (a code labelled with words only) is no score: blank, by case number
    assert {1, 2, 3} <= set(report.excluded["blank score"])
    assert "not a number" not in report.excluded
    assert any("'Q1'" in n and "code 1 is the answer 0" in n for n in report.notes)
    assert set(df["Region"].dropna()) == {"North", "South", "East"}  # 99 declared missing
    assert df["Region"].isna().any() and "No answer" not in set(df["Region"].dropna())
    assert set(df["Age"]) == {"18-24", "25-34", "35+"}  # number-like labels, not numbers
    assert df["Q5"].between(1, 5).all() and pd.api.types.is_numeric_dtype(df["Q5"])
    # the customer number is the customer id, read whole (10042, not 10042.0)
    assert report.columns["customer_id"] == "CustNo"
    assert not df["customer_id"].astype(str).str.contains(r"\.").any()
    assert df["comment"].isna().any() and not df["comment"].eq("").any()
    _, default = nt.read_survey(tmp_path / f"hotel{suffix}")  # no error by default either
    assert any("said no score (\"Don't know\")" in n for n in default.notes)


def test_spss_labels_that_agree_with_their_codes_change_nothing(tmp_path):
    """A 0-10 question coded 0-10 with labels "0" ... "10" is read as coded, with no note;
    a broken file says so."""
    import pyreadstat

    df = pd.DataFrame({"NPS": [0.0, 9.0, 10.0, 7.0]})
    pyreadstat.write_sav(df, str(tmp_path / "ok.sav"),
                         variable_value_labels={"NPS": {float(i): str(i) for i in range(11)}})
    got, report = nt.read_survey(tmp_path / "ok.sav")
    assert got["score"].tolist() == [0, 9, 10, 7]
    assert not any("SPSS" in n for n in report.notes)
    (tmp_path / "broken.sav").write_bytes(b"$FL2@(#) IBM SPSS STATISTICS" + b"\0" * 40)
    with pytest.raises(ValueError, match=r"could not be read as an SPSS \.sav file"):
        nt.read_survey(tmp_path / "broken.sav")


def test_stata_export_is_read_by_its_labels_too(tmp_path):
    """A Stata file (.dta) holds the same codes and labels as an SPSS one: the 0-10 question
    coded 1-11 is read as its answers, a region by its labels, integer storage as integers."""
    import pyreadstat

    rng = np.random.default_rng(9)
    answer = rng.integers(0, 11, 300)
    df = pd.DataFrame({"nps": (answer + 1).astype(np.int8),
                       "region": rng.choice([1, 2], 300).astype(np.int8),
                       "custno": rng.integers(1000, 9999, 300).astype(np.int32)})
    pyreadstat.write_dta(df, str(tmp_path / "guests.dta"),
                         column_labels={"nps": "How likely are you to recommend us?"},
                         variable_value_labels={"nps": {i + 1: str(i) for i in range(11)},
                                                "region": {1: "North", 2: "South"}})
    got, report = nt.read_survey(tmp_path / "guests.dta")
    assert report.file_format == "stata"
    assert got["score"].tolist() == answer.tolist()
    assert set(got["region"]) == {"North", "South"}
    assert report.columns["customer_id"] == "custno"  # read whole: 4321, not 4321.0
    assert not got["customer_id"].astype(str).str.contains(r"\.").any()
    assert any(n.startswith("Stata column 'nps'") for n in report.notes)


# --------------------------------------------------------------------------- customer ids
@pytest.mark.parametrize("name", ["Company_ID", "account_no", "AccountNumber", "Kundennummer",
                                  "numero_client", "n° client", "Client Code", "org_id",
                                  "Policyholder ID", "tenant_id", "id клиента", "회원번호",
                                  "客户编号"])
def test_customer_column_found_by_a_customer_word_and_an_id_word(name):
    # a B2B export (public repository clarabeldarrain/personio-strategic-priorities,
    # data/nps.csv: Company_ID, Data_Received, NPS_Score) names its key as the company's
    raw = pd.DataFrame({name: ["31870", "163650", "31870"], "NPS_Score": [1, 9, 7]})
    _, report = nt.read_survey(raw)
    assert report.columns.get("customer_id") == name


def test_customer_words_that_are_groups_or_people_are_not_keys():
    n = 60
    groups = pd.DataFrame({"score": [9] * n, "Company": ["Brand A", "Brand B", "Brand C"] * 20,
                           "customer_type": ["new", "repeat"] * 30,
                           "Customer Name": [f"Person {i}" for i in range(n)],
                           "account manager": [f"m{i}" for i in range(n)]})
    _, report = nt.read_survey(groups)
    assert "customer_id" not in report.columns
    # a bare "Company" of keys (many values) is the customer, and so is a company's name
    keys = groups.assign(Company=[f"Co {i}" for i in range(n)])
    assert nt.read_survey(keys)[1].columns["customer_id"] == "Company"
    named = groups.drop(columns="Company").assign(**{"Company name": [f"Co {i % 40}"
                                                                      for i in range(n)]})
    assert nt.read_survey(named)[1].columns["customer_id"] == "Company name"


def test_customer_ids_typed_with_spaces_or_capitals(tmp_path):
    # the shape of a hand-kept export (public repository davi-almeida-77/Excel-cleaning-
    # pipeline, data/raw/nps_responses.csv): names padded, doubled spaces, capitals
    raw = pd.DataFrame({"customer": ["Ana Beatriz Rocha   ", "  Ana Beatriz Rocha",
                                     "Camila  Andrade", "Camila Andrade", "PRIYA RAGHAVAN",
                                     "Priya Raghavan", "Bo@Example.COM", "bo@example.com",
                                     "   ", "0015000000VALDt", "0015000000VALDT"],
                        "score": [9, 3, 10, 8, 7, 6, 10, 9, 5, 9, 2]})
    before = raw.copy()
    df, report = nt.read_survey(raw)
    pd.testing.assert_frame_equal(raw, before)  # the input is not changed
    assert df["customer_id"].tolist()[:4] == ["Ana Beatriz Rocha"] * 2 + ["Camila Andrade"] * 2
    assert df["customer_id"].tolist()[6:8] == ["bo@example.com"] * 2
    assert pd.isna(df["customer_id"].iloc[8])
    # capitals of names and of case-sensitive codes are not taken to be the same customer
    assert df["customer_id"].iloc[4] != df["customer_id"].iloc[5]
    assert df["customer_id"].iloc[9] != df["customer_id"].iloc[10]
    merged = next(n for n in report.notes if "more than one way" in n)
    assert "3 customer(s)" in merged and "lower case" in merged
    assert "'Ana Beatriz Rocha' ('  Ana Beatriz Rocha', 'Ana Beatriz Rocha   ')" in merged
    apart = next(n for n in report.notes if "only in capitals" in n)
    assert "2 set(s)" in apart and "'PRIYA RAGHAVAN' / 'Priya Raghavan'" in apart
    # ids already clean: no note; numeric ids are not touched
    _, report = nt.read_survey(pd.DataFrame({"customer": ["a", "b"], "score": [9, 1]}))
    assert not any("customer ids" in n for n in report.notes)
    df, _ = nt.read_survey(pd.DataFrame({"customer": [7, 8], "score": [9, 1]}))
    assert df["customer_id"].tolist() == [7, 8]
    # the order log reads its ids the same way, so the join meets the same customers
    orders, report = nt.read_orders(pd.DataFrame({
        "Customer ID": ["Bo@Example.com ", "Ana  Beatriz Rocha"],
        "Order date": ["2025-01-03", "2025-01-04"], "Amount": [10, 20]}))
    assert sorted(orders["customer_id"]) == ["Ana Beatriz Rocha", "bo@example.com"]


def test_read_customers_finds_the_id_and_the_groups_and_lists_what_it_leaves_out(tmp_path):
    # a CRM export (the shape of crm_accounts.csv in Ramya-Pravallika/Customer-360-Analytics)
    path = tmp_path / "crm.csv"
    pd.DataFrame({"account_id": ["ACCT0001", "ACCT0002 ", "ACCT0002", None, "ACCT0004"],
                  "account_name": ["Jensen-Marshall", "Johnson, Lucas and Powell", "x", "y",
                                   "z"],
                  "industry": ["SaaS", "Health", "Health", "SaaS", "SaaS"],
                  "arr": [10000, 20000, 20000, 5000, 10000],
                  "created_at": ["2023-03-21", "2024-03-09", "2024-03-09", "2023-01-01",
                                 "2023-02-02"]}).to_csv(path, index=False)
    customers, report = nt.read_customers(path)
    assert customers["customer_id"].tolist() == ["ACCT0001", "ACCT0002", "ACCT0004"]
    assert report.columns == {"customer_id": "account_id"}
    assert report.excluded == {"no customer id": [5], "duplicate customer": [4]}
    assert customers.attrs["attributes"] == ["industry"]  # not the names, amounts or dates
    assert any("left out: duplicate customer (rows [4]" in n for n in report.notes)
    # given, or refused with the columns and the fix
    assert nt.read_customers(path, customer="account_name")[1].columns["customer_id"] \
        == "account_name"
    with pytest.raises(nt.ColumnNotFoundError, match=r"customer='\.\.\.'"):
        nt.read_customers(pd.DataFrame({"region": ["N", "S"]}))
    # numbers stay numbers, and match the survey's ids in response_bias
    crm = pd.DataFrame({"Customer Number": [1, 2, 3, 4], "Plan": ["a", "a", "b", "b"]})
    customers, _ = nt.read_customers(crm)
    assert customers["customer_id"].tolist() == [1, 2, 3, 4]
    bias = nt.response_bias(pd.DataFrame({"customer_id": ["1", "3"], "score": [9, 2]}),
                            customers, by=customers.attrs["attributes"])
    assert bias.table["respondents"].tolist() == [1, 1]


def test_excel_column_of_numbers_and_text_is_read_as_text(tmp_path):
    # a phone column typed as numbers in some cells and as text in others (a real Brazilian
    # export, felipegcreis/nps-dashboard nps.xlsx, Telefone and CNPJ): one text column, the
    # numbers as Excel shows them, so that groups sort and compare
    path = tmp_path / "mixed.xlsx"
    pd.DataFrame({"score": [9, 3, 10, 7, 8],
                  "Telefone": [11987654321, "(11) 9876-0001", None, 2.5, "x"],
                  "Plano": ["A", "B", "A", 5, "B"]}).to_excel(path, index=False)
    df, _ = nt.read_survey(path)
    assert df["Telefone"].tolist()[:2] == ["11987654321", "(11) 9876-0001"]
    assert pd.isna(df["Telefone"].iloc[2]) and df["Telefone"].iloc[3] == "2.5"
    assert df["Plano"].tolist() == ["A", "B", "A", "5", "B"]
    assert nt.summarize(df, by="Plano")["Plano"].tolist() == ["5", "A", "B"]
    # a frame built by hand that mixes them is grouped in a total order, numbers first
    frame = pd.DataFrame({"g": [5, "x", 5, "x", 10], "score": [9, 3, 10, 2, 7]})
    assert nt.summarize(frame, by="g")["g"].tolist() == [5, 10, "x"]


# --------------------------------------------------------------------------- worded scales
WORDED = {  # each scale lowest first, as survey tools list them (and "don't know" apart)
    "pt": (["Insatisfeito", "Pouco Satisfeito", "Regular", "Satisfeito", "Muito Satisfeito"],
           ["Não sei Informar"]),
    "en": (["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied",
            "Satisfied", "Very satisfied"], ["Don't know"]),
    "en_agree": (["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                  "Strongly agree"], ["N/A"]),
    "en_quality": (["Very poor", "Poor", "Fair", "Good", "Very good", "Excellent"], []),
    "en_very": (["Not at all satisfied", "Not satisfied", "Not very satisfied",
                 "Somewhat satisfied", "Very satisfied"], []),
    "fr": (["Pas du tout satisfait", "Peu satisfait", "Plutôt satisfait",
            "Tout à fait satisfait"], ["Ne sais pas"]),
    "fr_accord": (["Pas du tout d'accord", "Pas d'accord", "Plutôt d'accord",
                   "Tout à fait d'accord"], []),
    "es": (["Muy insatisfecho", "Insatisfecho", "Ni satisfecho ni insatisfecho",
            "Satisfecho", "Muy satisfecho"], ["NS/NC"]),
    "de": (["Stimme überhaupt nicht zu", "Stimme eher nicht zu", "Stimme eher zu",
            "Stimme voll zu"], ["Weiß nicht"]),
    "de_zufrieden": (["Sehr unzufrieden", "Unzufrieden", "Teils teils", "Zufrieden",
                      "Sehr zufrieden"], []),
    "ru": (["Очень недоволен", "Недоволен", "Нейтрально", "Доволен", "Очень доволен"], []),
    "ko": (["매우 불만족", "불만족", "보통", "만족", "매우 만족"], []),
    # Korean agreement, as a public campus survey's Google Form answers it (negated after
    # the word: 그렇지 않다), with "tends to" (편이다) and "not at all" (전혀)
    "ko_agree": (["매우 그렇지 않다", "그렇지 않다", "보통이다", "그렇다", "매우 그렇다"],
                 ["잘 모르겠음"]),
    "ko_tends": (["전혀 그렇지 않다", "그렇지 않은 편이다", "보통이다", "그런 편이다",
                  "매우 그렇다"], []),
    "ko_agree_verb": (["전혀 동의하지 않음", "동의하지 않음", "보통", "동의", "매우 동의"], []),
    "zh": (["非常不满意", "不满意", "一般", "满意", "非常满意"], []),
    "numbered": (["1 - Poor", "2", "3 - OK", "4", "5 - Excellent"], []),
    # ratings written in stars (a Brazilian system's export: "⭐⭐⭐⭐⭐"), emoji with their
    # variation selector, or empty and filled
    "stars": (["★☆☆☆☆", "★★☆☆☆", "★★★☆☆", "★★★★☆", "★★★★★"], ["N/A"]),
    "emoji_stars": (["⭐", "⭐⭐", "⭐️⭐️⭐️", "⭐⭐⭐⭐", "⭐ ⭐ ⭐ ⭐ ⭐"], []),
}


@pytest.mark.parametrize("name", sorted(WORDED))
def test_worded_scales_are_read_in_their_order(name):
    from nps_toolkit.loading.scales import _worded_scale

    order, dont_know = WORDED[name]
    answers = pd.Series(list(reversed(order)) * 3 + dont_know * 2)  # any order in the file
    levels = _worded_scale(answers)
    assert levels is not None, name
    assert [levels[a] for a in order] == sorted(levels[a] for a in order)
    assert len({levels[a] for a in order}) == len(order)  # every answer its own level
    assert all(np.isnan(levels[a]) for a in dont_know)


def test_worded_scale_order_agrees_with_a_real_surveys_scores():
    """A real Brazilian export (felipegcreis/nps-dashboard, nps.xlsx): five satisfaction
    questions, one answer option typed "Satifeito" in three of them. The recommend score's
    mean rises with the level on every question (the order is the survey's own); "Pouco
    Satisfeito" ("not very satisfied") sits below "Regular", as its respondents' scores say
    (means 2.9 against 5.8 on the first question)."""
    from nps_toolkit.loading.scales import _worded_scale

    answers = pd.Series(["Insatisfeito", "Pouco Satisfeito", "Regular", "Satifeito",
                         "Muito Satisfeito", "Não sei Informar"])
    levels = _worded_scale(answers)
    assert [levels[a] for a in answers[:5]] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert np.isnan(levels["Não sei Informar"])


def test_columns_of_words_that_are_no_scale_are_not_read_as_one():
    from nps_toolkit.loading.scales import _worded_scale

    for answers in (["North", "South", "East"], ["Yes", "No", "Maybe"],
                    ["Premium", "Standard", "Light"], ["Email", "Phone", "Chat", "Store"],
                    ["Satisfied", "Dissatisfied"],  # two levels: no scale to order
                    ["Very satisfied", "Satisfied", "Blue"],
                    ["★★★", "★★", "good ★"], ["* * *", "**", "*"]):
        assert _worded_scale(pd.Series(answers * 2)) is None, answers
    assert _worded_scale(pd.Series([1, 2, 3])) is None  # numbers are numbers


def test_placeholder_header_row_is_passed_over(tmp_path):
    # an Excel table saved through Power Query (public repository luasampaio/
    # data-engineering-python, Leandro_Nps.xlsx): Column1, Column2... above the names
    rows = [["Column1", "Column2", "Column3"], ["Cliente", "Nota", "Comentario"],
            ["A1", 9, "bom"], ["A2", 3, "ruim"], ["A3", 10, "otimo"]]
    pd.DataFrame(rows).to_excel(tmp_path / "pq.xlsx", index=False, header=False)
    pd.DataFrame(rows).to_csv(tmp_path / "pq.csv", index=False, header=False)
    for name in ("pq.xlsx", "pq.csv"):
        df, report = nt.read_survey(tmp_path / name)
        assert report.columns["score"] == "Nota" and df["score"].tolist() == [9, 3, 10]
        assert report.header_rows == 2
        assert any("placeholder names (Column1" in n for n in report.notes)
    # a first row of real names that happen to end in digits is the header
    pd.DataFrame({"Q1": [9, 3], "Q2": ["a", "b"]}).to_csv(tmp_path / "q.csv", index=False)
    _, report = nt.read_survey(tmp_path / "q.csv", score="Q1")
    assert report.header_rows == 1 and not any("placeholder" in n for n in report.notes)


def test_a_file_with_the_category_but_no_score_is_read_with_stand_in_scores():
    """Exports of a dashboard's list view keep "Promotor/Neutro/Detrator" and drop the score.
    They were refused (with the NPS their counts give); like a table of counts, each answer
    now stands for its category with the score 10, 8 or 0, said, so that every figure that
    depends on the categories (NPS, interval, segments, comments by category) comes out."""
    raw = pd.DataFrame({"id": range(7), "status": ["Promotor", "Detrator", "Neutro",
                                                  "Promotor", "Promotor", "Detrator", None],
                        "comentario": ["bom", "ruim", "ok", "otimo", "bom", "lento", "x"]})
    df, report = nt.read_survey(raw, on_invalid="exclude")
    expected = nt.from_counts(promoters=3, passives=1, detractors=2)
    got = nt.score(df)
    assert (got.nps, got.ci_low, got.n) == (expected.nps, expected.ci_low, expected.n)
    assert df["status"].tolist() == raw["status"].tolist()[:6]  # the column stays as it was
    assert report.excluded == {"blank score": [6]}
    # the category column is not checked against the scores made from it
    assert nt.profile_export(df, codeframes=False).category_check is None
    assert ("column 'status' holds each answer's category but no score: each answer stands "
            "for its category with the score 10, 8 or 0 in 'score'") in report.notes[-1]
    with pytest.raises(nt.ColumnNotFoundError) as info:  # no category either: refused
        nt.read_survey(raw.drop(columns="status"))
    assert "holds only the category" not in str(info.value)
    # with a score beside it, the category column changes nothing
    scored, _ = nt.read_survey(raw.assign(score=[10, 2, 7, 9, 9, 5, 8]))
    assert scored["score"].tolist() == [10, 2, 7, 9, 9, 5, 8]


def test_a_rating_mapped_with_scale_is_read_with_its_unit_or_as_stars():
    """A star rating mapped to 0-10 with ``scale=`` (the refusal of a 1-5 column suggests
    it): a Diningcode export writes every rating '4점' ("4 points"), a Google Maps one '별표
    5개' ("5 stars"); every cell was "not a number". The rating's number is looked up in the
    table when the cell writes it with its unit or as stars, said; "no rating" is blank; a
    half star not in the table stays invalid, never guessed."""
    cells = ["4점", "5점", "별표 3개", "★★★★☆", "5 stars", "4 étoiles", "2", "평점 없음", "4.5점",
             "good"]
    scale = {1: 1, 2: 3, 3: 6, 4: 8, 5: 10}
    df, report = nt.read_survey(pd.DataFrame({"rating": cells}), scale=scale,
                                on_invalid="exclude")
    assert df["score"].tolist() == [8, 10, 6, 8, 10, 8, 3]
    assert report.excluded == {"blank score": [7], "not a number": [8, 9]}
    assert any(n.startswith("6 score cell(s) written in words or with a label") and
               "'4점' -> 4" in n for n in report.notes)
    assert any("said no score ('평점 없음')" in n for n in report.notes)


def test_a_score_between_its_label_and_its_unit_is_read():
    """Korean review exports write the score inside its label: '평점9점' ("rating 9 points",
    Yes24) and '별점(10점 만점 중)9' ("stars (out of 10) 9", Naver), both YBIGTA student
    teams' crawls; the read stopped on them. Label, "out of 10", number and unit are read in
    every language the labels are known in; a 1-5 rating stays invalid."""
    cells = ["평점9점", "별점(10점 만점 중)10", "Rating 9/10", "Note : 7/10", "Note : 8 points",
             "Score (out of 10): 6", "评分(满分10分)3", "rating 4/5", "별표 5개"]
    df, report = nt.read_survey(pd.DataFrame({"score": cells}), on_invalid="exclude")
    assert df["score"].tolist() == [9, 10, 9, 7, 8, 6, 3]
    assert report.excluded == {"not a number": [7, 8]}
    assert any(n.startswith("7 score cell(s) written in words or with a label")
               for n in report.notes)


def test_scores_typed_in_words_or_with_a_label_are_read_and_said():
    # a hand-kept export (davi-almeida-77/Excel-cleaning-pipeline): "ten", "score 8" beside
    # 7 and "10/10"; other scales in words stay invalid
    cells = ["ten", "score 8", "7", "10/10", "Dix", "zehn", "8 out of 10", "Note: 6",
             "4 out of 5", "eleven", "9.5"]
    df, report = nt.read_survey(pd.DataFrame({"score": cells}), on_invalid="exclude")
    assert df["score"].tolist() == [10, 8, 7, 10, 10, 10, 8, 6]
    assert report.excluded == {"not a number": [8, 9], "not a whole number": [10]}
    note = next(n for n in report.notes if "written in words or with a label" in n)
    assert note.startswith("6 score cell(s)") and "'ten' -> 10" in note
    # a column of plain numbers says nothing of the kind
    _, report = nt.read_survey(pd.DataFrame({"score": ["9", "10"]}))
    assert not any("written in words" in n for n in report.notes)
    # out of ten with "of", in brackets, after its label; digits of other widths and
    # scripts (a Japanese IME's fullwidth "９", Arabic-Indic "٩"); "2 of 5" stays invalid
    cells = ["9 of 10", "(3)", "Very likely (9)", "Extremely likely - 10", "９", "١٠", "٧",
             "2 of 5", "Top 2"]
    df, report = nt.read_survey(pd.DataFrame({"score": cells}), on_invalid="exclude")
    assert df["score"].tolist() == [9, 3, 9, 10, 9, 10, 7]
    assert report.excluded == {"not a number": [7, 8]}


def test_a_date_named_for_the_answer_outranks_a_generic_one(tmp_path):
    """A product's export (julioverdugo/NPS): ``created_at`` is when the user signed up,
    ``surveyed_at`` when the survey was answered, a month later. The answer's date is taken
    and the choice said; a generic name alone is still taken, and a flag named like the
    answer (``survey_completed``: yes/no) is no date."""
    created = pd.date_range("2017-01-01", periods=40, freq="D")
    df = pd.DataFrame({"score": [9, 3, 7, 10] * 10, "created_at": created.strftime("%Y-%m-%d"),
                       "surveyed_at": (created + pd.Timedelta(days=31)).strftime("%Y-%m-%d"),
                       "survey_completed": ["yes", "no"] * 20})
    df.to_csv(tmp_path / "a.csv", index=False)
    out, report = nt.read_survey(tmp_path / "a.csv")
    assert report.columns["date"] == "surveyed_at"
    assert out["date"].iloc[0] == pd.Timestamp("2017-02-01")
    assert any("'surveyed_at' taken over 'created_at'" in n for n in report.notes)
    for name in ("date_of_response", "NPS Response Date", "answered_on"):
        df.rename(columns={"surveyed_at": name}).to_csv(tmp_path / "b.csv", index=False)
        assert nt.read_survey(tmp_path / "b.csv")[1].columns["date"] == name
    df.drop(columns="surveyed_at").to_csv(tmp_path / "c.csv", index=False)
    out, report = nt.read_survey(tmp_path / "c.csv")
    assert report.columns["date"] == "created_at"
    assert not any("taken over" in n for n in report.notes)
    out, report = nt.read_survey(df, date="created_at")
    assert report.columns["date"] == "created_at"


def test_a_comment_column_of_codes_is_a_group_not_comments(tmp_path):
    """A CRM export (crazywoolf/sh-2026): ``comment_tag`` holds six coded reasons
    ("price", "churn_intent"), not what customers wrote. It is not read as the comment
    (said, with the option to read it anyway) and stays for the segments; real comments that
    repeat ("ok", "good") are still comments, and a small file is never judged coded."""
    rng = np.random.default_rng(41)
    n = 3000
    tags = rng.choice(["nps_growth", "price", "quality", "support", "churn_intent",
                       "ai_competitor"], n)
    df = pd.DataFrame({"score": rng.integers(0, 11, n), "comment_tag": tags})
    df.to_csv(tmp_path / "t.csv", index=False)
    out, report = nt.read_survey(tmp_path / "t.csv")
    assert "comment" not in report.columns
    assert any("'comment_tag' is named like a comment but holds codes" in n
               and "6 distinct values in its first 2,000" in n for n in report.notes)
    assert "comment_tag" in nt.profile_export(out, codeframes=False).config["segments"]
    out, report = nt.read_survey(tmp_path / "t.csv", comment="comment_tag")
    assert report.columns["comment"] == "comment_tag"
    # real comments: many repeat, most do not
    words = np.array([f"the {w} was {v}" for w in ("staff", "price", "app", "store", "queue",
                                                   "delivery", "website", "checkout")
                      for v in ("great", "slow", "fine", "too high", "friendly", "awful",
                                "quick", "confusing", "better", "poor")])
    comments = np.where(rng.random(n) < 0.5, rng.choice(["ok", "good", "great"], n),
                        rng.choice(words, n))
    df["comment"] = comments
    assert nt.read_survey(df.drop(columns="comment_tag"))[1].columns["comment"] == "comment"
    # a demo file's few canned comments (hassanambi/Product_Analytics_Q1-) are sentences:
    # still comments, however often each repeats
    canned = rng.choice(["The UI is confusing.", "Needs more integrations.",
                         "Great support team!", "Too expensive for small teams."], n)
    assert nt.read_survey(pd.DataFrame({"score": df["score"], "comment": canned}))[1].columns[
        "comment"] == "comment"
    assert nt.read_survey(df.head(150))[1].columns["comment"] in ("comment", "comment_tag")
    assert nt.read_survey(df[["score", "comment_tag"]].head(150))[1].columns[
        "comment"] == "comment_tag"


def long_export(n: int = 60, seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A survey kept one row per question asked (respondent, question, answer), as survey
    tools' "one row per answer" exports and warehouse tables write it, and the same answers
    one row per respondent."""
    rng = np.random.default_rng(seed)
    wide = pd.DataFrame({
        "respondent_id": [f"R{i:03d}" for i in range(n)],
        "region": rng.choice(["North", "South"], n),
        "How likely are you to recommend us to a friend or colleague?": rng.integers(0, 11, n),
        "How satisfied are you with our support?": rng.integers(0, 11, n),
        "What is the most important reason for your score?": rng.choice(
            ["slow support", "great app", "too pricey", "friendly staff"], n)})
    questions = list(wide.columns[2:])
    long = wide.melt(id_vars=["respondent_id", "region"], value_vars=questions,
                     var_name="question", value_name="answer")
    long = long.sample(frac=1, random_state=seed).reset_index(drop=True)  # any order
    long["answered_at"] = (pd.Timestamp("2025-05-01") + pd.to_timedelta(
        rng.integers(0, 10_000, len(long)), unit="s")).astype(str)  # one per answer
    long["device"] = rng.choice(["ios", "web"], len(long))  # changes between answers
    return long, wide


def test_an_export_with_one_row_per_question_is_read_per_respondent(tmp_path):
    """A long export's ``answer`` column answers three questions: read as it is, an NPS on it
    would mix the recommend question with the 0-10 satisfaction one. It is read one row per
    respondent (said), the recommend question found by its text, the other 0-10 question and
    the reason beside it, a respondent's attribute kept, a per-row timestamp left out (said)."""
    long, wide = long_export()
    long.to_csv(tmp_path / "long.csv", index=False)
    for source in (tmp_path / "long.csv", long):
        df, report = nt.read_survey(source)
        rec = "How likely are you to recommend us to a friend or colleague?"
        assert report.columns["score"] == rec
        assert report.columns["comment"] == "What is the most important reason for your score?"
        assert report.rows_read == len(df) == 60
        assert nt.score(df).nps == pytest.approx(nt.score(wide[rec]).nps)
        assert nt.score(df).nps != pytest.approx(nt.score(long["answer"].pipe(
            pd.to_numeric, errors="coerce").dropna()).nps)
        got = df.set_index("response_id").loc[wide["respondent_id"]]
        assert (got["region"].to_numpy() == wide["region"].to_numpy()).all()
        assert (pd.to_numeric(got["How satisfied are you with our support?"]).to_numpy()
                == wide["How satisfied are you with our support?"].to_numpy()).all()
        assert any("one row per question (180 rows, 3 questions in 'question'" in n
                   and "told apart by 'respondent_id'" in n for n in report.notes)
        assert any("left out" in n and "'device'" in n for n in report.notes)
        assert report.columns["date"] == "answered_at"
        first = long.groupby("respondent_id", sort=False)["answered_at"].first()
        assert (got["date"].to_numpy() == pd.to_datetime(first.loc[got.index]).to_numpy()
                ).all()
    # a respondent who answered a question twice: the rows are named, nothing is guessed
    twice = pd.concat([long, long.iloc[[5]]], ignore_index=True)
    twice.to_csv(tmp_path / "twice.csv", index=False)
    with pytest.raises(ValueError, match=r"more than once: rows 7, 182"):
        nt.read_survey(tmp_path / "twice.csv")
    # nothing tells whose answer a row is
    with pytest.raises(nt.ColumnNotFoundError, match="no column tells whose answer"):
        nt.read_survey(long[["question", "answer"]])
    # questions written only as numbers say nothing: the file is left as it is
    numbered = long.assign(question=long["question"].map(
        {q: str(i + 1) for i, q in enumerate(wide.columns[2:])}))
    with pytest.raises(nt.ColumnNotFoundError):
        nt.read_survey(numbered.drop(columns=["answered_at", "device"]).rename(
            columns={"answer": "value"}).assign(value=lambda d: d["value"].astype(str) + "x"))


def test_a_one_question_long_export_is_read_by_its_question(tmp_path):
    """The shape of an HR survey kept in Excel (edumaggno/dash-nps): ``Cod_resposta,
    Pergunta, Resposta, Cargo...``, one question in the file. The recommend question is
    found by the question's text; another question (``Você gosta de trabalhar aqui?``) is
    not taken for it, and the error names the column answered 0-10 with its question."""
    rng = np.random.default_rng(7)
    n = 40
    df = pd.DataFrame({"Cod_resposta": range(1001, 1001 + n),
                       "Pergunta": "Qual a probabilidade de você recomendar a empresa a um amigo?",
                       "Resposta": rng.integers(0, 11, n),
                       "Cargo": rng.choice(["Ajudante", "Motorista"], n),
                       "Tempo de Casa": rng.choice(["3 meses", "1 Ano", "3 Anos"], n)})
    df.to_excel(tmp_path / "hr.xlsx", index=False)
    out, report = nt.read_survey(tmp_path / "hr.xlsx")
    assert report.columns["score"] == "Resposta"
    assert nt.score(out).nps == pytest.approx(nt.score(df["Resposta"]).nps)
    assert any("'Pergunta' holds the question asked" in n for n in report.notes)
    df["Pergunta"] = "Você gosta de trabalhar nesta empresa?"
    with pytest.raises(nt.ColumnNotFoundError,
                       match=r"Answered 0-10 in 'Resposta' \('Você gosta de trabalhar nesta "
                             r"empresa\?'\): if one"):
        nt.read_survey(df)


def test_the_no_score_error_says_a_star_rating_is_no_0_10_question():
    """A review export (Aladin, '별점,날짜,리뷰': stars 1-5, date, text) has no recommend
    question: the error offered '별점' as "answered 0-10", and passing it got the 1-5
    refusal. A column answered 1-5 at most is named as a rating, with the mapping to use."""
    rng = np.random.default_rng(9)
    n = 60
    df = pd.DataFrame({"별점": rng.integers(1, 6, n), "날짜": "2025.07.24.",
                       "리뷰": [f"배송이 빨라요 {i}" for i in range(n)]})
    with pytest.raises(nt.ColumnNotFoundError) as err:
        nt.read_survey(df)
    assert "Answered 1-5 at most in '별점': a rating" in str(err.value)
    assert "scale={...}" in str(err.value) and "Answered 0-10" not in str(err.value)
    df["추천"] = rng.integers(0, 11, n)
    assert nt.read_survey(df)[1].columns["score"] == "추천"


def test_the_no_score_error_names_only_columns_answered_in_numbers():
    """A public works register (leandroocr1/tablero-de-control-np, ``nps.xlsx``: "NP" is a
    new price, not a Net Promoter Score) has a unit column of codes (``UN``, ``ML``, ``M2``)
    with a few numbers among them. Read as text (pandas 3), its numbers came back nullable
    and their mean skipped the codes: the error offered the units as answers 0-10. Only a
    column answered in numbers 0-10 in 90% of its filled cells is named."""
    rng = np.random.default_rng(8)
    n = 300
    units = rng.choice(["UN", "ML", "M2", "M3", "KG"], n).astype(object)
    units[:4] = ["1", "2", "3", "5"]
    df = pd.DataFrame({"Codigo Np": [f"NP-{i}" for i in range(n)], "Unidad De Medida": units,
                       "Respuesta": rng.integers(0, 11, n).astype(str)}).astype("string")
    with pytest.raises(nt.ColumnNotFoundError) as err:
        nt.read_survey(df)
    assert "Answered 0-10 in 'Respuesta':" in str(err.value)
    assert "Unidad De Medida'" not in str(err.value).split("Columns are")[1].split("]")[1]
    # nor a quantity, a count, a key, a 0/1 flag or a survey tool's own column (LimeSurvey's
    # "lastpage" was offered as a rating to map)
    more = df.assign(Cantidad=rng.integers(0, 11, n).astype(str), lastpage="3",
                     RoomCount=rng.integers(1, 5, n).astype(str),
                     Finished=rng.integers(0, 2, n).astype(str))
    with pytest.raises(nt.ColumnNotFoundError) as err:
        nt.read_survey(more)
    said = str(err.value).split("Columns are")[1].split("]", 1)[1]
    assert "'Respuesta'" in said and not any(
        f"'{c}'" in said for c in ("Cantidad", "lastpage", "RoomCount", "Finished"))


def test_scan_refuses_an_export_with_one_row_per_question(tmp_path):
    """scan scores row by row: on a long export its answer column would mix the recommend
    question with the others. It stops and gives the filter that keeps the recommend
    question's rows; the filtered relation is then read."""
    import duckdb

    long, wide = long_export()
    long.to_csv(tmp_path / "long.csv", index=False)
    with pytest.raises(ValueError, match=r"one row per question \(3 questions.*WHERE "
                                         r"\"question\" = 'How likely are you to recommend"):
        nt.scan(tmp_path / "long.csv")
    con = duckdb.connect()
    rel = con.sql("SELECT respondent_id, CAST(answer AS INTEGER) AS score FROM "
                  f"read_csv('{tmp_path}/long.csv') WHERE question LIKE 'How likely%'")
    rec = "How likely are you to recommend us to a friend or colleague?"
    assert nt.summarize(rel)["nps"].iloc[0] == pytest.approx(nt.score(wide[rec]).nps)


def test_join_customers_adds_what_the_crm_knows_to_each_answer(tmp_path):
    """The shape of a public support-desk case (engarqwagner/helppi-analytics-case): answers
    with a customer id, and a customer list with plan, state and monthly value. Each answer
    gets its customer's columns (a name both have is kept apart), answers of unlisted
    customers get blanks, nothing is changed in place, and what matched is said. Numeric ids
    match whether a file wrote them 4560 or 4560.0; a list naming a customer twice is
    refused."""
    rng = np.random.default_rng(43)
    n, m = 300, 80
    crm = pd.DataFrame({"id_cliente": np.arange(1, m + 1),
                        "plano": rng.choice(["Basico", "Essencial", "Premium"], m),
                        "valor_mensal": rng.choice([39.9, 59.9, 99.9], m),
                        "score": rng.integers(0, 100, m)})  # a CRM's own health score
    crm.to_csv(tmp_path / "clientes.csv", index=False)
    cust = rng.integers(1, m + 11, n)  # ten customer numbers the list does not hold
    answers = pd.DataFrame({"id_cliente": np.where(np.arange(n) == 3, np.nan, cust),
                            "nota_nps": rng.integers(0, 11, n)})
    answers.to_csv(tmp_path / "nps.csv", index=False)
    df, _ = nt.read_survey(tmp_path / "nps.csv")
    before = df.copy()
    customers, _ = nt.read_customers(tmp_path / "clientes.csv")
    joined = nt.join_customers(df, customers)
    pd.testing.assert_frame_equal(df, before)
    assert len(joined) == len(df)
    listed = crm.set_index("id_cliente")
    ids = pd.to_numeric(df["customer_id"])
    known = ids.isin(listed.index)
    assert (joined.loc[known.to_numpy(), "plano"].to_numpy()
            == listed.loc[ids[known], "plano"].to_numpy()).all()
    assert joined.loc[~known.to_numpy(), "plano"].isna().all()
    assert (joined.loc[known.to_numpy(), "score (customer list)"].to_numpy()
            == listed.loc[ids[known], "score"].to_numpy()).all()
    assert (joined["score"] == df["score"]).all()
    said = joined.attrs["joined"]
    assert said["answers_matched"] == int(known.sum())
    assert said["answers_unmatched"] == int((~known & ids.notna()).sum()) > 0
    assert said["customers_listed"] == m
    assert any(f"{int(known.sum()):,} answers from" in n
               for n in joined.attrs["load_report"].notes)
    assert not any("joined" in n for n in df.attrs["load_report"].notes)
    # a frame not read by read_customers is read by it; float ids match whole ones
    assert nt.join_customers(df, crm.assign(id_cliente=crm["id_cliente"].astype(float)))[
        "plano"].notna().sum() == int(known.sum())
    with pytest.raises(ValueError, match="more than once"):
        nt.join_customers(df, customers.iloc[[0, 0, 1]].assign(x=1).pipe(
            lambda c: c.set_axis(range(3))).pipe(lambda c: c.__finalize__(customers)))
    with pytest.raises(nt.ColumnNotFoundError):
        nt.join_customers(df.drop(columns="customer_id"), customers)
    with pytest.raises(ValueError, match="no customer id of the answers is in the customer "
                                         "list"):
        nt.join_customers(df, customers.assign(customer_id=customers["customer_id"] + 10**6))


def test_a_column_per_survey_wave_is_read_as_one_row_per_answer(tmp_path):
    """The shape of a public churn study (ayenko/churn_prediction, NPS.csv): one row per
    account, the recommend question of 2015 and of 2016 in two columns, NA where an account
    was not surveyed that year. Read before, only 2015 counted (and its NAs as 7,944
    excluded blanks). Now each wave's answers are rows with their wave, the accounts without
    an answer in a wave left out and counted, and a comment asked in the same waves goes
    with its wave; five different ratings ("rating_1" ... "rating_5") are no waves."""
    rng = np.random.default_rng(45)
    n = 500
    s15 = np.where(rng.random(n) < 0.6, np.nan, rng.integers(0, 11, n))
    s16 = np.where(rng.random(n) < 0.5, np.nan, rng.integers(0, 11, n))
    df = pd.DataFrame({"ACCT_ID": rng.permutation(10_000_000 + np.arange(n)),
                       "NPS_SCORE_2015": s15, "NPS_SCORE_2016": s16,
                       "comment_2015": np.where(np.isnan(s15), "", "ok 2015"),
                       "comment_2016": np.where(np.isnan(s16), "", "ok 2016")})
    df.to_csv(tmp_path / "w.csv", index=False)
    out, report = nt.read_survey(tmp_path / "w.csv")
    answered = int(np.isfinite(s15).sum() + np.isfinite(s16).sum())
    assert len(out) == report.rows_read == answered
    assert report.columns["score"] == "NPS_SCORE"
    assert report.columns["customer_id"] == "ACCT_ID"
    by_wave = out.groupby("wave")["score"]
    assert by_wave.size().to_dict() == {2015: int(np.isfinite(s15).sum()),
                                        2016: int(np.isfinite(s16).sum())}
    assert nt.score(out[out["wave"] == 2016]).nps == pytest.approx(
        nt.score(pd.Series(s16).dropna()).nps)
    assert (out.loc[out["wave"] == 2016, "comment"] == "ok 2016").all()
    left = 2 * n - answered
    assert any("column per survey wave ('NPS_SCORE_2015', 'NPS_SCORE_2016')" in note
               and f"{left:,} customer-waves without an answer" in note
               for note in report.notes)
    assert nt.profile_export(out, codeframes=False).config["period"] == "wave"
    # customers in both waves migrate, without dates
    moved = nt.migration(out, date=None, wave="wave")
    both = int((np.isfinite(s15) & np.isfinite(s16)).sum())
    assert int(moved.counts.to_numpy().sum()) == both
    # five ratings are not waves of one question
    ratings = pd.DataFrame({"score": rng.integers(0, 11, 40),
                            **{f"rating_{k}": rng.integers(0, 11, 40) for k in range(1, 6)}})
    assert len(nt.read_survey(ratings)[0]) == 40


@pytest.mark.parametrize("names", [("NPSSCORE2015", "NPSSCORE2016", "NPSSCORE"),
                                   ("nps_score2015", "nps_score2016", "nps_score")])
def test_a_column_per_wave_named_without_separators(tmp_path, names):
    # the same study's columns as a database writes them: the year written onto the name
    # ("NPSSCORE2015") was no wave, and only one year was read
    rng = np.random.default_rng(46)
    n = 300
    s15 = np.where(rng.random(n) < 0.5, np.nan, rng.integers(0, 11, n))
    s16 = np.where(rng.random(n) < 0.5, np.nan, rng.integers(0, 11, n))
    pd.DataFrame({"ACCTID": np.arange(n), names[0]: s15, names[1]: s16}).to_csv(
        tmp_path / "w.csv", index=False)
    out, report = nt.read_survey(tmp_path / "w.csv")
    assert report.columns["score"] == names[2]
    assert out.groupby("wave").size().to_dict() == {2015: int(np.isfinite(s15).sum()),
                                                    2016: int(np.isfinite(s16).sum())}


def test_nps_inside_a_name_and_nps_values_already_computed(tmp_path):
    """Two public files: ``ID_Cliente, ValorNPS, NPS`` (adiacla/examen2026), where "NPS" is
    the category and "ValorNPS" the 0-10 answer; ``Mes, NPS`` with one NPS per month
    (JaviDoria/Analisis-Hipermercado), which holds no answers and must say so, not suggest a
    scale."""
    rng = np.random.default_rng(46)
    v = rng.integers(0, 11, 200)
    df = pd.DataFrame({"ID_Cliente": [f"Cliente_{i}" for i in range(200)], "ValorNPS": v,
                       "NPS": np.where(v >= 9, "Promotor", np.where(v >= 7, "Pasivo",
                                                                     "Detractor"))})
    out, report = nt.read_survey(df)
    assert report.columns["score"] == "ValorNPS"
    assert nt.profile_export(out, codeframes=False).category_check["disagree"] == 0
    monthly = pd.DataFrame({"Mes": pd.date_range("2024-01-01", periods=18, freq="MS")
                            .strftime("%Y-%m-%d"), "NPS": rng.integers(40, 80, 18)})
    with pytest.raises(nt.ColumnNotFoundError,
                       match=r"If these are NPS values already computed.*they are not "
                             r"answers.*If they are answers on another scale.*scale="):
        nt.read_survey(monthly)
    # a 0-100 slider's answers named like the score get the scale advice alone
    with pytest.raises(nt.ColumnNotFoundError, match=r"holds numbers from 0 to 100, not the"):
        nt.read_survey(pd.DataFrame({"NPS": np.r_[0, 100, rng.integers(0, 101, 498)]}))


def test_missing_value_codes_among_scores_are_named(tmp_path):
    """A public export (adiacla/examen2026) writes a missing score as -2147483648, the
    smallest 32-bit integer, as databases do: the error and the exclusion say what the
    number is; scores out of range that are no such code (11, 15) are not explained away."""
    rng = np.random.default_rng(47)
    v = rng.integers(0, 11, 300).astype(np.int64)
    v[::20] = -2147483648
    v[7] = 11
    df = pd.DataFrame({"ValorNPS": v})
    with pytest.raises(nt.InvalidScoreError, match=r"Among the scores out of range: "
                                                  r"-2147483648 \(15 rows\), numbers that"):
        nt.read_survey(df)
    out, report = nt.read_survey(df, on_invalid="exclude")
    assert len(report.excluded["out of range"]) == 16 and len(out) == 300 - 16
    assert any(n.startswith("among the scores out of range: -2147483648 (15 rows)")
               for n in report.notes)
    v[::20] = 15
    with pytest.raises(nt.InvalidScoreError) as err:
        nt.read_survey(pd.DataFrame({"ValorNPS": v}))
    assert "Among the scores" not in str(err.value)


def test_question_and_answer_columns_of_text_are_no_long_layout():
    """A support log with "question" and "answer" columns of text beside the score is read
    as it is (the layout is only one row per question when some question is answered
    0-10)."""
    rng = np.random.default_rng(48)
    n = 120
    df = pd.DataFrame({"question": rng.choice(["How do I reset my password?",
                                               "Where is my order?"], n),
                       "answer": rng.choice(["Use the link in settings.", "Track it here."], n),
                       "rating": rng.integers(0, 11, n)})
    out, report = nt.read_survey(df)
    assert len(out) == n and report.columns["score"] == "rating"
    assert not any("one row per question" in note for note in report.notes)


def test_follow_ups_asked_by_category_are_one_comment(tmp_path):
    """The shape of a public soap-shop survey (Preppin' Data, zzzbitz/prepbench case 50): "If
    you wouldn't, why?" asked to detractors and "If you would, why?" to the others, each in
    its own column. Only the first was read as the comment, half the comments lost; they
    are one comment column now (said), and two questions every respondent answered
    ("What did you like?", "What could we improve?") stay apart."""
    rng = np.random.default_rng(52)
    n = 200
    score = rng.integers(0, 11, n)
    said = np.array([f"{w} since order {i}" for i, w in enumerate(
        rng.choice(["too slippery", "nice soaps", "smells great", "gone moldy"], n))])
    df = pd.DataFrame({"Would you recommend us to your friends and family? (Score 0-10)": score,
                       "If you wouldn't, why?": np.where(score <= 6, said, ""),
                       "If you would, why?": np.where(score > 6, said, "")})
    df.to_csv(tmp_path / "f.csv", index=False)
    out, report = nt.read_survey(tmp_path / "f.csv")
    assert report.columns["comment"] == "If you wouldn't, why? / If you would, why?"
    assert (out["comment"] == said).all()
    assert any("follow-up questions asked to different respondents" in note
               and f"{n:,} rows answered one of them, 0 more than one" in note
               for note in report.notes)
    both = pd.DataFrame({"score": score, "What did you like? (comment)": said,
                         "What could we improve? (comment)": said[::-1]})
    out, report = nt.read_survey(both)
    assert report.columns["comment"] == "What did you like? (comment)"
    assert not any("follow-up" in note for note in report.notes)


def test_numbered_questions_birth_dates_and_a_date_asked_as_a_question():
    """The shape of a public soap-shop file (Preppin' Data, zzzbitz/prepbench case 50): one row
    per question with the questions given by number (their texts in another file), the day
    the survey was filled in asked as a question ("5th Jan 2020"), and a date of birth. The
    error says how to put the texts in; once they are in, the file is read one row per
    respondent, dated by the day asked, never by the birth date."""
    rng = np.random.default_rng(54)
    n = 40
    days = ["13/01/2020", "5th Jan 2020", "2020-01-12", "15 January 2020"]
    texts = {1: "What day did you fill the survey in?",
             2: "Would you recommend us to your friends and family? (Score 0-10)"}
    rows = []
    for i in range(n):
        rows.append((1, days[i % 4], i, "21/08/1962"))
        rows.append((2, str(rng.integers(0, 11)), i, "21/08/1962"))
    df = pd.DataFrame(rows, columns=["Question Number", "Answer", "Response", "DoB"])
    with pytest.raises(nt.ColumnNotFoundError, match=r"questions given by number in "
                                                     r"'Question Number' \(1, 2\)"):
        nt.read_survey(df)
    named = df.assign(question=df["Question Number"].map(texts)).drop(
        columns="Question Number")
    out, report = nt.read_survey(named)
    assert len(out) == n and report.columns["date"] == texts[1]
    assert report.columns["response_id"] == "Response"
    assert out["date"].dt.year.eq(2020).all()
    # a date of birth alone is no answer date
    out, report = nt.read_survey(pd.DataFrame({"score": [9, 3] * 10,
                                               "Date of birth": ["21/08/1962"] * 20}))
    assert "date" not in report.columns


def test_a_workbook_whose_first_sheet_is_a_cover_is_read_from_its_answers_sheet(tmp_path):
    """A hand-built workbook opens on a summary sheet, the answers on the next: the first sheet
    was read and refused ("no 0-10 recommend question"). The first sheet with the recommend
    question is read, and said; sheet= still reads exactly the sheet asked for, and a
    workbook with no answers anywhere gives the first sheet's error."""
    rng = np.random.default_rng(55)
    n = 60
    answers = pd.DataFrame({"Response ID": range(n),
                            "How likely are you to recommend us?": rng.integers(0, 11, n),
                            "Region": rng.choice(["N", "S"], n)})
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame({"Report": ["NPS survey Q3", "Generated 2025-10-01"]}).to_excel(
            book, sheet_name="Summary", index=False)
        pd.DataFrame({"Notes": ["read me"]}).to_excel(book, sheet_name="Notes", index=False)
        answers.to_excel(book, sheet_name="Responses", index=False)
    df, report = nt.read_survey(path)
    assert len(df) == n and nt.score(df).nps == pytest.approx(
        nt.score(answers["How likely are you to recommend us?"]).nps)
    assert report.notes[0].startswith("sheet 'Responses' read: the first sheet ('Summary')")
    with pytest.raises(nt.ColumnNotFoundError, match=r"Columns are \['Report'\]"):
        nt.read_survey(path, sheet=0)
    assert len(nt.read_survey(path, sheet="Responses")[0]) == n
    with pd.ExcelWriter(path) as book:
        pd.DataFrame({"Report": ["x"]}).to_excel(book, sheet_name="Summary", index=False)
        pd.DataFrame({"Notes": ["y"]}).to_excel(book, sheet_name="Notes", index=False)
    with pytest.raises(nt.ColumnNotFoundError, match=r"Columns are \['Report'\]"):
        nt.read_survey(path)


def test_a_workbook_with_a_sheet_per_month_is_read_whole(tmp_path):
    """A workbook kept one sheet per month (Jan, Feb, Mar), the same columns on each, with a
    notes sheet and a sheet of other columns: only the first month was read, two thirds of
    the answers silently left out. The sheets with the same columns are stacked, each row
    with its sheet, their exclusions named as a spreadsheet names a row ('Feb'!5), said;
    sheet= still reads one."""
    rng = np.random.default_rng(56)
    path = tmp_path / "months.xlsx"
    months = {}
    with pd.ExcelWriter(path) as book:
        for k, month in enumerate(["Jan", "Feb", "Mar"]):
            n = 30 + 10 * k
            scores = rng.integers(0, 11, n).astype(object)
            if month == "Feb":
                scores[3] = "about 7"  # excluded: named by its sheet
            months[month] = pd.DataFrame({"Customer": [f"C{i}" for i in range(n)],
                                          "NPS": scores,
                                          "Store": rng.choice(["A", "B"], n)})
            months[month].to_excel(book, sheet_name=month, index=False)
        pd.DataFrame({"Notes": ["monthly NPS"]}).to_excel(book, sheet_name="Notes",
                                                           index=False)
        pd.DataFrame({"Store": ["A", "B"], "NPS": [40, 50]}).to_excel(
            book, sheet_name="Summary", index=False)
    df, report = nt.read_survey(path, on_invalid="exclude")
    assert df["sheet"].value_counts().to_dict() == {"Jan": 30, "Feb": 39, "Mar": 50}
    assert report.rows_read == 120 and report.rows_kept == 119
    assert report.excluded["not a number"] == ["'Feb'!5"]
    assert report.notes[0].startswith("sheets 'Jan', 'Feb', 'Mar' hold the same columns")
    everything = pd.concat(months.values())["NPS"]
    assert nt.score(df).nps == pytest.approx(nt.score(pd.to_numeric(
        everything, errors="coerce").dropna().astype(int)).nps)
    assert df.attrs["load_report"] is report
    assert len(nt.read_survey(path, sheet="Mar")[0]) == 50
    assert "sheet" in nt.profile_export(df, codeframes=False).config["segments"]


def test_a_question_answered_in_free_text_is_the_comment_when_none_is_named():
    """A webinar survey exported from Microsoft Forms (yochees/mock, ``data/NPS.csv``) asks
    "What from this Webinar" and names no column like a comment: its answers ("the list of
    questions", "smooth delivery") were taken for a segment of 13 groups in 14 answers. A
    question answered in free text is the comment when no column is named like one (said);
    a question answered by choosing, a date, or the respondent's name is not."""
    rng = np.random.default_rng(46)
    n = 60
    took = [f"{rng.choice(['the', 'some', 'clear'])} {w} {rng.choice(['tips', 'demos', 'slides'])}"
            f" {i}" for i, w in enumerate(rng.choice(["useful", "short", "good"], n))]
    df = pd.DataFrame({
        "Id": range(1, n + 1),
        "Start Time": pd.date_range("2025-03-12 10:47", periods=n, freq="min").strftime(
            "%m/%d/%Y %H:%M"),
        "What is your name?": [f"Ana Lima {i}" for i in range(n)],
        "Which plan are you on?": rng.choice(["Free", "Pro"], n),
        "What day did you attend?": pd.date_range("2025-03-01", periods=n).strftime("%d %B %Y"),
        "What from this Webinar": took,
        "How likely are you to recommend (1-10)": rng.integers(1, 11, n)})
    out, report = nt.read_survey(df)
    assert report.columns["comment"] == "What from this Webinar"
    assert out["comment"].tolist() == took
    assert any("'What from this Webinar' read as the comments: it asks a question answered "
               "in free text" in note for note in report.notes)
    # of two questions answered in free text, the one answered at more length
    heard = pd.DataFrame({"How did you hear about us?": [f"friend {i}" for i in range(n)]})
    out, report = nt.read_survey(pd.concat([heard, df], axis=1))
    assert report.columns["comment"] == "What from this Webinar"
    # a column named like a comment wins; comment=False leaves the question out
    _, report = nt.read_survey(df.assign(Feedback=rng.choice(["great", "slow app"], n)))
    assert report.columns["comment"] == "Feedback"
    assert "comment" not in nt.read_survey(df, comment=False)[0].columns
    # without the free-text question there is no comment: names, choices and dates are none
    _, report = nt.read_survey(df.drop(columns=["What from this Webinar"]))
    assert "comment" not in report.columns


@pytest.mark.parametrize("written", [
    ["202104", "202105", "202112"], [202104, 202105, 202112],
    ["2021-04", "2021-05", "2021-12"], ["04/2021", "05/2021", "12/2021"],
    ["Apr-21", "May-21", "Dec-21"], ["April 2021", "May 2021", "December 2021"],
    ["2021M04", "2021M05", "2021M12"]])
def test_answers_dated_by_their_month_only(written):
    """A healthcare export (abeltavares/nps_performance_analysis, ``NPS_data.csv``) dates each
    answer by ``year_month`` = 202104: no date was found and the trend review was left out.
    A column named for a month whose values are all months (in the spellings warehouses and
    BI tools write) dates each answer by the first day of its month, said; the trend's
    periods are then months or longer (a week's answers are a month's, so weeks never hold
    more)."""
    rng = np.random.default_rng(48)
    n = 600
    df = pd.DataFrame({"patient_uuid": [f"p-{i:05d}" for i in range(n)],
                       "year_month": np.repeat(written, n // 3), "score": rng.integers(0, 11, n)})
    out, report = nt.read_survey(df)
    assert report.columns["date"] == "year_month"
    assert report.columns["customer_id"] == "patient_uuid"  # uuid is an id word
    firsts = pd.to_datetime(["2021-04-01", "2021-05-01", "2021-12-01"])
    assert out["date"].tolist() == list(np.repeat(firsts, n // 3))
    assert any(f"are months (e.g. {str(written[0])!r})" in note for note in report.notes)
    freq = nt.profile_export(out, codeframes=False).config["freq"]
    assert freq in ("Q", "M")
    # one value that is no month: not a column of months
    df.loc[5, "year_month"] = "Mayo" if isinstance(written[0], str) else 99
    assert "date" not in nt.read_survey(df)[1].columns


def test_the_only_0_10_column_of_a_file_named_for_the_nps_is_its_score(tmp_path):
    """The same export names its score ``survey_result``: refused, though the file is named
    ``NPS_data.csv`` and no other column is answered 0-10. In a file named for the NPS the
    one column answered 0-10 is the score, said; in a file named otherwise, or with two such
    columns, the error stays and names them."""
    rng = np.random.default_rng(49)
    n = 300
    df = pd.DataFrame({"Region": rng.choice(["Lisboa", "Porto"], n),
                       "survey_result": rng.integers(0, 11, n),
                       "sessions": rng.integers(1, 60, n)})
    df.to_csv(tmp_path / "NPS_data.csv", index=False)
    out, report = nt.read_survey(tmp_path / "NPS_data.csv")
    assert report.columns["score"] == "survey_result"
    assert nt.score(out).nps == pytest.approx(nt.score(df["survey_result"]).nps)
    assert any("the only column answered 0-10 in a file named for the NPS ('NPS_data.csv')"
               in note for note in report.notes)
    df.to_csv(tmp_path / "survey_data.csv", index=False)
    with pytest.raises(nt.ColumnNotFoundError, match="Answered 0-10 in 'survey_result'"):
        nt.read_survey(tmp_path / "survey_data.csv")
    df.assign(effort=rng.integers(0, 11, n)).to_csv(tmp_path / "nps-2021.csv", index=False)
    with pytest.raises(nt.ColumnNotFoundError, match="'survey_result', 'effort'"):
        nt.read_survey(tmp_path / "nps-2021.csv")


def test_scan_reads_answers_dated_by_their_month(tmp_path):
    """scan (DuckDB) reads the month columns read_survey reads, in the engine: the same
    monthly trend, and the only 0-10 column of a file named for the NPS is its score."""
    rng = np.random.default_rng(50)
    n = 900
    df = pd.DataFrame({"patient_uuid": [f"p-{i:05d}" for i in range(n)],
                       "year_month": rng.choice([202104, 202105, 202112], n),
                       "Region": rng.choice(["Lisboa", "Porto"], n),
                       "survey_result": rng.integers(0, 11, n)})
    for month in (df["year_month"], df["year_month"].map(lambda v: f"{v // 100}-{v % 100:02d}"),
                  df["year_month"].map({202104: "Apr-21", 202105: "May-21", 202112: "Dec-21"})):
        df.assign(year_month=month).to_csv(tmp_path / "NPS_data.csv", index=False)
        rel, report = nt.scan(tmp_path / "NPS_data.csv")
        assert report.columns["date"] == "year_month"
        assert report.columns["score"] == "survey_result"
        want = nt.trend(nt.read_survey(tmp_path / "NPS_data.csv")[0], freq="M")
        got = nt.trend(rel, freq="M")
        pd.testing.assert_frame_equal(got[["period", "n", "nps"]], want[["period", "n", "nps"]])


def test_a_table_of_counts_per_group_is_read_as_the_answers_it_counts(tmp_path):
    """A credit cooperative's BI export (rossattofc/links, ``NPS.xlsx``: ``Agência,
    Pesquisados, Qtd Promotores, % Promotor, Qtd Neutros, % Neutro, Qtd Detratores, % Detrator,
    NPS``, with total rows) was refused ("column 'NPS' ... holds numbers from 0 to 1"). It is
    read as the answers it counts, each standing for its category, total rows left out and
    listed: the NPS, the groups and their intervals are those of the counts."""
    rng = np.random.default_rng(51)
    k = 40
    p, a, d = rng.integers(0, 60, k), rng.integers(0, 15, k), rng.integers(0, 12, k)
    n = p + a + d
    body = pd.DataFrame({"Cooperativa": "0230 - Sicredi Conexão",
                         "Agência": [f"0230{i:02d} - UA {i}" for i in range(k)],
                         "Pesquisados": n, "Qtd Promotores": p, "% Promotor": p / n,
                         "Qtd Neutros": a, "% Neutro": a / n, "Qtd Detratores": d,
                         "% Detrator": d / n, "NPS": (p - d) / n})
    total = pd.DataFrame({"Cooperativa": ["Total"], "Agência": [None],
                          "Pesquisados": [n.sum()], "Qtd Promotores": [p.sum()],
                          "% Promotor": [p.sum() / n.sum()], "Qtd Neutros": [a.sum()],
                          "% Neutro": [a.sum() / n.sum()], "Qtd Detratores": [d.sum()],
                          "% Detrator": [d.sum() / n.sum()],
                          "NPS": [(p.sum() - d.sum()) / n.sum()]})
    pd.concat([total, body], ignore_index=True).to_excel(tmp_path / "NPS.xlsx", index=False)
    out, report = nt.read_survey(tmp_path / "NPS.xlsx")
    want = nt.from_counts(promoters=int(p.sum()), passives=int(a.sum()),
                          detractors=int(d.sum()))
    got = nt.score(out)
    assert (got.nps, got.ci_low, got.n) == (want.nps, want.ci_low, want.n)
    assert "1 total or subtotal row(s) left out, so that no answer is counted twice (rows 2)." \
        in report.notes
    assert any("a table of counts per group (promoters 'Qtd Promotores', passives 'Qtd "
               "Neutros', detractors 'Qtd Detratores')" in note for note in report.notes)
    table = nt.segments(out, by="Agência").set_index("Agência")
    first = body["Agência"].iloc[0]
    assert table.loc[first, "n"] == n[0]
    assert table.loc[first, "nps"] == pytest.approx(nt.from_counts(
        promoters=int(p[0]), passives=int(a[0]), detractors=int(d[0])).nps)
    # English names, no total row, each store's NPS in points beside the counts
    english = pd.DataFrame({"Store": ["North", "South", "East", "West"],
                            "Promoters": [30, 12, 10, 8], "Passives": [10, 5, 10, 9],
                            "Detractors": [5, 9, 10, 7], "Responses": [45, 26, 30, 24],
                            "NPS": [55.6, 11.5, 0, 4.2]})
    out, _ = nt.read_survey(english)
    assert nt.score(out).nps == pytest.approx(100 * (60 - 31) / 125)
    # a count typed a billion is refused, not expanded into memory
    with pytest.raises(ValueError, match=r"add up to 1,000,000,113 answers"):
        nt.read_survey(english.assign(Promoters=[30, 1_000_000_000, 10, 8]))
    # an export of answers with 0/1 category flags beside the score is left as it is
    flags = pd.DataFrame({"score": [10, 7, 3, 9], "promoter": [1, 0, 0, 1],
                          "passive": [0, 1, 0, 0], "detractor": [0, 0, 1, 0]})
    assert nt.read_survey(flags)[0]["score"].tolist() == [10, 7, 3, 9]


def test_a_table_of_counts_per_level_or_per_score_is_read_as_the_answers(tmp_path):
    """A smiley terminal's daily export (tafseerahmed/UniCafe-Data-Analysis,
    ``customer_feedback.csv``: ``Date, ..., Extremely Negative, Extremely Negative %,
    Negative, ..., Extremely Positive %, Total, Index, Net Promoter Score(tm), Red %, Green %``)
    was refused as having no 0-10 column. Its four faces are read as categories the way its
    own NPS column computes them (only that split reproduces it), as the answers counted,
    with no row taken for a repeat; without such a column the error names the levels and
    scale=; counts per score 0-10 are read with their scores."""
    rng = np.random.default_rng(60)
    k = 30
    faces = rng.integers(0, 40, (k, 4)) * [1, 2, 8, 10]
    n = faces.sum(axis=1)
    own = np.round(100 * (faces[:, 3] - faces[:, 0] - faces[:, 1]) / n)
    table = pd.DataFrame({"Area": "Cafe", "Date": pd.date_range("2024-01-01", periods=k)
                          .strftime("%d/%m/%Y"), "Day of Week": "monday",
                          "Extremely Negative": faces[:, 0],
                          "Extremely Negative %": np.round(100 * faces[:, 0] / n, 2),
                          "Negative": faces[:, 1], "Positive": faces[:, 2],
                          "Extremely Positive": faces[:, 3], "Total": n,
                          "Net Promoter Score(tm)": own.astype(int)})
    table.to_csv(tmp_path / "faces.csv", index=False)
    out, report = nt.read_survey(tmp_path / "faces.csv")
    want = nt.from_counts(promoters=int(faces[:, 3].sum()), passives=int(faces[:, 2].sum()),
                          detractors=int(faces[:, :2].sum()))
    got = nt.score(out)
    assert (got.nps, got.n) == (want.nps, want.n) and report.rows_kept == want.n
    assert any(f"read as categories the way the file's own 'Net Promoter Score(tm)' column "
               f"computes its NPS (it agrees on {k} of {k} rows): promoters 'Extremely "
               "Positive', passives 'Positive', detractors 'Extremely Negative', 'Negative'"
               in note for note in report.notes)
    # the figures beside the counts (text in a CSV) are dropped, the names of groups kept
    assert {"Total", "Extremely Negative %", "Negative"}.isdisjoint(out.columns)
    assert {"Area", "Day of Week"} <= set(out.columns)
    # no column to say which faces are promoters: refused, naming the levels and scale=
    bare = table.drop(columns="Net Promoter Score(tm)")
    with pytest.raises(nt.InvalidScoreError, match=r"counts per answer of a 4-level scale "
                       r"\('Extremely Negative', 'Negative', 'Positive', 'Extremely Positive', "
                       r"low to high\).*--scale \"Extremely Negative=0,Negative=3,Positive=7,"
                       r"Extremely Positive=10\""):
        nt.read_survey(bare)
    mapping = {"Extremely Negative": 0, "Negative": 4, "Positive": 8, "Extremely Positive": 10}
    mapped, report = nt.read_survey(bare, scale=mapping)
    assert mapped["score"].value_counts().to_dict() == {
        v: int(faces[:, i].sum()) for i, v in enumerate(mapping.values())}
    # a file's NPS column that no split reproduces leaves the decision to the analyst
    with pytest.raises(nt.InvalidScoreError, match="no column of the file says"):
        nt.read_survey(table.assign(**{"Net Promoter Score(tm)": rng.integers(-50, 50, k)}))
    # counts per score 0-10 per store: the answers with their own scores
    per_score = rng.integers(0, 20, (4, 11))
    stores = pd.DataFrame(per_score, columns=[str(v) for v in range(11)]).assign(
        Store=["North", "South", "East", "West"], Responses=per_score.sum(axis=1))
    out, report = nt.read_survey(stores)
    assert out["score"].value_counts().sort_index().tolist() == per_score.sum(axis=0).tolist()
    assert any("a table of counts per score ('0', '1'" in note for note in report.notes)
    assert (out["Store"] == "West").sum() == per_score[3].sum()
    # questions numbered 1-10 answered 1-5 are no counts per score (no column 0): refused
    questions = pd.DataFrame(rng.integers(1, 6, (40, 10)),
                             columns=[str(v) for v in range(1, 11)])
    with pytest.raises(nt.ColumnNotFoundError):
        nt.read_survey(questions)


def _csv(folder, frame: pd.DataFrame, name: str = "export.csv"):
    """``frame`` written as a CSV in ``folder``; its path."""
    path = folder / name
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(("names", "labels"), [
    (("Answer Choices", "Responses (%)", "Responses (count)"), "vendor"),
    (("score", None, "count"), "plain"),
    (("Nota", None, "Quantidade"), "reversed"),
    (("Note", "Anteil %", "Anzahl"), "plain"),
    (("추천 점수", None, "응답 수"), "plain"),
    (("评分", None, "人数"), "plain"),
])
def test_a_table_of_how_many_gave_each_score_is_read_as_the_answers(tmp_path, names, labels):
    """A question summary (SurveyMonkey's ``Answer Choices, Responses (%), Responses
    (count)``; a BI tool's ``score, count``): one row per score with how many gave it. Read
    as answers it was 11 answers whatever the counts, with the NPS of the 11 scores,
    silently; scan did the same. Now read as the answers it counts, each with its score
    (checked against the scores repeated by numpy), per group when a group column is there;
    scan stops and says so. Files of answers with a count column are not taken for one."""
    rng = np.random.default_rng(77)
    counts = rng.integers(0, 60, 11)
    scores = np.arange(11)[::-1] if labels == "reversed" else np.arange(11)
    table = {names[0]: [f"{v} - Extremely likely" if v == 10 and labels == "vendor" else v
                        for v in scores], names[2]: counts}
    if names[1]:
        table[names[1]] = [f"{100 * c / counts.sum():.1f}%" for c in counts]
    path = tmp_path / "summary.csv"
    pd.DataFrame(table).to_csv(path, index=False)
    out, report = nt.read_survey(path)
    answers = np.repeat(scores, counts)
    assert sorted(out["score"].tolist()) == sorted(answers.tolist())
    want = 100 * ((answers >= 9).mean() - (answers <= 6).mean())
    assert nt.score(out).nps == pytest.approx(want) and nt.score(out).n == counts.sum()
    assert any(f"a table of how many gave each score ({names[0]!r}, counted in {names[2]!r}): "
               f"read as the {counts.sum():,} answers it counts" in n for n in report.notes)
    with pytest.raises(ValueError, match=r"a table of how many gave each score.*read_survey"):
        nt.scan(path)


def test_a_table_of_how_many_gave_each_score_per_group_and_files_that_are_not(tmp_path):
    rng = np.random.default_rng(78)
    per = rng.integers(1, 30, (3, 11))
    table = pd.DataFrame({"Branch": np.repeat(["North", "South", "East"], 11),
                          "Score": np.tile(np.arange(11), 3), "N": per.ravel()})
    out, _ = nt.read_survey(table.sample(frac=1, random_state=1))
    got = out.groupby("Branch")["score"].value_counts().unstack().sort_index()
    assert got.loc["South"].tolist() == per[1].tolist()
    # with a subtotal under each branch and the NPS under all: left out, by row
    subtotals = pd.DataFrame({"Branch": ["North", "South", "East"], "Score": "Total",
                              "N": per.sum(axis=1)})
    rows = pd.concat([table, subtotals, pd.DataFrame({"Branch": [None], "Score": ["NPS"],
                                                      "N": [12]})], ignore_index=True)
    out, report = nt.read_survey(_csv(tmp_path, rows.astype({"Score": str})))
    assert len(out) == per.sum() and out["score"].value_counts().sort_index().tolist() == \
        per.sum(axis=0).tolist()
    assert "4 total or subtotal row(s) left out, so that no answer is counted twice (rows 35, " \
        "36, 37, 38)." in report.notes
    # answers with a count beside them (orders, visits) stay answers: keyed by a customer,
    # or with scores repeating in a group
    n = 400
    for extra in ({"customer_id": [f"C{i}" for i in range(n)]},
                  {"channel": rng.choice(["web", "app"], n)}, {}):
        answers = pd.DataFrame({**extra, "score": rng.integers(0, 11, n),
                                "count": rng.integers(1, 9, n)})
        out, report = nt.read_survey(answers)
        assert len(out) == n and not any("how many gave" in x for x in report.notes)
        relation, _ = nt.scan(_csv(tmp_path, answers))
        assert int(nt.summarize(relation)["n"].item()) == n


def test_scan_refuses_with_read_survey_s_words_where_it_finds_no_score(tmp_path):
    """Bands that straddle two categories (``8–9 — Very likely``): read_survey says why no
    NPS can be computed; scan said "no column ... with mostly 0-10 values" of a column that
    asks the question. It now gives read_survey's account, and where read_survey reads a
    layout scan does not (bands within one category each), names it."""
    rng = np.random.default_rng(79)
    q = "How likely are you to recommend us?"
    options = ["10 — Definitely", "8–9 — Very likely", "6–7 — Maybe", "Under 6 — Unlikely"]
    path = _csv(tmp_path, pd.DataFrame({q: rng.choice(options, 200), "comment": "ok"}))
    with pytest.raises(nt.InvalidScoreError, match="in bands of scores, and some take in two"):
        nt.read_survey(path)
    with pytest.raises(nt.InvalidScoreError, match="in bands of scores, and some take in two"):
        nt.scan(path)
    path = _csv(tmp_path, pd.DataFrame({q: rng.choice(["9-10", "7-8", "0-6"], 200)}))
    assert len(nt.read_survey(path)[0]) == 200
    with pytest.raises(nt.ColumnNotFoundError, match=r"read_survey reads the file's first 200 "
                       r"rows .*a layout scan does not read"):
        nt.scan(path)


def test_a_table_of_shares_without_counts_is_refused_saying_what_it_needs():
    """A table of each village's shares (ChairmanMusoke/SEs_Work, ``NPS.xlsx``:
    ``Detractors(%), Passives(%), Promoters(%), Overall NPS (%)``) cannot give an interval
    without how many answered: the error says so and what to export; with the counts the
    same table is read."""
    shares = pd.DataFrame({"village_1": ["Katerera", "Kayonza_A", "Kikuba"],
                           "Detractors(%)": [0, 20, 10], "Passives(%)": [0, 30, 40],
                           "Promoters(%)": [100, 50, 50], "Overall NPS (%)": [100, 30, 40]})
    with pytest.raises(nt.ColumnNotFoundError, match=r"shares of promoters, passives and "
                       r"detractors \('Promoters\(%\)', 'Passives\(%\)', 'Detractors\(%\)'\) "
                       r"but not how many answered"):
        nt.read_survey(shares)
    counts = shares.assign(Promoters=[10, 5, 5], Passives=[0, 3, 4], Detractors=[0, 2, 1])
    assert nt.score(nt.read_survey(counts)[0]).n == 30


def test_survey_answers_kept_as_json_are_read(tmp_path):
    """Survey tools' APIs hand out JSON: an envelope around the list of responses (Typeform's
    ``items``, each with its ``answers`` naming their question), JSON Lines of flat responses
    with a nested person (Delighted-like), or a plain list. Each is read one row per
    response, the answers one column per question, said; anything else is an error."""
    import gzip
    import json

    rng = np.random.default_rng(52)
    scores = rng.integers(0, 11, 60)
    items = {"total_items": 60, "page_count": 1, "items": [
        {"response_id": f"r{i}", "submitted_at": f"2025-03-{1 + i % 28:02d}T10:00:00Z",
         "hidden": {"customer_id": f"C{i % 45}"},
         "answers": [
             {"field": {"id": "a1", "ref": "nps", "type": "opinion_scale"}, "type": "number",
              "number": int(s)},
             {"field": {"id": "a2", "ref": "why", "type": "long_text"}, "type": "text",
              "text": f"reason {i}"},
             {"field": {"id": "a3", "ref": "plan"}, "type": "choice",
              "choice": {"label": rng.choice(["Free", "Pro"])}}]}
        for i, s in enumerate(scores)]}
    (tmp_path / "typeform.json").write_text(json.dumps(items))
    out, report = nt.read_survey(tmp_path / "typeform.json")
    assert report.columns["score"] == "nps" and report.columns["comment"] == "why"
    assert report.columns["customer_id"] == "hidden.customer_id"  # a field by its own name
    assert out["score"].tolist() == scores.tolist() and set(out["plan"]) <= {"Free", "Pro"}
    assert any("the answers in 'answers' each name their question" in n for n in report.notes)
    assert any("read 60 responses from the JSON list at 'items'" in n for n in report.notes)
    lines = "\n".join(json.dumps({"id": i, "person": {"email": f"p{i % 40}@x.com"},
                                  "score": int(s), "comment": "fine",
                                  "tags": ["web", "eu"], "created_at": 1690000000 + i * 3600})
                      for i, s in enumerate(scores))
    with gzip.open(tmp_path / "delighted.jsonl.gz", "wt") as f:
        f.write(lines)
    out, report = nt.read_survey(tmp_path / "delighted.jsonl.gz")
    assert report.columns["customer_id"] == "person.email"
    assert out["tags"].iloc[0] == "web; eu" and out["score"].tolist() == scores.tolist()
    # as Windows PowerShell writes it (UTF-16 with a byte-order mark), and in Latin-1
    plain = json.dumps([{"score": int(s), "comment": "très bien"} for s in scores[:40]],
                       ensure_ascii=False)
    (tmp_path / "ps.json").write_bytes(plain.encode("utf-16"))
    (tmp_path / "latin.json").write_bytes(plain.encode("latin-1"))
    for name in ("ps.json", "latin.json"):
        out, _ = nt.read_survey(tmp_path / name)
        assert out["score"].tolist() == scores[:40].tolist()
        assert out["comment"].iloc[0] == "très bien"
    # Google Sheets' API: rows of values under a row of names (short rows padded)
    sheet = {"range": "Form Responses 1!A1:C41", "majorDimension": "ROWS",
             "values": [["Timestamp", "How likely are you to recommend us?", "Why?"]]
             + [[f"3/{1 + i % 28}/2025 10:{i:02d}:00", str(s)] + (["great"] if i % 2 else [])
                for i, s in enumerate(scores[:40])]}
    (tmp_path / "sheet.json").write_text(json.dumps(sheet))
    out, report = nt.read_survey(tmp_path / "sheet.json")
    assert out["score"].tolist() == scores[:40].tolist()
    assert out["comment"].notna().sum() == 20 and report.columns["date"] == "Timestamp"
    (tmp_path / "bad.json").write_text('{"total": 3}')
    with pytest.raises(ValueError, match="holds no list of responses"):
        nt.read_survey(tmp_path / "bad.json")
    (tmp_path / "cut.json").write_text('[{"score": 9}, {"score"')
    with pytest.raises(ValueError, match="is not valid JSON"):
        nt.read_survey(tmp_path / "cut.json")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)  # hostile
    with pytest.raises(ValueError, match="nests its JSON too deeply"):
        nt.read_survey(tmp_path / "deep.json")


def test_empty_columns_without_a_name_are_dropped_and_said(tmp_path):
    """A sheet whose table starts in column C (two blank columns before it), or a CSV whose
    rows end in delimiters, gave blank columns ``column_1``, ``column_2`` in the frame. Columns
    with neither a name nor a value are dropped, said; a named column left blank stays."""
    import openpyxl

    rng = np.random.default_rng(53)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.cell(2, 3, "NPS Survey Q1 2025")
    for j, h in enumerate(["Customer", "Score", "Comment", "Region"]):
        ws.cell(4, 3 + j, h)
    for i in range(40):
        ws.cell(5 + i, 3, f"C{i}")
        ws.cell(5 + i, 4, int(rng.integers(0, 11)))
    wb.save(tmp_path / "offset.xlsx")
    out, report = nt.read_survey(tmp_path / "offset.xlsx")
    assert list(out.columns) == ["customer_id", "score", "Comment", "Region"]
    assert "dropped 2 empty column(s) without a name ('column_1', 'column_2')." in report.notes
    (tmp_path / "trail.csv").write_text("NPS,Comment,,\n9,ok,,\n3,bad, ,\n")
    out, report = nt.read_survey(tmp_path / "trail.csv")
    assert list(out.columns) == ["score", "comment"]
    assert any("dropped 2 empty column(s) without a name" in n for n in report.notes)


def test_a_chinese_product_survey_kept_as_json(tmp_path):
    """A dairy maker's product NPS survey as its analysis tool exports it
    (SyncPort-ai/Yili-NPS-Answer-Analyzer-V3, ``data/*.json``): the answers under
    ``yili_survey_data_input.data_list``, the score written with its unit ("5分"), an AI flag's
    reason column left empty before the reasons asked of those who would not recommend (Q3)
    and of those who would (Q5). Refused before ("could not find the 0-10 recommend score
    column"); the empty column was the comment and blocked the merge of Q3 and Q5. Now the
    score is read (its NPS is the file's own: 34% promoters, 39% detractors), the empty
    column skipped, and Q3 and Q5 merged into the comments, one respondent having written in
    both as small surveys do."""
    import json

    rng = np.random.default_rng(55)
    n = 100
    scores = rng.integers(0, 11, n)
    q3 = np.where(scores <= 6, rng.choice(["包装设计不好", "价格太贵", "口感不好"], n), "")
    q5 = np.where(scores >= 9, rng.choice(["好喝、包装好看", "性价比高", "口味比较多"], n), "")
    q5[int(np.flatnonzero(scores <= 6)[0])] = "不了解"  # one respondent wrote in both boxes
    rows = [{"样本编码": str(i + 1), "AI标记状态": "未标记", "AI标记原因": "",
             "答题时间": f"2025-08-{1 + i % 28:02d} 16:16:29",
             "Q1您向朋友或同事推荐我们的可能性多大？": f"{s}分",
             "Q3 您不愿意推荐我们的具体原因是什么？": str(a),
             "Q5 您愿意推荐我们的具体原因是什么？": str(b)}
            for i, (s, a, b) in enumerate(zip(scores, q3, q5, strict=True))]
    doc = {"yili_survey_data_input": {"base_analysis_result": "...", "data_list": rows}}
    (tmp_path / "product.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    out, report = nt.read_survey(tmp_path / "product.json")
    assert out["score"].tolist() == scores.tolist()
    assert any("written in words or with a label were read as their number ('" in note
               and "分' ->" in note for note in report.notes)
    assert report.columns["comment"].startswith("Q3 ") and "Q5 " in report.columns["comment"]
    said = out["comment"].dropna()
    assert len(said) == int((scores <= 6).sum() + (scores >= 9).sum())
    # a column named like a comment but empty in every row is passed over for the next one
    blank = pd.DataFrame({"score": scores, "AI reason": "", "Why?": rng.choice(["ok", "slow"], n)})
    assert nt.read_survey(blank)[1].columns["comment"] == "Why?"
    # other units of points
    for written, value in (("8점", 8), ("7 points", 7), ("9 баллов", 9), ("6 Punkte", 6),
                           ("10 pts", 10), ("3 puntos", 3)):
        got, _ = nt.read_survey(pd.DataFrame({"score": [written, "5"]}))
        assert got["score"].tolist() == [value, 5]


def test_column_names_in_camel_case_are_read_as_their_words():
    """A hotel's review export (AfagSalman/Hotel_Analysis, ``Reviews.csv``: ``FeedbackID,
    GuestID, HotelID, ReviewComments, ReviewType, ReviewScore, RecommendationLikelihood``)
    had its comments left out: ``ReviewComments`` matched no comment name. Names written in
    camelCase are also matched as their words, for every role."""
    df = pd.DataFrame({"FeedbackID": ["F1", "F2", "F3"], "GuestID": [7, 8, 9],
                       "ReviewComments": ["Lovely room", "Cold food", "Fine"],
                       "SurveyDate": ["2024-01-05", "2024-01-09", "2024-02-01"],
                       "NPSScore": [10, 3, 8]})
    _, report = nt.read_survey(df)
    assert report.columns == {"score": "NPSScore", "comment": "ReviewComments",
                              "date": "SurveyDate", "customer_id": "GuestID",
                              "response_id": "FeedbackID"}
    # the same names written as words or in one piece keep being read as before
    words = df.rename(columns={"ReviewComments": "review comments", "NPSScore": "npsscore"})
    assert nt.read_survey(words)[1].columns["comment"] == "review comments"


@pytest.mark.parametrize("write", [str.upper, str.lower])
def test_column_names_run_together_in_one_case_are_read_as_their_words(write):
    """The same export written by a database or SAS (``REVIEWCOMMENTS``, ``feedbackid``):
    camelCase kept the words, one case loses them, and the comments, ids and the answer
    date were left out. A name made of nothing but the role lists' words is read as them
    (with a number after: ``STARTDATE1``); a name that is not (``CANDIDATE``,
    ``SCOREBOARD``) is not split into any."""
    df = pd.DataFrame({"FeedbackID": ["F1", "F2", "F3"], "GuestID": [7, 8, 9],
                       "ReviewComments": ["Lovely room", "Cold food", "Fine"],
                       "SurveyedAt": ["2024-01-05", "2024-01-09", "2024-02-01"],
                       "RecommendationLikelihood": [10, 3, 8],
                       "Candidate": ["a", "b", "c"], "Scoreboard": [1, 2, 3]})
    _, report = nt.read_survey(df.rename(columns=write))
    assert report.columns == {k: write(v) for k, v in {
        "score": "RecommendationLikelihood", "comment": "ReviewComments",
        "date": "SurveyedAt", "customer_id": "GuestID", "response_id": "FeedbackID"}.items()}
    from nps_toolkit.loading.rolenames import _name_forms

    assert _name_forms("STARTDATE1")[-1] == "start date 1"
    # each word of a name (KoBoToolbox's group paths: "group_nps/why_score")
    assert _name_forms("GROUPNPS/WHYSCORE")[-1] == "groupnps why score"
    assert _name_forms("CANDIDATE") == ("candidate",) and _name_forms("scoreboard") == (
        "scoreboard",)


def test_a_customer_list_whose_id_is_not_named_so_is_matched_by_the_answers_ids():
    """A hotel's guest list (AfagSalman/Hotel_Analysis, ``Guests.csv``) names its id
    ``GuestlD`` - a lower-case L for the I - so --customers stopped ("could not find the
    customer id column of the customer list"). Given the answers, the list's column holding
    their customer ids is its id, said with how many; a column of repeated values (a group)
    or of other numbers is never taken, and without the answers the error stays."""
    rng = np.random.default_rng(62)
    guests = pd.DataFrame({"GuestlD": np.arange(1, 401), "RoomCount": rng.integers(1, 4, 400),
                           "Age": rng.integers(18, 90, 400),
                           "CustomerType": rng.choice(["Leisure", "Business"], 400)})
    answers = pd.DataFrame({"GuestID": rng.choice(np.arange(1, 401), 300, replace=False),
                            "score": rng.integers(0, 11, 300)})
    df, _ = nt.read_survey(answers)
    listed, report = nt.read_customers(guests, answers=df)
    assert report.columns == {"customer_id": "GuestlD"} and len(listed) == 400
    assert ("column 'GuestlD' taken as the customer id: it holds 300 of the answers' 300 "
            "customer ids (pass customer= to choose another).") in report.notes
    joined = nt.join_customers(df, listed)
    assert joined["CustomerType"].notna().all()
    with pytest.raises(nt.ColumnNotFoundError, match="could not find the customer id column"):
        nt.read_customers(guests)
    # answers whose ids the list does not hold (fewer than half): not guessed
    others = df.assign(customer_id=df["customer_id"] + 1000)
    with pytest.raises(nt.ColumnNotFoundError, match="could not find the customer id column"):
        nt.read_customers(guests, answers=others)


def test_google_and_microsoft_forms_exports_in_any_language():
    """A Uruguayan restaurant's Google Forms export (ladiesman16/restaurant-survey-sql,
    ``encuesta.csv``) has the quiz's points column ``Puntuación``, 0 in every row, and its
    answer time is ``Marca temporal``; a Microsoft Forms export
    (Mortadelo24/mejora-infrastructura-hospitalaria-managua-nicaragua) writes ``anonymous``
    in ``Email``. A column holding one number throughout is passed over for the recommend
    question (said) or refused as no answers; Google's "Timestamp" is the date in the
    languages it is written in; "anonymous" is no customer, never one customer answering
    every row."""
    rng = np.random.default_rng(63)
    n = 40
    question = "¿Qué probabilidad hay de que nos recomiende a un amigo?"
    for stamp in ("Marca temporal", "Horodateur", "Zeitstempel", "Carimbo de data/hora",
                  "Informazioni cronologiche", "Отметка времени", "타임스탬프"):
        form = pd.DataFrame({stamp: pd.date_range("2024-01-01", periods=n).strftime(
            "%d/%m/%Y %H:%M:%S"), "Puntuación": 0, question: rng.integers(0, 11, n)})
        df, report = nt.read_survey(form)
        assert report.columns == {"score": question, "date": stamp}
        assert not any("found by its content" in note for note in report.notes)
    assert ("column 'Puntuación' holds the same number in every row (a Google Forms quiz's "
            f"points): {question!r} is read as the score") in report.notes[0]
    with pytest.raises(nt.InvalidScoreError, match=r"has 40 answers, all 0: the same number"):
        nt.read_survey(form.drop(columns=question))
    ms = pd.DataFrame({"Id": range(n), "Start time": "10/25/2025 6:55",
                       "Completion time": "10/25/2025 6:58", "Email": "anonymous",
                       "Name": None, "NPS": rng.integers(0, 11, n)})
    _, report = nt.read_survey(ms)
    assert "customer_id" not in report.columns and report.columns["date"] == "Completion time"
    some = ms.assign(Email=["anonymous"] * 30 + [f"u{i}@example.com" for i in range(10)])
    df, report = nt.read_survey(some)
    assert df["customer_id"].isna().sum() == 30 and df["customer_id"].nunique() == 10
    assert ("customer ids in 'Email': 30 answer(s) name no customer ('anonymous') and are "
            "read without one") in " ".join(report.notes)


def test_the_checks_for_tables_of_counts_and_categories_read_names_before_cells(monkeypatch):
    """The checks for a table of counts per level and for a column of categories ran
    through every column's cells of every export: 10 s and 4 s on a 37-column export of
    500,000 rows. An export of answers is told apart by its names and its first cells."""
    from nps_toolkit.loading import counts

    calls = []
    monkeypatch.setattr(counts, "_whole_counts", lambda s: calls.append(s.name) or False)
    rng = np.random.default_rng(64)
    n = 5000
    df = pd.DataFrame({"ResponseId": [f"R_{i}" for i in range(n)], "NPS": rng.integers(0, 11, n),
                       "Comment": "ok", "Q3": rng.integers(1, 6, n),
                       "region": rng.choice(["North", "South"], n),
                       "Status": rng.choice(["Promoter", "Passive", "Detractor"], n)})
    notes: list[str] = []
    out, _ = counts._answers_from_counts(df, notes, np.arange(n))
    assert out is df and calls == []
    from nps_toolkit.loading import profile

    monkeypatch.setattr(profile, "_category_column", lambda *a: calls.append("categories"))
    out, name, _ = counts._answers_from_categories(df, notes)
    assert out is df and name is None and notes == [] and calls == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["n/a", "anonymous", "-", "NULL", ""]),
                          st.text(alphabet=st.sampled_from([*"aAbB09@. -_\t\u00e9\u0301\u200b"]),
                                  max_size=8)), min_size=1, max_size=12))
@example(["BO@X.COM", "C1"])
@example(["C1", "c1"])
@example(["ANA  ROCHA", "C1 "])
def test_clean_customer_ids_are_told_without_factorising_them(ids):
    """_clean_ids returns ids that need nothing as they are without factorising them
    (0.27 -> 0.13 s on a million ids): on any ids, the same result and notes as the full
    path, which is what the fast check must never get wrong."""
    from nps_toolkit.loading import ids as module

    column = pd.Series(ids, dtype=pd.StringDtype("pyarrow"))
    fast_notes: list[str] = []
    fast = module._clean_ids(column, fast_notes, "customer")
    check = module._clean_already
    module._clean_already = lambda _: False  # the full path
    try:
        full_notes: list[str] = []
        full = module._clean_ids(column, full_notes, "customer")
    finally:
        module._clean_already = check
    assert fast.equals(full) and fast_notes == full_notes


def test_customer_ids_are_cleaned_alike_by_arrow_and_by_python():
    """Cleaning 300,000 distinct ids ran Python's regular expressions on each (0.2 s of a
    1M-row read): Arrow's kernels now do it, with Python's ``\\s`` (every Unicode space,
    ``\\x1c``-``\\x1f``, ``\\x85``) spelled out for RE2. Checked against plain Python on
    seeded strings of spaces, e-mail signs and letters; accents stored as separate marks
    are composed and characters that show nothing (zero-width space, byte-order mark,
    direction marks) taken out, as in the other columns (``loading.tidy``)."""
    import re
    import unicodedata

    from nps_toolkit.loading.ids import _EMAIL, _spaces_and_emails

    rng = np.random.default_rng(65)
    alphabet = [*"ab@.Cxe1 ", "\t", "\n", "\xa0", "\u3000", "\x1c", "\x85", "\u2028",
                "\u200b", "\u202f", "ß", "É", "\u0301", "\ufeff", "\u200e", "\u200d"]
    values = ["".join(rng.choice(alphabet, rng.integers(0, 12))) for _ in range(20_000)]
    values += ["  Bo@X.com ", "a\xa0\xa0b", "X@Y.Z\u3000", "a @b.c", "Jose\u0301"]
    shown = [unicodedata.normalize("NFC", re.sub("[\u200b\ufeff\u200e]", "", v))
             for v in values]
    spaced = [re.sub(r"\s+", " ", v.strip()) for v in shown]
    emails = [re.fullmatch(_EMAIL, v) is not None for v in spaced]
    want = [v.lower() if e else v for v, e in zip(spaced, emails, strict=True)]
    for storage in ("pyarrow", "python"):
        clean, email = _spaces_and_emails(pd.Series(values, dtype=f"string[{storage}]"))
        assert clean.tolist() == want and email.tolist() == emails


def test_a_questionnaires_definition_is_told_apart_from_its_answers(tmp_path):
    """An XLSForm (codeisstandard/XLSForm-Templates, ``NPS.xlsx``: sheets ``survey``,
    ``choices``, ``settings``) defines the NPS question for ODK or KoboToolbox; read as answers
    it gave only "could not find the 0-10 recommend score column". The error says it is the
    questionnaire and what to export instead; a file of answers with a ``type`` column does
    not get that line."""
    form = pd.DataFrame({"type": ["select_one nps", "text", "begin_group", "integer",
                                  "end_group"],
                         "name": ["recommend", "why", "g", "age", ""],
                         "label::English": ["How likely is it that you would recommend us?",
                                            "Why?", "About you", "Age", None]})
    with pd.ExcelWriter(tmp_path / "form.xlsx") as xl:
        form.to_excel(xl, sheet_name="survey", index=False)
        pd.DataFrame({"form_title": ["NPS"]}).to_excel(xl, sheet_name="settings", index=False)
    with pytest.raises(nt.ColumnNotFoundError, match="This is a questionnaire's definition "
                                                     r"\(an XLSForm"):
        nt.read_survey(tmp_path / "form.xlsx")
    answers = pd.DataFrame({"type": ["retail", "online"] * 3, "name": list("abcdef"),
                            "label": ["x"] * 6, "comment": ["ok"] * 6})
    with pytest.raises(nt.ColumnNotFoundError) as info:
        nt.read_survey(answers)
    assert "questionnaire's definition" not in str(info.value)


def test_a_kobotoolbox_export_is_dated_by_its_submission_time():
    """KoboToolbox and ODK exports name questions by their group path
    (``group_nps/recommend``) and carry ``start``, ``end`` and ``_submission_time``: the
    answer is dated by its submission, not by when the form was opened. LimeSurvey's
    ``submitdate`` dates an answer as completed."""
    rng = np.random.default_rng(66)
    n = 40
    kobo = pd.DataFrame({"start": pd.date_range("2024-03-01", periods=n, freq="h").strftime(
                             "%Y-%m-%dT%H:%M:%S.000+03:00"),
                         "group_intro/district": rng.choice(["Gulu", "Mbarara"], n),
                         "group_nps/recommend": rng.integers(0, 11, n),
                         "group_nps/why_score": rng.choice(["good", "slow payments"], n),
                         "_id": range(n), "_submission_time": pd.date_range(
                             "2024-03-05", periods=n, freq="h").strftime("%Y-%m-%dT%H:%M:%S")})
    # LimeSurvey: "submitdate" (completed) over "startdate"
    lime = pd.DataFrame({"id": range(n), "startdate": "2024-02-01 10:00:00",
                         "submitdate": "2024-02-02 10:00:00",
                         "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?":
                         rng.integers(0, 11, n)})
    assert nt.read_survey(lime)[1].columns["date"] == "submitdate"
    _, report = nt.read_survey(kobo)
    assert report.columns == {"score": "group_nps/recommend",
                              "comment": "group_nps/why_score", "date": "_submission_time",
                              "response_id": "_id"}


def test_qualtrics_nps_group_column_is_the_category_not_the_score():
    """A Qualtrics NPS question exports beside its 0-10 answers a ``Q1_NPS_GROUP`` column
    coded 1 (detractor), 2 (passive), 3 (promoter). Without the question-text rows it was
    taken for the score and refused as a 1-5 rating. It is the category: ``Q1`` is the score
    (said), and the group column is checked against it with Qualtrics' codes."""
    rng = np.random.default_rng(67)
    n = 50
    score = rng.integers(0, 11, n)
    group = np.where(score >= 9, 3, np.where(score >= 7, 2, 1))
    group[4] = 3 if score[4] < 9 else 1  # one answer whose group disagrees with its score
    df, report = nt.read_survey(pd.DataFrame({"ResponseId": [f"R_{i}" for i in range(n)],
                                              "Q1_NPS_GROUP": group, "Q1": score}))
    assert report.columns["score"] == "Q1" and df["score"].tolist() == score.tolist()
    assert ("column 'Q1' read as the score: Qualtrics names the category column of its NPS "
            "question after it ('Q1_NPS_GROUP').") in report.notes
    check = nt.profile_export(df, codeframes=False).category_check
    assert (check["column"], check["checked"], check["disagree"]) == ("Q1_NPS_GROUP", n, 1)
    assert check["examples"] == [f"response #5: {group[4]} with score {score[4]}"]
    # a category column named for the NPS is never the score, whatever its codes
    named = pd.DataFrame({"NPS Group": group, "NPS Value": score})
    assert nt.read_survey(named)[1].columns["score"] == "NPS Value"


def test_a_column_per_month_or_quarter_is_read_as_dated_answers():
    """One row per account with the recommend question of each month or quarter in a column
    of its own (``NPS Jan 2024``, ``NPS Q1 2024``, ``NPS 2024-01``, ``2024Q4 Recommend``,
    ``NPS März 2024``; or waves before the name, ``Wave 1 NPS``): only the first was read,
    the others left as columns of numbers. Each is read one row per answer, months and
    quarters dated by their first day (trends by month or quarter), waves and years with
    their number, the comments of the same periods stacked with them."""
    rng = np.random.default_rng(68)
    n = 60
    cases = {("NPS Dec 2023", "NPS Jan 2024", "NPS Feb 2024"):
             ["2023-12-01", "2024-01-01", "2024-02-01"],
             ("NPS Q4 2023", "NPS Q1 2024"): ["2023-10-01", "2024-01-01"],
             ("NPS 2024-01", "NPS 2024-02"): ["2024-01-01", "2024-02-01"],
             ("2024Q4 Recommend", "2025Q1 Recommend"): ["2024-10-01", "2025-01-01"],
             ("NPS März 2024", "NPS April 2024"): ["2024-03-01", "2024-04-01"]}
    for columns, starts in cases.items():
        answered = {c: np.where(rng.random(n) < 0.8, rng.integers(0, 11, n), np.nan)
                    for c in columns}
        raw = pd.DataFrame({"Account": [f"A{i}" for i in range(n)], **answered})
        df, report = nt.read_survey(raw)
        want = np.concatenate([a[~np.isnan(a)] for a in answered.values()])
        assert df["score"].tolist() == want.astype(int).tolist()
        got = df["date"].dt.strftime("%Y-%m-%d")
        assert got.tolist() == np.repeat(starts, [int((~np.isnan(a)).sum())
                                                  for a in answered.values()]).tolist()
        assert "wave" not in df.columns and not set(columns) & set(df.columns)
        assert any("a column per month or quarter" in note for note in report.notes)
    waves = pd.DataFrame({"Account": ["A", "B", "C"], "Wave 1 NPS": [9, 3, 7],
                          "Wave 2 NPS": [10, None, 6], "Wave 1 Comment": ["ok", "bad", "fine"],
                          "Wave 2 Comment": ["great", None, "meh"]})
    df, report = nt.read_survey(waves)
    assert df[["customer_id", "wave", "score", "comment"]].values.tolist() == [
        ["A", 1, 9, "ok"], ["B", 1, 3, "bad"], ["C", 1, 7, "fine"], ["A", 2, 10, "great"],
        ["C", 2, 6, "meh"]]
    # months of another measure are not stacked: only the recommend question's columns are
    revenue = pd.DataFrame({"NPS": [9, 3, 7], "Revenue Jan 2024": [1.0, 2.0, 3.0],
                            "Revenue Feb 2024": [2.0, 3.0, 4.0]})
    assert len(nt.read_survey(revenue)[0]) == 3


def test_survey_previews_tests_and_spam_are_left_out_and_listed(tmp_path):
    """Qualtrics marks its previews, tests and spam in ``Status`` (``Survey Preview``,
    ``Survey Test``, ``Spam``; codes 1, 2, 8 in a numeric export) and ``DistributionChannel``
    (``preview``, ``test``); Alchemer marks screened-out respondents ``Disqualified``. They
    were counted in the NPS. They are left out, listed by row; a column of the customer's
    own status (``Active``, ``Churned``) is no such column."""
    rng = np.random.default_rng(69)
    n = 40
    status = ["IP Address"] * 34 + ["Survey Preview", "Survey Test", "Spam", "IP Address",
                                    "IP Address", "Survey Preview"]
    channel = ["anonymous"] * 37 + ["preview", "test", "anonymous"]
    scores = rng.integers(0, 11, n)
    df, report = nt.read_survey(pd.DataFrame({"ResponseId": [f"R_{i}" for i in range(n)],
                                              "Status": status, "DistributionChannel": channel,
                                              "NPS": scores}))
    marked = [34, 35, 36, 37, 38, 39]
    assert report.excluded == {"survey preview, test, spam or screened out": marked}
    assert df["score"].tolist() == [s for i, s in enumerate(scores) if i not in marked]
    # a numeric Qualtrics export (three header rows): the codes
    rows = [["ResponseId", "Status", "Q1"], ["Response ID", "Response Type",
            "How likely are you to recommend us?"],
            ['{"ImportId":"_recordId"}', '{"ImportId":"status"}', '{"ImportId":"QID1"}']]
    rows += [[f"R_{i}", code, int(s)] for i, (code, s) in
             enumerate(zip([0] * 30 + [1, 2, 8, 0, 4, 16], scores[:36], strict=True))]
    pd.DataFrame(rows).to_csv(tmp_path / "numeric.csv", index=False, header=False)
    _, report = nt.read_survey(tmp_path / "numeric.csv")
    assert report.excluded == {"survey preview, test, spam or screened out": [34, 35, 36]}
    alchemer = pd.DataFrame({"Response ID": range(6), "Status": ["Complete", "Partial",
                             "Disqualified", "Complete", "Complete", "Disqualified"],
                             "NPS": [9, 8, 2, 10, 7, 0]})
    df, _ = nt.read_survey(alchemer)
    assert df["score"].tolist() == [9, 8, 10, 7]
    own = pd.DataFrame({"Status": ["Active", "Churned", "Active"], "NPS": [9, 2, 8]})
    assert len(nt.read_survey(own)[0]) == 3
    # scan leaves them out in the engine, as read_survey does
    path = tmp_path / "statuses.csv"
    pd.DataFrame({"ResponseId": [f"R_{i}" for i in range(n)], "Status": status,
                  "DistributionChannel": channel, "NPS": scores}).to_csv(path, index=False)
    rel, report = nt.scan(path)
    got, want = nt.score(rel), nt.score(nt.read_survey(path)[0])
    assert (got.n, got.nps) == (want.n, want.nps) == (n - len(marked), want.nps)
    assert any("'DistributionChannel' marks as a survey preview" in note
               for note in report.notes)


def test_a_second_recommend_question_is_said_not_silently_passed_over():
    """A survey asking to recommend the company and the product read the first as the
    score without a word about the second. The load report names the others, and how to
    read or average them; the second stays a further 0-10 question."""
    rng = np.random.default_rng(70)
    n = 50
    company = "How likely are you to recommend our company to a friend?"
    product = "¿Qué probabilidad hay de que recomiende nuestro producto?"
    df = pd.DataFrame({"id": range(n), company: rng.integers(0, 11, n),
                       product: rng.integers(0, 11, n), "Why?": "ok",
                       "Would you recommend us (yes/no)?": rng.choice(["Yes", "No"], n)})
    out, report = nt.read_survey(df)
    assert report.columns["score"] == company and product in out.columns
    assert (f"1 more column(s) ask the recommend question ({product!r}): {company!r} is read "
            "as the score") in " ".join(report.notes)
    _, alone = nt.read_survey(df.drop(columns=product))
    assert not any("more column(s) ask the recommend question" in n for n in alone.notes)


def test_a_salesforce_export_is_read_by_its_custom_field_names():
    """Salesforce names its custom fields with ``__c`` (``NPS_Score__c``, ``Account__c``) and
    keys accounts by 18-character ids: the account was not taken for the customer (a bare
    "Account" of 20 accounts in 60 answers looked like a group). The suffix is read off and
    codes of one length mixing letters and digits are keys; an "Account" of amounts is not."""
    rng = np.random.default_rng(71)
    n = 60
    accounts = [f"0015g00000Ab{i:04d}CAA" for i in range(20)]
    df = pd.DataFrame({"Id": [f"a0B5g00000{i:08d}" for i in range(n)],
                       "CreatedDate": pd.date_range("2024-01-01", periods=n).strftime(
                           "%Y-%m-%dT%H:%M:%S.000+0000"),
                       "Account__c": rng.choice(accounts, n),
                       "NPS_Score__c": rng.integers(0, 11, n),
                       "NPS_Comment__c": rng.choice(["slow", "great", "ok"], n)})
    _, report = nt.read_survey(df)
    assert report.columns == {"score": "NPS_Score__c", "comment": "NPS_Comment__c",
                              "date": "CreatedDate", "customer_id": "Account__c",
                              "response_id": "Id"}
    amounts = df.drop(columns="Account__c").assign(Account=rng.choice([120, 1500, 80], n))
    assert "customer_id" not in nt.read_survey(amounts)[1].columns


@pytest.mark.parametrize("question", [
    "Quanto è probabile che consiglieresti la nostra azienda a un amico?",
    "Hoe waarschijnlijk is het dat u ons zou aanbevelen aan een vriend?",
    "Jak prawdopodobne jest, że polecisz nas znajomemu?",
    "Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir?",
    "Hur troligt är det att du skulle rekommendera oss till en vän?",
    "Hvor sannsynlig er det at du vil anbefale oss til en venn?",
    "Kuinka todennäköisesti suosittelisit meitä ystävällesi?",
    "Em uma escala de 0 a 10, o quanto você indicaria a empresa para um amigo?",
    "友人や同僚に当社をおすすめする可能性はどのくらいありますか？",
    "この製品を友人に勧める可能性は？",
])
def test_the_recommend_question_is_found_in_more_languages(question):
    """Italian (consigliare), Dutch (aanbevelen), Polish (polecić), Turkish (tavsiye),
    Swedish, Norwegian, Finnish, Brazilian Portuguese (indicaria) and Japanese (おすすめ,
    勧める) surveys were refused: the recommend verb was known in seven languages. A 0-10
    column asking "indique sua idade" beside it is not taken."""
    rng = np.random.default_rng(72)
    df = pd.DataFrame({"Indique sua idade": rng.integers(1, 9, 30),
                       question: rng.integers(0, 11, 30), "x": "a"})
    assert nt.read_survey(df)[1].columns["score"] == question


def test_a_declined_score_is_no_answer_not_an_invalid_one():
    """Surveys offer "Don't know" or "Prefer not to say" beside 0-10; read_survey stopped on
    them as invalid scores (the default) or listed them as "not a number". They are blank
    answers now, said, in the supported languages; other text stays invalid."""
    cells = ["9", "10", "Don't know", "3", "Prefer not to say", "Ne sait pas", "7",
             "Weiß nicht", "No sé", "잘 모르겠음", "不清楚", "abc"]
    with pytest.raises(nt.InvalidScoreError, match=r"1 invalid value\(s\).*'abc'"):
        nt.read_survey(pd.DataFrame({"NPS": cells}))
    df, report = nt.read_survey(pd.DataFrame({"NPS": cells[:-1]}))
    assert df["score"].tolist() == [9, 10, 3, 7]
    assert report.excluded == {"blank score": [2, 4, 5, 7, 8, 9, 10]}
    assert any("7 answer(s) to the score question said no score" in n for n in report.notes)
    # no answer as forms and spreadsheets write it: a dash (Excel's placeholder), "k.A.",
    # "sin respuesta", "없음", "无"; "?" stays invalid
    cells = ["9", "-", "–", "k.A.", "sin respuesta", "Sem resposta", "없음", "无", "n.v.",
             "без ответа", "No answer", "4", "?"]
    df, report = nt.read_survey(pd.DataFrame({"NPS": cells}), on_invalid="exclude")
    assert df["score"].tolist() == [9, 4]
    assert report.excluded == {"blank score": list(range(1, 11)), "not a number": [12]}


def test_a_score_written_as_no_rating_is_no_answer():
    """Review and rating exports write the score nobody gave in words: a Korean export of
    Letterboxd reviews (YBIGTA student team, 18 of 500 rows '평점 없음') stopped read_survey
    as "not a number". "No rating" and its kin in the seven languages and Portuguese are now
    blank answers, said; a sentence about a rating stays invalid."""
    cells = ["9", "No rating", "Not rated", "평점 없음", "별점 없음", "Sans note",
             "Keine Bewertung", "Sin calificar", "Sem avaliação", "Нет оценки", "暂无评分",
             "Bez ocjene", "3", "No rating given yet"]
    df, report = nt.read_survey(pd.DataFrame({"NPS": cells}), on_invalid="exclude")
    assert df["score"].tolist() == [9, 3]
    assert report.excluded == {"blank score": list(range(1, 12)), "not a number": [13]}
    assert any("11 answer(s) to the score question said no score" in n for n in report.notes)


def test_answers_coded_by_position_one_to_eleven_are_refused_with_the_mapping():
    """A "numerical values" export writes the eleven choices of the recommend question as
    1-11. Read as 0-10 every answer was a point too high and the 10s (coded 11) out of range,
    left out with on_invalid="exclude": a wrong NPS with an account of "out of range" rows.
    Refused with the mapping; read right with it; a single 11 typed among many answers
    stays one answer out of range."""
    rng = np.random.default_rng(73)
    answers = rng.integers(0, 11, 80)
    coded = pd.DataFrame({"NPS": answers + 1})
    with pytest.raises(nt.InvalidScoreError, match=r"whole numbers from 1 to 11 .*--scale "
                                                   r"1=0,2=1,3=2"):
        nt.read_survey(coded, on_invalid="exclude")
    df, _ = nt.read_survey(coded, scale={i + 1: i for i in range(11)})
    assert df["score"].tolist() == answers.tolist()
    typo = pd.DataFrame({"NPS": np.r_[rng.integers(3, 11, 200), 11]})
    _, report = nt.read_survey(typo, on_invalid="exclude")
    assert report.excluded == {"out of range": [200]}


@pytest.mark.parametrize("choice, band", [
    ("9-10", (9, 10)), ("9 – 10 (Promoter)", (9, 10)), ("0 a 6", (0, 6)), ("de 7 a 8", (7, 8)),
    ("0 bis 6 Punkte", (0, 6)), ("от 0 до 6", (0, 6)), ("0~6점", (0, 6)), ("9～10分", (9, 10)),
    ("Under 7 - Unlikely", (0, 6)), ("menos de 7", (0, 6)), ("moins de 7", (0, 6)),
    ("6 or less", (0, 6)), ("6 ou moins", (0, 6)), ("6 이하", (0, 6)), ("6分以下", (0, 6)),
    ("up to 6", (0, 6)), ("≤ 6", (0, 6)), ("9+", (9, 10)), ("9 or more", (9, 10)),
    ("9 y más", (9, 10)), ("9 이상", (9, 10)), ("at least 9", (9, 10)), ("over 8", (9, 10)),
    ("> 8", (9, 10)), ("10 — Definitely", (10, 10)), ("10 (Extremely likely)", (10, 10)),
    ("7", (7, 7)),
    # no band of the 0-10 scale: ages, years, decimals, words
    ("18-24", None), ("2024-01", None), ("3.5", None), ("6.5-8", None), ("Very likely", None),
    ("11+", None), ("8-6", None)])
def test_a_choice_of_the_recommend_question_is_read_as_its_band_of_scores(choice, band):
    from nps_toolkit.loading.bands import _band

    assert _band(choice) == band


def test_the_recommend_question_answered_in_bands_is_read_by_its_categories():
    """A form offering "9-10", "7-8", "0-6" (or "10 - Definitely", "8-9 - Very likely"):
    the column was not found as the score, and named with score= every band but a lone
    "10" was invalid (with on_invalid="exclude" the NPS was +100). A band within one
    category now stands for it (10, 8, 0; a single score stays itself), said; a band that
    takes in two categories is refused, named with its answers."""
    rng = np.random.default_rng(71)
    n = 300
    choices = np.array(["9 - 10 (Promoter)", "7 - 8 (Passive)", "0 - 6 (Detractor)",
                        "Don't know"])
    picked = rng.integers(0, 4, n)
    raw = pd.DataFrame({"id": range(n),
                        "How likely are you to recommend us to a friend?": choices[picked],
                        "Region": rng.choice(["North", "South"], n)})
    for kw in ({}, {"score": "How likely are you to recommend us to a friend?"}):
        df, report = nt.read_survey(raw, **kw)
        counts = np.bincount(picked, minlength=4)
        expected = nt.from_counts(promoters=counts[0], passives=counts[1],
                                  detractors=counts[2])
        got = nt.score(df)
        assert (got.nps, got.n) == (expected.nps, expected.n)
        assert sorted(df["score"].unique()) == [0, 8, 10]
        assert report.excluded == {"blank score": np.flatnonzero(picked == 3).tolist()}
        note = next(x for x in report.notes if "in bands of scores" in x)
        assert "('0 - 6 (Detractor)', '7 - 8 (Passive)', '9 - 10 (Promoter)')" in note
        assert f"{counts[3]} answer(s) \"Don't know\" give no score" in note
        # the column the scores stand in for is no segment or driver of them; the region is
        config = nt.profile_export(df, codeframes=False).config
        assert (config["segments"], config["drivers"]) == (["Region"], [])
    # labelled single scores beside bands: each single score stays itself
    mixed = raw.assign(**{"How likely are you to recommend us to a friend?": np.array(
        ["10 - Definitely", "9", "7 to 8", "6 or less"])[picked]})
    df, _ = nt.read_survey(mixed)
    assert df["score"].tolist() == [[10, 9, 8, 0][k] for k in picked]
    # bands across two categories: refused, each named with its answers, whichever way
    wide = raw.assign(**{"How likely are you to recommend us to a friend?": np.array(
        ["10 — Definitely", "8–9 — Very likely", "6–7 — Maybe", "Under 6 — Unlikely"])[picked]})
    for kw in ({}, {"score": "How likely are you to recommend us to a friend?"},
               {"on_invalid": "exclude"}):
        with pytest.raises(nt.InvalidScoreError) as info:
            nt.read_survey(wide, **kw)
        message = str(info.value)
        assert (f"'6–7 — Maybe' ({counts[2]} answer(s)) takes in scores 6-7, detractors and "
                f"passives; '8–9 — Very likely' ({counts[1]} answer(s)) takes in scores 8-9, "
                "passives and promoters") in message
        assert "no NPS can be computed" in message


def test_a_column_of_bands_beside_the_score_is_no_score():
    rng = np.random.default_rng(72)
    n = 200
    raw = pd.DataFrame({"NPS": rng.integers(0, 11, n),
                        "Rating of the visit": rng.choice(["0-3", "4-6", "7-10"], n),
                        "visits": rng.choice(["0", "1-2", "3-5", "6-10"], n)})
    df, report = nt.read_survey(raw)
    assert df["score"].tolist() == raw["NPS"].tolist()
    assert not any("bands" in x for x in report.notes)
    assert df["visits"].tolist() == raw["visits"].tolist()


def test_a_range_typed_among_scores_is_no_band_of_a_form():
    # one band, or bands overlapping the scores typed beside them: a hand-kept column of
    # scores with a slip, listed as invalid (test_ranges_and_other_scales_are_invalid...)
    for cells in (["3-4", "8", "9", "7-8", "3"], ["0-6", "0-6", "9", "10", "8"]):
        with pytest.raises(nt.InvalidScoreError, match="invalid value"):
            nt.read_survey(pd.DataFrame({"score": cells}))


def test_a_customer_list_keyed_by_id_beside_an_email_column_joins_on_the_id():
    """A health insurer's member lists (JaredRentz/CX-Business-Scenario,
    ``2022_cx_members.csv``) are keyed by ``id``, the survey's own ``id``, and hold each
    member's ``email``: the e-mail, named like a customer key, was taken, and the join
    stopped ("no customer id of the answers is in the customer list"). Given the answers, a
    column named like the key must hold half of their ids; else the column that does is
    taken, said with the named one."""
    rng = np.random.default_rng(74)
    members = pd.DataFrame({"id": np.arange(2, 1001, 2),
                            "email": [f"m{i}@example.org" for i in range(500)],
                            "state": rng.choice(["CA", "NY", "TX"], 500)})
    answers, _ = nt.read_survey(pd.DataFrame({"id": np.arange(1, 1001),
                                              "survey_q6_nps": rng.integers(0, 11, 1000)}),
                                customer="id")
    listed, report = nt.read_customers(members, answers=answers)
    assert report.columns == {"customer_id": "id"}
    assert ("column 'id' taken as the customer id: it holds 500 of the answers' 1,000 customer "
            "ids (pass customer= to choose another). 'email', named like the id, holds fewer "
            "than half of them.") in report.notes
    assert nt.join_customers(answers, listed)["state"].notna().sum() == 500
    # answers keyed by e-mail: the named column holds them, and stays the key, unsaid
    by_mail = answers.assign(customer_id=[f"m{i}@example.org" for i in range(1000)])
    listed, report = nt.read_customers(members, answers=by_mail)
    assert report.columns == {"customer_id": "email"}
    assert not any("taken as the customer id" in n for n in report.notes)


def test_questions_named_by_their_number_alone_are_read_for_the_comments():
    """A Qualtrics export with the question numbers only (itskleb/satisfaction,
    ``survey_responses.csv``: a scouting council's member survey, ``Q13`` "What do you
    value most", ``Q14`` "What has been frustrating", ``Q19`` "the main reason for your
    answer", ``Q20``, ``Q21``): no column was named like a comment, so none was read and
    the comment analysis was left out. A question named by its number and answered in free
    text is asked; the one answered at most length is read, the others named."""
    rng = np.random.default_rng(76)
    n = 300
    words = np.array(["leaders", "camping", "meetings", "badges", "parents", "fees", "kids",
                      "council", "events", "weekly", "great", "little", "instruction"])

    def sentences(k: int) -> list[str | None]:
        return [None if rng.random() < 0.3 else " ".join(rng.choice(words, k + rng.integers(3)))
                for _ in range(n)]

    raw = pd.DataFrame({"ResponseId": [f"R_{i}" for i in range(n)],
                        "Q5": rng.choice(["Parent / Guardian", "Adult volunteer / Leader"], n),
                        "Q8_1": rng.integers(1, 11, n), "Q13": sentences(2),
                        "Q14": sentences(9), "Q19": sentences(5), "Q8_6_TEXT": sentences(1)})
    df, report = nt.read_survey(raw, score="Q8_1")
    assert report.columns["comment"] == "Q14"
    assert df["comment"].equals(raw["Q14"].astype(df["comment"].dtype))
    note = next(x for x in report.notes if "read as the comments" in x)
    assert note.endswith("Also answered in free text, at less length: 'Q13', 'Q19', 'Q8_6_TEXT' "
                         "(comment=COL reads one of them instead).")
    # a choice among options under a number is a group, never the comments
    _, report = nt.read_survey(raw.drop(columns=["Q13", "Q14", "Q19", "Q8_6_TEXT"]),
                               score="Q8_1")
    assert "comment" not in report.columns


def test_the_comments_tell_a_scale_that_runs_the_other_way():
    """An outdoor shop's export (ddemand/net_promoter_scores, ``nps_data.csv``, synthetic):
    ``NPS Score`` 1-5 with 1 the best ("worked perfectly, couldn't be happier" under 1,
    "defective... a nightmare" under 5) and ``Customer Response``. The 1-5 refusal suggested
    ``scale={1: 0, ..., 5: 10}``, which reads every promoter as a detractor. The comments'
    reading of the two ends (the word lists' polarity, Mann-Whitney AUC and one-sided p)
    now gives the mapping the other way; the statistic agrees with scipy's."""
    from scipy.stats import mannwhitneyu

    from nps_toolkit.loading.direction import scale_direction

    sample = nt.load_sample()
    five = np.select([sample["score"] >= 9, sample["score"] >= 7, sample["score"] >= 5,
                      sample["score"] >= 3], [1, 2, 3, 4], 5)
    raw = pd.DataFrame({"Customer Number": sample["customer_id"], "NPS Score": five,
                        "Customer Response": sample["comment"]})
    with pytest.raises(nt.InvalidScoreError) as info:
        nt.read_survey(raw)
    message = str(info.value)
    assert "Its comments read the other way: under the answers 4-5 they are less positive " \
           "than under 1-2" in message
    assert "scale={1: 10, 2: 8, 3: 5, 4: 3, 5: 0}" in message
    df, report = nt.read_survey(raw, scale={1: 10, 2: 8, 3: 5, 4: 3, 5: 0})
    assert report.columns["comment"] == "Customer Response"
    assert nt.score(df).nps == pytest.approx(nt.score(sample).nps, abs=15)
    # read the right way round, the usual suggestion stays
    with pytest.raises(nt.InvalidScoreError, match=r"scale=\{1: 0, 2: 3, 3: 5, 4: 8, 5: 10\}"):
        nt.read_survey(raw.assign(**{"NPS Score": 6 - five}))
    # the statistic, checked against scipy on the same comments
    found = scale_direction(6 - five, sample["comment"])
    polarity = nt.sentiment(sample["comment"].fillna("")).to_numpy(dtype=float)
    written = (sample["comment"].notna() & (sample["comment"].str.strip() != "")).to_numpy()
    keep = np.flatnonzero(written)[:2000]
    v, pol = (6 - five)[keep], polarity[keep]
    high, low = pol[(v >= 1 + 0.6 * 4) & np.isfinite(pol)], pol[(v <= 1 + 0.4 * 4)
                                                              & np.isfinite(pol)]
    ref = mannwhitneyu(high, low, alternative="less", method="asymptotic",
                       use_continuity=False)
    assert found.auc == pytest.approx(ref.statistic / (len(high) * len(low)))
    assert found.p == pytest.approx(ref.pvalue) and not found.reversed
    assert scale_direction(five, sample["comment"]).reversed


@pytest.mark.parametrize("name, comment", [("Customer Response", True), ("Response", True),
                                           ("open response", True), ("Response ID", False),
                                           ("Response Status", False)])
def test_a_free_text_answer_named_response_is_the_comment(name, comment):
    rng = np.random.default_rng(80)
    n = 60
    cells = ([f"the {w} was {v}" for w, v in zip(rng.choice(["staff", "price", "app"], n),
                                                 rng.choice(["fine", "slow", "great"], n),
                                                 strict=True)] if comment
             else rng.choice(["Complete", "Partial"], n) if "Status" in name
             else [f"R_{i}" for i in range(n)])
    _, report = nt.read_survey(pd.DataFrame({"nps": rng.integers(0, 11, n), name: cells}))
    assert (report.columns.get("comment") == name) is comment


@pytest.mark.parametrize("name, comment", [
    ("review", True), ("Review Content", True), ("review_text", True), ("content", True),
    ("리뷰", True), ("리뷰 내용", True), ("内容", True), ("Kundenrezension", True),
    ("Review Date", False), ("Content Type", False), ("review_id", False),
    ("리뷰 날짜", False), ("Reviewer", False)])
def test_the_text_of_a_review_export_is_the_comment(name, comment):
    """Review exports (85 Korean crawls of one student club: Kakao Map, Google Maps, Yes24,
    Naver) name what the customer wrote "review", "content" or "리뷰": the report skipped
    the follow-up comments ("it needs a comment column"). Those names, whole, are comments;
    a review's date, type, id or author are not."""
    rng = np.random.default_rng(81)
    n = 60
    cells = ([f"{w} 정말 {v} 다시 올게요" for w, v in zip(
        rng.choice(["직원이", "음식이", "가격이"], n), rng.choice(["좋아요", "별로예요"], n),
        strict=True)] if comment
        else pd.date_range("2025-01-01", periods=n).strftime("%Y.%m.%d.") if "날짜" in name
        or "Date" in name else rng.choice(["photo", "text"], n) if "Type" in name
        else [f"R_{i}" for i in range(n)] if "id" in name else rng.choice(["kim", "lee"], n))
    _, report = nt.read_survey(pd.DataFrame({"nps": rng.integers(0, 11, n), name: cells}))
    assert (report.columns.get("comment") == name) is comment


def test_a_column_written_in_sentences_is_the_comment_when_none_is_named():
    """With no column named like a comment nor asking a question, the column written in
    sentences under any name ("body", "Beschreibung", "본문") is the comments, said; names,
    addresses, ids, choices, dates and a product's few names are not; comment=False leaves
    it out."""
    rng = np.random.default_rng(82)
    n = 80
    body = [f"the {w} was {v} and I will {a} ({i})" for i, (w, v, a) in enumerate(zip(
        rng.choice(["staff", "price", "app"], n), rng.choice(["fine", "slow", "great"], n),
        rng.choice(["come back", "leave"], n), strict=True))]
    base = pd.DataFrame({
        "nps": rng.integers(0, 11, n), "id": [f"C-{i:05d}" for i in range(n)],
        "name": [f"Ana Maria Lima {i}" for i in range(n)],
        "street address": [f"{i} Rue de la Paix Paris" for i in range(n)],
        "plan": rng.choice(["Free plan", "Pro plan for teams"], n),
        "product": rng.choice(["Samsung Galaxy S21 Ultra", "Apple iPhone 13 Pro Max"], n),
        "when": pd.date_range("2025-01-01", periods=n).strftime("%d %B %Y")})
    out, report = nt.read_survey(base.assign(body=body))
    assert report.columns["comment"] == "body" and out["comment"].tolist() == body
    assert any("'body' read as the comments: it is written in sentences" in note
               for note in report.notes)
    chinese = [f"{w}服务态度非常好，下次还会再来第{i}次" for i, w in enumerate(
        rng.choice(["前台", "餐厅", "房间"], n))]
    assert nt.read_survey(base.assign(正文=chinese))[1].columns["comment"] == "正文"
    _, report = nt.read_survey(base)
    assert "comment" not in report.columns
    assert "comment" not in nt.read_survey(base.assign(body=body), comment=False)[0].columns


def test_a_question_exported_one_column_per_option_is_read_as_one(tmp_path):
    """SurveyMonkey's "expanded" export writes each answer option in a column of its own
    (two header rows: the question, then ``0`` ... ``10``), the chosen option's label in its
    cell. The recommend question's ``- 0`` column was read as the score: the 0s its only
    answers, the NPS -100. Single-choice questions so exported are one column again (the
    plan too); a multiple-choice question (rows with two options) stays as it is."""
    import csv
    import io

    rng = np.random.default_rng(82)
    n = 150
    question = "How likely is it that you would recommend us to a friend or colleague?"
    scores = rng.integers(0, 11, n)
    plans = rng.choice(["Basic", "Pro"], n)
    rows = [["Respondent ID", "Collector ID", "Start Date", "End Date", question,
             *[""] * 10, "Which plan are you on?", "", "Which channels do you use?", "",
             "What is the primary reason for your score?"],
            ["", "", "", "", *map(str, range(11)), "Basic", "Pro", "Email", "Chat",
             "Open-Ended Response"]]
    for i, (s, plan) in enumerate(zip(scores, plans, strict=True)):
        options = [str(s) if k == s else "" for k in range(11)]
        rows.append([str(1000 + i), "7", "05/01/2025 10:00:00 AM", "05/01/2025 10:04:00 AM",
                     *options, plan if plan == "Basic" else "", plan if plan == "Pro" else "",
                     "Email", "Chat" if i % 3 == 0 else "", "ok"])
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path = tmp_path / "surveymonkey_expanded.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    df, report = nt.read_survey(path)
    assert df["score"].tolist() == scores.tolist()
    assert report.columns["score"] == question
    assert df["Which plan are you on?"].tolist() == plans.tolist()
    # scan read the option row as an answer (its "0" a score) and the first option column
    # as the score; it reads the two header rows and the options as read_survey does
    rel, scanned = nt.scan(path)
    assert scanned.header_rows == 2 and scanned.vendor == "surveymonkey"
    assert nt.summarize(rel)["nps"].iloc[0] == pytest.approx(nt.score(df).nps)
    got = rel.order("response_id").df()
    assert got["score"].tolist() == scores.tolist()
    assert got["Which plan are you on?"].tolist() == plans.tolist()
    assert {"Which channels do you use? - Email", "Which channels do you use? - Chat"} <= set(
        df.columns)
    assert sum("exported one column per answer option" in x for x in report.notes) == 2



@pytest.mark.parametrize("stamp, expected", [
    ("05/01/2025 10:04:19 AM", "2025-05-01 10:04:19"), ("05/13/2025 12:30:00 PM",
                                                         "2025-05-13 12:30:00"),
    ("05/14/2025 12:05:00 AM", "2025-05-14 00:05:00"), ("05/15/2025 01:15:00 PM",
                                                         "2025-05-15 13:15:00")])
def test_dates_on_a_12_hour_clock_are_read_alike_by_read_survey_and_scan(tmp_path, stamp,
                                                                        expected):
    """SurveyMonkey dates its answers "05/01/2025 10:04:19 AM": scan took them for ISO
    dates and left every one missing (said), so a trend on a large export had no periods;
    12 AM is midnight and 12 PM noon."""
    rng = np.random.default_rng(83)
    n = 40
    stamps = ["05/13/2025 09:00:00 AM"] * (n - 1) + [stamp]
    path = tmp_path / "twelve.csv"
    pd.DataFrame({"Respondent ID": range(n), "End Date": stamps,
                  "nps": rng.integers(0, 11, n)}).to_csv(path, index=False)
    df, _ = nt.read_survey(path)
    assert str(df["date"].iloc[-1]) == expected
    rel, report = nt.scan(path)
    assert str(rel.order("response_id").df()["date"].iloc[-1]) == expected
    assert any("'%m/%d/%Y %I:%M:%S %p'" in x for x in report.notes)


def test_sheets_named_for_months_or_waves_date_their_rows(tmp_path):
    """A workbook with a sheet per month ('January 2025', 'February 2025'...) and no date
    column was stacked with each row's sheet in a column no finder used: no trend review.
    Sheets named for months or quarters date their rows by the period's first day, sheets
    named for years or waves number them in 'wave'; a date of the sheets' own wins."""
    rng = np.random.default_rng(84)

    def book(path, names, dated=False):
        with pd.ExcelWriter(path) as writer:
            for name in names:
                n = 40
                frame = pd.DataFrame({"Customer": [f"C{i}" for i in range(n)],
                                      "NPS": rng.integers(0, 11, n)})
                if dated:
                    frame["Date"] = pd.Timestamp("2024-06-15")
                frame.to_excel(writer, sheet_name=name, index=False)

    book(tmp_path / "months.xlsx", ["January 2025", "Février 2025", "2025-03"])
    df, report = nt.read_survey(tmp_path / "months.xlsx")
    assert df["date"].dt.strftime("%Y-%m-%d").value_counts().sort_index().to_dict() == {
        "2025-01-01": 40, "2025-02-01": 40, "2025-03-01": 40}
    assert report.columns["date"] == "sheet"
    profile = nt.profile_export(df, codeframes=False)
    assert profile.config["date"] == "date" and "sheet" not in profile.unused
    book(tmp_path / "quarters.xlsx", ["Q1 2024", "Q2 2024"])
    df, _ = nt.read_survey(tmp_path / "quarters.xlsx")
    assert sorted(df["date"].dt.strftime("%Y-%m-%d").unique()) == ["2024-01-01", "2024-04-01"]
    book(tmp_path / "waves.xlsx", ["Wave 1", "Wave 2", "Wave 3"])
    df, _ = nt.read_survey(tmp_path / "waves.xlsx")
    assert df["wave"].tolist() == [1] * 40 + [2] * 40 + [3] * 40
    assert nt.profile_export(df, codeframes=False).config["period"] == "wave"
    book(tmp_path / "dated.xlsx", ["January 2025", "February 2025"], dated=True)
    df, _ = nt.read_survey(tmp_path / "dated.xlsx")
    assert (df["date"] == pd.Timestamp("2024-06-15")).all()
    book(tmp_path / "regions.xlsx", ["North", "South"])
    df, _ = nt.read_survey(tmp_path / "regions.xlsx")
    assert "date" not in df.columns and "wave" not in df.columns


def test_several_customer_lists_are_stacked_and_matched_by_the_answers_ids():
    """The member lists of that insurer are one per year (406 and 654 members), each keyed
    by the survey's ``id``; the 2021 list's ``id`` has blanks, so it reads as floats (2.0).
    Each list held fewer than half of the answers' ids, so its ``email`` (named like a key)
    was taken and no 2021 member matched. Several lists are read and stacked (each row's
    list named), a customer in two kept from the first; a list of part of the customers is
    keyed by the column holding half of its own rows; whole floats match integer ids."""
    rng = np.random.default_rng(85)
    answers, _ = nt.read_survey(pd.DataFrame({"id": np.arange(1, 401),
                                              "nps": rng.integers(0, 11, 400)}),
                                customer="id")
    ids_2021 = pd.array(list(range(1, 151)) + [None] * 10, dtype="Float64").astype(float)
    lists = [pd.DataFrame({"id": ids_2021, "email": [f"a{i}@x.org" for i in range(160)],
                           "state": rng.choice(["CA", "NY"], 160)}),
             pd.DataFrame({"id": np.arange(150, 401), "email": [f"b{i}@x.org" for i in
                                                                range(251)],
                           "state": rng.choice(["CA", "NY"], 251)})]
    listed, report = nt.read_customers(lists, answers=answers)
    assert report.columns == {"customer_id": "id"} and len(listed) == 400
    assert listed["customer list"].value_counts().to_dict() == {"list 2": 250, "list 1": 150}
    assert "2 customer lists stacked ('list 1', 'list 2'), each row's list in column " \
           "'customer list': 400 customers; 1 listed in two lists kept from the first." \
           in report.notes
    assert "[list 1] column 'id' taken as the customer id: it holds 150 of the answers' 400 " \
           "customer ids" in report.notes[0]
    assert report.excluded == {"no customer id": [f"list 1:{row}" for row in range(150, 160)]}
    joined = nt.join_customers(answers, listed)
    assert joined["state"].notna().all()
    assert "customer list" in listed.attrs["attributes"]


def test_answers_without_a_date_are_dated_by_the_customer_lists_survey_date():
    """The insurer's survey file has no date; its member lists keep each member's
    ``survey_date`` (US style). Joined, the answers are dated by it (the trend review runs),
    said with how the dates were read, when each customer answered once; with repeat answers
    a customer's one date would date them all alike, so it is not taken."""
    rng = np.random.default_rng(87)
    n = 200
    answers, _ = nt.read_survey(pd.DataFrame({"id": np.arange(1, n + 1),
                                              "nps": rng.integers(0, 11, n)}), customer="id")
    days = pd.Timestamp("2022-01-03") + pd.to_timedelta(rng.integers(0, 300, n), unit="D")
    members = pd.DataFrame({"id": np.arange(1, n + 1), "state": rng.choice(["CA", "NY"], n),
                            "survey_date": days.strftime("%m/%d/%Y")})
    listed, _ = nt.read_customers(members, answers=answers)
    joined = nt.join_customers(answers, listed)
    assert joined["date"].tolist() == list(days.as_unit("us"))
    notes = joined.attrs["load_report"].notes
    assert ("the export has no answer date: each answer is dated by the customer list's "
            f"'survey_date' ({n} of {n} answers), each customer having answered once.") in notes
    assert any("month/day/year" in x for x in notes)
    repeat = pd.concat([answers, answers.head(5)], ignore_index=True)
    assert "date" not in nt.join_customers(repeat, listed).columns
    dated = answers.assign(date=pd.Timestamp("2025-01-01"))
    assert (nt.join_customers(dated, listed)["date"] == pd.Timestamp("2025-01-01")).all()


def test_ids_past_two_to_the_53_stay_exact_when_a_cell_is_blank(tmp_path):
    """A whiteboard platform's exports (public, 2021): 19-digit user ids, and a customer list
    whose first row is blank. Read as floats (a blank makes whole numbers float), ids one
    apart became one number: 1,359 customers were taken for repeats and 15 of 426 answers
    joined. A column holding a number past 2**53 stays text."""
    base = 3074457347877331038
    ids = [str(base + k) for k in range(6)]
    survey = write(tmp_path, "s.csv", "user_id,nps_score\n" + "\n".join(
        f"{i},{k + 4}" for k, i in enumerate(ids)) + "\n,9\n")
    df, _ = nt.read_survey(survey)
    assert df["customer_id"].dropna().tolist() == ids
    listed = write(tmp_path, "l.csv", "user_id,segment,spend\n,,\n" + "\n".join(
        f"{i},{'AB'[k % 2]},{k}.5" for k, i in enumerate(ids)) + "\n")
    customers, report = nt.read_customers(listed)
    assert customers["customer_id"].tolist() == ids and "duplicate customer" not in \
        report.excluded
    assert customers["spend"].dtype == np.float64  # a measure stays a number
    joined = nt.join_customers(df, customers)
    assert joined["segment"].notna().sum() == 6
    # plain integer columns with blanks stay numbers (counts, amounts), as pandas reads them
    small = write(tmp_path, "n.csv", "score,visits\n9,3\n7,\n10,12\n")
    df, _ = nt.read_survey(small)
    assert df["visits"].dtype == np.float64 and df["visits"].tolist()[::2] == [3.0, 12.0]


def test_customer_lists_with_columns_of_their_own_are_joined_side_by_side():
    """The same platform kept its users' plans in one list and their roles in another, both
    keyed by user. Stacked, every user was in both and kept from the first, so no role was
    read. Lists with no column in common are joined by customer id; a user listed twice with
    different plans is said, with the columns that differ."""
    answers, _ = nt.read_survey(pd.DataFrame({"user": ["u1", "u2", "u3", "u4"],
                                              "score": [10, 3, 8, 9]}), customer="user")
    plans = pd.DataFrame({"user": ["u1", "u2", "u3", "u2", "u5"],
                          "plan": ["Free", "Free", "Team", "Business", "Free"]})
    roles = pd.DataFrame({"user": ["u1", "u2", "u3", "u4"],
                          "role": ["Developer", "Designer", "Developer", "Marketing"]})
    listed, report = nt.read_customers([plans, roles], answers=answers)
    assert "customer list" not in listed.columns and len(listed) == 5
    by_id = listed.set_index("customer_id")
    assert by_id.loc["u2", "plan"] == "Free" and by_id.loc["u2", "role"] == "Designer"
    assert pd.isna(by_id.loc["u4", "plan"]) and pd.isna(by_id.loc["u5", "role"])
    assert ("2 customer lists joined side by side by customer id ('list 1', 'list 2'): each "
            "holds columns of its own; 5 customers, 3 of them in every list.") in report.notes
    assert ("[list 1] 1 customer(s) listed more than once have different 'plan' in their rows "
            "(e.g. 'u2': plan Business / Free); each is read with its first row's values."
            ) in report.notes
    assert set(listed.attrs["attributes"]) <= {"plan", "role"}
    joined = nt.join_customers(answers, listed)
    assert joined["role"].tolist() == ["Developer", "Designer", "Developer", "Marketing"]
    # lists sharing their columns (one per year) are still stacked
    stacked, report = nt.read_customers([plans.drop_duplicates("user"), roles.rename(
        columns={"role": "plan"})], answers=answers)
    assert "customer list" in stacked.columns


def _shares_table(seed: int, decimals: int, fractions: bool = False,
                  sizes: tuple[int, int] = (150, 1400)) -> tuple[pd.DataFrame, np.ndarray]:
    """A BI tool's table of shares per month and country with how many answered (the shape
    of a public Latin-American software vendor's `nps.csv`: mes, pais, segmento,
    encuestados, promotores_pct, pasivos_pct, detractores_pct, nps, csat), made from seeded
    counts: the table and the true counts per row."""
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for month in ["2024-09", "2024-10", "2024-11"]:
        for country in ["Colombia", "México", "Chile", "Perú"]:
            n = int(rng.integers(*sizes))
            counts = rng.multinomial(n, [0.5, 0.2, 0.3])
            shares = np.round(counts / n * (1 if fractions else 100), decimals)
            rows.append([month, country, n, *shares, round(shares[0] - shares[2], 1)])
            truth.append(counts)
    names = ["mes", "pais", "encuestados", "promotores_pct", "pasivos_pct",
             "detractores_pct", "nps"]
    return pd.DataFrame(rows, columns=names), np.array(truth)


def test_a_table_of_shares_and_of_how_many_answered_is_read_as_its_counts(tmp_path):
    """Refused before ("column 'nps' holds numbers ... they are not answers"): each row's
    counts are share x answered, checked to give back every share shown."""
    table, truth = _shares_table(1, 1)
    path = tmp_path / "nps.csv"
    table.to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert len(df) == truth.sum()
    got = df.groupby(["date", "pais"], sort=False)["score"].value_counts().unstack(fill_value=0)
    got = got[[10, 8, 0]].to_numpy(dtype=np.int64)
    # every row's counts give back its shares; rows whose shares allow only one count match
    assert np.allclose(np.round(got / got.sum(axis=1, keepdims=True) * 100, 1),
                       table[["promotores_pct", "pasivos_pct", "detractores_pct"]])
    unique = (table["encuestados"] < 1000).to_numpy()  # 0.1 points is under one answer
    assert (got[unique] == truth[unique]).all()
    # groups of thousands, where the shares allow several counts: counts that give them back
    big, _ = _shares_table(4, 1, sizes=(2000, 9000))
    counted = nt.read_survey(big)[0].groupby(["date", "pais"], sort=False)["score"] \
        .value_counts().unstack(fill_value=0)[[10, 8, 0]].to_numpy(dtype=np.int64)
    assert (counted.sum(axis=1) == big["encuestados"]).all()
    assert np.allclose(np.round(counted / counted.sum(axis=1, keepdims=True) * 100, 1),
                       big[["promotores_pct", "pasivos_pct", "detractores_pct"]])
    true_nps = 100 * (truth[:, 0].sum() - truth[:, 2].sum()) / truth.sum()
    promoters, detractors = (df["score"] == 10).mean(), (df["score"] == 0).mean()
    said = next((n for n in report.notes if "rounded shares allow" in n), None)
    bound = float(said.split("up to ")[-1].split(" points")[0]) if said else 0.0
    assert abs(100 * (promoters - detractors) - true_nps) <= bound + 1e-9
    assert any("a table of shares per group (promoters 'promotores_pct', passives "
               "'pasivos_pct', detractors 'detractores_pct') and of how many answered "
               "('encuestados')" in n for n in report.notes)
    assert "nps" not in df.columns and set(df["pais"]) == {"Colombia", "México", "Chile", "Perú"}
    # shares as fractions, in whole percent, and a row whose shares no counts can give
    fractions, truth = _shares_table(2, 3, fractions=True)
    df, _ = nt.read_survey(fractions)
    assert len(df) == truth.sum()
    whole, _ = _shares_table(3, 0)
    df, report = nt.read_survey(whole)
    assert any("rounded shares allow other counts" in n for n in report.notes)
    broken = table.copy()
    broken.loc[[2, 5], "encuestados"] = 7
    with pytest.raises(nt.InvalidScoreError, match=r"on 2 row\(s\) \(rows 2, 5\) no whole "
                                                   r"counts"):
        nt.read_survey(broken)


def test_a_spanish_google_form_names_its_email_comment_and_personal_columns():
    """A Colombian clinic network's NPS form (headers as published in a public repository's
    tests, rows made here): the e-mail column ("Dirección de correo electrónico") was not
    the customer, "Su opinión es muy importante…" was no comment, and first names, surnames
    and the national id ("NOMBRES", "APELLIDOS", "CÉDULA") could be compared as groups."""
    rng = np.random.default_rng(31)
    n = 240
    words = ["espera", "cita", "médico", "amable", "recepción", "teléfono", "demora", "trato",
             "medicamentos", "limpio", "rápido", "excelente", "pésimo", "servicio"]
    frame = pd.DataFrame({
        "Marca temporal": [f"{d:02d}/0{m}/2026 {h}:05:09" for d, m, h in zip(
            rng.integers(1, 28, n), rng.integers(1, 6, n), rng.integers(7, 18, n),
            strict=True)],
        "Dirección de correo electrónico": [f"paciente{i % 200}@correo.co" for i in range(n)],
        "NOMBRES": rng.choice(["Ana", "Luis", "Marta"], n),
        "APELLIDOS": rng.choice(["Paz", "Gómez"], n),
        "CÉDULA": rng.choice([1023456, 2034567, 3045678, 4056789], n),
        "SEDE QUE CONSULTÓ:": rng.choice(["NUEVA VIDA", "CAMINO NAZARETH"], n),
        "Teléfono ": rng.choice([3001234567, 3109876543], n),
        " ¿Cuál es la probabilidad de que recomiende a sus familiares y amigos a MiRed IPS?":
            rng.integers(0, 11, n),
        "Su opinión es muy importante…": [" ".join(rng.choice(words, 5)) for _ in range(n)],
    })
    _, report = nt.read_survey(frame)
    assert report.columns["customer_id"] == "Dirección de correo electrónico"
    assert report.columns["comment"] == "Su opinión es muy importante…"
    profile = nt.profile_export(frame)
    segments = profile.config["segments"]
    assert "SEDE QUE CONSULTÓ:" in segments
    assert not {"NOMBRES", "APELLIDOS", "CÉDULA", "Teléfono "} & set(segments)
    # a column of e-mail addresses is the customer whatever its name
    renamed = frame.rename(columns={"Dirección de correo electrónico": "Contacto"})
    assert nt.read_survey(renamed)[1].columns["customer_id"] == "Contacto"
    # the same network's doctors' form: the professional who attended is a group, though
    # named with "Nombre" as the respondent is
    doctors = frame.assign(**{
        "Nombre y apellidos quien diligencia la encuesta": [f"Persona {i}" for i in range(n)],
        "Nombre del profesional que lo atendio": rng.choice(["Dra Y", "Dr X", "Dr Z"], n)})
    segments = nt.profile_export(nt.read_survey(doctors)[0]).config["segments"]
    assert "Nombre del profesional que lo atendio" in segments
    assert "Nombre y apellidos quien diligencia la encuesta" not in segments


@pytest.mark.parametrize("stamps", [
    # Korean Google Forms (a public campus e-scooter survey, 2023): 오전 before noon, 오후 after
    ["2023. 11. 19 오후 5:03:54", "2023. 11. 19 오전 11:32:41", "2023. 11. 22 오후 12:34:30",
     "2023. 12. 1 오전 12:05:00"],
    ["2023. 11. 19. 오후 5:03:54", "2023. 11. 19. 오전 11:32:41", "2023. 11. 22. 오후 12:34:30",
     "2023. 12. 1. 오전 12:05:00"],
    ["2023/11/19 下午5:03:54", "2023/11/19 上午11:32:41", "2023/11/22 下午12:34:30",
     "2023/12/1 上午12:05:00"],
    ["2023年11月19日 17:03:54", "2023年11月19日 11:32:41", "2023年11月22日 12:34:30",
     "2023年12月1日 0:05:00"],
    ["19.11.2023 г. 17:03:54", "19.11.2023 г. 11:32:41", "22.11.2023 г. 12:34:30",
     "01.12.2023 г. 00:05:00"],
    ["19/11/2023 5:03:54 p. m.", "19/11/2023 11:32:41 a. m.", "22/11/2023 12:34:30 p. m.",
     "01/12/2023 12:05:00 a. m."],
    ["19.11.2023, 17:03:54", "19.11.2023, 11:32:41", "22.11.2023, 12:34:30",
     "01.12.2023, 00:05:00"],
    ["19/11/2023 à 17h03:54", "19/11/2023 à 11h32:41", "22/11/2023 à 12h34:30",
     "01/12/2023 à 00h05:00"],
    # fractions of a second: read one by one, day first for the whole column
    ["19/11/2023 17:03:54.0", "19/11/2023 11:32:41.0", "22/11/2023 12:34:30.0",
     "01/12/2023 00:05:00.0"],
])
def test_timestamps_as_forms_write_them_in_other_languages(tmp_path, stamps):
    """Read as nothing (every date missing), or 1 December read as 12 January beside 19
    November, silently: each spelling is now read, the same by read_survey and scan."""
    expected = pd.to_datetime(["2023-11-19 17:03:54", "2023-11-19 11:32:41",
                               "2023-11-22 12:34:30", "2023-12-01 00:05:00"])
    path = tmp_path / "form.csv"
    pd.DataFrame({"타임스탬프": stamps * 10, "score": [10, 3, 7, 9] * 10}).to_csv(path,
                                                                                  index=False)
    df, _ = nt.read_survey(path)
    assert (df["date"].head(4).to_numpy() == expected.to_numpy()).all()
    relation, _ = nt.scan(path)
    scanned = pd.to_datetime(relation.df()["date"]).head(4)
    assert (scanned.to_numpy() == expected.to_numpy()).all()


@pytest.mark.parametrize("written", [
    ["19 novembre 2023", "20 nov. 2023", "22 novembre 2023", "1 décembre 2023"],
    ["19. November 2023", "20. Nov. 2023", "22. November 2023", "1. Dezember 2023"],
    ["19 de noviembre de 2023", "20 de nov. de 2023", "22 de noviembre de 2023",
     "1 de diciembre de 2023"],
    ["19 ноября 2023", "20 нояб. 2023", "22 ноября 2023", "1 декабря 2023"],
    ["19. studenoga 2023.", "20. studenoga 2023.", "22. studenoga 2023.", "1. prosinca 2023."],
    ["19 de novembro de 2023", "20 de novembro de 2023", "22 de novembro de 2023",
     "1 de dezembro de 2023"],
])
@pytest.mark.parametrize("name", ["date", "posted_at", "x"])
def test_dates_with_the_month_named_in_other_languages(tmp_path, written, name):
    """"9 avril 2025", "12. März 2025", "9 de abril de 2025", "9 апреля 2025" were missing
    dates (said), and a column of them under another name was not taken as the date at all;
    a review site's "posted_at" was not a date name. Month names come from the CLDR data
    Babel ships, for every language the package reads; read the same by scan."""
    expected = pd.to_datetime(["2023-11-19", "2023-11-20", "2023-11-22", "2023-12-01"])
    path = tmp_path / "reviews.csv"
    pd.DataFrame({name: written * 3, "score": [10, 3, 7, 9] * 3,
                  "id": range(12)}).to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert report.columns["date"] == name
    assert any("found by its content" in n for n in report.notes) == (name == "x")
    assert (df["date"].head(4).to_numpy() == expected.to_numpy()).all()
    relation, _ = nt.scan(path)
    scanned = pd.to_datetime(relation.df()["date"]).head(4)
    assert (scanned.to_numpy() == expected.to_numpy()).all()


def test_month_names_abroad_are_read_only_in_dates_with_their_year():
    # "ago" is August in Spanish: a relative date stays as written (a missing date, said)
    from nps_toolkit.loading.localdates import local_dates

    out = local_dates(pd.Series(["2 days ago", "hace 2 días", "9 mai 2025 à 17h03",
                                 "Mai 2024", "May 2024"])).tolist()
    assert out == ["2 days ago", "hace 2 días", "9 May 2025 17:03", "May 2024", "May 2024"]


def test_numeric_dates_read_one_by_one_keep_one_day_month_order():
    """Dates with a zone offset are read one by one; 19/11 was day first (it must be) and
    01/12 month first (12 January) in the same column, unsaid. One order is decided for the
    column, as for one format."""
    stamps = ["19/11/2023 17:03:54 +0100", "01/12/2023 00:05:00 +0100"]
    df, _ = nt.read_survey(pd.DataFrame({"Horodateur": stamps * 10, "score": [10, 3] * 10}))
    assert df["date"].head(2).astype(str).tolist() == ["2023-11-19 17:03:54+01:00",
                                                        "2023-12-01 00:05:00+01:00"]


@pytest.mark.parametrize(("encoding", "sep", "names", "comments"), [
    # Excel saves CSV in the system's code page: Korean, Chinese, Japanese and Russian
    # Windows; "Unicode text" is UTF-16 with tabs
    ("cp949", ",", ("타임스탬프", "추천 점수", "이유"), ["배송이 빨라요", "가격이 비싸요"]),
    ("gbk", ",", ("日期", "推荐度", "原因"), ["物流很快", "价格太贵"]),
    ("shift_jis", ",", ("日付", "推奨度", "理由"), ["配送が早い", "価格が高い"]),
    ("cp1251", ";", ("Дата", "Оценка", "Причина"), ["Быстрая доставка", "Дорого"]),
    ("utf-16", "\t", ("타임스탬프", "추천 점수", "이유"), ["배송이 빨라요", "가격이 비싸요"]),
])
def test_exports_in_east_asian_and_cyrillic_code_pages_are_read(tmp_path, encoding, sep,
                                                                 names, comments):
    rng = np.random.default_rng(8)
    frame = pd.DataFrame({names[0]: [f"2024-03-0{i % 9 + 1}" for i in range(60)],
                          names[1]: rng.integers(0, 11, 60),
                          names[2]: rng.choice(comments, 60)})
    path = tmp_path / "export.csv"
    frame.to_csv(path, index=False, encoding=encoding, sep=sep)
    df, report = nt.read_survey(path)
    assert report.columns == {"score": names[1], "comment": names[2], "date": names[0]}
    assert df["score"].tolist() == frame[names[1]].tolist()


def test_two_people_answering_alike_the_same_day_are_not_a_repeated_row():
    """Answers dated by the day, with no customer or response id: identical rows (same day,
    same score) were dropped as repeats though two people answer 10 on a busy day; they are
    kept and said. A long comment repeated the same day, or a row repeated to the second,
    is still a row exported twice."""
    rng = np.random.default_rng(12)
    days = pd.date_range("2025-01-01", periods=20).strftime("%Y-%m-%d")
    frame = pd.DataFrame({"date": rng.choice(days, 600), "score": rng.integers(0, 11, 600)})
    chance = int(frame.duplicated().sum())
    assert chance > 100
    df, report = nt.read_survey(frame)
    assert len(df) == 600 and not report.excluded.get("duplicate response")
    assert any(f"{chance:,} answer(s) repeat an earlier answer of the same day" in n
               for n in report.notes)
    commented = frame.assign(comment=[f"the courier left parcel {i} at the wrong door"
                                      for i in range(600)])
    doubled = pd.concat([commented, commented.iloc[[3, 7]]], ignore_index=True)
    df, report = nt.read_survey(doubled)
    assert report.excluded["duplicate response"] == [600, 601] and len(df) == 600
    timed = frame.assign(date=[f"{d} 10:{i % 60:02d}:{i % 7:02d}" for i, d in
                               enumerate(frame["date"])])
    doubled = pd.concat([timed, timed.iloc[[5]]], ignore_index=True)
    assert nt.read_survey(doubled)[1].excluded["duplicate response"] == [600]


def test_a_row_of_group_labels_above_the_column_names(tmp_path):
    """A sheet kept by hand labels groups of columns in a first row ("Ratings (0-10)" merged
    over three columns, "Open questions") and names them in the second: the group labels
    were taken for the names ("Ratings (0-10).1"...), and no recommend question was found.
    The names are read from the second row, said; the CSV saved from it (the merged label
    then blank after its first cell) and scan read the same."""
    import openpyxl

    rng = np.random.default_rng(14)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Respondent", "Ratings (0-10)", None, None, "Open questions"])
    sheet.merge_cells("B1:D1")
    sheet.append(["Date", "How likely are you to recommend us?", "Ease of use", "Support",
                  "Why?"])
    scores = rng.integers(0, 11, 60).tolist()
    for i, score in enumerate(scores):
        sheet.append([f"2025-03-{i % 28 + 1:02d} 10:{i % 60:02d}", score, int(rng.integers(0, 11)),
                      int(rng.integers(0, 11)), f"reason number {i}"])
    book.save(tmp_path / "grouped.xlsx")
    df, report = nt.read_survey(tmp_path / "grouped.xlsx")
    assert report.columns == {"score": "How likely are you to recommend us?",
                              "comment": "Why?", "date": "Date"}
    assert df["score"].tolist() == scores and "Ease of use" in df.columns
    assert any("the first row labels groups of columns" in n for n in report.notes)
    pd.read_excel(tmp_path / "grouped.xlsx", header=None).to_csv(tmp_path / "grouped.csv",
                                                                 index=False, header=False)
    df, report = nt.read_survey(tmp_path / "grouped.csv")
    assert df["score"].tolist() == scores
    relation, _ = nt.scan(tmp_path / "grouped.csv")
    assert relation.df()["score"].tolist() == scores
    # a plain header with an unnamed column over text answers is not taken for groups
    plain = pd.DataFrame({"Date": ["2025-03-01"] * 4, "score": [9, 3, 10, 7],
                          "": ["a", "b", "c", "d"], "Why": ["Fast", "Slow", "Kind", "Ok"]})
    plain.to_csv(tmp_path / "plain.csv", index=False)
    assert nt.read_survey(tmp_path / "plain.csv")[0]["score"].tolist() == [9, 3, 10, 7]


def test_a_recommend_question_answered_0_100_is_refused_with_what_to_do():
    """Some tools store the eleven choices as percentages (0, 10 ... 100); a slider asks on
    0-100. Both were refused as "no 0-10 column" without a word on the question they hold."""
    rng = np.random.default_rng(4)
    asked = "How likely are you to recommend us?"
    times_ten = pd.DataFrame({asked: rng.integers(0, 11, 200) * 10})
    with pytest.raises(nt.ColumnNotFoundError, match=r"eleven answers times ten.*100: 10\}"):
        nt.read_survey(times_ten)
    mapping = {10 * k: k for k in range(11)}
    df, _ = nt.read_survey(times_ten, score=asked, scale=mapping)
    assert df["score"].tolist() == (times_ten[asked] // 10).tolist()
    slider = pd.DataFrame({asked + " (0-100)": rng.integers(0, 101, 200)})
    with pytest.raises(nt.ColumnNotFoundError, match=r"on 0-100 \(a slider"):
        nt.read_survey(slider)


@pytest.mark.parametrize("asked", [
    "On a scale of 1 to 10, how likely are you to recommend us?",
    "¿Del 1 al 10, qué tan probable es que nos recomiende?",
    "Wie wahrscheinlich (von 1 bis 10) empfehlen Sie uns weiter?", "추천 의향 (1~10점)"])
def test_a_recommend_question_asked_on_1_to_10_is_said(asked):
    scores = np.random.default_rng(2).integers(1, 11, 100)
    df, report = nt.read_survey(pd.DataFrame({asked: scores}))
    assert df["score"].tolist() == scores.tolist()
    assert any("was asked on 1-10, not 0-10" in n for n in report.notes)
    # a 0 among the answers, or a question on 0-10, says nothing of the kind
    _, report = nt.read_survey(pd.DataFrame({asked: [0, *scores[1:]]}))
    assert not any("asked on 1-10" in n for n in report.notes)
    _, report = nt.read_survey(pd.DataFrame({"How likely (0-10) to recommend?": scores}))
    assert not any("asked on 1-10" in n for n in report.notes)


# ------------------------------------------------- values that differ in what no one can see
def _unseen_variants() -> dict[str, list[str]]:
    """Each group as exports write it several ways that look the same: composed and with
    its accents (or Korean jamo, Japanese voicing marks) stored apart, as macOS and some web
    forms save text; a space at an end, doubled, no-break, ideographic or a tab; a
    zero-width space, a byte-order mark, a direction mark or override."""
    import unicodedata

    nfd = lambda v: unicodedata.normalize("NFD", v)  # noqa: E731
    return {
        "Île-de-France": ["Île-de-France", nfd("Île-de-France"), "Île-de-France ",
                          "Île-de-France\u200b", "\ufeffÎle-de-France", " Île-de-France"],
        "New York": ["New York", "New\u00a0York", "New  York", "New\tYork", "New York\u200e",
                     "\u202aNew York\u202c"],
        "서울 본사": ["서울 본사", nfd("서울 본사"), "서울\u3000본사"],
        "ガス部門": ["ガス部門", nfd("ガス部門"), "ガス部門\u2060"],
        "North": ["North", "North\u00ad"],
        "north": ["north"],  # capitals are a spelling the analyst decides on: kept apart
        "Nord-Est": ["Nord-Est"], "Nord Est": ["Nord Est"],  # a hyphen is seen
    }


def _unseen_rows(seed: int = 24) -> tuple[pd.DataFrame, list[str]]:
    rng = np.random.default_rng(seed)
    variants = _unseen_variants()
    groups = [g for g, ways in variants.items() for _ in ways for _ in range(12)]
    written = [w for g, ways in variants.items() for w in ways for _ in range(12)]
    order = rng.permutation(len(groups))
    n = len(groups)
    frame = pd.DataFrame({
        "Date": pd.date_range("2025-01-01", periods=n, freq="6h").strftime("%Y-%m-%d %H:%M"),
        "Region": [written[i] for i in order],
        "Score": rng.integers(0, 11, n),
        "Comment": ["Delivery  was late and  the driver did not call me back, twice"] * n,
        "Agent notes": ["Called back  on Monday,  the parcel was found at the depot"] * n,
    })
    return frame, [groups[i] for i in order]


def test_values_written_ways_no_one_can_see_are_one_group(tmp_path):
    """A segment written with invisible differences (decomposed accents, trailing, no-break or
    zero-width spaces...) was several groups with the same name on screen, the NPS of one
    region split across rows that read alike. Each cell is now written one way and said;
    capitals and hyphens, which can be seen, still make different groups."""
    frame, groups = _unseen_rows()
    path = tmp_path / "unseen.csv"
    frame.to_csv(path, index=False)
    before = frame.copy()
    for source in (path, frame):
        df, report = nt.read_survey(source)
        assert df["Region"].tolist() == groups
        said = [n for n in report.notes if "'Region'" in n and "cannot be seen" in n]
        ways = _unseen_variants()
        assert len(said) == 1 and f"{sum(map(len, ways.values()))} distinct values -> " \
            f"{len(ways)}" in said[0]
        # comments and other sentences are kept as written (double spaces and all)
        assert df["comment"].eq(frame["Comment"].iloc[0]).all()
        assert df["Agent notes"].eq(frame["Agent notes"].iloc[0]).all()
    pd.testing.assert_frame_equal(frame, before)  # the caller's frame is not changed
    seg = nt.segments(df, by="Region")
    assert sorted(seg["Region"]) == sorted(set(groups))
    # the engine path writes them the same way
    rel, scanned = nt.scan(path)
    assert sorted(nt.segments(rel, by="Region")["Region"]) == sorted(set(groups))
    assert any("'Region'" in n and "cannot be seen" in n for n in scanned.notes)
    counts = rel.aggregate("Region, count(*) AS n").df().set_index("Region")["n"]
    assert counts.to_dict() == pd.Series(groups).value_counts().to_dict()


def test_customers_and_listed_groups_written_ways_no_one_can_see_are_one_each(tmp_path):
    """A customer whose name is stored once composed and once decomposed (José / José) was
    two customers; a customer list's plan written with a trailing no-break space two plans."""
    import unicodedata

    names = ["José Núñez", "Zoë Brontë", "Łukasz Żak"]
    rows = [(unicodedata.normalize("NFD", c) if i % 2 else c, i % 11, f"2025-02-{i + 1:02d}")
            for i, c in enumerate(names * 6)]
    text = "customer,nps,date\n" + "\n".join(f"{c},{s},{d}" for c, s, d in rows) + "\n"
    df, report = nt.read_survey(write(tmp_path, "c.csv", text))
    assert df["customer_id"].nunique() == 3
    assert any("with separate accent marks" in n for n in report.notes)
    listed = pd.DataFrame({"customer": names, "plan": ["Pro", "Pro\u00a0", "Básico"],
                           "region": ["Sul", unicodedata.normalize("NFD", "Sudéste"),
                                      "Sudéste"]})
    customers, said = nt.read_customers(listed, customer="customer")
    assert sorted(customers["plan"]) == ["Básico", "Pro", "Pro"]
    assert customers["region"].nunique() == 2
    assert sum("cannot be seen" in n for n in said.notes) == 2
    joined = nt.join_customers(df, customers)
    assert joined["plan"].notna().all()


def test_canonical_text_agrees_with_the_engines():
    """:func:`canonical` (Python), its DuckDB expression and the byte scan that finds the
    cells to look at agree on seeded strings of accents, marks, spaces and invisible
    characters (a cell the scan passes over must be one canonical leaves alone)."""
    import unicodedata

    import duckdb
    import pyarrow as pa

    from nps_toolkit.loading.tidy import _suspect_rows, canonical, canonical_sql

    rng = np.random.default_rng(7)
    alphabet = [*"aeE -", "\u0301", "\u0308", "é", "\u1100", "\u1161", "\u11a8", "한",
                "\u304b", "\u3099", "\u00a0", "\u3000", "\t", "\n", "\u200b", "\u200e",
                "\u202e", "\u2066", "\ufeff", "\u00ad", "\u200d", "中", "€", "’"]
    values = ["".join(rng.choice(alphabet, rng.integers(0, 8))) for _ in range(20_000)]
    want = [canonical(v) for v in values]
    assert all(unicodedata.is_normalized("NFC", w) for w in want)
    assert all(w == w.strip() and "  " not in w and "\u200b" not in w for w in want)
    con = duckdb.connect()
    con.register("t", pd.DataFrame({"i": range(len(values)), "v": values}))
    got = con.sql(f"SELECT {canonical_sql('v')} AS c FROM t ORDER BY i").df()["c"].tolist()
    assert got == want
    suspects = set(_suspect_rows(pa.chunked_array([pa.array(values[:9_000]),
                                                   pa.array(values[9_000:])])).tolist())
    changed = {i for i, (v, w) in enumerate(zip(values, want, strict=True)) if v != w}
    assert changed <= suspects
    assert len(suspects) < len(values)  # a scan, not every cell


# ------------------------------------------- NA and None: a missing value, or North America
def _regions_file(tmp_path: Path, *, r_style: bool, excel: bool = False,
                  column: str = "tickets") -> Path:
    rng = np.random.default_rng(11 if r_style else 12)
    n = 240
    frame = pd.DataFrame({
        "Response ID": [f"R{i:04d}" for i in range(n)],
        "customer": [f"C{i % 80:03d}" for i in range(n)],
        "region": rng.choice(["NA", "EMEA", "APAC", "LATAM"], n),
        "addon": rng.choice(["None", "Basic", "Premium"], n),
        "nps": rng.integers(0, 11, n).astype(object),
        "tickets": rng.integers(0, 9, n).astype(object),
        "comment": [f"support call {i} was fine" if i % 3 else "NA" for i in range(n)],
    })
    frame.loc[5, "customer"] = "NA"
    frame.loc[7, "Response ID"] = frame.loc[9, "Response ID"] = "NA"
    if r_style:  # R writes NA for a missing value, in its columns of numbers too
        frame.loc[[3, 30, 60], column] = "NA"
    path = tmp_path / ("regions.xlsx" if excel else "regions.csv")
    if excel:
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False)
    return path


def test_a_sheet_and_its_csv_read_the_same_missing_value_spellings(tmp_path):
    # the Excel reader made "N/A", "n/a", "nan", "NULL", "#N/A" missing before the columns
    # were known, the CSV reader left them to the typing: a real telecom file's 23 "N/A"
    # comments were comments from its CSV and nothing from the same sheet
    cells = pd.DataFrame({
        "score": ["9", "3", "10", "7", "N/A", "8", "#N/A"] * 3,
        "region": ["North", "N/A", "South", "null", "North", "NULL", "#N/A"] * 3,
        "spend": ["12.5", "N/A", "30", "null", "4", "5", "#N/A"] * 3,
        "comment": ["good", "N/A", "n/a", "bad", "ok", "nan", "#N/A"] * 3})
    cells.to_csv(tmp_path / "a.csv", index=False)
    cells.to_excel(tmp_path / "a.xlsx", index=False)
    (csv, r1), (xlsx, r2) = nt.read_survey(tmp_path / "a.csv"), nt.read_survey(tmp_path / "a.xlsx")
    pd.testing.assert_frame_equal(csv, xlsx)
    assert r1.excluded == r2.excluded and len(r1.excluded["blank score"]) == 6
    assert xlsx["comment"].head(5).tolist() == ["good", "N/A", "n/a", "bad", "nan"]
    assert nt.prepare_comments(xlsx)["non_answer_reason"].head(5).tolist() == [
        "", "non-answer phrase", "non-answer phrase", "", "missing-value code"]


@pytest.mark.parametrize("excel", [False, True])
def test_na_and_none_that_name_groups_are_kept(tmp_path, excel):
    """A region column of NA, EMEA, APAC lost North America, and a plan column its None
    plan, read as missing with no word: their answers left every segment. A file whose
    columns of numbers never write NA uses it as a word: kept, and said."""
    path = _regions_file(tmp_path, r_style=False, excel=excel)
    source = pd.read_excel(path, dtype=str, keep_default_na=False) if excel else \
        pd.read_csv(path, dtype=str, keep_default_na=False)
    df, report = nt.read_survey(path)
    assert df["region"].value_counts().to_dict() == \
        source["region"].value_counts().to_dict()
    assert df["addon"].value_counts().to_dict() == source["addon"].value_counts().to_dict()
    said = [n for n in report.notes if "read as a value" in n]
    assert len(said) == 2 and "'region'" in said[0] + said[1] and "'addon'" in said[0] + said[1]
    assert "NA" in set(nt.segments(df, by="region")["region"])
    # NA is still no customer and no response id: two answers with the response id NA are
    # not one answer exported twice, and NA is no customer answering them
    assert len(df) == len(source)
    assert df["customer_id"].isna().sum() == 1
    # a customer who typed NA gave a non-answer, as one who typed n/a
    assert (df["comment"] == "NA").sum() == (source["comment"] == "NA").sum()
    if not excel:  # the engine reads it the same way
        rel, _ = nt.scan(path)
        counts = rel.aggregate("region, count(*) AS n").df().set_index("region")["n"]
        assert counts.to_dict() == df["region"].value_counts().to_dict()


@pytest.mark.parametrize(("excel", "column"), [(False, "tickets"), (True, "tickets"),
                                               (False, "nps"), (True, "nps")])
def test_na_in_a_file_written_by_r_stays_missing(tmp_path, excel, column):
    """R writes NA in every column, its columns of numbers (or the score) among them: there
    NA is missing in the region and the comments too (as before); None, which R does not
    write, stays."""
    path = _regions_file(tmp_path, r_style=True, excel=excel, column=column)
    source = pd.read_excel(path, dtype=str, keep_default_na=False) if excel else \
        pd.read_csv(path, dtype=str, keep_default_na=False)
    source = source[source["nps"] != "NA"]  # answers without a score are left out
    df, report = nt.read_survey(path)
    assert len(df) == len(source)
    assert df["region"].isna().sum() == (source["region"] == "NA").sum() > 0
    assert "NA" not in set(df["region"].dropna())
    assert df["comment"].isna().sum() == (source["comment"] == "NA").sum()
    if column == "tickets":
        assert df["tickets"].isna().sum() == 3 and df["tickets"].dtype.kind == "f"
    if not excel:  # the engine reads it the same way: no region NA, tickets as numbers
        rel, _ = nt.scan(path)
        regions = rel.filter("score IS NOT NULL").aggregate(
            "region, count(*) AS n").df()
        assert regions["region"].isna().sum() == 1 and "NA" not in set(regions["region"])
        assert dict(zip(rel.columns, rel.types, strict=True))["tickets"] == "BIGINT"
    assert (df["addon"] == "None").sum() == (source["addon"] == "None").sum()
    said = [n for n in report.notes if "read as a value" in n]
    assert len(said) == 1 and "'addon'" in said[0]


@pytest.mark.parametrize("where", ["first", "last"])
def test_a_stretch_answered_on_a_1_5_scale_is_said(tmp_path, where):
    """Half a year of answers on 1-5 (before a survey moved to 0-10, or a 1-5 file stacked
    with a 0-10 one) read as detractors every one, an NPS of -100 for those quarters with no
    word. Said with the dates, not changed; a file whose bad months are only bad (answers
    above 5 among them) says nothing."""
    rng = np.random.default_rng(3 if where == "first" else 4)
    n = 600
    dates = pd.date_range("2024-01-01", "2025-06-30", periods=n)
    old = dates < pd.Timestamp("2024-07-01") if where == "first" else \
        dates >= pd.Timestamp("2025-01-01")
    modern = rng.choice(range(11), n, p=[0.02] * 6 + [0.05, 0.1, 0.15, 0.28, 0.3])
    scores = np.where(old, rng.choice([1, 2, 3, 4, 5], n), modern)
    frame = pd.DataFrame({"Date": dates.strftime("%Y-%m-%d"), "Score": scores,
                          "Region": rng.choice(["N", "S"], n)})
    path = tmp_path / "stacked.csv"
    frame.to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert df["score"].tolist() == scores.tolist()  # nothing changed
    said = [n for n in report.notes if "never go above 5" in n]
    first, last = dates[old].min().date(), dates[old].max().date()
    assert len(said) == 1 and f"the {old.sum()} answers from {first} to {last}" in said[0]
    assert "the NPS of that time is -100" in said[0]
    # the same months answered badly on 0-10 (a 6 now and then): nothing said
    bad = np.where(old, rng.choice([1, 2, 3, 4, 5, 6], n), modern)
    frame["Score"] = bad
    frame.to_csv(path, index=False)
    assert not any("never go above 5" in n for n in nt.read_survey(path)[1].notes)
    # a short stretch (a bad week of 20 answers) is chance
    frame["Score"] = np.where(np.arange(n) < 20, 3, modern)
    frame.to_csv(path, index=False)
    assert not any("never go above 5" in n for n in nt.read_survey(path)[1].notes)


def test_cells_written_as_excel_text_formulas_are_read_as_their_text(tmp_path):
    """ERP and banking exports write ids as ="00123" so that Excel keeps the leading zeros:
    the customer ="00123" matched no customer list, a score ="9" was no number. The text
    inside is read, in the survey, the customer list and the order log alike, and said;
    other formulas are left as written."""
    rng = np.random.default_rng(17)
    n = 60
    ids = [f"{i % 20:05d}" for i in range(n)]
    survey = "date,customer,score,comment\n" + "".join(
        f'2025-02-{i % 28 + 1:02d},="{c}",="{s}",fine {i}\n'
        for i, (c, s) in enumerate(zip(ids, rng.integers(0, 11, n), strict=True)))
    survey += '2025-03-01,="00001",7,"=SUM(A1)"\n'
    df, report = nt.read_survey(write(tmp_path, "s.csv", survey))
    assert df["customer_id"].iloc[:n].tolist() == ids
    assert df["score"].dtype.kind in "iu" and df["score"].notna().all()
    assert df["comment"].iloc[-1] == "=SUM(A1)"  # another formula: as written
    assert sum("Excel text formulas" in x for x in report.notes) == 2
    rel, scanned = nt.scan(tmp_path / "s.csv")  # the engine reads the text inside too
    got = rel.df()
    assert got["customer_id"].iloc[:n].tolist() == ids
    assert got["score"].tolist() == df["score"].tolist()
    assert sum("Excel text formulas" in x for x in scanned.notes) == 2
    listed = "customer,plan\n" + "".join(f'="{i:05d}",{"Pro" if i % 2 else "Basic"}\n'
                                         for i in range(20))
    customers, said = nt.read_customers(write(tmp_path, "c.csv", listed))
    # (the list's ids read as numbers, matched to the survey's 00001 as the notes say)
    assert sorted(customers["customer_id"].astype(int)) == sorted({int(i) for i in ids})
    assert any("Excel text formulas" in x for x in said.notes)
    joined = nt.join_customers(df, customers)
    assert joined["plan"].notna().all()


def test_a_missing_value_written_out_is_no_customer():
    """A customer id written "n/a", "NULL", "none" or "-" (a CRM's empty field exported as
    text) was one customer answering every such survey; it is no customer, as
    "anonymous" is, in the survey, the customer list and the order log alike."""
    from nps_toolkit.loading.ids import _clean_ids

    notes: list[str] = []
    ids = pd.Series(["A1", "n/a", "NULL", " none ", "-", "A2", "NA", "Nadia"], dtype="string")
    clean = _clean_ids(ids, notes, "customer")
    assert clean.tolist() == ["A1", pd.NA, pd.NA, pd.NA, pd.NA, "A2", pd.NA, "Nadia"]
    assert any("name no customer" in n for n in notes)


@pytest.mark.parametrize("name, divided", [("amount_cents", True), ("Amount (in cents)", True),
                                           ("price_pence", True), ("valor_centavos", True),
                                           ("amount_minor", True), ("amount", False),
                                           ("Order value", False)])
def test_order_amounts_in_cents_are_read_in_the_currency(tmp_path, name, divided):
    """An order log from a payments API keeps amounts in cents (``amount_cents``): summed as
    they were, every figure of money was 100 times too large, silently."""
    rng = np.random.default_rng(9)
    n = 50
    cents = rng.integers(500, 20_000, n)
    log = pd.DataFrame({"customer_id": rng.integers(1, 20, n),
                        "order_date": pd.date_range("2025-01-01", periods=n).strftime("%Y-%m-%d"),
                        name: cents})
    path = tmp_path / "orders.csv"
    log.to_csv(path, index=False)
    orders, report = nt.read_orders(path)
    assert report.columns["amount"] == name
    want = np.sort(cents / 100 if divided else cents.astype(float))
    assert np.allclose(np.sort(orders["amount"].to_numpy()), want)
    assert any("hundredths of the currency" in x for x in report.notes) == divided


@pytest.mark.parametrize("labels", [["Average", "NPS"], ["Total", "Median"], ["Moyenne"],
                                    ["Durchschnitt", "Gesamt"], ["평균"]])
def test_summary_rows_under_the_answers_are_left_out(tmp_path, labels):
    """A hand-kept sheet sums its answers up below them ("Average 7.85", "NPS -35", a median
    of 8 alone on its row): the read stopped on them as invalid scores, and a median of 8
    would have counted as an answer. Rows at the foot labelled so are left out and listed;
    an answer whose customer or comment reads "Max" or "Average" stays an answer."""
    rng = np.random.default_rng(len(labels))
    n = 40
    scores = rng.integers(0, 11, n)
    rows = [f"{name},{rng.choice(['N', 'S'])},{s},comment {i}"
            for i, (name, s) in enumerate(zip([f"Client {i}" for i in range(n - 2)]
                                              + ["Max", "Ana"], scores, strict=True))]
    rows[-1] = f"Ana,N,{scores[-1]},Average"  # a customer's own one-word comment
    foot = {"Average": f"{scores.mean():.2f}", "NPS": "-35", "Total": str(scores.sum()),
            "Median": "8", "Moyenne": f"{scores.mean():.1f}", "Durchschnitt": "\"7,9\"",
            "Gesamt": str(n), "평균": f"{scores.mean():.2f}"}
    text = ("Name,Region,NPS,Comment\n" + "\n".join(rows) + "\n,,,\n"
            + "".join(f"{label},,{foot[label]},\n" for label in labels))
    df, report = nt.read_survey(write(tmp_path, "foot.csv", text))
    assert len(df) == n and df["score"].tolist() == scores.tolist()
    assert report.excluded["summary row"] == list(range(n + 2, n + 3 + len(labels)))
    assert any(f"e.g. {labels[0]!r}" in x for x in report.notes)
    # the same words inside the answers are answers
    inside = "Name,Region,NPS,Comment\nTotal,N,9,great\nAverage,S,7,ok\nBo,N,3,bad\n"
    df, report = nt.read_survey(write(tmp_path, "inside.csv", inside))
    assert len(df) == 3 and "summary row" not in report.excluded


def test_a_row_describing_the_columns_under_their_names_is_left_out(tmp_path):
    """A hand-kept sheet with a units or help row under its names ("(yyyy-mm-dd)", "(0-10)")
    stopped the read on row 2 as an invalid score. The row is left out and listed; a first
    answer whose score is a typo is still an invalid answer, said as before."""
    rng = np.random.default_rng(31)
    body = "".join(f"2025-01-{i % 28 + 1:02d},{rng.choice(['N', 'S'])},{rng.integers(0, 11)},"
                   f"good {i}\n" for i in range(40))
    text = "Date,Region,NPS,Comment\n(yyyy-mm-dd),(text),(0-10),(free text)\n" + body
    df, report = nt.read_survey(write(tmp_path, "units.csv", text))
    assert len(df) == 40 and report.excluded == {"description row": [2]}
    assert any("'(0-10)'" in x and "describes them" in x for x in report.notes)
    typo = "Date,Region,NPS,Comment\n2025-01-01,N,x,great\n" + body
    with pytest.raises(nt.InvalidScoreError, match="row 2: 'x'"):
        nt.read_survey(write(tmp_path, "typo.csv", typo))


@pytest.mark.parametrize("days", [120, 400])
def test_two_digit_years_written_first_are_years(tmp_path, days):
    """Dates written yy-mm-dd (``24-11-01``, a short ISO order) were read day first: 24
    November 2001, the answers spread over 25 years, some left out as future dates. Read as
    years when the first field holds few recent years and the last many days; a monthly
    survey on the 15th written day first (``15-02-23``) keeps its day first."""
    dates = pd.date_range("2024-11-01", periods=days, freq="D")
    rng = np.random.default_rng(days)
    frame = pd.DataFrame({"Date": dates.strftime("%y-%m-%d"),
                          "NPS": rng.integers(0, 11, days)})
    path = tmp_path / "yymmdd.csv"
    frame.to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert (df["date"].to_numpy() == dates.to_numpy()).all()
    assert any("year-month-day with a two-digit year" in n for n in report.notes)
    rel, _ = nt.scan(path)
    assert (rel.df()["date"].to_numpy() == dates.to_numpy()).all()
    monthly = pd.date_range("2023-01-01", periods=30, freq="MS") + pd.Timedelta(days=14)
    frame = pd.DataFrame({"Date": monthly.strftime("%d-%m-%y"),
                          "NPS": rng.integers(0, 11, 30)})
    frame.to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert (df["date"].to_numpy() == monthly.to_numpy()).all()


@pytest.mark.parametrize("sep", [".", "/", "-"])
def test_two_digit_years_first_are_read_when_no_other_reading_can_be_true(tmp_path, sep):
    """Naver's Korean film reviews (NSMC) write "15.02.21" for 21 February 2015, over
    2003-2016: read day first they were dates of 2001-2031, 302 of 2,000 left out as future
    dates, the rest years wrong. Year first is taken when the other readings make dates that
    cannot exist or lie in the future; a day-first export of the same years keeps its day
    first (read year first, its 27ths to 31sts would be future years), and so does a span
    all three readings can hold."""
    rng = np.random.default_rng(len(sep))
    dates = pd.Timestamp("2003-11-28") + pd.to_timedelta(rng.integers(0, 4300, 600), unit="D")
    frame = pd.DataFrame({"score": rng.integers(1, 11, 600),
                          "date": dates.strftime(f"%y{sep}%m{sep}%d")})
    path = tmp_path / "yy_first.csv"
    frame.to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert (df["date"].to_numpy() == dates.to_numpy()).all()
    assert any("year-month-day with a two-digit year" in n and "would not exist" in n
               for n in report.notes)
    rel, _ = nt.scan(path)
    assert (rel.df()["date"].to_numpy() == dates.to_numpy()).all()
    # the same dates written day first stay day first
    frame["date"] = dates.strftime(f"%d{sep}%m{sep}%y")
    frame.to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert (df["date"].to_numpy() == dates.to_numpy()).all()
    assert not any("year-month-day" in n for n in report.notes)
    # years of the last century are read as strptime reads them: 95 is 1995
    old = pd.Timestamp("1994-06-01") + pd.to_timedelta(rng.integers(0, 3000, 300), unit="D")
    frame = pd.DataFrame({"score": rng.integers(1, 11, 300),
                          "date": old.strftime(f"%y{sep}%m{sep}%d")})
    frame.to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert (df["date"].to_numpy() == old.to_numpy()).all()
    # a week all three readings can hold: the day-or-month rules decide, as before
    week = pd.date_range("2024-03-05", periods=7, freq="D")
    frame = pd.DataFrame({"score": rng.integers(0, 11, 7), "date": week.strftime("%d.%m.%y")})
    frame.to_csv(path, index=False)
    df, report = nt.read_survey(path)
    assert (df["date"].to_numpy() == week.to_numpy()).all()


def test_column_names_lose_what_cannot_be_seen(tmp_path):
    """A header cell with a zero-width space, a byte-order mark left inside the row, a
    no-break space or decomposed accents: ``df["Région"]`` raised KeyError on a name that
    reads the same."""
    import unicodedata

    names = ["Date\u00a0", "R\u00e9gion\u200b", unicodedata.normalize("NFD", " Équipe "),
             "NPS", "Comment\ufeff"]
    rng = np.random.default_rng(5)
    body = "".join(f"2025-01-{i % 28 + 1:02d},{rng.choice(['N', 'S'])},{rng.choice(['A', 'B'])},"
                   f"{rng.integers(0, 11)},fine {i}\n" for i in range(40))
    df, report = nt.read_survey(write(tmp_path, "h.csv", ",".join(names) + "\n" + body))
    assert list(df.columns) == ["date", "Région", "Équipe", "score", "comment"]
    assert report.columns["comment"] == "Comment"
    assert len(nt.segments(df, by="Région")) == 2
    rel, _ = nt.scan(tmp_path / "h.csv")  # the engine names them the same
    assert list(rel.columns) == list(df.columns)
