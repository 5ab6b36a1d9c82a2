"""Live preview benchmark: seconds from saving a write-up to the changed page being served.

    .venv/bin/python benchmarks/bench_serve.py [--runs 5]

Runs `moinext serve`'s PreviewServer on a copy of the example content, edits one write-up's title
--runs times and prints each delay and the median (polling interval and build included).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.serve import PreviewServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", content)
        config = Path(tmp) / "site_config.yml"
        config.write_text(
            (ROOT / "site_config.yml").read_text(encoding="utf-8") + f"cache_dir: {tmp}/cache\n", encoding="utf-8"
        )
        server = PreviewServer(content, config, port=0)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        while not server.builds:
            time.sleep(0.05)
        time.sleep(0.5)
        base = f"http://127.0.0.1:{server.server.server_address[1]}/"
        story = content / "th-50" / "pha-thai-jomthong" / "index.md"
        delays = []
        for run in range(args.runs):
            marker = f"แก้ไขครั้งที่ {run}"
            text = story.read_text(encoding="utf-8").replace("title: ", f"title: {marker} ", 1)
            started = time.monotonic()
            story.write_text(text, encoding="utf-8")
            while True:
                with urllib.request.urlopen(base + "th-50/pha-thai-jomthong/", timeout=5) as response:
                    if marker in response.read().decode("utf-8"):
                        break
                time.sleep(0.02)
            delays.append(time.monotonic() - started)
            print(f"edit {run + 1}: visible after {delays[-1]:.2f} s (build {server.builds[-1].seconds:.2f} s)")
        print(f"median: {statistics.median(delays):.2f} s from save to the changed page being served")
        server.shutdown()


if __name__ == "__main__":
    main()
