"""One spelling for text that can be typed several ways: the search index and the reader's query
are normalised by the same rules, so both meet in the middle.

The rules are data, applied in order, in Python at build time (normalise) and in the browser by
the search script: site/search.py writes them into the site's moinext-normalise.js, so there is
one copy. Each rule is a regular expression and a replacement that both Python's `re` and
JavaScript's RegExp (flags "gu") read the same way ("$1" is a group).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_TONES = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
_UPPER_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"  # ั ิ ี ึ ื ็
_LOWER_VOWELS = "\u0e38\u0e39\u0e3a"  # ุ ู ฺ
_MARKS = _TONES + _UPPER_VOWELS + _LOWER_VOWELS + "\u0e4c\u0e4d\u0e4e"  # ์ ํ ๎

RULES: tuple[tuple[str, str], ...] = (
    # Invisible characters: zero-width space/joiners, word joiner (our line-break glue), soft
    # hyphen, byte-order mark.
    ("[\u200b-\u200d\u2060\u00ad\ufeff]", ""),
    # Thai digits are the same numbers as Arabic ones.
    *((chr(0x0E50 + digit), str(digit)) for digit in range(10)),
    # Sara am typed as nikhahit + sara aa, with or without a tone mark between (น ํ ้ า -> น้ำ).
    (f"\u0e4d([{_TONES}]?)\u0e32", "$1\u0e33"),
    (f"([{_TONES}])\u0e4d\u0e32", "$1\u0e33"),
    # A tone mark typed before the vowel above or below the same letter goes after it.
    (f"([{_TONES}])([{_UPPER_VOWELS}{_LOWER_VOWELS}])", "$2$1"),
    # The same mark typed twice counts once.
    (f"([{_MARKS}])\\1+", "$1"),
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), re.sub(r"\$(\d)", r"\\\1", replacement)) for pattern, replacement in RULES)


def normalise(text: str) -> str:
    """text in its one spelling: NFC, then RULES in order."""
    text = unicodedata.normalize("NFC", text)
    for pattern, replacement in _compiled():
        text = pattern.sub(replacement, text)
    return text


# --- The index's spelling of Thai marks ----------------------------------------------------------
# Pagefind folds diacritics away (it decomposes text and drops combining marks) and, for a query
# typed without marks, matches any marked word: ขาว would find ข้าว (rice) and ข่าว (news). In
# Thai the vowel and tone marks are letters. So the hidden index text, and each query word in the
# browser, spell every Thai combining mark as a letter that nothing folds away or splits a word
# at: a Yi syllable (a caseless letter of a script no write-up uses; a private-use character was
# taken for a word break). Excerpts are spelled back before they are shown.
THAI_MARKS = "".join(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))
INDEX_MARK_BASE = 0xA000  # a Thai mark U+0Exx is spelled U+A0xx


def index_spelling(text: str) -> str:
    """text with each Thai combining mark spelled as its stand-in letter."""
    return text.translate(_TO_INDEX)


def display_spelling(text: str) -> str:
    """The inverse of index_spelling."""
    return text.translate(_FROM_INDEX)


_TO_INDEX = {ord(mark): INDEX_MARK_BASE + ord(mark) - 0x0E00 for mark in THAI_MARKS}
_FROM_INDEX = {value: key for key, value in _TO_INDEX.items()}
