"""Trend review: NPS per period or survey wave, which changes are real, and customer migration.

Customers are re-surveyed every 60-90 days; analysts watch the shares of promoters, passives
and detractors over time, per segment and for their largest customers. Everything here returns
tidy tables with intervals and plain-words flags.
"""

from .._frames.periods import parse_dates
from .shifts import ShiftReport, detect_shifts, trend_by_value
from .trend import trend
from .waves import Migration, assign_waves, due_for_resurvey, migration

__all__ = ["Migration", "ShiftReport", "assign_waves", "detect_shifts", "due_for_resurvey",
           "migration", "parse_dates", "trend", "trend_by_value"]
