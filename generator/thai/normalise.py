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


# --- The index's spelling of Thai words -----------------------------------------------------------
# Pagefind's word index was made for alphabets: it drops every character that is not a letter or
# digit from a word (so Thai vowel and tone marks vanish, and ขาว, ข่าว and ข้าว become one word)
# and stems every query term with an English stemmer. So the hidden index text, and each query
# word in the browser, spell every run of Thai letters in ASCII digits that nothing folds, drops or
# stems: "qx", three digits per letter (its place in the Thai block), and "x" to end the run. A word
# is then found exactly, marks included. Excerpts are spelled back before they are shown.
_THAI_RUN = re.compile("[\u0e00-\u0e7f]+")
_SPELLED_RUN = re.compile("qx((?:[0-9]{3})+)x")


def index_spelling(text: str) -> str:
    """text with each run of Thai letters spelled in digits (ข้าว -> qx002073050039x)."""
    return _THAI_RUN.sub(lambda run: "qx" + "".join(f"{ord(c) - 0x0E00:03d}" for c in run.group(0)) + "x", text)


def display_spelling(text: str) -> str:
    """The inverse of index_spelling."""

    def letters(run: re.Match[str]) -> str:
        digits = run.group(1)
        return "".join(chr(0x0E00 + int(digits[i : i + 3])) for i in range(0, len(digits), 3))

    return _SPELLED_RUN.sub(letters, text)
