"""Themes: codeframe coding, their NPS impact, and themes discovered in the comments."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from .. import _stats
from .._codeframes import CODEFRAMES
from .._order import sort_frame
from ..scoring import intervals_from_counts
from ._common import _contains, _re2_any
from .prepare import LANGUAGES, _prepared
from .terms import _memo, folded_text

# --------------------------------------------------------------------------- themes
Codeframe = str | Mapping[str, Sequence[str] | Mapping[str, Sequence[str]]]


def choose_codeframe(data: Any, *, comment: str = "comment", score: str | None = "score",
                     sample: int = 2000, seed: int = 0) -> tuple[str, dict[str, float]]:
    """The preset of :data:`CODEFRAMES` that codes the most comments, and every preset's
    coverage (share of the comments that say something, on a seeded sample of ``sample``).

    What ``codeframe="auto"`` does in :func:`analyze_comments` and the report: the preset that
    fits these comments (a garden centre's to ``retail``, a bank's to ``banking``) without
    the analyst knowing the presets. Equal coverage goes to the preset that finds more themes
    in the comments (an app's "too slow, buggy, hard to navigate" is two themes of ``saas``
    and one of ``banking``), then to the first name.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> name, coverage = choose_codeframe(load_sample())
    >>> name, coverage[name] > 0.9
    ('ecommerce', True)
    """
    if not isinstance(data, pd.DataFrame):
        data = pd.DataFrame({comment: pd.Series(list(data), dtype="string")})
        score = None
    prep = _prepared(data, comment, score)
    said = prep[prep["is_answer"].to_numpy(bool)]
    if len(said) > sample:
        said = said.sample(sample, random_state=seed)
    coverage, mentions = {}, {}
    for name in sorted(CODEFRAMES):
        coded = _coded(said, name) if len(said) else pd.DataFrame()
        coverage[name] = float(coded.any(axis=1).mean()) if len(coded) else 0.0
        mentions[name] = int(coded.to_numpy().sum()) if len(coded) else 0
    # equal coverage (a few canned comments): the preset that names more of what they say
    best = max(sorted(coverage), key=lambda k: (coverage[k], mentions[k]))
    return best, coverage


def code_themes(data: Any, *, codeframe: Codeframe | None = None,
                comment: str = "comment", score: str | None = "score") -> pd.DataFrame:
    """Which themes of a codeframe each comment mentions (a comment may have several).

    Parameters
    ----------
    data : responses, or the output of :func:`prepare_comments`
    codeframe : str or mapping, optional
        A preset of :data:`CODEFRAMES` by name - ``"ecommerce"`` (the default: delivery, packaging,
        price, fit & size, product quality, look & design, customer service, website/app,
        returns/refunds, stock/availability, loyalty programme), ``"retail"`` (shops, garden
        centres, branches: price & promotions, staff & advice, range & availability, product
        quality, checkout & queues, store layout & cleanliness, location, parking & hours, loyalty
        card), ``"saas"`` (ease of use, features & templates, performance & reliability, support,
        pricing & plans, collaboration & sharing), ``"banking"`` (fees & rates, branch & staff, app
        & online banking, ease of use, reliability & errors, cards & payments, loans & mortgages,
        speed & problem resolution, security & trust), ``"telecom"`` (installation & engineer, speed
        & outages, mobile coverage, billing, contracts & deals, moving home, cancellation,
        contacting support, communication, waits, faults, ordering, TV), ``"travel"`` (airlines and
        hotels: delays, baggage, staff & crew, seat & cabin, food & drink, airport & boarding,
        refunds, booking, complaints, price, entertainment & wifi, cleanliness, hotel room,
        breakfast, location, loyalty), ``"insurance"`` (claims & settlement, premiums & renewal,
        cover & exclusions, documents & paperwork, sign-up & quotes, cancellation, advisers &
        contact, website & app), ``"utilities"`` (energy and water: bills & payments, meter
        readings, tariffs & prices, outages & supply, switching & moving, customer service, website
        & app), ``"healthcare"`` (clinics and hospitals: appointments & waiting, doctors & nurses,
        reception & admin, results & treatment, facilities & cleanliness, costs & billing) or
        ``"education"`` (schools, universities, training: teachers & teaching, course content &
        materials, workload & difficulty, assignments & exams, help & questions, discussion &
        participation, organisation & schedule, interest & usefulness) or ``"public"`` (city and
        local government: traffic & roads, public transport, cycling & walking, housing & cost
        of living, taxes & fees, safety & police, homelessness, growth & planning, parks,
        libraries & recreation, water, waste & environment, city services & staff, government &
        leadership) - each in the seven
        languages, and each with two themes every
        survey has: "overall impression" (praise or complaint with no reason given: "Excelente",
        "all good" - the share of comments that say nothing specific) and "the survey itself" ("stop
        asking for a rating"). Presets combine with ``+`` for a mixed business
        (``"telecom+retail"``: a network with shops). Or your own mapping theme -> patterns, where
        the patterns are a list (used for every comment) or a mapping language -> list (each comment
        is matched with its own language's list; comments of undetermined language with all of
        them). Patterns match lower-cased text with accents stripped; write them without accents and
        with ``\\b`` to anchor word starts. :func:`suggest_codeframe` drafts one from your comments.

    Returns
    -------
    pandas.DataFrame
        One boolean column per theme, aligned with the data; non-answers are all False.

    Examples
    --------
    >>> code_themes(["Colis arrivé en retard", "Great prices", "n/a"])[["delivery", "price"]]
       delivery  price
    0      True  False
    1     False   True
    2     False  False
    >>> coded = code_themes(["Atención expedita en la sucursal"], codeframe="banking")
    >>> coded.columns[coded.iloc[0]].tolist()
    ['branch & staff', 'speed & problem resolution']
    """
    if not isinstance(data, pd.DataFrame):
        data = pd.DataFrame({comment: pd.Series(list(data), dtype="string")})
        score = None
    prep = _prepared(data, comment, score)
    return _memo("themes", prep, repr(codeframe), lambda: _coded(prep, codeframe))


def _coded(prep: pd.DataFrame, codeframe: Codeframe | None) -> pd.DataFrame:
    frame = _resolve_codeframe(codeframe)
    folded = folded_text(prep)
    langs = prep["comment_language"].astype("string").fillna("und").to_numpy(dtype=object)
    # each language's comments taken out once, not once per theme (12 copies of the
    # 57,000 Korean texts of 100,000 film reviews)
    present = {str(x): langs == x for x in pd.unique(langs)}
    texts = {lang: folded[m] for lang, m in present.items()}
    out = {}
    for theme, by_lang in frame.items():
        if "*" in by_lang:
            out[theme] = _contains(folded, _re2_any(by_lang["*"]))
            continue
        every = [p for ps in by_lang.values() for p in ps]
        hits = np.zeros(len(folded), dtype=bool)
        for lang, m in present.items():  # a few languages, not rows
            patterns = by_lang.get(lang) if lang in LANGUAGES else every
            if patterns:
                hits[m] = _contains(texts[lang], _re2_any(patterns))
        out[theme] = hits
    return pd.DataFrame(out, index=prep.index)


def _combined(frames: list[Mapping[str, Mapping[str, list[str]]]]
              ) -> dict[str, dict[str, list[str]]]:
    """Presets combined for a mixed business ("telecom+retail": a network with shops): every
    theme of each, in order; a theme both have ("overall impression") matches the patterns
    of either."""
    out: dict[str, dict[str, list[str]]] = {}
    for frame in frames:
        for theme, by_lang in frame.items():
            merged = out.setdefault(theme, {})
            for lang, patterns in by_lang.items():
                merged[lang] = list(dict.fromkeys([*merged.get(lang, []), *patterns]))
    return out


def _resolve_codeframe(codeframe: Codeframe | None) -> dict[str, dict[str, list[str]]]:
    """A codeframe as theme -> language (or "*" for all) -> patterns, checked."""
    if codeframe is None:
        codeframe = "ecommerce"
    if isinstance(codeframe, str):
        names = [n.strip() for n in codeframe.split("+")]
        unknown = [n for n in names if n not in CODEFRAMES]
        if unknown:
            raise ValueError(f"no codeframe preset {unknown[0]!r}; the presets are "
                             f"{sorted(CODEFRAMES)}, combined with '+' (e.g. "
                             "'telecom+retail'), or pass your own dict")
        codeframe = _combined([CODEFRAMES[n] for n in names])
    if not codeframe:
        raise ValueError("the codeframe is empty: give at least one theme with patterns")
    out: dict[str, dict[str, list[str]]] = {}
    for theme, patterns in codeframe.items():
        if isinstance(patterns, str):
            raise ValueError(f"theme {theme!r}: give a list of patterns, not one string "
                             f"(e.g. [{patterns!r}])")
        by_lang = ({str(k): list(v) for k, v in patterns.items()}
                   if isinstance(patterns, Mapping) else {"*": list(patterns)})
        unknown = sorted(set(by_lang) - set(LANGUAGES) - {"*"})
        if unknown:
            raise ValueError(f"theme {theme!r}: unknown language(s) {unknown}; use "
                             f"{list(LANGUAGES)}")
        if not any(by_lang.values()):
            raise ValueError(f"theme {theme!r} has no patterns")
        for p in (p for ps in by_lang.values() for p in ps):
            if (error := _pattern_error(p)) is not None:
                raise ValueError(f"theme {theme!r}: pattern {p!r} is not a valid regular "
                                 f"expression ({error})")
        out[str(theme)] = by_lang
    return out


@cache
def _pattern_error(pattern: str) -> str | None:
    """Why ``pattern`` is no regular expression (None: it is one), each pattern checked once
    per process: the presets hold some 7,000, and Python's cache of 512 compiled patterns
    made every codeframe choice compile them all again (0.8 s per analysis)."""
    try:
        re.compile(pattern)
    except re.error as exc:
        return str(exc)
    return None


def theme_impact(data: Any, *, themes: pd.DataFrame | None = None, score: str = "score",
                 comment: str = "comment", confidence: float = 0.95,
                 codeframe: Codeframe | None = None) -> pd.DataFrame:
    """How often each theme comes up, in which category, and what it costs in NPS.

    Columns per theme: ``mentions``, ``share_of_comments`` (of analysed comments), the share
    of promoters', passives' and detractors' comments that mention it, ``nps_mentioning`` and
    ``nps_not_mentioning`` (respondents with a comment) with intervals, and
    ``nps_gain_if_fixed``: the rise in overall NPS if the theme's detractors had been passives,
    ``100 * D_theme / N`` over all ``N`` scored respondents, with a Wilson score interval for
    that proportion (Wilson 1927, JASA 22(158)).

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> impact = theme_impact(load_sample())
    >>> impact["theme"].head(2).tolist()
    ['customer service', 'delivery']
    """
    prep = _prepared(data, comment, score)
    coded = themes if themes is not None else code_themes(prep, codeframe=codeframe,
                                                          comment=comment, score=score)
    scored = prep[score].notna().to_numpy()
    answered = prep["is_answer"].to_numpy() & scored
    cat = prep["category"].astype(str).to_numpy()
    n_all = int(scored.sum())
    z = float(_stats.norm_ppf(0.5 + confidence / 2))
    # counts of (theme, category) in one matrix product over the answered comments: each
    # theme's promoters / passives / detractors mentioning it, and the rest by subtraction
    order = ("promoter", "passive", "detractor")
    onehot = np.column_stack([(cat == c) & answered for c in order]).astype(np.int64)
    flags = coded.to_numpy(dtype=bool) & answered[:, None]
    mentioning = flags.T.astype(np.int64) @ onehot          # themes x (P, A, D)
    per_cat = onehot.sum(axis=0)                             # answered (P, A, D)
    rest = per_cat[None, :] - mentioning
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(per_cat > 0, mentioning / per_cat, np.nan)
    rows = []
    for j, theme in enumerate(coded.columns):  # a dozen themes: the per-row work is above
        d_theme = int(mentioning[j, 2])
        p_hat = d_theme / n_all if n_all else np.nan
        lo, hi = _stats.wilson(d_theme, n_all, z)
        mentions = int(mentioning[j].sum())
        rows.append({"theme": theme, "mentions": mentions,
                     "share_of_comments": mentions / max(1, int(per_cat.sum())),
                     "share_of_promoter_comments": shares[j, 0],
                     "share_of_passive_comments": shares[j, 1],
                     "share_of_detractor_comments": shares[j, 2],
                     "_m": tuple(int(v) for v in mentioning[j]),
                     "_r": tuple(int(v) for v in rest[j]), "nps_gain_if_fixed": 100 * p_hat,
                     "gain_ci_low": 100 * lo, "gain_ci_high": 100 * hi})
    table = pd.DataFrame(rows)
    for key, prefix in (("_m", "nps_mentioning"), ("_r", "nps_not_mentioning")):
        c = pd.DataFrame(table[key].tolist(), columns=["promoters", "passives", "detractors"])
        c["n"] = c.sum(axis=1)
        res = intervals_from_counts(c, method="adjusted_wald", confidence=confidence, seed=0,
                                    min_n=30, weighted=False)
        table[prefix] = res["nps"].to_numpy()
        table[f"{prefix}_ci_low"] = res["ci_low"].to_numpy()
        table[f"{prefix}_ci_high"] = res["ci_high"].to_numpy()
        if key == "_m":
            table["n_mentioning"] = c["n"].to_numpy()
    table = table.drop(columns=["_m", "_r"])
    return sort_frame(table, ["nps_gain_if_fixed", "mentions"], "theme").reset_index(drop=True)
