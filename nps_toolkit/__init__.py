"""nps-toolkit: Net Promoter Score analysis with honest uncertainty.

The public API is this flat set of functions; see the README for a tour.
"""

from .datasets import load_sample, sample_path
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

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "ColumnNotFoundError",
    "InvalidScoreError",
    "LoadReport",
    "NPSComparison",
    "NPSResult",
    "classify",
    "combine_scores",
    "compare",
    "compare_paired",
    "from_counts",
    "load_sample",
    "read_survey",
    "sample_path",
    "sample_size",
    "score",
    "summarize",
]
