"""nps-toolkit: Net Promoter Score analysis with honest uncertainty.

The public API is this flat set of functions; see the README for a tour.
"""

from .actions import DEFAULT_PLAYBOOK, action_list, export_list, promoter_seed_list
from .benchmarking import BenchmarkComparison, benchmarks, compare_to_benchmark
from .datasets import load_sample, sample_path
from .drivers import driver_importance
from .errors import ColumnNotFoundError, InvalidScoreError
from .growth import GrowthLink, growth_link, value_of_moving
from .i18n import LANGUAGES, get_language, set_language
from .loading import (
    ExportProfile,
    LoadReport,
    join_customers,
    profile_export,
    read_customers,
    read_orders,
    read_survey,
    scan,
)
from .scoring import (
    CATEGORIES,
    NPSComparison,
    NPSResult,
    classify,
    combine_scores,
    compare,
    compare_paired,
    from_counts,
    sample_size,
    score,
    summarize,
)
from .segmentation import (
    ValueAnalysis,
    funnel,
    league_table,
    segments,
    segments_across,
    value_analysis,
    value_tiers,
)
from .text import (
    CODEFRAMES,
    DEFAULT_CODEFRAME,
    DiscoveredThemes,
    TextAnalysis,
    analyze_comments,
    choose_codeframe,
    code_themes,
    comment_sentiment,
    detect_language,
    discover_themes,
    filter_comments,
    mismatch_flags,
    prepare_comments,
    quotes,
    redact_pii,
    sentiment,
    suggest_codeframe,
    text_drivers,
    theme_impact,
    theme_trends,
)
from .trends import (
    Migration,
    ShiftReport,
    assign_waves,
    detect_shifts,
    due_for_resurvey,
    migration,
    trend,
    trend_by_value,
)
from .weights import ResponseBias, rake, response_bias
from .widgets import comment_explorer

__version__ = "0.1.0"

# presentation layers load on first use, so `import nps_toolkit` does not pull in altair,
# ipywidgets or anywidget: nps_toolkit.charts, nps_toolkit.widgets, nps_toolkit.Dashboard
_LAZY = {"charts": ("nps_toolkit.charts", None), "widgets": ("nps_toolkit.widgets", None),
         "templates": ("nps_toolkit.templates", None),
         "Dashboard": ("nps_toolkit.widgets", "Dashboard")}


def load_ipython_extension(ipython) -> None:
    """``%load_ext nps_toolkit``: the ``%nps_template`` and ``%nps`` magics."""
    from .magics import load_ipython_extension as load

    load(ipython)


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        mod = import_module(module)
        return mod if attr is None else getattr(mod, attr)
    raise AttributeError(f"module 'nps_toolkit' has no attribute {name!r}")

__all__ = [
    "CATEGORIES",
    "CODEFRAMES",
    "DEFAULT_CODEFRAME",
    "DEFAULT_PLAYBOOK",
    "LANGUAGES",
    "BenchmarkComparison",
    "ColumnNotFoundError",
    "Dashboard",
    "DiscoveredThemes",
    "ExportProfile",
    "GrowthLink",
    "InvalidScoreError",
    "LoadReport",
    "Migration",
    "NPSComparison",
    "NPSResult",
    "ResponseBias",
    "ShiftReport",
    "TextAnalysis",
    "ValueAnalysis",
    "action_list",
    "analyze_comments",
    "assign_waves",
    "benchmarks",
    "choose_codeframe",
    "classify",
    "code_themes",
    "combine_scores",
    "comment_explorer",
    "comment_sentiment",
    "compare",
    "compare_paired",
    "compare_to_benchmark",
    "detect_language",
    "detect_shifts",
    "discover_themes",
    "driver_importance",
    "due_for_resurvey",
    "export_list",
    "filter_comments",
    "from_counts",
    "funnel",
    "get_language",
    "growth_link",
    "join_customers",
    "league_table",
    "load_sample",
    "migration",
    "mismatch_flags",
    "prepare_comments",
    "profile_export",
    "promoter_seed_list",
    "quotes",
    "rake",
    "read_customers",
    "read_orders",
    "read_survey",
    "redact_pii",
    "response_bias",
    "sample_path",
    "sample_size",
    "scan",
    "score",
    "segments",
    "segments_across",
    "sentiment",
    "set_language",
    "suggest_codeframe",
    "summarize",
    "text_drivers",
    "theme_impact",
    "theme_trends",
    "trend",
    "trend_by_value",
    "value_analysis",
    "value_of_moving",
    "value_tiers",
]
