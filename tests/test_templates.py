"""The template copier (behind the Launcher, the context menu and %nps_template), the IPython
magics, and that the server extension does not import the analysis stack."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nps_toolkit as nt
from nps_toolkit.templates import TemplateError, copy, names, template_file


def _params(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    return "".join(cell["source"])


def test_copy_clears_outputs_and_leaves_the_template_alone(tmp_path):
    template = template_file("calculation")
    before = template.read_bytes()
    made = copy("calculation", tmp_path)
    assert made == tmp_path / "NPS calculation.ipynb"
    nb = json.loads(made.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert "widgets" not in nb["metadata"]
    assert template.read_bytes() == before
    stored = json.loads(before)
    assert any(c.get("outputs") for c in stored["cells"] if c["cell_type"] == "code")


def test_name_clashes_get_numbered(tmp_path):
    (tmp_path / "NPS trend review.ipynb").write_text("mine")
    first = copy("trends", tmp_path)
    second = copy("trend", tmp_path)
    assert first.name == "NPS trend review (2).ipynb"
    assert second.name == "NPS trend review (3).ipynb"
    assert (tmp_path / "NPS trend review.ipynb").read_text() == "mine"  # never overwritten
    assert names() == ["calculation", "comments", "trends", "growth"]


def test_data_parameter_points_at_the_file(tmp_path, monkeypatch):
    data_dir = tmp_path / "exports"
    data_dir.mkdir()
    (data_dir / "survey.csv").write_text("score\n9\n")
    made = copy("comments", tmp_path, data=str(data_dir / "survey.csv"))
    assert "data_path: str = 'exports/survey.csv'" in _params(made)
    monkeypatch.chdir(data_dir)  # relative paths are relative to where you are
    made = copy("calculation", tmp_path, data="survey.csv")
    assert "data_path: str = 'exports/survey.csv'" in _params(made)
    made_here = copy("calculation", data_dir, data="survey.csv")
    assert "data_path: str = 'survey.csv'" in _params(made_here)


def test_missing_data_unknown_template_missing_folder(tmp_path):
    with pytest.raises(TemplateError, match=r"data file .*nope\.csv does not exist"):
        copy("calculation", tmp_path, data=str(tmp_path / "nope.csv"))
    with pytest.raises(TemplateError, match="unknown template 'forecast'"):
        copy("forecast", tmp_path)
    with pytest.raises(TemplateError, match="does not exist"):
        copy("calculation", tmp_path / "missing")
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_read_only_folder(tmp_path):
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="nps-ro-"))  # /tmp: reachable by any user
    base.chmod(0o755)
    folder = base / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    code = ("import sys; from nps_toolkit.templates import copy, TemplateError\n"
            "try:\n    copy('calculation', sys.argv[1])\nexcept TemplateError as e:\n"
            "    print('refused:', e)\n")
    cmd = [sys.executable, "-c", code, str(folder)]
    if os.geteuid() == 0:  # root ignores permissions: run the copy as an unprivileged user
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv")
        cmd = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "HOME": str(base)})
    assert "refused:" in out.stdout and "read-only" in out.stdout, out.stdout + out.stderr
    assert list(folder.iterdir()) == []
    folder.chmod(0o755)
    shutil.rmtree(base)


def test_paths_outside_the_root_are_refused(tmp_path):
    from nps_toolkit_lab.copier import copy_template

    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (tmp_path / "secret.csv").write_text("score\n1\n")
    with pytest.raises(TemplateError, match="outside the server root"):
        copy_template("calculation", root / "..", root=root)
    with pytest.raises(TemplateError, match="outside the server root"):
        copy_template("calculation", root / "sub", data=str(root / "sub" / ".." / ".."
                                                             / "secret.csv"), root=root)
    made = copy_template("calculation", root / "sub", root=root)
    assert made.parent == root / "sub"


def test_magics(tmp_path, monkeypatch, capsys):
    from IPython.testing.globalipapp import get_ipython

    ip = get_ipython()
    ip.run_line_magic("load_ext", "nps_toolkit")
    monkeypatch.chdir(tmp_path)
    nt.load_sample().to_csv("survey.csv", index=False)
    path = ip.run_line_magic("nps_template", "trends --data survey.csv")
    assert path == Path("NPS trend review.ipynb") or path.name == "NPS trend review.ipynb"
    assert "data_path: str = 'survey.csv'" in _params(tmp_path / "NPS trend review.ipynb")
    table = ip.run_line_magic("nps", "survey.csv --by touchpoint")
    out = capsys.readouterr().out
    assert "NPS 27.1 (95% CI 25.1 to 29.0" in out and "Rows read: 5,036" in out
    assert table["touchpoint"].tolist() == ["after purchase", "after support", "periodic"]
    ip.run_line_magic("nps_template", "nope")
    assert "unknown template" in capsys.readouterr().out


def test_server_extension_does_not_import_the_analysis_stack():
    code = ("import sys, nps_toolkit_lab, nps_toolkit_lab.handlers, nps_toolkit_lab.copier\n"
            "nps_toolkit_lab.copier.template_file('calculation')\n"
            "heavy = [m for m in ('pandas', 'scipy', 'sklearn', 'numpy', 'nps_toolkit')"
            " if m in sys.modules]\nprint(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_template_list_is_defined_once():
    """Issue 29 §4: the Launcher reads the templates from the server's list (the registry);
    the extension's TypeScript names none of them, and the list carries what a card shows."""
    from pathlib import Path

    from nps_toolkit import _registry

    listed = _registry.templates()
    assert [t["name"] for t in listed] == list(_registry.TEMPLATES)
    assert all(t["caption"] and t["title"] for t in listed)
    assert [t["rank"] for t in listed] == list(range(1, len(listed) + 1))
    source = (Path(__file__).parents[1] / "widgets" / "labextension" / "src" / "index.ts"
              ).read_text(encoding="utf-8")
    for t in listed:
        assert t["title"] not in source and t["caption"] not in source, t["name"]
    assert "listTemplates" in source
