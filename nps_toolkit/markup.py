"""User text in the notebooks' prose and in the HTML report, as data and never as markup.

The template notebooks write their findings as Markdown paragraphs whose numbers and names
come from the data: a segment value, a theme, a file name. A value such as
``[details](javascript:alert(1))`` or ``![x](https://host/beacon.png)`` must show as those
characters, not become a live link or a remote image, and a value ``<b>`` must not become
bold. :func:`say` therefore takes a trusted template (the notebook's own Markdown) and
escapes every value put into it, for HTML *and* Markdown. :func:`sanitize_html` is the
report's last line of defence whatever produced the page: it drops ``javascript:`` (and
similar) URLs, remote ``src``/``href`` and remote CSS ``url(...)``, and ``<script>``,
``<iframe>``, ``<object>`` and ``<embed>`` elements.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Mapping
from typing import Any

from ._stats import P_FLOOR, p_text
from .i18n import N_, fmt, get_language, gettext

__all__ = ["NEEDS", "REPORT_ENV", "SKIPPED_MIME", "STATIC_ENV", "Trusted", "escape_markdown",
           "p_text", "readable_table", "sanitize_html", "say", "say_list", "show_controls",
           "skipped", "to_markdown"]

#: set (to "1") while the report runs the notebooks: what the data cannot support is listed
#: once at the end of the report ("Not in this file") instead of in each section
REPORT_ENV = "NPS_TOOLKIT_REPORT"
#: set (to "1") where no widget manager runs (the report's kernels): widgets show static HTML
STATIC_ENV = "NPS_TOOLKIT_STATIC"

# every ASCII punctuation character Markdown (CommonMark, GFM, MathJax's $) gives a meaning;
# CommonMark allows any ASCII punctuation to be backslash-escaped. &, < and > become entities.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$=^\"'@])")
# the bidirectional embeddings, overrides and isolates: a value holding one reorders how the
# text after it is shown, to the end of the paragraph ("Trojan Source", CVE-2021-42574: a
# comment can make the sentence around it read backwards). Shown as their code points.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def show_controls(text: str) -> str:
    """``text`` with each bidirectional embedding, override or isolate character written as
    its code point (``[U+202E]``), so that what a value holds is shown and it cannot reorder
    the text around it (Unicode Standard Annex #9, section 2: these characters act up to the
    end of the paragraph). Direction marks (U+200E, U+200F) act on neighbouring characters
    only and stay: right-to-left text needs them.

    >>> show_controls("ok\u202etxt.exe")
    'ok[U+202E]txt.exe'
    """
    return _BIDI_CONTROL.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def escape_markdown(value: Any) -> str:
    """``value`` as text that Markdown renders literally (no link, image, emphasis, HTML,
    heading, list, table or math).

    >>> escape_markdown("[x](javascript:alert(1)) <b>")
    '\\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\) &lt;b&gt;'
    """
    text = html.escape(show_controls(str(value)), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # a line starting with spaces or a tab would be a code block, several line breaks a new
    # paragraph: user text stays one run of text
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


class Trusted(str):
    """Markdown already built by :func:`to_markdown` (its values escaped): put into another
    template as it is, not escaped twice."""


class _EscapingFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Trusted) and not format_spec:
            return value
        return escape_markdown(fmt(value, format_spec))


def to_markdown(template: str, *args: Any, **values: Any) -> Trusted:
    """``template.format(*args, **values)`` with every value escaped by
    :func:`escape_markdown`; the template itself is trusted Markdown, looked up in the
    current language's catalog (:mod:`nps_toolkit.i18n`) and its values formatted for the
    locale (``27,1`` in French).

    >>> to_markdown("**{name}**: NPS {nps:.1f}", name="<i>*shop*</i>", nps=12.345)
    '**&lt;i&gt;\\\\*shop\\\\*&lt;/i&gt;**: NPS 12\\\\.3'
    """
    return Trusted(_EscapingFormatter().vformat(gettext(template), args, values))


def say(template: str, *args: Any, **values: Any) -> None:
    """Show a paragraph (Markdown) in a notebook: the template is the notebook's own words,
    every value (numbers and names from the data) is escaped, see :func:`to_markdown`.

    Examples
    --------
    >>> say("**{n:,} customers** in {region}", n=1200, region="[EU](javascript:x)")
    <IPython.core.display.Markdown object>
    """
    from IPython.display import Markdown, display

    display(Markdown(to_markdown(template, *args, **values)))


#: what a skipped part of the analysis needs, by key, and the report option that gives it:
#: the report's "Not in this file" list
NEEDS: dict[str, tuple[str, str]] = {
    "segments": (N_("a column of groups (region, channel, store...)"), "--segments COL"),
    "customer": (N_("a customer id column"), "--customer COL"),
    "value": (N_("a customer value column (revenue, CLV, ticket amount...)"), "--value COL"),
    "date": (N_("a date column"), "--date COL"),
    "benchmark": (N_("a benchmark"), "--industry NAME or --benchmark N"),
    "comments": (N_("more comments that say something"), ""),
    "customers": (N_("a customer list with segment columns"), "--customers FILE"),
    "orders": (N_("an order log (customer, order date, amount)"), "--orders FILE"),
    "drivers": (N_("further rating questions (0-10, or in words: satisfied... dissatisfied)"),
                "--drivers COL,COL"),
}
#: the output type a skipped part leaves in a report notebook: the report drops a section
#: that holds nothing else and lists it, with what it needs, under "Not in this file"
SKIPPED_MIME = "application/vnd.nps-toolkit.skipped+json"


def skipped(template: str, *args: Any,
            needs: str | Iterable[str] | Mapping[str, bool] = (), **values: Any) -> None:
    """Say that a part of the analysis is skipped because the data cannot support it.

    In a notebook the sentence is shown. In the report (``REPORT_ENV`` set) nothing is shown:
    a marker naming what is needed (keys of :data:`NEEDS`) is left instead, and the report
    lists the section, with what it needs, once at its end. A part that needs several things
    passes a mapping of each to whether the data has it: only the missing ones are listed
    (a file with dates but no customer id needs a customer id, not a date).

    >>> skipped("No customer id column: the call list needs one.", needs="customer")
    <IPython.core.display.Markdown object>
    """
    import os

    if isinstance(needs, Mapping):
        needs = tuple(k for k, present in needs.items() if not present) or tuple(needs)
    needs = (needs,) if isinstance(needs, str) else tuple(needs)
    unknown = set(needs) - set(NEEDS)
    if unknown:
        raise ValueError(f"needs: unknown key(s) {sorted(unknown)}; use {sorted(NEEDS)}")
    if os.environ.get(REPORT_ENV) != "1":
        say(template, *args, **values)
        return
    from IPython.display import display

    display({SKIPPED_MIME: {"needs": list(needs)}}, raw=True)


def say_list(items: Iterable[Any], *, numbered: bool = True, heading: str = "") -> None:
    """Show items as a Markdown list under an optional (trusted) heading: plain strings are
    escaped, :class:`Trusted` ones (built with :func:`to_markdown`) kept.

    >>> say_list(["Call <b>Ann</b>", to_markdown("Check **{x}**", x="[x](y)")])
    <IPython.core.display.Markdown object>
    """
    items = list(items)
    lines = [f"{i}. {{}}" if numbered else "- {}" for i in range(1, len(items) + 1)]
    template = (gettext(heading) + "\n\n" if heading else "") + "\n".join(lines)
    say(template, *items)


# ------------------------------------------------------------------------------- tables
_HEADER_WORDS = {"nps": "NPS", "ci": "CI", "n": "n", "p": "p", "id": "ID"}
#: the table headers the library's results show, for the catalog (a header made from a
#: column of the user's own data is not translated: it is their name)
_HEADERS = (N_("Action"), N_("Answers"), N_("CI high"), N_("CI low"), N_("Category"),
            N_("Change"), N_("Change p value"), N_("Comment"), N_("Comments"),
            N_("Comparison"), N_("Covered by codeframe"), N_("Customer ID"), N_("Customers"),
            N_("Customers who could move"), N_("Date"), N_("Days overdue"), N_("Days since"),
            N_("Detractor"), N_("Detractor mentions"), N_("Difference"), N_("Due since"),
            N_("Follow up question"), N_("Gain CI high"), N_("Gain CI low"), N_("Label"),
            N_("Language"), N_("Last answer"), N_("Last category"), N_("Last score"),
            N_("Level"), N_("Mention share"), N_("Mentions"), N_("N"), N_("N responses"),
            N_("NPS gain if fixed"), N_("NPS mentioning"), N_("P adjusted"), N_("P bottom"),
            N_("P top"), N_("P value"), N_("P value adjusted"), N_("Passive"),
            N_("Per customer"), N_("Period"), N_("Phrase"), N_("Previous category"),
            N_("Promoter"), N_("Quote"), N_("Quotes"), N_("Rank"), N_("Rank high"),
            N_("Rank low"), N_("Representation"), N_("Respondents"), N_("Response rate"),
            N_("Responses"), N_("Score"), N_("Share"), N_("Share of detractor comments"),
            N_("Shrunk NPS"), N_("Side"), N_("Significant"), N_("Significant change"),
            N_("Term"), N_("Theme"), N_("Top terms"), N_("Total"), N_("Total CI high"),
            N_("Total CI low"), N_("Under represented"), N_("Value"), N_("Value tier"),
            N_("Verdict"), N_("Comment language"), N_("Metric"), N_("Move"), N_("Priority"),
            N_("Segment"), N_("Topic"), N_("Variable"), N_("Driver"), N_("Weight"))
#: library codes shown as table cells (a category, a move between categories), translated
_CELL_CODES = frozenset({"detractor", "passive", "promoter", "promoters", "passives",
                         "detractors"})
_CELL_LABELS = (N_("detractor"), N_("passive"), N_("promoter"), N_("promoters"),
                N_("passives"), N_("detractors"), N_("yes"), N_("no"))


def _header(name: Any) -> str:
    words = str(name).replace("_", " ").split()
    out = [_HEADER_WORDS.get(w.lower(), w) for w in words]
    text = " ".join(out)
    text = text[:1].upper() + text[1:] if text and text[0].islower() else text
    return gettext(text) if text in _HEADERS else text


def _code_label(text: str) -> str:
    """A category (or a move "passive -> promoter", a comparison "promoter - detractor") or
    a preset theme's name in the reader's language; any other text (data) as it is."""
    if get_language() == "en":
        return text
    if text in _CELL_CODES:
        return gettext(text)
    for sep, shown in ((" -> ", " → "), (" - ", " − ")):
        parts = text.split(sep)
        if len(parts) == 2 and all(p in _CELL_CODES for p in parts):
            return shown.join(gettext(p) for p in parts)
    from .text.names import theme_label

    return theme_label(text)


def _cut(text: str, limit: int = 200) -> str:
    """Long text cut at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    return (head[: head.rfind(" ")] if " " in head else head).rstrip(" ,;:") + " …"


def _cell(value: Any, column: str) -> str:
    import math

    import numpy as np
    import pandas as pd

    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA \
            or value is pd.NaT:
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, (list, tuple, np.ndarray)):
        return "; ".join(_cut(str(v), 120) for v in value)
    name = column.lower()
    if isinstance(value, (int, np.integer)):
        return fmt(int(value), ",")
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if "p value" in name.replace("_", " ") or name in ("p_adjusted", "p", "gap_p_value"):
            return "< " + fmt(P_FLOOR, ".0e") if v < P_FLOOR else fmt(v, ".2g")  # not "0"
        if any(w in name for w in ("share", "rate", "percent")) and -1.0 <= v <= 1.0:
            return fmt(v, ".1%")
        return fmt(v, ",.1f")
    if isinstance(value, pd.Timestamp):
        if value == value.normalize():
            return (value.strftime("%Y-%m-%d") if get_language() == "en"
                    else fmt(value.to_pydatetime()))
        return str(value)
    if isinstance(value, pd.Period):
        return fmt(value)
    if isinstance(value, str):
        return _cut(fmt(_code_label(value)))
    return _cut(str(value))


def readable_table(frame: Any) -> str:
    """A data frame as an HTML table for reading: no row numbers (a meaningful index becomes a
    column), headers in words, thousands separators, shares as percentages, p-values to two
    significant digits, yes/no instead of True/False, a dash for missing values, lists joined,
    long text cut at a word; every cell escaped. The template notebooks show their tables so.

    >>> import pandas as pd
    >>> html = readable_table(pd.DataFrame({"nps": [12.345], "promoter_share": [0.4],
    ...                                     "significant": [True], "n": [1200]}))
    >>> [cell for cell in ("12.3", "40.0%", "yes", "1,200", "Promoter share") if cell in html]
    ['12.3', '40.0%', 'yes', '1,200', 'Promoter share']
    """
    import pandas as pd

    df = frame
    if isinstance(df, pd.Series):
        df = df.to_frame()
    # a named index, or one of labels ("passive -> promoter"), is data: a column; unnamed
    # integer row labels (0, 1, 5... left by a filter or a sort) are positions, not shown
    if any(name is not None for name in df.index.names):
        df = df.reset_index()
    elif not pd.api.types.is_numeric_dtype(df.index.dtype):
        df = df.reset_index(names=[""] if df.index.nlevels == 1 else None)
    cols = [str(c) for c in df.columns]
    numeric = [pd.api.types.is_numeric_dtype(df[c].dtype)
               and not pd.api.types.is_bool_dtype(df[c].dtype) for c in df.columns]
    body = [[_cell(v, c) for v, c in zip(row, cols, strict=True)]
            for row in df.itertuples(index=False, name=None)]
    head = "".join(f'<th{" class=num" if num else ""}>'
                   f"{html.escape(show_controls(_header(c)))}</th>"
                   for c, num in zip(cols, numeric, strict=True))
    rows = "".join("<tr>" + "".join(f'<td{" class=num" if num else ""}>'
                                    f"{html.escape(show_controls(v))}</td>"
                                    for v, num in zip(r, numeric, strict=True)) + "</tr>"
                   for r in body)
    # in a box: the report lets a long or wide table scroll inside it, not the page
    return (f'<div class="table-box"><table class="dataframe readable"><thead><tr>{head}'
            f"</tr></thead><tbody>{rows}</tbody></table></div>")


# ----------------------------------------------------------------------------- the report
_DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|data(?!:image/(?:png|jpeg|gif|webp|"
                               r"svg\+xml)[;,])|file|blob)\s*:", re.IGNORECASE)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:|//|\\\\)", re.IGNORECASE)
_URL_ATTRS = frozenset({"href", "src", "xlink:href", "action", "formaction", "poster",
                        "background", "srcset", "data", "cite", "longdesc", "ping", "manifest",
                        "codebase", "dynsrc", "lowsrc"})
_BAD_ELEMENTS = "script|iframe|object|embed|frame|frameset|applet|base|meta|link|portal"
_BAD_ELEMENT = re.compile(rf"<({_BAD_ELEMENTS})\b[^>]*>.*?</\1\s*>|</?(?:{_BAD_ELEMENTS})\b[^>]*>",
                          re.IGNORECASE | re.DOTALL)
# a start tag: its name, then attributes (quoted values may hold '>'); in well-formed HTML a
# '<' in text is always '&lt;', so this never matches text
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s>"'`=]+)"""
_START_TAG = re.compile(
    rf"""<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*{_VALUE})?)*)\s*(/?)>""")
_ATTR = re.compile(rf"""(\s+)([^\s"'>/=]+)(?:\s*=\s*({_VALUE}))?""")
_STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>)", re.IGNORECASE | re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import\b[^;]*;?", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_BIDI_REFERENCE = re.compile(r"&#((?:x0*(?:202[a-e]|206[6-9]))|(?:0*(?:823[4-8]|829[4-7])));",
                             re.IGNORECASE)


def _code_point(reference: str) -> int:
    return int(reference[1:], 16) if reference[:1] in "xX" else int(reference)


def _url_allowed(raw: str) -> bool:
    """A URL the offline report may keep: an in-page anchor, a relative path or an embedded
    image; never a scheme that runs code or a remote address."""
    url = _INVISIBLE.sub("", html.unescape(raw))
    if _DANGEROUS_SCHEME.match(url):
        return False
    if url.lower().startswith("data:"):
        return True  # an embedded image (checked above)
    return not _REMOTE.match(url)


def sanitize_html(page: str) -> tuple[str, int]:
    """Remove from an HTML page everything that could run code or reach the network.

    Drops ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<base>``, ``<meta>`` and
    ``<link>`` elements, ``on...=`` event attributes, any URL attribute (``href``, ``src``,
    ``xlink:href``...) whose value, after entity decoding and without blanks, uses a scheme
    such as ``javascript:`` or points off the page (``http:``, ``//host``), and remote CSS
    ``url(...)``/``@import``. Bidirectional controls are shown as their code points
    (:func:`show_controls`). In-page anchors (``#id``) and embedded images
    (``data:image/...``) stay. Returns the page and how many things were removed.

    >>> sanitize_html('<a href="jav&#x61;script:alert(1)">x</a><img src="https://h/b.png">')
    ('<a>x</a><img>', 2)
    """
    removed = 0

    def drop(_: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return ""

    def css(text: str) -> str:
        nonlocal removed

        def url(m: re.Match[str]) -> str:
            nonlocal removed
            target = html.unescape(m.group(2))
            if _url_allowed(target) and not target.lower().startswith("data:text"):
                return m.group(0)
            removed += 1
            return "none"

        return _CSS_IMPORT.sub(drop, _CSS_URL.sub(url, text))

    def attribute(m: re.Match[str]) -> str:
        nonlocal removed
        name, raw = m.group(2).lower(), m.group(3)
        if name.startswith("on"):  # event handlers run script
            removed += 1
            return ""
        if raw is None:
            return m.group(0)
        value = raw[1:-1] if raw[:1] in "\"'" else raw
        if name in _URL_ATTRS:
            urls = [u.strip().split(" ")[0] for u in value.split(",")] \
                if name == "srcset" else [value]
            if not all(_url_allowed(u) for u in urls):
                removed += 1
                return ""
        if name == "style":
            cleaned = css(html.unescape(value))
            if cleaned != html.unescape(value):
                return f'{m.group(1)}style="{html.escape(cleaned)}"'
        return m.group(0)

    def tag(m: re.Match[str]) -> str:
        return f"<{m.group(1)}{_ATTR.sub(attribute, m.group(2))}{m.group(3)}>"

    page = _BAD_ELEMENT.sub(drop, page)
    # user text anywhere on the page, whichever part wrote it: no character reorders the
    # text after it (written as a character or as a numeric character reference)
    page = show_controls(_BIDI_REFERENCE.sub(lambda m: chr(_code_point(m.group(1))), page))
    page = _STYLE_BLOCK.sub(lambda m: m.group(1) + css(m.group(2)) + m.group(3), page)
    page = _START_TAG.sub(tag, page)
    return page, removed
