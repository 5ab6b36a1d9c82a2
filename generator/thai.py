"""Thai text helpers: Buddhist Era dates and slugs that keep Thai marks."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from functools import cache, lru_cache

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


# --- words ---------------------------------------------------------------------------------------
# Thai is written without spaces, so the search index is fed text with a zero-width space between
# words: invisible in result excerpts, but a word boundary for the indexer. Words are cut by newmm
# (nlpo3, the PyThaiNLP project's Rust newmm, 12x faster than pythainlp's here) with PyThaiNLP's
# bundled dictionary. A word made of longer dictionary words (สำนักงานเขต = สำนักงาน + เขต) is
# indexed whole and as its parts, so a part is found from inside the compound too; the parts stand
# between invisible markers (COMPOUND_START, PARTS_END) that the search page strips from excerpts.

ZWSP = "\u200b"
COMPOUND_START = "\u2062"
PARTS_END = "\u2063"
_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
# A compound's part counts as long from this many letters (vowel and tone marks not counted).
MIN_PART = 3


def _letters(word: str) -> int:
    return sum(1 for c in word if not unicodedata.combining(c) and unicodedata.category(c) != "Mn")


@cache
def _dictionary() -> tuple[str, frozenset[str]]:
    import nlpo3
    import pythainlp

    # Read the bundled file directly: PyThaiNLP's corpus helpers may try to reach the internet.
    path = os.path.join(os.path.dirname(pythainlp.__file__), "corpus", "words_th.txt")
    with open(path, encoding="utf-8") as handle:
        words = frozenset(line.strip() for line in handle if line.strip())
    nlpo3.load_dict(path, "moinext-th")
    return "moinext-th", words


@lru_cache(maxsize=200_000)
def decompound(word: str) -> tuple[str, ...]:
    """The fewest dictionary words that make up word, or (word,) when it is not a compound.

    Parts must be real words a reader would search for: every part has 2 letters or more (vowel
    and tone marks not counted), and a part of 2 letters is allowed only beside one long part
    (ใบอนุญาต = ใบ + อนุญาต), so สามารถ is not split into สา + มา + รถ and ได้ที่ stays whole.
    """
    if _letters(word) < MIN_PART + 2:
        return (word,)
    words = _dictionary()[1]
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(2, n + 1):
        for start in range(max(0, end - 24), end - 1):
            prefix = best[start]
            part = word[start:end]
            if prefix is not None and part != word and part in words and _letters(part) >= 2:
                candidate = (*prefix, part)
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    found = best[n]
    if not found or len(found) < 2:
        return (word,)
    short = [part for part in found if _letters(part) < MIN_PART]
    if short and (len(found) > 2 or len(short) > 1):
        return (word,)
    return found


def segment(text: str) -> list[str]:
    """The words of a Thai (or mixed) text as newmm cuts them, white space dropped."""
    import nlpo3

    return [token for token in nlpo3.segment(text, _dictionary()[0]) if token.strip()]


def index_text(text: str) -> str:
    """text prepared for the search indexer: Thai words separated, compounds with their parts."""

    def cut(run: re.Match[str]) -> str:
        out = []
        for word in segment(run.group(0)):
            parts = decompound(word)
            out.append(f"{COMPOUND_START}{word}{PARTS_END}{ZWSP.join(parts)}{PARTS_END}" if len(parts) > 1 else word)
        return ZWSP.join(out)

    return _THAI_RUN.sub(cut, text)
