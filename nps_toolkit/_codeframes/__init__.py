"""Codeframe presets: the themes customers write about, per kind of business and language.

Each preset maps a theme to patterns per language (ISO 639-1). A comment is matched only with
the patterns of its own language (``comment_language``), so the French "expedie" (shipped)
does not code the Spanish "expedita" (quick) as delivery; comments of undetermined language
are matched with every language's patterns. Patterns match lower-cased text with accents
stripped (see :func:`nps_toolkit.code_themes`): write them without accents, ``\\b`` anchors a
word start or end. Pick one with ``code_themes(df, codeframe="saas")``; for your own, copy
one with ``copy.deepcopy(nt.CODEFRAMES["retail"])`` and edit the copy (themes such as "overall
impression" are the same objects in every preset, so editing a preset in place changes all).
"""

from __future__ import annotations

from ._common import EASE_OF_USE, FIT_AND_SIZE, OVERALL, SURVEY, Patterns
from .banking import BANKING
from .education import EDUCATION
from .insurance import INSURANCE
from .public import PUBLIC
from .shops import ECOMMERCE, RETAIL
from .software import SAAS
from .telecom import TELECOM
from .travel import TRAVEL
from .utilities import HEALTHCARE, UTILITIES

__all__ = ["BANKING", "CODEFRAMES", "EASE_OF_USE", "ECOMMERCE", "EDUCATION", "FIT_AND_SIZE",
           "HEALTHCARE", "INSURANCE", "OVERALL", "PUBLIC", "RETAIL", "SAAS", "SURVEY", "TELECOM",
           "TRAVEL", "UTILITIES", "Patterns"]

CODEFRAMES: dict[str, dict[str, Patterns]] = {
    "ecommerce": ECOMMERCE, "retail": RETAIL, "saas": SAAS, "banking": BANKING,
    "telecom": TELECOM, "travel": TRAVEL, "insurance": INSURANCE, "utilities": UTILITIES,
    "healthcare": HEALTHCARE, "education": EDUCATION, "public": PUBLIC,
}
