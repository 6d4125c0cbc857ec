"""Build the four template notebooks (notebooks/*.ipynb) from their readable sources
(notebooks/source/*.py, jupytext percent format: ``# %%`` starts a code cell,
``# %% [markdown]`` a Markdown cell, ``tags=[...]`` its tags), then execute them in place on
the bundled sample so they carry their outputs (the example reports, compared by nbval in the
tests).

Edit a source, then run ``python scripts/build_notebooks.py`` (about a minute; name
notebooks to execute only those). ``tests/test_notebooks.py`` fails when a committed notebook
differs from its source. Widget state is not stored.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat

from nps_toolkit._registry import templates

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "notebooks"
SOURCES = OUT / "source"

# the template list is the library's registry (nps_toolkit/_registry.py), read by the
# Launcher's server side, the report and nps_toolkit.templates too
NAMES = [t["file"] for t in templates()]


def notebook(name: str) -> nbformat.NotebookNode:
    """The notebook ``name`` as built from its source, without outputs."""
    nb = jupytext.read(SOURCES / name.replace(".ipynb", ".py"), fmt="py:percent")
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                  "name": "python3"},
                   "language_info": {"name": "python"}}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{name[:2]}-{i:02d}"  # stable ids: reviewable diffs
        # tags (report-skip, report-details, parameters) and a folded cell's summary
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in ("tags", "summary")}
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nbformat.from_dict(nbformat.v4.upgrade(nb) if nb.nbformat < 4 else nb)


def write(only: list[str] | None = None) -> list[Path]:
    """Write the notebooks (``only`` those named: the others keep their stored outputs)."""
    OUT.mkdir(exist_ok=True)
    paths = []
    for name in NAMES:
        if only and name not in only:
            continue
        path = OUT / name
        nbformat.write(notebook(name), path)
        paths.append(path)
    return paths


def execute(path: Path) -> None:
    import papermill

    papermill.execute_notebook(str(path), str(path), kernel_name="python3",
                               progress_bar=False, cwd=str(path.parent),
                               extra_arguments=["--IPKernelApp.log_level=ERROR"])
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)  # no stored widget state (size, and nbval ignores it)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    # "01_calculation", "01_calculation.ipynb" or "notebooks/01_calculation.ipynb"
    only = [Path(a).stem + ".ipynb" for a in sys.argv[1:]]
    unknown = [a for a in only if a not in NAMES]
    if unknown:
        sys.exit(f"no such notebook: {', '.join(unknown)} (one of {', '.join(NAMES)})")
    for p in write(only):
        execute(p)
        print(f"executed {p.relative_to(ROOT)} ({p.stat().st_size // 1024} KB)")
