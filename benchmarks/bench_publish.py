"""Publishing benchmark (issues 14 and 26): what a first publish and a one-story change cost.

    .venv/bin/python benchmarks/bench_publish.py [--stories 1000] [--photos 1] [--runs 3] [--server juicefs|moto]

Builds a synthetic site (benchmarks/synth.py), publishes it to an S3-compatible server on
localhost (JuiceFS's gateway, built on MinIO's, by default; or moto's server) with the real boto3
client over HTTP, and to a folder with rsync, then --runs times changes one story's body,
rebuilds and publishes again. Prints, per target: the first publish (files, MB, seconds, HTTP
requests) and the medians of the one-story publishes (files written, deleted, MB, seconds,
requests).
"""

from __future__ import annotations

import argparse
import contextlib
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
sys.path.insert(0, str(ROOT / "tests"))

from gateway import BUCKET, CREDENTIALS, juicefs_gateway  # noqa: E402

from generator import pipeline, publishing  # noqa: E402
from synth import make_content  # noqa: E402

REQUESTS = [0]  # HTTP requests sent to the S3 server, counted by botocore's before-send event


def _count_request(**_: object) -> None:
    REQUESTS[0] += 1


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
    parser.add_argument("--server", choices=("juicefs", "moto"), default="juicefs")
    args = parser.parse_args()
    import logging

    import boto3

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from generator.release import s3

    make_client = s3.make_client

    def counted_client(target: s3.S3Target) -> s3.S3Client:
        client = make_client(target)
        client.meta.events.register("before-send.s3", _count_request)
        return client

    s3.make_client = counted_client  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as server_dir, contextlib.ExitStack() as stack:
        if args.server == "juicefs":
            os.environ.update(CREDENTIALS)
            endpoint, bucket = stack.enter_context(juicefs_gateway(Path(server_dir))), BUCKET
        else:
            os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"})
            endpoint, bucket = s3_server(), "bench-site"
            boto3.session.Session().client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(
                Bucket=bucket
            )
        run(args, endpoint, bucket)


def run(args: argparse.Namespace, endpoint: str, bucket: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        content = make_content(root, args.stories, photos=args.photos)
        config = root / "site_config.yml"
        config.write_text(
            f"cache_dir: {root / 'cache'}\npublish:\n  targets:\n"
            f"    bucket:\n      kind: s3\n      bucket: {bucket}\n      endpoint_url: {endpoint}\n"
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
        print(f"{'target':>8} {'step':>12} {'written':>8} {'deleted':>8} {'MB':>8} {'seconds':>8} {'requests':>9}")
        stories = sorted(content.glob("*/*/index.md"))
        first: dict[str, publishing.PublishResult] = {}
        for target in ("bucket", "folder"):
            REQUESTS[0] = 0
            first[target] = publishing.publish(out, config, target)
            report = first[target].report
            assert report, first[target].problems
            requests = f"{REQUESTS[0]:>9}" if target == "bucket" else f"{'-':>9}"
            print(
                f"{target:>8} {'first':>12} {len(report.uploaded):>8} {len(report.deleted):>8} "
                f"{report.bytes_sent / 1e6:>8.1f} {report.seconds:>8.2f} {requests}",
                flush=True,
            )
        results: dict[str, list[tuple[int, int, float, float, int]]] = {"bucket": [], "folder": []}
        for run in range(args.runs):
            story = stories[len(stories) // 2]
            text = story.read_text(encoding="utf-8")
            story.write_text(re.sub(r"\n## ผล\n\n", f"\n## ผล\n\nแก้ไขครั้งที่ {run} ", text, count=1), encoding="utf-8")
            assert pipeline.build(content, config, out).ok
            for target in ("bucket", "folder"):
                REQUESTS[0] = 0
                report = publishing.publish(out, config, target).report
                assert report
                row = (len(report.uploaded), len(report.deleted), report.bytes_sent, report.seconds, REQUESTS[0])
                results[target].append(row)
        for target, rows in results.items():
            written, deleted, sent, seconds, asked = (statistics.median(column) for column in zip(*rows, strict=True))
            requests = f"{asked:>9.0f}" if target == "bucket" else f"{'-':>9}"
            print(
                f"{target:>8} {'one story':>12} {written:>8.0f} {deleted:>8.0f} {sent / 1e6:>8.2f} {seconds:>8.2f} "
                f"{requests}"
            )


if __name__ == "__main__":
    main()
