"""The toolkit in the reader's language: messages from gettext catalogs, numbers, percentages,
dates, periods and lists per locale.

Messages are English source strings with *named* placeholders (``"NPS {nps:.1f} from {n:,}
responses"``) looked up in the gettext catalog of the current language
(``nps_toolkit/locale/<lang>/LC_MESSAGES/nps_toolkit.po``, extracted with ``pybabel``, see
``scripts/update_catalogs.py``). The ``.po`` files are read with Babel's pure-Python reader and
compiled in memory to a standard :class:`gettext.GNUTranslations`, so plural forms follow each
catalog's ``Plural-Forms`` header (Russian and Croatian have three). Values put into a message
are formatted for the locale with Babel (CLDR data): ``{x:.1f}`` is ``27,1`` in French and
German, ``{n:,}`` is ``5 036`` in French (narrow no-break space), ``5.036`` in German,
``{s:.1%}`` is ``27,1 %`` in French, a quarter is ``T2 2026`` in French and ``2026년 2분기`` in
Korean. In English every value is formatted exactly as Python's :func:`format` does, so
English output does not depend on Babel.

The language is process-wide (the notebooks and the report run one language per kernel):
:func:`set_language`, or the ``NPS_TOOLKIT_LANG`` environment variable at import. Library
results keep stable English codes beside translated text (``verdict_code`` next to
``verdict``), so code written against the API does not change with the language.

Only the standard library is imported at module load; Babel is imported on the first
non-English message.
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
import string
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "LANGUAGES",
    "N_",
    "fmt",
    "get_language",
    "gettext",
    "join",
    "language",
    "ntr",
    "set_language",
    "suggest_language",
    "tr",
]

#: the languages the report and the notebooks speak: code -> name in that language
LANGUAGES: dict[str, str] = {"en": "English", "fr": "français", "es": "español",
                             "de": "Deutsch", "ru": "русский", "ko": "한국어",
                             "zh": "中文（简体）", "hr": "hrvatski"}
#: the CLDR locale behind each language (Chinese is simplified, as written in mainland China)
_LOCALES = {"en": "en", "fr": "fr_FR", "es": "es_ES", "de": "de_DE", "ru": "ru_RU",
            "ko": "ko_KR", "zh": "zh_Hans_CN", "hr": "hr_HR"}
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "nps_toolkit"
ENV = "NPS_TOOLKIT_LANG"


def _check(lang: str | None) -> str:
    code = (lang or "en").strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise ValueError(f"lang: {lang!r} is not a supported language; use one of "
                         f"{', '.join(LANGUAGES)} (e.g. lang='fr')")
    return code


def _from_environment() -> str:
    """``NPS_TOOLKIT_LANG`` ("fr", "fr_FR", "fr-CA"...), English when unset or unsupported:
    a process must start whatever the variable holds."""
    try:
        return _check(os.environ.get(ENV))
    except ValueError:
        return "en"


_state = {"lang": _from_environment()}


def set_language(lang: str | None) -> str:
    """Set the language of everything the toolkit says; returns the previous one.

    Parameters
    ----------
    lang : str
        One of :data:`LANGUAGES` (``"en"``, ``"fr"``, ``"es"``, ``"de"``, ``"ru"``, ``"ko"``,
        ``"zh"``, ``"hr"``); a region is ignored (``"fr-CA"`` is French). None is English.

    Examples
    --------
    >>> previous = set_language("fr")
    >>> tr("significantly below the rest")
    'significativement en dessous du reste'
    >>> _ = set_language(previous)
    """
    previous = _state["lang"]
    _state["lang"] = _check(lang)
    return previous


def get_language() -> str:
    """The current language code (``"en"`` unless set).

    >>> with language("ko"):
    ...     get_language()
    'ko'
    """
    return _state["lang"]


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Use ``lang`` inside a ``with`` block only.

    >>> with language("de"):
    ...     fmt(5036, ",")
    '5.036'
    """
    previous = set_language(lang)
    try:
        yield _state["lang"]
    finally:
        _state["lang"] = previous


@cache
def catalog(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang`` (English: the identity)."""
    if lang == "en":
        return _gettext.NullTranslations()
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        po = read_po(handle, locale=_LOCALES[lang], domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, po)  # fuzzy entries are left out: an unchecked translation is not used
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it here (translated where it is
    shown, with :func:`gettext`)."""
    return message


def gettext(message: str) -> str:
    """``message`` in the current language (itself when the catalog lacks it)."""
    lang = _state["lang"]
    return message if lang == "en" or not message else catalog(lang).gettext(message)


# ------------------------------------------------------------------------- formatting
@cache
def _babel_locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(_LOCALES[lang])


def _symbols(lang: str) -> tuple[str, str, str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    loc = _LOCALES[lang]
    return get_decimal_symbol(loc), get_group_symbol(loc), get_minus_sign_symbol(loc)


def _is_number(value: Any) -> bool:
    import numbers

    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def fmt(value: Any, spec: str = "") -> str:
    """``format(value, spec)`` for the current locale.

    Numbers are formatted by Python with ``spec`` (the same digits and rounding in every
    language), then shown with the locale's decimal sign, group separator, minus sign and
    percent spacing (CLDR, through Babel); a pandas ``Period`` or a date becomes the locale's
    quarter, month or date name. Text is left as it is. In English this *is*
    ``format(value, spec)``.

    Examples
    --------
    >>> with language("fr"):
    ...     fmt(27.14, ".1f"), fmt(5036, ","), fmt(0.271, ".1%"), fmt(-3.0, "+.1f")
    ('27,1', '5\\u202f036', '27,1\\xa0%', '-3,0')
    """
    lang = _state["lang"]
    if lang == "en":
        return format(value, spec)
    if _is_number(value):
        return _number(lang, value, spec)
    return _temporal(lang, value, spec)


def _number(lang: str, value: Any, spec: str) -> str:
    """Python formats the number (so every language shows the same digits, rounded the same
    way as in English), then the locale's symbols replace Python's: decimal sign, group
    separator, minus sign and the percent sign with its spacing."""
    text = format(value, spec)
    decimal, group, minus = _symbols(lang)
    table = str.maketrans({".": decimal, ",": group, "-": minus, "%": _percent_suffix(lang)})
    return text.translate(table)


@cache
def _percent_suffix(lang: str) -> str:
    """What follows the digits in the locale's percent pattern ("%", or a no-break space
    and "%" in French, German, Russian...)."""
    pattern = _babel_locale(lang).percent_formats[None].pattern.split(";")[0]
    return pattern[pattern.rindex("0") + 1:] or "%"


def _temporal(lang: str, value: Any, spec: str) -> str:
    import datetime

    if spec:
        return format(value, spec)
    from babel.dates import format_skeleton

    loc = _LOCALES[lang]
    freq = getattr(value, "freqstr", None)
    if freq is not None and hasattr(value, "start_time"):  # a pandas Period
        start = value.start_time.date()
        kind = freq[0]
        skeleton = {"Q": "yQQQ", "M": "yMMM", "Y": "y", "A": "y", "D": "yMMMd"}.get(kind)
        return str(value) if skeleton is None else format_skeleton(skeleton, start, locale=loc)
    if isinstance(value, datetime.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return format_skeleton("yMMMd", value.date(), locale=loc)
        return format_skeleton("yMMMd", value.date(), locale=loc) + value.strftime(" %H:%M")
    if isinstance(value, datetime.date):
        return format_skeleton("yMMMd", value, locale=loc)
    if isinstance(value, str) and _PERIOD_LABEL.match(value):
        return _period_label(lang, value)
    return format(value, spec)


#: the period labels the trend functions write ("2026Q1", "2026-03"): shown per locale
_PERIOD_LABEL = re.compile(r"^(\d{4})(?:Q([1-4])|-(0[1-9]|1[0-2]))$")


def _period_label(lang: str, text: str) -> str:
    import datetime

    from babel.dates import format_skeleton

    year, quarter, month = _PERIOD_LABEL.match(text).groups()
    if quarter:
        start = datetime.date(int(year), 3 * int(quarter) - 2, 1)
        return format_skeleton("yQQQ", start, locale=_LOCALES[lang])
    return format_skeleton("yMMM", datetime.date(int(year), int(month), 1),
                           locale=_LOCALES[lang])


def period_label(value: Any) -> str:
    """A period label ("2026Q1", "2026-03", a pandas Period) in the current language."""
    lang = _state["lang"]
    if lang == "en":
        return str(value)
    if isinstance(value, str):
        return _period_label(lang, value) if _PERIOD_LABEL.match(value) else value
    return _temporal(lang, value, "")


class _LocaleFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        return fmt(value, format_spec)


def tr(message: str, /, **values: Any) -> str:
    """``message`` translated, its named placeholders filled with values formatted for the
    locale (see :func:`fmt`).

    Examples
    --------
    >>> tr("{n:,} responses", n=5036)
    '5,036 responses'
    >>> with language("fr"):
    ...     tr("NPS {nps:.1f}", nps=27.14)
    'NPS 27,1'
    """
    text = gettext(message)
    return _LocaleFormatter().vformat(text, (), values) if values else text


def ntr(singular: str, plural: str, n: int, /, **values: Any) -> str:
    """The singular or plural form for ``n`` (the language's own plural rule: Russian and
    Croatian have three forms), filled like :func:`tr`; ``n`` is also a placeholder.

    >>> ntr("{n:,} customer", "{n:,} customers", 1200)
    '1,200 customers'
    """
    lang = _state["lang"]
    text = ((singular if n == 1 else plural) if lang == "en"
            else catalog(lang).ngettext(singular, plural, int(n)))
    return _LocaleFormatter().vformat(text, (), {"n": n, **values})


def join(items: Iterable[Any], style: str = "standard") -> str:
    """Items as a list in words: "a, b and c" (English as the toolkit writes it), "a, b et c",
    "a、b和c" (Babel's CLDR list patterns)."""
    items = [str(i) for i in items]
    lang = _state["lang"]
    if lang == "en":
        return (", ".join(items[:-1]) + " and " + items[-1]) if len(items) > 1 else \
            "".join(items)
    from babel.lists import format_list

    return format_list(items, style=style, locale=_LOCALES[lang]) if items else ""


def suggest_language(languages: Iterable[str]) -> str | None:
    """The supported language most comments are written in, when more than half are in one
    supported language other than English (``languages``: one code per comment)."""
    import collections

    counts = collections.Counter(str(code).split("-")[0].lower() for code in languages)
    total = sum(counts.values())
    if not total:
        return None
    code, count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return code if code in LANGUAGES and code != "en" and count * 2 > total else None
