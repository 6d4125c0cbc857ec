"""Segmentation: where is the NPS good or bad, and is the difference real?

``segments`` (:mod:`.groups`) compares each group with the rest of the respondents, with
intervals, adjusted p-values and a verdict in plain words; ``value_tiers`` and
``value_analysis`` (:mod:`.value`) answer "are our biggest customers our biggest promoters?",
on pandas rows or inside a lazy source's engine (:mod:`._engine`).
"""

from .funnel import funnel, league_table
from .groups import Adjust, segments, segments_across
from .value import ValueAnalysis, value_analysis, value_tiers

__all__ = ["Adjust", "ValueAnalysis", "funnel", "league_table", "segments", "segments_across",
           "value_analysis", "value_tiers"]
