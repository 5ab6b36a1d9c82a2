"""The plugin that gives mkdocs the pages to render and each page its view (`moi` in the
templates), and the template filters.
"""

from __future__ import annotations

import contextlib
import functools
import html
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    pass_context,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File as MkFile
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import TemplateContext

from ...keys import read_sealed, write_sealed
from ...thai.words import keep_words_together
from ..record import MenuPage
from ..views import Page, StoryPage, TocEntry
from .config import _HIDE, _MATERIAL, bundled_files, material_dir, site_start_script, site_stylesheet, source_uri


def thai_wrap(text: object) -> Markup:
    """Template filter: escape text, and keep Thai words whole at line ends (thai.keep_words_together)."""
    return Markup(keep_words_together(html.escape(str(text), quote=False)))


def escape_for_innerhtml(text: object) -> str:
    """Template filter for attributes a script copies into innerHTML (GLightbox's data-description):
    escaped once for the attribute and once more for the innerHTML it ends up in. GLightbox reads
    a description starting with "." as a CSS selector and copies that element's HTML into the box
    (a caption ".md-header" showed the site's header): a leading period is written as &#46;,
    which the innerHTML shows as a period."""
    inner = html.escape(str(text))
    if inner.startswith("."):
        inner = "&#46;" + inner[1:]
    return html.escape(inner)


def _walk_order(page: Page) -> tuple[str, ...]:
    # The order mkdocs gives files found in a docs folder (folders depth first, sorted): the
    # sitemap lists pages in this order.
    return tuple(part for part in page.url.split("/") if part)


def page_meta(page: Page) -> dict[str, Any]:
    """The front-matter mkdocs and Material read for a page."""
    # Material prints page.meta.title and .description into <title> and <meta> without escaping,
    # so what an office wrote reaches it escaped; our templates read the view.
    meta: dict[str, Any] = {
        "title": html.escape(page.view.title),
        "description": html.escape(page.view.description),
        "template": f"{page.view.kind}.html",
    }
    if page.view.kind == "home":
        # Material titles a page "<title> - <site name>": the home page is the site name alone.
        del meta["title"]
    if page.view.kind in _HIDE:
        meta["hide"] = list(_HIDE[page.view.kind])
    if isinstance(page.view, StoryPage):
        meta["lastmod"] = page.view.card.date_iso  # for sitemap.xml: never the build date
    return meta


def _render_nothing(page: MkPage, config: MkDocsConfig, files: Files) -> None:
    """What mkdocs' Page.render leaves on a page whose Markdown is empty."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


# Material's own search, which the site does not use (config.py leaves its plugin out, the
# header holds moinext's): its worker and lunr's languages, 2 MB in 36 files that every release
# would publish and no page asks for.
_UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


@dataclass(frozen=True)
class _Share:
    """What one rendering process renders (page addresses), and whether it writes the theme's
    files (one process does, when they are wanted)."""

    render: frozenset[str]
    writes_assets: bool


# Templates this process compiled, by (the entry's key, the template source's checksum): a second
# build in the same process (serve, a build after a check, the tests' many builds each with a cache
# of its own) takes the code from here rather than from disk or a compile. Only this process's own
# compiles are kept, so nothing here is trusted more than the templates it was compiled from.
_COMPILED_HERE: dict[tuple[str, str], bytes] = {}
_MOST_COMPILED_HERE = 500  # Material's and our templates are about 45


class SealedBytecodeCache(BytecodeCache):
    """Jinja's compiled templates kept between builds, each entry sealed (keys.write_sealed), and
    those this process compiled kept in memory too (_COMPILED_HERE).

    Jinja's own FileSystemBytecodeCache unpickles and runs whatever code a file in its folder
    holds: a planted entry in a restored CI cache or a copied project would run as the build.
    Here a file this user's runs did not write is never read past its seal: the template is
    compiled again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _entry(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.sealed"  # key: a hash of the template's name

    def load_bytecode(self, bucket: Bucket) -> None:
        entry = self._entry(bucket)
        here = _COMPILED_HERE.get((bucket.key, bucket.checksum))
        data = here if here is not None else read_sealed(entry)
        if data is not None:
            bucket.bytecode_from_string(data)  # checks the template's source checksum itself
            if here is not None and not entry.is_file():
                self._write(entry, here)  # this cache folder keeps it too, for the next process

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        if len(_COMPILED_HERE) >= _MOST_COMPILED_HERE:
            _COMPILED_HERE.clear()
        _COMPILED_HERE[(bucket.key, bucket.checksum)] = data
        self._write(self._entry(bucket), data)

    @staticmethod
    def _write(entry: Path, data: bytes) -> None:
        # A cache that cannot be written costs a compile next time, nothing else.
        with contextlib.suppress(OSError):
            write_sealed(entry, data)


class _MoinextPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Adds the pages to render and the menu's other pages (excluded from the build, as they were
    rendered), and hands each page its view."""

    def __init__(
        self,
        pages: Sequence[Page],
        menu_pages: Mapping[str, MenuPage],
        on_page: Callable[[], None] | None,
        template_cache: Path,
        share: _Share,
    ) -> None:
        super().__init__()
        self.template_cache = template_cache
        self.share = share
        self.by_uri: dict[str, Page] = {source_uri(p.url): p for p in pages if p.url in share.render}
        # The menu's pages not rendered here: mkdocs' navigation needs their titles.
        self.menu_pages = {
            source_uri(url): known for url, known in menu_pages.items() if source_uri(url) not in self.by_uri
        }
        # Not named on_*: mkdocs registers every on_* attribute of a plugin as an event handler.
        self.page_done = on_page
        self.shared: dict[tuple[Any, ...], Markup] = {}  # shared_partial's and shared_block's

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self.share.writes_assets:
            files = Files([file for file in files if file.is_documentation_page()])
        else:
            bundled = set(bundled_files())
            kept = [f for f in files if not f.src_uri.startswith(_UNUSED_THEME_FILES) and f.src_uri not in bundled]
            files = Files(kept)
            for path, data in (site_stylesheet(), site_start_script()):
                files.append(MkFile.generated(config, path, content=data))
        for uri, page in sorted(self.by_uri.items(), key=lambda item: _walk_order(item[1])):
            files.append(MkFile.generated(config, uri, content=page.markdown))
        for uri, (markdown, _) in sorted(self.menu_pages.items()):
            file = MkFile.generated(config, uri, content=markdown, inclusion=InclusionLevel.EXCLUDED)
            files.append(file)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        # The menu's pages not rendered here are in the navigation, unread: give them what
        # reading them gave when they were rendered (their titles).
        for uri, (markdown, meta) in self.menu_pages.items():
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None:
                file.page.markdown = markdown
                file.page.meta = dict(meta)
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        planned = self.by_uri.get(page.file.src_uri)
        if planned is not None:
            page.meta = page_meta(planned)
            if not markdown:
                # Most pages have no Markdown (a story's body is already HTML, listings are all
                # template): mkdocs would still build a Python-Markdown with every extension for
                # each (a fifth of a full build's time) to convert nothing.
                setattr(page, "render", functools.partial(_render_nothing, page))  # noqa: B010
        return markdown

    def on_page_content(self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        planned = self.by_uri.get(page.file.src_uri)
        if planned is not None and isinstance(planned.view, StoryPage):
            # The office's text as the body reader rendered, cleaned and judged it (one reading
            # for check and build); mkdocs had an empty page to render.
            story = planned.view
            # The body's headings, then the page's own sections (story.html's ids).
            sections = [*story.headings]
            if story.results:
                sections.append(TocEntry(2, "moi-results-heading", "ตัวชี้วัดก่อน–หลัง"))
            if len(story.photos) > 1:
                sections.append(TocEntry(2, "moi-gallery-heading", "ภาพกิจกรรม"))
            if story.related:
                sections.append(TocEntry(2, "moi-related-heading", "เรื่องที่เกี่ยวข้อง"))
            page.toc = get_toc(_toc_tokens(tuple(sections)))
            return story.body_html
        return html

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # The sitemap is the build's own (feeds.sitemap: it lists every page, not only those
        # rendered here); 404.html is one of the theme's files.
        config.theme.static_templates.discard("sitemap.xml")
        if not self.share.writes_assets:
            config.theme.static_templates.clear()
        env.filters["thai_wrap"] = thai_wrap
        env.filters["escape_for_innerhtml"] = escape_for_innerhtml
        # Material's own partials under "material/", for theme/partials that render them once
        # (moi_shared_partial) rather than on every page.
        assert env.loader is not None
        env.loader = ChoiceLoader([env.loader, PrefixLoader({_MATERIAL: FileSystemLoader(str(material_dir()))})])
        env.globals["moi_shared_partial"] = self.shared_partial
        env.globals["moi_shared_block"] = self.shared_block
        # Compiling Material's and our templates took a third of a second on every build; Jinja
        # keeps the compiled code between builds (checked against each template's source).
        self.template_cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = SealedBytecodeCache(self.template_cache)
        return env

    @pass_context
    def shared_partial(self, context: Context, name: str, depends_on: str = "menu") -> Markup:
        """Material's partial `name`, rendered once for every page on which it comes out the same.

        depends_on="menu" (the site navigation, the tabs): it shows the menu's pages, which of them
        are active, and their addresses relative to the page, so pages with the same of these share
        it (every story page of an office, for one); a page that is itself in the menu renders its
        own (Material adds the page's table of contents under its entry). depends_on="root" (the
        palette switch): only the address of the site's root, relative to the page, can differ."""
        template = context.environment.get_template(f"{_MATERIAL}/{name}")
        key = self._sharing_key(context, name, depends_on)
        if key is None:
            return Markup(template.render(context.get_all()))
        shared = self.shared.get(key)
        if shared is None:
            shared = self.shared[key] = Markup(template.render(context.get_all()))
        return shared

    @pass_context
    def shared_block(self, context: Context, name: str, render: Callable[[], str]) -> Markup:
        """A block of Material's base.html that depends only on the site's root relative to the
        page (the __config script: the base address, features and translations), rendered once
        per root; render is the block's super()."""
        key = (name, context.get("base_url"))
        shared = self.shared.get(key)
        if shared is None:
            shared = self.shared[key] = Markup(render())
        return shared

    def _sharing_key(self, context: Context, name: str, depends_on: str) -> tuple[Any, ...] | None:
        page, nav = context.get("page"), context.get("nav")
        if not isinstance(page, MkPage) or not isinstance(nav, Navigation):
            return None
        if depends_on == "root":
            return (name, context.get("base_url"))
        entries = list(_menu_entries(nav.items))
        if any(entry is page for entry in entries):
            return None
        logo = context["config"].theme.get("logo")
        addresses = [getattr(entry, "url", None) for entry in entries]  # a section has none
        return (
            name,
            context.get("base_url"),
            normalize_url(logo, page) if logo else None,
            tuple(
                (entry.title, entry.active, normalize_url(url, page) if url else None)
                for entry, url in zip(entries, addresses, strict=True)
            ),
        )

    def on_page_context(
        self, context: TemplateContext, /, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        planned = self.by_uri.get(page.file.src_uri)
        if planned is not None:
            # Our own key beside mkdocs' (TemplateContext is a TypedDict of mkdocs' keys only).
            extra: dict[str, Any] = {"moi": planned.view}
            context.update(extra)  # type: ignore[typeddict-item]
        if self.page_done:
            self.page_done()
        return context


def _menu_entries(items: list[Any]) -> Iterator[Any]:
    """Every entry of mkdocs' navigation (sections, pages, links), depth first."""
    for item in items:
        yield item
        yield from _menu_entries(getattr(item, "children", None) or [])


def _toc_tokens(headings: tuple[TocEntry, ...]) -> list[Any]:
    """Headings nested by level, in the form mkdocs' get_toc() reads (Python-Markdown's tokens)."""
    root: list[Any] = []
    stack: list[tuple[int, list[Any]]] = [(0, root)]
    for heading in headings:
        while len(stack) > 1 and stack[-1][0] >= heading.level:
            stack.pop()
        children: list[Any] = []
        stack[-1][1].append(
            {"level": heading.level, "id": heading.anchor, "name": html.escape(heading.text), "children": children}
        )
        stack.append((heading.level, children))
    return root
