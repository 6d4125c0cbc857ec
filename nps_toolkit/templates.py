"""The template notebooks, copied for an analyst: the function behind the JupyterLab
Launcher cards, the file browser's "New NPS analysis from this file" and ``%nps_template``.

The copying itself lives in :mod:`nps_toolkit_lab.copier` (standard library only, so the
Jupyter server can use it without importing pandas); this module is its public face.
"""

from __future__ import annotations

import os
from pathlib import Path

from nps_toolkit_lab.copier import TEMPLATES, TemplateError, copy_template, template_file
from nps_toolkit_lab.copier import templates as _templates

__all__ = ["TEMPLATES", "TemplateError", "copy", "names", "template_file"]


def names() -> list[str]:
    """Template names, in Launcher order.

    Examples
    --------
    >>> names()
    ['calculation', 'comments', 'trends', 'growth']
    """
    return [t["name"] for t in _templates()]


def copy(name: str, dest: str | os.PathLike[str] = ".", *, data: str | None = None) -> Path:
    """Copy a template notebook into ``dest``, outputs cleared, pointed at ``data``.

    Parameters
    ----------
    name : {"calculation", "comments", "trends"}
        The template (``"text"`` and ``"trend"`` are accepted too).
    dest : folder, default the current one
    data : path, optional
        Your survey export; the copy's ``data_path`` parameter is set to it (relative to
        ``dest``). Without it the copy reads the bundled sample.

    Returns
    -------
    pathlib.Path
        The new notebook, named for the template (``NPS trend review.ipynb``, then
        ``NPS trend review (2).ipynb``...); nothing is overwritten and the installed template
        is never changed.

    Raises
    ------
    TemplateError
        Unknown template, missing or read-only folder, or missing data file.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> copy("trends", folder).name
    'NPS trend review.ipynb'
    >>> copy("trends", folder).name
    'NPS trend review (2).ipynb'
    """
    return copy_template(name, dest, data=data)
