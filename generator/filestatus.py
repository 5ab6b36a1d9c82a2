"""One index of file hashes by file status, with git's rules, for every file moinext reads again
and again: the write-ups (their text's hash), the photos and the built site's files (their bytes'
hash, for publishing).

A file is read again unless its status (device, inode, size, modification and change time) is
the one it had when it was hashed. The change time moves on every write and cannot be set back,
so a file restored with its old size and modification time is still read. A file changed within
RACY_NS before it was hashed may change again within the same tick of the file system's clock
with its status unchanged: its entry is never trusted (git's "racy" files). The status is taken
before the file is read, so a write during the read leaves a status that no longer matches.
Entries are kept by absolute path: a run from another folder finds the same ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path

from .keys import read_sealed, write_sealed

Status = tuple[int, int, int, int, int]  # device, inode, size, modification and change time (ns)
RACY_NS = 3_000_000_000


def status_of(info: os.stat_result) -> Status:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def sha256_of(path: Path) -> str:
    """A file's bytes' hash, read in pieces."""
    with open(path, "rb") as opened:
        return hashlib.file_digest(opened, "sha256").hexdigest()


class FileHashes:
    """Hashes of files by their status (the module's rules). file: where the index is kept between
    runs (None: this run only); it keeps the entries this run used."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.before: dict[str, tuple[Status, str, bool]] | None = None  # read when first needed
        self.now: dict[str, tuple[Status, str, bool]] = {}

    def known(self, path: Path | str, info: os.stat_result | None = None) -> str | None:
        """The hash kept for the file at path if its status is unchanged since (and it was not
        racy then); None: hash it again. info: its status, if the caller has it (lstat)."""
        where = os.path.abspath(path)
        kept = self._before().get(where)
        if kept is None or kept[2]:
            return None
        try:
            info = info or os.lstat(where)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or status_of(info) != kept[0]:
            return None
        self.now[where] = kept
        return kept[1]

    def remember(self, path: Path | str, status: Status, digest: str) -> None:
        """The file at path had this status (taken before it was read) and this hash."""
        racy = max(status[3], status[4]) >= time.time_ns() - RACY_NS
        self.now[os.path.abspath(path)] = (status, digest, racy)

    def sha256(self, path: Path) -> str:
        """The hash of the file's bytes: kept, or read and kept."""
        info = os.lstat(path)
        found = self.known(path, info)
        if found is None:
            found = sha256_of(path)
            self.remember(path, status_of(info), found)
        return found

    def _before(self) -> dict[str, tuple[Status, str, bool]]:
        if self.before is None:
            self.before = self._read()
        return self.before

    def _read(self) -> dict[str, tuple[Status, str, bool]]:
        if self.file is None:
            return {}
        sealed = read_sealed(self.file)
        if sealed is None:
            return {}  # absent, damaged or planted (a hash for a file it was not made from)
        try:
            listed = json.loads(sealed)
            kept: dict[str, tuple[Status, str, bool]] = {}
            for path, (dev, ino, size, modified, changed, digest, racy) in listed.items():
                numbers = (dev, ino, size, modified, changed)
                if all(type(n) is int for n in numbers) and isinstance(digest, str) and isinstance(racy, bool):
                    kept[str(path)] = (numbers, digest, racy)
            return kept
        except (OSError, ValueError, TypeError, AttributeError):
            return {}  # absent or damaged: every file is read

    def save(self) -> None:
        """Keep the entries this run used, for the next."""
        if self.file is None or self.now == self.before:
            return
        listed = {path: [*status, digest, racy] for path, (status, digest, racy) in sorted(self.now.items())}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            write_sealed(self.file, json.dumps(listed).encode("utf-8"))
        except OSError:
            pass  # an unwritable cache only costs time
