"""Thai words as ICU cuts them: for the search index and for line breaks that keep words whole."""

from __future__ import annotations

import importlib.util
import os
import re
import unicodedata
from collections.abc import Collection
from functools import cache, lru_cache
from typing import Any

from .normalise import normalise

# --- words ---------------------------------------------------------------------------------------
# Thai is written without spaces. The search script cuts a query into words in the browser with
# Intl.Segmenter, which is ICU's word BreakIterator; the same ICU cuts the stories at build time
# (PyICU), so a run typed as it stands in a story yields the same words on both sides. The index
# text separates words with plain spaces, which the index (site/search/engine.py) reads as word
# boundaries, and marks the story's own spaces so the search script can show excerpts as written.
# A word made of common dictionary words (สำนักงานเขต = สำนักงาน + เขต) is indexed whole, and its
# parts in a block of their own (compound_parts).

WORD_BREAK = " "
ORIGINAL_SPACE = "\u00a0"
SPACE_MARK = "\u2063"
_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
_SPACES = re.compile(r"\s+")
_BREAKS = re.compile(" +")
_BREAKS_AROUND_SPACE = re.compile(" *\u00a0 *")
# A compound's part counts as long from this many letters (vowel and tone marks not counted).
MIN_PART = 3


def _letters(word: str) -> int:
    return sum(1 for c in word if unicodedata.category(c) != "Mn")


# A part must also be a common word on its own: at least this many uses in the Thai National Corpus
# (PyThaiNLP's tnc_freq.txt). เขต (10,450) and มหานคร (2,510) qualify; ทรวง (300) does not, so
# กระทรวง stays whole.
MIN_PART_FREQUENCY = 1000


def corpus_file(name: str) -> str:
    """The path of a file PyThaiNLP bundles in its corpus folder."""
    # Read the bundled files directly: PyThaiNLP's corpus helpers may try to reach the internet.
    # Found without importing PyThaiNLP (0.04 s of a rebuild).
    spec = importlib.util.find_spec("pythainlp")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pythainlp")
    return os.path.join(os.path.dirname(spec.origin), "corpus", name)


@cache
def _all_words() -> frozenset[str]:
    """PyThaiNLP's dictionary of Thai words."""
    with open(corpus_file("words_th.txt"), encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


@cache
def _dictionary() -> frozenset[str]:
    """Words of PyThaiNLP's dictionary that are common enough to stand as a compound's part."""
    with open(corpus_file("tnc_freq.txt"), encoding="utf-8") as handle:
        lines = handle.read().split("\n")  # word, tab, count; read whole: 0.06 s a line at a time
    digits = len(str(MIN_PART_FREQUENCY))  # a shorter count is smaller: no int() for most lines
    common = (line.partition("\t") for line in lines)
    return _all_words() & {
        word
        for word, _, count in common
        if len(count) >= digits and count.isdigit() and int(count) >= MIN_PART_FREQUENCY
    }


WORD_JOINER = "\u2060"  # stripped wherever text is read (normalise); the site no longer writes it
_JOIN_SPAN = 3  # ICU pieces that may together make one dictionary word
# Bound first parts of Thai nouns: ผู้พิการ, นักเรียน, ความสุข, การพัฒนา are one word each, and a
# line must not break after the prefix.
_BOUND_PREFIXES = frozenset({"ผู้", "นัก", "ความ", "การ", "ช่าง", "ชาว"})
_KEEP_TOGETHER_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "keep-together.txt")
KEEP_WHOLE_CLASS = "moi-w"  # the stylesheet's white-space: nowrap


@cache
def _keep_together() -> frozenset[str]:
    """The dictionary's words and the shipped list of terms a line must not break inside."""
    with open(_KEEP_TOGETHER_FILE, encoding="utf-8") as handle:
        extra = {line.strip() for line in handle if line.strip() and not line.lstrip().startswith("#")}
    return _all_words() | frozenset(normalise(word) for word in extra)


@lru_cache(maxsize=65_536)  # a story's title and summary are drawn on four or five pages
def keep_words_together(text: str) -> str:
    """HTML text (already escaped) with each word that ICU would cut in two inside a
    <span class="moi-w">, which the stylesheet keeps on one line.

    Browsers break Thai lines where ICU's dictionary sees a word boundary, and it sees one inside
    some everyday words (ครัว|เรือน, ผู้|พิการ, ภารกิจ|พิเศษ): a heading or card title then broke
    mid-word. An element, unlike the word joiner (U+2060) used before, is not copied with the
    text: a title pasted into LINE, Word or the search box is the title as written.
    """
    return _kept_whole(text, f'<span class="{KEEP_WHOLE_CLASS}">', "</span>")


# Private-use characters. A text that has them anyway only gets a span around escaped text.
KEEP_WHOLE_MARKS = ("\ue000", "\ue001")


@lru_cache(maxsize=65_536)
def mark_words_kept_whole(text: str) -> str:
    """Plain text with each word keep_words_together would wrap between KEEP_WHOLE_MARKS, for a
    script that shows the text (the search results): it escapes the text, then turns the marks
    into the same span. One rule for the page and the script, and no markup in index data."""
    return _kept_whole(text, *KEEP_WHOLE_MARKS)


def _kept_whole(text: str, before: str, after: str) -> str:
    words = _keep_together()
    out: list[str] = []
    for run in re.split(r"([\u0e00-\u0e7f]+)", text):
        if not run or not _THAI_RUN.fullmatch(run):
            out.append(run)
            continue
        pieces = segment_with_spaces(run)
        index = 0
        while index < len(pieces):
            for span in range(min(_JOIN_SPAN, len(pieces) - index), 1, -1):
                joined = "".join(pieces[index : index + span])
                if joined in words or (span == 2 and pieces[index] in _BOUND_PREFIXES and _THAI_RUN.fullmatch(joined)):
                    out.append(f"{before}{joined}{after}")
                    index += span
                    break
            else:
                out.append(pieces[index])
                index += 1
    return "".join(out)


@cache
def _word_breaker() -> Any:  # icu.BreakIterator (PyICU has no type information)
    import icu

    return icu.BreakIterator.createWordInstance(icu.Locale("th"))


def segment_with_spaces(text: str) -> list[str]:
    """Every piece of text between ICU word boundaries, spaces included: "".join() gives text back."""
    breaker = _word_breaker()
    breaker.setText(text)
    pieces = []
    start = breaker.first()
    for end in breaker:
        pieces.append(text[start:end])
        start = end
    return pieces


def segment(text: str) -> list[str]:
    """The words of a text as ICU (and so the browser's Intl.Segmenter) cuts them; spaces dropped."""
    return [piece for piece in segment_with_spaces(text) if piece.strip()]


@lru_cache(maxsize=200_000)
def decompound(word: str) -> tuple[str, ...]:
    """The fewest dictionary words that make up word, or (word,) when it is not a compound.

    Every part must be a common word of MIN_PART letters or more, so สามารถ is not split into
    สา + มา + รถ (a search for รถ, car, would find every "สามารถ") and กระทรวง stays whole.
    """
    if _letters(word) < 2 * MIN_PART:
        return (word,)
    words = _dictionary()
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(max(0, end - 24), end):
            prefix = best[start]
            part = word[start:end]
            if prefix is None or part == word or part not in words or _letters(part) < MIN_PART:
                continue
            current = best[end]
            if current is None or len(prefix) + 1 < len(current):
                best[end] = (*prefix, part)
    found = best[n]
    return found if found and len(found) > 1 else (word,)


def index_text(text: str) -> str:
    """text prepared for the search indexer: normalised (thai.normalise, as the browser does the
    query) and Thai words separated by spaces, exactly as ICU cuts them, so a run of words typed
    in the search is found side by side (compound_parts gives the parts, kept apart)."""

    def cut(run: re.Match[str]) -> str:
        return WORD_BREAK + WORD_BREAK.join(segment(run.group(0))) + WORD_BREAK

    spaced = _THAI_RUN.sub(cut, _SPACES.sub(ORIGINAL_SPACE, normalise(text).strip()))
    # A story's own space (no-break) next to a word break is just the story's space.
    spaced = _BREAKS_AROUND_SPACE.sub(ORIGINAL_SPACE, spaced)
    # An invisible separator (U+2063) joined to the word before a story's own space says where the
    # story had one. The index drops it from the word; the search script shows the space.
    spaced = spaced.replace(ORIGINAL_SPACE, SPACE_MARK + ORIGINAL_SPACE)
    return _BREAKS.sub(WORD_BREAK, spaced).strip(WORD_BREAK)


_JOINED_NAME = re.compile(r"[\u0e00-\u0e7f]+(?:[\-\u2013][\u0e00-\u0e7f]+)+")


def joined_names(text: str) -> str:
    """The words of each name written with a hyphen inside (สุไหงโก-ลก), cut as ICU cuts the name
    typed without it (สุไหงโกลก), which it cuts differently (สุ ไหง โก - ลก): a reader who leaves
    the hyphen out finds it. A full stop ends an abbreviation (จ.นราธิวาส): nothing to join."""
    names = _JOINED_NAME.findall(normalise(text))
    return WORD_BREAK.join(word for name in names for word in segment(re.sub(r"[\-\u2013]", "", name)))


def compound_parts(indexed: str, names: Collection[str] = ()) -> str:
    """The parts of the compound words of a text already cut by index_text (สำนักงานเขต ->
    สำนักงาน เขต), space-separated: a reader who types a part finds the compound. Indexed apart
    from the text so that the parts do not stand between a compound and the next word of a phrase.
    Its words are taken as index_text cut them: nothing is normalised or segmented twice. names
    (districts) are never cut: ทอง (gold) must not find อำเภอจอมทอง, nor หาด (beach) หาดใหญ่."""
    parts: list[str] = []
    for word in indexed.replace(SPACE_MARK, "").split():
        if _THAI_RUN.fullmatch(word) and word not in names:
            found = decompound(word)
            if len(found) > 1:
                parts.extend(found)
    return WORD_BREAK.join(parts)
