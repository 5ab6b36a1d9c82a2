"""Render: the only module that knows mkdocs and Material.

The plan's pages become mkdocs' own generated files (File.generated, nothing written to a docs
folder); each page's view reaches its template as `moi`; office HTML is sanitised and its text
handed to the search index. The user edits site_config.yml, never a mkdocs.yml: the mkdocs
configuration is made here from it. Moving to another renderer is this module's (and theme/'s) work.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
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
from mkdocs.utils.templates import TemplateContext

from ..content.schema import SiteConfig
from ..thai.text import slugify
from ..thai.words import keep_words_together
from . import BuildFailed, urls
from .plan import MenuEntry, SitePlan
from .policy import meta_policy
from .search import IndexText, story_index_text
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


class _MoinextPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Adds the planned pages, hands each its view, and sanitises office HTML."""

    def __init__(self, plan: SitePlan, on_page: Callable[[], None] | None, template_cache: Path) -> None:
        super().__init__()
        self.plan = plan
        self.template_cache = template_cache
        self.by_uri: dict[str, Page] = {source_uri(p.url): p for p in plan.pages}
        self.index_texts: dict[str, IndexText] = {}
        # Not named on_*: mkdocs registers every on_* attribute of a plugin as an event handler.
        self.page_done = on_page

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for page in sorted(self.plan.pages, key=_walk_order):
            files.append(MkFile.generated(config, source_uri(page.url), content=page.markdown))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        planned = self.by_uri.get(page.file.src_uri)
        if planned is not None:
            page.meta = page_meta(planned)
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
            self.index_texts[page.file.src_uri] = story_index_text(
                story.title,
                story.description,
                story.body_html,
                story.search_extra,
                story.search_office,
                story.search_related,
            )
            return story.body_html
        return html

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        env.filters["thai_wrap"] = thai_wrap
        env.filters["escape_for_innerhtml"] = escape_for_innerhtml
        # Compiling Material's and our templates took a third of a second on every build; Jinja
        # keeps the compiled code between builds (checked against each template's source).
        self.template_cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(self.template_cache))
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        planned = self.by_uri.get(page.file.src_uri)
        if planned is not None:
            # Our own keys beside mkdocs' (TemplateContext is a TypedDict of mkdocs' keys only).
            extra: dict[str, Any] = {"moi": planned.view, "moi_index": self.index_texts.pop(page.file.src_uri, None)}
            context.update(extra)  # type: ignore[typeddict-item]
        if self.page_done:
            self.page_done()
        return context


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


def mkdocs_config(config: SiteConfig, plan: SitePlan, docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    return {
        "site_name": config.site_name,
        "site_description": config.site_description,
        "site_url": urls.normalise_site_url(config.site_url) if config.site_url else None,
        "copyright": config.copyright,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "nav": _nav(plan.menu),
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
            # Light or dark as the reader's system is set, with a switch in the header.
            "palette": [
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
                    "toggle": {"icon": "material/weather-sunny", "name": "เปลี่ยนเป็นโหมดสว่าง"},
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


def render_pages(
    plan: SitePlan,
    config: SiteConfig,
    site_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    *,
    on_page: Callable[[], None] | None = None,
) -> tuple[str, ...]:
    """Render every planned page (and Material's assets) into site_dir; returns mkdocs' warnings."""
    docs_dir = work_dir / "docs"  # mkdocs wants one; every page is generated in memory
    docs_dir.mkdir(parents=True, exist_ok=True)
    cfg = MkDocsConfig(config_file_path=str(work_dir / "mkdocs.yml"))
    cfg.load_dict(mkdocs_config(config, plan, docs_dir, site_dir))
    with _quiet_mkdocs() as collected:
        errors, _ = cfg.validate()
        if errors:
            raise BuildFailed("; ".join(f"{name}: {error}" for name, error in errors))
        cfg.plugins["moinext"] = _MoinextPlugin(plan, on_page, cache_dir / "templates")
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
