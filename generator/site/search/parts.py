"""The index in parts: which story's document goes to which part, each part's key, and the
folders of documents kept between builds."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...keys import code_fingerprint, digest, forget_unused, linkable, write_linkable, write_whole
from .. import BuildFailed, urls
from ..links import link_files, listing
from ..views import StoryPage
from .document import search_document
from .engine import DOCUMENT_FILE, DOCUMENTS_LISTING, documents_listed

# Stories per part of the index. The index of a part is written whole when one of its stories
# changes: the stories are dealt into parts by address, and a build re-indexes only the parts
# whose stories changed. The browser searches every part (each costs a query a file or two per
# word, benchmarks/bench_search.py). MOINEXT_SEARCH_PART_SIZE overrides the size (the tests split
# the small example site into parts).
_PART_SIZE = 250
_MOST_PARTS = 4


def part_count(stories: int) -> int:
    """How many parts the index of this many stories has (one for a small site)."""
    size = int(os.environ.get("MOINEXT_SEARCH_PART_SIZE") or _PART_SIZE)
    return max(1, min(_MOST_PARTS, -(-stories // max(1, size))))


def part_of(url: str, parts: int) -> int:
    """The part a story's document goes to: by its address alone, so an edit moves nothing."""
    return int.from_bytes(hashlib.blake2b(url.encode("utf-8"), digest_size=4).digest(), "big") % parts


# A story's address, its view and its document's key. The view is None for a story a rebuild did
# not plan (site/stale.py): its document is the one kept in the cache under that key.
Document = tuple[str, StoryPage | None, str]


@dataclass(frozen=True)
class IndexPart:
    """One part of the search index: its folder in the site and the stories it holds."""

    number: int
    stories: tuple[Document, ...]

    @property
    def key(self) -> str:
        """The key of this part: the same while each of its stories' documents is the same."""
        return digest(code_fingerprint(), str(self.number), *(f"{url} {key}" for url, _, key in self.stories))

    @property
    def folder(self) -> str:
        """Its folder in the site (urls.search_part)."""
        return urls.search_part(self.number)


@dataclass(frozen=True)
class SearchDocuments:
    """The stories the index is made of, each with the key of its document."""

    stories: tuple[Document, ...]

    def parts(self) -> tuple[IndexPart, ...]:
        """The index's parts that hold stories."""
        count = part_count(len(self.stories))
        dealt: list[list[Document]] = [[] for _ in range(count)]
        for entry in self.stories:
            dealt[part_of(entry[0], count)].append(entry)
        return tuple(IndexPart(number, tuple(entries)) for number, entries in enumerate(dealt) if entries)

    def write(self, part: IndexPart, docs_dir: Path, cache_dir: Path) -> int:
        """Make docs_dir hold the document of each story of part at its address, and nothing else
        (what search/engine.py indexes); returns how many documents were made (the others were unchanged
        since an earlier build and are taken from cache_dir).

        docs_dir is kept from one build of the site to the next (publish.kept_folder): only the
        documents that changed are linked anew. A new folder for each story of the part (2,500 at
        10,000 stories) cost a folder per story on every build, and as many again when the build's
        temporary folder was removed. A listing of what it holds is kept inside it, removed while
        it changes: a build killed half way leaves none, and the next one makes the folder anew."""
        made: set[str] = set()
        cache_dir.mkdir(parents=True, exist_ok=True)
        for _, story, key in part.stories:
            cached = cache_dir / f"{key}.json"
            if story is not None and not linkable(cached):
                write_linkable(cached, search_document(story).encode("utf-8"))
                made.add(key)
        wanted = {url: key for url, _, key in part.stories}
        before = documents_listed(docs_dir)
        if before is None or documents_found(docs_dir) != before.keys():
            shutil.rmtree(docs_dir, ignore_errors=True)  # unknown, or not what its listing says
            before = {}
        forget_listing(docs_dir)
        for url in before.keys() - wanted.keys():
            with contextlib.suppress(OSError):
                (docs_dir / url / DOCUMENT_FILE).unlink()
                (docs_dir / url).rmdir()
        # Linked as strings (link_files), replacing a changed story's document. A document without
        # a view is in the cache (kept): unless it was removed since.
        # A document made again (its cache entry was absent, damaged or planted) is linked anew
        # even where the listing names its key: the folder's copy may be the planted file itself.
        changed = [
            (f"{key}.json", f"{url}{DOCUMENT_FILE}")
            for url, key in wanted.items()
            if before.get(url) != key or key in made
        ]
        try:
            link_files(cache_dir, docs_dir, changed)
        except FileNotFoundError as exc:
            raise BuildFailed(f"a search document is no longer in the cache: {exc.filename}") from exc
        self.record(docs_dir, wanted)
        return len(made)

    @staticmethod
    def record(docs_dir: Path, documents: Mapping[str, str]) -> None:
        """Note that docs_dir holds the document of each address with its key (write)."""
        write_whole(docs_dir / DOCUMENTS_LISTING, json.dumps(documents, ensure_ascii=False).encode("utf-8"))

    @staticmethod
    def kept(part: IndexPart, cache_dir: Path) -> bool:
        """Whether every document of part that has no view is in cache_dir, as this user's runs
        wrote it (keys.linkable: a planted document would be indexed and shown in results)."""
        return all(story is not None or linkable(cache_dir / f"{key}.json") for _, story, key in part.stories)

    def forget_unused(self, cache_dir: Path) -> None:
        """Documents of stories since changed or deleted are forgotten after a day."""
        forget_unused(cache_dir, "*", {key for _, _, key in self.stories})


def index_record(documents_dir: Path, part: IndexPart) -> Path:
    """Where the indexer notes what it indexed for part (search/engine.py), beside the part's
    folder of documents: kept with it from one build of the output to the next."""
    return documents_dir / f"{part.number}.index.json"


def forget_listing(docs_dir: Path) -> None:
    """Before docs_dir changes: a build killed half way leaves no listing, and the next one makes
    the folder anew."""
    (docs_dir / DOCUMENTS_LISTING).unlink(missing_ok=True)


def documents_found(docs_dir: Path) -> set[str]:
    """The address of every document under docs_dir, from the folder listings."""
    return {name.removesuffix(DOCUMENT_FILE) for name in listing(docs_dir) if name.rsplit("/", 1)[-1] == DOCUMENT_FILE}


def in_part(folders: str | tuple[str, ...], path: str) -> bool:
    """Whether a file of the site (its path) is one of the index part's in folder (or of any of
    the parts in folders: one pass over a site's files for every part it keeps)."""
    return path.startswith(folders)


def parts_file(parts: Sequence[IndexPart]) -> bytes:
    """urls.SEARCH_PARTS: the folders of the index's parts, relative to urls.SEARCH_INDEX."""
    folders = [part.folder.removeprefix(urls.SEARCH_INDEX) for part in parts]
    return (json.dumps({"parts": folders}) + "\n").encode("utf-8")
