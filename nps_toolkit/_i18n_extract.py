"""Message extraction from the template notebooks, for ``pybabel extract`` (``babel.cfg``).

Each Markdown cell of a notebook and the ``summary`` of its folded outputs is one message,
the whole cell, so a translator sees a paragraph with its context and can reorder its
sentences (the report shows the cells not tagged ``report-skip``; a copy made with
``nps_toolkit.templates.copy(..., lang=)`` shows them all). The code cells' messages
(``say("...")``, ``tr("...")``...) are extracted with Babel's own Python extractor.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

#: the calls whose first argument is a message, in library code and in the notebooks
KEYWORDS = {"tr": None, "ntr": (1, 2), "N_": None, "gettext": None, "say": None,
            "to_markdown": None, "skipped": None}


def extract_notebook(fileobj: Any, keywords: Any, comment_tags: Any,
                     options: dict[str, Any]) -> Iterator[tuple[int, Any, Any, list[str]]]:
    """Babel extractor: one message per shown Markdown cell and per folded output's summary,
    then the messages of the code cells (line numbers are cell numbers)."""
    from babel.messages.extract import extract_python

    nb = json.loads(fileobj.read().decode("utf-8"))
    for number, cell in enumerate(nb.get("cells", []), 1):
        source = "".join(cell.get("source", []))
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") == "markdown" and source.strip():
            # the report shows these; the others are in the notebooks copied in a language
            # (nps_toolkit.templates.copy(..., lang=)), which translate every Markdown cell
            yield number, None, source, ["a Markdown cell of the notebooks; keep its Markdown"]
        elif "report-skip" in tags:
            continue
        elif cell.get("cell_type") == "code":
            summary = cell.get("metadata", {}).get("summary")
            if summary:
                yield number, None, summary, ["the title of a folded table in the report"]
            import io

            code = io.BytesIO("\n".join(line for line in source.splitlines()
                                        if not line.lstrip().startswith("%")).encode())
            for _, funcname, message, comments in extract_python(code, keywords,
                                                                 comment_tags, options):
                yield number, funcname, message, comments
