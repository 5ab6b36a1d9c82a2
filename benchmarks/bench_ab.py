"""A/B of the rebuild times of two commits, run alternately so that a noisy machine hits both.

    .venv/bin/python benchmarks/bench_ab.py BASE [--size 1000] [--rounds 2] [--edits 5] [--fulls 3] [--pause 1]

Checks BASE (a commit, e.g. HEAD~1) out into a temporary git worktree and, for each round, runs
both trees in turn: each builds --size synthetic stories twice, then --edits times changes one
story and rebuilds (--pause seconds after the previous build, as a person saves the next edit: the
replaced site's removal runs in the background meanwhile), and rebuilds with nothing changed,
then makes --fulls full builds (every page
rendered again, caches warm). Prints the median one-edit, unchanged and full build of every run,
and the ratio of the medians (this tree / BASE).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside one tree: imports that tree's generator and benchmarks.
RUN = """
import statistics, sys, tempfile, time
from pathlib import Path
sys.path[:0] = [sys.argv[1] + "/benchmarks", sys.argv[1]]
from bench_speed import Project
project = Project(Path(tempfile.mkdtemp()), int(sys.argv[2]))
project.build(); project.build()
edits, same = [], []
for _ in range(int(sys.argv[3])):
    project.edit_one()
    time.sleep(float(sys.argv[5]))  # a person saves the next edit a moment after the last build
    started = time.perf_counter(); project.build(); edits.append(time.perf_counter() - started)
    started = time.perf_counter(); project.build(); same.append(time.perf_counter() - started)
fulls = []
for _ in range(int(sys.argv[4])):
    started = time.perf_counter(); project.build(full=True); fulls.append(time.perf_counter() - started)
print(statistics.median(edits), statistics.median(same), statistics.median(fulls) if fulls else 0.0)
"""


def run(tree: Path, size: int, edits: int, fulls: int, pause: float) -> tuple[float, float, float]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(tree), str(size), str(edits), str(fulls), str(pause)],
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    )
    edit, same, full = done.stdout.split()
    return float(edit), float(same), float(full)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--fulls", type=int, default=3)
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between an edit's build and the next")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), args.base], cwd=ROOT, check=True)
        try:
            times: dict[str, list[tuple[float, float, float]]] = {"base": [], "this": []}
            for _ in range(args.rounds):
                for name, tree in (("base", base), ("this", ROOT)):
                    edit, same, full = run(tree, args.size, args.edits, args.fulls, args.pause)
                    times[name].append((edit, same, full))
                    print(f"{name:5} one edit {edit:.3f} s   unchanged {same:.3f} s   full {full:.3f} s", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=True)
    for column, label in ((0, "one edit"), (1, "unchanged"), (2, "full")):
        before = statistics.median(t[column] for t in times["base"])
        after = statistics.median(t[column] for t in times["this"])
        print(f"{label}: {args.base} {before:.2f} s, this tree {after:.2f} s, ratio {after / before:.2f}")


if __name__ == "__main__":
    main()
