"""Custom widgets (anywidget) for what ipywidgets does poorly: a score-card gauge and a comment
browser for 100,000 comments.

The front-end code is plain ES modules and CSS in the repository's ``widgets/anywidget/``
folder, shipped inside the wheel as ``nps_toolkit/_frontend/`` and read from disk here, so
they load with no network and no build step.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import anywidget
import numpy as np
import pandas as pd
import traitlets as t

from .._style import CATEGORY_COLOURS
from ..markup import STATIC_ENV
from ..scoring import NPSResult, score
from ..text import TextAnalysis, code_themes, filter_comments, prepare_comments

__all__ = ["STATIC_ENV", "CommentBrowser", "ScoreGauge", "frontend_path", "static_mode"]

# STATIC_ENV (defined in markup, which the report reads without importing widgets): set it
# to anything but "" or "0" and the widgets display as static HTML (SVG charts, escaped text)
# instead of live views; `nps-toolkit report` does, because an HTML file has no kernel


def static_mode() -> bool:
    """True when widgets should display as static HTML (see :data:`STATIC_ENV`)."""
    return os.environ.get(STATIC_ENV, "") not in ("", "0")


def svg(chart: Any) -> str:
    """An Altair chart drawn to inline SVG by vl-convert (offline; text is escaped)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(chart.to_dict())


class _StaticFallback:
    """Mixin: in static mode, display :meth:`static_html` instead of the live widget."""

    def static_html(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        if static_mode():
            return {"text/html": self.static_html(),
                    "text/plain": f"<{type(self).__name__}: static view>"}
        return super()._repr_mimebundle_(**kwargs)

_THEME_SEP = "\x1f"  # unit separator: cannot occur in a theme name typed by a person


def frontend_path(name: str) -> Path:
    """Where a front-end file lives: inside the installed wheel, else in the source tree."""
    here = Path(__file__).resolve().parent.parent
    for folder in (here / "_frontend", here.parent / "widgets" / "anywidget"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(
        f"front-end file {name!r} is missing from nps_toolkit/_frontend and widgets/anywidget; "
        "reinstall the package (pip install .)")


@cache
def _asset(name: str) -> str:
    return frontend_path(name).read_text(encoding="utf-8")


def _finite(x: Any) -> float:
    x = float(x)
    return x if np.isfinite(x) else 0.0


class ScoreGauge(_StaticFallback, anywidget.AnyWidget):
    """A score-card gauge: the NPS on a -100..100 dial with its interval and a benchmark tick.

    Clicking detractors, passives or promoters in the bar beneath sets :attr:`selected` to
    that category (click again to clear); observe it to drill down, as the
    :class:`~nps_toolkit.widgets.Dashboard` does with its comment list.

    Parameters
    ----------
    result : NPSResult, one-row summarize table, or raw scores, optional
    benchmark : float or BenchmarkComparison, optional
    title : str

    Examples
    --------
    >>> from nps_toolkit import load_sample, score
    >>> gauge = ScoreGauge(score(load_sample()["score"]), benchmark=29)
    >>> round(gauge.nps, 1), round(gauge.ci_low, 1), gauge.n, gauge.benchmark
    (27.1, 25.1, 5036, 29.0)
    """

    _esm = t.Unicode(_asset("score_gauge.js")).tag(sync=True)
    _css = t.Unicode(_asset("score_gauge.css")).tag(sync=True)
    nps = t.Float(0.0).tag(sync=True)
    ci_low = t.Float(0.0).tag(sync=True)
    ci_high = t.Float(0.0).tag(sync=True)
    n = t.Int(0).tag(sync=True)
    confidence = t.Float(0.95).tag(sync=True)
    shares = t.Dict().tag(sync=True)
    benchmark = t.Float(None, allow_none=True).tag(sync=True)
    benchmark_label = t.Unicode("").tag(sync=True)
    title = t.Unicode("Net Promoter Score").tag(sync=True)
    selected = t.Unicode("").tag(sync=True)
    colours = t.Dict(dict(CATEGORY_COLOURS)).tag(sync=True)

    def __init__(self, result: Any = None, *, benchmark: Any = None,
                 benchmark_label: str | None = None, title: str = "Net Promoter Score",
                 **kwargs: Any) -> None:
        super().__init__(title=title, **kwargs)
        if result is not None:
            self.show(result)
        self.set_benchmark(benchmark, benchmark_label)

    def show(self, result: Any) -> None:
        """Display another result (NPSResult, one-row summarize table or raw scores)."""
        if isinstance(result, pd.DataFrame):
            row = result.iloc[0]
            values = {k: row[k] for k in ("nps", "ci_low", "ci_high", "n", "promoter_share",
                                          "passive_share", "detractor_share")}
            values["confidence"] = row.get("confidence", 0.95)
        else:
            res = result if isinstance(result, NPSResult) else score(result)
            values = res.to_dict()
        n = int(values["n"])
        with self.hold_sync():
            self.n = n
            self.nps = _finite(values["nps"]) if n else 0.0
            self.ci_low = _finite(values["ci_low"]) if n else 0.0
            self.ci_high = _finite(values["ci_high"]) if n else 0.0
            self.confidence = float(values.get("confidence", 0.95))
            self.shares = {c: (_finite(values[f"{c}_share"]) if n else 0.0)
                           for c in ("detractor", "passive", "promoter")}

    def static_html(self) -> str:
        """The gauge as a static score card (SVG), for reports."""
        from .. import charts

        if self.n == 0:
            return "<p class='nps-static'>No responses match the filters.</p>"
        table = pd.DataFrame({"nps": [self.nps], "ci_low": [self.ci_low],
                              "ci_high": [self.ci_high], "n": [self.n],
                              "confidence": [self.confidence]})
        chart = charts.score_card(table, benchmark=self.benchmark,
                                  benchmark_label=self.benchmark_label or None,
                                  title=self.title or None)
        return f"<div class='nps-static'>{svg(chart)}</div>"

    def set_benchmark(self, benchmark: Any, label: str | None = None) -> None:
        """Set (or clear with None) the benchmark tick: a number or compare_to_benchmark()."""
        if benchmark is None:
            self.benchmark, self.benchmark_label = None, ""
            return
        value = float(getattr(benchmark, "benchmark", benchmark))
        self.benchmark_label = label or getattr(benchmark, "benchmark_label", "") or "Benchmark"
        self.benchmark = value


def _comment_columns(comments: pd.DataFrame, themes: pd.DataFrame, score_column: str
                     ) -> dict[str, list[Any]]:
    """Columns the browser needs, as JSON-ready lists (themes joined by a separator)."""
    answered = comments["is_answer"].to_numpy(bool)
    rows = comments.loc[answered]
    scores = rows[score_column] if score_column in rows else pd.Series(np.nan, index=rows.index)
    theme_text = pd.Series("", index=rows.index, dtype=object)
    for th in themes.columns:  # a loop over the dozen themes, vectorised over the comments
        theme_text = theme_text + np.where(themes[th].to_numpy(bool)[answered],
                                           th + _THEME_SEP, "")
    theme_text = theme_text.str.rstrip(_THEME_SEP)
    category = rows["category"].astype(object)
    language = rows["comment_language"].astype(object)
    return {
        "text": rows["display"].astype(str).tolist(),
        "score": scores.astype("Float64").astype("Int64").astype(object)
        .where(scores.notna(), None).tolist(),
        "category": category.where(category.notna(), "").astype(str).tolist(),
        "language": language.where(language.notna(), "").astype(str).tolist(),
        "themes": theme_text.tolist(),
    }


class CommentBrowser(_StaticFallback, anywidget.AnyWidget):
    """Browse, search and filter comments; smooth with 100,000 of them.

    The comments are sent to the page once; searching and filtering run in the browser over
    a virtually scrolled list (only the visible rows are drawn). Python narrows the set with
    :meth:`set_mask` (the dashboard's filters) without sending any text again. Comment text
    is shown as text, never as HTML, and PII is redacted (:func:`nps_toolkit.prepare_comments`).

    Parameters
    ----------
    data : responses with a comment column, their :func:`nps_toolkit.prepare_comments`, or a
        :class:`nps_toolkit.TextAnalysis`
    comment, score : column names
    themes : DataFrame, optional
        Coded themes (:func:`nps_toolkit.code_themes`, one boolean column per theme); by
        default the comments are coded with the default codeframe.
    height : int, default 420
        Height of the scrolling list in pixels.

    Attributes
    ----------
    search, category, theme, language : str
        The filters; set them from Python or in the page (two-way).
    shown : int
        How many comments the page shows (written by the page).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> browser = CommentBrowser(load_sample())
    >>> browser.category = "detractor"
    >>> bool(len(browser.visible()) == (browser.comment_rows["category"] == "detractor").sum())
    True
    """

    _esm = t.Unicode(_asset("comment_browser.js")).tag(sync=True)
    _css = t.Unicode(_asset("comment_browser.css")).tag(sync=True)
    comments = t.Dict().tag(sync=True)
    theme_options = t.List(t.Unicode()).tag(sync=True)
    language_options = t.List(t.Unicode()).tag(sync=True)
    mask = t.Bytes(b"").tag(sync=True)
    search = t.Unicode("").tag(sync=True)
    category = t.Unicode("").tag(sync=True)
    theme = t.Unicode("").tag(sync=True)
    language = t.Unicode("").tag(sync=True)
    shown = t.Int(-1).tag(sync=True)
    height = t.Int(420).tag(sync=True)

    def __init__(self, data: Any, *, comment: str = "comment", score: str = "score",
                 themes: pd.DataFrame | None = None, height: int = 420, **kwargs: Any) -> None:
        if isinstance(data, TextAnalysis):
            prepared = data.comments
            themes = prepared[[f"theme: {th}" for th in data.themes]].set_axis(
                list(data.themes), axis=1)
        else:
            # the browser needs prepared text and coded themes only, not a full analysis
            prepared = prepare_comments(data, comment=comment, score=score)
            if themes is None:
                themes = code_themes(prepared, comment=comment, score=score)
        if len(themes) != len(prepared):
            raise ValueError(f"themes has {len(themes)} rows, the comments {len(prepared)}")
        self._score = score
        self.prepared = prepared
        self.themes_table = themes
        self._answered = prepared["is_answer"].to_numpy(bool)
        #: the analysed comments in the order the page holds them (one row per comment)
        self.comment_rows = prepared.loc[self._answered].assign(
            **{f"theme: {th}": themes[th].to_numpy(bool)[self._answered]
               for th in themes.columns})
        langs = sorted({str(v) for v in self.comment_rows["comment_language"].dropna()})
        super().__init__(comments=_comment_columns(prepared, themes, score),
                         theme_options=[str(c) for c in themes.columns],
                         language_options=langs, height=height, **kwargs)

    def set_mask(self, keep: np.ndarray | pd.Series | None) -> None:
        """Show only the comments where ``keep`` is True (one value per response of the data
        given, in its order), or all of them with None."""
        if keep is None:
            self.mask = b""
            return
        keep = np.asarray(keep, dtype=bool)
        n_rows = len(self._answered)
        if keep.shape != (n_rows,):
            raise ValueError(f"mask must have one value per response ({n_rows}), got "
                             f"{keep.shape[0] if keep.ndim else 'a scalar'}")
        self.mask = keep[self._answered].astype(np.uint8).tobytes()

    def static_html(self, limit: int = 25) -> str:
        """The first comments for the current filters as an escaped HTML list, for reports."""
        from .comments import render_comments

        rows = self.visible()
        head = (f"<p><b>{len(rows):,}</b> of {len(self.comment_rows):,} comments"
                + (f"; the first {min(limit, len(rows))} are shown (the notebook has the "
                   "searchable browser)" if len(rows) > limit else "") + "</p>")
        return (f"<div class='nps-static'>{head}"
                f"{render_comments(rows, score_column=self._score, limit=limit)}</div>")

    def visible(self) -> pd.DataFrame:
        """The comments the page shows for the current filters and mask (computed in Python
        with :func:`nps_toolkit.filter_comments`, the same rules as the page)."""
        rows = filter_comments(self.comment_rows, search=self.search,
                               category=self.category or None, theme=self.theme or None,
                               language=self.language or None, score=self._score)
        if self.mask:
            keep = np.frombuffer(self.mask, dtype=np.uint8).astype(bool)
            rows = rows[keep[self.comment_rows.index.get_indexer(rows.index)]]
        return rows
