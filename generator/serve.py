"""`moinext serve`: a live preview on 127.0.0.1 that rebuilds on every change and reloads the page.

It uses mkdocs' own live-reload server (it injects the reload script and long-polls) around the
whole moinext build, so the preview is exactly what `build` would publish. A build that fails
prints its problems and keeps the last good site on screen.
"""

from __future__ import annotations

import html
import inspect
import ipaddress
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs

from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from . import pipeline
from .problems import Severity
from .site.policy import security_headers
from .site.render import theme_dir

# The reload script as a file of the preview's own (mkdocs injects it inline, which the site's
# Content-Security-Policy blocks): the preview runs under the same policy as the public site.
RELOAD_SCRIPT = "/.moinext/livereload.js"
_LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def host_allowed(host_header: str, bound_host: str, port: int) -> bool:
    """Whether a request's Host header names this preview. A page on another site can make the
    browser send requests here through a DNS name it controls (DNS rebinding) and read drafts;
    such requests carry that name. Allowed: localhost, the bound name, and IP addresses."""
    name, _, given_port = host_header.rpartition(":") if not host_header.endswith("]") else (host_header, "", "")
    if not name:
        name, given_port = host_header, ""
    if given_port and given_port != str(port):
        return False
    name = name.strip("[]").lower()
    if name in _LOCAL_NAMES or name == bound_host.lower():
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


_BANNER_STYLE = (
    "position:fixed;inset:auto 0 0 0;z-index:1000;max-height:45vh;overflow:auto;margin:0;padding:12px 16px;"
    "background:#b71c1c;color:#fff;font:14px/1.5 Sarabun,sans-serif;box-shadow:0 -2px 8px rgba(0,0,0,.3)"
)


def error_banner(result: pipeline.BuildResult) -> bytes:
    """The failed build's problems, in Thai, drawn over the last good page."""
    errors = [p for p in result.problems if p.severity is Severity.ERROR][:20]
    items = "".join(
        f"<li><code>{html.escape(p.file)}:{p.line}</code> {html.escape(p.message('th'))}</li>" for p in errors
    )
    text = (
        f'<aside role="alert" style="{_BANNER_STYLE}"><strong>สร้างเว็บไซต์ไม่สำเร็จ: แก้ไขแล้วบันทึก'
        f"หน้านี้จะโหลดใหม่เอง (the build failed; this is the last good page)</strong><ul>{items}</ul></aside>"
    )
    return text.encode("utf-8")


def first_free_port(host: str, port: int, tries: int = 20) -> int | None:
    """port, or the next one up that nothing listens on (None when all of them are taken)."""
    for candidate in range(port, port + tries):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
            return candidate
    return None


class _PolicyServer(LiveReloadServer):
    """mkdocs' live-reload server that answers only its own host names and serves every page with
    the site's security headers and a reload script that is a file, not inline."""

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        bound_host, port = str(self.server_address[0]), int(self.server_address[1])
        if not host_allowed(environ.get("HTTP_HOST", ""), bound_host, port):
            start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"This preview answers only to its own address (127.0.0.1 or localhost).\n"]

        def with_headers(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            return start_response(status, [*headers, *security_headers()], *rest)

        if environ.get("PATH_INFO") == RELOAD_SCRIPT:
            query = parse_qs(environ.get("QUERY_STRING", ""))
            numbers = [
                int(query.get(key, ["0"])[0]) if query.get(key, ["0"])[0].isdigit() else 0 for key in ("epoch", "id")
            ]
            script = _SCRIPT_TEMPLATE.substitute(epoch=numbers[0], request_id=numbers[1]).encode()
            with_headers("200 OK", [("Content-Type", "text/javascript; charset=utf-8"), ("Cache-Control", "no-store")])
            return [script]
        result: Iterable[bytes] = super().serve_request(environ, with_headers)
        return result

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        try:
            body_end = content.rindex(b"</body>")
        except ValueError:
            body_end = len(content)
        tag = f'<script src="{RELOAD_SCRIPT}?epoch={epoch}&amp;id={time.monotonic_ns() // 1_000_000}"></script>'
        return content[:body_end] + self.banner + tag.encode() + content[body_end:]

    # The last build's errors, shown on every page until a build succeeds (the page itself is
    # the last good one).
    banner: bytes = b""


# How often the watched folders are scanned when they must be polled, in seconds: small, so an
# edit shows within a second.
POLL_INTERVAL = 0.1


# What starts a build: a file made, written, moved or removed. Not a file opened or read (watchdog
# reports those too, and mkdocs rebuilds on any event): every build reads the write-ups, and
# their reads started another build after each one, which a save then had to wait for.
_CHANGES = (
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileMovedEvent,
    FileDeletedEvent,
    DirCreatedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    DirDeletedEvent,
)


class _ChangesOnly(FileSystemEventHandler):
    """Hands the handler it wraps only the events that are changes (_CHANGES), where watchdog has
    no event_filter."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        super().__init__()
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if isinstance(event, _CHANGES):
            self.handler.dispatch(event)


_FILTERS = "event_filter" in inspect.signature(BaseObserver.schedule).parameters  # watchdog 4 and later
_Observer = TypeVar("_Observer", bound=BaseObserver)


def _changes_only(observer: _Observer) -> _Observer:
    """observer, handing what mkdocs' live-reload server schedules on it only changes."""
    schedule = observer.schedule

    def schedule_changes(event_handler: FileSystemEventHandler, path: str | Path, **options: Any) -> ObservedWatch:
        if _FILTERS:
            # watchdog's own filter: the system is not even asked to report reads (inotify's mask).
            # Filtering them in Python instead cost a build 0.1 s at 1,000 write-ups.
            return schedule(event_handler, path, event_filter=list(_CHANGES), **options)
        return schedule(_ChangesOnly(event_handler), path, **options)

    # Its options differ between watchdog's versions: passed on as they come.
    observer.schedule = schedule_changes  # type: ignore[method-assign]
    return observer


class PreviewServer:
    def __init__(
        self,
        content_dir: Path,
        config_path: Path | None,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        drafts: bool = False,
        report: Callable[[pipeline.BuildResult], None] | None = None,
    ) -> None:
        self.content_dir = content_dir
        self.config_path = config_path
        self.drafts = drafts
        self.report = report or (lambda result: None)
        self._work = Path(tempfile.mkdtemp(prefix="moinext-serve-"))
        self.site_dir = self._work / "site"
        self.builds: list[pipeline.BuildResult] = []
        self.server = _PolicyServer(
            builder=self.rebuild, host=host, port=port, root=str(self.site_dir), polling_interval=POLL_INTERVAL
        )
        self.server.build_delay = 0.02
        self.server.error_handler = self._error_page
        watched = [p for p in (content_dir, theme_dir(), config_path or pipeline.DEFAULT_CONFIG) if p.exists()]
        # The system's own change notices (inotify on Linux) rather than mkdocs' polling: polling
        # re-read every folder of content/ ten times a second, on the build's interpreter, and
        # saw a save only at the next scan. Polling stays where notices are not available (some
        # network and container file systems, or a content/ with more folders than the limit).
        try:
            self.server.observer = _changes_only(Observer())  # type: ignore[assignment]  # mkdocs: polling
            for path in watched:
                self.server.watch(str(path))
        except OSError:
            self.server.observer = _changes_only(PollingObserver(timeout=POLL_INTERVAL))
            self.server._watched_paths.clear()
            self.server._watch_refs.clear()
            for path in watched:
                self.server.watch(str(path))

    @property
    def url(self) -> str:
        return self.server.url

    def rebuild(self) -> None:
        # An unchanged photo is a cache hit, and the output is swapped in only when complete, so a
        # failed rebuild leaves the last good site being served.
        result = pipeline.build(self.content_dir, self.config_path, self.site_dir, drafts=self.drafts)
        self.builds.append(result)
        self.server.banner = b"" if result.ok else error_banner(result)
        self.report(result)

    def _error_page(self, code: int) -> bytes | None:
        page = self.site_dir / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    def serve_forever(self) -> None:
        """Build once, then serve and rebuild on changes until shutdown() (or Ctrl-C)."""
        self.rebuild()
        try:
            self.server.serve()  # type: ignore[no-untyped-call]
        finally:
            self.close()

    def shutdown(self) -> None:
        self.server.shutdown()

    def close(self) -> None:
        shutil.rmtree(self._work, ignore_errors=True)
