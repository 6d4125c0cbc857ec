"""Themes: codeframe coding, their NPS impact, and themes discovered in the comments."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import _stats
from .._codeframes import CODEFRAMES
from .._order import rank, sort_frame
from ..scoring import intervals_from_counts
from ._common import _contains, _excerpt, _re2_any
from .prepare import LANGUAGES, _prepared
from .terms import _listed_any, _memo, folded_text, prepared_terms

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
    present = [str(x) for x in pd.unique(langs)]
    out = {}
    for theme, by_lang in frame.items():
        if "*" in by_lang:
            out[theme] = _contains(folded, _re2_any(by_lang["*"]))
            continue
        every = [p for ps in by_lang.values() for p in ps]
        hits = np.zeros(len(folded), dtype=bool)
        for lang in present:  # a few languages, not rows
            patterns = by_lang.get(lang) if lang in LANGUAGES else every
            m = langs == lang
            if patterns:
                hits[m] = _contains(folded[m], _re2_any(patterns))
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
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"theme {theme!r}: pattern {p!r} is not a valid regular "
                                 f"expression ({exc})") from exc
        out[str(theme)] = by_lang
    return out


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


@dataclass(frozen=True)
class DiscoveredThemes:
    """Themes found by NMF on TF-IDF, labelled by their top terms and best quotes.

    Attributes
    ----------
    topics : DataFrame
        ``topic``, ``label`` (top terms), ``top_terms``, ``comments`` (assigned), ``share``,
        ``nps`` of those comments' respondents, ``covered_by_codeframe`` (share of its comments
        the codeframe already codes: low means the codeframe misses it), ``quotes``.
    assignment : Series
        Topic of each analysed comment (-1 where the comment has no weight on any topic).
    """

    topics: pd.DataFrame
    assignment: pd.Series

    def _repr_html_(self) -> str:
        show = self.topics.drop(columns=["quotes"])
        return show.to_html(index=False, escape=True, float_format=lambda v: f"{v:.2f}")


#: Comments above which discover_themes learns its themes on a seeded random sample.
FIT_LIMIT = 20_000


def discover_themes(data: Any, *, n_themes: int = 8, seed: int = 0, comment: str = "comment",
                    score: str | None = "score", language: str | None = None,
                    codeframe: Codeframe | None = None,
                    min_df: int = 3, n_terms: int = 6, n_quotes: int = 3,
                    side: str | None = None, max_share: float = 0.25,
                    max_quote_chars: int = 280) -> DiscoveredThemes:
    """Find themes the codeframe may miss: NMF on TF-IDF of the analysed comments.

    Non-negative matrix factorisation of the TF-IDF matrix (Lee & Seung 1999; scikit-learn's
    ``NMF`` with ``nndsvda`` initialisation, so the result is the same for a given ``seed``).
    Each topic is named by its top phrases (word pairs first, then words) and quoted by the
    comments that load most on it (PII redacted, de-duplicated). ``language`` restricts to
    one language, which gives cleaner topics than a mixed corpus. ``side="detractors"``
    looks for pain points among detractors' comments only, ``side="promoters"`` for what
    promoters love: mixed together, complaints drown in a catch-all topic. Above 20,000
    comments the themes are learnt on a seeded random 20,000 of them and every comment is then
    scored against those themes.

    Each comment goes to the theme it loads on most, unless that theme already holds
    ``max_share`` of the comments (25% by default): then the comments that load on it least
    distinctly (smallest margin over their second theme) go to their second theme, so no
    catch-all theme swallows the survey. Comments with no weight on any other theme stay,
    so a share can exceed the cap only by those. Quotes longer than ``max_quote_chars`` are
    cut at a word end with "…".

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> found = discover_themes(load_sample(), language="en", n_themes=6)
    >>> len(found.topics)
    6
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    prep = _prepared(data, comment, score)
    mask = prep["is_answer"].to_numpy().copy()
    if language is not None:
        mask &= (prep["comment_language"] == language).fillna(False).to_numpy()
    if side is not None:
        sides = {"detractors": "detractor", "promoters": "promoter", "passives": "passive"}
        if side not in sides:
            raise ValueError(f"side must be one of {sorted(sides)} or None, got {side!r}")
        if "category" not in prep:
            raise ValueError("side= needs scores: pass score=... (the score column)")
        mask &= (prep["category"] == sides[side]).fillna(False).to_numpy()
    n_docs = int(mask.sum())
    if n_docs < max(10, n_themes * 3):
        raise ValueError(f"only {n_docs} analysed comments"
                         + (f" in {language!r}" if language else "")
                         + f"; need at least {max(10, n_themes * 3)} for {n_themes} themes")
    all_terms = prepared_terms(prep)
    rows_used = np.flatnonzero(mask)
    # the analysis' own counts when every row is used: no copy (issue 28)
    counts = (all_terms.counts if len(rows_used) == all_terms.counts.shape[0]
              else all_terms.counts[rows_used])
    # above FIT_LIMIT comments the themes are learnt on a seeded random FIT_LIMIT of them and
    # every comment is then scored against them (NMF's transform): the same themes, found in
    # a fifth of the time on 100,000 comments
    fit_rows = (np.sort(np.random.default_rng(seed).choice(n_docs, FIT_LIMIT, replace=False))
                if n_docs > FIT_LIMIT else np.arange(n_docs))
    # TfidfVectorizer(min_df=min_df, max_df=0.5, sublinear_tf=True) fitted on the fit rows:
    # terms in at least min_df and at most half of them, log-scaled counts, smoothed IDF
    df = np.bincount(counts[fit_rows].indices, minlength=counts.shape[1])
    keep = np.flatnonzero((df >= min_df) & (df <= 0.5 * len(fit_rows)))
    keep = keep[~_function_terms(all_terms.names[keep])]
    if len(keep) < n_themes:
        raise ValueError(f"the comments have only {len(keep)} distinct terms; ask for "
                         "fewer themes or lower min_df")
    counts = counts[:, keep]  # a new matrix: its counts made 32-bit in place
    counts.data = counts.data.astype(np.float32)
    weigh = TfidfTransformer(sublinear_tf=True).fit(counts[fit_rows])
    x = weigh.transform(counts)
    model = NMF(n_components=n_themes, init="nndsvda", random_state=seed, max_iter=400)
    w = model.fit_transform(x) if n_docs <= FIT_LIMIT else model.fit(x[fit_rows]).transform(x)
    terms = all_terms.names[keep]
    # by weight (6 significant digits: NMF's iterations carry the noise of the BLAS and thread
    # count further than one sum does), then by the term: two terms that always occur
    # together weigh the same, and float noise must not decide which comes first (issue 24)
    top = np.stack([rank(row, terms, digits=6)[:n_terms] for row in model.components_])
    assign = _capped_assignment(w, max_share)
    coded = code_themes(prep, codeframe=codeframe, comment=comment, score=score)
    any_theme = coded.any(axis=1).to_numpy()[mask]
    cat = prep.loc[mask, "category"].astype(str).to_numpy() if "category" in prep else None
    display = prep.loc[mask, "display"]  # as text only for the few quoted rows
    rows = []
    for k in range(n_themes):
        members = assign == k
        label_terms = [str(t) for t in terms[top[k]]]
        order = np.argsort(-w[:, k], kind="stable")
        quotes_k = [_excerpt(q, [], max_quote_chars)[0]
                    for q in _dedupe_quotes(display.iloc[order[: 10 * n_quotes]].astype(str)
                                            .to_numpy(), n_quotes)]
        nps = np.nan
        if cat is not None and members.any():
            mc = cat[members]
            nps = 100 * ((mc == "promoter").mean() - (mc == "detractor").mean())
        phrases = [t for t in label_terms if " " in t]
        named = (phrases + [t for t in label_terms if " " not in t
                            and not any(t in ph.split() for ph in phrases)])[:3]
        rows.append({"topic": k, "label": " / ".join(named),
                     "top_terms": ", ".join(label_terms), "comments": int(members.sum()),
                     "share": members.mean(), "nps": nps,
                     "covered_by_codeframe": any_theme[members].mean() if members.any()
                     else np.nan, "quotes": quotes_k})
    topics = sort_frame(pd.DataFrame(rows), "comments", "label").reset_index(drop=True)
    return DiscoveredThemes(topics=topics,
                            assignment=pd.Series(assign, index=prep.index[mask], name="topic"))


def _capped_assignment(w: np.ndarray, max_share: float) -> np.ndarray:
    """Strongest theme per comment (-1 without weight), with theme sizes capped at
    ``max_share`` of the comments: an over-full theme hands the comments with the smallest
    margin over their best other theme to that theme while it has room (a capacitated
    assignment, greedy by margin; stable sorts, so the result is deterministic)."""
    n, k = w.shape
    assign = np.where(w.max(axis=1) > 0, w.argmax(axis=1), -1)
    if k < 2 or not 0 < max_share < 1:
        return assign
    cap = max(1, int(np.floor(max_share * n)))
    order = np.argsort(-w, axis=1, kind="stable")
    for _ in range(k):  # each round fills at least one theme or stops
        sizes = np.bincount(assign[assign >= 0], minlength=k)
        over = np.flatnonzero(sizes > cap)
        moved = 0
        for t in over:
            room = cap - np.bincount(assign[assign >= 0], minlength=k)
            rows = np.flatnonzero(assign == t)
            alt = np.where(order[rows, 0] == t, order[rows, 1], order[rows, 0])
            ok = (w[rows, alt] > 0) & (room[alt] > 0)
            rows, alt = rows[ok], alt[ok]
            by_margin = np.argsort(w[rows, t] - w[rows, alt], kind="stable")
            rows, alt = rows[by_margin], alt[by_margin]
            # within each receiving theme, only as many as it has room for
            rank = pd.Series(alt).groupby(alt).cumcount().to_numpy()
            take = np.flatnonzero(rank < room[alt])[: sizes[t] - cap]
            assign[rows[take]] = alt[take]
            moved += take.size
        if not moved:
            break
    return assign


def _function_terms(names: np.ndarray) -> np.ndarray:
    """Columns made of words some language lists as stop words (kept for the drivers and the
    sentiment model because "not", "very", "good" carry polarity there): a theme is named by
    what comments are about, so discovery leaves them out, as it always did."""
    listed = _listed_any()
    words = pd.Series(names, dtype=object).str.split(" ")
    return words.map(lambda ws: any(w in listed for w in ws)).to_numpy(dtype=bool)


def suggest_codeframe(data: Any, *, n_themes: int = 5, seed: int = 0,
                      comment: str = "comment", score: str = "score",
                      language: str | None = None, n_terms: int = 6,
                      min_df: int = 3) -> dict[str, dict[str, list[str]]]:
    """A starting codeframe drafted from the comments: pain points and delights, editable.

    Runs :func:`discover_themes` on detractors' comments (``"pain: ..."`` themes) and on
    promoters' comments (``"delight: ..."`` themes) separately, and turns each topic's top
    terms into patterns in the topic's main language: a word ``w`` becomes ``\\bw``, a word
    pair ``a b`` matches ``a`` followed by ``b`` within 30 characters of one sentence. Rename,
    merge and edit the themes, then pass the dict to :func:`code_themes` or
    :func:`analyze_comments` as ``codeframe=``.

    Examples
    --------
    >>> from nps_toolkit import load_sample
    >>> frame = suggest_codeframe(load_sample(), n_themes=3, language="en")
    >>> sorted({name.split(":")[0] for name in frame})
    ['delight', 'pain']
    >>> code_themes(load_sample().head(200), codeframe=frame).shape[1] == len(frame)
    True
    """
    prep = _prepared(data, comment, score)
    out: dict[str, dict[str, list[str]]] = {}
    for side, name in (("detractors", "pain"), ("promoters", "delight")):
        found = discover_themes(prep, n_themes=n_themes, seed=seed, comment=comment,
                                score=score, language=language, n_terms=n_terms,
                                min_df=min_df, side=side)
        langs = prep.loc[found.assignment.index, "comment_language"].astype("string")
        for row in found.topics.itertuples():
            members = (found.assignment == row.topic).to_numpy()
            main = langs[members].mode()
            lang = str(main.iloc[0]) if len(main) and str(main.iloc[0]) in LANGUAGES else "*"
            patterns = [_term_pattern(t) for t in str(row.top_terms).split(", ") if t]
            key = f"{name}: {row.label}"
            while key in out:
                key += "'"
            out[key] = {lang: patterns}
    return out


def _term_pattern(term: str) -> str:
    words = [re.escape(w) for w in term.split()]
    if len(words) == 1:
        return r"\b" + words[0]
    return r"\b" + words[0] + r"[^.!?]{1,30}" + words[1]


def _dedupe_quotes(texts: Sequence[str], n: int) -> list[str]:
    seen: set[str] = set()
    out = []
    for t in texts:
        key = " ".join(sorted(set(re.findall(r"\w+", t.lower()))))
        if key in seen or not t.strip():
            continue
        seen.add(key)
        out.append(t)
        if len(out) == n:
            break
    return out
