"""Which encoding an export's bytes are in, when they are not UTF-8.

Spreadsheets still save CSV in the Windows code page of the analyst's locale: cp1252 in
Western Europe and the Americas, cp1250 in Central Europe (Croatian, Polish, Czech), cp1251
in Russia, GBK in mainland China, Big5 in Taiwan and Hong Kong, cp949 in Korea, Shift_JIS in
Japan; koi8-r survives in older Russian systems. Read in the wrong one, every comment turns
into mojibake without an error (single-byte code pages decode any byte). So the bytes are
looked at the way the scripts write them:

- **Single letters between ASCII** (``tr\\xe8s``): a Latin alphabet. cp1252 unless the
  letters only Central European alphabets use (č ć đ š ž ł ą ę ő ű ř ě ...) outweigh the
  Western ones (è à ê ç ñ œ ...) that the same bytes mean in cp1252; Latin-1 when cp1252
  cannot decode the bytes (as before: the DOS letters of such files are repaired later).
- **Runs of high bytes**: whole words in another script. Cyrillic when a Cyrillic code page
  gives words cased as words are (lower case, Capitalised or CAPITALS; cp1251 or koi8-r,
  whichever gives that - koi8-r swaps the cases of cp1251); else the East Asian double-byte
  code pages that decode every byte: Shift_JIS when kana are a good share of the text;
  Big5 when many second bytes are ASCII (GB2312 and EUC-KR never have them); EUC-KR/cp949
  when every double-byte first byte lies in the Hangul rows (0xB0-0xC8; common Chinese
  characters such as 是, 我, 这, 在 lie above them); else GBK (as gb18030, its superset).

Checked on samples of each language and on the real Botanic survey (Latin-1 with DOS
letters); a file can always be read another way with ``encoding=``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import numpy as np

__all__ = ["legacy_encoding"]

# letters each Latin family writes often and the other family's code page puts on the same
# bytes (accents shared by both - é á í ó ú ö ü ä ß ç - decide nothing)
_WESTERN = set("èàùâêîôûëïÿœæñãõåøðþÈÀÙÂÊÎÔÛËÏŸŒÆÑÃÕÅØ¿¡")
_CENTRAL = set("čćđšžłąęńśźżőűřěůťďňľĺŕăţşČĆĐŠŽŁĄĘŃŚŹŻŐŰŘĚŮŤĎŇĽĹŔĂŢŞ")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")


def _high_runs(data: bytes) -> tuple[int, int]:
    """(high bytes standing alone between ASCII bytes, all high bytes)."""
    b = np.frombuffer(data, dtype=np.uint8)
    high = b >= 0x80
    total = int(high.sum())
    if not total:
        return 0, 0
    before = np.r_[False, high[:-1]]
    after = np.r_[high[1:], False]
    return int((high & ~before & ~after).sum()), total


def _decodes(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _latin(data: bytes) -> str:
    western = _decodes(data, "cp1252")
    central = _decodes(data, "cp1250")
    if central is not None:
        c_score = sum(ch in _CENTRAL for ch in central) - sum(ch in _WESTERN for ch in central)
        w_score = (sum(ch in _WESTERN for ch in western) - sum(ch in _CENTRAL for ch in western)
                   if western is not None else -1)
        if c_score > max(w_score, 0):
            return "cp1250"
    return "cp1252" if western is not None else "latin-1"


def _mostly_cyrillic(text: str) -> bool:
    """At least 80% of the characters beyond ASCII are Cyrillic (U+0400-U+04FF); counted on
    the code points as an array (a generator over a megabyte took 0.9 s)."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return int(((points >= 0x400) & (points <= 0x4FF)).sum()) >= 0.8 * int((points >= 0x80).sum())


def _cased_like_words(text: str) -> float:
    """Share of Cyrillic words cased as words are (lower, Capitalised or ALL CAPS), on the
    first 20,000 words (a share's standard error is then below 0.4 points)."""
    words = [m.group() for m in itertools.islice(_CYRILLIC_WORD.finditer(text), 20_000)]
    if not words:
        return 0.0
    ok = sum(w.islower() or w.isupper() or (w[0].isupper() and w[1:].islower())
             for w in words)
    lower = sum(ch.islower() for w in words for ch in w)
    letters = sum(len(w) for w in words)
    # real text is mostly lower case: a code page with the cases swapped fails here
    return ok / len(words) if lower >= 0.5 * letters else 0.0


def _double_byte_stats(data: bytes) -> tuple[float, float]:
    """For the double-byte characters of an EUC/GBK/Big5 reading: the share whose second
    byte is ASCII (Big5 and GBK's rare extensions only), and the share whose first byte lies
    above the Hangul rows of EUC-KR (0xC9 and up). In a run of high bytes the first bytes are
    at even offsets; a first byte closing a run has an ASCII second byte."""
    b = np.frombuffer(data, dtype=np.uint8)
    high = b >= 0x81
    if not high.any():
        return 0.0, 0.0
    idx = np.flatnonzero(high)
    start = np.r_[True, np.diff(idx) > 1]
    run_first = idx[start][np.cumsum(start) - 1]
    lead = idx[((idx - run_first) % 2 == 0) & (idx + 1 < len(b))]
    if not len(lead):
        return 0.0, 0.0
    return float((b[lead + 1] < 0x80).mean()), float((b[lead] >= 0xC9).mean())


def legacy_encoding(data: bytes) -> str:
    """The code page a non-UTF-8 export is most likely in (see the module's text).

    >>> legacy_encoding("Ocjena,Komentar\\n9,Odlična usluga, loše\\n".encode("cp1250"))
    'cp1250'
    >>> legacy_encoding("Оценка,Комментарий\\n9,Отличный сервис\\n".encode("cp1251"))
    'cp1251'
    >>> legacy_encoding("점수,의견\\n9,서비스가 좋아요\\n".encode("cp949"))
    'cp949'
    """
    sample = data[: 1 << 20]
    alone, total = _high_runs(sample)
    if total == 0 or alone >= 0.5 * total:
        return _latin(data)
    cyrillic = {enc: _cased_like_words(text) for enc in ("cp1251", "koi8-r")
                if (text := _decodes(sample, enc)) is not None and _mostly_cyrillic(text)}
    best = max(cyrillic, key=lambda e: cyrillic[e], default=None)
    if best is not None and cyrillic[best] >= 0.9:
        return best
    # cut at a line end: a character split by the 1 MB cut would not decode
    cut = sample if len(sample) == len(data) else sample[: sample.rfind(b"\n") + 1] or sample
    texts = {enc: _decodes(cut, enc) for enc in ("shift_jis", "big5", "cp949", "gb18030")}
    jp = texts["shift_jis"]
    if jp is not None:
        wide = [c for c in jp if ord(c) >= 0x80]
        kana = sum(unicodedata.name(c, "").startswith(("HIRAGANA", "KATAKANA")) for c in wide)
        if wide and kana >= 0.2 * len(wide):
            return "shift_jis"
    ascii_trail, above_hangul = _double_byte_stats(cut)
    if texts["big5"] is not None and ascii_trail > 0.15:
        return "big5"
    if texts["cp949"] is not None and above_hangul < 0.05:
        return "cp949"
    if texts["gb18030"] is not None:
        return "gb18030"
    return _latin(data)


_MAGIC = {b"\x89PNG": "a PNG image", b"%PDF": "a PDF document", b"\xff\xd8\xff": "a JPEG image",
          b"GIF8": "a GIF image", b"PK\x03\x04": "a zip archive (an .xlsx or .docx?)",
          b"\xd0\xcf\x11\xe0": "an old Office file (.xls / .doc)"}


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when every other byte of an ASCII-heavy text is NUL."""
    head = data[:4000]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes, path: Path) -> None:
    """A clear error for files that are not text exports at all (renamed images, PDFs...)."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ValueError(f"{path} is {what}, not a text export (CSV/TSV); export the survey "
                             "as CSV, Excel (.xlsx) or Parquet")
    if b"\x00" in data[:4000] and _utf16_without_bom(data) is None:
        raise ValueError(f"{path} is a binary file, not a text export (CSV/TSV); export the "
                         "survey as CSV, Excel (.xlsx) or Parquet")


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """(encoding, text): detected unless given; one full decode, reused by the caller."""
    if encoding is None and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) \
            and _utf16_without_bom(data) is None:
        try:
            return "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    enc = encoding or _detect_encoding(data)
    return enc, data.decode(enc)


def _detect_encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    no_bom = _utf16_without_bom(data)
    if no_bom:
        return no_bom
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return legacy_encoding(data)
