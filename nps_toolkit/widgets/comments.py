"""Interactive controls (ipywidgets) on top of the computation modules.

Only this module imports ipywidgets; everything it shows is computed by pure functions
elsewhere, and every piece of user text is HTML-escaped before it is displayed.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from .._style import CATEGORY_COLOURS
from ..text import TextAnalysis, analyze_comments, filter_comments

__all__ = ["comment_explorer", "render_comments"]

_CATEGORY_COLOUR = CATEGORY_COLOURS


def render_comments(rows: pd.DataFrame, *, score_column: str = "score", limit: int = 50) -> str:
    """HTML list of comments with score and category; all text escaped.

    Examples
    --------
    >>> import pandas as pd
    >>> html_out = render_comments(pd.DataFrame({"score": [3], "category": ["detractor"],
    ...     "comment_language": ["en"], "display": ["<script>alert(1)</script>"]}))
    >>> "<script>" in html_out, "&lt;script&gt;" in html_out
    (False, True)
    """
    items = []
    # records, not itertuples: column names like "NPS score" are not Python identifiers
    for r in rows.head(limit).to_dict("records"):  # at most `limit` rows are shown
        cat = str(r.get("category", ""))
        colour = _CATEGORY_COLOUR.get(cat, "#57606a")
        score = r.get(score_column)
        score_txt = "" if pd.isna(score) else f"{int(score)}"
        items.append(
            f"<li style='margin:4px 0'><b style='color:{colour}'>{html.escape(score_txt)} "
            f"{html.escape(cat)}</b> <small>[{html.escape(str(r.get('comment_language')))}]"
            f"</small> {html.escape(str(r.get('display', '')))}</li>")
    more = len(rows) - min(limit, len(rows))
    footer = f"<p><i>... and {more:,} more</i></p>" if more > 0 else ""
    return f"<ul style='list-style:none;padding-left:0'>{''.join(items)}</ul>{footer}"


def comment_explorer(data: Any, *, comment: str = "comment", score: str = "score",
                     page_size: int = 50) -> Any:
    """An ipywidgets view to search and filter comments by category, theme and language.

    Parameters
    ----------
    data : responses, or a :class:`nps_toolkit.text.TextAnalysis`
        Raw responses are analysed first (:func:`nps_toolkit.text.analyze_comments`, without
        theme discovery).
    page_size : int
        How many comments to show at once.

    Returns
    -------
    ipywidgets.VBox
        Search box, three dropdowns, a count and the list of comments (escaped, PII redacted).
        ``.filter_state()`` returns the current filter values, and the child widgets are in
        ``.controls`` for scripting.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> view = comment_explorer(load_sample())
    >>> view.controls["category"].value = "detractor"
    >>> view.controls["search"].value = "late"
    >>> "detractor" in view.controls["output"].value
    True
    """
    import ipywidgets as w

    analysis = data if isinstance(data, TextAnalysis) else analyze_comments(
        data, comment=comment, score=score, discover=False)
    comments = analysis.comments
    langs = sorted(str(v) for v in comments["comment_language"].dropna().unique())
    search = w.Text(placeholder="Search comments", description="Search")
    category = w.Dropdown(options=[("All", ""), ("Promoters", "promoter"),
                                   ("Passives", "passive"), ("Detractors", "detractor")],
                          description="Category")
    theme = w.Dropdown(options=[("All", "")] + [(t, t) for t in analysis.themes],
                       description="Theme")
    language = w.Dropdown(options=[("All", "")] + [(lang, lang) for lang in langs],
                          description="Language")
    count = w.HTML()
    output = w.HTML()

    def refresh(*_: Any) -> None:
        rows = filter_comments(comments, search=search.value, category=category.value or None,
                               theme=theme.value or None, language=language.value or None,
                               score=score)
        count.value = (f"<b>{len(rows):,}</b> of {int(comments['is_answer'].sum()):,} "
                       "analysed comments")
        output.value = render_comments(rows, score_column=score, limit=page_size)

    for control in (search, category, theme, language):
        control.observe(refresh, names="value")
    refresh()
    box = w.VBox([w.HBox([search, category]), w.HBox([theme, language]), count, output])
    box.controls = {"search": search, "category": category, "theme": theme,
                    "language": language, "count": count, "output": output}
    box.filter_state = lambda: {k: c.value for k, c in box.controls.items()
                                if k in ("search", "category", "theme", "language")}
    return box
