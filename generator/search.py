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

from .thai import index_text

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def html_to_text(fragment: str) -> str:
    """Visible text of rendered Markdown: tags dropped, entities decoded, white space folded."""
    fragment = _HEADERLINK.sub("", fragment)
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


@dataclass(frozen=True)
class IndexReport:
    pages: int
    files: int
    bytes: int


async def _index(site_dir: Path, page_urls: list[str]) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    # One index for the whole site: stories in English still sit on Thai pages. The output path
    # goes in the config: leaving the context writes the files there (an explicit write_files
    # call to another path is followed by a second write into ./pagefind of the working directory).
    config = IndexConfig(force_language="th", output_path=str(site_dir / "pagefind"))
    async with PagefindIndex(config=config) as index:
        # One page at a time, in a fixed order: Pagefind's own directory walk is parallel, and
        # the files it wrote then differed from one build of the same site to the next.
        for url in page_urls:
            html_file = site_dir / url / "index.html"
            await index.add_html_file(content=html_file.read_text(encoding="utf-8"), url=f"/{url}")
    return len(page_urls)


def build_index(site_dir: Path, page_urls: list[str]) -> IndexReport:
    """Write site_dir/pagefind/ from the pages at page_urls ("th-50/weaving/", …)."""
    urls = sorted(page_urls)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pages = asyncio.run(_index(site_dir, urls))
    else:
        # Called from code that already runs an event loop (a test browser, a server): use a thread.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pages = pool.submit(asyncio.run, _index(site_dir, urls)).result()
    files = [p for p in (site_dir / "pagefind").rglob("*") if p.is_file()]
    return IndexReport(pages, len(files), sum(p.stat().st_size for p in files))
