"""Content keys: what a built file was made from, so an unchanged file is reused, not remade.

A key is a hash of every input of a file. Two builds that would write the same bytes have the same
key; any change to an input (the page's view, the configuration, a template, this program's own
code or a library's version) gives a new one. Keys are only ever compared for equality: a missing
or unknown key means "make it again", never "reuse".
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Container
from functools import cache
from importlib import metadata
from pathlib import Path

# Libraries whose code shapes the output (templates, Markdown, the index's format).
_LIBRARIES = (
    *("mkdocs", "mkdocs-material", "jinja2", "markdown", "markupsafe", "pagefind", "nh3", "markdown-it-py"),
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

KEEP_UNUSED_S = 86400  # a cache entry no build used is kept a day: another build may be reading it


def write_whole(path: Path, data: bytes) -> None:
    """Write a cache entry so that it is whole or absent, even if this process is killed midway:
    into a temporary file beside it (named by the process), then one rename."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
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
