"""A whole site in a folder: the rendered pages, the search index, photos, fonts and feeds.

The search index is built by Pagefind's own process from the plan's search documents while the
pages render: the two stages run on two cores at once.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ..content.schema import SiteConfig
from ..photos.process import PhotoReport
from . import urls
from .compress import precompress
from .fonts import licence_file, prepare_fonts
from .manifest import BuildManifest, StoryKeys, link_or_copy, link_tree, share_unchanged_files
from .plan import SitePlan
from .policy import netlify_headers, nginx_server_config
from .render import RenderReport, lightbox_files, render_pages
from .search import (
    Indexing,
    SearchDocuments,
    normaliser_script,
    of_other_parts,
    parts_file,
    trim_part,
    write_empty_index,
)
from .views import StoryPage


def photo_files(report: PhotoReport) -> Iterator[tuple[Path, str]]:
    """(cached file, site path) for every variant of every photo."""
    for photo in report.photos.values():
        base = urls.story(photo.office_id, photo.slug)
        for variant in photo.variants:
            yield photo.cache_dir / variant.filename, urls.photo(base, photo.stem, variant.filename)


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
    previous: BuildManifest | None = None,
    inputs: str = "",
    story_keys: Mapping[str, tuple[str, str]] | None = None,
    documents_dir: Path | None = None,
) -> RenderReport:
    """Write the complete site into site_dir (a new folder). Pages unchanged since the build of
    previous_site (as its manifest, previous, says) are taken from it (render.py); returns what
    the renderer did. inputs and story_keys (incremental.py) are kept in the new site's manifest,
    for the next build. documents_dir: where the search index's documents are kept between builds
    (SearchDocuments.write; in work_dir if None)."""
    previous = previous or BuildManifest.read(previous_site)
    documents = SearchDocuments.of(
        [(page.url, page.view, page.view_digest) for page in plan.pages if isinstance(page.view, StoryPage)]
    )
    parts = documents.parts()
    index_keys = {part.folder: part.key for part in parts}
    jobs: list[tuple[Path, Path, Path | None]] = []
    for number, part in enumerate(parts):
        made_before = previous_site / part.folder if previous_site else None
        unchanged = previous.search.get(part.folder) == index_keys[part.folder]
        if made_before is not None and unchanged and made_before.is_dir():
            # None of this part's stories changed (an office's address, the configuration, a
            # template or another part's story did): the part is the previous one, file for file
            # (the other parts and the list of parts inside the first are not this part's).
            link_tree(made_before, site_dir / part.folder, skip=of_other_parts)
        else:
            docs_dir = (documents_dir or work_dir / "search-documents") / str(number)
            documents.write(part, docs_dir, cache_dir / "search-documents")
            # Pagefind keeps the files of the previous index that are still the same (seed_part).
            jobs.append((docs_dir, site_dir / part.folder, made_before))
    documents.forget_unused(cache_dir / "search-documents")
    if not parts:
        write_empty_index(site_dir / urls.SEARCH_INDEX)
    indexing = Indexing(jobs, work_dir / "pagefind.log") if jobs else None
    try:
        report = render_pages(
            plan, config, site_dir, work_dir, cache_dir, on_page=on_page, previous_site=previous_site, previous=previous
        )
        if indexing is not None:
            indexing.wait()  # Pagefind's errors are the build's
    finally:
        if indexing is not None:
            indexing.stop()
    for part in parts[1:]:
        trim_part(site_dir / part.folder)
    (site_dir / urls.SEARCH_PARTS).write_bytes(parts_file(parts))
    kept = {url: StoryKeys(*story_keys[url], key) for url, _, key in documents.stories} if story_keys else {}
    BuildManifest(report.site_key, report.page_keys, index_keys, inputs, kept, report.menu_pages).write(site_dir)
    # dict: a variant may be listed twice (a photo too small for two sizes has one file for both).
    cached_files = dict((site_path, cached) for cached, site_path in photo_files(photos))
    cached_files.update((f.site_path, f.cached) for f in prepare_fonts(cache_dir))
    for site_path, cached in cached_files.items():
        link_or_copy(cached, site_dir / site_path)
    for installed, site_path in ((licence_file(), urls.FONT_LICENCE), *lightbox_files()):
        (site_dir / site_path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(installed, site_dir / site_path)
    generated = ((urls.HEADERS_FILE, netlify_headers().encode()), (urls.NORMALISE_SCRIPT, normaliser_script().encode()))
    for site_path, data in (*plan.files, *generated):
        (site_dir / site_path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / site_path).write_bytes(data)
    return report


def finish_site(site_dir: Path, cache_dir: Path, previous_site: Path | None) -> None:
    """The last step, once every file of the site is written: the web server's configuration,
    files unchanged since the previous site shared with it, and the pre-compressed copies."""
    (site_dir / urls.NGINX_CONFIG).write_text(nginx_server_config(), encoding="utf-8")
    share_unchanged_files(site_dir, previous_site)
    precompress(site_dir, cache_dir / "compressed", previous_site)
