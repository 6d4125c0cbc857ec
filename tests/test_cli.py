"""The command line: output, exit codes and messages."""

from __future__ import annotations

import subprocess
import sys

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
