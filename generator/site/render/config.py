"""The mkdocs configuration made from site_config.yml (the user edits site_config.yml, never a
mkdocs.yml), the theme's folders, and the key of everything rendering depends on besides the
pages.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from ...content.schema import SiteConfig
from ...keys import code_fingerprint, digest, folder_digest
from ...thai.text import lang_of, slugify
from .. import urls
from ..about import about_links, contact_lines
from ..plan import MenuEntry
from ..policy import meta_policy

# Material's layout switches per template: the home page has no side navigation, and neither it
# nor the overview (charts) has a table of contents.
_HIDE: dict[str, tuple[str, ...]] = {"home": ("navigation", "toc"), "overview": ("toc",)}


def theme_dir() -> Path:
    """theme/ beside the package in a checkout, or inside it in an installed wheel."""
    package = Path(__file__).parents[2]  # generator/
    for candidate in (package / "theme", package.parent / "theme"):
        if (candidate / "story.html").is_file():
            return candidate
    raise FileNotFoundError("the theme folder (theme/) is missing from this installation")


def toc_slugify(value: str, separator: str) -> str:
    """Heading anchors that keep Thai marks, with the signature Python-Markdown's toc calls."""
    return slugify(value, separator)


_MATERIAL = "material"  # the prefix of Material's own templates in the Jinja environment


def material_dir() -> Path:
    """Material's templates (the theme theme/ overrides)."""
    import material  # type: ignore[import-untyped]

    return Path(material.__file__).parent / "templates"


def lightbox_files() -> list[tuple[Path, str]]:
    """(file, site path) of GLightbox's script and styles, from the mkdocs-glightbox package."""
    import mkdocs_glightbox  # type: ignore[import-untyped]

    folder = Path(mkdocs_glightbox.__file__).parent / "glightbox"
    return [(folder / name, f"{urls.LIGHTBOX_DIR}{name}") for name in ("glightbox.min.js", "glightbox.min.css")]


# Material's stylesheets, as it links them from every page (base.html's styles block).
_MATERIAL_STYLESHEETS = ("main.*.min.css", "palette.*.min.css")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


@cache
def site_stylesheet() -> tuple[str, bytes]:
    """(site path, bytes) of the site's one stylesheet: Material's main and palette stylesheets
    and the theme's moinext.css, in the order their links stood, in one file named by its content.
    Three render-blocking files were three requests before the first paint, each on a connection
    of its own over HTTP/1.1 (Lighthouse's LCP); one name with its hash is also kept by browsers
    for a year, where moinext.css was asked for again at every page."""
    data = _joined([*_material_stylesheets(), theme_dir() / urls.STYLESHEET])
    return urls.site_stylesheet(digest(data)[:10]), data


@cache
def site_start_script() -> tuple[str, bytes]:
    """(site path, bytes) of Material's start-up helpers and its palette restore (the theme's
    moinext-boot.js and moinext-palette.js) in one file named by its content, run where the
    palette script stood (the header: it reads the palette's switch). The helpers ran in <head>
    before it, a script that held up the first paint for a file of 700 bytes; nothing before the
    header uses them."""
    data = _joined([theme_dir() / script for script in urls.START_SCRIPTS])
    return urls.site_start_script(digest(data)[:10]), data


def bundled_files() -> tuple[str, ...]:
    """The site paths of the files site_stylesheet and site_start_script hold (not written on
    their own), and Material's source maps of its stylesheets."""
    material = [f"assets/stylesheets/{path.name}" for path in _material_stylesheets()]
    return (*material, *(f"{path}.map" for path in material), urls.STYLESHEET, *urls.START_SCRIPTS)


def _material_stylesheets() -> list[Path]:
    folder = material_dir() / "assets" / "stylesheets"
    return [next(iter(sorted(folder.glob(pattern)))) for pattern in _MATERIAL_STYLESHEETS]


def _joined(parts: list[Path]) -> bytes:
    """The files' texts one after the other, each without its source-map comment (a map of the
    file alone would be wrong for the joined one)."""
    return ("\n".join(_SOURCE_MAP.sub("", part.read_text(encoding="utf-8")).strip() for part in parts) + "\n").encode()


def source_uri(url: str) -> str:
    """The generated Markdown file mkdocs renders at a site address ("th-50/" -> "th-50/index.md")."""
    return f"{url}index.md"


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
            # The site's own mark in the browser tab, not Material's book.
            "favicon": urls.FAVICON,
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
        "extra_css": [],  # the theme's stylesheet is in the site's one (site_stylesheet)
        # Deferred: fetched beside the page, run once it is parsed, never before its first paint.
        "extra_javascript": [{"path": script, "defer": True} for script in (urls.NORMALISE_SCRIPT, urls.SEARCH_SCRIPT)],
        # generator: no "Made with Material for MkDocs" line in English under a Thai site.
        "extra": {
            "moi_csp": meta_policy(),
            "moi_stylesheet": site_stylesheet()[0],
            "moi_start_script": site_start_script()[0],
            "generator": False,
            # The footer of every page (partials/copyright.html): who is responsible, where, how to
            # complain, and the pages about the site, as a Thai government site must show them.
            "moi_contact": contact_lines(config.contact),
            "moi_site_name_th": config.site_name_th,
            "moi_site_name_lang": lang_of(config.site_name),
            "moi_contact_page": urls.CONTACT,
            "moi_complaints": config.contact.complaints,
            "moi_about": [(link.url, link.label) for link in about_links()],
        },
        "markdown_extensions": [
            "tables",
            "admonition",
            "footnotes",
            "attr_list",
            "def_list",
            {"toc": {"permalink": True, "slugify": toc_slugify}},
        ],
        # Material's own search plugin is left out: its lunr index is built in the browser, all of
        # it, on the first search. moinext's own index replaces it (site/search/, theme/partials/moi-search.html).
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


def renderer_key(config: SiteConfig, menu: tuple[MenuEntry, ...]) -> str:
    """What rendering depends on besides the pages: the mkdocs configuration made from
    site_config.yml (with the menu), the templates and this program's code."""
    made = mkdocs_config(config, menu, Path("."), Path("."))
    return digest(
        code_fingerprint(),
        folder_digest(theme_dir()),
        json.dumps(made, sort_keys=True, ensure_ascii=False, default=lambda o: f"{o.__module__}.{o.__qualname__}"),
    )
