"""What a built site was made from, kept inside it (urls.BUILD_MANIFEST, never published): the key
of every page and of the search index, so the next build reuses what is unchanged (keys.py)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import urls


@dataclass(frozen=True)
class BuildManifest:
    site: str = ""  # what every page depends on (render.site_key)
    pages: dict[str, str] = field(default_factory=dict)  # page address -> key
    search: dict[str, str] = field(default_factory=dict)  # search index part's folder -> its key

    @classmethod
    def read(cls, site_dir: Path | None) -> BuildManifest:
        """The manifest of the site in site_dir; empty (nothing reused) if absent or damaged."""
        if site_dir is None:
            return cls()
        try:
            kept = json.loads((site_dir / urls.BUILD_MANIFEST).read_text(encoding="utf-8"))
            pages = {str(url): str(key) for url, key in kept["pages"].items()}
            search = {str(folder): str(key) for folder, key in kept["search"].items()}
            return cls(str(kept["site"]), pages, search)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def write(self, site_dir: Path) -> None:
        search, pages = dict(sorted(self.search.items())), dict(sorted(self.pages.items()))
        kept = {"site": self.site, "search": search, "pages": pages}
        (site_dir / urls.BUILD_MANIFEST).write_text(json.dumps(kept, indent=0) + "\n", encoding="utf-8")


def link_or_copy(source: Path, target: Path) -> None:
    """Put source's bytes at target: a hard link where the file system allows (no copying; safe
    because built sites and cache entries are replaced whole, never written in place)."""
    try:
        os.link(source, target)
    except FileExistsError:
        if not os.path.samefile(source, target):
            target.unlink()  # a new file of the site replaces one taken from the previous build
            link_or_copy(source, target)
    except FileNotFoundError:
        if not source.exists():
            raise
        target.parent.mkdir(parents=True, exist_ok=True)  # only when missing: mkdir is not free
        link_or_copy(source, target)
    except OSError:
        shutil.copyfile(source, target)


def link_tree(source: Path, target: Path, *, skip: Callable[[str], bool] | None = None) -> None:
    """Every file under source at the same place under target (link_or_copy), but for the files
    and folders directly in source whose name skip() accepts."""
    for folder, subfolders, names in os.walk(source):
        here = Path(folder)
        if skip is not None and here == source:
            subfolders[:] = [name for name in subfolders if not skip(name)]
            names = [name for name in names if not skip(name)]
        for name in names:
            link_or_copy(here / name, target / here.relative_to(source) / name)


def _inodes(folder: Path) -> dict[str, int]:
    """Every file under folder by its path relative to it, with its inode number, read from the
    folder listings alone (no stat of any file)."""
    found: dict[str, int] = {}
    stack = [("", str(folder))]
    while stack:
        prefix, path = stack.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((f"{prefix}{entry.name}/", entry.path))
            else:
                found[prefix + entry.name] = entry.inode()
    return found


def share_unchanged_files(site_dir: Path, previous_site: Path | None) -> int:
    """Where a file the build wrote anew has the same bytes as the previous site's file at that
    path, keep the previous file instead (a hard link): it keeps its modification time and inode,
    so rsync and the publish step see it as unchanged without reading it. Returns how many.
    Files already linked from the previous site are told apart by their folder listings' inode
    numbers, without a stat each."""
    if previous_site is None:
        return 0
    shared = 0
    before = _inodes(previous_site)
    for name, inode in _inodes(site_dir).items():
        if before.get(name, inode) == inode:
            continue  # the previous site's very file, or a file it did not have
        path, old = site_dir / name, previous_site / name
        try:
            if path.stat().st_size != old.stat().st_size or not old.is_file():
                continue
        except OSError:
            continue
        if path.read_bytes() == old.read_bytes():
            partial = path.with_name(f".{path.name}.{os.getpid()}.share")
            try:
                os.link(old, partial)
            except OSError:
                continue  # another file system: the copy stays
            os.replace(partial, path)
            shared += 1
    return shared
