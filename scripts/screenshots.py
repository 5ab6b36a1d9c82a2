"""Screenshots of the example site on a phone-sized and a desktop-sized screen.

    .venv/bin/python scripts/screenshots.py [--out screenshots]

Builds the shipped example content into a temporary folder, serves it on 127.0.0.1 and writes
PNGs of every kind of page (PAGES), the search open and a story in the dark palette with
Debian's chromium. The PNGs are not committed: look at them, then delete them.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from generator import pipeline  # noqa: E402

# One page of every kind the site has (search and the dark palette are shot separately below).
PAGES = {
    "home": "",
    "story": "th-50/pha-thai-jomthong/",
    "story-results": "th-40/queue-registration/",
    "overview": "overview/",
    "office": "th-40/",
    "province-with-districts": "th-50/",
    "offices": "offices/",
    "archive": "stories/",
    "tag": "tags/otop/",
    "rer": "rer/routine/",
    "pmqa": "pmqa/",
    "pmqa-category": "pmqa/6/",
    "not-found": "404.html",  # what the web server answers for a missing page
}
SCREENS = {"phone": {"width": 390, "height": 844, "scale": 2}, "desktop": {"width": 1366, "height": 900, "scale": 1}}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--full-page", action="store_true", help="capture whole pages, not just the first screen")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = pipeline.build(ROOT / "content", ROOT / "site_config.yml", site)
        assert result.ok, result.problems
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for screen, size in SCREENS.items():
                context = browser.new_context(
                    viewport={"width": size["width"], "height": size["height"]},
                    device_scale_factor=size["scale"],
                    locale="th-TH",
                )
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = args.out / f"{name}-{screen}.png"
                    page.screenshot(path=str(target), full_page=args.full_page)
                    print(target)
                page.goto(base + "?q=ผ้าไทย")
                page.wait_for_selector(".moi-search .md-search-result__item")
                page.screenshot(path=str(args.out / f"search-{screen}.png"))
                print(args.out / f"search-{screen}.png")
                page.emulate_media(color_scheme="dark")  # the palette follows the reader's setting
                for name in ("story-results", "overview"):
                    page.goto(base + PAGES[name])
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(args.out / f"{name}-dark-{screen}.png"), full_page=args.full_page)
                    print(args.out / f"{name}-dark-{screen}.png")
                context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
