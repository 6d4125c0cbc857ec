"""Shared look, renderer set-up, export and input handling for the chart functions."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import altair as alt
import pandas as pd

from .._style import (
    CATEGORY_COLOURS,
    CATEGORY_LABELS,
    SEGMENT_COLOURS,
    VERDICT_COLOURS,
    VERDICT_LABELS,
)
from ..i18n import _LocaleFormatter, fmt, get_language, gettext, tr

__all__ = ["THEME", "data_of", "descriptions", "listing", "save", "setup"]

THEME = "nps_toolkit"
CATEGORIES = ("detractor", "passive", "promoter")
SUMMARY_COLUMNS = ("n", "promoters", "passives", "detractors", "nps", "ci_low", "ci_high")
# columns every tidy NPS table carries after its group keys; the keys are what comes before
_STAT_COLUMNS = {
    "n", "n_missing", "n_rows", "promoters", "passives", "detractors", "promoter_share",
    "passive_share", "detractor_share", "nps", "se", "ci_low", "ci_high", "small_n", "method",
    "confidence", "n_effective", "period", "period_start", "period_end",
}


@alt.theme.register(THEME, enable=False)
def _theme() -> alt.theme.ThemeConfig:
    """Fonts, sizes and a segment palette free of the category colours as the default
    categorical range."""
    font = "Noto Sans, DejaVu Sans, Helvetica, Arial, sans-serif"
    cjk = {"ko": "Noto Sans CJK KR", "zh": "Noto Sans CJK SC"}.get(get_language())
    if cjk:  # the same font measures the labels (vl-convert) and draws them (the browser)
        font = f"Noto Sans, {cjk}, DejaVu Sans, sans-serif"
    return {
        "config": {
            "font": font,
            "title": {"fontSize": 14, "anchor": "start", "subtitleColor": "#555555"},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#EEEEEE"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom"},
            "view": {"stroke": None},
            # groups (segments, periods' lines) get their own palette; detractor / passive /
            # promoter always set their colours explicitly (category_scale)
            "range": {"category": list(SEGMENT_COLOURS)},
        }
    }


def setup(mode: Literal["static", "interactive"] = "static", *, theme: bool = True) -> str:
    """Make Altair charts draw with no network access, in notebooks and exported HTML.

    Altair's default renderer loads vega from a CDN, so offline it draws nothing. Two set-ups
    work offline:

    - ``"static"`` (default): charts are drawn to SVG in the kernel by vl-convert. They show
      in JupyterLab, Notebook 7, VS Code, nbconvert/HTML exports and on GitHub, and nbval
      compares them; tooltips and zoom are lost.
    - ``"interactive"``: charts become ``alt.JupyterChart`` widgets with vega inlined from the
      vl-convert package (no CDN). Tooltips and selections work in JupyterLab, Notebook 7 and
      VS Code; static HTML exports do not carry widgets, so use ``"static"`` for reports.

    Parameters
    ----------
    mode : {"static", "interactive"}
    theme : bool, default True
        Also enable the nps-toolkit theme (fonts, sizes). The category colours are part of
        every chart's own spec either way.

    Returns
    -------
    str
        The renderer now active (``"nps-svg"``: altair's SVG with the chart's numbers as
        its alt text, or ``"jupyter"``).

    Examples
    --------
    >>> from nps_toolkit import charts
    >>> charts.setup("static")
    'nps-svg'
    """
    if mode == "static":
        alt.renderers.enable(_ALT_TEXT_SVG)
    elif mode == "interactive":
        alt.renderers.enable("jupyter", offline=True)
    else:
        raise ValueError(f"mode must be 'static' or 'interactive', got {mode!r}")
    if theme:
        alt.theme.enable(THEME)
    return alt.renderers.active


def descriptions(spec: dict[str, Any]) -> list[str]:
    """The ``description`` of a chart spec and of the charts inside it (layers, panels)."""
    found = [spec["description"]] if isinstance(spec.get("description"), str) else []
    for key in ("hconcat", "vconcat", "concat", "layer"):
        for part in spec.get(key, []) or []:
            if isinstance(part, dict):
                found.extend(d for d in descriptions(part) if d not in found)
    if isinstance(spec.get("spec"), dict):  # a faceted chart's inner chart
        found.extend(d for d in descriptions(spec["spec"]) if d not in found)
    return found


def vega_locales() -> tuple[dict[str, Any], dict[str, Any]] | None:
    """d3's number and time format locales for the current language, from the same CLDR data
    (Babel) as the text, so an axis reads ``27,1`` where the sentence does; None in English
    (vega's own default)."""
    lang = get_language()
    if lang == "en":
        return None
    return _vega_locales(lang)


@functools.cache
def _vega_locales(lang: str) -> tuple[dict[str, Any], dict[str, Any]]:
    from ..i18n import _babel_locale, _percent_suffix, _symbols

    loc = _babel_locale(lang)
    decimal, group, _ = _symbols(lang)
    number = {"decimal": decimal, "thousands": group, "grouping": [3], "currency": ["", ""],
              "percent": _percent_suffix(lang), "minus": "-"}
    months = loc.months["stand-alone"]["wide"]
    short_months = loc.months["stand-alone"]["abbreviated"]
    days = loc.days["stand-alone"]["wide"]
    short_days = loc.days["stand-alone"]["abbreviated"]
    time = {"dateTime": "%x %X", "date": "%Y-%m-%d", "time": "%H:%M:%S",
            "periods": [loc.day_periods["format"]["abbreviated"].get("am", "AM"),
                        loc.day_periods["format"]["abbreviated"].get("pm", "PM")],
            # CLDR numbers days from Monday (0), d3 from Sunday
            "days": [days[6], *[days[i] for i in range(6)]],
            "shortDays": [short_days[6], *[short_days[i] for i in range(6)]],
            "months": [months[i] for i in range(1, 13)],
            "shortMonths": [short_months[i] for i in range(1, 13)]}
    return number, time


def _svg_with_alt_text(spec: dict, **metadata: Any) -> dict[str, str]:
    """Altair's SVG renderer (vl-convert), with the chart's numbers (its ``description``)
    as the SVG's accessible name and ``<title>``: read by screen readers, shown on hover,
    kept in the HTML report (WAI-ARIA Graphics module: ``role="img"`` and ``aria-label``)."""
    import html

    from altair.utils.mimebundle import spec_to_mimebundle

    locales = vega_locales()
    if locales is not None:  # numbers and dates on axes and labels in the reader's locale
        options = dict(metadata.pop("embed_options", None) or {})
        options.setdefault("formatLocale", locales[0])
        options.setdefault("timeFormatLocale", locales[1])
        metadata["embed_options"] = options
    bundle = dict(spec_to_mimebundle(spec, format="svg", mode="vega-lite", **metadata))
    text = " ".join(descriptions(spec))
    svg = bundle.get("image/svg+xml")
    if text and isinstance(svg, str) and svg.startswith("<svg"):
        label = html.escape(text, quote=True)
        end = svg.index(">")
        svg = (f'<svg role="img" aria-label="{label}"' + svg[4:end + 1]
               + f"<title>{label}</title>" + svg[end + 1:])
        bundle["image/svg+xml"] = svg
    return bundle


_ALT_TEXT_SVG = "nps-svg"
alt.renderers.register(_ALT_TEXT_SVG, _svg_with_alt_text)


def listing(labels: Sequence[Any], values: Sequence[Any], *, fmt: str = "{:.1f}",
            limit: int = 10) -> str:
    """ "a 12.0, b -3.5 and 4 more": a chart's numbers in words, for its alt text."""
    pairs = [f"{label} {_LocaleFormatter().format(fmt, value)}"
             for label, value in zip(labels, values, strict=True)
             if value is not None and pd.notna(value)]
    more = len(pairs) - limit
    return ", ".join(pairs[:limit]) + (" " + tr("and {more} more", more=more) if more > 0
                                       else "")


class ScriptSafeJSON(json.JSONEncoder):
    """JSON that is safe inside an HTML ``<script>``: ``<``, ``>``, ``&`` and the line
    separators U+2028/2029 are written as ``\\uXXXX`` escapes (the same value to a JSON or
    JavaScript parser; the HTML parser sees no ``</script>`` or ``<!--``). OWASP XSS
    Prevention Cheat Sheet, rule 3.1 (HTML-escape JSON values in an HTML context).

    >>> json.dumps({"a": "</script><!--"}, cls=ScriptSafeJSON)
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """

    _UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                             "\u2028": "\\u2028", "\u2029": "\\u2029"})

    def encode(self, o: Any) -> str:
        return super().encode(o).translate(self._UNSAFE)

    def iterencode(self, o: Any, _one_shot: bool = False):
        for chunk in super().iterencode(o, _one_shot):
            yield chunk.translate(self._UNSAFE)


def save(chart: alt.TopLevelMixin, path: str | Path, *, scale: float = 2.0) -> Path:
    """Write a chart to ``.svg``, ``.png``, ``.pdf`` or a standalone offline ``.html``.

    Images are drawn by vl-convert (no browser, no network); HTML inlines the vega bundle
    (about 900 KB) so the file opens offline, unlike Altair's default HTML which loads vega
    from a CDN.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from nps_toolkit import charts, load_sample
    >>> out = charts.save(charts.distribution(load_sample()),
    ...                   pathlib.Path(tempfile.mkdtemp()) / "dist.svg")
    >>> out.read_text()[:4]
    '<svg'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".html":
        # the spec (with every segment value and comment in it) sits inside an inline
        # <script>: '</script>' or '<!--' in a value would end it and run what follows
        chart.save(str(path), inline=True, json_kwds={"cls": ScriptSafeJSON, "indent": 2})
    elif suffix == ".svg":
        chart.save(str(path))
    elif suffix in (".png", ".pdf"):
        chart.save(str(path), scale_factor=scale)
    else:
        raise ValueError(f"cannot save a chart as {suffix or 'a file without extension'!r}: "
                         "use .svg, .png, .pdf or .html")
    return path


def data_of(chart: alt.TopLevelMixin, *, has: str | None = None) -> pd.DataFrame:
    """The rows a chart's spec carries, as a data frame (for checking what a chart shows).

    Looks through ``chart.to_dict()`` (layers and panels in order) and returns the first
    inline data set, or the first one with a column named ``has``.

    Examples
    --------
    >>> from nps_toolkit import charts, load_sample
    >>> charts.data_of(charts.distribution(load_sample()))["count"].tolist()[-2:]
    [885, 1277]
    """
    spec = chart.to_dict()
    datasets = spec.get("datasets", {})
    names: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and data.get("name") in datasets:
                names.append(data["name"])
            for key in ("layer", "hconcat", "vconcat", "concat"):
                for child in node.get(key, []):
                    walk(child)
            if "spec" in node:
                walk(node["spec"])

    walk(spec)
    for name in dict.fromkeys(names):
        rows = pd.DataFrame(datasets[name])
        if has is None or has in rows.columns:
            return rows
    raise ValueError(f"the chart carries no inline data{f' with a column {has!r}' if has else ''}")


# --------------------------------------------------------------------------- helpers
# small groups faded: a field encoding (not alt.condition, whose dict form costs Altair a
# slow schema lookup on every chart built; the dashboard rebuilds charts on each change)
_FADE = alt.Opacity("small:N", scale=alt.Scale(domain=[False, True], range=[1.0, 0.35]),
                    legend=None)


def category_scale(categories: Sequence[str] = CATEGORIES) -> alt.Scale:
    return alt.Scale(domain=list(categories), range=[CATEGORY_COLOURS[c] for c in categories])


def label_expr(labels: dict[str, str]) -> str:
    """Vega expression showing each code (``datum.label``) as its label in the reader's
    language (the labels are :func:`nps_toolkit.i18n.gettext`'d here; JSON string literals
    are valid Vega expression strings, so a quote in a translation cannot break out)."""
    import json

    cases = " : ".join(f"datum.label == {json.dumps(k)} ? {json.dumps(gettext(v))}"
                       for k, v in labels.items())
    return f"{cases} : datum.label"


def category_label_expr() -> str:
    """Vega expression turning 'promoter' into 'Promoters (9-10)' in legends."""
    return label_expr(CATEGORY_LABELS)


def verdict_label_expr() -> str:
    """Vega expression turning a verdict kind ('above') into its words in legends."""
    return label_expr(VERDICT_LABELS)


def verdict_scale() -> alt.Scale:
    return alt.Scale(domain=list(VERDICT_COLOURS), range=list(VERDICT_COLOURS.values()))


def is_table(obj: Any, columns: Sequence[str] = SUMMARY_COLUMNS) -> bool:
    """True for a pandas table that already holds the summary columns (a tidy result)."""
    return isinstance(obj, pd.DataFrame) and all(c in obj.columns for c in columns)


def group_keys(table: pd.DataFrame) -> list[str]:
    """The group columns of a tidy table: those before ``n``."""
    cols = list(table.columns)
    return [c for c in cols[: cols.index("n")] if c not in _STAT_COLUMNS] if "n" in cols else []


def label_column(table: pd.DataFrame, keys: Sequence[str], name: str = "group") -> pd.DataFrame:
    """Add one text column naming each group (keys joined with ' / '), missing as '(missing)'."""
    out = table.copy()
    if not keys:
        out[name] = tr("All responses")
        return out
    parts = [out[k].astype("string").fillna("(missing)") for k in keys]
    label = parts[0]
    for p in parts[1:]:
        label = label + " / " + p
    out[name] = label.astype(str)
    return out


def plain(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Only the given columns, with pandas extension types turned into plain floats/strings.

    Altair serialises data to JSON; nullable Int/Float and category dtypes, and NaN, would
    otherwise need special handling. Returns a new frame; the input is not changed.
    """
    out = table.loc[:, [c for c in columns if c in table.columns]].copy()
    for c in out.columns:
        s = out[c]
        if isinstance(s.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(s.dtype):
            out[c] = s.astype(object).where(s.notna(), None)
        elif pd.api.types.is_bool_dtype(s.dtype):
            out[c] = s.astype(object).where(s.notna(), None)
        elif pd.api.types.is_integer_dtype(s.dtype) and not s.isna().any():
            out[c] = s.astype("int64")
        elif pd.api.types.is_numeric_dtype(s.dtype):
            out[c] = s.astype("float64")
    return out.reset_index(drop=True)


def fmt_n(n: float) -> str:
    return fmt(int(n), ",")


def resolve_benchmark(benchmark: Any, label: str | None) -> tuple[float | None, str]:
    """A number, a BenchmarkComparison or None -> (value, label)."""
    if benchmark is None:
        return None, ""
    value = getattr(benchmark, "benchmark", benchmark)
    text = label or getattr(benchmark, "benchmark_label", None) or tr("Benchmark")
    try:
        value = float(value)
    except (TypeError, ValueError) as exc:
        raise TypeError("benchmark must be a number or the result of compare_to_benchmark(), "
                        f"got {type(benchmark).__name__}") from exc
    if not -100 <= value <= 100:
        raise ValueError(f"benchmark must be an NPS between -100 and 100, got {value}")
    return value, text


def benchmark_rule(value: float, label: str, *, axis: str = "x",
                   label_text: bool = True) -> alt.Chart | alt.LayerChart:
    """A dashed rule at the benchmark, with its label printed unless ``label=False``."""
    data = pd.DataFrame({"benchmark": [value], "label": [f"{label}: {fmt(value, '.0f')}"]})
    enc = {axis: alt.X("benchmark:Q") if axis == "x" else alt.Y("benchmark:Q")}
    rule = alt.Chart(data).mark_rule(color="#333333", strokeDash=[6, 3]).encode(
        **enc, tooltip=[alt.Tooltip("label:N", title=tr("Benchmark"))])
    if not label_text:
        return rule
    text = alt.Chart(data).mark_text(align="left", dx=4, dy=-6 if axis == "y" else 0,
                                     baseline="top" if axis == "x" else "bottom",
                                     fontSize=10, color="#333333").encode(
        **enc, text=alt.Text("label:N"),
        **({"y": alt.YValue(2)} if axis == "x" else {"x": alt.XValue(2)}))
    return rule + text


def nps_tooltip(extra: Sequence[alt.Tooltip] = ()) -> list[alt.Tooltip]:
    return [*extra,
            alt.Tooltip("nps:Q", title=tr("NPS"), format=".1f"),
            alt.Tooltip("ci_low:Q", title=tr("Interval from"), format=".1f"),
            alt.Tooltip("ci_high:Q", title=tr("Interval to"), format=".1f"),
            alt.Tooltip("n:Q", title=tr("Responses (n)"), format=",")]
