"""The photo cache: processed variants by content hash, in a folder outside content/ and the output.

An unchanged photo is never processed twice: the stat index finds a file's hash by (path, size,
mtime) without reading it, and an entry is published atomically (a half-written one is never seen).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..content.schema import PhotoSettings
from ..keys import read_sealed, write_sealed
from .encode import process_photo

# Bump when the processing changes, so cached variants made by older code are not reused.
PIPELINE_VERSION = 7


def settings_fingerprint(settings: PhotoSettings) -> str:
    data = json.dumps([PIPELINE_VERSION, settings.model_dump()], sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:12]


def hash_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def cache_unwritable(cache_dir: Path) -> str | None:
    """Why the cache folder cannot be written (so photos are not blamed for it), or None."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache_dir, prefix=".probe-"):
            pass
    except OSError as exc:
        return f"cannot write the cache folder {cache_dir}: {exc.strerror or exc}"
    return None


def entry_dir(root: Path, digest: str) -> Path:
    return root / digest[:2] / digest


def read_meta(entry: Path) -> dict[str, Any] | None:
    """What the entry's processing found (sizes, variants), if this user's runs made it (sealed:
    a planted entry is processed again)."""
    sealed = read_sealed(entry / "meta.json")
    if sealed is None:
        return None
    try:
        meta = json.loads(sealed)
    except ValueError:
        return None
    return meta if isinstance(meta, dict) else None


def run_job(source: Path, digest: str, root: Path, settings: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Look in the cache for the picture with this content hash, and process it on a miss:
    (meta, was_cached). Runs in a worker process, so it takes and returns plain values."""
    entry = entry_dir(root, digest)
    meta = read_meta(entry)
    if meta is not None:
        return meta, True
    tmp = entry.with_name(entry.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    meta = process_photo(source, tmp, PhotoSettings.model_validate(settings))
    write_sealed(tmp / "meta.json", json.dumps(meta).encode("utf-8"))
    try:
        os.replace(tmp, entry)  # atomic: a half-written cache entry is never seen
    except OSError:
        # Another build finished the same photo first; its result is as good as ours.
        for child in tmp.iterdir():
            child.unlink()
        tmp.rmdir()
    return meta, False
