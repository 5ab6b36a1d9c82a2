"""The site in a new folder: the stale outputs made, every other one taken from the previous site.

One sequence for every build (site/stale.py decides what is stale; a clean build is this with
everything stale):

1. the search index's stale parts: their documents written, the indexer started on them (it
   runs on the other core while the pages render);
2. the stale pages rendered (render.py), with the theme's files when the renderer changed;
3. every output that is not stale linked from the previous site, as the build record lists it;
4. the files made from the plan (feeds, the sitemap, the evidence packs), photos, fonts and the
   site's own small files;
5. the indexer waited for and its parts moved in; files written anew that are the same bytes as the
   previous site's shared with it, then compressed;
6. the build record of the new site (record.py), for the next build.

Should the previous site lack anything the record says it has, nothing is guessed: Incomplete is
raised and the build starts again with everything stale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.schema import SiteConfig
from ..keys import digest, write_whole
from ..photos.process import PhotoReport
from . import urls
from .cards import story_url
from .compress import ENCODINGS, precompress
from .feeds import sitemap
from .fonts import licence_file, prepare_fonts
from .links import (
    link_files,
    link_or_copy,
    listing,
    move_tree,
    reconcile,
    remove_empty_folders,
    share_unchanged_files,
)
from .plan import SiteFile, SitePlan, Wanted, former_addresses
from .policy import netlify_headers, nginx_server_config
from .record import BuildRecord, MenuPage, Output, StoryKeys, with_documents
from .render import lightbox_files, menu_page, menu_urls, page_key, render_pages, site_key
from .search import (
    Indexing,
    SearchDocuments,
    document_key,
    in_part,
    index_record,
    normaliser_script,
    parts_file,
)
from .stale import Stale
from .views import StoryPage

log = logging.getLogger("moinext.build")


class Incomplete(Exception):
    """The previous site lacks a file its record names: the build starts again, all stale."""


@dataclass(frozen=True)
class SiteReport:
    warnings: tuple[str, ...]
    rendered: int  # pages rendered
    reused: int  # pages taken from the previous site
    processes: int  # processes that rendered pages
    indexed: int  # parts of the search index made again


@dataclass(frozen=True)
class SiteInputs:
    """What the site is made of besides the plan."""

    config: SiteConfig
    photos: PhotoReport
    inputs: Mapping[str, str]  # stale.inputs_key
    stories: Mapping[str, StoryKeys]  # record.story_keys
    # The files a build adds to the plan's (the PMQA evidence packs): those wanted.
    more_files: Callable[[Wanted], Sequence[SiteFile]]


def photo_files(report: PhotoReport) -> dict[str, Path]:
    """Site path -> cached file of every variant of every photo (a photo too small for two sizes
    has one file for both: listed once)."""
    files: dict[str, Path] = {}
    for photo in report.photos.values():
        base = urls.story(photo.office_id, photo.slug)
        for variant in photo.variants:
            files[urls.photo(base, photo.stem, variant.filename)] = photo.cache_dir / variant.filename
    return files


def make_site(
    plan: SitePlan,
    stale: Stale,
    given: SiteInputs,
    record: BuildRecord,
    previous_site: Path | None,
    site_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    documents_dir: Path,
    *,
    take_spare: Callable[[Path], bool] | None = None,
    on_page: Callable[[int], Callable[[], None] | None] | None = None,
) -> SiteReport:
    """Write the site into site_dir (which must not exist): plan holds the stale pages and files
    (all of them when stale.everything), record and previous_site the previous build.
    take_spare(site_dir) puts an older site of the output there to make the new one in
    (publish.Publication.take_spare)."""
    config = given.config
    menu_pages: dict[str, MenuPage] = dict(record.menu)
    if stale.everything or not menu_pages:
        wanted_menu = menu_urls(plan.menu)
        menu_pages = {page.url: menu_page(page) for page in plan.pages if page.url in wanted_menu}
    site = site_key(config, plan.menu, menu_pages)
    if not stale.everything and site != record.site:
        raise Incomplete("the menu's pages differ from the record's")

    # 1. The search index's stale parts first: their documents written and the indexer started,
    # so it runs on the other core while everything else is decided and made.
    views = {page.url: page.view for page in plan.pages if isinstance(page.view, StoryPage)}
    documents = SearchDocuments(
        tuple(
            (url, views[url], document_key(views[url])) if url in views else (url, None, record.stories[url].document)
            for url in (story_url(story) for story in plan.stories)
        )
    )
    parts = documents.parts()
    kept_documents = cache_dir / "search-documents"
    redo = [part for part in parts if previous_site is None or record.search.get(part.folder) != part.key]
    if not all(documents.kept(part, kept_documents) for part in redo):
        raise Incomplete("a search document is no longer in the cache")
    jobs: list[tuple[Path, Path, Path | None, Path, Path]] = []
    for part in redo:
        docs = documents_dir / str(part.number)
        documents.write(part, docs, kept_documents)
        before = previous_site / part.folder if previous_site is not None else None
        index = work_dir / "index" / str(part.number)
        jobs.append((docs, index, before, index_record(documents_dir, part), kept_documents))
    indexing = Indexing(jobs, work_dir / "search-index.log") if jobs else None
    try:
        # What is made again and what is taken from the previous site, all decided before
        # anything is written into the site: the pages whose key changed, the theme's files, the
        # files made from the plan.
        keys = {page.url: page_key(site, page) for page in plan.pages}
        render = [page for page in plan.pages if record.pages.get(page.url, Output("")).key != keys[page.url]]
        rendered = {page.url for page in render}
        assets = record.site != site or not record.assets
        pages = dict(record.pages) if not stale.everything else {}
        pages.update((page.url, Output(keys[page.url], page.shows)) for page in plan.pages)
        files = {f.path: f for f in (*plan.files, *given.more_files(stale.wanted(record)))}
        if stale.everything:
            files[urls.SITEMAP] = _sitemap(plan, config)
        # Not stale: the record's. When everything is, the plan names every file the site has.
        kept_files = {} if stale.everything else {p: out for p, out in record.files.items() if p not in files}
        live = listing(previous_site) if previous_site is not None else {}
        taken = [urls.page_file(url) for url in pages if url not in rendered]
        taken += [*(() if assets else record.assets), *kept_files]
        kept_parts = tuple(part.folder for part in parts if part not in redo)
        if kept_parts:
            taken += [name for name in live if in_part(kept_parts, name)]
        missing = [name for name in taken if name not in live]
        if missing:
            raise Incomplete(f"the previous site lacks {missing[0]}")
        linked = photo_files(given.photos)
        linked.update((f.site_path, f.cached) for f in prepare_fonts(cache_dir))

        # The folder: an older site of this output when there is one to reuse (its folders are
        # there, and most of its files are the live site's own), else a new one.
        wanted = {name: live[name] for name in taken}
        copies = (f"{name}{suffix}" for name in taken for suffix in ENCODINGS)
        wanted.update((copy, live[copy]) for copy in copies if copy in live)
        in_place: set[str] = set()
        emptied: set[str] = set()
        if taken and take_spare is not None and take_spare(site_dir):
            in_place, emptied = reconcile(site_dir, wanted, keep=linked.keys())
        else:
            site_dir.mkdir()

        # 2. The stale pages (and the theme's files when the renderer changed), rendered into a
        # folder of their own and moved in.
        report = None
        if render or assets:
            counted = on_page(len(render)) if on_page else None
            made = work_dir / "rendered"
            report = render_pages(
                render, plan.menu, menu_pages, config, made, work_dir, cache_dir, assets=assets, on_page=counted
            )
            move_tree(made, site_dir)

        # 3. Every output that is not stale, from the previous site.
        if previous_site is not None:
            link_files(previous_site, site_dir, [name for name in wanted if name not in in_place])

        # 4. The files made from the plan, photos, fonts and the site's own small files.
        written = [urls.page_file(url) for url in rendered] + list(report.assets if report else ())
        for site_path, cached in linked.items():
            link_or_copy(cached, site_dir / site_path)
        small: list[tuple[str, bytes | Path]] = [(path, made_file.data) for path, made_file in files.items()]
        moved = {former: story_url(story) for former, story in former_addresses(plan.stories).items()}
        small += [
            (urls.HEADERS_FILE, netlify_headers().encode()),
            (urls.NGINX_CONFIG, nginx_server_config(redirects=moved).encode()),
        ]
        small += [(urls.NORMALISE_SCRIPT, normaliser_script().encode())]
        installed = [(licence_file(), urls.FONT_LICENCE), *lightbox_files()]
        small += [(site_path, source.read_bytes()) for source, site_path in installed]
        for site_path, data in sorted(small):
            _write(site_dir / site_path, data)
            written.append(site_path)

        # 5. The search index's new parts, the files written anew shared and compressed.
        if indexing is not None:
            indexing.wait()  # the indexer's errors are the build's
    finally:
        if indexing is not None:
            indexing.stop()
    # A file of a new part that the indexer linked to the previous site's (same bytes; most of a
    # part when one story changed) is taken as the files not stale are: with its compressed
    # copies, never read (0.7 s for a part's 4,600 files at 10,000 stories).
    unchanged_copies: list[str] = []
    for part in redo:
        index = work_dir / "index" / str(part.number)
        for name, inode in listing(index).items():
            path = f"{part.folder}{name}"
            compressed = [f"{path}{suffix}" for suffix in ENCODINGS]
            if live.get(path) == inode and all(copy in live for copy in compressed):
                unchanged_copies += compressed
            else:
                written.append(path)
        move_tree(index, site_dir / part.folder)
    if previous_site is not None:
        link_files(previous_site, site_dir, unchanged_copies)
    _write(site_dir / urls.SEARCH_PARTS, parts_file(parts))
    written.append(urls.SEARCH_PARTS)
    remove_empty_folders(site_dir, emptied)
    share_unchanged_files(site_dir, previous_site, written)
    precompress(site_dir, cache_dir / "compressed", previous_site, written)
    documents.forget_unused(kept_documents)

    # 6. The record, for the next build.
    stories = with_documents(given.stories, {url: key for url, _, key in documents.stories})
    files_kept = {path: Output(_file_key(made_file.data), made_file.shows) for path, made_file in files.items()}
    BuildRecord(
        inputs=dict(given.inputs),
        site=site,
        stories=stories,
        pages=pages,
        files={**kept_files, **files_kept},
        search={part.folder: part.key for part in parts},
        assets=report.assets if report and assets else record.assets,
        menu=menu_pages,
    ).write(site_dir)
    log.info(
        "pages: %d rendered, %d taken from the previous site; search index parts made again: %d of %d; "
        "files reused in place: %d",
        len(rendered),
        len(pages) - len(rendered),
        len(redo),
        len(parts),
        len(in_place),
    )
    return SiteReport(
        warnings=report.warnings if report else (),
        rendered=len(rendered),
        reused=len(pages) - len(rendered),
        processes=report.processes if report else 0,
        indexed=len(redo),
    )


def _sitemap(plan: SitePlan, config: SiteConfig) -> SiteFile:
    dated = [(page.url, page.view.card.date_iso if isinstance(page.view, StoryPage) else None) for page in plan.pages]
    return SiteFile(urls.SITEMAP, sitemap(dated, config))


def _file_key(data: bytes | Path) -> str:
    return digest(data) if isinstance(data, bytes) else digest(data.name)


def _write(path: Path, data: bytes | Path) -> None:
    """A file of the site, as a new file (the name may be a spare's link to a live file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, Path):
        link_or_copy(data, path)
    else:
        write_whole(path, data)
