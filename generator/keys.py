"""Content keys: what a built file was made from, so an unchanged file is reused, not remade.

A key is a hash of every input of a file. Two builds that would write the same bytes have the same
key; any change to an input (the page's view, the configuration, a template, this program's own
code or a library's version) gives a new one. Keys are only ever compared for equality: a missing
or unknown key means "make it again", never "reuse".
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import threading
import time
from collections.abc import Container
from functools import cache
from importlib import metadata
from pathlib import Path

# Libraries whose code shapes the output (templates, Markdown, the index's format).
_LIBRARIES = (
    *("mkdocs", "mkdocs-material", "jinja2", "markdown", "markupsafe", "nh3", "markdown-it-py"),
    # Thai words, provinces and districts: the search documents, addresses and office pages.
    *("pythainlp", "pyicu-wheels", "geothai", "mdit-py-plugins"),
)


def digest(*parts: str | bytes) -> str:
    """One hash of several parts (each length-prefixed, so ("ab", "c") and ("a", "bc") differ)."""
    joined: list[bytes] = []
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        joined += (len(data).to_bytes(8, "little"), data)
    return hashlib.sha256(b"".join(joined)).hexdigest()


def file_digest(path: Path) -> str:
    """A hash of a file's bytes, read in pieces (a file of any size)."""
    with open(path, "rb") as opened:
        return hashlib.file_digest(opened, "sha256").hexdigest()


def folder_digest(folder: Path) -> str:
    """A hash of every file under folder (names and bytes), in a fixed order."""
    parts: list[str | bytes] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


@cache
def code_fingerprint() -> str:
    """This program's own code and data, and the versions of the libraries that shape its output:
    a new release or a local code change remakes every file once (a few milliseconds to compute)."""
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}: absent")
    return digest(folder_digest(Path(__file__).resolve().parent), *versions)


# --- the caches kept by key ------------------------------------------------------------------------

# Cache entries are untrusted input: a shared CI cache, a folder committed by an office or a
# careless copy can hold entries this program never wrote (an edited body with a script in it, a
# judged write-up that was never judged). Every entry is sealed with an HMAC under a secret that
# lives outside the cache and content/ (MOINEXT_CACHE_SECRET, or a file only this user can read),
# and one whose seal does not verify is "make it again", never "publish it". The seal is what
# makes an entry trusted as much as the judgement that made it, and no more.
_SEALED = b"moinext-sealed-1\n"
_SECRET_FILE = "cache-secret"


def _secret_file() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "moinext" / _SECRET_FILE


@cache
def cache_secret() -> bytes:
    """The key the caches are sealed with: MOINEXT_CACHE_SECRET when set (a CI secret, so a
    cache restored in CI is usable there and nowhere else), else a random key made once per user
    in ~/.local/state/moinext/cache-secret (mode 0600), else one for this process only (nothing
    kept is reused, nothing is trusted)."""
    given = os.environ.get("MOINEXT_CACHE_SECRET")
    if given:
        return hashlib.sha256(given.encode("utf-8", "surrogatepass")).digest()
    file = _secret_file()
    with contextlib.suppress(OSError):
        return _read_secret(file)
    with contextlib.suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        made = secrets.token_bytes(32)
        partial = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as opened:
            opened.write(made)
        # link, not rename: of two processes making it at once, the first one's key stands.
        with contextlib.suppress(FileExistsError):
            os.link(partial, file)
        partial.unlink()
        return _read_secret(file)
    return secrets.token_bytes(32)


def _read_secret(file: Path) -> bytes:
    data = file.read_bytes()
    if len(data) < 32:
        raise OSError("the cache secret is too short")
    return data


def seal(data: bytes) -> bytes:
    """data as a cache entry: marked as written by this user's runs (unseal checks the mark)."""
    return _SEALED + hmac.digest(cache_secret(), data, "sha256") + data


def unseal(entry: bytes) -> bytes | None:
    """The data of a cache entry that seal() wrote under this secret; None for anything else."""
    if not entry.startswith(_SEALED):
        return None
    mac, data = entry[len(_SEALED) : len(_SEALED) + 32], entry[len(_SEALED) + 32 :]
    if not hmac.compare_digest(mac, hmac.digest(cache_secret(), data, "sha256")):
        return None
    return data


KEEP_UNUSED_S = 86400  # a cache entry no build used is kept a day: another build may be reading it


def read_sealed(path: Path) -> bytes | None:
    """The data of the cache entry at path, if this user's runs wrote it (write_sealed); None
    when it is absent, unreadable, damaged or planted."""
    try:
        return unseal(path.read_bytes())
    except OSError:
        return None


def write_sealed(path: Path, data: bytes) -> None:
    """Keep data as the cache entry at path, sealed (read_sealed) and whole (write_whole)."""
    write_whole(path, seal(data))


# A cache entry that is linked into the site as it is (a search document, an evidence pack) cannot
# carry its seal inside: its seal is a file beside it, of the hash of its bytes.
_SEAL_SUFFIX = ".seal"


def write_linkable(path: Path, data: bytes) -> None:
    """Keep data as the file at path, to be linked into a site, with its seal beside it."""
    write_whole(path, data)
    write_whole(path.with_name(path.name + _SEAL_SUFFIX), seal(hashlib.sha256(data).digest()))


def linkable(path: Path) -> bool:
    """Whether the file at path is what write_linkable wrote there under this secret (its bytes
    are read and hashed: only files about to be linked anew are asked about)."""
    expected = read_sealed(path.with_name(path.name + _SEAL_SUFFIX))
    if expected is None:
        return False
    try:
        return hmac.compare_digest(expected, bytes.fromhex(file_digest(path)))
    except OSError:
        return False


def write_whole(path: Path, data: bytes) -> None:
    """Write a cache entry so that it is whole or absent, even if this process is killed midway:
    into a temporary file beside it (named by the process and thread: two threads writing the same
    entry, as for two files of the same bytes, shared one name and the second rename failed),
    then one rename."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


# Pruning stats every entry of a cache (thousands at 1,000 stories: a tenth of a second a build);
# an entry is kept a day anyway, so each cache is pruned at most once an hour.
PRUNE_EVERY_S = 3600
_PRUNED_STAMP = ".pruned"


def prune_due(folder: Path, every_s: float = PRUNE_EVERY_S) -> bool:
    """Whether the cache in folder is due to be pruned; if so, notes that it is being pruned now."""
    stamp = folder / _PRUNED_STAMP
    try:
        if time.time() - stamp.stat().st_mtime < every_s:
            return False
    except OSError:
        pass  # never pruned (or unreadable): prune
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    return True


def forget_unused(folder: Path, pattern: str, used: Container[str], older_than_s: float = KEEP_UNUSED_S) -> None:
    """Remove the cache entries in folder matching pattern whose key (the name up to its first
    dot) this run did not use and that are older than older_than_s, so a cache does not grow with
    every edit; at most once an hour (prune_due). A leftover temporary file of write_whole goes the
    same way."""
    if not folder.is_dir() or not prune_due(folder):
        return
    stale = time.time() - older_than_s
    for entry in folder.glob(pattern):
        with contextlib.suppress(OSError):
            if entry.name.split(".", 1)[0] not in used and entry.stat().st_mtime < stale:
                entry.unlink()
