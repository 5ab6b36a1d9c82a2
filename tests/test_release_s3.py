"""Publishing to S3 for real: moto's S3 server on localhost, the real boto3 client, `moinext
publish` and `rollback` as the PR team runs them.

The server is moto's own WSGI application behind a thin recorder, which notes every request in
order and can hold one back (so a publish can be killed at a chosen point, with SIGKILL).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from werkzeug.serving import make_server

from conftest import PUBLISHING_STORIES, copy_example
from generator import pipeline, publishing
from generator.release import s3 as s3_release
from generator.release.files import publish_phase
from generator.site import policy

BUCKET = "moinext-site"
TODAY = dt.date(2026, 11, 24)
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}

# Whole sites published several times: make test-fast leaves these to make test.
pytestmark = pytest.mark.slow


class Recorder:
    """WSGI middleware: records (method, key) of every request; may hold one back."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.log: list[tuple[str, str]] = []
        self.hold: Callable[[str, str], bool] | None = None
        self.held = threading.Event()
        self.release = threading.Event()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        method = environ["REQUEST_METHOD"]
        key = environ.get("PATH_INFO", "").split(f"/{BUCKET}/", 1)[-1]
        if "copy_source" not in environ and environ.get("HTTP_X_AMZ_COPY_SOURCE"):
            method = "COPY"
        self.log.append((method, key))
        if self.hold is not None and self.hold(method, key):
            self.hold = None
            self.held.set()
            self.release.wait(timeout=60)
        return self.app(environ, start_response)


@pytest.fixture(scope="module")
def s3_server() -> Iterator[tuple[str, Recorder]]:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app

    recorder = Recorder(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", 0, recorder, threaded=True, request_handler=MotoRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", recorder
    recorder.release.set()
    server.shutdown()


@pytest.fixture
def project(tmp_path: Path, s3_server: tuple[str, Recorder], monkeypatch: pytest.MonkeyPatch) -> Project:
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    # One publisher per test here: the lock's settling wait (against two publishes writing it at
    # the same moment) is shortened; the tests of publishes at once run the command with its own.
    monkeypatch.setattr(s3_release, "LOCK_SETTLE_S", 0.05)
    endpoint, recorder = s3_server
    return Project(tmp_path, endpoint, recorder)


class Project:
    def __init__(self, root: Path, endpoint: str, recorder: Recorder) -> None:
        self.root = root
        prefix = f"t{abs(hash(root)) % 10**8}/"  # each test its own folder of the bucket
        self.prefix = prefix
        self.content, self.config = copy_example(
            root,
            "site_url: https://moinext.example.go.th/\n"
            f"publish:\n  keep_releases: 3\n  targets:\n    production:\n      kind: s3\n      bucket: {BUCKET}\n"
            f"      prefix: {prefix}\n      endpoint_url: {endpoint}\n",
            stories=PUBLISHING_STORIES,
        )
        self.out = root / "site"
        self.recorder = recorder
        # A session of its own with the keys named: boto3.client() signs with the default
        # session's, kept from the first test of the run that made one (moto's "testing" keys:
        # the gateway answered InvalidAccessKeyId when the suite ran whole).
        self.client = boto3.session.Session(
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name="us-east-1",
        ).client("s3", endpoint_url=endpoint)
        with contextlib.suppress(self.client.exceptions.BucketAlreadyOwnedByYou):
            self.client.create_bucket(Bucket=BUCKET)
        self.builds = 0
        self.read: dict[tuple[str, str], bytes] = {}  # (key, ETag) -> the object as served

    def build(self) -> dict[str, bytes]:
        """Build, keep a copy of the built site, and return what it publishes."""
        result = pipeline.build(self.content, self.config, self.out, today=TODAY)
        assert result.ok, result.problems[:3]
        self.builds += 1
        shutil.copytree(self.out, self.root / f"built-{self.builds}")
        return published_files(self.out)

    def live(self) -> dict[str, bytes]:
        """Every object of the live site (the bucket folder without moinext's own records)."""
        found = {}
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=self.prefix):
            for item in page.get("Contents", []):
                path = item["Key"][len(self.prefix) :]
                if not path.startswith(".moinext/"):
                    found[path] = self.as_served(item["Key"], item["ETag"])
        return found

    def as_served(self, key: str, etag: str) -> bytes:
        """The object as a browser reads it, read again only when its ETag (moto's is the MD5 of
        its bytes) is not the one it had when this test last read it: a test reads a site of
        hundreds of objects several times, through moto at about 8 ms each, and a publish changes
        few of them. (Not in test_release_gateway.py: JuiceFS's gateway kept an object's ETag
        when a publish replaced its bytes, and the tests there failed.)"""
        if (key, etag) not in self.read:
            self.read[(key, etag)] = served(self.client.get_object(Bucket=BUCKET, Key=key))
        return self.read[(key, etag)]

    def publish(self, *, dry_run: bool = False) -> publishing.PublishResult:
        self.recorder.log.clear()
        result = publishing.publish(self.out, self.config, dry_run=dry_run)
        assert result.ok, [p.message() for p in result.problems]
        return result

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.content / path
        file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    def cli(self, *args: str) -> subprocess.Popen[str]:
        """`moinext <args>` in a process of its own, to be killed, with the lock's settling wait
        shortened as in this process (one publisher at a time here)."""
        script = (
            "import sys\nfrom generator.release import s3\nfrom generator.cli import run\n"
            f"s3.LOCK_SETTLE_S = {s3_release.LOCK_SETTLE_S!r}\nsys.argv[0] = 'moinext'\nrun()\n"
        )
        command = [sys.executable, "-c", script, *args, "--config", str(self.config)]
        return subprocess.Popen(command, env={**os.environ, **CREDENTIALS}, text=True, stdout=subprocess.PIPE)


def served(answer: Any) -> bytes:
    """An object's bytes as a browser reads them: text files are stored gzip-compressed, with
    Content-Encoding: gzip (moto keeps the header, as Amazon S3 and MinIO do)."""
    body = bytes(answer["Body"].read())
    return gzip.decompress(body) if answer.get("ContentEncoding") == "gzip" else body


def published_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file()
        and not p.relative_to(site).as_posix().startswith(".")
        and p.suffix not in (".gz", ".br")
        and p.relative_to(site).as_posix() != "_headers"  # for hosts that deploy the folder themselves
    }


STORY = "th-50/pha-thai-jomthong"


def test_publish_uploads_what_changed_in_order_and_rollback_restores_byte_for_byte(project: Project) -> None:
    first = project.build()
    result = project.publish()
    assert result.report and len(result.report.uploaded) == len(first)
    assert project.live() == first
    page = project.client.head_object(Bucket=BUCKET, Key=f"{project.prefix}{STORY}/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8" and page["CacheControl"] == policy.REVALIDATE
    photo = next(p for p in first if p.startswith(STORY) and p.endswith(".webp"))
    head = project.client.head_object(Bucket=BUCKET, Key=f"{project.prefix}{photo}")
    assert head["ContentType"] == "image/webp" and head["CacheControl"] == policy.IMMUTABLE

    # Nothing changed: nothing is written.
    assert project.publish().report.uploaded == []  # type: ignore[union-attr]

    # One story's text changes: only what shows it is uploaded, assets before pages.
    project.edit(f"{STORY}/index.md", "กลุ่มทอผ้าบ้านแม่กลาง อำเภอจอมทอง", "กลุ่มทอผ้าแม่กลาง อำเภอจอมทอง")
    second = project.build()
    changed = sorted(p for p in second if first.get(p) != second[p])
    dry = project.publish(dry_run=True).report
    assert dry and sorted(dry.uploaded) == changed and not any(m == "PUT" for m, _ in project.recorder.log)
    report = project.publish().report
    # Deleted: at most pieces of the search index no longer needed (a word's postings), nothing else.
    assert report and sorted(report.uploaded) == changed and report.deleted == sorted(set(first) - set(second))
    assert all(p.startswith("search/") for p in report.deleted)
    assert f"{STORY}/index.html" in changed and not any(p.endswith((".jpg", ".webp")) for p in changed)
    assert len(changed) < len(second) / 10, f"{len(changed)} of {len(second)} files uploaded for one story"
    site_puts = [key[len(project.prefix) :] for method, key in project.recorder.log if method == "PUT"]
    site_puts = [p for p in site_puts if not p.startswith(".moinext/")]
    phases = [publish_phase(p) for p in site_puts]
    # (A text edit changes no file named by its hash: those came first in the first publish.)
    assert phases == sorted(phases) and {1, 2} <= set(phases), "assets, then fixed files, then pages"
    assert project.live() == second

    # A story deleted: its files are deleted, after every upload and after the release switched.
    shutil.rmtree(project.content / "th-50/damrongdham-15-days")
    third = project.build()
    gone = sorted(set(second) - set(third))
    assert any(p.startswith("th-50/damrongdham-15-days/") for p in gone)
    report = project.publish().report
    assert report and report.deleted == gone
    log = project.recorder.log
    first_delete = min(i for i, (m, _) in enumerate(log) if m == "POST")  # DeleteObjects
    last_upload = max(i for i, (m, k) in enumerate(log) if m == "PUT" and ".moinext/" not in k)
    state_switch = min(
        i for i, (m, k) in enumerate(log) if m == "PUT" and k.endswith(".moinext/state.json") and i > last_upload
    )
    assert last_upload < state_switch < first_delete
    assert project.live() == third

    # Rollback: the previous release, byte for byte (the deleted story comes back).
    rolled = publishing.rollback(project.config)
    assert rolled.ok and rolled.report and rolled.report.release != report.release
    assert project.live() == second
    assert publishing.rollback(project.config).ok
    assert project.live() == first


def test_releases_beyond_the_kept_number_are_forgotten(project: Project) -> None:
    for n in range(5):
        project.edit(f"{STORY}/index.md", "ผ้าทอมือจอมทองสู่ตลาดออนไลน์", f"ผ้าทอมือจอมทองสู่ตลาดออนไลน์ ({n})")
        project.build()
        project.publish()
    import json

    state = json.loads(
        project.client.get_object(Bucket=BUCKET, Key=f"{project.prefix}.moinext/state.json")["Body"].read()
    )
    assert len(state["releases"]) == 3
    listed = project.client.list_objects_v2(Bucket=BUCKET, Prefix=f"{project.prefix}.moinext/releases/")
    assert sorted(i["Key"].rsplit("/", 1)[-1][:-5] for i in listed["Contents"]) == sorted(state["releases"])
    # Copies kept are only those a kept release needs.
    for _ in range(2):
        assert publishing.rollback(project.config).ok
    assert not publishing.rollback(project.config).ok  # the oldest kept release is live


@pytest.mark.parametrize(("killed_at", "then"), [(0, "rollback"), (2, "rollback"), (2, "publish")])
def test_a_publish_killed_midway_leaves_the_previous_release_recoverable(
    project: Project, killed_at: int, then: str
) -> None:
    """Killed while uploading new assets (phase 0) the live site is the previous release, whole;
    killed while writing pages (phase 2) `rollback` makes it whole again, byte for byte, and
    publishing again instead completes the new release."""
    first = project.build()
    project.publish()
    project.edit(f"{STORY}/index.md", "ผ้าทอมือจอมทองสู่ตลาดออนไลน์", "ผ้าทอมือจอมทองสู่ตลาดออนไลน์ใหม่")
    shutil.copytree(project.content / STORY, project.content / "th-50/new-story")
    project.edit("th-50/new-story/index.md", "title: ผ้าทอ", "title: เรื่องใหม่ ผ้าทอ")
    second = project.build()
    recorder = project.recorder
    recorder.held.clear()
    recorder.release.clear()
    prefix = project.prefix
    recorder.hold = lambda method, key: (
        method == "PUT"
        and key.startswith(prefix)
        and ".moinext/" not in key
        and publish_phase(key[len(prefix) :]) == killed_at
    )
    running = project.cli("publish", "--site", str(project.out))
    assert recorder.held.wait(timeout=120), "the publish never reached the point to kill it at"
    running.send_signal(signal.SIGKILL)
    running.wait()
    recorder.release.set()
    live = project.live()
    if killed_at == 0:
        assert {p: live[p] for p in first} == first, "the previous release is live, whole"
    else:
        assert live != first  # some pages of the new release went out before the kill
    if then == "rollback":
        assert publishing.rollback(project.config).ok
        assert project.live() == first
    # And publishing again afterwards completes the new release.
    project.publish()
    assert project.live() == second
    # The interrupted publish's manifest is gone: only kept releases have one (six were left with
    # keep_releases 3).
    state = json.loads(project.client.get_object(Bucket=BUCKET, Key=f"{prefix}.moinext/state.json")["Body"].read())
    listed = project.client.list_objects_v2(Bucket=BUCKET, Prefix=f"{prefix}.moinext/releases/")
    assert sorted(i["Key"].rsplit("/", 1)[-1][:-5] for i in listed["Contents"]) == sorted(state["releases"])


def test_publish_problems_are_messages(project: Project, tmp_path: Path) -> None:
    result = publishing.publish(tmp_path / "nothing-built", project.config)
    assert not result.ok and result.problems[0].code == "publish.no_site"
    result = publishing.publish(project.out, project.config, "prodution")
    assert not result.ok and "production" in result.problems[0].message()
    project.build()
    broken = project.config.read_text(encoding="utf-8").replace(BUCKET, "no-such-bucket-here")
    project.config.write_text(broken, encoding="utf-8")
    result = publishing.publish(project.out, project.config)
    assert not result.ok and "NoSuchBucket" in result.problems[0].message()
