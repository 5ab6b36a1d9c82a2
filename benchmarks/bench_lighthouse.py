"""Lighthouse mobile on the example site as the public gets it: served by Debian's nginx with the
configuration moinext writes, over HTTPS with HTTP/2 (how a ministry site is published) and over
plain HTTP/1.1 (the worst case: a new connection for each parallel request).

    .venv/bin/python benchmarks/bench_lighthouse.py [--runs 5] [--protocol h2|http1|both]

Needs Debian's chromium, nginx (with its brotli module) and openssl (`make browser` installs
them) and Node.js; installs Lighthouse (benchmarks/lighthouse/package.json) with npm the first
time. Builds the example site into a temporary folder, starts nginx on a free port (a self-signed
certificate for HTTPS), and runs Lighthouse's default mobile settings (a Moto G Power, 4x CPU
slowdown, simulated slow 4G) --runs times on home, a story with a lead photo and a search, then
prints the median of each figure. Lighthouse's own simulation makes a run's figures depend on the
order the real load happened in: quote medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

# nginx started as the browser tests and bench_search.py start it, with the site's configuration.
from browser.conftest import CHROMIUM  # noqa: E402
from browser.test_nginx import _nginx  # noqa: E402

from conftest import free_port  # noqa: E402
from generator.site import policy  # noqa: E402

LIGHTHOUSE_DIR = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
SEARCH_WORD = "น้ำท่วม"  # flood: in several example stories


def install_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=LIGHTHOUSE_DIR, check=True)


def a_story_with_a_lead_photo(site: Path) -> str:
    """The address of the first story page (in file order) that opens with a photo."""
    for page in sorted(site.glob("*/*/index.html")):
        if 'class="moi-story__lead"' in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    raise SystemExit("no story with a lead photo in the example site")


def build_example(out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--out", str(out), "--lang", "en"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def self_signed(folder: Path) -> tuple[str, str]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


def lighthouse(url: str, out: Path) -> dict[str, float]:
    flags = "--headless=new --no-sandbox --ignore-certificate-errors"
    categories = ",".join(key for _, key in CATEGORIES)
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--chrome-flags={flags}",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={categories}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise SystemExit(f"{url}: {report['runtimeError']['message']}")
    audits, categories = report["audits"], report["categories"]
    figures = {name: categories[key]["score"] * 100 for name, key in CATEGORIES}
    figures.update({name: audits[key]["numericValue"] for name, key in METRICS})
    return figures


CATEGORIES = (("perf", "performance"), ("a11y", "accessibility"), ("bp", "best-practices"), ("seo", "seo"))
METRICS = (
    ("LCP ms", "largest-contentful-paint"),
    ("FCP ms", "first-contentful-paint"),
    ("TBT ms", "total-blocking-time"),
    ("CLS", "cumulative-layout-shift"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--protocol", choices=("h2", "http1", "both"), default="both")
    args = parser.parse_args()
    install_lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = work / "site"
        build_example(site)
        pages = {
            "home": "",
            "story": a_story_with_a_lead_photo(site),
            "search": "?q=" + quote(SEARCH_WORD),
        }
        protocols = ("h2", "http1") if args.protocol == "both" else (args.protocol,)
        names = [name for name, _ in CATEGORIES] + [name for name, _ in METRICS]
        print(f"Lighthouse mobile, median of {args.runs} runs; story: /{pages['story']}")
        print(f"{'':16}" + "".join(f"{name:>9}" for name in names))
        for protocol in protocols:
            tls = self_signed(work) if protocol == "h2" else None
            port = free_port()
            prefix = work / f"nginx-{protocol}"
            prefix.mkdir()
            with _nginx(prefix, policy.nginx_server_config(str(site), f"127.0.0.1:{port}", tls=tls), port):
                for page, path in pages.items():
                    url = f"{'https' if tls else 'http'}://127.0.0.1:{port}/{path}"
                    runs = [lighthouse(url, work / f"{protocol}-{page}-{i}.json") for i in range(args.runs)]
                    medians = [statistics.median(run[name] for run in runs) for name in names]
                    cells = "".join(
                        f"{value:9.3f}" if name == "CLS" else f"{value:9.0f}"
                        for name, value in zip(names, medians, strict=True)
                    )
                    print(f"{protocol + ' ' + page:16}{cells}")
                    lcps = ", ".join(f"{run['LCP ms']:.0f}" for run in runs)
                    print(f"{'':16}  LCP of each run: {lcps}")


if __name__ == "__main__":
    main()
