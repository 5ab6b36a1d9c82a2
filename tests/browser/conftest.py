"""Browser tests: Debian's Chromium driven by Playwright, against the example site on 127.0.0.1.

`make test` installs Debian's chromium and sets MOINEXT_REQUIRE_BROWSER=1, so there a missing
browser is a failure, not a skip. Playwright never downloads a browser here: it is pointed at
/usr/bin/chromium.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.site.policy import security_headers

CHROMIUM = os.environ.get("MOINEXT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as a web server configured from the site's policy would: every
    response carries the Content-Security-Policy and the other security headers."""

    def __init__(self, *args: Any, headers: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        self.site_headers = headers  # before the base class, which handles the request at once
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        for name, value in self.site_headers:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A page the browser leaves drops its connections mid-answer: not the site's fault, and
        # the traceback socketserver prints for it buried the suite's output.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_site(folder: Path, headers: Sequence[tuple[str, str]] | None = None) -> Iterator[str]:
    """The folder on 127.0.0.1 with the public site's security headers, or those given."""
    handler = functools.partial(
        _SiteHandler, directory=str(folder), headers=security_headers() if headers is None else headers
    )
    server = _SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(example_site: Path) -> Iterator[str]:
    with serve_site(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("MOINEXT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is required for the browser tests but {CHROMIUM} is missing")
        pytest.skip("Chromium is not installed (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@contextlib.contextmanager
def new_page(browser):
    """A page in a context of its own (no cookies, storage or cache from another), in Thai, with
    the script errors it raised in page.errors."""
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser):
    with new_page(browser) as page:
        yield page
