"""Publishing benchmark (issue 14): what a one-story change costs to put online.

    .venv/bin/python benchmarks/bench_publish.py [--stories 1000] [--photos 1] [--runs 3]

Builds a synthetic site (benchmarks/synth.py), publishes it to an S3 server on localhost (moto's
server, the real boto3 client over HTTP) and to a folder with rsync, then --runs times changes
one story's body, rebuilds and publishes again. Prints, per target: the first publish (files,
MB, seconds) and the medians of the one-story publishes (files written, deleted, MB, seconds).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generator import pipeline  # noqa: E402
from synth import make_content  # noqa: E402


def s3_server() -> str:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    server = make_server(
        "127.0.0.1",
        0,
        DomainDispatcherApplication(create_backend_app),
        threaded=True,
        request_handler=MotoRequestHandler,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=1, help="photos per story")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"})
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    endpoint = s3_server()
    import boto3

    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket="bench-site")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        content = make_content(root, args.stories, photos=args.photos)
        config = root / "site_config.yml"
        config.write_text(
            f"cache_dir: {root / 'cache'}\npublish:\n  targets:\n"
            f"    bucket:\n      kind: s3\n      bucket: bench-site\n      endpoint_url: {endpoint}\n"
            f"    folder:\n      kind: rsync\n      destination: {root / 'www'}\n",
            encoding="utf-8",
        )
        out = root / "site"
        result = pipeline.build(content, config, out)
        assert result.ok, result.problems[:3]
        files = sum(1 for p in out.rglob("*") if p.is_file())
        print(
            f"{args.stories} stories, {args.photos} photo(s) each: {files} files in the built site "
            f"(built in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        print(f"{'target':>8} {'step':>12} {'written':>8} {'deleted':>8} {'MB':>8} {'seconds':>8}")
        stories = sorted(content.glob("*/*/index.md"))
        first: dict[str, pipeline.PublishResult] = {}
        for target in ("bucket", "folder"):
            first[target] = pipeline.publish(out, config, target)
            report = first[target].report
            assert report, first[target].problems
            print(
                f"{target:>8} {'first':>12} {len(report.uploaded):>8} {len(report.deleted):>8} "
                f"{report.bytes_sent / 1e6:>8.1f} {report.seconds:>8.2f}",
                flush=True,
            )
        results: dict[str, list[tuple[int, int, float, float]]] = {"bucket": [], "folder": []}
        for run in range(args.runs):
            story = stories[len(stories) // 2]
            text = story.read_text(encoding="utf-8")
            story.write_text(re.sub(r"\n## ผล\n\n", f"\n## ผล\n\nแก้ไขครั้งที่ {run} ", text, count=1), encoding="utf-8")
            assert pipeline.build(content, config, out).ok
            for target in ("bucket", "folder"):
                report = pipeline.publish(out, config, target).report
                assert report
                results[target].append((len(report.uploaded), len(report.deleted), report.bytes_sent, report.seconds))
        for target, rows in results.items():
            written, deleted, sent, seconds = (statistics.median(column) for column in zip(*rows, strict=True))
            print(f"{target:>8} {'one story':>12} {written:>8.0f} {deleted:>8.0f} {sent / 1e6:>8.2f} {seconds:>8.2f}")


if __name__ == "__main__":
    main()
