"""`moinext serve`: a live preview on 127.0.0.1 that rebuilds on every change and reloads the page.

It uses mkdocs' own live-reload server (it injects the reload script and long-polls) around the
whole moinext build, so the preview is exactly what `build` would publish. A build that fails
prints its problems and keeps the last good site on screen.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from . import pipeline
from .site.render import theme_dir

# How often the watched folders are scanned, in seconds: small, so an edit shows within a second.
POLL_INTERVAL = 0.1


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
        self.server = LiveReloadServer(
            builder=self.rebuild, host=host, port=port, root=str(self.site_dir), polling_interval=POLL_INTERVAL
        )
        self.server.build_delay = 0.02
        self.server.error_handler = self._error_page
        for path in (content_dir, theme_dir(), config_path or pipeline.DEFAULT_CONFIG):
            if path.exists():
                self.server.watch(str(path))

    @property
    def url(self) -> str:
        return self.server.url

    def rebuild(self) -> None:
        # An unchanged photo is a cache hit, and the output is swapped in only when complete, so a
        # failed rebuild leaves the last good site being served.
        result = pipeline.build(self.content_dir, self.config_path, self.site_dir, drafts=self.drafts)
        self.builds.append(result)
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
