"""Speed benchmark (issues 12 and 24): full and incremental builds, the live preview, and a peer.

    .venv/bin/python benchmarks/bench_speed.py [--sizes 100,1000,10000] [--runs 3] [--no-peer]

For each size, on synthetic Thai stories (benchmarks/synth.py, about 600 words each with a
results table and tags), prints medians of --runs:
  cold      a first build: empty caches, no previous site (one run)
  full      every page rendered again, caches warm (`moinext build --full`)
  same      a rebuild with nothing changed
  edit      a rebuild after one story's body changed, in-process (saved a second after the
            previous build, as a person saves the next edit)
  cli edit  the same from the command line (`moinext build`: Python's start-up and imports included)
  cli title one story's title changed, then `moinext build` (its card is on listings, tag, office
            and framework pages, feeds and related stories: every page showing it is made again)
  serve     from saving a story (its body changed, as in edit) to the changed page being
            served by `moinext serve`
  title     the same after a story's title changed (its card is on listings, tag, office and
            framework pages, feeds and related stories: far more is rebuilt)
  peer      plain mkdocs + Material's blog plugin building the same stories as blog posts (warm)
  ratio     full / peer
  peak MB   the largest resident size of a `moinext build --full` process (Pagefind's included:
            it is a child process)
  story KB  median and largest story page, in kilobytes of HTML
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generator import pipeline  # noqa: E402
from synth import make_content  # noqa: E402

BIN = Path(sys.executable).parent
PAUSE_S = 1.0  # between one build and the next edit's (not timed)
# The command line as people run it: Python keeps the package's compiled bytecode. (Some machines,
# this one included, set PYTHONDONTWRITEBYTECODE, and every run compiled moinext again: 0.12 s.)
CLI_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median_of(runs: int, action: Callable[[], object], before: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        times.append(timed(action))
    return statistics.median(times)


class Project:
    def __init__(self, root: Path, size: int) -> None:
        self.root = root
        self.content = make_content(root, size)
        self.config = root / "site_config.yml"
        self.config.write_text(f"cache_dir: {root / 'cache'}\n", encoding="utf-8")
        self.out = root / "site"
        self.stories = sorted(self.content.glob("*/*/index.md"))
        self.edits = 0

    def build(self, *, full: bool = False) -> pipeline.BuildResult:
        result = pipeline.build(self.content, self.config, self.out, full=full)
        assert result.ok, result.problems[:3]
        return result

    def cli_build(self, *extra: str) -> None:
        command = [str(BIN / "moinext"), "build", "--content", str(self.content), "--config", str(self.config)]
        subprocess.run([*command, "--out", str(self.out), *extra], check=True, capture_output=True, env=CLI_ENV)

    def edit_one(self) -> Path:
        """Change one story's body (a typo fixed): only its page and its search document change.
        Saved PAUSE_S after the previous build, as a person saves the next edit (the replaced
        site's removal runs in the background meanwhile: see site/publish.py)."""
        time.sleep(PAUSE_S)
        self.edits += 1
        story = self.stories[len(self.stories) // 2]
        text = story.read_text(encoding="utf-8")
        text = re.sub(r"\n## ผล\n\n(?:แก้ไขครั้งที่ \d+ )?", f"\n## ผล\n\nแก้ไขครั้งที่ {self.edits} ", text, count=1)
        story.write_text(text, encoding="utf-8")
        return story

    def retitle_one(self) -> Path:
        """Change one story's title, PAUSE_S after the previous build."""
        time.sleep(PAUSE_S)
        self.edits += 1
        story = self.stories[len(self.stories) // 2 + 1]
        text = re.sub(
            r"(?m)^title: (?:ฉบับที่ \d+ )?", f"title: ฉบับที่ {self.edits} ", story.read_text(encoding="utf-8"), count=1
        )
        story.write_text(text, encoding="utf-8")
        return story


def wait_for_removals(folder: Path, timeout_s: float = 120) -> None:
    """Wait for the background removals of replaced sites (site/publish.py) to end, so the
    temporary folder can be removed."""
    deadline = time.monotonic() + timeout_s
    while any(folder.glob(".*.removing-*")) and time.monotonic() < deadline:
        time.sleep(0.1)


def peak_rss_mb(project: Project) -> float:
    """The largest resident size of a full build from the command line, Pagefind's process included
    (the maximum over the build process and its children, read by a wrapper process)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 0))"
    )
    command = [str(BIN / "moinext"), "build", "--content", str(project.content), "--config", str(project.config)]
    done = subprocess.run(
        [sys.executable, "-c", probe, *command, "--out", str(project.out), "--full"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip()) / 1024


def serve_delay(project: Project, runs: int, change: str = "body") -> float:
    """Median seconds from saving a story (its body or its title changed) to its changed page
    being served by the preview."""
    from generator.serve import PreviewServer

    server = PreviewServer(project.content, project.config, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        while not server.builds:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{server.server.server_address[1]}/"
        story = project.stories[len(project.stories) // 3]
        address = base + story.parent.relative_to(project.content).as_posix() + "/"
        while True:  # the first build is done: the server starts listening just after it
            try:
                with urllib.request.urlopen(address, timeout=600):
                    break
            except urllib.error.URLError:
                time.sleep(0.05)
        delays = []
        for run in range(runs):
            time.sleep(0.5)  # settle: the watcher sees one save, not the previous one
            marker = f"บันทึกครั้งที่ {run} {change} "
            text = story.read_text(encoding="utf-8")
            if change == "title":
                text = text.replace("title: ", f"title: {marker}", 1)
            else:
                text = re.sub(r"\n## ผล\n\n(?:บันทึกครั้งที่ \d+ \w+ )?", f"\n## ผล\n\n{marker}", text, count=1)
            started = time.monotonic()
            story.write_text(text, encoding="utf-8")
            while True:
                with urllib.request.urlopen(address, timeout=600) as response:
                    if marker in response.read().decode("utf-8"):
                        break
                time.sleep(0.01)
            delays.append(time.monotonic() - started)
        return statistics.median(delays)
    finally:
        server.shutdown()


def story_sizes_kb(site: Path, content: Path) -> tuple[float, float]:
    pages = (site / story.parent.relative_to(content) / "index.html" for story in content.glob("*/*/index.md"))
    sizes = [page.stat().st_size / 1024 for page in pages if page.is_file()]  # dated after today: unpublished
    return statistics.median(sizes), max(sizes)


def material_blog(root: Path, content: Path, runs: int) -> float:
    """Warm build time of the same stories as Material blog posts with plain mkdocs."""
    blog = root / "peer"
    posts = blog / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (blog / "docs" / "index.md").write_text("# หน้าแรก\n", encoding="utf-8")
    (blog / "docs" / "blog" / "index.md").write_text("# เรื่องเล่า\n", encoding="utf-8")
    for n, story in enumerate(sorted(content.glob("*/*/index.md"))):
        _, front, body = story.read_text(encoding="utf-8").split("---\n", 2)
        date = re.search(r"^date: (\S+)", front, re.M)
        title = re.search(r"^title: (.*)$", front, re.M)
        tags = re.search(r"^tags:\n((?:- .*\n)+)", front, re.M)
        assert date and title
        category = story.parent.parent.name
        header = f"---\ndate: {date.group(1)}\ncategories:\n  - {category}\n"
        if tags:
            header += "tags:\n" + "".join(f"  {line}\n" for line in tags.group(1).splitlines())
        (posts / f"post-{n:05d}.md").write_text(f"{header}---\n\n# {title.group(1)}\n\n{body}", encoding="utf-8")
    (blog / "mkdocs.yml").write_text(
        "site_name: MOI Next\ntheme:\n  name: material\n  language: th\n  font: false\n"
        "plugins:\n  - blog\n  - tags\n  - search\n",
        encoding="utf-8",
    )
    command = [str(BIN / "mkdocs"), "build", "--quiet", "--config-file", str(blog / "mkdocs.yml")]
    subprocess.run(command, check=True, capture_output=True)  # cold: fills Material's caches
    return median_of(runs, lambda: subprocess.run(command, check=True, capture_output=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true", help="skip the Material blog build")
    parser.add_argument("--peer-runs", type=int, help="warm runs of the peer (default: --runs; 343 s each at 10,000)")
    parser.add_argument(
        "--serve-max", type=int, default=1000, help="measure the live preview up to this many stories (0: never)"
    )
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; medians of {args.runs} runs; seconds unless stated", flush=True)
    head = ["stories", "cold", "full", "same", "edit", "cli edit", "cli title", "serve", "title", "peer", "ratio"]
    head += ["peak MB"]
    head += ["story KB"]
    print(" ".join(f"{h:>9}" for h in head), flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
            project = Project(Path(tmp), size)
            # Each figure is printed as soon as it is measured: a long run keeps what it measured.
            print(f"{size:>9}", end=" ", flush=True)

            def show(value: float, width: int = 9, digits: int = 2) -> None:
                print(f"{value:>{width}.{digits}f}", end=" ", flush=True)

            show(timed(project.build))
            full = median_of(args.runs, functools.partial(project.build, full=True))
            show(full)
            show(median_of(args.runs, project.build))
            show(median_of(args.runs, project.build, before=project.edit_one))
            show(median_of(args.runs, project.cli_build, before=project.edit_one))
            show(median_of(args.runs, project.cli_build, before=project.retitle_one))
            before = json.loads((project.out / ".moinext-build.json").read_text(encoding="utf-8"))
            again = project.build()  # after the command line's builds, nothing is left to render
            if again.pages_rendered:
                after = json.loads((project.out / ".moinext-build.json").read_text(encoding="utf-8"))
                differ = [u for u in after["pages"] if before["pages"].get(u) != after["pages"][u]]
                missing = [u for u in differ if u not in before["pages"]]
                print(f"\n!! {again.pages_rendered} pages rendered again: {differ[:5]} (new: {missing[:5]})")
            serves = size <= args.serve_max
            show(serve_delay(project, args.runs) if serves else float("nan"))
            show(serve_delay(project, args.runs, "title") if serves else float("nan"))
            peer = (
                float("nan") if args.no_peer else material_blog(Path(tmp), project.content, args.peer_runs or args.runs)
            )
            show(peer)
            show(full / peer)
            show(peak_rss_mb(project), digits=0)
            median_kb, largest_kb = story_sizes_kb(project.out, project.content)
            print(f"{median_kb:>4.0f}/{largest_kb:<4.0f}", flush=True)
            shutil.rmtree(project.out, ignore_errors=True)
            wait_for_removals(Path(tmp))
    print(f"(this process's own peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
