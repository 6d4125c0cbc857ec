"""What an export holds beyond score, comment and date: the report's configuration.

:func:`profile_export` looks at every column of a frame read by :func:`read_survey` and
decides, with a reason for each choice, which columns are segments, which is a period or
wave index, which holds customer value, which are further 0-10 questions (drivers), and
whether a column restates the category (checked against the scores). The result is the
configuration the report runs with, each key the option that changes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import N_, fmt, gettext, tr
from .columns import _date_like, _norm
from .names import (
    _CATEGORY_WORDS,
    _ID_NAMES,
    _KEY_NAMES,
    _MEASURE_NAMES,
    _PERIOD_NAMES,
    _RATING_NAMES,
    _SEGMENT_NAMES,
    _VALUE_NAMES,
    _words,
)
from .scales import _worded_scale

__all__ = ["CONFIG_KEYS", "ExportProfile", "profile_export"]

#: the configuration keys, as the CLI, the config file and the notebooks name them
CONFIG_KEYS = ("score", "scale", "comment", "date", "freq", "customer", "segments", "period",
               "value", "drivers", "codeframe", "industry", "benchmark", "title", "lang")

#: each key as the report's box names it (the option keeps the English key)
_KEY_LABELS = {"score": N_("score"), "scale": N_("answer scale"), "comment": N_("comment"),
               "date": N_("date"), "freq": N_("periods"), "customer": N_("customer"),
               "segments": N_("segments"),
               "period": N_("period"),
               "value": N_("value"), "drivers": N_("drivers"), "codeframe": N_("codeframe"),
               "industry": N_("industry"), "benchmark": N_("benchmark"), "title": N_("title"),
               "lang": N_("language")}

_ROLE_KEYS = {"score": "score", "comment": "comment", "date": "date",
              "customer_id": "customer"}

@dataclass
class ExportProfile:
    """The report's configuration for one export, each choice with its reason.

    Attributes
    ----------
    config : dict
        ``score``, ``comment``, ``date``, ``customer``, ``segments``, ``period``, ``value``,
        ``drivers``, ``codeframe``, ``industry``, ``benchmark``, ``title`` (see
        ``CONFIG_KEYS``); None or [] where the file has nothing for it.
    reasons : dict
        Per key, why it was chosen (or why nothing was), in plain words.
    category_check : dict or None
        When a column restates the category: its name, ``disagree`` (rows whose category
        differs from the one their score gives) and ``examples``.
    missing : dict
        Sections the file cannot support, each with the column that would enable it.
    """

    config: dict[str, Any]
    reasons: dict[str, str]
    category_check: dict[str, Any] | None = None
    missing: dict[str, str] = field(default_factory=dict)
    spellings: dict[str, list[list[str]]] = field(default_factory=dict)
    #: columns no role, segment or driver was found for (said, so none is left out silently)
    unused: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line per choice, with the option that changes it (the report's box)."""
        out = []
        for key in CONFIG_KEYS:
            if key in self.reasons:
                out.append(tr("{key}: {reason} (--{option})",
                              key=gettext(_KEY_LABELS.get(key, key)),
                              reason=self.reasons[key], option=key))
        if self.category_check:
            c = self.category_check
            values = dict(column=c["column"], disagree=c["disagree"], checked=c["checked"],
                          examples="; ".join(c["examples"]))
            out.append(tr("category column {column!r}: {disagree:,} of {checked:,} rows "
                          "disagree with their score (e.g. {examples})", **values)
                       if c["disagree"] else
                       tr("category column {column!r}: {disagree:,} of {checked:,} rows "
                          "disagree with their score", **values))
        for column, groups in self.spellings.items():
            out.append(tr("segment {column!r}: {groups} differ only in capitals, spaces or "
                          "punctuation and are counted as different groups; if they are the "
                          "same, correct the export", column=column,
                          groups="; ".join(" / ".join(repr(v) for v in g) for g in groups[:3])))
        if self.unused:
            shown = ", ".join(repr(c) for c in self.unused[:8])
            more = len(self.unused) - 8
            out.append(tr("not used: {columns}{more} (to use one, name it with --segments, "
                          "--drivers or --value)", columns=shown,
                          more=tr(" and {n:,} more", n=more) if more > 0 else ""))
        return out

    def __repr__(self) -> str:
        return tr("How the file was read:") + "\n" + "\n".join(f"  {line}"
                                                               for line in self.lines())


def _is_id_like(s: pd.Series, name: str) -> bool:
    if _ID_NAMES.search(_words(name)):
        return True
    filled = s.dropna()
    return len(filled) > 50 and filled.nunique() > 0.9 * len(filled)


def _integers(s: pd.Series) -> pd.Series | None:
    """The column as whole numbers (None when it is not all whole numbers)."""
    v = pd.to_numeric(s, errors="coerce") if not pd.api.types.is_numeric_dtype(s.dtype) \
        else s.astype(float)
    filled = v.dropna()
    if filled.empty or filled.size < 0.9 * s.notna().sum():
        return None
    if not np.all(np.equal(np.mod(filled.to_numpy(dtype=float), 1), 0)):
        return None
    return v


def _ratings(s: pd.Series) -> pd.Series | None:
    """The column as ratings: numbers in 90% of its filled cells, on the half-point grid in
    95% of them (a B2B export that averages two people's answers per company writes 8.5
    beside 8 and 9; a mean of several, 7.33, is no answer); None otherwise."""
    if pd.api.types.is_bool_dtype(s.dtype):
        return None
    v = pd.to_numeric(s, errors="coerce") if not pd.api.types.is_numeric_dtype(s.dtype) \
        else s.astype(float)
    filled = v.dropna()
    if filled.empty or filled.size < 0.9 * s.notna().sum():
        return None
    halves = np.equal(np.mod(2 * filled.to_numpy(dtype=float), 1), 0)
    return v if halves.mean() >= 0.95 else None


def _amounts(s: pd.Series) -> pd.Series:
    """Numbers of a column as an amount reader reads them ("1.234,50", "€12"), NaN where
    a cell is not one."""
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return s.astype(float)
    if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_datetime64_any_dtype(s.dtype):
        return pd.Series(np.nan, index=s.index)
    from .._frames.amounts import parse_amounts

    try:
        return parse_amounts(s, [], str(s.name))
    except ValueError:  # mixed currencies or decimal marks: not a clean value column
        return pd.Series(np.nan, index=s.index)


def _plain(value: Any) -> Any:
    """A cell as Python writes it (``1``, not numpy's ``np.int64(1)``)."""
    return value.item() if isinstance(value, np.generic) else value


#: Qualtrics' codes of an NPS question's group column (``Q1_NPS_GROUP``)
_QUALTRICS_GROUPS = {1: "detractor", 2: "passive", 3: "promoter"}


def _category_column(df: pd.DataFrame, cols: list[str]) -> tuple[str, pd.Series] | None:
    """The column holding each answer's category in words (``Promotor``, ``Detractor``, in
    the supported languages) or as Qualtrics codes it (``Q1_NPS_GROUP``: 1 detractor, 2
    passive, 3 promoter), with the categories it says; None when none does."""
    from .columns import _NPS_CATEGORY

    lookup = {w: cat for cat, words in _CATEGORY_WORDS.items() for w in words}
    for c in cols:
        s = df[c]
        if _NPS_CATEGORY.search(_norm(c)):
            coded = pd.to_numeric(s, errors="coerce")
            if coded.notna().any() and coded.dropna().isin([1, 2, 3]).all() and \
                    coded.notna().sum() == s.notna().sum():
                return c, coded.map(_QUALTRICS_GROUPS).astype("string")
        if pd.api.types.is_numeric_dtype(s.dtype):
            continue
        head = s.head(1000).dropna().astype(str)  # most columns fail on their first cells
        if head.empty or head.nunique() > 6 or head.map(
                lambda v: lookup.get(_norm(v))).notna().mean() < 0.95:
            continue
        filled = s.dropna().astype(str)
        if filled.empty or filled.nunique() > 6:
            continue
        mapped = filled.map(lambda v: lookup.get(_norm(v)))
        if mapped.notna().mean() >= 0.95 and mapped.nunique() >= 2:
            return c, s.astype("string").map(lambda v: lookup.get(_norm(v)) if isinstance(
                v, str) else None, na_action="ignore")
    return None


def profile_export(data: pd.DataFrame, *, codeframes: bool = True,
                   sample: int = 2000) -> ExportProfile:
    """Decide what a survey export holds beyond its score: segments, a period or wave index,
    customer value, further 0-10 questions, a column restating the category; and the best
    codeframe for its comments.

    Parameters
    ----------
    data : pandas.DataFrame
        A frame from :func:`read_survey` (``score`` and, when found, ``comment``, ``date``,
        ``customer_id`` and ``response_id`` named so).
    codeframes : bool
        Try every codeframe preset on a sample of the comments and keep the one that codes
        the most (False: keep ``"ecommerce"``, the default).
    sample : int
        Comments tried per codeframe.

    Returns
    -------
    ExportProfile

    Examples
    --------
    >>> import nps_toolkit as nt
    >>> p = nt.profile_export(nt.load_sample(), codeframes=False)
    >>> p.config["segments"][:3], p.config["value"]
    (['channel', 'touchpoint', 'persona'], 'customer_lifetime_value')
    """
    df = data
    cfg: dict[str, Any] = dict.fromkeys(CONFIG_KEYS)
    cfg.update(segments=[], drivers=[], codeframe="ecommerce")
    why: dict[str, str] = {}
    missing: dict[str, str] = {}
    report = df.attrs.get("load_report")
    source_names = (report.columns if report is not None else {})
    for role, key in _ROLE_KEYS.items():
        if role in df.columns:
            cfg[key] = role
            why[key] = tr("column {name!r}", name=source_names.get(role, role))
    if "date" not in df.columns:
        why["date"] = tr("no date column found")
    else:
        found = _trend_freq(df["date"])
        if found:
            cfg["freq"], why["freq"] = found
    taken = {"score", "comment", "date", "customer_id", "response_id"}
    # the column the scores stand in for (categories, bands) is no segment of them
    rest = [c for c in df.columns if c not in taken and c != df.attrs.get("scored_from")]
    # each finder takes the columns it recognises out of ``rest``, in this order
    category_check = _category_check(df, rest)
    cfg["drivers"], worded = _driver_columns(df, rest)
    if cfg["drivers"]:
        why["drivers"] = _drivers_reason(df, cfg["drivers"], worded)
    found = _period_column(df, rest)
    if found:
        cfg["period"], why["period"] = found
    found = _value_column(df, rest)
    if found:
        cfg["value"], why["value"] = found
    cfg["segments"] = _segment_columns(df, rest)
    if cfg["segments"]:
        why["segments"] = tr("{columns} (2-50 groups each, or up to 200 of 20+ answers)",
                             columns=", ".join(repr(c) for c in cfg["segments"]))
    else:
        missing["segments"] = "a column of groups (region, channel, store...): --segments"
    if cfg["customer"] is None:
        missing["customer"] = "a customer id column: --customer"
    if cfg["value"] is None:
        missing["value"] = "a customer value column (revenue, CLV...): --value"
    # (a missing date or comment column is said by the report, which skips that section;
    # the codeframe is chosen whenever there are comments: it was once tied to the value
    # column, so an export without one kept "ecommerce" and one without comments failed)
    if codeframes and "comment" in df.columns and df["comment"].notna().any():
        cfg["codeframe"], why["codeframe"] = _best_codeframe(df, sample)
    why.setdefault("benchmark", tr("none: pass --industry NAME (see nps_toolkit.benchmarks()) "
                                   "or --benchmark N to compare"))
    return ExportProfile(config=cfg, reasons=why, category_check=category_check,
                         missing=missing, spellings=_spellings_of(df, cfg["segments"]),
                         unused=[c for c in rest if c not in cfg["segments"]])


def _spellings_of(df: pd.DataFrame, columns: list[str]) -> dict[str, list[list[str]]]:
    """Per segment column, its groups written more than one way ("E-mail" / "email", "North
    " / "north"): values equal once capitals, accents, spaces and punctuation are set
    aside. Said, never merged: "Tel." and "phone" are the same channel too, and only the
    analyst knows which spellings are one group."""
    out = {}
    for column in columns:
        values = pd.Series(df[column].dropna().astype(str).unique())
        key = values.map(lambda v: re.sub(r"[\W_]+", "", _norm(v)))
        groups = [sorted(g) for _, g in values.groupby(key.to_numpy()) if len(g) > 1]
        if groups:
            out[column] = sorted(groups)
    return out


def _category_check(df: pd.DataFrame, rest: list[str]) -> dict[str, Any] | None:
    """A column restating the category, checked against the scores."""
    found = _category_column(df, rest)
    if found is None:
        return None
    col, said = found
    from ..scoring import classify

    given = classify(df["score"]).astype("string")
    both = said.notna() & given.notna()
    differ = both & (said != given)
    examples = [tr("response #{row}: {value!r} with score {score}", row=i + 1,
                   value=_plain(df[col].iloc[i]), score=df["score"].iloc[i])
                for i in np.flatnonzero(differ.to_numpy())[:3]]
    rest.remove(col)
    return {"column": col, "checked": int(both.sum()), "disagree": int(differ.sum()),
            "examples": examples}


def _drivers_reason(df: pd.DataFrame, drivers: list[str], worded: dict[str, dict]) -> str:
    """Why the drivers were taken: 0-10 questions, ratings on a shorter scale, and worded
    scales in their order."""
    numeric = [c for c in drivers if c not in worded]
    top = {c: float(pd.to_numeric(df[c], errors="coerce").max()) for c in numeric}
    short = [c for c in numeric if top[c] < 7]
    reasons = []
    if len(short) < len(numeric):
        reasons.append(tr("further 0-10 questions {columns}: their link with the recommend "
                          "score", columns=", ".join(repr(c) for c in numeric
                                                     if c not in short)))
    if short:
        reasons.append(tr("ratings on a shorter scale named as such {columns}: their link "
                          "with the recommend score", columns=", ".join(
                              f"{c!r} (0-{top[c]:g})" if pd.to_numeric(df[c], errors="coerce")
                              .min() == 0 else f"{c!r} (1-{top[c]:g})" for c in short)))
    if worded:
        first = next(iter(worded.values()))
        levels: dict[float, list[str]] = {}
        placed = [(a, v) for a, v in first.items() if v == v]  # "don't know" is NaN
        for answer, level in sorted(placed, key=lambda av: (av[1], av[0])):
            levels.setdefault(level, []).append(repr(answer))  # one level (a typo): "="
        reasons.append(tr("questions answered on a worded scale {columns}, read in order "
                          "({order}; answers such as \"don't know\" left out)",
                          columns=", ".join(repr(c) for c in worded),
                          order=" < ".join(" = ".join(same) for same in levels.values())))
    return "; ".join(reasons)


def _driver_columns(df: pd.DataFrame, rest: list[str]) -> tuple[list[str], dict[str, dict]]:
    """Further 0-10 questions (drivers): numbers 0-10 (see :func:`_ratings`), at least four
    values reaching 7, answered by half the respondents; not a period index. And questions
    answered on a
    worded scale (:func:`nps_toolkit.loading.scales._worded_scale`: "Very satisfied" ...
    "Very dissatisfied", in the survey's language), answered on the scale (not "don't
    know") by half the respondents: their answers' levels, by column."""
    drivers, worded = [], {}
    for c in list(rest):
        v = _ratings(df[c])
        if v is None:
            levels = _worded_scale(df[c])
            if levels and df[c].map(levels).notna().sum() >= 0.5 * len(df):
                drivers.append(c)
                worded[c] = levels
                rest.remove(c)
            continue
        if _words(c) in ("t",) or _PERIOD_NAMES.match(_words(c)) or _KEY_NAMES.search(
                _words(c)):
            continue  # a period index, or a key ("product_line_id": 1-9) is no rating
        filled = v.dropna()
        if len(filled) < 0.5 * len(df) or not filled.between(0, 10).all():
            continue
        if (filled.nunique() >= 4 and filled.max() >= 7) or (
                _RATING_NAMES.search(_words(c)) and not _MEASURE_NAMES.search(_words(c))
                and filled.nunique() >= 3 and filled.min() >= 0 and filled.max() >= 4
                and np.all(np.mod(filled.to_numpy(dtype=float), 1) == 0)):
            drivers.append(c)  # 0-10, or a 1-5 satisfaction or effort question named so
            rest.remove(c)
    return drivers, worded


#: answers a period needs before its NPS is worth a point on the trend (its 95% interval
#: is then about +/-30 points at most; Rocks 2016's adjusted Wald)
_PERIOD_MIN_ANSWERS = 30
_FREQ_WORDS = {"Q": (N_("quarterly"), N_("quarters")), "M": (N_("monthly"), N_("months")),
               "W": (N_("weekly"), N_("weeks"))}


def _trend_freq(dates: pd.Series) -> tuple[str, str] | None:
    """The trend's periods from the answers' dates: quarters, months or weeks, the coarsest
    that gives four periods of ``_PERIOD_MIN_ANSWERS`` answers or more (six months of
    answers are six monthly points, not two quarters; a month of answers is weeks), else
    the one that gives the most such periods (coarser on ties). None without dates."""
    stamps = dates.dropna()
    if isinstance(stamps.dtype, pd.DatetimeTZDtype):
        stamps = stamps.dt.tz_localize(None)
    if stamps.empty or not pd.api.types.is_datetime64_any_dtype(stamps.dtype):
        return None
    values = stamps.to_numpy(dtype="datetime64[D]")
    months = values.astype("datetime64[M]").astype(np.int64)
    keys = {"Q": months // 3, "M": months,
            # weeks from Monday (1970-01-05 was one), as trend() cuts them
            "W": (values.astype(np.int64) - 4) // 7}
    full = {}
    for freq, key in keys.items():
        _, counts = np.unique(key, return_counts=True)
        full[freq] = (int((counts >= _PERIOD_MIN_ANSWERS).sum()), len(counts))
    chosen = next((f for f in ("Q", "M", "W") if full[f][0] >= 4), None)
    if chosen is None:
        chosen = max(("Q", "M", "W"), key=lambda f: (full[f][0], -"QMW".index(f)))
    how, unit = _FREQ_WORDS[chosen]
    k, n = full[chosen]
    return chosen, tr("{how}: {k:,} of the {n:,} {unit} with answers hold {m} or more "
                      "(quarters: {q:,}, months: {mo:,}, weeks: {w:,})", how=gettext(how),
                      k=k, n=n, unit=gettext(unit), m=_PERIOD_MIN_ANSWERS, q=full["Q"][0],
                      mo=full["M"][0], w=full["W"][0])


def _period_column(df: pd.DataFrame, rest: list[str]) -> tuple[str, str] | None:
    """A period or wave index: integers named like one (t, wave, vague, Welle...), 2-120
    levels."""
    for c in list(rest):
        v = _integers(df[c])
        if v is None or not _PERIOD_NAMES.match(_words(c)):
            continue
        levels = v.dropna().nunique()
        if 2 <= levels <= 120:
            rest.remove(c)
            return c, tr("{column!r} ({levels} periods from {first} to {last}), read as an "
                         "ordered period index", column=c, levels=levels, first=int(v.min()),
                         last=int(v.max()))
    return None


def _value_column(df: pd.DataFrame, rest: list[str]) -> tuple[str, str] | None:
    """Customer value: amounts named like it (first: "ARPU" after "Tenure"), else positive
    decimals with many values not named as a measure (a tenure, an age, a duration)."""
    named_first = sorted(rest, key=lambda c: not (_VALUE_NAMES.search(_words(c))
                                                  and not _SEGMENT_NAMES.search(_words(c))))
    for c in named_first:
        s = df[c]
        v = _amounts(s)
        if v.notna().sum() < 0.5 * s.notna().sum() or v.notna().sum() == 0:
            continue
        # "Sales_Person" (a person's number) is a group, not an amount of sales
        named = bool(_VALUE_NAMES.search(_words(c))) and not _SEGMENT_NAMES.search(_words(c))
        decimals = not np.all(np.equal(np.mod(v.dropna().to_numpy(dtype=float), 1), 0))
        if not decimals and v.between(0, 10).all() and v.nunique() <= 11:
            continue  # whole numbers 0-10 ("Value" 1-5): a rating or a tier, not money
        if named or (decimals and (v.dropna() >= 0).mean() >= 0.95 and v.nunique() > 50
                     and not _is_id_like(s, c) and not _MEASURE_NAMES.search(_words(c))):
            rest.remove(c)
            return c, (tr("{column!r}, named like customer value (median {median:,.2f})",
                          column=c, median=v.median()) if named else
                       tr("{column!r}, positive amounts with many values (median "
                          "{median:,.2f})", column=c, median=v.median()))
    return None


def _segment_columns(df: pd.DataFrame, rest: list[str]) -> list[str]:
    """Columns of groups: 2-50 values (up to 200 with 20 answers a group on average), not
    ids, not free text, not one value everywhere;
    numbers only when named like groups."""
    segments = []
    for c in rest:
        s = df[c]
        if _is_id_like(s, c) and not _SEGMENT_NAMES.search(_words(c)):
            continue
        if pd.api.types.is_datetime64_any_dtype(s.dtype) or _date_like(s):
            continue  # a second date column (recorded, sent...) is no group
        filled = s.dropna()
        groups = filled.nunique()
        # a few groups, or many of 20+ answers on average (98 airlines, 150 stores: the
        # report ranks them in a funnel and a shrunk league table)
        if filled.empty or groups < 2 or (groups > 50 and (groups > 200
                                                          or len(filled) < 20 * groups)):
            continue
        if groups > max(len(filled) / 2, 3):
            continue  # most values once (phone numbers, a few typed answers): no groups
        numeric = pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(
            s.dtype)
        if numeric and (not _SEGMENT_NAMES.search(_words(c)) or _MEASURE_NAMES.search(
                _words(c))) and not _flag(filled):
            continue  # counts and measures are not groups, unless named like one or 0/1
        top_share = filled.value_counts(normalize=True).iloc[0]
        if top_share > 0.98 or (not numeric and filled.astype(str).str.len().median() > 40):
            continue  # one value everywhere, or free text
        segments.append(c)
    return segments


def _flag(filled: pd.Series) -> bool:
    """Whether numbers are a yes/no flag written 0 and 1 ("is_admin", "churned"): two groups,
    as the same flag written True/False is."""
    return bool(filled.isin([0, 1]).all())


def _best_codeframe(df: pd.DataFrame, sample: int) -> tuple[str, str]:
    """The preset that codes the most comments of a seeded sample
    (:func:`nps_toolkit.text.choose_codeframe`, as ``analyze_comments(codeframe="auto")``),
    and a sentence saying so with every preset's coverage."""
    from ..text import choose_codeframe

    best, coverage = choose_codeframe(df[df["comment"].notna()], sample=sample)
    shown = ", ".join(f"{k} {fmt(v, '.0%')}" for k, v in sorted(coverage.items(),
                                                                 key=lambda kv: (-kv[1], kv[0])))
    return best, tr("{best!r}, which codes the most comments ({shown})", best=best, shown=shown)
