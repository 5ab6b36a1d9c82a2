"""Search: the text each story gives the index, and the Pagefind index of the built site.

Pagefind indexes the built HTML into small shards, so a browser downloads only the parts of the
index a query needs and builds nothing itself. Each story page carries a hidden block
(data-pagefind-body) of its words, cut as the browser cuts queries (see thai.index_text); other
pages are not indexed.
"""

from __future__ import annotations

import asyncio
import html
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..thai.words import index_text
from . import urls

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(fragment: str) -> str:
    """Visible text of rendered Markdown: tags dropped, entities decoded, white space folded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


@dataclass(frozen=True)
class IndexText:
    """What one story gives the search index, Thai words already separated (thai.index_text)."""

    title: str
    summary: str
    body: str
    extra: str  # tags, office names in Thai and English, photo captions and descriptions


def story_index_text(title: str, summary: str, body_html: str, extra: str) -> IndexText:
    return IndexText(index_text(title), index_text(summary), index_text(html_to_text(body_html)), index_text(extra))


async def _index(site_dir: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    # One index for the whole site: stories in English still sit on Thai pages. The output path
    # goes in the config: leaving the context writes the files there (an explicit write_files
    # call to another path is followed by a second write into ./pagefind of the working directory).
    config = IndexConfig(force_language="th", output_path=str(site_dir / urls.SEARCH_INDEX))
    async with PagefindIndex(config=config) as index:
        # The directory walk, not one add_html_file call per page: each call is a round trip to
        # the Pagefind process (about 0.1 s: 100 s for 1,000 stories, measured); the walk took 1 s.
        # Pages without data-pagefind-body are skipped by Pagefind itself.
        indexed = await index.add_directory(str(site_dir))
    return int(indexed.get("page_count", 0))


def build_index(site_dir: Path) -> int:
    """Write site_dir/pagefind/ from the story pages under site_dir; returns the pages indexed."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pages = asyncio.run(_index(site_dir))
    else:
        # Called from code that already runs an event loop (a test browser, a server): use a thread.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pages = pool.submit(asyncio.run, _index(site_dir)).result()
    return pages
