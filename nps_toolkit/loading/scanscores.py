"""The score column of a lazy source in DuckDB SQL, read by the loader's rule: the same
cells valid, blank and invalid as :func:`~nps_toolkit.loading.read_survey` reads them, the
same refusal of another scale, and ``scale=`` mapped in the engine."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InvalidScoreError, describe_examples
from ..i18n import tr
from .report import LoadReport
from .scores import _LABELLED, _NA_TOKENS, _WORD_VALUE, _parse_scores, apply_scale, check_scale

# The loader's score rule (scores._SCORE_RE) in RE2, DuckDB's regex dialect: a number,
# optionally "/10" or followed by a vendor label that starts with a letter and holds no digit
# ("10 - Extremely likely", "9 — Very likely", "10 Extremely likely", "0 (Not at all
# likely)"); "3-4" or "0-6" (a range) is not a score. Python's \d and [^\W\d_] are Unicode,
# so RE2 gets \p{Nd} and \pL. Tested against _parse_scores on the same cells.
_SCORE_SQL = (r"^\s*([+-]?\p{Nd}+(?:[.,]\p{Nd}+)?)\s*"
              r"(?:/\s*10(?:[.,]0+)?|(?:[-–—:=(\[]\s*|\s+)\pL[^\p{Nd}]*)?\s*$")


def _number_sql(col: str) -> str:
    """A score cell's number in SQL, as :func:`_parse_scores` reads it: the number of the
    cell (``_SCORE_SQL``), else a number in words ("ten", "dix"), else a labelled one
    ("score 8", "8 out of 10"); NULL when it holds none."""
    # digits of other widths and scripts as ASCII ones ("１０", "١٠", "۱۰", "१०"), as the
    # loader reads them (scores._DIGITS after NFKC); then the loader's rule
    col = f"translate({col}, '{_OTHER_DIGITS}', '{'0123456789' * (len(_OTHER_DIGITS) // 10)}')"
    low = f"lower(trim({col}))"
    words = " ".join(f"WHEN '{w.replace(chr(39), chr(39) * 2)}' THEN {v:.1f}"
                     for w, v in sorted(_WORD_VALUE.items()))
    labelled = _LABELLED.pattern.replace(r"\d", r"\p{Nd}").replace("'", "''")
    groups = ", ".join(f"NULLIF(regexp_extract({low}, '{labelled}', {k}), '')"
                       for k in range(1, _LABELLED.groups + 1))  # every way it is written
    return (f"COALESCE(TRY_CAST(replace(regexp_extract({col}, '{_SCORE_SQL}', 1), ',', '.') "
            f"AS DOUBLE), CASE {low} {words} END, TRY_CAST(COALESCE({groups}) AS DOUBLE))")


#: the decimal digits the loader reads besides ASCII ones: fullwidth, Arabic-Indic, Eastern
#: Arabic-Indic (Persian, Urdu), Devanagari, Bengali, Thai, each 0 to 9
_OTHER_DIGITS = "".join(chr(base + i) for base in (0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6,
                                                    0x0E50) for i in range(10))


def score_expr(name: str, dtype: str, sample: pd.Series, report: LoadReport,
               on_invalid: str = "raise", first_row: int = 2, *,
               scale: Mapping[Any, int] | None = None, question: str = "",
               comments: pd.Series | None = None) -> str:
    """The score column in SQL, read by the loader's rule (same cells valid, blank and
    invalid as :func:`read_survey`); invalid cells stop the query or become missing. As in
    read_survey, a sample that reads as another scale (1-5 stars: everyone a detractor)
    stops with the mapping to pass, and ``scale=`` maps the answers in the engine."""
    if on_invalid not in ("raise", "exclude"):
        raise ValueError(f"on_invalid must be 'raise' or 'exclude', got {on_invalid!r}")
    col = _q(name)
    if scale is not None:
        return _scaled_expr(name, sample, report, scale, on_invalid, first_row)
    values, kind = _parse_scores(sample)
    try:
        check_scale(values, kind, name, question, comments)
    except InvalidScoreError as exc:  # the same words, scan's own argument
        raise InvalidScoreError(str(exc).replace("read_survey(..., scale=", "scan(..., scale="),
                                column=name) from None
    if any(t in dtype for t in ("INT", "DOUBLE", "FLOAT", "DECIMAL", "REAL")):
        return f"{col} AS score"  # numbers: checked for 0-10 whole numbers when counted
    bad = np.flatnonzero(kind >= 2)
    if len(bad) and on_invalid == "raise":
        _stop(name, sample, bad, first_row, "invalid value(s)", "Scores must be whole numbers "
              "0-10. Fix the file, or pass on_invalid='exclude' to count such cells as missing "
              "scores.")
    if len(bad):
        examples = list(dict.fromkeys(sample.iloc[bad].astype(str)))[:3]
        rows = [int(p) + first_row for p in bad[:5]]
        report.notes.append(
            f"score column {name!r} is text: {len(bad)} of the first {len(sample):,} cells are "
            f"not a 0-10 whole number (rows {rows}, e.g. {examples!r}); as asked "
            "(on_invalid='exclude') such cells, here and past the sample, count as missing "
            "scores (n_missing).")
    else:
        report.notes.append(f"score column {name!r} is text; it is parsed in the engine by "
                            "read_survey's rule (a 0-10 whole number, '10/10', '10 - Extremely "
                            "likely'; a range such as '3-4' is not a score).")
    number = _number_sql(col)
    valid = f"{number} BETWEEN 0 AND 10 AND {number} = floor({number})"
    invalid = _invalid_sql(name, col, on_invalid, "is not a whole number 0-10",
                           "Fix the file")
    return (f"CASE WHEN {col} IS NULL OR lower(trim({col})) IN ({_NA_SQL}) THEN NULL "
            f"WHEN {valid} THEN CAST({number} AS TINYINT) ELSE {invalid} END AS score")


#: the loader's blank spellings of a score cell, as an SQL list
_NA_SQL = ", ".join("'" + t.replace("'", "''") + "'" for t in sorted(_NA_TOKENS))


def _stop(name: str, sample: pd.Series, bad: np.ndarray, first_row: int, what: str,
          fix: str) -> None:
    """Stop on the sample's ``bad`` cells (positions), named with their rows in the file."""
    labels = [f"row {int(p) + first_row}" for p in bad[:5]]
    values = list(sample.iloc[bad[:5]])
    raise InvalidScoreError(
        f"score column {name!r} has {len(bad)} {what} in the first {len(sample):,} rows: "
        f"{describe_examples(labels, values, len(bad))}. {fix}", column=name,
        positions=[int(p) + first_row for p in bad[:5]], values=values, count=len(bad))


def _invalid_sql(name: str, col: str, on_invalid: str, why: str, fix: str) -> str:
    """What the engine makes of a cell past the sample that is no answer: a missing score
    (``on_invalid="exclude"``), or an error that names it, ``why`` and the ``fix``."""
    literal = name.replace("'", "''")
    return "NULL" if on_invalid == "exclude" else (
        f"error('score column ''{literal}'' holds \"' || {col} || '\", which {why} (met "
        f"while counting, past the sample scan checked). {fix}, or pass "
        "on_invalid=''exclude'' to scan to count such cells as missing scores.')")


def _scaled_expr(name: str, sample: pd.Series, report: LoadReport, scale: Mapping[Any, int],
                 on_invalid: str, first_row: int) -> str:
    """The score column mapped to 0-10 with ``scale=`` in the engine, as
    :func:`~nps_toolkit.loading.scores.apply_scale` maps it: a key matches the cell's number
    (``5``, ``"5"``, ``5.0``, ``"5점"``) or its text (lower case, trimmed); blank cells stay
    blank, an answer missing from the table is invalid (stops the count, or is missing with
    ``on_invalid="exclude"``)."""
    _, kind = apply_scale(sample, scale)  # checks the table: whole numbers 0-10
    bad = np.flatnonzero(kind >= 2)
    if len(bad) and on_invalid == "raise":
        _stop(name, sample, bad, first_row, "answer(s) that scale= does not map", "Add them to "
              "the table, or pass on_invalid='exclude' to count them as missing scores.")
    col = f"CAST({_q(name)} AS VARCHAR)"
    number, low = _number_sql(col), f"lower(trim({col}))"
    whens = []
    for k, v in scale.items():
        text = str(k).strip()
        try:
            key = float(text.replace(",", "."))
            whens.append(f"WHEN {number} = {key!r} THEN {int(v)}")
        except ValueError:
            whens.append(f"WHEN {low} = '{text.lower().replace(chr(39), chr(39) * 2)}' "
                         f"THEN {int(v)}")
    invalid = _invalid_sql(name, col, on_invalid, "scale= does not map",
                           "Add it to the table")
    report.notes.append(tr("score answers mapped to 0-10 with scale={scale!r}.",
                           scale=dict(scale)))
    return (f"CASE WHEN {col} IS NULL OR {low} IN ({_NA_SQL}) THEN NULL "
            + " ".join(whens) + f" ELSE {invalid} END AS score")


def _q(name: str) -> str:
    """A column name quoted for SQL."""
    return '"' + str(name).replace('"', '""') + '"'
