"""Build benchmark: check and build time of generated sites of several sizes.

    .venv/bin/python benchmarks/bench_build.py [--sizes 100,1000] [--runs 3]

Prints the median of --runs builds per size (warm photo cache; no photos in the synthetic stories)
and the time per story, so the growth with the number of stories can be read off.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generator import pipeline
from synth import make_content


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'stories':>8} {'check s':>9} {'build s':>9} {'ms/story':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            content = make_content(root, size)
            checks, builds = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                assert pipeline.check(content).ok
                checks.append(time.perf_counter() - started)
                started = time.perf_counter()
                result = pipeline.build(content, None, root / "site", cache_dir=root / "cache")
                builds.append(time.perf_counter() - started)
                assert result.ok, result.problems[:3]
            check_s, build_s = statistics.median(checks), statistics.median(builds)
            print(f"{size:>8} {check_s:>9.2f} {build_s:>9.2f} {build_s / size * 1000:>9.2f}", flush=True)


if __name__ == "__main__":
    main()
