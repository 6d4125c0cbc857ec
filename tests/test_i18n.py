"""The report and the notebooks in the reader's language (issue 30): complete catalogs with
the same placeholders, numbers and dates per locale, stable codes beside translated words,
and the sample report rendered in French and Korean with no English sentence left."""

from __future__ import annotations

import json
import re
import string
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from babel.messages.pofile import read_po

import nps_toolkit as nt
from nps_toolkit import i18n
from nps_toolkit.i18n import LANGUAGES, fmt, gettext, language, ntr, tr

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "nps_toolkit" / "locale"
OTHER = [code for code in LANGUAGES if code != "en"]


def _fields(text: str) -> set[tuple[str, str, str | None]]:
    return {(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text)
            if name is not None}


def _words(msgid: str) -> bool:
    """Whether a message has words of its own (not only placeholders)."""
    return bool(re.search(r"[A-Za-z]{2}", re.sub(r"\{[^}]*\}", "", msgid)))


def _catalog(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "nps_toolkit.po").open("rb") as fh:
        return read_po(fh, locale=i18n._LOCALES[lang])


@pytest.mark.parametrize("lang", OTHER)
def test_every_message_is_translated_with_the_same_placeholders(lang):
    template = read_po((LOCALE / "nps_toolkit.pot").open("rb"))
    ids = {m.id for m in template if m.id}
    catalog = _catalog(lang)
    assert {m.id for m in catalog if m.id} == ids, "run scripts/update_catalogs.py"
    missing, wrong, fuzzy = [], [], []
    for m in catalog:
        if not m.id or not _words(m.id if isinstance(m.id, str) else m.id[0]):
            continue
        if m.fuzzy:
            fuzzy.append(m.id)
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        english = m.id[1] if isinstance(m.id, tuple) else m.id
        if not all(forms):
            missing.append(m.id)
        elif any(_fields(f) != _fields(english) for f in forms):
            wrong.append(m.id)
    assert missing == [] and wrong == [] and fuzzy == [], (missing[:5], wrong[:5], fuzzy[:5])


def test_the_catalog_holds_every_message_of_the_sources(tmp_path):
    """The committed template is what pybabel extracts from the library and the notebooks
    now (a message added without running scripts/update_catalogs.py fails here)."""
    from nps_toolkit._i18n_extract import KEYWORDS

    keywords = [a for name, spec in KEYWORDS.items()
                for a in ("-k", name if spec is None else f"{name}:{spec[0]},{spec[1]}")]
    out = tmp_path / "now.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "babel.cfg", "--no-default-keywords", *keywords, "-o", str(out), "."],
                   cwd=ROOT, check=True, capture_output=True,
                   env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    now = {m.id for m in read_po(out.open("rb")) if m.id}
    committed = {m.id for m in read_po((LOCALE / "nps_toolkit.pot").open("rb")) if m.id}
    assert now == committed, (sorted(map(str, now - committed))[:5],
                              sorted(map(str, committed - now))[:5])


def test_plural_forms_follow_each_language():
    assert [_catalog(lang).num_plurals for lang in ("ru", "hr", "ko", "zh")] == [3, 3, 1, 1]
    with language("ru"):
        assert [ntr("{n} day", "{n} days", n) for n in (1, 3, 5, 21)] == [
            "1 день", "3 дня", "5 дней", "21 день"]
    with language("hr"):
        assert [ntr("{n} day", "{n} days", n) for n in (1, 2, 11)] == [
            "1 dan", "2 dana", "11 dana"]
    assert ntr("{n} day", "{n} days", 1) == "1 day"


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", ["27,1", "5\u202f036", "27,1\xa0%", "+16,5", "T1 2026", "a, b et c"]),
    ("de", ["27,1", "5.036", "27,1\xa0%", "+16,5", "Q1 2026", "a, b und c"]),
    ("es", ["27,1", "5.036", "27,1\xa0%", "+16,5", "T1 2026", "a, b y c"]),
    ("ru", ["27,1", "5\xa0036", "27,1\xa0%", "+16,5", "1-й кв. 2026\u202fг.", "a, b и c"]),
    ("hr", ["27,1", "5.036", "27,1\xa0%", "+16,5", "1kv 2026.", "a, b i c"]),
    ("ko", ["27.1", "5,036", "27.1%", "+16.5", "2026년 1분기", "a, b 및 c"]),
    ("zh", ["27.1", "5,036", "27.1%", "+16.5", "2026年第1季度", "a、b和c"]),
])
def test_numbers_dates_and_lists_follow_the_locale(lang, expected):
    """CLDR's symbols (Babel): decimal comma and the right grouping in fr/es/de/ru/hr,
    percent spacing, quarter names."""
    with language(lang):
        got = [fmt(27.14, ".1f"), fmt(5036, ","), fmt(0.2714, ".1%"), fmt(16.5, "+.1f"),
               fmt("2026Q1"), i18n.join(["a", "b", "c"])]
    assert got == expected


def test_every_language_shows_the_digits_english_shows():
    """Only the symbols change with the language, never a digit: 53.415 (stored as
    53.41499...) is 53.41 in English and 53,41 in French, not 53,42 (a decimal rounding of
    the float's shortest repr, which Babel's own formatter does, would differ)."""
    import numpy as np

    rng = np.random.default_rng(0)
    values = [53.415, 0.125, 2.675, -0.05, 1e-9, *rng.normal(0, 3e4, 300),
              *rng.uniform(-1, 1, 300)]
    for lang in OTHER:
        with language(lang):
            for value in values:
                for spec in (".1f", ",.2f", "+.1f", ".0%", ".1%", ",.0f", ".2g"):
                    shown, english = fmt(value, spec), format(value, spec)
                    assert re.sub(r"\D", "", shown) == re.sub(r"\D", "", english), (
                        lang, value, spec, shown, english)


def test_english_formats_exactly_as_python():
    values = [27.14, -3.0, 0.2714, 5036, 1234567.891, 2.6e-10, float("nan"), "2026Q1"]
    specs = ["", ".1f", "+.1f", ",", ",.2f", ".0%", ".1%", ".2g", ".0e"]
    for value in values:
        for spec in specs:
            try:
                want = format(value, spec)
            except ValueError:
                continue
            assert fmt(value, spec) == want, (value, spec)
    assert tr("NPS {nps:.1f} from {n:,} responses", nps=27.14, n=5036) == \
        "NPS 27.1 from 5,036 responses"


def test_set_language_refuses_unknown_languages_by_name():
    with pytest.raises(ValueError, match=r"'xx' is not a supported language.*fr"):
        nt.set_language("xx")
    with language("fr-CA"):
        assert nt.get_language() == "fr"
    assert nt.get_language() == "en"


def test_verdict_code_stays_while_the_verdict_is_translated():
    df = nt.load_sample()
    english = nt.segments(df, by="touchpoint")
    with language("fr"):
        french = nt.segments(df, by="touchpoint")
        chart = nt.charts.data_of(nt.charts.segments(french))
    assert french["verdict_code"].tolist() == english["verdict_code"].tolist()
    assert set(english["verdict_code"]) <= {"above", "below", "not_different", "too_few",
                                            "not_compared", "no_responses", "no_rest"}
    assert "significativement en dessous du reste" in set(french["verdict"])
    assert not set(french["verdict"]) & set(english["verdict"])
    # the chart colours by the code, whatever the words
    english_chart = nt.charts.data_of(nt.charts.segments(english))
    assert chart["verdict_kind"].tolist() == english_chart["verdict_kind"].tolist()


def test_library_sentences_follow_the_language():
    df = nt.load_sample()
    with language("de"):
        va = nt.value_analysis(df, value="customer_lifetime_value", customer="customer_id",
                               date="date")
        cmp_ = nt.compare_to_benchmark(df, benchmark="retail")
        report = str(nt.read_survey(nt.sample_path())[1])
    assert va.answer.startswith("Nein: ") and "Punkte" in cmp_.sentence
    assert va.headline in va.answer and cmp_.headline in cmp_.sentence
    assert "Gelesene Zeilen: 5.036; behalten: 5.036" in report
    # the English result keeps its words
    assert nt.value_analysis(df, value="customer_lifetime_value").answer.startswith("No: ")


def test_every_preset_theme_has_a_catalog_name():
    from nps_toolkit.text.names import THEME_NAMES, theme_label

    presets = {theme for frame in nt.CODEFRAMES.values() for theme in frame}
    assert presets == THEME_NAMES
    with language("ko"):
        assert theme_label("delivery") == "배송"
        assert theme_label("my own theme") == "my own theme"  # a user's theme is data


def _markdown_cells(name: str) -> list[str]:
    from nps_toolkit.report import template_path

    nb = nbformat.read(str(template_path(name)), as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"
            and "report-skip" not in c.metadata.get("tags", [])]


@pytest.mark.parametrize("lang", OTHER)
def test_translated_cells_keep_their_headings_and_the_first_screen_finds_them(lang):
    """A translated Markdown cell keeps its heading level and number (the report numbers,
    folds and links sections by them), and the first screen's links find their sections
    by the translated short names."""
    from nps_toolkit.report import TEMPLATES
    from nps_toolkit.report.page import _SECTIONS, _section_name

    names = {}
    with language(lang):
        for i, file in enumerate(TEMPLATES, 1):
            for source in _markdown_cells(file):
                shown = gettext(source)
                head = re.match(r"#+ (\d+\. )?", source)
                if head:
                    assert shown.startswith(head.group(0)), (lang, shown[:60])
                number = re.match(r"## (\d+)\. ", source)
                if number:
                    names[(f"s{i}", int(number.group(1)))] = _section_name(shown)
        for key, short in _SECTIONS.items():
            assert names[key] == gettext(short), (lang, key, names[key], gettext(short))


@pytest.mark.parametrize("lang", OTHER)
def test_section_references_are_renumbered_in_every_language(lang):
    from nps_toolkit.report.page import _REFERENCE

    referring = [m for m in read_po((LOCALE / "nps_toolkit.pot").open("rb"))
                 if isinstance(m.id, str) and re.search(r"\bsection \d", m.id)]
    assert len(referring) >= 4
    with language(lang):
        for m in referring:
            numbers = re.findall(r"\bsection (\d)", m.id)
            found = [g for _, g in _REFERENCE.findall(gettext(m.id))]
            assert found == numbers, (lang, gettext(m.id))


def _english_fragments() -> list[str]:
    """Runs of four or more words from every English message (placeholders and Markdown
    cut out): none may be left on a page the reader asked for in another language."""
    out = set()
    for m in read_po((LOCALE / "nps_toolkit.pot").open("rb")):
        if not m.id:
            continue
        for text in (m.id if isinstance(m.id, tuple) else (m.id,)):
            text = re.sub(r"\{[^}]*\}|[*_`#\[\]]", "|", text)
            for piece in re.split(r"[|\n:;()\"“”]|(?<=[.?!]) ", text):
                piece = " ".join(piece.split()).strip(" ,.-")
                if len(re.findall(r"[A-Za-z]+", piece)) >= 4:
                    out.add(piece)
    return sorted(out)


def _page_words(path: Path) -> str:
    """The page's text without a browser: tags dropped, folded tables and alt texts kept,
    each chart's own texts (titles, axes, legends) decoded from its SVG."""
    import base64
    import html as html_lib

    page = path.read_text(encoding="utf-8")
    charts = []
    for data in re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page):
        svg = base64.b64decode(data).decode("utf-8", "replace")
        charts += re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    alts = re.findall(r'alt="([^"]*)"', page)
    body = re.sub(r"<style.*?</style>|src=\"data:[^\"]*\"", "", page, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html_lib.unescape(" ".join([body, *alts, *charts])).split())


@pytest.fixture(scope="module")
def other_reports(tmp_path_factory):
    from nps_toolkit.report import build_report

    folder = tmp_path_factory.mktemp("i18n-other")
    return {lang: build_report(output=folder / f"sample-{lang}.html", lang=lang,
                               progress=False).path for lang in ("de", "es", "ru", "zh", "hr")}


@pytest.mark.parametrize("lang", ["de", "es", "ru", "zh", "hr"])
def test_the_report_in_every_other_language_reads_back_translated(other_reports, lang):
    """Read back in the rendered page, not only in the catalog: prose, folded tables, chart
    titles, axes, legends and alt texts."""
    words = _page_words(other_reports[lang])
    left = [f for f in _english_fragments() if f in words]
    assert left == [], left[:10]
    for code, label in (("de", "Promotoren (9-10)"), ("es", "Promotores (9-10)"),
                        ("ru", "Промоутеры (9-10)"), ("zh", "推荐者（9-10）"),
                        ("hr", "Promotori (9-10)")):
        if code == lang:
            assert label in words  # a chart legend, drawn in the SVG
    assert f"lang='{lang}'" in other_reports[lang].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def translated_reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("i18n")
    from nps_toolkit.report import build_report

    return {lang: build_report(output=folder / f"sample-{lang}.html", lang=lang,
                                  progress=False).path for lang in ("fr", "ko")}


def _page_text(path: Path, screenshot: Path) -> tuple[str, str, dict]:
    import contextlib

    from test_report import _offline_page

    with contextlib.ExitStack() as stack:
        page = stack.enter_context(_offline_page())
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        # what the reader sees, the folded tables opened, and the charts' alt texts
        text = page.inner_text("body") + " " + " ".join(page.evaluate(
            "Array.from(document.images).map(i => i.alt)"))
        headline = page.locator("#headline").inner_text()
        page.screenshot(path=str(screenshot))
        box = page.evaluate("""() => { const r = document.querySelector('#headline')
            .getBoundingClientRect(); return {bottom: r.bottom, width:
            document.documentElement.scrollWidth, lang: document.documentElement.lang}; }""")
    return text, headline, box


@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_the_report_in_french_and_korean_has_no_english_sentence(translated_reports, lang):
    from test_report import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    text, headline, box = _page_text(translated_reports[lang],
                                     ARTIFACTS / f"report-first-screen-{lang}.png")
    flat = " ".join(text.split())
    left = [f for f in _english_fragments() if f in flat]
    assert left == [], left[:10]
    assert box["lang"] == lang and box["width"] <= 1280 and box["bottom"] <= 900
    nps = nt.score(nt.load_sample()["score"])
    if lang == "fr":  # a decimal comma, a narrow no-break space between thousands
        assert headline.startswith(f"NPS {nps.nps:.1f}".replace(".", ","))
        assert "5\u202f036 réponses" in headline and "T2 2026" in headline
        for term in ("promoteurs", "passifs", "détracteurs"):
            assert term in flat
    else:
        assert headline.startswith(f"NPS {nps.nps:.1f} (95% 신뢰구간")
        assert "응답 5,036개" in headline and "2026년 2분기" in headline
        for term in ("추천자", "중립자", "비추천자"):
            assert term in flat
    # the sentences computed in the notebooks are translated too, with the data as is
    page = translated_reports[lang].read_text(encoding="utf-8")
    assert "customer_lifetime_value" in page  # a column name is the user's, not translated


def test_report_language_in_config_and_cli(tmp_path):
    from nps_toolkit.report import resolve_config

    df = nt.load_sample()
    with pytest.raises(ValueError, match="'klingon' is not a supported language"):
        resolve_config(df, {"lang": "klingon"})
    _, merged = resolve_config(df, {"lang": "hr"})
    assert merged["lang"] == "hr"
    from nps_toolkit.report.config import _notebook_parameters

    assert _notebook_parameters(merged)["lang"] == "hr"
    out = subprocess.run([sys.executable, "-m", "nps_toolkit", "report", "--lang", "de",
                          "--print-config"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert 'lang = "de"' in out.stdout


def test_the_report_suggests_the_language_of_the_comments():
    from nps_toolkit.i18n import suggest_language
    from nps_toolkit.report import _language_hint

    df = pd.DataFrame({"score": [9, 3, 10, 8] * 20,
                       "comment": ["Livraison rapide, très contente du produit",
                                   "Le colis est arrivé cassé, service client absent",
                                   "Produit conforme, je recommande vivement",
                                   "Bien mais un peu cher pour la qualité"] * 20})
    hint = _language_hint(df, "en", LANGUAGES, suggest_language)
    assert hint and "--lang fr" in hint[0] and "French" in hint[0]
    assert _language_hint(df, "fr", LANGUAGES, suggest_language) == []
    assert suggest_language(["en"] * 6 + ["fr"] * 4) is None


def test_gettext_catalogs_ship_in_the_wheel_sources():
    """The .po files are package data (read at run time with Babel's reader)."""
    files = sorted(p.relative_to(LOCALE).as_posix() for p in LOCALE.rglob("*.po"))
    assert files == [f"{code}/LC_MESSAGES/nps_toolkit.po" for code in sorted(OTHER)]
    assert json.loads(json.dumps(LANGUAGES))["ko"] == "한국어"


def test_a_template_copied_in_a_language_reads_in_it(tmp_path):
    """templates.copy(..., lang=) translates every Markdown cell and the folded tables'
    titles and sets the lang parameter, so the copy computes in that language too."""
    from nps_toolkit._registry import TemplateError

    english = nbformat.read(str(nt.templates.copy("calculation", tmp_path)), as_version=4)
    path = nt.templates.copy("calculation", tmp_path, lang="ko")
    korean = nbformat.read(str(path), as_version=4)
    pairs = [(e.source, k.source) for e, k in zip(english.cells, korean.cells, strict=True)
             if e.cell_type == "markdown"]
    assert pairs and all(e != k for e, k in pairs)
    assert all(re.search("[가-힣]", k) for _, k in pairs)
    params = next(c for c in korean.cells if "parameters" in c.metadata.get("tags", []))
    assert "lang: str = 'ko'" in params.source
    summaries = [c.metadata["summary"] for c in korean.cells if "summary" in c.metadata]
    assert summaries and all(re.search("[가-힣]", s) for s in summaries)
    with pytest.raises(TemplateError, match="'tlh' is not a supported language"):
        nt.templates.copy("calculation", tmp_path, lang="tlh")


def test_placeholders_are_named_so_translators_can_reorder_them():
    unnamed = []
    for m in read_po((LOCALE / "nps_toolkit.pot").open("rb")):
        for text in (m.id if isinstance(m.id, tuple) else (m.id,)):
            if any(name == "" or name.isdigit() for name, _, _ in _fields(text or "")):
                unnamed.append(text)
    assert unnamed == []


@pytest.mark.parametrize(("value", "expected"), [("fr_FR", "fr"), ("ko-KR", "ko"),
                                                 ("zh", "zh"), ("xx", "en"), ("", "en")])
def test_the_language_can_come_from_the_environment(value, expected):
    """NPS_TOOLKIT_LANG sets the language a process starts in (a region is ignored, an
    unsupported value is English rather than an error at import)."""
    code = ("import os, sys; os.environ['NPS_TOOLKIT_LANG'] = sys.argv[1]; "
            "import nps_toolkit as nt; print(nt.get_language())")
    out = subprocess.run([sys.executable, "-c", code, value], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == expected
