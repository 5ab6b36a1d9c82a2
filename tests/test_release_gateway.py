"""Publishing against a real S3-compatible server: JuiceFS's S3 gateway (built on MinIO's), with
SQLite metadata and local storage, started on 127.0.0.1 as the suite starts nginx and sshd.

moto accepts requests that real servers refuse (DeleteObjects without Content-MD5 among them):
these tests run `publish` and `rollback` as the PR team would, against the real thing. moto stays
in test_release_s3.py for faults a real server cannot be made to produce.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import pytest
from click.testing import CliRunner
from gateway import BUCKET, CREDENTIALS, GatewayFailed, juicefs_gateway

from conftest import PUBLISHING_STORIES, copy_example
from generator import pipeline, publishing
from generator.cli import main as cli_main
from generator.release import s3 as s3_release

TODAY = dt.date(2026, 11, 24)
STORY = "th-50/damrongdham-15-days"

# A real server, a site published several times: make test-fast leaves these to make test.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        with pytest.MonkeyPatch.context() as env:
            for name, value in CREDENTIALS.items():
                env.setenv(name, value)
            with juicefs_gateway(tmp_path_factory.mktemp("juicefs")) as endpoint:
                yield endpoint
    except GatewayFailed as exc:
        pytest.fail(str(exc))


class Project:
    def __init__(self, root: Path, endpoint: str, target_lines: str = "") -> None:
        self.root = root
        self.endpoint = endpoint
        self.prefix = f"t{abs(hash(root)) % 10**8}/"  # each test its own folder of the bucket
        self.content, self.config = copy_example(
            root,
            "site_url: https://moinext.example.go.th/\n"
            f"publish:\n  keep_releases: 3\n  targets:\n    production:\n      kind: s3\n      bucket: {BUCKET}\n"
            f"      prefix: {self.prefix}\n      endpoint_url: {endpoint}\n{target_lines}",
            stories=PUBLISHING_STORIES,
        )
        self.out = root / "site"
        # A session of its own with the keys named: boto3.client() signs with the default
        # session's, kept from the first test of the run that made one (moto's "testing" keys:
        # the gateway answered InvalidAccessKeyId when the suite ran whole).
        self.client = boto3.session.Session(
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name="us-east-1",
        ).client("s3", endpoint_url=endpoint)

    def build(self, **options: object) -> None:
        result = pipeline.build(self.content, self.config, self.out, today=TODAY, **options)
        assert result.ok, result.problems[:3]

    def built(self) -> dict[str, bytes]:
        return {
            p.relative_to(self.out).as_posix(): p.read_bytes()
            for p in self.out.rglob("*")
            if p.is_file()
            and not p.relative_to(self.out).as_posix().startswith(".")
            and p.suffix not in (".gz", ".br")
            and p.name != "_headers"  # for hosts that deploy the folder themselves, never published
        }

    def objects(self) -> dict[str, bytes]:
        """Every object under the test's folder, .moinext/ included."""
        keys = [
            item["Key"]
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=self.prefix)
            for item in page.get("Contents", [])
        ]
        # Read several at once (a site is hundreds of objects; the client is thread-safe).
        with ThreadPoolExecutor(max_workers=8) as pool:
            bodies = pool.map(lambda key: self.client.get_object(Bucket=BUCKET, Key=key)["Body"].read(), keys)
            return {key[len(self.prefix) :]: body for key, body in zip(keys, bodies, strict=True)}

    def live(self) -> dict[str, bytes]:
        return {path: body for path, body in self.objects().items() if not path.startswith(".moinext/")}

    def state(self) -> dict[str, object]:
        return self.state_at(f"{self.prefix}.moinext/")

    def state_at(self, records: str) -> dict[str, object]:
        body = self.client.get_object(Bucket=BUCKET, Key=f"{records}state.json")["Body"].read()
        return dict(json.loads(body))

    def manifest(self, release: str) -> set[str]:
        key = f"{self.prefix}.moinext/releases/{release}.json"
        return set(json.loads(self.client.get_object(Bucket=BUCKET, Key=key)["Body"].read())["files"])

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`moinext <args> --config <the project's>` as the PR team types it, run in this process
        by click's runner: the same command without an interpreter's start and imports (a second
        of each of 18 calls). The test of publishes at once starts its own processes, as
        test_release_s3.py's killed publish does; test_cli.py runs the installed command itself."""
        result = CliRunner().invoke(cli_main, [*args, "--config", str(self.config)], env=CREDENTIALS)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a traceback the command would have printed
        return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def project(tmp_path: Path, gateway: str, monkeypatch: pytest.MonkeyPatch) -> Project:
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    # One publisher per test here: the lock's settling wait (against two publishes writing it at
    # the same moment) is shortened; the tests of publishes at once run the command with its own.
    monkeypatch.setattr(s3_release, "LOCK_SETTLE_S", 0.05)
    return Project(tmp_path, gateway)


def test_a_withdrawn_story_is_removed_from_the_bucket_and_rollback_brings_it_back(project: Project) -> None:
    """Every publish that deleted files failed on this server (MissingContentMD5) after the new
    release was live, and the next one said "0 deleted": the page stayed readable for good."""
    project.build()
    first = project.built()
    assert project.cli("publish", "--site", str(project.out)).returncode == 0
    assert project.live() == first

    shutil.rmtree(project.content / STORY)
    project.build()
    second = project.built()
    gone = sorted(set(first) - set(second))
    assert any(p.startswith(f"{STORY}/") and p.endswith(".webp") for p in gone)
    published = project.cli("publish", "--site", str(project.out))
    assert published.returncode == 0, published.stdout + published.stderr
    assert f"{len(gone)} deleted" in published.stdout
    assert project.live() == second
    assert project.state()["cleanup"] == []

    newer = str(project.state()["current"])

    rolled = project.cli("rollback")
    assert rolled.returncode == 0, rolled.stdout + rolled.stderr
    assert project.live() == first
    # A retried rollback does what it says: there is no release before the first one kept.
    again = project.cli("rollback")
    assert again.returncode != 0 and "no release before" in again.stdout + again.stderr
    assert project.live() == first
    # The newer release is still kept: `rollback --to` goes forward again, and it is listed.
    listed = project.cli("releases").stdout.splitlines()
    older = str(project.state()["current"])
    assert listed == [f"  {newer}", f"* {older}"]
    forward = project.cli("rollback", "--to", newer)
    assert forward.returncode == 0, forward.stdout + forward.stderr
    assert project.live() == second and project.state()["releases"] == [newer, older]
    unknown = project.cli("rollback", "--to", "20260101T000000.000000Z-0000000000")
    assert unknown.returncode != 0 and "not kept" in unknown.stderr and newer in unknown.stderr
    assert project.live() == second


def test_a_site_built_with_drafts_is_refused(project: Project) -> None:
    project.build(drafts=True)
    result = publishing.publish(project.out, project.config)
    assert not result.ok and [p.code for p in result.problems] == ["publish.drafts"]
    assert project.objects() == {}


def test_a_publish_that_would_delete_much_of_the_site_asks_first(project: Project) -> None:
    """A build of one story published over the whole site deleted 130 files without a word."""
    project.build()
    assert publishing.publish(project.out, project.config).ok
    before = project.objects()
    for story in sorted(p.parent for p in project.content.glob("*/*/index.md"))[1:]:
        shutil.rmtree(story)
    project.build()
    refused = publishing.publish(project.out, project.config)
    assert not refused.ok and "--max-deletes" in refused.problems[0].message()
    assert project.objects() == before  # nothing changed, not even the state
    assert publishing.publish(project.out, project.config, max_deletes=10**9).ok
    assert project.live() == project.built()


def test_two_publishes_at_once_leave_a_bucket_that_matches_its_live_manifest(project: Project) -> None:
    """Both exited 0 and the bucket held half of each: one publish at a time per target."""
    project.build()
    other = project.root / "other-site"
    shutil.copytree(project.out, other, symlinks=True)
    (project.content / STORY / "index.md").write_text(
        (project.content / STORY / "index.md").read_text(encoding="utf-8").replace("ดำรงธรรม", "ดำรงธรรม (แก้ไข)", 1),
        encoding="utf-8",
    )
    project.build()
    command = [sys.executable, "-m", "generator", "publish", "--config", str(project.config), "--yes"]
    env = {**os.environ, **CREDENTIALS}
    started = [
        subprocess.Popen(
            [*command, "--site", str(site)], env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for site in (project.out, other)
    ]
    outcomes = [process.communicate(timeout=300) for process in started]
    codes = [process.returncode for process in started]
    assert 0 in codes, outcomes
    for code, (output, _) in zip(codes, outcomes, strict=True):
        if code != 0:
            assert "under way" in output or "same moment" in output, output
    state = project.state()
    live = set(project.live())
    assert live == project.manifest(str(state["current"])), "the bucket is not the live release, file for file"
    assert state["publishing"] is None and not any(k.endswith("lock.json") for k in project.objects())


def test_the_example_workflow_shows_the_plan_before_approval_and_publishes_only_main() -> None:
    import yaml

    from conftest import ROOT

    workflow = yaml.safe_load((ROOT / "examples/github-actions-publish.yml").read_text(encoding="utf-8"))
    on = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert "schedule" in on and workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert all("timeout-minutes" in job for job in jobs.values())
    plan, publish = jobs["plan"], jobs["publish"]
    assert "refs/heads/main" in plan["if"] and "environment" not in plan
    assert publish["needs"] == "plan" and publish["environment"] == "production"
    plan_runs = [step.get("run", "") for step in plan["steps"]]
    publish_runs = [step.get("run", "") for step in publish["steps"]]
    assert any("publish production --dry-run" in run for run in plan_runs)
    assert not any("--dry-run" in run or "build" in run for run in publish_runs)
    assert not any("@main" in run for run in plan_runs + publish_runs)


def test_a_lock_held_elsewhere_is_honoured_and_a_stale_one_taken_over(project: Project) -> None:
    project.build()
    key = f"{project.prefix}.moinext/lock.json"
    held = {"token": "x", "action": "publish", "host": "web-ci-7", "pid": 1, "since": time.time()}
    project.client.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(held).encode())
    refused = publishing.publish(project.out, project.config)
    assert not refused.ok and "web-ci-7" in refused.problems[0].message()
    assert set(project.objects()) == {".moinext/lock.json"}
    held["since"] = time.time() - 3600  # a killed run's, an hour ago
    project.client.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(held).encode())
    assert publishing.publish(project.out, project.config).ok
    assert project.live() == project.built() and ".moinext/lock.json" not in project.objects()


def test_deletions_that_fail_after_the_switch_are_finished_by_the_next_publish(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new release was live, the withdrawn story's files stayed, and the next publish said
    "0 deleted": they were never removed."""
    from generator.release import PublishError
    from generator.release.s3 import S3Release

    project.build()
    assert publishing.publish(project.out, project.config).ok
    shutil.rmtree(project.content / STORY)
    project.build()
    real_delete = S3Release._delete

    def network_fails(self: S3Release, keys: list[str]) -> None:
        raise PublishError("the connection was reset")

    monkeypatch.setattr(S3Release, "_delete", network_fails)
    failed = publishing.publish(project.out, project.config)
    message = failed.problems[0].message()
    assert not failed.ok and "is live" in message and "next publish finishes it" in message
    assert any(path.startswith(f"{STORY}/") for path in project.live())
    assert project.state()["cleanup"]
    monkeypatch.setattr(S3Release, "_delete", real_delete)
    again = publishing.publish(project.out, project.config)
    assert again.ok and again.report and any(p.startswith(f"{STORY}/") for p in again.report.deleted)
    assert project.live() == project.built() and project.state()["cleanup"] == []


def test_publish_verify_repairs_a_bucket_that_differs_from_its_live_release(project: Project) -> None:
    """After two publishes at once the bucket held half of each and republishing uploaded nothing:
    `publish --verify` compares the bucket with the live manifest and repairs it."""
    project.build()
    assert publishing.publish(project.out, project.config).ok
    built = project.built()
    pages = sorted(p for p in built if p.endswith(".html"))
    missing, damaged = pages[0], pages[1]
    project.client.delete_object(Bucket=BUCKET, Key=f"{project.prefix}{missing}")
    project.client.put_object(Bucket=BUCKET, Key=f"{project.prefix}{damaged}", Body=b"<p>half of another release")
    project.client.put_object(Bucket=BUCKET, Key=f"{project.prefix}search/stray.json", Body=b"x")
    plain = project.cli("publish", "--site", str(project.out))
    assert plain.returncode == 0 and project.live() != built  # the manifest says all is live
    verified = project.cli("publish", "--site", str(project.out), "--verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"repaired  {missing}" in verified.stdout and f"repaired  {damaged}" in verified.stdout
    assert "2 repaired" in verified.stdout and "1 deleted" in verified.stdout
    assert project.live() == built


def test_a_takedown_removes_a_withdrawn_story_from_every_kept_release_and_copy(project: Project) -> None:
    """A photo published without consent: once the story is withdrawn, nothing of it may stay in the
    bucket, not in the releases kept for rollback, not in the copies they keep."""
    project.build()
    first = project.built()
    assert publishing.publish(project.out, project.config).ok
    story_files = {p: body for p, body in first.items() if p.startswith(f"{STORY}/")}
    photo = next(body for p, body in story_files.items() if p.endswith(".webp"))
    refused = project.cli("takedown", f"{STORY}/")
    assert refused.returncode != 0 and "withdraw the story first" in refused.stderr
    shutil.rmtree(project.content / STORY)
    project.build()
    assert publishing.publish(project.out, project.config, max_deletes=10**6).ok
    assert any(body == photo for body in project.objects().values()), "kept for rollback until taken down"
    taken = project.cli("takedown", f"/{STORY}")
    assert taken.returncode == 0, taken.stdout + taken.stderr
    assert "1 kept releases forgotten" in taken.stdout
    stored = project.objects()
    assert not any(body == photo or body in story_files.values() for body in stored.values())
    assert project.live() == project.built()
    assert project.state()["releases"] == [project.state()["current"]]
    assert project.cli("takedown", "../etc").returncode != 0


def test_the_printed_bucket_policy_lets_the_public_read_the_site_and_not_the_records(
    tmp_path: Path, gateway: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import urllib.error
    import urllib.request

    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    records = f"records-{abs(hash(tmp_path)) % 10**8}/"
    project = Project(tmp_path, gateway, f"      records:\n        prefix: {records}\n")
    project.build()
    assert project.cli("publish", "--site", str(project.out)).returncode == 0
    assert not any(k.startswith(".moinext/") for k in project.objects()), "the records are kept apart"
    printed = project.cli("bucket-policy")
    assert printed.returncode == 0 and printed.stderr == "", printed.stderr
    project.client.put_bucket_policy(Bucket=BUCKET, Policy=printed.stdout)
    try:

        def anonymous(key: str) -> int:
            try:
                with urllib.request.urlopen(f"{gateway}/{BUCKET}/{key}", timeout=10) as answer:
                    return int(answer.status)
            except urllib.error.HTTPError as exc:
                return exc.code

        assert anonymous(f"{project.prefix}index.html") == 200
        assert anonymous(f"{records}state.json") == 403
        release = project.state_at(records)["current"]
        assert anonymous(f"{records}releases/{release}.json") == 403
    finally:
        project.client.delete_bucket_policy(Bucket=BUCKET)
    # Records beside the site (the default) are readable by whoever reads the site: said, in Thai.
    beside = Project(tmp_path / "beside", gateway)
    warned = beside.cli("bucket-policy", "--lang", "th")
    assert warned.returncode == 0 and ".moinext/" in warned.stderr and "นโยบาย" in warned.stderr


def test_content_encoding_the_server_drops_is_refused_or_left_out(tmp_path: Path, gateway: str, monkeypatch) -> None:
    """JuiceFS's gateway does not keep Content-Encoding: compressed pages would reach browsers
    unreadable. gzip asked for is refused before anything is written; auto stores files as built."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    project = Project(tmp_path, gateway, "      content_encoding: gzip\n")
    project.build()
    refused = project.cli("publish", "--site", str(project.out))
    assert refused.returncode != 0 and "does not keep Content-Encoding" in refused.stderr
    assert project.objects() == {}
    auto = Project(tmp_path / "auto", gateway)
    auto.build()
    published = auto.cli("publish", "--site", str(auto.out))
    assert published.returncode == 0 and "note: this server does not keep Content-Encoding" in published.stdout
    assert auto.live() == auto.built()
