"""moinext's search index: written here from the stories' search documents, read in the browser
by theme/assets/javascripts/moinext-search.js. The two sides share the format below and nothing
else; a change to one is a change to both (the browser tests search real builds).

Made for a phone on a slow network: a query downloads only what it needs, in a few small files,
and never the positions of words. One part of the index (search/parts.py) is a folder:

    index.json          {"version", "docs": N, "slots": S, "terms": T, "pairs": P}
    t/<bucket>.json     the words: {word: [documents, postings or their file's name]}, words
                        grouped by their first two letters (word_key), the group in bucket
                        fnv1a(key) % T, so a word and every word it begins are in one file (a
                        half-typed word is looked up in one file)
    b/<bucket>.json     the same for two words side by side ("word word"), bucket fnv1a(pair) % P:
                        a run of words is found side by side by its pairs, without positions
    p/<name>.json       postings too long to stand in a bucket, named by a hash of their word
    f/<slot>.json       what a result shows: {url, meta, content}
    filters.json        {"filters": {filter: {value: [slots as gaps]}}, "newest": [slots]},
                        fetched only when the reader filters (newest: every story, newest first)

A document's number is its slot: a hash of its address in a table of S slots, at least twice the
part's size (the next free slot on a collision, addresses in order). So a story keeps its number, and its
result file its name, while other stories come and go, and a release uploads what changed only;
the same stories always get the same numbers (a rebuild equals a clean build byte for byte). For
the same reason T and P are powers of two, and BM25 normalises by a fixed average length, not the
part's (which every edit would change, and every posting with it).

postings are [gap, impact, gap, impact, …]: document numbers as gaps from the one before (the
first from -1), and impact = 2 × round(100 × BM25's term-frequency part) + 1 when the word is
in the office's own names (the search ranks the office whose name was searched first). A word's
weight is its field's (title 8, office 6, summary 3, extra 2, body 1, related and parts 0.5).
The browser multiplies the impact by the word's idf over every part.

A word is the index text's word (thai.index_text, Thai in the index spelling) lowercased, with
every character that is neither a letter nor a digit removed (word_of; the browser's wordOf).
This module needs only Python's own library: indexing.py runs it as a script of its own.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

FORMAT_VERSION = 1
DOCUMENT_FILE = "document.json"  # a story's search document, in a folder of documents
_K1 = 1.2  # BM25, as Pagefind and Lucene set it
_B = 0.75
_AVERAGE_WORDS = 300  # a story's words, for BM25's length normalisation
_INLINE_POSTINGS = 48  # documents; a word in more has its postings in a file of its own
_BUCKET_BYTES = 8_000  # a bucket's size, before compression (about 3 KB sent)
_FNV_OFFSET = 2166136261
_FNV_PRIME = 16777619
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")  # \w is str.isalnum and _; JavaScript's [\p{L}\p{N}]
_INSIDE_MARKS = re.compile(r"(?<=\w)[^\w\u2063]+(?=\w)")  # a hyphen, a full stop, a comma between letters


def word_of(token: str) -> str:
    """The index word of a token of the index text ("qx025x⁣" -> "qx025x", "PM2.5" -> "pm25")."""
    return _NOT_LETTER_OR_DIGIT.sub("", token.lower())


def pieces_of(token: str) -> list[str]:
    """The words of a token that has marks inside ("e-Payment" -> ["e", "payment"]), for a reader
    who types them apart (the browser's word breaks cut "e-Payment" so); none for a plain word."""
    pieces = [word_of(piece) for piece in _INSIDE_MARKS.split(token)]
    return [piece for piece in pieces if piece] if len(pieces) > 1 else []


def word_key(word: str) -> str:
    """The group a word is in: its first two letters (a Thai letter is "qx" and three digits in
    the index spelling). Every word a prefix of at least this length begins is in its group."""
    return word[:8] if word.startswith("qx") else word[:2]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points (the browser's fnv1a)."""
    value = _FNV_OFFSET
    for char in text:
        value = ((value ^ ord(char)) * _FNV_PRIME) & 0xFFFFFFFF
    return value


def slot_count(documents: int) -> int:
    return _power_of_two(2 * documents)


def slots(urls: Iterable[str]) -> dict[str, int]:
    """Each address's document number (see the module's docstring)."""
    ordered = sorted(urls)
    size = slot_count(len(ordered))
    taken: set[int] = set()
    found: dict[str, int] = {}
    for url in ordered:
        slot = fnv1a(url) % size
        while slot in taken:
            slot = (slot + 1) % size
        taken.add(slot)
        found[url] = slot
    return found


def _power_of_two(at_least: float) -> int:
    return 1 << max(0, math.ceil(math.log2(max(1.0, at_least))))


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _Writer:
    """Writes the files of a part into a new folder. A file with the same bytes as the previous
    index's file at its name (most of them, as numbers are stable) is that file, linked, never
    written to: the build then shares it with the previous site and takes its compressed copies
    without reading it again (site/links.py, site/compress.py)."""

    def __init__(self, out_dir: Path, previous: Path | None) -> None:
        self.out_dir = out_dir
        self.previous = previous
        self.folders: set[Path] = set()  # made already (a mkdir per file: 4,600 a part)

    def __call__(self, name: str, data: bytes, *, new: bool = False) -> None:
        """new: a file no other word may have written (two words with one hash of 64 bits: never
        seen, but never overwritten either)."""
        path = self.out_dir / name
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        if self.previous is not None:
            before = self.previous / name
            try:
                if before.stat().st_size == len(data) and before.read_bytes() == data:
                    os.link(before, path)
                    return
            except OSError:  # none there, or another file system: written
                pass
        with open(path, "xb" if new else "wb") as file:
            file.write(data)


def _documents(docs_dir: Path) -> Iterator[dict[str, object]]:
    for folder, _, names in os.walk(docs_dir):
        if DOCUMENT_FILE in names:
            yield json.loads((Path(folder) / DOCUMENT_FILE).read_text(encoding="utf-8"))


def _gaps(numbers: list[int]) -> list[int]:
    return [number - previous for previous, number in zip([-1, *numbers], numbers, strict=False)]


class _Postings:
    """Each word's (or pair's) weighted count per document, and where it is the office's."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[int, float]] = defaultdict(dict)
        self.office: dict[str, set[int]] = defaultdict(set)

    def add(self, word: str, doc: int, weight: float, office: bool) -> None:
        counts = self.counts[word]
        counts[doc] = counts.get(doc, 0.0) + weight
        if office:
            self.office[word].add(doc)

    def encoded(self, lengths: dict[int, int]) -> Iterator[tuple[str, int, list[int]]]:
        """(word, documents, postings) of every word."""
        norms = {doc: _K1 * (1 - _B + _B * length / _AVERAGE_WORDS) for doc, length in lengths.items()}
        for word, counts in self.counts.items():
            office = self.office.get(word, ())
            flat: list[int] = []
            previous = -1
            for doc in sorted(counts):
                tf = counts[doc]
                part = round(100 * tf * (_K1 + 1) / (tf + norms[doc]))
                flat += (doc - previous, 2 * (part or 1) + (doc in office))
                previous = doc
            yield word, len(counts), flat


def _buckets(write: _Writer, folder: str, entries: Iterable[tuple[str, str, int, list[int]]]) -> int:
    """Write the entries (key, word, documents, postings) into the buckets of folder, and long
    postings into p/; returns how many buckets."""
    grouped: dict[str, dict[str, object]] = defaultdict(dict)
    size = 0
    for key, word, count, flat in entries:
        if count > _INLINE_POSTINGS:
            name = hashlib.blake2b(word.encode("utf-8"), digest_size=8).hexdigest()
            write(f"p/{name}.json", _dump(flat), new=True)
            grouped[key][word] = [count, name]
            size += len(word) + 24
        else:
            grouped[key][word] = [count, flat]
            size += len(word) + 4 * len(flat) + 8
    buckets = _power_of_two(size / _BUCKET_BYTES)
    files: list[dict[str, object]] = [{} for _ in range(buckets)]
    for key in sorted(grouped):
        files[fnv1a(key) % buckets].update(sorted(grouped[key].items()))
    for number, words in enumerate(files):
        write(f"{folder}/{number}.json", _dump(words))
    return buckets


def write_index(docs_dir: Path, out_dir: Path, previous: Path | None = None) -> int:
    """Write the index of the search documents under docs_dir into out_dir (a new folder), files
    the same as previous's (the part's index in the previous site) linked; returns how many
    documents it holds."""
    write = _Writer(out_dir, previous)
    documents = sorted(_documents(docs_dir), key=lambda d: (str(d["date"]), str(d["url"])), reverse=True)
    numbers = slots(str(document["url"]) for document in documents)
    words = _Postings()
    pairs = _Postings()
    lengths: dict[int, int] = {}
    filters: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    read: dict[str, tuple[str, list[str]]] = {}  # token -> (word, pieces): most tokens come again
    for document in documents:
        doc = numbers[str(document["url"])]
        length = 0
        for weight, text, office in document["fields"]:  # type: ignore[attr-defined]
            before = ""
            for token in text.split():
                if token not in read:
                    read[token] = (word_of(token), pieces_of(token))
                word, pieces = read[token]
                if not word:
                    continue
                length += 1
                words.add(word, doc, weight, office)
                for piece in pieces:  # e-Payment is also e and payment
                    words.add(piece, doc, weight, office)
                if before:
                    pairs.add(f"{before} {word}", doc, weight, office)
                before = word
        lengths[doc] = length
        for name, value in document["filters"]:  # type: ignore[attr-defined]
            filters[name][value].append(doc)
        fragment = {key: document[key] for key in ("url", "meta", "content")}
        write(f"f/{doc}.json", _dump(fragment))
    terms = _buckets(write, "t", ((word_key(w), w, n, flat) for w, n, flat in words.encoded(lengths)))
    pair_buckets = _buckets(write, "b", ((p, p, n, flat) for p, n, flat in pairs.encoded(lengths)))
    by_value = {
        name: {value: _gaps(sorted(docs)) for value, docs in sorted(values.items())}
        for name, values in sorted(filters.items())
    }
    newest = [numbers[str(document["url"])] for document in documents]
    write("filters.json", _dump({"filters": by_value, "newest": newest}))
    manifest = {
        "version": FORMAT_VERSION,
        "docs": len(documents),
        "slots": slot_count(len(documents)),
        "terms": terms,
        "pairs": pair_buckets,
    }
    write("index.json", _dump(manifest))
    return len(documents)


if __name__ == "__main__":  # engine.py DOCUMENTS INDEX PREVIOUS|- … (search/indexing.py)
    arguments = sys.argv[1:]
    for docs, index, previous in zip(arguments[::3], arguments[1::3], arguments[2::3], strict=True):
        write_index(Path(docs), Path(index), None if previous == "-" else Path(previous))
