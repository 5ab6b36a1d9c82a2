"""Thai text helpers: Buddhist Era dates and slugs that keep Thai marks."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

BE_OFFSET = 543

MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_TH_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)


def be_year(day: dt.date) -> int:
    """The Buddhist Era year of a Gregorian date (2022 -> 2565)."""
    return day.year + BE_OFFSET


def thai_date(day: dt.date, *, short: bool = False) -> str:
    """22 มิถุนายน 2565, or 22 มิ.ย. 2565 with short=True."""
    months = MONTHS_TH_SHORT if short else MONTHS_TH
    return f"{day.day} {months[day.month - 1]} {be_year(day)}"


def fiscal_year_be(day: dt.date) -> int:
    """The Thai government fiscal year (October to September), in the Buddhist Era."""
    return be_year(day) + (1 if day.month >= 10 else 0)


# Thai letters, vowels and tone marks (U+0E00–U+0E7F) are kept whole: Python's \w drops the
# combining marks (category Mn), which makes ข่าว, ข้าว and ขาว collide.
_SLUG_DROP = re.compile(r"[^0-9a-z\u0e00-\u0e7f\s_-]+")
_SLUG_SPACE = re.compile(r"[\s_-]+")
_TAGS = re.compile(r"</?[^>]*>")


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _strip_accents(char: str) -> str:
    # Café -> cafe. Thai is left alone: NFKD would split สระอำ (U+0E33) into two characters.
    if _is_thai(char):
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def slugify(text: str, separator: str = "-") -> str:
    """A URL slug that keeps Thai characters and their marks; other letters are lower-cased ASCII."""
    text = "".join(_strip_accents(c) for c in _TAGS.sub("", unicodedata.normalize("NFC", text)).lower())
    text = _SLUG_DROP.sub("", text)
    return _SLUG_SPACE.sub(separator, text).strip(separator)


def toc_slugify(value: str, separator: str) -> str:
    """The signature Python-Markdown's toc extension calls for heading anchors."""
    return slugify(value, separator)
