"""Render: the only module that knows mkdocs and Material.

The plan's pages become mkdocs' own generated files (File.generated, nothing written to a docs
folder); each page's view reaches its template as `moi`. The user edits site_config.yml, never a
mkdocs.yml: the mkdocs configuration is made here from it. Moving to another renderer is this
module's (and theme/'s) work.

A page is rendered only when its inputs changed: each page's key (keys.py) covers its view, its
Markdown, the configuration, the menu, the templates and this program's code, and is kept in the
built site's manifest (manifest.py). A page whose key is unchanged is linked from the site it replaces
and mkdocs skips it (its own "dirty" mechanism, told which files are unchanged).
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File as MkFile
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import TemplateContext

from ..content.schema import SiteConfig
from ..keys import code_fingerprint, digest, folder_digest
from ..thai.text import slugify
from ..thai.words import keep_words_together
from . import BuildFailed, urls
from .compress import link_with_copies
from .manifest import BuildManifest
from .plan import MenuEntry, SitePlan
from .policy import meta_policy
from .views import Page, StoryPage, TocEntry

# Material's layout switches per template: the home page has no side navigation, and neither it
# nor the overview (charts) has a table of contents.
_HIDE: dict[str, tuple[str, ...]] = {"home": ("navigation", "toc"), "overview": ("toc",)}


def theme_dir() -> Path:
    """theme/ beside the package in a checkout, or inside it in an installed wheel."""
    package = Path(__file__).parent.parent
    for candidate in (package / "theme", package.parent / "theme"):
        if (candidate / "story.html").is_file():
            return candidate
    raise FileNotFoundError("the theme folder (theme/) is missing from this installation")


def thai_wrap(text: object) -> Markup:
    """Template filter: escape text, and keep Thai words whole at line ends (thai.keep_words_together)."""
    return Markup(keep_words_together(html.escape(str(text), quote=False)))


def escape_for_innerhtml(text: object) -> str:
    """Template filter for attributes a script copies into innerHTML (GLightbox's data-description):
    escaped once for the attribute and once more for the innerHTML it ends up in."""
    return html.escape(html.escape(str(text)))


def toc_slugify(value: str, separator: str) -> str:
    """Heading anchors that keep Thai marks, with the signature Python-Markdown's toc calls."""
    return slugify(value, separator)


def source_uri(url: str) -> str:
    """The generated Markdown file mkdocs renders at a site address ("th-50/" -> "th-50/index.md")."""
    return f"{url}index.md"


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


class _UnchangedFile(MkFile):
    """A page this process does not render (unchanged, or rendered by the other process): mkdocs
    neither reads nor renders it."""

    def is_modified(self) -> bool:
        return False


def _never() -> bool:
    return False


def _render_nothing(page: MkPage, config: MkDocsConfig, files: Files) -> None:
    """What mkdocs' Page.render leaves on a page whose Markdown is empty."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


MenuPage = tuple[str, dict[str, Any]]  # a page's Markdown and the front-matter page_meta gives it


@dataclass
class RenderReport:
    warnings: tuple[str, ...] = ()
    rendered: int = 0  # pages rendered by this build
    reused: int = 0  # pages unchanged since the previous build, linked from it
    site_key: str = ""
    page_keys: dict[str, str] = field(default_factory=dict)  # for the next build (manifest.py)
    processes: int = 1  # processes that rendered pages
    # The pages of the menu as mkdocs reads them (Markdown, front-matter): a rebuild that plans
    # only some story pages still gives the site navigation on them (render_story_pages).
    menu_pages: dict[str, MenuPage] = field(default_factory=dict)
    bodies_only: bool = False  # only story pages whose body changed were planned (incremental.py)


@dataclass(frozen=True)
class _Share:
    """What one rendering process does with each page: render it, link it from the previous site
    (unchanged), or leave it (another process renders it). One process copies the theme's files."""

    render: frozenset[str]
    link: dict[str, Path]  # page source -> its file in the previous site
    copies_assets: bool = True


def _as_read(files: Files, uri: str, markdown: str, meta: dict[str, Any]) -> None:
    """Give a page mkdocs does not read the Markdown and front-matter reading it would give."""
    file = files.get_file_from_path(uri)
    if file is not None and file.page is not None:
        file.page.markdown = markdown
        file.page.meta = meta


class _MoinextPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Adds the planned pages (unchanged ones linked from the previous site), hands each its view."""

    def __init__(
        self,
        plan: SitePlan,
        on_page: Callable[[], None] | None,
        template_cache: Path,
        share: _Share,
        menu_pages: Mapping[str, MenuPage] | None = None,
    ) -> None:
        super().__init__()
        self.plan = plan
        self.template_cache = template_cache
        self.share = share
        self.by_uri: dict[str, Page] = {source_uri(p.url): p for p in plan.pages}
        # Pages of the menu this build did not plan: mkdocs' navigation needs their titles.
        self.menu_pages = {uri: known for uri, known in (menu_pages or {}).items() if uri not in self.by_uri}
        # Not named on_*: mkdocs registers every on_* attribute of a plugin as an event handler.
        self.page_done = on_page
        self.shared: dict[tuple[Any, ...], Markup] = {}  # shared_partial's and shared_block's

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self.share.copies_assets:
            for theme_file in files:
                setattr(theme_file, "is_modified", _never)  # noqa: B010 (mkdocs' "dirty" test)
        for page in sorted(self.plan.pages, key=_walk_order):
            uri = source_uri(page.url)
            if uri in self.share.render:
                file = MkFile.generated(config, uri, content=page.markdown)
            else:
                file = _UnchangedFile.generated(config, uri, content=page.markdown)
                if uri in self.share.link:
                    link_with_copies(self.share.link[uri], Path(file.abs_dest_path))
            files.append(file)
        for uri, (markdown, _) in self.menu_pages.items():
            files.append(_UnchangedFile.generated(config, uri, content=markdown))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        # mkdocs reads nothing of a page it does not render, but the menu and sitemap.xml read
        # every page's title and date: give them what reading it would have given.
        for uri, planned in self.by_uri.items():
            if uri in self.share.render:
                continue
            _as_read(files, uri, planned.markdown, page_meta(planned))
            if self.page_done and uri in self.share.link:
                self.page_done()
        for uri, (markdown, meta) in self.menu_pages.items():
            _as_read(files, uri, markdown, dict(meta))
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
                sections.append(TocEntry(2, "moi-results-heading", "ผลลัพธ์"))
            if len(story.photos) > 1:
                sections.append(TocEntry(2, "moi-gallery-heading", "ภาพกิจกรรม"))
            if story.related:
                sections.append(TocEntry(2, "moi-related-heading", "เรื่องที่เกี่ยวข้อง"))
            page.toc = get_toc(_toc_tokens(tuple(sections)))
            return story.body_html
        return html

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if not self.share.copies_assets:
            config.theme.static_templates.clear()  # sitemap.xml, 404.html: another's (process, build)
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
        env.bytecode_cache = FileSystemBytecodeCache(str(self.template_cache))
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


_MATERIAL = "material"  # the prefix of Material's own templates in the Jinja environment


def material_dir() -> Path:
    """Material's templates (the theme theme/ overrides)."""
    import material  # type: ignore[import-untyped]

    return Path(material.__file__).parent / "templates"


def _menu_entries(items: list[Any]) -> Iterator[Any]:
    """Every entry of mkdocs' navigation (sections, pages, links), depth first."""
    for item in items:
        yield item
        yield from _menu_entries(getattr(item, "children", None) or [])


def lightbox_files() -> list[tuple[Path, str]]:
    """(file, site path) of GLightbox's script and styles, from the mkdocs-glightbox package."""
    import mkdocs_glightbox  # type: ignore[import-untyped]

    folder = Path(mkdocs_glightbox.__file__).parent / "glightbox"
    return [(folder / name, f"{urls.LIGHTBOX_DIR}{name}") for name in ("glightbox.min.js", "glightbox.min.css")]


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


def _nav(menu: tuple[MenuEntry, ...]) -> list[dict[str, Any]]:
    return [
        {entry.label: [source_uri(entry.url), *(source_uri(c) for c in entry.children)]}
        if entry.children
        else {entry.label: source_uri(entry.url)}
        for entry in menu
    ]


def mkdocs_config(config: SiteConfig, menu: tuple[MenuEntry, ...], docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    return {
        "site_name": config.site_name,
        "site_description": config.site_description,
        "site_url": urls.normalise_site_url(config.site_url) if config.site_url else None,
        "copyright": config.copyright,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "nav": _nav(menu),
        "theme": {
            "name": "material",
            "custom_dir": str(theme_dir()),
            "language": config.language,
            # Nothing is loaded from Google: the site must work on intranets without internet.
            "font": False,
            **({"logo": urls.logo(config.appearance.logo)} if config.appearance.logo else {}),
            "features": [
                "navigation.tabs",
                "navigation.top",
                "navigation.indexes",
            ],
            # Light or dark as the reader's system is set, with a switch in the header. The first
            # entry ("automatic") is what a reader starts with and what the browser remembers: with
            # only the light and dark entries, the scheme of the first visit was remembered, and a
            # phone that turns dark at night kept showing the light page.
            "palette": [
                {
                    "media": "(prefers-color-scheme)",
                    "primary": config.appearance.primary,
                    "accent": config.appearance.accent,
                    "toggle": {"icon": "material/brightness-auto", "name": "เปลี่ยนเป็นโหมดสว่าง"},
                },
                {
                    "media": "(prefers-color-scheme: light)",
                    "scheme": "default",
                    "primary": config.appearance.primary,
                    "accent": config.appearance.accent,
                    "toggle": {"icon": "material/weather-night", "name": "เปลี่ยนเป็นโหมดมืด"},
                },
                {
                    "media": "(prefers-color-scheme: dark)",
                    "scheme": "slate",
                    "primary": config.appearance.primary,
                    "accent": config.appearance.accent,
                    "toggle": {"icon": "material/weather-sunny", "name": "ให้สีตามการตั้งค่าของเครื่อง"},
                },
            ],
        },
        "extra_css": [urls.STYLESHEET],
        "extra_javascript": [urls.NORMALISE_SCRIPT, urls.SEARCH_SCRIPT],
        # generator: no "Made with Material for MkDocs" line in English under a Thai site.
        "extra": {"moi_csp": meta_policy(), "generator": False},
        "markdown_extensions": [
            "tables",
            "admonition",
            "footnotes",
            "attr_list",
            "def_list",
            {"toc": {"permalink": True, "slugify": toc_slugify}},
        ],
        # Material's own search plugin is left out: its lunr index is built in the browser, all of
        # it, on the first search. Pagefind replaces it (search.py, theme/partials/moi-search.html).
        # No plugins: mkdocs-glightbox's plugin adds an inline script to every page, so the site
        # ships GLightbox's files itself (lightbox_files) and starts it from moinext-lightbox.js.
        "plugins": [],
        "validation": {
            "nav": {"omitted_files": "ignore", "not_found": "warn", "absolute_links": "info"},
            "links": {
                "not_found": "info",
                "anchors": "info",
                "absolute_links": "info",
                "unrecognized_links": "info",
            },
        },
    }


class _CollectWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _quiet_mkdocs() -> Iterator[_CollectWarnings]:
    logger = logging.getLogger("mkdocs")
    handler = _CollectWarnings()
    previous_level, previous_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
        logger.propagate = previous_propagate


def renderer_key(config: SiteConfig, menu: tuple[MenuEntry, ...]) -> str:
    """What rendering depends on besides the pages: the mkdocs configuration made from
    site_config.yml (with the menu), the templates and this program's code."""
    made = mkdocs_config(config, menu, Path("."), Path("."))
    return digest(
        code_fingerprint(),
        folder_digest(theme_dir()),
        json.dumps(made, sort_keys=True, ensure_ascii=False, default=lambda o: f"{o.__module__}.{o.__qualname__}"),
    )


def _menu_urls(menu: tuple[MenuEntry, ...]) -> set[str]:
    return {url for entry in menu for url in (entry.url, *entry.children)}


def site_key(config: SiteConfig, plan: SitePlan) -> str:
    """What every page depends on besides its own view: renderer_key, and the titles of the
    pages in the menu (Material prints them on every page)."""
    menu_urls = _menu_urls(plan.menu)
    menu_titles = [(p.url, p.view.title) for p in plan.pages if p.url in menu_urls]
    return digest(renderer_key(config, plan.menu), json.dumps(menu_titles, ensure_ascii=False))


_DIRTY_WARNING = "A 'dirty' build is being performed"


# Pages to render before a second process pays for its start (~0.3 s); MOINEXT_PARALLEL_FROM
# overrides it (the tests set 1 to render the small example site in two processes).
_PARALLEL_FROM = 200


def _parallel_allowed(pages: int) -> bool:
    # fork() copies only the calling thread: with other threads alive (the preview's server, a
    # test's browser) a lock one of them held would stay locked in the child. Those builds render
    # in one process.
    cores = os.cpu_count() or 1
    least = int(os.environ.get("MOINEXT_PARALLEL_FROM") or _PARALLEL_FROM)
    return pages >= least and cores > 1 and hasattr(os, "fork") and threading.active_count() == 1


def _mkdocs(
    config: SiteConfig,
    plan: SitePlan,
    site_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    share: _Share,
    on_page: Callable[[], None] | None,
    menu_pages: Mapping[str, MenuPage] | None = None,
) -> tuple[str, ...]:
    """One mkdocs build into site_dir of the pages share gives this process; returns its warnings."""
    docs_dir = work_dir / "docs"  # mkdocs wants one; every page is generated in memory
    docs_dir.mkdir(parents=True, exist_ok=True)
    cfg = MkDocsConfig(config_file_path=str(work_dir / "mkdocs.yml"))
    cfg.load_dict(mkdocs_config(config, plan.menu, docs_dir, site_dir))
    with _quiet_mkdocs() as collected:
        errors, _ = cfg.validate()
        if errors:
            raise BuildFailed("; ".join(f"{name}: {error}" for name, error in errors))
        cfg.plugins["moinext"] = _MoinextPlugin(plan, on_page, cache_dir / "templates", share, menu_pages)
        cfg.plugins.on_startup(command="build", dirty=True)
        try:
            # "dirty": mkdocs skips the pages marked unchanged (_UnchangedFile); site_dir is new,
            # so nothing else of an earlier build is in it.
            with _theme_files_listed(share.copies_assets):
                mkdocs_build(cfg, dirty=True)
        except MkDocsException as exc:
            raise BuildFailed(str(exc)) from exc
        except Exception as exc:  # a template or plugin failure must not leave a traceback
            raise BuildFailed(f"{type(exc).__name__}: {exc}") from exc
        finally:
            cfg.plugins.on_shutdown()
    return tuple(m for m in collected.messages if not m.startswith(_DIRTY_WARNING))


@contextmanager
def _theme_files_listed(listed: bool) -> Iterator[None]:
    """mkdocs lists every file of the theme to copy it (add_files_from_theme: 14,500 of
    Material's, most of the time a rebuild of one page took). A process that copies none
    (_Share.copies_assets) has them left unlisted; no page is made from them."""
    if listed:
        yield
        return
    lister = Files.add_files_from_theme
    setattr(Files, "add_files_from_theme", _lists_nothing)  # noqa: B010
    try:
        yield
    finally:
        setattr(Files, "add_files_from_theme", lister)  # noqa: B010


def _lists_nothing(files: Files, env: Environment, config: MkDocsConfig) -> None:
    return None


def _in_child(run: Callable[[], tuple[str, ...]], result: Path) -> int:
    """fork(): the child runs `run` and writes its warnings (or its error) to result, then exits
    at once (no cleanup of the parent's objects). Returns the child's pid to the parent."""
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:
        result.write_text(json.dumps({"warnings": list(run())}), encoding="utf-8")
        status = 0
    except BaseException as exc:  # reported by the parent: nothing may escape a forked child
        with contextlib.suppress(BaseException):
            result.write_text(json.dumps({"error": str(exc) or type(exc).__name__}), encoding="utf-8")
    finally:
        os._exit(status)


def _child_result(pid: int, result: Path) -> tuple[str, ...]:
    _, status = os.waitpid(pid, 0)
    try:
        said = json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        said = {}
    if "error" in said or status != 0 or "warnings" not in said:
        raise BuildFailed(str(said.get("error") or f"the second rendering process ended with status {status}"))
    return tuple(str(w) for w in said["warnings"])


def render_pages(
    plan: SitePlan,
    config: SiteConfig,
    site_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    *,
    on_page: Callable[[], None] | None = None,
    previous_site: Path | None = None,
    previous: BuildManifest | None = None,
) -> RenderReport:
    """Render the planned pages (and Material's assets) into site_dir, a new folder. Pages unchanged
    since the build of previous_site (as its manifest, previous, says) are linked from it instead."""
    key = site_key(config, plan)
    kept = previous.pages if previous is not None and previous.site == key else {}
    keys: dict[str, str] = {}
    link: dict[str, Path] = {}
    render: list[str] = []
    for page in sorted(plan.pages, key=_walk_order):
        uri = source_uri(page.url)
        keys[uri] = page_key(key, page)
        made_before = previous_site / page.url / "index.html" if previous_site else None
        if made_before is not None and kept.get(uri) == keys[uri] and made_before.is_file():
            link[uri] = made_before
        else:
            render.append(uri)
    warnings: tuple[str, ...] = ()
    processes = 2 if _parallel_allowed(len(render)) else 1
    if processes == 2:
        # Two processes render alternate pages into the same new folder (one file each); the
        # parent links the unchanged pages and copies the theme's files.
        theirs = frozenset(render[1::2])
        ours = _Share(frozenset(render) - theirs, link)
        result = work_dir / "second-renderer.json"
        pid = _in_child(
            lambda: _mkdocs(config, plan, site_dir, work_dir / "second", cache_dir, _Share(theirs, {}, False), None),
            result,
        )
        try:
            warnings = _mkdocs(config, plan, site_dir, work_dir, cache_dir, ours, on_page)
        finally:
            warnings += _child_result(pid, result)
        if on_page:
            for _ in theirs:
                on_page()
    else:
        warnings = _mkdocs(config, plan, site_dir, work_dir, cache_dir, _Share(frozenset(render), link), on_page)
    menu_urls = _menu_urls(plan.menu)
    return RenderReport(
        warnings=tuple(dict.fromkeys(warnings)),
        rendered=len(render),
        reused=len(link),
        site_key=key,
        page_keys=keys,
        processes=processes,
        menu_pages={source_uri(p.url): (p.markdown, page_meta(p)) for p in plan.pages if p.url in menu_urls},
    )


def render_story_pages(
    plan: SitePlan,
    menu_pages: Mapping[str, MenuPage],
    config: SiteConfig,
    site_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    previous: BuildManifest,
    *,
    on_page: Callable[[], None] | None = None,
) -> RenderReport:
    """Render only plan's pages (story pages whose body changed, nothing else) into site_dir,
    which holds the rest of the previous site already (incremental.py): no theme file, no
    sitemap, no other page is written. menu_pages: the menu's pages as the previous build had
    them (its manifest), for the navigation. The pages' keys are made with the previous site's
    key, which nothing this rebuild depends on has changed."""
    keys = {source_uri(p.url): page_key(previous.site, p) for p in plan.pages}
    warnings: tuple[str, ...] = ()
    if keys:  # nothing changed at all: nothing for mkdocs to do (a tenth of a second to set up)
        share = _Share(frozenset(keys), {}, copies_assets=False)
        warnings = _mkdocs(config, plan, site_dir, work_dir, cache_dir, share, on_page, menu_pages)
    return RenderReport(
        warnings=tuple(dict.fromkeys(warnings)),
        rendered=len(keys),
        site_key=previous.site,
        page_keys=keys,
        menu_pages=dict(menu_pages),
        bodies_only=True,
    )


def page_key(site: str, page: Page) -> str:
    """A page's key: the site's key (site_key), its address, its Markdown and its view."""
    return digest(site, source_uri(page.url), page.markdown, page.view_digest)
