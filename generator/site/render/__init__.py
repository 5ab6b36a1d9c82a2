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

from .config import lightbox_files, material_dir, mkdocs_config, renderer_key, source_uri, theme_dir, toc_slugify
from .plugin import escape_for_innerhtml, page_meta, thai_wrap
from .run import RenderReport, menu_page, menu_urls, page_key, render_pages, site_key

__all__ = [
    "RenderReport",
    "escape_for_innerhtml",
    "lightbox_files",
    "material_dir",
    "menu_page",
    "menu_urls",
    "mkdocs_config",
    "page_key",
    "page_meta",
    "render_pages",
    "renderer_key",
    "site_key",
    "source_uri",
    "thai_wrap",
    "theme_dir",
    "toc_slugify",
]
