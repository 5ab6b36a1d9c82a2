"""Writing the web variants of one photo from its pixels alone, so no metadata survives.

Phone photos arrive as multi-megabyte JPEGs, rotated by an EXIF tag and carrying the GPS position
of whoever took them. EXIF orientation is applied first; the variants are then saved with no
EXIF, GPS, XMP, ICC profile (colours are converted to sRGB), comment or maker note.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageOps

from ..content.schema import PhotoSettings
from . import read_heif

# Longest first: each size is made from the one before it. "small" and "mini" are AVIF and WebP
# only: a phone of 360 to 412 px at 1.75 to 2 device pixels a px shows a full-width photo at 630 to
# 760 px, where the medium size cost 50 % more bytes before the page's largest photo was drawn (its
# LCP), and a list's 120 px photo at 210 to 240 px, where the thumb (480) cost three times the bytes.
VARIANT_NAMES = ("large", "medium", "small", "thumb", "mini")


@dataclass(frozen=True)
class Variant:
    name: str  # large | medium | small | thumb | mini
    format: str  # jpeg | png (the fallbacks) | webp | avif
    width: int
    height: int
    filename: str  # file name inside the cache entry, e.g. "960.webp"


def _variant_sizes(width: int, height: int, longest: int, settings: PhotoSettings) -> list[tuple[str, int, int]]:
    """(name, width, height) of each variant of an image of width x height pixels as decoded,
    whose original longest side is `longest`: never larger than the original."""
    sizes = []
    for name in VARIANT_NAMES:
        target = min(getattr(settings, name), longest)
        scale = target / max(width, height)
        sizes.append((name, max(1, round(width * scale)), max(1, round(height * scale))))
    # Largest first whatever the settings say, so each size is only ever made smaller.
    return sorted(sizes, key=lambda size: -size[1])


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
#
# AVIF beside WebP in every web size: the page's largest photo is what a phone waits for (its LCP),
# and AVIF at quality 50 is about half of WebP at 78 (the 14 example photos at 720 px: 13.7 KB
# against 25.1 KB, PSNR 38.3 against 38.9 dB; a woven cloth: 34 KB against 64 KB). Speed 9 encoded
# 3.4x faster (12 against 39 ms) for files 16 % larger at 37.7 dB: a photo is encoded once and
# downloaded by every reader. The same sizes as WebP, so a <source> of AVIF never offers a browser
# fewer widths than WebP would. WebP stays for browsers without AVIF (Safari before 16.4).
RESAMPLE = Image.Resampling.BICUBIC
JPEG_OPTIONS = {"progressive": False, "optimize": False}
WEBP_OPTIONS = {"method": 0}
AVIF_OPTIONS = {"speed": 8}
WEB_VARIANTS = ("medium", "small", "thumb", "mini")  # AVIF and WebP
FALLBACK_VARIANTS = ("large", "medium", "thumb")  # JPEG or PNG: for a browser without AVIF or WebP
# Formats a browser takes only when it says it can, from a <source type>; the others are fallbacks.
MODERN_FORMATS = ("avif", "webp")


def is_fallback(fmt: str) -> bool:
    """Whether variants in fmt (JPEG or PNG) are the ones every browser can show."""
    return fmt not in MODERN_FORMATS


def process_photo(source: Path, target_dir: Path, settings: PhotoSettings) -> dict[str, Any]:
    """Decode, orient and write every variant of one photo into target_dir; returns its metadata.

    Runs in a worker process, so it takes and returns plain values.
    """
    read_heif()
    opened = Image.open(source)
    try:
        return _write_variants(opened, target_dir, settings)
    finally:
        opened.close()


def _write_variants(opened: Image.Image, target_dir: Path, settings: PhotoSettings) -> dict[str, Any]:
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
    fallback = ("png", "PNG", FALLBACK_VARIANTS) if has_alpha else ("jpeg", "JPEG", FALLBACK_VARIANTS)
    formats = (("avif", "AVIF", WEB_VARIANTS), ("webp", "WEBP", WEB_VARIANTS), fallback)
    variants = []
    current = image
    for name, vw, vh in sizes:
        if (vw, vh) != current.size:
            # Each size is made from the one before it: cheaper, and never more than 2x at a step.
            current = current.resize((vw, vh), RESAMPLE, reducing_gap=2.0)
        for ext, pil_format, names in formats:
            if name not in names:
                continue
            filename = f"{vw}.{'jpg' if ext == 'jpeg' else ext}"
            out = target_dir / filename
            if not out.exists():
                if pil_format == "JPEG":
                    options: dict[str, Any] = {"quality": settings.jpeg_quality, **JPEG_OPTIONS}
                elif pil_format == "WEBP":
                    options = {"quality": settings.webp_quality, **WEBP_OPTIONS}
                elif pil_format == "AVIF":
                    options = {"quality": settings.avif_quality, **AVIF_OPTIONS}
                else:
                    options = {"compress_level": 6}
                # Saved from pixels with no exif, icc_profile or comment: no metadata is written.
                current.save(out, pil_format, **options)
            variants.append({"name": name, "format": ext, "width": vw, "height": vh, "filename": filename})
    return {"variants": variants}
