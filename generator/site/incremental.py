"""A rebuild after only the bodies of write-ups changed: the previous site, but for their pages.

Every page but a story's own shows of that story only what its folder, its front-matter and its
photos say (cards on listings, related stories, older and newer links, feeds, the overview, the
evidence packs, the sitemap's dates); its body shows on its own page and in its search document
alone. So when nothing else changed (the configuration, the offices, the synonyms, the logo, the
theme, this program, the day: evidence packs are dated) and no story was added, removed, or
changed but in its body, the new site is the previous one, file for file, but for the changed
stories' pages and the parts of the search index that hold them. This is what fixing a typo
costs: at 10,000 stories, planning every page, asking mkdocs about 12,700 of them and linking
them one by one took most of ten seconds.

rebuild_bodies() makes exactly that site, and the manifest a whole build would have written, so
the build after it finds the same. tests/test_incremental.py compares it with a clean build,
file by file. Any doubt (a key missing from the previous manifest, a page missing from the
previous site, a search document missing from the cache) means a whole build, never a guess.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ..content.registry import Registry
from ..content.schema import SiteConfig
from ..content.story import Story
from ..content.synonyms import Synonyms
from ..keys import digest
from ..photos.process import PhotoReport
from . import urls
from .cards import story_url
from .compress import ENCODINGS, precompress
from .manifest import BuildManifest, StoryKeys, link_files, listing, share_unchanged_files
from .plan import plan_story_pages, site_menu
from .publish import Skeleton
from .render import RenderReport, render_story_pages, renderer_key
from .search import Document, Indexing, SearchDocuments, document_key, in_part, parts_file, trim_part
from .views import StoryPage


def inputs_key(
    config: SiteConfig,
    registry: Registry,
    synonyms: Synonyms,
    logo: bytes | None,
    today: dt.date,
    drafts: bool,
) -> str:
    """Everything the site is made from but the stories: the configuration, the offices, the
    synonyms, the logo, the theme and this program (renderer_key), and the day and the choice of
    drafts (which stories are published; the evidence packs' date)."""
    return digest(
        renderer_key(config, site_menu()),
        config.model_dump_json(),
        repr(list(registry.offices.values())),
        repr(synonyms.groups),
        logo or b"",
        today.isoformat(),
        str(drafts),
    )


def story_keys(stories: Sequence[Story], photos: PhotoReport) -> dict[str, tuple[str, str]]:
    """Each story's address -> (what other pages show of it: its folder, front-matter and
    processed photos; that and its body)."""
    keys: dict[str, tuple[str, str]] = {}
    for story in stories:
        stems = [processed.stem if (processed := photos.of(story, ref.file)) else "" for ref in story.meta.photos]
        shown = digest(story.front_key, *stems)
        keys[story_url(story)] = (shown, digest(shown, story.body_key))
    return keys


def changed_bodies(previous: BuildManifest, inputs: str, keys: Mapping[str, tuple[str, str]]) -> frozenset[str] | None:
    """The addresses of the stories whose body alone changed since the build previous describes,
    when nothing else did; None when anything else changed (a whole build is needed)."""
    if not inputs or previous.inputs != inputs or not previous.menu or previous.stories.keys() != keys.keys():
        return None
    changed = set()
    for url, (shown, whole) in keys.items():
        before = previous.stories[url]
        if before.shown != shown:
            return None
        if before.whole != whole:
            changed.add(url)
    return frozenset(changed)


def rebuild_bodies(
    previous_site: Path,
    previous: BuildManifest,
    changed: frozenset[str],
    stories: Sequence[Story],
    registry: Registry,
    config: SiteConfig,
    photos: PhotoReport,
    synonyms: Synonyms,
    site_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    *,
    inputs: str,
    keys: Mapping[str, tuple[str, str]],
    documents_dir: Path,
    skeleton: Skeleton,
    on_pages: Callable[[int], Callable[[], None] | None] | None = None,
) -> RenderReport | None:
    """Write into site_dir (a new folder) the site previous_site would be after the bodies of the
    stories at the addresses changed (changed_bodies): their pages rendered, the parts of the
    search index that hold them indexed again, everything else linked. None, with nothing
    written and site_dir absent, when the previous site or the cache lacks anything this needs.
    skeleton: publish's, taken here unchecked (its unused folders and any file this did not
    write are removed while Pagefind indexes)."""
    sources = {story.source for story in stories if story_url(story) in changed}
    plan = plan_story_pages(stories, sources, registry, config, photos, synonyms)
    planned = {page.url: page for page in plan.pages}
    documents: list[Document] = []
    for story in plan.stories:  # newest first, as a whole build lists them
        url = story_url(story)
        page = planned.get(url)
        if page is not None and isinstance(page.view, StoryPage):
            documents.append((url, page.view, document_key(page.view_digest)))
        else:
            documents.append((url, None, previous.stories[url].document))
    index = SearchDocuments(tuple(documents))
    parts = index.parts()
    redone = [part for part in parts if previous.search.get(part.folder) != part.key]
    kept_documents = cache_dir / "search-documents"
    if not all(index.kept(part, kept_documents) for part in redone):
        return None
    jobs: list[tuple[Path, Path, Path | None]] = []
    for number, part in enumerate(parts):
        if part in redone:
            docs_dir = documents_dir / str(number)
            index.write(part, docs_dir, kept_documents)
            jobs.append((docs_dir, site_dir / part.folder, previous_site / part.folder))
    # Unchecked: tidy() below is told every file written and removes any other. The folders
    # Pagefind writes are emptied first (it writes some files in place).
    skeleton.take(check_later=True)
    for part in redone:
        shutil.rmtree(site_dir / part.folder, ignore_errors=True)
    # Pagefind first: indexing the part is the longest step (1 s for 2,500 stories).
    indexing = Indexing(jobs, work_dir / "pagefind.log") if jobs else None
    try:
        before = listing(previous_site)
        pages = {uri.removesuffix("index.md") + "index.html" for uri in previous.pages}
        if not pages <= before.keys():
            # A page of the previous site is missing: build the site whole, in a folder holding
            # nothing of this attempt.
            if indexing is not None:
                indexing.stop()
            skeleton.discard()
            return None
        replaced = {f"{url}index.html{suffix}" for url in planned for suffix in ("", *ENCODINGS)}
        replaced |= {urls.BUILD_MANIFEST, urls.SEARCH_PARTS}
        taken = (
            name for name in before if name not in replaced and not any(in_part(part.folder, name) for part in redone)
        )
        link_files(previous_site, site_dir, taken)
        on_page = on_pages(len(plan.pages)) if on_pages else None
        report = render_story_pages(
            plan, previous.menu, config, site_dir, work_dir, cache_dir, previous, on_page=on_page
        )
        # While Pagefind indexes: everything that does not wait for it.
        (site_dir / urls.SEARCH_PARTS).write_bytes(parts_file(parts))
        stories_kept = {url: StoryKeys(*keys[url], key) for url, _, key in documents}
        BuildManifest(
            previous.site,
            {**previous.pages, **report.page_keys},
            {**previous.search, **{part.folder: part.key for part in redone}},
            inputs,
            stories_kept,
            previous.menu,
        ).write(site_dir)
        _finish_folders(site_dir, previous_site, cache_dir, list(planned))
        skeleton.tidy(keep=[part.folder for part in redone], expected=before.keys() | replaced)
        if indexing is not None:
            indexing.wait()
    finally:
        if indexing is not None:
            indexing.stop()
    for part in redone:
        if part is not parts[0]:
            trim_part(site_dir / part.folder)
    _finish_folders(site_dir, previous_site, cache_dir, [part.folder for part in redone])
    return replace(report, reused=len(previous.pages) - report.rendered)


def _finish_folders(site_dir: Path, previous_site: Path, cache_dir: Path, folders: Sequence[str]) -> None:
    """The files written anew in these folders of site_dir: shared with the previous site where
    unchanged, and compressed."""
    for folder in folders:
        share_unchanged_files(site_dir / folder, previous_site / folder)
    if folders:
        only = [site_dir / folder for folder in folders]
        precompress(site_dir, cache_dir / "compressed", previous_site, only=only)
