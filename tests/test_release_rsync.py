"""Publishing to a web server's folder for real: rsync into a local folder standing in for the
server (the same rsync command and the same shell commands `ssh` would run there)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import PUBLISHING_STORIES, copy_example, free_port, wait_until_listening
from generator import pipeline, publishing

TODAY = dt.date(2026, 11, 24)
STORY = "th-50/pha-thai-jomthong"

pytestmark = [
    pytest.mark.slow,  # A real sshd and rsync: make test-fast leaves these to make test.
    pytest.mark.skipif(
        shutil.which("rsync") is None and os.environ.get("MOINEXT_REQUIRE_BROWSER") != "1",
        reason="rsync is not installed (make test installs it)",
    ),
]


class Server:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.www = root / "www"
        self.content, self.config = copy_example(
            root,
            "site_url: https://moinext.example.go.th/\n"
            f"publish:\n  keep_releases: 3\n  targets:\n    web:\n      kind: rsync\n      destination: {self.www}\n",
            stories=PUBLISHING_STORIES,
        )
        self.out = root / "site"

    def build(self) -> dict[str, bytes]:
        result = pipeline.build(self.content, self.config, self.out, today=TODAY)
        assert result.ok, result.problems[:3]
        return files(self.out)

    def publish(self) -> publishing.PublishResult:
        result = publishing.publish(self.out, self.config)
        assert result.ok, [p.message() for p in result.problems]
        return result

    def live(self) -> dict[str, bytes]:
        return files(self.www / "current")

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.content / path
        file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def files(site: Path) -> dict[str, bytes]:
    """What a release holds: every file but the build's own (.moinext*) and the headers file of hosts
    that deploy the folder themselves, compressed copies included."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
        and not p.relative_to(site).as_posix().startswith(".")
        and p.relative_to(site).as_posix() != "_headers"  # for hosts that deploy the folder themselves
    }


@pytest.fixture
def server(tmp_path: Path) -> Server:
    return Server(tmp_path)


def test_releases_switch_in_one_step_share_unchanged_files_and_roll_back(server: Server) -> None:
    first = server.build()
    report = server.publish().report
    assert report and len(report.uploaded) == len(first)
    current = server.www / "current"
    assert current.is_symlink() and os.readlink(current) == f"releases/{report.release}"
    assert server.live() == first and any(p.endswith(".br") for p in first)
    assert not (current / ".moinext-build.json").exists()

    server.edit(f"{STORY}/index.md", "กลุ่มทอผ้าบ้านแม่กลาง อำเภอจอมทอง", "กลุ่มทอผ้าแม่กลาง อำเภอจอมทอง")
    second = server.build()
    changed = sorted(p for p in second if first.get(p) != second[p])
    dry = publishing.publish(server.out, server.config, dry_run=True).report
    assert dry and sorted(dry.uploaded) == changed
    assert server.live() == first  # a dry run changes nothing
    report = server.publish().report
    assert report and sorted(report.uploaded) == changed and len(changed) < len(second) / 10
    assert server.live() == second
    releases = sorted((server.www / "releases").iterdir())
    assert len(releases) == 2
    # Unchanged files are one file on the server's disk, shared by both releases.
    photo = next(p for p in first if p.startswith(STORY) and p.endswith(".webp"))
    assert (releases[0] / photo).stat().st_ino == (releases[1] / photo).stat().st_ino

    shutil.rmtree(server.content / "th-50/damrongdham-15-days")
    third = server.build()
    dry = publishing.publish(server.out, server.config, dry_run=True).report
    withdrawn = sorted(p for p in second if p not in third)
    assert dry and dry.deleted == withdrawn and withdrawn  # a dry run said 0 deletions, always
    server.publish()
    assert server.live() == third and not (current / "th-50/damrongdham-15-days").exists()

    assert publishing.rollback(server.config).ok
    assert server.live() == second
    assert publishing.rollback(server.config).ok
    assert server.live() == first
    assert not publishing.rollback(server.config).ok  # nothing older is kept
    # Forward again: every release is still kept.
    assert publishing.rollback(server.config, to=releases[1].name).ok
    assert server.live() == second


def test_a_takedown_removes_the_kept_releases_that_hold_a_withdrawn_story(server: Server) -> None:
    server.build()
    server.publish()
    story = "th-50/damrongdham-15-days"
    refused = publishing.takedown([f"{story}/"], server.config)
    assert not refused.ok and "withdraw the story first" in refused.problems[0].message()
    shutil.rmtree(server.content / story)
    third = server.build()
    server.publish()
    taken = publishing.takedown([f"/{story}/"], server.config)
    assert taken.ok and taken.report and len(taken.report.forgotten) == 1
    held = [p for p in (server.www / "releases").rglob("*") if story in p.as_posix()]
    assert held == [] and server.live() == third
    assert [p.name for p in (server.www / "releases").iterdir()] == [os.readlink(server.www / "current")[9:]]


def test_publish_verify_sends_a_file_damaged_on_the_server_again(server: Server) -> None:
    """rsync compares size and time: a page damaged on the server at the same size and time was
    linked into every later release. --verify compares bytes."""
    first = server.build()
    server.publish()
    page = server.www / "current" / "index.html"
    stat = page.stat()
    damaged = bytearray(page.read_bytes())
    damaged[100:110] = b"XXXXXXXXXX"
    page.write_bytes(bytes(damaged))
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    server.publish()
    assert server.live() != first  # the damage was linked into the new release
    result = publishing.publish(server.out, server.config, verify=True)
    assert result.ok and server.live() == first


def test_only_the_kept_number_of_releases_stays(server: Server) -> None:
    for n in range(5):
        server.edit(f"{STORY}/index.md", "ผ้าทอมือจอมทองสู่ตลาดออนไลน์", f"ผ้าทอมือจอมทองสู่ตลาดออนไลน์ ({n})")
        server.build()
        server.publish()
    releases = sorted(p.name for p in (server.www / "releases").iterdir())
    assert len(releases) == 3 and os.readlink(server.www / "current") == f"releases/{releases[-1]}"


def test_a_publish_killed_midway_leaves_the_live_release_whole(server: Server) -> None:
    first = server.build()
    server.publish()
    for n in range(40):  # enough new files that rsync is still writing when it is killed
        shutil.copytree(server.content / STORY, server.content / f"th-50/copy-{n}")
        server.edit(f"th-50/copy-{n}/index.md", "title: ผ้าทอ", f"title: สำเนา {n} ผ้าทอ")
    server.build()
    command = [sys.executable, "-m", "generator", "publish", "--site", str(server.out), "--config", str(server.config)]
    # Its own process group, killed whole (as a CI runner kills a cancelled job): rsync too.
    running = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    releases = server.www / "releases"
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".partial") for p in releases.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.005)
    assert running.poll() is None, "the publish finished before it could be killed"
    os.killpg(running.pid, signal.SIGKILL)
    running.wait()
    assert server.live() == first  # the live release, whole; the unfinished one is not linked
    server.publish()  # the next publish finishes the job and clears the leftover
    assert not any(p.name.endswith(".partial") for p in releases.iterdir())
    assert server.live() == files(server.out)


@pytest.fixture
def ssh_server(tmp_path: Path) -> Iterator[tuple[int, str, Path]]:
    """OpenSSH's server on a free port of 127.0.0.1, accepting one key made here; yields
    (port, the ssh command line that uses that key, its log)."""
    sshd = Path("/usr/sbin/sshd")
    if not sshd.exists() or (os.geteuid() != 0 and not Path("/run/sshd").is_dir()):
        if os.environ.get("MOINEXT_REQUIRE_BROWSER") == "1":
            pytest.fail("OpenSSH's server is required (make test installs it)")
        pytest.skip("OpenSSH's server is not installed")
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # its privilege separation folder
    keys = tmp_path / "ssh"
    keys.mkdir()
    for name in ("host", "client"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True)
    shutil.copyfile(keys / "client.pub", keys / "authorized_keys")
    port = free_port()
    (keys / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\n"
        f"PidFile {keys / 'sshd.pid'}\nStrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PermitRootLogin prohibit-password\nUsePAM no\n",
        encoding="utf-8",
    )
    log = keys / "sshd.log"
    server = subprocess.Popen([str(sshd), "-D", "-E", str(log), "-f", str(keys / "sshd_config")])
    try:
        wait_until_listening(port, server, lambda: log.read_text(errors="replace") if log.exists() else "")
        ssh = f"ssh -i {keys / 'client'} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
        yield port, ssh, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_publishing_over_ssh_to_a_real_server(
    tmp_path: Path, ssh_server: tuple[int, str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, ssh, log = ssh_server
    monkeypatch.setenv("MOINEXT_SSH", ssh)
    server = Server(tmp_path)
    user = pwd.getpwuid(os.geteuid()).pw_name
    text = server.config.read_text(encoding="utf-8").replace(
        f"destination: {server.www}\n", f"destination: {user}@127.0.0.1:{server.www}\n      ssh_port: {port}\n"
    )
    server.config.write_text(text, encoding="utf-8")
    first = server.build()
    assert server.publish().report
    assert server.live() == first
    server.edit(f"{STORY}/index.md", "ผ้าทอมือจอมทองสู่ตลาดออนไลน์", "ผ้าทอมือจอมทองขายออนไลน์")
    second = server.build()
    logins = log.read_text(errors="replace").count("Accepted publickey")
    report = server.publish().report
    # The files the edit changed, and only those, are sent.
    changed = sorted(path for path in second if first.get(path) != second[path])
    assert report and changed and sorted(report.uploaded) == changed
    assert server.live() == second
    # One login for the whole publish (each publish made six).
    assert log.read_text(errors="replace").count("Accepted publickey") == logins + 1
    assert publishing.rollback(server.config).ok and server.live() == first
    # A changed host key: one clear line, not twenty lines of literal "\n".
    other = tmp_path / "other-host-key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True)
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{port} {(other.with_suffix('.pub')).read_text()}", encoding="utf-8")
    strict = ssh.replace("StrictHostKeyChecking=no", "StrictHostKeyChecking=yes").replace(
        "UserKnownHostsFile=/dev/null", f"UserKnownHostsFile={known}"
    )
    monkeypatch.setenv("MOINEXT_SSH", strict)
    refused = publishing.publish(server.out, server.config)
    message = refused.problems[0].message("en")
    assert not refused.ok and "host key is not the one known" in message and "\\n" not in message
    assert server.live() == first


def test_on_a_terminal_publish_shows_the_plan_and_changes_nothing_until_accepted(server: Server) -> None:
    import pty

    server.build()
    command = [sys.executable, "-m", "generator", "publish", "--site", str(server.out), "--config", str(server.config)]

    def publish_answering(answer: bytes) -> tuple[int, str]:
        pid, terminal = pty.fork()
        if pid == 0:  # the child: publish, on the terminal
            os.execv(sys.executable, command)
        said = b""
        while b"Publish?" not in said:
            chunk = os.read(terminal, 4096)
            assert chunk, said
            said += chunk
        os.write(terminal, answer)
        with contextlib.suppress(OSError):
            while chunk := os.read(terminal, 4096):
                said += chunk
        return os.waitpid(pid, 0)[1] >> 8, said.decode(errors="replace")

    code, said = publish_answering(b"n\n")
    assert code == 1 and "files to write" in said and "nothing published" in said
    assert not (server.www / "current").exists()
    code, said = publish_answering(b"y\n")
    assert code == 0 and "published to web" in said and (server.www / "current").is_symlink()
