"""Which column holds the score, the comment, the date and the ids: by name or question text."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..errors import ColumnNotFoundError
from ..i18n import tr
from .dates import _spellings
from .localdates import local_dates
from .rolenames import (
    _ANSWER_DATE_NAMES,
    _ANSWER_DATE_WORDS,
    _BIRTH_NAMES,
    _CUSTOMER_NAMES,
    _CUSTOMER_PATTERN,
    _DATE_NAMES,
    _NPS_CATEGORY,
    _RECOMMEND_WORDS,
    _RESPONSE_NAMES,
    _SCORE_NAMES,
    _SCORE_WORDS,
    _first_exact,
    _name_forms,
    _norm,
)
from .scores import _arrow_text, _parse_scores


def _likely_date(names: list[str], date: str | bool | None) -> str | None:
    """The column _detect will most likely take as the date: the override ``date`` when it
    is one of ``names``, or with None the first named like a date, as detection ranks them
    (when that one is blank detection takes the next, and work started on the guess is
    dropped); None with ``date=False``."""
    if isinstance(date, str):
        return date if date in names else None
    if date is not None:
        return None
    return _first_exact(names, _ANSWER_DATE_NAMES, set()) or _first_pattern(
        names, {}, _ANSWER_DATE_WORDS, set(), lambda c: True) or _first_exact(
        names, _DATE_NAMES, set())


def _first_pattern(columns: list[str], texts: dict[str, str], patterns: list[str],
                   taken: set[str], accept: Callable[[str], bool]) -> str | None:
    hays = {c: _hay(c, texts) for c in columns if c not in taken}
    for pat in patterns:
        search = re.compile(pat).search
        for c, hay in hays.items():
            if search(hay) and accept(c):
                return c
    return None


def _hay(column: str, texts: dict[str, str]) -> str:
    """What a column's role is searched in: its name in every form (:func:`_name_forms`)
    and the question text a vendor's header gives it."""
    return " | ".join(_name_forms(column)) + " " + _norm(texts.get(column, ""))


def _score_like(series: pd.Series, share: float = 0.5) -> bool:
    """At least ``share`` of the non-blank cells (of the first 500) parse as numbers 0-10.

    A column *named* like a score needs less evidence (``share=0.2``): if it is messy, the
    invalid-score error that follows says so, which beats silently picking another column.
    """
    sample = series.head(500)
    _, kind = _parse_scores(sample)
    nonblank = kind != 1
    return nonblank.sum() > 0 and (kind[nonblank] == 0).mean() >= share


def _anonymous(series: pd.Series) -> bool:
    """Every filled cell of the first 1,000 says the respondent is anonymous (Microsoft
    Forms writes "anonymous" in its Email column; see ``ids._ANONYMOUS``)."""
    from .ids import _ANONYMOUS

    head = series.head(1000).dropna()
    if head.empty or pd.api.types.is_numeric_dtype(head.dtype):
        return False
    return bool(head.astype(str).str.strip().str.casefold().isin(_ANONYMOUS).all())


def _one_number(series: pd.Series) -> bool:
    """The same number in each of 20 or more answered cells of the first 500: no answers
    (a Google Forms quiz's ``Score`` / ``Puntuación`` column holds 0 in every row)."""
    values, kind = _parse_scores(series.head(500))
    valid = values[kind == 0]
    return len(valid) >= 20 and bool((valid == valid[0]).all())


#: A number as text (pandas.to_numeric's usual forms), for a quick look at a column's head
_NUMBER = r"^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$"


def _is_blank(s: pd.Series) -> bool:
    """Every cell empty or missing. The first cells usually settle it; only a column that
    starts blank is checked to the end."""
    def blank(part: pd.Series) -> bool:
        return bool(part.isna().all() or part.astype("string").str.strip().fillna("")
                    .eq("").all())

    if getattr(s.dtype, "kind", "O") in "iufbmM":
        # numbers, timestamps (a date column the reader parsed): blank only where missing
        return bool(s.head(1000).isna().all() and s.isna().all())
    text = _arrow_text(s)
    if text is not None:  # as read from a file: Arrow answers without pandas' overhead
        if text.null_count == len(text):
            return True
        filled = text.slice(0, 1000).drop_null().slice(0, 20).to_pylist()
        if any(v.strip() for v in filled):  # the usual filled column
            return False
    return blank(s.head(1000)) and blank(s)


def _detect(frame: pd.DataFrame, texts: dict[str, str], overrides: dict[str, str | None],
            notes: list[str], unique: set[str] | None = None,
            source: str = "") -> dict[str, str]:
    """Map canonical names to columns of ``frame``. Overrides win; None disables a role.
    A response id column seen to be filled and unique is added to ``unique``. Roles are
    found in order (score, comment, date, customer, response id), each among the columns
    no earlier role took."""
    from .comments import _comment_column  # comments build on this module

    cols = [str(c) for c in frame.columns]
    found: dict[str, str] = {}
    for role, value in overrides.items():
        if value is not None and value is not False:
            if value not in frame.columns:
                raise ColumnNotFoundError(
                    f"{role}={value!r} is not a column of the file; columns are {cols[:40]}")
            found[role] = value
    blank = _Blank(frame)

    def want(role: str) -> bool:
        return role not in found and overrides.get(role, "auto") is not False

    finders = {
        "score": lambda taken: _score_column(frame, cols, texts, taken, source, notes),
        "comment": lambda taken: _comment_column(frame, cols, texts, taken, notes),
        "date": lambda taken: _date_column(frame, cols, taken, blank, notes),
        "customer_id": lambda taken: _customer_column(frame, cols, taken, blank),
        "response_id": lambda taken: _response_id_column(frame, cols, taken, unique),
    }
    for role, finder in finders.items():
        if want(role):
            cand = finder(set(found.values()))
            if cand:
                found[role] = cand
    return found


def _customer_column(frame: pd.DataFrame, cols: list[str], taken: set[str],
                     blank: _Blank) -> str | None:
    """The customer id: a column named as one (``_CUSTOMER_NAMES``), else a customer word
    with an id word (``_CUSTOMER_PATTERN``: "Company_ID", "account_no", "Kundennummer").
    A bare word ("Company") or a name ("Company name", kept only for organisations: people
    share names) is taken only when its values look like keys, not groups: more than 50
    distinct values, or at least half the filled cells distinct."""
    def none(c: str) -> bool:  # no customer in it: blank, or "anonymous" throughout
        return blank.of(c) or _anonymous(frame[c])

    found = _first_exact(cols, _CUSTOMER_NAMES, taken, none)
    if found is not None:
        return found
    # a field of a nested JSON object ("hidden.customer_id", "person.email") by its own name
    leaf = {c.rsplit(".", 1)[1]: c for c in cols if "." in c and c not in taken}
    found = _first_exact(list(leaf), _CUSTOMER_NAMES, set(), lambda n: none(leaf[n]))
    if found is not None:
        return leaf[found]
    for c in cols:
        name, match = next(((n, m) for n in _name_forms(c)
                            if (m := _CUSTOMER_PATTERN.match(n))), (_norm(c), None))
        if c in taken or match is None or none(c):
            continue
        bare = not (match["before"] or match["after"])
        named = "name" in (match["before"], match["after"])
        if named and not re.search(r"account|company|organi|business|firma|empresa|"
                                   r"entreprise|societe|компани", name):
            continue  # a person's name is no key: two customers share one
        if bare or named:
            filled = frame[c].dropna()
            distinct = filled.nunique()
            if not (distinct > 50 or (len(filled) and distinct >= 0.5 * len(filled))
                    or _id_shaped(filled)):
                continue
        return c
    # a column of e-mail addresses, whatever its name (a form's "Dirección de correo
    # electrónico", a CRM's "Contact"): each address is one person
    for c in cols:  # the glance at "@" first: 0.1 ms a column, the anonymous check ~1 ms
        if c not in taken and _emails(frame[c]) and not none(c):
            return c
    return None


def _emails(s: pd.Series) -> bool:
    """Whether nine in ten of a text column's first 1,000 filled cells (among its first
    5,000 rows: the column is not read in full) are e-mail addresses. A column whose first
    rows hold no "@" is passed over at a glance (34 columns of a wide export: 57 -> ~5 ms)."""
    if not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)):
        return False
    from .scores import _arrow_text

    text = _arrow_text(s)
    if text is not None:  # Arrow text, as files give it: the glance by Arrow's kernel
        import pyarrow.compute as pc

        glance = text.slice(0, 200)
        filled = len(glance) - glance.null_count
        if not filled or 2 * (pc.sum(pc.match_substring(glance, "@")).as_py() or 0) < filled:
            return False
    else:
        glance = s.iloc[:200].dropna()
        if not len(glance) or glance.astype(str).str.contains("@", regex=False).mean() < 0.5:
            return False
    head = s.iloc[:5000].dropna().head(1000).astype(str).str.strip()
    head = head[head != ""]
    from .ids import _EMAIL  # the address as customer ids are cleaned by it

    return len(head) >= 3 and head.str.fullmatch(_EMAIL).mean() >= 0.9


def _id_shaped(values: pd.Series) -> bool:
    """Codes of one length mixing letters and digits in every cell of the first 1,000
    (``0015g00000Ab0001CAA``, Salesforce's account ids; ``CUST0001``): a key, however often
    one customer answered (a bare "Account" column of 20 accounts in 60 answers)."""
    head = values.head(1000).astype(str)
    if head.empty or head.str.len().nunique() != 1 or head.str.len().iloc[0] < 6:
        return False
    return bool(head.str.fullmatch(r"(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]+").all())


class _Blank:
    """Which columns are empty in every row, each worked out once and only if a role asks
    about it (a 240-column export: 18 ms for every column)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.seen: dict[str, bool] = {}

    def of(self, column: str) -> bool:
        if column not in self.seen:
            self.seen[column] = _is_blank(self.frame[column])
        return self.seen[column]


def _score_column(frame: pd.DataFrame, cols: list[str], texts: dict[str, str],
                  taken: set[str], source: str = "", notes: list[str] | None = None) -> str:
    """The 0-10 recommend column: named like it and mostly 0-10, else asking the recommend
    question with 0-10 answers, else the only column answered 0-10 in a file named for the
    NPS (said); none is an error that says what was found instead."""
    cand = _first_exact(cols, _SCORE_NAMES, taken)
    if cand is not None and not _score_like(frame[cand], share=0.2):
        cand = None
    if cand is not None and _one_number(frame[cand]):  # a quiz's points beside the question
        asked = _first_pattern(cols, texts, _SCORE_WORDS, taken | {cand},
                               lambda c: _score_like(frame[c]) and not _one_number(frame[c]))
        if asked is not None and notes is not None:
            notes.append(tr("column {column!r} holds the same number in every row (a Google "
                            "Forms quiz's points): {asked!r} is read as the score; pass score= "
                            "(--score) to choose another.", column=cand, asked=asked))
        cand = asked or cand
    if cand is None:  # (a column of the category, Qualtrics' "Q1_NPS_GROUP", is no score)
        cand = _first_pattern(cols, texts, _SCORE_WORDS, taken,
                              lambda c: _score_like(frame[c])
                              and not _NPS_CATEGORY.search(_norm(c)))
    if cand is None:  # Qualtrics names an NPS question's category column after it
        named = [c[:-len("_NPS_GROUP")] for c in cols if c.upper().endswith("_NPS_GROUP")]
        cand = next((q for q in named if q in cols and q not in taken
                     and _score_like(frame[q])), None)
        if cand is not None and notes is not None:
            notes.append(tr("column {column!r} read as the score: Qualtrics names the "
                            "category column of its NPS question after it ({group!r}).",
                            column=cand, group=cand + "_NPS_GROUP"))
    if cand is None:
        # the refusals build on this module
        from .refusals import _no_score_column, _only_score_of_an_nps_file

        cand = _only_score_of_an_nps_file(frame, cols, taken, source)
        if cand is not None and notes is not None:
            notes.append(tr("column {column!r} read as the score: the only column answered "
                            "0-10 in a file named for the NPS ({file!r}); pass score= "
                            "(--score) to choose another.", column=cand,
                            file=Path(source).name))
        elif cand is None:
            _no_score_column(frame, cols, _first_exact(cols, _SCORE_NAMES, taken), texts)
    _other_recommend_questions(frame, cols, texts, taken | {cand}, cand, notes)
    return cand


def _other_recommend_questions(frame: pd.DataFrame, cols: list[str], texts: dict[str, str],
                               taken: set[str], chosen: str, notes: list[str] | None) -> None:
    """Say so when more columns ask the recommend question with 0-10 answers (the company's
    and the product's, or a branch's and the brand's): the first is read, the others stay
    further questions (drivers)."""
    if notes is None:
        return
    asks = [re.compile(p).search for p in _SCORE_WORDS[:1 + len(_RECOMMEND_WORDS)]]
    others = [c for c in cols if c not in taken and any(a(_hay(c, texts)) for a in asks)
              and _score_like(frame[c])  # (Qualtrics' "Q1_NPS_GROUP" is the category)
              and not _NPS_CATEGORY.search(_norm(c))]
    if others:
        notes.append(tr("{n} more column(s) ask the recommend question ({others}): {column!r} "
                        "is read as the score; pass score= (--score) to read another, or "
                        "combine_scores to average them.", n=len(others),
                        others=", ".join(repr(c) for c in others[:3]), column=chosen))


def _date_column(frame: pd.DataFrame, cols: list[str], taken: set[str], blank: _Blank,
                 notes: list[str]) -> str | None:
    """The answer date: a filled column named like a date, else a compound or vendor name
    holding dates, else a column of dates whatever its name (the note says which)."""
    cand = _first_exact(cols, _ANSWER_DATE_NAMES, taken, blank.of)
    preferred = _first_exact(cols, _ANSWER_DATE_NAMES, taken)
    if cand is None:  # "surveyed_at" over a generic "created_at" or "timestamp"
        answered = _first_pattern(cols, {}, _ANSWER_DATE_WORDS, taken,
                                  lambda c: not blank.of(c) and _date_like(frame[c]))
        generic = _first_exact(cols, _DATE_NAMES, taken, blank.of)
        if answered is not None:
            if generic is not None:
                notes.append(tr("date column {column!r} taken over {other!r}: its name says "
                                "when the survey was answered; to read the other, pass "
                                "date={other!r} (--date COL to the report).", column=answered,
                                other=generic))
            else:
                notes.append(tr("date column {column!r} found by its name and content; to "
                                "read another column, pass date='<column>' (--date COL to the "
                                "report).", column=answered))
            cand = answered
            preferred = preferred or answered
        else:
            cand = generic
            preferred = preferred or _first_exact(cols, _DATE_NAMES, taken)
    if cand is None and preferred is None:
        # a compound or vendor name (CUSTOMER_RESPONSE_DATE, Date de réponse, Fecha de
        # envío) holding dates, else a column of dates whatever its name
        cand = _first_pattern(cols, {}, _DATE_WORDS, taken,
                              lambda c: not blank.of(c) and not _BIRTH_NAMES.search(_norm(c))
                              and _date_like(frame[c]))
        if cand is None:
            cand = next((c for c in cols if c not in taken
                         and not _BIRTH_NAMES.search(_norm(c))
                         and _date_like(frame[c], strict=True)), None)
        if cand is not None:
            by_name = _first_pattern([cand], {}, _DATE_WORDS, set(), lambda c: True)
            notes.append(tr("date column {column!r} found by its name and content; to read "
                            "another column, pass date='<column>' (--date COL to the report).",
                            column=cand) if by_name else
                         tr("date column {column!r} found by its content; to read another "
                            "column, pass date='<column>' (--date COL to the report).",
                            column=cand))
    if cand is None and preferred is None:  # no dates: a column of months ("202104")
        from .months import _month_column

        cand = _month_column(frame, cols, taken)
        if cand is not None:
            notes.append(tr("date column {column!r} found by its name and content; to read "
                            "another column, pass date='<column>' (--date COL to the report).",
                            column=cand))
    if preferred and preferred != cand:
        notes.append(tr("date column {column!r} is empty in every row; using {other!r} "
                        "instead.", column=preferred, other=cand) if cand else
                     tr("date column {column!r} is empty in every row; no other date column "
                        "is filled, so there are no dates.", column=preferred))
    return cand


def _response_id_column(frame: pd.DataFrame, cols: list[str], taken: set[str],
                        unique: set[str] | None) -> str | None:
    for name in _RESPONSE_NAMES:
        cand = _first_exact(cols, [name], taken)
        if cand and frame[cand].notna().all() and _is_unique(frame[cand]):
            if unique is not None:
                unique.add(cand)
            return cand
        if cand and name not in ("#", "id", "response", "token"):
            return cand  # named as an id: duplicates are real duplicates
    return None


_DATE_WORDS = [r"\bdate\b", r"\bdatum", r"\bfecha\b", r"\bdata\b", r"дата", r"날짜",
               r"日期", r"时间", r"\btimestamp", r"\bdatetime", r"\bsubmitted", r"\bresponded",
               r"\banswered\b", r"\breceived\b", r"\brecorded\b", r"\bcompleted\b",
               r"\bcreated\b", r"\bzeitstempel", r"\bhorodatage", r"\bdate de", r"일자",
               r"일시", r"时间戳", r"填写时间", r"提交时间"]
# a cell written as a date: 2025-03-04, 04/03/2025, 4.3.25, 2025/03/04 10:11 PM ...
_DATE_SHAPE = re.compile(r"^\s*(\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})"
                         r"([ T]\d{1,2}:\d{2}.*)?\s*$")


#: a day number (1-2 digits) and a four-digit year, in either order
_DAY_AND_YEAR = r"^(?=.*(?<!\d)\d{1,2}(?!\d))(?=.*(?<!\d)\d{4}(?!\d))"


def _date_like(series: pd.Series, *, strict: bool = False) -> bool:
    """Whether a column holds dates: a date type, or (of its first 200 filled cells) at
    least 90% written like a date (``strict``: every one, for a column whose name says
    nothing) that pandas reads."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return True
    if pd.api.types.is_numeric_dtype(series.dtype):
        return False
    head = series.dropna().head(200).astype("string").str.strip()
    head = head[head != ""]
    if len(head) < (5 if strict else 1):
        return False
    head = local_dates(head)  # "2023년 11월 19일", "9 avril 2025": as the reader reads them
    shaped = head.str.match(_DATE_SHAPE).fillna(False).to_numpy()
    if not strict and shaped.mean() < 0.9:
        # a column named like a date may write them several ways (an export assembled from
        # several systems): months in words, and Excel day numbers, yyyymmdd or Unix times
        # among them (:func:`_by_spelling` reads each); a column named nothing must be
        # written like a date in every cell
        _, kinds = _spellings(head.reset_index(drop=True))
        numbers = kinds["serial"] | kinds["compact"] | kinds["unix"] | kinds["unix_ms"]
        shaped |= kinds["worded"]
        if (shaped | numbers).mean() < 0.9:
            return False
        if not shaped.any():  # day numbers or Unix times only
            return True
    elif shaped.mean() < (1.0 if strict else 0.9):
        # a column named nothing: every cell written like a date, months in words among
        # them when with a day and a year ("09-Apr-2025", "April 9, 2025": a review site's
        # "posted_at" was left out; "Jan 2024" may be a cohort, "Mar 5" has no year)
        worded = _spellings(head.reset_index(drop=True))[1]["worded"]
        shaped |= worded & head.str.contains(_DAY_AND_YEAR).fillna(False).to_numpy()
        if shaped.mean() < 1.0:
            return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        read = pd.to_datetime(head[shaped], format="mixed", errors="coerce", dayfirst=True)
    return bool(read.notna().mean() >= 0.9)


def _is_unique(s: pd.Series) -> bool:
    """Whether every value of a column without missing values differs. Exports usually list
    responses in id order, and strictly increasing values are distinct: one vectorised
    comparison of neighbours (~7 ms on a million string ids) instead of hashing them all
    (~0.1 s). Any other order is hashed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(s) > 1:
        a = _arrow_text(s)  # a text column as read: its Arrow data as it is
        if a is None:
            try:
                a = pa.array(s)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError,
                    TypeError):
                a = None
        if a is not None and a.null_count == 0:
            try:
                if pc.all(pc.greater(a.slice(1), a.slice(0, len(a) - 1))).as_py():
                    return True
            except pa.ArrowNotImplementedError:  # a type without an order
                pass
            # numbers written as text ("9", "10") increase as numbers, not as text: strictly
            # increasing integers are distinct, and so are the texts they were read from
            # (a million ids: ~20 ms against ~0.14 s hashed; issue 28)
            if pa.types.is_string(a.type) or pa.types.is_large_string(a.type):
                try:
                    n = pc.cast(a, pa.int64())
                    if pc.all(pc.greater(n.slice(1), n.slice(0, len(n) - 1))).as_py():
                        return True
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    pass
    return bool(s.is_unique)


# --------------------------------------------------------------------------- reading files
