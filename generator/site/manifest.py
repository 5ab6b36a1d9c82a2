"""What a built site was made from, kept inside it (urls.BUILD_MANIFEST, never published): the key
of every page and of the search index, so the next build reuses what is unchanged (keys.py)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import urls


@dataclass(frozen=True)
class StoryKeys:
    """A story's keys as a build saw them (incremental.py)."""

    shown: str  # what other pages show of it: its front-matter, folder and photos
    whole: str  # shown, and its body
    document: str  # its search document (search.SearchDocuments)


@dataclass(frozen=True)
class BuildManifest:
    site: str = ""  # what every page depends on (render.site_key)
    pages: dict[str, str] = field(default_factory=dict)  # page address -> key
    search: dict[str, str] = field(default_factory=dict)  # search index part's folder -> its key
    inputs: str = ""  # everything but the stories (incremental.inputs_key)
    stories: dict[str, StoryKeys] = field(default_factory=dict)  # story address -> its keys
    # The menu's pages as mkdocs read them: Markdown and front-matter (render.MenuPage).
    menu: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def read(cls, site_dir: Path | None) -> BuildManifest:
        """The manifest of the site in site_dir; empty (nothing reused) if absent or damaged."""
        if site_dir is None:
            return cls()
        try:
            kept = json.loads((site_dir / urls.BUILD_MANIFEST).read_text(encoding="utf-8"))
            pages = {str(url): str(key) for url, key in kept["pages"].items()}
            search = {str(folder): str(key) for folder, key in kept["search"].items()}
            stories = {str(url): StoryKeys(*map(str, keys)) for url, keys in kept["stories"].items()}
            menu = {str(uri): (str(markdown), dict(meta)) for uri, (markdown, meta) in kept["menu"].items()}
            return cls(str(kept["site"]), pages, search, str(kept["inputs"]), stories, menu)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def write(self, site_dir: Path) -> None:
        kept = {
            "site": self.site,
            "inputs": self.inputs,
            "menu": dict(sorted(self.menu.items())),
            "search": dict(sorted(self.search.items())),
            "stories": {url: [k.shown, k.whole, k.document] for url, k in sorted(self.stories.items())},
            "pages": dict(sorted(self.pages.items())),
        }
        # One line: an indented dump takes json's Python encoder, five times slower at 10,000.
        text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
        (site_dir / urls.BUILD_MANIFEST).write_text(text + "\n", encoding="utf-8")


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


def link_tree(source: Path, target: Path, *, skip: Callable[[str], bool] | None = None) -> None:
    """Every file under source at the same place under target (link_files), but for the files
    and folders directly in source whose name skip() accepts."""
    names = listing(source)
    link_files(source, target, (name for name in names if skip is None or not skip(name.split("/", 1)[0])))


def link_files(source: Path, target: Path, names: Iterable[str | tuple[str, str]]) -> None:
    """Link each file named (a path relative to source, with "/") to the same place under target,
    or each (path under source, path under target), making a folder only where one is missing
    (a skeleton holds most: publish.py). Paths are joined as strings: at 10,000 stories,
    pathlib's joins cost more than the links."""
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


def tree(folder: Path, skip: Collection[str] = ()) -> tuple[dict[str, int], list[str]]:
    """listing(folder), and the folders under it ("a/b/"), each after the folder holding it; not
    looking into the folders skip names ("a/b/")."""
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
                if name not in skip:
                    folders.append(name)
                    stack.append((name, entry.path))
            else:
                found[prefix + entry.name] = entry.inode()
    return found, folders


def reconcile(site_dir: Path, source: Path, wanted: Mapping[str, int], keep: Collection[str] = ()) -> None:
    """Make site_dir (a replaced site, publish.Skeleton, or nothing) hold each file of source that
    wanted names (path -> its inode in source) as that very file, a hard link, and nothing else
    but the folders keep names ("a/b/"), left as they are (another process writes into them).
    Only what differs is touched: a file already the same inode stays, any other file (older,
    stray, planted) is removed, and so is every folder no wanted file or kept folder needs."""
    have, folders = tree(site_dir, skip=keep)
    root = str(site_dir)
    for name, inode in have.items():
        if wanted.get(name) != inode:
            os.unlink(f"{root}/{name}")
    needed: set[str] = set()
    for name in (*wanted, *keep):
        folder = name.rstrip("/").rpartition("/")[0]
        while folder and f"{folder}/" not in needed:
            needed.add(f"{folder}/")
            folder = folder.rpartition("/")[0]
    needed.update(keep)
    for folder in reversed(folders):  # the deepest first
        if folder not in needed:
            with contextlib.suppress(OSError):
                os.rmdir(f"{root}/{folder}")
    link_files(source, site_dir, [name for name, inode in wanted.items() if have.get(name) != inode])


def share_unchanged_files(site_dir: Path, previous_site: Path | None) -> int:
    """Where a file the build wrote anew has the same bytes as the previous site's file at that
    path, keep the previous file instead (a hard link): it keeps its modification time and inode,
    so rsync and the publish step see it as unchanged without reading it. Returns how many.
    Files already linked from the previous site are told apart by their folder listings' inode
    numbers, without a stat each."""
    if previous_site is None:
        return 0
    shared = 0
    before = listing(previous_site)
    for name, inode in listing(site_dir).items():
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
