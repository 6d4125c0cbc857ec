"""Issue 29 §4: the README's Python examples run, and the output they show is what the code
prints (as altair runs its gallery): the README cannot drift from the code.

Each ```python block is executed in order in one namespace (the files a reader would have are
the bundled sample's). After an expression, the ``# ...`` lines that follow are its output:
every such line must appear in what the expression shows (whitespace collapsed; a line ending
in "..." is a prefix, "<- note" and "(...)" lines are the README's annotations). A block after
``<!-- not run: reason -->`` needs what a test machine does not have (a cluster, a folder of
exports) and is only parsed.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"(<!-- not run: [^>]*-->\s*)?```python\n(.*?)```", re.S)
# what a reader's files are, here: the bundled sample's
FILES = {'"my_export.csv"': "nt.sample_path()", '"orders.csv"': 'nt.sample_path("orders")',
         '"crm.csv"': 'nt.sample_path("customers")'}


def _blocks() -> list[tuple[bool, str]]:
    return [(not skip, code) for skip, code in BLOCK.findall(README.read_text("utf-8"))]


def _expected(lines: list[str], start: int) -> list[str]:
    """The output comment lines after line ``start`` (0-based) of a block."""
    out, note = [], False
    for line in lines[start:]:
        s = line.strip()
        if not s.startswith("#"):
            break
        text = s[1:].strip()
        note = note or text.startswith("(")  # "(...)" over one line or several
        if note:
            note = not text.endswith(")")
            continue
        if text and text != "...":
            out.append(re.split(r"\s+<-", text)[0].strip())
    return out


def _norm(text: str) -> str:
    return " ".join(str(text).split())


def test_readme_blocks_are_valid_python():
    blocks = _blocks()
    assert len(blocks) >= 6
    for _, code in blocks:
        ast.parse(code)


def test_readme_examples_run_and_show_what_they_print(tmp_path, monkeypatch):
    import pandas as pd

    import nps_toolkit as nt

    monkeypatch.chdir(tmp_path)  # files an example writes (calls.csv) land here
    namespace: dict = {"customers": nt.load_sample("customers")}
    checked = 0
    with pd.option_context("display.width", 100, "display.max_columns", 20):
        for run, code in _blocks():
            if not run:
                continue
            for old, new in FILES.items():
                code = code.replace(old, new)
            lines = code.splitlines()
            for node in ast.parse(code).body:
                snippet = ast.get_source_segment(code, node)
                if isinstance(node, ast.Expr) and not (
                        isinstance(node.value, ast.Call)
                        and getattr(node.value.func, "id", "") == "print"):
                    value = eval(compile(ast.Expression(node.value), "README", "eval"),
                                 namespace)
                    shown = _norm(value if isinstance(value, str) else repr(value))
                    for want in _expected(lines, node.end_lineno):
                        # a line ending in "..." is cut: what precedes it must be shown
                        want = _norm(want.removesuffix("...").rstrip(" ,;:"))
                        assert want in shown, (snippet, want, shown[:600])
                        checked += 1
                else:
                    exec(compile(ast.Module([node], []), "README", "exec"), namespace)
    assert checked >= 25, checked
    assert os.path.exists(tmp_path / "calls.csv")
