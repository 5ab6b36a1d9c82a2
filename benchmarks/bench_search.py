"""Search benchmark: index size and what a query costs in a real browser, at 1,000 and 10,000 stories.

    .venv/bin/python benchmarks/bench_search.py [--sizes 1000,10000] [--site DIR] [--repeat 3] [--queries q1,q2]

For each size it builds a synthetic site (benchmarks/synth.py) and serves it with its own nginx
configuration (Python's file server where nginx is not installed), then prints: the search index's
bytes on disk per story; for each typical query, in a fresh Chromium context (empty cache), the
bytes the browser downloaded for searching (the search script with its engine, the normalisation
script, and every file of the index under /search/) and the time to the query's results on
screen, twice, each from an empty cache: with the whole query pasted at once (every file it needs
is fetched at once, the worst case), and from the last key with the query typed as a phone typist
types it (a key every 250 ms; the files of the words before are fetched while typing). The
search box shows a query's results 60 ms after the last key (a pause in typing); that wait is
included. Bytes are counted twice: uncompressed, and gzipped as any web server sends them (the
site ships .gz copies; site/compress.py). "On open" is what loads before the first query (the
scripts, the list of parts and each part's index.json); the rest is what that one query needed.
The browser's CPU is throttled 4x (DevTools' CPU throttling), as on a mid-range phone. Each time
is the median of --repeat runs, each from an empty cache.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from generator import pipeline
from generator.site import policy
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
    "salt",  # an English word for a Thai noun (thai/english.py)
]
CPU_SLOWDOWN = 4  # Chromium's CPU throttling: a mid-range phone
SCRIPTS = ("moinext-search.js", "moinext-normalise.js")  # the search and its engine


@contextlib.contextmanager
def serving(site: Path) -> Iterator[tuple[str, str]]:
    """(the site's address, what serves it): the site's own nginx configuration
    (generator/site/policy.py) where nginx is installed, as the site is served in production;
    otherwise the browser tests' file server (serve_site), slower per request than nginx (a query
    fetches thirty-odd small files), which then weighs on the times."""
    from browser.conftest import serve_site
    from browser.test_nginx import BROTLI_MODULE, NGINX, _nginx

    from conftest import free_port

    if Path(NGINX).exists():
        port = free_port()
        with tempfile.TemporaryDirectory(prefix="moinext-bench-nginx-") as prefix:
            config = policy.nginx_server_config(str(site.resolve()), f"127.0.0.1:{port}", brotli=BROTLI_MODULE.exists())
            with _nginx(Path(prefix), config, port):
                yield f"http://127.0.0.1:{port}/", "nginx with the site's configuration"
        return
    with serve_site(site) as url:
        yield url, "Python's file server (nginx is not installed)"


Row = tuple[str, tuple[int, int], float, float, int, tuple[int, int]]


def measure_queries(site: Path, queries: list[str], repeats: int) -> list[Row]:
    from playwright.sync_api import sync_playwright

    with serving(site) as (url, server), sync_playwright() as playwright:
        print(f"  served by {server}")
        return _measure(playwright, url, queries, repeats)


# A phone typist's pace: one key (one Thai letter, vowel or tone mark) every 250 ms.
KEY_INTERVAL_MS = 250
REPEATS = 3  # each time a median of this many (--repeat): the machines are noisy
# Until the list shows this query's results (or says none): the search sets shownQuery then.
_SHOWN = """async ([query, typed, interval]) => {
    const root = document.querySelector('.moi-search');
    const input = root.querySelector('input[name=q]');
    const keys = typed ? Array.from(query) : [query];
    let started = 0;
    for (let i = 0; i < keys.length; i++) {
        if (i) await new Promise((r) => setTimeout(r, interval));
        started = performance.now();
        input.value = typed ? keys.slice(0, i + 1).join('') : query;
        input.dispatchEvent(new Event('input'));
    }
    while (root.dataset.shownQuery !== query.trim()) await new Promise((r) => setTimeout(r, 5));
    return performance.now() - started;
}"""


def _measure(playwright: Any, url: str, queries: list[str], repeats: int) -> list[Row]:
    """Per query, each time in a fresh browser context (an empty cache): (query, bytes downloaded
    as sent and gzipped, the median ms from the whole query pasted to its results, the median ms
    from the last key typed to its results, results shown, bytes loaded on opening the search)."""
    from browser.conftest import CHROMIUM, CHROMIUM_ARGS

    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    rows = []
    for query in queries:
        timings: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(repeats):
            for typed in (False, True):
                context = browser.new_context()
                page = context.new_page()
                sizes: list[tuple[int, int]] = []  # (as sent, gzipped)

                def on_response(response: Any, sizes: list[tuple[int, int]] = sizes) -> None:
                    if "/search/" in response.url or response.url.endswith(SCRIPTS):
                        with contextlib.suppress(Exception):  # a response the browser dropped
                            body = response.body()
                            sizes.append((len(body), len(gzip.compress(body, 6))))

                page.on("response", on_response)
                context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                page.goto(url)
                page.focus(".moi-search input[name=q]")
                page.wait_for_load_state("networkidle")  # the list of parts loads on focus, before typing
                opened = (sum(a for a, _ in sizes), sum(b for _, b in sizes))
                timings[typed].append(page.evaluate(_SHOWN, [query, typed, KEY_INTERVAL_MS]))
                if not typed:
                    page.wait_for_timeout(800)
                    results = page.locator(".moi-search .md-search-result__item").count()
                    total = (sum(a for a, _ in sizes), sum(b for _, b in sizes))
                    loaded = opened
                context.close()
        rows.append(
            (query, total, statistics.median(timings[False]), statistics.median(timings[True]), results, loaded)
        )
    browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--site", type=Path, help="measure a site already built (from benchmarks/synth.py)")
    parser.add_argument("--repeat", type=int, default=REPEATS, help="runs of each query, of which the median")
    parser.add_argument("--queries", help="comma-separated queries instead of the typical ones")
    args = parser.parse_args()
    queries = args.queries.split(",") if args.queries else QUERIES
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
            rows = measure_queries(site, queries, args.repeat)
            print(
                f"  {'query':<18} {'KB as sent (gzip)':>18} {'on open (gzip)':>15} {'query only (gzip)':>18} "
                f"{'pasted ms':>10} {'typed ms':>9} {'shown':>6}"
            )
            for query, total, pasted, typed, results, loaded in rows:
                only = (total[0] - loaded[0], total[1] - loaded[1])
                print(
                    f"  {query:<18} {total[0] / 1024:>9.0f} ({total[1] / 1024:>4.0f}) "
                    f"{loaded[0] / 1024:>7.0f} ({loaded[1] / 1024:>4.0f}) "
                    f"{only[0] / 1024:>10.0f} ({only[1] / 1024:>4.0f}) {pasted:>10.0f} {typed:>9.0f} {results:>6}"
                )

            def med(values: Iterator[float]) -> float:
                return statistics.median(values) / 1024

            print(
                f"  median per query: {med(r[1][0] for r in rows):.0f} KB from an empty cache uncompressed "
                f"({med(r[1][1] for r in rows):.0f} KB gzipped), of which "
                f"{med((r[1][0] - r[5][0]) for r in rows):.0f} KB for the query itself; to its results "
                f"{statistics.median(r[2] for r in rows):.0f} ms pasted, "
                f"{statistics.median(r[3] for r in rows):.0f} ms after the last key typed"
            )
            print(
                f"  worst query: {max(r[1][1] for r in rows) / 1024:.0f} KB gzipped from an empty cache; "
                f"{max(r[2] for r in rows):.0f} ms pasted, {max(r[3] for r in rows):.0f} ms after the last key typed"
            )
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
