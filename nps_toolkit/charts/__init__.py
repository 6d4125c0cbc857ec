"""Altair charts of every nps-toolkit result.

Each function takes the tidy table the matching analysis function returns (``summarize``,
``segments``, ``trend``, ``migration``, ``theme_impact``, ...) or the raw responses, which it
aggregates first in their own engine, so a chart of ten million responses holds a few dozen
rows. Each returns an Altair chart the caller can keep composing (``.properties``, ``|``,
``&``). Detractor / passive / promoter always get the same colour-blind-safe colours.

Offline drawing: call :func:`setup` once per notebook (``"static"`` SVG by default, or
``"interactive"``); :func:`save` writes SVG, PNG, PDF or offline HTML.

Examples
--------
>>> from nps_toolkit import charts, load_sample
>>> chart = charts.distribution(load_sample()) | charts.categories(load_sample(), by="channel")
>>> type(chart).__name__
'HConcatChart'
"""

from ._base import THEME, data_of, save, setup
from .funnel import funnel
from .growth import growth
from .scores import benchmark, categories, distribution, drivers, score_card, segments, value_tiers
from .text import text_drivers, theme_impact
from .time import migration, trend

__all__ = [
    "THEME",
    "benchmark",
    "categories",
    "data_of",
    "distribution",
    "drivers",
    "funnel",
    "growth",
    "migration",
    "save",
    "score_card",
    "segments",
    "setup",
    "text_drivers",
    "theme_impact",
    "trend",
    "value_tiers",
]
