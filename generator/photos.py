"""Stage 3, photos: check each photo, then write small web variants with no metadata.

Phone photos arrive as multi-megabyte JPEGs, rotated by an EXIF tag and carrying the GPS position
of whoever took them. What is published is re-encoded from pixels alone (EXIF orientation applied
first), so no EXIF, GPS, XMP, comment or maker note can survive. Work is cached by content hash in
a folder outside content/ and the output, so an unchanged photo is never processed twice.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from .model import PhotoSettings, Story
from .problems import Problem
from .thai import slugify

# Bump when the processing changes, so cached variants made by older code are not reused.
PIPELINE_VERSION = 2
ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "MPO": "JPEG"}
VARIANT_NAMES = ("large", "medium", "thumb")


@dataclass(frozen=True)
class Variant:
    name: str  # large | medium | thumb
    format: str  # jpeg | webp | png
    width: int
    height: int
    filename: str  # file name inside the cache entry and on the site


@dataclass(frozen=True)
class ProcessedPhoto:
    story_url: str  # office/slug/
    file: str  # the original file name in the story folder
    alt: str
    caption: str | None
    digest: str
    width: int  # of the largest variant
    height: int
    variants: tuple[Variant, ...]
    cache_dir: Path

    def site_path(self, variant: Variant) -> str:
        return f"{self.story_url}{variant.filename}"

    def pick(self, name: str, fmt: str | None = None) -> Variant:
        """The variant called name in fmt (default: the fallback format, JPEG or PNG)."""
        fallback = [v for v in self.variants if v.name == name and (v.format == fmt if fmt else v.format != "webp")]
        return fallback[0]

    def srcset(self, fmt: str) -> str:
        seen: dict[int, str] = {}
        for v in self.variants:
            if v.format == fmt:
                seen.setdefault(v.width, f"{v.filename} {v.width}w")
        return ", ".join(seen[w] for w in sorted(seen))


@dataclass(frozen=True)
class PhotoReport:
    photos: dict[tuple[str, str], ProcessedPhoto]  # (story_url, file) -> photo
    processed: int
    cached: int
    problems: tuple[Problem, ...]


def _settings_fingerprint(settings: PhotoSettings) -> str:
    data = json.dumps([PIPELINE_VERSION, settings.model_dump()], sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:12]


# --- checking ----------------------------------------------------------------------------------


def inspect_photo(path: Path, settings: PhotoSettings, where: tuple[str, int, int, str]) -> list[Problem]:
    """Check a photo without decoding all of it: real image type, size limits, bombs."""
    shown, line, column, field = where
    name = path.name
    size = path.stat().st_size
    if size > settings.max_file_mb * 1_000_000:
        return [Problem(shown, line, column, field, "photo.too_large",
                        {"value": name, "size_mb": f"{size / 1e6:.1f}", "limit_mb": f"{settings.max_file_mb:g}"})]
    try:
        with warnings.catch_warnings():
            # Pillow's bomb warning becomes an error: a photo this large is a mistake or an attack.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format or "unknown"
                width, height = image.size
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return [Problem(shown, line, column, field, "photo.too_many_pixels",
                        {"value": name, "width": "?", "height": "?", "megapixels": "> 89",
                         "limit": f"{settings.max_megapixels:g}"})]
    except Exception:
        return [Problem(shown, line, column, field, "photo.type", {"value": name, "found": _sniff(path)})]
    if kind not in ALLOWED_FORMATS:
        return [Problem(shown, line, column, field, "photo.type", {"value": name, "found": f"a {kind} image"})]
    megapixels = width * height / 1e6
    if megapixels > settings.max_megapixels:
        return [Problem(shown, line, column, field, "photo.too_many_pixels",
                        {"value": name, "width": width, "height": height, "megapixels": f"{megapixels:.1f}",
                         "limit": f"{settings.max_megapixels:g}"})]
    return []


def _sniff(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head.startswith(b"PK"):
        return "a ZIP or Office document"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return "a HEIC photo (export it as JPEG)"
    if not head:
        return "an empty file"
    return "not an image file"


# --- processing --------------------------------------------------------------------------------


def _variant_sizes(width: int, height: int, longest: int, settings: PhotoSettings) -> list[tuple[str, int, int]]:
    """(name, width, height) of each variant of an image of width x height pixels as decoded,
    whose original longest side is `longest`: never larger than the original."""
    sizes = []
    for name in VARIANT_NAMES:
        target = min(getattr(settings, name), longest)
        scale = target / max(width, height)
        sizes.append((name, max(1, round(width * scale)), max(1, round(height * scale))))
    return sizes


_SRGB = ImageCms.createProfile("sRGB")


def _to_srgb(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=image.mode) or image
    except (ImageCms.PyCMSError, OSError):
        return image


def process_photo(source: Path, target_dir: Path, stem: str, settings: PhotoSettings) -> dict:
    """Decode, orient and write every variant of one photo into target_dir; returns its metadata.

    Runs in a worker process, so it takes and returns plain values.
    """
    with Image.open(source) as opened:
        width, height = opened.size
        if opened.format in ("JPEG", "MPO"):
            # Decode at 1/2, 1/4 or 1/8 scale straight from the DCT: most of the speed-up.
            scale = settings.large / max(width, height)
            if scale < 1:
                opened.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
        opened.load()
        image = ImageOps.exif_transpose(opened)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image = _to_srgb(image)
    # Pillow re-writes a JPEG comment (and other info) from image.info on save: start clean.
    image.info = {}
    # The original's longest side caps the sizes, so a draft decode never changes them.
    sizes = _variant_sizes(image.width, image.height, max(width, height), settings)
    variants = []
    current = image
    for name, vw, vh in sizes:
        if (vw, vh) != current.size:
            current = current.resize((vw, vh), Image.Resampling.LANCZOS, reducing_gap=3.0)
        formats = (("webp", "WEBP"), ("png", "PNG")) if has_alpha else (("webp", "WEBP"), ("jpeg", "JPEG"))
        for ext, pil_format in formats:
            filename = f"{stem}-{vw}.{'jpg' if ext == 'jpeg' else ext}"
            out = target_dir / filename
            if not out.exists():
                options: dict = {}
                if pil_format == "JPEG":
                    options = {"quality": settings.jpeg_quality, "progressive": True, "optimize": True}
                elif pil_format == "WEBP":
                    options = {"quality": settings.webp_quality, "method": 4}
                elif pil_format == "PNG":
                    options = {"optimize": False, "compress_level": 6}
                # Saving from pixels with no exif/icc/comment arguments writes no metadata at all.
                current.save(out, pil_format, **options)
            variants.append({"name": name, "format": ext, "width": vw, "height": vh, "filename": filename})
    return {"variants": variants}


def _hash_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class _StatIndex:
    """Remembers each file's content hash by (path, size, mtime), so warm builds do not re-read photos."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.entries: dict[str, list] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        self.dirty = False

    def digest(self, file: Path) -> str:
        stat = file.stat()
        key = str(file.resolve())
        entry = self.entries.get(key)
        if entry and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
            return entry[2]
        digest = _hash_file(file)
        self.entries[key] = [stat.st_size, stat.st_mtime_ns, digest]
        self.dirty = True
        return digest

    def save(self) -> None:
        if self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.entries), encoding="utf-8")
            os.replace(tmp, self.path)


@dataclass(frozen=True)
class _Job:
    story: Story
    index: int
    source: Path
    digest: str
    entry_dir: Path
    stem: str


def _run_job(job_args: tuple[str, str, str, dict]) -> dict:
    source, entry_dir, stem, settings = job_args
    target = Path(entry_dir)
    tmp = target.with_name(target.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    meta = process_photo(Path(source), tmp, stem, PhotoSettings.model_validate(settings))
    (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    try:
        os.replace(tmp, target)  # atomic: a half-written cache entry is never seen
    except OSError:
        # Another process finished the same photo first; its result is as good as ours.
        for child in tmp.iterdir():
            child.unlink()
        tmp.rmdir()
    return meta


def process_photos(
    stories: Iterable[Story],
    settings: PhotoSettings,
    cache_dir: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> PhotoReport:
    """Make the web variants of every photo of every story, reusing the cache where it can."""
    fingerprint = _settings_fingerprint(settings)
    root = cache_dir / "photos" / fingerprint
    index = _StatIndex(cache_dir / "photos" / "index.json")
    jobs: list[_Job] = []
    for story in stories:
        for i, ref in enumerate(story.meta.photos):
            source = story.folder / ref.file
            digest = index.digest(source)
            stem = f"{slugify(Path(ref.file).stem) or 'photo'}-{digest[:8]}"
            jobs.append(_Job(story, i, source, digest, root / digest[:2] / digest, stem))
    index.save()

    metas: dict[Path, dict] = {}
    todo: dict[Path, _Job] = {}
    for job in jobs:
        meta_file = job.entry_dir / "meta.json"
        if job.entry_dir in metas or job.entry_dir in todo:
            continue
        try:
            metas[job.entry_dir] = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            todo[job.entry_dir] = job
    cached = len(metas)
    if progress:
        progress(cached)

    problems: list[Problem] = []
    settings_dict = settings.model_dump()
    args = [(str(j.source), str(j.entry_dir), j.stem, settings_dict) for j in todo.values()]
    workers = workers or os.cpu_count() or 1
    if len(args) > 1 and workers > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(args))) as pool:
            futures = [pool.submit(_run_job, a) for a in args]
            for job, future in zip(todo.values(), futures, strict=True):
                _collect(job, future.result, metas, problems)
                if progress:
                    progress(1)
    else:
        for job, a in zip(todo.values(), args, strict=True):
            _collect(job, lambda a=a: _run_job(a), metas, problems)
            if progress:
                progress(1)

    photos: dict[tuple[str, str], ProcessedPhoto] = {}
    for job in jobs:
        meta = metas.get(job.entry_dir)
        if meta is None:
            continue
        ref = job.story.meta.photos[job.index]
        variants = tuple(Variant(**v) for v in meta["variants"])
        largest = max(variants, key=lambda v: v.width)
        photos[(job.story.url, ref.file)] = ProcessedPhoto(
            job.story.url, ref.file, ref.alt, ref.caption, job.digest, largest.width, largest.height,
            variants, job.entry_dir,
        )
    return PhotoReport(photos, len(todo) - len(problems), cached, tuple(problems))


def _collect(job: _Job, result: Callable[[], dict], metas: dict[Path, dict], problems: list[Problem]) -> None:
    try:
        metas[job.entry_dir] = result()
    except Exception as exc:
        problems.append(
            Problem(job.story.display_path, 0, 0, f"photos[{job.index}].file", "photo.corrupt",
                    {"value": job.source.name, "reason": str(exc) or type(exc).__name__})
        )


def variant_files(report: PhotoReport) -> Iterable[tuple[Path, str]]:
    """(cached file, site path) for every variant of every photo."""
    for photo in report.photos.values():
        for variant in photo.variants:
            yield photo.cache_dir / variant.filename, photo.site_path(variant)

