"""mkdocs runs: the pages to render into a new folder, in one process or two; the keys of pages
and of what every page shares.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import (
    BaseLoader,
    Environment,
    FileSystemLoader,
)
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from ...content.schema import SiteConfig
from ...keys import digest
from .. import BuildFailed, urls
from ..links import listing, move_tree
from ..plan import MenuEntry
from ..record import MenuPage
from ..views import Page
from .config import mkdocs_config, renderer_key
from .plugin import _MoinextPlugin, _Share, page_meta


@dataclass
class RenderReport:
    warnings: tuple[str, ...] = ()
    rendered: int = 0  # pages rendered
    processes: int = 1  # processes that rendered pages
    assets: tuple[str, ...] = ()  # the theme's files written (site paths), when they were wanted


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
        _list_theme_files(cfg, share.writes_assets)
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


class _ThemeLoader(BaseLoader):
    """A theme's templates found by name as usual, and listed (for mkdocs to copy the static
    files among them) without the hidden folders, or not at all."""

    def __init__(self, loader: FileSystemLoader, listed: bool) -> None:
        self.loader = loader
        self.listed = listed

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self.loader.get_source(environment, template)

    def list_templates(self) -> list[str]:
        if not self.listed:
            return []
        found: set[str] = set()
        for root in self.loader.searchpath:
            for folder, folders, files in os.walk(root, followlinks=self.loader.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                inside = Path(folder).relative_to(root)
                found.update((inside / name).as_posix() for name in files)
        return sorted(found)


def _list_theme_files(cfg: MkDocsConfig, listed: bool) -> None:
    """mkdocs lists every file of the theme (14,500 of Material's, 14,300 of them its icons in the
    hidden .icons folder) and matches each against its patterns to copy the static ones: 0.1 s
    of a build, and most of what rendering a few pages costs. Its patterns leave out whatever is
    in a hidden folder, so a run that writes the theme's files lists them without walking those;
    a run that writes none lists none. Templates are still found by name. (This run's own Theme
    object is given it: nothing global changes.)"""
    theme = cfg.theme
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        assert isinstance(env.loader, FileSystemLoader)
        env.loader = _ThemeLoader(env.loader, listed)
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
