"""A release into an S3 or S3-compatible bucket, uploading only what changed, and rollback.

The live site is the bucket's files at their site paths (what a CDN or the bucket's website
serves), text files gzip-compressed with Content-Encoding where the server keeps that header.
Among its records (by default `<prefix>.moinext/` beside the site; `records:` puts them in a
private bucket or prefix, which `public_read_policy` leaves closed) moinext keeps:

- `releases/<id>.json`: each kept release's manifest (every file's hash and size), so a publish
  compares with the live release instead of listing the bucket;
- `state.json`: the live release, the kept ones (newest first) and a publish under way;
- `objects/<sha256>[.gz]`: copies of the files a rollback may need: every file at a fixed address
  (pages, feeds, styles: a later release overwrites them) and every file a release deleted.
  Files whose names carry their content's hash are never overwritten, so they need no copy
  while live. Copies are made inside the bucket (server-side), never uploaded twice.

A publish writes in this order: the new release's manifest and "publishing" in the state; new
content-hashed files (nothing live changes); files at fixed addresses, pages last; then the state
names the new release; then files no longer in the site are deleted (copied to objects/ first).
Killed before the fixed-address files, the live site is the previous release, whole; killed
after, the next publish (or a rollback) finishes the job: both know a publish was under way.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.schema import S3Target
from ..filestatus import FileHashes
from ..site.policy import cache_control, content_type
from . import Kept, Progress, PublishError, PublishReport, Takedown, max_deletes_for, under
from .files import SiteFile, manifest_json, publish_phase, read_manifest, release_id, site_files

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.type_defs import ObjectIdentifierTypeDef, ObjectTypeDef

META = ".moinext/"
_WORKERS = 8  # uploads at once: requests wait on the network, not on the machine's cores


@dataclass
class State:
    current: str | None = None
    releases: list[str] = field(default_factory=list)  # kept, newest first
    publishing: str | None = None  # a publish that started and has not finished
    # Site paths the live release no longer has, recorded before the switch and removed after it:
    # a publish that failed between the two left them, and the next one removes them.
    cleanup: list[str] = field(default_factory=list)

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "current": self.current,
                "releases": self.releases,
                "publishing": self.publishing,
                "cleanup": self.cleanup,
            },
            indent=1,
        ).encode()


# A publish holds the target's lock while it writes (.moinext/lock.json: who, where, since when).
# A lock older than this is taken to be a killed publish's and is taken over.
LOCK_STALE_S = 30 * 60
# S3-compatible servers do not all honour conditional writes (JuiceFS's gateway overwrote an
# object written with If-None-Match: *): a publish writes its lock, waits this long, and reads it
# back; of two publishes that wrote at once, the one whose lock was overwritten gives way.
LOCK_SETTLE_S = 1.0


def _killed_here(holder: dict[str, Any]) -> bool:
    """Whether a lock was taken on this machine by a process that no longer runs (a publish killed
    here): taken over at once, not after LOCK_STALE_S."""
    if holder.get("host") != socket.gethostname() or not isinstance(holder.get("pid"), int):
        return False
    try:
        os.kill(holder["pid"], 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it runs, as another user
    return False


def _add_content_md5(params: dict[str, Any], **_: Any) -> None:
    """DeleteObjects needs Content-MD5 on S3-compatible servers (MinIO's gateway, JuiceFS, Ceph):
    boto3 since 1.36 sends a CRC32 checksum instead, and every delete failed with
    MissingContentMD5 after the new release was live."""
    body = params.get("body") or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    params["headers"]["Content-MD5"] = base64.b64encode(hashlib.md5(body).digest()).decode("ascii")


def make_client(target: S3Target) -> S3Client:
    import boto3
    from botocore.config import Config

    # Timeouts: an endpoint that accepts connections and never answers gave 362 s of silence.
    config = Config(
        retries={"max_attempts": 5, "mode": "standard"},
        max_pool_connections=_WORKERS * 2,
        connect_timeout=10,
        read_timeout=60,
    )
    # A session of its own: the credentials of the environment now (boto3's default session keeps
    # the first ones it found for the life of the process: a second target, or serve's rebuilds,
    # would sign with them).
    client: S3Client = boto3.session.Session().client(
        "s3", endpoint_url=target.endpoint_url, region_name=target.region or "us-east-1", config=config
    )
    client.meta.events.register("before-call.s3.DeleteObjects", _add_content_md5)
    return client


def _s3_errors(action: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Turns the client's errors into one PublishError that names the bucket and the cause."""

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(self: S3Release, *args: Any, **kwargs: Any) -> Any:
            from botocore.exceptions import BotoCoreError, ClientError

            try:
                return function(self, *args, **kwargs)
            except ClientError as exc:
                error = exc.response.get("Error", {})
                raise PublishError(
                    f"{action} s3://{self.bucket}/{self.prefix}: {error.get('Code', '?')}: {error.get('Message', exc)}"
                ) from exc
            except BotoCoreError as exc:
                raise PublishError(f"{action} s3://{self.bucket}/{self.prefix}: {exc}") from exc
            except OSError as exc:
                raise PublishError(f"{action}: {exc.filename or ''} {exc.strerror or exc}") from exc

        return wrapped

    return wrap


class S3Release:
    def __init__(self, name: str, target: S3Target, client: S3Client | None = None) -> None:
        self.name = name
        self.bucket = target.bucket
        self.prefix = target.prefix
        records = target.records
        self.records_bucket = (records.bucket or target.bucket) if records else target.bucket
        self.records_prefix = records.prefix if records else f"{target.prefix}{META}"
        self.encoding_mode = target.content_encoding
        self._keeps_encoding: bool | None = None  # the server's answer, once asked (_choose_encoding)
        self._manifests: dict[str, dict[str, SiteFile]] = {}
        self.client = client or make_client(target)

    # Addresses: the site's files in the site's bucket, the records in the records' bucket.
    def _key(self, site_path: str) -> str:
        return f"{self.prefix}{site_path}"

    def _meta(self, name: str) -> str:
        return f"{self.records_prefix}{name}"

    def _object(self, file: SiteFile) -> str:
        return self._meta(f"objects/{_copy_name(file)}")

    def records_public(self) -> bool:
        """Whether the records lie inside the site's folder: readable by whoever reads the site."""
        return self.records_bucket == self.bucket and self.records_prefix.startswith(self.prefix)

    # Reading the target's own records.
    def _read(self, key: str) -> bytes | None:
        try:
            response = self.client.get_object(Bucket=self.records_bucket, Key=key)
        except self.client.exceptions.NoSuchKey:
            return None
        return response["Body"].read()

    def state(self) -> State:
        data = self._read(self._meta("state.json"))
        if data is None:
            return State()
        try:
            loaded = json.loads(data)
            cleanup = [str(path) for path in loaded.get("cleanup") or []]
            return State(loaded["current"], [str(r) for r in loaded["releases"]], loaded.get("publishing"), cleanup)
        except (ValueError, KeyError, TypeError) as exc:
            raise PublishError(f"s3://{self.records_bucket}/{self._meta('state.json')} is damaged: {exc}") from exc

    def manifest(self, release: str) -> dict[str, SiteFile]:
        # A release's manifest never changes once written (its name is the release's): each is read
        # once per run, not again by the verify, the rollback or the forgetting that follow.
        if release in self._manifests:
            return self._manifests[release]
        data = self._read(self._meta(f"releases/{release}.json"))
        if data is None:
            raise PublishError(
                f"release {release} has no manifest in s3://{self.records_bucket}/{self._meta('releases/')}"
            )
        try:
            self._manifests[release] = read_manifest(data)
        except (ValueError, KeyError, TypeError) as exc:
            raise PublishError(f"the manifest of release {release} is damaged: {exc}") from exc
        return self._manifests[release]

    def _write_state(self, state: State) -> None:
        self.client.put_object(
            Bucket=self.records_bucket,
            Key=self._meta("state.json"),
            Body=state.to_json(),
            ContentType="application/json",
        )

    # One publish (or rollback) at a time per target.
    def _lock(self, action: str) -> str:
        """Take the target's lock or raise PublishError naming who holds it. Returns its token."""
        key = self._meta("lock.json")
        held = self._read(key)
        if held is not None:
            try:
                holder = json.loads(held)
                age = time.time() - float(holder["since"])
            except (ValueError, KeyError, TypeError):
                holder, age = {}, LOCK_STALE_S + 1  # damaged: no one can be waiting on it
            if age <= LOCK_STALE_S and not _killed_here(holder):
                raise PublishError(
                    f"another {holder.get('action', 'publish')} to s3://{self.bucket}/{self.prefix} is under way "
                    f"(on {holder.get('host', '?')}, started {int(age)} s ago); one at a time per target: "
                    f"wait for it to finish (a lock older than {LOCK_STALE_S // 60} minutes is taken to be a "
                    "killed run's and taken over)"
                )
        token = uuid.uuid4().hex
        mine = {"token": token, "action": action, "host": socket.gethostname(), "pid": os.getpid()}
        body = json.dumps({**mine, "since": time.time()}).encode()
        self.client.put_object(Bucket=self.records_bucket, Key=key, Body=body, ContentType="application/json")
        time.sleep(LOCK_SETTLE_S)
        now = self._read(key)
        try:
            won = now is not None and json.loads(now).get("token") == token
        except ValueError:
            won = False
        if not won:
            raise PublishError(
                f"another publish to s3://{self.bucket}/{self.prefix} started at the same moment; "
                "one at a time per target: run again when it has finished"
            )
        return token

    def _unlock(self, token: str) -> None:
        key = self._meta("lock.json")
        held = self._read(key)
        try:
            ours = held is not None and json.loads(held).get("token") == token
        except ValueError:
            ours = False
        if ours:
            self.client.delete_object(Bucket=self.records_bucket, Key=key)

    def _listing(self, bucket: str, prefix: str) -> Iterator[ObjectTypeDef]:
        """Every object under prefix in bucket, page after page."""
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            yield from page.get("Contents", [])

    def _site_objects(self) -> Iterator[tuple[str, ObjectTypeDef]]:
        """(site path, object) of every object in the site's folder, the records aside."""
        records = self._meta("") if self.records_public() else None
        for item in self._listing(self.bucket, self.prefix):
            if records is None or not item["Key"].startswith(records):
                yield item["Key"][len(self.prefix) :], item

    def _archived(self) -> set[str]:
        return {item["Key"].rsplit("/", 1)[-1] for item in self._listing(self.records_bucket, self._meta("objects/"))}

    # How text files are stored.
    def _choose_encoding(self, live: dict[str, SiteFile], dry_run: bool) -> tuple[str | None, str | None]:
        """(the encoding this publish stores text files in, a note for the report). The server is
        asked once whether it keeps Content-Encoding: JuiceFS's gateway, for one, drops it, and
        compressed bytes served without the header are a broken site."""
        if self.encoding_mode == "none":
            return None, None
        if dry_run:  # writes nothing, not even the question: the live release tells
            return ("gzip" if not live or any(f.encoding for f in live.values()) else None), None
        if self._keeps_encoding is None:
            key = self._key(f"{META}encoding-check")  # in the site's bucket: where the site is served from
            self.client.put_object(Bucket=self.bucket, Key=key, Body=gzip.compress(b"moinext"), ContentEncoding="gzip")
            answer = self.client.head_object(Bucket=self.bucket, Key=key).get("ContentEncoding")
            self.client.delete_object(Bucket=self.bucket, Key=key)
            self._keeps_encoding = answer == "gzip"
        if not self._keeps_encoding:
            if self.encoding_mode == "gzip":
                raise PublishError(
                    f"s3://{self.bucket} does not keep Content-Encoding: files stored compressed would reach "
                    "browsers unreadable; set content_encoding: none (or auto) for this target"
                )
            return None, "this server does not keep Content-Encoding: text files are stored as built"
        return "gzip", None

    @staticmethod
    def _stored_as(site_dir: Path, files: dict[str, SiteFile], encoding: str | None) -> dict[str, SiteFile]:
        """files, each stored gzip-compressed where the build made a .gz copy (text files worth it)."""
        if encoding is None:
            return files
        stored = {}
        for path, file in files.items():
            try:
                size = (site_dir / f"{path}.gz").stat().st_size
            except OSError:
                stored[path] = file
                continue
            stored[path] = replace(file, encoding=encoding, stored_size=size)
        return stored

    # Writing.
    def _upload(self, site_dir: Path, file: SiteFile) -> None:
        extra: dict[str, Any] = {"ContentEncoding": file.encoding} if file.encoding else {}
        with open(site_dir / (f"{file.path}.gz" if file.encoding else file.path), "rb") as body:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self._key(file.path),
                Body=body,
                ContentType=content_type(file.path),
                CacheControl=cache_control(file.path),
                **extra,
            )

    def _copy_out(self, file: SiteFile) -> None:
        """Keep a copy of a live file among the records (server-side)."""
        self.client.copy_object(
            Bucket=self.records_bucket,
            Key=self._object(file),
            CopySource={"Bucket": self.bucket, "Key": self._key(file.path)},
        )

    def _restore(self, file: SiteFile) -> None:
        """Put a kept copy back at its site path, with its headers again."""
        extra: dict[str, Any] = {"ContentEncoding": file.encoding} if file.encoding else {}
        self.client.copy_object(
            Bucket=self.bucket,
            Key=self._key(file.path),
            CopySource={"Bucket": self.records_bucket, "Key": self._object(file)},
            MetadataDirective="REPLACE",
            ContentType=content_type(file.path),
            CacheControl=cache_control(file.path),
            **extra,
        )

    def _archive(self, files: Iterable[SiteFile], archived: set[str]) -> None:
        """Copy live files among the records unless a copy of those bytes is there."""
        todo = {_copy_name(f): f for f in files if _copy_name(f) not in archived}
        self._each(self._copy_out, todo.values())
        archived |= set(todo)

    def _delete(self, keys: list[str], bucket: str | None = None) -> None:
        for start in range(0, len(keys), 1000):
            batch: list[ObjectIdentifierTypeDef] = [{"Key": key} for key in keys[start : start + 1000]]
            if batch:
                answer = self.client.delete_objects(
                    Bucket=bucket or self.bucket, Delete={"Objects": batch, "Quiet": True}
                )
                # A refused key is in the answer's Errors, under a 200: it is not deleted.
                errors = answer.get("Errors") or []
                if errors:
                    first = errors[0]
                    raise PublishError(
                        f"{len(errors)} files could not be deleted, the first {first.get('Key')}: "
                        f"{first.get('Code')}: {first.get('Message')}"
                    )

    @staticmethod
    def _each(action: Callable[[SiteFile], None], files: Iterable[SiteFile]) -> None:
        with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
            for _ in pool.map(action, files):
                pass

    @_s3_errors("publish to")
    def publish(
        self,
        site_dir: Path,
        keep: int,
        *,
        dry_run: bool = False,
        hashes: FileHashes | None = None,
        max_deletes: int | None = None,
        progress: Progress | None = None,
        verify: bool = False,
    ) -> PublishReport:
        if dry_run:
            return self._publish(site_dir, keep, dry_run=True, hashes=hashes, max_deletes=max_deletes, progress=None)
        token = self._lock("publish")
        try:
            report = self._publish(
                site_dir, keep, dry_run=False, hashes=hashes, max_deletes=max_deletes, progress=progress
            )
            if verify:
                self._verify(site_dir, self.manifest(report.release), report, max_deletes)
            return report
        finally:
            self._unlock(token)

    def _publish(
        self,
        site_dir: Path,
        keep: int,
        *,
        dry_run: bool,
        hashes: FileHashes | None,
        max_deletes: int | None,
        progress: Progress | None,
    ) -> PublishReport:
        started = time.perf_counter()
        state = self.state()
        live = self.manifest(state.current) if state.current else {}
        encoding, note = self._choose_encoding(live, dry_run)
        files = self._stored_as(site_dir, site_files(site_dir, compressed=False, hashes=hashes), encoding)
        stray = self.manifest(state.publishing) if state.publishing and state.publishing != state.current else {}
        new_release = release_id(files)
        # After an interrupted publish, fixed-address files may hold either release: write them all.
        changed = [
            f
            for path, f in files.items()
            if (live.get(path) is None or not live[path].same_as(f)) or (stray and publish_phase(path) > 0)
        ]
        gone = sorted({*live, *stray, *state.cleanup} - set(files))
        report = PublishReport(self.name, new_release, dry_run=dry_run, notes=[note] if note else [])
        report.unchanged = len(files) - len(changed)
        if state.current and not changed and not gone and not stray:
            report.release = state.current  # the live release is this site already
            return report
        limit = max_deletes_for(len(live), max_deletes)
        if len(gone) > limit and not dry_run:
            raise PublishError(
                f"this publish would delete {len(gone)} files of the {len(live)} live ones (the limit is "
                f"{limit}): is this the site you meant to publish? List them with --dry-run, then "
                f"publish with --max-deletes {len(gone)} (or --yes) if it is"
            )
        ordered = sorted(changed, key=lambda f: (publish_phase(f.path), f.path))
        if dry_run:
            report.uploaded = [f.path for f in ordered]
            report.deleted = gone
            report.bytes_sent = sum(f.stored for f in ordered)
            return report
        self.client.put_object(
            Bucket=self.records_bucket,
            Key=self._meta(f"releases/{new_release}.json"),
            Body=manifest_json(new_release, files),
            ContentType="application/json",
        )
        self._manifests[new_release] = files
        self._write_state(State(state.current, state.releases, new_release))
        archived = self._archived()
        advance = progress("uploading", len(ordered)) if progress else None

        def upload(file: SiteFile) -> None:
            self._upload(site_dir, file)
            if advance is not None:
                advance(1)

        for phase in (0, 1, 2):
            batch = [f for f in ordered if publish_phase(f.path) == phase]
            self._each(upload, batch)
            report.uploaded += [f.path for f in batch]
            # A copy of every fixed-address file of this release, for a later rollback to it.
            self._archive((f for f in batch if phase > 0), archived)
        kept = [new_release, *(r for r in state.releases if r != new_release)][:keep]
        self._switch(new_release, kept, live, gone, archived, "the next publish finishes it")
        report.deleted = gone
        report.bytes_sent = sum(f.stored for f in ordered)
        # An interrupted publish's manifest goes too: with keep_releases 3, six were left.
        interrupted = [state.publishing] if state.publishing and state.publishing not in state.releases else []
        self._forget([*state.releases, *interrupted], kept, archived)
        report.seconds = time.perf_counter() - started
        return report

    def _switch(
        self, release: str, kept: list[str], live: dict[str, SiteFile], gone: list[str], archived: set[str], then: str
    ) -> None:
        """Make release the live one, then remove the paths in gone. The state names what is left to
        remove before anything is removed: a failure after the switch leaves release live and the
        removal pending (State.cleanup), which the next publish or rollback finishes."""
        self._write_state(State(release, kept, None, gone))
        try:
            # Files no longer in the site, kept in objects/ while a kept release names them.
            # (Paths only an interrupted publish named may never have been written: nothing to keep.)
            self._archive([live[path] for path in gone if path in live], archived)
            self._delete([self._key(path) for path in gone])
            self._write_state(State(release, kept, None))
        except Exception as exc:
            raise PublishError(
                f"release {release} is live; removing the {len(gone)} files it does not have failed ({exc}): {then}"
            ) from exc

    def _forget(self, before: list[str], kept: list[str], archived: set[str]) -> None:
        """Remove the manifests of releases no longer kept, and copies no kept release needs."""
        dropped = [r for r in before if r not in kept]
        if not dropped:
            return
        self._delete([self._meta(f"releases/{r}.json") for r in dropped], self.records_bucket)
        needed = {_copy_name(f) for r in kept for f in self.manifest(r).values()}
        unneeded = sorted(archived - needed)
        self._delete([self._meta(f"objects/{name}") for name in unneeded], self.records_bucket)
        archived -= set(unneeded)

    @_s3_errors("roll back")
    def rollback(self, to: str | None = None) -> PublishReport:
        token = self._lock("rollback")
        try:
            return self._rollback(to)
        finally:
            self._unlock(token)

    def kept(self) -> Kept:
        state = self.state()
        return Kept(state.releases, state.current, state.publishing if state.publishing != state.current else None)

    def _rollback(self, to: str | None) -> PublishReport:
        started = time.perf_counter()
        state = self.state()
        if state.current is None:
            raise PublishError(f"nothing is published in s3://{self.bucket}/{self.prefix}")
        interrupted = state.publishing is not None and state.publishing != state.current
        if state.cleanup and not interrupted and to in (None, state.current):
            # The last publish or rollback switched, then failed to remove what its release no
            # longer has: a retry finishes that, and goes back no further than it said it would.
            live = self.manifest(state.current)
            leftover = sorted(set(state.cleanup) - set(live))
            self._delete([self._key(path) for path in leftover])
            self._write_state(State(state.current, state.releases, None))
            report = PublishReport(self.name, state.current, deleted=leftover, unchanged=len(live))
            report.seconds = time.perf_counter() - started
            return report
        back_to = to if to is not None else state.current if interrupted else _older(state)
        if back_to is None:
            raise PublishError(f"no release before {state.current} is kept in s3://{self.bucket}/{self.prefix}")
        if back_to not in state.releases:
            raise PublishError(
                f"release {back_to} is not kept in s3://{self.bucket}/{self.prefix}; kept: {', '.join(state.releases)}"
            )
        wanted = self.manifest(back_to)
        live = self.manifest(state.current)
        stray = self.manifest(state.publishing) if interrupted and state.publishing else {}
        archived = self._archived()
        restore = [
            f
            for path, f in wanted.items()
            if live.get(path) is None or live[path].sha256 != f.sha256 or (interrupted and publish_phase(path) > 0)
        ]
        # A content-hashed file still live (a later release kept it) is already right.
        still_live = {f.path for f in restore if publish_phase(f.path) == 0 and self._is_live(f)}
        restore = [f for f in restore if f.path not in still_live]
        missing = sorted(f.path for f in restore if _copy_name(f) not in archived)
        if missing:
            raise PublishError(f"release {back_to} cannot be restored: no copy of {', '.join(missing[:5])}")
        report = PublishReport(self.name, back_to)
        for phase in (0, 1, 2):
            batch = sorted((f for f in restore if publish_phase(f.path) == phase), key=lambda f: f.path)
            self._each(self._restore, batch)
            report.uploaded += [f.path for f in batch]
        # Every kept release stays kept, newer ones included: `rollback --to` goes forward again.
        gone = sorted({*live, *stray} - set(wanted))
        then = f"run `rollback --to {back_to}` again to finish it"
        self._switch(back_to, state.releases, live, gone, archived, then)
        report.deleted = gone
        report.unchanged = len(wanted) - len(restore)
        if stray and state.publishing and state.publishing not in state.releases:
            self._forget([state.publishing], state.releases, archived)
        report.seconds = time.perf_counter() - started
        return report

    def _verify(
        self, site_dir: Path, files: dict[str, SiteFile], report: PublishReport, max_deletes: int | None
    ) -> None:
        """Compare the bucket with the live release file for file and repair what differs: files
        missing or of another size (or, where the server's ETag is the bytes' MD5, other bytes) are
        written again from the built site; files no release has are deleted. After two publishes
        at once, republishing uploaded nothing, so nothing repaired the bucket."""
        listed = {
            path: (int(item["Size"]), str(item.get("ETag", "")).strip('"')) for path, item in self._site_objects()
        }
        wrong = [f for path, f in files.items() if path not in listed or not _stored_here(site_dir, f, *listed[path])]
        extra = sorted(set(listed) - set(files))
        limit = max_deletes_for(len(files), max_deletes)
        if len(extra) > limit:
            raise PublishError(
                f"the bucket holds {len(extra)} files the live release does not (the limit is {limit}), the "
                f"first {', '.join(extra[:3])}: publish --verify --max-deletes {len(extra)} removes them"
            )
        self._each(lambda f: self._upload(site_dir, f), sorted(wrong, key=lambda f: (publish_phase(f.path), f.path)))
        self._delete([self._key(path) for path in extra])
        report.repaired = sorted(f.path for f in wrong)
        report.deleted = sorted({*report.deleted, *extra})

    @_s3_errors("take down from")
    def takedown(self, paths: list[str]) -> Takedown:
        token = self._lock("takedown")
        try:
            return self._takedown(paths)
        finally:
            self._unlock(token)

    def _takedown(self, paths: list[str]) -> Takedown:
        state = self.state()
        if state.publishing and state.publishing != state.current:
            raise PublishError("a publish did not finish: publish again (or roll back) first, then take down")
        live = self.manifest(state.current) if state.current else {}
        still = sorted(path for path in live if under(path, paths))
        if still:
            raise PublishError(
                f"{still[0]} is in the live release ({len(still)} files match): withdraw the story first (remove "
                "it or mark it draft), build and publish, then take it down from the kept releases"
            )
        forgotten = [r for r in state.releases if r != state.current and any(under(p, paths) for p in self.manifest(r))]
        kept = [r for r in state.releases if r not in forgotten]
        archived = self._archived()
        before = len(archived)
        self._write_state(State(state.current, kept, None, state.cleanup))
        self._forget(forgotten, kept, archived)
        # And any file left at those paths in the site's folder (a cleanup that did not finish).
        leftover = [item["Key"] for path, item in self._site_objects() if under(path, paths)]
        self._delete(leftover)
        return Takedown(self.name, forgotten, before - len(archived) + len(leftover))

    def _is_live(self, file: SiteFile) -> bool:
        """Whether the live object at file's path has file's size (content-hashed names: its bytes)."""
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self._key(file.path))
        except self.client.exceptions.ClientError:
            return False
        return int(head.get("ContentLength", -1)) == file.stored and head.get("ContentEncoding") == file.encoding


def _older(state: State) -> str | None:
    """The kept release made just before the live one (releases are kept newest first)."""
    if state.current not in state.releases:
        return None
    index = state.releases.index(state.current)
    return state.releases[index + 1] if index + 1 < len(state.releases) else None


def _copy_name(file: SiteFile) -> str:
    """A kept copy's name among the records: the file's hash, and how its bytes are stored."""
    return file.sha256 + (".gz" if file.encoding == "gzip" else "")


def _stored_here(site_dir: Path, file: SiteFile, size: int, etag: str) -> bool:
    """Whether an object of this size and ETag holds file as this release stores it."""
    if size != file.stored:
        return False
    if len(etag) != 32 or not all(c in "0123456789abcdef" for c in etag):
        return True  # the server's ETag is not the MD5 of the bytes (JuiceFS): the size must do
    local = site_dir / (f"{file.path}.gz" if file.encoding else file.path)
    return hashlib.md5(local.read_bytes()).hexdigest() == etag


def public_read_policy(bucket: str, prefix: str) -> str:
    """A bucket policy letting anyone read the site's folder, and nothing else of the bucket (not
    the records, when they are kept outside it). Accepted by Amazon S3 and MinIO alike: both know
    Allow with Resource; MinIO refuses NotResource and the aws:PrincipalType condition."""
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadOfTheSite",
                "Effect": "Allow",
                "Principal": {"AWS": ["*"]},
                "Action": ["s3:GetObject"],
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*"],
            }
        ],
    }
    return json.dumps(policy, indent=2)
