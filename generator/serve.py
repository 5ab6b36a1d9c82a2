"""`moinext serve`: a live preview on 127.0.0.1 that rebuilds on every change and reloads the page.

The preview runs the whole moinext build into a folder of its own, so it shows exactly what `build`
would publish, and serves that folder with the public site's security headers. A page it serves
loads the reload script (a file: the site's Content-Security-Policy forbids inline script), which
waits for the next build and reloads. A build that fails prints its problems and keeps the last
good site on screen, its errors drawn over it. Nothing here knows mkdocs: the standard library's
HTTP server and watchdog's change notices.
"""

from __future__ import annotations

import html
import inspect
import ipaddress
import json
import mimetypes
import posixpath
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

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

# The reload script and the address it waits on, the preview's own (never in the built site).
RELOAD_SCRIPT = "/.moinext/livereload.js"
_WAIT = "/.moinext/wait"
_WAIT_S = 30  # a wait answers after this long at the most (the script then waits again)
_RELOAD_JS = """// moinext serve: reload the page once the site has been built again.
(() => {
  const epoch = Number(new URL(document.currentScript.src).searchParams.get("epoch")) || 0;
  const wait = () =>
    fetch(`/.moinext/wait?epoch=${epoch}`, { cache: "no-store" })
      .then((answer) => answer.json())
      .then((site) => (site.epoch > epoch ? location.reload() : wait()))
      .catch(() => setTimeout(wait, 1000));
  wait();
})();
"""
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
        f'<aside role="alert" style="{_BANNER_STYLE}"><strong>สร้างเว็บไซต์ไม่สำเร็จ: กรุณาแก้ไขแล้วบันทึกไฟล์ '
        f"หน้านี้จะโหลดใหม่โดยอัตโนมัติ (the build failed; this is the last good page)</strong><ul>{items}</ul></aside>"
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


class _Site:
    """The preview's state between the HTTP threads and the builder: the number of the last build
    (the epoch the reload script waits past) and the banner of its errors."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.epoch = 0
        self.banner = b""
        self.changed = threading.Condition()

    def built(self, banner: bytes) -> None:
        with self.changed:
            self.epoch += 1
            self.banner = banner
            self.changed.notify_all()

    def wait_past(self, epoch: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.epoch > epoch, timeout=timeout)
            return self.epoch


class _PreviewHTTP(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: _Site) -> None:
        self.site = site
        self.observer: BaseObserver | None = None
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    """Serves the built site under its own host names only, with the site's security headers;
    each page with the reload script (and the last build's errors)."""

    server: _PreviewHTTP

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the terminal shows the builds

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        bound_host, port = str(self.server.server_address[0]), int(self.server.server_address[1])
        if not host_allowed(self.headers.get("Host", ""), bound_host, port):
            text = b"This preview answers only to its own address (127.0.0.1 or localhost).\n"
            return self._send(421, "text/plain; charset=utf-8", text, body)
        address = urlsplit(self.path)
        query = parse_qs(address.query)
        if address.path == RELOAD_SCRIPT:
            return self._send(200, "text/javascript; charset=utf-8", _RELOAD_JS.encode(), body)
        if address.path == _WAIT:
            given = query.get("epoch", ["0"])[0]
            epoch = self.server.site.wait_past(int(given) if given.isdigit() else 0, _WAIT_S)
            return self._send(200, "application/json", json.dumps({"epoch": epoch}).encode(), body)
        site = self.server.site
        name = posixpath.normpath(unquote(address.path)).lstrip("/")
        if name.startswith("..") or name.split("/", 1)[0].startswith(".moinext"):
            return self._not_found(body)
        path = site.folder / name if name not in ("", ".") else site.folder
        if path.is_dir():
            if not address.path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", address.path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        try:
            data = path.read_bytes()
        except OSError:
            return self._not_found(body)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = self._with_reload(data)
        return self._send(200, kind + ("; charset=utf-8" if kind.startswith("text/") else ""), data, body)

    def _not_found(self, body: bool) -> None:
        page = self.server.site.folder / "404.html"
        data = self._with_reload(page.read_bytes()) if page.is_file() else b"not found\n"
        self._send(404, "text/html; charset=utf-8", data, body)

    def _with_reload(self, page: bytes) -> bytes:
        site = self.server.site
        end = page.rfind(b"</body>")
        end = len(page) if end < 0 else end
        tag = f'<script src="{RELOAD_SCRIPT}?epoch={site.epoch}"></script>'.encode()
        return page[:end] + site.banner + tag + page[end:]

    def _send(self, status: int, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for header, value in security_headers():
            self.send_header(header, value)
        self.end_headers()
        if body:
            self.wfile.write(data)


# How often the watched folders are scanned when they must be polled, in seconds: small, so an
# edit shows within a second.
POLL_INTERVAL = 0.1


# What starts a build: a file made, written, moved or removed. Not a file opened or read (watchdog
# reports those too): every build reads the write-ups, and
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
    """observer, handing the handlers scheduled on it only changes."""
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


class _Rebuild(FileSystemEventHandler):
    """Asks for a build on every change; the builder thread runs one build for a burst of them."""

    def __init__(self, wanted: threading.Event) -> None:
        super().__init__()
        self.wanted = wanted

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.wanted.set()


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
        self.site = _Site(self.site_dir)
        self.builds: list[pipeline.BuildResult] = []
        self.server = _PreviewHTTP((host, port), self.site)
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        watched = [p for p in (content_dir, theme_dir(), config_path or pipeline.DEFAULT_CONFIG) if p.exists()]
        # The system's own change notices (inotify on Linux): polling re-read every folder of
        # content/ ten times a second and saw a save only at the next scan. Polling stays where
        # notices are not available (some network and container file systems, or a content/
        # with more folders than the limit).
        handler = _Rebuild(self._wanted)
        observer: BaseObserver = _changes_only(Observer())
        try:
            for path in watched:
                observer.schedule(handler, str(path), recursive=True)
        except OSError:
            observer = _changes_only(PollingObserver(timeout=POLL_INTERVAL))
            for path in watched:
                observer.schedule(handler, str(path), recursive=True)
        self.server.observer = observer

    @property
    def url(self) -> str:
        host, port = str(self.server.server_address[0]), int(self.server.server_address[1])
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def rebuild(self) -> None:
        # An unchanged photo is a cache hit, and the output is swapped in only when complete, so a
        # failed rebuild leaves the last good site being served.
        result = pipeline.build(self.content_dir, self.config_path, self.site_dir, drafts=self.drafts)
        self.builds.append(result)
        self.site.built(b"" if result.ok else error_banner(result))
        self.report(result)

    def _builder(self) -> None:
        while not self._stopping.is_set():
            if not self._wanted.wait(timeout=0.5):
                continue
            # A save is often several events (written, closed, a temporary file renamed): one
            # build for the burst.
            self._stopping.wait(0.02)
            self._wanted.clear()
            if not self._stopping.is_set():
                self.rebuild()

    def serve_forever(self) -> None:
        """Build once, then serve and rebuild on changes until shutdown() (or Ctrl-C)."""
        self.rebuild()
        observer = self.server.observer
        assert observer is not None
        observer.start()
        builder = threading.Thread(target=self._builder, name="moinext-serve-builder", daemon=True)
        builder.start()
        try:
            self.server.serve_forever(poll_interval=0.2)
        finally:
            self._stopping.set()
            observer.stop()
            builder.join(timeout=60)
            observer.join(timeout=10)
            self.server.server_close()
            self.close()

    def shutdown(self) -> None:
        self._stopping.set()
        self.server.shutdown()

    def close(self) -> None:
        shutil.rmtree(self._work, ignore_errors=True)
