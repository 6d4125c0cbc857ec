"""Planning a survey: responses needed for a margin or a difference (:func:`sample_size`)."""

from __future__ import annotations

import math

import numpy as np

from .. import _stats


def sample_size(*, margin: float | None = None, difference: float | None = None,
                promoters: float | None = None, detractors: float | None = None,
                confidence: float = 0.95, power: float = 0.8) -> int:
    """Responses needed for a margin of error, or per group to detect a difference.

    Exactly one of ``margin`` and ``difference`` (both in NPS points) is given.

    * ``margin``: total responses so that the half-width of the Wald interval is at most
      ``margin``: ``n = z^2 V / m^2`` (Cochran 1977, "Sampling Techniques", 3rd ed., eq. 4.1).
    * ``difference``: responses **per group** for a two-sided test at level
      ``1 - confidence`` to detect a true difference of ``difference`` points with
      probability ``power``: ``n = (z_{1-a/2} + z_{power})^2 (V_a + V_b) / delta^2``
      (Chow, Shao & Wang 2008, "Sample Size Calculations in Clinical Research", 2nd ed.,
      section 3.2), with both groups given the variance of the expected shares.

    ``V = p + d - (p - d)^2`` is the per-respondent variance of the NPS (in proportions).
    Without expected shares the worst case ``V = 1`` (half promoters, half detractors) is used,
    which is safe but large; give ``promoters`` and ``detractors`` (fractions) from a past
    survey for a realistic figure.

    Examples
    --------
    >>> sample_size(margin=5, promoters=0.4, detractors=0.1)
    630
    >>> sample_size(difference=10, promoters=0.4, detractors=0.1)
    644
    """
    if (margin is None) == (difference is None):
        raise ValueError("give exactly one of margin= (points) or difference= (points)")
    if (promoters is None) != (detractors is None):
        raise ValueError("give both promoters= and detractors= expected shares, or neither")
    if promoters is None:
        v = 1.0
    else:
        if not (0 <= promoters <= 1 and 0 <= detractors <= 1 and promoters + detractors <= 1):
            raise ValueError("promoters and detractors are expected shares from 0 to 1 whose "
                             f"sum is at most 1; got {promoters!r} and {detractors!r}")
        v = float(_stats.nps_variance(np.float64(promoters), np.float64(detractors)))
    if v == 0:
        raise ValueError("with those shares every respondent gives the same NPS score; the "
                         "variance is zero and any sample size works")
    z = _stats.z_value(confidence)
    if margin is not None:
        if not 0 < margin <= 200:
            raise ValueError(f"margin is in NPS points and must be in (0, 200], got {margin!r}")
        return math.ceil(z * z * v / (margin / 100) ** 2 - 1e-9)
    if not 0 < abs(difference) <= 200:
        raise ValueError(f"difference is in NPS points, non-zero, got {difference!r}")
    if not 0 < power < 1:
        raise ValueError(f"power must be between 0 and 1, got {power!r}")
    zb = float(_stats.norm_ppf(power))
    return math.ceil((z + zb) ** 2 * 2 * v / (difference / 100) ** 2 - 1e-9)
