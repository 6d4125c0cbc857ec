"""The template notebooks, copied for an analyst: the function behind the JupyterLab
Launcher cards, the file browser's "New NPS analysis from this file" and ``%nps_template``.

The registry and the copying live in :mod:`nps_toolkit._registry` (standard library only,
so the Jupyter server extension reads it without importing pandas); this module is its public
face.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ._registry import TEMPLATES, TemplateError, _set_parameter, copy_template, template_file
from ._registry import templates as _templates

__all__ = ["TEMPLATES", "TemplateError", "copy", "names", "setup_notebook", "template_file"]


def names() -> list[str]:
    """Template names, in Launcher order.

    Examples
    --------
    >>> names()
    ['calculation', 'comments', 'trends', 'growth']
    """
    return [t["name"] for t in _templates()]


def copy(name: str, dest: str | os.PathLike[str] = ".", *, data: str | None = None,
         lang: str | None = None) -> Path:
    """Copy a template notebook into ``dest``, outputs cleared, pointed at ``data``.

    Parameters
    ----------
    name : {"calculation", "comments", "trends"}
        The template (``"text"`` and ``"trend"`` are accepted too).
    dest : folder, default the current one
    data : path, optional
        Your survey export; the copy's ``data_path`` parameter is set to it (relative to
        ``dest``). Without it the copy reads the bundled sample.
    lang : str, optional
        The copy's language (see :data:`nps_toolkit.LANGUAGES`): its prose is translated and
        its ``lang`` parameter set, so it writes its findings, tables and charts in it too.

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
    if lang is not None:
        from .i18n import _check

        try:
            lang = _check(lang)
        except ValueError as exc:
            raise TemplateError(str(exc)) from exc
    made = copy_template(name, dest, data=data)
    if lang is not None:  # the registry stays standard library only (the lab loads it)
        import json

        nb = json.loads(made.read_text(encoding="utf-8"))
        _translate(nb, name, lang)
        made.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return made


def _translate(nb: dict[str, Any], name: str, lang: str) -> None:
    """The notebook's Markdown cells and folded tables' titles in ``lang``, and its ``lang``
    parameter set (nps_toolkit.i18n: the same catalogs as the report)."""
    from .i18n import _check, language
    from .i18n import gettext as translate

    try:
        code = _check(lang)
    except ValueError as exc:
        raise TemplateError(str(exc)) from exc
    with language(code):
        for cell in nb.get("cells", []):
            text = "".join(cell["source"]) if isinstance(cell["source"], list) \
                else cell["source"]
            if cell.get("cell_type") == "markdown":
                cell["source"] = translate(text)
            elif "parameters" in cell.get("metadata", {}).get("tags", []):
                text, found = _set_parameter(text, "lang", code)
                if not found:
                    raise TemplateError(f"template {name!r} has no lang parameter")
                cell["source"] = text
            summary = cell.get("metadata", {}).get("summary")
            if summary:
                cell["metadata"]["summary"] = translate(summary)



def setup_notebook(lang: str | None = None) -> None:
    """What every template notebook sets up first, in one call: the language of everything
    the toolkit says (``lang``, see :func:`nps_toolkit.set_language`; unchanged when None),
    charts drawn to SVG in the
    kernel (offline, in any viewer, their numbers as alt text), data frames shown as tables
    for reading (:func:`nps_toolkit.markup.readable_table`: no row numbers, formatted numbers
    and p-values, yes/no, a dash for missing values) and pandas' plain-text display kept
    narrow. Run outside IPython it sets up the charts and pandas only.

    Examples
    --------
    >>> import altair as alt, pandas as pd
    >>> with pd.option_context("display.width", 80):  # restored after the example
    ...     setup_notebook()
    ...     pd.get_option("display.width"), alt.renderers.active
    (120, 'nps-svg')
    >>> pd.reset_option("display.float_format"); pd.reset_option("display.max_columns")
    """
    import pandas as pd

    from . import charts
    from .i18n import set_language
    from .markup import readable_table

    if lang is not None:
        set_language(lang)

    charts.setup("static")
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the package
        get_ipython = None
    shell = get_ipython() if get_ipython else None
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, readable_table)
    pd.set_option("display.float_format", "{:,.1f}".format)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
