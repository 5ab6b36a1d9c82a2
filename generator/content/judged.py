"""Write-ups judged clean, kept between runs (StoryCache), so an unchanged write-up is neither
read nor judged again: by everything the judgement reads, and each file by its status
(filestatus.FileHashes). Entries are sealed (keys.seal: an HMAC under a secret outside the
cache), and only a sealed entry is unpickled, by an unpickler that resolves only the classes it
writes; a damaged or planted entry means "judge it again"."""

from __future__ import annotations

import gc
import io
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..filestatus import FileHashes
from ..keys import KEEP_UNUSED_S, code_fingerprint, digest, forget_unused, read_sealed, write_sealed
from .body import Body, BodyCache, Heading
from .collect import StoryFolder
from .schema import FrontMatter, InternalNote, Person, PhotoRef, Result
from .story import ListedPhoto, Story
from .textfile import Signature


class StoryCache:
    """Write-ups judged with no problem at all, by everything validate_story reads (the folder,
    its file names, index.md's text, whether the office is registered, and this program's code):
    kept in memory while a run lasts and in a folder for the next run (every build, a `serve`'s
    included, opens the folder anew), so an unchanged write-up is not parsed and judged again.
    A write-up with any problem, even a warning, is never kept: it is judged afresh each time,
    with its messages. `bodies` keeps the bodies of changed write-ups whose body did not change."""

    _MEMORY_LIMIT = 50_000
    # Every entry the last build used, in one file as well: at 10,000 write-ups, opening a file
    # for each and unpickling each with an unpickler of its own took most of a second.
    _TOGETHER = "together.pickle"

    # What each write-up's file status was when it was last read, and the hash of its text: a
    # file whose status is the same is not read again (as git's index does; textfile.Signature).
    # Reading and hashing 10,000 write-ups took 0.2 s of a 2.5 s rebuild, a status each 0.03 s:
    # an unchanged write-up is not read (filestatus.FileHashes, git's rules).
    _SEEN = "seen.json"

    def __init__(self, folder: Path | None, bodies: BodyCache | None = None) -> None:
        self.folder = folder
        self.bodies = bodies or BodyCache(None)
        self.memory: dict[str, tuple[Story, list[ListedPhoto]]] = {}
        self.used: set[str] = set()
        self.together: frozenset[str] | None = None  # the keys read from _TOGETHER; None: not yet
        self.frozen = False
        self.seen = FileHashes(folder / self._SEEN if folder is not None else None)  # texts' hashes

    def __enter__(self) -> StoryCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Let the collector see again what _read_together froze (a running `serve` builds again
        and again: each build's write-ups must be collectable once it is done)."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def _read_together(self) -> None:
        self.together = frozenset()
        if self.folder is None:
            return
        data = read_sealed(self.folder / self._TOGETHER)
        if data is None:
            return  # absent, damaged or not written by this user's runs: each write-up is read anew
        try:
            # Unpickling makes millions of objects that live as long as the build, and the
            # collector scanned them all, again and again (0.9 s at 10,000 write-ups, then half a
            # second more during the build): they are kept out of its sight (gc.freeze) until
            # close(). Used with `with`, as pipeline.build does.
            enabled = gc.isenabled()
            gc.disable()
            try:
                entries = _JudgedUnpickler(io.BytesIO(data)).load()
            finally:
                gc.freeze()
                self.frozen = True
                if enabled:
                    gc.enable()
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return  # absent or damaged: each write-up is read from its own file
        if not isinstance(entries, dict) or len(entries) > self._MEMORY_LIMIT:
            return
        good = {key: judged for key, judged in entries.items() if isinstance(key, str) and _is_judged(judged)}
        self.memory.update(good)
        self.together = frozenset(good)

    def text_hash_unread(self, path: Path) -> str | None:
        """The hash of the text of the file at path, without reading it, when its status is the
        one it had when an earlier run read it (None: read it)."""
        return self.seen.known(path)

    def saw(self, path: Path, status: Signature | None, text_hash: str) -> None:
        """The file at path, whose status was status, was read and its text hashed."""
        if status is not None:
            self.seen.remember(path, status, text_hash)

    def save(self) -> None:
        """Keep what the next run needs: the entries this run used (save_together) and the status
        of each write-up it read or found unchanged."""
        self.save_together()
        self.seen.save()

    def save_together(self) -> None:
        """Keep the entries this run used in one file for the next run, unless nearly all of them
        are in the one it read: writing 30 MB (10,000 write-ups) costs more than reading the
        few others from their own files."""
        if self.folder is None:
            return
        entries = {key: self.memory[key] for key in sorted(self.used) if key in self.memory}
        if self.together and len(entries.keys() - self.together) * 20 <= len(entries):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_sealed(self.folder / self._TOGETHER, pickle.dumps(entries, protocol=5))
        except OSError:
            pass  # an unwritable cache only costs time

    @staticmethod
    def key(folder: StoryFolder, text_hash: str, office_known: bool) -> str:
        """text_hash: digest() of index.md's text. No path is in the key (the folder is named by
        its office and its own name): a build run from another folder finds the same entries,
        and get() gives them that folder's paths."""
        where = (folder.office_id, folder.slug, str(office_known))
        return digest(code_fingerprint(), *where, text_hash, *folder.files)

    def get(self, key: str, folder: StoryFolder, shown: str) -> tuple[Story, list[ListedPhoto]] | None:
        """The write-up kept under key, with the paths of folder (shown as shown in messages)."""
        known = self._get(key)
        if known is None:
            return None
        story, photos = known
        if story.source == folder.index and story.display_path == shown:
            return known
        kept_in = story.source.parent
        moved = [
            ListedPhoto(folder.folder / photo.path.relative_to(kept_in), (shown, *photo.where[1:])) for photo in photos
        ]
        return replace(story, source=folder.index, display_path=shown), moved

    def _get(self, key: str) -> tuple[Story, list[ListedPhoto]] | None:
        if self.together is None:
            self._read_together()
        self.used.add(key)
        known = self.memory.get(key)
        if known is None and self.folder is not None:
            data = read_sealed(self.folder / key[:2] / key)
            if data is None:
                return None  # absent, damaged or planted: judge it again
            try:
                known = _JudgedUnpickler(io.BytesIO(data)).load()
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                return None  # absent or damaged: judge it again
            if not _is_judged(known):
                return None
            self._remember(key, known)
        return known

    def keep(self, key: str, story: Story, photos: list[ListedPhoto]) -> None:
        self._remember(key, (story, photos))
        if self.folder is None:
            return
        try:
            (self.folder / key[:2]).mkdir(parents=True, exist_ok=True)
            write_sealed(self.folder / key[:2] / key, pickle.dumps((story, photos), protocol=5))
        except OSError:
            pass  # an unwritable cache only costs time; the build reports its own cache problems

    def _remember(self, key: str, judged: tuple[Story, list[ListedPhoto]]) -> None:
        if len(self.memory) >= self._MEMORY_LIMIT:
            self.memory.clear()
        self.memory[key] = judged

    def forget_unused(self, older_than_s: float = KEEP_UNUSED_S) -> None:
        """Remove write-ups this run did not use and older than a day (another build may be reading
        them), at most once an hour (keys.prune_due)."""
        if self.folder is not None:
            forget_unused(self.folder, "*/*", self.used, older_than_s)
        self.bodies.forget_unused(older_than_s)


def _is_judged(entry: object) -> bool:
    return isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], Story)


class _JudgedUnpickler(pickle.Unpickler):
    """Reads back only what StoryCache writes: these classes, by their exact names, and nothing
    reachable from them (pickle resolves dotted names: "story" / "pickle.FunctionType" would
    reach a function's constructor and run code of a planted entry)."""

    # Named by the classes themselves, so a class that moves stays readable. Every model a
    # write-up's front-matter holds is here: one missing (Person was) made every write-up that
    # names its reporter be judged afresh on every build.
    _ALLOWED = frozenset(
        {("datetime", "date"), ("pathlib", "PosixPath"), ("pathlib", "WindowsPath")}
        | {
            (kept.__module__, kept.__qualname__)
            for kept in (Story, ListedPhoto, Body, Heading, FrontMatter, PhotoRef, Result, Person, InternalNote)
        }
    )

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in the write-up cache")
