"""Text helpers that keep Thai whole: slugs, terminal widths, numbers."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

# Thai letters, vowels and tone marks (U+0E00–U+0E7F) are kept whole: Python's \w drops the
# combining marks (category Mn), which makes ข่าว, ข้าว and ขาว collide.
_SLUG_DROP = re.compile(r"[^0-9a-z\u0e00-\u0e7f\s_-]+")
_SLUG_SPACE = re.compile(r"[\s_-]+")
_TAGS = re.compile(r"</?[^>]*>")


_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def arabic_digits(text: str) -> str:
    """text with Thai digits (๐-๙) written as Arabic ones: the same numbers, as clerks type them."""
    return text.translate(_ARABIC_DIGITS)


def is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


@cache
def _thai_collator() -> Any:  # icu.Collator (PyICU has no type information)
    import icu

    return icu.Collator.createInstance(icu.Locale("th_TH"))


def thai_sort_key(text: str) -> bytes:
    """A key that sorts Thai as a dictionary does (ICU's Thai collation): leading vowels เ แ โ ใ ไ
    are read after their consonant, so เชียงราย sorts under ช, not after every word in ฮ."""
    return bytes(_thai_collator().getSortKey(text))


def lang_of(text: str) -> str:
    """ "en" for text written in English (under a fifth of its letters Thai), else "th": what its
    element's lang attribute says, so a screen reader reads it in the right voice."""
    letters = [c for c in text if c.isalpha()]
    thai = sum(1 for c in letters if is_thai(c))
    return "en" if letters and thai / len(letters) < 0.2 else "th"


def _strip_accents(char: str) -> str:
    # Café -> cafe. Thai is left alone: NFKD would split สระอำ (U+0E33) into two characters.
    if is_thai(char):
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def slugify(text: str, separator: str = "-") -> str:
    """A URL slug that keeps Thai characters and their marks; other letters are lower-cased ASCII."""
    text = "".join(_strip_accents(c) for c in _TAGS.sub("", unicodedata.normalize("NFC", text)).lower())
    text = _SLUG_DROP.sub("", text)
    return _SLUG_SPACE.sub(separator, text).strip(separator)


def display_width(text: str) -> int:
    """Columns text takes in a terminal: Thai vowel and tone marks sit on their letter."""
    return sum(1 for c in text if unicodedata.category(c) not in ("Mn", "Me", "Cf"))


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def format_number(value: float | None) -> str:
    """A figure as the site shows it: 12,500, 3.5, 0.25; whole floats without ".0"; None as ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
