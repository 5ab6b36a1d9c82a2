"""Search: the text each story gives the index, and the Pagefind index of the site.

Pagefind indexes HTML into small shards, so a browser downloads only the parts of the index a query
needs and builds nothing itself. Each story gives Pagefind a small document of its own (not its
page): its words cut as the browser cuts queries (see thai.index_text), its metadata and filters,
at the story's address. The documents are made from the plan alone, so the index is built while
the pages are rendered (on the other core), and a story's document is reused while the story is
unchanged.
"""

from __future__ import annotations

from .document import IndexText, document_key, normaliser_script, search_document, story_index_text
from .pagefind import Indexing, prune_part, seed_part, trim_part, write_empty_index
from .parts import (
    Document,
    IndexPart,
    SearchDocuments,
    documents_found,
    documents_listed,
    forget_listing,
    in_part,
    of_other_parts,
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
    "normaliser_script",
    "of_other_parts",
    "part_count",
    "part_of",
    "parts_file",
    "prune_part",
    "search_document",
    "seed_part",
    "story_index_text",
    "trim_part",
    "write_empty_index",
]
