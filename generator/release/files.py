"""What a built site publishes: every file with its hash and size, in the order a release writes
them. The build's own files (names starting with "." at the top) are never published; the
pre-compressed copies (.gz, .br) go only to web servers that choose between encodings."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..filestatus import FileHashes
from ..keys import digest
from ..site import urls
from ..site.compress import ENCODINGS
from ..site.policy import is_content_hashed

MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class SiteFile:
    path: str  # site path, "th-50/pha-thai-jomthong/index.html"
    sha256: str  # of the file as built
    size: int
    # How it is stored where it is published: "gzip" (its .gz copy, served with Content-Encoding:
    # gzip) or None (as built); stored_size is then the copy's size.
    encoding: str | None = None
    stored_size: int | None = None

    @property
    def stored(self) -> int:
        return self.size if self.stored_size is None else self.stored_size

    def same_as(self, other: SiteFile) -> bool:
        """Whether other is this file, stored the same way (nothing to write)."""
        return (self.sha256, self.encoding) == (other.sha256, other.encoding)


def site_files(site_dir: Path, *, compressed: bool, hashes: FileHashes | None = None) -> dict[str, SiteFile]:
    """Every file site_dir publishes, by site path. compressed: include the .gz/.br copies.
    hashes: kept by file status (a rebuilt site shares most files with the previous one, hard
    links: a publish hashes only what the build wrote anew)."""
    hashes = hashes or FileHashes(None)
    found: dict[str, SiteFile] = {}
    for folder, folders, names in os.walk(site_dir):
        here = Path(folder)
        at_top = here == site_dir
        if at_top:
            folders[:] = [f for f in folders if not f.startswith(".")]
        for name in names:
            if (at_top and (name.startswith(".") or name == urls.HEADERS_FILE)) or (
                not compressed and name.endswith(ENCODINGS)
            ):
                # The build's own files, and the headers file of hosts that deploy the folder
                # themselves (Netlify): a bucket or a web server has its own headers, and served it
                # as a file.
                continue
            path = here / name
            site_path = path.relative_to(site_dir).as_posix()
            sha, size = hashes.sha256(path), path.stat().st_size
            found[site_path] = SiteFile(site_path, sha, size)
    hashes.save()
    return dict(sorted(found.items()))


def publish_phase(site_path: str) -> int:
    """The order a release writes files in, so a visitor never meets a page whose assets are
    missing: 0 files whose names carry their content's hash (new names only: nothing live
    changes), 1 other files at fixed addresses (styles, scripts, the search entry point, feeds),
    2 pages. Deletions come after all of them."""
    if is_content_hashed(site_path):
        return 0
    return 2 if site_path.endswith(".html") else 1


def release_id(files: dict[str, SiteFile], now: dt.datetime | None = None) -> str:
    """A release's name: when it was made (UTC, to the microsecond: names sort as releases were
    made, which rollback relies on) and a hash of what it holds."""
    moment = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S.%fZ")
    return f"{moment}-{digest(*(f'{f.path} {f.sha256}' for f in files.values()))[:10]}"


def manifest_json(release: str, files: dict[str, SiteFile]) -> bytes:
    data = {
        "format": MANIFEST_FORMAT,
        "release": release,
        "files": {
            f.path: [f.sha256, f.size] if f.encoding is None else [f.sha256, f.size, f.encoding, f.stored]
            for f in files.values()
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8")


def read_manifest(data: bytes) -> dict[str, SiteFile]:
    """A release's files from its manifest; PublishError-free: the caller says what was damaged."""
    loaded = json.loads(data.decode("utf-8"))
    if not isinstance(loaded, dict) or loaded.get("format") != MANIFEST_FORMAT:
        raise ValueError("not a release manifest of this format")
    files = loaded.get("files")
    if not isinstance(files, dict):
        raise ValueError("no list of files")
    found: dict[str, SiteFile] = {}
    for path, entry in files.items():
        plain = isinstance(entry, list) and len(entry) >= 2 and isinstance(entry[0], str) and type(entry[1]) is int
        if plain and len(entry) == 2:
            found[path] = SiteFile(path, entry[0], entry[1])
        elif plain and len(entry) == 4 and entry[2] == "gzip" and type(entry[3]) is int:
            found[path] = SiteFile(path, entry[0], entry[1], "gzip", entry[3])
        else:
            raise ValueError(f"a damaged entry for {path!r}")
    return found
