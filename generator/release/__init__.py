"""From a built folder to the public: releases on object storage or a web server, and rollback.

`files` lists what a built site publishes (with each file's hash, kind and order); `s3` puts a
release into an S3-compatible bucket, uploading only what changed, and `rsync` into a new folder
on a web server, switched in by one link. Both keep the last releases for `rollback`. Nothing
here reads content or knows how the site was built: the input is a built site folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..filestatus import FileHashes


class PublishError(Exception):
    """Publishing or rolling back could not go on; the message says why and what is live."""


@dataclass
class PublishReport:
    target: str
    release: str  # the release now live (or that would be, with dry_run)
    uploaded: list[str] = field(default_factory=list)  # site paths written, in the order written
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False
    seconds: float = 0.0
    bytes_sent: int = 0
    repaired: list[str] = field(default_factory=list)  # by --verify: site paths that differed, written again
    notes: list[str] = field(default_factory=list)  # what the operator should know, in a line each


@dataclass
class Kept:
    """A target's kept releases, newest first; the live one; a publish that did not finish."""

    releases: list[str]
    live: str | None
    interrupted: str | None = None


@dataclass
class Takedown:
    """What `moinext takedown` did: the kept releases forgotten (each had a file taken down) and
    how many stored files it removed."""

    target: str
    forgotten: list[str]
    removed: int


def under(site_path: str, taken_down: list[str]) -> bool:
    """Whether site_path is one of the paths taken down or inside one of their folders."""
    return any(site_path == t or site_path.startswith(t if t.endswith("/") else f"{t}/") for t in taken_down)


# A publish deletes at most this many files, or a tenth of the live ones if more, unless told
# otherwise (--max-deletes, --yes): a build of one story published over a 15-story site deleted
# 130 files without a word.
DELETES_FLOOR = 20


def max_deletes_for(live_files: int, given: int | None) -> int:
    """How many files a publish may delete over live_files live ones (given: the operator's)."""
    return given if given is not None else max(DELETES_FLOOR, live_files // 10)


# Progress of long work: (what, how many) -> advance(by). A terminal shows a bar, CI plain lines.
Progress = Callable[[str, int], Callable[[int], None]]


class Release(Protocol):
    name: str

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
    ) -> PublishReport: ...

    def rollback(self, to: str | None = None) -> PublishReport:
        """Make the kept release `to` live (by default the one before the live one)."""
        ...

    def kept(self) -> Kept: ...

    def takedown(self, paths: list[str]) -> Takedown:
        """Remove every kept release (never the live one) that has a file at or under paths, and
        every stored copy only they needed: what a takedown request asks once the story is
        withdrawn from the live site."""
        ...


def open_target(name: str, target: object) -> Release:
    """The release mechanism for a target of site_config.yml's publish.targets."""
    from ..content.schema import RsyncTarget, S3Target
    from .rsync import RsyncRelease
    from .s3 import S3Release

    if isinstance(target, S3Target):
        return S3Release(name, target)
    if isinstance(target, RsyncTarget):
        return RsyncRelease(name, target)
    raise PublishError(f"{name}: unknown kind of target")
