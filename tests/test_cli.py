"""The command line: output, exit codes and messages."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd

from nps_toolkit.cli import main


def test_score_on_bundled_sample(capsys):
    assert main(["score"]) == 0
    out = capsys.readouterr().out
    assert "Bundled sample survey" in out and "NPS 27.1" in out and "Rows read: 5,036" in out


def test_score_by_group_and_method(capsys, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("NPS,Team\n10,a\n9,a\n3,b\n8,b\n,b\n")
    assert main(["score", str(path), "--by", "Team", "--method", "score"]) == 0
    out = capsys.readouterr().out
    assert "By Team:" in out and "blank score: 1 (rows 6)" in out and "score;" in out


def test_bad_input_exits_nonzero_with_message(capsys, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("score\n10\n12\n")
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert "row 3" in err and "--on-invalid exclude" in err
    assert main(["score", str(path), "--on-invalid", "exclude"]) == 0
    assert main(["score", str(tmp_path / "missing.csv")]) == 2
    assert main(["score", "--by", "nope"]) == 2
    assert "nope" in capsys.readouterr().err


def test_console_script_entry_point():
    done = subprocess.run([sys.executable, "-m", "nps_toolkit", "score"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and "NPS 27.1" in done.stdout


def test_cli_speaks_cli_version_exit_codes_and_broken_pipe(tmp_path):
    import subprocess
    import sys

    from nps_toolkit import __version__

    bad = tmp_path / "bad.csv"
    bad.write_text("score\n9\nlots\n8\n")
    out = subprocess.run([sys.executable, "-m", "nps_toolkit", "score", str(bad)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "--on-invalid exclude" in out.stderr and "on_invalid=" not in out.stderr
    nameless = tmp_path / "nameless.csv"
    nameless.write_text("a,b\nx,y\n")
    out = subprocess.run([sys.executable, "-m", "nps_toolkit", "score", str(nameless)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "--score COLUMN" in out.stderr and "score='" not in out.stderr
    out = subprocess.run([sys.executable, "-m", "nps_toolkit", "--version"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == f"nps-toolkit {__version__}"
    out = subprocess.run([sys.executable, "-m", "nps_toolkit", "--help"],
                         capture_output=True, text=True, timeout=120)
    assert "exit status: 0 done" in out.stdout
    # a reader that stops early (| head) is not an error
    proc = subprocess.Popen([sys.executable, "-m", "nps_toolkit", "score", "--by", "channel"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert "BrokenPipeError" not in err and "Traceback" not in err


def _export(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("score,comment\n10,great\n3,slow\n8,ok\n")
    return path


def test_report_refuses_to_overwrite_its_input(tmp_path, capsys):
    """`report survey.csv -o survey.csv` wrote the report over the export (issue 24)."""
    path = _export(tmp_path)
    before = path.read_bytes()
    for target in (str(path), str(tmp_path / "." / "survey.csv")):
        assert main(["report", str(path), "-o", target, "--quiet"]) == 2
        err = capsys.readouterr().err
        assert "would overwrite the export" in err and "Traceback" not in err
    link = tmp_path / "alias.csv"
    link.symlink_to(path)
    assert main(["report", str(path), "-o", str(link), "--quiet"]) == 2
    orders = tmp_path / "orders.csv"
    orders.write_text("customer_id,order_date,amount\na,2025-01-01,5\n")
    assert main(["report", str(path), "--orders", str(orders), "-o", str(orders),
                 "--quiet"]) == 2
    assert "would overwrite the order log" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_unreadable_file_is_a_message_not_a_traceback(tmp_path, capsys, monkeypatch):
    """PermissionError ended in a traceback and exit 1 (issue 24). Tests run as root in CI,
    where chmod cannot take read access away: the read itself is made to fail."""
    import nps_toolkit.loading.files as files

    path = _export(tmp_path)

    def denied(p, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(p))

    monkeypatch.setattr(files, "_read_head", denied)
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: permission denied" in err
    assert main(["report", str(path), "-o", str(tmp_path / "r.html"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "permission denied" in err and "Traceback" not in err


def test_truncated_xlsx_names_the_file(tmp_path, capsys):
    import pandas as pd

    import nps_toolkit as nt

    whole = tmp_path / "whole.xlsx"
    pd.DataFrame({"score": [10, 3, 8], "comment": ["a", "b", "c"]}).to_excel(whole,
                                                                            index=False)
    cut = tmp_path / "download.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    try:
        nt.read_survey(cut)
    except ValueError as exc:
        assert "download.xlsx" in str(exc) and "not a complete Excel file" in str(exc)
    else:
        raise AssertionError("a truncated workbook was read")
    assert main(["score", str(cut)]) == 2
    err = capsys.readouterr().err
    assert "download.xlsx" in err and "Traceback" not in err


def test_compressed_export_that_expands_too_far_stops(tmp_path, monkeypatch):
    """A small .gz expanding to gigabytes was decompressed whole (MemoryError)."""
    import bz2
    import gzip
    import lzma
    import zipfile

    import pytest

    import nps_toolkit as nt
    import nps_toolkit.loading.files as files

    body = b"score,comment\n" + b"9,fine\n" * 400_000  # 2.8 MB of text
    monkeypatch.setattr(files, "DECOMPRESSED_LIMIT", 1 << 20)
    for suffix, pack in ((".gz", gzip.compress), (".bz2", bz2.compress),
                         (".xz", lzma.compress)):
        path = tmp_path / f"bomb.csv{suffix}"
        path.write_bytes(pack(body))
        assert path.stat().st_size < 100_000
        with pytest.raises(ValueError, match=r"expands to more than 0\.0 GB"):
            nt.read_survey(path)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.csv", body)
    with pytest.raises(ValueError, match="expands to more than"):
        nt.read_survey(path)
    monkeypatch.setattr(files, "DECOMPRESSED_LIMIT", 10 << 20)
    df, _ = nt.read_survey(tmp_path / "bomb.csv.gz")  # under the limit: read as before
    assert len(df) == 400_000


def _german_export(tmp_path):
    import numpy as np

    rng = np.random.default_rng(2)
    rows = ["Kunde;Welle;Filiale;Bewertung;Kommentar;Umsatz"] + [
        f"K{i % 150:03d};{1 + i // 50};{rng.choice(['Nord', 'Süd', 'West'])};"
        f"{rng.integers(0, 11)};gut;{rng.integers(10, 500)},{rng.integers(0, 99):02d}"
        for i in range(200)]
    path = tmp_path / "kunden.csv"
    path.write_bytes("\n".join(rows).encode("cp1252"))
    return path


def test_print_config_writes_the_detected_configuration(tmp_path, capsys):
    """Issue 25 §2: --print-config writes what detection chose as TOML to edit; --config reads
    it back; options given on the command line win; unknown keys are refused."""
    import tomllib

    path = _german_export(tmp_path)
    assert main(["report", str(path), "--print-config"]) == 0
    text = capsys.readouterr().out
    config = tomllib.loads(text)
    assert config["period"] == "Welle" and config["value"] == "Umsatz"
    assert config["segments"] == ["Filiale"] and config["customer"] == "Kunde"
    assert config["score"] == "Bewertung" and "benchmark" not in config
    edited = tmp_path / "nps.toml"
    edited.write_text(text + '\nbenchmark = 30\ntitle = "Kundenzufriedenheit"\n',
                      encoding="utf-8")
    assert main(["report", str(path), "--config", str(edited), "--segments", "Filiale",
                 "--print-config"]) == 0
    again = tomllib.loads(capsys.readouterr().out)
    assert again["benchmark"] == 30 and again["title"] == "Kundenzufriedenheit"
    edited.write_text('segmnts = ["Filiale"]\n')
    assert main(["report", str(path), "--config", str(edited), "--print-config"]) == 2
    assert "unknown configuration key(s) ['segmnts']" in capsys.readouterr().err
    assert main(["report", str(path), "--value", "Umsatzz", "--print-config"]) == 2
    assert "value: column 'Umsatzz' not found" in capsys.readouterr().err
    assert main(["report", str(path), "--industry", "garden retail", "--print-config"]) == 2
    assert "Industry groups with sourced figures" in capsys.readouterr().err


def test_print_config_carries_the_answer_scale_through_toml(tmp_path, capsys):
    """``--scale`` on ``report`` is a configuration key like the others: --print-config
    writes it as a TOML table that --config reads back; a scale that is not a table of
    whole numbers is refused with the form it takes."""
    import tomllib

    path = tmp_path / "stars.csv"
    path.write_text("rating,text\n" + "".join(f"{1 + i % 5},ok {i}\n" for i in range(60)))
    assert main(["report", str(path), "--print-config"]) == 2
    assert "--scale 1=0,2=3,3=5,4=8,5=10" in capsys.readouterr().err
    assert main(["report", str(path), "--scale", "1=0,2=3,3=5,4=8,5=10",
                 "--print-config"]) == 0
    text = capsys.readouterr().out
    assert tomllib.loads(text)["scale"] == {"1": 0, "2": 3, "3": 5, "4": 8, "5": 10}
    (tmp_path / "nps.toml").write_text(text, encoding="utf-8")
    assert main(["report", str(path), "--config", str(tmp_path / "nps.toml"),
                 "--print-config"]) == 0
    assert tomllib.loads(capsys.readouterr().out)["scale"]["5"] == 10
    (tmp_path / "bad.toml").write_text('scale = "1=0,5=10"\n', encoding="utf-8")
    assert main(["report", str(path), "--config", str(tmp_path / "bad.toml"),
                 "--print-config"]) == 2
    assert "scale must map each answer to a 0-10 score" in capsys.readouterr().err


def test_report_freq_is_detected_given_or_refused_clearly(tmp_path, capsys):
    """The trend's periods come from the dates (six months of answers: months), --freq
    overrides them, and a value the trend cannot cut is refused before anything runs."""
    import tomllib

    rng = np.random.default_rng(4)
    dates = pd.Timestamp("2023-01-02") + pd.to_timedelta(rng.integers(0, 180, 350), unit="D")
    path = tmp_path / "six_months.csv"
    pd.DataFrame({"score": rng.integers(0, 11, 350),
                  "Data_Received": dates.strftime("%d/%m/%Y")}).to_csv(path, index=False)
    assert main(["report", str(path), "--print-config"]) == 0
    assert tomllib.loads(capsys.readouterr().out)["freq"] == "M"
    assert main(["report", str(path), "--freq", "q", "--print-config"]) == 0
    assert tomllib.loads(capsys.readouterr().out)["freq"] == "Q"
    assert main(["report", str(path), "--freq", "fortnightly", "--print-config"]) == 2
    assert "freq 'fortnightly': give the trend's periods as Q" in capsys.readouterr().err
