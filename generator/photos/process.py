"""Making the web variants of every photo of every story: cache first, then a pool of workers."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..content.schema import PhotoSettings
from ..content.story import Story
from ..filestatus import FileHashes, Status, status_of
from ..problems import Problem
from ..thai.text import slugify
from .cache import entry_dir, hash_file, read_meta, run_job, settings_fingerprint
from .encode import Variant, is_fallback

_T = TypeVar("_T")
PhotoKey = tuple[str, str, str]  # (office id, story slug, file name as listed)


@dataclass(frozen=True)
class ProcessedPhoto:
    office_id: str
    slug: str
    file: str  # the original file name in the story folder
    alt: str
    caption: str | None
    variants: tuple[Variant, ...]
    cache_dir: Path  # the cache entry holding the variants' files
    stem: str  # the published name's start: the file's own name and the content hash

    def pick(self, name: str, fmt: str | None = None) -> Variant:
        """The variant called name in fmt (default: the fallback format, JPEG or PNG)."""
        return next(v for v in self.variants if v.name == name and (v.format == fmt if fmt else is_fallback(v.format)))


@dataclass(frozen=True)
class PhotoReport:
    photos: dict[PhotoKey, ProcessedPhoto]
    processed: int
    cached: int
    problems: tuple[Problem, ...]

    def of(self, story: Story, file: str) -> ProcessedPhoto | None:
        return self.photos.get((story.office_id, story.slug, file))


class _InProcess:
    """The few calls of a process pool that process_photos uses, run here (one worker, or none)."""

    def __enter__(self) -> _InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, fn: Callable[[Path], _T], items: Iterable[Path]) -> Iterator[_T]:
        return map(fn, items)

    def submit(self, fn: Callable[..., _T], *args: Any) -> Future[_T]:
        future: Future[_T] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future


def _hash_or_error(source: Path) -> tuple[str, str]:
    """(content hash, "") or ("", why the file cannot be read)."""
    try:
        return hash_file(source), ""
    except OSError as exc:
        return "", exc.strerror or str(exc)


@dataclass(frozen=True)
class _Ref:
    story: Story
    index: int
    source: Path
    stem: str  # slug of the file's name, for the published variants' names


def process_photos(
    stories: Iterable[Story],
    settings: PhotoSettings,
    cache_dir: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> PhotoReport:
    """Make the web variants of every photo of every story, reusing the cache where it can.

    A photo whose file status is unchanged is found through the index of file hashes
    (filestatus.FileHashes) without reading it; any other photo is hashed, and a known hash (a
    renamed file) is a cache hit.
    """
    root = cache_dir / "photos" / settings_fingerprint(settings)
    index = FileHashes(cache_dir / "photos" / "seen.json")
    settings_dict = settings.model_dump()
    refs: list[_Ref] = []
    results: dict[Path, tuple[str, dict[str, Any]]] = {}  # source -> (digest, meta)
    jobs: dict[Path, str | None] = {}  # photos to look up or make: source -> content hash if known
    statuses: dict[Path, Status] = {}
    cached = 0
    for story in stories:
        for i, photo in enumerate(story.meta.photos):
            source = story.folder / photo.file
            refs.append(_Ref(story, i, source, slugify(Path(photo.file).stem) or "photo"))
            if source in results or source in jobs:
                continue
            try:
                info = os.lstat(source)  # taken before the photo is read (filestatus)
            except OSError:
                info = None
            digest = index.known(source, info) if info is not None else None
            if info is not None:
                statuses[source] = status_of(info)
            meta = read_meta(entry_dir(root, digest)) if digest else None
            if digest and meta is not None:
                results[source] = (digest, meta)
                cached += 1
            else:
                jobs[source] = digest
    if progress and cached:
        progress(cached)

    failures: dict[Path, str] = {}
    processed = 0
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    with ProcessPoolExecutor(max_workers=workers) if workers > 1 else _InProcess() as pool:
        # New photos are hashed first, on every core, so that the same picture under two names
        # (or in two stories) is processed once: work is grouped by content, not by path.
        unknown = [source for source, digest in jobs.items() if digest is None]
        for source, (digest, error) in zip(unknown, pool.map(_hash_or_error, unknown), strict=True):
            if error:
                failures[source] = error
                del jobs[source]
                if progress:
                    progress(1)
            else:
                jobs[source] = digest
        by_digest: dict[str, list[Path]] = {}
        for source, known in jobs.items():
            by_digest.setdefault(str(known), []).append(source)
        futures = {
            digest: pool.submit(run_job, sources[0], digest, root, settings_dict)
            for digest, sources in by_digest.items()
        }
        for digest, future in futures.items():
            sources = by_digest[digest]
            try:
                meta, was_cached = future.result()
            except Exception as exc:  # a broken photo is the office's to fix, not a crash
                for source in sources:
                    failures[source] = str(exc) or type(exc).__name__
            else:
                processed += not was_cached
                cached += len(sources) - (not was_cached)  # the others are the same picture
                for source in sources:
                    results[source] = (digest, meta)
                    if source in statuses:
                        index.remember(source, statuses[source], digest)
            if progress:
                progress(len(sources))
    index.save()

    photos: dict[PhotoKey, ProcessedPhoto] = {}
    problems: list[Problem] = []
    for ref in refs:
        photo = ref.story.meta.photos[ref.index]
        if ref.source in failures:
            problems.append(
                Problem(
                    ref.story.display_path,
                    *ref.story.photo_position(ref.index),
                    f"photos[{ref.index}].file",
                    "photo.corrupt",
                    {"value": photo.file, "reason": failures[ref.source]},
                )
            )
            continue
        digest, meta = results[ref.source]
        photos[(ref.story.office_id, ref.story.slug, photo.file)] = ProcessedPhoto(
            ref.story.office_id,
            ref.story.slug,
            photo.file,
            photo.alt,
            photo.caption,
            tuple(Variant(**v) for v in meta["variants"]),
            entry_dir(root, digest),
            f"{ref.stem}-{digest[:8]}",
        )
    return PhotoReport(photos, processed, cached, tuple(problems))
