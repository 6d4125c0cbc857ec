"""The one palette for detractor / passive / promoter, shared by charts, widgets and reports.

Colour-blind safe: vermillion and blue from Okabe & Ito's palette ("Color Universal Design",
2008) with a neutral grey between them, so no red-green contrast carries meaning. Kept free of
imports so the widgets and the report can use it without loading altair.
"""

from __future__ import annotations

__all__ = ["CATEGORY_COLOURS", "CATEGORY_LABELS", "VERDICT_COLOURS"]

CATEGORY_COLOURS: dict[str, str] = {
    "detractor": "#D55E00",  # Okabe-Ito vermillion
    "passive": "#9E9E9E",    # neutral grey
    "promoter": "#0072B2",   # Okabe-Ito blue
}
CATEGORY_LABELS: dict[str, str] = {
    "detractor": "Detractors (0-6)", "passive": "Passives (7-8)", "promoter": "Promoters (9-10)",
}
# segments' verdicts reuse the category colours: above the rest = promoter blue, ...
VERDICT_COLOURS: dict[str, str] = {
    "above": CATEGORY_COLOURS["promoter"],
    "below": CATEGORY_COLOURS["detractor"],
    "not different": "#6E6E6E",
}
