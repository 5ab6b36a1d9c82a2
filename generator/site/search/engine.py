"""moinext's search index: written here from the stories' search documents, read in the browser
by theme/assets/javascripts/moinext-search.js. The two sides share the format below and nothing
else; a change to one is a change to both (the browser tests search real builds).

Made for a phone on a slow network: a query downloads only what it needs, in a few small files,
and never the positions of words. One part of the index (search/parts.py) is a folder:

    index.json          {"version", "docs": N, "slots": S, "terms": T, "pairs": P, "made": the
                        digest of the documents it is made from (what the indexer's record
                        of its last run must name to be used, _LastRun)}
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
weight is its field's (title 8, office 6, tags 4, summary 3, extra 2, the synonyms of what title, summary
and tags say 2, body 1, related and parts 0.5).
The browser multiplies the impact by the word's idf over every part.

A word is the index text's word (thai.index_text, Thai in the index spelling) lowercased, with
every character that is neither a letter nor a digit removed (word_of; the browser's wordOf).
This module needs only Python's own library: indexing.py runs it as a script of its own.

A part is indexed from the previous one (write_index): since a document's impacts depend on it
alone, what a changed document gave is taken out of its words' postings and what it gives put
in; a bucket, a postings file or a result file no changed word or document is in is the
previous index's. A clean index is the same steps with every document changed and no previous
index. One title edit at 10,000 stories rewrote a part's 4,600 files in 1.6 s, and now writes
the few its words are in.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1
DOCUMENT_FILE = "document.json"  # a story's search document, in a folder of documents
DOCUMENTS_LISTING = ".documents.json"  # in a folder of documents: each document's address and key
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
        self.folders: set[Path] = set()  # made already (_path)

    def __call__(self, name: str, data: bytes, *, new: bool = False) -> None:
        """new: a file no other word may have written (two words with one hash of 64 bits: never
        seen, but never overwritten either)."""
        path = self._path(name)
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

    def _path(self, name: str) -> Path:
        """Where name goes, its folder made (once: a mkdir per file was 4,600 a part)."""
        path = self.out_dir / name
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        return path

    def link(self, name: str) -> None:
        """The previous index's file at name, taken as it is (its bytes are known not to change)."""
        assert self.previous is not None
        path = self._path(name)
        try:
            os.link(self.previous / name, path)
        except OSError as exc:  # gone, or another file system: the part is indexed whole
            raise _Stale from exc


def _gaps(numbers: list[int]) -> list[int]:
    return [number - previous for previous, number in zip([-1, *numbers], numbers, strict=False)]


def _contribution(
    document: dict[str, Any], read: dict[str, tuple[str, list[str]]]
) -> tuple[dict[str, int], dict[str, int]]:
    """What a document gives the index: each of its words' and pairs' impact in it (BM25's
    term-frequency part, see the module's docstring). read: token -> (word, pieces), kept from
    one document to the next (most tokens come again)."""
    counts: dict[str, float] = {}
    pair_counts: dict[str, float] = {}
    office_words: set[str] = set()
    length = 0
    for weight, text, office in document["fields"]:
        before = ""
        for token in text.split():
            found = read.get(token)
            if found is None:
                found = read[token] = (word_of(token), pieces_of(token))
            word, pieces = found
            if not word:
                continue
            length += 1
            for each in (word, *pieces):  # e-Payment is also e and payment
                counts[each] = counts.get(each, 0.0) + weight
                if office:
                    office_words.add(each)
            if before:
                pair = f"{before} {word}"
                pair_counts[pair] = pair_counts.get(pair, 0.0) + weight
                if office:
                    office_words.add(pair)
            before = word
    norm = _K1 * (1 - _B + _B * length / _AVERAGE_WORDS)

    def impacts(weighted: dict[str, float]) -> dict[str, int]:
        return {
            word: 2 * (round(100 * tf * (_K1 + 1) / (tf + norm)) or 1) + (word in office_words)
            for word, tf in weighted.items()
        }

    return impacts(counts), impacts(pair_counts)


def _encoded(postings: dict[int, int]) -> list[int]:
    """[gap, impact, …] of a word's postings (document -> impact)."""
    flat: list[int] = []
    previous = -1
    for doc in sorted(postings):
        flat += (doc - previous, postings[doc])
        previous = doc
    return flat


def _decoded(flat: list[int]) -> dict[int, int]:
    postings: dict[int, int] = {}
    doc = -1
    for number in range(0, len(flat), 2):
        doc += flat[number]
        postings[doc] = flat[number + 1]
    return postings


def _long_name(word: str) -> str:
    """The file in p/ of a word whose postings are too long to stand in its bucket."""
    return hashlib.blake2b(word.encode("utf-8"), digest_size=8).hexdigest()


def _entry_size(word: str, count: int) -> int:
    """What a word in count documents adds to its folder's size, from which the number of buckets
    follows (inline, its postings are 2 × count numbers)."""
    return len(word) + 24 if count > _INLINE_POSTINGS else len(word) + 8 * count + 8


# The group a bucket is chosen by: a word's first letters (t/), a pair itself (b/).
_KEY_OF: dict[str, Any] = {"t": word_key, "b": str}


class _Stale(Exception):
    """The last run's record does not describe the previous index (or a file it names is gone):
    the part is indexed whole."""


class _LastRun:
    """What the last run on this part indexed (its record, beside the part's documents), trusted
    only for a previous index made from those very documents: its index.json names them by
    their digest (_made). A build that failed after indexing left a record of an index that was
    never published; an index and a record of the same documents agree whichever run wrote them."""

    def __init__(self, record: Path, previous: Path, cache: Path) -> None:
        try:
            found = json.loads(record.read_bytes())
            # address -> [document key, number, hash of the document, date, filters]
            self.documents: dict[str, list[Any]] = dict(found["documents"])
            if not all(isinstance(url, str) and _recorded(entry) for url, entry in self.documents.items()):
                raise _Stale  # damaged: nothing in it is used
            manifest = json.loads((previous / "index.json").read_bytes())
            if found["version"] != FORMAT_VERSION or manifest.get("made") != _made(self.documents):
                raise _Stale
            self.buckets = {"t": int(manifest["terms"]), "b": int(manifest["pairs"])}
            self.sizes = {"t": int(found["sizes"]["t"]), "b": int(found["sizes"]["b"])}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise _Stale from exc
        self.previous = previous
        self.cache = cache
        self._buckets: dict[str, dict[str, Any]] = {}

    def document(self, url: str) -> dict[str, Any]:
        """A document the last run indexed, from the documents' cache (by its key), if its bytes
        are still the ones indexed."""
        key, _, hashed, _, _ = self.documents[url]
        try:
            data = (self.cache / f"{key}.json").read_bytes()
        except OSError as exc:
            raise _Stale from exc
        if _hash(data) != hashed:
            raise _Stale
        return dict(json.loads(data))

    def bucket(self, folder: str, number: int) -> dict[str, Any]:
        name = f"{folder}/{number}.json"
        if name not in self._buckets:
            try:
                self._buckets[name] = json.loads((self.previous / name).read_bytes())
            except (OSError, ValueError) as exc:
                raise _Stale from exc
        return self._buckets[name]

    def postings(self, folder: str, word: str, key: str) -> dict[int, int]:
        """A word's postings in the previous index (none when it was not there)."""
        entry = self.bucket(folder, fnv1a(key) % self.buckets[folder]).get(word)
        if entry is None:
            return {}
        flat = entry[1]
        if isinstance(flat, str):
            try:
                flat = json.loads((self.previous / f"p/{flat}.json").read_bytes())
            except (OSError, ValueError) as exc:
                raise _Stale from exc
        return _decoded(flat)


def _recorded(entry: object) -> bool:
    """Whether a record's entry for a document has the shape write_index gives it."""
    if not (isinstance(entry, list) and len(entry) == 5):
        return False
    key, number, hashed, date, filters = entry
    return (
        isinstance(key, str)
        and type(number) is int
        and isinstance(hashed, str)
        and isinstance(date, str)
        and isinstance(filters, list)
        and all(isinstance(f, list) and len(f) == 2 and all(isinstance(v, str) for v in f) for f in filters)
    )


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _made(documents: dict[str, list[Any]]) -> str:
    """The digest of the documents an index is made from: every address with all the record says
    of its document (key, number, hash, date, filters). So a record is used only where the
    previous index (the live site's, trusted as the build trusts every output it takes from it)
    names every word of it."""
    return _hash(_dump(sorted([url, *entry] for url, entry in documents.items())))


def documents_listed(docs_dir: Path) -> dict[str, str] | None:
    """What docs_dir holds by the listing search/parts.py keeps in it (address -> key of each
    document), None without one."""
    try:
        listed = json.loads((docs_dir / DOCUMENTS_LISTING).read_text(encoding="utf-8"))
        return {str(url): str(key) for url, key in listed.items()}
    except (OSError, ValueError, AttributeError):
        return None


def _listed(docs_dir: Path) -> dict[str, str]:
    """address -> key of each document in docs_dir, by its listing, else by the folder (keys
    unknown: nothing is taken from a last run)."""
    listed = documents_listed(docs_dir)
    if listed is not None:
        return listed
    return {
        f"{Path(folder).relative_to(docs_dir).as_posix()}/": ""
        for folder, _, names in os.walk(docs_dir)
        if DOCUMENT_FILE in names
    }


def write_index(
    docs_dir: Path, out_dir: Path, previous: Path | None = None, record: Path | None = None, cache: Path | None = None
) -> int:
    """Write the index of the search documents under docs_dir into out_dir (a new folder), files
    the same as previous's (the part's index in the previous site) linked; returns how many
    documents it holds.

    record: where a run notes what it indexed (each document's key and number), and cache: the
    documents' cache by key. With both, and previous the index the last run wrote, only what the
    documents that changed give is indexed: their words' postings are those of the previous index
    with the changed documents' entries taken out and put in again, and every file no changed
    word is in is the previous index's, linked. Without them, or when the number of buckets
    changes, the same steps run with every document changed, on an empty previous index."""
    listed = _listed(docs_dir)
    last = None
    if previous is not None and record is not None and cache is not None and all(listed.values()):
        with contextlib.suppress(_Stale):
            last = _LastRun(record, previous, cache)
    if last is None:
        return _write_part(docs_dir, out_dir, previous, record, listed, None)
    try:
        return _write_part(docs_dir, out_dir, previous, record, listed, last)
    except (_Stale, ValueError, TypeError, KeyError, IndexError, AttributeError):
        # The previous index is not what its record says (a file damaged, or gone): made whole.
        shutil.rmtree(out_dir, ignore_errors=True)
        return _write_part(docs_dir, out_dir, previous, record, listed, None)


def _write_part(
    docs_dir: Path,
    out_dir: Path,
    previous: Path | None,
    record: Path | None,
    listed: dict[str, str],
    last: _LastRun | None,
) -> int:
    write = _Writer(out_dir, previous)
    numbers = slots(listed)
    before = last.documents if last is not None else {}
    kept = {url for url, key in listed.items() if url in before and before[url][:2] == [key, numbers[url]]}
    read: dict[str, tuple[str, list[str]]] = {}
    # What each changed document gave the index, and gives it now, by its number.
    gave: dict[str, dict[str, dict[int, int]]] = {"t": defaultdict(dict), "b": defaultdict(dict)}
    gives: dict[str, dict[str, dict[int, int]]] = {"t": defaultdict(dict), "b": defaultdict(dict)}

    def note(into: dict[str, dict[str, dict[int, int]]], doc: int, document: dict[str, Any]) -> None:
        for folder, impacts in zip(("t", "b"), _contribution(document, read), strict=True):
            for word, impact in impacts.items():
                into[folder][word][doc] = impact

    for url in sorted(set(before) - kept):
        assert last is not None
        note(gave, before[url][1], last.document(url))
    documents: dict[str, list[Any]] = {url: before[url] for url in kept}
    for url in sorted(set(listed) - kept):
        data = (docs_dir / url / DOCUMENT_FILE).read_bytes()
        document = json.loads(data)
        doc = numbers[url]
        documents[url] = [listed[url], doc, _hash(data), str(document["date"]), document["filters"]]
        note(gives, doc, document)
        fragment = {key: document[key] for key in ("url", "meta", "content")}
        write(f"f/{doc}.json", _dump(fragment))
    for url in kept:
        write.link(f"f/{numbers[url]}.json")

    sizes: dict[str, int] = {}
    buckets: dict[str, int] = {}
    changed: dict[str, dict[str, tuple[int, list[int]]]] = {}
    for folder in ("t", "b"):
        key_of = _KEY_OF[folder]
        # The words whose postings changed, with their postings now (none: the word is gone).
        changed[folder] = {}
        size = last.sizes[folder] if last is not None else 0
        for word in gave[folder].keys() | gives[folder].keys():
            old, new = gave[folder].get(word, {}), gives[folder].get(word, {})
            if old == new:
                continue
            postings = last.postings(folder, word, key_of(word)) if last is not None else {}
            if postings:
                size -= _entry_size(word, len(postings))
            for doc in old:
                postings.pop(doc, None)
            postings.update(new)
            changed[folder][word] = (len(postings), _encoded(postings))
            if postings:
                size += _entry_size(word, len(postings))
        sizes[folder] = size
        buckets[folder] = _power_of_two(size / _BUCKET_BYTES)
        if last is not None and buckets[folder] != last.buckets[folder]:
            raise _Stale  # every word moves to another bucket

    long_words = {_long_name(w): w for folder in changed.values() for w in folder}
    if last is not None:
        for name in _names(last.previous / "p"):
            # Its own files only: the site keeps compressed copies beside them.
            if name.endswith(".json") and name.removesuffix(".json") not in long_words:
                write.link(f"p/{name}")
    for folder, words in changed.items():
        key_of = _KEY_OF[folder]
        touched: dict[int, dict[str, list[Any]]] = defaultdict(dict)
        for word, (count, flat) in words.items():
            touched[fnv1a(key_of(word)) % buckets[folder]][word] = [count, flat]
        for number in range(buckets[folder]):
            name = f"{folder}/{number}.json"
            if last is not None and number not in touched:
                write.link(name)
                continue
            entries = dict(last.bucket(folder, number)) if last is not None else {}
            for word, (count, flat) in touched[number].items():
                if count == 0:
                    entries.pop(word, None)
                elif count > _INLINE_POSTINGS:
                    write(f"p/{_long_name(word)}.json", _dump(flat), new=True)
                    entries[word] = [count, _long_name(word)]
                else:
                    entries[word] = [count, flat]
            ordered = sorted(entries.items(), key=lambda item: (key_of(item[0]), item[0]))
            write(name, _dump(dict(ordered)))

    newest = sorted(documents, key=lambda url: (documents[url][3], url), reverse=True)
    filters: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for url in newest:
        for name, value in documents[url][4]:
            filters[name][value].append(numbers[url])
    by_value = {
        name: {value: _gaps(sorted(docs)) for value, docs in sorted(values.items())}
        for name, values in sorted(filters.items())
    }
    write("filters.json", _dump({"filters": by_value, "newest": [numbers[url] for url in newest]}))
    manifest = {
        "version": FORMAT_VERSION,
        "docs": len(documents),
        "slots": slot_count(len(documents)),
        "terms": buckets["t"],
        "pairs": buckets["b"],
        "made": _made(documents),
    }
    write("index.json", _dump(manifest))
    if record is not None:
        temporary = record.with_name(f"{record.name}.{os.getpid()}.tmp")
        temporary.write_bytes(_dump({"version": FORMAT_VERSION, "sizes": sizes, "documents": documents}))
        os.replace(temporary, record)
    return len(documents)


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except FileNotFoundError:
        return []


if __name__ == "__main__":  # engine.py DOCUMENTS INDEX PREVIOUS|- RECORD CACHE … (search/indexing.py)
    arguments = sys.argv[1:]
    for docs, index, previous, record, cache in zip(*(arguments[n::5] for n in range(5)), strict=True):
        write_index(Path(docs), Path(index), None if previous == "-" else Path(previous), Path(record), Path(cache))
