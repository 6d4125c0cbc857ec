"""The one palette for detractor / passive / promoter, shared by charts, widgets and reports.

Colour-blind safe: vermillion and blue from Okabe & Ito's palette ("Color Universal Design",
2008) with a neutral grey between them, so no red-green contrast carries meaning. Kept free of
imports so the widgets and the report can use it without loading altair.
"""

from __future__ import annotations

from .i18n import N_

__all__ = ["CATEGORY_COLOURS", "CATEGORY_LABELS", "SEGMENT_COLOURS", "VERDICT_COLOURS"]

CATEGORY_COLOURS: dict[str, str] = {
    "detractor": "#D55E00",  # Okabe-Ito vermillion
    "passive": "#9E9E9E",    # neutral grey
    "promoter": "#0072B2",   # Okabe-Ito blue
}
CATEGORY_LABELS: dict[str, str] = {
    "detractor": N_("Detractors (0-6)"), "passive": N_("Passives (7-8)"),
    "promoter": N_("Promoters (9-10)"),
}
#: the verdict colours' legend labels (``segments``' verdict_code: above, below, the rest)
VERDICT_LABELS: dict[str, str] = {
    "above": N_("significantly above the rest"), "below": N_("significantly below the rest"),
    "not different": N_("not significantly different from the rest"),
}
# segments' verdicts reuse the category colours: above the rest = promoter blue, ...
VERDICT_COLOURS: dict[str, str] = {
    "above": CATEGORY_COLOURS["promoter"],
    "below": CATEGORY_COLOURS["detractor"],
    "not different": "#6E6E6E",
}

# lines of segments (regions, channels, "Everyone else"): never a category colour, so a
# region's line is not read as "the detractors", and twelve before one repeats. Okabe-Ito's
# other colours first, then darker and muted ones kept apart from vermillion, grey and blue.
SEGMENT_COLOURS: tuple[str, ...] = (
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#222222",  # near black
    "#8C6D31",  # brown
    "#6A3D9A",  # dark purple
    "#B8A000",  # dark yellow
    "#1B7837",  # dark green
    "#E7298A",  # magenta
    "#66A61E",  # olive green
    "#A6761D",  # ochre
)
