"""Preparing comments: cleaning, PII redaction, language, non-answers."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from .. import _lexicons as lex
from .._frames import require_columns, to_narwhals, to_pandas
from ..i18n import N_
from ..scoring import classify
from ._common import (
    _ARROW,
    _CARD,
    _CONTROL,
    _EMAIL,
    _PHONE,
    _SPACE,
    _TAG,
    MAX_CHARS,
    RELEASE_FROM,
    _contains,
    _count,
    _fold,
    _re2_any,
    _replace,
    _strings,
    _wide_matches,
)


def redact_pii(texts: Any) -> pd.Series:
    """Replace e-mail addresses, card-like numbers and phone numbers with placeholders.

    ``[email]``, ``[card]`` (13 to 19 digits, single spaces or dashes allowed) and ``[phone]``
    (7 to 15 digits, single spaces, dots or dashes allowed, optional ``+`` country code and
    area code in brackets). Short numbers ("5 days", "14 jours", "order 123") are kept; long
    digit runs such as order numbers or dates written 2025-03-31 are redacted too, which errs
    on the safe side. Vectorised (RE2 on Arrow strings).

    Examples
    --------
    >>> redact_pii(["Mail me: jane.doe@example.com or call +44 20 7946 0958",
    ...             "Card 4111 1111 1111 1111 was charged twice", "Arrived in 14 days"]).tolist()
    ['Mail me: [email] or call [phone]', 'Card [card] was charged twice', 'Arrived in 14 days']
    """
    s = _strings(texts)
    s = _replace(s, _EMAIL, "[email]")
    s = _replace(s, _CARD, "[card]")
    return _replace(s, _PHONE, "[phone]")


#: The languages the text analysis supports (ISO 639-1 codes).
LANGUAGES = ("en", "fr", "es", "de", "ru", "ko", "zh")
_LATIN = ("en", "fr", "es", "de")
#: Latin-script languages the comment analysis has no word lists for, told apart so that a
#: Portuguese or Italian survey is not read as Spanish or French: detected by the same
#: model and named (``"pt"``...), their comments are matched with every language's
#: patterns as undetermined ones are, and the report says the language is not supported.
_OTHER_LATIN = ("pt", "it", "nl", "ca", "pl", "cs", "sk", "sl", "hr", "ro", "hu", "tr",
                "sv", "da", "no", "fi")
_MODEL = _LATIN + _OTHER_LATIN


def detect_language(texts: Any, *, prior: bool = True, min_probability: float = 0.5
                    ) -> pd.Series:
    """Language of each text among English, French, Spanish, German, Russian, Korean, Chinese.

    Script first (Hangul -> ``ko``; Han without kana -> ``zh``; kana -> ``und``, Japanese
    not being supported; mostly Cyrillic -> ``ru``).
    Latin-script texts are scored by ``py3langid`` (Lui & Baldwin's langid.py naive Bayes
    model over byte n-grams, restricted to en/fr/es/de; Lui & Baldwin 2012, "langid.py: An
    Off-the-shelf Language Identification Tool", ACL System Demonstrations), once per distinct
    text. With ``prior=True`` the survey's own language mix is the prior: a first pass counts
    the most likely language of each text, and each text's likelihoods are then weighted by
    those shares (add-one smoothed) - an empirical-Bayes step that settles short comments
    shared by two languages ("pas de pb", "bad experience") the way the survey leans. A text
    whose best posterior is below ``min_probability``, or with no letters, is ``"und"``.

    Measured (``tests/test_text.py``, ``benchmarks/README.md``): 99.9% French on the 3,695
    real Botanic comments of two words or more, 100% on single-language sets of short
    Spanish, English and French comments, 92.5% on a deliberately mixed set (the hand-written
    function-word detector it replaces: 99.1%, 47-70%, 52.5%). About 0.15 ms per distinct
    Latin text.

    Examples
    --------
    >>> detect_language(["Livraison rapide, merci", "배송이 빨라요", "Доставка быстрая",
    ...                  "The parcel arrived late", "¿Dónde está mi pedido?", "42"]).tolist()
    ['fr', 'ko', 'ru', 'en', 'es', 'und']
    """
    s = _strings(texts)
    low = s.str.lower()
    # which scripts appear: Hangul, Han, kana and Cyrillic only in non-ASCII texts (searched
    # alone), and the first match settles each (counting every Latin letter took 1.3 s on
    # 100k comments); letters are counted only where Cyrillic and Latin meet
    hangul = _wide_matches(low, r"\p{Hangul}")
    han = _wide_matches(low, r"\p{Han}")
    kana = _wide_matches(low, r"[\p{Hiragana}\p{Katakana}]")
    cyr = _wide_matches(low, r"\p{Cyrillic}")
    latin = _contains(low, r"\p{Latin}")
    mostly_cyr = cyr & ~latin
    both = cyr & latin
    if both.any():
        mixed = low[both]
        mostly_cyr[both] = (_wide_matches(mixed, r"\p{Cyrillic}", count=True)
                            > mixed.str.count(r"\p{Latin}").to_numpy(dtype=float) * 0.5)
    # kana means Japanese, which is not among the languages: undetermined, not English
    # because of a Latin word inside ("sticky note に書いていると...", a real Miro comment)
    script = np.select([hangul, han & ~kana, kana, mostly_cyr, latin],
                       ["ko", "zh", "und", "ru", "latin"], "und")
    out = script.astype(object)
    is_latin = script == "latin"
    if is_latin.any():
        latin_texts = s[is_latin]
        words, others = _function_word_scores(latin_texts)
        top = np.sort(words, axis=1)
        sure = (top[:, -1] >= _SURE_HITS) & (top[:, -1] >= _SURE_RATIO * top[:, -2]) & (
            top[:, -1] >= _SURE_RATIO * others)
        loglik = np.zeros((len(latin_texts), len(_MODEL)))
        if (~sure).any():
            codes, uniques = pd.factorize(latin_texts[~sure].to_numpy(dtype=object))
            loglik[~sure] = _langid_loglik(list(uniques), release=len(s) >= _RELEASE_FROM
                                           )[codes]  # once per distinct text
        # texts whose function words leave no doubt are given a certain likelihood
        certain = np.full((int(sure.sum()), len(_MODEL)), -1e6)
        certain[:, :len(_LATIN)] = np.where(
            words[sure] == words[sure].max(axis=1, keepdims=True), 0.0, -1e6)
        loglik[sure] = certain
        n_words = latin_texts.str.count(r"\w+").to_numpy(dtype=float, na_value=0)
        out[is_latin] = _decide(loglik, prior, min_probability, n_words)
    return pd.Series(out, index=s.index, name="language", dtype="string")


#: A Latin-script text with at least this many function-word hits for one language, and at
#: least this many times the hits of any other, is that language without asking the model
#: (long comments: "je suis très content de la qualité et du conseil"); measured 100% right
#: on the real Botanic comments it decides (tests/test_text.py).
_SURE_HITS, _SURE_RATIO = 3, 3


def _function_word_scores(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Hits of each of en/fr/es/de's frequent function words (and tell-tale letters such as
    ñ, ß, ç, counted 1.5) in each text: a vectorised first look at long comments; and the
    most hits of any kin language without word lists (``lex.OTHER_FUNCTION_WORDS``), which
    keeps a Portuguese comment from being decided Spanish here."""
    low = s.str.lower()
    folded = _fold(s)
    cols = []
    for lang in _LATIN:
        hits = _count(folded, _re2_any([rf"\b{re.escape(w)}\b"
                                        for w in lex.FUNCTION_WORDS[lang]]))
        hint = lex.DIACRITIC_HINTS.get(lang)
        if hint:
            hits = hits + 1.5 * _wide_matches(low, hint, count=True)  # accented letters
        cols.append(np.asarray(hits, dtype=float))
    others = np.zeros(len(s))
    for lang, words in lex.OTHER_FUNCTION_WORDS.items():
        hits = _count(folded, _re2_any([rf"\b{re.escape(w)}\b" for w in words]))
        hint = lex.OTHER_DIACRITIC_HINTS.get(lang)
        if hint:
            hits = hits + 1.5 * _wide_matches(low, hint, count=True)
        others = np.maximum(others, np.asarray(hits, dtype=float))
    return np.column_stack(cols), others


def _langid_loglik(texts: list[str], release: bool = False) -> np.ndarray:
    """Log-likelihood of each text under each language of ``_MODEL`` (py3langid's model);
    with ``release`` the model is not kept for the next call."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = _identifier(LanguageIdentifier, MODEL_FILE)
    out = np.empty((len(texts), len(_MODEL)))
    for i, text in enumerate(texts):  # the library scores one text at a time
        ranked = dict(ident.rank(text))
        out[i] = [ranked[lang] for lang in _MODEL]
    if release:
        # a large job: the model's 70 MB are given back before the steps that need memory
        # most (on 100,000 comments analyze_comments peaked at 709 MB with it kept, 648
        # without); reloading it next time costs 0.3-0.4 s, little beside such a job
        _IDENTIFIER.clear()
    return out


_IDENTIFIER: list[Any] = []
#: From this many comments in one call, the language model is not kept for the next call.
_RELEASE_FROM = RELEASE_FROM


def _identifier(cls: Any, model: Any) -> Any:
    if not _IDENTIFIER:  # loading the model takes ~0.3 s: once per process
        ident = cls.from_model_file(model)  # our own instance: py3langid's global untouched
        ident.set_languages(list(_MODEL))
        _IDENTIFIER.append(ident)
    return _IDENTIFIER[0]


#: A comment is given a language without word lists (``_OTHER_LATIN``) only with this many
#: words and this posterior: short answers ("great support", "no issues") share n-grams
#: with many languages, and are read among the supported ones as before.
_OTHER_MIN_WORDS, _OTHER_MIN_PROBABILITY = 4, 0.9


def _posterior(loglik: np.ndarray, prior: bool) -> np.ndarray:
    """Posterior of each column, with the survey's own shares (add-one smoothed) as the
    prior when ``prior``."""
    logpost = loglik.copy()
    if prior:
        first = loglik.argmax(axis=1)
        k = loglik.shape[1]
        logpost += np.log((np.bincount(first, minlength=k) + 1) / (len(first) + k))
    post = np.exp(logpost - logpost.max(axis=1, keepdims=True))
    return post / post.sum(axis=1, keepdims=True)


def _decide(loglik: np.ndarray, prior: bool, min_probability: float,
            n_words: np.ndarray | None = None) -> np.ndarray:
    """Most probable language per row, with the survey's language shares as the prior:
    among en/fr/es/de, unless a comment of ``_OTHER_MIN_WORDS`` words or more is in one of
    ``_OTHER_LATIN`` with a posterior of ``_OTHER_MIN_PROBABILITY`` over all of them."""
    post = _posterior(loglik[:, :len(_LATIN)], prior)
    best = np.array(_LATIN, dtype=object)[post.argmax(axis=1)]
    out = np.where(post.max(axis=1) >= min_probability, best, "und")
    if n_words is not None and loglik.shape[1] > len(_LATIN):
        every = _posterior(loglik, prior)
        top = every.argmax(axis=1)
        other = (top >= len(_LATIN)) & (every.max(axis=1) >= _OTHER_MIN_PROBABILITY) & (
            n_words >= _OTHER_MIN_WORDS)
        out = np.where(other, np.array(_MODEL, dtype=object)[top], out)
        # a survey written mostly in such a language (a third of its longer comments):
        # its short answers are read among the supported languages and that one, with the
        # survey's shares as the prior, as short answers in a supported language are
        long = n_words >= _OTHER_MIN_WORDS
        if long.any():
            shares = pd.Series(out[long]).value_counts(normalize=True)
            main = [i for i, lang in enumerate(_MODEL) if i >= len(_LATIN)
                    and shares.get(lang, 0.0) >= 1 / 3]
            if main:
                cols = [*range(len(_LATIN)), *main]
                post = _posterior(loglik[:, cols], prior)
                top = post.argmax(axis=1)
                short = ~long & (top >= len(_LATIN)) & (post.max(axis=1) >= min_probability)
                names = np.array([_MODEL[i] for i in cols], dtype=object)
                out = np.where(short, names[top], out)
    return out


#: Surveys with at least this many comments can tell an unknown one-word comment (seen in
#: no other comment, listed in no language) from a rare real word.
GIBBERISH_MIN_COMMENTS = 200
#: the account's keys (``TextAnalysis.account``, kept in English) for the catalog: shown in
#: the reader's language with ``nps_toolkit.i18n.gettext``
ACCOUNT_LABELS = (N_("comments"), N_("analysed"), N_("no comment"), N_("empty"),
                  N_("whitespace only"), N_("symbols or emoji only"), N_("numbers only"),
                  N_("missing-value code"), N_("non-answer phrase"), N_("gibberish"),
                  N_("cut_at_max_chars"),
                  N_("pii_redacted"), N_("language_undetermined"), N_("html_decoded"))


def _non_answer_reason(s: pd.Series) -> pd.Series:
    folded = _fold(s.fillna(""))
    trimmed = _replace(folded, rf"^(?:{_SPACE}|\p{{P}})+|(?:{_SPACE}|\p{{P}})+$", "")
    reason = np.select(
        [s.isna().to_numpy(), (s.fillna("") == "").to_numpy(),
         (s.fillna("").str.strip() == "").to_numpy(),
         folded.str.strip().isin(lex.MISSING_CODES).to_numpy(),
         folded.str.contains(r"^[^\p{L}\p{N}]*$", regex=True).fillna(True).to_numpy(),
         folded.str.contains(r"^[^\p{L}]*$", regex=True).fillna(True).to_numpy(),
         folded.isin(lex.NON_ANSWERS).to_numpy() | trimmed.isin(lex.NON_ANSWERS).to_numpy(),
         _gibberish(folded, trimmed, int(s.notna().sum()))],
        ["no comment", "empty", "whitespace only", "missing-value code",
         "symbols or emoji only", "numbers only", "non-answer phrase", "gibberish"], "")
    return pd.Series(reason, index=s.index)


def _gibberish(folded: pd.Series, trimmed: pd.Series, n_comments: int) -> np.ndarray:
    """Comments that are not words: one letter in all ("b", "q."), one short token mixing
    letters and digits ("1vv", "a1") or alternating them ("IO9IO9I"), one Latin word without
    a vowel ("jjjj", "xkcd") or of a single repeated letter ("aaaa"), and - in surveys of
    ``GIBBERISH_MIN_COMMENTS`` comments or more - one word that no other comment uses and no
    language's word lists know, of at most four letters ("huej") or with six consonants in
    a row ("mkoobugutjyrfj"). Real one-word answers ("top", "bof", "nice", "drive",
    "accesibilidad") stay."""
    one_letter = folded.str.contains(r"^[^\p{L}]*\p{L}[^\p{L}]*$", regex=True)
    # alphabetic scripts only: "5星好评" or "等了10天才到货" are Chinese words, not mashes
    mixed = (trimmed.str.contains(r"^[\p{Latin}\p{Cyrillic}\p{N}]{2,6}$", regex=True)
             & trimmed.str.contains(r"\p{N}", regex=True)
             & trimmed.str.contains(r"\p{L}", regex=True))
    # longer tokens only when letters and digits alternate twice or more ("IO9IO9I",
    # "ouuol9ujjy"), not a name with a number ("covid19", "iphone15")
    switching = (trimmed.str.contains(r"^[\p{Latin}\p{N}]{7,30}$", regex=True)
                 & trimmed.str.contains(r"\p{L}+\p{N}+\p{L}+|\p{N}+\p{L}+\p{N}+", regex=True))
    no_vowel = trimmed.str.contains(r"^[b-df-hj-np-tv-xz]{2,}$", regex=True)
    out = (one_letter | mixed | switching | no_vowel).fillna(False).to_numpy(dtype=bool)
    word = trimmed.str.contains(r"^[a-z]{2,30}$", regex=True).fillna(False).to_numpy(bool)
    if word.any():  # distinct one-word comments only: a handful
        words = trimmed[word]
        for w in pd.unique(words.to_numpy(dtype=object)):
            if len(set(w)) == 1:
                out[word & (trimmed == w).to_numpy(dtype=bool, na_value=False)] = True
        if n_comments >= GIBBERISH_MIN_COMMENTS:
            # keyboard mashes: short, or long with six consonants in a row ("mkoobugutjyrfj")
            odd = words[(words.str.len() <= 4)
                        | words.str.contains(r"[b-df-hj-np-tv-z]{6}", regex=True)]
            seen = _word_counts(folded)
            for w in pd.unique(odd.to_numpy(dtype=object)):
                if seen.get(w, 0) <= 1 and not _known_word(w):
                    out[(trimmed == w).to_numpy(dtype=bool, na_value=False)] = True
    return out


def _word_counts(folded: pd.Series) -> pd.Series:
    """How many times each word occurs over all comments (Arrow, in C)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    words = pc.list_flatten(pc.split_pattern_regex(pa.array(folded.astype(_ARROW)),
                                                   r"[^\p{L}]+"))
    counts = pc.value_counts(words)
    return pd.Series(counts.field("counts").to_numpy(),
                     index=counts.field("values").to_pylist())


def _known_word(word: str) -> bool:
    from .terms import _kept, _listed_any

    if word in _listed_any() or word in lex.NON_ANSWERS:
        return True
    return any(word in _kept(lang) or any(p.match(word) for p in _word_patterns(lang))
               for lang in lex.LANGUAGES)


@cache
def _word_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    """``lang``'s sentiment and function-word patterns, compiled once: compiled per word
    they overflowed Python's cache of 512 (33,000 compilations, 1.5 s, on 100,000 Korean
    reviews whose one-word comments are each looked up)."""
    patterns = (*lex.POSITIVE.get(lang, ()), *lex.NEGATIVE.get(lang, ()),
                *lex.FUNCTION_WORDS.get(lang, ()))
    return tuple(re.compile(p if p.startswith("\\") else rf"\b{p}\b") for p in patterns)


def prepare_comments(data: Any, *, comment: str = "comment", score: str | None = "score",
                     redact: bool = True, max_chars: int = MAX_CHARS,
                     language: str | None = None) -> pd.DataFrame:
    """Clean comments for analysis and account for every one that is not analysed.

    Works on rows in memory: a lazy source (a DuckDB relation, a Spark or polars lazy
    frame) is refused with a clear error rather than pulled into pandas.

    Adds to a copy of the data: ``text`` (what is analysed: control characters and HTML tags
    removed, PII redacted unless ``redact=False``, cut at ``max_chars``), ``display`` (the
    original with PII redacted, for showing and exporting; always escape it for HTML),
    ``comment_language`` (the ``language`` column you name; or, when ``language`` is one of
    :data:`LANGUAGES` such as ``"es"``, that language for every comment; else
    :func:`detect_language`; your own columns are never overwritten), ``is_answer``,
    ``non_answer_reason`` (no comment, empty, whitespace only, missing-value code such as
    "nan", "NULL", "#VALUE!" (:data:`~nps_toolkit._lexicons.MISSING_CODES`), symbols or emoji only,
    numbers only such as "10", non-answer phrase such as "n/a", "ras", "nothing", gibberish
    such as "b", "1vv", "jjjj" - see :func:`_gibberish`) and ``category`` (when ``score`` is
    given). ``.attrs["account"]`` counts comments by reason, plus how many were cut,
    redacted, and of undetermined language.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"score": [10, 3, 8, 9], "comment": ["Fast delivery!", "n/a", "  ",
    ...                    "😀👍"]})
    >>> prepare_comments(df)["non_answer_reason"].tolist()
    ['', 'non-answer phrase', 'whitespace only', 'symbols or emoji only']
    """
    require_columns(to_narwhals(data), [comment, *([score] if score else [])], role="column")
    df = to_pandas(data, rows_for="prepare_comments: it cleans and reads every comment").copy()
    raw = df[comment]
    if not (pd.api.types.is_string_dtype(raw.dtype) or raw.dtype == object):
        raise ValueError(f"comment column {comment!r} must hold text, got {raw.dtype}")
    original = raw.astype(_ARROW)
    reason = _non_answer_reason(original)
    is_answer = (reason == "").to_numpy()
    # comments a web form or a CRM exported as HTML ("I&#39;m happy", "<p>Slow</p>"): read
    # and shown as their text ("amp" was a top driver word); the report escapes it again
    decoded, html, tags = _html_text(original)
    cleaned = _replace(_replace(decoded, _CONTROL, " "), _TAG, " ")
    too_long = (cleaned.str.len() > max_chars).fillna(False)
    cleaned = cleaned.str.slice(0, max_chars)
    # shown with its references decoded; its tags taken out only when the column is an
    # HTML export (most comments tagged): a lone "<b>" a customer typed is shown, escaped
    tagged = bool(is_answer.any()) and tags[is_answer].mean() >= 0.5
    display = _replace(decoded, _CONTROL, " ")
    display = _replace(display, _TAG, " ") if tagged else display
    if redact:
        red_text = redact_pii(cleaned)
        redacted = (red_text != cleaned).fillna(False)
        cleaned = red_text
        display = redact_pii(display)
    else:
        redacted = pd.Series(False, index=df.index)
    df["text"] = cleaned.where(is_answer)
    df["display"] = display
    if language and language not in df.columns and language not in LANGUAGES:
        raise ValueError(f"language={language!r} is neither a column of the data nor one of "
                         f"the supported languages {list(LANGUAGES)}")
    if language and language in df.columns:
        df["comment_language"] = df[language].astype("string")
    elif language:  # one language forced for every comment
        df["comment_language"] = pd.Series(language, index=df.index,
                                           dtype="string").where(is_answer)
    else:
        df["comment_language"] = detect_language(df["text"].fillna("")).where(is_answer)
    df["is_answer"] = is_answer
    df["non_answer_reason"] = reason.to_numpy()
    if score:
        df["category"] = classify(df[score])
    counts = pd.Series(reason[~is_answer]).value_counts().sort_index().sort_values(
        ascending=False, kind="stable")  # by count, then by reason: a total order
    df.attrs = {"account": {
        "comments": len(df), "analysed": int(is_answer.sum()),
        **{str(k): int(v) for k, v in counts.items()},
        "cut_at_max_chars": int((too_long & pd.Series(is_answer, index=df.index)).sum()),
        "pii_redacted": int((redacted & pd.Series(is_answer, index=df.index)).sum()),
        "language_undetermined": int((df["comment_language"] == "und").fillna(False).sum()),
        **({"html_decoded": int((html & is_answer).sum())} if html.any() else {}),
    }, "comment_column": comment, "score_column": score}
    return df


#: an HTML character reference: named (&amp;), decimal (&#39;) or hexadecimal (&#x27;)
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"


def _html_text(original: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Comments with their HTML character references decoded (``&#39;`` -> ``'``, ``&amp;``
    -> ``&``, ``&nbsp;`` -> a space; Python's :func:`html.unescape`, the HTML5 list), which
    comments held a reference or a tag, and which a tag. Decoded only in the comments that
    hold a reference (matched by Arrow first): plain comments are returned as they are."""
    import html

    has = original.str.contains(_ENTITY, regex=True).fillna(False).to_numpy(dtype=bool)
    tags = original.str.contains(_TAG, regex=True).fillna(False).to_numpy(dtype=bool)
    if not has.any():
        return original, tags, tags
    out = original.copy()
    out[has] = original[has].map(lambda t: html.unescape(t).replace("\xa0", " "))
    return out, has | tags, tags


def _prepared(data: Any, comment: str, score: str | None) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame) and {"text", "is_answer", "comment_language"} <= set(data):
        return data
    return prepare_comments(data, comment=comment, score=score)
