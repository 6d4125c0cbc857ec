"""An ipywidgets dashboard: filters on the left, score card, charts, themes and comments that
update together. Everything it shows is computed by the library's public functions on the
filtered rows; nothing here is a statistic of its own."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import Any

import altair as alt
import ipywidgets as w
import numpy as np
import pandas as pd

from .. import charts
from .._frames import require_columns, to_pandas
from .._frames.periods import parse_dates
from ..benchmarking import benchmarks as _benchmark_table
from ..scoring import summarize
from ..segmentation import segments as _segments
from ..text import code_themes, prepare_comments, theme_impact
from ..trends import assign_waves, trend
from .custom import CommentBrowser, ScoreGauge, _StaticFallback, svg

__all__ = ["Dashboard", "FilterControls"]

METHODS = ("adjusted_wald", "wald", "score", "bootstrap", "bayes")
PERIODS = {"Month": "M", "Quarter": "Q", "Wave": "wave"}
_FILTER_DEFAULTS = ("touchpoint", "channel")
_NOT_SEGMENTS = {"score", "comment", "date", "customer_id", "response_id", "language"}

# which outputs each control changes; anything else (filters, dates) changes them all
_AFFECTS = {
    "period": {"trend"},
    "segment": {"segments"},
    "min_n": {"segments"},
    "method": {"score", "segments", "trend"},
    "benchmark": {"score", "segments"},
}
OUTPUTS = ("score", "distribution", "trend", "segments", "themes", "comments")

#: what to do about a column the dashboard does not find
_DASH_FIX = "Pass the right name to nt.Dashboard(...), or load the file with read_survey()."


def _default_segments(df: pd.DataFrame, exclude: set[str]) -> list[str]:
    out = []
    for c in df.columns:
        if c in exclude or c in _NOT_SEGMENTS:
            continue
        s = df[c]
        if isinstance(s.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(s.dtype) \
                or s.dtype == object:
            k = s.nunique(dropna=True)
            if 2 <= k <= 50:
                out.append(c)
    return out


def _benchmark_options(extra: Any) -> list[tuple[str, Any]]:
    options: list[tuple[str, Any]] = [("None", None)]
    if extra is not None:
        value = float(getattr(extra, "benchmark", extra))
        label = getattr(extra, "benchmark_label", None) or f"Target {value:g}"
        options.append((f"{label}: {value:g}", (value, label)))
    table = _benchmark_table()
    for r in table.itertuples(index=False):  # the bundled table: a few dozen published rows
        year = "" if pd.isna(r.year) else f" {int(r.year)}"
        label = f"{r.industry} ({r.publisher}{year})"
        options.append((f"{label}: {r.nps:g}", (float(r.nps), label)))
    return options


class FilterControls(w.VBox):
    """The dashboard's controls, usable alone for your own views.

    Date range, period (month / quarter / wave), segment dimension and its values, one
    multi-select per filter column (touchpoint, channel...), interval method, benchmark and
    minimum group size.

    Parameters
    ----------
    data : pandas.DataFrame
        The responses (only read: never changed).
    date : str, optional
        Date column for the range pickers.
    segments : list of str, optional
        Columns offered as segment dimensions (default: text columns with 2-50 values).
    filters : list of str, optional
        Columns with a filter each (default: touchpoint and channel when present).
    waves : bool
        Offer "Wave" as a period (the dashboard does when it has customer ids).
    benchmark : float or BenchmarkComparison, optional
        Added to the benchmark list (as your target) and selected.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
    value : dict
        The current state, JSON-friendly (dates as ISO strings).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> df = load_sample()
    >>> f = FilterControls(df)
    >>> f.controls["touchpoint"].value = ("after support",)
    >>> int(f.mask().sum()) == int((df["touchpoint"] == "after support").sum())
    True
    """

    def __init__(self, data: pd.DataFrame, *, date: str | None = "date",
                 segments: Sequence[str] | None = None, filters: Sequence[str] | None = None,
                 waves: bool = False, benchmark: Any = None, method: str = "adjusted_wald",
                 min_n: int = 30) -> None:
        self._data = data
        self._code_cache: dict[str, tuple[np.ndarray, dict[str, int]]] = {}
        self._date = date if date and date in data.columns else None
        cols = set(data.columns)
        self.filter_columns = [c for c in (filters if filters is not None else
                                           [c for c in _FILTER_DEFAULTS if c in cols])]
        require_columns(data, self.filter_columns, role="filter column", fix=_DASH_FIX)
        self.segment_columns = list(segments) if segments is not None else _default_segments(
            data, set(self.filter_columns))
        require_columns(data, self.segment_columns, role="segment column", fix=_DASH_FIX)
        layout = w.Layout(width="250px")
        style = {"description_width": "90px"}
        ctl: dict[str, w.Widget] = {}
        self._dates = None
        if self._date:
            self._dates = parse_dates(data[self._date], column=self._date)
            if getattr(self._dates.dt, "tz", None) is not None:
                # the pickers choose calendar days as the respondents lived them: compare
                # with each answer's local date and time, not its UTC instant
                self._dates = self._dates.dt.tz_localize(None)
            first, last = self._dates.min(), self._dates.max()
            ctl["start"] = w.DatePicker(description="From", value=first.date(), layout=layout,
                                        style=style)
            ctl["end"] = w.DatePicker(description="To", value=last.date(), layout=layout,
                                      style=style)
        periods = [(k, v) for k, v in PERIODS.items() if v != "wave" or waves]
        ctl["period"] = w.Dropdown(options=periods, value="M", description="Period",
                                   layout=layout, style=style)
        seg_opts = self.segment_columns or ["(none)"]
        ctl["segment"] = w.Dropdown(options=seg_opts, value=seg_opts[0], description="Segment",
                                    layout=layout, style=style)
        ctl["segment_values"] = w.SelectMultiple(options=self._values(seg_opts[0]), rows=5,
                                                 description="Its values", layout=layout,
                                                 style=style)
        for c in self.filter_columns:
            ctl[c] = w.SelectMultiple(options=self._values(c), rows=min(4, len(self._values(c))),
                                      description=c.replace("_", " ").capitalize(),
                                      layout=layout, style=style)
        ctl["method"] = w.Dropdown(options=list(METHODS), value=method, description="Interval",
                                   layout=layout, style=style)
        opts = _benchmark_options(benchmark)
        ctl["benchmark"] = w.Dropdown(options=opts, value=opts[1][1] if benchmark is not None
                                      else None, description="Benchmark", layout=layout,
                                      style=style)
        ctl["min_n"] = w.IntSlider(value=min_n, min=5, max=200, step=5,
                                   description="Min group n", layout=layout, style=style)
        self.controls = ctl
        self._callbacks: list[Callable[[str], None]] = []
        for name, widget in ctl.items():
            widget.observe(self._changed(name), names="value")
        note = w.HTML("<small>Empty selection = all values</small>")
        super().__init__([*ctl.values(), note],
                         layout=w.Layout(width="270px", flex="0 0 270px"))

    def _codes(self, column: str) -> tuple[np.ndarray, dict[str, int]]:
        """Integer codes of a column (missing = -1) and code of each text label, computed
        once per column so a filter change is one integer comparison per row."""
        if column not in self._code_cache:
            codes, uniques = pd.factorize(self._data[column], use_na_sentinel=True)
            labels: dict[str, int] = {}
            for i, u in enumerate(uniques.astype(str)):  # distinct values, not rows
                labels.setdefault(u, i)
            if len(labels) < len(uniques):  # values that print alike (1 and "1") share one
                remap = np.array([labels[u] for u in uniques.astype(str)] + [-1])
                codes = remap[codes]
            self._code_cache[column] = (codes, labels)
        return self._code_cache[column]

    def _values(self, column: str) -> list[str]:
        if column not in self._data.columns:
            return []
        return sorted(self._codes(column)[1])

    def _changed(self, name: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            if name == "segment":
                vals = self.controls["segment_values"]
                with vals.hold_trait_notifications():
                    vals.value = ()
                    vals.options = self._values(change["new"])
            for cb in self._callbacks:
                cb(name)
        return handler

    def on_change(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(control_name)`` after any control changes."""
        self._callbacks.append(callback)

    @property
    def value(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.controls.items():
            v = widget.value
            if isinstance(v, dt.date):
                v = v.isoformat()
            elif isinstance(v, tuple) and name == "benchmark":
                v = {"value": v[0], "label": v[1]}
            elif isinstance(v, tuple):
                v = list(v)
            out[name] = v
        return out

    def mask(self) -> np.ndarray:
        """Rows passing the date range, the segment-value selection and every filter."""
        df = self._data
        keep = np.ones(len(df), dtype=bool)
        if self._dates is not None:
            dates = self._dates
            start, end = self.controls["start"].value, self.controls["end"].value
            if start is not None:
                keep &= (dates >= pd.Timestamp(start)).fillna(False).to_numpy(bool)
            if end is not None:
                keep &= (dates < pd.Timestamp(end) + pd.Timedelta(days=1)).fillna(
                    False).to_numpy(bool)
        checks = [(c, self.controls[c].value) for c in self.filter_columns]
        seg = self.controls["segment"].value
        if seg in df.columns:
            checks.append((seg, self.controls["segment_values"].value))
        for column, chosen in checks:
            if chosen:
                codes, labels = self._codes(column)
                keep &= np.isin(codes, [labels[v] for v in chosen if v in labels])
        return keep


class Dashboard(_StaticFallback, w.HBox):
    """Explore an NPS survey without code: filters on the left, everything else updates.

    Shows a score-card gauge (with benchmark; click a category to list its comments), the
    score distribution, the trend by month / quarter / wave with significant changes, NPS by
    the chosen segment against the rest, the themes that cost the most NPS, and a comment
    browser, all for the filtered responses. Only the outputs a control affects are
    recomputed (a period change redraws the trend alone).

    Parameters
    ----------
    data : data frame of responses (pandas, or anything :func:`nps_toolkit.summarize` reads;
        it is converted to pandas once)
    score, date, comment, customer : column names
        ``comment`` and ``customer`` are optional: without comments there are no themes or
        comment list; without customer ids no waves.
    segments, filters : list of str, optional
        As in :class:`FilterControls`.
    benchmark : float or BenchmarkComparison, optional
    method, min_n : initial interval method and minimum group size.

    Attributes
    ----------
    filters : dict
        The current control state (reproducible: pass it on in a report).
    filtered_data : pandas.DataFrame
        The responses passing the filters (rows of the data given, unchanged).
    tables : dict of str to DataFrame
        The tables behind the outputs: ``summary``, ``trend``, ``segments``, ``themes``.
    last_update : dict
        Seconds taken by the last update and the outputs it recomputed.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> board = Dashboard(load_sample())
    >>> board.controls.controls["touchpoint"].value = ("after support",)
    >>> round(float(board.tables["summary"]["nps"].iloc[0]), 1)
    -23.0
    >>> board.filters["touchpoint"]
    ['after support']
    """

    def __init__(self, data: Any, *, score: str = "score", date: str = "date",
                 comment: str | None = "comment", customer: str | None = "customer_id",
                 segments: Sequence[str] | None = None, filters: Sequence[str] | None = None,
                 benchmark: Any = None, method: str = "adjusted_wald",
                 min_n: int = 30) -> None:
        df = data if isinstance(data, pd.DataFrame) else to_pandas(data)
        require_columns(df, [score], role="score column", fix=_DASH_FIX)
        require_columns(df, [date], role="date column (the trend needs one)", fix=_DASH_FIX)
        self._data = df
        self._score, self._date = score, date
        has_customer = customer is not None and customer in df.columns
        work = {score: df[score], date: df[date]}
        if has_customer:
            work["wave"] = assign_waves(df, date=date, customer=customer)
        self.controls = FilterControls(
            df, date=date, segments=segments, filters=filters, waves=has_customer,
            benchmark=benchmark, method=method, min_n=min_n)
        for c in {*self.controls.filter_columns, *self.controls.segment_columns}:
            work[c] = df[c]
        self._work = pd.DataFrame(work, index=df.index)
        alt.JupyterChart.enable_offline(True)
        # SVG renderer: crisp text, and the drawn values can be read back in browser tests
        self._charts = {name: alt.JupyterChart(_message_chart("Loading..."),
                                               embed_options={"renderer": "svg",
                                                              "actions": False})
                        for name in ("distribution", "trend", "segments", "themes")}
        self.chart_objects: dict[str, alt.TopLevelMixin] = {}
        self.gauge = ScoreGauge(title="Net Promoter Score")
        self.browser = None
        if comment is not None and comment in df.columns:
            # prepared once: cleaning, redaction, language and themes do not depend on filters
            prepared = prepare_comments(df, comment=comment, score=score)
            self._themes = code_themes(prepared, comment=comment, score=score)
            self._prepared = prepared[["text", "is_answer", "comment_language", "category",
                                       score]]
            self.browser = CommentBrowser(prepared, score=score, themes=self._themes,
                                          height=360)
            self.gauge.observe(self._drill, names="selected")
        self.status = w.HTML()
        self.tables: dict[str, pd.DataFrame] = {}
        self.last_update: dict[str, Any] = {}
        self._mask = np.ones(len(df), dtype=bool)
        self.controls.on_change(self._on_change)
        right = [w.HBox([self.gauge, self._charts["distribution"]]), self.status,
                 self._charts["trend"], self._charts["segments"], self._charts["themes"]]
        if self.browser is not None:
            right.append(self.browser)
        super().__init__([self.controls, w.VBox(right, layout=w.Layout(flex="1 1 auto"))])
        self._update(set(OUTPUTS))

    # ----------------------------------------------------------------------- state
    @property
    def filters(self) -> dict[str, Any]:
        """The current control state as a dictionary."""
        return self.controls.value

    @property
    def filtered_data(self) -> pd.DataFrame:
        """The rows of the data passing the filters (a copy; the input is never changed)."""
        return self._data.loc[self._mask].copy()

    @property
    def charts(self) -> dict[str, alt.TopLevelMixin]:
        """The Altair charts shown, by name (``distribution``, ``trend``, ``segments``,
        ``themes``): keep, compose or save any of them."""
        return dict(self.chart_objects)

    def static_html(self) -> str:
        """The current view as static HTML (score card and charts as SVG, comments escaped):
        what a report shows in place of the live dashboard."""
        parts = [self.gauge.static_html(),
                 *(f"<div class='nps-static'>{svg(c)}</div>"
                   for c in self.chart_objects.values()),
                 f"<p>{self.status.value}</p>"]
        if self.browser is not None:
            parts.append(self.browser.static_html(limit=10))
        return "<div class='nps-dashboard-static'>" + "".join(parts) + "</div>"

    # ----------------------------------------------------------------------- updates
    def _on_change(self, name: str) -> None:
        self._update(_AFFECTS.get(name, set(OUTPUTS)))

    def _drill(self, change: dict[str, Any]) -> None:
        if self.browser is not None:
            self.browser.category = change["new"] or ""

    def _update(self, outputs: set[str]) -> None:
        t0 = time.perf_counter()
        state = self.controls
        method = state.controls["method"].value
        min_n = int(state.controls["min_n"].value)
        bench = state.controls["benchmark"].value
        bvalue, blabel = (bench if bench else (None, None))
        if outputs & {"distribution", "themes", "comments"} or len(outputs) == len(OUTPUTS):
            self._mask = state.mask()
        sub = self._work.loc[self._mask] if not self._mask.all() else self._work
        n_rows = len(sub)
        self.status.value = (f"<b>{n_rows:,}</b> of {len(self._work):,} responses match the "
                             "filters" + ("" if n_rows else ": widen them to see results"))
        if "score" in outputs:
            summary = summarize(sub, score=self._score, method=method)
            self.tables["summary"] = summary
            self.gauge.show(summary)
            self.gauge.set_benchmark(bvalue, blabel)
        if "distribution" in outputs:
            self._show("distribution", charts.distribution(
                sub, score=self._score).properties(width=300, height=150))
        if "trend" in outputs:
            self._draw_trend(sub, state.controls["period"].value, method, bvalue, blabel)
        if "segments" in outputs:
            self._draw_segments(sub, state.controls["segment"].value, method, min_n, bvalue,
                                blabel)
        if "themes" in outputs:
            self._draw_themes()
        if "comments" in outputs and self.browser is not None:
            self.browser.set_mask(None if self._mask.all() else self._mask)
        self.last_update = {"seconds": time.perf_counter() - t0, "outputs": sorted(outputs)}

    def _show(self, name: str, chart: alt.TopLevelMixin) -> None:
        """Send a chart's spec to its widget. Chart specs are validated in the chart tests;
        skipping Altair's JSON-schema validation here saves most of an update's time."""
        self.chart_objects[name] = chart
        self._charts[name].spec = chart.to_dict(validate=False)

    def _draw_trend(self, sub: pd.DataFrame, period: str, method: str, bvalue: Any,
                    blabel: Any) -> None:
        valid = sub[self._score].notna()
        if not valid.any():
            self.tables["trend"] = pd.DataFrame()
            self._show("trend", _message_chart("No responses to draw a trend"))
            return
        if period == "wave":
            table = trend(sub, date=None, period="wave", score=self._score, method=method)
            table["period"] = "wave " + table["period"].astype(str)
        else:
            table = trend(sub, date=self._date, freq=period, score=self._score, method=method)
        self.tables["trend"] = table
        self._show("trend", charts.trend(table, benchmark=bvalue, benchmark_label=blabel))

    def _draw_segments(self, sub: pd.DataFrame, dim: str, method: str, min_n: int,
                       bvalue: Any, blabel: Any) -> None:
        if dim not in sub.columns or not sub[self._score].notna().any():
            self.tables["segments"] = pd.DataFrame()
            self._show("segments", _message_chart("No segment to compare"))
            return
        table = _segments(sub, by=dim, score=self._score, method=method, min_n=min_n)
        self.tables["segments"] = table
        self._show("segments", charts.segments(
            table, benchmark=bvalue, benchmark_label=blabel, min_n=min_n))

    def _draw_themes(self) -> None:
        if self.browser is None:
            self._show("themes", _message_chart("No comment column: no themes"))
            return
        keep = self._mask
        prepared = self._prepared.loc[keep]
        if not prepared["is_answer"].any():
            self.tables["themes"] = pd.DataFrame()
            self._show("themes", _message_chart("No comments match the filters"))
            return
        table = theme_impact(prepared, themes=self._themes.loc[keep], score=self._score)
        self.tables["themes"] = table
        self._show("themes", charts.theme_impact(table, top=8))


def _message_chart(text: str) -> alt.Chart:
    return alt.Chart(pd.DataFrame({"text": [text]})).mark_text(
        fontSize=13, color="#666666").encode(text="text:N").properties(width=300, height=40)
