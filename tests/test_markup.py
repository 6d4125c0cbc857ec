"""User text in the notebooks' Markdown and the report's HTML is data, never markup (issue 24).

Escaped values are rendered with nbconvert's own Markdown renderer (the one that builds the
report) and must come back as exactly the text they were, with no element of their own.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from nps_toolkit.markup import (
    Trusted,
    escape_markdown,
    sanitize_html,
    show_controls,
    to_markdown,
)

HOSTILE = [
    "[details](javascript:alert(1))",
    "![x](https://host.invalid/beacon.png)",
    "<https://host.invalid/autolink>",
    "https://host.invalid/bare www.host.invalid",
    "<b>bold</b> <script>alert(1)</script>",
    "**strong** _em_ `code` ~~strike~~",
    "# heading",
    "1. list\n- item\n> quote",
    "| a | b |\n|---|---|",
    "$x^2$ and \\(y\\)",
    "[ref]: https://host.invalid/ref",
    "&amp; &lt;b&gt; &#x6A;avascript",
    "line one\n\n    indented code\n===",
]


def _rendered_text(markdown: str) -> tuple[str, str]:
    out = markdown2html_mistune(markdown)
    return out, html.unescape(re.sub(r"<[^>]+>", "", out)).strip()


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_values_render_as_their_own_text(value):
    out, text = _rendered_text(escape_markdown(value))
    tags = set(re.findall(r"<\s*([a-zA-Z0-9]+)", out)) - {"p"}
    assert not tags, (value, out)
    assert text == re.sub(r"\s*\n+\s*", " ", value).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
               max_size=40))
def test_any_text_renders_as_itself(value):
    out, text = _rendered_text("x " + escape_markdown(value) + " x")
    assert not (set(re.findall(r"<\s*([a-zA-Z0-9]+)", out)) - {"p"}), out
    # Markdown collapses runs of blanks; everything else is kept character for character
    assert re.sub(r"\s+", " ", text) == re.sub(r"\s+", " ", f"x {show_controls(value)} x").strip()


# Trojan Source (CVE-2021-42574): a value with a right-to-left override shows the rest of the
# sentence backwards; an isolate or embedding left open does the same
BIDI = ["gnol oot \u202eyaled", "a\u202bb", "\u2067\u05e9\u05dc\u05d5\u05dd", "x\u2069y\u202c"]


@pytest.mark.parametrize("value", BIDI)
def test_bidirectional_controls_are_shown_not_obeyed(value):
    _, text = _rendered_text("Comment: " + escape_markdown(value) + " (score 2)")
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", text), text
    assert re.search(r"\[U\+20(?:2[A-E]|6[6-9])\]", text)
    # right-to-left text itself, and its direction marks, stay as they are
    assert show_controls("\u05e9\u05dc\u05d5\u05dd\u200f!") == "\u05e9\u05dc\u05d5\u05dd\u200f!"


def test_sanitizer_shows_bidirectional_controls_however_written():
    page = "<p title='a\u202eb'>x\u202ey &#x202E;z &#8238;w &#x202e; &#8294;v &#x2028;</p>"
    out, _ = sanitize_html(page)
    assert out == ("<p title='a[U+202E]b'>x[U+202E]y [U+202E]z [U+202E]w [U+202E] [U+2066]v "
                   "&#x2028;</p>")


def test_template_is_markdown_values_are_text():
    md = to_markdown("**{name}**: NPS {nps:+.1f} ({share:.0%})", name="[a](javascript:x)",
                     nps=-3.14159, share=0.5)
    out, text = _rendered_text(md)
    assert "<strong>" in out and "<a" not in out
    assert text == "[a](javascript:x): NPS -3.1 (50%)"
    # built Markdown goes into another template once, not escaped twice
    assert isinstance(md, Trusted)
    assert to_markdown("- {}", md) == "- " + md
    assert to_markdown("{}", "**x**") != "**x**"


@pytest.mark.parametrize(("page", "kept"), [
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ("<a href=' JaVaScRiPt:alert(1)'>x</a>", "<a>x</a>"),
    ('<a href="jav&#x61;script:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="java\tscript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="vbscript:x">x</a>', "<a>x</a>"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "<a>x</a>"),
    ('<img src="https://host.invalid/b.png">', "<img>"),
    ("<img src=//host.invalid/b.png>", "<img>"),
    ('<img srcset="a.png 1x, https://host.invalid/b.png 2x">', "<img>"),
    ('<svg><image xlink:href="http://host.invalid/x"/></svg>', "<svg><image/></svg>"),
    ('<p onclick="x()" onmouseover=y>t</p>', "<p>t</p>"),
    ('<div style="background:url(https://host.invalid/x.png)">t</div>',
     '<div style="background:none">t</div>'),
    ("<style>@import url(https://host.invalid/x.css); p{color:red}</style>",
     "<style> p{color:red}</style>"),
    ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
    ('<iframe src="https://host.invalid"></iframe><p>ok</p>', "<p>ok</p>"),
    ('<link rel="stylesheet" href="https://host.invalid/x.css"><p>ok</p>', "<p>ok</p>"),
])
def test_sanitizer_drops_what_runs_or_calls_out(page, kept):
    out, removed = sanitize_html(page)
    assert out == kept
    assert removed >= 1


@pytest.mark.parametrize("page", [
    '<a href="#s1-nps">NPS</a>',
    '<img alt="a > b" src="data:image/svg+xml;base64,PHN2Zz4=">',
    "<p>online = good; href=x url(https://host.invalid) javascript:x</p>",
    '<td>&lt;a href="javascript:x"&gt;</td>',
])
def test_sanitizer_keeps_anchors_embedded_images_and_text(page):
    assert sanitize_html(page) == (page, 0)


def test_readable_table():
    """Issue 25 §3: tables for reading - no row numbers, numbers formatted, no NaN, None,
    True, False or Python lists, long text cut at a word, every cell escaped."""
    import numpy as np
    import pandas as pd

    from nps_toolkit.markup import readable_table

    frame = pd.DataFrame({
        "segment": ["<b>north</b>", None], "n": [12345, 7], "nps": [12.345, np.nan],
        "promoter_share": [0.4, 0.125], "p_adjusted": [0.000123, 1.0],
        "significant": [True, False], "quotes": [["a", "b"], []],
        "comment": ["word " * 60, "short"]})
    out = readable_table(frame)
    assert readable_table(pd.DataFrame({"a\u202eb": ["c\u2067d"]})).count("[U+") == 2
    text = html.unescape(re.sub(r"<[^>]+>", "|", out))
    cells = [c for c in text.split("|") if c]
    for expected in ("<b>north</b>", "12,345", "12.3", "–", "40.0%", "12.5%", "0.00012",
                     "yes", "no", "a; b", "Promoter share", "NPS", "P adjusted"):
        assert expected in cells, expected
    assert "<b>" not in out  # escaped
    for word in ("NaN", "nan", "None", "True", "False", "["):
        assert word not in text, word
    long = next(c for c in cells if c.startswith("word"))
    assert long.endswith(" …") and len(long) <= 202 and "wor …" not in long
    assert "<th" in out and ">0<" not in out  # no row numbers
    indexed = readable_table(frame.set_index("segment"))
    assert "Segment" in indexed  # a meaningful index becomes a column


def test_readable_table_keeps_label_rows():
    """An unnamed index of labels (value_of_moving's "passive -> promoter") names its rows and
    is shown; unnamed integer positions left by a filter are not."""
    import pandas as pd

    from nps_toolkit.markup import readable_table

    labelled = pd.DataFrame({"total": [1.0, 2.0]},
                            index=["passive -> promoter", "detractor -> passive"])
    assert "passive -&gt; promoter" in readable_table(labelled)
    filtered = pd.DataFrame({"total": [1.0, 2.0]}, index=[5, 9])
    out = readable_table(filtered)
    assert ">5<" not in out and ">9<" not in out


def test_skipped_lists_only_what_is_missing(monkeypatch):
    """In the report a skipped part leaves a marker naming what it needs; given a mapping of
    each need to whether the data has it, only the missing ones (a file with dates but no
    customer id needs the id, not a date). Unknown keys are an error."""
    import IPython.display

    from nps_toolkit import markup

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append(obj))
    monkeypatch.setenv(markup.REPORT_ENV, "1")
    markup.skipped("x", needs={"date": True, "customer": False, "value": False})
    markup.skipped("x", needs="date")
    markup.skipped("x", needs={"date": True})  # nothing missing: the keys, never none
    assert [s[markup.SKIPPED_MIME]["needs"] for s in shown] == [
        ["customer", "value"], ["date"], ["date"]]
    with pytest.raises(ValueError, match="unknown key"):
        markup.skipped("x", needs={"colour": False})
