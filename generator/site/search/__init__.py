"""Search: the text each story gives the index, and the index of the site (search/engine.py).

The index is moinext's own, made for phones: a browser downloads only the few small files a
query needs and builds nothing itself. Each story gives the index a small document of its own
(not its page): its words cut as the browser cuts queries (see thai.index_text), its metadata and
filters, at the story's address. The documents are made from the plan alone, so the index is
written while the pages are rendered (on the other core), and a story's document is reused while
the story is unchanged.
"""

from __future__ import annotations

from .document import IndexText, document_key, normaliser_script, search_document, story_index_text
from .engine import documents_listed
from .indexing import Indexing
from .parts import (
    Document,
    IndexPart,
    SearchDocuments,
    documents_found,
    forget_listing,
    in_part,
    index_record,
    part_count,
    part_of,
    parts_file,
)

__all__ = [
    "Document",
    "IndexPart",
    "IndexText",
    "Indexing",
    "SearchDocuments",
    "document_key",
    "documents_found",
    "documents_listed",
    "forget_listing",
    "in_part",
    "index_record",
    "normaliser_script",
    "part_count",
    "part_of",
    "parts_file",
    "search_document",
    "story_index_text",
]
