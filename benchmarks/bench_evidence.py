"""Evidence pack benchmark: time and size of the ministry-wide pack at 1,000 and 10,000 stories.

    .venv/bin/python benchmarks/bench_evidence.py [--sizes 1000,10000] [--runs 3] [--formats pdf,html,xlsx]
    .venv/bin/python benchmarks/bench_evidence.py --applicant ops --sizes 1000 --formats pdf

For each size it writes a synthetic content tree (benchmarks/synth.py, no photos), then makes the
ministry-wide pack in each format through the same functions `moinext evidence` calls, and prints
the median wall time of --runs (checking the write-ups included, as the command does), the file
size and, for the PDF, its pages.

With --applicant, every write-up is by one of the applicant's offices and dated in fiscal year
2569, the tests' sample submission (tests/fixtures/pmqa-sample) is its content/pmqa/, and the
site has an address: the pack has the submission, and a QR code for each story.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generator import evidence, pipeline
from generator.content.registry import validate_registry
from synth import EXAMPLE, ROOT, make_content


def make(content: Path, out: Path, fmt: str, cache: Path, config: Path | None, applicant: str | None) -> int:
    _, pack = pipeline.evidence(content, config, cache_dir=cache, applicant=applicant)
    assert pack is not None
    if fmt == "xlsx":
        evidence.to_xlsx(pack, out)
    else:
        fonts = evidence.pack_fonts(cache)
        if fmt == "html":
            out.write_text(evidence.to_html(pack, fonts), encoding="utf-8")
        else:
            evidence.to_pdf(pack, fonts, out, timeout=1800)
    return len(pack.stories)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="html,xlsx,pdf")
    parser.add_argument("--applicant", help="an applicant's pack (e.g. ops) with the sample submission")
    args = parser.parse_args()
    print(f"{'stories':>8} {'format':>6} {'median s':>9} {'MB':>8} {'pages':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            config = None
            if args.applicant:
                registry, _ = validate_registry(EXAMPLE / "offices.yml", EXAMPLE)
                assert registry is not None
                offices = sorted(o for o in registry.subtree(args.applicant) if o in registry.offices)
                content = make_content(root, size, offices=offices, years=(2569, 2569))
                shutil.copytree(ROOT / "tests" / "fixtures" / "pmqa-sample", content / "pmqa")
                config = root / "site_config.yml"
                config.write_text("site_url: https://moinext.example.go.th/\nappearance:\n  logo: logo.svg\n")
            else:
                content = make_content(root, size)
            for fmt in args.formats.split(","):
                out = root / f"pack.{fmt}"
                times = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    make(content, out, fmt, root / "cache", config, args.applicant)
                    times.append(time.perf_counter() - started)
                pages = ""
                if fmt == "pdf":
                    from pypdf import PdfReader

                    pages = str(len(PdfReader(out).pages))
                size_mb = out.stat().st_size / 1e6
                print(f"{size:>8} {fmt:>6} {statistics.median(times):>9.2f} {size_mb:>8.2f} {pages:>6}", flush=True)


if __name__ == "__main__":
    main()
