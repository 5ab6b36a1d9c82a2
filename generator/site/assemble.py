"""A whole site in a folder: the rendered pages, the search index, photos, fonts and feeds.

The search index is built by Pagefind's own process from the plan's search documents while mkdocs
renders the pages: the two stages run on two cores at once.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..content.schema import SiteConfig
from ..photos.process import PhotoReport
from . import urls
from .fonts import licence_file, prepare_fonts
from .plan import SitePlan
from .policy import netlify_headers
from .render import RenderReport, lightbox_files, render_pages
from .search import build_index, normaliser_script, write_search_documents
from .views import StoryPage


def photo_files(report: PhotoReport) -> Iterator[tuple[Path, str]]:
    """(cached file, site path) for every variant of every photo."""
    for photo in report.photos.values():
        base = urls.story(photo.office_id, photo.slug)
        for variant in photo.variants:
            yield photo.cache_dir / variant.filename, urls.photo(base, photo.stem, variant.filename)


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Cached photos and fonts are replaced whole (os.replace), never written in place, so the
        # site may share them: thousands of photos cost no copying.
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def assemble_site(
    plan: SitePlan,
    config: SiteConfig,
    photos: PhotoReport,
    site_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    *,
    on_page: Callable[[], None] | None = None,
    previous_site: Path | None = None,
) -> RenderReport:
    """Write the complete site into site_dir (a new folder). Pages unchanged since the build of
    previous_site are taken from it (render.py); returns what the renderer did."""
    docs_dir = work_dir / "search-documents"
    stories = [(page.url, page.view) for page in plan.pages if isinstance(page.view, StoryPage)]
    write_search_documents(stories, docs_dir, cache_dir / "search-documents")
    with ThreadPoolExecutor(max_workers=1) as pool:
        indexing = pool.submit(build_index, docs_dir, site_dir / urls.SEARCH_INDEX)
        report = render_pages(plan, config, site_dir, work_dir, cache_dir, on_page=on_page, previous_site=previous_site)
        indexing.result()
    # dict: a variant may be listed twice (a photo too small for two sizes has one file for both).
    cached_files = dict((site_path, cached) for cached, site_path in photo_files(photos))
    cached_files.update((f.site_path, f.cached) for f in prepare_fonts(cache_dir))
    for site_path, cached in cached_files.items():
        _link_or_copy(cached, site_dir / site_path)
    for installed, site_path in ((licence_file(), urls.FONT_LICENCE), *lightbox_files()):
        (site_dir / site_path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(installed, site_dir / site_path)
    generated = ((urls.HEADERS_FILE, netlify_headers().encode()), (urls.NORMALISE_SCRIPT, normaliser_script().encode()))
    for site_path, data in (*plan.files, *generated):
        (site_dir / site_path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / site_path).write_bytes(data)
    return report
