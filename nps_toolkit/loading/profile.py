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
from .direction import scale_direction
from .finders import (
    _driver_columns,
    _drivers_reason,
    _period_column,
    _segment_columns,
    _trend_freq,
    _value_column,
    _weight_column,
)
from .names import (
    _CATEGORY_WORDS,
)
from .rolenames import _norm

__all__ = ["CONFIG_KEYS", "ExportProfile", "profile_export"]

#: the configuration keys, as the CLI, the config file and the notebooks name them
CONFIG_KEYS = ("score", "scale", "comment", "date", "freq", "customer", "weights", "segments",
               "period", "value", "drivers", "codeframe", "industry", "benchmark", "title",
               "lang")

#: each key as the report's box names it (the option keeps the English key)
_KEY_LABELS = {"score": N_("score"), "scale": N_("answer scale"), "comment": N_("comment"),
               "date": N_("date"), "freq": N_("periods"), "customer": N_("customer"),
               "weights": N_("weights"),
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
    #: the comments' reading of the score's ends when they say the scale runs the other way
    reversed_scale: Any = None

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
        if self.reversed_scale is not None:
            d = self.reversed_scale
            out.append(tr("check the scale: the comments read the other way of the scores, "
                          "less positive under {high} than under {low} (AUC {auc:.2f} on "
                          "{n:,} comments with words the word lists know; 0.7-0.96 on every "
                          "real survey read the right way). If the lowest answer is the best, "
                          "reverse the scores (answers 0-10: --scale 0=10,1=9,...,10=0; a scale "
                          "you mapped: map it the other way)",
                          high=f"{d.high[0]:g}-{d.high[1]:g}", low=f"{d.low[0]:g}-{d.low[1]:g}",
                          auc=d.auc, n=d.n_high + d.n_low))
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


def _plain(value: Any) -> Any:
    """A cell as Python writes it (``1``, not numpy's ``np.int64(1)``)."""
    return value.item() if isinstance(value, np.generic) else value


#: Qualtrics' codes of an NPS question's group column (``Q1_NPS_GROUP``)
_QUALTRICS_GROUPS = {1: "detractor", 2: "passive", 3: "promoter"}


def _category_column(df: pd.DataFrame, cols: list[str]) -> tuple[str, pd.Series] | None:
    """The column holding each answer's category in words (``Promotor``, ``Detractor``, in
    the supported languages) or as Qualtrics codes it (``Q1_NPS_GROUP``: 1 detractor, 2
    passive, 3 promoter), with the categories it says; None when none does."""
    from .rolenames import _NPS_CATEGORY

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
    found = _weight_column(df, rest)  # before the drivers and the value: numbers too
    if found:  # (None, why) for weights that cannot be used: said, never silently unweighted
        cfg["weights"], why["weights"] = found
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
    direction = (scale_direction(df["score"].astype("Float64").to_numpy(
        dtype=float, na_value=np.nan), df["comment"].reset_index(drop=True))
        if "comment" in df.columns else None)
    return ExportProfile(config=cfg, reasons=why, category_check=category_check,
                         missing=missing, spellings=_spellings_of(df, cfg["segments"]),
                         unused=[c for c in rest if c not in cfg["segments"]
                                 and c not in source_names.values()],  # a role's source
                         reversed_scale=direction if direction and direction.reversed else None)


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


def _best_codeframe(df: pd.DataFrame, sample: int) -> tuple[str, str]:
    """The preset that codes the most comments of a seeded sample
    (:func:`nps_toolkit.text.choose_codeframe`, as ``analyze_comments(codeframe="auto")``),
    and a sentence saying so with every preset's coverage."""
    from ..text import choose_codeframe

    best, coverage = choose_codeframe(df[df["comment"].notna()], sample=sample)
    shown = ", ".join(f"{k} {fmt(v, '.0%')}" for k, v in sorted(coverage.items(),
                                                                 key=lambda kv: (-kv[1], kv[0])))
    return best, tr("{best!r}, which codes the most comments ({shown})", best=best, shown=shown)
