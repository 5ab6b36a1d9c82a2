"""English words that Thai writes in Thai letters (โฮมสเตย์ homestay, คลอรีน chlorine, ไซเรน siren):
a story that writes one is also found by the English word, as a reader who types in English
expects (a journalist's "homestay Bueng Kan").

The list is PyThaiNLP's Thai-English transliteration dictionary (v1.4, CC0: 3,868 loanwords with
the English words they come from), not one of our own: no list the PR team keeps could cover a
language's loanwords. Looked up as content/synonyms.py looks up its spellings: the story cut into
words once, each word by the loanwords that begin with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from .normalise import normalise
from .words import corpus_file

# The dictionary's file in PyThaiNLP's corpus folder: a header line, then the Thai word, a tab and
# one English word it comes from (a word with several has a line for each).
_TRANSLITERATIONS = "th_en_transliteration_v1.4.tsv"


@cache
def _origins() -> dict[str, tuple[str, ...]]:
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
def _beginnings() -> frozenset[str]:
    """Every beginning of every loanword: a run of words is extended while it may still become one."""
    return frozenset(key[:end] for key in _origins() for end in range(1, len(key) + 1))


def loanwords_in(words: Sequence[str]) -> dict[str, str]:
    """The English words of the loanwords that stand in words (a text cut by thai.words.segment,
    normalised and lowercased) as one word or several side by side, each once, in the order found,
    each with the loanword it was found by (homestay: โฮมสเตย์). Whole words only: ไลน์ is not found
    inside ออนไลน์. Words are joined rather than each loanword cut alone, because ICU cuts a word it
    does not know by its neighbours (วิดีโอ alone, วิ|ดี|โอ in a sentence)."""
    origins, beginnings = _origins(), _beginnings()
    found: dict[str, str] = {}
    for at in range(len(words)):
        joined = ""
        for word in words[at:]:
            joined += word
            if joined not in beginnings:
                break
            for english in origins.get(joined, ()):
                found.setdefault(english, joined)
    return found
