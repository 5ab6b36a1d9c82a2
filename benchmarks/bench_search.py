"""Search benchmark: index size and what a query costs in a real browser, at 1,000 and 10,000 stories.

    .venv/bin/python benchmarks/bench_search.py [--sizes 1000,10000] [--site DIR]

For each size it builds a synthetic site (benchmarks/synth.py), then prints: the search index's
bytes on disk per story; for each typical query, in a fresh Chromium context (empty cache), the
bytes the browser downloaded for searching (the search script with its engine, the normalisation
script, and every file of the index under /search/) and the time from the query being typed to the
first result on screen (the search box waits 120 ms after the last key before searching; that
wait is included). Bytes are counted twice: as this test server sends them (no HTTP compression),
and gzipped as any web server sends them (the site ships .gz copies; site/compress.py). "On open"
is what loads before the first query (the scripts, the list of parts and each part's index.json);
the rest is what that one query needed. The browser's CPU is throttled 4x (DevTools' CPU
throttling), as on a mid-range phone.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from generator import pipeline
from synth import make_content

# Whole words, then as readers type: half-typed, run together, a question, misspelt, absent.
QUERIES = [
    "ประชาชน",
    "ผ้าไทย",
    "สำนักงาน",
    "ใบอนุญาตก่อสร้าง",
    "เขต",
    "LINE",
    "ลดต้นทุน",
    "บัตรประชา",
    "ผ้าทอเชียงใหม่",
    "ทำบัตรประชาชนได้ที่ไหน",
    "ดิจิตอล",
    "ข้าวโพดหวาน",
]
CPU_SLOWDOWN = 4  # Chromium's CPU throttling: a mid-range phone
SCRIPTS = ("moinext-search.js", "moinext-normalise.js")  # the search and its engine


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure_queries(site: Path) -> list[tuple[str, int, float, int]]:
    from browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for query in QUERIES:
            context = browser.new_context()
            page = context.new_page()
            sizes: list[tuple[int, int]] = []  # (as sent, gzipped)

            def on_response(response, sizes=sizes):
                if "/search/" in response.url or response.url.endswith(SCRIPTS):
                    with contextlib.suppress(Exception):  # a response the browser dropped
                        body = response.body()
                        sizes.append((len(body), len(gzip.compress(body, 6))))

            page.on("response", on_response)
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            page.goto(url)
            page.focus(".moi-search input[name=q]")
            page.wait_for_timeout(4000)  # the list of parts loads on focus, before typing
            loaded = (sum(a for a, _ in sizes), sum(b for _, b in sizes))
            elapsed = page.evaluate(
                """async (query) => {
                    const input = document.querySelector('.moi-search input[name=q]');
                    const list = document.querySelector('.moi-search .md-search-result__list');
                    const meta = document.querySelector('.moi-search .md-search-result__meta');
                    const started = performance.now();
                    input.value = query;
                    input.dispatchEvent(new Event('input'));
                    while (!list.querySelector('li') && !/ไม่พบ/.test(meta.textContent)) {
                        await new Promise((r) => setTimeout(r, 5));
                    }
                    return performance.now() - started;
                }""",
                query,
            )
            page.wait_for_timeout(800)
            results = page.locator(".moi-search .md-search-result__item").count()
            total = (sum(a for a, _ in sizes), sum(b for _, b in sizes))
            rows.append((query, total, elapsed, results, loaded))
            context.close()
        browser.close()
    server.shutdown()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--site", type=Path, help="measure a site already built (from benchmarks/synth.py)")
    args = parser.parse_args()
    for size in [0] if args.site else [int(s) for s in args.sizes.split(",")]:
        root = Path(tempfile.mkdtemp(prefix="moinext-bench-"))
        site = args.site or root / "site"
        try:
            seconds = float("nan")
            if not args.site:
                content = make_content(root, size)
                started = time.perf_counter()
                result = pipeline.build(content, None, site, cache_dir=root / "cache")
                seconds = time.perf_counter() - started
                assert result.ok, result.problems[:3]
            size = size or len(json.loads((site / ".moinext-build.json").read_text(encoding="utf-8"))["stories"])
            index = site / "search"
            files = [p for p in index.rglob("*.json") if p.is_file()]  # not the .gz and .br copies
            on_disk = sum(p.stat().st_size for p in files)
            print(
                f"\n{size} stories: build {seconds:.1f} s; index {on_disk / 1e6:.1f} MB in {len(files)} files, "
                f"{on_disk / size / 1024:.2f} KB per story"
            )
            rows = measure_queries(site)
            print(
                f"  {'query':<18} {'KB as sent (gzip)':>18} {'on open (gzip)':>15} {'query only (gzip)':>18} "
                f"{'first result ms':>16} {'shown':>6}"
            )
            for query, total, elapsed, results, loaded in rows:
                only = (total[0] - loaded[0], total[1] - loaded[1])
                print(
                    f"  {query:<18} {total[0] / 1024:>9.0f} ({total[1] / 1024:>4.0f}) "
                    f"{loaded[0] / 1024:>7.0f} ({loaded[1] / 1024:>4.0f}) "
                    f"{only[0] / 1024:>10.0f} ({only[1] / 1024:>4.0f}) {elapsed:>16.0f} {results:>6}"
                )

            def med(values):
                return statistics.median(values) / 1024

            print(
                f"  median per query: {med(r[1][0] for r in rows):.0f} KB from an empty cache as sent here "
                f"({med(r[1][1] for r in rows):.0f} KB gzipped), of which "
                f"{med((r[1][0] - r[4][0]) for r in rows):.0f} KB for the query itself; "
                f"{statistics.median(r[2] for r in rows):.0f} ms to the first result"
            )
            print(
                f"  worst query: {max(r[1][1] for r in rows) / 1024:.0f} KB gzipped from an empty cache; "
                f"{max(r[2] for r in rows):.0f} ms to the first result"
            )
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
