"""The one registry of template notebooks, and their copier: outputs cleared, a readable
unique name, and the parameters cell pointed at the analyst's data file.

Read by the library (:mod:`nps_toolkit.templates`, the report) and by its Jupyter
integration (``nps_toolkit_lab``, which loads this file alone, without importing the package:
starting JupyterLab must not import pandas, scipy or scikit-learn). So: standard library only,
and no import from the rest of ``nps_toolkit``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

__all__ = ["CAPTIONS", "REPORT_TITLES", "TEMPLATES", "TemplateError", "copy_template",
           "template_file", "templates"]

#: template name -> (notebook file, title used for the copy's name and in the Launcher)
TEMPLATES: dict[str, tuple[str, str]] = {
    "calculation": ("01_calculation.ipynb", "NPS calculation"),
    "comments": ("02_followup_text_analysis.ipynb", "NPS comment analysis"),
    "trends": ("03_trend_review.ipynb", "NPS trend review"),
    "growth": ("04_growth_and_representativeness.ipynb", "NPS growth and representativeness"),
}
#: template name -> what the Launcher card says under the title (JupyterLab reads it from the
#: server's ``/nps-toolkit/templates`` route: the list is defined here only)
CAPTIONS: dict[str, str] = {
    "calculation": "Load an export, score it with its interval, segments, benchmark, call list",
    "comments": "Themes, their NPS cost, promoter and detractor words, quotes",
    "trends": "Trends with real changes marked, waves, migration, re-survey plan",
    "growth": "Does NPS predict repurchase and revenue; who answered; weighted NPS",
}
#: template name -> the notebook's part title in the one-page report (``nps-toolkit report``)
REPORT_TITLES: dict[str, str] = {
    "calculation": "NPS calculation",
    "comments": "Follow-up comments",
    "trends": "Trend review",
    "growth": "Growth and representativeness",
}
_ALIASES = {"text": "comments", "comment": "comments", "followup": "comments",
            "trend": "trends", "calc": "calculation", "nps": "calculation",
            "orders": "growth", "revenue": "growth", "representativeness": "growth"}
DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".parquet", ".gz")


class TemplateError(ValueError):
    """A template could not be copied; the message says why and what to do."""


def templates() -> list[dict[str, Any]]:
    """The templates: name, title, caption, file and Launcher rank, in Launcher order."""
    return [{"name": k, "title": t, "caption": CAPTIONS[k], "file": f, "rank": i}
            for i, (k, (f, t)) in enumerate(TEMPLATES.items(), start=1)]


def _package_dir() -> Path:
    return Path(__file__).resolve().parent  # the nps_toolkit package, however this was loaded


def template_file(name: str) -> Path:
    """Path of an installed template notebook (never modified), by template name
    (``"trends"``) or notebook file name (``"03_trend_review.ipynb"``)."""
    files = {f: k for k, (f, _) in TEMPLATES.items()}
    key = files.get(name) or _ALIASES.get(name.lower(), name.lower())
    if key not in TEMPLATES:
        raise TemplateError(f"unknown template {name!r}; choose one of {list(TEMPLATES)}")
    filename = TEMPLATES[key][0]
    pkg = _package_dir()
    for folder in (pkg / "_notebooks", pkg.parent / "notebooks"):
        if (folder / filename).is_file():
            return folder / filename
    raise TemplateError(f"template file {filename} is missing from {pkg}; reinstall nps-toolkit")


def _unique(folder: Path, title: str) -> Path:
    """'NPS trend review.ipynb', then 'NPS trend review (2).ipynb', ... (never overwrites)."""
    candidate = folder / f"{title}.ipynb"
    k = 2
    while candidate.exists():
        candidate = folder / f"{title} ({k}).ipynb"
        k += 1
    return candidate


def _set_parameter(source: str, name: str, value: Any) -> tuple[str, bool]:
    """Replace ``name: type = ...`` (or ``name = ...``) in a parameters cell's source."""
    pattern = re.compile(rf"^({re.escape(name)}\s*(?::[^=\n]+)?=\s*).*$", re.MULTILINE)
    new, count = pattern.subn(lambda m: m.group(1) + repr(value), source, count=1)
    return new, bool(count)


def copy_template(name: str, dest: str | os.PathLike[str], *, data: str | None = None,
                  root: str | os.PathLike[str] | None = None) -> Path:
    """Copy template ``name`` into folder ``dest``; return the new notebook's path.

    Parameters
    ----------
    name : {"calculation", "comments", "trends"}
    dest : folder
        Where the copy goes. It must exist and be writable.
    data : str, optional
        The survey export the copy should read (absolute, or relative to the current
        directory); it must exist. It is written into the copy's ``data_path`` parameter
        relative to ``dest``, where the notebook's kernel starts, so the pair can be moved
        together.
    root : folder, optional
        When given (the Jupyter server's root), ``dest`` and ``data`` must lie inside it.

    Raises
    ------
    TemplateError
        Unknown template, missing or unwritable folder, missing data file, or a path that
        leaves ``root``.
    """
    source = template_file(name)
    key = _ALIASES.get(name.lower(), name.lower())
    folder = Path(dest)
    base = Path(root).resolve() if root is not None else None
    resolved = folder.resolve()
    if base is not None and not resolved.is_relative_to(base):
        raise TemplateError(f"refusing to write outside the server root: {dest}")
    try:
        is_dir = resolved.is_dir()
    except OSError as exc:
        raise TemplateError(f"cannot open folder {dest} ({exc.strerror})") from exc
    if not is_dir:
        raise TemplateError(f"folder {dest} does not exist")
    if not os.access(resolved, os.W_OK):
        raise TemplateError(f"folder {dest} is read-only; choose a folder you can write to")
    data_value = None
    if data is not None:
        full = Path(data).resolve()
        if base is not None and not full.is_relative_to(base):
            raise TemplateError(f"refusing to read data outside the server root: {data}")
        if not full.is_file():
            raise TemplateError(f"data file {data} does not exist")
        data_value = Path(os.path.relpath(full, resolved)).as_posix()
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        if data_value is not None and "parameters" in cell.get("metadata", {}).get("tags", []):
            text = "".join(cell["source"]) if isinstance(cell["source"], list) \
                else cell["source"]
            text, found = _set_parameter(text, "data_path", data_value)
            if not found:
                raise TemplateError(f"template {name!r} has no data_path parameter")
            cell["source"] = text
    nb.get("metadata", {}).pop("widgets", None)
    target = _unique(resolved, TEMPLATES[key][1])
    try:
        with open(target, "x", encoding="utf-8") as fh:  # "x": never overwrite
            json.dump(nb, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
    except OSError as exc:  # read-only mount, permissions, full disk...
        raise TemplateError(f"cannot write to folder {dest} ({exc.strerror}); choose a "
                            "folder you can write to") from exc
    return target
