"""nps-toolkit: Net Promoter Score analysis with honest uncertainty.

The public API is this flat set of functions; see the README for a tour.
"""

from .errors import ColumnNotFoundError, InvalidScoreError
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
    "NPSComparison",
    "NPSResult",
    "classify",
    "combine_scores",
    "compare",
    "compare_paired",
    "from_counts",
    "sample_size",
    "score",
    "summarize",
]
