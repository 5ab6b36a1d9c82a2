"""One spelling for text that can be typed several ways: the search index and the reader's query
are normalised by the same rules, so both meet in the middle.

The rules are data, applied in order, in Python at build time (normalise) and in the browser by
the search script: site/search/document.py writes them into the site's moinext-normalise.js, so
there is one copy. Each rule is a regular expression and a replacement that both Python's `re` and
JavaScript's RegExp (flags "gu") read the same way ("$1" is a group). After the rules, common
misspellings are corrected (thai/spellings.py), by one regular expression of them all.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .spellings import SPELLINGS

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
    # Two sara e typed for sara ae (เเ for แ): they look the same.
    ("\u0e40\u0e40", "\u0e41"),
    # A short Latin name before its number is one word: PM 2.5 is PM2.5, COVID 19 is COVID19.
    ("(?<![A-Za-z])([A-Za-z]{2,4}) (?=[0-9])", "$1"),
)


_Trie = dict[str, "_Trie"]


def spelling_pattern() -> str:
    """One regular expression that finds every misspelling of SPELLINGS, longest first, as a trie
    (กฏ|กฏหมาย -> ก(?:ฏ...)): each position of a text costs one test of its first letter, not one
    per misspelling. Python's `re` and JavaScript's RegExp (flags "gu") read it the same way."""
    trie: _Trie = {}
    guarded: list[str] = []
    for wrong, _, after, before in SPELLINGS:
        if after:  # a look-behind must stand before the word's first letter: kept apart
            guarded.append(f"(?<!{after}){wrong}" + (f"(?!{before})" if before else ""))
            continue
        node = trie
        for letter in wrong:
            node = node.setdefault(letter, {})
        node[""] = {"(?!" + before + ")": {}} if before else {}
    return "|".join([*guarded, _trie_pattern(trie)])


def _trie_pattern(node: _Trie) -> str:
    """The regular expression of a trie; "" marks the end of a word (its value holds a look-ahead)."""
    branches: list[str] = []
    ends = [next(iter(node[""]), "")] if "" in node else []
    for letter in sorted(k for k in node if k):
        branches.append(letter + _trie_pattern(node[letter]))
    if not branches:
        return ends[0] if ends else ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if not ends:
        return body
    # The longer word first; the word ending here (with its look-ahead) if no longer one matches.
    return f"(?:{body}|{ends[0]})" if ends[0] else f"(?:{body})?"


def spelling_corrections() -> dict[str, str]:
    return {wrong: right for wrong, right, _, _ in SPELLINGS}


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), re.sub(r"\$(\d)", r"\\\1", replacement)) for pattern, replacement in RULES)


@cache
def _spellings() -> tuple[re.Pattern[str], dict[str, str]]:
    return re.compile(spelling_pattern()), spelling_corrections()


def normalise(text: str) -> str:
    """text in its one spelling: NFC, then RULES in order, then common misspellings corrected."""
    text = unicodedata.normalize("NFC", text)
    for pattern, replacement in _compiled():
        text = pattern.sub(replacement, text)
    misspelt, corrections = _spellings()
    return misspelt.sub(lambda found: corrections[found.group(0)], text)


# --- The index's spelling of Thai words -----------------------------------------------------------
# The index's words keep letters and digits only (site/search/engine.py, word_of: a hyphen or a
# full stop inside a word is not typed the same way twice), and Thai vowel and tone marks are not
# letters to Unicode: they would vanish, and ขาว, ข่าว and ข้าว become one word. So the index text,
# and each query word in the browser, spell every run of Thai letters in ASCII digits that nothing
# drops: "qx", three digits per letter (its place in the Thai block), and "x" to end the run. A word
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
