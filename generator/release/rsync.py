"""A release into a folder on a web server, over rsync and SSH (or into a folder on this machine).

    <destination>/releases/<id>/   one folder per release, unchanged files hard-linked to the
                                   previous release's (rsync --link-dest): only changes travel
    <destination>/current          a symbolic link to the live release: the web server's root

rsync writes a new release into `<id>.partial/`, which is renamed to `<id>/` when complete; the
`current` link is then replaced in one rename (`mv -T`), so visitors see the previous release
until that instant and the new one after it, never a mixture: the order in which files travel
(content-hashed assets, other files, pages) cannot show, and nothing is deleted from a live
folder. Older releases beyond the kept number are removed last. `rollback` points `current` at
the release before it, in one rename.

The same shell commands run on the server (through ssh) or here (through sh), so the tests drive
exactly what runs in production.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..content.schema import RsyncTarget
from ..filestatus import FileHashes
from ..site import urls
from . import Kept, Progress, PublishError, PublishReport, Takedown, under
from .files import release_id, site_files

_DESTINATION = re.compile(r"^(?:(?P<host>(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+):)?(?P<path>/.*)$")
_RELEASE = re.compile(r"^[0-9]{8}T[0-9]{6}\.[0-9]{6}Z-[0-9a-f]{10}$")


class RsyncRelease:
    def __init__(self, name: str, target: RsyncTarget) -> None:
        match = _DESTINATION.match(target.destination)
        if not match:
            raise PublishError(f"{target.destination}: not user@host:/folder or /folder")
        self.name = name
        self.host = match["host"]  # None: a folder on this machine
        self.base = match["path"].rstrip("/") or "/"
        self.port = target.ssh_port
        self._control: str | None = None  # the folder of the shared connection's socket, while open

    def _ssh(self) -> list[str]:
        # MOINEXT_SSH: another ssh command line, e.g. "ssh -i ~/.ssh/deploy_key" on a CI runner.
        ssh = shlex.split(os.environ.get("MOINEXT_SSH", "ssh"))
        # Timeouts: a server that accepts the connection and never answers hung past 60 s.
        options = ["-o", "BatchMode=yes", "-o", "ConnectTimeout=15", "-o", "ServerAliveInterval=15"]
        if self._control is not None:
            # One connection (one login) for every command and the rsync of a publish: six were made.
            options += ["-o", "ControlMaster=auto", "-o", f"ControlPath={self._control}/%C", "-o", "ControlPersist=60"]
        return [*ssh, *options, *(["-p", str(self.port)] if self.port else [])]

    @contextlib.contextmanager
    def _connection(self) -> Iterator[None]:
        """Every ssh of the block shares one connection, closed at its end."""
        if self.host is None or self._control is not None:
            yield
            return
        with tempfile.TemporaryDirectory(prefix="moinext-ssh-") as folder:
            self._control = folder
            try:
                yield
            finally:
                with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                    subprocess.run([*self._ssh(), "-O", "exit", self.host], capture_output=True, timeout=15)
                self._control = None

    def _call(self, command: list[str], timeout: float, what: str = "") -> str:
        """Run a command, returning what it printed; any failure is a PublishError naming where."""
        where = f"{what}{self._where()}"
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PublishError(f"{where}: {exc}") from exc
        if done.returncode != 0:
            raise PublishError(f"{where}: {_ssh_said(done.stderr) or f'exit status {done.returncode}'}")
        return done.stdout

    def _run(self, script: str) -> str:
        """Run a POSIX shell script on the server (or here), returning what it printed."""
        return self._call([*self._ssh(), self.host, script] if self.host else ["sh", "-c", script], 600)

    def _where(self) -> str:
        return f"{self.host}:{self.base}" if self.host else self.base

    def releases(self) -> tuple[list[str], str | None]:
        """(kept releases, oldest first; the live one)."""
        base = shlex.quote(self.base)
        listing = self._run(
            f"mkdir -p {base}/releases && ls -1 {base}/releases && echo @ && (readlink {base}/current || true)"
        )
        names, _, current = listing.partition("@\n")
        kept = sorted(name for name in names.split() if _RELEASE.match(name))
        live = current.strip().rsplit("/", 1)[-1] or None
        return kept, live

    def _switch(self, release: str) -> None:
        base = shlex.quote(self.base)
        # ln then mv -T: the rename replaces the link in one step (GNU coreutils, as on Debian).
        self._run(f"cd {base} && ln -sfn releases/{release} current.new && mv -T current.new current")

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
        with self._connection():
            return self._publish(site_dir, keep, dry_run, hashes, verify)

    def rollback(self, to: str | None = None) -> PublishReport:
        with self._connection():
            return self._rollback(to)

    def takedown(self, paths: list[str]) -> Takedown:
        with self._connection():
            return self._takedown(paths)

    def kept(self) -> Kept:
        with self._connection():
            kept, live = self.releases()
        return Kept(kept[::-1], live)

    def _publish(
        self, site_dir: Path, keep: int, dry_run: bool, hashes: FileHashes | None, verify: bool
    ) -> PublishReport:
        # progress: rsync sends one stream and names files as it goes (--out-format), not counted.
        # max_deletes is not asked here: a release is a new folder beside the live one, switched
        # in by one link, so a wrong publish deletes nothing live and one rollback undoes it.
        started = time.perf_counter()
        files = site_files(site_dir, compressed=True, hashes=hashes)
        release = release_id(files)
        kept, live = self.releases()
        report = PublishReport(self.name, release, dry_run=dry_run)
        base = self.base
        if live:
            # What the new release no longer has (a dry run said 0, always: it compared with an
            # empty new folder).
            listed = self._run(f"cd {shlex.quote(f'{base}/releases/{live}')} && find . -type f")
            had = {line[2:] for line in listed.splitlines() if line.startswith("./")}
            report.deleted = sorted(path for path in had - set(files) if not path.startswith("."))
        partial = f"{base}/releases/{release}.partial/"
        remote = f"{self.host}:{partial}" if self.host else partial
        command = [
            "rsync",
            "--recursive",
            "--links",
            "--times",
            # Times compared to the nanosecond: with whole seconds (rsync's default), a file rebuilt
            # within the same second at the same size (a small edit's .br copy) was taken as
            # unchanged and the old bytes stayed live. The build keeps unchanged files' times
            # (site/links.share_unchanged_files), so those are still linked, not sent.
            "--modify-window=-1",
            "--perms",
            "--chmod=D755,F644",
            "--delete",
            "--exclude=/.*",  # the build's own files
            f"--exclude=/{urls.HEADERS_FILE}",  # for hosts that deploy the folder themselves (files.py)
            "--out-format=%n",
            # --verify: files compared with the live release by their bytes, not size and time,
            # so a file damaged on the server is sent again instead of linked into the new release.
            *(["--checksum"] if verify else []),
            *([f"--link-dest={base}/releases/{live}/"] if live else []),
            *(["--dry-run"] if dry_run else []),
            *(["-e", shlex.join(self._ssh())] if self.host else []),
            f"{site_dir}/",
            remote,
        ]
        if not dry_run:
            self._run(f"mkdir -p {shlex.quote(partial)}")
        printed = self._call(command, 3600, "rsync to ")
        sent = [line for line in printed.splitlines() if line and not line.endswith("/")]
        report.uploaded = [path for path in sent if not path.startswith("deleting ")]
        report.unchanged = len(files) - len(report.uploaded)
        report.bytes_sent = sum(files[p].size for p in report.uploaded if p in files)
        if dry_run:
            return report
        final = shlex.quote(f"{base}/releases/{release}")
        self._run(f"mv -T {shlex.quote(partial.rstrip('/'))} {final}")
        self._switch(release)
        # Last: releases beyond the kept number (never the live one), and unfinished ones.
        older = [name for name in kept if name != release][: max(0, len(kept) + 1 - keep)]
        leftovers = f"{shlex.quote(base)}/releases/*.partial"
        doomed = " ".join(shlex.quote(f"{base}/releases/{name}") for name in older)
        self._run(f"rm -rf -- {doomed} $(ls -d {leftovers} 2>/dev/null | grep -v {shlex.quote(release)} || true)")
        if older:
            report.notes.append(f"{len(older)} older releases removed (keep_releases: {keep})")
        report.seconds = time.perf_counter() - started
        return report

    def _takedown(self, paths: list[str]) -> Takedown:
        kept, live = self.releases()
        base = shlex.quote(self.base)
        # One listing of every kept release's files, on the server: "<release> <path>" a line.
        listing = self._run(
            f"cd {base}/releases && for r in {' '.join(shlex.quote(r) for r in kept) or ':'}; do "
            '[ -d "$r" ] && (cd "$r" && find . -type f | sed "s|^\\./|$r |"); done; true'
        )
        hit: set[str] = set()
        for line in listing.splitlines():
            release, _, path = line.partition(" ")
            if under(path, paths):
                if release == live:
                    raise PublishError(
                        f"{path} is in the live release: withdraw the story first (remove it or mark it draft), "
                        "build and publish, then take it down from the kept releases"
                    )
                hit.add(release)
        forgotten = sorted(hit)
        if forgotten:
            self._run(f"rm -rf -- {' '.join(shlex.quote(f'{self.base}/releases/{r}') for r in forgotten)}")
        return Takedown(self.name, forgotten, sum(1 for line in listing.splitlines() if line.split(" ", 1)[0] in hit))

    def _rollback(self, to: str | None) -> PublishReport:
        started = time.perf_counter()
        kept, live = self.releases()
        if to is not None:
            if to not in kept:
                raise PublishError(f"release {to} is not kept in {self._where()}/releases; kept: {', '.join(kept)}")
            back_to = to
        elif live not in kept or kept.index(live) == 0:
            raise PublishError(f"no release before {live or 'the live one'} is kept in {self._where()}/releases")
        else:
            back_to = kept[kept.index(live) - 1]
        self._switch(back_to)
        return PublishReport(self.name, back_to, seconds=time.perf_counter() - started)


def _ssh_said(stderr: str) -> str:
    """What ssh or rsync said, in one line: a changed host key's twenty-line warning was printed as
    one line of literal "\\n"s."""
    if "REMOTE HOST IDENTIFICATION HAS CHANGED" in stderr or "Host key verification failed" in stderr:
        return (
            "the server's host key is not the one known for it (ssh: Host key verification failed); if the "
            "server was reinstalled, get its new key from its administrator and replace the old one in "
            "known_hosts (ssh-keygen -R <host>); otherwise do not publish: someone may stand between"
        )
    lines = [line.strip() for line in stderr.splitlines() if line.strip() and not set(line.strip()) <= {"@"}]
    return " / ".join(lines[-3:])
