"""Scoring: classification, NPS with an interval, comparisons, grouped summaries, sample sizes.

Conventions used throughout the package:

* A score is a whole number from 0 to 10. Promoters answer 9-10, passives 7-8, detractors 0-6.
* NPS is in points, ``100 * (share of promoters - share of detractors)``, from -100 to 100.
* Shares are fractions from 0 to 1. Missing scores are excluded and counted, never scored.
* ``nps`` is always the observed NPS; ``method`` only decides the interval.

One module per concern: reading and classifying scores (``_input``), the result of one NPS
(``_results``), one NPS (``_single``), comparisons (``_compare``), several questions
(``_combine``), grouped summaries (``_grouped``) and planning (``_planning``).
"""

from __future__ import annotations

from ._combine import combine_scores
from ._compare import NPSComparison, compare, compare_paired
from ._grouped import intervals_from_counts as intervals_from_counts  # for the package
from ._grouped import summarize
from ._input import CATEGORIES, classify
from ._planning import sample_size
from ._results import NPSResult
from ._results import _result as _result  # for the package
from ._single import from_counts, score

__all__ = [
    "CATEGORIES",
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
