"""The column finders of :func:`nps_toolkit.profile_export`: drivers (further rating
questions, numbers or worded), a period or wave index, customer value, survey weights and
segments, each taking the columns it recognises out of the ones left."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..i18n import N_, fmt, gettext, tr
from .columns import _date_like
from .names import (
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


def _is_id_like(s: pd.Series, name: str) -> bool:
    if _ID_NAMES.search(_words(name)):
        return True
    filled = s.dropna()
    return len(filled) > 50 and filled.nunique() > 0.9 * len(filled)


def _words_in_head(s: pd.Series, amounts: bool = False) -> bool:
    """A text column whose first 2,000 filled cells are mostly no numbers (read by
    ``to_numeric``, or as amounts with ``amounts``): no column of numbers, told without
    parsing every cell (``to_numeric`` and the amount reader took 1-3 s a column on a
    1M-row export, and every text column - a channel, an IP address, a date kept as text -
    was tried by three finders). Mostly: the finders ask nine in ten cells (half, for
    amounts), so a head below one in two cannot be such a column."""
    if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
        return False
    head = s.head(4000).dropna().head(2000)
    if len(head) < 20:
        return False
    # a cell without a digit is no number in any spelling ("1.234,50", "€12", "12 %")
    if head.astype("string").str.contains(r"\d", regex=True).mean() < 0.5:
        return True
    if amounts:
        from .._frames.amounts import parse_amounts

        try:
            parsed = parse_amounts(head, [], str(s.name))
        except ValueError:  # mixed decimal marks: as the full column would be
            return True
    else:
        parsed = pd.to_numeric(head, errors="coerce")
    return bool(parsed.notna().mean() < 0.5)


def _numbers(s: pd.Series) -> tuple[pd.Series, np.ndarray] | None:
    """The column as numbers and its filled values, when nine in ten filled cells are
    numbers (a text column whose head is words is not parsed: :func:`_words_in_head`)."""
    if _words_in_head(s):
        return None
    v = pd.to_numeric(s, errors="coerce") if not pd.api.types.is_numeric_dtype(s.dtype) \
        else s.astype(float)
    filled = v.dropna()
    if filled.empty or filled.size < 0.9 * s.notna().sum():
        return None
    return v, filled.to_numpy(dtype=float)


def _integers(s: pd.Series) -> pd.Series | None:
    """The column as whole numbers (None when it is not all whole numbers)."""
    found = _numbers(s)
    if found is None or not np.all(np.equal(np.mod(found[1], 1), 0)):
        return None
    return found[0]


def _ratings(s: pd.Series) -> pd.Series | None:
    """The column as ratings: numbers in 90% of its filled cells, on the half-point grid in
    95% of them (a B2B export that averages two people's answers per company writes 8.5
    beside 8 and 9; a mean of several, 7.33, is no answer); None otherwise."""
    found = None if pd.api.types.is_bool_dtype(s.dtype) else _numbers(s)
    if found is None:
        return None
    halves = np.equal(np.mod(2 * found[1], 1), 0)
    return found[0] if halves.mean() >= 0.95 else None


def _amounts(s: pd.Series) -> pd.Series:
    """Numbers of a column as an amount reader reads them ("1.234,50", "€12"), NaN where
    a cell is not one."""
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return s.astype(float)
    if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_datetime64_any_dtype(
            s.dtype) or _words_in_head(s, amounts=True):
        return pd.Series(np.nan, index=s.index)
    from .._frames.amounts import parse_amounts

    try:
        return parse_amounts(s, [], str(s.name))
    except ValueError:  # mixed currencies or decimal marks: not a clean value column
        return pd.Series(np.nan, index=s.index)

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
            on_scale = [a for a, level in (levels or {}).items() if level == level]
            if levels and df[c].isin(on_scale).sum() >= 0.5 * len(df):  # (not NaN: a level)
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


# a survey weight, as statistics packages and panel vendors name it ("weight", "wt_final",
# "design weight", "Gewichtung", "poids", "ponderador", "factor de expansión", "가중치")
_WEIGHT_NAMES = re.compile(
    r"^((final|design|survey|sample|sampling|case|post ?strat(ification)?|rim|calibration|"
    r"respondent|resp) )?(weight|weights|wt|wgt|wght|weighting|weighting factor|"
    r"weight factor)( (final|var|variable|factor|total|adj|adjusted))?$|"
    r"^(poids|ponderation|coefficient de ponderation|ponderacion|ponderador|"
    r"factor de (expansion|ponderacion)|peso|pesos|fator de (expansao|ponderacao)|"
    r"gewicht|gewichtung|gewichtungsfaktor|вес|весовой коэффициент|가중치|가중값|权重|"
    r"加权|加权系数)$")


def _weight_column(df: pd.DataFrame, rest: list[str]) -> tuple[str | None, str] | None:
    """A column of survey weights: named as one (``_WEIGHT_NAMES``), numbers 0 or more
    (finite, not all 0) for every answer; the weights' range and Kish's effective number
    of answers, (sum w)^2 / sum w^2 (Kish 1965, *Survey Sampling*, sec. 11.7), said. A
    weighted survey read unweighted gives the sample's NPS, not the population's. A column
    named so whose weights are missing, negative or all 0 for some answers is not used:
    (None, why, with the rows), and the report is unweighted in the open."""
    for c in list(rest):
        if not _WEIGHT_NAMES.match(_words(c)) or not pd.api.types.is_numeric_dtype(df[c]):
            continue
        w = df[c].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        filled = w[np.isfinite(w)]
        rest.remove(c)
        bad = np.flatnonzero(~np.isfinite(w) | (w < 0))
        if len(bad) or not (filled > 0).any():
            return None, tr("column {column!r} is named like survey weights but {n:,} answer(s) "
                            "have none, a negative or an infinite one (responses {rows}), or every "
                            "weight is 0: the report is NOT weighted. Give every answer a weight "
                            "(0 leaves one out on purpose) and read the file again",
                            column=c, n=len(bad), rows=", ".join(f"#{i + 1}" for i in bad[:5])
                            + (" ..." if len(bad) > 5 else ""))
        n_eff = filled.sum() ** 2 / (filled ** 2).sum()
        return c, tr("column {column!r}: survey weights from {low} to {high}; the NPS, its "
                     "interval, the segments and the trend are weighted, with the information "
                     "of {n_eff:,.0f} unweighted answers out of {n:,} (Kish's effective "
                     "sample size)", column=c, low=fmt(float(filled.min()), ".3g"),
                     high=fmt(float(filled.max()), ".3g"), n_eff=n_eff, n=len(filled))
    return None
