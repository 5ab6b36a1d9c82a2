"""Making the web variants of every photo of every story: cache first, then a pool of workers."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.schema import PhotoSettings
from ..content.story import Story
from ..problems import Problem
from ..thai.text import slugify
from .cache import StatIndex, entry_dir, read_meta, run_job, settings_fingerprint
from .encode import Variant

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
        return next(v for v in self.variants if v.name == name and (v.format == fmt if fmt else v.format != "webp"))


@dataclass(frozen=True)
class PhotoReport:
    photos: dict[PhotoKey, ProcessedPhoto]
    processed: int
    cached: int
    problems: tuple[Problem, ...]

    def of(self, story: Story, file: str) -> ProcessedPhoto | None:
        return self.photos.get((story.office_id, story.slug, file))


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

    A photo whose path, size and modification time are unchanged is found through the stat index
    without reading it; any other photo is hashed, and a known hash (a renamed file) is a cache hit.
    """
    root = cache_dir / "photos" / settings_fingerprint(settings)
    index = StatIndex(cache_dir / "photos" / "index.json")
    settings_dict = settings.model_dump()
    refs: list[_Ref] = []
    results: dict[Path, tuple[str, dict[str, Any]]] = {}  # source -> (digest, meta)
    jobs: dict[Path, tuple[str, str | None, str, dict[str, Any]]] = {}
    cached = 0
    for story in stories:
        for i, photo in enumerate(story.meta.photos):
            source = story.folder / photo.file
            refs.append(_Ref(story, i, source, slugify(Path(photo.file).stem) or "photo"))
            if source in results or source in jobs:
                continue
            digest = index.known(source)
            meta = read_meta(entry_dir(root, digest)) if digest else None
            if digest and meta is not None:
                results[source] = (digest, meta)
                cached += 1
            else:
                jobs[source] = (str(source), digest, str(root), settings_dict)
    if progress and cached:
        progress(cached)

    failures: dict[Path, str] = {}
    processed = 0
    workers = min(workers or os.cpu_count() or 1, len(jobs))

    def done(source: Path, outcome: Callable[[], tuple[str, dict[str, Any], bool]]) -> None:
        nonlocal cached, processed
        try:
            digest, meta, was_cached = outcome()
        except Exception as exc:  # a broken photo is the office's to fix, not a crash
            failures[source] = str(exc) or type(exc).__name__
        else:
            results[source] = (digest, meta)
            index.remember(source, digest)
            cached += was_cached
            processed += not was_cached
        if progress:
            progress(1)

    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {source: pool.submit(run_job, job) for source, job in jobs.items()}
            for source, future in futures.items():
                done(source, future.result)
    else:
        for source, job in jobs.items():
            done(source, lambda job=job: run_job(job))
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
