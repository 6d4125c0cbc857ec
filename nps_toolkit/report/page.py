"""The report's page: notebooks converted to HTML, the first screen, the box saying how the
file was read, "Not in this file", and the page around them (offline, no script)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .._stats import p_text
from ..i18n import N_, get_language, gettext, join, tr

__all__ = ["CSS", "convert", "first_screen", "how_read", "not_in_file", "render_page"]

CSS = """
body { font-family: "Noto Sans", "DejaVu Sans", Helvetica, Arial, "Noto Sans CJK KR",
  "Noto Sans CJK SC", sans-serif; margin: 0;
  color: #222; line-height: 1.45; }
nav { position: fixed; top: 0; left: 0; bottom: 0; width: 260px; overflow-y: auto;
  background: #f6f6f6; border-right: 1px solid #ddd; padding: 16px; font-size: 13px;
  box-sizing: border-box; }
nav ul { padding-left: 0; list-style: none; } nav li { margin: 3px 0; } nav a { color: #0050a0; }
main { margin-left: 280px; padding: 16px 28px 60px; max-width: 1100px; min-width: 0;
  box-sizing: border-box; }
/* nothing wider than the column: wide tables scroll inside their box, charts shrink */
.jp-OutputArea-output, .output_area, .how-read { overflow-x: auto; max-width: 100%; }
img { max-width: 100%; height: auto; }
.how-read ul { columns: 2 380px; column-gap: 32px; } .how-read li { break-inside: avoid; }
.first-screen h1 { font-size: 1.6em; margin-top: 24px; }
h1 { border-bottom: 2px solid #0072B2; padding-bottom: 4px; margin: 36px 0 12px;
  font-size: 1.6em; }
.anchor-link { display: none; }
pre { background: #f7f7f7; padding: 8px 10px; overflow-x: auto; font-size: 12px;
  white-space: pre-wrap; }
table.dataframe { border-collapse: collapse; font-size: 12px; margin: 8px 0; }
table.dataframe th, table.dataframe td { border: 1px solid #ddd; padding: 3px 6px;
  text-align: right; }
table.dataframe th { background: #f0f0f0; }
table.readable td, table.readable th { text-align: left; vertical-align: top; }
/* a long table is read in its box (about 10 rows, headers kept in view), not down the page */
.table-box { max-height: 17em; overflow: auto; max-width: 100%; margin: 8px 0; }
.table-box table.dataframe { margin: 0; }
.table-box thead th { position: sticky; top: 0; }
details.more { margin: 6px 0; } details.more > summary { cursor: pointer; color: #0050a0; }
table.readable td { max-width: 32em; }
table.readable td.num, table.readable th.num { text-align: right; white-space: nowrap; }
svg { max-width: 100%; height: auto; }
.nps-dashboard-static { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.report-meta { color: #555; font-size: 13px; }
.jp-OutputArea-output, .output_area { margin: 6px 0; }
/* charts one after another in a cell sit side by side when two fit the column */
.output { display: flex; flex-wrap: wrap; column-gap: 20px; align-items: flex-start; }
.output > .output_area { flex: 1 1 100%; min-width: 0; }
.output > .output_area:has(> .output_svg) { flex: 1 1 440px; }
/* and the sentences that read a chart beside it, when both fit */
.output > .output_area:has(> .output_svg) + .output_area:has(> .output_markdown) {
  flex: 1 1 300px; }
/* a report, not a notebook: paragraphs, headings and outputs set close together */
h2 { margin: 1.4em 0 0.4em; } h3 { margin: 1.1em 0 0.3em; }
.rendered_html p, .rendered_html ul, .rendered_html ol { margin: 0.45em 0; }
.output_subarea > :first-child { margin-top: 0; }
.output_subarea > :last-child { margin-bottom: 0; }
.output_area pre { margin: 0; }
.jp-OutputArea-output, .output_area { margin: 6px 0; }
"""


def _section_name(heading: str) -> str:
    """ "## 4. Segments: where is it good or bad?" -> "Segments" (the list's short name)."""
    text = re.sub(r"^#*\s*(\d+\.\s*)?", "", heading.splitlines()[0]).strip()
    return re.split(r"[:：]", text)[0].strip()  # the full-width colon of Chinese too


def _part_shows(cells: list[Any], hidden: set[str], needs: list[str]) -> bool:
    """Whether any of ``cells`` shows something; strips their "skipped" markers, adding what
    those need to ``needs``."""
    from ..markup import SKIPPED_MIME

    shown = False
    for cell in cells:
        if cell.cell_type != "code" or hidden & set(cell.metadata.get("tags", [])):
            continue
        outputs = []
        for out in cell.get("outputs", []):
            if SKIPPED_MIME in out.get("data", {}):
                needs.extend(n for n in out["data"][SKIPPED_MIME].get("needs", [])
                             if n not in needs)
                continue
            outputs.append(out)
            if out.get("output_type") == "stream" and not out.get("text", "").strip():
                continue
            shown = True
        cell.outputs = outputs
    return shown


def _split(cells: list[Any], prefix: str) -> list[list[Any]]:
    """Cells cut before each markdown cell starting with ``prefix`` ("## ", "### ")."""
    parts: list[list[Any]] = [[]]
    for cell in cells:
        if cell.cell_type == "markdown" and cell.source.startswith(prefix):
            parts.append([])
        parts[-1].append(cell)
    return parts


def _drop_empty_sections(nb: Any) -> list[tuple[str, tuple[str, ...]]]:
    """Remove, in place, each ``##`` section and each ``###`` part of one whose cells show
    nothing for this file (every part skipped: the data cannot support it), and every
    "skipped" marker. Returns the removed sections' names with what they need (keys of
    :data:`nps_toolkit.markup.NEEDS`), for the report's "Not in this file" list; a section
    with nothing to show and no marker is listed with no need named, never dropped
    silently. A ``##`` section stays while any of its parts shows something."""
    sections = _split(nb.cells, "## ")
    kept, dropped = list(sections[0]), []
    hidden = {"report-skip", "parameters", "injected-parameters"}

    def visible(cells: list[Any]) -> bool:
        return any(not hidden & set(c.metadata.get("tags", [])) for c in cells)

    for cells in sections[1:]:
        if hidden & set(cells[0].metadata.get("tags", [])):
            kept.extend(cells)  # an interactive-only section: removed by its tags
            continue
        head, *parts = _split(cells, "### ")
        needs: list[str] = []
        shown = _part_shows(head, hidden, needs)
        section: list[Any] = list(head)
        parts_dropped: list[tuple[str, tuple[str, ...]]] = []
        for part in parts:
            part_needs: list[str] = []
            part_shown = _part_shows(part, hidden, part_needs)
            if part_shown or not visible(part) or hidden & set(part[0].metadata.get("tags", [])):
                shown = shown or part_shown
                section.extend(part)
                needs.extend(n for n in part_needs if n not in needs)
            else:
                parts_dropped.append((_section_name(part[0].source), tuple(part_needs)))
        if shown or not visible(cells):
            kept.extend(section)
            dropped.extend(parts_dropped)
        else:  # listed once, with what its parts need too
            needs.extend(n for _, more in parts_dropped for n in more if n not in needs)
            dropped.append((_section_name(cells[0].source), tuple(needs)))
    # the sections shown are numbered 1, 2, 3... again (a reader sees no gap), and the
    # text's "section 5" follows its section to its new number
    number, numbers = 0, {}
    for cell in kept:
        found = re.match(r"## (\d+)\. ", cell.source) if cell.cell_type == "markdown" else None
        if found:
            number += 1
            numbers[found.group(1)] = str(number)
            cell.source = re.sub(r"^## \d+\. ", f"## {number}. ", cell.source)
    _renumber_references(kept, numbers)
    nb.cells = kept
    return dropped


# "section 5" in every language the report speaks (the catalogs write it so): fr section,
# es sección, de Abschnitt, ru раздел (any case), ko 섹션, zh 第5节, hr odjeljak (any case)
_REFERENCE = re.compile(r"(\b(?:[Ss]ections?|[Ss]ecci[oó]n(?:es)?|Abschnitt\w*|[Рр]аздел\w*|"
                        r"섹션|[Oo]djelj\w*) ?|第 ?)(\d+)(?!\d)")


def _renumber_references(cells: list[Any], numbers: dict[str, str]) -> None:
    """"section 5" in the notebook's prose and computed sentences -> the number the section
    has once the empty ones are left out."""
    def renumber(text: str) -> str:
        return _REFERENCE.sub(lambda m: m.group(1) + numbers.get(m.group(2), m.group(2)), text)

    for cell in cells:
        if cell.cell_type == "markdown":
            if not cell.source.startswith("#"):
                cell.source = renumber(cell.source)
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"] = renumber(data["text/markdown"])


def _output_html(out: Any) -> str:
    """One notebook output as HTML, as nbconvert would show it (markdown rendered, text in a
    ``<pre>``, images inline)."""
    from nbconvert.filters import markdown2html

    data = out.get("data", {})
    if out.get("output_type") == "stream":
        return f"<pre>{html.escape(out.get('text', ''))}</pre>"
    if "text/html" in data:
        return data["text/html"]
    if "image/svg+xml" in data:
        return data["image/svg+xml"]
    if "image/png" in data:
        return f'<img src="data:image/png;base64,{data["image/png"]}" alt="Chart">'
    if "text/markdown" in data:
        return markdown2html(data["text/markdown"])
    if "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""


def _is_chart(out: Any) -> bool:
    return any(k in out.get("data", {}) for k in ("image/svg+xml", "image/png"))


def _pair_charts_with_text(nb: Any, longest: int = 700) -> None:
    """A chart followed, in the next cell, by the few sentences that read it: the sentences
    move into the chart's cell, where the page sets them beside the chart when both fit the
    column (see ``CSS``) instead of under it with half the width empty."""
    from itertools import pairwise

    for a, b in pairwise(nb.cells):
        if a.cell_type != "code" or b.cell_type != "code" or b.metadata.get("tags"):
            continue
        if {"report-details", "report-skip"} & set(a.metadata.get("tags", [])):
            continue
        first, then = a.get("outputs", []), b.get("outputs", [])
        if not first or not then or not _is_chart(first[-1]):
            continue
        if all("text/markdown" in out.get("data", {}) and set(out["data"]) <= {
                "text/markdown", "text/plain"} for out in then) and sum(
                len(out["data"]["text/markdown"]) for out in then) <= longest:
            a.outputs = [*first, *then]
            b.outputs = []


_DETAILS = N_("Details")


def _fold_details(nb: Any) -> None:
    """Cells tagged ``report-details`` show folded in the report (an HTML ``<details>``
    element, opened with a click): the detail behind a finding, not the finding. Their
    ``summary`` metadata names what is inside."""
    for cell in nb.cells:
        if cell.cell_type != "code" or "report-details" not in cell.metadata.get("tags", []):
            continue
        inner = "".join(_output_html(out) for out in cell.get("outputs", []))
        if not inner.strip():
            continue
        summary = html.escape(gettext(cell.metadata.get("summary", _DETAILS)))
        cell.outputs = [_html_output(
            f'<details class="more"><summary>{summary}</summary>{inner}</details>')]


def _html_output(body: str) -> Any:
    from nbformat.v4 import new_output

    return new_output("display_data", data={"text/html": body})


_SVG_IMAGE = re.compile(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')
_ARIA_LABEL = re.compile(r'^<svg role="img" aria-label="([^"]*)"')


def _chart_alt_text(body: str) -> str:
    """nbconvert embeds each chart as an SVG image with a generic alt text; give it the
    numbers the chart states (its SVG's ``aria-label``, see :func:`nps_toolkit.charts.setup`).
    """
    import base64

    def alt(match: re.Match) -> str:
        svg = base64.b64decode(match.group(1)).decode("utf-8", "replace")
        label = _ARIA_LABEL.match(svg)
        text = label.group(1) if label else html.escape(
            tr("Chart (its numbers are in the text around it)"), quote=True)
        # the label is already escaped for an attribute (&lt; &quot; ...): kept as it is
        return f'<img alt="{text}" src="data:image/svg+xml;base64,{match.group(1)}"'

    return _SVG_IMAGE.sub(alt, body)


def _take_warnings(nb: Any) -> list[str]:
    """Remove what the code wrote to stderr (a library's warning, with a file path of this
    machine) from the notebook's outputs, and return it: it is for whoever runs the report,
    not for its readers."""
    taken = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        keep = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                taken.append(out.get("text", ""))
            else:
                keep.append(out)
        cell.outputs = keep
    return [t for t in taken if t.strip()]


def convert(path: Path, prefix: str) -> tuple[str, list[tuple[int, str, str]],
                                              list[tuple[str, tuple[str, ...]]], list[str]]:
    """Notebook -> body HTML without code (nbconvert's basic template: no scripts, no CDN),
    its heading ids prefixed so the notebooks can share one page; sections the file cannot
    support are left out and returned (name, needs) for "Not in this file", and what the
    code wrote to stderr is left out of the page and returned."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"report-skip", "parameters",
                                                     "injected-parameters"}
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    # widget models created while running (shown as static views) leave state that nbconvert
    # would embed as a script: the report has no widget manager, so drop it
    nb.metadata.pop("widgets", None)
    warned = _take_warnings(nb)
    dropped = _drop_empty_sections(nb)
    _pair_charts_with_text(nb)
    _fold_details(nb)
    body, _ = HTMLExporter(config=config, template_name="basic").from_notebook_node(nb)
    body = _chart_alt_text(body)
    body = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', body)
    heads = [(int(level), ident, re.sub(r"<[^>]+>", "", text))
             for level, ident, text in re.findall(
                 r'<h([12]) id="([^"]+)">(.*?)<a class="anchor-link"', body)]
    return body, heads, dropped, warned


def _link(heads: list[tuple[int, str, str]], prefix: str, number: int) -> str | None:
    """The anchor of section ``number`` of the notebook whose ids start with ``prefix``
    (by the number it had in the notebook: its heading keeps it unless sections before it
    were left out, so the number is looked up in the template's own headings)."""
    wanted = _SECTIONS.get((prefix, number))
    for _, ident, text in heads:
        if not ident.startswith(prefix + "-"):
            continue
        name = _section_name(html.unescape(text))
        if wanted is not None and name == gettext(wanted):
            return ident
    return None


#: the sections the first screen links to, by notebook and number, with their headings'
#: short names as the templates write them (translated like the headings)
_SECTIONS = {("s1", 4): N_("Segments"), ("s1", 5): N_("Customer value"),
             ("s1", 6): N_("Benchmark"), ("s2", 2): N_("Themes and what they cost"),
             ("s3", 1): N_("The trend, with intervals and real changes marked")}


def first_screen(data: Any, merged: dict[str, Any],
                 heads: list[tuple[int, str, str]]) -> tuple[str, list]:
    """The headline (NPS, interval, n; the last change; the benchmark when asked) and the
    findings that matter most, each a sentence with its number and a link to its section.
    Computed here from the same data and configuration as the notebooks, in the current
    language (:func:`nps_toolkit.set_language`)."""
    from .. import scoring
    from ..segmentation import segments_across
    from ..trends import trend

    weight = merged.get("weights") if merged.get("weights") in data.columns else None
    result = scoring.score(data["score"], weights=data[weight] if weight else None)
    head = tr("NPS {nps:.1f} (95% interval {low:.1f} to {high:.1f}, {n:,} responses)",
              nps=result.nps, low=result.ci_low, high=result.ci_high, n=result.n)
    findings: list[tuple[str, str | None]] = []
    timing = ({"date": "date", "freq": merged.get("freq") or "Q"} if "date" in data.columns else
              {"date": None, "period": merged["period"]} if merged.get("period") else None)
    if timing is not None:
        try:
            t = trend(data, **timing, weights=weight)
        except ValueError:
            t = None
        if t is not None and len(t) >= 2 and pd.notna(t["change"].iloc[-1]):
            last = t.iloc[-1]
            when = (f"{merged['period']} = {last['period']}" if timing.get("period")
                    else last["period"])
            values = dict(when=when, nps=last["nps"], change=last["change"])
            latest = (tr("{when}: {nps:.1f}, {change:+.1f} points on the period before (a real "
                         "change)", **values) if last["significant_change"] else
                      tr("{when}: {nps:.1f}, {change:+.1f} points on the period before "
                         "(within the noise)", **values))
            head = tr("{headline}; {latest}", headline=head, latest=latest)
            real = t[t["significant_change"]]
            if len(real):
                r = real.iloc[-1]
                findings.append((tr(
                    "The latest real change: {period}, {change:+.1f} points ({p}; adjusted "
                    "for the {m} changes shown, {p_adjusted}).", period=r["period"],
                    change=r["change"], p=p_text(r["change_p_value"]),
                    m=int(t["change_p_value"].notna().sum()),
                    p_adjusted=p_text(r["change_p_adjusted"])), _link(heads, "s3", 1)))
    worst = None
    # every group of every segment column in one family of p-values, as the calculation
    # notebook tests them (a group listed there is the group named here); the furthest below,
    # ties by column and group name. Column names are read as keys, not attributes: a
    # question text such as "Which plan are you on?" is no Python name
    columns = [c for c in merged.get("segments") or [] if c in data.columns]
    tables = segments_across(data, by=columns, weights=weight) if columns else {}
    for column, table in tables.items():
        below = table[table["verdict_code"] == "below"]
        for group, difference, nps, n in zip(below[column], below["difference"], below["nps"],
                                             below["n"], strict=True):
            key = (difference, str(column), str(group))
            if worst is None or key < (worst[2], str(worst[0]), str(worst[1])):
                worst = (column, group, difference, nps, n)
    if worst is not None:
        findings.append((tr("{column} = {group} is furthest below the rest: NPS {nps:.1f} "
                            "({difference:+.1f} points, {n:,} responses).", column=worst[0],
                            group=worst[1], difference=worst[2], nps=worst[3], n=worst[4]),
                         _link(heads, "s1", 4)))
    if "comment" in data.columns:
        try:
            from ..text import analyze_comments
            from ..text.names import theme_label

            impact = analyze_comments(data, codeframe=merged.get("codeframe") or "auto",
                                      discover=False).impact
        except (ValueError, TypeError):
            impact = None
        if impact is not None and len(impact) and impact["nps_gain_if_fixed"].iloc[0] > 0:
            top = impact.iloc[0]
            findings.append((tr("{theme} costs the most: fixing it for the detractors who "
                                "mention it would add about {gain:.1f} points.",
                                theme=theme_label(top["theme"]),
                                gain=top["nps_gain_if_fixed"]),
                             _link(heads, "s2", 2)))
    if merged.get("value"):
        from ..segmentation import value_analysis

        try:
            va = value_analysis(data, value=merged["value"],
                                customer="customer_id" if merged.get("customer") else None,
                                date="date" if "date" in data.columns else None)
            findings.append((tr("Are the most valuable customers the biggest promoters? "
                                "{answer}", answer=va.headline), _link(heads, "s1", 5)))
        except ValueError:
            pass
    bench = merged.get("benchmark")
    if bench is not None:
        from ..benchmarking import compare_to_benchmark

        try:
            cmp_ = compare_to_benchmark(data, benchmark=bench,
                                        industry=merged.get("industry") or None)
            findings.append((cmp_.headline, _link(heads, "s1", 6)))
        except ValueError:
            pass
    section = html.escape(tr("(section)"))
    items = "".join(
        f"<li>{html.escape(text)}"
        + (f' <a href="#{html.escape(link)}">{section}</a>' if link else "") + "</li>"
        for text, link in findings[:5])
    matters = html.escape(tr("What matters most"))
    body = (f'<section class="first-screen"><h1 id="headline">{html.escape(head)}</h1>'
            + (f"<p><b>{matters}</b></p><ul>{items}</ul>" if items else "")
            + "</section>")
    return body, [(1, "headline", html.escape(tr("Headline")))]


def how_read(profile: Any, label: str, extra: Sequence[str] = ()) -> tuple[str, list]:
    """The "How this report read your file" box: every choice, with the option that
    changes it (text escaped: column names are data); ``extra`` lines are added at its end
    (the language the comments suggest)."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in [*profile.lines(), *extra])
    title = html.escape(tr("How this report read your file"))
    intro = html.escape(tr("{label}: each choice below can be changed with the option in "
                           "brackets, or in a configuration file ({config}; {print_config} "
                           "writes this one).", label=label, config="\x00",
                           print_config="\x01"))
    intro = intro.replace("\x00", "<code>--config nps.toml</code>").replace(
        "\x01", "<code>--print-config</code>")
    body = (f'<section class="how-read"><h1 id="how-read">{title}</h1>'
            f"<p>{intro}</p><ul>{items}</ul></section>")
    return body, [(1, "how-read", title)]


def not_in_file(sections: Sequence[tuple[str, str, tuple[str, ...]]],
                needed: dict[str, str]) -> tuple[str, list]:
    """The "Not in this file" list: what the report left out, grouped by what would enable
    it. ``sections`` are (part, name, needs keys) of sections left out; ``needed`` maps
    whole parts left out to what they need, in words."""
    from ..markup import NEEDS

    groups: dict[str, list[str]] = {}
    for part, name, needs in sections:
        if needs:
            what = join(gettext(NEEDS[n][0]) for n in needs)
            options = ", ".join(NEEDS[n][1] for n in needs if NEEDS[n][1])
            what = (tr("needs {what} ({options})", what=what, options=options) if options
                    else tr("needs {what}", what=what))
        else:
            what = tr("nothing in this file to show")
        groups.setdefault(what, []).append(f"{name} ({part})")
    for part, what in needed.items():
        groups.setdefault(tr("needs {what}", what=what), []).append(part)
    items = "".join(f"<li><b>{html.escape(', '.join(names))}</b>: {html.escape(what)}</li>"
                    for what, names in groups.items())
    title = html.escape(tr("Not in this file"))
    return (f'<h1 id="not-in-file">{title}</h1><ul>{items}</ul>',
            [(1, "not-in-file", title)])


def render_page(title: str, meta: str, sections: Sequence[tuple[str, list]]) -> str:
    toc = []
    for body, heads in sections:
        del body
        items = []
        for level, ident, text in heads:
            if level == 1:
                if items:
                    toc.append("<ul>" + "".join(items) + "</ul>")
                    items = []
                toc.append(f'<p><b><a href="#{html.escape(ident)}">{text}</a></b></p>')
            else:
                items.append(f'<li><a href="#{html.escape(ident)}">{text}</a></li>')
        if items:
            toc.append("<ul>" + "".join(items) + "</ul>")
    main = "\n".join(body for body, _ in sections)
    return (
        f"<!DOCTYPE html>\n<html lang='{get_language()}'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width'><title>{html.escape(title)}"
        f"</title><style>{CSS}</style></head><body>"
        f"<nav><p><b>{html.escape(title)}</b></p><p class='report-meta'>{html.escape(meta)}"
        f"</p>{''.join(toc)}</nav><main>{main}</main></body></html>\n")
