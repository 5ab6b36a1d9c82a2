"""Stage 1, collect: find the registry and every write-up folder under content/.

Only the folder layout is looked at here; reading and judging the files is validate's job.
"""

from __future__ import annotations

import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..problems import Problem, Severity, display_path
from . import limits

REGISTRY_NAME = "offices.yml"
SYNONYMS_NAME = "synonyms.yml"
# content/pmqa/: an applicant's PMQA submission (<applicant>.yml) and its documents
# (<applicant>/*.pdf); not an office's folder ("pmqa" is a reserved office id).
SUBMISSIONS_DIR = "pmqa"
INDEX_NAME = "index.md"


@dataclass(frozen=True)
class StoryFolder:
    office_id: str
    slug: str
    folder: Path
    files: tuple[str, ...]  # names of the plain files in the folder, sorted

    @cached_property
    def index(self) -> Path:
        return self.folder / INDEX_NAME


@dataclass(frozen=True)
class Inventory:
    content_dir: Path
    registry_file: Path | None
    synonyms_file: Path | None  # optional: words that mean the same to a reader (content/synonyms.py)
    folders: tuple[StoryFolder, ...]
    problems: tuple[Problem, ...]
    # Every plain file outside the write-up folders (offices.yml, synonyms.yml, a logo, and any
    # file added there later): whatever the site is made of besides the stories. A build is made
    # again whole when one changes (site/stale.py), so no new kind of input can be forgotten.
    site_files: tuple[Path, ...] = ()
    submission_files: tuple[Path, ...] = ()  # content/pmqa/<applicant>.yml


def _visible(entries: list[os.DirEntry[str]]) -> list[os.DirEntry[str]]:
    # Dot-folders (.git, .DS_Store) and _underscore drafts folders are not content.
    return sorted((e for e in entries if not e.name.startswith((".", "_"))), key=lambda e: e.name)


def _warn_misplaced(path: Path) -> Problem:
    return Problem(display_path(path), 0, 0, "", "content.misplaced", severity=Severity.WARNING)


class _Scanner:
    """Lists folders without ever following a link: a symbolic link anywhere under content/ could
    point outside it (a private file, the build machine's secrets) or loop, so it is refused.
    Anything that is neither a plain file nor a folder (a pipe, a device) is refused too."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def entries(self, folder: str) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as found:
                listed = _visible(list(found))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.problems.append(Problem(display_path(Path(folder)), 0, 0, "", "file.unreadable", {"reason": reason}))
            return []
        kept = []
        for entry in listed:
            size = len(os.fsencode(entry.name))
            if size > limits.NAME_BYTES:
                params = {"name": entry.name, "size": size, "limit": limits.NAME_BYTES}
                self.problems.append(Problem(display_path(Path(entry.path)), 0, 0, "", "content.name_too_long", params))
            elif entry.is_symlink():
                self.problems.append(Problem(display_path(Path(entry.path)), 0, 0, "", "content.symlink"))
            elif entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
                kept.append(entry)
            else:
                self.problems.append(Problem(display_path(Path(entry.path)), 0, 0, "", "content.not_regular"))
        return self._apart(kept)

    def _apart(self, kept: list[os.DirEntry[str]]) -> list[os.DirEntry[str]]:
        """The entries whose names differ as text, not only in how their marks are ordered or
        composed: two such names are one address to a reader (and one file on a file system that
        normalises, such as macOS's), so each of them is refused and neither is published."""
        by_text: dict[str, list[os.DirEntry[str]]] = defaultdict(list)
        for entry in kept:
            by_text[unicodedata.normalize("NFC", entry.name)].append(entry)
        if len(by_text) == len(kept):
            return kept
        apart = []
        for same in by_text.values():
            if len(same) == 1:
                apart += same
                continue
            for entry in same:
                others = ", ".join(f"'{other.name}'" for other in same if other is not entry)
                params: dict[str, object] = {"name": entry.name, "others": others}
                self.problems.append(Problem(display_path(Path(entry.path)), 0, 0, "", "content.same_name", params))
        return apart


def collect(content_dir: Path) -> Inventory:
    if not content_dir.is_dir():
        folder = display_path(content_dir)
        return Inventory(
            content_dir, None, None, (), (Problem(folder, 0, 0, "", "content.missing", {"folder": folder}),)
        )
    scan = _Scanner()
    folders: list[StoryFolder] = []
    top = scan.entries(str(content_dir))
    registry = next((e for e in top if e.name == REGISTRY_NAME and e.is_file(follow_symlinks=False)), None)
    synonyms = next((e for e in top if e.name == SYNONYMS_NAME and e.is_file(follow_symlinks=False)), None)
    site_files = [Path(e.path) for e in top if e.is_file(follow_symlinks=False)]
    submissions: list[Path] = []
    for office in (e for e in top if e.is_dir(follow_symlinks=False)):
        if office.name == SUBMISSIONS_DIR:
            for entry in scan.entries(office.path):
                inside = scan.entries(entry.path) if entry.is_dir(follow_symlinks=False) else [entry]
                for found in inside:
                    if found.is_file(follow_symlinks=False):
                        site_files.append(Path(found.path))
                if entry.is_file(follow_symlinks=False) and entry.name.endswith(".yml"):
                    submissions.append(Path(entry.path))
            continue
        for entry in scan.entries(office.path):
            if not entry.is_dir(follow_symlinks=False):
                if entry.name.endswith(".md"):
                    scan.problems.append(_warn_misplaced(Path(entry.path)))
                elif entry.is_file(follow_symlinks=False):
                    site_files.append(Path(entry.path))
                continue
            # Paths as strings here: a Path for each of 10,000 folders took a tenth of a second.
            inside = scan.entries(entry.path)
            files = tuple(e.name for e in inside if e.is_file(follow_symlinks=False))
            for sub in inside:
                if sub.is_dir(follow_symlinks=False):
                    index = Path(sub.path) / INDEX_NAME
                    if index.is_file() and not index.is_symlink():
                        scan.problems.append(_warn_misplaced(index))
            if INDEX_NAME not in files:
                if files:
                    folder = display_path(Path(entry.path))
                    scan.problems.append(Problem(folder, 0, 0, "", "content.no_index", severity=Severity.WARNING))
                continue
            folders.append(StoryFolder(office.name, entry.name, Path(entry.path), files))
    return Inventory(
        content_dir,
        Path(registry.path) if registry else None,
        Path(synonyms.path) if synonyms else None,
        tuple(folders),
        tuple(scan.problems),
        tuple(site_files),
        tuple(submissions),
    )


def story_folder(index: Path) -> StoryFolder | None:
    """The folder of one write-up (content/<office>/<slug>/index.md), listed as collect lists it;
    None when collect would not take it (a problem, or no index.md)."""
    scan = _Scanner()
    files = tuple(e.name for e in scan.entries(str(index.parent)) if e.is_file(follow_symlinks=False))
    if scan.problems or INDEX_NAME not in files or index.name != INDEX_NAME:
        return None
    return StoryFolder(index.parent.parent.name, index.parent.name, index.parent, files)
