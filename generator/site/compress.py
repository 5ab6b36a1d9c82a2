"""Pre-compressed copies of the site's text files (`page.html.gz`, `page.html.br`), made once at
build time so a web server sends them as they are (nginx's gzip_static and brotli_static) instead
of compressing every response. Thai HTML shrinks to about a fifth.

Each copy is kept in the cache by the hash of the file's bytes, so an unchanged file (most of a
rebuild) costs a hash and a link, not a compression. Object storage does not choose between
encodings: `moinext publish` leaves the copies out there (release/files.py).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import time
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from ..keys import KEEP_UNUSED_S, prune_due, write_whole
from .links import link_or_copy
from .policy import is_compressible

ENCODINGS = (".gz", ".br")
# Brotli quality 5: a tenth larger than quality 11 on Thai pages, at a twenty-fifth of the time
# (1.4 ms against 36 ms for a 38 KB story page, measured). gzip 6 (zlib's and nginx's default):
# 0.5 % larger than gzip 9 on a story page, 6 % on a 2.3 MB evidence pack, at half the time
# (0.7 ms against 1.3 ms; 48 ms against 128 ms for the pack, which a title edit makes again).
_BROTLI_QUALITY = 5
_GZIP_LEVEL = 6
# In a cached copy's name: a copy made with other settings is not taken for one made with these.
_SETTINGS = f"gz{_GZIP_LEVEL}br{_BROTLI_QUALITY}"
_SMALLEST = 256  # bytes: below this, compression saves less than the headers cost


def _compressible(site_dir: Path, name: str) -> bool:
    """Whether a file of the site gets compressed copies: a kind worth it, large enough."""
    if not is_compressible(name) or name.rsplit("/", 1)[-1].startswith("."):
        return False
    try:
        return (site_dir / name).stat().st_size >= _SMALLEST
    except OSError:
        return False


def _compress_one(path: Path, cache_dir: Path, site_dir: Path, previous_site: Path | None) -> None:
    if previous_site is not None:
        before = previous_site / path.relative_to(site_dir)
        copies = [before.with_name(before.name + suffix) for suffix in ENCODINGS]
        with contextlib.suppress(OSError):
            if before.stat().st_ino == path.stat().st_ino and all(c.is_file() for c in copies):
                # The very file of the previous site (shared, unchanged): so are its copies.
                for copy, suffix in zip(copies, ENCODINGS, strict=True):
                    link_or_copy(copy, path.with_name(path.name + suffix))
                return
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()
    for suffix in ENCODINGS:
        cached = cache_dir / key[:2] / f"{key}.{_SETTINGS}{suffix}"
        if not _unpacks_to(cached, suffix, data):
            packed = (
                gzip.compress(data, _GZIP_LEVEL, mtime=0)
                if suffix == ".gz"
                else brotli.compress(data, quality=_BROTLI_QUALITY)
            )
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_whole(cached, packed)
        link_or_copy(cached, path.with_name(path.name + suffix))


def _unpacks_to(cached: Path, suffix: str, data: bytes) -> bool:
    """Whether the cached copy is a compression of data. A cache is untrusted input (a planted
    .br would be served to every browser in place of the page); unpacking is a tenth of the
    time packing takes, and only files the build wrote anew get here."""
    # Never more than one byte past what it should give: a planted bomb is not unpacked whole.
    try:
        packed = cached.read_bytes()
        if suffix == ".gz":
            unpacker = zlib.decompressobj(wbits=31)
            unpacked = unpacker.decompress(packed, len(data) + 1)
            return unpacked == data and unpacker.eof and not unpacker.unused_data
        decompressor = brotli.Decompressor()
        unpacked = decompressor.process(packed, output_buffer_limit=len(data) + 1)
        return bool(unpacked == data and decompressor.is_finished())
    except (OSError, brotli.error, zlib.error):
        return False


def precompress(site_dir: Path, cache_dir: Path, previous_site: Path | None, names: Sequence[str]) -> int:
    """Write the .gz and .br copy beside each file named (site paths of files the build wrote
    anew) that is worth compressing; returns how many. A file shared with previous_site takes
    its copies without being read. zlib and brotli release the GIL: both cores work."""
    files = [site_dir / name for name in dict.fromkeys(names) if _compressible(site_dir, name)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        work = pool.map(lambda path: _compress_one(path, cache_dir, site_dir, previous_site), files, chunksize=64)
        for _ in work:
            pass
    if prune_due(cache_dir):
        forget_unlinked(cache_dir)
    return len(files)


def forget_unlinked(cache_dir: Path, older_than_s: float = KEEP_UNUSED_S) -> int:
    """Remove kept copies that no built site links any more (a link count of one: the cache's
    own name) and that are older than a day, so the cache does not grow with every edit.
    Returns how many were removed."""
    stale = time.time() - older_than_s
    removed = 0
    for entry in cache_dir.glob("*/*"):
        with contextlib.suppress(OSError):
            facts = entry.stat()
            if facts.st_nlink == 1 and facts.st_mtime < stale:
                entry.unlink()
                removed += 1
    return removed
