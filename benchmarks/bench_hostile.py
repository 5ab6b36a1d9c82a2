"""Hostile inputs: how long `check` and `build` take on each, and how much memory, and what they say.

    .venv/bin/python benchmarks/bench_hostile.py [--runs 3] [--only NAME]

Each input is committed as one write-up into a fresh content folder; `build` runs in a child
process so its peak memory (max RSS) is its own. Prints, per input, the outcome (the problem
codes, or "built"), the median wall time of --runs builds, and the peak memory; then the worst.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONT = "title: ทอผ้าไทย\ndate: 2024-06-22\nrer: extra\npmqa: [6.2]\nsummary: สรุปสั้น ๆ\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
LIMIT = 199_000  # just under the 200 KB limit of an index.md: the worst that is still read


def _fill(piece: str) -> str:
    return piece * (LIMIT // len(piece.encode()))


def _progressive_jpeg(repeats: int) -> bytes:
    """A progressive JPEG whose last scan is repeated: each scan is decoded over the whole picture."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2000, 2000), (200, 30, 30)).save(buffer, "JPEG", progressive=True)
    data = buffer.getvalue()
    last, end = data.rindex(b"\xff\xda"), data.rindex(b"\xff\xd9")
    return data[:end] + data[last:end] * repeats + data[end:]


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims width x height (a decompression bomb's header)."""
    import io
    import struct
    import zlib

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


PHOTO = "photos:\n  - file: p{ext}\n    alt: ภาพ\n"

# name -> (front-matter, body[, files beside index.md])
INPUTS: dict[str, tuple[str, str] | tuple[str, str, dict[str, bytes]]] = {
    "yaml alias bomb (467 B)": (BOMB, "x\n"),
    "yaml nested 50,000 deep (flow)": (FRONT + "extra: " + "[" * 50_000 + "\n", "x\n"),
    "yaml nested 1,000 deep (block)": (FRONT + "extra:\n" + "".join("  " * i + "y:\n" for i in range(1, 300)), "x\n"),
    "results: .inf": (FRONT + "results:\n  - indicator: a\n    before: 1\n    after: .inf\n", "x\n"),
    "title of 6 MB": (FRONT.replace("ทอผ้าไทย", "ก" * 2_000_000), "x\n"),
    "index.md of 40 MB": (FRONT, "ก" * 13_000_000),
    "backtick runs, 199 KB": (FRONT, "".join("`" * n + "x" for n in range(1, 630))),
    "'[' x 199 KB": (FRONT, _fill("[")),
    "'![' x 199 KB": (FRONT, _fill("![")),
    "'[a](' x 199 KB": (FRONT, _fill("[a](")),
    "'<a ' x 199 KB": (FRONT, _fill("<a ")),
    "'[^' x 199 KB": (FRONT, _fill("[^")),
    "list items x 199 KB": (FRONT, _fill("\n- ")),
    "nested lists 199 KB": (FRONT, "".join("  " * i + "- a\n" for i in range(440))),
    "'> ' x 199 KB": (FRONT, _fill("> ")),
    "'*a ' x 199 KB": (FRONT, _fill("*a ")),
    "'<!--' x 199 KB": (FRONT, _fill("<!--")),
    "table pipes 199 KB": (FRONT, "|a|b|\n|-|-|\n" + _fill("|x")),
    "admonition title of spaces": (FRONT, '!!! note "' + " " * 190_000 + "x\n"),
    "ordinary story, 199 KB of Thai": (FRONT, _fill("ประชาชนได้รับบริการรวดเร็วขึ้น ")),
    # Issue 25, second round.
    "marked section '<![' in HTML": (FRONT, "ย่อหน้า\n\n<div>\n<![x\n"),
    "'<div>' + '<a ' x 199 KB": (FRONT, "<div>\n" + _fill("<a ")),
    "'# a' headings x 199 KB": (FRONT, _fill("# a\n\n")),
    "'# ก' headings x 199 KB": (FRONT, _fill("# ก\n\n")),
    "control characters in a title": (FRONT.replace("ทอผ้าไทย", '"ทอผ้า\\x07\\e[31m\\0"'), "x\n"),
    "U+FFFE in a summary": (FRONT.replace("สรุปสั้น ๆ", '"สรุป\\uFFFE"'), "x\n"),
    "ESC in a body": (FRONT, "ข้อความ\x1b[2Jที่วางมา\n"),
    "results: 1e308": (FRONT + "results:\n  - indicator: a\n    before: 1\n    after: 1e308\n", "x\n"),
    "javascript: link": (FRONT, "[คลิก](javascript:alert(1))\n"),
    "progressive JPEG, 3,000 scans": (FRONT + PHOTO.format(ext=".jpg"), "x\n", {"p.jpg": _progressive_jpeg(3000)}),
    "PNG claiming 13,000 x 13,000": (FRONT + PHOTO.format(ext=".png"), "x\n", {"p.png": _png_claiming(13000, 13000)}),
}

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from generator import pipeline
    root = Path(sys.argv[1])
    started = time.perf_counter()
    result = pipeline.build(root / "content", root / "site_config.yml", root / "site")
    seconds = time.perf_counter() - started
    codes = sorted({p.code for p in result.problems if p.severity.value == "error"})
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "outcome": ", ".join(codes) or "built"}))
    """
)


def run_one(front: str, body: str, runs: int, files: dict[str, bytes]) -> tuple[str, float, float]:
    seconds, peaks, outcome = [], [], ""
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            content = root / "content"
            story = content / "th-50" / "a"
            story.mkdir(parents=True)
            (content / "offices.yml").write_text(
                "offices:\n  - id: th-50\n    name_th: จังหวัดเชียงใหม่\n    kind: province\n    province: TH-50\n",
                encoding="utf-8",
            )
            (root / "site_config.yml").write_text(f"cache_dir: {root / 'cache'}\n", encoding="utf-8")
            (story / "index.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
            for name, data in files.items():
                (story / name).write_bytes(data)
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(root)], capture_output=True, text=True, cwd=ROOT, timeout=900
            )
            if done.returncode != 0:
                return f"CRASHED: {done.stderr.strip().splitlines()[-1:]}", float("nan"), float("nan")
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            seconds.append(figures["seconds"])
            peaks.append(figures["rss_mb"])
            outcome = figures["outcome"]
    return outcome, statistics.median(seconds), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    print(f"{'input':<34} {'median s':>9} {'peak MB':>8}  outcome")
    rows = []
    for name, given in INPUTS.items():
        if args.only and args.only not in name:
            continue
        front, body, files = given if len(given) == 3 else (*given, {})
        outcome, seconds, peak = run_one(front, body, args.runs, files)
        rows.append((name, seconds, peak))
        print(f"{name:<34} {seconds:>9.2f} {peak:>8.0f}  {outcome}", flush=True)
    worst_time = max(rows, key=lambda row: row[1])
    worst_memory = max(rows, key=lambda row: row[2])
    print(f"\nworst time:   {worst_time[1]:.2f} s ({worst_time[0]})")
    print(f"worst memory: {worst_memory[2]:.0f} MB ({worst_memory[0]})")


if __name__ == "__main__":
    main()
