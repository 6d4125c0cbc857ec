"""nps-toolkit: Net Promoter Score analysis with honest uncertainty.

The public API is this flat set of functions; see the README for a tour.
"""

from .actions import DEFAULT_PLAYBOOK, action_list, export_list, promoter_seed_list
from .benchmarks import BenchmarkComparison, benchmarks, compare_to_benchmark
from .datasets import load_sample, sample_path
from .drivers import driver_importance
from .errors import ColumnNotFoundError, InvalidScoreError
from .loading import LoadReport, read_survey
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
from .segments import ValueAnalysis, segments, value_analysis, value_tiers
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

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "DEFAULT_PLAYBOOK",
    "BenchmarkComparison",
    "ColumnNotFoundError",
    "InvalidScoreError",
    "LoadReport",
    "Migration",
    "NPSComparison",
    "NPSResult",
    "ShiftReport",
    "ValueAnalysis",
    "action_list",
    "assign_waves",
    "benchmarks",
    "classify",
    "combine_scores",
    "compare",
    "compare_paired",
    "compare_to_benchmark",
    "detect_shifts",
    "driver_importance",
    "due_for_resurvey",
    "export_list",
    "from_counts",
    "load_sample",
    "migration",
    "promoter_seed_list",
    "read_survey",
    "sample_path",
    "sample_size",
    "score",
    "segments",
    "summarize",
    "trend",
    "trend_by_value",
    "value_analysis",
    "value_tiers",
]
