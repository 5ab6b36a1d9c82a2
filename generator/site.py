"""Stage 5, site: drive mkdocs with Material and publish the result atomically.

Everything that knows about mkdocs or Material lives in this module and in theme/, so a move to
another theme is this module's work. The user edits site_config.yml, never a mkdocs.yml: the
mkdocs configuration is made here from it.

Publishing never leaves half a site: mkdocs builds into a temporary folder beside the output, and
only a complete build is swapped in. A failed build leaves the previous site as it was.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nh3
import yaml
from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page as MkPage

from .fonts import licence_file, prepare_fonts
from .model import SiteConfig
from .pages import Page, SitePlan
from .photos import PhotoReport, variant_files
from .search import IndexText, build_index, story_index_text
from .thai import keep_words_together, toc_slugify

MARKER = ".moinext"  # marks a folder as a site we built, so we never replace anything else


def theme_dir() -> Path:
    """theme/ beside the package in a checkout, or inside it in an installed wheel."""
    for candidate in (Path(__file__).parent / "theme", Path(__file__).parent.parent / "theme"):
        if (candidate / "story.html").is_file():
            return candidate
    raise FileNotFoundError("the theme folder (theme/) is missing from this installation")


class BuildFailed(Exception):
    """The site could not be built; the previous output is untouched."""


# --- sanitising what offices write -------------------------------------------------------------

_ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) | {"figure", "figcaption", "details", "summary", "mark", "del", "ins",
                                          "sup", "sub", "section", "aside"}
_ALLOWED_TAGS -= {"script", "style", "iframe"}
_ALLOWED_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    # Heading anchors, admonitions and footnotes need id and class; none of these can run script.
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang", "title"},
    "img": {"src", "alt", "width", "height", "loading", "title"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "td": {"colspan", "rowspan", "align"},
    "ol": {"start", "type"},
}


def sanitise(html: str) -> str:
    """Remove anything from rendered office HTML that could run script or load from elsewhere."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def thai_wrap(text: str) -> Markup:
    """Template filter: escape text, and keep Thai words whole at line ends (thai.keep_words_together)."""
    return Markup(keep_words_together(html.escape(str(text), quote=False)))


# --- the in-process mkdocs plugin --------------------------------------------------------------


class _MoinextPlugin(BasePlugin):
    """Hands each generated page its view object and sanitises office HTML."""

    def __init__(self, plan: SitePlan, on_page: Callable[[], None] | None, template_cache: Path) -> None:
        super().__init__()
        self.template_cache = template_cache
        self.by_uri: dict[str, Page] = {p.src_uri: p for p in plan.pages}
        self.index_texts: dict[str, IndexText] = {}
        # Not named on_*: mkdocs registers every on_* attribute of a plugin as an event handler.
        self.page_done = on_page

    def on_page_content(self, html: str, /, *, page: MkPage, config: MkDocsConfig, files) -> str:
        planned = self.by_uri.get(page.file.src_uri)
        if planned is not None and planned.is_story:
            html = sanitise(html)
            story = planned.view.story
            assert story is not None
            self.index_texts[page.file.src_uri] = story_index_text(
                story.card.title, story.card.summary, html, story.search_extra
            )
        return html

    def on_env(self, env, /, *, config: MkDocsConfig, files):
        env.filters["thai_wrap"] = thai_wrap
        # For attributes that a script copies into innerHTML (GLightbox's data-description):
        # escaped once for the attribute and once more for the innerHTML it ends up in.
        env.filters["escape_for_innerhtml"] = lambda text: html.escape(html.escape(str(text)))
        # Compiling Material's and our templates took a third of a second on every build; Jinja
        # keeps the compiled code between builds (checked against each template's source).
        self.template_cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(self.template_cache))
        return env

    def on_page_context(self, context, /, *, page: MkPage, config: MkDocsConfig, nav):
        planned = self.by_uri.get(page.file.src_uri)
        if planned is not None:
            context["moi"] = planned.view
            context["moi_index"] = self.index_texts.pop(page.file.src_uri, None)
        if self.page_done:
            self.page_done()
        return context


# --- the mkdocs configuration, made from site_config.yml ---------------------------------------


def mkdocs_config(config: SiteConfig, plan: SitePlan, docs_dir: Path, site_dir: Path) -> dict:
    return {
        "site_name": config.site_name,
        "site_description": config.site_description,
        "site_url": config.site_url,
        "copyright": config.copyright,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "nav": plan.nav,
        "theme": {
            "name": "material",
            "custom_dir": str(theme_dir()),
            "language": config.language,
            # Nothing is loaded from Google: the site must work on intranets without internet.
            "font": False,
            "features": [
                "navigation.tabs",
                "navigation.top",
                "navigation.indexes",
            ],
            "palette": {"scheme": "default", "primary": "indigo", "accent": "amber"},
        },
        "extra_css": ["assets/stylesheets/moinext.css"],
        "extra_javascript": ["assets/javascripts/moinext-search.js"],
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
        "plugins": [
            # manual: only the gallery links our templates mark (class="glightbox") open in it.
            {"glightbox": {"manual": True, "auto_caption": False, "zoomable": True, "background": "none"}},
        ],
        "validation": {
            "nav": {"omitted_files": "ignore", "not_found": "warn", "absolute_links": "info"},
            "links": {"not_found": "info", "anchors": "info", "absolute_links": "info",
                      "unrecognized_links": "info"},
        },
    }


def write_docs(plan: SitePlan, docs_dir: Path) -> None:
    for page in plan.pages:
        target = docs_dir / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        # Material prints page.meta.title and .description into <title> and <meta> without
        # escaping, so what an office wrote reaches it escaped; our templates read page.view.
        meta: dict[str, object] = {
            "title": html.escape(page.view.title),
            "description": html.escape(page.view.description),
            "template": page.template,
        }
        if page.hide:
            meta["hide"] = list(page.hide)
        if not page.is_story:
            meta["glightbox"] = False  # only story pages have a gallery
        else:
            assert page.view.story is not None
            meta["lastmod"] = page.view.story.card.date_iso  # for sitemap.xml: never the build date
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        target.write_text(f"---\n{front}---\n\n{page.markdown}", encoding="utf-8")


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


@dataclass(frozen=True)
class BuiltSite:
    out_dir: Path
    warnings: tuple[str, ...]


def check_output_dir(out_dir: Path, content_dir: Path) -> str | None:
    """Why out_dir must not be written, or None when it is safe to replace."""
    out = out_dir.resolve()
    content = content_dir.resolve()
    if out == content or content in out.parents or out in content.parents:
        return f"the output folder {out_dir} overlaps the content folder {content_dir}"
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        return (f"{out_dir} exists and was not built by moinext; choose a new or empty folder "
                "so nothing in it is lost")
    return None


def render_site(
    plan: SitePlan, config: SiteConfig, photos: PhotoReport, site_dir: Path, work_dir: Path, cache_dir: Path,
    *, on_page: Callable[[], None] | None = None, serve_url: str | None = None,
) -> tuple[str, ...]:
    """Render every page with mkdocs into site_dir and copy the photo variants beside them."""
    docs_dir = work_dir / "docs"
    write_docs(plan, docs_dir)
    cfg = MkDocsConfig(config_file_path=str(work_dir / "mkdocs.yml"))
    cfg.load_dict(mkdocs_config(config, plan, docs_dir, site_dir))
    with _quiet_mkdocs() as collected:
        errors, _ = cfg.validate()
        if errors:
            raise BuildFailed("; ".join(f"{name}: {error}" for name, error in errors))
        cfg.plugins["moinext"] = _MoinextPlugin(plan, on_page, cache_dir / "templates")
        cfg.plugins.on_startup(command="serve" if serve_url else "build", dirty=False)
        try:
            mkdocs_build(cfg, serve_url=serve_url)
        except MkDocsException as exc:
            raise BuildFailed(str(exc)) from exc
        except Exception as exc:  # a template or plugin failure must not leave a traceback
            raise BuildFailed(f"{type(exc).__name__}: {exc}") from exc
        finally:
            cfg.plugins.on_shutdown()
    build_index(site_dir)
    copies = [*variant_files(photos), *((f.cached, f.site_path) for f in prepare_fonts(cache_dir)),
              (licence_file(), "assets/fonts/OFL.txt")]
    for cached, site_path in copies:
        target = site_dir / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    for site_path, data in plan.files:
        (site_dir / site_path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / site_path).write_bytes(data)
    (site_dir / MARKER).write_text("This folder is built by moinext and replaced on each build.\n")
    return tuple(collected.messages)


def publish(
    plan: SitePlan, config: SiteConfig, photos: PhotoReport, out_dir: Path, cache_dir: Path,
    *, on_page: Callable[[], None] | None = None,
) -> BuiltSite:
    """Build into a temporary folder beside out_dir, then swap it in only if everything worked."""
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    try:
        new_site = work / "site"
        warnings = render_site(plan, config, photos, new_site, work, cache_dir, on_page=on_page)
        old = work / "previous"
        had_previous = out_dir.exists()
        if had_previous:
            os.replace(out_dir, old)
        try:
            os.replace(new_site, out_dir)
        except OSError:
            if had_previous:
                os.replace(old, out_dir)  # put the previous site back before giving up
            raise
        return BuiltSite(out_dir, warnings)
    finally:
        shutil.rmtree(work, ignore_errors=True)
