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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from .model import PhotoSettings, Story
from .problems import Problem
from .thai import slugify

# Bump when the processing changes, so cached variants made by older code are not reused.
PIPELINE_VERSION = 6
ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "MPO": "JPEG"}
VARIANT_NAMES = ("large", "medium", "thumb")


@dataclass(frozen=True)
class Variant:
    name: str  # large | medium | thumb
    format: str  # jpeg | webp | png
    width: int
    height: int
    filename: str  # file name inside the cache entry, e.g. "960.webp"


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
    stem: str  # the published name's start: the file's own name and the content hash

    def site_path(self, variant: Variant) -> str:
        """Where the variant is published: beside the story, named after the current file name."""
        return f"{self.story_url}{self.stem}-{variant.filename}"

    def pick(self, name: str, fmt: str | None = None) -> Variant:
        """The variant called name in fmt (default: the fallback format, JPEG or PNG)."""
        fallback = [v for v in self.variants if v.name == name and (v.format == fmt if fmt else v.format != "webp")]
        return fallback[0]


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


@contextmanager
def _header_only_bomb_check() -> Iterator[None]:
    """Let Image.open read the size of any image; our own limit (below Pillow's) then decides.

    Only the header is read while this is in force, so a 30000x30000 file costs nothing; Pillow's
    bomb check stays on for every decode.
    """
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def _truncated(path: Path, kind: str, size: int) -> bool:
    """Whether the file stops before its format's end marker (a cut-off upload or copy)."""
    with path.open("rb") as handle:
        if kind in ("JPEG", "MPO"):
            handle.seek(max(0, size - 64))
            return b"\xff\xd9" not in handle.read()  # EOI, give or take trailing padding
        if kind == "PNG":
            handle.seek(max(0, size - 64))
            return b"IEND" not in handle.read()
        if kind == "WEBP":
            header = handle.read(8)
            return int.from_bytes(header[4:8], "little") + 8 > size
    return False


def inspect_photo(path: Path, settings: PhotoSettings, where: tuple[str, int, int, str]) -> list[Problem]:
    """Check a photo without decoding it: real image type, size limits, bombs, a cut-off file.

    A photo broken inside (rather than cut off) is found when the build decodes it.
    """
    shown, line, column, field = where
    name = path.name
    size = path.stat().st_size
    if size > settings.max_file_mb * 1_000_000:
        return [Problem(shown, line, column, field, "photo.too_large",
                        {"value": name, "size_mb": f"{size / 1e6:.1f}", "limit_mb": f"{settings.max_file_mb:g}"})]
    try:
        with _header_only_bomb_check(), Image.open(path) as image:
            kind = image.format or "unknown"
            width, height = image.size
    except Exception:  # any failure to read a header means "not an image"
        return [Problem(shown, line, column, field, "photo.type", {"value": name, "found": _sniff(path)})]
    if kind not in ALLOWED_FORMATS:
        return [Problem(shown, line, column, field, "photo.type", {"value": name, "found": f"a {kind} image"})]
    megapixels = width * height / 1e6
    if megapixels > settings.max_megapixels:
        return [Problem(shown, line, column, field, "photo.too_many_pixels",
                        {"value": name, "width": width, "height": height, "megapixels": f"{megapixels:.1f}",
                         "limit": f"{settings.max_megapixels:g}"})]
    if _truncated(path, kind, size):
        return [Problem(shown, line, column, field, "photo.corrupt",
                        {"value": name, "reason": "the file is cut off before its end"})]
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


# Encoder and filter choices, measured by benchmarks/bench_photos.py on 4000x3000 q90 photos
# (median ms for the whole photo, one core, all three sizes in WebP and JPEG): LANCZOS with
# progressive JPEG and WebP method 4: 347; WebP method 0: 204; BICUBIC, baseline JPEG, WebP method
# 0: 150. WebP method 0 files were within 3% of method 4's size. Browsers that read WebP (all
# current ones) never fetch the JPEG of a size that has a WebP, so that JPEG is a plain baseline
# fallback. The large size, opened in the lightbox, is JPEG only: its WebP cost 25 ms a photo.
RESAMPLE = Image.Resampling.BICUBIC
JPEG_OPTIONS = {"progressive": False, "optimize": False}
WEBP_OPTIONS = {"method": 0}
WEBP_VARIANTS = ("medium", "thumb")


def process_photo(source: Path, target_dir: Path, settings: PhotoSettings) -> dict:
    """Decode, orient and write every variant of one photo into target_dir; returns its metadata.

    Runs in a worker process, so it takes and returns plain values.
    """
    opened = Image.open(source)
    try:
        return _write_variants(opened, target_dir, settings)
    finally:
        opened.close()


def _write_variants(opened: Image.Image, target_dir: Path, settings: PhotoSettings) -> dict:
    width, height = opened.size
    if opened.format in ("JPEG", "MPO"):
        # Decode at 1/2, 1/4 or 1/8 scale straight from the DCT: most of the speed-up.
        scale = settings.large / max(width, height)
        if scale < 1:
            opened.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
    opened.load()
    # In place: exif_transpose otherwise returns a copy even when there is nothing to turn.
    ImageOps.exif_transpose(opened, in_place=True)
    image: Image.Image = opened
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    wanted = "RGBA" if has_alpha else "RGB"
    if image.mode != wanted:
        image = image.convert(wanted)
    image = _to_srgb(image)
    # Pillow re-writes a JPEG comment (and other info) from image.info on save: start clean.
    image.info = {}
    # The original's longest side caps the sizes, so a draft decode never changes them.
    sizes = _variant_sizes(image.width, image.height, max(width, height), settings)
    formats = (("webp", "WEBP"), ("png", "PNG")) if has_alpha else (("webp", "WEBP"), ("jpeg", "JPEG"))
    variants = []
    current = image
    for name, vw, vh in sizes:
        if (vw, vh) != current.size:
            # Each size is made from the one before it: cheaper, and never more than 2x at a step.
            current = current.resize((vw, vh), RESAMPLE, reducing_gap=2.0)
        for ext, pil_format in formats:
            if ext == "webp" and name not in WEBP_VARIANTS:
                continue
            filename = f"{vw}.{'jpg' if ext == 'jpeg' else ext}"
            out = target_dir / filename
            if not out.exists():
                if pil_format == "JPEG":
                    options: dict = {"quality": settings.jpeg_quality, **JPEG_OPTIONS}
                elif pil_format == "WEBP":
                    options = {"quality": settings.webp_quality, **WEBP_OPTIONS}
                else:
                    options = {"compress_level": 6}
                # Saved from pixels with no exif, icc_profile or comment: no metadata is written.
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

    def known(self, file: Path) -> str | None:
        """The content hash of file if it is unchanged since it was last hashed."""
        stat = file.stat()
        entry = self.entries.get(str(file.resolve()))
        if entry and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
            return entry[2]
        return None

    def remember(self, file: Path, digest: str) -> None:
        stat = file.stat()
        self.entries[str(file.resolve())] = [stat.st_size, stat.st_mtime_ns, digest]
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.entries), encoding="utf-8")
            os.replace(tmp, self.path)


@dataclass(frozen=True)
class _Ref:
    story: Story
    index: int
    source: Path
    stem: str  # slug of the file's name, for the published variants' names


def _entry_dir(root: Path, digest: str) -> Path:
    return root / digest[:2] / digest


def _read_meta(entry: Path) -> dict | None:
    try:
        return json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _run_job(job: tuple[str, str | None, str, dict]) -> tuple[str, dict, bool]:
    """Hash (unless known), look in the cache, and process on a miss: (digest, meta, was_cached).

    Hashing happens here, in the worker, so new photos are hashed on every core at once.
    """
    source, digest, root, settings = job
    digest = digest or _hash_file(Path(source))
    entry = _entry_dir(Path(root), digest)
    meta = _read_meta(entry)
    if meta is not None:
        return digest, meta, True
    tmp = entry.with_name(entry.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    meta = process_photo(Path(source), tmp, PhotoSettings.model_validate(settings))
    (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    try:
        os.replace(tmp, entry)  # atomic: a half-written cache entry is never seen
    except OSError:
        # Another build finished the same photo first; its result is as good as ours.
        for child in tmp.iterdir():
            child.unlink()
        tmp.rmdir()
    return digest, meta, False


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
    root = cache_dir / "photos" / _settings_fingerprint(settings)
    index = _StatIndex(cache_dir / "photos" / "index.json")
    settings_dict = settings.model_dump()
    refs: list[_Ref] = []
    results: dict[Path, tuple[str, dict]] = {}  # source -> (digest, meta)
    jobs: dict[Path, tuple[str, str | None, str, dict]] = {}
    cached = 0
    for story in stories:
        for i, photo in enumerate(story.meta.photos):
            source = story.folder / photo.file
            refs.append(_Ref(story, i, source, slugify(Path(photo.file).stem) or "photo"))
            if source in results or source in jobs:
                continue
            digest = index.known(source)
            meta = _read_meta(_entry_dir(root, digest)) if digest else None
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

    def done(source: Path, outcome: Callable[[], tuple[str, dict, bool]]) -> None:
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
            futures = {source: pool.submit(_run_job, job) for source, job in jobs.items()}
            for source, future in futures.items():
                done(source, future.result)
    else:
        for source, job in jobs.items():
            done(source, lambda job=job: _run_job(job))
    index.save()

    photos: dict[tuple[str, str], ProcessedPhoto] = {}
    problems: list[Problem] = []
    for ref in refs:
        photo = ref.story.meta.photos[ref.index]
        if ref.source in failures:
            problems.append(
                Problem(ref.story.display_path, *ref.story.photo_position(ref.index), f"photos[{ref.index}].file",
                        "photo.corrupt",
                        {"value": photo.file, "reason": failures[ref.source]})
            )
            continue
        digest, meta = results[ref.source]
        variants = tuple(Variant(**v) for v in meta["variants"])
        largest = max(variants, key=lambda v: v.width)
        photos[(ref.story.url, photo.file)] = ProcessedPhoto(
            ref.story.url, photo.file, photo.alt, photo.caption, digest, largest.width, largest.height,
            variants, _entry_dir(root, digest), f"{ref.stem}-{digest[:8]}",
        )
    return PhotoReport(photos, processed, cached, tuple(problems))


def variant_files(report: PhotoReport) -> Iterable[tuple[Path, str]]:
    """(cached file, site path) for every variant of every photo."""
    for photo in report.photos.values():
        for variant in photo.variants:
            yield photo.cache_dir / variant.filename, photo.site_path(variant)

