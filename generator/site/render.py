"""Render: the only module that knows mkdocs and Material.

The plan's pages become mkdocs' own generated files (File.generated, nothing written to a docs
folder); each page's view reaches its template as `moi`. The user edits site_config.yml, never a
mkdocs.yml: the mkdocs configuration is made here from it. Moving to another renderer is this
module's (and theme/'s) work.

mkdocs is handed only the pages to render (the build decides which: site/stale.py, assemble.py)
and the pages of the menu, which every page's navigation names: those not rendered are given as
files excluded from the build, with the Markdown and front-matter they were rendered with. Each
mkdocs run writes into a new folder of its own (mkdocs empties its site folder first), and the
theme's files are written only when they are wanted. No page a run does not render is read.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    pass_context,
)
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File as MkFile
from mkdocs.structure.files import Files, InclusionLevel
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
from .links import listing, move_tree
from .plan import MenuEntry
from .policy import meta_policy
from .record import MenuPage
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


def _render_nothing(page: MkPage, config: MkDocsConfig, files: Files) -> None:
    """What mkdocs' Page.render leaves on a page whose Markdown is empty."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


@dataclass
class RenderReport:
    warnings: tuple[str, ...] = ()
    rendered: int = 0  # pages rendered
    processes: int = 1  # processes that rendered pages
    assets: tuple[str, ...] = ()  # the theme's files written (site paths), when they were wanted


@dataclass(frozen=True)
class _Share:
    """What one rendering process renders (page addresses), and whether it writes the theme's
    files (one process does, when they are wanted)."""

    render: frozenset[str]
    writes_assets: bool


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
                sections.append(TocEntry(2, "moi-results-heading", "ผลลัพธ์"))
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


# Pages to render before a second process pays for its start (~0.3 s); MOINEXT_PARALLEL_FROM
# overrides it (tests/test_incremental.py sets 1 to render the small example site in two processes).
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
    pages: Sequence[Page],
    menu: tuple[MenuEntry, ...],
    menu_pages: Mapping[str, MenuPage],
    site_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    share: _Share,
    on_page: Callable[[], None] | None,
) -> tuple[str, ...]:
    """One mkdocs build into site_dir (a new folder: mkdocs empties it) of the pages share gives
    this process; returns its warnings."""
    docs_dir = work_dir / "docs"  # mkdocs wants one; every page is generated in memory
    docs_dir.mkdir(parents=True, exist_ok=True)
    cfg = MkDocsConfig(config_file_path=str(work_dir / "mkdocs.yml"))
    cfg.load_dict(mkdocs_config(config, menu, docs_dir, site_dir))
    with _quiet_mkdocs() as collected:
        errors, _ = cfg.validate()
        if errors:
            raise BuildFailed("; ".join(f"{name}: {error}" for name, error in errors))
        if not share.writes_assets:
            _list_no_theme_files(cfg)
        cfg.plugins["moinext"] = _MoinextPlugin(pages, menu_pages, on_page, cache_dir / "templates", share)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        except MkDocsException as exc:
            raise BuildFailed(str(exc)) from exc
        except Exception as exc:  # a template or plugin failure must not leave a traceback
            raise BuildFailed(f"{type(exc).__name__}: {exc}") from exc
        finally:
            cfg.plugins.on_shutdown()
    return tuple(collected.messages)


class _UnlistedLoader(BaseLoader):
    """A theme's templates found by name as usual, but none listed (list_templates)."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self.loader.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return []


def _list_no_theme_files(cfg: MkDocsConfig) -> None:
    """mkdocs lists every file of the theme (14,500 of Material's: 0.1 to 0.3 s, most of what
    rendering a few pages costs) to copy the static ones. A run that writes none of the theme's
    files gets a template environment that finds templates by name but lists none (this run's
    own Theme object is given it: nothing global changes)."""
    theme = cfg.theme
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        assert env.loader is not None
        env.loader = _UnlistedLoader(env.loader)
        return env

    setattr(theme, "get_env", get_env)  # noqa: B010 (an instance's method, for this run only)


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
    pages: Sequence[Page],
    menu: tuple[MenuEntry, ...],
    menu_pages: Mapping[str, MenuPage],
    config: SiteConfig,
    site_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    *,
    assets: bool,
    on_page: Callable[[], None] | None = None,
) -> RenderReport:
    """Render pages into site_dir, a folder that must not exist yet, with the theme's files when
    assets is true (otherwise the build takes them from the previous site). menu_pages: every
    page of the menu as menu_page gives it, rendered here or not. With many pages, two processes
    render alternate pages, each into a folder of its own, merged into site_dir."""
    uris = sorted((page.url for page in pages), key=lambda url: tuple(part for part in url.split("/") if part))
    processes = 2 if _parallel_allowed(len(uris)) else 1
    if processes == 1:
        warnings = _mkdocs(
            config, pages, menu, menu_pages, site_dir, work_dir, cache_dir, _Share(frozenset(uris), assets), on_page
        )
    else:
        theirs = frozenset(uris[1::2])
        second_site, result = work_dir / "second-site", work_dir / "second-renderer.json"
        pid = _in_child(
            lambda: _mkdocs(
                config,
                pages,
                menu,
                menu_pages,
                second_site,
                work_dir / "second",
                cache_dir,
                _Share(theirs, False),
                None,
            ),
            result,
        )
        try:
            ours = _Share(frozenset(uris) - theirs, assets)
            warnings = _mkdocs(config, pages, menu, menu_pages, site_dir, work_dir, cache_dir, ours, on_page)
        finally:
            theirs_said = _child_result(pid, result)  # waited for even when ours failed
        warnings += theirs_said
        move_tree(second_site, site_dir)
        if on_page:
            for _ in theirs:
                on_page()
    written = listing(site_dir) if assets else {}
    page_files = {urls.page_file(url) for url in uris}
    return RenderReport(
        warnings=tuple(dict.fromkeys(warnings)),
        rendered=len(uris),
        processes=processes,
        assets=tuple(sorted(name for name in written if name not in page_files)),
    )


def menu_page(page: Page) -> MenuPage:
    """A page of the menu as the navigation of every other page reads it (build record)."""
    return (page.markdown, page_meta(page))


def menu_urls(menu: tuple[MenuEntry, ...]) -> set[str]:
    return {url for entry in menu for url in (entry.url, *entry.children)}


def site_key(config: SiteConfig, menu: tuple[MenuEntry, ...], menu_pages: Mapping[str, MenuPage]) -> str:
    """What every page depends on besides its own view: renderer_key, and the menu's pages
    (Material prints their titles on every page)."""
    shown = json.dumps(sorted(menu_pages.items()), ensure_ascii=False, default=str)
    return digest(renderer_key(config, menu), shown)


def page_key(site: str, page: Page) -> str:
    """A page's key: the site's key (site_key), its address, its Markdown and its view."""
    return digest(site, page.url, page.markdown, page.view_digest)
