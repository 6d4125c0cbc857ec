"""The results of one NPS: :class:`NPSResult`, its notes and the interval it carries."""

from __future__ import annotations

import html
import math
import warnings
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import _stats


def _fmt(x: float, digits: int = 1) -> str:
    return "NaN" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


class _NotesMixin:
    """``note``, the old single-string name of a result's ``notes`` (issue 29)."""

    notes: tuple[str, ...]

    @property
    def note(self) -> str:
        """The notes as one string: ``notes`` is the name every result uses."""
        warnings.warn("note is now notes (a tuple of sentences, the name every nps_toolkit "
                      "result uses); note goes in a later release", FutureWarning, stacklevel=2)
        return " ".join(self.notes)


@dataclass(frozen=True)
class NPSResult(_NotesMixin):
    """The Net Promoter Score of one sample, with its interval.

    Attributes
    ----------
    nps : float
        Observed NPS in points (-100..100); NaN only when ``n == 0`` (see ``note``).
    n : int
        Respondents with a valid score (missing scores excluded).
    promoters, passives, detractors : int
        Counts (unweighted, even for weighted results).
    promoter_share, passive_share, detractor_share : float
        Shares from 0 to 1 (weighted when ``weighted``).
    se : float
        Standard error in points under ``method`` (adjusted SE for ``adjusted_wald``,
        resampling/posterior SD for ``bootstrap``/``bayes``, half-width / z for ``score``).
    ci_low, ci_high : float
        Interval bounds in points, always within [-100, 100].
    method : str
        Interval method; ``confidence`` its level.
    n_missing : int
        Missing scores excluded.
    n_effective : float
        Kish's effective sample size for weighted data, equal to ``n`` otherwise.
    weighted : bool
        Whether survey weights were applied.
    note : str
        Plain-words caveats (empty sample, degenerate interval, small n).
    """

    nps: float
    n: int
    promoters: int
    passives: int
    detractors: int
    promoter_share: float
    passive_share: float
    detractor_share: float
    se: float
    ci_low: float
    ci_high: float
    method: str
    confidence: float
    n_missing: int = 0
    n_effective: float = field(default=float("nan"))
    weighted: bool = False
    notes: tuple[str, ...] = ()

    def __repr__(self) -> str:
        level = f"{self.confidence:.0%}"
        text = (
            f"NPS {_fmt(self.nps)} ({level} CI {_fmt(self.ci_low)} to {_fmt(self.ci_high)}, "
            f"{self.method}; n={self.n}"
            + (f", effective n={self.n_effective:.1f}" if self.weighted else "")
            + f": {self.promoter_share:.1%} promoters, {self.passive_share:.1%} passives, "
            f"{self.detractor_share:.1%} detractors"
            + (f"; {self.n_missing} missing excluded" if self.n_missing else "")
            + ")"
        )
        return text + "".join(f"\nNote: {n}" for n in self.notes)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        e = html.escape
        level = f"{self.confidence:.0%}"
        rows = [
            ("NPS", f"<b>{e(_fmt(self.nps))}</b>"),
            (f"{level} interval ({e(self.method)})",
             f"{e(_fmt(self.ci_low))} to {e(_fmt(self.ci_high))}"),
            ("Respondents", f"{self.n:,}" + (f" (effective {self.n_effective:,.1f})"
                                             if self.weighted else "")),
            ("Promoters", f"{self.promoters:,} ({self.promoter_share:.1%})"),
            ("Passives", f"{self.passives:,} ({self.passive_share:.1%})"),
            ("Detractors", f"{self.detractors:,} ({self.detractor_share:.1%})"),
        ]
        if self.n_missing:
            rows.append(("Missing, excluded", f"{self.n_missing:,}"))
        body = "".join(f"<tr><th style='text-align:left'>{k}</th><td>{v}</td></tr>"
                       for k, v in rows)
        note = "".join(f"<p><i>{e(n)}</i></p>" for n in self.notes)
        return f"<table class='nps-result'>{body}</table>{note}"

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (for JSON or a data frame row)."""
        return asdict(self)

    @property
    def effective_counts(self) -> tuple[float, float, float]:
        """Promoter, passive and detractor counts on the effective-sample scale."""
        n = self.n_effective if self.weighted else self.n
        return (self.promoter_share * n, self.passive_share * n, self.detractor_share * n)


def _notes(n: float, P: float, A: float, D: float, method: str, min_n: int = 30) -> str:
    if n == 0:
        return "no valid responses: the NPS and its interval are undefined (NaN)."
    notes = []
    one_category = (P == n) or (A == n) or (D == n)
    if one_category and method in ("wald", "bootstrap"):
        notes.append(f"every answer is in one category, so the {method} interval has zero "
                     "width; use method='adjusted_wald', 'score' or 'bayes' for a real "
                     "interval.")
    if n < min_n:
        notes.append(f"small sample (n={n:g} < {min_n}): the interval is wide and the NPS can "
                     "move a lot with a few answers.")
    return " ".join(notes)


def _result(P, A, D, *, method: str, confidence: float, seed: int, n_missing: int = 0,
            weights: tuple[float, float, float, float, float] | None = None,
            n_resamples: int = _stats.DEFAULT_BOOTSTRAP, prior: float = 1.0) -> NPSResult:
    n = int(P + A + D)
    if weights is None:
        shares = (P / n, A / n, D / n) if n else (math.nan,) * 3
        diff, total = float(P - D), float(n)
        n_eff = float(n)
        eP, eA, eD = float(P), float(A), float(D)
    else:
        wp, wa, wd, wsum, wsq, *w2 = weights
        shares = (wp / wsum, wa / wsum, wd / wsum) if wsum > 0 else (math.nan,) * 3
        diff, total = wp - wd, wsum
        n_eff = (wsum * wsum / wsq) if wsq > 0 else 0.0  # Kish: the reported effective n
        n_int = n_eff
        if w2 and n > 1:  # the interval on the linearised variance (see _stats.linearised_n)
            lin = float(_stats.linearised_n(wp, wa, wd, *w2, n)[0])
            n_int = lin if math.isfinite(lin) and lin > 0 else n_eff
        eP, eA, eD = (s * n_int for s in shares) if wsum > 0 else (0.0, 0.0, 0.0)
    se, lo, hi = _stats.interval([eP], [eA], [eD], method=method, confidence=confidence,
                                 seed=seed, n_resamples=n_resamples, prior=prior)
    nps = 100 * diff / total if n and total > 0 else math.nan
    shares = tuple(float(x) for x in shares)
    note = _notes(n_eff if weights is not None else n, eP, eA, eD, method)
    if weights is not None and n and n_eff == 0:
        note = "all weights are zero: the weighted NPS is undefined (NaN)."
    return NPSResult(
        nps=nps, n=n, promoters=int(P), passives=int(A), detractors=int(D),
        promoter_share=shares[0], passive_share=shares[1], detractor_share=shares[2],
        se=float(se[0]), ci_low=float(lo[0]), ci_high=float(hi[0]), method=method,
        confidence=confidence, n_missing=int(n_missing), n_effective=n_eff,
        weighted=weights is not None, notes=(note,) if note else (),
    )


def _check_method(method: str) -> None:
    if method not in _stats.METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(_stats.METHODS)}")
