"""Follow-up comment analysis: what promoters love, what detractors hate, in many languages.

Everything runs offline: regular expressions (RE2 on Arrow strings), word lists shipped with
the package (:mod:`nps_toolkit._lexicons`, and ``stopwordsiso`` for stop words) and
scikit-learn. Nothing downloads a model.

The usual flow is :func:`analyze_comments`, which prepares the comments and returns themes,
their impact, the words that separate promoters from detractors, sentiment and quotes. Each
step is also a function of its own.
"""

from .._codeframes import CODEFRAMES
from ._common import _ARROW, DEFAULT_CODEFRAME, MAX_CHARS, _fold  # noqa: F401
from .analysis import TextAnalysis, analyze_comments, filter_comments, theme_trends
from .discover import DiscoveredThemes, discover_themes, suggest_codeframe
from .model import comment_sentiment, mismatch_flags
from .names import theme_label
from .prepare import LANGUAGES, detect_language, prepare_comments, redact_pii
from .terms import stop_words, tokenize
from .themes import choose_codeframe, code_themes, theme_impact
from .words import _log_odds, quotes, sentiment, text_drivers  # noqa: F401

__all__ = [
    "CODEFRAMES",
    "DEFAULT_CODEFRAME",
    "LANGUAGES",
    "DiscoveredThemes",
    "TextAnalysis",
    "analyze_comments",
    "choose_codeframe",
    "code_themes",
    "comment_sentiment",
    "detect_language",
    "discover_themes",
    "filter_comments",
    "mismatch_flags",
    "prepare_comments",
    "quotes",
    "redact_pii",
    "sentiment",
    "stop_words",
    "suggest_codeframe",
    "text_drivers",
    "theme_impact",
    "theme_label",
    "theme_trends",
    "tokenize",
]
