"""Evidence pack benchmark: time and size of the ministry-wide pack at 1,000 and 10,000 stories.

    .venv/bin/python benchmarks/bench_evidence.py [--sizes 1000,10000] [--runs 3] [--formats pdf,html,xlsx]

For each size it writes a synthetic content tree (benchmarks/synth.py, no photos), then makes the
ministry-wide pack in each format through the same functions `moinext evidence` calls, and prints
the median wall time of --runs (checking the write-ups included, as the command does), the file
size and, for the PDF, its pages.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generator import evidence, pipeline
from synth import make_content


def make(content: Path, out: Path, fmt: str, cache: Path) -> int:
    _, pack = pipeline.evidence(content, None, cache_dir=cache)
    assert pack is not None
    if fmt == "xlsx":
        evidence.to_xlsx(pack, out)
    else:
        page = evidence.to_html(pack, evidence.pack_fonts(cache))
        if fmt == "html":
            out.write_text(page, encoding="utf-8")
        else:
            evidence.to_pdf(page, out, timeout=1800)
    return len(pack.stories)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="html,xlsx,pdf")
    args = parser.parse_args()
    print(f"{'stories':>8} {'format':>6} {'median s':>9} {'MB':>8} {'pages':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            content = make_content(root, size)
            for fmt in args.formats.split(","):
                out = root / f"pack.{fmt}"
                times = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    make(content, out, fmt, root / "cache")
                    times.append(time.perf_counter() - started)
                pages = ""
                if fmt == "pdf":
                    from pypdf import PdfReader

                    pages = str(len(PdfReader(out).pages))
                size_mb = out.stat().st_size / 1e6
                print(f"{size:>8} {fmt:>6} {statistics.median(times):>9.2f} {size_mb:>8.2f} {pages:>6}", flush=True)


if __name__ == "__main__":
    main()
