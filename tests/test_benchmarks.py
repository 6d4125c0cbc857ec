"""The bundled benchmark table and comparisons with benchmarks and targets."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import nps_toolkit as nt


def test_every_row_is_sourced_and_in_range():
    t = nt.benchmarks()
    assert t.attrs["version"] and (t["kind"] == "published").all()
    for col in ("industry", "publisher", "source_title", "url", "method_notes", "statistic"):
        assert t[col].notna().all() and (t[col].astype(str).str.strip() != "").all(), col
    assert t["url"].str.match(r"https?://").all()
    assert t["nps"].between(-100, 100).all()
    # a year, or a note that says why there is none
    assert (t["year"].notna() | t["year_note"].str.contains("undated|not stated")).all()
    assert t["year_note"].notna().all()
    assert t["verified"].isin([True, False]).all()
    assert t["year"].dropna().between(2000, 2026).all()


@pytest.mark.parametrize(("publisher", "industry", "year", "value"), [
    ("SPG Consulting", "All companies in SPG's database", 2018, 39),
    ("Retently", "E-commerce", 2020, 62),
    ("Retently", "E-commerce", None, 45),
    ("SurveyMonkey", "All organisations", None, 32),
    ("NICE Satmetrix", "Department / specialty stores", 2018, 62),
    ("Temkin Group", "Auto dealers", 2017, 43),
    ("Temkin Group", "Auto dealers", 2018, 39),
    ("XM Institute (Qualtrics)", "Grocery", 2021, 33.3),
    ("XM Institute (Qualtrics)", "Retail", 2022, 28.4),
    ("XM Institute (Qualtrics)", "Grocery", 2023, 30.1),
    ("XM Institute (Qualtrics)", "Retail", 2024, 29),
])
def test_required_rows_present(publisher, industry, year, value):
    t = nt.benchmarks()
    rows = t[(t["publisher"].str.startswith(publisher)) & (t["industry"] == industry)
             & (t["nps"] == value)]
    rows = rows[rows["year"].isna()] if year is None else rows[rows["year"] == year]
    assert len(rows) >= 1
    if publisher == "SurveyMonkey":
        top = t[(t["publisher"] == "SurveyMonkey") & (t["statistic"] == "top quartile threshold")]
        assert 72 in top["nps"].tolist()


def test_own_rows_from_csv(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,nps,kind,year\nCompetitor A,41,competitor,2025\nQ3 target,45,target,"
                    "\n", encoding="utf-8")
    t = nt.benchmarks(extra=path)
    mine = t[t["kind"] != "published"]
    assert mine["benchmark"].tolist() == ["Competitor A", "Q3 target"]
    c = nt.compare_to_benchmark(nt.load_sample(), benchmark="Competitor A", table=t)
    assert c.benchmark == 41 and c.difference < 0 and "Competitor A" in c.sentence
    bad = tmp_path / "bad.csv"
    bad.write_text("name,nps\nX,140\nY,abc\n")
    with pytest.raises(ValueError, match="row 2: '140'"):
        nt.benchmarks(extra=bad)
    with pytest.raises(ValueError, match="'industry'"):
        nt.benchmarks(extra=pd.DataFrame({"score": [1]}))


def test_posterior_probability_matches_scipy_dirichlet():
    r = nt.from_counts(promoters=120, passives=60, detractors=20)  # NPS 50
    c = nt.compare_to_benchmark(r, benchmark=45)
    draws = stats.dirichlet.rvs([121, 61, 21], size=400_000, random_state=1)
    expected = float(((draws[:, 0] - draws[:, 2]) * 100 > 45).mean())
    assert c.prob_above == pytest.approx(expected, abs=0.01)
    assert c.difference == 5 and not c.interval_excludes
    assert "cannot tell" in c.sentence and "target of 45" in c.sentence


def test_string_benchmark_picks_latest_verified_average_and_warns_across_industries():
    df = nt.load_sample()
    c = nt.compare_to_benchmark(df, benchmark="grocery")
    assert "2024" in c.benchmark_label and c.benchmark == 30
    with pytest.warns(UserWarning, match="telecom benchmark"):
        c = nt.compare_to_benchmark(df, benchmark="TV / internet", industry="online shop")
    assert any("telecom" in w for w in c.warnings)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = nt.compare_to_benchmark(df, benchmark="retail", industry="online fashion retail")
    c = nt.compare_to_benchmark(df, benchmark="All organisations")
    assert any("cross-industry" in w for w in c.warnings)
    c = nt.compare_to_benchmark(df, benchmark="Online shopping")
    assert any("not confirmed" in w for w in c.warnings)


def test_guidance_and_errors():
    neg = nt.compare_to_benchmark([0, 3, 10], benchmark=0)
    assert "detractors are at least as many" in neg.sentence
    assert any("only 3 responses" in w for w in neg.warnings)
    with pytest.raises(ValueError, match="no benchmark matches"):
        nt.compare_to_benchmark([10], benchmark="space tourism")
    with pytest.raises(ValueError, match="between -100 and 100"):
        nt.compare_to_benchmark([10], benchmark=120)
    with pytest.raises(ValueError, match="no valid responses"):
        nt.compare_to_benchmark([np.nan], benchmark=10)
    html = nt.compare_to_benchmark([10, 9, 3], benchmark=10)._repr_html_()
    assert "<p>" in html


def test_any_frame_or_series_is_accepted():
    import polars as pl

    df = nt.load_sample()
    expected = nt.compare_to_benchmark(df, benchmark=30).prob_above
    for data in (pl.from_pandas(df), df["score"], pl.from_pandas(df)["score"]):
        assert nt.compare_to_benchmark(data, benchmark=30).prob_above == expected
    with pytest.raises(nt.ColumnNotFoundError, match="'nps'"):
        nt.compare_to_benchmark(df, benchmark=30, score="nps")


def test_read_codeframe_reports_coverage_and_prints_assignments_to_read(capsys, monkeypatch):
    """benchmarks/read_codeframe.py (issue 26's hand reads): coverage on the dev or holdout
    part, then 40 seeded assignments with their rows; the two parts split the comments."""
    import importlib.util
    import sys
    from pathlib import Path

    import nps_toolkit as nt

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "read_codeframe.py"
    spec = importlib.util.spec_from_file_location("read_codeframe", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sample = str(nt.sample_path())
    dev, holdout = module.comments(sample, "dev"), module.comments(sample, "holdout")
    assert not set(dev.index) & set(holdout.index)
    monkeypatch.setattr(sys, "argv", ["read_codeframe.py", sample, "ecommerce", "dev", "3"])
    module.main()
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"dev: {len(dev):,} comments; coverage ")
    reads = [line for line in out if line[:3].strip().isdigit() and "[" in line]
    assert len(reads) == 40 and reads[0].startswith(" 1 [")
