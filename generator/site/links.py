"""Putting files of one folder into another without copying them: hard links, made with as few
file-system calls as a build of 10,000 stories can afford (paths joined as strings, a folder made
only where one is missing). Safe because built sites and cache entries are replaced whole, never
written in place: a link shares bytes that no one will change.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path


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
    except OSError:  # another file system: a copy, as a new file (target may be a site's link)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        shutil.copyfile(source, target)


def link_files(source: Path, target: Path, names: Iterable[str | tuple[str, str]]) -> None:
    """Link each file named (a path relative to source, with "/") to the same place under target,
    or each (path under source, path under target), making a folder only where one is missing
    Paths are joined as strings: at 10,000 stories, pathlib's joins cost more than the links."""
    above, below = str(source), str(target)
    for name in names:
        here, there = (name, name) if isinstance(name, str) else name
        old, new = f"{above}/{here}", f"{below}/{there}"
        try:
            os.link(old, new)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(new), exist_ok=True)
            link_or_copy(Path(old), Path(new))
        except OSError:
            link_or_copy(Path(old), Path(new))


def listing(folder: Path) -> dict[str, int]:
    """Every file under folder by its path relative to it, with its inode number, read from the
    folder listings alone (no stat of any file)."""
    return tree(folder)[0]


def tree(folder: Path) -> tuple[dict[str, int], list[str]]:
    """listing(folder), and the folders under it ("a/b/"), each after the folder holding it."""
    found: dict[str, int] = {}
    folders: list[str] = []
    stack = [("", str(folder))]
    while stack:
        prefix, path = stack.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                name = f"{prefix}{entry.name}/"
                folders.append(name)
                stack.append((name, entry.path))
            else:
                found[prefix + entry.name] = entry.inode()
    return found, folders


def reconcile(site_dir: Path, wanted: Mapping[str, int], keep: Collection[str] = ()) -> tuple[set[str], set[str]]:
    """Make site_dir (an older site, publish.spare_folder) hold nothing but the files wanted
    names that are already there as that very file (path -> inode: the live site's own, a hard
    link), and those keep names, whatever they are (they are linked again by name later). Every
    other file is removed. Returns the names wanted already in place (nothing of a spare is
    trusted but a file that is the live site's own), and the folders files were removed from:
    left for the build to write into (a folder made again costs more than a file), and given to
    remove_empty_folders once the site is written."""
    have, _ = tree(site_dir)
    root = str(site_dir)
    in_place = set()
    emptied = set()
    for name, inode in have.items():
        if wanted.get(name) == inode:
            in_place.add(name)
        elif name not in keep:
            os.unlink(f"{root}/{name}")
            emptied.add(name.rpartition("/")[0])
    return in_place, emptied


def remove_empty_folders(site_dir: Path, folders: Collection[str]) -> None:
    """Remove each of these folders of site_dir ("a/b") that is empty, and each folder above it
    that this leaves empty."""
    root = str(site_dir)
    for folder in sorted(folders, key=lambda name: name.count("/"), reverse=True):  # the deepest first
        while folder:
            try:
                os.rmdir(f"{root}/{folder}")
            except OSError:
                break  # not empty (or gone): nor is any folder above it emptied by this
            folder = folder.rpartition("/")[0]


def share_unchanged_files(site_dir: Path, previous_site: Path | None, names: Iterable[str]) -> int:
    """Where a file the build wrote anew (names: site paths) has the same bytes as the previous
    site's file at that path, keep the previous file instead (a hard link): it keeps its
    modification time and inode, so rsync and the publish step see it as unchanged without
    reading it. Returns how many."""
    if previous_site is None:
        return 0
    shared = 0
    for name in names:
        path, old = site_dir / name, previous_site / name
        try:
            new_status, old_status = path.stat(), old.stat()
        except OSError:
            continue
        if not stat.S_ISREG(old_status.st_mode) or os.path.samestat(new_status, old_status):
            continue
        if new_status.st_size != old_status.st_size:
            continue  # already the previous file (a search index's kept file), or not the same
        if path.read_bytes() == old.read_bytes():
            partial = path.with_name(f".{path.name}.{os.getpid()}.share")
            try:
                os.link(old, partial)
            except OSError:
                continue  # another file system: the copy stays
            os.replace(partial, path)
            shared += 1
    return shared


def move_tree(source: Path, target: Path) -> None:
    """Move everything under source to the same place under target (a file there is replaced),
    then remove source: a renderer's pages, a search index part, into the site. A folder target
    lacks is moved whole, in one rename: making it again (and removing the emptied one) cost
    0.5 s of a full build at 1,000 stories."""
    target.mkdir(parents=True, exist_ok=True)
    stack = [(str(source), str(target))]
    while stack:
        here, there = stack.pop()
        for entry in os.scandir(here):
            new = f"{there}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                try:
                    os.rename(entry.path, new)  # fails when new is a folder already (not empty)
                    continue
                except OSError:
                    if not os.path.isdir(new) or os.path.islink(new):
                        raise
                stack.append((entry.path, new))
            else:
                os.replace(entry.path, new)
    shutil.rmtree(source, ignore_errors=True)
