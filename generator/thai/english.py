"""The English words for a story's Thai words, so that a reader who types in English finds it (a
journalist's "homestay Bueng Kan", "salt Phetchaburi"). Two published lists, none of our own (no
list the PR team keeps could cover a language):

- English words that Thai writes in Thai letters (โฮมสเตย์ homestay, คลอรีน chlorine): PyThaiNLP's
  Thai-English transliteration dictionary (v1.4, CC0: 3,868 loanwords with the English words
  they come from);
- Thai nouns and the English words for them (เกลือ salt, ไม้สัก teak, พะยูน dugong):
  generator/data/thai-english.tsv, made by scripts/make_thai_english.py from Thai WordNet and
  Princeton WordNet 3.0, with only the words that name at most three things.

The story is cut into words once, as content/synonyms.py cuts it, and each run of its words is
looked up whole, extended while some listed word begins with it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .normalise import normalise
from .words import corpus_file

# The dictionary's file in PyThaiNLP's corpus folder: a header line, then the Thai word, a tab and
# one English word it comes from (a word with several has a line for each).
_TRANSLITERATIONS = "th_en_transliteration_v1.4.tsv"
# Lines of a Thai word, a tab and its English words separated by spaces; "#" lines are comments.
_TRANSLATIONS = Path(__file__).resolve().parent.parent / "data" / "thai-english.tsv"


@cache
def _loanwords() -> dict[str, tuple[str, ...]]:
    """A loanword (normalised, lowercased) -> the English words it comes from, lowercased."""
    # Read as PyThaiNLP's get_transliteration_dict reads it (spaces inside the English word
    # dropped: "boy band" is boyband), without importing PyThaiNLP (0.07 s of every build).
    with open(corpus_file(_TRANSLITERATIONS), encoding="utf-8") as handle:
        lines = handle.read().splitlines()[1:]
    origins: dict[str, dict[str, None]] = {}
    for line in lines:
        thai, _, rest = line.strip().partition("\t")
        english = rest.partition("\t")[0].replace(" ", "").lower()
        key = "".join(normalise(thai).lower().split())
        if key and english and english.isascii():
            origins.setdefault(key, {})[english] = None
    return {key: tuple(words) for key, words in origins.items() if words}


@cache
def _translations() -> dict[str, tuple[str, ...]]:
    """A Thai noun (normalised, lowercased) -> its English words."""
    # Written normalised and lowercased by the script (normalising 36,000 words here would cost a
    # second of every build); tests/test_search_words.py checks they still are.
    found: dict[str, tuple[str, ...]] = {}
    for line in _TRANSLATIONS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            thai, _, words = line.partition("\t")
            found[thai] = tuple(words.split())
    return found


@cache
def _listed(nouns: bool) -> tuple[str, ...]:
    """Every Thai word listed (of loanwords only unless nouns), sorted: a run of words is
    extended only while some listed word begins with it."""
    loanwords = sorted(_loanwords())
    # The translations are listed sorted: two sorted runs, which sorted() merges (2 ms, not 19).
    return tuple(sorted([*loanwords, *_translations()]) if nouns else loanwords)


def english_in(words: Sequence[str], *, nouns: bool = True) -> dict[str, str]:
    """The English words of the Thai words listed that stand in words (a text cut by
    thai.words.segment, normalised and lowercased) as one word or several side by side, each once,
    in the order found, each with the Thai word it was found by (homestay: โฮมสเตย์, salt: เกลือ).
    Whole words only: ไลน์ is not found inside ออนไลน์. Words are joined rather than each Thai word
    cut alone, because ICU cuts a word it does not know by its neighbours (วิดีโอ alone, วิ|ดี|โอ
    in a sentence). nouns: the English words of nouns too, else of loanwords only."""
    lists = (_loanwords(), _translations()) if nouns else (_loanwords(),)
    listed = _listed(nouns)
    found: dict[str, str] = {}
    for at in range(len(words)):
        joined = ""
        for word in words[at:]:
            joined += word
            # The first listed word not before the run: the run itself, or one it begins, or none
            # (most runs end at their first or second word: 0.7 ms a story page -> 0.2 ms).
            place = bisect_left(listed, joined)
            if place == len(listed) or not listed[place].startswith(joined):
                break
            if listed[place] == joined:
                for words_of in lists:
                    for english in words_of.get(joined, ()):
                        found.setdefault(english, joined)
    return found
