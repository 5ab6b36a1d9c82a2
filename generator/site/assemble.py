"""A whole site in a folder: the rendered pages, then the search index, photos, fonts and feeds."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from ..content.schema import SiteConfig
from ..photos.process import PhotoReport
from . import urls
from .fonts import licence_file, prepare_fonts
from .plan import SitePlan
from .policy import netlify_headers
from .render import lightbox_files, render_pages
from .search import build_index, normaliser_script


def photo_files(report: PhotoReport) -> Iterator[tuple[Path, str]]:
    """(cached file, site path) for every variant of every photo."""
    for photo in report.photos.values():
        base = urls.story(photo.office_id, photo.slug)
        for variant in photo.variants:
            yield photo.cache_dir / variant.filename, urls.photo(base, photo.stem, variant.filename)


def assemble_site(
    plan: SitePlan,
    config: SiteConfig,
    photos: PhotoReport,
    site_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    *,
    on_page: Callable[[], None] | None = None,
) -> tuple[str, ...]:
    """Write the complete site into site_dir (a new folder); returns the renderer's warnings."""
    warnings = render_pages(plan, config, site_dir, work_dir, cache_dir, on_page=on_page)
    build_index(site_dir)
    copies = [
        *photo_files(photos),
        *((f.cached, f.site_path) for f in prepare_fonts(cache_dir)),
        (licence_file(), urls.FONT_LICENCE),
        *lightbox_files(),
    ]
    for cached, site_path in copies:
        target = site_dir / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    generated = ((urls.HEADERS_FILE, netlify_headers().encode()), (urls.NORMALISE_SCRIPT, normaliser_script().encode()))
    for site_path, data in (*plan.files, *generated):
        (site_dir / site_path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / site_path).write_bytes(data)
    return warnings
