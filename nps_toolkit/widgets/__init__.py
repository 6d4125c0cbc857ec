"""Interactive views (ipywidgets and anywidget) on top of the computation modules.

Only this subpackage imports ipywidgets and anywidget, and only when a widget is asked for:
``import nps_toolkit`` stays light. Everything shown is computed by public functions
elsewhere, and every piece of user text is escaped (HTML) or set as text (custom widgets).

- :func:`comment_explorer`: a plain ipywidgets comment view.
- :class:`Dashboard` and its reusable :class:`FilterControls`.
- :class:`ScoreGauge` and :class:`CommentBrowser`: custom widgets (front-end in ``widgets/``).
"""

from __future__ import annotations

from typing import Any

from .comments import comment_explorer, render_comments

__all__ = ["CommentBrowser", "Dashboard", "FilterControls", "ScoreGauge", "comment_explorer",
           "render_comments"]

_LAZY = {"Dashboard": "dashboard", "FilterControls": "dashboard", "ScoreGauge": "custom",
         "CommentBrowser": "custom"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
