"""Stage 1, collect: find the registry and every write-up folder under content/.

Only the folder layout is looked at here; reading and judging the files is validate's job.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, Severity, display_path

REGISTRY_NAME = "offices.yml"
INDEX_NAME = "index.md"


@dataclass(frozen=True)
class StoryFolder:
    office_id: str
    slug: str
    folder: Path
    files: tuple[str, ...]  # names of the plain files in the folder, sorted

    @property
    def index(self) -> Path:
        return self.folder / INDEX_NAME


@dataclass(frozen=True)
class Inventory:
    content_dir: Path
    registry_file: Path | None
    folders: tuple[StoryFolder, ...]
    problems: tuple[Problem, ...]


def _visible(entries: list[os.DirEntry[str]]) -> list[os.DirEntry[str]]:
    # Dot-folders (.git, .DS_Store) and _underscore drafts folders are not content.
    return sorted((e for e in entries if not e.name.startswith((".", "_"))), key=lambda e: e.name)


def _warn_misplaced(path: Path) -> Problem:
    return Problem(display_path(path), 0, 0, "", "content.misplaced", severity=Severity.WARNING)


def collect(content_dir: Path) -> Inventory:
    if not content_dir.is_dir():
        return Inventory(
            content_dir,
            None,
            (),
            (Problem(display_path(content_dir), 0, 0, "", "content.missing", {"folder": display_path(content_dir)}),),
        )
    problems: list[Problem] = []
    folders: list[StoryFolder] = []
    registry = content_dir / REGISTRY_NAME
    with os.scandir(content_dir) as top:
        offices = [e for e in _visible(list(top)) if e.is_dir()]
    for office in offices:
        with os.scandir(office.path) as it:
            entries = _visible(list(it))
        for entry in entries:
            if not entry.is_dir():
                if entry.name.endswith(".md"):
                    problems.append(_warn_misplaced(Path(entry.path)))
                continue
            with os.scandir(entry.path) as it:
                inside = _visible(list(it))
            files = tuple(e.name for e in inside if e.is_file())
            for sub in inside:
                if sub.is_dir() and (Path(sub.path) / INDEX_NAME).exists():
                    problems.append(_warn_misplaced(Path(sub.path) / INDEX_NAME))
            if INDEX_NAME not in files:
                if files:
                    problems.append(
                        Problem(display_path(Path(entry.path)), 0, 0, "", "content.no_index", severity=Severity.WARNING)
                    )
                continue
            folders.append(StoryFolder(office.name, entry.name, Path(entry.path), files))
    return Inventory(
        content_dir,
        registry if registry.is_file() else None,
        tuple(folders),
        tuple(problems),
    )
