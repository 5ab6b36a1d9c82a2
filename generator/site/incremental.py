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
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ..content.registry import Registry
from ..content.schema import SiteConfig
from ..content.story import Story, StoryCache, is_published
from ..content.synonyms import Synonyms
from ..content.validate import judge_alone
from ..keys import digest, write_whole
from ..photos.process import PhotoReport, known_photos
from . import urls
from .cards import make_card, story_page, story_url
from .compress import ENCODINGS, precompress
from .manifest import BuildManifest, StoryKeys, listing, reconcile, share_unchanged_files
from .plan import plan_story_pages, site_menu
from .publish import MARKER, Skeleton
from .render import RenderReport, render_story_pages, renderer_key
from .search import (
    Document,
    Indexing,
    IndexPart,
    SearchDocuments,
    document_key,
    documents_found,
    documents_listed,
    forget_listing,
    in_part,
    parts_file,
    search_document,
    trim_part,
)
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
    early: EarlyIndexing | None = None,
    on_pages: Callable[[int], Callable[[], None] | None] | None = None,
) -> RenderReport | None:
    """Write into site_dir (a new folder) the site previous_site would be after the bodies of the
    stories at the addresses changed (changed_bodies): their pages rendered, the parts of the
    search index that hold them indexed again, everything else linked. None, with nothing
    written and site_dir absent, when the previous site or the cache lacks anything this needs.
    skeleton: publish's, taken here and reconciled with previous_site (manifest.reconcile).
    early: Pagefind started before the check on a guess (index_early), taken if it indexes
    exactly what this needs, else stopped."""
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
    adopted = early is not None and early.fits(redone, kept_documents)
    if early is not None and not adopted:
        early.stop()  # a wrong guess: its documents' folders are made anew (no listing left)
    if not adopted and not all(index.kept(part, kept_documents) for part in redone):
        return None
    jobs: list[tuple[Path, Path, Path | None]] = []
    if early is not None and adopted:
        early.adopt(redone, kept_documents)
    else:
        for number, part in enumerate(parts):
            if part in redone:
                docs_dir = documents_dir / str(number)
                index.write(part, docs_dir, kept_documents)
                jobs.append((docs_dir, site_dir / part.folder, previous_site / part.folder))
    # A replaced site to make the new one of (reconcile, below). The folders Pagefind writes are
    # emptied first: it writes some files in place, and theirs may be the live site's.
    skeleton.take()
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
            for started in (indexing, early):
                if started is not None:
                    started.stop()
            skeleton.discard()
            return None
        # Written anew below (never in place: the skeleton's file may be the live site's own).
        replaced = {f"{url}index.html{suffix}" for url in planned for suffix in ("", *ENCODINGS)}
        replaced |= {urls.BUILD_MANIFEST, urls.SEARCH_PARTS, MARKER}
        wanted = {
            name: inode
            for name, inode in before.items()
            if name not in replaced and not any(in_part(part.folder, name) for part in redone)
        }
        reconcile(site_dir, previous_site, wanted, keep=[part.folder for part in redone])
        skeleton.reconciled()
        on_page = on_pages(len(plan.pages)) if on_pages else None
        report = render_story_pages(
            plan, previous.menu, config, site_dir, work_dir, cache_dir, previous, on_page=on_page
        )
        # While Pagefind indexes: everything that does not wait for it.
        (site_dir / urls.SEARCH_PARTS).parent.mkdir(parents=True, exist_ok=True)  # an early index comes later
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
        if indexing is not None:
            indexing.wait()
        if early is not None and adopted:
            early.move_into(site_dir)
    finally:
        if indexing is not None:
            indexing.stop()
    for part in redone:
        if part is not parts[0] and not adopted:
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


# More write-ups than this changed at once is not a typo fixed: no guess is made.
_MOST_GUESSED = 16


class EarlyIndexing:
    """Pagefind started, before the write-ups are checked and the pages planned, on the parts of
    the search index a rebuild of bodies alone would index again. Pagefind is most of such a
    rebuild (1 s of 2.3 s at 10,000 stories), and the check and the plan before it were another
    second: now they run beside it.

    It is a guess (index_early): which write-ups changed is told by their file status
    (StoryCache.changed_files); each is judged alone and its search document made as the plan
    makes it (a story's document shows nothing of any other story). rebuild_bodies takes the
    index only when every document Pagefind read is, byte for byte, the one the build wants
    (fits); otherwise it is stopped and thrown away, and the build goes on as if never guessed."""

    def __init__(
        self,
        previous: BuildManifest,
        indexing: Indexing,
        jobs: Mapping[str, tuple[Path, Path]],
        documents: Mapping[str, bytes],
        listed: Mapping[str, Mapping[str, str]],
    ) -> None:
        self.previous = previous  # the manifest of the site the guess was made against
        self.indexing = indexing
        self.jobs = jobs  # part folder -> (its documents' folder, the folder Pagefind writes)
        self.documents = documents  # address -> the document Pagefind was given for it
        self.listed = listed  # part folder -> its documents before (address -> key)
        self.adopted = False

    def stop(self) -> None:
        self.indexing.stop()

    def fits(self, redone: Sequence[IndexPart], kept_documents: Path) -> bool:
        """Whether Pagefind indexes exactly the documents of the parts redone: only those parts,
        and in each, the document of every story the build changed (and of every story guessed
        changed) the very bytes Pagefind read."""
        if {part.folder for part in redone} != self.jobs.keys():
            return False
        for part in redone:
            before = self.listed[part.folder]
            docs_dir, _ = self.jobs[part.folder]
            # Its folder held what its listing said (a document lost or planted: not used).
            if {url for url, _, _ in part.stories} != before.keys() or documents_found(docs_dir) != before.keys():
                return False
            for url, view, key in part.stories:
                if url not in self.documents and before[url] == key:
                    continue  # the very document Pagefind read
                given = self.documents.get(url)
                if given is None or given != _document_bytes(view, key, kept_documents):
                    return False
        return True

    def adopt(self, redone: Sequence[IndexPart], kept_documents: Path) -> None:
        """Record what the documents' folders now hold (search.SearchDocuments.write's listing)."""
        self.adopted = True
        for part in redone:
            for url, _, key in part.stories:
                cached = kept_documents / f"{key}.html"
                if url in self.documents and not cached.is_file():
                    write_whole(cached, self.documents[url])
            docs_dir, _ = self.jobs[part.folder]
            SearchDocuments.record(docs_dir, {url: key for url, _, key in part.stories})

    def move_into(self, site_dir: Path) -> None:
        """Once Pagefind is done: each part's index to its place in site_dir (which holds nothing
        of it: rebuild_bodies emptied it)."""
        self.indexing.wait()
        for folder, (_, output) in sorted(self.jobs.items()):
            if folder != urls.SEARCH_INDEX:
                trim_part(output)
            target = site_dir / folder
            target.mkdir(parents=True, exist_ok=True)
            for entry in os.scandir(output):
                os.rename(entry.path, target / entry.name)


def _document_bytes(view: StoryPage | None, key: str, kept_documents: Path) -> bytes | None:
    if view is not None:
        return search_document(view).encode("utf-8")
    try:
        return (kept_documents / f"{key}.html").read_bytes()
    except OSError:
        return None


def index_early(
    out_dir: Path,
    content_dir: Path,
    config: SiteConfig,
    cache: StoryCache,
    work_dir: Path,
    cache_dir: Path,
    *,
    documents_dir: Path,
    today: dt.date,
    drafts: bool,
) -> EarlyIndexing | None:
    """Start Pagefind on the index parts of the write-ups whose file changed since the site in
    out_dir was built, with their new documents (EarlyIndexing); None, with nothing started
    or written, when there is no good guess. Called under the output's lock (publish.Publication):
    it writes the documents' folders kept beside the output."""
    if not (out_dir / MARKER).is_file():
        return None
    previous = BuildManifest.read(out_dir)
    changed = cache.changed_files()
    if not previous.stories or not changed or len(changed) > _MOST_GUESSED:
        return None
    judged = judge_alone(content_dir, changed, cache)
    if judged is None:
        return None
    stories, registry, synonyms = judged
    if not all(is_published(story, today, drafts=drafts) for story in stories):
        return None
    photos = known_photos(stories, config.photos, cache_dir)
    if photos is None or photos.problems:
        return None
    # Only a story whose body alone changed is guessed at: any other change is a whole build,
    # and a file saved unchanged (or read too soon after a save to tell) needs no indexing.
    keys = story_keys(stories, photos)
    for story in stories:
        known = previous.stories.get(story_url(story))
        if known is None or known.shown != keys[story_url(story)][0]:
            return None
    stories = [story for story in stories if previous.stories[story_url(story)].whole != keys[story_url(story)][1]]
    if not stories:
        return None
    # The parts as the build deals them (the same stories: only bodies changed), numbered as
    # their documents' folders are (rebuild_bodies).
    parts = SearchDocuments(tuple((url, None, known.document) for url, known in previous.stories.items())).parts()
    number_of = {url: number for number, part in enumerate(parts) for url, _, _ in part.stories}
    documents: dict[str, bytes] = {}
    by_part: dict[int, list[str]] = {}
    for story in stories:
        url = story_url(story)
        view = story_page(story, make_card(story, registry, photos), registry, photos, config, synonyms)
        documents[url] = search_document(view).encode("utf-8")
        by_part.setdefault(number_of[url], []).append(url)
    listed: dict[str, Mapping[str, str]] = {}
    for number in by_part:
        before = documents_listed(documents_dir / str(number))
        if before is None or before.keys() != {url for url, _, _ in parts[number].stories}:
            return None
        listed[parts[number].folder] = before
    jobs: dict[str, tuple[Path, Path]] = {}
    for number, addresses in sorted(by_part.items()):
        docs_dir = documents_dir / str(number)
        forget_listing(docs_dir)  # changing: a build killed now leaves it to be made anew
        for url in addresses:
            write_whole(docs_dir / url / "index.html", documents[url])  # a new file, never written in place
        jobs[parts[number].folder] = (docs_dir, work_dir / f"early-index-{number}")
    previous_parts = [(docs, output, out_dir / folder) for folder, (docs, output) in jobs.items()]
    indexing = Indexing(previous_parts, work_dir / "pagefind-early.log")
    return EarlyIndexing(previous, indexing, jobs, documents, listed)
