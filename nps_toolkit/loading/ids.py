"""Customer ids as one customer is written: the key that call lists, waves and the order log
are joined on."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from ..i18n import tr
from .scores import _NA_TOKENS

# an e-mail address as exports write one (RFC 5321 allows a case-sensitive local part, but
# mail systems treat addresses without regard to case, and so do CRMs matching contacts)
_EMAIL = r"[^@\s]+@[^@\s]+\.[^@\s]+"

# Python's \s on text (every Unicode space, and \x1c-\x1f, \x85) in RE2's syntax: Arrow's
# own \s is ASCII only
_SPACE = r"[\s\pZ\x{1c}-\x{1f}\x{85}]"

#: what forms write in place of the respondent when the survey is anonymous (Microsoft
#: Forms: "anonymous" in its Email column): no customer, not one customer answering often
_ANONYMOUS = frozenset(["anonymous", "anon", "anonym", "anonyme", "anónimo", "anonimo",
                        "anónima", "anonima", "anonimno", "анонимно", "аноним", "익명", "匿名",
                        "unknown", "unbekannt", "inconnu", "desconocido"])


#: a missing value written out (R's NA, "n/a", "null", "none", a dash): no customer either
_NO_ID = frozenset(_NA_TOKENS) - {""}


def _clean_ids(ids: pd.Series, notes: list[str], column: str) -> pd.Series:
    """Text customer ids with the spaces typed around or inside them taken out (``"  Ana
    Rocha"``, ``"Ana  Rocha "`` -> ``"Ana Rocha"``), e-mail addresses in lower case, and ids
    of spaces only missing; the note says how many rows changed and which customers were
    written more than one way. Ids that differ only in capitals and are not e-mail addresses
    (names, or codes such as Salesforce's case-sensitive ids) are kept apart and named in a
    note. The same function reads the survey's and the order log's ids, so both sides of a
    join agree. Numbers and other types are returned as they are.

    Each distinct id is cleaned once (a million rows of 200,000 ids: vectorised on the
    distinct values).

    Examples
    --------
    >>> notes = []
    >>> _clean_ids(pd.Series(["  Ana Rocha", "Ana  Rocha ", "Bo@X.com", " "], dtype="string"),
    ...            notes, "customer").tolist()
    ['Ana Rocha', 'Ana Rocha', 'bo@x.com', <NA>]
    """
    if not (pd.api.types.is_string_dtype(ids.dtype) or ids.dtype == object):
        return ids
    if _clean_already(ids):  # nothing to take out, lower or name: as they are
        return ids
    codes, uniq = pd.factorize(ids.astype("string"), use_na_sentinel=True)
    if len(uniq) == 0:
        return ids
    raw = pd.Series(uniq, dtype="string")
    clean, email = _spaces_and_emails(raw)
    clean = clean.mask(clean == "")
    anonymous = clean.str.lower().isin(_ANONYMOUS | _NO_ID).fillna(False).to_numpy()  # 5 ms
    clean = clean.mask(anonymous)
    changed = (clean != raw).fillna(True).to_numpy() & ~anonymous
    weights = np.bincount(codes[codes >= 0], minlength=len(raw))
    out = ids
    if anonymous.any():
        notes.append(tr("customer ids in {column!r}: {n:,} answer(s) name no customer "
                        "({values}) and are read without one, not as one customer answering "
                        "them all.", column=column, n=int(weights[anonymous].sum()),
                        values=", ".join(repr(v) for v in raw[anonymous].head(3))))
    if changed.any() or anonymous.any():
        out = pd.Series(clean.array.take(codes, allow_fill=True), index=ids.index,
                        name=ids.name)
    if changed.any():
        spellings = raw[clean.notna().to_numpy()].groupby(clean.dropna().to_numpy())
        several = spellings.size()
        several = several[several > 1]
        examples = [f"{key!r} ({', '.join(_seen(v) for v in sorted(spellings.get_group(key)))})"
                    for key in sorted(several.index)[:2]]
        notes.append(tr(
            "customer ids in {column!r}: spaces typed around or inside {n:,} id(s) taken out "
            "(and no-break or zero-width spaces, accents stored as separate marks)"
            "{emails}; {k:,} customer(s) were written more than one way and are read as "
            "one each{examples}.", column=column, n=int(weights[changed].sum()),
            emails=tr(", e-mail addresses read in lower case") if email.any() else "",
            k=len(several), examples=(": " + "; ".join(examples)) if examples else ""))
    # capitals alone are not taken to be the same customer: named, for the analyst to decide
    kept = clean.dropna()
    if _one_case(kept):  # all capitals, or none: no two can differ only in them
        return out
    kept = kept.drop_duplicates() if (changed.any() or anonymous.any()) else kept
    folded = kept.str.lower()  # (Arrow's kernel: casefold ran in Python, 40 ms a 300k ids)
    twins = kept[folded.duplicated(keep=False).to_numpy()]
    if len(twins):
        groups = twins.groupby(folded[twins.index].to_numpy())
        shown = [" / ".join(repr(v) for v in sorted(g)) for _, g in list(groups)[:2]]
        notes.append(tr(
            "customer ids in {column!r}: {k:,} set(s) of ids differ only in capitals (e.g. "
            "{examples}); they are kept apart as different customers: if they are the same "
            "customer, correct the export.", column=column, k=groups.ngroups,
            examples="; ".join(shown)))
    return out


def _clean_already(ids: pd.Series) -> bool:
    """Whether :func:`_clean_ids` would return ``ids`` as they are, told without
    factorising them (0.27 s on a million ids, 317,000 distinct): Arrow text whose every id
    is printable ASCII without a space or "@" (nothing to take out, no e-mail address, no
    accent to compose), none empty, none a missing-value spelling or "anonymous", all in one
    case. Read from the Arrow buffers and ASCII kernels (~25 ms on a million ids); any
    other column takes the full path."""
    from .scores import _arrow_text, _text_buffers

    arrow = _arrow_text(ids)
    if arrow is None:
        return False
    import pyarrow as pa
    import pyarrow.compute as pc

    arrow = arrow.drop_null() if arrow.null_count else arrow
    for _, offsets, raw in _text_buffers(arrow) or []:
        data = raw[offsets[0]:offsets[-1]]
        if (np.diff(offsets) == 0).any() or not (  # an empty id; a byte outside "!".."~"
                ((data - np.uint8(0x21)) < 0x5E) & (data != 0x40)).all():  # or an "@"
            return False
    named = pc.is_in(pc.ascii_lower(arrow), value_set=pa.array(sorted(_ANONYMOUS | _NO_ID)))
    if pc.any(named).as_py():
        return False
    return len(arrow) == 0 or any(pc.all(pc.equal(case(arrow), arrow)).as_py()
                                  for case in (pc.ascii_upper, pc.ascii_lower))


def _seen(value: str) -> str:
    """``repr(value)``, with accents stored as separate marks said (repr shows them as the
    letter they form)."""
    decomposed = unicodedata.normalize("NFC", value) != value
    return repr(value) + (tr(" with separate accent marks") if decomposed else "")


def _one_case(ids: pd.Series) -> bool:
    """Whether no id has a lower-case letter, or none has a capital (``C0001234``,
    ``ana@x.com``): then no two ids differ only in capitals, and the check for them (a pass
    over every distinct id) is not needed."""
    return bool(ids.str.upper().eq(ids).all() or ids.str.lower().eq(ids).all())


def _spaces_and_emails(raw: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Distinct ids with the spaces around and inside them taken out and e-mail addresses
    in lower case, and which are e-mail addresses. On Arrow text by Arrow's kernels (the
    same matches as Python's ``\\s`` and ``_EMAIL``; pandas ran these regular expressions
    in Python, 0.2 s on 300,000 distinct ids), else by pandas."""
    from .scores import _arrow_text
    from .tidy import INVISIBLE_RE2, ascii_only, canonical

    arrow = _arrow_text(raw)
    if arrow is None:
        clean = raw.map(canonical, na_action="ignore").astype(raw.dtype)
        email = clean.str.fullmatch(_EMAIL).fillna(False).to_numpy(dtype=bool)
        return clean.where(~email, clean.str.lower()), email
    import pyarrow.compute as pc

    text = arrow if ascii_only(arrow) else \
        pc.utf8_normalize(pc.replace_substring_regex(arrow, INVISIBLE_RE2, ""), "NFC")
    text = pc.replace_substring_regex(pc.utf8_trim_whitespace(text), _SPACE + "+", " ")
    not_space = "[^@" + _SPACE[1:] + "+"  # what is neither "@" nor a space
    found = pc.match_substring_regex(text, rf"^{not_space}@{not_space}\.{not_space}$")
    email = found.fill_null(False).to_numpy(zero_copy_only=False)
    text = pc.if_else(found.fill_null(False), pc.utf8_lower(text), text)
    return pd.Series(pd.array(text, dtype=raw.dtype), index=raw.index), email
